//! GraphViz DOT: a shape and colour for each kind of node, edges labelled
//! with their kind and date, a legend, and every body drawn together with its
//! inspections. Written in a sorted order: the same graph gives the same file.
//! Mentions (`mentionedIn`) are left out of the picture; the JSON-LD has them.
//!
//! The whole graph is drawn from the petgraph graph (`write`); one person's or
//! body's neighbourhood (`oversight dot NAME`) from a graph read back from
//! JSON-LD (`neighbourhood`). Both become a [`Picture`] first, drawn by one writer.

use crate::date::PartialDate;
use crate::export::jsonld::ID_PREFIX;
use crate::graph::{EdgeKind, KnowledgeGraph, NodeKind};
use crate::query::load::{Kind, Model};
use super::Sink;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
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

/// What is drawn: nodes and edges in the order they are written. The whole
/// graph's picture borrows the graph's strings (at a gigabyte of text, copies
/// of its hundreds of thousands of documents' names were a tenth of the
/// build's memory); a neighbourhood's owns its own.
#[derive(Debug, Clone, Default)]
pub struct Picture<'g> {
    pub title: String,
    /// The id of the build the picture is of, kept as the graph's comment.
    pub build: Option<String>,
    /// The node drawn bold (the one a neighbourhood is drawn around).
    pub centre: Option<String>,
    pub nodes: Vec<PNode<'g>>,
    pub edges: Vec<PEdge<'g>>,
}

/// A node as drawn.
#[derive(Debug, Clone)]
pub struct PNode<'g> {
    /// The node's key (`person:jo-bloggs`).
    pub id: Cow<'g, str>,
    pub kind: NodeKind,
    pub name: Cow<'g, str>,
    /// A document's headline.
    pub headline: Option<Cow<'g, str>>,
    pub date: Option<PartialDate>,
}

/// An edge as drawn.
#[derive(Debug, Clone)]
pub struct PEdge<'g> {
    pub from: Cow<'g, str>,
    pub to: Cow<'g, str>,
    pub kind: EdgeKind,
    pub role: Option<Cow<'g, str>>,
    /// The earliest start (else date) its observations give.
    pub date: Option<PartialDate>,
    /// The first observation's status, where it is not `current`.
    pub status: Option<String>,
}

const TITLE: &str = "oversight: who inspected, led, rated and replaced whom";

/// The whole graph.
pub fn write(g: &KnowledgeGraph) -> String {
    super::to_string(|w| write_to(g, w, None))
}

/// Writes the whole graph to `w`, as it is drawn; with `build`, stamped with the build's id.
pub fn write_to(g: &KnowledgeGraph, w: &mut dyn std::io::Write, build: Option<&str>) -> std::io::Result<()> {
    let mut sink = Sink::new(w);
    draw_to(&Picture { build: build.map(String::from), ..picture(g) }, &mut sink);
    sink.finish()
}

/// The picture of the whole graph.
pub fn picture(g: &KnowledgeGraph) -> Picture<'_> {
    let nodes = g.sorted_nodes();
    // Sized once: doubling vectors of a large graph's nodes left half of them empty.
    let edges = g.graph.edge_weights().filter(|e| e.kind != EdgeKind::MentionedIn).count();
    let mut p = Picture { title: TITLE.to_string(), nodes: Vec::with_capacity(nodes.len()), edges: Vec::with_capacity(edges), ..Picture::default() };
    for &i in &nodes {
        let n = &g.graph[i];
        p.nodes.push(PNode { id: Cow::Borrowed(&n.key), kind: n.kind, name: Cow::Borrowed(&n.name), headline: n.alternate_names.iter().next().map(|h| Cow::Borrowed(h.as_str())), date: n.date });
    }
    for &i in &nodes {
        for (kind, target, edge) in g.sorted_edges_from(i) {
            if kind == EdgeKind::MentionedIn {
                continue;
            }
            p.edges.push(PEdge {
                from: Cow::Borrowed(&g.graph[i].key),
                to: Cow::Borrowed(&g.graph[target].key),
                kind,
                role: edge.observations.iter().find_map(|o| o.role_name().map(Cow::Borrowed)),
                date: edge.observations.iter().filter_map(|o| o.start().or(o.date())).min(),
                status: edge.observations.first().and_then(|o| o.status()).filter(|s| *s != crate::extract::Status::Current).map(|s| s.as_str().to_string()),
            });
        }
    }
    p
}

