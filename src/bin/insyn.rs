//! The viewer's entry point in the browser.
fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<insyn::ui::App>::new().render();
}
