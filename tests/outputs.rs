//! The outputs through the real clients that open them: NetworkX reads the
//! GraphML with the graph's counts and attributes; rdflib, an RDF store, loads
//! the JSON-LD and answers "who held which post in which body, and when" with
//! SPARQL as `who-led` does; Graphviz draws `oversight dot NAME`, whose `--svg`
//! says how to install Graphviz where it is missing; the full DOT draws each
//! body with its inspections.

use crate::common;
use common::*;
use oversight::graph::{EdgeKind, NodeKind};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

#[test]
fn build_writes_the_graphml_and_the_report_beside_the_others() {
    let out = build_seeds("four-outputs");
    for f in ["graph.dot", "graph.jsonld", "graph.graphml", "report.html"] {
        assert!(fs::metadata(out.join(f)).map(|m| m.len() > 1000).unwrap_or(false), "{f} is missing or too small");
    }
    let xml = fs::read_to_string(out.join("graph.graphml")).unwrap();
    assert_eq!(xml.matches("<graph ").count(), 1);
    assert!(xml.contains("edgedefault=\"directed\""));
    for key in ["kind", "name", "alternateNames", "bodyKind", "inspectionKind", "date", "rating", "role", "status", "startDate", "endDate", "source", "evidence"] {
        assert!(xml.contains(&format!("attr.name=\"{key}\" attr.type=\"string\"")), "no string key {key}");
    }
    assert!(xml.contains("attr.name=\"observations\" attr.type=\"int\""));
    // The same graph gives the same bytes.
    let again = build_seeds("four-outputs-again");
    for f in ["graph.graphml", "report.html"] {
        assert_eq!(unstamped(fs::read(out.join(f)).unwrap()), unstamped(fs::read(again.join(f)).unwrap()), "{f} differs between two builds");
    }
}

#[test]
fn networkx_reads_the_graphml_with_the_graphs_counts_and_attributes() {
    let out = build_seeds("networkx");
    let g = oversight::pipeline::build_graph(&[root().join("seeds")]).unwrap().graph;
    let nodes: BTreeMap<&str, usize> = NodeKind::ALL.iter().map(|k| (k.as_str(), g.count_nodes(*k))).collect();
    let edges: BTreeMap<&str, usize> = EdgeKind::ALL.iter().map(|k| (k.as_str(), g.count_edges(*k))).collect();
    let expected = json!({"nodes": nodes, "edges": edges}).to_string();
    let o = run_tool(
        "python3",
        &["tests/support/check_graphml.py", s(&out.join("graph.graphml")), s(&out.join("graph.jsonld")), &expected],
        "install NetworkX (pip install networkx)",
    );
    assert!(o.status.success(), "NetworkX disagrees with the graph:\n{}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["nodes"].as_u64().unwrap() as usize, g.graph.node_count());
    assert_eq!(report["edges"].as_u64().unwrap() as usize, g.graph.edge_count());
}

/// `who-led BODY --json`: (person, post) -> the dates of its span.
fn who_led(graph: &Path, body: &str) -> BTreeMap<(String, String), Vec<String>> {
    let o = oversight(&["who-led", body, "--json", "--graph", s(graph)]);
    assert!(o.status.success(), "who-led {body}: {}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    v["tenures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let dates = ["start", "end"].iter().filter_map(|k| t[*k]["date"].as_str().map(str::to_string)).collect();
            ((t["person"]["name"].as_str().unwrap().to_string(), t["role"].as_str().unwrap().to_string()), dates)
        })
        .collect()
}

