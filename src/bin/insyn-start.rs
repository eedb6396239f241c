//! The release site's module for the start family of pages
//! (`insyn::ui::route::Family`), built by `cargo xtask dist`.
fn main() {
    #[cfg(target_arch = "wasm32")]
    insyn::ui::boot::start(insyn::ui::pages::Pages::START);
}
