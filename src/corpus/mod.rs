//! A generator of synthetic corpora for benchmarks and recall checks at scale.
//!
//! `generate(docs, seed, dir)` writes `dir/docs/NNNNNN.txt` and, for each,
//! its gold annotation `dir/gold/NNNNNN.json` in the format of
//! `shared/gold/FORMAT.md`. The documents are articles and letters in the
//! styles of the seeds and of `tests/extra`: local news with a byline and
//! dateline, undated trade-press roundups, council and trust press releases,
//! Ofsted's letters after a focused or monitoring visit, committee minutes,
//! and blog timelines. They are about the real councils and children's trusts
//! of the gazetteer, and about invented people (given names from the
//! gazetteer, surnames from `surnames.txt`) holding invented posts, with
//! invented inspections, judgements and successions.
//!
//! The facts come from one invented world per seed ([`world::World`]), so
//! documents agree with one another the way real coverage does, and the gold
//! of each document lists exactly what its text states.
//!
//! Generation is deterministic (same `docs` and `seed`, same bytes; the first
//! `n` documents of a larger corpus are the corpus of `n`), streaming (one
//! document in memory at a time; the world's size does not grow with the
//! corpus) and fast (string formatting only).

pub mod date;
pub mod doc;
pub mod gold;
pub mod names;
pub mod offtopic;
pub mod rng;
pub mod styles;
pub mod world;

use crate::error::Error;
use rng::Rng;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use world::World;

/// What a generation wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    /// Documents with a gold file (all but a stream's off-topic ones).
    pub on_topic: usize,
    /// Bytes of document text.
    pub bytes: u64,
    /// Bytes of gold JSON.
    pub gold_bytes: u64,
    /// Distinct people named across the corpus.
    pub people: usize,
    /// Gold entries, summed over the documents.
    pub roles: usize,
    pub inspections: usize,
    pub successions: usize,
}

/// Writes `docs` documents and their gold annotations under `out`.
pub fn generate(docs: usize, seed: u64, out: &Path) -> Result<Summary, Error> {
    run(seed, 1, out, |s| s.documents >= docs)
}

/// Writes documents until their text adds up to at least `bytes`.
pub fn generate_to_size(bytes: u64, seed: u64, out: &Path) -> Result<Summary, Error> {
    run(seed, 1, out, |s| s.bytes >= bytes)
}

/// A general-news stream (issue 26): in each run of `every` documents, one
/// (at a place drawn from the seed) is on topic and has its gold, the others
/// are off-topic news ([`offtopic`]) and have none. The on-topic documents
/// are, in order, the texts of the corpus of `seed` (under the stream's file
/// names), so the build of the stream must equal the build of the documents
/// that have a gold file.
pub fn generate_stream(docs: Option<usize>, bytes: Option<u64>, every: usize, seed: u64, out: &Path) -> Result<Summary, Error> {
    run(seed, every.max(1), out, |s| docs.is_some_and(|d| s.documents >= d) || bytes.is_some_and(|b| s.bytes >= b))
}

/// The text and gold of document `n` of the corpus of `seed`, without writing anything.
pub fn document(world: &World, seed: u64, n: usize) -> (String, gold::Gold) {
    named(world, seed, n, &(file_stem(n) + ".txt"))
}

fn named(world: &World, seed: u64, n: usize, name: &str) -> (String, gold::Gold) {
    let d = styles::write(world, Rng::derive(seed, n as u64), name);
    (d.out, d.gold)
}

/// Document `i` of the stream of `seed` with one in `every` on topic: its
/// text, and its gold where it is on topic.
pub fn stream_document(world: &World, seed: u64, every: usize, i: usize) -> (String, Option<gold::Gold>) {
    if every <= 1 {
        let (text, gold) = document(world, seed, i);
        return (text, Some(gold));
    }
    let block = i / every;
    if i % every == Rng::derive(seed ^ 0x5752_4541_4d00_0000, block as u64).below(every) {
        let (text, gold) = named(world, seed, block, &(file_stem(i) + ".txt"));
        (text, Some(gold))
    } else {
        (offtopic::write(world, Rng::derive(seed ^ 0x4f46_4654_4f50_4943, i as u64)), None)
    }
}

fn file_stem(n: usize) -> String {
    format!("{n:06}")
}

fn write_err(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Write { path: path.to_path_buf(), source }
}

/// Files a previous generation left in `dir` (`NNNNNN.ext`): removed first,
/// so that a smaller corpus written over a larger one is whole.
fn clear_generated(dir: &Path, ext: &str) -> Result<(), Error> {
    let Ok(entries) = fs::read_dir(dir) else { return Ok(()) };
    for entry in entries {
        let entry = entry.map_err(write_err(dir))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if let Some(stem) = name.strip_suffix(ext) {
            if stem.len() >= 6 && stem.bytes().all(|b| b.is_ascii_digit()) {
                fs::remove_file(entry.path()).map_err(write_err(dir))?;
            }
        }
    }
    Ok(())
}

const README: &str = "# A generated corpus\n\n\
Written by oversight's corpus generator (`oversight gen-corpus`). `docs/` holds\n\
articles and letters about English children's services; `gold/` holds, for each,\n\
what a careful reader takes from it (the format of shared/gold/FORMAT.md).\n\n\
The councils and trusts are real; the people, posts, inspections, judgements and\n\
dates are invented. Nothing here is a statement about any real person or body.\n\n\
In a general-news stream (`gen-corpus --stream N`) only one document in N has a\n\
gold file: the others are off-topic local news (sport, planning, courts, weather,\n\
business) that states no fact about children's services.\n";

