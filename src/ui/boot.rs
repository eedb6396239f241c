//! Starting the viewer in the browser: on a page of the site (`start`, the
//! `main` of each module's binary) or in another page (`mount_embed`, called
//! by `insyn-embed.js`). The browser glue (`web`) knows nothing of the UI;
//! this is where the two meet.

use super::pages::Pages;
use crate::web;

/// Starts the viewer with `pages` on this page, unless `insyn-embed.js`
/// loaded the module (it mounts embeds itself) or the page is to open in
/// the reader's language instead.
pub fn start(pages: Pages) {
    if web::is_script_embed() || follow_language_choice() {
        return;
    }
    web::note_first_address();
    // Starting the module and rendering the first time are two tasks.
    yew::platform::spawn_local(async move {
        web::next_task().await;
        let props = super::AppProps { pages };
        match web::app_root() {
            Some(root) => yew::Renderer::<super::App>::with_root_and_props(root, props).render(),
            None => yew::Renderer::<super::App>::with_props(props).render(),
        };
    });
}

/// Mounts an embed view (`asn-2025/ekonomi/budgetavvikelse`) into `root`,
/// fetching reports from `base`. Called by `insyn-embed.js`, through the
/// `mount_embed` export of the module that has the embeds
/// (`src/bin/insyn-embeds.rs`, `mount_embed_export!`).
pub fn mount_embed(
    root: web_sys::Element,
    path: String,
    base: String,
    names: web::EmbedNames,
    pages: Pages,
) {
    web::serve_from(base, names);
    let path = format!("/inbaddning/{}", path.trim_matches('/'));
    yew::Renderer::<super::EmbedApp>::with_root_and_props(
        root,
        super::EmbedAppProps { path, pages },
    )
    .render();
}

/// Remembers the reader's choice of language and, when this Swedish page
/// was asked for in English (`?lang=en`, or English chosen last time),
/// opens its English page instead. Returns whether it did.
fn follow_language_choice() -> bool {
    let (base, path, query) = (web::base_path(), web::pathname(), web::search());
    if let Some(lang) = super::lang_to_remember(&base, &path, &query) {
        web::local_set(super::LANG_KEY, lang.code());
    }
    let remembered = web::local_get(super::LANG_KEY);
    match super::lang_redirect(&base, &path, &query, remembered.as_deref()) {
        Some(url) => {
            web::location_replace(&url);
            true
        }
        None => false,
    }
}
