//! `cargo xtask migrate FILE…`: writes each report file written for an
//! older `schema_version` as the current version (`insyn::model::migrate`),
//! printing every value it filled in, and what is still missing.

use insyn::model::migrate::{self, Rules};

use crate::tools::Result;

/// Migrates each file in place. Fails when a file cannot be read, or is
/// still invalid after the migration (it is written all the same, so what
/// remains is added by hand to the migrated file).
pub fn run(files: &[String]) -> Result {
    let rules = Rules::bundled()?;
    let mut problems = 0;
    for file in files {
        let src = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        let Some(m) = migrate::migrate(&src, &rules) else {
            println!("{file}: nothing to migrate (already the current version, or not a report the rules know)");
            continue;
        };
        std::fs::write(file, &m.text).map_err(|e| format!("{file}: {e}"))?;
        println!(
            "{file}: migrated from schema_version {}, {} value(s) filled in:",
            m.from,
            m.notes.len()
        );
        for n in &m.notes {
            println!("  {}: {}", n.path, n.message);
        }
        if let Err(ds) = insyn::model::parse_report(file, &m.text) {
            problems += ds.len();
            for d in &ds {
                println!("  still to fill in by hand: {d}");
            }
        }
    }
    match problems {
        0 => Ok(()),
        n => Err(format!("{n} problem(s) left in the migrated files")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_version_1_file_is_written_as_the_current_version_and_a_second_run_changes_nothing() {
        let dir = std::env::temp_dir().join(format!("insyn-migrate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("asn-2024.json");
        std::fs::copy(crate::root().join("tests/fixtures/v1/asn-2024.json"), &file).unwrap();
        let name = file.to_string_lossy().into_owned();
        super::run(std::slice::from_ref(&name)).unwrap();
        let once = std::fs::read_to_string(&file).unwrap();
        assert!(insyn::model::parse_report("asn-2024.json", &once).is_ok());
        super::run(&[name]).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), once);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
