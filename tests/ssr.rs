//! Tier 2: components rendered natively with yew's `ssr` feature, asserting
//! on the HTML a citizen would get.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::rc::Rc;

use insyn::model::format::Lang;
use insyn::model::{GoalStatus, Report};
use insyn::ui::prerender::in_lang;
use insyn::ui::state::{Load, LoadError, Store};

/// Everything loaded, as the build renders it: the reports and the glossary.
fn full_store() -> Store {
    let reports: Vec<Report> = common::bundled().into_iter().map(|(_, r)| r).collect();
    let glossary =
        insyn::model::parse_glossary("glossary.json", include_str!("../assets/glossary.json"))
            .unwrap_or_else(|d| panic!("{d:#?}"));
    let glossary = insyn::model::glossary::with_occurrences(&glossary, &reports);
    Store::ready(common::manifest(), reports).with_glossary(glossary)
}

async fn render_with(path: &str, store: Store) -> String {
    insyn::ui::prerender::render(path, "/", Rc::new(store))
        .await
        .html
}

async fn title_of(path: &str) -> Option<String> {
    insyn::ui::prerender::render(path, "/", Rc::new(full_store()))
        .await
        .title
}

async fn render(path: &str) -> String {
    render_with(path, full_store()).await
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[tokio::test]
async fn start_page_lists_every_bundled_report_with_its_status_summary() {
    let html = render("/").await;
    for e in common::manifest().reports {
        assert!(
            html.contains(&format!("href=\"/{}\"", e.id)),
            "no link to {}",
            e.id
        );
    }
    assert!(
        html.contains("13 av 14 mål uppnådda, 1 delvis"),
        "ASN 2025's summary"
    );
    assert!(
        html.contains("10 av 14 mål uppnådda, 4 delvis"),
        "ASN 2024's summary"
    );
    assert!(
        html.contains("7 av 9 mål uppnådda, 2 delvis"),
        "FSN 2024's summary"
    );
    assert!(html.contains("role=\"search\""));
}

#[tokio::test]
async fn report_page_shows_a_card_per_goal_with_badge_text_not_colour_alone() {
    let html = render("/asn-2025").await;
    let Report::Annual(a) = common::report("asn-2025") else {
        panic!()
    };
    assert_eq!(count(&html, "class=\"goal-card\""), a.goals().count());
    assert_eq!(count(&html, "class=\"goal-card\""), 14);
    // 13 achieved, 1 partly: the badge carries an icon and words.
    assert_eq!(count(&html, ">Uppnått</span>"), 13);
    assert_eq!(count(&html, ">Delvis uppnått</span>"), 1);
    assert_eq!(count(&html, "class=\"goal-area\""), 5);
    assert!(html.contains("href=\"/asn-2025/ekonomi\""));
    assert!(html.contains("href=\"/asn-2025/mal/hallbar-elforsorjning\""));
}

#[tokio::test]
async fn report_page_in_english_keeps_swedish_titles_marked_as_swedish() {
    let html = render("/asn-2025?lang=en").await;
    assert!(html.contains("13 of 14 goals achieved, 1 partly"));
    assert!(html.contains(
        "<h4 lang=\"sv\">Malmö stad arbetar för att ge barn och unga goda uppväxtvillkor</h4>"
    ));
    // Links keep the language.
    assert!(
        html.contains("href=\"/asn-2025/ekonomi?lang=en\""),
        "{html}"
    );
}

#[tokio::test]
async fn the_english_page_at_en_reads_in_english_and_links_stay_below_en() {
    let html = render(&in_lang("/asn-2025/mal/sjalvforsorjning", Lang::En)).await;
    assert!(html.contains("Assessment for the year"), "{html}");
    assert!(!html.contains("Bedömning för året"), "no Swedish UI words");
    // Links inside the site stay English without a query.
    assert!(html.contains("href=\"/en/asn-2024/mal/sjalvforsorjning\""));
    assert!(!html.contains("lang=en"));
    // The switch opens the Swedish page, as an explicit choice.
    assert!(html.contains(
        "<a href=\"/asn-2025/mal/sjalvforsorjning?lang=sv\" hreflang=\"sv\" class=\"lang-switch\">På svenska</a>"
    ));
    let sv = render("/asn-2025/mal/sjalvforsorjning").await;
    assert!(sv.contains(
        "<a href=\"/en/asn-2025/mal/sjalvforsorjning\" hreflang=\"en\" class=\"lang-switch\">In English</a>"
    ));
    let title = title_of("/en/asn-2025/ekonomi").await.unwrap_or_default();
    let sv_title = title_of("/asn-2025/ekonomi").await.unwrap_or_default();
    assert!(title != sv_title && title.ends_with("Insyn"), "{title}");
}

#[tokio::test]
async fn goal_page_shows_assessment_as_printed_and_the_other_edition() {
    let html = render("/asn-2025/mal/sjalvforsorjning").await;
    assert!(
        html.contains("Malmö stad arbetar för att öka andelen Malmöbor som är självförsörjande")
    );
    // ASN 2024 assessed this goal as partly achieved: shown with its link.
    assert!(html.contains("href=\"/asn-2024/mal/sjalvforsorjning\""));
    assert!(html.contains("Delvis uppnått"));
    // FSN has the goal too: another board, another year, behind a
    // disclosure that the pre-rendered page has in full.
    assert!(html.contains("href=\"/fsn-2024/mal/sjalvforsorjning\""));
    assert!(html.contains("<summary>Andra nämnder, andra år (1)</summary>"));
    // The audit statement's recommendations link to this goal.
    assert!(html.contains("href=\"/asn-granskning-arbetsmarknadsinsatser\""));
    // ASN 2024: ASN 2025 is the board's other year, FSN 2024 the same year;
    // nothing is left for a disclosure, and no list is empty.
    let html = render("/asn-2024/mal/sjalvforsorjning").await;
    assert!(html.contains("href=\"/asn-2025/mal/sjalvforsorjning\""));
    assert!(html.contains("href=\"/fsn-2024/mal/sjalvforsorjning\""));
    assert!(
        !html.contains("Andra nämnder, andra år"),
        "an empty disclosure"
    );
    assert!(!html.contains("<ul class=\"elsewhere\"></ul>"));
}

#[tokio::test]
async fn finance_page_has_a_chart_per_table_with_named_focusable_marks() {
    let html = render("/asn-2025/ekonomi").await;
    let Report::Annual(a) = common::report("asn-2025") else {
        panic!()
    };
    assert_eq!(
        count(&html, "<figure aria-labelledby="),
        a.tables.len(),
        "a chart per table"
    );
    assert_eq!(count(&html, "Visa som tabell"), a.tables.len());
    // Each chart's table view is a disclosure that holds its table in the
    // page's HTML: it opens before the viewer is live (issue #30).
    for t in &a.tables {
        let open = format!(
            "<details data-key=\"{}-{}-table\" class=\"chart-table\"><summary>Visa som tabell</summary>",
            a.id, t.id
        );
        let at = html.find(&open).unwrap_or_else(|| panic!("{open}"));
        let inside = &html[at..at + html[at..].find("</details>").unwrap()];
        assert!(
            inside.contains("<table"),
            "{}: the table is in the disclosure",
            t.id
        );
    }
    // Every mark is a focus target named with its value, as printed in tkr and in mnkr.
    assert!(html.contains(
        "aria-label=\"Boende, tillsyn och service (BTS), Utfall budgetavvikelse: −109\u{a0}407\u{a0}tkr (−109,4\u{a0}mnkr)\""
    ));
    assert!(html.contains("Störst underskott: Boende, tillsyn och service (BTS), −109,4\u{a0}mnkr"));
    // Exactly one mark per chart is in the tab order (a roving tabindex).
    assert_eq!(count(&html, "tabindex=\"0\" role=\"img\""), a.tables.len());
    // The 1 tkr discrepancy between the two tables is shown, with both figures.
    assert!(
        html.contains("1\u{a0}625\u{a0}970\u{a0}tkr")
            && html.contains("1\u{a0}625\u{a0}971\u{a0}tkr")
    );
}

#[tokio::test]
async fn one_chart_route_shows_only_that_table() {
    let html = render("/asn-2025/ekonomi/orsaker/").await;
    assert_eq!(count(&html, "<figure aria-labelledby="), 1, "{html}");
    assert!(html.contains("Orsaker till årets resultat") || html.contains("Viktiga orsaker"));
}

#[tokio::test]
async fn statement_page_shows_recommendations_measures_and_statuses() {
    let html = render("/asn-granskning-arbetsmarknadsinsatser").await;
    let Report::Statement(s) = common::report("asn-granskning-arbetsmarknadsinsatser") else {
        panic!()
    };
    assert_eq!(count(&html, "class=\"statement-item\""), s.items.len());
    let responses: usize = s.items.iter().map(|i| i.responses.len()).sum();
    assert_eq!(count(&html, "<span class=\"chip\">"), responses);
    assert!(html.contains("Senarelagd"));
}

#[tokio::test]
async fn comparison_matrix_has_a_row_per_council_goal_and_a_column_per_annual_report() {
    // By default each board's latest annual analysis.
    let html = render("/jamfor/mal").await;
    assert!(html.contains(">ASN 2025</th>") && html.contains(">FSN 2024</th>"));
    assert!(
        !html.contains(">ASN 2024</th>"),
        "an older edition only when chosen"
    );
    assert!(html.contains("Tabellen visar varje nämnds senaste årsanalys."));
    // The reader's choice of boards (or years) is in the address.
    for path in [
        "/jamfor/mal?namnd=ASN&namnd=FSN",
        "/jamfor/mal?ar=2024&ar=2025",
    ] {
        let html = render(path).await;
        assert_eq!(
            count(&html, "<th scope=\"row\""),
            14,
            "{path}: 14 distinct council goals across the reports"
        );
        assert!(
            html.contains(">ASN 2025</th>")
                && html.contains(">ASN 2024</th>")
                && html.contains(">FSN 2024</th>"),
            "{path}"
        );
        // FSN has 9 of the 14 goals; the other 5 cells say so in words.
        assert_eq!(count(&html, "class=\"na\""), 5, "{path}");
        assert!(
            html.contains("Tabellen visar: ASN 2024, ASN 2025, FSN 2024."),
            "{path}"
        );
    }
    let one = render("/jamfor/mal?ar=2024&namnd=FSN").await;
    assert!(one.contains(">FSN 2024</th>") && !one.contains(">ASN 2024</th>"));
    assert!(
        one.contains("Det här ändrades: ASN 2024 → 2025") && !one.contains("Ingen nämnd har två"),
        "what changed is the archive's, whatever the columns"
    );
    let none = render("/jamfor/mal?ar=1999").await;
    assert!(none.contains("Ingen årsanalys passar valet."));
    assert!(!none.contains("<table class=\"matrix\""));
}

#[tokio::test]
async fn unknown_paths_show_a_helpful_not_found_page() {
    for path in [
        "/finns/inte/alls/har",
        "/asn-2025/mal/inget-sadant-mal",
        "/ingen-rapport",
    ] {
        let html = render(path).await;
        assert!(html.contains("Sidan finns inte"), "{path}");
        assert!(
            html.contains("href=\"/asn-2025\""),
            "{path}: links to the reports"
        );
    }
}

#[tokio::test]
async fn embeds_have_no_site_header_and_link_to_the_full_view_in_a_new_tab() {
    let html = render("/inbaddning/asn-2025").await;
    assert!(!html.contains("site-header"));
    assert!(html.contains("target=\"_blank\""));
    assert!(html.contains("13 av 14 mål uppnådda, 1 delvis"));
}

#[tokio::test]
async fn a_report_that_failed_to_load_names_the_file_and_the_rest_still_works() {
    let mut store = full_store();
    store.reports.insert(
        "asn-2024".into(),
        Load::Failed(LoadError {
            file: "reports/asn-2024.json".into(),
            problems: insyn::model::parse_report(
                "reports/asn-2024.json",
                "{\"schema_version\": 1, \"kind\": \"annual_analysis\"",
            )
            .unwrap_err(),
        }),
    );
    // Where the page has no catalogue, the start page reads each report.
    let mut without = store.clone();
    without.catalogue = None;
    let html = render_with("/", without).await;
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("reports/asn-2024.json"));
    assert!(
        html.contains("13 av 14 mål uppnådda, 1 delvis"),
        "ASN 2025 is unaffected"
    );
    // With the catalogue it reads none: a broken file shows on its own page.
    let html = render_with("/", store.clone()).await;
    assert!(!html.contains("role=\"alert\""));
    assert!(
        html.contains("10 av 14 mål uppnådda, 4 delvis"),
        "ASN 2024 as catalogued"
    );
    let html = render_with("/asn-2024", store).await;
    assert!(html.contains("Rapporten kunde inte läsas"));
}

