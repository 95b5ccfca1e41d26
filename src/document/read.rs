//! Finding and reading input documents: files and folders, in a stable order.
//! Plain text (`.txt`) is read as UTF-8 (or UTF-16 with a byte-order mark);
//! saved web pages (`.html`, `.htm`) give their article's text (`html`), and
//! PDFs (`.pdf`) their pages' text (`pdf`).
//!
//! The policy for files that cannot be used (README, "Odd inputs"):
//!
//! - A file named on the command line is one the user asked for: if it cannot
//!   be read, or is not text, that is an error naming it (exit code 1).
//! - A file found while walking a folder is only a candidate: if it cannot be
//!   read (it vanished or became unreadable after it was listed, it is a
//!   dangling or looping symlink, a FIFO or a device), is not text (binary,
//!   invalid UTF-8) or is too large, it is a warning naming it, and the build
//!   goes on with the rest.
//! - An empty file, and a PDF with no readable text (encrypted, damaged, a
//!   scan), are warnings wherever they come from.
//!
//! Walking never follows a folder twice (symlink loops end), never opens a
//! FIFO or a device it finds, and reads at most [`MAX_DOCUMENT_BYTES`] of
//! any file, so every input is read or skipped in bounded time and memory.

use super::Document;
use crate::error::Error;
use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// File endings read as documents.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "html", "htm", "pdf"];

/// The largest file read as a document (64 MiB). Articles and letters are a
/// few kilobytes; a larger file is not one, and reading it would take
/// memory in proportion (about ten times its size while it is extracted).
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

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

/// A file to read, and whether the user named it on the command line (else
/// it was found while walking a folder), which decides whether a problem
/// with it is an error or a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub named: bool,
}

/// The files to read, in a stable order, and the warnings of the walk.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub inputs: Vec<Input>,
    pub warnings: Vec<Warning>,
}

/// Every document file under the inputs (folders recursively), sorted and
/// without repeats, so that the order the inputs were named in never matters.
pub fn collect_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    Ok(collect_inputs(inputs)?.inputs.into_iter().map(|i| i.path).collect())
}

/// As `collect_paths`, telling named files from found ones, with the
/// warnings of the walk (entries that could not be looked at).
pub fn collect_inputs(inputs: &[PathBuf]) -> Result<Listing, Error> {
    // Keyed by the canonical path, so a file reached twice (named twice,
    // named and inside a folder named, through a symlink) is read once: the
    // way it was first found, named if it was ever named. Sorted once at the
    // end, by byte keys (a map of paths spent half the listing comparing them).
    let mut found: Vec<(Vec<u8>, Input)> = Vec::new();
    let mut warnings = Vec::new();
    let mut visited = HashSet::new();
    for input in inputs {
        let meta = fs::metadata(input).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::MissingPath(input.clone()),
            _ => Error::Read { path: input.clone(), source: e },
        })?;
        if meta.is_dir() {
            let before = found.len();
            // A folder named twice (or inside another named) is walked once;
            // only a folder that holds no document at all is an error.
            let fresh = walk(input, &mut found, &mut visited, &mut warnings)?;
            if fresh && found.len() == before {
                return Err(Error::NoDocuments(input.clone()));
            }
        } else {
            let key = fs::canonicalize(input).unwrap_or_else(|_| input.clone());
            found.push((sort_key(&key), Input { path: input.clone(), named: true }));
        }
    }
    // A stable sort: of one file's entries, the first found comes first,
    // and keeps the others' `named`.
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found.dedup_by(|later, first| {
        let same = later.0 == first.0;
        first.1.named |= same && later.1.named;
        same
    });
    Ok(Listing { inputs: found.into_iter().map(|(_, input)| input).collect(), warnings })
}

/// A path as bytes that sort as paths do (`Path`'s order: component by
/// component, by kind, then by name), so that a long listing is sorted by
/// byte comparisons: each component is its kind's rank, its bytes, and a 0
/// (which no path holds).
fn sort_key(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for component in path.components() {
        push_component(&mut key, component);
    }
    key
}

fn push_component(key: &mut Vec<u8>, component: std::path::Component) {
    use std::path::Component;
    let (rank, bytes): (u8, &[u8]) = match component {
        Component::Prefix(p) => (1, p.as_os_str().as_encoded_bytes()),
        Component::RootDir => (2, b""),
        Component::CurDir => (3, b""),
        Component::ParentDir => (4, b""),
        Component::Normal(name) => (5, name.as_encoded_bytes()),
    };
    key.push(rank);
    key.extend_from_slice(bytes);
    key.push(0);
}

