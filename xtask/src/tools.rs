//! Installs what the build and the tests need, skipping what is already there.
//! Each step prints one line with its expected duration before it runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132.0.0";
/// Pagefind, which indexes the pre-rendered pages for full-text search.
pub const PAGEFIND_VERSION: &str = "1.6.0";

/// Terser, which minifies the JS glue wasm-bindgen writes for each module
/// (issue #16: 66 KB of readable JS per module; 1.7 KB less brotli minified).
pub const TERSER_VERSION: &str = "5.51.4";

/// Pagefind's command, installed by npm in `.tools/`.
pub fn pagefind(root: &Path) -> PathBuf {
    tools_dir(root).join("node_modules/.bin/pagefind")
}

/// Terser's command, installed by npm in `.tools/`.
pub fn terser(root: &Path) -> PathBuf {
    tools_dir(root).join("node_modules/.bin/terser")
}

pub type Result<T = ()> = std::result::Result<T, String>;

/// Where binaryen's wasm-opt is installed (gitignored).
pub fn tools_dir(root: &Path) -> PathBuf {
    root.join(".tools")
}

fn cargo_bin() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin")
}

/// PATH with cargo's bin folder and the local wasm-opt first.
pub fn path_env(root: &Path) -> String {
    let mut parts = vec![
        tools_dir(root)
            .join("node_modules/.bin")
            .display()
            .to_string(),
        cargo_bin().display().to_string(),
    ];
    if let Ok(p) = std::env::var("PATH") {
        parts.push(p);
    }
    parts.join(":")
}

/// A command with the project's PATH.
pub fn cmd(root: &Path, program: &str) -> Command {
    let mut c = Command::new(program);
    c.env("PATH", path_env(root)).current_dir(root);
    c
}

/// Output of `program args` (stdout and stderr), if it ran.
fn output_of(root: &Path, program: &str, args: &[&str]) -> Option<String> {
    let out = cmd(root, program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
    s.push_str(&String::from_utf8_lossy(&out.stderr));
    Some(s)
}

/// Runs a command, streaming its output; an error names the step.
pub fn run(step: &str, c: &mut Command) -> Result {
    let status = c
        .stdin(Stdio::null())
        .status()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!(
                "{step}: the program {:?} was not found on PATH",
                c.get_program()
            ),
            _ => format!("{step}: could not start: {e}"),
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{step}: failed ({status})"))
    }
}

fn step(name: &str, expected: &str) -> Instant {
    println!("→ {name} (about {expected})");
    Instant::now()
}

fn done(t: Instant) {
    println!("  done in {:.0} s", t.elapsed().as_secs_f64());
}

fn skip(name: &str, why: &str) {
    println!("✓ {name}: {why}");
}

/// The wasm-bindgen version pinned in Cargo.lock.
pub fn wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock cannot be read ({e}): run `cargo generate-lockfile`"))?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|v| v.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn is_root() -> bool {
    output_of(Path::new("/"), "id", &["-u"]).is_some_and(|s| s.trim() == "0")
}

/// wasm32 target, Trunk, wasm-bindgen CLI and wasm-opt.
pub fn ensure_build_tools(root: &Path) -> Result {
    ensure_wasm32(root)?;
    ensure_trunk(root)?;
    ensure_wasm_bindgen(root)?;
    ensure_npm_tools(root)?;
    crate::dist::size::ensure(root);
    Ok(())
}

/// The wasm32 target of the stable toolchain.
fn ensure_wasm32(root: &Path) -> Result {
    let installed = output_of(root, "rustup", &["target", "list", "--installed"])
        .ok_or("rustup was not found: install Rust with rustup (https://rustup.rs)")?;
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        skip("wasm32-unknown-unknown target", "installed");
    } else {
        let t = step("rustup target add wasm32-unknown-unknown", "10 s");
        run(
            "rustup target add",
            cmd(root, "rustup").args(["target", "add", "wasm32-unknown-unknown"]),
        )
        .map_err(|e| format!("{e}. Is crates.io/rustup's server reachable?"))?;
        done(t);
    }
    Ok(())
}

