//! Components, pages and routing. Thin: everything it shows is computed in
//! `model` or `charts`; every browser call goes through `web`.

pub mod chart;
pub mod components;
pub mod i18n;
pub mod layout;
pub mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod route;
pub mod state;
pub mod terms;

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::model::format::Lang;
pub use route::Route;
use state::{Store, StoreHandle};

/// What every page needs: the store, the language and the current route.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub store: StoreHandle,
    pub lang: Lang,
    pub route: Route,
    /// The address's query pairs (e.g. `lang`, `status`, `omrade`).
    pub query: Vec<(String, String)>,
}

impl Ctx {
    /// `data-pagefind-body` for a page the full-text index should hold (not
    /// an embed, which repeats a page), and its `data-pagefind-meta`: what
    /// a search result names besides the page's heading.
    pub fn indexed(&self, context: String) -> (Option<AttrValue>, AttrValue) {
        let body = (!self.route.is_embed()).then(AttrValue::default);
        (body, format!("context:{context}").into())
    }

    /// A query parameter's value.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
    pub fn t(&self) -> &'static i18n::Strings {
        i18n::t(self.lang)
    }
}

/// The viewer in the browser: a router on the page's address.
#[component]
pub fn App() -> Html {
    let base = crate::web::base_path();
    let basename = (base != "/").then(|| AttrValue::from(base.trim_end_matches('/').to_string()));
    html! {
        <BrowserRouter {basename}>
            <Root initial={Rc::new(Store::default())} />
        </BrowserRouter>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedAppProps {
    /// The embed route, e.g. `/inbaddning/{report}/ekonomi/{table}`.
    pub path: String,
}

/// The viewer mounted into another page (script embed): its own in-memory
/// history, so the host page's address is never touched.
#[component]
pub fn EmbedApp(props: &EmbedAppProps) -> Html {
    let path = props.path.clone();
    let history = use_memo((), move |_| {
        yew_router::history::AnyHistory::from(yew_router::history::MemoryHistory::with_entries(
            vec![path],
        ))
    });
    html! {
        <Router history={(*history).clone()}>
            <Root initial={Rc::new(Store::default())} />
        </Router>
    }
}

#[derive(Properties, PartialEq)]
pub struct RootProps {
    /// The state to start from: empty in the browser (it loads the manifest),
    /// filled when rendering natively.
    pub initial: Rc<Store>,
}

/// Holds the store and picks the page for the current address.
#[component]
pub fn Root(props: &RootProps) -> Html {
    let initial = props.initial.clone();
    let store = use_reducer(move || (*initial).clone());
    {
        let store = store.clone();
        use_effect_with((), move |_| {
            crate::web::normalize_trailing_slash();
            if store.manifest.is_none() {
                state::restore_local(&store);
                state::load_manifest(store);
            }
        });
    }
    let location = use_location();
    let navigator = use_navigator();
    let path = match (&location, &navigator) {
        (Some(l), Some(n)) => strip_base(l.path(), n.basename()),
        _ => "/".into(),
    };
    let query = location
        .as_ref()
        .map(|l| l.query_str().to_string())
        .unwrap_or_default();
    let lang = lang_from_query(&query);
    let has_lang_param = parse_query(&query).iter().any(|(k, _)| k == "lang");
    {
        // The choice is kept in the address (shared links keep it) and
        // remembered for the next visit.
        let navigator = navigator.clone();
        let path = path.clone();
        use_effect_with(lang, move |lang| {
            crate::web::set_document_lang(lang.code());
            if has_lang_param {
                crate::web::local_set(LANG_KEY, lang.code());
            } else if crate::web::local_get(LANG_KEY).as_deref() == Some("en") && *lang == Lang::Sv
            {
                if let Some(n) = navigator {
                    let _ = n.replace_with_query(&route::recognize(&path), vec![("lang", "en")]);
                }
            }
        });
    }
    let route = route::recognize(&path);
    {
        // Embeds mark no terms: the glossary page is not theirs to link.
        let store = store.clone();
        let embed = route.is_embed();
        use_effect_with((), move |_| {
            if !embed && store.glossary.is_none() {
                state::load_glossary(store);
            }
        });
    }
    {
        // An embed in an iframe tells its host page its height.
        let embed = route.is_embed();
        use_effect_with(embed, move |embed| {
            let guard = embed.then(crate::web::report_height_to_parent);
            move || drop(guard)
        });
    }
    {
        // The pre-rendered page stays in view until this one can show the
        // same content (or an error), then the live page takes its place.
        let settled = store.settled_for(&route);
        use_effect_with(settled, |settled| {
            if *settled {
                crate::web::reveal_app(|| chart::drawing() == 0);
            }
        });
    }
    let query_pairs = parse_query(&query);
    let ctx = Ctx {
        query: query_pairs,
        store,
        lang,
        route: route.clone(),
    };
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <pages::Page />
        </ContextProvider<Ctx>>
    }
}

/// The path below the site's base path (`/insyn/{report}` → `/{report}`).
pub fn strip_base(path: &str, base: Option<&str>) -> String {
    let base = base.unwrap_or("").trim_end_matches('/');
    match path.strip_prefix(base) {
        Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with('/')) => {
            if rest.is_empty() {
                "/".into()
            } else {
                rest.into()
            }
        }
        _ => path.into(),
    }
}

