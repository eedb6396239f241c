//! `cargo xtask corpus --reports N --out DIR`: a synthetic archive for tests
//! and benchmarks. N valid report files and their manifest, made from the
//! bundled reports as templates: 15 boards, years going back from 2025,
//! annual analyses and statements, every goal status, the tables' values
//! scaled per report, and words that vary between reports for search. Every
//! file says it is synthetic (title, publisher and summary); none is ever
//! bundled.

use std::path::Path;

use serde_json::{json, Value};

use crate::tools::Result;

/// The synthetic boards: (name, short).
const BOARDS: [(&str, &str); 15] = [
    ("Syntetiska kulturnämnden", "SKN"),
    ("Syntetiska tekniska nämnden", "STN"),
    ("Syntetiska miljönämnden", "SMN"),
    ("Syntetiska förskolenämnden", "SFN"),
    ("Syntetiska grundskolenämnden", "SGN"),
    ("Syntetiska gymnasienämnden", "SGY"),
    ("Syntetiska fritidsnämnden", "SFR"),
    ("Syntetiska hälsonämnden", "SHN"),
    ("Syntetiska byggnadsnämnden", "SBN"),
    ("Syntetiska servicenämnden", "SSN"),
    ("Syntetiska stadsbyggnadsnämnden", "SSB"),
    ("Syntetiska arbetsnämnden", "SAN"),
    ("Syntetiska omsorgsnämnden", "SON"),
    ("Syntetiska valnämnden", "SVN"),
    ("Syntetiska revisionsnämnden", "SRN"),
];

/// Words that vary between reports, each in several Swedish forms (a search
/// for one form should find the others) with its English word.
pub const TOPICS: [(&[&str], &str); 8] = [
    (
        &["cykelbana", "cykelbanan", "cykelbanor", "cykelbanorna"],
        "cycle lanes",
    ),
    (
        &["simhall", "simhallen", "simhallar", "simhallarna"],
        "swimming baths",
    ),
    (
        &["bibliotek", "biblioteket", "biblioteken", "bibliotekets"],
        "libraries",
    ),
    (
        &["lekplats", "lekplatsen", "lekplatser", "lekplatserna"],
        "playgrounds",
    ),
    (
        &["skolgård", "skolgården", "skolgårdar", "skolgårdarna"],
        "schoolyards",
    ),
    (
        &["gatlykta", "gatlyktan", "gatlyktor", "gatlyktorna"],
        "street lamps",
    ),
    (&["park", "parken", "parker", "parkerna"], "parks"),
    (
        &[
            "busshållplats",
            "busshållplatsen",
            "busshållplatser",
            "busshållplatserna",
        ],
        "bus stops",
    ),
];

const STATUSES: [(&str, &str); 3] = [
    ("uppnatt", "Uppnåtts"),
    ("delvis_uppnatt", "Delvis uppnåtts"),
    ("ej_uppnatt", "Ej uppnåtts"),
];

pub fn run(root: &Path, n: usize, out: &Path) -> Result {
    let dir = root.join("assets/reports");
    let read = |f: &str| -> Result<Value> {
        let text = std::fs::read_to_string(dir.join(f)).map_err(|e| format!("{f}: {e}"))?;
        serde_json::from_str(&text).map_err(|e| format!("{f}: {e}"))
    };
    let manifest = read("index.json")?;
    let mut annual = Vec::new();
    let mut statements = Vec::new();
    for e in manifest["reports"]
        .as_array()
        .ok_or("index.json: no reports")?
    {
        let file = e["file"].as_str().unwrap_or_default();
        match e["kind"].as_str() {
            Some("annual_analysis") => annual.push(read(file)?),
            _ => statements.push(read(file)?),
        }
    }
    if annual.is_empty() || statements.is_empty() {
        return Err("the bundled reports have no annual analysis or no statement to copy".into());
    }
    let mut reports = generate(n, &annual, &statements);
    let older = written_for_version_1(&mut reports);
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut entries = Vec::new();
    for r in &reports {
        let id = r["id"].as_str().unwrap_or_default();
        let file = format!("{id}.json");
        let text = serde_json::to_string_pretty(r).map_err(|e| e.to_string())?;
        std::fs::write(out.join(&file), text).map_err(|e| format!("{file}: {e}"))?;
        entries.push(json!({
            "id": id, "kind": r["kind"], "board": r["board"], "year": r["year"],
            "title": r["title"], "file": file,
        }));
    }
    let index = json!({ "schema_version": manifest["schema_version"], "reports": entries });
    let text = serde_json::to_string_pretty(&index).map_err(|e| e.to_string())?;
    std::fs::write(out.join("index.json"), text).map_err(|e| format!("index.json: {e}"))?;
    println!(
        "wrote {} synthetic reports ({older} of them written for schema_version 1) and index.json to {}",
        reports.len(),
        out.display()
    );
    Ok(())
}

