//! Resolution: the facts of every document become one graph, with one node
//! per real person, body and inspection.
//!
//! People are one node when their full names agree (case, accents of
//! punctuation aside). Bodies are one node when their names agree or one's
//! name is another's alias. Inspections are one node when they have the same
//! body and agree on kind, date (at the precision both give) and rating, and
//! come from different documents (one document's events are already apart).
//! Documents are taken in order of their identifiers, so the graph never
//! depends on the order the inputs were named in.

use crate::date::PartialDate;
use crate::extract::{DocExtraction, EntityKind, Evidence};
use crate::graph::{slug, Detail, Edge, EdgeKind, KnowledgeGraph, Node, NodeKind, Observation};
use petgraph::graph::{EdgeIndex, NodeIndex};
use std::collections::HashMap;

fn person_key(name: &str) -> String {
    format!("person:{}", slug(name))
}

/// The lookup form of a body's name.
fn body_norm(name: &str) -> String {
    slug(name)
}

/// An inspection seen in one or more documents, before it becomes a node.
struct InspectionGroup {
    body: NodeIndex,
    kind: String,
    date: Option<PartialDate>,
    rating: Option<String>,
    /// Each other end with the evidence naming it and the date of its document.
    inspectorate: Option<(NodeIndex, Evidence, Option<PartialDate>)>,
    inspectors: Vec<(NodeIndex, Evidence, Option<PartialDate>)>,
    /// Each mention, with the date and the node of its document.
    evidence: Vec<(Evidence, Option<PartialDate>, NodeIndex)>,
    /// Where each document names the body, and states a judgement.
    body_evidence: Vec<(Evidence, Option<PartialDate>)>,
    rating_evidence: Vec<(String, Evidence, Option<PartialDate>)>,
}

/// Builds the graph from per-document extractions (in any order).
pub fn resolve(mut docs: Vec<DocExtraction>) -> KnowledgeGraph {
    docs.sort_by(|a, b| a.doc.cmp(&b.doc));
    let mut r = Resolver::default();
    for d in docs {
        r.add(d);
    }
    r.finish()
}

/// Resolution one document at a time, so a build need not hold every
/// document's facts at once: `add` them in order of their identifiers (the
/// order `resolve` sorts them into), then `finish`.
#[derive(Default)]
pub struct Resolver {
    g: KnowledgeGraph,
    /// Each body's name: of the names that agree once normalised, the
    /// greatest, so that `Leeds City council` and `Leeds City Council` are one
    /// body with one name whatever order the documents come in.
    body_names: HashMap<NodeIndex, String>,
    groups: Vec<InspectionGroup>,
    /// The groups of each body, in the order they were made.
    groups_of: HashMap<NodeIndex, Vec<usize>>,
    /// The wordings of each post edge's observations, each once: what a new
    /// wording is compared with (an edge's observations grow with the corpus;
    /// its wordings stay few).
    post_wordings: HashMap<EdgeIndex, Vec<String>>,
}

impl Resolver {
    /// A resolver whose graph keeps its evidence sentences in a temporary
    /// file rather than in memory (see `graph::sentences`).
    pub fn keeping_sentences_on_disk() -> Resolver {
        let mut r = Resolver::default();
        r.g.keep_sentences_on_disk();
        r
    }

