//! Inputs as users have them: a saved web page and a PDF letter build into the
//! same facts as their plain text (the gold scorer agrees within 0.02); the
//! page's navigation, scripts and adverts are left out; an encrypted or damaged
//! PDF is a warning naming it and the build goes on; the progress bar shows
//! on a terminal only.

use crate::common;
use common::*;
use serde_json::Value;
use std::fs;
use std::path::Path;

/// `oversight eval` of one document against its seed's gold file alone.
fn overall_f1(input: &str, gold_file: &str, name: &str) -> f64 {
    let gold = scratch(name);
    fs::copy(root().join("tests/gold/seeds").join(gold_file), gold.join(gold_file)).unwrap();
    let o = oversight(&["eval", s(&gold), input, "--json"]);
    assert!(o.status.success(), "eval {input}: {}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    v["overall_f1"].as_f64().unwrap()
}

fn facts_agree(text: &str, other: &str, gold_file: &str, name: &str) {
    let plain = overall_f1(text, gold_file, &format!("{name}-text"));
    let converted = overall_f1(other, gold_file, &format!("{name}-other"));
    assert!(plain > 0.9, "{text} scores {plain}");
    assert!((plain - converted).abs() <= 0.02, "{other} scores {converted}, its text {plain}");
}

#[test]
fn a_saved_web_page_builds_into_the_same_facts_as_its_text() {
    facts_agree("seeds/000_055c6bd38cbdef09.txt", "tests/inputs/html/000_article.html", "000_055c6bd38cbdef09.json", "html");
}

#[test]
fn a_pdf_letter_builds_into_the_same_facts_as_its_text() {
    facts_agree("seeds/003_6eb7b694ebc82621.txt", "tests/inputs/pdf/003_letter.pdf", "003_6eb7b694ebc82621.json", "pdf");
}

#[test]
fn the_page_gives_its_article_without_navigation_scripts_or_adverts() {
    let page = fs::read_to_string(root().join("tests/inputs/html/000_article.html")).unwrap();
    let text = oversight::document::html::text(&page);
    assert!(text.starts_with("Children\u{2019}s services in Northamptonshire \u{2018}improving from a low base\u{2019} say Ofsted\n\n"), "{text}");
    for kept in ["By James Averill", "Monday, 7th December 2020", "inspector Brenda McLaughlin to Cathi Hadley", "draft budget for the new unitary councils."] {
        assert!(text.contains(kept), "{kept:?} is missing from:\n{text}");
    }
    for dropped in [
        "cookies", "Accept all", "Sport", "Advertisement", "googletag", "Share on Facebook", "Sign up", "More from News",
        "Comments have been closed", "Recommended for you", "All rights reserved", "Privacy notice", "Picture:", "dataLayer", "Skip to content",
    ] {
        assert!(!text.contains(dropped), "{dropped:?} was kept:\n{text}");
    }
    // Paragraphs are separated by blank lines, as in a plain-text article.
    assert!(text.contains("a very low base\u{2019}.\n\nBy James Averill\n\n"), "{text}");
}

#[test]
fn document_ids_are_file_names() {
    let out = scratch("input-ids");
    let o = oversight(&["build", "tests/inputs/html", "tests/inputs/pdf", "--out", s(&out), "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let jsonld = fs::read_to_string(out.join("graph.jsonld")).unwrap();
    assert!(jsonld.contains("\"name\": \"000_article.html\"") && jsonld.contains("\"name\": \"003_letter.pdf\""));
}

#[test]
fn unreadable_pdfs_are_warnings_naming_them_and_the_build_goes_on() {
    let out = scratch("bad-pdfs");
    let o = oversight(&["build", "seeds", "tests/inputs/bad", "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("oversight: warning: tests/inputs/bad/encrypted.pdf: encrypted PDF, skipped: it needs a password"), "{err}");
    assert!(err.contains("oversight: warning: tests/inputs/bad/corrupt.pdf: unreadable PDF, skipped ("), "{err}");
    assert!(!err.contains("panicked"), "a panic leaked: {err}");
    assert!(stdout(&o).contains("read 5 documents"));
    let seeds = build_seeds("bad-pdfs-seeds");
    assert_eq!(unstamped(fs::read(out.join("graph.jsonld")).unwrap()), unstamped(fs::read(seeds.join("graph.jsonld")).unwrap()));
    // With nothing else to read, the build fails and says so.
    let o = oversight(&["build", "tests/inputs/bad", "--out", s(&scratch("bad-only"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no document with any text to read"), "{}", stderr(&o));
}

#[test]
fn a_file_named_pdf_that_is_not_one_is_a_warning() {
    let dir = scratch("fake-pdf-in");
    fs::write(dir.join("notes.pdf"), "just some text").unwrap();
    fs::copy(root().join("seeds/003_6eb7b694ebc82621.txt"), dir.join("letter.txt")).unwrap();
    let o = oversight(&["build", s(&dir), "--out", s(&scratch("fake-pdf-out"))]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("notes.pdf: unreadable PDF, skipped (no %PDF- header: not a PDF file)"), "{}", stderr(&o));
}

#[test]
fn the_progress_bar_is_drawn_on_a_terminal_only() {
    // Not a terminal: nothing on standard error.
    let out = scratch("progress-pipe");
    let o = oversight(&["build", "seeds", "--out", s(&out)]);
    assert!(o.status.success());
    assert_eq!(stderr(&o), "", "standard error is not a terminal, yet something was drawn");
    // A terminal (script(1) gives the build one): the bar, cleared at the end.
    if !Path::new("/usr/bin/script").exists() {
        eprintln!("script(1) is not installed: the terminal half of this test is skipped");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_oversight");
    let cmd = format!("{bin} build seeds --out {}", s(&scratch("progress-tty")));
    let o = std::process::Command::new("script").args(["-qec", &cmd, "/dev/null"]).current_dir(root()).output().unwrap();
    let shown = stdout(&o);
    assert!(o.status.success(), "{shown}");
    assert!(shown.contains("extracting [") && shown.contains("/5 documents"), "no progress bar on a terminal: {shown:?}");
    let quiet = format!("{bin} build seeds --quiet --out {}", s(&scratch("progress-quiet")));
    let o = std::process::Command::new("script").args(["-qec", &quiet, "/dev/null"]).current_dir(root()).output().unwrap();
    assert_eq!(stdout(&o), "", "--quiet drew something");
}
