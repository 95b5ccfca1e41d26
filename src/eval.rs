//! Scoring a built graph against gold annotations: a port of
//! `shared/gold/score.py` that reads the in-memory [`KnowledgeGraph`] instead
//! of its JSON-LD export.
//!
//! The semantics are the script's, detail for detail, so that
//! `oversight eval GOLD_DIR INPUT...` prints the figures that
//! `python3 score.py graph.jsonld GOLD_DIR` prints for the same build: the same
//! text normalisation, the same first-match order over the gold entities, the
//! same merging of gold inspection mentions into events, and the same order of
//! the graph's role statements (the exporter's statement IRIs, sorted) where the
//! order decides which gold fact a duplicate is charged against.
//!
//! Where `score.py` tests a value's truth (`if x:`), an empty string counts as
//! absent; where it compares values, `null` and `""` stay distinct. Both are
//! kept here, which is why the gold side holds `Option<String>`s.

use crate::error::Error;
use crate::export::jsonld::iri;
use crate::graph::{EdgeKind, KnowledgeGraph, NodeKind};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use regex::{NoExpand, Regex};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

const HONORIFICS: &[&str] = &[
    "cllr", "councillor", "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "professor", "lord", "lady",
    "baroness",
];
const BODY_GENERIC: &[&str] = &["the", "council", "city", "county", "borough", "metropolitan", "district", "of", "and", "royal"];
const ROLE_STOP: &[&str] = &[
    "of", "for", "the", "and", "children's", "children", "services", "service", "s", "a", "an", "social", "care",
    "families", "education", "young", "people", "interim", "acting", "former", "new", "deputy",
];
/// Expanded in this order, each on the result of the one before (a Python dict's order).
const ROLE_ABBREV: &[(&str, &str)] = &[
    ("dcs", "director children's services"),
    ("hmi", "her majesty's inspector"),
    ("ceo", "chief executive"),
    ("chief exec", "chief executive"),
    ("lead member", "cabinet member"),
    ("portfolio holder", "cabinet member"),
];
/// Body aliases that name no particular body, dropped from the gold.
const GENERIC_BODY_ALIASES: &[&str] = &["the council", "the authority", "the trust", "council", "county council"];

/// The kinds whose F1s make the overall figure, in report order.
const KINDS: [&str; 5] = ["people", "bodies", "roles", "inspections", "successions"];
/// The accuracy lines, in report order.
const ACCURACIES: [&str; 4] = ["role dates", "role status", "inspection ratings", "inspection dates"];
/// The miss lists, in the order `score.py` prints them.
const MISS_KEYS: [&str; 7] = [
    "people missed",
    "people extra",
    "bodies missed",
    "bodies extra",
    "roles missed",
    "inspections missed",
    "successions missed",
];

// ------------------------------------------------------------ normalisation

/// The regexes of [`norm_text`].
fn text_patterns() -> &'static (Regex, Regex) {
    static P: OnceLock<(Regex, Regex)> = OnceLock::new();
    P.get_or_init(|| (Regex::new(r"[^a-z0-9' -]+").expect("valid regex"), Regex::new(r"'s\b").expect("valid regex")))
}

/// [`ROLE_ABBREV`] as whole-word regexes and normalised expansions.
fn abbrev_patterns() -> &'static [(Regex, String)] {
    static P: OnceLock<Vec<(Regex, String)>> = OnceLock::new();
    P.get_or_init(|| {
        ROLE_ABBREV
            .iter()
            .map(|(a, full)| (Regex::new(&format!(r"\b{}\b", regex::escape(a))).expect("valid regex"), norm_text(full)))
            .collect()
    })
}

/// Lower case, curly quotes straight, `'s` folded to `s`, other apostrophes
/// dropped, hyphens and anything not `[a-z0-9]` turned to single spaces.
///
/// Once the non-`[a-z0-9' -]` characters are gone the text is ASCII, so the
/// regex crate's Unicode `\b` agrees with Python's.
fn norm_text(s: &str) -> String {
    let (non_word, possessive) = text_patterns();
    let s: String = s.chars().map(|c| if matches!(c, '\u{2019}' | '\u{2018}' | '`') { '\'' } else { c }).collect();
    let s = s.to_lowercase();
    let s = non_word.replace_all(&s, " ");
    let s = possessive.replace_all(&s, "s");
    let s = s.replace('\'', "").replace('-', " ");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`norm_text`] without honorifics.
