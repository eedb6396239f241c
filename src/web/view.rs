//! The window's width and its resizes, and keyboard focus.

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::JsCast;

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

    /// Moves keyboard focus to the element with this id (after a route change).
    pub fn focus_by_id(id: &str) {
        let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
        else {
            return;
        };
        focus_element(el);
    }

    /// Moves keyboard focus to `el`, an HTML element or an SVG one (a
    /// chart's mark).
    pub fn focus_element(el: web_sys::Element) {
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
}

pub use imp::*;
