//! Where the page is: the site's base path and URL, the address's path and
//! query, the page's `<meta>`, its title and language; and moving to
//! another address (a trailing slash dropped, an address opened in place).

#[cfg(target_arch = "wasm32")]
mod imp {
    use crate::web::BASE_OVERRIDE;

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

    /// The page's origin, e.g. "https://malmo.se".
    pub fn origin() -> String {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
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
    pub fn set_title(_title: &str) {}
    pub fn set_document_lang(_lang: &str) {}
    pub fn normalize_trailing_slash() {}
    pub fn origin() -> String {
        String::new()
    }
}

pub use imp::*;
