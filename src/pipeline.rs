//! The build: inputs -> documents -> extractions -> graph -> output files,
//! written so that a failed build never leaves a half-written output folder.

use crate::document::read::{collect_inputs, document_ids, read_input_if, Input, Warning};
use crate::error::{exit, Error};
use crate::export;
use crate::export::dot::{SvgError, INSTALL_GRAPHVIZ};
use crate::export::report::Diagram;
use crate::export::stamp::{self, BuildId, InputDigest};
use crate::query::load::Model;
use crate::query::Graph;
use crate::extract::{extract, DocExtraction};
use crate::graph::KnowledgeGraph;
use crate::resolve::Resolver;
use crate::schema::Schema;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fs;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What a build read and made.
pub struct Build {
    pub documents: usize,
    /// Documents read and left out as off topic.
    pub off_topic: usize,
    /// A digest of the documents read, for the build's id.
    pub inputs: InputDigest,
    pub undated: Vec<String>,
    pub warnings: Vec<Warning>,
    pub graph: KnowledgeGraph,
}

/// Reads the inputs and builds the graph, without writing anything.
pub fn build_graph(inputs: &[PathBuf]) -> Result<Build, Error> {
    build_graph_with(inputs, false, 1)
}

/// As `build_graph`; with `progress`, a progress bar is drawn on standard
/// error while the documents are read and their facts extracted, if standard
/// error is a terminal (never into a file or a pipe). It is cleared when done.
/// Each document's facts are resolved into the graph as soon as those of the
/// documents before it are in, and then dropped: a build holds the graph and
/// the documents in flight, never every document's facts; the graph keeps
/// its evidence sentences on disk (`graph::sentences`).
pub fn build_graph_with(inputs: &[PathBuf], progress: bool, threads: usize) -> Result<Build, Error> {
    let mut resolver = Resolver::keeping_sentences_on_disk();
    let mut undated = Vec::new();
    let read = extract_inputs_into(inputs, progress, threads, &mut |x| {
        if x.date.is_none() {
            undated.push(x.doc.clone());
        }
        resolver.add(x);
    })?;
    let started = std::time::Instant::now();
    let graph = resolver.finish();
    note_time("resolution finished", started);
    Ok(Build { documents: read.documents, off_topic: read.off_topic, inputs: read.digest, undated, warnings: read.warnings, graph })
}

/// What `extract_inputs_into` read.
pub struct Extracted {
    pub warnings: Vec<Warning>,
    /// Documents on topic, whose facts were taken.
    pub documents: usize,
    /// Documents read and found off topic (`extract::topic`): nothing taken.
    pub off_topic: usize,
    /// A digest of the ids and texts of every document read, off topic or not.
    pub digest: InputDigest,
}

/// Reads the inputs and extracts each document's facts on `threads` threads
/// (0: one per core): the extractions in document order, the warnings, and
/// the number of documents read (see `extract_inputs_into`).
pub fn extract_inputs(inputs: &[PathBuf], progress: bool, threads: usize) -> Result<(Vec<DocExtraction>, Vec<Warning>, usize), Error> {
    let mut extractions = Vec::new();
    let read = extract_inputs_into(inputs, progress, threads, &mut |x| extractions.push(x))?;
    Ok((extractions, read.warnings, read.documents))
}

