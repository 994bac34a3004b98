#!/usr/bin/env bash
# Measures folio beside ripgrep and fzf on generated corpora, in one run, and prints each pair
# with its ratio: 100,000 files, a JSON Lines file of 1,000,000 records, and a 1 GiB document.
# Not run by CI. Usage: benches/compare.sh [WORKDIR] (default /tmp/folio-bench);
# COUNT=100000 RECORDS=1000000 BIG_MIB=1024 change the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/folio-bench}
count=${COUNT:-100000}
records=${RECORDS:-1000000}
big_mib=${BIG_MIB:-1024}
need=()
for tool in rg:ripgrep fzf:fzf hyperfine:hyperfine tmux:tmux; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}"
    sudo_or() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
    sudo_or apt-get update -qq && sudo_or apt-get install -y -qq "${need[@]}"
fi
cargo build --release --quiet
folio=$PWD/target/release/folio
mkdir -p "$work"

# Runs two commands with hyperfine and prints their means and the first's ratio to the second.
compare() {
    local label=$1 ours=$2 theirs=$3
    hyperfine --warmup 2 --runs "${RUNS:-10}" --export-json "$work/last.json" \
        "$ours" "$theirs" > /dev/null
    python3 - "$label" "$work/last.json" <<'PY'
import json, sys
label, path = sys.argv[1], sys.argv[2]
ours, theirs = (r["mean"] * 1000 for r in json.load(open(path))["results"])
print(f"{label:<44} folio {ours:8.1f} ms   other {theirs:8.1f} ms   ratio {ours / theirs:5.2f}x")
PY
}

corpus="$work/files-$count"
if [ ! -d "$corpus" ]; then
    echo "generating $count files in $corpus"
    python3 benches/gen_corpus.py files "$corpus" "$count"
fi
"$folio" --list "$corpus" | cut -f2 > "$work/titles-files.txt" # also warms the page cache
echo "== $count files (warm cache)"
compare "--list vs rg first lines" "$folio --list $corpus" "rg --no-filename -m1 '' $corpus"
for query in b yukos "blair election"; do
    compare "--filter '$query' (loading included) vs fzf" \
        "$folio --filter '$query' $corpus" "fzf --filter '$query' < $work/titles-files.txt"
done
for word in yukos minister; do
    compare "--search $word (listing included) vs rg -il" \
        "$folio --search $word $corpus" "rg -il $word $corpus"
done
/usr/bin/time -f "folio --list max RSS: %M KB" "$folio" --list "$corpus" > /dev/null

jsonl="$work/records-$records.jsonl"
if [ ! -f "$jsonl" ]; then
    echo "generating $records records in $jsonl"
    python3 benches/gen_corpus.py jsonl "$jsonl" "$records"
fi
"$folio" --list "$jsonl" | cut -f2 > "$work/titles-records.txt"
echo "== $records JSON Lines records (warm cache)"
for word in yukos minister £; do
    for mode in --search --count --kwic; do
        compare "$mode $word vs rg -c -i" "$folio $mode $word $jsonl" "rg -c -i $word $jsonl"
    done
done
for query in b yukos "blair election"; do
    compare "--filter '$query' (loading included) vs fzf" \
        "$folio --filter '$query' $jsonl" "fzf --filter '$query' < $work/titles-records.txt"
done
/usr/bin/time -f "folio --list max RSS: %M KB" "$folio" --list "$jsonl" > /dev/null

echo "== keystrokes in a 120x40 terminal"
benches/keystrokes.sh "$corpus" "blair election"
benches/keystrokes.sh "$jsonl" "blair election"
echo "== bytes sent per keystroke vs fzf with a preview, sample corpus"
benches/bytes_per_key.sh 100 30
benches/bytes_per_key.sh 80 24
echo "== text search (Ctrl-F) vs rg -l"
benches/text_search.sh "$corpus" yukos minister £
"$folio" --index-stats "$corpus"
echo "== text search (Ctrl-F) in $records records vs rg -l"
benches/text_search.sh "$jsonl" yukos minister £
echo "== one ${big_mib} MiB document of news"
benches/big_document.sh "$big_mib" "$work" big
echo "== one ${big_mib} MiB document of German and French novels"
benches/big_document.sh "$big_mib" "$work" big-de
