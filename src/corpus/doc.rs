//! One document being written: its text, its gold, and the sentences that
//! state facts, each in several wordings, each adding to the gold exactly
//! what it states.

use super::date::{number_word, ordinal_word, Ymd};
use super::gold::Gold;
use super::rng::Rng;
use super::world::{BodyId, BodyType, Event, Kind, PersonId, Rating, Tenure, World};
use std::sync::OnceLock;

const PHRASES: &str = include_str!("phrases.txt");

/// The phrase sections of `phrases.txt`.
fn sections() -> &'static Vec<(String, Vec<String>)> {
    static S: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    S.get_or_init(|| {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for line in PHRASES.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                out.push((name.to_string(), Vec::new()));
            } else if let Some(last) = out.last_mut() {
                last.1.push(line.to_string());
            }
        }
        out
    })
}

pub fn section(name: &str) -> &'static [String] {
    sections().iter().find(|(n, _)| n == name).map(|(_, v)| v.as_slice()).unwrap_or_else(|| panic!("phrases.txt has no [{name}]"))
}

/// How precisely a sentence dates an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prec {
    Day,
    Month,
    Year,
}

/// How a sentence names a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The gazetteer's name.
    Full,
    /// `Croydon Council` where the full name is longer, else the name.
    Common,
    /// `Croydon`
    Place,
}

pub struct Doc<'w> {
    pub w: &'w World,
    pub rng: Rng,
    pub out: String,
    pub gold: Gold,
    /// The document's own date, `None` for an undated one.
    pub date: Option<Ymd>,
    /// The date the facts are told as of (the document's date, or for an
    /// undated one the date it was written, which it does not say).
    pub asof: Ymd,
    /// (event, index in `gold.inspections`): one gold entry per event.
    events: Vec<(usize, usize)>,
    /// People quoted so far, so that nobody is introduced twice.
    pub spoken: Vec<PersonId>,
    /// Name the body in every quote's attribution (a roundup about several councils).
    pub explicit: bool,
    /// Phrases used so far (section, index): none is repeated within a document.
    used: Vec<(&'static str, usize)>,
}

