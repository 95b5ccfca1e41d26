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

/// A date as a typed literal at its precision.
fn date_value(d: PartialDate) -> Value {
    let ty = match d.precision() {
        1 => "xsd:gYear",
        2 => "xsd:gYearMonth",
        _ => "xsd:date",
    };
    json!({"@value": d.to_string(), "@type": ty})
}

/// The graph as JSON-LD text.
pub fn write(g: &KnowledgeGraph) -> String {
    let mut out = Vec::new();
    write_to(g, &mut out, &mut |_| {}).expect("writing to memory does not fail");
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
/// the graph; `visit` sees every item of `@graph` as it is written (the report
/// builds its model from them). The text is the same as pretty-printing the
/// whole document at once. Returns where the items lie.
pub fn write_to(g: &KnowledgeGraph, out: &mut dyn Write, visit: &mut dyn FnMut(&Value)) -> std::io::Result<ItemOffsets> {
    let context: Value = serde_json::from_str(CONTEXT_JSONLD).expect("schema/context.jsonld is valid JSON");
    let context = serde_json::to_string_pretty(&context["@context"]).expect("JSON serialises");
    let mut offsets = ItemOffsets::default();
    offsets.end += write_indented(out, b"{\n  \"@context\": ", "")?;
    offsets.end += write_indented(out, context.as_bytes(), "  ")?;
    offsets.end += write_indented(out, b",\n  \"@graph\": [", "")?;
    let mut first = true;
    // One buffer for every item, copied out moved right by four spaces.
    let mut text = Vec::new();
    let mut item = |v: Value| -> std::io::Result<()> {
        visit(&v);
        text.clear();
        serde_json::to_writer_pretty(&mut text, &v).expect("JSON serialises");
        offsets.end += write_indented(out, if first { b"\n    " } else { ITEM_SEPARATOR }, "")?;
        offsets.starts.push(offsets.end);
        offsets.end += write_indented(out, &text, "    ")?;
        first = false;
        Ok(())
    };
    let nodes = g.sorted_nodes();
    for &idx in &nodes {
        item(node(g, idx))?;
    }
    for &idx in &nodes {
        for st in statements(g, idx)? {
            item(st)?;
        }
    }
    drop(item);
    writeln!(out, "{}]\n}}", if first { "" } else { "\n  " })?;
    Ok(offsets)
}

/// Writes pretty-printed JSON moved right by `by` (JSON strings hold no raw
/// newline, so every line break is the printer's); the bytes written.
fn write_indented(out: &mut dyn Write, text: &[u8], by: &str) -> std::io::Result<u64> {
    let mut written = 0;
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(by.as_bytes())?;
            written += 1 + by.len();
        }
        out.write_all(line)?;
        written += line.len();
    }
    Ok(written as u64)
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

/// One `rdf:Statement` for each observation of each edge from a node (only
/// reading back a sentence the graph keeps on disk can fail).
fn statements(g: &KnowledgeGraph, idx: NodeIndex) -> std::io::Result<Vec<Value>> {
    let n = &g.graph[idx];
    let mut out = Vec::new();
    for (n_stmt, (kind, target, edge)) in g.sorted_edges_from(idx).into_iter().enumerate() {
        if kind == EdgeKind::MentionedIn {
            continue; // a mention's evidence is the first-mention statement
        }
        let target_iri = iri(&g.graph[target].key);
        // Every statement of one edge carries the edge's first wording of the post.
        let role_name = edge.observations.iter().find_map(|o| o.role_name());
        for (k, o) in edge.observations.iter().enumerate() {
            let mut st = Map::new();
            st.insert("@id".into(), json!(iri(&format!("statement:{}:{}:{}:{}", n.key, kind.as_str(), g.graph[target].key, format!("{n_stmt}-{k}")))));
            st.insert("@type".into(), json!("Statement"));
            st.insert("subject".into(), json!(iri(&n.key)));
            st.insert("predicate".into(), json!(kind.as_str()));
            st.insert("object".into(), json!(target_iri));
            if let Some(r) = &role_name {
                st.insert("roleName".into(), json!(r));
            }
            if let Some(s) = o.status() {
                st.insert("status".into(), json!(s.as_str()));
            }
            if let Some(d) = o.date() {
                st.insert("date".into(), date_value(d));
            }
            if let Some(d) = o.start() {
                st.insert("startDate".into(), date_value(d));
            }
            if let Some(d) = o.end() {
                st.insert("endDate".into(), date_value(d));
            }
            if let Some(d) = o.observed_on {
                st.insert("observedOn".into(), date_value(d));
            }
            if let Some(w) = o.what() {
                st.insert("what".into(), json!(w));
            }
            provenance(&mut st, g, &o.evidence)?;
            out.push(Value::Object(st));
        }
    }
    Ok(out)
}

fn provenance(st: &mut Map<String, Value>, g: &KnowledgeGraph, ev: &crate::extract::Evidence) -> std::io::Result<()> {
    st.insert("wasDerivedFrom".into(), json!(iri(&format!("doc:{}", crate::graph::slug(&ev.doc)))));
    st.insert("evidence".into(), json!(&*g.sentence(ev)?));
    st.insert("startOffset".into(), json!(ev.char_start));
    st.insert("endOffset".into(), json!(ev.char_end));
    st.insert("rule".into(), json!(ev.rule));
    Ok(())
}
