//! The site's routes. Paths are stable: citizens share them.

use yew_router::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/jamfor/mal")]
    CompareGoals,
    #[at("/jamfor/ekonomi")]
    CompareFinance,
    #[at("/jamfor")]
    Compare,
    #[at("/tillganglighet")]
    Accessibility,
    #[at("/begrepp")]
    Glossary,
    #[at("/inbaddning/:report")]
    EmbedReport { report: String },
    #[at("/inbaddning/:report/mal/:goal")]
    EmbedGoal { report: String, goal: String },
    #[at("/inbaddning/:report/ekonomi/:chart")]
    EmbedChart { report: String, chart: String },
    #[at("/:report")]
    Report { report: String },
    #[at("/:report/mal/:goal")]
    Goal { report: String, goal: String },
    #[at("/:report/ekonomi")]
    Finance { report: String },
    #[at("/:report/ekonomi/:chart")]
    Chart { report: String, chart: String },
    #[not_found]
    #[at("/sidan-finns-inte")]
    NotFound,
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
    /// A report's pages: the report, its goals, its finances and charts.
    Reports,
    /// The comparisons across reports.
    Compare,
    /// The embeds, in an iframe or mounted by `insyn-embed.js`.
    Embeds,
}

impl Family {
    pub const ALL: [Family; 4] = [
        Family::Start,
        Family::Reports,
        Family::Compare,
        Family::Embeds,
    ];

    /// The module's name in the build (`insyn-{name}`, its binary).
    pub fn name(self) -> &'static str {
        match self {
            Family::Start => "start",
            Family::Reports => "reports",
            Family::Compare => "compare",
            Family::Embeds => "embeds",
        }
    }
}

/// The route of a path below the site's base, with or without a trailing slash.
pub fn recognize(path: &str) -> Route {
    let trimmed = path.trim_end_matches('/');
    let p = if trimmed.is_empty() { "/" } else { trimmed };
    Route::recognize(p).unwrap_or(Route::NotFound)
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
            Route::Home | Route::Goal { .. } | Route::EmbedGoal { .. } | Route::CompareGoals
        )
    }

    /// The family whose module renders this route. Every module also
    /// renders "not found" (any unknown address is one).
    pub fn family(&self) -> Family {
        match self {
            Route::Home | Route::Accessibility | Route::Glossary | Route::NotFound => Family::Start,
            Route::Report { .. }
            | Route::Goal { .. }
            | Route::Finance { .. }
            | Route::Chart { .. } => Family::Reports,
            Route::Compare | Route::CompareGoals | Route::CompareFinance => Family::Compare,
            Route::EmbedReport { .. } | Route::EmbedGoal { .. } | Route::EmbedChart { .. } => {
                Family::Embeds
            }
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
        ];
        for (path, want) in cases {
            assert_eq!(recognize(path), want, "{path}");
        }
    }
}
