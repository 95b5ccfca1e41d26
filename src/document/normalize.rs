//! A normalised view of a document's text that matching runs on, with a map
//! from every byte of the view back to the original text.
//!
//! Curly quotes, dashes and currency signs are folded to ASCII, Windows line ends become `\n`,
//! and a line break inside a sentence (the next line starts in lower case after
//! a line that did not end a sentence) becomes a single space. A line longer
//! than [`MAX_LINE`] (a page flattened to one line, a file with no newline) is
//! broken into lines of about half that, at a sentence end where there is one,
//! so that whatever is done once per line stays bounded.

/// The longest line of the normalised view, in bytes (see `break_long_lines`).
pub const MAX_LINE: usize = 16 * 1024;

/// The normalised text and the original byte offset of each of its bytes.
#[derive(Debug, Clone)]
pub struct NormText {
    pub text: String,
    /// `map[i]` is the original offset of normalised byte `i`; one extra entry
    /// holds the original length, so spans can be mapped end-exclusive.
    map: Vec<u32>,
}

impl NormText {
    pub fn new(original: &str) -> NormText {
        let mut text = String::with_capacity(original.len());
        let mut map: Vec<u32> = Vec::with_capacity(original.len() + 1);
        let bytes = original.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // A run of ASCII kept as it is is copied whole, each byte mapped
            // to itself.
            let run = bytes[at..].iter().position(|&b| matches!(b, b'`' | b'\t' | b'\r' | 0x80..)).map_or(bytes.len(), |i| at + i);
            if run > at {
                text.push_str(&original[at..run]);
                map.extend(at as u32..run as u32);
                at = run;
                continue;
            }
            let c = original[at..].chars().next().expect("a character starts here");
            // Every byte a character becomes maps to its first byte.
            let s = fold(c).unwrap_or(&original[at..at + c.len_utf8()]);
            text.push_str(s);
            map.extend(std::iter::repeat_n(at as u32, s.len()));
            at += c.len_utf8();
        }
        map.push(original.len() as u32);
        let mut norm = NormText { text, map };
        norm.join_wrapped_lines();
        norm.break_long_lines();
        norm
    }

    /// Breaks every line longer than `MAX_LINE` into lines of at least
    /// `MAX_LINE / 2` bytes (each holds several sentences, since a sentence is
    /// at most `segment::MAX_SENTENCE`): at the first sentence end within
    /// `MAX_SENTENCE` bytes of that length, else at a space there (which becomes
    /// the line break), else a line break is inserted between two characters.
    /// Text of ordinary lines is untouched. Linear in the length of the text.
    fn break_long_lines(&mut self) {
        use super::segment::MAX_SENTENCE;
        if self.text.len() <= MAX_LINE {
            return;
        }
        let bytes = self.text.as_bytes();
        let n = bytes.len();
        // (position, replace): a space at `position` becomes the break, or
        // one is inserted before the byte at `position`.
        let mut breaks: Vec<(usize, bool)> = Vec::new();
        let mut line_start = 0;
        while line_start < n {
            let line_end = bytes[line_start..].iter().position(|&b| b == b'\n').map_or(n, |i| line_start + i);
            let mut pos = line_start;
            while line_end - pos > MAX_LINE {
                let from = pos + MAX_LINE / 2;
                let to = (from + MAX_SENTENCE).min(line_end);
                let after_stop = (from..to).find(|&j| bytes[j] == b' ' && matches!(bytes[j - 1], b'.' | b'!' | b'?'));
                match after_stop.or_else(|| (from..to).find(|&j| bytes[j] == b' ')) {
                    Some(j) => {
                        breaks.push((j, true));
                        pos = j + 1;
                    }
                    None => {
                        let mut j = from;
                        while !self.text.is_char_boundary(j) {
                            j -= 1;
                        }
                        breaks.push((j, false));
                        pos = j;
                    }
                }
            }
            line_start = line_end + 1;
        }
        if breaks.is_empty() {
            return;
        }
        let mut text = String::with_capacity(n + breaks.len());
        let mut map = Vec::with_capacity(self.map.len() + breaks.len());
        let mut copied = 0;
        for (at, replace) in breaks {
            text.push_str(&self.text[copied..at]);
            map.extend_from_slice(&self.map[copied..at]);
            text.push('\n');
            map.push(self.map[at]);
            copied = if replace { at + 1 } else { at };
        }
        text.push_str(&self.text[copied..]);
        map.extend_from_slice(&self.map[copied..]);
        self.text = text;
        self.map = map;
    }

    /// Replaces each run of blank space holding a line break by one space where
    /// the text was wrapped mid-sentence.
    fn join_wrapped_lines(&mut self) {
        let bytes = self.text.as_bytes();
        let mut out = String::with_capacity(self.text.len());
        let mut map = Vec::with_capacity(self.map.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'\n' || (bytes[i] == b' ' && next_is_break(bytes, i)) {
                let start = i;
                while i < bytes.len() && (bytes[i] == b'\n' || bytes[i] == b' ') {
                    i += 1;
                }
                let prev = self.text[..start].trim_end_matches(' ').chars().next_back();
                let next = self.text[i..].chars().next();
                let wrapped = matches!(prev, Some(p) if p.is_alphanumeric() || p == ',')
                    && matches!(next, Some(n) if n.is_lowercase());
                if wrapped && self.text[start..i].contains('\n') {
                    out.push(' ');
                    map.push(self.map[start]);
                } else {
                    out.push_str(&self.text[start..i]);
                    map.extend_from_slice(&self.map[start..i]);
                }
            } else {
                // Copied whole up to the next line break and the spaces before it.
                let mut end = bytes[i..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |n| i + n);
                if end < bytes.len() {
                    while end > i && bytes[end - 1] == b' ' {
                        end -= 1;
                    }
                }
                out.push_str(&self.text[i..end]);
                map.extend_from_slice(&self.map[i..end]);
                i = end;
            }
        }
        map.push(*self.map.last().unwrap_or(&0));
        self.text = out;
        self.map = map;
    }

    /// Original byte offset of a normalised offset.
    pub fn to_original(&self, at: usize) -> usize {
        self.map[at.min(self.map.len() - 1)] as usize
    }

    /// Original byte span `[start, end)` of a normalised span.
    pub fn span_to_original(&self, start: usize, end: usize) -> (usize, usize) {
        if end <= start {
            let s = self.to_original(start);
            return (s, s);
        }
        // The end maps through the last byte it covers, so a folded
        // multi-byte character is taken whole.
        let last = self.to_original(end - 1);
        let orig_end = self.map[end..].iter().copied().find(|&o| o as usize > last).map_or(last + 1, |o| o as usize);
        (self.to_original(start), orig_end)
    }
}