/// The archive of `dir` without its last report, written to `out`: what a
/// publisher had built before adding that one.
pub fn without_last(dir: &Path, out: &Path) -> Result {
    without(dir, out, |entries| entries.len().checked_sub(1))
}

/// The archive of `dir` without its newest report (`newest`): what a
/// publisher had built before the latest publication.
pub fn without_newest(dir: &Path, out: &Path) -> Result {
    without(dir, out, newest)
}

/// The archive of `dir` without the report `which` picks, written to `out`.
fn without(dir: &Path, out: &Path, which: fn(&[Value]) -> Option<usize>) -> Result {
    let text = std::fs::read_to_string(dir.join("index.json")).map_err(|e| e.to_string())?;
    let mut index: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let entries = index["reports"]
        .as_array_mut()
        .ok_or("index.json: no reports")?;
    let held = which(entries).ok_or("index.json: no reports")?;
    let last = entries.remove(held);
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for e in entries.iter() {
        let file = e["file"].as_str().unwrap_or_default();
        std::fs::copy(dir.join(file), out.join(file)).map_err(|e| format!("{file}: {e}"))?;
    }
    let text = serde_json::to_string_pretty(&index).map_err(|e| e.to_string())?;
    std::fs::write(out.join("index.json"), text).map_err(|e| format!("index.json: {e}"))?;
    println!(
        "the archive of {} without {}, in {}",
        dir.display(),
        last["id"],
        out.display()
    );
    Ok(())
}

/// The place of the newest of `entries`: the latest year's last entry, as
/// a city publishes (in the synthetic archive, a board's statement on its
/// annual analysis of the year; the analysis itself cannot be left out
/// without the statements that answer it).
fn newest(entries: &[Value]) -> Option<usize> {
    let year = |e: &Value| e["year"].as_u64().unwrap_or(0);
    let latest = entries.iter().map(year).max()?;
    entries.iter().rposition(|e| year(e) == latest)
}

/// An archive holds files written for older schema versions: every fifth
/// annual analysis is written as for version 1 (no English titles, no
/// plotted columns), which the build reads by migrating it (issue #34).
/// Returns how many.
pub fn written_for_version_1(reports: &mut [Value]) -> usize {
    let mut n = 0;
    for r in reports
        .iter_mut()
        .filter(|r| r["kind"] == "annual_analysis")
        .skip(3)
        .step_by(5)
    {
        r["schema_version"] = json!(1);
        for area in r["goal_areas"].as_array_mut().into_iter().flatten() {
            strip(area, "title_en");
            for goal in area["goals"].as_array_mut().into_iter().flatten() {
                strip(goal, "title_en");
            }
        }
        for table in r["tables"].as_array_mut().into_iter().flatten() {
            strip(table, "plot");
        }
        n += 1;
    }
    n
}

fn strip(v: &mut Value, key: &str) {
    if let Some(o) = v.as_object_mut() {
        o.remove(key);
    }
}

