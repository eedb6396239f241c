//! Parsing and validation of report files: raw JSON in, a checked
//! [`Report`] or a list of [`Diagnostic`]s out. Shared by the viewer and by
//! `cargo xtask validate`.

use std::collections::{HashMap, HashSet};

pub use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::glossary;
use super::locate::{error_position, locate, JsonPath};
use super::report::*;

/// Longest string accepted anywhere in a report file.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Largest absolute figure accepted (tkr or count): a trillion.
pub const MAX_ABS_VALUE: f64 = 1e12;

/// Collects diagnostics for one file, resolving paths to line and column.
struct Sink<'a> {
    file: &'a str,
    src: &'a str,
    out: Vec<Diagnostic>,
}

impl Sink<'_> {
    fn push(&mut self, kind: DiagnosticKind, path: &JsonPath, message: impl Into<String>) {
        let pos = locate(self.src, path);
        self.out.push(Diagnostic {
            file: self.file.to_string(),
            kind,
            path: path.to_string(),
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
            message: message.into(),
        });
    }
}

/// The files the viewer reads, each checked its own way by [`check`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Report,
    Manifest,
    Glossary,
    /// The catalogue the build writes.
    Catalogue,
    /// A goal's file the build writes.
    Goal,
    /// A board's file the build writes.
    Board,
}

impl FileKind {
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Report => "report",
            FileKind::Manifest => "manifest",
            FileKind::Glossary => "glossary",
            FileKind::Catalogue => "catalogue",
            FileKind::Goal => "goal",
            FileKind::Board => "board",
        }
    }

    pub fn from_name(name: &str) -> Option<FileKind> {
        [
            FileKind::Report,
            FileKind::Manifest,
            FileKind::Glossary,
            FileKind::Catalogue,
            FileKind::Goal,
            FileKind::Board,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }
}

/// Every problem of a file of `kind`: none when the viewer can use it. The
/// viewer's pages decode the files the build checked without this (it is
/// the validator module, `insyn-check`, loaded when a file fails to decode,
/// differs from what the build checked, or is the reader's own).
pub fn check(kind: FileKind, file: &str, src: &str) -> Vec<Diagnostic> {
    use super::catalogue::{parse_built, Catalogue, GoalHistory};
    match kind {
        FileKind::Report => parse_report(file, src).err(),
        FileKind::Manifest => parse_manifest(file, src).err(),
        FileKind::Glossary => parse_glossary(file, src).err(),
        FileKind::Catalogue => parse_built::<Catalogue>(file, src).err().map(|d| vec![d]),
        FileKind::Goal => parse_built::<GoalHistory>(file, src).err().map(|d| vec![d]),
        FileKind::Board => parse_built::<super::history::BoardHistory>(file, src)
            .err()
            .map(|d| vec![d]),
    }
    .unwrap_or_default()
}

/// The diagnostic of a text that is not JSON, or is cut off.
fn syntax_error(file: &str, src: &str, e: &serde_json::Error) -> Diagnostic {
    let what = if e.is_eof() {
        "Filen tar slut mitt i (avkortad JSON)"
    } else {
        "Filen är inte giltig JSON"
    };
    let (line, column) = error_position(src, e);
    Diagnostic {
        file: file.to_string(),
        kind: DiagnosticKind::Syntax,
        path: "$".into(),
        line: Some(line),
        column: Some(column),
        message: format!("{what}: {}", without_position(e)),
    }
}

/// The report's `kind`, if the file is a report of the schema version this
/// viewer reads; otherwise what is wrong, in `sink`.
fn read_header(value: &serde_json::Value, sink: &mut Sink) -> Option<String> {
    let header: Header = match serde_json::from_value(value.clone()) {
        Ok(h) => h,
        Err(_) => {
            sink.push(
                DiagnosticKind::SchemaVersion,
                &JsonPath::root().key("schema_version"),
                "Fältet schema_version saknas: filen är ingen Insyn-rapport",
            );
            return None;
        }
    };
    let version = header.schema_version.as_u64();
    if version.is_some_and(|v| v >= 1 && v < u64::from(SCHEMA_VERSION)) {
        check_older_version(value, &header.schema_version, sink);
        return None;
    }
    if version != Some(u64::from(SCHEMA_VERSION)) {
        sink.push(
            DiagnosticKind::SchemaVersion,
            &JsonPath::root().key("schema_version"),
            format!(
                "schema_version är {}, men visaren läser version {SCHEMA_VERSION}",
                header.schema_version
            ),
        );
        return None;
    }
    Some(
        header
            .kind
            .as_ref()
            .and_then(|k| k.as_str())
            .unwrap_or("")
            .to_string(),
    )
}

