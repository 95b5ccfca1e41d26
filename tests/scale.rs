//! The paths past one thread and one machine: extraction on several threads,
//! and `extract` on any split of the inputs followed by one `merge`, both give
//! the outputs of one single-threaded `build`, byte for byte.

use crate::common;
use common::*;
use std::fs;

const OUTPUTS: [&str; 4] = ["graph.dot", "graph.jsonld", "graph.graphml", "report.html"];

fn assert_same_outputs(a: &std::path::Path, b: &std::path::Path) {
    for f in OUTPUTS {
        assert_eq!(unstamped(fs::read(a.join(f)).unwrap()), unstamped(fs::read(b.join(f)).unwrap()), "{f} differs between {} and {}", a.display(), b.display());
    }
}

#[test]
fn merging_the_fragments_of_any_split_equals_one_build() {
    let built = scratch("scale-built");
    assert!(oversight(&["build", "seeds", "tests/extra/docs", "--out", s(&built), "-q", "-j", "1"]).status.success());
    let dir = scratch("scale-fragments");
    // Three uneven parts, extracted separately, merged in another order.
    let parts: [&[&str]; 3] = [
        &["seeds/000_055c6bd38cbdef09.txt", "tests/extra/docs"],
        &["seeds/003_6eb7b694ebc82621.txt", "seeds/001_2821e7f9a10a2e44.txt"],
        &["seeds/002_f86d7257481c8ae3.txt", "seeds/004_6fef30caab08414b.txt"],
    ];
    let mut files = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let frag = dir.join(format!("part{i}.jsonl"));
        let mut args = vec!["extract", "--out", s(&frag)];
        args.extend_from_slice(part);
        let o = oversight(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        files.push(frag);
    }
    let merged = scratch("scale-merged");
    let mut args = vec!["merge", "--out", s(&merged), "-q"];
    args.extend(files.iter().rev().map(|f| s(f)));
    let o = oversight(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_same_outputs(&built, &merged);
}

#[test]
fn every_fragment_line_is_one_document() {
    let dir = scratch("scale-lines");
    let frag = dir.join("seeds.jsonl");
    assert!(oversight(&["extract", "seeds", "--out", s(&frag)]).status.success());
    let text = fs::read_to_string(&frag).unwrap();
    let docs: Vec<String> = text.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"].as_str().unwrap().to_string()).collect();
    assert_eq!(docs.len(), 5, "{docs:?}");
}

#[test]
fn threads_change_nothing_in_the_outputs() {
    let one = scratch("scale-one-thread");
    let two = scratch("scale-two-threads");
    assert!(oversight(&["build", "seeds", "tests/extra/docs", "--out", s(&one), "-q", "--threads", "1"]).status.success());
    assert!(oversight(&["build", "seeds", "tests/extra/docs", "--out", s(&two), "-q", "--threads", "2"]).status.success());
    assert_same_outputs(&one, &two);
}

#[test]
fn a_broken_fragment_is_an_error_naming_its_line() {
    let dir = scratch("scale-broken");
    let frag = dir.join("bad.jsonl");
    fs::write(&frag, "{\"doc\": 1}\n").unwrap();
    let o = oversight(&["merge", s(&frag), "--out", s(&dir.join("out"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("bad.jsonl: line 1"), "{}", stderr(&o));
    assert!(!dir.join("out").exists());
}
