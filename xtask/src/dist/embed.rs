//! What a host page needs to embed the viewer: `insyn-embed.js` (the
//! script embed, with the site's hashed names filled in) and
//! `embed-demo.html`, the demo of both forms on a hostile host page.

use std::path::Path;

use insyn::ui::route::Family;

use super::modules::Modules;
use super::out::Out;
use super::shell::{check_names, fill};
use crate::tools::Result;

/// `insyn-embed.js` (`assets/js/`): mounts the viewer into `<div data-insyn="…">` elements of
/// any host page, each inside a shadow root with the site's stylesheet.
pub fn write_embed_loader(out: &Out, modules: &Modules, css: &str, catalogue: &str) -> Result {
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
    out.write("insyn-embed.js", loader.as_bytes())
}

/// Copies the embed demo (a hostile host page) into the build; only with
/// the bundled reports, whose pages the demo names.
pub fn copy_docs(root: &Path, out: &Out) -> Result {
    let f = "embed-demo.html";
    out.copy(f, &root.join("docs").join(f))
}
