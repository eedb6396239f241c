//! `cargo xtask serve`: the site as `cargo xtask dist` builds it (pre-rendered
//! pages, takeover, compressed files), served on 127.0.0.1:8080 with the
//! headers of `docs/hosting.md` (`e2e/serve.mjs`), rebuilt when a source or
//! report file changes. `cargo xtask dev` is Trunk's faster loop (no
//! pre-rendering, no CSP), for work on the viewer alone.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::tools::{cmd, Result};

/// What a change to triggers a rebuild.
const WATCHED: [&str; 6] = [
    "src",
    "assets",
    "index.html",
    "Trunk.toml",
    "Cargo.toml",
    "xtask/src",
];

/// The newest modification time and the number of files under `paths`
/// (below `root`): a file added, removed or saved changes it.
pub fn fingerprint(root: &Path, paths: &[&str]) -> (Option<SystemTime>, usize) {
    let mut stack: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
    let (mut newest, mut count) = (None, 0);
    while let Some(p) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&p) {
                stack.extend(entries.flatten().map(|e| e.path()));
            }
            continue;
        }
        count += 1;
        newest = newest.max(meta.modified().ok());
    }
    (newest, count)
}

pub fn serve(root: &Path) -> Result {
    crate::dist::build(root, "/", "dist", &Default::default())?;
    let mut server = cmd(root, "node")
        .args([
            "e2e/serve.mjs",
            "--root",
            "dist",
            "--base",
            "/",
            "--port",
            "8080",
        ])
        .spawn()
        .map_err(|e| format!("node e2e/serve.mjs: {e} (is Node.js installed?)"))?;
    println!("→ http://127.0.0.1:8080/ serves dist/ as a host would; a change to {} rebuilds it (Ctrl-C stops)", WATCHED.join(", "));
    let mut seen = fingerprint(root, &WATCHED);
    loop {
        std::thread::sleep(Duration::from_millis(500));
        if let Ok(Some(status)) = server.try_wait() {
            return Err(format!("the server stopped: {status}"));
        }
        let now = fingerprint(root, &WATCHED);
        if now == seen {
            continue;
        }
        // Let an editor finish saving a group of files.
        std::thread::sleep(Duration::from_millis(300));
        seen = fingerprint(root, &WATCHED);
        println!("→ a file changed: rebuilding");
        match crate::dist::build(root, "/", "dist", &Default::default()) {
            Ok(_) => println!("→ rebuilt: reload the page"),
            Err(e) => println!("!!! the build failed, still serving the last one: {e}"),
        }
    }
}

/// Trunk's own development server (fast rebuilds; the pages are not
/// pre-rendered and no headers are set).
pub fn dev(root: &Path) -> Result {
    println!("→ trunk serve on http://127.0.0.1:8080 (the viewer only: `cargo xtask serve` shows the site as hosted)");
    crate::tools::run(
        "trunk serve",
        cmd(root, "trunk").args(["serve", "--offline"]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_adding_or_removing_a_file_changes_the_fingerprint() {
        let dir = std::env::temp_dir().join(format!("insyn-watch-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src/a")).unwrap();
        std::fs::write(dir.join("src/a/x.rs"), "1").unwrap();
        let first = fingerprint(&dir, &["src", "missing"]);
        assert_eq!(first.1, 1);
        assert_eq!(fingerprint(&dir, &["src"]), first, "nothing changed");
        std::fs::write(dir.join("src/y.rs"), "2").unwrap();
        let added = fingerprint(&dir, &["src"]);
        assert_eq!(added.1, 2);
        let f = std::fs::File::options()
            .write(true)
            .open(dir.join("src/a/x.rs"))
            .unwrap();
        f.set_modified(SystemTime::now() + Duration::from_secs(60))
            .unwrap();
        assert!(fingerprint(&dir, &["src"]).0 > added.0, "a saved file");
        std::fs::remove_file(dir.join("src/y.rs")).unwrap();
        assert_eq!(fingerprint(&dir, &["src"]).1, 1, "a removed file");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
