//! Rules as data: patterns over a sentence's typed pieces, read from
//! `schema/rules/*.tsv` (see `schema/rules/README.md`).
//!
//! A sentence is seen as its text with each piece the extractors found
//! standing as one character of its kind: a person, a body (a name or an
//! anaphor such as `the council`), a post, a date, a judgement. A rule is a
//! regex over that text, written with `{PERSON}`, `{BODY:b}` (a piece,
//! captured under the slot `b`) and a few shorthands, and says which facts
//! its slots make: `role person=p post=t body=b`, `succession successor=a
//! predecessor=b what=t`. A slot holds every piece of its kind inside its
//! capture, so `(?P<p>{PERSON} and {PERSON})` gives a fact to each of two.

use super::gate::Gate;
use super::role::PostMention;
use super::{Ctx, EntityKind, Status};
use crate::date::PartialDate;
use crate::schema::{re, Pattern, Schema};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What a piece of a sentence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    Person,
    Body,
    Post,
    Date,
    Rating,
}

impl PieceKind {
    const ALL: [PieceKind; 5] = [PieceKind::Person, PieceKind::Body, PieceKind::Post, PieceKind::Date, PieceKind::Rating];

    /// The character a piece of this kind stands as (Unicode's private use area).
    fn mark(self) -> char {
        match self {
            PieceKind::Person => '\u{E000}',
            PieceKind::Body => '\u{E001}',
            PieceKind::Post => '\u{E002}',
            PieceKind::Date => '\u{E003}',
            PieceKind::Rating => '\u{E004}',
        }
    }

    fn name(self) -> &'static str {
        match self {
            PieceKind::Person => "PERSON",
            PieceKind::Body => "BODY",
            PieceKind::Post => "POST",
            PieceKind::Date => "DATE",
            PieceKind::Rating => "RATING",
        }
    }
}

/// A piece of a sentence: its kind, its normalised span, and what it is (the
/// mention's entity, the post's index in the sentence's posts, the date).
#[derive(Debug, Clone)]
pub struct Piece {
    pub kind: PieceKind,
    pub start: usize,
    pub end: usize,
    /// A person's or body's entity; a post's index in `Typed::posts`.
    pub index: usize,
    pub date: Option<PartialDate>,
    /// A judgement's name (`Requires improvement`).
    pub rating: Option<String>,
    pub post: Option<PostMention>,
}

/// A sentence as the rules see it.
pub struct Typed {
    pub sentence: usize,
    /// The sentence's text with each piece as its kind's mark.
    pub text: String,
    pub pieces: Vec<Piece>,
    /// Where each piece's mark stands in `text`.
    marks: Vec<usize>,
    /// (offset in `text`, normalised offset) where each stretch of plain text starts.
    plain: Vec<(usize, usize)>,
}

