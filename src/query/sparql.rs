//! `sparql QUERY`: any SPARQL 1.1 query over the graph, loaded into Oxigraph's
//! in-memory store. SELECT results print as an aligned table (or SPARQL JSON
//! results), ASK as `true` or `false`, CONSTRUCT and DESCRIBE as N-Triples.
//! The vocabulary's prefixes (`ov:`, `schema:`, `rdf:`, ...) are declared already.

use super::table::Table;
use super::{Graph, QueryError};
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::path::PathBuf;

/// The prefixes every query may use without declaring them: those of
/// `schema/context.jsonld`.
pub const PREFIXES: [(&str, &str); 8] = [
    ("ov", "urn:oversight:vocab#"),
    ("schema", "https://schema.org/"),
    ("org", "http://www.w3.org/ns/org#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("dcterms", "http://purl.org/dc/terms/"),
];

/// The query text: QUERY itself, or the contents of FILE for `@FILE`.
pub fn query_text(arg: &str) -> Result<String, QueryError> {
    match arg.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path).map_err(|source| QueryError::QueryFile { path: PathBuf::from(path), source }),
        None => Ok(arg.to_string()),
    }
}

/// Runs a query over the graph and returns what to print.
pub fn run(g: &Graph, query: &str, json: bool) -> Result<String, QueryError> {
    let fail = |e: &dyn std::fmt::Display| QueryError::Sparql { message: e.to_string() };
    let store = Store::new().map_err(|e| fail(&e))?;
    store
        .load_from_reader(RdfFormat::JsonLd { profile: Default::default() }, g.jsonld.as_bytes())
        .map_err(|e| QueryError::GraphInvalid { path: PathBuf::from(&g.origin), message: format!("not readable as RDF: {e}") })?;
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, iri) in PREFIXES {
        evaluator = evaluator.with_prefix(prefix, iri).map_err(|e| fail(&e))?;
    }
    let results = evaluator.parse_query(query).map_err(|e| fail(&e))?.on_store(&store).execute().map_err(|e| fail(&e))?;
    match results {
        QueryResults::Boolean(b) if json => {
            let out = QueryResultsSerializer::from_format(QueryResultsFormat::Json).serialize_boolean_to_writer(Vec::new(), b).map_err(|e| fail(&e))?;
            Ok(String::from_utf8_lossy(&out).into_owned() + "\n")
        }
        QueryResults::Boolean(b) => Ok(format!("{b}\n")),
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            if json {
                let mut w = QueryResultsSerializer::from_format(QueryResultsFormat::Json)
                    .serialize_solutions_to_writer(Vec::new(), vars)
                    .map_err(|e| fail(&e))?;
                for s in solutions {
                    w.serialize(&s.map_err(|e| fail(&e))?).map_err(|e| fail(&e))?;
                }
                let out = w.finish().map_err(|e| fail(&e))?;
                return Ok(String::from_utf8_lossy(&out).into_owned() + "\n");
            }
            let headers: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
            let mut t = Table::new(&headers.iter().map(String::as_str).collect::<Vec<_>>());
            let mut n = 0;
            for s in solutions {
                let s = s.map_err(|e| fail(&e))?;
                t.row(vars.iter().map(|v| s.get(v).map(show).unwrap_or_default()).collect());
                n += 1;
            }
            Ok(format!("{}({n} {})\n", t.render(), if n == 1 { "row" } else { "rows" }))
        }
        QueryResults::Graph(triples) => {
            let mut out = String::new();
            for t in triples {
                out.push_str(&format!("{} .\n", t.map_err(|e| fail(&e))?));
            }
            Ok(out)
        }
    }
}

/// A term for a table cell: a literal's text, an IRI with the vocabulary's
/// prefixes shortened (node IRIs stay whole, to be pasted into queries).
fn show(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_string(),
        Term::NamedNode(n) => {
            let iri = n.as_str();
            PREFIXES
                .iter()
                .find_map(|(p, base)| iri.strip_prefix(base).filter(|rest| !rest.is_empty() && !rest.contains(['/', '#', ':'])).map(|rest| format!("{p}:{rest}")))
                .unwrap_or_else(|| iri.to_string())
        }
        other => other.to_string(),
    }
}
