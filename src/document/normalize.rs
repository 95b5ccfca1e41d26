//! A normalised view of a document's text that matching runs on, with a map
//! from every byte of the view back to the original text.
//!
//! Curly quotes and dashes are folded to ASCII, Windows line ends become `\n`,
//! and a line break inside a sentence (the next line starts in lower case after
//! a line that did not end a sentence) becomes a single space.

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
        let push = |text: &mut String, map: &mut Vec<u32>, s: &str, at: usize| {
            text.push_str(s);
            map.extend(std::iter::repeat_n(at as u32, s.len()));
        };
        for (at, c) in original.char_indices() {
            match c {
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => {
                    push(&mut text, &mut map, "'", at)
                }
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => {
                    push(&mut text, &mut map, "\"", at)
                }
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
                | '\u{2212}' => push(&mut text, &mut map, "-", at),
                '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\t' => push(&mut text, &mut map, " ", at),
                '\u{2026}' => push(&mut text, &mut map, "...", at),
                '\r' | '\u{FEFF}' | '\u{200B}' => {}
                _ => {
                    let mut buf = [0u8; 4];
                    push(&mut text, &mut map, c.encode_utf8(&mut buf), at)
                }
            }
        }
        map.push(original.len() as u32);
        let mut norm = NormText { text, map };
        norm.join_wrapped_lines();
        norm
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
                let ch_len = utf8_len(bytes[i]);
                out.push_str(&self.text[i..i + ch_len]);
                map.extend_from_slice(&self.map[i..i + ch_len]);
                i += ch_len;
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

fn next_is_break(bytes: &[u8], i: usize) -> bool {
    bytes[i..].iter().take_while(|&&b| b == b' ' || b == b'\n').any(|&b| b == b'\n')
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
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
    fn joins_lines_wrapped_mid_sentence_only() {
        let n = NormText::new("There are\n\nno more.\n\nNew paragraph\nHere");
        assert_eq!(n.text, "There are no more.\n\nNew paragraph\nHere");
        let at = n.text.find("no more").unwrap();
        let (s, _) = n.span_to_original(at, at + 2);
        assert_eq!(s, "There are\n\n".len());
    }

    #[test]
    fn windows_line_ends_become_unix() {
        let n = NormText::new("One.\r\nTwo.\r\n");
        assert_eq!(n.text, "One.\nTwo.\n");
    }
}
