//! Every route pre-rendered in Swedish at its route and in English below
//! `/en/`, each into its family's page shell (`shell.rs`) with its head
//! filled in (`seo.rs`), on every core; and `404.html`. Each worker renders
//! with its own store (yew's renderer is not `Send`).
//!
//! A rendered page is kept in the build's cache under what it is made from
//! (`prerender::reads`: its report, its goal across the reports, its board,
//! where the glossary's terms are marked; or every report and the whole
//! glossary for the start page, the comparisons and the glossary's page),
//! the viewer's code and the address, with the terms it marks: it is read
//! back while their names and definitions are the same; it is rendered from exactly that
//! part of the data (`prerender::narrowed`), so a page read back is the
//! page a clean build renders (issue #34).

use std::collections::BTreeMap;
use std::rc::Rc;

use sha2::{Digest, Sha256};

use insyn::model::format::Lang;
use insyn::model::glossary::Glossary;
use insyn::model::{Manifest, Report};
use insyn::ui::prerender::{in_lang, narrowed, reads, Reads};
use insyn::ui::state::Store;

use super::cache::Cache;
use super::parallel::each;
use super::shell::Shell;
use super::site::Findable;
use crate::tools::Result;

/// What the pages are rendered from.
pub struct Data<'a> {
    pub manifest: &'a Manifest,
    pub reports: &'a [Report],
    pub glossary: &'a Glossary,
    /// Each page's head: description, canonical link, share card, JSON-LD
    /// (`Findable::finish`, in `seo.rs`).
    pub findable: &'a Findable,
}

use super::out::{sha, sha_of, Out, Sha};

fn json_sha(value: &impl serde::Serialize) -> Result<Sha> {
    serde_json::to_vec(value)
        .map(|b| sha(&b))
        .map_err(|e| e.to_string())
}

/// The digest of each part a page can be made from, by its kind and name
/// ("report", "goal", "board"), and of the whole (`all`): the cache keys of
/// the rendered pages are made of these.
struct Digests {
    parts: BTreeMap<(&'static str, String), Sha>,
    all: Sha,
    /// The whole glossary, with where each term occurs (`Reads::All`).
    glossary: Sha,
    /// What decides where the pages of `Reads::Parts` mark terms: every
    /// term's id, forms and board (`marking`); and what a marked term shows,
    /// its names and definition, by id (`shown`): a page's key names the
    /// first, and a page read back holds while the second is the same for
    /// the terms it marks.
    marking: Sha,
    shown: BTreeMap<String, Sha>,
    /// The manifest's schema version (a page of part of it has it too).
    schema: Sha,
    code: Sha,
}

impl Digests {
    fn of(data: &Data) -> Result<Self> {
        let mut parts = BTreeMap::new();
        let mut all = Sha256::new();
        for (e, r) in data.manifest.reports.iter().zip(data.reports) {
            let file = match r {
                Report::Annual(a) => json_sha(a)?,
                Report::Statement(s) => json_sha(s)?,
            };
            let d = sha(&[json_sha(e)?, file].concat());
            all.update(d);
            parts.insert(("report", e.id.clone()), d);
        }
        all.update(json_sha(data.manifest)?);
        for (id, g) in insyn::model::catalogue::goal_histories(data.reports) {
            parts.insert(("goal", id), json_sha(&g)?);
        }
        for (key, b) in insyn::model::history::board_histories(data.reports) {
            parts.insert(("board", key), json_sha(&b)?);
        }
        // The viewer's code is this program's: the pages are rendered here.
        let code = super::out::program()?;
        Ok(Digests {
            parts,
            all: all.finalize().into(),
            glossary: json_sha(data.glossary)?,
            marking: json_sha(&marking(data.glossary))?,
            shown: (data.glossary.terms.iter())
                .map(|t| {
                    Ok((
                        t.id.clone(),
                        json_sha(&(&t.term, &t.term_en, &t.definition))?,
                    ))
                })
                .collect::<Result<_>>()?,
            schema: json_sha(&data.manifest.schema_version)?,
            code,
        })
    }

