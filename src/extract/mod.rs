//! Extractors: text in, facts out. Each document is read on its own; nothing
//! here knows of other documents or of the graph (resolution across documents
//! happens in `resolve`).
//!
//! The order matters: bodies are found first (named ones, then anaphors such
//! as "the county council"), then people outside them, then the facts that
//! link them: roles, inspections and successions.

pub mod body;
pub mod date;
pub mod gate;
pub mod inspection;
pub mod meta;
pub mod person;
pub mod phrases;
pub mod role;
pub mod rules;
pub mod succession;
pub mod topic;

use crate::date::PartialDate;
use crate::document::Document;
pub use crate::graph::sentences::Sentence;
use crate::schema::{BodyKind, Schema};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

pub type EntityId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    Person,
    Body,
}

/// A person or body as one document names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub kind: EntityKind,
    /// The most complete name: the gazetteer's for a known body.
    pub name: String,
    /// Every other way the document refers to it.
    pub aliases: BTreeSet<String>,
    pub body_kind: Option<BodyKind>,
    /// The place a council or trust is named after, when known.
    pub place: Option<String>,
    /// Where the document first names it.
    pub first_mention: Option<Evidence>,
}

/// Where a document refers to an entity: a span of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub entity: EntityId,
    pub sentence: usize,
    /// An anaphor ("the council") rather than a name.
    pub anaphor: bool,
}

/// What a fact rests on: the document, the span that states it, the sentence,
/// and the rule that read it. Offsets are bytes of the original text, in 32
/// bits (a normalised text maps its offsets in 32 bits too, and no input is
/// near 4 GiB): a large graph holds millions of these.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Shared by every fact of one document.
    pub doc: Arc<str>,
    pub start: u32,
    pub end: u32,
    /// The same span in characters, for tools that count characters.
    pub char_start: u32,
    pub char_end: u32,
    pub sentence_start: u32,
    pub sentence_end: u32,
    /// Shared by every fact read from the same sentence: a graph holds each
    /// evidence sentence once, however many statements rest on it (on disk,
    /// in a build: `graph::sentences`).
    pub sentence: Sentence,
    pub rule: Arc<str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Current,
    Former,
    Future,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Current => "current",
            Status::Former => "former",
            Status::Future => "future",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleFact {
    pub person: EntityId,
    pub body: EntityId,
    /// The post in lower case as the document words it.
    pub role: String,
    /// The post's usual name, for grouping.
    pub canonical: String,
    pub status: Status,
    /// When the document ties the role to: its own date for the present tense.
    pub date: Option<PartialDate>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub evidence: Evidence,
    /// The words around the post named its body (rather than a default).
    #[serde(skip)]
    pub body_named: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InspectionFact {
    pub body: EntityId,
    pub kind: String,
    pub date: Option<PartialDate>,
    pub rating: Option<String>,
    pub inspectorate: Option<EntityId>,
    pub inspectors: Vec<EntityId>,
    /// The sentences that name the event.
    pub evidence: Vec<Evidence>,
    /// Each edge's own evidence: a sentence that names its other end.
    pub ends: EndEvidence,
}

/// Where a document names each other end of an inspection: the evidence of
/// the edges `inspected`, `rated`, `conductedBy` and `inspector`, so that no
/// edge borrows the event's sentence when that sentence does not name its end.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EndEvidence {
    pub body: Option<Evidence>,
    /// The judgement's words are the span.
    pub rating: Option<Evidence>,
    pub inspectorate: Option<Evidence>,
    /// In the order of `inspectors`.
    pub inspectors: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuccessionFact {
    pub successor: EntityId,
    pub predecessor: EntityId,
    pub date: Option<PartialDate>,
    pub what: String,
    pub evidence: Evidence,
}

/// Everything one document yields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocExtraction {
    pub doc: String,
    pub title: Option<String>,
    pub date: Option<PartialDate>,
    pub authors: Vec<EntityId>,
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    pub roles: Vec<RoleFact>,
    pub inspections: Vec<InspectionFact>,
    pub successions: Vec<SuccessionFact>,
}