impl<'w> Doc<'w> {
    pub fn new(w: &'w World, rng: Rng, name: &str, date: Option<Ymd>, asof: Ymd) -> Doc<'w> {
        let gold = Gold { doc: name.to_string(), doc_date: date.map(|d| d.iso()), ..Gold::default() };
        Doc { w, rng, out: String::with_capacity(6000), gold, date, asof, events: Vec::new(), spoken: Vec::new(), explicit: false, used: Vec::new() }
    }

    // ------------------------------------------------------------ writing

    pub fn para(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push_str("\n\n");
    }

    pub fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// A phrase of a section, its placeholders filled.
    pub fn phrase(&mut self, name: &'static str, place: &str) -> String {
        self.phrases(name, place, 1).pop().unwrap_or_default()
    }

    /// `n` different phrases of a section, none used before in this document
    /// while the section has unused ones.
    pub fn phrases(&mut self, name: &'static str, place: &str, n: usize) -> Vec<String> {
        let all = section(name);
        let mut idx: Vec<usize> = (0..all.len()).collect();
        self.rng.shuffle(&mut idx);
        let fresh: Vec<usize> = idx.iter().copied().filter(|i| !self.used.contains(&(name, *i))).collect();
        let stale: Vec<usize> = idx.iter().copied().filter(|i| self.used.contains(&(name, *i))).collect();
        let chosen: Vec<usize> = fresh.into_iter().chain(stale).take(n).collect();
        for &i in &chosen {
            self.used.push((name, i));
        }
        chosen.into_iter().map(|i| all[i].clone()).collect::<Vec<_>>().into_iter().map(|t| self.fill(&t, place)).collect()
    }

    pub fn fill(&mut self, t: &str, place: &str) -> String {
        let mut s = t.replace("{place}", place);
        while let Some(i) = s.find("{n}") {
            let n = self.rng.range(120, 1400).to_string();
            s.replace_range(i..i + 3, &n);
        }
        while let Some(i) = s.find("{pct}") {
            let n = self.rng.range(8, 42).to_string();
            s.replace_range(i..i + 5, &n);
        }
        while let Some(i) = s.find("{k}") {
            let n = number_word(self.rng.range(3, 12) as usize);
            s.replace_range(i..i + 3, &n);
        }
        while let Some(i) = s.find("{cl}") {
            let n = self.rng.range(12, 24).to_string();
            s.replace_range(i..i + 4, &n);
        }
        while let Some(i) = s.find("{money}") {
            let n = format!("£{}.{}m", self.rng.range(1, 14), self.rng.range(1, 9));
            s.replace_range(i..i + 7, &n);
        }
        s
    }

    /// A paragraph of one to `max` context sentences.
    pub fn context(&mut self, place: &str, max: usize) {
        let n = max / 2 + 1 + self.rng.below(max.div_ceil(2));
        let s = self.phrases("context", place, n).join(" ");
        self.para(&s);
    }

    // ------------------------------------------------------------ the gold

    pub fn now(&self) -> Option<String> {
        self.date.map(|d| d.iso())
    }

    pub fn person(&mut self, p: PersonId) -> String {
        let name = self.w.name(p);
        self.gold.person(&name);
        name
    }

    /// `Dr Jo Bloggs` where the person has a title, else the name.
    pub fn titled(&mut self, p: PersonId) -> String {
        let name = self.person(p);
        match self.w.people[p].title {
            Some(t) => {
                let s = format!("{t} {name}");
                self.gold.alias(&name, &s);
                s
            }
            None => name,
        }
    }

    /// `Cllr Jo Bloggs`
    pub fn cllr(&mut self, p: PersonId) -> String {
        let name = self.person(p);
        let s = format!("Cllr {name}");
        self.gold.alias(&name, &s);
        s
    }

    /// A later mention by surname alone (`Bloggs said`), or the full name
    /// where another person of the document has the same surname.
    pub fn surname(&mut self, p: PersonId) -> String {
        let person = &self.w.people[p];
        let name = person.name();
        let clash = self.gold.people.iter().any(|n| *n != name && n.rsplit(' ').next() == Some(person.surname.as_str()));
        if clash {
            name
        } else {
            person.surname.clone()
        }
    }

    pub fn body(&mut self, b: BodyId) -> String {
        let name = self.w.bodies[b].name.clone();
        self.gold.body(&name);
        name
    }

    pub fn body_as(&mut self, b: BodyId, form: Form) -> String {
        let name = self.body(b);
        let body = &self.w.bodies[b];
        let s = match form {
            Form::Full => name.clone(),
            Form::Common => body.common().to_string(),
            Form::Place if body.typ == BodyType::Council => body.place.clone(),
            Form::Place => name.clone(),
        };
        self.gold.alias(&name, &s);
        s
    }

    /// A council's name as news writes it: short form or place.
    pub fn council_news(&mut self, c: BodyId) -> String {
        let form = if self.rng.chance(0.5) { Form::Common } else { Form::Place };
        self.body_as(c, form)
    }

    pub fn ofsted(&mut self) -> &'static str {
        self.gold.body("Ofsted");
        "Ofsted"
    }

