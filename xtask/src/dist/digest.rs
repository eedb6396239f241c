//! The digest of a built site (issue #34): one SHA-256 over every file's
//! path and bytes, in path order, so two builds of the same inputs can be
//! compared by one line, and, when they differ, the files that differ.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::tools::Result;

/// Every file below `dir` (compressed copies included), by path with `/`,
/// with the SHA-256 of its bytes.
pub fn files(dir: &Path) -> Result<BTreeMap<String, [u8; 32]>> {
    let tree = super::cache::tree(dir)?;
    let digests = super::parallel::map(&tree, |(rel, path)| {
        let bytes = std::fs::read(path).map_err(|err| format!("{rel}: {err}"))?;
        Ok(Sha256::digest(&bytes).into())
    })?;
    Ok(tree.into_iter().map(|(rel, _)| rel).zip(digests).collect())
}

/// The site's digest: SHA-256 over each file's path and digest, in order,
/// read from the files (the build prints it from its record, `out.rs`,
/// and the tests check that the two agree).
#[cfg(test)]
pub fn site(dir: &Path) -> Result<String> {
    let mut h = Sha256::new();
    for (path, d) in files(dir)? {
        h.update(path.as_bytes());
        h.update([0]);
        h.update(d);
    }
    Ok(super::out::hex(&h.finalize()))
}

/// The files that differ between two sites: only in `a`, only in `b`, or
/// with other bytes. Empty when the two are the same site.
pub fn differences(a: &Path, b: &Path) -> Result<Vec<String>> {
    let (fa, fb) = (files(a)?, files(b)?);
    let mut out = Vec::new();
    for (path, d) in &fa {
        match fb.get(path) {
            None => out.push(format!("only in {}: {path}", a.display())),
            Some(e) if e != d => out.push(format!("differs: {path}")),
            Some(_) => {}
        }
    }
    for path in fb.keys().filter(|p| !fa.contains_key(*p)) {
        out.push(format!("only in {}: {path}", b.display()));
    }
    Ok(out)
}

/// Where the first of the differing text files (no compressed copy)
/// first differs: its path and the two builds' bytes around that place.
pub fn first_difference(a: &Path, b: &Path, diff: &[String]) -> Option<String> {
    let path = diff
        .iter()
        .filter_map(|d| d.strip_prefix("differs: "))
        .find(|p| !p.ends_with(".br") && !p.ends_with(".gz") && !p.ends_with(".png"))?;
    let (x, y) = (
        std::fs::read(a.join(path)).ok()?,
        std::fs::read(b.join(path)).ok()?,
    );
    let at = x.iter().zip(&y).take_while(|(p, q)| p == q).count();
    let around = |v: &[u8]| {
        let from = at.saturating_sub(80);
        String::from_utf8_lossy(&v[from..(at + 160).min(v.len())]).into_owned()
    };
    Some(format!(
        "{path} first differs at byte {at}:\n  one:   {}\n  other: {}",
        around(&x),
        around(&y)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_of(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("insyn-digest-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (p, t) in files {
            let f = dir.join(p);
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, t).unwrap();
        }
        dir
    }

    #[test]
    fn the_same_files_give_the_same_digest_and_a_changed_byte_or_name_another() {
        let a = site_of("a", &[("index.html", "x"), ("r/a.json", "{}")]);
        let b = site_of("b", &[("r/a.json", "{}"), ("index.html", "x")]);
        assert_eq!(site(&a).unwrap(), site(&b).unwrap());
        assert!(differences(&a, &b).unwrap().is_empty());
        let c = site_of("c", &[("index.html", "y"), ("r/a.json", "{}")]);
        assert_ne!(site(&a).unwrap(), site(&c).unwrap());
        assert_eq!(differences(&a, &c).unwrap(), ["differs: index.html"]);
        let first = first_difference(&a, &c, &differences(&a, &c).unwrap()).unwrap();
        assert!(
            first.starts_with("index.html first differs at byte 0"),
            "{first}"
        );
        let d = site_of("d", &[("index.html", "x"), ("r/b.json", "{}")]);
        assert_ne!(site(&a).unwrap(), site(&d).unwrap());
        assert_eq!(differences(&a, &d).unwrap().len(), 2);
    }
}
