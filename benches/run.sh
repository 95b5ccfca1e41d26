#!/usr/bin/env bash
# End-to-end benchmarks of `oversight build` (issues 6 and 26), in one run:
#
#   1. real text: the articles of ../shared/realdev/docs copied (each copy
#      renamed, its own document) until they make BENCH_REAL_SIZE; the whole
#      build (every output) on one and two threads, and spaCy's rule pipeline
#      (benches/spacy_rules.py: spacy.blank("en") + sentencizer +
#      entity_ruler with the gazetteer's body names and the posts; no model;
#      and again with patterns for people, dates, judgements and inspection
#      kinds too, the kinds oversight reads) on the same files, taking turns,
#      BENCH_REPEAT rounds; medians, the 2-thread speed-up and the ratios
#      oversight/spaCy; then one build on one thread with its phases timed,
#      and the bound with extraction free (the read floor plus writing the
#      outputs) against spaCy. Skipped, with a note, where the folder is absent.
#   2. a general-news stream: `gen-corpus --stream BENCH_STREAM_EVERY` of
#      BENCH_STREAM_SIZE (one document in 100 on topic): the read floor
#      (reading every file and counting its lines) and the builds on one and
#      two threads taking turns; then the build of its on-topic documents
#      alone (the files with a gold file, hard-linked under the same names),
#      whose outputs are compared with the stream's, file by file and byte
#      by byte apart from the build id (benches/same-outputs.sh); spaCy on a
#      sample of the stream (its first files, BENCH_SPACY_SAMPLE of text).
#   3. generated on-topic corpora of BENCH_SIZES: the read floor, builds on
#      one and two threads (BENCH_REPEAT rounds up to BENCH_REPEAT_MAX), peak
#      memory, overall F1 (whole up to BENCH_EVAL_FULL_MAX, else a sample);
#      on the last build's outputs: the seconds headless Chromium takes to
#      open report.html (beside a blank page's), and `dot -Tsvg graph.dot`'s;
#      the bytes of output and the time to write them again.
#   4. F1 of seeds, realdev and a generated corpus of BENCH_F1_SIZE, against
#      benches/f1-before.tsv (the figures before issue 26's engine).
# It prints the tables and notes and appends them, with the date, the
# machine and the commands, to benches/RESULTS.md. The binary is built with
# the `dist` profile where Cargo.toml has one, else `release`.
#
# Usage:
#   bash benches/run.sh                   # the full run of issue 26 (about 40 min here)
#   BENCH_REAL_SIZE=5M BENCH_STREAM_SIZE=20M BENCH_SIZES=20M bash benches/run.sh   # quick
# Environment:
#   BENCH_PARTS          parts to run, of: real stream sizes f1                [real stream sizes f1]
#   BENCH_REAL_DOCS      the real articles                                      [../shared/realdev/docs]
#   BENCH_REAL_SIZE      text to replicate them to                              [20M]
#   BENCH_STREAM_SIZE    text of the general-news stream                        [1G]
#   BENCH_STREAM_EVERY   one document in N of the stream on topic               [100]
#   BENCH_SIZES          sizes of on-topic corpora to generate (K, M, G: powers of 1000) [1G]
#   BENCH_SPACY_SAMPLE   text spaCy reads of the stream and of each corpus      [20M]
#   BENCH_F1_SIZE        the generated corpus scored in part 4                  [10M]
#   BENCH_DIR            scratch folder for corpora and outputs                 [${TMPDIR:-/tmp}/oversight-bench]
#   BENCH_SEED           corpus seed                                            [1]
#   BENCH_THREADS        thread counts to build with                            [1 2]
#   BENCH_EVAL_FULL_MAX  largest size scored whole; larger ones are sampled     [100M]
#   BENCH_EVAL_SAMPLE    documents in the sample scored for larger sizes        [5000]
#   BENCH_TIMEOUT        seconds one build may take before it is stopped        [7200]
#   BENCH_REPEAT         rounds of builds (the stream's and real text's too)    [3]
#   BENCH_REPEAT_MAX     largest generated size built more than once            [100M]
#   BENCH_OPEN_TIMEOUT   seconds Chromium may take to open report.html          [60]
#   BENCH_DOT_TIMEOUT    seconds dot -Tsvg may take                             [120]
#   BENCH_NO_RECORD=1    print the tables only, do not append to RESULTS.md
#   BENCH_KEEP=1         keep the corpora afterwards (they are removed otherwise)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

