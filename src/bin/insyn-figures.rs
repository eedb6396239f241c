//! The release site's module for a report's goals, finances and charts
//! (`insyn::ui::route::Family::Figures`), built by `cargo xtask dist`.
fn main() {
    #[cfg(target_arch = "wasm32")]
    insyn::ui::boot::start(insyn::ui::pages::Pages::FIGURES);
}
