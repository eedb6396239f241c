//! Council goals (kommunfullmäktigemål) and goal areas (målområden): the
//! mandate period's list, `assets/goals.json`, with stable ids and titles
//! in Swedish and English; and the reader of a goal's heading, badge line,
//! assessment sentence and outlook.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::text::{squash, Doc};
use super::Review;
use crate::model::{GoalStatus, OutlookStatus};

/// The template's heading of a goal area.
pub const AREA_PREFIX: &str = "Målområde - ";
/// The template's heading of a council goal.
pub const GOAL_PREFIX: &str = "Kommunfullmäktigemål - ";
/// The template's heading above the outlook.
const OUTLOOK_HEADING: &str = "Bedömning av förväntad förflyttning";
/// How the template's assessment and outlook sentences begin.
const SENTENCE_START: &str = "Bedömningen är att";
/// The three badge lines of the template.
pub const BADGES: &[(&str, GoalStatus)] = &[
    ("Uppnåtts", GoalStatus::Uppnatt),
    ("Delvis uppnåtts", GoalStatus::DelvisUppnatt),
    ("Ej uppnåtts", GoalStatus::EjUppnatt),
];

/// `assets/goals.json`: the mandate period's goal areas and council goals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GoalsFile {
    /// The mandate period the goals are the council's for, e.g. "2023–2026".
    pub mandate_period: String,
    pub goal_areas: Vec<AreaEntry>,
}

/// A målområde of the mandate period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AreaEntry {
    /// Stable id, the same in every report.
    pub id: String,
    /// The title as printed, without "Målområde - ".
    pub title: String,
    /// Our English title.
    pub title_en: String,
    pub goals: Vec<GoalEntry>,
}

/// A kommunfullmäktigemål of the mandate period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GoalEntry {
    /// Stable id, the same in every board's report and every year.
    pub id: String,
    /// The title as printed, without "Kommunfullmäktigemål - ".
    pub title: String,
    /// Our English title.
    pub title_en: String,
}

/// The bundled goals file.
pub fn catalogue() -> &'static GoalsFile {
    static FILE: OnceLock<GoalsFile> = OnceLock::new();
    FILE.get_or_init(|| {
        serde_json::from_str(include_str!("../../assets/goals.json"))
            .unwrap_or_else(|e| panic!("assets/goals.json does not read: {e}"))
    })
}

/// The schema of `assets/goals.json` as pretty-printed JSON, ending in a
/// newline (`cargo xtask schema` writes it to `assets/goals.schema.json`).
#[cfg(feature = "schema")]
pub fn goals_json_schema() -> String {
    let mut schema = schemars::schema_for!(GoalsFile);
    schema.insert(
        "$id".into(),
        "https://insyn.example/goals.schema.json".into(),
    );
    schema.insert(
        "title".into(),
        "Insyn council goals of the mandate period".into(),
    );
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// What a printed title matched: an exact entry, or the nearest one.
pub enum Match<'a, T> {
    Known(&'a T),
    Unknown { nearest: Option<&'a T> },
}

fn normalize(s: &str) -> String {
    squash(s).trim_end_matches('.').to_lowercase()
}

/// Edit distance between two strings, in characters (titles are short;
/// longer texts are cut, so that a hostile text costs no more).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(400).collect();
    let b: Vec<char> = b.chars().take(400).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Finds a title among entries by its printed title (white space and case
/// aside); otherwise the nearest title.
pub fn find<'a, T>(
    title: &str,
    entries: impl Iterator<Item = &'a T>,
    title_of: fn(&T) -> &str,
) -> Match<'a, T> {
    let want = normalize(title);
    let mut nearest: Option<(usize, &T)> = None;
    for e in entries {
        let have = normalize(title_of(e));
        if have == want {
            return Match::Known(e);
        }
        let d = distance(&want, &have);
        if nearest.is_none_or(|(nd, _)| d < nd) {
            nearest = Some((d, e));
        }
    }
    Match::Unknown {
        nearest: nearest.map(|(_, e)| e),
    }
}

/// Finds a council goal by its title.
pub fn find_goal(title: &str) -> Match<'static, GoalEntry> {
    find(
        title,
        catalogue().goal_areas.iter().flat_map(|a| a.goals.iter()),
        |g| &g.title,
    )
}

