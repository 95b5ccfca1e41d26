//! The kinds of document the corpus holds, each in the layout of the seeds
//! and of `tests/extra`: local news with a byline and dateline, trade-press
//! roundups (undated), council and trust press releases (` date YYYY-MM-DD
//! TITLE`), Ofsted's letters after a focused or monitoring visit, committee
//! minutes, and blog timelines with dated lines.

use super::date::{number_word, Ymd};
use super::doc::{capitalise, capitalise_words, hmi_title, nth, possessive, Doc, Form, Prec};
use super::rng::Rng;
use super::world::{BodyId, Kind, PersonId, Rating, World, FIRST_YEAR, LAST_YEAR};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    News,
    Trade,
    Release,
    Letter,
    Minutes,
    Blog,
}

const STYLES: [(Style, u32); 6] =
    [(Style::News, 30), (Style::Trade, 12), (Style::Release, 18), (Style::Letter, 16), (Style::Minutes, 12), (Style::Blog, 12)];

/// Writes document `name` with its own random stream.
pub fn write<'w>(w: &'w World, mut rng: Rng, name: &str) -> Doc<'w> {
    let weights: Vec<u32> = STYLES.iter().map(|s| s.1).collect();
    let style = STYLES[rng.weighted(&weights)].0;
    let mut d = match style {
        Style::News => {
            let appointment = if rng.chance(0.35) { news_appointment(w, &mut rng, name) } else { None };
            match appointment {
                Some(d) => d,
                None => news_inspection(w, rng, name),
            }
        }
        Style::Trade => trade(w, rng, name),
        Style::Release => release(w, rng, name),
        Style::Letter => letter(w, rng, name),
        Style::Minutes => minutes(w, rng, name),
        Style::Blog => blog(w, rng, name),
    };
    // Ofsted named anywhere in the text is a body the document names.
    if d.out.contains("Ofsted") {
        d.ofsted();
    }
    d
}

fn in_range(d: Ymd) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&d.y)
}

/// A council and one of its events that fits `keep`, drawn at random.
fn pick_event(w: &World, rng: &mut Rng, keep: impl Fn(&super::world::Event) -> bool) -> (BodyId, usize) {
    loop {
        let c = *rng.pick(&w.councils);
        let evs: Vec<usize> = w.bodies[c].events.iter().copied().filter(|&e| in_range(w.events[e].start) && keep(&w.events[e])).collect();
        if !evs.is_empty() {
            return (c, *rng.pick(&evs));
        }
    }
}

fn time_of_day(rng: &mut Rng) -> String {
    let h = rng.range(6, 21);
    let m = rng.range(0, 59);
    clock(h, m)
}

/// `2:05 pm`
fn clock(h: i64, m: i64) -> String {
    let (h12, ap) = if h >= 12 { (if h == 12 { 12 } else { h - 12 }, "pm") } else { (h, "am") };
    format!("{h12}:{m:02} {ap}")
}

fn finding(rng: &mut Rng) -> &'static str {
    rng.pick::<&str>(&[
        "children at immediate risk of harm are protected quickly",
        "progress is being made, although practice remains inconsistent",
        "too many children wait too long for decisions about their future",
        "leaders have an accurate understanding of the work still to do",
        "the quality of plans for children in need remains too variable",
        "managers know their teams well and caseloads are starting to fall",
    ])
}

fn quote_for(rating: Option<Rating>) -> &'static str {
    match rating {
        Some(Rating::Inadequate) => "quote_bad",
        Some(Rating::Good | Rating::Outstanding) => "quote_up",
        _ => "quote",
    }
}

/// A quote from one of the council's (or its trust's) leaders, if any is in post.
fn some_quote(d: &mut Doc, c: BodyId, section: &'static str) -> Option<String> {
    let place = d.w.bodies[c].place.clone();
    let q = d.phrase(section, &place);
    let trust = d.w.trust_on(c, d.asof).map(|h| h.trust);
    match d.rng.below(5) {
        0 => d.quote_cabinet(c, &q),
        1 => d.quote_chief(c, &q),
        2 => d.quote_leader(c, &q),
        3 if trust.is_some() => d.quote_trust(trust.unwrap(), &q),
        _ => d.quote_dcs(c, &q),
    }
}

// ------------------------------------------------------------------ news

fn byline(d: &mut Doc, date: Ymd) {
    let reporter = *d.rng.pick(&d.w.reporters);
    let name = d.person(reporter);
    if d.rng.chance(0.3) {
        d.line(&format!("By {name}, Local Democracy Reporter"));
    } else {
        d.line(&format!("By {name}"));
    }
    let h = d.rng.range(6, 16);
    let t = clock(h, d.rng.range(0, 59));
    d.line(&format!("{}, {t}", date.dateline()));
    if d.rng.chance(0.5) {
        let t2 = clock(h + d.rng.range(1, 5), d.rng.range(0, 59));
        d.line(&format!("Updated {}, {t2}", date.dateline()));
    }
    if d.rng.chance(0.4) {
        let cap = d.rng.pick(&["The council's headquarters", "The town hall", "Council offices", "A file picture of the civic centre"]).to_string();
        d.line(&format!("{cap} (Image: Local Democracy Reporting Service)"));
    }
    d.blank();
}

fn sign_up(d: &mut Doc, place: &str) {
    let s = match d.rng.below(3) {
        0 => "Sign up to our daily newsletter".to_string(),
        1 => format!("Sign up to our free {place} newsletter"),
        _ => "Sign up to First Edition, our free daily newsletter - every weekday morning at 7am".to_string(),
    };
    d.para(&s);
}

