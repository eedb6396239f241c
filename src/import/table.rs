//! Tables: markdown rows ("| Nettokostnad | -4 213 893 | … |") and rows
//! flattened to plain text, where the header line gives the column count
//! and the arithmetic (column relations, totals) decides a row that digit
//! groups alone leave open. A row neither decides is a review point.

use super::number::{self, Reading};
use super::text::{squash, Doc, Line};
use super::Review;

/// A table as read from the text, before it becomes a schema table.
#[derive(Clone, Debug, PartialEq)]
pub struct RawTable {
    /// The caption above the table as printed.
    pub title: String,
    /// The line of the caption (or of the header, without a caption).
    pub line: u32,
    pub columns: Vec<String>,
    pub rows: Vec<RawRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawRow {
    pub label: String,
    /// One per column; `None` where the source prints none or the row
    /// could not be decided (then a review point says so).
    pub values: Vec<Option<f64>>,
    /// The line the row's figures stand on.
    pub line: u32,
    /// The text printed beside the label in a column of words (a grant's
    /// giver, "bidragsgivare").
    pub giver: Option<String>,
    /// Whether the row prints its figures as percentages ("-16,4 %").
    pub percent: bool,
}

/// Words the template prints where a table gives its unit.
pub const UNIT_MARKERS: &[&str] = &["tkr", "(tkr)", "tusentals kronor"];
/// A row's label wraps over at most this many lines.
const MAX_WRAP: usize = 6;
/// A header or caption line has at most this many words.
const SHORT: usize = 9;

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn has_unit(s: &str) -> bool {
    let l = s.to_lowercase();
    UNIT_MARKERS.iter().any(|m| {
        l.split_whitespace()
            .any(|w| w == *m || w.trim_end_matches(',') == *m)
            || l.contains(m) && m.contains(' ')
    })
}

/// Whether a row label is a total's (starts with a total word).
pub fn is_total(label: &str) -> bool {
    let l = label.to_lowercase();
    let mut w = l.split_whitespace();
    let first = w.next().unwrap_or("");
    let words = &super::template::template().total_words;
    let is_word = |w: &str| words.iter().any(|x| x == w);
    // A grant table's total ends in the first word ("RIKTADE STATSBIDRAG Summa").
    is_word(first)
        || l.split_whitespace()
            .last()
            .is_some_and(|x| words.first().is_some_and(|f| f == x))
}

/// Every table of the text, markdown and flattened, in the text's order.
pub fn read_all(doc: &Doc, review: &mut Review) -> Vec<RawTable> {
    let mut out = markdown_tables(doc, review);
    out.extend(flattened_tables(doc, review));
    out.sort_by_key(|t| t.line);
    out
}

// ---------------------------------------------------------------------------
// Column headers
// ---------------------------------------------------------------------------

/// A header's column labels: after the stub (up to a unit marker such as
/// "Tkr", or else the first word group), a column starts at each word that
/// begins with a capital letter, unless it is a short abbreviation ("DR",
/// "KS") or a number, which continue the column before.
pub fn columns(header: &str) -> Vec<String> {
    let toks: Vec<&str> = header.split_whitespace().collect();
    let stub_end = toks
        .iter()
        .rposition(|t| UNIT_MARKERS.contains(&t.to_lowercase().trim_end_matches(',')))
        .map(|i| i + 1);
    let (skip_first_group, rest) = match stub_end {
        Some(e) => (false, &toks[e..]),
        None => (true, &toks[..]),
    };
    // A header of years ("År 2023 2024 2025"): a column per year.
    let is_year = |t: &&str| {
        t.len() == 4 && t.starts_with(['1', '2']) && t.bytes().all(|b| b.is_ascii_digit())
    };
    let years = rest.iter().skip(1).filter(|t| is_year(t)).count();
    if years > 1 && years + 1 == rest.len() && stub_end.is_none() {
        return rest[1..].iter().map(|t| t.to_string()).collect();
    }
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for t in rest {
        if starts_column(t) || groups.is_empty() {
            groups.push(vec![t]);
        } else if let Some(g) = groups.last_mut() {
            g.push(t);
        }
    }
    if skip_first_group && !groups.is_empty() {
        groups.remove(0);
    }
    groups.into_iter().map(|g| g.join(" ")).collect()
}

fn starts_column(t: &str) -> bool {
    let Some(c) = t.chars().next() else {
        return false;
    };
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    let abbreviation = letters.len() <= 3 && letters.iter().all(|c| c.is_uppercase());
    c.is_uppercase() && !abbreviation
}

/// The header above a flattened table's first row (whose label starts at
/// `first`): the nearest short line, or, where a unit marker stands within
/// the short lines above, every line from it down (a header wrapped over
/// lines). Returns the caption, its line, the header text and its first line.
fn find_header(doc: &Doc, first: usize) -> Option<(String, u32, String, u32)> {
    let mut taken: Vec<&Line> = Vec::new();
    let mut i = first;
    while i > 0 && taken.len() < 20 {
        i -= 1;
        let l = &doc.lines[i];
        if l.text.is_empty() || l.footer {
            continue;
        }
        let toks = number::tokens(&l.text);
        if words(&l.text) > SHORT || l.text.ends_with('.') || number::numeric_tail(&toks) > 1 {
            // A long line: a caption holding the unit, or the text above.
            if has_unit(&l.text) && !taken.is_empty() && words(&l.text) <= 2 * SHORT {
                taken.push(l);
            }
            break;
        }
        taken.push(l);
    }
    let marker = taken.iter().position(|l| has_unit(&l.text));
    let (header, caption): (Vec<&Line>, Option<&Line>) = match marker {
        Some(m) if words(&taken[m].text) > SHORT => (taken[..m].to_vec(), Some(taken[m])),
        Some(m) => (taken[..=m].to_vec(), taken.get(m + 1).copied()),
        None => (
            taken.iter().take(1).copied().collect(),
            taken.get(1).copied(),
        ),
    };
    let top = header.last()?;
    let text = squash(
        &header
            .iter()
            .rev()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let (title, line) = match caption {
        Some(c) if !c.text.ends_with('.') => (squash(&c.text), c.no),
        _ => (String::new(), top.no),
    };
    Some((title, line, text, top.no))
}

// ---------------------------------------------------------------------------
// Flattened tables
// ---------------------------------------------------------------------------

/// The label fragments directly above line `i` (no blank line between).
fn fragments_above(doc: &Doc, i: usize) -> usize {
    let mut start = i;
    while start > 0 {
        let l = &doc.lines[start - 1];
        let toks = number::tokens(&l.text);
        if l.text.is_empty()
            || l.footer
            || number::numeric_tail(&toks) > 0
            || words(&l.text) > SHORT
        {
            break;
        }
        start -= 1;
    }
    start
}

fn is_markdown(l: &Line) -> bool {
    l.text.starts_with('|')
}

/// Every flattened table: a line ending in figures under a header whose
/// column count reads it.
pub fn flattened_tables(doc: &Doc, review: &mut Review) -> Vec<RawTable> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.lines.len() {
        let l = &doc.lines[i];
        let toks = number::tokens(&l.text);
        if super::giver::is_header(doc, i) {
            if let Some((t, end)) = super::giver::read(doc, i, review) {
                out.push(t);
                i = end.max(i + 1);
                continue;
            }
        }
        if l.footer || is_markdown(l) || number::numeric_tail(&toks) == 0 {
            i += 1;
            continue;
        }
        let start = fragments_above(doc, i);
        let Some((title, line, header, header_line)) = find_header(doc, start) else {
            i += 1;
            continue;
        };
        let cols = columns(&header);
        let label = joined(doc, start, i);
        if cols.is_empty() || number::readings(&label, cols.len()).is_empty() {
            i += 1;
            continue;
        }
        if header_line_count(doc, header_line, start) > 1 {
            review.add(doc, header_line, format!(
                "Kolumnrubrikerna är radbrutna i texten; läst som {cols:?}: kontrollera deras ordalydelse"
            ));
        }
        let (pending, end) = read_body(doc, start, cols.len(), &header, review);
        let rows = super::arith::decide(doc, pending, cols.len(), review);
        out.push(RawTable {
            title,
            line,
            columns: cols,
            rows,
        });
        i = end.max(i + 1);
    }
    out
}

fn header_line_count(doc: &Doc, from: u32, to: usize) -> usize {
    doc.lines[(from as usize).saturating_sub(1)..to]
        .iter()
        .filter(|l| !l.text.is_empty())
        .count()
}

fn joined(doc: &Doc, from: usize, to: usize) -> String {
    squash(
        &doc.lines[from..=to]
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// A row being read: its text and candidate readings.
pub struct Pending {
    pub line: u32,
    pub readings: Vec<Reading>,
    pub text: String,
    /// Whether the figures were printed with percent signs.
    pub percent: bool,
}

/// Reads rows from line `start` until the table ends. Returns the rows
/// (with every reading each allows) and the index after the table.
fn read_body(
    doc: &Doc,
    start: usize,
    k: usize,
    header: &str,
    review: &mut Review,
) -> (Vec<Pending>, usize) {
    let mut rows = Vec::new();
    let mut frag_start: Option<usize> = None;
    let mut j = start;
    while j < doc.lines.len() {
        let l = &doc.lines[j];
        if l.footer || l.text.is_empty() {
            if let Some(f) = frag_start {
                if !next_is_bare_figures(doc, j) || j - f > MAX_WRAP {
                    return (rows, f);
                }
            }
            j += 1;
            continue;
        }
        if is_markdown(l) {
            break;
        }
        if frag_start.is_none() && squash(&l.text) == header {
            // The header repeated (a table over a page break).
            j += 1;
            continue;
        }
        let from = frag_start.unwrap_or(j);
        let text = joined_nonblank(doc, from, j);
        let tail = number::numeric_tail(&number::tokens(&number::strip_percent(&l.text).0));
        if tail == 0 {
            let next_has_figures = doc
                .lines
                .get(j + 1)
                .is_some_and(|n| number::numeric_tail(&number::tokens(&n.text)) > 0);
            let sentence_end = l.text.ends_with('.') && !next_has_figures;
            if words(&text) > 2 * SHORT || sentence_end || j - from > MAX_WRAP {
                return (rows, from);
            }
            frag_start = Some(from);
            j += 1;
            continue;
        }
        let (text, percent) = number::strip_percent(&text);
        let (raw, _) = number::strip_percent(&l.text);
        let readings = number::readings_with_gaps(&text, &raw, k);
        if readings.is_empty() {
            let label_words = words(&text) - tail;
            if tail < k || label_words > SHORT || label_words == 0 {
                return (rows, from);
            }
            review.add(doc, l.no, format!(
                "Raden {text:?} kan inte läsas som {k} tal under tabellens {k} kolumner; värdena lämnas tomma"
            ));
        }
        rows.push(Pending {
            line: l.no,
            readings,
            text,
            percent,
        });
        frag_start = None;
        j += 1;
    }
    (rows, frag_start.unwrap_or(j))
}

fn joined_nonblank(doc: &Doc, from: usize, to: usize) -> String {
    squash(
        &doc.lines[from..=to]
            .iter()
            .filter(|l| !l.footer)
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Whether the next non-blank line after `j` holds figures only (a label
/// whose figures the PDF put a blank line below).
fn next_is_bare_figures(doc: &Doc, j: usize) -> bool {
    doc.lines[j..]
        .iter()
        .find(|l| !l.text.is_empty() && !l.footer)
        .is_some_and(|l| {
            let (text, _) = number::strip_percent(&l.text);
            let toks = number::tokens(&text);
            !toks.is_empty() && number::numeric_tail(&toks) == toks.len()
        })
}

// ---------------------------------------------------------------------------
// Markdown tables
// ---------------------------------------------------------------------------

fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(squash).collect()
}

fn is_separator(line: &str) -> bool {
    let c = cells(line);
    !c.is_empty()
        && c.iter()
            .all(|x| !x.is_empty() && x.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// A markdown line's cells, and whether a separator line stood above it in
/// its table (rows above the separator are headers).
type MdRow = (usize, Vec<String>, bool);

/// Consecutive markdown lines, separators left out.
fn blocks(doc: &Doc) -> Vec<Vec<MdRow>> {
    let mut out: Vec<Vec<MdRow>> = Vec::new();
    let mut current: Vec<MdRow> = Vec::new();
    let mut separated = false;
    for (i, l) in doc.lines.iter().enumerate() {
        if is_markdown(l) {
            if is_separator(&l.text) {
                separated = true;
            } else {
                current.push((i, cells(&l.text), separated));
            }
        } else if !l.footer && !current.is_empty() {
            out.push(std::mem::take(&mut current));
            separated = false;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn numeric_row(cells: &[String]) -> bool {
    cells.iter().skip(1).any(|c| number::cell(c).is_some())
}

/// The columns of words among a table's data rows (a grant's giver): no
/// figure in any row, words in some.
fn word_columns(data: &[MdRow], k: usize) -> Vec<usize> {
    (0..k)
        .filter(|&c| {
            let cell = |r: &MdRow| r.1.get(c + 1).cloned().unwrap_or_default();
            data.iter().all(|r| number::cell(&cell(r)).is_none())
                && data.iter().filter(|r| !cell(r).is_empty()).count() * 2 > data.len()
        })
        .collect()
}

/// Every markdown table; a table split by a page into two with the same
/// header is read as one.
pub fn markdown_tables(doc: &Doc, review: &mut Review) -> Vec<RawTable> {
    let mut out: Vec<RawTable> = Vec::new();
    let mut last_end = 0usize;
    for block in blocks(doc) {
        let Some(data) = block
            .iter()
            .position(|(_, c, sep)| *sep && numeric_row(c))
            .or_else(|| block.iter().position(|(_, c, _)| numeric_row(c)))
        else {
            continue;
        };
        let head = &block[..data];
        let header = head
            .iter()
            .rev()
            .find(|(_, c, _)| c.iter().skip(1).any(|x| !x.is_empty()));
        let mut columns: Vec<String> = match header {
            Some((_, c, _)) => c[1..].to_vec(),
            None => (1..block[data].1.len())
                .map(|i| format!("Kolumn {i}"))
                .collect(),
        };
        let words = word_columns(&block[data..], columns.len());
        let giver = words
            .first()
            .copied()
            .filter(|_| words.len() < columns.len());
        if let Some(g) = giver {
            columns.remove(g);
        }
        let inner = head
            .iter()
            .find(|(_, c, _)| c.iter().skip(1).all(|x| x.is_empty()) && !c[0].is_empty());
        let (title, line) = match inner {
            Some((i, c, _)) => (c[0].clone(), doc.lines[*i].no),
            None => caption_above(doc, block[0].0),
        };
        let rows: Vec<RawRow> = block[data..]
            .iter()
            .filter(|(_, c, _)| !is_repeated_header(c, &columns))
            .map(|(i, c, _)| markdown_row(doc, *i, c, giver, columns.len(), review))
            .collect();
        let first = block[0].0;
        let continues = out.last().is_some_and(|t| {
            t.columns == columns && only_blank_between(doc, last_end, first) && inner.is_none()
        });
        last_end = block.last().map(|(i, _, _)| *i).unwrap_or(first);
        if continues {
            if let Some(t) = out.last_mut() {
                t.rows.extend(rows);
            }
        } else {
            out.push(RawTable {
                title,
                line,
                columns,
                rows,
            });
        }
    }
    out
}

fn is_repeated_header(c: &[String], columns: &[String]) -> bool {
    c.len() > 1 && c[1..] == *columns
}

fn only_blank_between(doc: &Doc, a: usize, b: usize) -> bool {
    doc.lines[a + 1..b]
        .iter()
        .all(|l| l.text.is_empty() || l.footer)
}

/// The nearest non-blank line above a table: its caption.
fn caption_above(doc: &Doc, i: usize) -> (String, u32) {
    doc.lines[..i]
        .iter()
        .rev()
        .find(|l| !l.text.is_empty() && !l.footer)
        .filter(|l| words(&l.text) <= 3 * SHORT)
        .map(|l| (squash(&l.text), l.no))
        .unwrap_or_else(|| (String::new(), doc.lines[i].no))
}

fn markdown_row(
    doc: &Doc,
    i: usize,
    c: &[String],
    giver: Option<usize>,
    k: usize,
    review: &mut Review,
) -> RawRow {
    let no = doc.lines[i].no;
    let mut cells: Vec<String> = c[1..].to_vec();
    let giver = giver.map(|g| {
        if g < cells.len() {
            cells.remove(g)
        } else {
            String::new()
        }
    });
    let mut values = Vec::with_capacity(k);
    let mut percent = false;
    for col in 0..k {
        let text = cells.get(col).map(String::as_str).unwrap_or("");
        let (v, pct) = number::cell_or_percent(text);
        percent |= pct;
        if v.is_none() && !text.is_empty() && text != "-" {
            review.add(
                doc,
                no,
                format!(
                    "Cellen {text:?} i raden {:?} är inget tal; lämnas tom",
                    c[0]
                ),
            );
        }
        values.push(v);
    }
    if cells.len() > k && cells[k..].iter().any(|x| !x.is_empty()) {
        review.add(
            doc,
            no,
            format!("Raden {:?} har fler celler än tabellens kolumner", c[0]),
        );
    }
    let giver = giver.filter(|g| !g.is_empty());
    // A total's "Summa" printed in the giver's column is no giver.
    let (label, giver) = match giver {
        Some(g) if is_total(&g) => (c[0].clone(), None),
        g => (c[0].clone(), g),
    };
    RawRow {
        label,
        values,
        line: no,
        giver,
        percent,
    }
}
