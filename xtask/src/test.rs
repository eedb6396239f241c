//! `cargo xtask test`: every tier, then one summary line per tier.

use std::path::Path;
use std::time::Instant;

use crate::tools::{self, cmd, run, Result};

struct Tier {
    name: &'static str,
    outcome: Result,
    secs: f64,
}

/// What a tier runs.
type Run = fn(&Path) -> Result;

/// The tiers after the setup, in order: a name and what it runs.
const TIERS: [(&str, Run); 7] = [
    ("rustfmt", rustfmt),
    ("clippy", clippy),
    (
        "native tests (model, charts, validation, components via ssr)",
        native,
    ),
    (
        "browser tests (wasm-bindgen-test in headless Chromium)",
        browser,
    ),
    (
        "release builds (trunk, wasm-opt -Oz): /, clean and from the cache; /insyn/; a 50-report archive from the build of 49",
        release,
    ),
    (
        "end-to-end (Playwright + axe-core on the release build)",
        e2e,
    ),
    (
        "budgets: first-load size, Lighthouse, throttled takeover (bench --ci)",
        budgets,
    ),
];

pub fn run_all(root: &Path) -> Result {
    // On a fresh machine the installs take most of the run: their time is
    // the first line of the summary (each step prints its own as it ends).
    let setup = Instant::now();
    tools::ensure_build_tools(root)?;
    tools::ensure_test_tools(root)?;
    let mut tiers: Vec<Tier> = vec![Tier {
        name: "setup: install what is missing",
        outcome: Ok(()),
        secs: setup.elapsed().as_secs_f64(),
    }];
    for (name, f) in TIERS {
        println!("\n=== {name} ===");
        let t = Instant::now();
        let outcome = f(root);
        if let Err(e) = &outcome {
            println!("!!! {name}: {e}");
        }
        tiers.push(Tier {
            name,
            outcome,
            secs: t.elapsed().as_secs_f64(),
        });
    }
    summary(&tiers, setup)
}

fn rustfmt(root: &Path) -> Result {
    run(
        "cargo fmt --check",
        cmd(root, "cargo").args(["fmt", "--all", "--", "--check"]),
    )
}