/// Trunk, built without its release profile's LTO and without the
/// features the build does not use.
fn ensure_trunk(root: &Path) -> Result {
    let have = output_of(root, "trunk", &["--version"]).unwrap_or_default();
    if have.contains(TRUNK_VERSION) {
        skip("trunk", &format!("{TRUNK_VERSION} installed"));
    } else {
        let t = step(
            &format!("cargo install --locked trunk@{TRUNK_VERSION}"),
            "3 min the first time, on 2 cores",
        );
        // Trunk only copies files and runs other programs: its own speed
        // does not matter, and its release profile's fat LTO and one
        // codegen unit are most of a fresh machine's wait (issue #32).
        // Cargo lets these variables override the package's own profile.
        // Without its default features: no TLS stack (rustls and ring) and
        // no check for a newer version on crates.io. The build runs it
        // `--offline` with the tools already installed, and `serve` serves
        // plain HTTP on this machine, so neither is used (190 s to install
        // without them, 209 s with, measured one after the other here).
        run(
            "install trunk",
            cmd(root, "cargo")
                .env("CARGO_PROFILE_RELEASE_LTO", "off")
                .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
                .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
                .env("CARGO_PROFILE_RELEASE_DEBUG", "0")
                .env("CARGO_PROFILE_RELEASE_STRIP", "true")
                .args([
                    "install",
                    "--locked",
                    "--no-default-features",
                    &format!("trunk@{TRUNK_VERSION}"),
                ]),
        )
        .map_err(|e| format!("{e}. Is the crates.io registry reachable?"))?;
        done(t);
    }
    Ok(())
}

/// The wasm-bindgen CLI and test runner, the same version as the crate in
/// Cargo.lock.
fn ensure_wasm_bindgen(root: &Path) -> Result {
    let v = wasm_bindgen_version(root)?;
    let have = output_of(root, "wasm-bindgen", &["--version"]).unwrap_or_default();
    let have_runner = output_of(root, "wasm-bindgen-test-runner", &["--version"]).is_some();
    if have.split_whitespace().any(|w| w == v) && have_runner {
        skip("wasm-bindgen CLI", &format!("{v} installed"));
    } else {
        let t = step(
            &format!("cargo install wasm-bindgen-cli --version ={v}"),
            "2 min",
        );
        // Without its default feature, TLS for downloading a browser
        // driver: the test runner is given the system's chromedriver
        // (102 s to install without it, 116 s with).
        let locked = run(
            "install wasm-bindgen-cli --locked",
            cmd(root, "cargo").args([
                "install",
                "--locked",
                "--no-default-features",
                "wasm-bindgen-cli",
                "--version",
                &format!("={v}"),
            ]),
        );
        if locked.is_err() {
            println!("  --locked failed (a pinned dependency is missing from the registry); trying without it");
            run(
                "install wasm-bindgen-cli",
                cmd(root, "cargo").args([
                    "install",
                    "--no-default-features",
                    "wasm-bindgen-cli",
                    "--version",
                    &format!("={v}"),
                ]),
            )
            .map_err(|e| format!("{e}. Is the crates.io registry reachable?"))?;
        }
        done(t);
    }
    Ok(())
}

