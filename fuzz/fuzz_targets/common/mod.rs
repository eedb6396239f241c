//! Properties both fuzz targets assert on one input, whatever it is:
//! no panic; every diagnostic names a JSON path and, when it has a line and
//! a column, they point inside the file (columns count characters, as
//! `insyn::model::locate::line_col` does); a report that validates stays
//! valid, and equal, when re-serialised; checks across reports never panic.

use std::sync::OnceLock;

use insyn::model::validate::check_collection;
use insyn::model::{parse_manifest, parse_report, Diagnostic, DiagnosticKind, Report};
use serde_json::Value;

/// Runs every check on one input.
pub fn check(src: &str) {
    match parse_report("fuzz.json", src) {
        Ok(r) => {
            check_roundtrip(src, &r);
            check_in_collection(r);
        }
        Err(d) => check_diagnostics(src, &d),
    }
    if let Err(d) = parse_manifest("index.json", src) {
        check_diagnostics(src, &d);
    }
}

/// Every diagnostic has a path from the root and, if located, a line and
/// column inside `src`.
pub fn check_diagnostics(src: &str, diagnostics: &[Diagnostic]) {
    assert!(!diagnostics.is_empty(), "an error without diagnostics");
    for d in diagnostics {
        assert!(d.path.starts_with('$'), "{d:?}");
        let _ = d.to_string();
        assert_eq!(d.line.is_some(), d.column.is_some(), "{d:?}");
        if let (Some(line), Some(column)) = (d.line, d.column) {
            check_position(src, d, line, column);
        }
    }
}

fn check_position(src: &str, d: &Diagnostic, line: usize, column: usize) {
    let lines: Vec<&str> = src.split('\n').collect();
    assert!(
        (1..=lines.len()).contains(&line),
        "line outside the file ({} lines): {d:?}",
        lines.len()
    );
    let text = lines[line - 1];
    let width = text.chars().count();
    assert!(
        (1..=width + 1).contains(&column),
        "column outside line {line} ({width} characters): {d:?}"
    );
    if located_by_path(d.kind) {
        // Found by `locate`: the position is where the path's value starts.
        let c = text.chars().nth(column - 1);
        assert!(
            c.is_some_and(|c| "{[\"tfn-0123456789".contains(c)),
            "{d:?} points at {c:?}, not at a value"
        );
    }
}

/// Kinds whose position always comes from `locate` (never from serde_json).
fn located_by_path(kind: DiagnosticKind) -> bool {
    matches!(
        kind,
        DiagnosticKind::Value
            | DiagnosticKind::Reference
            | DiagnosticKind::Arithmetic
            | DiagnosticKind::StaleRecord
            | DiagnosticKind::SchemaVersion
    )
}

/// A valid report re-serialised, from the model type and from the input's
/// JSON value, compact and pretty, parses to a valid, equal report.
fn check_roundtrip(src: &str, r: &Report) {
    let value: Value = serde_json::from_str(src).expect("a valid report is JSON");
    let texts = match r {
        Report::Annual(a) => [serde_json::to_string(a), serde_json::to_string_pretty(a)],
        Report::Statement(s) => [serde_json::to_string(s), serde_json::to_string_pretty(s)],
    };
    let texts = texts.into_iter().chain([
        serde_json::to_string(&value),
        serde_json::to_string_pretty(&value),
    ]);
    for text in texts {
        let text = text.expect("a report serialises");
        match parse_report("again.json", &text) {
            Ok(again) => assert!(
                again == *r || nearly_equal(&to_value(&again), &to_value(r)),
                "re-serialised report differs:\n{text}\n{again:?}\n{r:?}"
            ),
            Err(d) => panic!("re-serialised report is invalid: {d:#?}\n{text}"),
        }
    }
}

fn to_value(r: &Report) -> Value {
    match r {
        Report::Annual(a) => serde_json::to_value(a),
        Report::Statement(s) => serde_json::to_value(s),
    }
    .expect("a report serialises")
}

/// Equal, except that a float may be a few ULPs off: without its
/// `float_roundtrip` feature (the viewer is built without it) serde_json
/// does not always read a number as the nearest f64, e.g. it reads
/// 4.4992968768113314e-256 one ULP low and 4.499296876811331e-256 one ULP
/// high, so such a figure changes at every round trip (found by this target).
fn nearly_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y || x.to_bits().abs_diff(y.to_bits()) <= 2,
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| nearly_equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| nearly_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Checks the report among the bundled ones (replacing the one with its id).
fn check_in_collection(r: Report) {
    let mut all = vec![("fuzz.json".to_string(), r)];
    let id = all[0].1.id().to_string();
    all.extend(bundled().iter().filter(|(_, b)| b.id() != id).cloned());
    for d in check_collection(&all) {
        assert!(d.path.starts_with('$'), "{d:?}");
        assert!(all.iter().any(|(f, _)| *f == d.file), "{d:?}");
        let _ = d.to_string();
    }
}

/// The bundled reports that validate, read once.
fn bundled() -> &'static [(String, Report)] {
    static REPORTS: OnceLock<Vec<(String, Report)>> = OnceLock::new();
    REPORTS.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/reports");
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let src = std::fs::read_to_string(e.path()).unwrap_or_default();
            if let Ok(r) = parse_report(&name, &src) {
                out.push((name, r));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    })
}