    /// Takes in one document's facts; the document is dropped afterwards.
    pub fn add(&mut self, d: DocExtraction) {
        self.g.forget_observed();
        let doc_node = {
            let mut n = Node::new(NodeKind::Document, format!("doc:{}", slug(&d.doc)), d.doc.clone());
            n.date = d.date;
            if let Some(t) = &d.title {
                n.alternate_names.insert(t.clone());
            }
            self.g.node(n)
        };
        // Entities of this document -> graph nodes.
        let mut local: Vec<NodeIndex> = Vec::with_capacity(d.entities.len());
        for e in &d.entities {
            let idx = match e.kind {
                EntityKind::Person => {
                    let idx = self.g.node(Node::new(NodeKind::Person, person_key(&e.name), e.name.clone()));
                    let n = &mut self.g.graph[idx];
                    n.alternate_names.extend(e.aliases.iter().filter(|a| **a != n.name).cloned());
                    idx
                }
                EntityKind::Body => {
                    // Named for now as first seen: `finish` gives each body its
                    // name, and drops that name from the alternates.
                    let mut n = Node::new(NodeKind::Body, format!("body:{}", body_norm(&e.name)), e.name.clone());
                    n.body_kind = e.body_kind;
                    let idx = self.g.node(n);
                    let name = self.body_names.entry(idx).or_insert_with(|| e.name.clone());
                    if e.name > *name {
                        *name = e.name.clone();
                    }
                    let n = &mut self.g.graph[idx];
                    n.alternate_names.insert(e.name.clone());
                    n.alternate_names.extend(e.aliases.iter().cloned());
                    idx
                }
            };
            if let Some(ev) = &e.first_mention {
                self.g.observe(idx, doc_node, EdgeKind::MentionedIn, plain(ev.clone(), d.date), |_, _| true);
            }
            local.push(idx);
        }
        for &a in &d.authors {
            if let Some(ev) = &d.entities[a].first_mention {
                self.g.observe(doc_node, local[a], EdgeKind::Author, plain(ev.clone(), d.date), |_, _| true);
            }
        }
        for r in &d.roles {
            let detail = Detail { role_name: Some(r.role.clone()), status: Some(r.status), date: r.date, start: r.start, end: r.end, what: None };
            let obs = Observation::new(r.evidence.clone(), d.date, detail);
            let canonical = r.canonical.clone();
            let (p, b) = (local[r.person], local[r.body]);
            // One edge per post: later wordings of it join the first.
            let wordings = &self.post_wordings;
            let same_post = |id, _: &Edge| wordings.get(&id).is_some_and(|ws| ws.iter().any(|w| same_post(w, &r.role, &canonical)));
            let id = self.g.observe(p, b, EdgeKind::HeldRole, obs, same_post);
            let ws = self.post_wordings.entry(id).or_default();
            if !ws.contains(&r.role) {
                ws.push(r.role.clone());
            }
        }
        for s in &d.successions {
            let obs = Observation::new(s.evidence.clone(), d.date, Detail { date: s.date, what: Some(s.what.clone()), ..Detail::default() });
            self.g.observe(local[s.successor], local[s.predecessor], EdgeKind::Succeeded, obs, |_, _| true);
        }
        for i in &d.inspections {
            let c = InspectionGroup {
                body: local[i.body],
                kind: i.kind.clone(),
                date: i.date,
                rating: i.rating.clone(),
                inspectorate: i.inspectorate.zip(i.ends.inspectorate.clone()).map(|(x, ev)| (local[x], ev, d.date)),
                inspectors: i.inspectors.iter().zip(&i.ends.inspectors).map(|(&x, ev)| (local[x], ev.clone(), d.date)).collect(),
                evidence: i.evidence.iter().map(|e| (e.clone(), d.date, doc_node)).collect(),
                body_evidence: i.ends.body.iter().map(|e| (e.clone(), d.date)).collect(),
                rating_evidence: i.rating.clone().zip(i.ends.rating.clone()).map(|(r, e)| (r, e, d.date)).into_iter().collect(),
            };
            self.merge_inspection(c);
        }
    }

    /// The graph, once every document is in.
    pub fn finish(mut self) -> KnowledgeGraph {
        for (&idx, name) in &self.body_names {
            let n = &mut self.g.graph[idx];
            n.alternate_names.remove(name);
            n.name = name.clone();
        }
        self.g.forget_observed();
        add_inspections(&mut self.g, self.groups);
        self.g
    }

    /// Joins an inspection to the event it is of, if another document told
    /// of it already: the events one document tells apart stay apart.
    fn merge_inspection(&mut self, c: InspectionGroup) {
        let of_body = self.groups_of.entry(c.body).or_default();
        let doc = c.evidence.first().map(|e| e.2);
        let other_document = |g: &InspectionGroup| !g.evidence.iter().any(|e| Some(e.2) == doc);
        match of_body.iter().copied().find(|&i| compatible(&self.groups[i], &c) && other_document(&self.groups[i])) {
            Some(i) => merge_into(&mut self.groups[i], c),
            None => {
                of_body.push(self.groups.len());
                self.groups.push(c);
            }
        }
    }
}

/// Whether two wordings name the same post (`DCS` and `director of children's services`).
/// Also `commissioner` and `children's commissioner`, `director` and `director
/// of children's services`: one wording is the other's first or last words.
fn same_post(a: &str, b: &str, canonical: &str) -> bool {
    // `dcs`, `hmi`, `ceo`: a short single word standing for the post's full name.
    let abbreviation = |w: &str| !w.contains(' ') && w.len() <= 4;
    let part_of = |short: &str, long: &str| long.starts_with(&format!("{short} ")) || long.ends_with(&format!(" {short}"));
    a == b || (abbreviation(a) && b == canonical) || (abbreviation(b) && a == canonical) || part_of(a, b) || part_of(b, a)
}