/// wasm-opt from npm binaryen, Pagefind and Terser, in one install: an npm
/// install of one package with --no-save removes the others.
fn ensure_npm_tools(root: &Path) -> Result {
    let wasm_opt = tools_dir(root).join("node_modules/.bin/wasm-opt");
    let says = |bin: &Path, version: &str| {
        output_of(root, bin.to_str().unwrap_or_default(), &["--version"])
            .is_some_and(|v| v.contains(version))
    };
    if says(&wasm_opt, "version 132")
        && says(&pagefind(root), PAGEFIND_VERSION)
        && says(&terser(root), TERSER_VERSION)
    {
        skip(
            "wasm-opt, pagefind, terser",
            &format!("binaryen 132, pagefind {PAGEFIND_VERSION} and terser {TERSER_VERSION} installed in .tools/"),
        );
    } else {
        let t = step(
            &format!("npm install binaryen@{BINARYEN_VERSION} pagefind@{PAGEFIND_VERSION} terser@{TERSER_VERSION} (wasm-opt, search index, JS minifier)"),
            "20 s",
        );
        std::fs::create_dir_all(tools_dir(root))
            .map_err(|e| format!("cannot create .tools/: {e}"))?;
        // A package.json of its own: without one npm climbs to the nearest
        // package.json above the checkout and installs there instead.
        let manifest = tools_dir(root).join("package.json");
        if !manifest.exists() {
            std::fs::write(&manifest, "{ \"private\": true }\n")
                .map_err(|e| format!("{}: {e}", manifest.display()))?;
        }
        run(
            "npm install binaryen pagefind terser",
            cmd(root, "npm").current_dir(tools_dir(root)).args([
                "install",
                "--no-audit",
                "--no-fund",
                "--no-save",
                &format!("binaryen@{BINARYEN_VERSION}"),
                &format!("pagefind@{PAGEFIND_VERSION}"),
                &format!("terser@{TERSER_VERSION}"),
            ]),
        )
        .map_err(|e| format!("{e}. npm is needed (Debian: apt-get install nodejs npm) and the npm registry must be reachable"))?;
        for bin in [&wasm_opt, &pagefind(root), &terser(root)] {
            if !bin.exists() {
                return Err(format!("npm install left no {}", bin.display()));
            }
        }
        done(t);
    }
    Ok(())
}

/// Debian's chromium and chromium-driver, and the e2e suite's npm packages.
pub fn ensure_test_tools(root: &Path) -> Result {
    let have = |p: &str| Path::new(p).exists();
    if have("/usr/bin/chromium") && have("/usr/bin/chromedriver") && have("/usr/bin/pdftotext") {
        skip("chromium, chromium-driver and poppler-utils", "installed");
    } else {
        if !is_root() {
            return Err("chromium, chromium-driver or poppler-utils is missing and installing them needs root: \
                 run `sudo apt-get update && sudo apt-get install -y chromium chromium-driver poppler-utils`, then try again"
                .into());
        }
        let t = step(
            "apt-get install chromium chromium-driver poppler-utils",
            "1–2 min",
        );
        run(
            "apt-get update",
            cmd(root, "apt-get").args(["update", "-qq"]),
        )
        .map_err(|e| format!("{e}. Are Debian's package servers reachable?"))?;
        run(
            "apt-get install",
            cmd(root, "apt-get")
                .env("DEBIAN_FRONTEND", "noninteractive")
                .args([
                    "install",
                    "-y",
                    "-qq",
                    "chromium",
                    "chromium-driver",
                    "poppler-utils",
                ]),
        )?;
        done(t);
    }
    let e2e = root.join("e2e");
    let marker = e2e.join("node_modules/.package-lock.json");
    let fresh = match (
        std::fs::metadata(&marker),
        std::fs::metadata(e2e.join("package-lock.json")),
    ) {
        (Ok(m), Ok(l)) => match (m.modified(), l.modified()) {
            (Ok(m), Ok(l)) => m >= l,
            _ => false,
        },
        _ => false,
    };
    if fresh {
        skip("e2e npm packages", "installed");
    } else {
        let t = step("npm ci in e2e/ (playwright-core, axe-core)", "30 s");
        run(
            "npm ci",
            cmd(root, "npm")
                .current_dir(&e2e)
                .args(["ci", "--no-audit", "--no-fund"]),
        )
        .map_err(|e| format!("{e}. npm is needed and the npm registry must be reachable"))?;
        done(t);
    }
    Ok(())
}
