//! Laws that hold for any input, checked with proptest on generated cases
//! (and on the real documents): a resolved date never claims more precision
//! than its text; the order the inputs are named in, the folders they are
//! spread over, naming one twice, and any split into `extract` + `merge`
//! never change a byte of the outputs; every piece of evidence lies inside
//! its document, quotes the sentence at its offsets, and names an entity of
//! the fact it supports. Each law has a test that shows its check catches a
//! wrong value, so none passes with its check removed.

use crate::bodies;
use crate::common;
use crate::robust;

use common::*;
use oversight::date::PartialDate;
use proptest::prelude::*;
use robust::*;
use std::fs;
use std::path::{Path, PathBuf};

// ---- dates -----------------------------------------------------------------

const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// A phrase that states a date in one of the forms articles use, or none.
fn date_phrase() -> impl Strategy<Value = String> {
    let month = 0..12usize;
    let day = 1..32u32;
    let year = 1985..2045i32;
    prop_oneof![
        (day.clone(), month.clone(), year.clone()).prop_map(|(d, m, y)| format!("on {d} {} {y}", MONTHS[m])),
        (day.clone(), month.clone(), year.clone()).prop_map(|(d, m, y)| format!("{} {d}, {y}", MONTHS[m])),
        (day.clone(), month.clone(), year.clone()).prop_map(|(d, m, y)| format!("{d}th {} {y}", &MONTHS[m][..3])),
        (day.clone(), month.clone(), year.clone()).prop_map(|(d, m, y)| format!("{y}-{:02}-{d:02}", m + 1)),
        (day.clone(), month.clone(), year.clone()).prop_map(|(d, m, y)| format!("{d:02}/{:02}/{y}", m + 1)),
        (month.clone(), year.clone()).prop_map(|(m, y)| format!("in {} {y}", MONTHS[m])),
        (day.clone(), month.clone()).prop_map(|(d, m)| format!("on {d} {}", MONTHS[m])),
        month.clone().prop_map(|m| format!("in {}", MONTHS[m])),
        (0..4usize, year.clone()).prop_map(|(s, y)| format!("{} {y}", ["autumn", "the spring of", "the end of", "winter"][s])),
        (0..9usize).prop_map(|i| ["last month", "this year", "next year", "last summer", "two years ago", "3 months ago", "today", "yesterday", "this week"][i].to_string()),
        (day.clone(), day, month, year).prop_map(|(a, b, m, y)| format!("{a} to {b} {} {y}", MONTHS[m])),
        "[ -~]{0,12}",
        "\\PC{0,6}",
    ]
}

/// A reference date of any precision, or none.
fn reference() -> impl Strategy<Value = Option<PartialDate>> {
    prop_oneof![
        Just(None),
        (1990..2040i32).prop_map(|y| Some(PartialDate::year(y))),
        (1990..2040i32, 1..13u8).prop_map(|(y, m)| Some(PartialDate::month(y, m))),
        (1990..2040i32, 1..13u8, 1..29u8).prop_map(|(y, m, d)| PartialDate::day(y, m, d)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// `find_dates` on text made of date phrases and noise, against any
    /// reference: every date is a real one, no more precise than the words
    /// it was read from, and relative only with a reference (the checks of
    /// the fuzz target `dates`).
    #[test]
    fn a_resolved_date_never_claims_more_precision_than_its_text(parts in prop::collection::vec(date_phrase(), 1..8), r in reference()) {
        let text = parts.join(". The council met ");
        bodies::check_dates(&text, r);
    }
}

#[test]
fn the_precision_check_catches_a_date_more_precise_than_its_text() {
    let day = PartialDate::day(2019, 6, 25).unwrap();
    let month = PartialDate::month(2019, 6);
    let year = PartialDate::year(2019);
    for (span, too_precise, fine) in [
        ("June 2019", day, month),
        ("in June", day, month),
        ("autumn 2019", month, year),
        ("2019", month, year),
        ("last month", day, month),
        ("this week", day, month),
        ("two years ago", month, year),
    ] {
        assert!(bodies::claims_too_much(span, &too_precise), "{span:?} as {too_precise} passed the check");
        assert!(!bodies::claims_too_much(span, &fine), "{span:?} as {fine} failed the check");
    }
    for span in ["25 June 2019", "June 25, 2019", "2019-06-25", "25/06/2019", "today", "on 25 June"] {
        assert!(!bodies::claims_too_much(span, &day), "{span:?} states a day");
    }
}

// ---- the order and the split of the inputs ----------------------------------

const OUTPUTS: [&str; 4] = ["graph.dot", "graph.jsonld", "graph.graphml", "report.html"];

/// Every document of the seeds and of tests/extra, by path from the root.
fn corpus() -> Vec<PathBuf> {
    let mut v = Vec::new();
    for d in ["seeds", "tests/extra/docs"] {
        let mut here: Vec<PathBuf> = fs::read_dir(root().join(d)).unwrap().map(|e| e.unwrap().path()).collect();
        here.sort();
        v.extend(here);
    }
    v
}

/// The outputs of one plain build of the corpus, made once.
fn reference_build() -> &'static Path {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let out = scratch("prop-reference");
        let o = oversight(&["build", "seeds", "tests/extra/docs", "--out", s(&out), "-q"]);
        assert!(o.status.success(), "{}", stderr(&o));
        out
    })
}

