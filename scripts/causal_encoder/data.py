"""Training and evaluation examples from the repository's data.

An example is (source, words, label, tags): the normalised words of one text
(bert.words_of), the sentence label (1 causal, 0 not) and a tag name per word,
or None where the source has no span annotation for a causal sentence.

Sources:
- Causal News Corpus v2 (third_party/causal-news-corpus): train_subtask1
  sentence labels joined with train_subtask2 spans; the dev files only for
  the reported scores.
- BECAUSE 2.1 MASC (third_party/because-masc): sentences of each document,
  causal when a Consequence, Motivation or Purpose connective lies in them;
  documents split by name (HELD_OUT_BECAUSE are never trained on).
- Hark's gold TUNING transcripts (corpora/gold/*.gold with split: tuning):
  every `link:` gives a causal example with its cause and effect quotes;
  the transcript's other sentences are non-causal examples.
"""

import csv
import glob
import os
import re

from .tokenizer import word_spans

HELD_OUT_BECAUSE = ["20000410_nyt-NEW", "ArticleIP_1060", "Article247_3500", "wsj_0120", "wsj_2465"]

CAUSE, EFFECT, SIGNAL = "CAUSE", "EFFECT", "SIGNAL"


class DataError(Exception):
    pass


def bio(word_types):
    """Tag names from per-word (type, span id) pairs (None for outside)."""
    tags, previous = [], None
    for item in word_types:
        if item is None:
            tags.append("O")
        else:
            tags.append(("I-" if item == previous else "B-") + item[0])
        previous = item
    return tags


def words_with_types(text, char_types):
    """Carries per-character (type, span id) labels to the words of text:
    a word takes the label of its first labelled character."""
    words, types = [], []
    for start, end, word in word_spans(text):
        label = next((char_types[i] for i in range(start, end) if char_types[i] is not None), None)
        words.append(word)
        types.append(label)
    return words, types


# ------------------------------------------------------------ Causal News


_MARK = re.compile(r"</?(ARG0|ARG1|SIG\d+)>")


def parse_cnc_markup(marked, relation):
    """(plain text, per-character (type, span id)) from CNC text_w_pairs.
    A signal inside a cause or effect span wins its characters."""
    plain, labels, open_tags = [], [], []
    pos = 0
    for m in _MARK.finditer(marked):
        for ch in marked[pos : m.start()]:
            plain.append(ch)
            labels.append(_cnc_label(open_tags, relation))
        tag = m.group(1)
        if m.group(0).startswith("</"):
            if tag in open_tags:
                open_tags.remove(tag)
        else:
            open_tags.append(tag)
        pos = m.end()
    for ch in marked[pos:]:
        plain.append(ch)
        labels.append(_cnc_label(open_tags, relation))
    return "".join(plain), labels


def _cnc_label(open_tags, relation):
    for tag in open_tags:
        if tag.startswith("SIG"):
            return (SIGNAL, f"{relation}{tag}")
    for tag in open_tags:
        if tag == "ARG0":
            return (CAUSE, f"{relation}ARG0")
        if tag == "ARG1":
            return (EFFECT, f"{relation}ARG1")
    return None


def _read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def cnc_spans(path):
    """{text: (words, [relation word types...])} from a subtask2 file."""
    out = {}
    for line, row in enumerate(_read_csv(path), start=2):
        plain, labels = parse_cnc_markup(row["text_w_pairs"], row["eg_id"])
        if " ".join(plain.split()) != " ".join(row["text"].split()):
            raise DataError(f"{path}:{line}: text_w_pairs without its markup differs from text; fix the row")
        words, types = words_with_types(plain, labels)
        entry = out.setdefault(row["text"], (words, []))
        entry[1].append(types)
    return out


def merge_relations(relations):
    """One tag sequence from several relations: the first relation, plus each
    later relation that shares no word with what is already labelled (an
    overlapping relation cannot be written in one tag sequence)."""
    merged = list(relations[0])
    for types in relations[1:]:
        if all(item is None or merged[i] is None for i, item in enumerate(types)):
            merged = [m if m is not None else t for m, t in zip(merged, types)]
    return bio(merged)


def cnc_examples(root, part):
    """Examples from train or dev: sentence labels from subtask1, tags from
    subtask2 (non-causal sentences: all O)."""
    folder = os.path.join(root, "third_party", "causal-news-corpus")
    spans = cnc_spans(os.path.join(folder, f"{part}_subtask2.csv"))
    examples = []
    for line, row in enumerate(_read_csv(os.path.join(folder, f"{part}_subtask1.csv")), start=2):
        label = int(row["label"])
        words = [w for _, _, w in word_spans(row["text"])]
        tags = None
        if label == 0:
            tags = ["O"] * len(words)
        elif row["text"] in spans:
            span_words, relations = spans[row["text"]]
            if span_words == words:
                tags = merge_relations(relations)
        examples.append(("cnc", words, label, tags))
    return examples


