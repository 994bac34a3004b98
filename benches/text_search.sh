#!/usr/bin/env bash
# Text search (Ctrl-F) in a real terminal (tmux, 120x40) against `rg -l` on the same corpus,
# in one run: folio is started on CORPUS, the time to build its word index and its resident
# size before and after are printed; then for each WORD, the milliseconds from pasting the
# word into the text query to the complete count on screen (the counter shows `…` until the
# search is complete), next to `rg -l WORD CORPUS` (median of 5, output discarded). The same
# again with the index off (--index-memory 0), where every document is read for each query.
# The figures include tmux's polling. Warm the page cache first (the script reads the corpus
# once). Not run by CI.
# Usage: benches/text_search.sh CORPUS [WORD...] (default: yukos minister £).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$1
shift
words=("$@")
[[ ${#words[@]} -gt 0 ]] || words=(yukos minister £)
# FOLIO=PATH measures that build of folio instead of building this checkout.
folio=${FOLIO:-}
if [ -z "$folio" ]; then
    cargo build --release --quiet
    folio=$PWD/target/release/folio
fi
find "$corpus" -type f -exec cat {} + > /dev/null
tmux_=(tmux -L folio-text -f /dev/null)
"${tmux_[@]}" kill-server 2>/dev/null || true
"${tmux_[@]}" new-session -d -x 120 -y 40 "env PS1='$ ' XDG_STATE_HOME=/tmp/folio-bench-state bash --norc --noprofile" \; set -g status off \; set -s escape-time 0
trap '"${tmux_[@]}" kill-server 2>/dev/null || true' EXIT
now() { date +%s%N; }
ms_since() { echo $((($(now) - $1) / 1000000)); }
# The query line (the first line, or the second under the sparkline of a dated corpus).
first_line() {
    local line
    line=$("${tmux_[@]}" capture-pane -p -E 1 | grep -m1 -E '^(text|exact)?> ')
    printf '%s' "${line%%│*}"
}
status_line() { "${tmux_[@]}" capture-pane -p -S 39 -E 39; }
resident() { awk '/VmRSS/ {print int($2 / 1024) " MiB"}' "/proc/$(pgrep -n -f "$folio --no-state $corpus")/status"; }
# The median of 5 runs of a command, in milliseconds.
median_ms() {
    local times=() start
    for _ in 1 2 3 4 5; do
        start=$(now)
        "$@" > /dev/null || true
        times+=("$(ms_since "$start")")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
# Pastes $1 into an empty text query and prints the milliseconds until its count is complete.
search_ms() {
    local start line
    "${tmux_[@]}" send-keys C-u
    until [[ $(first_line) == "text> "*" "[0-9]* && $(first_line) != *"…"* ]]; do sleep 0.005; done
    start=$(now)
    "${tmux_[@]}" send-keys -l "$1"
    while :; do
        sleep 0.002
        line=$(first_line)
        if [[ $line == "text> $1 "* && $line != *"…"* ]]; then break; fi
    done
    echo "$(ms_since "$start") ms ($(grep -o '[0-9]*/[0-9]*$' <<< "$line"))"
}
run() {
    local label=$1 start
    shift
    sleep 0.3
    start=$(now)
    "${tmux_[@]}" send-keys "$folio --no-state $corpus $*" Enter
    until first_line | grep -q '^> '; do sleep 0.005; done
    while status_line | grep -q 'loading'; do sleep 0.01; done
    local loaded
    loaded=$(ms_since "$start")
    echo "$label: loaded in $loaded ms, resident $(resident)"
    if [[ $* != *"--index-memory 0"* ]]; then
        while status_line | grep -q 'indexing'; do sleep 0.01; done
        echo "  index built $(($(ms_since "$start") - loaded)) ms after loading; resident $(resident)"
    fi
    "${tmux_[@]}" send-keys C-f
    until first_line | grep -q '^text> '; do sleep 0.005; done
    for word in "${words[@]}"; do
        echo "  '$word': folio $(search_ms "$word"), rg -l $(median_ms rg -l "$word" "$corpus") ms"
    done
    "${tmux_[@]}" send-keys C-c
    sleep 0.3
}
run "with the index"
run "without the index" --index-memory 0
