//! Gates in front of patterns: the words every match of a case-insensitive
//! pattern must hold, read from its syntax (`required_words`), and one
//! Aho-Corasick automaton of them for several patterns (`Gate`), so that one
//! reading of a sentence says which patterns need not be searched. The rules,
//! the inspection kinds, the posts, the relative dates and the boilerplate
//! lines each wait behind one.

/// Letters that Unicode's simple case folding makes ASCII letters: the
/// Kelvin sign (`k`) and the long s (`s`).
const FOLDS_TO_ASCII: [char; 2] = ['\u{212A}', '\u{17F}'];

/// Whether `text` holds a letter that a case-insensitive pattern matches as
/// an ASCII letter and an ASCII-case-insensitive search does not (`ſ`, `K`).
pub(crate) fn holds_letter_folding_to_ascii(text: &str) -> bool {
    !text.is_ascii() && text.contains(FOLDS_TO_ASCII)
}

/// One automaton of the required words of several patterns (any ASCII case):
/// one reading of a text says which words it holds, and a pattern with a set
/// of words none of which is there need not be searched, since it cannot match.
pub(crate) struct Gate {
    automaton: aho_corasick::AhoCorasick,
    words: usize,
    /// Each pattern's sets of words (`required_words`), as indexes into the
    /// automaton's words; none where the pattern has no such set.
    sets: Vec<Vec<Vec<usize>>>,
}

impl Gate {
    /// The gate of case-insensitive `patterns`, in their order.
    pub(crate) fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> Gate {
        let mut words: Vec<String> = Vec::new();
        let mut sets = Vec::new();
        for pattern in patterns {
            let of_pattern: Vec<Vec<usize>> = required_words(pattern)
                .into_iter()
                .map(|set| {
                    set.into_iter()
                        .map(|word| {
                            words.iter().position(|w| *w == word).unwrap_or_else(|| {
                                words.push(word);
                                words.len() - 1
                            })
                        })
                        .collect()
                })
                .collect();
            sets.push(of_pattern);
        }
        // A DFA: the fastest of the crate's automata to search, and small for
        // a few hundred short words.
        let automaton = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&words)
            .expect("the patterns' words make an automaton");
        Gate { automaton, words: words.len(), sets }
    }

    /// Which of the words `text` holds. A text with a letter that folds to
    /// an ASCII one (`ſ`, the Kelvin sign), which the patterns match as `s`
    /// and `k` and the automaton does not, is taken to hold every word.
    pub(crate) fn present(&self, text: &str) -> Vec<bool> {
        if holds_letter_folding_to_ascii(text) {
            return vec![true; self.words];
        }
        let mut present = vec![false; self.words];
        for m in self.automaton.find_overlapping_iter(text) {
            present[m.pattern().as_usize()] = true;
        }
        present
    }

    /// Whether pattern `i` may match a text that holds the words `present`.
    pub(crate) fn admits(&self, i: usize, present: &[bool]) -> bool {
        self.sets[i].iter().all(|set| set.iter().any(|&w| present[w]))
    }

    /// For the gate of one pattern, whether it may match `text`: where it has
    /// one set of words (all the automaton's), one search for any of them.
    pub(crate) fn admits_text(&self, text: &str) -> bool {
        debug_assert_eq!(self.sets.len(), 1, "a gate of one pattern");
        match self.sets[0].len() {
            0 => true,
            1 => holds_letter_folding_to_ascii(text) || self.automaton.is_match(text),
            _ => self.admits(0, &self.present(text)),
        }
    }

    /// How many of the patterns have words to wait for.
    #[cfg(test)]
    pub(crate) fn gated(&self) -> usize {
        (0..self.sets.len()).filter(|&i| self.has_words(i)).count()
    }

    /// Whether pattern `i` has words to wait for.
    #[cfg(test)]
    pub(crate) fn has_words(&self, i: usize) -> bool {
        !self.sets[i].is_empty()
    }
}

/// Sets of words (lower case, to be matched in any ASCII case) such that
/// every match of a case-insensitive `pattern` holds one word of each set;
/// only sets whose words have at least three letters each are kept, and
/// none where there are none. Read from the pattern's syntax: a run of
/// single characters in a sequence is a word; a sequence needs what each of
/// its parts needs; an alternation one set, the rarest set of each branch
/// between them; a repetition what its body does if it must occur.
/// (`{BODY} to (?:run|manage) services` needs `run` or `manage`, and
/// `services`.)
pub(crate) fn required_words(pattern: &str) -> Vec<Vec<String>> {
    use regex_syntax::hir::{Class, Hir, HirKind};
    /// The character a one-character class or literal stands for, in any
    /// ASCII case: the class of a letter and its other case, and for `s` and
    /// `k` the letters that fold to them too (`ſ`, the Kelvin sign), which
    /// `Gate::present` reads as present wherever they occur.
    fn single(hir: &Hir) -> Option<String> {
        match hir.kind() {
            HirKind::Literal(l) => std::str::from_utf8(&l.0).ok().map(str::to_ascii_lowercase),
            HirKind::Class(Class::Unicode(c)) => {
                let chars: Vec<char> = c.ranges().iter().flat_map(|r| r.start()..=r.end()).take(4).collect();
                match chars[..] {
                    [one] => Some(one.to_ascii_lowercase().to_string()),
                    [a, b] if a.is_ascii_alphabetic() && a.to_ascii_lowercase() == b.to_ascii_lowercase() && a != b => Some(a.to_ascii_lowercase().to_string()),
                    ['S', 's', '\u{17F}'] => Some("s".to_string()),
                    ['K', 'k', '\u{212A}'] => Some("k".to_string()),
                    _ => None,
                }
            }
            _ => None,
        }
    }
    /// How rare the rarest of the words is: its letters, the pieces' marks
    /// (in most sentences the rules are given) not counted.
    fn score(words: &[String]) -> usize {
        words.iter().map(|w| w.chars().filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c)).count()).min().unwrap_or(0)
    }
    fn required(hir: &Hir) -> Vec<Vec<String>> {
        match hir.kind() {
            HirKind::Literal(_) | HirKind::Class(_) => single(hir).map(|w| vec![vec![w]]).unwrap_or_default(),
            HirKind::Capture(c) => required(&c.sub),
            HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
            HirKind::Alternation(branches) => {
                let mut any = Vec::new();
                for b in branches {
                    let Some(rarest) = required(b).into_iter().max_by_key(|set| score(set)) else { return Vec::new() };
                    any.extend(rarest);
                }
                vec![any]
            }
            HirKind::Concat(parts) => {
                let mut all = Vec::new();
                let mut run = String::new();
                for part in parts {
                    match single(part) {
                        Some(c) => run.push_str(&c),
                        None => {
                            if !run.is_empty() {
                                all.push(vec![std::mem::take(&mut run)]);
                            }
                            all.extend(required(part));
                        }
                    }
                }
                if !run.is_empty() {
                    all.push(vec![run]);
                }
                all
            }
            _ => Vec::new(),
        }
    }
    let Ok(hir) = regex_syntax::ParserBuilder::new().case_insensitive(true).build().parse(pattern) else { return Vec::new() };
    let mut sets: Vec<Vec<String>> = required(&hir).into_iter().filter(|set| score(set) >= 3).collect();
    sets.dedup();
    sets
}
