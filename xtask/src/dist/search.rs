//! The full-text search index of the pre-rendered pages (Pagefind), in
//! two shards, the newest year and the earlier ones (issue #34):
//! publishing a report of the year indexes its year again, not the archive.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use sha2::{Digest, Sha256};

use insyn::model::Manifest;

use super::cache::{unpacked, Cache};
use super::out::{sha_of, Out, Sha};
use crate::tools::{cmd, run, Result, PAGEFIND_VERSION};

/// The file in the primary index naming the other shards' folders, which
/// `assets/js/search.js` merges at query time (Pagefind's `mergeIndex`).
pub const SHARDS_FILE: &str = "pagefind/shards.json";

/// The primary index's folder: the newest year's pages, with Pagefind's
/// scripts and wasm, which search every shard.
const PRIMARY: &str = "pagefind";
/// The earlier years' index, merged into the primary at query time.
const EARLIER: &str = "pagefind-earlier";

/// A shard: the indexed pages (their paths below the site) of its years.
struct Shard {
    /// [`PRIMARY`] or [`EARLIER`].
    dir: String,
    pages: Vec<String>,
    /// The key of the shard's index: each page's path and digest.
    key: Vec<u8>,
}

/// The full-text index of the pre-rendered pages that mark their content
/// (`data-pagefind-body`: reports, goals, finances, statements, boards),
/// in the shards of [`shards`], each kept in the build's cache under the
/// digest of the pages it reads: a build indexes only the shards whose
/// pages changed. The manifest gives each report's id its year.
pub fn index_text(root: &Path, out: &Out, manifest: &Manifest, cache: &Cache) -> Result {
    let t = std::time::Instant::now();
    let years = (manifest.reports.iter())
        .map(|e| (e.id.clone(), e.year))
        .collect();
    let shards = shards(out, &years)?;
    let work = root.join("target/pagefind-shards");
    for shard in &shards {
        let inputs = [
            PAGEFIND_VERSION.as_bytes(),
            shard.dir.as_bytes(),
            &shard.key,
        ];
        // A shard as the last build left it is kept without reading it.
        let key = sha_of(&inputs);
        if out.kept_folder(&shard.dir, &key) {
            continue;
        }
        let made_in = work.join(format!("{}-index", shard.dir));
        let packed = cache.folder("pagefind", &inputs, &made_in, || {
            index_shard(root, out.dir(), &work.join(&shard.dir), shard, &made_in)
        })?;
        for (rel, bytes) in unpacked(&packed)? {
            let file = format!("{}/{rel}", shard.dir);
            out.keyed(&file, key, |_| true, || Ok((bytes.to_vec(), Vec::new())))?;
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    let others: Vec<String> = shards
        .iter()
        .filter(|s| s.dir != PRIMARY)
        .map(|s| format!("{}/", s.dir))
        .collect();
    let list = serde_json::to_string(&others).map_err(|e| e.to_string())?;
    out.write(SHARDS_FILE, list.as_bytes())?;
    let (mut files, mut bytes) = (0, 0);
    for (rel, _) in out.files() {
        if shards
            .iter()
            .any(|s| rel.starts_with(&format!("{}/", s.dir)))
        {
            (files, bytes) = (files + 1, bytes + out.len(&rel).unwrap_or(0));
        }
    }
    println!(
        "  indexed the pages' text (pagefind) in {:.1} s: {} shard(s), the newest year and the earlier ({}), {files} files, {} KB",
        t.elapsed().as_secs_f64(),
        shards.len(),
        cache.take_counts(),
        bytes / 1024
    );
    Ok(())
}

/// Indexes one shard: its pages copied to `site` (at the same paths, so
/// the index's addresses are the site's), Pagefind's output in `out`.
/// A shard other than the primary keeps only its index: the primary's
/// scripts and wasm search every shard.
fn index_shard(root: &Path, dist: &Path, site: &Path, shard: &Shard, out: &Path) -> Result {
    let _ = std::fs::remove_dir_all(site);
    let _ = std::fs::remove_dir_all(out);
    for page in &shard.pages {
        let to = site.join(page);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::copy(dist.join(page), &to).map_err(|e| format!("{page}: {e}"))?;
    }
    run(
        &format!("pagefind ({})", shard.dir),
        cmd(root, &crate::tools::pagefind(root).to_string_lossy())
            .arg("--site")
            .arg(site)
            .arg("--output-path")
            .arg(out)
            .arg("--quiet"),
    )?;
    if shard.dir != PRIMARY {
        keep_only_the_index(out)?;
    }
    Ok(())
}

/// Removes Pagefind's scripts, styles and wasm from a merged shard's
/// folder, keeping what `mergeIndex` reads: the entry, the metadata, the
/// index chunks, the fragments and the filters.
fn keep_only_the_index(out: &Path) -> Result {
    let entries = std::fs::read_dir(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let keep = e.path().is_dir() || name == "pagefind-entry.json" || name.ends_with(".pf_meta");
        if !keep {
            std::fs::remove_file(e.path()).map_err(|err| format!("{name}: {err}"))?;
        }
    }
    Ok(())
}

/// The indexed pages of `dist` in two shards: the newest year's (with
/// the pages of no report, such as the boards'), the primary, and the
/// earlier years' (if any). Publishing a report of the year indexes the
/// newest year again, not the archive; a query reads two shards, however
/// many years the archive holds (each shard costs a query an index chunk,
/// about 25 KB, so one shard per year would pass #19's 200 KB within a
/// decade).
fn shards(out: &Out, years: &HashMap<String, u16>) -> Result<Vec<Shard>> {
    let newest = years.values().copied().max().unwrap_or_default();
    let pages: Vec<(String, Sha)> = (out.files().into_iter())
        .filter(|(rel, _)| rel.ends_with(".html"))
        .collect();
    // The digest of what Pagefind indexes of a page, if it indexes it:
    // kept by the page's digest from build to build (`Out::memo`), each
    // other page read and stripped on every core (a 500-report site has
    // 32 000).
    let digests = super::parallel::map(&pages, |(rel, d)| {
        let indexed = out.memo("indexed", d, || {
            let bytes = std::fs::read(out.dir().join(rel)).map_err(|e| format!("{rel}: {e}"))?;
            if !contains(&bytes, b"data-pagefind-body") {
                return Ok(Vec::new());
            }
            let indexed = without_ignored(&bytes).map_err(|e| format!("{rel}: {e}"))?;
            Ok(Sha256::digest(&indexed).to_vec())
        })?;
        Ok(<[u8; 32]>::try_from(indexed.as_slice()).ok())
    })?;
    let mut newest_first: BTreeMap<bool, Vec<(String, [u8; 32])>> = BTreeMap::new();
    for ((rel, _), digest) in pages.into_iter().zip(digests) {
        let Some(digest) = digest else { continue };
        let earlier = year_of(&rel, years).is_some_and(|y| y < newest);
        newest_first.entry(earlier).or_default().push((rel, digest));
    }
    Ok(newest_first
        .into_iter()
        .map(|(earlier, pages)| {
            let mut key = Vec::new();
            for (rel, digest) in &pages {
                key.extend_from_slice(rel.as_bytes());
                key.push(0);
                key.extend_from_slice(digest);
            }
            Shard {
                dir: if earlier { EARLIER } else { PRIMARY }.into(),
                pages: pages.into_iter().map(|(rel, _)| rel).collect(),
                key,
            }
        })
        .collect())
}

/// The year of the report a page is of: its path's first segment (after
/// the English pages' `en/`) is the report's id.
fn year_of(rel: &str, years: &HashMap<String, u16>) -> Option<u16> {
    let rel = rel.strip_prefix("en/").unwrap_or(rel);
    years.get(rel.split('/').next()?).copied()
}

/// A page without the parts Pagefind leaves out entirely
/// (`data-pagefind-ignore="all"`: a goal's list of other reports, a term's
/// definition): what its index is made from, so a page whose other parts
/// did not change keeps its shard's key.
fn without_ignored(page: &[u8]) -> std::result::Result<Vec<u8>, String> {
    use lol_html::{element, rewrite_str, RewriteStrSettings};
    let text = String::from_utf8_lossy(page);
    rewrite_str(
        &text,
        RewriteStrSettings {
            element_content_handlers: vec![element!("[data-pagefind-ignore=all]", |el| {
                el.remove();
                Ok(())
            })],
            ..RewriteStrSettings::default()
        },
    )
    .map(String::into_bytes)
    .map_err(|e| e.to_string())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shards of a site of `files` (path, text) in `dir`, built as a
    /// build builds it over the last one: with what it kept of each page
    /// (`Out::memo`, in `records`).
    fn shards_of(dir: &Path, files: &[(&str, &str)], years: &HashMap<String, u16>) -> Vec<Shard> {
        let out = Out::open(dir, Some(&dir.with_extension("records")), false);
        for (path, text) in files {
            out.write(path, text.as_bytes()).unwrap();
        }
        out.sweep().unwrap();
        let got = shards(&out, years).unwrap();
        out.save();
        got
    }

    #[test]
    fn the_newest_years_pages_and_those_of_no_report_are_the_primary_and_the_rest_one_shard() {
        let dir = std::env::temp_dir().join(format!("insyn-shards-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_dir_all(dir.with_extension("records"));
        let body = "<main data-pagefind-body>text</main>";
        let mut files = vec![
            ("a-2023/index.html", body),
            ("a-2024/index.html", body),
            ("en/a-2024/mal/g/index.html", body),
            ("a-2025/index.html", body),
            ("namnd/a/index.html", body),
            ("index.html", "<main>the start page, not indexed</main>"),
        ];
        let years = HashMap::from([
            ("a-2023".into(), 2023),
            ("a-2024".into(), 2024),
            ("a-2025".into(), 2025),
        ]);
        let shards = shards_of(&dir, &files, &years);
        let got: Vec<(&str, Vec<&str>)> = shards
            .iter()
            .map(|s| (s.dir.as_str(), s.pages.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            [
                (PRIMARY, vec!["a-2025/index.html", "namnd/a/index.html"]),
                (
                    EARLIER,
                    vec![
                        "a-2023/index.html",
                        "a-2024/index.html",
                        "en/a-2024/mal/g/index.html"
                    ]
                ),
            ]
        );
        // A change in what Pagefind leaves out keeps the key.
        let keys = |files: &[(&str, &str)]| -> Vec<Vec<u8>> {
            shards_of(&dir, files, &years)
                .into_iter()
                .map(|s| s.key)
                .collect()
        };
        files[1].1 = "<main data-pagefind-body>text<section data-pagefind-ignore=\"all\">SGN 2025</section></main>";
        let ignored = keys(&files);
        files[1].1 = "<main data-pagefind-body>text<section data-pagefind-ignore=\"all\">SGN 2025, SGN 2026</section></main>";
        assert_eq!(keys(&files), ignored);
        files[1].1 = body;
        // A changed page changes its own shard's key alone.
        let before: Vec<Vec<u8>> = shards.iter().map(|s| s.key.clone()).collect();
        files[3].1 = "<main data-pagefind-body>new</main>";
        let after = keys(&files);
        assert_ne!(before[0], after[0]);
        assert_eq!(before[1], after[1]);
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_dir_all(dir.with_extension("records"));
    }
}
