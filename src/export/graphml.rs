//! GraphML for Gephi, yEd, Cytoscape and NetworkX: one directed graph, every
//! attribute declared as a typed `<key>`. Nodes carry their kind, name,
//! alternate names, body kind, a council's GSS codes, inspection kind, date
//! and (for an inspection) its rating; edges their kind, the post, status, dates, the documents that
//! state them and the first evidence sentence. Node ids are the JSON-LD IRIs,
//! so the two outputs can be joined. Written in the exporters' sorted order.

use crate::export::jsonld::iri;
use crate::graph::{EdgeKind, KnowledgeGraph, NodeKind};
use std::collections::BTreeSet;
use std::fmt::Write;
use super::Sink;

/// (id, for, attr.name, attr.type): every attribute written.
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("n_kind", "node", "kind", "string"),
    ("n_label", "node", "label", "string"),
    ("n_name", "node", "name", "string"),
    ("n_alternateNames", "node", "alternateNames", "string"),
    ("n_bodyKind", "node", "bodyKind", "string"),
    ("n_gss", "node", "gss", "string"),
    ("n_inspectionKind", "node", "inspectionKind", "string"),
    ("n_date", "node", "date", "string"),
    ("n_rating", "node", "rating", "string"),
    ("e_kind", "edge", "kind", "string"),
    ("e_label", "edge", "label", "string"),
    ("e_role", "edge", "role", "string"),
    ("e_status", "edge", "status", "string"),
    ("e_date", "edge", "date", "string"),
    ("e_startDate", "edge", "startDate", "string"),
    ("e_endDate", "edge", "endDate", "string"),
    ("e_source", "edge", "source", "string"),
    ("e_evidence", "edge", "evidence", "string"),
    ("e_observations", "edge", "observations", "int"),
    ("g_build", "graph", "build", "string"),
];

/// Text for XML: markup escaped, characters XML 1.0 forbids dropped, line
/// breaks as spaces.
fn esc(s: &str) -> String {
    super::escape_markup(s, true)
}

fn data(out: &mut Sink, key: &str, value: &str) {
    out.push_str("      <data key=\"");
    out.push_str(key);
    out.push_str("\">");
    out.push_markup(value, true);
    out.push_str("</data>\n");
}

/// The GraphML of a graph, as a string.
pub fn write(g: &KnowledgeGraph) -> String {
    super::to_string(|w| write_to(g, w, None))
}

/// Writes the GraphML of a graph to `w`, a node or an edge at a time; with
/// `build`, the graph's `build` attribute is the build's id.
pub fn write_to(g: &KnowledgeGraph, w: &mut dyn std::io::Write, build: Option<&str>) -> std::io::Result<()> {
    let mut sink = Sink::new(w);
    let out = &mut sink;
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (id, domain, name, ty) in KEYS {
        let _ = writeln!(out, "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>");
    }
    out.push_str("  <graph id=\"oversight\" edgedefault=\"directed\">\n");
    if let Some(build) = build {
        data(out, "g_build", build);
    }
    let nodes = g.sorted_nodes();
    for &i in &nodes {
        let n = &g.graph[i];
        let _ = writeln!(out, "    <node id=\"{}\">", esc(&iri(&n.key)));
        data(out, "n_kind", n.kind.as_str());
        data(out, "n_label", &n.name);
        data(out, "n_name", &n.name);
        if !n.alternate_names.is_empty() {
            data(out, "n_alternateNames", &n.alternate_names.iter().cloned().collect::<Vec<_>>().join("; "));
        }
        if let Some(k) = n.body_kind {
            data(out, "n_bodyKind", k.as_str());
        }
        let codes = super::neo4j::gss_codes(n.kind, &n.name);
        if !codes.is_empty() {
            data(out, "n_gss", &codes.join("; "));
        }
        if let Some(k) = &n.inspection_kind {
            data(out, "n_inspectionKind", k);
        }
        if let Some(d) = n.date {
            data(out, "n_date", &d.to_string());
        }
        if n.kind == NodeKind::Inspection {
            let ratings: Vec<String> = g.sorted_edges_from(i).into_iter().filter(|(k, _, _)| *k == EdgeKind::Rated).map(|(_, t, _)| g.graph[t].name.clone()).collect();
            if !ratings.is_empty() {
                data(out, "n_rating", &ratings.join("; "));
            }
        }
        out.push_str("    </node>\n");
    }
    let mut e = 0;
    for &i in &nodes {
        for (kind, target, edge) in g.sorted_edges_from(i) {
            let _ = writeln!(out, "    <edge id=\"e{e}\" source=\"{}\" target=\"{}\">", esc(&iri(&g.graph[i].key)), esc(&iri(&g.graph[target].key)));
            e += 1;
            let obs = &edge.observations;
            let role = obs.iter().find_map(|o| o.role_name().map(String::from));
            data(out, "e_kind", kind.as_str());
            data(out, "e_label", &role.clone().map_or_else(|| kind.as_str().to_string(), |r| format!("{}: {r}", kind.as_str())));
            if let Some(r) = &role {
                data(out, "e_role", r);
            }
            // The status the latest document gives.
            if let Some(s) = obs.iter().filter(|o| o.status().is_some()).max_by_key(|o| o.observed_on.map(|d| d.sort_key())).and_then(|o| o.status()) {
                data(out, "e_status", s.as_str());
            }
            if let Some(d) = obs.iter().filter_map(|o| o.date()).min() {
                data(out, "e_date", &d.to_string());
            }
            if let Some(d) = obs.iter().filter_map(|o| o.start()).min() {
                data(out, "e_startDate", &d.to_string());
            }
            if let Some(d) = obs.iter().filter_map(|o| o.end()).max() {
                data(out, "e_endDate", &d.to_string());
            }
            let docs: BTreeSet<&str> = obs.iter().map(|o| &*o.evidence.doc).collect();
            if !docs.is_empty() {
                data(out, "e_source", &docs.into_iter().collect::<Vec<_>>().join("; "));
            }
            if let Some(o) = obs.first() {
                data(out, "e_evidence", &g.sentence(&o.evidence)?);
            }
            let _ = writeln!(out, "      <data key=\"e_observations\">{}</data>", obs.len());
            out.push_str("    </edge>\n");
        }
    }
    out.push_str("  </graph>\n</graphml>\n");
    sink.finish()
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(esc("Tom & \"Jerry\" <x>\n\u{1}ok"), "Tom &amp; &quot;Jerry&quot; &lt;x&gt; ok");
    }
}