fn news_inspection<'w>(w: &'w World, mut rng: Rng, name: &str) -> Doc<'w> {
    let (c, e) = pick_event(w, &mut rng, |_| true);
    let ev = w.events[e].clone();
    let date = ev.published.add_days(rng.range(0, 1));
    let mut d = Doc::new(w, rng, name, Some(date), date);
    let place = w.bodies[c].place.clone();
    let trust = ev.body != c;
    d.body_as(c, Form::Place);
    let subject = if trust { w.bodies[ev.body].name.clone() } else { place.clone() };

    // Headline and standfirst.
    let headline = match (ev.kind, ev.rating) {
        (Kind::Full, Some(r)) => {
            let word = match r {
                Rating::Inadequate => "inadequate",
                Rating::RequiresImprovement => "requires improvement",
                Rating::Good => "good",
                Rating::Outstanding => "outstanding",
            };
            match d.rng.below(3) {
                0 => format!("{} children's services rated '{word}' by Ofsted", possessive(&subject)),
                1 => format!("Ofsted verdict on children's services in {place}: '{word}'"),
                _ => format!("Children's services in {place} judged '{word}' by inspectors"),
            }
        }
        _ => match d.rng.below(3) {
            0 => format!("Children's services in {place} 'moving in the right direction', say inspectors"),
            1 => format!("Inspectors find progress in {place} children's services but warn of delays"),
            _ => format!("Ofsted letter says {place} children's services still have work to do"),
        },
    };
    d.para(&headline);
    if !headline.contains("Ofsted") && trust {
        d.body(ev.body);
    }
    d.gold.alias(&w.bodies[c].name.clone(), &place);
    let sf = d.phrase("standfirst", &place);
    d.para(&sf);
    byline(&mut d, date);

    // The lead: the event just published.
    let lead_hmi = ev.hmis[0];
    let hmi_words = hmi_title(date);
    match ev.kind {
        Kind::Full => {
            let r = ev.rating.unwrap();
            let body = if trust { ev.body } else { c };
            let subj = if trust { d.body(ev.body) } else { d.council_news(c) };
            let (lead, prec_iso) = match d.rng.below(3) {
                0 => {
                    let span = d.span(&ev);
                    (format!("Children's services in {place} have been rated {} by Ofsted after a full inspection carried out {span}.", d.rated(r)), ev.start.iso())
                }
                1 => {
                    let (m, iso) = d.when(ev.start, Prec::Month);
                    (format!("Ofsted has judged {} children's services {} after a full inspection in {m}.", possessive(&subj), d.judged(r)), iso)
                }
                _ => {
                    let span = d.span(&ev);
                    (
                        format!(
                            "{} services for vulnerable children have been rated {} by Ofsted, in a report published today. The full inspection took place {span}.",
                            possessive(&subj),
                            d.rated(r)
                        ),
                        ev.start.iso(),
                    )
                }
            };
            d.gold.alias(&w.bodies[c].name.clone(), &place);
            d.inspection(e, body, "full inspection", Some(prec_iso), true, &[lead_hmi]);
            d.para(&lead);
            let find = d.phrases("letter_finding", &place, 3).join(" ");
            let inspector = d.person(lead_hmi);
            d.role_in(lead_hmi, "lead inspector", "Ofsted", d.now(), "current");
            let s = match d.rng.below(2) {
                0 => format!("The lead inspector, {inspector}, wrote that {}.", finding(&mut d.rng)),
                _ => format!("In the report, lead inspector {inspector} said that {}.", finding(&mut d.rng)),
            };
            d.para(&format!("{s} {find}"));
        }
        _ => {
            let kind = if ev.kind == Kind::Focused { "focused visit" } else { "monitoring visit" };
            let body = if trust { ev.body } else { c };
            let span = d.span(&ev);
            let hmi = d.person(lead_hmi);
            d.role_in(lead_hmi, hmi_words, "Ofsted", d.now(), "current");
            match d.rng.below(3) {
                0 => {
                    let dcs = World::holder(&w.bodies[c].dcs, date).map(|(_, t)| t.clone());
                    if let Some(t) = dcs {
                        let words = d.dcs_words(c, &t);
                        let dn = d.person(t.person);
                        d.role(t.person, &words, c, d.now(), "current");
                        d.para(&format!(
                            "The findings of an Ofsted {kind} to {subject} which was carried out on {span} were sent in a letter from {hmi_words} {hmi} to {dn}, the council's {words}."
                        ));
                    } else {
                        d.para(&format!("The findings of an Ofsted {kind} to {subject} which was carried out on {span} were sent in a letter from {hmi_words} {hmi} to the council."));
                    }
                }
                1 => {
                    let (f1, f2) = (finding(&mut d.rng), finding(&mut d.rng));
                    d.para(&format!("Ofsted inspectors who carried out a {kind} to {subject} on {span} found that {f1}."));
                    d.para(&format!("In a letter to the council, {hmi_words} {hmi} said that {f2}."));
                }
                _ => {
                    let (f1, f2) = (finding(&mut d.rng), finding(&mut d.rng));
                    d.para(&format!("A {kind} by Ofsted, carried out on {span}, found that {f1} in {subject}."));
                    d.para(&format!("In a letter to the council, {hmi_words} {hmi} said that {f2}."));
                }
            }
            if trust {
                d.body(ev.body);
            }
            d.inspection(e, body, kind, Some(ev.start.iso()), false, &[lead_hmi]);
            if let Some(since) = ev.since {
                let s = w.events[since].clone();
                let (m, iso) = d.when(s.start, Prec::Month);
                let sb = if s.body != c { possessive(&d.body(s.body)) } else { "the council's".to_string() };
                d.para(&format!("It was the {} monitoring visit since {sb} children's services were judged inadequate in {m}.", nth(ev.seq)));
                let body = s.body;
                d.inspection(since, body, "inspection", Some(iso), true, &[]);
            }
            let find = d.phrases("letter_finding", &place, 3).join(" ");
            d.para(&find);
        }
    }
    let improve: Vec<String> = d.phrases("letter_improve", &place, 2).into_iter().map(|x| lower_first(x.trim_end_matches('.'))).collect();
    d.para(&format!("Inspectors said the council needed to improve {}, and {}.", improve[0], improve[1]));

    // A quote, the background, more voices.
    let q = d.phrase(quote_for(ev.rating), &place);
    if let Some(s) = d.quote_dcs(c, &q) {
        d.para(&s);
        if d.rng.chance(0.6) {
            let who = World::holder(&w.bodies[c].dcs, date).map(|(_, t)| t.person).unwrap();
            let sur = d.surname(who);
            let q2 = d.phrase("quote", &place);
            d.para(&format!("{sur} added: \u{201c}{q2}\u{201d}"));
        }
    }
    if d.rng.chance(0.6) {
        sign_up(&mut d, &place);
    }
    let earlier: Vec<usize> = d.events_before(c, ev.start).into_iter().filter(|&x| Some(x) != ev.since).collect();
    if let Some(&prev) = earlier.first() {
        let s = if w.events[prev].kind == Kind::Full { d.past_full(prev) } else { d.past_visit(prev) };
        let ctx = d.phrase("context", &place);
        d.para(&format!("{s} {ctx}"));
    }
    d.context(&place, 4);
    d.context(&place, 3);
    if let Some(s) = some_quote(&mut d, c, "quote") {
        d.para(&s);
    }
    if d.rng.chance(0.5) {
        if let Some(s) = d.handover(c) {
            d.para(&s);
        } else if let Some(s) = d.commissioner(c) {
            d.para(&s);
        }
    }
    d.context(&place, 4);
    if d.rng.chance(0.5) {
        let q = d.phrase("quote_opposition", &place);
        if let Some(s) = d.quote_opposition(c, &q) {
            d.para(&s);
        }
    }
    d.context(&place, 4);
    closing(&mut d, &place);
    d
}

