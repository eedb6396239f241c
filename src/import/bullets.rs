//! A series given as a bullet list under a caption ending in a colon:
//! "• LSS-bostäder: 2260 (2023: 2325)" is this year's figure and, in
//! brackets, an earlier year's. The earlier year is printed; this year is
//! the report's, which a review point asks the editor to check.

use super::table::{RawRow, RawTable};
use super::text::{squash, Doc};
use super::Review;

const BULLETS: &[char] = &['•', '●', '▪', '–'];

/// "LABEL: N (YYYY: M)" → (label, N, YYYY, M).
fn bullet(text: &str) -> Option<(String, f64, u16, f64)> {
    let t = text.trim_start_matches(BULLETS).trim();
    let open = t.find('(')?;
    let (label, now) = t[..open].rsplit_once(':')?;
    let bracket = &t[open + 1..];
    let (year, then) = bracket.trim_end().strip_suffix(')')?.split_once(':')?;
    let int = |s: &str| -> Option<f64> {
        let s = s.trim();
        (!s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())?
    };
    let year: u16 = year
        .trim()
        .parse()
        .ok()
        .filter(|y| (1900..=2100).contains(y))?;
    Some((squash(label), int(now)?, year, int(then)?))
}

/// Every such series of the text, with the report's `year`.
pub fn read(doc: &Doc, year: u16, review: &mut Review) -> Vec<RawTable> {
    let mut out = Vec::new();
    for (i, l) in doc.lines.iter().enumerate() {
        let Some(caption) = l.text.strip_suffix(':') else {
            continue;
        };
        if caption.split_whitespace().count() > 14 {
            continue;
        }
        let items: Vec<(u32, (String, f64, u16, f64))> = doc.lines[i + 1..]
            .iter()
            .take_while(|b| b.text.starts_with(BULLETS))
            .map_while(|b| bullet(&b.text).map(|x| (b.no, x)))
            .collect();
        let earlier = items.first().map(|(_, x)| x.2);
        if items.len() < 2 || items.iter().any(|(_, x)| Some(x.2) != earlier) {
            continue;
        }
        let earlier = earlier.unwrap_or_default();
        if earlier >= year {
            continue;
        }
        review.add(doc, l.no, format!(
            "Serien {caption:?} är läst ur en punktlista: talen i parentes är {earlier}, de andra rapportens år {year}; kontrollera och ange enheten"
        ));
        let rows = items
            .into_iter()
            .map(|(no, (label, now, _, then))| RawRow {
                label,
                values: vec![Some(then), Some(now)],
                line: no,
                giver: None,
                percent: false,
            })
            .collect();
        out.push(RawTable {
            title: squash(caption),
            line: l.no,
            columns: vec![earlier.to_string(), year.to_string()],
            rows,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bullet_with_an_earlier_years_figure() {
        assert_eq!(
            bullet("• Stöd, assistans och daglig verksamhet: 1359 (2023: 1182) "),
            Some((
                "Stöd, assistans och daglig verksamhet".into(),
                1359.0,
                2023,
                1182.0
            ))
        );
        assert_eq!(bullet("• Ingen siffra här"), None);
    }
}
