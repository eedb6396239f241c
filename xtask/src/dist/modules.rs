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
    println!("→ trunk build --release (public URL {base}, {std}) (about 2 min, 10 s when warm)");
    let aside = set_aside(dist)?;
    let built = run("trunk build", &mut trunk);
    done_aside(dist, aside, built.is_ok())?;
    built
}

/// After Trunk: the last build set aside is removed if Trunk built, else
/// put back where it was (`serve` goes on serving it).
fn done_aside(dist: &Path, aside: Option<PathBuf>, built: bool) -> Result {
    let Some(old) = aside else { return Ok(()) };
    if built {
        return std::fs::remove_dir_all(&old).map_err(|e| format!("{}: {e}", old.display()));
    }
    let _ = std::fs::remove_dir_all(dist);
    std::fs::rename(&old, dist).map_err(|e| format!("{}: {e}", dist.display()))
}

/// Moves the last build in `dist` aside (to `dist.old`, beside it) before
/// Trunk runs, and returns where. Trunk empties the folder before it puts
/// its build there, one file at a time through its async runtime: 30 s
/// for the 14 000 files of a 50-report site, where moving the folder is
/// instant and removing it a fraction of a second (issue #34: a build with
/// nothing changed). Not a link (Trunk empties the folder it points to).
fn set_aside(dist: &Path) -> Result<Option<PathBuf>> {
    let is_dir = std::fs::symlink_metadata(dist).is_ok_and(|m| m.is_dir());
    if !is_dir {
        return Ok(None);
    }
    let mut old = dist.as_os_str().to_owned();
    old.push(".old");
    let old = PathBuf::from(old);
    match std::fs::remove_dir_all(&old) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(format!("{}: {e}", old.display()));
        }
        _ => {}
    }
    std::fs::rename(dist, &old).map_err(|e| format!("{}: {e}", dist.display()))?;
    Ok(Some(old))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_build_is_set_aside_for_trunk_and_back_if_trunk_fails() {
        let dir = std::env::temp_dir().join(format!("insyn-aside-{}", std::process::id()));
        let dist = dir.join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("last.html"), "last").unwrap();
        // Trunk fails: the last build is where it was.
        let aside = set_aside(&dist).unwrap();
        assert!(!dist.exists(), "Trunk finds no folder to empty");
        done_aside(&dist, aside, false).unwrap();
        assert_eq!(
            std::fs::read_to_string(dist.join("last.html")).unwrap(),
            "last"
        );
        // Trunk builds: its output stays, the last build is gone.
        let aside = set_aside(&dist).unwrap();
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("new.html"), "new").unwrap();
        done_aside(&dist, aside, true).unwrap();
        assert!(dist.join("new.html").exists() && !dist.join("last.html").exists());
        assert!(!dir.join("dist.old").exists());
        // No folder yet: nothing to set aside.
        assert_eq!(set_aside(&dir.join("none")).unwrap(), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
