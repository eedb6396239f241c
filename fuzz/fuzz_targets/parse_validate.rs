//! Parse and validate arbitrary bytes as a report file and as a manifest:
//! whatever the input, the result is a report or diagnostics, never a panic.
#![no_main]

use insyn::model::validate::check_collection;
use insyn::model::{parse_manifest, parse_report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    match parse_report("fuzz.json", src) {
        Ok(r) => {
            let _ = check_collection(&[("fuzz.json".to_string(), r)]);
        }
        Err(diagnostics) => {
            for d in diagnostics {
                // Every diagnostic names a path and can be shown.
                assert!(d.path.starts_with('$'));
                let _ = d.to_string();
            }
        }
    }
    let _ = parse_manifest("index.json", src);
});
