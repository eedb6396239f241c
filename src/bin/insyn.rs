//! The viewer's entry point in the browser. When `insyn-embed.js` loads the
//! module into another page, it mounts embeds itself and `main` does nothing.
fn main() {
    #[cfg(target_arch = "wasm32")]
    if !insyn::web::is_script_embed() {
        // Starting the module and rendering the first time are two tasks.
        wasm_bindgen_futures::spawn_local(async {
            insyn::web::next_task().await;
            match insyn::web::app_root() {
                Some(root) => yew::Renderer::<insyn::ui::App>::with_root(root).render(),
                None => yew::Renderer::<insyn::ui::App>::new().render(),
            };
        });
    }
}
