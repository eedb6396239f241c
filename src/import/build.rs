//! A table read from the text as the schema's [`Table`].

use super::arith::{kept_relations, Relation as Rel};
use super::table::{is_total, RawRow, RawTable};
use super::text::{slug, unique, Doc};
use super::Review;
use crate::model::{Column, Relation, Row, RowRole, SourceRef, Table, TableKind, Text, Unit};

/// The schema's table for `t`, the `n`th of the report.
pub fn table(
    doc: &Doc,
    t: RawTable,
    n: usize,
    ids: &mut Vec<String>,
    review: &mut Review,
) -> Table {
    let base = if t.title.is_empty() {
        format!("tabell-{}", n + 1)
    } else {
        slug(&t.title, 40)
    };
    let id = unique(base, ids);
    if t.title.is_empty() {
        review.add(
            doc,
            t.line,
            "Tabellen har ingen rubrik ovanför sig: ge den en titel",
        );
    }
    let mut keys = Vec::new();
    let columns: Vec<Column> = t
        .columns
        .iter()
        .map(|c| Column {
            key: unique(slug(c, 30), &mut keys),
            label: c.clone(),
        })
        .collect();
    let mut row_keys = Vec::new();
    let mut rows: Vec<Row> = t
        .rows
        .iter()
        .map(|r| Row {
            key: unique(slug(&r.label, 40), &mut row_keys),
            label: r.label.clone(),
            giver: r.giver.clone(),
            role: RowRole::Item,
            sum_of: vec![],
            values: r.values.clone(),
            unit: r.percent.then_some(Unit::Procent),
        })
        .collect();
    for (row, raw) in rows.iter_mut().zip(&t.rows) {
        let fraction = row.values.iter().flatten().any(|v| v.fract() != 0.0);
        if fraction && !raw.percent {
            review.add(doc, raw.line, format!(
                "Raden {:?} har decimaltal men ingen enhet som tillåter dem; värdena lämnas tomma, ange enheten",
                row.label
            ));
            row.values.iter_mut().for_each(|v| *v = None);
        }
    }
    mark_totals(doc, &t.rows, &mut rows, &t.title, review);
    let relations = relations(&t.rows, &columns);
    Table {
        id,
        kind: TableKind::Other,
        title: t.title.clone(),
        description: Text::default(),
        unit: Unit::Tkr,
        plot: columns.iter().take(1).map(|c| c.key.clone()).collect(),
        columns,
        rows,
        relations,
        source: SourceRef {
            section: t.title,
            page: doc.page(t.line),
            line: Some(t.line),
        },
    }
}

/// A row whose label is a total's sums the items since the last total:
/// marked a total (the table's last row) or subtotal where every printed
/// figure equals that sum; otherwise left an item, with a review point.
fn mark_totals(doc: &Doc, raw: &[RawRow], rows: &mut [Row], title: &str, review: &mut Review) {
    let mut since = 0;
    for i in 0..rows.len() {
        if !is_total(&rows[i].label) {
            continue;
        }
        let items: Vec<usize> = (since..i)
            .filter(|&j| rows[j].role == RowRole::Item)
            .collect();
        let off = (0..rows[i].values.len()).find_map(|c| {
            let printed = rows[i].values[c]?;
            let sum: f64 = items
                .iter()
                .filter_map(|&j| rows[j].values.get(c).copied().flatten())
                .sum();
            ((printed - sum).abs() > 1e-6).then_some((printed, sum))
        });
        match off {
            None if !items.is_empty() => {
                rows[i].role = if i + 1 == rows.len() { RowRole::Total } else { RowRole::Subtotal };
                rows[i].sum_of = items.iter().map(|&j| rows[j].key.clone()).collect();
                since = i + 1;
            }
            Some((printed, sum)) => review.add(doc, raw[i].line, format!(
                "Summaraden {:?} i tabellen {title:?} är tryckt som {printed} men raderna ovanför ger {sum}: lämnad som vanlig rad; för in en avvikelse (discrepancies) om källan räknar fel",
                rows[i].label
            )),
            None => {}
        }
    }
}

/// The relations of the template (one column the difference of two, or the
/// last the sum of the rest) that hold on every row with all its figures
/// (and at least two such rows, or the table's only one).
fn relations(raw: &[RawRow], columns: &[Column]) -> Vec<Relation> {
    let complete: Vec<Vec<f64>> = raw
        .iter()
        .filter_map(|r| r.values.iter().copied().collect::<Option<Vec<f64>>>())
        .collect();
    if complete.is_empty() || complete.len() < 2 && raw.len() > 1 {
        return vec![];
    }
    let kept: Vec<Rel> = kept_relations(&complete, columns.len());
    // One relation names the table's arithmetic; the first kept is the
    // difference the template prints last (avvikelse, förändring, summa).
    let best = kept
        .iter()
        .rev()
        .find(|r| r.column + 1 == columns.len())
        .or(kept.first());
    best.map(|r| Relation {
        column: columns[r.column].key.clone(),
        plus: r.plus.iter().map(|&i| columns[i].key.clone()).collect(),
        minus: r.minus.iter().map(|&i| columns[i].key.clone()).collect(),
    })
    .into_iter()
    .collect()
}