/// Reads the inputs and extracts each document's facts on `threads` threads
/// (0: one per core), handing each extraction to `take` (on one thread at a time) in
/// order of document id, whatever the number of threads. Each document is
/// read, extracted and dropped by one worker, so no more texts are held than
/// there are workers; one off topic (`extract::topic`) is read and counted,
/// and nothing more. Returns the warnings, the counts and a digest of the
/// documents' ids and texts, or the first error (of a named input that cannot
/// be used) in input order.
pub fn extract_inputs_into(inputs: &[PathBuf], progress: bool, threads: usize, take: &mut (dyn FnMut(DocExtraction) + Send)) -> Result<Extracted, Error> {
    let started = std::time::Instant::now();
    let listing = collect_inputs(inputs)?;
    note_time("inputs listed", started);
    let bar = Progress::new(progress && std::io::stderr().is_terminal(), listing.inputs.len());
    bar.0.set_message("reading and extracting");
    let ids = document_ids(&listing.inputs.iter().map(|i| i.path.clone()).collect::<Vec<_>>());
    // (place in the input order, input, id), in order of id.
    let mut jobs: Vec<(usize, &Input, String)> = listing.inputs.iter().zip(ids).enumerate().map(|(i, (input, id))| (i, input, id)).collect();
    jobs.sort_by(|a, b| a.2.cmp(&b.2));
    in_order(&crate::extract::WARM_UPS, threads, &|compile| compile(), &mut |_, ()| {});
    let schema = Schema::get();
    let mut problems: Vec<(usize, Result<Warning, Error>)> = Vec::new();
    let mut documents = 0;
    let mut off_topic = 0;
    let mut digest = InputDigest::default();
    in_order(
        &jobs,
        threads,
        &|(_, input, id)| {
            // The mentions served extraction (`oversight explain` shows them); the
            // graph is built from the facts and each entity's first mention.
            let mut digest = None;
            let r = read_input_if(input, id.clone(), &mut |text| {
                digest = Some(stamp::digest_of(text.as_bytes()));
                crate::extract::topic::is_on_topic(text)
            })
            .map(|read| read.map(|doc| (digest.expect("a text read was digested"), doc.map(|doc| DocExtraction { mentions: Vec::new(), ..extract(&doc, schema) }))));
            bar.0.inc(1);
            r
        },
        &mut |job, r| match r {
            Ok(Ok((text, Some(x)))) => {
                documents += 1;
                digest.add(&x.doc, &text);
                take(x);
            }
            Ok(Ok((text, None))) => {
                off_topic += 1;
                digest.add(&jobs[job].2, &text);
            }
            Ok(Err(w)) => problems.push((jobs[job].0, Ok(w))),
            Err(e) => problems.push((jobs[job].0, Err(e))),
        },
    );
    problems.sort_by_key(|(i, _)| *i);
    let mut warnings = listing.warnings;
    for (_, p) in problems {
        warnings.push(p?);
    }
    if documents + off_topic == 0 {
        let path = inputs.first().cloned().unwrap_or_default();
        return Err(Error::BadInput { path, message: "no document with any text to read".into() });
    }
    bar.0.set_message("resolving");
    Ok(Extracted { warnings, documents, off_topic, digest })
}

/// The threads `--threads N` asks for: N, or one per core for 0.
pub fn thread_count(threads: usize) -> usize {
    if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    }
}

/// `work` applied to every item on up to `threads` threads (0: one per
/// core), each result handed to `take` in the items' order as soon as those
/// before it are in. Items are handed out one at a time, so a long document
/// does not hold up a whole share. `take` runs on the workers, one at a time:
/// a worker that finishes an item and finds none being taken hands over every
/// result now due, then goes back to work, so no thread sits waiting to be
/// woken for each result and `take`'s share is spread over the workers.
fn in_order<T: Sync, R: Send>(items: &[T], threads: usize, work: &(dyn Fn(&T) -> R + Sync), take: &mut (dyn FnMut(usize, R) + Send)) {
    let threads = thread_count(threads).clamp(1, items.len().max(1));
    if threads == 1 {
        for (i, item) in items.iter().enumerate() {
            take(i, work(item));
        }
        return;
    }
    /// Results that came in before one they follow, the index due next, and
    /// whether a worker is handing results to `take`.
    struct Queue<R> {
        early: std::collections::BTreeMap<usize, R>,
        due: usize,
        taking: bool,
    }
    let queue = std::sync::Mutex::new(Queue { early: std::collections::BTreeMap::new(), due: 0, taking: false });
    let take = std::sync::Mutex::new(take);
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = work(item);
                let mut q = queue.lock().expect("a worker panicked");
                q.early.insert(i, r);
                if q.taking {
                    continue;
                }
                q.taking = true;
                // Only the worker that set `taking` locks `take`.
                let mut take = take.lock().expect("a worker panicked");
                loop {
                    let due = q.due;
                    let Some(r) = q.early.remove(&due) else { break };
                    q.due += 1;
                    drop(q);
                    take(due, r);
                    q = queue.lock().expect("a worker panicked");
                }
                q.taking = false;
            });
        }
    });
}

/// One JSON line for each document's extraction: what `oversight extract`
/// writes, and `oversight merge` reads. Each line stands alone (no state
/// across documents), so any split of the inputs can be extracted anywhere.
pub fn fragments_to_jsonl(extractions: &[DocExtraction]) -> String {
    let mut out = String::new();
    for x in extractions {
        out.push_str(&serde_json::to_string(x).expect("an extraction serialises"));
        out.push('\n');
    }
    out
}

