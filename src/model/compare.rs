//! Comparisons computed from the reports, never named: a board's editions,
//! the tables two editions share, the rows only one has, the series
//! joined across editions, and the goal matrix's columns and changes read
//! from the catalogue.

use super::catalogue::{Catalogue, CatalogueReport};
use super::derived::{series_across_editions, StatusChange};
use super::report::*;

/// An annual analysis as a choice lists it: a report itself, its manifest
/// entry or its line in the catalogue, so a page can choose editions
/// before it has their files.
pub trait Edition {
    fn edition_id(&self) -> &str;
    fn board_short(&self) -> &str;
    fn edition_year(&self) -> u16;
}

/// The three carry the same fields under the same names.
macro_rules! edition {
    ($($t:ty),*) => {$(
        impl Edition for $t {
            fn edition_id(&self) -> &str {
                &self.id
            }
            fn board_short(&self) -> &str {
                &self.board.short
            }
            fn edition_year(&self) -> u16 {
                self.year
            }
        }
    )*};
}

edition!(AnnualAnalysis, ManifestEntry, CatalogueReport);

/// Every board with two or more annual analyses: its editions, oldest
/// first. Boards in the order they are first seen.
pub fn boards_with_editions<'a, E: Edition>(reports: &[&'a E]) -> Vec<Vec<&'a E>> {
    let mut boards = by_board(reports);
    boards.retain(|b| b.len() >= 2);
    boards
}

/// Every board's editions, oldest first, boards in first-seen order.
fn by_board<'a, E: Edition>(reports: &[&'a E]) -> Vec<Vec<&'a E>> {
    let mut boards: Vec<Vec<&E>> = Vec::new();
    for a in reports {
        match boards
            .iter_mut()
            .find(|b| b[0].board_short() == a.board_short())
        {
            Some(b) => b.push(a),
            None => boards.push(vec![a]),
        }
    }
    for b in &mut boards {
        b.sort_by_key(|a| a.edition_year());
    }
    boards
}

/// The annual analyses among a manifest's entries.
pub fn annual_entries(entries: &[ManifestEntry]) -> Vec<&ManifestEntry> {
    entries
        .iter()
        .filter(|e| e.kind == "annual_analysis")
        .collect()
}

/// The reader's choice of a board and two of its editions.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice<'a, E> {
    /// Every edition of the chosen board, oldest first.
    pub editions: Vec<&'a E>,
    pub old: &'a E,
    pub new: &'a E,
}

/// The board whose short name is `board` (else the first), and the editions
/// with ids `from` and `to` (else, or when they are the same, its two latest).
pub fn choose<'a, E: Edition>(
    boards: &[Vec<&'a E>],
    board: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Option<Choice<'a, E>> {
    let editions = boards
        .iter()
        .find(|b| Some(b[0].board_short()) == board)
        .or_else(|| boards.first())?
        .clone();
    let find = |id: Option<&str>| {
        editions
            .iter()
            .copied()
            .find(|a| Some(a.edition_id()) == id)
    };
    let n = editions.len();
    let (old, new) = match (find(from), find(to)) {
        (Some(o), Some(n)) if o.edition_id() != n.edition_id() => (o, n),
        _ => (editions[n - 2], editions[n - 1]),
    };
    Some(Choice { editions, old, new })
}

/// The goal matrix's columns: the annual analyses of the chosen `boards`
/// (short names) in the chosen `years`; either left empty means all of
/// them, and both empty means each board's latest edition. Board by board
/// in first-seen order, oldest first.
pub fn matrix_columns<'a>(
    c: &'a Catalogue,
    boards: &[String],
    years: &[u16],
) -> Vec<&'a CatalogueReport> {
    let annuals: Vec<&CatalogueReport> = c.reports.iter().filter(|r| r.is_annual()).collect();
    let by_board = by_board(&annuals);
    if boards.is_empty() && years.is_empty() {
        return by_board.iter().filter_map(|b| b.last().copied()).collect();
    }
    by_board
        .into_iter()
        .flatten()
        .filter(|r| boards.is_empty() || boards.contains(&r.board.short))
        .filter(|r| years.is_empty() || years.contains(&r.year))
        .collect()
}

/// What the matrix offers to choose from: every board with an annual
/// analysis (short name, name) in first-seen order, and every year, newest first.
pub fn matrix_options(c: &Catalogue) -> (Vec<(String, String)>, Vec<u16>) {
    let mut boards: Vec<(String, String)> = Vec::new();
    let mut years: Vec<u16> = Vec::new();
    for r in c.reports.iter().filter(|r| r.is_annual()) {
        if !boards.iter().any(|(s, _)| s == &r.board.short) {
            boards.push((r.board.short.clone(), r.board.name.clone()));
        }
        if !years.contains(&r.year) {
            years.push(r.year);
        }
    }
    years.sort_by(|a, b| b.cmp(a));
    (boards, years)
}

