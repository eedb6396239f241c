//! Change over the years (issue #33): a board's file, written by
//! `cargo xtask dist` from its reports, and the tables its charts draw. A
//! board's page reads its own file (`reports/boards/{key}.json`), not the
//! catalogue, so what it fetches grows with the board's reports, not with
//! the archive; a council goal's page reads the goal's file
//! ([`super::catalogue::GoalHistory`]). The tables are computed, never
//! written: each figure in them is a count of the reports' assessments or
//! a value as a report printed it, and the grid under each chart links
//! every cell to the page that shows it with its source.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::catalogue::{GoalHistory, GoalTitles};
use super::derived::StatusCounts;
use super::report::*;

/// A board's key in addresses and file names: its short name in lower
/// case, each character that is not a letter or digit a hyphen.
pub fn board_key(short: &str) -> String {
    short
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                '-'
            }
        })
        .collect()
}

/// A board's file below the site's base.
pub fn board_file(key: &str) -> String {
    format!("reports/boards/{key}.json")
}

/// One board across the archive: what its page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardHistory {
    pub key: String,
    pub board: Board,
    /// Every annual analysis of the board, newest first.
    pub years: Vec<BoardYear>,
    /// The board's statements, newest first.
    pub statements: Vec<BoardStatement>,
    /// The titles of the goals its analyses assess, by id.
    pub goals: BTreeMap<String, GoalTitles>,
}

/// One annual analysis of a board.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardYear {
    pub report: String,
    pub year: u16,
    /// The document's title as printed.
    pub title: String,
    /// Its goals in document order, with the year's assessment.
    pub goals: Vec<(String, GoalStatus)>,
    /// The table that holds the year's result, at the result's column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<ResultTable>,
}

/// The rows of the table that holds a year's result (as the report's
/// `result` names it), each at the result's column: the result beside
/// what it is the difference of (kommunbidrag and net cost, where the
/// table prints them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultTable {
    /// The table's title and the column's label, as printed.
    pub title: String,
    pub column: String,
    /// The source document's title and where the table stands in it.
    pub doc: String,
    pub source: SourceRef,
    /// (row key, label as printed, value as printed, unit).
    pub rows: Vec<(String, String, Option<f64>, Unit)>,
    /// The key of the row that holds the result.
    pub result_row: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardStatement {
    pub report: String,
    pub year: u16,
    pub title: String,
    pub name: Text,
}

impl BoardYear {
    pub fn counts(&self) -> StatusCounts {
        self.goals.iter().map(|(_, s)| *s).collect()
    }

    /// The year's status of goal `id`, if this analysis assesses it.
    pub fn status_of(&self, id: &str) -> Option<GoalStatus> {
        self.goals.iter().find(|(g, _)| g == id).map(|(_, s)| *s)
    }
}

fn result_table(a: &AnnualAnalysis) -> Option<ResultTable> {
    let c = a.result.as_ref()?;
    let t = a.table(&c.table)?;
    let ci = t.column_index(&c.column)?;
    Some(ResultTable {
        title: t.title.clone(),
        column: t.columns[ci].label.clone(),
        doc: a.source.title.clone(),
        source: t.source.clone(),
        rows: t
            .rows
            .iter()
            .map(|r| {
                let v = r.values.get(ci).copied().flatten();
                (r.key.clone(), r.label.clone(), v, r.unit.unwrap_or(t.unit))
            })
            .collect(),
        result_row: c.row.clone(),
    })
}