/// State shared by the extractors while they read one document.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub schema: &'a Schema,
    pub date: Option<PartialDate>,
    /// The date relative expressions are read against: the document's date,
    /// or for an undated document the latest date it states.
    pub reference: Option<PartialDate>,
    /// Sentences that are boilerplate (credits, sign-up prompts) and hold no facts.
    pub skip: Vec<bool>,
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    /// `main_body` answers, each with the number of mentions and entities it
    /// was counted over: mentions are only ever added, so an answer stands
    /// until they change (it is asked once per sentence).
    main_bodies: std::cell::RefCell<Vec<(BodyKind, usize, usize, Option<EntityId>)>>,
    /// Each sentence's posts (`role::posts`), read once the mentions are all
    /// found (the rules, roles and successions each ask for them), with the
    /// number of mentions they were read with.
    posts: std::cell::RefCell<HashMap<usize, (usize, std::rc::Rc<[role::PostMention]>)>>,
    /// The strings evidence shares: the document's id, and each sentence and
    /// rule id once (see `Evidence`).
    shared: std::cell::RefCell<Shared>,
}

#[derive(Default)]
struct Shared {
    doc: Option<Arc<str>>,
    sentences: HashMap<(usize, usize), Arc<str>>,
    rules: Vec<Arc<str>>,
}

