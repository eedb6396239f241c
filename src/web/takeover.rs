//! The takeover: the live viewer, built in a detached element, takes the
//! pre-rendered page's place once it is ready, and carries over what the
//! reader did there (focus, scroll position, fields, open disclosures, dialogs and
//! definitions, a pending press, each control known by `control_identity`); what waits
//! for the viewer to go live, and the tasks the work is split into; the
//! copies of pre-rendered sections far from the view, kept until the reader
//! nears them.

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

#[cfg(target_arch = "wasm32")]
mod imp {
    use crate::web::embed::is_script_embed;
    use wasm_bindgen::JsCast;

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
    pub type Key = (String, u32);

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

    /// The elements of `within` that match `selector`, in document order.
    fn elements(within: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
        let Ok(list) = within.query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.get(i)?.dyn_into::<web_sys::Element>().ok())
            .collect()
    }

    /// The controls of `within` that match `selector`, with their keys.
    fn keyed(within: &web_sys::Element, selector: &str) -> Vec<(Key, web_sys::Element)> {
        let mut seen = std::collections::HashMap::<String, u32>::new();
        elements(within, selector)
            .into_iter()
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
    /// text and chosen options, chosen files, a pending press.
    async fn replace_pre(doc: &web_sys::Document, pre: &web_sys::Element, host: &web_sys::Element) {
        let carried = Carried::read(doc, pre);
        let anchor = scroll_anchor(pre);
        let entered = entered_values(pre);
        let files = chosen_files(pre);
        let clicked = pending_click(pre);
        carry_sizes(pre, host);
        let _ = pre.replace_with_with_node_1(host);
        carried.show_and_focus(doc, host, true);
        if let Some((id, top)) = anchor {
            keep_in_view(doc, &id, top);
            keep_in_view_while_settling(&id, top);
        }
        carried.open(host);
        carry_values(host, &entered).await;
        give_files(host, files);
        // Only the same button: never a link or another control.
        if let Some(k) = clicked {
            press(host, "button", &k);
        }
    }

    /// What the reader did on the pre-rendered page or in a kept copy that
    /// the live page keeps: the definitions opened, the control focused,
    /// the disclosures and table views opened.
    struct Carried {
        shown: Vec<String>,
        focused: Option<Key>,
        opened: Vec<Key>,
        /// The ids of the dialogs open (an embed's, which opens without
        /// the viewer).
        dialogs: Vec<String>,
    }

    impl Carried {
        fn read(doc: &web_sys::Document, within: &web_sys::Element) -> Self {
            Carried {
                shown: open_popovers(within),
                focused: doc
                    .active_element()
                    .filter(|a| within.contains(Some(a)))
                    .and_then(|a| key_of(within, FOCUSABLE, &a)),
                opened: keyed(within, "details[open]")
                    .into_iter()
                    .map(|(k, _)| k)
                    .collect(),
                dialogs: elements(within, "dialog[open][id]")
                    .iter()
                    .map(web_sys::Element::id)
                    .collect(),
            }
        }

        /// The dialogs and definitions opened stay open (before focus
        /// returns: the focus may be inside one); then the same control, HTML or SVG (a
        /// chart's mark), in `live` gets the focus, unless `refocus` is
        /// false and the reader has moved it on since.
        fn show_and_focus(&self, doc: &web_sys::Document, live: &web_sys::Element, refocus: bool) {
            for id in &self.dialogs {
                // Its button tells the live page it is open (its state, its
                // preview); it opens now, so the focus can return into it.
                if let Some(b) = live
                    .query_selector(&format!("[data-opens=\"{id}\"]"))
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    b.click();
                }
                crate::web::show_dialog(id);
            }
            for id in &self.shown {
                if let Some(el) = doc
                    .get_element_by_id(id)
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.show_popover();
                }
            }
            let lost = || {
                doc.active_element()
                    .is_none_or(|a| doc.body().is_some_and(|b| a == *b.as_ref()))
            };
            if let Some(el) = (self.focused.as_ref())
                .filter(|_| refocus || lost())
                .and_then(|k| find_key(live, FOCUSABLE, k))
            {
                crate::web::focus_element(el);
            }
        }

        /// Disclosures and table views the reader opened stay open (the
        /// live page builds their content on the `toggle` this sends).
        fn open(&self, live: &web_sys::Element) {
            for key in &self.opened {
                if let Some(d) = find_key(live, "details", key)
                    .and_then(|d| d.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                {
                    d.set_open(true);
                }
            }
        }
    }

    /// Presses again, in `live`, the control of `selector` known by `key`.
    fn press(live: &web_sys::Element, selector: &str, key: &Key) {
        if let Some(el) =
            find_key(live, selector, key).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            el.click();
        }
    }

    /// The ids of the pre-rendered page's open popovers (a term's
    /// definition, opened by the platform before the viewer was live).
    fn open_popovers(pre: &web_sys::Element) -> Vec<String> {
        elements(pre, "[popover][id]:popover-open")
            .iter()
            .map(web_sys::Element::id)
            .collect()
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
        let live: std::collections::HashMap<String, web_sys::Element> = elements(host, CONTAINED)
            .into_iter()
            .map(|e| (e.id(), e))
            .collect();
        for el in elements(pre, CONTAINED) {
            let height = el.get_bounding_client_rect().height();
            let Some(twin) = live
                .get(&el.id())
                .and_then(|t| t.dyn_ref::<web_sys::HtmlElement>())
            else {
                continue;
            };
            hold_height(twin, height);
        }
    }

    /// `el`'s placeholder height while it is not laid out, if `height` > 0.
    fn hold_height(el: &web_sys::HtmlElement, height: f64) {
        if height > 0.0 {
            let _ = el
                .style()
                .set_property("contain-intrinsic-size", &format!("auto {height}px"));
        }
    }

    /// Form fields on the pre-rendered page: typed-in text, ticked boxes
    /// and chosen options carry over to the live page.
    const FIELDS: &str = "input:not([type=file]):not([type=radio]), select";

    /// A file field on the pre-rendered page.
    const FILE_FIELDS: &str = "input[type=file]";

    /// The files a reader chose in a file field of the pre-rendered page, or
    /// dropped on its drop area (the boot script puts them in the field), by
    /// the field's key: choosing one is what starts the viewer (issue #30).
    fn chosen_files(pre: &web_sys::Element) -> Vec<(Key, web_sys::FileList)> {
        keyed(pre, FILE_FIELDS)
            .into_iter()
            .filter_map(|(key, node)| {
                let files = node.dyn_ref::<web_sys::HtmlInputElement>()?.files()?;
                (files.length() > 0).then_some((key, files))
            })
            .collect()
    }

    /// Gives the live page's same file fields the files chosen before, with
    /// the `change` that choosing them there sends.
    fn give_files(host: &web_sys::Element, files: Vec<(Key, web_sys::FileList)>) {
        for (key, list) in files {
            let Some(node) = find_key(host, FILE_FIELDS, &key) else {
                continue;
            };
            let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() else {
                continue;
            };
            input.set_files(Some(&list));
            send(&node, &["change"]);
        }
    }

    /// Sends `kinds` of bubbling events to `node`, as the reader's own
    /// typing or choosing there would.
    fn send(node: &web_sys::Element, kinds: &[&str]) {
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        for kind in kinds {
            if let Ok(e) = web_sys::Event::new_with_event_init_dict(kind, &init) {
                let _ = node.dispatch_event(&e);
            }
        }
    }

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
            send(&node, &["input", "change"]);
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
        // Not the marks inside charts (measuring those lays out every chart),
        // nor a term and its definition (a word inside a line, not a block).
        let list = pre
            .query_selector_all("[id]:not(svg *):not(.term *)")
            .ok()?;
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

    #[wasm_bindgen::prelude::wasm_bindgen(module = "/assets/js/takeover.js")]
    extern "C" {
        /// Keeps the element `id` at `top` in each frame after the takeover,
        /// until it has stayed there for three frames (at most sixty), or
        /// the reader scrolls by themselves (wheel, touch, key, pointer).
        /// In the frames after the swap the browser lays out the live
        /// sections near the view (`content-visibility`), whose heights can
        /// differ from the pre-rendered placeholders above the reader; and
        /// its own scroll anchoring has no anchor in the new page until the
        /// next scroll: a section growing above the view moved the goal a
        /// reader was reading by 313 px, once the takeover itself no longer
        /// scrolled. In JavaScript (`assets/js/takeover.js`): a loop of
        /// frames and listeners is a few lines there, and as wasm closures
        /// it added a kilobyte to every page's first load.
        #[wasm_bindgen(js_name = keepInViewWhileSettling)]
        fn keep_in_view_while_settling(id: &str, top: f64);
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

    /// A deep copy (made by the DOM: nothing is parsed) of the
    /// pre-rendered page's element `id`, while that page is in view, when
    /// the element is more than a window's height from the view: the live
    /// page shows the copy in its place, and builds its own only when the
    /// reader nears it ([`when_near`]; issue #30: the takeover builds what
    /// the reader sees, not a whole page of charts below it). `None` for an
    /// element near the view or holding the focus, or with no pre-rendered
    /// page.
    pub fn far_prerendered_copy(id: &str) -> Option<web_sys::Node> {
        let w = web_sys::window()?;
        let doc = w.document()?;
        let pre = doc.get_element_by_id("insyn-pre")?;
        let el = doc
            .get_element_by_id(id)
            .filter(|e| pre.contains(Some(e)))?;
        let height = w.inner_height().ok()?.as_f64()?;
        let r = el.get_bounding_client_rect();
        // The reader's focus stays on a live control, not on a copy's.
        let focused = doc.active_element().is_some_and(|a| el.contains(Some(&a)));
        let near = focused || (r.bottom() > -height && r.top() < 2.0 * height);
        (!near)
            .then(|| el.clone_node_with_deep(true).ok())
            .flatten()
    }

    /// What the reader did inside a kept copy, put back on its live twin.
    pub struct Within {
        carried: Option<Carried>,
        pressed: Option<Key>,
        /// The copy's height, for its twin's placeholder.
        height: f64,
    }

    /// Watches a kept copy (`node`): `wake` is called, once, with what the
    /// reader did in it, when it comes within a window's height of the
    /// view, gets the focus, or a button in it is pressed (the press is
    /// held back and made again on the live twin: the copy's buttons have
    /// no handlers). Watching stops when the guard is dropped.
    pub fn when_near(node: &web_sys::Node, wake: impl Fn(Option<Key>) + 'static) -> Option<Watch> {
        use wasm_bindgen::closure::Closure;
        let el = node.clone().dyn_into::<web_sys::Element>().ok()?;
        let wake = std::rc::Rc::new(wake);
        let seen = {
            let wake = wake.clone();
            Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                let near = entries.iter().any(|e| {
                    e.dyn_into::<web_sys::IntersectionObserverEntry>()
                        .is_ok_and(|e| e.is_intersecting())
                });
                if near {
                    wake(None);
                }
            })
        };
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root_margin("100% 0px");
        let observer =
            web_sys::IntersectionObserver::new_with_options(seen.as_ref().unchecked_ref(), &init)
                .ok()?;
        observer.observe(&el);
        let acted = {
            let el = el.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                if let Some(pressed) = acted_in_copy(&el, &e) {
                    wake(pressed);
                }
            })
        };
        for kind in ["focusin", "click"] {
            let _ = el.add_event_listener_with_callback_and_bool(
                kind,
                acted.as_ref().unchecked_ref(),
                true,
            );
        }
        Some(Watch {
            observer,
            el,
            _seen: seen,
            acted,
        })
    }

    /// What a kept copy's pressable controls are: a press on one is made
    /// again on the live twin (a link then leads on in the viewer, not by
    /// loading the page again).
    const PRESSABLE: &str = "button:not([popovertarget]), a[href]";

    /// Whether the event `e` in the kept copy `el` wakes it, and with which
    /// press: a press on a button or link (held back: the copy's have no
    /// handlers, the twin's are pressed); a table view or disclosure
    /// opened (the copy's opens at once, as it holds the pre-rendered
    /// content, and is read before the twin takes its place); focus moved
    /// in by keyboard (a pointer's focus comes before its click, which the
    /// twin would then miss).
    fn acted_in_copy(el: &web_sys::Element, e: &web_sys::Event) -> Option<Option<Key>> {
        let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
        if e.type_() != "click" {
            return target
                .matches(":focus-visible")
                .unwrap_or(false)
                .then_some(None);
        }
        if let Some(d) = target
            .closest("summary")
            .ok()
            .flatten()
            .and_then(|s| s.parent_element())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        {
            e.prevent_default();
            d.set_open(!d.open());
            return Some(None);
        }
        let pressed = target.closest(PRESSABLE).ok().flatten()?;
        e.prevent_default();
        e.stop_propagation();
        Some(key_of(el, PRESSABLE, &pressed))
    }

    /// Stops watching a kept copy when dropped.
    pub struct Watch {
        observer: web_sys::IntersectionObserver,
        el: web_sys::Element,
        _seen: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
        acted: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>,
    }

    impl Drop for Watch {
        fn drop(&mut self) {
            self.observer.disconnect();
            for kind in ["focusin", "click"] {
                let _ = self.el.remove_event_listener_with_callback_and_bool(
                    kind,
                    self.acted.as_ref().unchecked_ref(),
                    true,
                );
            }
        }
    }

    /// What the reader did in the kept copy `node` (read just before its
    /// live twin takes its place), and the button they pressed in it.
    pub fn state_within(node: &web_sys::Node, pressed: Option<Key>) -> Within {
        let el = node.dyn_ref::<web_sys::Element>();
        let doc = web_sys::window().and_then(|w| w.document());
        Within {
            carried: el.zip(doc).map(|(el, doc)| Carried::read(&doc, el)),
            pressed,
            height: el.map_or(0.0, |el| el.get_bounding_client_rect().height()),
        }
    }

    /// The live twin (the element `id`) of a kept copy takes the copy's
    /// height as its placeholder while it is not laid out (as
    /// `carry_sizes` gives each section at the takeover): built above the
    /// view, it does not move what the reader reads.
    pub fn size_twin(state: &Within, id: &str) {
        if let Some(twin) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            hold_height(&twin, state.height);
        }
    }

    /// Puts what the reader did in a kept copy on its live twin, the
    /// element `id` (the copy's own id), as the takeover does on the live
    /// page; focus only if the reader has not moved it on since.
    pub fn restore_within(state: Within, id: &str) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(el) = doc.get_element_by_id(id) else {
            return;
        };
        if let Some(carried) = &state.carried {
            carried.open(&el);
            carried.show_and_focus(&doc, &el, false);
        }
        if let Some(k) = &state.pressed {
            press(&el, PRESSABLE, k);
        }
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
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn reveal_app(_ready: impl Fn() -> bool + 'static) {}
    pub fn is_live() -> bool {
        true
    }
    pub async fn next_task() {}
    pub fn prerendered_chart_svg(_name_id: &str) -> Option<web_sys::Node> {
        None
    }
    /// Natively nothing goes live later: the page is rendered whole.
    pub fn when_live(_f: impl FnOnce() + 'static) {}
    /// Natively there is no pre-rendered page to keep.
    pub fn far_prerendered_copy(_id: &str) -> Option<web_sys::Node> {
        None
    }
    pub struct Within;
    pub struct Watch;
    pub type Key = ();
    pub fn when_near(
        _node: &web_sys::Node,
        _wake: impl Fn(Option<Key>) + 'static,
    ) -> Option<Watch> {
        None
    }
    pub fn size_twin(_state: &Within, _id: &str) {}
    pub fn state_within(_node: &web_sys::Node, _pressed: Option<Key>) -> Within {
        Within
    }
    pub fn restore_within(_state: Within, _id: &str) {}
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
