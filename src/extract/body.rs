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
    /// `Northfield Conservatives`: a party's group in a place.
    place_party: Pattern,
    /// `the Coventry Telegraph`: a newspaper; one of its head words, as written.
    newspaper: Pattern,
    news_word: Pattern,
    /// Capitalised words up to an organisation word, after a one-word name
    /// (`NHS Herefordshire and Worcestershire Integrated Care Board`).
    org_continues: Pattern,
    /// `the Local Safeguarding Children Board`, `the city's LSCB`.
    board: Pattern,
    /// ` at Greystone`: capitalised words after `at`, and the lower-case
    /// words of a post's remit before it.
    at_name: Pattern,
    remit_before: Pattern,
    abbreviation: Pattern,
    own_council: Pattern,
    own_trust: Pattern,
    described_council: Pattern,
    /// `the watchdog`, `the inspectorate`.
    own_inspectorate: Pattern,
    /// `the department`, `the board`.
    own_department: Pattern,
    own_board: Pattern,
    /// Words the patterns of trusts, of councils and of trust anaphors need.
    trust_word: Words,
    council_word: Words,
    council_words: Words,
    trust_words: Words,
    board_words: Words,
    party_words: Words,
    other_words: Words,
}

/// Capitalised words cut from the front of a generic organisation name.
const NOT_IN_ORG_NAME: &[&str] = &[
    "The", "A", "An", "In", "At", "Of", "For", "And", "By", "From", "With", "Chair", "Chairman", "Director",
    "Chief", "Executive", "Member", "Cabinet", "Inspector", "Commissioner", "Leader", "Head", "Dear", "Our",
    "Their", "Its", "His", "Her", "New", "Former", "Interim", "Acting", "Meanwhile", "But", "Finally", "That", "What",
    "This", "These", "Those", "Which", "Why", "How", "When", "Where", "Who", "It", "If", "As", "So", "Ask", "Read",
    "See", "Click", "While", "Despite", "Under", "After", "Before", "Since", "Today", "Yesterday", "Now", "Then",
    // `an Inspection of Local Authority Children's Services report`: a report, not a body.
    "Inspection", "Inspections",
];
/// The last words of newspapers' names.
const NEWS_HEADS: &str = "Telegraph|Echo|Gazette|Chronicle|Herald|Argus|Evening News|Post|Mail|Mercury|Examiner|Advertiser|Star|Times|Journal|Observer|Express|Mirror|Guardian|Standard|Sentinel";
const ORG_HEADS: &str = "Council|Trust|Hub|Board|Partnership|Agency|Commission|Inspectorate|Foundation|Department|Authority|Service|Academy|Group|Police|Constabulary|Committee|Panel|Union|Association|Society|Network|Institute|Office|Company|Commerce";

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
            place_party: re_cs(&format!(r"\b({places})\s+(?:Conservatives|Liberal Democrats|Lib Dems|Greens)\b")),
            newspaper: re_cs(&format!(r"\b[Tt]he\s+((?:[A-Z][\w'-]*\s+)+)(?:{NEWS_HEADS})\b")),
            news_word: re_cs(NEWS_HEADS),
            org_continues: re_cs(&format!(r"^(?:\s+(?:[A-Z][\w'&-]*|of|for|and|&))*?\s+(?:{ORG_HEADS})\b")),
            board: re(r"(?:\b(?P<own>city|county|borough|council|authority)'s\s+|\b(?-i:(?P<place>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?))'s\s+)?(?P<body>\b(?:multi-agency\s+)?(?:local\s+)?safeguarding\s+children'?s?\s+(?P<kind>board|partnership)\b|\b(?-i:LSC(?P<abbr>[BP]))\b)"),
            at_name: re_cs(r"\bat\s+([A-Z][\w'&-]*(?:\s+(?:(?:of|for|and|&)\s+)?[A-Z][\w'&-]*){0,3})"),
            remit_before: re_cs(r"^(?:\s+(?:of|for)(?:\s+(?:[a-z][a-z'-]*|&),?)+)?\s*$"),
            abbreviation: re_cs(r"^\s*\(([A-Z][A-Za-z]{1,7})\)"),
            own_council: re(r"\b(?:the\s+)?(?:county|city|borough|district|local)\s+(?:council|authority)\b|\bthe\s+(?:council|authority|county|borough|town\s+hall)\b|\bthe\s+(?:(?:north|south|east|west|inner|outer)\s+)?london\s+borough\b|\bcounty\s+council\b|\bour\s+council\b"),
            own_trust: re(r"\bthe\s+(?:new\s+)?(?:children'?s\s+)?trust\b|\ban?\s+new\s+(?:children'?s\s+)?trust\b|\bthe\s+company\b|\bthe\s+organisation\b"),
            described_council: re_cs(r"\b[Tt]he\s+([A-Z][a-z]+)\s+(?:council|authority)\b"),
            own_inspectorate: re(r"\bthe\s+(?:(?:education|schools|children's\s+services|social\s+care)\s+)?(?:watchdog|inspectorate|regulator)\b"),
            own_department: re(r"\bthe\s+department\b"),
            own_board: re(r"\bthe\s+(?:improvement\s+|safeguarding\s+)?board\b"),
            trust_word: Words::new(&["trust"]),
            council_word: Words::new(&["council"]),
            council_words: Words::new(&["council", "authority", "county", "borough", "town hall"]),
            trust_words: Words::new(&["trust", "company", "organisation"]),
            board_words: Words::new(&["safeguarding", "LSC"]),
            party_words: Words::new(&["Conservatives", "Liberal Democrats", "Lib Dems", "Greens"]),
            other_words: Words::new(&["watchdog", "inspectorate", "regulator", "department", "board"]),
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
            if let Some(&row) = schema.body_by_name.get(&sent[a..b].to_lowercase()).filter(|&&row| written_as_name(schema, row, &sent[a..], b - a)) {
                add(ctx, a, b, &|ctx: &mut Ctx| gazetteer_body(ctx, row));
            }
        }
        for c in m.place_party.captures_iter(m.party_words.gate(with_places)) {
            let g = c.get(0).unwrap();
            let name = g.as_str().to_string();
            add(ctx, g.start(), g.end(), &|ctx: &mut Ctx| ctx.entity(EntityKind::Body, &name, Some(BodyKind::Party), None));
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
            // `NHS Herefordshire and Worcestershire Integrated Care Board` is one body, read below;
            // `the tri-borough councils` are the councils, not their joint body.
            if m.org_continues.is_match(&sent[b..]) || [" authorities", " councils", " boroughs"].iter().any(|w| sent[b..].starts_with(w)) || after_given_name(schema, sent, a) {
                continue;
            }
            if let Some(&row) = schema.body_by_name.get(&sent[a..b].to_lowercase()) {
                // `Labour market pressures`: the word, not the party.
                if schema.bodies[row].kind == BodyKind::Party && NOT_PARTY_AFTER.iter().any(|w| sent[b..].starts_with(w)) {
                    continue;
                }
                add(ctx, a, b, &|ctx: &mut Ctx| gazetteer_body(ctx, row));
            }
        }
        for c in m.newspaper.captures_iter(if m.news_word.is_match(sent) { sent } else { "" }) {
            let (a, b) = (c.get(1).unwrap().start(), c.get(0).unwrap().end());
            if only_generic_words(c[1].trim()) {
                continue;
            }
            let name = sent[a..b].to_string();
            add(ctx, a, b, &|ctx: &mut Ctx| ctx.entity(EntityKind::Body, &name, Some(BodyKind::Press), None));
        }
        for g in m.university.find_iter(sent) {
            let name = g.as_str().to_string();
            add(ctx, g.start(), g.end(), &|ctx: &mut Ctx| ctx.entity(EntityKind::Body, &name, Some(BodyKind::Organisation), None));
        }
        for c in m.named_org.captures_iter(sent) {
            let (whole_start, whole_end) = (c.get(0).unwrap().start(), c.get(0).unwrap().end());
            // `West Mercia Police and NHS ... Board` is two bodies: split after
            // a head word followed by `and`, or before the words between them
            // (`X Chamber of Commerce president Jo Bloggs and Y Company`).
            let mut pieces = Vec::new();
            let mut a = whole_start;
            while let Some(and) = sent[a..whole_end].find(" and ").map(|i| a + i) {
                let Some(head_end) = last_head_end(&sent[a..and]).map(|e| a + e) else { break };
                pieces.push((a, head_end));
                a = and + 5;
                a += sent[a..].len() - sent[a..].trim_start().len();
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
            let words = &sent[a..c.get(2).unwrap().start()];
            // `Councillor Jo Brent`: a person whose surname is a place.
            let person = words.split_whitespace().any(|w| schema.honorifics.contains(w) || schema.given_names.contains(w));
            if only_generic_words(words) || person {
                continue;
            }
            let name = sent[a..b].to_string();
            add(ctx, a, b, &|ctx: &mut Ctx| ctx.entity(EntityKind::Body, &name, Some(BodyKind::Organisation), None));
        }
        // `director of commissioning at Greystone`: the body a post is held at.
        for c in m.at_name.captures_iter(if sent.contains(" at ") { sent } else { "" }) {
            let g = c.get(1).unwrap();
            let (a, b) = (g.start(), g.end());
            let before = super::clip_before(sent, c.get(0).unwrap().start(), 80);
            let post = schema.role_regex.find_iter(before).last().is_some_and(|r| m.remit_before.is_match(&before[r.end()..]));
            let first = g.as_str().split_whitespace().next().unwrap_or("");
            let odd = NOT_IN_ORG_NAME.contains(&first) || schema.given_names.contains(first) || schema.not_names.contains(first) || crate::date::month_number(first).is_some() || crate::date::WEEKDAYS.iter().any(|d| first.starts_with(d))
                || schema.bodies_by_place.contains_key(g.as_str()) || only_generic_words(g.as_str());
            if !post || odd || ctx.overlaps(s.start + a, s.start + b) {
                continue;
            }
            let name = g.as_str().to_string();
            add(ctx, a, b, &|ctx: &mut Ctx| ctx.entity(EntityKind::Body, &name, Some(BodyKind::Organisation), None));
        }
        // Asked only of a sentence that names a place.
        let address = !places.is_empty() && address_line(sent, s.whole_line);
        let label = !places.is_empty() && section_label(sent, s.whole_line);
        for (a, b) in places {
            // `Greater Manchester` is a region, not Manchester's council.
            let region = ["Greater ", "Inner ", "Outer ", "Central "].iter().any(|w| sent[..a].ends_with(w));
            // `Westminster Hall`, `Kingston University`: a place's building or institution.
            let thing = PLACE_THINGS.iter().any(|w| sent[b..].strip_prefix(' ').is_some_and(|r| r.starts_with(w) && !r[w.len()..].starts_with(|c: char| c.is_alphanumeric())));
            let surname = after_given_name(schema, sent, a);
            if ambiguous_place_word(a, &sent[a..b]) || address || region || label && !sent[a..b].contains('&') || thing || surname {
                continue;
            }
            add(ctx, a, b, &|ctx: &mut Ctx| place_body(ctx, &sent[a..b], BodyKind::Council, year));
        }
    }
    define_abbreviations(ctx);
    find_boards(ctx);
}

