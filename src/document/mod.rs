//! Documents: the text as read, its normalised view, and its sentences.

pub mod html;
pub mod normalize;
pub mod pdf;
pub mod read;
pub mod segment;

pub use normalize::NormText;
pub use segment::Sentence;

/// One input document, immutable once read.
#[derive(Debug, Clone)]
pub struct Document {
    /// Stable identifier: the file name (with its folder where two inputs share a name).
    pub id: String,
    /// The text exactly as read; every offset in the output points into it.
    pub text: String,
    /// The view that extractors match on.
    pub norm: NormText,
    pub sentences: Vec<Sentence>,
    /// The number of characters before every `CHAR_STEP`-th byte of `text`,
    /// so that a byte offset turns into a character offset in bounded time.
    char_marks: Vec<usize>,
}

/// Bytes between two marks of `Document::char_marks`.
const CHAR_STEP: usize = 256;

/// Characters that start in `bytes` (which may begin or end mid-character).
fn chars_starting_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl Document {
    pub fn new(id: impl Into<String>, text: String) -> Document {
        let norm = NormText::new(&text);
        let sentences = segment::sentences(&norm.text);
        let mut char_marks = Vec::with_capacity(text.len() / CHAR_STEP + 1);
        let mut count = 0;
        char_marks.push(0);
        for chunk in text.as_bytes().chunks(CHAR_STEP) {
            count += chars_starting_in(chunk);
            char_marks.push(count);
        }
        Document { id: id.into(), text, norm, sentences, char_marks }
    }

    /// The character offset of byte offset `at` of the original text (the
    /// number of characters before it), in time bounded by `CHAR_STEP`
    /// whatever the length of the text: `text[..at].chars().count()`, which
    /// is linear in `at` and so quadratic over all the facts of a long text.
    pub fn char_offset(&self, at: usize) -> usize {
        let at = at.min(self.text.len());
        if self.char_marks.last() == Some(&self.text.len()) {
            return at; // all ASCII: a byte is a character
        }
        let mark = at / CHAR_STEP;
        self.char_marks[mark] + chars_starting_in(&self.text.as_bytes()[mark * CHAR_STEP..at])
    }

    /// The normalised text of a sentence.
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.norm.text[s.start..s.end]
    }

    /// The original text of a normalised span.
    pub fn original(&self, start: usize, end: usize) -> &str {
        let (s, e) = self.norm.span_to_original(start, end);
        &self.text[s..e]
    }

    /// Index of the sentence holding a normalised offset.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= at);
        (i < self.sentences.len() && self.sentences[i].start <= at).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_the_characters_before_a_byte() {
        let text = "a\u{e9}\u{2019}\u{1d518} ".repeat(3000);
        let doc = Document::new("x", text.clone());
        for (at, _) in text.char_indices().step_by(7).chain([(text.len(), ' ')]) {
            assert_eq!(doc.char_offset(at), text[..at].chars().count(), "at {at}");
        }
        let ascii = Document::new("y", "plain text ".repeat(100));
        assert_eq!(ascii.char_offset(500), 500);
        assert_eq!(ascii.char_offset(5000), 1100, "clamped to the end");
    }
}
