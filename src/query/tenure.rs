//! Tenure: who held which post in which body, and when, assembled across
//! documents, and the `who-led` answer built on it.
//!
//! The observations of one post (one `heldRole` edge: a person, a body and the
//! wording of the post) merge into one span. It starts at the start a text
//! gave, else when a succession put the person in post, else the first date a
//! source saw them in it. It ends at the end a text gave, else when a
//! successor took over, else, for a person a later document calls `former`,
//! no later than that document's date, else the last date a source saw them in post.

use super::lookup::words;
use super::table::Table;
use super::{date_key, day_range, documents_cell, parse_date, Answer, Graph, Iso, Named, QueryError, Source};
use crate::date::PartialDate;
use crate::query::load::{Kind, Model, Statement};
use crate::schema::Schema;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a span's start or end rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The text gave the date.
    Stated,
    /// The first (for a start) or last (for an end) date a source saw the post held.
    Seen,
    /// A successor took over then.
    Succession,
    /// A document of that date calls the person former: the post ended by then.
    NoLaterThan,
}

/// One end of a span.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Bound {
    pub date: Iso,
    pub basis: Basis,
}

impl Bound {
    fn new(date: PartialDate, basis: Basis) -> Bound {
        Bound { date: Iso(date), basis }
    }

    /// `2019-10`, `2018-05-18 (seen)`, `2019-10 (succession)`, `by 2021-03-25`.
    pub fn cell(&self) -> String {
        match self.basis {
            Basis::Stated => self.date.to_string(),
            Basis::Seen => format!("{} (seen)", self.date),
            Basis::Succession => format!("{} (succession)", self.date),
            Basis::NoLaterThan => format!("by {}", self.date),
        }
    }
}

fn cell(b: &Option<Bound>) -> String {
    b.as_ref().map_or_else(|| "?".to_string(), Bound::cell)
}

/// One person's span in one post of one body.
#[derive(Debug, Clone, Serialize)]
pub struct Tenure {
    pub person: Named,
    pub role: String,
    pub body: Named,
    pub start: Option<Bound>,
    pub end: Option<Bound>,
    pub first_seen: Option<Iso>,
    pub last_seen: Option<Iso>,
    /// `current`, `former` or `future`, as the latest source has it (`former` once a span has ended).
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub succeeded: Vec<Named>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub succeeded_by: Vec<Named>,
    pub sources: Vec<Source>,
}

impl Tenure {
    /// The latest date the sources show the post held: its start, the last
    /// date it was seen, or an end a text or a succession gave.
    pub fn held_through(&self) -> Option<PartialDate> {
        let end = self.end.filter(|e| matches!(e.basis, Basis::Stated | Basis::Succession));
        [self.start.map(|b| b.date.0), self.last_seen.map(|d| d.0), end.map(|b| b.date.0)].into_iter().flatten().max()
    }

    /// Whether the sources show the post held at some time within `at`: a
    /// date it was known held falls within it, or it was begun by its end and
    /// held until (or ended no earlier than) its beginning.
    pub fn held_at(&self, at: &PartialDate) -> bool {
        let (at_first, at_last) = day_range(at);
        let within = |d: &PartialDate| day_range(d).0 <= at_last && day_range(d).1 >= at_first;
        let known = [self.start.map(|b| b.date.0), self.first_seen.map(|d| d.0), self.held_through()];
        if known.iter().flatten().any(within) {
            return true;
        }
        match (self.start, self.held_through()) {
            (Some(s), Some(t)) => day_range(&s.date.0).0 <= at_last && day_range(&t).1 >= at_first,
            _ => false,
        }
    }

    fn sort_date(&self) -> Option<PartialDate> {
        self.start.map(|b| b.date.0).or(self.held_through()).or(self.end.map(|b| b.date.0))
    }
}

/// A span being assembled.
struct Draft<'a> {
    person: String,
    body: String,
    role: String,
    roles: Vec<&'a Statement>,
    successions: Vec<&'a Statement>,
    start_by_succession: Option<PartialDate>,
    end_by_succession: Option<PartialDate>,
    succeeded: Vec<String>,
    succeeded_by: Vec<String>,
}

