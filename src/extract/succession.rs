//! Successions: one body taking over from another (a trust taking on a
//! council's children's services, unitary councils replacing a county) and
//! one person taking over a post from another.

use super::date::find_dates;
use super::role::mask_bodies;
use super::rules::{FactKind, RuleMatch};
use super::{Ctx, EntityId, EntityKind, RoleFact, Status, SuccessionFact, Words};
use crate::date::PartialDate;
use crate::schema::{re, BodyKind, Pattern};
use std::sync::OnceLock;

struct Patterns {
    take_on: Pattern,
    took_over_from: Pattern,
    on_behalf: Pattern,
    transfer_to: Pattern,
    replaced_by: Pattern,
    replaced: Pattern,
    transferred_to: Pattern,
    transferred_from_to: Pattern,
    formation: Pattern,
    person_verb: Pattern,
    departure: Pattern,
    departure_of: Pattern,
    went_live: Pattern,
    successor_of: Pattern,
    replaced_by_person: Pattern,
    leaves: Pattern,
    /// Words some patterns need (in the order of the patterns above).
    behalf: Words,
    moved_from: Words,
    moved_to: Words,
    replaced_by_words: Words,
    replaced_words: Words,
}

/// What passes from a council to a trust: its children's services.
const SERVICES: &str = r"(?:the\s+)?(?:\x01(?:'s)?\s+)?(?:its\s+|their\s+)?(?:children'?s|social care|children and families|child protection|children'?s social care)[\w' ]*?(?:services?|care)";

/// Compiles this extractor's patterns now, rather than at first use.
pub(crate) fn warm_up() {
    patterns();
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        take_on: re(&format!(r"\b(?:took|take|takes|taken|taking|will take|has taken|had taken)\s+(?:on|over|control\s+of|responsibility\s+for)\s+(?:the\s+)?(?:(?:running|handling|management|control|responsibility|delivery|operation)\s+(?:of|for)\s+)?({SERVICES})(?:\s+(?:in|for)\s+(\x01))?(?:\s+from\s+(\x01))?")),
        on_behalf: re(&format!(r"\b(?:runs|run|running|delivers|delivered|delivering|has delivered|provides|provided|has provided|has run|manages|managed|operates)\s+({SERVICES})\s+on\s+(?:the\s+)?(?:(\x01)(?:'s)?\s+)?behalf(?:\s+of\s+(\x01))?")),
        took_over_from: re(r"\b(?:took|takes|take|taken|has taken|had taken|taking) over from\s+(\x01)"),
        transfer_to: re(&format!(r"\b(?:transfer|transferred|transferring|move|moved|moving|transition|handed|handing|hand|pass|passed)\s+(?:of\s+|over\s+)?({SERVICES}|its services|their services)'?\s+(?:over\s+)?(?:in)?to\s+(?:an?\s+|the\s+)?(?:new\s+)?(\x01|(?:children'?s\s+)?trust|company)")),
        replaced_by: re(r"\x01[^\x01.;]{0,40}?\b(?:abolition and |was |were |will be |is to be |has been |to be )?(?:abolished and )?(?:replaced|succeeded|superseded)\s+by\s+(?:[\w-]+,?\s+){0,4}?((?:\x01(?:\s*,\s*|\s+and\s+)?)+)"),
        transferred_from_to: re(&format!(r"(?:{SERVICES})[^\x01.;]{{0,60}}?\b(?:transferred|moved|passed|went)\s+from\s+(\x01)\s+to\s+(?:the\s+)?(\x01)")),
        replaced: re(r"((?:\x01(?:\s*,\s*|\s+and\s+)?)+)(?:\s*,\s*which)?\s+(?:replaced|replace|replaces|succeeded|succeeds|took over from|take over from|takes over from)\s+(\x01)"),
        transferred_to: re(&format!(r"({SERVICES})\s+(?:were|was|have been|has been|had been|will be|are being|is being)\s+(?:transferred|moved|handed(?:\s+over)?|outsourced|passed)\s+(?:in)?to\s+(?:an?\s+|the\s+)?(?:new\s+)?(\x01)")),
        formation: re(r"\b(?:formation|creation|launch|launched|set up|setting up|established|establishment|formed|created|went live|go-live|began operating|started operating)\b"),
        person_verb: re(r"\b(?:replaced|replaces|replacing|succeeded|succeeds|succeeding|took over from|takes over from|taking over from|will replace|will succeed|will take over from|in place of)\s+$"),
        departure: re(r"\b(?:since|after|following|on)\s+$"),
        departure_of: re(r"\b(?:since|after|following|on)\s+the\s+(?:departure|resignation|retirement|exit|death|dismissal|suspension)\s+of\s+(?:the\s+)?$"),
        went_live: re(r"^\s*(?:,[^,]{0,60},\s*)?(?:went live|launched|began operating|started operating|came into being|was established|was set up|was formed|was created|took over)\b"),
        successor_of: re(r"^'s\s+(?:successor|replacement)\s*,?\s*$"),
        // The post's length is checked in `replaced_by_person`: as `[\w' ]{1,60}`
        // (sixty copies of every letter in Unicode) this pattern took 17 ms to
        // compile, a fifth of all the extractors' patterns.
        replaced_by_person: re(r"^(?:,[^,]{0,80},)?\s+(?:was|has been|will be|is being|is to be|had been)\s+(?:replaced|succeeded)\s+(?:as\s+(?P<post>[\w' ]+?)\s+)?by\s+(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Professor|Sir|Dame)\.?\s+)?$"),
        leaves: re(r"^(?:,[^,]{0,90},)?\s+(?:leaves|left|steps down|stepped down|retires|retired|quits|quit|departs|departed|resigns|resigned|is leaving|will leave|is retiring|will retire)\b"),
        behalf: Words::new(&["behalf"]),
        moved_from: Words::new(&["transferred", "moved", "passed", "went"]),
        moved_to: Words::new(&["transferred", "moved", "handed", "outsourced", "passed"]),
        replaced_by_words: Words::new(&["replaced", "succeeded", "superseded"]),
        replaced_words: Words::new(&["replace", "succeed", "over from"]),
    })
}