/// The end of a news page: links to other stories.
fn closing(d: &mut Doc, place: &str) {
    match d.rng.below(3) {
        0 => {
            let more = d.phrases("read_more", place, 2);
            d.para(&format!("Read More\n{}", more.join("\n")));
            d.para(&format!("More from {place}"));
        }
        1 => d.para(&format!("More from {place} news")),
        _ => {}
    }
}

/// A council naming its next director.
fn news_appointment<'w>(w: &'w World, rng: &mut Rng, name: &str) -> Option<Doc<'w>> {
    let c = *rng.pick(&w.councils);
    let list = &w.bodies[c].dcs;
    let ks: Vec<usize> = (1..list.len()).filter(|&k| !list[k].interim && list[k].prev.is_some() && in_range(list[k].start) && list[k].start.y > FIRST_YEAR).collect();
    if ks.is_empty() {
        return None;
    }
    let k = *rng.pick(&ks);
    let t = list[k].clone();
    let old = list[k - 1].clone();
    let date = t.start.add_days(-rng.range(20, 110));
    let mut d = Doc::new(w, rng.clone(), name, Some(date), date);
    let place = w.bodies[c].place.clone();
    let title = w.bodies[c].dcs_title;
    let council = d.body_as(c, Form::Common);
    d.gold.alias(&w.bodies[c].name.clone(), &place);

    let headline = match d.rng.below(3) {
        0 => format!("{council} names new children's services boss"),
        1 => format!("New director of children's services appointed in {place}"),
        _ => format!("{place} appoints permanent children's services director"),
    };
    d.para(&headline);
    let sf = d.phrase("standfirst_appointment", &place);
    d.para(&sf);
    byline(&mut d, date);

    let new = d.person(t.person);
    let (prev_post, prev_body) = t.prev.unwrap();
    let prev_name = d.body_as(prev_body, Form::Common);
    let start_iso = t.start.iso();
    d.role(t.person, title, c, Some(start_iso.clone()), "future");
    d.role(t.person, prev_post, prev_body, d.now(), "current");
    let lead = match d.rng.below(3) {
        0 => format!(
            "{council} has appointed a permanent {title}. {new}, currently {prev_post} at {prev_name}, will take up the post on {}.",
            t.start.long()
        ),
        1 => format!("{new}, currently {prev_post} at {prev_name}, will become {}'s {title} on {}.", council, t.start.long()),
        _ => {
            let sur = d.surname(t.person);
            format!("{new} has been appointed as the new {title} of {council} and will take up the post on {}. {sur} is currently {prev_post} at {prev_name}.", t.start.long())
        },
    };
    d.para(&lead);

    // The predecessor.
    let old_name = d.person(old.person);
    let sur = d.surname(t.person);
    let what = format!("{title}, {}", w.bodies[c].name);
    d.succession(&new, &old_name, Some(start_iso), &what);
    let old_words = d.dcs_words(c, &old);
    let s = if old.interim {
        let (m, iso) = d.when(old.start, Prec::Month);
        d.role(old.person, "interim director", c, Some(iso), "current");
        match d.rng.below(2) {
            0 => format!("{sur} replaces interim director {old_name}, who has led the service since {m}."),
            _ => format!("{sur} will take over from interim director {old_name}, who has been in charge since {m}."),
        }
    } else {
        d.role(old.person, &old_words, c, d.now(), "current");
        let years = number_word(((t.start.days() - old.start.days()) / 365).max(1) as usize);
        match d.rng.below(3) {
            0 => format!("{sur} replaces {old_name}, who is retiring after {years} years as the council's {old_words}."),
            1 => format!("{sur} will succeed {old_name}, who is leaving the council at the end of {}.", old.end.unwrap_or(t.start).month_name()),
            _ => format!("{old_name}'s successor, {sur}, was chosen after a national recruitment process."),
        }
    };
    d.para(&s);
    let q = d.phrase("quote_welcome", &place);
    if let Some(s) = d.quote_cabinet(c, &q) {
        d.para(&s);
    }
    if d.rng.chance(0.5) {
        sign_up(&mut d, &place);
    }
    let q = d.phrase("quote_start", &place);
    let sur = d.surname(t.person);
    d.para(&format!("{sur} said: \u{201c}{q}\u{201d}"));
    let earlier = d.events_before(c, date);
    if let Some(&prev) = earlier.iter().find(|&&e| w.events[e].kind == Kind::Full) {
        let s = d.past_full(prev);
        d.para(&s);
    }
    if let Some(&prev) = earlier.first().filter(|&&e| w.events[e].kind != Kind::Full) {
        let s = d.past_visit(prev);
        let ctx = d.phrase("context", &place);
        d.para(&format!("{s} {ctx}"));
    }
    d.context(&place, 4);
    d.context(&place, 3);
    if d.rng.chance(0.5) {
        if let Some(s) = d.quote_chief(c, "The recruitment process attracted an exceptionally strong field of candidates from across the country.") {
            d.para(&s);
        }
    }
    d.context(&place, 3);
    if d.rng.chance(0.4) {
        let q = d.phrase("quote_opposition", &place);
        if let Some(s) = d.quote_opposition(c, &q) {
            d.para(&s);
        }
    }
    d.context(&place, 4);
    closing(&mut d, &place);
    Some(d)
}

// ------------------------------------------------------------------ trade press

