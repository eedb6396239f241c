//! What a host page needs to embed the viewer: `insyn-embed.js` (the
//! script embed, with the site's hashed names filled in) and
//! `embed-demo.html`, the demo of both forms on a hostile host page.

use std::path::Path;

use insyn::ui::route::Family;

use super::modules::Modules;
use super::shell::{check_names, fill};
use crate::tools::Result;

/// `insyn-embed.js` (`assets/js/`): mounts the viewer into `<div data-insyn="…">` elements of
/// any host page, each inside a shadow root with the site's stylesheet.
pub fn write_embed_loader(dist: &Path, modules: &Modules, css: &str, catalogue: &str) -> Result {
    let embeds = &modules.pages[&Family::Embeds];
    let loader = fill(
        include_str!("../../../assets/js/insyn-embed.js"),
        &[
            ("JS", &embeds.js),
            ("WASM", &embeds.wasm),
            ("CSS", css),
            ("CHECK", &check_names(&modules.check)),
            ("CATALOGUE", catalogue),
        ],
    )?;
    std::fs::write(dist.join("insyn-embed.js"), loader).map_err(|e| format!("insyn-embed.js: {e}"))
}

/// Copies the embed demo (a hostile host page) into the build.
pub fn copy_docs(root: &Path, dist: &Path) -> Result {
    let f = "embed-demo.html";
    std::fs::copy(root.join("docs").join(f), dist.join(f)).map_err(|e| format!("{f}: {e}"))?;
    Ok(())
}