fn norm_person(s: &str) -> String {
    norm_text(s).split(' ').filter(|t| !t.is_empty() && !HONORIFICS.contains(t)).collect::<Vec<_>>().join(" ")
}

/// [`norm_text`] without the words every council's name has (`city`, `council`).
fn body_core(s: &str) -> String {
    norm_text(s).split(' ').filter(|t| !t.is_empty() && !BODY_GENERIC.contains(t)).collect::<Vec<_>>().join(" ")
}

/// The telling words of a post, abbreviations expanded.
fn role_keys(s: &str) -> BTreeSet<String> {
    let mut s = norm_text(s);
    for (re, full) in abbrev_patterns() {
        s = re.replace_all(&s, NoExpand(full)).into_owned();
    }
    s.split_whitespace().filter(|t| !ROLE_STOP.contains(t)).map(str::to_string).collect()
}

/// Ofsted's judgement word; "requires improvement to be good" is "requires improvement".
fn norm_rating(s: Option<&str>) -> String {
    let s = norm_text(s.unwrap_or(""));
    if s.starts_with("requires improvement") {
        "requires improvement".to_string()
    } else {
        s
    }
}

/// The first `n` characters (Python's `s[:n]`).
fn prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Partial ISO dates agree on their common precision.
fn date_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a.filter(|a| !a.is_empty()), b.filter(|b| !b.is_empty())) else {
        return false;
    };
    let (a, b) = (prefix(a, 10), prefix(b, 10));
    let n = a.chars().count().min(b.chars().count());
    prefix(a, n) == prefix(b, n)
}

/// Some value states the gold date at the gold's precision (or finer).
fn date_exact(gold: &str, values: &[String]) -> bool {
    let n = gold.chars().count();
    values.iter().any(|v| !v.is_empty() && prefix(v, n) == gold)
}

/// Python's truth test on an optional string.
fn truthy(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.is_empty())
}

/// Python's `str()` of an optional string, for the miss lists.
fn py(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("None")
}

// ---------------------------------------------------------------- gold side

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntityKind {
    Person,
    Body,
}

/// A gold person or body with the aliases the gold files give it.
#[derive(Debug, Clone)]
struct Entity {
    kind: EntityKind,
    name: String,
    aliases: BTreeSet<String>,
    /// The normalised forms a graph name must hit, filled once every file is read.
    keys: HashSet<String>,
}

impl Entity {
    fn new(kind: EntityKind, name: &str) -> Entity {
        Entity { kind, name: name.to_string(), aliases: BTreeSet::from([name.to_string()]), keys: HashSet::new() }
    }
}

/// The match keys of some names, as `score.py`'s `Entity.keys` and `match_entity` make them.
fn entity_keys<'a>(kind: EntityKind, names: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    let mut keys = HashSet::new();
    for n in names {
        match kind {
            EntityKind::Person => {
                keys.insert(norm_person(n));
            }
            EntityKind::Body => {
                keys.insert(norm_text(n));
                let core = body_core(n);
                if !core.is_empty() {
                    keys.insert(format!("core:{core}"));
                }
            }
        }
    }
    keys
}

#[derive(Debug, Clone)]
struct GoldRole {
    person: Option<String>,
    body: Option<String>,
    role: Option<String>,
    when: Option<String>,
    status: Option<String>,
    /// The gold file's `doc`: status is judged per document.
    doc: Option<String>,
}

#[derive(Debug, Clone)]
struct GoldInspection {
    body: Option<String>,
    kind: Option<String>,
    when: Option<String>,
    rating: Option<String>,
}

/// Every gold file of a folder, merged as `score.py`'s `load_gold` merges them.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    /// In first-seen order, which decides which entity a name matches first.
    people: Vec<Entity>,
    bodies: Vec<Entity>,
    roles: Vec<GoldRole>,
    inspections: Vec<GoldInspection>,
    /// (successor, predecessor).
    successions: Vec<(Option<String>, Option<String>)>,
}

