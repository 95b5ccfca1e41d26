#!/usr/bin/env bash
# Installs what the tests need where it is missing, then runs every test:
# Graphviz (dot), Chromium (the report's test), and the Python packages pyld
# (JSON-LD), rdflib (an RDF store), networkx (GraphML) and kuzu (a Cypher
# database, for the Neo4j files). Each fuzz target runs for
# OVERSIGHT_FUZZ_SECONDS (default 20) on its committed corpus before the tests
# (fuzz/run.sh; 0 skips that; the tests replay the corpora anyway, in
# tests/fuzz_replay.rs). This is the README's test command; .ci/run calls it
# unchanged. Safe to run again.
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

# The fuzz targets are built (instrumented, in fuzz/target) while the tests
# build: much of each build is one crate on one core, so the two together fill
# both cores. Then the fuzz targets run briefly on their corpora; what they
# find goes to a scratch folder, never into the committed corpus; a crash
# fails the run and leaves its input under fuzz/artifacts/.
fuzz_seconds="${OVERSIGHT_FUZZ_SECONDS:-20}"
fuzz_build=
if [ "$fuzz_seconds" != 0 ]; then
  fuzz_log="$(mktemp)"
  trap '[ -z "$fuzz_build" ] || kill "$fuzz_build" 2>/dev/null; rm -f "$fuzz_log"' EXIT
  echo "tests/run.sh: building the fuzz targets and the tests"
  bash fuzz/run.sh --build >"$fuzz_log" 2>&1 &
  fuzz_build=$!
fi
cargo test --release --all-targets --no-run
if [ -n "$fuzz_build" ]; then
  built=0
  wait "$fuzz_build" || built=$?
  fuzz_build=
  if [ "$built" != 0 ]; then
    tail -n 80 "$fuzz_log"
    echo "tests/run.sh: the fuzz targets did not build"
    exit 1
  fi
  bash fuzz/run.sh
fi

cargo test --release --all-targets
