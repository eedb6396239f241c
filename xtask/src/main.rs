//! Project tasks: `cargo xtask <serve|test|dist|validate|schema|bench|fuzz>`.

mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

fn root() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    dir.parent().map(PathBuf::from).unwrap_or(dir)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    let result = match args.first().map(String::as_str) {
        Some("validate") => {
            if validate::run(&root, &args[1..]) == 0 {
                Ok(())
            } else {
                Err("validation failed".to_string())
            }
        }
        _ => Err(format!("usage: cargo xtask <serve|test|dist|validate|schema|bench|fuzz>; got {args:?}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