PARTS=${BENCH_PARTS:-"real stream sizes f1"}
REAL_DOCS=${BENCH_REAL_DOCS:-$ROOT/../shared/realdev/docs}
REAL_SIZE=${BENCH_REAL_SIZE:-20M}
STREAM_SIZE=${BENCH_STREAM_SIZE:-1G}
STREAM_EVERY=${BENCH_STREAM_EVERY:-100}
SIZES=${BENCH_SIZES:-1G}
SPACY_SAMPLE=${BENCH_SPACY_SAMPLE:-20M}
F1_SIZE=${BENCH_F1_SIZE:-10M}
DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/oversight-bench}
SEED=${BENCH_SEED:-1}
THREADS=${BENCH_THREADS:-"1 2"}
EVAL_FULL_MAX=${BENCH_EVAL_FULL_MAX:-100M}
EVAL_SAMPLE=${BENCH_EVAL_SAMPLE:-5000}
TIMEOUT=${BENCH_TIMEOUT:-7200}
REPEAT=${BENCH_REPEAT:-3}
REPEAT_MAX=${BENCH_REPEAT_MAX:-100M}
OPEN_TIMEOUT=${BENCH_OPEN_TIMEOUT:-60}
DOT_TIMEOUT=${BENCH_DOT_TIMEOUT:-120}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
VENV=$TARGET/bench-venv
part() { [[ " $PARTS " == *" $1 "* ]]; }

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
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
text_bytes() { find "$1" -type f -print0 | xargs -0 cat | wc -c; }
say() { echo "benches/run.sh: $*" >&2; }

PROFILE=release
grep -q '^\[profile\.dist\]' Cargo.toml && PROFILE=dist
say "building the binary (profile $PROFILE)"
cargo build --profile "$PROFILE" --quiet
BIN="$TARGET/$PROFILE/oversight"
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 1; }
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && COMMIT="$COMMIT with uncommitted changes"
HAS_TIME=1
[ -x /usr/bin/time ] || { HAS_TIME=0; say "/usr/bin/time (GNU time) is missing: peak memory is not measured (apt-get install time)"; }
if part sizes; then
  command -v chromium >/dev/null || say "chromium is missing: the report's opening is not measured (apt-get install chromium; bash tests/run.sh installs it)"
  command -v dot >/dev/null || say "dot is missing: the drawing is not measured (apt-get install graphviz; bash tests/run.sh installs it)"
fi
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

# spaCy in a virtual environment of its own (PyPI's spacy; no model).
HAS_SPACY=0
if part real || part stream || part sizes; then
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import spacy' 2>/dev/null; then
    say "making $VENV with spaCy"
    python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet spacy >&2 || say "spaCy could not be installed: its rows are left out"
  fi
  "$VENV/bin/python" -c 'import spacy' 2>/dev/null && HAS_SPACY=1
  SPACY_VERSION=$("$VENV/bin/python" -c 'import spacy; print(spacy.__version__)' 2>/dev/null || echo none)
fi

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
    say "'$*' exited with $status (124: stopped after ${TIMEOUT}s)"
    tail -5 "$DIR/stderr.log" >&2 || true
    WALL="failed ($status)"
  fi
}