/// Parses and validates one report file.
pub fn parse_report(file: &str, src: &str) -> Result<Report, Vec<Diagnostic>> {
    let mut sink = Sink {
        file,
        src,
        out: Vec::new(),
    };
    let value: serde_json::Value = match serde_json::from_str(src) {
        Ok(v) => v,
        Err(e) => return Err(vec![syntax_error(file, src, &e)]),
    };
    check_strings(&value, &JsonPath::root(), &mut sink);
    if !sink.out.is_empty() {
        return Err(sink.out);
    }
    let Some(kind) = read_header(&value, &mut sink) else {
        return Err(sink.out);
    };
    let report = match kind.as_str() {
        "annual_analysis" => deserialize::<AnnualAnalysis>(src, &mut sink).map(Report::Annual),
        "statement" => deserialize::<Statement>(src, &mut sink).map(Report::Statement),
        other => {
            sink.push(
                DiagnosticKind::Structure,
                &JsonPath::root().key("kind"),
                format!(
                    "Okänd rapporttyp {other:?}: väntade \"annual_analysis\" eller \"statement\""
                ),
            );
            None
        }
    };
    let Some(report) = report else {
        return Err(sink.out);
    };
    match &report {
        Report::Annual(a) => check_annual(a, &mut sink),
        Report::Statement(s) => check_statement(s, &mut sink),
    }
    if sink.out.is_empty() {
        Ok(report)
    } else {
        Err(sink.out)
    }
}

/// Fields added in schema version 2, each with the objects that need it.
const ADDED_IN_2: &[(&str, &str, &str)] = &[
    ("goal_areas", "title_en", "målområdets titel på engelska"),
    ("goals", "title_en", "målets titel på engelska"),
    ("tables", "unit", "tabellens enhet"),
    ("tables", "plot", "kolumnerna som diagrammet visar"),
];

/// A file written for an older schema version: says so, and names every
/// field the current version needs that the file lacks, where it is missing.
fn check_older_version(value: &serde_json::Value, version: &serde_json::Value, sink: &mut Sink) {
    sink.push(
        DiagnosticKind::SchemaVersion,
        &JsonPath::root().key("schema_version"),
        format!(
            "schema_version är {version}, en äldre version: visaren läser version {SCHEMA_VERSION}. \
             Lägg till fälten som nämns nedan och ändra schema_version till {SCHEMA_VERSION}"
        ),
    );
    let root = JsonPath::root();
    for (ai, area) in array(value, "goal_areas") {
        let apath = root.key("goal_areas").index(ai);
        require_added(area, "goal_areas", &apath, sink);
        for (gi, goal) in array(area, "goals") {
            require_added(goal, "goals", &apath.key("goals").index(gi), sink);
        }
    }
    for (ti, table) in array(value, "tables") {
        require_added(table, "tables", &root.key("tables").index(ti), sink);
    }
}

fn array<'a>(
    v: &'a serde_json::Value,
    key: &str,
) -> impl Iterator<Item = (usize, &'a serde_json::Value)> {
    v.get(key)
        .and_then(|a| a.as_array())
        .into_iter()
        .flatten()
        .enumerate()
}

fn require_added(obj: &serde_json::Value, list: &str, path: &JsonPath, sink: &mut Sink) {
    for (_, field, what) in ADDED_IN_2.iter().filter(|(l, _, _)| *l == list) {
        if obj.get(field).is_none() {
            sink.push(
                DiagnosticKind::Structure,
                path,
                format!("Fältet {field} saknas ({what}, krävs från schema_version 2)"),
            );
        }
    }
}

fn deserialize<T: serde::de::DeserializeOwned>(src: &str, sink: &mut Sink) -> Option<T> {
    let de = &mut serde_json::Deserializer::from_str(src);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(v) => Some(v),
        Err(e) => {
            let parent = JsonPath::parse_serde(&e.path().to_string());
            let inner = e.into_inner();
            let msg = without_position(&inner);
            // serde names the object a field is missing from; the problem is
            // the field, which has no place in the file: give the object's.
            let (path, pos) = match missing_field(&msg) {
                Some(field) => (parent.key(field), locate(src, &parent)),
                None => (parent, None),
            };
            let (line, column) = pos.unwrap_or_else(|| error_position(src, &inner));
            sink.out.push(Diagnostic {
                file: sink.file.to_string(),
                kind: DiagnosticKind::Structure,
                path: path.to_string(),
                line: Some(line),
                column: Some(column),
                message: format!("Fel struktur: {msg}"),
            });
            None
        }
    }
}

/// serde_json's message without the " at line L column C" it appends: the
/// diagnostic gives those separately.
fn without_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    msg.split(" at line ").next().unwrap_or(&msg).to_string()
}

/// The field named by serde's "missing field `name`" message.
fn missing_field(msg: &str) -> Option<&str> {
    msg.strip_prefix("missing field `")?.strip_suffix('`')
}

