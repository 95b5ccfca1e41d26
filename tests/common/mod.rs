//! Helpers shared by the integration tests: the real binary, scratch folders.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where `seeds/` and `tests/` are).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `oversight` with these arguments from the repository root.
pub fn oversight(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oversight")).args(args).current_dir(root()).output().expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh, empty scratch folder unique to one test.
#[track_caller]
pub fn scratch(name: &str) -> PathBuf {
    // Under target/tmp (cargo's scratch space for tests), not the system's /tmp:
    // `cargo clean` removes them, and a test run leaves nothing behind elsewhere.
    // Every test file runs in one process (tests/main.rs): the calling file's
    // name keeps two files' names apart.
    let file = Path::new(std::panic::Location::caller().file()).file_stem().unwrap().to_string_lossy().into_owned();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("oversight-test-{}-{file}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Builds the seeds into a scratch folder and returns it.
#[track_caller]
pub fn build_seeds(name: &str) -> PathBuf {
    let out = scratch(name);
    let o = oversight(&["build", "seeds", "--out", s(&out), "--quiet"]);
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    out
}

/// Runs a program, failing the test with a clear message when it is missing.
pub fn run_tool(program: &str, args: &[&str], install_hint: &str) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed by this test ({e}); {install_hint}, or run `bash tests/run.sh`, which installs it"))
}

/// An output with its build id (`6f1c0e7d2a9b3c45-20261207T033512.123Z`)
/// replaced by `BUILD`: two builds of the same graph differ in nothing else.
pub fn unstamped(bytes: Vec<u8>) -> Vec<u8> {
    static ID: std::sync::OnceLock<regex::bytes::Regex> = std::sync::OnceLock::new();
    let id = ID.get_or_init(|| regex::bytes::Regex::new(r"[0-9a-f]{16}-[0-9]{8}T[0-9]{6}\.[0-9]{3}Z").unwrap());
    id.replace_all(&bytes, &b"BUILD"[..]).into_owned()
}

/// The build id every stamped output of a folder carries, or what differs.
pub fn build_ids(dir: &Path) -> std::collections::BTreeMap<String, String> {
    let id = regex::Regex::new(r"[0-9a-f]{16}-[0-9]{8}T[0-9]{6}\.[0-9]{3}Z").unwrap();
    ["graph.dot", "graph.jsonld", "graph.graphml", "report.html", "neo4j/import.sh", "neo4j/queries.cypher"]
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(dir.join(f)).unwrap_or_default();
            let found: std::collections::BTreeSet<&str> = id.find_iter(&text).map(|m| m.as_str()).collect();
            let one = if found.len() == 1 { found.into_iter().next().unwrap().to_string() } else { format!("{} ids: {found:?}", found.len()) };
            (f.to_string(), one)
        })
        .collect()
}
