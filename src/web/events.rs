//! What an event carries: a field's value, a disclosure's state, a chosen
//! or dropped file's text.

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

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::JsCast;

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
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub async fn event_file_text(
        _e: yew::events::Event,
    ) -> Option<(String, Result<String, String>)> {
        None
    }
}

pub use imp::*;
