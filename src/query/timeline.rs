//! `timeline NAME`: everything the graph holds about one person or body, in
//! date order: posts, inspections and their ratings, successions, inspectors'
//! visits and bylines, each with its document and evidence sentence.

use super::load::{Kind, Model, Statement};
use super::table::Table;
use super::tenure::{tenure_table, tenures, Tenure, LEGEND};
use super::{date_key, Answer, Graph, Iso, Named, QueryError, Source};
use crate::date::PartialDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// One entry of a timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub date: Option<Iso>,
    /// `role`, `inspection`, `succession`, `inspector` or `author`.
    pub kind: &'static str,
    pub what: String,
    /// The other people, bodies and inspections involved.
    pub related: Vec<Named>,
    pub source: Source,
}

/// The answer to `timeline NAME`.
#[derive(Debug, Serialize)]
pub struct Timeline {
    pub entity: Named,
    pub kind: &'static str,
    pub alternate_names: Vec<String>,
    pub graph: String,
    /// A person's posts, assembled across documents.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tenures: Vec<Tenure>,
    pub events: Vec<Event>,
}

pub fn timeline(g: &Graph, name: &str) -> Result<Timeline, QueryError> {
    let m = &g.model;
    let node = super::lookup::find(m, name, &[Kind::Person, Kind::Body], "person or body", "try part of the name, e.g. a surname")?;
    let id = node.id.as_str();
    let mut events = Vec::new();
    for st in &m.statements {
        let (s, o) = (&*st.subject, &*st.object);
        match &*st.predicate {
            "heldRole" if s == id || o == id => events.push(role_event(m, st, s == id)),
            "succeeded" if s == id || o == id => {
                let mut what = format!("{} succeeded {}", m.name(s), m.name(o));
                if let Some(w) = &st.what {
                    what.push_str(&format!(" ({w})"));
                }
                events.push(event(m, st, st.date, "succession", what, &[if s == id { o } else { s }]));
            }
            "inspector" if o == id => {
                let when = m.node(s).and_then(|i| i.date).or(st.date);
                events.push(event(m, st, when, "inspector", format!("inspector on the {}", inspection_words(m, s)), &[s]));
            }
            "author" if o == id => {
                let doc = m.node(s);
                let title = doc.and_then(|d| d.alternate_names.first().cloned()).unwrap_or_else(|| m.name(s));
                events.push(event(m, st, doc.and_then(|d| d.date), "author", format!("wrote '{title}'"), &[s]));
            }
            _ => {}
        }
    }
    events.extend(inspection_events(m, id));
    events.sort_by(|a, b| {
        (date_key(a.date.map(|d| d.0)), &a.source.document, a.source.start_offset).cmp(&(date_key(b.date.map(|d| d.0)), &b.source.document, b.source.start_offset))
    });
    let tenures = if node.kind == Kind::Person { tenures(m).into_iter().filter(|t| t.person.id == id).collect() } else { Vec::new() };
    Ok(Timeline {
        entity: Named { name: node.name.to_string(), id: node.id.clone() },
        kind: node.kind.as_str(),
        alternate_names: node.alternate_names.clone(),
        graph: g.origin.clone(),
        tenures,
        events,
    })
}

fn event(m: &Model, st: &Statement, date: Option<PartialDate>, kind: &'static str, what: String, related: &[&str]) -> Event {
    Event { date: date.map(Iso), kind, what, related: related.iter().map(|r| Named::of(m, r)).collect(), source: Source::of(m, st) }
}

