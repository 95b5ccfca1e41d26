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
    /// Rules that must read some fact of the text (`rule: ID`), and rules that must read none (`not: ID`).
    fired: Vec<String>,
    silent: Vec<String>,
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
        } else if line == ">" {
            cur.text.push(String::new()); // a blank line of the text
        } else if let Some(id) = line.strip_prefix("rule: ") {
            cur.fired.push(id.trim().to_string());
        } else if let Some(id) = line.strip_prefix("not: ") {
            cur.silent.push(id.trim().to_string());
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

/// The rules that read the roles, successions and inspections of an extraction.
fn rules_read(x: &DocExtraction) -> BTreeSet<String> {
    let roles = x.roles.iter().map(|r| &r.evidence.rule);
    let successions = x.successions.iter().map(|s| &s.evidence.rule);
    let inspections = x.inspections.iter().flat_map(|i| i.evidence.iter().map(|e| &e.rule));
    roles.chain(successions).chain(inspections).map(|r| r.to_string()).collect()
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
        "role-start" => x.roles.iter().map(|r| format!("{} | {} | {}", name(r.person), r.role, or_dash(r.start.map(|d| d.to_string())))).collect(),
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
            let read = rules_read(&x);
            for id in &ex.fired {
                checked += 1;
                if !read.contains(id) {
                    failures.push(format!("{}:{} rule {id} read nothing (read by: {read:?})", ex.file, ex.line));
                }
            }
            for id in &ex.silent {
                checked += 1;
                if read.contains(id) {
                    failures.push(format!("{}:{} rule {id} read a fact where it must not", ex.file, ex.line));
                }
            }
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

/// Every rule of `schema/rules/` has an example it must read (`rule: ID`) and
/// one it must not (`not: ID`), so that each rule's reach is shown both ways.
#[test]
fn every_data_rule_has_a_positive_and_a_negative_example() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/examples");
    let examples: Vec<Example> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .flat_map(|p| parse(&p))
        .collect();
    let mut lacking = Vec::new();
    for rule in oversight::extract::rules::rules() {
        if !examples.iter().any(|e| e.fired.contains(&rule.id)) {
            lacking.push(format!("{}: no positive example (`rule: {}`)", rule.id, rule.id));
        }
        if !examples.iter().any(|e| e.silent.contains(&rule.id)) {
            lacking.push(format!("{}: no negative example (`not: {}`)", rule.id, rule.id));
        }
    }
    assert!(lacking.is_empty(), "{}", lacking.join("\n"));
}
