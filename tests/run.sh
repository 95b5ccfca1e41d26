#!/usr/bin/env bash
# Installs what the tests need where it is missing, then runs every test:
# Graphviz (dot), Chromium (the report's test), and the Python packages pyld
# (JSON-LD), rdflib (an RDF store), networkx (GraphML) and kuzu (a Cypher
# database, for the Neo4j files), and cargo-fuzz,
# with which each fuzz target runs for OVERSIGHT_FUZZ_SECONDS (default 20)
# on its committed corpus before the tests (0 skips that; the tests replay
# the corpora anyway, in tests/fuzz_replay.rs). This is the README's test
# command; .ci/run calls it unchanged. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v dot >/dev/null 2>&1; then
  echo "tests/run.sh: installing Graphviz (dot)"
  apt_install graphviz
fi
if ! command -v chromium >/dev/null 2>&1; then
  echo "tests/run.sh: installing Chromium (headless, for the report's test)"
  apt_install chromium
fi
if ! command -v script >/dev/null 2>&1; then
  apt_install bsdutils
fi

# module name, PyPI name, Debian package
# (kuzu, the embedded Cypher database that tests/neo4j.rs loads the Neo4j
# files into, is on PyPI only.)
for spec in "pyld pyld python3-pyld" "rdflib rdflib python3-rdflib" "networkx networkx python3-networkx" "kuzu kuzu -"; do
  set -- $spec
  if ! python3 -c "import $1" >/dev/null 2>&1; then
    echo "tests/run.sh: installing $2 (Python)"
    python3 -m pip install --quiet "$2" 2>/dev/null \
      || python3 -m pip install --quiet --break-system-packages "$2" 2>/dev/null \
      || { [ "$3" != - ] && apt_install "$3"; }
  fi
done

# The fuzz targets, briefly, on their corpora. What they find goes to a
# scratch folder, never into the committed corpus; a crash fails the run and
# leaves its input under fuzz/artifacts/.
fuzz_seconds="${OVERSIGHT_FUZZ_SECONDS:-20}"
if [ "$fuzz_seconds" != 0 ]; then
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "tests/run.sh: installing cargo-fuzz (from crates.io)"
    cargo install cargo-fuzz --locked --quiet || echo "tests/run.sh: WARNING: cargo-fuzz could not be installed; the fuzz targets run only as tests/fuzz_replay.rs"
  fi
  if cargo fuzz --version >/dev/null 2>&1; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    echo "tests/run.sh: building the fuzz targets"
    (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build -O)
    for target in read dates extract build_one; do
      mkdir -p "$work/$target"
      echo "tests/run.sh: fuzzing $target for ${fuzz_seconds}s"
      if ! (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "$work/$target" "corpus/$target" -- \
          -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1) >"$work/$target.log" 2>&1; then
        tail -n 80 "$work/$target.log"
        echo "tests/run.sh: fuzz target $target failed (its input is under fuzz/artifacts/$target/)"
        exit 1
      fi
      grep -E '^(Done|stat::average_exec_per_sec)' "$work/$target.log" || true
    done
  fi
fi

cargo test --release --all-targets
