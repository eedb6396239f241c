//! The release site's module for a report's own page
//! (`insyn::ui::route::Family::Report`), built by `cargo xtask dist`.
fn main() {
    #[cfg(target_arch = "wasm32")]
    insyn::ui::boot::start(insyn::ui::pages::Pages::REPORT);
}
