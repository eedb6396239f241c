//! `cargo xtask dist [--base /path/]`: the static site, ready for any host.
//!
//! One file per artefact, in the order [`build_from`] makes them:
//!
//! 1. `modules.rs`: Trunk's release build (the page shell, the stylesheet,
//!    the assets) and one wasm module per family of pages, the validator
//!    and the importer, with the std built for size of `size.rs`;
//! 2. `data.rs`: the report files (validated, or another archive's), the
//!    catalogue, each report's page file, each goal's and each board's
//!    file, the glossary;
//! 3. `embed.rs`: `insyn-embed.js` and the embed demo;
//! 4. `shell.rs`: each family's page shell with its boot script, the
//!    `<noscript>` sheet and the shell of `404.html`;
//! 5. `pages.rs`: every route pre-rendered in Swedish and English, each
//!    page's head filled in by `seo.rs`; `404.html`;
//! 6. `seo.rs`: `sitemap.xml` and `robots.txt`;
//! 7. `opendata.rs`: each table as CSV and the DCAT catalogue `katalog.rdf`;
//! 8. `share.rs`: the share images and the charts as PNG;
//! 9. `search.rs`: the Pagefind index;
//! 10. `check.rs`: the check of the site as a whole (links, sitemap, orphans);
//! 11. `compress.rs`: `.br` and `.gz` beside every compressible file;
//! 12. `digest.rs`: one digest of every file, printed, so two builds of the
//!     same inputs are compared by one line (and `cargo xtask test`
//!     compares two clean builds file by file).
//!
//! The steps share `site.rs` (where the site lives, the publishing options,
//! the data the pages are made from), `names.rs` (the one scheme of hashed
//! file names, and SRI) and `parallel.rs` (work on every core); no two
//! steps import each other.

mod cache;
pub mod check;
pub mod compress;
mod data;
pub mod digest;
mod embed;
mod modules;
mod names;
mod opendata;
mod pages;
mod parallel;
mod search;
mod seo;
mod share;
mod shell;
pub mod site;
pub mod size;

use std::path::{Path, PathBuf};

use site::{normalize_base, Findable, Options};

use crate::tools::Result;

/// Builds the release site into `out` (relative to the root) for the given
/// base path, from the bundled reports.
pub fn build(root: &Path, base: &str, out: &str, options: &Options) -> Result<PathBuf> {
    build_from(root, base, out, None, options)
}

/// Builds the site from the report files in `reports` (a folder with an
/// `index.json`; the bundled ones when `None`).
pub fn build_from(
    root: &Path,
    base: &str,
    out: &str,
    reports: Option<&Path>,
    options: &Options,
) -> Result<PathBuf> {
    let started = std::time::Instant::now();
    let cache = cache::Cache::open(root, options.clean);
    let base = normalize_base(base);
    let dist = root.join(out);
    modules::trunk_build(root, &base, &dist)?;
    let modules = modules::build(root, &dist, &cache)?;
    let bundled = root.join("assets/reports");
    let dir = reports.map_or_else(|| bundled.clone(), Path::to_path_buf);
    let (manifest, reports, migrated) = data::read_reports(&dir)?;
    if dir != bundled {
        data::replace_reports(&dir, &dist)?;
    }
    data::write_migrated(&dist, &migrated)?;
    let (catalogue, page_reports) = data::write_catalogue(&dist, &manifest, &reports)?;
    let own_pages = data::write_report_pages(&dist, &manifest, &reports)?;
    let glossary_file = options
        .glossary
        .clone()
        .unwrap_or_else(|| root.join("assets/glossary.json"));
    let glossary = data::write_glossary(&glossary_file, &dist, &reports)?;
    let findable = Findable::new(&base, manifest.clone(), reports.clone(), options.clone());
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("dist/index.html: {e}"))?;
    let trunk = shell::read_trunk_output(&index)?;
    embed::write_embed_loader(&dist, &modules, &trunk.css, &catalogue)?;
    let indexes = shell::family_indexes(&dist, &index, &base, &catalogue, &modules)?;
    shell::remove_trunk_module(&dist, &trunk)?;
    let not_found = shell::not_found(&dist, &index, &base, &catalogue, &modules)?;
    if dir == bundled {
        // The demo of embedding names the bundled reports' pages.
        embed::copy_docs(root, &dist)?;
    }
    let nojs = shell::write_nojs_css(&dist, &base)?;
    let routes = insyn::ui::prerender::routes(&manifest, &reports);
    let page = shell::Shell {
        indexes: &indexes,
        nojs: &nojs,
        reports: &page_reports,
        own: &own_pages,
    };
    let t = std::time::Instant::now();
    let content = pages::Data {
        manifest: &manifest,
        reports: &reports,
        glossary: &glossary,
        findable: &findable,
    };
    // Every page in Swedish at its route and in English below `/en/`.
    pages::prerender(&dist, &base, &page, &routes, &content, &cache)?;
    let prerendered = t.elapsed().as_secs_f64();
    seo::write_site_files(&dist, &findable.site, &routes)?;
    opendata::write_files(&findable, &dist)?;
    share::write_images(&findable, &dist, &routes, &cache)?;
    search::index_text(root, &dist, &manifest, &cache)?;
    pages::write_not_found(&dist, &not_found)?;
    // The site as a whole: every link resolves, no page is orphaned (issue #34).
    check::check_build(&dist, &base, options.site_url.as_deref())?;
    let (n, built) = (manifest.reports.len(), routes.len());
    compress::compress_and_report(&dist, built, prerendered, started, n, &cache)?;
    // Two builds of the same inputs give the same bytes: one line says so.
    println!("  the site's digest: sha256:{}", digest::site(&dist)?);
    cache.prune(std::time::SystemTime::now());
    Ok(dist)
}
