//! The release site's module for the reports family of pages
//! (`insyn::ui::route::Family`), built by `cargo xtask dist`.
fn main() {
    #[cfg(target_arch = "wasm32")]
    insyn::web::start(insyn::ui::pages::Pages::REPORTS);
}