impl<'a> Ctx<'a> {
    pub fn text(&self) -> &'a str {
        &self.doc.norm.text
    }

    pub fn sentence_text(&self, i: usize) -> &'a str {
        let s = &self.doc.sentences[i];
        &self.doc.norm.text[s.start..s.end]
    }

    /// Adds or finds the entity with this kind and name.
    pub fn entity(&mut self, kind: EntityKind, name: &str, body_kind: Option<BodyKind>, place: Option<&str>) -> EntityId {
        if let Some(i) = self.entities.iter().position(|e| e.kind == kind && e.name == name) {
            return i;
        }
        self.entities.push(Entity {
            kind,
            name: name.to_string(),
            aliases: BTreeSet::new(),
            body_kind,
            place: place.map(String::from),
            first_mention: None,
        });
        self.entities.len() - 1
    }

    /// Records a mention, unless it overlaps one already made.
    pub fn mention(&mut self, start: usize, end: usize, entity: EntityId, anaphor: bool) -> bool {
        if self.overlaps(start, end) {
            return false;
        }
        let Some(sentence) = self.doc.sentence_at(start) else { return false };
        let surface = self.text()[start..end].trim().to_string();
        let pronoun = matches!(surface.as_str(), "He" | "She" | "he" | "she" | "His" | "Her" | "his" | "her");
        if surface != self.entities[entity].name && !pronoun {
            self.entities[entity].aliases.insert(surface);
        }
        let at = self.mentions.partition_point(|m| m.start < start);
        self.mentions.insert(at, Mention { start, end, entity, sentence, anaphor });
        true
    }

    /// Whether `[start, end)` overlaps a mention. Mentions never overlap each
    /// other and are kept sorted, so only the neighbours need looking at.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        let i = self.mentions.partition_point(|m| m.start < end);
        i > 0 && self.mentions[..i].iter().rev().take_while(|m| m.end > start || m.start + 1 >= start).any(|m| start < m.end && m.start < end)
    }

    /// The mentions that start before `at`, in order.
    pub fn mentions_before(&self, at: usize) -> &[Mention] {
        &self.mentions[..self.mentions.partition_point(|m| m.start < at)]
    }

    /// The paragraph a mention is in.
    pub fn paragraph_of(&self, m: &Mention) -> usize {
        self.doc.sentences[m.sentence].paragraph
    }

    /// Mentions within a sentence, in order.
    pub fn mentions_in(&self, sentence: usize) -> impl Iterator<Item = &Mention> {
        let s = self.doc.sentences[sentence];
        let from = self.mentions.partition_point(|m| m.start < s.start);
        self.mentions[from..].iter().take_while(move |m| m.start < s.end).filter(move |m| m.sentence == sentence)
    }

    pub fn is_body(&self, id: EntityId, kinds: &[BodyKind]) -> bool {
        let e = &self.entities[id];
        e.kind == EntityKind::Body && e.body_kind.is_some_and(|k| kinds.contains(&k))
    }

    /// Evidence for a fact stated by the normalised span `[start, end)`.
    pub fn evidence(&self, start: usize, end: usize, rule: &str) -> Evidence {
        let doc = self.doc;
        let si = doc.sentence_at(start).unwrap_or(0);
        let s = doc.sentences.get(si).copied().unwrap_or(crate::document::Sentence { start, end, paragraph: 0, whole_line: false });
        let (start, end) = doc.norm.span_to_original(start, end.max(start));
        let (ss, se) = doc.norm.span_to_original(s.start.min(start), s.end);
        let (ss, se) = (ss.min(start), se.max(end));
        let mut shared = self.shared.borrow_mut();
        let shared = &mut *shared;
        let rule = match shared.rules.iter().find(|r| &***r == rule) {
            Some(r) => r.clone(),
            None => {
                shared.rules.push(rule.into());
                shared.rules[shared.rules.len() - 1].clone()
            }
        };
        let small = |x: usize| u32::try_from(x).expect("texts are under 4 GiB");
        Evidence {
            doc: shared.doc.get_or_insert_with(|| doc.id.as_str().into()).clone(),
            start: small(start),
            end: small(end),
            char_start: small(doc.char_offset(start)),
            char_end: small(doc.char_offset(end)),
            sentence_start: small(ss),
            sentence_end: small(se),
            sentence: Sentence::Text(shared.sentences.entry((ss, se)).or_insert_with(|| doc.text[ss..se].into()).clone()),
            rule,
        }
    }

    /// The council most mentioned by name in the document: what "the council"
    /// and "the county" refer to.
    pub fn main_body(&self, kind: BodyKind) -> Option<EntityId> {
        let state = (self.mentions.len(), self.entities.len());
        let mut cache = self.main_bodies.borrow_mut();
        if let Some(&(_, _, _, id)) = cache.iter().find(|c| c.0 == kind && (c.1, c.2) == state) {
            return id;
        }
        cache.retain(|c| c.0 != kind);
        let id = self.count_main_body(kind);
        cache.push((kind, state.0, state.1, id));
        id
    }

    fn count_main_body(&self, kind: BodyKind) -> Option<EntityId> {
        let mut counts: Vec<(usize, usize, EntityId)> = Vec::new(); // (count, -first, id)
        for (order, m) in self.mentions.iter().enumerate() {
            if m.anaphor || !self.is_body(m.entity, &[kind]) {
                continue;
            }
            match counts.iter_mut().find(|c| c.2 == m.entity) {
                Some(c) => c.0 += 1,
                None => counts.push((1, usize::MAX - order, m.entity)),
            }
        }
        counts.into_iter().max().map(|c| c.2)
    }
}

/// Each extractor's pattern compilation and the schema's (about 0.05 s in all
/// on one thread, the largest first), for `pipeline` to run on its threads
/// before the documents, rather than on whichever thread meets each first
/// while the others wait. The schema comes second: the extractors after it
/// need it, and on two threads it is made while the first compiles.
pub const WARM_UPS: [fn(); 9] = [succession::warm_up, crate::schema::warm_up, body::warm_up, role::warm_up, rules::warm_up, inspection::warm_up, date::warm_up, meta::warm_up, topic::warm_up];

