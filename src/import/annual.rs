//! An annual analysis: goal areas and goals, assignments, tables, and the
//! document's own data (title, board, year, pages).

use serde_json::Value;

use super::goals::{self, Heading, Match, AREA_PREFIX, GOAL_PREFIX};
use super::table::{self, RawTable};
use super::text::{slug, squash, Doc};
use super::{assignments, Review};
use crate::model::*;

/// The template's heading of the assignments.
pub const ASSIGNMENTS_HEADING: &str = "Redovisning av budgetuppdrag";
/// The template's name of the document.
const TITLE_WORD: &str = "Årsanalys";

/// The draft annual analysis of `doc`.
pub fn read(doc: &Doc, file_name: &str, review: &mut Review) -> Value {
    let (title, year, board) = identity(doc, review);
    let goal_areas = read_goals(doc, review);
    let mut raw = table::read_all(doc, review);
    raw.extend(super::bullets::read(doc, year, review));
    raw.sort_by_key(|t| t.line);
    let tables = to_tables(doc, raw, review);
    let assignments = assignments::read(doc, review);
    let short = board_short(&board);
    let report = AnnualAnalysis {
        schema_version: SCHEMA_VERSION,
        id: format!("{}-{year}", slug(&short, 20)),
        kind: "annual_analysis".into(),
        board: Board {
            name: board.clone(),
            short,
        },
        year,
        title: title.clone(),
        source: SourceDocument {
            title,
            publisher: publisher(&board),
            file: file_name.to_string(),
            pages: doc.pages,
        },
        summary: Text::default(),
        result: None,
        goal_areas,
        assignments,
        tables,
        cross_checks: vec![],
        missing_charts: vec![],
        discrepancies: vec![],
        restatements: vec![],
        abbreviations: vec![],
    };
    review.add(doc, 0, "Skriv rapportens sammanfattning, varje måls uppföljning och grund och varje budgetuppdrags sammanfattning (svenska och engelska), och nyckeltalen; ange nämndens kortnamn och rapportens id, cellen med årets resultat (result), varje tabells kind, beskrivning och plot, och kontrollerna mellan tabeller");
    serde_json::to_value(&report).unwrap_or(Value::Null)
}

/// The publisher as the bundled files write it: the city and the board.
pub fn publisher(board: &str) -> String {
    let mut c = board.chars();
    let lower = c
        .next()
        .map(|f| f.to_lowercase().chain(c).collect::<String>())
        .unwrap_or_default();
    format!("Malmö stad, {lower}")
}

/// A placeholder short name: the board's initials ("Arbetsmarknads- och
/// socialnämnden" → "AS"); the editor sets the city's own (a review point).
pub fn board_short(board: &str) -> String {
    let s: String = board
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.len() > 2 && *w != "och")
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    if s.is_empty() {
        "X".into()
    } else {
        s
    }
}

/// The document's title, year and board: from the footers ("Årsanalys
/// 2025, Arbetsmarknads- och socialnämnden 38(66)"), or else the title
/// line and the board's name below it on the cover.
fn identity(doc: &Doc, review: &mut Review) -> (String, u16, String) {
    let from_footer = doc.footer_text.as_ref().and_then(|f| {
        let (t, b) = f.split_once(',')?;
        Some((squash(t), squash(b)))
    });
    let cover = doc
        .lines
        .iter()
        .position(|l| l.text.starts_with(TITLE_WORD) && l.text.split_whitespace().count() == 2);
    let (title, board) = match (from_footer, cover) {
        (Some(tb), _) => tb,
        (None, Some(i)) => (doc.lines[i].text.clone(), cover_board(doc, i)),
        (None, None) => (String::new(), String::new()),
    };
    let year = title
        .split_whitespace()
        .find_map(|w| w.parse::<u16>().ok().filter(|y| (1900..=2100).contains(y)));
    if title.is_empty() || year.is_none() || board.is_empty() {
        review.add(doc, 1, format!(
            "Dokumentets titel, år eller nämnd står varken i sidfötterna eller på försättsbladet (läst: titel {title:?}, nämnd {board:?}): fyll i dem"
        ));
    }
    (title, year.unwrap_or(2000), board)
}

fn cover_board(doc: &Doc, i: usize) -> String {
    let lines: Vec<&str> = doc.lines[i + 1..]
        .iter()
        .map(|l| l.text.as_str())
        .skip_while(|t| t.is_empty())
        .take_while(|t| !t.is_empty())
        .take(3)
        .collect();
    squash(&lines.join(" "))
}

/// The line index where the goals end: the assignments' heading, or the end.
fn goals_end(doc: &Doc) -> usize {
    doc.lines
        .iter()
        .position(|l| l.text == ASSIGNMENTS_HEADING)
        .unwrap_or(doc.lines.len())
}

fn known_goal(t: &str) -> bool {
    matches!(goals::find_goal(t), Match::Known(_))
}

fn known_area(t: &str) -> bool {
    matches!(goals::find_area(t), Match::Known(_))
}

