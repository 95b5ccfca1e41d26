#!/usr/bin/env bash
# Whether two build output folders hold the same files with the same bytes,
# apart from the build id stamp (`0123456789abcdef-20261207T033512.123Z`,
# which digests the inputs and the time). Prints each file that differs or is
# in one folder only, with its first differing line, and exits 1 if any does.
#
# Usage: bash benches/same-outputs.sh OUT_A OUT_B
set -uo pipefail
a=$1 b=$2
ID='[0-9a-f]\{16\}-[0-9]\{8\}T[0-9]\{6\}\.[0-9]\{3\}Z'
files() { (cd "$1" && find . -type f ! -name '.oversight.lock' | sort); }
status=0
while read -r f; do
  if [ ! -f "$a/$f" ] || [ ! -f "$b/$f" ]; then
    echo "only in one: ${f#./}"; status=1; continue
  fi
  if ! cmp -s <(sed "s/$ID/BUILD-ID/g" "$a/$f") <(sed "s/$ID/BUILD-ID/g" "$b/$f"); then
    status=1
    echo "differs: ${f#./} ($(wc -c <"$a/$f") and $(wc -c <"$b/$f") bytes)"
    diff <(sed "s/$ID/BUILD-ID/g" "$a/$f" | fold -w 200) <(sed "s/$ID/BUILD-ID/g" "$b/$f" | fold -w 200) | grep '^[<>]' | head -4 | cut -c1-200 | sed 's/^/    /'
  fi
done < <(sort -u <(files "$a") <(files "$b"))
exit $status
