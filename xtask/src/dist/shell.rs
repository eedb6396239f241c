//! The page shell: Trunk's `index.html` adapted for each family of pages
//! (its boot script, a file with SRI, and its module's JS preloaded once a
//! reader asks for the viewer), the
//! `<noscript>` sheet, the shell of `404.html`, and each route's HTML file
//! made from its family's shell.
//!
//! Trunk's `index.html` and each pre-rendered page are rewritten with
//! `lol_html` (the streaming HTML rewriter Trunk itself uses): elements are
//! found by selectors, so a new minifier or attribute order cannot break
//! the build quietly, and text is escaped by the rewriter.

use std::collections::BTreeMap;

use insyn::ui::route::Family;
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};

use super::cache::Cache;
use super::modules::{Module, Modules};
use super::names::{hashed, integrity};
use super::out::Out;
use super::site::escape;
use crate::tools::Result;

/// What the build takes from Trunk's `index.html`: the hashed file names
/// (without the base path) and whether Trunk's inline boot script starts
/// the viewer.
#[derive(Debug, Default, PartialEq)]
pub struct TrunkOutput {
    pub js: String,
    pub wasm: String,
    pub css: String,
    pub boot_calls_init: bool,
}

/// The last segment of an address: `insyn-1.js` of `/insyn/insyn-1.js`.
fn file_name(href: &str) -> String {
    href.rsplit('/').next().unwrap_or(href).to_string()
}

/// Reads the hashed names of the viewer's JS, wasm and stylesheet from
/// Trunk's `<link>` elements, and checks its inline boot script.
pub fn read_trunk_output(html: &str) -> Result<TrunkOutput> {
    let mut out = TrunkOutput::default();
    let mut script = String::new();
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                // The viewer's glue, not the snippets it imports.
                element!(
                    "link[rel=modulepreload][href$='.js']:not([href*='/snippets/'])",
                    |el| {
                        out.js = file_name(&el.get_attribute("href").unwrap_or_default());
                        Ok(())
                    }
                ),
                element!("link[rel=preload][href$='_bg.wasm']", |el| {
                    out.wasm = file_name(&el.get_attribute("href").unwrap_or_default());
                    Ok(())
                }),
                element!("link[rel=stylesheet]", |el| {
                    out.css = file_name(&el.get_attribute("href").unwrap_or_default());
                    Ok(())
                }),
                text!("script[type=module]:not([src])", |t| {
                    script.push_str(t.as_str());
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(|e| format!("index.html: {e}"))?;
    out.boot_calls_init = script.contains("init(");
    for (what, name) in [
        ("<link rel=modulepreload> of the viewer's JS", &out.js),
        ("<link rel=preload> of the wasm", &out.wasm),
        ("<link rel=stylesheet>", &out.css),
    ] {
        if name.is_empty() {
            return Err(format!(
                "index.html: no {what} (did Trunk's output change?)"
            ));
        }
    }
    if !out.boot_calls_init {
        return Err(
            "index.html: Trunk's inline boot script is missing or no longer calls init()".into(),
        );
    }
    Ok(out)
}

/// The module a page loads: its JS glue (below the base) and that file's
/// integrity, and the integrity of each JS snippet it imports, by its path
/// below `snippets/` (written minified by the build, not as Trunk's
/// preloads name them).
pub struct ModuleJs<'a> {
    pub href: &'a str,
    pub integrity: &'a str,
    pub snippets: &'a BTreeMap<String, String>,
}

/// What every page names in `<meta>`: the catalogue's file, the validator
/// module's ("JS WASM") and, where it opens texts, the importer's.
pub struct Metas<'a> {
    /// Empty on a report's own pages, which load no list of reports.
    pub catalogue: &'a str,
    pub check: &'a str,
    /// The importer module's ("JS WASM"), on the pages that can open a
    /// document's text (the start page's family).
    pub import: Option<&'a str>,
}