fn clippy(root: &Path) -> Result {
    run(
        "clippy (native)",
        cmd(root, "cargo").args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run(
        "clippy (wasm32)",
        cmd(root, "cargo").args([
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "--lib",
            "--bins",
            "--tests",
            "--",
            "-D",
            "warnings",
        ]),
    )
}

fn native(root: &Path) -> Result {
    run(
        "cargo test",
        cmd(root, "cargo").args(["test", "--workspace"]),
    )
}

fn browser(root: &Path) -> Result {
    run(
        "wasm tests",
        cmd(root, "cargo")
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            .args([
                "test",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "browser",
            ]),
    )
}

fn release(root: &Path) -> Result {
    use crate::dist::site::Options;
    let clean = Options {
        clean: true,
        ..Options::for_tests()
    };
    crate::dist::build(root, "/", "dist", &clean)?;
    // Judged after the other sites are built, so the e2e tests still run.
    let same = same_site(root, "dist", |again| {
        crate::dist::build(root, "/", again, &Options::for_tests()).map(|_| ())
    });
    // The same site for a subpath, for the e2e test of hosting under /insyn/.
    crate::dist::build(root, "/insyn/", "dist-subpath", &Default::default())?;
    // A synthetic archive of 50 reports, for the e2e test of what each page
    // fetches, built as a publisher would: from the build of its first 49.
    let archive = root.join("target/archive-50");
    crate::corpus::run(root, 50, &archive)?;
    let grown = one_more_report(root, &archive);
    same.and(grown)
}

/// `dist-archive` built over the build of the archive without its last
/// report, in the same folder and from its cache (as a publisher builds:
/// the folder kept, a file written only where it changed, `dist/out.rs`),
/// and compared with a clean build of the whole archive (issue #34:
/// publishing one more report is an incremental build).
fn one_more_report(root: &Path, archive: &Path) -> Result {
    use crate::dist::site::Options;
    let fewer = root.join("target/archive-49");
    crate::corpus::without_last(archive, &fewer)?;
    let clean = Options {
        clean: true,
        ..Options::default()
    };
    crate::dist::build_from(root, "/", "dist-archive", Some(&fewer), &Options::default())?;
    let before = crate::dist::digest::files(&root.join("dist-archive"))?;
    println!("→ the 50th report added: built over the build of 49, from its cache");
    crate::dist::build_from(
        root,
        "/",
        "dist-archive",
        Some(archive),
        &Default::default(),
    )?;
    let after = crate::dist::digest::files(&root.join("dist-archive"))?;
    let unchanged = others_pages_unchanged(&fewer, &before, &after);
    let same = same_site(root, "dist-archive", |again| {
        crate::dist::build_from(root, "/", again, Some(archive), &clean).map(|_| ())
    });
    unchanged.and(same)
}

/// Publishing one more report leaves the pages of the others as they were
/// (issue #34): each report's own page, its finances and its embed, in
/// both languages, have the same bytes in the build with one more report
/// (`before` and `after` are the two builds' digests by path).
fn others_pages_unchanged(
    fewer: &Path,
    before: &std::collections::BTreeMap<String, [u8; 32]>,
    after: &std::collections::BTreeMap<String, [u8; 32]>,
) -> Result {
    let text = std::fs::read_to_string(fewer.join("index.json")).map_err(|e| e.to_string())?;
    let index: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let ids = index["reports"].as_array().into_iter().flatten();
    let mut changed = Vec::new();
    let mut checked = 0;
    for id in ids.filter_map(|r| r["id"].as_str()) {
        for lang in ["", "en/"] {
            for page in [
                format!("{lang}{id}/index.html"),
                format!("{lang}{id}/ekonomi/index.html"),
                format!("{lang}inbaddning/{id}/index.html"),
            ] {
                if !after.contains_key(&page) {
                    continue;
                }
                checked += 1;
                if before.get(&page) != after.get(&page) {
                    changed.push(page);
                }
            }
        }
    }
    let all = after
        .iter()
        .filter(|(p, d)| before.get(*p) != Some(*d))
        .count();
    println!(
        "  {all} of {} files changed with the 50th report",
        after.len()
    );
    if checked > 0 && changed.is_empty() {
        println!("✓ the other reports' own, finance and embed pages ({checked}) are unchanged");
        return Ok(());
    }
    Err(format!(
        "publishing one more report changed {} of the other reports' own pages (of {checked}): {}",
        changed.len(),
        changed
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// `built` compared with a second build by `again` into another folder: the
/// same bytes, file for file (issue #34); the differences, when there are
/// any, are listed, with where the first differing file first differs.
fn same_site(root: &Path, built: &str, again: impl FnOnce(&str) -> Result) -> Result {
    let other = "target/dist-again";
    again(other)?;
    let (a, b) = (root.join(built), root.join(other));
    let diff = crate::dist::digest::differences(&a, &b)?;
    let first = crate::dist::digest::first_difference(&a, &b, &diff);
    let _ = std::fs::remove_dir_all(&b);
    if diff.is_empty() {
        println!("✓ {built}: a build from the cache and a clean build are byte-identical");
        return Ok(());
    }
    let shown: Vec<&str> = diff.iter().take(30).map(String::as_str).collect();
    Err(format!(
        "{built}: two builds of the same inputs differ in {} file(s):\n  {}\n{}",
        diff.len(),
        shown.join("\n  "),
        first.unwrap_or_default()
    ))
}

fn e2e(root: &Path) -> Result {
    run(
        "e2e",
        cmd(root, "node")
            .current_dir(root.join("e2e"))
            .args(["--test", "--test-concurrency=1"]),
    )
}

fn budgets(root: &Path) -> Result {
    crate::bench::check_budgets(root)
}

/// One line per tier, and the run's outcome.
fn summary(tiers: &[Tier], setup: Instant) -> Result {
    println!("\n=== summary ===");
    let mut failed = 0;
    for t in tiers {
        match &t.outcome {
            Ok(()) => println!("ok     {:<60} {:>5.0} s", t.name, t.secs),
            Err(e) => {
                failed += 1;
                println!("FAILED {:<60} {:>5.0} s  ({e})", t.name, t.secs);
            }
        }
    }
    println!(
        "tiers: {} passed, {failed} failed, in {:.0} min (CI allows 90; a fresh machine, installs included, should stay under 75)",
        tiers.len() - failed,
        setup.elapsed().as_secs_f64() / 60.0
    );
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} tier(s) failed"))
    }
}
