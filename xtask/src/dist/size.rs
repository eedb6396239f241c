//! The release wasm built with the standard library compiled for size, as
//! Yew's own size CI does (issue #16): the machine's nightly, pinned by date,
//! builds std with `optimize_for_size`, aborts on panic without unwinding
//! machinery, and keeps no panic locations. Measured on this code: the wasm
//! went from 262.0 to 234.9 KB brotli (852 030 to 744 146 bytes raw).
//!
//! Tests, clippy and `cargo xtask dev`-style loops stay on stable; only
//! Trunk's release build uses this. `-Zfmt-debug=none` is left out: the
//! validator's messages quote ids with `{:?}`, which it would empty. Without
//! the pinned nightly the build says so and uses stable (about 10 % larger).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools::cmd;

/// The nightly this build was measured with.
pub const NIGHTLY_DATE: &str = "2026-05-19";
const RUSTFLAGS: &str = "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none";

fn nightly(root: &Path, args: &[&str]) -> Option<String> {
    let out = cmd(root, "rustup")
        .args(["run", "nightly"])
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn pinned(root: &Path) -> bool {
    nightly(root, &["rustc", "--version"]).is_some_and(|v| v.contains(NIGHTLY_DATE))
}

fn has(root: &Path, list: &[&str], item: &str) -> bool {
    let out = cmd(root, "rustup").args(list).output();
    out.is_ok_and(|o| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .any(|l| l.trim().starts_with(item))
    })
}

fn std_manifest(root: &Path) -> Option<PathBuf> {
    let sysroot = nightly(root, &["rustc", "--print", "sysroot"])?;
    Some(PathBuf::from(sysroot.trim()).join("lib/rustlib/src/rust/library/Cargo.toml"))
}

/// Whether the release build can use the size-optimised std: the pinned
/// nightly with rust-src and the wasm32 target.
pub fn ready(root: &Path) -> bool {
    pinned(root)
        && has(
            root,
            &["component", "list", "--toolchain", "nightly", "--installed"],
            "rust-src",
        )
        && has(
            root,
            &["target", "list", "--toolchain", "nightly", "--installed"],
            "wasm32-unknown-unknown",
        )
}

/// Adds rust-src and the wasm32 target to the pinned nightly and fetches
/// std's own crates (Trunk builds offline). Never fails the build: without
/// the nightly it says so, and the build uses stable.
pub fn ensure(root: &Path) {
    if !pinned(root) {
        println!("✗ nightly-{NIGHTLY_DATE} is not installed: the release wasm is built with stable std (about 10 % larger)");
        return;
    }
    if ready(root) {
        println!("✓ nightly-{NIGHTLY_DATE} with rust-src and wasm32: installed");
    } else {
        println!("→ rustup component add rust-src + target wasm32 for nightly-{NIGHTLY_DATE} (about 10 s)");
        let _ = cmd(root, "rustup")
            .args(["component", "add", "rust-src", "--toolchain", "nightly"])
            .status();
        let _ = cmd(root, "rustup")
            .args([
                "target",
                "add",
                "wasm32-unknown-unknown",
                "--toolchain",
                "nightly",
            ])
            .status();
    }
    if let Some(m) = std_manifest(root) {
        let _ = cmd(root, "cargo")
            .args(["+nightly", "fetch", "--quiet", "--manifest-path"])
            .arg(m)
            .status();
    }
}

/// Where `configure`d builds write: their own folder with the nightly's
/// std, so the stable builds of the tests keep theirs.
pub fn target_dir(root: &Path) -> PathBuf {
    if ready(root) {
        root.join("target/size")
    } else {
        root.join("target")
    }
}

/// Sets up a Trunk (or cargo) release build to use the size-optimised std, when ready;
/// returns which std it will use, for the build's progress line.
pub fn configure(root: &Path, build: &mut Command) -> &'static str {
    if !ready(root) {
        return "stable std";
    }
    build
        .env("RUSTUP_TOOLCHAIN", "nightly")
        .env("CARGO_TARGET_DIR", root.join("target/size"))
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size")
        .env("RUSTFLAGS", RUSTFLAGS);
    "nightly std built for size"
}
