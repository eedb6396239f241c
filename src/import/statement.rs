//! A statement (yttrande): the recommendations of an audit or the
//! questions of a consultation, each as printed, and the decision proposal.
//! The board's answers: each sentence a measure's status or a position
//! rests on, as printed with its line (`responses`); their summaries are
//! narrative, which the editor writes (review points). The decision plan,
//! diary numbers and the addressee are read where the template prints them.

use serde_json::Value;

use super::template::template;
use super::text::{squash, Doc};
use super::Review;
use crate::model::*;

/// How the template numbers an audit's recommendation ("Rekommendation 1:").
const RECOMMENDATION: &str = "Rekommendation";
/// The template's heading of the decision proposal.
const PROPOSAL_HEADING: &str = "Förslag till beslut";
/// The words of a proposal that stands without the heading.
const PROPOSAL_WORDS: &str = "föreslås besluta";

/// An item as printed: kind, text, line; `start..=end` are the indices of
/// its lines (heading included), the answer follows.
struct Item {
    kind: ItemKind,
    text: String,
    line: u32,
    start: usize,
    end: usize,
}

fn recommendations(doc: &Doc) -> Vec<Item> {
    let mut out = Vec::new();
    for (i, l) in doc.lines.iter().enumerate() {
        let Some(rest) = l.text.strip_prefix(RECOMMENDATION) else {
            continue;
        };
        let rest = rest.trim();
        let numbered = rest
            .strip_suffix(':')
            .is_some_and(|n| n.trim().parse::<u32>().is_ok());
        if !numbered {
            continue;
        }
        let taken: Vec<(usize, &str)> = doc.lines[i + 1..]
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.footer)
            .map(|(k, l)| (i + 1 + k, l.text.as_str()))
            .skip_while(|(_, t)| t.is_empty())
            .take_while(|(_, t)| !t.is_empty())
            .take(8)
            .collect();
        let end = taken.last().map_or(i, |&(k, _)| k);
        let lines: Vec<&str> = taken.iter().map(|&(_, t)| t).collect();
        let at = doc.lines[i + 1..]
            .iter()
            .find(|l| !l.text.is_empty())
            .map_or(l.no, |l| l.no);
        out.push(Item {
            kind: ItemKind::Recommendation,
            text: squash(&lines.join(" ")),
            line: at,
            start: i,
            end,
        });
    }
    out
}

/// Questions: a paragraph whose first lines (up to five, before a blank
/// line) end in a question mark.
fn questions(doc: &Doc) -> Vec<Item> {
    let mut out = Vec::new();
    for i in 0..doc.lines.len() {
        let l = &doc.lines[i];
        let starts = l.text.chars().next().is_some_and(char::is_uppercase)
            && (i == 0 || doc.lines[i - 1].text.is_empty());
        if !starts {
            continue;
        }
        let run: Vec<&str> = doc.lines[i..]
            .iter()
            .map(|l| l.text.as_str())
            .take_while(|t| !t.is_empty())
            .take(5)
            .collect();
        let Some(end) = run.iter().rposition(|t| t.ends_with('?')) else {
            continue;
        };
        let text = squash(&run[..=end].join(" "));
        // Text after the question on its lines is the answer: not asked.
        if text.split_whitespace().count() <= 60 {
            out.push(Item {
                kind: ItemKind::Question,
                text,
                line: l.no,
                start: i,
                end: i + end,
            });
        }
    }
    out
}

/// Whether a text is a statement: it has recommendations or questions.
pub fn is_statement(doc: &Doc) -> bool {
    !recommendations(doc).is_empty() || !questions(doc).is_empty()
}

fn proposal(doc: &Doc) -> (String, u32) {
    if let Some(i) = doc.lines.iter().position(|l| l.text == PROPOSAL_HEADING) {
        let mut parts = Vec::new();
        for l in doc.lines[i + 1..]
            .iter()
            .filter(|l| !l.footer && !l.text.is_empty())
        {
            let heading = l.text.split_whitespace().count() <= 3
                && l.text.chars().next().is_some_and(char::is_uppercase)
                && !l.text.ends_with('.');
            if heading || parts.len() >= 10 {
                break;
            }
            parts.push(l.text.as_str());
        }
        return (squash(&parts.join(" ")), doc.lines[i].no);
    }
    doc.lines
        .iter()
        .find(|l| l.text.contains(PROPOSAL_WORDS))
        .map(|l| (squash(&l.text), l.no))
        .unwrap_or_default()
}