impl Typed {
    /// Types sentence `si`: its mentions, then posts, dates and judgements in
    /// the text the mentions leave.
    pub fn new(ctx: &Ctx, si: usize, posts: &[PostMention]) -> Typed {
        let s = ctx.doc.sentences[si];
        let sent = &ctx.text()[s.start..s.end];
        let mut pieces: Vec<Piece> = Vec::new();
        let free = |pieces: &[Piece], a: usize, b: usize| pieces.iter().all(|p| b <= p.start || a >= p.end);
        for m in ctx.mentions_in(si) {
            let (kind, mut start, mut end) = (PieceKind::Body, m.start, m.end);
            if ctx.entities[m.entity].kind != EntityKind::Person {
                pieces.push(Piece { kind, start, end, index: m.entity, date: None, rating: None, post: None });
                continue;
            }
            // A person's honorific and letters after the name belong to the piece.
            if let Some(h) = honorific().find(super::clip_before(ctx.text(), start, 24)) {
                start -= h.len();
            }
            if let Some(l) = letters_after().find(&ctx.text()[end..s.end]) {
                end += l.end();
            }
            let start = start.max(pieces.last().map_or(s.start, |p| p.end));
            pieces.push(Piece { kind: PieceKind::Person, start, end, index: m.entity, date: None, rating: None, post: None });
        }
        if let Some((at, id)) = heading_subject(ctx, si) {
            pieces.push(Piece { kind: PieceKind::Person, start: at, end: at, index: id, date: None, rating: None, post: None });
        }
        for (k, p) in posts.iter().enumerate() {
            if free(&pieces, p.start, p.end) {
                pieces.push(Piece { kind: PieceKind::Post, start: p.start, end: p.end, index: k, date: None, rating: None, post: Some(p.clone()) });
            }
        }
        for d in super::date::find_dates(sent, s.start, ctx.reference) {
            if free(&pieces, d.start, d.end) {
                pieces.push(Piece { kind: PieceKind::Date, start: d.start, end: d.end, index: 0, date: Some(d.date), rating: None, post: None });
            }
        }
        for g in rating_words().find_iter(sent) {
            let (a, b) = (s.start + g.start(), s.start + g.end());
            if free(&pieces, a, b) {
                let rating = ctx.schema.rating(g.as_str()).map(String::from);
                pieces.push(Piece { kind: PieceKind::Rating, start: a, end: b, index: 0, date: None, rating, post: None });
            }
        }
        pieces.sort_by_key(|p| (p.start, p.end));
        let mut text = String::with_capacity(sent.len());
        let (mut marks, mut plain) = (Vec::new(), Vec::new());
        let mut at = s.start;
        for p in &pieces {
            plain.push((text.len(), at));
            text.push_str(&ctx.text()[at..p.start]);
            marks.push(text.len());
            text.push(p.kind.mark());
            if p.start == p.end {
                text.push(' '); // a subject left unsaid stands before the words as a name would
            }
            at = p.end;
        }
        plain.push((text.len(), at));
        text.push_str(&ctx.text()[at..s.end]);
        Typed { sentence: si, text, pieces, marks, plain }
    }

    /// The sentence with each piece shown as `[KIND words]` (a subject left
    /// unsaid as `[PERSON (Name)]`), for a rule's author to read.
    pub fn readable(&self, ctx: &Ctx) -> String {
        let mut out = String::new();
        let mut last = 0;
        for (p, &at) in self.pieces.iter().zip(&self.marks) {
            out.push_str(&self.text[last..at]);
            let words = if p.start == p.end { format!("({})", ctx.entities[p.index].name) } else { ctx.text()[p.start..p.end].to_string() };
            out.push_str(&format!("[{} {}]", p.kind.name(), words));
            last = at + p.kind.mark().len_utf8();
        }
        out.push_str(&self.text[last..]);
        out
    }

    /// How many pieces of each kind (in `PieceKind::ALL`'s order) it holds.
    fn counts(&self) -> [usize; 5] {
        let mut n = [0; 5];
        for p in &self.pieces {
            n[PieceKind::ALL.iter().position(|k| *k == p.kind).unwrap_or(0)] += 1;
        }
        n
    }

    /// The normalised offset of an offset of `text`.
    fn normalised(&self, at: usize) -> usize {
        if let Ok(k) = self.marks.binary_search(&at) {
            return self.pieces[k].start;
        }
        // Plain text after the last mark before `at` (a stretch starts where
        // a mark ends, at its piece's end).
        let k = self.plain.partition_point(|&(t, _)| t <= at) - 1;
        let (t, n) = self.plain[k];
        n + (at - t)
    }

    /// The pieces whose marks lie in `[a, b)` of `text`.
    fn pieces_in(&self, a: usize, b: usize) -> impl Iterator<Item = &Piece> {
        let from = self.marks.partition_point(|&m| m < a);
        let to = self.marks.partition_point(|&m| m < b);
        self.pieces[from..to].iter()
    }
}

