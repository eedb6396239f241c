//! Structure-aware fuzzing of parse + validate: the corpus holds report
//! files, and the custom mutator (`mutate/`) changes their parsed JSON (a
//! number, a string, an array's length, a missing or an unknown field, a
//! value's type) and writes it back, so most inputs stay JSON and reach
//! validation. The properties asserted are those of `common/`.
#![no_main]

mod common;
mod mutate;

use libfuzzer_sys::{fuzz_mutator, fuzz_target};

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        common::check(src);
    }
});

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    let mut rng = mutate::Rng::new(seed);
    // Now and then, and whenever the input is not JSON, a byte mutation:
    // it reaches the syntax errors and their positions.
    if rng.one_in(16) {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    mutate::mutate(data, size, max_size, &mut rng)
        .unwrap_or_else(|| libfuzzer_sys::fuzzer_mutate(data, size, max_size))
});
