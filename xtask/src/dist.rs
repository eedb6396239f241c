//! `cargo xtask dist [--base /path/]`: the static site, ready for any host.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use insyn::model::glossary::Glossary;
use insyn::model::{parse_glossary, parse_manifest, parse_report, Manifest, Report};
use insyn::ui::route::Family;

use crate::findable::{Findable, Options};
use crate::modules::{Module, Modules};
use crate::tools::{cmd, run, Result};

/// Normalises a base path to "/…/" form.
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

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
    let base = normalize_base(base);
    let dist = root.join(out);
    trunk_build(root, &base, &dist)?;
    let modules = crate::modules::build(root, &dist)?;
    let dir = reports.map_or_else(|| root.join("assets/reports"), Path::to_path_buf);
    let (manifest, reports) = bundled(&dir)?;
    if dir != root.join("assets/reports") {
        replace_reports(&dir, &dist)?;
    }
    let (catalogue, page_reports) = write_catalogue(&dist, &manifest, &reports)?;
    let own_pages = write_report_pages(&dist, &manifest, &reports)?;
    let glossary = write_glossary(root, &dist, &reports)?;
    let findable = Findable::new(&base, manifest.clone(), reports.clone(), options.clone());
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("dist/index.html: {e}"))?;
    let trunk = crate::html::read_trunk_output(&index)?;
    write_embed_loader(&dist, &modules, &trunk.css, &catalogue)?;
    let indexes = family_indexes(&dist, &index, &base, &catalogue, &modules)?;
    // An address with no page of its own (a report added since the build,
    // the reader's own report, a mistyped link) gets 404.html from hosts that
    // serve it: it may be any family's page, so Trunk's module with every
    // page (and the validator) renders it.
    let all = Module {
        js: trunk.js.clone(),
        wasm: trunk.wasm.clone(),
    };
    let not_found = family_index(&dist, &index, &base, &catalogue, &modules, &all, false)?;
    if dir == root.join("assets/reports") {
        // The demo of embedding names the bundled reports' pages.
        copy_docs(root, &dist)?;
    }
    let nojs = write_nojs_css(&dist, &base)?;
    let routes = insyn::ui::prerender::routes(&manifest, &reports);
    let page = crate::html::Shell {
        indexes: &indexes,
        nojs: &nojs,
        reports: &page_reports,
        own: &own_pages,
    };
    let t = std::time::Instant::now();
    let data = crate::parallel::Data {
        manifest: &manifest,
        reports: &reports,
        glossary: &glossary,
        findable: &findable,
    };
    // Every page in Swedish at its route and in English below `/en/`.
    crate::parallel::prerender(&dist, &base, &page, &routes, &data)?;
    let prerendered = t.elapsed().as_secs_f64();
    findable.write_files(&dist, &routes)?;
    index_text(root, &dist)?;
    // Hosts that serve 404.html for unknown paths (GitHub Pages) show the app's own "not found".
    std::fs::write(dist.join("404.html"), &not_found).map_err(|e| format!("404.html: {e}"))?;
    // The site as a whole: every link resolves, no page is orphaned (issue #34).
    let t = std::time::Instant::now();
    crate::sitecheck::check(&dist, &base, options.site_url.as_deref())?;
    println!(
        "  checked the site's links, sitemap and data addresses in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    compress_and_report(
        &dist,
        routes.len(),
        prerendered,
        started,
        manifest.reports.len(),
    )?;
    Ok(dist)
}

/// Compresses every file and prints what the build made and took.
fn compress_and_report(
    dist: &Path,
    routes: usize,
    prerendered: f64,
    started: std::time::Instant,
    reports: usize,
) -> Result {
    let t = std::time::Instant::now();
    let (n, raw, br) = crate::parallel::compress_all(dist)?;
    println!(
        "  wrote an HTML file for each of {} routes, in Swedish and English, in {prerendered:.1} s",
        routes
    );
    println!(
        "  compressed {n} files in {:.1} s: {} KB → {} KB brotli (.br and .gz beside each)",
        t.elapsed().as_secs_f64(),
        raw / 1024,
        br / 1024
    );
    let (files, bytes) = crate::parallel::tree_size(dist);
    println!(
        "  built {} reports in {:.1} s: {files} files, {:.1} MB, peak memory of the build {}",
        reports,
        started.elapsed().as_secs_f64(),
        bytes as f64 / 1e6,
        crate::parallel::peak_memory().map_or("unknown".into(), |kb| format!(
            "{:.0} MB",
            kb as f64 / 1024.0
        ))
    );
    Ok(())
}