/// Trunk's `index.html` made ours for one family of pages: the base path in
/// `<meta name="insyn-base">` and the catalogue's and the validator's hashed names beside it, the inline boot script replaced by `boot_tag`
/// (a file with SRI, for `script-src 'self'`), the family's JS glue and its
/// snippets preloaded in place of Trunk's, inert in a `<template
/// id=insyn-preloads>` until a reader asks for the viewer (the boot script
/// puts them in the head then, issue #30), and no wasm preload (the wasm is
/// fetched only then).
pub fn adapt_index(
    html: &str,
    base: &str,
    boot_tag: &str,
    metas: &Metas,
    module: &ModuleJs,
) -> Result<String> {
    let import = metas
        .import
        .map(|i| format!("<meta content=\"{i}\" name=insyn-import>"))
        .unwrap_or_default();
    let catalogue = format!(
        "<meta content=\"{}\" name=insyn-catalogue><meta content=\"{}\" name=insyn-check>{import}",
        metas.catalogue, metas.check
    );
    let snippets = sorted_snippet_preloads(html, module.snippets)?;
    let (mut metas, mut scripts, mut preloads, mut glue) = (0, 0, 0, 0);
    let out = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                // Trunk writes these in an order that changes from build to
                // build (a fresh compile and a warm one differ): they follow
                // the glue's preload, sorted, so the page is the same bytes.
                element!("link[rel=modulepreload][href*='/snippets/']", |el| {
                    el.remove();
                    Ok(())
                }),
                element!("meta[name=insyn-base]", |el| {
                    metas += 1;
                    el.set_attribute("content", base)?;
                    el.after(&catalogue, ContentType::Html);
                    Ok(())
                }),
                element!("script[type=module]:not([src])", |el| {
                    scripts += 1;
                    el.replace(boot_tag, ContentType::Html);
                    Ok(())
                }),
                element!("link[rel=preload][href$='_bg.wasm']", |el| {
                    preloads += 1;
                    el.remove();
                    Ok(())
                }),
                element!(
                    "link[rel=modulepreload][href$='.js']:not([href*='/snippets/'])",
                    |el| {
                        glue += 1;
                        el.set_attribute("href", module.href)?;
                        el.set_attribute("integrity", module.integrity)?;
                        // Inert until a reader asks for the viewer: the boot
                        // script puts them in the head then (issue #30).
                        el.before("<template id=insyn-preloads>", ContentType::Html);
                        el.after(&format!("{snippets}</template>"), ContentType::Html);
                        Ok(())
                    }
                ),
            ],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(|e| format!("index.html: {e}"))?;
    match (metas, scripts, preloads, glue) {
        (1, 1, 1, 1) => Ok(out),
        _ => Err(format!(
            "index.html: expected one insyn-base meta, inline boot script, wasm preload and JS preload, found {metas}, {scripts}, {preloads}, {glue}"
        )),
    }
}

/// Trunk's `<link rel=modulepreload>` of the JS snippets, sorted by
/// address, each with the integrity of the file the build wrote there.
fn sorted_snippet_preloads(html: &str, written: &BTreeMap<String, String>) -> Result<String> {
    let mut links = Vec::new();
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![element!(
                "link[rel=modulepreload][href*='/snippets/']",
                |el| {
                    links.push(el.get_attribute("href").unwrap_or_default());
                    Ok(())
                }
            )],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(|e| format!("index.html: {e}"))?;
    links.sort();
    links
        .iter()
        .map(|href| {
            let rel = href.split_once("/snippets/").map_or("", |(_, rel)| rel);
            let sri = written.get(rel).ok_or_else(|| {
                format!("index.html: Trunk preloads {href}, which no module wrote")
            })?;
            Ok(format!(
                "<link crossorigin href=\"{}\" integrity=\"{}\" rel=modulepreload>",
                escape(href),
                escape(sri)
            ))
        })
        .collect()
}

