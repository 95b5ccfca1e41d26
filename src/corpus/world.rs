//! The invented world the documents report on: for each real council (and
//! each real children's trust) of the gazetteer, who held its posts when, the
//! inspections it had and their judgements, and when a trust took over its
//! children's services. The world depends on the seed alone, so documents
//! written about it agree with one another across the whole corpus (one
//! inspection event a year at most for each body, one wording of each post),
//! and its size does not grow with the number of documents.

use super::date::Ymd;
use super::names::pools;
use super::rng::Rng;
use crate::schema::{BodyKind, Schema, BODIES_TSV};
use std::collections::HashSet;

pub type PersonId = usize;
pub type BodyId = usize;

#[derive(Debug, Clone)]
pub struct Person {
    pub given: String,
    pub surname: String,
    /// `Dr` or `Professor`, written before the name in some documents.
    pub title: Option<&'static str>,
}

impl Person {
    pub fn name(&self) -> String {
        format!("{} {}", self.given, self.surname)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyType {
    Council,
    Trust,
}

#[derive(Debug, Clone)]
pub struct Tenure {
    pub person: PersonId,
    pub start: Ymd,
    /// The last day in post; `None` while the holder is still in post.
    pub end: Option<Ymd>,
    pub interim: bool,
    /// The post held before, elsewhere: (post, council).
    pub prev: Option<(&'static str, BodyId)>,
    /// The post held before in the same council, for interims who step up.
    pub within: Option<&'static str>,
}

impl Tenure {
    pub fn holds(&self, d: Ymd) -> bool {
        self.start <= d && self.end.is_none_or(|e| d <= e)
    }
}

#[derive(Debug, Clone)]
pub struct Handover {
    pub trust: BodyId,
    /// The council, or the trust before it.
    pub from: BodyId,
    pub date: Ymd,
    pub what: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Full,
    Focused,
    Monitoring,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
}

impl Rating {
    /// The judgement as the gold writes it.
    pub fn gold(&self) -> &'static str {
        match self {
            Rating::Outstanding => "Outstanding",
            Rating::Good => "Good",
            Rating::RequiresImprovement => "Requires improvement",
            Rating::Inadequate => "Inadequate",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Event {
    /// The body inspected: the council, or the trust running its services.
    pub body: BodyId,
    /// The council whose services these are.
    pub council: BodyId,
    pub kind: Kind,
    pub start: Ymd,
    pub end: Ymd,
    pub published: Ymd,
    pub rating: Option<Rating>,
    /// Her (His) Majesty's Inspectors, the lead first.
    pub hmis: Vec<PersonId>,
    /// An Ofsted Inspector, for some.
    pub oi: Option<PersonId>,
    /// For a monitoring visit: its number since the inadequate judgement, and that event.
    pub seq: usize,
    pub since: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Body {
    pub name: String,
    pub place: String,
    pub typ: BodyType,
    /// `Croydon Council` for `London Borough of Croydon`: a short form news uses.
    pub short: Option<String>,
    pub dcs_title: &'static str,
    pub cabinet_title: &'static str,
    pub dcs: Vec<Tenure>,
    pub cabinet: Vec<Tenure>,
    pub chief: Vec<Tenure>,
    pub leader: Vec<Tenure>,
    /// The opposition's spokesperson for children's services.
    pub opposition: Vec<Tenure>,
    pub chair: Vec<Tenure>,
    pub commissioners: Vec<Tenure>,
    /// Events of this council's services (whoever was inspected), in date order.
    pub events: Vec<usize>,
    /// For a council: the trusts that took over its services, in order.
    pub handovers: Vec<Handover>,
    /// For a trust: the council it works for.
    pub council: Option<BodyId>,
    /// Other cabinet members and their portfolios (minutes name them).
    pub colleagues: Vec<(PersonId, &'static str)>,
    /// The democratic services manager (minutes name them).
    pub clerk: Option<PersonId>,
}

impl Body {
    /// The short form if there is one, else the name.
    pub fn common(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

pub struct World {
    pub people: Vec<Person>,
    pub bodies: Vec<Body>,
    /// Councils documents can be about.
    pub councils: Vec<BodyId>,
    pub events: Vec<Event>,
    pub reporters: Vec<PersonId>,
    pub trade_reporters: Vec<PersonId>,
    pub bloggers: Vec<PersonId>,
}

/// Posts a new director held before, elsewhere or in the same council.
pub const PREVIOUS_POSTS: &[&str] = &[
    "assistant director for safeguarding",
    "deputy director of children's social care",
    "assistant director for children's social care",
    "assistant director for early help and prevention",
    "head of children's social care",
];

/// Portfolios of other cabinet members, as minutes write them.
const PORTFOLIOS: &[&str] = &[
    "Cabinet Member for Adult Social Care",
    "Cabinet Member for Finance",
    "Cabinet Member for Housing",
    "Cabinet Member for Highways and Transport",
    "Cabinet Member for Regeneration",
    "Cabinet Member for Communities",
];

/// Wordings of the director's post, one for each council, with weights.
const DCS_TITLES: &[(&str, u32)] = &[
    ("director of children's services", 60),
    ("executive director of children's services", 15),
    ("corporate director of children's services", 12),
    ("strategic director of children's services", 8),
];

const CABINET_TITLES: &[(&str, u32)] = &[
    ("cabinet member for children's services", 40),
    ("cabinet member for children and young people", 15),
    ("lead member for children's services", 15),
    ("portfolio holder for children's services", 12),
    ("cabinet member for children and families", 10),
    ("cabinet member for children, young people and families", 8),
];

/// A real trust, the body it took over from, the day it began, what passed over.
type TrustRow = (&'static str, &'static str, (i32, u32, u32), &'static str);

/// Real children's trusts and when they took over (the dates those trusts began).
const TRUSTS: &[TrustRow] = &[
    ("Birmingham Children's Trust", "Birmingham City Council", (2018, 4, 1), "children's social care"),
    ("Bradford Children and Families Trust", "Bradford Council", (2023, 4, 1), "children's social care"),
    ("Brighter Futures for Children", "Reading Borough Council", (2018, 12, 3), "children's services"),
    ("Sandwell Children's Trust", "Sandwell Metropolitan Borough Council", (2018, 4, 1), "children's social care"),
    ("Slough Children's Services Trust", "Slough Borough Council", (2015, 10, 1), "children's social care"),
    ("Slough Children First", "Slough Children's Services Trust", (2021, 4, 1), "children's services"),
    ("Together for Children", "Sunderland City Council", (2017, 4, 1), "children's services"),
    ("Worcestershire Children First", "Worcestershire County Council", (2019, 10, 1), "children's services"),
];

pub const FIRST_YEAR: i32 = 2014;
pub const LAST_YEAR: i32 = 2024;

struct Builder {
    rng: Rng,
    people: Vec<Person>,
    used: HashSet<String>,
}

impl Builder {
    fn person(&mut self) -> PersonId {
        let p = pools();
        loop {
            let given = self.rng.pick(&p.given).clone();
            let surname = self.rng.pick(&p.surnames).clone();
            let full = format!("{given} {surname}");
            if self.used.insert(full) {
                self.people.push(Person { given, surname, title: None });
                return self.people.len() - 1;
            }
        }
    }

    /// Holders of a post from before `from` to after `until`: terms of
    /// `years` (inclusive range), an interim between some of them.
    fn tenures(&mut self, from: Ymd, until: Ymd, years: (i64, i64), interim_p: f64, may: bool, councils: &[BodyId]) -> Vec<Tenure> {
        let mut out: Vec<Tenure> = Vec::new();
        let mut start = from;
        while start <= until {
            let interim = !out.is_empty() && !out.last().unwrap().interim && self.rng.chance(interim_p);
            let days = if interim { self.rng.range(90, 400) } else { self.rng.range(years.0 * 365, years.1 * 365) };
            let mut end = start.add_days(days);
            if may && !interim {
                // Councillors change at the annual meeting in May.
                end = Ymd::new(end.y, 5, self.rng.range(8, 24) as u32);
                if end <= start.add_days(200) {
                    end = Ymd::new(end.y + 1, 5, self.rng.range(8, 24) as u32);
                }
            }
            let person = self.person();
            let prev = (!interim && !councils.is_empty() && self.rng.chance(0.6))
                .then(|| (*self.rng.pick(PREVIOUS_POSTS), *self.rng.pick(councils)));
            let within = interim.then(|| *self.rng.pick(PREVIOUS_POSTS));
            out.push(Tenure { person, start, end: Some(end), interim, prev, within });
            start = end.add_days(1);
        }
        if let Some(last) = out.last_mut() {
            last.end = None;
        }
        out
    }
}

fn weighted<T: Copy>(rng: &mut Rng, items: &[(T, u32)]) -> T {
    let w: Vec<u32> = items.iter().map(|i| i.1).collect();
    items[rng.weighted(&w)].0
}

/// Councils that documents are about: current ones whose place names no
/// other council, and none created by a reorganisation during the years
/// the corpus covers.
fn usable_councils(schema: &Schema) -> Vec<usize> {
    // Councils named as successors in the status column came later.
    let mut successors: HashSet<String> = HashSet::new();
    for line in BODIES_TSV.lines() {
        if let Some((_, after)) = line.split_once(" -> ") {
            for s in after.split(';') {
                successors.insert(s.trim().to_string());
            }
        }
    }
    let rows: Vec<usize> = (0..schema.bodies.len())
        .filter(|&i| {
            let b = &schema.bodies[i];
            b.kind == BodyKind::Council
                && b.abolished.is_none()
                && !successors.contains(&b.name)
                && b.place.as_ref().is_some_and(|p| {
                    schema.bodies_by_place.get(p).is_some_and(|v| v.iter().filter(|&&j| schema.bodies[j].kind == BodyKind::Council).count() == 1)
                })
        })
        .collect();
    rows
}

impl World {
    pub fn new(seed: u64) -> World {
        let schema = Schema::get();
        let mut b = Builder { rng: Rng::derive(seed, u64::MAX), people: Vec::new(), used: HashSet::new() };
        let mut bodies: Vec<Body> = Vec::new();
        for row in usable_councils(schema) {
            let g = &schema.bodies[row];
            let short = g.aliases.iter().find(|a| a.ends_with(" Council") && !a.contains('&') && !a.starts_with("City of") && a.len() < g.name.len()).cloned();
            let dcs_title = weighted(&mut b.rng, DCS_TITLES);
            let cabinet_title = weighted(&mut b.rng, CABINET_TITLES);
            bodies.push(Body {
                name: g.name.clone(),
                place: g.place.clone().unwrap_or_default(),
                typ: BodyType::Council,
                short,
                dcs_title,
                cabinet_title,
                dcs: Vec::new(),
                cabinet: Vec::new(),
                chief: Vec::new(),
                leader: Vec::new(),
                opposition: Vec::new(),
                chair: Vec::new(),
                commissioners: Vec::new(),
                events: Vec::new(),
                handovers: Vec::new(),
                council: None,
                colleagues: Vec::new(),
                clerk: None,
            });
        }
        let councils: Vec<BodyId> = (0..bodies.len()).collect();
        // Trusts, each after the council (or trust) it took over from.
        for (name, from, (y, m, d), what) in TRUSTS {
            let Some(from_id) = bodies.iter().position(|x| x.name == *from) else { continue };
            if !schema.body_by_name.contains_key(&name.to_lowercase()) {
                continue;
            }
            let council = bodies[from_id].council.unwrap_or(from_id);
            let id = bodies.len();
            bodies.push(Body {
                name: name.to_string(),
                place: bodies[council].place.clone(),
                typ: BodyType::Trust,
                short: None,
                dcs_title: "",
                cabinet_title: "",
                dcs: Vec::new(),
                cabinet: Vec::new(),
                chief: Vec::new(),
                leader: Vec::new(),
                opposition: Vec::new(),
                chair: Vec::new(),
                commissioners: Vec::new(),
                events: Vec::new(),
                handovers: Vec::new(),
                council: Some(council),
                colleagues: Vec::new(),
                clerk: None,
            });
            bodies[council].handovers.push(Handover { trust: id, from: from_id, date: Ymd::new(*y, *m, *d), what });
        }

        let until = Ymd::new(LAST_YEAR + 1, 12, 31);
        for id in 0..bodies.len() {
            let earliest = Ymd::new(2005, 1, 1).add_days(b.rng.below(5 * 365) as i64);
            match bodies[id].typ {
                BodyType::Council => {
                    let others: Vec<BodyId> = councils.iter().copied().filter(|&c| c != id).collect();
                    bodies[id].dcs = b.tenures(earliest, until, (2, 7), 0.35, false, &others);
                    let may = Ymd::new(2007 + b.rng.below(4) as i32, 5, 15);
                    bodies[id].cabinet = b.tenures(may, until, (1, 5), 0.0, true, &[]);
                    let c0 = Ymd::new(2004, 1, 1).add_days(b.rng.below(6 * 365) as i64);
                    bodies[id].chief = b.tenures(c0, until, (3, 9), 0.15, false, &[]);
                    let l0 = Ymd::new(2006 + b.rng.below(4) as i32, 5, 18);
                    bodies[id].leader = b.tenures(l0, until, (2, 7), 0.0, true, &[]);
                    let o0 = Ymd::new(2007 + b.rng.below(4) as i32, 5, 20);
                    bodies[id].opposition = b.tenures(o0, until, (1, 4), 0.0, true, &[]);
                    let mut portfolios = PORTFOLIOS.to_vec();
                    b.rng.shuffle(&mut portfolios);
                    bodies[id].colleagues = portfolios.into_iter().take(3).map(|p| (b.person(), p)).collect();
                    bodies[id].clerk = Some(b.person());
                }
                BodyType::Trust => {
                    let council = bodies[id].council.unwrap();
                    let go_live = bodies[council].handovers.iter().find(|h| h.trust == id).unwrap().date;
                    let chair0 = go_live.add_days(-(b.rng.range(90, 240)));
                    bodies[id].chair = b.tenures(chair0, until, (3, 6), 0.0, false, &[]);
                    let ceo0 = go_live.add_days(-(b.rng.range(30, 180)));
                    bodies[id].chief = b.tenures(ceo0, until, (3, 7), 0.2, false, &[]);
                    // The trust's posts end when a later trust takes over.
                    if let Some(next) = bodies[council].handovers.iter().find(|h| h.from == id).map(|h| h.date) {
                        let body = &mut bodies[id];
                        for list in [&mut body.chair, &mut body.chief] {
                            list.retain(|t| t.start < next);
                            if let Some(last) = list.last_mut() {
                                last.end = Some(next.add_days(-1));
                            }
                        }
                    }
                }
            }
            for list in [&mut bodies[id].chair] {
                for t in list.iter() {
                    if b.rng.chance(0.3) {
                        b.people[t.person].title = Some(if b.rng.chance(0.5) { "Dr" } else { "Professor" });
                    }
                }
            }
        }

        // Inspectors.
        let hmis: Vec<PersonId> = (0..120).map(|_| b.person()).collect();
        let ois: Vec<PersonId> = (0..40).map(|_| b.person()).collect();
        let mut events: Vec<Event> = Vec::new();
        for &c in &councils {
            let trust_run = !bodies[c].handovers.is_empty();
            let mut year = 2012 + b.rng.below(3) as i32;
            let mut rating = if trust_run {
                Rating::Inadequate
            } else {
                weighted(&mut b.rng, &[(Rating::Inadequate, 18), (Rating::RequiresImprovement, 45), (Rating::Good, 32), (Rating::Outstanding, 5)])
            };
            while year <= LAST_YEAR {
                let full = Self::event(&mut b, &bodies, c, year, Kind::Full, Some(rating), &hmis, &ois);
                let full_id = events.len();
                events.push(full);
                let gap = match rating {
                    Rating::Inadequate => b.rng.range(2, 3),
                    Rating::RequiresImprovement => 3,
                    Rating::Good => b.rng.range(3, 4),
                    Rating::Outstanding => b.rng.range(4, 5),
                } as i32;
                let mut focused = false;
                for (n, y) in (year + 1..year + gap).filter(|&y| y <= LAST_YEAR).enumerate() {
                    if rating == Rating::Inadequate {
                        let mut e = Self::event(&mut b, &bodies, c, y, Kind::Monitoring, None, &hmis, &ois);
                        e.seq = n + 1;
                        e.since = Some(full_id);
                        events.push(e);
                    } else if y >= 2018 && !focused && b.rng.chance(0.75) {
                        focused = true;
                        events.push(Self::event(&mut b, &bodies, c, y, Kind::Focused, None, &hmis, &ois));
                    }
                }
                year += gap;
                rating = match rating {
                    Rating::Inadequate => weighted(&mut b.rng, &[(Rating::RequiresImprovement, 60), (Rating::Inadequate, 25), (Rating::Good, 15)]),
                    Rating::RequiresImprovement => weighted(&mut b.rng, &[(Rating::Good, 45), (Rating::RequiresImprovement, 35), (Rating::Inadequate, 20)]),
                    Rating::Good => weighted(&mut b.rng, &[(Rating::Good, 55), (Rating::Outstanding, 15), (Rating::RequiresImprovement, 25), (Rating::Inadequate, 5)]),
                    Rating::Outstanding => weighted(&mut b.rng, &[(Rating::Outstanding, 50), (Rating::Good, 50)]),
                };
            }
        }
        for (i, e) in events.iter().enumerate() {
            bodies[e.council].events.push(i);
        }
        // Commissioners, appointed by the DfE after some inadequate judgements.
        for &c in &councils {
            let fulls: Vec<usize> = bodies[c].events.iter().copied().filter(|&i| events[i].kind == Kind::Full).collect();
            for (k, &i) in fulls.iter().enumerate() {
                if events[i].rating != Some(Rating::Inadequate) || !b.rng.chance(0.5) {
                    continue;
                }
                let start = events[i].published.add_days(b.rng.range(30, 120)).to_weekday();
                let end = fulls.get(k + 1).map_or_else(|| start.add_days(b.rng.range(400, 700)), |&j| events[j].published.add_days(-1));
                if end <= start.add_days(60) {
                    continue;
                }
                let person = b.person();
                bodies[c].commissioners.push(Tenure { person, start, end: Some(end), interim: false, prev: None, within: None });
            }
        }
        let reporters = (0..60).map(|_| b.person()).collect();
        let trade_reporters = (0..10).map(|_| b.person()).collect();
        let bloggers = (0..40).map(|_| b.person()).collect();
        World { people: b.people, bodies, councils, events, reporters, trade_reporters, bloggers }
    }

    #[allow(clippy::too_many_arguments)]
    fn event(b: &mut Builder, bodies: &[Body], council: BodyId, year: i32, kind: Kind, rating: Option<Rating>, hmis: &[PersonId], ois: &[PersonId]) -> Event {
        // Inspections start early in the week, between January and September,
        // so that the report is out in the same year.
        let mut start = Ymd::new(year, 1 + b.rng.below(9) as u32, 1 + b.rng.below(28) as u32);
        while start.weekday() > 2 {
            start = start.add_days(1);
        }
        let (len, publish) = match kind {
            Kind::Full => (if b.rng.chance(0.5) { 11 } else { 18 }, b.rng.range(42, 60)),
            _ => (1, b.rng.range(25, 40)),
        };
        let end = start.add_days(len);
        let published = end.add_days(publish).to_weekday();
        let body = bodies[council].handovers.iter().filter(|h| h.date <= start).map(|h| h.trust).next_back().unwrap_or(council);
        let n = if kind == Kind::Full { 2 + b.rng.below(2) } else { 1 + b.rng.below(2) };
        let mut team: Vec<PersonId> = Vec::new();
        while team.len() < n {
            let p = *b.rng.pick(hmis);
            if !team.contains(&p) {
                team.push(p);
            }
        }
        let oi = b.rng.chance(0.5).then(|| *b.rng.pick(ois));
        Event { body, council, kind, start, end, published, rating, hmis: team, oi, seq: 0, since: None }
    }

    pub fn holder(list: &[Tenure], d: Ymd) -> Option<(usize, &Tenure)> {
        list.iter().enumerate().find(|(_, t)| t.holds(d))
    }

    /// The trust running a council's services on a date.
    pub fn trust_on(&self, council: BodyId, d: Ymd) -> Option<&Handover> {
        self.bodies[council].handovers.iter().rfind(|h| h.date <= d)
    }

    pub fn name(&self, p: PersonId) -> String {
        self.people[p].name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_world_covers_the_councils_and_keeps_one_event_a_year() {
        let w = World::new(1);
        assert!(w.councils.len() > 130, "{} councils", w.councils.len());
        for &c in &w.councils {
            let years: Vec<i32> = w.bodies[c].events.iter().map(|&e| w.events[e].start.y).collect();
            let mut sorted = years.clone();
            sorted.dedup();
            assert_eq!(years, sorted, "{}", w.bodies[c].name);
            for e in &w.bodies[c].events {
                assert_eq!(w.events[*e].published.y, w.events[*e].start.y);
            }
            assert!(World::holder(&w.bodies[c].dcs, Ymd::new(2016, 6, 1)).is_some());
        }
        let names: HashSet<String> = w.people.iter().map(|p| p.name()).collect();
        assert_eq!(names.len(), w.people.len(), "every invented person has a name of their own");
    }

    #[test]
    fn the_world_is_deterministic() {
        let (a, b) = (World::new(9), World::new(9));
        assert_eq!(a.people.iter().map(|p| p.name()).collect::<Vec<_>>(), b.people.iter().map(|p| p.name()).collect::<Vec<_>>());
        assert_eq!(a.events.len(), b.events.len());
    }
}