impl Gold {
    /// Adds one parsed gold file; `path` only names it in errors.
    fn add_file(&mut self, path: &Path, g: &Value) -> Result<(), Error> {
        let bad = |message: String| Error::BadInput { path: path.to_path_buf(), message };
        let g = g.as_object().ok_or_else(|| bad("a gold file must hold one JSON object".into()))?;
        let list = |key: &str| -> Result<&[Value], Error> {
            match g.get(key) {
                None | Some(Value::Null) => Ok(&[]),
                Some(Value::Array(v)) => Ok(v),
                Some(_) => Err(bad(format!("\"{key}\" must be a list"))),
            }
        };
        let string = |key: &str, v: &Value| -> Result<String, Error> {
            v.as_str().map(str::to_string).ok_or_else(|| bad(format!("\"{key}\" must list strings, found {v}")))
        };
        let field = |v: &Value, key: &str| -> Option<String> {
            match v.get(key) {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(other) => Some(other.to_string()),
            }
        };
        for n in list("people")? {
            let n = string("people", n)?;
            if !self.people.iter().any(|e| e.name == n) {
                self.people.push(Entity::new(EntityKind::Person, &n));
            }
        }
        for n in list("bodies")? {
            let n = string("bodies", n)?;
            if !self.bodies.iter().any(|e| e.name == n) {
                self.bodies.push(Entity::new(EntityKind::Body, &n));
            }
        }
        match g.get("aliases") {
            None | Some(Value::Null) => {}
            Some(Value::Object(aliases)) => {
                for (canon, al) in aliases {
                    let al = match al {
                        Value::Array(v) => v.iter().map(|a| string("aliases", a)).collect::<Result<Vec<_>, _>>()?,
                        _ => return Err(bad(format!("the aliases of \"{canon}\" must be a list"))),
                    };
                    let target = match self.people.iter_mut().find(|e| &e.name == canon) {
                        Some(e) => Some(e),
                        None => self.bodies.iter_mut().find(|e| &e.name == canon),
                    };
                    let Some(target) = target else { continue };
                    for a in al {
                        let keep = match target.kind {
                            EntityKind::Person => norm_person(&a).split_whitespace().count() >= 2,
                            EntityKind::Body => {
                                let t = norm_text(&a);
                                !t.starts_with("the ") && !GENERIC_BODY_ALIASES.contains(&t.as_str())
                            }
                        };
                        if keep {
                            target.aliases.insert(a);
                        }
                    }
                }
            }
            Some(_) => return Err(bad("\"aliases\" must be an object".into())),
        }
        let g_doc = &Value::Object(g.clone());
        for r in list("roles")? {
            self.roles.push(GoldRole {
                person: field(r, "person"),
                body: field(r, "body"),
                role: field(r, "role"),
                when: field(r, "when"),
                status: field(r, "status"),
                doc: field(g_doc, "doc"),
            });
        }
        for i in list("inspections")? {
            self.inspections.push(GoldInspection {
                body: field(i, "body"),
                kind: field(i, "kind"),
                when: field(i, "when"),
                rating: field(i, "rating"),
            });
        }
        for s in list("successions")? {
            self.successions.push((field(s, "successor"), field(s, "predecessor")));
        }
        Ok(())
    }

    /// Computes every entity's match keys from its final set of aliases.
    fn finish(&mut self) {
        for e in self.people.iter_mut().chain(self.bodies.iter_mut()) {
            e.keys = entity_keys(e.kind, e.aliases.iter().map(String::as_str));
        }
    }
}

/// Reads every `*.json` file in `dir`, in file-name order.
pub fn load_gold(dir: &Path) -> Result<Gold, Error> {
    let read_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Read { path, source }
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_err(dir))? {
        let entry = entry.map_err(read_err(dir))?;
        if entry.file_name().to_string_lossy().ends_with(".json") {
            files.push(entry.path());
        }
    }
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    let mut gold = Gold::default();
    for path in &files {
        let bytes = std::fs::read(path).map_err(read_err(path))?;
        let text = String::from_utf8(bytes)
            .map_err(|e| Error::BadInput { path: path.clone(), message: format!("not UTF-8 text: {e}") })?;
        let value: Value = serde_json::from_str(&text)
            .map_err(|e| Error::BadInput { path: path.clone(), message: format!("not valid JSON: {e}") })?;
        gold.add_file(path, &value)?;
    }
    gold.finish();
    Ok(gold)
}

// ------------------------------------------------------------------ scoring

/// Precision, recall and F1 of one kind of fact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KindScore {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Corpus-level scores, as `score.py` reports them.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub people: KindScore,
    pub bodies: KindScore,
    pub roles: KindScore,
    pub inspections: KindScore,
    pub successions: KindScore,
    /// Share of matched gold roles with a date that some statement states.
    pub role_dates: f64,
    /// Share of gold roles stated by their own document with the gold's status.
    pub role_status: f64,
    /// Share of matched gold inspections with a rating that the graph gives.
    pub inspection_ratings: f64,
    /// Share of matched gold inspections with a date that the graph states.
    pub inspection_dates: f64,
    /// The mean F1 over people, bodies, roles, inspections and successions.
    pub overall_f1: f64,
    /// `score.py`'s miss lists ("people missed", "people extra", ...), sorted; only the non-empty ones.
    pub misses: BTreeMap<String, Vec<String>>,
}