fn check_strings(v: &serde_json::Value, path: &JsonPath, sink: &mut Sink) {
    match v {
        serde_json::Value::String(s) if s.chars().count() > MAX_TEXT_CHARS => sink.push(
            DiagnosticKind::Value,
            path,
            format!(
                "Texten är orimligt lång ({} tecken, högst {MAX_TEXT_CHARS})",
                s.chars().count()
            ),
        ),
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                check_strings(x, &path.index(i), sink);
            }
        }
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                check_strings(x, &path.key(k), sink);
            }
        }
        _ => {}
    }
}

fn check_id(id: &str, path: &JsonPath, sink: &mut Sink) {
    if !is_id(id) {
        sink.push(
            DiagnosticKind::Value,
            path,
            format!("Ogiltigt id {id:?}: använd små bokstäver a–z, siffror och bindestreck"),
        );
    }
}

fn check_unique<'a>(ids: impl Iterator<Item = (&'a str, JsonPath)>, what: &str, sink: &mut Sink) {
    let mut seen = HashSet::new();
    for (id, path) in ids {
        if !seen.insert(id) {
            sink.push(
                DiagnosticKind::Value,
                &path,
                format!("{what} {id:?} finns två gånger"),
            );
        }
    }
}

fn check_common(id: &str, kind: &str, expected_kind: &str, year: u16, sink: &mut Sink) {
    let root = JsonPath::root();
    check_id(id, &root.key("id"), sink);
    if kind != expected_kind {
        sink.push(
            DiagnosticKind::Value,
            &root.key("kind"),
            format!("kind ska vara {expected_kind:?}"),
        );
    }
    if !(1900..=2100).contains(&year) {
        sink.push(
            DiagnosticKind::Value,
            &root.key("year"),
            format!("Orimligt år: {year}"),
        );
    }
}

/// A failed arithmetic check, before it is matched against recorded discrepancies.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Check id, as in [`Discrepancy::check`].
    pub check: String,
    pub printed: f64,
    pub expected: f64,
    pub path: JsonPath,
    pub message: String,
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// Every arithmetic check of an annual analysis that fails, recorded or not.
pub fn arithmetic_findings(a: &AnnualAnalysis) -> Vec<Finding> {
    let mut out = Vec::new();
    for (ti, t) in a.tables.iter().enumerate() {
        let tpath = JsonPath::root().key("tables").index(ti);
        sum_findings(t, &tpath, &mut out);
        relation_findings(t, &tpath, &mut out);
    }
    cross_findings(a, &mut out);
    out
}

/// Each total and subtotal against the rows it sums.
fn sum_findings(t: &Table, tpath: &JsonPath, out: &mut Vec<Finding>) {
    let row_index: HashMap<&str, usize> = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.key.as_str(), i))
        .collect();
    for (ri, row) in t.rows.iter().enumerate() {
        if row.role == RowRole::Item {
            continue;
        }
        let summed: Vec<usize> = if row.sum_of.is_empty() {
            (0..ri)
                .filter(|&i| t.rows[i].role == RowRole::Item)
                .collect()
        } else {
            row.sum_of
                .iter()
                .filter_map(|k| row_index.get(k.as_str()).copied())
                .collect()
        };
        for (ci, col) in t.columns.iter().enumerate() {
            let Some(Some(printed)) = row.values.get(ci) else {
                continue;
            };
            let sum: f64 = summed
                .iter()
                .filter_map(|&i| t.rows[i].values.get(ci).copied().flatten())
                .sum();
            if !close(*printed, sum) {
                out.push(Finding {
                    check: format!("sum:{}:{}:{}", t.id, row.key, col.key),
                    printed: *printed,
                    expected: sum,
                    path: tpath.key("rows").index(ri).key("values").index(ci),
                    message: format!(
                    "Summan i raden {:?}, kolumnen {:?} är tryckt som {} men raderna den summerar ger {}",
                        row.label, col.label, printed, sum
                    ),
                });
            }
        }
    }
}

