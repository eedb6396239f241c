//! The full-text search index of the pre-rendered pages (Pagefind).

use std::path::Path;

use super::cache::{digests, Cache};
use super::compress::tree_size;
use crate::tools::{cmd, run, Result, PAGEFIND_VERSION};

/// The full-text index of the pre-rendered pages that mark their content
/// (`data-pagefind-body`: reports, goals, finances, statements), written by
/// Pagefind into `pagefind/`: the start page's search loads only the
/// chunks a query needs. Kept in the build's cache under the digest of
/// every page it reads (and Pagefind's version), so a build whose pages
/// have not changed does not index them again (issue #34).
pub fn index_text(root: &Path, dist: &Path, cache: &Cache) -> Result {
    let t = std::time::Instant::now();
    let pages = digests(dist, &|p| p.ends_with(".html"))?;
    let out = dist.join("pagefind");
    let read_back = cache.folder(
        "pagefind",
        &[PAGEFIND_VERSION.as_bytes(), &pages],
        &out,
        || {
            run(
                "pagefind",
                cmd(root, &crate::tools::pagefind(root).to_string_lossy())
                    .args(["--site"])
                    .arg(dist)
                    .args(["--output-subdir", "pagefind", "--quiet"]),
            )
        },
    )?;
    let (files, bytes) = tree_size(&out);
    println!(
        "  indexed the pages' text (pagefind) in {:.1} s: {files} files, {} KB{}",
        t.elapsed().as_secs_f64(),
        bytes / 1024,
        if read_back {
            " (no page changed: read from the cache)"
        } else {
            ""
        }
    );
    Ok(())
}