/// Whether a gazetteer name found at the start of `text` (`len` bytes) is
/// written as that body's name. A council's or trust's name may be written in
/// any case after its first letter (`Slough children's services trust`), but
/// starts with a capital (`children's commissioner` is a post); a department's
/// in any case (`the department for education`); another organisation's as the
/// gazetteer writes it (`Community Care`, not `community care` nor a heading's
/// `CHILDREN'S COMMISSIONER`). A name that
/// is the head of the gazetteer's `NAME for PLACE` (`Children's Commissioner`),
/// followed by another `for ...`, is a post in another body.
fn written_as_name(schema: &Schema, row: usize, text: &str, len: usize) -> bool {
    let b = &schema.bodies[row];
    let written = &text[..len];
    let after = &text[len..];
    if after.starts_with(" for ") && b.name.starts_with(&format!("{written} for ")) && !after.starts_with(&b.name[len..]) {
        return false;
    }
    match b.kind {
        BodyKind::Department => true,
        BodyKind::Organisation | BodyKind::Party | BodyKind::Press => std::iter::once(&b.name).chain(&b.aliases).any(|n| n == written),
        _ => written.starts_with(|c: char| c.is_uppercase()),
    }
}

/// A page's section label (`Coventry & Warwickshire`): a short line of
/// capitalised words joined by `&`, not a body acting in the text.
fn section_label(sent: &str, whole_line: bool) -> bool {
    let words: Vec<&str> = sent.split_whitespace().collect();
    whole_line && words.contains(&"&") && words.len() <= 5 && words.iter().all(|w| *w == "&" || w.starts_with(|c: char| c.is_uppercase()))
}

