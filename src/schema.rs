//! The rules' data: gazetteers and vocabularies under `schema/`, built into the
//! binary so it runs anywhere, and parsed once.

use regex::{Regex, RegexBuilder};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

pub const BODIES_TSV: &str = include_str!("../schema/gazetteer/bodies.tsv");
pub const GIVEN_NAMES: &str = include_str!("../schema/gazetteer/given_names.txt");
pub const HONORIFICS: &str = include_str!("../schema/vocab/honorifics.txt");
pub const NOT_NAMES: &str = include_str!("../schema/vocab/not_names.txt");
pub const RATINGS_TSV: &str = include_str!("../schema/vocab/ratings.tsv");
pub const ROLES_TSV: &str = include_str!("../schema/vocab/roles.tsv");
pub const INSPECTION_KINDS_TSV: &str = include_str!("../schema/vocab/inspection_kinds.tsv");
pub const BOILERPLATE: &str = include_str!("../schema/vocab/boilerplate.txt");
pub const TOPIC: &str = include_str!("../schema/vocab/topic.txt");
pub const STATUS_CUES_TSV: &str = include_str!("../schema/vocab/status_cues.tsv");
pub const CONTEXT_JSONLD: &str = include_str!("../schema/context.jsonld");

/// What sort of body a gazetteer row or a found body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyKind {
    Council,
    Trust,
    Inspectorate,
    Department,
    Organisation,
    /// A political party or its group on a council: named in council
    /// reporting, never inspected and never the body of a council's post.
    Party,
    /// A news service or publisher named in the text.
    Press,
}

impl BodyKind {
    pub fn parse(s: &str) -> Option<BodyKind> {
        Some(match s {
            "council" => BodyKind::Council,
            "trust" => BodyKind::Trust,
            "inspectorate" => BodyKind::Inspectorate,
            "department" => BodyKind::Department,
            "organisation" => BodyKind::Organisation,
            "party" => BodyKind::Party,
            "press" => BodyKind::Press,
            _ => return None,
        })
    }
    pub fn as_str(&self) -> &'static str {
        match self {
            BodyKind::Council => "council",
            BodyKind::Trust => "trust",
            BodyKind::Inspectorate => "inspectorate",
            BodyKind::Department => "department",
            BodyKind::Organisation => "organisation",
            BodyKind::Party => "party",
            BodyKind::Press => "press",
        }
    }
}

/// One row of `schema/gazetteer/bodies.tsv`.
#[derive(Debug, Clone)]
pub struct GazetteerBody {
    pub name: String,
    pub kind: BodyKind,
    pub place: Option<String>,
    /// Other ways prose writes the place (`Kingston` for `Kingston upon Thames`).
    pub place_aliases: Vec<String>,
    pub aliases: Vec<String>,
    /// Year the body was abolished, if it was.
    pub abolished: Option<i32>,
    /// A council's ONS GSS codes (`E10000021`): the one in use, or last in
    /// use, first, then earlier codes of the same body.
    pub gss: Vec<String>,
}

/// A post from `schema/vocab/roles.tsv`.
#[derive(Debug, Clone)]
pub struct RoleTitle {
    pub canonical: String,
    pub default_body: BodyKind,
    /// The post belongs to the council the document is about unless its words
    /// name another (`document` in roles.tsv): a commissioner is sent into the
    /// council in the news, whatever other bodies the sentence names.
    pub of_document: bool,
}

