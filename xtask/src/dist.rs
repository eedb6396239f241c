//! `cargo xtask dist [--base /path/]`: the static site, ready for any host.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use insyn::model::format::Lang;
use insyn::model::{parse_manifest, parse_report, Manifest, Report};
use insyn::ui::prerender::in_lang;
use insyn::ui::state::Store;

use crate::findable::{Findable, Options};
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

/// Builds the release site into `out` (relative to the root) for the given base path.
pub fn build(root: &Path, base: &str, out: &str, options: &Options) -> Result<PathBuf> {
    let base = normalize_base(base);
    let dist = root.join(out);
    let mut trunk = cmd(root, "trunk");
    trunk
        .args([
            "build",
            "--release",
            "--offline",
            "--public-url",
            &base,
            "--dist",
        ])
        .arg(&dist);
    let std = crate::size::configure(root, &mut trunk);
    println!("→ trunk build --release (public URL {base}, {std}) (about 2 min, 10 s when warm)");
    run("trunk build", &mut trunk)?;
    let (manifest, reports) = bundled(root)?;
    let routes = insyn::ui::prerender::routes(&manifest, &reports);
    let findable = Findable::new(&base, manifest.clone(), reports.clone(), options.clone());
    let store = Rc::new(Store::ready(manifest, reports));
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("dist/index.html: {e}"))?;
    write_embed_loader(&dist, &index)?;
    let index = externalize_boot_script(&dist, &index, &base)?;
    let index = index.replacen(
        "<meta content=/ name=insyn-base>",
        &format!("<meta content={base} name=insyn-base>"),
        1,
    );
    if !index.contains(&format!("<meta content={base} name=insyn-base>")) {
        return Err("dist/index.html: the insyn-base meta element is missing".into());
    }
    copy_docs(root, &dist)?;
    let nojs = write_nojs_css(&dist, &base)?;
    // Each route's HTML file carries its page already rendered (Swedish),
    // so the content shows before the wasm arrives, and without JavaScript.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("tokio: {e}"))?;
    let page = |route: &str, lang: Lang| -> Result<String> {
        let path = in_lang(route, lang);
        let page = runtime.block_on(insyn::ui::prerender::render(&path, &base, store.clone()));
        let html =
            with_content(&index, &page.html)?.replacen("</head>", &format!("{nojs}</head>"), 1);
        let html = match &page.title {
            Some(title) => with_title(&html, title)?,
            None => html,
        };
        findable.finish(route, lang, page.title.as_deref(), &html)
    };
    // Every page in Swedish at its route and in English below `/en/`.
    for r in &routes {
        for lang in [Lang::Sv, Lang::En] {
            let dir = dist.join(in_lang(r, lang).trim_start_matches('/'));
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            std::fs::write(dir.join("index.html"), page(r, lang)?)
                .map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }
    findable.write_files(&dist, &routes)?;
    // Hosts that serve 404.html for unknown paths (GitHub Pages) show the app's own "not found".
    std::fs::write(dist.join("404.html"), &index).map_err(|e| format!("404.html: {e}"))?;
    let (n, raw, br) = compress_all(&dist)?;
    println!(
        "  compressed {n} files: {} KB → {} KB brotli (.br and .gz beside each)",
        raw / 1024,
        br / 1024
    );
    println!(
        "  wrote an HTML file for each of {} routes, in Swedish and English",
        routes.len()
    );
    Ok(dist)
}

/// The page's HTML file with `content` (a pre-rendered page) in `<body>`,
/// where the viewer replaces it once it runs. The `<noscript>` note goes: the
/// page reads without JavaScript.
fn with_content(index: &str, content: &str) -> Result<String> {
    let start = index
        .find("<noscript>")
        .ok_or("index.html: no <noscript> element")?;
    let end = index[start..]
        .find("</noscript>")
        .map(|i| start + i + "</noscript>".len())
        .ok_or("index.html: <noscript> is not closed")?;
    Ok(format!(
        "{}<div id=insyn-pre>{content}</div>{}",
        &index[..start],
        &index[end..]
    ))
}

/// The page's HTML file with its own `<title>` (the one the viewer sets once
/// it runs), so the tab and a screen reader name the page from the start.
fn with_title(html: &str, title: &str) -> Result<String> {
    let start = html.find("<title>").ok_or("index.html: no <title>")? + "<title>".len();
    let end = start
        + html[start..]
            .find("</title>")
            .ok_or("index.html: <title> is not closed")?;
    let escaped = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    Ok(format!("{}{escaped}{}", &html[..start], &html[end..]))
}

/// The bundled manifest and reports, parsed and validated.
pub(crate) fn bundled(root: &Path) -> Result<(Manifest, Vec<Report>)> {
    let dir = root.join("assets/reports");
    let src = std::fs::read_to_string(dir.join("index.json"))
        .map_err(|e| format!("reports/index.json: {e}"))?;
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
        reports.push(report);
    }
    Ok((manifest, reports))
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

