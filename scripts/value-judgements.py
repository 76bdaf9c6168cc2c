#!/usr/bin/env python3
"""Draws random samples of the Values plugin's codings for judging by hand,
and counts judged samples.

    scripts/value-judgements.py draw PROJECT.sqlite N SEED [JUDGED.tsv ...]
    scripts/value-judgements.py count JUDGED.tsv ...

"draw" prints a judging file: N of the project's value codings, chosen with
Python's random.Random(SEED) from all codings in a fixed order (document
title, sentence start, code name), each with its sentence and the plugin's
explanation, and the judgement column left as "?". Codings whose transcript,
code and sentence already stand in the JUDGED files given are left out of the draw,
so a second sample holds only fresh items. The same project, N, seed and
files always give the same sample.

"count" reads judged files (the judgement column one of right, partly,
wrong) and prints how many of each, overall and per file, as a percentage
of the codings judged. Lines starting with # are comments.

A judging file is tab-separated: number, judgement, transcript, code,
sentence, explanation, note. The guide to judging is README.md in
corpora/gold/western-sydney-values. Standard library only.
"""
import collections
import random
import sqlite3
import sys

JUDGEMENTS = ("right", "partly", "wrong")


def codings(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = db.execute(
        """SELECT d.title, code.name, co.start, co."end", co.explanation, d.text
           FROM coding co JOIN analysis a ON a.id = co.analysis_id JOIN code ON code.id = co.code_id
           JOIN document d ON d.id = co.document_id
           WHERE a.plugin_id = 'org.hark.values'""").fetchall()
    items = []
    for title, code, start, end, why, text in rows:
        sentence = " ".join(text[start:end].split())
        items.append((title, start, code, sentence, " ".join(why.split())))
    items.sort(key=lambda item: (item[0], item[1], item[2]))
    return items


def read_judged(paths):
    """Yields (path, line number, fields) for every item line of the judged files."""
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                fields = line.split("\t")
                if len(fields) < 6:
                    sys.exit(f"{path}, line {number}: expected 6 or 7 tab-separated fields "
                             f"(number, judgement, transcript, code, sentence, explanation[, note]), "
                             f"found {len(fields)}")
                yield path, number, fields


def draw(project, n, seed, judged):
    seen = {(fields[2], fields[3], fields[4]) for _, _, fields in read_judged(judged)}
    items = [item for item in codings(project) if (item[0], item[2], item[3]) not in seen]
    chosen = sorted(random.Random(seed).sample(range(len(items)), min(n, len(items))))
    print(f"# {len(chosen)} of {len(items)} value codings, seed {seed}"
          + (f", leaving out those in {', '.join(judged)}" if judged else ""))
    print("# number\tjudgement\ttranscript\tcode\tsentence\texplanation\tnote")
    for k, i in enumerate(chosen, 1):
        title, _, code, sentence, why = items[i]
        print(f"{k}\t?\t{title}\t{code}\t{sentence}\t{why}\t")


def count(paths):
    totals = collections.Counter()
    per_file = collections.defaultdict(collections.Counter)
    for path, number, fields in read_judged(paths):
        judgement = fields[1]
        if judgement not in JUDGEMENTS:
            sys.exit(f"{path}, line {number}: judgement \"{judgement}\" is not one of {', '.join(JUDGEMENTS)}")
        totals[judgement] += 1
        per_file[path][judgement] += 1

    def line(name, c):
        n = sum(c.values())
        pct = lambda k: f"{100 * k / n:.0f}%" if n else "-"
        return (f"{name}: {n} judged; right {c['right']} ({pct(c['right'])}), partly {c['partly']}, "
                f"wrong {c['wrong']}; right or partly {pct(c['right'] + c['partly'])}")

    for path in paths:
        print(line(path, per_file[path]))
    if len(paths) > 1:
        print(line("all", totals))


def main():
    args = sys.argv[1:]
    if len(args) >= 4 and args[0] == "draw":
        draw(args[1], int(args[2]), int(args[3]), args[4:])
    elif len(args) >= 2 and args[0] == "count":
        count(args[1:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
