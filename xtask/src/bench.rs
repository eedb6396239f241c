//! `cargo xtask bench`: figures for speed and size, and the budgets they
//! must meet (issue #8). It builds the release site into `dist/`, then:
//!
//! - first-load transfer of `/asn-2025`, brotli, per file (`e2e/bench/first-load.mjs`);
//! - Lighthouse, mobile defaults, on `/`, `/asn-2025` and `/asn-2025/ekonomi`,
//!   the median of five runs per page (`e2e/bench/lighthouse.mjs`);
//! - time to the first visible goal card, the viewer against a static HTML
//!   page with the same content (`e2e/bench/first-card.mjs`);
//! - each chart's render time in headless Chromium (`tests/bench.rs`); printed,
//!   not asserted;
//! - the floor: the size of `xtask/floor`, a minimal Yew viewer built the same
//!   way, and what the 160 KB budget leaves for Insyn's own code after it;
//!   printed, not asserted.
//!
//! Budgets are sizes, scores and ratios, never wall-clock times. With `--ci`
//! the chart timings are skipped, and the 160 KB first-load budget, which the
//! site does not meet yet, is reported but not enforced; a ceiling on today's
//! size is enforced instead so that it cannot grow unnoticed.

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::tools::{cmd, Result};

/// Issue #8: first-load transfer of `/asn-2025`, brotli-compressed.
const FIRST_LOAD_BUDGET: u64 = 160 * 1024;
/// Today's first load plus a little room: enforced in CI until the 160 KB budget is met.
const FIRST_LOAD_CEILING: u64 = 310 * 1024;
const LIGHTHOUSE_PAGES: &str = "/,/asn-2025,/asn-2025/ekonomi";
/// Viewer time to the first goal card ÷ a static page's time.
const FIRST_CARD_RATIO_BUDGET: f64 = 1.5;

struct Check {
    name: String,
    figure: String,
    ok: bool,
    /// Whether a miss fails the run.
    enforced: bool,
}

fn check(checks: &mut Vec<Check>, name: impl Into<String>, figure: impl Into<String>, ok: bool) {
    checks.push(Check {
        name: name.into(),
        figure: figure.into(),
        ok,
        enforced: true,
    });
}

pub fn run(root: &Path, ci: bool) -> Result {
    crate::dist::build(root, "/", "dist")?;
    let (load, budgets) = budgets(root, ci);
    if !ci {
        charts(root)?;
        floor(root, load)?;
    }
    budgets
}

/// The budget checks on the site already built in `dist/` (the CI tier after
/// the release build).
pub fn check_budgets(root: &Path, ci: bool) -> Result {
    budgets(root, ci).1
}

/// What the first load is made of, in bytes as sent.
#[derive(Clone, Copy)]
struct FirstLoad {
    total: u64,
    /// The viewer's JS glue and wasm.
    code: u64,
}

fn budgets(root: &Path, ci: bool) -> (Option<FirstLoad>, Result) {
    let mut checks = Vec::new();
    let load = match first_load(root, ci, &mut checks) {
        Ok(l) => l,
        Err(e) => return (None, Err(e)),
    };
    let rest = lighthouse(root, &mut checks).and_then(|()| first_card(root, &mut checks));
    (Some(load), rest.and_then(|()| verdicts(&checks)))
}

/// Prints every check and fails if an enforced one was missed.
fn verdicts(checks: &[Check]) -> Result {
    println!("\n=== budgets ===");
    let mut failed = 0;
    for c in checks {
        let verdict = match (c.ok, c.enforced) {
            (true, _) => "ok    ",
            (false, true) => {
                failed += 1;
                "FAILED"
            }
            (false, false) => "NOT MET (reported, not enforced with --ci)",
        };
        println!("{verdict} {:<58} {}", c.name, c.figure);
    }
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} budget(s) broken"))
    }
}

/// Runs a command (its errors go to the terminal) and returns what it printed.
fn stdout_of(c: &mut Command, what: &str) -> Result<String> {
    let out = c
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{what}: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!("{what} failed:\n{text}"))
    }
}

