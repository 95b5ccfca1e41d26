//! The `oversight` command line: thin glue over the library's pipeline.

use clap::{Args, Parser, Subcommand};
use oversight::error::exit;
use oversight::export::stamp::BuildId;
use oversight::graph::{EdgeKind, NodeKind};
use oversight::pipeline;
use oversight::query::{self, Graph, GraphSource, QueryError};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Instant;

/// mimalloc rather than the system's allocator: extraction makes and drops
/// many small strings and vectors a sentence (benches/RESULTS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_CODES: &str = "Exit codes:
  0    the outputs were written (or, for a question, the answer printed)
  1    an input could not be used: a missing path, a folder with no .txt, .html or .pdf
       files, a file named on the command line that cannot be read or is not text
       (not UTF-8, binary, over 64 MiB), no document with any text;
       or a question could not be answered (see the help of who-led, timeline, inspections, sparql)
  2    the command line was wrong
  3    the outputs could not be written (a full disk, a read-only folder); the previous
       outputs are left whole
  4    with --strict: the outputs were written, but there were warnings
  130  interrupted (Ctrl-C, SIGTERM, SIGHUP): the previous outputs are left whole

Odd inputs: a file found in a folder that cannot be read (vanished, a dangling or looping
symlink, a FIFO), is not text (binary, not UTF-8) or is over 64 MiB is a warning, and it is
skipped; named on the command line, it is an error (exit code 1). An empty file, or a PDF
with no readable text, is a warning either way. UTF-16 with a byte-order mark is decoded; a
UTF-8 byte-order mark is dropped; Windows line ends are read as line ends. Symlink loops are
walked once. When standard output is closed early (`| head`), the command stops quietly
with exit code 0.";

const QUERY_EXIT_CODES: &str = "Exit codes:
  0  the answer was printed (an empty one too)
  1  the question could not be answered: the graph is missing or unreadable (run `oversight build`
     first), a name matched nothing or more than one person or body (the candidates are listed),
     a date was malformed, or a SPARQL query did not parse or run
  2  the command line was wrong";

const DOT_EXIT_CODES: &str = "Exit codes:
  0  the drawing was written
  1  the graph is missing or unreadable (run `oversight build` first), or the name matched
     nothing or more than one person or body (the candidates are listed)
  2  the command line was wrong
  3  the drawing could not be made or written: --svg needs Graphviz's `dot` (the message says
     how to install it), or FILE could not be written";

/// Where a question's graph comes from, and how the answer is printed.
#[derive(Args)]
struct Ask {
    /// The graph to ask, as written by `oversight build`
    #[arg(long, value_name = "FILE", default_value = "out/graph.jsonld")]
    graph: PathBuf,
    /// Build the graph from these documents (a .txt file or a folder) instead of reading --graph; repeatable
    #[arg(long = "from", value_name = "INPUT", conflicts_with = "graph")]
    from: Vec<PathBuf>,
    /// Print the answer as JSON (SPARQL JSON results for `sparql`)
    #[arg(long)]
    json: bool,
}

