//! Exporters: one module a format, each writing the whole graph to a writer
//! (or a string) in a stable order (the same graph always gives the same bytes): `dot`
//! (Graphviz), `jsonld` (JSON-LD 1.1), `graphml` (Gephi, yEd, Cytoscape,
//! NetworkX), `neo4j` (CSV files for Neo4j's bulk importer) and `report` (one
//! self-contained HTML page for people). A build stamps each with its id.

pub mod dot;
pub mod graphml;
pub mod jsonld;
pub mod neo4j;
pub mod report;
pub mod stamp;

/// Text for XML or HTML: `&`, `<`, `>`, `"` and `'` escaped and the control
/// characters XML 1.0 forbids dropped; with `flatten`, line breaks and tabs
/// become spaces (for attribute-like values on one line).
pub fn escape_markup(s: &str, flatten: bool) -> String {
    let mut out = String::with_capacity(s.len());
    push_markup(&mut out, s, flatten);
    out
}

/// The bytes `escape_markup` may change: ASCII signs and control characters,
/// and 0xEF, which starts U+FFFE and U+FFFF (and other characters, kept).
const MARKUP_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[0xEF] = true;
    t
};

/// `escape_markup`, onto the end of `out`.
pub fn push_markup(out: &mut String, s: &str, flatten: bool) {
    let bytes = s.as_bytes();
    // Runs that need nothing are copied whole.
    let mut copied = 0;
    let mut i = 0;
    while let Some(n) = bytes[i..].iter().position(|&b| MARKUP_BYTES[b as usize]) {
        i += n;
        let (with, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            b'\n' | b'\r' | b'\t' if flatten => (" ", 1),
            b'\n' | b'\r' | b'\t' => ("", 0),
            0..=0x1F => ("", 1),
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            _ => ("", 0),
        };
        if len == 0 {
            i += 1; // kept as it is
            continue;
        }
        out.push_str(&s[copied..i]);
        out.push_str(with);
        i += len;
        copied = i;
    }
    out.push_str(&s[copied..]);
}

/// Text written through a buffer to a writer, for the exporters that build
/// their output with `push_str` and `write!`: the output is never held whole
/// (at a gigabyte of articles, the report and the GraphML are gigabytes). The
/// first write error is kept, and `finish` returns it.
pub struct Sink<'w> {
    buf: String,
    w: &'w mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl<'w> Sink<'w> {
    const SPILL: usize = 1 << 16;

    pub fn new(w: &'w mut dyn std::io::Write) -> Sink<'w> {
        Sink { buf: String::with_capacity(Self::SPILL * 2), w, error: None }
    }

    pub fn push_str(&mut self, s: &str) {
        self.buf.push_str(s);
        if self.buf.len() >= Self::SPILL {
            self.spill();
        }
    }

    /// `s` as markup (`escape_markup`), without a copy of it made first.
    pub fn push_markup(&mut self, s: &str, flatten: bool) {
        push_markup(&mut self.buf, s, flatten);
        if self.buf.len() >= Self::SPILL {
            self.spill();
        }
    }

    fn spill(&mut self) {
        if self.error.is_none() {
            if let Err(e) = self.w.write_all(self.buf.as_bytes()) {
                self.error = Some(e);
            }
        }
        self.buf.clear();
    }

    /// Writes what is buffered; the first error met, if any.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.spill();
        self.error.take().map_or(Ok(()), Err)
    }
}

impl std::fmt::Write for Sink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

impl Sink<'_> {
    /// Writes `count` parts, each made by `render(i, into)`, in order: made
    /// `chunk` parts at a time. With more than one thread, `threads` workers
    /// each take the next chunk not yet taken, while this thread writes the
    /// chunks in order as they are done; a worker stays at most `2 * threads`
    /// chunks ahead of the writing, so memory stays bounded. The bytes are
    /// those of making them one by one.
    pub fn push_parts(&mut self, count: usize, chunk: usize, threads: usize, render: &(dyn Fn(usize, &mut String) + Sync)) {
        let chunk = chunk.max(1);
        let chunks = count.div_ceil(chunk);
        let make = |k: usize| {
            let mut text = String::new();
            for i in k * chunk..((k + 1) * chunk).min(count) {
                render(i, &mut text);
            }
            text
        };
        if threads <= 1 || chunks <= 1 {
            for k in 0..chunks {
                self.push_text(make(k));
            }
            return;
        }
        let ahead = 2 * threads;
        // The next chunk to take, the chunks written, and the chunks made and
        // not yet written (chunk `k` in slot `k % ahead`).
        struct Made {
            next: usize,
            written: usize,
            slots: Vec<Option<String>>,
            failed: bool,
        }
        let state = std::sync::Mutex::new(Made { next: 0, written: 0, slots: vec![None; ahead], failed: false });
        let changed = std::sync::Condvar::new();
        let lock = || state.lock().unwrap_or_else(|e| e.into_inner());
        // A thread that panics, a worker or this one, lets the others stop waiting.
        struct Failed<'a>(&'a std::sync::Mutex<Made>, &'a std::sync::Condvar);
        impl Drop for Failed<'_> {
            fn drop(&mut self) {
                if std::thread::panicking() {
                    self.0.lock().unwrap_or_else(|e| e.into_inner()).failed = true;
                    self.1.notify_all();
                }
            }
        }
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads.min(chunks))
                .map(|_| {
                    scope.spawn(|| {
                        let _failed = Failed(&state, &changed);
                        loop {
                            let k = {
                                let mut s = changed.wait_while(lock(), |s| s.next < chunks && s.next >= s.written + ahead && !s.failed).unwrap_or_else(|e| e.into_inner());
                                if s.next >= chunks || s.failed {
                                    return;
                                }
                                s.next += 1;
                                s.next - 1
                            };
                            let text = make(k);
                            lock().slots[k % ahead] = Some(text);
                            changed.notify_all();
                        }
                    })
                })
                .collect();
            let _failed = Failed(&state, &changed);
            for k in 0..chunks {
                let text = {
                    let mut s = changed.wait_while(lock(), |s| s.slots[k % ahead].is_none() && !s.failed).unwrap_or_else(|e| e.into_inner());
                    let Some(text) = s.slots[k % ahead].take() else { break };
                    s.written = k + 1;
                    text
                };
                changed.notify_all();
                self.push_text(text);
            }
            for w in workers {
                if let Err(e) = w.join() {
                    std::panic::resume_unwind(e);
                }
            }
        });
    }

    /// Writes a made chunk: a long one straight through, rather than copied
    /// into the buffer first.
    fn push_text(&mut self, text: String) {
        if text.len() < Self::SPILL {
            self.push_str(&text);
            return;
        }
        self.spill();
        if self.error.is_none() {
            if let Err(e) = self.w.write_all(text.as_bytes()) {
                self.error = Some(e);
            }
        }
    }
}