/// A post, from the person's side (`chair, X Trust`) or the body's (`Jo Bloggs: chair`).
fn role_event(m: &Model, st: &Statement, of_person: bool) -> Event {
    let role = st.role_name.clone().unwrap_or_else(|| "a post".into());
    let mut what = if of_person { format!("{role}, {}", m.name(&st.object)) } else { format!("{}: {role}", m.name(&st.subject)) };
    if let Some(s) = &st.status {
        what.push_str(&format!(" ({s})"));
    }
    if let Some(d) = st.start {
        what.push_str(&format!(", from {d}"));
    }
    if let Some(d) = st.end {
        what.push_str(&format!(", until {d}"));
    }
    let other = if of_person { &st.object } else { &st.subject };
    event(m, st, st.start.or(st.date).or(st.observed_on), "role", what, &[other])
}

/// `focused visit of X County Council by Ofsted`.
fn inspection_words(m: &Model, id: &str) -> String {
    let Some(i) = m.node(id) else { return id.to_string() };
    let mut s = i.inspection_kind.clone().unwrap_or_else(|| "inspection".into());
    for b in i.targets("inspected") {
        s.push_str(&format!(" of {}", m.name(b)));
    }
    for b in i.targets("conductedBy") {
        s.push_str(&format!(" by {}", m.name(b)));
    }
    s
}

/// One entry for each document that tells of an inspection of the body (or
/// by it, for an inspectorate), with the rating that document gives.
fn inspection_events(m: &Model, id: &str) -> Vec<Event> {
    let ours: Vec<&str> = m
        .nodes
        .iter()
        .filter(|n| n.kind == Kind::Inspection && (n.targets("inspected").iter().any(|b| **b == *id) || n.targets("conductedBy").iter().any(|b| **b == *id)))
        .map(|n| n.id.as_str())
        .collect();
    let mut by_doc: BTreeMap<(&str, Option<&str>), Vec<&Statement>> = BTreeMap::new();
    for st in &m.statements {
        if ours.contains(&&*st.subject) && matches!(&*st.predicate, "inspected" | "conductedBy" | "rated" | "inspector") {
            by_doc.entry((&*st.subject, st.document.as_deref())).or_default().push(st);
        }
    }
    by_doc
        .into_iter()
        .map(|((ins, _), sts)| {
            let rated: Vec<&&Statement> = sts.iter().filter(|s| &*s.predicate == "rated").collect();
            let mut what = inspection_words(m, ins);
            for r in &rated {
                what.push_str(&format!(", rated {}", m.name(&r.object)));
            }
            let inspectors: Vec<String> = sts.iter().filter(|s| &*s.predicate == "inspector").map(|s| m.name(&s.object)).collect();
            if !inspectors.is_empty() {
                what.push_str(&format!("; inspectors {}", inspectors.join(", ")));
            }
            // The rating's sentence tells most; else the first that names the inspection.
            let best = rated.first().copied().copied().unwrap_or(sts[0]);
            let when = m.node(ins).and_then(|i| i.date).or(best.date);
            event(m, best, when, "inspection", what, &[ins])
        })
        .collect()
}

impl Answer for Timeline {
    fn table(&self) -> String {
        let mut out = format!("Timeline of {} ({}", self.entity.name, self.kind);
        if !self.alternate_names.is_empty() {
            out.push_str(&format!("; also {}", self.alternate_names.join(", ")));
        }
        out.push_str(&format!(") (graph: {})\n\n", self.graph));
        if !self.tenures.is_empty() {
            out.push_str("Posts\n\n");
            out.push_str(&tenure_table(&self.tenures, "body").render());
            out.push('\n');
            out.push_str(LEGEND);
            out.push_str("\n\nEvents\n\n");
        }
        if self.events.is_empty() {
            out.push_str("Nothing is recorded about them beyond their name.\n");
            return out;
        }
        let mut t = Table::new(&["date", "event", "what", "source"]);
        for e in &self.events {
            let date = e.date.map_or_else(|| "undated".to_string(), |d| d.to_string());
            let note = format!("\"{}\"", e.source.evidence.as_deref().unwrap_or_default());
            t.row_with_note(vec![date, e.kind.to_string(), e.what.clone(), e.source.short()], note);
        }
        out.push_str(&t.render());
        out
    }
}
