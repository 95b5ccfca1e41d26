//! Aligned text tables: column widths come from the content, a rule of dashes
//! under the headers, and an optional indented note under a row (the evidence
//! sentence of a timeline entry).

/// A table of text cells.
#[derive(Debug, Default)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<(Vec<String>, Option<String>)>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table { headers: headers.iter().map(|h| h.to_string()).collect(), rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push((cells, None));
    }

    /// A row with a note printed on its own indented line beneath it.
    pub fn row_with_note(&mut self, cells: Vec<String>, note: String) {
        self.rows.push((cells, Some(note)));
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn render(&self) -> String {
        let width = |s: &str| s.chars().count();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for (cells, _) in &self.rows {
            for (i, c) in cells.iter().enumerate() {
                if i < widths.len() {
                    widths[i] = widths[i].max(width(&one_line(c)));
                }
            }
        }
        let line = |cells: &[String]| {
            let mut out = String::new();
            for (i, w) in widths.iter().enumerate() {
                let c = cells.get(i).map(|c| one_line(c)).unwrap_or_default();
                out.push_str(&c);
                if i + 1 < widths.len() {
                    out.push_str(&" ".repeat(w - width(&c) + 2));
                }
            }
            out.trim_end().to_string()
        };
        let mut out = line(&self.headers);
        out.push('\n');
        out.push_str(&line(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>()));
        out.push('\n');
        for (cells, note) in &self.rows {
            out.push_str(&line(cells));
            out.push('\n');
            if let Some(n) = note {
                out.push_str("    ");
                out.push_str(&one_line(n));
                out.push('\n');
            }
        }
        out
    }
}

/// Text on one line: line breaks and runs of white space become one space.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `one_line` would give `s` back as it is: single spaces between
/// words, none at the ends (found without making the line).
pub fn is_one_line(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut space_before = true;
    for (i, &b) in bytes.iter().enumerate() {
        // A byte at a time: ASCII white space is these six, and the rest of
        // Unicode's is looked up at the first byte of each character outside ASCII.
        let space = match b {
            b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' => true,
            0xC0.. => s[i..].chars().next().is_some_and(char::is_whitespace),
            _ => false,
        };
        if space && (space_before || b != b' ') {
            return false;
        }
        if b < 0x80 || b >= 0xC0 {
            space_before = space;
        }
    }
    !space_before || s.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_known_one_line_as_one_line_would_make_it() {
        for s in ["", "a", "a b", " a", "a ", "a  b", "a\nb", "a\tb", "a\u{a0}b", "ab cd ef", " ", "a\x0Bb", "a\x0Cb", "a\rb", "a\x1Fb", "caf\u{e9} au lait", "caf\u{e9}  au", "a\u{85}b", "a \u{2003}b", "\u{3000}a", "a\u{3000}", "\u{e9}t\u{e9} \u{2019}x\u{2019}"] {
            assert_eq!(is_one_line(s), one_line(s) == s, "{s:?}");
        }
    }

    #[test]
    fn columns_are_as_wide_as_their_content() {
        let mut t = Table::new(&["a", "bb"]);
        t.row(vec!["long cell".into(), "x".into()]);
        t.row_with_note(vec!["y".into(), "z\nw".into()], "a note".into());
        assert_eq!(t.render(), "a          bb\n---------  ---\nlong cell  x\ny          z w\n    a note\n");
    }
}
