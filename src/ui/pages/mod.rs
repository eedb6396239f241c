//! One component per route.

pub mod accessibility;
pub mod compare;
pub mod embed;
pub mod finance;
pub mod glossary;
pub mod goal;
pub mod history;
pub mod home;
pub mod not_found;
pub mod open;
pub mod report;
pub mod search;
pub mod statement;

use yew::prelude::*;

use super::later::Later;
use super::layout::{EmbedLayout, Layout};
use super::route::Family;
use super::state::{self, Load, Store, StoreHandle};
use super::terms::{self, Claims, Place};
use super::{use_ctx, Route};
use crate::model::format::Lang;

/// The pages a viewer module renders: every page (natively, and in the
/// development build) or one family's (`Route::family`). Each module is
/// built with one of the constants below, whose function names only its
/// family's pages, so the others' are not in it.
#[derive(Clone, Copy)]
pub struct Pages {
    /// The family, or `None` for every page.
    pub family: Option<Family>,
    render: fn(&Route) -> Option<Html>,
    places: Places,
    /// How the module loads the list of reports (`state::load_manifest`),
    /// or `None` in the module of a report's own page, which shows the one
    /// report its page names: a page that needs the list loads anew
    /// (issue #16: the catalogue's code is not in that module).
    lists: Option<fn(StoreHandle)>,
}

/// Where a page marks glossary terms (`places_of`): each module knows only
/// its own pages' places, so the others' code is not in it.
type Places = fn(&Route, &Store, Lang, &[(String, String)]) -> Vec<Place>;

/// A module has one set of pages for its lifetime.
impl PartialEq for Pages {
    fn eq(&self, other: &Self) -> bool {
        self.family == other.family
    }
}

impl Pages {
    pub const ALL: Pages = Pages {
        family: None,
        render: all,
        places: |route, store, lang, query| places_of(route.family())(route, store, lang, query),
        lists: Some(state::load_manifest),
    };

    pub const START: Pages = Pages::family(Family::Start, start);
    pub const REPORT: Pages = Pages::family(Family::Report, report);
    pub const FIGURES: Pages = Pages::family(Family::Figures, figures);
    pub const COMPARE: Pages = Pages::family(Family::Compare, compare);
    pub const EMBEDS: Pages = Pages::family(Family::Embeds, embeds);

    const fn family(family: Family, render: fn(&Route) -> Option<Html>) -> Pages {
        Pages {
            family: Some(family),
            render,
            places: places_of(family),
            lists: match family {
                Family::Report => None,
                _ => Some(state::load_manifest),
            },
        }
    }

    /// The module of `family`'s pages.
    pub const fn of(family: Family) -> Pages {
        match family {
            Family::Start => Self::START,
            Family::Report => Self::REPORT,
            Family::Figures => Self::FIGURES,
            Family::Compare => Self::COMPARE,
            Family::Embeds => Self::EMBEDS,
        }
    }

    /// The files this module reads first on the page at `route` in `lang`,
    /// from `store` as the page starts it (what the page names): the
    /// page's report; the list of reports, where the page
    /// needs it and this module loads it; a goal's or a board's own file on
    /// its page; the glossary's terms in `lang`,
    /// or the whole glossary on its own page, and none on an embed's. The
    /// boot script fetches them with the module (`<meta name=insyn-reads>`,
    /// `web::fetch_text`), so the files are not asked for only after the
    /// viewer's first render.
    pub fn first_reads(&self, route: &Route, store: &Store, lang: Lang) -> Vec<String> {
        let mut files = Vec::new();
        if let Some(p) = store.page_report_at(route) {
            files.push(state::report_path(&p.file));
        }
        if self.lists.is_some() && !store.names_no_catalogue() && store.needs_manifest(route) {
            files.push(state::list_file(store));
        }
        // The page's own file beside it (`use_goal_elsewhere`, the board's
        // page), which the build wrote.
        match route {
            Route::Goal { goal, .. }
            | Route::EmbedGoal { goal, .. }
            | Route::CouncilGoal { goal }
                if store.built() =>
            {
                files.push(crate::model::catalogue::goal_file(goal))
            }
            Route::Board { board } if store.built() => {
                files.push(crate::model::history::board_file(board))
            }
            _ => {}
        }
        match route {
            Route::Glossary => files.push(state::GLOSSARY_FILE.into()),
            r if r.is_embed() => {}
            _ => files.push(state::terms_file(lang)),
        }
        files
    }

    /// Starts loading the list of reports, where this module has one to
    /// load (else the page that needs it loads anew: `lacks_list`).
    pub fn load_list(&self, store: StoreHandle) {
        match self.lists {
            Some(load) if !store.names_no_catalogue() => load(store),
            _ => {}
        }
    }