/// Each relation between columns, on every row.
fn relation_findings(t: &Table, tpath: &JsonPath, out: &mut Vec<Finding>) {
    let col_index: HashMap<&str, usize> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.as_str(), i))
        .collect();
    for rel in &t.relations {
        let Some(&target) = col_index.get(rel.column.as_str()) else {
            continue;
        };
        let terms: Option<Vec<(f64, usize)>> = rel
            .plus
            .iter()
            .map(|k| (1.0, k))
            .chain(rel.minus.iter().map(|k| (-1.0, k)))
            .map(|(s, k)| col_index.get(k.as_str()).map(|&i| (s, i)))
            .collect();
        let Some(terms) = terms else { continue };
        for (ri, row) in t.rows.iter().enumerate() {
            let Some(Some(printed)) = row.values.get(target) else {
                continue;
            };
            let vals: Option<f64> = terms
                .iter()
                .map(|&(s, i)| row.values.get(i).copied().flatten().map(|v| s * v))
                .sum();
            let Some(expected) = vals else { continue };
            if !close(*printed, expected) {
                out.push(Finding {
                    check: format!("relation:{}:{}:{}", t.id, row.key, rel.column),
                    printed: *printed,
                    expected,
                    path: tpath.key("rows").index(ri).key("values").index(target),
                    message: format!(
                        "I raden {:?} är {:?} tryckt som {} men de andra kolumnerna ger {}",
                        row.label, rel.column, printed, expected
                    ),
                });
            }
        }
    }
}

/// Each cross-check between tables: the two sides' sums.
fn cross_findings(a: &AnnualAnalysis, out: &mut Vec<Finding>) {
    for (xi, x) in a.cross_checks.iter().enumerate() {
        let left: Option<f64> = x.left.iter().map(|c| cell_value(a, c)).sum();
        let right: Option<f64> = x.right.iter().map(|c| cell_value(a, c)).sum();
        if let (Some(l), Some(r)) = (left, right) {
            if !close(l, r) {
                out.push(Finding {
                    check: format!("cross:{}", x.id),
                    printed: l,
                    expected: r,
                    path: JsonPath::root().key("cross_checks").index(xi),
                    message: format!(
                        "Kontrollen {:?} ger {} på ena sidan och {} på den andra",
                        x.id, l, r
                    ),
                });
            }
        }
    }
}

/// The value of a cell, if the cell exists and is not empty.
pub fn cell_value(a: &AnnualAnalysis, c: &CellRef) -> Option<f64> {
    let t = a.tables.iter().find(|t| t.id == c.table)?;
    let ci = t.columns.iter().position(|col| col.key == c.column)?;
    let row = t.rows.iter().find(|r| r.key == c.row)?;
    row.values.get(ci).copied().flatten()
}

/// The value of a table cell or a goal's key figure.
pub fn figure_value(a: &AnnualAnalysis, f: &FigureRef) -> Option<f64> {
    match f {
        FigureRef::Cell(c) => cell_value(a, c),
        FigureRef::KeyFigure { goal, figure } => a
            .goal_areas
            .iter()
            .flat_map(|x| &x.goals)
            .find(|g| &g.id == goal)?
            .key_figures
            .iter()
            .find(|k| k.id.as_deref() == Some(figure.as_str()))
            .map(|k| k.value),
    }
}

pub fn describe_figure(f: &FigureRef) -> String {
    match f {
        FigureRef::Cell(c) => format!("{}/{}/{}", c.table, c.row, c.column),
        FigureRef::KeyFigure { goal, figure } => format!("mål {goal}, nyckeltal {figure}"),
    }
}

fn cell_exists(a: &AnnualAnalysis, c: &CellRef) -> bool {
    a.tables.iter().find(|t| t.id == c.table).is_some_and(|t| {
        t.columns.iter().any(|col| col.key == c.column) && t.rows.iter().any(|r| r.key == c.row)
    })
}

fn check_annual(a: &AnnualAnalysis, sink: &mut Sink) {
    let root = JsonPath::root();
    check_common(&a.id, &a.kind, "annual_analysis", a.year, sink);
    check_terms(&a.abbreviations, &root.key("abbreviations"), sink);
    check_goal_areas(a, &root, sink);
    check_unique(
        a.assignments
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), root.key("assignments").index(i).key("id"))),
        "Budgetuppdraget",
        sink,
    );
    check_unique(
        a.tables
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), root.key("tables").index(i).key("id"))),
        "Tabellen",
        sink,
    );
    for (ti, t) in a.tables.iter().enumerate() {
        check_table(t, &root.key("tables").index(ti), sink);
    }
    check_references(a, &root, sink);
    check_discrepancies(a, &root, sink);
}

/// The goal areas' and goals' ids (unique, well formed) and the key
/// figures' numbers.
fn check_goal_areas(a: &AnnualAnalysis, root: &JsonPath, sink: &mut Sink) {
    check_unique(
        a.goal_areas
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.as_str(), root.key("goal_areas").index(i).key("id"))),
        "Målområdet",
        sink,
    );
    let mut goal_ids = Vec::new();
    for (gi, area) in a.goal_areas.iter().enumerate() {
        let apath = root.key("goal_areas").index(gi);
        check_id(&area.id, &apath.key("id"), sink);
        for (i, g) in area.goals.iter().enumerate() {
            let gpath = apath.key("goals").index(i);
            check_id(&g.id, &gpath.key("id"), sink);
            goal_ids.push((g.id.as_str(), gpath.key("id")));
            for (ki, k) in g.key_figures.iter().enumerate() {
                let kpath = gpath.key("key_figures").index(ki);
                check_number(k.value, &kpath.key("value"), sink);
                if let Some(c) = &k.comparison {
                    check_number(c.value, &kpath.key("comparison").key("value"), sink);
                }
            }
        }
    }
    check_unique(goal_ids.into_iter(), "Målet", sink);
}

