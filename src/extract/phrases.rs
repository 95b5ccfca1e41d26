//! A gazetteer's names found by looking up each word, rather than by a regex
//! alternation of hundreds of names that scans every byte of every sentence
//! once per list.
//!
//! [`Phrases::find_iter`] gives exactly the matches of the regex
//! `\b(?:NAME|NAME|...)\b` (the names longest first): leftmost, the longest
//! name at each place, never overlapping. It looks each word up by its first
//! word, reading the characters either side of a name as the regex's Unicode
//! word boundaries do (`Kentish`, `Kenté` hold no `Kent`). The only letters
//! that Unicode's case folding makes ASCII ones (the Kelvin sign is `k`, `ſ`
//! is `s`) send a text to that regex.

use crate::schema::{re, re_cs, Pattern};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Names to find.
pub struct Phrases {
    case_insensitive: bool,
    /// Whether every name is ASCII and begins and ends with a letter or
    /// digit, as the word-by-word search needs; if not, the regex does all.
    by_words: bool,
    /// The names (lower-cased when case does not matter), by their first word.
    by_first_word: HashMap<Box<[u8]>, Vec<Box<[u8]>>, BuildHasherDefault<WordHasher>>,
    /// For each first byte, a bit for each length of a first word that starts
    /// with it (63 for any longer): most words are passed over on this alone.
    first_word_lengths: [u64; 256],
    /// `\b(?:NAME|...)\b`, for the rare text the word lookup cannot read
    /// (see the module's note); compiled when first needed.
    regex: OnceLock<Pattern>,
    pattern: String,
}

/// Whether each byte is an ASCII word character (`\w`: a letter, a digit or `_`).
const WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

fn is_word_byte(b: u8) -> bool {
    WORD_BYTE[b as usize]
}

/// Whether the character before byte `at` (a character boundary) is a word
/// character as Unicode's `\b` reads it.
pub(crate) fn word_char_before(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => false,
        Some(&b) if b < 0x80 => is_word_byte(b),
        Some(_) => text[..at].chars().next_back().is_some_and(regex_syntax::is_word_character),
    }
}

/// Whether the character at byte `at` (a character boundary) is a word
/// character as Unicode's `\b` reads it.
pub(crate) fn word_char_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => false,
        Some(&b) if b < 0x80 => is_word_byte(b),
        Some(_) => text[at..].chars().next().is_some_and(regex_syntax::is_word_character),
    }
}

/// A hasher for short words, which the standard one (made to resist
/// chosen keys, which a built-in list does not need) takes longer over.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The names, each once, longest first (then in byte order): the order in
/// which an alternation of them, taking the first that matches, takes the
/// longest name at each place.
fn longest_first<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut names: Vec<&str> = names.collect();
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.dedup();
    names
}

/// A regex alternation of the names, longest first, each as written;
/// `$^`, which matches nothing, for no names.
pub fn alternation<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names = longest_first(names);
    if names.is_empty() {
        return "$^".to_string();
    }
    names.iter().map(|n| regex::escape(n)).collect::<Vec<_>>().join("|")
}

