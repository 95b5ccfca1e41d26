//! Exporters: one module a format, each writing the whole graph as a string
//! in a stable order (the same graph always gives the same bytes).

pub mod dot;
pub mod jsonld;
