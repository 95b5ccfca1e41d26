//! JSON-LD 1.1: one `@graph`, the context inline (the same as
//! `schema/context.jsonld`). Every edge is a plain triple on its subject node,
//! and each observation of it is also an `rdf:Statement` carrying the role's
//! words, status, dates, the date of the document it came from, and its
//! provenance (the document, the sentence, the character offsets, the rule).

use crate::date::PartialDate;
use crate::graph::{EdgeKind, KnowledgeGraph, NodeKind};
use crate::schema::CONTEXT_JSONLD;
use petgraph::graph::NodeIndex;
use serde_json::{json, Map, Value};
use std::io::Write;

pub const ID_PREFIX: &str = "urn:oversight:";

pub fn iri(key: &str) -> String {
    format!("{ID_PREFIX}{key}")
}

/// The IRI of the statement of observation `n_obs` of the `n_edge`th edge
/// from a node (in `sorted_edges_from`'s order).
pub fn statement_iri(subject: &str, kind: EdgeKind, object: &str, n_edge: usize, n_obs: usize) -> String {
    iri(&format!("statement:{subject}:{}:{object}:{n_edge}-{n_obs}", kind.as_str()))
}

/// The URI of an ONS GSS code in ONS's linked data (`sameAs` of a council).
pub fn statistical_geography(code: &str) -> String {
    format!("http://statistics.data.gov.uk/id/statistical-geography/{code}")
}

/// The `@id` of the item that names the build the file came from.
pub const BUILD_ITEM: &str = "urn:oversight:build";

/// A date as a typed literal at its precision.
fn date_value(d: PartialDate) -> Value {
    json!({"@value": d.to_string(), "@type": date_type(d)})
}

/// The XSD type of a date at its precision.
fn date_type(d: PartialDate) -> &'static str {
    match d.precision() {
        1 => "xsd:gYear",
        2 => "xsd:gYearMonth",
        _ => "xsd:date",
    }
}

/// The graph as JSON-LD text.
pub fn write(g: &KnowledgeGraph) -> String {
    let mut out = Vec::new();
    write_to(g, &mut out, None, None).expect("writing to memory does not fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// What is written between two items of `@graph`.
pub const ITEM_SEPARATOR: &[u8] = b",\n    ";

/// Where the items of a written `@graph` lie in the text: the offset of
/// each item's first byte, and the offset just past the last item. (The
/// report reads ranges of items back on several threads.)
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemOffsets {
    pub starts: Vec<u64>,
    pub end: u64,
}

/// Writes the graph's JSON-LD to `out` one item at a time (nodes, then
/// statements), so that no more than one item is held in memory however large
/// the graph; `visit`, where given, sees every item of `@graph` as it is
/// written (the report builds its model from them). With `build`, the first
/// item is a `schema:Dataset` whose `identifier` is the build's id. The text
/// is the same as pretty-printing the whole document at once. Returns where
/// the items lie.
pub fn write_to(g: &KnowledgeGraph, out: &mut dyn Write, build: Option<&str>, mut visit: Option<&mut dyn FnMut(&Value)>) -> std::io::Result<ItemOffsets> {
    let context: Value = serde_json::from_str(CONTEXT_JSONLD).expect("schema/context.jsonld is valid JSON");
    let context = serde_json::to_string_pretty(&context["@context"]).expect("JSON serialises");
    let mut offsets = ItemOffsets::default();
    offsets.end += write_indented(out, b"{\n  \"@context\": ", "")?;
    offsets.end += write_indented(out, context.as_bytes(), "  ")?;
    offsets.end += write_indented(out, b",\n  \"@graph\": [", "")?;
    let mut first = true;
    // Each item's text, pretty-printed, moved right by four spaces, with the
    // separator before it: written in one piece.
    let mut indented = Vec::new();
    let mut item = |text: &[u8]| -> std::io::Result<()> {
        if let Some(visit) = visit.as_mut() {
            visit(&serde_json::from_slice(text).expect("an item just printed reads back"));
        }
        indented.clear();
        indented.extend_from_slice(if first { b"\n    " } else { ITEM_SEPARATOR });
        let start = offsets.end + indented.len() as u64;
        indent(&mut indented, text, "    ");
        out.write_all(&indented)?;
        offsets.starts.push(start);
        offsets.end += indented.len() as u64;
        first = false;
        Ok(())
    };
    let mut text = Vec::new();
    if let Some(build) = build {
        let dataset = json!({"@id": BUILD_ITEM, "@type": "schema:Dataset", "identifier": build});
        serde_json::to_writer_pretty(&mut text, &dataset).expect("JSON serialises");
        item(&text)?;
    }
    let nodes = g.sorted_nodes();
    for &idx in &nodes {
        text.clear();
        serde_json::to_writer_pretty(&mut text, &node(g, idx)).expect("JSON serialises");
        item(&text)?;
    }
    for &idx in &nodes {
        statements(g, idx, &mut text, &mut item)?;
    }
    drop(item);
    writeln!(out, "{}]\n}}", if first { "" } else { "\n  " })?;
    Ok(offsets)
}

/// Writes pretty-printed JSON moved right by `by` (JSON strings hold no raw
/// newline, so every line break is the printer's); the bytes written.
fn write_indented(out: &mut dyn Write, text: &[u8], by: &str) -> std::io::Result<u64> {
    let mut indented = Vec::with_capacity(text.len());
    indent(&mut indented, text, by);
    out.write_all(&indented)?;
    Ok(indented.len() as u64)
}

/// Pretty-printed JSON moved right by `by`, onto the end of `out`.
fn indent(out: &mut Vec<u8>, text: &[u8], by: &str) {
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            out.extend_from_slice(by.as_bytes());
        }
        out.extend_from_slice(line);
    }
}

