//! Data, not code: a copy of each bundled annual analysis with every id
//! renamed (report, board, goal areas, goals, tables, rows, non-year
//! columns, cross-checks and the discrepancy checks that name them;
//! restatements dropped) renders the same visible text as the original on
//! its report page, goal pages, finance page and every chart page, in both
//! languages: apart from the board's name and the links.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::HashMap;
use std::rc::Rc;

use insyn::model::{parse_report, Manifest, ManifestEntry, Report, MANIFEST_VERSION};
use insyn::ui::state::Store;
use serde_json::Value;

const NEW_NAME: &str = "Provnämnden";
const NEW_SHORT: &str = "PN";

/// Consistent renaming: the same old id always gets the same new one.
#[derive(Default)]
struct Names(HashMap<String, String>);

impl Names {
    fn new_id(&mut self, old: &str) -> String {
        if old.chars().all(|c| c.is_ascii_digit()) {
            return old.to_string(); // a year column keeps its key
        }
        let n = self.0.len();
        self.0
            .entry(old.to_string())
            .or_insert_with(|| format!("n{n}"))
            .clone()
    }

    fn at(&mut self, v: &mut Value) {
        if let Some(s) = v.as_str() {
            *v = Value::String(self.new_id(s));
        }
    }

    /// Every id in the list `obj[key]`, where there is one.
    fn each(&mut self, obj: &mut Value, key: &str) {
        let list = obj.get_mut(key).and_then(Value::as_array_mut);
        for x in list.into_iter().flatten() {
            self.at(x);
        }
    }

    fn cell(&mut self, c: &mut Value) {
        for k in ["table", "row", "column"] {
            self.at(&mut c[k]);
        }
    }

    fn check(&mut self, v: &mut Value) {
        let Some(s) = v.as_str() else { return };
        let mut parts = s.split(':');
        let kind = parts.next().unwrap_or_default().to_string();
        let rest: Vec<String> = parts.map(|p| self.new_id(p)).collect();
        *v = Value::String(
            std::iter::once(kind)
                .chain(rest)
                .collect::<Vec<_>>()
                .join(":"),
        );
    }
}

/// The elements of the list `obj[key]`, where there is one.
fn items<'a>(obj: &'a mut Value, key: &str) -> impl Iterator<Item = &'a mut Value> {
    obj.get_mut(key)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
}

fn list(v: &mut Value, k: &str) -> Vec<Value> {
    v[k].as_array().cloned().unwrap_or_default()
}

fn rename_table(t: &mut Value, n: &mut Names) {
    n.at(&mut t["id"]);
    n.each(t, "plot");
    for c in items(t, "columns") {
        n.at(&mut c["key"]);
    }
    for r in items(t, "rows") {
        n.at(&mut r["key"]);
        n.each(r, "sum_of");
    }
    for rel in items(t, "relations") {
        n.at(&mut rel["column"]);
        n.each(rel, "plus");
        n.each(rel, "minus");
    }
}

/// The copy with every id renamed.
fn renamed(orig: &Value) -> Value {
    let mut v = orig.clone();
    let mut n = Names::default();
    v["id"] = Value::String(format!("pn-{}", v["year"]));
    v["board"]["name"] = NEW_NAME.into();
    v["board"]["short"] = NEW_SHORT.into();
    for area in v["goal_areas"].as_array_mut().unwrap() {
        n.at(&mut area["id"]);
        for g in area["goals"].as_array_mut().unwrap() {
            n.at(&mut g["id"]);
        }
    }
    for a in items(&mut v, "assignments") {
        if let Some(area) = a.get_mut("goal_area") {
            n.at(area);
        }
    }
    for t in items(&mut v, "tables") {
        rename_table(t, &mut n);
    }
    if v.get("result").is_some() {
        n.cell(&mut v["result"]);
    }
    for x in items(&mut v, "cross_checks") {
        n.at(&mut x["id"]);
        for side in ["left", "right"] {
            for c in x[side].as_array_mut().into_iter().flatten() {
                n.cell(c);
            }
        }
    }
    for d in items(&mut v, "discrepancies") {
        n.check(&mut d["check"]);
    }
    v
}

