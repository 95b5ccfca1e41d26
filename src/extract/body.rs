//! Bodies: councils, children's trusts, inspectorates and departments.
//!
//! Named bodies come from the gazetteer (`schema/gazetteer/bodies.tsv`), from
//! place names used for their council (`Nottingham council`, `in Hull`), from
//! described trusts (`a new Children's Trust in X`) and from capitalised names
//! ending in an organisation word (`Multi-Agency Safeguarding Hub`).
//! Abbreviations defined in the text (`... Trust (NCT)`) become aliases.
//! Anaphors (`the county council`, `the trust`, `the Teesside council`) are
//! resolved to the body they stand for in this document.

use super::phrases::Phrases;
use super::{Ctx, EntityId, EntityKind, Words};
use crate::schema::{re, re_cs, BodyKind, Pattern, Schema};
use std::sync::OnceLock;

struct Matchers {
    /// Gazetteer names and aliases of two words or more, any case.
    names: Phrases,
    /// One-word names and aliases (Ofsted, DfE), as written.
    words: Phrases,
    /// Places councils and trusts are named after, as written.
    places: Phrases,
    /// `a new Children's Trust in PLACE`
    trust_in_place: Pattern,
    /// `PLACE children's services trust`
    place_trust: Pattern,
    /// `PLACE council`, `PLACE's county council`
    place_council: Pattern,
    /// `Multi-Agency Safeguarding Hub`
    named_org: Pattern,
    /// `University of Liverpool`
    university: Pattern,
    /// `Children First Northamptonshire`
    named_for_place: Pattern,
    abbreviation: Pattern,
    own_council: Pattern,
    own_trust: Pattern,
    described_council: Pattern,
    /// Words the patterns of trusts, of councils and of trust anaphors need.
    trust_word: Words,
    council_word: Words,
    council_words: Words,
    trust_words: Words,
}

/// Capitalised words cut from the front of a generic organisation name.
const NOT_IN_ORG_NAME: &[&str] = &[
    "The", "A", "An", "In", "At", "Of", "For", "And", "By", "From", "With", "Chair", "Chairman", "Director",
    "Chief", "Executive", "Member", "Cabinet", "Inspector", "Commissioner", "Leader", "Head", "Dear", "Our",
    "Their", "Its", "His", "Her", "New", "Former", "Interim", "Acting", "Meanwhile", "But", "Finally", "That", "What",
    "This", "These", "Those", "Which", "Why", "How", "When", "Where", "Who", "It", "If", "As", "So", "Ask", "Read",
    "See", "Click", "While", "Despite", "Under", "After", "Before", "Since", "Today", "Yesterday", "Now", "Then",
];
const ORG_HEADS: &str = "Council|Trust|Hub|Board|Partnership|Agency|Commission|Inspectorate|Foundation|Department|Authority|Service|Academy|Group|Police|Constabulary|Committee|Panel|Union|Association|Society|Network|Institute|Office";

/// Compiles this extractor's patterns now, rather than at first use.
pub(crate) fn warm_up() {
    matchers(Schema::get());
}

