//! Reads a graph written by `oversight build` (`graph.jsonld`) back into a
//! small query model: the nodes with their names and plain edges, and every
//! `rdf:Statement` with its dates and provenance. This is the one reading path:
//! a graph built on the fly with `--from` is written as JSON-LD and read here too.

use crate::date::PartialDate;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// The kinds of node the queries tell apart (the JSON-LD `@type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Person,
    Body,
    Inspection,
    Rating,
    Document,
    Other,
}

impl Kind {
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Body => "body",
            Kind::Inspection => "inspection",
            Kind::Rating => "rating",
            Kind::Document => "document",
            Kind::Other => "node",
        }
    }
}

/// One node of the graph.
#[derive(Debug, Clone)]
pub struct Node {
    pub id: String,
    pub kind: Kind,
    pub name: Text,
    pub alternate_names: Vec<String>,
    /// `council`, `trust`, ... for a body.
    pub body_kind: Option<String>,
    /// `focused visit`, ... for an inspection.
    pub inspection_kind: Option<String>,
    /// An inspection's date, or a document's publication date.
    pub date: Option<PartialDate>,
    /// Plain edges: property (`inspected`, `heldRole`, ...) -> target ids.
    pub links: BTreeMap<String, Vec<Text>>,
}

impl Node {
    /// The targets of one plain edge property.
    pub fn targets(&self, property: &str) -> &[Text] {
        self.links.get(property).map_or(&[], |v| v.as_slice())
    }
}

/// A string of the model, shared by every statement that holds it (a large
/// graph's statements repeat a few thousand node ids, and each sentence
/// stands behind several of them).
pub type Text = Arc<str>;

/// One document's statement of an edge (an `rdf:Statement`).
#[derive(Debug, Clone, Default)]
pub struct Statement {
    pub subject: Text,
    /// The edge's local name: `heldRole`, `succeeded`, `inspected`, ...
    pub predicate: Text,
    pub object: Text,
    pub role_name: Option<Text>,
    pub status: Option<Text>,
    pub date: Option<PartialDate>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// The date of the document it came from.
    pub observed_on: Option<PartialDate>,
    /// What passed over, for a succession.
    pub what: Option<Text>,
    /// The id of the document it came from.
    pub document: Option<Text>,
    /// The sentence, as in the original text.
    pub evidence: Option<Text>,
    pub start_offset: Option<u64>,
    pub end_offset: Option<u64>,
    pub rule: Option<Text>,
}

/// How many parts `Model::read_file_in_parallel` makes for each thread.
const PARTS_A_THREAD: usize = 4;

/// The bytes of items `Model::read_file_in_parallel` reads into memory at a
/// time, on each thread (more only where one item is longer).
const READ_CHUNK: u64 = 4 << 20;

/// A graph read back from JSON-LD.
#[derive(Debug, Default)]
pub struct Model {
    pub nodes: Vec<Node>,
    pub statements: Vec<Statement>,
    /// The id of the build that wrote the graph, where it says.
    pub build: Option<String>,
    by_id: HashMap<String, usize>,
    /// Every string the statements hold, once.
    texts: HashSet<Text>,
}

/// The items of a `@graph` array, each added to the model as it is read.
struct Items<'m>(&'m mut Model);

impl<'de> serde::de::DeserializeSeed<'de> for Items<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Items<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of items")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<Val<'de>>()? {
            self.0.add_val(&item);
        }
        Ok(())
    }
}

/// Edge properties written as plain triples on their subject node.
const EDGES: [&str; 8] = ["inspected", "rated", "conductedBy", "inspector", "heldRole", "succeeded", "mentionedIn", "author"];

impl Model {
    /// Parses the JSON-LD text of a graph written by `oversight build`.
    /// The error says what is wrong with it, for a message that names the file.
    pub fn parse(text: &str) -> Result<Model, String> {
        let root: Value = serde_json::from_str(text).map_err(|e| format!("not JSON ({e})"))?;
        let items = root.get("@graph").and_then(Value::as_array).ok_or("no \"@graph\" array: not a graph written by `oversight build`")?;
        let mut model = Model::default();
        for item in items {
            model.add(item);
        }
        Ok(model)
    }

