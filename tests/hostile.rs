//! Hostile and odd inputs: each is read, or skipped with a clear message,
//! without a panic, in bounded time and memory. The policy (README, "Odd
//! inputs"): a file found in a folder that cannot be used is a warning and
//! is skipped; a file named on the command line that cannot be used is an
//! error (exit code 1); UTF-16 with a byte-order mark is decoded and a UTF-8
//! byte-order mark dropped; Windows line ends are line ends.
//!
//! Time limits here are hang guards far above the real times (which the
//! closing note of issue 7 and the README give), never speed checks.

use crate::common;
use crate::robust;
use common::*;
use oversight::document::read::{collect_inputs, read_inputs, Input};
use robust::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

const HANG: Duration = Duration::from_secs(300);

fn seed(name: &str) -> String {
    fs::read_to_string(root().join("seeds").join(name)).unwrap()
}

/// Builds `inputs` into a fresh folder with a hang guard; returns the run and the folder.
fn build(name: &str, inputs: &[&str], extra: &[&str]) -> (Run, PathBuf) {
    let out = scratch(name);
    let mut args = vec!["build", "--out", s(&out)];
    args.extend_from_slice(inputs);
    args.extend_from_slice(extra);
    (run_bounded(&args, HANG), out)
}

fn assert_no_panic(r: &Run) {
    assert!(!r.stderr().contains("panicked") && r.code().is_some(), "a panic or a signal: {:?} {}", r.code(), r.stderr());
}

#[test]
fn a_50_mb_file_with_no_newline_is_read_in_bounded_time_and_memory() {
    let dir = scratch("huge-line-in");
    let one = seed("000_055c6bd38cbdef09.txt").replace('\n', " ");
    let target = 50 * 1024 * 1024;
    let mut text = String::with_capacity(target + one.len());
    while text.len() < target {
        text.push_str(&one);
        text.push(' ');
    }
    fs::write(dir.join("one-line.txt"), &text).unwrap();
    drop(text);
    let (r, out) = build("huge-line-out", &[s(&dir)], &[]);
    assert_no_panic(&r);
    assert_eq!(r.code(), Some(0), "{}", r.stderr());
    assert!(r.stdout().contains("read 1 documents"), "{}", r.stdout());
    assert!(out.join("graph.jsonld").exists());
    // About ten bytes of memory for each byte of text, as the README says.
    assert!(r.peak_kib < 2 * 1024 * 1024, "{} MiB for a 50 MiB file", r.peak_kib / 1024);
    eprintln!("50 MiB on one line: {:.1?}, {} MiB at most", r.elapsed, r.peak_kib / 1024);
}

#[test]
fn a_file_over_the_size_limit_is_skipped_in_a_folder_and_an_error_when_named() {
    let dir = scratch("too-large-in");
    // Sparse: 65 MiB on paper, nothing on disk.
    fs::File::create(dir.join("huge.txt")).unwrap().set_len(65 * 1024 * 1024).unwrap();
    fs::write(dir.join("letter.txt"), seed("003_6eb7b694ebc82621.txt")).unwrap();
    let (r, _) = build("too-large-out", &[s(&dir)], &[]);
    assert_eq!(r.code(), Some(0), "{}", r.stderr());
    assert!(r.stderr().contains("huge.txt: larger than 64 MiB, too large for an article or letter, skipped"), "{}", r.stderr());
    assert!(r.peak_kib < 512 * 1024, "{} MiB to skip a large file", r.peak_kib / 1024);
    let (r, _) = build("too-large-named", &[s(&dir.join("huge.txt"))], &[]);
    assert_eq!(r.code(), Some(1), "{}", r.stderr());
    assert!(r.stderr().contains("huge.txt: larger than 64 MiB"), "{}", r.stderr());
}