    /// `the Department for Education` (first time), or `the DfE`.
    pub fn dfe(&mut self) -> &'static str {
        let name = "Department for Education";
        let first = !self.gold.bodies.iter().any(|b| b == name);
        self.gold.body(name);
        if first {
            "the Department for Education"
        } else {
            self.gold.alias(name, "DfE");
            "the DfE"
        }
    }

    pub fn role(&mut self, p: PersonId, words: &str, b: BodyId, when: Option<String>, status: &'static str) {
        let person = self.w.name(p);
        let body = self.w.bodies[b].name.clone();
        self.gold.role(&person, words, &body, when, status);
    }

    pub fn role_in(&mut self, p: PersonId, words: &str, body: &str, when: Option<String>, status: &'static str) {
        let person = self.w.name(p);
        self.gold.role(&person, words, body, when, status);
    }

    /// One gold entry per event: a later mention makes it more precise.
    pub fn inspection(&mut self, e: usize, body: BodyId, kind: &'static str, when: Option<String>, rating: bool, inspectors: &[PersonId]) {
        let ev = &self.w.events[e];
        let rating = if rating { ev.rating.map(|r| r.gold()) } else { None };
        let inspectors: Vec<String> = inspectors.iter().map(|&p| self.w.name(p)).collect();
        let body = self.w.bodies[body].name.clone();
        if let Some(&(_, i)) = self.events.iter().find(|(x, _)| *x == e) {
            let g = &mut self.gold.inspections[i];
            if when.as_ref().is_some_and(|w| g.when.as_ref().is_none_or(|x| w.len() > x.len())) {
                g.when = when;
            }
            if g.kind == "inspection" {
                g.kind = kind;
            }
            g.rating = g.rating.or(rating);
            for n in inspectors {
                if !g.inspectors.contains(&n) {
                    g.inspectors.push(n);
                }
            }
            return;
        }
        self.events.push((e, self.gold.inspections.len()));
        self.gold.inspections.push(super::gold::Inspection { body, kind, when, rating, inspectors });
    }

    pub fn succession(&mut self, new: &str, old: &str, when: Option<String>, what: &str) {
        self.gold.succession(new, old, when, what);
    }

    // ------------------------------------------------------------ dates

    /// An event's first day as a sentence gives it: (words, gold date).
    pub fn when(&mut self, d: Ymd, prec: Prec) -> (String, String) {
        match prec {
            Prec::Day => (d.long(), d.iso()),
            Prec::Month => (d.month_year(), d.iso_month()),
            Prec::Year => (d.y.to_string(), d.iso_year()),
        }
    }

    /// The days of an event: `24 and 25 April 2018`, `between 25 April and 6 May 2022`.
    pub fn span(&self, e: &Event) -> String {
        let (a, b) = (e.start, e.end);
        if e.kind != Kind::Full {
            if a.m == b.m {
                format!("{} and {}", a.d, b.long())
            } else {
                format!("{} and {}", a.day_month(), b.long())
            }
        } else if a.m == b.m {
            format!("between {} and {}", a.d, b.long())
        } else {
            format!("between {} and {}", a.day_month(), b.long())
        }
    }

    pub fn prec(&mut self, weights: [u32; 3]) -> Prec {
        [Prec::Day, Prec::Month, Prec::Year][self.rng.weighted(&weights)]
    }

    // ------------------------------------------------------------ ratings

    /// The judgement after `rated`: `inadequate`, `'good'`, `requires improvement to be good`.
    pub fn rated(&mut self, r: Rating) -> String {
        let q = self.rng.chance(0.3);
        let w = match r {
            Rating::Inadequate => "inadequate",
            Rating::Good => "good",
            Rating::Outstanding => "outstanding",
            Rating::RequiresImprovement => {
                if self.rng.chance(0.5) {
                    "as requiring improvement to be good"
                } else {
                    "requires improvement to be good"
                }
            }
        };
        if q && !w.starts_with("as ") {
            format!("'{w}'")
        } else {
            w.to_string()
        }
    }

    /// The judgement after `judged` / `found to be`.
    pub fn judged(&mut self, r: Rating) -> &'static str {
        match r {
            Rating::Inadequate => "inadequate",
            Rating::Good => "good",
            Rating::Outstanding => "outstanding",
            Rating::RequiresImprovement => "to require improvement to be good",
        }
    }

    /// The judgement as a noun's adjective: `an inadequate rating`.
    pub fn rating_noun(&self, r: Rating) -> &'static str {
        match r {
            Rating::Inadequate => "an inadequate",
            Rating::Good => "a good",
            Rating::Outstanding => "an outstanding",
            Rating::RequiresImprovement => "a requires improvement to be good",
        }
    }

    // ------------------------------------------------------------ facts

    /// A full inspection told as background: one sentence, in the gold.
    pub fn past_full(&mut self, e: usize) -> String {
        let ev = self.w.events[e].clone();
        let r = ev.rating.expect("full inspections are judged");
        let c = ev.council;
        let trust = ev.body != c;
        let (subject, body) = if trust { (self.body(ev.body), ev.body) } else { (self.council_news(c), c) };
        let poss = possessive(&subject);
        let v = self.rng.below(7);
        let prec = self.prec([0, 3, 2]);
        let (when, iso) = self.when(ev.start, prec);
        let (kind, s) = match v {
            0 => ("full inspection", format!("Ofsted rated {poss} children's services {} following a full inspection in {when}.", self.rated(r))),
            1 => ("full inspection", format!("A full inspection of {subject} in {when} judged its services {}.", self.judged(r))),
            2 => ("inspection", format!("{poss} children's services were judged {} in {when}.", self.judged(r))),
            3 => ("full inspection", format!("At its full inspection in {when}, {subject} was rated {} by Ofsted.", self.rated(r))),
            4 => ("inspection", format!("{subject} was rated {} by Ofsted in {when}.", self.rated(r))),
            5 => ("inspection", format!("In {when}, Ofsted judged {poss} services for children {}.", self.judged(r))),
            _ => ("full inspection", format!("Inspectors carried out a full inspection of {subject} in {when} and rated its children's services {}.", self.rated(r))),
        };
        self.ofsted_if(&s);
        self.inspection(e, body, kind, Some(iso), true, &[]);
        s
    }

    /// A focused or monitoring visit told as background: one sentence.
    pub fn past_visit(&mut self, e: usize) -> String {
        let ev = self.w.events[e].clone();
        let c = ev.council;
        let trust = ev.body != c;
        let (subject, body) = if trust { (self.body(ev.body), ev.body) } else { (self.council_news(c), c) };
        let kind = if ev.kind == Kind::Focused { "focused visit" } else { "monitoring visit" };
        let prec = self.prec([1, 4, 0]);
        let (when, iso) = self.when(ev.start, prec);
        let found = self.rng.pick(&[
            "found that children at immediate risk of harm were protected quickly",
            "found that progress had been made but that practice remained inconsistent",
            "found that the quality of plans for children was still too variable",
            "found that leaders had a realistic understanding of the work still to do",
            "looked at the council's arrangements for children in care",
            "looked at the front door and the response to new referrals",
        ]).to_string();
        let on_in = if prec == Prec::Day { "on" } else { "in" };
        let v = if trust { self.rng.below(2) } else { self.rng.below(4) };
        let s = match v {
            0 => format!("A {kind} to {subject} {on_in} {when} {found}."),
            1 => format!("Ofsted's {kind} to {subject} {on_in} {when} {found}."),
            2 => format!("An Ofsted {kind} in {when} {found}."),
            _ => format!("The {kind}, carried out {on_in} {when}, {found}."),
        };
        let s = s.replace("A Ofsted", "An Ofsted");
        self.ofsted_if(&s);
        self.inspection(e, body, kind, Some(iso), false, &[]);
        s
    }

    fn ofsted_if(&mut self, s: &str) {
        if s.contains("Ofsted") {
            self.ofsted();
        }
    }

    /// The latest events of a council before the document's date (newest first).
    pub fn events_before(&self, c: BodyId, d: Ymd) -> Vec<usize> {
        let mut v: Vec<usize> = self.w.bodies[c].events.iter().copied().filter(|&e| self.w.events[e].published < d).collect();
        v.reverse();
        v
    }

    /// The director in post: (person, the post as worded).
    pub fn dcs_words(&self, c: BodyId, t: &Tenure) -> String {
        let title = self.w.bodies[c].dcs_title;
        if t.interim {
            format!("interim {title}")
        } else {
            title.to_string()
        }
    }

    /// A quote from the director in post, in the gold as a current role.
    pub fn quote_dcs(&mut self, c: BodyId, q: &str) -> Option<String> {
        let (_, t) = World::holder(&self.w.bodies[c].dcs, self.asof)?;
        let t = t.clone();
        if self.spoken.contains(&t.person) {
            return None;
        }
        self.spoken.push(t.person);
        let words = self.dcs_words(c, &t);
        let name = self.person(t.person);
        let when = self.now();
        if !self.explicit && self.rng.chance(0.15) {
            let prec = if self.rng.chance(0.5) { Prec::Month } else { Prec::Year };
            let (m, iso) = self.when(t.start, prec);
            self.role(t.person, &words, c, Some(iso), "current");
            return Some(if self.rng.chance(0.5) {
                format!("{name}, who has been the council's {words} since {m}, said: \u{201c}{q}\u{201d}")
            } else {
                format!("{name}, who became the council's {words} in {m}, said: \u{201c}{q}\u{201d}")
            });
        }
        self.role(t.person, &words, c, when, "current");
        let v = if self.explicit { [1, 3][self.rng.below(2)] } else { self.rng.below(5) };
        let s = match v {
            0 => format!("{name}, the council's {words}, said: \u{201c}{q}\u{201d}"),
            1 => {
                let b = self.council_news(c);
                format!("{name}, {}'s {words}, said: \u{201c}{q}\u{201d}", b)
            }
            2 => format!("The council's {words}, {name}, said: \u{201c}{q}\u{201d}"),
            3 => {
                let b = self.body_as(c, Form::Common);
                format!("\u{201c}{},\u{201d} said {name}, {words} at {b}.", q.trim_end_matches('.'))
            }
            _ => format!("{name}, who is the council's {words}, said: \u{201c}{q}\u{201d}"),
        };
        Some(s)
    }

    pub fn quote_cabinet(&mut self, c: BodyId, q: &str) -> Option<String> {
        let (_, t) = World::holder(&self.w.bodies[c].cabinet, self.asof)?;
        let p = t.person;
        if self.spoken.contains(&p) {
            return None;
        }
        self.spoken.push(p);
        let words = self.w.bodies[c].cabinet_title;
        let name = self.cllr(p);
        let when = self.now();
        self.role(p, words, c, when, "current");
        let v = if self.explicit { 2 } else { self.rng.below(4) };
        let s = match v {
            0 => format!("{name}, {words}, said: \u{201c}{q}\u{201d}"),
            1 => format!("{name}, the council's {words}, said: \u{201c}{q}\u{201d}"),
            2 => {
                let b = self.council_news(c);
                format!("{name}, {}'s {words}, said: \u{201c}{q}\u{201d}", b)
            }
            _ => format!("\u{201c}{},\u{201d} said {name}, the council's {words}.", q.trim_end_matches('.')),
        };
        Some(s)
    }

    pub fn quote_chief(&mut self, c: BodyId, q: &str) -> Option<String> {
        let (_, t) = World::holder(&self.w.bodies[c].chief, self.asof)?;
        let p = t.person;
        if self.spoken.contains(&p) {
            return None;
        }
        self.spoken.push(p);
        let words = if t.interim { "interim chief executive" } else { "chief executive" };
        let name = self.person(p);
        let when = self.now();
        self.role(p, words, c, when, "current");
        let v = if self.explicit { 1 + self.rng.below(2) } else { self.rng.below(3) };
        let s = match v {
            0 => format!("The council's {words}, {name}, said: \u{201c}{q}\u{201d}"),
            1 => {
                let b = self.council_news(c);
                format!("{name}, {}'s {words}, said: \u{201c}{q}\u{201d}", b)
            }
            _ => {
                let b = self.body_as(c, Form::Common);
                format!("{name}, {words} of {b}, said: \u{201c}{q}\u{201d}")
            }
        };
        Some(s)
    }

    pub fn quote_leader(&mut self, c: BodyId, q: &str) -> Option<String> {
        let (_, t) = World::holder(&self.w.bodies[c].leader, self.asof)?;
        let p = t.person;
        if self.spoken.contains(&p) {
            return None;
        }
        self.spoken.push(p);
        let name = self.cllr(p);
        let when = self.now();
        let s = if self.explicit {
            self.role(p, "leader", c, when, "current");
            let b = self.body_as(c, Form::Common);
            format!("{name}, leader of {b}, said: \u{201c}{q}\u{201d}")
        } else if self.rng.chance(0.5) {
            self.role(p, "council leader", c, when, "current");
            format!("Council leader {name} said: \u{201c}{q}\u{201d}")
        } else {
            self.role(p, "leader of the council", c, when, "current");
            format!("{name}, leader of the council, said: \u{201c}{q}\u{201d}")
        };
        Some(s)
    }

    /// The opposition's view.
    pub fn quote_opposition(&mut self, c: BodyId, q: &str) -> Option<String> {
        let (_, t) = World::holder(&self.w.bodies[c].opposition, self.asof)?;
        let p = t.person;
        if self.spoken.contains(&p) {
            return None;
        }
        self.spoken.push(p);
        let name = self.cllr(p);
        let when = self.now();
        let words = "opposition spokesperson for children's services";
        self.role(p, words, c, when, "current");
        Some(match self.rng.below(2) {
            0 => format!("But {name}, the {words}, said: \u{201c}{q}\u{201d}"),
            _ => format!("{name}, the council's {words}, said: \u{201c}{q}\u{201d}"),
        })
    }

    /// The trust running a council's services: its chair's or chief executive's quote.
    pub fn quote_trust(&mut self, trust: BodyId, q: &str) -> Option<String> {
        let chair = self.rng.chance(0.5);
        let list = if chair { &self.w.bodies[trust].chair } else { &self.w.bodies[trust].chief };
        let (_, t) = World::holder(list, self.asof)?;
        let t = t.clone();
        if self.spoken.contains(&t.person) {
            return None;
        }
        self.spoken.push(t.person);
        let words = match (chair, t.interim) {
            (true, _) => "chair",
            (false, true) => "interim chief executive",
            (false, false) => "chief executive",
        };
        let name = self.titled(t.person);
        let when = self.now();
        self.role(t.person, words, trust, when, "current");
        let tn = self.body(trust);
        let cap = capitalise_words(words);
        let s = match self.rng.below(5) {
            0 => format!("{name}, {cap} of {tn}, said: \u{201c}{q}\u{201d}"),
            1 => format!("{tn}'s {words}, {name}, said: \u{201c}{q}\u{201d}"),
            2 if chair => {
                let sur = self.surname(t.person);
                let short = match self.w.people[t.person].title {
                    Some(title) => format!("{title} {sur}"),
                    None => sur,
                };
                format!("{tn} is chaired by {name}. \u{201c}{q}\u{201d} {short} said.")
            }
            3 if !chair && !t.interim => {
                let (m, iso) = (t.start.month_year(), t.start.iso_month());
                self.gold.roles.retain(|r| !(r.person == self.w.people[t.person].name() && r.role == words));
                self.role(t.person, words, trust, Some(iso), "current");
                let sur = self.surname(t.person);
                format!("{name} has been the chief executive of {tn} since {m}. \u{201c}{q}\u{201d} {sur} said.")
            }
            _ => format!("{name}, the {words} of {tn}, said: \u{201c}{q}\u{201d}"),
        };
        Some(s)
    }

    /// The commissioner in post, if any: one sentence.
    pub fn commissioner(&mut self, c: BodyId) -> Option<String> {
        let (_, t) = World::holder(&self.w.bodies[c].commissioners, self.asof)?;
        let t = t.clone();
        let name = self.person(t.person);
        let place = self.body_as(c, Form::Place);
        let (when, iso) = (t.start.month_year(), t.start.iso_month());
        let s = match self.rng.below(3) {
            0 => {
                let dfe = self.dfe();
                self.role(t.person, "children's commissioner", c, Some(iso), "current");
                format!("{} appointed {name} as children's commissioner for {place} in {when}, with the power to recommend whether services should be removed from the council's control.", capitalise(dfe))
            }
            1 => {
                let dfe = self.dfe();
                self.role(t.person, "children's commissioner", c, Some(iso), "current");
                format!("{name} was appointed children's commissioner for {place} by {dfe} in {when}.")
            }
            _ => {
                let now = self.now().or(Some(iso));
                self.role(t.person, "commissioner", c, now, "current");
                format!("{name}, the commissioner for {place}, is due to report to ministers on whether the council can improve on its own.")
            }
        };
        Some(s)
    }

    /// A trust's taking over of a council's services: one sentence.
    pub fn handover(&mut self, c: BodyId) -> Option<String> {
        let h = self.w.trust_on(c, self.asof)?.clone();
        let trust = self.body(h.trust);
        let from = self.body_as(h.from, Form::Full);
        let (when, iso) = match self.rng.below(3) {
            0 => (h.date.month_year(), h.date.iso_month()),
            _ => (h.date.long(), h.date.iso()),
        };
        let on_in = if iso.len() == 10 { "on" } else { "in" };
        let what = h.what;
        let s = match self.rng.below(4) {
            0 => format!("{trust} took over the running of {what} from {from} {on_in} {when}."),
            1 => {
                let place = self.body_as(c, Form::Place);
                format!("{trust} took over from {from} {on_in} {when}, and now runs {what} in {place}.")
            }
            2 => format!("{trust} went live {on_in} {when}, taking over {what} from {from}."),
            _ => format!("{trust} took on {what} from {from} {on_in} {when}."),
        };
        self.succession(&trust, &from, Some(iso), what);
        Some(s)
    }
}

/// `Croydon's`, `Hastings'`.
pub fn possessive(s: &str) -> String {
    if s.ends_with('s') {
        format!("{s}'")
    } else {
        format!("{s}'s")
    }
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// `director of children's services` -> `Director of Children's Services`.
pub fn capitalise_words(s: &str) -> String {
    s.split(' ')
        .map(|w| if matches!(w, "of" | "for" | "and" | "the" | "to") { w.to_string() } else { capitalise(w) })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The HMI title on a date: Her Majesty's before September 2022.
pub fn hmi_title(d: Ymd) -> &'static str {
    if d < Ymd::new(2022, 9, 8) {
        "Her Majesty's Inspector"
    } else {
        "His Majesty's Inspector"
    }
}

pub fn nth(n: usize) -> &'static str {
    ordinal_word(n)
}
