//! Whether a document is on topic at all: one scan of its text for the words
//! of `schema/vocab/topic.txt`. A document with none of them is not read
//! further, so a general news stream costs a scan of each story that no
//! children's-services fact touches, and adds nothing to the graph.

use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

fn automaton() -> &'static AhoCorasick {
    static A: OnceLock<AhoCorasick> = OnceLock::new();
    A.get_or_init(|| {
        let mut words = Vec::new();
        for word in &crate::schema::Schema::get().topic_words {
            words.push(word.clone());
            if word.contains('\'') {
                words.push(word.replace('\'', "\u{2019}"));
                words.push(word.replace('\'', ""));
            }
        }
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .expect("the topic words make an automaton")
    })
}

/// Compiles the automaton now, rather than at first use.
pub fn warm_up() {
    automaton();
}

/// True when `text` holds one of the topic words as whole words.
pub fn is_on_topic(text: &str) -> bool {
    let bytes = text.as_bytes();
    let letter = |at: usize| bytes.get(at).is_some_and(|b| b.is_ascii_alphanumeric());
    automaton().find_iter(bytes).any(|m| !(m.start() > 0 && letter(m.start() - 1)) && !letter(m.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_examples_in_topic_txt_are_judged_as_they_say() {
        let mut seen = 0;
        for line in crate::schema::TOPIC.lines() {
            let Some(example) = line.strip_prefix("# example: ") else { continue };
            let (on, text) = match example.split_once(": ") {
                Some(("on", text)) => (true, text),
                Some(("off", text)) => (false, text),
                _ => panic!("an example is `on: TEXT` or `off: TEXT`: {line}"),
            };
            assert_eq!(is_on_topic(text), on, "{text}");
            seen += 1;
        }
        assert!(seen >= 6, "topic.txt has its examples");
    }

    #[test]
    fn words_match_whole_in_any_case_with_any_apostrophe() {
        assert!(is_on_topic("CHILDREN\u{2019}S SERVICES were praised"));
        assert!(is_on_topic("the childrens services budget"));
        assert!(is_on_topic("a DfE-appointed adviser"));
        assert!(!is_on_topic("Ofstedly"), "not inside a longer word");
        assert!(!is_on_topic("Rahmi scored twice"), "hmi inside a name");
        assert!(is_on_topic("Rahmi met HMI."), "a later whole word still counts");
        assert!(!is_on_topic(""));
    }
}
