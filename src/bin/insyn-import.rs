//! The importer as a module of its own (issue #31): only the page for
//! opening your own report loads it (`assets/js/check.js`, `importText`),
//! when a reader gives it a text file, so no other page carries it.
fn main() {}

/// The draft of the report in `text` (the plain text of a board's PDF,
/// file `name`), as JSON text: `{"ok": true, "report": "<the draft's JSON
/// text>", "review": [{"line", "page"?, "message"}]}`, or `{"ok": false,
/// "error"}` when the text is no report of a known kind.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn import_text(name: &str, text: &str) -> String {
    let out = match insyn::import::import(text, name) {
        Ok(draft) => serde_json::json!({
            "ok": true,
            "report": draft.to_json(),
            "review": draft.review,
        }),
        Err(e) => serde_json::json!({ "ok": false, "error": e.to_string() }),
    };
    out.to_string()
}