/// Every tenure in the graph.
pub fn tenures(model: &Model) -> Vec<Tenure> {
    let mut groups: BTreeMap<(String, String, String), Vec<&Statement>> = BTreeMap::new();
    for st in model.statements_of("heldRole") {
        let role = st.role_name.as_deref().unwrap_or_default().to_string();
        groups.entry((st.subject.to_string(), st.object.to_string(), role)).or_default().push(st);
    }
    let mut drafts: Vec<Draft> = groups
        .into_iter()
        .map(|((person, body, role), roles)| Draft {
            person,
            body,
            role,
            roles,
            successions: Vec::new(),
            start_by_succession: None,
            end_by_succession: None,
            succeeded: Vec::new(),
            succeeded_by: Vec::new(),
        })
        .collect();
    apply_successions(model, &mut drafts);
    drafts.into_iter().map(|d| finish(model, d)).collect()
}

/// Whether two wordings name the same post: equal, one the other's first or
/// last words (`commissioner`, `children's commissioner`), or the same post in
/// `schema/vocab/roles.tsv` (`dcs`, `director of children's services`).
fn same_post(a: &str, b: &str) -> bool {
    let (a, b) = (words(a).join(" "), words(b).join(" "));
    let part = |s: &str, l: &str| l.starts_with(&format!("{s} ")) || l.ends_with(&format!(" {s}"));
    a == b || part(&a, &b) || part(&b, &a) || canonical_post(&a).is_some_and(|c| Some(c) == canonical_post(&b))
}

/// The usual name of the post a wording begins with, from `schema/vocab/roles.tsv`.
fn canonical_post(wording: &str) -> Option<String> {
    let schema = Schema::get();
    let wording = wording.trim();
    // Abbreviations (`DCS`) are matched in capitals only.
    [wording.to_string(), wording.to_uppercase()].iter().find_map(|text| {
        let m = schema.role_regex.find(text)?;
        (m.start() == 0).then(|| schema.role_at(text, 0)).flatten().map(|i| schema.role_titles[i].canonical.clone())
    })
}