/// Whether a body's name is a safeguarding children board's or partnership's.
fn is_board(name: &str) -> bool {
    let n = name.to_lowercase();
    n.contains("safeguarding") && (n.ends_with(" board") || n.ends_with(" partnership") || n.ends_with("lscb") || n.ends_with("lscp"))
}

/// Safeguarding children boards named without their place (`the Local
/// Safeguarding Children Board`, `the LSCB`, `the city's safeguarding
/// children board`): where a possessive ties it to a council, that council's
/// board, named after its place; else the board this document named before;
/// else the board as written, by its usual name.
fn find_boards(ctx: &mut Ctx) {
    let m = matchers(ctx.schema);
    let text = ctx.text();
    for si in 0..ctx.doc.sentences.len() {
        let s = ctx.doc.sentences[si];
        let sent = &text[s.start..s.end];
        if ctx.skip[si] || !m.board_words.held_in(sent) {
            continue;
        }
        for c in m.board.captures_iter(sent) {
            let g = c.name("body").unwrap();
            let (start, end) = (s.start + g.start(), s.start + g.end());
            if ctx.overlaps(start, end) {
                continue;
            }
            let partnership = c.name("kind").is_some_and(|k| k.as_str().eq_ignore_ascii_case("partnership")) || c.name("abbr").is_some_and(|k| k.as_str() == "P");
            let local = c.name("abbr").is_some() || g.as_str().to_lowercase().contains("local");
            let usual = match (partnership, local) {
                (true, _) => "Safeguarding Children Partnership",
                (false, true) => "Local Safeguarding Children Board",
                (false, false) => "Safeguarding Children Board",
            };
            let place = match (c.name("own"), c.name("place")) {
                (Some(_), _) => ctx.main_body(BodyKind::Council).and_then(|c| ctx.entities[c].place.clone()),
                (_, Some(p)) => ctx.schema.body_for_place(p.as_str(), BodyKind::Council, None).and_then(|row| ctx.schema.bodies[row].place.clone()),
                _ => None,
            };
            let named = ctx.mentions_before(start).iter().rev().find(|m| !m.anaphor && ctx.entities[m.entity].kind == EntityKind::Body && is_board(&ctx.entities[m.entity].name)).map(|m| m.entity);
            if let Some(id) = named.filter(|_| place.is_none()) {
                mention_without_alias(ctx, start, end, id, true);
                continue;
            }
            match place {
                Some(place) => {
                    let id = ctx.entity(EntityKind::Body, &format!("{place} {usual}"), Some(BodyKind::Organisation), Some(&place));
                    mention_without_alias(ctx, start, end, id, false);
                }
                None => {
                    let id = ctx.entity(EntityKind::Body, usual, Some(BodyKind::Organisation), None);
                    ctx.mention(start, end, id, false);
                }
            }
        }
    }
}