/// Reads every fact from one document.
pub fn extract(doc: &Document, schema: &Schema) -> DocExtraction {
    let (mut ctx, meta, authors) = read_names(doc, schema);
    let rule_matches = rules::find(&ctx);
    let mut roles = role::find(&mut ctx, &rule_matches);
    let mut inspections = inspection::find(&mut ctx, &rule_matches);
    inspection::attach_inspectors(&ctx, &mut inspections, &roles);
    let successions = succession::find(&ctx, &roles, &rule_matches);
    role::from_successions(&ctx, &mut roles, &successions);
    for m in ctx.mentions.iter().filter(|m| !m.anaphor) {
        if ctx.entities[m.entity].first_mention.is_none() {
            ctx.entities[m.entity].first_mention = Some(ctx.evidence(m.start, m.end, "mention"));
        }
    }
    DocExtraction {
        doc: doc.id.clone(),
        title: meta.title,
        date: meta.date,
        authors,
        entities: ctx.entities,
        mentions: ctx.mentions,
        roles,
        inspections,
        successions,
    }
}

/// A document read up to its names: its title, date and byline, the bodies
/// and people it names and the anaphors for them. The facts are read from this.
fn read_names<'a>(doc: &'a Document, schema: &'a Schema) -> (Ctx<'a>, meta::Meta, Vec<EntityId>) {
    // The dates of the whole text known to the month, without a reference,
    // found once for both the undated page's year (`meta`) and its latest
    // stated month.
    let whole_text_dates = std::cell::OnceCell::new();
    let meta = meta::read(doc, &whole_text_dates);
    // Whether each sentence's line is boilerplate, asked once a line.
    let mut last_line: Option<(usize, bool)> = None;
    let skip = doc
        .sentences
        .iter()
        .map(|s| {
            let line = line_of(&doc.norm.text, s.start);
            let line_start = line.as_ptr() as usize - doc.norm.text.as_ptr() as usize;
            match last_line {
                Some((at, skip)) if at == line_start => skip,
                _ => {
                    let line = line.trim();
                    let skip = boilerplate_words().admits_text(line) && schema.boilerplate.is_match(line);
                    last_line = Some((line_start, skip));
                    skip
                }
            }
        })
        .collect();
    // A page dated only to its year reads relative dates from its latest stated month.
    let reference = meta.date.filter(|d| d.month.is_some()).or_else(|| latest_stated_date(whole_text_dates.get_or_init(|| date::find_month_dates(&doc.norm.text)))).or(meta.date);
    let mut ctx = Ctx { doc, schema, date: meta.date, reference, skip, entities: Vec::new(), mentions: Vec::new(), main_bodies: Default::default(), posts: Default::default(), shared: Default::default() };
    body::find_named(&mut ctx);
    let authors = person::find(&mut ctx, &meta.bylines);
    body::find_anaphors(&mut ctx);
    (ctx, meta, authors)
}

/// Each sentence that names someone or something as the rules of
/// `schema/rules/` see it (`[PERSON Jo Bloggs]`), with the rules that match
/// it: what `oversight explain --pieces` shows a rule's author.
pub fn typed_sentences(doc: &Document, schema: &Schema) -> Vec<(String, Vec<String>)> {
    let (ctx, _, _) = read_names(doc, schema);
    let mut out = Vec::new();
    for si in 0..doc.sentences.len() {
        if !rules::worth_typing(&ctx, si) {
            continue;
        }
        let typed = rules::Typed::new(&ctx, si, &role::posts(&ctx, si));
        let ids = rules::matches(&typed).iter().map(|m| m.rule().id.clone()).collect();
        out.push((typed.readable(&ctx), ids));
    }
    out
}

/// The words of the boilerplate patterns (`schema/vocab/boilerplate.txt`),
/// one of which a line must hold to be searched for them.
fn boilerplate_words() -> &'static gate::Gate {
    static G: std::sync::OnceLock<gate::Gate> = std::sync::OnceLock::new();
    G.get_or_init(|| gate::Gate::new([Schema::get().boilerplate.as_str()]))
}

