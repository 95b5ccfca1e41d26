//! The fuzz targets' bodies (`fuzz/src/bodies.rs`) over their committed
//! corpora (`fuzz/corpus/<target>/`), as an ordinary test: every input that
//! once crashed a target is kept in its corpus, so it stays fixed whether or
//! not the fuzzer runs. `tests/run.sh` also runs each target under libFuzzer
//! for a short while (`fuzz/run.sh`).

use crate::bodies;
use crate::common;
use std::fs;

fn replay(target: &str, body: fn(&[u8])) {
    let dir = common::root().join("fuzz/corpus").join(target);
    let mut files: Vec<_> = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 4, "the corpus of {target} has only {} inputs", files.len());
    for f in files {
        let data = fs::read(&f).unwrap();
        if let Err(e) = std::panic::catch_unwind(|| body(&data)) {
            let why = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
            panic!("fuzz target {target} fails on {}: {why}", f.display());
        }
    }
}

#[test]
fn the_reader_survives_its_corpus() {
    replay("read", bodies::read);
}

#[test]
fn the_date_resolver_survives_its_corpus() {
    replay("dates", bodies::dates);
}

#[test]
fn the_extractors_survive_their_corpus() {
    replay("extract", bodies::extract);
}

#[test]
fn the_build_of_one_document_survives_its_corpus() {
    replay("build_one", bodies::build_one);
}
