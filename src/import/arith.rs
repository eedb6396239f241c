//! The arithmetic that decides a flattened row the digit groups leave open:
//! a relation between columns that the table's other rows keep (avvikelse =
//! budget − utfall, summa = the columns before it), and the table's total.
//! What it cannot decide is a review point, never a guess.

use super::number::{self, Reading};
use super::table::{is_total, Pending, RawRow};
use super::text::Doc;
use super::Review;

/// `values[column] = Σ plus − Σ minus`.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    pub column: usize,
    pub plus: Vec<usize>,
    pub minus: Vec<usize>,
}

impl Relation {
    pub fn holds(&self, v: &[f64]) -> bool {
        // An empty cell (NaN) adds nothing, as the validator's sums count it.
        let get = |i: usize| {
            v.get(i)
                .copied()
                .map_or(f64::NAN, |x| if x.is_nan() { 0.0 } else { x })
        };
        let sum: f64 = self.plus.iter().map(|&i| get(i)).sum::<f64>()
            - self.minus.iter().map(|&i| get(i)).sum::<f64>();
        (get(self.column) - sum).abs() < 0.5
    }
}

/// The relations the template's tables can have among `k` columns: one
/// column the difference of two others, or the last the sum of the rest.
pub fn possible_relations(k: usize) -> Vec<Relation> {
    let mut out = Vec::new();
    if k < 3 {
        return out;
    }
    for c in 0..k {
        for a in 0..k {
            for b in 0..k {
                if a != b && a != c && b != c {
                    out.push(Relation {
                        column: c,
                        plus: vec![a],
                        minus: vec![b],
                    });
                }
            }
        }
    }
    if k > 3 {
        out.push(Relation {
            column: k - 1,
            plus: (0..k - 1).collect(),
            minus: vec![],
        });
    }
    out
}

/// The relations that every row read one way keeps (at least one such row).
pub fn kept_relations(rows: &[Vec<f64>], k: usize) -> Vec<Relation> {
    if rows.is_empty() {
        return Vec::new();
    }
    possible_relations(k)
        .into_iter()
        .filter(|r| rows.iter().all(|v| r.holds(v)))
        .collect()
}

/// Decides each row: one reading stands; several are narrowed by the
/// relations, then by the total; what is left open is a review point.
pub fn decide(doc: &Doc, pending: Vec<Pending>, k: usize, review: &mut Review) -> Vec<RawRow> {
    let unique: Vec<Vec<f64>> = pending
        .iter()
        .filter(|p| p.readings.len() == 1)
        .map(|p| p.readings[0].values.clone())
        .collect();
    let kept = kept_relations(&unique, k);
    let mut rows: Vec<(Pending, Vec<Reading>)> = pending
        .into_iter()
        .map(|p| {
            let left = narrow(&p.readings, &kept, k);
            (p, left)
        })
        .collect();
    by_total(&mut rows);
    rows.into_iter()
        .map(|(p, left)| finish(doc, p, left, k, review))
        .collect()
}

/// The readings the relations allow: those keeping every kept relation, or,
/// where no row shows one, those keeping any relation of the template.
fn narrow(readings: &[Reading], kept: &[Relation], k: usize) -> Vec<Reading> {
    if readings.len() <= 1 {
        return readings.to_vec();
    }
    if !kept.is_empty() {
        return readings
            .iter()
            .filter(|r| kept.iter().all(|rel| rel.holds(&r.values)))
            .cloned()
            .collect();
    }
    let any = possible_relations(k);
    let fit: Vec<Reading> = readings
        .iter()
        .filter(|r| any.iter().any(|rel| rel.holds(&r.values)))
        .cloned()
        .collect();
    if fit.len() == 1 {
        fit
    } else {
        readings.to_vec()
    }
}

/// Where one row is left open, the table's total (the last row whose label
/// is a total's, all of whose items are decided) picks the reading that
/// makes the items add up to it, or the total that the items add up to.
fn by_total(rows: &mut [(Pending, Vec<Reading>)]) {
    let open: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].1.len() > 1).collect();
    let [o] = open[..] else { return };
    let Some(t) = (0..rows.len())
        .rev()
        .find(|&i| is_total(&label_of(&rows[i])))
    else {
        return;
    };
    let items: Vec<usize> = (0..t).filter(|&i| !is_total(&label_of(&rows[i]))).collect();
    let sum_with = |choice: &Reading, col: usize| -> f64 {
        items
            .iter()
            .map(|&i| {
                if i == o {
                    choice.values[col]
                } else {
                    first(&rows[i], col)
                }
            })
            .sum()
    };
    let k = rows[o].1[0].values.len();
    let fits: Vec<Reading> = rows[o]
        .1
        .iter()
        .filter(|c| {
            (0..k).all(|col| {
                let total = if o == t {
                    c.values[col]
                } else {
                    first(&rows[t], col)
                };
                let sum = if o == t {
                    items.iter().map(|&i| first(&rows[i], col)).sum()
                } else {
                    sum_with(c, col)
                };
                (total - sum).abs() < 0.5
            })
        })
        .cloned()
        .collect();
    if fits.len() == 1 {
        rows[o].1 = fits;
    }
}

fn label_of(row: &(Pending, Vec<Reading>)) -> String {
    row.1.first().map(|r| r.label.clone()).unwrap_or_default()
}

fn first(row: &(Pending, Vec<Reading>), col: usize) -> f64 {
    match &row.1[..] {
        [one] => one.values.get(col).copied().unwrap_or(f64::NAN),
        _ => f64::NAN,
    }
}

fn finish(doc: &Doc, p: Pending, left: Vec<Reading>, k: usize, review: &mut Review) -> RawRow {
    match &left[..] {
        [one] => RawRow {
            label: one.label.clone(),
            values: one
                .values
                .iter()
                .map(|v| (!v.is_nan()).then_some(*v))
                .collect(),
            line: p.line,
            giver: None,
            percent: p.percent,
        },
        _ => {
            if !p.readings.is_empty() {
                let shown: Vec<String> = p
                    .readings
                    .iter()
                    .take(4)
                    .map(|r| format!("{:?}", r.values))
                    .collect();
                let none = if left.is_empty() {
                    " (ingen av dem stämmer med tabellens räkning)"
                } else {
                    ""
                };
                review.add(
                    doc,
                    p.line,
                    format!(
                        "Raden {:?} kan läsas på {} sätt{none}: {}; värdena lämnas tomma",
                        p.text,
                        p.readings.len(),
                        shown.join(" eller ")
                    ),
                );
            }
            let toks = number::tokens(&p.text);
            let label = toks[..toks.len() - number::numeric_tail(&toks)].join(" ");
            let label = p.readings.first().map(|r| r.label.clone()).unwrap_or(label);
            RawRow {
                label,
                values: vec![None; k],
                line: p.line,
                giver: None,
                percent: p.percent,
            }
        }
    }
}