#[test]
fn a_binary_file_named_txt_is_skipped_in_a_folder_and_an_error_when_named() {
    let dir = scratch("binary-in");
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    elf.extend((0..4096u32).map(|i| (i * 7919 % 251) as u8));
    fs::write(dir.join("program.txt"), &elf).unwrap();
    fs::write(dir.join("letter.txt"), seed("003_6eb7b694ebc82621.txt")).unwrap();
    let (r, out) = build("binary-out", &[s(&dir)], &[]);
    assert_eq!(r.code(), Some(0), "{}", r.stderr());
    assert!(r.stderr().contains("program.txt: not text (a NUL byte at offset 7: a binary file, or UTF-16 without a byte-order mark), skipped"), "{}", r.stderr());
    assert!(r.stdout().contains("read 1 documents"), "{}", r.stdout());
    assert!(out.join("graph.jsonld").exists());
    // Named, it is an error naming it, and nothing is written.
    let (r, out) = build("binary-named", &[s(&dir.join("program.txt")), s(&dir.join("letter.txt"))], &[]);
    assert_eq!(r.code(), Some(1), "{}", r.stderr());
    assert!(r.stderr().contains("program.txt: not text (a NUL byte at offset 7"), "{}", r.stderr());
    assert!(!out.join("graph.jsonld").exists());
    // Text that is valid UTF-8 but for one byte is skipped the same way in a folder.
    fs::write(dir.join("program.txt"), b"Caf\xe9 society\n").unwrap();
    let (r, _) = build("latin1-folder", &[s(&dir)], &[]);
    assert_eq!(r.code(), Some(0), "{}", r.stderr());
    assert!(r.stderr().contains("program.txt: not UTF-8 text (invalid byte at offset 3), skipped: convert it first"), "{}", r.stderr());
}

/// The seed in UTF-16 (either byte order) or with a UTF-8 byte-order mark
/// builds into exactly the outputs of the seed itself: the mark is not part
/// of the text, so even the offsets agree.
#[test]
fn utf16_with_a_byte_order_mark_and_a_utf8_mark_read_as_the_same_text() {
    let name = "003_6eb7b694ebc82621.txt";
    let text = seed(name);
    let plain = build("utf16-plain", &[&format!("seeds/{name}")], &["-q"]).1;
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    let bom: Vec<u8> = b"\xEF\xBB\xBF".iter().copied().chain(text.bytes()).collect();
    for (label, bytes) in [("utf16le", le), ("utf16be", be), ("utf8bom", bom)] {
        let dir = scratch(&format!("{label}-in"));
        fs::write(dir.join(name), bytes).unwrap();
        let (r, out) = build(&format!("{label}-out"), &[s(&dir.join(name))], &["-q"]);
        assert_eq!(r.code(), Some(0), "{label}: {}", r.stderr());
        for f in ["graph.jsonld", "graph.dot", "graph.graphml"] {
            assert!(unstamped(fs::read(out.join(f)).unwrap()) == unstamped(fs::read(plain.join(f)).unwrap()), "{label}: {f} differs from the UTF-8 build's");
        }
    }
    // A mark followed by bytes that are not UTF-16 is not text.
    let dir = scratch("utf16-broken");
    fs::write(dir.join("odd.txt"), b"\xFF\xFEH\0i").unwrap();
    let (r, _) = build("utf16-broken-out", &[s(&dir.join("odd.txt"))], &[]);
    assert_eq!(r.code(), Some(1));
    assert!(r.stderr().contains("odd.txt: not UTF-16 text despite its byte-order mark (an odd number of bytes)"), "{}", r.stderr());
}

/// Windows line ends give the same graph, and the offsets count the text as
/// read, carriage returns included.
#[test]
fn windows_line_endings_give_the_same_facts_with_offsets_into_the_text_as_read() {
    let unix = scratch("crlf-unix");
    let dos = scratch("crlf-dos");
    for e in fs::read_dir(root().join("seeds")).unwrap() {
        let p = e.unwrap().path();
        let t = fs::read_to_string(&p).unwrap();
        fs::write(unix.join(p.file_name().unwrap()), &t).unwrap();
        fs::write(dos.join(p.file_name().unwrap()), t.replace('\n', "\r\n")).unwrap();
    }
    let (a, out_a) = build("crlf-out-unix", &[s(&unix)], &["-q"]);
    let (b, out_b) = build("crlf-out-dos", &[s(&dos)], &["-q"]);
    assert_eq!((a.code(), b.code()), (Some(0), Some(0)), "{} {}", a.stderr(), b.stderr());
    // The DOT holds the facts without offsets: the same bytes.
    assert!(unstamped(fs::read(out_a.join("graph.dot")).unwrap()) == unstamped(fs::read(out_b.join("graph.dot")).unwrap()), "CRLF changed the facts");
    let report = check_evidence(&fs::read_to_string(out_b.join("graph.jsonld")).unwrap(), &texts_of(&[&dos]));
    assert!(report.statements > 50 && report.broken.is_empty(), "{:#?}", report.broken);
    let jsonld = fs::read_to_string(out_b.join("graph.jsonld")).unwrap();
    assert!(jsonld != fs::read_to_string(out_a.join("graph.jsonld")).unwrap(), "offsets should count the carriage returns");
}