    /// Reads the JSON-LD of a graph written by `oversight build` from a
    /// reader, one item of its `@graph` at a time: the text is never held
    /// whole, nor is more than one item's JSON. The error says what is wrong.
    pub fn read_from(reader: impl std::io::Read) -> Result<Model, String> {
        use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
        struct Root<'m>(&'m mut Model, bool);
        impl<'de> Visitor<'de> for Root<'_> {
            type Value = bool;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON-LD object")
            }
            fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<bool, A::Error> {
                while let Some(key) = map.next_key::<String>()? {
                    if key == "@graph" {
                        map.next_value_seed(Items(&mut *self.0))?;
                        self.1 = true;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(self.1)
            }
        }
        let mut model = Model::default();
        let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 20, reader));
        let found = de.deserialize_map(Root(&mut model, false)).and_then(|found| de.end().map(|_| found)).map_err(|e| format!("not JSON ({e})"))?;
        if !found {
            return Err("no \"@graph\" array: not a graph written by `oversight build`".into());
        }
        Ok(model)
    }

    /// Reads a JSON-LD file that `export::jsonld::write_to` wrote, with
    /// `offsets` where its items lie, on `threads` threads: the items are
    /// cut into parts of even bytes, each read into a model of its own, and
    /// the models are joined in order, so the model is the one `read_from`
    /// gives.
    pub fn read_file_in_parallel(path: &std::path::Path, offsets: &crate::export::jsonld::ItemOffsets, threads: usize) -> Result<Model, String> {
        use std::io::{Read, Seek};
        let starts = &offsets.starts;
        let n = starts.len();
        // Items split where the bytes split evenly, into a few parts a thread:
        // items of equal bytes take unequal times to read, and a thread that
        // is done early takes the next part.
        let parts = if threads > 1 { threads * PARTS_A_THREAD } else { 1 }.clamp(1, n.max(1));
        let (first, total) = (starts.first().copied().unwrap_or(0), offsets.end.saturating_sub(starts.first().copied().unwrap_or(0)));
        let mut bounds: Vec<usize> = (0..parts).map(|i| starts.partition_point(|&x| x < first + total * i as u64 / parts as u64)).collect();
        bounds.push(n);
        bounds.dedup();
        // Where the items before `b` end.
        let end_before = |b: usize| if b < n { starts[b] - crate::export::jsonld::ITEM_SEPARATOR.len() as u64 } else { offsets.end };
        // A part's items are read a few megabytes at a time into a buffer,
        // which serde_json parses much faster than it does a reader.
        let read_range = |a: usize, b: usize| -> Result<Model, String> {
            let mut model = Model::default();
            let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
            let mut buf = Vec::new();
            let mut i = a;
            while i < b {
                // Items `i..j`: as many as fit in `READ_CHUNK` bytes, one at least.
                let j = (i + 1 + starts[i + 1..b].partition_point(|&x| x <= starts[i] + READ_CHUNK)).min(b);
                file.seek(std::io::SeekFrom::Start(starts[i])).map_err(|e| e.to_string())?;
                buf.clear();
                buf.push(b'[');
                (&mut file).take(end_before(j) - starts[i]).read_to_end(&mut buf).map_err(|e| e.to_string())?;
                buf.push(b']');
                model.read_items_from_slice(&buf)?;
                i = j;
            }
            Ok(model)
        };
        let ranges: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).collect();
        let models = crate::pipeline::in_parallel_ordered(&ranges, threads, &|&(a, b)| read_range(a, b));
        let mut models = models.into_iter().collect::<Result<std::collections::VecDeque<Model>, String>>()?;
        // The first part grows into the whole (its vectors are not copied).
        let mut model = models.pop_front().unwrap_or_default();
        model.texts = HashSet::new();
        model.nodes.reserve(models.iter().map(|m| m.nodes.len()).sum());
        model.by_id.reserve(models.iter().map(|m| m.nodes.len()).sum());
        model.statements.reserve(models.iter().map(|m| m.statements.len()).sum());
        while let Some(m) = models.pop_front() {
            model.append(m);
        }
        Ok(model)
    }

    /// Adds the items of a JSON array of `@graph` items.
    fn read_items_from_slice(&mut self, json: &[u8]) -> Result<(), String> {
        use serde::de::DeserializeSeed;
        let mut de = serde_json::Deserializer::from_slice(json);
        Items(self).deserialize(&mut de).and_then(|_| de.end()).map_err(|e| format!("not JSON ({e})"))
    }

    /// Adds the nodes and statements of `other` after this model's. The
    /// strings `other` shares are not added to those this model shares: a
    /// model read in parts is complete, and no more items are added to it.
    fn append(&mut self, other: Model) {
        self.build = self.build.take().or(other.build);
        for node in other.nodes {
            self.by_id.insert(node.id.clone(), self.nodes.len());
            self.nodes.push(node);
        }
        self.statements.extend(other.statements);
    }

    /// Adds one item of a graph's `@graph` array: a node, or a statement.
    pub fn add(&mut self, item: &Value) {
        self.add_val(&Val::of(item));
    }

    /// `add`, for an item read as a `Val`.
    fn add_val(&mut self, obj: &Val) {
        if !matches!(obj, Val::Obj(_)) {
            return;
        }
        let Some(id) = obj.get("@id").and_then(Val::as_str) else { return };
        let types = strings(obj.get("@type"));
        if id == crate::export::jsonld::BUILD_ITEM {
            self.build = obj.get("identifier").and_then(Val::as_str).map(String::from);
            return;
        }
        if types.iter().any(|t| t == "Statement" || t == "rdf:Statement") {
            let st = statement(obj, &mut |t: &str| self.share(t));
            self.statements.push(st);
            return;
        }
        let kind = kind_of(&types);
        let mut links = BTreeMap::new();
        for p in EDGES {
            let t = strings(obj.get(p));
            if !t.is_empty() {
                links.insert(p.to_string(), t.iter().map(|t| self.share(t)).collect());
            }
        }
        let mut alternate_names: Vec<String> = strings(obj.get("alternateName")).into_iter().map(Cow::into_owned).collect();
        alternate_names.extend(strings(obj.get("schema:headline")).into_iter().map(Cow::into_owned));
        let node = Node {
            id: id.to_string(),
            kind,
            name: obj.get("name").and_then(Val::as_str).unwrap_or(id).into(),
            alternate_names,
            body_kind: text_of(obj.get("bodyKind")).map(Cow::into_owned),
            inspection_kind: text_of(obj.get("inspectionKind")).map(Cow::into_owned),
            date: date_of(obj.get("date")).or_else(|| date_of(obj.get("datePublished"))),
            links,
        };
        self.by_id.insert(node.id.clone(), self.nodes.len());
        self.nodes.push(node);
    }

    /// The model's one copy of a string.
    fn share(&mut self, t: &str) -> Text {
        if let Some(shared) = self.texts.get(t) {
            return shared.clone();
        }
        let shared: Text = t.into();
        self.texts.insert(shared.clone());
        shared
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.by_id.get(id).map(|&i| &self.nodes[i])
    }

    /// A node's name, or its id when the node is not in the graph.
    pub fn name(&self, id: &str) -> String {
        self.node(id).map_or_else(|| id.to_string(), |n| n.name.to_string())
    }

    /// The statements of one edge property.
    pub fn statements_of<'a>(&'a self, predicate: &'a str) -> impl Iterator<Item = &'a Statement> + 'a {
        self.statements.iter().filter(move |s| &*s.predicate == predicate)
    }
}