fn trade<'w>(w: &'w World, mut rng: Rng, name: &str) -> Doc<'w> {
    let asof = Ymd::new(FIRST_YEAR + 1, 1, 1).add_days(rng.below(((LAST_YEAR - FIRST_YEAR) * 365) as usize) as i64);
    let mut d = Doc::new(w, rng, name, None, asof);
    d.explicit = true;
    // Sections: an appointment, a verdict, a commissioner; two or three of them.
    let mut sections: Vec<(u8, BodyId, usize)> = Vec::new();
    let mut order: Vec<BodyId> = w.councils.clone();
    d.rng.shuffle(&mut order);
    for &c in &order {
        if sections.len() >= 3 || sections.iter().any(|s| s.1 == c) {
            continue;
        }
        let b = &w.bodies[c];
        let dcs = (1..b.dcs.len()).find(|&k| {
            let t = &b.dcs[k];
            !t.interim && t.prev.is_some() && t.start > asof.add_days(-60) && t.start < asof.add_days(120)
        });
        let verdict = b.events.iter().copied().find(|&e| {
            let ev = &w.events[e];
            ev.kind == Kind::Full && ev.published <= asof && ev.published > asof.add_days(-75)
        });
        let com = (0..b.commissioners.len()).find(|&k| b.commissioners[k].start <= asof && b.commissioners[k].start > asof.add_days(-90));
        let kinds: Vec<u8> = sections.iter().map(|s| s.0).collect();
        if let Some(k) = dcs.filter(|_| kinds.iter().filter(|&&x| x == 0).count() < 2) {
            sections.push((0, c, k));
        } else if let Some(e) = verdict.filter(|_| !kinds.contains(&1)) {
            sections.push((1, c, e));
        } else if let Some(k) = com.filter(|_| !kinds.contains(&2)) {
            sections.push((2, c, k));
        }
    }
    let first = sections.first().map(|s| w.bodies[s.1].place.clone()).unwrap_or_else(|| "England".into());
    let headline = match sections.first().map(|s| s.0) {
        Some(0) => format!("{first} names new children's services director in latest round of leadership moves"),
        Some(1) => format!("Ofsted verdict for {first} as councils announce senior changes"),
        _ => format!("Commissioner sent into {first} as leadership changes continue across children's services"),
    };
    d.para(&headline);
    d.para("Our roundup of senior moves and Ofsted verdicts across children's services in England");
    d.para("Picture of a meeting table with papers (credit: Halfpoint / Adobe Stock)");
    for (kind, c, x) in sections {
        let place = w.bodies[c].place.clone();
        match kind {
            0 => {
                let t = w.bodies[c].dcs[x].clone();
                let old = w.bodies[c].dcs[x - 1].clone();
                let title = w.bodies[c].dcs_title;
                d.para(&format!("{place} appoints director"));
                let new = d.person(t.person);
                let council = d.body_as(c, Form::Common);
                d.gold.alias(&w.bodies[c].name.clone(), &place);
                let (prev_post, prev_body) = t.prev.unwrap();
                let prev = d.body_as(prev_body, Form::Common);
                let future = t.start > asof;
                let (m, iso) = d.when(t.start, Prec::Month);
                d.role(t.person, title, c, Some(iso.clone()), if future { "future" } else { "current" });
                d.role(t.person, prev_post, prev_body, None, if future { "current" } else { "former" });
                let old_name = d.person(old.person);
                let old_words = if old.interim { "interim director".to_string() } else { title.to_string() };
                let old_status = if old.end.is_some_and(|e| e < asof) { "former" } else { "current" };
                d.role(old.person, &old_words, c, None, old_status);
                let what = format!("{title}, {}", w.bodies[c].name);
                d.succession(&new, &old_name, Some(iso), &what);
                let s = if future {
                    format!(
                        "{council} has confirmed that {new}, currently {prev_post} at {prev}, will become its {title} in {m}, succeeding {}{old_name}.",
                        if old.interim { "interim director " } else { "" }
                    )
                } else {
                    format!(
                        "{new}, formerly {prev_post} at {prev}, took over as {council}'s {title} in {m}, succeeding {}{old_name}.",
                        if old.interim { "interim director " } else { "" }
                    )
                };
                let sur = d.surname(t.person);
                let extra = match d.rng.below(3) {
                    0 => format!("{sur} has worked in children's social care for more than twenty years."),
                    1 => format!("{sur} began their career as a residential care worker."),
                    _ => format!("{sur} said the council had \u{201c}the right building blocks in place\u{201d}."),
                };
                d.para(&format!("{s} {extra}"));
            }
            1 => {
                let ev = w.events[x].clone();
                let r = ev.rating.unwrap();
                d.para(&format!("Ofsted verdict in {place}"));
                let trust = ev.body != c;
                let subj = if trust { d.body(ev.body) } else { d.body_as(c, Form::Place) };
                let (m, iso) = d.when(ev.start, Prec::Month);
                let body = if trust { ev.body } else { c };
                d.inspection(x, body, "full inspection", Some(iso), true, &[]);
                d.ofsted();
                let s = if trust {
                    format!("Ofsted rated {} children's services {} following a full inspection in {m}.", possessive(&subj), d.rated(r))
                } else {
                    format!("In {subj}, Ofsted rated the council's children's services {} following a full inspection in {m}.", d.rated(r))
                };
                let mut p = s;
                if let Some(t) = World::holder(&w.bodies[c].dcs, asof).map(|(_, t)| t.clone()) {
                    let dn = d.person(t.person);
                    let words = d.dcs_words(c, &t);
                    d.role(t.person, &words, c, None, "current");
                    let cn = d.body_as(c, Form::Common);
                    p.push_str(&format!(" {dn}, {}'s {words}, said the council accepted the findings \u{201c}in full\u{201d}.", cn));
                }
                if let Some(&prev) = d.events_before(c, ev.start).iter().find(|&&e| w.events[e].kind == Kind::Full) {
                    let s = d.past_full(prev);
                    p.push(' ');
                    p.push_str(&s);
                }
                d.para(&p);
            }
            _ => {
                let t = w.bodies[c].commissioners[x].clone();
                d.para(&format!("Commissioner for {place}"));
                let n = d.person(t.person);
                let dfe = d.dfe();
                let pl = d.body_as(c, Form::Place);
                let (m, iso) = d.when(t.start, Prec::Month);
                d.role(t.person, "children's commissioner", c, Some(iso), "current");
                let mut p = format!("{} has appointed {n} as children's commissioner for {pl}, starting in {m}.", capitalise(dfe));
                if let Some(&e) = d.events_before(c, t.start).iter().find(|&&e| w.events[e].kind == Kind::Full) {
                    let s = d.past_full(e);
                    p.push(' ');
                    p.push_str(&s);
                }
                let sur = d.surname(t.person);
                p.push_str(&format!(" {sur} will advise ministers on whether the council has the capacity to improve."));
                d.para(&p);
            }
        }
        let q = d.phrase(if kind == 1 { "quote" } else { "quote_welcome" }, &place);
        let quote = match d.rng.below(3) {
            0 => d.quote_cabinet(c, &q),
            1 => d.quote_chief(c, &q),
            _ => None,
        };
        let ctx = d.phrases("context", &place, 3).join(" ");
        match quote {
            Some(qs) => d.para(&format!("{qs} {ctx}")),
            None => d.para(&ctx),
        }
    }
    let extra = d.phrases("trade_extra", "England", 3).join(" ");
    d.para(&extra);
    d.para("More from our children's services coverage");
    d.para("Comments are closed.");
    d
}