/// The `n` synthetic reports, in manifest order. Per board, two annual
/// analyses to each statement, years counting back from 2025.
pub fn generate(n: usize, annual: &[Value], statements: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(n);
    // (latest annual id of the board, its goal ids), for statements' links.
    let mut latest: Vec<Option<(String, Vec<String>)>> = vec![None; BOARDS.len()];
    for i in 0..n {
        let b = i % BOARDS.len();
        let round = i / BOARDS.len();
        let (name, short) = BOARDS[b];
        let board = json!({ "name": name, "short": short });
        let topic = TOPICS[(i * 7 + round) % TOPICS.len()];
        let form = topic.0[i % topic.0.len()];
        let r = if round % 3 == 2 {
            let year = 2025 - (round / 3) as u16;
            let id = format!("{}-yttrande-{}-{}", short.to_lowercase(), year, round);
            let mut s = statements[i % statements.len()].clone();
            statement(&mut s, &id, board, year, form, topic.1, latest[b].as_ref());
            s
        } else {
            let year = 2025 - (round - round / 3) as u16;
            let id = format!("{}-{}", short.to_lowercase(), year);
            let mut a = annual[i % annual.len()].clone();
            annual_analysis(&mut a, &id, board, year, i, form, topic.1);
            if latest[b].is_none() {
                latest[b] = Some((id.clone(), goal_ids(&a)));
            }
            a
        };
        out.push(r);
    }
    out
}

fn goal_ids(a: &Value) -> Vec<String> {
    a["goal_areas"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|area| area["goals"].as_array().into_iter().flatten())
        .filter_map(|g| g["id"].as_str().map(String::from))
        .collect()
}

/// What marks a file as synthetic, in its source and summary.
fn mark(r: &mut Value, kind_sv: &str, form: &str, topic_en: &str) {
    r["source"]["publisher"] = json!("Insyn, syntetiska testdata (inte Malmö stad)");
    r["source"]["title"] = json!(format!("Syntetisk {kind_sv}"));
    r["summary"] = json!({
        "sv": format!("Syntetisk {kind_sv} för test av Insyn, inte en verklig rapport. Den nämner {form}."),
        "en": format!("A synthetic {} for testing Insyn, not a real report. It mentions {topic_en}.",
            if kind_sv == "årsanalys" { "annual analysis" } else { "statement" }),
    });
}

fn annual_analysis(
    a: &mut Value,
    id: &str,
    board: Value,
    year: u16,
    i: usize,
    form: &str,
    topic_en: &str,
) {
    a["id"] = json!(id);
    a["board"] = board;
    a["year"] = json!(year);
    a["title"] = json!(format!("Årsanalys {year} (syntetisk)"));
    mark(a, "årsanalys", form, topic_en);
    // Restatements name other real reports.
    a["restatements"] = json!([]);
    let mut g = 0;
    for area in a["goal_areas"].as_array_mut().into_iter().flatten() {
        for goal in area["goals"].as_array_mut().into_iter().flatten() {
            let (status, badge) = STATUSES[(i + g) % STATUSES.len()];
            goal["assessment"]["status"] = json!(status);
            goal["assessment"]["badge"] = json!(badge);
            goal["assessment"]["wording"] =
                json!(format!("Syntetisk bedömning: {}.", badge.to_lowercase()));
            g += 1;
        }
    }
    // Values change by a whole factor, so sums and relations still hold; the
    // tables that a check or a recorded discrepancy names keep theirs.
    let checked = format!("{}{}", a["cross_checks"], a["discrepancies"]);
    let factor = (1 + i % 3) as f64;
    for t in a["tables"].as_array_mut().into_iter().flatten() {
        let tid = t["id"].as_str().unwrap_or_default().to_string();
        if checked.contains(&format!("\"{tid}\"")) || checked.contains(&format!(":{tid}")) {
            continue;
        }
        for row in t["rows"].as_array_mut().into_iter().flatten() {
            for v in row["values"].as_array_mut().into_iter().flatten() {
                if let Some(x) = v.as_f64() {
                    *v = json!(x * factor);
                }
            }
        }
    }
}

