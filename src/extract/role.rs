//! Roles: a person holding a post in a body, with the post's own words, its
//! status (current, former, future) and its dates.
//!
//! A post is tied to a person when it stands next to the name: after it in
//! apposition (`NAME, the county council's director of children's services`),
//! after a verb (`NAME will assume the ... role`, `NAME has been appointed
//! commissioner`), or before it (`inspector NAME`, `the trust's chair - NAME`);
//! or in a letter's header and sign-off (name on one line, post on the next).

use super::date::find_dates;
use super::rules::{FactKind, PieceKind, RuleMatch};
use super::{Ctx, EntityId, EntityKind, Evidence, Mention, RoleFact, Status, SuccessionFact};
use crate::date::PartialDate;
use crate::schema::{re, re_cs, BodyKind, Pattern};
use std::sync::OnceLock;

/// A post named in a sentence.
#[derive(Debug, Clone)]
pub struct PostMention {
    pub start: usize,
    pub end: usize,
    pub title: usize,
    pub words: String,
    pub status: Option<Status>,
    /// Preceded by "predecessor".
    pub predecessor: bool,
    /// Written in the plural (`Her Majesty's Inspectors`): it may belong to a list of names.
    pub plural: bool,
}

/// Placeholder a body mention is replaced by when a gap is matched.
const BODY: char = '\u{1}';

struct Patterns {
    /// The words of the posts of `schema/vocab/roles.tsv`: a sentence with
    /// none of them names no post, and is not searched for one.
    post_words: super::gate::Gate,
    apposition: Pattern,
    verb: Pattern,
    take_up: Pattern,
    before_name: Pattern,
    after_post_body: Pattern,
    remit: Pattern,
    status_prefix: Pattern,
    topic: Pattern,
    new_post_start: Pattern,
    linking_tail: Pattern,
    and_post: Pattern,
    its: Pattern,
    its_opening: Pattern,
    post_chain: Pattern,
    chaired_by: Pattern,
    former_cue: Pattern,
    appointed: Pattern,
    future_cue: Pattern,
    trained_as: Pattern,
    starts_now: Pattern,
}

/// Compiles this extractor's patterns now, rather than at first use.
pub(crate) fn warm_up() {
    patterns();
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        post_words: super::gate::Gate::new([crate::schema::Schema::get().role_regex.as_str()]),
        apposition: re("^(?:'s)?(?:\\s*[,(:-]|\\s+as)\\s*(?:(?:the|our|its|their|his|her|a|an|now|also|currently|previously|formerly|council's|authority's|trust's)\\s+)*((?:former|ex-|previous|new|interim|acting|then|permanent)\\s*)*(?:\u{1}(?:'s)?\\s*-?\\s*)?$"),
        verb: re("^(?:,[^,\u{1}]{3,100},)?,?\\s+(?:who\\s+)?(?:has since\\s+|had\\s+)?(was until recently|is until recently|worked as|works as|served as|serves as|acted as|acts as|has been confirmed as|was confirmed as|is|was|has been|had been|became|becomes|will be|will become|would become|is to become|is due to become|is set to become|will assume|assumes|assumed|has been appointed(?: as)?|was appointed(?: as)?|had been appointed(?: as)?|has been named(?: as)?|was named(?: as)?|will remain(?: as)?|remains(?: as)?|was formerly|is now|has become|joined as|took over as|takes over as|will take over as|will join as|stepped down as|steps down as|will step down as|is stepping down as|stood down as|stands down as|left (?:her|his|their) (?:role|post) as|leaves (?:her|his|their) (?:role|post) as|quit as|retired as|retires as|will retire as|is retiring as|was previously)\\s+(?:(?:the|a|an|its|their|interim|acting|permanent)\\s+)*(?:(?:role|post|position|job)\\s+of\\s+(?:the\\s+)?)?((?:former|ex-|new)\\s+)?(?:\u{1}(?:'s)?\\s+)?$"),
        take_up: re("^,?\\s+(?:[\\w',\u{1}]+\\s+){0,8}?(to take(?: up)?|taking|took|to become|to assume|will take up|will take)\\s+(?:the\\s+|a\\s+|an\\s+|up\\s+)?(?:\u{1}(?:'s)?\\s+)?$"),
        before_name: re(r"^(?:'s)?(?:\s+role)?\s*(?:\([A-Z]{2,6}\))?\s*[,:-]?\s*(?:(?:Cllr|Councillor|Coun|Dr|Mr|Mrs|Ms|Miss|Mx|Professor|Prof|Sir|Dame|Lord|Lady|Baroness)\.?\s+)?$"),
        after_post_body: re("^(?:'s)?(?:\\s+role)?(?:\\s*,?\\s+(?:of|at|for|in|with|to)\\s+(?:the\\s+)?(?:[a-z]+\\s+)?|\\s*,\\s*)\u{1}"),
        remit: re(r"^\s+(?:of|for|with (?:special )?responsibility for)\s+([\w'&-]+(?:\s+(?:and\s+)?[\w'&-]+)*(?:\s*,\s*[\w'&-]+(?:\s+[\w'&-]+)*)*)"),
        status_prefix: re(r"(?:\b(former|ex|previous|predecessor|outgoing|new|interim|acting|incoming|then)\b[\s-]*(?:\u{1}(?:'s)?\s*)?(?:\w+'?s?\s+)?)$"),
        topic: re("^(?:(?:finally|meanwhile|elsewhere|but|and|also|similarly),?\\s+)?in\\s+\u{1}\\s*,"),
        its: re(r"^,\s*(?:its|their)\s"),
        post_chain: re("^(?:\\s+(?:at|of|for|in)\\s+(?:the\\s+)?\u{1})?\\s*,\\s*(?:the\\s+)?(?:former\\s+|ex-)?\u{1}?\\s*$"),
        its_opening: re(r"^\W*(?:its|their)\s+(?:new\s+|interim\s+|acting\s+)?$"),
        chaired_by: re("\u{1}\\s+(?:is|was|will be|has been|had been|is now|are)\\s+(chaired|headed|led|managed)\\s+by\\s+(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Professor|Prof|Sir|Dame|Lord|Lady|Baroness)\\.?\\s+)?$"),
        and_post: re("^\\s*(?:(?:of|for|at|in)\\s+(?:the\\s+)?\u{1}\\s*)?,?\\s*(?:and|&)\\s+(?:the\\s+|its\\s+|their\\s+)?$"),
        linking_tail: re("(?:^|[\\s,])(as|to become|becomes|became|will (?:also |now )?become|confirmed as|appointed(?: as)?|named(?: as)?|the role of|the post of|to take up the post of|to take the)\\s+(?:(?:the|a|an|its|their|his|her)\\s+)?(?:\u{1}(?:'s)?\\s+)?((?:former|ex-|new|permanent|interim|acting|first|next)\\s*)?(?:[a-z][a-z-]+\\s+)?$"),
        appointed: re(r"\b(?:was|were)\s+(?:appointed|named|confirmed|made|elected|chosen|selected)(?:\s+as)?(?:\s+(?:the|a|an|its|their))?\s*$"),
        former_cue: re(r"\b(?:formerly|previously|had been|spent|left|was|were|stood in|served|acted)\b"),
        trained_as: re(r"\b(?:qualified|qualifying|trained|training|career)\s+(?:as|in)\s+(?:an?\s+)?$"),
        future_cue: re(r"\b(?:will|due to|is to|set to)\b"),
        // `NAME takes up the post of X in the spring`: news tells a start to come in the present.
        starts_now: re(r"\b(?:takes up|starts|begins)\b"),
        new_post_start: re(r"\bthe\s+new\s+([\w' ]+?)s?\b[^.]*?\b(arrived|started|took up (?:post|their posts|the post)|joined|were appointed|was appointed|took over|began)\b"),
    })
}