fn is_document(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Walks `root` and the folders under it (without recursion, so any depth
/// is fine), adding document files to `found` with the `sort_key` of their
/// canonical path. A folder whose canonical path was visited before is not
/// walked again, which ends symlink loops. Returns false if `root` itself
/// had been walked already.
fn walk(root: &Path, found: &mut Vec<(Vec<u8>, Input)>, visited: &mut HashSet<PathBuf>, warnings: &mut Vec<Warning>) -> Result<bool, Error> {
    let mut stack = vec![root.to_path_buf()];
    let mut first = true;
    while let Some(dir) = stack.pop() {
        let canonical = fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if !visited.insert(canonical.clone()) {
            if first {
                return Ok(false);
            }
            continue;
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            // The folder named on the command line must be readable; one
            // found inside it that is not (removed meanwhile, no permission)
            // is skipped.
            Err(e) if first => return Err(Error::Read { path: dir, source: e }),
            Err(e) => {
                warnings.push(Warning { path: dir, message: format!("cannot read this folder ({e}), skipped") });
                continue;
            }
        };
        first = false;
        let folder_key = sort_key(&canonical);
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    warnings.push(Warning { path: dir.clone(), message: format!("cannot list this folder ({e}), the rest of it skipped") });
                    break;
                }
            };
            let path = entry.path();
            // A plain file or folder, as the listing gives it (no system call
            // on most file systems): the canonical path of a file in a folder
            // is the folder's, joined with its name. A symlink, or an entry
            // of a type the listing does not give, is looked up.
            match entry.file_type() {
                Ok(t) if t.is_dir() => {
                    stack.push(path);
                    continue;
                }
                Ok(t) if t.is_file() => {
                    if is_document(&path) {
                        let mut key = folder_key.clone();
                        push_component(&mut key, std::path::Component::Normal(&entry.file_name()));
                        found.push((key, Input { path, named: false }));
                    }
                    continue;
                }
                _ => {}
            }
            let meta = match fs::metadata(&path) {
                Ok(meta) => meta,
                // A dangling or looping symlink, or a file removed meanwhile.
                Err(e) => {
                    if is_document(&path) {
                        warnings.push(Warning { path, message: format!("cannot read ({e}), skipped") });
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                stack.push(path);
            } else if is_document(&path) {
                if !meta.is_file() {
                    warnings.push(Warning { path, message: "not a regular file (a FIFO, socket or device), skipped".into() });
                    continue;
                }
                let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
                found.push((sort_key(&key), Input { path, named: false }));
            }
        }
    }
    Ok(true)
}

/// Reads the documents at `paths`, all named by the user; an empty file or
/// an unreadable PDF is a warning, any other unreadable file an error naming it.
pub fn read_documents(paths: &[PathBuf]) -> Result<(Vec<Document>, Vec<Warning>), Error> {
    let inputs: Vec<Input> = paths.iter().map(|p| Input { path: p.clone(), named: true }).collect();
    read_inputs(&inputs, &mut |_| {})
}

/// Reads the inputs of a listing, calling `done` before each file is read:
/// a problem with a named file is an error, with a found one a warning.
pub fn read_inputs(inputs: &[Input], done: &mut dyn FnMut(&Path)) -> Result<(Vec<Document>, Vec<Warning>), Error> {
    let ids = document_ids(&inputs.iter().map(|i| i.path.clone()).collect::<Vec<_>>());
    let mut docs = Vec::with_capacity(inputs.len());
    let mut warnings = Vec::new();
    for (input, id) in inputs.iter().zip(ids) {
        done(&input.path);
        match read_input(input, id)? {
            Ok(doc) => docs.push(doc),
            Err(warning) => warnings.push(warning),
        }
    }
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    Ok((docs, warnings))
}

/// Reads one input as the document `id`: the document, or the warning it
/// gives instead (an empty file, a found file that cannot be used), or the
/// error of a named file that cannot be used.
pub fn read_input(input: &Input, id: String) -> Result<Result<Document, Warning>, Error> {
    read_input_if(input, id, &mut |_| true).map(|r| r.map(|doc| doc.expect("every text is kept")))
}

/// As `read_input`, but a text that `keep` refuses gives `None`, before
/// the work of making it a `Document` (its normalised view and sentences).
pub fn read_input_if(input: &Input, id: String, keep: &mut dyn FnMut(&str) -> bool) -> Result<Result<Option<Document>, Warning>, Error> {
    let warn = |message| Ok(Err(Warning { path: input.path.clone(), message }));
    match read_text(input) {
        Ok(text) if text.trim().is_empty() => warn("empty file, skipped".into()),
        Ok(text) if !keep(&text) => Ok(Ok(None)),
        Ok(text) => Ok(Ok(Some(Document::new(id, text)))),
        Err(Problem::Skip(message)) => warn(message),
        Err(Problem::Fail(e)) if input.named => Err(e),
        Err(Problem::Fail(e)) => warn(e.as_warning()),
    }
}

/// Why a file gave no document.
#[derive(Debug)]
pub enum Problem {
    /// A warning wherever the file came from (an unreadable PDF).
    Skip(String),
    /// An error for a named file, a warning for a found one.
    Fail(Error),
}

/// The text of one input, as its format gives it.
fn read_text(input: &Input) -> Result<String, Problem> {
    let bytes = read_bytes(&input.path, input.named).map_err(Problem::Fail)?;
    text_of(&input.path, &bytes)
}

/// The text of a document file's bytes, read by the format its name gives:
/// what the build reads (the fuzz target `read` runs this on any bytes).
pub fn text_of(path: &Path, bytes: &[u8]) -> Result<String, Problem> {
    let path = &path.to_path_buf();
    match Format::of(path) {
        Format::Pdf => super::pdf::text(bytes).map_err(|e| Problem::Skip(e.to_string())),
        format => {
            let text = decode(bytes).map_err(|why| Problem::Fail(Error::NotText { path: path.clone(), why }))?;
            if format != Format::Html {
                return Ok(text);
            }
            let depth = super::html::nesting_depth(&text);
            if depth > super::html::MAX_NESTING {
                return Err(Problem::Fail(Error::BadInput {
                    path: path.clone(),
                    message: format!(
                        "a web page whose elements nest {depth} deep, deeper than any article's (the limit is {})",
                        super::html::MAX_NESTING
                    ),
                }));
            }
            Ok(super::html::text(&text))
        }
    }
}

/// The bytes of a file, at most `MAX_DOCUMENT_BYTES` of them. A file found
/// in a folder is opened without blocking and read only if it is a regular
/// file: one swapped for a FIFO after it was listed would otherwise block
/// the build for ever. A named file is read whatever it is (`<(command)`
/// names a pipe).
fn read_bytes(path: &Path, named: bool) -> Result<Vec<u8>, Error> {
    let read_err = |e| Error::Read { path: path.to_path_buf(), source: e };
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    if !named {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(read_err)?;
    let meta = file.metadata().map_err(read_err)?;
    if meta.is_dir() {
        return Err(read_err(std::io::Error::other("it is a folder")));
    }
    if !named && !meta.is_file() {
        return Err(read_err(std::io::Error::other("not a regular file (a FIFO, socket or device)")));
    }
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::TooLarge { path: path.to_path_buf(), limit: MAX_DOCUMENT_BYTES });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // One byte more than the limit tells a file that grew past it (or a pipe) from one that fits.
    file.take(MAX_DOCUMENT_BYTES + 1).read_to_end(&mut bytes).map_err(read_err)?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(Error::TooLarge { path: path.to_path_buf(), limit: MAX_DOCUMENT_BYTES });
    }
    Ok(bytes)
}

