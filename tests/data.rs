//! Tier 1: the bundled report data and its validation.

mod common;

use insyn::model::validate::{arithmetic_findings, check_collection};
use insyn::model::{parse_report, DiagnosticKind, Report, RowRole, TableKind};

#[test]
fn every_bundled_file_validates_and_links_across_reports() {
    let all = common::bundled();
    assert_eq!(all.len(), 5);
    let ids: Vec<&str> = all.iter().map(|(_, r)| r.id()).collect();
    for id in ["asn-2025", "asn-2024", "fsn-2024"] {
        assert!(ids.contains(&id), "{id} is bundled");
    }
    let problems = check_collection(&all);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_manifest_lists_every_report_file_and_agrees_with_it() {
    let m = common::manifest();
    let mut files: Vec<String> = std::fs::read_dir(common::reports_dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json") && n != "index.json" && n != "schema.json")
        .collect();
    files.sort();
    let mut listed: Vec<String> = m.reports.iter().map(|e| e.file.clone()).collect();
    listed.sort();
    assert_eq!(files, listed);
    for (e, (_, r)) in m.reports.iter().zip(common::bundled()) {
        assert_eq!(e.id, r.id());
        assert_eq!(e.year, r.year());
        assert_eq!(e.title, r.title());
        assert_eq!(&e.board, r.board());
        assert_eq!(
            e.kind,
            match r {
                Report::Annual(_) => "annual_analysis",
                Report::Statement(_) => "statement",
            }
        );
    }
}

/// Counts that the source documents state about themselves.
#[test]
fn goal_statuses_match_the_documents_own_summaries() {
    let cases: &[(&str, usize, usize, usize)] = &[
        ("asn-2025", 14, 13, 1),
        ("asn-2024", 14, 10, 4),
        ("fsn-2024", 9, 7, 2),
    ];
    for &(id, total, achieved, partly) in cases {
        let Report::Annual(a) = common::report(id) else {
            panic!()
        };
        let c = a.status_counts();
        assert_eq!(
            (c.total(), c.uppnatt, c.delvis, c.ej),
            (total, achieved, partly, 0),
            "{id}"
        );
        assert_eq!(a.goal_areas.len(), 5, "{id}: five målområden");
    }
}

#[test]
fn the_same_council_goal_has_the_same_id_in_every_board_and_year() {
    let all = common::bundled();
    let goal = |id: &str, g: &str| match &all.iter().find(|(_, r)| r.id() == id).unwrap().1 {
        Report::Annual(a) => a.goal(g).map(|(_, g)| g.title.clone()),
        Report::Statement(_) => None,
    };
    for g in [
        "goda-uppvaxtvillkor",
        "sjalvforsorjning",
        "attraktiv-arbetsgivare",
        "god-likvardig-service",
    ] {
        let t = goal("asn-2025", g).unwrap();
        assert_eq!(goal("asn-2024", g).as_ref(), Some(&t), "{g}");
        assert_eq!(goal("fsn-2024", g).as_ref(), Some(&t), "{g}");
    }
}

#[test]
fn printed_figures_we_rely_on() {
    // A few cells checked by hand against the source documents.
    let cases: &[(&str, &str, &str, &str, f64)] = &[
        (
            "asn-2025",
            "budgetavvikelse",
            "bts",
            "avvikelse",
            -109_407.0,
        ),
        (
            "asn-2025",
            "budgetavvikelse",
            "ama-ebb",
            "kommunbidrag",
            1_625_970.0,
        ),
        (
            "asn-2025",
            "kommunbidrag-forandringar",
            "ama-ebb",
            "summa",
            1_625_971.0,
        ),
        ("asn-2025", "driftbudget", "resultat", "utfall", 4_594.0),
        ("asn-2025", "resultatrakning", "bidrag", "utfall", 412_742.0),
        (
            "asn-2025",
            "riktade-statsbidrag",
            "summa",
            "utfall",
            97_110.0,
        ),
        ("asn-2025", "ovriga-bidrag", "summa", "utfall", 315_632.0),
        ("asn-2024", "driftbudget", "resultat", "utfall", -4_004.0),
        ("fsn-2024", "driftbudget", "resultat", "utfall", -50_986.0),
    ];
    for &(id, table, row, col, want) in cases {
        let Report::Annual(a) = common::report(id) else {
            panic!()
        };
        let t = a
            .table(table)
            .unwrap_or_else(|| panic!("{id}: no table {table}"));
        let row_key = if row == "summa" {
            t.total().map(|r| r.key.clone()).unwrap()
        } else {
            row.to_string()
        };
        assert_eq!(
            t.value(&row_key, col),
            Some(want),
            "{id}/{table}/{row}/{col}"
        );
    }
}

/// Every cell of every table that takes part in a sum, a relation or a cross
/// check: changing it by 1 tkr must make validation fail.
#[test]
fn a_changed_cell_in_any_table_is_caught() {
    let mut caught = 0;
    let mut missed = Vec::new();
    for (file, r) in common::bundled() {
        let Report::Annual(a) = r else { continue };
        let baseline = arithmetic_findings(&a).len();
        for (ti, t) in a.tables.iter().enumerate() {
            if t.kind == TableKind::Series {
                continue;
            }
            let has_checks =
                !t.relations.is_empty() || t.rows.iter().any(|r| r.role != RowRole::Item);
            for (ri, row) in t.rows.iter().enumerate() {
                for (ci, v) in row.values.iter().enumerate() {
                    let Some(v) = v else { continue };
                    let mut m = a.clone();
                    m.tables[ti].rows[ri].values[ci] = Some(v + 1.0);
                    let after = arithmetic_findings(&m);
                    // Either a new failure, or a recorded discrepancy that no longer matches.
                    let changed = after.len() != baseline
                        || after
                            .iter()
                            .zip(arithmetic_findings(&a))
                            .any(|(x, y)| x.printed != y.printed || x.expected != y.expected);
                    if changed {
                        caught += 1;
                    } else if has_checks {
                        missed.push(format!(
                            "{file}: {} / {} / {}",
                            t.id, row.key, t.columns[ci].key
                        ));
                    }
                }
            }
        }
    }
    assert!(
        missed.is_empty(),
        "cells whose change no check notices:\n{}",
        missed.join("\n")
    );
    assert!(caught > 300, "only {caught} cells checked");
}

#[test]
fn a_changed_cell_is_reported_with_file_path_line_and_column() {
    let src = common::read("asn-2025.json");
    // Change the printed BTS deviation −109 407 to −109 408.
    let changed = src.replacen("-109407", "-109408", 1);
    assert_ne!(src, changed, "the figure is in the file");
    let errs = parse_report("asn-2025.json", &changed).unwrap_err();
    let e = errs
        .iter()
        .find(|d| d.kind == DiagnosticKind::Arithmetic)
        .expect("an arithmetic error");
    assert_eq!(e.file, "asn-2025.json");
    assert!(e.path.starts_with("$.tables["), "{}", e.path);
    assert!(e.line.is_some() && e.column.is_some());
    let line = changed.lines().nth(e.line.unwrap() - 1).unwrap();
    assert!(
        line.contains("4594") || line.contains("-109408") || line.contains("4593"),
        "the line points at a figure: {line}"
    );
}

/// Bad and hostile input: each gets a clear diagnostic with a path.
#[test]
fn broken_files_get_clear_diagnostics() {
    let good = common::read("asn-2025.json");
    let huge = format!(
        "{{\"schema_version\": 2, \"kind\": \"annual_analysis\", \"id\": \"{}\"}}",
        "x".repeat(5_000_000)
    );
    let cases: Vec<(&str, String, DiagnosticKind, &str)> = vec![
        ("invalid JSON", "{ nope".into(), DiagnosticKind::Syntax, "$"),
        (
            "truncated",
            good[..good.len() / 2].to_string(),
            DiagnosticKind::Syntax,
            "$",
        ),
        (
            "wrong schema version",
            good.replacen("\"schema_version\": 2", "\"schema_version\": 99", 1),
            DiagnosticKind::SchemaVersion,
            "$.schema_version",
        ),
        (
            "no schema version",
            "{\"id\": \"x\"}".into(),
            DiagnosticKind::SchemaVersion,
            "$.schema_version",
        ),
        (
            "missing field",
            good.replacen("\"year\": 2025,", "", 1),
            DiagnosticKind::Structure,
            "$.year",
        ),
        (
            "wrong type",
            good.replacen("\"year\": 2025", "\"year\": \"tjugo\"", 1),
            DiagnosticKind::Structure,
            "$.year",
        ),
        ("5 MB string", huge, DiagnosticKind::Value, "$.id"),
        (
            "absurd number",
            good.replacen("-109407", "1e300", 1),
            DiagnosticKind::Value,
            "$.tables[",
        ),
        (
            "bad id",
            good.replacen("\"id\": \"asn-2025\"", "\"id\": \"../../etc\"", 1),
            DiagnosticKind::Value,
            "$.id",
        ),
    ];
    // The path as given, or, ending in "[", any element of that array.
    let at = |d: &str, path: &str| d == path || (path.ends_with('[') && d.starts_with(path));
    for (name, src, kind, path) in cases {
        let errs = parse_report("x.json", &src).expect_err(name);
        assert!(
            errs.iter().any(|d| d.kind == kind && at(&d.path, path)),
            "{name}: {errs:#?}"
        );
        assert!(
            errs.iter()
                .all(|d| d.file == "x.json" && !d.message.is_empty()),
            "{name}"
        );
    }
}

/// A file written for schema version 1 (before the files said what the
/// viewer needs) is refused with one message per missing field, each with
/// the file, the JSON path, line and column.
#[test]
fn an_older_file_names_each_missing_field_with_path_line_and_column() {
    let mut v: serde_json::Value = serde_json::from_str(&common::read("asn-2025.json")).unwrap();
    v["schema_version"] = 1.into();
    v.as_object_mut().unwrap().remove("result");
    for area in v["goal_areas"].as_array_mut().unwrap() {
        area.as_object_mut().unwrap().remove("title_en");
        for g in area["goals"].as_array_mut().unwrap() {
            g.as_object_mut().unwrap().remove("title_en");
        }
    }
    for t in v["tables"].as_array_mut().unwrap() {
        t.as_object_mut().unwrap().remove("plot");
    }
    let src = serde_json::to_string_pretty(&v).unwrap();
    let errs = parse_report("asn-2023.json", &src).unwrap_err();
    assert_eq!(errs[0].kind, DiagnosticKind::SchemaVersion);
    assert!(errs[0].message.contains("äldre version"), "{}", errs[0]);
    let find = |path: &str, field: &str| {
        errs.iter()
            .find(|d| d.path == path && d.message.contains(&format!("Fältet {field} saknas")))
            .unwrap_or_else(|| panic!("{path} {field}: {errs:#?}"))
    };
    let d = find("$.goal_areas[1].goals[2]", "title_en");
    let (line, col) = (d.line.unwrap(), d.column.unwrap());
    assert!(d.to_string().starts_with(&format!(
        "asn-2023.json:{line}:{col}: $.goal_areas[1].goals[2]: "
    )));
    let at = src.lines().nth(line - 1).unwrap();
    assert_eq!(&at[col - 1..col], "{", "points at the goal's object: {at}");
    find("$.goal_areas[0]", "title_en");
    find("$.tables[3]", "plot");
    assert!(
        !errs.iter().any(|d| d.message.contains("Fältet unit")),
        "asn-2025 has units"
    );
    let goals: usize = v["goal_areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| 1 + a["goals"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        errs.len(),
        1 + goals + v["tables"].as_array().unwrap().len()
    );
}

#[test]
fn recorded_discrepancies_keep_both_printed_figures() {
    let Report::Annual(a) = common::report("asn-2025") else {
        panic!()
    };
    let d = a
        .discrepancies
        .iter()
        .find(|d| d.check == "cross:kommunbidrag-ama-ebb")
        .expect("recorded");
    assert_eq!((d.printed, d.expected), (1_625_970.0, 1_625_971.0));
    // Removing the record turns the source's contradiction into an error.
    let mut b = a.clone();
    b.discrepancies
        .retain(|x| x.check != "cross:kommunbidrag-ama-ebb");
    let src = serde_json::to_string(&b).unwrap();
    let errs = parse_report("asn-2025.json", &src).unwrap_err();
    assert!(errs.iter().any(
        |e| e.kind == DiagnosticKind::Arithmetic && e.message.contains("kommunbidrag-ama-ebb")
    ));
}

#[test]
fn restatements_across_editions_are_linked_and_checked() {
    let all = common::bundled();
    let Report::Annual(a) = &all.iter().find(|(_, r)| r.id() == "asn-2025").unwrap().1 else {
        panic!()
    };
    assert!(!a.restatements.is_empty(), "ASN 2025 restates 2024 figures");
    assert!(a.restatements.iter().all(|r| r.other_report == "asn-2024"
        && (r.value != r.other_value || r.printed != r.other_printed)));
    // A wrong earlier value is caught across files.
    let mut broken = all.clone();
    if let Report::Annual(a) = &mut broken
        .iter_mut()
        .find(|(_, r)| r.id() == "asn-2025")
        .unwrap()
        .1
    {
        a.restatements[0].other_value += 1.0;
    }
    assert!(check_collection(&broken)
        .iter()
        .any(|d| d.kind == DiagnosticKind::StaleRecord));
}

#[test]
fn the_json_schema_is_generated_from_the_types_and_up_to_date() {
    let on_disk = common::read("schema.json");
    assert_eq!(
        on_disk,
        generated_schema(),
        "assets/reports/schema.json is stale: run `cargo xtask schema`"
    );
    assert!(on_disk.contains("\"schema_version\"") && on_disk.contains("\"goal_areas\""));
}

fn generated_schema() -> String {
    // The same generator the xtask uses, through the crate's `schema` feature
    // (enabled for tests by the xtask dependency in the workspace).
    std::process::Command::new(env!("CARGO"))
        .args(["run", "--quiet", "-p", "xtask", "--", "schema", "--stdout"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

#[test]
fn the_authoring_example_validates() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/examples/minimal-annual-analysis.json");
    let src = std::fs::read_to_string(path).unwrap();
    let r = parse_report("minimal-annual-analysis.json", &src).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(r.id(), "exempel-2026");
}

/// Inputs found by fuzzing or written to probe it: each must give
/// diagnostics (or a report), never a panic, and every diagnostic names a
/// path and points inside the file (as the fuzz targets assert).
#[test]
fn fuzz_regression_inputs_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let bytes = std::fs::read(e.path()).unwrap();
        let src = String::from_utf8_lossy(&bytes);
        let report = parse_report("x.json", &src).err();
        let manifest = insyn::model::parse_manifest("index.json", &src).err();
        for d in report.iter().chain(&manifest).flatten() {
            assert!(d.path.starts_with('$'), "{d:?}");
            assert_inside(&src, d);
        }
        n += 1;
    }
    assert!(n >= 3);
}

/// A diagnostic's line and column, if any, are inside `src`, the column in
/// characters (at most one past the end of its line).
fn assert_inside(src: &str, d: &insyn::model::Diagnostic) {
    let lines: Vec<&str> = src.split('\n').collect();
    if let (Some(l), Some(c)) = (d.line, d.column) {
        assert!((1..=lines.len()).contains(&l), "{d:?}");
        assert!((1..=lines[l - 1].chars().count() + 1).contains(&c), "{d:?}");
    }
}

/// Found by fuzzing: the manifest's syntax errors had serde_json's byte
/// columns, 0 in an empty file or after a newline and too far right after
/// å, ä, ö; they count characters from 1, as the reports' do.
#[test]
fn manifest_syntax_errors_point_at_characters_inside_the_file() {
    for (src, at) in [("", (1, 1)), ("{\n", (1, 2)), ("{\"åäö\": nope}", (1, 10))] {
        let d = insyn::model::parse_manifest("index.json", src).unwrap_err();
        assert_eq!(d[0].kind, DiagnosticKind::Syntax);
        assert_eq!(
            (d[0].line, d[0].column),
            (Some(at.0), Some(at.1)),
            "{src:?}"
        );
        assert_inside(src, &d[0]);
    }
}

/// The comparisons are computed from the files: boards with two or more
/// editions, the reader's choice with its defaults, tables paired by kind,
/// rows matched by key or label, series joined across editions.
#[test]
fn comparisons_are_computed_from_the_files() {
    use insyn::model::compare::*;
    let reports: Vec<Report> = common::bundled().into_iter().map(|(_, r)| r).collect();
    let annuals: Vec<&insyn::model::AnnualAnalysis> =
        reports.iter().filter_map(Report::as_annual).collect();
    let boards = boards_with_editions(&annuals);
    assert_eq!(boards.len(), 1, "only one board has two editions");
    let years: Vec<u16> = boards[0].iter().map(|a| a.year).collect();
    assert_eq!(years, [2024, 2025], "oldest first");
    let c = choose(&boards, None, None, None).unwrap();
    assert_eq!((c.old.year, c.new.year), (2024, 2025));
    let same = choose(&boards, Some("ASN"), Some("asn-2025"), Some("asn-2025")).unwrap();
    assert_eq!(
        (same.old.year, same.new.year),
        (2024, 2025),
        "one edition twice: the defaults"
    );
    let back = choose(&boards, Some("ASN"), Some("asn-2025"), Some("asn-2024")).unwrap();
    assert_eq!((back.old.year, back.new.year), (2025, 2024));
    let pairs = shared_tables(c.old, c.new);
    assert_eq!(pairs.len(), c.new.tables.len());
    assert!(pairs.iter().all(|(o, n)| o.kind == n.kind));
    let grants = pairs
        .iter()
        .find(|(o, _)| o.kind == TableKind::StateGrants)
        .unwrap();
    let (only_old, only_new) = unmatched_rows(grants.0, grants.1);
    assert!(
        !only_old.is_empty() && !only_new.is_empty(),
        "grants come and go"
    );
    assert!(only_new.iter().all(|r| !grants
        .0
        .rows
        .iter()
        .any(|o| o.key == r.key || o.label == r.label)));
    let joined = joined_series(&c.editions);
    assert!(
        joined.iter().all(|j| j.sources.len() == 2),
        "each edition's source"
    );
    assert_ne!(joined[0].sources[0], joined[0].sources[1]);
    let series: Vec<_> = joined.into_iter().map(|j| j.table).collect();
    assert_eq!(
        series.len(),
        2,
        "the two count rows; the percent rows are left out"
    );
    assert_eq!(series[0].columns.len(), 2, "a column per edition");
    assert_eq!(series[0].rows.len(), 4, "2022 to 2025");
    assert!(
        restated_years(&series[0]).is_empty(),
        "both print 2023 and 2024 alike"
    );
}
