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
}

impl Document {
    pub fn new(id: impl Into<String>, text: String) -> Document {
        let norm = NormText::new(&text);
        let sentences = segment::sentences(&norm.text);
        Document { id: id.into(), text, norm, sentences }
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
