//! The release site's module for the embeds (`insyn::ui::route::Family`),
//! built by `cargo xtask dist`: an embed page in an iframe, or embeds that
//! `insyn-embed.js` mounts into any host page.
fn main() {
    #[cfg(target_arch = "wasm32")]
    insyn::ui::boot::start(insyn::ui::pages::Pages::EMBEDS);
}

insyn::mount_embed_export!(insyn::ui::pages::Pages::EMBEDS);
