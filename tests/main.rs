//! The integration tests, as one test binary (`cargo test --release --test it`):
//! each `tests/NAME.rs` is a module of it, so the crate and its dependencies
//! are linked into one test executable instead of one per file. Run one file's
//! tests with `cargo test --release --test it NAME::`. Cargo.toml turns off
//! cargo's own discovery of `tests/*.rs` (`autotests = false`), so a new file
//! is a test only once it has a `mod` line here; `every_test_file_is_a_module`
//! checks that none is left out.

mod common;
mod robust;
#[path = "../fuzz/src/bodies.rs"]
mod bodies;

mod cli;
mod corpus;
mod examples;
mod exits;
mod fuzz_replay;
mod gold;
mod hostile;
mod inputs;
mod neo4j;
mod outputs;
mod processors;
mod properties;
mod queries;
mod report;
mod scale;

/// Every `tests/*.rs` is a module of this binary, or its tests would never run.
#[test]
fn every_test_file_is_a_module() {
    let dir = common::root().join("tests");
    let main = std::fs::read_to_string(dir.join("main.rs")).unwrap();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.extension().is_some_and(|e| e == "rs") && stem != "main" && !main.lines().any(|l| l == format!("mod {stem};")) {
            missing.push(stem);
        }
    }
    assert!(missing.is_empty(), "tests/main.rs has no `mod` line for tests/{missing:?}.rs, so their tests do not run");
}
