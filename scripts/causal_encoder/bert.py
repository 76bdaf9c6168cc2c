"""The causal encoder: BERT tokenisation, the network, and the hark-encoder-1 file.

Everything the Swift plugin must reproduce lives here, written from the
contract in corpora/models/causal-encoder/README.md: the uncased BERT basic +
WordPiece tokeniser, the post-LayerNorm BERT encoder with a sentence head
(mean over non-padding positions) and a per-token tag head, and the int8
per-row quantised safetensors export.
"""

import json
import math
import struct

import numpy as np
import torch
from torch import nn

from .tokenizer import MAX_TOKENS, Tokenizer, normalise, word_spans, words_of  # noqa: F401

TAGS = ["O", "B-CAUSE", "I-CAUSE", "B-EFFECT", "I-EFFECT", "B-SIGNAL", "I-SIGNAL"]
HIDDEN = 384
HEADS = 12
LAYERS = 6
FFN = 1536


# ------------------------------------------------------------------ network


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.q = nn.Linear(HIDDEN, HIDDEN)
        self.k = nn.Linear(HIDDEN, HIDDEN)
        self.v = nn.Linear(HIDDEN, HIDDEN)
        self.o = nn.Linear(HIDDEN, HIDDEN)
        self.ln1 = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.ff1 = nn.Linear(HIDDEN, FFN)
        self.ff2 = nn.Linear(FFN, HIDDEN)
        self.ln2 = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.drop = nn.Dropout(0.1)

    def forward(self, x, bias):
        b, t, _ = x.shape
        d = HIDDEN // HEADS

        def split(y):
            return y.view(b, t, HEADS, d).transpose(1, 2)

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d) + bias
        att = self.drop(torch.softmax(scores, dim=-1))
        ctx = (att @ v).transpose(1, 2).reshape(b, t, HIDDEN)
        x = self.ln1(x + self.drop(self.o(ctx)))
        h = self.ff2(nn.functional.gelu(self.ff1(x)))
        return self.ln2(x + self.drop(h))


class CausalEncoder(nn.Module):
    def __init__(self, vocab_size=30522, positions=512):
        super().__init__()
        self.word = nn.Embedding(vocab_size, HIDDEN)
        self.pos = nn.Embedding(positions, HIDDEN)
        self.token_type = nn.Embedding(2, HIDDEN)
        self.ln = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
        self.sentence = nn.Linear(HIDDEN, 2)
        self.tags = nn.Linear(HIDDEN, len(TAGS))
        self.drop = nn.Dropout(0.1)

    def forward(self, ids, mask):
        """ids, mask: [B, T] (mask 1 for real tokens). Returns sentence logits
        [B, 2] and tag logits [B, T, 7]."""
        t = ids.shape[1]
        pos = torch.arange(t, device=ids.device)
        x = self.word(ids) + self.pos(pos)[None] + self.token_type.weight[0]
        x = self.drop(self.ln(x))
        bias = (1.0 - mask[:, None, None, :].float()) * -1e9
        for layer in self.layers:
            x = layer(x, bias)
        m = mask.float()[..., None]
        pooled = (x * m).sum(1) / m.sum(1)
        return self.sentence(self.drop(pooled)), self.tags(self.drop(x))


# Names in the exported file (Hugging Face BERT) for each parameter here.
def _name_map():
    names = {
        "word.weight": "embeddings.word_embeddings.weight",
        "pos.weight": "embeddings.position_embeddings.weight",
        "token_type.weight": "embeddings.token_type_embeddings.weight",
        "ln.weight": "embeddings.LayerNorm.weight",
        "ln.bias": "embeddings.LayerNorm.bias",
        "sentence.weight": "heads.sentence.weight",
        "sentence.bias": "heads.sentence.bias",
        "tags.weight": "heads.tags.weight",
        "tags.bias": "heads.tags.bias",
    }
    parts = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "o": "attention.output.dense",
        "ln1": "attention.output.LayerNorm",
        "ff1": "intermediate.dense",
        "ff2": "output.dense",
        "ln2": "output.LayerNorm",
    }
    for i in range(LAYERS):
        for ours, theirs in parts.items():
            for p in ("weight", "bias"):
                names[f"layers.{i}.{ours}.{p}"] = f"encoder.layer.{i}.{theirs}.{p}"
    return names


NAMES = _name_map()


def load_pretrained(model, path):
    """Loads the all-MiniLM-L6-v2 safetensors (Hugging Face BERT names)."""
    from safetensors.numpy import load_file

    tensors = load_file(path)
    state = model.state_dict()
    loaded = 0
    for ours, theirs in NAMES.items():
        if theirs.startswith("heads."):
            continue
        array = tensors.get(theirs)
        if array is None:
            array = tensors[theirs.replace("LayerNorm.weight", "LayerNorm.gamma").replace("LayerNorm.bias", "LayerNorm.beta")]
        assert tuple(array.shape) == tuple(state[ours].shape), (theirs, array.shape)
        state[ours] = torch.from_numpy(array.astype(np.float32))
        loaded += 1
    model.load_state_dict(state)
    return loaded


# ------------------------------------------------------------------- export


def quantise(model):
    """{exported name: numpy array}; 2-D tensors become int8 + per-row scale."""
    out = {}
    for ours, tensor in model.state_dict().items():
        name = NAMES[ours]
        w = tensor.detach().cpu().numpy().astype(np.float32)
        if w.ndim == 2:
            peak = np.abs(w).max(axis=1)
            scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
            q = np.clip(np.rint(w / scale[:, None]), -127, 127).astype(np.int8)
            out[name] = q
            out[name + ".scale"] = scale
        else:
            out[name] = w
    return out


def dequantise(tensors):
    """{exported name: float32 array} from the exported (int8) tensors."""
    out = {}
    for name, array in tensors.items():
        if name.endswith(".scale"):
            continue
        if array.dtype == np.int8:
            out[name] = array.astype(np.float32) * tensors[name + ".scale"][:, None]
        else:
            out[name] = array.astype(np.float32)
    return out


def write_safetensors(path, tensors, metadata):
    """Writes the safetensors layout by hand (8-byte LE length, JSON, data)."""
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        array = np.ascontiguousarray(tensors[name])
        dtype = {np.dtype(np.int8): "I8", np.dtype(np.float32): "F32"}[array.dtype]
        data = array.astype(array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = metadata
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    """(tensors, metadata) from a file written by write_safetensors."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, info in header.items():
        dtype = {"I8": np.dtype("<i1"), "F32": np.dtype("<f4")}[info["dtype"]]
        begin, end = info["data_offsets"]
        tensors[name] = np.frombuffer(data[begin:end], dtype=dtype).reshape(info["shape"]).astype(dtype.newbyteorder("="))
    return tensors, metadata


def model_from_export(tensors):
    """A CausalEncoder holding the dequantised exported weights."""
    floats = dequantise(tensors)
    vocab, positions = floats["embeddings.word_embeddings.weight"].shape[0], floats["embeddings.position_embeddings.weight"].shape[0]
    model = CausalEncoder(vocab, positions)
    state = {ours: torch.from_numpy(floats[theirs]) for ours, theirs in NAMES.items()}
    model.load_state_dict(state)
    model.eval()
    return model
