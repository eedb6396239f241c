//! The build's cache (issue #34): what costs most to make again, a share
//! image drawn and a file compressed, kept under the SHA-256 of exactly what
//! it is made from, in `target/build-cache/` (beside every output folder,
//! never inside one, so no host serves it). A new report, a changed figure
//! or a changed glossary changes the inputs of only the files it touches:
//! the others are read back. Keyed by content, not by time or by name, so a
//! build from the cache is the same bytes as a clean one (`cargo xtask test`
//! compares the two), and any number of output folders can share it.
//!
//! `cargo xtask dist --clean` builds without reading it (and refills it).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use sha2::{Digest, Sha256};

use crate::tools::{Result, BINARYEN_VERSION, TERSER_VERSION};

/// Changes whenever what makes a cached file changes other than through its
/// key's inputs (the rasteriser's or compressors' versions, their settings;
/// the pinned tools' versions are part of every key too).
const VERSION: &str = "insyn-build-cache 1: resvg 0.45, brotli 8, flate2 best";

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

    /// The bytes made by `make` from `inputs` (each part of the key, in
    /// order), of `kind`: read back if a build made them before.
    pub fn bytes(
        &self,
        kind: &str,
        inputs: &[&[u8]],
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
            if let Ok(b) = std::fs::read(&path) {
                self.hits.fetch_add(1, Relaxed);
                return Ok(b);
            }
        }
        let bytes = make()?;
        self.made.fetch_add(1, Relaxed);
        store(&path, &bytes);
        Ok(bytes)
    }

    /// "N made, M from the cache" since the last call, for a step's line.
    pub fn take_counts(&self) -> String {
        let (hits, made) = (self.hits.swap(0, Relaxed), self.made.swap(0, Relaxed));
        format!("{made} made, {hits} from the cache")
    }
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
}
