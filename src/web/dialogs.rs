//! What a control asks of the browser: a `<dialog>` opened (it closes by
//! itself, `<form method="dialog">`), a
//! file downloaded, text copied to the clipboard.

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::JsCast;

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

    /// Copies `text` to the clipboard, then calls `done(true)` once the
    /// browser has; where it refuses, or has no clipboard (plain http),
    /// selects the field `field` that holds the text instead (and moves
    /// the focus there), for the reader to copy by hand, and calls `done(false)` (as the boot script
    /// does before the viewer is live).
    pub fn copy_to_clipboard(text: &str, field: &str, done: impl FnOnce(bool) + 'static) {
        let clipboard = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).ok())
            .filter(|c| c.is_object())
            .map(|c| c.unchecked_into::<web_sys::Clipboard>());
        let written = clipboard.map(|c| wasm_bindgen_futures::JsFuture::from(c.write_text(text)));
        let field = field.to_string();
        wasm_bindgen_futures::spawn_local(async move {
            let ok = match written {
                Some(w) => w.await.is_ok(),
                None => false,
            };
            if !ok {
                if let Some(f) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&field))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                {
                    let _ = f.focus();
                    f.select();
                }
            }
            done(ok);
        });
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
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn download(_name: &str, _mime: &str, _content: &str) {}
    pub fn copy_to_clipboard(_text: &str, _field: &str, _done: impl FnOnce(bool) + 'static) {}
    pub fn show_dialog(_id: &str) {}
}

pub use imp::*;
