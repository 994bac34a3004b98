#!/usr/bin/env bash
# Extraction measured against the tools a user would reach for, in one run, on files made
# from real BBC news articles by benches/formats_make.py (pandoc's HTML, DOCX, ODT and EPUB,
# fpdf2's PDF): each format's 400 files read by folio (`--list`, nothing cached: every file
# extracted) and by pdftotext, pandoc -t plain or html2text, both on both cores (xargs -P2);
# then 10,000 mixed documents (2,000 of each format), the first start (`--list`, extracting
# all) against pdftotext + pandoc on the same files, and the second start (text from the
# cache) and a search against the same documents as plain text. Wall time from
# /usr/bin/time; three runs each. Not run by CI.
# Usage: benches/formats.sh [WORKDIR] (default /tmp/fbench; made if missing; REAL_TEXT as
# for benches/gen_corpus.py).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/fbench}
[ -d "$work/mixed" ] || python3 benches/formats_make.py "$work" 400
cargo build --release --quiet
folio=$PWD/target/release/folio
# Seconds a command (or a function of this script) takes, its output dropped.
secs() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    awk "BEGIN { printf \"%.2f\", $end - $start }"
}
fresh() { XDG_CACHE_HOME=$(mktemp -d) "$@"; }
tool_for() {
    case "$1" in
        pdf) echo "pdftotext -q {} /dev/null" ;;
        html2text) echo "html2text -o /dev/null {}" ;;
        *) echo "pandoc -t plain {} -o /dev/null" ;;
    esac
}
tools_on() {
    find "$1" -name '*.pdf' -print0 | xargs -0 -P2 -I{} pdftotext -q {} /dev/null
    find "$1" -type f ! -name '*.pdf' -print0 | xargs -0 -P2 -I{} pandoc -t plain {} -o /dev/null
}
over() { find "$1" -type f -name "*.$2" -print0 | xargs -0 -P2 -I{} sh -c "$(tool_for "$3")"; }
echo "== each format, 400 files (MB in)"
for format in html docx odt epub pdf; do
    size=$(du -sm "$work/$format" | cut -f1)
    for run in 1 2 3; do
        ours=$(secs fresh "$folio" --no-state --list "$work/$format")
        tool=$( [ "$format" = pdf ] && echo pdftotext || echo pandoc )
        theirs=$(secs over "$work/$format" "$format" "$format")
        extra=""
        [ "$format" = html ] && extra=", html2text $(secs over "$work/html" html html2text) s"
        echo "$format (${size} MB): folio $ours s, $tool $theirs s$extra"
    done
done
echo "== 10,000 mixed documents"
export XDG_CACHE_HOME=$(mktemp -d)
for run in 1 2 3; do
    rm -rf "$XDG_CACHE_HOME"/folio
    first=$(secs "$folio" --no-state --list "$work/mixed")
    second=$(secs "$folio" --no-state --list "$work/mixed")
    plain=$(secs "$folio" --no-state --no-cache --list "$work/plain")
    search=$(secs "$folio" --no-state --count said "$work/mixed")
    plain_search=$(secs "$folio" --no-state --no-cache --count said "$work/plain")
    tools=$(secs tools_on "$work/mixed")
    echo "first start $first s (pdftotext + pandoc $tools s); second start $second s (plain text $plain s); --count said $search s (plain text $plain_search s)"
done
