//! The data files the viewer reads, from the report files: those files
//! themselves (parsed and validated, or replaced by another archive's),
//! the catalogue under a content hash, each annual analysis's page file,
//! each goal's and each board's file over the years, and the glossary with
//! the reports' own abbreviations and where each term is used.

use std::collections::BTreeMap;
use std::path::Path;

use insyn::model::format::Lang;
use insyn::model::glossary::Glossary;
use insyn::model::migrate;
use insyn::model::{parse_glossary, parse_manifest, Manifest, Report};

use super::names::hashed;
use super::out::Out;
use crate::tools::Result;

/// The report files of `dir` in the site, in place of the bundled ones
/// (those read by migrating them aside: the site serves them migrated).
pub fn replace_reports(dir: &Path, out: &Out, migrated: &Migrated) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if p.extension().is_some_and(|x| x == "json") && !migrated.contains_key(&name) {
            out.copy(&format!("reports/{}", e.file_name().to_string_lossy()), &p)?;
        }
    }
    Ok(())
}

/// Writes `reports/catalogue-<hash>.json`, `reports/goals/{id}.json` and
/// `reports/boards/{key}.json`;
/// returns the catalogue's name (below `reports/`) and, by report id, what
/// the pages of that report name in `<meta name="insyn-report">`.
pub fn write_catalogue(
    out: &Out,
    manifest: &Manifest,
    reports: &[Report],
) -> Result<(String, BTreeMap<String, String>)> {
    use insyn::model::catalogue;
    let mut cat = catalogue::catalogue(&manifest.reports, reports);
    // Each report file's fingerprint as checked here: the viewer decodes a
    // file that still has it without validating it again.
    for r in &mut cat.reports {
        let path = out.dir().join("reports").join(&r.file);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        r.digest = Some(catalogue::digest(&bytes));
    }
    let text = to_json(&cat)?;
    let name = hashed(catalogue::CATALOGUE_STEM, text.as_bytes(), ".json");
    out.write(&format!("reports/{name}"), text.as_bytes())?;
    for (id, h) in catalogue::goal_histories(reports) {
        out.write(&catalogue::goal_file(&id), to_json(&h)?.as_bytes())?;
    }
    write_board_files(out, reports)?;
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
fn write_board_files(out: &Out, reports: &[Report]) -> Result {
    use insyn::model::history;
    for (key, h) in history::board_histories(reports) {
        out.write(&history::board_file(&key), to_json(&h)?.as_bytes())?;
    }
    Ok(())
}

/// Writes each annual analysis's page file, `reports/page/{file}`: what the
/// report's own page shows of it (`catalogue::report_page`, issue #16).
/// Returns, by report id, what that page names in `<meta name="insyn-report">`.
pub fn write_report_pages(
    out: &Out,
    manifest: &Manifest,
    reports: &[Report],
) -> Result<BTreeMap<String, String>> {
    use insyn::model::catalogue::{self, PageReport};
    let mut metas = BTreeMap::new();
    for r in reports {
        let (Some(page), Some(e)) = (
            catalogue::report_page(r),
            manifest.reports.iter().find(|e| e.id == r.id()),
        ) else {
            continue;
        };
        let text = to_json(&page)?;
        let file = catalogue::page_file(&e.file);
        out.write(&format!("reports/{file}"), text.as_bytes())?;
        let meta = PageReport {
            id: e.id.clone(),
            digest: Some(catalogue::digest(text.as_bytes())),
            file,
        };
        metas.insert(e.id.clone(), meta.to_meta());
    }
    Ok(metas)
}

/// The glossary with where each term is used (`glossary::with_occurrences`),
/// each annual analysis's occurrences found on every core, and kept in
/// the output's record under the digest of the report, the glossary and
/// this program (`Out::memo`): a build finds them again only in the
/// reports that changed.
fn with_occurrences(g: &Glossary, src: &[u8], reports: &[Report], out: &Out) -> Result<Glossary> {
    use insyn::model::glossary::{occurrences_in, with_occurrences_from};
    use insyn::model::report::Occurrence;
    let program = super::out::program()?;
    let glossary = super::out::sha(src);
    let annuals: Vec<(&Report, &insyn::model::AnnualAnalysis)> = (reports.iter())
        .filter_map(|r| Some((r, r.as_annual()?)))
        .collect();
    let found = super::parallel::map(&annuals, |(r, a)| {
        let report = super::out::sha(to_json(a)?.as_bytes());
        let key = super::out::sha_of(&[&program, &glossary, &report]);
        let bytes = out.memo("occurrences", &key, || {
            serde_json::to_vec(&occurrences_in(g, r, a)).map_err(|e| e.to_string())
        })?;
        serde_json::from_slice::<Vec<(String, Occurrence)>>(&bytes).map_err(|e| e.to_string())
    })?;
    let by_id: std::collections::HashMap<&str, Vec<(String, Occurrence)>> =
        (annuals.iter().map(|(r, _)| r.id()).zip(found)).collect();
    Ok(with_occurrences_from(g, reports, |r, _| {
        by_id.get(r.id()).cloned().unwrap_or_default()
    }))
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
    let t = std::time::Instant::now();
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
    let reports: Vec<Report> = reports.into_iter().map(|(_, r)| r).collect();
    println!(
        "  read and checked {} report files in {:.1} s",
        reports.len(),
        t.elapsed().as_secs_f64()
    );
    Ok((manifest, reports, migrated))
}

/// Writes the migrated files' texts in `reports/`, so the viewer reads the
/// current version.
pub fn write_migrated(out: &Out, migrated: &Migrated) -> Result {
    for (file, text) in migrated {
        out.write(&format!("reports/{file}"), text.as_bytes())?;
    }
    Ok(())
}

/// The glossary as the site serves it: `file` (`assets/glossary.json`) with the
/// reports' own abbreviations added and, for each term, the pages it is
/// on, so the glossary page links them without fetching every report; and
/// beside it what the other pages need of it, in each language
/// (`glossary-terms-sv.json` and `-en.json`, `glossary::for_marking` and
/// `glossary::in_language`: terms and definitions only).
pub fn write_glossary(file: &Path, out: &Out, reports: &[Report]) -> Result<Glossary> {
    let src = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let glossary = parse_glossary("glossary.json", &src).map_err(|d| {
        format!(
            "{} is invalid: {}",
            file.display(),
            d.first().map(ToString::to_string).unwrap_or_default()
        )
    })?;
    let built = with_occurrences(&glossary, src.as_bytes(), reports, out)?;
    let text = serde_json::to_string(&built).map_err(|e| format!("glossary.json: {e}"))?;
    out.write("glossary.json", text.as_bytes())?;
    let terms = insyn::model::glossary::for_marking(&built);
    for lang in [Lang::Sv, Lang::En] {
        let file = insyn::ui::state::terms_file(lang);
        let terms = insyn::model::glossary::in_language(&terms, lang);
        let text = serde_json::to_string(&terms).map_err(|e| format!("{file}: {e}"))?;
        out.write(&file, text.as_bytes())?;
    }
    Ok(built)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The glossary the site serves is `glossary::with_occurrences` of the
    /// reports, whether each report's occurrences are found again or kept
    /// from the last build; a changed report's are found again.
    #[test]
    fn occurrences_kept_by_report_give_the_glossary_of_all_the_reports() {
        let root = crate::root();
        let dir = std::env::temp_dir().join(format!("insyn-occurrences-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        crate::corpus::run(&root, 31, &dir.join("reports")).unwrap();
        let (_, mut reports, _) = read_reports(&dir.join("reports")).unwrap();
        let file = root.join("assets/glossary.json");
        let src = std::fs::read_to_string(&file).unwrap();
        let g = parse_glossary("glossary.json", &src).unwrap();
        let records = dir.join("records");
        let site = dir.join("site");
        let built = |reports: &[Report]| {
            let out = Out::open(&site, Some(&records), false);
            let got = write_glossary(&file, &out, reports).unwrap();
            out.save();
            got
        };
        let expected = insyn::model::glossary::with_occurrences(&g, &reports);
        assert!(expected.terms.iter().any(|t| !t.pages.is_empty()));
        assert_eq!(built(&reports), expected, "found");
        assert_eq!(built(&reports), expected, "kept");
        // A report's text changed to name a term: its page is listed.
        let term = g.terms.iter().find(|t| t.board.is_none()).unwrap();
        let Some(Report::Annual(a)) = reports.iter_mut().find(|r| r.as_annual().is_some()) else {
            panic!("no annual analysis")
        };
        a.summary.sv = format!("{} {}", a.summary.sv, term.forms[0]);
        let changed = insyn::model::glossary::with_occurrences(&g, &reports);
        assert_ne!(changed, expected);
        assert_eq!(built(&reports), changed, "found again");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
