//! How a run ends: outputs renamed into place together, so an interrupted
//! build (Ctrl-C, SIGTERM, SIGKILL, a full disk) leaves the previous outputs
//! whole; a closed standard output is a quiet end; `--strict` turns warnings
//! into exit code 4; every exit code is documented in `--help` and the README.

use crate::common;
use common::*;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const OUTPUTS: [&str; 4] = ["graph.dot", "graph.jsonld", "graph.graphml", "report.html"];

/// The outputs in `dir` and in its `neo4j/` (their build ids left out: the
/// graph's bytes), and the names of any other files there but the folders'
/// lock file.
fn snapshot(dir: &Path) -> (Vec<Vec<u8>>, Vec<String>) {
    let mut names: Vec<String> = OUTPUTS.iter().map(|f| f.to_string()).collect();
    let mut others = Vec::new();
    for folder in [dir.to_path_buf(), dir.join("neo4j")] {
        for e in fs::read_dir(&folder).into_iter().flatten() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let path = if folder == dir { name.clone() } else { format!("neo4j/{name}") };
            if name.starts_with('.') {
                if name != ".oversight.lock" {
                    others.push(path);
                }
            } else if folder != dir {
                names.push(path);
            } else if !OUTPUTS.contains(&name.as_str()) && name != "neo4j" {
                others.push(path);
            }
        }
    }
    names[4..].sort();
    others.sort();
    (names.iter().map(|f| unstamped(fs::read(dir.join(f)).unwrap_or_default())).collect(), others)
}

fn mkfifo(p: &Path) {
    assert!(Command::new("mkfifo").arg(p).status().unwrap().success(), "mkfifo {}", p.display());
}

fn signal(pid: u32, sig: &str) {
    assert!(Command::new("kill").args([&format!("-{sig}"), &pid.to_string()]).status().unwrap().success());
}

fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < Duration::from_secs(120), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Starts a build of the seeds and a document fed through a FIFO into
/// `out`, whose report's temporary file is a FIFO, so that the build stops
/// there (after its other outputs, and the pages of a large report).
fn start_held(name: &str, out: &Path, extra: &[&str]) -> std::process::Child {
    let feed = scratch(&format!("{name}-in")).join("feed.txt");
    mkfifo(&feed);
    let child = Command::new(env!("CARGO_BIN_EXE_oversight"))
        .args([&["build", "seeds", s(&feed), "--out", s(out), "-q"][..], extra].concat())
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    mkfifo(&out.join(format!(".report.html.tmp-{}", child.id())));
    // Opening the feed waits for the build to open it for reading.
    let mut w = fs::OpenOptions::new().write(true).open(&feed).unwrap();
    w.write_all(b"Jo Bloggs was appointed director of children's services at Kent County Council in March 2020.\n").unwrap();
    child
}

/// A build stopped while it writes: the build reads a document from a FIFO
/// (so the test decides when it goes on), and the temporary file of its
/// last output is a FIFO too (so it stops there, after writing the others,
/// before any rename). Then it gets `sig`. Returns the exit status, the
/// standard error, and the output folder.
fn stop_while_writing(name: &str, sig: &str) -> (Option<i32>, String, PathBuf, (Vec<Vec<u8>>, Vec<String>)) {
    let out = build_seeds(&format!("{name}-out"));
    let before = snapshot(&out);
    assert!(before.1.is_empty(), "{:?}", before.1);
    let mut child = start_held(name, &out, &[]);
    let pid = child.id();
    wait_for("the first outputs' temporary files", || out.join(format!(".graph.graphml.tmp-{pid}")).exists());
    std::thread::sleep(Duration::from_millis(100));
    signal(pid, sig);
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    (status.code(), err, out, before)
}

#[test]
fn ctrl_c_or_sigterm_while_writing_leaves_the_previous_outputs_whole_and_no_temporary_file() {
    for sig in ["INT", "TERM"] {
        let (code, err, out, before) = stop_while_writing(&format!("sig{sig}"), sig);
        assert_eq!(code, Some(130), "SIG{sig}: {err}");
        assert!(err.contains("interrupted; the outputs were left as they were"), "SIG{sig}: {err}");
        let after = snapshot(&out);
        assert!(after.0 == before.0, "SIG{sig} changed the outputs");
        assert!(after.1.is_empty(), "SIG{sig} left files behind: {:?}", after.1);
    }
}

