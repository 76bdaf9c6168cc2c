#!/usr/bin/env python3
"""Draws a random sample of a project's suggestions for reading by hand.

    scripts/sample-suggestions.py values PROJECT.sqlite N SEED
    scripts/sample-suggestions.py links  PROJECT.sqlite N SEED

"values": N of the Values plugin's codings, each with its sentence and why.
"links": N link quotes (cause -> effect | sign | quote). The same project,
N and seed always give the same sample, so a judged sample can be checked.
Standard library only.
"""
import random
import sqlite3
import sys


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("values", "links"):
        sys.exit(__doc__)
    kind, path, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    if kind == "values":
        rows = db.execute(
            """SELECT d.title, code.name, co.start, co."end", co.explanation, d.text
               FROM coding co JOIN analysis a ON a.id = co.analysis_id JOIN code ON code.id = co.code_id
               JOIN document d ON d.id = co.document_id
               WHERE a.plugin_id = 'org.hark.values' ORDER BY co.id""").fetchall()
        lines = [
            f"[{title.split('_')[0]}] **{code}** — “{text[start:end].replace(chr(10), ' ')[:400]}”\n"
            f"   why: {why[:300]}\n"
            for title, code, start, end, why, text in rows]
    else:
        rows = db.execute(
            """SELECT c1.label, c2.label, e.polarity, e.start, e."end", d.text
               FROM evidence e JOIN link l ON l.id = e.link_id JOIN concept c1 ON c1.id = l.cause_id
               JOIN concept c2 ON c2.id = l.effect_id JOIN document d ON d.id = e.document_id
               ORDER BY e.id""").fetchall()
        lines = [
            f"{cause} -> {effect} | {sign} | {text[start:end].replace(chr(10), ' ')[:160]}"
            for cause, effect, sign, start, end, text in rows]
    print(f"{len(lines)} {kind} in all", file=sys.stderr)
    random.seed(seed)
    for k, i in enumerate(sorted(random.sample(range(len(lines)), min(n, len(lines)))), 1):
        print(f"{k}. {lines[i]}")


if __name__ == "__main__":
    main()