/// Posts named in a sentence (normalised offsets), with a remit (`cabinet
/// member for children's services`) taken into the words.
pub fn posts(ctx: &Ctx, sentence: usize) -> std::rc::Rc<[PostMention]> {
    let mut cache = ctx.posts.borrow_mut();
    match cache.get(&sentence) {
        Some((n, posts)) if *n == ctx.mentions.len() => posts.clone(),
        _ => {
            let posts: std::rc::Rc<[PostMention]> = read_posts(ctx, sentence).into();
            cache.insert(sentence, (ctx.mentions.len(), posts.clone()));
            posts
        }
    }
}

/// `posts`, read from the sentence.
fn read_posts(ctx: &Ctx, sentence: usize) -> Vec<PostMention> {
    let p = patterns();
    let s = ctx.doc.sentences[sentence];
    let text = ctx.text();
    let sent = &text[s.start..s.end];
    let mut out = Vec::new();
    if !p.post_words.admits_text(sent) {
        return out;
    }
    for found in ctx.schema.role_regex.find_iter(sent) {
        // `the Liberal Democrat group leader`: a post begun inside a body's
        // name is the words after the name, if they are a post. (One that
        // begins with the name, `Ofsted inspector`, is the post's own title.)
        let g = match ctx.mentions.iter().find(|m| m.start < s.start + found.start() && s.start + found.start() < m.end) {
            None => found,
            Some(m) if m.end < s.start + found.end() => {
                let from = m.end - s.start + sent[m.end - s.start..].len() - sent[m.end - s.start..].trim_start().len();
                match ctx.schema.role_regex.find_at(sent, from).filter(|h| h.start() == from) {
                    Some(h) => h,
                    None => continue,
                }
            }
            Some(_) => continue,
        };
        let Some(title) = ctx.schema.role_at(sent, g.start()) else { continue };
        let mut end = g.end();
        let canonical = &ctx.schema.role_titles[title].canonical;
        // The remit runs up to the next name (a body's or a person's, less an
        // honorific before it), if any.
        let after = ctx.mentions.partition_point(|m| m.start < s.start + end);
        let next_mention = ctx.mentions.get(after).map_or(sent.len(), |m| (m.start - s.start).min(sent.len()));
        let next_mention = match sent[end..next_mention].trim_end().rsplit_once(' ') {
            Some((head, last)) if ctx.schema.honorifics.contains(last.trim_end_matches('.')) => end + head.len(),
            _ => next_mention,
        };
        if let Some(r) = p.remit.captures(&sent[end..next_mention]) {
            let words = r.get(1).unwrap();
            let len = remit_len(words.as_str());
            if len > 0 {
                end += words.start() + len;
            }
        }
        // `Professor Jo Bloggs`: a title before a name, not a post.
        let honorific = ctx.schema.honorifics.contains(g.as_str()) && ctx.mentions.binary_search_by_key(&(s.start + g.end() + 1), |m| m.start).is_ok();
        if honorific {
            continue;
        }
        if canonical == "head" && end == g.end() {
            continue; // `head` is a post only with its remit (`head of safeguarding`)
        }
        let before = super::clip_before(sent, g.start(), 60);
        let masked = mask_bodies(ctx, s.start + g.start() - before.len(), before);
        let (status, predecessor) = match p.status_prefix.captures(&masked) {
            Some(c) => {
                let w = c[1].to_lowercase();
                let st = match w.as_str() {
                    "former" | "ex" | "previous" | "predecessor" | "outgoing" | "then" => Some(Status::Former),
                    "incoming" => Some(Status::Future),
                    _ => None,
                };
                (st, w == "predecessor")
            }
            None => (None, false),
        };
        out.push(PostMention {
            start: s.start + g.start(),
            end: s.start + end,
            title,
            words: singular(&sent[g.start()..g.end()], canonical).to_lowercase() + &sent[g.end()..end].to_lowercase(),
            plural: g.as_str().ends_with('s') && !canonical.ends_with('s'),
            status,
            predecessor,
        });
    }
    out
}

/// How much of `children, families and education, said ...` is the remit:
/// its first part, or a comma-separated list up to the part holding `and`,
/// stopping at a verb or preposition that starts the rest of the sentence.
fn remit_len(remit: &str) -> usize {
    const STOP: &[&str] = &[
        "said", "says", "added", "at", "in", "who", "has", "had", "is", "was", "will", "told", "the", "of", "on", "becomes",
        "became", "since", "from", "to", "until", "which", "that", "with", "while", "for", "by", "as", "after", "before",
        "during", "when", "where", "whose", "and the", "its", "their", "his", "her", "a", "an", "two", "three", "four",
        "five", "six", "year", "years", "month", "months", "period", "term",
    ];
    let parts: Vec<&str> = remit.split(',').collect();
    let list_end = parts.iter().enumerate().skip(1).find(|(_, p)| p.trim_start().starts_with("and ") || p.contains(" and ")).map(|(i, _)| i);
    // Counted up to the words that start the rest of the sentence (`and education since 2019`).
    let short = |p: &str| p.split_whitespace().take_while(|w| !STOP.contains(&w.to_lowercase().as_str())).count() <= 4;
    let last = match list_end {
        Some(j) if parts[..=j].iter().all(|p| short(p)) => j,
        _ => 0,
    };
    let mut end = 0;
    let mut offset = 0;
    // Up to the last word before `its`, `said`, ...: a remit ends on a noun, not on `and`.
    let upto = |end: usize| remit[..end].trim_end().trim_end_matches(" and").trim_end_matches(" &").trim_end_matches(',').len();
    for part in &parts[..=last] {
        let mut at = 0;
        for w in part.split_whitespace() {
            if STOP.contains(&w.to_lowercase().as_str()) {
                return upto(if end == 0 { offset + at } else { end });
            }
            let pos = part[at..].find(w).map_or(at, |i| at + i);
            at = pos + w.len();
            end = offset + at;
        }
        offset += part.len() + 1;
    }
    upto(end)
}

/// `Her Majesty's Inspectors` -> `Her Majesty's Inspector`: one person's post.
fn singular<'a>(title: &'a str, canonical: &str) -> &'a str {
    if title.ends_with('s') && !canonical.ends_with('s') && !title.ends_with("'s") {
        &title[..title.len() - 1]
    } else {
        title
    }
}

