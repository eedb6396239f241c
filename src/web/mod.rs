//! Browser glue: the only module that calls browser APIs (fetch, history,
//! document, storage). On native targets (the SSR tests, the xtask) every
//! function is a harmless stand-in, so `ui` compiles and renders natively.

/// Why a file could not be fetched.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchError {
    /// The server answered with an HTTP error status.
    Status(u16),
    /// No answer: offline, blocked, or not in a browser.
    Network(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Status(404) => write!(f, "filen finns inte (HTTP 404)"),
            FetchError::Status(s) => write!(f, "servern svarade med HTTP {s}"),
            FetchError::Network(e) => write!(f, "filen kunde inte hämtas: {e}"),
        }
    }
}

/// The current value of the input or select element an event came from.
pub fn event_value(e: &yew::events::Event) -> String {
    use yew::events::TargetCast;
    if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
        return i.value();
    }
    e.target_dyn_into::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

/// Whether the `<details>` a `toggle` event came from is open now (read,
/// not flipped: a browser may fold quick toggles into one event).
pub fn event_open(e: &yew::events::Event) -> bool {
    use yew::events::TargetCast;
    e.target_dyn_into::<web_sys::Element>()
        .is_some_and(|d| d.has_attribute("open"))
}

/// What names a control on both the pre-rendered and the live page,
/// whatever the language or the controls around it (a report restored from
/// the session adds some; a remembered English choice renames them): its
/// `id`, its `data-key`, or for a link the address without its query
/// (which carries the language). A control with none has no identity.
pub fn control_identity(
    id: &str,
    data_key: Option<&str>,
    tag: &str,
    href: Option<&str>,
) -> Option<String> {
    if !id.is_empty() {
        return Some(format!("#{id}"));
    }
    if let Some(k) = data_key.filter(|k| !k.is_empty()) {
        return Some(format!("key:{k}"));
    }
    let href = href.filter(|_| tag.eq_ignore_ascii_case("a"))?;
    let (before_hash, hash) = href.split_once('#').unwrap_or((href, ""));
    let path = before_hash.split_once('?').map_or(before_hash, |(p, _)| p);
    Some(if hash.is_empty() {
        format!("link:{path}")
    } else {
        format!("link:{path}#{hash}")
    })
}

/// What the importer made of a document's text: the draft report's JSON
/// text and the points an editor must review.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub report: String,
    pub review: Vec<crate::import::ReviewPoint>,
}

/// The importer module's answer (`src/bin/insyn-import.rs`).
#[derive(serde::Deserialize)]
struct ImportAnswer {
    ok: bool,
    #[serde(default)]
    report: String,
    #[serde(default)]
    review: Vec<crate::import::ReviewPoint>,
    #[serde(default)]
    error: String,
}

impl Imported {
    /// The importer module's answer, as JSON text, read with the browser's
    /// parser (`parse_json`: the start module carries no JSON parser).
    pub fn from_json(json: &str) -> Result<Self, String> {
        let unexpected = |e: String| format!("Importeraren svarade oväntat: {e}");
        let a: ImportAnswer = decode(&parse_json(json).map_err(unexpected)?).map_err(unexpected)?;
        if a.ok {
            Ok(Self {
                report: a.report,
                review: a.review,
            })
        } else {
            Err(a.error)
        }
    }
}

/// Pages the full-text index found for a query: how many, and the first few.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
pub struct FoundPages {
    pub total: usize,
    pub pages: Vec<FoundPage>,
}

