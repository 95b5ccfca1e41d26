//! Finds a person or body by the name a person types: the name or any
//! alternate name in any case, or a unique part of one (`bloggs`,
//! `Northamptonshire trust`). An exact match wins over part matches, and a
//! name that fits several nodes equally well lists them instead of guessing.

use super::load::{Kind, Model, Node};
use super::QueryError;

/// A name's words: lower case, apostrophes dropped (`Children’s` = `childrens`),
/// split at anything that is not a letter or digit.
pub fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .replace(['\'', '\u{2019}', '\u{2018}'], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// How well a query fits one name, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// The whole name or alternate name, in any case.
    Exact,
    /// Every word of the query is a word of the name.
    Words,
    /// Every word of the query begins a word of the name.
    Prefixes,
}

fn fit(query: &[String], name: &str) -> Option<Fit> {
    let name = words(name);
    if name == query {
        Some(Fit::Exact)
    } else if query.iter().all(|q| name.contains(q)) {
        Some(Fit::Words)
    } else if query.iter().all(|q| name.iter().any(|w| w.starts_with(q.as_str()))) {
        Some(Fit::Prefixes)
    } else {
        None
    }
}

/// The names a node answers to.
fn names(n: &Node) -> impl Iterator<Item = &str> {
    std::iter::once(&*n.name).chain(n.alternate_names.iter().map(String::as_str))
}

/// The one node of one of `kinds` that `query` names. `what` says what was
/// looked for (`body`, `person or body`) and `hint` what to try when nothing fits.
pub fn find<'a>(model: &'a Model, query: &str, kinds: &[Kind], what: &str, hint: &str) -> Result<&'a Node, QueryError> {
    let q = words(query);
    let candidates = || model.nodes.iter().filter(|n| kinds.contains(&n.kind));
    let best: Vec<(Fit, &Node)> = if q.is_empty() {
        Vec::new()
    } else {
        candidates().filter_map(|n| names(n).filter_map(|name| fit(&q, name)).min().map(|f| (f, n))).collect()
    };
    let Some(top) = best.iter().map(|(f, _)| *f).min() else {
        // A person asked for as a body (or the other way round) gets pointed to the right command.
        let hint = match model.nodes.iter().find(|n| !kinds.contains(&n.kind) && matches!(n.kind, Kind::Person | Kind::Body) && names(n).any(|name| fit(&q, name) == Some(Fit::Exact))) {
            Some(n) => format!("'{}' is a {}: try `oversight timeline \"{}\"`", n.name, n.kind.as_str(), n.name),
            None => hint.to_string(),
        };
        return Err(QueryError::NoMatch { what: what.into(), name: query.into(), hint, suggestions: suggestions(model, &q, kinds) });
    };
    let mut found: Vec<&Node> = best.into_iter().filter(|(f, _)| *f == top).map(|(_, n)| n).collect();
    if found.len() == 1 {
        return Ok(found[0]);
    }
    found.sort_by(|a, b| (&a.name, a.kind).cmp(&(&b.name, b.kind)));
    let show_kind = kinds.len() > 1;
    let candidates = found
        .iter()
        .map(|n| if show_kind { format!("{} ({})", n.name, n.kind.as_str()) } else { n.name.to_string() })
        .collect();
    Err(QueryError::Ambiguous { what: what.into(), name: query.into(), candidates })
}

/// Names that share a word of four letters or more with a query that matched
/// nothing, most shared words first: a "did you mean".
fn suggestions(model: &Model, q: &[String], kinds: &[Kind]) -> Vec<String> {
    let long: Vec<&String> = q.iter().filter(|w| w.chars().count() >= 4).collect();
    let mut scored: Vec<(usize, String)> = model
        .nodes
        .iter()
        .filter(|n| kinds.contains(&n.kind))
        .filter_map(|n| {
            let score = names(n)
                .map(|name| {
                    let ws = words(name);
                    long.iter().filter(|l| ws.iter().any(|w| w.starts_with(l.as_str()) || l.starts_with(w.as_str()) && w.chars().count() >= 4)).count()
                })
                .max()
                .unwrap_or(0);
            (score > 0).then(|| (score, n.name.to_string()))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(5).map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        let text = r#"{"@graph": [
          {"@id": "urn:oversight:body:a", "@type": "Body", "name": "Barset County Council", "alternateName": ["Barset", "the council"]},
          {"@id": "urn:oversight:body:b", "@type": "Body", "name": "Barset Children’s Trust", "alternateName": ["BCT"]},
          {"@id": "urn:oversight:body:c", "@type": "Body", "name": "Barchester City Council"},
          {"@id": "urn:oversight:person:x", "@type": "Person", "name": "Jo Example", "alternateName": ["Ms Example"]}
        ]}"#;
        Model::parse(text).unwrap()
    }

    fn body<'a>(m: &'a Model, q: &str) -> Result<&'a Node, QueryError> {
        find(m, q, &[Kind::Body], "body", "")
    }

    #[test]
    fn exact_names_win_over_parts() {
        let m = model();
        assert_eq!(body(&m, "barset").unwrap().name.as_ref(), "Barset County Council");
        assert_eq!(body(&m, "bct").unwrap().name.as_ref(), "Barset Children’s Trust");
        assert_eq!(body(&m, "BARSET CHILDRENS TRUST").unwrap().name.as_ref(), "Barset Children’s Trust");
    }

    #[test]
    fn a_unique_part_is_enough() {
        let m = model();
        assert_eq!(body(&m, "Barset trust").unwrap().name.as_ref(), "Barset Children’s Trust");
        assert_eq!(body(&m, "barchester").unwrap().name.as_ref(), "Barchester City Council");
        assert_eq!(find(&m, "example", &[Kind::Person, Kind::Body], "person or body", "").unwrap().name.as_ref(), "Jo Example");
    }

    #[test]
    fn whole_words_win_over_prefixes() {
        let m = model();
        // `council` is a whole word of two names: ambiguous.
        match body(&m, "council") {
            Err(QueryError::Ambiguous { candidates, .. }) => assert_eq!(candidates, ["Barchester City Council", "Barset County Council"]),
            other => panic!("{other:?}"),
        }
        // `bar` only begins words.
        assert!(matches!(body(&m, "bar"), Err(QueryError::Ambiguous { .. })));
    }

    #[test]
    fn no_match_suggests_near_names() {
        let m = model();
        match body(&m, "Barset police") {
            Err(QueryError::NoMatch { suggestions, .. }) => assert!(suggestions.contains(&"Barset County Council".to_string())),
            other => panic!("{other:?}"),
        }
        match body(&m, "Jo Example") {
            Err(QueryError::NoMatch { hint, .. }) => assert!(hint.contains("is a person") && hint.contains("timeline"), "{hint}"),
            other => panic!("{other:?}"),
        }
    }
}
