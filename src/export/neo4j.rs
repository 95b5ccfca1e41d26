//! Neo4j's bulk import (`neo4j-admin database import full`): one CSV file a
//! node label and one a relationship type and pair of labels, with
//! neo4j-admin's typed headers (`id:ID(Person)`, `:START_ID(Person)`,
//! `startOffset:int`, `dateDay:date`), beside `import.sh` (the exact command)
//! and `queries.cypher` (indexes, and the first questions to ask).
//!
//! Every node carries its JSON-LD IRI as `id`, so the files join the other
//! outputs. A relationship is one observation, as a JSON-LD `rdf:Statement`
//! is: it carries its provenance (the document, the evidence sentence, its
//! character offsets, the rule, the document's date) and what the document
//! said (post, status, dates). A mention (`MENTIONED_IN`) is one relationship
//! an entity and a document, as the JSON-LD's plain triple. Dates are ISO
//! strings at the precision the text gave (`2019`, `2019-06`), which sort
//! and compare as the dates do; each has a `:date` twin (`dateDay`) where it
//! is a full day.

use super::jsonld::{iri, statement_iri};
use super::Sink;
use crate::date::PartialDate;
use crate::graph::{EdgeKind, KnowledgeGraph, NodeKind, Observation};
use crate::schema::{BodyKind, Schema};
use std::fmt::Write;

/// The folder, inside the output folder, that holds the files.
pub const FOLDER: &str = "neo4j";

/// The separator of neo4j-admin's array values (its default).
const ARRAY_DELIMITER: char = ';';

/// A relationship type's name in Neo4j (`HELD_ROLE`).
pub fn relationship_type(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Inspected => "INSPECTED",
        EdgeKind::Rated => "RATED",
        EdgeKind::ConductedBy => "CONDUCTED_BY",
        EdgeKind::Inspector => "INSPECTOR",
        EdgeKind::HeldRole => "HELD_ROLE",
        EdgeKind::Succeeded => "SUCCEEDED",
        EdgeKind::MentionedIn => "MENTIONED_IN",
        EdgeKind::Author => "AUTHOR",
    }
}

/// One CSV file: the nodes of a label, or the relationships of a type between two labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum File {
    Nodes(NodeKind),
    Relationships(EdgeKind, NodeKind, NodeKind),
}

/// Every CSV file and its path in the output folder, nodes first: the same set
/// in every build. The relationships run between the labels the resolver
/// joins: a succession is between people or bodies, and whatever a document
/// names is mentioned in it.
pub const FILES: &[(File, &str)] = {
    use EdgeKind::*;
    use File::*;
    use NodeKind::*;
    &[
        (Nodes(Person), "neo4j/Person.csv"),
        (Nodes(Body), "neo4j/Body.csv"),
        (Nodes(Inspection), "neo4j/Inspection.csv"),
        (Nodes(Rating), "neo4j/Rating.csv"),
        (Nodes(Document), "neo4j/Document.csv"),
        (Relationships(Inspected, Inspection, Body), "neo4j/INSPECTED.Inspection.Body.csv"),
        (Relationships(Rated, Inspection, Rating), "neo4j/RATED.Inspection.Rating.csv"),
        (Relationships(ConductedBy, Inspection, Body), "neo4j/CONDUCTED_BY.Inspection.Body.csv"),
        (Relationships(Inspector, Inspection, Person), "neo4j/INSPECTOR.Inspection.Person.csv"),
        (Relationships(HeldRole, Person, Body), "neo4j/HELD_ROLE.Person.Body.csv"),
        (Relationships(Succeeded, Person, Person), "neo4j/SUCCEEDED.Person.Person.csv"),
        (Relationships(Succeeded, Body, Body), "neo4j/SUCCEEDED.Body.Body.csv"),
        (Relationships(Succeeded, Person, Body), "neo4j/SUCCEEDED.Person.Body.csv"),
        (Relationships(Succeeded, Body, Person), "neo4j/SUCCEEDED.Body.Person.csv"),
        (Relationships(MentionedIn, Person, Document), "neo4j/MENTIONED_IN.Person.Document.csv"),
        (Relationships(MentionedIn, Body, Document), "neo4j/MENTIONED_IN.Body.Document.csv"),
        (Relationships(MentionedIn, Inspection, Document), "neo4j/MENTIONED_IN.Inspection.Document.csv"),
        (Relationships(Author, Document, Person), "neo4j/AUTHOR.Document.Person.csv"),
    ]
};

