//! The bodies of the fuzz targets: each takes any bytes, runs one stage of
//! oversight on them and checks the invariants that stage promises, panicking
//! (which the fuzzer reports as a crash) when one fails.
//!
//! The fuzz targets in `fuzz/fuzz_targets/` call these functions, and
//! `tests/fuzz_replay.rs` runs them over the committed corpora
//! (`fuzz/corpus/<target>/`) in every `cargo test`, so a crash once found
//! and fixed stays fixed without fuzzing.
//!
//! - `read`: the document reader: bytes as a .txt, .html or .pdf file
//!   (by the first byte) decoded, normalised and split into sentences.
//! - `dates`: the date resolver `find_dates` against any reference date.
//! - `extract`: every extractor on one document.
//! - `build_one`: the whole build of one document: read, extract, resolve, the
//!   four outputs, and the fragment round trip of `extract` + `merge`.

#![allow(dead_code)]

use oversight::date::{days_in_month, PartialDate};
use oversight::document::read::text_of;
use oversight::document::segment::MAX_SENTENCE;
use oversight::document::Document;
use oversight::extract::date::{find_dates, find_month_dates};
use oversight::extract::{extract as extract_facts, DocExtraction, Evidence};
use oversight::schema::Schema;

/// The document reader.
pub fn read(data: &[u8]) {
    let Some((&which, bytes)) = data.split_first() else { return };
    let name = ["fuzz.txt", "fuzz.html", "fuzz.pdf"][which as usize % 3];
    // A PDF that makes the reader loop is given up after a second here (the
    // build gives it `pdf::PDF_TIMEOUT`), within the fuzzer's time-out.
    let text = if name.ends_with(".pdf") {
        oversight::document::pdf::text_within(bytes, std::time::Duration::from_secs(1)).map_err(|_| ())
    } else {
        text_of(std::path::Path::new(name), bytes).map_err(|_| ())
    };
    if let Ok(text) = text {
        check_document(&Document::new(name, text));
    }
}

/// The date resolver: the first three bytes choose the reference date (none,
/// a year, a month or a day), the rest is the text.
pub fn dates(data: &[u8]) {
    if data.len() < 3 {
        return;
    }
    let reference = reference_of(data[0], data[1], data[2]);
    let text = String::from_utf8_lossy(&data[3..]);
    check_dates(&text, reference);
}

/// The reference date that three bytes stand for.
pub fn reference_of(a: u8, b: u8, c: u8) -> Option<PartialDate> {
    let year = 1990 + (b % 60) as i32;
    let month = 1 + c % 12;
    match a % 4 {
        0 => None,
        1 => Some(PartialDate::year(year)),
        2 => Some(PartialDate::month(year, month)),
        _ => PartialDate::day(year, month, 1 + (a / 4) % days_in_month(year, month)),
    }
}

/// Every extractor on one document.
pub fn extract(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let doc = Document::new("fuzz.txt", text);
    let x = extract_facts(&doc, Schema::get());
    check_extraction(&doc, &x);
}

/// The whole build of one document (the first byte picks .txt or .html).
pub fn build_one(data: &[u8]) {
    let Some((&which, bytes)) = data.split_first() else { return };
    let name = if which % 2 == 1 { "fuzz.html" } else { "fuzz.txt" };
    let Ok(text) = text_of(std::path::Path::new(name), bytes) else { return };
    if text.trim().is_empty() {
        return;
    }
    let doc = Document::new("fuzz.txt", text);
    let x = extract_facts(&doc, Schema::get());
    check_extraction(&doc, &x);
    // `extract` + `merge`: the fragment line reads back as the same facts,
    // and resolving it gives the same outputs as the build.
    let line = oversight::pipeline::fragments_to_jsonl(std::slice::from_ref(&x));
    let back: DocExtraction = serde_json::from_str(line.trim_end()).expect("a fragment reads back");
    assert!(oversight::pipeline::fragments_to_jsonl(std::slice::from_ref(&back)) == line, "the fragment round trip changed the facts");
    let files = oversight::pipeline::render_with(oversight::resolve::resolve(vec![x]), false);
    let again = oversight::pipeline::render_with(oversight::resolve::resolve(vec![back]), false);
    for ((name, a), (_, b)) in files.iter().zip(&again) {
        assert!(a == b, "{name} of the merged fragment differs from the build's");
    }
    for (name, contents) in &files {
        assert!(!contents.is_empty(), "{name} is empty");
    }
    let jsonld: serde_json::Value = serde_json::from_str(&files[1].1).expect("graph.jsonld is JSON");
    assert!(jsonld["@graph"].is_array(), "graph.jsonld has no @graph");
}

