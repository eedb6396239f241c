//! The glossary: the boards' words explained in plain Swedish and English
//! (`assets/glossary.json`, and the abbreviations a report declares), and
//! the matcher that finds them in a text.
//!
//! The matcher returns spans over the text (data); the UI renders text
//! segments and term controls from them, never HTML.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use super::format::Lang;
use super::report::{is_id, AnnualAnalysis, Report};
pub use super::report::{Occurrence, Term, TermSource};

/// The version of `glossary.json` this viewer reads.
pub const GLOSSARY_VERSION: u32 = 1;

/// Longest definition accepted, in characters: a definition is short.
pub const MAX_DEFINITION_CHARS: usize = 400;

/// `glossary.json`: every term the pages explain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    /// Must be 1.
    pub schema_version: u32,
    pub terms: Vec<Term>,
}

/// How many pages the glossary lists for a term. Every page but embeds
/// fetches the glossary, so its size must not grow with the archive.
pub const LISTED_PAGES: usize = 12;

impl Term {
    /// The forms to find in a text in `lang`.
    pub fn forms_in(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Sv => &self.forms,
            Lang::En => &self.forms_en,
        }
    }
}

impl Glossary {
    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.id == id)
    }

    /// The terms sorted by their Swedish name, the way the glossary page lists them.
    pub fn alphabetical(&self) -> Vec<&Term> {
        let mut v: Vec<&Term> = self.terms.iter().collect();
        v.sort_by_key(|t| sort_key(&t.term));
        v
    }

    /// The glossary with every report's declared abbreviations added (a
    /// report's term whose id the glossary already has is left out), each
    /// marked with its board.
    pub fn with_reports(&self, reports: &[Report]) -> Glossary {
        let mut out = self.clone();
        for r in reports {
            for t in declared(r) {
                if out.term(&t.id).is_none() {
                    let mut t = t.clone();
                    t.board = Some(r.board().short.clone());
                    out.terms.push(t);
                }
            }
        }
        out
    }
}

/// The abbreviations a report declares.
pub fn declared(r: &Report) -> &[Term] {
    match r {
        Report::Annual(a) => &a.abbreviations,
        Report::Statement(s) => &s.abbreviations,
    }
}

/// Swedish alphabetical order: a–z, then å, ä, ö; case ignored.
pub fn sort_key(s: &str) -> Vec<u32> {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' => 'z' as u32 + 1,
            'ä' | 'æ' => 'z' as u32 + 2,
            'ö' | 'ø' => 'z' as u32 + 3,
            c => c as u32,
        })
        .collect()
}

/// A term found in a text: byte offsets `start..end` and the index of the
/// term in the list searched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub term: usize,
}

/// Every term of `terms` in `text`, a text in `lang` (each term's forms in
/// that language): longest match first, whole words only, never
/// overlapping, never inside a quotation ("…", ”…”, “…”, «…»). Sorted by
/// position.
pub fn find(text: &str, terms: &[&Term], lang: Lang) -> Vec<Span> {
    Matcher::new(terms, lang).find(text)
}

/// A character and its lower case, where that is one character (any other
/// is compared the slow way).
#[derive(Clone, Copy)]
struct Letter {
    c: char,
    lower: Option<char>,
}

impl Letter {
    fn of(c: char) -> Self {
        let mut l = c.to_lowercase();
        let lower = match (l.next(), l.next()) {
            (Some(x), None) => Some(x),
            _ => None,
        };
        Self { c, lower }
    }

    /// Whether the text's letter `self` matches the form's letter `f`.
    fn matches(self, f: Letter, exact: bool) -> bool {
        if self.c == f.c {
            return true;
        }
        if exact {
            return false;
        }
        match (self.lower, f.lower) {
            (Some(a), Some(b)) => a == b,
            _ => self.c.to_lowercase().eq(f.c.to_lowercase()),
        }
    }
}