fn run(seed: u64, every: usize, out: &Path, done: impl Fn(&Summary) -> bool) -> Result<Summary, Error> {
    let docs_dir: PathBuf = out.join("docs");
    let gold_dir: PathBuf = out.join("gold");
    fs::create_dir_all(&docs_dir).map_err(write_err(&docs_dir))?;
    fs::create_dir_all(&gold_dir).map_err(write_err(&gold_dir))?;
    clear_generated(&docs_dir, ".txt")?;
    clear_generated(&gold_dir, ".json")?;
    let readme = out.join("README.md");
    fs::write(&readme, README).map_err(write_err(&readme))?;

    let world = World::new(seed);
    let mut summary = Summary::default();
    let mut people: HashSet<String> = HashSet::new();
    // Documents are written in batches: rendered in parallel (each has its
    // own random stream, so the bytes do not depend on the threads), counted
    // in order (so the corpus stops at the same document whatever the
    // threads), then written in parallel. Memory stays one batch.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    const BATCH: usize = 256;
    let mut n = 0;
    while !done(&summary) {
        let rendered = parallel(threads, n..n + BATCH, |i| {
            let (text, gold) = stream_document(&world, seed, every, i);
            let json = gold.as_ref().map(|gold| {
                let mut json = Vec::with_capacity(text.len());
                serde_json::to_writer_pretty(&mut json, gold).expect("gold serialises");
                json.push(b'\n');
                json
            });
            (i, text, json, gold)
        });
        let mut take = 0;
        for (_, text, json, gold) in &rendered {
            if done(&summary) {
                break;
            }
            summary.documents += 1;
            summary.bytes += text.len() as u64;
            let Some(gold) = gold else {
                take += 1;
                continue;
            };
            summary.on_topic += 1;
            summary.gold_bytes += json.as_ref().map_or(0, Vec::len) as u64;
            for p in &gold.people {
                if !people.contains(p) {
                    people.insert(p.clone());
                }
            }
            summary.people = people.len();
            summary.roles += gold.roles.len();
            summary.inspections += gold.inspections.len();
            summary.successions += gold.successions.len();
            take += 1;
        }
        let written = parallel(threads, 0..take, |k| {
            let (i, text, json, _) = &rendered[k];
            let stem = file_stem(*i);
            let path = docs_dir.join(format!("{stem}.txt"));
            fs::write(&path, text.as_bytes()).map_err(write_err(&path))?;
            let Some(json) = json else { return Ok(()) };
            let path = gold_dir.join(format!("{stem}.json"));
            fs::write(&path, json).map_err(write_err(&path))
        });
        written.into_iter().collect::<Result<Vec<()>, Error>>()?;
        n += take;
    }
    Ok(summary)
}

/// `f` over `items` on up to `threads` threads, results in order.
fn parallel<T: Send>(threads: usize, items: std::ops::Range<usize>, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let items: Vec<usize> = items.collect();
    if threads <= 1 || items.len() < 2 {
        return items.into_iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items.chunks(chunk).map(|c| scope.spawn(|| c.iter().map(|&i| f(i)).collect::<Vec<T>>())).collect();
        handles.into_iter().flat_map(|h| h.join().expect("a generator thread panicked")).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_deterministic_and_sized_like_articles() {
        let w = World::new(42);
        let mut sizes = Vec::new();
        for n in 0..60 {
            let (a, ga) = document(&w, 42, n);
            let (b, gb) = document(&w, 42, n);
            assert_eq!(a, b);
            assert_eq!(serde_json::to_string(&ga).unwrap(), serde_json::to_string(&gb).unwrap());
            sizes.push(a.len());
        }
        let mean = sizes.iter().sum::<usize>() / sizes.len();
        assert!((1500..7000).contains(&mean), "mean document size {mean}");
    }

    #[test]
    fn gold_names_only_what_the_text_says() {
        let w = World::new(3);
        for n in 0..200 {
            let (text, g) = document(&w, 3, n);
            for p in &g.people {
                assert!(text.contains(p.as_str()), "doc {n}: {p} is in the gold but not the text:\n{text}");
            }
            for b in &g.bodies {
                let lower = text.to_lowercase();
                let named = lower.contains(&b.to_lowercase()) || g.aliases.get(b).is_some_and(|a| a.iter().any(|a| text.contains(a.as_str())));
                assert!(named, "doc {n}: {b} is in the gold but not the text:\n{text}");
            }
            for r in &g.roles {
                assert!(g.people.contains(&r.person) && g.bodies.contains(&r.body), "doc {n}: {r:?}");
            }
            for i in &g.inspections {
                assert!(g.bodies.contains(&i.body), "doc {n}: {i:?}");
            }
        }
    }
}
/// Prints one document and its gold, for looking at the generator's output:
/// `DOC=N SEED=S cargo test --lib print_doc -- --ignored --nocapture`.
#[cfg(test)]
mod debug_print {
    #[test]
    #[ignore]
    fn print_doc() {
        let n: usize = std::env::var("DOC").unwrap().parse().unwrap();
        let seed: u64 = std::env::var("SEED").unwrap_or("3".into()).parse().unwrap();
        let w = super::World::new(seed);
        let (t, g) = super::document(&w, seed, n);
        println!("{t}\n{}", serde_json::to_string_pretty(&g).unwrap());
    }
}
