//! The parts of the build that grow with the archive, spread over the
//! machine's cores: pre-rendering every route and compressing every file.
//! Each worker renders with its own store (yew's renderer is not `Send`).

use std::path::{Path, PathBuf};
use std::rc::Rc;

use insyn::model::format::Lang;
use insyn::model::glossary::Glossary;
use insyn::model::{Manifest, Report};
use insyn::ui::prerender::in_lang;
use insyn::ui::state::Store;

use crate::tools::Result;

fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, usize::from)
}

/// Runs `f` on every item, the items dealt out round-robin to the workers;
/// the first error wins.
pub(crate) fn each<T: Sync>(items: &[T], f: impl Fn(&[&T]) -> Result + Sync) -> Result {
    let n = workers().min(items.len()).max(1);
    let shares: Vec<Vec<&T>> = (0..n)
        .map(|w| items.iter().skip(w).step_by(n).collect())
        .collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = shares.iter().map(|share| s.spawn(|| f(share))).collect();
        handles.into_iter().try_for_each(|h| {
            h.join()
                .unwrap_or_else(|_| Err("a build worker panicked".into()))
        })
    })
}

/// What the pages are rendered from.
pub struct Data<'a> {
    pub manifest: &'a Manifest,
    pub reports: &'a [Report],
    pub glossary: &'a Glossary,
    /// Each page's head: description, canonical link, share card, JSON-LD.
    pub findable: &'a crate::findable::Findable,
}

/// Writes each route's HTML file, its page rendered into `shell`.
pub fn prerender(
    dist: &Path,
    base: &str,
    shell: &crate::html::Shell,
    routes: &[String],
    data: &Data,
) -> Result {
    each(routes, |share| {
        let store = Rc::new(
            Store::ready(data.manifest.clone(), data.reports.to_vec())
                .with_glossary(data.glossary.clone()),
        );
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| format!("tokio: {e}"))?;
        for route in share {
            for lang in [Lang::Sv, Lang::En] {
                let path = in_lang(route, lang);
                let page =
                    runtime.block_on(insyn::ui::prerender::render(&path, base, store.clone()));
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
    })
}

/// Every file below `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut stack = vec![dir.to_path_buf()];
    let mut out = Vec::new();
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Files and bytes below `dir`.
pub fn tree_size(dir: &Path) -> (usize, u64) {
    let all = files(dir);
    let bytes = all
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    (all.len(), bytes)
}

/// The build's peak resident memory in KiB (Linux), Trunk's own not included.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Whether a file is sent compressed.
fn compressible(p: &Path) -> bool {
    let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
    matches!(
        ext,
        "html" | "js" | "css" | "json" | "wasm" | "svg" | "txt" | "md"
    )
}

/// Writes `.br` and `.gz` beside every compressible file. Returns (files,
/// bytes, brotli bytes).
pub fn compress_all(dist: &Path) -> Result<(usize, u64, u64)> {
    let all: Vec<PathBuf> = files(dist)
        .into_iter()
        .filter(|p| compressible(p))
        .collect();
    let totals = std::sync::Mutex::new((0usize, 0u64, 0u64));
    each(&all, |share| {
        for p in share {
            let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
            let b = brotli_at(&bytes, quality(p));
            let g = gzip_bytes(&bytes)?;
            std::fs::write(format!("{}.br", p.display()), &b)
                .map_err(|e| format!("{}: {e}", p.display()))?;
            std::fs::write(format!("{}.gz", p.display()), &g)
                .map_err(|e| format!("{}: {e}", p.display()))?;
            let mut t = totals.lock().map_err(|_| "compression totals")?;
            *t = (t.0 + 1, t.1 + bytes.len() as u64, t.2 + b.len() as u64);
        }
        Ok(())
    })?;
    totals.into_inner().map_err(|_| "compression totals".into())
}

/// Brotli's quality for a file: the highest for the viewer's own files
/// (every reader fetches them, and there are few); 10 for the data files (a
/// report, the glossary, the catalogue: a page's first load fetches them,
/// and 10 makes them about 9 % smaller than 9 did, for 32 MB of them at 500
/// reports); lower for the pages, of which an archive has tens of thousands
/// (1 GB at 500 reports), where 10 would add minutes to the build for 7 %.
fn quality(p: &Path) -> i32 {
    match p.extension().and_then(|x| x.to_str()) {
        Some("wasm" | "js" | "css") => 11,
        Some("json") => 10,
        _ => 7,
    }
}

pub fn brotli_bytes(bytes: &[u8]) -> Vec<u8> {
    brotli_at(bytes, 11)
}

fn brotli_at(bytes: &[u8], quality: i32) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

fn gzip_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).map_err(|e| e.to_string())?;
    enc.finish().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_done_once_and_an_error_is_not_lost() {
        let items: Vec<u32> = (0..101).collect();
        let seen = std::sync::Mutex::new(Vec::new());
        each(&items, |share| {
            seen.lock().unwrap().extend(share.iter().map(|x| **x));
            Ok(())
        })
        .unwrap();
        let mut seen = seen.into_inner().unwrap();
        seen.sort_unstable();
        assert_eq!(seen, items);
        let failed = each(&items, |share| {
            if share.iter().any(|x| **x == 57) {
                Err("57".into())
            } else {
                Ok(())
            }
        });
        assert_eq!(failed, Err("57".to_string()));
    }
}
