//! GraphViz DOT: a shape and colour for each kind of node, edges labelled
//! with their kind and date, a legend, and every body drawn together with its
//! inspections. Written in a sorted order: the same graph gives the same file.
//! Mentions (`mentionedIn`) are left out of the picture; the JSON-LD has them.

use crate::graph::{EdgeKind, KnowledgeGraph, NodeKind};
use std::fmt::Write;

/// Shape, fill colour and legend text per node kind.
fn style(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Person => ("ellipse", "#cfe2f3"),
        NodeKind::Body => ("box", "#fff2cc"),
        NodeKind::Inspection => ("hexagon", "#ead1dc"),
        NodeKind::Rating => ("octagon", "#eeeeee"),
        NodeKind::Document => ("note", "#f3f3f3"),
    }
}

/// Ofsted's colours for its judgements.
pub fn rating_colour(rating: &str) -> &'static str {
    match rating {
        "Outstanding" => "#3d7a3a",
        "Good" => "#93c47d",
        "Requires improvement" => "#f6b26b",
        "Inadequate" => "#cc0000",
        _ => "#bbbbbb",
    }
}

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " ")
}

pub fn write(g: &KnowledgeGraph) -> String {
    let mut out = String::new();
    out.push_str("digraph oversight {\n");
    out.push_str("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.3, ranksep=0.6, label=\"oversight: who inspected, led, rated and replaced whom\", labelloc=t];\n");
    out.push_str("  node [fontname=\"Helvetica\", fontsize=10, style=filled];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\"];\n");

    // Legend.
    out.push_str("  subgraph cluster_legend {\n    label=\"Legend\"; style=dashed; color=\"#999999\";\n");
    for k in NodeKind::ALL {
        let (shape, fill) = style(k);
        let _ = writeln!(out, "    \"legend:{0}\" [label=\"{0}\", shape={shape}, fillcolor=\"{fill}\"];", k.as_str());
    }
    out.push_str("    \"legend:Person\" -> \"legend:Body\" [label=\"heldRole (role, date)\"];\n");
    out.push_str("    \"legend:Inspection\" -> \"legend:Rating\" [label=\"rated\"];\n");
    out.push_str("  }\n");

    let id = |i: petgraph::graph::NodeIndex| esc(&g.graph[i].key);
    let label = |i: petgraph::graph::NodeIndex| {
        let n = &g.graph[i];
        match (n.kind, n.date) {
            (NodeKind::Inspection, Some(d)) => format!("{}\\n{}", esc(&n.name), d),
            (NodeKind::Document, _) => format!("{}\\n{}", esc(n.alternate_names.iter().next().unwrap_or(&n.name)), n.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".into())),
            _ => esc(&n.name),
        }
    };
    let node_line = |out: &mut String, i: petgraph::graph::NodeIndex, indent: &str| {
        let n = &g.graph[i];
        let (shape, mut fill) = style(n.kind);
        let mut font = "black";
        if n.kind == NodeKind::Rating {
            fill = rating_colour(&n.name);
            if matches!(n.name.as_str(), "Outstanding" | "Inadequate") {
                font = "white";
            }
        }
        let _ = writeln!(out, "{indent}\"{}\" [label=\"{}\", shape={shape}, fillcolor=\"{fill}\", fontcolor={font}];", id(i), label(i));
    };

    // Each body with the inspections of it, as one cluster.
    let nodes = g.sorted_nodes();
    let inspected_body = |i: petgraph::graph::NodeIndex| {
        g.sorted_edges_from(i).into_iter().find(|(k, _, _)| *k == EdgeKind::Inspected).map(|(_, t, _)| t)
    };
    let mut placed = vec![false; g.graph.node_count()];
    for &b in nodes.iter().filter(|&&i| g.graph[i].kind == NodeKind::Body) {
        let inspections: Vec<_> = nodes.iter().copied().filter(|&i| g.graph[i].kind == NodeKind::Inspection && inspected_body(i) == Some(b)).collect();
        if inspections.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  subgraph \"cluster_{}\" {{\n    style=rounded; color=\"#d6b656\"; label=\"\";", id(b));
        node_line(&mut out, b, "    ");
        placed[b.index()] = true;
        for i in inspections {
            node_line(&mut out, i, "    ");
            placed[i.index()] = true;
        }
        out.push_str("  }\n");
    }
    for &i in &nodes {
        if !placed[i.index()] {
            node_line(&mut out, i, "  ");
        }
    }
    for &i in &nodes {
        for (kind, target, edge) in g.sorted_edges_from(i) {
            if kind == EdgeKind::MentionedIn {
                continue;
            }
            let o = edge.observations.first();
            let mut text = kind.as_str().to_string();
            if let Some(r) = edge.observations.iter().find_map(|o| o.role_name.as_deref()) {
                text = format!("{text}: {}", esc(r));
            }
            let dates: Vec<String> = edge.observations.iter().filter_map(|o| o.start.or(o.date)).map(|d| d.to_string()).collect();
            if let Some(d) = dates.iter().min() {
                text = format!("{text}\\n{d}");
            }
            if let Some(s) = o.and_then(|o| o.status).filter(|s| *s != crate::extract::Status::Current) {
                text = format!("{text} ({})", s.as_str());
            }
            let style = match kind {
                EdgeKind::Succeeded => ", color=\"#674ea7\", penwidth=2",
                EdgeKind::Author => ", style=dotted",
                _ => "",
            };
            let _ = writeln!(out, "  \"{}\" -> \"{}\" [label=\"{}\"{style}];", id(i), id(target), text);
        }
    }
    out.push_str("}\n");
    out
}