// ------------------------------------------------------------------ press releases

fn release<'w>(w: &'w World, mut rng: Rng, name: &str) -> Doc<'w> {
    let (c, e) = pick_event(w, &mut rng, |_| true);
    let ev = w.events[e].clone();
    let date = ev.published;
    let mut d = Doc::new(w, rng, name, Some(date), date);
    let place = w.bodies[c].place.clone();
    let trust = ev.body != c;
    let kind = match ev.kind {
        Kind::Full => "full inspection",
        Kind::Focused => "focused visit",
        Kind::Monitoring => "monitoring visit",
    };
    let issuer = if trust { d.body(ev.body) } else { d.body_as(c, Form::Full) };
    if trust || ev.kind != Kind::Full {
        d.body_as(c, Form::Place);
    }
    let title = match (ev.kind, ev.rating) {
        (Kind::Full, Some(r)) => format!("{issuer} judged {} by Ofsted", match r {
            Rating::Inadequate => "'inadequate'",
            Rating::RequiresImprovement => "'requires improvement to be good'",
            Rating::Good => "'good'",
            Rating::Outstanding => "'outstanding'",
        }),
        _ => format!("Continued improvement for {place} children's services"),
    };
    d.line(&format!(" date {} {title}", date.iso()));
    d.blank();
    d.ofsted();
    let span = d.span(&ev);
    let lead = match ev.kind {
        Kind::Full => {
            let r = ev.rating.unwrap();
            d.inspection(e, ev.body, kind, Some(ev.start.iso()), true, &[]);
            format!(
                "{issuer} has been judged {} following a full inspection of children's services by Ofsted. Inspectors were on site {span}.",
                d.judged(r)
            )
        }
        _ => {
            d.inspection(e, ev.body, kind, Some(ev.start.iso()), false, &[]);
            let subj = if trust { issuer.clone() } else { d.body_as(c, Form::Place) };
            format!("Today Ofsted published the findings from a {kind} to {subj} that took place on {span}.")
        }
    };
    d.para(&lead);
    if let Some(since) = ev.since {
        let s = w.events[since].clone();
        let (m, iso) = d.when(s.start, Prec::Month);
        d.inspection(since, s.body, "inspection", Some(iso), true, &[]);
        d.para(&format!("This is the {} monitoring visit since children's services were judged inadequate in {m}.", nth(ev.seq)));
    } else if let Some(&prev) = d.events_before(c, ev.start).iter().find(|&&x| w.events[x].kind == Kind::Full) {
        let s = d.past_full(prev);
        d.para(&s);
    }
    d.para("Ofsted found that:");
    let items: Vec<String> = d.phrases("letter_finding", &place, 3).into_iter().map(|s| format!("- {}", lower_first(s.trim_end_matches('.')))).collect();
    d.para(&items.join("\n"));
    if trust {
        if let Some(s) = d.handover(c) {
            d.para(&s);
        }
    }
    d.para("Inspectors also identified areas for improvement, including:");
    let items: Vec<String> = d.phrases("letter_improve", &place, 3).into_iter().map(|s| format!("- {}", lower_first(s.trim_end_matches('.')))).collect();
    d.para(&items.join("\n"));
    let about = d.phrases("release_about", &place, 3).join(" ");
    d.para(&about);
    let sec = quote_for(ev.rating);
    for _ in 0..3 {
        if let Some(s) = some_quote(&mut d, c, sec) {
            d.para(&s);
        }
    }
    let q = d.phrase("quote", &place);
    if let Some(s) = d.quote_cabinet(c, &q) {
        d.para(&s);
    }
    d.context(&place, 3);
    d.para("Next steps");
    d.context(&place, 4);
    d.context(&place, 3);
    d.para("ENDS");
    d.para("Notes to editors");
    let notes = d.phrases("release_note", &place, 2);
    d.para(&format!("1. {}\n2. {}", notes[0], notes[1]));
    d
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

// ------------------------------------------------------------------ Ofsted letters

fn postcode(rng: &mut Rng) -> String {
    const L: &[u8] = b"ABCDEFGHJKLMNPRSTUWY";
    let l = |rng: &mut Rng| L[rng.below(L.len())] as char;
    format!("{}{}{} {}{}{}", l(rng), l(rng), rng.range(1, 29), rng.range(0, 9), l(rng), l(rng))
}

