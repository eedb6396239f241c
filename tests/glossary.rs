//! The glossary: the file, what it covers in the bundled reports, the terms
//! marked on the pre-rendered pages, and the key figures read as sentences.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::rc::Rc;

use insyn::model::format::{key_figure_sentence, Lang};
use insyn::model::glossary::{self, find, Glossary, Term};
use insyn::model::{parse_glossary, Report};
use insyn::ui::pages::Pages;
use insyn::ui::state::Store;
use insyn::ui::terms::{Claims, Place};
use insyn::ui::Route;

fn glossary() -> Glossary {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/glossary.json");
    let src = std::fs::read_to_string(path).unwrap();
    parse_glossary("glossary.json", &src).unwrap_or_else(|d| panic!("{d:#?}"))
}

fn reports() -> Vec<Report> {
    common::bundled().into_iter().map(|(_, r)| r).collect()
}

/// The glossary's terms and every report's own.
fn all_terms(g: &Glossary, reports: &[Report]) -> Vec<Term> {
    g.with_reports(reports).terms
}

#[test]
fn the_glossary_schema_is_generated_from_the_types_and_up_to_date() {
    let on_disk = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/glossary.schema.json"),
    )
    .unwrap();
    let generated = std::process::Command::new(env!("CARGO"))
        .args([
            "run",
            "--quiet",
            "-p",
            "xtask",
            "--",
            "schema",
            "--stdout",
            "--glossary",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    assert_eq!(
        on_disk, generated,
        "assets/glossary.schema.json is stale: run `cargo xtask schema`"
    );
    assert!(on_disk.contains("\"forms\"") && on_disk.contains("\"definition\""));
}

#[test]
fn a_broken_glossary_is_named_with_path_and_line() {
    let src = r#"{"schema_version": 1, "terms": [
  {"id": "a", "term": "a", "term_en": "a", "forms": ["tkr"], "forms_en": ["a"], "definition": {"sv": "x", "en": "x"}},
  {"id": "b", "term": "b", "term_en": "b", "forms": ["TKR"], "forms_en": ["b"], "definition": {"sv": "", "en": "x"}},
  {"id": "c", "term": "c", "term_en": "c", "forms": ["c"], "forms_en": [], "definition": {"sv": "x", "en": "x"}}
]}"#;
    // `cargo xtask validate` prints these (it calls `parse_glossary`).
    let d = parse_glossary("glossary.json", src).expect_err("three problems");
    assert_eq!(d.len(), 3, "{d:#?}");
    assert_eq!(d[0].path, "$.terms[1].forms");
    assert_eq!(d[1].path, "$.terms[1].definition.sv");
    assert_eq!(d[1].line, Some(3));
    assert_eq!(d[2].path, "$.terms[2].forms_en");
    assert!(d[2].message.contains("engelsk"), "{}", d[2].message);
    // Without English forms at all, the file is refused too.
    let none = src.replace(", \"forms_en\": [\"a\"]", "");
    let d = parse_glossary("glossary.json", &none).expect_err("forms_en missing");
    assert!(format!("{d:?}").contains("forms_en"), "{d:#?}");
    let wrong = parse_glossary("glossary.json", r#"{"schema_version": 2, "terms": []}"#);
    assert!(wrong.is_err());
}

/// The words issue #21 names: each must be explained, by the glossary or by
/// the report of the board that uses it.
const NAMED: &[&str] = &[
    "kommunbidrag",
    "budgetavvikelse",
    "nämndsbudget",
    "delårsrapport",
    "resultaträkning",
    "riktade statsbidrag",
    "tkr",
    "mnkr",
    "målområde",
    "kommunfullmäktigemål",
    "mandatperiod",
    "förflyttning",
    "verksamhetsområde",
    "AMA EBB",
    "IFO",
    "BTS",
    "SoL",
    "LSS",
];

#[test]
fn every_named_word_has_an_entry() {
    let terms = all_terms(&glossary(), &reports());
    let refs: Vec<&Term> = terms.iter().collect();
    for w in NAMED {
        let spans = find(w, &refs, Lang::Sv);
        assert!(
            spans.len() == 1 && spans[0].start == 0 && spans[0].end == w.len(),
            "{w:?} has no entry"
        );
    }
}

