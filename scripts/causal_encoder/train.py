"""Fine-tuning, threshold choice, evaluation and export."""

import json
import os
import random
import tempfile
import time

import numpy as np
import torch
from torch import nn

from .bert import TAGS
from .tokenizer import MAX_TOKENS, Tokenizer
from .data import HELD_OUT_BECAUSE, because_examples, bio, cnc_examples, cnc_spans, gold_examples
from .export import export

SEED = 13
EPOCHS = 4
BATCH = 16
LR = 6e-5
HEAD_LR = 1e-3
WARMUP = 0.06
GOLD_COPIES = 3  # interview examples are seen this many times per epoch
GOLD_WEIGHT = 2.0  # and weigh this much in the loss
TAG_WEIGHT = 1.0
FROZEN_LAYERS = 2
FILLER_SHARE = 0.25  # news examples that get spoken fillers inserted
VALIDATION_SHARE = 0.1
TAG_ID = {t: i for i, t in enumerate(TAGS)}


FILLERS = [["um,"], ["uh,"], ["like,"], ["you", "know,"], ["i", "mean,"], ["sort", "of"], ["kind", "of"], ["basically,"], ["so,"], ["yeah,"]]


def with_fillers(example, rng):
    """A news example made a little more like talk: one or two spoken fillers
    inserted between words, never inside a cause, effect or signal span."""
    source, words, label, tags = example
    words, tags = list(words), (list(tags) if tags is not None else None)
    for _ in range(rng.choice((1, 2))):
        spots = [i for i in range(len(words) + 1) if tags is None or i == len(words) or not tags[i].startswith("I-")]
        i = rng.choice(spots)
        filler = rng.choice(FILLERS)
        words[i:i] = filler
        if tags is not None:
            tags[i:i] = ["O"] * len(filler)
    return (source, words, label, tags)


def encode(tokenizer, example):
    source, words, label, tags = example
    pieces, ids, first = tokenizer.encode_words(words, MAX_TOKENS)
    tag_ids = [-100] * len(ids)
    if tags is not None:
        for k, f in enumerate(first):
            if f is not None:
                tag_ids[f] = TAG_ID[tags[k]]
    return {"ids": ids, "tags": tag_ids, "label": label, "weight": GOLD_WEIGHT if source == "gold" else 1.0}


def batches(items, size, rng):
    """Length-bucketed batches in a seeded random order (less padding)."""
    order = sorted(range(len(items)), key=lambda i: (len(items[i]["ids"]), rng.random()))
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(groups)
    for g in groups:
        yield collate([items[i] for i in g])


def collate(items):
    t = max(len(x["ids"]) for x in items)
    ids = torch.zeros(len(items), t, dtype=torch.long)
    mask = torch.zeros(len(items), t, dtype=torch.long)
    tags = torch.full((len(items), t), -100, dtype=torch.long)
    for i, x in enumerate(items):
        n = len(x["ids"])
        ids[i, :n] = torch.tensor(x["ids"])
        mask[i, :n] = 1
        tags[i, :n] = torch.tensor(x["tags"])
    labels = torch.tensor([x["label"] for x in items])
    weights = torch.tensor([x["weight"] for x in items])
    return ids, mask, tags, labels, weights


def predict(model, items, size=64):
    """(causal probabilities, per-item tag argmax lists)."""
    model.eval()
    probs, tags = [], []
    order = sorted(range(len(items)), key=lambda i: len(items[i]["ids"]))
    out_p, out_t = [None] * len(items), [None] * len(items)
    with torch.no_grad():
        for k in range(0, len(order), size):
            idx = order[k : k + size]
            ids, mask, _, _, _ = collate([items[i] for i in idx])
            sent, tag = model(ids, mask)
            p = torch.softmax(sent, -1)[:, 1]
            a = tag.argmax(-1)
            for j, i in enumerate(idx):
                out_p[i] = p[j].item()
                out_t[i] = a[j, : len(items[i]["ids"])].tolist()
    del probs, tags
    return out_p, out_t


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def sentence_scores(probs, labels, threshold):
    tp = sum(1 for p, y in zip(probs, labels) if p >= threshold and y == 1)
    fp = sum(1 for p, y in zip(probs, labels) if p >= threshold and y == 0)
    fn = sum(1 for p, y in zip(probs, labels) if p < threshold and y == 1)
    return f1(tp, fp, fn)


def choose_threshold(probs, labels):
    best = (0.5, -1.0)
    for t in np.arange(0.05, 0.951, 0.01):
        score = sentence_scores(probs, labels, t)[2]
        if score > best[1] + 1e-12:
            best = (float(t), score)
    return best


