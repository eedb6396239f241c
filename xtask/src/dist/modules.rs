//! One wasm module per family of pages (issue #16): the release site's page
//! of a report loads a module without the comparisons, the start page one
//! without the report pages' charts (`insyn::ui::route::Family`).
//!
//! Trunk builds one binary per `index.html`, the all-pages `insyn` of the
//! development loop, so the families are built here as Trunk builds it:
//! `cargo build` with the same release profile (and the size-optimised std
//! of `size.rs`), `wasm-bindgen --target web`, `wasm-opt -Oz`, the JS glue
//! minified by Terser, and names that change with the content
//! (`names.rs`). [`trunk_build`] is Trunk's own release build, whose page
//! shell, stylesheet and assets the rest of the build starts from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use insyn::ui::route::Family;

use super::cache::Cache;
use super::names::hashed;
use super::out::Out;
use crate::tools::{cmd, run, Result};

/// A family's module in the build: its JS glue and wasm, by file name.
#[derive(Clone, Debug)]
pub struct Module {
    pub js: String,
    pub wasm: String,
}

/// The site's modules: one per family of pages, and the validator.
pub struct Modules {
    pub pages: BTreeMap<Family, Module>,
    /// `insyn-check`, which pages load when a file needs checking.
    pub check: Module,
    /// `insyn-import`, which the start page loads when a reader opens a
    /// document's text as their own report (issue #31).
    pub import: Module,
    /// `insyn`, the module with every page, which only `404.html` loads: an
    /// address without a page of its own may be any family's.
    pub all: Module,
    /// The integrity of each JS snippet the modules import, by its path
    /// below `snippets/` (as written: minified).
    pub snippets: BTreeMap<String, String>,
}

const CHECK: &str = "insyn-check";
const IMPORT: &str = "insyn-import";
const ALL: &str = "insyn";

fn bin(family: Family) -> String {
    format!("insyn-{}", family.name())
}

/// Trunk's release build of `index.html` (the stylesheet, the copied
/// assets and the page shell) into a folder of its own below
/// `target/trunk/`, one for each output folder; returns that folder. Its
/// all-pages module is built without wasm-opt (`data-wasm-opt="0"` in
/// `index.html`) and not used: [`build`] makes that module as it makes the
/// others, with the cache, so a build whose code has not changed does not
/// spend Trunk's 13 s in wasm-opt again (issue #34). Trunk empties the
/// folder it builds into, one file at a time: the site's own folder is
/// kept (`out.rs`), and a Trunk that fails leaves the last build served.
pub fn trunk_build(root: &Path, base: &str, dist: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(dist).unwrap_or_else(|_| dist.to_path_buf());
    let id = super::out::hex(&super::out::sha(abs.as_os_str().as_encoded_bytes())[..8]);
    let staging = root.join("target/trunk").join(id);
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
        .arg(&staging);
    let std = super::size::configure(root, &mut trunk);
    println!("→ trunk build --release (public URL {base}, {std}) (about 2 min, 10 s when warm)");
    run("trunk build", &mut trunk)?;
    Ok(staging)
}

/// Trunk's files in the site, but those of `skip` (its page shell, which
/// the build adapts for each family, and its module), its module's JS
/// snippets (each module's are written minified, `copy_snippets`) and, with
/// `reports_replaced`, the bundled report files it copied.
pub fn copy_trunk_output(
    staging: &Path,
    out: &Out,
    skip: &[String],
    reports_replaced: bool,
) -> Result {
    for (rel, path) in super::cache::tree(staging)? {
        if skip.contains(&rel)
            || rel.starts_with("snippets/")
            || (reports_replaced && rel.starts_with("reports/"))
        {
            continue;
        }
        out.copy(&rel, &path)?;
    }
    Ok(())
}

