//! The questions through the real binary, on the seeds built into a scratch
//! folder: `who-led`, `timeline`, `inspections` and `sparql`, each as a table
//! and as JSON; names as people type them; every way a question can fail; and
//! the README's SPARQL examples, read out of README.md so that they cannot drift.

use crate::common;
use common::*;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The seeds' graph, built once for all the tests here.
fn graph() -> String {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| build_seeds("queries"));
    s(&dir.join("graph.jsonld")).to_string()
}

/// Runs a question against the seeds' graph; returns stdout after checking it succeeded.
fn ask(args: &[&str]) -> String {
    let g = graph();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--graph", &g]);
    let o = oversight(&all);
    assert!(o.status.success(), "oversight {args:?} failed: {}", stderr(&o));
    stdout(&o)
}

/// The same question with --json, parsed.
fn ask_json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = ask(&all);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("oversight {args:?} --json is not JSON ({e}):\n{out}"))
}

/// Whether some line of a table holds every one of `parts`.
fn has_row(table: &str, parts: &[&str]) -> bool {
    table.lines().any(|l| parts.iter().all(|p| l.contains(p)))
}

/// A question that must fail with exit code 1 and a message holding `parts`; in table and JSON form.
fn fails(args: &[&str], parts: &[&str]) {
    let g = graph();
    for json in [false, true] {
        let mut all: Vec<&str> = args.to_vec();
        if !args.contains(&"--graph") {
            all.extend(["--graph", &g]);
        }
        if json {
            all.push("--json");
        }
        let o = oversight(&all);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "oversight {all:?}: exit code; stderr {err}");
        assert!(stdout(&o).is_empty(), "oversight {all:?} printed an answer: {}", stdout(&o));
        for p in parts {
            assert!(err.contains(p), "oversight {all:?}: expected {p:?} in {err:?}");
        }
    }
}

fn tenures(v: &Value) -> Vec<(String, String)> {
    v["tenures"].as_array().unwrap().iter().map(|t| (t["person"]["name"].as_str().unwrap().to_string(), t["role"].as_str().unwrap().to_string())).collect()
}

#[test]
fn who_led_the_trust_lists_its_chief_executive_and_chairs() {
    let want = [("Colin Foster", "chief executive"), ("Julian Wooster", "chair"), ("Ian Curryer", "chair")];
    let table = ask(&["who-led", "Northamptonshire Children's Trust"]);
    for (person, role) in want {
        assert!(has_row(&table, &[person, role]), "no row for {person}, {role}:\n{table}");
    }
    let v = ask_json(&["who-led", "Northamptonshire Children's Trust"]);
    assert_eq!(v["body"]["name"], "Northamptonshire Children's Trust");
    let got = tenures(&v);
    for (person, role) in want {
        assert!(got.contains(&(person.into(), role.into())), "{person}, {role} missing from {got:?}");
    }
    // Every span has its sources, each with the document and the sentence.
    for t in v["tenures"].as_array().unwrap() {
        let sources = t["sources"].as_array().unwrap();
        assert!(!sources.is_empty(), "{t}");
        for src in sources {
            assert!(src["document"].as_str().unwrap().ends_with(".txt") && src["evidence"].is_string(), "{src}");
        }
    }
}

#[test]
fn who_led_the_council_in_may_2018_names_its_director() {
    let table = ask(&["who-led", "Northamptonshire County Council", "--at", "2018-05"]);
    assert!(has_row(&table, &["Lesley Hagger", "director of children's services", "2018-05-18"]), "{table}");
    let v = ask_json(&["who-led", "Northamptonshire County Council", "--at", "2018-05"]);
    assert_eq!(v["at"], "2018-05");
    assert!(tenures(&v).contains(&("Lesley Hagger".into(), "director of children's services".into())), "{v}");
    // Her successor, seen in post in 2020, was not in post then as far as the sources show.
    assert!(!tenures(&v).iter().any(|(p, _)| p == "Cathi Hadley"), "{v}");
}

#[test]
fn who_led_filters_by_role_words() {
    let v = ask_json(&["who-led", "Northamptonshire Children's Trust", "--role", "chair"]);
    let got = tenures(&v);
    assert!(got.iter().all(|(_, r)| r == "chair") && got.len() >= 2, "{got:?}");
    let v = ask_json(&["who-led", "Northamptonshire County Council", "--role", "DCS"]);
    assert!(tenures(&v).contains(&("Lesley Hagger".into(), "director of children's services".into())), "{v}");
}