#[tokio::test]
async fn markup_in_report_text_is_rendered_as_text() {
    let Report::Annual(mut a) = common::report("asn-2025") else {
        panic!()
    };
    a.summary.sv = "<script>alert(1)</script><img src=x onerror=alert(2)>".into();
    a.goal_areas[0].goals[0].title = "<b>fet</b>".into();
    a.goal_areas[0].goals[0].assessment.status = GoalStatus::EjUppnatt;
    let store = Store::ready(common::manifest(), vec![Report::Annual(a)]);
    let html = render_with("/asn-2025", store).await;
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;fet&lt;/b&gt;"));
}

#[tokio::test]
async fn filters_in_the_address_narrow_the_goal_cards() {
    let cases: &[(&str, usize)] = &[
        ("/asn-2025", 14),
        ("/asn-2025?status=delvis_uppnatt", 1),
        ("/asn-2025?status=uppnatt", 13),
        ("/asn-2025?omrade=gron-stad", 2),
        ("/asn-2025?omrade=gron-stad&status=uppnatt", 1),
        ("/asn-2025?status=ej_uppnatt", 0),
        ("/asn-2025?status=nonsense", 14),
    ];
    for &(path, cards) in cases {
        let html = render(path).await;
        assert_eq!(count(&html, "class=\"goal-card\""), cards, "{path}");
    }
    let html = render("/asn-2025?status=ej_uppnatt").await;
    assert!(html.contains("Inga mål passar filtret."));
    // The select shows the active filter.
    let html = render("/asn-2025?status=delvis_uppnatt").await;
    assert!(
        html.contains("<option value=\"delvis_uppnatt\" selected"),
        "{html}"
    );
}