/// A file listed, then removed or swapped for something unreadable before it
/// is read (the reader calls back before each file: the test removes or
/// swaps the next one there, deterministically).
#[test]
fn a_file_that_vanishes_or_becomes_unreadable_mid_build_is_skipped_with_a_warning() {
    let dir = scratch("vanish-in");
    for n in ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"] {
        fs::write(dir.join(n), seed("003_6eb7b694ebc82621.txt")).unwrap();
    }
    let listing = collect_inputs(&[dir.clone()]).unwrap();
    assert_eq!(listing.inputs.len(), 5);
    let mut calls = 0;
    let (docs, warnings) = read_inputs(&listing.inputs, &mut |p: &Path| {
        calls += 1;
        if p.ends_with("a.txt") {
            fs::remove_file(dir.join("b.txt")).unwrap();
            // A folder where a file was.
            fs::remove_file(dir.join("c.txt")).unwrap();
            fs::create_dir(dir.join("c.txt")).unwrap();
            // A FIFO where a file was: opening it for reading would wait for ever.
            fs::remove_file(dir.join("d.txt")).unwrap();
            assert!(std::process::Command::new("mkfifo").arg(dir.join("d.txt")).status().unwrap().success());
        }
    })
    .unwrap();
    assert_eq!(calls, 5);
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a.txt", "e.txt"]);
    let w: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(w.len(), 3, "{w:?}");
    assert!(w[0].ends_with("b.txt: cannot read (No such file or directory (os error 2)), skipped"), "{w:?}");
    assert!(w[1].ends_with("c.txt: cannot read (it is a folder), skipped"), "{w:?}");
    assert!(w[2].ends_with("d.txt: cannot read (not a regular file (a FIFO, socket or device)), skipped"), "{w:?}");
    // The same file named on the command line is an error.
    let named = [Input { path: dir.join("b.txt"), named: true }];
    let e = read_inputs(&named, &mut |_| {}).unwrap_err();
    assert_eq!(e.exit_code(), 1);
    assert!(e.to_string().contains("b.txt: cannot read"), "{e}");
}

#[test]
fn a_fifo_or_a_dangling_symlink_in_a_folder_is_skipped_without_waiting() {
    let dir = scratch("fifo-in");
    fs::write(dir.join("letter.txt"), seed("003_6eb7b694ebc82621.txt")).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(dir.join("pipe.txt")).status().unwrap().success());
    std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("dangling.txt")).unwrap();
    let (r, _) = build("fifo-out", &[s(&dir)], &[]);
    assert_eq!(r.code(), Some(0), "{}", r.stderr());
    assert!(r.stderr().contains("pipe.txt: not a regular file (a FIFO, socket or device), skipped"), "{}", r.stderr());
    assert!(r.stderr().contains("dangling.txt: cannot read (No such file or directory"), "{}", r.stderr());
    assert!(r.stdout().contains("read 1 documents"), "{}", r.stdout());
}

