//! The release site's module for the embeds (`insyn::ui::route::Family`),
//! built by `cargo xtask dist`: an embed page in an iframe, or embeds that
//! `insyn-embed.js` mounts into any host page.
fn main() {
    #[cfg(target_arch = "wasm32")]
    insyn::web::start(insyn::ui::pages::Pages::EMBEDS);
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
    insyn::web::mount_embed(root, path, base, names, insyn::ui::pages::Pages::EMBEDS);
}