/// The id of a council goal some bundled report assesses.
fn a_council_goal() -> String {
    let reports: Vec<Report> = common::bundled().into_iter().map(|(_, r)| r).collect();
    insyn::model::catalogue::goal_histories(&reports)
        .into_keys()
        .next()
        .expect("a council goal")
}

/// A board's and a council goal's charts at every year link the files the
/// build wrote beside the page (issue #30: a download needs no viewer), in
/// the page's language; a board's page showing some years only draws what
/// no file holds, so the viewer makes its downloads.
#[tokio::test]
async fn charts_over_the_years_link_their_files_at_every_year() {
    let goal = a_council_goal();
    let downloads = "class=\"needs-js\"";
    let pages = [
        (
            "/namnd/asn".to_string(),
            "/namnd/asn",
            ["malstatus-over-tid", "resultat-over-tid"].as_slice(),
        ),
        (
            "/en/namnd/asn".into(),
            "/en/namnd/asn",
            &["malstatus-over-tid", "resultat-over-tid"],
        ),
        (
            format!("/kf-mal/{goal}"),
            &format!("/kf-mal/{goal}"),
            &["andel-uppnatt"],
        ),
    ];
    for (path, dir, charts) in &pages {
        let html = render(path).await;
        for chart in *charts {
            for ext in ["csv", "svg", "png"] {
                let href = format!("href=\"{dir}/{chart}.{ext}\"");
                assert!(html.contains(&href), "{path}: {href}");
            }
        }
        assert!(
            !html.contains(downloads),
            "{path}: no download that needs the viewer"
        );
    }
    let some_years = render("/namnd/asn?fran=2025").await;
    assert!(!some_years.contains("malstatus-over-tid.csv"));
    assert_eq!(
        count(&some_years, downloads),
        4,
        "CSV and SVG of its two charts"
    );
}

