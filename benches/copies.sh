#!/usr/bin/env bash
# Times finding the copies (near-duplicates) on the generated corpora of real BBC prose: the
# first time (nothing kept: the store's copies file removed) and again (from the store), on
# 100,000 files and on 1,000,000 JSON Lines records, through `--count tax --collapse` (which
# must find the copies to count each cluster once) against `--count tax` alone; documents like
# one (`--similar`) against the same start; and recall against every pair of the real corpus
# and of an edited one (benches/copies_recall.py). Wall time and peak memory from
# /usr/bin/time, three runs each. Not run by CI.
# Usage: benches/copies.sh [WORKDIR] (default /tmp/folio-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/folio-bench}
files="$work/files-100000"
records="$work/records-1000000.jsonl"
[ -d "$files" ] || python3 benches/gen_corpus.py files "$files" 100000
[ -f "$records" ] || python3 benches/gen_corpus.py jsonl "$records" 1000000
cargo build --release --quiet
folio=$PWD/target/release/folio
timed() { /usr/bin/time -f "%e s, %M KB" "$@" 2>&1 >/dev/null | tail -1; }
for corpus in "$files" "$records"; do
    cache="$work/cache-$(basename "$corpus")"
    export XDG_CACHE_HOME=$cache
    [ -d "$cache" ] || "$folio" --index "$corpus" >/dev/null
    echo "== $(basename "$corpus")"
    for run in 1 2 3; do
        echo "count alone:        $(timed "$folio" --no-state --count tax "$corpus")"
        rm -f "$cache"/folio/*/copies
        echo "copies, first time: $(timed "$folio" --no-state --count tax --collapse "$corpus")"
        echo "copies, again:      $(timed "$folio" --no-state --count tax --collapse "$corpus")"
    done
done
export XDG_CACHE_HOME="$work/cache-files-100000"
doc=$(find "$files" -name '*.txt' -print -quit)
for run in 1 2 3; do
    echo "--similar (100,000 files): $(timed "$folio" --no-state --similar "$doc" "$files")"
done
bbc=$(python3 -c 'import os; print(os.path.join(os.environ.get("REAL_TEXT", "benches/real-text"), "bbc-article-classify-bert", "bbc"))')
[ -d "$bbc" ] || python3 -c 'import sys; sys.path.insert(0, "benches"); import gen_corpus; gen_corpus.source("bbc-article-classify-bert")'
echo "== recall, the BBC's 2,225 articles"
python3 benches/copies_recall.py "$folio" "$bbc"
rm -rf "$work/edited" && python3 benches/copies_recall.py make "$bbc" "$work/edited" 2000
echo "== recall, the articles and 2,000 edited copies"
python3 benches/copies_recall.py "$folio" "$work/edited"