#[test]
fn inspections_of_northamptonshire_list_each_once_with_dates() {
    let table = ask(&["inspections", "Northamptonshire"]);
    assert!(table.starts_with("Inspections of Northamptonshire County Council"), "{table}");
    let inadequate_2019 = table.lines().filter(|l| l.starts_with("2019") && l.contains("Inadequate")).count();
    assert_eq!(inadequate_2019, 1, "{table}");
    for (date, kind) in [("2018-04-24", "focused visit"), ("2018-10", "focused visit"), ("2020-10", "focused visit"), ("2020-01", "monitoring visit"), ("2021-02", "monitoring visit")] {
        assert!(table.lines().any(|l| l.starts_with(date) && l.contains(kind)), "no {kind} on {date}:\n{table}");
    }
    assert!(has_row(&table, &["2018-04-24", "Dawn Godfrey", "Ofsted"]), "{table}");

    let v = ask_json(&["inspections", "Northamptonshire"]);
    let rows = v["inspections"].as_array().unwrap();
    let date = |r: &Value| r["date"].as_str().unwrap_or("").to_string();
    let rated = rows.iter().filter(|r| date(r).starts_with("2019") && r["rating"].as_array().unwrap().iter().any(|x| x == "Inadequate")).count();
    assert_eq!(rated, 1, "{v}");
    for (d, kind) in [("2018-04-24", "focused visit"), ("2020-10", "focused visit"), ("2021-02", "monitoring visit")] {
        assert!(rows.iter().any(|r| date(r) == d && r["kind"] == kind), "no {kind} on {d} in {v}");
    }
    for r in rows {
        assert_eq!(r["body"][0]["name"], "Northamptonshire County Council");
        assert_eq!(r["inspectorate"][0]["name"], "Ofsted");
        assert!(!r["sources"].as_array().unwrap().is_empty(), "{r}");
    }
}

#[test]
fn inspections_without_a_body_lists_every_body() {
    let v = ask_json(&["inspections"]);
    assert!(v["body"].is_null());
    let bodies: Vec<&str> = v["inspections"].as_array().unwrap().iter().map(|r| r["body"][0]["name"].as_str().unwrap()).collect();
    assert!(bodies.contains(&"Northamptonshire County Council") && bodies.contains(&"Middlesbrough Council"), "{bodies:?}");
}

#[test]
fn the_timeline_of_a_person_shows_her_role_with_its_source() {
    let table = ask(&["timeline", "Cathi Hadley"]);
    assert!(table.starts_with("Timeline of Cathi Hadley"), "{table}");
    assert!(has_row(&table, &["2020-12-07", "role", "director of children's services", "Northamptonshire County Council", "000_055c6bd38cbdef09.txt"]), "{table}");
    assert!(table.contains("to Cathi Hadley, the county council"), "the evidence sentence is missing:\n{table}");

    let v = ask_json(&["timeline", "Cathi Hadley"]);
    assert_eq!(v["kind"], "person");
    let events = v["events"].as_array().unwrap();
    let role = events.iter().find(|e| e["kind"] == "role").unwrap_or_else(|| panic!("no role in {v}"));
    assert!(role["what"].as_str().unwrap().contains("director of children's services"), "{role}");
    assert_eq!(role["source"]["document"], "000_055c6bd38cbdef09.txt");
    assert!(role["source"]["evidence"].as_str().unwrap().contains("Cathi Hadley"), "{role}");
    assert!(role["source"]["start_offset"].is_u64() && role["source"]["rule"].is_string(), "{role}");
}

#[test]
fn the_timeline_of_a_body_is_in_date_order() {
    let v = ask_json(&["timeline", "Northamptonshire County Council"]);
    let dates: Vec<&str> = v["events"].as_array().unwrap().iter().filter_map(|e| e["date"].as_str()).collect();
    assert!(dates.len() > 5, "{v}");
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let kinds: Vec<&str> = v["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    for k in ["role", "inspection", "succession"] {
        assert!(kinds.contains(&k), "no {k} in {kinds:?}");
    }
}

#[test]
fn names_are_found_as_people_type_them() {
    let v = ask_json(&["who-led", "Northamptonshire trust"]);
    assert_eq!(v["body"]["name"], "Northamptonshire Children's Trust");
    let v = ask_json(&["who-led", "NORTHAMPTONSHIRE"]);
    assert_eq!(v["body"]["name"], "Northamptonshire County Council", "an exact alternate name wins over parts");
    let v = ask_json(&["timeline", "hadley"]);
    assert_eq!(v["entity"]["name"], "Cathi Hadley");
    let v = ask_json(&["timeline", "ms hadley"]);
    assert_eq!(v["entity"]["name"], "Cathi Hadley");
}

#[test]
fn an_unknown_name_says_so_and_what_to_try() {
    fails(&["who-led", "Narnia Borough Council"], &["no body matches 'Narnia Borough Council'", "oversight inspections"]);
    fails(&["inspections", "Narnia"], &["no body matches 'Narnia'"]);
    fails(&["timeline", "Nobody Atall"], &["no person or body matches 'Nobody Atall'", "part of the name"]);
    // A person asked for as a body is pointed to the command that takes people.
    fails(&["who-led", "Cathi Hadley"], &["no body matches 'Cathi Hadley'", "is a person", "oversight timeline"]);
}