/// The forms of some terms in one language, prepared once for many texts
/// (a start page with hundreds of report lines).
pub struct Matcher {
    /// (term index, the form's letters, whether it matches only as written).
    forms: Vec<(usize, Vec<Letter>, bool)>,
}

impl Matcher {
    pub fn new(terms: &[&Term], lang: Lang) -> Self {
        let forms = terms
            .iter()
            .enumerate()
            .flat_map(|(ti, t)| t.forms_in(lang).iter().map(move |f| (ti, f)))
            .filter(|(_, f)| !f.is_empty())
            .map(|(ti, f)| {
                let exact = f.chars().any(char::is_uppercase);
                (ti, f.chars().map(Letter::of).collect(), exact)
            })
            .collect();
        Self { forms }
    }

    /// Every term in `text`: see `find`.
    pub fn find(&self, text: &str) -> Vec<Span> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let letters: Vec<Letter> = chars.iter().map(|&(_, c)| Letter::of(c)).collect();
        let quoted = quoted_ranges(&chars, text.len());
        let mut candidates = Vec::new();
        for (i, &(start, _)) in chars.iter().enumerate() {
            if i > 0 && is_word_char(chars[i - 1].1) {
                continue;
            }
            for (ti, form, exact) in &self.forms {
                let Some(j) = match_at(&letters, i, form, *exact) else {
                    continue;
                };
                let end = chars.get(j).map_or(text.len(), |c| c.0);
                if chars.get(j).is_none_or(|c| !is_word_char(c.1)) {
                    candidates.push((
                        j - i,
                        Span {
                            start,
                            end,
                            term: *ti,
                        },
                    ));
                }
            }
        }
        // Longest first; at equal length the earlier one.
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.start.cmp(&b.1.start)));
        let mut out: Vec<Span> = Vec::new();
        for (_, s) in candidates {
            let overlaps = out.iter().any(|o| s.start < o.end && o.start < s.end);
            let in_quote = quoted.iter().any(|q| s.start < q.1 && q.0 < s.end);
            if !overlaps && !in_quote {
                out.push(s);
            }
        }
        out.sort_by_key(|s| s.start);
        out
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Where `form` matches `text` from index `i`: the index after the match.
fn match_at(text: &[Letter], i: usize, form: &[Letter], exact: bool) -> Option<usize> {
    let rest = text.get(i..i + form.len())?;
    rest.iter()
        .zip(form)
        .all(|(t, f)| t.matches(*f, exact))
        .then_some(i + form.len())
}

/// Byte ranges inside quotation marks (the marks included). An unclosed
/// quotation runs to the end of the text.
fn quoted_ranges(chars: &[(usize, char)], len: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for &(at, c) in chars {
        match open {
            None if matches!(c, '"' | '”' | '“' | '«' | '„') => open = Some(at),
            Some(o) if matches!(c, '"' | '”' | '“' | '»') => {
                out.push((o, at + c.len_utf8()));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        out.push((o, len));
    }
    out
}

/// A text cut into plain parts and terms, ready to render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Term { text: &'a str, term: usize },
}

/// `text` cut at the spans `find` returned.
pub fn segments<'a>(text: &'a str, spans: &[Span]) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut at = 0;
    for s in spans {
        if s.start < at || s.end > text.len() {
            continue;
        }
        if s.start > at {
            out.push(Segment::Text(&text[at..s.start]));
        }
        out.push(Segment::Term {
            text: &text[s.start..s.end],
            term: s.term,
        });
        at = s.end;
    }
    if at < text.len() {
        out.push(Segment::Text(&text[at..]));
    }
    out
}