fn same_outputs(a: &Path, b: &Path) -> Result<(), String> {
    for f in OUTPUTS {
        if unstamped(fs::read(a.join(f)).map_err(|e| e.to_string())?) != unstamped(fs::read(b.join(f)).map_err(|e| e.to_string())?) {
            return Err(format!("{f} differs between {} and {}", a.display(), b.display()));
        }
    }
    Ok(())
}

static CASE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn case_dir(name: &str) -> PathBuf {
    scratch(&format!("{name}-{}", CASE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// The corpus copied into a random tree of folders, named in a random
    /// order (some files by name, the rest through their folders, one file
    /// named twice): the outputs are those of the plain build, byte for byte.
    #[test]
    fn the_order_and_the_folders_of_the_inputs_change_nothing(
        folder in prop::collection::vec(0..4usize, 25),
        by_name in prop::collection::vec(any::<bool>(), 25),
        order in Just((0..25usize).collect::<Vec<_>>()).prop_shuffle(),
        twice in 0..25usize,
        threads in 1..4usize,
    ) {
        let docs = corpus();
        prop_assert_eq!(docs.len(), 25);
        let tree = case_dir("prop-tree");
        let folders = [tree.join("a"), tree.join("b/c"), tree.join("b/d/e"), tree.join("f")];
        let mut named: Vec<PathBuf> = Vec::new();
        for &i in &order {
            let dir = &folders[folder[i]];
            fs::create_dir_all(dir).unwrap();
            let copy = dir.join(docs[i].file_name().unwrap());
            fs::copy(&docs[i], &copy).unwrap();
            if by_name[i] || i == twice {
                named.push(copy);
            }
        }
        for (k, &i) in order.iter().enumerate() {
            let dir = folders[folder[i]].clone();
            if !by_name[i] && !named.contains(&dir) {
                named.insert(k.min(named.len()), dir);
            }
        }
        // The same file again, by another path.
        named.push(folders[folder[twice]].join(".").join(docs[twice].file_name().unwrap()));
        let out = case_dir("prop-tree-out");
        let threads = threads.to_string();
        let mut args = vec!["build", "--out", s(&out), "-q", "-j", threads.as_str()];
        args.extend(named.iter().map(|p| s(p)));
        let o = oversight(&args);
        prop_assert!(o.status.success(), "{}", stderr(&o));
        if let Err(e) = same_outputs(reference_build(), &out) {
            return Err(TestCaseError::fail(e));
        }
    }

    /// The corpus split into random parts, each extracted on its own (in
    /// any order, on any number of threads), the fragments merged in any
    /// order: the outputs of one build, byte for byte.
    #[test]
    fn extract_and_merge_of_any_split_equals_one_build(
        part in prop::collection::vec(0..4usize, 25),
        merge_order in Just((0..4usize).collect::<Vec<_>>()).prop_shuffle(),
        threads in 1..3usize,
    ) {
        let docs = corpus();
        let dir = case_dir("prop-split");
        let mut fragments = Vec::new();
        for p in 0..4 {
            let mine: Vec<&str> = docs.iter().enumerate().filter(|(i, _)| part[*i] == p).map(|(_, d)| s(d)).collect();
            if mine.is_empty() {
                continue;
            }
            let frag = dir.join(format!("part{p}.jsonl"));
            let threads = threads.to_string();
            let mut args = vec!["extract", "--out", s(&frag), "-j", threads.as_str()];
            args.extend(mine);
            let o = oversight(&args);
            prop_assert!(o.status.success(), "{}", stderr(&o));
            fragments.push((p, frag));
        }
        fragments.sort_by_key(|(p, _)| merge_order[*p]);
        let out = case_dir("prop-split-out");
        let mut args = vec!["merge", "--out", s(&out), "-q"];
        args.extend(fragments.iter().map(|(_, f)| s(f)));
        let o = oversight(&args);
        prop_assert!(o.status.success(), "{}", stderr(&o));
        if let Err(e) = same_outputs(reference_build(), &out) {
            return Err(TestCaseError::fail(e));
        }
    }
}

#[test]
fn the_comparison_of_outputs_catches_a_changed_byte() {
    let copy = scratch("prop-changed");
    for f in OUTPUTS {
        fs::copy(reference_build().join(f), copy.join(f)).unwrap();
    }
    assert!(same_outputs(reference_build(), &copy).is_ok());
    let mut jsonld = fs::read(copy.join("graph.jsonld")).unwrap();
    let at = jsonld.len() / 2;
    jsonld[at] ^= 1;
    fs::write(copy.join("graph.jsonld"), jsonld).unwrap();
    assert!(same_outputs(reference_build(), &copy).is_err());
}

// ---- evidence -----------------------------------------------------------------

/// The build of every annotated document (seeds, tests/extra, tests/heldout)
/// and the texts it read.
fn evidence_build() -> &'static (String, std::collections::BTreeMap<String, String>) {
    static B: std::sync::OnceLock<(String, std::collections::BTreeMap<String, String>)> = std::sync::OnceLock::new();
    B.get_or_init(|| {
        let out = scratch("prop-evidence");
        let o = oversight(&["build", "seeds", "tests/extra/docs", "tests/heldout/docs", "--out", s(&out), "-q"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let dirs = [root().join("seeds"), root().join("tests/extra/docs"), root().join("tests/heldout/docs")];
        let texts = texts_of(&dirs.iter().map(|p| p.as_path()).collect::<Vec<_>>());
        (fs::read_to_string(out.join("graph.jsonld")).unwrap(), texts)
    })
}

/// Every statement's evidence lies inside its document, is the sentence at
/// its offsets, and names an end of the fact it supports: a post's holder
/// or body, a succession's successor or predecessor, a document's author;
/// an inspection's statement speaks of the inspection (its kind, an
/// inspection word, its body or its judgement).
#[test]
fn every_piece_of_evidence_lies_in_its_document_and_names_what_it_supports() {
    let (jsonld, texts) = evidence_build();
    let r = check_evidence(jsonld, texts);
    assert!(r.statements > 400, "only {} statements", r.statements);
    assert!(r.broken.is_empty(), "{} broken: {:#?}", r.broken.len(), r.broken);
    assert!(r.borrowed.is_empty(), "{} borrowed: {:#?}", r.borrowed.len(), r.borrowed);
    assert!(r.inspection_unrelated.is_empty(), "{:#?}", r.inspection_unrelated);
    let unnamed: usize = r.inspection_unnamed.values().map(Vec::len).sum();
    eprintln!("{} statements; inspection statements whose sentence does not name their other end: {unnamed}", r.statements);
    for ((predicate, rule), v) in &r.inspection_unnamed {
        eprintln!("  {predicate} [{rule}]: {}", v.len());
    }
}

/// The strict form for inspections: `inspected` names the body, `conductedBy`
/// the inspectorate, `inspector` the inspector, `rated` the judgement (by
/// name or alternate name), each edge carrying its own sentence.
#[test]
fn every_inspection_statement_names_its_other_end() {
    let (jsonld, texts) = evidence_build();
    let r = check_evidence(jsonld, texts);
    let count = |p: &str| jsonld.matches(&format!("\"predicate\": \"{p}\"")).count();
    assert!(count("conductedBy") > 50 && count("inspector") > 10 && count("rated") > 40, "too few inspection statements to test");
    assert!(r.inspection_unnamed.is_empty(), "{:#?}", r.inspection_unnamed);
}

/// The strict check catches what the law forbids: every edge of an
/// inspection given the sentence of its `inspected` edge (as the exporter
/// once did) leaves edges whose sentence names no inspectorate, inspector
/// or judgement.
#[test]
fn the_inspection_check_catches_edges_sharing_one_sentence() {
    let (jsonld, texts) = evidence_build();
    let mut v: serde_json::Value = serde_json::from_str(jsonld).unwrap();
    let graph = v["@graph"].as_array_mut().unwrap();
    let is = |n: &serde_json::Value, p: &str| n["@type"] == "Statement" && n["predicate"] == p && n["subject"].as_str().is_some_and(|s| s.contains(":inspection:"));
    let inspected: std::collections::BTreeMap<String, serde_json::Value> = graph.iter().filter(|n| is(n, "inspected")).map(|n| (n["subject"].as_str().unwrap().to_string(), n.clone())).collect();
    for n in graph.iter_mut().filter(|n| ["rated", "conductedBy", "inspector"].iter().any(|p| is(n, p))) {
        let from = &inspected[n["subject"].as_str().unwrap()];
        for k in ["evidence", "startOffset", "endOffset", "wasDerivedFrom", "rule"] {
            n[k] = from[k].clone();
        }
    }
    let r = check_evidence(&v.to_string(), texts);
    assert!(r.broken.is_empty(), "{:#?}", r.broken);
    for p in ["conductedBy", "inspector", "rated"] {
        assert!(r.inspection_unnamed.keys().any(|(q, _)| q == p), "no {p} statement caught: {:#?}", r.inspection_unnamed.keys());
    }
}

/// The evidence check catches what it must: offsets moved outside the
/// document, a sentence that is not the text at its offsets, and a fact
/// given another fact's sentence.
#[test]
fn the_evidence_check_catches_moved_offsets_and_borrowed_sentences() {
    let (jsonld, texts) = evidence_build();
    let mut v: serde_json::Value = serde_json::from_str(jsonld).unwrap();
    let graph = v["@graph"].as_array_mut().unwrap();
    let held: Vec<usize> = graph.iter().enumerate().filter(|(_, n)| n["@type"] == "Statement" && n["predicate"] == "heldRole").map(|(i, _)| i).collect();
    let (a, b) = (held[0], *held.iter().find(|&&i| graph[i]["subject"] != graph[held[0]]["subject"] && graph[i]["object"] != graph[held[0]]["object"]).unwrap());
    // Offsets past the end.
    let mut moved = graph.clone();
    moved[a]["startOffset"] = serde_json::json!(1_000_000);
    moved[a]["endOffset"] = serde_json::json!(1_000_010);
    // Another fact's sentence, with its offsets: true to the text, but borrowed.
    let mut borrowed = graph.clone();
    for k in ["evidence", "startOffset", "endOffset", "wasDerivedFrom"] {
        borrowed[a][k] = graph[b][k].clone();
    }
    // A sentence that is not at the offsets.
    let mut shifted = graph.clone();
    let start = shifted[a]["startOffset"].as_u64().unwrap();
    shifted[a]["startOffset"] = serde_json::json!(start + 1_000);
    shifted[a]["endOffset"] = serde_json::json!(start + 1_001);
    for (label, g, broken, borrowed_count) in [("moved", moved, 1, 0), ("borrowed", borrowed, 0, 1), ("shifted", shifted, 1, 0)] {
        v["@graph"] = serde_json::Value::Array(g);
        let r = check_evidence(&v.to_string(), texts);
        assert_eq!((r.broken.len(), r.borrowed.len()), (broken, borrowed_count), "{label}: {:#?} {:#?}", r.broken, r.borrowed);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    /// The same laws on synthetic corpora (`oversight::corpus`), in the
    /// styles of the seeds and tests/extra, with invented people.
    #[test]
    fn evidence_laws_hold_on_generated_corpora(seed in any::<u64>()) {
        let dir = case_dir("prop-corpus");
        oversight::corpus::generate(30, seed, &dir).unwrap();
        let docs = dir.join("docs");
        let out = case_dir("prop-corpus-out");
        let o = oversight(&["build", s(&docs), "--out", s(&out), "-q"]);
        prop_assert!(o.status.success(), "{}", stderr(&o));
        let r = check_evidence(&fs::read_to_string(out.join("graph.jsonld")).unwrap(), &texts_of(&[&docs]));
        prop_assert!(r.broken.is_empty(), "seed {}: {:#?}", seed, r.broken);
        prop_assert!(r.borrowed.is_empty(), "seed {}: {:#?}", seed, r.borrowed);
        prop_assert!(r.inspection_unrelated.is_empty(), "seed {}: {:#?}", seed, r.inspection_unrelated);
    }
}
