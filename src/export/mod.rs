//! Exporters: one module a format, each writing the whole graph as a string
//! in a stable order (the same graph always gives the same bytes): `dot`
//! (Graphviz), `jsonld` (JSON-LD 1.1), `graphml` (Gephi, yEd, Cytoscape,
//! NetworkX) and `report` (one self-contained HTML page for people).

pub mod dot;
pub mod graphml;
pub mod jsonld;
pub mod report;

/// Text for XML or HTML: `&`, `<`, `>`, `"` and `'` escaped and the control
/// characters XML 1.0 forbids dropped; with `flatten`, line breaks and tabs
/// become spaces (for attribute-like values on one line).
pub fn escape_markup(s: &str, flatten: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\r' | '\t' if flatten => out.push(' '),
            '\n' | '\r' | '\t' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
