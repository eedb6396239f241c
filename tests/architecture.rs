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
            // Reading markup back counts too: what is read is inserted
            // somewhere (the takeover copies the pre-rendered chart's node
            // instead, issue #30).
            s.contains("from_html_unchecked")
                || s.contains("inner_html")
                || s.contains("outer_html")
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

/// The code of a file before its tests, comments left out.
fn code_before_tests(src: &str) -> String {
    src.split("#[cfg(test)]")
        .next()
        .unwrap_or("")
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The lower-case names that follow `prefix` in `code` (`super::` gives
/// `validate` for `super::validate::Report`).
fn names_after(code: &str, prefix: &str) -> std::collections::BTreeSet<String> {
    code.match_indices(prefix)
        .filter(|(i, _)| {
            // `super::super::x` names the crate's x, not a sibling.
            !code[..*i].ends_with("super::")
        })
        .map(|(i, _)| {
            code[i + prefix.len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect::<String>()
        })
        .filter(|n| !n.is_empty() && n != "super")
        .collect()
}

/// A circle in `graph` (module → modules it imports), if any, as a path.
fn circle(graph: &std::collections::BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &std::collections::BTreeMap<String, Vec<String>>,
        path: &mut Vec<String>,
        done: &mut std::collections::BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == n) {
            let mut c = path[at..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for m in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = std::collections::BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

/// Each file of `src/model` and the sibling modules it imports.
fn model_graph() -> std::collections::BTreeMap<String, Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let mods: Vec<String> = files
        .iter()
        .map(|f| f.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|m| m != "mod")
        .collect();
    let mut graph = std::collections::BTreeMap::new();
    for f in &files {
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "mod" {
            continue;
        }
        let code = code_before_tests(&std::fs::read_to_string(f).unwrap());
        let mut uses = names_after(&code, "super::");
        uses.extend(names_after(&code, "crate::model::"));
        uses.retain(|u| mods.contains(u) && *u != name);
        graph.insert(name, uses.into_iter().collect());
    }
    graph
}

#[test]
fn the_model_is_layered_types_first_and_has_no_circle() {
    let graph = model_graph();
    assert!(graph.len() >= 10, "found the model's modules: {graph:?}");
    assert_eq!(circle(&graph), None, "a circle among the model's modules");
    // The types know no other part of the model; the checks are the top:
    // nothing imports them but the schema writer and the migration, which
    // hands an older file, migrated, to them.
    for types in ["report", "diagnostic", "locate"] {
        assert_eq!(
            graph[types],
            Vec::<String>::new(),
            "{types} imports {:?}",
            graph[types]
        );
    }
    for (m, uses) in &graph {
        assert!(
            m == "schema" || m == "migrate" || !uses.iter().any(|u| u == "validate"),
            "{m} imports the validator"
        );
    }
}

#[test]
fn the_circle_check_itself_finds_a_circle() {
    let g = |edges: &[(&str, &str)]| {
        let mut g = std::collections::BTreeMap::<String, Vec<String>>::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().push(b.to_string());
            g.entry(b.to_string()).or_default();
        }
        g
    };
    let found = circle(&g(&[
        ("validate", "catalogue"),
        ("catalogue", "derived"),
        ("derived", "validate"),
    ]));
    assert_eq!(found.map(|c| c.len()), Some(4));
    assert_eq!(
        circle(&g(&[("validate", "catalogue"), ("catalogue", "report")])),
        None
    );
    let code = "use super::validate::Report;\nuse super::super::ui::x;\n";
    assert_eq!(
        names_after(code, "super::").into_iter().collect::<Vec<_>>(),
        ["validate"]
    );
}

#[test]
fn the_parts_of_the_crate_import_one_way() {
    // What each part may import of the crate: the pure core below, the
    // browser glue above it, the UI on top.
    let allowed: &[(&str, &[&str])] = &[
        ("model", &[]),
        ("charts", &["model"]),
        ("import", &["model"]),
        ("web", &["model", "import", "charts"]),
        ("ui", &["model", "import", "charts", "web"]),
    ];
    let mut bad = Vec::new();
    for (part, may) in allowed {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(part);
        let mut files = Vec::new();
        rust_files(&dir, &mut files);
        assert!(!files.is_empty(), "found {part}'s files");
        for f in files {
            let code = code_before_tests(&std::fs::read_to_string(&f).unwrap());
            let mut uses = names_after(&code, "crate::");
            uses.extend(names_after(&code, "super::super::"));
            for u in uses {
                let own = u == *part;
                let known = allowed.iter().any(|(p, _)| *p == u);
                if known && !own && !may.contains(&u.as_str()) {
                    bad.push(format!("{} imports {u}", f.display()));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "imports against the layers:\n{}",
        bad.join("\n")
    );
}

/// Each function of a Rust source, as (name, first line, lines): from its
/// `fn` to its closing brace, braces in strings, characters and comments
/// left out.
fn function_lengths(src: &str) -> Vec<(String, usize, usize)> {
    let c: Vec<char> = src.chars().collect();
    let (mut i, mut line, mut depth) = (0, 1, 0usize);
    let mut pending: Option<(String, usize)> = None;
    let mut open: Vec<(String, usize, usize)> = Vec::new();
    let mut out = Vec::new();
    let skip_to = |i: &mut usize, line: &mut usize, end: &str| {
        while *i < c.len() && !c[*i..].starts_with(&end.chars().collect::<Vec<_>>()) {
            if c[*i] == '\\' && end.starts_with('"') {
                *i += 1;
            }
            if *i < c.len() && c[*i] == '\n' {
                *line += 1;
            }
            *i += 1;
        }
        *i += end.chars().count();
    };
    while i < c.len() {
        let rest = &c[i..];
        let at = |s: &str| rest.starts_with(&s.chars().collect::<Vec<_>>());
        let ident_start = i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_');
        if at("//") {
            skip_to(&mut i, &mut line, "\n");
            line += 1;
        } else if at("/*") {
            skip_to(&mut i, &mut line, "*/");
        } else if ident_start && (at("r#\"") || at("r\"")) {
            let hashes = rest[1..].iter().take_while(|&&h| h == '#').count();
            i += 2 + hashes;
            skip_to(&mut i, &mut line, &format!("\"{}", "#".repeat(hashes)));
        } else if c[i] == '"' {
            i += 1;
            skip_to(&mut i, &mut line, "\"");
        } else if c[i] == '\'' && (rest.get(2) == Some(&'\'') || rest.get(1) == Some(&'\\')) {
            i += 1;
            skip_to(&mut i, &mut line, "'");
        } else if ident_start && at("fn ") {
            let name: String = rest[3..]
                .iter()
                .take_while(|ch| ch.is_alphanumeric() || **ch == '_')
                .collect();
            pending = Some((name, line));
            i += 3;
        } else {
            match c[i] {
                '\n' => line += 1,
                ';' if pending.is_some() && open.last().is_none_or(|o| o.2 < depth) => {
                    pending = None;
                }
                '{' => {
                    depth += 1;
                    if let Some((name, at)) = pending.take() {
                        open.push((name, at, depth));
                    }
                }
                '}' => {
                    if open.last().is_some_and(|o| o.2 == depth) {
                        let (name, at, _) = open.pop().unwrap();
                        out.push((name, at, line - at + 1));
                    }
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            }
            i += 1;
        }
    }
    out
}

/// The longest a function may be, from its `fn` to its closing brace.
const LONGEST_FUNCTION: usize = 80;

#[test]
fn no_function_is_longer_than_80_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "xtask/src", "tests"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 50, "found the sources: {}", files.len());
    let mut long = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        for (name, at, n) in function_lengths(&src) {
            if n > LONGEST_FUNCTION {
                let shown = f.strip_prefix(root).unwrap_or(&f).display().to_string();
                long.push(format!("{shown}:{at}: {name} ({n} lines)"));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {LONGEST_FUNCTION} lines: split them\n{}",
        long.join("\n")
    );
}

#[test]
fn the_function_measure_itself_counts_lines_not_braces_in_text() {
    let src = "fn short() {\n    let s = \"{{{\";\n    let c = '{';\n    // {\n}\n\nfn long<'a>(x: &'a str) -> &'a str {\n"
        .to_string()
        + &"    x;\n".repeat(90)
        + "    r#\"}\"#;\n    x\n}\nfn decl();\n";
    let found = function_lengths(&src);
    assert_eq!(
        found,
        vec![("short".to_string(), 1, 5), ("long".to_string(), 7, 94)]
    );
}

// ---------------------------------------------------------------------------
// Docs that are true: every command and path they name exists.
// ---------------------------------------------------------------------------

/// The subcommands of `cargo xtask`, as clap names them (kebab case).
fn xtask_commands() -> Vec<String> {
    let main =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("xtask/src/main.rs"))
            .unwrap();
    let body = main.split("enum Command {").nth(1).unwrap();
    let body = &body[..body.find("\n}").unwrap()];
    body.lines()
        .filter_map(|l| {
            let l = l.strip_prefix("    ")?;
            let name: String = l.chars().take_while(char::is_ascii_alphabetic).collect();
            (!name.is_empty() && l.starts_with(|c: char| c.is_ascii_uppercase())).then_some(name)
        })
        .map(|n| {
            let mut out = String::new();
            for (i, c) in n.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    out.push('-');
                }
                out.push(c.to_ascii_lowercase());
            }
            out
        })
        .collect()
}

/// The `cargo xtask X` commands a text names.
fn named_commands(text: &str) -> Vec<String> {
    text.match_indices("cargo xtask ")
        .filter_map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let word: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                .collect();
            (!word.is_empty() && !word.starts_with('-')).then_some(word)
        })
        .collect()
}

/// The repository paths a text names in backticks: a word with a `/` or a
/// file name with an extension, not an address (`/…`), not a glob or a
/// placeholder, and not what a build writes (`dist…`, `target/`, `.tools/`).
fn named_paths(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(|s| {
            s.split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches([',', '.', ':'])
        })
        .filter(|s| {
            !s.is_empty()
                && !s.starts_with('/')
                && !s.contains(['*', '{', '<', '…', '$', '=', '(', '@'])
        })
        .filter(|s| {
            let top = [
                "src/", "xtask/", "e2e/", "docs/", "assets/", "tests/", ".ci/", "fuzz/",
            ];
            top.iter().any(|t| s.starts_with(t))
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn the_docs_name_only_commands_and_files_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let commands = xtask_commands();
    assert!(
        commands.contains(&"check-site".to_string()) && commands.contains(&"test".to_string()),
        "{commands:?}"
    );
    let mut docs = vec![root.join("README.md"), root.join("ARCHITECTURE.md")];
    for e in std::fs::read_dir(root.join("docs")).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "md") {
            docs.push(e.path());
        }
    }
    let mut bad = Vec::new();
    for doc in &docs {
        let text = std::fs::read_to_string(doc).unwrap();
        let name = doc.file_name().unwrap().to_string_lossy().into_owned();
        for c in named_commands(&text) {
            if !commands.contains(&c) {
                bad.push(format!("{name}: cargo xtask {c} is no command"));
            }
        }
        for p in named_paths(&text) {
            if !root.join(&p).exists() {
                bad.push(format!("{name}: {p} does not exist"));
            }
        }
    }
    // Every e2e suite is in the README's list, and every one it lists exists.
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for e in std::fs::read_dir(root.join("e2e")).unwrap().flatten() {
        let f = e.file_name().to_string_lossy().into_owned();
        if let Some(suite) = f.strip_suffix(".test.mjs") {
            if !readme.contains(&format!("(`{suite}`)")) {
                bad.push(format!("README.md: the e2e suite {f} is not listed"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_docs_check_itself_finds_a_missing_path_and_an_unknown_command() {
    assert_eq!(
        named_commands("run `cargo xtask tset` and cargo xtask dist --base /"),
        ["tset", "dist"]
    );
    assert_eq!(
        named_paths("see `src/ui/gone.rs`, `/asn-2025`, `dist/`, `xtask/src/dist/{x}.rs` and `e2e/site.test.mjs`."),
        ["src/ui/gone.rs", "e2e/site.test.mjs"]
    );
}