pub struct Schema {
    pub bodies: Vec<GazetteerBody>,
    /// Lower-cased name or alias -> row.
    pub body_by_name: HashMap<String, usize>,
    /// Place as written (or one of its other forms) -> rows named after it.
    pub bodies_by_place: HashMap<String, Vec<usize>>,
    pub given_names: HashSet<String>,
    pub honorifics: HashSet<String>,
    pub not_names: HashSet<String>,
    /// The words that put a document on topic (`topic.txt`), as written.
    pub topic_words: Vec<String>,
    /// Rating words, longest first, with their judgement.
    pub ratings: Vec<(String, String)>,
    pub role_titles: Vec<RoleTitle>,
    /// One alternation of every role pattern; group `r{i}` is role `i`.
    pub role_regex: Pattern,
    /// Each role's pattern on its own, anchored at the start: the first that
    /// matches where a match of `role_regex` starts is its alternative.
    role_starts: Vec<Pattern>,
    /// Inspection-kind patterns and their kinds.
    pub inspection_kinds: Vec<(Pattern, String)>,
    /// Every boilerplate line pattern, as one alternation.
    pub boilerplate: Pattern,
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(|l| l.trim_end_matches('\r')).filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn word_set(text: &str) -> HashSet<String> {
    data_lines(text).map(|l| l.trim().to_string()).collect()
}

/// Parses the built-in schema now, rather than at first use.
pub(crate) fn warm_up() {
    Schema::get();
}

impl Schema {
    /// The GSS codes of the council with this name or alias (none for a
    /// name the gazetteer lacks, or a body that is not a council).
    pub fn gss_codes(&self, name: &str) -> &[String] {
        self.body_by_name.get(&name.to_lowercase()).map_or(&[], |&i| &self.bodies[i].gss)
    }

    /// The schema built into the binary, parsed on first use.
    pub fn get() -> &'static Schema {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        SCHEMA.get_or_init(|| Schema::parse().unwrap_or_else(|e| panic!("built-in schema is invalid: {e}")))
    }

    pub fn parse() -> Result<Schema, String> {
        let mut bodies = Vec::new();
        for (n, line) in data_lines(BODIES_TSV).enumerate() {
            let cols: Vec<&str> = line.split('\t').collect();
            if n == 0 && cols.first() == Some(&"name") {
                continue; // header
            }
            if cols.len() < 2 {
                return Err(format!("bodies.tsv: line '{line}' has {} columns", cols.len()));
            }
            let kind = BodyKind::parse(cols[1].trim())
                .ok_or_else(|| format!("bodies.tsv: unknown kind '{}' in '{line}'", cols[1]))?;
            let col = |i: usize| cols.get(i).map(|s| s.trim()).filter(|s| !s.is_empty());
            let abolished = col(4)
                .and_then(|s| s.strip_prefix("abolished "))
                .and_then(|s| s.get(..4))
                .and_then(|y| y.parse().ok());
            // The place column: the place, then `|`-separated other ways of writing it.
            let mut places = col(2).into_iter().flat_map(|p| p.split('|')).map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
            bodies.push(GazetteerBody {
                name: cols[0].trim().to_string(),
                kind,
                place: places.next(),
                place_aliases: places.collect(),
                aliases: col(3).map(|a| a.split('|').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()).unwrap_or_default(),
                abolished,
                gss: col(5).filter(|c| *c != "-").map(|c| c.split('|').map(|s| s.trim().to_string()).collect()).unwrap_or_default(),
            });
        }
        let mut body_by_name = HashMap::new();
        let mut bodies_by_place: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, b) in bodies.iter().enumerate() {
            for name in std::iter::once(&b.name).chain(&b.aliases) {
                body_by_name.entry(name.to_lowercase()).or_insert(i);
            }
            for p in b.place.iter().chain(&b.place_aliases) {
                bodies_by_place.entry(p.clone()).or_default().push(i);
            }
        }

