//! The output folder, kept from one build to the next (issue #34): a build
//! writes a file only where its bytes changed, and removes the files it
//! did not make, so a build with nothing changed writes nothing, and a new
//! report writes its own pages and those that name it.
//!
//! Every file of the site goes through [`Out`]: [`Out::write`] with its
//! bytes (kept if they are the bytes of the last build), or [`Out::keyed`]
//! under a key of what it is made from (kept without being made if the key
//! is the last build's: a page's, a share image's, a compressed copy's).
//! The last build's files are known from its record, kept in the build
//! cache's folder (never in the output): each file's key, the SHA-256 of
//! its bytes, its length and modification time. A file is kept only while
//! its length and time are those recorded (as `make` and Ninja judge a
//! file); one changed by hand is written again. `--clean` reads no record.
//!
//! [`Out::sweep`] removes what the build did not make: the pages of a
//! report taken out of the archive, an old module. The record also holds
//! what the site's check found (the check runs again only on other files)
//! and small results worth keeping by a file's digest ([`Out::memo`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use crate::tools::Result;

pub type Sha = [u8; 32];

/// Changes whenever the record's form does.
const MAGIC: &[u8] = b"insyn-output-record 1\n";

pub fn sha(bytes: &[u8]) -> Sha {
    Sha256::digest(bytes).into()
}

/// The SHA-256 of parts, each with its length before it.
pub fn sha_of(parts: &[&[u8]]) -> Sha {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize().into()
}

/// A file of the site as a build made it.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    /// What it was made from ([`Out::keyed`]), or its digest ([`Out::write`]).
    key: Sha,
    /// The SHA-256 of its bytes.
    sha: Sha,
    len: u64,
    /// Its modification time, in nanoseconds since the epoch.
    mtime: i128,
    /// What the maker keeps with it (a page: the terms it marks).
    extra: Vec<u8>,
}

/// The output folder of one build.
pub struct Out {
    dir: PathBuf,
    /// Where this folder's record is kept, if anywhere.
    record: Option<PathBuf>,
    last: HashMap<String, Entry>,
    now: Mutex<HashMap<String, Entry>>,
    last_memo: HashMap<Sha, Vec<u8>>,
    memo: Mutex<HashMap<Sha, Vec<u8>>>,
    /// The key of the last site the check passed, and of this one.
    last_checked: Option<Sha>,
    checked: Mutex<Option<Sha>>,
    written: AtomicUsize,
    kept: AtomicUsize,
}