# One run of variant $1 over the documents $2 (outputs into $3): a thread
# count (the whole build), `floor` (reading every file and counting its
# lines) or `spacy` (whose time is its own reading and pipe, without
# Python's start and spaCy's import).
variant() {
  local v=$1 docs=$2 out=$3
  case $v in
    floor) measure sh -c 'find "$1" -type f -print0 | xargs -0 cat | wc -l' sh "$docs" ;;
    spacy | spacy-all)
      rm -f "$DIR/spacy.report"
      measure "$VENV/bin/python" "$ROOT/benches/spacy_rules.py" "$ROOT" "$docs" "$DIR/spacy.report" "$([ "$v" = spacy-all ] && echo all || echo names)"
      case $WALL in failed*) ;; *) WALL=$(awk '{ printf "%.2f", $1 }' "$DIR/spacy.report") ;; esac ;;
    *)
      rm -rf "$out"
      measure "$BIN" build "$docs" --out "$out" -q --threads "$v" ;;
  esac
}

# Rounds of the variants taking turns (so that a slow spell of the machine
# falls on all): `turns ROUNDS DOCS OUT VARIANT...`; sets WALLS[v] (the
# times, or "failed") and PEAKS[v] (the highest peak RSS, MiB). The last
# variant's outputs are left in OUT.
declare -A WALLS=() PEAKS=()
turns() {
  local rounds=$1 docs=$2 out=$3 round v
  shift 3
  WALLS=() PEAKS=()
  cat_warm "$docs"
  for ((round = 1; round <= rounds; round++)); do
    for v in "$@"; do
      say "${docs#"$DIR"/}: $v (round $round of $rounds)"
      variant "$v" "$docs" "$out"
      case $WALL in
        failed*) WALLS[$v]="failed" ;;
        *) [ "${WALLS[$v]:-}" = failed ] || WALLS[$v]="${WALLS[$v]:-} $WALL" ;;
      esac
      PEAKS[$v]=$(printf '%s\n' "${PEAKS[$v]:-0}" "$RSS_MB" | grep -E '^[0-9]+$' | sort -n | tail -1)
    done
  done
}
cat_warm() { find "$1" -type f -print0 | xargs -0 cat >/dev/null; }
# The median of a variant's times, and "median (of a, b, c)" for a table.
med() { [ "${WALLS[$1]:-failed}" = failed ] && echo failed || median ${WALLS[$1]}; }
shown() {
  local m
  m=$(med "$1")
  read -ra w <<<"${WALLS[$1]:-}"
  if [ "${#w[@]}" -gt 1 ]; then echo "$m (median of $(printf '%s, ' "${w[@]}" | sed 's/, $//'))"; else echo "$m"; fi
}
# Speed-up of variant $2 over $1: of the medians, and round by round.
speedup_note() {
  local a b ratios=() i
  [ "${WALLS[$1]:-failed}" = failed ] || [ "${WALLS[$2]:-failed}" = failed ] && { echo "failed"; return; }
  read -ra a <<<"${WALLS[$1]}"
  read -ra b <<<"${WALLS[$2]}"
  for i in "${!b[@]}"; do ratios+=("$(ratio "${a[$i]}" "${b[$i]}")"); done
  local note
  note="$(ratio "$(median "${a[@]}")" "$(median "${b[@]}")") times (of the medians)"
  [ "${#ratios[@]}" -gt 1 ] && note="$note; round by round $(printf '%s, ' "${ratios[@]}" | sed 's/, $//') (median $(median "${ratios[@]}"))"
  echo "$note"
}
# Hard-links the first files of $1 (in name order) into $2 until their text makes $3 bytes.
sample_of() {
  mkdir -p "$2"
  find "$1" -type f -printf '%s %f\n' | sort -k2 | awk -v max="$3" 'n < max { print $2; n += $1 }' |
    (cd "$1" && xargs ln -t "$2")
}
# Opening a page in headless Chromium until its DOM is dumped (load and scripts run).
open_secs() {
  local t0 status=0
  command -v chromium >/dev/null || { echo "not measured: chromium is not installed"; return; }
  rm -rf "$DIR/chromium-profile"
  t0=$(now)
  timeout "$OPEN_TIMEOUT" chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --user-data-dir="$DIR/chromium-profile" --dump-dom "file://$1" >/dev/null 2>&1 || status=$?
  if [ "$status" = 0 ]; then secs "$t0" "$(now)"; elif [ "$status" = 124 ]; then echo "over $OPEN_TIMEOUT (stopped)"; else echo "failed ($status)"; fi
}
dot_secs() {
  local t0 status=0
  command -v dot >/dev/null || { echo "not measured: dot (graphviz) is not installed"; return; }
  t0=$(now)
  # (at most 8 GB of address space: a drawing too big for Graphviz fails rather than swamp the machine)
  (ulimit -v 8000000 && timeout "$DOT_TIMEOUT" dot -Tsvg "$1" -o "$DIR/graph.svg" 2>/dev/null) || status=$?
  rm -f "$DIR/graph.svg"
  if [ "$status" = 0 ]; then secs "$t0" "$(now)"; elif [ "$status" = 124 ]; then echo "over $DOT_TIMEOUT (stopped)"; else echo "failed ($status, after $(secs "$t0" "$(now)") s)"; fi
}

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }
LOAD_START=$(load)
TABLES=()
NOTES=()
COMMANDS=()
add_table() { TABLES+=("$(printf '%s\n' "$@")"); }