/// The text with each body mention in it replaced by one placeholder character.
pub fn mask_bodies(ctx: &Ctx, base: usize, text: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    let from = ctx.mentions.partition_point(|m| m.start < base);
    let inside = ctx.mentions[from..].iter().take_while(|m| m.start < base + text.len());
    for m in inside.filter(|m| ctx.entities[m.entity].kind == EntityKind::Body) {
        if m.start >= base && m.end <= base + text.len() && m.start - base >= at {
            push_unmasked(&mut out, &text[at..m.start - base]);
            out.push(BODY);
            at = m.end - base;
        }
    }
    push_unmasked(&mut out, &text[at..]);
    out
}

/// Text between masked bodies, with any `BODY` character of its own (a
/// control character no document should hold) made a space, so that the
/// marks counted in a masked text are the bodies' alone.
fn push_unmasked(out: &mut String, text: &str) {
    if text.contains(BODY) {
        out.push_str(&text.replace(BODY, " "));
    } else {
        out.push_str(text);
    }
}

/// The body mention ending at `end` (allowing a possessive and space) before a post.
fn body_just_before(ctx: &Ctx, start_of_post: usize, floor: usize) -> Option<EntityId> {
    let text = ctx.text();
    let from = ctx.mentions.partition_point(|m| m.start < floor);
    let to = ctx.mentions.partition_point(|m| m.start < start_of_post);
    ctx.mentions[from..to]
        .iter()
        .filter(|m| ctx.entities[m.entity].kind == EntityKind::Body && m.end <= start_of_post && m.start >= floor)
        .filter(|m| {
            let gap = text[m.end..start_of_post].trim_start_matches("'s").trim();
            // `Cumberland Council's first director`: one adjective may stand between.
            matches!(gap, "" | "-" | "first" | "new" | "permanent" | "interim" | "acting" | "former" | "next" | "own" | "current")
        })
        .map(|m| m.entity)
        .last()
}

/// The body mention starting right after a post (`chair of X`, `at X`, `in X`).
fn body_after(ctx: &Ctx, post_end: usize, sentence_end: usize) -> Option<EntityId> {
    let text = ctx.text();
    let window = super::clip_after(text, post_end, (sentence_end - post_end).min(200));
    let masked = mask_bodies(ctx, post_end, window);
    if !patterns().after_post_body.is_match(&masked) {
        return None;
    }
    let from = ctx.mentions.partition_point(|m| m.start < post_end);
    ctx.mentions[from..].iter().take_while(|m| m.end <= sentence_end).find(|m| ctx.entities[m.entity].kind == EntityKind::Body).map(|m| m.entity)
}

/// `In Hull, ...`: the body a sentence opens with as its setting.
pub fn topic(ctx: &Ctx, sentence: usize) -> Option<EntityId> {
    let s = ctx.doc.sentences[sentence];
    let text = ctx.text();
    let opening = super::clip_after(text, s.start, (s.end - s.start).min(120));
    let masked = mask_bodies(ctx, s.start, opening);
    if !patterns().topic.is_match(&masked) {
        return None;
    }
    ctx.mentions_in(sentence).find(|m| ctx.entities[m.entity].kind == EntityKind::Body).map(|m| m.entity)
}

/// The body a post belongs to when the words around it do not name one.
/// Bodies already given to another post in the sentence (`X, director at A,
/// replaces Y, who stepped down as chief executive`) are passed over; then the
/// sentence's own bodies, then the paragraph's last named body, then the
/// document's council.
fn default_body(ctx: &mut Ctx, title: usize, sentence: usize, taken: &[EntityId]) -> Option<EntityId> {
    let kind = ctx.schema.role_titles[title].default_body;
    if kind == BodyKind::Inspectorate {
        return inspectorate(ctx, sentence);
    }
    if let Some(t) = topic(ctx, sentence) {
        return Some(t);
    }
    if ctx.schema.role_titles[title].of_document {
        if let Some(council) = ctx.main_body(BodyKind::Council) {
            return Some(council);
        }
    }
    // A chair first looks for a trust or board; other posts take any local body.
    let preferred: &[BodyKind] = if kind == BodyKind::Trust { &[BodyKind::Trust, BodyKind::Organisation] } else { &[] };
    let paragraph = ctx.doc.sentences[sentence].paragraph;
    let start = ctx.doc.sentences[sentence].start;
    for kinds in [preferred, &[BodyKind::Council, BodyKind::Trust, BodyKind::Organisation][..]] {
        if kinds.is_empty() {
            continue;
        }
        let free = |m: &&Mention| ctx.is_body(m.entity, kinds) && !taken.contains(&m.entity);
        if let Some(m) = ctx.mentions_in(sentence).find(free) {
            return Some(m.entity);
        }
        // The paragraph's earlier sentences. (Reaching further back, across
        // paragraphs, gained on tests/extra and lost more on tests/heldout.)
        let earlier = ctx.mentions_before(start).iter().rev().take_while(|m| ctx.paragraph_of(m) == paragraph).find(free);
        if let Some(m) = earlier {
            return Some(m.entity);
        }
    }
    ctx.main_body(BodyKind::Council)
}

/// The inspectorate a sentence names, else the document's, else Ofsted.
pub fn inspectorate(ctx: &mut Ctx, sentence: usize) -> Option<EntityId> {
    let is_insp = |ctx: &Ctx, m: &Mention| ctx.is_body(m.entity, &[BodyKind::Inspectorate]);
    if let Some(m) = ctx.mentions_in(sentence).find(|m| is_insp(ctx, m)) {
        return Some(m.entity);
    }
    if let Some(m) = ctx.mentions.iter().find(|m| is_insp(ctx, m)) {
        return Some(m.entity);
    }
    let row = *ctx.schema.body_by_name.get("ofsted")?;
    let b = &ctx.schema.bodies[row];
    Some(ctx.entity(EntityKind::Body, &b.name.clone(), Some(b.kind), None))
}

/// `..., the inspector said`: the post opens a new clause rather than describing the name.
fn speech_after(after: &str) -> bool {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| re(r"^\s*(?:said|says|told|added|warned|wrote|noted|explained)\b")).is_match(after)
}

/// Status from the verb between name and post.
fn verb_status(verb: &str) -> Status {
    let v = verb.to_lowercase();
    if v.starts_with("will remain") {
        Status::Current
    } else if v.starts_with("will") || v.contains("to become") || v.starts_with("would") {
        Status::Future
    } else if v.contains("steps down") || v.contains("stepping down") || v.contains("retires") || v.contains("retiring") || v.contains("leaves") {
        // Still in post, on the way out.
        if v.starts_with("will") { Status::Future } else { Status::Current }
    } else if v.contains("formerly") || v.contains("previously") || v.contains("until recently") || v == "had been" || v.starts_with("left") || v.starts_with("quit")
        || matches!(v.as_str(), "served as" | "worked as" | "acted as") // `has since worked as` is read as `has been`
        || v.starts_with("stepped down") || v.starts_with("retired")
    {
        Status::Former
    } else {
        Status::Current
    }
}

