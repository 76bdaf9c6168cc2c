"""Tests of the causal encoder's data readers, tokeniser and file checker.

Standard library only (no PyTorch), run by .ci/run:

    python3 -m unittest discover -s scripts/causal_encoder -p 'test_*.py'
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))

from causal_encoder.data import (  # noqa: E402
    DataError,
    because_examples,
    bio,
    cnc_examples,
    gold_examples,
    parse_cnc_markup,
    parse_gold,
    read_brat,
    split_sentences,
    words_with_types,
)
from causal_encoder.tokenizer import Tokenizer, words_of  # noqa: E402

MODEL = os.path.join(ROOT, "corpora", "models", "causal-encoder")
CHECKER = os.path.join(ROOT, "scripts", "check-causal-encoder.py")


class TokenizerTests(unittest.TestCase):
    def setUp(self):
        self.tok = Tokenizer(os.path.join(MODEL, "vocab.txt"))

    def test_accents_punctuation_and_controls_follow_the_contract(self):
        words, pieces, ids, first = self.tok.encode("Caf\u00e9\u200b \u201cNa\u00efve\u201d\u00a0r\u00e9sum\u00e9s\x07!")
        self.assertEqual(words, ["cafe", "\u201cnaive\u201d", "resumes!"])
        self.assertEqual(pieces, ["[CLS]", "cafe", "\u201c", "naive", "\u201d", "resume", "##s", "!", "[SEP]"])
        self.assertEqual(ids[0], 101)
        self.assertEqual(ids[-1], 102)
        self.assertEqual(first, [1, 2, 5])

    def test_truncation_keeps_sep_and_drops_cut_words(self):
        text = " ".join(["word"] * 200)
        words, pieces, ids, first = self.tok.encode(text)
        self.assertEqual(len(pieces), 128)
        self.assertEqual(pieces[-1], "[SEP]")
        self.assertEqual(sum(1 for f in first if f is not None), 126)
        self.assertEqual(len(words), 200)

    def test_overlong_and_uncoverable_words_become_unk(self):
        _, pieces, _, _ = self.tok.encode("a" * 101 + " \u0e01\u0e02")
        self.assertEqual(pieces, ["[CLS]", "[UNK]", "[UNK]", "[SEP]"])

    def test_words_split_only_where_cleaning_made_spaces(self):
        self.assertEqual(words_of("a\u2028b \tc"), ["a\u2028b", "c"])


class DataTests(unittest.TestCase):
    def test_cnc_markup_gives_signal_priority_and_bio_tags(self):
        plain, labels = parse_cnc_markup("<ARG1>Crowds gathered</ARG1> <ARG0><SIG0>to</SIG0> protest taxes</ARG0> .", "0")
        self.assertEqual(plain, "Crowds gathered to protest taxes .")
        words, types = words_with_types(plain, labels)
        self.assertEqual(bio(types), ["B-EFFECT", "I-EFFECT", "B-SIGNAL", "B-CAUSE", "I-CAUSE", "O"])

    def test_cnc_train_and_dev_counts(self):
        train = cnc_examples(ROOT, "train")
        dev = cnc_examples(ROOT, "dev")
        self.assertEqual((len(train), sum(e[2] for e in train)), (3075, 1624))
        self.assertEqual((len(dev), sum(e[2] for e in dev)), (340, 185))
        self.assertEqual(sum(1 for e in train if e[3] is None), 0)

    def test_because_document_split_is_disjoint_and_complete(self):
        train = because_examples(ROOT, held_out=False)
        held = because_examples(ROOT, held_out=True)
        self.assertEqual((len(train), sum(e[2] for e in train)), (467, 126))
        self.assertEqual((len(held), sum(e[2] for e in held)), (179, 52))

    def test_sentence_splitter_skips_abbreviations(self):
        text = "Mr. Bush met Sen. Smith in the U.S. Capitol. It rained. \u201cWhy?\u201d She left."
        got = [text[s:e].strip() for s, e in split_sentences(text)]
        self.assertEqual(got, ["Mr. Bush met Sen. Smith in the U.S. Capitol.", "It rained.", "\u201cWhy?\u201d", "She left."])

    def test_gold_uses_tuning_transcripts_only(self):
        report = []
        examples = gold_examples(ROOT, report)
        names = [line.split(":")[0] for line in report if "links kept" in line]
        self.assertEqual(names, ["amina-mental-health.txt", "dave-recovery.md", "marcus-homelessness-zoom.vtt", "priya-frontline-staff.srt"])
        self.assertEqual(sum(e[2] for e in examples), 141)

    def test_bad_brat_line_names_file_and_line(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "x.ann")
            with open(path, "w") as f:
                f.write("T1\tConsequence 10 15\tbecause\nT2\tArgument ten 12\tbroken\n")
            with self.assertRaisesRegex(DataError, r"x\.ann:2: cannot read the text-bound annotation"):
                read_brat(path)

    def test_gold_link_without_effect_names_file_and_line(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "x.gold")
            with open(path, "w") as f:
                f.write("transcript: x.txt\nsplit: tuning\nlink: +1 | cause: rain\n")
            with self.assertRaisesRegex(DataError, r"x\.gold:3: a link needs 'cause:' and 'effect:'"):
                parse_gold(path)

    def test_gold_without_split_is_refused(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "x.gold")
            with open(path, "w") as f:
                f.write("transcript: x.txt\n")
            with self.assertRaisesRegex(DataError, r"x\.gold: no 'transcript:' or 'split:' line"):
                parse_gold(path)


class CheckerTests(unittest.TestCase):
    """scripts/check-causal-encoder.py on the shipped files and on broken copies."""

    def run_checker(self, directory):
        return subprocess.run([sys.executable, CHECKER, directory], capture_output=True, text=True)

    def broken_copy(self):
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d)
        for name in ("encoder.safetensors", "vocab.txt", "SHA256SUMS", "reference.jsonl"):
            shutil.copy(os.path.join(MODEL, name), d)
        return d

    def test_shipped_model_holds_the_contract(self):
        result = self.run_checker(MODEL)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("contract holds (12 reference cases)", result.stdout)

    def test_changed_weights_fail_the_checksum(self):
        d = self.broken_copy()
        with open(os.path.join(d, "encoder.safetensors"), "r+b") as f:
            f.seek(-1, 2)
            byte = f.read(1)
            f.seek(-1, 2)
            f.write(bytes([byte[0] ^ 1]))
        result = self.run_checker(d)
        self.assertEqual(result.returncode, 1)
        self.assertIn("SHA256SUMS:1: encoder.safetensors has sha256", result.stderr)

    def test_wrong_reference_tokens_name_the_line(self):
        d = self.broken_copy()
        path = os.path.join(d, "reference.jsonl")
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines(True)
        lines[2] = lines[2].replace('"tokens": ["[CLS]", "', '"tokens": ["[CLS]", "x', 1)
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(lines)
        result = self.run_checker(d)
        self.assertEqual(result.returncode, 1)
        self.assertIn("reference.jsonl:3: the text tokenises to", result.stderr)

    def test_truncated_header_is_reported(self):
        d = self.broken_copy()
        with open(os.path.join(d, "encoder.safetensors"), "wb") as f:
            f.write(b"\x10\x00\x00")
        result = self.run_checker(d)
        self.assertEqual(result.returncode, 1)
        self.assertIn("encoder.safetensors: shorter than the 8-byte header length", result.stderr)


if __name__ == "__main__":
    unittest.main()