/// Reads fragment files written by `oversight extract`; a bad line is an
/// error naming the file and the line. Returns the fragments and a digest of
/// the files.
pub fn read_fragments(paths: &[PathBuf]) -> Result<(Vec<DocExtraction>, InputDigest), Error> {
    let mut out = Vec::new();
    let mut digest = InputDigest::default();
    for path in paths {
        let text = fs::read_to_string(path).map_err(|e| Error::Read { path: path.clone(), source: e })?;
        let name = path.file_name().unwrap_or(path.as_os_str()).to_string_lossy();
        digest.add(&name, &stamp::digest_of(text.as_bytes()));
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let x: DocExtraction = serde_json::from_str(line).map_err(|e| Error::BadInput {
                path: path.clone(),
                message: format!("line {}: not a fragment written by `oversight extract`: {e}", n + 1),
            })?;
            out.push(x);
        }
    }
    if out.is_empty() {
        let path = paths.first().cloned().unwrap_or_default();
        return Err(Error::BadInput { path, message: "no fragments to merge".into() });
    }
    Ok((out, digest))
}

/// A progress bar (hidden unless asked for), cleared however the build ends.
struct Progress(ProgressBar);

impl Progress {
    fn new(show: bool, len: usize) -> Progress {
        if !show {
            return Progress(ProgressBar::hidden());
        }
        let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} documents, {elapsed}").map(|s| s.progress_chars("=> "));
        if let Ok(style) = style {
            bar.set_style(style);
        }
        Progress(bar)
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// Graphs with more nodes than this are not drawn in the report: one picture
/// of them would be unreadable (`oversight dot NAME` draws a part).
pub const DIAGRAM_LIMIT: usize = 600;

/// What writes one output file's contents, when its turn comes (on any thread).
pub type Producer<'a> = Box<dyn FnOnce(&mut dyn Write) -> std::io::Result<()> + Send + 'a>;

/// The output files of a graph: (file name, contents). The report's diagram
/// is drawn by Graphviz where it is installed.
pub fn render(graph: KnowledgeGraph) -> Vec<(&'static str, String)> {
    render_with(graph, true)
}

/// As `render`; with `draw` false the report has no diagram and Graphviz is
/// not run (for the fuzzers, which run thousands of builds a second).
pub fn render_with(graph: KnowledgeGraph, draw: bool) -> Vec<(&'static str, String)> {
    producers(graph, draw, &BuildId::none())
        .into_iter()
        .map(|(name, produce)| (name, export::to_string(produce)))
        .collect()
}

/// The output files of a graph, each made only when it is written, so that
/// no output is held whole in memory: the JSON-LD is streamed item by item,
/// and the report is made from the model read off those items, once the
/// graph is gone (the report needs only the model, and at a gigabyte of text
/// the graph and the model are each gigabytes). They may run on different
/// threads, taken in the order listed: the report waits until the others
/// are done with the graph. Each is stamped with `build`.
pub fn producers(graph: KnowledgeGraph, draw: bool, build: &BuildId) -> Vec<(&'static str, Producer<'static>)> {
    producers_reading(graph, draw, None, 1, build, None)
}

/// Graphs with more nodes than this (people, bodies, inspections, ratings
/// and documents) are written in their large form, which a person can still
/// open (`oversight build --large-above`): `graph.dot` is an overview of the
/// bodies (`export::dot::write_overview_to`), and `report.html` an index of
/// them, with a page for each in `report/bodies/` (`export::report::write_split_to`).
/// The JSON-LD, the GraphML and the Neo4j files are whole at any size.
pub const LARGE_GRAPH: usize = 5_000;

/// Writes a graph's outputs into `dir` (see `write_outputs_with`). Where the
/// JSON-LD goes to a regular file, the report reads its model back from that
/// file once the graph is gone, rather than the model being built beside the
/// graph: a build never holds both (at a gigabyte of text, a gigabyte each).
/// A graph of more than `large_above` nodes is written in its large form
/// (see `LARGE_GRAPH`), its report's pages in a folder written as the files
/// are: whole, or not at all.
pub fn write_graph_outputs(dir: &Path, graph: KnowledgeGraph, threads: usize, build: &BuildId, large_above: usize) -> Result<Vec<(&'static str, u64)>, Error> {
    let jsonld = (!written_in_place(&dir.join("graph.jsonld"))).then(|| temporary_path(&dir.join("graph.jsonld"), std::process::id()));
    let threads = thread_count(threads);
    let large = graph.graph.node_count() > large_above;
    // A folder of that name that is not a report's pages is never replaced, nor removed.
    let target = dir.join(export::report::PAGES);
    let foreign = fs::symlink_metadata(&target).is_ok() && !export::report::is_pages(&target);
    if foreign && large {
        let why = "it holds other files than a report's pages, and the report's pages go there: move it, or build into another folder";
        return Err(Error::Write { path: target, source: std::io::Error::other(why) });
    }
    let pages = large.then(|| temporary_path(&target, std::process::id()));
    let folders: &[(&str, bool)] = if foreign { &[] } else { &[(export::report::PAGES, large)] };
    write_outputs_with(dir, producers_reading(graph, true, jsonld, threads, build, pages), folders, threads)
}

/// As `producers`; with `jsonld_file`, the file the JSON-LD is being
/// written to, the report reads the model from it, on `threads` threads once
/// the other outputs are done (and indexes it on as many). With `pages`,
/// the folder the report's pages go to, the graph is written in its large
/// form (`LARGE_GRAPH`).
fn producers_reading(graph: KnowledgeGraph, draw: bool, jsonld_file: Option<PathBuf>, threads: usize, build: &BuildId, pages: Option<PathBuf>) -> Vec<(&'static str, Producer<'static>)> {
    let diagram = diagram(&graph, draw && pages.is_none());
    let graph = std::sync::Arc::new(graph);
    // The model, or word that the JSON-LD file is complete, with where its items lie.
    enum Written {
        Model(Model),
        File(export::jsonld::ItemOffsets),
    }
    let (send_model, model) = std::sync::mpsc::channel::<Written>();
    let in_memory = jsonld_file.is_none();
    let (released, all_released) = std::sync::mpsc::channel::<()>();
    let hold = || Holder { graph: graph.clone(), _released: released.clone() };
    let (dot, jsonld, graphml) = (hold(), hold(), hold());
    let csv_files: Vec<(&'static str, Producer<'static>)> = export::neo4j::FILES
        .iter()
        .map(|&(file, name)| {
            let csv = hold();
            (name, Box::new(move |w: &mut dyn Write| export::neo4j::write_to(csv.graph(), file, w)) as Producer)
        })
        .collect();
    drop((graph, released));
    let build = build.to_string();
    let large = pages.is_some();
    let (dot_build, jsonld_build, graphml_build, import_script, queries) =
        (build.clone(), build.clone(), build.clone(), export::neo4j::import_script(&build), export::neo4j::queries(&build));
    let mut outputs: Vec<(&'static str, Producer<'static>)> = vec![
        ("graph.dot", Box::new(move |w: &mut dyn Write| {
            if large {
                export::dot::write_overview_to(dot.graph(), w, Some(&dot_build))
            } else {
                export::dot::write_to(dot.graph(), w, Some(&dot_build))
            }
        })),
        ("graph.jsonld", Box::new(move |w: &mut dyn Write| {
            let mut m = Model::default();
            let mut add = |item: &serde_json::Value| m.add(item);
            let offsets = export::jsonld::write_to(jsonld.graph(), w, Some(&jsonld_build), in_memory.then_some(&mut add as &mut dyn FnMut(&serde_json::Value)))?;
            w.flush()?;
            drop(jsonld);
            let _ = send_model.send(if in_memory { Written::Model(m) } else { Written::File(offsets) });
            Ok(())
        })),
        ("graph.graphml", Box::new(move |w: &mut dyn Write| export::graphml::write_to(graphml.graph(), w, Some(&graphml_build)))),
    ];
    outputs.extend(csv_files);
    outputs.push(("neo4j/import.sh", Box::new(move |w: &mut dyn Write| w.write_all(import_script.as_bytes()))));
    outputs.push(("neo4j/queries.cypher", Box::new(move |w: &mut dyn Write| w.write_all(queries.as_bytes()))));
    outputs.push(
        ("report.html", Box::new(move |w: &mut dyn Write| {
            let model = model.recv().map_err(|_| std::io::Error::other("the report was not written, because the JSON-LD it is read from was not"))?;
            // Every holder is dropped when its output is done, and with it its sender.
            while all_released.recv().is_ok() {}
            let started = std::time::Instant::now();
            return_freed_memory();
            let unreadable = |e: String| std::io::Error::other(format!("the JSON-LD just written could not be read back for the report: {e}"));
            let model = match (model, &jsonld_file) {
                (Written::Model(m), _) => m,
                (Written::File(offsets), Some(path)) => Model::read_file_in_parallel(path, &offsets, threads).map_err(unreadable)?,
                (Written::File(_), None) => unreachable!("the model is sent when there is no file"),
            };
            note_time("report: model read, since the graph was let go", started);
            let graph = Graph { model, jsonld: String::new(), origin: "this build".into(), warnings: Vec::new() };
            let written = match &pages {
                Some(folder) => export::report::write_split_to(&graph, w, folder, threads),
                None => export::report::write_to_with(&graph, &diagram, w, threads),
            };
            // Freeing the model takes a while at scale: with threads to
            // spare, it is freed while the report is flushed to disk (here,
            // if no thread can be started: the closure is dropped with it).
            if threads > 1 {
                let _ = std::thread::Builder::new().name("free-model".into()).spawn(move || drop(graph));
            }
            written
        })),
    );
    outputs
}

/// Hands the pages of freed memory back to the system: once the graph is
/// dropped, glibc keeps most of them (they lie between blocks still in use),
/// and the report's model would be counted on top of them. Elsewhere a no-op.
fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns whole free pages to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// One output's share of the graph: dropped when that output is done, which
/// also drops its sender, so the report knows when the graph is gone.
struct Holder {
    graph: std::sync::Arc<KnowledgeGraph>,
    _released: std::sync::mpsc::Sender<()>,
}

impl Holder {
    /// The graph, through the whole holder: a closure that named only the
    /// field would capture only the field (Rust 2021), and drop the sender
    /// early, so the report would read its model beside a live graph.
    fn graph(&self) -> &KnowledgeGraph {
        &self.graph
    }
}

/// The report's picture of the whole graph, drawn by Graphviz when the graph
/// is small enough to read in one picture.
fn diagram(graph: &KnowledgeGraph, draw: bool) -> Diagram {
    if !draw {
        Diagram::Missing("The diagram was not drawn.".into())
    } else if graph.graph.node_count() > DIAGRAM_LIMIT {
        Diagram::Missing(format!(
            "The graph has {} nodes, too many to draw legibly in one picture. Draw one person's or body's neighbourhood with `oversight dot NAME --svg`, or open graph.graphml in Gephi.",
            graph.graph.node_count()
        ))
    } else {
        match export::dot::to_svg(&export::dot::write(graph)) {
            Ok(svg) => Diagram::Svg(svg),
            Err(SvgError::NotInstalled) => Diagram::Missing(format!(
                "The diagram is missing: Graphviz was not installed when this report was built. To draw it, {}, and run `oversight build` again; graph.dot beside this file holds the graph in the meantime.",
                INSTALL_GRAPHVIZ.replace(", then run this again", "")
            )),
            Err(e) => Diagram::Missing(format!("The diagram is missing: {e}. graph.dot beside this file holds the graph.")),
        }
    }
}

/// The temporary files of the outputs being written, and whether they are
/// being renamed into place. The interrupt handler takes the same lock, so a
/// signal either removes every temporary file before any rename, or waits
/// until all of them are renamed: the outputs are the previous set or the
/// new set, never a mix.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Makes Ctrl-C (SIGINT), SIGTERM and SIGHUP remove the temporary files of
/// the outputs being written before the process ends with exit code 130, so
/// an interrupted build leaves the previous outputs whole and nothing else.
/// A build killed outright (SIGKILL, a power cut) can leave `.NAME.tmp-PID`
/// files; the next build into the same folder removes them.
pub fn clean_up_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        let temps = pending();
        for t in temps.iter() {
            remove_path(t);
        }
        let _ = writeln!(std::io::stderr(), "\noversight: interrupted; the outputs were left as they were");
        std::process::exit(exit::INTERRUPTED);
    });
}

