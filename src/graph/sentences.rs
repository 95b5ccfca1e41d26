//! Evidence sentences, and where a large graph keeps them: in a temporary
//! file rather than in memory. A build's graph grows with its facts, but its
//! evidence sentences grow with the text (at a gigabyte of articles, keeping
//! them on disk took an eighth off the graph's memory: 1,780 to 1,550 MiB), so
//! a graph that keeps its sentences on disk holds only where each one is.
//!
//! The file is made in the system's temporary folder (`TMPDIR`) and unlinked
//! at once, so nothing is left behind however the build ends (Unix only;
//! elsewhere the sentences stay in memory). Where it cannot be made or
//! written, the sentences stay in memory: a full disk costs memory, never a
//! fact.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::sync::Arc;

/// A sentence a fact was read from: its text, or (in a graph that keeps its
/// sentences on disk) where the graph's store holds it. Extraction always
/// gives the text; only `SentenceStore::keep` makes the other kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Sentence {
    Text(Arc<str>),
    /// Offset (the high 40 bits) and length (the low 24) in the store.
    Stored(u64),
}

impl Sentence {
    /// The text, where the sentence holds it (extraction's sentences do).
    pub fn text(&self) -> Option<&str> {
        match self {
            Sentence::Text(t) => Some(t),
            Sentence::Stored(_) => None,
        }
    }
}

impl From<&str> for Sentence {
    fn from(s: &str) -> Sentence {
        Sentence::Text(s.into())
    }
}

/// As a string: a fragment written by `oversight extract` holds the text.
impl Serialize for Sentence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Sentence::Text(t) => s.serialize_str(t),
            Sentence::Stored(_) => Err(serde::ser::Error::custom("a stored sentence is written through its graph's store")),
        }
    }
}

impl<'de> Deserialize<'de> for Sentence {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Sentence, D::Error> {
        Ok(Sentence::Text(Arc::<str>::deserialize(d)?))
    }
}

const LENGTH_BITS: u32 = 24;
const MAX_LENGTH: usize = (1 << LENGTH_BITS) - 1;
const MAX_OFFSET: u64 = (1 << (64 - LENGTH_BITS)) - 1;
/// Bytes gathered before they are written.
const BATCH: usize = 1 << 20;

/// Where a graph keeps its sentences: in memory (the default), or on disk.
#[derive(Default)]
pub struct SentenceStore {
    spill: Option<Spill>,
    /// The sentences kept since `forget_recent`, by document and span, so
    /// that each is written once however many facts rest on it.
    recent: HashMap<(Arc<str>, u32, u32), u64>,
}

struct Spill {
    file: File,
    /// Bytes written to the file.
    written: u64,
    /// Bytes after them, not yet written (all of them after a failed write).
    pending: Vec<u8>,
    /// A write failed: keep the rest in memory.
    failed: bool,
}

impl std::fmt::Debug for SentenceStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.spill {
            Some(s) => write!(f, "SentenceStore(on disk, {} bytes)", s.written + s.pending.len() as u64),
            None => f.write_str("SentenceStore(in memory)"),
        }
    }
}

impl SentenceStore {
    /// A store that keeps sentences in a temporary file, or in memory where
    /// none can be made.
    pub fn on_disk() -> SentenceStore {
        SentenceStore { spill: Spill::create(), recent: HashMap::new() }
    }

    /// Whether the sentences go to disk.
    pub fn is_on_disk(&self) -> bool {
        self.spill.as_ref().is_some_and(|s| !s.failed)
    }

    /// Moves a sentence of `doc` (spanning `start..end` of its text) into
    /// the store, if it keeps sentences on disk.
    pub fn keep(&mut self, sentence: &mut Sentence, doc: &Arc<str>, start: u32, end: u32) {
        let Some(spill) = self.spill.as_mut().filter(|s| !s.failed) else { return };
        let Sentence::Text(text) = sentence else { return };
        let key = (doc.clone(), start, end);
        if let Some(&at) = self.recent.get(&key) {
            *sentence = Sentence::Stored(at);
            return;
        }
        let offset = spill.written + spill.pending.len() as u64;
        if text.len() > MAX_LENGTH || offset > MAX_OFFSET {
            return;
        }
        spill.pending.extend_from_slice(text.as_bytes());
        let at = offset << LENGTH_BITS | text.len() as u64;
        if spill.pending.len() >= BATCH {
            spill.write_pending();
        }
        self.recent.insert(key, at);
        *sentence = Sentence::Stored(at);
    }

    /// Forgets which sentences were kept (call it between documents: one
    /// document's sentences are not another's).
    pub fn forget_recent(&mut self) {
        self.recent.clear();
        self.recent.shrink_to(256);
    }

    /// A sentence's text. Only reading a stored one back can fail.
    pub fn text<'a>(&'a self, sentence: &'a Sentence) -> std::io::Result<Cow<'a, str>> {
        let at = match sentence {
            Sentence::Text(t) => return Ok(Cow::Borrowed(t)),
            Sentence::Stored(at) => *at,
        };
        let spill = self.spill.as_ref().ok_or_else(|| std::io::Error::other("a stored sentence in a graph with no sentence store"))?;
        let (offset, len) = (at >> LENGTH_BITS, (at & MAX_LENGTH as u64) as usize);
        if offset >= spill.written {
            let from = (offset - spill.written) as usize;
            let bytes = spill.pending.get(from..from + len).ok_or_else(|| std::io::Error::other("a stored sentence past the end of the store"))?;
            std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(std::io::Error::other)
        } else {
            let mut buf = vec![0; len];
            read_at(&spill.file, &mut buf, offset)?;
            String::from_utf8(buf).map(Cow::Owned).map_err(std::io::Error::other)
        }
    }
}