/// The invariants of a document: every normalised offset maps back to a
/// character boundary of the original text, in order; sentences are
/// non-empty, ordered, disjoint, bounded and on character boundaries.
pub fn check_document(doc: &Document) {
    let (text, norm) = (&doc.text, &doc.norm.text);
    let mut last = 0;
    for i in 0..=norm.len() {
        let o = doc.norm.to_original(i);
        assert!(o <= text.len() && text.is_char_boundary(o), "normalised offset {i} maps to {o}, not a character boundary");
        assert!(o >= last, "the offset map goes backwards at {i}");
        last = o;
    }
    let mut end = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        assert!(end <= s.start && s.start < s.end && s.end <= norm.len(), "sentence {i} {s:?} is out of order or bounds");
        assert!(norm.is_char_boundary(s.start) && norm.is_char_boundary(s.end), "sentence {i} {s:?} cuts a character");
        // A piece cut from an over-long sentence may end after a space, a whole character past the limit.
        assert!(s.end - s.start <= MAX_SENTENCE + 4, "sentence {i} is {} bytes long", s.end - s.start);
        assert_eq!(doc.sentence_at(s.start), Some(i), "sentence_at misses sentence {i}");
        let (a, b) = doc.norm.span_to_original(s.start, s.end);
        assert!(a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b), "sentence {i} maps to {a}..{b}");
        end = s.end;
    }
}

/// What `text` states of a date, as a precision: 3 (a day) if it names a
/// month and a day number, or is a numeric date, `today` or `yesterday`; 2
/// (a month) if it names a month (by name, or the word month) or a week;
/// else 1 (a year).
/// A resolved date may never be more precise than this.
pub fn stated_precision(span: &str) -> u8 {
    let lower = span.to_lowercase();
    // Words are runs of letters or of digits: `24and6` is 24, and, 6.
    let mut words: Vec<&str> = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in lower.char_indices().chain(std::iter::once((lower.len(), ' '))) {
        let class = if c.is_ascii_digit() { Some(true) } else if c.is_alphabetic() { Some(false) } else { None };
        if let Some((s, digit)) = start {
            if class != Some(digit) {
                words.push(&lower[s..i]);
                start = None;
            }
        }
        if start.is_none() {
            start = class.map(|d| (i, d));
        }
    }
    const MONTHS: [&str; 25] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "month",
    ];
    let numeric = words.len() >= 3 && words.iter().filter(|w| w.chars().all(|c| c.is_ascii_digit())).count() >= 3 && (span.contains('-') || span.contains('/'));
    let month = numeric || words.iter().any(|w| MONTHS.contains(&w.trim_end_matches('s')));
    let day_number = words.iter().any(|w| w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()));
    let week = words.iter().any(|w| w.trim_end_matches('s') == "week");
    if words.contains(&"today") || words.contains(&"yesterday") || numeric || (month && day_number && !words.iter().any(|w| w.starts_with("month"))) {
        3
    } else if month || week {
        2
    } else {
        1
    }
}

/// Whether `date`, read from `span`, is more precise than `span` states.
pub fn claims_too_much(span: &str, date: &PartialDate) -> bool {
    date.precision() > stated_precision(span)
}

/// The invariants of `find_dates`: mentions in order, disjoint, inside the
/// text and on character boundaries; real calendar dates; never more precise
/// than their text; relative ones only with a reference. And
/// `find_month_dates` finds its dates known to the month, without a reference.
pub fn check_dates(text: &str, reference: Option<PartialDate>) {
    let months: Vec<_> = find_dates(text, 0, None).into_iter().filter(|d| d.date.month.is_some()).collect();
    assert_eq!(find_month_dates(text), months, "the month dates of {text:?}");
    let base = 7;
    let found = find_dates(text, base, reference);
    let mut end = base;
    for m in &found {
        assert!(end <= m.start && m.start < m.end && m.end <= base + text.len(), "{m:?} is out of order or bounds in {text:?}");
        let span = &text[m.start - base..m.end - base];
        check_partial_date(&m.date);
        assert!(reference.is_some() || !m.relative, "{span:?} was resolved without a reference");
        assert!(
            !claims_too_much(span, &m.date),
            "{span:?} (reference {reference:?}) resolved to {} with precision {}, but the text states only {}",
            m.date,
            m.date.precision(),
            stated_precision(span)
        );
        end = m.end;
    }
}

