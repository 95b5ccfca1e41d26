//! People: runs of capitalised words that read as a name, by a given name
//! from the gazetteer, an honorific (`Cllr`, `Ms`), a byline, an adjacent post
//! (`inspector NAME`, `NAME, chair of ...`) or a speech verb (`NAME said`).
//! A later mention by surname (`Ms Bloggs`, `Example and Sample`) or by
//! given name after `Dear` is joined to the full name.

use super::{Ctx, EntityId, EntityKind};
use crate::date::{month_number, WEEKDAYS};
use crate::schema::{re, Pattern};
use std::sync::OnceLock;

/// A word of the sentence: its normalised span.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

fn speech_verb() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| re(r"^\s*(?:,\s*)?(?:said|says|added|told|warned|explained|commented|noted|wrote|stated)\b"))
}

/// Nouns that, after a name, make it the name of a building, prize or fund.
const NAMED_THINGS: &[&str] = &[
    "House", "Street", "Road", "Square", "Building", "Centre", "Center", "Hall", "Court", "Way", "Lane", "Place",
    "Avenue", "Park", "Gardens", "School", "Academy", "College", "University", "Hospital", "Award", "Awards",
    "Prize", "Fund", "Foundation", "Trust", "Memorial", "Lecture", "Review", "Report", "Inquiry", "Library",
];

fn is_name_word(w: &str) -> bool {
    let w = w.strip_suffix("'s").unwrap_or(w);
    if w.is_ascii() {
        let b = w.as_bytes();
        return b.len() >= 2 && b[0].is_ascii_uppercase() && b.iter().any(u8::is_ascii_lowercase)
            && b.iter().all(|&c| c.is_ascii_alphabetic() || c == b'\'' || c == b'-');
    }
    let mut chars = w.chars();
    let Some(first) = chars.next() else { return false };
    first.is_uppercase() && w.chars().count() >= 2 && w.chars().any(|c| c.is_lowercase())
        && w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '-')
}

/// Appends the words of `sent` (which starts at `base`) to `out`: runs of
/// letters and digits, with the apostrophes and hyphens inside them
/// (`O'Neill`, `Smith-Jones`, `council's`), not those at their ends.
fn push_words(sent: &str, base: usize, out: &mut Vec<Word>) {
    let is_joiner = |c: char| c == '\'' || c == '-';
    let mut push = |s: usize, e: usize| {
        let e = s + sent[s..e].trim_end_matches(is_joiner).len();
        out.push(Word { start: base + s, end: base + e });
    };
    let b = sent.as_bytes();
    if sent.is_ascii() {
        // In ASCII text each byte is a character.
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'\'' || b[i] == b'-') {
                i += 1;
            }
            push(s, i);
        }
        return;
    }
    let mut start = None;
    for (i, c) in sent.char_indices() {
        match (c.is_alphanumeric() || (is_joiner(c) && start.is_some()), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(s, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, sent.len());
    }
}

/// The words of each sentence of a document (none for a skipped one), read
/// once for `find` and `short_mentions`.
struct SentenceWords {
    words: Vec<Word>,
    /// Sentence `i`'s words are `words[ends[i - 1]..ends[i]]`.
    ends: Vec<usize>,
}

impl SentenceWords {
    fn of(ctx: &Ctx) -> SentenceWords {
        let text = ctx.text();
        let mut words = Vec::new();
        let mut ends = Vec::with_capacity(ctx.doc.sentences.len());
        for (s, &skip) in ctx.doc.sentences.iter().zip(&ctx.skip) {
            if !skip {
                push_words(&text[s.start..s.end], s.start, &mut words);
            }
            ends.push(words.len());
        }
        SentenceWords { words, ends }
    }

    fn of_sentence(&self, i: usize) -> &[Word] {
        &self.words[if i == 0 { 0 } else { self.ends[i - 1] }..self.ends[i]]
    }
}

