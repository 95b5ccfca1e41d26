#!/usr/bin/env bash
# End-to-end benchmarks of `oversight build` on generated corpora (issue 6).
#
# For each size it generates a corpus (the corpus generator, src/corpus/), then
# measures, in the same run and on the same files:
#   1. the baseline: reading the files and counting their lines
#        find DIR -name '*.txt' -print0 | xargs -0 cat | wc -l
#   2. `oversight build DIR/docs --out OUT -q` under /usr/bin/time -v (wall time,
#      peak RSS), with --threads 1 and --threads 2 when the binary has --threads;
#      up to 100M, three times each, taking turns (timings vary by 10 to 15 %
#      from run to run here), and the median time is given
#   3. the gold scorer's overall F1: `oversight eval DIR/gold DIR/docs` on the
#      whole corpus up to BENCH_EVAL_FULL_MAX, on an evenly spread sample above
#   4. the floor for writing the outputs: the first build's output files copied
#        cat OUT/* > COPY && sync COPY
#      and, for each thread count after the first, its speed-up: the ratio of
#      the median times, and round by round (each round's builds run one after
#      the other, so a slow spell of the machine falls on both)
# It prints a markdown table and these notes and appends them, with the date,
# the machine and the commands, to benches/RESULTS.md.
#
# Usage:
#   bash benches/run.sh                          # 10 MB and 100 MB
#   BENCH_SIZES="10M 100M 1G" bash benches/run.sh  # 1 GB too: needs ~2 GB of disk and a long time
# Environment:
#   BENCH_SIZES          sizes of text to generate (K, M, G: powers of 1000)     [10M 100M]
#   BENCH_DIR            scratch folder for corpora and outputs                  [${TMPDIR:-/tmp}/oversight-bench]
#   BENCH_SEED           corpus seed                                             [1]
#   BENCH_THREADS        thread counts to build with, where --threads exists     [1 2]
#   BENCH_EVAL_FULL_MAX  largest size scored whole; larger ones are sampled      [100M]
#   BENCH_EVAL_SAMPLE    documents in the sample scored for larger sizes         [5000]
#   BENCH_TIMEOUT        seconds one build may take before it is stopped         [7200]
#   BENCH_REPEAT         builds of each thread count, up to BENCH_REPEAT_MAX;     [3]
#                        the table gives the median time and the highest peak
#   BENCH_REPEAT_MAX     largest size built more than once                       [100M]
#   BENCH_NO_RECORD=1    print the table only, do not append to RESULTS.md
#   BENCH_KEEP=1         keep the corpora afterwards (they are removed otherwise)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SIZES=${BENCH_SIZES:-"10M 100M"}
DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/oversight-bench}
SEED=${BENCH_SEED:-1}
THREADS=${BENCH_THREADS:-"1 2"}
EVAL_FULL_MAX=${BENCH_EVAL_FULL_MAX:-100M}
EVAL_SAMPLE=${BENCH_EVAL_SAMPLE:-5000}
TIMEOUT=${BENCH_TIMEOUT:-7200}
REPEAT=${BENCH_REPEAT:-3}
REPEAT_MAX=${BENCH_REPEAT_MAX:-100M}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BIN="$TARGET/release/oversight"

bytes_of() { # 10M -> 10000000
  local s=$1 n=${1%[KkMmGg]}
  case $s in
    *[Kk]) echo $((n * 1000)) ;;
    *[Mm]) echo $((n * 1000000)) ;;
    *[Gg]) echo $((n * 1000000000)) ;;
    *) echo "$s" ;;
  esac
}
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print "-" }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }

echo "benches/run.sh: building the release binary" >&2
# (BYTES in the recorded commands is each size in bytes.)
cargo build --release --quiet
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 1; }
HAS_TIME=1
[ -x /usr/bin/time ] || { HAS_TIME=0; echo "benches/run.sh: /usr/bin/time (GNU time) is missing: peak memory is not measured (apt-get install time)" >&2; }
HAS_THREADS=0
"$BIN" build --help | grep -q -- '--threads' && HAS_THREADS=1
[ "$HAS_THREADS" = 1 ] || THREADS="default"

# How this binary writes a corpus of N bytes.
generate() { # bytes out
  local bytes=$1 out=$2
  if "$BIN" gen-corpus --help 2>/dev/null | grep -q -- '--bytes'; then
    GEN_CMD="oversight gen-corpus --bytes BYTES --seed $SEED --out DIR"
    "$BIN" gen-corpus --bytes "$bytes" --seed "$SEED" --out "$out" >/dev/null
  elif "$BIN" gen-corpus --help >/dev/null 2>&1; then
    # ~2.9 kB a document on average (see benches/RESULTS.md)
    local docs=$(((bytes + 2899) / 2900))
    GEN_CMD="oversight gen-corpus --docs N --seed $SEED --out DIR (N = bytes / 2900)"
    "$BIN" gen-corpus --docs "$docs" --seed "$SEED" --out "$out" >/dev/null
  else
    GEN_CMD="CORPUS_DIR=DIR CORPUS_BYTES=BYTES CORPUS_SEED=$SEED cargo test --release --test corpus -- --ignored --exact write_corpus_from_env"
    CORPUS_DIR="$out" CORPUS_BYTES="$bytes" CORPUS_SEED="$SEED" \
      cargo test --release --quiet --test corpus -- --ignored --exact write_corpus_from_env >/dev/null
  fi
}

