//! The outputs through the real tools that read them: Graphviz renders the
//! DOT with no warning, and pyld (a JSON-LD 1.1 processor) turns the JSON-LD
//! into RDF with every class and property the vocabulary promises.

use crate::common;
use common::*;

#[test]
fn graphviz_renders_the_dot_without_a_warning() {
    let out = build_seeds("graphviz");
    let svg = out.join("graph.svg");
    let o = run_tool("dot", &["-Tsvg", s(&out.join("graph.dot")), "-o", s(&svg)], "install Graphviz (apt-get install graphviz)");
    assert!(o.status.success(), "dot failed: {}", stderr(&o));
    assert_eq!(stderr(&o), "", "dot warned");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("<svg") && text.contains("Legend") && text.contains("heldRole"));
}

#[test]
fn pyld_reads_the_jsonld_with_the_promised_vocabulary() {
    let out = build_seeds("pyld");
    let o = run_tool("python3", &["tests/support/jsonld_to_rdf.py", s(&out.join("graph.jsonld"))], "install pyld (pip install pyld)");
    assert!(o.status.success(), "pyld could not read the graph: {}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("the script prints JSON");
    assert!(report["triples"].as_u64().unwrap() > 500, "{report}");
    let has = |key: &str, name: &str| report[key].as_array().unwrap().iter().any(|v| v == name);
    for class in ["Person", "Body", "Organization", "Inspection", "Rating", "Document", "Statement"] {
        assert!(has("classes", class), "class {class} missing: {report}");
    }
    for p in [
        "name", "alternateName", "inspected", "rated", "conductedBy", "inspector", "inspectionKind", "date",
        "heldRole", "succeeded", "mentionedIn", "author", "datePublished", "subject", "predicate", "object",
        "roleName", "status", "observedOn", "wasDerivedFrom", "startOffset", "endOffset", "startDate",
    ] {
        assert!(has("predicates", p), "property {p} missing: {report}");
    }
    for t in ["gYear", "gYearMonth", "date", "integer"] {
        assert!(has("literal_types", t), "dates and offsets are typed literals: {t} missing: {report}");
    }
}
