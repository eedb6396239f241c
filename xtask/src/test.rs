//! `cargo xtask test`: every tier, then one summary line per tier.

use std::path::Path;
use std::time::Instant;

use crate::tools::{self, cmd, run, Result};

struct Tier {
    name: &'static str,
    outcome: Result,
    secs: f64,
}

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
    let mut tier = |name: &'static str, f: &mut dyn FnMut() -> Result| {
        println!("\n=== {name} ===");
        let t = Instant::now();
        let outcome = f();
        if let Err(e) = &outcome {
            println!("!!! {name}: {e}");
        }
        tiers.push(Tier {
            name,
            outcome,
            secs: t.elapsed().as_secs_f64(),
        });
    };
    tier("rustfmt", &mut || {
        run(
            "cargo fmt --check",
            cmd(root, "cargo").args(["fmt", "--all", "--", "--check"]),
        )
    });
    tier("clippy", &mut || {
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
    });
    tier(
        "native tests (model, charts, validation, components via ssr)",
        &mut || {
            run(
                "cargo test",
                cmd(root, "cargo").args(["test", "--workspace"]),
            )
        },
    );
    tier(
        "browser tests (wasm-bindgen-test in headless Chromium)",
        &mut || {
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
        },
    );
    tier(
        "release builds (trunk, wasm-opt -Oz): /, /insyn/, a 50-report archive",
        &mut || {
            crate::dist::build(root, "/", "dist", &crate::findable::Options::for_tests())?;
            // The same site for a subpath, for the e2e test of hosting under /insyn/.
            crate::dist::build(root, "/insyn/", "dist-subpath", &Default::default())?;
            // A synthetic archive of 50 reports, for the e2e test of what each page fetches.
            let archive = root.join("target/archive-50");
            crate::corpus::run(root, 50, &archive)?;
            crate::dist::build_from(
                root,
                "/",
                "dist-archive",
                Some(&archive),
                &Default::default(),
            )
            .map(|_| ())
        },
    );
    tier(
        "end-to-end (Playwright + axe-core on the release build)",
        &mut || {
            run(
                "e2e",
                cmd(root, "node")
                    .current_dir(root.join("e2e"))
                    .args(["--test", "--test-concurrency=1"]),
            )
        },
    );
    tier(
        "budgets: first-load size, Lighthouse, throttled takeover (bench --ci)",
        &mut || crate::bench::check_budgets(root),
    );
    println!("\n=== summary ===");
    let mut failed = 0;
    for t in &tiers {
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
