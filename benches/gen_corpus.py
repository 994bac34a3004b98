#!/usr/bin/env python3
"""Builds folio's benchmark corpora from real text, repeated only to reach a size.

    gen_corpus.py files DIR COUNT   # COUNT news articles as .txt files in 100 folders
    gen_corpus.py jsonl FILE COUNT  # COUNT JSON Lines records (title, text, source, date)
    gen_corpus.py paragraphs FILE COUNT  # COUNT short records: one paragraph of an article each
    gen_corpus.py big FILE MIB      # one document of MIB mebibytes of news, numbered lines
    gen_corpus.py big-de FILE MIB   # the same of German and French novels

The text is real, never generated: the BBC News dataset (2,225 articles, UTF-8 with `£`,
curly quotes and accents every few hundred bytes) and public-domain novels in German and
French (umlauts and `ß` in most lines). Both are fetched once from GitHub into
`benches/real-text/` (or taken from the folder `REAL_TEXT` names, holding the two clones, on
a machine without network). A speed figure measured on generated ASCII misleads: a fast path
that takes only ASCII is never taken on real prose.

The same arguments always give byte-identical output (the articles in one fixed order).
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = {
    "bbc-article-classify-bert": "https://github.com/dejanbatanjac/bbc-article-classify-bert",
    "Counting_texts": "https://github.com/GuenterPartosch/Counting_texts",
}
NOVELS = ["de-HMann1.txt", "de-HMann2.txt", "de-grimm.txt", "de-verne-20000.txt",
          "de-verne-grant.txt", "fr-Verne-2ans.txt", "fr-Verne-Hateras.txt"]


def source(name):
    """The folder of the clone `name`, cloned (shallow) on first use."""
    folder = os.path.join(os.environ.get("REAL_TEXT", os.path.join(HERE, "real-text")), name)
    if not os.path.isdir(folder):
        os.makedirs(os.path.dirname(folder), exist_ok=True)
        print(f"fetching {SOURCES[name]} into {folder}", file=sys.stderr)
        subprocess.run(["git", "clone", "--quiet", "--depth", "1", SOURCES[name], folder],
                       check=True)
    return folder


def articles():
    """The BBC articles in a fixed order: (category, headline, body)."""
    root = os.path.join(source("bbc-article-classify-bert"), "bbc")
    found = []
    for category in sorted(os.listdir(root)):
        folder = os.path.join(root, category)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                headline, _, body = f.read().partition("\n")
            found.append((category, headline.strip(), body.strip()))
    return found


def novel_lines():
    """The lines of the German and French novels, blank ones dropped, BOMs too."""
    root = os.path.join(source("Counting_texts"), "input")
    lines = []
    for name in NOVELS:
        with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
            text = f.read().lstrip("\ufeff")
        lines.extend(line.rstrip() for line in text.splitlines() if line.strip())
    return lines


def date_of(i):
    return f"20{4 + i % 3:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"


def files(directory, count):
    """COUNT articles (the 2,225 again and again), a third with a `date` prefix."""
    news = articles()
    for i in range(count):
        category, headline, body = news[i % len(news)]
        folder = os.path.join(directory, f"{i % 100:02d}")
        os.makedirs(folder, exist_ok=True)
        text = f"{headline}\n\n{body}\n"
        if i % 3 == 0:
            text = f"date {date_of(i)} " + text
        with open(os.path.join(folder, f"{i:07d}.txt"), "w", encoding="utf-8") as out:
            out.write(text)


def records(path, count, pieces):
    """COUNT JSON Lines records of `pieces` (category, headline, text) again and again,
    written as UTF-8 (not \\u escapes), as most datasets are."""
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            category, headline, text = pieces[i % len(pieces)]
            record = {"id": i, "title": headline, "text": text, "source": category,
                      "date": date_of(i)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def jsonl(path, count):
    """COUNT records of the articles."""
    records(path, count, articles())


def paragraphs(path, count):
    """COUNT short records, each one paragraph of an article (about 580 bytes a record with
    its fields, so ten million are a file of 5.8 GB): the many-small-records shape of a
    dataset of posts or sentences."""
    records(path, count, [(category, headline, p.strip())
                          for category, headline, body in articles()
                          for p in body.split("\n") if p.strip()])


def numbered(path, mebibytes, lines, title):
    """A document of MIB mebibytes of `lines` again and again, each numbered (`000000002 `)
    for the terminal measurements to find, ending in "The end of the book."."""
    target = mebibytes * 1024 * 1024
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"{title}\n\n")
        number = 0
        while written < target:
            line = f"{number + 1:09d} {lines[number % len(lines)]}\n"
            number += 1
            out.write(line)
            written += len(line.encode("utf-8"))
        out.write("The end of the book.\n")


def big(path, mebibytes):
    paragraphs = [p.strip() for _, _, body in articles() for p in body.split("\n") if p.strip()]
    numbered(path, mebibytes, paragraphs, "BBC News, again and again, for folio's benchmarks.")


def big_de(path, mebibytes):
    numbered(path, mebibytes, novel_lines(), "Romane, wieder und wieder, für folios Messungen.")


if __name__ == "__main__":
    kind, target, amount = sys.argv[1], sys.argv[2], int(sys.argv[3])
    {"files": files, "jsonl": jsonl, "paragraphs": paragraphs, "big": big,
     "big-de": big_de}[kind](target, amount)