        let mut ratings: Vec<(String, String)> = data_lines(RATINGS_TSV)
            .filter_map(|l| l.split_once('\t'))
            .map(|(w, j)| (w.trim().to_lowercase(), j.trim().to_string()))
            .collect();
        ratings.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));

        let mut role_titles = Vec::new();
        let mut alternation = Vec::new();
        let mut role_starts = Vec::new();
        for line in data_lines(ROLES_TSV) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 3 {
                return Err(format!("roles.tsv: '{line}' needs 3 columns"));
            }
            let of_document = cols[2].trim() == "document";
            let default_body = if of_document { Some(BodyKind::Council) } else { BodyKind::parse(cols[2].trim()) }
                .ok_or_else(|| format!("roles.tsv: unknown body kind in '{line}'"))?;
            // Short all-capital abbreviations (DCS, HMI) must match in capitals.
            let pat = if cols[0].chars().all(|c| c.is_ascii_uppercase()) {
                format!("(?-i:{})", cols[0])
            } else {
                cols[0].to_string()
            };
            role_starts.push(compile(&format!(r"^(?:{pat})\b")).map_err(|e| format!("roles.tsv: {e}"))?);
            alternation.push(format!("(?P<r{}>{})", role_titles.len(), pat));
            role_titles.push(RoleTitle { canonical: cols[1].to_string(), default_body, of_document });
        }
        let role_regex = compile(&format!(r"\b(?:{})\b", alternation.join("|"))).map_err(|e| format!("roles.tsv: {e}"))?;

        let mut inspection_kinds = Vec::new();
        for line in data_lines(INSPECTION_KINDS_TSV) {
            let (pat, kind) = line.split_once('\t').ok_or_else(|| format!("inspection_kinds.tsv: '{line}'"))?;
            let pat = if pat.chars().all(|c| c.is_ascii_uppercase()) { format!("(?-i:{pat})") } else { pat.to_string() };
            let re = compile(&format!(r"\b(?:{pat})\b")).map_err(|e| format!("inspection_kinds.tsv: {e}"))?;
            inspection_kinds.push((re, kind.trim().to_string()));
        }
        // Each line compiled alone first, so that an error names it.
        let lines: Vec<&str> = data_lines(BOILERPLATE).map(str::trim).collect();
        for l in &lines {
            compile(l).map_err(|e| format!("boilerplate.txt: {e}"))?;
        }
        let boilerplate = compile(&alternatives(lines.iter().copied())).map_err(|e| format!("boilerplate.txt: {e}"))?;

        Ok(Schema {
            bodies,
            body_by_name,
            bodies_by_place,
            given_names: word_set(GIVEN_NAMES),
            honorifics: word_set(HONORIFICS),
            not_names: word_set(NOT_NAMES),
            topic_words: data_lines(TOPIC).map(|l| l.trim().to_string()).collect(),
            ratings,
            role_titles,
            role_regex,
            role_starts,
            inspection_kinds,
            boilerplate,
        })
    }

    /// The role index of a match of `role_regex` that starts at `start` of
    /// `haystack` (its group `r{index}`), without the capture groups' search:
    /// the alternation takes the first alternative that matches there.
    pub fn role_at(&self, haystack: &str, start: usize) -> Option<usize> {
        self.role_starts.iter().position(|p| p.is_match(&haystack[start..]))
    }

    /// The judgement a rating word names (`requires improvement to be good` -> `Requires improvement`).
    pub fn rating(&self, word: &str) -> Option<&str> {
        let w = word.to_lowercase();
        self.ratings.iter().find(|(k, _)| *k == w).map(|(_, j)| j.as_str())
    }

    /// The body a place's name stands for on a date: the one of `kind` that
    /// existed then (a council abolished later than the date, or still standing).
    pub fn body_for_place(&self, place: &str, kind: BodyKind, year: Option<i32>) -> Option<usize> {
        let rows = self.bodies_by_place.get(place)?;
        let of_kind: Vec<usize> = rows.iter().copied().filter(|&i| self.bodies[i].kind == kind).collect();
        let existing = |i: &usize| match (self.bodies[*i].abolished, year) {
            (Some(a), Some(y)) => y < a,
            (Some(_), None) => false,
            (None, _) => true,
        };
        of_kind.iter().copied().find(existing).or_else(|| of_kind.first().copied())
    }
}

