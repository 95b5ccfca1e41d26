//! Successions: one body taking over from another (a trust taking on a
//! council's children's services, unitary councils replacing a county) and
//! one person taking over a post from another.

use super::date::find_dates;
use super::role::mask_bodies;
use super::{Ctx, EntityId, EntityKind, RoleFact, Status, SuccessionFact};
use crate::date::PartialDate;
use crate::schema::{re, BodyKind};
use regex::Regex;
use std::sync::OnceLock;

struct Patterns {
    take_on: Regex,
    transfer_to: Regex,
    replaced_by: Regex,
    replaced: Regex,
    formation: Regex,
    person_replaced: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        take_on: re(r"\b(?:took|take|takes|taken|taking|will take)\s+(?:on|over)\s+(?:the\s+)?(?:running|handling|management|control|responsibility|delivery)?\s*(?:of|for)?\s*((?:the\s+)?(?:\x01(?:'s)?\s+)?(?:children'?s|social care|children and families)[\w' ]*?services?)\b"),
        transfer_to: re(r"\b(?:transfer|transferred|transferring|move|moved|moving|transition|handed|handing|pass|passed)\s+(?:of\s+|over\s+)?((?:the\s+)?(?:\x01(?:'s)?\s+)?(?:children'?s|social care)[\w' ]*?services?)'?\s+(?:in)?to\s+(?:an?\s+|the\s+)?(?:new\s+)?(\x01|(?:children'?s\s+)?trust)"),
        replaced_by: re(r"\x01[^\x01.;]{0,40}?\b(?:abolition and |was |were |will be |is to be |has been |to be )?(?:abolished and )?(?:replaced|succeeded|superseded)\s+by\s+((?:\x01(?:\s*,\s*|\s+and\s+)?)+)"),
        replaced: re(r"\x01\s+(?:replaced|replaces|succeeded|succeeds|took over from|takes over from)\s+\x01"),
        formation: re(r"\b(?:formation|creation|launch|launched|set up|setting up|established|establishment|formed|created|went live|go-live|began operating|started operating)\b"),
        person_replaced: re(r"\b(?:replaced|replaces|succeeded|succeeds|took over from|takes over from|will replace|will succeed|will take over from|who replaces|who replaced)\s*$"),
    })
}