/// A node with its edges as plain triples.
fn node(g: &KnowledgeGraph, idx: NodeIndex) -> Value {
    let n = &g.graph[idx];
    let mut obj = Map::new();
    obj.insert("@id".into(), json!(iri(&n.key)));
    let ty = match n.kind {
        NodeKind::Body => json!(["Body", "Organization"]),
        k => json!(k.as_str()),
    };
    obj.insert("@type".into(), ty);
    obj.insert("name".into(), json!(n.name));
    if !n.alternate_names.is_empty() {
        let key = if n.kind == NodeKind::Document { "schema:headline" } else { "alternateName" };
        obj.insert(key.into(), json!(n.alternate_names.iter().collect::<Vec<_>>()));
    }
    if let Some(k) = n.body_kind {
        obj.insert("bodyKind".into(), json!(k.as_str()));
    }
    let codes = super::neo4j::gss_codes(n.kind, &n.name);
    if !codes.is_empty() {
        let one_or_many = |v: Vec<String>| if v.len() == 1 { json!(v[0]) } else { json!(v) };
        obj.insert("identifier".into(), one_or_many(codes.to_vec()));
        obj.insert("sameAs".into(), one_or_many(codes.iter().map(|c| statistical_geography(c)).collect()));
    }
    if let Some(k) = &n.inspection_kind {
        obj.insert("inspectionKind".into(), json!(k));
    }
    if let Some(d) = n.date {
        let key = if n.kind == NodeKind::Document { "datePublished" } else { "date" };
        obj.insert(key.into(), date_value(d));
    }
    let mut by_kind: Vec<(EdgeKind, Vec<String>)> = Vec::new();
    for (kind, target, _) in g.sorted_edges_from(idx) {
        let target_iri = iri(&g.graph[target].key);
        match by_kind.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, v)) => {
                if v.last() != Some(&target_iri) {
                    v.push(target_iri)
                }
            }
            None => by_kind.push((kind, vec![target_iri])),
        }
    }
    for (kind, targets) in by_kind {
        let v = if targets.len() == 1 { json!(targets[0]) } else { json!(targets) };
        obj.insert(kind.as_str().into(), v);
    }
    Value::Object(obj)
}