/// A post its holder is said to hold, read again with the cues around it
/// (`schema/vocab/status_cues.tsv`): `NAME, POST, stepped down`, `POST NAME
/// was replaced` and `as POST before being promoted` are former; `will be
/// asked to approve NAME as POST` is future.
/// `person` and `post` are the normalised spans of the name and the post.
fn cued_status(ctx: &Ctx, person: (usize, usize), post: (usize, usize), status: Status) -> Status {
    static CUES: OnceLock<(Pattern, Pattern, Pattern, Pattern)> = OnceLock::new();
    let (after, before, after_name, later) = CUES.get_or_init(|| {
        let cues = |status: &str, place: &str| {
            let rows = crate::schema::STATUS_CUES_TSV.lines().filter(|l| !l.starts_with('#')).map(|l| l.split('\t').collect::<Vec<_>>());
            rows.filter(|r| r.len() == 3 && r[0] == status && r[1] == place).map(|r| r[2].trim().to_string()).collect::<Vec<_>>().join("|")
        };
        (
            // `NAME, POST, [and NAME, POST,] stepped down`
            re(&format!(r"^[^,;]{{0,80}}?,\s*(?:and\s+[^,;]{{1,40}},[^,;]{{1,80}},\s*)?(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?(?:{})\b", cues("former", "after"))),
            re(&format!(r"\b(?:{})\s+(?:the\s+appointment\s+of\s+)?(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Professor|Sir|Dame)\.?\s+)?$", cues("future", "before"))),
            re(&format!(r"^\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?(?:{})\b", cues("former", "after"))),
            re(&format!(r"^[^,;]{{0,60}}?\s(?:{})\b", cues("former", "later"))),
        )
    });
    if status != Status::Current {
        return status;
    }
    let text = ctx.text();
    let Some(s) = ctx.doc.sentence_at(person.0).map(|i| ctx.doc.sentences[i]) else { return status };
    let gap = if person.1 <= post.0 { &text[person.1..post.0] } else { "" };
    let post_first = post.1 <= person.0;
    if gap.trim_start().starts_with(',') && after.is_match(&text[post.1..s.end]) || post_first && after_name.is_match(&text[person.1..s.end]) || later.is_match(&text[post.1..s.end]) {
        Status::Former
    } else if gap.split_whitespace().any(|w| w == "as") && before.is_match(&text[s.start..person.0]) {
        Status::Future
    } else {
        status
    }
}

/// Every role a document states: first those the rules of `schema/rules/`
/// read (`matches`), then those the built-in patterns read from the posts left.
pub fn find(ctx: &mut Ctx, matches: &[RuleMatch]) -> Vec<RoleFact> {
    let mut roles = Vec::new();
    for si in 0..ctx.doc.sentences.len() {
        if !ctx.skip[si] {
            let from = matches.partition_point(|m| m.sentence < si);
            let here = &matches[from..matches.partition_point(|m| m.sentence <= si)];
            in_sentence(ctx, si, here, &mut roles);
        }
    }
    letter_lines(ctx, &mut roles);
    start_dates(ctx, &mut roles);
    joined_dates(ctx, &mut roles);
    take_named_bodies(&mut roles);
    roles
}

/// A person who took over a post from another: `the authority's director
/// NAME, who replaced OTHER` says OTHER was its director. The successor's post
/// must be stated in the succession's sentence before the predecessor is
/// named (a post named after, as in `who replaces OTHER, is currently head of
/// X`, is another job), and the predecessor is given it only where the
/// document gives them no post in that body.
pub fn from_successions(ctx: &Ctx, roles: &mut Vec<RoleFact>, successions: &[SuccessionFact]) {
    let person = |id: EntityId| ctx.entities[id].kind == EntityKind::Person;
    for s in successions.iter().filter(|s| person(s.successor) && person(s.predecessor)) {
        let (from, to) = (s.evidence.sentence_start, s.evidence.sentence_end);
        let original = |m: &Mention| ctx.doc.norm.span_to_original(m.start, m.end).0 as u32;
        let Some(named_at) = ctx.mentions.iter().filter(|m| m.entity == s.predecessor).map(original).find(|&at| at >= from && at < to) else { continue };
        let stated = |r: &&RoleFact| r.person == s.successor && r.evidence.sentence_start == s.evidence.sentence_start && r.status != Status::Former && r.evidence.end <= named_at;
        let Some(held) = roles.iter().find(stated).cloned() else { continue };
        if roles.iter().any(|r| r.person == s.predecessor && r.body == held.body) {
            continue;
        }
        let role = held.role.trim_start_matches("interim ").trim_start_matches("acting ").trim_start_matches("new ").to_string();
        roles.push(RoleFact {
            person: s.predecessor,
            role,
            status: Status::Former,
            date: None,
            start: None,
            end: None,
            evidence: Evidence { rule: "role/succession".into(), ..s.evidence.clone() },
            body_named: false,
            ..held
        });
    }
}