/// `score.py`'s `prf`: precision over what was output, recall over the gold.
fn prf(tp_p: usize, n_p: usize, tp_r: usize, n_r: usize) -> KindScore {
    let precision = if n_p > 0 { tp_p as f64 / n_p as f64 } else if n_r == 0 { 1.0 } else { 0.0 };
    let recall = if n_r > 0 { tp_r as f64 / n_r as f64 } else { 1.0 };
    let f1 = if precision + recall != 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    KindScore { precision, recall, f1 }
}

fn ratio(ok: usize, n: usize) -> f64 {
    if n > 0 {
        ok as f64 / n as f64
    } else {
        1.0
    }
}

/// The first gold entity (in gold order) sharing a key with one of the names.
fn match_entity<'g>(gold: &'g [Entity], names: &[&str], kind: EntityKind) -> Option<&'g str> {
    let keys = entity_keys(kind, names.iter().copied());
    gold.iter().find(|e| !e.keys.is_disjoint(&keys)).map(|e| e.name.as_str())
}

/// The miss lists, each sorted; empty ones are not kept.
#[derive(Default)]
struct Misses(BTreeMap<String, Vec<String>>);

impl Misses {
    fn add(&mut self, key: &str, mut v: Vec<String>) {
        v.sort();
        if !v.is_empty() {
            self.0.insert(key.to_string(), v);
        }
    }
}

/// The graph as the scorer sees it, with each person and body node resolved to
/// the gold entity it matches.
struct View<'a> {
    graph: &'a KnowledgeGraph,
    /// Every node by key: the order pyld emits the exported triples in
    /// (sorted by IRI), and so the order score.py meets them.
    order: Vec<NodeIndex>,
    persons: Vec<NodeIndex>,
    bodies: Vec<NodeIndex>,
    /// Person and body nodes -> the gold entity's name, if any.
    entity: HashMap<NodeIndex, Option<String>>,
}

impl<'a> View<'a> {
    fn new(graph: &'a KnowledgeGraph, gold: &Gold) -> View<'a> {
        let order = graph.sorted_nodes();
        let of_kind = |k: NodeKind| order.iter().copied().filter(|&n| graph.graph[n].kind == k).collect::<Vec<_>>();
        let (persons, bodies) = (of_kind(NodeKind::Person), of_kind(NodeKind::Body));
        let mut entity = HashMap::new();
        for (nodes, ents, kind) in [(&persons, &gold.people, EntityKind::Person), (&bodies, &gold.bodies, EntityKind::Body)] {
            for &n in nodes {
                let node = &graph.graph[n];
                let names: Vec<&str> =
                    std::iter::once(node.name.as_str()).chain(node.alternate_names.iter().map(String::as_str)).collect();
                entity.insert(n, match_entity(ents, &names, kind).map(str::to_string));
            }
        }
        View { graph, order, persons, bodies, entity }
    }

    /// The gold entity a node stands for (`None` for other kinds of node).
    fn resolved(&self, n: NodeIndex) -> Option<String> {
        self.entity.get(&n).cloned().flatten()
    }

    fn of_kind(&self, kind: NodeKind) -> impl Iterator<Item = NodeIndex> + '_ {
        self.order.iter().copied().filter(move |&n| self.graph.graph[n].kind == kind)
    }
}

/// People or bodies: a second node for one entity is a duplicate, not a hit.
fn score_entities(view: &View, kind: &str, nodes: &[NodeIndex], gold: &[Entity], misses: &mut Misses) -> KindScore {
    let matched: BTreeSet<&str> =
        nodes.iter().filter_map(|n| view.entity[n].as_deref()).filter(|s| !s.is_empty()).collect();
    let gold_names: BTreeSet<&str> = gold.iter().map(|e| e.name.as_str()).collect();
    let score = prf(matched.len(), nodes.len(), matched.intersection(&gold_names).count(), gold_names.len());
    misses.add(&format!("{kind} missed"), gold_names.difference(&matched).map(|s| s.to_string()).collect());
    let extra = nodes.iter().filter(|n| !truthy(&view.entity[n])).map(|&n| view.graph.graph[n].name.clone()).collect();
    misses.add(&format!("{kind} extra"), extra);
    score
}

