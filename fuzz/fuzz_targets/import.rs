//! Import arbitrary bytes as a board's text (`insyn::import`): whatever the
//! input, the result is a clear error or a draft with review points, never
//! a panic, and every draft passes the validator.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(draft) = insyn::import::import_bytes(data, "fuzz.txt") {
        let json = draft.to_json();
        if let Err(ds) = insyn::model::parse_report("draft.json", &json) {
            panic!("a draft that does not validate: {}", ds[0]);
        }
    }
});
