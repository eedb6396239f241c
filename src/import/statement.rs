//! A statement (yttrande): the recommendations of an audit or the
//! questions of a consultation, each as printed, and the decision proposal.
//! The board's answers are narrative: the editor writes them (review points).

use serde_json::Value;

use super::text::{squash, Doc};
use super::Review;
use crate::model::*;

/// How the template numbers an audit's recommendation ("Rekommendation 1:").
const RECOMMENDATION: &str = "Rekommendation";
/// The template's heading of the decision proposal.
const PROPOSAL_HEADING: &str = "Förslag till beslut";
/// The words of a proposal that stands without the heading.
const PROPOSAL_WORDS: &str = "föreslås besluta";

/// An item as printed: kind, text, line.
struct Item {
    kind: ItemKind,
    text: String,
    line: u32,
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
        let lines: Vec<&str> = doc.lines[i + 1..]
            .iter()
            .filter(|l| !l.footer)
            .map(|l| l.text.as_str())
            .skip_while(|t| t.is_empty())
            .take_while(|t| !t.is_empty())
            .take(8)
            .collect();
        let at = doc.lines[i + 1..]
            .iter()
            .find(|l| !l.text.is_empty())
            .map_or(l.no, |l| l.no);
        out.push(Item {
            kind: ItemKind::Recommendation,
            text: squash(&lines.join(" ")),
            line: at,
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

/// The draft statement of `doc`.
pub fn read(doc: &Doc, file_name: &str, review: &mut Review) -> Value {
    let recs = recommendations(doc);
    let kind = if recs.is_empty() {
        AnswersKind::Consultation
    } else {
        AnswersKind::AuditReview
    };
    let items = if recs.is_empty() {
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
    let items: Vec<StatementItem> = items
        .into_iter()
        .enumerate()
        .map(|(n, it)| {
            review.add(doc, it.line, format!(
                "{} {}: skriv nämndens åtgärder eller ställningstaganden (responses: sammanfattning, status och den tryckta fras statusen vilar på)",
                if it.kind == ItemKind::Question { "Frågan" } else { "Rekommendationen" }, n + 1
            ));
            StatementItem {
                id: format!("{}{}", if it.kind == ItemKind::Question { "q" } else { "r" }, n + 1),
                kind: it.kind,
                text: it.text,
                responses: vec![],
                related_goals: vec![],
                source: SourceRef { section: if it.kind == ItemKind::Question { "Yttrande".into() } else { format!("{RECOMMENDATION} {}", n + 1) }, page: doc.page(it.line), line: Some(it.line) },
            }
        })
        .collect();
    review.add(doc, 0, "Skriv yttrandets namn och sammanfattning (svenska och engelska), ange titel som tryckt, vad det svarar på (answers: titel och avsändare), datum, diarienummer och beslutsplanering, nämndens kortnamn och id");
    let s = Statement {
        schema_version: SCHEMA_VERSION,
        id: format!("{}-yttrande-{year}", super::text::slug(&short, 20)),
        kind: "statement".into(),
        board: Board {
            name: board_name.clone(),
            short,
        },
        year,
        title: String::new(),
        name: Text::default(),
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
            from: String::new(),
        },
        dates: vec![],
        diary_numbers: vec![],
        decision_plan: vec![],
        decision_proposal,
        items,
        abbreviations: vec![],
    };
    serde_json::to_value(&s).unwrap_or(Value::Null)
}
