//! The data files the viewer reads, from the report files: those files
//! themselves (parsed and validated, or replaced by another archive's),
//! the catalogue under a content hash, each annual analysis's page file,
//! each goal's and each board's file over the years, and the glossary with
//! the reports' own abbreviations and where each term is used.

use std::collections::BTreeMap;
use std::path::Path;

use insyn::model::glossary::Glossary;
use insyn::model::migrate;
use insyn::model::{parse_glossary, parse_manifest, Manifest, Report};

use super::names::hashed;
use crate::tools::Result;

/// Replaces the bundled report files Trunk copied with those of `dir`.
pub fn replace_reports(dir: &Path, dist: &Path) -> Result {
    let target = dist.join("reports");
    std::fs::remove_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    std::fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "json") {
            std::fs::copy(&p, target.join(e.file_name()))
                .map_err(|e| format!("{}: {e}", p.display()))?;
        }
    }
    Ok(())
}

/// Writes `reports/catalogue-<hash>.json`, `reports/goals/{id}.json` and
/// `reports/boards/{key}.json`;
/// returns the catalogue's name (below `reports/`) and, by report id, what
/// the pages of that report name in `<meta name="insyn-report">`.
pub fn write_catalogue(
    dist: &Path,
    manifest: &Manifest,
    reports: &[Report],
) -> Result<(String, BTreeMap<String, String>)> {
    use insyn::model::catalogue;
    let mut cat = catalogue::catalogue(&manifest.reports, reports);
    // Each report file's fingerprint as checked here: the viewer decodes a
    // file that still has it without validating it again.
    for r in &mut cat.reports {
        let path = dist.join("reports").join(&r.file);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        r.digest = Some(catalogue::digest(&bytes));
    }
    let text = to_json(&cat)?;
    let name = hashed(catalogue::CATALOGUE_STEM, text.as_bytes(), ".json");
    let dir = dist.join("reports");
    std::fs::write(dir.join(&name), &text).map_err(|e| format!("{name}: {e}"))?;
    let goals = dir.join("goals");
    std::fs::create_dir_all(&goals).map_err(|e| format!("{}: {e}", goals.display()))?;
    for (id, h) in catalogue::goal_histories(reports) {
        let file = dist.join(catalogue::goal_file(&id));
        std::fs::write(&file, to_json(&h)?).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    write_board_files(dist, reports)?;
    println!("  wrote reports/{name} ({} KB)", text.len() / 1024);
    let pages = cat
        .reports
        .iter()
        .map(|r| (r.id.clone(), catalogue::PageReport::from(r).to_meta()))
        .collect();
    Ok((name, pages))
}

/// Writes each board's file, `reports/boards/{key}.json`: its reports over
/// the years, what its page shows (issue #33).
fn write_board_files(dist: &Path, reports: &[Report]) -> Result {
    use insyn::model::history;
    let boards = dist.join("reports/boards");
    std::fs::create_dir_all(&boards).map_err(|e| format!("{}: {e}", boards.display()))?;
    for (key, h) in history::board_histories(reports) {
        let file = dist.join(history::board_file(&key));
        std::fs::write(&file, to_json(&h)?).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(())
}

/// Writes each annual analysis's page file, `reports/page/{file}`: what the
/// report's own page shows of it (`catalogue::report_page`, issue #16).
/// Returns, by report id, what that page names in `<meta name="insyn-report">`.
pub fn write_report_pages(
    dist: &Path,
    manifest: &Manifest,
    reports: &[Report],
) -> Result<BTreeMap<String, String>> {
    use insyn::model::catalogue::{self, PageReport};
    let dir = dist.join("reports").join(catalogue::page_file(""));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut out = BTreeMap::new();
    for r in reports {
        let (Some(page), Some(e)) = (
            catalogue::report_page(r),
            manifest.reports.iter().find(|e| e.id == r.id()),
        ) else {
            continue;
        };
        let text = to_json(&page)?;
        let file = catalogue::page_file(&e.file);
        let path = dist.join("reports").join(&file);
        std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        let meta = PageReport {
            id: e.id.clone(),
            digest: Some(catalogue::digest(text.as_bytes())),
            file,
        };
        out.insert(e.id.clone(), meta.to_meta());
    }
    Ok(out)
}

fn to_json(v: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(v).map_err(|e| e.to_string())
}

/// The migrated texts, by file name, of the files of `dir` written for an
/// older schema version.
pub type Migrated = BTreeMap<String, String>;

/// The manifest and reports of `dir`, parsed and validated, each file and
/// the set as a whole (links and restated figures): an invalid file fails
/// the build, naming the file and the JSON path. A file written for an
/// older schema version is migrated (issue #34): the build says so, and
/// the migrated text, returned by file name, is what the site serves.
pub fn read_reports(dir: &Path) -> Result<(Manifest, Vec<Report>, Migrated)> {
    let src = std::fs::read_to_string(dir.join("index.json"))
        .map_err(|e| format!("{}/index.json: {e}", dir.display()))?;
    let manifest = parse_manifest("reports/index.json", &src).map_err(|d| {
        format!(
            "reports/index.json is invalid: {}",
            d.first().map(ToString::to_string).unwrap_or_default()
        )
    })?;
    let rules = migrate::Rules::bundled()?;
    let mut reports = Vec::new();
    let mut migrated = Migrated::new();
    for e in &manifest.reports {
        let src = std::fs::read_to_string(dir.join(&e.file))
            .map_err(|err| format!("{}: {err}", e.file))?;
        let (report, m) = migrate::parse_report(&e.file, &src, &rules).map_err(|d| {
            format!(
                "{} is invalid: {}",
                e.file,
                d.first().map(ToString::to_string).unwrap_or_default()
            )
        })?;
        if let Some(m) = m {
            println!(
                "  {} is written for schema_version {}: read by migrating it, {} value(s) filled in (cargo xtask migrate writes them into the file)",
                e.file,
                m.from,
                m.notes.len()
            );
            migrated.insert(e.file.clone(), m.text);
        }
        reports.push((e.file.clone(), report));
    }
    if let Some(d) = insyn::model::validate::check_collection(&reports).first() {
        return Err(format!("the reports do not fit together: {d}"));
    }
    let reports = reports.into_iter().map(|(_, r)| r).collect();
    Ok((manifest, reports, migrated))
}

/// Writes the migrated files' texts over the copies in `dist/reports`, so
/// the viewer reads the current version.
pub fn write_migrated(dist: &Path, migrated: &Migrated) -> Result {
    for (file, text) in migrated {
        let path = dist.join("reports").join(file);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The glossary as the site serves it: `file` (`assets/glossary.json`) with the
/// reports' own abbreviations added and, for each term, the pages it is
/// on, so the glossary page links them without fetching every report; and
/// beside it what the other pages need of it (`glossary-terms.json`,
/// `glossary::for_marking`: terms and definitions only).
pub fn write_glossary(file: &Path, dist: &Path, reports: &[Report]) -> Result<Glossary> {
    let src = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let glossary = parse_glossary("glossary.json", &src).map_err(|d| {
        format!(
            "{} is invalid: {}",
            file.display(),
            d.first().map(ToString::to_string).unwrap_or_default()
        )
    })?;
    let built = insyn::model::glossary::with_occurrences(&glossary, reports);
    let text = serde_json::to_string(&built).map_err(|e| format!("glossary.json: {e}"))?;
    std::fs::write(dist.join("glossary.json"), text).map_err(|e| format!("glossary.json: {e}"))?;
    let terms = insyn::model::glossary::for_marking(&built);
    let text = serde_json::to_string(&terms).map_err(|e| format!("glossary-terms.json: {e}"))?;
    std::fs::write(dist.join("glossary-terms.json"), text)
        .map_err(|e| format!("glossary-terms.json: {e}"))?;
    Ok(built)
}