/// The columns of a label's node file, after `id:ID(Label)` and `name`.
fn node_columns(kind: NodeKind) -> &'static [&'static str] {
    match kind {
        NodeKind::Person => &["alternateNames:string[]"],
        NodeKind::Body => &["alternateNames:string[]", "bodyKind", "gss", "gssCodes:string[]"],
        NodeKind::Inspection => &["inspectionKind", "date", "dateDay:date"],
        NodeKind::Rating => &[],
        NodeKind::Document => &["headline", "datePublished", "datePublishedDay:date"],
    }
}

/// The columns of every relationship file but `MENTIONED_IN`'s, after the two ends.
const RELATIONSHIP_COLUMNS: &[&str] = &[
    "roleName", "status", "date", "dateDay:date", "startDate", "startDateDay:date", "endDate", "endDateDay:date", "what",
    "observedOn", "observedOnDay:date", "document", "evidence", "startOffset:int", "endOffset:int", "rule", "statement",
];

/// Writes one CSV file of the graph.
pub fn write_to(g: &KnowledgeGraph, file: File, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut sink = Sink::new(w);
    let out = &mut sink;
    let nodes = g.sorted_nodes();
    match file {
        File::Nodes(kind) => {
            let _ = write!(out, "id:ID({}),name", kind.as_str());
            header_rest(out, node_columns(kind));
            for &i in nodes.iter().filter(|&&i| g.graph[i].kind == kind) {
                let n = &g.graph[i];
                field(out, &iri(&n.key), true);
                field(out, &n.name, false);
                let alternates = || n.alternate_names.iter().map(String::as_str);
                match kind {
                    NodeKind::Person => array(out, alternates()),
                    NodeKind::Body => {
                        array(out, alternates());
                        field(out, n.body_kind.as_ref().map_or("", BodyKind::as_str), false);
                        let codes = gss_codes(n.kind, &n.name);
                        field(out, codes.first().map_or("", String::as_str), false);
                        array(out, codes.iter().map(String::as_str));
                    }
                    NodeKind::Inspection => {
                        field(out, n.inspection_kind.as_deref().unwrap_or(""), false);
                        date(out, n.date);
                    }
                    NodeKind::Rating => {}
                    NodeKind::Document => {
                        field(out, n.alternate_names.iter().next().map_or("", String::as_str), false);
                        date(out, n.date);
                    }
                }
                out.push_str("\n");
            }
        }
        File::Relationships(kind, from, to) => {
            let _ = write!(out, ":START_ID({}),:END_ID({})", from.as_str(), to.as_str());
            header_rest(out, if kind == EdgeKind::MentionedIn { &[] } else { RELATIONSHIP_COLUMNS });
            for &i in nodes.iter().filter(|&&i| g.graph[i].kind == from) {
                let subject = &g.graph[i];
                for (n_stmt, (k, target, edge)) in g.sorted_edges_from(i).into_iter().enumerate() {
                    let object = &g.graph[target];
                    if k != kind || object.kind != to {
                        continue;
                    }
                    if kind == EdgeKind::MentionedIn {
                        field(out, &iri(&subject.key), true);
                        field(out, &iri(&object.key), false);
                        out.push_str("\n");
                        continue;
                    }
                    // Every observation of one edge carries the edge's first wording of the post, as in the JSON-LD.
                    let role_name = edge.observations.iter().find_map(|o| o.role_name());
                    for (n_obs, o) in edge.observations.iter().enumerate() {
                        field(out, &iri(&subject.key), true);
                        field(out, &iri(&object.key), false);
                        observation(out, o, role_name, &g.sentence(&o.evidence)?);
                        field(out, &statement_iri(&subject.key, kind, &object.key, n_stmt, n_obs), false);
                        out.push_str("\n");
                    }
                }
            }
        }
    }
    sink.finish()
}

/// A council's GSS codes, from the gazetteer (none for any other node).
pub fn gss_codes(kind: NodeKind, name: &str) -> &'static [String] {
    if kind == NodeKind::Body { Schema::get().gss_codes(name) } else { &[] }
}

fn header_rest(out: &mut Sink, columns: &[&str]) {
    for c in columns {
        out.push_str(",");
        out.push_str(c);
    }
    out.push_str("\n");
}

/// The columns of one observation, up to its statement's IRI.
fn observation(out: &mut Sink, o: &Observation, role_name: Option<&str>, sentence: &str) {
    let ev = &o.evidence;
    field(out, role_name.unwrap_or(""), false);
    field(out, o.status().map_or("", |s| s.as_str()), false);
    date(out, o.date());
    date(out, o.start());
    date(out, o.end());
    field(out, o.what().unwrap_or(""), false);
    date(out, o.observed_on);
    field(out, &iri(&format!("doc:{}", crate::graph::slug(&ev.doc))), false);
    field(out, sentence, false);
    let _ = write!(out, ",{},{}", ev.char_start, ev.char_end);
    field(out, &ev.rule, false);
}

