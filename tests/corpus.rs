//! The corpus generator (`oversight::corpus`): deterministic output, gold
//! files in the gold format, no seed person's name anywhere, and a generated
//! corpus that the extractors read about as well as the hand-written sets.

use oversight::corpus;
use oversight::eval;
use oversight::pipeline;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    // Under target/tmp (cargo's scratch space for tests), not the system's /tmp:
    // `cargo clean` removes them, and a test run leaves nothing behind elsewhere.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("oversight-corpus-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

/// Every word of every person's name in the seed gold files.
fn seed_name_words() -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for f in files(&root().join("tests/gold/seeds")) {
        if f.extension().is_some_and(|e| e == "json") {
            let g: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            for p in g["people"].as_array().unwrap() {
                for w in p.as_str().unwrap().split_whitespace() {
                    words.insert(w.to_string());
                }
            }
        }
    }
    assert!(words.len() > 20, "the seed gold names people");
    words
}

#[test]
fn generation_is_deterministic() {
    let (a, b) = (scratch("det-a"), scratch("det-b"));
    let sa = corpus::generate(25, 7, &a).unwrap();
    let sb = corpus::generate(25, 7, &b).unwrap();
    assert_eq!(sa, sb);
    for sub in ["docs", "gold"] {
        let (fa, fb) = (files(&a.join(sub)), files(&b.join(sub)));
        assert_eq!(fa.len(), 25);
        assert_eq!(fa.iter().map(|p| p.file_name()).collect::<Vec<_>>(), fb.iter().map(|p| p.file_name()).collect::<Vec<_>>());
        for (x, y) in fa.iter().zip(&fb) {
            assert_eq!(std::fs::read(x).unwrap(), std::fs::read(y).unwrap(), "{} differs", x.display());
        }
    }
    // Another seed, another corpus; a smaller corpus is the start of a larger one.
    let c = scratch("det-c");
    corpus::generate(25, 8, &c).unwrap();
    assert_ne!(std::fs::read(a.join("docs/000000.txt")).unwrap(), std::fs::read(c.join("docs/000000.txt")).unwrap());
    corpus::generate(10, 7, &c).unwrap();
    assert_eq!(files(&c.join("docs")).len(), 10, "a smaller corpus replaces a larger one whole");
    assert_eq!(std::fs::read(a.join("docs/000009.txt")).unwrap(), std::fs::read(c.join("docs/000009.txt")).unwrap());
}

#[test]
fn files_and_gold_match_the_format() {
    let dir = scratch("format");
    let s = corpus::generate(40, 11, &dir).unwrap();
    assert_eq!(s.documents, 40);
    let docs = files(&dir.join("docs"));
    let gold = files(&dir.join("gold"));
    assert_eq!(docs.len(), 40);
    assert_eq!(gold.len(), 40);
    let total: u64 = docs.iter().map(|p| std::fs::metadata(p).unwrap().len()).sum();
    assert_eq!(total, s.bytes);
    for (d, g) in docs.iter().zip(&gold) {
        assert_eq!(d.file_stem(), g.file_stem());
        let v: Value = serde_json::from_str(&std::fs::read_to_string(g).unwrap()).expect("gold is JSON");
        assert_eq!(v["doc"].as_str().unwrap(), d.file_name().unwrap().to_str().unwrap());
        for key in ["people", "bodies", "roles", "inspections", "successions"] {
            assert!(v[key].is_array(), "{key} in {}", g.display());
        }
        assert!(v["aliases"].is_object());
        assert!(v["doc_date"].is_null() || v["doc_date"].as_str().unwrap().len() == 10);
        for r in v["roles"].as_array().unwrap() {
            assert!(["current", "former", "future"].contains(&r["status"].as_str().unwrap()), "{r}");
            assert_eq!(r["role"].as_str().unwrap(), r["role"].as_str().unwrap().to_lowercase());
        }
        for i in v["inspections"].as_array().unwrap() {
            let kinds = ["full inspection", "focused visit", "monitoring visit", "assessment", "joint targeted area inspection", "inspection"];
            assert!(kinds.contains(&i["kind"].as_str().unwrap()), "{i}");
            let ratings = ["Outstanding", "Good", "Requires improvement", "Inadequate", "Adequate"];
            assert!(i["rating"].is_null() || ratings.contains(&i["rating"].as_str().unwrap()), "{i}");
        }
    }
    // The gold loads as the scorer loads it.
    eval::load_gold(&dir.join("gold")).expect("the scorer reads the gold");
}