/// `Jo Bloggs, Chief Executive, said` takes its body from a default; where
/// the document names the body of the same person's same post elsewhere
/// (`the trust's chief executive`), that body is the one meant.
fn take_named_bodies(roles: &mut Vec<RoleFact>) {
    for i in 0..roles.len() {
        if roles[i].body_named {
            continue;
        }
        // The same post: one wording within the other (`chief executive`, `the
        // trust's chief executive`), not merely of one kind (`director of
        // young people at X` and `interim director of children's services`).
        let bare = |w: &str| w.trim_start_matches("interim ").trim_start_matches("acting ").to_string();
        let same = |a: &str, b: &str| {
            let (a, b) = (bare(a), bare(b));
            a == b || a.ends_with(&format!(" {b}")) || b.ends_with(&format!(" {a}")) || a.starts_with(&format!("{b} ")) || b.starts_with(&format!("{a} "))
        };
        let named = roles
            .iter()
            .find(|r| r.body_named && r.person == roles[i].person && r.canonical == roles[i].canonical && r.body != roles[i].body && same(&r.role, &roles[i].role))
            .map(|r| r.body);
        if let Some(body) = named {
            roles[i].body = body;
        }
    }
    // Two statements of one post in one body are one role, begun when either says.
    for i in 0..roles.len() {
        if roles[i].start.is_none() {
            let (person, body, role) = (roles[i].person, roles[i].body, &roles[i].role);
            roles[i].start = roles.iter().find(|r| r.person == person && r.body == body && &r.role == role && r.start.is_some()).and_then(|r| r.start);
        }
    }
    let mut seen: Vec<(EntityId, EntityId, String)> = Vec::new();
    roles.retain(|r| {
        let key = (r.person, r.body, r.role.clone());
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
}

/// The body last named in the two sentences before.
fn previous_body(ctx: &Ctx, sentence: usize, title: usize) -> Option<EntityId> {
    let preferred = ctx.schema.role_titles[title].default_body;
    let start = ctx.doc.sentences[sentence].start;
    // `Its` points at the body last named, whatever its kind.
    let _ = preferred;
    // ... the subject of the sentence before: its first body.
    let last = ctx.mentions_before(start).iter().rev().take_while(|m| m.sentence + 2 >= sentence).find(|m| ctx.entities[m.entity].kind == EntityKind::Body)?;
    ctx.mentions_in(last.sentence).find(|m| ctx.entities[m.entity].kind == EntityKind::Body).map(|m| m.entity)
}

/// Bodies named for another post in this sentence, with the place
/// named right after one (`at Brighter Futures for Children in Reading`).
fn taken_by_others(ctx: &Ctx, explicit: &[(EntityId, EntityId, Status)], person: EntityId, sentence: usize) -> Vec<EntityId> {
    let text = ctx.text();
    // The person's own other current posts too: `the DfE appointed Commissioner
    // NAME (Chief Executive of Hampshire)` is not Hampshire's commissioner; but
    // `NAME, previously the trust's director of practice, becomes chief
    // executive` stays in the trust.
    let mut taken: Vec<EntityId> = explicit.iter().filter(|(p, _, st)| *p != person || *st == Status::Current).map(|(_, b, _)| *b).collect();
    let bodies: Vec<&Mention> = ctx.mentions_in(sentence).filter(|m| ctx.entities[m.entity].kind == EntityKind::Body).collect();
    for w in bodies.windows(2) {
        if taken.contains(&w[0].entity) && &text[w[0].end..w[1].start] == " in " {
            taken.push(w[1].entity);
        }
    }
    taken
}

/// A post a rule gave someone without naming its body: the body is chosen
/// once the sentence's other posts are read, so that it can pass over the
/// bodies they name.
struct Unplaced {
    person: EntityId,
    post: PostMention,
    status: Status,
    start: usize,
    end: usize,
    rule: String,
}

/// The roles the rules' matches in a sentence make, marking the posts they
/// use; those whose body the words do not name are returned to be placed.
fn from_rules(ctx: &Ctx, matches: &[RuleMatch], used_post: &mut [bool], explicit: &mut Vec<(EntityId, EntityId, Status)>, roles: &mut Vec<RoleFact>) -> Vec<Unplaced> {
    let mut unplaced = Vec::new();
    for m in matches {
        for make in m.rule().makes.iter().filter(|k| k.kind == FactKind::Role) {
            let field = |f: &str| make.fields.get(f).map(String::as_str);
            let Some(post_piece) = field("post").and_then(|f| m.slot(f).first()) else { continue };
            let Some(post) = post_piece.post.clone() else { continue };
            let named_body = field("body").and_then(|f| m.slot(f).iter().find(|p| p.kind == PieceKind::Body)).map(|p| p.index);
            let status = match field("status") {
                Some("former") => Status::Former,
                Some("future") => Status::Future,
                Some("current") => Status::Current,
                _ => m.status_cue().or(post.status).unwrap_or(Status::Current),
            };
            for person in field("person").map_or(&[][..], |f| m.slot(f)).iter().filter(|p| p.kind == PieceKind::Person) {
                let status = cued_status(ctx, (person.start, person.end), (post_piece.start, post_piece.end), status);
                match named_body {
                    Some(b) => {
                        explicit.push((person.index, b, status));
                        push_named(ctx, roles, person.index, Some(b), true, &post, status, m.start, m.end, &m.rule().id);
                    }
                    None => unplaced.push(Unplaced { person: person.index, post: post.clone(), status, start: m.start, end: m.end, rule: m.rule().id.clone() }),
                }
            }
            used_post[post_piece.index] = true;
        }
    }
    unplaced
}

fn in_sentence(ctx: &mut Ctx, si: usize, rule_matches: &[RuleMatch], roles: &mut Vec<RoleFact>) {
    let p = patterns();
    let s = ctx.doc.sentences[si];
    let text = ctx.text();
    let people: Vec<Mention> = ctx.mentions_in(si).filter(|m| ctx.entities[m.entity].kind == EntityKind::Person).copied().collect();
    // Every rule gives a post to a person of the sentence (the rules' may be a
    // subject left unsaid).
    if people.is_empty() && rule_matches.is_empty() {
        return;
    }
    let posts = posts(ctx, si);
    let mut used_post = vec![false; posts.len()];
    // (person, body) for posts whose body the words named.
    let mut explicit: Vec<(EntityId, EntityId, Status)> = Vec::new();
    let unplaced = from_rules(ctx, rule_matches, &mut used_post, &mut explicit, roles);

    // Name, then post: the first post after the name when the words between
    // are an apposition or a verb; later ones when a linking phrase (`as`,
    // `to become`) leads into them. A possessive (`Bloggs's departure`) is no subject.
    let possessive = |m: &Mention| text[m.end..].starts_with("'s");
    for person in people.iter().filter(|m| !possessive(m)) {
        let next_person = people.iter().find(|q| q.start > person.end && !possessive(q)).map_or(s.end, |q| q.start);
        let mut first = true;
        let mut last_linked: Option<usize> = None; // where this person's last post ended
        for (k, post) in posts.iter().enumerate() {
            if post.start < person.end || post.start >= next_person {
                continue;
            }
            if used_post[k] {
                first = false;
                continue;
            }
            let gap = mask_bodies(ctx, person.end, &text[person.end..post.start]).replace(" (pictured)", "");
            let said_after = speech_after(&text[post.end..s.end]);
            let start_anchored = if !first {
                None
            } else if let Some(c) = p.apposition.captures(&gap).filter(|_| !said_after) {
                let st = c.get(1).map(|g| g.as_str().trim().to_lowercase());
                let was = gap.contains("previously") || gap.contains("formerly");
                Some((match st.as_deref() {
                    _ if was => Status::Former,
                    Some(w) if w.starts_with("former") || w.starts_with("ex") || w.starts_with("previous") => Status::Former,
                    _ => post.status.unwrap_or(Status::Current),
                }, "role/apposition"))
            } else if let Some(c) = p.verb.captures(&gap) {
                let mut st = verb_status(if c[0].contains("has since") { "has been" } else { &c[1] });
                if c.get(2).is_some_and(|g| !g.as_str().trim().eq_ignore_ascii_case("new")) {
                    st = Status::Former;
                }
                // `- December 2014: NAME steps down as X`: a timeline's present is past.
                let leaving = ["steps down", "stands down", "leaves", "retires", "quits"].iter().any(|v| c[1].to_lowercase().starts_with(v));
                if leaving && super::line_date(ctx, si).zip(ctx.date).is_some_and(|(line, doc)| line < doc) {
                    st = Status::Former;
                }
                Some((st, "role/verb"))
            } else {
                p.take_up.captures(&gap).map(|c| (if c[1].to_lowercase().starts_with("will") { Status::Future } else { Status::Current }, "role/take-up"))
            };
            first = false;
            // `Director of X and Chief Executive of Y`: a second post joined by `and`.
            let joined = last_linked.filter(|&end| end <= post.start).and_then(|end| {
                let between = mask_bodies(ctx, end, &text[end..post.start]);
                p.and_post.is_match(&between).then_some((Status::Current, "role/and"))
            });
            let linked = start_anchored.or(joined).or_else(|| {
                // `having qualified as a social worker`: a training, not a post in a body.
                p.linking_tail.captures(&gap).filter(|_| !gap.contains(';') && !p.trained_as.is_match(&gap)).map(|c| {
                    let prefix = c.get(2).map(|g| g.as_str().to_lowercase()).unwrap_or_default();
                    let clause = gap.rsplit(',').next().unwrap_or(&gap);
                    // `who was appointed chair` is a start, not a past.
                    let appointed = p.appointed.is_match(clause);
                    let st = if prefix.starts_with("former") || prefix.starts_with("ex") || (p.former_cue.is_match(clause) && !appointed) {
                        Status::Former
                    } else if p.future_cue.is_match(clause) || p.starts_now.is_match(clause) {
                        Status::Future
                    } else {
                        post.status.unwrap_or(Status::Current)
                    };
                    (st, "role/linked")
                })
            });
            let Some((status, rule)) = linked else { continue };
            let status = cued_status(ctx, (person.start, person.end), (post.start, post.end), status);
            used_post[k] = true;
            last_linked = Some(post.end);
            // `Unison's regional organiser for Cumbria`: the possessive names the body.
            let possessor = body_just_before(ctx, post.start, person.end).filter(|_| gap.trim_end().ends_with("\u{1}'s"));
            let named = possessor.or_else(|| body_after(ctx, post.end, s.end)).or_else(|| body_just_before(ctx, post.start, person.end));
            if let Some(b) = named {
                explicit.push((person.entity, b, status));
            }
            // `..., and Tom Reilly, its chief executive`: the body named just before.
            let its = p.its.is_match(&gap).then(|| {
                ctx.mentions_in(si).filter(|m| m.end <= person.start && ctx.entities[m.entity].kind == EntityKind::Body).last().map(|m| m.entity)
            }).flatten();
            let taken = taken_by_others(ctx, &explicit, person.entity, si);
            let body = named.or(its).or_else(|| default_body(ctx, post.title, si, &taken));
            push_named(ctx, roles, person.entity, body, named.is_some(), post, status, person.start.min(post.start), post.end.max(person.end), rule);
            // `A and B, Her Majesty's Inspectors`: the names listed before share a plural post.
            if post.plural && rule == "role/apposition" {
                let mut first_of_list = person.start;
                for q in people.iter().rev().filter(|q| q.end <= person.start) {
                    if !matches!(text[q.end..first_of_list].trim(), "," | "and" | ", and" | "&") {
                        break;
                    }
                    push(ctx, roles, q.entity, body, post, status, q.start, post.end, "role/list");
                    first_of_list = q.start;
                }
            }
        }
    }

    // Post, then name.
    for (k, post) in posts.iter().enumerate() {
        if used_post[k] {
            continue;
        }
        let Some(person) = people.iter().find(|m| m.start >= post.end) else { continue };
        let gap = &text[post.end..person.start];
        if !p.before_name.is_match(gap) {
            continue;
        }
        used_post[k] = true;
        let floor = s.start;
        // `Its chief executive, NAME, ...` opening a sentence: the body named before.
        let its = p.its_opening.is_match(&text[s.start..post.start]).then(|| previous_body(ctx, si, post.title)).flatten();
        let just_before = body_just_before(ctx, post.start, floor);
        let body = just_before
            .or(its)
            .or_else(|| body_after(ctx, person.end, s.end).filter(|_| false))
            .or_else(|| default_body(ctx, post.title, si, &taken_by_others(ctx, &explicit, person.entity, si)));
        let status = cued_status(ctx, (person.start, person.end), (post.start, post.end), post.status.unwrap_or(Status::Current));
        let rule = if post.predecessor { "role/predecessor" } else { "role/before-name" };
        push_named(ctx, roles, person.entity, body, just_before.is_some(), post, status, post.start, person.end, rule);
        // `The DfE's commissioner at X, ex-Y director of children's services NAME`:
        // the post before, set off by a comma, is the same person's too.
        if let Some((j, first)) = posts.iter().enumerate().rev().find(|(j, q)| q.end <= post.start && !used_post[*j]) {
            let between = mask_bodies(ctx, first.end, &text[first.end..post.start]);
            if p.post_chain.is_match(&between) {
                used_post[j] = true;
                let body = body_after(ctx, first.end, post.start).or_else(|| body_just_before(ctx, first.start, floor));
                push(ctx, roles, person.entity, body, first, first.status.unwrap_or(Status::Current), first.start, person.end, "role/chain");
            }
        }
        if post.plural && !post.predecessor {
            // `His Majesty's Inspectors Jo Bloggs and Sam Example`: the list shares the post.
            let mut last = person.end;
            for q in people.iter().filter(|q| q.start > person.end) {
                if !matches!(text[last..q.start].trim(), "," | "and" | ", and" | "&") {
                    break;
                }
                push(ctx, roles, q.entity, body, post, status, q.start, q.end, "role/list");
                last = q.end;
            }
        }
        if post.predecessor {
            // `predecessor ROLE A, B and C`: B and C now hold the post.
            let mut last = person.end;
            for q in people.iter().filter(|q| q.start > person.end) {
                let gap = &text[last..q.start];
                if !matches!(gap.trim(), "," | "and" | ", and") {
                    break;
                }
                let successor = PostMention { status: Some(Status::Current), predecessor: false, ..post.clone() };
                push(ctx, roles, q.entity, body, &successor, Status::Current, q.start, q.end, "role/predecessor-list");
                last = q.end;
            }
        }
    }

    // `The trust is chaired by NAME`.
    for person in &people {
        let before = mask_bodies(ctx, s.start, &text[s.start..person.start]);
        let Some(c) = p.chaired_by.captures(&before) else { continue };
        let body_index = before[..c.get(0).unwrap().start()].matches(BODY).count();
        let Some(body) = ctx.mentions_in(si).filter(|m| ctx.entities[m.entity].kind == EntityKind::Body).nth(body_index).map(|m| m.entity) else { continue };
        let words = match &c[1] {
            "chaired" => "chair",
            "headed" => "head",
            _ => "leader",
        };
        let Some(title) = ctx.schema.role_titles.iter().position(|t| t.canonical == words) else { continue };
        let post = PostMention { start: person.start, end: person.end, title, words: words.to_string(), status: None, predecessor: false, plural: false };
        push_named(ctx, roles, person.entity, Some(body), true, &post, Status::Current, s.start, person.end, "role/chaired-by");
    }

    // The rules' posts whose bodies the words left unsaid, now that every
    // body named for a post of this sentence is known.
    for u in unplaced {
        let body = default_body(ctx, u.post.title, si, &taken_by_others(ctx, &explicit, u.person, si));
        push_named(ctx, roles, u.person, body, false, &u.post, u.status, u.start, u.end, &u.rule);
    }
}

#[allow(clippy::too_many_arguments)]
fn push(ctx: &Ctx, roles: &mut Vec<RoleFact>, person: EntityId, body: Option<EntityId>, post: &PostMention, status: Status, start: usize, end: usize, rule: &str) {
    push_named(ctx, roles, person, body, false, post, status, start, end, rule)
}

/// As `push`, saying whether the words named the body.
#[allow(clippy::too_many_arguments)]
fn push_named(ctx: &Ctx, roles: &mut Vec<RoleFact>, person: EntityId, body: Option<EntityId>, body_named: bool, post: &PostMention, status: Status, start: usize, end: usize, rule: &str) {
    let Some(body) = body else { return };
    // A timeline line dated before the page's month tells of what happened: none of it is yet to come.
    let month = |d: PartialDate| (d.year, d.month.unwrap_or(0));
    let told_past = ctx.doc.sentence_at(start).and_then(|si| super::line_date(ctx, si)).zip(ctx.date).is_some_and(|(l, d)| month(l) < month(d));
    let status = if status == Status::Future && told_past { Status::Current } else { status };
    let words = post.words.trim_end_matches("'s").to_string();
    if let Some(r) = roles.iter_mut().find(|r| r.person == person && r.body == body && r.role == words) {
        // A later statement of the same post may say when it began.
        if r.start.is_none() {
            r.start = appointment_date(ctx, start, end);
        }
        return;
    }
    roles.push(RoleFact {
        person,
        body,
        role: words,
        canonical: ctx.schema.role_titles[post.title].canonical.clone(),
        status,
        date: if status == Status::Current { ctx.date } else { None },
        start: match status {
            Status::Future => appointment_date(ctx, start, end).map_or_else(|| future_start(ctx, start), |d| forward(ctx, start, d)),
            _ => appointment_date(ctx, start, end),
        },
        end: None,
        evidence: ctx.evidence(start, end, rule),
        body_named,
    });
}

/// A letter's header (`NAME` / `Director of Children's Services` / `COUNCIL`)
/// and sign-off (`NAME` / `His Majesty's Inspector`).
fn letter_lines(ctx: &mut Ctx, roles: &mut Vec<RoleFact>) {
    let n = ctx.doc.sentences.len();
    for si in 0..n.saturating_sub(1) {
        let s = ctx.doc.sentences[si];
        let next = ctx.doc.sentences[si + 1];
        if !s.whole_line || !next.whole_line || ctx.skip[si] {
            continue;
        }
        let Some(person) = ctx.mentions_in(si).find(|m| ctx.entities[m.entity].kind == EntityKind::Person && m.start == s.start && m.end == s.end).copied() else { continue };
        let posts = posts(ctx, si + 1);
        let Some(post) = posts.first().filter(|p| p.start == next.start && p.end + 1 >= next.end).cloned() else { continue };
        let body = (si + 2 < n && ctx.doc.sentences[si + 2].whole_line)
            .then(|| {
                let b = ctx.doc.sentences[si + 2];
                ctx.mentions_in(si + 2).find(|m| ctx.entities[m.entity].kind == EntityKind::Body && m.start == b.start).map(|m| m.entity)
            })
            .flatten()
            .or_else(|| default_body(ctx, post.title, si + 1, &[]));
        push(ctx, roles, person.entity, body, &post, Status::Current, person.start, post.end, "role/letter");
    }
}

/// `when the new commissioners ... arrived in October`: the start of the
/// post for its current holders in this document.
fn start_dates(ctx: &Ctx, roles: &mut [RoleFact]) {
    let p = patterns();
    for si in 0..ctx.doc.sentences.len() {
        if ctx.skip[si] {
            continue;
        }
        let s = ctx.doc.sentences[si];
        let sent = ctx.sentence_text(si);
        let (window_start, _) = ctx.doc.norm.span_to_original(ctx.doc.sentences[si.saturating_sub(3)].start, s.start);
        let (here, _) = ctx.doc.norm.span_to_original(s.start, s.end);
        for c in p.new_post_start.captures_iter(sent) {
            let post = c[1].to_lowercase();
            let verb_end = c.get(2).unwrap().end();
            let Some(date) = find_dates(&sent[verb_end..], s.start + verb_end, ctx.reference).into_iter().next() else { continue };
            for r in roles.iter_mut() {
                let named = post.ends_with(r.role.as_str()) || r.role.ends_with(post.as_str()) || post.ends_with(&r.canonical);
                let near = (window_start..=here).contains(&(r.evidence.sentence_start as usize));
                if named && near && r.status == Status::Current && r.start.is_none() {
                    r.start = Some(date.date);
                }
            }
        }
    }
}

/// A post yet to be taken up whose sentence gives one date (`At the meeting
/// on 1 November, members will be asked to approve NAME as chair`): that date,
/// a month or a day.
fn future_start(ctx: &Ctx, at: usize) -> Option<PartialDate> {
    let s = ctx.doc.sentences[ctx.doc.sentence_at(at)?];
    let dates = find_dates(&ctx.text()[s.start..s.end], s.start, ctx.reference);
    let [d] = dates.as_slice() else { return None };
    d.date.month.and_then(|_| forward(ctx, at, d.date))
}

/// A future post's start, read forward from the page's date: a month its
/// sentence names without a year (`from January`), read back to the last
/// one, is the next one; a start that stays before the page's month is none.
fn forward(ctx: &Ctx, at: usize, date: PartialDate) -> Option<PartialDate> {
    let Some(doc) = ctx.date else { return Some(date) };
    let month = |d: &PartialDate| (d.year, d.month.unwrap_or(0));
    if month(&date) >= month(&doc) {
        return Some(date);
    }
    let s = ctx.doc.sentences[ctx.doc.sentence_at(at)?];
    let year_written = ctx.text()[s.start..s.end].contains(&date.year.to_string());
    let next = match (date.month, date.day) {
        (Some(m), Some(d)) => PartialDate::day(date.year + 1, m, d),
        (Some(m), None) => Some(PartialDate::month(date.year + 1, m)),
        _ => None,
    };
    next.filter(|n| !year_written && month(n) >= month(&doc))
}

/// `Mr Oduya joined Torbay in the summer of 2020`, `She came to Calderdale in
/// 2009`, `Professor Varga, who has chaired the board since 2022`: a sentence
/// whose subject (a name, or `He`/`She` for the subject of the sentence
/// before, in the same paragraph) joined or led a body dates the start of
/// that person's one post there.
fn joined_dates(ctx: &Ctx, roles: &mut [RoleFact]) {
    static P: OnceLock<(Pattern, Pattern)> = OnceLock::new();
    let (subject, joined) = P.get_or_init(|| {
        (
            re_cs(r"^\W*(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Professor|Prof|Sir|Dame)\.?\s+)?$"),
            re("^(?:'s)?(?:\\s*,\\s*who)?\\s+(?:has\\s+|had\\s+|first\\s+|originally\\s+)?(?:joined|came to|arrived at|arrived in|moved to|returned to|chaired|led|headed|run|ran|managed)\\s+(?:the\\s+)?\u{1}(?:[^'\\w]|$)"),
        )
    });
    let text = ctx.text();
    // The person a sentence opens with, and where the words after the name start.
    let opening = |si: usize| -> Option<(EntityId, usize)> {
        let s = ctx.doc.sentences[si];
        let m = ctx.mentions_in(si).next()?;
        (ctx.entities[m.entity].kind == EntityKind::Person && subject.is_match(&text[s.start..m.start])).then_some((m.entity, m.end))
    };
    for si in 0..ctx.doc.sentences.len() {
        let s = ctx.doc.sentences[si];
        if ctx.skip[si] {
            continue;
        }
        let pronoun = ["He ", "She "].iter().find(|p| text[s.start..s.end].starts_with(**p));
        let who = match pronoun {
            Some(p) if si > 0 && ctx.doc.sentences[si - 1].paragraph == s.paragraph => opening(si - 1).map(|(e, _)| (e, s.start + p.len() - 1)),
            Some(_) => None,
            None => opening(si),
        };
        let Some((person, after)) = who else { continue };
        if !joined.is_match(&mask_bodies(ctx, after, &text[after..s.end])) {
            continue;
        }
        let Some(body) = ctx.mentions_in(si).find(|m| m.start >= after && ctx.entities[m.entity].kind == EntityKind::Body) else { continue };
        let clause_end = text[body.end..s.end].find([',', ';']).map_or(s.end, |i| body.end + i);
        let Some(date) = find_dates(&text[body.end..clause_end], body.end, ctx.reference).into_iter().next() else { continue };
        let mut held = roles.iter_mut().filter(|r| r.person == person && r.body == body.entity);
        if let (Some(r), None) = (held.next(), held.next()) {
            r.start = r.start.or(Some(date.date));
        }
    }
}

/// When a post began, where the words say so: `since 2017` right after the
/// post (`director (DCS) in Derbyshire since August 2011`), a date after a
/// verb of starting in the role's own words (`took up post as X on 1 April`,
/// `appointed ... as X in March 2021`) or in a clause on the holder (`NAME,
/// who joined the council in June 2017`, `who replaced NAME in 2017`), a
/// sentence's opening date for such a verb (`In March, the council appointed
/// NAME as X`), or the date of the timeline line the sentence stands on
/// (`- June 2021: ...`). `start` and `end` are the normalised span of the
/// role (name and post).
pub fn appointment_date(ctx: &Ctx, start: usize, end: usize) -> Option<PartialDate> {
    struct P {
        verb: Pattern,
        since: Pattern,
        since_after: Pattern,
        who_started: Pattern,
        opening: Pattern,
    }
    static P: OnceLock<P> = OnceLock::new();
    const VERBS: &str = r"appointed|appoints|appointing|appointment|took up|takes up|take up|will take up|started|starts|will start|joined|joins|arrived|became|becomes|named|with effect from|took over|takes over|steps up|stepped up|moved to|moved on to|moving on to";
    let p = P.get_or_init(|| P {
        verb: re(&format!(r"\b(?:{VERBS})\b")),
        // What may stand between the post and `since`: its abbreviation, its body.
        since: re("^\\s*(?:\\([A-Z]{2,6}\\)\\s*)?(?:(?:in|at|of|for|with)\\s+(?:the\\s+)?\u{1}(?:'s)?\\s*)?,?\\s*(?:since|from|with effect from)\\s+$"),
        // What `since` needs at the start of the words after the post.
        since_after: re(r"^\s*(?:\([A-Z]{2,6}\)\s*)?(?:(?:in|at|of|for|with)\s+(?:the\s+)?[\w'&-]+(?:\s+[A-Z][\w'&-]*){0,5}\s*)?,?\s*(?:since|from|with effect from)\s"),
        // `NAME OBE, who joined the council in`, `POST of BODY, who replaced`, `NAME, POST, was appointed in`:
        // a clause on the holder's start (not `who will take up the post`, another post to come).
        who_started: re_cs(&format!(r"^(?:\s+[A-Z]{{2,5}})*\s*(?:\([^()]{{1,30}}\)\s*)?(?:\s+(?:of|at|for)\s+(?:the\s+)?[A-Z][\w'&-]*(?:\s+(?:[A-Z][\w'&-]*|of|and|for|upon))*)?,\s*(?:who\s+(?:has\s+|had\s+|was\s+|first\s+)?(?:appointed|took up|started|joined|arrived|took over|began|came to|replaced|succeeded|took over from)|(?:was|has been|had been)\s+(?:appointed|named|confirmed)\s+(?:in|on|last|earlier|this)\s)\b")),
        // `In March, ...`, `On 1 April 2021, ...`: a date opening the sentence.
        opening: re(r"^\W*(?:(?:in|on|from|since|earlier|last)\b[^,;]{0,25}|[\w ]{1,20}\bago)$"),
    });
    let si = ctx.doc.sentence_at(start)?;
    let s = ctx.doc.sentences[si];
    let text = ctx.text();
    // The sentence's dates are looked for only where one of the rules below
    // can use them: most posts have neither `since` after them nor a verb of
    // starting before or a `who` clause after.
    let after = &text[end..s.end.max(end)];
    let (since_follows, verb_before, who) = (p.since_after.is_match(after), p.verb.is_match(&text[s.start..end]), p.who_started.find(after));
    if !since_follows && !verb_before && who.is_none() {
        return super::line_date(ctx, si);
    }
    let reference = super::line_date(ctx, si).filter(|d| d.month.is_some()).or(ctx.reference);
    let dates = find_dates(&text[s.start..s.end], s.start, reference);
    // `director of children's services since 2018`
    if since_follows {
        if let Some(d) = dates.iter().find(|d| d.start >= end && p.since.is_match(&mask_bodies(ctx, end, &text[end..d.start]))) {
            return Some(d.date);
        }
    }
    // `NAME, who joined the council in June 2017`: the first date of the
    // clause, unless the clause names a post of its own (`who became X in`).
    if let Some(w) = who {
        let verb_end = end + w.end();
        let clause_end = text[verb_end..s.end].find([',', ';']).map_or(s.end, |i| verb_end + i);
        if let Some(d) = dates.iter().find(|d| d.start >= verb_end && d.end <= clause_end) {
            if !posts(ctx, si).iter().any(|q| q.start >= verb_end && q.end <= d.start) {
                return Some(d.date);
            }
        }
    }
    // A verb of starting before the post's end: the first date after the post,
    // close by, else one in the role's words, else the sentence's opening date.
    if verb_before {
        if let Some(d) = dates.iter().find(|d| d.start >= end && d.start - end <= 40) {
            return Some(d.date);
        }
        if let Some(d) = dates.iter().find(|d| d.start >= start && d.end <= end) {
            return Some(d.date);
        }
        if let Some(d) = dates.first().filter(|d| d.end < start && p.opening.is_match(&text[s.start..d.end]) && text[d.end..].trim_start().starts_with(',')) {
            return Some(d.date);
        }
    }
    super::line_date(ctx, si)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_is_searched_for_posts_only_with_their_words() {
        let (words, schema) = (&patterns().post_words, crate::schema::Schema::get());
        assert_eq!(words.gated(), 1, "every post has a word to wait for");
        assert!(!words.admits(0, &words.present("The council was rated good in 2019.")));
        for text in ["the DCS said", "Jo Bloggs, director of children's services", "cabinet members", "HMI", "the chief exec", "a senior social worker", "the vice-chairwoman", "spokeswoman", "Ofsted inspectors", "the CEO"] {
            assert!(schema.role_regex.is_match(text), "{text}");
            assert!(words.admits(0, &words.present(text)) && words.admits_text(text), "{text}");
        }
        assert!(!words.admits_text("The council was rated good in 2019."));
    }
}