fn kind_of(types: &[Cow<str>]) -> Kind {
    let has = |t: &str| types.iter().any(|x| x == t || x.ends_with(&format!(":{t}")));
    if has("Person") {
        Kind::Person
    } else if has("Body") || has("Organization") {
        Kind::Body
    } else if has("Inspection") {
        Kind::Inspection
    } else if has("Rating") {
        Kind::Rating
    } else if has("Document") {
        Kind::Document
    } else {
        Kind::Other
    }
}

fn statement(obj: &Val, share: &mut dyn FnMut(&str) -> Text) -> Statement {
    let id = |k: &str| strings(obj.get(k)).into_iter().next();
    let text = |k: &str| text_of(obj.get(k));
    Statement {
        subject: share(&id("subject").unwrap_or_default()),
        predicate: share(text("predicate").as_deref().map_or("", local_name)),
        object: share(&id("object").unwrap_or_default()),
        role_name: text("roleName").map(|t| share(&t)),
        status: text("status").map(|t| share(&t)),
        date: date_of(obj.get("date")),
        start: date_of(obj.get("startDate")),
        end: date_of(obj.get("endDate")),
        observed_on: date_of(obj.get("observedOn")),
        what: text("what").map(|t| share(&t)),
        document: id("wasDerivedFrom").map(|t| share(&t)),
        evidence: text("evidence").map(|t| share(&t)),
        start_offset: number_of(obj.get("startOffset")),
        end_offset: number_of(obj.get("endOffset")),
        rule: text("rule").map(|t| share(&t)),
    }
}

