//! The catalogue and goals' files the build writes from the bundled reports:
//! what the start page, the goal pages and the name search read instead of
//! every report file.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use insyn::model::catalogue::{catalogue, goal_histories, parse_built, Catalogue};
use insyn::model::Report;

fn reports() -> Vec<Report> {
    common::bundled().into_iter().map(|(_, r)| r).collect()
}

#[test]
fn the_catalogue_holds_each_reports_status_counts_and_its_goals() {
    let reports = reports();
    let c = catalogue(&common::manifest().reports, &reports);
    assert_eq!(c.reports.len(), reports.len());
    for (entry, r) in c.reports.iter().zip(&reports) {
        assert_eq!(entry.id, r.id());
        if let Some(a) = r.as_annual() {
            assert_eq!(entry.status_counts(), a.status_counts(), "{}", a.id);
            assert_eq!(entry.goals.len(), a.goals().count());
            assert!(entry.result.is_some(), "{}: the year's result", a.id);
        } else {
            assert!(entry.name.is_some() && entry.summary.is_some());
        }
    }
    // It reads back as written.
    let text = serde_json::to_string(&c).unwrap();
    let back: Catalogue = parse_built("c.json", &text).unwrap();
    assert_eq!(back, c);
}

#[test]
fn a_goals_file_has_it_in_every_report_and_the_statements_that_link_to_it() {
    let reports = reports();
    let goals = goal_histories(&reports);
    let h = &goals["sjalvforsorjning"];
    let in_reports: Vec<&str> = h.reports.iter().map(|r| r.report.as_str()).collect();
    assert_eq!(
        in_reports,
        ["asn-2025", "asn-2024", "fsn-2024"],
        "two boards, two years"
    );
    let total: usize = reports
        .iter()
        .filter_map(Report::as_annual)
        .map(|a| a.goals().count())
        .sum();
    assert_eq!(
        goals.values().map(|h| h.reports.len()).sum::<usize>(),
        total
    );
    let linked: usize = goals.values().map(|h| h.links.len()).sum();
    assert!(linked > 0, "statement items link to goals");
    let asn_2024 = reports[1].as_annual().unwrap();
    let (_, g) = asn_2024.goal("sjalvforsorjning").unwrap();
    assert_eq!(h.reports[1].status, g.assessment.status);
    assert_eq!(h.reports[2].board, "FSN");
}

#[test]
fn names_match_at_once_from_the_catalogue_in_either_language() {
    let c = catalogue(&common::manifest().reports, &reports());
    let hits = c.search_titles("självförsörj", 8);
    assert_eq!(hits.len(), 1, "one goal, listed once: {hits:?}");
    assert_eq!(hits[0].goal.as_deref(), Some("sjalvforsorjning"));
    assert_eq!(hits[0].report, "asn-2025", "the newest report");
    let en = c.search_titles("SUPPORTING THEMSELVES", 8);
    assert_eq!(en.len(), 1, "English titles, any case: {en:?}");
    assert!(c
        .search_titles("FSN 2024", 8)
        .iter()
        .any(|h| h.goal.is_none()));
    assert!(c.search_titles("   ", 8).is_empty());
    assert!(c.search_titles("ordsomintefinns", 8).is_empty());
}
