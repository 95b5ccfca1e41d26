//! Questions asked of a built graph: who led a body and when (`tenure`), one
//! person's or body's timeline (`timeline`), the inspections (`inspections`),
//! and any SPARQL query (`sparql`). Every answer carries its sources: the
//! document, the evidence sentence, its offsets and the rule that read it.
//!
//! The graph is read from the JSON-LD that `oversight build` writes (`load`),
//! or built from documents, written as JSON-LD and read back the same way.

pub mod inspections;
pub mod load;
pub mod lookup;
pub mod sparql;
pub mod table;
pub mod tenure;
pub mod timeline;

use crate::date::{days_in_month, PartialDate};
use load::{Model, Statement};
use serde::{Serialize, Serializer};
use std::fmt;
use std::path::PathBuf;

/// The exit code of a question that could not be answered: the graph could
/// not be read, a name matched nothing or more than one thing, or a date or a
/// SPARQL query was malformed. (The same code as `error::exit::INPUT`.)
pub const EXIT_UNANSWERED: i32 = 1;

/// Where the graph comes from.
#[derive(Debug, Clone)]
pub enum GraphSource {
    /// A `graph.jsonld` written by `oversight build`.
    File(PathBuf),
    /// Documents to build a graph from first (files and folders).
    Build(Vec<PathBuf>),
}

/// A graph ready for questions.
pub struct Graph {
    pub model: Model,
    /// The JSON-LD text it was read from.
    pub jsonld: String,
    /// Where it came from, for the answers' headings.
    pub origin: String,
    /// Warnings of a build from documents.
    pub warnings: Vec<String>,
}

/// Reads the graph: from its file, or by building the documents and reading
/// the JSON-LD that the build writes, so that both go through one reader.
pub fn open(source: &GraphSource) -> Result<Graph, QueryError> {
    let (jsonld, origin, warnings, path) = match source {
        GraphSource::File(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => QueryError::GraphMissing { path: path.clone() },
                _ => QueryError::GraphUnreadable { path: path.clone(), source: e },
            })?;
            (text, path.display().to_string(), Vec::new(), path.clone())
        }
        GraphSource::Build(inputs) => {
            let b = crate::pipeline::build_graph(inputs).map_err(QueryError::Build)?;
            let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
            let warnings = b.warnings.iter().map(|w| w.to_string()).collect();
            (crate::export::jsonld::write(&b.graph), format!("built from {}", names.join(", ")), warnings, PathBuf::from("(built graph)"))
        }
    };
    let model = Model::parse(&jsonld).map_err(|message| QueryError::GraphInvalid { path, message })?;
    Ok(Graph { model, jsonld, origin, warnings })
}

/// An answer: a table for people, JSON (through serde) for programs.
pub trait Answer: Serialize {
    fn table(&self) -> String;
}

/// An answer as text to print: its table, or pretty JSON.
pub fn render<A: Answer>(answer: &A, json: bool) -> String {
    if json {
        serde_json::to_string_pretty(answer).expect("answers serialise") + "\n"
    } else {
        answer.table()
    }
}

/// Why a question could not be answered. Each says what was wrong and what to do.
#[derive(Debug)]
pub enum QueryError {
    /// The graph file does not exist.
    GraphMissing { path: PathBuf },
    /// The graph file could not be read.
    GraphUnreadable { path: PathBuf, source: std::io::Error },
    /// The file is not a graph written by `oversight build`.
    GraphInvalid { path: PathBuf, message: String },
    /// Building the graph from `--from` inputs failed.
    Build(crate::error::Error),
    /// No node of the kind looked for has that name.
    NoMatch { what: String, name: String, hint: String, suggestions: Vec<String> },
    /// Several nodes fit the name equally well.
    Ambiguous { what: String, name: String, candidates: Vec<String> },
    /// A date that is not an ISO date at one of the three precisions.
    BadDate { given: String, problem: String },
    /// A `@file.rq` query file could not be read.
    QueryFile { path: PathBuf, source: std::io::Error },
    /// A SPARQL query that does not parse or fails to run.
    Sparql { message: String },
}

impl QueryError {
    pub fn exit_code(&self) -> i32 {
        match self {
            QueryError::Build(e) => e.exit_code(),
            _ => EXIT_UNANSWERED,
        }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::GraphMissing { path } => write!(
                f,
                "{}: no such graph; run `oversight build` first (it writes out/graph.jsonld), name another with --graph FILE, or build one from documents with --from INPUT",
                path.display()
            ),
            QueryError::GraphUnreadable { path, source } => write!(
                f,
                "{}: cannot read the graph ({source}); run `oversight build` first to write it, or name another with --graph FILE",
                path.display()
            ),
            QueryError::GraphInvalid { path, message } => write!(
                f,
                "{}: not a graph written by `oversight build` ({message}); run `oversight build` first to write it again",
                path.display()
            ),
            QueryError::Build(e) => write!(f, "{e}"),
            QueryError::NoMatch { what, name, hint, suggestions } => {
                write!(f, "no {what} matches '{name}'")?;
                if !suggestions.is_empty() {
                    write!(f, " (near: {})", suggestions.join("; "))?;
                }
                write!(f, "; {hint}")
            }
            QueryError::Ambiguous { what, name, candidates } => {
                write!(f, "'{name}' names more than one {what} ({}); give more of the name, or one of these in full:", candidates.len())?;
                for c in candidates {
                    write!(f, "\n  {c}")?;
                }
                Ok(())
            }
            QueryError::BadDate { given, problem } => write!(
                f,
                "'{given}' is not a date: {problem}; give the date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. --at 2018-05"
            ),
            QueryError::QueryFile { path, source } => write!(f, "{}: cannot read the query ({source})", path.display()),
            QueryError::Sparql { message } => write!(f, "the SPARQL query failed: {message}"),
        }
    }
}