/// Symlinks that point back up the tree (and to themselves) end: each folder
/// is walked once, each file read once.
#[test]
fn a_symlink_loop_is_walked_once() {
    let dir = scratch("loop-in");
    let sub = dir.join("a/b");
    fs::create_dir_all(&sub).unwrap();
    fs::write(dir.join("a/one.txt"), seed("003_6eb7b694ebc82621.txt")).unwrap();
    fs::write(sub.join("two.txt"), seed("001_2821e7f9a10a2e44.txt")).unwrap();
    // Two links to the parent in each folder: walked blindly, 2^depth paths.
    for (at, to) in [("a/b/up", ".."), ("a/b/top", "../.."), ("a/self", "."), ("a/again", "../a"), ("a/b/here", ".")] {
        std::os::unix::fs::symlink(to, dir.join(at)).unwrap();
    }
    std::os::unix::fs::symlink("me.txt", dir.join("a/me.txt")).unwrap();
    let (r, out) = build("loop-out", &[s(&dir), s(&dir.join("a"))], &[]);
    assert_no_panic(&r);
    assert_eq!(r.code(), Some(0), "{}", r.stderr());
    assert!(r.stdout().contains("read 2 documents"), "{}", r.stdout());
    assert!(r.stderr().contains("me.txt: cannot read ("), "the looping file link is named: {}", r.stderr());
    let built = fs::read_to_string(out.join("graph.jsonld")).unwrap();
    assert!(built.contains("\"name\": \"one.txt\"") && built.contains("\"name\": \"two.txt\""));
}

#[test]
fn thousands_of_tiny_files_are_all_read() {
    let dir = scratch("tiny-in");
    let given = ["Amara", "Ben", "Chloe", "Dev", "Erin", "Femi", "Grace", "Hugo"];
    for i in 0..5000 {
        let sub = dir.join(format!("{:02}", i % 50));
        fs::create_dir_all(&sub).unwrap();
        let text = format!("{} Tiny{i} was appointed director of children's services at Kent County Council in March 2020.\n", given[i % given.len()]);
        fs::write(sub.join(format!("{i:05}.txt")), text).unwrap();
    }
    let (r, out) = build("tiny-out", &[s(&dir)], &[]);
    assert_eq!(r.code(), Some(0), "{}", r.stderr());
    assert!(r.stdout().contains("read 5000 documents"), "{}", r.stdout());
    let jsonld = fs::read_to_string(out.join("graph.jsonld")).unwrap();
    assert!(jsonld.contains("\"name\": \"04999.txt\"") && jsonld.contains("Hugo Tiny4999"), "not every document was read");
    eprintln!("5,000 tiny files: {:.1?}, {} MiB at most", r.elapsed, r.peak_kib / 1024);
}

/// Names in many scripts, right-to-left text, combining marks, zero-width
/// characters and emoji: read without a panic, and every offset still lands
/// on the sentence it quotes.
#[test]
fn names_in_every_script_are_read_and_offsets_stay_true() {
    let dir = scratch("scripts-in");
    let names = [
        "Zoë Ångström-Łukasiewicz", "Siobhán Ó Briain", "Иван Петров", "Γιώργος Παπαδόπουλος", "محمد الأحمد", "דוד כהן",
        "अमित शर्मा", "张伟", "佐藤 花子", "김민준", "สมชาย ใจดี", "Nguyễn Văn An", "Chidi Okafor", "José\u{301} Marti\u{301}n",
        "Ana\u{200b}Zero Width", "👩‍👧 Emoji Family", "O\u{2019}Neill-Smythe",
    ];
    let mut text = String::from("Children\u{2019}s services news\n\nPublished 14 March 2023\n\n");
    for (i, n) in names.iter().enumerate() {
        text.push_str(&format!("{n}, director of children\u{2019}s services at Kent County Council, said the \u{201c}work\u{201d} goes on.\u{200f} "));
        if i % 3 == 2 {
            text.push_str("\n\n");
        }
    }
    text.push_str("\nMs Ångström-Łukasiewicz was appointed chair of the trust in May 2021. \u{202e}desrever\u{202c} text.\n");
    fs::write(dir.join("scripts.txt"), &text).unwrap();
    let (r, out) = build("scripts-out", &[s(&dir)], &[]);
    assert_no_panic(&r);
    assert_eq!(r.code(), Some(0), "{}", r.stderr());
    let jsonld = fs::read_to_string(out.join("graph.jsonld")).unwrap();
    let report = check_evidence(&jsonld, &texts_of(&[&dir]));
    assert!(report.statements > 0, "no fact read at all");
    assert!(report.broken.is_empty(), "{:#?}", report.broken);
    // `explain` prints the same document without a panic.
    let o = oversight(&["explain", s(&dir.join("scripts.txt"))]);
    assert!(o.status.success() && !stderr(&o).contains("panicked"), "{}", stderr(&o));
}