/// The subject a bullet of a profile box leaves unsaid: under `Who is Jo
/// Bloggs?` (or a heading that is a name and no more), `- Joined Kent as
/// director in 2010` is about Jo Bloggs. Where the bullet names no one, the
/// person stands, as a piece of no length, after the bullet's mark.
fn heading_subject(ctx: &Ctx, si: usize) -> Option<(usize, usize)> {
    let text = ctx.text();
    let s = ctx.doc.sentences[si];
    let line_start = text[..s.start].rfind('\n').map_or(0, |i| i + 1);
    // The sentence opens the line, after a bullet's mark.
    let words_at = line_start + text[line_start..s.end].find(|c: char| c.is_alphanumeric())?;
    let mark = text[line_start..words_at].trim();
    if words_at < s.start || !matches!(mark, "\u{2022}" | "-" | "*" | "\u{2013}") {
        return None;
    }
    if ctx.mentions_in(si).any(|m| ctx.entities[m.entity].kind == EntityKind::Person) {
        return None;
    }
    // The heading: the nearest line above that is neither blank nor a bullet.
    let mut end = line_start.checked_sub(1)?;
    loop {
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = text[start..end].trim();
        if !line.is_empty() && !line.starts_with(['\u{2022}', '-', '*', '\u{2013}']) {
            let heading = ctx.doc.sentence_at(start + (text[start..end].len() - text[start..end].trim_start().len()))?;
            let people: Vec<&super::Mention> = ctx.mentions_in(heading).filter(|m| ctx.entities[m.entity].kind == EntityKind::Person && !m.anaphor).collect();
            let named = people.first()?;
            let rest = line.replace(&text[named.start..named.end], "");
            let profile = rest.trim_matches(|c: char| !c.is_alphanumeric()).is_empty() || static_profile().is_match(&rest);
            return (people.len() == 1 && line.len() <= 60 && profile).then_some((words_at, named.entity));
        }
        end = start.checked_sub(1)?;
    }
}

/// What a profile box's heading says besides the name (`Who is ...?`, `Profile:`).
fn static_profile() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| re(r"^\W*(?:who\s+is|profile|about|who's)\W*$"))
}

/// An honorific ending right before a name (`Cllr `, `Dr. `).
fn honorific() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| {
        let words: Vec<String> = Schema::get().honorifics.iter().map(|w| regex::escape(w)).collect();
        crate::schema::re_cs(&format!(r"\b(?:{})\.?\s+$", words.join("|")))
    })
}

/// Letters after a name (`, CBE`, ` OBE`).
fn letters_after() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| crate::schema::re_cs(r"^(?:,?\s+(?:CBE|OBE|MBE|DBE|KBE|QC|KC|JP|MP|FRSA))+\b"))
}

fn rating_words() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| {
        let words: Vec<String> = Schema::get().ratings.iter().map(|(w, _)| regex::escape(w)).collect();
        re(&format!(r"\b(?:{})\b", words.join("|")))
    })
}

/// The kind of fact a rule makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    Role,
    Succession,
    Inspection,
}

/// One fact a rule makes: its kind and which slot fills each of its fields
/// (`person=p`), or a value given outright (`status=former`, `what=...`).
#[derive(Debug, Clone)]
pub struct Make {
    pub kind: FactKind,
    pub fields: BTreeMap<String, String>,
}

/// A rule of `schema/rules/*.tsv`.
pub struct Rule {
    pub id: String,
    pub makes: Vec<Make>,
    /// The pattern as written.
    pub source: String,
    pattern: Pattern,
    /// How many pieces of each kind (in `PieceKind::ALL`'s order) the facts
    /// it makes need at the least: the slots of their required fields.
    needs: [usize; 5],
}

/// A match of a rule in a sentence: each slot's pieces, and the named groups
/// that matched without being slots (status cues such as `former`).
#[derive(Debug, Clone)]
pub struct RuleMatch {
    pub rule: usize,
    pub sentence: usize,
    /// The normalised span of the match.
    pub start: usize,
    pub end: usize,
    pub slots: BTreeMap<String, Vec<Piece>>,
    pub cues: Vec<String>,
}