/// The full-text index of the pre-rendered pages that mark their content
/// (`data-pagefind-body`: reports, goals, finances, statements), written by
/// Pagefind into `pagefind/`: the start page's search loads only the
/// chunks a query needs.
fn index_text(root: &Path, dist: &Path) -> Result {
    let t = std::time::Instant::now();
    run(
        "pagefind",
        cmd(root, &crate::tools::pagefind(root).to_string_lossy())
            .args(["--site"])
            .arg(dist)
            .args(["--output-subdir", "pagefind", "--quiet"]),
    )?;
    let (files, bytes) = crate::parallel::tree_size(&dist.join("pagefind"));
    println!(
        "  indexed the pages' text (pagefind) in {:.1} s: {files} files, {} KB",
        t.elapsed().as_secs_f64(),
        bytes / 1024
    );
    Ok(())
}

fn trunk_build(root: &Path, base: &str, dist: &Path) -> Result {
    let mut trunk = cmd(root, "trunk");
    trunk
        .args([
            "build",
            "--release",
            "--offline",
            "--public-url",
            base,
            "--dist",
        ])
        .arg(dist);
    let std = crate::size::configure(root, &mut trunk);
    println!("→ trunk build --release (public URL {base}, {std}) (about 2 min, 10 s when warm)");
    run("trunk build", &mut trunk)
}

/// Replaces the bundled report files Trunk copied with those of `dir`.
fn replace_reports(dir: &Path, dist: &Path) -> Result {
    let target = dist.join("reports");
    std::fs::remove_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    std::fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "json") {
            std::fs::copy(&p, target.join(e.file_name()))
                .map_err(|e| format!("{}: {e}", p.display()))?;
        }
    }
    Ok(())
}

