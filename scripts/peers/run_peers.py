#!/usr/bin/env python3
"""Times the peers of Hark's plugins on the input `hark-dev bench --peers` wrote.

VADER's SentimentIntensityAnalyzer.polarity_scores runs on every line of the
sentences file (the sentences Hark's sentiment plugin scored), and YAKE's
KeywordExtractor.extract_keywords (default settings) on the "text" of every
line of the documents file (the participant text the themes plugin read).

Only the analysing calls are timed, as CPU time of this process and as wall
time: not the interpreter's start, the imports, building the analysers or
reading the files. Run it through scripts/bench-peers.sh, which makes the
virtual environment and keeps numeric libraries to one thread.
"""

import argparse
import json
import re
import sys
import time
from importlib import metadata

# Hark's word rule (WordCount): runs of letters or digits, with apostrophes inside.
WORD = re.compile(r"[^\W_](?:[^\W_]|['\u2019])*")


def count_words(text):
    return len(WORD.findall(text))


def progress(message):
    print(f"peers: {message}", file=sys.stderr, flush=True)


def time_vader(path, known_words):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    cpu = wall = 0.0
    sentences = words = 0
    with open(path, encoding="utf-8") as lines:
        while True:
            # Read about a megabyte of sentences, then time the calls on them.
            batch = [line.rstrip("\n") for line in lines.readlines(1 << 20)]
            if not batch:
                break
            if known_words is None:
                words += sum(count_words(sentence) for sentence in batch)
            cpu_start, wall_start = time.process_time(), time.perf_counter()
            for sentence in batch:
                analyzer.polarity_scores(sentence)
            cpu += time.process_time() - cpu_start
            wall += time.perf_counter() - wall_start
            sentences += len(batch)
            progress(f"VADER: {sentences} sentences, {cpu:.1f} s")
    return {
        "items": sentences,
        "words": known_words if known_words is not None else words,
        "cpu_seconds": cpu,
        "seconds": wall,
    }


def time_yake(path):
    import yake

    extractor = yake.KeywordExtractor()
    cpu = wall = 0.0
    documents = words = 0
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            document = json.loads(line)
            text = document["text"]
            words += document["words"] if "words" in document else count_words(text)
            cpu_start, wall_start = time.process_time(), time.perf_counter()
            extractor.extract_keywords(text)
            cpu += time.process_time() - cpu_start
            wall += time.perf_counter() - wall_start
            documents += 1
            if documents % 10 == 0:
                progress(f"YAKE: {documents} documents, {cpu:.1f} s")
    return {"items": documents, "words": words, "cpu_seconds": cpu, "seconds": wall}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", required=True, help="one sentence a line (UTF-8)")
    parser.add_argument(
        "--sentence-words", type=int, help="words in the sentences as Hark counts them (default: counted here)"
    )
    parser.add_argument("--documents", required=True, help='JSON lines {"id", "words", "text"}')
    parser.add_argument("--output", help="also write the figures to this JSON file")
    args = parser.parse_args()

    figures = {
        "python": sys.version.split()[0],
        "vader_version": metadata.version("vaderSentiment"),
        "yake_version": metadata.version("yake"),
        "vader": time_vader(args.sentences, args.sentence_words),
        "yake": time_yake(args.documents),
    }
    text = json.dumps(figures, sort_keys=True)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