fn letter<'w>(w: &'w World, mut rng: Rng, name: &str) -> Doc<'w> {
    let (c, e) = pick_event(w, &mut rng, |ev| ev.kind != Kind::Full);
    let ev = w.events[e].clone();
    let date = ev.published;
    let mut d = Doc::new(w, rng, name, Some(date), date);
    let place = w.bodies[c].place.clone();
    let kind = if ev.kind == Kind::Focused { "focused visit" } else { "monitoring visit" };
    d.blank();
    d.blank();
    d.ofsted();
    for l in ["Ofsted", "Piccadilly Gate", "Store Street", "Manchester", "M1 2WD", "", "T 0300 123 1231", "Textphone 0161 618 8524", "enquiries@ofsted.gov.uk", "www.gov.uk/ofsted", "", "", ""] {
        d.line(l);
    }
    d.line(&date.long());
    d.blank();
    let dcs = World::holder(&w.bodies[c].dcs, date).map(|(_, t)| t.clone()).expect("every council has a director");
    let words = d.dcs_words(c, &dcs);
    let dn = d.person(dcs.person);
    d.role(dcs.person, &words, c, d.now(), "current");
    d.line(&dn);
    d.line(&capitalise_words(&words));
    let council = d.body_as(c, Form::Full);
    d.line(&council);
    let building = d.rng.pick(&["Town Hall", "County Hall", "Civic Centre", "Council Offices"]).to_string();
    let street = d.rng.pick(&["Market Street", "Station Road", "Church Street", "Bridge Street", "Castle Street", "High Street"]).to_string();
    let pc = postcode(&mut d.rng);
    d.line(&building);
    d.line(&street);
    d.line(&pc);
    d.blank();
    let given = w.people[dcs.person].given.clone();
    d.gold.alias(&dn, &given);
    d.line(&format!("Dear {given},"));
    d.blank();
    let pl = d.body_as(c, Form::Place);
    d.gold.alias(&council, &format!("{pl} children's services"));
    d.para(&format!("{} to {pl} children's services", capitalise(kind)));
    let span = d.span(&ev);
    let mut intro = format!("This letter summarises the findings of the {kind} to {pl} children's services on {span}.");
    if let Some(since) = ev.since {
        let s = w.events[since].clone();
        let (m, iso) = d.when(s.start, Prec::Month);
        d.inspection(since, c, "inspection", Some(iso), true, &[]);
        intro.push_str(&format!(" This visit was the {} monitoring visit since the local authority was judged inadequate in {m}.", nth(ev.seq)));
    }
    // The inspectors.
    let title = hmi_title(date);
    let plural = format!("{title}s");
    let names: Vec<String> = ev.hmis.iter().map(|&p| d.person(p)).collect();
    for &p in &ev.hmis {
        d.role_in(p, title, "Ofsted", d.now(), "current");
    }
    let oi = ev.oi.map(|p| {
        let n = d.person(p);
        d.role_in(p, "Ofsted Inspector", "Ofsted", d.now(), "current");
        n
    });
    let list = if names.len() == 1 {
        match &oi {
            Some(o) => format!("The inspectors were {}, {title}, and {o}, Ofsted Inspector.", names[0]),
            None => format!("The lead inspector was {}, {title}.", names[0]),
        }
    } else if d.rng.chance(0.5) {
        let mut parts: Vec<String> = names.iter().map(|n| format!("{n}, {title}")).collect();
        if let Some(o) = &oi {
            parts.push(format!("{o}, Ofsted Inspector"));
        }
        let last = parts.pop().unwrap();
        format!("The inspectors were {}, and {last}.", parts.join(", "))
    } else {
        let joined = format!("{} and {}", names[..names.len() - 1].join(", "), names[names.len() - 1]);
        match &oi {
            Some(o) => format!("The inspectors were {joined}, {plural}, and {o}, Ofsted Inspector."),
            None => format!("The inspectors were {joined}, {plural}."),
        }
    };
    let mut inspectors = ev.hmis.clone();
    inspectors.extend(ev.oi);
    d.inspection(e, c, kind, Some(ev.start.iso()), false, &inspectors);
    d.para(&format!("{intro} {list}"));
    for s in d.phrases("letter_scope", &place, 3) {
        d.para(&s);
    }
    d.para("Headline findings");
    let head = d.phrases("letter_finding", &place, 3).join(" ");
    d.para(&head);
    d.para("What needs to improve in this area of social work practice");
    let items: Vec<String> = d.phrases("letter_improve", &place, 4).into_iter().map(|s| format!("- {s}")).collect();
    d.para(&items.join("\n"));
    d.para("Main findings");
    let items: Vec<String> = d.phrases("letter_finding", &place, 8).into_iter().map(|s| format!("- {s}")).collect();
    d.para(&items.join("\n"));
    d.para(&format!("Ofsted will take the findings from this {kind} into account when planning your next inspection or visit."));
    d.para("Yours sincerely,");
    d.line(&names[0]);
    d.line(title);
    d
}

// ------------------------------------------------------------------ minutes