/// A post the graph states: (person node, body node, roleName, every date of its statements).
struct OutRole {
    person: NodeIndex,
    body: NodeIndex,
    role: String,
    dates: Vec<String>,
}

/// The exported heldRole statements, one per observation, in the order of
/// their IRIs, grouped by (subject, object, roleName) in first-seen order.
fn out_roles(view: &View) -> Vec<OutRole> {
    let g = &view.graph.graph;
    let mut statements: Vec<(String, OutRole)> = Vec::new();
    for &n in &view.order {
        for (n_stmt, (kind, target, edge)) in view.graph.sorted_edges_from(n).into_iter().enumerate() {
            if kind != EdgeKind::HeldRole {
                continue;
            }
            // the exporter's statement IRI and roleName (the edge's first wording)
            let role = edge.observations.iter().find_map(|o| o.role_name().map(String::from)).unwrap_or_default();
            for (k, o) in edge.observations.iter().enumerate() {
                let id = iri(&format!("statement:{}:{}:{}:{n_stmt}-{k}", g[n].key, kind.as_str(), g[target].key));
                let dates = [o.date(), o.start(), o.end(), o.observed_on].iter().flatten().map(|d| d.to_string()).collect();
                statements.push((id, OutRole { person: n, body: target, role: role.clone(), dates }));
            }
        }
    }
    statements.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Vec<OutRole> = Vec::new();
    let mut pos: HashMap<(NodeIndex, NodeIndex, String), usize> = HashMap::new();
    for (_, st) in statements {
        match pos.get(&(st.person, st.body, st.role.clone())) {
            Some(&i) => out[i].dates.extend(st.dates),
            None => {
                pos.insert((st.person, st.body, st.role.clone()), out.len());
                out.push(st);
            }
        }
    }
    // a heldRole edge with no statement (no observation) still counts, without a post
    for &n in &view.order {
        for (kind, target, _) in view.graph.sorted_edges_from(n) {
            if kind == EdgeKind::HeldRole && !out.iter().any(|r| r.person == n && r.body == target) {
                out.push(OutRole { person: n, body: target, role: String::new(), dates: Vec::new() });
            }
        }
    }
    out
}

/// A gold role, first of those with the same person, body and role keys.
struct GoldPost<'g> {
    person: &'g Option<String>,
    body: &'g Option<String>,
    role: &'g GoldRole,
    keys: BTreeSet<String>,
}

/// Roles, and the share of matched gold roles whose date some statement states.
fn score_roles(view: &View, gold: &Gold, misses: &mut Misses) -> (KindScore, f64) {
    let out = out_roles(view);
    let mut posts: Vec<GoldPost> = Vec::new();
    let mut seen = HashSet::new();
    for r in &gold.roles {
        let keys = role_keys(r.role.as_deref().unwrap_or(""));
        let joined = keys.iter().map(String::as_str).collect::<Vec<_>>().join(" ");
        if seen.insert((&r.person, &r.body, joined)) {
            posts.push(GoldPost { person: &r.person, body: &r.body, role: r, keys });
        }
    }
    let (mut hit, mut tp_p, mut date_ok, mut date_n) = (HashSet::new(), 0, 0, 0);
    for r in &out {
        let (person, body) = (view.resolved(r.person), view.resolved(r.body));
        let keys = role_keys(&r.role);
        // the first unmatched gold post that fits, or else the last one that fits
        let mut found = None;
        for (idx, post) in posts.iter().enumerate() {
            if *post.person == person && *post.body == body && (r.role.is_empty() || !keys.is_disjoint(&post.keys)) {
                found = Some(idx);
                if !hit.contains(&idx) {
                    break;
                }
            }
        }
        let Some(found) = found else { continue };
        if hit.insert(found) {
            tp_p += 1; // duplicates count against precision
            if let Some(when) = posts[found].role.when.as_deref().filter(|w| !w.is_empty()) {
                date_n += 1;
                date_ok += date_exact(when, &r.dates) as usize;
            }
        }
    }
    let missed = posts
        .iter()
        .enumerate()
        .filter(|(i, _)| !hit.contains(i))
        .map(|(_, p)| format!("{} / {} / {}", py(p.person), py(&p.role.role), py(p.body)))
        .collect();
    misses.add("roles missed", missed);
    (prf(tp_p, out.len(), hit.len(), posts.len()), ratio(date_ok, date_n))
}

