//! The knowledge graph: people, bodies, inspections, ratings and documents as
//! petgraph nodes; typed edges carrying every observation that supports them.
//!
//! Nodes are only added, never removed, so a plain `DiGraph` keeps its indices
//! stable. Each node has an IRI-safe key (`person:jo-bloggs`) that the
//! exporters use as its identifier.

use crate::date::PartialDate;
use crate::extract::{Evidence, Status};
use crate::schema::BodyKind;
pub mod sentences;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use sentences::SentenceStore;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    Person,
    Body,
    Inspection,
    Rating,
    Document,
}

impl NodeKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            NodeKind::Person => "Person",
            NodeKind::Body => "Body",
            NodeKind::Inspection => "Inspection",
            NodeKind::Rating => "Rating",
            NodeKind::Document => "Document",
        }
    }
    pub const ALL: [NodeKind; 5] = [NodeKind::Person, NodeKind::Body, NodeKind::Inspection, NodeKind::Rating, NodeKind::Document];
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    /// Unique, stable identifier: `person:jo-bloggs`, `body:leeds-city-council`.
    pub key: String,
    pub name: String,
    pub alternate_names: NameSet,
    pub body_kind: Option<BodyKind>,
    /// Inspection kind (`focused visit`).
    pub inspection_kind: Option<String>,
    /// An inspection's date, or a document's publication date.
    pub date: Option<PartialDate>,
}

impl Node {
    pub fn new(kind: NodeKind, key: String, name: String) -> Node {
        Node { kind, key, name, alternate_names: NameSet::default(), body_kind: None, inspection_kind: None, date: None }
    }
}

/// A node's other names, sorted and each once: a sorted vector, since most
/// nodes have none or one (a `BTreeSet` took a 300-byte block for one name,
/// on each of a large corpus's hundreds of thousands of documents).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameSet(Vec<String>);

impl NameSet {
    /// Adds a name; false if it was there.
    pub fn insert(&mut self, name: String) -> bool {
        match self.0.binary_search(&name) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, name);
                true
            }
        }
    }

    pub fn extend(&mut self, names: impl IntoIterator<Item = String>) {
        for n in names {
            self.insert(n);
        }
    }

    pub fn remove(&mut self, name: &str) -> bool {
        match self.0.binary_search_by(|n| n.as_str().cmp(name)) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    /// The names in order.
    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    Inspected,
    Rated,
    ConductedBy,
    Inspector,
    HeldRole,
    Succeeded,
    MentionedIn,
    Author,
}

impl EdgeKind {
    /// The property's local name in the vocabulary.
    pub fn as_str(&self) -> &'static str {
        match self {
            EdgeKind::Inspected => "inspected",
            EdgeKind::Rated => "rated",
            EdgeKind::ConductedBy => "conductedBy",
            EdgeKind::Inspector => "inspector",
            EdgeKind::HeldRole => "heldRole",
            EdgeKind::Succeeded => "succeeded",
            EdgeKind::MentionedIn => "mentionedIn",
            EdgeKind::Author => "author",
        }
    }
    pub const ALL: [EdgeKind; 8] = [
        EdgeKind::Inspected, EdgeKind::Rated, EdgeKind::ConductedBy, EdgeKind::Inspector,
        EdgeKind::HeldRole, EdgeKind::Succeeded, EdgeKind::MentionedIn, EdgeKind::Author,
    ];
}

/// One document's statement of an edge.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Observation {
    pub evidence: Evidence,
    /// The date of the document it came from.
    pub observed_on: Option<PartialDate>,
    /// What a post, a succession or an inspection's edge says beyond that;
    /// none for a mention or an authorship (most observations), which so
    /// take no room for it.
    detail: Option<Box<Detail>>,
}

/// What an observation says beyond its evidence and its document's date.
#[derive(Debug, Clone, Default, PartialEq, Hash)]
pub struct Detail {
    pub role_name: Option<String>,
    pub status: Option<Status>,
    pub date: Option<PartialDate>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// What passed over, for a succession.
    pub what: Option<String>,
}

impl Observation {
    pub fn new(evidence: Evidence, observed_on: Option<PartialDate>, detail: Detail) -> Observation {
        let detail = (detail != Detail::default()).then(|| Box::new(detail));
        Observation { evidence, observed_on, detail }
    }