    /// The digests of what `reads` names, in its order (a part that does
    /// not exist counts as empty: the page says so, the same each time).
    fn of_reads(&self, reads: &Reads) -> Vec<u8> {
        let Reads::Parts {
            reports,
            goals,
            boards,
        } = reads
        else {
            return [self.all, self.glossary].concat();
        };
        let named = [("report", reports), ("goal", goals), ("board", boards)];
        let mut out = [self.marking, self.schema].concat();
        for (kind, names) in named {
            for name in names {
                out.extend(kind.as_bytes());
                out.extend(name.as_bytes());
                out.push(0);
                if let Some(d) = self.parts.get(&(kind, name.clone())) {
                    out.extend(d);
                }
            }
        }
        out
    }
}

/// What decides where a page marks a term: its id, forms (Swedish and
/// English) and board.
type Marking<'a> = (&'a str, &'a [String], &'a [String], Option<&'a str>);

/// What decides where a page marks the glossary's terms: each term's id,
/// forms and board, in order (not its names or definition).
fn marking(g: &Glossary) -> Vec<Marking<'_>> {
    (g.terms.iter())
        .map(|t| {
            (
                t.id.as_str(),
                &t.forms[..],
                &t.forms_en[..],
                t.board.as_deref(),
            )
        })
        .collect()
}

impl Digests {
    /// One line naming the terms a page marks and the digest of what they
    /// show: the page read back holds while this line is the same.
    fn terms_line(&self, terms: &[String]) -> String {
        let mut h = Sha256::new();
        for id in terms {
            h.update(id.as_bytes());
            h.update([0]);
            h.update(self.shown.get(id).map_or(&[][..], |d| &d[..]));
        }
        let d: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        format!("{d} {}", terms.join(","))
    }
}

/// The terms a rendered page marks, each once, sorted: their definitions'
/// ids (`popovertarget="def-{id}"`, `ui::terms::TermControl`).
fn marked_terms(html: &str) -> Vec<String> {
    const MARK: &str = "popovertarget=\"def-";
    let mut out: Vec<String> = (html.match_indices(MARK))
        .filter_map(|(at, _)| {
            let rest = &html[at + MARK.len()..];
            Some(rest[..rest.find('"')?].to_string())
        })
        // A term's id, never words of a report that look like the marker.
        .filter(|id| insyn::model::report::is_id(id))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A page as rendered: its content and the title it asks for.
#[derive(serde::Serialize, serde::Deserialize)]
struct Rendered {
    html: String,
    title: Option<String>,
}

/// A rendered page as the cache keeps it: the line of
/// [`Digests::terms_line`], then the page as JSON.
fn cached_page(terms_line: &str, page: &Rendered) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(page).map_err(|e| e.to_string())?;
    Ok([terms_line.as_bytes(), b"\n", &json].concat())
}

/// The page of [`cached_page`]'s bytes, and its terms line.
fn read_cached(bytes: &[u8]) -> Option<(&str, &[u8])> {
    let at = bytes.iter().position(|b| *b == b'\n')?;
    Some((std::str::from_utf8(&bytes[..at]).ok()?, &bytes[at + 1..]))
}

/// The page file of a path (`/asn-2025` → `asn-2025/index.html`).
fn page_file(path: &str) -> String {
    match path.trim_matches('/') {
        "" => "index.html".into(),
        p => format!("{p}/index.html"),
    }
}

/// The digest of what every page's file has around its content: the
/// family shells, the `<noscript>` sheet, the report files' names, and
/// what the head is made of (the site's address, the publishing options,
/// every report: `Findable::finish`).
fn frame(shell: &Shell, data: &Data, all: &Sha) -> Sha {
    let mut h = Sha256::new();
    for (family, html) in shell.indexes {
        h.update(family.name().as_bytes());
        h.update([0]);
        h.update(sha(html.as_bytes()));
    }
    for map in [shell.reports, shell.own] {
        for (k, v) in map {
            h.update(sha(format!("{k}\0{v}").as_bytes()));
        }
        h.update([1]);
    }
    h.update(sha(shell.nojs.as_bytes()));
    h.update(sha(shell.catalogue.as_bytes()));
    let f = data.findable;
    h.update(sha(format!(
        "{:?} {:?} {:?}",
        f.site.base, f.site.url, f.options
    )
    .as_bytes()));
    h.update(all);
    h.finalize().into()
}

