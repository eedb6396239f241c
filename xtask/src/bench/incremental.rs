//! `cargo xtask bench --archive`: publishing one more report (issue #34).
//! The largest archive is built clean without its newest report, with a
//! cache of its own (`archive.rs`); then from that cache: with the report
//! added, again with nothing changed, with one figure changed in one
//! report, and with one term's definition changed in the glossary; each
//! time printed beside the clean build, with what the build made and read
//! from the cache. The site is left built from all of the archive, for the
//! measurements. Aims, not gates: these are wall-clock times of single
//! builds; but a changed definition changes exactly the pages that mark
//! the term and the glossary's own pages (a count: gated).

use std::path::Path;
use std::time::Instant;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::Check;
use crate::dist::digest;
use crate::tools::{cmd, Result};

/// Builds the site of `reports` into `out` from the cache; its time and
/// the build's own lines on what it made, read back, wrote, kept, removed
/// and checked.
fn timed_build(root: &Path, reports: &Path, out: &Path) -> Result<(f64, Vec<String>)> {
    timed_build_with(root, reports, None, out)
}

/// The same, with `glossary` instead of the repository's.
fn timed_build_with(
    root: &Path,
    reports: &Path,
    glossary: Option<&Path>,
    out: &Path,
) -> Result<(f64, Vec<String>)> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut build = cmd(root, &exe.to_string_lossy());
    build
        .args(["dist", "--out"])
        .arg(out)
        .arg("--reports")
        .arg(reports)
        .env("INSYN_BUILD_CACHE", cache_dir(root));
    if let Some(g) = glossary {
        build.arg("--glossary").arg(g);
    }
    let t = Instant::now();
    let text = super::stdout_of(&mut build, "the incremental build")?;
    let secs = t.elapsed().as_secs_f64();
    let lines = text
        .lines()
        .filter(|l| {
            [
                "from the cache",
                "unchanged",
                "removed",
                "checked the site",
                "check passed",
            ]
            .iter()
            .any(|w| l.contains(w))
        })
        .map(|l| l.trim().to_string())
        .collect();
    Ok((secs, lines))
}

/// One figure of one report changed: the first value of the first series
/// table (no sum or relation reads it), in a copy of the archive.
fn change_one_figure(from: &Path, to: &Path) -> Result<String> {
    copy_dir(from, to)?;
    let index: Value = read_json(&to.join("index.json"))?;
    for e in index["reports"].as_array().into_iter().flatten() {
        let file = to.join(e["file"].as_str().unwrap_or_default());
        let mut r = read_json(&file)?;
        let Some(t) = r["tables"]
            .as_array_mut()
            .and_then(|ts| ts.iter_mut().find(|t| t["kind"] == "series"))
        else {
            continue;
        };
        let table = t["id"].clone();
        let v = &mut t["rows"][0]["values"][0];
        let Some(n) = v.as_f64() else { continue };
        *v = serde_json::json!(n + 1.0);
        let text = serde_json::to_string_pretty(&r).map_err(|e| e.to_string())?;
        std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
        return Ok(format!("{} {table}", e["id"]));
    }
    Err("no report of the archive has a series table to change".into())
}

/// The pages (`…/index.html`) of the site in `dir` that mark each term
/// (a button opening `def-{id}`), by term id.
fn pages_marking(dir: &Path) -> Result<BTreeMap<String, BTreeSet<String>>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in digest::files(dir)?
        .into_keys()
        .filter(|p| p.ends_with(".html"))
    {
        let html = std::fs::read_to_string(dir.join(&path)).map_err(|e| format!("{path}: {e}"))?;
        for (at, m) in html.match_indices("popovertarget=\"def-") {
            let id = &html[at + m.len()..];
            let id = &id[..id.find('"').unwrap_or(0)];
            out.entry(id.to_string()).or_default().insert(path.clone());
        }
    }
    Ok(out)
}