/// The texts of an annual analysis where the pages mark terms, with the
/// page each stands on: the summary and the goal titles (report page, goal
/// page), the tables' titles, descriptions and headers (table page).
pub fn marked_texts(a: &AnnualAnalysis) -> Vec<(Occurrence, Vec<&str>)> {
    let name = format!("{} {}", a.board.short, a.year);
    let at = |goal: Option<&str>, table: Option<&str>, title: Option<&str>| Occurrence {
        report: a.id.clone(),
        label: match title {
            Some(t) => format!("{name} – {t}"),
            None => name.clone(),
        },
        goal: goal.map(str::to_string),
        table: table.map(str::to_string),
    };
    let mut out = vec![(
        at(None, None, None),
        std::iter::once(a.summary.sv.as_str())
            .chain(a.goal_areas.iter().map(|g| g.title.as_str()))
            .collect(),
    )];
    for area in &a.goal_areas {
        for g in &area.goals {
            out.push((
                at(Some(&g.id), None, Some(&g.title)),
                vec![g.title.as_str(), area.title.as_str()],
            ));
        }
    }
    for t in &a.tables {
        let mut texts = vec![t.title.as_str(), t.description.sv.as_str()];
        texts.extend(t.columns.iter().map(|c| c.label.as_str()));
        texts.extend(t.rows.iter().map(|r| r.label.as_str()));
        out.push((at(None, Some(&t.id), Some(&t.title)), texts));
    }
    out
}

/// What a page needs of the glossary to mark its terms and show their
/// definitions: each term without the glossary page's own parts (where the
/// source documents use it, the pages it is on). The build writes it in
/// each language ([`in_language`]) as `glossary-terms-{sv,en}.json`, one of
/// which every page but the glossary page fetches.
pub fn for_marking(g: &Glossary) -> Glossary {
    Glossary {
        schema_version: g.schema_version,
        terms: g
            .terms
            .iter()
            .map(|t| Term {
                sources: Vec::new(),
                pages: Vec::new(),
                more_pages: 0,
                ..t.clone()
            })
            .collect(),
    }
}

/// `g` as a page in `lang` reads it, the rest left empty: a Swedish page
/// marks the Swedish forms and shows the Swedish definition; an English
/// page marks the English forms, and the Swedish ones where a name stands
/// as printed ("Resultaträkning"), shows the English definition and names
/// the term in both languages. About 40 % fewer bytes in every page's
/// first load of the glossary.
pub fn in_language(g: &Glossary, lang: Lang) -> Glossary {
    let mut g = g.clone();
    for t in &mut g.terms {
        match lang {
            Lang::Sv => {
                t.term_en.clear();
                t.forms_en.clear();
                t.definition.en.clear();
            }
            Lang::En => t.definition.sv.clear(),
        }
    }
    g
}

/// The glossary with each term's `pages` filled from the reports, the
/// newest `LISTED_PAGES` of them, and `more_pages` counting the rest (the
/// build writes this into the site's `glossary.json`).
pub fn with_occurrences(g: &Glossary, reports: &[Report]) -> Glossary {
    with_occurrences_from(g, reports, |r, a| occurrences_in(g, r, a))
}

/// Where `g`'s terms and `r`'s own abbreviations are used in `a` (the
/// annual analysis `r`): each term's id and a page it is on, once, in
/// the order found. [`with_occurrences`] is made of these, one report at a
/// time, so a build keeps them by report and finds them again only in the
/// reports that changed.
pub fn occurrences_in(g: &Glossary, r: &Report, a: &AnnualAnalysis) -> Vec<(String, Occurrence)> {
    let own: Vec<&Term> = g.terms.iter().chain(declared(r)).collect();
    let mut out: Vec<(String, Occurrence)> = Vec::new();
    for (page, texts) in marked_texts(a) {
        for text in texts {
            for s in find(text, &own, Lang::Sv) {
                let id = &own[s.term].id;
                if !out.iter().any(|(t, p)| t == id && *p == page) {
                    out.push((id.clone(), page.clone()));
                }
            }
        }
    }
    out
}

