//! The text of a PDF (Ofsted publishes its letters as PDF), through
//! `pdf-extract`, with the lines of each paragraph joined again so that the
//! text segments as a plain-text letter does.
//!
//! A PDF that cannot be read (encrypted, damaged, or with no text layer) gives
//! an error that says why; the PDF library's own panics on malformed files are
//! caught and reported the same way, so one bad file never stops a build.

use std::panic;

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The file is encrypted and needs a password.
    Encrypted,
    /// The file is not a PDF, or is damaged; the library's message.
    Unreadable(String),
    /// The PDF has no text layer (a scan).
    NoText,
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::Encrypted => write!(f, "encrypted PDF, skipped: it needs a password; save a copy without one (e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf) and read that"),
            PdfError::Unreadable(why) => write!(f, "unreadable PDF, skipped ({why}); open it in a PDF viewer to check it, or save its text as .txt"),
            PdfError::NoText => write!(f, "PDF with no text, skipped: it may be a scanned image; run OCR on it first (e.g. ocrmypdf in.pdf out.pdf)"),
        }
    }
}

/// How long the PDF reader may take over one file. Letters take well under
/// a second; a damaged file can make the reader loop for ever (a page that
/// is its own parent), and is skipped after this long.
pub const PDF_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// The text of a PDF's pages, its paragraphs' lines joined.
pub fn text(bytes: &[u8]) -> Result<String, PdfError> {
    text_within(bytes, PDF_TIMEOUT)
}

/// As `text`, giving the PDF reader at most `limit`.
pub fn text_within(bytes: &[u8], limit: std::time::Duration) -> Result<String, PdfError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::Unreadable("no %PDF- header: not a PDF file".into()));
    }
    let raw = extract(bytes, limit).map_err(|why| if is_encrypted(bytes) { PdfError::Encrypted } else { PdfError::Unreadable(why) })?;
    let text = reflow(&raw);
    if text.trim().is_empty() {
        return Err(PdfError::NoText);
    }
    Ok(text)
}

/// The name of the threads that run the PDF reader: the panic hook keeps
/// their panics (which are caught and reported) off standard error.
const READER_THREAD: &str = "oversight-pdf-reader";

/// Runs `pdf-extract` on a thread of its own (with a large stack, as the
/// reader recurses), turning its panics into errors, and giving up after
/// `limit`: the thread is then left to itself (it ends with the process),
/// and the file is reported unreadable.
fn extract(bytes: &[u8], limit: std::time::Duration) -> Result<String, String> {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(READER_THREAD) {
                previous(info);
            }
        }));
    });
    let (tx, rx) = std::sync::mpsc::channel();
    let owned = bytes.to_vec();
    let spawned = std::thread::Builder::new().name(READER_THREAD.into()).stack_size(256 << 20).spawn(move || {
        let result = panic::catch_unwind(|| pdf_extract::extract_text_from_mem(&owned));
        let _ = tx.send(result);
    });
    if let Err(e) = spawned {
        return Err(format!("the PDF reader could not start: {e}"));
    }
    let result = match rx.recv_timeout(limit) {
        Ok(result) => result,
        Err(_) => return Err(format!("the PDF reader did not finish within {} seconds", limit.as_secs_f32())),
    };
    match result {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(e.to_string()),
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the PDF reader failed".into());
            Err(format!("the PDF reader failed: {why}"))
        }
    }
}

/// Whether the file's trailer names an encryption dictionary.
fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

/// Joins the lines that a paragraph was wrapped into on the page. A line is
/// wrapped when it runs close to the page's measure (the length of the longest
/// lines) and the next line continues it (it is not blank and not a new bullet).
/// Short lines (an address, a signature, a heading) keep their breaks, and
/// paragraphs are separated by one blank line.
pub fn reflow(raw: &str) -> String {
    let lines: Vec<&str> = raw.lines().map(|l| l.trim_end()).collect();
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.trim().chars().count()).filter(|&n| n > 0).collect();
    lengths.sort_unstable();
    // The measure: a long line's length (the 90th percentile, so that a stray
    // over-long line does not set it).
    let measure = lengths.get(lengths.len().saturating_sub(1) * 9 / 10).copied().unwrap_or(0);
    let wrapped = |l: &str| measure >= 40 && l.trim().chars().count() * 100 >= measure * 70;
    let bullet = |l: &str| {
        let t = l.trim_start();
        t.starts_with("- ") || t.starts_with('\u{2022}') || t.starts_with("\u{25aa}") || t.starts_with("* ")
    };
    let mut out = String::new();
    let mut blank = true;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() {
            if !blank {
                out.push_str("\n\n");
                blank = true;
            }
            i += 1;
            continue;
        }
        let line = line.strip_prefix('\u{2022}').or_else(|| line.strip_prefix('\u{25aa}')).map_or(line.to_string(), |rest| format!("- {}", rest.trim_start()));
        // Continuing a wrapped paragraph: a space, unless a word was broken
        // at its hyphen (which is kept). After a short line, a new line.
        let hyphen = out.ends_with('-') && out[..out.len() - 1].ends_with(char::is_alphabetic);
        if !blank && !out.ends_with('\n') && !hyphen {
            out.push(' ');
        }
        out.push_str(&line);
        blank = false;
        let next = lines.get(i + 1).map(|l| l.trim()).unwrap_or("");
        if !(wrapped(lines[i]) && !next.is_empty() && !bullet(next)) {
            out.push('\n');
        }
        i += 1;
    }
    let mut text = out.trim_end().to_string();
    text.push('\n');
    // Runs of more than one blank line come from page breaks.
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_join_and_short_lines_stay() {
        let raw = "Ofsted\nPiccadilly Gate\n\nThis letter summarises the findings of a focused visit to the\nNorthamptonshire children's services on 24 April 2018. The inspectors were\nJo Example.\n\n- The quality of assessments and plans is too variable. Assessments often\nlack depth.\n- Initial plans lack detail.\n";
        assert_eq!(
            reflow(raw),
            "Ofsted\nPiccadilly Gate\n\nThis letter summarises the findings of a focused visit to the Northamptonshire children's services on 24 April 2018. The inspectors were Jo Example.\n\n- The quality of assessments and plans is too variable. Assessments often lack depth.\n- Initial plans lack detail.\n"
        );
    }

    #[test]
    fn not_a_pdf_and_broken_pdfs_are_errors_not_panics() {
        assert!(matches!(text(b"hello"), Err(PdfError::Unreadable(_))));
        assert!(text(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF").is_err());
    }
}