/// Finds a goal area by its title.
pub fn find_area(title: &str) -> Match<'static, AreaEntry> {
    find(title, catalogue().goal_areas.iter(), |a| &a.title)
}

/// The area a known goal belongs to.
pub fn area_of(goal_id: &str) -> Option<&'static AreaEntry> {
    catalogue()
        .goal_areas
        .iter()
        .find(|a| a.goals.iter().any(|g| g.id == goal_id))
}

// ---------------------------------------------------------------------------
// Reading the text
// ---------------------------------------------------------------------------

/// A heading with its title (wrapped lines joined) and line.
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    pub title: String,
    pub line: u32,
    /// Index of the last line of the heading.
    pub last: usize,
}

/// The heading that starts at line index `i` with `prefix`: continued by
/// the lines below it while they start in lower case, or while joining
/// them gives a title of `known`.
pub fn heading(doc: &Doc, i: usize, prefix: &str, known: &dyn Fn(&str) -> bool) -> Option<Heading> {
    let rest = doc.lines[i].text.strip_prefix(prefix.trim_end())?;
    let mut title = squash(rest.trim_start_matches([' ', '-', '–']));
    let mut last = i;
    while let Some(next) = doc.lines.get(last + 1) {
        let t = next.text.as_str();
        if t.is_empty()
            || next.footer
            || t.starts_with(prefix.trim_end())
            || t.split_whitespace().count() > 14
        {
            break;
        }
        let candidate = squash(&format!("{title} {t}"));
        let lower = t.chars().next().is_some_and(char::is_lowercase);
        if !(lower || known(&candidate)) || known(&title) && !known(&candidate) && !lower {
            break;
        }
        title = candidate;
        last += 1;
    }
    Some(Heading {
        title,
        line: doc.lines[i].no,
        last,
    })
}

/// A sentence starting at line index `i` ("Bedömningen är att …"), its
/// wrapped lines joined, up to its full stop.
pub fn sentence(doc: &Doc, i: usize) -> String {
    let mut s = String::new();
    for l in doc.lines[i..].iter().take(8) {
        if l.footer {
            continue;
        }
        if l.text.is_empty() && !s.is_empty() {
            break;
        }
        s = squash(&format!("{s} {}", l.text));
        if let Some(end) = full_stop(&s) {
            s.truncate(end);
            break;
        }
    }
    s
}

/// The end (after the '.') of the first sentence of `s`.
fn full_stop(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len())
        .find(|&i| {
            b[i] == b'.'
                && (i + 1 == b.len()
                    || b[i + 1] == b' ' && b.get(i + 2).is_some_and(u8::is_ascii_uppercase))
        })
        .map(|i| i + 1)
}

/// The assessment read from a goal's lines `from..to` (indices).
#[derive(Clone, Debug, PartialEq)]
pub struct Assessed {
    pub status: GoalStatus,
    pub badge: String,
    pub wording: String,
    pub outlook: Option<(OutlookStatus, String)>,
}

/// The status a sentence says, where it says one.
pub fn sentence_status(s: &str) -> Option<GoalStatus> {
    let l = s.to_lowercase();
    if l.contains(" inte ") || l.contains(" ej ") {
        Some(GoalStatus::EjUppnatt)
    } else if l.contains("delvis") {
        Some(GoalStatus::DelvisUppnatt)
    } else if l.contains("uppnåtts") || l.contains("uppnås") || l.contains("uppnått") {
        Some(GoalStatus::Uppnatt)
    } else {
        None
    }
}

/// The outlook a sentence says: `None` where it names no movement.
pub fn outlook_status(s: &str) -> Option<OutlookStatus> {
    let l = s.to_lowercase();
    if l.contains(" inte ") || l.contains(" ej ") {
        Some(OutlookStatus::EjForflyttning)
    } else if l.contains("delvis") {
        Some(OutlookStatus::DelvisForflyttning)
    } else if l.contains("önskad förflyttning") {
        Some(OutlookStatus::OnskadForflyttning)
    } else {
        None
    }
}

