//! Report files written for an older `schema_version`, read as the current
//! one (issue #34). An archive is years of files: a new version must not
//! make every older file fail until someone edits it by hand.
//!
//! Each step fills in what the newer version requires, by rules the older
//! viewer applied itself, kept as data (`assets/migrations.json`, with the
//! council's goal list `assets/goals.json` for English titles). Nothing is
//! guessed: what a rule cannot supply is left out, and the validator then
//! names it as for any file. Every value filled in is a [`Note`].
//!
//! The fields are inserted into the file's own text, beside the members
//! they belong with, so `cargo xtask migrate` writes a file that differs
//! from the original only by them, and the build serves that text.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::diagnostic::Diagnostic;
use super::locate::{self, JsonPath};
use super::report::{Report, SCHEMA_VERSION};

/// The bundled rules.
pub const MIGRATIONS: &str = include_str!("../../assets/migrations.json");
/// The council's goal list, the source of English titles.
pub const COUNCIL_GOALS: &str = include_str!("../../assets/goals.json");

/// One step, from a version to the next.
#[derive(Deserialize)]
struct Step {
    from: u64,
    to: u64,
    /// The unit every table had.
    table_unit: String,
    /// The columns the older viewer plotted, by table kind.
    plot: BTreeMap<String, Vec<String>>,
    /// Kinds of which it plotted every column.
    plot_every_column: Vec<String>,
}

#[derive(Deserialize)]
struct Steps {
    steps: Vec<Step>,
}

#[derive(Deserialize)]
struct CouncilGoals {
    goal_areas: Vec<Titled>,
}

#[derive(Deserialize)]
struct Titled {
    id: String,
    title_en: String,
    #[serde(default)]
    goals: Vec<Titled>,
}

/// The migration steps and the English titles they fill in.
pub struct Rules {
    steps: Vec<Step>,
    areas_en: BTreeMap<String, String>,
    goals_en: BTreeMap<String, String>,
}

impl Rules {
    /// The rules of `migrations` (as `assets/migrations.json`) with the
    /// titles of `goals` (as `assets/goals.json`).
    pub fn new(migrations: &str, goals: &str) -> Result<Self, String> {
        let steps: Steps =
            serde_json::from_str(migrations).map_err(|e| format!("migrations.json: {e}"))?;
        let goals: CouncilGoals =
            serde_json::from_str(goals).map_err(|e| format!("goals.json: {e}"))?;
        let areas_en = goals
            .goal_areas
            .iter()
            .map(|a| (a.id.clone(), a.title_en.clone()))
            .collect();
        let goals_en = goals
            .goal_areas
            .iter()
            .flat_map(|a| &a.goals)
            .map(|g| (g.id.clone(), g.title_en.clone()))
            .collect();
        Ok(Rules {
            steps: steps.steps,
            areas_en,
            goals_en,
        })
    }

    /// The bundled rules.
    pub fn bundled() -> Result<Self, String> {
        Self::new(MIGRATIONS, COUNCIL_GOALS)
    }
}

/// A value a migration filled in: where, and from what, in Swedish.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// JSON path of the value, e.g. `$.tables[2].unit`.
    pub path: String,
    pub message: String,
}

/// A file migrated to the current version.
#[derive(Clone, Debug, PartialEq)]
pub struct Migrated {
    /// The file's text with the filled-in values.
    pub text: String,
    /// The version it was written for.
    pub from: u64,
    pub notes: Vec<Note>,
}

/// An insertion (an empty range) or a replacement in the text.
struct Edit {
    range: Range<usize>,
    text: String,
}