/// A mention whose words (`the LSCB`) are no name of the body: they stand for
/// it here, but would name any board in another document.
fn mention_without_alias(ctx: &mut Ctx, start: usize, end: usize, id: EntityId, anaphor: bool) {
    if ctx.mention(start, end, id, anaphor) {
        let surface = ctx.text()[start..end].trim();
        ctx.entities[id].aliases.remove(surface);
    }
}

/// Whether the word before `at` is a given name: `Councillor Jo Brent`,
/// `Mark Durham` are people whose surnames are places.
fn after_given_name(schema: &Schema, sent: &str, at: usize) -> bool {
    sent[..at].strip_suffix(' ').and_then(|r| r.rsplit(|c: char| !c.is_alphanumeric()).next()).is_some_and(|w| schema.given_names.contains(w) && !schema.bodies_by_place.contains_key(w))
}

/// Words after `Labour` that make it the word, not the party.
const NOT_PARTY_AFTER: &[&str] = &[" market", " costs", " shortage", " supply", " force", " turnover", " law", " relations"];

/// Nouns that, after a place, name a building or an institution of its own.
const PLACE_THINGS: &[&str] = &["Hall", "Abbey", "Palace", "Cathedral", "Airport", "Station", "University", "College", "Hospital", "Prison", "Crown Court", "Magistrates"];