/// Finds the people of a document; returns the byline authors.
pub fn find(ctx: &mut Ctx, bylines: &[(usize, usize)]) -> Vec<EntityId> {
    let text = ctx.text();
    let schema = ctx.schema;
    let mut people: Vec<(usize, usize, String)> = Vec::new(); // span and name, full names only
    let mut authors = Vec::new();
    let sentence_words = SentenceWords::of(ctx);

    for si in 0..ctx.doc.sentences.len() {
        let ws = sentence_words.of_sentence(si);
        let s = ctx.doc.sentences[si];
        let opens_paragraph = si == 0 || ctx.doc.sentences[si - 1].paragraph != s.paragraph;
        let mut i = 0;
        while i < ws.len() {
            // A run of name words, not inside a body's name, no punctuation between.
            // `JO Bloggs has quit`: a news story may open on a given name in capitals.
            let capitals = i == 0 && opens_paragraph && capitalised_given_name(ctx, word(text, ws[0])).is_some() && ws.len() > 1 && run_word(ctx, ws, 1, 1);
            let mut j = if capitals { i + 1 } else { i };
            loop {
                while j < ws.len() && run_word(ctx, ws, i, j) {
                    j += 1;
                }
                // `Jo de Vries`, `Sam van der Berg`: particles between name words.
                match particles_then_name(ctx, ws, i, j) {
                    Some(k) => j = k,
                    None => break,
                }
            }
            if j == i {
                i += 1;
                continue;
            }
            // Honorifics and ranks are dropped with the words before them
            // (`Green Party Councillor Jo Bloggs`), and are a cue.
            let mut a = i;
            let mut honorific = false;
            if let Some(h) = (i..j.saturating_sub(1)).rev().find(|&k| schema.honorifics.contains(word(text, ws[k]).trim_end_matches('.'))) {
                honorific = true;
                a = h + 1;
            }
            while a < j && schema.honorifics.contains(word(text, ws[a]).trim_end_matches('.')) {
                a += 1;
            }
            if a == i && i > 0 && schema.honorifics.contains(word(text, ws[i - 1]).trim_end_matches('.')) {
                honorific = true;
            }
            // `Ask Faisal Qureshi`: a word opening the sentence before a given name is not part of it.
            while j - a >= 3 && !schema.given_names.contains(word(text, ws[a])) && schema.given_names.contains(word(text, ws[a + 1])) {
                a += 1;
            }
            if j - a >= 2 && j - a <= 5 && (j - a <= 4 || particles_in(text, &ws[a..j])) {
                let (start, end) = (ws[a].start, ws[j - 1].end);
                let end = if text[start..end].ends_with("'s") { end - 2 } else { end };
                let mut name = text[start..end].to_string();
                if capitals && a == 0 {
                    let first = word(text, ws[0]);
                    name = format!("{}{}", capitalised_given_name(ctx, first).unwrap_or_default(), &name[first.len()..]);
                }
                let in_byline = bylines.iter().any(|&(bs, be)| start >= bs && end <= be);
                if accept(ctx, ws, a, j, honorific || in_byline || capitals && a == 0, start, end) {
                    people.push((start, end, name));
                    if in_byline {
                        authors.push(people.len() - 1);
                    }
                }
            }
            i = j;
        }
    }

    let mut ids = Vec::new();
    for (start, end, name) in &people {
        let id = ctx.entity(EntityKind::Person, name, None, None);
        ctx.mention(*start, *end, id, false);
        ids.push(id);
    }
    let mut author_ids: Vec<EntityId> = authors.iter().map(|&k| ids[k]).collect();
    author_ids.dedup();
    short_mentions(ctx, &sentence_words);
    pronouns(ctx);
    author_ids
}

