//! The importer (`insyn::import`) against the five seed texts and the
//! bundled files transcribed from them by hand, plus the flattened-row
//! reader, the goal statuses, bad input and speed.
//!
//! The seeds are in `shared/seeds` beside the repository (as in CI).

use std::path::PathBuf;

use insyn::import::{self, number, ImportError};
use serde_json::Value;

/// Seed file and the bundled report transcribed from it.
const PAIRS: &[(&str, &str)] = &[
    ("000_716caa511a25d917.txt", "asn-2025.json"),
    ("001_6f961dbdf6ccb90e.txt", "asn-2024.json"),
    ("003_3d138cd70536331e.txt", "fsn-2024.json"),
    (
        "002_ba3a9c68c88c9248.txt",
        "asn-granskning-arbetsmarknadsinsatser.json",
    ),
    ("004_b9143f10d55203c3.txt", "asn-omradeslyft.json"),
];

/// The share of the bundled table cells the drafts must hold (issue #31).
const CELL_FLOOR: f64 = 0.99;
/// The share of the bundled statements' measures and positions whose
/// phrase and status a draft response holds (50 of 58 when set: the
/// misses are sentences no status word marks, and the sub-headings an
/// editor took as the processes a board names).
const RESPONSE_FLOOR: f64 = 0.85;

fn seeds_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    assert!(
        dir.is_dir(),
        "the seed texts are missing: expected them in {} (shared/seeds beside the repository)",
        dir.display()
    );
    dir
}

fn seed(name: &str) -> String {
    let p = seeds_dir().join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn bundled(name: &str) -> Value {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/reports")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap()
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Without any white space: a word the PDF broke over two lines without a
/// hyphen ("förvaltningsövergrip" "ande") still finds its row.
fn tight(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or("")
}

fn arr<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v[k].as_array().map(Vec::as_slice).unwrap_or(&[])
}

#[derive(Default, Debug, Clone, Copy)]
struct Count {
    ok: usize,
    all: usize,
}

impl Count {
    fn add(&mut self, ok: bool) {
        self.all += 1;
        self.ok += usize::from(ok);
    }
    fn share(&self) -> f64 {
        if self.all == 0 {
            1.0
        } else {
            self.ok as f64 / self.all as f64
        }
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.ok, self.all)
    }
}

#[derive(Default, Debug)]
struct Fidelity {
    cells: Count,
    labels: Count,
    statuses: Count,
    wordings: Count,
    titles: Count,
    assignments: Count,
    items: Count,
    responses: Count,
    drafted: usize,
    plan: Count,
    misses: Vec<String>,
}

/// The draft's row for a bundled row: by label and giver, by label, or
/// by label and giver joined (a giver the text did not set apart).
fn find_row<'a>(rows: &'a [Value], want: &Value) -> Option<&'a Value> {
    let label = tight(s(want, "label"));
    let giver = s(want, "giver");
    rows.iter()
        .find(|r| tight(s(r, "label")) == label && s(r, "giver") == giver)
        .or_else(|| rows.iter().find(|r| tight(s(r, "label")) == label))
        .or_else(|| {
            rows.iter()
                .find(|r| tight(s(r, "label")) == tight(&format!("{} {giver}", s(want, "label"))))
        })
}

/// The draft's table for a bundled table: same title, else most row labels shared.
fn find_table<'a>(tables: &'a [Value], want: &Value) -> Option<&'a Value> {
    if let Some(t) = tables
        .iter()
        .find(|t| norm(s(t, "title")) == norm(s(want, "title")))
    {
        return Some(t);
    }
    let labels: Vec<String> = arr(want, "rows")
        .iter()
        .map(|r| tight(s(r, "label")))
        .collect();
    tables
        .iter()
        .map(|t| {
            let shared = arr(t, "rows")
                .iter()
                .filter(|r| labels.contains(&tight(s(r, "label"))))
                .count();
            (shared, t)
        })
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, t)| t)
}