/// Words that describe a service but name no particular body.
fn only_generic_words(words: &str) -> bool {
    const GENERIC: &[&str] = &[
        "Children's", "Childrens", "Children", "Child", "Services", "Service", "Social", "Care", "Safeguarding",
        "Trust", "Council", "Board", "Hub", "Partnership", "Agency", "Authority", "Department", "Group", "Family",
        "Families", "Young", "People", "Education", "Local", "County", "City", "Borough", "New", "and", "for", "of",
        "&", "Protection", "Early", "Help", "Youth", "Academy", "Commission", "Foundation", "Government",
        // Parts of a region: `Greater Manchester`, `West London` name areas, not bodies.
        "Greater", "North", "South", "East", "West", "Central", "Inner", "Outer", "Mid", "Upper", "Lower", "Royal",
        // A council's own meetings and panels: `Full Council`, `Scrutiny Board`, `the Improvement Board`.
        "Full", "Scrutiny", "Overview", "Committee", "Improvement", "Cabinet", "Executive", "Corporate", "Parenting",
        "Work", "Strategic", "Quality", "Assurance", "Practice", "Joint",
    ];
    words.split_whitespace().all(|w| GENERIC.contains(&w))
}

/// Where the last head word of an organisation's name in `words` ends.
fn last_head_end(words: &str) -> Option<usize> {
    let mut end = None;
    let mut at = 0;
    for w in words.split(' ') {
        if ORG_HEADS.split('|').any(|h| h == w) {
            end = Some(at + w.len());
        }
        at += w.len() + 1;
    }
    end
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
    // Each use of it as a word (`\bABBR\b`; letters only, so no use is
    // hidden inside an overlapping one).
    for (abbr, id) in defined {
        for (at, _) in text.match_indices(abbr.as_str()) {
            let end = at + abbr.len();
            if super::phrases::word_char_before(text, at) || super::phrases::word_char_at(text, end) {
                continue;
            }
            let si = ctx.doc.sentence_at(at);
            if si.is_some_and(|i| !ctx.skip[i]) {
                ctx.mention(at, end, id, false);
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
    // The trust of the council's place, made an entity only where an anaphor stands for it.
    let council_trust = council.and_then(|c| ctx.schema.body_for_place(ctx.entities[c].place.as_deref()?, BodyKind::Trust, None));
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
            if let Some(id) = before.or_else(|| council_trust.map(|row| gazetteer_body(ctx, row))) {
                ctx.mention(at, s.start + g.end(), id, true);
            }
        }
        // `the watchdog`, `the department`, `the board`: the inspectorate,
        // department or board named last (the inspectorate: or first).
        let others = m.other_words.gate(sent);
        for (pattern, kinds) in [(&m.own_inspectorate, BodyKind::Inspectorate), (&m.own_department, BodyKind::Department), (&m.own_board, BodyKind::Organisation)] {
            for g in pattern.find_iter(others) {
                // `the department for education`, `the board of the trust` are names or other things.
                if [" for ", " of "].iter().any(|w| sent[g.end()..].starts_with(w)) {
                    continue;
                }
                let at = s.start + g.start();
                let fits = |e: EntityId| match kinds {
                    BodyKind::Organisation => ctx.entities[e].kind == EntityKind::Body && ctx.entities[e].name.ends_with(" Board"),
                    k => ctx.is_body(e, &[k]),
                };
                let named = ctx.mentions_before(at).iter().rev().find(|m| !m.anaphor && fits(m.entity)).map(|m| m.entity)
                    .or_else(|| if kinds == BodyKind::Inspectorate { ctx.mentions.iter().find(|m| !m.anaphor && fits(m.entity)).map(|m| m.entity) } else { None });
                if let Some(id) = named {
                    ctx.mention(at, s.start + g.end(), id, true);
                }
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
            // `the county council` prefers a county council, `the borough` a borough (the document's own first).
            let form = ["county", "city", "borough"].into_iter().find(|f| g.as_str().to_lowercase().contains(f));
            // `the borough of Croydon` is a name.
            if sent[g.end()..].starts_with(" of ") {
                continue;
            }
            // `the council` is the document's own council where this paragraph names it.
            // (Mentions are in text order, so the paragraph's are the last ones before `at`.)
            let this_paragraph = || ctx.mentions_before(at).iter().rev().take_while(|m| ctx.paragraph_of(m) == paragraph);
            let main_here = council.filter(|&c| form.is_none() && this_paragraph().any(|m| m.entity == c && !m.anaphor));
            if let Some(main) = main_here {
                ctx.mention(at, s.start + g.end(), main, true);
                continue;
            }
            let fits = |id: EntityId| form.is_none_or(|f| known_names(ctx, id).any(|n| n.to_lowercase().contains(f)));
            if let Some(main) = council.filter(|&c| form.is_some() && fits(c)) {
                ctx.mention(at, s.start + g.end(), main, true);
                continue;
            }
            // `..., assistant director at Plymouth City Council, ...` names
            // someone's employer, not the council the text goes on about.
            let employer = |m: &super::Mention| text[..m.start].ends_with(" at ") || text[..m.start].ends_with(" from ");
            let in_paragraph = |m: &&super::Mention| !m.anaphor && !employer(m) && ctx.is_body(m.entity, &[BodyKind::Council]);
            let named_before = |m: &&super::Mention| !m.anaphor && ctx.is_body(m.entity, &[BodyKind::Council]);
            // `the east London borough` just after two boroughs: which one, the words do not say.
            let qualified = g.as_str().to_lowercase().contains("london");
            if qualified {
                let near = ctx.mentions_before(at).iter().rev().take_while(|m| ctx.paragraph_of(m) + 1 >= paragraph);
                let mut candidates: Vec<EntityId> = near.filter(|m| !m.anaphor && ctx.is_body(m.entity, &[BodyKind::Council]) && fits(m.entity)).map(|m| m.entity).collect();
                candidates.sort_unstable();
                candidates.dedup();
                if candidates.len() > 1 {
                    continue;
                }
            }
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
            // A council named once in passing (`..., which runs services for
            // Kingston and Richmond, ... the council`) does not take `the
            // council` from the one the document is about, named again and again.
            let named_times = |id: EntityId| ctx.mentions.iter().filter(|m| m.entity == id && !m.anaphor).count();
            let in_passing = |id: EntityId| council.is_some_and(|c| c != id && named_times(id) == 1 && named_times(c) >= 3);
            let chosen = before.or_else(previous_topic).map(|m| m.entity).filter(|&id| !(form.is_none() && in_passing(id)));
            if let Some(id) = chosen.or(council) {
                ctx.mention(at, s.start + g.end(), id, true);
            }
        }
    }
}

/// A body's name and, for a body of the gazetteer, its other names there
/// (`Sefton Council` is `Sefton Metropolitan Borough Council`).
fn known_names<'a>(ctx: &'a Ctx, id: EntityId) -> impl Iterator<Item = &'a String> {
    let name = &ctx.entities[id].name;
    let row = ctx.schema.body_by_name.get(&name.to_lowercase()).map(|&r| &ctx.schema.bodies[r]);
    std::iter::once(name).chain(row.into_iter().flat_map(|b| std::iter::once(&b.name).chain(&b.aliases)))
}

/// The council that opened the nearest earlier sentence naming one.
fn topic_council_before(ctx: &Ctx, sentence: usize) -> Option<EntityId> {
    (0..sentence).rev().find_map(|i| {
        ctx.mentions_in(i).find(|m| ctx.is_body(m.entity, &[BodyKind::Council])).map(|m| m.entity)
    })
}