/// The board: the proposal's subject ("Arbetsmarknads- och socialnämnden
/// föreslås besluta …", "1. … godkänner …").
fn board(text: &str) -> String {
    let t = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    let words: Vec<&str> = t.split_whitespace().collect();
    let end = words
        .iter()
        .position(|w| w.ends_with("nden") || w.ends_with("nden,"))
        .map(|i| i + 1);
    end.map(|e| words[..e].join(" ")).unwrap_or_default()
}

/// The latest ISO date printed in the text (the decision's year).
fn latest_year(doc: &Doc) -> Option<u16> {
    doc.lines
        .iter()
        .flat_map(|l| l.text.split_whitespace())
        .filter(|w| w.len() == 10 && w.as_bytes()[4] == b'-' && w.as_bytes()[7] == b'-')
        .filter_map(|w| w[..4].parse::<u16>().ok())
        .filter(|y| (1900..=2100).contains(y))
        .max()
}

/// The lines under a heading of the template, up to the first blank line
/// after some text: (index, text).
fn under_heading<'a>(doc: &'a Doc, heading: &str) -> Vec<(usize, &'a str)> {
    let Some(h) = doc.lines.iter().position(|l| l.text == heading) else {
        return vec![];
    };
    doc.lines[h + 1..]
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.footer)
        .map(|(k, l)| (h + 1 + k, l.text.as_str()))
        .skip_while(|(_, t)| t.is_empty())
        .take_while(|(_, t)| !t.is_empty())
        .collect()
}

/// Whether a word is an ISO date "YYYY-MM-DD".
fn is_iso_date(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The decision plan: each line under its heading that ends in a date,
/// the meeting's name as printed (the editor writes the label in our words
/// and in English: a review point).
fn decision_plan(doc: &Doc, review: &mut Review) -> Vec<DatedEvent> {
    let mut out = Vec::new();
    let lines = under_heading(doc, &template().decision_plan_heading);
    for &(i, text) in &lines {
        let Some((name, date)) = text.rsplit_once(' ') else {
            continue;
        };
        if !is_iso_date(date) {
            review.add(
                doc,
                doc.lines[i].no,
                format!("Beslutsplaneringen: raden «{text}» har inget datum: fyll i den för hand"),
            );
            continue;
        }
        out.push(DatedEvent {
            date: date.to_string(),
            label: Text {
                sv: squash(name),
                en: String::new(),
            },
        });
    }
    if let Some(&(i, _)) = lines.first() {
        review.add(doc, doc.lines[i].no, format!("Beslutsplaneringen: {} datum lästa, med mötets namn som tryckt: skriv etiketterna med egna ord, på svenska och engelska", out.len()));
    }
    out
}

/// Diary numbers as printed ("ASN-2025-15448"): letters, a year and a
/// serial number joined by hyphens, each once, in order.
fn diary_numbers(doc: &Doc) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in doc.lines.iter().flat_map(|l| l.text.split_whitespace()) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let parts: Vec<&str> = w.split('-').collect();
        let ok = parts.len() == 3
            && (2..=6).contains(&parts[0].chars().count())
            && parts[0].chars().all(char::is_uppercase)
            && parts[1].len() == 4
            && parts[1].bytes().all(|b| b.is_ascii_digit())
            && (1..=7).contains(&parts[2].len())
            && parts[2].bytes().all(|b| b.is_ascii_digit());
        if ok && !out.iter().any(|o| o == w) {
            out.push(w.to_string());
        }
    }
    out
}

/// Whom the decision is sent to, where the template says so on one line.
fn sent_to(doc: &Doc) -> String {
    match under_heading(doc, &template().sent_to_heading).as_slice() {
        [(_, who)] => squash(who),
        _ => String::new(),
    }
}

