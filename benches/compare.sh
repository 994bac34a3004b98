#!/usr/bin/env bash
# Measures folio beside ripgrep and fzf on generated corpora, in one run, and prints ratios.
# Not run by CI. Usage: benches/compare.sh [WORKDIR] (default /tmp/folio-bench); COUNT=100000.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/folio-bench}
count=${COUNT:-100000}
need=()
for tool in rg:ripgrep fzf:fzf hyperfine:hyperfine; do
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
corpus="$work/files-$count"
if [ ! -d "$corpus" ]; then
    echo "generating $count files in $corpus"
    python3 benches/gen_corpus.py files "$corpus" "$count"
fi
# Warm the page cache, then list titles the way each tool can.
"$folio" --list "$corpus" > "$work/list.tsv"
cut -f2 "$work/list.tsv" > "$work/titles.txt"
echo "== listing $count files (warm cache): folio --list vs rg first lines"
hyperfine -N --warmup 2 --runs 10 --export-json "$work/list.json" \
    "$folio --list $corpus" "rg --no-filename -m1 '' $corpus"
echo "== filtering $count titles: folio --filter vs fzf --filter"
for query in b beacon "party china"; do
    hyperfine --warmup 2 --runs 10 \
        "$folio --filter '$query' $corpus > /dev/null" \
        "fzf --filter '$query' < $work/titles.txt > /dev/null"
done
/usr/bin/time -f "folio --list max RSS: %M KB" "$folio" --list "$corpus" > /dev/null