#[test]
fn no_seed_person_is_named() {
    let words = seed_name_words();
    for w in &words {
        assert!(corpus::names::is_excluded(w), "'{w}' (a seed person's name) is not excluded from the name pools");
    }
    for n in corpus::names::surname_lines() {
        assert!(!words.contains(n), "surnames.txt lists a seed person's name: {n}");
    }
    let dir = scratch("names");
    corpus::generate(300, 5, &dir).unwrap();
    for f in files(&dir.join("docs")) {
        let text = std::fs::read_to_string(&f).unwrap();
        for token in text.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
            assert!(!words.contains(token), "{} names '{token}', a word of a seed person's name", f.display());
        }
    }
}

#[test]
fn sizes_are_reached() {
    let dir = scratch("size");
    let s = corpus::generate_to_size(200_000, 3, &dir).unwrap();
    assert!(s.bytes >= 200_000 && s.bytes < 210_000, "{s:?}");
    assert!(s.documents > 30 && s.people > 50 && s.roles > 100 && s.inspections > 40 && s.successions > 5, "{s:?}");
}

/// Overall F1 of the current extractors on a small generated corpus.
///
/// The floor is the issue's target, 0.9 at every size. When this test was
/// written the extractors reached 0.985 on this corpus (0.990 on 10 MB and
/// 0.973 on 100 MB of generated text, benches/RESULTS.md).
#[test]
fn the_extractors_read_the_generated_corpus() {
    let dir = scratch("eval");
    corpus::generate(40, 2024, &dir).unwrap();
    let build = pipeline::build_graph(&[dir.join("docs")]).expect("the corpus builds");
    let gold = eval::load_gold(&dir.join("gold")).unwrap();
    let report = eval::score(&build.graph, &gold);
    assert!(report.overall_f1 >= 0.9, "overall F1 {:.3} on a generated corpus:\n{}", report.overall_f1, report.table(true));
}

/// Writes a corpus for `benches/run.sh` where the binary has no
/// `gen-corpus` yet: `CORPUS_DIR=DIR CORPUS_BYTES=N [CORPUS_SEED=S] cargo test
/// --release --test it -- --ignored --exact corpus::write_corpus_from_env`
/// (or `CORPUS_DOCS=N` for a number of documents).
#[test]
#[ignore]
fn write_corpus_from_env() {
    let dir = PathBuf::from(std::env::var("CORPUS_DIR").expect("CORPUS_DIR"));
    let seed: u64 = std::env::var("CORPUS_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let s = match (std::env::var("CORPUS_DOCS").ok(), std::env::var("CORPUS_BYTES").ok()) {
        (Some(n), _) => corpus::generate(n.parse().unwrap(), seed, &dir).unwrap(),
        (None, Some(b)) => corpus::generate_to_size(b.parse().unwrap(), seed, &dir).unwrap(),
        _ => panic!("set CORPUS_DOCS or CORPUS_BYTES"),
    };
    println!("{s:?}");
}