/// What a writer-based exporter writes, as a string.
pub fn to_string(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> String {
    let mut bytes = Vec::new();
    write(&mut bytes).expect("writing to memory does not fail");
    String::from_utf8(bytes).expect("the exporters write UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_as_one_character_at_a_time_would() {
        let one_at_a_time = |s: &str, flatten: bool| -> String {
            s.chars()
                .filter_map(|c| match c {
                    '&' => Some("&amp;".to_string()),
                    '<' => Some("&lt;".into()),
                    '>' => Some("&gt;".into()),
                    '"' => Some("&quot;".into()),
                    '\'' => Some("&#39;".into()),
                    '\n' | '\r' | '\t' if flatten => Some(" ".into()),
                    c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => None,
                    '\u{FFFE}' | '\u{FFFF}' => None,
                    c => Some(c.to_string()),
                })
                .collect()
        };
        for s in ["", "plain", "a & b <c> \"d\" 'e'", "tab\there\r\nline", "\u{1}\u{1f}x\u{7f}", "\u{FFFE}\u{FFFF}\u{FFFD}\u{EFBF}\u{F000}", "caf\u{e9} \u{2019}s &\u{FFFF}&", "\u{FFFF}"] {
            for flatten in [false, true] {
                assert_eq!(escape_markup(s, flatten), one_at_a_time(s, flatten), "{s:?} flatten {flatten}");
            }
        }
    }

    #[test]
    fn a_part_that_panics_ends_the_writing_with_its_panic_rather_than_a_hang() {
        for threads in [1, 2, 3] {
            let written = std::panic::catch_unwind(|| {
                to_string(|w| {
                    let mut sink = Sink::new(w);
                    sink.push_parts(100, 3, threads, &|i, out| if i == 37 { panic!("part 37") } else { out.push('x') });
                    sink.finish()
                })
            });
            let message = written.expect_err("the panic reaches the caller");
            assert_eq!(message.downcast_ref::<&str>(), Some(&"part 37"), "on {threads} threads");
        }
    }

    #[test]
    fn a_writer_that_panics_ends_the_writing_with_its_panic_rather_than_a_hang() {
        struct Panics;
        impl std::io::Write for Panics {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                panic!("the disk caught fire")
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        for threads in [1, 2, 3] {
            let written = std::panic::catch_unwind(|| {
                let mut w = Panics;
                let mut sink = Sink::new(&mut w);
                // Parts longer than the buffer, written as soon as each is made.
                sink.push_parts(100, 1, threads, &|_, out| out.push_str(&"x".repeat(Sink::SPILL)));
            });
            let message = written.expect_err("the panic reaches the caller");
            assert_eq!(message.downcast_ref::<&str>(), Some(&"the disk caught fire"), "on {threads} threads");
        }
    }

    #[test]
    fn parts_made_on_several_threads_come_out_as_made_one_by_one() {
        let render = |i: usize, out: &mut String| {
            use std::fmt::Write;
            let _ = writeln!(out, "<li>{i}{}</li>", "x".repeat(i % 7));
        };
        for count in [0, 1, 4095, 4096, 4097, 3 * 4096 + 5, 20_000] {
            let one_by_one: String = (0..count).map(|i| {
                let mut s = String::new();
                render(i, &mut s);
                s
            }).collect();
            // (Not one thread started per part for the largest counts.)
            for (threads, chunk) in [1, 2, 3, 8].into_iter().flat_map(|t| [1, 7, 4096].map(|c| (t, c))).filter(|(_, c)| count / c <= 5000) {
                let written = to_string(|w| {
                    let mut sink = Sink::new(w);
                    sink.push_str("<ol>");
                    sink.push_parts(count, chunk, threads, &render);
                    sink.push_str("</ol>");
                    sink.finish()
                });
                assert_eq!(written, format!("<ol>{one_by_one}</ol>"), "{count} parts in chunks of {chunk} on {threads} threads");
            }
        }
    }
}