impl Spill {
    #[cfg(unix)]
    fn create() -> Option<Spill> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static MADE: AtomicUsize = AtomicUsize::new(0);
        let n = MADE.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(".oversight-sentences-{}-{n}", std::process::id()));
        let file = std::fs::OpenOptions::new().read(true).write(true).create_new(true).open(&path).ok()?;
        // Unlinked now: the file lives as long as the handle.
        std::fs::remove_file(&path).ok()?;
        Some(Spill { file, written: 0, pending: Vec::with_capacity(BATCH), failed: false })
    }

    #[cfg(not(unix))]
    fn create() -> Option<Spill> {
        None
    }

    fn write_pending(&mut self) {
        // The file is appended to by this handle alone, so its end is `written`.
        match (&self.file).write_all(&self.pending) {
            Ok(()) => {
                self.written += self.pending.len() as u64;
                self.pending.clear();
            }
            // What was written in part is read from `pending` instead.
            Err(_) => self.failed = true,
        }
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::Error::other("sentences are stored on disk only on Unix"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_kept_on_disk_read_back_as_they_were() {
        let mut store = SentenceStore::on_disk();
        if cfg!(not(unix)) {
            return;
        }
        assert!(store.is_on_disk(), "the temporary folder is writable here");
        let doc: Arc<str> = "a.txt".into();
        let texts = ["The council's director left.", "Ofsted rated it “Good”.", ""];
        let mut kept = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let mut s = Sentence::from(*t);
            store.keep(&mut s, &doc, i as u32 * 100, i as u32 * 100 + t.len() as u32);
            assert!(matches!(s, Sentence::Stored(_)));
            kept.push(s);
        }
        // The same span of the same document is kept once.
        let mut again = Sentence::from(texts[0]);
        store.keep(&mut again, &doc, 0, texts[0].len() as u32);
        assert_eq!(again, kept[0]);
        // Enough to be written out, then read back from the file and from what is pending.
        let long = "x".repeat(BATCH);
        let mut big = Sentence::from(long.as_str());
        store.keep(&mut big, &doc, 1000, 1000 + long.len() as u32);
        let mut after = Sentence::from("After the write.");
        store.keep(&mut after, &"b.txt".into(), 0, 16);
        assert!(store.spill.as_ref().unwrap().written > 0);
        for (s, t) in kept.iter().zip(texts) {
            assert_eq!(store.text(s).unwrap(), t);
        }
        assert_eq!(store.text(&big).unwrap(), long);
        assert_eq!(store.text(&after).unwrap(), "After the write.");
        // After `forget_recent`, a span is kept anew.
        store.forget_recent();
        let mut anew = Sentence::from(texts[0]);
        store.keep(&mut anew, &doc, 0, texts[0].len() as u32);
        assert_ne!(anew, kept[0]);
        assert_eq!(store.text(&anew).unwrap(), texts[0]);
    }

    #[test]
    fn after_a_failed_write_every_sentence_still_reads_back() {
        if cfg!(not(unix)) {
            return;
        }
        // A store whose file cannot be written (opened for reading only).
        let file = File::open("Cargo.toml").unwrap();
        let mut store = SentenceStore { spill: Some(Spill { file, written: 0, pending: Vec::new(), failed: false }), recent: HashMap::new() };
        let doc: Arc<str> = "a.txt".into();
        let first = "x".repeat(BATCH);
        let mut big = Sentence::from(first.as_str());
        store.keep(&mut big, &doc, 0, first.len() as u32);
        // The write failed: what was pending stays pending, and later sentences stay in memory.
        assert!(matches!(big, Sentence::Stored(_)) && !store.is_on_disk());
        let mut later = Sentence::from("Kept in memory.");
        store.keep(&mut later, &doc, 1 << 21, (1 << 21) + 15);
        assert_eq!(later.text(), Some("Kept in memory."));
        assert_eq!(store.text(&big).unwrap(), first);
        assert_eq!(store.text(&later).unwrap(), "Kept in memory.");
    }

    #[test]
    fn an_in_memory_store_keeps_the_text() {
        let mut store = SentenceStore::default();
        let mut s = Sentence::from("Kept as it is.");
        store.keep(&mut s, &"a.txt".into(), 0, 14);
        assert_eq!(s.text(), Some("Kept as it is."));
        assert_eq!(store.text(&s).unwrap(), "Kept as it is.");
        assert!(store.text(&Sentence::Stored(5)).is_err());
    }

    #[test]
    fn sentences_serialise_as_their_text() {
        let s = Sentence::from("A sentence.");
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, "\"A sentence.\"");
        assert_eq!(serde_json::from_str::<Sentence>(&json).unwrap(), s);
        assert!(serde_json::to_string(&Sentence::Stored(1)).is_err());
    }
}