# ----------------------------------------------------------------- BECAUSE

_ABBREV = {"mr", "mrs", "ms", "dr", "inc", "co", "corp", "ltd", "jr", "sr", "st", "vs", "gen", "sen", "rep", "gov", "no", "u.s", "mt", "prof", "jan", "feb", "aug", "sept", "oct", "nov", "dec"}


def split_sentences(text, line_breaks=True):
    """[(start, end)] character ranges of sentences: blocks split at line
    breaks (or, with line_breaks=False, at blank lines only: hard-wrapped
    text), then at . ! ? (with closing quotes or brackets) followed by space
    and an upper-case letter, a quote or a digit, unless the word before the
    stop is a known abbreviation or a single letter."""
    out = []
    for m in re.finditer(r"[^\n]+" if line_breaks else r"\S(?:.|\n(?!\s*\n))*", text):
        start = m.start()
        line = m.group(0)
        for stop in re.finditer(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[A-Z\"'\u201c\u2018(0-9])", line):
            before = re.search(r"([A-Za-z.]+)[.!?]$", line[: stop.start() + 1])
            word = before.group(1).lower().rstrip(".") if before else ""
            if word in _ABBREV or len(word) == 1:
                continue
            end = m.start() + stop.end()
            if text[start:end].strip():
                out.append((start, end))
            start = end
        if text[start : m.end()].strip():
            out.append((start, m.end()))
    return out


def read_brat(ann_path):
    """(text-bound spans {id: (type, [(b, e)...])}, events [(type, {role: id})])."""
    spans, events = {}, []
    with open(ann_path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            line = line.rstrip("\n")
            if line.startswith("T"):
                try:
                    ident, middle, _ = line.split("\t", 2)
                    kind, ranges = middle.split(" ", 1)
                    pieces = [tuple(int(x) for x in r.split()) for r in ranges.split(";")]
                except ValueError as e:
                    raise DataError(f"{ann_path}:{line_no}: cannot read the text-bound annotation ({e}); fix the line") from e
                spans[ident] = (kind, pieces)
            elif line.startswith("E"):
                _, body = line.split("\t", 1)
                parts = body.split()
                kind, trigger = parts[0].split(":")
                roles = {"trigger": trigger}
                for p in parts[1:]:
                    role, ref = p.split(":")
                    roles[role] = ref
                events.append((kind, roles))
    return spans, events


CAUSAL_KINDS = ("Consequence", "Motivation", "Purpose")


def because_examples(root, held_out):
    """Sentences of the BECAUSE documents: held_out=True gives the held-out
    documents, False the others."""
    folder = os.path.join(root, "third_party", "because-masc")
    examples = []
    for txt in sorted(glob.glob(os.path.join(folder, "*.txt"))):
        name = os.path.basename(txt)[:-4]
        if (name in HELD_OUT_BECAUSE) != held_out:
            continue
        with open(txt, encoding="utf-8") as f:
            text = f.read()
        spans, events = read_brat(txt[:-4] + ".ann")
        char_types = [None] * len(text)
        causal_chars = set()
        for n, (kind, roles) in enumerate(events):
            if kind not in CAUSAL_KINDS:
                continue
            for b, e in spans[roles["trigger"]][1]:
                causal_chars.add(b)
            for role, kind_name in (("Cause", CAUSE), ("Effect", EFFECT), ("trigger", SIGNAL)):
                ref = roles.get(role)
                if ref is None:
                    continue
                for b, e in spans[ref][1]:
                    for i in range(b, e):
                        if kind_name == SIGNAL or char_types[i] is None:
                            char_types[i] = (kind_name, f"{n}{role}")
        for start, end in split_sentences(text, line_breaks=False):
            causal = any(start <= c < end for c in causal_chars)
            words, types = words_with_types(text[start:end], char_types[start:end])
            if not words:
                continue
            if not causal:
                types = [None] * len(words)
            examples.append(("because", words, int(causal), bio(types)))
    return examples


# ------------------------------------------------------- gold transcripts

_TIMING = re.compile(r"^\d\d:\d\d[:\d.,]* --> ")
_STAMP = re.compile(r"\[\d\d:\d\d(:\d\d)?\]\s*")
_SPEAKER = re.compile(r"^(\*\*)?([A-Z][A-Za-z .'-]{0,30}):(\*\*)?\s+")


def transcript_text(path):
    """The transcript as one text of speaker turns (timings, cue numbers,
    speaker labels and Markdown headings removed), one turn per line."""
    with open(path, encoding="utf-8-sig") as f:
        lines = f.read().replace("\r\n", "\n").split("\n")
    turns, speaker = [], None
    for line in lines:
        line = line.strip()
        if not line or line == "WEBVTT" or line.isdigit() or _TIMING.match(line) or line.startswith("#"):
            continue
        line = _STAMP.sub("", line)
        m = _SPEAKER.match(line)
        if m:
            name = m.group(2).lower()
            line = line[m.end() :]
            if name != speaker or not turns:
                turns.append(line)
                speaker = name
                continue
        if turns:
            turns[-1] += " " + line
        else:
            turns.append(line)
    return "\n".join(" ".join(t.split()) for t in turns)


def parse_gold(path):
    """(transcript name, split, links [(cause, effect, in, line)])."""
    transcript, split, links = None, None, []
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            line = line.strip()
            if line.startswith("transcript:"):
                transcript = line.split(":", 1)[1].strip()
            elif line.startswith("split:"):
                split = line.split(":", 1)[1].strip()
            elif line.startswith("link:"):
                fields = {}
                for part in line.split(" | ")[1:]:
                    key, _, value = part.partition(": ")
                    fields[key.strip()] = re.sub(r" @\d+$", "", value.strip())
                if "cause" not in fields or "effect" not in fields:
                    raise DataError(f"{path}:{line_no}: a link needs 'cause:' and 'effect:'; fix the line")
                links.append((fields["cause"], fields["effect"], fields.get("in"), line_no))
    if transcript is None or split is None:
        raise DataError(f"{path}: no 'transcript:' or 'split:' line; the gold format needs both first")
    return transcript, split, links


CUES = {
    "because", "'cause", "cause", "so", "that's", "why", "made", "make", "makes", "meant", "means", "helped",
    "help", "helps", "led", "leads", "gave", "give", "gives", "stopped", "stops", "kept", "keeps", "if", "when",
    "without", "since", "thanks", "due", "reason", "once", "cost", "after",
}
STRONG_CUES = {"because", "'cause", "cause", "without", "since", "thanks", "due", "if", "once", "after", "when"}


def _find_all(haystack, needle):
    out, i = [], haystack.find(needle)
    while i >= 0:
        out.append(i)
        i = haystack.find(needle, i + 1)
    return out


def gold_examples(root, report):
    """Examples from the tuning gold transcripts: one causal example per link
    (the sentences from the cause to the effect, at most three), and every
    sentence that holds no part of a link as a non-causal example."""
    examples = []
    for path in sorted(glob.glob(os.path.join(root, "corpora", "gold", "*.gold"))):
        transcript, split, links = parse_gold(path)
        if split != "tuning":
            continue
        text = transcript_text(os.path.join(root, "corpora", "transcripts", transcript))
        sentences = split_sentences(text)
        used = set()
        kept = 0
        for cause, effect, in_quote, line_no in links:
            best = None
            for cb in _find_all(text, cause):
                for eb in _find_all(text, effect):
                    lo, hi = min(cb, eb), max(cb + len(cause), eb + len(effect))
                    if best is None or hi - lo < best[1] - best[0]:
                        best = (lo, hi, cb, eb)
            if best is None:
                report.append(f"{path}:{line_no}: cause or effect quote not found in the reconstructed text; link skipped")
                continue
            lo, hi, cb, eb = best
            first = next(i for i, (s, e) in enumerate(sentences) if s <= lo < e or lo < s)
            last = next(i for i, (s, e) in enumerate(sentences) if s < hi <= e or hi <= s)
            if last - first > 2:
                report.append(f"{path}:{line_no}: cause and effect more than three sentences apart; link skipped")
                continue
            start, end = sentences[first][0], sentences[last][1]
            used.update(range(first, last + 1))
            char_types = [None] * (end - start)
            for b, n, kind in ((cb, len(cause), CAUSE), (eb, len(effect), EFFECT)):
                for i in range(b - start, b - start + n):
                    if char_types[i] is None:
                        char_types[i] = (kind, kind)
            words, types = words_with_types(text[start:end], char_types)
            _tag_cues(words, types)
            examples.append(("gold", words, 1, bio(types)))
            kept += 1
        for i, (s, e) in enumerate(sentences):
            if i in used:
                continue
            words = [w for _, _, w in word_spans(text[s:e])]
            if len(words) >= 3:
                examples.append(("gold", words, 0, ["O"] * len(words)))
        report.append(f"{transcript}: {kept} of {len(links)} links kept")
    return examples


def _tag_cues(words, types):
    """Marks cue words as SIGNAL: between the two spans, or up to three words
    before the earlier span (only the strong cues there)."""
    labelled = [i for i, t in enumerate(types) if t is not None]
    if not labelled:
        return
    first, last = labelled[0], labelled[-1]
    for i, word in enumerate(words):
        bare = word.strip(".,;:!?\u2014-\"")
        if types[i] is not None:
            continue
        if first < i < last and bare in CUES or first - 3 <= i < first and bare in STRONG_CUES:
            types[i] = (SIGNAL, f"cue{i}")
    for i in range(1, len(words)):
        if types[i] and types[i - 1] and types[i][0] == SIGNAL == types[i - 1][0]:
            types[i] = types[i - 1]