    /// Whether the page at `route` needs the list of reports, which this
    /// module does not load, or which this page does not name (a page of
    /// one report: `Family::of_one_report`).
    pub fn lacks_list(&self, route: &Route, store: &Store) -> bool {
        (self.lists.is_none() || store.names_no_catalogue()) && store.needs_manifest(route)
    }

    /// The places of the page at `route` where glossary terms are marked.
    pub fn places(
        &self,
        route: &Route,
        store: &Store,
        lang: Lang,
        query: &[(String, String)],
    ) -> Vec<Place> {
        (self.places)(route, store, lang, query)
    }

    /// Whether this module renders `route` ("not found" is in every one).
    pub fn has(&self, route: &Route) -> bool {
        self.family
            .is_none_or(|f| f == route.family() || *route == Route::NotFound)
    }

    /// The page at `route`, or `None` when another module renders it.
    pub fn render(&self, route: &Route) -> Option<Html> {
        match route {
            Route::NotFound => Some(html! { <not_found::NotFound /> }),
            _ => (self.render)(route),
        }
    }
}

fn all(route: &Route) -> Option<Html> {
    start(route)
        .or_else(|| report(route))
        .or_else(|| figures(route))
        .or_else(|| compare(route))
        .or_else(|| embeds(route))
}

fn start(route: &Route) -> Option<Html> {
    Some(match route {
        Route::Home => html! { <home::Home /> },
        Route::Accessibility => html! { <accessibility::Statement /> },
        Route::Glossary => html! { <glossary::GlossaryPage /> },
        _ => return None,
    })
}

fn report(route: &Route) -> Option<Html> {
    match route {
        Route::Report { report } => Some(html! { <report::ReportPage id={report.clone()} /> }),
        _ => None,
    }
}

fn figures(route: &Route) -> Option<Html> {
    Some(match route {
        Route::Goal { report, goal } => {
            html! { <goal::GoalPage report={report.clone()} goal={goal.clone()} /> }
        }
        Route::Finance { report } => html! { <finance::FinancePage report={report.clone()} /> },
        Route::Chart { report, chart } => {
            html! { <finance::ChartPage report={report.clone()} chart={chart.clone()} /> }
        }
        _ => return None,
    })
}

/// Where a family's pages mark glossary terms, in reading order: the start
/// page's boards and reports; a report's pages (`terms::report_places`); the
/// matrix's goals and the compared tables' titles. An embed marks none: the
/// glossary page is not its host's to link.
const fn places_of(family: Family) -> Places {
    match family {
        Family::Start => |route, store, lang, _| match route {
            Route::Home => home::places(store, lang),
            _ => Vec::new(),
        },
        Family::Report | Family::Figures => {
            |route, store, lang, _| terms::report_places(route, store, lang)
        }
        Family::Compare => |route, store, _, query| match route {
            Route::CompareGoals => compare::goal_places(store, query),
            Route::CompareFinance => compare::finance_places(store, query),
            _ => Vec::new(),
        },
        Family::Embeds => |_, _, _, _| Vec::new(),
    }
}

fn compare(route: &Route) -> Option<Html> {
    Some(match route {
        Route::Compare => html! { <compare::CompareIndex /> },
        Route::CompareGoals => html! { <compare::CompareGoals /> },
        Route::CompareFinance => html! { <compare::CompareFinance /> },
        Route::Board { board } => html! { <history::BoardPage board={board.clone()} /> },
        Route::CouncilGoal { goal } => html! { <history::CouncilGoalPage goal={goal.clone()} /> },
        _ => return None,
    })
}

fn embeds(route: &Route) -> Option<Html> {
    Some(match route {
        Route::EmbedReport { report } => html! { <embed::EmbedReport report={report.clone()} /> },
        Route::EmbedGoal { report, goal } => {
            html! { <embed::EmbedGoal report={report.clone()} goal={goal.clone()} /> }
        }
        Route::EmbedChart { report, chart } => {
            html! { <embed::EmbedChart report={report.clone()} chart={chart.clone()} /> }
        }
        _ => return None,
    })
}

/// A page of another module's family, reached by navigating in place (a
/// link of this module's router, a form): the browser loads it anew, in
/// place of the address just pushed, so Back returns to this page. At the
/// address the document was loaded at (which the build gives the right
/// module, so only a misconfigured host) it says the page is not here
/// rather than load it again and again.
#[component]
fn Elsewhere() -> Html {
    let stuck = use_state(|| false);
    {
        let stuck = stuck.clone();
        use_effect_with((), move |_| {
            if !crate::web::reload_in_place() {
                stuck.set(true);
            }
        });
    }
    if *stuck {
        html! { <not_found::NotFound /> }
    } else {
        html! {}
    }
}