fn node_kind(k: Kind) -> Option<NodeKind> {
    Some(match k {
        Kind::Person => NodeKind::Person,
        Kind::Body => NodeKind::Body,
        Kind::Inspection => NodeKind::Inspection,
        Kind::Rating => NodeKind::Rating,
        Kind::Document => NodeKind::Document,
        Kind::Other => return None,
    })
}

fn edge_kind(p: &str) -> Option<EdgeKind> {
    EdgeKind::ALL.into_iter().find(|k| k.as_str() == p)
}

fn key(iri: &str) -> String {
    iri.strip_prefix(ID_PREFIX).unwrap_or(iri).to_string()
}

/// The neighbourhood of one node of a graph read back from JSON-LD: every
/// node within `depth` edges of it (either way, mentions aside). Ratings and
/// documents are drawn but not walked through, so that one rating does not
/// pull in every inspection that was given it.
pub fn neighbourhood(m: &Model, centre: &str, depth: usize) -> Picture<'static> {
    let mut adjacent: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for n in &m.nodes {
        for (p, targets) in &n.links {
            if p == "mentionedIn" {
                continue;
            }
            for t in targets {
                adjacent.entry(n.id.as_str()).or_default().insert(t);
                adjacent.entry(t).or_default().insert(n.id.as_str());
            }
        }
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([(centre, 0usize)]);
    seen.insert(centre, 0);
    while let Some((id, d)) = queue.pop_front() {
        let through = m.node(id).is_some_and(|n| !matches!(n.kind, Kind::Rating | Kind::Document)) || id == centre;
        if d == depth || !through {
            continue;
        }
        for &next in adjacent.get(id).into_iter().flatten() {
            if !seen.contains_key(next) {
                seen.insert(next, d + 1);
                queue.push_back((next, d + 1));
            }
        }
    }
    let name = m.name(centre);
    let mut p = Picture { title: format!("Neighbourhood of {name} (depth {depth})"), centre: Some(key(centre)), ..Picture::default() };
    let mut nodes: Vec<_> = m.nodes.iter().filter(|n| seen.contains_key(n.id.as_str())).collect();
    nodes.sort_by_key(|n| key(&n.id));
    for n in &nodes {
        let Some(kind) = node_kind(n.kind) else { continue };
        let headline = if n.kind == Kind::Document { n.alternate_names.first().cloned().map(Cow::Owned) } else { None };
        p.nodes.push(PNode { id: Cow::Owned(key(&n.id)), kind, name: Cow::Owned(n.name.to_string()), headline, date: n.date });
    }
    // Each edge once for each wording of a post, from its statements.
    for n in &nodes {
        for (prop, targets) in &n.links {
            let Some(kind) = edge_kind(prop).filter(|k| *k != EdgeKind::MentionedIn) else { continue };
            let mut targets: Vec<&crate::query::load::Text> = targets.iter().filter(|t| seen.contains_key(&***t)).collect();
            targets.sort_by_key(|t| key(t));
            targets.dedup();
            for t in targets {
                let sts: Vec<_> = m.statements.iter().filter(|s| *s.subject == *n.id && *s.predicate == **prop && *s.object == **t).collect();
                let mut roles: Vec<Option<String>> = sts.iter().map(|s| s.role_name.as_deref().map(String::from)).collect();
                roles.sort();
                roles.dedup();
                if roles.is_empty() {
                    roles.push(None);
                }
                for role in roles {
                    let of_role: Vec<_> = sts.iter().filter(|s| s.role_name.as_deref() == role.as_deref()).collect();
                    p.edges.push(PEdge {
                        from: Cow::Owned(key(&n.id)),
                        to: Cow::Owned(key(t)),
                        kind,
                        role: role.map(Cow::Owned),
                        date: of_role.iter().filter_map(|s| s.start.or(s.date)).min(),
                        status: of_role.first().and_then(|s| s.status.as_deref()).filter(|s| *s != "current").map(String::from),
                    });
                }
            }
        }
    }
    p.edges.sort_by(|a, b| (&a.from, a.kind, &a.to, &a.role).cmp(&(&b.from, b.kind, &b.to, &b.role)));
    p
}

