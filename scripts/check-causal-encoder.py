#!/usr/bin/env python3
"""Checks corpora/models/causal-encoder/ against its file contract.

    python3 scripts/check-causal-encoder.py [MODEL_DIR] [--forward]

Standard library only: SHA256SUMS matches the files; encoder.safetensors has
the hark-encoder-1 layout (header, every tensor name, shape and dtype, a
scale per int8 row, data offsets that tile the data, the metadata); every
reference.jsonl case tokenises to its tokens and ids, has 7 logits a token,
and its word_tags are the argmax of each word's first piece.

--forward (needs numpy, e.g. .venv-train/bin/python) also runs the network
from the dequantised int8 weights in numpy, written apart from the PyTorch
code that made the references, and requires every probability and logit to
agree within 1e-3.

Exits 1 with one line per problem, naming the file (and line) and what to do.
"""

import hashlib
import json
import math
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from causal_encoder.tokenizer import Tokenizer, words_of  # noqa: E402

TAGS = ["O", "B-CAUSE", "I-CAUSE", "B-EFFECT", "I-EFFECT", "B-SIGNAL", "I-SIGNAL"]
HIDDEN, LAYERS, FFN = 384, 6, 1536
REMEDY = "rerun scripts/train-causal-encoder.py (see the model card)"


def expected_shapes(vocab, positions):
    shapes = {
        "embeddings.word_embeddings.weight": [vocab, HIDDEN],
        "embeddings.position_embeddings.weight": [positions, HIDDEN],
        "embeddings.token_type_embeddings.weight": [2, HIDDEN],
        "embeddings.LayerNorm.weight": [HIDDEN],
        "embeddings.LayerNorm.bias": [HIDDEN],
        "heads.sentence.weight": [2, HIDDEN],
        "heads.sentence.bias": [2],
        "heads.tags.weight": [7, HIDDEN],
        "heads.tags.bias": [7],
    }
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        for name in ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"):
            shapes[p + name + ".weight"] = [HIDDEN, HIDDEN]
            shapes[p + name + ".bias"] = [HIDDEN]
        for name in ("attention.output.LayerNorm", "output.LayerNorm"):
            shapes[p + name + ".weight"] = [HIDDEN]
            shapes[p + name + ".bias"] = [HIDDEN]
        shapes[p + "intermediate.dense.weight"] = [FFN, HIDDEN]
        shapes[p + "intermediate.dense.bias"] = [FFN]
        shapes[p + "output.dense.weight"] = [HIDDEN, FFN]
        shapes[p + "output.dense.bias"] = [HIDDEN]
    for name, shape in list(shapes.items()):
        if len(shape) == 2:
            shapes[name + ".scale"] = [shape[0]]
    return shapes


def check_sums(directory, problems):
    path = os.path.join(directory, "SHA256SUMS")
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        problems.append(f"{path}: cannot read ({e.strerror}); {REMEDY}")
        return
    named = set()
    for n, line in enumerate(lines, start=1):
        digest, _, name = line.partition("  ")
        named.add(name)
        try:
            with open(os.path.join(directory, name), "rb") as f:
                actual = hashlib.sha256(f.read()).hexdigest()
        except OSError as e:
            problems.append(f"{path}:{n}: {name}: cannot read ({e.strerror}); {REMEDY}")
            continue
        if actual != digest:
            problems.append(f"{path}:{n}: {name} has sha256 {actual}, the line says {digest}; {REMEDY}")
    for name in ("encoder.safetensors", "vocab.txt"):
        if name not in named:
            problems.append(f"{path}: no line for {name}; {REMEDY}")