impl std::error::Error for QueryError {}

/// Parses a date given on the command line, saying what is wrong with a bad one.
pub fn parse_date(s: &str) -> Result<PartialDate, QueryError> {
    let bad = |problem: &str| QueryError::BadDate { given: s.to_string(), problem: problem.to_string() };
    let parts: Vec<&str> = s.trim().split('-').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
        return Err(bad("it is not written with digits and dashes"));
    }
    if parts[0].len() != 4 {
        return Err(bad("the year must have four digits"));
    }
    let year: i32 = parts[0].parse().map_err(|_| bad("the year is not a number"))?;
    if let Some(m) = parts.get(1) {
        let month: u32 = m.parse().map_err(|_| bad("the month is not a number"))?;
        if m.len() > 2 || !(1..=12).contains(&month) {
            return Err(bad(&format!("there is no month {m}; months run from 01 to 12")));
        }
        if let Some(d) = parts.get(2) {
            let day: u32 = d.parse().map_err(|_| bad("the day is not a number"))?;
            let last = days_in_month(year, month as u8) as u32;
            if d.len() > 2 || day == 0 || day > last {
                return Err(bad(&format!("{year:04}-{month:02} has no day {d}; it has {last} days")));
            }
        }
    }
    PartialDate::parse_iso(s).ok_or_else(|| bad("it is not an ISO date"))
}

/// The first and the last day a partial date could stand for.
pub fn day_range(d: &PartialDate) -> ((i32, u8, u8), (i32, u8, u8)) {
    let first = (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1));
    let last_month = d.month.unwrap_or(12);
    let last = (d.year, last_month, d.day.unwrap_or_else(|| days_in_month(d.year, last_month)));
    (first, last)
}

/// A date shown, and serialised, as ISO 8601 at its precision (`2019`, `2019-06`, `2019-06-25`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Iso(pub PartialDate);

impl Serialize for Iso {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl fmt::Display for Iso {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A node named in an answer.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Named {
    pub name: String,
    pub id: String,
}

impl Named {
    pub fn of(model: &Model, id: &str) -> Named {
        Named { name: model.name(id), id: id.to_string() }
    }
}

/// Where a fact was read: the document, its date, the sentence, the
/// character offsets and the rule.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The document's file name (shared with the model's document node).
    pub document: load::Text,
    /// (These three are shared with the model's statement where they can
    /// be: a report holds a source for every statement.)
    pub document_id: Option<load::Text>,
    pub published: Option<Iso>,
    pub evidence: Option<load::Text>,
    pub start_offset: Option<u64>,
    pub end_offset: Option<u64>,
    pub rule: Option<load::Text>,
}

impl Source {
    pub fn of(model: &Model, st: &Statement) -> Source {
        let doc = st.document.as_deref().and_then(|d| model.node(d));
        Source {
            document: doc.map(|d| d.name.clone()).or_else(|| st.document.clone()).unwrap_or_else(|| "(unknown document)".into()),
            document_id: st.document.clone(),
            published: doc.and_then(|d| d.date).or(st.observed_on).map(Iso),
            evidence: st.evidence.as_ref().map(|e| if table::is_one_line(e) { e.clone() } else { table::one_line(e).into() }),
            start_offset: st.start_offset,
            end_offset: st.end_offset,
            rule: st.rule.clone(),
        }
    }

    /// `000_x.txt (2020-12-07)`.
    pub fn short(&self) -> String {
        match self.published {
            Some(d) => format!("{} ({d})", self.document),
            None => format!("{} (undated)", self.document),
        }
    }
}

/// The distinct documents of some sources, in order, for a table cell.
pub fn documents_cell(sources: &[Source]) -> String {
    let mut docs: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for s in sources {
        if seen.insert(&*s.document) {
            docs.push(&s.document);
        }
    }
    docs.join(", ")
}

/// Sort key putting dated things first, in date order, and undated ones last.
pub fn date_key(d: Option<PartialDate>) -> (bool, (i32, u8, u8)) {
    (d.is_none(), d.map_or((0, 0, 0), |d| d.sort_key()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_with_reasons() {
        assert_eq!(parse_date("2018-05").unwrap().to_string(), "2018-05");
        assert_eq!(parse_date("2018").unwrap().to_string(), "2018");
        assert_eq!(parse_date("2020-02-29").unwrap().to_string(), "2020-02-29");
        let msg = |s: &str| parse_date(s).unwrap_err().to_string();
        assert!(msg("2018-13").contains("no month 13"), "{}", msg("2018-13"));
        assert!(msg("May").contains("digits and dashes"));
        assert!(msg("18-05").contains("four digits"));
        assert!(msg("2019-02-29").contains("no day 29"));
        assert!(msg("2018-5-1-2").contains("digits and dashes"));
    }

    #[test]
    fn day_ranges_cover_the_precision() {
        let r = day_range(&PartialDate::month(2020, 2));
        assert_eq!(r, ((2020, 2, 1), (2020, 2, 29)));
        assert_eq!(day_range(&PartialDate::year(2019)), ((2019, 1, 1), (2019, 12, 31)));
    }
}
