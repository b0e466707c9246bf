"""Bare spaCy over the same texts bellum builds from: the baseline of the
throughput comparison (run both as whole processes, side by side).

    python bench/bare_spacy.py FOLDER_OR_FILES...
"""

from __future__ import annotations

import sys

from bellum.nlp.pipeline import parse
from bellum.sources import read_paths


def main(paths: list[str]) -> None:
    docs = read_paths(paths)
    words = sum(len(d) for d in parse(doc.text for doc in docs))
    sys.stderr.write(f"{len(docs)} documents, {words} tokens\n")


if __name__ == "__main__":
    main(sys.argv[1:])
