//! `cargo xtask import SOURCE --out DRAFT.json`: the text of a board's
//! annual analysis or statement read into a draft report file
//! (`insyn::import`), with its review points printed one a line. Writes
//! nothing when the text is not a report of a known kind.

use std::path::Path;

use insyn::import::{import_bytes, Draft};
use insyn::model::parse_report;

/// Runs the import. `Ok` when a draft was written (review points are no
/// error); `Err` with a message when nothing was written.
pub fn run(source: &str, out: &str) -> Result<(), String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_of_no_known_kind_writes_nothing_and_fails_with_a_message() {
        let dir = std::env::temp_dir().join(format!("insyn-import-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let src = dir.join("brev.txt");
        let out = dir.join("utkast.json");
        std::fs::write(&src, "Ett brev.\n\nMed vänlig hälsning\n").unwrap();
        let e = run(src.to_str().unwrap(), out.to_str().unwrap()).unwrap_err();
        assert!(
            e.contains("varken en årsanalys") && e.contains("inget utkast skrivet"),
            "{e}"
        );
        assert!(!out.exists(), "nothing written");
        std::fs::write(&src, "").unwrap();
        assert!(run(src.to_str().unwrap(), out.to_str().unwrap())
            .unwrap_err()
            .contains("tom"));
        assert!(!out.exists());
    }

    #[test]
    fn a_report_text_writes_a_draft_that_validates() {
        let dir = std::env::temp_dir().join(format!("insyn-import-ok-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let src = dir.join("arsanalys.txt");
        let out = dir.join("utkast.json");
        std::fs::write(
            &src,
            "Målområde - En mer jämlik stad\n\nKommunfullmäktigemål - Malmö stad arbetar för att staden ska bli fri från segregation\n\n\
             Bedömning av bidrag till kommunfullmäktigemålet för året\n\nDelvis uppnåtts\n\n\
             Bedömningen är att bidraget till kommunfullmäktigemålet för 2026 har delvis uppnåtts.\n\n\
             Bedömning av förväntad förflyttning för mandatperioden\n\n\
             Bedömningen är att bidraget förväntas leda till önskad förflyttning.\n\nÅrsanalys 2026, Provnämnden 1 (1)\n",
        )
        .unwrap();
        run(src.to_str().unwrap(), out.to_str().unwrap()).unwrap();
        let json = std::fs::read_to_string(&out).unwrap();
        assert!(parse_report("utkast.json", &json).is_ok());
        assert!(json.contains("\"delvis_uppnatt\""));
    }
}