/// Every page reads the query keys it names (`Route::query_keys`, which the
/// build writes into the page for the boot script) and no other: an
/// address with every other page's choices in it shows the page as it is
/// without them. Were a page to read a key it does not name, the boot
/// script would show a link with it from the pre-rendered page, wrongly.
#[tokio::test]
async fn a_page_reads_no_query_key_but_those_it_names() {
    use insyn::model::history::board_key;
    use insyn::ui::route::{self, recognize};
    let goal = a_council_goal();
    // Each key with a value that changes the page that reads it.
    let choices = [
        (route::STATUS, "uppnatt"),
        (route::AREA, "gron-stad"),
        (route::FROM, "2025"),
        (route::TO, "2025"),
        (route::BOARDS, "FSN"),
        (route::YEARS, "2024"),
    ];
    let paths = [
        "/".to_string(),
        "/asn-2025".into(),
        "/asn-granskning-arbetsmarknadsinsatser".into(),
        "/asn-2025/ekonomi".into(),
        "/asn-2025/ekonomi/budgetavvikelse".into(),
        "/asn-2025/mal/sjalvforsorjning".into(),
        "/jamfor".into(),
        "/jamfor/mal".into(),
        "/jamfor/ekonomi".into(),
        format!("/namnd/{}", board_key("ASN")),
        format!("/kf-mal/{goal}"),
        "/inbaddning/asn-2025".into(),
        "/inbaddning/asn-2025/ekonomi/budgetavvikelse".into(),
        "/begrepp".into(),
    ];
    for path in &paths {
        let named = recognize(path).query_keys();
        let others: Vec<String> = choices
            .iter()
            .filter(|(k, _)| !named.contains(k))
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let with_others = format!("{path}?{}", others.join("&"));
        assert_eq!(
            render(&with_others).await,
            render(path).await,
            "{with_others}"
        );
    }
    // What a page names changes it (so the comparison above sees a key read).
    let board = format!("/namnd/{}", board_key("ASN"));
    for (path, query) in [
        ("/asn-2025", "status=uppnatt&omrade=gron-stad"),
        ("/jamfor/mal", "namnd=FSN&ar=2024"),
        (board.as_str(), "fran=2025&till=2025"),
    ] {
        let named = recognize(path).query_keys();
        assert!(query
            .split('&')
            .all(|kv| named.iter().any(|k| kv.starts_with(&format!("{k}=")))));
        assert_ne!(
            render(&format!("{path}?{query}")).await,
            render(path).await,
            "{path}?{query}"
        );
    }
}