impl RuleMatch {
    pub fn rule(&self) -> &'static Rule {
        &rules()[self.rule]
    }

    /// The pieces in a slot (none where the slot did not match).
    pub fn slot(&self, name: &str) -> &[Piece] {
        self.slots.get(name).map_or(&[], Vec::as_slice)
    }

    /// The people or bodies a field names: a slot's (`new`), only those of
    /// some kinds of body (`new:trust/organisation`), the document's own
    /// council or trust (`@council`, `@trust`), or the first of several
    /// choices that gives any (`old|@council`). A trailing `+` is the field's
    /// mark to pair each of a list (see `each`), not part of the choice.
    pub fn entities(&self, ctx: &Ctx, value: &str) -> Vec<usize> {
        let choice = |c: &str| -> Vec<usize> {
            let c = c.trim_end_matches('+');
            let (slot, kinds) = c.split_once(':').unwrap_or((c, ""));
            let fits = |id: &usize| kinds.is_empty() || kinds.split('/').filter_map(crate::schema::BodyKind::parse).any(|k| ctx.is_body(*id, &[k]));
            let ids: Vec<usize> = match slot {
                "@council" => ctx.main_body(crate::schema::BodyKind::Council).into_iter().collect(),
                "@trust" => ctx.main_body(crate::schema::BodyKind::Trust).into_iter().collect(),
                slot => self.slot(slot).iter().filter(|p| matches!(p.kind, PieceKind::Person | PieceKind::Body)).map(|p| p.index).collect(),
            };
            ids.into_iter().filter(fits).collect()
        };
        value.split('|').map(choice).find(|v| !v.is_empty()).unwrap_or_default()
    }

    /// The status the match's cues state: a group named `former`, `future` or
    /// `current` that matched.
    pub fn status_cue(&self) -> Option<Status> {
        self.cues.iter().find_map(|c| match c.as_str() {
            "former" => Some(Status::Former),
            "future" => Some(Status::Future),
            "current" => Some(Status::Current),
            _ => None,
        })
    }
}

/// The rules' files, built into the binary.
const FILES: [(&str, &str); 3] = [
    ("roles.tsv", include_str!("../../schema/rules/roles.tsv")),
    ("successions.tsv", include_str!("../../schema/rules/successions.tsv")),
    ("inspections.tsv", include_str!("../../schema/rules/inspections.tsv")),
];

/// Every rule, parsed and compiled once.
pub fn rules() -> &'static [Rule] {
    &gated().0
}

/// The rules, each with the words of `Gate` it needs.
fn gated() -> &'static (Vec<Rule>, Gate) {
    static R: OnceLock<(Vec<Rule>, Gate)> = OnceLock::new();
    R.get_or_init(|| {
        let mut out = Vec::new();
        for (file, text) in FILES {
            out.extend(parse(text).unwrap_or_else(|e| panic!("schema/rules/{file}: {e}")));
        }
        let gate = Gate::new(out.iter().map(|rule| rule.pattern.as_str()));
        (out, gate)
    })
}

/// Compiles the rules now, rather than at first use.
pub(crate) fn warm_up() {
    rules();
}

/// Parses a rules file: `id TAB makes TAB pattern` a line; `#` comments.
pub fn parse(text: &str) -> Result<Vec<Rule>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').filter(|c| !c.is_empty()).collect();
        let [id, makes, source] = cols[..] else {
            return Err(format!("line {}: needs an id, what it makes and a pattern, separated by tabs", n + 1));
        };
        let makes = makes.split(';').map(|m| parse_make(m.trim())).collect::<Result<Vec<_>, _>>().map_err(|e| format!("line {}: {e}", n + 1))?;
        let expanded = expand(source).map_err(|e| format!("line {}: {e}", n + 1))?;
        let pattern = crate::schema::try_re(&expanded).map_err(|e| format!("line {} ({id}): {e}", n + 1))?;
        let names: Vec<&str> = pattern.capture_names().flatten().collect();
        for m in &makes {
            let slots = m.fields.iter().filter(|(k, _)| !matches!(k.as_str(), "what" | "kind")).flat_map(|(_, v)| v.split('|'));
            let slots = slots.map(|v| v.trim_end_matches('+').split(':').next().unwrap_or(v));
            for slot in slots.filter(|v| !v.starts_with('@') && !FIXED.contains(v)) {
                if !names.contains(&slot) {
                    return Err(format!("line {} ({id}): slot {slot:?} is not captured by the pattern", n + 1));
                }
            }
        }
        let needs = needs(source, &makes);
        out.push(Rule { id: id.trim().to_string(), makes, source: source.to_string(), pattern, needs });
    }
    Ok(out)
}

