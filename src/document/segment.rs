//! Paragraphs, lines and sentences of the normalised text, as byte spans.

/// A sentence: a span of the normalised text, and the paragraph it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    /// The sentence is a whole line on its own (a heading, an address line, a
    /// name in a letter's header or sign-off).
    pub whole_line: bool,
}

/// Words before a full stop that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "cllr", "st", "no", "prof", "rev", "sr", "jr", "co", "vs", "etc",
    "e.g", "i.e", "approx", "dept", "gov", "inc", "ltd", "cf", "fig",
];

/// Splits text into sentences: at blank lines, at line ends, and after `.`, `!`
/// or `?` followed by space and a capital, digit or opening quote.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut line_start = 0;
    let bytes = text.as_bytes();
    let mut blank_run = false;
    for line_end in line_ends(text) {
        let line = &text[line_start..line_end];
        if line.trim().is_empty() {
            if !blank_run && !out.is_empty() {
                paragraph += 1;
            }
            blank_run = true;
        } else {
            blank_run = false;
            let before = out.len();
            split_line(text, line_start, line_end, paragraph, &mut out);
            if out.len() == before + 1 {
                out[before].whole_line = true;
            }
        }
        line_start = (line_end + 1).min(bytes.len());
    }
    out
}

fn line_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices('\n').map(|(i, _)| i).chain(std::iter::once(text.len()))
}

fn split_line(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let b = text.as_bytes();
    let mut s = start;
    let mut i = start;
    while i < end {
        let c = b[i];
        if matches!(c, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < end && matches!(b[j], b'"' | b'\'' | b')' | b']') {
                j += 1;
            }
            let space_then_start = j < end
                && b[j] == b' '
                && text[j..end].trim_start().chars().next().is_some_and(|n| {
                    n.is_uppercase() || n.is_ascii_digit() || n == '"' || n == '\'' || n == '('
                });
            if space_then_start && !(c == b'.' && is_abbreviation(&text[s..i])) {
                push_trimmed(text, s, j, paragraph, out);
                s = j;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, s, end, paragraph, out);
}

fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
        || (word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()))
}

/// The longest a sentence may be. Text with no sentence ends (a list of
/// words, a page flattened to one line) is cut at spaces into pieces this
/// long, so the work done on one sentence stays bounded.
pub const MAX_SENTENCE: usize = 2_000;

fn push_trimmed(text: &str, s: usize, e: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let mut s = s;
    while e - s > MAX_SENTENCE {
        let mut cut = s + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[s..cut].rfind(' ').map_or(cut, |i| s + i + 1);
        push_piece(text, s, cut, paragraph, out);
        s = cut;
    }
    push_piece(text, s, e, paragraph, out);
}

fn push_piece(text: &str, s: usize, e: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let slice = &text[s..e];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(Sentence { start: s + lead, end: e - trail, paragraph, whole_line: false });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn splits_at_stops_lines_and_paragraphs() {
        let t = "Title line\n\nMs Bloggs said it. The council agreed.\nDr J. Example spoke.";
        assert_eq!(
            texts(t),
            ["Title line", "Ms Bloggs said it.", "The council agreed.", "Dr J. Example spoke."]
        );
        let s = sentences(t);
        assert_eq!(s.iter().map(|s| s.paragraph).collect::<Vec<_>>(), [0, 1, 1, 1]);
        assert!(s[0].whole_line && !s[1].whole_line);
    }

    #[test]
    fn endless_text_is_cut_into_bounded_pieces() {
        let t = "word ".repeat(2_000);
        let s = sentences(&t);
        assert!(s.len() >= 5, "{} pieces", s.len());
        assert!(s.iter().all(|s| s.end - s.start <= MAX_SENTENCE));
        assert_eq!(s.first().unwrap().start, 0);
        assert_eq!(s.last().unwrap().end, t.trim_end().len());
    }

    #[test]
    fn quotes_close_a_sentence() {
        assert_eq!(texts("He said: \"It works.\" Then left."), ["He said: \"It works.\"", "Then left."]);
    }
}