#[tokio::test]
async fn the_comparison_shows_which_asn_goals_moved_from_2024_to_2025() {
    let html = render("/jamfor/mal").await;
    assert!(html.contains("Det här ändrades: ASN 2024 → 2025"));
    // Three goals went from partly to achieved; the electricity goal stayed partly.
    assert_eq!(count(&html, "<li class=\"up\">"), 3, "{html}");
    assert_eq!(count(&html, "<li class=\"down\">"), 0);
    assert!(html.contains("Delvis uppnått 2024 → Uppnått 2025 (bättre)"));
}

#[tokio::test]
async fn finance_comparison_shows_households_across_editions_and_shared_tables_side_by_side() {
    let html = render("/jamfor/ekonomi").await;
    // Each point says which edition printed it: 2023 appears in both.
    assert!(
        html.contains("aria-label=\"2022, ASN Årsanalys 2024: 11\u{a0}201\""),
        "{html}"
    );
    assert!(html.contains("aria-label=\"2023, ASN Årsanalys 2024: 10\u{a0}022\""));
    assert!(html.contains("aria-label=\"2023, ASN Årsanalys 2025: 10\u{a0}022\""));
    assert!(html.contains("aria-label=\"2025, ASN Årsanalys 2025: 9\u{a0}507\""));
    // Every table both editions have, as two charts.
    let (Report::Annual(old), Report::Annual(new)) =
        (common::report("asn-2024"), common::report("asn-2025"))
    else {
        panic!()
    };
    let shared = new
        .tables
        .iter()
        .filter(|t| old.table(&t.id).is_some())
        .count();
    assert_eq!(count(&html, "class=\"compare-pair\""), shared);
    assert_eq!(count(&html, "<figure aria-labelledby="), 2 * shared + 2);
}

#[tokio::test]
async fn the_accessibility_statement_says_how_to_report_a_problem_in_both_languages() {
    let html = render("/tillganglighet").await;
    assert!(html.contains("<h1>Tillgänglighetsredogörelse</h1>"));
    assert!(html.contains("Rapportera ett problem") && html.contains("040-34 10 00"));
    assert!(html.contains("Digg"));
    let html = render("/tillganglighet/?lang=en").await;
    assert!(html.contains("<h1>Accessibility statement</h1>") && html.contains("Report a problem"));
    // Every page links to it from the footer.
    assert!(render("/asn-2025")
        .await
        .contains("href=\"/tillganglighet\""));
}

#[tokio::test]
async fn every_embed_route_has_a_heading_including_statements() {
    for path in [
        "/inbaddning/asn-2025",
        "/inbaddning/asn-granskning-arbetsmarknadsinsatser",
        "/inbaddning/asn-omradeslyft",
    ] {
        let html = render(path).await;
        assert!(html.contains("<h1"), "{path}");
        assert!(html.contains("target=\"_blank\""), "{path}");
    }
}

#[tokio::test]
async fn each_page_gives_its_own_document_title_for_the_pre_rendered_file() {
    // `cargo xtask dist` writes these into each route's <title>: the tab, the
    // history list and a screen reader's first words, before the wasm runs.
    let cases = [
        ("/", "Rapporter – Insyn"),
        ("/asn-2025", "ASN 2025 – Insyn"),
        (
            "/asn-2025/mal/sjalvforsorjning",
            "Malmö stad arbetar för att öka andelen Malmöbor som är självförsörjande – ASN 2025 – Insyn",
        ),
        ("/asn-2025/ekonomi", "Ekonomi – ASN 2025 – Insyn"),
        (
            "/asn-2025/ekonomi/orsaker",
            "Orsaker till årets resultat – ASN 2025 – Insyn",
        ),
        ("/jamfor/mal", "Jämför målen – Insyn"),
        ("/tillganglighet", "Tillgänglighetsredogörelse – Insyn"),
        ("/finns-inte/alls", "Sidan finns inte – Insyn"),
    ];
    for (path, want) in cases {
        assert_eq!(title_of(path).await.as_deref(), Some(want), "{path}");
    }
}

/// The headings of a page in order: level and text.
fn headings(html: &str) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<h") {
        rest = &rest[i + 2..];
        let b = rest.as_bytes();
        let (Some(&level @ b'1'..=b'6'), Some(b'>' | b' ')) = (b.first(), b.get(1)) else {
            continue;
        };
        let close = format!("</h{}>", char::from(level));
        let inner = rest.split_once('>').map_or("", |(_, r)| r);
        let inner = inner.split(close.as_str()).next().unwrap_or(inner);
        out.push((level - b'0', common::text_of(inner)));
    }
    out
}

