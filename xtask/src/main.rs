//! Project tasks, run as `cargo xtask <command>`; the arguments are parsed by
//! clap (derive API, [`Cli`]), so `cargo xtask --help` lists the commands and
//! `cargo xtask COMMAND --help` each one's options:
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
//! - `bench [--ci | --archive [--sizes 5,50,500] [--built]]`: size, Lighthouse and takeover
//!   budgets, chart render times; or the figures of synthetic archives of 5, 50 and 500 reports
//! - `fuzz [--seconds N]`: libFuzzer on three targets, N seconds (default 60) each
//! - `corpus --reports N --out DIR`: a synthetic archive of N reports for tests and benchmarks
//! - `schema [--stdout [--glossary | --goals]]`: write `assets/reports/schema.json`,
//!   `assets/glossary.schema.json` and `assets/goals.schema.json` from the Rust types (or print
//!   one of them)

mod bench;
mod corpus;
mod dist;
mod fuzz;
mod import;
mod migrate;
mod serve;
mod test;
mod tools;
mod validate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use dist::site;

pub fn root() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    dir.parent().map(PathBuf::from).unwrap_or(dir)
}

/// Project tasks of Insyn: `cargo xtask <command>`.
#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install what is missing, build the site as `dist` does and serve it on
    /// http://127.0.0.1:8080 with the hosting headers, rebuilding on change
    Serve,
    /// Trunk's development server (no pre-rendering, no headers)
    Dev,
    /// Install what is missing, then run every test tier
    Test,
    /// Budgets (first-load size, Lighthouse, takeover), or the archive's figures
    Bench {
        /// Only the budgets CI enforces (no chart timings)
        #[arg(long)]
        ci: bool,
        /// Sites of 5, 50 and 500 reports: what each page fetches, time until live, search, build time
        #[arg(long)]
        archive: bool,
        /// The archive sizes, e.g. 5,50
        #[arg(
            long,
            value_delimiter = ',',
            value_parser = archive_size,
            requires = "archive"
        )]
        sizes: Option<Vec<usize>>,
        /// Measure the sites as last built, without building them
        #[arg(long, requires = "archive")]
        built: bool,
    },
    /// libFuzzer on parse + validate and on the importer, N seconds for each of three targets
    Fuzz {
        /// Seconds for each target
        #[arg(long, value_name = "N", default_value_t = 60)]
        seconds: u64,
    },
    /// Build the static site
    Dist {
        /// The path the site is served under, e.g. /insyn/
        #[arg(long, default_value = "/")]
        base: String,
        /// Build from the report files in DIR (with its index.json) instead of the bundled ones
        #[arg(long, value_name = "DIR")]
        reports: Option<PathBuf>,
        /// The folder to write, below the repository
        #[arg(long, value_name = "DIR", default_value = "dist")]
        out: String,
        /// Draw and compress every file again, without reading the build's cache (target/build-cache)
        #[arg(long)]
        clean: bool,
        /// Build with this glossary instead of assets/glossary.json
        #[arg(long, value_name = "FILE")]
        glossary: Option<PathBuf>,
        #[command(flatten)]
        publish: Publish,
    },
    /// A draft report file from a board's text, with review points
    Import {
        /// The text of the board's PDF (pdftotext -layout)
        source: String,
        /// The draft report file to write
        #[arg(long, value_name = "DRAFT.json")]
        out: String,
    },
    /// Validate report files (every bundled one when none is given)
    Validate {
        /// The report files to validate
        #[arg(value_name = "FILE")]
        files: Vec<String>,
    },
    /// Rewrite report files written for an older schema_version as the current one, listing what was filled in
    Migrate {
        /// The report files to migrate, in place
        #[arg(value_name = "FILE", required = true)]
        files: Vec<String>,
    },
    /// Write the JSON schemas from the Rust types (or print one)
    Schema {
        /// Print the report schema instead of writing the files
        #[arg(long)]
        stdout: bool,
        /// With --stdout: the glossary's schema
        #[arg(long, requires = "stdout")]
        glossary: bool,
        /// With --stdout: the goals file's schema
        #[arg(long, requires = "stdout")]
        goals: bool,
    },
    /// Check a built site: every internal link, sitemap and data address resolves, no page is orphaned
    CheckSite {
        /// The built site's folder, below the repository
        #[arg(value_name = "DIR", default_value = "dist")]
        dir: String,
        /// The path the site was built for
        #[arg(long, default_value = "/")]
        base: String,
        /// The site's public address, as given to dist
        #[arg(long, value_name = "https://host")]
        site_url: Option<String>,
    },
    /// A synthetic archive of N reports, for tests and benchmarks
    Corpus {
        /// How many reports
        #[arg(long = "reports", value_name = "N")]
        reports: usize,
        /// The folder to write, below the repository
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

/// `--site-url`, `--licence` and `--contact` of `cargo xtask dist`.
#[derive(clap::Args)]
struct Publish {
    /// The site's public address, for canonical links, the sitemap and share cards
    #[arg(long, value_name = "https://host")]
    site_url: Option<String>,
    /// The data's licence, as a URL
    #[arg(long, value_name = "URL")]
    licence: Option<String>,
    /// The publisher's contact e-mail
    #[arg(long, value_name = "E-MAIL")]
    contact: Option<String>,
}

/// One size of `bench --sizes` (spaces around it allowed, as before clap).
fn archive_size(s: &str) -> Result<usize, String> {
    s.trim().parse().map_err(|e| format!("{e}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = root();
    match run(&root, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one command.
fn run(root: &Path, command: Command) -> tools::Result {
    match command {
        Command::Serve => tools::ensure_build_tools(root).and_then(|()| serve::serve(root)),
        Command::Dev => tools::ensure_build_tools(root).and_then(|()| serve::dev(root)),
        Command::Test => test::run_all(root),
        Command::Bench {
            ci,
            archive,
            sizes,
            built,
        } => tools::ensure_build_tools(root)
            .and_then(|()| tools::ensure_test_tools(root))
            .and_then(|()| match archive {
                true => {
                    let sizes = sizes.unwrap_or_else(|| bench::ARCHIVE_SIZES.to_vec());
                    bench::run_archive(root, &sizes, built)
                }
                false => bench::run(root, ci),
            }),
        Command::Fuzz { seconds } => fuzz::run_fuzz(root, seconds),
        Command::Dist {
            base,
            reports,
            out,
            clean,
            glossary,
            publish,
        } => {
            let options = site::Options {
                site_url: publish
                    .site_url
                    .map(|u| site::parse_site_url(&u))
                    .transpose()?,
                licence: publish.licence,
                contact: publish.contact,
                clean,
                glossary: glossary.map(|g| root.join(g)),
            };
            let reports = reports.map(|d| root.join(d));
            tools::ensure_build_tools(root)?;
            let d = dist::build_from(root, &base, &out, reports.as_deref(), &options)?;
            println!("the site is in {}", d.display());
            Ok(())
        }
        Command::Import { source, out } => import::run(&source, &out),
        Command::Validate { files } => match validate::run(root, &files) {
            0 => Ok(()),
            n => Err(format!("{n} error(s)")),
        },
        Command::Migrate { files } => migrate::run(&files),
        Command::Schema {
            stdout: true,
            glossary,
            goals,
        } => {
            print!(
                "{}",
                if glossary {
                    insyn::model::schema::glossary_json_schema()
                } else if goals {
                    insyn::import::goals::goals_json_schema()
                } else {
                    insyn::model::schema::json_schema()
                }
            );
            Ok(())
        }
        Command::Schema { .. } => write_schema(root),
        Command::Corpus { reports, out } => corpus::run(root, reports, &root.join(out)),
        Command::CheckSite {
            dir,
            base,
            site_url,
        } => check_site(root, &dir, &base, site_url),
    }
}

/// `cargo xtask check-site`.
fn check_site(root: &Path, dir: &str, base: &str, site_url: Option<String>) -> tools::Result {
    let url = site_url.map(|u| site::parse_site_url(&u)).transpose()?;
    dist::check::check(&root.join(dir), &site::normalize_base(base), url.as_deref())?;
    println!("the site check found no problem");
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, clap::Error> {
        Cli::try_parse_from(std::iter::once("xtask").chain(args.iter().copied())).map(|c| c.command)
    }

    #[test]
    fn the_options_keep_their_defaults() {
        assert!(matches!(
            parse(&["fuzz"]),
            Ok(Command::Fuzz { seconds: 60 })
        ));
        match parse(&["dist"]).unwrap() {
            Command::Dist {
                base, out, reports, ..
            } => assert_eq!((base.as_str(), out.as_str(), reports), ("/", "dist", None)),
            _ => panic!("not dist"),
        }
        match parse(&["bench", "--archive", "--sizes", "5, 50"]).unwrap() {
            Command::Bench { sizes, archive, .. } => {
                assert!(archive);
                assert_eq!(sizes, Some(vec![5, 50]));
            }
            _ => panic!("not bench"),
        }
        match parse(&["import", "a.txt", "--out", "b.json"]).unwrap() {
            Command::Import { source, out } => {
                assert_eq!((source.as_str(), out.as_str()), ("a.txt", "b.json"))
            }
            _ => panic!("not import"),
        }
    }

    #[test]
    fn an_unknown_command_or_a_missing_value_is_refused() {
        for args in [
            &["nothing"][..],
            &[],
            &["dist", "--base"],
            &["import", "a.txt"],
            &["corpus", "--reports", "x", "--out", "d"],
            &["bench", "--sizes", "5"],
        ] {
            assert!(parse(args).is_err(), "{args:?}");
        }
    }
}
