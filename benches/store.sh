#!/usr/bin/env bash
# The lasting store, side by side in one run: for a folder of files FILES and a JSON Lines
# file RECORDS, the first `--index` (cold store) and the second (warm: nothing changed), the
# store's size against the text's; then `--search WORD` on FILES with the store, without it
# (--no-cache) and `rg -il WORD`; `--count` of a rare and a common word on RECORDS with the
# store, without it, and `rg -c -i`; each the median of hyperfine's runs after a warm-up, the
# page cache warmed by reading everything first. Then 100 files touched, 100 added and 100
# deleted: the first `--search` after it (the store brought up to date on the way). The peak
# anonymous resident memory (RssAnon: what the page cache cannot take back) of each folio run
# is sampled every 5 ms. The store goes to a folder of its own (removed at the end).
# Not run by CI.
# Usage: benches/store.sh FILES RECORDS [RARE COMMON] (default words: zebraquux said).
set -euo pipefail
cd "$(dirname "$0")/.."
files=$1
records=$2
rare=${3:-zebraquux}
common=${4:-said}
folio=${FOLIO:-}
if [ -z "$folio" ]; then
    cargo build --release --quiet
    folio=$PWD/target/release/folio
fi
export XDG_CACHE_HOME
XDG_CACHE_HOME=$(mktemp -d /tmp/folio-store-bench.XXXXXX)
export XDG_STATE_HOME=$XDG_CACHE_HOME/state
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT

warm() { find "$1" -type f -exec cat {} + > /dev/null; }
seconds() { local start; start=$(date +%s%N); "$@" > /dev/null; echo "$((($(date +%s%N) - start) / 1000000)) ms"; }
# The peak RssAnon of a command, in MiB.
rss_anon() {
    "$@" > /dev/null 2>&1 &
    local pid=$! peak=0 value
    while kill -0 "$pid" 2>/dev/null; do
        value=$(awk '/RssAnon/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
        [[ -n "$value" && "$value" -gt "$peak" ]] && peak=$value
        sleep 0.005
    done
    wait "$pid" || true
    echo "$((peak / 1024)) MiB"
}
compare() { hyperfine --style basic --warmup 1 --runs "${RUNS:-5}" -i "$@" 2>/dev/null | grep -E '^(Benchmark|  Time)'; }

for corpus in "$files" "$records"; do
    warm "$corpus"
    echo "== $corpus: $(du -sh "$corpus" | cut -f1) of text"
    echo "first --index (no store): $(seconds "$folio" --index "$corpus")"
    echo "second --index (nothing changed): $(seconds "$folio" --index "$corpus")"
    du -sh "$XDG_CACHE_HOME"/folio/* | tail -n +1
done

echo "== --search $rare on $files"
compare "$folio --search $rare $files" "$folio --no-cache --search $rare $files" "rg -il $rare $files"
echo "RssAnon with the store: $(rss_anon "$folio" --search "$rare" "$files"); without: $(rss_anon "$folio" --no-cache --search "$rare" "$files")"

for word in "$rare" "$common"; do
    echo "== --count $word on $records"
    compare "$folio --count $word $records" "$folio --no-cache --count $word $records" "rg -c -i $word $records"
    echo "RssAnon with the store: $(rss_anon "$folio" --count "$word" "$records"); without: $(rss_anon "$folio" --no-cache --count "$word" "$records")"
done

echo "== 100 files touched, 100 added, 100 deleted in a copy of $files"
copy=$XDG_CACHE_HOME/copy
cp -r "$files" "$copy"
# A copy made this instant is all "racily clean" (changed within 2 s of the store's writing,
# so not trusted by its time next start): a real corpus is older.
sleep 2
"$folio" --index "$copy" > /dev/null
mapfile -t some < <(find "$copy" -type f -name '*.txt' | sort | awk 'NR % 300 == 1' | head -300)
for path in "${some[@]:0:100}"; do echo " $rare touched" >> "$path"; done
for path in "${some[@]:100:100}"; do cp "$path" "${path%.txt}-added.txt"; done
for path in "${some[@]:200:100}"; do rm "$path"; done
echo "first --search after the changes: $(seconds "$folio" --search "$rare" "$copy")"
echo "the next, at once: $(seconds "$folio" --search "$rare" "$copy")"
"$folio" --index "$copy" > /dev/null
sleep 2
"$folio" --index "$copy" > /dev/null
echo "after --index, once the changed files are two seconds old: $(seconds "$folio" --search "$rare" "$copy")"

# The interface on RECORDS with the store (tmux, 120x40): from the command to the first title
# on screen, and to every title listed (the status line's "loading…" gone), polled every 5 ms.
tmux_=(tmux -L folio-store -f /dev/null)
"${tmux_[@]}" kill-server 2>/dev/null || true
"${tmux_[@]}" new-session -d -x 120 -y 40 "env PS1='$ ' XDG_CACHE_HOME=$XDG_CACHE_HOME XDG_STATE_HOME=$XDG_STATE_HOME bash --norc --noprofile" \; set -g status off \; set -s escape-time 0
trap '"${tmux_[@]}" kill-server 2>/dev/null || true; rm -rf "$XDG_CACHE_HOME"' EXIT
for store in with without; do
    command="$folio --no-state $records"
    [[ $store == without ]] && command="$folio --no-state --no-cache $records"
    sleep 0.5
    start=$(date +%s%N)
    "${tmux_[@]}" send-keys "$command" Enter
    first=""
    while true; do
        screen=$("${tmux_[@]}" capture-pane -p)
        if [[ -z $first ]] && grep -q '^>' <<< "$(head -1 <<< "$screen")"; then
            first=$((($(date +%s%N) - start) / 1000000))
        fi
        if [[ -n $first ]] && ! grep -q 'loading' <<< "$screen"; then
            break
        fi
        sleep 0.005
    done
    all=$((($(date +%s%N) - start) / 1000000))
    pid=$(pgrep -n -f -- "$command")
    rss=$(awk '/RssAnon/ {print int($2 / 1024)}' "/proc/$pid/status")
    echo "interface $store the store: first frame ${first} ms, every title listed ${all} ms, RssAnon ${rss} MiB"
    "${tmux_[@]}" send-keys C-c
done