/// Query pairs, percent-decoded.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push(h * 16 + l);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

const LANG_KEY: &str = "insyn-sprak";

/// `?lang=en` picks English; anything else is Swedish.
pub fn lang_from_query(query: &str) -> Lang {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| Lang::from_code(v))
        .unwrap_or_default()
}

/// The page context. It exists below [`Root`]; a component rendered
/// elsewhere gets `None` and renders nothing.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_decode_percent_and_plus_and_survive_junk() {
        assert_eq!(
            parse_query("?lang=en&status=delvis_uppnatt&q=bist%C3%A5nd+och"),
            vec![
                ("lang".into(), "en".into()),
                ("status".into(), "delvis_uppnatt".into()),
                ("q".into(), "bistånd och".into())
            ]
        );
        assert_eq!(
            parse_query("?a=%&b=%zz&c=å%"),
            vec![
                ("a".into(), "%".into()),
                ("b".into(), "%zz".into()),
                ("c".into(), "å%".into())
            ]
        );
        assert_eq!(lang_from_query("?lang=en"), Lang::En);
        assert_eq!(lang_from_query("?lang=xx"), Lang::Sv);
    }
}

#[hook]
pub fn use_ctx() -> Option<Ctx> {
    use_context::<Ctx>()
}

/// Loads every report in the manifest.
#[hook]
pub fn use_all_reports() {
    use_all_reports_when(true);
}

/// Loads every report in the manifest once `active` (the start page's
/// search, which reads their text, asks for them at the first word typed).
#[hook]
pub fn use_all_reports_when(active: bool) {
    let ctx = use_ctx();
    let ready = ctx
        .as_ref()
        .map(|c| matches!(c.store.manifest, Some(state::Load::Ready(_))));
    use_effect_with((ready, active), move |(_, active)| {
        if !*active {
            return;
        }
        if let Some(c) = ctx {
            if let Some(state::Load::Ready(m)) = &c.store.manifest {
                for e in &m.reports {
                    state::request_report(&c.store, &e.id);
                }
            }
        }
    });
}

/// Loads what a goal's page shows of the other reports: the goal's file,
/// or every report where the page has no catalogue.
#[hook]
pub fn use_goal_elsewhere(goal: AttrValue) {
    let ctx = use_ctx();
    let ready = ctx.as_ref().map(|c| {
        (
            matches!(c.store.manifest, Some(state::Load::Ready(_))),
            c.store.catalogue.is_some(),
        )
    });
    use_effect_with((goal, ready), move |(goal, _)| {
        let Some(c) = ctx else { return };
        if c.store.catalogue.is_some() {
            state::request_goal(&c.store, goal);
        } else if let Some(state::Load::Ready(m)) = &c.store.manifest {
            for e in &m.reports {
                state::request_report(&c.store, &e.id);
            }
        }
    });
}

/// Sets document.title for the page.
#[hook]
pub fn use_title(title: String) {
    #[cfg(not(target_arch = "wasm32"))]
    prerender::note_title(&title);
    use_effect_with(title, |t| crate::web::set_title(t));
}