def read_header(path, problems):
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        problems.append(f"{path}: shorter than the 8-byte header length; {REMEDY}")
        return None, None, None
    n = struct.unpack("<Q", raw[:8])[0]
    if 8 + n > len(raw):
        problems.append(f"{path}: header length {n} runs past the end of the file; {REMEDY}")
        return None, None, None
    try:
        header = json.loads(raw[8 : 8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        problems.append(f"{path}: the header is not UTF-8 JSON ({e}); {REMEDY}")
        return None, None, None
    return header, raw[8 + n :], n


def check_weights(directory, problems):
    path = os.path.join(directory, "encoder.safetensors")
    header, data, _ = read_header(path, problems)
    if header is None:
        return None, None
    metadata = header.pop("__metadata__", None)
    want_meta = {
        "format": "hark-encoder-1",
        "tags": ",".join(TAGS),
        "max_tokens": "128",
        "lowercase": "true",
        "strip_accents": "true",
    }
    if not isinstance(metadata, dict):
        problems.append(f"{path}: no __metadata__ object; {REMEDY}")
        metadata = {}
    for key, value in want_meta.items():
        if metadata.get(key) != value:
            problems.append(f"{path}: __metadata__ {key} is {metadata.get(key)!r}, the contract says {value!r}; {REMEDY}")
    try:
        threshold = float(metadata.get("threshold", "x"))
        if not 0.0 < threshold < 1.0:
            raise ValueError
    except ValueError:
        problems.append(f"{path}: __metadata__ threshold {metadata.get('threshold')!r} is not a number between 0 and 1; {REMEDY}")
    word = header.get("embeddings.word_embeddings.weight", {}).get("shape", [0])
    pos = header.get("embeddings.position_embeddings.weight", {}).get("shape", [0])
    shapes = expected_shapes(word[0], pos[0])
    for name in sorted(set(shapes) - set(header)):
        problems.append(f"{path}: tensor {name} is missing; {REMEDY}")
    for name in sorted(set(header) - set(shapes)):
        problems.append(f"{path}: tensor {name} is not in the contract; {REMEDY}")
    spans = []
    for name, info in header.items():
        if name not in shapes:
            continue
        want_dtype = "I8" if len(shapes[name]) == 2 else "F32"
        if info.get("dtype") != want_dtype or info.get("shape") != shapes[name]:
            problems.append(f"{path}: {name} is {info.get('dtype')} {info.get('shape')}, the contract says {want_dtype} {shapes[name]}; {REMEDY}")
            continue
        begin, end = info["data_offsets"]
        size = math.prod(info["shape"]) * (1 if want_dtype == "I8" else 4)
        if end - begin != size:
            problems.append(f"{path}: {name} has {end - begin} bytes of data, its shape needs {size}; {REMEDY}")
        spans.append((begin, end, name))
    spans.sort()
    at = 0
    for begin, end, name in spans:
        if begin != at:
            problems.append(f"{path}: {name} starts at data byte {begin}, not {at}: the tensors must tile the data; {REMEDY}")
        at = end
    if at != len(data):
        problems.append(f"{path}: the tensors end at data byte {at}, the file has {len(data)}; {REMEDY}")
    return header, data


def check_reference(directory, problems):
    path = os.path.join(directory, "reference.jsonl")
    tokenizer = Tokenizer(os.path.join(directory, "vocab.txt"))
    cases = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            try:
                case = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"{path}:{n}: not JSON ({e}); {REMEDY}")
                continue
            words, pieces, ids, first = tokenizer.encode(case["text"])
            if pieces != case["tokens"] or ids != case["ids"]:
                problems.append(f"{path}:{n}: the text tokenises to {pieces[:6]}…, the line has {case['tokens'][:6]}…; {REMEDY}")
            logits = case["tag_logits"]
            if len(logits) != len(case["tokens"]) or any(len(row) != 7 for row in logits):
                problems.append(f"{path}:{n}: tag_logits must have 7 floats for each of the {len(case['tokens'])} tokens; {REMEDY}")
                continue
            tags = [TAGS[max(range(7), key=lambda k: logits[f][k])] for f in first if f is not None]
            if tags != case["word_tags"]:
                problems.append(f"{path}:{n}: word_tags are not the argmax of each word's first piece; {REMEDY}")
            if not 0.0 <= case["causal_probability"] <= 1.0:
                problems.append(f"{path}:{n}: causal_probability is outside 0…1; {REMEDY}")
            cases.append((n, case, words))
    if len(cases) < 10:
        problems.append(f"{path}: {len(cases)} cases; the contract asks for about 12; {REMEDY}")
    if not any(len(c["tokens"]) == 128 and len(c["text"].split()) > len(c["word_tags"]) for _, c, _ in cases):
        problems.append(f"{path}: no case is longer than max_tokens; {REMEDY}")
    return cases


def forward_check(header, data, cases, problems, path):
    import numpy as np

    def tensor(name):
        info = header[name]
        begin, end = info["data_offsets"]
        dtype = "<i1" if info["dtype"] == "I8" else "<f4"
        a = np.frombuffer(data[begin:end], dtype=dtype).reshape(info["shape"]).astype(np.float64)
        if info["dtype"] == "I8":
            a = a * tensor(name + ".scale")[:, None]
        return a

    w = {name: tensor(name) for name in header if not name.endswith(".scale")}

    def norm(x, p):
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + 1e-12) * w[p + ".weight"] + w[p + ".bias"]

    def lin(x, p):
        return x @ w[p + ".weight"].T + w[p + ".bias"]

    erf = np.vectorize(math.erf)
    for n, case, _ in cases:
        ids = case["ids"]
        t = len(ids)
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:t] + w["embeddings.token_type_embeddings.weight"][0]
        x = norm(x, "embeddings.LayerNorm")
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            q, k, v = (lin(x, p + f"attention.self.{m}").reshape(t, 12, 32).transpose(1, 0, 2) for m in ("query", "key", "value"))
            s = q @ k.transpose(0, 2, 1) / math.sqrt(32)
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(1, 0, 2).reshape(t, HIDDEN)
            x = norm(x + lin(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            h = lin(x, p + "intermediate.dense")
            h = h * 0.5 * (1 + erf(h / math.sqrt(2)))
            x = norm(x + lin(h, p + "output.dense"), p + "output.LayerNorm")
        sent = lin(x.mean(0), "heads.sentence")
        prob = 1 / (1 + math.exp(sent[0] - sent[1]))
        tags = lin(x, "heads.tags")
        worst = max(abs(prob - case["causal_probability"]), float(np.abs(tags - np.array(case["tag_logits"])).max()))
        if worst > 1e-3:
            problems.append(f"{path}:{n}: a numpy forward pass differs from the line by {worst:.2e} (more than 1e-3); {REMEDY}")


def main():
    args = [a for a in sys.argv[1:] if a != "--forward"]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    directory = args[0] if args else os.path.join(root, "corpora", "models", "causal-encoder")
    problems = []
    check_sums(directory, problems)
    header, data = check_weights(directory, problems)
    cases = check_reference(directory, problems)
    if "--forward" in sys.argv and header is not None and not problems:
        forward_check(header, data, cases, problems, os.path.join(directory, "reference.jsonl"))
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"causal encoder: {directory}: contract holds ({len(cases)} reference cases{', numpy forward pass within 1e-3' if '--forward' in sys.argv else ''})")


if __name__ == "__main__":
    main()