/// Why a file's bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    /// Not UTF-8: `offset` is the first bad byte.
    Utf8 { offset: usize },
    /// A NUL character: a binary file, or UTF-16 without a byte-order mark.
    Nul { offset: usize },
    /// A UTF-16 byte-order mark, then bytes that are not UTF-16.
    Utf16 { why: &'static str },
}

impl NotText {
    /// What to do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            NotText::Utf8 { .. } => "convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8",
            NotText::Nul { .. } => "if it is text, save it as UTF-8 (or UTF-16 with a byte-order mark)",
            NotText::Utf16 { .. } => "save it as UTF-8",
        }
    }
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Utf8 { offset } => write!(f, "not UTF-8 text (invalid byte at offset {offset})"),
            NotText::Nul { offset } => write!(f, "not text (a NUL byte at offset {offset}: a binary file, or UTF-16 without a byte-order mark)"),
            NotText::Utf16 { why } => write!(f, "not UTF-16 text despite its byte-order mark ({why})"),
        }
    }
}

/// Decodes a text file: UTF-8 (a UTF-8 byte-order mark is dropped), or
/// UTF-16 in either byte order when the file starts with its byte-order mark
/// (also dropped). Text holding a NUL character is not text. The offsets of
/// the output count characters of the decoded text, so a file and its
/// UTF-16 or BOM-prefixed copy give the same offsets.
pub fn decode(bytes: &[u8]) -> Result<String, NotText> {
    // A NUL byte says binary (or UTF-16 without its mark) better than the
    // first byte that is not UTF-8 does, so it is looked for first.
    let utf8 = |bytes: &[u8], skip: usize| match bytes.iter().position(|&b| b == 0) {
        Some(at) => Err(NotText::Nul { offset: skip + at }),
        None => String::from_utf8(bytes.to_vec()).map_err(|e| NotText::Utf8 { offset: skip + e.utf8_error().valid_up_to() }),
    };
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(rest, 3)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)?
    } else {
        utf8(bytes, 0)?
    };
    match text.find('\0') {
        Some(at) => Err(NotText::Nul { offset: at }),
        None => Ok(text),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, NotText> {
    if bytes.len() % 2 != 0 {
        return Err(NotText::Utf16 { why: "an odd number of bytes" });
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16(&units).map_err(|_| NotText::Utf16 { why: "an unpaired surrogate" })
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
pub fn document_ids(paths: &[PathBuf]) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_both_utf16s_decode_to_the_same_text_without_the_mark() {
        let text = "Café – “quoted”\r\nand 𝔘nicode";
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        let bom8: Vec<u8> = b"\xEF\xBB\xBF".iter().copied().chain(text.bytes()).collect();
        for bytes in [text.as_bytes().to_vec(), le, be, bom8] {
            assert_eq!(decode(&bytes).as_deref(), Ok(text));
        }
    }

    #[test]
    fn binary_bad_utf8_and_broken_utf16_are_not_text() {
        assert_eq!(decode(b"Caf\xe9"), Err(NotText::Utf8 { offset: 3 }));
        assert_eq!(decode(b"\xEF\xBB\xBFCaf\xe9"), Err(NotText::Utf8 { offset: 6 }));
        assert_eq!(decode(b"ELF\0\x01\x02"), Err(NotText::Nul { offset: 3 }));
        // A binary file is called binary even where an invalid byte comes before its first NUL.
        assert_eq!(decode(b"\x7fELF\xff\xfe\0"), Err(NotText::Nul { offset: 6 }));
        // UTF-16 without its mark is valid UTF-8 full of NULs.
        assert_eq!(decode(b"H\0i\0"), Err(NotText::Nul { offset: 1 }));
        assert_eq!(decode(b"\xFF\xFEH\0i"), Err(NotText::Utf16 { why: "an odd number of bytes" }));
        assert_eq!(decode(b"\xFF\xFE\x00\xD8A\0"), Err(NotText::Utf16 { why: "an unpaired surrogate" }));
        assert!(matches!(decode(b"\xFF\xFEH\0\0\0"), Err(NotText::Nul { .. })));
    }

    #[test]
    fn sort_keys_order_paths_as_paths_order_themselves() {
        let names = ["/", "/a", "/a/b", "/a-b", "/a.b", "/a//b", "/a/./b", "/a/b/", "/a b", "/A", "/\u{e9}", "a", "./a", "../a", ".a", "..a", "...", ".", "..", "a/b", "a-b/c", "a/-b", ""];
        let paths: Vec<&Path> = names.iter().map(Path::new).collect();
        for a in &paths {
            for b in &paths {
                assert_eq!(sort_key(a).cmp(&sort_key(b)), a.cmp(b), "{a:?} against {b:?}");
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_file_reached_several_ways_is_listed_once_and_named_if_it_was_named() {
        let root = std::env::temp_dir().join(format!("oversight-listing-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("docs/inner")).unwrap();
        fs::write(root.join("docs/a.txt"), "A letter.").unwrap();
        fs::write(root.join("docs/inner/b.txt"), "An article.").unwrap();
        fs::write(root.join("docs/notes.bin"), "not a document").unwrap();
        // The same file through a symlinked file, a symlinked folder and a path with `..`;
        // the path it was first found by is kept.
        std::os::unix::fs::symlink(root.join("docs/a.txt"), root.join("docs/inner/link.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("docs"), root.join("alias")).unwrap();
        let inputs = [root.join("alias"), root.join("docs"), root.join("docs/inner/../a.txt")];
        let listing = collect_inputs(&inputs).unwrap();
        let listed: Vec<(PathBuf, bool)> = listing.inputs.iter().map(|i| (i.path.clone(), i.named)).collect();
        assert_eq!(listed, vec![(root.join("alias/a.txt"), true), (root.join("alias/inner/b.txt"), false)]);
        assert!(listing.warnings.is_empty(), "{:?}", listing.warnings);
        fs::remove_dir_all(&root).unwrap();
    }
}
