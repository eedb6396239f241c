//! Shared test helpers: the bundled reports, loaded and validated.
#![allow(dead_code)]

use std::path::PathBuf;

use insyn::model::{parse_manifest, parse_report, Manifest, Report};

pub fn reports_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/reports")
}

pub fn read(name: &str) -> String {
    std::fs::read_to_string(reports_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn manifest() -> Manifest {
    parse_manifest("index.json", &read("index.json")).unwrap_or_else(|d| panic!("{d:?}"))
}

/// Every bundled report, in manifest order.
pub fn bundled() -> Vec<(String, Report)> {
    manifest()
        .reports
        .iter()
        .map(|e| {
            let r = parse_report(&e.file, &read(&e.file)).unwrap_or_else(|d| {
                panic!(
                    "{}: {}",
                    e.file,
                    d.iter()
                        .map(|x| x.to_string())
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            });
            (e.file.clone(), r)
        })
        .collect()
}

pub fn report(id: &str) -> Report {
    bundled()
        .into_iter()
        .map(|(_, r)| r)
        .find(|r| r.id() == id)
        .unwrap_or_else(|| panic!("no report {id}"))
}

/// Markup without its tags.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