/// Runs a script in `e2e/bench` and returns the JSON objects it printed after `tag`.
fn node_lines(root: &Path, script: &str, args: &[&str], tag: &str) -> Result<Vec<Value>> {
    let text = stdout_of(
        cmd(root, "node")
            .current_dir(root.join("e2e"))
            .arg(format!("bench/{script}"))
            .args(args),
        &format!("bench/{script}"),
    )?;
    let rows: Vec<Value> = text
        .lines()
        .filter_map(|l| l.strip_prefix(tag))
        .filter_map(|j| serde_json::from_str(j.trim()).ok())
        .collect();
    if rows.is_empty() {
        return Err(format!("bench/{script} printed no figures:\n{text}"));
    }
    Ok(rows)
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn first_load(root: &Path, ci: bool, checks: &mut Vec<Check>) -> Result<FirstLoad> {
    println!("→ first-load transfer of /asn-2025 (brotli, as served per docs/hosting.md)");
    let rows = node_lines(root, "first-load.mjs", &["/asn-2025"], "FIRSTLOAD ")?;
    println!("{:<52} {:>9} {:>11}", "file", "encoding", "body bytes");
    let mut total = 0u64;
    let mut code = 0u64;
    let mut uncompressed = Vec::new();
    for r in &rows {
        let path = r["path"].as_str().unwrap_or("?");
        let enc = r["encoding"].as_str().unwrap_or("?");
        let body = r["body"].as_u64().unwrap_or(0);
        total += body;
        if path.contains("/insyn-") && (path.ends_with(".js") || path.ends_with(".wasm")) {
            code += body;
        }
        if enc != "br" && body > 0 {
            uncompressed.push(path.to_string());
        }
        println!("{path:<52} {enc:>9} {body:>11}");
    }
    println!("{:<52} {:>9} {:>11}  ({})", "total", "", total, kb(total));
    check(
        checks,
        "every first-load file is sent brotli-compressed",
        if uncompressed.is_empty() {
            "all".into()
        } else {
            uncompressed.join(", ")
        },
        uncompressed.is_empty(),
    );
    checks.push(Check {
        name: "first load of /asn-2025 ≤ 160 KB brotli (issue #8)".into(),
        figure: kb(total),
        ok: total <= FIRST_LOAD_BUDGET,
        enforced: !ci,
    });
    if ci {
        check(
            checks,
            format!(
                "first load of /asn-2025 ≤ {} (ceiling: no growth)",
                kb(FIRST_LOAD_CEILING)
            ),
            kb(total),
            total <= FIRST_LOAD_CEILING,
        );
    }
    Ok(FirstLoad { total, code })
}

/// Builds `xtask/floor`, the least a Yew viewer of JSON reports ships, and
/// prints how much of the first-load budget it leaves for Insyn's own code.
fn floor(root: &Path, load: Option<FirstLoad>) -> Result {
    println!("→ the floor: a minimal yew + yew-router + serde_json + gloo-net app (xtask/floor, about 1 min)");
    let out = root.join("target/floor-dist");
    crate::tools::run(
        "trunk build (xtask/floor)",
        cmd(root, "trunk")
            .current_dir(root.join("xtask/floor"))
            .args(["build", "--release", "--offline", "--dist"])
            .arg(&out),
    )?;
    let mut floor = 0u64;
    for entry in std::fs::read_dir(&out).map_err(|e| format!("{}: {e}", out.display()))? {
        let p = entry.map_err(|e| e.to_string())?.path();
        if matches!(p.extension().and_then(|x| x.to_str()), Some("js" | "wasm")) {
            let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            floor += crate::dist::brotli_bytes(&bytes).len() as u64;
        }
    }
    println!("floor, JS glue and wasm, brotli: {}", kb(floor));
    if let Some(l) = load {
        let page = l.total - l.code;
        let left = FIRST_LOAD_BUDGET.saturating_sub(page + floor);
        println!(
            "of the {} budget: this page's HTML, CSS, boot script and JSON take {}, the floor {}; \
             that leaves {} for Insyn's own code, which is {} today",
            kb(FIRST_LOAD_BUDGET),
            kb(page),
            kb(floor),
            kb(left),
            kb(l.code.saturating_sub(floor))
        );
    }
    Ok(())
}

fn lighthouse(root: &Path, checks: &mut Vec<Check>) -> Result {
    println!("→ Lighthouse, mobile defaults, five runs per page (about 3 min)");
    let rows = node_lines(root, "lighthouse.mjs", &[LIGHTHOUSE_PAGES], "LIGHTHOUSE ")?;
    println!(
        "{:<20} {:>4} {:>5} {:>5} {:>5} {:>7} {:>7} {:>6} {:>6}",
        "page (median run)", "run", "perf", "a11y", "bp", "FCP ms", "LCP ms", "TBT ms", "CLS"
    );
    for page in LIGHTHOUSE_PAGES.split(',') {
        let mut runs: Vec<&Value> = rows.iter().filter(|r| r["page"] == page).collect();
        if runs.is_empty() {
            return Err(format!("Lighthouse printed nothing for {page}"));
        }
        runs.sort_by_key(|r| r["performance"].as_i64().unwrap_or(0));
        let m = runs[runs.len() / 2];
        let n = |k: &str| m[k].as_i64().unwrap_or(-1);
        println!(
            "{:<20} {:>4} {:>5} {:>5} {:>5} {:>7} {:>7} {:>6} {:>6}",
            page,
            n("run"),
            n("performance"),
            n("accessibility"),
            n("best_practices"),
            n("fcp_ms"),
            n("lcp_ms"),
            n("tbt_ms"),
            m["cls"].as_f64().unwrap_or(-1.0)
        );
        let all: Vec<String> = runs.iter().map(|r| r["performance"].to_string()).collect();
        check(
            checks,
            format!(
                "Lighthouse performance ≥ 95 on {page} (median of {})",
                runs.len()
            ),
            format!("{} (runs: {})", n("performance"), all.join(", ")),
            n("performance") >= 95,
        );
        let misses: Vec<String> = runs
            .iter()
            .flat_map(|r| r["not_full_marks"].as_array().cloned().unwrap_or_default())
            .map(|v| v.to_string())
            .collect();
        check(
            checks,
            format!("Lighthouse accessibility = 100 on {page}"),
            if misses.is_empty() {
                n("accessibility").to_string()
            } else {
                misses.join(" ")
            },
            runs.iter().all(|r| r["accessibility"] == 100),
        );
        check(
            checks,
            format!("Lighthouse best practices ≥ 95 on {page}"),
            n("best_practices").to_string(),
            runs.iter()
                .all(|r| r["best_practices"].as_i64().unwrap_or(0) >= 95),
        );
    }
    Ok(())
}

fn first_card(root: &Path, checks: &mut Vec<Check>) -> Result {
    println!("→ navigation to the first visible goal card: viewer vs static HTML (15 runs each)");
    let rows = node_lines(root, "first-card.mjs", &[], "FIRSTCARD ")?;
    let r = &rows[0];
    let f = |k: &str| r[k].as_f64().unwrap_or(f64::NAN);
    println!(
        "median first card: viewer {:.1} ms, static page {:.1} ms, ratio {:.2}; viewer live (interactive) at {:.1} ms",
        f("app_ms"),
        f("static_ms"),
        f("ratio"),
        f("live_ms")
    );
    check(
        checks,
        format!("first goal card, viewer ÷ static page ≤ {FIRST_CARD_RATIO_BUDGET}"),
        format!("{:.2}", f("ratio")),
        f("ratio") <= FIRST_CARD_RATIO_BUDGET,
    );
    Ok(())
}

fn charts(root: &Path) -> Result {
    println!("→ chart render times in headless Chromium (release build, about 1 min)");
    let text = stdout_of(
        cmd(root, "cargo")
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .args([
                "test",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "bench",
                "--",
                "--nocapture",
            ]),
        "the chart benchmark (cargo test --test bench)",
    )?;
    let mut rows: Vec<(String, usize, f64)> = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix("BENCH chart ") else {
            continue;
        };
        let mut parts = rest.split_whitespace();
        let name = parts.next().unwrap_or("").to_string();
        let mut marks = 0;
        let mut ms = f64::NAN;
        for p in parts {
            if let Some(v) = p.strip_prefix("marks=") {
                marks = v.parse().unwrap_or(0);
            }
            if let Some(v) = p.strip_prefix("median_ms=") {
                ms = v.parse().unwrap_or(f64::NAN);
            }
        }
        rows.push((name, marks, ms));
    }
    if rows.is_empty() {
        return Err(format!("the chart benchmark printed no figures:\n{text}"));
    }
    println!("{:<48} {:>6} {:>10}", "chart", "marks", "median ms");
    for (name, marks, ms) in &rows {
        println!("{name:<48} {marks:>6} {ms:>10.2}");
    }
    let worst = rows.iter().map(|r| r.2).fold(0.0, f64::max);
    let mut sorted: Vec<f64> = rows.iter().map(|r| r.2).collect();
    sorted.sort_by(f64::total_cmp);
    println!(
        "charts: {} rendered; median {:.2} ms, slowest {:.2} ms (aim: under 8 ms each)",
        rows.len(),
        sorted[sorted.len() / 2],
        worst
    );
    Ok(())
}
