#!/usr/bin/env bash
# Installs what the tests need where it is missing, then runs every test:
# Graphviz (dot), Chromium (the report's test), and the Python packages pyld
# (JSON-LD), rdflib (an RDF store) and networkx (GraphML). This is the
# README's test command; .ci/run calls it unchanged. Safe to run again.
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
for spec in "pyld pyld python3-pyld" "rdflib rdflib python3-rdflib" "networkx networkx python3-networkx"; do
  set -- $spec
  if ! python3 -c "import $1" >/dev/null 2>&1; then
    echo "tests/run.sh: installing $2 (Python)"
    python3 -m pip install --quiet "$2" 2>/dev/null \
      || python3 -m pip install --quiet --break-system-packages "$2" 2>/dev/null \
      || apt_install "$3"
  fi
done

cargo test --release --all-targets