pub fn find(ctx: &Ctx, roles: &[RoleFact], matches: &[RuleMatch]) -> Vec<SuccessionFact> {
    let mut out = Vec::new();
    from_rules(ctx, roles, matches, &mut out);
    for si in 0..ctx.doc.sentences.len() {
        if ctx.skip[si] {
            continue;
        }
        bodies_in_sentence(ctx, si, &mut out);
        people_in_sentence(ctx, si, roles, &mut out);
    }
    predecessors(ctx, roles, &mut out);
    leaves_then_steps_up(ctx, roles, &mut out);
    same_post(ctx, roles, &mut out);
    // Undated body successions take the successor's founding date, if stated.
    for i in 0..out.len() {
        if out[i].date.is_none() && ctx.is_body(out[i].successor, &[BodyKind::Trust, BodyKind::Council]) {
            out[i].date = formation_date(ctx, out[i].successor);
        }
    }
    out
}

/// The successions the rules of `schema/rules/` read. Each side is a slot's
/// people or bodies, or the document's own council or trust (`@council`,
/// `@trust`); two lists of one length pair off in order (`A and B resigned
/// ... C and D were drafted in`). What passed over is a post's words, a value
/// given, or the post either side holds.
fn from_rules(ctx: &Ctx, roles: &[RoleFact], matches: &[RuleMatch], out: &mut Vec<SuccessionFact>) {
    for m in matches {
        for make in m.rule().makes.iter().filter(|k| k.kind == FactKind::Succession) {
            let field = |f: &str| make.fields.get(f).map(String::as_str);
            let side = |f: &str| field(f).map(|v| m.entities(ctx, v)).unwrap_or_default();
            let each = |f: &str| field(f).is_some_and(|v| v.ends_with('+'));
            let (new, old) = (side("successor"), side("predecessor"));
            // Lists of unequal length cannot be paired (one side was not read
            // whole), unless a side is marked to take each of the other's.
            let pairs: Vec<(EntityId, EntityId)> = if new.len() == old.len() {
                new.iter().copied().zip(old.iter().copied()).collect()
            } else if (new.len() == 1 && each("predecessor")) || (old.len() == 1 && each("successor")) {
                new.iter().flat_map(|&a| old.iter().map(move |&b| (a, b))).collect()
            } else {
                Vec::new()
            };
            // The date slot's, else the sentence's first (as the built-in rules take it).
            let date = field("date").and_then(|f| m.slot(f).iter().find_map(|p| p.date)).or_else(|| {
                find_dates(ctx.sentence_text(m.sentence), 0, ctx.reference).first().map(|d| d.date)
            });
            for (successor, predecessor) in pairs {
                if ctx.entities[successor].kind != ctx.entities[predecessor].kind {
                    continue;
                }
                let what = match field("what") {
                    Some(w) if !m.slot(w).is_empty() => m.slot(w).iter().find_map(|p| p.post.as_ref()).map(|p| p.words.clone()).unwrap_or_default(),
                    Some(w) => w.to_string(),
                    None => roles.iter().find(|r| r.person == predecessor).or_else(|| roles.iter().find(|r| r.person == successor)).map(|r| r.role.clone()).unwrap_or_default(),
                };
                push(ctx, out, successor, predecessor, date, &what, m.start, m.end, &m.rule().id);
            }
        }
    }
}