/// The HTML file each family's pages are written into, its `<noscript>`
/// sheet, and each report's `<meta name="insyn-report">` content by id:
/// for its pages, and for its own page where the build wrote it a page file.
pub struct Shell<'a> {
    pub indexes: &'a std::collections::BTreeMap<insyn::ui::route::Family, String>,
    pub nojs: &'a str,
    pub reports: &'a std::collections::BTreeMap<String, String>,
    pub own: &'a std::collections::BTreeMap<String, String>,
    /// The catalogue's hashed name (`<meta name="insyn-catalogue">` of the
    /// families that name one, `page_catalogue`).
    pub catalogue: &'a str,
}

impl Shell<'_> {
    /// The HTML file of the page at `path` (below the base, in its
    /// language: `/en/…` for English), which loads its family's module when
    /// its reader asks for the viewer; a
    /// page of one report names its file, so the viewer loads it without
    /// the catalogue. The page lists the files its viewer reads first
    /// (`<meta name=insyn-reads>`, `ui::prerender::first_reads`), which the
    /// boot script fetches with the module; a name with a space in it
    /// (the list's separator) is left out, and read by the viewer alone.
    /// It names the query keys the viewer reads there
    /// (`<meta name=insyn-query>`), for the boot script to judge an
    /// address by.
    pub fn page(&self, path: &str, content: &str, title: Option<&str>) -> Result<String> {
        let (route, _) = insyn::ui::page_at("/", path, "");
        let family = route.family();
        let index = self
            .indexes
            .get(&family)
            .ok_or_else(|| format!("{route:?}: no HTML file for the {family:?} pages"))?;
        let mut head = self.nojs.to_string();
        let own = match &route {
            insyn::ui::route::Route::Report { report } => self.own.get(report),
            _ => None,
        };
        let meta = own.or_else(|| route.report_id().and_then(|id| self.reports.get(id)));
        if let Some(meta) = meta {
            head += &format!("<meta content=\"{}\" name=insyn-report>", escape(meta));
        }
        let reads = insyn::ui::prerender::first_reads(
            path,
            page_catalogue(family, self.catalogue),
            meta.map(|m| m.as_str()),
        );
        let reads: Vec<_> = reads
            .into_iter()
            .filter(|f| !f.contains(char::is_whitespace))
            .collect();
        if !reads.is_empty() {
            head += &format!(
                "<meta content=\"{}\" name=insyn-reads>",
                escape(&reads.join(" "))
            );
        }
        // The query keys the page reads (`Route::query_keys`; none is an
        // empty list: the page reads no key but `lang`).
        head += &format!(
            "<meta content=\"{}\" name=insyn-query>",
            route.query_keys().join(" ")
        );
        page(index, content, title, &head)
    }
}