/// [`with_occurrences`], with each annual analysis's occurrences as
/// `occurrences` gives them ([`occurrences_in`], or a build's copy of it).
pub fn with_occurrences_from(
    g: &Glossary,
    reports: &[Report],
    occurrences: impl Fn(&Report, &AnnualAnalysis) -> Vec<(String, Occurrence)>,
) -> Glossary {
    let mut out = g.with_reports(reports);
    // Newest first, so the pages listed are the ones a reader most likely wants.
    let mut annuals: Vec<(&Report, &AnnualAnalysis)> = reports
        .iter()
        .filter_map(|r| Some((r, r.as_annual()?)))
        .collect();
    annuals.sort_by_key(|(_, a)| std::cmp::Reverse(a.year));
    let mut found: HashMap<String, Vec<Occurrence>> = HashMap::new();
    for (r, a) in annuals {
        for (id, page) in occurrences(r, a) {
            let pages = found.entry(id).or_default();
            if !pages.contains(&page) {
                pages.push(page);
            }
        }
    }
    for t in &mut out.terms {
        let mut pages = found.remove(&t.id).unwrap_or_default();
        t.more_pages = pages.len().saturating_sub(LISTED_PAGES);
        pages.truncate(LISTED_PAGES);
        t.pages = pages;
    }
    out
}

/// Problems of a glossary's content (its structure is checked by serde):
/// JSON path segments and what is wrong, in Swedish.
pub fn problems(terms: &[Term]) -> Vec<(Vec<PathPart>, String)> {
    let mut out = Vec::new();
    let mut ids = std::collections::HashSet::new();
    let mut forms: std::collections::HashMap<String, &str> = Default::default();
    let mut forms_en: std::collections::HashMap<String, &str> = Default::default();
    for (i, t) in terms.iter().enumerate() {
        let at = |k: &'static str| vec![PathPart::Index(i), PathPart::Key(k)];
        if !is_id(&t.id) {
            out.push((at("id"), format!("Ogiltigt id {:?}", t.id)));
        }
        if !ids.insert(t.id.as_str()) {
            out.push((at("id"), format!("Begreppet {:?} finns två gånger", t.id)));
        }
        if t.forms.is_empty() || t.forms.iter().any(|f| f.trim().is_empty()) {
            out.push((
                at("forms"),
                "Begreppet behöver minst en ordform, ingen tom".into(),
            ));
        }
        if t.forms_en.is_empty() || t.forms_en.iter().any(|f| f.trim().is_empty()) {
            out.push((
                at("forms_en"),
                "Begreppet behöver minst en engelsk ordform, ingen tom".into(),
            ));
        }
        // A form may belong to one term only, in each language.
        for (key, list, seen) in [
            ("forms", &t.forms, &mut forms),
            ("forms_en", &t.forms_en, &mut forms_en),
        ] {
            for f in list {
                if let Some(other) = seen.insert(f.to_lowercase(), &t.id) {
                    if other != t.id {
                        out.push((
                            at(key),
                            format!("Ordformen {f:?} finns också i begreppet {other:?}"),
                        ));
                    }
                }
            }
        }
        for (lang, d) in [("sv", &t.definition.sv), ("en", &t.definition.en)] {
            let n = d.chars().count();
            if d.trim().is_empty() || n > MAX_DEFINITION_CHARS {
                out.push((
                    vec![PathPart::Index(i), PathPart::Key("definition"), PathPart::Key(lang)],
                    format!("Definitionen ska vara kort och finnas (1–{MAX_DEFINITION_CHARS} tecken, är {n})"),
                ));
            }
        }
    }
    out
}

