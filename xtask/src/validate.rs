//! `cargo xtask validate [FILE…]`: the viewer's own validation on the command line.

use std::path::{Path, PathBuf};

use insyn::model::migrate;
use insyn::model::validate::check_collection;
use insyn::model::{parse_glossary, parse_manifest, Report};

/// Validates the given files (or every bundled report when none are given),
/// then checks links across them and the bundled reports. Returns the number of errors.
pub fn run(root: &Path, files: &[String]) -> usize {
    let reports_dir = root.join("assets/reports");
    let bundled = bundled_files(&reports_dir);
    let given: Vec<PathBuf> = if files.is_empty() {
        bundled.clone()
    } else {
        files.iter().map(PathBuf::from).collect()
    };
    let mut errors = 0;
    let rules = match migrate::Rules::bundled() {
        Ok(r) => r,
        Err(e) => {
            println!("{e}");
            return 1;
        }
    };
    if files.is_empty() {
        errors += check_glossary(root);
        errors += check_manifest(&reports_dir);
    }
    let mut loaded: Vec<(String, Report)> = Vec::new();
    let mut given_names = Vec::new();
    for path in &given {
        let name = display_name(path);
        given_names.push(name.clone());
        match std::fs::read_to_string(path) {
            Ok(src) => match migrate::parse_report(&name, &src, &rules) {
                Ok((r, m)) => {
                    println!("OK   {name} ({})", r.id());
                    let notes = m.map(|m| m.notes).unwrap_or_default();
                    if !notes.is_empty() {
                        println!("     written for an older schema_version and read by migrating it (cargo xtask migrate {name} writes it):");
                    }
                    for n in &notes {
                        println!("     {}: {}", n.path, n.message);
                    }
                    loaded.push((name, r));
                }
                Err(ds) => {
                    for d in &ds {
                        println!("{d}");
                    }
                    errors += ds.len();
                }
            },
            Err(e) => {
                println!("{name}: kan inte läsas: {e}");
                errors += 1;
            }
        }
    }
    // Links are checked against the bundled reports too.
    for path in &bundled {
        let name = display_name(path);
        if given_names.contains(&name) {
            continue;
        }
        if let Ok(src) = std::fs::read_to_string(path) {
            if let Ok((r, _)) = migrate::parse_report(&name, &src, &rules) {
                loaded.push((name, r));
            }
        }
    }
    for d in check_collection(&loaded) {
        if given_names.contains(&d.file) {
            println!("{d}");
            errors += 1;
        }
    }
    if errors == 0 {
        println!("Inga fel.");
    } else {
        println!("{errors} fel.");
    }
    errors
}

/// Checks `reports/index.json`, and that each file it lists exists.
fn check_manifest(reports_dir: &Path) -> usize {
    let mut errors = 0;
    let manifest = reports_dir.join("index.json");
    match std::fs::read_to_string(&manifest) {
        Ok(src) => match parse_manifest("reports/index.json", &src) {
            Ok(m) => {
                for e in &m.reports {
                    if !reports_dir.join(&e.file).exists() {
                        println!(
                            "reports/index.json: rapporten {} pekar på {}, som saknas",
                            e.id, e.file
                        );
                        errors += 1;
                    }
                }
                println!("OK   reports/index.json ({} rapporter)", m.reports.len());
            }
            Err(ds) => {
                for d in ds {
                    println!("{d}");
                    errors += 1;
                }
            }
        },
        Err(e) => {
            println!("reports/index.json: kan inte läsas: {e}");
            errors += 1;
        }
    }
    errors
}

/// Checks `assets/glossary.json` with the viewer's own code.
fn check_glossary(root: &Path) -> usize {
    let path = root.join("assets/glossary.json");
    match std::fs::read_to_string(&path) {
        Ok(src) => match parse_glossary("glossary.json", &src) {
            Ok(g) => {
                println!("OK   glossary.json ({} begrepp)", g.terms.len());
                0
            }
            Err(ds) => {
                for d in &ds {
                    println!("{d}");
                }
                ds.len()
            }
        },
        Err(e) => {
            println!("glossary.json: kan inte läsas: {e}");
            1
        }
    }
}

fn display_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Every report file in the folder: `*.json` except the manifest and the schema.
pub fn bundled_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().is_some_and(|x| x == "json")
                        && !matches!(
                            p.file_name().and_then(|n| n.to_str()),
                            Some("index.json" | "schema.json")
                        )
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}