/// `ov:heldRole` or `urn:oversight:vocab#heldRole` -> `heldRole`.
fn local_name(p: &str) -> &str {
    p.rsplit(['#', ':', '/']).next().unwrap_or(p)
}

/// A JSON value as the model reads it. Read straight from the JSON text, its
/// strings are borrowed from the text wherever they hold no escape (making
/// a `Value` of every item, and dropping it, was most of reading a model);
/// `Val::of` borrows a `Value`'s.
#[derive(Debug)]
enum Val<'a> {
    Str(Cow<'a, str>),
    Num(serde_json::Number),
    List(Vec<Val<'a>>),
    /// The members in order: as in a `Value`, the last of a repeated key counts.
    Obj(Vec<(Cow<'a, str>, Val<'a>)>),
    /// `true`, `false` and `null`.
    Other,
}

impl<'a> Val<'a> {
    fn of(v: &'a Value) -> Val<'a> {
        match v {
            Value::String(s) => Val::Str(Cow::Borrowed(s)),
            Value::Number(n) => Val::Num(n.clone()),
            Value::Array(a) => Val::List(a.iter().map(Val::of).collect()),
            Value::Object(o) => Val::Obj(o.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), Val::of(v))).collect()),
            Value::Bool(_) | Value::Null => Val::Other,
        }
    }

    /// An object's member.
    fn get(&self, key: &str) -> Option<&Val<'a>> {
        match self {
            Val::Obj(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Reads any JSON value, as a `Value` would hold it (a number as
/// `serde_json::Number`, a float that is not finite as null).
impl<'de> serde::Deserialize<'de> for Val<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Val<'de>, D::Error> {
        struct Any;
        impl<'de> serde::de::Visitor<'de> for Any {
            type Value = Val<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Val<'de>, E> {
                Ok(Val::Other)
            }
            fn visit_i64<E>(self, n: i64) -> Result<Val<'de>, E> {
                Ok(Val::Num(n.into()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Val<'de>, E> {
                Ok(Val::Num(n.into()))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Val<'de>, E> {
                Ok(serde_json::Number::from_f64(n).map_or(Val::Other, Val::Num))
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Val<'de>, E> {
                Ok(Val::Str(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Val<'de>, E> {
                Ok(Val::Str(Cow::Owned(s.to_string())))
            }
            fn visit_string<E>(self, s: String) -> Result<Val<'de>, E> {
                Ok(Val::Str(Cow::Owned(s)))
            }
            fn visit_unit<E>(self) -> Result<Val<'de>, E> {
                Ok(Val::Other)
            }
            fn visit_none<E>(self) -> Result<Val<'de>, E> {
                Ok(Val::Other)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Val<'de>, D::Error> {
                <Val as serde::Deserialize>::deserialize(d)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Val<'de>, A::Error> {
                let mut items = Vec::new();
                while let Some(v) = seq.next_element()? {
                    items.push(v);
                }
                Ok(Val::List(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Val<'de>, A::Error> {
                let mut members = Vec::new();
                // A JSON key is a string, read (and borrowed) as any string is.
                while let Some(key) = map.next_key()? {
                    let Val::Str(k) = key else { return Err(serde::de::Error::custom("a key that is not a string")) };
                    members.push((k, map.next_value()?));
                }
                Ok(Val::Obj(members))
            }
        }
        d.deserialize_any(Any)
    }
}

/// A value's strings: a string, an `{"@id"}` or `{"@value"}` object, or an array of them.
fn strings<'v>(v: Option<&'v Val>) -> Vec<Cow<'v, str>> {
    match v {
        Some(Val::List(a)) => a.iter().flat_map(|x| strings(Some(x))).collect(),
        Some(x) => text_of(Some(x)).into_iter().collect(),
        None => Vec::new(),
    }
}