/// One table: its id, unique column and row keys, its rows, the columns
/// its chart plots and its relations.
fn check_table(t: &Table, tpath: &JsonPath, sink: &mut Sink) {
    check_id(&t.id, &tpath.key("id"), sink);
    check_unique(
        t.columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.key.as_str(), tpath.key("columns").index(i).key("key"))),
        "Kolumnen",
        sink,
    );
    check_unique(
        t.rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.key.as_str(), tpath.key("rows").index(i).key("key"))),
        "Raden",
        sink,
    );
    check_rows(t, tpath, sink);
    check_plot(t, tpath, sink);
    for (li, rel) in t.relations.iter().enumerate() {
        let rpath = tpath.key("relations").index(li);
        for k in std::iter::once(&rel.column)
            .chain(&rel.plus)
            .chain(&rel.minus)
        {
            if !t.columns.iter().any(|c| &c.key == k) {
                sink.push(
                    DiagnosticKind::Reference,
                    &rpath,
                    format!("Kolumnen {k:?} finns inte i tabellen"),
                );
            }
        }
    }
}

/// A table's rows: as many values as columns, numbers in range, whole tkr,
/// and sums of rows that exist.
fn check_rows(t: &Table, tpath: &JsonPath, sink: &mut Sink) {
    for (ri, r) in t.rows.iter().enumerate() {
        let rpath = tpath.key("rows").index(ri);
        if r.values.len() != t.columns.len() {
            sink.push(
                DiagnosticKind::Structure,
                &rpath.key("values"),
                format!(
                    "Raden {:?} har {} värden men tabellen har {} kolumner",
                    r.label,
                    r.values.len(),
                    t.columns.len()
                ),
            );
        }
        let unit = r.unit.unwrap_or(t.unit);
        for (vi, v) in r.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let vpath = rpath.key("values").index(vi);
            check_number(*v, &vpath, sink);
            if unit == Unit::Tkr && v.fract() != 0.0 {
                sink.push(
                    DiagnosticKind::Value,
                    &vpath,
                    format!("Belopp i tkr ska vara heltal, inte {v}"),
                );
            }
        }
        for (si, k) in r.sum_of.iter().enumerate() {
            if !t.rows.iter().any(|x| &x.key == k) {
                sink.push(
                    DiagnosticKind::Reference,
                    &rpath.key("sum_of").index(si),
                    format!("Raden {k:?} finns inte i tabellen"),
                );
            }
        }
    }
}

/// The cells the year's result and the cross-checks name exist, and each
/// restatement's figure is the report's.
fn check_references(a: &AnnualAnalysis, root: &JsonPath, sink: &mut Sink) {
    if let Some(c) = a.result.as_ref().filter(|c| !cell_exists(a, c)) {
        sink.push(
            DiagnosticKind::Reference,
            &root.key("result"),
            format!("Cellen {}/{}/{} finns inte", c.table, c.row, c.column),
        );
    }
    for (xi, x) in a.cross_checks.iter().enumerate() {
        let xpath = root.key("cross_checks").index(xi);
        for (side, cells) in [("left", &x.left), ("right", &x.right)] {
            for (ci, c) in cells.iter().enumerate() {
                if !cell_exists(a, c) {
                    sink.push(
                        DiagnosticKind::Reference,
                        &xpath.key(side).index(ci),
                        format!("Cellen {}/{}/{} finns inte", c.table, c.row, c.column),
                    );
                }
            }
        }
    }
    for (ri, r) in a.restatements.iter().enumerate() {
        let rpath = root.key("restatements").index(ri);
        match figure_value(a, &r.figure) {
            Some(v) if close(v, r.value) => {}
            Some(v) => sink.push(
                DiagnosticKind::StaleRecord,
                &rpath.key("value"),
                format!(
                    "Värdet {} stämmer inte med siffran i rapporten, som är {}",
                    r.value, v
                ),
            ),
            None => sink.push(
                DiagnosticKind::Reference,
                &rpath.key("figure"),
                format!(
                    "Siffran {} finns inte i rapporten",
                    describe_figure(&r.figure)
                ),
            ),
        }
    }
}

