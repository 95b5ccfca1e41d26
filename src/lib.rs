//! oversight: articles and letters about English children's services in, a
//! knowledge graph of who inspected, led, rated and replaced whom out.
//!
//! The pipeline, one module a stage:
//! `document` (read, normalise, split) -> `extract` (facts per document) ->
//! `resolve` (one node per real person, body and inspection) -> `graph`
//! (petgraph) -> `export` (DOT, JSON-LD, GraphML, the HTML report); `eval` scores a graph against gold
//! annotations; `query` answers who led what when from a built graph.

pub mod corpus;
pub mod date;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod pipeline;
pub mod query;
pub mod resolve;
pub mod schema;