/// The most each pattern's lazy DFA may cache, per thread (the regex crate's
/// default is 2 MiB). The gazetteer's alternations of hundreds of names
/// outgrow the default: their states were built, dropped and built again,
/// 4 % of a build's time in a profile. A cache grows only as far as its
/// pattern needs; at 10 MB of text, 2 MB more at peak on two threads.
const DFA_CACHE: usize = 16 << 20;

/// A compiled regex that each thread searches with its own scratch space.
///
/// The regex crate keeps a search's scratch space (its lazy DFA among it) in
/// a pool: the first thread to search takes the fast path for good, and
/// every other thread takes a lock to borrow a cache and again to give it
/// back, on every search. A clone shares the compiled program but has a pool
/// of its own, so a `Pattern` holds a clone for each of a few thread slots,
/// made on a slot's first search, and dereferences to the calling thread's.
pub struct Pattern {
    copies: [OnceLock<Regex>; THREAD_SLOTS],
    /// Whether the empty text matches: if not, an empty text is not searched.
    /// Found at the first empty text, by the thread that meets it (the first
    /// thread to search a regex takes its pool's fast path for good, so no
    /// thread searches one in passing, such as the one that compiles it).
    matches_empty: OnceLock<bool>,
}

/// Threads beyond this many share slots, each still correct: a slot's later
/// threads take the pool's locked path, as every thread but one would
/// without `Pattern`.
const THREAD_SLOTS: usize = 16;

impl Pattern {
    fn new(regex: Regex) -> Pattern {
        let copies: [OnceLock<Regex>; THREAD_SLOTS] = Default::default();
        let _ = copies[0].set(regex);
        Pattern { copies, matches_empty: OnceLock::new() }
    }

    /// `Regex::captures_iter`, but an empty text (what `Words::gate` gives a
    /// pattern whose words a sentence lacks) that cannot match is not
    /// searched: making the iterator allocates the captures' slots, and the
    /// extractors ask most sentences for several patterns that they gate away.
    pub fn captures_iter<'r, 'h>(&'r self, haystack: &'h str) -> CapturesIter<'r, 'h> {
        let searched = !haystack.is_empty() || *self.matches_empty.get_or_init(|| (**self).is_match(""));
        CapturesIter(searched.then(|| (**self).captures_iter(haystack)))
    }
}

/// The captures of `Pattern::captures_iter`: none for a text not searched.
pub struct CapturesIter<'r, 'h>(Option<regex::CaptureMatches<'r, 'h>>);

impl<'h> Iterator for CapturesIter<'_, 'h> {
    type Item = regex::Captures<'h>;

    #[inline]
    fn next(&mut self) -> Option<regex::Captures<'h>> {
        self.0.as_mut()?.next()
    }
}

/// The calling thread's slot: threads are numbered as they first search.
fn thread_slot() -> usize {
    static THREADS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    thread_local!(static SLOT: usize = THREADS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % THREAD_SLOTS);
    SLOT.with(|s| *s)
}

impl std::ops::Deref for Pattern {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        let first = self.copies[0].get().expect("a pattern is made with its first copy");
        match thread_slot() {
            0 => first,
            slot => self.copies[slot].get_or_init(|| first.clone()),
        }
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_tuple("Pattern").field(&self.as_str()).finish()
    }
}

/// Compiles a case-insensitive pattern, as every one is compiled: those of
/// the data files (whose errors are the user's) and those of code (`re`).
fn compile(pattern: &str) -> Result<Pattern, regex::Error> {
    build(pattern, true)
}

/// Every pattern is built here, with its lazy DFA's cache of `DFA_CACHE`.
fn build(pattern: &str, case_insensitive: bool) -> Result<Pattern, regex::Error> {
    RegexBuilder::new(pattern).case_insensitive(case_insensitive).dfa_size_limit(DFA_CACHE).build().map(Pattern::new)
}

