#!/usr/bin/env python3
"""Turn a plain-text interview transcript into a Word (.docx) document.

Usage:
    python make_docx.py SOURCE.txt OUTPUT.docx [--title TITLE]

Source format (UTF-8 text, one paragraph per line):

    # Title of the interview         -> written as a Heading 1 paragraph
    Name: text of the turn           -> "Name:" as a bold run, then the text
    !plain Name: text of the turn    -> the whole line as one plain run (no bold)
    any other non-blank line         -> a plain paragraph (e.g. a date line)

Blank lines are ignored. If --title is given it is used as the heading and
any "# " line in the source is skipped. Needs the PyPI package python-docx.
"""

import argparse
import re
import sys

from docx import Document

# "Name: rest" where Name is a short speaker label (letters, spaces,
# apostrophes, hyphens, dots) ending in a colon.
SPEAKER_RE = re.compile(r"^([A-Za-z][A-Za-z .'\-]{0,40}):\s+(.*)$")
PLAIN_PREFIX = "!plain "


def build_document(lines, title=None):
    """Build and return a python-docx Document from source lines."""
    doc = Document()
    if title:
        doc.add_heading(title, level=1)

    for raw in lines:
        line = raw.rstrip("\n").rstrip("\r")
        if not line.strip():
            continue  # blank lines only separate paragraphs in the source

        if line.startswith("# "):
            if not title:  # the command-line title wins over the source one
                doc.add_heading(line[2:].strip(), level=1)
            continue

        if line.startswith(PLAIN_PREFIX):
            # Deliberately unformatted "Name: text" paragraph.
            doc.add_paragraph(line[len(PLAIN_PREFIX):])
            continue

        match = SPEAKER_RE.match(line)
        para = doc.add_paragraph()
        if match:
            speaker, text = match.groups()
            para.add_run(speaker + ":").bold = True
            para.add_run(" " + text)
        else:
            para.add_run(line)  # e.g. a date or setting line
    return doc


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="plain-text transcript (Name: text lines)")
    parser.add_argument("output", help="path of the .docx file to write")
    parser.add_argument("--title", help="heading text (overrides a '# ' line)")
    args = parser.parse_args(argv)

    with open(args.source, encoding="utf-8") as handle:
        lines = handle.readlines()

    build_document(lines, title=args.title).save(args.output)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
