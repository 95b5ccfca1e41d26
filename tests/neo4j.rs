//! The Neo4j import files through a real Cypher database: Kuzu (embedded, from
//! PyPI) loads `out/neo4j/*.csv` by their neo4j-admin headers, holds every
//! node, statement and mention of the JSON-LD with its properties, and
//! answers `queries.cypher`'s "who held which post in this body, and when"
//! as `oversight who-led --json` does, for every body of the seeds and of
//! `tests/extra`; the check fails when a file, a column or a row is missing.
//! And a council's ONS GSS code in every format.

use crate::common;
use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Loads a build's Neo4j files into Kuzu and checks them against its JSON-LD
/// (`tests/support/check_neo4j.py`): its answers, or what it found wrong.
fn kuzu(out: &Path) -> Result<Value, String> {
    let o = run_tool("python3", &["tests/support/check_neo4j.py", s(out), "E10000021"], "install Kuzu (pip install kuzu)");
    if !o.status.success() {
        return Err(stderr(&o));
    }
    serde_json::from_str(&stdout(&o)).map_err(|e| format!("{e}: {}", stdout(&o)))
}

/// The dates of the successions in which `person` is the successor (or the predecessor).
fn succession_dates(answer: &Value, person: &str, as_successor: bool) -> BTreeSet<String> {
    let side = if as_successor { "successor" } else { "predecessor" };
    answer["successions"].as_array().unwrap().iter().filter(|s| s[side] == person).filter_map(|s| s["date"].as_str().map(String::from)).collect()
}

/// Whether Kuzu's answer to who held which post in each body, and when, is
/// `who-led`'s: the same people and posts; the first and last dates a source
/// saw each post held; a span's start and end where they rest on a date the
/// texts gave, a sighting or a document calling the person former; and where
/// they rest on a succession, a date of one of the person's successions (the
/// command picks which, by matching posts); every document Kuzu cites among
/// the command's sources.
fn who_led_agrees(out: &Path, answer: &Value) -> Result<usize, String> {
    let graph = out.join("graph.jsonld");
    let mut checked = 0;
    for (body, rows) in answer["who_led"].as_object().unwrap() {
        let o = oversight(&["who-led", body, "--json", "--graph", s(&graph)]);
        if !o.status.success() {
            return Err(format!("who-led {body}: {}", stderr(&o)));
        }
        let led: Value = serde_json::from_str(&stdout(&o)).unwrap();
        let by_post: BTreeMap<(String, String), &Value> =
            rows.as_array().unwrap().iter().map(|r| ((r["person"].as_str().unwrap().to_string(), r["post"].as_str().unwrap().to_string()), r)).collect();
        let tenures = led["tenures"].as_array().unwrap();
        let command: BTreeSet<(String, String)> = tenures.iter().map(|t| (t["person"]["name"].as_str().unwrap().to_string(), t["role"].as_str().unwrap().to_string())).collect();
        if command != by_post.keys().cloned().collect() {
            return Err(format!("{body}: Kuzu and who-led name different people and posts: {:?} against {command:?}", by_post.keys().collect::<Vec<_>>()));
        }
        for t in tenures {
            let (person, post) = (t["person"]["name"].as_str().unwrap(), t["role"].as_str().unwrap());
            let r = by_post[&(person.to_string(), post.to_string())];
            let differ = |what: &str, command: &Value, kuzu: &Value| Err(format!("{body}, {person}, {post}: {what} is {command} in who-led, {kuzu} in Kuzu"));
            for (field, column) in [("first_seen", "firstSeen"), ("last_seen", "lastSeen")] {
                if t[field] != r[column] {
                    return differ(field, &t[field], &r[column]);
                }
            }
            for (bound, stated) in [("start", "statedStart"), ("end", "statedEnd")] {
                let b = &t[bound];
                let kuzu = match b["basis"].as_str() {
                    None => Value::Null,
                    Some("stated") => r[stated].clone(),
                    Some("seen") => r[if bound == "start" { "firstSeen" } else { "lastSeen" }].clone(),
                    Some("no_later_than") => r["formerBy"].clone(),
                    Some("succession") => {
                        let dates = succession_dates(answer, person, bound == "start");
                        // An undated succession ends the predecessor's span when the successor began.
                        let successors_began = answer["successions"].as_array().unwrap().iter().filter(|s| bound == "end" && s["predecessor"] == person && s["date"].is_null());
                        let began: BTreeSet<String> = successors_began
                            .flat_map(|s| answer["who_led"].as_object().unwrap().values().flat_map(|rows| rows.as_array().unwrap().iter()).filter(move |x| x["person"] == s["successor"]))
                            .filter_map(|x| x["statedStart"].as_str().or(x["firstSeen"].as_str()).map(String::from))
                            .collect();
                        let date = b["date"].as_str().unwrap_or_default();
                        if !r[stated].is_null() || !(dates.contains(date) || began.contains(date)) {
                            return differ(&format!("{bound} (by succession)"), b, &Value::from(format!("{} stated, successions {dates:?}", r[stated])));
                        }
                        b["date"].clone()
                    }
                    Some(other) => return Err(format!("who-led has a basis '{other}' this test does not know")),
                };
                if b["date"] != kuzu {
                    return differ(bound, b, &kuzu);
                }
            }
            let sources: BTreeSet<&str> = t["sources"].as_array().unwrap().iter().map(|s| s["document_id"].as_str().unwrap()).collect();
            for d in r["documents"].as_array().unwrap() {
                if !sources.contains(d.as_str().unwrap()) {
                    return Err(format!("{body}, {person}, {post}: Kuzu cites {d}, which who-led does not"));
                }
            }
            checked += 1;
        }
    }
    Ok(checked)
}

