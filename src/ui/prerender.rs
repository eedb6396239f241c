//! Rendering a page natively to HTML: used by `cargo xtask dist` to put each
//! route's content into its HTML file (so it shows before the wasm has
//! loaded, and without JavaScript), and by the SSR tests.

use std::rc::Rc;

use yew::prelude::*;
use yew::LocalServerRenderer;
use yew_router::history::{AnyHistory, History, MemoryHistory};
use yew_router::Router;

use super::state::Store;
use super::Root;

#[derive(Properties, PartialEq)]
pub struct PageAtProps {
    /// The address below the base path, with its query ("/asn-2025?status=delvis").
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
    let history = AnyHistory::from(MemoryHistory::new());
    let _ = history.replace_with_query(format!("{base}{path}"), super::parse_query(query));
    let basename = (!base.is_empty()).then(|| AttrValue::from(base));
    html! { <Router {history} {basename}><Root initial={props.store.clone()} /></Router> }
}

/// The HTML of the page at `path` (below `base`), with `store` already loaded.
pub async fn render(path: &str, base: &str, store: Rc<Store>) -> String {
    LocalServerRenderer::<PageAt>::with_props(PageAtProps {
        path: path.into(),
        base: base.into(),
        store,
    })
    .hydratable(false)
    .render()
    .await
}