/// Whether a page's terms line (the terms it marks and the digest of what
/// they show) is still what those terms show.
fn holds(digests: &Digests, line: &str) -> bool {
    let terms = line.split_once(' ').map_or("", |(_, t)| t);
    let terms: Vec<String> = (terms.split(','))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    line == digests.terms_line(&terms)
}

/// Writes each route's HTML file, its page rendered into `shell` (or read
/// back from `cache`); a page whose key and marked terms are the last
/// build's is kept as it is (`out.rs`).
pub fn prerender(
    out: &Out,
    base: &str,
    shell: &Shell,
    routes: &[String],
    data: &Data,
    cache: &Cache,
) -> Result {
    let t = std::time::Instant::now();
    let digests = Digests::of(data)?;
    let frame = frame(shell, data, &digests.all);
    each(routes, |share| {
        let full = Store::ready(data.manifest.clone(), data.reports.to_vec())
            .with_glossary(data.glossary.clone());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| format!("tokio: {e}"))?;
        for route in share {
            let reads = reads(route);
            let key = digests.of_reads(&reads);
            let mut store: Option<Rc<Store>> = None;
            for lang in [Lang::Sv, Lang::En] {
                let path = in_lang(route, lang);
                let inputs: [&[u8]; 4] = [&digests.code, base.as_bytes(), path.as_bytes(), &key];
                let file_key = sha_of(&[&inputs[..], &[&frame[..]]].concat());
                let kept =
                    |extra: &[u8]| std::str::from_utf8(extra).is_ok_and(|l| holds(&digests, l));
                out.keyed(&page_file(&path), file_key, kept, || {
                    // Read back while the terms it marks show the same.
                    let still = |b: &[u8]| read_cached(b).is_some_and(|(l, _)| holds(&digests, l));
                    let bytes = cache.bytes_if("page", &inputs, still, || {
                        let store = store
                            .get_or_insert_with(|| Rc::new(narrowed(&full, &reads)))
                            .clone();
                        let page =
                            runtime.block_on(insyn::ui::prerender::render(&path, base, store));
                        let line = digests.terms_line(&marked_terms(&page.html));
                        let page = Rendered {
                            html: page.html,
                            title: page.title,
                        };
                        cached_page(&line, &page)
                    })?;
                    let (line, json) = read_cached(&bytes).unwrap_or(("", &bytes[..]));
                    let page: Rendered = serde_json::from_slice(json)
                        .map_err(|e| format!("the cached page {path}: {e}"))?;
                    let html = shell.page(&path, &page.html, page.title.as_deref())?;
                    let html = (data.findable).finish(route, lang, page.title.as_deref(), &html)?;
                    Ok((html.into_bytes(), line.as_bytes().to_vec()))
                })?;
            }
        }
        Ok(())
    })?;
    println!(
        "  pre-rendered {} pages in {:.1} s ({}; {})",
        routes.len() * 2,
        t.elapsed().as_secs_f64(),
        cache.take_counts(),
        out.take_counts()
    );
    Ok(())
}