fn build(inputs: &str, name: &str) -> std::path::PathBuf {
    let out = scratch(name);
    let o = oversight(&["build", inputs, "--out", s(&out), "--quiet"]);
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    out
}

#[test]
fn kuzu_loads_the_neo4j_files_and_answers_who_led_what_when_as_who_led_does() {
    for (inputs, at_least) in [("seeds", 20), ("tests/extra/docs", 40)] {
        let out = build(inputs, &format!("kuzu-{}", inputs.replace('/', "-")));
        let answer = kuzu(&out).unwrap_or_else(|e| panic!("{inputs}: the Neo4j files do not hold the JSON-LD's graph:\n{e}"));
        let checked = who_led_agrees(&out, &answer).unwrap_or_else(|e| panic!("{inputs}: {e}"));
        assert!(checked >= at_least, "{inputs}: only {checked} posts compared");
        assert!(answer["successions"].as_array().unwrap().len() >= 3, "{inputs}: {}", answer["successions"]);
    }
}

/// Copies a build's outputs, so that one can be broken.
fn copy_of(out: &Path, name: &str) -> std::path::PathBuf {
    let copy = scratch(name);
    fs::create_dir_all(copy.join("neo4j")).unwrap();
    for entry in fs::read_dir(out.join("neo4j")).unwrap() {
        let p = entry.unwrap().path();
        fs::copy(&p, copy.join("neo4j").join(p.file_name().unwrap())).unwrap();
    }
    fs::copy(out.join("graph.jsonld"), copy.join("graph.jsonld")).unwrap();
    copy
}