/// One route's HTML file: `content` (its pre-rendered page) inside
/// `<div id=insyn-pre>` in place of the `<noscript>` note (the page reads
/// without JavaScript), `head` after the stylesheet, and the page's own
/// `<title>` when it sets one (as text).
pub fn page(index: &str, content: &str, title: Option<&str>, head: &str) -> Result<String> {
    let (mut notes, mut sheets, mut titles) = (0, 0, 0);
    let pre = format!("<div id=insyn-pre>{content}</div>");
    let out = rewrite_str(
        index,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("body noscript", |el| {
                    notes += 1;
                    el.replace(&pre, ContentType::Html);
                    Ok(())
                }),
                element!("link[rel=stylesheet]", |el| {
                    sheets += 1;
                    el.after(head, ContentType::Html);
                    Ok(())
                }),
                element!("title", |el| {
                    titles += 1;
                    if let Some(t) = title {
                        el.set_inner_content(t, ContentType::Text);
                    }
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(|e| format!("index.html: {e}"))?;
    match (notes, sheets, titles) {
        (1, 1, 1) => Ok(out),
        _ => Err(format!(
            "index.html: expected one <noscript> note in <body>, one stylesheet and one <title>, found {notes}, {sheets}, {titles}"
        )),
    }
}

/// Where the pages' own scripts are written, and what minifies them.
pub struct Scripts<'a> {
    pub out: &'a Out,
    pub root: &'a std::path::Path,
    pub cache: &'a Cache,
}

/// Trunk's `index.html` adapted for each family of pages: its boot script
/// and its module's JS, to preload once asked for.
pub fn family_indexes(
    scripts: &Scripts,
    index: &str,
    base: &str,
    catalogue: &str,
    modules: &Modules,
) -> Result<BTreeMap<Family, String>> {
    let mut indexes = BTreeMap::new();
    for (family, module) in &modules.pages {
        // Only the start page opens a reader's own files.
        let import = *family == Family::Start;
        let catalogue = page_catalogue(*family, catalogue);
        let html = family_index(scripts, index, base, catalogue, modules, module, import)?;
        indexes.insert(*family, html);
    }
    Ok(indexes)
}

/// The catalogue the pages of `family` name: none for the pages of one
/// report, so publishing another report leaves them as they were (issue
/// #34).
fn page_catalogue(family: Family, catalogue: &str) -> &str {
    if family.of_one_report() {
        ""
    } else {
        catalogue
    }
}

/// Trunk's `index.html` adapted to start `module`.
fn family_index(
    scripts: &Scripts,
    index: &str,
    base: &str,
    catalogue: &str,
    modules: &Modules,
    module: &Module,
    import: bool,
) -> Result<String> {
    let boot = write_boot_script(scripts, module, base)?;
    let js = (std::fs::read(scripts.out.dir().join(&module.js)))
        .map_err(|e| format!("{}: {e}", module.js))?;
    let href = format!("{base}{}", module.js);
    let js = ModuleJs {
        href: &href,
        integrity: &integrity(&js),
        snippets: &modules.snippets,
    };
    let import_names = check_names(&modules.import);
    let metas = Metas {
        catalogue,
        check: &check_names(&modules.check),
        import: import.then_some(import_names.as_str()),
    };
    adapt_index(index, base, &boot, &metas, &js)
}

/// The shell of `404.html`. An address with no page of its own (a report
/// added since the build, the reader's own report, a mistyped link) gets it
/// from hosts that serve it: it may be any family's page, so the module
/// with every page (and the validator) renders it.
pub fn not_found(
    scripts: &Scripts,
    index: &str,
    base: &str,
    catalogue: &str,
    modules: &Modules,
) -> Result<String> {
    family_index(
        scripts,
        index,
        base,
        catalogue,
        modules,
        &modules.all,
        false,
    )
}

/// Writes the boot script (`assets/js/boot.js` with the site's names
/// filled in, minified) under a content hash and returns the tag that loads
/// it with SRI, so the site runs under `script-src 'self'` (no inline
/// scripts). It starts the viewer after the `load` event and the first
/// paint, unlike Trunk's, so the pre-rendered page paints before the wasm
/// is fetched and compiled.
fn write_boot_script(scripts: &Scripts, module: &Module, base: &str) -> Result<String> {
    let script = fill(
        include_str!("../../../assets/js/boot.js"),
        &[("BASE", base), ("JS", &module.js), ("WASM", &module.wasm)],
    )?;
    // Filled first: Terser joins constant strings, placeholders with them.
    let dir = scripts.root.join("target/modules/boot");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(format!("{}.js", module.js));
    std::fs::write(&path, &script).map_err(|e| format!("{}: {e}", path.display()))?;
    let script = super::modules::minify(scripts.root, scripts.cache, &path)?;
    let sri = integrity(&script);
    let name = hashed("boot", &script, ".js");
    scripts.out.write(&name, &script)?;
    Ok(format!(
        "<script type=module src={base}{name} integrity={sri} crossorigin></script>"
    ))
}

/// Writes the stylesheet that hides the controls that need JavaScript
/// (`.needs-js`: search, one's own report, the comparisons' choices, the
/// viewer's downloads, "Bädda in") when it is off, and returns the
/// `<noscript>` element that loads it.
pub fn write_nojs_css(out: &Out, base: &str) -> Result<String> {
    let css = ".needs-js{display:none!important}\n";
    let sri = integrity(css.as_bytes());
    let name = hashed("nojs", css.as_bytes(), ".css");
    out.write(&name, css.as_bytes())?;
    Ok(format!(
        "<noscript><link rel=stylesheet href={base}{name} integrity={sri} crossorigin></noscript>"
    ))
}

/// A script of `assets/js/` with its `'__INSYN_NAME__'` placeholders filled
/// in; fails if the file lacks one or keeps one unfilled, so the script and
/// the build cannot drift apart.
pub fn fill(template: &str, values: &[(&str, &str)]) -> Result<String> {
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

/// The validator module's files as the pages name them ("JS WASM").
pub fn check_names(check: &Module) -> String {
    format!("{} {}", check.js, check.wasm)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trunk 0.21's release output for `/insyn/`, minified as it writes it
    /// (no `<head>` start tag, unquoted attributes).
    const TRUNK: &str = "<!doctype html><html lang=sv><meta charset=utf-8><title>Insyn – generic</title><meta content=/ name=insyn-base><link href=/insyn/style-1.css integrity=sha384-a rel=stylesheet><link crossorigin href=/insyn/insyn-2.js integrity=sha384-b rel=modulepreload><link crossorigin href=/insyn/snippets/insyn-3/assets/js/search.js integrity=sha384-e rel=modulepreload><link as=fetch crossorigin href=/insyn/insyn-2_bg.wasm integrity=sha384-c rel=preload type=application/wasm></head><body><noscript><p>Needs JavaScript.</p></noscript><script type=module>import init, * as bindings from '/insyn/insyn-2.js';\nconst wasm = await init({ module_or_path: '/insyn/insyn-2_bg.wasm' });</script></body></html>";

    #[test]
    fn the_hashed_names_come_from_trunks_links_and_a_changed_output_fails() {
        let out = read_trunk_output(TRUNK).unwrap();
        assert_eq!(
            out,
            TrunkOutput {
                js: "insyn-2.js".into(),
                wasm: "insyn-2_bg.wasm".into(),
                css: "style-1.css".into(),
                boot_calls_init: true,
            }
        );
        // Quoted attributes, another order: the same.
        let quoted = TRUNK.replace(
            "<link as=fetch crossorigin href=/insyn/insyn-2_bg.wasm integrity=sha384-c rel=preload type=application/wasm>",
            "<link rel=\"preload\" href=\"/insyn/insyn-2_bg.wasm\" as=\"fetch\">",
        );
        assert_eq!(read_trunk_output(&quoted).unwrap().wasm, "insyn-2_bg.wasm");
        let no_init = TRUNK.replace("await init(", "await start(");
        assert!(read_trunk_output(&no_init).is_err());
        let no_preload = TRUNK.replace("rel=preload", "rel=prefetch");
        assert!(read_trunk_output(&no_preload).is_err());
    }

    #[test]
    fn the_index_gets_the_base_the_boot_file_and_no_wasm_preload() {
        let tag =
            "<script type=module src=/insyn/boot-x.js integrity=sha384-d crossorigin></script>";
        let snippets: BTreeMap<String, String> = ["check", "search"]
            .map(|s| (format!("insyn-3/assets/js/{s}.js"), format!("sha384-{s}")))
            .into();
        let module = ModuleJs {
            href: "/insyn/insyn-report-9.js",
            integrity: "sha384-r",
            snippets: &snippets,
        };
        let metas = Metas {
            catalogue: "catalogue-1.json",
            check: "insyn-check-1.js insyn-check-1_bg.wasm",
            import: None,
        };
        let html = adapt_index(TRUNK, "/insyn/", tag, &metas, &module).unwrap();
        assert!(
            html.contains("<meta content=\"/insyn/\" name=insyn-base><meta content=\"catalogue-1.json\" name=insyn-catalogue><meta content=\"insyn-check-1.js insyn-check-1_bg.wasm\" name=insyn-check>"),
            "{html}"
        );
        assert!(html.contains(tag));
        assert!(!html.contains("import init") && !html.contains("insyn-2_bg.wasm"));
        assert!(
            html.contains("<template id=insyn-preloads><link crossorigin href=\"/insyn/insyn-report-9.js\" integrity=\"sha384-r\" rel=modulepreload>"),
            "the family's JS is preloaded in place of Trunk's, once asked for: {html}"
        );
        let (inert, rest) = html.split_once("<template id=insyn-preloads>").unwrap();
        assert!(
            !inert.contains("modulepreload"),
            "nothing is preloaded before: {html}"
        );
        let (_, after) = rest.split_once("</template>").unwrap();
        assert!(!after.contains("modulepreload"), "nor after: {html}");
        assert!(!html.contains("insyn-2.js"), "{html}");
        // Twice, or on a file without the script: an error, not a quiet no-op.
        assert!(adapt_index(&html, "/insyn/", tag, &metas, &module).is_err());
        // Trunk's snippet preloads in either order: the same page, sorted.
        let search = "<link crossorigin href=/insyn/snippets/insyn-3/assets/js/search.js integrity=sha384-e rel=modulepreload>";
        let check = "<link crossorigin href=/insyn/snippets/insyn-3/assets/js/check.js integrity=sha384-f rel=modulepreload>";
        let one = TRUNK.replace(search, &format!("{search}{check}"));
        let other = TRUNK.replace(search, &format!("{check}{search}"));
        let (one, other) = (
            adapt_index(&one, "/insyn/", tag, &metas, &module).unwrap(),
            adapt_index(&other, "/insyn/", tag, &metas, &module).unwrap(),
        );
        assert_eq!(one, other);
        let (c, s) = (
            one.find("js/check.js").unwrap(),
            one.find("js/search.js").unwrap(),
        );
        assert!(c < s, "{one}");
        // With the integrity of the file the build wrote (minified), not Trunk's.
        assert!(
            one.contains("js/check.js\" integrity=\"sha384-check\""),
            "{one}"
        );
        let unwritten = TRUNK.replace(
            search,
            &format!("{search}{}", check.replace("check", "other")),
        );
        assert!(adapt_index(&unwritten, "/insyn/", tag, &metas, &module).is_err());
    }

    #[test]
    fn a_page_has_its_content_the_nojs_sheet_and_its_title_as_text() {
        let nojs = "<noscript><link rel=stylesheet href=/insyn/nojs-1.css></noscript>";
        let html = page(
            TRUNK,
            "<main><h1>Mål</h1></main>",
            Some("<b>Mål</b> & medel – Insyn"),
            nojs,
        )
        .unwrap();
        assert!(html.contains("<div id=insyn-pre><main><h1>Mål</h1></main></div>"));
        assert!(!html.contains("Needs JavaScript"));
        assert!(html.contains(&format!("rel=stylesheet>{nojs}")), "{html}");
        assert!(
            html.contains("<title>&lt;b&gt;Mål&lt;/b&gt; &amp; medel – Insyn</title>"),
            "{html}"
        );
        let untitled = page(TRUNK, "", None, nojs).unwrap();
        assert!(untitled.contains("<title>Insyn – generic</title>"));
        assert!(page("<html><body></body></html>", "", None, nojs).is_err());
    }

    type Maps<T> = std::collections::BTreeMap<T, String>;

    /// A shell's inputs for the tests: an HTML file for each family, and
    /// one report with its own page file.
    fn shell_inputs() -> (Maps<insyn::ui::route::Family>, Maps<String>, Maps<String>) {
        use insyn::ui::route::Family;
        let indexes = [
            Family::Start,
            Family::Report,
            Family::Figures,
            Family::Compare,
            Family::Embeds,
        ]
        .into_iter()
        .map(|f| (f, TRUNK.to_string()))
        .collect();
        let reports = [(
            "asn-2025".to_string(),
            "asn-2025 00ff a\"b.json".to_string(),
        )]
        .into();
        let own = [(
            "asn-2025".to_string(),
            "asn-2025 0a page/a\"b.json".to_string(),
        )]
        .into();
        (indexes, reports, own)
    }

    /// The shell of `shell_inputs`, with the catalogue named `catalogue`.
    fn test_shell<'a>(
        (indexes, reports, own): &'a (Maps<insyn::ui::route::Family>, Maps<String>, Maps<String>),
        catalogue: &'a str,
    ) -> Shell<'a> {
        Shell {
            indexes,
            nojs: "",
            reports,
            own,
            catalogue,
        }
    }

    /// The content of the page's `<meta name={name}>`, if it has one.
    fn meta_content(html: &str, name: &str) -> Option<String> {
        let end = html.find(&format!("name={name}>"))?;
        let start = html[..end].rfind("<meta content=\"")? + 15;
        Some(html[start..end - 2].to_string())
    }

    #[test]
    fn a_page_of_one_report_names_its_file_and_no_other_page_does() {
        let inputs = shell_inputs();
        let shell = test_shell(&inputs, "c 1.json");
        // The report's own page names its page file, its other pages the report's.
        let html = shell.page("/asn-2025", "", None).unwrap();
        assert!(
            html.contains("<meta content=\"asn-2025 0a page/a&quot;b.json\" name=insyn-report>")
        );
        assert!(!html.contains("00ff"));
        let meta = "<meta content=\"asn-2025 00ff a&quot;b.json\" name=insyn-report>";
        for route in ["/asn-2025/mal/x", "/inbaddning/asn-2025/ekonomi/t"] {
            assert!(
                shell.page(route, "", None).unwrap().contains(meta),
                "{route}"
            );
        }
        for route in ["/", "/asn-2024", "/begrepp"] {
            let html = shell.page(route, "", None).unwrap();
            assert!(!html.contains("insyn-report"), "{route}");
        }
        // Each lists the files its viewer reads first, in its language;
        // not a name with a space in it (the catalogue's here).
        let reads = |path: &str| {
            let html = shell.page(path, "", None).unwrap();
            meta_content(&html, "insyn-reads").unwrap_or_default()
        };
        assert_eq!(
            reads("/asn-2025"),
            "reports/page/a&quot;b.json glossary-terms-sv.json"
        );
        assert_eq!(
            reads("/en/asn-2025"),
            "reports/page/a&quot;b.json glossary-terms-en.json"
        );
        assert_eq!(reads("/"), "glossary-terms-sv.json");
        assert_eq!(
            reads("/inbaddning/asn-2025/ekonomi/t"),
            "reports/a&quot;b.json"
        );
    }

    #[test]
    fn each_page_names_the_query_keys_its_viewer_reads() {
        let inputs = shell_inputs();
        let shell = test_shell(&inputs, "c.json");
        // In either language: a report's filters, a board's years, the
        // goal matrix's boards and years, none on a chart's page.
        let keys = |path: &str| {
            let html = shell.page(path, "", None).unwrap();
            meta_content(&html, "insyn-query").expect(path)
        };
        assert_eq!(keys("/asn-2025"), "status omrade");
        assert_eq!(keys("/en/asn-2025"), "status omrade");
        assert_eq!(keys("/namnd/asn"), "fran till");
        assert_eq!(keys("/jamfor/mal"), "namnd ar");
        assert_eq!(keys("/asn-2025/ekonomi/t"), "");
    }

    #[test]
    fn the_scripts_get_every_name_and_a_missing_or_unfilled_placeholder_fails() {
        let boot = fill(
            include_str!("../../../assets/js/boot.js"),
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