/// The temporary file an output is written to before it is renamed over
/// `target`: `.NAME.tmp-PID` beside it.
pub fn temporary_path(target: &Path, pid: u32) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    target.with_file_name(format!(".{name}.tmp-{pid}"))
}

/// The lock file of an output folder. A build holds an operating-system lock
/// on it (`File::lock`) while it renames its outputs into place, so that two
/// builds into one folder, in two processes, rename their sets one after the
/// other and never leave a mix. The system lets go of the lock when the
/// process that held it ends, however it ends, so a lock left by a killed
/// build never blocks the next; the empty file stays.
pub const LOCK_FILE: &str = ".oversight.lock";

/// Takes the lock of an output folder, waiting for another build that holds
/// it; none on a file system that has no locks (the renames go ahead as before).
fn lock_folder(dir: &Path) -> Result<Option<fs::File>, Error> {
    let path = dir.join(LOCK_FILE);
    let file = fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|e| Error::Write { path: path.clone(), source: e })?;
    match file.lock() {
        Ok(()) => Ok(Some(file)),
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => Ok(None),
        Err(e) => Err(Error::Write { path, source: e }),
    }
}

/// Writes every output to a temporary file beside its target (flushed to
/// disk), then renames them all into place; on any failure (a full disk, a
/// read-only folder) the temporaries are removed and the previous outputs
/// stay as they were. Temporaries that a killed build left are removed first.
/// A target that exists and is not a regular file (`/dev/stdout`, a FIFO) is
/// written to directly, never replaced.
pub fn write_outputs(dir: &Path, files: &[(&str, String)]) -> Result<(), Error> {
    let producers = files.iter().map(|(name, contents)| (*name, Box::new(move |w: &mut dyn Write| w.write_all(contents.as_bytes())) as Producer)).collect();
    write_outputs_with(dir, producers, &[], 1).map(|_| ())
}

