"""BERT basic + WordPiece tokenisation, uncased, as the causal encoder's file
contract states it (corpora/models/causal-encoder/README.md). Standard
library only, so the checker and the data readers run without PyTorch."""

import unicodedata

MAX_TOKENS = 128

def _is_whitespace(ch):
    if ch in (" ", "\t", "\n", "\r"):
        return True
    return unicodedata.category(ch) == "Zs"


def _is_control(ch):
    if ch in ("\t", "\n", "\r"):
        return False
    return unicodedata.category(ch) in ("Cc", "Cf")


def _is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def normalise(text):
    """Cleans control characters, lower-cases, strips accents (NFD, drops Mn)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        out.append(" " if _is_whitespace(ch) else ch)
    text = "".join(out).lower()
    text = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def words_of(text):
    """The words of the normalised text (the units word_tags name): split on the
    spaces that cleaning made, empty words dropped."""
    return [w for w in normalise(text).split(" ") if w]


def word_spans(text):
    """[(start, end, word)] for the words of words_of(text), with the raw
    character range each came from (used to carry character labels to words)."""
    spans, start = [], None
    for i, ch in enumerate(text + " "):
        if _is_whitespace(ch):
            if start is not None:
                word = normalise(text[start:i])
                if word:
                    spans.append((start, i, word))
                start = None
        elif start is None:
            start = i
    return spans


def _basic_split(word):
    pieces, current = [], []
    for ch in word:
        if _is_punctuation(ch):
            if current:
                pieces.append("".join(current))
                current = []
            pieces.append(ch)
        else:
            current.append(ch)
    if current:
        pieces.append("".join(current))
    return pieces


class Tokenizer:
    def __init__(self, vocab_path):
        with open(vocab_path, encoding="utf-8") as f:
            self.vocab = [line.rstrip("\n") for line in f]
        self.ids = {tok: i for i, tok in enumerate(self.vocab)}
        self.unk = self.ids["[UNK]"]
        self.cls = self.ids["[CLS]"]
        self.sep = self.ids["[SEP]"]
        self.pad = self.ids["[PAD]"]
        self._cache = {}

    def wordpiece(self, token):
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        if len(token) > 100:
            result = ["[UNK]"]
        else:
            result, start = [], 0
            while start < len(token):
                end, found = len(token), None
                while start < end:
                    sub = token[start:end]
                    if start > 0:
                        sub = "##" + sub
                    if sub in self.ids:
                        found = sub
                        break
                    end -= 1
                if found is None:
                    result = ["[UNK]"]
                    break
                result.append(found)
                start = end
        self._cache[token] = result
        return result

    def encode_words(self, words, max_tokens=MAX_TOKENS):
        """Pieces for already-normalised whitespace words.

        Returns (pieces, ids, first) where first[k] is the sequence index of
        word k's first piece, or None when truncation cut it off (or the word
        has no pieces)."""
        pieces, first = ["[CLS]"], []
        for w in words:
            wp = []
            for tok in _basic_split(w):
                wp.extend(self.wordpiece(tok))
            first.append(len(pieces) if wp else None)
            pieces.extend(wp)
        pieces = pieces[: max_tokens - 1] + ["[SEP]"]
        first = [f if f is not None and f < max_tokens - 1 else None for f in first]
        ids = [self.ids[p] for p in pieces]
        return pieces, ids, first

    def encode(self, text, max_tokens=MAX_TOKENS):
        words = words_of(text)
        pieces, ids, first = self.encode_words(words, max_tokens)
        return words, pieces, ids, first