impl Phrases {
    /// Names that are not all ASCII, or begin or end with a sign, are found
    /// too, but by the regex alone (the gazetteer's tests check that none is).
    pub fn new<'a>(names: impl Iterator<Item = &'a str>, case_insensitive: bool) -> Phrases {
        let names = longest_first(names);
        let by_words = names.iter().all(|n| n.is_ascii() && n.starts_with(|c: char| c.is_ascii_alphanumeric()) && n.ends_with(|c: char| c.is_ascii_alphanumeric()));
        let pattern = format!(r"\b(?:{})\b", alternation(names.iter().copied()));
        let mut by_first_word: HashMap<Box<[u8]>, Vec<Box<[u8]>>, BuildHasherDefault<WordHasher>> = HashMap::default();
        let mut first_word_lengths = [0u64; 256];
        for name in names.into_iter().filter(|_| by_words) {
            let name: Box<[u8]> = if case_insensitive { name.to_ascii_lowercase().into_bytes().into() } else { name.as_bytes().into() };
            let first = name.iter().take_while(|&&b| is_word_byte(b)).count();
            first_word_lengths[name[0] as usize] |= 1 << first.min(63);
            // Longest first, as sorted: the first that fits is the regex's choice.
            by_first_word.entry(name[..first].into()).or_default().push(name);
        }
        Phrases { case_insensitive, by_words, by_first_word, first_word_lengths, regex: OnceLock::new(), pattern }
    }

    /// The spans `[start, end)` of the names in `text`, in order.
    pub fn find_iter(&self, text: &str) -> Vec<(usize, usize)> {
        let [found] = Phrases::find_each([self], text);
        found
    }

    /// `find_iter` of each of several lists in `text`, the words of the text
    /// read once for all of them.
    pub fn find_each<const N: usize>(lists: [&Phrases; N], text: &str) -> [Vec<(usize, usize)>; N] {
        let mut found: [Vec<(usize, usize)>; N] = std::array::from_fn(|_| Vec::new());
        // A letter that folds to an ASCII one matches a name's letter in
        // the case-insensitive regex, and not in the lookup.
        let folds = super::gate::holds_letter_folding_to_ascii(text);
        // Where each list may next find a name (past its last), or `usize::MAX`
        // for one that its regex searches.
        let mut next = [0usize; N];
        for (k, list) in lists.iter().enumerate() {
            if !list.by_words || (folds && list.case_insensitive) {
                let regex = list.regex.get_or_init(|| if list.case_insensitive { re(&list.pattern) } else { re_cs(&list.pattern) });
                found[k] = regex.find_iter(text).map(|m| (m.start(), m.end())).collect();
                next[k] = usize::MAX;
            }
        }
        if next.iter().all(|&n| n == usize::MAX) {
            return found;
        }
        let bytes = text.as_bytes();
        let mut key = [0u8; 64];
        let mut at = 0;
        while at < bytes.len() {
            // The next word: its start, and its length.
            if !is_word_byte(bytes[at]) || word_char_before(text, at) {
                at += 1;
                continue;
            }
            let len = bytes[at..].iter().take_while(|&&b| is_word_byte(b)).count();
            for (k, list) in lists.iter().enumerate() {
                if at < next[k] {
                    continue;
                }
                // Only a word as long as some name's first word, among those
                // that start with its letter, is looked up.
                let first = if list.case_insensitive { bytes[at].to_ascii_lowercase() } else { bytes[at] };
                if list.first_word_lengths[first as usize] & (1 << len.min(63)) == 0 || len > key.len() {
                    continue;
                }
                let word = &mut key[..len];
                word.copy_from_slice(&bytes[at..at + len]);
                if list.case_insensitive {
                    word.make_ascii_lowercase();
                }
                // The longest name first.
                if let Some(end) = list.by_first_word.get(&*word).and_then(|names| names.iter().find_map(|name| list.fits(text, at, name))) {
                    found[k].push((at, end));
                    next[k] = end;
                }
            }
            at += len;
        }
        found
    }

    /// Where `name` ends if the text at `at` holds it, ending at a word boundary.
    fn fits(&self, text: &str, at: usize, name: &[u8]) -> Option<usize> {
        let end = at + name.len();
        let here = text.as_bytes().get(at..end)?;
        let same = if self.case_insensitive { here.eq_ignore_ascii_case(name) } else { here == name };
        // A name ends with a letter or digit: the character after it must not
        // be a word character. (`here` is ASCII, so `end` is a boundary.)
        (same && !word_char_at(text, end)).then_some(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regex_spans(names: &[&str], case_insensitive: bool, text: &str) -> Vec<(usize, usize)> {
        regex_spans_of(&Phrases::new(names.iter().copied(), case_insensitive), text)
    }

    /// The lookup, in either case mode, finds in each text what the regex alternation finds.
    fn finds_what_the_regex_finds(names: &[&str], texts: &[&str]) {
        for case_insensitive in [true, false] {
            let p = Phrases::new(names.iter().copied(), case_insensitive);
            for text in texts {
                assert_eq!(p.find_iter(text), regex_spans(names, case_insensitive, text), "case_insensitive={case_insensitive}: {text}");
            }
        }
    }

    fn regex_spans_of(p: &Phrases, text: &str) -> Vec<(usize, usize)> {
        let regex = if p.case_insensitive { re(&p.pattern) } else { re_cs(&p.pattern) };
        regex.find_iter(text).map(|m| (m.start(), m.end())).collect()
    }

    #[test]
    fn finds_what_the_regex_alternation_finds() {
        let names = ["Kent", "Kent County Council", "Bath and North East Somerset", "Bath", "North East Lincolnshire", "St Helens", "Stockton-on-Tees", "DfE", "Isle of Wight", "Wight"];
        let texts = [
            "Kent County Council and kent county council met Kentish officials in Kent.",
            "Bath and North East Somerset, Bath, and North East Lincolnshire.",
            "St Helens, St. Helens, Stockton-on-Tees Borough Council, Stockton-on-Teesside.",
            "DfE, DFE, dfe_x, the DfE's commissioner; Isle of Wight Council; Wight; Isle of Wightshire",
            "KentCounty Council, Kent  County Council, Kent\nCounty Council, _Kent, Kent_, 2Kent, Kent2",
            "",
            "Kent",
        ];
        finds_what_the_regex_finds(&names, &texts);
    }

    #[test]
    fn the_longest_name_that_ends_at_a_word_boundary_wins() {
        let p = Phrases::new(["Bath", "Bath and North East Somerset"].into_iter(), false);
        let text = "Bath and North East Somersetshire; Bath and North East Somerset.";
        assert_eq!(p.find_iter(text), vec![(0, 4), (35, 63)]);
    }

    #[test]
    fn text_that_is_not_all_ascii_is_read_as_the_regex_reads_it() {
        let names = ["Kent", "Isle of Wight", "Bath"];
        // `é` is a word character, so `Kenté` and `éKent` hold no `Kent`;
        // curly quotes, dashes and no-break spaces are not; the long s and the
        // Kelvin sign fold to `s` and `k`, which the regex is left to find.
        let texts = [
            "Kenté, Kent café, éKent, ‘Kent’ – Kent—Bath’s, Kent\u{a0}County, naïve Bath",
            "Iſle of Wight and Kent",
            "\u{212A}ent and Kent",
            "Ωmega Kent, Kent中, 中Kent, Kent😀, Bath\u{301}",
        ];
        finds_what_the_regex_finds(&names, &texts);
        assert_eq!(Phrases::new(names.iter().copied(), true).find_iter("Iſle of Wight"), vec![(0, 14)]);
    }

    use proptest::prelude::Strategy as _;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, ..Default::default() })]

        /// Any text made of names, their pieces, word and non-word characters
        /// of any script (and the letters that fold to ASCII ones): the lookup
        /// finds what the regex finds.
        #[test]
        fn finds_what_the_regex_finds_in_any_text(pieces in proptest::collection::vec(proptest::prop_oneof![
            proptest::sample::select(vec!["Kent", "kent", "KENT", "Isle of Wight", "isle of wight", "Bath", "Bath and North East Somerset", "North East", "St Helens", "DfE", "Wight"]).prop_map(String::from),
            proptest::sample::select(vec![" ", "  ", ", ", "\u{a0}", "’", "‘", "—", "-", "_", "2", "é", "中", "😀", "\u{301}", "ſ", "\u{212A}", "s", "\n"]).prop_map(String::from),
            "\\PC{0,3}",
        ], 0..12), case_insensitive in proptest::prelude::any::<bool>()) {
            let names = ["Kent", "Isle of Wight", "Bath", "Bath and North East Somerset", "North East Lincolnshire", "St Helens", "DfE", "Wight"];
            let text = pieces.concat();
            let p = Phrases::new(names.iter().copied(), case_insensitive);
            proptest::prop_assert_eq!(p.find_iter(&text), regex_spans(&names, case_insensitive, &text), "{:?}", text);
        }
    }

    #[test]
    fn names_with_signs_at_their_ends_are_found_by_the_regex() {
        let names = ["Kent", "A&E", "(CSC)", "Children's Services Ltd."];
        let text = "Kent A&E (CSC) Children's Services Ltd. Children's Services Ltd.x";
        for case_insensitive in [true, false] {
            let p = Phrases::new(names.iter().copied(), case_insensitive);
            assert!(!p.by_words);
            assert_eq!(p.find_iter(text), regex_spans(&names, case_insensitive, text));
        }
    }

    #[test]
    fn lists_read_in_one_pass_find_what_each_finds_alone() {
        let lists = [
            Phrases::new(["Kent", "Kent County Council", "Isle of Wight", "Bath and North East Somerset"].into_iter(), true),
            Phrases::new(["Kent", "DfE", "Wight", "Bath"].into_iter(), false),
            Phrases::new(["A&E", "Kent"].into_iter(), false),
        ];
        for text in ["Kent County Council and kent county council, DfE, Bath and North East Somerset; A&E in Kent", "Iſle of Wight, Kent", "", "Kent"] {
            let [a, b, c] = Phrases::find_each([&lists[0], &lists[1], &lists[2]], text);
            assert_eq!([a, b, c], [lists[0].find_iter(text), lists[1].find_iter(text), lists[2].find_iter(text)], "{text}");
            for list in &lists {
                assert_eq!(list.find_iter(text), regex_spans_of(list, text), "{text}");
            }
        }
    }

    #[test]
    fn an_empty_list_finds_nothing() {
        let p = Phrases::new(std::iter::empty(), true);
        assert!(p.find_iter("Kent County Council").is_empty());
        assert!(p.find_iter("Kenté").is_empty());
    }
}
