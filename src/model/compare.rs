//! Comparisons computed from the reports, never named: a board's editions,
//! the tables two editions share, the rows only one has, and the series
//! joined across all of a board's editions.

use super::derived::series_across_editions;
use super::report::*;

/// Every board with two or more annual analyses: its editions, oldest
/// first. Boards in the order they are first seen.
pub fn boards_with_editions<'a>(reports: &[&'a AnnualAnalysis]) -> Vec<Vec<&'a AnnualAnalysis>> {
    let mut boards: Vec<Vec<&AnnualAnalysis>> = Vec::new();
    for a in reports {
        match boards
            .iter_mut()
            .find(|b| b[0].board.short == a.board.short)
        {
            Some(b) => b.push(a),
            None => boards.push(vec![a]),
        }
    }
    for b in &mut boards {
        b.sort_by_key(|a| a.year);
    }
    boards.retain(|b| b.len() >= 2);
    boards
}

/// The reader's choice of a board and two of its editions.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice<'a> {
    /// Every edition of the chosen board, oldest first.
    pub editions: Vec<&'a AnnualAnalysis>,
    pub old: &'a AnnualAnalysis,
    pub new: &'a AnnualAnalysis,
}

/// The board whose short name is `board` (else the first), and the editions
/// with ids `from` and `to` (else, or when they are the same, its two latest).
pub fn choose<'a>(
    boards: &[Vec<&'a AnnualAnalysis>],
    board: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Option<Choice<'a>> {
    let editions = boards
        .iter()
        .find(|b| Some(b[0].board.short.as_str()) == board)
        .or_else(|| boards.first())?
        .clone();
    let find = |id: Option<&str>| editions.iter().copied().find(|a| Some(a.id.as_str()) == id);
    let n = editions.len();
    let (old, new) = match (find(from), find(to)) {
        (Some(o), Some(n)) if o.id != n.id => (o, n),
        _ => (editions[n - 2], editions[n - 1]),
    };
    Some(Choice { editions, old, new })
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

/// A board's series tables joined across all its editions: one per row of
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