/// Whether the words between two people say the first was replaced by the
/// second (`, the former director, was replaced as director by Dr `), naming
/// the post in at most 60 characters. The pattern's lazy `post` is the
/// shortest the rest allows, so the check passes whenever some reading does.
fn replaced_by_person(p: &Patterns, between: &str) -> bool {
    p.replaced_by_person.is_match(between)
        && p.replaced_by_person.captures(between).is_some_and(|c| c.name("post").is_none_or(|post| post.as_str().chars().count() <= 60))
}

/// Body mentions of a sentence, in order: (start, end, entity), sentence-relative.
fn body_mentions(ctx: &Ctx, si: usize) -> Vec<(usize, usize, EntityId)> {
    let s = ctx.doc.sentences[si];
    ctx.mentions_in(si).filter(|m| ctx.entities[m.entity].kind == EntityKind::Body).map(|m| (m.start - s.start, m.end - s.start, m.entity)).collect()
}

/// Maps an offset of the masked sentence back to the index of the body mention there.
fn masked_body_at(masked: &str, at: usize) -> usize {
    masked[..at].matches('\u{1}').count()
}

fn push(ctx: &Ctx, out: &mut Vec<SuccessionFact>, successor: EntityId, predecessor: EntityId, date: Option<PartialDate>, what: &str, start: usize, end: usize, rule: &str) {
    if successor == predecessor || out.iter().any(|f| f.successor == successor && f.predecessor == predecessor) {
        return;
    }
    out.push(SuccessionFact { successor, predecessor, date, what: what.to_string(), evidence: ctx.evidence(start, end, rule) });
}