/// Builds every family's module and the validator into `dist` (with the JS
/// snippets the glue imports, in `dist/snippets/`).
pub fn build(root: &Path, out: &Out, cache: &Cache) -> Result<Modules> {
    let t = std::time::Instant::now();
    let mut cargo = cmd(root, "cargo");
    cargo.args(["build", "--release", "--target", "wasm32-unknown-unknown"]);
    for f in Family::ALL {
        cargo.args(["--bin", &bin(f)]);
    }
    cargo.args(["--bin", CHECK, "--bin", IMPORT, "--bin", ALL]);
    let std = super::size::configure(root, &mut cargo);
    // Read back from where it was written, whatever the environment says.
    let target = super::size::target_dir(root);
    cargo.env("CARGO_TARGET_DIR", &target);
    println!("→ cargo build of the modules of the page families, the validator, the importer and all pages ({std}) (about 3 min, seconds when warm)");
    run("cargo build (modules)", &mut cargo)?;
    let work = root.join("target/modules");
    let (mut pages, mut snippets) = (BTreeMap::new(), BTreeMap::new());
    for f in Family::ALL {
        pages.insert(
            f,
            finish(root, &target, (&work, out), &mut snippets, &bin(f), cache)?,
        );
    }
    let check = finish(root, &target, (&work, out), &mut snippets, CHECK, cache)?;
    let import = finish(root, &target, (&work, out), &mut snippets, IMPORT, cache)?;
    let all = finish(root, &target, (&work, out), &mut snippets, ALL, cache)?;
    println!(
        "  built the modules in {:.0} s ({}): {}, {}, {}, {}",
        t.elapsed().as_secs_f64(),
        cache.take_counts(),
        pages
            .values()
            .map(|m| m.wasm.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        check.wasm,
        import.wasm,
        all.wasm
    );
    Ok(Modules {
        pages,
        check,
        import,
        all,
        snippets,
    })
}

/// wasm-opt's arguments: for size (`-Oz`), with the wasm features Rust's
/// target emits, and inlining every function of up to 8 in Binaryen's
/// measure of size, about its instructions (the default is 2). V8 compiles
/// each wasm function on its first call, on the main thread, at a cost
/// mostly per function rather than per byte (issue #30): measured on `/asn-2025`, its boot compiles 1 179 functions instead
/// of 1 305 for 1.1 KB more brotli in the report's module (4: 1 270 and
/// 0.1 KB less; 6: 1 231, +0.4 KB; 10: 1 155, +2.9 KB).
const WASM_OPT: &[&str] = &[
    "-Oz",
    "--always-inline-max-function-size",
    "8",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-multivalue",
    "--enable-reference-types",
];

/// wasm-bindgen and wasm-opt for one binary, and its files in `dist`.
fn finish(
    root: &Path,
    target: &Path,
    (work, out): (&Path, &Out),
    snippets: &mut BTreeMap<String, String>,
    name: &str,
    cache: &Cache,
) -> Result<Module> {
    let name = name.to_string();
    let wasm = target.join(format!("wasm32-unknown-unknown/release/{name}.wasm"));
    let dir = work.join(&name);
    let _ = std::fs::remove_dir_all(&dir);
    run(
        &format!("wasm-bindgen ({name})"),
        cmd(root, "wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(&dir)
            .arg(&wasm),
    )?;
    let bg = dir.join(format!("{name}_bg.wasm"));
    // wasm-opt and terser take most of a warm build's time: their output
    // is kept under the hash of their input (`cache.rs`).
    let flags = WASM_OPT.join(" ");
    let wasm_bytes = cache.bytes("wasm-opt", &[&read(&bg)?, flags.as_bytes()], || {
        run(
            &format!("wasm-opt ({name})"),
            cmd(root, "wasm-opt")
                .args(WASM_OPT)
                .arg(&bg)
                .arg("-o")
                .arg(&bg),
        )?;
        read(&bg)
    })?;
    let glue = dir.join(format!("{name}.js"));
    let js = minify(root, cache, &glue)?;
    copy_snippets(root, cache, &dir.join("snippets"), (out, snippets))?;
    let wasm_name = hashed(&name, &wasm_bytes, "_bg.wasm");
    out.write(&wasm_name, &wasm_bytes)?;
    let js_name = hashed(&name, &js, ".js");
    out.write(&js_name, &js)?;
    Ok(Module {
        js: js_name,
        wasm: wasm_name,
    })
}

fn read(p: &Path) -> Result<Vec<u8>> {
    std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
}

/// The JS file at `path` minified by Terser (kept in the cache under the
/// file's content), as every script the pages load is sent.
pub fn minify(root: &Path, cache: &Cache, path: &Path) -> Result<Vec<u8>> {
    cache.bytes("terser", &[&read(path)?], || {
        run(
            &format!("terser ({})", path.display()),
            cmd(root, "terser")
                .arg(path)
                .args(["--module", "--compress", "--mangle", "-o"])
                .arg(path),
        )?;
        read(path)
    })
}

/// Copies the JS snippets wasm-bindgen wrote into `snippets/` (the same
/// files for every family: they come from the one library), minified, and
/// notes each one's integrity in `written`.
fn copy_snippets(
    root: &Path,
    cache: &Cache,
    from: &Path,
    (out, written): (&Out, &mut BTreeMap<String, String>),
) -> Result {
    if !from.is_dir() {
        return Ok(());
    }
    for (rel, path) in super::cache::tree(from)? {
        let bytes = if rel.ends_with(".js") {
            minify(root, cache, &path)?
        } else {
            read(&path)?
        };
        out.write(&format!("snippets/{rel}"), &bytes)?;
        written.insert(rel, super::names::integrity(&bytes));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_output_but_its_shell_its_module_and_replaced_reports_goes_into_the_site() {
        let dir = std::env::temp_dir().join(format!("insyn-trunk-{}", std::process::id()));
        let (staging, site) = (dir.join("trunk"), dir.join("site"));
        let snippet = "snippets/insyn-1/assets/js/a.js";
        for f in [
            "index.html",
            "insyn-1.js",
            "style-1.css",
            "reports/a.json",
            snippet,
        ] {
            let p = staging.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, f).unwrap();
        }
        let out = Out::open(&site, None, true);
        let skip = ["index.html".into(), "insyn-1.js".into()];
        copy_trunk_output(&staging, &out, &skip, true).unwrap();
        let files: Vec<String> = out.files().into_iter().map(|(f, _)| f).collect();
        assert_eq!(files, ["style-1.css"]);
        copy_trunk_output(&staging, &out, &skip, false).unwrap();
        assert!(site.join("reports/a.json").exists() && !site.join("index.html").exists());
        assert!(
            !site.join(snippet).exists(),
            "the modules write their snippets, minified"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