/// Arithmetic, against the recorded discrepancies: every finding is
/// recorded, and every record is found.
fn check_discrepancies(a: &AnnualAnalysis, root: &JsonPath, sink: &mut Sink) {
    let findings = arithmetic_findings(a);
    let mut matched = vec![false; a.discrepancies.len()];
    for (di, d) in a.discrepancies.iter().enumerate() {
        if d.check.starts_with("text:") {
            matched[di] = true;
            if close(d.printed, d.expected) {
                sink.push(
                    DiagnosticKind::StaleRecord,
                    &root.key("discrepancies").index(di),
                    "En textavvikelse måste ha två olika siffror",
                );
            }
            if d.other_source.is_none() {
                sink.push(
                    DiagnosticKind::Structure,
                    &root.key("discrepancies").index(di),
                    "En textavvikelse behöver other_source: var den andra siffran står",
                );
            }
        }
    }
    for f in &findings {
        match a.discrepancies.iter().position(|d| d.check == f.check) {
            Some(di) => {
                matched[di] = true;
                let d = &a.discrepancies[di];
                if !close(d.printed, f.printed) || !close(d.expected, f.expected) {
                    sink.push(
                        DiagnosticKind::StaleRecord,
                        &root.key("discrepancies").index(di),
                        format!(
                            "Källavvikelsen {} anger {} mot {}, men siffrorna ger {} mot {}",
                            d.check, d.printed, d.expected, f.printed, f.expected
                        ),
                    );
                }
            }
            None => sink.push(
                DiagnosticKind::Arithmetic,
                &f.path,
                format!(
                    "{} (kontroll {}). Rätta siffran om den är felskriven, eller registrera en källavvikelse.",
                    f.message, f.check
                ),
            ),
        }
    }
    for (di, m) in matched.iter().enumerate() {
        if !m {
            sink.push(
                DiagnosticKind::StaleRecord,
                &root.key("discrepancies").index(di).key("check"),
                format!(
                    "Källavvikelsen {} syns inte i siffrorna: kontrollen går igenom eller finns inte",
                    a.discrepancies[di].check
                ),
            );
        }
    }
}

/// The columns a chart plots exist, and there is at least one.
fn check_plot(t: &Table, tpath: &JsonPath, sink: &mut Sink) {
    if t.plot.is_empty() {
        sink.push(
            DiagnosticKind::Value,
            &tpath.key("plot"),
            "plot ska nämna minst en kolumn som diagrammet visar",
        );
    }
    for (pi, k) in t.plot.iter().enumerate() {
        if t.column_index(k).is_none() {
            sink.push(
                DiagnosticKind::Reference,
                &tpath.key("plot").index(pi),
                format!("Kolumnen {k:?} finns inte i tabellen"),
            );
        }
    }
}

fn check_number(v: f64, path: &JsonPath, sink: &mut Sink) {
    if !v.is_finite() || v.abs() > MAX_ABS_VALUE {
        sink.push(DiagnosticKind::Value, path, format!("Orimligt tal: {v}"));
    }
}

fn check_statement(s: &Statement, sink: &mut Sink) {
    let root = JsonPath::root();
    check_common(&s.id, &s.kind, "statement", s.year, sink);
    check_terms(&s.abbreviations, &root.key("abbreviations"), sink);
    check_unique(
        s.items
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), root.key("items").index(i).key("id"))),
        "Punkten",
        sink,
    );
    for (field, events) in [("dates", &s.dates), ("decision_plan", &s.decision_plan)] {
        for (i, e) in events.iter().enumerate() {
            if !is_date(&e.date) {
                sink.push(
                    DiagnosticKind::Value,
                    &root.key(field).index(i).key("date"),
                    format!("Datumet {:?} ska skrivas ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM", e.date),
                );
            }
        }
    }
    for (i, item) in s.items.iter().enumerate() {
        check_id(&item.id, &root.key("items").index(i).key("id"), sink);
    }
}

fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, n: usize| p.len() == n && p.bytes().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u8>().unwrap_or(0)),
        [y, m, d] => {
            num(y, 4)
                && num(m, 2)
                && num(d, 2)
                && (1..=12).contains(&m.parse::<u8>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u8>().unwrap_or(0))
        }
        _ => false,
    }
}

/// Checks across a set of reports: links between them and restated figures.
/// `reports` are (file name, report) pairs.
pub fn check_collection(reports: &[(String, Report)]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let by_id: HashMap<&str, &Report> = reports.iter().map(|(_, r)| (r.id(), r)).collect();
    let mut goal_titles: HashMap<&str, (&str, &str)> = HashMap::new();
    for (file, r) in reports {
        match r {
            Report::Annual(a) => {
                same_goal_titles(file, a, &mut goal_titles, &mut out);
                restated_figures(file, a, &by_id, &mut out);
            }
            Report::Statement(s) => goal_links(file, s, &by_id, &mut out),
        }
    }
    out
}