fn matchers(schema: &Schema) -> &'static Matchers {
    static M: OnceLock<Matchers> = OnceLock::new();
    M.get_or_init(|| {
        let all: Vec<&str> = schema.bodies.iter().flat_map(|b| std::iter::once(&b.name).chain(&b.aliases)).map(String::as_str).collect();
        let places = super::phrases::alternation(schema.bodies_by_place.keys().map(String::as_str));
        Matchers {
            names: Phrases::new(all.iter().copied().filter(|n| n.contains(' ')), true),
            words: Phrases::new(all.iter().copied().filter(|n| !n.contains(' ')), false),
            places: Phrases::new(schema.bodies_by_place.keys().map(String::as_str), false),
            trust_in_place: re(&format!(r"\b(?:(?:an?|the)\s+)?(?:new\s+)?children'?s\s+(?:services\s+)?trust\s+(?:in|for)\s+(?-i:({places}))\b")),
            place_trust: re(&format!(r"\b(?-i:({places}))(?:'s)?\s+children'?s\s+(?:services\s+)?trust\b")),
            place_council: re(&format!(r"\b(?-i:({places}))(?:'s)?\s+(?:county\s+|city\s+|borough\s+|metropolitan\s+borough\s+|district\s+)?council\b")),
            university: re_cs(r"\b(?:University|College|Institute|School) of (?:the )?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*"),
            named_org: re_cs(&format!(r"\b((?:[A-Z][\w'&-]*\s+(?:(?:of|for|and|&)\s+)?)+)({ORG_HEADS})\b")),
            named_for_place: re_cs(&format!(r"\b((?:[A-Z][\w'&-]*\s+(?:(?:of|for|and)\s+)?)*[A-Z][\w'&-]*\s+)({places})\b")),
            abbreviation: re_cs(r"^\s*\(([A-Z][A-Za-z]{1,7})\)"),
            own_council: re(r"\b(?:the\s+)?(?:county|city|borough|district|local)\s+(?:council|authority)\b|\bthe\s+(?:council|authority|county)\b|\bcounty\s+council\b"),
            own_trust: re(r"\bthe\s+(?:new\s+)?(?:children'?s\s+)?trust\b|\ban?\s+new\s+(?:children'?s\s+)?trust\b|\bthe\s+company\b|\bthe\s+organisation\b"),
            described_council: re_cs(r"\b[Tt]he\s+([A-Z][a-z]+)\s+(?:council|authority)\b"),
            trust_word: Words::new(&["trust"]),
            council_word: Words::new(&["council"]),
            council_words: Words::new(&["council", "authority", "county"]),
            trust_words: Words::new(&["trust", "company", "organisation"]),
        }
    })
}

