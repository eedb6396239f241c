//! Project tasks, run as `cargo xtask <command>`:
//!
//! - `serve`: install what is missing, then build the site as `dist` does and serve it on
//!   http://127.0.0.1:8080 with the hosting headers, rebuilding on change
//! - `dev`: Trunk's development server (no pre-rendering, no headers)
//! - `test`: install what is missing, then run every test tier
//! - `dist [--base /path/] [--reports DIR] [--out DIR] [--site-url https://host] [--licence URL]
//!   [--contact E-MAIL]`: build the static site into `dist/` (from the report files in DIR
//!   instead of the bundled ones)
//! - `import SOURCE --out DRAFT.json`: a draft report file from a board's text, with review points
//! - `validate [FILE…]`: validate report files (all bundled ones when none are given)
//! - `bench [--ci]`: size, Lighthouse and takeover budgets, chart render times
//! - `corpus --reports N --out DIR`: a synthetic archive of N reports for tests and benchmarks
//! - `schema`: write `assets/reports/schema.json` and `assets/glossary.schema.json` from the Rust types

mod bench;
mod corpus;
mod dist;
mod findable;
mod fuzz;
mod html;
mod import;
mod modules;
mod opendata;
mod parallel;
mod seo;
mod serve;
mod share;
mod size;
mod test;
mod tools;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

pub fn root() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    dir.parent().map(PathBuf::from).unwrap_or(dir)
}

const USAGE: &str =
    "usage: cargo xtask <serve | dev | test | bench [--ci | --archive [--sizes 5,50,500] [--built]] | fuzz --seconds N (each of three targets) | dist [--base /path/] [--reports DIR] [--out DIR] [--site-url https://host] [--licence URL] [--contact E-MAIL] | import SOURCE --out DRAFT.json | validate [FILE…] | schema | corpus --reports N --out DIR>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    let result = match args.first().map(String::as_str) {
        Some("serve") => tools::ensure_build_tools(&root).and_then(|()| serve::serve(&root)),
        Some("dev") => tools::ensure_build_tools(&root).and_then(|()| serve::dev(&root)),
        Some("test") => test::run_all(&root),
        Some("bench") => bench_command(&root, &args),
        Some("dist") => match dist_command(&root, &args) {
            Some(r) => r,
            None => return ExitCode::FAILURE,
        },
        Some("corpus") => {
            let n = flag(&args, "--reports").and_then(|s| s.parse().ok());
            match (n, flag(&args, "--out")) {
                (Some(n), Some(out)) => corpus::run(&root, n, &root.join(out)),
                _ => Err("usage: cargo xtask corpus --reports N --out DIR".into()),
            }
        }
        Some("import") => import::run(&args[1..]),
        Some("validate") => match validate::run(&root, &args[1..]) {
            0 => Ok(()),
            n => Err(format!("{n} error(s)")),
        },
        Some("fuzz") => {
            let seconds = args
                .iter()
                .position(|a| a == "--seconds")
                .and_then(|i| args.get(i + 1))
                .and_then(|s| s.parse().ok())
                .unwrap_or(60);
            fuzz::run_fuzz(&root, seconds)
        }
        Some("schema") if args.iter().any(|a| a == "--stdout") => print_schema(&args),
        Some("schema") => write_schema(&root),
        _ => Err(USAGE.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `bench`: the budgets, or with `--archive` the archive's figures.
fn bench_command(root: &std::path::Path, args: &[String]) -> tools::Result {
    let root = root.to_path_buf();
    tools::ensure_build_tools(&root)
        .and_then(|()| tools::ensure_test_tools(&root))
        .and_then(|()| {
            if args.iter().any(|a| a == "--archive") {
                let sizes = match args.iter().position(|a| a == "--sizes") {
                    None => Ok(bench::ARCHIVE_SIZES.to_vec()),
                    Some(i) => args
                        .get(i + 1)
                        .ok_or_else(|| "--sizes needs a list, e.g. 5,50".to_string())
                        .and_then(|s| {
                            s.split(',')
                                .map(|n| n.trim().parse::<usize>())
                                .collect::<std::result::Result<Vec<_>, _>>()
                                .map_err(|e| format!("--sizes: {e}"))
                        }),
                };
                let built = args.iter().any(|a| a == "--built");
                sizes.and_then(|sizes| bench::run_archive(&root, &sizes, built))
            } else {
                bench::run(&root, args.iter().any(|a| a == "--ci"))
            }
        })
}

/// `dist`: the site, from the bundled reports or `--reports DIR`; `None`
/// when an option is wrong (its message printed).
fn dist_command(root: &std::path::Path, args: &[String]) -> Option<tools::Result> {
    let root = root.to_path_buf();
    let base = match args.iter().position(|a| a == "--base") {
        Some(i) => match args.get(i + 1) {
            Some(b) => b.clone(),
            None => {
                eprintln!("xtask: --base needs a path, e.g. --base /insyn/");
                return None;
            }
        },
        None => "/".into(),
    };
    let options = match publish_options(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("xtask: {e}");
            return None;
        }
    };
    let reports = flag(args, "--reports").map(|d| root.join(d));
    Some(
        tools::ensure_build_tools(&root)
            .and_then(|()| {
                let out = flag(args, "--out").unwrap_or("dist");
                dist::build_from(&root, &base, out, reports.as_deref(), &options)
            })
            .map(|d| {
                println!("the site is in {}", d.display());
            }),
    )
}

/// `schema --stdout [--glossary | --goals]`: one schema on stdout.
fn print_schema(args: &[String]) -> tools::Result {
    if args.iter().any(|a| a == "--glossary") {
        print!("{}", insyn::model::schema::glossary_json_schema());
    } else if args.iter().any(|a| a == "--goals") {
        print!("{}", insyn::import::goals::goals_json_schema());
    } else {
        print!("{}", insyn::model::schema::json_schema());
    }
    Ok(())
}

/// The value after `name` in `args`.
fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    let i = args.iter().position(|a| a == name)?;
    args.get(i + 1).map(String::as_str)
}

/// `--site-url`, `--licence` and `--contact` of `cargo xtask dist`.
fn publish_options(args: &[String]) -> Result<findable::Options, String> {
    let value = |flag: &str| -> Result<Option<String>, String> {
        match args.iter().position(|a| a == flag) {
            Some(i) => match args.get(i + 1) {
                Some(v) if !v.starts_with("--") => Ok(Some(v.clone())),
                _ => Err(format!("{flag} needs a value")),
            },
            None => Ok(None),
        }
    };
    Ok(findable::Options {
        site_url: value("--site-url")?
            .map(|u| seo::parse_site_url(&u))
            .transpose()?,
        licence: value("--licence")?,
        contact: value("--contact")?,
    })
}

fn write_schema(root: &std::path::Path) -> Result<(), String> {
    for (file, text) in [
        (
            "assets/reports/schema.json",
            insyn::model::schema::json_schema(),
        ),
        (
            "assets/glossary.schema.json",
            insyn::model::schema::glossary_json_schema(),
        ),
        (
            "assets/goals.schema.json",
            insyn::import::goals::goals_json_schema(),
        ),
    ] {
        let path = root.join(file);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