/// Each text a page marks, in Swedish and in English: a report's summary
/// and its tables' descriptions.
fn texts_in_both_languages(r: &Report) -> Vec<(String, insyn::model::Text)> {
    let mut out = Vec::new();
    if let Some(a) = r.as_annual() {
        out.push(("summary".to_string(), a.summary.clone()));
        for t in &a.tables {
            out.push((format!("description:{}", t.id), t.description.clone()));
        }
    }
    if let Some(s) = r.as_statement() {
        out.push(("summary".to_string(), s.summary.clone()));
    }
    out
}

#[test]
fn every_term_the_swedish_text_explains_its_english_twin_explains_too() {
    let g = glossary();
    let mut missing = Vec::new();
    let mut found_en = 0;
    for r in reports() {
        let terms: Vec<&Term> = g.terms.iter().chain(glossary::declared(&r)).collect();
        let ids = |text: &str, lang: Lang| -> std::collections::BTreeSet<String> {
            find(text, &terms, lang)
                .into_iter()
                .map(|s| terms[s.term].id.clone())
                .collect()
        };
        for (place, t) in texts_in_both_languages(&r) {
            let (sv, en) = (ids(&t.sv, Lang::Sv), ids(&t.en, Lang::En));
            found_en += en.len();
            for id in sv.difference(&en) {
                missing.push(format!("{} {place}: {id} in {:?}", r.id(), t.en));
            }
        }
    }
    assert!(
        found_en >= 40,
        "terms found in the English texts: {found_en}"
    );
    assert!(
        missing.is_empty(),
        "terms marked in Swedish but not in the English text (add the English forms to forms_en):\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_term_has_english_forms_that_find_its_english_name_or_abbreviation() {
    // The glossary page names each term in English (an abbreviation stays
    // as written): English text says it that way, so its forms find it.
    let g = glossary();
    for t in all_terms(&g, &reports()) {
        let finds = |name: &str| find(name, &[&t], Lang::En).len() == 1;
        assert!(
            finds(&t.term_en) || finds(&t.term),
            "{}: forms_en {:?} find neither {:?} nor {:?}",
            t.id,
            t.forms_en,
            t.term_en,
            t.term
        );
    }
}

/// The abbreviations of a label: words of two or more capitals (with
/// digits), as byte ranges. A label written all in capitals ("SUMMA",
/// "RIKTADE STATSBIDRAG Summa") shouts; its capital words are not
/// abbreviations, unless they stand in brackets.
fn abbreviations(label: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in label
        .char_indices()
        .chain(std::iter::once((label.len(), ' ')))
    {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    let caps = |(s, e): (usize, usize)| {
        let w = &label[s..e];
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let in_brackets = |(s, _): (usize, usize)| {
        let before = &label[..s];
        before
            .rfind('(')
            .is_some_and(|o| before[o..].find(')').is_none())
    };
    words
        .iter()
        .enumerate()
        .filter(|&(_, &w)| caps(w))
        .filter(|&(i, &w)| {
            let next_caps = words.get(i + 1).is_some_and(|&n| caps(n));
            let prev_caps = i > 0 && caps(words[i - 1]);
            let whole = words.len() == 1;
            in_brackets(w) || !(whole || next_caps || prev_caps)
        })
        .map(|(_, &w)| w)
        .collect()
}

#[test]
fn the_abbreviation_finder_tells_abbreviations_from_shouting() {
    let found = |l: &'static str| -> Vec<&'static str> {
        abbreviations(l)
            .into_iter()
            .map(|(s, e)| &l[s..e])
            .collect()
    };
    assert_eq!(found("Utbetalt bistånd (AMA EBB)"), vec!["AMA", "EBB"]);
    assert_eq!(found("PO-Pålägg"), vec!["PO"]);
    assert_eq!(found("Daglig verksamhet LSS"), vec!["LSS"]);
    assert!(found("SUMMA").is_empty());
    assert!(found("RIKTADE STATSBIDRAG Summa").is_empty());
    assert!(found("Insatser, egen regi").is_empty());
}

/// The words a report writes in lower case anywhere in its tables'
/// headers ("Summa"): written in capitals elsewhere ("SUMMA helår 2024")
/// such a word shouts; it is not an abbreviation.
fn lower_case_words(a: &insyn::model::AnnualAnalysis) -> std::collections::HashSet<String> {
    a.tables
        .iter()
        .flat_map(|t| {
            let cols = t.columns.iter().map(|c| c.label.as_str());
            cols.chain(t.rows.iter().map(|r| r.label.as_str()))
        })
        .flat_map(|l| l.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_lowercase))
        .map(str::to_lowercase)
        .collect()
}

/// The abbreviations of a table's header: as `abbreviations`, less the
/// words the report writes in lower case elsewhere.
fn header_abbreviations(
    label: &str,
    words: &std::collections::HashSet<String>,
) -> Vec<(usize, usize)> {
    abbreviations(label)
        .into_iter()
        .filter(|&(s, e)| !words.contains(&label[s..e].to_lowercase()))
        .collect()
}

#[test]
fn a_capital_word_the_report_writes_in_lower_case_elsewhere_is_no_abbreviation() {
    let words: std::collections::HashSet<String> = ["summa".to_string()].into();
    let found = |l: &'static str| -> Vec<&'static str> {
        header_abbreviations(l, &words)
            .into_iter()
            .map(|(s, e)| &l[s..e])
            .collect()
    };
    assert!(found("SUMMA helår 2024").is_empty());
    assert_eq!(found("Beslut ASN vid EP, maj 2024"), vec!["ASN", "EP"]);
    assert_eq!(found("Prognos DR"), vec!["DR"]);
}

#[test]
fn every_abbreviation_in_a_bundled_tables_row_and_column_headers_is_explained() {
    let g = glossary();
    let mut missing = Vec::new();
    let (mut rows, mut columns) = (0, 0);
    for r in reports() {
        let Some(a) = r.as_annual() else { continue };
        // The glossary's terms and the abbreviations this report declares.
        let terms: Vec<&Term> = g.terms.iter().chain(glossary::declared(&r)).collect();
        let words = lower_case_words(a);
        for t in &a.tables {
            let headers = t.columns.iter().map(|c| (true, &c.label));
            let headers = headers.chain(t.rows.iter().map(|r| (false, &r.label)));
            for (column, label) in headers {
                let spans = find(label, &terms, Lang::Sv);
                for (s, e) in header_abbreviations(label, &words) {
                    *(if column { &mut columns } else { &mut rows }) += 1;
                    if !spans.iter().any(|m| m.start <= s && e <= m.end) {
                        let at = if column { "column" } else { "row" };
                        missing.push(format!(
                            "{} {} {at} {label:?}: {:?}",
                            a.id,
                            t.id,
                            &label[s..e]
                        ));
                    }
                }
            }
        }
    }
    assert!(rows >= 20, "found the rows' abbreviations ({rows})");
    assert!(columns >= 8, "found the columns' abbreviations ({columns})");
    assert!(
        missing.is_empty(),
        "abbreviations neither in the glossary nor declared by their report:\n{}",
        missing.join("\n")
    );
}

#[test]
fn a_report_declares_its_own_abbreviations_and_only_its_board_gets_them() {
    let g = glossary();
    let reports = reports();
    let asn = reports.iter().find(|r| r.id() == "asn-2025").unwrap();
    assert!(glossary::declared(asn)
        .iter()
        .any(|t| t.forms.contains(&"IFO".to_string())));
    let store =
        Store::ready(common::manifest(), reports.clone()).with_glossary(g.with_reports(&reports));
    let ids = |report: &str| -> Vec<String> {
        store
            .terms_for(Some(report))
            .into_iter()
            .map(|t| t.id)
            .collect()
    };
    assert!(ids("asn-2025").contains(&"ifo".to_string()));
    assert!(!ids("fsn-2024").contains(&"ifo".to_string()));
    assert!(ids("fsn-2024").contains(&"lss".to_string()));
}

#[test]
fn the_built_glossary_links_each_term_to_the_pages_it_is_on() {
    let built = glossary::with_occurrences(&glossary(), &reports());
    let term = |id: &str| built.term(id).unwrap_or_else(|| panic!("{id}"));
    let on = |id: &str, table: &str| {
        term(id)
            .pages
            .iter()
            .any(|o| o.report == "asn-2025" && o.table.as_deref() == Some(table))
    };
    assert!(on("budgetavvikelse", "budgetavvikelse"));
    assert!(on("ifo", "budgetavvikelse"));
    assert_eq!(term("ifo").board.as_deref(), Some("ASN"));
    assert!(term("kommunfullmaktigemal")
        .pages
        .iter()
        .all(|o| o.table.is_none()));
    // Survives the round trip through the file the site serves.
    let text = serde_json::to_string(&built).unwrap();
    assert_eq!(parse_glossary("glossary.json", &text).unwrap(), built);
}

// ---------------------------------------------------------------------------
// Figures read as sentences.
// ---------------------------------------------------------------------------

/// What a reader would stumble on: a unit word twice in a row, or a bare
/// "antal" after the figure.
fn stumbles(sentence: &str, printed: &str) -> Option<String> {
    let norm = |w: &str| match w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%') {
        "kronor" | "kr" => "kr".to_string(),
        "%" | "procent" => "procent".to_string(),
        w => w.to_lowercase(),
    };
    let words: Vec<String> = sentence.split_whitespace().map(norm).collect();
    if let Some(w) = words.windows(2).find(|w| w[0] == w[1] && !w[0].is_empty()) {
        return Some(format!("doubled {:?}", w[0]));
    }
    if sentence.contains(&format!("{printed} antal")) || sentence.ends_with(" antal") {
        return Some("bare \"antal\"".into());
    }
    if printed.ends_with('%') && sentence.contains("% procent") {
        return Some("doubled %".into());
    }
    None
}

#[test]
fn the_stumble_check_catches_the_sentences_the_issue_quotes() {
    assert!(stumbles(
        "knappt 6 procentenheter procentenheter – Ökning av barn",
        "knappt 6 procentenheter"
    )
    .is_some());
    assert!(stumbles("19 664 antal – Elever som besvarade enkäten", "19 664").is_some());
    assert!(stumbles("Andel: 76% procent", "76%").is_some());
    assert!(stumbles("Elever som besvarade enkäten: 19 664", "19 664").is_none());
}

#[test]
fn every_key_figure_of_every_bundled_file_reads_as_a_sentence() {
    let mut n = 0;
    let mut bad = Vec::new();
    for r in reports() {
        let Some(a) = r.as_annual() else { continue };
        for (_, g) in a.goals() {
            for k in &g.key_figures {
                for (lang, label) in [(Lang::Sv, &k.label.sv), (Lang::En, &k.label.en)] {
                    n += 1;
                    let s = key_figure_sentence(label, &k.printed, &k.unit, lang);
                    assert!(s.contains(&k.printed), "the printed form stays: {s}");
                    if let Some(why) = stumbles(&s, &k.printed) {
                        bad.push(format!("{} {}: {why}: {s}", a.id, g.id));
                    }
                }
            }
        }
    }
    assert!(n > 200, "checked every key figure ({n})");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn a_unit_the_printed_form_lacks_is_said_once_in_the_readers_language() {
    assert_eq!(
        key_figure_sentence("Övertidstimmar", "32 511", "timmar", Lang::Sv),
        "Övertidstimmar: 32 511 timmar"
    );
    assert_eq!(
        key_figure_sentence("Overtime hours", "32 511", "timmar", Lang::En),
        "Overtime hours: 32 511 hours"
    );
    assert_eq!(
        key_figure_sentence(
            "Ökning",
            "knappt 6 procentenheter",
            "procentenheter",
            Lang::En
        ),
        "Ökning: knappt 6 procentenheter"
    );
    assert_eq!(
        key_figure_sentence("Elever", "19 664", "antal", Lang::Sv),
        "Elever: 19 664"
    );
}

// ---------------------------------------------------------------------------
// Pre-rendered pages.
// ---------------------------------------------------------------------------

fn store() -> Store {
    let reports = reports();
    let built = glossary::with_occurrences(&glossary(), &reports);
    Store::ready(common::manifest(), reports).with_glossary(built)
}

/// Every page but the glossary page marks its terms from what the build
/// writes as `glossary-terms.json` (`glossary::for_marking`): rendered from
/// it, each page is the page the build pre-rendered from the whole
/// glossary, which that file leaves without sources and pages.
#[tokio::test]
async fn the_terms_file_marks_every_page_as_the_whole_glossary_does() {
    let built = glossary::with_occurrences(&glossary(), &reports());
    let lean = glossary::for_marking(&built);
    assert_eq!(lean.terms.len(), built.terms.len());
    assert!(lean
        .terms
        .iter()
        .all(|t| t.pages.is_empty() && t.sources.is_empty() && t.more_pages == 0));
    assert!(
        serde_json::to_string(&lean).unwrap().len() * 2
            < serde_json::to_string(&built).unwrap().len(),
        "less than half the whole glossary"
    );
    let lean_store =
        Rc::new(Store::ready(common::manifest(), reports()).with_glossary(lean.clone()));
    for path in [
        "/",
        "/asn-2025",
        "/asn-2025/ekonomi",
        "/en/asn-2024",
        "/en/asn-2025/ekonomi",
        "/asn-2025/mal/sjalvforsorjning",
    ] {
        let whole = render_at(path, "/").await;
        let from_terms = insyn::ui::prerender::render(path, "/", lean_store.clone())
            .await
            .html;
        assert!(
            whole.contains("popovertarget=\"def-") || path.contains("/mal/"),
            "{path} marks terms"
        );
        assert_eq!(whole, from_terms, "{path}");
        // And from the file in the page's language alone, which a page
        // fetches (`glossary-terms-sv.json` or `-en.json`).
        let lang = if path.starts_with("/en/") {
            Lang::En
        } else {
            Lang::Sv
        };
        let one = glossary::in_language(&lean, lang);
        let one_store = Rc::new(Store::ready(common::manifest(), reports()).with_glossary(one));
        let from_one = insyn::ui::prerender::render(path, "/", one_store)
            .await
            .html;
        assert_eq!(whole, from_one, "{path} from the terms in its language");
    }
    let (sv, en) = (
        serde_json::to_string(&glossary::in_language(&lean, Lang::Sv)).unwrap(),
        serde_json::to_string(&glossary::in_language(&lean, Lang::En)).unwrap(),
    );
    let both = serde_json::to_string(&lean).unwrap().len();
    assert!(
        sv.len() * 10 < both * 7 && en.len() * 10 < both * 8,
        "the Swedish file is under 70 % of both languages', the English under 80 %"
    );
}

async fn render_at(path: &str, base: &str) -> String {
    insyn::ui::prerender::render(path, base, Rc::new(store()))
        .await
        .html
}

/// The terms a rendered page marks, in order: each button's term id and
/// the words it stands on.
fn marked_terms(html: &str) -> Vec<(String, String)> {
    html.match_indices("popovertarget=\"def-")
        .map(|(at, m)| {
            let rest = &html[at + m.len()..];
            let id = &rest[..rest.find('"').unwrap()];
            let words = &rest[rest.find('>').unwrap() + 1..];
            let words = &words[..words.find("</button>").unwrap()];
            (id.to_string(), words.to_string())
        })
        .collect()
}

/// The paragraph (`<p>…</p>`) that holds the term `id`'s button, as a
/// reader sees it: without the tags and the closed definitions.
fn paragraph_with(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("popovertarget=\"def-{id}\""))
        .unwrap_or_else(|| panic!("{id} is marked"));
    let start = html[..at].rfind("<p").unwrap();
    let end = at + html[at..].find("</p>").unwrap();
    let mut p = html[start..end].to_string();
    while let Some(d) = p.find("<span id=\"def-") {
        let close = d + definition(&p[d..]).len();
        p.replace_range(d..close, "");
    }
    common::text_of(&p)
}

/// The definition at the start of `html` (`<span id="def-…">` to its own
/// `</span>`, past the spans inside it).
fn definition(html: &str) -> &str {
    let mut depth = 0;
    let mut at = 0;
    loop {
        let open = html[at..].find("<span").map(|i| at + i);
        let close = at + html[at..].find("</span>").expect("a closed span");
        match open {
            Some(o) if o < close => {
                depth += 1;
                at = o + 1;
            }
            _ => {
                depth -= 1;
                at = close + "</span>".len();
                if depth == 0 {
                    return &html[..at];
                }
            }
        }
    }
}

#[tokio::test]
async fn a_pre_rendered_term_opens_its_definition_once_per_page() {
    let html = render_at("/asn-2025/ekonomi", "/").await;
    let marked = marked_terms(&html);
    for id in ["budgetavvikelse", "verksamhetsomrade", "resultatrakning"] {
        let link = format!("href=\"/begrepp#{id}\"");
        assert_eq!(html.matches(&link).count(), 1, "{id} linked once: {link}");
        assert_eq!(
            marked.iter().filter(|(m, _)| m == id).count(),
            1,
            "{id} marked once"
        );
    }
    assert!(
        paragraph_with(&html, "kommunbidrag").starts_with("Kommunbidrag och"),
        "the first place in reading order marks the term: the first table's description"
    );
    assert!(marked.contains(&("kommunbidrag".into(), "Kommunbidrag".into())));
    // Its definition is in the page, in a popover the platform opens.
    let def = &html[html.find("<span id=\"def-kommunbidrag\"").unwrap()..];
    let def = &def[..def.find("</span>").unwrap()];
    assert!(def.contains("popover=\"auto\""), "{def}");
    assert!(def.contains("skatteintäkter"), "{def}");
    // Under a subpath the link keeps the base.
    let sub = render_at("/asn-2025/ekonomi", "/insyn/").await;
    assert!(sub.contains("href=\"/insyn/begrepp#budgetavvikelse\""));
    // The goal page marks its heading's terms too.
    let goal = render_at("/asn-2025/mal/sjalvforsorjning", "/").await;
    assert!(goal.contains("Siffror i texten"));
}

#[tokio::test]
async fn key_figures_on_a_goal_page_print_the_unit_once() {
    let html = render_at("/asn-2025", "/").await;
    let goal = insyn::model::parse_report("x", &common::read("asn-2025.json")).unwrap();
    let a = goal.as_annual().unwrap();
    let (_, g) = a
        .goals()
        .find(|(_, g)| g.key_figures.iter().any(|k| k.unit == "procentenheter"))
        .unwrap();
    assert!(html.contains(&g.id));
    let page = render_at(&format!("/asn-2025/mal/{}", g.id), "/").await;
    assert!(!page.contains("procentenheter procentenheter"));
    assert!(!page.contains("procentenheter</strong> procentenheter"));
    assert!(!page.contains("</strong> antal"));
}

#[tokio::test]
async fn the_glossary_page_lists_every_term_alphabetically_with_its_pages() {
    let html = render_at("/begrepp", "/").await;
    let built = store();
    let Some(insyn::ui::state::Load::Ready(g)) = &built.glossary else {
        unreachable!()
    };
    let mut last = 0;
    for t in g.alphabetical() {
        let at = html
            .find(&format!("<dt id=\"{}\"", t.id))
            .unwrap_or_else(|| panic!("{} listed", t.id));
        assert!(at > last, "{} in alphabetical order", t.id);
        last = at;
    }
    assert!(html.contains("href=\"/asn-2025/ekonomi/budgetavvikelse\""));
    let home = render_at("/", "/").await;
    assert!(
        home.contains("href=\"/begrepp\""),
        "the footer links the glossary"
    );
    let en = render_at("/en/", "/").await;
    let footer = &en[en.find("<footer").expect("a footer")..];
    assert!(
        footer.contains("href=\"/en/begrepp\">Words and abbreviations</a>"),
        "the English footer links the English glossary page: {footer}"
    );
}

#[tokio::test]
async fn an_english_page_marks_the_english_words() {
    let report = render_at("/en/asn-2024", "/").await;
    let lead = &report[report.find("<p class=\"lead\">").unwrap()..];
    let lead = &lead[..lead.find("</p>").unwrap()];
    let marked = marked_terms(lead);
    for (id, words) in [
        ("kommunbidrag", "municipal allocation"),
        ("tkr", "tkr"),
        ("kommunfullmaktigemal", "council goals"),
        ("ifo", "individual and family care"),
    ] {
        assert!(
            marked.contains(&(id.into(), words.into())),
            "the English summary marks {words:?}: {lead}"
        );
        let link = format!("href=\"/en/begrepp?lang=en#{id}\"");
        assert!(lead.contains(&link), "its definition links {link}");
    }
    let finance = render_at("/en/asn-2025/ekonomi", "/").await;
    let marked = marked_terms(&finance);
    assert!(
        paragraph_with(&finance, "kommunbidrag")
            .starts_with("Municipal allocation and budget deviation"),
        "the first table's English description marks its terms"
    );
    assert!(marked.contains(&("kommunbidrag".into(), "Municipal allocation".into())));
    assert!(marked.contains(&("budgetavvikelse".into(), "budget deviation".into())));
    // A title printed in Swedish keeps its Swedish words marked on the English page.
    assert!(marked.contains(&("resultatrakning".into(), "Resultaträkning".into())));
    // Its definition is English (a screen reader reads it so, although it
    // stands inside a Swedish title), with the Swedish term named as Swedish.
    let def = definition(&finance[finance.find("<span id=\"def-resultatrakning\"").unwrap()..]);
    assert!(def.contains("lang=\"en\""), "{def}");
    assert!(
        def.contains(
            "<strong><span lang=\"sv\">resultaträkning</span> (income statement)</strong>"
        ),
        "{def}"
    );
}

/// The claims of a page as the viewer computes them.
fn claims_at(route: Route, lang: Lang) -> (Vec<Place>, Claims) {
    let store = store();
    let report = route.report_id().map(str::to_string);
    let places = Pages::ALL.places(&route, &store, lang, &[]);
    let claims = Claims::of(&places, &store.terms_for(report.as_deref()));
    (places, claims)
}

#[tokio::test]
async fn on_the_finance_page_a_term_the_reader_sees_is_marked_where_it_is_seen() {
    let route = Route::Finance {
        report: "asn-2025".into(),
    };
    let (places, claims) = claims_at(route, Lang::Sv);
    // "ekonomiskt bistånd" is first in the first table's row headers, which
    // show only when the reader opens the table; the last table's
    // description, always shown, marks it.
    let first_row = places
        .iter()
        .position(|p| p.text.contains("ekonomiskt bistånd"))
        .unwrap();
    assert!(places[first_row].on_demand, "{:?}", places[first_row]);
    assert_eq!(
        claims.slot_of("ekonomiskt-bistand"),
        Some("description:hushall-ekonomiskt-bistand")
    );
    assert_eq!(
        claims.marked("description:hushall-ekonomiskt-bistand"),
        vec![("ekonomiskt bistånd", "ekonomiskt-bistand")]
    );
    // IFO is in no text shown with the page: the first table's headers
    // mark it, seen when the reader opens that table.
    assert_eq!(claims.slot_of("ifo"), Some("row:budgetavvikelse:ifo"));
    // No term is left to a hidden place while a shown one has it.
    let store = store();
    let terms = store.terms_for(Some("asn-2025"));
    let refs: Vec<&Term> = terms.iter().collect();
    for p in places.iter().filter(|p| !p.on_demand) {
        for s in find(&p.text, &refs, p.lang) {
            let id = &refs[s.term].id;
            let slot = claims.slot_of(id).unwrap();
            let at = places.iter().find(|q| q.slot == slot).unwrap();
            assert!(
                !at.on_demand,
                "{id} is shown in {} but marked in {slot}",
                p.slot
            );
        }
    }
    // The pre-rendered page marks it in the description.
    let html = render_at("/asn-2025/ekonomi", "/").await;
    assert!(paragraph_with(&html, "ekonomiskt-bistand")
        .contains("Antal hushåll med ekonomiskt bistånd"));
    assert!(
        marked_terms(&html).contains(&("ekonomiskt-bistand".into(), "ekonomiskt bistånd".into()))
    );
}

#[tokio::test]
async fn the_start_page_marks_terms_in_the_reports_lines_in_both_languages() {
    for (path, href, words) in [
        ("/", "/begrepp#namnd", "nämndens"),
        ("/en/", "/en/begrepp?lang=en#namnd", "board"),
    ] {
        let html = render_at(path, "/").await;
        let marked = marked_terms(&html);
        let mine = marked.iter().filter(|(id, _)| id == "namnd");
        assert_eq!(mine.clone().count(), 1, "{path}: marked once");
        assert_eq!(mine.clone().next().unwrap().1, words);
        assert_eq!(
            html.matches(&format!("href=\"{href}\"")).count(),
            1,
            "{path}: {href} once"
        );
        // In a report's line, not inside the link that is the report's name.
        let line = &html[..html.find("popovertarget=\"def-namnd\"").unwrap()];
        let opened = line.rfind("<span class=\"summary-line\">").unwrap();
        let seg = &line[opened..];
        assert!(
            seg.matches("<span").count() > seg.matches("</span>").count(),
            "{path}: in its line"
        );
        assert_eq!(
            seg.matches("<a ").count(),
            seg.matches("</a>").count(),
            "{path}: not inside a link"
        );
    }
    // The live page marks the same place: the first line that has the term.
    let (places, claims) = claims_at(Route::Home, Lang::Sv);
    let first = places
        .iter()
        .find(|p| p.text.contains("nämndens") || p.text.contains("Nämnden"))
        .unwrap();
    assert!(first.slot.starts_with("line:"), "{first:?}");
    assert_eq!(claims.slot_of("namnd"), Some(first.slot.as_str()));
    assert!(
        places[0].slot.starts_with("board:"),
        "a board's heading comes before its reports' lines"
    );
}

/// The comparisons mark terms too: the matrix in its goals' titles, the
/// finance comparison in the titles of the tables both editions have; each
/// term once.
#[tokio::test]
async fn the_comparisons_mark_terms_in_their_goals_and_table_titles() {
    for (path, inside) in [
        ("/jamfor/ekonomi", "<h2 lang=\"sv\">"),
        ("/jamfor/mal?namnd=ASN&namnd=FSN", "<th scope=\"row\">"),
    ] {
        let html = render_at(path, "/").await;
        let links: Vec<usize> = html
            .match_indices("href=\"/begrepp#")
            .map(|(i, _)| i)
            .collect();
        assert!(!links.is_empty(), "{path}: some term is marked");
        let mut ids = std::collections::BTreeSet::new();
        for i in links {
            let id = &html[i + 15..][..html[i + 15..].find('"').unwrap()];
            assert!(ids.insert(id.to_string()), "{path}: {id} marked twice");
            let before = &html[..i];
            let opened = before.rfind(inside).unwrap_or(0);
            let closed = before.rfind(if inside.starts_with("<h2") {
                "</h2>"
            } else {
                "</th>"
            });
            assert!(
                opened > 0 && closed.is_none_or(|c| c < opened),
                "{path}: {id} is marked in {inside}"
            );
        }
    }
}

/// Every page but embeds fetches the glossary: its size must not grow with
/// the archive. Each term lists the newest pages it is on, at most
/// `LISTED_PAGES`, and counts the rest.
#[test]
fn the_served_glossary_lists_a_bounded_number_of_pages_newest_first() {
    let g = glossary();
    let one = glossary::with_occurrences(&g, &reports());
    // Forty editions of one report (in this test only), one a year.
    let src = common::read("asn-2025.json");
    let many: Vec<Report> = (0..40u16)
        .map(|i| {
            let mut v: serde_json::Value = serde_json::from_str(&src).unwrap();
            v["id"] = format!("x-{i}").into();
            v["year"] = (1990 + i).into();
            insyn::model::parse_report("x.json", &v.to_string()).unwrap()
        })
        .collect();
    let built = glossary::with_occurrences(&g, &many);
    let size = |g: &Glossary| serde_json::to_string(g).unwrap().len();
    assert!(
        size(&built) < 2 * size(&one),
        "{} bytes for 40 reports, {} for the bundled five",
        size(&built),
        size(&one)
    );
    let t = built
        .terms
        .iter()
        .find(|t| t.more_pages > 0)
        .expect("a term on many pages");
    assert_eq!(t.pages.len(), glossary::LISTED_PAGES);
    let alone = glossary::with_occurrences(&g, &many[..1]);
    let per_report = alone.term(&t.id).unwrap().pages.len();
    assert_eq!(
        t.pages.len() + t.more_pages,
        40 * per_report,
        "{}: the rest counted",
        t.id
    );
    assert!(
        t.pages[0].report == "x-39",
        "the newest first: {:?}",
        t.pages[0]
    );
}