fn text_of<'v>(v: Option<&'v Val>) -> Option<Cow<'v, str>> {
    match v? {
        Val::Str(s) => Some(Cow::Borrowed(s)),
        o @ Val::Obj(_) => o.get("@value").or_else(|| o.get("@id")).and_then(Val::as_str).map(Cow::Borrowed),
        Val::List(a) => text_of(a.first()),
        Val::Num(n) => Some(Cow::Owned(n.to_string())),
        Val::Other => None,
    }
}

fn date_of(v: Option<&Val>) -> Option<PartialDate> {
    PartialDate::parse_iso(&text_of(v)?)
}

fn number_of(v: Option<&Val>) -> Option<u64> {
    match v? {
        Val::Num(n) => n.as_u64(),
        other => text_of(Some(other))?.parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nodes_edges_and_statements() {
        let text = r#"{"@context": {}, "@graph": [
          {"@id": "urn:oversight:body:b", "@type": ["Body", "Organization"], "name": "B Council", "alternateName": ["B"]},
          {"@id": "urn:oversight:person:p", "@type": "Person", "name": "P Q", "heldRole": "urn:oversight:body:b"},
          {"@id": "urn:oversight:statement:1", "@type": "Statement", "subject": "urn:oversight:person:p",
           "predicate": "heldRole", "object": "urn:oversight:body:b", "roleName": "chair", "status": "current",
           "date": {"@value": "2019-06", "@type": "xsd:gYearMonth"}, "startOffset": 3, "evidence": "P Q, chair of B."}
        ]}"#;
        let m = Model::parse(text).unwrap();
        assert_eq!(m.nodes.len(), 2);
        assert_eq!(m.node("urn:oversight:body:b").unwrap().kind, Kind::Body);
        assert_eq!(m.node("urn:oversight:person:p").unwrap().targets("heldRole"), [Text::from("urn:oversight:body:b")]);
        let s = &m.statements[0];
        assert_eq!((&*s.predicate, s.role_name.as_deref()), ("heldRole", Some("chair")));
        assert_eq!(s.date.unwrap().to_string(), "2019-06");
        assert_eq!(s.start_offset, Some(3));
    }

    #[test]
    fn reading_item_by_item_gives_the_model_of_the_whole_text() {
        let text = r#"{"@context": {"x": "y"}, "@graph": [
          {"@id": "urn:oversight:body:b", "@type": "Body", "name": "B Council", "mentionedIn": ["urn:oversight:doc:d"]},
          {"@id": "urn:oversight:statement:1", "@type": "Statement", "subject": "urn:oversight:person:p",
           "predicate": "heldRole", "object": "urn:oversight:body:b", "evidence": "P, chair of B."}
        ], "extra": [1, {"a": 2}]}"#;
        let (whole, read) = (Model::parse(text).unwrap(), Model::read_from(text.as_bytes()).unwrap());
        assert_eq!(format!("{:?}", whole.nodes), format!("{:?}", read.nodes));
        assert_eq!(format!("{:?}", whole.statements), format!("{:?}", read.statements));
        assert!(Model::read_from("{\"@graph\": [".as_bytes()).unwrap_err().contains("not JSON"));
        assert!(Model::read_from("{}".as_bytes()).unwrap_err().contains("@graph"));
        assert!(Model::read_from("[]".as_bytes()).is_err());
    }

    #[test]
    fn reading_ranges_of_items_in_parallel_gives_the_model_read_in_one_go() {
        let g = crate::pipeline::build_graph(&[std::path::PathBuf::from("seeds")]).unwrap().graph;
        let path = std::env::temp_dir().join(format!("oversight-load-test-{}.jsonld", std::process::id()));
        let mut file = std::fs::File::create(&path).unwrap();
        let offsets = crate::export::jsonld::write_to(&g, &mut file, Some("a-build"), None).unwrap();
        drop(file);
        let text = std::fs::read(&path).unwrap();
        assert_eq!(offsets.end as usize, text.len() - "\n  ]\n}\n".len());
        assert!(offsets.starts.iter().all(|&s| text[s as usize] == b'{'));
        let whole = Model::read_from(text.as_slice()).unwrap();
        for threads in [1, 2, 3, 7, 100_000] {
            let read = Model::read_file_in_parallel(&path, &offsets, threads).unwrap();
            assert_eq!(format!("{:?}", whole.nodes), format!("{:?}", read.nodes), "{threads} threads");
            assert_eq!(format!("{:?}", whole.statements), format!("{:?}", read.statements), "{threads} threads");
            assert!(whole.nodes.iter().all(|n| read.node(&n.id).is_some_and(|r| r.name == n.name)));
            assert_eq!(read.build.as_deref(), Some("a-build"), "{threads} threads");
        }
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn an_item_read_straight_from_its_text_is_read_as_its_value_is() {
        let items = [
            r#"{"@id": "urn:x:p", "@type": ["Person"], "name": "A \"B\" C", "heldRole": ["urn:x:b", {"@id": "urn:x:c"}, [["urn:x:d"]]], "date": {"@value": "2019-06"}}"#,
            r#"{"@id": "urn:x:b", "@type": "ov:Body", "name": 7, "bodyKind": {"@value": 3, "@id": "council"}, "inspectionKind": [], "datePublished": {"@id": "2020"}}"#,
            r#"{"@id": "urn:x:s", "@type": "rdf:Statement", "subject": ["urn:x:p"], "predicate": "urn:oversight:vocab#heldRole", "object": {"@id": "urn:x:b"},
               "startOffset": 12, "endOffset": "40", "evidence": "caf\u00e9 \\ \n", "rule": null, "status": true, "what": 1.5e3, "roleName": -2,
               "date": {"@value": "2018-01-02", "@type": "xsd:date"}, "startDate": "bad", "observedOn": ["2017"]}"#,
            r#"{"@id": "urn:x:s2", "@type": "Statement", "subject": "urn:x:a", "subject": "urn:x:last", "startOffset": 1.0, "endOffset": 18446744073709551615}"#,
            r#"{"@id": "urn:x:e", "@type": "Event", "alternateName": ["one", {"@value": "two"}], "schema:headline": "three", "name": null}"#,
            r#"{"@type": "Person", "name": "no id"}"#,
            r#"["not", "an", "object"]"#,
        ];
        for item in items {
            let value: Value = serde_json::from_str(item).unwrap();
            let (mut from_value, mut from_text) = (Model::default(), Model::default());
            from_value.add(&value);
            from_text.add_val(&serde_json::from_str::<Val>(item).unwrap());
            assert_eq!(format!("{:?}", from_value.nodes), format!("{:?}", from_text.nodes), "{item}");
            assert_eq!(format!("{:?}", from_value.statements), format!("{:?}", from_text.statements), "{item}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_graph() {
        assert!(Model::parse("not json").unwrap_err().contains("not JSON"));
        assert!(Model::parse("{}").unwrap_err().contains("@graph"));
    }
}
