"""Trigger words that tell no event: an ordered table of named filters.

`extract._sentence_events` drops a candidate when any filter of `CANDIDATE_FILTERS`
returns True, beside its older filters (`_backdrop`, `_time_reference`, `_refers_back`,
`_named_in_subject`). Each filter is `(sdoc, cand, cands) -> bool`, reads the parse and
the word sets of `knowledge/not_events.csv`, and has invented test sentences in
tests/test_not_events.py.

1. `time_bound`: "the first attack since the coup": an event noun after "since" only
   bounds a time; the coup is told elsewhere or is background.
2. `general_state`: "Attacks were rare until this year", "kidnappings have become common":
   a bare plural event noun whose clause says how often things happened.
3. `supported_side`: "air-dropped supplies in support of the besieged soldiers",
   "evacuated the wounded soldiers": a violent word describing people, under a support,
   supply, evacuation, escort or reinforcement word, describes the side helped, not an
   attack on it: `retype_support` makes the help itself the event (Strategic
   developments/Other) instead of dropping it.
4. `abandoned_plan`: "abandoned attempts to relieve them": giving up a plan is no
   withdrawal from a place.
"""

from __future__ import annotations

import csv
from pathlib import Path

from bellum.provenance import decide, forget

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


def load_words(path: Path | None = None) -> dict[str, frozenset]:
    from bellum.errors import KnowledgeFileInvalid

    path = path or KNOWLEDGE / "not_events.csv"
    sets: dict[str, set] = {}
    lines = [(n, ln) for n, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if ln.strip() and not ln.lstrip().startswith("#")]
    for n, line in lines[1:]:
        row = next(csv.reader([line]))
        if len(row) != 2 or row[0] not in ("support", "state", "frequency", "bound", "give_up", "plan"):
            raise KnowledgeFileInvalid(f"{path}:{n}: expected set (support|state|bound),word; "
                                       "fix the line")
        sets.setdefault(row[0], set()).add(row[1].strip())
    return {k: frozenset(v) for k, v in sets.items()}


WORDS = load_words()


def _root(sdoc, c):
    return sdoc[c.start:c.end].root


def time_bound(sdoc, c, cands) -> bool:
    tok = _root(sdoc, c)
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and \
        tok.head.lower_ in WORDS["bound"]


def general_state(sdoc, c, cands) -> bool:
    tok = _root(sdoc, c)
    if tok.tag_ != "NNS" or tok.dep_ not in ("nsubj", "nsubjpass") or any(
            d.dep_ in ("det", "poss", "nummod") for d in tok.children):
        return False
    head = tok.head
    return head.lemma_.lower() in WORDS["state"] and any(
        d.dep_ in ("acomp", "attr") and d.lemma_.lower() in WORDS["frequency"]
        for d in head.children)


def abandoned_plan(sdoc, c, cands) -> bool:
    tok = _root(sdoc, c)
    return c.trigger.lemma in WORDS["give_up"] and any(
        d.dep_ in ("dobj", "obj") and d.lemma_.lower() in WORDS["plan"] for d in tok.children)


def _support_word(sdoc, c):
    """The support word a violent word describing people stands under, or None: the
    highest verb of them ('air-dropped'), else the nearest ('support')."""
    tok = _root(sdoc, c)
    if tok.dep_ not in ("amod", "compound"):
        return None  # only a word that describes people ('the besieged soldiers')
    node, found = tok, []
    for _ in range(6):
        if node.head is node:
            break
        node = node.head
        if node.lemma_.lower() in WORDS["support"] or node.lower_ in WORDS["support"]:
            found.append(node)
    verbs = [t for t in found if t.pos_ == "VERB"]
    return (verbs or found or [None])[-1]


def supported_side(sdoc, c, cands) -> bool:
    return _support_word(sdoc, c) is not None


CANDIDATE_FILTERS = (
    ("time_bound", time_bound),
    ("general_state", general_state),
    ("abandoned_plan", abandoned_plan),
)


def retype_support(sdoc, cands) -> None:
    """`supported_side` words are no attack: the help itself is the event (ACLED: Strategic
    developments/Other), by whoever gives it, with no one acted upon."""
    for c in cands:
        word = _support_word(sdoc, c) if c.event_type != "Strategic developments" else None
        if word is not None:
            c.start, c.end = word.i, word.i + 1  # the help is the event: its word, its place
            c.event_type, c.sub_event_type = "Strategic developments", "Other"
            c.actor2, c.assoc2 = None, []
            forget(c.reasons, c.provenance, "actor2")
            decide(c.reasons, c.provenance, "event_type", "support_not_attack", "lexicon",
                   f"'{word.text}': help to the side a violent word describes "
                   "(support, supply, evacuation), not an attack on it", words=word.text)


def rejected(sdoc, c, cands, filters=CANDIDATE_FILTERS) -> str | None:
    """The name of the first filter that says the candidate tells no event, or None."""
    return next((name for name, fn in filters if fn(sdoc, c, cands)), None)