fn statement(
    s: &mut Value,
    id: &str,
    board: Value,
    year: u16,
    form: &str,
    topic_en: &str,
    latest: Option<&(String, Vec<String>)>,
) {
    s["id"] = json!(id);
    s["board"] = board;
    s["year"] = json!(year);
    s["title"] = json!(format!("Yttrande {year} (syntetiskt)"));
    mark(s, "yttrande", form, topic_en);
    // Links to goals point at the board's own latest analysis, where it has the goal.
    for item in s["items"].as_array_mut().into_iter().flatten() {
        if let Some(links) = item["related_goals"].as_array_mut() {
            links.retain_mut(|l| match latest {
                Some((report, goals)) if goals.iter().any(|g| l["goal"] == json!(g)) => {
                    l["report"] = json!(report);
                    true
                }
                _ => false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> (Vec<Value>, Vec<Value>) {
        let root = crate::root();
        let dir = root.join("assets/reports");
        let read = |f: &str| -> Value {
            serde_json::from_str(&std::fs::read_to_string(dir.join(f)).unwrap()).unwrap()
        };
        let m = read("index.json");
        let (mut a, mut s) = (Vec::new(), Vec::new());
        for e in m["reports"].as_array().unwrap() {
            let r = read(e["file"].as_str().unwrap());
            if e["kind"] == "annual_analysis" {
                a.push(r)
            } else {
                s.push(r)
            }
        }
        (a, s)
    }

    #[test]
    fn the_report_held_back_is_the_latest_years_last() {
        let e = |year: u64| json!({ "year": year });
        assert_eq!(newest(&[e(2024), e(2025), e(2025), e(2003)]), Some(2));
        assert_eq!(newest(&[]), None);
    }

    #[test]
    fn a_synthetic_archive_is_valid_varied_and_marked_synthetic() {
        let (a, s) = bundled();
        let mut reports = generate(60, &a, &s);
        let current = reports.clone();
        assert_eq!(written_for_version_1(&mut reports), 9);
        let rules = insyn::model::migrate::Rules::bundled().unwrap();
        let mut parsed = Vec::new();
        for (r, as_generated) in reports.iter().zip(&current) {
            let id = r["id"].as_str().unwrap().to_string();
            let text = serde_json::to_string_pretty(r).unwrap();
            let (report, _) = insyn::model::migrate::parse_report(&id, &text, &rules)
                .unwrap_or_else(|d| panic!("{id}: {}", d[0]));
            // A file written as for version 1 reads as the report it was made from.
            let generated = serde_json::to_string(as_generated).unwrap();
            assert_eq!(
                report,
                insyn::model::parse_report(&id, &generated).unwrap(),
                "{id}"
            );
            assert!(
                text.contains("syntetisk") || text.contains("Syntetisk"),
                "{id} says it is synthetic"
            );
            parsed.push((format!("{id}.json"), report));
        }
        let problems = insyn::model::validate::check_collection(&parsed);
        assert!(problems.is_empty(), "{}", problems[0]);
        let ids: std::collections::BTreeSet<_> =
            reports.iter().map(|r| r["id"].to_string()).collect();
        assert_eq!(ids.len(), 60, "unique ids");
        let boards: std::collections::BTreeSet<_> = reports
            .iter()
            .map(|r| r["board"]["short"].to_string())
            .collect();
        assert_eq!(boards.len(), 15);
        let statements = reports.iter().filter(|r| r["kind"] == "statement").count();
        assert!(
            statements > 10 && statements < 30,
            "{statements} statements"
        );
        let text = serde_json::to_string(&reports).unwrap();
        for (status, _) in STATUSES {
            assert!(
                text.contains(&format!("\"status\":\"{status}\"")),
                "{status}"
            );
        }
        for (forms, _) in TOPICS {
            assert!(
                forms
                    .iter()
                    .filter(|f| text.contains(&format!(" {f}.")))
                    .count()
                    >= 2,
                "{forms:?}"
            );
        }
    }
}