/// Pronouns of people: `He`, `She`, `His`, `Her` opening a sentence stand for
/// the person the sentences before (up to three) name first; `he`, `she`,
/// `his`, `her` inside a sentence for the one person named before them in it
/// (none where it names none or several). `Her Majesty's` is a title.
fn pronouns(ctx: &mut Ctx) {
    static WORD: OnceLock<Pattern> = OnceLock::new();
    let word = WORD.get_or_init(|| crate::schema::re_cs(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er)\b"));
    let text = ctx.text();
    for si in 0..ctx.doc.sentences.len() {
        let s = ctx.doc.sentences[si];
        if ctx.skip[si] {
            continue;
        }
        let sent = &text[s.start..s.end];
        for g in word.find_iter(sent) {
            if sent[g.end()..].starts_with(" Majesty") || ctx.overlaps(s.start + g.start(), s.start + g.end()) {
                continue;
            }
            let at = s.start + g.start();
            let mut before: Vec<EntityId> = ctx.mentions_in(si).filter(|m| m.end <= at && ctx.entities[m.entity].kind == EntityKind::Person).map(|m| m.entity).collect();
            before.dedup();
            let antecedent = match before.len() {
                0 if g.start() == 0 => (si.saturating_sub(3)..si).rev().find_map(|i| {
                    ctx.mentions_in(i).find(|m| ctx.entities[m.entity].kind == EntityKind::Person).map(|m| m.entity)
                }),
                1 => Some(before[0]),
                _ => None,
            };
            if let Some(id) = antecedent {
                ctx.mention(at, s.start + g.end(), id, true);
            }
        }
    }
}

fn word(text: &str, w: Word) -> &str {
    &text[w.start..w.end]
}

/// Lower-case words that join the parts of a surname (`de Vries`, `van der Berg`).
const PARTICLES: &[&str] = &["van", "von", "de", "der", "den", "du", "da", "di", "del", "della", "dos", "das", "la", "le", "ter", "ten", "bin", "ibn"];

/// Where a run of name words `ws[i..j]` ends if particles at `j` lead to a
/// name word (`Jo de Vries`): one past that word.
fn particles_then_name(ctx: &Ctx, ws: &[Word], i: usize, j: usize) -> Option<usize> {
    let text = ctx.text();
    if j == i || j >= ws.len() {
        return None;
    }
    let mut k = j;
    while k < ws.len() && k - j < 2 && PARTICLES.contains(&word(text, ws[k])) && &text[ws[k - 1].end..ws[k].start] == " " {
        k += 1;
    }
    (k > j && k < ws.len() && !word(text, ws[j - 1]).ends_with("'s") && run_word(ctx, ws, k, k) && &text[ws[k - 1].end..ws[k].start] == " ").then_some(k + 1)
}

/// Whether the words hold a particle (the run may then be one word longer).
fn particles_in(text: &str, ws: &[Word]) -> bool {
    ws.iter().any(|&w| PARTICLES.contains(&word(text, w)))
}

/// `SARAH` -> `Sarah`, when that is a given name.
fn capitalised_given_name(ctx: &Ctx, w: &str) -> Option<String> {
    if w.len() < 2 || !w.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let name = format!("{}{}", &w[..1], w[1..].to_ascii_lowercase());
    ctx.schema.given_names.contains(&name).then_some(name)
}

/// Whether word `j` continues a run of name words begun at `i`.
fn run_word(ctx: &Ctx, ws: &[Word], i: usize, j: usize) -> bool {
    let text = ctx.text();
    let w = word(text, ws[j]);
    if !is_name_word(w) || ctx.overlaps(ws[j].start, ws[j].end) {
        return false;
    }
    let bare = w.strip_suffix("'s").unwrap_or(w);
    if ctx.schema.not_names.contains(bare) || month_number(bare).is_some_and(|_| bare.len() > 3)
        || WEEKDAYS.iter().any(|d| d.eq_ignore_ascii_case(bare))
    {
        return false;
    }
    // Words must be separated by a single space (or a hyphen inside a name),
    // and a possessive ends the run.
    if j > i {
        let gap = &text[ws[j - 1].end..ws[j].start];
        if gap != " " || word(text, ws[j - 1]).ends_with("'s") {
            return false;
        }
    }
    true
}

/// Whether a run of name words `ws[a..j]` is a person.
fn accept(ctx: &Ctx, ws: &[Word], a: usize, j: usize, cued: bool, start: usize, end: usize) -> bool {
    let text = ctx.text();
    let schema = ctx.schema;
    let first = word(text, ws[a]);
    let last = word(text, ws[j - 1]).trim_end_matches("'s");
    // `Bernard Bloggs House`, `Jo Bloggs Award`: a name given to a thing.
    let next_word = text[end..].strip_prefix(' ').and_then(|r| r.split(|c: char| !c.is_alphanumeric()).next()).unwrap_or("");
    if NAMED_THINGS.contains(&next_word) {
        return false;
    }
    // `the West Midlands`: a name takes no article (a title may stand between).
    let article = text[..start].strip_suffix("the ").or_else(|| text[..start].strip_suffix("The "));
    if !cued && article.is_some_and(|b| !b.ends_with(|c: char| c.is_alphanumeric())) {
        return false;
    }
    // `Single Inspection Framework (SIF)`: a name with its initials is a thing's.
    let after = super::clip_after(text, end, 80);
    if !cued && initials_follow(&text[start..end], after) {
        return false;
    }
    // A place is not a surname, unless a title or a given name says so (`Cllr Jo Brent`).
    let given = schema.given_names.contains(first) && !schema.bodies_by_place.contains_key(first);
    if schema.bodies_by_place.contains_key(&text[start..end]) || schema.bodies_by_place.contains_key(last) && !cued && !given {
        return false;
    }
    if cued || given {
        return true;
    }
    // A post next to the name: `inspector NAME`, `cabinet member for children NAME`, `NAME, the chair of`.
    let before = super::clip_before(text, start, 90);
    if schema.role_regex.find_iter(before).last().is_some_and(|m| {
        let gap = &before[m.end()..];
        gap.trim().trim_matches([',', '-', '(', ')']).trim().len() <= 6 || remit().is_match(gap) && !gap.ends_with(" and ")
    }) {
        return true;
    }
    if let Some(rest) = after.strip_prefix(", ") {
        let rest = rest.trim_start_matches("the ").trim_start_matches("our ");
        if schema.role_regex.find(rest).is_some_and(|m| m.start() <= 40) {
            return true;
        }
    }
    // `NAME (chair of ...)`: the post within the brackets.
    if let Some(rest) = after.strip_prefix(" (") {
        let inside = &rest[..rest.find(')').unwrap_or(rest.len())];
        if schema.role_regex.find(inside).is_some_and(|m| m.start() <= 40) {
            return true;
        }
    }
    // `appointed NAME as interim chair of ...`
    if let Some(rest) = after.strip_prefix(" as ") {
        if schema.role_regex.find(rest).is_some_and(|m| m.start() <= 25 && !rest[..m.start()].contains([',', '.', ';'])) {
            return true;
        }
    }
    speech_verb().is_match(after)
}

/// The words between a post and a name after it: its remit, in lower case
/// (` for children's services `).
fn remit() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| crate::schema::re_cs(r"^ (?:for|of) [a-z'& -]{1,50} $"))
}

