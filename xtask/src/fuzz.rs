//! `cargo xtask fuzz --seconds N`: libFuzzer (cargo-fuzz, nightly) on parse +
//! validate and on the importer, N seconds for each of the three targets in
//! turn (3 × N in all): `parse_validate` mutates bytes, `structured` mutates
//! the parsed JSON of report files so that its inputs reach validation,
//! `import` mutates the seed texts (`shared/seeds/*.txt` beside the
//! repository) read by `insyn::import`. The first two corpora are seeded
//! from the bundled reports, the authoring example and the regression inputs
//! in `tests/fuzz_regressions/`; libFuzzer's final figures (executions,
//! coverage, corpus) are printed for each target.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::Stdio;

use crate::tools::{cmd, run, Result};

const TARGETS: [&str; 3] = ["parse_validate", "structured", "import"];
/// No AddressSanitizer: the code under test is safe Rust, and without it
/// the targets run several times as many inputs a second (overflow checks
/// and debug assertions stay on).
const SANITIZER: [&str; 2] = ["--sanitizer", "none"];
const SEED_DIRS: [&str; 3] = ["assets/reports", "tests/fuzz_regressions", "docs/examples"];
/// The importer's seeds: the texts beside the repository.
const TEXT_SEED_DIR: &str = "../shared/seeds";

pub fn run_fuzz(root: &Path, seconds: u64) -> Result {
    ensure_cargo_fuzz(root)?;
    println!("→ building the fuzz targets (nightly, about 5 min the first time)");
    run(
        "cargo fuzz build",
        cmd(root, "cargo")
            .current_dir(root.join("fuzz"))
            .args(["+nightly", "fuzz", "build"])
            .args(SANITIZER),
    )?;
    let mut summaries = Vec::new();
    for target in TARGETS {
        let seeds = seed_corpus(root, target)?;
        println!("→ fuzzing {target} for {seconds} s ({seeds} seed files)");
        summaries.push((target, fuzz_target(root, target, seconds)?));
    }
    for (target, summary) in summaries {
        println!("{target}:\n{summary}");
    }
    println!("no crash found; crash inputs would be in fuzz/artifacts/<target>/ (minimise with cargo fuzz tmin, copy to tests/fuzz_regressions/)");
    Ok(())
}

fn ensure_cargo_fuzz(root: &Path) -> Result {
    let have = cmd(root, "cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if have {
        return Ok(());
    }
    println!("→ cargo install cargo-fuzz (about 3 min)");
    run(
        "install cargo-fuzz",
        cmd(root, "cargo").args(["install", "--locked", "cargo-fuzz"]),
    )
}

/// Copies the seed files into `fuzz/corpus/<target>/`; returns their number.
fn seed_corpus(root: &Path, target: &str) -> Result<usize> {
    let corpus = root.join("fuzz/corpus").join(target);
    std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let mut seeds = 0;
    let (dirs, ext): (&[&str], &str) = if target == "import" {
        (&[TEXT_SEED_DIR], "txt")
    } else {
        (&SEED_DIRS, "json")
    };
    for dir in dirs {
        for e in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let p = e.path();
            if p.extension().is_some_and(|x| x == ext) {
                let name = e.file_name();
                std::fs::copy(&p, corpus.join(&name))
                    .map_err(|e| format!("{}: {e}", p.display()))?;
                seeds += 1;
            }
        }
    }
    Ok(seeds)
}

/// Runs one target, echoing libFuzzer's progress lines and keeping its whole
/// output in `fuzz/artifacts/<target>/fuzz.log`; returns the final figures.
fn fuzz_target(root: &Path, target: &str, seconds: u64) -> Result<String> {
    let mut child = cmd(root, "cargo")
        .current_dir(root.join("fuzz"))
        .args(["+nightly", "fuzz", "run", target])
        .args(SANITIZER)
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        .args(["-print_final_stats=1", "-max_len=200000", "-timeout=10"])
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cargo fuzz run {target}: could not start: {e}"))?;
    let lines: Vec<String> = child
        .stderr
        .take()
        .map(|s| BufReader::new(s).lines().map_while(|l| l.ok()))
        .into_iter()
        .flatten()
        .inspect(|l| echo_progress(l))
        .collect();
    let status = child
        .wait()
        .map_err(|e| format!("cargo fuzz run {target}: {e}"))?;
    write_log(root, target, &lines)?;
    if !status.success() {
        return Err(format!(
            "cargo fuzz run {target} failed ({status}); all its output is in fuzz/artifacts/{target}/fuzz.log:\n{}",
            failure(&lines)
        ));
    }
    Ok(final_figures(&lines))
}

fn echo_progress(line: &str) {
    if ["INITED", "pulse", "DONE"].iter().any(|w| line.contains(w)) {
        println!("  {line}");
    }
}

fn write_log(root: &Path, target: &str, lines: &[String]) -> Result {
    let dir = root.join("fuzz/artifacts").join(target);
    let path = dir.join("fuzz.log");
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::File::create(&path))
        .and_then(|mut f| f.write_all(lines.join("\n").as_bytes()))
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// What failed (the panic message, or the build's errors), where the input
/// was saved and how to reproduce and minimise it, each line cut at 400
/// characters (a panic message can hold a whole report).
fn failure(lines: &[String]) -> String {
    let start = lines
        .iter()
        .position(|l| l.contains("panicked at") || l.starts_with("error") || l.contains("ERROR:"))
        .unwrap_or(lines.len().saturating_sub(30));
    let saved = lines
        .iter()
        .filter(|l| l.contains("artifacts/") || l.starts_with("stat::"));
    lines[start..]
        .iter()
        .take(6)
        .chain(saved)
        .map(|l| format!("  {}", l.chars().take(400).collect::<String>()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// libFuzzer's last status line (executions, cov:, ft:, corp:) and its
/// `stat::` lines.
fn final_figures(lines: &[String]) -> String {
    let done = lines
        .iter()
        .rev()
        .find(|l| l.starts_with('#') && l.contains("cov:"));
    done.into_iter()
        .chain(lines.iter().filter(|l| l.starts_with("stat::")))
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(String::from).collect()
    }

    #[test]
    fn final_figures_are_the_last_status_line_and_the_stats() {
        let out = lines("INFO: Seed: 1\n#12\tINITED cov: 10 ft: 20 corp: 3/1Kb\n#4096\tpulse  cov: 11 ft: 21\n#5000\tDONE   cov: 12 ft: 22 corp: 4/2Kb\nDone 5000 runs in 60 second(s)\nstat::number_of_executed_units: 5000\nstat::average_exec_per_sec:     83");
        assert_eq!(
            final_figures(&out),
            "  #5000\tDONE   cov: 12 ft: 22 corp: 4/2Kb\n  stat::number_of_executed_units: 5000\n  stat::average_exec_per_sec:     83"
        );
    }

    #[test]
    fn a_failure_shows_the_panic_and_the_saved_input() {
        let out = lines("#1\tpulse\nthread '<unnamed>' panicked at a.rs:1:2:\nboom\nstack backtrace:\n   0: x\n   1: y\n   2: z\n   3: w\nTest unit written to /f/artifacts/t/crash-1\nstat::number_of_executed_units: 7");
        let f = failure(&out);
        assert!(
            f.starts_with("  thread '<unnamed>' panicked at a.rs:1:2:\n  boom\n"),
            "{f}"
        );
        assert!(!f.contains("   3: w"), "{f}");
        assert!(f.ends_with("  Test unit written to /f/artifacts/t/crash-1\n  stat::number_of_executed_units: 7"), "{f}");
    }
}