/// Writes `reports/catalogue-<hash>.json`, `reports/goals/{id}.json` and
/// `reports/boards/{key}.json`;
/// returns the catalogue's name (below `reports/`) and, by report id, what
/// the pages of that report name in `<meta name="insyn-report">`.
fn write_catalogue(
    dist: &Path,
    manifest: &Manifest,
    reports: &[Report],
) -> Result<(String, BTreeMap<String, String>)> {
    use insyn::model::catalogue;
    let mut cat = catalogue::catalogue(&manifest.reports, reports);
    // Each report file's fingerprint as checked here: the viewer decodes a
    // file that still has it without validating it again.
    for r in &mut cat.reports {
        let path = dist.join("reports").join(&r.file);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        r.digest = Some(catalogue::digest(&bytes));
    }
    let text = to_json(&cat)?;
    let sri = integrity(text.as_bytes());
    let name = content_name(catalogue::CATALOGUE_STEM, &sri, "json");
    let dir = dist.join("reports");
    std::fs::write(dir.join(&name), &text).map_err(|e| format!("{name}: {e}"))?;
    let goals = dir.join("goals");
    std::fs::create_dir_all(&goals).map_err(|e| format!("{}: {e}", goals.display()))?;
    for (id, h) in catalogue::goal_histories(reports) {
        let file = dist.join(catalogue::goal_file(&id));
        std::fs::write(&file, to_json(&h)?).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    write_board_files(dist, reports)?;
    println!("  wrote reports/{name} ({} KB)", text.len() / 1024);
    let pages = cat
        .reports
        .iter()
        .map(|r| (r.id.clone(), catalogue::PageReport::from(r).to_meta()))
        .collect();
    Ok((name, pages))
}

/// Writes each board's file, `reports/boards/{key}.json`: its reports over
/// the years, what its page shows (issue #33).
fn write_board_files(dist: &Path, reports: &[Report]) -> Result {
    use insyn::model::history;
    let boards = dist.join("reports/boards");
    std::fs::create_dir_all(&boards).map_err(|e| format!("{}: {e}", boards.display()))?;
    for (key, h) in history::board_histories(reports) {
        let file = dist.join(history::board_file(&key));
        std::fs::write(&file, to_json(&h)?).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(())
}

/// Writes each annual analysis's page file, `reports/page/{file}`: what the
/// report's own page shows of it (`catalogue::report_page`, issue #16).
/// Returns, by report id, what that page names in `<meta name="insyn-report">`.
fn write_report_pages(
    dist: &Path,
    manifest: &Manifest,
    reports: &[Report],
) -> Result<BTreeMap<String, String>> {
    use insyn::model::catalogue::{self, PageReport};
    let dir = dist.join("reports").join(catalogue::page_file(""));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut out = BTreeMap::new();
    for r in reports {
        let (Some(page), Some(e)) = (
            catalogue::report_page(r),
            manifest.reports.iter().find(|e| e.id == r.id()),
        ) else {
            continue;
        };
        let text = to_json(&page)?;
        let file = catalogue::page_file(&e.file);
        let path = dist.join("reports").join(&file);
        std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        let meta = PageReport {
            id: e.id.clone(),
            digest: Some(catalogue::digest(text.as_bytes())),
            file,
        };
        out.insert(e.id.clone(), meta.to_meta());
    }
    Ok(out)
}

fn to_json(v: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(v).map_err(|e| e.to_string())
}

/// The manifest and reports of `dir`, parsed and validated, each file and
/// the set as a whole (links and restated figures): an invalid file fails
/// the build, naming the file and the JSON path.
pub(crate) fn bundled(dir: &Path) -> Result<(Manifest, Vec<Report>)> {
    let src = std::fs::read_to_string(dir.join("index.json"))
        .map_err(|e| format!("{}/index.json: {e}", dir.display()))?;
    let manifest = parse_manifest("reports/index.json", &src).map_err(|d| {
        format!(
            "reports/index.json is invalid: {}",
            d.first().map(ToString::to_string).unwrap_or_default()
        )
    })?;
    let mut reports = Vec::new();
    for e in &manifest.reports {
        let src = std::fs::read_to_string(dir.join(&e.file))
            .map_err(|err| format!("{}: {err}", e.file))?;
        let report = parse_report(&e.file, &src).map_err(|d| {
            format!(
                "{} is invalid: {}",
                e.file,
                d.first().map(ToString::to_string).unwrap_or_default()
            )
        })?;
        reports.push((e.file.clone(), report));
    }
    if let Some(d) = insyn::model::validate::check_collection(&reports).first() {
        return Err(format!("the reports do not fit together: {d}"));
    }
    Ok((manifest, reports.into_iter().map(|(_, r)| r).collect()))
}

/// The glossary as the site serves it: `assets/glossary.json` with the
/// reports' own abbreviations added and, for each term, the pages it is
/// on, so the glossary page links them without fetching every report.
fn write_glossary(root: &Path, dist: &Path, reports: &[Report]) -> Result<Glossary> {
    let src = std::fs::read_to_string(root.join("assets/glossary.json"))
        .map_err(|e| format!("assets/glossary.json: {e}"))?;
    let glossary = parse_glossary("glossary.json", &src).map_err(|d| {
        format!(
            "assets/glossary.json is invalid: {}",
            d.first().map(ToString::to_string).unwrap_or_default()
        )
    })?;
    let built = insyn::model::glossary::with_occurrences(&glossary, reports);
    let text = serde_json::to_string(&built).map_err(|e| format!("glossary.json: {e}"))?;
    std::fs::write(dist.join("glossary.json"), text).map_err(|e| format!("glossary.json: {e}"))?;
    Ok(built)
}

/// `sha384-…` Subresource Integrity of some bytes.
pub fn integrity(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes))
    )
}

/// Writes the boot script (`assets/js/boot.js` with the site's names
/// filled in) under a content hash and returns the tag that loads it with
/// SRI, so the site runs under `script-src 'self'` (no inline scripts). It
/// starts the viewer after the `load` event, unlike Trunk's, so the
/// pre-rendered page paints before the wasm is fetched and compiled.
fn write_boot_script(dist: &Path, module: &Module, base: &str) -> Result<String> {
    let script = fill(
        include_str!("../../assets/js/boot.js"),
        &[("BASE", base), ("JS", &module.js), ("WASM", &module.wasm)],
    )?;
    let sri = integrity(script.as_bytes());
    let name = content_name("boot", &sri, "js");
    std::fs::write(dist.join(&name), &script).map_err(|e| format!("{name}: {e}"))?;
    Ok(format!(
        "<script type=module src={base}{name} integrity={sri} crossorigin></script>"
    ))
}

/// Trunk's `index.html` adapted for each family of pages: its boot script
/// and its module's JS preloaded.
fn family_indexes(
    dist: &Path,
    index: &str,
    base: &str,
    catalogue: &str,
    modules: &Modules,
) -> Result<BTreeMap<Family, String>> {
    let mut out = BTreeMap::new();
    for (family, module) in &modules.pages {
        // Only the start page opens a reader's own files.
        let import = *family == Family::Start;
        let html = family_index(dist, index, base, catalogue, modules, module, import)?;
        out.insert(*family, html);
    }
    Ok(out)
}

