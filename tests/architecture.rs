//! The pure core must not know the browser or yew: `model`, `charts` and
//! `import` are tested with plain `cargo test` and reused by the xtask.

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
    rust_files(&root.join("import"), &mut files);
    assert!(
        files.iter().any(|f| f.ends_with("import/mod.rs")),
        "the importer is checked as pure core"
    );
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
            // Reading markup back (`inner_html()`: the takeover keeps the
            // pre-rendered chart's SVG, which the build drew) inserts none.
            s.contains("from_html_unchecked")
                || s.contains("set_inner_html")
                || s.contains("set_outer_html")
                || s.contains("insert_adjacent_html")
        })
        .collect();
    assert!(
        raw.len() <= 1,
        "raw HTML inserted in several files: {raw:?}"
    );
}

// ---------------------------------------------------------------------------
// Data, not code: `src/` names no report, board, goal, table, row or column.
// ---------------------------------------------------------------------------

/// The names the bundled files give: (name, what it is, match as a token
/// inside a longer string literal rather than only as the whole literal).
fn bundled_names() -> Vec<(String, &'static str, bool)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/reports");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".json") || name == "schema.json" || name == "index.json" {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
        names_of_report(&v, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

fn names_of_report(v: &serde_json::Value, out: &mut Vec<(String, &'static str, bool)>) {
    let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    let list = |v: &serde_json::Value, k: &str| v[k].as_array().cloned().unwrap_or_default();
    out.push((s(&v["id"]), "report id", true));
    out.push((s(&v["board"]["short"]), "board", true));
    out.push((s(&v["board"]["name"]), "board name", true));
    for area in list(v, "goal_areas") {
        out.push((s(&area["id"]), "goal-area id", true));
        for g in list(&area, "goals") {
            out.push((s(&g["id"]), "goal id", true));
        }
    }
    for t in list(v, "tables") {
        out.push((s(&t["id"]), "table id", true));
        for r in list(&t, "rows") {
            out.push((s(&r["key"]), "row key", false));
        }
        for c in list(&t, "columns") {
            let key = s(&c["key"]);
            if !key.chars().all(|c| c.is_ascii_digit()) {
                out.push((key, "column key", false));
            }
        }
    }
    for x in list(v, "cross_checks") {
        out.push((s(&x["id"]), "cross-check id", true));
    }
}

/// The string literals of a source file (also those quoted in comments),
/// up to its `#[cfg(test)]` module: unit tests may use the bundled files.
fn literals(src: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let mut cur: Option<String> = None;
        let mut escaped = false;
        for ch in line.chars() {
            match (&mut cur, ch) {
                (Some(s), _) if escaped => {
                    s.push(ch);
                    escaped = false;
                }
                (Some(_), '\\') => escaped = true,
                (Some(s), '"') => {
                    out.push((n + 1, std::mem::take(s)));
                    cur = None;
                }
                (Some(s), c) => s.push(c),
                (None, '"') => cur = Some(String::new()),
                (None, _) => {}
            }
        }
    }
    out
}

/// Whether a literal names `name`: is it, or (for `token` names) holds it
/// between characters that cannot be part of an id.
fn names(literal: &str, name: &str, token: bool) -> bool {
    if name.is_empty() {
        return false;
    }
    if literal == name {
        return true;
    }
    token
        && literal.match_indices(name).any(|(i, _)| {
            let part = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
            let before = literal[..i].chars().next_back().is_none_or(|c| !part(c));
            let after = literal[i + name.len()..]
                .chars()
                .next()
                .is_none_or(|c| !part(c));
            before && after
        })
}

fn namings_in(root: &Path, names_list: &[(String, &'static str, bool)]) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let mut bad = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        for (line, lit) in literals(&src) {
            for (name, what, token) in names_list {
                if names(&lit, name, *token) {
                    bad.push(format!(
                        "{}:{line}: {what} {name:?} in {lit:?}",
                        f.display()
                    ));
                }
            }
        }
    }
    bad
}

#[test]
fn src_names_no_report_board_goal_table_row_or_column_of_the_bundled_files() {
    let names_list = bundled_names();
    assert!(names_list.len() > 100, "read the bundled files' names");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let bad = namings_in(&root, &names_list);
    assert!(
        bad.is_empty(),
        "src/ names data that belongs in the report files:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_ui_strings_name_no_year_of_a_bundled_report() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/reports");
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let years: Vec<(String, &'static str, bool)> = index["reports"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "annual_analysis")
        .map(|e| (e["year"].to_string(), "report year", true))
        .collect();
    let i18n = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui/i18n.rs");
    let src = std::fs::read_to_string(&i18n).unwrap();
    let mut bad = Vec::new();
    for (line, lit) in literals(&src) {
        for (y, _, token) in &years {
            if names(&lit, y, *token) {
                bad.push(format!("i18n.rs:{line}: year {y} in {lit:?}"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_name_scan_itself_finds_names_in_code_and_comments_but_not_in_tests() {
    let list = [
        ("abc-2031".to_string(), "report id", true),
        ("utgift".to_string(), "column key", false),
    ];
    let src = "let a = r.find(\"abc-2031\");\n/// e.g. \"/abc-2031/ekonomi\"\nlet c = t.value(\"x\", \"utgift\");\nlet ok = \"Årets utgift\";\n#[cfg(test)]\nmod tests { const X: &str = \"abc-2031\"; }\n";
    let found: Vec<_> = literals(src)
        .into_iter()
        .filter(|(_, l)| list.iter().any(|(n, _, t)| names(l, n, *t)))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(found, [1, 2, 3]);
}

#[test]
fn browser_glue_does_not_import_the_ui() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(!files.is_empty(), "found the browser glue's files");
    let mut bad = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        for (n, line) in src.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains("crate::ui") || code.contains("super::ui") {
                bad.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "web imports ui (start the app from ui::boot):\n{}",
        bad.join("\n")
    );
}