/// `oversight gen-corpus`: the same seed writes the same bytes, a size takes
/// K, M and G, and a folder that already holds files is refused (exit code 2)
/// so that no old document is mixed into a corpus; `--stream N` writes gold
/// for one document in N.
#[test]
fn the_gen_corpus_command_writes_a_deterministic_corpus_and_refuses_a_used_folder() {
    let bin = env!("CARGO_BIN_EXE_oversight");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().unwrap();
    let dir = scratch("cli");
    let (a, b) = (dir.join("a"), dir.join("b"));
    for d in [&a, &b] {
        let o = run(&["gen-corpus", "--bytes", "20K", "--seed", "7", "--out", d.to_str().unwrap()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let docs = files(&a.join("docs"));
    assert!(docs.len() > 3);
    let total: u64 = docs.iter().map(|f| std::fs::metadata(f).unwrap().len()).sum();
    assert!(total >= 20_000, "{total} bytes");
    for f in &docs {
        let twin = b.join("docs").join(f.file_name().unwrap());
        assert_eq!(std::fs::read(f).unwrap(), std::fs::read(&twin).unwrap(), "{}", f.display());
    }
    assert_eq!(files(&a.join("gold")).len(), docs.len());
    let o = run(&["gen-corpus", "--docs", "2", "--out", a.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not empty"), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["gen-corpus", "--bytes", "12Q", "--out", dir.join("c").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.join("c").exists());
    let s = dir.join("stream");
    let o = run(&["gen-corpus", "--docs", "200", "--stream", "100", "--out", s.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!((files(&s.join("docs")).len(), files(&s.join("gold")).len()), (200, 2), "a stream of 200 has 2 documents on topic");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Builds a folder of documents with the binary into `out`.
fn build(docs: &Path, out: &Path) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_oversight")).args(["build", "-q", "--out"]).arg(out).arg(docs).output().unwrap();
    assert!(o.status.success(), "build of {}: {}", docs.display(), String::from_utf8_lossy(&o.stderr));
}

/// Every output file under `out` (relative path, bytes with the build id,
/// which digests the inputs and the time, replaced by `BUILD-ID`).
fn outputs(out: &Path) -> std::collections::BTreeMap<String, String> {
    let id = regex::Regex::new(r"[0-9a-f]{16}-[0-9]{8}T[0-9]{6}\.[0-9]{3}Z").unwrap();
    let mut all = std::collections::BTreeMap::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for f in files(&dir) {
            if f.is_dir() {
                stack.push(f);
            } else if f.file_name().is_some_and(|n| n != ".oversight.lock") {
                let text = String::from_utf8(std::fs::read(&f).unwrap()).unwrap();
                all.insert(f.strip_prefix(out).unwrap().display().to_string(), id.replace_all(&text, "BUILD-ID").into_owned());
            }
        }
    }
    all
}

/// A 300-document stream with one document in 100 on topic, built whole
/// and as its on-topic documents alone (those with a gold file, under the
/// same names): the outputs of each.
fn stream_and_on_topic_builds(name: &str) -> (std::collections::BTreeMap<String, String>, std::collections::BTreeMap<String, String>) {
    let dir = scratch(name);
    let s = corpus::generate_stream(Some(300), None, 100, 5, &dir.join("stream")).unwrap();
    assert_eq!((s.documents, s.on_topic), (300, 3));
    let alone = dir.join("alone");
    std::fs::create_dir_all(&alone).unwrap();
    let world = corpus::world::World::new(5);
    for (b, g) in files(&dir.join("stream/gold")).iter().enumerate() {
        let doc = g.file_stem().unwrap().to_str().unwrap().to_string() + ".txt";
        let text = std::fs::read_to_string(dir.join("stream/docs").join(&doc)).unwrap();
        assert_eq!(text, corpus::document(&world, 5, b).0, "on-topic document {b} of the stream is document {b} of the corpus");
        std::fs::write(alone.join(&doc), text).unwrap();
    }
    build(&dir.join("stream/docs"), &dir.join("out-stream"));
    build(&alone, &dir.join("out-alone"));
    let both = (outputs(&dir.join("out-stream")), outputs(&dir.join("out-alone")));
    let _ = std::fs::remove_dir_all(&dir);
    both
}

/// Issue 26: a build of a general-news stream equals the build of its
/// on-topic documents alone, byte for byte but the build id: off-topic news
/// adds no fact, and no person, body or document of its own.
#[test]
fn a_stream_builds_what_its_on_topic_documents_build() {
    let (stream, alone) = stream_and_on_topic_builds("stream-all");
    assert_eq!(stream.keys().collect::<Vec<_>>(), alone.keys().collect::<Vec<_>>());
    let differ: Vec<&String> = alone.keys().filter(|k| stream[*k] != alone[*k]).collect();
    assert!(differ.is_empty(), "outputs that differ: {differ:?}");
}