/// As `write_outputs`, each file's contents made by its producer as it is
/// written (see `producers`), on up to `threads` threads (0: one per core),
/// each taking the next file in the list when it is free. Returns each
/// file's name and size in bytes, in the list's order, then each folder's.
///
/// `folders` names folders of outputs (`report/`), each with whether this
/// build writes it: a producer writes it whole into its temporary path
/// (`temporary_path`), which replaces the folder with the files, under the
/// same locks, in one step where the system can (Linux's `RENAME_EXCHANGE`);
/// one this build does not write is removed with them, so that no folder of
/// an earlier build is left beside outputs it does not belong to.
pub fn write_outputs_with<'n>(dir: &Path, files: Vec<(&'n str, Producer)>, folders: &[(&'n str, bool)], threads: usize) -> Result<Vec<(&'n str, u64)>, Error> {
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    // The folder, and those inside it that outputs go to (`neo4j/`).
    let mut parents: Vec<PathBuf> = vec![dir.to_path_buf()];
    for name in &names {
        if let Some(parent) = dir.join(name).parent().filter(|p| !parents.iter().any(|f| f == p)) {
            parents.push(parent.to_path_buf());
        }
    }
    for folder in &parents {
        fs::create_dir_all(folder).map_err(|e| Error::Write { path: folder.clone(), source: e })?;
    }
    let all_names: Vec<&str> = names.iter().copied().chain(folders.iter().map(|f| f.0)).collect();
    remove_stale_temporaries(dir, &all_names);
    let pid = std::process::id();
    // (the file written to, the target it is renamed over, if any)
    let mut jobs: Vec<(PathBuf, Option<PathBuf>, Mutex<Option<Producer>>)> = Vec::new();
    for (name, produce) in files {
        let target = dir.join(name);
        if written_in_place(&target) {
            jobs.push((target, None, Mutex::new(Some(produce))));
        } else {
            let temp = temporary_path(&target, pid);
            pending().push(temp.clone());
            jobs.push((temp, Some(target), Mutex::new(Some(produce))));
        }
    }
    let mut temps: Vec<(PathBuf, PathBuf)> = jobs.iter().filter_map(|(t, target, _)| target.clone().map(|target| (t.clone(), target))).collect();
    // The folders' temporary paths, written by the producers or not at all.
    let folder_temps: Vec<(PathBuf, PathBuf, bool)> = folders.iter().map(|&(name, written)| (temporary_path(&dir.join(name), pid), dir.join(name), written)).collect();
    for (temp, _, _) in &folder_temps {
        let _ = fs::remove_dir_all(temp);
        pending().push(temp.clone());
    }
    let cleanup = |temps: &[(PathBuf, PathBuf)]| {
        let mut p = pending();
        for t in temps.iter().map(|(t, _)| t).chain(folder_temps.iter().map(|(t, _, _)| t)) {
            remove_path(t);
            p.retain(|x| x != t);
        }
    };
    let started = std::time::Instant::now();
    let written = in_parallel_ordered(&jobs, threads, &|(path, target, produce)| {
        let produce = produce.lock().unwrap_or_else(|e| e.into_inner()).take().expect("each output is written once");
        let open = || if target.is_some() { fs::File::create(path) } else { fs::OpenOptions::new().write(true).open(path) };
        let written = write_with(&open, produce).map_err(|e| Error::Write { path: target.clone().unwrap_or_else(|| path.clone()), source: e });
        note_time(&format!("{} written, since the outputs began", target.as_ref().unwrap_or(path).display()), started);
        written
    });
    note_time("outputs", started);
    let mut sizes = Vec::new();
    for (name, r) in names.into_iter().zip(written) {
        match r {
            Ok(bytes) => sizes.push((name, bytes)),
            Err(e) => {
                cleanup(&temps);
                return Err(e);
            }
        }
    }
    for (&(name, written), (temp, target, _)) in folders.iter().zip(&folder_temps) {
        if !written {
            continue;
        }
        let flushed = size_of_folder(temp).and_then(|bytes| fs::File::open(temp).and_then(|d| d.sync_all()).map(|()| bytes));
        match flushed {
            Ok(bytes) => sizes.push((name, bytes)),
            Err(e) => {
                cleanup(&temps);
                return Err(Error::Write { path: target.clone(), source: e });
            }
        }
    }
    // The renames, under the folder's lock (against other builds), then the
    // lock the interrupt handler takes; waiting for the first, a build can
    // still be interrupted.
    let renaming = !temps.is_empty() || folder_temps.iter().any(|(_, target, written)| *written || target.exists());
    let folder_lock = if renaming { lock_folder(dir).inspect_err(|_| cleanup(&temps))? } else { None };
    let mut p = pending();
    // The folders first, each swapped with the one in place (whose files
    // are then at the temporary path, removed below); one this build does
    // not write is moved there last, once the files are in place.
    for (temp, target, _) in folder_temps.iter().filter(|f| f.2) {
        let swapped = if target.is_dir() { exchange(temp, target) } else { fs::rename(temp, target) };
        if let Err(e) = swapped {
            drop(p);
            cleanup(&temps);
            return Err(Error::Write { path: target.clone(), source: e });
        }
    }
    for (temp, target) in &temps {
        if let Err(e) = fs::rename(temp, target) {
            drop(p);
            cleanup(&temps);
            return Err(Error::Write { path: target.clone(), source: e });
        }
    }
    for (temp, target, _) in folder_temps.iter().filter(|f| !f.2 && f.1.is_dir()) {
        let _ = fs::rename(target, temp);
    }
    p.retain(|x| !temps.iter().any(|(t, _)| t == x));
    drop(p);
    // The renames themselves reach the disk when the folders are flushed.
    #[cfg(unix)]
    for folder in &parents {
        if let Ok(d) = fs::File::open(folder) {
            let _ = d.sync_all();
        }
    }
    drop(folder_lock);
    // The folders replaced, now at their temporary paths.
    temps.clear();
    cleanup(&temps);
    Ok(sizes)
}

/// Removes a file, or a folder with all it holds.
fn remove_path(path: &Path) {
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        let _ = fs::remove_dir_all(path);
    } else {
        let _ = fs::remove_file(path);
    }
}