pub fn find(ctx: &Ctx, roles: &[RoleFact]) -> Vec<SuccessionFact> {
    let mut out = Vec::new();
    for si in 0..ctx.doc.sentences.len() {
        if ctx.skip[si] {
            continue;
        }
        bodies_in_sentence(ctx, si, &mut out);
        people_in_sentence(ctx, si, roles, &mut out);
    }
    predecessors(ctx, roles, &mut out);
    // Undated body successions take the successor's founding date, if stated.
    for i in 0..out.len() {
        if out[i].date.is_none() && ctx.is_body(out[i].successor, &[BodyKind::Trust, BodyKind::Council]) {
            out[i].date = formation_date(ctx, out[i].successor);
        }
    }
    out
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
    let trust = |id: EntityId| ctx.is_body(id, &[BodyKind::Trust]);
    let main_council = ctx.main_body(BodyKind::Council);
    let date_near = |from: usize| -> Option<PartialDate> {
        find_dates(&masked[from.min(masked.len())..], 0, ctx.reference).first().map(|d| d.date)
    };
    let date_before = |to: usize| -> Option<PartialDate> {
        find_dates(&masked[..to], 0, ctx.reference).last().filter(|d| to - d.end < 30).map(|d| d.date)
    };

    // `a new Children's Trust ... last month took on ... children's services`
    for c in p.take_on.captures_iter(&masked) {
        let g = c.get(0).unwrap();
        let k = masked_body_at(&masked, g.start());
        let Some(successor) = bodies[..k].iter().rev().map(|b| b.2).find(|&b| trust(b)) else { continue };
        let services = c.get(1).unwrap();
        let named = masked_body_at(&masked, services.start());
        let predecessor = if services.as_str().contains('\u{1}') { Some(bodies[named].2) } else { main_council };
        let Some(predecessor) = predecessor else { continue };
        let what = services.as_str().replace('\u{1}', "").trim_start_matches("the ").trim_start_matches("'s").trim().to_string();
        let date = date_before(g.start()).or_else(|| date_near(g.end()).filter(|_| false));
        push(ctx, out, successor, predecessor, date, &what, s.start, s.end, "succession/take-on");
    }
    // `the transfer of children's social care services into NCT`
    for c in p.transfer_to.captures_iter(&masked) {
        let services = c.get(1).unwrap();
        let target = c.get(2).unwrap();
        let successor = if target.as_str() == "\u{1}" {
            Some(bodies[masked_body_at(&masked, target.start())].2)
        } else {
            ctx.main_body(BodyKind::Trust).or_else(|| {
                let place = main_council.and_then(|c| ctx.entities[c].place.clone())?;
                let row = ctx.schema.body_for_place(&place, BodyKind::Trust, None)?;
                let name = &ctx.schema.bodies[row].name;
                ctx.entities.iter().position(|e| &e.name == name)
            })
        };
        let Some(successor) = successor.filter(|&b| trust(b)) else { continue };
        let predecessor = if services.as_str().contains('\u{1}') {
            Some(bodies[masked_body_at(&masked, services.start())].2)
        } else {
            main_council
        };
        let Some(predecessor) = predecessor else { continue };
        let what = services.as_str().replace('\u{1}', "").trim_start_matches("the ").trim_start_matches("'s").trim().to_string();
        push(ctx, out, successor, predecessor, date_near(c.get(0).unwrap().end()), &what, s.start, s.end, "succession/transfer");
    }
    // `X was abolished and replaced by A and B`
    for c in p.replaced_by.captures_iter(&masked) {
        let g = c.get(0).unwrap();
        let predecessor = bodies[masked_body_at(&masked, g.start())].2;
        let list = c.get(1).unwrap();
        let first = masked_body_at(&masked, list.start());
        let n = list.as_str().matches('\u{1}').count();
        for b in &bodies[first..first + n] {
            push(ctx, out, b.2, predecessor, date_near(list.end()), "the council's functions", s.start, s.end, "succession/replaced-by");
        }
    }
    for c in p.replaced.captures_iter(&masked) {
        let g = c.get(0).unwrap();
        let k = masked_body_at(&masked, g.start());
        push(ctx, out, bodies[k].2, bodies[k + 1].2, date_near(g.end()), "the body's functions", s.start, s.end, "succession/replaced");
    }
}

/// `NAME replaced NAME`, `NAME, who succeeds NAME`.
fn people_in_sentence(ctx: &Ctx, si: usize, roles: &[RoleFact], out: &mut Vec<SuccessionFact>) {
    let p = patterns();
    let s = ctx.doc.sentences[si];
    let text = ctx.text();
    let people: Vec<_> = ctx.mentions_in(si).filter(|m| ctx.entities[m.entity].kind == EntityKind::Person).copied().collect();
    for w in people.windows(2) {
        let gap = &text[w[0].end..w[1].start];
        let gap = gap.trim_start_matches(',').trim_start();
        let gap = gap.strip_prefix("who ").unwrap_or(gap);
        if gap.len() < 40 && p.person_replaced.is_match(gap) {
            let what = roles.iter().find(|r| r.person == w[1].entity || r.person == w[0].entity).map(|r| r.role.clone()).unwrap_or_default();
            let date = find_dates(ctx.sentence_text(si), 0, ctx.reference).first().map(|d| d.date);
            push(ctx, out, w[0].entity, w[1].entity, date, &what, s.start, s.end, "succession/person-replaced");
        }
    }
}

/// `their predecessor ROLE A, B and C`: B and C succeeded A in the post.
fn predecessors(ctx: &Ctx, roles: &[RoleFact], out: &mut Vec<SuccessionFact>) {
    for old in roles.iter().filter(|r| r.evidence.rule == "role/predecessor" && r.status == Status::Former) {
        for new in roles.iter().filter(|r| r.evidence.rule == "role/predecessor-list" && r.evidence.sentence_start == old.evidence.sentence_start) {
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