fn line_of(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// For an undated document: the latest date stated to at least the month,
/// the best lower bound on when it was written.
fn latest_stated_date(found: &[date::DateMention]) -> Option<PartialDate> {
    found
        .iter()
        .filter(|m| m.date.month.is_some())
        .map(|m| PartialDate { day: None, ..m.date })
        .max()
}

/// Up to `len` bytes of `text` from `start`, cut at a character boundary.
pub fn clip_after(text: &str, start: usize, len: usize) -> &str {
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[start..end]
}

/// Words one of which a case-insensitive pattern needs: a text that holds
/// none of them is not given to the pattern. One search for any of them, in
/// any case as the patterns fold it (`ſ` is `s`), by the regex crate's
/// literal search, costs far less than most patterns' own.
pub struct Words(crate::schema::Pattern);

impl Words {
    pub fn new(words: &[&str]) -> Words {
        Words(crate::schema::re(&words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")))
    }

    /// Whether `text` holds one of the words.
    pub fn held_in(&self, text: &str) -> bool {
        self.0.is_match(text)
    }

    /// `text` if it holds one of the words, else nothing: what a pattern
    /// that needs one of them is given to search.
    pub fn gate<'t>(&self, text: &'t str) -> &'t str {
        if self.held_in(text) {
            text
        } else {
            ""
        }
    }
}

/// Up to `len` bytes of `text` before `end`, cut at a character boundary.
pub fn clip_before(text: &str, end: usize, len: usize) -> &str {
    let mut start = end.saturating_sub(len);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..end]
}

/// The date a timeline line opens with (`- Oct 2017 – ...`, `2019/20: ...`,
/// `1 April 2018: ...`): it dates every sentence on that line.
pub fn line_date(ctx: &Ctx, sentence: usize) -> Option<PartialDate> {
    let text = ctx.text();
    let s = ctx.doc.sentences[sentence];
    let line_start = text[..s.start].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..text[line_start..].find('\n').map_or(text.len(), |i| line_start + i)];
    let head = line.trim_start_matches(|c: char| c == '-' || c == '*' || c == '\u{2022}' || c.is_whitespace());
    let d = date::find_dates(clip_after(head, 0, 40), 0, None).into_iter().next()?;
    let after = &head[d.end..];
    let separated = after.starts_with(':') || after.trim_start().starts_with("- ") || after.starts_with(" -") || after.starts_with("/");
    (d.start == 0 && separated).then_some(d.date)
}

#[cfg(test)]
mod tests {
    use super::Words;

    #[test]
    fn a_line_is_searched_for_boilerplate_only_with_its_words() {
        let (words, schema) = (super::boilerplate_words(), crate::schema::Schema::get());
        assert_eq!(words.gated(), 1, "the boilerplate patterns have words to wait for");
        assert!(!words.admits(0, &words.present("The council was rated good in 2019.")));
        for line in ["(Credit: Jo Bloggs)", "Sign up to our newsletter", "Picture by Jo Bloggs", "Image caption,", "Follow us on X", "ADVERTISEMENT", "Read more about the council"] {
            assert!(schema.boilerplate.is_match(line), "{line}");
            assert!(words.admits(0, &words.present(line)) && words.admits_text(line), "{line}");
        }
        assert!(!words.admits_text("The council was rated good in 2019."));
    }

    #[test]
    fn a_word_is_held_in_any_case_as_the_patterns_fold_it() {
        let trust = Words::new(&["trust"]);
        let trust_or_company = Words::new(&["trust", "company"]);
        assert!(trust.held_in("The Trust said"));
        assert!(trust_or_company.held_in("a new COMPANY"));
        assert!(!trust_or_company.held_in("The council said"));
        assert!(trust.held_in("the tru\u{17f}t"), "the long s folds to s");
        assert!(crate::schema::re(r"\bthe\s+trust\b").is_match("the tru\u{17f}t"), "as the patterns fold it");
        assert!(trust.held_in("a TrusT") && trust.held_in("trust"), "at the very end, the whole text");
        assert!(!trust.held_in("trus") && !Words::new(&["trusts"]).held_in("a trusted tru"));
        assert!(Words::new(&["over from"]).held_in("took over from") && !Words::new(&["over from"]).held_in("over  from"));
        assert!(Words::new(&["a.b"]).held_in("a.b") && !Words::new(&["a.b"]).held_in("axb"), "words are not patterns");
        assert_eq!(trust.gate("the trust"), "the trust");
        assert_eq!(trust.gate("the council"), "");
    }
}
