//! Chart geometry and drawing (pure).
//!
//! A finance table becomes a [`Chart`]: rows of horizontal bars with the row's
//! label and printed value on a line above its bars, a value axis in mnkr, and
//! the geometry of every mark, so the UI can give each mark a focus target, a
//! tooltip and the nearest mark under a pointer. [`svg::render`] draws the
//! chart with plotters' SVG backend.

pub mod scale;
pub mod svg;

use crate::model::format::{self, Lang};
use crate::model::{GoalStatus, RowRole, Table, TableKind, Unit};
use scale::Linear;

/// Layout constants, in SVG user units.
pub const FONT: f64 = 13.0;
const LINE: f64 = 17.0;
const BAR: f64 = 14.0;
const BAR_GAP: f64 = 3.0;
const ROW_GAP: f64 = 12.0;
const AXIS: f64 = 40.0;
const PAD: f64 = 8.0;
/// Rough width of one character, for wrapping labels (sans-serif at [`FONT`]).
const CHAR_W: f64 = FONT * 0.56;
/// A bold character is wider.
const BOLD: f64 = 1.1;
/// Space kept between a row's label and its value on the same line.
const LABEL_GAP: f64 = 12.0;

/// The rough width of one character of a label.
fn char_width(bold: bool) -> f64 {
    CHAR_W * if bold { BOLD } else { 1.0 }
}

/// The rough width of a label's text, as the layout judges it.
fn text_width(text: &str, bold: bool) -> f64 {
    text.chars().count() as f64 * char_width(bold)
}

/// How a chart draws its table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// One bar per row from zero; surplus right, deficit left.
    Diverging,
    /// Each row starts where the previous ended; the total row from zero.
    Waterfall,
    /// Several bars per row, one per column (e.g. utfall and budget).
    Grouped,
    /// One bar per row from zero, largest first.
    Sorted,
}

/// What a mark means, for its colour and its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Positive,
    Negative,
    Total,
    /// The n-th column of a grouped chart.
    Series(usize),
}

/// One bar: its data and where it is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Row label as printed.
    pub label: String,
    /// Column label as printed.
    pub column: String,
    /// Grant giver, where the row has one.
    pub giver: Option<String>,
    pub value: f64,
    pub unit: Unit,
    pub tone: Tone,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Mark {
    pub fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// "Boende, tillsyn och service: −109 407 tkr (−109,4 mnkr)".
    pub fn describe(&self, lang: Lang) -> String {
        let mut s = self.label.clone();
        if let Some(g) = &self.giver {
            s += &format!(" ({g})");
        }
        if !self.column.is_empty() {
            s += &format!(", {}", self.column);
        }
        s += ": ";
        s += &format::with_unit(self.value, self.unit, lang);
        if self.unit == Unit::Tkr {
            s += &format!(" ({})", format::mnkr(self.value, lang));
        }
        s
    }
}

/// A text to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub text: String,
    /// Right-aligned at `x` (else left-aligned).
    pub right: bool,
    pub bold: bool,
}

/// A chart laid out for one width.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    pub width: f64,
    pub height: f64,
    pub marks: Vec<Mark>,
    pub labels: Vec<Label>,
    /// Vertical grid lines: x and the tick's text.
    pub ticks: Vec<(f64, String)>,
    /// The zero line's x, where the value axis has one.
    pub zero: f64,
    /// Legend entries for grouped charts.
    pub legend: Vec<(Tone, String)>,
    /// One sentence computed from the data.
    pub summary: String,
    /// Unit caption of the axis.
    pub axis_unit: String,
}

