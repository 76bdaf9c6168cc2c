#!/usr/bin/env python3
"""Checks a Hark JSON export: every evidence quote equals the document text
between start and end counted in code points, and the required keys exist."""
import json
import sys

path = sys.argv[1]
data = json.load(open(path, encoding="utf-8"))
for key in ["documents", "participants", "codings", "scores", "concepts", "links", "decisions", "panels"]:
    assert key in data, f"{path}: no '{key}'"
texts = {d["id"]: d["text"] for d in data["documents"]}
checked = 0
for link in data["links"]:
    for e in link["evidence"]:
        # Python strings index by code point, as Hark's offsets do.
        actual = texts[e["document"]][e["start"]:e["end"]]
        if actual != e["quote"]:
            sys.exit(f"{path}: link {link['id']}: quote {e['quote']!r} != text[{e['start']}:{e['end']}] {actual!r}")
        checked += 1
        # Where the plugin found the cause and the effect lies inside the quote.
        for part in ["cause", "effect"]:
            start, end = e[f"{part}_start"], e[f"{part}_end"]
            if start is not None:
                assert e["start"] <= start <= end <= e["end"], (link["id"], part, e)
for concept in data["concepts"]:
    for m in concept["found"]:
        actual = texts[m["document"]][m["start"]:m["end"]]
        if actual != m["quote"]:
            sys.exit(f"{path}: concept {concept['id']}: mention {m['quote']!r} != text[{m['start']}:{m['end']}]")
for s in data["scores"]:
    assert 0 <= s["start"] <= s["end"] <= len(texts[s["document"]]) and -1 <= s["value"] <= 1, s
for c in data["codings"]:
    assert 0 <= c["start"] <= c["end"] <= len(texts[c["document"]]), c
if checked == 0:
    sys.exit(f"{path}: no evidence quotes to check")
mentions = sum(len(c["found"]) for c in data["concepts"])
print(
    f"{path}: {len(data['documents'])} documents, {len(data['links'])} links, {checked} quotes and {mentions} "
    f"concept mentions match their offsets, {len(data['scores'])} scores"
)