fn bodies_in_sentence(ctx: &Ctx, si: usize, out: &mut Vec<SuccessionFact>) {
    let p = patterns();
    let s = ctx.doc.sentences[si];
    let sent = &ctx.text()[s.start..s.end];
    let masked = mask_bodies(ctx, s.start, sent);
    let bodies = body_mentions(ctx, si);
    // Every rule but `transfer_to` needs a body named in the sentence (its
    // subject, or a masked body in its pattern); most sentences name none,
    // and there they search nothing.
    let with_bodies = if bodies.is_empty() { "" } else { masked.as_str() };
    // Three need two bodies masked.
    let with_two_bodies = if masked.matches('\u{1}').nth(1).is_some() { masked.as_str() } else { "" };
    let body_at = |at: usize| bodies.get(masked_body_at(&masked, at)).map(|b| b.2);
    let takes_over = |id: EntityId| ctx.is_body(id, &[BodyKind::Trust, BodyKind::Organisation, BodyKind::Council]);
    let main_council = ctx.main_body(BodyKind::Council);
    // The date stated nearest to the verb, in this sentence (looked for only
    // once a pattern has matched: most sentences match none).
    let dates = std::cell::OnceCell::new();
    let date_near = |at: usize| dates.get_or_init(|| find_dates(&masked, 0, ctx.reference)).iter().min_by_key(|d| if d.start >= at { d.start - at } else { at - d.end }).map(|d| d.date);
    let what_of = |services: &str| services.replace('\u{1}', "").trim_start_matches("the ").trim_start_matches("'s").trim().trim_start_matches("its ").trim_start_matches("their ").to_string();
    // The body a verb's subject names: the nearest one before it.
    let subject_before = |at: usize| -> Option<EntityId> {
        let k = masked_body_at(&masked, at);
        bodies[..k].iter().rev().map(|b| b.2).find(|&b| takes_over(b))
    };

    // `the trust took over the running of children's social care from X`
    for c in p.take_on.captures_iter(with_bodies) {
        let g = c.get(0).unwrap();
        let Some(successor) = subject_before(g.start()).filter(|&b| ctx.is_body(b, &[BodyKind::Trust, BodyKind::Organisation])) else { continue };
        let services = c.get(1).unwrap();
        let predecessor = c.get(3).or(c.get(2)).and_then(|m| body_at(m.start()))
            .or_else(|| services.as_str().contains('\u{1}').then(|| body_at(services.start() + services.as_str().find('\u{1}').unwrap())).flatten())
            .or(main_council);
        let Some(predecessor) = predecessor else { continue };
        push(ctx, out, successor, predecessor, date_near(g.start()), &what_of(services.as_str()), s.start, s.end, "succession/take-on");
    }
    // `X, the company that runs children's services on behalf of Y`
    for c in p.on_behalf.captures_iter(p.behalf.gate(with_bodies)) {
        let g = c.get(0).unwrap();
        let Some(successor) = subject_before(g.start()).filter(|&b| ctx.is_body(b, &[BodyKind::Trust, BodyKind::Organisation])) else { continue };
        let Some(predecessor) = c.get(3).or(c.get(2)).and_then(|m| body_at(m.start())).or(main_council) else { continue };
        push(ctx, out, successor, predecessor, date_near(g.end()), &what_of(c.get(1).unwrap().as_str()), s.start, s.end, "succession/on-behalf");
    }
    // `X, the company that took over from Y`
    for c in p.took_over_from.captures_iter(with_bodies) {
        let g = c.get(0).unwrap();
        let (Some(successor), Some(predecessor)) = (subject_before(g.start()), body_at(c.get(1).unwrap().start())) else { continue };
        push(ctx, out, successor, predecessor, date_near(g.start()), "children's services", s.start, s.end, "succession/took-over-from");
    }
    // `the transfer of children's social care services into NCT`, `X to hand its services to the company`
    for c in p.transfer_to.captures_iter(&masked) {
        let services = c.get(1).unwrap();
        let target = c.get(2).unwrap();
        let successor = if target.as_str() == "\u{1}" {
            body_at(target.start())
        } else {
            ctx.main_body(BodyKind::Trust).or_else(|| {
                let place = main_council.and_then(|c| ctx.entities[c].place.clone())?;
                let row = ctx.schema.body_for_place(&place, BodyKind::Trust, None)?;
                let name = &ctx.schema.bodies[row].name;
                ctx.entities.iter().position(|e| &e.name == name)
            })
        };
        let Some(successor) = successor.filter(|&b| ctx.is_body(b, &[BodyKind::Trust, BodyKind::Organisation])) else { continue };
        let verb = c.get(0).unwrap().start();
        let predecessor = if services.as_str().contains('\u{1}') {
            body_at(services.start() + services.as_str().find('\u{1}').unwrap())
        } else {
            subject_before(verb).filter(|&b| ctx.is_body(b, &[BodyKind::Council])).or(main_council)
        };
        let Some(predecessor) = predecessor else { continue };
        push(ctx, out, successor, predecessor, date_near(verb), &what_of(services.as_str()), s.start, s.end, "succession/transfer");
    }
    // `responsibility for children's services passed from X to Y`
    for c in p.transferred_from_to.captures_iter(p.moved_from.gate(with_two_bodies)) {
        let (Some(predecessor), Some(successor)) = (body_at(c.get(1).unwrap().start()), body_at(c.get(2).unwrap().start())) else { continue };
        push(ctx, out, successor, predecessor, date_near(c.get(0).unwrap().end()), "children's services", s.start, s.end, "succession/from-to");
    }
    // `children's services were transferred to X`
    for c in p.transferred_to.captures_iter(p.moved_to.gate(with_bodies)) {
        let services = c.get(1).unwrap();
        let Some(successor) = body_at(c.get(2).unwrap().start()).filter(|&b| ctx.is_body(b, &[BodyKind::Trust, BodyKind::Organisation])) else { continue };
        let predecessor = services.as_str().find('\u{1}').and_then(|i| body_at(services.start() + i)).or(main_council);
        let Some(predecessor) = predecessor else { continue };
        push(ctx, out, successor, predecessor, date_near(c.get(0).unwrap().end()), &what_of(services.as_str()), s.start, s.end, "succession/transferred-to");
    }
    // `Medway Children's Trust went live on 1 October 2022`: a new trust takes
    // over from the council the document is about, when it serves that place.
    for (k, b) in bodies.iter().enumerate() {
        if !ctx.is_body(b.2, &[BodyKind::Trust]) || !p.went_live.is_match(&sent[b.1..]) {
            continue;
        }
        let Some(council) = main_council else { continue };
        let same_place = ctx.entities[b.2].place.is_some() && ctx.entities[b.2].place == ctx.entities[council].place
            || ctx.entities[council].place.as_ref().is_some_and(|p| ctx.entities[b.2].name.starts_with(p.as_str()));
        if same_place {
            let at = masked.match_indices('\u{1}').nth(k).map_or(0, |(i, _)| i);
            push(ctx, out, b.2, council, date_near(at), "children's services", s.start, s.end, "succession/went-live");
        }
    }
    // `X was abolished and replaced by A and B`
    for c in p.replaced_by.captures_iter(p.replaced_by_words.gate(with_two_bodies)) {
        let g = c.get(0).unwrap();
        let Some(predecessor) = body_at(g.start()) else { continue };
        let list = c.get(1).unwrap();
        let first = masked_body_at(&masked, list.start());
        let n = list.as_str().matches('\u{1}').count();
        for b in bodies.iter().skip(first).take(n) {
            push(ctx, out, b.2, predecessor, date_near(list.start()), "the council's functions", s.start, s.end, "succession/replaced-by");
        }
    }
    // `A and B replaced X`
    for c in p.replaced.captures_iter(p.replaced_words.gate(with_two_bodies)) {
        let list = c.get(1).unwrap();
        let Some(predecessor) = body_at(c.get(2).unwrap().start()) else { continue };
        let first = masked_body_at(&masked, list.start());
        let n = list.as_str().matches('\u{1}').count();
        for b in bodies.iter().skip(first).take(n) {
            push(ctx, out, b.2, predecessor, date_near(list.end()), "the council's functions", s.start, s.end, "succession/replaced");
        }
    }
}