/// The bytes of the files in a folder and the folders in it.
fn size_of_folder(dir: &Path) -> std::io::Result<u64> {
    let mut bytes = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        bytes += if meta.is_dir() { size_of_folder(&entry.path())? } else { meta.len() };
    }
    Ok(bytes)
}

/// Swaps two folders in one step (Linux's `renameat2` with `RENAME_EXCHANGE`),
/// so that `b` is never missing. Where the system or the file system cannot,
/// `b` is moved aside, `a` renamed to it, and what was `b` moved to `a`: a
/// build killed between the two leaves the old folder beside, not in place.
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
        let (ca, cb) = (c(a)?, c(b)?);
        // SAFETY: two valid NUL-terminated paths, relative to the working folder.
        let r = unsafe { libc::renameat2(libc::AT_FDCWD, ca.as_ptr(), libc::AT_FDCWD, cb.as_ptr(), libc::RENAME_EXCHANGE) };
        if r == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        if !matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP)) {
            return Err(e);
        }
    }
    let aside = a.with_file_name(format!("{}-old", a.file_name().unwrap_or_default().to_string_lossy()));
    fs::rename(b, &aside)?;
    fs::rename(a, b)?;
    fs::rename(&aside, a)
}

/// Whether an output is written to where it is rather than replaced: a FIFO
/// or a device (`--out /dev/stdout`).
fn written_in_place(target: &Path) -> bool {
    fs::metadata(target).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// `work` applied to every item on up to `threads` threads (0: one per
/// core), the results in the items' order.
pub(crate) fn in_parallel_ordered<T: Sync, R: Send>(items: &[T], threads: usize, work: &(dyn Fn(&T) -> R + Sync)) -> Vec<R> {
    let mut out = Vec::with_capacity(items.len());
    in_order(items, threads, work, &mut |_, r| out.push(r));
    out
}

/// With `OVERSIGHT_TIMINGS` set, prints how long a step took on standard
/// error (`oversight: timing: WHAT 1.23 s`), for finding where a build's
/// time goes (`benches/run.sh` does not set it).
pub fn note_time(what: &str, since: std::time::Instant) {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *ON.get_or_init(|| std::env::var_os("OVERSIGHT_TIMINGS").is_some()) {
        eprintln!("oversight: timing: {what} {:.2} s", since.elapsed().as_secs_f64());
    }
}

/// Writes a producer's output to the file `open` opens, through a buffer,
/// and flushes it to the disk (a regular file; a FIFO or a device cannot be
/// synced, and need not be). The file is opened at the first write (or at
/// the end, for an empty output), so that what a producer does before it
/// writes (the report's pages) is done first. Returns the number of bytes written.
fn write_with(open: &dyn Fn() -> std::io::Result<fs::File>, produce: Producer) -> std::io::Result<u64> {
    let mut w = Counted { open, inner: None, bytes: 0 };
    produce(&mut w)?;
    let bytes = w.bytes;
    let f = w.file()?.into_inner().map_err(|e| e.into_error())?;
    if f.metadata().is_ok_and(|m| m.is_file()) {
        f.sync_all()?;
    }
    Ok(bytes)
}

/// A writer to a file opened at the first write, that counts the bytes through it.
struct Counted<'a> {
    open: &'a dyn Fn() -> std::io::Result<fs::File>,
    inner: Option<std::io::BufWriter<fs::File>>,
    bytes: u64,
}