def word_tags(tokenizer, words, tag_argmax):
    _, _, first = tokenizer.encode_words(words, MAX_TOKENS)
    return [TAGS[tag_argmax[f]] if f is not None else "O" for f in first]


def spans(tags):
    """{(type, start, end)} spans from word tags: B-X starts a span, I-X
    continues one of the same type, I-X after anything else starts one."""
    out, current = set(), None
    for i, tag in enumerate(tags + ["O"]):
        kind = tag[2:] if tag != "O" else None
        if current and (kind != current[0] or tag.startswith("B-")):
            out.add((current[0], current[1], i))
            current = None
        if kind and current is None:
            current = (kind, i)
    return out


def span_scores(tokenizer, model, root):
    """CNC dev subtask 2, on every dev sentence that has relations. Predicted
    spans come from the word tags (spans() above); a span is right when its
    type, first and last word equal a gold span's (exact match).

    - best relation (the headline): each sentence is scored against the one
      gold relation that shares the most exact spans with the prediction
      (first such relation on a tie); precision = matched spans / predicted
      spans, recall = matched spans / that relation's spans; pooled over
      sentences and over cause, effect and signal.
    - union: the same against the union of all the sentence's relations.
    - word F1: words labelled with the right type, against the best relation.
    """
    path = os.path.join(root, "third_party", "causal-news-corpus", "dev_subtask2.csv")
    gold = cnc_spans(path)
    examples = [("cnc", words, 1, None) for words, _ in gold.values()]
    items = [encode(tokenizer, e) for e in examples]
    _, argmax = predict(model, items)
    best_counts = {k: [0, 0, 0] for k in ("CAUSE", "EFFECT", "SIGNAL")}
    union_counts = [0, 0, 0]
    word_counts = [0, 0, 0]
    for (words, relations), am in zip(gold.values(), argmax):
        predicted = spans(word_tags(tokenizer, words, am))
        per_relation = [spans(bio(types)) for types in relations]
        chosen = max(per_relation, key=lambda g: len(predicted & g))
        for kind, c in best_counts.items():
            p = {x for x in predicted if x[0] == kind}
            g = {x for x in chosen if x[0] == kind}
            c[0] += len(p & g)
            c[1] += len(p - g)
            c[2] += len(g - p)
        union = set().union(*per_relation)
        union_counts[0] += len(predicted & union)
        union_counts[1] += len(predicted - union)
        union_counts[2] += len(union - predicted)
        pw = {(k, i) for k, a, b in predicted for i in range(a, b)}
        gw = {(k, i) for k, a, b in chosen for i in range(a, b)}
        word_counts[0] += len(pw & gw)
        word_counts[1] += len(pw - gw)
        word_counts[2] += len(gw - pw)
    pooled = [sum(c[i] for c in best_counts.values()) for i in range(3)]
    return {
        "sentences": len(gold),
        "best_relation_span_f1": f1(*pooled)[2],
        "best_relation_precision_recall": [round(x, 4) for x in f1(*pooled)[:2]],
        "per_type_f1": {k: round(f1(*c)[2], 4) for k, c in best_counts.items()},
        "union_span_f1": f1(*union_counts)[2],
        "word_f1": f1(*word_counts)[2],
    }


def evaluate(model, tokenizer, root, threshold):
    dev = [encode(tokenizer, e) for e in cnc_examples(root, "dev")]
    probs, _ = predict(model, dev)
    cnc = sentence_scores(probs, [x["label"] for x in dev], threshold)
    held = [encode(tokenizer, e) for e in because_examples(root, held_out=True)]
    probs_b, _ = predict(model, held)
    bec = sentence_scores(probs_b, [x["label"] for x in held], threshold)
    s2 = span_scores(tokenizer, model, root)
    return {
        "cnc_dev_subtask1": {"precision": cnc[0], "recall": cnc[1], "f1": cnc[2], "sentences": len(dev)},
        "cnc_dev_subtask2": s2,
        "because_held_out": {"precision": bec[0], "recall": bec[1], "f1": bec[2], "sentences": len(held), "documents": HELD_OUT_BECAUSE},
    }