/// What is wrong with a page's headings: not exactly one h1, or a level
/// skipped on the way down (h1 → h3). `None` when nothing is.
fn heading_problem(html: &str) -> Option<String> {
    let hs = headings(html);
    let outline = || {
        hs.iter()
            .map(|(l, t)| format!("h{l} {t}"))
            .collect::<Vec<_>>()
            .join(" › ")
    };
    let h1s = hs.iter().filter(|(l, _)| *l == 1).count();
    if h1s != 1 {
        return Some(format!("{h1s} h1 elements: {}", outline()));
    }
    let mut previous = 0;
    for (level, text) in &hs {
        if *level > previous + 1 {
            return Some(format!("h{previous} → h{level} at {text:?}: {}", outline()));
        }
        previous = *level;
    }
    None
}

#[test]
fn the_heading_check_finds_a_skipped_level_and_a_missing_or_second_h1() {
    assert_eq!(
        heading_problem("<h1>A</h1><h2 id=\"x\">B</h2><h3>C</h3><h2>D</h2>"),
        None
    );
    assert!(heading_problem("<h1>A</h1><h3>C</h3>").is_some_and(|p| p.contains("h1 → h3")));
    assert!(heading_problem("<h2>B</h2>").is_some());
    assert!(heading_problem("<h1>A</h1><section><h1>B</h1></section>").is_some());
    assert_eq!(
        headings("<h1 lang=\"sv\"><a href=\"/\"><span>Ett</span> mål</a></h1><header><hr>"),
        [(1, "Ett mål".to_string())]
    );
}