/// Turns news articles and official letters about English children's
/// services into a knowledge graph of who inspected, led, rated and replaced
/// whom, and when.
#[derive(Parser)]
#[command(name = "oversight", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the graph from articles and letters and write graph.dot,
    /// graph.jsonld, graph.graphml and report.html.
    ///
    /// Reads every .txt, .html, .htm and .pdf file named, and every such file
    /// under every folder named (recursively). Text is read as UTF-8; a saved
    /// web page gives its article's text (no navigation, scripts or adverts); a
    /// PDF its pages' text. A PDF that cannot be read (encrypted, damaged, a
    /// scan with no text) is a warning naming it, and the build goes on. The
    /// outputs are written to temporary files and renamed into place only when
    /// all of them are complete, so a failed or interrupted build leaves the
    /// previous ones whole. A progress bar is drawn on standard error when it
    /// is a terminal.
    #[command(after_help = EXIT_CODES)]
    Build {
        /// Files and folders to read [default: seeds/]
        inputs: Vec<PathBuf>,
        /// Folder the outputs are written to
        #[arg(long, short, default_value = "out")]
        out: PathBuf,
        /// Print nothing but errors and warnings (and no progress bar)
        #[arg(long, short)]
        quiet: bool,
        /// Threads that extract documents, and then write the outputs, at once (0: one per core); the outputs are the same for any number
        #[arg(long, short = 'j', default_value_t = 0)]
        threads: usize,
        /// Warnings fail the build: a file skipped or a document without a date
        /// gives exit code 4 (after the outputs are written), for pipelines
        #[arg(long)]
        strict: bool,
        /// A graph of more nodes than this is written in its large form, which
        /// a person can still open: graph.dot an overview of the bodies (draw
        /// anyone in full with `oversight dot NAME`), report.html an index of
        /// the bodies with a page for each in report/bodies/. The JSON-LD,
        /// GraphML and Neo4j files are whole at any size
        #[arg(long, value_name = "NODES", default_value_t = pipeline::LARGE_GRAPH)]
        large_above: usize,
    },
    /// Draw one person's or body's neighbourhood: Graphviz DOT, or SVG with --svg.
    ///
    /// Draws NAME and everything within --depth edges of it (either way):
    /// posts, bodies, inspections and their ratings, successions, inspectors.
    /// Ratings and documents are drawn but not walked through. The whole graph
    /// is out/graph.dot, where each body is drawn with its inspections.
    #[command(after_help = DOT_EXIT_CODES)]
    Dot {
        /// The person or body: a name or alternate name in any case, or a unique part of one (a surname)
        name: String,
        /// How many edges away from NAME to draw
        #[arg(long, default_value_t = 1, value_name = "N")]
        depth: usize,
        /// Render SVG through Graphviz's `dot` program (it must be installed: apt-get install graphviz, brew install graphviz)
        #[arg(long)]
        svg: bool,
        /// Write the drawing to FILE instead of standard output
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The graph to draw from, as written by `oversight build`
        #[arg(long, value_name = "FILE", default_value = "out/graph.jsonld")]
        graph: PathBuf,
        /// Build the graph from these documents (a file or a folder) instead of reading --graph; repeatable
        #[arg(long = "from", value_name = "INPUT", conflicts_with = "graph")]
        from: Vec<PathBuf>,
    },
    /// Score a build against gold annotations: precision, recall and F1 for
    /// people, bodies, roles, inspections and successions, and the accuracy of
    /// role dates, role status (judged per document), inspection ratings and inspection dates.
    ///
    /// GOLD_DIR holds one JSON file per document in the format of
    /// tests/gold/seeds/FORMAT.md. The figures are those of the project's gold
    /// scorer (score.py) on the same build.
    #[command(after_help = EXIT_CODES)]
    Eval {
        /// Folder of gold annotation files (*.json)
        gold: PathBuf,
        /// Files and folders to build [default: seeds/]
        inputs: Vec<PathBuf>,
        /// List what was missed and what was extra
        #[arg(long, short)]
        verbose: bool,
        /// Print the scores as JSON
        #[arg(long)]
        json: bool,
    },
    /// Extract each document's facts to one JSON line (a fragment), with no
    /// state shared between documents.
    ///
    /// The step that scales past one machine: run `extract` on any split of
    /// the inputs, anywhere (a batch scheduler, Spark's RDD.pipe), then one
    /// `merge` of all the fragment files writes the same outputs as one
    /// `build` of all the inputs, byte for byte.
    #[command(after_help = EXIT_CODES)]
    Extract {
        /// Files and folders to read
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The fragment file to write (JSON Lines)
        #[arg(long, short)]
        out: PathBuf,
        /// Threads that extract documents at once (0: one per core)
        #[arg(long, short = 'j', default_value_t = 0)]
        threads: usize,
        /// Warnings fail the build: a file skipped or a document without a date
        /// gives exit code 4 (after the outputs are written), for pipelines
        #[arg(long)]
        strict: bool,
    },
    /// Resolve fragment files written by `oversight extract` into the graph and
    /// write the same outputs as `build`.
    #[command(after_help = EXIT_CODES)]
    Merge {
        /// Fragment files (JSON Lines), in any order
        #[arg(required = true)]
        fragments: Vec<PathBuf>,
        /// Folder the outputs are written to
        #[arg(long, short, default_value = "out")]
        out: PathBuf,
        /// Print nothing but errors and warnings
        #[arg(long, short)]
        quiet: bool,
        /// Warnings fail the merge: a document without a date gives exit
        /// code 4 (after the outputs are written), for pipelines
        #[arg(long)]
        strict: bool,
    },
    /// Write a synthetic corpus for benchmarks and recall checks at scale:
    /// articles and letters in the styles of the seeds, about the real councils
    /// and trusts of the gazetteer and invented people, as DIR/docs/*.txt, each
    /// with its gold annotation in DIR/gold/ (score a build of it with
    /// `oversight eval DIR/gold DIR/docs`). The same --seed gives the same bytes.
    #[command(name = "gen-corpus", after_help = EXIT_CODES)]
    GenCorpus {
        /// Number of documents to write
        #[arg(long, required_unless_present = "bytes", conflicts_with = "bytes")]
        docs: Option<usize>,
        /// Or: write documents until their text reaches this size (a number of
        /// bytes, or with a suffix K, M or G: powers of 1000, so 100M is 10^8)
        #[arg(long, value_parser = parse_size)]
        bytes: Option<u64>,
        /// The seed of the invented world (any number)
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write a general-news stream instead: one document in N on topic
        /// (the usual documents, with their gold), the others off-topic local
        /// news (sport, planning, courts, weather, business) with no gold, which
        /// states no children's-services fact
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        stream: Option<u64>,
        /// Folder to write docs/ and gold/ into (created; must be empty or absent)
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Show what the extractors read in one document: each mention with the
    /// entity it stands for, then the roles, inspections and successions with
    /// the rule that read them.
    #[command(after_help = EXIT_CODES)]
    Explain {
        /// The document to read
        file: PathBuf,
        /// Also show each sentence as the rules of schema/rules/ read it, its
        /// people, bodies, posts, dates and judgements marked, with the rules
        /// that match it
        #[arg(long)]
        pieces: bool,
    },
    /// Who held posts in a body, and when, with the sources.
    ///
    /// Lists each post held in BODY: the person, the post, and its span: the
    /// start and end the texts gave, else the first and last dates a source saw
    /// it held, and whether the latest source calls the person current or former.
    /// The observations of one post merge into one span across documents; a
    /// succession closes the predecessor's span at the successor's start; a
    /// person that a later document calls former ended no later than its date.
    #[command(name = "who-led", after_help = QUERY_EXIT_CODES)]
    WhoLed {
        /// The body: its name or any alternate name in any case, or a unique part of one ("Northamptonshire trust")
        body: String,
        /// Only the posts the sources show held then (YYYY, YYYY-MM or YYYY-MM-DD): seen in post within it, or begun by its end and seen in post, or ended, no earlier than its start
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
        /// Only the posts these words begin or name ("chair", "director", "DCS")
        #[arg(long, value_name = "WORDS")]
        role: Option<String>,
        #[command(flatten)]
        ask: Ask,
    },
    /// Everything about one person or body in date order, with the document
    /// and the evidence sentence of each entry: posts, inspections and their
    /// ratings, successions.
    #[command(after_help = QUERY_EXIT_CODES)]
    Timeline {
        /// The person or body: a name or alternate name in any case, or a unique part of one (a surname)
        name: String,
        #[command(flatten)]
        ask: Ask,
    },
    /// The inspections, with kind, date, rating, inspectors, inspectorate and
    /// sources: all of them, those of one body, or those of one inspectorate.
    #[command(after_help = QUERY_EXIT_CODES)]
    Inspections {
        /// The body inspected (or the inspectorate): a name, alternate name or unique part of one
        body: Option<String>,
        #[command(flatten)]
        ask: Ask,
    },
    /// Any SPARQL 1.1 query over the graph, in an embedded RDF store (Oxigraph).
    ///
    /// SELECT prints an aligned table (--json: SPARQL 1.1 JSON results), ASK
    /// prints true or false, CONSTRUCT and DESCRIBE print N-Triples. The
    /// prefixes ov:, schema:, rdf:, rdfs:, xsd:, prov:, dcterms: and org: of
    /// schema/context.jsonld are declared already. README.md has examples.
    #[command(after_help = QUERY_EXIT_CODES)]
    Sparql {
        /// The query, or @FILE to read it from a file (e.g. @query.rq)
        query: String,
        #[command(flatten)]
        ask: Ask,
    },
}

