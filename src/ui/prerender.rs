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