impl Chart {
    /// The mark nearest to a point (the inverse of the layout), within the plot.
    pub fn nearest(&self, x: f64, y: f64) -> Option<usize> {
        self.marks
            .iter()
            .enumerate()
            .map(|(i, m)| {
                // Distance to the rectangle, rows weighted over columns.
                let dx = (m.x - x).max(0.0).max(x - (m.x + m.w));
                let dy = (m.y - y).max(0.0).max(y - (m.y + m.h));
                (i, dx * 0.02 + dy)
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .filter(|(_, d)| *d < LINE + BAR)
            .map(|(i, _)| i)
    }
}

/// Which chart shows a table.
pub fn kind_for(t: &Table) -> ChartKind {
    match t.kind {
        TableKind::DeviationByArea => ChartKind::Diverging,
        TableKind::ResultCauses | TableKind::ChangesSinceInterim => ChartKind::Waterfall,
        TableKind::StateGrants | TableKind::OtherGrants => ChartKind::Sorted,
        TableKind::OperatingBudget
        | TableKind::Investments
        | TableKind::BudgetChanges
        | TableKind::IncomeStatement
        | TableKind::Series
        | TableKind::Other => ChartKind::Grouped,
    }
}

/// The columns a chart draws: the ones the file's `plot` names (the
/// validator checks they exist), or else the last column.
fn value_columns(t: &Table) -> Vec<usize> {
    let picked: Vec<usize> = t.plot.iter().filter_map(|k| t.column_index(k)).collect();
    if picked.is_empty() {
        vec![t.columns.len().saturating_sub(1)]
    } else {
        picked
    }
}

struct RowSpec {
    label: String,
    giver: Option<String>,
    bold: bool,
    /// (from, to, value, column index, tone)
    bars: Vec<(f64, f64, f64, usize, Tone)>,
    value_text: String,
    unit: Unit,
}

fn words(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::Sv => ("överskott", "underskott", "mnkr"),
        Lang::En => ("surplus", "deficit", "mnkr"),
    }
}

/// Lays out a table as a chart `width` units wide.
pub fn build(t: &Table, lang: Lang, width: f64) -> Chart {
    let kind = kind_for(t);
    let cols = value_columns(t);
    let rows = match kind {
        ChartKind::Diverging => diverging_rows(t, cols[0], lang),
        ChartKind::Waterfall => waterfall_rows(t, cols[0], lang),
        ChartKind::Sorted => sorted_rows(t, cols[0], lang),
        ChartKind::Grouped => grouped_rows(t, &cols, lang),
    };
    let unit = rows.first().map_or(t.unit, |r| r.unit);
    let scale_div = if unit == Unit::Tkr { 1000.0 } else { 1.0 };
    let (left, right) = (PAD, width - PAD);
    let x = Linear::covering(
        rows.iter()
            .flat_map(|r| r.bars.iter().flat_map(|b| [b.0, b.1])),
        left,
        right,
    );
    let ticks: Vec<(f64, String)> = x
        .ticks(if width < 420.0 { 3 } else { 5 })
        .into_iter()
        .map(|v| (x.map(v), format::number(v / scale_div, 0, lang)))
        .collect();
    let (marks, labels, y) = lay_out(t, &rows, &x, width);
    let legend = if kind == ChartKind::Grouped && cols.len() > 1 {
        cols.iter()
            .enumerate()
            .filter_map(|(i, &c)| {
                t.columns
                    .get(c)
                    .map(|col| (Tone::Series(i), col.label.clone()))
            })
            .collect()
    } else {
        Vec::new()
    };
    let summary = summarize(t, kind, &marks.iter().collect::<Vec<_>>(), lang);
    Chart {
        kind,
        width,
        height: y + PAD,
        zero: x.map(0.0),
        marks,
        labels,
        ticks,
        legend,
        summary,
        axis_unit: axis_unit(unit, lang),
    }
}

/// A value as its bar's label reads: amounts in mnkr, others with their unit.
fn value_text(v: f64, unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Tkr => format::mnkr(v, lang),
        u => format::with_unit(v, u, lang),
    }
}

/// The unit the value axis names.
fn axis_unit(unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Tkr => words(lang).2.to_string(),
        Unit::Antal => match lang {
            Lang::Sv => "antal".into(),
            Lang::En => "number".into(),
        },
        Unit::Procent => "%".into(),
    }
}

