//! The viewer embedded in another page: by script (`insyn-embed.js`: its
//! base URL and file names, `serve_from`) or in an iframe (its height told
//! to the parent window).

#[cfg(target_arch = "wasm32")]
mod imp {
    use crate::web::navigation::meta_content;
    use crate::web::{BASE_OVERRIDE, CATALOGUE_OVERRIDE, CHECK_OVERRIDE};
    use wasm_bindgen::JsCast;

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
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn catalogue_name() -> Option<String> {
        None
    }
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
}

pub use imp::*;