/// The exit code when standard output is closed early (`oversight explain F | head -1`):
/// 0, as for `head` the command did its job, or 4 once a strict build has had warnings.
static EXIT_ON_BROKEN_PIPE: AtomicI32 = AtomicI32::new(exit::OK);

/// Prints to standard output. A closed pipe ends the command quietly (see
/// `EXIT_ON_BROKEN_PIPE`); any other failure to write is exit code 3.
fn emit(args: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(EXIT_ON_BROKEN_PIPE.load(Ordering::Relaxed));
        }
        complain(format_args!("oversight: error: standard output: cannot write: {e}"));
        std::process::exit(exit::OUTPUT);
    }
}

/// Prints a line to standard error; a closed standard error is no reason to stop.
fn complain(args: std::fmt::Arguments) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_fmt(args).and_then(|_| err.write_all(b"\n"));
}

macro_rules! say {
    ($($t:tt)*) => { emit(format_args!($($t)*)) };
}
macro_rules! sayln {
    ($($t:tt)*) => { emit(format_args!("{}\n", format_args!($($t)*))) };
}
macro_rules! eprintln {
    ($($t:tt)*) => { complain(format_args!($($t)*)) };
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { exit::USAGE as u8 } else { 0 });
        }
    };
    match cli.command {
        Command::Build { inputs, out, quiet, threads, strict, large_above } => {
            pipeline::clean_up_on_interrupt();
            build(inputs, out, quiet, threads, strict, large_above)
        }
        Command::Extract { inputs, out, threads, strict } => {
            pipeline::clean_up_on_interrupt();
            extract_fragments(inputs, out, threads, strict)
        }
        Command::Merge { fragments, out, quiet, strict } => {
            pipeline::clean_up_on_interrupt();
            merge(fragments, out, quiet, strict)
        }
        Command::Explain { file, pieces } => explain(file, pieces),
        Command::GenCorpus { docs, bytes, seed, stream, out } => gen_corpus(docs, bytes, seed, stream, out),
        Command::Dot { name, depth, svg, out, graph, from } => dot(&name, depth, svg, out, graph, from),
        Command::Eval { gold, inputs, verbose, json } => eval(gold, inputs, verbose, json),
        Command::WhoLed { body, at, role, ask: a } => {
            ask(&a, |g| query::tenure::who_led(g, &body, at.as_deref(), role.as_deref()).map(|r| query::render(&r, a.json)))
        }
        Command::Timeline { name, ask: a } => ask(&a, |g| query::timeline::timeline(g, &name).map(|r| query::render(&r, a.json))),
        Command::Inspections { body, ask: a } => {
            ask(&a, |g| query::inspections::inspections(g, body.as_deref()).map(|r| query::render(&r, a.json)))
        }
        Command::Sparql { query: q, ask: a } => ask(&a, |g| query::sparql::run(g, &query::sparql::query_text(&q)?, a.json)),
    }
}

