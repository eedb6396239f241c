//! Older report files keep working (issue #34): each bundled report as it
//! was written for schema version 1 (its file at commit 9bb67ab^, kept in
//! `tests/fixtures/v1/`) is read by migrating it, and shows the same
//! figures as the current file.

use insyn::model::migrate::{self, Rules};
use insyn::model::{parse_report, Report, SCHEMA_VERSION};

const BUNDLED: [&str; 5] = [
    "asn-2024",
    "asn-2025",
    "asn-granskning-arbetsmarknadsinsatser",
    "asn-omradeslyft",
    "fsn-2024",
];

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn rules() -> Rules {
    Rules::bundled().expect("the bundled migration rules")
}

/// What a reader sees of a report's figures: every table's unit, plotted
/// columns and rows as printed, every goal's titles and assessment.
fn figures(r: &Report) -> String {
    match r {
        Report::Annual(a) => {
            let tables: Vec<String> = a
                .tables
                .iter()
                .map(|t| {
                    let rows: Vec<String> = t
                        .rows
                        .iter()
                        .map(|row| format!("{}={:?}", row.label, row.values))
                        .collect();
                    format!("{} {:?} {:?} {rows:?}", t.id, t.unit, t.plot)
                })
                .collect();
            let goals: Vec<String> = a
                .goal_areas
                .iter()
                .flat_map(|ar| {
                    ar.goals.iter().map(move |g| {
                        format!(
                            "{} / {} / {} / {} / {:?}",
                            ar.title_en, g.id, g.title, g.title_en, g.assessment
                        )
                    })
                })
                .collect();
            format!("{tables:#?}\n{goals:#?}")
        }
        Report::Statement(s) => format!("{} {} {}", s.id, s.title, s.board.name),
    }
}

#[test]
fn every_bundled_report_as_written_for_version_1_shows_the_same_figures() {
    let rules = rules();
    for name in BUNDLED {
        let old = read(&format!("tests/fixtures/v1/{name}.json"));
        assert!(old.contains("\"schema_version\": 1"), "{name}");
        // As it is, the validator refuses it and names what it lacks.
        assert!(parse_report(name, &old).is_err(), "{name}");
        let (migrated, m) = migrate::parse_report(name, &old, &rules)
            .unwrap_or_else(|d| panic!("{name}: {}", d[0]));
        // Every file was written for version 1, statements too.
        let notes = m.expect("migrated").notes;
        let current = parse_report(name, &read(&format!("assets/reports/{name}.json"))).unwrap();
        assert_eq!(figures(&migrated), figures(&current), "{name}");
        if let Report::Annual(a) = &current {
            // Each goal area's and goal's English title and each table's
            // plotted columns were filled in, and each is noted.
            let goals: usize = a.goal_areas.iter().map(|ar| ar.goals.len()).sum();
            let expected = a.goal_areas.len() + goals + a.tables.len();
            assert_eq!(notes.len(), expected, "{name}: {notes:#?}");
            assert!(notes.iter().any(|n| n.path == "$.tables[0].plot"
                && n.message.contains("kolumnerna som version 1 ritade")));
        }
    }
}

#[test]
fn the_migrated_text_is_the_file_as_written_with_the_filled_in_members() {
    let old = read("tests/fixtures/v1/asn-2025.json");
    let m = migrate::migrate(&old, &rules()).unwrap();
    assert_eq!(m.from, 1);
    let new_lines: Vec<&str> = m.text.lines().collect();
    let kept: Vec<&str> = new_lines
        .iter()
        .filter(|l| {
            let t = l.trim_start();
            !t.starts_with("\"title_en\"") && !t.starts_with("\"plot\"")
        })
        .copied()
        .collect();
    // Every line of the original is there, in order; only the version
    // changed, and a comma ends the line each member follows.
    let old_lines: Vec<String> = old
        .lines()
        .map(|l| l.trim_end_matches(',').into())
        .collect();
    let kept: Vec<String> = kept
        .iter()
        .map(|l| l.trim_end_matches(',').into())
        .collect();
    assert_eq!(old_lines.len(), kept.len());
    for (a, b) in old_lines.iter().zip(&kept) {
        if a.contains("\"schema_version\"") {
            assert_eq!(b.trim(), format!("\"schema_version\": {SCHEMA_VERSION}"));
        } else {
            assert_eq!(a, b);
        }
    }
    // A file of the current version needs nothing.
    assert!(migrate::migrate(&m.text, &rules()).is_none());
    assert!(migrate::migrate(&read("assets/reports/asn-2025.json"), &rules()).is_none());
}

#[test]
fn what_no_rule_supplies_is_left_out_and_named_where_the_file_has_it() {
    // A goal the council's list does not have: its English title is not
    // invented; the validator names the field, at the goal in the file.
    let old = read("tests/fixtures/v1/asn-2025.json").replacen(
        "\"id\": \"goda-uppvaxtvillkor\"",
        "\"id\": \"ett-eget-mal\"",
        1,
    );
    let errs = migrate::parse_report("asn-2025.json", &old, &rules()).unwrap_err();
    let d = errs
        .iter()
        .find(|d| d.path == "$.goal_areas[0].goals[0].title_en")
        .unwrap_or_else(|| panic!("{errs:#?}"));
    assert!(d.message.contains("title_en"), "{d}");
    let goal_line = old
        .lines()
        .position(|l| l.contains("ett-eget-mal"))
        .unwrap();
    // The goal's object starts on the line before its id.
    assert_eq!(d.line, Some(goal_line), "{d}");
    // A version no step starts from is not migrated: the validator says so.
    let future = old.replacen("\"schema_version\": 1", "\"schema_version\": 0", 1);
    assert!(migrate::migrate(&future, &rules()).is_none());
}

#[test]
fn a_damaged_older_file_is_refused_with_problems_never_a_panic() {
    // An older file cut off anywhere, or with a character replaced: the
    // migration gives up or the validator names a problem; nothing panics.
    let rules = rules();
    let old = read("tests/fixtures/v1/asn-2024.json");
    let cuts = old.char_indices().map(|(i, _)| i).step_by(997);
    for at in cuts {
        let cut = &old[..at];
        let _ = migrate::parse_report("x.json", cut, &rules);
        for c in ["\"", "{", "]", "1", ","] {
            let mut bent = old.clone();
            let end = at + old[at..].chars().next().map_or(0, char::len_utf8);
            bent.replace_range(at..end, c);
            if let Ok((r, _)) = migrate::parse_report("x.json", &bent, &rules) {
                assert_eq!(r.id(), "asn-2024");
            }
        }
    }
}

#[test]
fn a_readers_own_older_file_comes_back_migrated_with_its_notes_and_a_current_one_as_it_is() {
    // What the validator module answers "Öppna egen rapport" (`read_own`).
    let own = migrate::read_own("a.json", &read("tests/fixtures/v1/asn-2025.json"));
    assert!(own.problems.is_empty(), "{:#?}", own.problems);
    assert_eq!(own.from, 1);
    assert!(parse_report("a.json", own.text.as_deref().unwrap()).is_ok());
    assert!(!own.notes.is_empty());
    let current = migrate::read_own("b.json", &read("assets/reports/asn-2025.json"));
    assert_eq!(current, migrate::OwnFile::default());
    let broken = migrate::read_own("c.json", "{ \"schema_version\": 1, ");
    assert!(!broken.problems.is_empty() && broken.text.is_none());
}