/// Role status, judged per document as `score.py` judges it: a gold role with
/// a status counts where a heldRole statement derived from its own document
/// links the same person and body with a fitting post (or none); it is right
/// where one of those statements states the gold's status alone.
fn score_role_status(view: &View, gold: &Gold) -> f64 {
    let g = &view.graph.graph;
    // score.py keys documents by the names of the graph's nodes that equal a
    // gold file's `doc` (of files with roles)
    let gold_docs: HashSet<&str> = gold.roles.iter().filter_map(|r| r.doc.as_deref()).collect();
    let named: HashSet<&str> = g.node_indices().filter(|&n| gold_docs.contains(g[n].name.as_str())).map(|n| g[n].name.as_str()).collect();
    // (person, body, doc) -> [(roleName, status)]
    let mut stated: HashMap<(Option<String>, Option<String>, &str), Vec<(&str, Option<&str>)>> = HashMap::new();
    for n in g.node_indices() {
        for (kind, target, edge) in view.graph.sorted_edges_from(n) {
            if kind != EdgeKind::HeldRole {
                continue;
            }
            let role = edge.observations.iter().find_map(|o| o.role_name()).unwrap_or("");
            for o in &edge.observations {
                if let Some(doc) = named.get(&*o.evidence.doc) {
                    let key = (view.resolved(n), view.resolved(target), *doc);
                    stated.entry(key).or_default().push((role, o.status().map(|s| s.as_str())));
                }
            }
        }
    }
    let (mut ok, mut n) = (0, 0);
    for r in gold.roles.iter().filter(|r| truthy(&r.status)) {
        let Some(doc) = r.doc.as_deref() else { continue };
        let keys = role_keys(r.role.as_deref().unwrap_or(""));
        let Some(list) = stated.get(&(r.person.clone(), r.body.clone(), doc)) else { continue };
        let cands: Vec<Option<&str>> =
            list.iter().filter(|(role, _)| role.is_empty() || !role_keys(role).is_disjoint(&keys)).map(|(_, st)| *st).collect();
        if !cands.is_empty() {
            n += 1;
            ok += cands.iter().any(|st| *st == r.status.as_deref()) as usize;
        }
    }
    ratio(ok, n)
}

/// The gold inspections with the mentions of one event across documents merged.
fn gold_events(gold: &Gold) -> Vec<GoldInspection> {
    let mut events: Vec<GoldInspection> = Vec::new();
    for i in &gold.inspections {
        let same = events.iter_mut().find(|e| {
            e.body == i.body
                && ((truthy(&e.when)
                    && truthy(&i.when)
                    && date_compatible(e.when.as_deref(), i.when.as_deref())
                    && (!truthy(&e.rating) || !truthy(&i.rating) || e.rating == i.rating))
                    || (!truthy(&e.when) && !truthy(&i.when) && e.rating == i.rating && e.kind == i.kind))
        });
        match same {
            Some(e) => {
                if truthy(&i.when) && (!truthy(&e.when) || py(&i.when).chars().count() > py(&e.when).chars().count()) {
                    e.when = i.when.clone();
                }
                if !truthy(&e.rating) {
                    e.rating = i.rating.clone();
                }
            }
            None => events.push(i.clone()),
        }
    }
    events
}

/// Inspections, and the shares of matched gold events whose rating and date the graph gives.
fn score_inspections(view: &View, gold: &Gold, misses: &mut Misses) -> (KindScore, f64, f64) {
    let g = &view.graph.graph;
    let events = gold_events(gold);
    let (mut hit, mut tp_p, mut n_out) = (HashSet::new(), 0, 0);
    let (mut rating_ok, mut rating_n, mut date_ok, mut date_n) = (0, 0, 0, 0);
    for n in view.of_kind(NodeKind::Inspection) {
        n_out += 1;
        let edges = view.graph.sorted_edges_from(n);
        // the first inspected body that is a gold body; the last rating
        let body = edges
            .iter()
            .filter(|(k, _, _)| *k == EdgeKind::Inspected)
            .find_map(|(_, t, _)| view.resolved(*t).filter(|s| !s.is_empty()));
        let rating = edges.iter().rev().find(|(k, _, _)| *k == EdgeKind::Rated).map(|(_, t, _)| g[*t].name.as_str());
        let dates: Vec<String> = g[n].date.iter().map(|d| d.to_string()).collect();
        // the first unmatched event that fits, or else the last one that fits
        let mut best = None;
        for (idx, e) in events.iter().enumerate() {
            if e.body != body {
                continue;
            }
            if truthy(&e.when) {
                if !dates.iter().any(|d| date_compatible(e.when.as_deref(), Some(d))) {
                    continue;
                }
            } else if truthy(&e.rating) && norm_rating(rating) != norm_rating(e.rating.as_deref()) {
                continue;
            }
            best = Some(idx);
            if !hit.contains(&idx) {
                break;
            }
        }
        let Some(best) = best else { continue };
        if hit.insert(best) {
            tp_p += 1; // a second node for one event is a duplicate
            let e = &events[best];
            if truthy(&e.rating) {
                rating_n += 1;
                rating_ok += (norm_rating(rating) == norm_rating(e.rating.as_deref())) as usize;
            }
            if let Some(when) = e.when.as_deref().filter(|w| !w.is_empty()) {
                date_n += 1;
                date_ok += date_exact(when, &dates) as usize;
            }
        }
    }
    let missed = events
        .iter()
        .enumerate()
        .filter(|(i, _)| !hit.contains(i))
        .map(|(_, e)| format!("{} / {} / {} / {}", py(&e.body), py(&e.kind), py(&e.when), py(&e.rating)))
        .collect();
    misses.add("inspections missed", missed);
    (prf(tp_p, n_out, hit.len(), events.len()), ratio(rating_ok, rating_n), ratio(date_ok, date_n))
}