/// Trunk's `index.html` adapted to start `module`.
fn family_index(
    dist: &Path,
    index: &str,
    base: &str,
    catalogue: &str,
    modules: &Modules,
    module: &Module,
    import: bool,
) -> Result<String> {
    let boot = write_boot_script(dist, module, base)?;
    let js = std::fs::read(dist.join(&module.js)).map_err(|e| format!("{}: {e}", module.js))?;
    let href = format!("{base}{}", module.js);
    let js = crate::html::ModuleJs {
        href: &href,
        integrity: &integrity(&js),
    };
    let import_names = check_names(&modules.import);
    let metas = crate::html::Metas {
        catalogue,
        check: &check_names(&modules.check),
        import: import.then_some(import_names.as_str()),
        modules: &module_names(modules),
    };
    crate::html::adapt_index(index, base, &boot, &metas, &js)
}

/// Writes the stylesheet that hides the controls that need the viewer
/// (`.needs-js`: search, filters, chart buttons, "Bädda in") when JavaScript
/// is off, and returns the `<noscript>` element that loads it.
fn write_nojs_css(dist: &Path, base: &str) -> Result<String> {
    let css = ".needs-js{display:none!important}\n";
    let sri = integrity(css.as_bytes());
    let name = content_name("nojs", &sri, "css");
    std::fs::write(dist.join(&name), css).map_err(|e| format!("{name}: {e}"))?;
    Ok(format!(
        "<noscript><link rel=stylesheet href={base}{name} integrity={sri} crossorigin></noscript>"
    ))
}

/// `stem-<hash>.ext`, the hash taken from the file's integrity (`sha384-…`):
/// a new name whenever the content changes, so it can be cached for good.
fn content_name(stem: &str, sri: &str, ext: &str) -> String {
    let hash: String = sri
        .bytes()
        .skip("sha384-".len())
        .filter(u8::is_ascii_alphanumeric)
        .take(16)
        .map(char::from)
        .collect();
    format!("{stem}-{}.{ext}", hash.to_lowercase())
}

/// A script of `assets/js/` with its `'__INSYN_NAME__'` placeholders filled
/// in; fails if the file lacks one or keeps one unfilled, so the script and
/// the build cannot drift apart.
fn fill(template: &str, values: &[(&str, &str)]) -> Result<String> {
    let mut out = template.to_string();
    for (name, value) in values {
        let token = format!("'__INSYN_{name}__'");
        if !out.contains(&token) {
            return Err(format!("assets/js: no placeholder {token}"));
        }
        out = out.replace(&token, &format!("'{value}'"));
    }
    match out.find("'__INSYN_") {
        Some(i) => Err(format!(
            "assets/js: a placeholder is left unfilled at byte {i}"
        )),
        None => Ok(out),
    }
}

/// `insyn-embed.js` (`assets/js/`): mounts the viewer into `<div data-insyn="…">` elements of
/// any host page, each inside a shadow root with the site's stylesheet.
fn write_embed_loader(dist: &Path, modules: &Modules, css: &str, catalogue: &str) -> Result {
    let embeds = &modules.pages[&Family::Embeds];
    let loader = fill(
        include_str!("../../assets/js/insyn-embed.js"),
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

/// The validator module's files as the pages name them ("JS WASM").
fn check_names(check: &Module) -> String {
    format!("{} {}", check.js, check.wasm)
}

/// `<meta name="insyn-modules">`: `{family}={js},{wasm}` for each family.
fn module_names(modules: &Modules) -> String {
    modules
        .pages
        .iter()
        .map(|(f, m)| format!("{}={},{}", f.name(), m.js, m.wasm))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Copies the embed demo (a hostile host page) into the build.
fn copy_docs(root: &Path, dist: &Path) -> Result {
    let f = "embed-demo.html";
    std::fs::copy(root.join("docs").join(f), dist.join(f)).map_err(|e| format!("{f}: {e}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scripts_get_every_name_and_a_missing_or_unfilled_placeholder_fails() {
        let boot = fill(
            include_str!("../../assets/js/boot.js"),
            &[
                ("BASE", "/insyn/"),
                ("JS", "insyn-1.js"),
                ("WASM", "insyn-1_bg.wasm"),
            ],
        )
        .unwrap();
        assert!(boot.contains("const BASE = '/insyn/';") && boot.contains("'insyn-1_bg.wasm'"));
        assert!(fill("const A = '__INSYN_A__';", &[("B", "x")]).is_err());
        assert!(fill("'__INSYN_A__' + '__INSYN_B__'", &[("A", "x")]).is_err());
    }
}