#[test]
fn rdflib_answers_who_held_which_post_when_as_who_led_does() {
    let out = build_seeds("rdflib");
    let graph = out.join("graph.jsonld");
    let o = run_tool("python3", &["tests/support/who_held.py", s(&graph)], "install rdflib (pip install rdflib)");
    assert!(o.status.success(), "rdflib could not answer: {}", stderr(&o));
    let answer: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(answer["triples"].as_u64().unwrap() > 500, "{answer}");
    let mut by_body: BTreeMap<String, BTreeMap<(String, String), BTreeSet<String>>> = BTreeMap::new();
    for p in answer["posts"].as_array().unwrap() {
        let dates = p["dates"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect();
        by_body
            .entry(p["body"].as_str().unwrap().to_string())
            .or_default()
            .insert((p["person"].as_str().unwrap().to_string(), p["role"].as_str().unwrap().to_string()), dates);
    }
    assert!(by_body.len() >= 4, "too few bodies with posts: {by_body:?}");
    assert!(by_body["Northamptonshire County Council"].keys().any(|(_, r)| r == "director of children's services"));
    for (body, posts) in &by_body {
        let led = who_led(&graph, body);
        let sparql: BTreeSet<&(String, String)> = posts.keys().collect();
        let command: BTreeSet<&(String, String)> = led.keys().collect();
        assert_eq!(sparql, command, "{body}: SPARQL and who-led name different people and posts");
        // Every date of a span comes from a date the store holds for that post.
        for (key, dates) in &led {
            for d in dates {
                assert!(posts[key].contains(d), "{body}: who-led dates {key:?} {d}, which SPARQL does not find among {:?}", posts[key]);
            }
        }
    }
}

#[test]
fn graphviz_draws_a_neighbourhood_and_svg_comes_straight_out() {
    let out = build_seeds("dot-name");
    let graph = out.join("graph.jsonld");
    let dot_file = out.join("hadley.dot");
    let o = oversight(&["dot", "hadley", "--graph", s(&graph), "--out", s(&dot_file)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = fs::read_to_string(&dot_file).unwrap();
    assert!(text.contains("Neighbourhood of Cathi Hadley (depth 1)"), "{text}");
    let svg = out.join("hadley.svg");
    let o = run_tool("dot", &["-Tsvg", s(&dot_file), "-o", s(&svg)], "install Graphviz (apt-get install graphviz)");
    assert!(o.status.success() && stderr(&o).is_empty(), "dot: {}", stderr(&o));
    // Depth 1 from a person: the bodies they held posts in, not the inspections of those bodies.
    let depth1 = fs::read_to_string(&dot_file).unwrap();
    assert!(depth1.contains("\"body:northamptonshire-county-council\""));
    assert!(!depth1.contains("\"inspection:"), "depth 1 reached inspections");
    // Depth 2 reaches the council's inspections, drawn in the council's cluster.
    let o = oversight(&["dot", "Cathi Hadley", "--depth", "2", "--graph", s(&graph)]);
    assert!(o.status.success());
    let depth2 = stdout(&o);
    assert!(depth2.contains("subgraph \"cluster_body:northamptonshire-county-council\"") && depth2.contains("\"inspection:northamptonshire-county-council:2019-06:full-inspection\""));
    // --svg renders through Graphviz.
    let o = oversight(&["dot", "Northamptonshire County Council", "--svg", "--graph", s(&graph)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = stdout(&o);
    assert!(svg.contains("<svg") && svg.contains("Northamptonshire County Council") && svg.contains("Cathi Hadley"), "not an SVG of the council");
    // --from builds the documents first.
    let o = oversight(&["dot", "hadley", "--from", "seeds/000_055c6bd38cbdef09.txt"]);
    assert!(o.status.success() && stdout(&o).contains("person:cathi-hadley"), "{}", stderr(&o));
}

#[test]
fn dot_names_are_looked_up_as_the_questions_look_them_up() {
    let graph = build_seeds("dot-lookup").join("graph.jsonld");
    let o = oversight(&["dot", "council", "--graph", s(&graph)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("oversight: error: 'council' names more than one"), "{}", stderr(&o));
    let o = oversight(&["dot", "Nobody Atall", "--graph", s(&graph)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no person or body matches 'Nobody Atall'"), "{}", stderr(&o));
    let o = oversight(&["dot", "hadley", "--graph", "no/such/graph.jsonld"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("run `oversight build` first"), "{}", stderr(&o));
}

#[test]
fn svg_without_graphviz_says_how_to_install_it() {
    let graph = build_seeds("dot-no-graphviz").join("graph.jsonld");
    let empty = scratch("no-graphviz-path");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_oversight"))
        .args(["dot", "hadley", "--svg", "--graph", s(&graph)])
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.starts_with("oversight: error: Graphviz's `dot` program is not installed"), "{err}");
    assert!(err.contains("apt-get install graphviz") && err.contains("brew install graphviz"), "{err}");
    assert!(stdout(&o).is_empty());
}

#[test]
fn the_full_dot_draws_each_body_with_its_inspections() {
    let out = build_seeds("dot-clusters");
    let dot = fs::read_to_string(out.join("graph.dot")).unwrap();
    let doc: Value = serde_json::from_str(&fs::read_to_string(out.join("graph.jsonld")).unwrap()).unwrap();
    // The cluster each node is drawn in.
    let mut cluster_of: BTreeMap<String, String> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in dot.lines() {
        if let Some(rest) = line.trim().strip_prefix("subgraph \"cluster_") {
            current = rest.split('"').next().map(str::to_string);
        } else if line.trim() == "}" {
            current = None;
        } else if let (Some(c), Some(id)) = (&current, line.trim().strip_prefix('"').and_then(|l| l.split('"').next())) {
            if !line.contains("->") {
                cluster_of.insert(id.to_string(), c.clone());
            }
        }
    }
    let mut checked = 0;
    for item in doc["@graph"].as_array().unwrap() {
        if item["@type"] == "Inspection" {
            let id = item["@id"].as_str().unwrap().trim_start_matches("urn:oversight:");
            let body = item["inspected"].as_str().unwrap().trim_start_matches("urn:oversight:");
            assert_eq!(cluster_of.get(id), Some(&body.to_string()), "{id} is not drawn with {body}");
            assert_eq!(cluster_of.get(body), Some(&body.to_string()), "{body} is not in its own cluster");
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} inspections");
}

/// Above `--large-above` nodes, graph.dot is the bodies' overview, which
/// Graphviz draws without a warning: every body with a post or an
/// inspection once, its counts and latest judgement, the successions between
/// bodies, and a note on drawing anyone in full. Below it the DOT is whole.
#[test]
fn a_large_graphs_dot_is_an_overview_of_the_bodies_that_graphviz_draws() {
    let out = scratch("dot-overview");
    let o = oversight(&["build", "seeds", "--out", s(&out), "--quiet", "--large-above", "10"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dot = fs::read_to_string(out.join("graph.dot")).unwrap();
    let svg = out.join("overview.svg");
    let o = run_tool("dot", &["-Tsvg", s(&out.join("graph.dot")), "-o", s(&svg)], "install Graphviz (apt-get install graphviz)");
    assert!(o.status.success() && stderr(&o).is_empty(), "dot failed or warned: {}", stderr(&o));
    assert!(fs::read_to_string(&svg).unwrap().contains("Northamptonshire County Council"));
    assert!(dot.contains("oversight dot NAME"), "the overview does not say how to draw anyone in full");
    let drawn: BTreeSet<&str> = dot.lines().filter(|l| !l.contains("->")).filter_map(|l| l.trim().strip_prefix('"')?.split('"').next()).collect();
    assert!(drawn.iter().all(|id| id.starts_with("body:")), "not only bodies: {drawn:?}");
    // Each body with a post or an inspection, and its inspections counted.
    let doc: Value = serde_json::from_str(&fs::read_to_string(out.join("graph.jsonld")).unwrap()).unwrap();
    let mut inspections: BTreeMap<String, usize> = BTreeMap::new();
    for item in doc["@graph"].as_array().unwrap() {
        if item["@type"] == "Inspection" {
            *inspections.entry(item["inspected"].as_str().unwrap().trim_start_matches("urn:oversight:").to_string()).or_default() += 1;
        } else if item["predicate"] == "heldRole" {
            inspections.entry(item["object"].as_str().unwrap().trim_start_matches("urn:oversight:").to_string()).or_default();
        }
    }
    for (body, n) in &inspections {
        assert!(drawn.contains(body.as_str()), "{body} is not drawn");
        let line = dot.lines().find(|l| l.trim().starts_with(&format!("\"{body}\" ["))).unwrap();
        if *n > 0 {
            assert!(line.contains(&format!("\\n{n} inspection")), "{body}'s {n} inspections are not counted: {line}");
        }
    }
    let line = dot.lines().find(|l| l.contains("\"body:northamptonshire-county-council\" [")).unwrap();
    assert!(line.contains("latest 2019-06: Inadequate") && line.contains("fillcolor=\"#cc0000\""), "{line}");
    assert!(dot.contains("\"body:northamptonshire-childrens-trust\" -> \"body:northamptonshire-county-council\" [label=\"succeeded"), "no succession between bodies");

    // The default threshold keeps the seeds' DOT whole.
    let full = fs::read_to_string(build_seeds("dot-not-overview").join("graph.dot")).unwrap();
    assert!(full.contains("cluster_legend") && full.contains("person:") && !full.contains("An overview"));
}
