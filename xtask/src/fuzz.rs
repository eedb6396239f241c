//! `cargo xtask fuzz --seconds N`: libFuzzer (cargo-fuzz, nightly) on parse +
//! validate, its corpus seeded from the bundled reports and the regression
//! inputs in `tests/fuzz_regressions/`.

use std::path::Path;

use crate::tools::{cmd, run, Result};

pub fn run_fuzz(root: &Path, seconds: u64) -> Result {
    let have = cmd(root, "cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        println!("→ cargo install cargo-fuzz (about 3 min)");
        run(
            "install cargo-fuzz",
            cmd(root, "cargo").args(["install", "--locked", "cargo-fuzz"]),
        )?;
    }
    let corpus = root.join("fuzz/corpus/parse_validate");
    std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let mut seeds = 0;
    for dir in [
        root.join("assets/reports"),
        root.join("tests/fuzz_regressions"),
        root.join("docs/examples"),
    ] {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "json") {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                std::fs::copy(&p, corpus.join(&name)).map_err(|e| format!("{name}: {e}"))?;
                seeds += 1;
            }
        }
    }
    println!("→ fuzzing parse + validate for {seconds} s ({seeds} seed files)");
    run(
        "cargo fuzz run",
        cmd(root, "cargo")
            .current_dir(root.join("fuzz"))
            .args(["+nightly", "fuzz", "run", "parse_validate", "--"])
            .arg(format!("-max_total_time={seconds}"))
            .args(["-print_final_stats=1", "-max_len=200000", "-timeout=10"]),
    )?;
    println!("no crash found; crash inputs would be in fuzz/artifacts/parse_validate/ (copy them to tests/fuzz_regressions/)");
    Ok(())
}