/// A surplus or deficit per item row, from zero.
fn diverging_rows(t: &Table, c: usize, lang: Lang) -> Vec<RowSpec> {
    let (surplus, deficit, _) = words(lang);
    let mut rows = Vec::new();
    for r in t.rows.iter().filter(|r| r.role == RowRole::Item) {
        let Some(v) = r.values.get(c).copied().flatten() else {
            continue;
        };
        let tone = if v >= 0.0 {
            Tone::Positive
        } else {
            Tone::Negative
        };
        let word = if v >= 0.0 { surplus } else { deficit };
        rows.push(RowSpec {
            label: r.label.clone(),
            giver: None,
            bold: false,
            bars: vec![(0.0, v, v, c, tone)],
            value_text: format!("{} {word}", value_text(v, r.unit.unwrap_or(t.unit), lang)),
            unit: r.unit.unwrap_or(t.unit),
        });
    }
    rows
}

/// Items stacked from where the one before ended; totals from zero.
fn waterfall_rows(t: &Table, c: usize, lang: Lang) -> Vec<RowSpec> {
    let mut rows = Vec::new();
    let mut acc = 0.0;
    for r in &t.rows {
        let Some(v) = r.values.get(c).copied().flatten() else {
            continue;
        };
        if r.role == RowRole::Item {
            let tone = if v >= 0.0 {
                Tone::Positive
            } else {
                Tone::Negative
            };
            rows.push(RowSpec {
                label: r.label.clone(),
                giver: None,
                bold: false,
                bars: vec![(acc, acc + v, v, c, tone)],
                value_text: signed(value_text(v, r.unit.unwrap_or(t.unit), lang), v),
                unit: r.unit.unwrap_or(t.unit),
            });
            acc += v;
        } else {
            rows.push(RowSpec {
                label: r.label.clone(),
                giver: None,
                bold: true,
                bars: vec![(0.0, v, v, c, Tone::Total)],
                value_text: value_text(v, r.unit.unwrap_or(t.unit), lang),
                unit: r.unit.unwrap_or(t.unit),
            });
        }
    }
    rows
}

/// Items largest first.
fn sorted_rows(t: &Table, c: usize, lang: Lang) -> Vec<RowSpec> {
    let mut rows = Vec::new();
    let mut items: Vec<_> = t
        .rows
        .iter()
        .filter(|r| r.role == RowRole::Item)
        .filter_map(|r| r.values.get(c).copied().flatten().map(|v| (r, v)))
        .collect();
    items.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (r, v) in items {
        rows.push(RowSpec {
            label: r.label.clone(),
            giver: r.giver.clone(),
            bold: false,
            bars: vec![(0.0, v, v, c, Tone::Series(0))],
            value_text: value_text(v, r.unit.unwrap_or(t.unit), lang),
            unit: r.unit.unwrap_or(t.unit),
        });
    }
    rows
}

/// A bar per plotted column on every row, in the first row's unit.
fn grouped_rows(t: &Table, cols: &[usize], lang: Lang) -> Vec<RowSpec> {
    let mut rows: Vec<RowSpec> = Vec::new();
    for r in &t.rows {
        let unit = r.unit.unwrap_or(t.unit);
        let bars: Vec<_> = cols
            .iter()
            .enumerate()
            .filter_map(|(i, &c)| {
                r.values
                    .get(c)
                    .copied()
                    .flatten()
                    .map(|v| (0.0, v, v, c, Tone::Series(i)))
            })
            .collect();
        if bars.is_empty() {
            continue;
        }
        let value_text = bars
            .first()
            .map(|b| value_text(b.2, unit, lang))
            .unwrap_or_default();
        rows.push(RowSpec {
            label: r.label.clone(),
            giver: None,
            bold: r.role != RowRole::Item,
            bars,
            value_text,
            unit,
        });
    }
    // A series mixes units (counts and percent): chart the first unit only.
    if let Some(u) = rows.first().map(|r| r.unit) {
        rows.retain(|r| r.unit == u);
    }
    rows
}