#[component]
pub fn Page() -> Html {
    let ctx = use_ctx();
    // Which place marks each glossary term, for the page as it stands: its
    // places (which change as the files it shows arrive) and the terms.
    let key = ctx.as_ref().map(|c| {
        (
            c.pages.places(&c.route, &c.store, c.lang, &c.query),
            c.route.report_id().map(str::to_string),
            matches!(c.store.glossary, Some(Load::Ready(_))),
        )
    });
    let store = ctx.as_ref().map(|c| c.store.clone());
    let claims = use_memo(key, move |key| match (key, store) {
        (Some((places, report, _)), Some(store)) => {
            Claims::of(places, &store.terms_for(report.as_deref()))
        }
        _ => Claims::default(),
    });
    let Some(ctx) = ctx else {
        return html! {};
    };
    let page = match ctx.pages.render(&ctx.route) {
        Some(page) if !ctx.pages.lacks_list(&ctx.route, &ctx.store) => page,
        _ => return html! { <Elsewhere /> },
    };
    // Each page (and language) marks each glossary term once. The page in
    // a task after its frame's while the viewer takes over (issue #30).
    let page = html! {
        <Later><ContextProvider<Claims> context={(*claims).clone()}>{ page }</ContextProvider<Claims>></Later>
    };
    if ctx.route.is_embed() {
        html! { <EmbedLayout>{ page }</EmbedLayout> }
    } else {
        html! { <Layout>{ page }</Layout> }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_module_loads_no_list_so_a_page_that_needs_one_loads_anew() {
        let store = Store {
            page_report: Some(crate::model::catalogue::PageReport {
                id: "asn-2025".into(),
                file: "page/asn-2025.json".into(),
                digest: None,
            }),
            ..Store::default()
        };
        let report = |id: &str| Route::Report { report: id.into() };
        assert!(!Pages::REPORT.lacks_list(&report("asn-2025"), &store));
        assert!(Pages::REPORT.lacks_list(&report("asn-2024"), &store));
        assert!(Pages::REPORT.lacks_list(&Route::NotFound, &store));
        for pages in [Pages::ALL, Pages::START, Pages::FIGURES, Pages::COMPARE] {
            assert!(!pages.lacks_list(&report("asn-2024"), &store));
            assert!(!pages.lacks_list(&Route::NotFound, &store));
        }
        // A page of one report names no catalogue (issue #34): in any
        // module, another report's page loads anew, its own does not.
        let unnamed = Store {
            catalogue_file: Some(String::new()),
            ..store
        };
        for pages in [Pages::ALL, Pages::FIGURES, Pages::EMBEDS, Pages::REPORT] {
            assert!(!pages.lacks_list(&report("asn-2025"), &unnamed));
            assert!(pages.lacks_list(&report("asn-2024"), &unnamed));
        }
    }

    #[test]
    fn each_page_is_in_its_familys_module_alone_and_not_found_in_every_one() {
        let r = || "asn-2025".to_string();
        let routes = [
            Route::Home,
            Route::Accessibility,
            Route::Glossary,
            Route::NotFound,
            Route::Report { report: r() },
            Route::Goal {
                report: r(),
                goal: r(),
            },
            Route::Finance { report: r() },
            Route::Chart {
                report: r(),
                chart: r(),
            },
            Route::Compare,
            Route::CompareGoals,
            Route::CompareFinance,
            Route::Board { board: r() },
            Route::CouncilGoal { goal: r() },
            Route::EmbedReport { report: r() },
            Route::EmbedGoal {
                report: r(),
                goal: r(),
            },
            Route::EmbedChart {
                report: r(),
                chart: r(),
            },
        ];
        let modules = [
            Pages::START,
            Pages::REPORT,
            Pages::FIGURES,
            Pages::COMPARE,
            Pages::EMBEDS,
        ];
        for route in &routes {
            assert!(Pages::ALL.has(route) && Pages::ALL.render(route).is_some());
            for m in &modules {
                let own = m.family == Some(route.family()) || *route == Route::NotFound;
                assert_eq!(
                    m.render(route).is_some(),
                    own,
                    "{route:?} in {:?}",
                    m.family
                );
                assert_eq!(m.has(route), own, "{route:?} in {:?}", m.family);
            }
        }
        let families: Vec<_> = modules.iter().filter_map(|m| m.family).collect();
        assert_eq!(families, Family::ALL);
    }
}
