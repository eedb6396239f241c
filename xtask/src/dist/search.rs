//! The full-text search index of the pre-rendered pages (Pagefind).

use std::path::Path;

use super::compress::tree_size;
use crate::tools::{cmd, run, Result};

/// The full-text index of the pre-rendered pages that mark their content
/// (`data-pagefind-body`: reports, goals, finances, statements), written by
/// Pagefind into `pagefind/`: the start page's search loads only the
/// chunks a query needs.
pub fn index_text(root: &Path, dist: &Path) -> Result {
    let t = std::time::Instant::now();
    run(
        "pagefind",
        cmd(root, &crate::tools::pagefind(root).to_string_lossy())
            .args(["--site"])
            .arg(dist)
            .args(["--output-subdir", "pagefind", "--quiet"]),
    )?;
    let (files, bytes) = tree_size(&dist.join("pagefind"));
    println!(
        "  indexed the pages' text (pagefind) in {:.1} s: {files} files, {} KB",
        t.elapsed().as_secs_f64(),
        bytes / 1024
    );
    Ok(())
}