/// The pieces a rule's facts need at the least: for each fact, one piece of
/// its slot's kind for each required field filled from a slot (`{PERSON:p}`,
/// or a group `(?P<p>{PEOPLE})` opening on a piece); the most any fact needs.
fn needs(source: &str, makes: &[Make]) -> [usize; 5] {
    let kind_of = |slot: &str| -> Option<usize> {
        let direct = PieceKind::ALL.iter().position(|k| source.contains(&format!("{{{}:{slot}}}", k.name())));
        let group = source.find(&format!("(?P<{slot}>{{")).map(|i| &source[i + slot.len() + 5..]);
        let opening = group.and_then(|g| PieceKind::ALL.iter().position(|k| g.starts_with(k.name())).or_else(|| g.starts_with("PEOPLE").then_some(0)));
        direct.or(opening)
    };
    let mut most = [0; 5];
    for m in makes {
        let required: &[&str] = match m.kind {
            FactKind::Role => &["person", "post"],
            FactKind::Succession => &["successor", "predecessor"],
            FactKind::Inspection => &["body"],
        };
        let mut count = [0; 5];
        for field in required {
            let Some(value) = m.fields.get(*field) else { continue };
            // A field with a choice (`old|@council`) may be filled without a piece.
            if value.contains('|') || value.starts_with('@') {
                continue;
            }
            let slot = value.trim_end_matches('+').split(':').next().unwrap_or(value);
            if let Some(k) = kind_of(slot) {
                count[k] += 1;
            }
        }
        for k in 0..5 {
            most[k] = most[k].max(count[k]);
        }
    }
    most
}

/// Field values that are values, not slots.
const FIXED: [&str; 3] = ["current", "former", "future"];

/// `role person=p post=t body=b` -> a `Make`.
fn parse_make(text: &str) -> Result<Make, String> {
    let mut words = text.split_whitespace();
    let kind = match words.next() {
        Some("role") => FactKind::Role,
        Some("succession") => FactKind::Succession,
        Some("inspection") => FactKind::Inspection,
        other => return Err(format!("a rule makes `role`, `succession` or `inspection`, not {other:?}")),
    };
    let mut fields = BTreeMap::new();
    for w in words {
        let (k, v) = w.split_once('=').ok_or_else(|| format!("{w:?} is not field=slot"))?;
        fields.insert(k.to_string(), v.replace('_', " "));
    }
    let needed: &[&str] = match kind {
        FactKind::Role => &["person", "post"],
        FactKind::Succession => &["successor", "predecessor"],
        FactKind::Inspection => &["body"],
    };
    for f in needed {
        if !fields.contains_key(*f) {
            return Err(format!("{text:?} needs the field {f}"));
        }
    }
    Ok(Make { kind, fields })
}