/// Rewrites a CSV file with Python's csv module (fields hold commas and line breaks).
fn edit_csv(path: &Path, python: &str) {
    let script = format!("import csv, sys\nrows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))\n{python}\ncsv.writer(open(sys.argv[1], 'w', newline='', encoding='utf-8'), lineterminator='\\n').writerows(rows)");
    let o = run_tool("python3", &["-c", &script, s(path)], "install Python 3");
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn the_check_fails_when_a_relationship_type_a_property_or_a_node_is_dropped() {
    let out = build("seeds", "kuzu-whole");
    let answer = kuzu(&out).expect("the whole files pass");
    who_led_agrees(&out, &answer).expect("the whole files pass");
    let broken = |name: &str, breaking: &dyn Fn(&Path)| {
        let copy = copy_of(&out, name);
        breaking(&copy.join("neo4j"));
        let verdict = kuzu(&copy).and_then(|a| who_led_agrees(&out, &a));
        assert!(verdict.is_err(), "{name}: the check passed files that lost something");
    };
    broken("no-held-role", &|d| fs::remove_file(d.join("HELD_ROLE.Person.Body.csv")).unwrap());
    broken("no-successions", &|d| edit_csv(&d.join("SUCCEEDED.Person.Person.csv"), "rows = rows[:1]"));
    for column in ["roleName", "observedOn", "evidence", "startOffset:int", "rule", "endDate"] {
        broken(&format!("no-{}", column.replace(':', "-")), &|d| {
            edit_csv(&d.join("HELD_ROLE.Person.Body.csv"), &format!("i = rows[0].index({column:?})\nrows = [r[:i] + r[i + 1:] for r in rows]"))
        });
    }
    broken("no-gss", &|d| edit_csv(&d.join("Body.csv"), "i = rows[0].index('gss')\nrows = [r[:i] + r[i + 1:] for r in rows]"));
    broken("a-person-missing", &|d| edit_csv(&d.join("Person.csv"), "rows = [r for r in rows if 'cathi-hadley' not in r[0]]"));
    broken("a-document-missing", &|d| edit_csv(&d.join("Document.csv"), "rows = rows[:-1]"));
    broken("a-mention-missing", &|d| edit_csv(&d.join("MENTIONED_IN.Body.Document.csv"), "rows = rows[:-1]"));
    broken("a-date-changed", &|d| {
        edit_csv(&d.join("HELD_ROLE.Person.Body.csv"), "i = rows[0].index('observedOn')\nrows[1][i] = '1999' if rows[1][i] else rows[1][i]\nrows[2][i] = '1999'")
    });
}

#[test]
fn northamptonshire_county_council_carries_its_gss_code_in_every_format() {
    let out = build_seeds("gss");
    let code = "E10000021";
    let uri = format!("http://statistics.data.gov.uk/id/statistical-geography/{code}");
    let doc: Value = serde_json::from_str(&fs::read_to_string(out.join("graph.jsonld")).unwrap()).unwrap();
    let council = doc["@graph"].as_array().unwrap().iter().find(|i| i["name"] == "Northamptonshire County Council").unwrap();
    assert_eq!((council["identifier"].as_str(), council["sameAs"].as_str()), (Some(code), Some(uri.as_str())), "JSON-LD: {council}");
    // Through a JSON-LD processor: schema:identifier and schema:sameAs, the latter an IRI.
    let o = run_tool("python3", &["-c", "import json,sys; from pyld import jsonld; print(json.dumps(jsonld.to_rdf(json.load(open(sys.argv[1])))))", s(&out.join("graph.jsonld"))], "install pyld (pip install pyld)");
    assert!(o.status.success(), "{}", stderr(&o));
    let quads: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let triples = quads["@default"].as_array().unwrap();
    let about = |p: &str| triples.iter().any(|t| t["subject"]["value"] == "urn:oversight:body:northamptonshire-county-council" && t["predicate"]["value"] == p && (t["object"]["value"] == code || t["object"]["value"] == uri.as_str()));
    assert!(about("https://schema.org/identifier") && about("https://schema.org/sameAs"), "pyld finds no schema:identifier and schema:sameAs");
    let graphml = fs::read_to_string(out.join("graph.graphml")).unwrap();
    let node = graphml.split("<node ").find(|n| n.contains("<data key=\"n_name\">Northamptonshire County Council</data>")).unwrap();
    assert!(node.contains(&format!("<data key=\"n_gss\">{code}</data>")), "GraphML: {node}");
    let dot = fs::read_to_string(out.join("graph.dot")).unwrap();
    assert!(dot.lines().any(|l| l.contains("\"body:northamptonshire-county-council\" [") && l.contains(&format!("gss=\"{code}\""))), "DOT has no gss attribute");
    let answer = kuzu(&out).unwrap();
    assert_eq!(answer["council"][0]["council"], "Northamptonshire County Council", "Neo4j files: {}", answer["council"]);
    assert!(answer["council"][0]["posts"].as_array().unwrap().iter().any(|p| p == "Cathi Hadley, director of children's services"));
    // A body the gazetteer does not list as a council has none.
    let trust = doc["@graph"].as_array().unwrap().iter().find(|i| i["name"] == "Northamptonshire Children's Trust").unwrap();
    assert!(trust.get("identifier").is_none());
}
