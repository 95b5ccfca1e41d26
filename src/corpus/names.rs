//! Name pools for invented people: given names from the gazetteer
//! (`schema/gazetteer/given_names.txt`) and surnames from `surnames.txt`,
//! less every word that could be read as something else (a council's place,
//! a body, a month, a word that is never a name) and less the names of the
//! people in the seed documents.
//!
//! The seed names are not written here: they are excluded by their FNV-1a
//! hashes, and `tests/corpus.rs` checks against the seed gold files that the
//! list covers every one of them.

use crate::schema::Schema;
use std::sync::OnceLock;

const SURNAMES: &str = include_str!("surnames.txt");

/// FNV-1a (64-bit) hashes of the lower-cased words of every person's name in
/// `tests/gold/seeds/*.json`.
const EXCLUDED: [u64; 38] = [
    0x03c90f0debdabc53, 0x08c57d81f9b87b56, 0x09007b6c2a9e7084, 0x1c7df25b85f726a3, 0x242813e108be2c04,
    0x26cb2782684914c6, 0x2b8f07192bc662a3, 0x2c5bccf6188f68b7, 0x38a8b572b9cbaf10, 0x38f2dfd7e4491981,
    0x39848c84669eb3c9, 0x3c1fae82ad240adf, 0x3e4c744509ecba00, 0x5a5702aee71abae8, 0x63f0ce09bd16f03a,
    0x6b5e3f123dfefced, 0x6da62293c851fc68, 0x6e85b1d39fe9482b, 0x7012a468debbdb0d, 0x77e0ad8e2459e832,
    0x8302998025fcb048, 0x85577867309f9ca7, 0x870b24614c979cc7, 0xa08c038a5681e6aa, 0xb60c7ebfd9343104,
    0xbf67cdd43ea03b39, 0xc1d8043b140b5bbc, 0xc445b5fbb7dcd74c, 0xc55d8dece4b9ce2b, 0xc895c2c86627e70f,
    0xd1194f952fcdd744, 0xd33b086135a8caad, 0xd560b7fa44f37a35, 0xd645948dd549f85c, 0xd88e1b9d5152a512,
    0xecad4f94f4822a26, 0xf0bada6c3bb668d8, 0xf508ed954485f8dd,
];

/// Words that make awkward names in news prose even where the gazetteer lists
/// them (`Will`, `Major`), and words of the headings the generator writes.
const AWKWARD: &[&str] = &[
    "Will", "Hope", "Joy", "Grace", "Faith", "Summer", "Autumn", "Winter", "Spring", "Guy", "Bill", "Mark", "Rich",
    "Don", "Art", "Major", "Earl", "Duke", "Prince", "Chase", "Page", "Hunter", "Dean", "Sterling", "Sunny", "Star",
    "King", "Queen", "Rose", "Ivy", "Holly", "Heath", "Forest", "River", "Reading", "Chance", "Honor", "Honour",
    "Justice", "Rowan", "Temple", "Lane", "Hall", "Park", "Court", "West", "North", "South", "East", "Best", "Good",
];

pub fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Whether a word of a name is kept out of the corpus: a seed person's name,
/// or a word that the reader would take for something else.
pub fn is_excluded(word: &str) -> bool {
    let schema = Schema::get();
    let lower = word.to_lowercase();
    EXCLUDED.contains(&fnv1a(&lower))
        || AWKWARD.contains(&word)
        || schema.not_names.contains(word)
        || schema.honorifics.contains(word)
        || schema.bodies_by_place.contains_key(word)
        || schema.body_by_name.contains_key(&lower)
        || schema.bodies.iter().any(|b| b.place.as_deref().is_some_and(|p| p.split(' ').any(|w| w == word)))
        || super::date::MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word) || m[..3].eq_ignore_ascii_case(word))
        || super::date::WEEKDAYS.iter().any(|d| d.eq_ignore_ascii_case(word))
        || schema.ratings.iter().any(|(w, _)| *w == lower)
}

fn plain_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && w.len() >= 3
        && w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
        && w.chars().skip(1).any(|c| c.is_ascii_lowercase())
}

pub struct Pools {
    pub given: Vec<String>,
    pub surnames: Vec<String>,
}

/// The name pools, sorted (the gazetteer's set has no order of its own).
pub fn pools() -> &'static Pools {
    static P: OnceLock<Pools> = OnceLock::new();
    P.get_or_init(|| {
        let schema = Schema::get();
        let mut given: Vec<String> =
            schema.given_names.iter().filter(|n| plain_word(n) && !n.contains('\'') && !is_excluded(n)).cloned().collect();
        given.sort();
        let mut surnames: Vec<String> = SURNAMES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter(|n| plain_word(n) && !is_excluded(n))
            .map(String::from)
            .collect();
        surnames.sort();
        surnames.dedup();
        Pools { given, surnames }
    })
}

/// The raw surname list as written, for tests.
pub fn surname_lines() -> impl Iterator<Item = &'static str> {
    SURNAMES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pools_are_large_and_clean() {
        let p = pools();
        assert!(p.given.len() > 1500, "{} given names", p.given.len());
        assert!(p.surnames.len() >= 300, "{} surnames", p.surnames.len());
        for n in p.given.iter().chain(&p.surnames) {
            assert!(!is_excluded(n), "{n}");
        }
    }

    #[test]
    fn fnv1a_reference_value() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
