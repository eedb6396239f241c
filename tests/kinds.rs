//! Reports with only some table kinds, with none, and with a kind the viewer
//! does not know render without gaps or a loading line; so do the
//! comparison pages when there is nothing to compare.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::rc::Rc;

use insyn::model::{parse_report, Manifest, ManifestEntry, Report, TableKind, MANIFEST_VERSION};
use insyn::ui::state::Store;
use serde_json::Value;

fn store_of(reports: Vec<Report>) -> Store {
    let entries = reports
        .iter()
        .map(|r| ManifestEntry {
            id: r.id().to_string(),
            kind: "annual_analysis".into(),
            board: r.board().clone(),
            year: r.year(),
            title: r.title().to_string(),
            file: format!("{}.json", r.id()),
        })
        .collect();
    let manifest = Manifest {
        schema_version: MANIFEST_VERSION,
        reports: entries,
    };
    Store::ready(manifest, reports)
}

async fn render(path: &str, store: &Store) -> String {
    insyn::ui::prerender::render(path, "/", Rc::new(store.clone()))
        .await
        .html
}

/// asn-2025 with only the tables `keep` allows, and the checks, records and
/// result that concern the others removed.
fn with_tables(keep: impl Fn(&Value) -> bool) -> Value {
    let mut v: Value = serde_json::from_str(&common::read("asn-2025.json")).unwrap();
    let tables: Vec<Value> = v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| keep(t))
        .cloned()
        .collect();
    let ids: Vec<String> = tables
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    let has = |id: &Value| ids.iter().any(|x| Some(x.as_str()) == id.as_str());
    v["tables"] = Value::Array(tables.clone());
    let crosses: Vec<Value> = v["cross_checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| {
            ["left", "right"]
                .iter()
                .all(|s| x[s].as_array().unwrap().iter().all(|c| has(&c["table"])))
        })
        .cloned()
        .collect();
    let cross_ids: Vec<String> = crosses
        .iter()
        .map(|x| format!("cross:{}", x["id"].as_str().unwrap()))
        .collect();
    v["cross_checks"] = Value::Array(crosses);
    let discrepancies: Vec<Value> = v["discrepancies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            let check = d["check"].as_str().unwrap();
            check.starts_with("text:")
                || cross_ids.iter().any(|c| c == check)
                || check
                    .split(':')
                    .nth(1)
                    .is_some_and(|t| ids.iter().any(|x| x == t) && !check.starts_with("cross:"))
        })
        .cloned()
        .collect();
    v["discrepancies"] = Value::Array(discrepancies);
    if !has(&v["result"]["table"]) {
        v.as_object_mut().unwrap().remove("result");
    }
    v
}

fn parse(v: &Value) -> Report {
    parse_report("x.json", &v.to_string()).unwrap_or_else(|d| panic!("{d:#?}"))
}