    pub fn role_name(&self) -> Option<&str> {
        self.detail.as_ref()?.role_name.as_deref()
    }
    pub fn status(&self) -> Option<Status> {
        self.detail.as_ref()?.status
    }
    pub fn date(&self) -> Option<PartialDate> {
        self.detail.as_ref()?.date
    }
    pub fn start(&self) -> Option<PartialDate> {
        self.detail.as_ref()?.start
    }
    pub fn end(&self) -> Option<PartialDate> {
        self.detail.as_ref()?.end
    }
    pub fn what(&self) -> Option<&str> {
        self.detail.as_ref()?.what.as_deref()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub kind: EdgeKind,
    pub observations: Vec<Observation>,
}

/// The graph and a lookup from node key to index.
#[derive(Debug, Default)]
pub struct KnowledgeGraph {
    pub graph: DiGraph<Node, Edge>,
    pub by_key: BTreeMap<String, NodeIndex>,
    /// The edges of each kind from one node to another, oldest first: found
    /// by hashing, since a node such as Ofsted has an edge to every document
    /// (scanning a node's edges made resolution quadratic in the corpus).
    /// Holds the newest such edge; `earlier` chains each to the one before
    /// it, for the few pairs with more than one (two posts of one person at
    /// one council). A map of small vectors cost twice the memory.
    edges_between: HashMap<(NodeIndex, NodeIndex, EdgeKind), EdgeIndex>,
    earlier: HashMap<EdgeIndex, EdgeIndex>,
    /// A hash of each observation since `forget_observed`, so that a repeated
    /// one is found without comparing it with all the others.
    observed: HashSet<(EdgeIndex, u64)>,
    /// The rule ids of the observations, each held once for the whole graph
    /// (each document's facts come with their own copies).
    rules: HashSet<std::sync::Arc<str>>,
    /// The observations' sentences (in memory, unless `keep_sentences_on_disk`).
    sentences: SentenceStore,
}

impl KnowledgeGraph {
    /// Adds a node, or returns the one with the same key.
    pub fn node(&mut self, node: Node) -> NodeIndex {
        if let Some(&i) = self.by_key.get(&node.key) {
            return i;
        }
        let key = node.key.clone();
        let i = self.graph.add_node(node);
        self.by_key.insert(key, i);
        i
    }

    /// Adds an observation to the edge `from -kind-> to` (creating it), where
    /// `same` picks which existing edge between the two it belongs to; returns
    /// the edge it joined.
    pub fn observe(&mut self, from: NodeIndex, to: NodeIndex, kind: EdgeKind, mut obs: Observation, same: impl Fn(EdgeIndex, &Edge) -> bool) -> EdgeIndex {
        let ev = &mut obs.evidence;
        self.sentences.keep(&mut ev.sentence, &ev.doc, ev.sentence_start, ev.sentence_end);
        match self.rules.get(&obs.evidence.rule) {
            Some(rule) => obs.evidence.rule = rule.clone(),
            None => {
                self.rules.insert(obs.evidence.rule.clone());
            }
        }
        let hash = {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            obs.hash(&mut h);
            h.finish()
        };
        // The newest matching edge first, as petgraph lists a node's edges.
        let newest = self.edges_between.get(&(from, to, kind)).copied();
        let found = std::iter::successors(newest, |id| self.earlier.get(id).copied()).find(|&id| same(id, &self.graph[id]));
        match found {
            Some(id) => {
                let new = self.observed.insert((id, hash)) || !self.graph[id].observations.contains(&obs);
                if new {
                    self.graph[id].observations.push(obs);
                }
                id
            }
            None => {
                let id = self.graph.add_edge(from, to, Edge { kind, observations: vec![obs] });
                if let Some(before) = self.edges_between.insert((from, to, kind), id) {
                    self.earlier.insert(id, before);
                }
                self.observed.insert((id, hash));
                id
            }
        }
    }

    /// Forgets the observations seen so far, for finding repeats: call it
    /// between documents. An observation names its document, so one
    /// document's never repeats another's, and the hashes need only span the
    /// document being taken in (kept for the whole corpus, they were a tenth
    /// of a large build's memory).
    pub fn forget_observed(&mut self) {
        self.observed.clear();
        self.observed.shrink_to(1024);
        self.sentences.forget_recent();
    }

    /// Keeps the sentences of the observations made from now on in a
    /// temporary file, not in memory (where one can be made): a build's
    /// memory then grows with its graph, not with its text.
    pub fn keep_sentences_on_disk(&mut self) {
        self.sentences = SentenceStore::on_disk();
    }

