//! Helpers of the robustness tests (`hostile.rs`, `exits.rs`,
//! `properties.rs`): running the binary with a watchdog, and checking the
//! evidence of every statement of a built graph against its documents.

#![allow(dead_code)]

use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// What a watched run of the binary gave.
pub struct Run {
    pub output: Output,
    /// The most memory the process held (VmHWM), in KiB, as last seen.
    pub peak_kib: u64,
    pub elapsed: Duration,
}

impl Run {
    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
}

/// Runs `oversight` with `args` from the repository root, killing it and
/// failing the test if it has not finished within `limit`. The limit is a
/// guard against hangs (a symlink walked for ever, a FIFO read for ever, a
/// quadratic blow-up), set far above the time the run takes, never a
/// measure of speed (speed is measured by the benchmarks).
pub fn run_bounded(args: &[&str], limit: Duration) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_oversight"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let pipe = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let out = pipe(Box::new(child.stdout.take().unwrap()));
    let err = pipe(Box::new(child.stderr.take().unwrap()));
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    let status = loop {
        if let Ok(s) = std::fs::read_to_string(&status_file) {
            if let Some(kib) = s.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()) {
                peak_kib = kib;
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("oversight {args:?} did not finish within {limit:?}: it hangs or blows up");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = Output { status, stdout: out.join().unwrap(), stderr: err.join().unwrap() };
    Run { output, peak_kib, elapsed: started.elapsed() }
}

/// Characters of `s`, for offsets that count characters.
fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Case, curly quotes, dashes and runs of white space folded, as names are
/// compared with the text.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2010}'..='\u{2015}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// The names a node goes by: its name and alternate names.
pub fn names(node: &Value) -> Vec<String> {
    let mut out: Vec<String> = node["name"].as_str().map(String::from).into_iter().collect();
    match &node["alternateName"] {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => out.extend(a.iter().filter_map(|v| v.as_str().map(String::from))),
        _ => {}
    }
    out
}

/// What the evidence check found.
#[derive(Debug, Default)]
pub struct EvidenceReport {
    /// Statements checked.
    pub statements: usize,
    /// Broken evidence: a missing document, offsets outside it, or a
    /// sentence that is not the text around the offsets.
    pub broken: Vec<String>,
    /// Statements between people and bodies (heldRole, succeeded, author)
    /// whose sentence names neither end: evidence borrowed from another fact.
    pub borrowed: Vec<String>,
    /// Statements of an inspection (inspected, conductedBy, inspector, rated)
    /// whose sentence does not name the other end (the body inspected, the
    /// inspectorate, the inspector, the judgement), by predicate and rule.
    pub inspection_unnamed: BTreeMap<(String, String), Vec<String>>,
    /// Statements of an inspection whose sentence speaks of no inspection at
    /// all: neither its kind, nor an inspection word, its body or its judgement.
    pub inspection_unrelated: Vec<String>,
}

/// Checks every `rdf:Statement` of a JSON-LD graph against the documents'
/// texts as read (`docs`: document name -> text):
///
/// - its document is one of them;
/// - `0 <= startOffset < endOffset <= ` the document's length in characters;
/// - its `evidence` sentence is the text of the document at some position
///   that holds the span `[startOffset, endOffset)`;
/// - a statement between people and bodies names one of its ends (by name
///   or alternate name) in that sentence;
/// - a statement of an inspection is about an inspection.
pub fn check_evidence(jsonld: &str, docs: &BTreeMap<String, String>) -> EvidenceReport {
    let v: Value = serde_json::from_str(jsonld).expect("the JSON-LD parses");
    let graph = v["@graph"].as_array().expect("a @graph");
    let by_id: BTreeMap<&str, &Value> = graph.iter().filter_map(|n| Some((n["@id"].as_str()?, n))).collect();
    let texts: BTreeMap<&str, Vec<char>> = docs.iter().map(|(k, t)| (k.as_str(), chars(t))).collect();
    let mut r = EvidenceReport::default();
    for st in graph.iter().filter(|n| n["@type"] == "Statement") {
        r.statements += 1;
        let id = st["@id"].as_str().unwrap_or("?").to_string();
        let doc = st["wasDerivedFrom"].as_str().and_then(|d| by_id.get(d)).and_then(|d| d["name"].as_str());
        let Some(text) = doc.and_then(|d| texts.get(d)) else {
            r.broken.push(format!("{id}: its document {doc:?} is not among the inputs"));
            continue;
        };
        let (Some(start), Some(end)) = (st["startOffset"].as_u64(), st["endOffset"].as_u64()) else {
            r.broken.push(format!("{id}: no offsets"));
            continue;
        };
        let (start, end) = (start as usize, end as usize);
        if !(start < end && end <= text.len()) {
            r.broken.push(format!("{id}: offsets {start}..{end} outside a document of {} characters", text.len()));
            continue;
        }
        let sentence = chars(st["evidence"].as_str().unwrap_or(""));
        let n = sentence.len();
        let holds = n >= end - start && (end.saturating_sub(n)..=start).any(|p| p + n <= text.len() && text[p..p + n] == sentence[..]);
        if !holds {
            r.broken.push(format!("{id}: the sentence {:?} is not the text around {start}..{end}", st["evidence"]));
            continue;
        }
        let folded = fold(st["evidence"].as_str().unwrap_or(""));
        let named = |node: Option<&&Value>| node.is_some_and(|n| names(n).iter().any(|x| !x.is_empty() && folded.contains(&fold(x))));
        let subject = st["subject"].as_str().and_then(|s| by_id.get(s));
        let object = st["object"].as_str().and_then(|s| by_id.get(s));
        let predicate = st["predicate"].as_str().unwrap_or("").to_string();
        let rule = st["rule"].as_str().unwrap_or("").to_string();
        let line = format!("{predicate} [{rule}] {} -> {}: {:?}", subject.map_or("?", |s| s["name"].as_str().unwrap_or("?")), object.map_or("?", |s| s["name"].as_str().unwrap_or("?")), st["evidence"]);
        let inspection = subject.filter(|s| s["@type"] == "Inspection");
        match inspection {
            None => {
                let ends: Vec<Option<&&Value>> = [subject, object].into_iter().filter(|n| n.is_some_and(|n| n["@type"] != "Document")).collect();
                if !ends.iter().any(|n| named(*n)) {
                    r.borrowed.push(line);
                }
            }
            Some(ins) => {
                if !named(object) {
                    r.inspection_unnamed.entry((predicate.clone(), rule.clone())).or_default().push(line.clone());
                }
                let kind = ins["inspectionKind"].as_str().unwrap_or("inspection");
                let head = kind.rsplit(' ').next().unwrap_or("inspection").to_string();
                let first = |v: &Value| v.as_str().or_else(|| v.as_array().and_then(|a| a.first()).and_then(|x| x.as_str())).map(String::from);
                let body = first(&ins["inspected"]).and_then(|b| by_id.get(b.as_str()));
                let rating = first(&ins["rated"]).and_then(|b| by_id.get(b.as_str()));
                let words = [head.as_str(), "inspect", "visit", "jtai", "ofsted", "judge", "rated", "rating", "verdict", "report"];
                if !(words.iter().any(|w| folded.contains(w)) || named(body) || named(rating)) {
                    r.inspection_unrelated.push(line);
                }
            }
        }
    }
    r
}

/// The texts of the documents in these folders or files, by file name, as
/// the build reads them (UTF-8, UTF-16 and a byte-order mark decoded).
pub fn texts_of(paths: &[&Path]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for p in paths {
        let files: Vec<std::path::PathBuf> = if p.is_dir() {
            std::fs::read_dir(p).unwrap().map(|e| e.unwrap().path()).collect()
        } else {
            vec![p.to_path_buf()]
        };
        for f in files {
            if f.extension().is_some_and(|e| e == "txt") {
                let text = oversight::document::read::decode(&std::fs::read(&f).unwrap()).unwrap();
                out.insert(f.file_name().unwrap().to_string_lossy().into_owned(), text);
            }
        }
    }
    out
}
