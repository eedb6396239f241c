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
//! 12. `digest.rs`: one digest of every file, printed (from `out.rs`'s
//!     record of the files), so two builds of the same inputs are compared
//!     by one line (and `cargo xtask test` compares two clean builds file
//!     by file).
//!
//! The steps share `site.rs` (where the site lives, the publishing options,
//! the data the pages are made from), `names.rs` (the one scheme of hashed
//! file names, and SRI), `parallel.rs` (work on every core), `cache.rs`
//! (what costs most to make, kept under the digest of its inputs) and
//! `out.rs` (the output folder, kept from build to build: every step
//! writes through it, a file only where its bytes changed; what no step
//! made is removed before the check); no two steps import each other.

mod cache;
pub mod check;
pub mod compress;
mod data;
pub mod digest;
mod embed;
mod modules;
mod names;
mod opendata;
mod out;
mod pages;
mod parallel;
mod search;
mod seo;
mod share;
mod shell;
pub mod site;
pub mod size;

use std::path::{Path, PathBuf};

use std::collections::BTreeMap;

use insyn::model::glossary::Glossary;
use insyn::model::{Manifest, Report};
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
    let staging = modules::trunk_build(root, &base, &dist)?;
    let out = out::Out::open(&dist, Some(&cache.records()), options.clean);
    let modules = modules::build(root, &out, &cache)?;
    let bundled = root.join("assets/reports");
    let dir = reports.map_or_else(|| bundled.clone(), Path::to_path_buf);
    let (manifest, reports, migrated) = data::read_reports(&dir)?;
    let index = std::fs::read_to_string(staging.join("index.html"))
        .map_err(|e| format!("Trunk's index.html: {e}"))?;
    let trunk = shell::read_trunk_output(&index)?;
    let (catalogue, page_reports, own_pages, glossary) = write_data(
        root,
        &out,
        (&staging, &trunk),
        &dir,
        (&manifest, &reports, &migrated),
        options,
    )?;
    let findable = Findable::new(&base, manifest.clone(), reports.clone(), options.clone());
    let t = std::time::Instant::now();
    embed::write_embed_loader(&out, &modules, &trunk.css, &catalogue)?;
    let scripts = shell::Scripts {
        out: &out,
        root,
        cache: &cache,
    };
    let indexes = shell::family_indexes(&scripts, &index, &base, &catalogue, &modules)?;
    let not_found = shell::not_found(&scripts, &index, &base, &catalogue, &modules)?;
    if dir == bundled {
        embed::copy_docs(root, &out)?;
    }
    let nojs = shell::write_nojs_css(&out, &base)?;
    let routes = insyn::ui::prerender::routes(&manifest, &reports);
    println!(
        "  wrote the page shells and the embed loader in {:.1} s ({})",
        t.elapsed().as_secs_f64(),
        out.take_counts()
    );
    let page = shell::Shell {
        indexes: &indexes,
        nojs: &nojs,
        reports: &page_reports,
        own: &own_pages,
        catalogue: &catalogue,
    };
    let t = std::time::Instant::now();
    let content = pages::Data {
        manifest: &manifest,
        reports: &reports,
        glossary: &glossary,
        findable: &findable,
    };
    // Every page in Swedish at its route and in English below `/en/`.
    pages::prerender(&out, &base, &page, &routes, &content, &cache)?;
    let prerendered = t.elapsed().as_secs_f64();
    finish(
        root,
        &out,
        (&findable, &routes, &manifest),
        &cache,
        &not_found,
    )?;
    let (n, built) = (manifest.reports.len(), routes.len());
    compress::compress_and_report(&out, built, prerendered, started, n, &cache)?;
    // Two builds of the same inputs give the same bytes: one line says so.
    println!("  the site's digest: sha256:{}", out.digest());
    out.save();
    cache.prune(std::time::SystemTime::now());
    Ok(dist)
}

/// The files made from the pages and the data (the sitemap, the open data,
/// the share images, the search index, `404.html`); what the last build
/// made and this one did not removed; the site checked as a whole.
fn finish(
    root: &Path,
    out: &out::Out,
    (findable, routes, manifest): (&Findable, &[String], &insyn::model::Manifest),
    cache: &cache::Cache,
    not_found: &str,
) -> Result {
    seo::write_site_files(out, &findable.site, routes)?;
    opendata::write_files(findable, out, routes)?;
    share::write_images(findable, out, routes, cache)?;
    search::index_text(root, out, manifest, cache)?;
    pages::write_not_found(out, not_found)?;
    let removed = out.sweep()?;
    println!("  removed {removed} file(s) the last build made and this one did not");
    // The site as a whole: every link resolves, no page is orphaned (issue #34).
    let site_url = findable.options.site_url.as_deref();
    check::check_build(out, &findable.site.base, site_url)
}

/// What the pages are made with: the catalogue's name, each report's and
/// each own page's `<meta name="insyn-report">`, the glossary.
type Written = (
    String,
    BTreeMap<String, String>,
    BTreeMap<String, String>,
    Glossary,
);

/// Trunk's files (`staging`) and the data files: the report files of `dir`
/// (migrated where they are written for an older schema), the catalogue,
/// the goals', boards' and reports' page files, the glossary.
fn write_data(
    root: &Path,
    out: &out::Out,
    (staging, trunk): (&Path, &shell::TrunkOutput),
    dir: &Path,
    (manifest, reports, migrated): (&Manifest, &[Report], &data::Migrated),
    options: &Options,
) -> Result<Written> {
    let bundled = root.join("assets/reports");
    let t = std::time::Instant::now();
    // Trunk's page shell is adapted for each family, its module replaced,
    // its copy of the glossary made again with the reports' terms, its
    // copies of reports written for an older schema migrated.
    let mut skip = vec!["index.html".into(), trunk.js.clone(), trunk.wasm.clone()];
    skip.push("glossary.json".into());
    skip.extend(migrated.keys().map(|f| format!("reports/{f}")));
    modules::copy_trunk_output(staging, out, &skip, *dir != bundled)?;
    if *dir != bundled {
        data::replace_reports(dir, out, migrated)?;
    }
    data::write_migrated(out, migrated)?;
    let (catalogue, page_reports) = data::write_catalogue(out, manifest, reports)?;
    let own_pages = data::write_report_pages(out, manifest, reports)?;
    let glossary_file = options
        .glossary
        .clone()
        .unwrap_or_else(|| root.join("assets/glossary.json"));
    let glossary = data::write_glossary(&glossary_file, out, reports)?;
    println!(
        "  wrote the data files in {:.1} s ({})",
        t.elapsed().as_secs_f64(),
        out.take_counts()
    );
    Ok((catalogue, page_reports, own_pages, glossary))
}