# ---------------------------------------------------------------- 1. real text
if part real; then
  if [ -d "$REAL_DOCS" ]; then
    real="$DIR/real/docs"
    rm -rf "$DIR/real"
    mkdir -p "$real"
    want=$(bytes_of "$REAL_SIZE")
    one=$(text_bytes "$REAL_DOCS")
    copies=$(((want + one - 1) / one))
    say "real text: $copies copies of $(find "$REAL_DOCS" -type f | wc -l) articles ($(mb "$one") MB)"
    for ((k = 0; k < copies; k++)); do
      for f in "$REAL_DOCS"/*; do cp "$f" "$real/$(printf 'c%04d' "$k")-${f##*/}"; done
    done
    docs=$(find "$real" -type f | wc -l)
    text=$(text_bytes "$real")
    variants=$THREADS
    if [ "$HAS_SPACY" = 1 ]; then variants="$variants spacy spacy-all"; fi
    # shellcheck disable=SC2086
    turns "$REPEAT" "$real" "$DIR/out-real" floor $variants
    rows=("| system | s | MB/s | peak RSS MiB |" "|---|---|---|---|")
    for v in floor $variants; do
      case $v in
        floor) what="read floor (find, cat, wc -l)" ;;
        spacy) what="spaCy $SPACY_VERSION rule pipeline (reading + nlp.pipe)" ;;
        spacy-all) what="spaCy $SPACY_VERSION rule pipeline, with patterns for people, dates, judgements and inspection kinds too" ;;
        *) what="oversight build, $v thread(s)" ;;
      esac
      rows+=("| $what | $(shown "$v") | $(rate "$(mb "$text")" "$(med "$v")") | ${PEAKS[$v]} |")
    done
    add_table "**Real text**: the $(find "$REAL_DOCS" -type f | wc -l) articles of realdev copied $copies times: $docs documents, $(mb "$text") MB" "" "${rows[@]}"
    first=${THREADS%% *}
    for th in $THREADS; do
      [ "$th" = "$first" ] || NOTES+=("- real text: $th threads against $first: $(speedup_note "$first" "$th") (target 1.8)")
    done
    if [ "$HAS_SPACY" = 1 ]; then
      NOTES+=("- real text: oversight on $first thread against spaCy's rule pipeline: $(speedup_note spacy "$first") (target 20)")
      NOTES+=("- real text: oversight on $first thread against spaCy's rule pipeline with every kind oversight reads: $(speedup_note spacy-all "$first")")
    fi
    # Where one thread's time goes, and what bounds it: one more build that
    # prints its phases; the build could go no faster than the read floor
    # plus writing these outputs, even were extraction free.
    rm -rf "$DIR/out-real"
    if OVERSIGHT_TIMINGS=1 "$BIN" build "$real" --out "$DIR/out-real" -q --threads "$first" 2>"$DIR/timings.log"; then
      extracting=$(awk '/timing: documents read, extracted and resolved/ { print $(NF - 1) }' "$DIR/timings.log")
      writing=$(awk '/timing: outputs [0-9.]+ s$/ { print $(NF - 1) }' "$DIR/timings.log")
      out_mb=$(mb "$(du -sb "$DIR/out-real" | cut -f1)")
      NOTES+=("- real text, one build on $first thread with its phases timed: reading, extracting and resolving ${extracting} s, writing the outputs (${out_mb} MB) ${writing} s")
      if [ "$(med floor)" != failed ]; then
        bound=$(awk -v f="$(med floor)" -v w="$writing" 'BEGIN { printf "%.2f", f + w }')
        note="- real text, the bound with extraction free (read floor $(med floor) s + writing ${writing} s = ${bound} s): $(rate "$(mb "$text")" "$bound") MB/s"
        [ "$HAS_SPACY" = 1 ] && [ "$(med spacy)" != failed ] && note="$note, $(ratio "$(med spacy)" "$bound") times spaCy's rule pipeline (median); 20 times spaCy is the whole build in $(awk -v s="$(med spacy)" 'BEGIN { printf "%.2f", s / 20 }') s"
        NOTES+=("$note")
      fi
    fi
    rm -rf "$DIR/out-real"
    [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$DIR/real"
  else
    NOTES+=("- real text: skipped, $REAL_DOCS is absent")
  fi
fi

# ------------------------------------------------------- 2. the general-news stream
if part stream; then
  stream="$DIR/stream"
  rm -rf "$stream" "$DIR/stream-alone" "$DIR/stream-sample"
  say "stream: generating $STREAM_SIZE, one document in $STREAM_EVERY on topic"
  t0=$(now)
  "$BIN" gen-corpus --bytes "$(bytes_of "$STREAM_SIZE")" --stream "$STREAM_EVERY" --seed "$SEED" --out "$stream" >/dev/null
  gen_s=$(secs "$t0" "$(now)")
  docs=$(find "$stream/docs" -type f | wc -l)
  on=$(find "$stream/gold" -type f | wc -l)
  text=$(text_bytes "$stream/docs")
  say "stream: $docs documents ($on on topic), $(mb "$text") MB, generated in ${gen_s}s"
  # The on-topic documents alone, under the same names.
  mkdir -p "$DIR/stream-alone"
  find "$stream/gold" -type f -printf '%f\n' | sed 's/\.json$/.txt/' | (cd "$stream/docs" && xargs ln -t "$DIR/stream-alone")
  # shellcheck disable=SC2086
  turns "$REPEAT" "$stream/docs" "$DIR/out-stream" floor $THREADS
  rows=("| what | s | MB/s | peak RSS MiB |" "|---|---|---|---|")
  for v in floor $THREADS; do
    case $v in floor) what="read floor (find, cat, wc -l)" ;; *) what="oversight build, $v thread(s)" ;; esac
    rows+=("| $what | $(shown "$v") | $(rate "$(mb "$text")" "$(med "$v")") | ${PEAKS[$v]} |")
  done
  first=${THREADS%% *}
  floor_rate=$(rate "$(mb "$text")" "$(med floor)")
  build_rate=$(rate "$(mb "$text")" "$(med "$first")")
  target=$(awk -v f="$floor_rate" 'BEGIN { print (f < 200 ? f / 2 : 100) }')
  NOTES+=("- stream: $first thread $build_rate MB/s against a target of $target MB/s (100, or half the read floor of $floor_rate MB/s where that is under 200): $(awk -v b="$build_rate" -v t="$target" 'BEGIN { print (b >= t ? "met" : "not met, " sprintf("%.1f", t / b) " times short") }')")
  for th in $THREADS; do
    [ "$th" = "$first" ] || NOTES+=("- stream: $th threads against $first: $(speedup_note "$first" "$th")")
  done
  # The on-topic documents' own build, compared with the stream's (the last build's outputs).
  say "stream: building the $on on-topic documents alone"
  variant "$first" "$DIR/stream-alone" "$DIR/out-alone"
  if bash "$ROOT/benches/same-outputs.sh" "$DIR/out-stream" "$DIR/out-alone" >"$DIR/same.log" 2>&1; then
    NOTES+=("- stream: its outputs equal those of its $on on-topic documents built alone (every file under the output folder, byte for byte apart from the build id)")
  else
    NOTES+=("- stream: its outputs DIFFER from those of its $on on-topic documents built alone ($(grep -c '^differs\|^only' "$DIR/same.log") files; \`benches/same-outputs.sh\`):")
    while read -r l; do NOTES+=("    $l"); done < <(grep '^differs\|^only' "$DIR/same.log")
  fi
  spacy_row=""
  if [ "$HAS_SPACY" = 1 ]; then
    sample_of "$stream/docs" "$DIR/stream-sample" "$(bytes_of "$SPACY_SAMPLE")"
    stext=$(text_bytes "$DIR/stream-sample")
    say "stream: spaCy on the first $(mb "$stext") MB"
    variant spacy "$DIR/stream-sample" -
    srate=$(rate "$(mb "$stext")" "$WALL")
    rows+=("| spaCy $SPACY_VERSION rule pipeline, on the stream's first $(find "$DIR/stream-sample" -type f | wc -l) documents ($(mb "$stext") MB), once | $WALL | $srate | $RSS_MB |")
    NOTES+=("- stream: oversight on $first thread against spaCy's rule pipeline: $(ratio "$build_rate" "$srate") times (MB/s against MB/s)")
  fi
  add_table "**General-news stream**: $docs documents, $on on topic (one in $STREAM_EVERY), $(mb "$text") MB; generated in $gen_s s" "" "${rows[@]}"
  out_bytes=$(find "$DIR/out-stream" -type f -print0 | xargs -0 cat | wc -c)
  NOTES+=("- stream: the outputs are $(mb "$out_bytes") MB")
  rm -rf "$DIR/out-stream" "$DIR/out-alone" "$DIR/stream-sample"
  [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$stream" "$DIR/stream-alone"
fi

# --------------------------------------------------- 3. generated on-topic corpora
f1_of() { # gold docs -> overall F1
  "$BIN" eval "$1" "$2" --json 2>/dev/null | grep -o '"overall_f1": *[0-9.]*' | grep -o '[0-9.]*$' | awk '{ printf "%.3f", $1 }'
}
if part sizes; then
  rows=("| size | documents | text MB | floor MB/s | threads | build s | build MB/s | documents/s | peak RSS MiB | overall F1 | report opens s | dot -Tsvg s |"
    "|---|---|---|---|---|---|---|---|---|---|---|---|")
  EVAL_MAX_BYTES=$(bytes_of "$EVAL_FULL_MAX")
  REPEAT_MAX_BYTES=$(bytes_of "$REPEAT_MAX")
  blank_open=$(printf '<!doctype html><title>blank</title>' >"$DIR/blank.html" && open_secs "$DIR/blank.html")
  for size in $SIZES; do
    bytes=$(bytes_of "$size")
    corpus="$DIR/corpus-$size"
    say "$size: generating"
    rm -rf "$corpus"
    t0=$(now)
    "$BIN" gen-corpus --bytes "$bytes" --seed "$SEED" --out "$corpus" >/dev/null
    gen_s=$(secs "$t0" "$(now)")
    docs=$(find "$corpus/docs" -type f | wc -l)
    text=$(text_bytes "$corpus/docs")
    say "$size: $docs documents, $(mb "$text") MB of text, generated in ${gen_s}s; scoring"
    if [ "$bytes" -le "$EVAL_MAX_BYTES" ]; then
      f1=$(f1_of "$corpus/gold" "$corpus/docs")
      f1_scope="all $docs"
    else
      sample="$DIR/sample-$size"
      rm -rf "$sample"
      mkdir -p "$sample/docs" "$sample/gold"
      stride=$(((docs + EVAL_SAMPLE - 1) / EVAL_SAMPLE))
      find "$corpus/docs" -name '*.txt' -printf '%f\n' | sort | awk -v k="$stride" 'NR % k == 1 || k == 1' | sed 's/\.txt$//' >"$DIR/sample.list"
      (cd "$corpus/docs" && sed 's/$/.txt/' "$DIR/sample.list" | xargs cp -t "$sample/docs")
      (cd "$corpus/gold" && sed 's/$/.json/' "$DIR/sample.list" | xargs cp -t "$sample/gold")
      f1=$(f1_of "$sample/gold" "$sample/docs")
      f1_scope="sample of $(wc -l <"$DIR/sample.list") (every ${stride}th)"
    fi
    repeat=1
    [ "$bytes" -le "$REPEAT_MAX_BYTES" ] && repeat=$REPEAT
    # shellcheck disable=SC2086
    turns "$repeat" "$corpus/docs" "$DIR/out-$size" floor $THREADS
    out="$DIR/out-$size"
    say "$size: opening report.html in Chromium, and dot -Tsvg graph.dot"
    opened=$(open_secs "$out/report.html")
    dotted=$(dot_secs "$out/graph.dot")
    floor_rate=$(rate "$(mb "$text")" "$(med floor)")
    for th in $THREADS; do
      m=$(med "$th")
      rows+=("| $size | $docs | $(mb "$text") | $floor_rate | $th | $(shown "$th") | $(rate "$(mb "$text")" "$m") | $(rate "$docs" "$m") | ${PEAKS[$th]} | $f1 ($f1_scope) | $opened | $dotted |")
    done
    first=${THREADS%% *}
    for th in $THREADS; do
      [ "$th" = "$first" ] || NOTES+=("- $size: $th threads against $first: $(speedup_note "$first" "$th")")
    done
    out_bytes=$(find "$out" -type f -print0 | xargs -0 cat | wc -c)
    t0=$(now)
    find "$out" -type f -print0 | xargs -0 cat >"$DIR/outputs.copy" && sync "$DIR/outputs.copy"
    write_s=$(secs "$t0" "$(now)")
    rm -f "$DIR/outputs.copy"
    NOTES+=("- $size: the outputs are $(mb "$out_bytes") MB ($(ratio "$out_bytes" "$text") bytes a byte of text; report.html $(mb "$(wc -c <"$out/report.html")") MB, graph.dot $(mb "$(wc -c <"$out/graph.dot")") MB); writing them again took $write_s s; a blank page opens in Chromium in $blank_open s")
    if [ "$HAS_SPACY" = 1 ]; then
      sample_of "$corpus/docs" "$DIR/spacy-$size" "$(bytes_of "$SPACY_SAMPLE")"
      stext=$(text_bytes "$DIR/spacy-$size")
      say "$size: spaCy on the first $(mb "$stext") MB"
      variant spacy "$DIR/spacy-$size" -
      NOTES+=("- $size: spaCy's rule pipeline on the first $(find "$DIR/spacy-$size" -type f | wc -l) documents ($(mb "$stext") MB), once: $WALL s, $(rate "$(mb "$stext")" "$WALL") MB/s; oversight on $first thread $(ratio "$(rate "$(mb "$text")" "$(med "$first")")" "$(rate "$(mb "$stext")" "$WALL")") times that")
      rm -rf "$DIR/spacy-$size"
    fi
    rm -rf "$out"
    [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$corpus" "$DIR/sample-$size"
  done
  add_table "**Generated on-topic corpora** (seed $SEED)" "" "${rows[@]}"
fi

# --------------------------------------------------------------------- 4. F1
if part f1; then
  scores() { # gold docs -> overall, then F1 of people bodies roles inspections successions
    "$BIN" eval "$1" "$2" --json 2>/dev/null | python3 -c 'import json, sys
d = json.load(sys.stdin); r = d["report"]
print("%.3f" % d["overall_f1"], *["%.3f" % r[k][2] for k in ("people", "bodies", "roles", "inspections", "successions")])'
  }
  rows=("| corpus | overall F1 | people | bodies | roles | inspections | successions | before (benches/f1-before.tsv) | against before |"
    "|---|---|---|---|---|---|---|---|---|")
  f1_row() { # name gold docs
    local now before verdict
    now=$(scores "$2" "$3" || echo "failed")
    before=$(awk -F'\t' -v n="$1" '$1 == n { print $2, $3, $4, $5, $6, $7 }' "$ROOT/benches/f1-before.tsv")
    verdict=$(awk -v a="$now" -v b="$before" 'BEGIN { n = split(a, x, " "); m = split(b, y, " "); if (m == 0) { print "no figure before"; exit }
      lower = ""; split("overall people bodies roles inspections successions", k, " ")
      for (i = 1; i <= m; i++) if (x[i] + 0 < y[i] - 0.0005) lower = lower " " k[i]
      print (lower == "" ? "same or better" : "LOWER:" lower) }')
    rows+=("| $1 | $(echo "$now" | tr ' ' '|' | sed 's/|/ | /g') | $before | $verdict |")
  }
  say "F1: seeds, realdev, a generated corpus of $F1_SIZE"
  f1_row seeds "$ROOT/tests/gold/seeds" "$ROOT/seeds"
  if [ -d "$REAL_DOCS" ] && [ -d "$(dirname "$REAL_DOCS")/gold" ]; then
    f1_row realdev "$(dirname "$REAL_DOCS")/gold" "$REAL_DOCS"
  else
    NOTES+=("- F1: realdev skipped, $REAL_DOCS or its gold is absent")
  fi
  gen="$DIR/f1-corpus"
  rm -rf "$gen"
  "$BIN" gen-corpus --bytes "$(bytes_of "$F1_SIZE")" --seed "$SEED" --out "$gen" >/dev/null
  f1_row "generated $F1_SIZE seed $SEED" "$gen/gold" "$gen/docs"
  rm -rf "$gen"
  add_table "**F1** (\`oversight eval GOLD DOCS --json\`: overall, and each kind's F1)" "" "${rows[@]}"
fi

CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
report() {
  local t
  for t in "${TABLES[@]}"; do
    echo
    echo "$t"
  done
  if [ "${#NOTES[@]}" -gt 0 ]; then
    echo
    printf '%s\n' "${NOTES[@]}"
  fi
}
report

if [ "${BENCH_NO_RECORD:-0}" != 1 ]; then
  {
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $CPU (commit $COMMIT, profile $PROFILE)"
    echo
    echo "Load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(load). Parts: $PARTS."
    echo
    echo "Commands (DIR = a corpus, OUT = an output folder, seed $SEED):"
    echo
    echo '```sh'
    echo "find DIR -type f -print0 | xargs -0 cat | wc -l                       # read floor"
    echo "/usr/bin/time -v oversight build DIR --out OUT -q --threads N          # N in: $THREADS"
    echo "python benches/spacy_rules.py . DIR REPORT                            # spaCy $SPACY_VERSION, in $VENV"
    echo "oversight gen-corpus --bytes $STREAM_SIZE --stream $STREAM_EVERY --seed $SEED --out DIR   # the stream"
    echo "bash benches/same-outputs.sh OUT_STREAM OUT_ALONE                     # the stream against its on-topic documents"
    echo "oversight gen-corpus --bytes SIZE --seed $SEED --out DIR                 # SIZE in: $SIZES"
    echo "chromium --headless --dump-dom file://OUT/report.html; dot -Tsvg OUT/graph.dot"
    echo "oversight eval GOLD DOCS --json                                         # F1"
    echo '```'
    report
  } >>"$ROOT/benches/RESULTS.md"
  say "appended to benches/RESULTS.md"
fi
