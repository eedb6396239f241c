//! Project tasks, run as `cargo xtask <command>`:
//!
//! - `serve`: install what is missing, then serve the viewer on http://127.0.0.1:8080
//! - `test`: install what is missing, then run every test tier
//! - `dist [--base /path/] [--site-url https://host] [--licence URL] [--contact E-MAIL]`:
//!   build the static site into `dist/`
//! - `validate [FILE…]`: validate report files (all bundled ones when none are given)
//! - `bench [--ci]`: size, Lighthouse and takeover budgets, chart render times
//! - `schema`: write `assets/reports/schema.json` from the Rust types

mod bench;
mod dist;
mod findable;
mod fuzz;
mod opendata;
mod seo;
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
    "usage: cargo xtask <serve | test | bench [--ci] | fuzz --seconds N (each of two targets) | dist [--base /path/] [--site-url https://host] [--licence URL] [--contact E-MAIL] | validate [FILE…] | schema>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    let result = match args.first().map(String::as_str) {
        Some("serve") => tools::ensure_build_tools(&root).and_then(|()| {
            println!("→ serving the viewer with the bundled reports on http://127.0.0.1:8080 (Ctrl-C stops)");
            tools::run("trunk serve", tools::cmd(&root, "trunk").args(["serve", "--offline"]))
        }),
        Some("test") => test::run_all(&root),
        Some("bench") => tools::ensure_build_tools(&root)
            .and_then(|()| tools::ensure_test_tools(&root))
            .and_then(|()| bench::run(&root, args.iter().any(|a| a == "--ci"))),
        Some("dist") => {
            let base = match args.iter().position(|a| a == "--base") {
                Some(i) => match args.get(i + 1) {
                    Some(b) => b.clone(),
                    None => {
                        eprintln!("xtask: --base needs a path, e.g. --base /insyn/");
                        return ExitCode::FAILURE;
                    }
                },
                None => "/".into(),
            };
            let options = match publish_options(&args) {
                Ok(o) => o,
                Err(e) => {
                    eprintln!("xtask: {e}");
                    return ExitCode::FAILURE;
                }
            };
            tools::ensure_build_tools(&root)
                .and_then(|()| dist::build(&root, &base, "dist", &options))
                .map(|d| {
                    println!("the site is in {}", d.display());
                })
        }
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
        Some("schema") if args.iter().any(|a| a == "--stdout") => {
            print!("{}", insyn::model::schema::json_schema());
            Ok(())
        }
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
    let path = root.join("assets/reports/schema.json");
    let text = insyn::model::schema::json_schema();
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}
