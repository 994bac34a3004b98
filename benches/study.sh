#!/usr/bin/env bash
# Times the study views in a real terminal (tmux, 120x40) on the generated 100,000 files, once
# they are loaded and indexed: the concordance's first screen (every row with its context) and
# its end, a sort by right context, the counts by folder (all groupings are made at once), and
# the collocates; each waited for as the user sees it (the final screen, looked at every 20 ms).
# Prints folio's resident size after the concordance. Not run by CI.
# Usage: benches/study.sh [WORD] (default minister) [WORKDIR].
set -euo pipefail
cd "$(dirname "$0")/.."
word=${1:-minister}
work=${2:-/tmp/folio-bench}
corpus="$work/files-100000"
[ -d "$corpus" ] || python3 benches/gen_corpus.py files "$corpus" 100000
folio=${FOLIO:-}
if [ -z "$folio" ]; then
    cargo build --release --quiet
    folio=$PWD/target/release/folio
fi
tmux_=(tmux -L folio-study -f /dev/null)
"${tmux_[@]}" kill-server 2>/dev/null || true
"${tmux_[@]}" new-session -d -x 120 -y 40 "env PS1='$ ' XDG_STATE_HOME=$work/state bash --norc --noprofile" \; set -g status off \; set -s escape-time 0
trap '"${tmux_[@]}" kill-server 2>/dev/null || true' EXIT
now() { date +%s%N; }
screen() { "${tmux_[@]}" capture-pane -p; }
# Waits until the screen matches the regex $1; prints the milliseconds since $2.
wait_ms() {
    while ! screen | grep -Eq -- "$1"; do sleep 0.02; done
    echo $((($(now) - $2) / 1000000))
}
# Waits until $1 lines of the screen hold the word with context after it.
wait_rows() {
    while (($(screen | grep -Eic -- "$word.*│") < $1)); do sleep 0.02; done
    echo $((($(now) - $2) / 1000000))
}
sleep 0.3
"${tmux_[@]}" send-keys "XDG_CONFIG_HOME=/nonexistent $folio --no-state $corpus" Enter
wait_ms '/100000' "$(now)" > /dev/null
while screen | grep -q 'indexing text'; do sleep 0.2; done
"${tmux_[@]}" send-keys C-f && "${tmux_[@]}" send-keys -l "$word"
wait_ms "text> $word +[0-9]+/100000" "$(now)" > /dev/null
sleep 0.5
start=$(now)
"${tmux_[@]}" send-keys C-k
echo "concordance, first screen (36 rows with context): $(wait_rows 36 "$start") ms"
echo "  complete: $(wait_ms 'hits in [0-9,]+ documents *$' "$start") ms ($(screen | grep -Eo '[0-9,]+ hits in [0-9,]+ documents' | head -1))"
pid=$(pgrep -n -f "$folio --no-state $corpus")
echo "  resident size: $(awk '/VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$pid/status")"
"${tmux_[@]}" send-keys s
sleep 0.3
start=$(now)
"${tmux_[@]}" send-keys s
echo "sort by right context: $(wait_ms 'by right context *$' "$start") ms"
"${tmux_[@]}" send-keys Escape
sleep 0.3
start=$(now)
"${tmux_[@]}" send-keys C-g
echo "counts by folder, year, month: $(wait_ms "counts of $word by folder:" "$start") ms"
"${tmux_[@]}" send-keys Escape
sleep 0.3
start=$(now)
"${tmux_[@]}" send-keys C-t
echo "collocates: $(wait_ms "collocates of $word \\(within" "$start") ms ($(screen | grep -Eo '[0-9,]+ words? around [0-9,]+ hits' | head -1))"
"${tmux_[@]}" send-keys C-c
