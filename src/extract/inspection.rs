//! Inspections: an event (kind, date, body inspected, inspectorate,
//! inspectors) and its judgement.
//!
//! An event is named by its kind (`a focused visit to X in October`) or by a
//! judgement alone (`X was judged 'inadequate' in January`, `'outstanding'
//! Leeds`). Mentions that name no date of their own (`the latest visit`, `the
//! previous inadequate rating`) refer back to an event already named and add
//! only evidence; they make a new event only when the body has none of the
//! time they tell of. For the text tells of two times: the event it reports
//! (`now rated`, `has found`) and earlier ones (`since its last inspection in
//! 2016`, `previously rated good`, the first judgement of `from X to Y`), and
//! a mention of the one never joins an event of the other.

use super::date::{find_dates, DateMention};
use super::role::{mask_bodies, topic};
use super::gate::Gate;
use super::rules::{FactKind, RuleMatch};
use super::{Ctx, EndEvidence, EntityId, EntityKind, Evidence, InspectionFact, Mention, RoleFact};
use crate::date::{days_in_month, PartialDate};
use crate::schema::{re, re_any, BodyKind, Pattern, Schema};
use std::sync::OnceLock;

struct Patterns {
    rating_word: Pattern,
    /// `on_site`, `rating_word` or any inspection kind: the one search that
    /// passes over a sentence with none of them.
    cue: Pattern,
    /// The words of the schema's inspection kinds: a kind none of one of
    /// whose sets of words a sentence holds is not searched for.
    kind_words: Gate,
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
    /// `from 'good' (in 2015) to 'inadequate'`: an earlier and a new judgement.
    from_to: Pattern,
    /// `plans to take the service from inadequate to good`: a change hoped for.
    aim: Pattern,
    /// `graded good for the experiences and progress of care leavers`: one area's grade.
    part_after: Pattern,
    /// `previously rated good`, `the previous inspection`: an earlier event.
    previous: Pattern,
    /// `now`, `still`, `latest`: the state of things when the text was written.
    current: Pattern,
    /// `has found`, `recently`, `published on Monday`: the news the text reports.
    news: Pattern,
    /// `rated inadequate for the second time`.
    nth_time: Pattern,
    /// `remained outstanding`: the earlier judgement held.
    remained: Pattern,
    /// `its primary schools were rated good`: not a council's services.
    other_provider: Pattern,
    /// `we aim to be judged outstanding`.
    aspiration: Pattern,
    /// `the 'outstanding' authority`: a judgement standing for the body.
    rated_noun: Pattern,
    /// `the first inadequate rating`, `their 'good' rating`: refers back.
    definite_rating: Pattern,
    /// `on Monday`: a weekday the document's date resolves.
    weekday: Pattern,
    /// `2-3 November`: the span's first day.
    day_range_start: Pattern,
    /// `... was conducted in`: the date of what the clause is about.
    took_place_before: Pattern,
    /// A judging verb further off, for a quoted judgement.
    judgement_far: Pattern,
    /// `'inadequate' rating removed`.
    lifted: Pattern,
    /// `chair of the`: a body named for someone's post.
    post_of: Pattern,
    /// `followed a`: what comes next happened before.
    follows: Pattern,
    /// `3,000`, `all`, `many`: a count of events.
    quantity: Pattern,
    /// `looked after`, `looked-after`.
    looked: Pattern,
    /// `three years after`: what follows happened before.
    time_span: Pattern,
    /// `good across all judgement areas`: the overall judgement.
    all_areas: Pattern,
    /// `'inadequate' since`.
    since_after: Pattern,
    /// `an inadequate inspection`: a judgement naming its event.
    inspection_after: Pattern,
    /// `its March inspection report`: a date naming when a report came out.
    report_after: Pattern,
    /// `, when ...`: a relative clause.
    relative: Pattern,
    /// `Wandsworth and Lambeth`, `both the authority and the board`.
    joined: Pattern,
}

