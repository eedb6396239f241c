//! The build's cache (issue #34): what costs most to make again (a module's
//! wasm-opt output, Terser's of a script the pages load, a rendered page, a share image drawn, a file
//! compressed, a search shard), kept under the SHA-256 of exactly what
//! it is made from, in `target/build-cache/` (beside every output folder,
//! never inside one, so no host serves it). A new report, a changed figure
//! or a changed glossary changes the inputs of only the files it touches:
//! the others are read back. Keyed by content, not by time or by name, so a
//! build from the cache is the same bytes as a clean one (`cargo xtask test`
//! compares the two), and any number of output folders can share it.
//!
//! `cargo xtask dist --clean` builds without reading it (and refills it).
//! Entries no build has used for 30 days are removed ([`Cache::prune`]).
//! A page is kept under where the glossary marks terms, not under their
//! definitions, so two sites built with different glossaries from one
//! cache make each other's pages again (never wrongly: see `pages.rs`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use crate::tools::{Result, BINARYEN_VERSION, TERSER_VERSION};

/// Changes whenever what makes a cached file changes other than through its
/// key's inputs (the rasteriser's or compressors' versions, their settings;
/// the pinned tools' versions are part of every key too).
const VERSION: &str = "insyn-build-cache 1: resvg 0.45, brotli 8, flate2 best";

/// How long an entry no build reads or writes is kept ([`Cache::prune`]).
const KEEP: Duration = Duration::from_secs(30 * 24 * 3600);

/// How often the cache is pruned: a build with nothing changed does not
/// walk it every time.
const PRUNE_EVERY: Duration = Duration::from_secs(24 * 3600);

/// The cache, and how many files each kind read back or made.
pub struct Cache {
    dir: PathBuf,
    read: bool,
    hits: AtomicUsize,
    made: AtomicUsize,
}

impl Cache {
    /// The repository's cache (or the folder `INSYN_BUILD_CACHE` names, as
    /// the bench's incremental builds do); with `clean`, one that is written
    /// but never read.
    pub fn open(root: &Path, clean: bool) -> Self {
        let dir = std::env::var_os("INSYN_BUILD_CACHE")
            .map_or_else(|| root.join("target/build-cache"), PathBuf::from);
        Cache {
            dir,
            read: !clean,
            hits: AtomicUsize::new(0),
            made: AtomicUsize::new(0),
        }
    }

    /// Where the records of the output folders' last builds are kept
    /// (`out.rs`): beside the entries, not among them (never pruned: one
    /// per output folder).
    pub fn records(&self) -> PathBuf {
        self.dir.join("outputs")
    }