def run(model, pretrained, out_dir, started, root):
    rng = random.Random(SEED)
    torch.manual_seed(SEED)
    tokenizer = Tokenizer(os.path.join(pretrained, "vocab.txt"))
    report = []
    sources = {
        "cnc": cnc_examples(root, "train"),
        "because": because_examples(root, held_out=False),
        "gold": gold_examples(root, report),
    }
    for line in report:
        print("data:", line)
    train, val = [], []
    for name, examples in sources.items():
        examples = list(examples)
        rng.shuffle(examples)
        n_val = int(round(len(examples) * VALIDATION_SHARE))
        val += examples[:n_val]
        train += examples[n_val:]
        print(f"data: {name}: {len(examples)} examples ({sum(e[2] for e in examples)} causal), {n_val} kept for the threshold")
    train = [with_fillers(e, rng) if e[0] != "gold" and rng.random() < FILLER_SHARE else e for e in train]
    train_items = []
    for e in train:
        copies = GOLD_COPIES if e[0] == "gold" else 1
        train_items += [encode(tokenizer, e)] * copies
    val_items = [encode(tokenizer, e) for e in val]

    # Frozen: the embeddings (words unseen in training stay where pretraining
    # put them, which matters for interview vocabulary) and the lowest
    # FROZEN_LAYERS layers (less compute, and general features kept).
    for module in [model.word, model.pos, model.token_type, model.ln] + list(model.layers[:FROZEN_LAYERS]):
        for p in module.parameters():
            p.requires_grad_(False)
    heads = list(model.sentence.parameters()) + list(model.tags.parameters())
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith(("sentence.", "tags."))]
    opt = torch.optim.AdamW([{"params": body, "lr": LR}, {"params": heads, "lr": HEAD_LR}], weight_decay=0.01)
    steps = EPOCHS * ((len(train_items) + BATCH - 1) // BATCH)
    warm = int(steps * WARMUP)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: (s + 1) / warm if s < warm else max(0.0, (steps - s) / (steps - warm)))
    ce_sent = nn.CrossEntropyLoss(reduction="none")
    ce_tag = nn.CrossEntropyLoss(reduction="none", ignore_index=-100)
    step = 0
    print(f"train: {len(train_items)} items a epoch, {EPOCHS} epochs, batch {BATCH}, {steps} steps")
    for epoch in range(EPOCHS):
        model.train()
        total, n = 0.0, 0
        for ids, mask, tags, labels, weights in batches(train_items, BATCH, rng):
            sent, tag = model(ids, mask)
            loss_s = (ce_sent(sent, labels) * weights).sum() / weights.sum()
            per_tok = ce_tag(tag.reshape(-1, len(TAGS)), tags.reshape(-1)).view(tags.shape)
            tok_w = (tags != -100).float() * weights[:, None]
            loss_t = (per_tok * tok_w).sum() / tok_w.sum().clamp(min=1.0)
            loss = loss_s + TAG_WEIGHT * loss_t
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            total += loss.item()
            n += 1
            if step % 50 == 0:
                print(f"train: epoch {epoch + 1} step {step}/{steps} loss {total / n:.4f} ({time.time() - started:.0f} s)", flush=True)
        print(f"train: epoch {epoch + 1} done, mean loss {total / max(1, n):.4f} ({time.time() - started:.0f} s)", flush=True)

    checkpoint = os.path.join(tempfile.gettempdir(), "hark-causal-encoder-float32.pt")
    torch.save(model.state_dict(), checkpoint)
    print(f"train: float32 weights saved in {checkpoint}")
    probs, _ = predict(model, val_items)
    threshold, val_f1 = choose_threshold(probs, [x["label"] for x in val_items])
    print(f"threshold: {threshold:.2f} (validation slice F1 {val_f1:.4f}, {len(val_items)} sentences)")
    float_scores = evaluate(model, tokenizer, root, threshold)
    training_seconds = time.time() - started
    deq = export(model, os.path.join(pretrained, "vocab.txt"), out_dir, threshold, {"trained": "true", "seed": str(SEED)})
    int8_scores = evaluate(deq, tokenizer, root, threshold)
    vp, _ = predict(deq, val_items)
    summary = {
        "threshold": threshold,
        "validation_f1_float": val_f1,
        "validation_f1_int8": sentence_scores(vp, [x["label"] for x in val_items], threshold)[2],
        "int8": int8_scores,
        "float32": float_scores,
        "training_seconds": round(training_seconds),
        "examples": {k: len(v) for k, v in sources.items()},
        "hyper_parameters": {"epochs": EPOCHS, "batch": BATCH, "lr": LR, "head_lr": HEAD_LR, "warmup": WARMUP, "gold_copies": GOLD_COPIES, "gold_weight": GOLD_WEIGHT, "filler_share": FILLER_SHARE, "max_tokens": MAX_TOKENS, "seed": SEED, "frozen": f"embeddings and layers 0-{FROZEN_LAYERS - 1}"},
    }
    with open(os.path.join(out_dir, "scores.json"), "w") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")
    print(json.dumps(summary, indent=2))