/// Each row's wrapped label, value and bars, top to bottom: the marks, the
/// labels and the height they reach.
fn lay_out(t: &Table, rows: &[RowSpec], x: &Linear, width: f64) -> (Vec<Mark>, Vec<Label>, f64) {
    let (left, right) = (PAD, width - PAD);
    let mut marks = Vec::new();
    let mut labels = Vec::new();
    let mut y = AXIS;
    let label_chars = ((width - 2.0 * PAD) * 0.62 / CHAR_W).max(12.0) as usize;
    for row in rows {
        let mut text = row.label.clone();
        if let Some(g) = &row.giver {
            text += &format!(" ({g})");
        }
        let (lines, beside) =
            label_lines(&text, row.bold, &row.value_text, right - left, label_chars);
        let value = |y: f64| Label {
            x: right,
            y: y - 4.0,
            text: row.value_text.clone(),
            right: true,
            bold: true,
        };
        for (i, line) in lines.iter().enumerate() {
            y += LINE;
            labels.push(Label {
                x: left,
                y: y - 4.0,
                text: line.clone(),
                right: false,
                bold: row.bold,
            });
            if i == 0 && beside {
                labels.push(value(y));
            }
        }
        if !beside {
            y += LINE;
            labels.push(value(y));
        }
        y += BAR_GAP;
        for b in &row.bars {
            let (x0, x1) = (x.map(b.0.min(b.1)), x.map(b.0.max(b.1)));
            marks.push(Mark {
                label: row.label.clone(),
                column: t
                    .columns
                    .get(b.3)
                    .map(|c| c.label.clone())
                    .unwrap_or_default(),
                giver: row.giver.clone(),
                value: b.2,
                unit: row.unit,
                tone: b.4,
                x: x0,
                y,
                w: (x1 - x0).max(1.0),
                h: BAR,
            });
            y += BAR + BAR_GAP;
        }
        y += ROW_GAP;
    }
    (marks, labels, y)
}

/// A row's label in lines, and whether its value fits beside the first
/// line (right-aligned, `LABEL_GAP` apart; judged by [`text_width`], the
/// bold value wider). On a narrow chart the label is wrapped shorter to
/// make room, unless that leaves a line too long (a long word) or takes
/// more lines than the alternative: the value on a line of its own below
/// the label, which takes the whole width. The two never overlap. A bold
/// label (a total) is measured as bold.
fn label_lines(
    text: &str,
    bold: bool,
    value: &str,
    inner: f64,
    label_chars: usize,
) -> (Vec<String>, bool) {
    let room = inner - text_width(value, true) - LABEL_GAP;
    let fits = |lines: &[String]| lines.first().is_some_and(|l| text_width(l, bold) <= room);
    let lines = wrap(text, label_chars);
    if fits(&lines) {
        return (lines, true);
    }
    let apart = wrap(text, ((inner / char_width(bold)) as usize).max(label_chars));
    let chars = (room / char_width(bold)).floor();
    if chars >= 8.0 {
        // Kept beside only if that takes no more lines than a line of its own.
        let tight = wrap(text, chars as usize);
        if fits(&tight) && tight.len() <= apart.len() + 1 {
            return (tight, true);
        }
    }
    (apart, false)
}

