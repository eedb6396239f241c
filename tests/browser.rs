//! Tier 3: real interaction in headless Chromium (wasm-bindgen-test).
//! Run by `cargo xtask test` as `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;
use std::time::Duration;

use insyn::model::{parse_manifest, parse_report};
use insyn::ui::state::Store;
use insyn::ui::Root;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;
use yew_router::history::{AnyHistory, MemoryHistory};
use yew_router::Router;

wasm_bindgen_test_configure!(run_in_browser);

const MANIFEST: &str = include_str!("../assets/reports/index.json");
const REPORTS: &[(&str, &str)] = &[
    (
        "asn-2025.json",
        include_str!("../assets/reports/asn-2025.json"),
    ),
    (
        "asn-2024.json",
        include_str!("../assets/reports/asn-2024.json"),
    ),
    (
        "fsn-2024.json",
        include_str!("../assets/reports/fsn-2024.json"),
    ),
    (
        "asn-granskning-arbetsmarknadsinsatser.json",
        include_str!("../assets/reports/asn-granskning-arbetsmarknadsinsatser.json"),
    ),
    (
        "asn-omradeslyft.json",
        include_str!("../assets/reports/asn-omradeslyft.json"),
    ),
];

fn store() -> Store {
    let m = parse_manifest("index.json", MANIFEST).expect("manifest");
    let reports = REPORTS
        .iter()
        .map(|(f, s)| parse_report(f, s).expect("report"))
        .collect();
    Store::ready(m, reports)
}

#[derive(Properties, PartialEq)]
struct TestAppProps {
    path: String,
    store: Rc<Store>,
}

#[component]
fn TestApp(props: &TestAppProps) -> Html {
    let history = use_memo((), |_| {
        AnyHistory::from(MemoryHistory::with_entries(vec![props.path.clone()]))
    });
    html! { <Router history={(*history).clone()}><Root initial={props.store.clone()} pages={insyn::ui::pages::Pages::ALL} /></Router> }
}

async fn tick() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

/// Until the parts the viewer renders in later tasks before it is live
/// (`later::Later`: the page, its parts) have rendered, at most 3 s.
async fn settle() {
    for _ in 0..100 {
        tick().await;
        if insyn::ui::later::pending() == 0 {
            return;
        }
    }
}

async fn mount(path: &str) -> web_sys::Element {
    mount_with(path, store()).await
}

async fn mount_with(path: &str, store: Store) -> web_sys::Element {
    // Each test starts as a first visit: no remembered language.
    if let Some(s) = gloo_utils::window().local_storage().ok().flatten() {
        let _ = s.clear();
    }
    let doc = gloo_utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<TestApp>::with_root_and_props(
        root.clone(),
        TestAppProps {
            path: path.into(),
            store: Rc::new(store),
        },
    )
    .render();
    settle().await;
    root
}

fn h1(root: &web_sys::Element) -> String {
    root.query_selector("h1")
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

fn click(root: &web_sys::Element, selector: &str) {
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element {selector}"))
        .dyn_into()
        .unwrap();
    el.click();
}

#[wasm_bindgen_test]
async fn typing_in_the_search_box_filters_goals_as_you_type() {
    let root = mount("/").await;
    let input: web_sys::HtmlInputElement = root
        .query_selector("#search")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value("självförsörjande");
    let ev = web_sys::Event::new_with_event_init_dict("input", &{
        let i = web_sys::EventInit::new();
        i.set_bubbles(true);
        i
    })
    .unwrap();
    input.dispatch_event(&ev).unwrap();
    settle().await;
    let results = root
        .query_selector(".search-results")
        .unwrap()
        .expect("results shown");
    let links = results.query_selector_all("a").unwrap();
    // The goal (in ASN 2025, ASN 2024 and FSN 2024) is named once, from the
    // catalogue, in its newest report; the text search needs the built
    // site's index, which this test page does not have, and says so.
    let html = results.inner_html();
    assert!(html.contains("/asn-2025/mal/sjalvforsorjning"), "{html}");
    assert!(!html.contains("/asn-2024/mal/sjalvforsorjning"), "{html}");
    assert!(links.length() < 10, "the search filters: {html}");
    // Clearing the box hides the results.
    input.set_value("");
    input.dispatch_event(&ev).unwrap();
    settle().await;
    assert!(root.query_selector(".search-results").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn clicking_through_report_goal_and_back_navigates_in_the_app() {
    let root = mount("/").await;
    click(&root, "a[href='/asn-2025']");
    settle().await;
    assert!(h1(&root).contains("Årsanalys 2025"), "{}", h1(&root));
    assert_eq!(root.query_selector_all(".goal-card").unwrap().length(), 14);
    click(&root, "a[href='/asn-2025/mal/hallbar-elforsorjning']");
    settle().await;
    assert!(h1(&root).contains("elförsörjning"));
    assert!(root.inner_html().contains("Delvis uppnått"));
    click(&root, "a[href='/asn-2024/mal/hallbar-elforsorjning']");
    settle().await;
    assert!(root.inner_html().contains("Årsanalys 2024"));
}

#[wasm_bindgen_test]
async fn the_language_switch_is_a_link_to_the_english_page() {
    // A plain link: the English page is a page of its own (`/en/…`), which
    // the browser opens and the viewer takes over. (`?lang=en` addresses are
    // covered by tests/ssr.rs and e2e/findable.test.mjs.)
    let root = mount("/asn-2025/ekonomi").await;
    assert!(root.inner_html().contains("Ekonomi"));
    let switch = root.query_selector("a.lang-switch").unwrap().unwrap();
    assert_eq!(
        switch.get_attribute("href").as_deref(),
        Some("/en/asn-2025/ekonomi")
    );
    assert_eq!(switch.get_attribute("hreflang").as_deref(), Some("en"));
}

/// A board with many reports: the live start page builds the older ones'
/// lines only when the reader opens "Äldre rapporter".
#[wasm_bindgen_test]
async fn older_reports_are_built_when_the_reader_opens_them() {
    let mut m = parse_manifest("index.json", MANIFEST).expect("manifest");
    let template = REPORTS[0].1;
    let mut reports = Vec::new();
    m.reports.clear();
    for year in 2016..2026u16 {
        let src = template
            .replacen(
                "\"id\": \"asn-2025\"",
                &format!("\"id\": \"asn-{year}\""),
                1,
            )
            .replacen("\"year\": 2025", &format!("\"year\": {year}"), 1);
        let r = parse_report("x.json", &src).expect("report");
        m.reports.push(insyn::model::ManifestEntry {
            id: r.id().to_string(),
            kind: "annual_analysis".into(),
            board: r.board().clone(),
            year: r.year(),
            title: r.title().to_string(),
            file: format!("{}.json", r.id()),
        });
        reports.push(r);
    }
    let root = mount_with("/", Store::ready(m, reports)).await;
    let details: web_sys::HtmlDetailsElement = root
        .query_selector("details.older")
        .unwrap()
        .expect("a disclosure")
        .dyn_into()
        .unwrap();
    let lines = |el: &web_sys::Element| el.query_selector_all(".report-list li").unwrap().length();
    assert_eq!(lines(&root), 6, "the six newest");
    assert_eq!(lines(&details), 0, "the older ones not built yet");
    details.set_open(true);
    settle().await;
    assert_eq!(lines(&details), 4, "built when opened");
    assert!(details.inner_html().contains("href=\"/asn-2016\""));
}