fn compare_tables(draft: &Value, want: &Value, f: &mut Fidelity) {
    for t in arr(want, "tables") {
        let d = find_table(arr(draft, "tables"), t);
        for r in arr(t, "rows") {
            let dr = d.and_then(|d| find_row(arr(d, "rows"), r));
            f.labels
                .add(dr.is_some_and(|x| s(x, "label") == s(r, "label")));
            for (i, v) in arr(r, "values").iter().enumerate() {
                let got = dr.map(|x| &x["values"][i]);
                let same = match (got.and_then(Value::as_f64), v.as_f64()) {
                    (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                    (None, None) => got.is_some_and(Value::is_null),
                    _ => false,
                };
                f.cells.add(same);
                if !same {
                    f.misses.push(format!(
                        "cell {}/{}[{i}]: bundled {v}, draft {:?}",
                        s(t, "id"),
                        s(r, "label"),
                        got
                    ));
                }
            }
        }
    }
}

fn compare_goals(draft: &Value, want: &Value, f: &mut Fidelity) {
    let goals: Vec<&Value> = arr(draft, "goal_areas")
        .iter()
        .flat_map(|a| arr(a, "goals"))
        .collect();
    for a in arr(want, "goal_areas") {
        let da = arr(draft, "goal_areas")
            .iter()
            .find(|x| s(x, "id") == s(a, "id"));
        f.titles
            .add(da.is_some_and(|x| s(x, "title") == s(a, "title")));
        for g in arr(a, "goals") {
            let d = goals.iter().find(|x| s(x, "id") == s(g, "id"));
            f.titles
                .add(d.is_some_and(|x| s(x, "title") == s(g, "title")));
            let status = |v: &Value| {
                (
                    v["assessment"]["status"].clone(),
                    v["outlook"]["status"].clone(),
                )
            };
            let ok = d.is_some_and(|x| status(x) == status(g));
            f.statuses.add(ok);
            if !ok {
                f.misses.push(format!(
                    "status of {}: bundled {:?}, draft {:?}",
                    s(g, "id"),
                    status(g),
                    d.map(|x| status(x))
                ));
            }
            let words = |v: &Value| {
                (
                    v["assessment"]["badge"].clone(),
                    v["assessment"]["wording"].clone(),
                    v["outlook"]["wording"].clone(),
                )
            };
            f.wordings.add(d.is_some_and(|x| words(x) == words(g)));
        }
    }
    for a in arr(want, "assignments") {
        let ok = arr(draft, "assignments")
            .iter()
            .any(|x| norm(s(x, "title")) == norm(s(a, "title")));
        f.assignments.add(ok);
    }
}

fn compare_statement(draft: &Value, want: &Value, f: &mut Fidelity) {
    for it in arr(want, "items") {
        let found = arr(draft, "items")
            .iter()
            .find(|x| norm(s(x, "text")) == norm(s(it, "text")) && s(x, "kind") == s(it, "kind"));
        f.items.add(found.is_some());
        if found.is_none() {
            f.misses
                .push(format!("item {}: {:?}", s(it, "id"), s(it, "text")));
        }
        // Each bundled measure or position: a draft response of the same
        // item holds its phrase, with the same status.
        for r in arr(it, "responses") {
            let ok = found.is_some_and(|x| {
                arr(x, "responses").iter().any(|d| {
                    s(d, "status") == s(r, "status")
                        && norm(s(d, "phrase")).contains(&norm(s(r, "phrase")))
                })
            });
            f.responses.add(ok);
            if !ok {
                f.misses.push(format!(
                    "response of {} ({}): {:?}",
                    s(it, "id"),
                    s(r, "status"),
                    s(r, "phrase")
                ));
            }
        }
    }
    f.items
        .add(s(draft, "decision_proposal") == s(want, "decision_proposal"));
    // The decision plan's dates, the diary numbers and the addressee, where
    // the bundled file has them.
    for d in arr(want, "decision_plan") {
        f.plan.add(
            arr(draft, "decision_plan")
                .iter()
                .any(|x| s(x, "date") == s(d, "date")),
        );
    }
    f.plan.add(draft["diary_numbers"] == want["diary_numbers"]);
    // An audit's statement is sent back to the auditors, which the
    // template prints; a consultation's asker is left to the editor.
    let from = s(&draft["answers"], "from");
    f.plan
        .add(if s(&want["answers"], "kind") == "audit_review" {
            from == s(&want["answers"], "from")
        } else {
            from.is_empty() || from == s(&want["answers"], "from")
        });
}

fn fidelity(seed_name: &str, bundled_name: &str) -> (Fidelity, usize) {
    let draft =
        import::import(&seed(seed_name), seed_name).unwrap_or_else(|e| panic!("{seed_name}: {e}"));
    let want = bundled(bundled_name);
    let mut f = Fidelity::default();
    assert_eq!(
        s(&draft.report, "kind"),
        s(&want, "kind"),
        "{seed_name}: the kind of document"
    );
    if s(&want, "kind") == "statement" {
        compare_statement(&draft.report, &want, &mut f);
        f.drafted = arr(&draft.report, "items")
            .iter()
            .map(|x| arr(x, "responses").len())
            .sum();
    } else {
        compare_goals(&draft.report, &want, &mut f);
        compare_tables(&draft.report, &want, &mut f);
    }
    (f, draft.review.len())
}

fn all_fidelity() -> Vec<(&'static str, Fidelity, usize)> {
    PAIRS
        .iter()
        .map(|(seed, b)| {
            let (f, n) = fidelity(seed, b);
            (*seed, f, n)
        })
        .collect()
}

#[test]
fn the_drafts_of_the_five_seeds_hold_the_bundled_figures_statuses_and_titles() {
    let mut cells = Count::default();
    let mut statuses = Count::default();
    let mut responses = Count::default();
    for (seed, f, review) in all_fidelity() {
        println!(
            "{seed}: cells {} (row labels exact {}), statuses {}, badge/assessment/outlook wording {}, goal and area titles {}, assignments {}, statement items and decision {}, measures and positions {} (of {} drafted), decision plan, diary numbers and addressee {}, review points {review}",
            f.cells, f.labels, f.statuses, f.wordings, f.titles, f.assignments, f.items, f.responses, f.drafted, f.plan
        );
        for m in &f.misses {
            println!("    {m}");
        }
        cells.ok += f.cells.ok;
        cells.all += f.cells.all;
        statuses.ok += f.statuses.ok;
        statuses.all += f.statuses.all;
        assert_eq!(
            f.titles.ok, f.titles.all,
            "{seed}: every goal and area title as printed"
        );
        assert_eq!(
            f.assignments.ok, f.assignments.all,
            "{seed}: every assignment"
        );
        assert_eq!(
            f.items.ok, f.items.all,
            "{seed}: every recommendation or question and the decision"
        );
        assert_eq!(
            f.plan.ok, f.plan.all,
            "{seed}: the decision plan's dates, the diary numbers and the addressee"
        );
        responses.ok += f.responses.ok;
        responses.all += f.responses.all;
    }
    println!(
        "all seeds: cells {cells} ({:.1} %), statuses {statuses}, measures and positions {responses} ({:.1} %)",
        cells.share() * 100.0,
        responses.share() * 100.0
    );
    assert!(
        responses.all >= 58 && responses.share() >= RESPONSE_FLOOR,
        "the statements' measures and positions {responses} ({:.1} %) fell below {:.0} %",
        responses.share() * 100.0,
        RESPONSE_FLOOR * 100.0
    );
    assert_eq!(statuses.ok, statuses.all, "every goal's status and outlook");
    assert!(
        statuses.all >= 37,
        "the three annual analyses' 37 goals were compared"
    );
    assert!(
        cells.share() >= CELL_FLOOR,
        "table cells {cells} ({:.1} %) fell below {:.0} %",
        cells.share() * 100.0,
        CELL_FLOOR * 100.0
    );
}

#[test]
fn every_seeds_draft_passes_the_validator() {
    for (seed_name, _) in PAIRS {
        let draft = import::import(&seed(seed_name), seed_name).unwrap();
        let json = draft.to_json();
        if let Err(ds) = insyn::model::parse_report("draft.json", &json) {
            panic!(
                "{seed_name}: the draft does not validate:\n{}",
                ds.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
}

#[test]
fn every_figure_status_and_heading_carries_its_source_line() {
    let draft = import::import(&seed(PAIRS[0].0), PAIRS[0].0)
        .unwrap()
        .report;
    let text = seed(PAIRS[0].0);
    let lines: Vec<&str> = text.lines().collect();
    for g in arr(&draft, "goal_areas")
        .iter()
        .flat_map(|a| arr(a, "goals"))
    {
        let line = g["source"]["line"].as_u64().expect("a goal's line") as usize;
        assert!(
            lines[line - 1].contains("Kommunfullmäktigemål"),
            "goal {} at line {line}",
            s(g, "id")
        );
    }
    for t in arr(&draft, "tables") {
        let line = t["source"]["line"].as_u64().expect("a table's line") as usize;
        assert!(
            !lines[line - 1].trim().is_empty(),
            "table {} at line {line}",
            s(t, "id")
        );
    }
    // FSN's text keeps only four footers (pages 15, 22, 29, 31): a goal
    // between them gets no page it may not be on.
    let fsn = import::import(&seed(PAIRS[2].0), PAIRS[2].0)
        .unwrap()
        .report;
    let paged = arr(&fsn, "goal_areas")
        .iter()
        .flat_map(|a| arr(a, "goals"))
        .filter(|g| g["source"]["page"].is_u64())
        .count();
    assert_eq!(paged, 0, "no page without proof");
}

#[test]
fn pages_come_from_form_feeds_and_footers() {
    // pdftotext -layout ends each page with a form feed; the footer gives
    // the printed number (here the cover is unnumbered: printed = sheet − 1).
    let text = annual("Driftbudget\nTkr Utfall\n\nNettokostnad 5\n\nÅrsanalys 2026, Provnämnden 1 (2)\n\u{c}Mer text\nKommunbidrag\n")
        .replace("Målområde - ", "\u{c}Målområde - ");
    let d = import::import(&text, "prov.txt").unwrap();
    let g = &d.report["goal_areas"][0]["goals"][0];
    assert_eq!(g["source"]["page"], 1, "the goal is on printed page 1");
    assert_eq!(d.report["tables"][0]["source"]["page"], 1);
}

// ---------------------------------------------------------------------------
// The flattened-row reader
// ---------------------------------------------------------------------------

fn annual(body: &str) -> String {
    format!(
        "Målområde - En stad med goda uppväxtvillkor för barn och unga\n\n\
         Kommunfullmäktigemål - Malmö stad arbetar för att ge barn och unga goda uppväxtvillkor\n\
         Uppföljning av bidrag till kommunfullmäktigemålet\n\n\
         Bedömning av bidrag till kommunfullmäktigemålet för året\n\nUppnåtts\n\n\
         Bedömningen är att bidraget till kommunfullmäktigemålet för 2026 har uppnåtts.\n\n\
         Bedömning av förväntad förflyttning för mandatperioden\n\n\
         Bedömningen är att bidraget till kommunfullmäktigemålet förväntas leda till önskad förflyttning.\n\n\
         Ekonomisk utveckling under året\n{body}\n\nÅrsanalys 2026, Provnämnden 1 (1)\n"
    )
}

fn table_of(text: &str, title: &str) -> (Value, Vec<import::ReviewPoint>) {
    let d = import::import(text, "prov.txt").unwrap();
    let t = arr(&d.report, "tables")
        .iter()
        .find(|t| s(t, "title") == title)
        .cloned();
    (
        t.unwrap_or_else(|| panic!("no table {title:?} in {:#}", d.report["tables"])),
        d.review,
    )
}

fn values(t: &Value, row: usize) -> Vec<Option<f64>> {
    arr(&arr(t, "rows")[row], "values")
        .iter()
        .map(Value::as_f64)
        .collect()
}

#[test]
fn negative_figures_and_three_columns_read_from_one_line() {
    let text = annual("Driftbudget\nTkr Utfall Prognos DR Förändring\n\nNettokostnad -4 341 853 -4 345 571 3 718\n\nKommunbidrag 4 346 447 4 345 571 876\n");
    let (t, _) = table_of(&text, "Driftbudget");
    assert_eq!(
        values(&t, 0),
        vec![Some(-4_341_853.0), Some(-4_345_571.0), Some(3718.0)]
    );
    assert_eq!(
        values(&t, 1),
        vec![Some(4_346_447.0), Some(4_345_571.0), Some(876.0)]
    );
    assert_eq!(arr(&t, "columns").len(), 3, "Prognos DR is one column");
}

#[test]
fn a_row_only_arithmetic_decides_is_read_by_the_other_rows_relation() {
    // "1 500 2 000 500" is (1 500, 2 000, 500) or (1, 500, 2 000 500):
    // avvikelse = budget − utfall, which the other row keeps, decides.
    let text = annual(
        "Investeringsram\nTkr Utfall Budget Avvikelse\n\nPost B 7 9 2\n\nPost A 1 500 2 000 500\n",
    );
    assert_eq!(
        number::readings("Post A 1 500 2 000 500", 3).len(),
        2,
        "digits alone allow two readings"
    );
    let (t, review) = table_of(&text, "Investeringsram");
    assert_eq!(values(&t, 1), vec![Some(1500.0), Some(2000.0), Some(500.0)]);
    assert!(
        !review.iter().any(|p| p.message.contains("Post A")),
        "decided: no review point"
    );
}

#[test]
fn a_row_no_reading_satisfies_is_a_review_point_with_its_line() {
    let text = annual(
        "Investeringsram\nTkr Utfall Budget Avvikelse\n\nPost B 7 9 2\n\nPost A 1 500 2 000 600\n",
    );
    let (t, review) = table_of(&text, "Investeringsram");
    assert_eq!(values(&t, 1), vec![None, None, None], "never a guess");
    let line = text.lines().position(|l| l.starts_with("Post A")).unwrap() as u32 + 1;
    let p = review
        .iter()
        .find(|p| p.message.contains("Post A"))
        .expect("a review point for the row");
    assert_eq!(p.line, line);
}

#[test]
fn a_total_decides_the_one_row_left_open() {
    // "1 625 970" under two columns is (1 625, 970) or (1, 625 970); two
    // columns have no relation, but the total decides.
    let text = annual("Budgetavvikelse per område\nOMRÅDE (Tkr) Kommunbidrag Avvikelse\n\nArbete 1 625 970\n\nOmsorg 10 1 020\n\nSUMMA 1 635 1 990\n");
    assert_eq!(number::readings("Arbete 1 625 970", 2).len(), 2);
    let (t, _) = table_of(&text, "Budgetavvikelse per område");
    assert_eq!(values(&t, 0), vec![Some(1625.0), Some(970.0)]);
    assert_eq!(s(&arr(&t, "rows")[2], "role"), "total");
}

#[test]
fn a_row_label_that_ends_in_a_number_keeps_it() {
    let text = annual("Bidrag\nTkr Utfall\n\nStatsbidrag del 2 1 234\n\nÖvrigt 10\n");
    let (t, _) = table_of(&text, "Bidrag");
    assert_eq!(s(&arr(&t, "rows")[0], "label"), "Statsbidrag del 2");
    assert_eq!(values(&t, 0), vec![Some(1234.0)]);
}

#[test]
fn a_label_wrapped_over_two_lines_is_one_row() {
    let text = annual("Investeringsram\nTkr Utfall Budget Avvikelse\n\nInventarier och lokalanpassningar (bl.a.\nsäkerhetssystem) 12 388 25 000 12 612\n\nSumma investeringar 12 388 25 000 12 612\n");
    let (t, _) = table_of(&text, "Investeringsram");
    assert_eq!(
        s(&arr(&t, "rows")[0], "label"),
        "Inventarier och lokalanpassningar (bl.a. säkerhetssystem)"
    );
    assert_eq!(
        values(&t, 0),
        vec![Some(12388.0), Some(25000.0), Some(12612.0)]
    );
    assert_eq!(arr(&t, "rows").len(), 2);
}

// ---------------------------------------------------------------------------
// Statuses
// ---------------------------------------------------------------------------

fn goal_snippet(badge: &str, sentence: &str, outlook: &str) -> String {
    format!(
        "Målområde - En mer jämlik stad\n\n\
         Kommunfullmäktigemål - Malmö stad arbetar för att staden ska bli fri från segregation\n\
         Uppföljning av bidrag till kommunfullmäktigemålet\n\nText.\n\n\
         Bedömning av bidrag till kommunfullmäktigemålet för året\n\n{badge}\n\n{sentence}\n\n\
         Bedömning av förväntad förflyttning för mandatperioden\n\n{outlook}\n"
    )
}

fn only_goal(text: &str) -> (Value, Vec<import::ReviewPoint>) {
    let d = import::import(text, "prov.txt").unwrap();
    (d.report["goal_areas"][0]["goals"][0].clone(), d.review)
}

#[test]
fn an_area_printed_twice_is_one_area_with_both_goals_and_a_review_point() {
    // Found by `cargo xtask fuzz`: the draft held the area twice, which
    // the validator refuses.
    let first = annual("");
    let second = first.replace(
        "ge barn och unga goda uppväxtvillkor",
        "en större andel elever ska fullfölja en gymnasieutbildning",
    );
    let d = import::import(&format!("{first}\n{second}"), "prov.txt").unwrap();
    let areas = arr(&d.report, "goal_areas");
    assert_eq!(areas.len(), 1);
    assert_eq!(arr(&areas[0], "goals").len(), 2);
    assert!(d
        .review
        .iter()
        .any(|p| p.message.contains("står två gånger")));
    insyn::model::parse_report("draft.json", &d.to_json()).expect("the draft validates");
}

#[test]
fn ej_uppnatts_is_read_with_its_sentence_and_outlook() {
    let (g, review) = only_goal(&goal_snippet(
        "Ej uppnåtts",
        "Bedömningen är att bidraget till kommunfullmäktigemålet för 2026 inte har uppnåtts.",
        "Bedömningen är att bidraget till kommunfullmäktigemålet inte förväntas leda till önskad förflyttning under mandatperioden.",
    ));
    assert_eq!(g["id"], "fri-fran-segregation");
    assert_eq!(g["assessment"]["status"], "ej_uppnatt");
    assert_eq!(g["assessment"]["badge"], "Ej uppnåtts");
    assert_eq!(g["outlook"]["status"], "ej_forflyttning");
    assert!(
        !review.iter().any(|p| p.message.contains("säger olika")),
        "badge and sentence agree"
    );
}

#[test]
fn all_three_badges_give_their_status() {
    for (badge, sentence, status) in [
        (
            "Uppnåtts",
            "Bedömningen är att bidraget till kommunfullmäktigemålet för 2026 har uppnåtts.",
            "uppnatt",
        ),
        (
            "Delvis uppnåtts",
            "Bedömningen är att bidraget till kommunfullmäktigemålet för 2026 har delvis uppnåtts.",
            "delvis_uppnatt",
        ),
        (
            "Ej uppnåtts",
            "Bedömningen är att bidraget till kommunfullmäktigemålet för 2026 inte har uppnåtts.",
            "ej_uppnatt",
        ),
    ] {
        let (g, _) = only_goal(&goal_snippet(
            badge,
            sentence,
            "Bedömningen är att bidraget förväntas leda till önskad förflyttning.",
        ));
        assert_eq!(g["assessment"]["status"], status, "{badge}");
        assert_eq!(g["assessment"]["wording"], sentence);
    }
}

#[test]
fn a_badge_the_sentence_contradicts_is_a_review_point() {
    let text = goal_snippet(
        "Ej uppnåtts",
        "Bedömningen är att bidraget till kommunfullmäktigemålet för 2026 har uppnåtts.",
        "Bedömningen är att bidraget förväntas leda till önskad förflyttning.",
    );
    let (g, review) = only_goal(&text);
    assert_eq!(
        g["assessment"]["status"], "ej_uppnatt",
        "the badge is the status"
    );
    let line = text.lines().position(|l| l == "Ej uppnåtts").unwrap() as u32 + 1;
    assert!(
        review
            .iter()
            .any(|p| p.line == line && p.message.contains("säger olika")),
        "{review:?}"
    );
}

#[test]
fn the_2025_uppnatts_with_forvantas_uppnas_is_a_review_point() {
    let text = seed(PAIRS[0].0);
    let d = import::import(&text, PAIRS[0].0).unwrap();
    let n = d
        .review
        .iter()
        .filter(|p| p.message.contains("förväntas uppnås"))
        .count();
    assert!(
        n >= 5,
        "ASN 2025 prints 'Uppnåtts' over 'förväntas uppnås' for five goals ({n})"
    );
}

#[test]
fn an_unknown_goal_title_is_a_review_point_naming_the_nearest() {
    let text = goal_snippet(
        "Uppnåtts",
        "Bedömningen är att bidraget har uppnåtts.",
        "Bedömningen är att bidraget förväntas leda till önskad förflyttning.",
    )
    .replace("fri från segregation", "fri från segregationen");
    let (g, review) = only_goal(&text);
    assert_ne!(
        g["id"], "fri-fran-segregation",
        "an unknown title gets no known goal's id"
    );
    let p = review
        .iter()
        .find(|p| p.message.contains("finns inte i assets/goals.json"))
        .expect("a review point");
    assert!(
        p.message
            .contains("Malmö stad arbetar för att staden ska bli fri från segregation"),
        "{}",
        p.message
    );
}

// ---------------------------------------------------------------------------
// The goals file
// ---------------------------------------------------------------------------

#[test]
fn every_goal_of_the_bundled_reports_is_in_the_goals_file_with_the_same_title() {
    let file = import::goals::catalogue();
    for (_, b) in PAIRS.iter().take(3) {
        for a in arr(&bundled(b), "goal_areas") {
            let fa = file
                .goal_areas
                .iter()
                .find(|x| x.id == s(a, "id"))
                .unwrap_or_else(|| panic!("area {} missing", s(a, "id")));
            assert_eq!(fa.title, s(a, "title"));
            assert_eq!(fa.title_en, s(a, "title_en"));
            for g in arr(a, "goals") {
                let fg = fa
                    .goals
                    .iter()
                    .find(|x| x.id == s(g, "id"))
                    .unwrap_or_else(|| {
                        panic!(
                            "{b}: goal {} not in its area in assets/goals.json",
                            s(g, "id")
                        )
                    });
                assert_eq!(fg.title, s(g, "title"), "{b}: {}", s(g, "id"));
                assert_eq!(fg.title_en, s(g, "title_en"), "{b}: {}", s(g, "id"));
            }
        }
    }
}

#[test]
fn the_goals_files_schema_is_generated_from_the_types_and_up_to_date() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let on_disk = std::fs::read_to_string(root.join("assets/goals.schema.json")).unwrap();
    // The same generator the xtask uses (feature `schema`), as tests/data.rs does.
    let generated = std::process::Command::new(env!("CARGO"))
        .args([
            "run", "--quiet", "-p", "xtask", "--", "schema", "--stdout", "--goals",
        ])
        .current_dir(&root)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    assert_eq!(
        on_disk, generated,
        "assets/goals.schema.json is stale: run `cargo xtask schema`"
    );
    let schema: Value = serde_json::from_str(&on_disk).unwrap();
    let required: Vec<&str> = arr(&schema, "required")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(required, ["mandate_period", "goal_areas"]);
    let ids: Vec<&str> = import::goals::catalogue()
        .goal_areas
        .iter()
        .flat_map(|a| a.goals.iter().map(|g| g.id.as_str()))
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "goal ids are unique");
}

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

#[test]
fn an_empty_or_binary_file_is_refused_with_a_clear_message() {
    assert_eq!(import::import("", "x.txt").unwrap_err(), ImportError::Empty);
    assert_eq!(
        import::import(" \n\n ", "x.txt").unwrap_err(),
        ImportError::Empty
    );
    assert_eq!(
        import::import_bytes(b"%PDF-1.7\n\x00\x01\x02\x03binary", "x.pdf").unwrap_err(),
        ImportError::Binary
    );
    assert!(ImportError::Binary.to_string().contains("pdftotext"));
    let e = import::import("Ett brev.\n\nMed vänlig hälsning\n", "x.txt").unwrap_err();
    assert_eq!(e, ImportError::UnknownKind);
    assert!(e.to_string().contains("varken en årsanalys"));
}

#[test]
fn a_statement_is_read_as_a_statement_not_as_an_annual_analysis() {
    for (seed_name, _) in &PAIRS[3..] {
        let d = import::import(&seed(seed_name), seed_name).unwrap();
        assert_eq!(s(&d.report, "kind"), "statement", "{seed_name}");
        assert!(d.report.get("goal_areas").is_none());
    }
}

#[test]
fn a_text_cut_in_the_middle_of_a_table_gives_a_valid_draft() {
    let text = seed(PAIRS[0].0);
    let cut = text
        .find("Lönekostnader -1 576 836")
        .expect("the income statement");
    let d = import::import(&text[..cut + 14], PAIRS[0].0).unwrap();
    insyn::model::parse_report("cut.json", &d.to_json()).unwrap();
    let rr = arr(&d.report, "tables")
        .iter()
        .find(|t| s(t, "title") == "Resultaträkning")
        .expect("the income statement's first rows");
    assert!(arr(rr, "rows").len() < 17, "only the rows before the cut");
}

/// A small deterministic generator (no crate needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

#[test]
fn no_input_panics_random_bytes_and_cut_seeds() {
    let mut rng = Lcg(31);
    for n in 0..300 {
        let len = (rng.next() % 400) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let _ = import::import_bytes(&bytes, "random.bin");
        // Random text of the template's words and figures.
        let words = [
            "Tkr",
            "Utfall",
            "Summa",
            "1 234",
            "-5",
            "0",
            "|",
            "| 1 |",
            "Uppnåtts",
            "Målområde - ",
            "Kommunfullmäktigemål - ",
            "\n",
            "\n\n",
            "  ",
            "Rekommendation 1:",
            "?",
            "(tkr)",
            "Årsanalys 2025, X 1 (2)",
        ];
        let text: String = (0..len / 4)
            .map(|_| words[(rng.next() as usize) % words.len()])
            .collect::<Vec<_>>()
            .join(" ");
        if let Ok(d) = import::import(&text, "random.txt") {
            let json = d.to_json();
            assert!(
                insyn::model::parse_report("r.json", &json).is_ok(),
                "case {n}: a draft that does not validate:\n{text}"
            );
        }
    }
    for (seed_name, _) in PAIRS {
        let text = seed(seed_name);
        for k in 1..8 {
            let mut cut = text.len() * k / 8;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            if let Ok(d) = import::import(&text[..cut], seed_name) {
                let json = d.to_json();
                if let Err(ds) = insyn::model::parse_report("cut.json", &json) {
                    panic!("{seed_name} cut at {cut}: {}", ds[0]);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Speed
// ---------------------------------------------------------------------------

#[test]
fn the_largest_seed_imports_quickly() {
    let (name, text) = PAIRS
        .iter()
        .map(|(n, _)| (*n, seed(n)))
        .max_by_key(|(_, t)| t.len())
        .unwrap();
    let started = std::time::Instant::now();
    let d = import::import(&text, name).unwrap();
    let took = started.elapsed();
    println!(
        "import of {name} ({} KB): {:.0} ms ({} build)",
        text.len() / 1024,
        took.as_secs_f64() * 1000.0,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    assert!(!d.review.is_empty());
    // Release: well under a second (about 30 ms); the debug build is slower.
    let limit = if cfg!(debug_assertions) { 5.0 } else { 1.0 };
    assert!(took.as_secs_f64() < limit, "{:?}", took);
}
