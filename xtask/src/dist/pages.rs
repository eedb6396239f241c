//! Every route pre-rendered in Swedish at its route and in English below
//! `/en/`, each into its family's page shell (`shell.rs`) with its head
//! filled in (`seo.rs`), on every core; and `404.html`. Each worker renders
//! with its own store (yew's renderer is not `Send`).
//!
//! A rendered page is kept in the build's cache under what it is made from
//! (`prerender::reads`: its report, its goal across the reports, its board,
//! the glossary's terms; or every report and the whole glossary for the
//! start page, the comparisons and the glossary's page), the viewer's code
//! and the address; it is rendered from exactly that
//! part of the data (`prerender::narrowed`), so a page read back is the
//! page a clean build renders (issue #34).

use std::collections::BTreeMap;
use std::path::Path;
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

type Sha = [u8; 32];

fn sha(bytes: &[u8]) -> Sha {
    Sha256::digest(bytes).into()
}

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
    /// The whole glossary, with where each term occurs (`Reads::All`), and
    /// only its terms (`Reads::Parts`: `narrowed` gives those pages that).
    glossary: Sha,
    terms: Sha,
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
        // The running program's own bytes, where Linux gives them (not a
        // newer build of it written since it started).
        let running = Path::new("/proc/self/exe");
        let exe = if running.exists() {
            running.to_path_buf()
        } else {
            std::env::current_exe().map_err(|e| e.to_string())?
        };
        let code = std::fs::read(&exe).map_err(|e| format!("{}: {e}", exe.display()))?;
        Ok(Digests {
            parts,
            all: all.finalize().into(),
            glossary: json_sha(data.glossary)?,
            terms: json_sha(&insyn::model::glossary::for_marking(data.glossary))?,
            schema: json_sha(&data.manifest.schema_version)?,
            code: sha(&code),
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
        let mut out = [self.terms, self.schema].concat();
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

/// A page as rendered: its content and the title it asks for.
#[derive(serde::Serialize, serde::Deserialize)]
struct Rendered {
    html: String,
    title: Option<String>,
}

/// Writes each route's HTML file, its page rendered into `shell` (or read
/// back from `cache`).
pub fn prerender(
    dist: &Path,
    base: &str,
    shell: &Shell,
    routes: &[String],
    data: &Data,
    cache: &Cache,
) -> Result {
    let t = std::time::Instant::now();
    let digests = Digests::of(data)?;
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
                let bytes = cache.bytes("page", &inputs, || {
                    let store = store
                        .get_or_insert_with(|| Rc::new(narrowed(&full, &reads)))
                        .clone();
                    let page = runtime.block_on(insyn::ui::prerender::render(&path, base, store));
                    let page = Rendered {
                        html: page.html,
                        title: page.title,
                    };
                    serde_json::to_vec(&page).map_err(|e| e.to_string())
                })?;
                let page: Rendered = serde_json::from_slice(&bytes)
                    .map_err(|e| format!("the cached page {path}: {e}"))?;
                let html = shell.page(route, &page.html, page.title.as_deref())?;
                let html = data
                    .findable
                    .finish(route, lang, page.title.as_deref(), &html)?;
                let dir = dist.join(path.trim_start_matches('/'));
                std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                std::fs::write(dir.join("index.html"), html)
                    .map_err(|e| format!("{}: {e}", dir.display()))?;
            }
        }
        Ok(())
    })?;
    println!(
        "  pre-rendered {} pages in {:.1} s ({})",
        routes.len() * 2,
        t.elapsed().as_secs_f64(),
        cache.take_counts()
    );
    Ok(())
}

/// Writes `404.html`, which hosts that serve it for unknown paths (GitHub
/// Pages) show: the app's own "not found".
pub fn write_not_found(dist: &Path, html: &str) -> Result {
    std::fs::write(dist.join("404.html"), html).map_err(|e| format!("404.html: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
