#!/usr/bin/env python3
"""Checks a Hark JSON export: every evidence quote equals the document text
between start and end counted in code points, and the required keys exist."""
import json
import sys

path = sys.argv[1]
data = json.load(open(path, encoding="utf-8"))
for key in ["documents", "participants", "codings", "concepts", "links"]:
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
for c in data["codings"]:
    assert 0 <= c["start"] <= c["end"] <= len(texts[c["document"]]), c
if checked == 0:
    sys.exit(f"{path}: no evidence quotes to check")
print(f"{path}: {len(data['documents'])} documents, {len(data['links'])} links, {checked} quotes match their offsets")
