//! Flattened tables with a column of words between the label and the
//! figure (grants: "benämning/ ändamål", "Ansvarig myndighet/
//! bidragsgivare", "Utfall (tkr)"). The header's last word is the unit;
//! a row runs over blocks of lines up to the line its figure ends; a wider
//! gap (two or more spaces) or a blank line separates label and giver.
//! Where neither does, the giver stays in the label and a review point
//! says so.

use super::number;
use super::table::{is_total, RawRow, RawTable, UNIT_MARKERS};
use super::text::{squash, Doc};
use super::Review;

/// Whether line `i` ends a header of such a table: short, its last word a
/// unit marker ("(tkr)"), and a column of words named before it.
pub fn is_header(doc: &Doc, i: usize) -> bool {
    let t = &doc.lines[i].text;
    let last = t.split_whitespace().last().unwrap_or("").to_lowercase();
    let toks = number::tokens(t);
    last.starts_with('(')
        && UNIT_MARKERS.contains(&last.as_str())
        && toks.len() <= 6
        && t.contains('/')
        || last.starts_with('(')
            && UNIT_MARKERS.contains(&last.as_str())
            && header_start(doc, i) < i
}

/// The first line of the header ending at `i`: the topmost of the short
/// lines above whose first word is in capitals.
fn header_start(doc: &Doc, i: usize) -> usize {
    let mut start = i;
    let mut seen = 0;
    let mut j = i;
    while j > 0 && seen < 6 {
        j -= 1;
        let t = &doc.lines[j].text;
        if t.is_empty() {
            continue;
        }
        if t.split_whitespace().count() > 6 || number::numeric_tail(&number::tokens(t)) > 0 {
            break;
        }
        seen += 1;
        let first = t.split_whitespace().next().unwrap_or("");
        let letters: Vec<char> = first.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase()) {
            start = j;
        }
    }
    start
}

/// Reads the table whose header ends at line index `i`. Returns it and the
/// index after it.
pub fn read(doc: &Doc, i: usize, review: &mut Review) -> Option<(RawTable, usize)> {
    let start = header_start(doc, i);
    let caption = doc.lines[..start]
        .iter()
        .rev()
        .find(|l| !l.text.is_empty() && !l.footer)?;
    let header = &doc.lines[i].text;
    let column = header.split_whitespace().rev().take(2).collect::<Vec<_>>();
    let column = format!("{} {}", column.get(1).unwrap_or(&""), column[0])
        .trim()
        .to_string();
    let mut rows = Vec::new();
    let mut j = i + 1;
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    while j < doc.lines.len() && rows.len() < 200 {
        let block = block_at(doc, &mut j);
        if block.is_empty() {
            break;
        }
        let last = &doc.lines[*block.last()?].text;
        let long = block
            .iter()
            .any(|&b| doc.lines[b].text.split_whitespace().count() > 14);
        if long || blocks.len() >= 4 {
            break;
        }
        blocks.push(block);
        if number::numeric_tail(&number::tokens(last)) == 0 {
            continue;
        }
        let row = row(doc, &std::mem::take(&mut blocks), review);
        let total = is_total(&row.label);
        rows.push(row);
        if total {
            break;
        }
    }
    let end = blocks.first().and_then(|b| b.first().copied()).unwrap_or(j);
    (!rows.is_empty()).then(|| {
        (
            RawTable {
                title: squash(&caption.text),
                line: caption.no,
                columns: vec![column],
                rows,
            },
            end,
        )
    })
}

/// The next block of non-blank lines from `*j` (blank lines and footers
/// before it skipped); `*j` moves past it.
fn block_at(doc: &Doc, j: &mut usize) -> Vec<usize> {
    while *j < doc.lines.len() && (doc.lines[*j].text.is_empty() || doc.lines[*j].footer) {
        *j += 1;
    }
    let mut out = Vec::new();
    while *j < doc.lines.len() && !doc.lines[*j].text.is_empty() && !doc.lines[*j].footer {
        out.push(*j);
        *j += 1;
        // A row's figure ends its block.
        if number::numeric_tail(&number::tokens(&doc.lines[*j - 1].text)) > 0 {
            break;
        }
    }
    out
}

/// A row from its blocks: the figure at the end of the last line; label
/// and giver from the blocks and the wider gaps of the last line.
fn row(doc: &Doc, blocks: &[Vec<usize>], review: &mut Review) -> RawRow {
    let last_block = &blocks[blocks.len() - 1];
    let last_i = last_block[last_block.len() - 1];
    let last = &doc.lines[last_i];
    let mut segs: Vec<String> = last
        .text
        .split("  ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let mut value = segs.last().and_then(|s| number::cell(s));
    // A wider gap before the figure: the text before it is the label and
    // the giver, set apart from each other the same way (or no giver).
    let gap = value.is_some();
    if value.is_some() {
        segs.pop();
    } else {
        // No gap before the figure: read it as a row of one column.
        let r = number::readings(&last.text, 1);
        value = r.first().map(|r| r.values[0]);
        segs = vec![];
        if let Some(r) = r.first().filter(|r| !r.label.is_empty()) {
            segs.push(r.label.clone());
        }
    }
    let mut cells: Vec<String> = blocks[..blocks.len() - 1]
        .iter()
        .map(|b| {
            squash(
                &b.iter()
                    .map(|&i| doc.lines[i].text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .collect();
    let prefix: Vec<&str> = last_block[..last_block.len() - 1]
        .iter()
        .map(|&i| doc.lines[i].text.as_str())
        .collect();
    let mut first = prefix.join(" ");
    if let Some(s) = segs.first() {
        first = format!("{first} {s}");
    }
    if !squash(&first).is_empty() {
        cells.push(squash(&first));
    }
    cells.extend(segs.iter().skip(1).map(|s| squash(s)));
    let label = cells.first().cloned().unwrap_or_default();
    let giver = (cells.len() > 1).then(|| cells[1..].join(" "));
    if giver.is_none() && !gap && !is_total(&label) {
        review.add(doc, last.no, format!(
            "Raden {label:?}: benämning och bidragsgivare skiljs inte åt av ett större mellanrum; bidragsgivaren står kvar i benämningen, dela dem"
        ));
    }
    if value.is_none() {
        review.add(
            doc,
            last.no,
            format!("Raden {label:?} har inget belopp som kan läsas; lämnas tomt"),
        );
    }
    RawRow {
        label,
        values: vec![value],
        line: last.no,
        giver,
        percent: false,
    }
}
