#!/usr/bin/env python3
"""Generates deterministic benchmark corpora for folio from the words of the sample corpus.

    gen_corpus.py files DIR COUNT   # COUNT news-like .txt files in 100 folders
    gen_corpus.py jsonl FILE COUNT  # COUNT JSON Lines records (title, text, source, date)
    gen_corpus.py big FILE MIB      # one document of MIB mebibytes, 80-column lines

The same arguments always give byte-identical output (a fixed-seed generator).
"""
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "corpus")


def words():
    text = " ".join(open(os.path.join(SEEDS, name), encoding="utf-8").read()
                    for name in sorted(os.listdir(SEEDS)))
    return [w.strip('".,()') for w in text.split() if w.strip('".,()')]


def sentence(rng, vocabulary, low=8, high=30):
    chosen = [rng.choice(vocabulary) for _ in range(rng.randint(low, high))]
    chosen[0] = chosen[0][:1].upper() + chosen[0][1:]
    return " ".join(chosen) + "."


def article(rng, vocabulary):
    paragraphs = []
    for _ in range(rng.randint(3, 12)):
        paragraphs.append(" ".join(sentence(rng, vocabulary) for _ in range(rng.randint(2, 6))))
    return "\n\n".join(paragraphs) + "\n"


def files(directory, count):
    rng = random.Random(20261123)
    vocabulary = words()
    for i in range(count):
        folder = os.path.join(directory, f"{i % 100:02d}")
        os.makedirs(folder, exist_ok=True)
        body = article(rng, vocabulary)
        if i % 3 == 0:
            body = f"date 2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} " + body
        with open(os.path.join(folder, f"{i:07d}.txt"), "w", encoding="utf-8") as out:
            out.write(body)


def jsonl(path, count):
    rng = random.Random(20261124)
    vocabulary = words()
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            record = {
                "id": i,
                "title": sentence(rng, vocabulary, 5, 14),
                "text": " ".join(sentence(rng, vocabulary) for _ in range(rng.randint(3, 10))),
                "source": rng.choice(["xinhua", "reuters", "afp", "ap"]),
                "date": f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def big(path, mebibytes):
    rng = random.Random(20261125)
    vocabulary = words()
    target = mebibytes * 1024 * 1024
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write("A generated book for folio's benchmarks.\n\n")
        line_number = 0
        while written < target:
            line_number += 1
            line = f"{line_number:09d} " + " ".join(rng.choice(vocabulary) for _ in range(10))
            line = line[:79] + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
        out.write("The end of the book.\n")


if __name__ == "__main__":
    kind, target, amount = sys.argv[1], sys.argv[2], int(sys.argv[3])
    {"files": files, "jsonl": jsonl, "big": big}[kind](target, amount)