/// Compiles a case-insensitive regex from code, where a failure is a bug.
pub fn re(pattern: &str) -> Pattern {
    compile(pattern).unwrap_or_else(|e| panic!("bad regex {pattern}: {e}"))
}

/// Compiles a case-insensitive regex from data, saying what is wrong with it.
pub fn try_re(pattern: &str) -> Result<Pattern, String> {
    compile(pattern).map_err(|e| e.to_string())
}

/// One regex that matches wherever any of `patterns` does (each made by
/// `re`): a single search to pass over text that holds none of them.
pub fn re_any(patterns: &[&Pattern]) -> Pattern {
    re(&alternatives(patterns.iter().map(|r| r.as_str())))
}

/// A pattern matching wherever any of `patterns` does, each in its own group.
fn alternatives<'a>(patterns: impl Iterator<Item = &'a str>) -> String {
    patterns.map(|p| format!("(?:{p})")).collect::<Vec<_>>().join("|")
}

/// Compiles a case-sensitive regex from code.
pub fn re_cs(pattern: &str) -> Pattern {
    build(pattern, false).unwrap_or_else(|e| panic!("bad regex {pattern}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn a_post_found_without_its_groups_is_the_role_its_group_names() {
        let s = Schema::get();
        let text = "The director of children's services (DCS), an interim director, the lead member, HMI and \
            Ofsted inspectors met the chief executive officer, the deputy leader of the council, its vice-chair, \
            the head of safeguarding, senior social workers, a principal policy officer, her majesty's inspector, \
            the children's commissioner, the council leader and the DIRECTOR; a dcs is not DCS. Headteachers, chairs.";
        // The role whose group (`r0`, `r1`, ...) took part in a match.
        let role_of = |caps: &regex::Captures| (0..s.role_titles.len()).find(|i| caps.name(&format!("r{i}")).is_some());
        let mut seen = 0;
        for caps in s.role_regex.captures_iter(text) {
            let m = caps.get(0).unwrap();
            assert_eq!(s.role_at(text, m.start()), role_of(&caps), "{:?}", m.as_str());
            seen += 1;
        }
        assert!(seen >= 15, "{seen} posts found");
    }

    #[test]
    fn a_pattern_finds_the_same_on_every_thread_each_with_its_own_regex() {
        let p = re(r"\bdirector of (children's services|education)\b");
        let text = "The Director of Children's Services met the director of education.";
        let expected: Vec<String> = p.find_iter(text).map(|m| m.as_str().to_string()).collect();
        assert_eq!(expected.len(), 2);
        let here: *const Regex = &*p;
        assert_eq!(here, &*p as *const Regex, "a thread keeps its regex");
        std::thread::scope(|s| {
            for _ in 0..THREAD_SLOTS + 3 {
                s.spawn(|| {
                    let found: Vec<String> = p.find_iter(text).map(|m| m.as_str().to_string()).collect();
                    assert_eq!(found, expected);
                    assert_eq!(&*p as *const Regex, &*p as *const Regex, "a thread keeps its regex");
                });
            }
        });
    }

    #[test]
    fn captures_are_those_of_the_regex_and_an_empty_text_is_searched_only_where_it_matches() {
        let caps = |p: &Pattern, text: &str| -> Vec<Vec<Option<(usize, usize)>>> {
            p.captures_iter(text).map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()).collect()
        };
        let regex_caps = |p: &Pattern, text: &str| -> Vec<Vec<Option<(usize, usize)>>> {
            (**p).captures_iter(text).map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()).collect()
        };
        for pattern in [r"\b(the) (trust)\b", r"(x)?", r"^$", r"a*"] {
            let p = re(pattern);
            for text in ["", "the trust and THE Trust", "x", "a"] {
                assert_eq!(caps(&p, text), regex_caps(&p, text), "{pattern} in {text:?}");
            }
        }
        assert_eq!(caps(&re(r"(x)?"), "").len(), 1, "a pattern that matches the empty text still does");
    }

    #[test]
    fn the_built_in_schema_parses() {
        let s = Schema::parse().unwrap();
        assert!(s.bodies.iter().filter(|b| b.kind == BodyKind::Council).count() >= 150, "every local authority with children's services");
        assert!(s.given_names.len() > 1000);
        assert!(!s.role_titles.is_empty() && !s.ratings.is_empty() && !s.inspection_kinds.is_empty());
    }

    #[test]
    fn gazetteer_names_and_aliases_point_at_one_body_each() {
        let s = Schema::parse().unwrap();
        let mut seen: HashMap<String, &str> = HashMap::new();
        for b in &s.bodies {
            for n in std::iter::once(&b.name).chain(&b.aliases) {
                let key = n.to_lowercase();
                if let Some(other) = seen.insert(key.clone(), &b.name) {
                    assert_eq!(other, b.name, "'{n}' names both '{other}' and '{}'", b.name);
                }
            }
        }
    }

    #[test]
    fn every_place_begins_and_ends_with_a_letter_or_digit() {
        // The body extractor asks its place patterns only of sentences where
        // a place stands between word boundaries, which holds only for these.
        let s = Schema::parse().unwrap();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let bad: Vec<&String> = s.bodies_by_place.keys().filter(|p| !word(p.chars().next()) || !word(p.chars().last())).collect();
        assert!(bad.is_empty(), "places in bodies.tsv that begin or end with a sign: {bad:?}");
    }

    #[test]
    fn every_council_has_its_own_gss_codes() {
        let s = Schema::parse().unwrap();
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for b in &s.bodies {
            if b.kind != BodyKind::Council {
                assert!(b.gss.is_empty(), "{}: only councils have GSS codes", b.name);
                continue;
            }
            // None only for the councils abolished before GSS codes began (2011).
            assert!(!b.gss.is_empty() || b.abolished.is_some_and(|y| y < 2011), "{} has no GSS code", b.name);
            for code in &b.gss {
                let well_formed = code.len() == 9 && ["E06", "E08", "E09", "E10"].contains(&&code[..3]) && code[3..].bytes().all(|c| c.is_ascii_digit());
                assert!(well_formed, "{}: '{code}' is not an English local authority's GSS code", b.name);
                if let Some(other) = seen.insert(code, &b.name) {
                    panic!("{code} is the code of both {other} and {}", b.name);
                }
            }
        }
        let code = |name: &str| s.bodies.iter().find(|b| b.name == name).map(|b| b.gss.clone());
        assert_eq!(code("Northamptonshire County Council"), Some(vec!["E10000021".to_string()]));
        assert_eq!(code("North Yorkshire Council"), Some(vec!["E06000065".to_string(), "E10000023".to_string()]));
    }

    #[test]
    fn gazetteer_rows_are_sorted_by_kind_then_name() {
        let s = Schema::parse().unwrap();
        let keys: Vec<(BodyKind, &str)> = s.bodies.iter().map(|b| (b.kind, b.name.as_str())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "keep bodies.tsv sorted: a row out of place is hard to find");
    }

    #[test]
    fn given_names_never_collide_with_words_that_are_never_names() {
        let s = Schema::parse().unwrap();
        let both: Vec<&String> = s.given_names.iter().filter(|n| s.not_names.contains(*n)).collect();
        assert!(both.is_empty(), "in both given_names.txt and not_names.txt: {both:?}");
    }

    #[test]
    fn every_rating_word_names_one_of_ofsteds_judgements() {
        let s = Schema::parse().unwrap();
        for (word, judgement) in &s.ratings {
            assert!(["Outstanding", "Good", "Requires improvement", "Inadequate", "Adequate"].contains(&judgement.as_str()), "{word} -> {judgement}");
        }
    }
}
