//! Rendering a page natively to HTML: used by `cargo xtask dist` to put each
//! route's content into its HTML file (so it shows before the wasm has
//! loaded, and without JavaScript), and by the SSR tests.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;
use yew::LocalServerRenderer;
use yew_router::history::{AnyHistory, History, MemoryHistory};
use yew_router::{Routable, Router};

use super::state::Store;
use super::{Root, Route};
use crate::model::{Manifest, Report};

#[derive(Properties, PartialEq)]
pub struct PageAtProps {
    /// The address below the base path, with its query (`/{report}?status=delvis`).
    pub path: String,
    /// The site's base path ("/" or "/insyn/").
    pub base: String,
    pub store: Rc<Store>,
}

/// The viewer at a fixed address, with an in-memory history.
#[component]
pub fn PageAt(props: &PageAtProps) -> Html {
    let base = props.base.trim_end_matches('/').to_string();
    let (path, query) = props.path.split_once('?').unwrap_or((&props.path, ""));
    let full = format!("{base}{path}");
    let history = AnyHistory::from(MemoryHistory::new());
    let _ = history.replace_with_query(&full, super::parse_query(query));
    let basename = super::router_basename(&props.base, &full);
    let basename = (!basename.is_empty()).then(|| AttrValue::from(basename));
    html! { <Router {history} {basename}><Root initial={props.store.clone()} pages={super::pages::Pages::ALL} /></Router> }
}

thread_local! {
    /// The title the page being rendered asked for (`use_title`). Effects do
    /// not run when rendering natively, so the hook leaves it here.
    static TITLE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Called by `use_title` when rendering natively.
pub(crate) fn note_title(title: &str) {
    TITLE.with(|t| *t.borrow_mut() = Some(title.to_string()));
}

/// A page rendered to HTML.
pub struct Rendered {
    /// The page's content (what goes inside `<body>`).
    pub html: String,
    /// The document title the page sets, if it sets one.
    pub title: Option<String>,
}

/// The page at `path` (below `base`), with `store` already loaded.
pub async fn render(path: &str, base: &str, store: Rc<Store>) -> Rendered {
    TITLE.with(|t| t.borrow_mut().take());
    crate::web::set_base_path(base);
    let html = LocalServerRenderer::<PageAt>::with_props(PageAtProps {
        path: path.into(),
        base: base.into(),
        store,
    })
    .hydratable(false)
    .render()
    .await;
    Rendered {
        html,
        title: TITLE.with(|t| t.borrow_mut().take()),
    }
}

/// A route's path in a language: Swedish as it is, English below `/en`.
pub fn in_lang(path: &str, lang: crate::model::format::Lang) -> String {
    match lang {
        crate::model::format::Lang::Sv => path.to_string(),
        crate::model::format::Lang::En if path == "/" => format!("/{}", super::EN_SEGMENT),
        crate::model::format::Lang::En => format!("/{}{path}", super::EN_SEGMENT),
    }
}

/// Every page the build pre-renders (one HTML file each, and one more in
/// English at [`in_lang`]), as paths below the base: the start page, the
/// comparisons, and each report's pages and embeds.
pub fn routes(manifest: &Manifest, reports: &[Report]) -> Vec<String> {
    let mut routes = vec![
        Route::Home,
        Route::Compare,
        Route::CompareGoals,
        Route::CompareFinance,
        Route::Accessibility,
        Route::Glossary,
    ];
    for (e, report) in manifest.reports.iter().zip(reports) {
        routes.extend(report_routes(&e.id, report));
    }
    // Each board's years and each council goal across the city (issue #33).
    for board in crate::model::history::board_histories(reports).into_keys() {
        routes.push(Route::Board { board });
    }
    for goal in crate::model::catalogue::goal_histories(reports).into_keys() {
        routes.push(Route::CouncilGoal { goal });
    }
    routes.iter().map(Routable::to_path).collect()
}

/// A report's pages and embeds.
fn report_routes(id: &str, r: &Report) -> Vec<Route> {
    let report = || id.to_string();
    let mut routes = vec![
        Route::Report { report: report() },
        Route::EmbedReport { report: report() },
    ];
    let Some(a) = r.as_annual() else {
        return routes;
    };
    routes.push(Route::Finance { report: report() });
    for (_, g) in a.goals() {
        let goal = || g.id.clone();
        routes.push(Route::Goal {
            report: report(),
            goal: goal(),
        });
        routes.push(Route::EmbedGoal {
            report: report(),
            goal: goal(),
        });
    }
    for t in &a.tables {
        let chart = || t.id.clone();
        routes.push(Route::Chart {
            report: report(),
            chart: chart(),
        });
        routes.push(Route::EmbedChart {
            report: report(),
            chart: chart(),
        });
    }
    routes
}

/// What a pre-rendered page is made from, besides the glossary (for a page
/// of [`Reads::Parts`], only its terms, `glossary::for_marking`: the build
/// keys the page by where they are marked and keeps it while the terms it
/// marks read the same) and the viewer's own code: the build keys its
/// cache of rendered pages by the digests of exactly these (issue #34), so
/// a page is rendered again only when one of them changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reads {
    /// Every report (the start page, the comparisons, the glossary's page).
    All,
    /// These reports' manifest entries and files, these goals' files (the
    /// goal across the reports that set it) and these boards' files.
    Parts {
        reports: Vec<String>,
        goals: Vec<String>,
        boards: Vec<String>,
    },
}