/// `A, succeeding B`, `She replaces interim director B`, `A ... since B's
/// departure`, `B leaves; A ... becomes chief executive`.
fn people_in_sentence(ctx: &Ctx, si: usize, roles: &[RoleFact], out: &mut Vec<SuccessionFact>) {
    let p = patterns();
    let s = ctx.doc.sentences[si];
    let text = ctx.text();
    let people: Vec<_> = ctx.mentions_in(si).filter(|m| ctx.entities[m.entity].kind == EntityKind::Person).copied().collect();
    // Every rule below pairs two people of the sentence.
    if people.len() < 2 {
        return;
    }
    let posts = super::role::posts(ctx, si);
    let first_date = std::cell::OnceCell::new();
    let date = || *first_date.get_or_init(|| find_dates(ctx.sentence_text(si), 0, ctx.reference).first().map(|d| d.date));
    let what = |a: EntityId, b: EntityId| roles.iter().find(|r| r.person == b).or_else(|| roles.iter().find(|r| r.person == a)).map(|r| r.role.clone()).unwrap_or_default();
    for (k, old) in people.iter().enumerate() {
        // The words before the name, less a post (`replaces interim director NAME`).
        let mut left = old.start;
        if let Some(post) = posts.iter().find(|p| p.end <= old.start && text[p.end..old.start].trim().is_empty()) {
            left = post.start;
        }
        let before = super::clip_before(text, left, 60).trim_end_matches(|c: char| c == ' ').to_string() + " ";
        let before = before.trim_end_matches("interim ").trim_end_matches("the ");
        let subject = people[..k].iter().rev().find(|m| m.entity != old.entity && !text[m.end..].starts_with("'s"));
        if p.person_verb.is_match(before) {
            if let Some(new) = subject {
                push(ctx, out, new.entity, old.entity, date(), &what(new.entity, old.entity), s.start, s.end, "succession/person-replaced");
            }
        } else if text[old.end..].starts_with("'s") && p.departure.is_match(before) {
            if let Some(new) = subject {
                push(ctx, out, new.entity, old.entity, date(), &what(new.entity, old.entity), s.start, s.end, "succession/since-departure");
            }
        } else if p.departure_of.is_match(super::clip_before(text, old.start, 60)) {
            // `... since April, following the departure of NAME`
            if let Some(new) = subject {
                push(ctx, out, new.entity, old.entity, date(), &what(new.entity, old.entity), s.start, s.end, "succession/departure-of");
            }
        } else if let Some(new) = people[k + 1..].first().filter(|n| replaced_by_person(p, &text[old.end..n.start])) {
            // `Jo Bloggs was replaced by Sam Example`
            push(ctx, out, new.entity, old.entity, date(), &what(new.entity, old.entity), s.start, s.end, "succession/replaced-by-person");
        } else if let Some(new) = people[k + 1..].first().filter(|n| p.successor_of.is_match(&text[old.end..n.start])) {
            // `Example's successor, Jo Bloggs`
            push(ctx, out, new.entity, old.entity, date(), &what(new.entity, old.entity), s.start, s.end, "succession/successor-of");
        } else if p.leaves.is_match(&text[old.end..s.end]) {
            // `B leaves; A ... becomes chief executive`, `A, interim since March, when B ... left`:
            // the successor is the nearest other person given a current post in this sentence.
            let sentence_start = ctx.evidence(s.start, s.end, "").sentence_start;
            // Where the document gives the leaver a post, the successor's is a post of
            // the same kind (`director`, `chief executive`: its canonical name's head).
            let kind = |r: &RoleFact| r.canonical.split_whitespace().next().unwrap_or("").to_string();
            let left: Vec<String> = roles.iter().filter(|r| r.person == old.entity).map(kind).collect();
            let takes_post = |m: &&super::Mention| {
                m.entity != old.entity
                    && roles.iter().any(|r| {
                        r.person == m.entity && r.status == Status::Current && r.evidence.sentence_start == sentence_start && (left.is_empty() || left.contains(&kind(r)))
                    })
            };
            let new = people.iter().filter(takes_post).min_by_key(|m| m.start.abs_diff(old.start));
            if let Some(new) = new {
                push(ctx, out, new.entity, old.entity, date(), &what(new.entity, old.entity), s.start, s.end, "succession/leaves");
            }
        }
    }
}