/// A diagnostic of a check across files: no line and column.
fn across(file: &str, path: JsonPath, kind: DiagnosticKind, message: String) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        kind,
        path: path.to_string(),
        line: None,
        column: None,
        message,
    }
}

/// The same goal id has the same title in every report (`goal_titles`: id →
/// title and the report that gave it first).
fn same_goal_titles<'a>(
    file: &str,
    a: &'a AnnualAnalysis,
    goal_titles: &mut HashMap<&'a str, (&'a str, &'a str)>,
    out: &mut Vec<Diagnostic>,
) {
    for (gi, area) in a.goal_areas.iter().enumerate() {
        for (i, g) in area.goals.iter().enumerate() {
            match goal_titles.get(g.id.as_str()) {
                Some((title, other)) if *title != g.title => out.push(across(
                    file,
                    JsonPath::root()
                        .key("goal_areas")
                        .index(gi)
                        .key("goals")
                        .index(i)
                        .key("title"),
                    DiagnosticKind::Reference,
                    format!(
                        "Målet {:?} har en annan titel i {other}: samma id ska vara samma mål",
                        g.id
                    ),
                )),
                Some(_) => {}
                None => {
                    goal_titles.insert(&g.id, (&g.title, &a.id));
                }
            }
        }
    }
}

/// Each restatement's other figure is the other report's.
fn restated_figures(
    file: &str,
    a: &AnnualAnalysis,
    by_id: &HashMap<&str, &Report>,
    out: &mut Vec<Diagnostic>,
) {
    for (ri, rs) in a.restatements.iter().enumerate() {
        let path = JsonPath::root().key("restatements").index(ri);
        match by_id
            .get(rs.other_report.as_str())
            .and_then(|o| o.as_annual())
        {
            None => out.push(across(
                file,
                path.key("other_report"),
                DiagnosticKind::Reference,
                format!("Rapporten {:?} finns inte", rs.other_report),
            )),
            Some(o) => match figure_value(o, &rs.other_figure) {
                Some(v) if close(v, rs.other_value) => {}
                other => out.push(across(
                    file,
                    path.key("other_value"),
                    DiagnosticKind::StaleRecord,
                    format!(
                        "{} har {:?} för {}, inte {}",
                        rs.other_report,
                        other,
                        describe_figure(&rs.other_figure),
                        rs.other_value
                    ),
                )),
            },
        }
    }
}

/// Each goal a statement's item links to exists.
fn goal_links(
    file: &str,
    s: &Statement,
    by_id: &HashMap<&str, &Report>,
    out: &mut Vec<Diagnostic>,
) {
    for (ii, item) in s.items.iter().enumerate() {
        for (li, link) in item.related_goals.iter().enumerate() {
            let ok = by_id
                .get(link.report.as_str())
                .and_then(|o| o.as_annual())
                .is_some_and(|a| a.goal(&link.goal).is_some());
            if !ok {
                out.push(across(
                    file,
                    JsonPath::root()
                        .key("items")
                        .index(ii)
                        .key("related_goals")
                        .index(li),
                    DiagnosticKind::Reference,
                    format!("Målet {}/{} finns inte", link.report, link.goal),
                ));
            }
        }
    }
}

/// The syntax error of a file that is not JSON at all, where it is.
fn not_json(file: &str, src: &str) -> Option<Diagnostic> {
    let e = serde_json::from_str::<serde_json::Value>(src).err()?;
    let (line, column) = error_position(src, &e);
    Some(Diagnostic {
        file: file.into(),
        kind: DiagnosticKind::Syntax,
        path: "$".into(),
        line: Some(line),
        column: Some(column),
        message: format!("Filen är inte giltig JSON: {}", without_position(&e)),
    })
}

/// Parses and validates the manifest `reports/index.json`.
pub fn parse_manifest(file: &str, src: &str) -> Result<Manifest, Vec<Diagnostic>> {
    let mut sink = Sink {
        file,
        src,
        out: Vec::new(),
    };
    if let Some(d) = not_json(file, src) {
        return Err(vec![d]);
    }
    let Some(m) = deserialize::<Manifest>(src, &mut sink) else {
        return Err(sink.out);
    };
    if m.schema_version != MANIFEST_VERSION {
        sink.push(
            DiagnosticKind::SchemaVersion,
            &JsonPath::root().key("schema_version"),
            format!(
                "schema_version är {}, men visaren läser manifest av version {MANIFEST_VERSION}",
                m.schema_version
            ),
        );
    }
    for (i, e) in m.reports.iter().enumerate() {
        let p = JsonPath::root().key("reports").index(i);
        check_id(&e.id, &p.key("id"), &mut sink);
        let safe_file = e.file.ends_with(".json")
            && !e.file.contains('/')
            && !e.file.contains('\\')
            && !e.file.starts_with('.');
        if !safe_file {
            sink.push(
                DiagnosticKind::Value,
                &p.key("file"),
                format!(
                    "Filnamnet {:?} ska vara ett namn på en .json-fil bredvid manifestet",
                    e.file
                ),
            );
        }
    }
    check_unique(
        m.reports.iter().enumerate().map(|(i, e)| {
            (
                e.id.as_str(),
                JsonPath::root().key("reports").index(i).key("id"),
            )
        }),
        "Rapporten",
        &mut sink,
    );
    if sink.out.is_empty() {
        Ok(m)
    } else {
        Err(sink.out)
    }
}

