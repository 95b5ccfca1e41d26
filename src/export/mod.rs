//! Exporters: one module a format, each writing the whole graph as a string
//! in a stable order (the same graph always gives the same bytes): `dot`
//! (Graphviz), `jsonld` (JSON-LD 1.1), `graphml` (Gephi, yEd, Cytoscape,
//! NetworkX) and `report` (one self-contained HTML page for people).

pub mod dot;
pub mod graphml;
pub mod jsonld;
pub mod report;
