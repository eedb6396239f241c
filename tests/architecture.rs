//! The pure core must not know the browser or yew: `model` and `charts` are
//! tested with plain `cargo test` and reused by the xtask.

use std::path::Path;

const FORBIDDEN: &[&str] = &[
    "yew",
    "yew_router",
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "gloo",
    "gloo_net",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn violations(src: &str) -> Vec<String> {
    let mut v = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for c in FORBIDDEN {
            let uses = code.contains(&format!("{c}::"))
                || code.contains(&format!("use {c}"))
                || code.contains(&format!("extern crate {c}"));
            if uses {
                v.push(format!("line {}: {}", n + 1, line.trim()));
            }
        }
    }
    v
}

#[test]
fn model_and_charts_use_no_browser_or_yew_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join("model"), &mut files);
    rust_files(&root.join("charts"), &mut files);
    assert!(files.len() >= 5, "found the core's files");
    let mut bad = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        for v in violations(&src) {
            bad.push(format!("{}: {v}", f.display()));
        }
    }
    assert!(
        bad.is_empty(),
        "the pure core uses a browser or yew crate:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_check_itself_catches_a_browser_call() {
    assert_eq!(violations("let w = web_sys::window();").len(), 1);
    assert_eq!(violations("use yew::prelude::*;").len(), 1);
    assert!(violations("// yew:: in a comment is fine").is_empty());
}

#[test]
fn only_one_place_inserts_raw_html() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let raw: Vec<_> = files
        .iter()
        .filter(|f| {
            let s = std::fs::read_to_string(f).unwrap();
            s.contains("from_html_unchecked")
                || s.contains("set_inner_html")
                || s.contains("inner_html")
        })
        .collect();
    assert!(
        raw.len() <= 1,
        "raw HTML inserted in several files: {raw:?}"
    );
}