impl Counted<'_> {
    fn file(&mut self) -> std::io::Result<std::io::BufWriter<fs::File>> {
        match self.inner.take() {
            Some(w) => Ok(w),
            None => Ok(std::io::BufWriter::with_capacity(1 << 20, (self.open)()?)),
        }
    }
}

impl Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut w = self.file()?;
        let n = w.write(buf);
        self.inner = Some(w);
        let n = n?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.as_mut().map_or(Ok(()), |w| w.flush())
    }
}

/// Removes the `.NAME.tmp-PID` files (and folders) of these outputs that a build killed
/// before it could clean up left in `dir`: those of processes that no longer
/// run (a build running beside this one keeps its own).
fn remove_stale_temporaries(dir: &Path, files: &[&str]) {
    let me = std::process::id();
    let stale = |temp: &Path| {
        let Some(name) = temp.file_name().and_then(|n| n.to_str()) else { return false };
        files.iter().any(|f| {
            let target = dir.join(f);
            let Some(prefix) = target.file_name().and_then(|n| n.to_str()).map(|n| format!(".{n}.tmp-")) else { return false };
            target.parent() == temp.parent()
                && name.strip_prefix(&prefix).and_then(|pid| pid.trim_end_matches("-old").parse::<u32>().ok()).is_some_and(|pid| pid != me && !process_runs(pid))
        })
    };
    let mut folders: Vec<PathBuf> = files.iter().filter_map(|f| dir.join(f).parent().map(Path::to_path_buf)).collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        let Ok(entries) = fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            if stale(&entry.path()) {
                remove_path(&entry.path());
            }
        }
    }
}

