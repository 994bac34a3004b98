#!/usr/bin/env bash
# Measures two builds of folio side by side, in one run, on the corpora of compare.sh (which
# must have made them): each hyperfine run times both builds (and the other tool) on the same
# command, and the terminal measurements alternate between the builds, so that a machine whose
# speed drifts (a shared host) weighs on both alike. For a change meant to leave speed alone.
# Not run by CI. Usage: benches/builds.sh BEFORE_BINARY AFTER_BINARY [WORKDIR]
# (default /tmp/folio-bench); ROUNDS=2 rounds of the terminal measurements.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1
after=$2
work=${3:-/tmp/folio-bench}
rounds=${ROUNDS:-2}
files="$work/files-100000"
records="$work/records-1000000.jsonl"
for needed in "$files" "$records" "$work/titles-files.txt" "$work/titles-records.txt"; do
    [ -e "$needed" ] || { echo "missing $needed: run benches/compare.sh first"; exit 1; }
done

# Times BEFORE's and AFTER's `folio ARGS` and OTHER, and prints the three means.
side_by_side() {
    local label=$1 args=$2 other=$3
    hyperfine --warmup 2 --runs "${RUNS:-10}" --export-json "$work/builds.json" \
        "$before $args" "$after $args" "$other" > /dev/null
    python3 - "$label" "$work/builds.json" <<'PY'
import json, sys
label, path = sys.argv[1], sys.argv[2]
old, new, other = (r["mean"] * 1000 for r in json.load(open(path))["results"])
print(f"{label:<40} before {old:7.1f} ms   after {new:7.1f} ms   other {other:7.1f} ms   after/before {new / old:5.2f}")
PY
}

echo "== one-shot commands, 100,000 files and 1,000,000 records (warm cache)"
side_by_side "--list, 100k files (rg first lines)" "--list $files" \
    "rg --no-filename -m1 '' $files"
for query in b yukos "blair election"; do
    side_by_side "--filter '$query', 100k files (fzf)" "--filter '$query' $files" \
        "fzf --filter '$query' < $work/titles-files.txt"
done
for query in b yukos "blair election"; do
    side_by_side "--filter '$query', 1M records (fzf)" "--filter '$query' $records" \
        "fzf --filter '$query' < $work/titles-records.txt"
done
for word in yukos minister; do
    side_by_side "--search $word, 100k files (rg -il)" "--search $word $files" \
        "rg -il $word $files"
done

for ((round = 1; round <= rounds; round++)); do
    for build in before after; do
        binary=$before
        [ "$build" = after ] && binary=$after
        echo "== round $round, $build: keystrokes in a 120x40 terminal, 100k files then 1M records"
        FOLIO=$binary benches/keystrokes.sh "$files" "blair election"
        FOLIO=$binary benches/keystrokes.sh "$records" "blair election"
        echo "== round $round, $build: bytes per keystroke (sample corpus, 100x30 and 80x24)"
        FOLIO=$binary benches/bytes_per_key.sh 100 30
        FOLIO=$binary benches/bytes_per_key.sh 80 24
        echo "== round $round, $build: text search (Ctrl-F) vs rg -l, 100k files"
        FOLIO=$binary benches/text_search.sh "$files" yukos minister £
        echo "== round $round, $build: the study views, 100k files (indexed)"
        FOLIO=$binary benches/study.sh minister "$work"
        echo "== round $round, $build: one 1 GiB document"
        FOLIO=$binary benches/big_document.sh 1024 "$work"
    done
done