/// A pattern's shorthands as regex: `{KIND}` a piece, `{KIND:slot}` a piece
/// captured as `slot`, `{PEOPLE:slot}` a list of people (`A, B and C`),
/// `{ASIDE}` an optional clause between commas, `{GAP}` a few words with no
/// piece among them, `{NOTPERSON}` a character that is no person's.
pub fn expand(source: &str) -> Result<String, String> {
    let any_mark = "\\x{E000}-\\x{E004}";
    let mut out = String::new();
    let mut rest = source;
    let mut in_class = false;
    // Text between pieces, copied with each space outside a class standing for
    // any run of white space (pages double spaces, and wrap lines): ` ` is
    // `\s+`, ` ?` and ` *` are `\s*`. It also follows whether the text leaves
    // us inside a class (`[^;{PERSON}]`), where a piece is its bare mark.
    let plain = |text: &str, out: &mut String, in_class: &mut bool| {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                // A word boundary of ASCII words: the marks are not ASCII, and
                // a Unicode `\b` would stop the fast engine at the first one.
                '\\' if chars.peek() == Some(&'b') && !*in_class => {
                    chars.next();
                    out.push_str("(?-u:\\b)");
                }
                '\\' => {
                    out.push(c);
                    out.extend(chars.next());
                }
                ' ' if !*in_class => match chars.peek() {
                    Some('?' | '*') => {
                        chars.next();
                        out.push_str("\\s*");
                    }
                    _ => out.push_str("\\s+"),
                },
                '[' => {
                    *in_class = true;
                    out.push(c);
                }
                ']' => {
                    *in_class = false;
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    };
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map(|i| open + i).ok_or("a '{' without its '}'")?;
        let inner = &rest[open + 1..close];
        plain(&rest[..open], &mut out, &mut in_class);
        rest = &rest[close + 1..];
        // `{2,3}` and the like are the regex's own.
        if !inner.starts_with(|c: char| c.is_ascii_uppercase()) {
            out.push('{');
            out.push_str(inner);
            out.push('}');
            continue;
        }
        let (name, slot) = match inner.split_once(':') {
            Some((n, s)) => (n, Some(s)),
            None => (inner, None),
        };
        let mark = |k: PieceKind| format!("\\x{{{:X}}}", k.mark() as u32);
        let body = match name {
            "ASIDE" => "(?:\\s*,[^,;]{1,120},)?".to_string(),
            "GAP" => format!("[^;{any_mark}]{{0,60}}?"),
            // One character of text that is not a person (nor `;`): `{NOTPERSON}{0,80}?`.
            "NOTPERSON" => format!("[^;{}]", mark(PieceKind::Person)),
            "PEOPLE" => {
                let p = mark(PieceKind::Person);
                format!("{p}(?:\\s*,\\s*{p})*(?:\\s*,?\\s+(?:and|&)\\s+{p})?")
            }
            _ => match PieceKind::ALL.iter().find(|k| k.name() == name) {
                Some(&k) => mark(k),
                None => return Err(format!("unknown piece {{{inner}}}: write PERSON, PEOPLE, BODY, POST, DATE, RATING, ASIDE, GAP or NOTPERSON")),
            },
        };
        if in_class {
            let Some(k) = PieceKind::ALL.iter().find(|k| k.name() == name) else {
                return Err(format!("{{{inner}}} cannot stand in a character class; a piece such as {{PERSON}} can"));
            };
            out.push_str(&mark(*k));
            continue;
        }
        match slot {
            Some(s) => out.push_str(&format!("(?P<{s}>{body})")),
            None => out.push_str(&format!("(?:{body})")),
        }
    }
    plain(rest, &mut out, &mut in_class);
    Ok(out)
}

/// Every match of every rule in the document's sentences that name someone
/// or something, sentence by sentence.
pub fn find(ctx: &Ctx) -> Vec<RuleMatch> {
    let mut out = Vec::new();
    for si in 0..ctx.doc.sentences.len() {
        if !worth_typing(ctx, si) {
            continue;
        }
        let posts = super::role::posts(ctx, si);
        out.extend(matches(&Typed::new(ctx, si, &posts)));
    }
    out
}

/// Whether a sentence may hold something for the rules: it names someone or
/// something, is a bullet of a profile box, or holds a judgement.
pub fn worth_typing(ctx: &Ctx, si: usize) -> bool {
    !ctx.skip[si] && (ctx.mentions_in(si).next().is_some() || heading_subject(ctx, si).is_some() || rating_words().is_match(ctx.sentence_text(si)))
}

