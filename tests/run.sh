#!/usr/bin/env bash
# Installs what the tests need where it is missing (Graphviz, pyld), then runs
# every test. This is the README's test command; .ci/run calls it unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v dot >/dev/null 2>&1; then
  echo "tests/run.sh: installing Graphviz (dot)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
fi
if ! python3 -c 'import pyld' >/dev/null 2>&1; then
  echo "tests/run.sh: installing pyld (JSON-LD processor)"
  python3 -m pip install --quiet pyld
fi

cargo test --release --all-targets