/// What the page at `path` (a route's path below the base, as [`routes`]
/// gives it) is made from: a report's pages their report, and a goal's page
/// also the goal in the other reports; a board's and a council goal's page
/// their own file, as the live viewer on that page loads them.
pub fn reads(path: &str) -> Reads {
    let parts = |reports: &[&String], goals: &[&String], boards: &[&String]| Reads::Parts {
        reports: reports.iter().map(|s| s.to_string()).collect(),
        goals: goals.iter().map(|s| s.to_string()).collect(),
        boards: boards.iter().map(|s| s.to_string()).collect(),
    };
    match Route::recognize(path) {
        Some(
            Route::Report { report }
            | Route::Finance { report }
            | Route::Chart { report, .. }
            | Route::EmbedReport { report }
            | Route::EmbedChart { report, .. },
        ) => parts(&[&report], &[], &[]),
        Some(Route::Goal { report, goal } | Route::EmbedGoal { report, goal }) => {
            parts(&[&report], &[&goal], &[])
        }
        Some(Route::Board { board }) => parts(&[], &[], &[&board]),
        Some(Route::CouncilGoal { goal }) => parts(&[], &[&goal], &[]),
        _ => Reads::All,
    }
}

/// The files the viewer reads first on the page at `path` (below the base,
/// in its language: `/en/…` for English) of a build that names the
/// catalogue `catalogue` and, in the page's `<meta name="insyn-report">`,
/// `report`: its module's `Pages::first_reads` from the store the viewer
/// starts from there (`Store::in_browser`). The build lists them in the
/// page (`<meta name=insyn-reads>`) for the boot script to fetch with the
/// module.
pub fn first_reads(path: &str, catalogue: &str, report: Option<&str>) -> Vec<String> {
    let (route, lang) = super::page_at("/", path, "");
    let store = Store {
        catalogue_file: Some(catalogue.to_string()),
        page_report: report.and_then(crate::model::catalogue::PageReport::from_meta),
        ..Store::default()
    };
    super::pages::Pages::of(route.family()).first_reads(&route, &store, lang)
}

