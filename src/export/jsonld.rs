//! JSON-LD 1.1: one `@graph`, the context inline (the same as
//! `schema/context.jsonld`). Every edge is a plain triple on its subject node,
//! and each observation of it is also an `rdf:Statement` carrying the role's
//! words, status, dates, the date of the document it came from, and its
//! provenance (the document, the sentence, the character offsets, the rule).

use crate::date::PartialDate;
use crate::graph::{EdgeKind, KnowledgeGraph, NodeKind};
use crate::schema::CONTEXT_JSONLD;
use serde_json::{json, Map, Value};

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

pub fn write(g: &KnowledgeGraph) -> String {
    let context: Value = serde_json::from_str(CONTEXT_JSONLD).expect("schema/context.jsonld is valid JSON");
    let mut nodes: Vec<Value> = Vec::new();
    let mut statements: Vec<Value> = Vec::new();

    for idx in g.sorted_nodes() {
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
        for (n_stmt, (kind, target, edge)) in g.sorted_edges_from(idx).into_iter().enumerate() {
            let target_iri = iri(&g.graph[target].key);
            match by_kind.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, v)) => {
                    if !v.contains(&target_iri) {
                        v.push(target_iri.clone())
                    }
                }
                None => by_kind.push((kind, vec![target_iri.clone()])),
            }
            if kind == EdgeKind::MentionedIn {
                continue; // a mention's evidence is the first-mention statement below
            }
            // Every statement of one edge carries the edge's first wording of the post.
            let role_name = edge.observations.iter().find_map(|o| o.role_name.clone());
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
                if let Some(s) = o.status {
                    st.insert("status".into(), json!(s.as_str()));
                }
                if let Some(d) = o.date {
                    st.insert("date".into(), date_value(d));
                }
                if let Some(d) = o.start {
                    st.insert("startDate".into(), date_value(d));
                }
                if let Some(d) = o.end {
                    st.insert("endDate".into(), date_value(d));
                }
                if let Some(d) = o.observed_on {
                    st.insert("observedOn".into(), date_value(d));
                }
                if let Some(w) = &o.what {
                    st.insert("what".into(), json!(w));
                }
                provenance(&mut st, &o.evidence);
                statements.push(Value::Object(st));
            }
        }
        for (kind, targets) in by_kind {
            let v = if targets.len() == 1 { json!(targets[0]) } else { json!(targets) };
            obj.insert(kind.as_str().into(), v);
        }
        nodes.push(Value::Object(obj));
    }
    nodes.extend(statements);
    let mut root = Map::new();
    root.insert("@context".into(), context["@context"].clone());
    root.insert("@graph".into(), Value::Array(nodes));
    let mut out = serde_json::to_string_pretty(&Value::Object(root)).expect("JSON serialises");
    out.push('\n');
    out
}

fn provenance(st: &mut Map<String, Value>, ev: &crate::extract::Evidence) {
    st.insert("wasDerivedFrom".into(), json!(iri(&format!("doc:{}", crate::graph::slug(&ev.doc)))));
    st.insert("evidence".into(), json!(ev.sentence));
    st.insert("startOffset".into(), json!(ev.char_start));
    st.insert("endOffset".into(), json!(ev.char_end));
    st.insert("rule".into(), json!(ev.rule));
}