/// Named bodies: gazetteer names, places, described trusts, generic names,
/// then abbreviations defined for any of them.
pub fn find_named(ctx: &mut Ctx) {
    let schema = ctx.schema;
    let m = matchers(schema);
    let year = ctx.reference.map(|d| d.year);
    let text = ctx.text();
    for si in 0..ctx.doc.sentences.len() {
        if ctx.skip[si] {
            continue;
        }
        let s = ctx.doc.sentences[si];
        let sent = &text[s.start..s.end];
        let mut found: Vec<(usize, usize, EntityId)> = Vec::new();
        // Entities are made only for spans no other mention holds.
        let mut add = |ctx: &mut Ctx, a: usize, b: usize, make: &dyn Fn(&mut Ctx) -> EntityId| {
            if !ctx.overlaps(s.start + a, s.start + b) {
                let id = make(ctx);
                if ctx.mention(s.start + a, s.start + b, id, false) {
                    found.push((a, b, id));
                }
            }
        };
        // The gazetteer's places, names and one-word names, in one reading of the sentence.
        let [places, names, words] = Phrases::find_each([&m.places, &m.names, &m.words], sent);
        // Four patterns below need a place the gazetteer knows: where the
        // sentence names none, they search nothing.
        let with_places = if places.is_empty() { "" } else { sent };
        // Two more need `trust`, one `council`.
        let (with_trust, with_council) = (m.trust_word.gate(with_places), m.council_word.gate(with_places));
        for c in m.trust_in_place.captures_iter(with_trust) {
            let g = c.get(0).unwrap();
            add(ctx, g.start(), g.end(), &|ctx: &mut Ctx| place_body(ctx, &c[1], BodyKind::Trust, year));
        }
        for (a, b) in names {
            // Any case after the first letter (`Slough children's services trust`),
            // but a name starts with a capital (`children's commissioner` is a post).
            if !sent[a..b].starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            if let Some(&row) = schema.body_by_name.get(&sent[a..b].to_lowercase()) {
                add(ctx, a, b, &|ctx: &mut Ctx| gazetteer_body(ctx, row));
            }
        }
        for c in m.place_trust.captures_iter(with_trust) {
            let g = c.get(0).unwrap();
            add(ctx, g.start(), g.end(), &|ctx: &mut Ctx| place_body(ctx, &c[1], BodyKind::Trust, year));
        }
        for c in m.place_council.captures_iter(with_council) {
            let g = c.get(0).unwrap();
            add(ctx, g.start(), g.end(), &|ctx: &mut Ctx| place_body(ctx, &c[1], BodyKind::Council, year));
        }
        for (a, b) in words {
            if let Some(&row) = schema.body_by_name.get(&sent[a..b].to_lowercase()) {
                add(ctx, a, b, &|ctx: &mut Ctx| gazetteer_body(ctx, row));
            }
        }
        for g in m.university.find_iter(sent) {
            let name = g.as_str().to_string();
            add(ctx, g.start(), g.end(), &|ctx: &mut Ctx| ctx.entity(EntityKind::Body, &name, Some(BodyKind::Organisation), None));
        }
        for c in m.named_org.captures_iter(sent) {
            let (whole_start, whole_end) = (c.get(0).unwrap().start(), c.get(0).unwrap().end());
            // `West Mercia Police and NHS ... Board` is two bodies: split after
            // a head word followed by `and`.
            let mut pieces = Vec::new();
            let mut a = whole_start;
            while let Some(and) = sent[a..whole_end].find(" and ").map(|i| a + i) {
                if !ORG_HEADS.split('|').any(|h| sent[a..and].ends_with(h)) {
                    break;
                }
                pieces.push((a, and));
                a = and + 5;
            }
            pieces.push((a, whole_end));
            for (a, b) in pieces {
                let Some(a) = trim_org_start(sent, a, b) else { continue };
                if ctx.overlaps(s.start + a, s.start + b) || only_generic_words(&sent[a..b]) || !ORG_HEADS.split('|').any(|h| sent[a..b].ends_with(h)) {
                    continue;
                }
                let name = sent[a..b].to_string();
                add(ctx, a, b, &|ctx: &mut Ctx| ctx.entity(EntityKind::Body, &name, Some(BodyKind::Organisation), None));
            }
        }
        // `Children First Northamptonshire`: capitalised words naming an
        // organisation after its place, mid-sentence.
        for c in m.named_for_place.captures_iter(with_places) {
            let (a, b) = (c.get(1).unwrap().start(), c.get(0).unwrap().end());
            let Some(a) = trim_org_start(sent, a, b).filter(|&a| a > 0) else { continue };
            if only_generic_words(&sent[a..c.get(2).unwrap().start()]) {
                continue;
            }
            let name = sent[a..b].to_string();
            add(ctx, a, b, &|ctx: &mut Ctx| ctx.entity(EntityKind::Body, &name, Some(BodyKind::Organisation), None));
        }
        let address = address_line(sent, s.whole_line);
        for (a, b) in places {
            // `Greater Manchester` is a region, not Manchester's council.
            let region = ["Greater ", "Inner ", "Outer ", "Central "].iter().any(|w| sent[..a].ends_with(w));
            if ambiguous_place_word(a, &sent[a..b]) || address || region {
                continue;
            }
            add(ctx, a, b, &|ctx: &mut Ctx| place_body(ctx, &sent[a..b], BodyKind::Council, year));
        }
    }
    define_abbreviations(ctx);
}

/// Words that describe a service but name no particular body.
fn only_generic_words(words: &str) -> bool {
    const GENERIC: &[&str] = &[
        "Children's", "Childrens", "Children", "Child", "Services", "Service", "Social", "Care", "Safeguarding",
        "Trust", "Council", "Board", "Hub", "Partnership", "Agency", "Authority", "Department", "Group", "Family",
        "Families", "Young", "People", "Education", "Local", "County", "City", "Borough", "New", "and", "for", "of",
        "&", "Protection", "Early", "Help", "Youth", "Academy", "Commission", "Foundation", "Government",
        // Parts of a region: `Greater Manchester`, `West London` name areas, not bodies.
        "Greater", "North", "South", "East", "West", "Central", "Inner", "Outer", "Mid", "Upper", "Lower", "Royal",
    ];
    words.split_whitespace().all(|w| GENERIC.contains(&w))
}

