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
}

const CHECK: &str = "insyn-check";
const IMPORT: &str = "insyn-import";
const ALL: &str = "insyn";

fn bin(family: Family) -> String {
    format!("insyn-{}", family.name())
}

/// Trunk's release build of `index.html` into `dist`: the stylesheet, the
/// copied assets and the page shell. Its all-pages module is built without
/// wasm-opt (`data-wasm-opt="0"` in `index.html`) and not used: [`build`]
/// makes that module as it makes the others, with the cache, so a build
/// whose code has not changed does not spend Trunk's 13 s in wasm-opt
/// again (issue #34).
pub fn trunk_build(root: &Path, base: &str, dist: &Path) -> Result {
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
    let std = super::size::configure(root, &mut trunk);
    // Trunk empties the folder before it puts its build there, one file at
    // a time through its async runtime: 30 s for the 14 000 files of a
    // 50-report site, where removing the folder first takes a fraction of
    // a second (issue #34: a build with nothing changed).
    match std::fs::remove_dir_all(dist) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(format!("{}: {e}", dist.display()));
        }
        _ => {}
    }
    println!("→ trunk build --release (public URL {base}, {std}) (about 2 min, 10 s when warm)");
    run("trunk build", &mut trunk)
}

/// Builds every family's module and the validator into `dist` (with the JS
/// snippets the glue imports, in `dist/snippets/`).
pub fn build(root: &Path, dist: &Path, cache: &Cache) -> Result<Modules> {
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
    let mut pages = BTreeMap::new();
    for f in Family::ALL {
        pages.insert(f, finish(root, &target, (&work, dist), &bin(f), cache)?);
    }
    let check = finish(root, &target, (&work, dist), CHECK, cache)?;
    let import = finish(root, &target, (&work, dist), IMPORT, cache)?;
    let all = finish(root, &target, (&work, dist), ALL, cache)?;
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
    })
}

/// wasm-bindgen and wasm-opt for one binary, and its files in `dist`.
fn finish(
    root: &Path,
    target: &Path,
    (work, dist): (&Path, &Path),
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
    let wasm_bytes = cache.bytes("wasm-opt", &[&read(&bg)?], || {
        run(
            &format!("wasm-opt ({name})"),
            cmd(root, "wasm-opt")
                .args([
                    "-Oz",
                    "--enable-bulk-memory",
                    "--enable-nontrapping-float-to-int",
                ])
                .args(["--enable-sign-ext", "--enable-mutable-globals"])
                .args(["--enable-multivalue", "--enable-reference-types"])
                .arg(&bg)
                .arg("-o")
                .arg(&bg),
        )?;
        read(&bg)
    })?;
    let glue = dir.join(format!("{name}.js"));
    let js = cache.bytes("terser", &[&read(&glue)?], || {
        run(
            &format!("terser ({name})"),
            cmd(root, "terser")
                .arg(&glue)
                .args(["--module", "--compress", "--mangle", "-o"])
                .arg(&glue),
        )?;
        read(&glue)
    })?;
    copy_snippets(&dir.join("snippets"), &dist.join("snippets"))?;
    let wasm_name = hashed(&name, &wasm_bytes, "_bg.wasm");
    write(&dist.join(&wasm_name), &wasm_bytes)?;
    let js_name = hashed(&name, &js, ".js");
    write(&dist.join(&js_name), &js)?;
    Ok(Module {
        js: js_name,
        wasm: wasm_name,
    })
}

fn read(p: &Path) -> Result<Vec<u8>> {
    std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn write(p: &Path, bytes: &[u8]) -> Result {
    std::fs::write(p, bytes).map_err(|e| format!("{}: {e}", p.display()))
}

/// Copies the JS snippets wasm-bindgen wrote (the same files for every
/// family: they come from the one library).
fn copy_snippets(from: &Path, to: &Path) -> Result {
    let Ok(entries) = std::fs::read_dir(from) else {
        return Ok(());
    };
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for e in entries.flatten() {
        let dest: PathBuf = to.join(e.file_name());
        if e.path().is_dir() {
            copy_snippets(&e.path(), &dest)?;
        } else {
            std::fs::copy(e.path(), &dest).map_err(|err| format!("{}: {err}", dest.display()))?;
        }
    }
    Ok(())
}