/// Successions: plain edges, counted once per (successor, predecessor) node pair.
fn score_successions(view: &View, gold: &Gold, misses: &mut Misses) -> KindScore {
    let gold_succ: HashSet<&(Option<String>, Option<String>)> = gold.successions.iter().collect();
    let raw: HashSet<(NodeIndex, NodeIndex)> = view
        .graph
        .graph
        .edge_references()
        .filter(|e| e.weight().kind == EdgeKind::Succeeded)
        .map(|e| (e.source(), e.target()))
        .collect();
    let out: HashSet<(Option<String>, Option<String>)> = raw.iter().map(|&(s, o)| (view.resolved(s), view.resolved(o))).collect();
    let tp = out.iter().filter(|p| gold_succ.contains(p)).count();
    let missed = gold_succ.iter().filter(|p| !out.contains(**p)).map(|(a, b)| format!("{} <- {}", py(a), py(b))).collect();
    misses.add("successions missed", missed);
    prf(tp, raw.len(), tp, gold_succ.len())
}

/// Scores the graph against the gold.
pub fn score(graph: &KnowledgeGraph, gold: &Gold) -> Report {
    let view = View::new(graph, gold);
    let mut misses = Misses::default();
    let people = score_entities(&view, "people", &view.persons, &gold.people, &mut misses);
    let bodies = score_entities(&view, "bodies", &view.bodies, &gold.bodies, &mut misses);
    let (roles, role_dates) = score_roles(&view, gold, &mut misses);
    let role_status = score_role_status(&view, gold);
    let (inspections, inspection_ratings, inspection_dates) = score_inspections(&view, gold, &mut misses);
    let successions = score_successions(&view, gold, &mut misses);
    // summed in score.py's order, so the float is the same
    let overall_f1 = (people.f1 + bodies.f1 + roles.f1 + inspections.f1 + successions.f1) / KINDS.len() as f64;
    Report {
        people,
        bodies,
        roles,
        inspections,
        successions,
        role_dates,
        role_status,
        inspection_ratings,
        inspection_dates,
        overall_f1,
        misses: misses.0,
    }
}

impl Report {
    fn kind(&self, k: &str) -> KindScore {
        match k {
            "people" => self.people,
            "bodies" => self.bodies,
            "roles" => self.roles,
            "inspections" => self.inspections,
            _ => self.successions,
        }
    }

    fn accuracy(&self, k: &str) -> f64 {
        match k {
            "role dates" => self.role_dates,
            "role status" => self.role_status,
            "inspection ratings" => self.inspection_ratings,
            _ => self.inspection_dates,
        }
    }

    /// The text `score.py` prints (with `--verbose`, the miss lists too), its
    /// last line `overall F1 X.XXX`, without a trailing newline.
    pub fn table(&self, verbose: bool) -> String {
        let mut out = format!("{:<20}{:>10}{:>8}{:>8}\n", "kind", "precision", "recall", "F1");
        for k in KINDS {
            let s = self.kind(k);
            out += &format!("{k:<20}{:>10.3}{:>8.3}{:>8.3}\n", s.precision, s.recall, s.f1);
        }
        for k in ACCURACIES {
            out += &format!("{k:<20}{:>10}{:>8.3}\n", "accuracy", self.accuracy(k));
        }
        if verbose {
            for k in MISS_KEYS {
                if let Some(v) = self.misses.get(k) {
                    out += &format!("\n{k}:\n");
                    for x in v {
                        out += &format!("  {x}\n");
                    }
                }
            }
        }
        out += &format!("overall F1 {:.3}", self.overall_f1);
        out
    }