/// `their predecessor ROLE A, B and C`: B and C succeeded A in the post.
fn predecessors(ctx: &Ctx, roles: &[RoleFact], out: &mut Vec<SuccessionFact>) {
    for old in roles.iter().filter(|r| &*r.evidence.rule == "role/predecessor" && r.status == Status::Former) {
        for new in roles.iter().filter(|r| &*r.evidence.rule == "role/predecessor-list" && r.evidence.sentence_start == old.evidence.sentence_start) {
            let what = ctx.entities.get(old.body).map(|b| format!("{} for {}", old.role, b.name)).unwrap_or_else(|| old.role.clone());
            let ev = &new.evidence;
            if out.iter().any(|f| f.successor == new.person && f.predecessor == old.person) {
                continue;
            }
            out.push(SuccessionFact {
                successor: new.person,
                predecessor: old.person,
                date: new.start.or(new.date),
                what,
                evidence: super::Evidence { rule: "succession/predecessor".into(), ..ev.clone() },
            });
        }
    }
}

/// `Marlowe retires after nine years. His deputy, Jo Bloggs, becomes interim
/// director.`: a leaver with a post, then in the next sentence of the
/// paragraph someone stepping into a post of the same kind.
fn leaves_then_steps_up(ctx: &Ctx, roles: &[RoleFact], out: &mut Vec<SuccessionFact>) {
    static STEPS_UP: OnceLock<Pattern> = OnceLock::new();
    let steps_up = STEPS_UP.get_or_init(|| re(r"\b(?:becomes|became|will become|steps up|stepped up|will step up|takes over|took over|will take over|has been appointed|was appointed|is appointed|will be appointed)\b"));
    let p = patterns();
    let text = ctx.text();
    let kind = |r: &RoleFact| r.canonical.split_whitespace().next().unwrap_or("").to_string();
    let original_start = |si: usize| ctx.evidence(ctx.doc.sentences[si].start, ctx.doc.sentences[si].end, "").sentence_start;
    for si in 0..ctx.doc.sentences.len().saturating_sub(1) {
        let (s, next) = (ctx.doc.sentences[si], ctx.doc.sentences[si + 1]);
        if ctx.skip[si] || ctx.skip[si + 1] || s.paragraph != next.paragraph || !steps_up.is_match(ctx.sentence_text(si + 1)) {
            continue;
        }
        for old in ctx.mentions_in(si).filter(|m| ctx.entities[m.entity].kind == EntityKind::Person && !m.anaphor) {
            let left: Vec<String> = roles.iter().filter(|r| r.person == old.entity).map(kind).collect();
            if left.is_empty() || !p.leaves.is_match(&text[old.end..s.end]) || out.iter().any(|f| f.predecessor == old.entity) {
                continue;
            }
            let next_start = original_start(si + 1);
            let steps_in = |r: &&RoleFact| r.person != old.entity && r.status != Status::Former && r.evidence.sentence_start == next_start && left.contains(&kind(r));
            if let Some(new) = roles.iter().find(steps_in) {
                let what = new.role.clone();
                push(ctx, out, new.person, old.entity, find_dates(ctx.sentence_text(si), 0, ctx.reference).first().map(|d| d.date), &what, s.start, next.end, "succession/leaves-then-steps-up");
            }
        }
    }
}