#[test]
fn an_ambiguous_name_lists_the_candidates() {
    fails(&["who-led", "council"], &["'council' names more than one body", "Northamptonshire County Council", "Middlesbrough Council", "give more of the name"]);
}

#[test]
fn a_malformed_date_says_what_is_wrong() {
    fails(&["who-led", "Northamptonshire", "--at", "2018-13"], &["'2018-13' is not a date", "no month 13", "YYYY-MM"]);
    fails(&["who-led", "Northamptonshire", "--at", "May"], &["'May' is not a date", "YYYY, YYYY-MM or YYYY-MM-DD"]);
    fails(&["who-led", "Northamptonshire", "--at", "2019-02-29"], &["no day 29"]);
}

#[test]
fn a_missing_or_unreadable_graph_says_to_build_first() {
    let dir = scratch("queries-no-graph");
    let missing = dir.join("graph.jsonld");
    fails(&["who-led", "Northamptonshire", "--graph", s(&missing)], &["no such graph", "run `oversight build` first"]);
    // A folder cannot be read as a file.
    fails(&["inspections", "--graph", s(&dir)], &["cannot read the graph", "run `oversight build` first"]);
    let junk = dir.join("junk.jsonld");
    std::fs::write(&junk, "not a graph").unwrap();
    fails(&["timeline", "hadley", "--graph", s(&junk)], &["not a graph written by `oversight build`", "run `oversight build` first"]);
    fails(&["sparql", "ASK {}", "--graph", s(&missing)], &["run `oversight build` first"]);
}

#[test]
fn from_builds_the_documents_and_answers_the_same() {
    let strip = |mut v: Value| {
        v.as_object_mut().unwrap().remove("graph");
        v
    };
    let o = oversight(&["who-led", "Northamptonshire Children's Trust", "--from", "seeds", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let built: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(strip(built), strip(ask_json(&["who-led", "Northamptonshire Children's Trust"])));
    let o = oversight(&["inspections", "--from", "no/such/place"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no/such/place: no such file or folder"), "{}", stderr(&o));
}

/// The ```sparql blocks of README.md.
fn readme_queries() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match &mut current {
            None if line.trim() == "```sparql" => current = Some(String::new()),
            Some(q) if line.trim() == "```" => {
                out.push(std::mem::take(q));
                current = None;
            }
            Some(q) => {
                q.push_str(line);
                q.push('\n');
            }
            None => {}
        }
    }
    out
}

#[test]
fn the_readme_sparql_examples_run() {
    let queries = readme_queries();
    assert_eq!(queries.len(), 3, "README.md should hold three ```sparql examples");
    let dir = scratch("queries-sparql");
    // Who led the council in 2019; every inspection rated Inadequate; every succession.
    let expect: [&[&[&str]]; 3] = [
        &[&["Andrew Christie", "children's commissioner", "2019-10"]],
        &[&["Northamptonshire County Council", "2019-06"], &["Middlesbrough Council", "2020-01"]],
        &[&["Northamptonshire Children's Trust", "Northamptonshire County Council", "2020-11"], &["Andrew Christie", "Malcolm Newsam", "2019-10"]],
    ];
    for (n, (q, rows)) in queries.iter().zip(expect).enumerate() {
        let file = dir.join(format!("q{n}.rq"));
        std::fs::write(&file, q).unwrap();
        let at = format!("@{}", s(&file));
        for arg in [q.as_str(), at.as_str()] {
            let table = ask(&["sparql", arg]);
            for row in rows {
                assert!(has_row(&table, row), "query {n}: no row with {row:?}:\n{table}");
            }
        }
        let v = ask_json(&["sparql", &at]);
        let bindings = v["results"]["bindings"].as_array().unwrap_or_else(|| panic!("query {n}: not SPARQL JSON results: {v}"));
        assert!(v["head"]["vars"].is_array() && !bindings.is_empty(), "query {n}: {v}");
    }
}

#[test]
fn sparql_answers_ask_and_reports_bad_queries() {
    assert_eq!(ask(&["sparql", "ASK { ?i ov:rated ?r . ?r schema:name \"Inadequate\" }"]), "true\n");
    assert_eq!(ask(&["sparql", "ASK { ?i ov:rated ?r . ?r schema:name \"Outstanding in every way\" }"]), "false\n");
    assert_eq!(ask_json(&["sparql", "ASK { ?s ov:succeeded ?o }"])["boolean"], true);
    fails(&["sparql", "SELEKT ?x WHERE { }"], &["the SPARQL query failed"]);
    fails(&["sparql", "@no/such/query.rq"], &["no/such/query.rq: cannot read the query"]);
}

#[test]
fn the_help_documents_the_exit_codes() {
    for cmd in ["who-led", "timeline", "inspections", "sparql"] {
        let o = oversight(&[cmd, "--help"]);
        let help = stdout(&o);
        assert!(o.status.success() && help.contains("Exit codes:") && help.contains("run `oversight build`"), "{cmd} --help:\n{help}");
    }
}
