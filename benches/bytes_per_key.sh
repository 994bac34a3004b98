#!/usr/bin/env bash
# Bytes sent to the terminal per keystroke, folio against fzf with a preview pane, in the same
# tmux window (100x30 unless given): typing a query one key at a time, then scrolling the
# document (folio's reader, fzf's preview) one line at a time. Everything the program writes
# is captured with tmux's pipe-pane; after each key the script waits for the screen to change
# and the capture to stop growing. Not run by CI (fzf is not one of the project's tools).
# Usage: benches/bytes_per_key.sh [WIDTH HEIGHT] (needs tmux and fzf).
set -euo pipefail
cd "$(dirname "$0")/.."
width=${1:-100}
height=${2:-30}
query="communist xi"
scrolls=10
# FOLIO=PATH measures that build of folio instead of building this checkout.
folio=${FOLIO:-}
if [ -z "$folio" ]; then
    cargo build --release --quiet
    folio=$PWD/target/release/folio
fi
command -v fzf >/dev/null || { echo "fzf is not installed (apt-get install fzf)"; exit 1; }
work=$(mktemp -d)
tmux_=()
cleanup() {
    for name in folio fzf; do tmux -L "folio-bytes-$name" kill-server 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

size() { stat -c %s "$1" 2>/dev/null || echo 0; }
# Waits until the capture $1 stops growing (no change for 100 ms).
settle() {
    local last now
    last=$(size "$1")
    while :; do
        sleep 0.1
        now=$(size "$1")
        [ "$now" = "$last" ] && break
        last=$now
    done
}
# Sends key $1 (tmux's name; -l for a literal) and waits for the screen to change (at most
# half a second: a typed space changes nothing visible) and the output to settle.
press() {
    local before tries=0
    before=$("${tmux_[@]}" capture-pane -p)
    "${tmux_[@]}" send-keys "$@"
    while [ "$("${tmux_[@]}" capture-pane -p)" = "$before" ] && [ $tries -lt 50 ]; do
        sleep 0.01
        tries=$((tries + 1))
    done
    settle "$capture"
}

# measure NAME COMMAND READY_TEXT OPEN_KEYS SCROLL_KEY
measure() {
    local name=$1 command=$2 ready=$3 open=$4 scroll=$5
    capture="$work/$name.out"
    # A server of its own per program: killing one and starting the next races.
    tmux_=(tmux -L "folio-bytes-$name" -f /dev/null)
    "${tmux_[@]}" new-session -d -x "$width" -y "$height" -c "$PWD" \
        "env PS1='$ ' XDG_CONFIG_HOME=/nonexistent FZF_DEFAULT_OPTS= bash --norc --noprofile" \; \
        set -g status off \; set -s escape-time 0
    until "${tmux_[@]}" capture-pane -p | grep -q '\$'; do sleep 0.05; done
    "${tmux_[@]}" send-keys "$command" Enter
    until "${tmux_[@]}" capture-pane -p | grep -q "$ready"; do sleep 0.05; done
    settle /dev/null
    "${tmux_[@]}" pipe-pane -O "cat > '$capture'"
    sleep 0.2
    local start typed end
    start=$(size "$capture")
    for ((i = 0; i < ${#query}; i++)); do
        press -l "${query:i:1}"
    done
    end=$(size "$capture")
    typed=$((end - start))
    [ -n "$open" ] && press $open
    start=$(size "$capture")
    for ((i = 0; i < scrolls; i++)); do
        press $scroll
    done
    end=$(size "$capture")
    # SHOW=1 prints the last screen, to see what was measured.
    if [ -n "${SHOW:-}" ]; then "${tmux_[@]}" capture-pane -p; echo "typed $typed bytes, scrolled $start..$end"; fi
    printf '%-6s %6.0f bytes per key typed   %6.0f bytes per line scrolled\n' "$name" \
        "$(echo "$typed / ${#query}" | bc -l)" "$(echo "($end - $start) / $scrolls" | bc -l)"
}

echo "${width}x${height}, query \"$query\" typed key by key, then $scrolls lines scrolled"
measure folio "$folio --no-state corpus" "2/2" "Enter" "j"
# fzf gets the same titles to filter (folio --list gives PATH<TAB>TITLE) and previews the file.
measure fzf "$folio --list corpus | fzf --delimiter '\t' --with-nth 2 --preview 'cat {1}' --preview-window 'right:60%:wrap'" "2/2" "" "S-Down"