/// Writes `404.html`, which hosts that serve it for unknown paths (GitHub
/// Pages) show: the app's own "not found".
pub fn write_not_found(out: &Out, html: &str) -> Result {
    out.write("404.html", html.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Each page of `manifest` and `reports`, in both languages, rendered
    /// from all of the data and from the part its key names: the two must
    /// be the same, or a page read back from the cache could be stale.
    fn narrowed_differs(manifest: &Manifest, reports: &[Report]) -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let src = std::fs::read_to_string(root.join("assets/glossary.json")).unwrap();
        let glossary = insyn::model::parse_glossary("glossary.json", &src).unwrap();
        // As the build has it: with where each term occurs.
        let glossary = insyn::model::glossary::with_occurrences(&glossary, reports);
        let full = Store::ready(manifest.clone(), reports.to_vec()).with_glossary(glossary);
        let all = Rc::new(full.clone());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let mut differ = Vec::new();
        for route in insyn::ui::prerender::routes(manifest, reports) {
            let part = Rc::new(narrowed(&full, &reads(&route)));
            for lang in [Lang::Sv, Lang::En] {
                let path = in_lang(&route, lang);
                let render = |s: &Rc<Store>| {
                    let page =
                        runtime.block_on(insyn::ui::prerender::render(&path, "/", s.clone()));
                    (page.html, page.title)
                };
                if render(&all) != render(&part) {
                    differ.push(path);
                }
            }
        }
        differ
    }

    #[test]
    fn every_page_renders_the_same_from_the_part_of_the_data_its_cache_key_names() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let (manifest, reports, _) =
            super::super::data::read_reports(&root.join("assets/reports")).unwrap();
        assert_eq!(
            narrowed_differs(&manifest, &reports),
            Vec::<String>::new(),
            "the bundled reports"
        );
        // A synthetic archive of 31 reports: each board over two years, its
        // goals set by both, and a statement answering a report's goals.
        let dir = std::env::temp_dir().join(format!("insyn-narrowed-{}", std::process::id()));
        crate::corpus::run(root, 31, &dir).unwrap();
        let (manifest, reports, _) = super::super::data::read_reports(&dir).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(
            narrowed_differs(&manifest, &reports),
            Vec::<String>::new(),
            "a synthetic archive"
        );
    }

    #[test]
    fn a_page_of_part_of_the_data_shows_of_the_glossary_only_the_terms_it_marks() {
        use insyn::ui::state::Load;
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let (manifest, reports, _) =
            super::super::data::read_reports(&root.join("assets/reports")).unwrap();
        let src = std::fs::read_to_string(root.join("assets/glossary.json")).unwrap();
        let glossary = insyn::model::parse_glossary("glossary.json", &src).unwrap();
        let glossary = insyn::model::glossary::with_occurrences(&glossary, &reports);
        let full = Store::ready(manifest.clone(), reports.clone()).with_glossary(glossary);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let (mut marking, mut differ) = (0, Vec::new());
        for route in insyn::ui::prerender::routes(&manifest, &reports) {
            let reads = reads(&route);
            if reads == Reads::All {
                continue;
            }
            let part = narrowed(&full, &reads);
            let Some(Load::Ready(terms)) = &part.glossary else {
                panic!("{route}: no glossary");
            };
            // The terms' names and definitions, changed for those in `which`.
            let changed = |which: &dyn Fn(&str) -> bool| {
                let mut g = (**terms).clone();
                for t in g.terms.iter_mut().filter(|t| which(&t.id)) {
                    t.term.push_str(" X");
                    t.term_en.push_str(" X");
                    t.definition.sv.push_str(" X");
                    t.definition.en.push_str(" X");
                }
                Rc::new(Store {
                    glossary: Some(Load::Ready(Rc::new(g))),
                    ..part.clone()
                })
            };
            for lang in [Lang::Sv, Lang::En] {
                let path = in_lang(&route, lang);
                let render = |s: Rc<Store>| {
                    runtime
                        .block_on(insyn::ui::prerender::render(&path, "/", s))
                        .html
                };
                let html = render(Rc::new(part.clone()));
                let marked = marked_terms(&html);
                if render(changed(&|id| !marked.iter().any(|m| m == id))) != html {
                    differ.push(path.clone());
                }
                if let Some(first) = marked.first() {
                    marking += 1;
                    let other = render(changed(&|id| id == first));
                    assert_ne!(other, html, "{path}: {first} is marked, and shows");
                }
            }
        }
        assert_eq!(
            differ,
            Vec::<String>::new(),
            "pages that show a term they do not mark"
        );
        assert!(marking > 50, "only {marking} pages mark a term");
    }

    #[test]
    fn a_pages_key_names_its_report_its_goal_and_its_board_and_no_other() {
        let key = |path: &str| reads(path);
        let parts = |r: &[&str], g: &[&str], b: &[&str]| Reads::Parts {
            reports: r.iter().map(|s| s.to_string()).collect(),
            goals: g.iter().map(|s| s.to_string()).collect(),
            boards: b.iter().map(|s| s.to_string()).collect(),
        };
        assert_eq!(key("/asn-2025"), parts(&["asn-2025"], &[], &[]));
        assert_eq!(key("/asn-2025/ekonomi"), parts(&["asn-2025"], &[], &[]));
        assert_eq!(key("/asn-2025/mal/m1"), parts(&["asn-2025"], &["m1"], &[]));
        assert_eq!(key("/namnd/asn"), parts(&[], &[], &["asn"]));
        assert_eq!(key("/"), Reads::All);
        assert_eq!(key("/jamfor"), Reads::All);
    }
}
