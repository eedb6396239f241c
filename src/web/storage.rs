//! The session's and the browser's storage (`sessionStorage`,
//! `localStorage`).

#[cfg(target_arch = "wasm32")]
mod imp {
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
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn session_get(_key: &str) -> Option<String> {
        None
    }
    pub fn local_get(_key: &str) -> Option<String> {
        None
    }
    pub fn local_set(_key: &str, _value: &str) {}
    pub fn session_set(_key: &str, _value: &str) -> bool {
        false
    }
    pub fn session_remove(_key: &str) {}
}

pub use imp::*;
