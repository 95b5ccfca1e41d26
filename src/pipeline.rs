//! The build: inputs -> documents -> extractions -> graph -> output files,
//! written so that a failed build never leaves a half-written output folder.

use crate::document::read::{collect_paths, read_documents, Warning};
use crate::error::Error;
use crate::export;
use crate::extract::{extract, DocExtraction};
use crate::graph::KnowledgeGraph;
use crate::resolve::resolve;
use crate::schema::Schema;
use std::fs;
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
    let paths = collect_paths(inputs)?;
    let (docs, warnings) = read_documents(&paths)?;
    if docs.is_empty() {
        let path = inputs.first().cloned().unwrap_or_default();
        return Err(Error::BadInput { path, message: "no document with any text to read".into() });
    }
    let schema = Schema::get();
    let extractions: Vec<DocExtraction> = docs.iter().map(|d| extract(d, schema)).collect();
    let undated = extractions.iter().filter(|e| e.date.is_none()).map(|e| e.doc.clone()).collect();
    Ok(Build { documents: docs.len(), undated, warnings, graph: resolve(extractions) })
}

/// The output files of a graph: (file name, contents).
pub fn render(graph: &KnowledgeGraph) -> Vec<(&'static str, String)> {
    vec![("graph.dot", export::dot::write(graph)), ("graph.jsonld", export::jsonld::write(graph))]
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