fn plain(evidence: Evidence, observed_on: Option<PartialDate>) -> Observation {
    Observation::new(evidence, observed_on, Detail::default())
}

fn compatible(g: &InspectionGroup, c: &InspectionGroup) -> bool {
    let generic = |k: &str| k == "inspection";
    g.body == c.body
        && (g.kind == c.kind || generic(&g.kind) || generic(&c.kind) || g.rating.is_some() && c.rating.is_some())
        && match (g.date, c.date) {
            (Some(a), Some(b)) => a.compatible(&b),
            (None, None) => g.rating == c.rating && (g.kind == c.kind || g.rating.is_some()),
            _ => g.rating.is_some() && g.rating == c.rating,
        }
        && match (&g.rating, &c.rating) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

fn merge_into(g: &mut InspectionGroup, c: InspectionGroup) {
    {
        {
            if let Some(d) = c.date {
                if g.date.is_none_or(|x| d.precision() > x.precision()) {
                    g.date = Some(d);
                }
            }
            g.rating = g.rating.take().or(c.rating);
            if g.kind == "inspection" {
                g.kind = c.kind;
            }
            g.inspectorate = g.inspectorate.take().or(c.inspectorate);
            for i in c.inspectors {
                if !g.inspectors.iter().any(|x| x.0 == i.0) {
                    g.inspectors.push(i);
                }
            }
            g.evidence.extend(c.evidence);
            g.body_evidence.extend(c.body_evidence);
            g.rating_evidence.extend(c.rating_evidence);
        }
    }
}

fn add_inspections(g: &mut KnowledgeGraph, groups: Vec<InspectionGroup>) {
    for grp in groups {
        let body_key = g.graph[grp.body].key.trim_start_matches("body:").to_string();
        let base = format!(
            "inspection:{}:{}:{}",
            body_key,
            grp.date.map_or("undated".to_string(), |d| d.to_string()),
            slug(&grp.kind)
        );
        let mut key = base.clone();
        let mut n = 2;
        while g.by_key.contains_key(&key) {
            key = format!("{base}-{n}");
            n += 1;
        }
        let body_name = g.graph[grp.body].name.clone();
        let mut node = Node::new(NodeKind::Inspection, key, format!("{} of {}", capitalise(&grp.kind), body_name));
        node.inspection_kind = Some(grp.kind.clone());
        node.date = grp.date;
        let idx = g.node(node);
        // Each edge's evidence is a sentence naming its other end.
        let first = grp.body_evidence.first().cloned().unwrap_or_else(|| (grp.evidence[0].0.clone(), grp.evidence[0].1));
        g.observe(idx, grp.body, EdgeKind::Inspected, with_date(first.0.clone(), first.1, grp.date), |_, _| true);
        if let Some(r) = &grp.rating {
            let rating = g.node(Node::new(NodeKind::Rating, format!("rating:{}", slug(r)), r.clone()));
            let stated: Vec<&(String, Evidence, Option<PartialDate>)> = grp.rating_evidence.iter().filter(|(x, _, _)| x == r).collect();
            // The judgement's other wordings (`requiring improvement to be good`).
            for (_, ev, _) in &stated {
                let words = ev.sentence.text().and_then(|t| t.get((ev.start - ev.sentence_start) as usize..(ev.end - ev.sentence_start) as usize)).unwrap_or("");
                let words = words.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
                if !words.is_empty() && words != r.to_lowercase() {
                    g.graph[rating].alternate_names.insert(words);
                }
            }
            let (ev, observed) = stated.first().map_or((first.0.clone(), first.1), |(_, ev, o)| (ev.clone(), *o));
            g.observe(idx, rating, EdgeKind::Rated, with_date(ev, observed, grp.date), |_, _| true);
        }
        if let Some((i, ev, observed)) = grp.inspectorate {
            g.observe(idx, i, EdgeKind::ConductedBy, with_date(ev, observed, grp.date), |_, _| true);
        }
        for (p, ev, observed) in grp.inspectors {
            g.observe(idx, p, EdgeKind::Inspector, with_date(ev, observed, grp.date), |_, _| true);
        }
        let mut docs_seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for (ev, observed, doc) in &grp.evidence {
            if docs_seen.insert(&ev.doc) {
                g.observe(idx, *doc, EdgeKind::MentionedIn, plain(ev.clone(), *observed), |_, _| true);
            }
        }
    }
}

fn with_date(evidence: Evidence, observed_on: Option<PartialDate>, date: Option<PartialDate>) -> Observation {
    Observation::new(evidence, observed_on, Detail { date, ..Detail::default() })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Entity, InspectionFact};
    use crate::schema::BodyKind;

    fn evidence(doc: &str, sentence: &str) -> Evidence {
        Evidence {
            doc: doc.into(),
            start: 0,
            end: 4,
            char_start: 0,
            char_end: 4,
            sentence_start: 0,
            sentence_end: sentence.len() as u32,
            sentence: sentence.into(),
            rule: "mention".into(),
        }
    }

    /// A document that names one council (as `name`) and states one inspection of it.
    fn doc(id: &str, name: &str, alias: &str, rating: &str) -> DocExtraction {
        let sentence = format!("{name} was judged {rating}.");
        DocExtraction {
            doc: id.into(),
            title: None,
            date: PartialDate::parse_iso("2020-05"),
            authors: Vec::new(),
            entities: vec![Entity {
                kind: EntityKind::Body,
                name: name.into(),
                aliases: [alias.to_string()].into(),
                body_kind: Some(BodyKind::Council),
                place: None,
                first_mention: Some(evidence(id, &sentence)),
            }],
            mentions: Vec::new(),
            roles: Vec::new(),
            inspections: vec![InspectionFact {
                body: 0,
                kind: "inspection".into(),
                date: PartialDate::parse_iso("2020-03"),
                rating: Some(rating.into()),
                inspectorate: None,
                inspectors: Vec::new(),
                evidence: vec![evidence(id, &sentence)],
                ends: Default::default(),
            }],
            successions: Vec::new(),
        }
    }

    fn body<'g>(g: &'g KnowledgeGraph) -> &'g Node {
        g.graph.node_weights().find(|n| n.kind == NodeKind::Body).expect("a body")
    }

    #[test]
    fn a_body_named_two_ways_is_one_node_with_the_greater_name_in_any_order() {
        let a = doc("a.txt", "Testshire County council", "the council", "Good");
        let b = doc("b.txt", "Testshire County Council", "Testshire", "Good");
        for docs in [vec![a.clone(), b.clone()], vec![b, a]] {
            let g = resolve(docs);
            let n = body(&g);
            assert_eq!(g.count_nodes(NodeKind::Body), 1);
            assert_eq!(n.key, "body:testshire-county-council");
            // `c` sorts after `C`: the greater of the two names.
            assert_eq!(n.name, "Testshire County council");
            let alternates: Vec<&str> = n.alternate_names.iter().map(String::as_str).collect();
            assert_eq!(alternates, ["Testshire", "Testshire County Council", "the council"]);
            // The inspection is named after the body's settled name, and both documents state it.
            assert_eq!(g.count_nodes(NodeKind::Inspection), 1);
            let i = g.graph.node_weights().find(|n| n.kind == NodeKind::Inspection).unwrap();
            assert_eq!(i.name, "Inspection of Testshire County council");
            assert_eq!(g.count_edges(EdgeKind::MentionedIn), 4, "the body and the inspection, each in both documents");
        }
    }

    #[test]
    fn inspections_of_one_body_with_different_ratings_stay_apart() {
        let g = resolve(vec![doc("a.txt", "Testshire Council", "x", "Good"), doc("b.txt", "Testshire Council", "x", "Inadequate")]);
        assert_eq!(g.count_nodes(NodeKind::Inspection), 2);
        assert_eq!(g.count_edges(EdgeKind::Rated), 2);
    }

    #[test]
    fn taking_documents_in_one_at_a_time_gives_the_graph_of_resolving_them_together() {
        let docs = vec![doc("a.txt", "Testshire Council", "x", "Good"), doc("b.txt", "Testshire council", "y", "Good"), doc("c.txt", "Otherton Council", "z", "Inadequate")];
        let mut r = Resolver::default();
        for d in docs.clone() {
            r.add(d);
        }
        let streamed = r.finish();
        let together = resolve(docs.into_iter().rev().collect());
        let nodes = |g: &KnowledgeGraph| g.sorted_nodes().into_iter().map(|i| g.graph[i].clone()).collect::<Vec<_>>();
        assert_eq!(nodes(&streamed), nodes(&together));
        assert_eq!(streamed.graph.edge_count(), together.graph.edge_count());
    }
}
