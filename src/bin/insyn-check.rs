//! The validator as a module of its own (issue #16): the pages load it only
//! when a file needs checking (`assets/js/check.js`), so the validator's
//! checks, JSON paths and positions are in no page's first load.
fn main() {}

/// Every problem of a file of `kind` (`FileKind::name`): an empty list when
/// the viewer can use it.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn check(kind: &str, file: &str, src: &str) -> wasm_bindgen::JsValue {
    use insyn::model::validate::{check, Diagnostic, DiagnosticKind, FileKind};
    let problems = match FileKind::from_name(kind) {
        Some(k) => check(k, file, src),
        None => vec![Diagnostic::without_position(
            file,
            DiagnosticKind::Structure,
            "",
            format!("okänd filtyp {kind:?}"),
        )],
    };
    serde_wasm_bindgen::to_value(&problems).unwrap_or(wasm_bindgen::JsValue::NULL)
}

/// A reader's own report file: its problems, and, when it was written for
/// an older schema version, the migrated text and what was filled in
/// (`insyn::model::migrate::OwnFile`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn read_own(file: &str, src: &str) -> wasm_bindgen::JsValue {
    let own = insyn::model::migrate::read_own(file, src);
    serde_wasm_bindgen::to_value(&own).unwrap_or(wasm_bindgen::JsValue::NULL)
}