/// Whether `after` opens with the bracketed initials of `name` (`(SIF)`).
fn initials_follow(name: &str, after: &str) -> bool {
    let Some(abbr) = after.strip_prefix(" (").and_then(|r| r.split_once(')')).map(|(a, _)| a) else { return false };
    let initials: String = name.split(' ').filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
    abbr.len() >= 3 && abbr.chars().all(|c| c.is_ascii_uppercase()) && initials.starts_with(&abbr[..2])
}

/// Surname mentions (`Ms Bloggs`, `Example was`) and `Dear GIVEN` join the full name.
fn short_mentions(ctx: &mut Ctx, sentence_words: &SentenceWords) {
    let text = ctx.text();
    let people: Vec<(EntityId, &str, &str)> = ctx
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person)
        .filter_map(|(i, e)| Some((i, e.name.split(' ').next()?, e.name.split(' ').next_back()?)))
        .collect();
    if people.is_empty() {
        return;
    }
    // The one person with this word as their surname (or given name), if only one has it.
    let only = |t: &str, surname: bool| {
        let mut with = people.iter().filter(|p| t == if surname { p.2 } else { p.1 });
        with.next().filter(|_| with.next().is_none()).map(|p| p.0)
    };
    let mut found = Vec::new();
    for si in 0..ctx.doc.sentences.len() {
        let ws = sentence_words.of_sentence(si);
        for (k, w) in ws.iter().enumerate() {
            let t = word(text, *w);
            let t = t.strip_suffix("'s").unwrap_or(t);
            let prev = (k > 0).then(|| word(text, ws[k - 1]));
            let target = only(t, true).or_else(|| if prev == Some("Dear") { only(t, false) } else { None });
            if let Some(id) = target {
                let honorific = prev.is_some_and(|p| ctx.schema.honorifics.contains(p.trim_end_matches('.')));
                let start = if honorific { ws[k - 1].start } else { w.start };
                found.push((start, w.start + t.len(), id));
            }
        }
    }
    for (start, end, id) in found {
        if !ctx.overlaps(start, end) {
            ctx.mention(start, end, id, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{push_words, Word};

    fn words(sent: &str) -> Vec<&str> {
        let mut ws = Vec::new();
        push_words(sent, 10, &mut ws);
        ws.iter().map(|&Word { start, end }| &sent[start - 10..end - 10]).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens_and_drop_those_at_their_ends() {
        let sent = "Ms O'Neill-Smith's team -- 'quoted' Jo-' met -x 2019/20";
        let expected = ["Ms", "O'Neill-Smith's", "team", "quoted", "Jo", "met", "x", "2019", "20"];
        assert_eq!(words(sent), expected);
        // Text not all ASCII is read by characters, to the same words.
        let accented = format!("{sent} caf\u{e9}-bar");
        assert_eq!(words(&accented), [&expected[..], &["caf\u{e9}-bar"]].concat());
        assert_eq!(words(""), Vec::<&str>::new());
        assert_eq!(words("--'"), Vec::<&str>::new());
    }
}