/// Whether a process with this id runs (on platforms where that cannot be
/// told, it is taken to run, so nothing is removed).
fn process_runs(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
        // Signal 0 checks that the process exists without touching it.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_taken_in_order_once_each_however_the_work_is_spread() {
        // Uneven work, so that results come in out of order.
        let items: Vec<u64> = (0..2000).map(|i| (i * 7919) % 13).collect();
        let work = |&n: &u64| -> u64 { (0..n * 500).fold(n, |a, b| a.wrapping_mul(31).wrapping_add(b)) };
        for threads in [1, 2, 3, 8] {
            let mut taken = Vec::new();
            in_order(&items, threads, &work, &mut |i, r| taken.push((i, r)));
            let expected: Vec<(usize, u64)> = items.iter().map(work).enumerate().collect();
            assert_eq!(taken, expected, "on {threads} threads");
        }
    }

    #[test]
    fn the_report_waits_until_every_other_output_has_let_go_of_the_graph() {
        let graph = build_graph(&[PathBuf::from("seeds")]).unwrap().graph;
        let mut outputs = producers(graph, false, &BuildId::none());
        let (_, report) = outputs.pop().unwrap();
        let jsonld = outputs.remove(1);
        assert_eq!(jsonld.0, "graph.jsonld");
        (jsonld.1)(&mut Vec::new()).unwrap();
        let report = std::thread::spawn(move || report(&mut Vec::new()));
        // The import command and the queries are text, made without the graph.
        let (text, holders): (Vec<_>, Vec<_>) = outputs.into_iter().partition(|(name, _)| matches!(*name, "neo4j/import.sh" | "neo4j/queries.cypher"));
        for (_, produce) in text {
            produce(&mut Vec::new()).unwrap();
        }
        for (name, produce) in holders {
            std::thread::sleep(std::time::Duration::from_millis(100));
            assert!(!report.is_finished(), "the report began while the writer of {name} held the graph");
            produce(&mut Vec::new()).unwrap();
        }
        report.join().unwrap().unwrap();
    }
}
