//! The build: inputs -> documents -> extractions -> graph -> output files,
//! written so that a failed build never leaves a half-written output folder.

use crate::document::read::{collect_paths, read_documents_with, Warning};
use crate::error::Error;
use crate::export;
use crate::export::dot::{SvgError, INSTALL_GRAPHVIZ};
use crate::export::report::Diagram;
use crate::query::load::Model;
use crate::query::Graph;
use crate::extract::{extract, DocExtraction};
use crate::graph::KnowledgeGraph;
use crate::resolve::resolve;
use crate::schema::Schema;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// What a build read and made.
pub struct Build {
    pub documents: usize,
    pub undated: Vec<String>,
    pub warnings: Vec<Warning>,
    pub graph: KnowledgeGraph,
}

/// Reads the inputs and builds the graph, without writing anything.
pub fn build_graph(inputs: &[PathBuf]) -> Result<Build, Error> {
    build_graph_with(inputs, false)
}

/// As `build_graph`; with `progress`, a progress bar is drawn on standard
/// error while the documents are read and their facts extracted, if standard
/// error is a terminal (never into a file or a pipe). It is cleared when done.
pub fn build_graph_with(inputs: &[PathBuf], progress: bool) -> Result<Build, Error> {
    let paths = collect_paths(inputs)?;
    let bar = Progress::new(progress && std::io::stderr().is_terminal(), paths.len());
    bar.0.set_message("reading");
    let (docs, warnings) = read_documents_with(&paths, &mut |_| bar.0.inc(1))?;
    if docs.is_empty() {
        let path = inputs.first().cloned().unwrap_or_default();
        return Err(Error::BadInput { path, message: "no document with any text to read".into() });
    }
    let schema = Schema::get();
    bar.0.set_position(0);
    bar.0.set_length(docs.len() as u64);
    bar.0.set_message("extracting");
    let extractions: Vec<DocExtraction> = docs
        .iter()
        .map(|d| {
            let x = extract(d, schema);
            bar.0.inc(1);
            x
        })
        .collect();
    bar.0.set_message("resolving");
    let undated = extractions.iter().filter(|e| e.date.is_none()).map(|e| e.doc.clone()).collect();
    Ok(Build { documents: docs.len(), undated, warnings, graph: resolve(extractions) })
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

/// The output files of a graph: (file name, contents). The report's diagram
/// is drawn by Graphviz where it is installed.
pub fn render(graph: &KnowledgeGraph) -> Vec<(&'static str, String)> {
    let dot = export::dot::write(graph);
    let jsonld = export::jsonld::write(graph);
    let graphml = export::graphml::write(graph);
    let diagram = if graph.graph.node_count() > DIAGRAM_LIMIT {
        Diagram::Missing(format!(
            "The graph has {} nodes, too many to draw legibly in one picture. Draw one person's or body's neighbourhood with `oversight dot NAME --svg`, or open graph.graphml in Gephi.",
            graph.graph.node_count()
        ))
    } else {
        match export::dot::to_svg(&dot) {
            Ok(svg) => Diagram::Svg(svg),
            Err(SvgError::NotInstalled) => Diagram::Missing(format!(
                "The diagram is missing: Graphviz was not installed when this report was built. To draw it, {}, and run `oversight build` again; graph.dot beside this file holds the graph in the meantime.",
                INSTALL_GRAPHVIZ.replace(", then run this again", "")
            )),
            Err(e) => Diagram::Missing(format!("The diagram is missing: {e}. graph.dot beside this file holds the graph.")),
        }
    };
    let report = match Model::parse(&jsonld) {
        Ok(model) => export::report::write(&Graph { model, jsonld: String::new(), origin: "this build".into(), warnings: Vec::new() }, &diagram),
        Err(e) => unreachable!("the JSON-LD just written reads back: {e}"),
    };
    vec![("graph.dot", dot), ("graph.jsonld", jsonld), ("graph.graphml", graphml), ("report.html", report)]
}

/// Writes every output to a temporary file beside its target, then renames
/// them all into place; on any failure the temporaries are removed and the
/// previous outputs stay as they were.
pub fn write_outputs(dir: &Path, files: &[(&str, String)]) -> Result<(), Error> {
    fs::create_dir_all(dir).map_err(|e| Error::Write { path: dir.to_path_buf(), source: e })?;
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
    let cleanup = |temps: &[(PathBuf, PathBuf)]| {
        for (t, _) in temps {
            let _ = fs::remove_file(t);
        }
    };
    for (name, contents) in files {
        let target = dir.join(name);
        let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        if let Err(e) = fs::write(&temp, contents) {
            let _ = fs::remove_file(&temp);
            cleanup(&temps);
            return Err(Error::Write { path: target, source: e });
        }
        temps.push((temp, target));
    }
    for (temp, target) in &temps {
        if let Err(e) = fs::rename(temp, target) {
            cleanup(&temps);
            return Err(Error::Write { path: target.clone(), source: e });
        }
    }
    Ok(())
}