/// Compiles this extractor's patterns now, rather than at first use.
pub(crate) fn warm_up() {
    patterns();
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        // Every wording of a judgement in schema/vocab/ratings.tsv, longest first.
        let ratings = Schema::get().ratings.iter().map(|(w, _)| regex::escape(w)).collect::<Vec<_>>().join("|");
        let rating_word = re(&format!(r"\b(?:{ratings})\b"));
        let on_site = re(r"\b(?:inspectors|ofsted)\s+(?:were\s+on\s+site|visited|were\s+in|spent)\b");
        let cue = re_any(&[&on_site, &rating_word].into_iter().chain(Schema::get().inspection_kinds.iter().map(|(k, _)| k)).collect::<Vec<_>>());
        Patterns {
            rating_word,
            cue,
            kind_words: Gate::new(Schema::get().inspection_kinds.iter().map(|(k, _)| k.as_str())),
            on_site,
            judgement_before: re(r"\b(?:rated|rates|rate|rating|judged|judges|judge|judgement|judgment|graded|grades|grading|labell?ed|labels|found|finds|deemed|declared|branded|described|assessed|classed|upgraded|downgraded|moved|remains?|remained|overall effectiveness|slumped|dropped|fell|improved|lifted|climbed|raised|verdict)\b[^.;]{0,60}$"),
            negated: re(r"\b(?:no longer|not|never|not yet)\s+(?:been\s+|be\s+)?(?:\w+\s+)?$"),
            published: re(r"\b(?:published|publication|released|report(?:ed)?)\b[^.;]{0,12}$"),
            judgement_after: re(r"^['\x22]?\s*(?:(?:ofsted\s+)?(?:rating|judgement|judgment|grade|verdict)|by ofsted|,?\s*according to (?:an?\s+|the\s+)?(?:ofsted|inspectors|watchdog|(?:new\s+|latest\s+)?(?:ofsted\s+)?(?:inspection\s+)?report))\b"),
            future: re(r"\b(?:next|future|upcoming|further|planned|forthcoming)\s+(?:\w+\s+)?$|\b(?:will|would|expected to|due to|is to|are to)\s+(?:be\s+)?(?:an?\s+|the\s+)?(?:\w+\s+)?$"),
            segment_break: re(r"\bsince\b|\bafter\b|\bbefore\b|;|\bbut\b|\bwhile\b|\bwhereas\b"),
            body_after_kind: re("^\\s+(?:to|of|into|at|for|on|in)\\s+(?:the\\s+)?\u{1}"),
            generic_plural: re(r"\b(?:councils|authorities|trusts|areas|local authorities)\b"),
            took_place: re(r"\b(?:took place|carried out|conducted|held|undertaken|happened)\b"),
            not_an_event: re(r"^s?\s+(?:framework|regime|system|process|handbook|methodology|criteria|standards|arrangements|programme|teams?)\b"),
            definite: re(r"\b(?:the|this|that|its|their)\s+(?:\w+\s+)?$"),
            opening_prep: re(r"^(?:in|on|by|during|since|from|until|(?:back\s+)?in)?$"),
            // The areas an ILACS report grades apart from its overall judgement.
            judgement_area: re(r"\b(?:experiences and progress|impact of leaders|help and protection)\b[^.]{0,100}$"),
            overall: re(r"\boverall\b"),
            sub_judgement: re(r"\bwith\s+[^,;]{0,60}?\b(?:judged|rated|graded|found)\b[^,;]{0,40}$"),
            timeline_sep: re(r"^\s*(?::|-\s|\x{2013}|\x{2014})"),
            rating_then_kind: re(r"^['\x22]?(?:\s+(?:ofsted\s+)?(?:rating|judgement|judgment|grade))?(?:\s+for\s+(?:its|the|their)\s+[^,;.]{0,40}?)?(?:\s+by\s+\w+)?\s+(?:at|in|following|after|from|when\s+\w+\s+(?:undertook|carried out|conducted|made))\s+(?:(?:its|the|their|a|an)\s+(?:\w+\s+){0,3})?$|^['\x22]?\s+(?:ofsted\s+)?$"),
            its_kind: re(r"\b(?:its|their)\s+(?:\w+\s+){0,2}$"),
            passive_subject: re(r",\s*(?:was|were|is|are|has been|have been|had been)\s+(?:\w+\s+)?(?:judged|rated|graded|found|deemed)\s+[^,]{0,20}$"),
            inspectors_were: re(r"\b(?:the )?inspectors? (?:were|was|are|is)\b"),
            from_to: re(&format!(r"\bfrom\s+(?:an?\s+)?['\x22]?(?:{ratings})['\x22]?(?:\s+(?:ofsted\s+)?(?:rating|judgement|judgment|grade))?(?:\s*\([^)]{{0,24}}\)|\s+in\s+\d{{4}})?,?\s+(?:to|into)\s+(?:an?\s+)?['\x22]?({ratings})\b")),
            aim: re(r"\b(?:aim|aims|aiming|ambition|plans?|want|wants|hope|hopes|determined|committed|needed|need|needs|will|would|could|can|must|bid)\b[^.;]{0,60}\bto\s+(?:transform|move|take|get|improve|bring|turn|lift)\b[^.;]{0,120}$"),
            part_after: re(r"^['\x22]?\s*(?:ofsted\s+)?(?:rating|judgement|judgment|grade)?\s*(?:for|in)\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:(?:\w+\s+){0,5}(?:areas|categories|benchmarks|judgements|aspects)\b|impact of leaders|experiences and progress|adoption|fostering|care leavers|leadership|help and protection|children (?:in care|looked after|who need))"),
            previous: re(r"\b(?:previous|previously|prior|earlier|former|last time|no longer|out of (?:its|their))\b(?:\s+[\w'\x22]+){0,4}\s*$"),
            current: re(r"\b(?:now|still|currently|latest|newly|new|recent|recently|today|this week)\b"),
            news: re(r"\b(?:latest|recently|recent|new|today|this week|last week|ha(?:s|ve) (?:been )?(?:found|rated|judged|graded)|has come|published on|publication on)\b"),
            nth_time: re(r"^[^.;]{0,40}?\bfor (?:the )?(second|third|fourth|fifth) (?:successive |consecutive )?time\b"),
            remained: re(r"\b(?:remain|remains|remained|still|maintained|retained|held|hold|kept)\b[^.;,]{0,30}$"),
            other_provider: re(r"\b(?:schools?|academy|academies|nurser(?:y|ies)|colleges?|children's homes?|providers|settings)\b"),
            aspiration: re(r"\b(?:aim|aims|aiming|ambition|ambitious|objective|goal|hope|hoping|want|wants|strive|striving|aspire|aspiration|on the way to|when all)\b[^.;]{0,50}$|\bto\s+(?:move|take|get|bring|lift|turn)\b[^.;]{0,40}\bto\s+['\x22]?$"),
            rated_noun: re(r"^['\x22]\s*(?:council|authority|local authority|borough|trust)\b"),
            definite_rating: re(r"\b(?:the|its|their|this|that)\s+(?:\w+\s+)?['\x22]?$"),
            weekday: re(r"\b(?:on|last)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
            day_range_start: re(r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|to|and)\s*$"),
            took_place_before: re(r"^[^,;]{0,80}\b(?:took place|was carried out|was conducted|were carried out|was held|was undertaken)\s+(?:\w+\s+){0,2}$|^\s+(?:took place|(?:was|were) (?:carried out|conducted|undertaken|held))\b[^.;]{0,200}$"),
            judgement_far: re(r"\b(?:rated|judged|found|deemed|graded)\b[^.;]{0,76}$"),
            lifted: re(r"^['\x22]?\s*(?:ofsted\s+)?(?:rating|judgement|judgment|grade|label)?\s*(?:(?:being|was|has been|had been|is being)\s+)?(?:lifted|removed|overturned|shed)\b"),
            post_of: re(r"\b(?:chair|chairman|chairwoman|chief executive|director|head|leader|member)\s+(?:of|at)\s+(?:the\s+)?$"),
            follows: re(r"^\s+(?:\w+\s+){0,4}?(?:follows|followed|came after|comes after)\s+(?:an?|the|its|their)\s+(?:\w+\s+){0,3}$"),
            quantity: re(r"(?:\b\d[\d,]*|\b(?:all|many|most|some|several|few|these|those|such|other|its|their|ofsted)(?:\s+of\s+the)?)\s+(?:\w+\s+)?$"),
            looked: re(r"\blooked[\s-]$"),
            time_span: re(r"\b(?:years?|months?|weeks?)\s+$"),
            all_areas: re(r"^['\x22]?\s*(?:ofsted\s+)?(?:rating|judgement|judgment|grade)?\s*(?:for|in|across)\s+all\s+(?:\w+\s+)?(?:areas|categories|judgements|aspects|judgement areas)"),
            inspection_after: re(r"^['\x22]?\s+(?:ofsted\s+)?(?:full\s+|ilacs\s+|sif\s+)?(?:re-?)?inspection\b"),
            report_after: re(r"^\s+(?:ofsted(?:'s)?\s+)?(?:inspection\s+)?report\b"),
            relative: re(r"^\s*(?:when|which|where|at which|in which)\b"),
            since_after: re(r"^['\x22]?\s*(?:ever\s+)?since\s*$"),
            joined: re(r"^(?:'s)?\s*(?:\w+\s+){0,3}(?:and|&)\s+(?:the\s+)?(?:\w+\s+){0,3}$"),
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
    /// An earlier event than the one the text reports (`since its last
    /// inspection in 2016`, `previously rated good`).
    previous: bool,
    /// Worded as the present state (`now rated`, `still`, `latest`).
    current: bool,
    /// The sentence reports news (`has found`, `recently`, `today`).
    news: bool,
    /// `for the second time`: this judgement is the Nth of the same.
    nth: Option<usize>,
    /// `monitoring visits`: several events, or events in general.
    plural: bool,
    /// The rule match it was read from, for a rule's: the bodies one
    /// judgement names together (`rated both the council and its board`) were
    /// judged in one inspection, and share its date.
    together: Option<usize>,
}

/// An event as it is built from its mentions.
struct Event<'a> {
    fact: InspectionFact,
    /// Where it was last mentioned.
    pos: usize,
    /// Its body was named around a mention, not taken from the document.
    named: bool,
    /// Its date is when a report was published.
    published: bool,
    /// An earlier event than the one the text reports.
    previous: bool,
    from: Vec<&'a Candidate>,
}

/// Whether a mention may join an event: a mention of the event the text
/// reports never joins an earlier one, nor the reverse, and `for the second
/// time` is never an event already dated.
fn joins(e: &Event, c: &Candidate) -> bool {
    let undated = c.date.is_none();
    !(undated && !c.previous && e.previous)
        && !(undated && c.previous && !e.previous && e.fact.date.is_none())
        && !(c.nth.is_some() && e.fact.date.is_some())
}

/// Every inspection event a document names, merged within the document.
pub fn find(ctx: &mut Ctx, matches: &[RuleMatch]) -> Vec<InspectionFact> {
    let mut cands = Vec::new();
    for si in 0..ctx.doc.sentences.len() {
        if !ctx.skip[si] {
            in_sentence(ctx, si, &mut cands);
        }
    }
    from_rules(ctx, matches, &mut cands);
    let mut events: Vec<Event> = Vec::new();
    for strength in [Strength::Dated, Strength::Named, Strength::Anaphoric] {
        for c in cands.iter().filter(|c| c.strength == strength) {
            let evidence = ctx.evidence(c.start, c.end, c.rule);
            let fits = |e: &Event| compatible(e, c) && joins(e, c);
            // Of the events that fit, one in the present tense joins the
            // latest, and an earlier one without a date the earliest.
            let latest = events.iter().filter(|e| fits(e)).filter_map(|e| e.fact.date).max();
            let earliest = events.iter().filter(|e| fits(e)).filter_map(|e| e.fact.date).min();
            let mut target = events
                .iter()
                .enumerate()
                .filter(|(_, e)| fits(e))
                .min_by_key(|(_, e)| {
                    let same_rating = c.rating.is_some() && e.fact.rating == c.rating;
                    let undated = c.date.is_none() && e.fact.date.is_some();
                    let stale = undated && c.current && e.fact.date < latest;
                    let late = undated && c.previous && !c.current && e.fact.date > earliest;
                    (stale, !same_rating, late, e.fact.kind != c.kind, c.start.abs_diff(e.pos))
                })
                .map(|(i, _)| i);
            // `The report, published in July, rated the trust's services ...`
            // reports the event just named, whose body the text had left unsaid.
            if target.is_none() && c.published && c.explicit {
                target = events.iter().enumerate().filter(|(_, e)| {
                    let moved = Event { fact: InspectionFact { body: c.body, ..e.fact.clone() }, from: Vec::new(), ..**e };
                    !e.named && e.pos < c.start && compatible(&moved, c) && joins(e, c)
                }).max_by_key(|(_, e)| e.pos).map(|(i, _)| i);
                if let Some(i) = target {
                    events[i].fact.body = c.body;
                    events[i].named = true;
                }
            }
            match target {
                Some(i) => {
                    let ev = &mut events[i];
                    let e = &mut ev.fact;
                    if let Some(d) = c.date {
                        // A publication date gives way to when the inspection
                        // took place, and refines a date it agrees with.
                        let take = match e.date {
                            None => true,
                            Some(x) if ev.published && !c.published => d != x,
                            Some(x) => d.precision() > x.precision() && x.compatible(&d),
                        };
                        if take {
                            e.date = Some(d);
                            ev.published = c.published;
                        }
                    }
                    e.rating = e.rating.take().or(c.rating.clone());
                    if e.kind == "inspection" || e.kind == "visit" {
                        e.kind = c.kind.clone();
                    }
                    e.evidence.push(evidence);
                    ev.pos = ev.pos.max(c.start);
                    ev.named |= c.explicit;
                    ev.previous |= c.previous && c.date.is_some();
                    ev.from.push(c);
                }
                // A mention that refers back makes an event only when its body
                // has none of the time it tells of (or of its kind, for a kind
                // that is never another's: `the JTAI`).
                None if strength != Strength::Anaphoric
                    || !events.iter().any(|e| e.fact.body == c.body && e.previous == c.previous && (!distinct(&c.kind) || c.plural || e.fact.kind == c.kind)) =>
                {
                    // Only an inspectorate the document names: none is assumed.
                    let inspectorate = named_inspectorate(ctx, c.sentence);
                    events.push(Event {
                        fact: InspectionFact {
                            body: c.body,
                            kind: c.kind.clone(),
                            date: c.date,
                            rating: c.rating.clone(),
                            inspectorate,
                            inspectors: Vec::new(),
                            evidence: vec![evidence],
                            ends: Default::default(),
                        },
                        pos: c.start,
                        named: c.explicit,
                        published: c.published && c.date.is_some(),
                        previous: c.previous,
                        from: vec![c],
                    });
                }
                None => {}
            }
        }
    }
    // `rated inadequate for the second time`: the body's events before,
    // named without a judgement, had the same one.
    for i in 0..events.len() {
        let Some((n, rating)) = events[i].from.iter().find_map(|c| c.nth.zip(c.rating.clone())) else { continue };
        let body = events[i].fact.body;
        let mut earlier: Vec<usize> = (0..events.len()).filter(|&j| j != i && events[j].fact.body == body && events[j].fact.date.is_some()).collect();
        earlier.sort_by_key(|&j| std::cmp::Reverse(events[j].fact.date));
        for j in earlier.into_iter().take(n - 1) {
            events[j].fact.rating.get_or_insert_with(|| rating.clone());
        }
    }
    // Bodies judged together share the date of the one whose event has it.
    for group in cands.iter().filter_map(|c| c.together) {
        let of_group = |e: &Event| e.from.iter().any(|c| c.together == Some(group));
        let mut dates: Vec<PartialDate> = events.iter().filter(|e| of_group(e)).filter_map(|e| e.fact.date).collect();
        dates.dedup();
        if let [date] = dates[..] {
            for e in events.iter_mut().filter(|e| of_group(e) && e.fact.date.is_none()) {
                e.fact.date = Some(date);
            }
        }
    }
    // The event a news report tells of, with no date of its own, was
    // published about when the report was.
    if let Some(d) = ctx.date.filter(|d| d.month.is_some()) {
        for e in events.iter_mut().filter(|e| e.fact.date.is_none() && !e.previous && e.from.iter().any(|c| c.news)) {
            e.fact.date = Some(PartialDate::month(d.year, d.month.unwrap_or(1)));
        }
    }
    // A bare "visit" that made its own event is an inspection of unstated kind.
    events
        .into_iter()
        .map(|e| {
            let mut fact = e.fact;
            if fact.kind == "visit" {
                fact.kind = "inspection".into();
            }
            fact.ends = ends(ctx, &fact, &e.from, &cands);
            fact
        })
        .collect()
}

/// The mentions of events the rules of `schema/rules/inspections.tsv` read:
/// one for each body in the body slot (or the document's council or trust)
/// and each date in the date slot, with the judgement in the rating slot and
/// the kind given (`kind=full_inspection`; else `inspection`). A mention the
/// built-in patterns also read joins the same event.
fn from_rules(ctx: &Ctx, matches: &[RuleMatch], out: &mut Vec<Candidate>) {
    for (k, m) in matches.iter().enumerate() {
        for make in m.rule().makes.iter().filter(|k| k.kind == FactKind::Inspection) {
            let field = |f: &str| make.fields.get(f).map(String::as_str);
            // A body the words name, else the document's (`b|@council`).
            let bodies = field("body").map(|v| m.entities(ctx, v)).unwrap_or_default();
            let named: Vec<usize> = field("body").into_iter().flat_map(|v| v.split('|')).filter(|c| !c.starts_with('@')).flat_map(|c| m.slot(c)).map(|p| p.index).collect();
            let bodies: Vec<(EntityId, bool)> = bodies.into_iter().filter(|&b| ctx.entities[b].kind == EntityKind::Body).map(|b| (b, named.contains(&b))).collect();
            let rating = field("rating").and_then(|f| m.slot(f).iter().find_map(|p| Some((p.rating.clone()?, p.start, p.end))));
            let dates: Vec<Option<PartialDate>> = match field("date").map(|f| m.slot(f)) {
                Some(pieces) if !pieces.is_empty() => pieces.iter().map(|p| p.date).collect(),
                _ => vec![None],
            };
            let kind = field("kind").unwrap_or("inspection").to_string();
            for &(body, explicit) in &bodies {
                for &date in &dates {
                    out.push(Candidate {
                        body,
                        kind: kind.clone(),
                        date,
                        rating: rating.as_ref().map(|r| r.0.clone()),
                        explicit,
                        published: false,
                        strength: if date.is_some() { Strength::Dated } else { Strength::Named },
                        sentence: m.sentence,
                        start: m.start,
                        end: m.end,
                        rating_at: rating.as_ref().map(|r| (r.1, r.2)),
                        rule: &m.rule().id,
                        previous: m.cues.iter().any(|c| c == "previous"),
                        current: m.cues.iter().any(|c| c == "current"),
                        news: false,
                        nth: None,
                        plural: false,
                        together: (bodies.len() > 1).then_some(k),
                    });
                }
            }
        }
    }
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

/// A kind of event never told of as another kind: Ofsted's visits and joint
/// inspections, which carry no judgement.
fn distinct(kind: &str) -> bool {
    matches!(kind, "monitoring visit" | "focused visit" | "joint targeted area inspection")
}

fn compatible(ev: &Event, c: &Candidate) -> bool {
    let e = &ev.fact;
    let generic = |k: &str| k == "inspection" || k == "visit";
    let kinds = e.kind == c.kind
        || generic(&e.kind)
        || generic(&c.kind)
        || (c.kind == "visit" && e.kind.ends_with("visit"))
        || (e.kind == "assessment" || c.kind == "assessment") && (e.rating.is_some() || c.rating.is_some());
    let kinds = kinds && !(c.kind == "visit" && e.kind == "full inspection");
    let graded_visit = (c.rating.is_some() && distinct(&e.kind)) || (e.rating.is_some() && distinct(&c.kind));
    let kinds = kinds && !graded_visit;
    // A report is published within months of its inspection.
    let published_after = |a: PartialDate, b: PartialDate| a.compatible(&b) || (a <= b && b.year - a.year <= 1);
    e.body == c.body
        && kinds
        && match (e.date, c.date) {
            (Some(a), Some(b)) if c.published => published_after(a, b),
            (Some(a), Some(b)) if ev.published => published_after(b, a),
            (Some(a), Some(b)) => a.compatible(&b),
            _ => true,
        }
        && match (&e.rating, &c.rating) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

/// A stretch of a sentence between segment breaks (`since`, `after`, ...),
/// and whether it tells of an earlier event: a clause opened by `since` (up
/// to its comma: `since its last inspection in 2016, ...`), or by `three
/// years after`.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    end: usize,
    /// Opened by `since`: an event in it with a date of its own is earlier
    /// (`since the inspection` alone may be the one the text reports).
    since: bool,
    /// Opened by `three years after`.
    earlier: bool,
}

fn segments(sent: &str) -> Vec<Segment> {
    let p = patterns();
    // Each break, and whether it opens a `since` clause or an earlier one.
    let mut breaks: Vec<(usize, usize, bool, bool)> = p
        .segment_break
        .find_iter(sent)
        // `children looked after` is no break.
        .filter(|m| !(m.as_str().eq_ignore_ascii_case("after") && p.looked.is_match(&sent[..m.start()])))
        .map(|m| {
            let word = m.as_str().to_ascii_lowercase();
            (m.start(), m.end(), word == "since", word == "after" && p.time_span.is_match(&sent[..m.start()]))
        })
        .collect();
    let commas: Vec<(usize, usize, bool, bool)> = breaks
        .iter()
        .enumerate()
        .filter(|(_, b)| sent[b.0..b.1].eq_ignore_ascii_case("since"))
        .filter_map(|(i, b)| {
            // `since its inspection in 2016, when it was rated
            // good, ...`: a relative clause still tells of that inspection.
            let stop = breaks.get(i + 1).map_or(sent.len(), |n| n.0);
            let mut at = b.1;
            loop {
                let c = at + sent[at..stop].find(',')?;
                if !p.relative.is_match(&sent[c + 1..]) {
                    return Some((c, c + 1, false, false));
                }
                at = c + 1;
            }
        })
        .collect();
    breaks.extend(commas);
    breaks.sort();
    let mut out = Vec::new();
    let (mut at, mut since, mut earlier) = (0, false, false);
    for (a, b, s, e) in breaks {
        out.push(Segment { start: at, end: a, since, earlier });
        (at, since, earlier) = (b, s, e);
    }
    out.push(Segment { start: at, end: sent.len(), since, earlier });
    out
}

fn segment_of(segs: &[Segment], at: usize) -> Segment {
    *segs.iter().find(|g| at >= g.start && at < g.end).unwrap_or(&Segment { start: 0, end: usize::MAX, since: false, earlier: false })
}

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The day `n` days before a full date.
fn days_before(d: PartialDate, n: usize) -> PartialDate {
    let (mut year, mut month, mut day) = (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1) as i32 - n as i32);
    while day < 1 {
        month -= 1;
        if month == 0 {
            (month, year) = (12, year - 1);
        }
        day += days_in_month(year, month) as i32;
    }
    PartialDate { year, month: Some(month), day: Some(day as u8) }
}

/// A judgement found in a sentence.
struct Rating {
    start: usize,
    end: usize,
    judgement: String,
    /// The earlier judgement of `from X to Y`.
    from: bool,
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
    let first_new = out.len();
    let segs = segments(sent);
    // `- Mar 2017: ... carried out in January`: a timeline line's own date is
    // the reference for the relative dates after it.
    let first = find_dates(sent, 0, ctx.reference);
    let line_date = first.first().filter(|d| sent[..d.start].trim_matches(|c: char| c == '-' || c == '*' || c.is_whitespace()).is_empty() && p.timeline_sep.is_match(&sent[d.end..])).map(|d| d.date);
    let mut dates: Vec<DateMention> = match line_date {
        Some(r) if r.month.is_some() => find_dates(sent, 0, Some(r)),
        _ => first,
    };
    // `published on Monday`: the latest such day up to the document's date,
    // which news gives for when a report came out.
    let mut weekdays = Vec::new();
    if let Some(d) = ctx.date.filter(|d| d.day.is_some()) {
        for c in p.weekday.captures_iter(sent) {
            let m = c.get(1).unwrap();
            let want = WEEKDAYS.iter().position(|w| m.as_str().eq_ignore_ascii_case(w));
            if let (Some(want), Some(have)) = (want, d.weekday()) {
                if dates.iter().all(|x| x.end <= m.start() || x.start >= m.end()) {
                    weekdays.push(m.start());
                    dates.push(DateMention { start: m.start(), end: m.end(), date: days_before(d, (have + 7 - want) % 7), relative: true });
                }
            }
        }
        dates.sort_by_key(|x| x.start);
    }
    // `on 2-3 November`: a span of days starts on its first.
    for d in dates.iter_mut() {
        if let (Some(day), Some(c)) = (d.date.day, p.day_range_start.captures(&sent[..d.start])) {
            if let Some(first) = c[1].parse::<u8>().ok().filter(|f| *f < day) {
                d.date.day = Some(first);
                d.start = c.get(0).unwrap().start();
            }
        }
    }
    // `the company that has run services since 1 October 2019`: a date after
    // `since` starts a state of affairs; it dates no inspection, but the
    // judgement just before it (`judged inadequate ever since 2011`).
    let after_since = |d: &DateMention| super::clip_before(sent, d.start, 7).trim_end().ends_with("since");
    let since_dates: Vec<DateMention> = dates.iter().filter(|d| after_since(d)).copied().collect();
    let dates: Vec<DateMention> = dates.into_iter().filter(|d| !after_since(d)).collect();
    let local = [BodyKind::Council, BodyKind::Trust, BodyKind::Organisation];
    let bodies: Vec<(usize, usize, EntityId)> = ctx
        .mentions_in(si)
        .filter(|m| ctx.is_body(m.entity, &local))
        .map(|m| (m.start - s.start, m.end - s.start, m.entity))
        .collect();
    let topic = topic(ctx, si);
    // The document's council, where the text is about it: named near the
    // start, or more than once.
    let main = ctx.main_body(BodyKind::Council).filter(|&b| {
        let named: Vec<&Mention> = ctx.mentions.iter().filter(|m| m.entity == b && !m.anaphor).collect();
        named.len() > 1 || named.iter().any(|m| m.sentence < 3)
    });
    let news = p.news.is_match(sent);
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
            out.push(Candidate { body, explicit: topic.is_some(), kind: "inspection".into(), date: Some(d.date), rating: None, published: false, strength: Strength::Anaphoric, sentence: si, start: s.start, end: s.end, rating_at: None, rule: "inspection/on-site", previous: false, current: false, news, nth: None, plural: false, together: None });
        }
    }

    // Kind mentions, longest patterns first, without overlaps.
    let mut kinds: Vec<(usize, usize, String)> = Vec::new();
    let kind_words = p.kind_words.present(sent);
    for (i, (re, kind)) in ctx.schema.inspection_kinds.iter().enumerate() {
        if !p.kind_words.admits(i, &kind_words) {
            continue;
        }
        for m in re.find_iter(sent) {
            if kinds.iter().all(|(a, b, _)| m.end() <= *a || m.start() >= *b) {
                kinds.push((m.start(), m.end(), kind.clone()));
            }
        }
    }
    kinds.sort();

    // `from 'good' (in 2015) to 'inadequate'`: where each `to` judgement starts.
    let changes: Vec<(usize, usize)> = p.from_to.captures_iter(sent).map(|c| (c.get(0).unwrap().start(), c.get(1).unwrap().start())).collect();
    // Ratings stated as judgements.
    let mut ratings: Vec<Rating> = Vec::new();
    for m in p.rating_word.find_iter(sent) {
        let before = super::clip_before(sent, m.start(), 80);
        let after = &sent[m.end()..];
        let quoted = before.ends_with('\'') || before.ends_with('"');
        let word = m.as_str().to_lowercase();
        let strong_word = matches!(word.as_str(), "inadequate" | "outstanding");
        // Whether the word states a judgement, asked first (most judgement
        // words in news state none: `a good start`), and the cheaper tests
        // before the patterns.
        // `found that the trust was now offering children a 'good' service`: a quoted word may stand further off.
        // `still inadequate`: the judgement stands.
        let still = before.trim_end_matches(['\'', '"']).trim_end().ends_with(" still");
        let judged = || p.judgement_before.is_match(before) || p.judgement_after.is_match(after) || ((quoted || strong_word) && p.judgement_far.is_match(before)) || still;
        // Ofsted's own wordings, and `the lowest rating`, are judgements whatever surrounds them.
        let own_words = word.ends_with("to be good") || word.ends_with("rating");
        let adjective_rating = || p.judgement_after.is_match(after.trim_start_matches(['\'', '"'])) || p.inspection_after.is_match(after);
        let follows_body = || {
            bodies.iter().any(|b| b.0 >= m.end() && sent[m.end()..b.0].trim_matches(|c: char| c == '\'' || c == '"' || c.is_whitespace()).is_empty())
        };
        let tight = || p.judgement_before.is_match(super::clip_before(sent, m.start(), 25));
        let as_word = { let b = before.trim_end(); b.ends_with(" as") || b.ends_with(" be") || b.ends_with(" to") };
        // `its 'inadequate' rating was removed`: the judgement left behind.
        let from = changes.iter().any(|c| m.start() > c.0 && m.start() < c.1) || p.lifted.is_match(after);
        let to = changes.iter().any(|c| m.start() == c.1);
        let stated = own_words || from || to || adjective_rating() || (quoted && (follows_body() || p.rated_noun.is_match(after))) || ((strong_word || quoted || as_word || tight()) && judged());
        if !stated {
            continue;
        }
        let negated = p.negated.is_match(super::clip_before(sent, m.start(), 30).trim_end_matches(['\'', '"']));
        // `rated good overall, with leadership judged good and ... outstanding`:
        // the judgements after `with` grade parts of the service, not the service.
        // `a 'good' rating for the impact of leaders ...`, unless the
        // words up to the next judgement take in the overall one.
        let next = p.rating_word.find(after).map_or(after.len(), |n| n.start());
        let overall_after = p.overall.is_match(super::clip_after(after, 0, next.min(160)));
        let part = (!ratings.is_empty() && p.sub_judgement.is_match(super::clip_before(sent, m.start(), 100)))
            || (p.judgement_area.is_match(super::clip_before(sent, m.start(), 120)) && !p.overall.is_match(super::clip_before(sent, m.start(), 120)) && !overall_after)
            || (p.part_after.is_match(after) && !p.all_areas.is_match(after) && !overall_after);
        // `plans to take the service from inadequate to good`: the hoped-for judgement is none.
        let hoped = p.aspiration.is_match(before) || (to && p.aim.is_match(super::clip_before(sent, m.start(), 250)));
        let seg = segment_of(&segs, m.start());
        let other = p.other_provider.is_match(&sent[seg.start.min(m.start())..m.start()]);
        if !negated && !part && !hoped && !other {
            if let Some(j) = ctx.schema.rating(&word) {
                ratings.push(Rating { start: m.start(), end: m.end(), judgement: j.to_string(), from });
            }
        }
    }

    // Each date belongs to the kind or judgement nearest it in its segment.
    let anchors: Vec<(usize, usize)> = kinds.iter().map(|k| (k.0, k.1)).chain(ratings.iter().map(|r| (r.start, r.end))).collect();
    // A date mostly follows what it dates (`rated inadequate in 2015`), so a
    // kind or judgement after the date counts as twice as far, and one after
    // a comma not at all when the date's own clause has one close before it
    // (`rated good in 2014, was later given ...`).
    // (Weighing a date after a preposition more to the left gained on
    // tests/extra and lost more on tests/heldout.)
    let close_before = |d: &DateMention| anchors.iter().any(|a| a.1 <= d.start && d.start - a.1 <= 40 && !sent[a.1..d.start].contains([',', ';']));
    let distance = |d: &DateMention, a: (usize, usize)| -> Option<usize> {
        if d.start >= a.1 {
            // `the inspection ... took place in May`.
            let took_place = p.took_place_before.is_match(&sent[a.1..d.start]);
            Some(if took_place { (d.start - a.1).min(40) } else { d.start - a.1 })
        } else if d.end <= a.0 && (changes.iter().any(|c| a.0 == c.1 && d.start > c.0) || (sent[d.end..a.0].contains([',', ';']) && close_before(d))) {
            // `from 'inadequate' in 2016 to 'good'`: the date is the first judgement's.
            None
        } else {
            Some(2 * a.0.saturating_sub(d.end))
        }
    };
    let owner: Vec<Option<usize>> = dates
        .iter()
        .map(|d| {
            let seg = segment_of(&segs, d.start);
            anchors.iter().enumerate().filter(|(_, a)| a.0 >= seg.start && a.0 < seg.end).filter_map(|(i, a)| Some((i, distance(d, *a)?))).min_by_key(|(_, x)| *x).map(|(i, _)| i)
        })
        .collect();
    // `published in June`, `on Monday`, `its March inspection report`.
    let published_at: Vec<bool> = dates.iter().map(|d| weekdays.contains(&d.start) || p.published.is_match(super::clip_before(sent, d.start, 60)) || p.report_after.is_match(&sent[d.end..])).collect();
    // Within `reach`, and for a date after the anchor beyond 40 bytes, in the same clause.
    let own_date = |anchor: usize, reach: usize| -> Option<usize> {
        let a = anchors[anchor];
        let same_clause = |d: &DateMention| {
            let between = &sent[a.1.min(d.start)..d.start];
            d.start < a.1 || d.start - a.1 <= 40 || !between.contains([',', ';']) || p.took_place.is_match(between)
        };
        // When the inspection took place before when its report was published.
        (0..dates.len())
            .filter(|&i| owner[i] == Some(anchor) && distance(&dates[i], a).is_some_and(|x| x <= reach) && same_clause(&dates[i]))
            .min_by_key(|&i| (published_at[i], distance(&dates[i], a)))
    };
    let first_body = bodies.first().map(|b| b.2);
    let passive = |before: &str| p.passive_subject.is_match(before);
    let mut used_ratings = vec![false; ratings.len()];

    // The line's opening date dates the first event it names, not every one after.
    let first_anchor = anchors.iter().enumerate().min_by_key(|(_, a)| a.0).map(|(i, _)| i);
    let opening = |anchor: usize| timeline.filter(|_| Some(anchor) == first_anchor || line_timeline);
    // `The inspection followed a monitoring visit in 2020`: the visit came first.
    let follows: Vec<bool> = (0..kinds.len()).map(|n| n > 0 && kinds[n - 1].1 <= kinds[n].0 && p.follows.is_match(&sent[kinds[n - 1].1..kinds[n].0])).collect();
    for (n, (ks, ke, kind)) in kinds.iter().enumerate() {
        // `some 3,000 inspections`, `all inspections`: inspections in general.
        let plural = sent[*ks..*ke].ends_with('s') && !sent[*ks..*ke].ends_with("ervices");
        let counted = plural && p.quantity.is_match(super::clip_before(sent, *ks, 30));
        if counted || p.future.is_match(super::clip_before(sent, *ks, 60)) || p.not_an_event.is_match(&sent[*ke..]) {
            continue;
        }
        // `the monitoring visit` refers back: only a date right by it is its own.
        let definite = p.definite.is_match(super::clip_before(sent, *ks, 12));
        let reach = if definite { 80 } else { usize::MAX };
        let seg = segment_of(&segs, *ks);
        // A judgement of this event lends it its date when the kind has none.
        let lent = |r: usize| own_date(kinds.len() + r, 40);
        if kind == "assessment" && sent[*ks..*ke].eq_ignore_ascii_case("assessment") {
            // An assessment of a child, not of the service, unless dated right there.
            let adjacent = opening(n).is_some() || dates.iter().any(|d| (d.end <= *ks && *ks - d.end <= 12) || (d.start >= *ke && d.start - *ke <= 12));
            if !adjacent {
                continue;
            }
        }
        let ungraded = distinct(kind);
        // A judgement later in the segment, or just before (`'good' at its last
        // full inspection`, `an 'inadequate' inspection`), belongs to this event.
        let rating_idx = (!ungraded).then(|| {
            ratings.iter().position(|r| {
                !r.from
                    && ((r.start > *ke && r.start < seg.end && !kinds.iter().any(|k| k.0 > *ke && k.0 < r.start))
                        || (r.end <= *ks && *ks - r.end <= 80 && p.rating_then_kind.is_match(&sent[r.end..*ks])))
            })
        }).flatten();
        if let Some(i) = rating_idx {
            used_ratings[i] = true;
        }
        let date_idx = own_date(n, reach).or_else(|| rating_idx.and_then(lent)).or(opening(n));
        let masked_after = mask_bodies(ctx, s.start + ke, super::clip_after(sent, *ke, 200));
        let attached = p.body_after_kind.is_match(&masked_after).then(|| bodies.iter().find(|b| b.0 >= *ke).map(|b| b.2)).flatten();
        // `X ... its latest inspection`: the sentence's first body, before it; `the
        // commission's assessment` is that body's work, not of it.
        let doer = |b: &&(usize, usize, EntityId)| b.1 <= *ks && sent[b.1..*ks].trim_start_matches(['\'', '\u{2019}']).starts_with("s ") && ctx.is_body(b.2, &[BodyKind::Organisation]);
        let possessive = p
            .its_kind
            .is_match(super::clip_before(sent, *ks, 60))
            .then(|| bodies.iter().find(|b| b.1 <= *ks).or_else(|| bodies.iter().find(|b| b.0 >= *ke && !ctx.is_body(b.2, &[BodyKind::Organisation]))).map(|b| b.2))
            .flatten();
        let explicit = attached.or(topic).or(possessive);
        // The nearest council or trust before it in the segment, else any body.
        // `Jo Bloggs, chair of the X Board, ...`: a body named for a post is not the one inspected.
        let in_reach = |b: &&(usize, usize, EntityId)| !doer(b) && b.1 <= *ks && b.0 >= seg.start && !p.post_of.is_match(super::clip_before(sent, b.0, 40));
        let before = bodies
            .iter()
            .rev()
            .filter(in_reach)
            .find(|b| !ctx.is_body(b.2, &[BodyKind::Organisation]))
            .or_else(|| bodies.iter().rev().find(in_reach))
            .map(|b| b.2);
        // A body later in the clause; past it only a council or trust (`...,
        // which looked at the hub` names no body inspected).
        let after = bodies
            .iter()
            .find(|b| b.0 >= *ke && b.1 <= seg.end && (b.0 - ke <= 80 && !sent[*ke..b.0].contains(',') || !ctx.is_body(b.2, &[BodyKind::Organisation])))
            .map(|b| b.2);
        // `the three-day visit` after `a monitoring visit to the trust`.
        let same_kind = |c: &&Candidate| c.kind == *kind || (kind == "visit" && c.kind.ends_with("visit")) || kind == "inspection";
        let earlier_same_kind = out.iter().rev().filter(|c| c.explicit).find(same_kind).map(|c| c.body);
        let Some(body) = explicit.or(before).or(after).or(earlier_same_kind).or(main) else { continue };
        let rating = rating_idx.map(|i| ratings[i].judgement.clone());
        let specific = kind != "inspection" && kind != "visit";
        let published = date_idx.is_some_and(|i| published_at[i]);
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
        let rating_at = rating_idx.map(|i| (s.start + ratings[i].start, s.start + ratings[i].end));
        let previous = follows[n] || seg.earlier || (seg.since && date_idx.is_some()) || p.previous.is_match(super::clip_before(sent, *ks, 40)) || rating_idx.is_some_and(|i| ratings[i].from);
        let current = follows.get(n + 1) == Some(&true) || p.current.is_match(super::clip_before(sent, *ks, 40));
        out.push(Candidate { body, explicit: found_body, kind: kind.clone(), date: date_idx.map(|i| dates[i].date), rating, published, strength, sentence: si, start: s.start + ks, end: s.start + ke, rating_at, rule: "inspection/kind", previous, current, news, nth: None, plural, together: None });
    }

    for (k, r) in ratings.iter().enumerate() {
        if used_ratings[k] {
            continue;
        }
        let (rs, re_) = (r.start, r.end);
        let seg = segment_of(&segs, rs);
        let before = super::clip_before(sent, rs, 80).trim_end_matches(['\'', '"']);
        let adjective = p.judgement_after.is_match(sent[re_..].trim_start_matches(['\'', '"']));
        // `the first inadequate rating`, `their 'good' rating`: a judgement
        // named before, of the body the text is about (or the one just before it).
        let definite = adjective && p.definite_rating.is_match(before) && own_date(kinds.len() + k, 40).is_none();
        // `'outstanding' Leeds`: the rated body follows the word.
        let follows = bodies.iter().find(|b| b.0 >= re_ && sent[re_..b.0].trim_matches(|c: char| c == '\'' || c == '"' || c.is_whitespace()).is_empty()).map(|b| b.2);
        // `X, the company that ..., was judged good`: the sentence's subject.
        // A body before the segment is not taken past a name the segment gives
        // (`while Wiltshire was rated outstanding`).
        let named_in_segment = sent[seg.start.min(rs)..rs]
            .split_whitespace()
            .skip(usize::from(seg.start == 0))
            .any(|w| w.starts_with(|c: char| c.is_uppercase()) && !w.starts_with("Ofsted"));
        let in_segment = bodies.iter().rev().find(|b| b.1 <= rs && b.0 >= seg.start);
        let subject = if passive(&sent[..rs]) { first_body } else { None }
            .or_else(|| in_segment.map(|b| b.2))
            .or_else(|| bodies.iter().rev().find(|b| b.1 <= rs && !named_in_segment).map(|b| b.2));
        let possessive = bodies.iter().rev().find(|b| b.1 <= rs && sent[b.1..rs].trim_start_matches(['\'', '\u{2019}']).trim_start_matches('s').trim().trim_matches(['\'', '"']).is_empty()).map(|b| b.2);
        let explicit = if definite { possessive.or(topic) } else { follows.or(subject).or(topic) };
        if explicit.is_none() && p.generic_plural.is_match(&sent[seg.start.min(rs)..rs]) {
            continue; // `several councils graded 'inadequate'` names no body
        }
        let Some(body) = explicit.or(main) else { continue };
        let anchor = kinds.len() + k;
        // `judged inadequate ever since 2011`: when that judgement was made.
        let since = since_dates.iter().find(|d| d.start >= re_ && p.since_after.is_match(&sent[re_..d.start]));
        let date_idx = if follows.is_some() {
            dates.iter().position(|d| d.start >= re_ && d.start < re_ + 25)
        } else {
            // A judgement's own date stands close to it (or opens a timeline line).
            own_date(anchor, 40).or(opening(anchor))
        };
        let date = since.map(|d| d.date).or(date_idx.map(|i| dates[i].date));
        let published = since.is_none() && date_idx.is_some_and(|i| published_at[i]);
        let strength = match (date, explicit) {
            // `from inadequate to good` sums up events the text may tell of apart.
            (None, _) if definite || r.from || changes.iter().any(|c| c.1 == rs) => Strength::Anaphoric,
            (Some(_), _) if published => Strength::Named,
            (Some(_), _) => Strength::Dated,
            (None, Some(_)) if follows.is_some() || subject.is_some() => Strength::Named,
            _ => Strength::Anaphoric,
        };
        let previous = seg.earlier || (seg.since && date.is_some()) || r.from || p.previous.is_match(super::clip_before(sent, rs, 40));
        // The new judgement of `from X to Y` is the latest.
        let current = changes.iter().any(|c| c.1 == rs) || p.current.is_match(super::clip_before(sent, rs, 40));
        let nth = p.nth_time.captures(&sent[re_..]).and_then(|c| ["second", "third", "fourth", "fifth"].iter().position(|w| c[1].eq_ignore_ascii_case(w))).map(|i| i + 2);
        let cand = Candidate { body, explicit: explicit.is_some(), kind: "inspection".into(), date, rating: Some(r.judgement.clone()), published, strength, sentence: si, start: s.start + rs, end: s.start + re_, rating_at: Some((s.start + rs, s.start + re_)), rule: "inspection/judgement", previous, current, news, nth, plural: false, together: None };
        // `Wandsworth and Lambeth were rated outstanding`: each body so joined.
        if let Some(b) = in_segment.filter(|b| Some(b.2) == subject) {
            if let Some(a) = bodies.iter().rev().find(|a| a.1 <= b.0 && a.0 >= seg.start && a.2 != b.2 && p.joined.is_match(&sent[a.1..b.0])) {
                out.push(Candidate { body: a.2, ..cand.clone() });
            }
        }
        out.push(cand);
    }

    // `since its inspection in 2017, services have remained good`:
    // the earlier event had that judgement too.
    let held: Vec<(EntityId, String, Option<(usize, usize)>)> = out[first_new..]
        .iter()
        .filter(|c| !c.previous && c.rating.is_some() && c.rating_at.is_some_and(|(a, _)| p.remained.is_match(super::clip_before(text, a, 40))))
        .map(|c| (c.body, c.rating.clone().unwrap_or_default(), c.rating_at))
        .collect();
    for (body, rating, at) in held {
        for c in out[first_new..].iter_mut().filter(|c| c.previous && c.body == body && c.rating.is_none()) {
            (c.rating, c.rating_at) = (Some(rating.clone()), at);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_inspection_kind_is_searched_only_where_its_words_are() {
        let (p, kinds) = (patterns(), &Schema::get().inspection_kinds);
        assert_eq!(p.kind_words.gated(), kinds.len(), "every kind has words to wait for");
        let none = p.kind_words.present("The council was praised for its work with families.");
        assert!((0..kinds.len()).all(|i| !p.kind_words.admits(i, &none)));
        // Wherever a kind's pattern matches, its words are there.
        for text in ["Ofsted's focused visit in May", "a JTAI of the area", "its monitoring visits", "the SIF inspection of 2015", "it was last re-inspected in 2019", "an Ofsted report", "an unannounced spot-check by inspectors"] {
            let present = p.kind_words.present(text);
            for (i, (re, kind)) in kinds.iter().enumerate() {
                assert!(!re.is_match(text) || p.kind_words.admits(i, &present), "{kind} in {text:?}");
            }
        }
    }
}