/// One page the full-text index found.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct FoundPage {
    /// Its address, below the site's base.
    pub url: String,
    pub title: String,
    /// Board and report (the page's `data-pagefind-meta`).
    pub context: String,
    /// The words around the match, with `<mark>` around the matched ones
    /// (see `model::derived::excerpt_parts`).
    pub excerpt: String,
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::FetchError;
    use wasm_bindgen::JsCast;

    use wasm_bindgen::prelude::wasm_bindgen;

    #[wasm_bindgen(module = "/assets/js/search.js")]
    extern "C" {
        #[wasm_bindgen(catch, js_name = fullTextSearch)]
        async fn full_text_search(
            base: &str,
            query: &str,
            limit: u32,
        ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
    }

    #[wasm_bindgen(module = "/assets/js/check.js")]
    extern "C" {
        #[wasm_bindgen(catch, js_name = checkFile)]
        async fn check_file_js(
            base: &str,
            names: &str,
            kind: &str,
            file: &str,
            src: &str,
        ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
        #[wasm_bindgen(catch, js_name = importText)]
        async fn import_text_js(
            base: &str,
            names: &str,
            file: &str,
            text: &str,
        ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
    }

    /// The pages of the site whose text matches `query` (Pagefind's index,
    /// `assets/js/search.js`), at most `limit` of them.
    pub async fn search_pages(query: &str, limit: u32) -> Result<super::FoundPages, String> {
        let found = full_text_search(&base_path(), query, limit)
            .await
            .map_err(|e| format!("{e:?}"))?;
        serde_wasm_bindgen::from_value(found).map_err(|e| e.to_string())
    }

    /// A JSON text parsed by the browser.
    pub struct Json(wasm_bindgen::JsValue);

    /// Parses JSON with the browser's parser: the viewer carries no JSON
    /// parser of its own (the validator module does).
    pub fn parse_json(src: &str) -> Result<Json, String> {
        js_sys::JSON::parse(src)
            .map(Json)
            .map_err(|e| format!("{e:?}"))
    }

    /// Parsed JSON as `T`.
    pub fn decode<T: serde::de::DeserializeOwned>(v: &Json) -> Result<T, String> {
        serde_wasm_bindgen::from_value(v.0.clone()).map_err(|e| e.to_string())
    }

    /// Every problem of a file, by the validator module (`insyn-check`,
    /// `assets/js/check.js`), loaded the first time it is needed.
    pub async fn check_file(
        kind: &str,
        file: &str,
        src: &str,
    ) -> Result<Vec<crate::model::Diagnostic>, String> {
        let names = CHECK_OVERRIDE
            .with(|c| c.borrow().clone())
            .or_else(|| meta_content("insyn-check"))
            .ok_or("Filen kunde inte kontrolleras: sidan anger ingen validator (insyn-check)")?;
        let found = check_file_js(&base_href(), &names, kind, file, src)
            .await
            .map_err(|e| format!("Filen kunde inte kontrolleras: {e:?}"))?;
        serde_wasm_bindgen::from_value(found).map_err(|e| e.to_string())
    }

    /// The draft report of a document's text, by the importer module
    /// (`insyn-import`, `assets/js/check.js`), loaded the first time it is
    /// needed; `Err` with the importer's message when the text is no report
    /// of a known kind, or the module cannot be had.
    pub async fn import_text(file: &str, text: &str) -> Result<super::Imported, String> {
        let names = meta_content("insyn-import")
            .ok_or("Texten kunde inte importeras: sidan anger ingen importerare (insyn-import)")?;
        let found = import_text_js(&base_href(), &names, file, text)
            .await
            .map_err(|e| format!("Texten kunde inte importeras: {e:?}"))?;
        let json = found.as_string().unwrap_or_default();
        super::Imported::from_json(&json)
    }

    /// Fetches a text file relative to the site's base URL.
    pub async fn fetch_text(relative: &str) -> Result<String, FetchError> {
        let url = format!("{}{}", base_href(), relative);
        let resp = gloo_net::http::Request::get(&url)
            .send()
            .await
            .map_err(|e| FetchError::Network(e.to_string()))?;
        if !resp.ok() {
            return Err(FetchError::Status(resp.status()));
        }
        resp.text()
            .await
            .map_err(|e| FetchError::Network(e.to_string()))
    }

    thread_local! {
        /// The live viewer's element while the pre-rendered page is in view.
        static PENDING: std::cell::RefCell<Option<web_sys::Element>> = const { std::cell::RefCell::new(None) };
        /// Whether the viewer is live (later pages need no takeover).
        static LIVE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// Where the viewer mounts. When the HTML file came with the page already
    /// rendered (`#insyn-pre`, written by `cargo xtask dist`), a detached
    /// element that [`reveal_app`] later puts in its place; else `None`
    /// (mount into `<body>`).
    pub fn app_root() -> Option<web_sys::Element> {
        let doc = web_sys::window()?.document()?;
        doc.get_element_by_id("insyn-pre")?;
        let host = doc.create_element("div").ok()?;
        host.set_id("insyn-app");
        PENDING.with(|p| *p.borrow_mut() = Some(host.clone()));
        Some(host)
    }

    const FOCUSABLE: &str = "a[href], button, input, select, textarea, summary, [tabindex]";

    /// A control's identity (see [`super::control_identity`]) and its place
    /// among the controls of `within` with the same identity.
    type Key = (String, u32);

    fn identity_of(el: &web_sys::Element) -> Option<String> {
        // A disclosure's summary is known by its disclosure.
        if el.tag_name().eq_ignore_ascii_case("summary") {
            let key = el.parent_element()?.get_attribute("data-key")?;
            return super::control_identity("", Some(&format!("{key}/summary")), "summary", None);
        }
        super::control_identity(
            &el.id(),
            el.get_attribute("data-key").as_deref(),
            &el.tag_name(),
            el.get_attribute("href").as_deref(),
        )
    }

    /// The controls of `within` that match `selector`, with their keys.
    fn keyed(within: &web_sys::Element, selector: &str) -> Vec<(Key, web_sys::Element)> {
        let Ok(list) = within.query_selector_all(selector) else {
            return Vec::new();
        };
        let mut seen = std::collections::HashMap::<String, u32>::new();
        (0..list.length())
            .filter_map(|i| list.get(i)?.dyn_into::<web_sys::Element>().ok())
            .filter_map(|el| {
                let id = identity_of(&el)?;
                let n = seen.entry(id.clone()).or_default();
                *n += 1;
                Some(((id, *n - 1), el))
            })
            .collect()
    }

    /// The key of `el` among the controls of `within` (none for a control
    /// without an identity: it is not carried over rather than mistaken
    /// for another).
    fn key_of(within: &web_sys::Element, selector: &str, el: &web_sys::Element) -> Option<Key> {
        keyed(within, selector)
            .into_iter()
            .find(|(_, e)| e.is_same_node(Some(el)))
            .map(|(k, _)| k)
    }

    /// The control of `within` with `key`.
    fn find_key(within: &web_sys::Element, selector: &str, key: &Key) -> Option<web_sys::Element> {
        keyed(within, selector)
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, e)| e)
    }

    /// Waits for a new task, so one long piece of work becomes two shorter
    /// ones and the page can respond in between.
    pub async fn next_task() {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback(&resolve);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    /// Whether the viewer is live: it has taken the pre-rendered page's
    /// place, or, on a page without one, shown its first settled page.
    pub fn is_live() -> bool {
        LIVE.with(std::cell::Cell::get)
    }

    /// Once `ready()` (checked in later tasks), the live viewer takes the
    /// pre-rendered page's place. In a task of its own: the swap restyles and
    /// lays out the whole page.
    pub fn reveal_app(ready: impl Fn() -> bool + 'static) {
        if LIVE.with(std::cell::Cell::get) {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                next_task().await;
                if ready() {
                    break;
                }
            }
            swap_in_app().await;
        });
    }

    /// The live viewer takes the pre-rendered page's place (once), keeping
    /// keyboard focus on the same control; then marks the page live
    /// (`<html data-insyn-state="live">`; not on a page that embeds the
    /// viewer by script).
    async fn swap_in_app() {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(host) = PENDING.with(|p| p.borrow_mut().take()) {
            match doc.get_element_by_id("insyn-pre") {
                Some(pre) => replace_pre(&doc, &pre, &host).await,
                None => {
                    if let Some(body) = doc.body() {
                        let _ = body.append_child(&host);
                    }
                }
            }
        }
        if let Some(el) = doc.document_element().filter(|_| !is_script_embed()) {
            let _ = el.set_attribute("data-insyn-state", "live");
        }
        LIVE.with(|l| l.set(true));
        for f in WHEN_LIVE.with(|w| std::mem::take(&mut *w.borrow_mut())) {
            f();
        }
    }

    /// Puts the live page `host` in the place of the pre-rendered `pre`, and
    /// carries over what the reader did there: focus, scroll position, typed
    /// text and chosen options, a pending press.
    async fn replace_pre(doc: &web_sys::Document, pre: &web_sys::Element, host: &web_sys::Element) {
        let focused = doc
            .active_element()
            .filter(|a| pre.contains(Some(a)))
            .and_then(|a| key_of(pre, FOCUSABLE, &a));
        let anchor = scroll_anchor(pre);
        let entered = entered_values(pre);
        let opened: Vec<Key> = keyed(pre, "details[open]")
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let clicked = pending_click(pre);
        carry_sizes(pre, host);
        let _ = pre.replace_with_with_node_1(host);
        if let Some(el) = focused
            .and_then(|k| find_key(host, FOCUSABLE, &k))
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
        if let Some((id, top)) = anchor {
            keep_in_view(doc, &id, top);
        }
        // Disclosures and table views the reader opened stay open (the live
        // page builds their content on the `toggle` this sends).
        for key in &opened {
            if let Some(d) = find_key(host, "details", key)
                .and_then(|d| d.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            {
                d.set_open(true);
            }
        }
        carry_values(host, &entered).await;
        // Only the same button: never a link or another control.
        if let Some(el) = clicked.and_then(|k| {
            find_key(host, "button", &k)?
                .dyn_into::<web_sys::HtmlButtonElement>()
                .ok()
        }) {
            el.click();
        }
    }

    /// The sections the stylesheet lays out only once they near the window
    /// (`content-visibility: auto`, on the pre-rendered and the live page):
    /// the takeover lays out only those in view, not the whole page again.
    const CONTAINED: &str =
        ".goal-area[id], .assignments[id], .source-notes[id], .chart-section[id]";

    /// Each contained section of the live page takes the height its
    /// pre-rendered twin has (laid out, or the placeholder's while it was
    /// out of view) as its own placeholder: the page's geometry is the same
    /// after the takeover, and what the reader reads does not move.
    fn carry_sizes(pre: &web_sys::Element, host: &web_sys::Element) {
        let contained = |within: &web_sys::Element| -> Vec<web_sys::Element> {
            within
                .query_selector_all(CONTAINED)
                .ok()
                .map(|l| {
                    (0..l.length())
                        .filter_map(|i| l.get(i)?.dyn_into::<web_sys::Element>().ok())
                        .collect()
                })
                .unwrap_or_default()
        };
        let live: std::collections::HashMap<String, web_sys::Element> =
            contained(host).into_iter().map(|e| (e.id(), e)).collect();
        for el in contained(pre) {
            let height = el.get_bounding_client_rect().height();
            let Some(twin) = live
                .get(&el.id())
                .and_then(|t| t.dyn_ref::<web_sys::HtmlElement>())
            else {
                continue;
            };
            if height > 0.0 {
                let _ = twin
                    .style()
                    .set_property("contain-intrinsic-size", &format!("auto {height}px"));
            }
        }
    }

    /// Form fields on the pre-rendered page: typed-in text, ticked boxes
    /// and chosen options carry over to the live page.
    const FIELDS: &str = "input:not([type=file]):not([type=radio]), select";

    fn is_checkbox(input: &web_sys::HtmlInputElement) -> bool {
        input.type_() == "checkbox"
    }

    /// What the reader typed or chose on the pre-rendered page: (the
    /// field's key, value) of each field changed from its default.
    fn entered_values(pre: &web_sys::Element) -> Vec<(Key, String)> {
        keyed(pre, FIELDS)
            .into_iter()
            .filter_map(|(i, node)| {
                if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
                    if is_checkbox(input) {
                        let v = input.checked();
                        return (v != input.default_checked()).then_some((i, v.to_string()));
                    }
                    let v = input.value();
                    return (v != input.default_value()).then_some((i, v));
                }
                if let Some(select) = node.dyn_ref::<web_sys::HtmlSelectElement>() {
                    let default = select
                        .query_selector("option[selected]")
                        .ok()
                        .flatten()
                        .or_else(|| select.query_selector("option").ok().flatten())
                        .and_then(|o| o.get_attribute("value"))
                        .unwrap_or_default();
                    let v = select.value();
                    return (v != default).then_some((i, v));
                }
                None
            })
            .collect()
    }

    /// Puts `values` into the live page's fields and tells the viewer, as if
    /// the reader had typed or chosen them there: one field per task, so the
    /// viewer has re-rendered (and sees the address the last one set) before
    /// the next.
    async fn carry_values(host: &web_sys::Element, values: &[(Key, String)]) {
        for (key, v) in values {
            let Some(node) = find_key(host, FIELDS, key) else {
                continue;
            };
            if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
                if is_checkbox(input) {
                    // The live page may already show the choice (its address).
                    let want = v == "true";
                    if input.checked() == want {
                        continue;
                    }
                    input.set_checked(want);
                } else {
                    input.set_value(v);
                }
            } else if let Some(select) = node.dyn_ref::<web_sys::HtmlSelectElement>() {
                select.set_value(v);
            } else {
                continue;
            }
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            for kind in ["input", "change"] {
                if let Ok(e) = web_sys::Event::new_with_event_init_dict(kind, &init) {
                    let _ = node.dispatch_event(&e);
                }
            }
            next_task().await;
            next_task().await;
        }
    }

    /// The button the reader pressed last on the pre-rendered page (the
    /// boot script notes `{el, at}` in `insynPendingClick` and marks it
    /// `aria-busy`), by its key: it is pressed again on the live page, so a
    /// first tap is not lost, however late the viewer arrives (issue #30: a
    /// time window lost the press on a slower machine). What the platform
    /// does by itself before the viewer (a table view or disclosure opened,
    /// a filter chosen) is carried over as state, not replayed.
    fn pending_click(pre: &web_sys::Element) -> Option<Key> {
        let w = web_sys::window()?;
        let key = wasm_bindgen::JsValue::from_str("insynPendingClick");
        let note = js_sys::Reflect::get(&w, &key).ok()?;
        let _ = js_sys::Reflect::delete_property(&w, &key);
        let el = js_sys::Reflect::get(&note, &"el".into())
            .ok()?
            .dyn_into::<web_sys::HtmlButtonElement>()
            .ok()?;
        if !pre.contains(Some(&el)) {
            return None;
        }
        key_of(pre, "button", &el)
    }

    /// When the reader has scrolled down: the first element with an `id`
    /// that starts in the window (or else the innermost one across its top
    /// edge), and where it is. The live page's blocks out of view have not
    /// been laid out yet (`content-visibility`), so its heights above the
    /// reader can differ from the pre-rendered ones.
    fn scroll_anchor(pre: &web_sys::Element) -> Option<(String, f64)> {
        let w = web_sys::window()?;
        if w.scroll_y().ok()? <= 0.0 {
            return None;
        }
        let height = w.inner_height().ok()?.as_f64()?;
        // Not the marks inside charts: measuring those lays out every chart.
        let list = pre.query_selector_all("[id]:not(svg *)").ok()?;
        let mut across = None;
        for el in
            (0..list.length()).filter_map(|i| list.get(i)?.dyn_into::<web_sys::Element>().ok())
        {
            let r = el.get_bounding_client_rect();
            if r.height() <= 0.0 {
                continue;
            }
            if r.top() >= 0.0 && r.top() < height {
                return Some((el.id(), r.top()));
            }
            if r.top() < 0.0 && r.bottom() > 0.0 {
                across = Some((el.id(), r.top()));
            }
        }
        across
    }

    /// Scrolls so that the element `id` is again `top` pixels from the top of
    /// the window: the reader keeps their place when the viewer takes over.
    fn keep_in_view(doc: &web_sys::Document, id: &str, top: f64) {
        let (Some(w), Some(el)) = (web_sys::window(), doc.get_element_by_id(id)) else {
            return;
        };
        let moved = el.get_bounding_client_rect().top() - top;
        if moved.abs() >= 1.0 {
            w.scroll_by_with_x_and_y(0.0, moved);
        }
    }

    thread_local! {
        /// The site's base URL when the viewer is mounted into another page.
        static BASE_OVERRIDE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
        /// The validator module's files ("JS WASM") and the catalogue's file
        /// name when the viewer is mounted into another page (which has no
        /// `<meta name=insyn-check>` or `<meta name=insyn-catalogue>`).
        static CHECK_OVERRIDE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
        static CATALOGUE_OVERRIDE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    }

    /// The site's base URL, ending in "/" (from `<base href>`, or the script
    /// embed's own location).
    pub fn base_href() -> String {
        if let Some(b) = BASE_OVERRIDE.with(|b| b.borrow().clone()) {
            return b;
        }
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        format!("{origin}{}", base_path())
    }

    /// The site's base path, "/" or e.g. "/insyn/", from
    /// `<meta name="insyn-base">` (written by `cargo xtask dist`; a `<base>`
    /// element is not allowed under `base-uri 'none'`).
    pub fn base_path() -> String {
        let content = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("meta[name=insyn-base]").ok().flatten())
            .and_then(|m| m.get_attribute("content"))
            .unwrap_or_else(|| "/".into());
        let trimmed = content.trim_matches('/');
        if trimmed.is_empty() {
            "/".into()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// The `content` of `<meta name="{name}">` in the page, if it has one.
    pub fn meta_content(name: &str) -> Option<String> {
        web_sys::window()?
            .document()?
            .query_selector(&format!("meta[name={name}]"))
            .ok()??
            .get_attribute("content")
    }

    /// The address's path (`/insyn/en/asn-2025`).
    pub fn pathname() -> String {
        web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_else(|| "/".into())
    }

    /// The address's query, with its `?` (or empty).
    pub fn search() -> String {
        web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default()
    }

    /// Opens another address in place of this one (no new history entry).
    pub fn location_replace(url: &str) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().replace(url);
        }
    }

    pub fn set_title(title: &str) {
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(title);
        }
    }

    pub fn set_document_lang(lang: &str) {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", lang);
        }
    }

    /// Drops a trailing slash from the address without a new history entry,
    /// so `/{report}/` and `/{report}` show the same page.
    pub fn normalize_trailing_slash() {
        let Some(w) = web_sys::window() else { return };
        let loc = w.location();
        let (Ok(path), Ok(search), Ok(hash)) = (loc.pathname(), loc.search(), loc.hash()) else {
            return;
        };
        let base_path = base_path();
        if path.len() > 1 && path.ends_with('/') && path != base_path {
            let new = format!("{}{search}{hash}", path.trim_end_matches('/'));
            if let Ok(h) = w.history() {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&new));
            }
        }
    }

    pub fn session_get(key: &str) -> Option<String> {
        web_sys::window()?
            .session_storage()
            .ok()??
            .get_item(key)
            .ok()?
    }

    pub fn local_get(key: &str) -> Option<String> {
        web_sys::window()?
            .local_storage()
            .ok()??
            .get_item(key)
            .ok()?
    }

    pub fn local_set(key: &str, value: &str) {
        if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = s.set_item(key, value);
        }
    }

    /// The window's inner width in CSS pixels.
    pub fn viewport_width() -> Option<f64> {
        web_sys::window()?.inner_width().ok()?.as_f64()
    }

    /// Calls `f` with the new viewport width on every window resize, until the guard is dropped.
    pub fn on_resize(f: impl Fn(f64) + 'static) -> ResizeGuard {
        use wasm_bindgen::closure::Closure;
        let closure = Closure::<dyn Fn()>::new(move || {
            if let Some(w) = viewport_width() {
                f(w);
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback("resize", closure.as_ref().unchecked_ref());
        }
        ResizeGuard(Some(closure))
    }

    pub struct ResizeGuard(Option<wasm_bindgen::closure::Closure<dyn Fn()>>);

    impl Drop for ResizeGuard {
        fn drop(&mut self) {
            if let (Some(c), Some(w)) = (self.0.take(), web_sys::window()) {
                let _ = w.remove_event_listener_with_callback("resize", c.as_ref().unchecked_ref());
            }
        }
    }

    /// The drawing of the chart named by the element `name_id` on the
    /// pre-rendered page, while that page is in view (its `.chart-svg`).
    /// A copy of the node (the `.chart-svg` and its SVG), made by the DOM:
    /// no markup is read back or parsed, and the pre-rendered page keeps
    /// its own while it is in view.
    pub fn prerendered_chart_svg(name_id: &str) -> Option<web_sys::Node> {
        let doc = web_sys::window()?.document()?;
        let pre = doc.get_element_by_id("insyn-pre")?;
        let selector =
            format!("figure[aria-labelledby=\"{name_id}\"] > .chart-canvas > .chart-svg");
        let svg = pre.query_selector(&selector).ok()??;
        svg.has_child_nodes()
            .then(|| svg.clone_node_with_deep(true).ok())
            .flatten()
    }

    thread_local! {
        /// What waits for the viewer to go live.
        static WHEN_LIVE: std::cell::RefCell<Vec<Box<dyn FnOnce()>>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    /// Calls `f` once the viewer is live (at once if it is).
    pub fn when_live(f: impl FnOnce() + 'static) {
        if is_live() {
            f();
        } else {
            WHEN_LIVE.with(|w| w.borrow_mut().push(Box::new(f)));
        }
    }

    /// Offers `content` as a file download named `name`.
    pub fn download(name: &str, mime: &str, content: &str) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        if let Some(a) = doc
            .create_element("a")
            .ok()
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    }

    /// True when `insyn-embed.js` loaded the module into a host page: then
    /// `main` does not take over the page.
    pub fn is_script_embed() -> bool {
        web_sys::window()
            .and_then(|w| {
                js_sys::Reflect::get(&w, &wasm_bindgen::JsValue::from_str("__insynEmbed")).ok()
            })
            .is_some_and(|v| v.is_truthy())
    }

    /// Reads reports from `base` and takes the validator's and the
    /// catalogue's file names from `names`: the viewer is mounted into
    /// another page (`ui::boot::mount_embed`).
    pub fn serve_from(base: String, names: EmbedNames) {
        CHECK_OVERRIDE.with(|c| *c.borrow_mut() = Some(names.check));
        CATALOGUE_OVERRIDE.with(|c| *c.borrow_mut() = Some(names.catalogue));
        let base = if base.ends_with('/') {
            base
        } else {
            format!("{base}/")
        };
        BASE_OVERRIDE.with(|b| *b.borrow_mut() = Some(base));
    }

    /// The files `insyn-embed.js` names for a script embed: the validator
    /// module's ("JS WASM") and the catalogue's.
    pub struct EmbedNames {
        pub check: String,
        pub catalogue: String,
    }

    /// The catalogue the build wrote, by file name: from the page's
    /// `<meta name=insyn-catalogue>`, or what `insyn-embed.js` named.
    pub fn catalogue_name() -> Option<String> {
        CATALOGUE_OVERRIDE
            .with(|c| c.borrow().clone())
            .or_else(|| meta_content("insyn-catalogue"))
    }

    /// Notes the address this document was loaded at (`reload_in_place`).
    pub fn note_first_address() {
        FIRST_HREF.with(|f| *f.borrow_mut() = href());
    }

    thread_local! {
        /// The address this document was loaded at.
        static FIRST_HREF: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    }

    fn href() -> Option<String> {
        web_sys::window()?.location().href().ok()
    }

    /// Loads the current address anew, in place of its history entry: the
    /// router pushed a page another module renders. Returns false, and does
    /// nothing, at the address the document was loaded at: its module was
    /// chosen for it, and loading it again would load the same.
    pub fn reload_in_place() -> bool {
        let Some(now) = href() else { return false };
        // Not started by `start` (a script embed): never the host's page.
        let Some(first) = FIRST_HREF.with(|f| f.borrow().clone()) else {
            return false;
        };
        if first == now {
            return false;
        }
        web_sys::window().is_some_and(|w| w.location().replace(&now).is_ok())
    }

    /// While the guard lives, tells the parent window (an iframe's host) the
    /// page's height whenever it changes: `{type: "insyn:height", height, path}`.
    pub fn report_height_to_parent() -> HeightGuard {
        use wasm_bindgen::closure::Closure;
        let send = || {
            let Some(w) = web_sys::window() else { return };
            let Ok(Some(parent)) = w.parent() else { return };
            if parent == w {
                return;
            }
            let Some(doc) = w.document() else { return };
            let Some(el) = doc.document_element() else {
                return;
            };
            let height = el
                .scroll_height()
                .max(el.get_bounding_client_rect().height().ceil() as i32);
            let msg = js_sys::Object::new();
            let path = w.location().pathname().unwrap_or_default();
            let _ = js_sys::Reflect::set(&msg, &"type".into(), &"insyn:height".into());
            let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
            let _ = js_sys::Reflect::set(&msg, &"path".into(), &path.into());
            let _ = parent.post_message(&msg, "*");
        };
        send();
        let closure = Closure::<dyn Fn()>::new(send);
        let observer = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()).ok();
        if let (Some(o), Some(body)) = (
            &observer,
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.body()),
        ) {
            o.observe(&body);
        }
        HeightGuard(observer, Some(closure))
    }

    pub struct HeightGuard(
        Option<web_sys::ResizeObserver>,
        Option<wasm_bindgen::closure::Closure<dyn Fn()>>,
    );

    impl Drop for HeightGuard {
        fn drop(&mut self) {
            if let Some(o) = self.0.take() {
                o.disconnect();
            }
            self.1.take();
        }
    }

    /// Copies text to the clipboard; the promise's outcome is not awaited.
    pub fn copy_to_clipboard(text: &str) {
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(text);
        }
    }

    /// Opens a `<dialog>` as a modal (focus moves into it; Escape closes it).
    pub fn show_dialog(id: &str) {
        if let Some(d) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok())
        {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    }

    pub fn close_dialog(id: &str) {
        if let Some(d) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok())
        {
            d.close();
        }
    }

    /// The first file of a file input's change event or a drop event: (name, text).
    pub async fn event_file_text(
        e: yew::events::Event,
    ) -> Option<(String, Result<String, String>)> {
        let files = if let Some(d) = e.dyn_ref::<web_sys::DragEvent>() {
            d.data_transfer()?.files()?
        } else {
            e.target()?
                .dyn_into::<web_sys::HtmlInputElement>()
                .ok()?
                .files()?
        };
        let file = files.get(0)?;
        let name = file.name();
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .map_err(|_| "filen kunde inte läsas".to_string())
            .map(|v| v.as_string().unwrap_or_default());
        Some((name, text))
    }

    pub fn session_set(key: &str, value: &str) -> bool {
        web_sys::window()
            .and_then(|w| w.session_storage().ok().flatten())
            .is_some_and(|s| s.set_item(key, value).is_ok())
    }

    pub fn session_remove(key: &str) {
        if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
            let _ = s.remove_item(key);
        }
    }

    /// The page's origin, e.g. "https://malmo.se".
    pub fn origin() -> String {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }

    /// Moves keyboard focus to the element with this id (after a route change).
    pub fn focus_by_id(id: &str) {
        let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
        else {
            return;
        };
        match el.dyn_into::<web_sys::HtmlElement>() {
            Ok(h) => {
                let _ = h.focus();
            }
            Err(el) => {
                if let Ok(s) = el.dyn_into::<web_sys::SvgElement>() {
                    let _ = s.focus();
                }
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::FetchError;

    pub async fn fetch_text(_relative: &str) -> Result<String, FetchError> {
        Err(FetchError::Network("inte i en webbläsare".into()))
    }
    thread_local! {
        /// The base path of the site being pre-rendered.
        static BASE: std::cell::RefCell<String> = std::cell::RefCell::new("/".into());
    }
    /// The base path the pages rendered natively link within (set by
    /// `ui::prerender::render` for the site being built).
    pub fn set_base_path(base: &str) {
        BASE.with(|b| *b.borrow_mut() = base.to_string());
    }
    /// Natively the site's origin is not known: links are absolute paths.
    pub fn base_href() -> String {
        base_path()
    }
    pub fn base_path() -> String {
        BASE.with(|b| b.borrow().clone())
    }
    pub fn meta_content(_name: &str) -> Option<String> {
        None
    }
    pub fn catalogue_name() -> Option<String> {
        None
    }
    pub async fn search_pages(_query: &str, _limit: u32) -> Result<super::FoundPages, String> {
        Err("inte i en webbläsare".into())
    }
    pub fn pathname() -> String {
        "/".into()
    }
    pub fn search() -> String {
        String::new()
    }
    pub fn location_replace(_url: &str) {}
    pub fn reload_in_place() -> bool {
        false
    }

    /// Parsed JSON (natively: serde_json's value).
    pub struct Json(serde_json::Value);

    pub fn parse_json(src: &str) -> Result<Json, String> {
        serde_json::from_str(src)
            .map(Json)
            .map_err(|e| e.to_string())
    }

    pub fn decode<T: serde::de::DeserializeOwned>(v: &Json) -> Result<T, String> {
        T::deserialize(&v.0).map_err(|e| e.to_string())
    }

    /// Natively the validator is always in process (`state::check_in_process`).
    pub async fn check_file(
        _kind: &str,
        _file: &str,
        _src: &str,
    ) -> Result<Vec<crate::model::Diagnostic>, String> {
        Err("no validator module natively".into())
    }
    pub fn set_title(_title: &str) {}
    pub fn set_document_lang(_lang: &str) {}
    pub fn reveal_app(_ready: impl Fn() -> bool + 'static) {}
    pub fn is_live() -> bool {
        true
    }
    pub async fn next_task() {}
    pub fn normalize_trailing_slash() {}
    pub fn session_get(_key: &str) -> Option<String> {
        None
    }
    pub fn local_get(_key: &str) -> Option<String> {
        None
    }
    pub fn local_set(_key: &str, _value: &str) {}
    pub fn focus_by_id(_id: &str) {}
    pub fn viewport_width() -> Option<f64> {
        None
    }
    pub struct ResizeGuard;
    impl Drop for ResizeGuard {
        fn drop(&mut self) {}
    }
    pub fn on_resize(_f: impl Fn(f64) + 'static) -> ResizeGuard {
        ResizeGuard
    }
    pub fn prerendered_chart_svg(_name_id: &str) -> Option<web_sys::Node> {
        None
    }
    /// Natively the importer runs in process (the SSR tests).
    pub async fn import_text(file: &str, text: &str) -> Result<super::Imported, String> {
        let draft = crate::import::import(text, file).map_err(|e| e.to_string())?;
        Ok(super::Imported {
            report: draft.to_json(),
            review: draft.review,
        })
    }
    /// Natively nothing goes live later: the page is rendered whole.
    pub fn when_live(_f: impl FnOnce() + 'static) {}
    pub fn download(_name: &str, _mime: &str, _content: &str) {}
    pub fn is_script_embed() -> bool {
        false
    }
    pub struct HeightGuard;
    impl Drop for HeightGuard {
        fn drop(&mut self) {}
    }
    pub fn report_height_to_parent() -> HeightGuard {
        HeightGuard
    }
    pub fn copy_to_clipboard(_text: &str) {}
    pub async fn event_file_text(
        _e: yew::events::Event,
    ) -> Option<(String, Result<String, String>)> {
        None
    }
    pub fn session_set(_key: &str, _value: &str) -> bool {
        false
    }
    pub fn session_remove(_key: &str) {}
    pub fn show_dialog(_id: &str) {}
    pub fn close_dialog(_id: &str) {}
    pub fn origin() -> String {
        String::new()
    }
}

pub use imp::*;

#[cfg(test)]
mod tests {
    use super::control_identity as id;

    #[test]
    fn a_control_is_known_by_its_id_key_or_address_never_by_its_words() {
        assert_eq!(
            id("search", None, "INPUT", None).as_deref(),
            Some("#search")
        );
        assert_eq!(
            id("", Some("t1:table"), "BUTTON", None).as_deref(),
            Some("key:t1:table")
        );
        // The same link in Swedish and in English (`?lang=en`).
        assert_eq!(
            id("", None, "A", Some("/r/mal/g")),
            id("", None, "A", Some("/r/mal/g?lang=en"))
        );
        assert_eq!(
            id("", None, "A", Some("/r?lang=en#avvikelser")).as_deref(),
            Some("link:/r#avvikelser")
        );
        // A button with nothing stable to know it by is not carried over.
        assert_eq!(id("", None, "BUTTON", None), None);
        assert_eq!(id("", Some(""), "BUTTON", Some("/x")), None);
    }
}
