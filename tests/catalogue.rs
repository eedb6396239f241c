//! The catalogue and goals' files the build writes from the bundled reports:
//! what the start page, the goal pages and the name search read instead of
//! every report file.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use insyn::model::catalogue::{catalogue, goal_histories, parse_built, Catalogue, CatalogueReport};
use insyn::model::compare::{board_changes, matrix_columns, matrix_options, matrix_rows};
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

/// The goal matrix reads the catalogue alone: each board's latest edition
/// by default, else the boards and years the reader chose.
#[test]
fn the_goal_matrix_shows_each_boards_latest_edition_unless_the_reader_chooses() {
    let reports = reports();
    let mut c = catalogue(&common::manifest().reports, &reports);
    // A second board (synthetic, in this test only): ASN's editions a year earlier.
    let extra: Vec<CatalogueReport> = c
        .reports
        .iter()
        .filter(|r| r.is_annual() && r.board.short == "ASN")
        .map(|r| {
            let mut x = r.clone();
            x.year -= 1;
            x.id = format!("x-{}", x.year);
            x.board.short = "X".into();
            x.board.name = "Nämnd X".into();
            x
        })
        .collect();
    c.reports.extend(extra);
    let ids = |cols: Vec<&CatalogueReport>| cols.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(matrix_columns(&c, &[], &[])),
        ["asn-2025", "fsn-2024", "x-2024"]
    );
    assert_eq!(
        ids(matrix_columns(&c, &["ASN".into()], &[])),
        ["asn-2024", "asn-2025"],
        "a board: all its editions, oldest first"
    );
    assert_eq!(
        ids(matrix_columns(&c, &[], &[2024])),
        ["asn-2024", "fsn-2024", "x-2024"]
    );
    assert_eq!(ids(matrix_columns(&c, &["X".into()], &[2023])), ["x-2023"]);
    assert!(matrix_columns(&c, &["ingen".into()], &[]).is_empty());
    let (boards, years) = matrix_options(&c);
    let shorts: Vec<&str> = boards.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(shorts, ["ASN", "FSN", "X"]);
    assert_eq!(years, [2025, 2024, 2023]);
    // Rows: every goal of the columns once, the first column's in its order.
    let cols = matrix_columns(&c, &[], &[]);
    let rows = matrix_rows(&cols);
    let unique: std::collections::BTreeSet<&String> = rows.iter().collect();
    assert_eq!(unique.len(), rows.len());
    let first: Vec<String> = cols[0].goals.iter().map(|(g, _)| g.clone()).collect();
    assert_eq!(rows[..first.len()], first[..]);
    // What changed between each shown board's two latest editions, as the
    // reports themselves say.
    let changes = board_changes(&c);
    assert_eq!(changes.len(), 2, "the two boards with two editions");
    let (old, new, list) = &changes[0];
    assert_eq!((old.id.as_str(), new.id.as_str()), ("asn-2024", "asn-2025"));
    let annual = |id: &str| {
        reports
            .iter()
            .find_map(|r| r.as_annual().filter(|a| a.id == id))
            .unwrap()
    };
    let (a24, a25) = (annual("asn-2024"), annual("asn-2025"));
    let moved: Vec<&str> = a25
        .goals()
        .filter(|(_, g)| {
            a24.goal(&g.id)
                .is_some_and(|(_, o)| o.assessment.status != g.assessment.status)
        })
        .map(|(_, g)| g.id.as_str())
        .collect();
    assert!(
        !moved.is_empty(),
        "some ASN goal moved between 2024 and 2025"
    );
    assert_eq!(
        list.iter().map(|c| c.goal.as_str()).collect::<Vec<_>>(),
        moved
    );
    assert!(
        list.iter()
            .all(|ch| ch.title == a25.goal(&ch.goal).unwrap().1.title),
        "the goal's title as the report prints it"
    );
}