/// Reads the badge line, its sentence and the outlook of the goal whose
/// lines are `from..to`; what is missing or contradictory is a review point.
pub fn assess(
    doc: &Doc,
    from: usize,
    to: usize,
    title: &str,
    review: &mut Review,
) -> Option<Assessed> {
    if from >= to || to > doc.lines.len() {
        let line = doc.lines.last().map_or(1, |l| l.no);
        review.add(
            doc,
            line,
            format!("Texten slutar under målet {title:?}: ingen bedömning; målet är inte med i utkastet"),
        );
        return None;
    }
    let lines = &doc.lines[from..to];
    let year = lines
        .iter()
        .position(|l| {
            l.text
                .starts_with(&super::template::template().year_heading)
        })
        .unwrap_or(0);
    let badge_at = lines[year..]
        .iter()
        .position(|l| BADGES.iter().any(|(b, _)| l.text == *b))
        .map(|i| i + year);
    let after = badge_at.unwrap_or(year);
    let sent_at = lines[after..]
        .iter()
        .position(|l| l.text.starts_with(SENTENCE_START))
        .map(|i| i + after);
    let wording = sent_at.map(|i| sentence(doc, from + i)).unwrap_or_default();
    let from_sentence = sentence_status(&wording);
    let head = doc.lines[from].no;
    let (status, badge) = match badge_at {
        Some(b) => {
            let text = lines[b].text.clone();
            let st = BADGES.iter().find(|(t, _)| *t == text).map(|(_, s)| *s)?;
            (st, text)
        }
        None => {
            let st = from_sentence;
            review.add(doc, head, match st {
                Some(_) => format!("Målet {title:?} har ingen statusrad (\"Uppnåtts\", \"Delvis uppnåtts\", \"Ej uppnåtts\"); statusen är läst ur meningen {wording:?}: kontrollera"),
                None => format!("Målet {title:?} har varken statusrad eller bedömningsmening: målet är inte med i utkastet"),
            });
            (st?, String::new())
        }
    };
    check_agreement(doc, lines, badge_at, sent_at, status, &wording, review);
    let outlook = read_outlook(doc, from, lines, title, review);
    Some(Assessed {
        status,
        badge,
        wording,
        outlook,
    })
}

fn check_agreement(
    doc: &Doc,
    lines: &[super::text::Line],
    badge_at: Option<usize>,
    sent_at: Option<usize>,
    status: GoalStatus,
    wording: &str,
    review: &mut Review,
) {
    let line = |i: Option<usize>| i.map(|i| lines[i].no).unwrap_or(lines[0].no);
    let Some(said) = sentence_status(wording) else {
        review.add(doc, line(sent_at.or(badge_at)), format!(
            "Bedömningsmeningen saknas eller säger ingen status ({wording:?}): skriv av den som den är tryckt"
        ));
        return;
    };
    if said != status {
        review.add(doc, line(badge_at), format!(
            "Statusraden och meningen säger olika: raden {status:?}, meningen {wording:?}; statusraden gäller, för in skillnaden som en avvikelse"
        ));
    } else if status == GoalStatus::Uppnatt && wording.contains("förväntas") {
        review.add(doc, line(badge_at), format!(
            "Statusraden säger \"Uppnåtts\" men meningen att bidraget förväntas uppnås ({wording:?}): statusraden gäller; redovisa skillnaden för läsaren"
        ));
    }
}

fn read_outlook(
    doc: &Doc,
    from: usize,
    lines: &[super::text::Line],
    title: &str,
    review: &mut Review,
) -> Option<(OutlookStatus, String)> {
    let head = lines
        .iter()
        .position(|l| l.text.starts_with(OUTLOOK_HEADING));
    let Some(h) = head else {
        review.add(
            doc,
            lines[0].no,
            format!("Målet {title:?} har ingen bedömning av förväntad förflyttning"),
        );
        return None;
    };
    let at = lines[h..]
        .iter()
        .position(|l| l.text.starts_with(SENTENCE_START))
        .map(|i| i + h)?;
    let wording = sentence(doc, from + at);
    match outlook_status(&wording) {
        Some(s) => Some((s, wording)),
        None => {
            review.add(doc, lines[at].no, format!(
                "Förflyttningsmeningen {wording:?} nämner ingen förflyttning; läst som önskad förflyttning (så läser de handskrivna rapporterna \"förväntas uppnås\"): kontrollera"
            ));
            Some((OutlookStatus::OnskadForflyttning, wording))
        }
    }
}