/// One person leaving a post and another coming to it, in one document:
/// `Jo Bloggs resigned as director ... The council has agreed to appoint Sam
/// Example as the director`. Where a body has exactly one former holder and
/// one coming holder of posts of one kind (`director`, `chief executive`), and
/// neither is in a succession already, the newcomer succeeds the leaver.
fn same_post(ctx: &Ctx, roles: &[RoleFact], out: &mut Vec<SuccessionFact>) {
    let kind = |r: &RoleFact| r.canonical.split_whitespace().next().unwrap_or("").to_string();
    let people = |st: Status| roles.iter().filter(move |r| r.status == st && ctx.entities[r.person].kind == EntityKind::Person);
    for coming in people(Status::Future) {
        let fits = |r: &&RoleFact| r.body == coming.body && kind(r) == kind(coming) && r.person != coming.person;
        let mut left: Vec<&RoleFact> = people(Status::Former).filter(fits).collect();
        left.dedup_by_key(|r| r.person);
        let arriving = people(Status::Future).filter(|r| r.body == coming.body && kind(r) == kind(coming)).map(|r| r.person).collect::<std::collections::BTreeSet<_>>();
        let [leaver] = left[..] else { continue };
        let taken = out.iter().any(|f| [f.successor, f.predecessor].iter().any(|&p| p == coming.person || p == leaver.person));
        if arriving.len() == 1 && !taken {
            let ev = &coming.evidence;
            out.push(SuccessionFact {
                successor: coming.person,
                predecessor: leaver.person,
                date: coming.start,
                what: format!("{} for {}", coming.role, ctx.entities[coming.body].name),
                evidence: super::Evidence { rule: "succession/same-post".into(), ..ev.clone() },
            });
        }
    }
}