/// The board's responses to item `n` of `items`, read from the lines
/// between its text and the next item, each a review point.
fn responses(doc: &Doc, items: &[Item], n: usize, review: &mut Review) -> Vec<Response> {
    let it = &items[n];
    let to = items.get(n + 1).map_or(doc.lines.len(), |next| next.start);
    let found = super::responses::read(doc, it.kind, it.end + 1, to);
    let what = if it.kind == ItemKind::Question {
        "Frågan"
    } else {
        "Rekommendationen"
    };
    if found.is_empty() {
        review.add(doc, it.line, format!(
            "{what} {}: inga åtgärder eller ställningstaganden hittades i texten: skriv dem (responses: sammanfattning, status och den tryckta fras statusen vilar på)", n + 1
        ));
    }
    found
        .into_iter()
        .map(|f| {
            let also: Vec<&str> = f.also.iter().map(|s| status_word(*s)).collect();
            let doubt = if also.is_empty() { String::new() } else { format!(" (texten kan också läsas som {})", also.join(", ")) };
            review.add(doc, f.line, format!(
                "{what} {}: status «{}» läst ur «{}»{doubt}: pröva statusen, korta frasen till det den vilar på och skriv sammanfattningen på svenska och engelska",
                n + 1, status_word(f.status), f.phrase
            ));
            Response { summary: Text::default(), status: f.status, phrase: f.phrase, line: Some(f.line) }
        })
        .collect()
}

/// A status as the review list names it.
fn status_word(s: ResponseStatus) -> &'static str {
    match s {
        ResponseStatus::Genomford => "genomförd",
        ResponseStatus::Pagar => "pågår",
        ResponseStatus::Planerad => "planerad",
        ResponseStatus::Senarelagd => "senarelagd",
        ResponseStatus::Stallningstagande => "ställningstagande",
    }
}

/// The draft's items, each with the responses read from its answer.
fn items(doc: &Doc, found: &[Item], review: &mut Review) -> Vec<StatementItem> {
    (0..found.len())
        .map(|n| {
            let it = &found[n];
            let question = it.kind == ItemKind::Question;
            StatementItem {
                id: format!("{}{}", if question { "q" } else { "r" }, n + 1),
                kind: it.kind,
                text: it.text.clone(),
                responses: responses(doc, found, n, review),
                related_goals: vec![],
                source: SourceRef {
                    section: if question {
                        "Yttrande".into()
                    } else {
                        format!("{RECOMMENDATION} {}", n + 1)
                    },
                    page: doc.page(it.line),
                    line: Some(it.line),
                },
            }
        })
        .collect()
}

/// The draft statement of `doc`.
pub fn read(doc: &Doc, file_name: &str, review: &mut Review) -> Value {
    let recs = recommendations(doc);
    let kind = if recs.is_empty() {
        AnswersKind::Consultation
    } else {
        AnswersKind::AuditReview
    };
    let found = if recs.is_empty() {
        questions(doc)
    } else {
        recs
    };
    let (decision_proposal, proposal_line) = proposal(doc);
    let board_name = board(&decision_proposal);
    let year = latest_year(doc);
    if board_name.is_empty() || year.is_none() {
        review.add(doc, proposal_line.max(1), "Nämnden eller beslutsåret står inte i förslaget till beslut eller i beslutsplaneringen: fyll i dem");
    }
    let short = super::annual::board_short(&board_name);
    let year = year.unwrap_or(2000);
    let items = items(doc, &found, review);
    let from = sent_to(doc);
    review.add(doc, 0, format!(
        "Skriv yttrandets namn och sammanfattning (svenska och engelska), ange titel som tryckt, vad det svarar på (answers: titel{}), övriga datum, nämndens kortnamn och id",
        if from.is_empty() { " och avsändare" } else { "; avsändaren lästes ur «Beslutet skickas till»" }
    ));
    let s = Statement {
        schema_version: SCHEMA_VERSION,
        id: format!("{}-yttrande-{year}", super::text::slug(&short, 20)),
        kind: "statement".into(),
        board: Board {
            name: board_name.clone(),
            short: short.clone(),
        },
        year,
        title: String::new(),
        // A working name, ours, until the editor names it (a review point).
        name: Text {
            sv: format!("Yttrande från {short} {year} (utkast)"),
            en: format!("Statement by {short} {year} (draft)"),
        },
        source: SourceDocument {
            title: String::new(),
            publisher: super::annual::publisher(&board_name),
            file: file_name.to_string(),
            pages: doc.pages,
        },
        summary: Text::default(),
        answers: Answers {
            kind,
            title: String::new(),
            from,
        },
        dates: vec![],
        diary_numbers: diary_numbers(doc),
        decision_plan: decision_plan(doc, review),
        decision_proposal,
        items,
        abbreviations: vec![],
    };
    serde_json::to_value(&s).unwrap_or(Value::Null)
}
