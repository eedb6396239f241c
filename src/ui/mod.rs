//! Components, pages and routing. Thin: everything it shows is computed in
//! `model` or `charts`; every browser call goes through `web`.

#[cfg(target_arch = "wasm32")]
pub mod boot;
pub mod chart;
pub mod components;
pub mod i18n;
pub mod later;
pub mod layout;
#[cfg(not(target_arch = "wasm32"))]
pub mod meta;
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
    /// The site's base path without its trailing slash ("" or "/insyn").
    pub base: String,
    /// Whether the address is below the English prefix (`/en/…`), so links
    /// inside the site keep English without a query.
    pub prefixed: bool,
    /// The pages this module renders.
    pub pages: pages::Pages,
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

    /// The address of a page of the site, in this page's language: below
    /// `/en/`, or with `?lang=en` where an English page has no prefix.
    pub fn route_href(&self, to: &Route) -> String {
        let en = if self.prefixed {
            format!("/{EN_SEGMENT}")
        } else {
            String::new()
        };
        let query = if self.lang == Lang::En && !self.prefixed {
            "?lang=en"
        } else {
            ""
        };
        format!("{}{en}{}{query}", self.base, to.to_path())
    }

    /// The address of a file of the build (`reports/asn-2025.json`), below the site's base.
    pub fn file_href(&self, file: &str) -> String {
        format!("{}/{}", self.base, file.trim_start_matches('/'))
    }

    /// The address of a file that exists per language (a chart's PNG):
    /// below `/en/` in English.
    pub fn lang_file_href(&self, file: &str) -> String {
        match self.lang {
            Lang::Sv => self.file_href(file),
            Lang::En => self.file_href(&format!("{EN_SEGMENT}/{}", file.trim_start_matches('/'))),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The pages of this module.
    pub pages: pages::Pages,
}

/// The viewer in the browser: a router on the page's address. English pages
/// live below `/en/`, which the router takes as part of its base.
///
/// While the viewer takes over, the router, the store, the page's frame
/// and the page each render in a task after the one before (`later::Later`,
/// as the page's parts do): Yew mounts a tree in one task, and V8 compiles
/// each wasm function on its first call, so one render of all of them
/// compiled 402 functions at `/asn-2025`'s boot, about 150 ms on a
/// mid-range phone (issue #30). Once live, a `Later` renders at once.
#[component]
pub fn App(props: &AppProps) -> Html {
    let basename = router_basename(&crate::web::base_path(), &crate::web::pathname());
    let basename = (!basename.is_empty()).then(|| AttrValue::from(basename));
    html! {
        <later::Later>
            <BrowserRouter {basename}>
                <later::Later><Root initial={Rc::new(Store::in_browser())} pages={props.pages} /></later::Later>
            </BrowserRouter>
        </later::Later>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedAppProps {
    /// The embed route, e.g. `/inbaddning/{report}/ekonomi/{table}`.
    pub path: String,
    /// The pages of this module.
    pub pages: pages::Pages,
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
            <Root initial={Rc::new(Store { page_report: None, ..Store::in_browser() })} pages={props.pages} />
        </Router>
    }
}

#[derive(Properties, PartialEq)]
pub struct RootProps {
    /// The state to start from: empty in the browser (it loads the manifest),
    /// filled when rendering natively.
    pub initial: Rc<Store>,
    /// The pages of this module (natively: all of them).
    pub pages: pages::Pages,
}

/// What every page loads beside its own files: the catalogue (unless
/// this is the page of the one report the build made it for), the glossary
/// (embeds mark no terms), and an embed's height for its host page.
#[hook]
fn use_loads(store: &state::StoreHandle, route: &Route, pages: pages::Pages, lang: Lang) {
    {
        // The catalogue, unless this is the page of the one report the
        // build made it for (then when the reader goes elsewhere, where
        // this module loads lists: `Pages::load_list`).
        let store = store.clone();
        use_effect_with(route.clone(), move |route| {
            if store.needs_manifest(route) {
                pages.load_list(store);
            }
        });
    }
    {
        // Embeds mark no terms: the glossary page is not theirs to link.
        // The glossary page needs the whole glossary, the others its terms.
        // Run again when a load ends: a reader who reached the glossary page
        // while the terms file was loading then gets the whole glossary.
        let store = store.clone();
        let full = matches!(route, Route::Glossary);
        let wanted = !route.is_embed() && store.needs_glossary(full, lang);
        use_effect_with((wanted, full, lang), move |&(wanted, full, lang)| {
            if wanted {
                state::load_glossary(store, full, lang);
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
    let (base, prefixed) = split_lang_base(navigator.as_ref().and_then(|n| n.basename()));
    let lang = if prefixed {
        Lang::En
    } else {
        lang_from_query(&query)
    };
    use_effect_with(lang, move |lang| crate::web::set_document_lang(lang.code()));
    let route = route::recognize(&path);
    use_loads(&store, &route, props.pages, lang);
    {
        // The pre-rendered page stays in view until this one can show the
        // same content (or an error), then the live page takes its place.
        let settled = store.settled_for(&route, &parse_query(&query));
        use_effect_with(settled, |settled| {
            if *settled {
                crate::web::reveal_app(|| later::pending() == 0);
            }
        });
    }
    let query_pairs = parse_query(&query);
    let ctx = Ctx {
        query: query_pairs,
        store,
        lang,
        route: route.clone(),
        base,
        prefixed,
        pages: props.pages,
    };
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <later::Later><pages::Page /></later::Later>
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

/// Where the reader's choice of language is remembered.
pub const LANG_KEY: &str = "insyn-sprak";

/// The first path segment of every English page (`/en/{report}`).
pub const EN_SEGMENT: &str = "en";

/// The path below the site's base (`base` in "/…/" form), or `None` when
/// `pathname` lies outside it.
fn below_base<'a>(base: &str, pathname: &'a str) -> Option<&'a str> {
    let base = base.trim_end_matches('/');
    let rest = pathname.strip_prefix(base)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

/// Whether a path below the base is an English page's (`/en` or `/en/…`).
pub fn is_english_path(path: &str) -> bool {
    let rest = path.trim_start_matches('/');
    rest == EN_SEGMENT || rest.starts_with(&format!("{EN_SEGMENT}/"))
}

/// The router's base for the page at `pathname`: the site's base (without
/// its trailing slash), with `/en` added on an English page.
pub fn router_basename(base: &str, pathname: &str) -> String {
    let site = base.trim_end_matches('/').to_string();
    match below_base(base, pathname) {
        Some(rest) if is_english_path(rest) => format!("{site}/{EN_SEGMENT}"),
        _ => site,
    }
}

/// The page at an address and its language, as `Root` reads them from the
/// router that `App` sets up on it (`router_basename`): what the build
/// names the page's first files by (`prerender::first_reads`).
pub fn page_at(base: &str, pathname: &str, query: &str) -> (Route, Lang) {
    let basename = router_basename(base, pathname);
    let route = route::recognize(&strip_base(pathname, Some(&basename)));
    let lang = match split_lang_base(Some(&basename)) {
        (_, true) => Lang::En,
        _ => lang_from_query(query),
    };
    (route, lang)
}

/// The router's base split into the site's base and whether it is the
/// English one (`/insyn/en` → ("/insyn", true)).
pub fn split_lang_base(basename: Option<&str>) -> (String, bool) {
    let b = basename.unwrap_or("").trim_end_matches('/');
    match b.strip_suffix(&format!("/{EN_SEGMENT}")) {
        Some(site) => (site.to_string(), true),
        None => (b.to_string(), false),
    }
}

/// The address of the same page in the other language: `/en/…` for English,
/// and for Swedish the page without the prefix and with `?lang=sv`, an
/// explicit choice that replaces a remembered English one.
pub fn other_lang_href(base: &str, lang: Lang, path: &str) -> String {
    let path = if path == "/" { "" } else { path };
    match lang {
        Lang::Sv => format!("{base}/{EN_SEGMENT}{path}"),
        Lang::En if path.is_empty() => format!("{base}/?lang=sv"),
        Lang::En => format!("{base}{path}?lang=sv"),
    }
}

/// Where the browser should go instead of the address it opened, if
/// anywhere: a Swedish page asked for in English (`?lang=en`, kept working
/// for old links) or opened by a reader who chose English last time goes to
/// its English page. `query` is the address's query (with or without `?`).
pub fn lang_redirect(
    base: &str,
    pathname: &str,
    query: &str,
    remembered: Option<&str>,
) -> Option<String> {
    let rest = below_base(base, pathname)?;
    if is_english_path(rest) {
        return None;
    }
    let pairs = parse_query(query);
    let asked = pairs
        .iter()
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v.as_str());
    let english = match asked {
        Some(code) => Lang::from_code(code) == Some(Lang::En),
        None => remembered == Some("en") && !route::recognize(rest).is_embed(),
    };
    if !english {
        return None;
    }
    let kept: Vec<String> = query
        .trim_start_matches('?')
        .split('&')
        .filter(|kv| !kv.is_empty() && kv.split('=').next() != Some("lang"))
        .map(str::to_string)
        .collect();
    let query = if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    };
    let rest = if rest == "/" { "" } else { rest };
    Some(format!(
        "{}{rest}{query}",
        other_lang_href(base.trim_end_matches('/'), Lang::Sv, "")
    ))
}

/// The language to remember after opening `pathname` with `query`: English
/// on an English page, Swedish when asked for explicitly, else nothing.
pub fn lang_to_remember(base: &str, pathname: &str, query: &str) -> Option<Lang> {
    let rest = below_base(base, pathname)?;
    if is_english_path(rest) {
        return Some(Lang::En);
    }
    parse_query(query)
        .iter()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::from_code(v))
}

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

    #[test]
    fn english_pages_are_below_en_and_the_router_takes_it_as_its_base() {
        assert_eq!(router_basename("/", "/en/asn-2025"), "/en");
        assert_eq!(router_basename("/", "/en"), "/en");
        assert_eq!(router_basename("/", "/entre"), "");
        assert_eq!(router_basename("/insyn/", "/insyn/en/"), "/insyn/en");
        assert_eq!(router_basename("/insyn/", "/insyn/asn-2025"), "/insyn");
        assert_eq!(router_basename("/insyn/", "/elsewhere/en"), "/insyn");
        assert_eq!(split_lang_base(Some("/insyn/en")), ("/insyn".into(), true));
        assert_eq!(split_lang_base(Some("/en")), ("".into(), true));
        assert_eq!(split_lang_base(None), ("".into(), false));
        assert_eq!(split_lang_base(Some("/insyn")), ("/insyn".into(), false));
    }

    #[test]
    fn the_page_at_an_address_is_the_one_the_viewer_shows_there() {
        let report = || Route::Report {
            report: "asn-2025".into(),
        };
        assert_eq!(page_at("/", "/asn-2025", ""), (report(), Lang::Sv));
        assert_eq!(page_at("/", "/en/asn-2025", ""), (report(), Lang::En));
        assert_eq!(
            page_at("/insyn/", "/insyn/en/asn-2025", ""),
            (report(), Lang::En)
        );
        assert_eq!(
            page_at("/insyn/", "/insyn/asn-2025", "?lang=en"),
            (report(), Lang::En)
        );
        assert_eq!(page_at("/", "/begrepp", ""), (Route::Glossary, Lang::Sv));
        assert!(page_at("/", "/inbaddning/asn-2025", "").0.is_embed());
    }

    #[test]
    fn the_language_switch_links_to_the_same_page_in_the_other_language() {
        assert_eq!(other_lang_href("", Lang::Sv, "/asn-2025"), "/en/asn-2025");
        assert_eq!(other_lang_href("", Lang::Sv, "/"), "/en");
        assert_eq!(
            other_lang_href("/insyn", Lang::En, "/asn-2025/ekonomi"),
            "/insyn/asn-2025/ekonomi?lang=sv"
        );
        assert_eq!(other_lang_href("", Lang::En, "/"), "/?lang=sv");
    }

    #[test]
    fn lang_en_and_a_remembered_english_choice_redirect_to_the_english_page() {
        let r = |path: &str, q: &str, mem: Option<&str>| lang_redirect("/insyn/", path, q, mem);
        assert_eq!(
            r("/insyn/asn-2025", "?lang=en&status=uppnatt", None).as_deref(),
            Some("/insyn/en/asn-2025?status=uppnatt")
        );
        assert_eq!(r("/insyn/", "?lang=en", None).as_deref(), Some("/insyn/en"));
        assert_eq!(
            r("/insyn/asn-2025", "", Some("en")).as_deref(),
            Some("/insyn/en/asn-2025")
        );
        // An explicit Swedish choice wins over the remembered one.
        assert_eq!(r("/insyn/asn-2025", "?lang=sv", Some("en")), None);
        assert_eq!(r("/insyn/en/asn-2025", "?lang=en", Some("en")), None);
        // Embeds follow their address only.
        assert_eq!(r("/insyn/inbaddning/asn-2025", "", Some("en")), None);
        assert_eq!(
            r("/insyn/inbaddning/asn-2025", "lang=en", None).as_deref(),
            Some("/insyn/en/inbaddning/asn-2025")
        );
        assert_eq!(lang_to_remember("/", "/en/x", ""), Some(Lang::En));
        assert_eq!(lang_to_remember("/", "/x", "?lang=sv"), Some(Lang::Sv));
        assert_eq!(lang_to_remember("/", "/x", ""), None);
    }
}

#[hook]
pub fn use_ctx() -> Option<Ctx> {
    use_context::<Ctx>()
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
            c.store.built(),
        )
    });
    use_effect_with((goal, ready), move |(goal, _)| {
        let Some(c) = ctx else { return };
        if c.store.built() {
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

/// Defines the `mount_embed` export that `insyn-embed.js` calls, for a
/// module whose pages include the embeds (`mount_embed_export!(Pages::EMBEDS)`
/// in its binary). An export in the library would be in every module, and
/// with it the embeds' pages.
#[macro_export]
macro_rules! mount_embed_export {
    ($pages:expr) => {
        /// Mounts an embed into a host page (`insyn-embed.js`).
        #[cfg(target_arch = "wasm32")]
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn mount_embed(
            root: web_sys::Element,
            path: String,
            base: String,
            check: String,
            catalogue: String,
        ) {
            let names = $crate::web::EmbedNames { check, catalogue };
            $crate::ui::boot::mount_embed(root, path, base, names, $pages);
        }
    };
}