/// Every board's file, by key, from the reports (any order).
pub fn board_histories<'a, I>(reports: I) -> BTreeMap<String, BoardHistory>
where
    I: IntoIterator<Item = &'a Report>,
{
    let mut out: BTreeMap<String, BoardHistory> = BTreeMap::new();
    for r in reports {
        let board = r.board();
        let key = board_key(&board.short);
        let h = out.entry(key.clone()).or_insert_with(|| BoardHistory {
            key,
            board: board.clone(),
            years: Vec::new(),
            statements: Vec::new(),
            goals: BTreeMap::new(),
        });
        match r {
            Report::Annual(a) => {
                for (_, g) in a.goals() {
                    h.goals.entry(g.id.clone()).or_insert_with(|| GoalTitles {
                        title: g.title.clone(),
                        title_en: g.title_en.clone(),
                    });
                }
                h.years.push(BoardYear {
                    report: a.id.clone(),
                    year: a.year,
                    title: a.title.clone(),
                    goals: a
                        .goals()
                        .map(|(_, g)| (g.id.clone(), g.assessment.status))
                        .collect(),
                    result: result_table(a),
                });
            }
            Report::Statement(s) => h.statements.push(BoardStatement {
                report: s.id.clone(),
                year: s.year,
                title: s.title.clone(),
                name: s.name.clone(),
            }),
        }
    }
    for h in out.values_mut() {
        h.years
            .sort_by(|a, b| b.year.cmp(&a.year).then(a.report.cmp(&b.report)));
        h.statements
            .sort_by(|a, b| b.year.cmp(&a.year).then(a.report.cmp(&b.report)));
    }
    out
}

/// A computed table's source: where its figures come from.
fn computed_source(section: String) -> SourceRef {
    SourceRef {
        section,
        page: None,
        line: None,
    }
}

fn year_row(year: u16, values: Vec<Option<f64>>, unit: Option<Unit>) -> Row {
    Row {
        key: year.to_string(),
        label: year.to_string(),
        giver: None,
        role: RowRole::Item,
        sum_of: Vec::new(),
        values,
        unit,
    }
}

fn column(key: &str, label: &str) -> Column {
    Column {
        key: key.into(),
        label: label.into(),
    }
}

/// The three statuses in the order charts and grids show them.
pub const STATUSES: [GoalStatus; 3] = [
    GoalStatus::Uppnatt,
    GoalStatus::DelvisUppnatt,
    GoalStatus::EjUppnatt,
];

impl BoardHistory {
    /// Its analyses in `from..=to` (either open), oldest first.
    pub fn years_in(&self, from: Option<u16>, to: Option<u16>) -> Vec<&BoardYear> {
        let mut ys: Vec<&BoardYear> = self
            .years
            .iter()
            .filter(|y| from.is_none_or(|f| y.year >= f) && to.is_none_or(|t| y.year <= t))
            .collect();
        ys.reverse();
        ys
    }

    /// How many goals each analysis assessed with each status: a row per
    /// year (oldest first), a column per status, labelled `labels`.
    pub fn status_table(&self, years: &[&BoardYear], words: &HistoryWords) -> Table {
        let columns = STATUSES
            .iter()
            .zip(words.statuses)
            .map(|(s, l)| column(status_key(*s), l))
            .collect::<Vec<_>>();
        Table {
            id: "malstatus-over-tid".into(),
            kind: TableKind::Series,
            title: words.status_title.into(),
            description: words.status_description.clone(),
            unit: Unit::Antal,
            plot: columns.iter().map(|c| c.key.clone()).collect(),
            columns,
            rows: years
                .iter()
                .map(|y| {
                    let c = y.counts();
                    let v = STATUSES.iter().map(|s| Some(c.get(*s) as f64)).collect();
                    year_row(y.year, v, None)
                })
                .collect(),
            relations: Vec::new(),
            source: computed_source(words.status_source.into()),
        }
    }