impl Out {
    /// The folder `dir`, with the record of its last build kept in
    /// `records` (none read with `clean`).
    pub fn open(dir: &Path, records: Option<&Path>, clean: bool) -> Self {
        let record = records.map(|r| {
            let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
            r.join(hex(&sha(abs.as_os_str().as_encoded_bytes())))
        });
        let read = (record.as_ref())
            .filter(|_| !clean)
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|b| parse(&b));
        let (last, last_memo, last_checked) = read.unwrap_or_default();
        Out {
            dir: dir.to_path_buf(),
            record,
            last,
            now: Mutex::default(),
            last_memo,
            memo: Mutex::default(),
            last_checked,
            checked: Mutex::default(),
            written: AtomicUsize::new(0),
            kept: AtomicUsize::new(0),
        }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` at `rel` (a path below the folder, with `/`), unless
    /// the file there is the last build's with these bytes.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result {
        let d = sha(bytes);
        self.put(rel, d, bytes, Vec::new())
    }

    /// The file at `rel` made by `make` (its bytes, and what to keep with
    /// it) from what `key` digests: kept without calling `make` if the last
    /// build made it under the same key, `still` holds for what it kept
    /// with it, and the file is as that build left it. Made again, it is
    /// written only if its bytes changed.
    pub fn keyed(
        &self,
        rel: &str,
        key: Sha,
        still: impl FnOnce(&[u8]) -> bool,
        make: impl FnOnce() -> Result<(Vec<u8>, Vec<u8>)>,
    ) -> Result {
        let kept = (self.last.get(rel))
            .filter(|e| e.key == key && still(&e.extra) && self.intact(&self.dir.join(rel), e));
        if let Some(e) = kept {
            self.kept.fetch_add(1, Relaxed);
            return self.register(rel, e.clone());
        }
        let (bytes, extra) = make()?;
        self.put(rel, key, &bytes, extra)
    }

    /// `bytes` made under `key` at `rel`: written unless the file there is
    /// the last build's with these bytes.
    fn put(&self, rel: &str, key: Sha, bytes: &[u8], extra: Vec<u8>) -> Result {
        let path = self.dir.join(rel);
        let d = sha(bytes);
        let same = (self.last.get(rel)).filter(|e| e.sha == d && self.intact(&path, e));
        if let Some(e) = same {
            self.kept.fetch_add(1, Relaxed);
            return self.register(
                rel,
                Entry {
                    key,
                    extra,
                    ..e.clone()
                },
            );
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        let meta = std::fs::metadata(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        self.written.fetch_add(1, Relaxed);
        let entry = Entry {
            key,
            sha: d,
            len: meta.len(),
            mtime: mtime(&meta),
            extra,
        };
        self.register(rel, entry)
    }

    /// Copies the file `from` to `rel`.
    pub fn copy(&self, rel: &str, from: &Path) -> Result {
        let bytes = std::fs::read(from).map_err(|e| format!("{}: {e}", from.display()))?;
        self.write(rel, &bytes)
    }

    fn intact(&self, path: &Path, e: &Entry) -> bool {
        std::fs::symlink_metadata(path)
            .is_ok_and(|m| m.is_file() && m.len() == e.len && mtime(&m) == e.mtime)
    }

    fn register(&self, rel: &str, e: Entry) -> Result {
        let mut now = self.now.lock().map_err(|_| "the output record")?;
        now.insert(rel.to_string(), e);
        Ok(())
    }

    /// Every file this build made so far, with its digest, in path order.
    pub fn files(&self) -> Vec<(String, Sha)> {
        let now = self.now.lock().map(|n| n.clone()).unwrap_or_default();
        let mut out: Vec<(String, Sha)> = now.into_iter().map(|(k, e)| (k, e.sha)).collect();
        out.sort();
        out
    }

    /// Whether every file the last build made below `dir/` under `key` is
    /// as it left it (and there is one): then they are kept, none read.
    pub fn kept_folder(&self, dir: &str, key: &Sha) -> bool {
        let prefix = format!("{dir}/");
        let files: Vec<(&String, &Entry)> = (self.last.iter())
            .filter(|(p, e)| p.starts_with(&prefix) && e.key == *key)
            .collect();
        let intact = files.iter().all(|(p, e)| self.intact(&self.dir.join(p), e));
        if files.is_empty() || !intact {
            return false;
        }
        for (p, e) in files {
            self.kept.fetch_add(1, Relaxed);
            if self.register(p, e.clone()).is_err() {
                return false;
            }
        }
        true
    }

    /// The length of a file this build made.
    pub fn len(&self, rel: &str) -> Option<u64> {
        self.now.lock().ok()?.get(rel).map(|e| e.len)
    }

    /// The files this build made so far, and their bytes.
    pub fn size(&self) -> (usize, u64) {
        let now = self
            .now
            .lock()
            .map(|n| n.values().map(|e| e.len).collect::<Vec<_>>());
        now.map_or((0, 0), |lens| (lens.len(), lens.iter().sum()))
    }

    /// What `make` gives for `input` (a digest of what it reads), kept
    /// from build to build in the record: small results worth not making
    /// again for a file whose bytes did not change.
    pub fn memo(
        &self,
        kind: &str,
        input: &Sha,
        make: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<Vec<u8>> {
        let k = sha_of(&[kind.as_bytes(), input]);
        let value = match self.last_memo.get(&k) {
            Some(v) => v.clone(),
            None => make()?,
        };
        let mut memo = self.memo.lock().map_err(|_| "the output record")?;
        memo.insert(k, value.clone());
        Ok(value)
    }

    /// What the last build kept for `input` of `kind` ([`Out::remember`]).
    pub fn recall(&self, kind: &str, input: &Sha) -> Option<Vec<u8>> {
        self.last_memo
            .get(&sha_of(&[kind.as_bytes(), input]))
            .cloned()
    }

    /// Keeps `value` for `input` of `kind` for the next build.
    pub fn remember(&self, kind: &str, input: &Sha, value: Vec<u8>) -> Result {
        let mut memo = self.memo.lock().map_err(|_| "the output record")?;
        memo.insert(sha_of(&[kind.as_bytes(), input]), value);
        Ok(())
    }

    /// Whether the last build's check passed on a site with this key.
    pub fn checked_before(&self, key: &Sha) -> bool {
        self.last_checked.as_ref() == Some(key)
    }

    /// Records that the check passed on a site with this key.
    pub fn passed_check(&self, key: Sha) {
        if let Ok(mut c) = self.checked.lock() {
            *c = Some(key);
        }
    }

    /// Removes every file below the folder this build did not make (and
    /// the folders left empty), but a compressed copy (`.br`, `.gz`) of a
    /// file it made, which compression makes or keeps next. Returns how
    /// many it removed.
    pub fn sweep(&self) -> Result<usize> {
        let now = self.now.lock().map_err(|_| "the output record")?;
        let keep = |rel: &str| {
            now.contains_key(rel)
                || (rel.strip_suffix(".br").or_else(|| rel.strip_suffix(".gz")))
                    .is_some_and(|base| now.contains_key(base))
        };
        let mut removed = 0;
        sweep_dir(&self.dir, "", &keep, &mut removed)?;
        Ok(removed)
    }

    /// "N written, M kept" since the last call, for a step's line.
    pub fn take_counts(&self) -> String {
        let (w, k) = (self.written.swap(0, Relaxed), self.kept.swap(0, Relaxed));
        format!("{w} written, {k} unchanged")
    }

    /// The site's digest, as `digest::site` reads it from the files: one
    /// SHA-256 over each file's path and digest, in path order.
    pub fn digest(&self) -> String {
        let mut h = Sha256::new();
        for (path, d) in self.files() {
            h.update(path.as_bytes());
            h.update([0]);
            h.update(d);
        }
        hex(&h.finalize())
    }

    /// Keeps this build's record for the next (a record that cannot be
    /// written costs the next build time, never this one).
    pub fn save(&self) {
        let Some(path) = &self.record else { return };
        let (Ok(now), Ok(memo), Ok(checked)) =
            (self.now.lock(), self.memo.lock(), self.checked.lock())
        else {
            return;
        };
        let bytes = serialise(&now, &memo, checked.as_ref());
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
        if std::fs::write(&tmp, bytes).is_ok() {
            let _ = std::fs::rename(&tmp, path);
        }
    }
}

/// The digest of this program, which renders the pages and checks the
/// site: the running program's own bytes, where Linux gives them (not a
/// newer build of it written since it started).
pub fn program() -> Result<Sha> {
    static PROGRAM: std::sync::OnceLock<std::result::Result<Sha, String>> =
        std::sync::OnceLock::new();
    PROGRAM
        .get_or_init(|| {
            let running = Path::new("/proc/self/exe");
            let exe = if running.exists() {
                running.to_path_buf()
            } else {
                std::env::current_exe().map_err(|e| e.to_string())?
            };
            let code = std::fs::read(&exe).map_err(|e| format!("{}: {e}", exe.display()))?;
            Ok(sha(&code))
        })
        .clone()
}

fn mtime(m: &std::fs::Metadata) -> i128 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(-1, |d| d.as_nanos() as i128)
}

/// Bytes as lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Removes the files below `dir` that `keep` does not name; returns
/// whether the folder is left empty. Follows no link (a link is removed
/// as a file).
fn sweep_dir(
    dir: &Path,
    prefix: &str,
    keep: &dyn Fn(&str) -> bool,
    removed: &mut usize,
) -> Result<bool> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut empty = true;
    for e in entries.flatten() {
        let rel = format!("{prefix}{}", e.file_name().to_string_lossy());
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            if sweep_dir(&e.path(), &format!("{rel}/"), keep, removed)? {
                std::fs::remove_dir(e.path()).map_err(|err| format!("{rel}: {err}"))?;
            } else {
                empty = false;
            }
        } else if keep(&rel) {
            empty = false;
        } else {
            std::fs::remove_file(e.path()).map_err(|err| format!("{rel}: {err}"))?;
            *removed += 1;
        }
    }
    Ok(empty)
}

fn put(out: &mut Vec<u8>, part: &[u8]) {
    out.extend_from_slice(&(part.len() as u64).to_le_bytes());
    out.extend_from_slice(part);
}

fn serialise(
    files: &HashMap<String, Entry>,
    memo: &HashMap<Sha, Vec<u8>>,
    checked: Option<&Sha>,
) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    put(&mut out, checked.map_or(&[][..], |c| &c[..]));
    put(&mut out, &(files.len() as u64).to_le_bytes());
    let mut paths: Vec<&String> = files.keys().collect();
    paths.sort();
    for p in paths {
        let e = &files[p];
        put(&mut out, p.as_bytes());
        out.extend_from_slice(&e.key);
        out.extend_from_slice(&e.sha);
        out.extend_from_slice(&e.len.to_le_bytes());
        out.extend_from_slice(&e.mtime.to_le_bytes());
        put(&mut out, &e.extra);
    }
    let mut keys: Vec<&Sha> = memo.keys().collect();
    keys.sort();
    for k in keys {
        out.extend_from_slice(k);
        put(&mut out, &memo[k]);
    }
    out
}

type Record = (HashMap<String, Entry>, HashMap<Sha, Vec<u8>>, Option<Sha>);

/// A record of [`serialise`]; `None` if it is of another form or cut short
/// (the build then writes every file).
fn parse(bytes: &[u8]) -> Option<Record> {
    let mut r = bytes.strip_prefix(MAGIC)?;
    let take = |r: &mut &[u8], n: usize| -> Option<Vec<u8>> {
        let (a, b) = (r.get(..n)?.to_vec(), r.get(n..)?);
        *r = b;
        Some(a)
    };
    let part = |r: &mut &[u8]| -> Option<Vec<u8>> {
        let n = u64::from_le_bytes(take(r, 8)?.try_into().ok()?) as usize;
        take(r, n)
    };
    let checked = part(&mut r)?;
    let checked = (!checked.is_empty())
        .then(|| checked.try_into().ok())
        .flatten();
    let n = u64::from_le_bytes(part(&mut r)?.try_into().ok()?);
    let mut files = HashMap::new();
    for _ in 0..n {
        let path = String::from_utf8(part(&mut r)?).ok()?;
        let entry = Entry {
            key: take(&mut r, 32)?.try_into().ok()?,
            sha: take(&mut r, 32)?.try_into().ok()?,
            len: u64::from_le_bytes(take(&mut r, 8)?.try_into().ok()?),
            mtime: i128::from_le_bytes(take(&mut r, 16)?.try_into().ok()?),
            extra: part(&mut r)?,
        };
        files.insert(path, entry);
    }
    let mut memo = HashMap::new();
    while !r.is_empty() {
        let k: Sha = take(&mut r, 32)?.try_into().ok()?;
        memo.insert(k, part(&mut r)?);
    }
    Some((files, memo, checked))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> (PathBuf, PathBuf) {
        let root = std::env::temp_dir().join(format!("insyn-out-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        (root.join("site"), root.join("records"))
    }

    /// A build of `files` into the folder: what it wrote and kept.
    fn build(dir: &Path, records: &Path, files: &[(&str, &str)]) -> (String, usize) {
        let out = Out::open(dir, Some(records), false);
        for (rel, text) in files {
            out.write(rel, text.as_bytes()).unwrap();
        }
        let removed = out.sweep().unwrap();
        out.save();
        // The record is the folder (a compressed copy aside, which
        // compression records).
        let all = crate::dist::digest::files(dir).unwrap();
        let on_disk: Vec<(String, Sha)> = (all.clone().into_iter())
            .filter(|(p, _)| !p.ends_with(".br"))
            .collect();
        assert_eq!(out.files(), on_disk);
        if all.len() == files.len() {
            assert_eq!(out.digest(), crate::dist::digest::site(dir).unwrap());
        }
        (out.take_counts(), removed)
    }

    #[test]
    fn a_second_build_writes_only_what_changed_and_removes_what_it_did_not_make() {
        let (dir, records) = folder("kept");
        let first = [("a.html", "a"), ("sub/b.json", "b"), ("old/c.html", "c")];
        assert_eq!(
            build(&dir, &records, &first),
            ("3 written, 0 unchanged".into(), 0)
        );
        // A file the site serves compressed, and a stray file.
        std::fs::write(dir.join("a.html.br"), "br").unwrap();
        std::fs::write(dir.join("stray.txt"), "x").unwrap();
        let second = [("a.html", "a"), ("sub/b.json", "B")];
        assert_eq!(
            build(&dir, &records, &second),
            ("1 written, 1 unchanged".into(), 2)
        );
        assert!(!dir.join("old").exists(), "a folder left empty is removed");
        assert!(
            dir.join("a.html.br").exists(),
            "a made file's compressed copy stays"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("sub/b.json")).unwrap(),
            "B"
        );
        // A file changed by hand is written again, though the build's bytes
        // are the last build's.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.join("a.html"), "z").unwrap();
        assert_eq!(
            build(&dir, &records, &second),
            ("1 written, 1 unchanged".into(), 0)
        );
        assert_eq!(std::fs::read_to_string(dir.join("a.html")).unwrap(), "a");
        // Without the record (`--clean`), every file is written.
        let out = Out::open(&dir, Some(&records), true);
        out.write("a.html", b"a").unwrap();
        assert_eq!(out.take_counts(), "1 written, 0 unchanged");
        let _ = std::fs::remove_dir_all(dir.parent().unwrap());
    }

    #[test]
    fn a_keyed_file_is_made_again_only_when_its_key_or_what_it_keeps_changes() {
        let (dir, records) = folder("keyed");
        let made = AtomicUsize::new(0);
        let run = |key: u8, holds: bool, text: &str| {
            let out = Out::open(&dir, Some(&records), false);
            out.keyed(
                "p.html",
                [key; 32],
                |extra| holds && extra == b"terms",
                || {
                    made.fetch_add(1, Relaxed);
                    Ok((text.as_bytes().to_vec(), b"terms".to_vec()))
                },
            )
            .unwrap();
            out.save();
            out.take_counts()
        };
        assert_eq!(run(1, true, "page"), "1 written, 0 unchanged");
        assert_eq!(run(1, true, "page"), "0 written, 1 unchanged");
        assert_eq!(made.load(Relaxed), 1, "kept without being made");
        // Another key, the same bytes: made, not written.
        assert_eq!(run(2, true, "page"), "0 written, 1 unchanged");
        assert_eq!(made.load(Relaxed), 2);
        // What it keeps no longer holds: made and written.
        assert_eq!(run(2, false, "new page"), "1 written, 0 unchanged");
        assert_eq!(
            std::fs::read_to_string(dir.join("p.html")).unwrap(),
            "new page"
        );
        let _ = std::fs::remove_dir_all(dir.parent().unwrap());
    }

    #[test]
    fn the_record_keeps_memos_and_the_checked_site_and_a_damaged_record_is_none() {
        let (dir, records) = folder("record");
        let out = Out::open(&dir, Some(&records), false);
        out.write("a", b"a").unwrap();
        assert_eq!(out.memo("k", &[1; 32], || Ok(b"v".to_vec())).unwrap(), b"v");
        out.passed_check([7; 32]);
        out.save();
        let again = Out::open(&dir, Some(&records), false);
        assert!(again.checked_before(&[7; 32]));
        assert!(!again.checked_before(&[8; 32]));
        let memo = again.memo("k", &[1; 32], || Err("made again".into()));
        assert_eq!(memo.unwrap(), b"v");
        let file = std::fs::read_dir(&records)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let bytes = std::fs::read(&file).unwrap();
        assert!(parse(&bytes[..bytes.len() - 3]).is_none());
        let _ = std::fs::remove_dir_all(dir.parent().unwrap());
    }
}