/// The DOT of the neighbourhood of the person or body that `name` names,
/// looked up as the questions look names up (`query::lookup`).
pub fn neighbourhood_of(g: &crate::query::Graph, name: &str, depth: usize) -> Result<String, crate::query::QueryError> {
    let node = crate::query::lookup::find(&g.model, name, &[Kind::Person, Kind::Body], "person or body", "try part of the name, e.g. a surname")?;
    Ok(draw(&neighbourhood(&g.model, &node.id, depth)))
}

/// DOT text of a picture.
pub fn draw(p: &Picture) -> String {
    super::to_string(|w| {
        let mut sink = Sink::new(w);
        draw_to(p, &mut sink);
        sink.finish()
    })
}

/// Writes the DOT text of a picture to `out`.
pub fn draw_to(p: &Picture, out: &mut Sink) {
    out.push_str("digraph oversight {\n");
    if let Some(build) = &p.build {
        let _ = writeln!(out, "  comment=\"oversight build {}\";", esc(build));
    }
    let _ = writeln!(out, "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.3, ranksep=0.6, label=\"{}\", labelloc=t];", esc(&p.title));
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

    let label = |n: &PNode| match (n.kind, n.date) {
        (NodeKind::Inspection, Some(d)) => format!("{}\\n{}", esc(&n.name), d),
        (NodeKind::Document, _) => format!("{}\\n{}", esc(n.headline.as_ref().unwrap_or(&n.name)), n.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".into())),
        _ => esc(&n.name),
    };
    let node_line = |out: &mut Sink, n: &PNode, indent: &str| {
        let (shape, mut fill) = style(n.kind);
        let mut font = "black";
        if n.kind == NodeKind::Rating {
            fill = rating_colour(&n.name);
            if matches!(&*n.name, "Outstanding" | "Inadequate") {
                font = "white";
            }
        }
        let bold = if p.centre.as_deref() == Some(&*n.id) { ", penwidth=3" } else { "" };
        // A council's GSS codes, as an attribute that tools read and Graphviz does not draw.
        let codes = super::neo4j::gss_codes(n.kind, &n.name);
        let gss = if codes.is_empty() { String::new() } else { format!(", gss=\"{}\"", codes.join("; ")) };
        let _ = writeln!(out, "{indent}\"{}\" [label=\"{}\", shape={shape}, fillcolor=\"{fill}\", fontcolor={font}{bold}{gss}];", esc(&n.id), label(n));
    };

    // Each body with the inspections of it, as one cluster.
    // Each inspection's body (the first `inspected` edge from it), and each body's inspections in node order.
    let mut inspected_body: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for e in p.edges.iter().filter(|e| e.kind == EdgeKind::Inspected) {
        inspected_body.entry(&*e.from).or_insert(&*e.to);
    }
    let mut inspections_of: std::collections::HashMap<&str, Vec<&PNode>> = std::collections::HashMap::new();
    for n in p.nodes.iter().filter(|n| n.kind == NodeKind::Inspection) {
        if let Some(b) = inspected_body.get(&*n.id) {
            inspections_of.entry(b).or_default().push(n);
        }
    }
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    for b in p.nodes.iter().filter(|n| n.kind == NodeKind::Body) {
        let inspections: Vec<&PNode> = inspections_of.remove(&*b.id).unwrap_or_default();
        if inspections.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  subgraph \"cluster_{}\" {{\n    style=rounded; color=\"#d6b656\"; label=\"\";", esc(&b.id));
        node_line(out, b, "    ");
        placed.insert(&b.id);
        for i in inspections {
            node_line(out, i, "    ");
            placed.insert(&i.id);
        }
        out.push_str("  }\n");
    }
    for n in &p.nodes {
        if !placed.contains(&*n.id) {
            node_line(out, n, "  ");
        }
    }
    for e in &p.edges {
        let mut text = e.kind.as_str().to_string();
        if let Some(r) = &e.role {
            text = format!("{text}: {}", esc(r));
        }
        if let Some(d) = e.date {
            text = format!("{text}\\n{d}");
        }
        if let Some(s) = &e.status {
            text = format!("{text} ({s})");
        }
        let style = match e.kind {
            EdgeKind::Succeeded => ", color=\"#674ea7\", penwidth=2",
            EdgeKind::Author => ", style=dotted",
            _ => "",
        };
        let _ = writeln!(out, "  \"{}\" -> \"{}\" [label=\"{}\"{style}];", esc(&e.from), esc(&e.to), text);
    }
    out.push_str("}\n");
}