/// Cuts role words and articles from the front of a generic organisation
/// name; `None` when only the head word would be left.
fn trim_org_start(sent: &str, start: usize, end: usize) -> Option<usize> {
    let words: Vec<(usize, &str)> = sent[start..end].split(' ').scan(start, |at, w| {
        let here = *at;
        *at += w.len() + 1;
        Some((here, w))
    }).collect();
    // Cut after the last role word or article, with an `of`/`for` that follows it.
    let cut = words.iter().rposition(|(_, w)| NOT_IN_ORG_NAME.contains(w));
    let mut first = cut.map_or(0, |i| i + 1);
    if first > 0 && words.get(first).is_some_and(|(_, w)| *w == "of" || *w == "for") {
        first += 1;
    }
    // The words left must hold a name besides the head: two words at least.
    (words.len() >= first + 2).then(|| words[first].0)
}

/// A line of a postal address (`Manchester`, `Northampton NN1 1ED`): the
/// place is where a letter goes, not a body acting in the text.
fn address_line(sent: &str, whole_line: bool) -> bool {
    static POSTCODE: OnceLock<Pattern> = OnceLock::new();
    let postcode = POSTCODE.get_or_init(|| re_cs(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"));
    whole_line && (sent.split_whitespace().count() <= 3 || postcode.is_match(sent)) && !sent.contains(' ') || whole_line && postcode.is_match(sent)
}

/// Place names that are also everyday words are only places mid-sentence.
fn ambiguous_place_word(at: usize, place: &str) -> bool {
    const WORDS: &[&str] = &["Reading", "Bury", "Sutton", "Wokingham", "Halton"];
    WORDS.contains(&place) && at == 0
}

fn gazetteer_body(ctx: &mut Ctx, row: usize) -> EntityId {
    let b = &ctx.schema.bodies[row];
    ctx.entity(EntityKind::Body, &b.name.clone(), Some(b.kind), b.place.clone().as_deref())
}

/// The body of `kind` a place stands for: the gazetteer's, or one named from
/// the place where the gazetteer has none.
fn place_body(ctx: &mut Ctx, place: &str, kind: BodyKind, year: Option<i32>) -> EntityId {
    match ctx.schema.body_for_place(place, kind, year) {
        Some(row) => gazetteer_body(ctx, row),
        None => {
            let name = match kind {
                BodyKind::Trust => format!("{place} Children's Trust"),
                _ => format!("{place} Council"),
            };
            ctx.entity(EntityKind::Body, &name, Some(kind), Some(place))
        }
    }
}

/// `Northamptonshire Children's Trust (NCT)`: the abbreviation becomes an
/// alias, and each later use of it a mention.
fn define_abbreviations(ctx: &mut Ctx) {
    let m = matchers(ctx.schema);
    let text = ctx.text();
    let mut defined: Vec<(String, EntityId)> = Vec::new();
    for mention in ctx.mentions.clone() {
        if ctx.entities[mention.entity].kind != EntityKind::Body {
            continue;
        }
        if let Some(c) = m.abbreviation.captures(&text[mention.end..]) {
            let abbr = c[1].to_string();
            if !defined.iter().any(|(a, _)| *a == abbr) {
                ctx.entities[mention.entity].aliases.insert(abbr.clone());
                defined.push((abbr, mention.entity));
            }
        }
    }
    for (abbr, id) in defined {
        let re = re_cs(&format!(r"\b{}\b", regex::escape(&abbr)));
        for g in re.find_iter(text) {
            let si = ctx.doc.sentence_at(g.start());
            if si.is_some_and(|i| !ctx.skip[i]) {
                ctx.mention(g.start(), g.end(), id, false);
            }
        }
    }
}

/// Anaphors: `the council`, `the county`, `county council` -> the document's
/// council; `the trust` -> its trust; `the Teesside council` -> the council
/// last named as a sentence's topic.
pub fn find_anaphors(ctx: &mut Ctx) {
    let m = matchers(ctx.schema);
    let council = ctx.main_body(BodyKind::Council);
    let council_trust = council.and_then(|c| {
        let place = ctx.entities[c].place.clone()?;
        let row = ctx.schema.body_for_place(&place, BodyKind::Trust, None)?;
        Some(gazetteer_body(ctx, row))
    });
    let text = ctx.text();
    for si in 0..ctx.doc.sentences.len() {
        if ctx.skip[si] {
            continue;
        }
        let s = ctx.doc.sentences[si];
        let sent = &text[s.start..s.end];
        // Both council patterns need one of their head words.
        let council_words = m.council_words.held_in(sent);
        let described = if council_words && (sent.contains("council") || sent.contains("authority")) { sent } else { "" };
        for c in m.described_council.captures_iter(described) {
            let g = c.get(0).unwrap();
            if let Some(id) = topic_council_before(ctx, si) {
                ctx.mention(s.start + g.start(), s.start + g.end(), id, true);
            }
        }
        for g in m.own_trust.find_iter(m.trust_words.gate(sent)) {
            let at = s.start + g.start();
            let before = ctx.mentions_before(at).iter().rev().find(|m| !m.anaphor && ctx.is_body(m.entity, &[BodyKind::Trust])).map(|m| m.entity);
            if let Some(id) = before.or(council_trust) {
                ctx.mention(at, s.start + g.end(), id, true);
            }
        }
        for g in m.own_council.find_iter(if council_words { sent } else { "" }) {
            // `the council-owned company` names no council.
            if sent[g.end()..].starts_with('-') {
                continue;
            }
            // The council last named in this paragraph, else the document's.
            let at = s.start + g.start();
            let paragraph = s.paragraph;
            // `the county council` prefers a county council (the document's own first).
            let form = ["county", "city", "borough"].into_iter().find(|f| g.as_str().to_lowercase().contains(f));
            // `the council` is the document's own council where this paragraph names it.
            // (Mentions are in text order, so the paragraph's are the last ones before `at`.)
            let this_paragraph = || ctx.mentions_before(at).iter().rev().take_while(|m| ctx.paragraph_of(m) == paragraph);
            let main_here = council.filter(|&c| form.is_none() && this_paragraph().any(|m| m.entity == c && !m.anaphor));
            if let Some(main) = main_here {
                ctx.mention(at, s.start + g.end(), main, true);
                continue;
            }
            let fits = |id: EntityId| form.is_none_or(|f| ctx.entities[id].name.to_lowercase().contains(f));
            if let Some(main) = council.filter(|&c| form.is_some() && fits(c)) {
                ctx.mention(at, s.start + g.end(), main, true);
                continue;
            }
            // `..., assistant director at Plymouth City Council, ...` names
            // someone's employer, not the council the text goes on about.
            let employer = |m: &super::Mention| text[..m.start].ends_with(" at ") || text[..m.start].ends_with(" from ");
            let in_paragraph = |m: &&super::Mention| !m.anaphor && !employer(m) && ctx.is_body(m.entity, &[BodyKind::Council]);
            let named_before = |m: &&super::Mention| !m.anaphor && ctx.is_body(m.entity, &[BodyKind::Council]);
            let before = this_paragraph().filter(in_paragraph).find(|m| fits(m.entity))
                .or_else(|| ctx.mentions_before(at).iter().rev().filter(named_before).find(|m| form.is_some() && fits(m.entity)))
                .or_else(|| this_paragraph().filter(in_paragraph).find(|_| form.is_none()));
            // With no council named yet in this paragraph, the council the
            // previous paragraph opened with is the one the text goes on about.
            let previous_topic = || {
                let prev = paragraph.checked_sub(1)?;
                let from = ctx.mentions.partition_point(|m| ctx.paragraph_of(m) < prev);
                ctx.mentions[from..].iter().take_while(|m| ctx.paragraph_of(m) == prev).find(|m| !m.anaphor && !employer(m) && ctx.is_body(m.entity, &[BodyKind::Council]) && fits(m.entity))
            };
            if let Some(id) = before.or_else(previous_topic).map(|m| m.entity).or(council) {
                ctx.mention(at, s.start + g.end(), id, true);
            }
        }
    }
}

/// The council that opened the nearest earlier sentence naming one.
fn topic_council_before(ctx: &Ctx, sentence: usize) -> Option<EntityId> {
    (0..sentence).rev().find_map(|i| {
        ctx.mentions_in(i).find(|m| ctx.is_body(m.entity, &[BodyKind::Council])).map(|m| m.entity)
    })
}
