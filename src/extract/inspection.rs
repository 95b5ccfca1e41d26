//! Inspections: an event (kind, date, body inspected, inspectorate,
//! inspectors) and its judgement.
//!
//! An event is named by its kind (`a focused visit to X in October`) or by a
//! judgement alone (`X was judged 'inadequate' in January`, `'outstanding'
//! Leeds`). Mentions that name no date of their own (`the latest visit`, `the
//! previous inadequate rating`) refer back to an event already named and add
//! only evidence; they make a new event only when the body has none.

use super::date::{find_dates, DateMention};
use super::role::{mask_bodies, topic};
use super::{Ctx, EndEvidence, EntityId, EntityKind, Evidence, InspectionFact, Mention, RoleFact};
use crate::date::PartialDate;
use crate::schema::{re, re_any, BodyKind, Pattern, Schema};
use std::sync::OnceLock;

struct Patterns {
    rating_word: Pattern,
    /// `on_site`, `rating_word` or any inspection kind: the one search that
    /// passes over a sentence with none of them.
    cue: Pattern,
    judgement_before: Pattern,
    negated: Pattern,
    published: Pattern,
    on_site: Pattern,
    judgement_after: Pattern,
    future: Pattern,
    segment_break: Pattern,
    body_after_kind: Pattern,
    generic_plural: Pattern,
    inspectors_were: Pattern,
    rating_then_kind: Pattern,
    timeline_sep: Pattern,
    opening_prep: Pattern,
    not_an_event: Pattern,
    took_place: Pattern,
    definite: Pattern,
    sub_judgement: Pattern,
    judgement_area: Pattern,
    overall: Pattern,
    its_kind: Pattern,
    passive_subject: Pattern,
}

/// Compiles this extractor's patterns now, rather than at first use.
pub(crate) fn warm_up() {
    patterns();
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        // Every wording of a judgement in schema/vocab/ratings.tsv, longest first.
        let rating_word = re(&format!(r"\b(?:{})\b", Schema::get().ratings.iter().map(|(w, _)| regex::escape(w)).collect::<Vec<_>>().join("|")));
        let on_site = re(r"\binspectors\s+(?:were\s+on\s+site|visited|were\s+in|spent)\b");
        let cue = re_any(&[&on_site, &rating_word].into_iter().chain(Schema::get().inspection_kinds.iter().map(|(k, _)| k)).collect::<Vec<_>>());
        Patterns {
            rating_word,
            cue,
            on_site,
            judgement_before: re(r"\b(?:rated|rates|rate|rating|judged|judges|judge|judgement|graded|grades|labell?ed|labels|found|finds|deemed|declared|branded|assessed|classed|upgraded|downgraded|moved|remains?|remained|overall effectiveness|slumped|dropped|fell|improved|lifted|climbed|raised|verdict)\b[^.;]{0,60}$"),
            negated: re(r"\b(?:no longer|not|never|not yet)\s+(?:been\s+|be\s+)?(?:\w+\s+)?$"),
            published: re(r"\b(?:published|publication|released|report(?:ed)?)\b[^.;]{0,12}$"),
            judgement_after: re(r"^['\x22]?\s*(?:rating|judgement|grade|verdict|by ofsted)\b"),
            future: re(r"\b(?:next|future|upcoming|further|planned|forthcoming)\s+(?:\w+\s+)?$"),
            segment_break: re(r"\bsince\b|\bafter\b|\bbefore\b|;|\bbut\b"),
            body_after_kind: re("^\\s+(?:to|of|into|at|for|on|in)\\s+(?:the\\s+)?\u{1}"),
            generic_plural: re(r"\b(?:councils|authorities|trusts|areas|local authorities)\b"),
            took_place: re(r"\b(?:took place|carried out|conducted|held|undertaken|happened)\b"),
            not_an_event: re(r"^s?\s+(?:framework|regime|system|process|handbook|methodology|criteria|standards|arrangements|programme|team)\b"),
            definite: re(r"\b(?:the|this|that|its|their)\s+(?:\w+\s+)?$"),
            opening_prep: re(r"^(?:in|on|by|during|since|from|until|(?:back\s+)?in)?$"),
            // The areas an ILACS report grades apart from its overall judgement.
            judgement_area: re(r"\b(?:experiences and progress|impact of leaders|help and protection)\b[^.]{0,100}$"),
            overall: re(r"\boverall\b"),
            sub_judgement: re(r"\bwith\s+[^,;]{0,60}?\b(?:judged|rated|graded|found)\b[^,;]{0,40}$"),
            timeline_sep: re(r"^\s*(?::|-\s|\x{2013}|\x{2014})"),
            rating_then_kind: re(r"^['\x22]?(?:\s+by\s+\w+)?\s+(?:at|in|following|after|from)\s+(?:its|the|their|a|an)\s+(?:\w+\s+){0,3}$"),
            its_kind: re(r"\b(?:its|their)\s+(?:\w+\s+){0,2}$"),
            passive_subject: re(r",\s*(?:was|were|is|are|has been|have been|had been)\s+(?:\w+\s+)?(?:judged|rated|graded|found|deemed)\s+[^,]{0,20}$"),
            inspectors_were: re(r"\b(?:the )?inspectors? (?:were|was|are|is)\b"),
        }
    })
}

