#!/usr/bin/env bash
# Builds the fuzz targets and runs each for OVERSIGHT_FUZZ_SECONDS (default 20)
# on its committed corpus, with cargo alone (no cargo-fuzz to compile first):
# libFuzzer from libfuzzer-sys, cargo-fuzz 0.13's coverage flags on our crates. What the fuzzer finds goes to FUZZ_WORK/TARGET (FUZZ_WORK relative
# to fuzz/; by default a scratch folder, removed afterwards), never into the
# committed corpus; a crash fails the run and leaves its input under
# fuzz/artifacts/TARGET/. Targets run FUZZ_JOBS at a time (default: the number
# of cores), each on one core.
#
# Usage: bash fuzz/run.sh [TARGET...]    build, then fuzz these (all four by default)
#        bash fuzz/run.sh --build        build only
# tests/run.sh runs it; for a longer run of one target:
#        OVERSIGHT_FUZZ_SECONDS=600 FUZZ_WORK=corpus-work bash fuzz/run.sh extract
set -euo pipefail
cd "$(dirname "$0")"

# SanitizerCoverage (the feedback libFuzzer steers by) on our own crates only,
# through cargo's per-package profile rustflags (unstable, as cargo-fuzz's
# flags are, hence RUSTC_BOOTSTRAP=1): the dependencies build as plain release
# code. No AddressSanitizer: the crate's few `unsafe`
# blocks are libc calls; a panic, a hang or runaway memory fails a target.
cov='"-Cpasses=sancov-module", "-Cllvm-args=-sanitizer-coverage-level=4",
  "-Cllvm-args=-sanitizer-coverage-inline-8bit-counters", "-Cllvm-args=-sanitizer-coverage-pc-table",
  "-Cllvm-args=-sanitizer-coverage-trace-compares", "-Cllvm-args=-sanitizer-coverage-stack-depth",
  "-Cllvm-args=-simplifycfg-branch-fold-threshold=0", "--cfg", "fuzzing"'
export RUSTC_BOOTSTRAP=1
# Its own target folder, so that it builds while the tests build (in one
# folder, the two builds' oversight libraries would overwrite each other).
export CARGO_TARGET_DIR="$PWD/target"
build=(cargo build --manifest-path Cargo.toml --release --bins -Zprofile-rustflags
  --config 'profile.release.debug="line-tables-only"'
  --config "profile.release.package.oversight.rustflags=[$cov]"
  --config "profile.release.package.oversight-fuzz.rustflags=[$cov]")
if [ "${1:-}" = --build ]; then exec "${build[@]}"; fi
"${build[@]}"

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(read dates extract build_one)
seconds="${OVERSIGHT_FUZZ_SECONDS:-20}"
jobs="${FUZZ_JOBS:-$(nproc)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
found="${FUZZ_WORK:-$work}"

fuzz() { # target: its log and exit code go to the scratch folder
  mkdir -p "$found/$1" "artifacts/$1"
  local code=0
  "target/release/$1" -artifact_prefix="$PWD/artifacts/$1/" "$found/$1" "corpus/$1" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 >"$work/$1.log" 2>&1 || code=$?
  echo "$code" >"$work/$1.code"
}

echo "fuzz/run.sh: fuzzing ${targets[*]} for ${seconds}s each, $jobs at a time"
running=0
for target in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
  fuzz "$target" &
  running=$((running + 1))
done
wait
failed=0
for target in "${targets[@]}"; do
  if [ "$(cat "$work/$target.code")" = 0 ]; then
    echo "fuzz/run.sh: $target: $(grep -E '^(Done|stat::average_exec_per_sec)' "$work/$target.log" | tr -s ' \n' ' ')"
  else
    tail -n 80 "$work/$target.log"
    echo "fuzz/run.sh: fuzz target $target failed (its input is under fuzz/artifacts/$target/)"
    failed=1
  fi
done
exit "$failed"