/// Opens the graph, asks the question, prints the answer or the error.
fn ask(a: &Ask, question: impl FnOnce(&Graph) -> Result<String, QueryError>) -> ExitCode {
    let source = if a.from.is_empty() { GraphSource::File(a.graph.clone()) } else { GraphSource::Build(a.from.clone()) };
    let result = query::open(&source).and_then(|g| {
        for w in &g.warnings {
            eprintln!("oversight: warning: {w}");
        }
        question(&g)
    });
    match result {
        Ok(text) => {
            say!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("oversight: error: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// The exit code of a build, extract or merge that wrote its outputs: 4 if
/// `strict` and there were warnings (each is printed), else 0.
fn finish(warnings: &[String], strict: bool) -> ExitCode {
    for w in warnings {
        eprintln!("oversight: warning: {w}");
    }
    if strict && !warnings.is_empty() {
        EXIT_ON_BROKEN_PIPE.store(exit::WARNINGS, Ordering::Relaxed);
        eprintln!("oversight: error: {} warning(s) with --strict; the outputs were written", warnings.len());
        ExitCode::from(exit::WARNINGS as u8)
    } else {
        ExitCode::SUCCESS
    }
}

/// The warnings of a build: files skipped, and with `strict` the documents
/// without a date (otherwise only counted in the summary).
fn build_warnings(warnings: &[oversight::document::read::Warning], undated: &[String], strict: bool) -> Vec<String> {
    let mut all: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    if strict {
        all.extend(undated.iter().map(|d| format!("{d}: no date found in the document; its facts are undated")));
    }
    all
}

/// glibc gives threads that allocate at once arenas of their own, and what
/// one thread frees is kept for its arena: memory a worker freed is not
/// reused where the graph grows. One arena per worker thread: a 100 MB build
/// on two threads peaked at 421 MB rather than 490 MB, and ran no slower
/// (`benches/RESULTS.md`).
fn limit_allocator_arenas(threads: usize) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let n = pipeline::thread_count(threads);
        let n = libc::c_int::try_from(n.max(1)).unwrap_or(libc::c_int::MAX);
        // SAFETY: mallopt only sets a tuning parameter; called before the threads start.
        unsafe { libc::mallopt(libc::M_ARENA_MAX, n) };
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = threads;
}

fn build(inputs: Vec<PathBuf>, out: PathBuf, quiet: bool, threads: usize, strict: bool, large_above: usize) -> ExitCode {
    let started = Instant::now();
    limit_allocator_arenas(threads);
    let inputs = if inputs.is_empty() { vec![PathBuf::from("seeds")] } else { inputs };
    let began = std::time::SystemTime::now();
    let result = pipeline::build_graph_with(&inputs, !quiet, threads).and_then(|mut b| {
        pipeline::note_time("documents read, extracted and resolved", started);
        let counts = graph_counts(&b.graph);
        // The outputs take the graph, so that it can be let go of before the report is made.
        let graph = std::mem::take(&mut b.graph);
        let build = BuildId::new(std::mem::take(&mut b.inputs), began);
        let files = pipeline::write_graph_outputs(&out, graph, threads, &build, large_above)?;
        Ok((b, counts, files))
    });
    let (b, counts, files) = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("oversight: error: {e}");
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let code = finish(&build_warnings(&b.warnings, &b.undated, strict), strict);
    if quiet {
        return code;
    }
    match b.off_topic {
        0 => sayln!("read {} documents ({} undated)", b.documents, b.undated.len()),
        n => sayln!("read {} documents ({} undated), and {n} more off topic, left out", b.documents, b.undated.len()),
    }
    for line in &counts {
        sayln!("{line}");
    }
    for (name, bytes) in &files {
        sayln!("wrote {} ({bytes} bytes)", out.join(name).display());
    }
    sayln!("took {:.2?}", started.elapsed());
    code
}

/// The summary's lines counting a graph's nodes and edges of each kind.
fn graph_counts(g: &oversight::graph::KnowledgeGraph) -> [String; 2] {
    let nodes: Vec<String> = NodeKind::ALL.iter().map(|k| format!("{} {}", g.count_nodes(*k), k.as_str())).collect();
    let edges: Vec<String> = EdgeKind::ALL.iter().map(|k| format!("{} {}", g.count_edges(*k), k.as_str())).collect();
    [format!("nodes: {} ({})", g.graph.node_count(), nodes.join(", ")), format!("edges: {} ({})", g.graph.edge_count(), edges.join(", "))]
}

fn dot(name: &str, depth: usize, svg: bool, out: Option<PathBuf>, graph: PathBuf, from: Vec<PathBuf>) -> ExitCode {
    let source = if from.is_empty() { GraphSource::File(graph) } else { GraphSource::Build(from) };
    let drawn = query::open(&source).and_then(|g| {
        for w in &g.warnings {
            eprintln!("oversight: warning: {w}");
        }
        oversight::export::dot::neighbourhood_of(&g, name, depth)
    });
    let text = match drawn {
        Ok(t) => t,
        Err(e) => {
            eprintln!("oversight: error: {e}");
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let text = if svg {
        match oversight::export::dot::to_svg(&text) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("oversight: error: {e}");
                return ExitCode::from(exit::OUTPUT as u8);
            }
        }
    } else {
        text
    };
    match out {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, text) {
                eprintln!("oversight: error: {}", oversight::error::Error::Write { path, source: e });
                return ExitCode::from(exit::OUTPUT as u8);
            }
        }
        None => say!("{text}"),
    }
    ExitCode::SUCCESS
}

fn explain(file: PathBuf, pieces: bool) -> ExitCode {
    let docs = oversight::document::read::read_documents(std::slice::from_ref(&file));
    let doc = match docs {
        Ok((d, _)) if !d.is_empty() => d.into_iter().next().unwrap(),
        Ok((_, warnings)) => {
            match warnings.first() {
                Some(w) => eprintln!("oversight: error: {w}"),
                None => eprintln!("oversight: error: {}: empty file", file.display()),
            }
            return ExitCode::from(exit::INPUT as u8);
        }
        Err(e) => {
            eprintln!("oversight: error: {e}");
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let x = oversight::extract::extract(&doc, oversight::schema::Schema::get());
    sayln!("{}: date {}, title {:?}", x.doc, x.date.map_or("none".into(), |d| d.to_string()), x.title.unwrap_or_default());
    if !oversight::extract::topic::is_on_topic(&doc.text) {
        sayln!("off topic: it names none of schema/vocab/topic.txt's words, so a build leaves it out (what follows is what it would give)");
    }
    sayln!("\nmentions:");
    for m in &x.mentions {
        let e = &x.entities[m.entity];
        sayln!("  {:>6}  {:<40} -> {:?} {}{}", m.start, doc.norm.text[m.start..m.end].to_string(), e.kind, e.name, if m.anaphor { " (anaphor)" } else { "" });
    }
    let name = |i: usize| x.entities[i].name.clone();
    sayln!("\nroles:");
    for r in &x.roles {
        sayln!("  {} | {} | {} | {} | date {:?} start {:?}  [{}]", name(r.person), r.role, name(r.body), r.status.as_str(),
            r.date.map(|d| d.to_string()), r.start.map(|d| d.to_string()), r.evidence.rule);
    }
    sayln!("\ninspections:");
    for i in &x.inspections {
        let ins: Vec<String> = i.inspectors.iter().map(|&p| name(p)).collect();
        sayln!("  {} | {} | {:?} | {:?} | inspectors {:?}  [{} mentions]", name(i.body), i.kind, i.date.map(|d| d.to_string()), i.rating, ins, i.evidence.len());
        for ev in &i.evidence {
            sayln!("      {}: {}", ev.rule, ev.sentence.text().unwrap_or_default().replace('\n', " "));
        }
    }
    sayln!("\nsuccessions:");
    for s in &x.successions {
        sayln!("  {} <- {} | {:?} | {}  [{}]", name(s.successor), name(s.predecessor), s.date.map(|d| d.to_string()), s.what, s.evidence.rule);
    }
    if pieces {
        sayln!("\nsentences as the rules read them:");
        for (typed, rules) in oversight::extract::typed_sentences(&doc, oversight::schema::Schema::get()) {
            sayln!("  {}", typed.replace('\n', " "));
            if !rules.is_empty() {
                sayln!("      matched by: {}", rules.join(", "));
            }
        }
    }
    ExitCode::SUCCESS
}

fn eval(gold: PathBuf, inputs: Vec<PathBuf>, verbose: bool, json: bool) -> ExitCode {
    let inputs = if inputs.is_empty() { vec![PathBuf::from("seeds")] } else { inputs };
    let result = oversight::eval::load_gold(&gold).and_then(|g| Ok((g, pipeline::build_graph(&inputs)?)));
    let (gold, build) = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("oversight: error: {e}");
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let report = oversight::eval::score(&build.graph, &gold);
    if json {
        sayln!("{}", serde_json::to_string_pretty(&report.to_json()).unwrap_or_default());
    } else {
        sayln!("{}", report.table(verbose));
    }
    ExitCode::SUCCESS
}

fn extract_fragments(inputs: Vec<PathBuf>, out: PathBuf, threads: usize, strict: bool) -> ExitCode {
    let result = pipeline::extract_inputs(&inputs, false, threads).and_then(|(xs, warnings, _)| {
        let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "fragments.jsonl".into());
        pipeline::write_outputs(&dir, &[(name.as_str(), pipeline::fragments_to_jsonl(&xs))])?;
        let undated: Vec<String> = xs.iter().filter(|x| x.date.is_none()).map(|x| x.doc.clone()).collect();
        Ok(build_warnings(&warnings, &undated, strict))
    });
    match result {
        Ok(warnings) => finish(&warnings, strict),
        Err(e) => {
            eprintln!("oversight: error: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// `100M` -> 100000000: a size in bytes, with an optional K, M or G (powers of 1000).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, scale) = match t.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&t[..t.len() - 1], 1_000),
        Some('M') => (&t[..t.len() - 1], 1_000_000),
        Some('G') => (&t[..t.len() - 1], 1_000_000_000),
        _ => (t, 1),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .ok_or_else(|| format!("{s:?} is not a size: write a number of bytes, such as 250000, 10M or 1G"))
}

fn gen_corpus(docs: Option<usize>, bytes: Option<u64>, seed: u64, stream: Option<u64>, out: PathBuf) -> ExitCode {
    if std::fs::read_dir(&out).is_ok_and(|mut d| d.next().is_some()) {
        eprintln!("oversight: error: {}: the folder is not empty; give a new or empty folder, so that no old document is mixed into the corpus", out.display());
        return ExitCode::from(2);
    }
    let started = Instant::now();
    let result = match (docs, bytes, stream) {
        (_, _, Some(every)) => oversight::corpus::generate_stream(docs, bytes, every as usize, seed, &out),
        (Some(n), _, None) => oversight::corpus::generate(n, seed, &out),
        (None, Some(b), None) => oversight::corpus::generate_to_size(b, seed, &out),
        (None, None, None) => unreachable!("clap requires --docs or --bytes"),
    };
    match result {
        Ok(s) => {
            sayln!(
                "wrote {} documents ({} bytes of text; {} on topic) to {} and their gold to {}: {} people, {} roles, {} inspections, {} successions; took {:.2?}",
                s.documents,
                s.bytes,
                s.on_topic,
                out.join("docs").display(),
                out.join("gold").display(),
                s.people,
                s.roles,
                s.inspections,
                s.successions,
                started.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("oversight: error: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn merge(fragments: Vec<PathBuf>, out: PathBuf, quiet: bool, strict: bool) -> ExitCode {
    let began = std::time::SystemTime::now();
    let result = pipeline::read_fragments(&fragments).and_then(|(xs, digest)| {
        let documents = xs.len();
        let undated: Vec<String> = xs.iter().filter(|x| x.date.is_none()).map(|x| x.doc.clone()).collect();
        let graph = oversight::resolve::resolve(xs);
        let files = pipeline::write_graph_outputs(&out, graph, 0, &BuildId::new(digest, began), pipeline::LARGE_GRAPH)?;
        Ok((documents, files, undated))
    });
    match result {
        Ok((documents, files, undated)) => {
            let code = finish(&build_warnings(&[], &undated, strict), strict);
            if !quiet {
                sayln!("merged {documents} documents");
                for (name, bytes) in &files {
                    sayln!("wrote {} ({bytes} bytes)", out.join(name).display());
                }
            }
            code
        }
        Err(e) => {
            eprintln!("oversight: error: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