/// A partial date is a real one, and reads back from its ISO form.
pub fn check_partial_date(d: &PartialDate) {
    if let Some(m) = d.month {
        assert!((1..=12).contains(&m), "month {m} in {d:?}");
        if let Some(day) = d.day {
            assert!(day >= 1 && day <= days_in_month(d.year, m), "day {day} in {d:?}");
        }
    } else {
        assert!(d.day.is_none(), "a day without a month: {d:?}");
    }
    if (1000..=9999).contains(&d.year) {
        assert_eq!(PartialDate::parse_iso(&d.to_string()), Some(*d), "{d} does not read back");
    }
}

/// The invariants of one document's facts: every id points at an entity,
/// every mention and every piece of evidence lies inside the document, on
/// character boundaries, and quotes the text at its offsets.
pub fn check_extraction(doc: &Document, x: &DocExtraction) {
    let n = x.entities.len();
    assert_eq!(x.doc, doc.id);
    for m in &x.mentions {
        assert!(m.start < m.end && m.end <= doc.norm.text.len(), "mention {m:?} is out of bounds");
        assert!(doc.norm.text.is_char_boundary(m.start) && doc.norm.text.is_char_boundary(m.end), "mention {m:?} cuts a character");
        assert!(m.entity < n && m.sentence < doc.sentences.len(), "mention {m:?} points nowhere");
    }
    for w in x.mentions.windows(2) {
        assert!(w[0].end <= w[1].start, "mentions overlap: {:?}", w);
    }
    for a in &x.authors {
        assert!(*a < n, "author {a} points nowhere");
    }
    for e in &x.entities {
        if let Some(ev) = &e.first_mention {
            check_evidence(doc, ev);
        }
    }
    for r in &x.roles {
        assert!(r.person < n && r.body < n, "role {r:?} points nowhere");
        check_evidence(doc, &r.evidence);
        for d in [r.date, r.start, r.end].into_iter().flatten() {
            check_partial_date(&d);
        }
    }
    for i in &x.inspections {
        assert!(i.body < n && i.inspectorate.is_none_or(|b| b < n) && i.inspectors.iter().all(|p| *p < n), "inspection {i:?} points nowhere");
        for ev in i.evidence.iter().chain(&i.ends.body).chain(&i.ends.rating).chain(&i.ends.inspectorate).chain(&i.ends.inspectors) {
            check_evidence(doc, ev);
        }
        let e = &i.ends;
        assert!(e.body.is_some() && e.rating.is_some() == i.rating.is_some() && e.inspectorate.is_some() == i.inspectorate.is_some() && e.inspectors.len() == i.inspectors.len(), "inspection {i:?} lacks the evidence of an end");
        if let Some(d) = i.date {
            check_partial_date(&d);
        }
    }
    for s in &x.successions {
        assert!(s.successor < n && s.predecessor < n, "succession {s:?} points nowhere");
        check_evidence(doc, &s.evidence);
        if let Some(d) = s.date {
            check_partial_date(&d);
        }
    }
    if let Some(d) = x.date {
        check_partial_date(&d);
    }
}

/// Evidence lies inside its document, its character offsets count the
/// characters before its byte offsets, and its sentence is the text between
/// the sentence offsets and holds the span.
pub fn check_evidence(doc: &Document, ev: &Evidence) {
    let t = &doc.text;
    assert_eq!(&*ev.doc, doc.id.as_str());
    let (start, end, sentence_start, sentence_end) = (ev.start as usize, ev.end as usize, ev.sentence_start as usize, ev.sentence_end as usize);
    assert!(start <= end && end <= t.len(), "evidence {start}..{end} outside a text of {} bytes ({})", t.len(), ev.rule);
    assert!(t.is_char_boundary(start) && t.is_char_boundary(end), "evidence {start}..{end} cuts a character ({})", ev.rule);
    assert_eq!(ev.char_start as usize, t[..start].chars().count(), "char_start of {}", ev.rule);
    assert_eq!(ev.char_end as usize, ev.char_start as usize + t[start..end].chars().count(), "char_end of {}", ev.rule);
    assert!(sentence_start <= start && end <= sentence_end && sentence_end <= t.len(), "the sentence does not hold the span ({})", ev.rule);
    assert!(t.is_char_boundary(sentence_start) && t.is_char_boundary(sentence_end), "the sentence cuts a character ({})", ev.rule);
    assert_eq!(ev.sentence.text(), Some(&t[sentence_start..sentence_end]), "the sentence is not the text at its offsets ({})", ev.rule);
}