fn minutes<'w>(w: &'w World, mut rng: Rng, name: &str) -> Doc<'w> {
    let (c, e) = pick_event(w, &mut rng, |ev| ev.body == ev.council);
    let ev = w.events[e].clone();
    let mut date = ev.published.add_days(rng.range(14, 60));
    while date.weekday() != 1 && date.weekday() != 3 {
        date = date.add_days(1);
    }
    let mut d = Doc::new(w, rng, name, Some(date), date);
    let b = &w.bodies[c];
    let place = b.place.clone();
    let council = d.body_as(c, Form::Full);
    d.para(&council.to_uppercase());
    let committee = if d.rng.chance(0.6) { "CABINET" } else { "CHILDREN AND YOUNG PEOPLE'S SCRUTINY COMMITTEE" };
    d.para(committee);
    let room = d.rng.pick(&["THE COMMITTEE ROOM, TOWN HALL", "THE COUNCIL CHAMBER, CIVIC CENTRE", "MEETING ROOM 2, COUNTY HALL"]).to_string();
    d.para(&format!("MINUTES OF THE MEETING HELD IN {room} ON {}", date.minutes_line()));
    let now = d.now();

    let leader = World::holder(&b.leader, date).map(|(_, t)| t.person);
    let cabinet = World::holder(&b.cabinet, date).map(|(_, t)| t.person);
    let chief = World::holder(&b.chief, date).map(|(_, t)| t.clone());
    let dcs = World::holder(&b.dcs, date).map(|(_, t)| t.clone());
    let mut present = String::from("PRESENT: ");
    if let Some(l) = leader {
        let n = d.person(l);
        d.role(l, "leader of the council", c, now.clone(), "current");
        present.push_str(&format!("Councillor {n} (Leader of the Council) (in the Chair)\n"));
        d.gold.alias(&n, &format!("Councillor {n}"));
    }
    let mut members: Vec<(PersonId, String)> = Vec::new();
    if let Some(p) = cabinet {
        members.push((p, capitalise_words(b.cabinet_title)));
    }
    for &(p, t) in b.colleagues.iter().take(2) {
        members.push((p, t.to_string()));
    }
    let listed: Vec<String> = members
        .iter()
        .map(|(p, t)| {
            let n = d.person(*p);
            d.role(*p, t, c, now.clone(), "current");
            format!("{n} ({t})")
        })
        .collect();
    if !listed.is_empty() {
        let last = listed.len() - 1;
        let joined = if last == 0 { listed[0].clone() } else { format!("{} and {}", listed[..last].join(", "), listed[last]) };
        present.push_str(&format!("Councillors {joined}"));
    }
    d.para(&present);
    let mut officers: Vec<String> = Vec::new();
    if let Some(t) = &chief {
        let n = d.person(t.person);
        let words = if t.interim { "Interim Chief Executive" } else { "Chief Executive" };
        d.role(t.person, words, c, now.clone(), "current");
        officers.push(format!("{n} ({words})"));
    }
    if let Some(t) = &dcs {
        let n = d.person(t.person);
        let words = capitalise_words(&d.dcs_words(c, t));
        d.role(t.person, &words, c, now.clone(), "current");
        officers.push(format!("{n} ({words})"));
    }
    if let Some(p) = b.clerk {
        let n = d.person(p);
        d.role(p, "Democratic Services Manager", c, now.clone(), "current");
        officers.push(format!("{n} (Democratic Services Manager)"));
    }
    d.para(&format!("OFFICERS: {}", officers.join(", ")));

    let mut item = d.rng.range(20, 60);
    let (apol, apol_title) = b.colleagues[2];
    let an = d.person(apol);
    d.role(apol, apol_title, c, now.clone(), "current");
    d.gold.alias(&an, &format!("Councillor {an}"));
    d.para(&format!("{item}. APOLOGIES FOR ABSENCE"));
    d.para(&format!("Apologies for absence were received from Councillor {an} ({apol_title})."));
    item += 1;
    d.para(&format!("{item}. DECLARATIONS OF INTEREST"));
    d.para("No declarations of any disclosable pecuniary interest or personal interest were received.");
    item += 1;
    d.para(&format!("{item}. MINUTES OF THE PREVIOUS MEETING"));
    d.para(&format!("RESOLVED: That the minutes of the meeting held on {} be confirmed as a correct record.", date.add_days(-42).long()));
    item += 1;

    // The Ofsted item.
    let kind = match ev.kind {
        Kind::Full => "full inspection",
        Kind::Focused => "focused visit",
        Kind::Monitoring => "monitoring visit",
    };
    d.ofsted();
    let prep = if ev.kind == Kind::Full { "OF" } else { "TO" };
    d.para(&format!("{item}. OFSTED {} {prep} CHILDREN'S SERVICES - {}", kind.to_uppercase(), ev.start.month_year().to_uppercase()));
    let span = d.span(&ev);
    let reporter = match (cabinet, &dcs) {
        (Some(p), _) => {
            let n = d.cllr(p);
            format!("{n} ({})", capitalise_words(b.cabinet_title))
        }
        (None, Some(t)) => format!("The {}", capitalise_words(&d.dcs_words(c, t))),
        _ => "The Chief Executive".to_string(),
    };
    let hmi = ev.hmis[0];
    let hn = d.person(hmi);
    let title = hmi_title(ev.published);
    d.role_in(hmi, title, "Ofsted", now.clone(), "current");
    let mut p = match ev.kind {
        Kind::Full => {
            let r = ev.rating.unwrap();
            format!("{reporter} reported on the outcome of the full inspection of the Council's children's services carried out {span}, which had judged the Council's services {}.", d.judged(r))
        }
        Kind::Focused => format!("{reporter} reported on the outcome of the Ofsted focused visit carried out on {span}, which had looked at the Council's arrangements for children in need."),
        Kind::Monitoring => {
            let s = w.events[ev.since.unwrap()].clone();
            let (m, iso) = d.when(s.start, Prec::Month);
            d.inspection(ev.since.unwrap(), c, "full inspection", Some(iso), true, &[]);
            format!(
                "{reporter} reported on the outcome of the {} Ofsted monitoring visit since the Council's children's services were judged inadequate following a full inspection in {m}. The visit had been carried out on {span}.",
                nth(ev.seq)
            )
        }
    };
    p.push_str(&format!(" The letter from {title} {hn} had been published on {}.", ev.published.long()));
    d.inspection(e, c, kind, Some(ev.start.iso()), ev.kind == Kind::Full, &[hmi]);
    d.para(&p);
    let find = d.phrases("letter_finding", &place, 2).join(" ");
    d.para(&format!("Members noted that inspectors had found the following. {find}"));
    let (asker, _) = b.colleagues[d.rng.below(2)];
    let asker = d.surname(asker);
    let answer = d.phrase("minutes_answer", &place);
    let officer = match &dcs {
        Some(t) => capitalise_words(&d.dcs_words(c, t)),
        None => "Chief Executive".to_string(),
    };
    let topic = d.rng.pick(&["caseloads", "the use of agency staff", "placements for older children", "support for care leavers", "the budget"]).to_string();
    d.para(&format!("In response to a question from Councillor {asker} about {topic}, the {officer} advised that {}", lower_first(&answer)));
    d.para("Decision Made:");
    d.para(&format!("That:\n\n(1) the findings of the Ofsted {kind} be noted; and\n\n(2) the revised Improvement Plan be endorsed."));
    d.para("Reasons for the Decision:");
    d.para("To ensure that members maintain oversight of the improvement of children's services.");
    item += 1;

    // A director's appointment, if one is near.
    let title_w = b.dcs_title;
    let next = b.dcs.iter().enumerate().find(|(k, t)| *k > 0 && !t.interim && t.start > date && t.start < date.add_days(150)).map(|(k, t)| (k, t.clone()));
    if let Some((k, t)) = next {
        let old = b.dcs[k - 1].clone();
        let cap = capitalise_words(title_w);
        d.para(&format!("{item}. APPOINTMENT OF {}", cap.to_uppercase()));
        let nn = d.person(t.person);
        let on = d.person(old.person);
        let (from, iso) = (t.start.long(), t.start.iso());
        d.role(t.person, &cap, c, Some(iso.clone()), "future");
        let old_words = if old.interim { format!("Interim {cap}") } else { cap.clone() };
        d.role(old.person, &old_words, c, now.clone(), "current");
        d.succession(&nn, &on, Some(iso), &format!("{title_w}, {}", b.name));
        d.para(&format!(
            "The Chief Executive reported that, following a national recruitment process, the appointments panel had recommended that {nn} be appointed as {cap} with effect from {from}. {nn} would succeed {on}, the {old_words}, who would be leaving the authority."
        ));
        d.para("Decision Made:");
        d.para(&format!("That Council be recommended to confirm the appointment of {nn} as {cap} with effect from {from}."));
        item += 1;
    }
    let mut misc: Vec<String> = super::doc::section("minutes_item").to_vec();
    d.rng.shuffle(&mut misc);
    for m in misc.iter().take(2) {
        let parts: Vec<String> = m.split('|').map(|s| d.fill(s, &place)).collect();
        d.para(&format!("{item}. {}", parts[0]));
        d.para(&parts[1]);
        d.para("Decision Made:");
        d.para(&parts[2]);
        item += 1;
    }
    let t = time_of_day(&mut d.rng).replace(':', ".");
    d.para(&format!("The meeting closed at {t}."));
    d.para("CHAIR");
    d
}

