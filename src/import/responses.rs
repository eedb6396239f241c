//! The board's answer to one item of a statement: the sentences of its
//! text that a measure's status or a position rests on, each as printed
//! with its line. The status is read from the template's words
//! (`assets/import-template.json`); a sentence with words of more than one
//! status is read by the first and the others are named for review.

use super::template::template;
use super::text::{squash, Doc};
use crate::model::{ItemKind, ResponseStatus};

/// A sentence of an answer that carries a measure or a position.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub status: ResponseStatus,
    /// The sentence as printed, white space squashed.
    pub phrase: String,
    /// The line it starts on.
    pub line: u32,
    /// Other statuses its words also give (a doubt for review).
    pub also: Vec<ResponseStatus>,
}

/// The answer's sentences, with the line each starts on, from the lines
/// `from..to` of `doc` (indices): paragraphs and bullets break sentences,
/// a short line standing alone is a sub-heading and left out, and a
/// closing heading of the template ends the answer.
pub fn sentences(doc: &Doc, from: usize, to: usize) -> Vec<(u32, String)> {
    let t = template();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut at = 0;
    let flush = |cur: &mut String, at: u32, out: &mut Vec<(u32, String)>| {
        let s = squash(cur);
        if !s.is_empty() {
            out.push((at, s));
        }
        cur.clear();
    };
    for i in from..to.min(doc.lines.len()) {
        let l = &doc.lines[i];
        if l.footer {
            continue;
        }
        let text = l.text.trim();
        if t.closing_headings.iter().any(|h| h == text) {
            break;
        }
        if text.is_empty() || is_subheading(doc, i) {
            flush(&mut cur, at, &mut out);
            continue;
        }
        let text = match text.strip_prefix('•') {
            Some(rest) => {
                flush(&mut cur, at, &mut out);
                rest.trim()
            }
            None => text,
        };
        for part in split_sentences(text) {
            if cur.is_empty() {
                at = l.no;
            }
            cur.push(' ');
            cur.push_str(part);
            if part.ends_with(['.', '!', '?']) {
                flush(&mut cur, at, &mut out);
            }
        }
    }
    flush(&mut cur, at, &mut out);
    out
}

/// A line that stands alone as a heading: short, capitalised, without
/// closing punctuation, and not continued in lower case on the next line.
fn is_subheading(doc: &Doc, i: usize) -> bool {
    let text = doc.lines[i].text.trim();
    let next = doc.lines[i + 1..]
        .iter()
        .find(|l| !l.footer)
        .map_or("", |l| l.text.trim());
    text.split_whitespace().count() <= 8
        && text.chars().next().is_some_and(char::is_uppercase)
        && !text.ends_with(['.', '?', '!', ':', ',', ';'])
        && !next.chars().next().is_some_and(char::is_lowercase)
}

/// A line cut after each '.', '!' or '?' that a space and a capital or a
/// digit follow.
fn split_sentences(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for w in 0..chars.len() {
        let (i, c) = chars[w];
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let Some(&(_, space)) = chars.get(w + 1) else {
            continue;
        };
        let next = chars[w + 1..].iter().find(|(_, c)| !c.is_whitespace());
        if space.is_whitespace()
            && next.is_some_and(|&(_, n)| n.is_uppercase() || n.is_ascii_digit())
        {
            parts.push(line[start..=i].trim());
            start = i + 1;
        }
    }
    let rest = line[start..].trim();
    if !rest.is_empty() {
        parts.push(rest);
    }
    parts
}

