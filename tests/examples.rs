//! Runs the rule examples in `schema/examples/*.txt` through the extractors.
//! Every kind of fact a block names must come out exactly: nothing missing,
//! nothing extra (see `schema/examples/README.md` for the format).

use oversight::document::Document;
use oversight::extract::{extract, DocExtraction, EntityKind};
use oversight::schema::Schema;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Default, Debug)]
struct Example {
    file: String,
    line: usize,
    date: Option<String>,
    text: Vec<String>,
    expected: BTreeMap<String, BTreeSet<String>>,
}

fn parse(path: &Path) -> Vec<Example> {
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut out = Vec::new();
    let mut cur = Example { file: file.clone(), ..Default::default() };
    let content = std::fs::read_to_string(path).unwrap();
    for (n, line) in content.lines().chain(std::iter::once("")).enumerate() {
        if line.trim().is_empty() {
            if !cur.text.is_empty() {
                out.push(std::mem::replace(&mut cur, Example { file: file.clone(), ..Default::default() }));
            }
            cur = Example { file: file.clone(), date: cur.date.take().filter(|_| false), ..Default::default() };
            continue;
        }
        if cur.line == 0 {
            cur.line = n + 1;
        }
        if line.starts_with('#') {
            continue;
        } else if let Some(d) = line.strip_prefix("@date ") {
            cur.date = Some(d.trim().to_string());
        } else if let Some(t) = line.strip_prefix("> ") {
            cur.text.push(t.to_string());
        } else if let Some(kind) = line.strip_prefix("none: ") {
            cur.expected.entry(kind.trim().to_string()).or_default();
        } else if let Some((kind, fact)) = line.split_once(": ") {
            let fact = fact.split('|').map(str::trim).collect::<Vec<_>>().join(" | ");
            cur.expected.entry(kind.trim().to_string()).or_default().insert(fact);
        } else {
            panic!("{file}:{}: cannot read line {line:?}", n + 1);
        }
    }
    out
}

fn or_dash(s: Option<String>) -> String {
    s.unwrap_or_else(|| "-".into())
}

/// The facts of one kind an extraction holds, in the examples' notation.
fn facts(x: &DocExtraction, kind: &str) -> BTreeSet<String> {
    let name = |i: usize| x.entities[i].name.clone();
    let mentioned: BTreeSet<usize> = x.mentions.iter().filter(|m| !m.anaphor).map(|m| m.entity).collect();
    match kind {
        "person" | "body" => {
            let want = if kind == "person" { EntityKind::Person } else { EntityKind::Body };
            mentioned.iter().filter(|&&i| x.entities[i].kind == want).map(|&i| name(i)).collect()
        }
        "role" => x.roles.iter().map(|r| format!("{} | {} | {} | {}", name(r.person), r.role, name(r.body), r.status.as_str())).collect(),
        "inspection" => x
            .inspections
            .iter()
            .map(|i| format!("{} | {} | {} | {}", name(i.body), i.kind, or_dash(i.date.map(|d| d.to_string())), or_dash(i.rating.clone())))
            .collect(),
        "succession" => x
            .successions
            .iter()
            .map(|s| format!("{} <- {} | {}", name(s.successor), name(s.predecessor), or_dash(s.date.map(|d| d.to_string()))))
            .collect(),
        other => panic!("unknown kind of fact {other:?}"),
    }
}

#[test]
fn every_rule_example_yields_exactly_its_facts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/examples");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in files {
        for ex in parse(&path) {
            let header = ex.date.as_ref().map(|d| format!(" date {d} Example\n\n")).unwrap_or_default();
            let text = header + &ex.text.join("\n") + "\n";
            let x = extract(&Document::new("example.txt", text), Schema::get());
            for (kind, expected) in &ex.expected {
                checked += 1;
                let got = facts(&x, kind);
                if &got != expected {
                    let missing: Vec<_> = expected.difference(&got).collect();
                    let extra: Vec<_> = got.difference(expected).collect();
                    failures.push(format!("{}:{} {kind}: missing {missing:?}, extra {extra:?}", ex.file, ex.line));
                }
            }
        }
    }
    assert!(checked >= 30, "only {checked} checks were read: is schema/examples complete?");
    assert!(failures.is_empty(), "{} of {checked} example checks failed:\n{}", failures.len(), failures.join("\n"));
}