    /// The result's table over the years: a row per year (oldest first),
    /// a column per row of the table (by key, labelled as the newest
    /// edition prints it), each value as that year's report printed it.
    /// `None` when no analysis names its result.
    pub fn result_table(&self, years: &[&BoardYear]) -> Option<Table> {
        let with: Vec<(u16, &ResultTable)> = years
            .iter()
            .filter_map(|y| y.result.as_ref().map(|r| (y.year, r)))
            .collect();
        let (_, newest) = with.last()?;
        let mut keys: Vec<(String, String, Unit)> = Vec::new();
        for (_, r) in with.iter().rev() {
            for (k, l, _, u) in &r.rows {
                if !keys.iter().any(|(x, _, _)| x == k) {
                    keys.push((k.clone(), l.clone(), *u));
                }
            }
        }
        let unit = keys.first().map_or(Unit::Tkr, |k| k.2);
        keys.retain(|k| k.2 == unit);
        Some(Table {
            id: "resultat-over-tid".into(),
            kind: TableKind::Series,
            title: format!("{}, {}", newest.title, newest.column.to_lowercase()),
            description: Text::default(),
            unit,
            plot: keys.iter().map(|k| k.0.clone()).collect(),
            columns: keys.iter().map(|(k, l, _)| column(k, l)).collect(),
            rows: with
                .iter()
                .map(|(year, r)| {
                    let v = keys
                        .iter()
                        .map(|(k, _, _)| r.rows.iter().find(|x| &x.0 == k).and_then(|x| x.2))
                        .collect();
                    year_row(*year, v, None)
                })
                .collect(),
            relations: Vec::new(),
            source: newest.source.clone(),
        })
    }
}

/// The words of the computed tables, in the page's language (the model
/// knows none: the UI passes them).
pub struct HistoryWords {
    pub statuses: [&'static str; 3],
    pub status_title: &'static str,
    pub status_description: Text,
    pub status_source: &'static str,
    pub share_title: &'static str,
    pub share_column: &'static str,
    pub share_description: Text,
}

/// A status's key in computed tables' columns.
pub fn status_key(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::Uppnatt => "uppnatt",
        GoalStatus::DelvisUppnatt => "delvis-uppnatt",
        GoalStatus::EjUppnatt => "ej-uppnatt",
    }
}

/// A council goal across the city, year by year: (year, each board's
/// assessment that year, in board order).
pub struct GoalAcross<'a> {
    /// Every board that assesses the goal, by short name, in first-seen order.
    pub boards: Vec<&'a str>,
    /// Every year some board assesses it, oldest first.
    pub years: Vec<u16>,
}

impl GoalHistory {
    /// Its boards and years.
    pub fn across(&self) -> GoalAcross<'_> {
        let mut boards: Vec<&str> = Vec::new();
        let mut years: Vec<u16> = Vec::new();
        for r in &self.reports {
            if !boards.contains(&r.board.as_str()) {
                boards.push(&r.board);
            }
            if !years.contains(&r.year) {
                years.push(r.year);
            }
        }
        years.sort_unstable();
        GoalAcross { boards, years }
    }

    /// The assessment of board `board` in `year`, with its report.
    pub fn cell(&self, board: &str, year: u16) -> Option<&super::catalogue::GoalInReport> {
        self.reports
            .iter()
            .find(|r| r.board == board && r.year == year)
    }

    /// The share of the boards assessing the goal each year that met it,
    /// in percent (a row per year, oldest first).
    pub fn share_table(&self, words: &HistoryWords) -> Table {
        let years = self.across().years;
        Table {
            id: "andel-uppnatt".into(),
            kind: TableKind::Series,
            title: words.share_title.into(),
            description: words.share_description.clone(),
            unit: Unit::Procent,
            plot: vec!["andel".into()],
            columns: vec![column("andel", words.share_column)],
            rows: years
                .iter()
                .map(|y| {
                    let of_year: Vec<_> = self.reports.iter().filter(|r| r.year == *y).collect();
                    let met = of_year
                        .iter()
                        .filter(|r| r.status == GoalStatus::Uppnatt)
                        .count();
                    let share = (met as f64 * 1000.0 / of_year.len() as f64).round() / 10.0;
                    year_row(*y, vec![Some(share)], None)
                })
                .collect(),
            relations: Vec::new(),
            source: computed_source(words.status_source.into()),
        }
    }
}