/// How much a mention says about its event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// Names a date: always an event.
    Dated,
    /// Names its body and a kind or rating, but no date.
    Named,
    /// Refers back: merges into an event, never makes one.
    Anaphoric,
}

#[derive(Debug, Clone)]
struct Candidate {
    body: EntityId,
    kind: String,
    date: Option<PartialDate>,
    rating: Option<String>,
    /// The body was named around the mention, not taken from the document.
    explicit: bool,
    /// The date is when a report was published, not when the inspection was.
    published: bool,
    strength: Strength,
    sentence: usize,
    start: usize,
    end: usize,
    /// Where the judgement's words stand, when it has one.
    rating_at: Option<(usize, usize)>,
    rule: &'static str,
}

/// Every inspection event a document names, merged within the document.
pub fn find(ctx: &mut Ctx) -> Vec<InspectionFact> {
    let mut cands = Vec::new();
    for si in 0..ctx.doc.sentences.len() {
        if !ctx.skip[si] {
            in_sentence(ctx, si, &mut cands);
        }
    }
    // Each event: the fact, where it was last mentioned, whether its body was
    // named, and the mentions it was read from.
    let mut events: Vec<(InspectionFact, usize, bool, Vec<&Candidate>)> = Vec::new();
    for strength in [Strength::Dated, Strength::Named, Strength::Anaphoric] {
        for c in cands.iter().filter(|c| c.strength == strength) {
            let evidence = ctx.evidence(c.start, c.end, c.rule);
            let mut target = events
                .iter()
                .enumerate()
                .filter(|(_, (e, _, _, _))| compatible(e, c))
                .min_by_key(|(_, (e, pos, _, _))| {
                    let same_rating = c.rating.is_some() && e.rating == c.rating;
                    (!same_rating, e.kind != c.kind, c.start.abs_diff(*pos))
                })
                .map(|(i, _)| i);
            // `The report, published in July, rated the trust's services ...`
            // reports the event just named, whose body the text had left unsaid.
            if target.is_none() && c.published && c.explicit {
                target = events.iter().enumerate().filter(|(_, (e, pos, named, _))| {
                    let moved = InspectionFact { body: c.body, ..e.clone() };
                    !named && *pos < c.start && compatible(&moved, c)
                }).max_by_key(|(_, (_, pos, _, _))| *pos).map(|(i, _)| i);
                if let Some(i) = target {
                    events[i].0.body = c.body;
                    events[i].2 = true;
                }
            }
            match target {
                Some(i) => {
                    let e = &mut events[i].0;
                    if let Some(d) = c.date.filter(|_| !c.published || e.date.is_none()) {
                        if e.date.is_none_or(|x| d.precision() > x.precision() && x.compatible(&d)) {
                            e.date = Some(d);
                        }
                    }
                    e.rating = e.rating.take().or(c.rating.clone());
                    if e.kind == "inspection" || e.kind == "visit" {
                        e.kind = c.kind.clone();
                    }
                    e.evidence.push(evidence);
                    events[i].1 = events[i].1.max(c.start);
                    events[i].2 |= c.explicit;
                    events[i].3.push(c);
                }
                None if strength != Strength::Anaphoric || !events.iter().any(|(e, _, _, _)| e.body == c.body) => {
                    // Only an inspectorate the document names: none is assumed.
                    let inspectorate = named_inspectorate(ctx, c.sentence);
                    events.push((
                        InspectionFact {
                            body: c.body,
                            kind: c.kind.clone(),
                            date: c.date,
                            rating: c.rating.clone(),
                            inspectorate,
                            inspectors: Vec::new(),
                            evidence: vec![evidence],
                            ends: Default::default(),
                        },
                        c.start,
                        c.explicit,
                        vec![c],
                    ));
                }
                None => {}
            }
        }
    }
    // A bare "visit" that made its own event is an inspection of unstated kind.
    events
        .into_iter()
        .map(|(mut e, _, _, from)| {
            if e.kind == "visit" {
                e.kind = "inspection".into();
            }
            e.ends = ends(ctx, &e, &from, &cands);
            e
        })
        .collect()
}

