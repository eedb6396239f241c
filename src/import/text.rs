//! The source text as lines: numbers, printed pages (from footers like
//! "15 (66)"), and the checks that a text is a text at all.

/// One line of the source, with its 1-based number and printed page.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// 1-based line number in the source file.
    pub no: u32,
    /// The printed page the line stands on, where a footer shows it.
    pub page: Option<u32>,
    /// The line without surrounding white space and with runs of spaces
    /// kept (two spaces can separate an empty cell).
    pub text: String,
    /// Whether the line is a page footer (left out of paragraphs and tables).
    pub footer: bool,
}

/// The lines of a document and what its footers say.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    pub lines: Vec<Line>,
    /// The page count the footers print ("(66)"), where they do.
    pub pages: Option<u32>,
    /// The text of the footers before the page number ("Årsanalys 2025,
    /// Arbetsmarknads- och socialnämnden"), the first one found.
    pub footer_text: Option<String>,
}

/// A printed page footer: "… 15 (66)" or "… 38(66)" at a line's end.
/// Returns the text before it, the page and the page count.
pub fn footer(line: &str) -> Option<(&str, u32, u32)> {
    let t = line.trim_end();
    let t = t.strip_suffix(')')?;
    let open = t.rfind('(')?;
    let total: u32 = t[open + 1..].trim().parse().ok()?;
    let before = t[..open].trim_end();
    let digits = before
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let page: u32 = before[before.len() - digits..].parse().ok()?;
    let rest = before[..before.len() - digits].trim_end();
    (page >= 1 && page <= total && total < 10_000).then_some((rest, page, total))
}

impl Doc {
    /// Splits a text into lines and gives each the page of the next footer
    /// at or below it (a footer closes its page).
    pub fn new(text: &str) -> Doc {
        let mut lines: Vec<Line> = text
            .lines()
            .enumerate()
            .map(|(i, l)| Line {
                no: u32::try_from(i + 1).unwrap_or(u32::MAX),
                page: None,
                text: l.trim().replace('\u{a0}', " "),
                footer: false,
            })
            .collect();
        let mut pages = None;
        let mut footer_text = None;
        let mut footers: Vec<(usize, u32)> = Vec::new();
        for (i, l) in lines.iter_mut().enumerate() {
            if let Some((rest, page, total)) = footer(&l.text) {
                // A footer names the document: text before the number.
                if rest.contains(',') {
                    l.footer = true;
                    footers.push((i, page));
                    pages = pages.or(Some(total));
                    footer_text = footer_text.or(Some(rest.to_string()));
                }
            }
        }
        if text.contains('\u{c}') {
            paginate_by_form_feeds(text, &mut lines, &footers);
            return Doc {
                lines,
                pages,
                footer_text,
            };
        }
        // A footer closes its page: the lines since the footer of the page
        // before are on it. Where footers are missing between (the page
        // before is not the one just above), the lines' page is not known.
        let mut prev: Option<(usize, u32)> = None;
        for &(i, page) in &footers {
            let (from, known) = match prev {
                Some((p, pp)) => (p + 1, pp + 1 == page),
                None => (0, page == 1),
            };
            if known {
                for l in &mut lines[from..=i] {
                    l.page = Some(page);
                }
            }
            prev = Some((i, page));
        }
        Doc {
            lines,
            pages,
            footer_text,
        }
    }

    /// The line with number `no`.
    pub fn line(&self, no: u32) -> Option<&Line> {
        self.lines.get(usize::try_from(no).ok()?.checked_sub(1)?)
    }

    /// The page of line `no`.
    pub fn page(&self, no: u32) -> Option<u32> {
        self.line(no).and_then(|l| l.page)
    }
}

/// Pages from the form feeds `pdftotext -layout` ends each page with: the
/// sheet a line is on, shifted so that a footer's line gets its printed
/// number (a cover without a number); without a footer, no page.
fn paginate_by_form_feeds(text: &str, lines: &mut [Line], footers: &[(usize, u32)]) {
    let mut sheet = 1i64;
    let sheets: Vec<i64> = text
        .lines()
        .map(|l| {
            sheet += l.matches('\u{c}').count() as i64;
            sheet
        })
        .collect();
    let Some(&(i, page)) = footers.first() else {
        return;
    };
    let offset = i64::from(page) - sheets.get(i).copied().unwrap_or(1);
    for (l, s) in lines.iter_mut().zip(sheets) {
        l.page = u32::try_from(s + offset).ok().filter(|p| *p >= 1);
    }
}

/// Whether bytes look like a binary file rather than a text: NUL bytes or
/// many control characters.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let control = bytes
        .iter()
        .filter(|&&b| b < 0x20 && b != b'\n' && b != b'\r' && b != b'\t' && b != 0x0c)
        .count();
    control * 20 > bytes.len().max(1)
}

/// Runs of white space as one space.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Joins wrapped lines into one text: a line ending in a hyphen after a
/// letter is joined without a space when the next starts in lower case
/// ("förvaltnings-" "övergripande" stays as printed, hyphen kept, with no
/// space only where a word was split without a hyphen is impossible to
/// know: lines are joined with one space, as the bundled files quote them).
pub fn join(parts: &[&str]) -> String {
    squash(&parts.join(" "))
}

/// A lower-case ASCII id from a text: å, ä → a, ö → o, other letters and
/// digits kept, everything else a hyphen; at most `max` characters.
pub fn slug(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ó' | 'ø' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' => 'u',
            c => c,
        };
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.chars().take(max).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// A unique id from `base` among `taken`: `base`, `base-2`, `base-3` …
pub fn unique(base: String, taken: &mut Vec<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.push(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footers_give_pages_to_the_lines_above() {
        let d = Doc::new("a\nÅrsanalys 2024, Nämnden 15 (66)\nb\nÅrsanalys 2024, Nämnden 16(66)\n");
        // The first page shown is 15: the lines above it may span pages.
        assert_eq!(d.lines[0].page, None);
        assert!(d.lines[1].footer);
        assert_eq!(d.lines[2].page, Some(16));
        assert_eq!(d.pages, Some(66));
        assert_eq!(d.footer_text.as_deref(), Some("Årsanalys 2024, Nämnden"));
    }

    #[test]
    fn a_number_in_brackets_is_no_footer_without_a_name() {
        assert!(Doc::new("Summa 4 (5)\n").lines.iter().all(|l| !l.footer));
        assert_eq!(footer("x 70 (66)"), None);
    }

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("Prognos DR", 40), "prognos-dr");
        assert_eq!(slug("Förändring", 40), "forandring");
        assert_eq!(slug("(Tkr)", 40), "tkr");
        assert_eq!(slug("", 40), "x");
    }

    #[test]
    fn binary_is_told_from_text() {
        assert!(looks_binary(b"%PDF\0\x01\x02"));
        assert!(!looks_binary("Årsanalys\n".as_bytes()));
    }
}