#[tokio::test]
async fn every_pre_rendered_page_has_one_h1_and_skips_no_heading_level() {
    let reports: Vec<Report> = common::bundled().into_iter().map(|(_, r)| r).collect();
    let routes = insyn::ui::prerender::routes(&common::manifest(), &reports);
    assert!(
        routes.len() > 140 && routes.contains(&"/".to_string()),
        "{routes:?}"
    );
    let mut problems = Vec::new();
    for route in &routes {
        for path in [route.clone(), in_lang(route, Lang::En)] {
            if let Some(p) = heading_problem(&render(&path).await) {
                problems.push(format!("{path}: {p}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn pages_showing_a_file_that_failed_keep_their_heading_outline() {
    let mut store = full_store();
    let file = "reports/asn-2024.json";
    let failed = LoadError::fetch(file, insyn::web::FetchError::Status(404));
    store
        .reports
        .insert("asn-2024".into(), Load::Failed(failed));
    let mut without_catalogue = store.clone();
    without_catalogue.catalogue = None;
    for (path, store) in [
        ("/", &without_catalogue),
        ("/asn-2024", &store),
        ("/asn-2024/ekonomi", &store),
        ("/inbaddning/asn-2024", &store),
    ] {
        let html = render_with(path, store.clone()).await;
        assert!(html.contains(file), "{path}");
        assert_eq!(heading_problem(&html), None, "{path}");
    }
    // Nothing in the file is to blame: no JSON path, the HTTP status.
    let html = render_with("/asn-2024", store).await;
    assert!(
        html.contains("<li>filen finns inte (HTTP 404)</li>"),
        "{html}"
    );
}

#[tokio::test]
async fn english_titles_come_from_the_files_beside_the_swedish_as_printed() {
    let Report::Annual(a) = common::report("fsn-2024") else {
        panic!()
    };
    let (area, goal) = a.goals().last().unwrap();
    let report = render("/fsn-2024?lang=en").await;
    assert!(report.contains(&format!("In English: {}", goal.title_en)));
    assert!(report.contains(&format!(" ({})", area.title_en)));
    let page = render(&format!("/fsn-2024/mal/{}?lang=en", goal.id)).await;
    assert!(page.contains(&format!("<h1 lang=\"sv\">{}</h1>", goal.title)));
    assert!(page.contains(&format!("In English: {}", goal.title_en)));
    let matrix = render("/jamfor/mal?lang=en").await;
    assert!(matrix.contains(&format!("<span lang=\"sv\">{}</span>", goal.title)));
    assert!(matrix.contains(&format!(" ({})", goal.title_en)));
    let swedish = render("/fsn-2024").await;
    assert!(
        !swedish.contains(&goal.title_en),
        "the Swedish view shows the printed title only"
    );
}

/// Every address in `href`, `src` or `action` attributes of `html`.
fn addresses(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\"", "action=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            out.push(rest[..rest.find('"').unwrap_or(rest.len())].to_string());
        }
    }
    out
}

#[tokio::test]
async fn pages_pre_rendered_for_a_subpath_never_link_outside_it() {
    let reports: Vec<Report> = common::bundled().into_iter().map(|(_, r)| r).collect();
    let routes = insyn::ui::prerender::routes(&common::manifest(), &reports);
    let mut outside = Vec::new();
    let mut checked = 0;
    for route in &routes {
        let html = insyn::ui::prerender::render(route, "/insyn/", Rc::new(full_store()))
            .await
            .html;
        for a in addresses(&html) {
            checked += 1;
            // In-page anchors and data: URLs stay; any other address must
            // be within the base (the site links to no other site).
            if !(a.starts_with('#') || a.starts_with("data:") || a.starts_with("/insyn/")) {
                outside.push(format!("{route}: {a}"));
            }
        }
    }
    assert!(checked > 1000, "only {checked} addresses");
    assert!(outside.is_empty(), "{}", outside.join("\n"));
}

#[tokio::test]
async fn a_reports_own_page_reads_the_same_from_its_page_file() {
    // The build writes what a report's own page shows into its page file,
    // which that page fetches instead of the report: the page must not change.
    let full = full_store();
    let mut pages = 0;
    for (_, r) in common::bundled() {
        let Some(page) = insyn::model::catalogue::report_page(&r) else {
            continue;
        };
        pages += 1;
        let id = r.id().to_string();
        let sliced = Store {
            reports: full
                .reports
                .clone()
                .into_iter()
                .map(|(k, v)| {
                    let v = if k == id {
                        Load::Ready(Rc::new(Report::Annual(page.clone())))
                    } else {
                        v
                    };
                    (k, v)
                })
                .collect(),
            ..full.clone()
        };
        for path in [format!("/{id}"), in_lang(&format!("/{id}"), Lang::En)] {
            let whole = render_with(&path, full.clone()).await;
            let from_page = render_with(&path, sliced.clone()).await;
            assert!(whole.contains("goal-card"), "{path}");
            assert_eq!(whole, from_page, "{path}");
        }
    }
    let annual = common::bundled()
        .iter()
        .filter(|(_, r)| r.as_annual().is_some())
        .count();
    assert!(
        pages > 0 && pages == annual,
        "a page file for each annual analysis"
    );
}

/// The table of `html` whose caption is `caption`.
fn table_with_caption<'a>(html: &'a str, caption: &str) -> Option<&'a str> {
    let at = html.find(&format!("<caption>{caption}</caption>"))?;
    let start = html[..at].rfind("<table")?;
    let end = at + html[at..].find("</table>")?;
    Some(&html[start..end])
}

/// What a board's page must show in `lang`: its name, every report linked,
/// the two charts and the goals × years grid with each cell's status.
async fn check_board_page(key: &str, h: &insyn::model::history::BoardHistory, lang: Lang) {
    let path = in_lang(&format!("/namnd/{key}"), lang);
    let html = render(&path).await;
    assert_eq!(heading_problem(&html), None, "{path}");
    assert!(html.contains(&h.board.name), "{path}: the board's name");
    assert!(
        html.contains("data-pagefind-body"),
        "{path}: in the full-text index"
    );
    let reports = h
        .years
        .iter()
        .map(|y| &y.report)
        .chain(h.statements.iter().map(|s| &s.report));
    for r in reports {
        assert!(
            html.contains(&format!("href=\"{}\"", in_lang(&format!("/{r}"), lang))),
            "{path}: {r}"
        );
    }
    if h.years.is_empty() {
        return;
    }
    // The chart of counts, the result's chart, and the grid.
    assert!(
        html.contains(&format!("namnd-{key}-malstatus-over-tid-name")),
        "{path}: the status chart"
    );
    assert!(
        html.contains(&format!("namnd-{key}-resultat-over-tid-name")),
        "{path}: the result chart"
    );
    let grid = table_with_caption(&html, insyn::ui::i18n::history(lang).board_grid_caption)
        .unwrap_or_else(|| panic!("{path}: no grid"));
    assert_eq!(
        count(grid, "<th scope=\"col\""),
        h.years.len() + 1,
        "{path}"
    );
    let goals: std::collections::BTreeSet<&str> = h
        .years
        .iter()
        .flat_map(|y| y.goals.iter().map(|(g, _)| g.as_str()))
        .collect();
    assert_eq!(count(grid, "<th scope=\"row\""), goals.len(), "{path}");
    // Each cell's status as text, linked to that year's goal page.
    for y in &h.years {
        for (g, s) in &y.goals {
            let href = in_lang(&format!("/{}/mal/{g}", y.report), lang);
            let cell = grid
                .find(&format!("href=\"{href}\""))
                .unwrap_or_else(|| panic!("{path}: {href}"));
            let badge = insyn::ui::i18n::goal_status(*s, lang);
            assert!(
                grid[cell..].split("</td>").next().unwrap().contains(badge),
                "{path}: {href} {badge}"
            );
        }
    }
}

#[tokio::test]
async fn a_boards_page_shows_each_year_its_goal_counts_a_grid_with_headers_and_its_result() {
    use insyn::model::history::{board_histories, board_key};
    let reports: Vec<Report> = common::bundled().into_iter().map(|(_, r)| r).collect();
    let boards = board_histories(&reports);
    assert!(boards.len() >= 2);
    for (key, h) in &boards {
        for lang in [Lang::Sv, Lang::En] {
            check_board_page(key, h, lang).await;
        }
    }
    // Reachable from the start page and from each report.
    let home = render("/").await;
    assert!(home.contains(&format!("href=\"/namnd/{}\"", board_key("ASN"))));
    for r in &reports {
        let html = render(&format!("/{}", r.id())).await;
        assert!(
            html.contains(&format!("href=\"/namnd/{}\"", board_key(&r.board().short))),
            "{}",
            r.id()
        );
    }
    // A range of years in the address narrows the page.
    let one = render("/namnd/asn?fran=2025&till=2025").await;
    let grid =
        table_with_caption(&one, insyn::ui::i18n::history(Lang::Sv).board_grid_caption).unwrap();
    assert_eq!(
        count(grid, "<th scope=\"col\""),
        2,
        "the goal column and 2025"
    );
}

#[tokio::test]
async fn a_council_goals_page_lists_every_board_that_assesses_it_with_each_years_status() {
    use insyn::model::catalogue::goal_histories;
    let reports: Vec<Report> = common::bundled().into_iter().map(|(_, r)| r).collect();
    let goals = goal_histories(&reports);
    assert!(goals.len() > 5);
    for (id, h) in &goals {
        for lang in [Lang::Sv, Lang::En] {
            let path = in_lang(&format!("/kf-mal/{id}"), lang);
            let html = render(&path).await;
            assert_eq!(heading_problem(&html), None, "{path}");
            assert!(
                html.contains(&format!("kf-mal-{id}-andel-uppnatt-name")),
                "{path}: the share chart"
            );
            let grid = table_with_caption(&html, insyn::ui::i18n::history(lang).goal_grid_caption)
                .unwrap_or_else(|| panic!("{path}: no grid"));
            let across = h.across();
            assert_eq!(
                count(grid, "<th scope=\"row\""),
                across.boards.len(),
                "{path}"
            );
            assert_eq!(
                count(grid, "<th scope=\"col\""),
                across.years.len() + 1,
                "{path}"
            );
            for r in &h.reports {
                let href = in_lang(&format!("/{}/mal/{id}", r.report), lang);
                let cell = grid
                    .find(&format!("href=\"{href}\""))
                    .unwrap_or_else(|| panic!("{path}: {href}"));
                let badge = insyn::ui::i18n::goal_status(r.status, lang);
                assert!(
                    grid[cell..].split("</td>").next().unwrap().contains(badge),
                    "{path}: {href}"
                );
            }
        }
        // The goal's page of one report links here.
        let r = &h.reports[0];
        let html = render(&format!("/{}/mal/{id}", r.report)).await;
        assert!(
            html.contains(&format!("href=\"/kf-mal/{id}\"")),
            "{}: link across the city",
            r.report
        );
    }
}

/// The places the stylesheet's målområde filter covers on the pre-rendered
/// page: option `k + 1` (after "Alla") shows only the `k`-th goal area.
fn area_filter_places(css: &str) -> usize {
    (1..)
        .take_while(|&k| {
            css.contains(&format!(
                "#insyn-pre article.report:has(#filter-area option:nth-child({}):checked) .goal-area:not(:nth-child({k} of .goal-area))",
                k + 1
            ))
        })
        .count()
}

#[tokio::test]
async fn the_area_filter_answers_from_the_html_for_every_bundled_report() {
    // Without JavaScript, and before the viewer is live, the stylesheet
    // picks the area by the chosen option's place: the options must stand
    // in the order of the page's areas, and the stylesheet must cover the
    // report with the most areas.
    let places = area_filter_places(include_str!("../assets/style.css"));
    assert!(places >= 5, "the stylesheet covers {places} places");
    for (_, r) in common::bundled() {
        let Some(a) = r.as_annual() else { continue };
        assert!(
            a.goal_areas.len() <= places,
            "{}: {} goal areas, the stylesheet's filter covers {places}",
            a.id,
            a.goal_areas.len()
        );
        let html = render(&format!("/{}", a.id)).await;
        let select = &html[html
            .find("<select id=\"filter-area\"")
            .expect("the area filter")..];
        let select = &select[..select.find("</select>").unwrap()];
        let options: Vec<&str> = select
            .split("value=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        let sections: Vec<&str> = html
            .split("<section id=\"omrade-")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(
            sections.len(),
            a.goal_areas.len(),
            "{}: every area shown",
            a.id
        );
        assert_eq!(options[0], "", "{}: \"Alla\" first", a.id);
        assert_eq!(
            &options[1..],
            &sections[..],
            "{}: options in the areas' order",
            a.id
        );
        assert!(
            !html.contains("class=\"filters needs-js\""),
            "{}: the filters are offered without JavaScript",
            a.id
        );
    }
}