/// SIGKILL cannot be caught: its temporary files stay, the outputs are the
/// previous ones, and the next build into the folder removes the leftovers.
#[test]
fn a_killed_build_leaves_the_previous_outputs_and_the_next_build_removes_its_leftovers() {
    let (code, _, out, before) = stop_while_writing("sigkill", "KILL");
    assert_eq!(code, None, "killed by a signal");
    let after = snapshot(&out);
    assert!(after.0 == before.0, "SIGKILL changed the outputs");
    assert!(after.1.len() == before.0.len() && after.1.iter().all(|n| n.contains(".tmp-")), "a temporary file an output: {:?}", after.1);
    // A leftover of a process that still runs (this test's) is not touched.
    let mine = out.join(format!(".graph.dot.tmp-{}", std::process::id()));
    fs::write(&mine, "a build running beside").unwrap();
    let o = oversight(&["build", "seeds", "--out", s(&out), "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let again = snapshot(&out);
    assert_eq!(again.1, vec![mine.file_name().unwrap().to_string_lossy().into_owned()], "leftovers stay");
    assert!(again.0 == before.0, "the next build's outputs differ");
}

/// A tmpfs of 256 KiB: the outputs of one letter fit, those of 33 documents
/// do not. The failed build exits 3, names the file, and leaves the
/// previous outputs whole and no temporary file. Needs root (mount).
#[test]
fn a_full_disk_is_exit_code_3_and_leaves_the_previous_outputs_whole() {
    let disk = scratch("full-disk");
    let mounted = Command::new("mount").args(["-t", "tmpfs", "-o", "size=256k", "tmpfs", s(&disk)]).stderr(Stdio::null()).status().is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("NOTE: cannot mount a tmpfs here (not root?): the full-disk half of this test is skipped; /dev/full is tested");
    } else {
        struct Unmount(PathBuf);
        impl Drop for Unmount {
            fn drop(&mut self) {
                let _ = Command::new("umount").arg(&self.0).status();
            }
        }
        let _guard = Unmount(disk.clone());
        let out = disk.join("out");
        let o = oversight(&["build", "seeds/001_2821e7f9a10a2e44.txt", "--out", s(&out), "-q"]);
        assert!(o.status.success(), "the small build must fit: {}", stderr(&o));
        let before = snapshot(&out);
        let o = oversight(&["build", "seeds", "tests/extra/docs", "tests/heldout/docs", "--out", s(&out), "-q"]);
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
        assert!(stderr(&o).contains("cannot write: No space left on device"), "{}", stderr(&o));
        let after = snapshot(&out);
        assert!(after.0 == before.0, "the full disk changed the outputs");
        assert!(after.1.is_empty(), "temporary files left: {:?}", after.1);
    }
    // A device is written to, never replaced: /dev/full stays a device.
    let o = oversight(&["extract", "seeds", "--out", "/dev/full"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("/dev/full: cannot write: No space left on device"), "{}", stderr(&o));
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::metadata("/dev/full").unwrap().file_type().is_char_device(), "/dev/full was replaced");
}

/// `extract --out /dev/stdout` streams the fragments (a pipeline's use), and
/// leaves /dev/stdout alone.
#[test]
fn fragments_can_be_written_to_standard_output() {
    let o = oversight(&["extract", "seeds", "--out", "/dev/stdout"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 5, "{}", stdout(&o));
    assert!(fs::symlink_metadata("/dev/stdout").unwrap().file_type().is_symlink(), "/dev/stdout was replaced");
}

/// A document long enough that `explain` prints more than a pipe holds.
fn long_document() -> PathBuf {
    let dir = scratch("long-doc");
    let mut text = String::from("Published 14 March 2023\n\n");
    for i in 0..3000 {
        text.push_str(&format!("Jo Person{i}, director of children's services at Kent County Council, said so.\n"));
    }
    let p = dir.join("long.txt");
    fs::write(&p, text).unwrap();
    p
}

/// `oversight ... | head -1`: the command stops quietly, exit code 0.
#[test]
fn a_closed_pipe_on_standard_output_ends_the_command_quietly() {
    let long = long_document();
    let commands: [Vec<&str>; 2] = [vec!["explain", s(&long)], vec!["sparql", "SELECT * WHERE { ?s ?p ?o }", "--from", "seeds", "--from", "tests/extra/docs"]];
    for args in commands {
        let mut child = Command::new(env!("CARGO_BIN_EXE_oversight")).args(&args).current_dir(root()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        assert!(!first.is_empty());
        // The reader is gone: the next write fails with a broken pipe.
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?} said something on a broken pipe: {err}");
    }
    // Standard output that cannot be written for another reason is exit code 3.
    let full = fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_oversight")).args(["explain", s(&long)]).current_dir(root()).stdout(full).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard output: cannot write: No space left on device"));
}