/// The overview of a large graph (`write_overview_to`): what a reader is told
/// about the drawing of each person or body in full.
pub const OVERVIEW_NOTE: &str = "An overview: each body once, with its posts and its inspections summarised (the fill is its latest judgement), and the successions between bodies. Draw any person or body in full with `oversight dot NAME --svg`.";

/// Bodies drawn without an edge go in rows of this many, so that Graphviz
/// lays them out as a grid rather than one column.
const ROW: usize = 8;

/// Writes the overview of a graph too large to draw whole: one node for each
/// body with a post, an inspection or a succession (its name, its posts and
/// the people who held them, its inspections and the latest judgement, in
/// that judgement's colour, the inspections it carried out), and the
/// successions between bodies. People,
/// inspections and documents are counted, not drawn; `oversight dot NAME`
/// draws any of them in full.
pub fn write_overview_to(g: &KnowledgeGraph, w: &mut dyn std::io::Write, build: Option<&str>) -> std::io::Result<()> {
    use petgraph::visit::EdgeRef;
    use petgraph::Direction::{Incoming, Outgoing};
    let mut out = Sink::new(w);
    out.push_str("digraph oversight {\n");
    if let Some(build) = build {
        let _ = writeln!(out, "  comment=\"oversight build {}\";", esc(build));
    }
    let counts = format!(
        "{} people, {} bodies, {} inspections, {} documents",
        g.count_nodes(NodeKind::Person),
        g.count_nodes(NodeKind::Body),
        g.count_nodes(NodeKind::Inspection),
        g.count_nodes(NodeKind::Document)
    );
    let _ = writeln!(out, "  // {}", OVERVIEW_NOTE);
    let _ = writeln!(out, "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.3, ranksep=0.6, label=\"{}\\n{}\\n{}\", labelloc=t];", esc(TITLE), esc(&counts), esc(OVERVIEW_NOTE));
    out.push_str("  node [fontname=\"Helvetica\", fontsize=10, style=filled, shape=box];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=8, color=\"#674ea7\", penwidth=2];\n");
    let mut drawn: Vec<petgraph::graph::NodeIndex> = Vec::new();
    let mut edges: Vec<(petgraph::graph::NodeIndex, petgraph::graph::NodeIndex, Option<PartialDate>)> = Vec::new();
    for i in g.sorted_nodes().into_iter().filter(|&i| g.graph[i].kind == NodeKind::Body) {
        let (mut posts, mut people, mut conducted) = (0, BTreeSet::new(), 0);
        let mut inspections: Vec<(Option<PartialDate>, Option<&str>)> = Vec::new();
        for e in g.graph.edges_directed(i, Incoming) {
            match e.weight().kind {
                EdgeKind::HeldRole => {
                    posts += 1;
                    people.insert(e.source());
                }
                EdgeKind::Inspected => {
                    let rating = g.graph.edges_directed(e.source(), Outgoing).find(|r| r.weight().kind == EdgeKind::Rated).map(|r| g.graph[r.target()].name.as_str());
                    inspections.push((g.graph[e.source()].date, rating));
                }
                EdgeKind::ConductedBy => conducted += 1,
                _ => {}
            }
        }
        let before = edges.len();
        for e in g.sorted_edges_from(i) {
            if e.0 == EdgeKind::Succeeded && g.graph[e.1].kind == NodeKind::Body {
                edges.push((i, e.1, e.2.observations.iter().filter_map(|o| o.date().or(o.start())).min()));
            }
        }
        let succeeded = g.graph.edges_directed(i, Incoming).any(|e| e.weight().kind == EdgeKind::Succeeded && g.graph[e.source()].kind == NodeKind::Body);
        if posts == 0 && inspections.is_empty() && conducted == 0 && edges.len() == before && !succeeded {
            continue;
        }
        drawn.push(i);
        let b = &g.graph[i];
        let mut label = esc(&b.name);
        if posts > 0 {
            let _ = write!(label, "\\n{posts} post{} held by {} {}", if posts == 1 { "" } else { "s" }, people.len(), if people.len() == 1 { "person" } else { "people" });
        }
        // The latest judgement: that of the latest dated inspection that gave one.
        let latest = inspections.iter().filter(|x| x.0.is_some() && x.1.is_some()).max_by_key(|x| x.0);
        let (mut fill, mut font) = ("#fff2cc", "black");
        if !inspections.is_empty() {
            let _ = write!(label, "\\n{} inspection{}", inspections.len(), if inspections.len() == 1 { "" } else { "s" });
            if let Some((Some(d), Some(r))) = latest {
                let _ = write!(label, ", latest {d}: {}", esc(r));
                fill = rating_colour(r);
                if matches!(*r, "Outstanding" | "Inadequate") {
                    font = "white";
                }
            }
        }
        if conducted > 0 {
            let _ = write!(label, "\\ncarried out {conducted} inspection{}", if conducted == 1 { "" } else { "s" });
        }
        let codes = super::neo4j::gss_codes(NodeKind::Body, &b.name);
        let gss = if codes.is_empty() { String::new() } else { format!(", gss=\"{}\"", codes.join("; ")) };
        let _ = writeln!(out, "  \"{}\" [label=\"{label}\", fillcolor=\"{fill}\", fontcolor={font}{gss}];", esc(&b.key));
    }
    for (from, to, date) in &edges {
        let date = date.map_or_else(String::new, |d| format!("\\n{d}"));
        let _ = writeln!(out, "  \"{}\" -> \"{}\" [label=\"succeeded{date}\"];", esc(&g.graph[*from].key), esc(&g.graph[*to].key));
    }
    // The bodies with no succession, in rows joined by edges not drawn.
    let linked: BTreeSet<_> = edges.iter().flat_map(|e| [e.0, e.1]).collect();
    let alone: Vec<_> = drawn.iter().filter(|i| !linked.contains(i)).collect();
    for row in alone.chunks(ROW) {
        for pair in row.windows(2) {
            let _ = writeln!(out, "  \"{}\" -> \"{}\" [style=invis];", esc(&g.graph[*pair[0]].key), esc(&g.graph[*pair[1]].key));
        }
    }
    out.push_str("}\n");
    out.finish()
}