/// The sentence's words, lower case, punctuation trimmed.
fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `phrase` (words; a word ending in `*` is a word's start)
/// occurs in `words`.
fn has(words: &[String], phrase: &str) -> bool {
    let want: Vec<&str> = phrase.split_whitespace().collect();
    if want.is_empty() || want.len() > words.len() {
        return false;
    }
    words.windows(want.len()).any(|win| {
        win.iter()
            .zip(&want)
            .all(|(w, p)| match p.strip_suffix('*') {
                Some(start) => w.starts_with(start),
                None => w == p,
            })
    })
}

/// The statuses a sentence's words give, in the template's order.
fn statuses(words: &[String]) -> Vec<ResponseStatus> {
    template()
        .response_words
        .iter()
        .filter(|s| s.words.iter().any(|p| has(words, p)))
        .map(|s| s.status)
        .collect()
}

/// Whether a sentence takes a position: the board with one of its verbs,
/// or a word of advice.
fn is_position(words: &[String]) -> bool {
    let t = template();
    let board = words.iter().any(|w| w.ends_with(&t.position_subject));
    (board && t.position_verbs.iter().any(|v| has(words, v)))
        || t.position_words.iter().any(|p| has(words, p))
}

/// The measures (a recommendation) or positions (a question) of the
/// answer in the lines `from..to`.
pub fn read(doc: &Doc, kind: ItemKind, from: usize, to: usize) -> Vec<Found> {
    sentences(doc, from, to)
        .into_iter()
        .filter_map(|(line, phrase)| {
            let w = words(&phrase);
            let (status, also) = match kind {
                ItemKind::Question => {
                    if !is_position(&w) {
                        return None;
                    }
                    (ResponseStatus::Stallningstagande, vec![])
                }
                ItemKind::Recommendation => {
                    let mut all = statuses(&w);
                    if all.is_empty() {
                        return None;
                    }
                    let first = all.remove(0);
                    (first, all)
                }
            };
            Some(Found {
                status,
                phrase,
                line,
                also,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc {
        Doc::new(text)
    }

    #[test]
    fn a_sentence_wrapped_over_lines_starts_on_its_first_line() {
        let d =
            doc("Rubrik här\nFörsta meningen går\növer två rader. Andra börjar\nhär.\n\nTredje.");
        let s = sentences(&d, 0, d.lines.len());
        assert_eq!(
            s,
            vec![
                (2, "Första meningen går över två rader.".to_string()),
                (3, "Andra börjar här.".to_string()),
                (6, "Tredje.".to_string()),
            ]
        );
    }

    #[test]
    fn a_closing_heading_ends_the_answer() {
        let d = doc("Arbetet pågår.\nAnsvariga\nNamn Namnsson  Enhetschef");
        assert_eq!(sentences(&d, 0, d.lines.len()).len(), 1);
    }

    #[test]
    fn each_status_is_read_from_its_words() {
        let d = doc("Arbetet med kvalitet pågår.\n\nUtvecklingen av databasen är genomförd.\n\nUtbildning planeras i maj.\n\nInförandet av systemet senareläggs.\n\nNämnden har en rutin.");
        let got: Vec<ResponseStatus> = read(&d, ItemKind::Recommendation, 0, d.lines.len())
            .iter()
            .map(|f| f.status)
            .collect();
        use ResponseStatus::*;
        assert_eq!(got, vec![Pagar, Genomford, Planerad, Senarelagd]);
    }

    #[test]
    fn a_sentence_of_two_statuses_names_the_other_for_review() {
        let d = doc("Arbetet pågår och kommer att avslutas i maj.");
        let f = read(&d, ItemKind::Recommendation, 0, 1);
        assert_eq!(f[0].status, ResponseStatus::Pagar);
        assert_eq!(f[0].also, vec![ResponseStatus::Planerad]);
    }

    #[test]
    fn a_position_names_the_board_or_gives_advice() {
        let d = doc("Utifrån det anser nämnden att MKB passar.\n\nStaden har fjorton områden.\n\nIndex bör tas fram.");
        let f = read(&d, ItemKind::Question, 0, d.lines.len());
        let lines: Vec<u32> = f.iter().map(|f| f.line).collect();
        assert_eq!(lines, vec![1, 5]);
        assert!(f
            .iter()
            .all(|f| f.status == ResponseStatus::Stallningstagande));
    }
}
