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

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
        #[arg(long, value_delimiter = ',', requires = "archive")]
        sizes: Option<Vec<usize>>,
        /// Measure the sites as last built, without building them
        #[arg(long, requires = "archive")]
        built: bool,
    },
    /// libFuzzer on parse + validate and on the importer, SECONDS for each of three targets
    Fuzz {
        #[arg(long, default_value_t = 60)]
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
    Validate { files: Vec<String> },
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
    /// A synthetic archive of N reports, for tests and benchmarks
    Corpus {
        #[arg(long = "reports", value_name = "N")]
        reports: usize,
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
            publish,
        } => {
            let options = findable::Options {
                site_url: publish
                    .site_url
                    .map(|u| seo::parse_site_url(&u))
                    .transpose()?,
                licence: publish.licence,
                contact: publish.contact,
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
    }
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
