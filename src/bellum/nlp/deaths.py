"""Deaths told without a number: "X was killed", "the death of X", "killed the mayor".

A sentence that reports the killing of one named person or one singular
person ("the village chief", "a commander") states one death, as ACLED
counts it, though no digit appears. `named_deaths` reads this from the
dependency parse of one sentence (or clause): the person who undergoes a
killing word, and the persons coordinated with them ("X and Y" → 2).

Not counted: plural or group nouns ("fighters", "Ansar Dine"), persons named
as the killers, and killings that are denied, threatened or planned
(`bellum.nlp.events.is_hypothetical`).
"""

from __future__ import annotations

from bellum.model import Span
from bellum.nlp.events import is_hypothetical
from bellum.nlp.quantities import CountMention, person_nouns

# verbs whose object (or passive subject) dies; nouns whose "of" names who died
KILL_VERBS = frozenset("kill execute assassinate murder slay behead lynch".split())
DEATH_NOUNS = frozenset("death killing assassination execution murder".split())


def _patients(tok):
    """Who undergoes the killing word `tok`."""
    if tok.pos_ in ("VERB", "AUX"):
        objs = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
        if not objs and tok.dep_ == "conj":  # "was abducted and later executed"
            objs = [c for c in tok.head.children if c.dep_ in ("nsubjpass", "dobj")]
        return objs
    if tok.pos_ == "NOUN":
        # "the death of X", also past a place or time: "the death in Konna of X"
        heads = [tok, *[g for c in tok.children if c.dep_ == "prep" and c.lower_ != "of"
                        for g in c.children if g.dep_ == "pobj"]]
        return [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"]
    return []


def _one_person(tok, nouns: frozenset[str]) -> bool:
    if tok.pos_ == "PROPN":
        # the tagger often misses Sahel names; "X, a local imam" names a person all the same
        return tok.ent_type_ == "PERSON" or any(
            c.dep_ == "appos" and c.tag_ == "NN" and c.lower_ in nouns for c in tok.children)
    if tok.tag_ == "NN" and tok.lower_ in nouns:  # singular: "the mayor", "a commander"
        return True
    return False


def named_deaths(tokens, doc_id: str = "") -> list[CountMention]:
    """One "killed" count per killing word whose victims are single persons.

    `tokens`: spaCy tokens of one sentence or clause. Each count's span is
    the victim's words; reason "named person".
    """
    nouns = person_nouns()
    out: list[CountMention] = []
    seen: set[int] = set()
    for tok in tokens:
        lemma = tok.lemma_.lower()
        # 'was mortally wounded': wounds the person died of
        fatal = lemma in ("wound", "injure") and tok.pos_ == "VERB" and any(
            c.lower_ in ("mortally", "fatally") for c in tok.children)
        if not ((lemma in KILL_VERBS and tok.pos_ in ("VERB", "AUX")) or fatal or
                (lemma in DEATH_NOUNS and tok.pos_ == "NOUN")):
            continue
        if is_hypothetical(tok):
            continue
        for p in _patients(tok):
            group = [p, *[c for c in p.conjuncts if c.i > p.i]]
            persons = [g for g in group if _one_person(g, nouns) and g.i not in seen]
            if not persons or len(persons) != len(group):
                continue  # a plural or a group among them: no count to be had
            seen.update(g.i for g in persons)
            lo = min(g.left_edge.idx if g is p else g.idx for g in persons)
            last = max(persons, key=lambda g: g.i)
            out.append(CountMention(kind="killed", best=len(persons),
                                    span=Span(doc_id, lo, last.idx + len(last.text)),
                                    reason="named person", victim=p.lower_, side=""))
    return out
