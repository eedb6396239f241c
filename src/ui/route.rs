//! The site's routes. Paths are stable: citizens share them.
//!
//! `Routable` is written here rather than derived: the derive recognises a
//! path with `route_recognizer`, an automaton built at run time for these
//! sixteen fixed patterns, and that and the code it generates were about
//! 14 KB of every module (issue #16), where a match on the path's segments
//! does the same. yew-router still does the routing (its router, links,
//! navigator and history); parameters are decoded and encoded as the derive
//! does (`urlencoding`).

use std::collections::HashMap;

use yew_router::Routable;

/// A page of the site; its address patterns are `Routable::routes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    CompareGoals,
    CompareFinance,
    Compare,
    Accessibility,
    Glossary,
    EmbedReport {
        report: String,
    },
    EmbedGoal {
        report: String,
        goal: String,
    },
    EmbedChart {
        report: String,
        chart: String,
    },
    Report {
        report: String,
    },
    Goal {
        report: String,
        goal: String,
    },
    Finance {
        report: String,
    },
    Chart {
        report: String,
        chart: String,
    },
    /// A board's reports over the years (issue #33).
    Board {
        board: String,
    },
    /// A council goal across the city's boards over the years.
    CouncilGoal {
        goal: String,
    },
    /// Also any address that is no other route.
    NotFound,
}

const EMBED: &str = "inbaddning";
const COMPARE: &str = "jamfor";
const GOAL: &str = "mal";
const FINANCE: &str = "ekonomi";
const ACCESSIBILITY: &str = "tillganglighet";
const GLOSSARY: &str = "begrepp";
const NOT_FOUND: &str = "sidan-finns-inte";
const BOARD: &str = "namnd";
const COUNCIL_GOAL: &str = "kf-mal";

/// The query keys a page reads (besides `lang`, which every page reads;
/// `Route::query_keys`): a report's goal filters, by status and målområde;
/// the years a board's page shows, and the finance comparison's; the boards a comparison shows (repeated in the goal
/// matrix), and the matrix's years (repeated).
pub const STATUS: &str = "status";
pub const AREA: &str = "omrade";
pub const FROM: &str = "fran";
pub const TO: &str = "till";
pub const BOARDS: &str = "namnd";
pub const YEARS: &str = "ar";

/// A path parameter as the route holds it: decoded, never empty.
fn param(segment: &str) -> Option<String> {
    if segment.is_empty() {
        return None;
    }
    urlencoding::decode(segment).ok().map(|s| s.into_owned())
}

fn enc(param: &str) -> String {
    urlencoding::encode(param).into_owned()
}

/// The route of a path's segments (below the base; `[""]` is `/`). A fixed
/// segment wins over a parameter, as in the derive: `/jamfor` is the
/// comparisons, not a report called "jamfor".
fn of_segments(segs: &[&str]) -> Option<Route> {
    use Route::*;
    Some(match *segs {
        [""] => Home,
        [COMPARE] => Compare,
        [COMPARE, GOAL] => CompareGoals,
        [COMPARE, FINANCE] => CompareFinance,
        [ACCESSIBILITY] => Accessibility,
        [GLOSSARY] => Glossary,
        [NOT_FOUND] => NotFound,
        [BOARD, b] => Board { board: param(b)? },
        [COUNCIL_GOAL, g] => CouncilGoal { goal: param(g)? },
        [EMBED, r] => EmbedReport { report: param(r)? },
        [EMBED, r, GOAL, g] => EmbedGoal {
            report: param(r)?,
            goal: param(g)?,
        },
        [EMBED, r, FINANCE, c] => EmbedChart {
            report: param(r)?,
            chart: param(c)?,
        },
        [r] => Report { report: param(r)? },
        [r, GOAL, g] => Goal {
            report: param(r)?,
            goal: param(g)?,
        },
        [r, FINANCE] => Finance { report: param(r)? },
        [r, FINANCE, c] => Chart {
            report: param(r)?,
            chart: param(c)?,
        },
        _ => return None,
    })
}