/// The inspectorate a sentence names, or else the first the document names.
fn named_inspectorate(ctx: &Ctx, sentence: usize) -> Option<EntityId> {
    let is_insp = |m: &&Mention| ctx.is_body(m.entity, &[BodyKind::Inspectorate]);
    ctx.mentions_in(sentence).find(is_insp).or_else(|| ctx.mentions.iter().find(is_insp)).map(|m| m.entity)
}

/// The mention of `entity` by name (not `the council`, not `she`) nearest
/// `at`, in a sentence for which `preferred` holds if there is one.
fn nearest_name<'a>(ctx: &'a Ctx, entity: EntityId, at: usize, preferred: impl Fn(usize) -> bool) -> Option<&'a Mention> {
    ctx.mentions.iter().filter(|m| m.entity == entity && !m.anaphor).min_by_key(|m| (!preferred(m.sentence), m.start.abs_diff(at), m.start))
}

/// Each edge's evidence: the first of the event's mentions whose sentence
/// names the other end (by name, or for the body also by an anaphor such as
/// `the council`); else the sentence nearest the event that names it (one
/// that speaks of an inspection first), under a rule of its own
/// (`inspection/body`, `inspection/inspectorate`).
fn ends(ctx: &Ctx, e: &InspectionFact, from: &[&Candidate], all: &[Candidate]) -> EndEvidence {
    let at = from.first().map_or(0, |c| c.start);
    let in_event = |entity: EntityId, anaphor: bool| {
        from.iter().zip(&e.evidence).find(|(c, _)| ctx.mentions_in(c.sentence).any(|m| m.entity == entity && m.anaphor == anaphor)).map(|(_, ev)| ev.clone())
    };
    let speaks = |si: usize| all.iter().any(|c| c.sentence == si);
    let elsewhere = |entity: EntityId, rule: &str| nearest_name(ctx, entity, at, speaks).map(|m| ctx.evidence(m.start, m.end, rule));
    let body = in_event(e.body, false).or_else(|| in_event(e.body, true)).or_else(|| elsewhere(e.body, "inspection/body"));
    let rating = from.iter().find(|c| c.rating.is_some() && c.rating == e.rating).and_then(|c| c.rating_at.map(|(a, b)| ctx.evidence(a, b, c.rule)));
    let inspectorate = e.inspectorate.and_then(|i| in_event(i, false).or_else(|| elsewhere(i, "inspection/inspectorate")));
    EndEvidence { body: body.or_else(|| e.evidence.first().cloned()), rating, inspectorate, inspectors: Vec::new() }
}

