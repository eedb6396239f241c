//! Every route pre-rendered in Swedish at its route and in English below
//! `/en/`, each into its family's page shell (`shell.rs`) with its head
//! filled in (`seo.rs`), on every core; and `404.html`. Each worker renders
//! with its own store (yew's renderer is not `Send`).

use std::path::Path;
use std::rc::Rc;

use insyn::model::format::Lang;
use insyn::model::glossary::Glossary;
use insyn::model::{Manifest, Report};
use insyn::ui::prerender::in_lang;
use insyn::ui::state::Store;

use super::parallel::each;
use super::shell::Shell;
use super::site::Findable;
use crate::tools::Result;

/// What the pages are rendered from.
pub struct Data<'a> {
    pub manifest: &'a Manifest,
    pub reports: &'a [Report],
    pub glossary: &'a Glossary,
    /// Each page's head: description, canonical link, share card, JSON-LD
    /// (`Findable::finish`, in `seo.rs`).
    pub findable: &'a Findable,
}

/// Writes each route's HTML file, its page rendered into `shell`.
pub fn prerender(dist: &Path, base: &str, shell: &Shell, routes: &[String], data: &Data) -> Result {
    each(routes, |share| {
        let store = Rc::new(
            Store::ready(data.manifest.clone(), data.reports.to_vec())
                .with_glossary(data.glossary.clone()),
        );
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| format!("tokio: {e}"))?;
        for route in share {
            for lang in [Lang::Sv, Lang::En] {
                let path = in_lang(route, lang);
                let page =
                    runtime.block_on(insyn::ui::prerender::render(&path, base, store.clone()));
                let html = shell.page(route, &page.html, page.title.as_deref())?;
                let html = data
                    .findable
                    .finish(route, lang, page.title.as_deref(), &html)?;
                let dir = dist.join(path.trim_start_matches('/'));
                std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                std::fs::write(dir.join("index.html"), html)
                    .map_err(|e| format!("{}: {e}", dir.display()))?;
            }
        }
        Ok(())
    })
}

/// Writes `404.html`, which hosts that serve it for unknown paths (GitHub
/// Pages) show: the app's own "not found".
pub fn write_not_found(dist: &Path, html: &str) -> Result {
    std::fs::write(dist.join("404.html"), html).map_err(|e| format!("404.html: {e}"))
}