fn no_gaps(html: &str, what: &str) {
    assert!(!html.contains("Laddar"), "{what}: a loading line");
    assert!(!html.contains("()"), "{what}: an empty list in brackets");
    assert!(!html.contains("role=\"alert\""), "{what}: an error");
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[tokio::test]
async fn a_report_with_only_some_table_kinds_shows_those_and_no_result() {
    let grants = [Value::from("state_grants"), Value::from("other_grants")];
    let r = parse(&with_tables(|t| grants.contains(&t["kind"])));
    let store = store_of(vec![r]);
    let report = render("/asn-2025", &store).await;
    no_gaps(&report, "report page");
    assert!(
        !report.contains("Ekonomin i korthet"),
        "no result without its cell"
    );
    assert_eq!(count(&report, "class=\"goal-card\""), 14);
    let finance = render("/asn-2025/ekonomi", &store).await;
    no_gaps(&finance, "finance page");
    assert_eq!(count(&finance, "<figure aria-labelledby="), 2);
    assert!(finance.contains("(tusentals kronor, tkr)."));
}

#[tokio::test]
async fn a_report_without_tables_says_so_on_its_finance_page() {
    let r = parse(&with_tables(|_| false));
    let store = store_of(vec![r]);
    let report = render("/asn-2025", &store).await;
    no_gaps(&report, "report page");
    assert!(!report.contains("Ekonomin i korthet"));
    let finance = render("/asn-2025/ekonomi", &store).await;
    no_gaps(&finance, "finance page");
    assert!(
        finance.contains("Rapporten har inga ekonomitabeller."),
        "{finance}"
    );
    assert_eq!(count(&finance, "<figure aria-labelledby="), 0);
}

#[tokio::test]
async fn a_table_of_a_kind_the_viewer_does_not_know_gets_a_table_and_a_bar_chart() {
    let mut v = with_tables(|t| t["kind"] == "investments");
    v["tables"][0]["kind"] = "forecast_by_quarter".into();
    let r = parse(&v);
    assert_eq!(r.as_annual().unwrap().tables[0].kind, TableKind::Other);
    let id = r.as_annual().unwrap().tables[0].id.clone();
    let store = store_of(vec![r]);
    for path in [
        "/asn-2025/ekonomi".to_string(),
        format!("/asn-2025/ekonomi/{id}"),
    ] {
        let html = render(&path, &store).await;
        no_gaps(&html, &path);
        assert_eq!(count(&html, "<figure aria-labelledby="), 1, "{path}");
        assert!(count(&html, "role=\"img\"") >= 2, "{path}: bars to focus");
        assert!(html.contains("Visa som tabell"), "{path}");
        assert!(html.contains("<table"), "{path}: the table (for print)");
    }
}

#[tokio::test]
async fn comparisons_with_one_annual_analysis_say_what_is_missing() {
    let store = store_of(vec![common::report("fsn-2024")]);
    let finance = render("/jamfor/ekonomi", &store).await;
    no_gaps(&finance, "/jamfor/ekonomi");
    assert!(finance.contains("Jämförelsen behöver minst två årsanalyser från samma nämnd."));
    assert!(finance.contains("FSN 2024"));
    let goals = render("/jamfor/mal", &store).await;
    no_gaps(&goals, "/jamfor/mal");
    assert!(goals.contains("Ingen nämnd har två årsanalyser här än"));
    let empty = store_of(vec![]);
    let finance = render("/jamfor/ekonomi", &empty).await;
    no_gaps(&finance, "/jamfor/ekonomi without reports");
    assert!(finance.contains("inga årsanalyser"));
}

/// A second edition of a board that has one bundled: its id, year and one
/// goal's status changed.
fn next_edition_of(file: &str, id: &str, year: u16) -> Report {
    let mut v: Value = serde_json::from_str(&common::read(file)).unwrap();
    v["id"] = id.into();
    v["year"] = year.into();
    v["goal_areas"][0]["goals"][0]["assessment"]["status"] = "ej_uppnatt".into();
    parse(&v)
}

#[tokio::test]
async fn every_board_with_two_editions_is_compared_and_the_choice_is_in_the_address() {
    let mut reports: Vec<Report> = common::bundled().into_iter().map(|(_, r)| r).collect();
    reports.push(next_edition_of("fsn-2024.json", "fsn-2025", 2025));
    let store = store_of(
        reports
            .into_iter()
            .filter(|r| r.as_annual().is_some())
            .collect(),
    );
    let goals = render("/jamfor/mal", &store).await;
    assert!(goals.contains("Det här ändrades: ASN 2024 → 2025"));
    assert!(
        goals.contains("Det här ändrades: FSN 2024 → 2025"),
        "{goals}"
    );
    let finance = render("/jamfor/ekonomi", &store).await;
    assert!(
        finance.contains("ASN 2024 → ASN 2025."),
        "the first board by default"
    );
    assert!(finance.contains("<option value=\"FSN\""));
    let fsn = render("/jamfor/ekonomi?namnd=FSN", &store).await;
    no_gaps(&fsn, "FSN");
    assert!(fsn.contains("FSN 2024 → FSN 2025."));
    assert_eq!(
        count(&fsn, "class=\"compare-series\""),
        3,
        "FSN's three series rows"
    );
    let swapped = render(
        "/jamfor/ekonomi?namnd=ASN&fran=asn-2025&till=asn-2024",
        &store,
    )
    .await;
    assert!(swapped.contains("ASN 2025 → ASN 2024."));
    assert!(swapped.contains("<option value=\"asn-2025\" selected"));
}

/// A board with many reports: the start page lists its six newest, and the
/// rest behind "Äldre rapporter", all of them in the pre-rendered page.
#[tokio::test]
async fn a_board_with_many_reports_lists_its_newest_and_the_rest_behind_a_disclosure() {
    let reports: Vec<Report> = (0..9u16)
        .map(|i| next_edition_of("asn-2025.json", &format!("asn-{}", 2017 + i), 2017 + i))
        .collect();
    let html = render("/", &store_of(reports)).await;
    no_gaps(&html, "/");
    let older = html
        .find("<details data-key=\"older-asn-2019\" class=\"older\">")
        .expect("a disclosure, known at the takeover by its first report");
    assert!(html.contains("<summary>Äldre rapporter (3)</summary>"));
    for year in 2017..2026u16 {
        let link = format!("href=\"/asn-{year}\"");
        let at = html.find(&link).unwrap_or_else(|| panic!("{link}"));
        assert_eq!(
            at > older,
            year < 2020,
            "{year}: the three oldest behind the disclosure"
        );
    }
}