/// A step of a JSON path below a list of terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPart {
    Index(usize),
    Key(&'static str),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::report::Text;

    fn term(id: &str, forms: &[&str]) -> Term {
        Term {
            id: id.into(),
            term: forms[0].into(),
            term_en: id.into(),
            forms: forms.iter().map(|f| f.to_string()).collect(),
            forms_en: vec![id.into()],
            definition: Text {
                sv: "x".into(),
                en: "x".into(),
            },
            sources: vec![],
            board: None,
            pages: vec![],
            more_pages: 0,
        }
    }

    fn with_en(mut t: Term, forms_en: &[&str]) -> Term {
        t.forms_en = forms_en.iter().map(|f| f.to_string()).collect();
        t
    }

    fn found<'a>(text: &'a str, terms: &[Term]) -> Vec<(&'a str, String)> {
        found_in(text, terms, Lang::Sv)
    }

    fn found_in<'a>(text: &'a str, terms: &[Term], lang: Lang) -> Vec<(&'a str, String)> {
        let refs: Vec<&Term> = terms.iter().collect();
        find(text, &refs, lang)
            .into_iter()
            .map(|s| (&text[s.start..s.end], terms[s.term].id.clone()))
            .collect()
    }

    #[test]
    fn inflections_match_in_any_case_and_abbreviations_only_as_written() {
        let terms = [
            term(
                "kommunbidrag",
                &["kommunbidrag", "kommunbidraget", "kommunbidragen"],
            ),
            term("sol", &["SoL"]),
        ];
        assert_eq!(
            found(
                "Kommunbidraget ökade; SoL gäller, men inte sol eller SOL.",
                &terms
            ),
            vec![
                ("Kommunbidraget", "kommunbidrag".into()),
                ("SoL", "sol".into())
            ]
        );
        assert_eq!(
            found("FÖRÄNDRINGAR AV KOMMUNBIDRAG UNDER 2025", &terms),
            vec![("KOMMUNBIDRAG", "kommunbidrag".into())]
        );
    }

    #[test]
    fn english_text_is_matched_by_the_english_forms_and_only_by_them() {
        let terms = [
            with_en(
                term("kommunbidrag", &["kommunbidrag", "kommunbidraget"]),
                &["municipal allocation", "municipal allocations"],
            ),
            with_en(
                term("budgetavvikelse", &["budgetavvikelse"]),
                &["budget deviation", "budget deviations"],
            ),
            with_en(term("tkr", &["tkr"]), &["tkr", "thousand kronor"]),
            with_en(term("lss", &["LSS"]), &["LSS"]),
            with_en(
                term("delarsrapport", &["delårsrapport", "DR"]),
                &["interim report", "interim-report"],
            ),
        ];
        let en = "The Municipal allocations and budget deviation (4,004 tkr) under LSS, \
                  compared with the interim-report forecast; kommunbidraget, Lss, DR.";
        assert_eq!(
            found_in(en, &terms, Lang::En),
            vec![
                ("Municipal allocations", "kommunbidrag".into()),
                ("budget deviation", "budgetavvikelse".into()),
                ("tkr", "tkr".into()),
                ("LSS", "lss".into()),
                ("interim-report", "delarsrapport".into()),
            ],
            "English forms in any case, abbreviations as written, no Swedish form"
        );
        // In Swedish text the English forms are not looked for.
        assert_eq!(
            found_in("Kommunbidraget och budget deviation", &terms, Lang::Sv),
            vec![("Kommunbidraget", "kommunbidrag".into())]
        );
        // Whole words in English too: "budget deviations" is one term, "reports" no match.
        assert_eq!(
            found_in("budget deviationsX, interim reports", &terms, Lang::En),
            vec![]
        );
    }

    #[test]
    fn whole_words_only_never_inside_another_word() {
        let terms = [
            term("lss", &["LSS"]),
            term("kommunbidrag", &["kommunbidrag"]),
            term("tkr", &["tkr"]),
        ];
        // Inside a compound or a longer word: no match.
        assert!(found("kommunbidragsramen och utkräva", &terms).is_empty());
        assert!(found("LSSX och XLSS", &terms).is_empty());
        // A hyphen, a bracket or the ends of the text are word boundaries.
        assert_eq!(
            found("LSS-bostäder (tkr)", &terms),
            vec![("LSS", "lss".into()), ("tkr", "tkr".into())]
        );
    }

    #[test]
    fn the_longest_match_wins_and_matches_never_overlap() {
        let terms = [
            term("statsbidrag", &["statsbidrag"]),
            term("riktade-statsbidrag", &["riktade statsbidrag"]),
            term("ama", &["AMA"]),
            term("ama-ebb", &["AMA EBB"]),
        ];
        assert_eq!(
            found("Riktade statsbidrag och andra statsbidrag", &terms),
            vec![
                ("Riktade statsbidrag", "riktade-statsbidrag".into()),
                ("statsbidrag", "statsbidrag".into())
            ]
        );
        assert_eq!(
            found("Arbetsmarknad (AMA EBB) och AMA", &terms),
            vec![("AMA EBB", "ama-ebb".into()), ("AMA", "ama".into())]
        );
    }

    #[test]
    fn quoted_source_text_is_left_alone() {
        let terms = [term("forflyttning", &["förflyttning"])];
        assert_eq!(
            found(
                "Förflyttning: ”förväntas leda till önskad förflyttning” och \"förflyttning\"",
                &terms
            ),
            vec![("Förflyttning", "forflyttning".into())]
        );
        // An unclosed quotation protects the rest of the text.
        assert!(found("«förflyttning", &terms).is_empty());
    }

    #[test]
    fn segments_keep_every_character_in_order() {
        let terms = [term("tkr", &["tkr"])];
        let refs: Vec<&Term> = terms.iter().collect();
        let text = "Belopp i tkr, å tkr";
        let segs = segments(text, &find(text, &refs, Lang::Sv));
        assert_eq!(
            segs,
            vec![
                Segment::Text("Belopp i "),
                Segment::Term {
                    text: "tkr",
                    term: 0
                },
                Segment::Text(", å "),
                Segment::Term {
                    text: "tkr",
                    term: 0
                },
            ]
        );
    }

    #[test]
    fn swedish_order_puts_a_ring_and_umlauts_last() {
        let mut v = vec!["övriga", "ärende", "åtgärd", "Zon", "anslag"];
        v.sort_by_key(|s| sort_key(s));
        assert_eq!(v, vec!["anslag", "Zon", "åtgärd", "ärende", "övriga"]);
    }

    #[test]
    fn problems_name_duplicates_shared_forms_and_long_definitions() {
        let mut long = term("b", &["tkr"]);
        long.definition.en = "x".repeat(MAX_DEFINITION_CHARS + 1);
        let terms = vec![term("a", &["tkr"]), long, term("a", &["Ä"])];
        let msgs: Vec<String> = problems(&terms).into_iter().map(|p| p.1).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].contains("\"tkr\"") && msgs[1].contains("Definitionen"));
        assert!(msgs[2].contains("två gånger"));
    }

    #[test]
    fn problems_name_missing_and_shared_english_forms() {
        let terms = vec![
            with_en(term("a", &["tkr"]), &["tkr"]),
            with_en(term("b", &["mnkr"]), &[]),
            with_en(term("c", &["kr"]), &["TKR"]),
        ];
        let p = problems(&terms);
        let at: Vec<(usize, String)> = p
            .iter()
            .map(|(path, m)| match path[..] {
                [PathPart::Index(i), PathPart::Key(k)] => (i, format!("{k}: {m}")),
                _ => unreachable!("{path:?}"),
            })
            .collect();
        assert_eq!(at.len(), 2, "{at:?}");
        assert_eq!(at[0].0, 1);
        assert!(at[0].1.starts_with("forms_en: ") && at[0].1.contains("engelsk"));
        assert_eq!(at[1].0, 2);
        assert!(at[1].1.starts_with("forms_en: ") && at[1].1.contains("\"a\""));
    }
}
