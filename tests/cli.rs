//! The command line through the real binary: builds, the summary, determinism,
//! and every kind of bad input with its message, exit code and untouched outputs.

use crate::common;
use common::*;
use std::fs;

#[test]
fn build_writes_every_output_and_a_summary() {
    let out = scratch("summary");
    let o = oversight(&["build", "seeds", "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("read 5 documents"), "{text}");
    assert!(text.contains("Person") && text.contains("heldRole") && text.contains("took"), "{text}");
    for f in ["graph.dot", "graph.jsonld", "graph.graphml", "report.html"] {
        assert!(fs::metadata(out.join(f)).unwrap().len() > 1000, "{f} is too small");
    }
    // No temporary files are left behind.
    let mut left: Vec<_> = fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, [".oversight.lock", "graph.dot", "graph.graphml", "graph.jsonld", "neo4j", "report.html"]);
    assert!(fs::read_dir(out.join("neo4j")).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().starts_with('.')));
}

/// The graph keeps its evidence sentences in a temporary file: nothing is
/// left in the temporary folder, and where the file cannot be made the
/// sentences stay in memory and the outputs are the same.
#[test]
fn evidence_sentences_kept_on_disk_or_in_memory_give_the_same_outputs() {
    let build = |name: &str, tmp: &std::path::Path| {
        let out = scratch(name);
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_oversight"))
            .args(["build", "seeds", "--quiet", "--out", s(&out)])
            .current_dir(root())
            .env("TMPDIR", tmp)
            .output()
            .expect("the binary runs");
        assert!(o.status.success(), "{}", stderr(&o));
        out
    };
    let tmp = scratch("sentences-tmp");
    let on_disk = build("sentences-on-disk", &tmp);
    assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0, "the sentence file is left behind");
    let in_memory = build("sentences-in-memory", &tmp.join("missing"));
    for f in ["graph.dot", "graph.jsonld", "graph.graphml", "report.html"] {
        assert_eq!(unstamped(fs::read(on_disk.join(f)).unwrap()), unstamped(fs::read(in_memory.join(f)).unwrap()), "{f} differs");
    }
    let graph = fs::read_to_string(on_disk.join("graph.jsonld")).unwrap();
    assert!(graph.contains("\"evidence\": \"") && graph.matches("\"evidence\"").count() > 20, "the evidence sentences are missing");
}

#[test]
fn default_input_is_seeds_and_output_is_named_folder() {
    let out = scratch("defaults");
    let o = oversight(&["build", "--out", s(&out), "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let named = build_seeds("defaults-named");
    assert_eq!(unstamped(fs::read(out.join("graph.jsonld")).unwrap()), unstamped(fs::read(named.join("graph.jsonld")).unwrap()));
}

#[test]
fn outputs_are_byte_identical_whatever_the_input_order() {
    let seeds: Vec<String> = {
        let mut v: Vec<String> = fs::read_dir(root().join("seeds")).unwrap().map(|e| format!("seeds/{}", e.unwrap().file_name().to_string_lossy())).collect();
        v.sort();
        v
    };
    let a = scratch("order-a");
    let b = scratch("order-b");
    let mut args: Vec<&str> = vec!["build", "--quiet", "--out", s(&a)];
    args.extend(seeds.iter().map(|x| x.as_str()));
    let o = oversight(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut args: Vec<&str> = vec!["build", "--quiet", "--out", s(&b)];
    args.extend(seeds.iter().rev().map(|x| x.as_str()));
    args.push("seeds"); // the same files named twice count once
    let o = oversight(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in ["graph.dot", "graph.jsonld"] {
        assert_eq!(unstamped(fs::read(a.join(f)).unwrap()), unstamped(fs::read(b.join(f)).unwrap()), "{f} differs");
    }
}

/// Runs a build that must fail, and checks its message, exit code, and that
/// the outputs already in the folder are untouched.
fn assert_fails(name: &str, inputs: &[&str], message: &str) {
    let out = scratch(name);
    fs::write(out.join("graph.dot"), "previous").unwrap();
    let mut args = vec!["build", "--out", s(&out)];
    args.extend_from_slice(inputs);
    let o = oversight(&args);
    assert_eq!(o.status.code(), Some(1), "exit code for {name}: {}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(message), "{name}: expected {message:?} in {err:?}");
    assert_eq!(fs::read_to_string(out.join("graph.dot")).unwrap(), "previous", "{name} touched the outputs");
    assert!(!out.join("graph.jsonld").exists(), "{name} wrote an output");
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1, "{name} left files behind");
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    assert_fails("missing", &["no/such/place.txt"], "no/such/place.txt: no such file or folder");
}

#[test]
fn a_folder_without_documents_is_an_error() {
    let dir = scratch("empty-folder-in");
    fs::write(dir.join("notes.md"), "not a document").unwrap();
    assert_fails("empty-folder", &[s(&dir)], "holds no .txt, .html or .pdf documents");
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_naming_it() {
    let dir = scratch("latin1-in");
    fs::write(dir.join("letter.txt"), b"Caf\xe9 society and the council\n").unwrap();
    assert_fails("latin1", &[s(&dir.join("letter.txt"))], "letter.txt: not UTF-8 text (invalid byte at offset 3)");
}

#[test]
fn an_empty_file_is_a_warning_and_the_build_goes_on() {
    let dir = scratch("empty-file-in");
    fs::write(dir.join("empty.txt"), "  \n").unwrap();
    fs::copy(root().join("seeds/003_6eb7b694ebc82621.txt"), dir.join("letter.txt")).unwrap();
    let out = scratch("empty-file-out");
    let o = oversight(&["build", s(&dir), "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("empty.txt: empty file, skipped"), "{}", stderr(&o));
    assert!(stdout(&o).contains("read 1 documents"));
    assert!(out.join("graph.jsonld").exists());
}

#[test]
fn an_unwritable_output_folder_is_exit_code_3() {
    let dir = scratch("unwritable");
    let blocker = dir.join("file");
    fs::write(&blocker, "a file where the output folder should be").unwrap();
    let o = oversight(&["build", "seeds", "--out", s(&blocker.join("out"))]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
}

#[test]
fn help_explains_the_command_and_exit_codes() {
    let o = oversight(&["build", "--help"]);
    let text = stdout(&o);
    assert!(text.contains("--out") && text.contains("Exit codes") && text.contains("not UTF-8"), "{text}");
    let o = oversight(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}
