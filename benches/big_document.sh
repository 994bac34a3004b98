#!/usr/bin/env bash
# Times folio on one huge document in a real terminal (tmux, 120x40): start to first page, G to
# the last page, and a search to its first match and to its end; prints folio's resident size.
# Not run by CI. Usage: benches/big_document.sh [MIB] (default 1024) [WORKDIR].
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-1024}
work=${2:-/tmp/folio-bench}
doc="$work/big-$mib/big.txt"
if [ ! -f "$doc" ]; then
    mkdir -p "$(dirname "$doc")"
    python3 benches/gen_corpus.py big "$doc" "$mib"
fi
# FOLIO=PATH measures that build of folio instead of building this checkout.
folio=${FOLIO:-}
if [ -z "$folio" ]; then
    cargo build --release --quiet
    folio=$PWD/target/release/folio
fi
cat "$doc" > /dev/null # warm the page cache, as for the other measurements
tmux_=(tmux -L folio-big -f /dev/null)
"${tmux_[@]}" kill-server 2>/dev/null || true
"${tmux_[@]}" new-session -d -x 120 -y 40 "env PS1='$ ' bash --norc --noprofile" \; set -g status off \; set -s escape-time 0
trap '"${tmux_[@]}" kill-server 2>/dev/null || true' EXIT
now() { date +%s%N; }
# Waits until the screen matches the regex $1; prints the milliseconds since $2.
wait_ms() {
    while ! "${tmux_[@]}" capture-pane -p | grep -Eq -- "$1"; do sleep 0.001; done
    echo $((($(now) - $2) / 1000000))
}
sleep 0.3
start=$(now)
"${tmux_[@]}" send-keys "$folio $(dirname "$doc")" Enter
echo "first page:     $(wait_ms '000000002 ' "$start") ms"
"${tmux_[@]}" send-keys Enter
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
search kenya
echo "search a common word, first match: $(wait_ms 'match 1 of' "$start") ms"
echo "  and the whole file:  $(wait_ms 'match 1 of [0-9]+ ·' "$start") ms ($("${tmux_[@]}" capture-pane -p | grep -Eo 'match 1 of [0-9]+' | head -1))"
search "end of the book"
echo "search a phrase found only on the last line: $(wait_ms 'match 1 of 1 ·' "$start") ms"
pid=$(pgrep -n -f "$folio $(dirname "$doc")")
echo "resident size:  $(awk '/VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$pid/status")"
"${tmux_[@]}" send-keys C-c