/// Every goal area and goal of the goals section.
fn read_goals(doc: &Doc, review: &mut Review) -> Vec<GoalArea> {
    let end = goals_end(doc);
    let mut areas: Vec<GoalArea> = Vec::new();
    let mut heads: Vec<(usize, Heading, bool)> = Vec::new();
    let mut i = 0;
    while i < end {
        let t = &doc.lines[i].text;
        let h = if t.starts_with(AREA_PREFIX.trim_end()) {
            goals::heading(doc, i, AREA_PREFIX, &known_area).map(|h| (h, true))
        } else if t.starts_with(GOAL_PREFIX.trim_end()) {
            goals::heading(doc, i, GOAL_PREFIX, &known_goal).map(|h| (h, false))
        } else {
            None
        };
        match h {
            Some((h, is_area)) => {
                i = h.last + 1;
                heads.push((i, h, is_area));
            }
            None => i += 1,
        }
    }
    let mut taken_goals = Vec::new();
    for (n, (body, h, is_area)) in heads.iter().enumerate() {
        let next = heads
            .get(n + 1)
            .map(|(_, h2, _)| (h2.line as usize).saturating_sub(1))
            .unwrap_or(end);
        if *is_area {
            let area = new_area(doc, h, review);
            // An area printed twice is one area: its goals go on under it.
            match areas.iter().position(|a| a.id == area.id) {
                Some(pos) => {
                    review.add(doc, h.line, format!("Målområdet {:?} står två gånger; målen under båda hör till samma målområde", h.title));
                    let earlier = areas.remove(pos);
                    areas.push(earlier);
                }
                None => areas.push(area),
            }
            continue;
        }
        if areas.is_empty() {
            review.add(
                doc,
                h.line,
                "Ett kommunfullmäktigemål står före första målområdet; målområdet tas ur målfilen",
            );
            areas.push(area_for_goal(&h.title));
        }
        if let Some(g) = read_goal(doc, h, *body, next.max(*body), &mut taken_goals, review) {
            if let Some(a) = areas.last_mut() {
                check_area(doc, a, &g, h.line, review);
                a.goals.push(g);
            }
        }
    }
    areas.retain(|a| !a.goals.is_empty());
    areas
}

fn area_for_goal(title: &str) -> GoalArea {
    let entry = match goals::find_goal(title) {
        Match::Known(g) => goals::area_of(&g.id),
        Match::Unknown { .. } => None,
    };
    GoalArea {
        id: entry
            .map(|a| a.id.clone())
            .unwrap_or_else(|| "okant-malomrade".into()),
        title: entry.map(|a| a.title.clone()).unwrap_or_default(),
        title_en: entry.map(|a| a.title_en.clone()).unwrap_or_default(),
        goals: vec![],
    }
}

fn new_area(doc: &Doc, h: &Heading, review: &mut Review) -> GoalArea {
    let (id, title_en) = match goals::find_area(&h.title) {
        Match::Known(a) => (a.id.clone(), a.title_en.clone()),
        Match::Unknown { nearest } => {
            review.add(doc, h.line, format!(
                "Målområdet {:?} finns inte i assets/goals.json{}: ge det ett id och en engelsk titel, eller rätta titeln",
                h.title,
                nearest.map(|a| format!(" (närmast: {:?})", a.title)).unwrap_or_default()
            ));
            (slug(&h.title, 60), String::new())
        }
    };
    GoalArea {
        id,
        title: h.title.clone(),
        title_en,
        goals: vec![],
    }
}

fn check_area(doc: &Doc, area: &GoalArea, g: &Goal, line: u32, review: &mut Review) {
    if let Some(a) = goals::area_of(&g.id) {
        if a.id != area.id {
            review.add(
                doc,
                line,
                format!(
                "Målet {:?} står under målområdet {:?} men hör enligt assets/goals.json till {:?}",
                g.title, area.title, a.title
            ),
            );
        }
    }
}

fn read_goal(
    doc: &Doc,
    h: &Heading,
    from: usize,
    to: usize,
    taken: &mut Vec<String>,
    review: &mut Review,
) -> Option<Goal> {
    let (id, title_en) = match goals::find_goal(&h.title) {
        Match::Known(g) => (g.id.clone(), g.title_en.clone()),
        Match::Unknown { nearest } => {
            review.add(doc, h.line, format!(
                "Kommunfullmäktigemålet {:?} finns inte i assets/goals.json{}: rätta titeln eller lägg till målet där (id och engelsk titel)",
                h.title,
                nearest.map(|g| format!(" (närmast: {:?})", g.title)).unwrap_or_default()
            ));
            (slug(&h.title, 60), String::new())
        }
    };
    if taken.contains(&id) {
        review.add(
            doc,
            h.line,
            format!(
                "Målet {:?} står två gånger; bara det första är med",
                h.title
            ),
        );
        return None;
    }
    taken.push(id.clone());
    let start = from.min(to);
    let a = goals::assess(
        doc,
        start,
        to.max(start + 1).min(doc.lines.len()),
        &h.title,
        review,
    )?;
    let outlook = a
        .outlook
        .map(|(status, wording)| Outlook { status, wording })
        .unwrap_or_else(|| {
            review.add(
                doc,
                h.line,
                "Förflyttningen saknas: status och mening i utkastet är platshållare, fyll i dem",
            );
            Outlook {
                status: OutlookStatus::OnskadForflyttning,
                wording: String::new(),
            }
        });
    Some(Goal {
        id,
        title: h.title.clone(),
        title_en,
        assessment: Assessment {
            status: a.status,
            badge: a.badge,
            wording: a.wording,
        },
        outlook,
        follow_up: Text::default(),
        grounds: Text::default(),
        key_figures: vec![],
        source: SourceRef {
            section: format!("{}{}", GOAL_PREFIX, h.title),
            page: doc.page(h.line),
            line: Some(h.line),
        },
    })
}

/// The tables as the schema's: ids from their captions, keys from labels,
/// totals that add up marked as such, relations that hold on every row.
fn to_tables(doc: &Doc, raw: Vec<RawTable>, review: &mut Review) -> Vec<Table> {
    let mut ids = Vec::new();
    raw.into_iter()
        .filter(|t| !t.rows.is_empty())
        .enumerate()
        .map(|(n, t)| super::build::table(doc, t, n, &mut ids, review))
        .collect()
}
