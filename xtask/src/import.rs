//! `cargo xtask import SOURCE --out DRAFT.json`: the text of a board's
//! annual analysis or statement read into a draft report file
//! (`insyn::import`), with its review points printed one a line. Writes
//! nothing when the text is not a report of a known kind.

use std::path::Path;

use insyn::import::{import_bytes, Draft};
use insyn::model::parse_report;

/// Runs the import. `Ok` when a draft was written (review points are no
/// error); `Err` with a message when nothing was written.
pub fn run(args: &[String]) -> Result<(), String> {
    let usage = "usage: cargo xtask import SOURCE.txt --out DRAFT.json";
    let out = match args.iter().position(|a| a == "--out") {
        Some(i) => args.get(i + 1).ok_or(usage)?,
        None => return Err(usage.into()),
    };
    let source = args
        .iter()
        .enumerate()
        .find(|(i, a)| {
            !a.starts_with("--") && args.get(i.wrapping_sub(1)).is_none_or(|p| p != "--out")
        })
        .map(|(_, a)| a)
        .ok_or(usage)?;
    // Paths as given, from the current folder (as `cargo xtask validate`).
    let source_path = Path::new(source);
    let bytes = std::fs::read(source_path).map_err(|e| format!("{source}: kan inte läsas: {e}"))?;
    let name = Path::new(source)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let started = std::time::Instant::now();
    let draft =
        import_bytes(&bytes, &name).map_err(|e| format!("{source}: {e}; inget utkast skrivet"))?;
    let elapsed = started.elapsed();
    let json = draft.to_json();
    check(&draft, &json, out)?;
    std::fs::write(out, &json).map_err(|e| format!("{out}: kan inte skrivas: {e}"))?;
    for p in &draft.review {
        println!("{source}: {p}");
    }
    println!(
        "{out}: utkast skrivet på {:.0} ms, {} granskningspunkter",
        elapsed.as_secs_f64() * 1000.0,
        draft.review.len()
    );
    Ok(())
}

/// A draft must pass the validator; one that does not is the importer's
/// fault, and nothing is written.
fn check(_draft: &Draft, json: &str, out: &str) -> Result<(), String> {
    parse_report(out, json).map(|_| ()).map_err(|ds| {
        let lines: Vec<String> = ds.iter().map(|d| d.to_string()).collect();
        format!(
            "utkastet klarar inte valideringen (ett fel i importen):\n{}",
            lines.join("\n")
        )
    })
}