impl Routable for Route {
    fn from_path(path: &str, params: &HashMap<&str, &str>) -> Option<Self> {
        // A pattern of `routes()` with its parameters put in.
        let segs: Vec<&str> = path
            .trim_start_matches('/')
            .split('/')
            .map(|s| match s.strip_prefix(':') {
                Some(name) => params.get(name).copied().unwrap_or(""),
                None => s,
            })
            .collect();
        of_segments(&segs)
    }

    fn to_path(&self) -> String {
        use Route::*;
        match self {
            Home => "/".into(),
            Compare => format!("/{COMPARE}"),
            CompareGoals => format!("/{COMPARE}/{GOAL}"),
            CompareFinance => format!("/{COMPARE}/{FINANCE}"),
            Accessibility => format!("/{ACCESSIBILITY}"),
            Glossary => format!("/{GLOSSARY}"),
            NotFound => format!("/{NOT_FOUND}"),
            Board { board } => format!("/{BOARD}/{}", enc(board)),
            CouncilGoal { goal } => format!("/{COUNCIL_GOAL}/{}", enc(goal)),
            EmbedReport { report } => format!("/{EMBED}/{}", enc(report)),
            EmbedGoal { report, goal } => format!("/{EMBED}/{}/{GOAL}/{}", enc(report), enc(goal)),
            EmbedChart { report, chart } => {
                format!("/{EMBED}/{}/{FINANCE}/{}", enc(report), enc(chart))
            }
            Report { report } => format!("/{}", enc(report)),
            Goal { report, goal } => format!("/{}/{GOAL}/{}", enc(report), enc(goal)),
            Finance { report } => format!("/{}/{FINANCE}", enc(report)),
            Chart { report, chart } => format!("/{}/{FINANCE}/{}", enc(report), enc(chart)),
        }
    }

    fn routes() -> Vec<&'static str> {
        vec![
            "/",
            "/jamfor/mal",
            "/jamfor/ekonomi",
            "/jamfor",
            "/tillganglighet",
            "/begrepp",
            "/inbaddning/:report",
            "/inbaddning/:report/mal/:goal",
            "/inbaddning/:report/ekonomi/:chart",
            "/:report",
            "/:report/mal/:goal",
            "/:report/ekonomi",
            "/:report/ekonomi/:chart",
            "/sidan-finns-inte",
            "/namnd/:board",
            "/kf-mal/:goal",
        ]
    }

    fn not_found_route() -> Option<Self> {
        Some(Route::NotFound)
    }

    /// Trailing slashes aside, as the derive does; `""` and `"/"` are `/`.
    fn recognize(pathname: &str) -> Option<Self> {
        let trimmed = pathname.trim_end_matches('/');
        let rest = trimmed.strip_prefix('/').unwrap_or(trimmed);
        let segs: Vec<&str> = rest.split('/').collect();
        of_segments(&segs).or_else(Self::not_found_route)
    }
}

/// The pages that share one wasm module. `cargo xtask dist` builds a
/// module per family, and each page's HTML file loads its family's: a
/// reader of a report does not download the comparisons' code. Inside a
/// family the viewer navigates in place; a link to another family's page
/// loads that page (and its module) anew.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// The start page, the glossary, the accessibility statement and "not found".
    Start,
    /// A report's own page, the page a reader of a report lands on: its own
    /// module, the smallest of a report's pages (issue #16).
    Report,
    /// A report's other pages: its goals, its finances and its charts.
    Figures,
    /// The comparisons across reports, a board's years and a council
    /// goal across the city.
    Compare,
    /// The embeds, in an iframe or mounted by `insyn-embed.js`.
    Embeds,
}

impl Family {
    pub const ALL: [Family; 5] = [
        Family::Start,
        Family::Report,
        Family::Figures,
        Family::Compare,
        Family::Embeds,
    ];

    /// Whether every page of the family is a page of one report, whose
    /// file the build names in its `<meta name="insyn-report">`. Such pages
    /// name no catalogue (a page of one report reaches a list only by
    /// loading anew), so publishing another report leaves them byte for
    /// byte as they were (issue #34).
    pub fn of_one_report(self) -> bool {
        matches!(self, Family::Report | Family::Figures | Family::Embeds)
    }