/// Every match of every rule in a typed sentence, in the rules' order.
pub fn matches(typed: &Typed) -> Vec<RuleMatch> {
    let mut out = Vec::new();
    let counts = typed.counts();
    let (rules, gate) = gated();
    let present = gate.present(&typed.text);
    for (r, rule) in rules.iter().enumerate() {
        if !gate.admits(r, &present) {
            continue;
        }
        // A rule whose facts need more pieces of a kind than the sentence
        // has cannot match it: most sentences are passed over so.
        if rule.needs.iter().zip(&counts).any(|(need, have)| need > have) {
            continue;
        }
        for c in rule.pattern.captures_iter(&typed.text) {
            let g = c.get(0).unwrap();
            let mut slots = BTreeMap::new();
            let mut cues = Vec::new();
            for name in rule.pattern.capture_names().flatten() {
                let Some(m) = c.name(name) else { continue };
                let pieces: Vec<Piece> = typed.pieces_in(m.start(), m.end()).cloned().collect();
                if pieces.is_empty() {
                    cues.push(name.to_string());
                } else {
                    slots.insert(name.to_string(), pieces);
                }
            }
            out.push(RuleMatch { rule: r, sentence: typed.sentence, start: typed.normalised(g.start()), end: typed.normalised(g.end()), slots, cues });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorthands_expand_to_marks_and_groups() {
        assert_eq!(expand("{PERSON:p} replaces {PERSON}").unwrap(), "(?P<p>\\x{E000})\\s+replaces\\s+(?:\\x{E000})");
        assert_eq!(expand("a ?b [ ]").unwrap(), "a\\s*b\\s+[ ]", "a space is any white space, but in a class");
        assert_eq!(expand("a{1,3}").unwrap(), "a{1,3}");
        assert_eq!(expand("\\bwas\\b").unwrap(), "(?-u:\\b)was(?-u:\\b)", "ASCII word boundaries");
        assert_eq!(expand("[^;{PERSON}]{0,9}").unwrap(), "[^;\\x{E000}]{0,9}", "a bare mark in a class");
        assert_eq!(expand("[a\\]]{POST}").unwrap(), "[a\\]](?:\\x{E002})", "an escaped bracket does not end the class");
        assert!(expand("{NOPE}").is_err());
        assert!(expand("{PERSON").is_err());
    }

    #[test]
    fn a_rule_names_its_slots() {
        assert!(parse("x/y\trole person=p post=t\t{PERSON:p}, {POST:t}").is_ok());
        let e = parse("x/y\trole person=p post=t\t{PERSON:p}, {POST}").err().unwrap();
        assert!(e.contains("slot \"t\""), "{e}");
        assert!(parse("x/y\trole person=p\t{PERSON:p}").is_err(), "a role needs its post");
        assert!(parse("x/y\tpromotion a=b\t{PERSON:a}").is_err());
    }

    #[test]
    fn the_built_in_rules_parse() {
        assert!(!rules().is_empty());
        let mut ids: Vec<&str> = rules().iter().map(|r| r.id.as_str()).collect();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "rule ids are unique");
    }
}
#[cfg(test)]
mod gate_tests {
    use super::*;
    use crate::extract::gate::required_words;

    #[test]
    fn required_words_are_what_every_match_holds() {
        let words = |p: &str| required_words(&expand(p).unwrap());
        let sets = |sets: &[&[&str]]| sets.iter().map(|set| set.iter().map(|w| w.to_string()).collect::<Vec<_>>()).collect::<Vec<_>>();
        assert_eq!(words("{PERSON:p} (?:replaces|succeeds) {PERSON}"), sets(&[&["replaces", "succeeds"]]), "s and k stand in words, their Unicode forms read by the gate");
        assert_eq!(words("{BODY:b} took control of"), sets(&[&["took"], &["control"]]), "each word of a sequence");
        assert_eq!(words("{PERSON:p} (?:joined|is) {BODY}"), sets(&[]), "a branch with no word of three letters");
        assert_eq!(words("{PERSON:p}(?: has)? left"), sets(&[&["left"]]), "an optional part is not needed");
        assert_eq!(words("{BODY:new} to (?:run|manage) (?:its|their) services"), sets(&[&["run", "manage"], &["its", "their"], &["services"]]), "a set for each part that needs one");
        assert_eq!(words("(?:appointed (?:a|the) new|hired) {PERSON}"), sets(&[&["appointed", "hired"]]), "the rarest (longest-worded) set of each branch");
    }

    #[test]
    fn a_rule_is_searched_only_where_its_words_are() {
        let (rules, gate) = gated();
        let gated_rules = gate.gated();
        assert!(gated_rules * 2 > rules.len(), "most rules have words to wait for ({gated_rules} of {})", rules.len());
        let present = gate.present("nothing of note here");
        for (r, rule) in rules.iter().enumerate().filter(|(r, _)| gate.has_words(*r)) {
            assert!(!gate.admits(r, &present), "{}", rule.id);
        }
        // The patterns match `ſ` as `s` and the Kelvin sign as `k`; the automaton does not.
        for odd in ["the poſt of", "\u{212A}ent"] {
            assert!(gate.present(odd).iter().all(|&p| p), "{odd}");
        }
    }
}