/// The term most pages mark, with one more sentence in its definition (in
/// both languages), in a copy of the glossary at `to`.
fn change_one_definition(
    root: &Path,
    marked: &BTreeMap<String, BTreeSet<String>>,
    to: &Path,
) -> Result<String> {
    // The glossary's own term marked on the most pages (a report's own
    // abbreviation is marked too, but it is not the glossary's to change).
    let mut g = read_json(&root.join("assets/glossary.json"))?;
    let own: BTreeSet<String> = g["terms"]
        .as_array()
        .map(|ts| {
            ts.iter()
                .filter_map(|t| t["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let (id, _) = marked
        .iter()
        .filter(|(id, _)| own.contains(*id))
        .max_by_key(|(_, pages)| pages.len())
        .ok_or("no page of the archive marks a term of assets/glossary.json")?;
    let term = g["terms"]
        .as_array_mut()
        .and_then(|ts| ts.iter_mut().find(|t| t["id"] == id.as_str()))
        .ok_or_else(|| format!("{id}: not in assets/glossary.json"))?;
    for (lang, more) in [
        ("sv", " Ändrad för mätningen."),
        ("en", " Changed for the measurement."),
    ] {
        let d = term["definition"][lang]
            .as_str()
            .unwrap_or_default()
            .to_string();
        term["definition"][lang] = (d + more).into();
    }
    let text = serde_json::to_string_pretty(&g).map_err(|e| e.to_string())?;
    std::fs::write(to, text).map_err(|e| format!("{}: {e}", to.display()))?;
    Ok(id.clone())
}

/// The glossary with one definition changed: its time, and the check that
/// the pages whose bytes changed are the pages that mark the term and the
/// glossary's own pages, no more and no fewer. Leaves the site built with
/// the repository's glossary again.
fn glossary_changed(
    root: &Path,
    n: usize,
    reports: &Path,
    out: &Path,
    clean_secs: f64,
) -> Result<Vec<Check>> {
    let before = digest::files(out)?;
    let marked = pages_marking(out)?;
    let file = root.join("target/bench-archive/glossary-changed.json");
    let id = change_one_definition(root, &marked, &file)?;
    let built = timed_build_with(root, reports, Some(&file), out);
    let after = digest::files(out);
    // The site is built with the repository's glossary again, whatever came
    // of the build with the changed one.
    timed_build(root, reports, out)?;
    let (secs, made) = built?;
    let after = after?;
    let changed: BTreeSet<String> = after
        .iter()
        .filter(|(p, d)| p.ends_with(".html") && before.get(*p) != Some(*d))
        .map(|(p, _)| p.clone())
        .collect();
    let mut expected = marked.get(&id).cloned().unwrap_or_default();
    expected.extend(
        after
            .keys()
            .filter(|p| p.ends_with("begrepp/index.html"))
            .cloned(),
    );
    println!("  one definition changed ({id}): {secs:.0} s (clean {clean_secs:.0} s)");
    for l in &made {
        println!("    {l}");
    }
    let extra: Vec<&String> = changed.difference(&expected).take(5).collect();
    let missing: Vec<&String> = expected.difference(&changed).take(5).collect();
    println!(
        "    pages changed: {}; pages marking the term, and the glossary's: {}",
        changed.len(),
        expected.len()
    );
    Ok(vec![
        Check::aim(
            format!("build of {n} reports, one definition changed (≤ 60 s)"),
            format!("{secs:.0} s, clean {clean_secs:.0} s"),
            secs <= 60.0,
        ),
        Check::gate(
            format!("build of {n} reports, one definition changed: the pages that mark the term and the glossary's, no more"),
            format!("{} changed, {} expected; other: {extra:?}; not changed: {missing:?}", changed.len(), expected.len()),
            changed == expected,
        ),
    ])
}

fn read_json(p: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for e in std::fs::read_dir(from)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        std::fs::copy(e.path(), to.join(e.file_name())).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The cache of the largest archive's builds.
pub fn cache_dir(root: &Path) -> std::path::PathBuf {
    root.join("target/bench-archive/cache")
}

/// The incremental builds of the archive of `n` reports in `reports`, into
/// its site, whose clean build (without the newest report) took `clean_secs`.
pub fn checks(root: &Path, n: usize, reports: &Path, clean_secs: f64) -> Result<Vec<Check>> {
    let work = root.join("target/bench-archive");
    let out = work.join(format!("site-{n}"));
    println!(
        "→ incremental builds of the site of {n} reports (clean, of {}: {clean_secs:.0} s)",
        n - 1
    );
    let mut rows = Vec::new();
    let (added, made) = timed_build(root, reports, &out)?;
    rows.push(("one report added", added, made, 60.0));
    let (same, made) = timed_build(root, reports, &out)?;
    rows.push(("nothing changed", same, made, 20.0));
    let changed = work.join(format!("reports-{n}-changed"));
    let which = change_one_figure(reports, &changed)?;
    let (figure, made) = timed_build(root, &changed, &out)?;
    rows.push(("one figure changed", figure, made, 60.0));
    // The site of the whole archive again, for the measurements.
    timed_build(root, reports, &out)?;
    let mut checks = Vec::new();
    for (what, secs, made, aim) in rows {
        println!("  {what}: {secs:.0} s (clean {clean_secs:.0} s)");
        for l in &made {
            println!("    {l}");
        }
        checks.push(Check::aim(
            format!("build of {n} reports, {what} (≤ {aim:.0} s)"),
            format!("{secs:.0} s, clean {clean_secs:.0} s"),
            secs <= aim,
        ));
    }
    println!("  (the figure changed: {which})");
    checks.extend(glossary_changed(root, n, reports, &out, clean_secs)?);
    Ok(checks)
}