    /// The module's name in the build (`insyn-{name}`, its binary).
    pub fn name(self) -> &'static str {
        match self {
            Family::Start => "start",
            Family::Report => "report",
            Family::Figures => "figures",
            Family::Compare => "compare",
            Family::Embeds => "embeds",
        }
    }
}

/// The route of a path below the site's base, with or without a trailing slash.
pub fn recognize(path: &str) -> Route {
    Route::recognize(path).unwrap_or(Route::NotFound)
}

impl Route {
    /// The report a route shows, if any.
    pub fn report_id(&self) -> Option<&str> {
        match self {
            Route::Report { report }
            | Route::Goal { report, .. }
            | Route::Finance { report }
            | Route::Chart { report, .. }
            | Route::EmbedReport { report }
            | Route::EmbedGoal { report, .. }
            | Route::EmbedChart { report, .. } => Some(report),
            _ => None,
        }
    }

    /// Whether the page lists what every report says (the start page, a
    /// goal across reports, the goal matrix): from the catalogue and the
    /// goal's file, or, without them, from every report.
    pub fn lists_every_report(&self) -> bool {
        matches!(
            self,
            Route::Home
                | Route::Goal { .. }
                | Route::EmbedGoal { .. }
                | Route::CompareGoals
                | Route::Board { .. }
                | Route::CouncilGoal { .. }
        )
    }

    /// The family whose module renders this route. Every module also
    /// renders "not found" (any unknown address is one).
    pub fn family(&self) -> Family {
        match self {
            Route::Home | Route::Accessibility | Route::Glossary | Route::NotFound => Family::Start,
            Route::Report { .. } => Family::Report,
            Route::Goal { .. } | Route::Finance { .. } | Route::Chart { .. } => Family::Figures,
            Route::Compare
            | Route::CompareGoals
            | Route::CompareFinance
            | Route::Board { .. }
            | Route::CouncilGoal { .. } => Family::Compare,
            Route::EmbedReport { .. } | Route::EmbedGoal { .. } | Route::EmbedChart { .. } => {
                Family::Embeds
            }
        }
    }

