//! Browser glue: the only module that calls browser APIs (fetch, history,
//! document, storage). On native targets (the SSR tests, the xtask) every
//! function is a harmless stand-in, so `ui` compiles and renders natively.
//!
//! One file per concern, each with its browser code and, beside it, its
//! native stand-in: `fetch` (files, JSON, the validator, importer and
//! search modules), `navigation` (base path, address, title), `storage`,
//! `takeover` (the live viewer taking the pre-rendered page's place),
//! `view` (window width, focus), `dialogs` (dialogs, downloads,
//! clipboard), `embed` (the viewer in another page) and `events`.

mod dialogs;
mod embed;
mod events;
mod fetch;
mod navigation;
mod storage;
mod takeover;
mod view;

pub use dialogs::*;
pub use embed::*;
pub use events::*;
pub use fetch::*;
pub use navigation::*;
pub use storage::*;
pub use takeover::*;
pub use view::*;

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The site's base URL when the viewer is mounted into another page.
    static BASE_OVERRIDE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// The validator module's files ("JS WASM") and the catalogue's file
    /// name when the viewer is mounted into another page (which has no
    /// `<meta name=insyn-check>` or `<meta name=insyn-catalogue>`).
    static CHECK_OVERRIDE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    static CATALOGUE_OVERRIDE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}