// ------------------------------------------------------------------ blogs

fn blog<'w>(w: &'w World, mut rng: Rng, name: &str) -> Doc<'w> {
    let c = *rng.pick(&w.councils);
    let date = Ymd::new(2017, 1, 1).add_days(rng.below(8 * 365) as i64);
    let mut d = Doc::new(w, rng, name, Some(date), date);
    let b = &w.bodies[c];
    let place = b.place.clone();
    let title = b.dcs_title;
    d.gold.alias(&b.name.clone(), &place);
    let headline = match d.rng.below(3) {
        0 => format!("Directors, verdicts and a lot of patience: a {place} timeline"),
        1 => format!("How {place} got here: a timeline of children's services"),
        _ => format!("Ten years of reports: what has happened to children's services in {place}"),
    };
    d.para(&headline);
    let blogger = *d.rng.pick(&w.bloggers);
    let bn = d.person(blogger);
    if d.rng.chance(0.5) {
        d.para(&format!("Posted on {} by {bn} | Filed under: Children's services, Local news", date.long()));
    } else {
        d.para(&format!("Posted on {} by {bn}", date.long()));
    }
    let intro = d.phrase("blog_intro", &place);
    d.para(&intro);
    let council = d.body_as(c, Form::Full);
    d.para(&format!("For anyone who does not follow it closely: children's services here are the responsibility of {council}."));
    d.para("The timeline");

    // Dated lines, oldest first: events, new directors, a trust.
    let from = Ymd::new(FIRST_YEAR - 1, 1, 1);
    let mut lines: Vec<(Ymd, String)> = Vec::new();
    let dash = d.rng.chance(0.5);
    let head = |when: &str| if dash { format!("- {when}:") } else { format!("{when} \u{2013}") };
    for &e in &b.events {
        let ev = w.events[e].clone();
        if ev.start < from || ev.published >= date {
            continue;
        }
        let when = format!("{} {}", ev.start.short_month(), ev.start.y);
        let iso = ev.start.iso_month();
        let trust = ev.body != c;
        let subject = if trust { d.body(ev.body) } else { "the council".to_string() };
        let s = match ev.kind {
            Kind::Full => {
                let r = ev.rating.unwrap();
                d.inspection(e, ev.body, "full inspection", Some(iso), true, &[]);
                format!("{} a full inspection rates {} children's services {}.", head(&when), possessive(&subject), d.rated(r))
            }
            Kind::Focused => {
                d.inspection(e, ev.body, "focused visit", Some(iso), false, &[]);
                d.ofsted();
                let to = if trust { format!(" to {subject}") } else { String::new() };
                format!("{} an Ofsted focused visit{to} looks at the \u{201c}front door\u{201d}. Inspectors say that {}.", head(&when), finding(&mut d.rng))
            }
            Kind::Monitoring => {
                d.inspection(e, ev.body, "monitoring visit", Some(iso), false, &[]);
                let to = if trust { format!(" to {subject}") } else { String::new() };
                format!("{} the {} monitoring visit{to} since the inadequate judgement finds that {}.", head(&when), nth(ev.seq), finding(&mut d.rng))
            }
        };
        lines.push((ev.start, s));
    }
    let dcs: Vec<_> = b.dcs.clone();
    for k in 1..dcs.len() {
        let (t, old) = (&dcs[k], &dcs[k - 1]);
        if t.start < from || t.start >= date {
            continue;
        }
        let when = format!("{} {}", t.start.short_month(), t.start.y);
        let iso = t.start.iso_month();
        let nn = d.person(t.person);
        let on = d.person(old.person);
        let status = if t.holds(date) { "current" } else { "former" };
        let what = format!("{title}, {}", b.name);
        let s = if t.interim {
            let within = t.within.unwrap_or(super::world::PREVIOUS_POSTS[0]);
            d.role(t.person, "interim director", c, Some(iso.clone()), if t.holds(date) { "current" } else { "former" });
            d.role(t.person, within, c, None, "former");
            d.succession(&nn, &on, Some(iso), &what);
            format!("{} {on} leaves, and {nn}, the council's {within}, steps up as interim director.", head(&when))
        } else {
            d.role(t.person, title, c, Some(iso.clone()), status);
            d.succession(&nn, &on, Some(iso), &what);
            if old.interim {
                format!("{} {nn} becomes {title}, taking over from interim director {on}.", head(&when))
            } else {
                format!("{} {nn} becomes {title}, replacing {on}.", head(&when))
            }
        };
        lines.push((t.start, s));
    }
    if let Some(h) = b.handovers.iter().find(|h| h.date >= from && h.date < date).cloned() {
        let tn = d.body(h.trust);
        let fromn = if h.from == c { "the council".to_string() } else { d.body(h.from) };
        d.succession(&tn, &w.bodies[h.from].name, Some(h.date.iso()), h.what);
        let when = h.date.long();
        lines.push((h.date, format!("{} {tn} takes over {} from {fromn}.", head(&when), h.what)));
    }
    lines.sort_by_key(|l| l.0);
    let text: Vec<String> = lines.into_iter().map(|l| l.1).collect();
    if text.is_empty() {
        d.para("Not much, to be honest. The service has been stable, and I have had the same social worker for three years.");
    } else {
        d.para(&text.join("\n\n"));
    }
    d.para("What I take from all this");
    for s in d.phrases("blog_reflect", &place, 3) {
        d.para(&s);
    }
    d.context(&place, 4);
    d.context(&place, 4);
    if let Some((_, t)) = World::holder(&b.cabinet, date) {
        let p = t.person;
        let n = d.cllr(p);
        d.role(p, title_of_cabinet(b.cabinet_title), c, d.now(), "current");
        d.para(&format!(
            "I asked {n}, the council's {}, what happens next. The answer was that the council wants to keep improving, and I hope they remember to ask foster carers how they are doing.",
            b.cabinet_title
        ));
    }
    d.para("Leave a comment");
    d.para("Share this: Twitter | Facebook | Email");
    d
}

fn title_of_cabinet(t: &'static str) -> &'static str {
    t
}