/// Renders DOT as SVG with Graphviz's `dot`. `Err` says why not: Graphviz is
/// not installed (with how to install it), or `dot` failed (with its message).
pub fn to_svg(dot: &str) -> Result<String, SvgError> {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut child = match Command::new("dot").arg("-Tsvg").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(SvgError::NotInstalled),
        Err(e) => return Err(SvgError::Failed(e.to_string())),
    };
    let mut stdin = child.stdin.take().expect("piped stdin");
    let text = dot.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let output = child.wait_with_output().map_err(|e| SvgError::Failed(e.to_string()))?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(SvgError::Failed(String::from_utf8_lossy(&output.stderr).trim().to_string()));
    }
    String::from_utf8(output.stdout).map_err(|_| SvgError::Failed("dot wrote something that is not UTF-8".into()))
}

/// Why no SVG could be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SvgError {
    /// `dot` is not on the PATH.
    NotInstalled,
    /// `dot` ran and failed.
    Failed(String),
}

/// How to install Graphviz.
pub const INSTALL_GRAPHVIZ: &str = "install Graphviz (Debian or Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz; Windows: winget install graphviz), then run this again";

impl std::fmt::Display for SvgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SvgError::NotInstalled => write!(f, "Graphviz's `dot` program is not installed (it is not on the PATH), and it draws the SVG; {INSTALL_GRAPHVIZ}"),
            SvgError::Failed(why) => write!(f, "Graphviz's `dot` failed: {why}"),
        }
    }
}