/// The content checks of a list of terms (the glossary's, or a report's
/// own abbreviations) below `path`.
fn check_terms(terms: &[Term], path: &JsonPath, sink: &mut Sink) {
    for (parts, message) in glossary::problems(terms) {
        let mut p = path.clone();
        for part in parts {
            p = match part {
                glossary::PathPart::Index(i) => p.index(i),
                glossary::PathPart::Key(k) => p.key(k),
            };
        }
        sink.push(DiagnosticKind::Value, &p, message);
    }
}

/// Parses and validates `glossary.json`.
pub fn parse_glossary(file: &str, src: &str) -> Result<glossary::Glossary, Vec<Diagnostic>> {
    let mut sink = Sink {
        file,
        src,
        out: Vec::new(),
    };
    if let Some(d) = not_json(file, src) {
        return Err(vec![d]);
    }
    let Some(g) = deserialize::<glossary::Glossary>(src, &mut sink) else {
        return Err(sink.out);
    };
    if g.schema_version != glossary::GLOSSARY_VERSION {
        sink.push(
            DiagnosticKind::SchemaVersion,
            &JsonPath::root().key("schema_version"),
            format!(
                "schema_version är {}, men visaren läser ordlistor av version {}",
                g.schema_version,
                glossary::GLOSSARY_VERSION
            ),
        );
    }
    check_terms(&g.terms, &JsonPath::root().key("terms"), &mut sink);
    if sink.out.is_empty() {
        Ok(g)
    } else {
        Err(sink.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one diagnostic for a file of these lines.
    fn only(lines: &[&str]) -> Diagnostic {
        let mut d = parse_report("r.json", &lines.join("\n")).expect_err("invalid");
        assert_eq!(d.len(), 1, "{d:#?}");
        d.remove(0)
    }

    /// A file that has all it needs up to `board`, then `board` and the end.
    fn with_board(board: &str) -> Diagnostic {
        only(&[
            "{",
            r#"  "schema_version": 2,"#,
            r#"  "id": "x","#,
            r#"  "kind": "annual_analysis","#,
            board,
            "}",
        ])
    }

    #[test]
    fn a_missing_field_is_reported_at_its_own_path_and_its_object_s_place() {
        let d = with_board(r#"  "board": { "name": "N", "short": "S" }"#);
        assert_eq!(d.kind, DiagnosticKind::Structure);
        assert_eq!(d.path, "$.year");
        assert_eq!((d.line, d.column), (Some(1), Some(1)));
        assert_eq!(d.message, "Fel struktur: missing field `year`");
        let d = with_board(r#"  "board": { "name": "N" }"#);
        assert_eq!(
            d.to_string(),
            "r.json:5:12: $.board.short: Fel struktur: missing field `short`"
        );
    }

    #[test]
    fn a_wrong_type_is_reported_at_the_value_counting_characters() {
        let d = with_board(r#"  "board": { "name": "Nämnd", "short": 5 }"#);
        assert_eq!(d.path, "$.board.short");
        assert_eq!((d.line, d.column), (Some(5), Some(40)));
    }

    #[test]
    fn json_that_does_not_parse_is_reported_at_its_line_and_column_once() {
        let d = only(&["{ nope"]);
        assert_eq!(d.kind, DiagnosticKind::Syntax);
        assert_eq!(
            d.to_string(),
            "r.json:1:3: $: Filen är inte giltig JSON: key must be a string"
        );
        // Cut off after a newline: the file ends at that newline.
        let d = only(&["{", r#"  "a": [1,"#, ""]);
        assert_eq!(
            d.to_string(),
            "r.json:2:11: $: Filen tar slut mitt i (avkortad JSON): EOF while parsing a value"
        );
        // Columns count characters, not bytes: at the "o" of "nope" (read as
        // "null"), and at the last character of a cut-off file.
        let d = only(&[r#"{"åäö": nope}"#]);
        assert_eq!((d.line, d.column), (Some(1), Some(10)));
        let d = only(&[r#"{"åäö": "x""#]);
        assert_eq!((d.line, d.column), (Some(1), Some(11)));
    }
}