/// A string field, quoted (quotes doubled); an empty one is left empty, which
/// neo4j-admin reads as no property.
fn field(out: &mut Sink, value: &str, first: bool) {
    if !first {
        out.push_str(",");
    }
    if value.is_empty() {
        return;
    }
    out.push_str("\"");
    let mut rest = value;
    while let Some(q) = rest.find('"') {
        out.push_str(&rest[..=q]);
        out.push_str("\"");
        rest = &rest[q + 1..];
    }
    out.push_str(rest);
    out.push_str("\"");
}

/// An array field: its values joined by the array delimiter (a value holding
/// it would be split, so none may: names are words, codes are letters and digits).
fn array<'a>(out: &mut Sink, values: impl Iterator<Item = &'a str>) {
    let joined: Vec<&str> = values.filter(|v| !v.contains(ARRAY_DELIMITER)).collect();
    field(out, &joined.join(&ARRAY_DELIMITER.to_string()), false);
}

/// A date as its ISO string, then its `:date` twin where it is a full day.
fn date(out: &mut Sink, d: Option<PartialDate>) {
    let text = d.map(|d| d.to_string()).unwrap_or_default();
    field(out, &text, false);
    out.push_str(",");
    if d.is_some_and(|d| d.precision() == 3) {
        out.push_str(&text);
    }
}

/// `import.sh`: the neo4j-admin command that loads the files into a database.
pub fn import_script(build: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "#!/bin/sh");
    let _ = writeln!(s, "# oversight build {build}: the graph's CSV files, loaded into Neo4j 5 by its bulk importer.");
    s.push_str("# Stop the database first. This replaces the database named (default: neo4j, the one\n");
    s.push_str("# Community edition has); then start it and run queries.cypher's CREATE lines in Cypher.\n");
    s.push_str("#   sh import.sh [DATABASE]      (neo4j-admin on PATH, or NEO4J_ADMIN=/path/to/neo4j-admin)\n");
    s.push_str("set -eu\ncd \"$(dirname \"$0\")\"\n");
    s.push_str("\"${NEO4J_ADMIN:-neo4j-admin}\" database import full \\\n");
    s.push_str("  --overwrite-destination=true --multiline-fields=true --array-delimiter=';' \\\n");
    for &(file, path) in FILES {
        let name = path.trim_start_matches("neo4j/");
        match file {
            File::Nodes(k) => {
                let _ = writeln!(s, "  --nodes={}={name} \\", k.as_str());
            }
            File::Relationships(e, _, _) => {
                let _ = writeln!(s, "  --relationships={}={name} \\", relationship_type(e));
            }
        }
    }
    s.push_str("  \"${1:-neo4j}\"\n");
    s
}

/// `queries.cypher`: the indexes, then example questions. The questions are
/// Cypher that Neo4j and Kuzu both run (`tests/neo4j.rs` runs them in Kuzu).
pub const QUERIES: &str = include_str!("neo4j/queries.cypher");

/// `queries.cypher`, stamped with the build.
pub fn queries(build: &str) -> String {
    format!("// oversight build {build}\n{QUERIES}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(value: &str) -> String {
        super::super::to_string(|w| {
            let mut sink = Sink::new(w);
            field(&mut sink, value, true);
            sink.finish()
        })
    }

    #[test]
    fn fields_are_quoted_with_their_quotes_doubled() {
        assert_eq!(csv(""), "");
        assert_eq!(csv("plain"), "\"plain\"");
        assert_eq!(csv("say \"no\", twice\nthen \"\""), "\"say \"\"no\"\", twice\nthen \"\"\"\"\"");
    }

    #[test]
    fn every_label_and_kind_of_edge_has_a_file_named_after_it() {
        for &(file, path) in FILES {
            let expected = match file {
                File::Nodes(k) => format!("{FOLDER}/{}.csv", k.as_str()),
                File::Relationships(e, from, to) => format!("{FOLDER}/{}.{}.{}.csv", relationship_type(e), from.as_str(), to.as_str()),
            };
            assert_eq!(path, expected);
        }
        for k in NodeKind::ALL {
            assert!(FILES.iter().any(|(f, _)| *f == File::Nodes(k)), "no file for {k:?}");
        }
        for e in EdgeKind::ALL {
            assert!(FILES.iter().any(|(f, _)| matches!(f, File::Relationships(x, _, _) if *x == e)), "no file for {e:?}");
        }
    }
}
