//! `inspections [BODY]`: the inspections in the graph, or those of one body
//! (or carried out by one inspectorate), with kind, date, rating, inspectors,
//! inspectorate and the documents that tell of them.

use super::load::{Kind, Statement};
use super::table::Table;
use super::{date_key, documents_cell, Answer, Graph, Iso, Named, QueryError, Source};
use serde::Serialize;
use std::collections::HashMap;

/// One inspection.
#[derive(Debug, Clone, Serialize)]
pub struct InspectionRow {
    pub inspection: Named,
    pub kind: Option<String>,
    pub date: Option<Iso>,
    pub body: Vec<Named>,
    /// The judgements given (more than one only if the sources disagree).
    pub rating: Vec<String>,
    pub inspectors: Vec<Named>,
    pub inspectorate: Vec<Named>,
    pub sources: Vec<Source>,
}

/// The answer to `inspections [BODY]`.
#[derive(Debug, Serialize)]
pub struct Inspections {
    pub body: Option<Named>,
    pub graph: String,
    pub inspections: Vec<InspectionRow>,
}

pub fn inspections(g: &Graph, body: Option<&str>) -> Result<Inspections, QueryError> {
    let m = &g.model;
    let body = body
        .map(|b| super::lookup::find(m, b, &[Kind::Body], "body", "try part of its name, or `oversight inspections` to list every inspection and the bodies inspected"))
        .transpose()?;
    // Each inspection's statements, found in one pass over them all.
    let mut about: HashMap<&str, Vec<&Statement>> = m.nodes.iter().filter(|n| n.kind == Kind::Inspection).map(|n| (n.id.as_str(), Vec::new())).collect();
    for st in &m.statements {
        if let Some(v) = about.get_mut(&*st.subject) {
            v.push(st);
        }
    }
    let mut rows: Vec<InspectionRow> = m
        .nodes
        .iter()
        .filter(|n| n.kind == Kind::Inspection)
        .filter(|n| body.is_none_or(|b| n.targets("inspected").iter().any(|t| **t == *b.id) || n.targets("conductedBy").iter().any(|t| **t == *b.id)))
        .map(|n| {
            let named = |p: &str| n.targets(p).iter().map(|t| Named::of(m, t)).collect::<Vec<_>>();
            let mut sources: Vec<Source> = Vec::new();
            for st in about.get(n.id.as_str()).into_iter().flatten() {
                let s = Source::of(m, st);
                if !sources.iter().any(|x| x.document == s.document && x.start_offset == s.start_offset && x.end_offset == s.end_offset) {
                    sources.push(s);
                }
            }
            // Documents that mention the inspection without a statement of their own.
            for d in n.targets("mentionedIn") {
                if !sources.iter().any(|s| s.document_id.as_deref() == Some(&**d)) {
                    let doc = m.node(d);
                    sources.push(Source {
                        document: doc.map_or_else(|| d.clone(), |x| x.name.clone()),
                        document_id: Some(d.clone()),
                        published: doc.and_then(|x| x.date).map(Iso),
                        evidence: None,
                        start_offset: None,
                        end_offset: None,
                        rule: None,
                    });
                }
            }
            sources.sort_by_key(|s| (date_key(s.published.map(|p| p.0)), s.document.clone(), s.start_offset));
            InspectionRow {
                inspection: Named { name: n.name.to_string(), id: n.id.clone() },
                kind: n.inspection_kind.clone(),
                date: n.date.map(Iso),
                body: named("inspected"),
                rating: n.targets("rated").iter().map(|r| m.name(r)).collect(),
                inspectors: named("inspector"),
                inspectorate: named("conductedBy"),
                sources,
            }
        })
        .collect();
    let first_body = |r: &InspectionRow| r.body.first().map(|b| b.name.clone()).unwrap_or_default();
    rows.sort_by(|a, b| (first_body(a), date_key(a.date.map(|d| d.0)), &a.kind).cmp(&(first_body(b), date_key(b.date.map(|d| d.0)), &b.kind)));
    Ok(Inspections { body: body.map(|b| Named { name: b.name.to_string(), id: b.id.clone() }), graph: g.origin.clone(), inspections: rows })
}

fn names(v: &[Named]) -> String {
    v.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join(", ")
}

impl Answer for Inspections {
    fn table(&self) -> String {
        let mut out = match &self.body {
            Some(b) => format!("Inspections of {}", b.name),
            None => "Inspections".to_string(),
        };
        out.push_str(&format!(" (graph: {})\n\n", self.graph));
        if self.inspections.is_empty() {
            out.push_str("None is recorded.\n");
            return out;
        }
        let mut t = Table::new(&["date", "kind", "body", "rating", "inspectors", "inspectorate", "sources"]);
        for r in &self.inspections {
            t.row(vec![
                r.date.map_or_else(|| "undated".to_string(), |d| d.to_string()),
                r.kind.clone().unwrap_or_default(),
                names(&r.body),
                r.rating.join(" / "),
                names(&r.inspectors),
                names(&r.inspectorate),
                documents_cell(&r.sources),
            ]);
        }
        out.push_str(&t.render());
        out
    }
}