/// `the formation of X on November 1, 2020`: when a body began.
fn formation_date(ctx: &Ctx, body: EntityId) -> Option<PartialDate> {
    let p = patterns();
    for m in ctx.mentions.iter().filter(|m| m.entity == body) {
        let s = ctx.doc.sentences[m.sentence];
        let sent = ctx.sentence_text(m.sentence);
        let rel = m.start - s.start;
        let before = super::clip_before(sent, rel, 40);
        let after_end = (m.end - s.start).min(sent.len());
        let after = super::clip_after(sent, after_end, 60);
        if p.formation.is_match(before) || p.formation.is_match(after.split(['.', ';']).next().unwrap_or("")) {
            if let Some(d) = find_dates(after, 0, ctx.reference).first().filter(|d| d.start < 45) {
                return Some(d.date);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The pattern as it was, with the post's length in the regex.
    fn bounded() -> &'static Pattern {
        static BOUNDED: OnceLock<Pattern> = OnceLock::new();
        BOUNDED.get_or_init(|| re(r"^(?:,[^,]{0,80},)?\s+(?:was|has been|will be|is being|is to be|had been)\s+(?:replaced|succeeded)\s+(?:as\s+[\w' ]{1,60}?\s+)?by\s+(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Professor|Sir|Dame)\.?\s+)?$"))
    }

    fn agrees(text: &str) -> bool {
        replaced_by_person(patterns(), text) == bounded().is_match(text)
    }

    #[test]
    fn a_post_of_sixty_characters_is_read_and_one_of_sixty_one_is_not() {
        let post = |n: usize| "é".repeat(n);
        assert!(replaced_by_person(patterns(), &format!(" was replaced as {} by ", post(60))));
        assert!(!replaced_by_person(patterns(), &format!(" was replaced as {} by ", post(61))));
        assert!(replaced_by_person(patterns(), " was replaced as  by   by Dr "));
        for text in [" was replaced by ", ", the director, was succeeded as director of children's services by Cllr ", " was replaced as   by ", " was replaced as \t by "] {
            assert!(agrees(text), "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]
        /// The length checked in code answers as the bounded pattern did, on
        /// texts shaped like the pattern (posts of none to about 170
        /// characters, odd spacing, stray words), about a fifth of which match.
        #[test]
        fn the_post_checked_in_code_agrees_with_the_bounded_pattern(
            aside in prop::option::of("[a-z ]{0,78}(,[a-z ]{0,4})?"),
            verb in prop::sample::select(vec![" was replaced", " has been succeeded", " replaced", " was  replaced"]),
            post in prop::option::of(prop::collection::vec(prop::sample::select(vec!["director", "of", "children's", "é", "x", " ", "\t", "by", "as", ","]), 0..16)),
            space in prop::sample::select(vec![" ", "  ", "\t", ""]),
            honorific in prop::sample::select(vec!["", "Dr ", "Cllr. ", "Dr"]),
        ) {
            let aside = aside.map(|a| format!(",{a},")).unwrap_or_default();
            let post = post.map(|w| format!(" as{space}{}", w.join(" "))).unwrap_or_default();
            let text = format!("{aside}{verb}{post}{space}by {honorific}");
            prop_assert!(agrees(&text), "{:?}", text);
        }
    }
}
