//! Chart render times in headless Chromium: `cargo xtask bench` runs this
//! (release build) and prints the median per chart. Times are printed, not
//! asserted: the machine's speed is no test.
#![cfg(target_arch = "wasm32")]

use insyn::charts::{self, svg};
use insyn::model::format::Lang;
use insyn::model::{parse_report, Report};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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
];

const RUNS: usize = 25;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

#[wasm_bindgen_test]
fn chart_render_times() {
    let doc = gloo_utils::document();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let host: web_sys::HtmlElement = host.dyn_into().unwrap();
    for (file, src) in REPORTS {
        let Ok(Report::Annual(a)) = parse_report(file, src) else {
            panic!("{file}")
        };
        for t in &a.tables {
            let mut times = Vec::with_capacity(RUNS);
            for _ in 0..RUNS {
                let start = now();
                let chart = charts::build(t, Lang::Sv, 640.0);
                let s = svg::render(&chart);
                host.set_inner_html(&s);
                // Force style and layout so the time includes the browser's work.
                let _ = host.get_bounding_client_rect().height();
                times.push(now() - start);
            }
            times.sort_by(f64::total_cmp);
            let median = times[RUNS / 2];
            console_log!(
                "BENCH chart {}/{} marks={} median_ms={:.3}",
                a.id,
                t.id,
                charts::build(t, Lang::Sv, 640.0).marks.len(),
                median
            );
        }
    }
}