    /// The bytes made by `make` from `inputs` (each part of the key, in
    /// order), of `kind`: read back if a build made them before.
    pub fn bytes(
        &self,
        kind: &str,
        inputs: &[&[u8]],
        make: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<Vec<u8>> {
        self.bytes_if(kind, inputs, |_| true, make)
    }

    /// As [`Cache::bytes`], but what a build made before is read back only
    /// if `still` says it holds (a rendered page records which terms it
    /// marks, and holds while their definitions are the same).
    pub fn bytes_if(
        &self,
        kind: &str,
        inputs: &[&[u8]],
        still: impl FnOnce(&[u8]) -> bool,
        make: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<Vec<u8>> {
        let mut h = Sha256::new();
        let tools = [BINARYEN_VERSION, TERSER_VERSION].join(" ");
        for part in [VERSION.as_bytes(), tools.as_bytes(), kind.as_bytes()]
            .into_iter()
            .chain(inputs.iter().copied())
        {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
        let key: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        let path = self.dir.join(kind).join(&key[..2]).join(&key);
        if self.read {
            if let Some(b) = std::fs::read(&path).ok().filter(|b| still(b)) {
                self.hits.fetch_add(1, Relaxed);
                return Ok(b);
            }
        }
        let bytes = make()?;
        self.made.fetch_add(1, Relaxed);
        store(&path, &bytes);
        Ok(bytes)
    }

    /// The folder `made_in`, made there by `make` from `inputs` (as for
    /// [`Cache::bytes`]), as one run of bytes ([`unpacked`] gives its
    /// files): read back if a build made it before.
    pub fn folder(
        &self,
        kind: &str,
        inputs: &[&[u8]],
        made_in: &Path,
        make: impl FnOnce() -> Result,
    ) -> Result<Vec<u8>> {
        self.bytes(kind, inputs, || {
            make()?;
            pack(made_in)
        })
    }

    /// Prunes the cache ([`Cache::pruned`]) and says so; a cache that cannot
    /// be pruned costs disk, never the build.
    pub fn prune(&self, now: SystemTime) {
        match self.pruned(now) {
            Ok(Some((n, bytes))) if n > 0 => println!(
                "  pruned the build cache: {n} entries unused for 30 days, {} MB",
                bytes >> 20
            ),
            Ok(_) => {}
            Err(e) => println!("  the build cache was not pruned: {e}"),
        }
    }

    /// Removes the entries no build has read or written for [`KEEP`] (by
    /// the file system's access time, or its write time where that is
    /// later; where the file system keeps no access times, an entry read
    /// but never written again goes 30 days after it was written, and is
    /// made again when next needed), at most once every [`PRUNE_EVERY`]
    /// (when is kept in the cache's `pruned` file): so a cache that serves
    /// one site published month after month does not grow without end.
    /// Only the cache's own entries (`{kind}/{2 hex}/{64 hex}`, and their
    /// temporary files) are removed, and no link is followed, whatever
    /// folder `INSYN_BUILD_CACHE` names. Returns how many and their bytes,
    /// or `None` when it was not yet time.
    pub fn pruned(&self, now: SystemTime) -> Result<Option<(usize, u64)>> {
        let stamp = self.dir.join("pruned");
        let last = std::fs::metadata(&stamp).and_then(|m| m.modified());
        if last.is_ok_and(|t| now.duration_since(t).map_or(true, |d| d < PRUNE_EVERY)) {
            return Ok(None);
        }
        if !self.dir.is_dir() {
            return Ok(None);
        }
        let (mut n, mut bytes) = (0, 0);
        for path in entries(&self.dir) {
            let Ok(m) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            let used = [m.accessed().ok(), m.modified().ok()]
                .into_iter()
                .flatten()
                .max();
            let unused = used.is_some_and(|t| now.duration_since(t).is_ok_and(|d| d > KEEP));
            if unused && std::fs::remove_file(&path).is_ok() {
                n += 1;
                bytes += m.len();
            }
        }
        let file =
            std::fs::File::create(&stamp).map_err(|e| format!("{}: {e}", stamp.display()))?;
        file.set_modified(now)
            .map_err(|e| format!("{}: {e}", stamp.display()))?;
        Ok(Some((n, bytes)))
    }

    /// "N made, M from the cache" since the last call, for a step's line.
    pub fn take_counts(&self) -> String {
        let (hits, made) = (self.hits.swap(0, Relaxed), self.made.swap(0, Relaxed));
        format!("{made} made, {hits} from the cache")
    }
}

/// Every file below `dir`, by its path with `/` (in path order) and where
/// it is: what the cache packs, the search indexes and the digest covers.
pub fn tree(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) -> Result {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for e in entries.flatten() {
            let rel = format!("{prefix}{}", e.file_name().to_string_lossy());
            if e.path().is_dir() {
                walk(&e.path(), &format!("{rel}/"), out)?;
            } else {
                out.push((rel, e.path()));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out)?;
    out.sort();
    Ok(out)
}

/// The cache's own entries below `dir`: files at `{kind}/{2 hex}/{64 hex}`
/// (or a temporary `{64 hex}.tmp-{pid}` beside them), never through a link.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
    let folders = |d: &Path| -> Vec<(String, PathBuf)> {
        (std::fs::read_dir(d).into_iter().flatten().flatten())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .collect()
    };
    let mut out = Vec::new();
    for (_, kind) in folders(dir) {
        for (_, shard) in folders(&kind).into_iter().filter(|(n, _)| hex(n, 2)) {
            for e in std::fs::read_dir(&shard).into_iter().flatten().flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                let key = name.split_once(".tmp-").map_or(name.as_str(), |(k, _)| k);
                if e.file_type().is_ok_and(|t| t.is_file()) && hex(key, 64) {
                    out.push(e.path());
                }
            }
        }
    }
    out
}

/// A folder as one run of bytes: each file's path and bytes, each with
/// its length before it.
fn pack(dir: &Path) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for (rel, path) in tree(dir)? {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for part in [rel.as_bytes(), &bytes] {
            out.extend_from_slice(&(part.len() as u64).to_le_bytes());
            out.extend_from_slice(part);
        }
    }
    Ok(out)
}

/// The files of [`pack`]'s bytes: each one's path below the folder, and
/// its bytes.
pub fn unpacked(mut packed: &[u8]) -> Result<Vec<(String, &[u8])>> {
    let mut out = Vec::new();
    while !packed.is_empty() {
        let rel = String::from_utf8_lossy(part(&mut packed)?).into_owned();
        out.push((rel, part(&mut packed)?));
    }
    Ok(out)
}

/// The next length-prefixed part of packed bytes, and the rest after it.
fn part<'a>(packed: &mut &'a [u8]) -> Result<&'a [u8]> {
    let short = || "a cached folder is cut short".to_string();
    let len = packed
        .get(..8)
        .and_then(|b| b.try_into().ok())
        .map(u64::from_le_bytes)
        .ok_or_else(short)? as usize;
    let bytes = packed.get(8..8 + len).ok_or_else(short)?;
    *packed = &packed[8 + len..];
    Ok(bytes)
}

