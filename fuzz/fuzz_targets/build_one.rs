//! Fuzz target `build_one`: see `fuzz/src/bodies.rs` for what it checks.
#![no_main]

#[path = "../src/bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::build_one(data));