    /// What `score.py --json` prints: `report` (kind -> [precision, recall, F1],
    /// accuracy -> [value]), `misses` (every list, empty or not) and `overall_f1`.
    pub fn to_json(&self) -> Value {
        let mut report = Map::new();
        for k in KINDS {
            let s = self.kind(k);
            report.insert(k.into(), json!([s.precision, s.recall, s.f1]));
        }
        for k in ACCURACIES {
            report.insert(k.into(), json!([self.accuracy(k)]));
        }
        let mut misses = Map::new();
        for k in MISS_KEYS {
            misses.insert(k.into(), json!(self.misses.get(k).cloned().unwrap_or_default()));
        }
        json!({"report": report, "misses": misses, "overall_f1": self.overall_f1})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &[&str]) -> BTreeSet<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    // Expected values are what score.py's functions return for the same input.
    #[test]
    fn norm_text_matches_score_py() {
        assert_eq!(norm_text("Director of Children’s Services"), "director of childrens services");
        assert_eq!(norm_text("  St. Helens   Council's `Children' "), "st helens councils children");
        assert_eq!(norm_text("Multi-Agency Safeguarding Hub (MASH)"), "multi agency safeguarding hub mash");
        assert_eq!(norm_text("Ofsted’s ‘Inadequate’ rating"), "ofsteds inadequate rating");
        assert_eq!(norm_text("Café – Zoë's"), "caf zo s");
        assert_eq!(norm_text("'s's'sx"), "sssx");
        assert_eq!(norm_text(""), "");
    }

    #[test]
    fn person_names_lose_honorifics() {
        assert_eq!(norm_person("Cllr Jo Bloggs"), "jo bloggs");
        assert_eq!(norm_person("Dr. Mary O'Neill"), "mary oneill");
    }

    #[test]
    fn body_core_drops_generic_words() {
        assert_eq!(body_core("Northamptonshire County Council"), "northamptonshire");
        assert_eq!(body_core("The Royal Borough of Kensington and Chelsea"), "kensington chelsea");
        assert_eq!(body_core("City of Bradford Metropolitan District Council"), "bradford");
        assert_eq!(body_core("the council"), "");
        assert_eq!(body_core("Children's Trust"), "childrens trust");
    }

    #[test]
    fn role_keys_expand_abbreviations() {
        assert_eq!(role_keys("director of children's services"), set(&["director", "childrens"]));
        assert_eq!(role_keys("DCS"), set(&["director", "childrens"]));
        assert_eq!(role_keys("interim chief exec"), set(&["chief", "executive"]));
        assert_eq!(role_keys("CEO"), set(&["chief", "executive"]));
        assert_eq!(role_keys("lead member for children"), set(&["cabinet", "member"]));
        assert_eq!(role_keys("HMI"), set(&["her", "majestys", "inspector"]));
        assert_eq!(role_keys("the portfolio-holder"), set(&["cabinet", "member"]));
        assert_eq!(role_keys("Services"), set(&[]));
    }

    #[test]
    fn dates_agree_at_common_precision() {
        assert!(date_compatible(Some("2020-10"), Some("2020-10-05")));
        assert!(date_compatible(Some("2020"), Some("2020-12-31")));
        assert!(!date_compatible(Some("2020-10"), Some("2020-11")));
        assert!(!date_compatible(Some(""), Some("2020")));
        assert!(!date_compatible(None, Some("2020")));
        assert!(date_compatible(Some("2020-10-05T10:00"), Some("2020-10-05T11:00")));
        assert!(date_exact("2020-10", &["2020".into(), "2020-10-05".into()]));
        assert!(!date_exact("2020-10", &["2020".into()]));
    }

    #[test]
    fn ratings_fold_requires_improvement() {
        assert_eq!(norm_rating(Some("Requires improvement to be good")), "requires improvement");
        assert_eq!(norm_rating(None), "");
    }

    #[test]
    fn prf_handles_empty_sides() {
        assert_eq!(prf(0, 0, 0, 0), KindScore { precision: 1.0, recall: 1.0, f1: 1.0 });
        assert_eq!(prf(0, 0, 0, 3).f1, 0.0);
        let s = prf(1, 2, 1, 4);
        assert_eq!((s.precision, s.recall), (0.5, 0.25));
    }
}