/// Moves Trunk's inline boot script into a hashed file with integrity, so the
/// site runs under `script-src 'self'` (no inline scripts).
fn externalize_boot_script(dist: &Path, html: &str, base: &str) -> Result<String> {
    let open = "<script type=module>";
    let Some(start) = html.find(open) else {
        return Err(
            "dist/index.html has no inline boot script to move (did Trunk's output change?)".into(),
        );
    };
    let body_start = start + open.len();
    let end = html[body_start..]
        .find("</script>")
        .map(|e| body_start + e)
        .ok_or("unterminated boot script")?;
    // Trunk's script starts the viewer at once; ours waits for the `load`
    // event, so the pre-rendered page paints before the wasm is fetched and
    // compiled (and the wasm is not preloaded either).
    if !html[body_start..end].contains("init(") {
        return Err("dist/index.html: Trunk's boot script no longer calls init()".into());
    }
    let js = hashed_name(html, "/insyn-", ".js").ok_or("no insyn-*.js in index.html")?;
    let wasm =
        hashed_name(html, "/insyn-", "_bg.wasm").ok_or("no insyn-*_bg.wasm in index.html")?;
    let script = fill(
        include_str!("../../assets/js/boot.js"),
        &[("BASE", base), ("JS", &js), ("WASM", &wasm)],
    )?;
    let html = strip_wasm_preload(html)?;
    let start = html.find(open).ok_or("boot script")?;
    let end = start + html[start..].find("</script>").ok_or("boot script")?;
    let script = script.as_str();
    let sri = integrity(script.as_bytes());
    let name = content_name("boot", &sri, "js");
    std::fs::write(dist.join(&name), script).map_err(|e| format!("{name}: {e}"))?;
    let tag = format!("<script type=module src={base}{name} integrity={sri} crossorigin></script>");
    Ok(format!(
        "{}{tag}{}",
        &html[..start],
        &html[end + "</script>".len()..]
    ))
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

/// Drops Trunk's `<link rel=preload … _bg.wasm>`: the wasm is fetched after
/// the page has loaded.
fn strip_wasm_preload(html: &str) -> Result<String> {
    let at = html
        .find("_bg.wasm ")
        .ok_or("index.html: no wasm preload link")?;
    let start = html[..at]
        .rfind("<link")
        .ok_or("index.html: wasm preload link")?;
    let end = at
        + html[at..]
            .find('>')
            .ok_or("index.html: wasm preload link")?
        + 1;
    let link = &html[start..end];
    if !link.contains("rel=preload") {
        return Err(format!("index.html: expected a preload link, found {link}"));
    }
    Ok(format!("{}{}", &html[..start], &html[end..]))
}

/// Finds `prefix…suffix` in the built HTML (a hashed file name).
fn hashed_name(html: &str, prefix: &str, suffix: &str) -> Option<String> {
    let i = html.find(prefix)?;
    let rest = &html[i..];
    let j = rest.find(suffix)?;
    let name = &rest[..j + suffix.len()];
    Some(name.rsplit('/').next().unwrap_or(name).to_string())
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
fn write_embed_loader(dist: &Path, html: &str) -> Result {
    let js = hashed_name(html, "/insyn-", ".js").ok_or("no insyn-*.js in index.html")?;
    let wasm =
        hashed_name(html, "/insyn-", "_bg.wasm").ok_or("no insyn-*_bg.wasm in index.html")?;
    let css = hashed_name(html, "/style-", ".css").ok_or("no style-*.css in index.html")?;
    let loader = fill(
        include_str!("../../assets/js/insyn-embed.js"),
        &[("JS", &js), ("WASM", &wasm), ("CSS", &css)],
    )?;
    std::fs::write(dist.join("insyn-embed.js"), loader).map_err(|e| format!("insyn-embed.js: {e}"))
}

/// Copies the embed demo (a hostile host page) into the build.
fn copy_docs(root: &Path, dist: &Path) -> Result {
    let f = "embed-demo.html";
    std::fs::copy(root.join("docs").join(f), dist.join(f)).map_err(|e| format!("{f}: {e}"))?;
    Ok(())
}

/// Writes `.br` and `.gz` beside every compressible file. Returns (files, bytes, brotli bytes).
fn compress_all(dist: &Path) -> Result<(usize, u64, u64)> {
    let mut stack = vec![dist.to_path_buf()];
    let (mut n, mut raw, mut br) = (0, 0u64, 0u64);
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            if !matches!(
                ext,
                "html"
                    | "js"
                    | "css"
                    | "json"
                    | "wasm"
                    | "svg"
                    | "txt"
                    | "md"
                    | "csv"
                    | "xml"
                    | "rdf"
            ) {
                continue;
            }
            let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            let b = brotli_bytes(&bytes);
            let g = gzip_bytes(&bytes)?;
            std::fs::write(format!("{}.br", p.display()), &b)
                .map_err(|e| format!("{}: {e}", p.display()))?;
            std::fs::write(format!("{}.gz", p.display()), &g)
                .map_err(|e| format!("{}: {e}", p.display()))?;
            n += 1;
            raw += bytes.len() as u64;
            br += b.len() as u64;
        }
    }
    Ok((n, raw, br))
}

pub fn brotli_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

fn gzip_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).map_err(|e| e.to_string())?;
    enc.finish().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_title_replaces_the_generic_one_and_markup_stays_text() {
        let index = "<head><title>Insyn – generic</title></head><body></body>";
        let html = with_title(index, "<b>Mål</b> & medel – ASN 2025 – Insyn").unwrap();
        assert_eq!(
            html,
            "<head><title>&lt;b&gt;Mål&lt;/b&gt; &amp; medel – ASN 2025 – Insyn</title></head><body></body>"
        );
        assert!(with_title("<head></head>", "x").is_err());
    }

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