/// The matrix's rows: every goal its columns assess, in first-seen order.
pub fn matrix_rows(columns: &[&CatalogueReport]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in columns {
        for (g, _) in &r.goals {
            if !out.contains(g) {
                out.push(g.clone());
            }
        }
    }
    out
}

/// A board's two latest editions and the goals whose status moved between them.
pub type BoardChanges<'a> = (&'a CatalogueReport, &'a CatalogueReport, Vec<StatusChange>);

/// For each board with two or more editions in the catalogue: the goals
/// assessed in both of its two latest editions whose status moved, in the
/// later edition's order.
pub fn board_changes(c: &Catalogue) -> Vec<BoardChanges<'_>> {
    let annuals: Vec<&CatalogueReport> = c.reports.iter().filter(|r| r.is_annual()).collect();
    boards_with_editions(&annuals)
        .into_iter()
        .map(|b| {
            let (old, new) = (b[b.len() - 2], b[b.len() - 1]);
            let changes = new
                .goals
                .iter()
                .filter_map(|(g, after)| {
                    let (_, before) = old.goals.iter().find(|(o, _)| o == g)?;
                    (before != after).then(|| StatusChange {
                        goal: g.clone(),
                        title: c
                            .goals
                            .get(g)
                            .map_or_else(|| g.clone(), |t| t.title.clone()),
                        before: *before,
                        after: *after,
                    })
                })
                .collect();
            (old, new, changes)
        })
        .collect()
}

/// Tables of the same kind in both editions, in the later edition's order.
/// Several tables of one kind pair by id first, then in order; a kind the
/// viewer does not know pairs by id only.
pub fn shared_tables<'a>(
    old: &'a AnnualAnalysis,
    new: &'a AnnualAnalysis,
) -> Vec<(&'a Table, &'a Table)> {
    let mut used = vec![false; old.tables.len()];
    let mut out = Vec::new();
    for nt in &new.tables {
        let same_kind = |i: usize| {
            !used[i]
                && old.tables[i].kind == nt.kind
                && (nt.kind != TableKind::Other || old.tables[i].id == nt.id)
        };
        let pick = (0..old.tables.len())
            .find(|&i| same_kind(i) && old.tables[i].id == nt.id)
            .or_else(|| (0..old.tables.len()).find(|&i| same_kind(i)));
        if let Some(i) = pick {
            used[i] = true;
            out.push((&old.tables[i], nt));
        }
    }
    out
}

fn same_row(a: &Row, b: &Row) -> bool {
    a.key == b.key || a.label == b.label
}

/// Rows of each table that the other lacks (matched by key or, failing
/// that, by label): (only in `old`, only in `new`).
pub fn unmatched_rows<'a>(old: &'a Table, new: &'a Table) -> (Vec<&'a Row>, Vec<&'a Row>) {
    let only = |a: &'a Table, b: &'a Table| {
        a.rows
            .iter()
            .filter(|r| !b.rows.iter().any(|o| same_row(r, o)))
            .collect()
    };
    (only(old, new), only(new, old))
}

/// A series joined across a board's editions.
#[derive(Clone, Debug, PartialEq)]
pub struct JoinedSeries {
    /// The years as rows and each edition as a column, so every value shows
    /// which edition printed it.
    pub table: Table,
    /// Each edition that prints the series: its title and where it stands.
    pub sources: Vec<(String, SourceRef)>,
}

/// A board's series tables joined across the given editions: one per row of
/// a series (rows in another unit than the table's, such as yearly changes
/// in percent, are left out).
pub fn joined_series(editions: &[&AnnualAnalysis]) -> Vec<JoinedSeries> {
    let mut out = Vec::new();
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for a in editions.iter().rev() {
        for t in a.tables.iter().filter(|t| t.kind == TableKind::Series) {
            for r in t.rows.iter().filter(|r| r.unit.unwrap_or(t.unit) == t.unit) {
                if seen.contains(&(t.id.as_str(), r.key.as_str())) {
                    continue;
                }
                seen.push((&t.id, &r.key));
                if let Some(table) = series_across_editions(editions, &t.id, &r.key) {
                    let sources = sources_of(editions, &t.id, &r.key);
                    out.push(JoinedSeries { table, sources });
                }
            }
        }
    }
    out
}

/// Where each edition prints one row of a series table.
fn sources_of(editions: &[&AnnualAnalysis], table: &str, row: &str) -> Vec<(String, SourceRef)> {
    editions
        .iter()
        .filter_map(|a| {
            let t = a.table(table)?;
            t.rows
                .iter()
                .any(|r| r.key == row)
                .then(|| (a.title.clone(), t.source.clone()))
        })
        .collect()
}

/// Years that two editions print differently in a joined series: the
/// year's label and the values as the editions give them.
pub fn restated_years(series: &Table) -> Vec<(&str, Vec<f64>)> {
    series
        .rows
        .iter()
        .filter_map(|r| {
            let vals: Vec<f64> = r.values.iter().flatten().copied().collect();
            let differs = vals.windows(2).any(|w| w[0] != w[1]);
            differs.then_some((r.label.as_str(), vals))
        })
        .collect()
}
