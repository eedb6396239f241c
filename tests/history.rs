//! Change over the years (issue #33): a board's file and a council goal's
//! history, from the bundled reports, and the tables their charts draw.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use insyn::model::catalogue::{goal_histories, parse_built};
use insyn::model::history::{board_histories, board_key, BoardHistory, HistoryWords, STATUSES};
use insyn::model::{GoalStatus, Report, Text};

fn reports() -> Vec<Report> {
    common::bundled().into_iter().map(|(_, r)| r).collect()
}

fn words() -> HistoryWords {
    HistoryWords {
        statuses: ["U", "D", "E"],
        status_title: "Status",
        status_description: Text::default(),
        status_source: "Årsanalyser",
        share_title: "Andel",
        share_column: "andel",
        share_description: Text::default(),
    }
}

#[test]
fn a_boards_file_has_each_of_its_analyses_newest_first_with_its_goals_and_result() {
    let reports = reports();
    let boards = board_histories(&reports);
    for r in &reports {
        let h = &boards[&board_key(&r.board().short)];
        match r {
            Report::Annual(a) => {
                let y = h.years.iter().find(|y| y.report == a.id).unwrap();
                assert_eq!(y.year, a.year);
                assert_eq!(y.counts(), a.status_counts(), "{}", a.id);
                let (value, unit, _) = a.result_figure().unwrap();
                let res = y.result.as_ref().unwrap();
                let row = res.rows.iter().find(|x| x.0 == res.result_row).unwrap();
                assert_eq!(
                    (row.2, row.3),
                    (Some(value), unit),
                    "{}: the result as printed",
                    a.id
                );
            }
            Report::Statement(s) => assert!(h.statements.iter().any(|x| x.report == s.id)),
        }
    }
    for h in boards.values() {
        assert!(
            h.years.windows(2).all(|w| w[0].year >= w[1].year),
            "{}",
            h.key
        );
        let text = serde_json::to_string(h).unwrap();
        let back: BoardHistory = parse_built("b.json", &text).unwrap();
        assert_eq!(&back, h);
    }
    assert_eq!(board_key("ASN"), "asn");
    assert_eq!(board_key("Serv N"), "serv-n");
}

#[test]
fn the_status_table_counts_each_years_assessments_and_the_result_table_keeps_the_printed_values() {
    let reports = reports();
    let boards = board_histories(&reports);
    let asn = &boards["asn"];
    let years = asn.years_in(None, None);
    assert!(years.len() >= 2, "ASN has two analyses");
    assert!(
        years.windows(2).all(|w| w[0].year < w[1].year),
        "oldest first"
    );
    let t = asn.status_table(&years, &words());
    assert_eq!(t.rows.len(), years.len());
    for (row, y) in t.rows.iter().zip(&years) {
        let c = y.counts();
        let want: Vec<Option<f64>> = STATUSES.iter().map(|s| Some(c.get(*s) as f64)).collect();
        assert_eq!(row.values, want, "{}", y.year);
        assert_eq!(row.label, y.year.to_string());
    }
    let r = asn.result_table(&years).unwrap();
    assert_eq!(r.rows.len(), years.len());
    for (row, y) in r.rows.iter().zip(&years) {
        let a = reports
            .iter()
            .find_map(|x| x.as_annual().filter(|a| a.id == y.report))
            .unwrap();
        let cell = a.result.as_ref().unwrap();
        let table = a.table(&cell.table).unwrap();
        for (i, c) in r.columns.iter().enumerate() {
            assert_eq!(
                row.values[i],
                table.value(&c.key, &cell.column),
                "{} {}",
                y.year,
                c.key
            );
        }
    }
    // A range of years narrows both.
    let newest = years.last().unwrap().year;
    let one = asn.years_in(Some(newest), Some(newest));
    assert_eq!(one.len(), 1);
    assert_eq!(asn.status_table(&one, &words()).rows.len(), 1);
    assert!(asn.years_in(Some(newest + 1), None).is_empty());
    assert!(asn.result_table(&[]).is_none());
}

#[test]
fn a_council_goals_share_is_the_boards_that_met_it_among_those_that_assessed_it() {
    let reports = reports();
    for h in goal_histories(&reports).values() {
        let across = h.across();
        let t = h.share_table(&words());
        assert_eq!(t.rows.len(), across.years.len(), "{}", h.id);
        for (row, year) in t.rows.iter().zip(&across.years) {
            let cells: Vec<_> = across
                .boards
                .iter()
                .filter_map(|b| h.cell(b, *year))
                .collect();
            assert!(!cells.is_empty());
            let met = cells
                .iter()
                .filter(|c| c.status == GoalStatus::Uppnatt)
                .count();
            let want = (met as f64 * 1000.0 / cells.len() as f64).round() / 10.0;
            assert_eq!(row.values, vec![Some(want)], "{} {year}", h.id);
        }
        for r in &h.reports {
            assert_eq!(h.cell(&r.board, r.year).map(|c| &c.report), Some(&r.report));
        }
    }
}

#[test]
fn the_status_charts_summary_names_the_status_of_each_figure() {
    let reports = reports();
    let asn = &board_histories(&reports)["asn"];
    let years = asn.years_in(None, None);
    let t = asn.status_table(&years, &words());
    let chart = insyn::charts::build(&t, insyn::model::format::Lang::Sv, 640.0);
    let (first, last) = (years[0], years[years.len() - 1]);
    let want = format!(
        "{}: U {}; {}: U {}.",
        first.year,
        first.counts().uppnatt,
        last.year,
        last.counts().uppnatt
    );
    assert_eq!(chart.summary, want);
    // A mark per year and status, each with its words.
    assert_eq!(chart.marks.len(), years.len() * 3);
}