    /// The query keys this route's page reads, besides `lang`: what an
    /// address may choose on it. The build writes them into each page
    /// (`<meta name=insyn-query>`), so that the boot script knows a key no
    /// page here reads (a link's tracking, another page's choice) changes
    /// nothing it shows, and needs no viewer (issue #30).
    pub fn query_keys(&self) -> &'static [&'static str] {
        match self {
            Route::Report { .. } => &[STATUS, AREA],
            Route::Board { .. } => &[FROM, TO],
            Route::CompareGoals => &[BOARDS, YEARS],
            Route::CompareFinance => &[BOARDS, FROM, TO],
            _ => &[],
        }
    }

    /// Whether the route renders without the site's header and footer.
    pub fn is_embed(&self) -> bool {
        matches!(
            self,
            Route::EmbedReport { .. } | Route::EmbedGoal { .. } | Route::EmbedChart { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_and_without_trailing_slash() {
        let r = |s: &str| Route::Report { report: s.into() };
        let cases: Vec<(&str, Route)> = vec![
            ("/", Route::Home),
            ("", Route::Home),
            ("/asn-2025", r("asn-2025")),
            ("/asn-2025/", r("asn-2025")),
            (
                "/asn-2025/mal/sjalvforsorjning/",
                Route::Goal {
                    report: "asn-2025".into(),
                    goal: "sjalvforsorjning".into(),
                },
            ),
            (
                "/asn-2025/ekonomi",
                Route::Finance {
                    report: "asn-2025".into(),
                },
            ),
            (
                "/asn-2025/ekonomi/orsaker",
                Route::Chart {
                    report: "asn-2025".into(),
                    chart: "orsaker".into(),
                },
            ),
            ("/jamfor/mal/", Route::CompareGoals),
            ("/jamfor/ekonomi", Route::CompareFinance),
            (
                "/inbaddning/asn-2025",
                Route::EmbedReport {
                    report: "asn-2025".into(),
                },
            ),
            (
                "/inbaddning/asn-2025/ekonomi/orsaker",
                Route::EmbedChart {
                    report: "asn-2025".into(),
                    chart: "orsaker".into(),
                },
            ),
            ("/a/b/c/d/e", Route::NotFound),
            ("/asn-2025/mal", Route::NotFound),
            ("/asn-2025//", r("asn-2025")),
            ("//mal/x", Route::NotFound),
            // A fixed segment wins over a parameter.
            ("/jamfor", Route::Compare),
            ("/begrepp", Route::Glossary),
            ("/tillganglighet/", Route::Accessibility),
            ("/sidan-finns-inte", Route::NotFound),
            ("/inbaddning", r("inbaddning")),
            (
                "/inbaddning/ekonomi",
                Route::EmbedReport {
                    report: "ekonomi".into(),
                },
            ),
            (
                "/jamfor/ekonomi/x",
                Route::Chart {
                    report: "jamfor".into(),
                    chart: "x".into(),
                },
            ),
            (
                "/inbaddning/asn-2025/mal/trygghet",
                Route::EmbedGoal {
                    report: "asn-2025".into(),
                    goal: "trygghet".into(),
                },
            ),
            // Parameters are decoded; one that is not UTF-8 is no route.
            ("/r%C3%A5d%202025", r("råd 2025")),
            ("/%FF", Route::NotFound),
        ];
        for (path, want) in cases {
            assert_eq!(recognize(path), want, "{path}");
        }
    }

    #[test]
    fn a_boards_and_a_council_goals_pages_have_their_own_addresses() {
        let cases = [
            (
                "/namnd/asn/",
                Route::Board {
                    board: "asn".into(),
                },
            ),
            (
                "/kf-mal/trygghet",
                Route::CouncilGoal {
                    goal: "trygghet".into(),
                },
            ),
            (
                "/namnd",
                Route::Report {
                    report: "namnd".into(),
                },
            ),
            ("/namnd/asn/x", Route::NotFound),
        ];
        for (path, want) in cases {
            assert_eq!(recognize(path), want, "{path}");
        }
    }

    #[test]
    fn every_route_is_recognised_from_its_own_path_and_from_its_pattern() {
        let s = |x: &str| x.to_string();
        let odd = s("råd & co/2025?");
        let routes = [
            Route::Home,
            Route::CompareGoals,
            Route::CompareFinance,
            Route::Compare,
            Route::Accessibility,
            Route::Glossary,
            Route::EmbedReport {
                report: odd.clone(),
            },
            Route::EmbedGoal {
                report: s("asn-2025"),
                goal: odd.clone(),
            },
            Route::EmbedChart {
                report: s("a"),
                chart: s("b"),
            },
            Route::Report {
                report: odd.clone(),
            },
            Route::Goal {
                report: s("a"),
                goal: s("b"),
            },
            Route::Finance { report: s("a") },
            Route::Chart {
                report: odd.clone(),
                chart: odd,
            },
            Route::Board {
                board: s("råd & co/2025?"),
            },
            Route::CouncilGoal { goal: s("b") },
            Route::NotFound,
        ];
        for r in &routes {
            let path = r.to_path();
            assert_eq!(recognize(&path), *r, "{path}");
        }
        // Each pattern of `routes()` gives its route from its parameters.
        let params: HashMap<&str, &str> = [
            ("report", "a"),
            ("goal", "b"),
            ("chart", "b"),
            ("board", "a"),
        ]
        .into();
        let from: Vec<Route> = Route::routes()
            .iter()
            .map(|p| Route::from_path(p, &params).unwrap())
            .collect();
        assert_eq!(from.len(), routes.len());
        let kind = std::mem::discriminant::<Route>;
        for r in &routes {
            assert!(
                from.iter().any(|x| kind(x) == kind(r)),
                "no pattern gives {r:?}"
            );
        }
        assert_eq!(Route::routes().len(), 16);
    }
}