/// A succession `S succeeded P` closes P's span in the post that S took over
/// at S's start, and opens S's span then, when the text gave no other start.
fn apply_successions<'a>(model: &'a Model, drafts: &mut [Draft<'a>]) {
    let is_person = |id: &str| model.node(id).is_some_and(|n| n.kind == Kind::Person);
    // Each person's drafts, in order (a large graph has tens of thousands of
    // drafts and of successions: looked up, not searched for each).
    let mut drafts_of: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (i, d) in drafts.iter().enumerate() {
        drafts_of.entry(d.person.clone()).or_default().push(i);
    }
    for st in model.statements_of("succeeded") {
        let (s, p) = (&*st.subject, &*st.object);
        if !is_person(s) || !is_person(p) {
            continue;
        }
        let what = st.what.as_deref().map(|w| words(w).join(" ")).unwrap_or_default();
        let of = |who: &str| drafts_of.get(who).map_or(&[][..], Vec::as_slice);
        let (preds, succs) = (of(p), of(s));
        let pair = |i: usize, j: usize| drafts[i].body == drafts[j].body && same_post(&drafts[i].role, &drafts[j].role);
        let mut chosen: Vec<usize> = preds.iter().copied().filter(|&i| succs.iter().any(|&j| pair(i, j))).collect();
        if chosen.is_empty() {
            let role_words = |i: usize| words(&drafts[i].role).join(" ");
            chosen = preds.iter().copied().filter(|&i| !role_words(i).is_empty() && what.contains(&role_words(i))).collect();
        }
        if chosen.is_empty() && preds.len() == 1 {
            chosen = preds.to_vec();
        }
        let plans: Vec<(usize, Vec<usize>, Option<PartialDate>)> = chosen
            .into_iter()
            .map(|i| {
                let matching: Vec<usize> = succs.iter().copied().filter(|&j| pair(i, j)).collect();
                let successor_start = matching
                    .iter()
                    .filter_map(|&j| drafts[j].roles.iter().filter_map(|r| r.start).min().or_else(|| first_seen(&drafts[j].roles)))
                    .min();
                (i, matching, st.date.or(successor_start))
            })
            .collect();
        for (i, matching, date) in plans {
            let d = &mut drafts[i];
            if let Some(date) = date {
                d.end_by_succession = Some(d.end_by_succession.map_or(date, |e| e.min(date)));
            }
            push_unique(&mut d.succeeded_by, s);
            d.successions.push(st);
            for j in matching {
                let d = &mut drafts[j];
                if let Some(date) = st.date {
                    d.start_by_succession = Some(d.start_by_succession.map_or(date, |e| e.min(date)));
                }
                push_unique(&mut d.succeeded, p);
                d.successions.push(st);
            }
        }
    }
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

/// The date a statement saw the post held: its own date, else its document's.
fn seen_on(st: &Statement) -> Option<PartialDate> {
    st.date.or(st.observed_on)
}

/// Whether a statement says the person held the post then (not former, not future).
fn in_post(st: &Statement) -> bool {
    !matches!(st.status.as_deref(), Some("former") | Some("future"))
}

fn first_seen(roles: &[&Statement]) -> Option<PartialDate> {
    roles.iter().filter(|s| in_post(s)).filter_map(|s| seen_on(s)).min()
}

/// The status of the latest dated statement (`former` over `current` over
/// `future` on the same date); with no dated statement, the same order.
fn latest_status(roles: &[&Statement]) -> Option<String> {
    let rank = |s: &Statement| match s.status.as_deref() {
        Some("former") => 3,
        Some("current") => 2,
        Some("future") => 1,
        _ => 0,
    };
    let dated = roles.iter().filter_map(|s| Some(((s.observed_on.or(s.date)?, rank(s)), s))).max_by_key(|(k, _)| *k);
    match dated {
        Some((_, s)) => s.status.as_deref().map(String::from),
        None => roles.iter().max_by_key(|s| rank(s)).and_then(|s| s.status.as_deref().map(String::from)),
    }
}

fn finish(model: &Model, d: Draft) -> Tenure {
    let stated_start = d.roles.iter().filter_map(|s| s.start).min();
    let stated_end = d.roles.iter().filter_map(|s| s.end).max();
    let first = first_seen(&d.roles);
    let last = d.roles.iter().filter(|s| in_post(s)).filter_map(|s| seen_on(s)).max();
    // A document that calls the person former, no earlier than the last sighting in post.
    let former_by = d
        .roles
        .iter()
        .filter(|s| s.status.as_deref() == Some("former"))
        .filter_map(|s| s.observed_on.or(s.date))
        .filter(|f| last.is_none_or(|l| *f >= l))
        .min();
    let start = stated_start
        .map(|x| Bound::new(x, Basis::Stated))
        .or(d.start_by_succession.map(|x| Bound::new(x, Basis::Succession)))
        .or(first.map(|x| Bound::new(x, Basis::Seen)));
    let ended = stated_end.is_some() || d.end_by_succession.is_some();
    let status = if ended { Some("former".to_string()) } else { latest_status(&d.roles) };
    let end = stated_end
        .map(|x| Bound::new(x, Basis::Stated))
        .or(d.end_by_succession.map(|x| Bound::new(x, Basis::Succession)))
        .or(former_by.filter(|_| status.as_deref() == Some("former")).map(|x| Bound::new(x, Basis::NoLaterThan)))
        .or(last.map(|x| Bound::new(x, Basis::Seen)));
    let mut sources: Vec<Source> = d.roles.iter().chain(d.successions.iter()).map(|s| Source::of(model, s)).collect();
    sources.sort_by_key(|s| (date_key(s.published.map(|p| p.0)), s.document.clone(), s.start_offset));
    Tenure {
        person: Named::of(model, &d.person),
        role: d.role,
        body: Named::of(model, &d.body),
        start,
        end,
        first_seen: first.map(Iso),
        last_seen: last.map(Iso),
        status,
        succeeded: d.succeeded.iter().map(|p| Named::of(model, p)).collect(),
        succeeded_by: d.succeeded_by.iter().map(|p| Named::of(model, p)).collect(),
        sources,
    }
}

/// Whether a post's wording fits the words given with `--role`: each word
/// begins a word of the post (or of its usual name), or both name the same post.
pub fn role_matches(role: &str, query: &str) -> bool {
    let q = words(query);
    let fits = |name: &str| {
        let w = words(name);
        q.iter().all(|x| w.iter().any(|y| y.starts_with(x.as_str())))
    };
    fits(role) || canonical_post(role).is_some_and(|c| fits(&c)) || canonical_post(query).is_some_and(|c| Some(c) == canonical_post(role))
}

/// The answer to `who-led BODY [--at DATE] [--role WORDS]`.
#[derive(Debug, Serialize)]
pub struct WhoLed {
    pub body: Named,
    pub graph: String,
    pub at: Option<Iso>,
    pub role: Option<String>,
    pub tenures: Vec<Tenure>,
}

/// The people who held posts in a body, their posts and spans, with sources.
pub fn who_led(g: &Graph, body: &str, at: Option<&str>, role: Option<&str>) -> Result<WhoLed, QueryError> {
    let at = at.map(parse_date).transpose()?;
    let b = super::lookup::find(&g.model, body, &[Kind::Body], "body", "try part of its name, or `oversight inspections` to list the bodies inspected")?;
    let mut found: Vec<Tenure> = tenures(&g.model)
        .into_iter()
        .filter(|t| t.body.id == b.id)
        .filter(|t| role.is_none_or(|r| role_matches(&t.role, r)))
        .filter(|t| at.is_none_or(|a| t.held_at(&a)))
        .collect();
    found.sort_by(|a, b| (&a.role, date_key(a.sort_date()), &a.person.name).cmp(&(&b.role, date_key(b.sort_date()), &b.person.name)));
    Ok(WhoLed { body: Named { name: b.name.to_string(), id: b.id.clone() }, graph: g.origin.clone(), at: at.map(Iso), role: role.map(str::to_string), tenures: found })
}

/// The legend under a table of spans.
pub const LEGEND: &str = "from/to: a date the text gave; (seen): the first or last date a source saw the post held;
(succession): when a successor took over; by DATE: a document of that date calls the person former; ?: not known.";

/// Rows of spans: post, person or body, from, to, status, documents.
pub fn tenure_table(tenures: &[Tenure], other: &str) -> Table {
    let mut t = Table::new(&["role", other, "from", "to", "status", "sources"]);
    for x in tenures {
        let who = if other == "person" { &x.person.name } else { &x.body.name };
        t.row(vec![x.role.clone(), who.clone(), cell(&x.start), cell(&x.end), x.status.clone().unwrap_or_default(), documents_cell(&x.sources)]);
    }
    t
}

impl Answer for WhoLed {
    fn table(&self) -> String {
        let mut head = format!("Posts held in {}", self.body.name);
        if let Some(r) = &self.role {
            head.push_str(&format!(", posts matching '{r}'"));
        }
        if let Some(a) = self.at {
            head.push_str(&format!(", at {a}"));
        }
        head.push_str(&format!(" (graph: {})\n\n", self.graph));
        if self.tenures.is_empty() {
            head.push_str(&match self.at {
                Some(a) => format!("No post is known to have been held then: none seen held in {a}, nor begun by then and seen held, or ended, no earlier.\nTry without --at to see every post and its dates.\n"),
                None => "No one is recorded as holding a post there.\n".to_string(),
            });
            return head;
        }
        head.push_str(&tenure_table(&self.tenures, "person").render());
        head.push('\n');
        head.push_str(LEGEND);
        head.push('\n');
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(statements: &str) -> Model {
        let text = format!(
            r#"{{"@graph": [
              {{"@id": "b", "@type": "Body", "name": "Barset County Council"}},
              {{"@id": "p", "@type": "Person", "name": "Pat One"}},
              {{"@id": "q", "@type": "Person", "name": "Quin Two"}},
              {{"@id": "d1", "@type": "Document", "name": "one.txt", "datePublished": "2018-05-18"}},
              {{"@id": "d2", "@type": "Document", "name": "two.txt", "datePublished": "2021-03-25"}},
              {statements}
            ]}}"#
        );
        Model::parse(&text).unwrap()
    }

    fn role(subject: &str, role: &str, status: &str, doc: &str, date: &str, extra: &str) -> String {
        format!(
            r#"{{"@id": "s-{subject}-{doc}", "@type": "Statement", "subject": "{subject}", "predicate": "heldRole", "object": "b", "roleName": "{role}", "status": "{status}", "observedOn": "{date}", "date": "{date}", "wasDerivedFrom": "{doc}" {extra}}}"#
        )
    }

    #[test]
    fn observations_of_one_post_merge_into_one_span() {
        let m = graph(&[role("p", "director of children's services", "current", "d1", "2018-05-18", ""), role("p", "director of children's services", "current", "d2", "2021-03-25", "")].join(","));
        let t = tenures(&m);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].start.unwrap().cell(), "2018-05-18 (seen)");
        assert_eq!(t[0].end.unwrap().cell(), "2021-03-25 (seen)");
        assert!(t[0].held_at(&PartialDate::year(2019)));
        assert!(!t[0].held_at(&PartialDate::month(2018, 4)));
        assert_eq!(t[0].sources.len(), 2);
    }

    #[test]
    fn former_in_a_later_document_ends_the_span_by_its_date() {
        let m = graph(&[role("p", "chair", "current", "d1", "2018-05-18", ""), role("p", "chair", "former", "d2", "2021-03-25", "")].join(","));
        let t = &tenures(&m)[0];
        assert_eq!(t.status.as_deref(), Some("former"));
        assert_eq!(t.end.unwrap().cell(), "by 2021-03-25");
        // Held at the sighting, not known to be held later.
        assert!(t.held_at(&PartialDate::month(2018, 5)) && !t.held_at(&PartialDate::year(2020)));
    }

    #[test]
    fn a_succession_closes_the_predecessor_at_the_successor_start() {
        let succession = r#"{"@id": "s-succ", "@type": "Statement", "subject": "q", "predicate": "succeeded", "object": "p", "date": "2019-10", "what": "chair of Barset County Council", "wasDerivedFrom": "d2"}"#;
        let m = graph(&[role("p", "chair", "current", "d1", "2018-05-18", ""), role("q", "chair", "current", "d2", "2021-03-25", ""), succession.to_string()].join(","));
        let t = tenures(&m);
        let p = t.iter().find(|t| t.person.id == "p").unwrap();
        let q = t.iter().find(|t| t.person.id == "q").unwrap();
        assert_eq!((p.end.unwrap().cell(), p.status.as_deref()), ("2019-10 (succession)".to_string(), Some("former")));
        assert_eq!(q.start.unwrap().cell(), "2019-10 (succession)");
        assert_eq!(p.succeeded_by[0].name, "Quin Two");
        assert!(p.held_at(&PartialDate::year(2019)) && q.held_at(&PartialDate::year(2020)));
    }

    #[test]
    fn stated_dates_win() {
        let m = graph(&role("p", "chair", "current", "d2", "2021-03-25", r#", "startDate": "2019-10""#));
        assert_eq!(tenures(&m)[0].start.unwrap().cell(), "2019-10");
    }

    #[test]
    fn roles_match_by_words_and_by_post() {
        assert!(role_matches("director of children's services", "director"));
        assert!(role_matches("director of children's services", "DCS"));
        assert!(role_matches("dcs", "director of children's services"));
        assert!(role_matches("chief executive", "chief exec"));
        assert!(!role_matches("chair", "chief executive"));
    }
}
