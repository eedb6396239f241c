//! `cargo xtask dist [--base /path/]`: the static site, ready for any host.

use std::path::{Path, PathBuf};

use insyn::model::{parse_manifest, parse_report, Report};

use crate::tools::{cmd, run, Result};

/// Normalises a base path to "/…/" form.
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

/// Builds the release site into `out` (relative to the root) for the given base path.
pub fn build(root: &Path, base: &str, out: &str) -> Result<PathBuf> {
    let base = normalize_base(base);
    let dist = root.join(out);
    println!("→ trunk build --release (public URL {base}) (about 1 min, 10 s when warm)");
    run(
        "trunk build",
        cmd(root, "trunk")
            .args([
                "build",
                "--release",
                "--offline",
                "--public-url",
                &base,
                "--dist",
            ])
            .arg(&dist),
    )?;
    let routes = site_routes(root)?;
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("dist/index.html: {e}"))?;
    for r in &routes {
        let dir = dist.join(r.trim_start_matches('/'));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        std::fs::write(dir.join("index.html"), &index)
            .map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    // Hosts that serve 404.html for unknown paths (GitHub Pages) show the app's own "not found".
    std::fs::write(dist.join("404.html"), &index).map_err(|e| format!("404.html: {e}"))?;
    println!(
        "  wrote an HTML file for each of {} routes",
        routes.len() + 1
    );
    Ok(dist)
}

/// Every route of the site, from the bundled manifest and reports.
pub fn site_routes(root: &Path) -> Result<Vec<String>> {
    let dir = root.join("assets/reports");
    let src = std::fs::read_to_string(dir.join("index.json"))
        .map_err(|e| format!("reports/index.json: {e}"))?;
    let manifest = parse_manifest("reports/index.json", &src).map_err(|d| {
        format!(
            "reports/index.json is invalid: {}",
            d.first().map(ToString::to_string).unwrap_or_default()
        )
    })?;
    let mut routes = vec![
        "/jamfor".to_string(),
        "/jamfor/mal".into(),
        "/jamfor/ekonomi".into(),
    ];
    for e in &manifest.reports {
        let src = std::fs::read_to_string(dir.join(&e.file))
            .map_err(|err| format!("{}: {err}", e.file))?;
        let report = parse_report(&e.file, &src).map_err(|d| {
            format!(
                "{} is invalid: {}",
                e.file,
                d.first().map(ToString::to_string).unwrap_or_default()
            )
        })?;
        let id = &e.id;
        routes.push(format!("/{id}"));
        routes.push(format!("/inbaddning/{id}"));
        if let Report::Annual(a) = &report {
            routes.push(format!("/{id}/ekonomi"));
            for (_, g) in a.goals() {
                routes.push(format!("/{id}/mal/{}", g.id));
                routes.push(format!("/inbaddning/{id}/mal/{}", g.id));
            }
            for t in &a.tables {
                routes.push(format!("/{id}/ekonomi/{}", t.id));
                routes.push(format!("/inbaddning/{id}/ekonomi/{}", t.id));
            }
        }
    }
    Ok(routes)
}