fn store_of(v: &Value) -> (Store, Report) {
    let r = parse_report("x.json", &v.to_string()).unwrap_or_else(|d| panic!("{d:#?}"));
    let a = r.as_annual().unwrap();
    let manifest = Manifest {
        schema_version: MANIFEST_VERSION,
        reports: vec![ManifestEntry {
            id: a.id.clone(),
            kind: a.kind.clone(),
            board: a.board.clone(),
            year: a.year,
            title: a.title.clone(),
            file: format!("{}.json", a.id),
        }],
    };
    (Store::ready(manifest, vec![r.clone()]), r)
}

/// Every page of one report: its own, each goal's, the finances and each chart.
fn pages(r: &Report) -> Vec<String> {
    let a = r.as_annual().unwrap();
    let mut out = vec![format!("/{}", a.id), format!("/{}/ekonomi", a.id)];
    out.extend(a.goals().map(|(_, g)| format!("/{}/mal/{}", a.id, g.id)));
    out.extend(
        a.tables
            .iter()
            .map(|t| format!("/{}/ekonomi/{}", a.id, t.id)),
    );
    out
}

/// The text a reader sees: markup (and with it every link and id) removed,
/// and the closed dialogs (an embed's, whose code is an address like a
/// link's: it names the report's file).
fn visible_text(html: &str) -> String {
    let mut shown = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<dialog") {
        shown.push_str(&rest[..start]);
        rest = rest[start..]
            .find("</dialog>")
            .map_or("", |end| &rest[start + end + "</dialog>".len()..]);
    }
    shown.push_str(rest);
    let mut out = String::new();
    let mut in_tag = false;
    for c in shown.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where two texts part, with some words around it.
fn first_difference(a: &str, b: &str) -> String {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let i = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let around = |v: &[char]| {
        v[i.saturating_sub(80)..(i + 80).min(v.len())]
            .iter()
            .collect::<String>()
    };
    format!("\n copy:     …{}…\n original: …{}…", around(&a), around(&b))
}

async fn text_of(path: &str, store: &Store) -> String {
    let html = insyn::ui::prerender::render(path, "/", Rc::new(store.clone()))
        .await
        .html;
    visible_text(&html)
}

async fn same_text_as_original(file: &str) {
    let mut orig: Value = serde_json::from_str(&common::read(file)).unwrap();
    orig["restatements"] = Value::Array(Vec::new());
    let copy = renamed(&orig);
    assert_ne!(
        copy["tables"], orig["tables"],
        "{file}: the copy has new ids"
    );
    let (orig_store, orig_report) = store_of(&orig);
    let (copy_store, copy_report) = store_of(&copy);
    let board = orig_report.board().clone();
    let (orig_pages, copy_pages) = (pages(&orig_report), pages(&copy_report));
    assert!(orig_pages.len() > 10, "{file}: {orig_pages:?}");
    for lang in ["", "?lang=en"] {
        for (o, c) in orig_pages.iter().zip(&copy_pages) {
            let expected = text_of(&format!("{o}{lang}"), &orig_store)
                .await
                .replace(&board.name, NEW_NAME)
                .replace(&board.short, NEW_SHORT);
            // The quoted texts still name the board as printed: both sides alike.
            let got = text_of(&format!("{c}{lang}"), &copy_store)
                .await
                .replace(&board.name, NEW_NAME)
                .replace(&board.short, NEW_SHORT);
            assert!(
                !got.contains("Laddar") && !got.contains("Loading"),
                "{c}{lang}"
            );
            assert!(!got.contains("Sidan finns inte") && !got.contains("Page not found"));
            assert!(
                got.contains(&format!("{NEW_NAME} – {}", copy_report.title())),
                "{c}{lang}"
            );
            assert!(
                got == expected,
                "{file}: {c}{lang} differs from {o}{lang}: {}",
                first_difference(&got, &expected)
            );
        }
    }
}

#[tokio::test]
async fn a_renamed_copy_of_each_annual_analysis_reads_the_same() {
    let files: Vec<String> = common::bundled()
        .into_iter()
        .filter(|(_, r)| r.as_annual().is_some())
        .map(|(f, _)| f)
        .collect();
    assert!(files.len() >= 3);
    for f in files {
        same_text_as_original(&f).await;
    }
}

#[test]
fn the_renaming_covers_every_id_the_scan_looks_for() {
    let orig: Value = serde_json::from_str(&common::read("asn-2025.json")).unwrap();
    let copy = renamed(&orig).to_string();
    for t in list(&mut orig.clone(), "tables") {
        assert!(!copy.contains(&format!("\"{}\"", t["id"].as_str().unwrap())));
    }
    assert!(!copy.contains("\"asn-2025\""));
}
