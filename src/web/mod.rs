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

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::FetchError;
    use wasm_bindgen::JsCast;

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

    /// The site's base URL, ending in "/" (from `<base href>`).
    pub fn base_href() -> String {
        let uri = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_else(|| "/".into());
        match uri.rfind('/') {
            Some(i) => uri[..=i].to_string(),
            None => "/".into(),
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
    /// so "/asn-2025/" and "/asn-2025" show the same page.
    pub fn normalize_trailing_slash() {
        let Some(w) = web_sys::window() else { return };
        let loc = w.location();
        let (Ok(path), Ok(search), Ok(hash)) = (loc.pathname(), loc.search(), loc.hash()) else {
            return;
        };
        let base_path = base_href()
            .split_once("://")
            .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
            .unwrap_or_else(|| "/".into());
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
    pub fn base_href() -> String {
        "/".into()
    }
    pub fn set_title(_title: &str) {}
    pub fn set_document_lang(_lang: &str) {}
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
    pub fn download(_name: &str, _mime: &str, _content: &str) {}
}

pub use imp::*;
