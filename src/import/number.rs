//! The flattened-row reader: a line such as
//! "Nettokostnad -4 341 853 -4 345 571 3 718" under a header of three
//! columns, where one space separates both thousands and columns, read as
//! a label and exactly `k` numbers in every way the digits allow.

/// One way to read a row: the label and one value per column.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub label: String,
    pub values: Vec<f64>,
}

/// More tokens than this after the label are not read (a row of a table
/// has a few numbers; a long run of digit groups is no row, and reading it
/// every way would take exponential time).
const MAX_NUMBER_TOKENS: usize = 24;

fn is_minus(c: char) -> bool {
    matches!(c, '-' | '−' | '–')
}

/// Whether a token can start a number: an optional minus and 1–3 digits,
/// no leading zero unless it is "0".
fn head(token: &str) -> Option<(bool, &str)> {
    let (neg, digits) = match token.chars().next() {
        Some(c) if is_minus(c) => (true, &token[c.len_utf8()..]),
        _ => (false, token),
    };
    // A decimal comma ("10,5", as percentages print) ends its number.
    let whole = digits.split_once(',').map_or(digits, |(w, f)| {
        if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) {
            w
        } else {
            ""
        }
    });
    let ok = (1..=3).contains(&whole.len())
        && whole.bytes().all(|b| b.is_ascii_digit())
        && (whole == "0" || !whole.starts_with('0'));
    ok.then_some((neg, digits))
}

