#!/usr/bin/env python3
"""Recall and precision of folio's copies against every pair of a real corpus, measured exactly.

    copies_recall.py FOLIO CORPUS [--copy-jaccard J] [--copy-containment C]
    copies_recall.py make CORPUS OUT COUNT   # CORPUS's articles and COUNT edited copies of them

`make` writes a harder corpus from a real one: the articles as they are, and COUNT copies each
edited one way (every k-th word replaced, for k from 3 to 40; cut to 40-95% of its words; set
inside another article; a new first line), so that pairs fall all along the Jaccard scale.

Every document's shingles (runs of five lowercased words, words as folio splits them: runs of
letters, digits and `_`) are taken as sets of strings; every pair sharing one is measured
(Jaccard, containment), the others share nothing. Then `FOLIO --duplicates CORPUS` is run and
its clusters compared:

- recall at J >= 0.5: of the pairs sharing half their shingles, how many folio put in one
  cluster (and the same for the copies by containment);
- what it reports: every pair it joins is in one cluster; a cluster member's row gives its
  overlap with the kept document, checked here against the exact figure; a member whose
  Jaccard with the kept document is under 0.3 (and not contained) is counted.
"""
import itertools
import os
import re
import subprocess
import sys
from collections import defaultdict

WORD = re.compile(r"[^\W]+|_+", re.UNICODE)


def words(text):
    return [w.lower() for w in re.findall(r"\w+", text)]


def shingles(text):
    ws = words(text)
    if not ws:
        return frozenset()
    if len(ws) < 5:
        return frozenset([" ".join(ws)])
    return frozenset(" ".join(ws[i:i + 5]) for i in range(len(ws) - 4))


def make(corpus, out, count):
    import random
    rng = random.Random(1)
    texts = []
    for root, _, files in sorted(os.walk(corpus)):
        for name in sorted(files):
            if name.endswith(".txt"):
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    texts.append(f.read())
    os.makedirs(out, exist_ok=True)
    for n, text in enumerate(texts):
        with open(os.path.join(out, f"a{n:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
    for n in range(count):
        words = texts[rng.randrange(len(texts))].split()
        kind = n % 4
        if kind == 0:
            every = rng.randint(3, 40)
            words = [("edited" if i % every == every - 1 else w) for i, w in enumerate(words)]
        elif kind == 1:
            keep = max(5, int(len(words) * rng.uniform(0.4, 0.95)))
            start = rng.randint(0, len(words) - keep)
            words = words[start:start + keep]
        elif kind == 2:
            host = texts[rng.randrange(len(texts))].split()
            at = rng.randint(0, len(host))
            words = host[:at] + words + host[at:]
        else:
            words = ["Reprinted", "from", "the", "wire", "service"] + words
        with open(os.path.join(out, f"e{n:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(" ".join(words))


def main():
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    folio, corpus = sys.argv[1], sys.argv[2]
    extra = sys.argv[3:]
    jt = float(extra[extra.index("--copy-jaccard") + 1]) if "--copy-jaccard" in extra else 0.5
    ct = float(extra[extra.index("--copy-containment") + 1]) if "--copy-containment" in extra else 0.8
    paths = []
    for root, _, files in os.walk(corpus):
        for name in files:
            if name.endswith(".txt"):
                paths.append(os.path.join(root, name))
    paths.sort()
    sets = {}
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            sets[path] = shingles(f.read())
    # Every pair sharing a shingle, from an inverted index (the others overlap 0).
    holders = defaultdict(list)
    for path, s in sets.items():
        for sh in s:
            holders[sh].append(path)
    shared = defaultdict(int)
    for docs in holders.values():
        if len(docs) > 1:
            for a, b in itertools.combinations(sorted(docs), 2):
                shared[(a, b)] += 1
    truth = {}
    for (a, b), both in shared.items():
        la, lb = len(sets[a]), len(sets[b])
        truth[(a, b)] = (both / (la + lb - both), both / min(la, lb), min(la, lb))
    out = subprocess.run([folio, "--no-state", "--duplicates", corpus] + extra,
                         capture_output=True, text=True).stdout
    cluster_of, kept_of, rows = {}, {}, []
    for line in out.splitlines():
        number, path, sim, cont = line.split("\t")
        path = os.path.normpath(path)
        if number not in kept_of:
            kept_of[number] = path
        cluster_of[path] = number
        rows.append((number, path, float(sim), float(cont)))

    def together(a, b):
        return a in cluster_of and cluster_of.get(a) == cluster_of.get(b)

    by_j = [p for p, (j, c, s) in truth.items() if j >= jt]
    by_c = [p for p, (j, c, s) in truth.items() if j < jt and c >= ct and s >= 20]
    found_j = sum(together(a, b) for a, b in by_j)
    found_c = sum(together(a, b) for a, b in by_c)
    print(f"documents: {len(paths)}; pairs sharing a shingle: {len(truth)}")
    print(f"pairs with Jaccard >= {jt}: {len(by_j)}; in one folio cluster: {found_j}"
          f" (recall {found_j / max(1, len(by_j)):.3f})")
    print(f"pairs contained >= {ct} (and Jaccard below): {len(by_c)}; in one cluster: {found_c}"
          f" (recall {found_c / max(1, len(by_c)):.3f})")
    # A document is in one cluster only: a page holding two articles joins one of them. So
    # also, per document: of those with a copy (by either measure), how many are in a
    # cluster with one of their copies.
    partners = defaultdict(set)
    for a, b in by_j + by_c:
        partners[a].add(b)
        partners[b].add(a)
    with_partner = sum(1 for d, ps in partners.items() if any(together(d, p) for p in ps))
    print(f"documents with a copy: {len(partners)}; in a cluster with one of them: {with_partner}"
          f" ({with_partner / max(1, len(partners)):.3f})")
    wrong, low = 0, 0
    for number, path, sim, cont in rows:
        kept = kept_of[number]
        if path == kept:
            continue
        a, b = sorted([path, kept])
        j, c, _ = truth.get((a, b), (0.0, 0.0, 0))
        if abs(j - sim) > 0.0006 or abs(c - cont) > 0.0006:
            wrong += 1
        if j < 0.3 and c < ct:
            low += 1
    members = sum(1 for r in rows if r[1] != kept_of[r[0]])
    print(f"clusters: {len(kept_of)}, copies: {members}; figures differing from the exact ones: {wrong};"
          f" members under Jaccard 0.3 (and not contained) against the kept document: {low}")
    joined = [(a, b) for a, b in itertools.combinations(sorted(cluster_of), 2) if together(a, b)]
    below = sum(1 for a, b in joined if truth.get((a, b), (0, 0, 0))[0] < 0.3
                and truth.get((a, b), (0, 0, 0))[1] < ct)
    print(f"pairs within folio clusters: {len(joined)}; of them under Jaccard 0.3 and not contained: {below}")


if __name__ == "__main__":
    main()
