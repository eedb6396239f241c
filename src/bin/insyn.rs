//! The viewer with every page: Trunk's development build (`cargo xtask dev`).
//! The release site loads one module per family of pages instead
//! (`insyn-start`, `insyn-reports`, `insyn-compare`, `insyn-embeds`).
fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        // No validator module here: this build validates in process.
        insyn::ui::state::check_in_process(insyn::model::validate::check);
        insyn::web::start(insyn::ui::pages::Pages::ALL);
    }
}

/// Mounts an embed into a host page (`insyn-embed.js`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount_embed(
    root: web_sys::Element,
    path: String,
    base: String,
    check: String,
    catalogue: String,
) {
    let names = insyn::web::EmbedNames { check, catalogue };
    insyn::web::mount_embed(root, path, base, names, insyn::ui::pages::Pages::ALL);
}
