//! Finding and reading input documents: files and folders, in a stable order.
//! Plain text (`.txt`) is read as UTF-8; saved web pages (`.html`, `.htm`)
//! give their article's text (`html`), and PDFs (`.pdf`) their pages' text
//! (`pdf`). A PDF that cannot be read is a warning naming it, and the build
//! goes on with the rest.

use super::Document;
use crate::error::Error;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// File endings read as documents.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "html", "htm", "pdf"];

/// A problem that skips one input but lets the build go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Every document file under the inputs (folders recursively), sorted and
/// without repeats, so that the order the inputs were named in never matters.
pub fn collect_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut found = BTreeMap::new();
    for input in inputs {
        let meta = fs::metadata(input).map_err(|_| Error::MissingPath(input.clone()))?;
        if meta.is_dir() {
            let mut here = BTreeMap::new();
            walk(input, &mut here)?;
            if here.is_empty() {
                return Err(Error::NoDocuments(input.clone()));
            }
            for (key, path) in here {
                found.entry(key).or_insert(path);
            }
        } else {
            let key = fs::canonicalize(input).unwrap_or_else(|_| input.clone());
            found.entry(key).or_insert_with(|| input.clone());
        }
    }
    Ok(found.into_values().collect())
}

fn walk(dir: &Path, found: &mut BTreeMap<PathBuf, PathBuf>) -> Result<(), Error> {
    let entries = fs::read_dir(dir).map_err(|e| Error::Read { path: dir.to_path_buf(), source: e })?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::Read { path: dir.to_path_buf(), source: e })?;
        let path = entry.path();
        let Ok(meta) = fs::metadata(&path) else { continue };
        if meta.is_dir() {
            walk(&path, found)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            found.insert(key, path);
        }
    }
    Ok(())
}

/// Reads the documents at `paths`; an empty file or an unreadable PDF is a
/// warning, any other unreadable file an error naming it.
pub fn read_documents(paths: &[PathBuf]) -> Result<(Vec<Document>, Vec<Warning>), Error> {
    read_documents_with(paths, &mut |_| {})
}

/// As `read_documents`, calling `done` after each file (for a progress bar).
pub fn read_documents_with(paths: &[PathBuf], done: &mut dyn FnMut(&Path)) -> Result<(Vec<Document>, Vec<Warning>), Error> {
    let ids = document_ids(paths);
    let mut docs = Vec::with_capacity(paths.len());
    let mut warnings = Vec::new();
    for (path, id) in paths.iter().zip(ids) {
        done(path);
        let bytes = fs::read(path).map_err(|e| Error::Read { path: path.clone(), source: e })?;
        let text = match Format::of(path) {
            Format::Pdf => match super::pdf::text(&bytes) {
                Ok(text) => text,
                Err(e) => {
                    warnings.push(Warning { path: path.clone(), message: e.to_string() });
                    continue;
                }
            },
            format => {
                let text = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
                    path: path.clone(),
                    offset: e.utf8_error().valid_up_to(),
                })?;
                if format == Format::Html { super::html::text(&text) } else { text }
            }
        };
        if text.trim().is_empty() {
            warnings.push(Warning { path: path.clone(), message: "empty file, skipped".into() });
            continue;
        }
        docs.push(Document::new(id, text));
    }
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    Ok((docs, warnings))
}

/// How a document file is read, by its ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Pdf,
}

impl Format {
    /// The format of a file by its ending; anything unknown is read as text.
    pub fn of(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("html") | Some("htm") => Format::Html,
            Some("pdf") => Format::Pdf,
            _ => Format::Text,
        }
    }
}

/// The file name, or the shortest path suffix that tells two same-named files apart.
fn document_ids(paths: &[PathBuf]) -> Vec<String> {
    let comps: Vec<Vec<String>> = paths.iter().map(|p| p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect()).collect();
    let name = |i: usize, depth: usize| comps[i][comps[i].len().saturating_sub(depth)..].join("/");
    let mut ids: Vec<String> = (0..paths.len()).map(|i| name(i, 1)).collect();
    // Lengthen only the names that clash, a folder at a time (linear in the
    // number of files, however many there are).
    let mut depth = 1;
    loop {
        let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for id in &ids {
            *count.entry(id.as_str()).or_default() += 1;
        }
        let clashing: Vec<usize> = (0..ids.len()).filter(|&i| count[ids[i].as_str()] > 1 && comps[i].len() > depth).collect();
        if clashing.is_empty() {
            return ids;
        }
        depth += 1;
        for i in clashing {
            ids[i] = name(i, depth);
        }
    }
}
