//! The viewer's entry point in the browser. When `insyn-embed.js` loads the
//! module into another page, it mounts embeds itself and `main` does nothing.
fn main() {
    #[cfg(target_arch = "wasm32")]
    if !insyn::web::is_script_embed() && !follow_language_choice() {
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

/// Remembers the reader's choice of language and, when this Swedish page was
/// asked for in English (`?lang=en`, or English chosen last time), opens its
/// English page instead. Returns whether it did.
#[cfg(target_arch = "wasm32")]
fn follow_language_choice() -> bool {
    use insyn::{ui, web};
    let (base, path, query) = (web::base_path(), web::pathname(), web::search());
    if let Some(lang) = ui::lang_to_remember(&base, &path, &query) {
        web::local_set(ui::LANG_KEY, lang.code());
    }
    let remembered = web::local_get(ui::LANG_KEY);
    match ui::lang_redirect(&base, &path, &query, remembered.as_deref()) {
        Some(url) => {
            web::location_replace(&url);
            true
        }
        None => false,
    }
}