/// Whether a token can continue a number: exactly three digits.
fn group(token: &str) -> bool {
    token.len() == 3 && token.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a token can be part of a number at all.
pub fn numeric(token: &str) -> bool {
    head(token).is_some() || group(token)
}

/// The tokens of a line: its words, split on white space.
pub fn tokens(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// How many tokens at the end of `tokens` can be parts of numbers.
pub fn numeric_tail(tokens: &[&str]) -> usize {
    tokens.iter().rev().take_while(|t| numeric(t)).count()
}

/// Every split of `tokens` into exactly `k` numbers.
fn splits(tokens: &[&str], k: usize) -> Vec<Vec<f64>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    split_from(tokens, k, &mut current, &mut out);
    out
}

fn split_from(tokens: &[&str], k: usize, current: &mut Vec<f64>, out: &mut Vec<Vec<f64>>) {
    if tokens.is_empty() {
        if current.len() == k {
            out.push(current.clone());
        }
        return;
    }
    if current.len() == k {
        return;
    }
    let Some((neg, digits)) = head(tokens[0]) else {
        return;
    };
    let mut text = digits.to_string();
    let mut end = 1;
    loop {
        // "0" is a whole number: no group follows it.
        let value: f64 = text.replace(',', ".").parse().unwrap_or(0.0);
        current.push(if neg { -value } else { value });
        split_from(&tokens[end..], k, current, out);
        current.pop();
        let decimal = digits.contains(',');
        if digits == "0" || decimal || end >= tokens.len() || !group(tokens[end]) {
            break;
        }
        text.push_str(tokens[end]);
        end += 1;
    }
}

/// Every reading of `line` as a label and `k` numbers, taking as few
/// trailing numeric tokens into the label as any reading needs (a label
/// ends in a number only where the figures cannot be read otherwise).
/// Empty when no reading exists.
pub fn readings(line: &str, k: usize) -> Vec<Reading> {
    let toks = tokens(line);
    let tail = numeric_tail(&toks);
    if k == 0 || tail == 0 || tail > MAX_NUMBER_TOKENS {
        return Vec::new();
    }
    let start = toks.len() - tail;
    for into_label in 0..tail {
        let numbers = &toks[start + into_label..];
        let found = splits(numbers, k);
        if !found.is_empty() {
            let label = toks[..start + into_label].join(" ");
            return found
                .into_iter()
                .map(|values| Reading {
                    label: label.clone(),
                    values,
                })
                .collect();
        }
    }
    Vec::new()
}

/// The readings of a row (`text`, its label's wrapped lines joined) as
/// [`readings`] gives them, and, where the figures' own line (`raw`, with
/// its spaces as printed) has a wider gap (two or more spaces) between two
/// figures, the readings with an empty cell in that gap: `k − 1` numbers,
/// the empty cell as NaN.
pub fn readings_with_gaps(text: &str, raw: &str, k: usize) -> Vec<Reading> {
    let mut out = readings(text, k);
    let Some(label) = readings(text, k.saturating_sub(1))
        .first()
        .map(|r| r.label.clone())
    else {
        return out;
    };
    // The raw line's tokens, each with whether a wider gap stands before it.
    let mut toks: Vec<(&str, bool)> = Vec::new();
    let mut gap = false;
    for t in raw.split(' ') {
        if t.is_empty() {
            gap = true;
            continue;
        }
        toks.push((t, gap && !toks.is_empty()));
        gap = false;
    }
    let tail = toks.iter().rev().take_while(|(t, _)| numeric(t)).count();
    if tail > MAX_NUMBER_TOKENS {
        return out;
    }
    let figures = &toks[toks.len() - tail..];
    for g in 1..figures.len() {
        if !figures[g].1 {
            continue;
        }
        let left: Vec<&str> = figures[..g].iter().map(|(t, _)| *t).collect();
        let right: Vec<&str> = figures[g..].iter().map(|(t, _)| *t).collect();
        for a in 1..k.saturating_sub(1) {
            for l in splits(&left, a) {
                for r in splits(&right, k - 1 - a) {
                    let mut values = l.clone();
                    values.push(f64::NAN);
                    values.extend(r);
                    out.push(Reading {
                        label: label.clone(),
                        values,
                    });
                }
            }
        }
    }
    out
}

/// The row without its percent signs ("-10,5 % -2,7 %" → "-10,5 -2,7"),
/// and whether it had any.
pub fn strip_percent(text: &str) -> (String, bool) {
    if !text.contains('%') {
        // Kept as it is: its wider gaps can hold empty cells.
        return (text.to_string(), false);
    }
    let mut had = false;
    let kept: Vec<&str> = text
        .split_whitespace()
        .filter_map(|t| match t.strip_suffix('%') {
            Some(rest) => {
                had = true;
                (!rest.is_empty()).then_some(rest)
            }
            None => Some(t),
        })
        .collect();
    (kept.join(" "), had)
}

/// A number as printed in a markdown cell ("-4 004", "1 645 081", "0");
/// `None` for anything else.
pub fn cell(text: &str) -> Option<f64> {
    let toks = tokens(text);
    if toks.is_empty() {
        return None;
    }
    let found = splits(&toks, 1);
    (found.len() == 1).then(|| found[0][0])
}

/// A markdown cell that may be a percentage with a decimal comma
/// ("-16,4 %"): the value and whether it was one.
pub fn cell_or_percent(text: &str) -> (Option<f64>, bool) {
    if let Some(v) = cell(text) {
        return (Some(v), false);
    }
    let Some(t) = text.trim().strip_suffix('%') else {
        return (None, false);
    };
    let t = t.trim().replace(['−', '–'], "-").replace(',', ".");
    let ok = !t.is_empty()
        && t.trim_start_matches('-')
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.')
        && t.matches('.').count() <= 1;
    (ok.then(|| t.parse::<f64>().ok()).flatten(), ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(line: &str, k: usize) -> Vec<Vec<f64>> {
        readings(line, k).into_iter().map(|r| r.values).collect()
    }

    #[test]
    fn three_columns_read_one_way() {
        assert_eq!(
            values("Nettokostnad -4 341 853 -4 345 571 3 718", 3),
            vec![vec![-4_341_853.0, -4_345_571.0, 3718.0]]
        );
    }

    #[test]
    fn digit_groups_allow_several_readings() {
        // 1 625 | 970 or 1 | 625 970 … : two columns of "1 625 970".
        let r = values("Rad 1 625 970", 2);
        assert!(r.contains(&vec![1625.0, 970.0]));
        assert!(r.contains(&vec![1.0, 625_970.0]));
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn zero_stands_alone() {
        assert_eq!(values("Kommunbidrag 4 346 447 4 346 447 0", 3).len(), 1);
    }

    #[test]
    fn a_label_takes_a_number_only_when_it_must() {
        let r = readings("Bidrag 2 1 234", 1);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].label, "Bidrag 2");
        assert_eq!(r[0].values, vec![1234.0]);
    }

    #[test]
    fn percentages_with_decimal_commas() {
        let (t, pct) = strip_percent("Förändring -10,5 % -2,7 % -2,5 %");
        assert!(pct);
        assert_eq!(values(&t, 3), vec![vec![-10.5, -2.7, -2.5]]);
    }

    #[test]
    fn markdown_cells() {
        assert_eq!(cell("-4 004"), Some(-4004.0));
        assert_eq!(cell(""), None);
        assert_eq!(cell("12 34"), None);
    }
}