fn signed(s: String, v: f64) -> String {
    if v > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

/// One sentence from the data, e.g. "Störst underskott: Boende, tillsyn och service, −109,4 mnkr."
fn summarize(t: &Table, kind: ChartKind, marks: &[&Mark], lang: Lang) -> String {
    let word = |sv: &'static str, en: &'static str| if lang == Lang::Sv { sv } else { en };
    // "word: label, amount", for the mark that passes `keep`.
    let named = |m: Option<&&Mark>, keep: fn(f64) -> bool, w: &str| {
        m.filter(|m| keep(m.value))
            .map(|m| format!("{w}: {}, {}", m.label, value_text(m.value, m.unit, lang)))
    };
    let items = || marks.iter().filter(|m| m.tone != Tone::Total);
    let min = items().min_by(|a, b| a.value.total_cmp(&b.value));
    let max = items().max_by(|a, b| a.value.total_cmp(&b.value));
    let negative: fn(f64) -> bool = |v| v < 0.0;
    let positive: fn(f64) -> bool = |v| v > 0.0;
    match kind {
        ChartKind::Diverging => {
            let parts: Vec<String> = [
                named(min, negative, word("Störst underskott", "Largest deficit")),
                named(max, positive, word("störst överskott", "largest surplus")),
            ]
            .into_iter()
            .flatten()
            .collect();
            capitalize(&(parts.join("; ") + "."))
        }
        ChartKind::Waterfall => {
            let total = t.total().and_then(|r| r.values.first().copied().flatten());
            let parts: Vec<String> = [
                total.map(|v| format!("{}: {}", word("Summa", "Total"), format::mnkr(v, lang))),
                named(
                    min,
                    negative,
                    word("störst negativ post", "largest negative item"),
                ),
                named(
                    max,
                    positive,
                    word("störst positiv post", "largest positive item"),
                ),
            ]
            .into_iter()
            .flatten()
            .collect();
            capitalize(&(parts.join("; ") + "."))
        }
        ChartKind::Sorted => match max {
            Some(m) => format!(
                "{}: {}{}, {}.",
                word("Störst", "Largest"),
                m.label,
                m.giver
                    .as_ref()
                    .map(|g| format!(" ({g})"))
                    .unwrap_or_default(),
                value_text(m.value, m.unit, lang)
            ),
            None => String::new(),
        },
        ChartKind::Grouped => {
            // With several columns, each figure says which it is.
            let several = marks.iter().any(|m| m.tone == Tone::Series(1));
            let amount = |m: &Mark| match several {
                true => format!("{} {}", m.column, value_text(m.value, m.unit, lang)),
                false => value_text(m.value, m.unit, lang),
            };
            let total = marks.iter().rev().find(|m| m.tone == Tone::Series(0));
            let first = marks.iter().find(|m| m.tone == Tone::Series(0));
            match (first, total) {
                (Some(f), Some(l)) if f.label != l.label => {
                    format!("{}: {}; {}: {}.", f.label, amount(f), l.label, amount(l))
                }
                (Some(f), _) => format!("{}: {}.", f.label, amount(f)),
                _ => String::new(),
            }
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Splits text into lines of at most `max` characters at spaces.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// The goal-status summary of a report as one stacked bar.
pub fn status_bar(counts: [(GoalStatus, usize); 3], width: f64) -> Vec<(GoalStatus, f64, f64)> {
    let total: usize = counts.iter().map(|c| c.1).sum();
    if total == 0 {
        return Vec::new();
    }
    let mut x = 0.0;
    counts
        .iter()
        .filter(|c| c.1 > 0)
        .map(|&(s, n)| {
            let w = width * n as f64 / total as f64;
            let seg = (s, x, w);
            x += w;
            seg
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Row, SourceRef, Text};

    fn table(kind: TableKind, cols: &[&str], rows: &[(&str, RowRole, &[Option<f64>])]) -> Table {
        Table {
            id: "t".into(),
            kind,
            title: "T".into(),
            description: Text::default(),
            unit: Unit::Tkr,
            plot: cols.last().map(|c| vec![c.to_string()]).unwrap_or_default(),
            columns: cols
                .iter()
                .map(|c| Column {
                    key: c.to_string(),
                    label: c.to_string(),
                })
                .collect(),
            rows: rows
                .iter()
                .map(|(l, role, v)| Row {
                    key: l.to_lowercase(),
                    label: l.to_string(),
                    giver: None,
                    role: *role,
                    sum_of: vec![],
                    values: v.to_vec(),
                    unit: None,
                })
                .collect(),
            relations: vec![],
            source: SourceRef {
                section: "s".into(),
                page: None,
                line: None,
            },
        }
    }

    fn deviation() -> Table {
        table(
            TableKind::DeviationByArea,
            &["kommunbidrag", "avvikelse"],
            &[
                ("AMA", RowRole::Item, &[Some(1_625_970.0), Some(73_174.0)]),
                ("IFO", RowRole::Item, &[Some(1_912_260.0), Some(-45_021.0)]),
                ("BTS", RowRole::Item, &[Some(537_093.0), Some(-109_407.0)]),
                ("Stab", RowRole::Item, &[Some(271_124.0), Some(85_848.0)]),
                ("SUMMA", RowRole::Total, &[Some(4_346_447.0), Some(4_594.0)]),
            ],
        )
    }

    #[test]
    fn deviation_bars_put_deficits_left_of_zero_and_surpluses_right() {
        let c = build(&deviation(), Lang::Sv, 480.0);
        assert_eq!(
            c.marks.len(),
            4,
            "one bar per area, the total is in the summary"
        );
        for m in &c.marks {
            if m.value < 0.0 {
                assert!(
                    (m.x + m.w - c.zero).abs() < 1e-6,
                    "{} ends at zero",
                    m.label
                );
                assert_eq!(m.tone, Tone::Negative);
            } else {
                assert!((m.x - c.zero).abs() < 1e-6, "{} starts at zero", m.label);
                assert_eq!(m.tone, Tone::Positive);
            }
        }
        // Bar lengths are proportional to the values.
        let bts = &c.marks[2];
        let ama = &c.marks[0];
        assert!((bts.w / ama.w - 109_407.0 / 73_174.0).abs() < 1e-6);
        assert!(c
            .labels
            .iter()
            .any(|l| l.text == "−109,4\u{a0}mnkr underskott"));
    }

    #[test]
    fn summary_names_the_largest_deficit_like_the_issue() {
        let c = build(&deviation(), Lang::Sv, 480.0);
        assert_eq!(
            c.summary,
            "Störst underskott: BTS, −109,4\u{a0}mnkr; störst överskott: Stab, 85,8\u{a0}mnkr."
        );
        let e = build(&deviation(), Lang::En, 480.0);
        assert!(e.summary.starts_with("Largest deficit: BTS, −109.4"));
    }

    #[test]
    fn waterfall_steps_end_at_the_total() {
        let t = table(
            TableKind::ResultCauses,
            &["utfall"],
            &[
                ("A", RowRole::Item, &[Some(13_541.0)]),
                ("B", RowRole::Item, &[Some(-54_151.0)]),
                ("C", RowRole::Item, &[Some(45_204.0)]),
                ("Summa", RowRole::Total, &[Some(4_594.0)]),
            ],
        );
        let c = build(&t, Lang::Sv, 480.0);
        assert_eq!(c.marks.len(), 4);
        // B starts where A ended and goes left.
        let (a, b) = (&c.marks[0], &c.marks[1]);
        assert!((b.x + b.w - (a.x + a.w)).abs() < 1e-6);
        // The last item ends where the total bar ends.
        let (last, total) = (&c.marks[2], &c.marks[3]);
        assert!((last.x + last.w - (total.x + total.w)).abs() < 1e-6);
        assert_eq!(total.tone, Tone::Total);
        assert!((total.x - c.zero).abs() < 1e-6);
    }

    #[test]
    fn nearest_mark_inverts_the_layout() {
        let c = build(&deviation(), Lang::Sv, 480.0);
        for (i, m) in c.marks.iter().enumerate() {
            let (x, y) = m.center();
            assert_eq!(c.nearest(x, y), Some(i));
            // A point on the same row but away from the bar still finds it.
            assert_eq!(
                c.nearest(if m.value < 0.0 { c.width - 10.0 } else { 10.0 }, y),
                Some(i)
            );
        }
        assert_eq!(c.nearest(10.0, c.height + 500.0), None);
    }

    #[test]
    fn grants_are_sorted_by_amount_largest_first() {
        let t = table(
            TableKind::OtherGrants,
            &["utfall"],
            &[
                ("Små", RowRole::Item, &[Some(2_652.0)]),
                ("Stora", RowRole::Item, &[Some(115_424.0)]),
                ("Tomt", RowRole::Item, &[None]),
                ("Mellan", RowRole::Item, &[Some(55_504.0)]),
                ("Summa", RowRole::Total, &[Some(173_580.0)]),
            ],
        );
        let c = build(&t, Lang::Sv, 480.0);
        let order: Vec<&str> = c.marks.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(order, ["Stora", "Mellan", "Små"]);
    }

    #[test]
    fn marks_describe_themselves_in_tkr_and_mnkr() {
        let c = build(&deviation(), Lang::Sv, 480.0);
        assert_eq!(
            c.marks[2].describe(Lang::Sv),
            "BTS, avvikelse: −109\u{a0}407\u{a0}tkr (−109,4\u{a0}mnkr)"
        );
    }

    #[test]
    fn long_labels_wrap_at_spaces() {
        assert_eq!(
            wrap("Stab och förvaltningsövergripande kostnader", 20),
            ["Stab och", "förvaltningsövergripande", "kostnader"]
        );
        assert_eq!(wrap("", 10), [""]);
    }

    /// The deviation table with the areas' names as the report prints them.
    fn long_names() -> Table {
        let mut t = deviation();
        let names = [
            "Arbetsmarknad och ekonomiskt bistånd (AMA EBB)",
            "Individ- och familjeomsorg (IFO)",
            "Boende, tillsyn och service (BTS)",
            "Stab och förvaltningsövergripande kostnader (Stab o öv)",
        ];
        for (r, n) in t.rows.iter_mut().zip(names) {
            r.label = n.into();
        }
        t
    }

    #[test]
    fn a_rows_label_and_its_value_never_overlap_at_any_width() {
        // A waterfall's total is drawn bold, and measured so.
        let causes = table(
            TableKind::ResultCauses,
            &["utfall"],
            &[
                (
                    "Överskott central reserv (Stab o öv.)",
                    RowRole::Item,
                    &[Some(80_100.0)],
                ),
                (
                    "Summa budgetavvikelser för hela nämnden",
                    RowRole::Total,
                    &[Some(4_594.0)],
                ),
            ],
        );
        for w in (260..=720).step_by(2).map(f64::from) {
            let c = build(&causes, Lang::Sv, w);
            assert!(
                c.labels.iter().any(|l| l.bold && !l.right),
                "{w}: a bold total"
            );
            assert_eq!(labels_overlapping(&c), Vec::<String>::new(), "{w}");
        }
        for w in [260.0, 280.0, 300.0, 335.0, 480.0, 720.0] {
            let c = build(&long_names(), Lang::Sv, w);
            assert_eq!(labels_overlapping(&c), Vec::<String>::new(), "{w}");
            for l in &c.labels {
                let (x0, x1) = extent(l);
                assert!(x0 >= 0.0 && x1 <= w + 1e-6, "{w}: {l:?} inside the chart");
            }
            assert_eq!(
                c.labels.iter().filter(|l| l.right).count(),
                4,
                "{w}: each value once"
            );
        }
        // Wide enough, each value stays beside its label's first line.
        let wide = build(&long_names(), Lang::Sv, 720.0);
        for v in wide.labels.iter().filter(|l| l.right) {
            assert!(
                wide.labels
                    .iter()
                    .any(|l| !l.right && (l.y - v.y).abs() < 1e-9),
                "{v:?} beside a label"
            );
        }
        // On a phone, a value that does not fit beside its label has a line of its own.
        let narrow = build(&long_names(), Lang::Sv, 280.0);
        assert!(narrow.height > build(&long_names(), Lang::Sv, 720.0).height);
    }

    /// A label's rough horizontal extent.
    fn extent(l: &Label) -> (f64, f64) {
        let w = text_width(&l.text, l.bold);
        if l.right {
            (l.x - w, l.x)
        } else {
            (l.x, l.x + w)
        }
    }

    /// The pairs of labels on one line whose rough extents meet.
    fn labels_overlapping(c: &Chart) -> Vec<String> {
        let mut out = Vec::new();
        for (i, a) in c.labels.iter().enumerate() {
            for b in &c.labels[i + 1..] {
                let (a0, a1) = extent(a);
                let (b0, b1) = extent(b);
                if (a.y - b.y).abs() < LINE
                    && a0 < b1 + LABEL_GAP / 2.0
                    && b0 < a1 + LABEL_GAP / 2.0
                {
                    out.push(format!("{:?} / {:?}", a.text, b.text));
                }
            }
        }
        out
    }

    #[test]
    fn narrow_charts_keep_every_mark_inside_the_width() {
        for w in [300.0, 480.0, 900.0] {
            let c = build(&deviation(), Lang::Sv, w);
            for m in &c.marks {
                assert!(m.x >= 0.0 && m.x + m.w <= w + 1e-6, "{w}: {m:?}");
            }
        }
    }

    #[test]
    fn status_bar_segments_fill_the_width_in_proportion() {
        let segs = status_bar(
            [
                (GoalStatus::Uppnatt, 13),
                (GoalStatus::DelvisUppnatt, 1),
                (GoalStatus::EjUppnatt, 0),
            ],
            280.0,
        );
        assert_eq!(segs.len(), 2);
        assert!((segs[0].2 - 260.0).abs() < 1e-9 && (segs[1].1 - 260.0).abs() < 1e-9);
    }
}