/// The file `src` migrated to the current version, or `None` when there is
/// nothing to migrate: it is of the current version, is not JSON, has no
/// version, or one no step starts from (the validator then says so).
pub fn migrate(src: &str, rules: &Rules) -> Option<Migrated> {
    let version = |text: &str| {
        serde_json::from_str::<Value>(text)
            .ok()?
            .get("schema_version")?
            .as_u64()
    };
    let from = version(src)?;
    let mut text = src.to_string();
    let mut notes = Vec::new();
    let mut at = from;
    while at < u64::from(SCHEMA_VERSION) {
        let step = rules.steps.iter().find(|s| s.from == at)?;
        let value: Value = serde_json::from_str(&text).ok()?;
        let mut edits = step.edits(&text, &value, rules, &mut notes);
        let v = locate::span(&text, &JsonPath::root().key("schema_version"))?;
        edits.push(Edit {
            range: v,
            text: step.to.to_string(),
        });
        text = apply(&text, edits);
        at = step.to;
    }
    (at != from).then_some(Migrated { text, from, notes })
}

/// Applies `edits` (ranges of the original text, none overlapping), the
/// insertions at one place in the order given.
fn apply(src: &str, mut edits: Vec<Edit>) -> String {
    let mut order: Vec<usize> = (0..edits.len()).collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(edits[i].range.start),
            std::cmp::Reverse(i),
        )
    });
    let mut out = src.to_string();
    for i in order {
        let e = std::mem::take(&mut edits[i].text);
        out.replace_range(edits[i].range.clone(), &e);
    }
    out
}

impl Step {
    fn edits(&self, src: &str, value: &Value, rules: &Rules, notes: &mut Vec<Note>) -> Vec<Edit> {
        let mut edits = Vec::new();
        let root = JsonPath::root();
        for (ai, area) in elements(value, "goal_areas") {
            let apath = root.key("goal_areas").index(ai);
            title_en(
                src,
                area,
                &apath,
                &rules.areas_en,
                "målområdets",
                &mut edits,
                notes,
            );
            for (gi, goal) in elements(area, "goals") {
                let gpath = apath.key("goals").index(gi);
                title_en(
                    src,
                    goal,
                    &gpath,
                    &rules.goals_en,
                    "målets",
                    &mut edits,
                    notes,
                );
            }
        }
        for (ti, table) in elements(value, "tables") {
            let tpath = root.key("tables").index(ti);
            if table.get("unit").is_none() {
                let v = Value::from(self.table_unit.as_str());
                let why = format!(
                    "version {} angav alla tabellers värden i {}",
                    self.from, self.table_unit
                );
                add(src, table, &tpath, "unit", &v, why, &mut edits, notes);
            }
            if table.get("plot").is_none() {
                let (columns, why) = self.plot(table);
                let v = Value::from(columns);
                add(src, table, &tpath, "plot", &v, why, &mut edits, notes);
            }
        }
        edits
    }

    /// The columns the older viewer plotted for `table`, and which rule.
    fn plot(&self, table: &Value) -> (Vec<String>, String) {
        let kind = table.get("kind").and_then(Value::as_str).unwrap_or("");
        let keys: Vec<String> = elements(table, "columns")
            .filter_map(|(_, c)| Some(c.get("key")?.as_str()?.to_string()))
            .collect();
        let from = self.from;
        if let Some(want) = self.plot.get(kind) {
            let picked: Vec<String> = want.iter().filter(|k| keys.contains(k)).cloned().collect();
            if !picked.is_empty() {
                let why = format!("kolumnerna som version {from} ritade för tabelltypen {kind}");
                return (picked, why);
            }
        }
        if self.plot_every_column.iter().any(|k| k == kind) {
            let why = format!("version {from} ritade varje kolumn i tabelltypen {kind}");
            return (keys, why);
        }
        let last = keys.last().cloned().into_iter().collect();
        let why = format!("version {from} ritade tabellens sista kolumn");
        (last, why)
    }
}

/// Fills in a goal area's or goal's `title_en` from the council's list.
fn title_en(
    src: &str,
    obj: &Value,
    path: &JsonPath,
    titles: &BTreeMap<String, String>,
    whose: &str,
    edits: &mut Vec<Edit>,
    notes: &mut Vec<Note>,
) {
    if obj.get("title_en").is_some() {
        return;
    }
    let id = obj.get("id").and_then(Value::as_str).unwrap_or("");
    // Not in the council's list: left out, and the validator names it.
    let Some(title) = titles.get(id) else { return };
    let why = format!("{whose} engelska titel ur kommunfullmäktiges mållista (id {id})");
    let v = Value::from(title.as_str());
    add(src, obj, path, "title_en", &v, why, edits, notes);
}

