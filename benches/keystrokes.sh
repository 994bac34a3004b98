#!/usr/bin/env bash
# Keystroke-to-screen latency in a real terminal (tmux, 120x40): types QUERY into folio one
# key at a time once CORPUS is loaded and prints, per key, the milliseconds until the query
# line shows the new query with a settled count, then the same for each Backspace back to the
# empty query; also folio's resident size. The figures
# include tmux's own polling (a capture-pane every 2 ms or so). Not run by CI.
# Usage: benches/keystrokes.sh CORPUS [QUERY] (default "blair election").
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$1
query=${2:-blair election}
# FOLIO=PATH measures that build of folio instead of building this checkout.
folio=${FOLIO:-}
if [ -z "$folio" ]; then
    cargo build --release --quiet
    folio=$PWD/target/release/folio
fi
tmux_=(tmux -L folio-keys -f /dev/null)
"${tmux_[@]}" kill-server 2>/dev/null || true
"${tmux_[@]}" new-session -d -x 120 -y 40 "env PS1='$ ' XDG_STATE_HOME=/tmp/folio-bench-state bash --norc --noprofile" \; set -g status off \; set -s escape-time 0
trap '"${tmux_[@]}" kill-server 2>/dev/null || true' EXIT
# The query line alone, left of the reader: one tmux call and no pipeline per poll, so the
# measuring takes as little as possible of the CPU folio is measured on.
first_line() {
    local line
    line=$("${tmux_[@]}" capture-pane -p -E 0)
    printf '%s' "${line%%│*}"
}
sleep 0.3
start=$(date +%s%N)
"${tmux_[@]}" send-keys "$folio --no-state $corpus" Enter
until first_line | grep -q '^> '; do sleep 0.002; done
echo "first frame: $((($(date +%s%N) - start) / 1000000)) ms"
while "${tmux_[@]}" capture-pane -p | grep -q 'loading'; do sleep 0.02; done
echo "loaded:      $((($(date +%s%N) - start) / 1000000)) ms ($(first_line | grep -o '[0-9]*/[0-9]*$'))"
pid=$(pgrep -n -f "$folio --no-state $corpus")
echo "resident:    $(awk '/VmRSS/ {print int($2 / 1024) " MiB"}' "/proc/$pid/status")"
# Waits until the query line shows exactly the query $1 with a settled count (the counter shows
# `…` while a ranking is under way); prints the milliseconds since $2 and the count.
settled() {
    local line
    while :; do
        sleep 0.002
        line=$(first_line)
        if [[ $line == "> $1 "* && $line != *"… "[0-9]* ]]; then break; fi
    done
    echo "$((($(date +%s%N) - $2) / 1000000)) ms $(grep -o '[0-9]*/[0-9]*$' <<< "$line")"
}
typed=""
for ((i = 0; i < ${#query}; i++)); do
    key=${query:i:1}
    typed+=$key
    start=$(date +%s%N)
    "${tmux_[@]}" send-keys -l "$key"
    echo "'$typed' $(settled "$typed" "$start")"
done
# Then back out of the query with Backspace: each earlier query was ranked already.
while [[ -n $typed ]]; do
    typed=${typed%?}
    start=$(date +%s%N)
    "${tmux_[@]}" send-keys BSpace
    echo "Backspace to '$typed' $(settled "$typed" "$start")"
done
"${tmux_[@]}" send-keys C-c
