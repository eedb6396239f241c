//! Budget assignments (budgetuppdrag): each assignment's title as printed,
//! under its goal area. Their status rests on a narrative the editor reads:
//! the draft holds a placeholder and a review point.

use super::annual::ASSIGNMENTS_HEADING;
use super::goals::{self, Match, AREA_PREFIX};
use super::text::{slug, squash, unique, Doc};
use super::Review;
use crate::model::{Assignment, AssignmentStatus, SourceRef, Text};

/// The template's heading after the assignments.
const NEXT_HEADING: &str = "Ekonomisk utveckling under året";
/// The words of the template every assignment's title holds.
const ASSIGNMENT_WORDS: &str = " i uppdrag ";

/// Every assignment of the assignments section.
pub fn read(doc: &Doc, review: &mut Review) -> Vec<Assignment> {
    let Some(start) = doc.lines.iter().position(|l| l.text == ASSIGNMENTS_HEADING) else {
        return vec![];
    };
    let end = doc.lines[start..]
        .iter()
        .position(|l| l.text == NEXT_HEADING)
        .map_or(doc.lines.len(), |e| e + start);
    let mut out = Vec::new();
    let mut ids = Vec::new();
    let mut area: Option<String> = None;
    let mut i = start + 1;
    while i < end {
        let l = &doc.lines[i];
        if l.text.starts_with(AREA_PREFIX.trim_end()) {
            let h = goals::heading(doc, i, AREA_PREFIX, &|t| {
                matches!(goals::find_area(t), Match::Known(_))
            });
            area = h.as_ref().and_then(|h| match goals::find_area(&h.title) {
                Match::Known(a) => Some(a.id.clone()),
                Match::Unknown { .. } => None,
            });
            i = h.map_or(i + 1, |h| h.last + 1);
            continue;
        }
        let paragraph_start = i == 0
            || doc.lines[i - 1].text.is_empty()
            || doc.lines[i - 1].text.starts_with(AREA_PREFIX.trim_end());
        let (title, last) = title_at(doc, i, end);
        if !paragraph_start
            || !format!(" {title} ").contains(ASSIGNMENT_WORDS)
            || title.ends_with('.')
        {
            i += 1;
            continue;
        }
        review.add(doc, l.no, format!(
            "Budgetuppdraget {:?}: statusen (genomfört, pågår, ej påbörjat) och frasen den vilar på står i löptexten; utkastet har platshållaren \"pagar\", sätt den",
            short(&title)
        ));
        out.push(Assignment {
            id: unique(slug(&title, 50), &mut ids),
            title,
            goal_area: area.clone(),
            status: AssignmentStatus::Pagar,
            phrase: String::new(),
            summary: Text::default(),
            source: SourceRef {
                section: ASSIGNMENTS_HEADING.into(),
                page: l.page,
                line: Some(l.no),
            },
        });
        i = last + 1;
    }
    out
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(60).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    t
}

/// A paragraph's first lines: the line at `i` and the lines below it that
/// continue it in lower case.
fn title_at(doc: &Doc, i: usize, end: usize) -> (String, usize) {
    let mut parts = vec![doc.lines[i].text.as_str()];
    let mut last = i;
    while last + 1 < end {
        let t = doc.lines[last + 1].text.as_str();
        if t.is_empty() || !t.chars().next().is_some_and(char::is_lowercase) || parts.len() >= 8 {
            break;
        }
        parts.push(t);
        last += 1;
    }
    (squash(&parts.join(" ")), last)
}