/// One `rdf:Statement` for each observation of each edge from a node, each
/// handed to `item` as pretty-printed text (only reading back a sentence the
/// graph keeps on disk can fail).
fn statements(g: &KnowledgeGraph, idx: NodeIndex, text: &mut Vec<u8>, item: &mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()> {
    let n = &g.graph[idx];
    let subject = iri(&n.key);
    for (n_stmt, (kind, target, edge)) in g.sorted_edges_from(idx).into_iter().enumerate() {
        if kind == EdgeKind::MentionedIn {
            continue; // a mention's evidence is the first-mention statement
        }
        let target_iri = iri(&g.graph[target].key);
        // Every statement of one edge carries the edge's first wording of the post.
        let role_name = edge.observations.iter().find_map(|o| o.role_name());
        for (k, o) in edge.observations.iter().enumerate() {
            let ev = &o.evidence;
            let id = statement_iri(&n.key, kind, &g.graph[target].key, n_stmt, k);
            let sentence = g.sentence(ev)?;
            let document = iri(&format!("doc:{}", crate::graph::slug(&ev.doc)));
            text.clear();
            let mut st = PrettyObject::new(text);
            st.string("@id", &id);
            st.string("@type", "Statement");
            st.date("date", o.date());
            st.date("endDate", o.end());
            st.number("endOffset", ev.char_end);
            st.string("evidence", &sentence);
            st.string("object", &target_iri);
            st.date("observedOn", o.observed_on);
            st.string("predicate", kind.as_str());
            if let Some(r) = role_name {
                st.string("roleName", r);
            }
            st.string("rule", &ev.rule);
            st.date("startDate", o.start());
            st.number("startOffset", ev.char_start);
            if let Some(s) = o.status() {
                st.string("status", s.as_str());
            }
            st.string("subject", &subject);
            st.string("wasDerivedFrom", &document);
            if let Some(w) = o.what() {
                st.string("what", w);
            }
            st.end();
            item(text)?;
        }
    }
    Ok(())
}

/// A JSON object printed as `serde_json::to_writer_pretty` prints a `Value`
/// (two spaces a level), its members given in the order that printer would
/// take them (the keys' byte order), without making the `Value`: a large
/// graph has millions of statements, and allocating each was most of the
/// JSON-LD's time.
struct PrettyObject<'b> {
    text: &'b mut Vec<u8>,
    empty: bool,
}

impl<'b> PrettyObject<'b> {
    fn new(text: &'b mut Vec<u8>) -> PrettyObject<'b> {
        text.push(b'{');
        PrettyObject { text, empty: true }
    }

    fn key(&mut self, key: &str) {
        self.text.extend_from_slice(if self.empty { b"\n  " } else { b",\n  " });
        self.empty = false;
        self.quoted(key);
        self.text.extend_from_slice(b": ");
    }

    fn quoted(&mut self, s: &str) {
        serde_json::to_writer(&mut *self.text, s).expect("a string serialises");
    }

    fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        self.quoted(value);
    }

    fn number(&mut self, key: &str, value: u32) {
        self.key(key);
        let _ = write!(self.text, "{value}");
    }

    /// A date as `date_value` gives it, where there is one.
    fn date(&mut self, key: &str, value: Option<PartialDate>) {
        let Some(d) = value else { return };
        self.key(key);
        self.text.extend_from_slice(b"{\n    \"@type\": ");
        self.quoted(date_type(d));
        // Digits and dashes: nothing to escape.
        let _ = write!(self.text, ",\n    \"@value\": \"{d}\"\n  }}");
    }

    fn end(self) {
        self.text.extend_from_slice(if self.empty { b"}" } else { b"\n}" });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_the_whole_document_pretty_printed() {
        let g = crate::pipeline::build_graph(&[std::path::PathBuf::from("seeds")]).unwrap().graph;
        let text = write(&g);
        let whole: Value = serde_json::from_str(&text).unwrap();
        assert!(whole["@graph"].as_array().unwrap().iter().any(|i| i["@type"] == "Statement" && i.get("roleName").is_some()));
        assert_eq!(text, serde_json::to_string_pretty(&whole).unwrap() + "\n");
    }

    #[test]
    fn an_object_printed_member_by_member_is_the_value_pretty_printed() {
        let odd = "quote \" backslash \\ tab \t line\nbreak \u{1} bell \u{7f} é 😀 </script>";
        let d = PartialDate { year: 2019, month: Some(3), day: None };
        let mut text = Vec::new();
        let mut o = PrettyObject::new(&mut text);
        o.string("@id", odd);
        o.date("date", Some(d));
        o.date("endDate", None);
        o.number("endOffset", u32::MAX);
        o.string("what", "");
        o.end();
        let value = json!({"@id": odd, "date": date_value(d), "endOffset": u32::MAX, "what": ""});
        assert_eq!(String::from_utf8(text).unwrap(), serde_json::to_string_pretty(&value).unwrap());
        let mut empty = Vec::new();
        PrettyObject::new(&mut empty).end();
        assert_eq!(empty, serde_json::to_string_pretty(&json!({})).unwrap().into_bytes());
    }
}
