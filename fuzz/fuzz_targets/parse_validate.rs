//! Parse and validate arbitrary bytes as a report file and as a manifest:
//! whatever the input, the result is a report or diagnostics, never a panic,
//! with the properties of `common/` (positions inside the file, a valid
//! report stays valid when re-serialised).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    common::check(src);
});