    /// The text of an observation's sentence. Only reading back a sentence
    /// kept on disk can fail.
    pub fn sentence<'a>(&'a self, ev: &'a Evidence) -> std::io::Result<std::borrow::Cow<'a, str>> {
        self.sentences.text(&ev.sentence)
    }

    pub fn count_nodes(&self, kind: NodeKind) -> usize {
        self.graph.node_weights().filter(|n| n.kind == kind).count()
    }

    pub fn count_edges(&self, kind: EdgeKind) -> usize {
        self.graph.edge_weights().filter(|e| e.kind == kind).count()
    }

    /// Node indices sorted by key: the order every exporter writes in.
    pub fn sorted_nodes(&self) -> Vec<NodeIndex> {
        self.by_key.values().copied().collect()
    }

    /// Outgoing edges of a node, sorted by kind, target key and first observation.
    pub fn sorted_edges_from(&self, n: NodeIndex) -> Vec<(EdgeKind, NodeIndex, &Edge)> {
        use petgraph::visit::EdgeRef;
        let mut v: Vec<_> = self.graph.edges(n).map(|e| (e.weight().kind, e.target(), e.weight())).collect();
        v.sort_by(|a, b| {
            (a.0, &self.graph[a.1].key, a.2.observations.first().and_then(|o| o.role_name()))
                .cmp(&(b.0, &self.graph[b.1].key, b.2.observations.first().and_then(|o| o.role_name())))
        });
        v
    }
}

/// A key fragment from a name: lower case ASCII letters and digits joined by `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                if l.is_ascii_alphanumeric() {
                    out.push(l);
                } else {
                    out.push_str(&format!("u{:x}", l as u32));
                }
            }
            dash = false;
        } else if c == '\'' || c == '\u{2019}' {
            continue;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(role: &str, doc: &str) -> Observation {
        let evidence = Evidence {
            doc: doc.into(),
            start: 0,
            end: 1,
            char_start: 0,
            char_end: 1,
            sentence_start: 0,
            sentence_end: 1,
            sentence: "x".into(),
            rule: "test".into(),
        };
        Observation::new(evidence, None, Detail { role_name: Some(role.into()), ..Detail::default() })
    }

    #[test]
    fn a_name_set_keeps_its_names_sorted_and_each_once() {
        let mut names = NameSet::default();
        names.extend(["b".to_string(), "a".to_string(), "c".to_string()]);
        assert!(!names.insert("a".into()));
        assert!(names.remove("b"));
        assert!(!names.remove("b"));
        assert_eq!(names.iter().map(String::as_str).collect::<Vec<_>>(), ["a", "c"]);
        names.remove("a");
        names.remove("c");
        assert!(names.is_empty());
    }

    #[test]
    fn observations_join_the_edge_they_belong_to_among_several_between_two_nodes() {
        let mut g = KnowledgeGraph::default();
        let p = g.node(Node::new(NodeKind::Person, "person:p".into(), "P".into()));
        let b = g.node(Node::new(NodeKind::Body, "body:b".into(), "B".into()));
        let same_role = |role: &'static str| move |_, e: &Edge| e.observations.iter().any(|o| o.role_name() == Some(role));
        g.observe(p, b, EdgeKind::HeldRole, obs("chair", "a"), same_role("chair"));
        g.observe(p, b, EdgeKind::HeldRole, obs("leader", "a"), same_role("leader"));
        g.forget_observed();
        // The older of the two edges, found through the newer one.
        g.observe(p, b, EdgeKind::HeldRole, obs("chair", "b"), same_role("chair"));
        // A repeat within one document is taken once.
        g.observe(p, b, EdgeKind::HeldRole, obs("chair", "b"), same_role("chair"));
        assert_eq!(g.count_edges(EdgeKind::HeldRole), 2);
        let chair = g.graph.edge_weights().find(|e| e.observations[0].role_name() == Some("chair")).unwrap();
        assert_eq!(chair.observations.iter().map(|o| &*o.evidence.doc).collect::<Vec<_>>(), ["a", "b"]);
        // Another kind of edge between the same two nodes is its own.
        g.observe(p, b, EdgeKind::MentionedIn, obs("chair", "b"), |_, _| true);
        assert_eq!(g.graph.edge_count(), 3);
    }
}