#[test]
fn strict_turns_skipped_files_and_undated_documents_into_exit_code_4_after_writing() {
    // Seeds: one undated document. Without --strict a clean run.
    let plain = scratch("strict-plain");
    let o = oversight(&["build", "seeds", "--out", s(&plain), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let strict = scratch("strict-undated");
    let o = oversight(&["build", "seeds", "--out", s(&strict), "-q", "--strict"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("oversight: warning: 004_6fef30caab08414b.txt: no date found in the document"), "{err}");
    assert_eq!(err.matches("no date found").count(), 1, "{err}");
    assert!(err.contains("1 warning(s) with --strict; the outputs were written"), "{err}");
    for f in OUTPUTS {
        assert!(unstamped(fs::read(strict.join(f)).unwrap()) == unstamped(fs::read(plain.join(f)).unwrap()), "{f}: --strict changed the outputs");
    }
    // A skipped file.
    let dir = scratch("strict-skip-in");
    fs::write(dir.join("letter.txt"), fs::read(root().join("seeds/003_6eb7b694ebc82621.txt")).unwrap()).unwrap();
    fs::write(dir.join("empty.txt"), "").unwrap();
    let o = oversight(&["build", s(&dir), "--out", s(&scratch("strict-skip-out")), "--strict"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("empty.txt: empty file, skipped") && stdout(&o).contains("read 1 documents"), "{}", stderr(&o));
    let o = oversight(&["build", s(&dir), "--out", s(&scratch("strict-skip-lax")), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Nothing to warn of: 0 with --strict too.
    let o = oversight(&["build", "seeds/003_6eb7b694ebc82621.txt", "--out", s(&scratch("strict-clean")), "-q", "--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // extract and merge too.
    let frag = scratch("strict-frag").join("f.jsonl");
    let o = oversight(&["extract", s(&dir), "seeds", "--out", s(&frag), "--strict"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&frag).unwrap().lines().count(), 6, "the fragments were written");
    let o = oversight(&["merge", s(&frag), "--out", s(&scratch("strict-merge")), "-q", "--strict"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let o = oversight(&["merge", s(&frag), "--out", s(&scratch("strict-merge-lax")), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn every_exit_code_is_documented_in_help_and_the_readme() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    for cmd in ["build", "extract", "merge"] {
        let help = stdout(&oversight(&[cmd, "--help"]));
        for code in ["0 ", "1 ", "2 ", "3 ", "4 ", "130 "] {
            assert!(help.lines().any(|l| l.trim_start().starts_with(code)), "`{cmd} --help` does not explain exit code {code}:\n{help}");
        }
        assert!(help.contains("--strict"), "{cmd} --help");
    }
    for code in ["0", "1", "2", "3", "4", "130"] {
        assert!(readme.contains(&format!("\n| {code} |")), "README.md's exit codes lack {code}");
    }
    assert!(readme.contains("--strict"), "README.md does not explain --strict");
}

/// The JSON-LD written to a FIFO, where the report cannot read it back: the
/// report is made from the model read off the JSON-LD as it is written, and
/// is the one a build into a folder writes.
#[test]
fn a_build_whose_json_ld_goes_to_a_fifo_writes_the_same_report() {
    let plain = build_seeds("fifo-jsonld-plain");
    let out = scratch("fifo-jsonld");
    let fifo = out.join("graph.jsonld");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(&fifo).unwrap())
    };
    let o = oversight(&["build", "seeds", "--out", s(&out), "-q", "--threads", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let jsonld = reader.join().unwrap();
    assert!(unstamped(jsonld) == unstamped(fs::read(plain.join("graph.jsonld")).unwrap()), "the JSON-LD through the FIFO differs");
    assert!(unstamped(fs::read(out.join("report.html")).unwrap()) == unstamped(fs::read(plain.join("report.html")).unwrap()), "the report differs");
}

/// The documents a folder's JSON-LD and its Neo4j files hold: every output
/// of one build names the same ones.
fn documents_of(dir: &Path) -> (Vec<String>, Vec<String>) {
    let doc: serde_json::Value = serde_json::from_str(&fs::read_to_string(dir.join("graph.jsonld")).unwrap()).unwrap();
    let mut jsonld: Vec<String> = doc["@graph"].as_array().unwrap().iter().filter(|i| i["@type"] == "Document").map(|i| i["@id"].as_str().unwrap().to_string()).collect();
    let csv = fs::read_to_string(dir.join("neo4j/Document.csv")).unwrap();
    let mut neo4j: Vec<String> = csv.lines().filter_map(|l| l.strip_prefix('"')?.split('"').next().map(String::from)).collect();
    jsonld.sort();
    neo4j.sort();
    (jsonld, neo4j)
}

/// Pairs of builds of different inputs started together into one folder:
/// afterwards the folder holds one build's outputs, every one stamped with
/// the same build id, and the Neo4j files of that build (the renames are
/// made under an operating-system lock on the folder).
#[test]
fn builds_into_one_folder_at_once_leave_the_outputs_of_one_of_them() {
    let out = scratch("together");
    let mut ids = std::collections::BTreeSet::new();
    for round in 0..16 {
        let start = |input: &str| {
            Command::new(env!("CARGO_BIN_EXE_oversight")).args(["build", input, "--out", s(&out), "-q", "--threads", "1"]).current_dir(root()).stderr(Stdio::piped()).spawn().unwrap()
        };
        let (a, b) = (start("seeds"), start("tests/extra/docs"));
        for build in [a, b] {
            let o = build.wait_with_output().unwrap();
            assert!(o.status.success(), "round {round}: {}", stderr(&o));
        }
        let stamps = build_ids(&out);
        let first = stamps.values().next().unwrap().clone();
        assert!(first.len() == 37 && stamps.values().all(|id| *id == first), "round {round}: the outputs of two builds: {stamps:?}");
        let (jsonld, neo4j) = documents_of(&out);
        assert!(jsonld.len() == 5 || jsonld.len() == 20, "round {round}: {} documents", jsonld.len());
        assert_eq!(jsonld, neo4j, "round {round}: the Neo4j files are another build's");
        ids.insert(first);
    }
    assert_eq!(ids.len(), 16, "each round leaves a build of its own");
}

/// The folder's lock is the operating system's: a build waits while another
/// process holds it, and goes on as soon as that process is killed.
#[test]
fn a_build_waits_for_the_folders_lock_and_a_killed_holder_never_blocks_it() {
    let out = build_seeds("locked");
    let before = snapshot(&out);
    let mut holder = Command::new("flock").args(["--no-fork", s(&out.join(".oversight.lock")), "sleep", "600"]).spawn().expect("flock (util-linux) runs");
    std::thread::sleep(Duration::from_millis(200));
    let mut build = Command::new(env!("CARGO_BIN_EXE_oversight")).args(["build", "tests/extra/docs", "--out", s(&out), "-q"]).current_dir(root()).spawn().unwrap();
    wait_for("the build's temporary files", || out.join(format!(".report.html.tmp-{}", build.id())).exists());
    std::thread::sleep(Duration::from_millis(500));
    assert!(build.try_wait().unwrap().is_none(), "the build did not wait for the lock");
    assert!(snapshot(&out).0 == before.0, "the build renamed while another held the lock");
    signal(holder.id(), "KILL");
    holder.wait().unwrap();
    assert!(build.wait().unwrap().success());
    let (jsonld, neo4j) = documents_of(&out);
    assert!(jsonld.len() == 20 && jsonld == neo4j, "the waiting build's outputs are not in place");
}

/// `report.html` and the files under `report/` (their build ids left out).
fn report_pages(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut pages = std::collections::BTreeMap::new();
    pages.insert("report.html".to_string(), unstamped(fs::read(dir.join("report.html")).unwrap_or_default()));
    for e in fs::read_dir(dir.join("report/bodies")).into_iter().flatten() {
        let e = e.unwrap();
        pages.insert(format!("report/bodies/{}", e.file_name().to_string_lossy()), unstamped(fs::read(e.path()).unwrap()));
    }
    pages
}

/// A large build's report is a folder of pages beside its index: a build
/// interrupted (SIGINT) or killed once its new pages are written, before
/// the index, leaves the previous index and pages whole (the next build
/// removes what the killed one left); a build of a small graph removes the
/// pages of the large one before it.
#[test]
fn a_stopped_large_build_leaves_the_previous_pages_whole() {
    for sig in ["INT", "KILL"] {
        let out = scratch(&format!("large-{sig}"));
        let large = ["--large-above", "10"];
        let o = oversight(&[&["build", "seeds", "--out", s(&out), "-q"][..], &large].concat());
        assert!(o.status.success(), "{}", stderr(&o));
        let before = report_pages(&out);
        assert!(before.len() > 5, "{:?}", before.keys());
        // The index's file, opened after the pages are written, holds the build there.
        let mut child = start_held(&format!("large-{sig}"), &out, &large);
        let pid = child.id();
        let pages = out.join(format!(".report.tmp-{pid}/bodies"));
        wait_for("the new pages", || pages.join("kent-county-council.html").exists());
        std::thread::sleep(Duration::from_millis(200));
        signal(pid, sig);
        let status = child.wait().unwrap();
        assert_eq!(status.code(), if sig == "INT" { Some(130) } else { None }, "SIG{sig}");
        assert!(report_pages(&out) == before, "SIG{sig} changed the report");
        let left = out.join(format!(".report.tmp-{pid}"));
        assert_eq!(left.exists(), sig == "KILL", "SIG{sig}: the new pages' folder");
        // The next build into the folder removes the killed one's pages and swaps its own in.
        let o = oversight(&[&["build", "seeds", "tests/extra/docs", "--out", s(&out), "-q"][..], &large].concat());
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!left.exists(), "the next build did not remove the killed one's pages");
        let after = report_pages(&out);
        assert!(after.len() > before.len() && before.keys().all(|p| after.contains_key(p)), "{:?}", after.keys());
        let o = oversight(&["build", "seeds", "--out", s(&out), "-q"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!out.join("report").exists(), "a small build left a large one's pages");
        assert!(fs::read_dir(&out).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().contains(".tmp-")), "leftovers");
    }
}

/// A folder named `report` that is not a report's pages (the user's own) is
/// never replaced nor removed: a small build leaves it, a large build stops
/// with exit code 3 naming it, before writing anything.
#[test]
fn a_report_folder_of_other_files_is_never_replaced() {
    let out = build_seeds("foreign-report");
    let mine = out.join("report/notes.txt");
    fs::create_dir_all(mine.parent().unwrap()).unwrap();
    fs::write(&mine, "my own notes").unwrap();
    let o = oversight(&["build", "seeds", "--out", s(&out), "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = snapshot(&out);
    let o = oversight(&["build", "seeds", "--out", s(&out), "-q", "--large-above", "10"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("report") && stderr(&o).contains("other files than a report's pages"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&mine).unwrap(), "my own notes");
    assert!(snapshot(&out) == before, "the outputs changed");
}