/// The part of `full` (a store with everything loaded, [`Store::ready`])
/// that `reads` names: the page rendered from it is the same as from all
/// of it (a test renders every page both ways), so the page's cache key
/// need name only these parts.
pub fn narrowed(full: &Store, reads: &Reads) -> Store {
    use super::state::{Load, Shared};
    let Reads::Parts {
        reports,
        goals,
        boards,
    } = reads
    else {
        return full.clone();
    };
    let Some(Load::Ready(manifest)) = &full.manifest else {
        return full.clone();
    };
    let entries: Vec<_> = manifest
        .reports
        .iter()
        .filter(|e| reports.contains(&e.id))
        .cloned()
        .collect();
    let kept: Vec<Rc<Report>> = entries
        .iter()
        .filter_map(|e| match full.reports.get(&e.id) {
            Some(Load::Ready(r)) => Some(r.clone()),
            _ => None,
        })
        .collect();
    let catalogue = crate::model::catalogue::catalogue(&entries, &kept);
    Store {
        manifest: Some(Load::Ready(Rc::new(Manifest {
            schema_version: manifest.schema_version,
            reports: entries,
        }))),
        catalogue: Some(Shared(Rc::new(catalogue))),
        reports: kept
            .into_iter()
            .map(|r| (r.id().to_string(), Load::Ready(r)))
            .collect(),
        goals: (full.goals.iter())
            .filter(|(id, _)| goals.contains(id))
            .map(|(id, g)| (id.clone(), g.clone()))
            .collect(),
        boards: (full.boards.iter())
            .filter(|(key, _)| boards.contains(key))
            .map(|(key, b)| (key.clone(), b.clone()))
            .collect(),
        // The terms to mark, without where each occurs (which every report
        // published changes): only the glossary's own page lists those.
        glossary: full.glossary.as_ref().map(|g| match g {
            Load::Ready(g) => Load::Ready(Rc::new(crate::model::glossary::for_marking(g))),
            other => other.clone(),
        }),
        ..full.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::first_reads;

    #[test]
    fn each_kind_of_page_names_the_files_its_viewer_reads_first() {
        let own = Some("asn-2025 d1 page/asn-2025.json");
        let report = Some("asn-2025 d2 asn-2025.json");
        let (page_file, report_file) = ("reports/page/asn-2025.json", "reports/asn-2025.json");
        let (sv, en) = ("glossary-terms-sv.json", "glossary-terms-en.json");
        // (page, catalogue named, report named, files read first)
        let cases: [(&str, &str, Option<&str>, &[&str]); 11] = [
            // A report's own page reads its page file (the report module
            // loads no list), its other pages the report's file; the terms
            // in the page's language.
            ("/asn-2025", "c.json", own, &[page_file, sv]),
            ("/en/asn-2025", "c.json", own, &[page_file, en]),
            ("/asn-2025/ekonomi", "c.json", report, &[report_file, sv]),
            // Pages of lists read the catalogue; the glossary page the
            // whole glossary; an embed marks no terms.
            ("/", "c.json", None, &["reports/c.json", sv]),
            (
                "/en/begrepp",
                "c.json",
                None,
                &["reports/c.json", "glossary.json"],
            ),
            ("/inbaddning/asn-2025", "c.json", report, &[report_file]),
            // The pages of one report name no catalogue (`xtask`'s
            // `page_catalogue`): theirs read no list either way.
            ("/asn-2025/ekonomi", "", report, &[report_file, sv]),
            // A comparison reads the list; a goal's, a council goal's and a
            // board's page their own file.
            ("/jamfor/mal", "c.json", None, &["reports/c.json", sv]),
            (
                "/asn-2025/mal/x",
                "",
                report,
                &[report_file, "reports/goals/x.json", sv],
            ),
            ("/kf-mal/x", "c.json", None, &["reports/goals/x.json", sv]),
            (
                "/namnd/asn",
                "c.json",
                None,
                &["reports/boards/asn.json", sv],
            ),
        ];
        for (path, catalogue, named, files) in cases {
            assert_eq!(first_reads(path, catalogue, named), files, "{path}");
        }
    }
}