# Runs a command under /usr/bin/time -v; sets WALL (s) and RSS_MB.
measure() {
  local log="$DIR/time.log" t0 t1 status=0
  t0=$(now)
  if [ "$HAS_TIME" = 1 ]; then
    timeout "$TIMEOUT" /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$DIR/stderr.log" || status=$?
  else
    timeout "$TIMEOUT" "$@" >/dev/null 2>"$DIR/stderr.log" || status=$?
  fi
  t1=$(now)
  WALL=$(secs "$t0" "$t1")
  RSS_MB="-"
  if [ "$HAS_TIME" = 1 ] && [ -f "$log" ]; then
    RSS_MB=$(awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
  fi
  if [ "$status" != 0 ]; then
    echo "benches/run.sh: '$*' exited with $status (124: stopped after ${TIMEOUT}s)" >&2
    tail -5 "$DIR/stderr.log" >&2 || true
    WALL="failed ($status)"
  fi
}

f1_of() { # gold docs -> overall F1
  "$BIN" eval "$1" "$2" --json 2>/dev/null | grep -o '"overall_f1": *[0-9.]*' | grep -o '[0-9.]*$' | awk '{ printf "%.3f", $1 }'
}

mkdir -p "$DIR"
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }
LOAD_START=$(load)
ROWS=()
NOTES=()
EVAL_MAX_BYTES=$(bytes_of "$EVAL_FULL_MAX")
REPEAT_MAX_BYTES=$(bytes_of "$REPEAT_MAX")
for size in $SIZES; do
  bytes=$(bytes_of "$size")
  corpus="$DIR/corpus-$size"
  echo "benches/run.sh: $size: generating" >&2
  rm -rf "$corpus" # a corpus left by an interrupted run (gen-corpus refuses a used folder)
  t0=$(now)
  generate "$bytes" "$corpus"
  gen_s=$(secs "$t0" "$(now)")
  docs=$(find "$corpus/docs" -name '*.txt' | wc -l)
  text=$(find "$corpus/docs" -name '*.txt' -print0 | xargs -0 cat | wc -c)
  echo "benches/run.sh: $size: $docs documents, $(mb "$text") MB of text, generated in ${gen_s}s" >&2

  # 1. the baseline (a first pass warms the page cache for both)
  find "$corpus/docs" -name '*.txt' -print0 | xargs -0 cat | wc -l >/dev/null
  t0=$(now)
  find "$corpus/docs" -name '*.txt' -print0 | xargs -0 cat | wc -l >/dev/null
  base_s=$(secs "$t0" "$(now)")
  base_rate=$(rate "$(mb "$text")" "$base_s")

  # 3. F1, on the whole corpus or on a sample spread over it
  echo "benches/run.sh: $size: scoring" >&2
  if [ "$bytes" -le "$EVAL_MAX_BYTES" ]; then
    f1=$(f1_of "$corpus/gold" "$corpus/docs")
    f1_scope="all $docs"
  else
    sample="$DIR/sample-$size"
    rm -rf "$sample"
    mkdir -p "$sample/docs" "$sample/gold"
    stride=$(((docs + EVAL_SAMPLE - 1) / EVAL_SAMPLE))
    find "$corpus/docs" -name '*.txt' | sort | awk -v k="$stride" 'NR % k == 1 || k == 1' | while read -r f; do
      b=$(basename "$f" .txt)
      cp "$f" "$sample/docs/"
      cp "$corpus/gold/$b.json" "$sample/gold/"
    done
    n=$(find "$sample/docs" -name '*.txt' | wc -l)
    f1=$(f1_of "$sample/gold" "$sample/docs")
    f1_scope="sample of $n (every ${stride}th)"
  fi

  # 2. the build: up to BENCH_REPEAT_MAX, BENCH_REPEAT rounds, the thread counts
  # taking turns within each, so that a slow spell of the machine falls on all
  repeat=1
  [ "$bytes" -le "$REPEAT_MAX_BYTES" ] && repeat=$REPEAT
  declare -A walls=() peaks=()
  write_note=""
  for ((round = 1; round <= repeat; round++)); do
    for th in $THREADS; do
      echo "benches/run.sh: $size: build, threads $th (run $round of $repeat)" >&2
      out="$DIR/out-$size"
      rm -rf "$out"
      if [ "$th" = default ]; then
        measure "$BIN" build "$corpus/docs" --out "$out" -q
      else
        measure "$BIN" build "$corpus/docs" --out "$out" -q --threads "$th"
      fi
      case $WALL in
        failed*) walls[$th]="failed" ;;
        *) [ "${walls[$th]:-}" = failed ] || walls[$th]="${walls[$th]:-} $WALL" ;;
      esac
      peaks[$th]=$(printf '%s\n' "${peaks[$th]:-0}" "$RSS_MB" | grep -E '^[0-9]+$' | sort -n | tail -1)
      # 4. writing the same bytes again, once a size (read once first, so that
      # only the writing is timed)
      if [ -z "$write_note" ] && [ -f "$out/graph.jsonld" ]; then
        out_bytes=$(cat "$out"/* | wc -c)
        t0=$(now)
        cat "$out"/* >"$DIR/outputs.copy" && sync "$DIR/outputs.copy"
        write_s=$(secs "$t0" "$(now)")
        rm -f "$DIR/outputs.copy"
        write_note="- $size: the outputs are $(mb "$out_bytes") MB ($(awk -v o="$out_bytes" -v t="$text" 'BEGIN { printf "%.1f", o / t }') bytes a byte of text); writing them again (\`cat OUT/* > COPY && sync COPY\`) took $write_s s"
      fi
      rm -rf "$out"
    done
  done
  [ -n "$write_note" ] && NOTES+=("$write_note")
  # Speed-ups against the first thread count: of the medians, and round by round.
  first_th=${THREADS%% *}
  for th in $THREADS; do
    [ "$th" = "$first_th" ] && continue
    [ "${walls[$first_th]}" = failed ] || [ "${walls[$th]}" = failed ] && continue
    read -ra base_walls <<<"${walls[$first_th]}"
    read -ra th_walls <<<"${walls[$th]}"
    ratios=()
    for i in "${!th_walls[@]}"; do
      ratios+=("$(awk -v a="${base_walls[$i]}" -v b="${th_walls[$i]}" 'BEGIN { printf "%.2f", a / b }')")
    done
    of_medians=$(awk -v a="$(median "${base_walls[@]}")" -v b="$(median "${th_walls[@]}")" 'BEGIN { printf "%.2f", a / b }')
    note="- $size: $th threads against $first_th: $of_medians times (of the medians)"
    [ "${#ratios[@]}" -gt 1 ] && note="$note; round by round $(printf '%s, ' "${ratios[@]}" | sed 's/, $//') (median $(median "${ratios[@]}"))"
    NOTES+=("$note")
  done
  for th in $THREADS; do
    if [ "${walls[$th]}" = failed ]; then
      wall="failed"; build_rate="-"; docs_rate="-"
    else
      wall=$(median ${walls[$th]})
      build_rate=$(rate "$(mb "$text")" "$wall"); docs_rate=$(rate "$docs" "$wall")
    fi
    [ "$repeat" -gt 1 ] && wall="$wall (median of$(printf ' %s' ${walls[$th]} | sed 's/ /, /g; s/^, / /'))"
    ROWS+=("| $size | $docs | $(mb "$text") | $base_s | $base_rate | $th | $wall | $build_rate | $docs_rate | ${peaks[$th]} | $f1 ($f1_scope) |")
    echo "${ROWS[-1]}" >&2
  done
  unset walls peaks
  [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$corpus" "$DIR/sample-$size"
done

CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
TABLE=$(
  echo "| size | documents | text MB | baseline s | baseline MB/s | threads | build s | build MB/s | documents/s | peak RSS MB | overall F1 |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
)
echo
echo "$TABLE"
[ "${#NOTES[@]}" -gt 0 ] && { echo; printf '%s\n' "${NOTES[@]}"; }

if [ "${BENCH_NO_RECORD:-0}" != 1 ]; then
  {
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $CPU"
    echo
    echo "Load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(load)."
    echo
    echo "Commands (DIR = the corpus, seed $SEED):"
    echo
    echo '```sh'
    echo "$GEN_CMD"
    echo "find DIR/docs -name '*.txt' -print0 | xargs -0 cat | wc -l          # baseline"
    if [ "$HAS_THREADS" = 1 ]; then
      echo "/usr/bin/time -v oversight build DIR/docs --out OUT -q --threads N    # N in: $THREADS"
    else
      echo "/usr/bin/time -v oversight build DIR/docs --out OUT -q"
    fi
    echo "oversight eval DIR/gold DIR/docs --json                                # overall F1"
    echo '```'
    echo
    echo "$TABLE"
    if [ "${#NOTES[@]}" -gt 0 ]; then
      echo
      printf '%s\n' "${NOTES[@]}"
    fi
  } >>"$ROOT/benches/RESULTS.md"
  echo >&2
  echo "benches/run.sh: appended to benches/RESULTS.md" >&2
fi