/// What a character is folded to in the normalised view (`""`: dropped),
/// or nothing for a character kept as it is.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => "-",
        '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\t' => " ",
        '\u{2026}' => "...",
        // Currency signs: no rule tells them apart, and a sentence that is
        // all ASCII is searched by the regex crate's fast engine, where a
        // Unicode word boundary is involved.
        '\u{00A2}' | '\u{00A3}' | '\u{00A5}' | '\u{20AC}' => "$",
        '\r' | '\u{FEFF}' | '\u{200B}' => "",
        _ => return None,
    })
}

fn next_is_break(bytes: &[u8], i: usize) -> bool {
    bytes[i..].iter().take_while(|&&b| b == b' ' || b == b'\n').any(|&b| b == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_and_keeps_offsets() {
        let orig = "the council\u{2019}s \u{201C}plan\u{201D} \u{2013} now";
        let n = NormText::new(orig);
        assert_eq!(n.text, "the council's \"plan\" - now");
        let at = n.text.find("plan").unwrap();
        let (s, e) = n.span_to_original(at, at + 4);
        assert_eq!(&orig[s..e], "plan");
        let q = n.text.find('\'').unwrap();
        let (s, e) = n.span_to_original(q, q + 1);
        assert_eq!(&orig[s..e], "\u{2019}");
    }

    #[test]
    fn folds_currency_signs_to_one_ascii_sign_and_keeps_offsets() {
        let orig = "a \u{00A3}2m fund and \u{20AC}5 more";
        let n = NormText::new(orig);
        assert_eq!(n.text, "a $2m fund and $5 more");
        let at = n.text.find("$2m").unwrap();
        let (s, e) = n.span_to_original(at, at + 3);
        assert_eq!(&orig[s..e], "\u{00A3}2m");
    }

    #[test]
    fn joins_lines_wrapped_mid_sentence_only() {
        let n = NormText::new("There are\n\nno more.\n\nNew paragraph\nHere");
        assert_eq!(n.text, "There are no more.\n\nNew paragraph\nHere");
        let at = n.text.find("no more").unwrap();
        let (s, _) = n.span_to_original(at, at + 2);
        assert_eq!(s, "There are\n\n".len());
    }

    #[test]
    fn long_lines_are_broken_at_sentence_ends_and_offsets_still_map() {
        let sentence = "Jo Bloggs was appointed director of children\u{2019}s services. ";
        let orig = sentence.repeat(2_000);
        let n = NormText::new(&orig);
        let lines: Vec<&str> = n.text.split('\n').collect();
        assert!(lines.len() > 5, "{} lines", lines.len());
        for l in &lines {
            assert!(l.len() <= MAX_LINE, "a line of {} bytes", l.len());
            assert!(l.len() >= MAX_LINE / 2 || std::ptr::eq(*l, *lines.last().unwrap()), "a short line of {} bytes", l.len());
            assert!(l.ends_with('.') || std::ptr::eq(*l, *lines.last().unwrap()), "broken mid-sentence: {:?}", &l[l.len() - 20..]);
        }
        // The text is the same but for spaces turned into line breaks.
        assert_eq!(n.text.replace('\n', " "), orig.replace('\u{2019}', "'"));
        let at = n.text.rfind("Jo Bloggs").unwrap();
        let (s, e) = n.span_to_original(at, at + 9);
        assert_eq!(&orig[s..e], "Jo Bloggs");
    }

    #[test]
    fn a_long_line_without_spaces_gets_line_breaks_between_characters() {
        let orig = "\u{00e9}".repeat(3 * MAX_LINE);
        let n = NormText::new(&orig);
        assert_eq!(n.text.replace('\n', ""), orig);
        assert!(n.text.split('\n').all(|l| l.len() <= MAX_LINE));
        for i in 0..=n.text.len() {
            assert!(orig.is_char_boundary(n.to_original(i)));
        }
    }

    #[test]
    fn short_lines_are_left_alone() {
        let orig = "A line.\n".repeat(10_000);
        assert_eq!(NormText::new(&orig).text, orig);
    }

    /// The view made a character at a time, as it was before runs of text
    /// were copied whole: what `NormText::new` must still give.
    fn one_character_at_a_time(original: &str) -> (String, Vec<u32>) {
        let (mut text, mut map) = (String::new(), Vec::new());
        for (at, c) in original.char_indices() {
            let mut buf = [0u8; 4];
            let s = fold(c).unwrap_or_else(|| c.encode_utf8(&mut buf));
            text.push_str(s);
            map.extend(std::iter::repeat_n(at as u32, s.len()));
        }
        map.push(original.len() as u32);
        let bytes = text.as_bytes().to_vec();
        let (mut out, mut joined) = (String::new(), Vec::new());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'\n' || (bytes[i] == b' ' && next_is_break(&bytes, i)) {
                let start = i;
                while i < bytes.len() && (bytes[i] == b'\n' || bytes[i] == b' ') {
                    i += 1;
                }
                let prev = text[..start].trim_end_matches(' ').chars().next_back();
                let next = text[i..].chars().next();
                let wrapped = matches!(prev, Some(p) if p.is_alphanumeric() || p == ',') && matches!(next, Some(n) if n.is_lowercase());
                if wrapped && text[start..i].contains('\n') {
                    out.push(' ');
                    joined.push(map[start]);
                } else {
                    out.push_str(&text[start..i]);
                    joined.extend_from_slice(&map[start..i]);
                }
            } else {
                let c = text[i..].chars().next().unwrap();
                out.push(c);
                joined.extend_from_slice(&map[i..i + c.len_utf8()]);
                i += c.len_utf8();
            }
        }
        joined.push(*map.last().unwrap());
        (out, joined)
    }

    #[test]
    fn runs_copied_whole_give_the_view_made_a_character_at_a_time() {
        let pieces = ["a", "Word", " ", "  ", "\n", " \n", "\n\n ", "\r\n", "\t", "`", ",", ".", "\u{2019}", "\u{201C}", "\u{2013}", "\u{00A0}", "\u{00A3}", "\u{2026}", "\u{FEFF}", "\u{200B}", "\u{e9}", "\u{3b1}", "\u{1F600}", "\u{EFBF}", "x\u{301}"];
        let mut cases: Vec<String> = vec![String::new(), "plain ASCII only".into(), "ends with spaces   ".into(), "  \n  \nstarts blank".into(), "caf\u{e9} au lait\nis served".into()];
        // Every piece beside every other, and strings drawn from the pieces.
        for a in pieces {
            for b in pieces {
                cases.push(format!("{a}{b}x{a} {b}"));
            }
        }
        let mut seed = 7u64;
        for _ in 0..2_000 {
            let mut s = String::new();
            for _ in 0..(seed % 40) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            cases.push(s);
        }
        for case in &cases {
            let n = NormText::new(case);
            let (text, map) = one_character_at_a_time(case);
            assert_eq!((&n.text, &n.map), (&text, &map), "{case:?}");
        }
    }

    #[test]
    fn windows_line_ends_become_unix() {
        let n = NormText::new("One.\r\nTwo.\r\n");
        assert_eq!(n.text, "One.\nTwo.\n");
    }
}
