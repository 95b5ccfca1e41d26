//! The `oversight` command line: thin glue over the library's pipeline.

use clap::{Parser, Subcommand};
use oversight::error::exit;
use oversight::graph::{EdgeKind, NodeKind};
use oversight::pipeline;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const EXIT_CODES: &str = "Exit codes:
  0  the outputs were written
  1  an input could not be used (missing path, folder with no .txt files, file not UTF-8)
  2  the command line was wrong
  3  the outputs could not be written";

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
    /// Build the graph from articles and letters and write graph.dot and graph.jsonld.
    ///
    /// Reads every .txt file named, and every .txt file under every folder named
    /// (recursively), as UTF-8. The outputs are written to temporary files and
    /// renamed into place only when all of them are complete.
    #[command(after_help = EXIT_CODES)]
    Build {
        /// Files and folders to read [default: seeds/]
        inputs: Vec<PathBuf>,
        /// Folder the outputs are written to
        #[arg(long, short, default_value = "out")]
        out: PathBuf,
        /// Print nothing but errors and warnings
        #[arg(long, short)]
        quiet: bool,
    },
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
        Command::Build { inputs, out, quiet } => build(inputs, out, quiet),
    }
}

fn build(inputs: Vec<PathBuf>, out: PathBuf, quiet: bool) -> ExitCode {
    let started = Instant::now();
    let inputs = if inputs.is_empty() { vec![PathBuf::from("seeds")] } else { inputs };
    let result = pipeline::build_graph(&inputs).and_then(|b| {
        let files = pipeline::render(&b.graph);
        pipeline::write_outputs(&out, &files)?;
        Ok((b, files))
    });
    let (b, files) = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("oversight: error: {e}");
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    for w in &b.warnings {
        eprintln!("oversight: warning: {w}");
    }
    if quiet {
        return ExitCode::SUCCESS;
    }
    let g = &b.graph;
    println!("read {} documents ({} undated)", b.documents, b.undated.len());
    let nodes: Vec<String> = NodeKind::ALL.iter().map(|k| format!("{} {}", g.count_nodes(*k), k.as_str())).collect();
    println!("nodes: {} ({})", g.graph.node_count(), nodes.join(", "));
    let edges: Vec<String> = EdgeKind::ALL.iter().map(|k| format!("{} {}", g.count_edges(*k), k.as_str())).collect();
    println!("edges: {} ({})", g.graph.edge_count(), edges.join(", "));
    for (name, contents) in &files {
        println!("wrote {} ({} bytes)", out.join(name).display(), contents.len());
    }
    println!("took {:.2?}", started.elapsed());
    ExitCode::SUCCESS
}