/// Writes a cache file through a temporary name, so a build that stops
/// half-way or a worker beside it never reads a part of one. A cache that
/// cannot be written costs time, never the build.
fn store(path: &Path, bytes: &[u8]) {
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    if std::fs::write(&tmp, bytes).is_ok() {
        let _ = std::fs::rename(&tmp, path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_unused_for_a_month_are_pruned_at_most_once_a_day() {
        let dir = std::env::temp_dir().join(format!("insyn-prune-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let cache = Cache {
            dir: dir.clone(),
            read: true,
            hits: AtomicUsize::new(0),
            made: AtomicUsize::new(0),
        };
        let now = SystemTime::now();
        let day = Duration::from_secs(24 * 3600);
        let old = cache
            .bytes("page", &[b"old"], || Ok(b"old page".to_vec()))
            .unwrap();
        cache
            .bytes("page", &[b"new"], || Ok(b"new".to_vec()))
            .unwrap();
        let (old_path, _) = tree(&dir)
            .unwrap()
            .into_iter()
            .map(|(_, p)| (p.clone(), std::fs::read(&p).unwrap()))
            .find(|(_, b)| *b == old)
            .unwrap();
        let long_ago = std::fs::FileTimes::new()
            .set_accessed(now - 40 * day)
            .set_modified(now - 40 * day);
        let f = std::fs::File::options()
            .write(true)
            .open(&old_path)
            .unwrap();
        f.set_times(long_ago).unwrap();
        // A file that is not the cache's own, as old: never removed.
        let other = dir.join("notes.txt");
        std::fs::write(&other, "mine").unwrap();
        let f = std::fs::File::options().write(true).open(&other).unwrap();
        f.set_times(long_ago).unwrap();
        let pruned = |at| cache.pruned(at).unwrap();
        assert_eq!(pruned(now), Some((1, 8)), "the entry unused for 40 days");
        assert!(!old_path.exists() && other.exists());
        assert_eq!(
            tree(&dir).unwrap().len(),
            3,
            "the new entry, the notes, the stamp"
        );
        assert_eq!(pruned(now + day / 2), None, "not again the same day");
        assert_eq!(pruned(now + 2 * day), Some((0, 0)), "the new entry is kept");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_same_inputs_are_read_back_and_other_inputs_or_clean_make_again() {
        let root = std::env::temp_dir().join(format!("insyn-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let made = std::cell::Cell::new(0);
        let make = |s: &str| {
            made.set(made.get() + 1);
            Ok(s.as_bytes().to_vec())
        };
        let cache = Cache::open(&root, false);
        assert_eq!(cache.bytes("png", &[b"a"], || make("A")).unwrap(), b"A");
        // The same inputs: read back, not made again.
        assert_eq!(cache.bytes("png", &[b"a"], || make("other")).unwrap(), b"A");
        assert_eq!(made.get(), 1);
        // Other inputs, another kind, or the parts split elsewhere: made.
        cache.bytes("png", &[b"b"], || make("B")).unwrap();
        cache.bytes("br", &[b"a"], || make("C")).unwrap();
        cache.bytes("png", &[b"", b"a"], || make("D")).unwrap();
        assert_eq!(made.get(), 4);
        assert_eq!(cache.take_counts(), "4 made, 1 from the cache");
        // Clean: made again, and what it made is read by the next build.
        let clean = Cache::open(&root, true);
        assert_eq!(clean.bytes("png", &[b"a"], || make("A2")).unwrap(), b"A2");
        let next = Cache::open(&root, false);
        assert_eq!(next.bytes("png", &[b"a"], || make("x")).unwrap(), b"A2");
        let _ = std::fs::remove_dir_all(&root);
    }

    /// Every file below `dir` whose path `keep` accepts, as a part of a key:
    /// its path (with `/`) and the SHA-256 of its bytes, in path order.
    fn digests(dir: &Path, keep: &dyn Fn(&str) -> bool) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        for (rel, path) in tree(dir)? {
            if keep(&rel) {
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                out.extend_from_slice(rel.as_bytes());
                out.push(0);
                out.extend_from_slice(&Sha256::digest(&bytes));
            }
        }
        Ok(out)
    }

    #[test]
    fn a_folder_is_read_back_file_for_file() {
        let root = std::env::temp_dir().join(format!("insyn-folder-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let out = root.join("out");
        let make = || {
            std::fs::create_dir_all(out.join("sub")).unwrap();
            std::fs::write(out.join("a.json"), b"{}").unwrap();
            std::fs::write(out.join("sub/b.bin"), [0u8, 1, 2]).unwrap();
            std::fs::write(out.join("sub/empty"), b"").unwrap();
            Ok(())
        };
        let cache = Cache::open(&root.join("cache"), false);
        let packed = cache.folder("f", &[b"k"], &out, make).unwrap();
        assert_eq!(cache.take_counts(), "1 made, 0 from the cache");
        let first = digests(&out, &|_| true).unwrap();
        std::fs::remove_dir_all(&out).unwrap();
        let again = cache.folder("f", &[b"k"], &out, || Err("not made again".into()));
        let again = again.unwrap();
        assert_eq!(cache.take_counts(), "0 made, 1 from the cache", "read back");
        assert_eq!(again, packed);
        for (rel, bytes) in unpacked(&again).unwrap() {
            let path = out.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        assert_eq!(digests(&out, &|_| true).unwrap(), first);
        // Only the files `keep` accepts are part of a key.
        let json = digests(&out, &|p| p.ends_with(".json")).unwrap();
        assert_eq!(
            json,
            [b"a.json\0".as_slice(), &Sha256::digest(b"{}")].concat()
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