/// Inserts `key: value` into the object at `path`, after its `title`,
/// `description` or else first, and notes it.
#[allow(clippy::too_many_arguments)]
fn add(
    src: &str,
    obj: &Value,
    path: &JsonPath,
    key: &str,
    value: &Value,
    why: String,
    edits: &mut Vec<Edit>,
    notes: &mut Vec<Note>,
) {
    let member = format!("\"{key}\": {value}");
    let after = ["description", "title"]
        .into_iter()
        .filter(|k| obj.get(*k).is_some())
        .find_map(|k| locate::span(src, &path.key(k)));
    let edit = match (after, locate::offset(src, path)) {
        (Some(prev), _) => {
            let indent = indent_of(src, prev.start);
            Edit {
                range: prev.end..prev.end,
                text: format!(",\n{indent}{member}"),
            }
        }
        (None, Some(open)) => Edit {
            range: open + 1..open + 1,
            text: if obj.as_object().is_some_and(|o| !o.is_empty()) {
                format!("{member}, ")
            } else {
                member
            },
        },
        (None, None) => return,
    };
    edits.push(edit);
    notes.push(Note {
        path: path.key(key).to_string(),
        message: format!("{key} = {value}: {why}"),
    });
}

/// The indentation of the line that holds byte `at`.
fn indent_of(src: &str, at: usize) -> &str {
    let start = src[..at].rfind('\n').map_or(0, |p| p + 1);
    let line = &src[start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

fn elements<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = (usize, &'a Value)> {
    v.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

/// Parses and validates one report file, migrating it first if it was
/// written for an older version: the report, and the migration (its text
/// and what was filled in) if there was one. A problem is placed in the
/// file as written (a filled-in field's at the object it was added to).
pub fn parse_report(
    file: &str,
    src: &str,
    rules: &Rules,
) -> Result<(Report, Option<Migrated>), Vec<Diagnostic>> {
    match migrate(src, rules) {
        None => super::validate::parse_report(file, src).map(|r| (r, None)),
        Some(m) => match super::validate::parse_report(file, &m.text) {
            Ok(r) => Ok((r, Some(m))),
            Err(ds) => Err(ds.into_iter().map(|d| placed_in(d, src)).collect()),
        },
    }
}

/// `d`, with its line and column those of its path (or the nearest object
/// that has it) in `src`.
fn placed_in(mut d: Diagnostic, src: &str) -> Diagnostic {
    let mut path = JsonPath::parse_serde(d.path.trim_start_matches('$'));
    loop {
        if let Some((line, column)) = locate::locate(src, &path) {
            (d.line, d.column) = (Some(line), Some(column));
            return d;
        }
        if path.0.pop().is_none() {
            (d.line, d.column) = (None, None);
            return d;
        }
    }
}

/// A reader's own report file as the validator module reads it: its
/// problems (none: the viewer can show it), and, when it was written for an
/// older version, the migrated text and what was filled in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OwnFile {
    pub problems: Vec<Diagnostic>,
    /// The migrated text, when the file was migrated.
    pub text: Option<String>,
    /// The version it was written for, when it was migrated.
    pub from: u64,
    pub notes: Vec<Note>,
}

/// Reads a reader's own report file with the bundled rules.
pub fn read_own(file: &str, src: &str) -> OwnFile {
    let rules = match Rules::bundled() {
        Ok(r) => r,
        Err(e) => {
            return OwnFile {
                problems: vec![Diagnostic::without_position(
                    file,
                    super::diagnostic::DiagnosticKind::Structure,
                    "",
                    e,
                )],
                ..OwnFile::default()
            }
        }
    };
    match parse_report(file, src, &rules) {
        Err(problems) => OwnFile {
            problems,
            ..OwnFile::default()
        },
        Ok((_, None)) => OwnFile::default(),
        Ok((_, Some(m))) => OwnFile {
            problems: Vec::new(),
            text: Some(m.text),
            from: m.from,
            notes: m.notes,
        },
    }
}