/// A text that is one long list of capitalised words (a name-like word
/// salad): every word a candidate name or body. Read in bounded time.
#[test]
fn a_text_that_is_one_long_list_of_capitalised_words_is_read() {
    let dir = scratch("caps-in");
    let words = [
        "Alpha", "Kent", "County", "Council", "Director", "Jo", "Smith", "Ofsted", "Trust", "Children", "Services", "Chair", "Mr",
        "Ms", "Northamptonshire", "Lesley", "Hagger", "March", "May", "Inspection", "Good", "Inadequate", "Sandwell", "Interim",
    ];
    let mut text = String::new();
    let mut x: u64 = 7;
    while text.len() < 1_000_000 {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        text.push_str(words[(x >> 33) as usize % words.len()]);
        text.push(' ');
    }
    fs::write(dir.join("caps.txt"), &text).unwrap();
    let (r, out) = build("caps-out", &[s(&dir)], &[]);
    assert_no_panic(&r);
    assert_eq!(r.code(), Some(0), "{}", r.stderr());
    let report = check_evidence(&fs::read_to_string(out.join("graph.jsonld")).unwrap(), &texts_of(&[&dir]));
    assert!(report.broken.is_empty(), "{:#?}", &report.broken[..report.broken.len().min(5)]);
    eprintln!("1 MB of capitalised words: {:.1?}, {} MiB at most, {} statements", r.elapsed, r.peak_kib / 1024, report.statements);
}

/// A web page whose elements nest 100,000 deep: the HTML parser's work
/// grows with depth times length, so such a page is skipped (named: an error).
#[test]
fn a_web_page_nested_absurdly_deep_is_skipped_with_a_message() {
    let dir = scratch("deep-html-in");
    let para = "<p>Jo Bloggs, director of children's services at Kent County Council, said so.</p>";
    fs::write(dir.join("deep.html"), format!("<html><body>{}{para}{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000))).unwrap();
    fs::write(dir.join("inline.html"), format!("<html><body>{}{para}</body></html>", "<b>".repeat(100_000))).unwrap();
    fs::write(dir.join("fine.html"), format!("<html><body>{}{para}{}</body></html>", "<div>".repeat(500), "</div>".repeat(500))).unwrap();
    let (r, _) = build("deep-html-out", &[s(&dir)], &[]);
    assert_no_panic(&r);
    assert_eq!(r.code(), Some(0), "{}", r.stderr());
    assert!(r.stderr().contains("deep.html: a web page whose elements nest 100000 deep, deeper than any article's (the limit is 1000), skipped"), "{}", r.stderr());
    assert!(r.stderr().contains("inline.html: a web page whose elements nest 100000 deep"), "{}", r.stderr());
    assert!(r.stdout().contains("read 1 documents"), "{}", r.stdout());
    let (r, _) = build("deep-html-named", &[s(&dir.join("deep.html"))], &[]);
    assert_eq!(r.code(), Some(1), "{}", r.stderr());
}

/// A PDF whose page is its own parent makes the PDF reader loop for ever
/// (found by the fuzz target `read`): it is given up after
/// `pdf::PDF_TIMEOUT` with a warning, and the build goes on.
#[test]
fn a_pdf_that_makes_the_reader_loop_is_skipped_after_a_time_limit() {
    let dir = scratch("looping-pdf-in");
    let input = fs::read(root().join("fuzz/corpus/read/found-timeout-pdf-self-parent")).unwrap();
    fs::write(dir.join("loop.pdf"), &input[1..]).unwrap();
    fs::write(dir.join("letter.txt"), seed("003_6eb7b694ebc82621.txt")).unwrap();
    let (r, _) = build("looping-pdf-out", &[s(&dir)], &[]);
    assert_no_panic(&r);
    assert_eq!(r.code(), Some(0), "{}", r.stderr());
    assert!(r.stderr().contains("loop.pdf: unreadable PDF, skipped (the PDF reader did not finish within 20 seconds)"), "{}", r.stderr());
    assert!(r.stdout().contains("read 1 documents"), "{}", r.stdout());
}
