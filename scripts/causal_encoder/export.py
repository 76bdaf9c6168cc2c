"""Writes the model directory: encoder.safetensors, vocab.txt, SHA256SUMS and
reference.jsonl (the parity cases the Swift plugin tests against)."""

import hashlib
import json
import os
import shutil

import torch

from .bert import TAGS, model_from_export, quantise, read_safetensors, write_safetensors
from .tokenizer import MAX_TOKENS, Tokenizer

# Varied cases for the Swift side's parity test: interview talk, news, non-causal
# text, accents, curly quotes, control characters, and one longer than
# MAX_TOKENS pieces.
REFERENCE_SENTENCES = [
    "Because she wasn't in a rush, I came back the next Tuesday.",
    "The tablets stopped me going under, to be honest.",
    "If it wasn't for that first cup of tea I wouldn't have had any way in.",
    "Police fired tear gas to disperse the protesters, leaving three injured.",
    "The crops failed due to the drought.",
    "We lived on a corner near the old café in Zürich.",
    "She said \u201cthe waiting list was fourteen months\u201d and I just went back to bed \u2014 honestly.",
    "Na\u00efve r\u00e9sum\u00e9s, co\u00f6perate fa\u00e7ades\tand\u00a0\u00c5ngstr\u00f6m units.",
    "What time did the meeting start on Thursday?\u200b\x07",
    "Workers went on strike over unpaid wages, and the factory closed as a result.",
    "I'm a bit nervous \u2018cause it's my first time, 100% sure.",
    " ".join(
        [
            "We moved out to the farm when I was seven and my father worked the land every day of the week,"
            " and because the rain never came that year the wheat failed and we had to sell the horses,"
            " which meant my brothers left school early to find work in the city, and my mother, who had"
            " always kept the books, took in sewing so that we could keep the house; looking back I think"
            " the drought shaped everything that happened to us afterwards, every single thing, even the"
            " way we talk about money now, decades later, at the kitchen table on Sunday afternoons, when"
            " my sister's children come round and ask why grandad never trusted the bank, and we tell them"
            " about the auction, the debts, and the long drive to the coast that winter."
        ]
    ),
]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def predict(model, tokenizer, text):
    words, pieces, ids, first = tokenizer.encode(text)
    with torch.no_grad():
        ids_t = torch.tensor([ids])
        sent, tags = model(ids_t, torch.ones_like(ids_t))
    prob = torch.softmax(sent[0], dim=-1)[1].item()
    tag_logits = tags[0]
    word_tags = []
    for f in first:
        if f is None:
            continue
        word_tags.append(TAGS[int(tag_logits[f].argmax())])
    return words, pieces, ids, prob, tag_logits.tolist(), word_tags


def write_reference(model, tokenizer, path):
    with open(path, "w", encoding="utf-8") as out:
        for text in REFERENCE_SENTENCES:
            words, pieces, ids, prob, logits, word_tags = predict(model, tokenizer, text)
            row = {
                "text": text,
                "tokens": pieces,
                "ids": ids,
                "causal_probability": round(prob, 6),
                "tag_logits": [[round(v, 5) for v in tok] for tok in logits],
                "word_tags": word_tags,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def export(model, vocab_src, out_dir, threshold, extra_metadata=None):
    """Quantises the model, writes the directory, and returns the model
    rebuilt from the dequantised file (what every reported score uses)."""
    os.makedirs(out_dir, exist_ok=True)
    weights = os.path.join(out_dir, "encoder.safetensors")
    vocab = os.path.join(out_dir, "vocab.txt")
    if os.path.abspath(vocab_src) != os.path.abspath(vocab):
        shutil.copyfile(vocab_src, vocab)
    metadata = {
        "format": "hark-encoder-1",
        "tags": ",".join(TAGS),
        "max_tokens": str(MAX_TOKENS),
        "threshold": f"{threshold:.4f}",
        "lowercase": "true",
        "strip_accents": "true",
    }
    metadata.update(extra_metadata or {})
    write_safetensors(weights, quantise(model), metadata)
    tensors, _ = read_safetensors(weights)
    deq = model_from_export(tensors)
    tokenizer = Tokenizer(vocab)
    write_reference(deq, tokenizer, os.path.join(out_dir, "reference.jsonl"))
    with open(os.path.join(out_dir, "SHA256SUMS"), "w") as f:
        f.write(f"{sha256(weights)}  encoder.safetensors\n{sha256(vocab)}  vocab.txt\n")
    return deq
