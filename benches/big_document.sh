#!/usr/bin/env bash
# Times folio on one huge document in a real terminal (tmux, 120x40): start to first page, its
# lines counted (the bar's `line N of M`), G to the last page, and searches to their first match and to the end of the file, beside
# `rg -c -i` on the same file; prints folio's resident size. The document is real prose
# (benches/gen_corpus.py): KIND big is BBC news (a `£` every few KB), big-de German and French
# novels (a non-ASCII letter in most lines); each is searched for an ASCII and a non-ASCII word.
# Not run by CI. Usage: benches/big_document.sh [MIB] (default 1024) [WORKDIR] [KIND] (big).
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-1024}
work=${2:-/tmp/folio-bench}
kind=${3:-big}
doc="$work/$kind-$mib/$kind.txt"
if [ ! -f "$doc" ]; then
    mkdir -p "$(dirname "$doc")"
    python3 benches/gen_corpus.py "$kind" "$doc" "$mib"
fi
case $kind in
    big) words=(yukos minister £) ;;
    *) words=(straße größe kaiser) ;;
esac
# FOLIO=PATH measures that build of folio instead of building this checkout.
folio=${FOLIO:-}
if [ -z "$folio" ]; then
    cargo build --release --quiet
    folio=$PWD/target/release/folio
fi
cat "$doc" > /dev/null # warm the page cache, as for the other measurements
tmux_=(tmux -L folio-big -f /dev/null)
"${tmux_[@]}" kill-server 2>/dev/null || true
"${tmux_[@]}" new-session -d -x 120 -y 40 "env PS1='$ ' XDG_STATE_HOME=$work/state bash --norc --noprofile" \; set -g status off \; set -s escape-time 0
trap '"${tmux_[@]}" kill-server 2>/dev/null || true' EXIT
now() { date +%s%N; }
# Waits until the screen matches the regex $1; prints the milliseconds since $2. It looks every
# 20 ms: looking more often takes a core from folio on a small machine.
wait_ms() {
    while ! "${tmux_[@]}" capture-pane -p | grep -Eq -- "$1"; do sleep 0.02; done
    echo $((($(now) - $2) / 1000000))
}
sleep 0.3
start=$(now)
"${tmux_[@]}" send-keys "$folio --no-state $(dirname "$doc")" Enter
echo "first page:     $(wait_ms '000000002 ' "$start") ms"
start=$(now)
"${tmux_[@]}" send-keys Enter
# The bar's `line N of M` once the background has counted every line (`wc -l` beside).
echo "lines counted:  $(wait_ms 'line 1 of [0-9]+' "$start") ms ($("${tmux_[@]}" capture-pane -p | grep -Eo 'of [0-9]+ ·' | head -1)); wc -l: $( (time -p wc -l "$doc" > /dev/null) 2>&1 | awk '/real/ {print $2 * 1000}') ms"
sleep 0.2
start=$(now)
"${tmux_[@]}" send-keys G
echo "G (last page):  $(wait_ms 'end of the book' "$start") ms"
"${tmux_[@]}" send-keys g
sleep 0.2
search() {
    "${tmux_[@]}" send-keys g
    sleep 0.2
    start=$(now)
    "${tmux_[@]}" send-keys / && "${tmux_[@]}" send-keys -l "$1" && "${tmux_[@]}" send-keys Enter
}
# ripgrep's count of the same, beside (best of 3, output discarded).
rg_ms() {
    local best=999999 start ms
    for _ in 1 2 3; do
        start=$(now)
        rg "$@" "$doc" > /dev/null || true
        ms=$((($(now) - start) / 1000000))
        ((ms < best)) && best=$ms
    done
    echo "$best"
}
for word in "${words[@]}"; do
    search "$word"
    echo "search '$word', first match: $(wait_ms 'match 1 of' "$start") ms"
    echo "  and the whole file:  $(wait_ms 'match 1 of [0-9]+ ·' "$start") ms ($("${tmux_[@]}" capture-pane -p | grep -Eo 'match 1 of [0-9]+' | head -1)); rg -c -i: $(rg_ms -c -i "$word") ms"
done
search "end\\ of\\ the\\ book"
echo "search a string found only on the last line: $(wait_ms 'match 1 of 1 ·' "$start") ms; rg -c -i: $(rg_ms -c -i 'end of the book') ms"
search '"end of the book"'
echo "  the same as a phrase (any spaces, one line break): $(wait_ms 'match 1 of 1 ·' "$start") ms"
pid=$(pgrep -n -f "$folio --no-state $(dirname "$doc")")
echo "resident size:  $(awk '/VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$pid/status")"
"${tmux_[@]}" send-keys C-c