fn compatible(e: &InspectionFact, c: &Candidate) -> bool {
    let generic = |k: &str| k == "inspection" || k == "visit";
    let kinds = e.kind == c.kind
        || generic(&e.kind)
        || generic(&c.kind)
        || (c.kind == "visit" && e.kind.ends_with("visit"))
        || (e.kind == "assessment" || c.kind == "assessment") && (e.rating.is_some() || c.rating.is_some());
    let kinds = kinds && !(c.kind == "visit" && e.kind == "full inspection");
    // Ofsted's visits are not graded: a judgement is never a visit's.
    let graded_visit = (c.rating.is_some() && e.kind.ends_with("visit")) || (e.rating.is_some() && c.kind.ends_with("visit"));
    let kinds = kinds && !graded_visit;
    e.body == c.body
        && kinds
        && match (e.date, c.date) {
            // A report is published within months of its inspection.
            (Some(a), Some(b)) if c.published => a.compatible(&b) || (a <= b && b.year - a.year <= 1),
            (Some(a), Some(b)) => a.compatible(&b),
            _ => true,
        }
        && match (&e.rating, &c.rating) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

/// Byte ranges of a sentence between segment breaks (`since`, `after`, ...).
fn segments(sent: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for m in patterns().segment_break.find_iter(sent) {
        out.push((at, m.start()));
        at = m.end();
    }
    out.push((at, sent.len()));
    out
}

fn segment_of(segs: &[(usize, usize)], at: usize) -> (usize, usize) {
    *segs.iter().find(|(a, b)| at >= *a && at < *b).unwrap_or(&(0, usize::MAX))
}

fn in_sentence(ctx: &mut Ctx, si: usize, out: &mut Vec<Candidate>) {
    let p = patterns();
    let s = ctx.doc.sentences[si];
    let text = ctx.text();
    let sent = &text[s.start..s.end];
    // Every candidate below starts from `on site`, a kind of inspection or a
    // judgement word: most sentences have none, and are passed over at once.
    if !p.cue.is_match(sent) {
        return;
    }
    let segs = segments(sent);
    // `- Mar 2017: ... carried out in January`: a timeline line's own date is
    // the reference for the relative dates after it.
    let first = find_dates(sent, 0, ctx.reference);
    let line_date = first.first().filter(|d| sent[..d.start].trim_matches(|c: char| c == '-' || c == '*' || c.is_whitespace()).is_empty() && p.timeline_sep.is_match(&sent[d.end..])).map(|d| d.date);
    let dates: Vec<DateMention> = match line_date {
        Some(r) if r.month.is_some() => find_dates(sent, 0, Some(r)),
        _ => first,
    };
    // `the company that has run services since 1 October 2019`: a date after
    // `since` starts a state of affairs; it dates no inspection.
    let dates: Vec<DateMention> = dates.into_iter().filter(|d| !super::clip_before(sent, d.start, 7).trim_end().ends_with("since")).collect();
    let local = [BodyKind::Council, BodyKind::Trust, BodyKind::Organisation];
    let bodies: Vec<(usize, usize, EntityId)> = ctx
        .mentions_in(si)
        .filter(|m| ctx.is_body(m.entity, &local))
        .map(|m| (m.start - s.start, m.end - s.start, m.entity))
        .collect();
    let topic = topic(ctx, si);
    let main = ctx.main_body(BodyKind::Council);
    // `- May 2012: Ofsted rates ...`: the line's date is its events' date.
    // A date opening the line (`- May 2012: ...`, `In June this year, ...`) dates its events.
    let timeline_at = |d: &DateMention| {
        let lead = sent[..d.start].trim_matches(|c: char| c == '-' || c == '*' || c.is_whitespace());
        lead.is_empty() && p.timeline_sep.is_match(&sent[d.end..])
    };
    let timeline = dates.iter().position(|d| {
        let lead = sent[..d.start].trim_matches(|c: char| c == '-' || c == '*' || c.is_whitespace());
        timeline_at(d) || (p.opening_prep.is_match(lead) && sent[d.end..].starts_with(','))
    });
    let line_timeline = timeline.is_some_and(|i| timeline_at(&dates[i]));

    // `Inspectors were on site between 25 April and 6 May 2022`: the first day
    // of the inspection already named.
    if p.on_site.is_match(sent) {
        let last_event = out.iter().rev().find(|c| !c.kind.ends_with("visit")).map(|c| c.body);
        if let (Some(d), Some(body)) = (dates.first(), topic.or(last_event).or(main)) {
            out.push(Candidate { body, explicit: topic.is_some(), kind: "inspection".into(), date: Some(d.date), rating: None, published: false, strength: Strength::Anaphoric, sentence: si, start: s.start, end: s.end, rating_at: None, rule: "inspection/on-site" });
        }
    }

    // Kind mentions, longest patterns first, without overlaps.
    let mut kinds: Vec<(usize, usize, String)> = Vec::new();
    for (re, kind) in &ctx.schema.inspection_kinds {
        for m in re.find_iter(sent) {
            if kinds.iter().all(|(a, b, _)| m.end() <= *a || m.start() >= *b) {
                kinds.push((m.start(), m.end(), kind.clone()));
            }
        }
    }
    kinds.sort();

    // Ratings stated as judgements.
    let mut ratings: Vec<(usize, usize, String)> = Vec::new();
    for m in p.rating_word.find_iter(sent) {
        let before = super::clip_before(sent, m.start(), 80);
        let after = &sent[m.end()..];
        let quoted = before.ends_with('\'') || before.ends_with('"');
        let word = m.as_str().to_lowercase();
        let judged = p.judgement_before.is_match(before) || p.judgement_after.is_match(after);
        let strong_word = matches!(word.as_str(), "inadequate" | "outstanding") || word.ends_with("to be good");
        let adjective_rating = p.judgement_after.is_match(after.trim_start_matches(['\'', '"']));
        let follows_body = bodies.iter().any(|b| {
            b.0 >= m.end() && sent[m.end()..b.0].trim_matches(|c: char| c == '\'' || c == '"' || c.is_whitespace()).is_empty()
        });
        let tight = p.judgement_before.is_match(super::clip_before(sent, m.start(), 25));
        let negated = p.negated.is_match(super::clip_before(sent, m.start(), 30).trim_end_matches(['\'', '"']));
        // `rated good overall, with leadership judged good and ... outstanding`:
        // the judgements after `with` grade parts of the service, not the service.
        let part = (!ratings.is_empty() && p.sub_judgement.is_match(super::clip_before(sent, m.start(), 100)))
            || (p.judgement_area.is_match(super::clip_before(sent, m.start(), 120)) && !p.overall.is_match(super::clip_before(sent, m.start(), 120)));
        let as_word = { let b = before.trim_end(); b.ends_with(" as") || b.ends_with(" be") || b.ends_with(" to") };
        if !negated && !part && (adjective_rating || (quoted && follows_body) || (judged && (strong_word || quoted || tight || as_word))) {
            if let Some(j) = ctx.schema.rating(&word) {
                ratings.push((m.start(), m.end(), j.to_string()));
            }
        }
    }

    // Each date belongs to the kind or judgement nearest it in its segment.
    let anchors: Vec<(usize, usize)> = kinds.iter().map(|k| (k.0, k.1)).chain(ratings.iter().map(|r| (r.0, r.1))).collect();
    // A date mostly follows what it dates (`rated inadequate in 2015`), so a
    // kind or judgement after the date counts as twice as far. (Weighing a
    // date after a preposition more to the left gained on tests/extra and
    // lost more on tests/heldout.)
    let distance = |d: &DateMention, a: (usize, usize)| if d.start >= a.1 { d.start - a.1 } else { 2 * a.0.saturating_sub(d.end) };
    let owner: Vec<Option<usize>> = dates
        .iter()
        .map(|d| {
            let seg = segment_of(&segs, d.start);
            anchors.iter().enumerate().filter(|(_, a)| a.0 >= seg.0 && a.0 < seg.1).min_by_key(|(_, a)| distance(d, **a)).map(|(i, _)| i)
        })
        .collect();
    // Within `reach`, and for a date after the anchor beyond 40 bytes, in the same clause.
    let own_date = |anchor: usize, reach: usize| -> Option<usize> {
        let a = anchors[anchor];
        let same_clause = |d: &DateMention| {
            let between = &sent[a.1.min(d.start)..d.start];
            d.start < a.1 || d.start - a.1 <= 40 || !between.contains([',', ';']) || p.took_place.is_match(between)
        };
        (0..dates.len())
            .filter(|&i| owner[i] == Some(anchor) && distance(&dates[i], a) <= reach && (reach == usize::MAX || same_clause(&dates[i])))
            .min_by_key(|&i| distance(&dates[i], a))
    };
    let first_body = bodies.first().map(|b| b.2);
    let passive = |before: &str| p.passive_subject.is_match(before);
    let mut used_ratings = vec![false; ratings.len()];

    // The line's opening date dates the first event it names, not every one after.
    let first_anchor = anchors.iter().enumerate().min_by_key(|(_, a)| a.0).map(|(i, _)| i);
    let opening = |anchor: usize| timeline.filter(|_| Some(anchor) == first_anchor || line_timeline);
    for (n, (ks, ke, kind)) in kinds.iter().enumerate() {
        if p.future.is_match(super::clip_before(sent, *ks, 60)) || p.not_an_event.is_match(&sent[*ke..]) {
            continue;
        }
        // `the monitoring visit` refers back: only a date right by it is its own.
        let definite = p.definite.is_match(super::clip_before(sent, *ks, 12));
        let reach = if definite { 120 } else { usize::MAX };
        let seg = segment_of(&segs, *ks);
        // A judgement of this event lends it its date when the kind has none.
        let lent = |r: usize| own_date(kinds.len() + r, 40);
        if kind == "assessment" {
            // An assessment of a child, not of the service, unless dated right there.
            let adjacent = timeline.is_some() || dates.iter().any(|d| (d.end <= *ks && *ks - d.end <= 12) || (d.start >= *ke && d.start - *ke <= 12));
            if !adjacent {
                continue;
            }
        }
        let visit = kind.ends_with("visit");
        // A judgement later in the segment, or just before (`'good' at its last
        // full inspection`), belongs to this event; visits carry no judgement.
        let rating_idx = (!visit).then(|| {
            ratings.iter().position(|(rs, re_, _)| {
                (*rs > *ke && *rs < seg.1 && !kinds.iter().any(|k| k.0 > *ke && k.0 < *rs))
                    || (*re_ <= *ks && *ks - *re_ <= 40 && p.rating_then_kind.is_match(&sent[*re_..*ks]))
            })
        }).flatten();
        if let Some(i) = rating_idx {
            used_ratings[i] = true;
        }
        let date_idx = own_date(n, reach).or_else(|| rating_idx.and_then(lent)).or(opening(n));
        let masked_after = mask_bodies(ctx, s.start + ke, super::clip_after(sent, *ke, 200));
        let attached = p.body_after_kind.is_match(&masked_after).then(|| bodies.iter().find(|b| b.0 >= *ke).map(|b| b.2)).flatten();
        let possessive = p.its_kind.is_match(super::clip_before(sent, *ks, 60)).then_some(first_body).flatten();
        let explicit = attached.or(topic).or(possessive);
        let before = bodies.iter().rev().find(|b| b.1 <= *ks && b.0 >= seg.0).map(|b| b.2);
        let after = bodies.iter().find(|b| b.0 >= *ke && b.1 <= seg.1).map(|b| b.2);
        let earlier_same_kind = out.iter().rev().find(|c| c.kind == *kind && c.explicit).map(|c| c.body);
        let Some(body) = explicit.or(before).or(after).or(earlier_same_kind).or(main) else { continue };
        let rating = rating_idx.map(|i| ratings[i].2.clone());
        let specific = kind != "inspection" && kind != "visit";
        let plural = sent[*ks..*ke].ends_with('s');
        let published = date_idx.is_some_and(|i| p.published.is_match(super::clip_before(sent, dates[i].start, 60)));
        let found_body = explicit.is_some() || before.is_some() || after.is_some();
        let strength = if plural {
            Strength::Anaphoric
        } else if date_idx.is_some() && !published {
            Strength::Dated
        } else if (explicit.is_some() || published) && (specific || rating.is_some()) {
            Strength::Named
        } else {
            Strength::Anaphoric
        };
        let rating_at = rating_idx.map(|i| (s.start + ratings[i].0, s.start + ratings[i].1));
        out.push(Candidate { body, explicit: found_body, kind: kind.clone(), date: date_idx.map(|i| dates[i].date), rating, published, strength, sentence: si, start: s.start + ks, end: s.start + ke, rating_at, rule: "inspection/kind" });
    }

    for (k, (rs, re_, judgement)) in ratings.iter().enumerate() {
        if used_ratings[k] {
            continue;
        }
        let seg = segment_of(&segs, *rs);
        // `'outstanding' Leeds`: the rated body follows the word.
        let follows = bodies.iter().find(|b| b.0 >= *re_ && sent[*re_..b.0].trim_matches(|c: char| c == '\'' || c == '"' || c.is_whitespace()).is_empty()).map(|b| b.2);
        // `X, the company that ..., was judged good`: the sentence's subject.
        let subject = if passive(&sent[..*rs]) { first_body } else { None }
            .or_else(|| bodies.iter().rev().find(|b| b.1 <= *rs && b.0 >= seg.0).map(|b| b.2))
            .or_else(|| bodies.iter().rev().find(|b| b.1 <= *rs).map(|b| b.2));
        let explicit = follows.or(subject).or(topic);
        if explicit.is_none() && p.generic_plural.is_match(&sent[seg.0..*rs]) {
            continue; // `several councils graded 'inadequate'` names no body
        }
        let Some(body) = explicit.or(main) else { continue };
        let anchor = kinds.len() + k;
        let date_idx = if follows.is_some() {
            dates.iter().position(|d| d.start >= *re_ && d.start < re_ + 25)
        } else {
            // A judgement's own date stands close to it (or opens a timeline line).
            own_date(anchor, 40).or(opening(anchor))
        };
        let date = date_idx.map(|i| dates[i].date);
        let published = date_idx.is_some_and(|i| p.published.is_match(super::clip_before(sent, dates[i].start, 60)));
        let strength = match (date, explicit) {
            (Some(_), _) if published => Strength::Named,
            (Some(_), _) => Strength::Dated,
            (None, Some(_)) if follows.is_some() || subject.is_some() => Strength::Named,
            _ => Strength::Anaphoric,
        };
        out.push(Candidate { body, explicit: explicit.is_some(), kind: "inspection".into(), date, rating: Some(judgement.clone()), published, strength, sentence: si, start: s.start + rs, end: s.start + re_, rating_at: Some((s.start + rs, s.start + re_)), rule: "inspection/judgement" });
    }
}

/// Inspectors: people holding an inspector's post named in the sentence of an
/// event, or listed as `The inspectors were ...` after it.
pub fn attach_inspectors(ctx: &Ctx, events: &mut [InspectionFact], roles: &[RoleFact]) {
    let p = patterns();
    let inspector_people: Vec<EntityId> = roles
        .iter()
        .filter(|r| ctx.schema.role_titles.iter().any(|t| t.canonical == r.canonical && t.default_body == BodyKind::Inspectorate))
        .map(|r| r.person)
        .collect();
    for si in 0..ctx.doc.sentences.len() {
        // Each inspector with the evidence naming them: this mention, or for
        // a pronoun the nearest by name.
        let people: Vec<(EntityId, Evidence)> = ctx
            .mentions_in(si)
            .filter(|m| ctx.entities[m.entity].kind == EntityKind::Person && inspector_people.contains(&m.entity))
            .filter_map(|m| {
                let named = if m.anaphor { nearest_name(ctx, m.entity, m.start, |_| true)? } else { m };
                Some((m.entity, ctx.evidence(named.start, named.end, "inspection/inspector")))
            })
            .collect();
        if people.is_empty() {
            continue;
        }
        let s = ctx.doc.sentences[si];
        let listed = p.inspectors_were.is_match(ctx.sentence_text(si));
        // The event named in this sentence, or (for a list) the last one before it.
        let target = events
            .iter_mut()
            .filter(|e| e.evidence.iter().any(|ev: &Evidence| {
                let (a, _) = ctx.doc.norm.span_to_original(s.start, s.end);
                ev.sentence_start as usize == a || (listed && (ev.start as usize) < a)
            }))
            .last();
        if let Some(e) = target {
            for (id, ev) in people {
                if !e.inspectors.contains(&id) {
                    e.inspectors.push(id);
                    e.ends.inspectors.push(ev);
                }
            }
        }
    }
}
