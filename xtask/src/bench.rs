//! `cargo xtask bench`: figures for speed and size.
//!
//! - Each chart's render time in headless Chromium (build + SVG + insert +
//!   layout; median of 25 renders), from `tests/bench.rs` in a release build.
//! - The first-load transfer of `/asn-2025`, brotli-compressed, per file.
//!
//! Times are printed, never asserted (the machine's speed is not a test).

use std::path::Path;
use std::process::Stdio;

use crate::tools::{cmd, Result};

pub fn run(root: &Path) -> Result {
    charts(root)?;
    Ok(())
}

fn charts(root: &Path) -> Result {
    println!("→ chart render times in headless Chromium (release build, about 1 min)");
    let out = cmd(root, "cargo")
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
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cargo test --test bench: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!("the chart benchmark failed:\n{text}"));
    }
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
