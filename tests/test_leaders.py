"""nlp/relations.find_leaders on invented sentences (needs the spaCy model)."""

from __future__ import annotations

import re

import pytest

from bellum.model import ActorMention, DateValue, Document, Span
from bellum.nlp.relations import find_leaders

pytestmark = pytest.mark.model

GROUPS = {"JNIM": "JNIM", "ISSP": "ISSP", "MNLA": "MNLA", "Ansarul Islam": "Ansarul Islam",
          "Katiba Macina": "Katiba Macina", "the army": "Military Forces of Burkina Faso"}
_RX = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(GROUPS, key=len, reverse=True)) + r")\b")


def _leaders(nlp, text):
    doc = Document(id="t", text=text)
    sdoc = nlp(text)
    sents = [(s.start_char, s.end_char) for s in sdoc.sents]
    mentions, dates = {}, {}
    for i, (a, b) in enumerate(sents):
        mentions[i] = [ActorMention(GROUPS[m.group(0)], m.group(0), Span("t", a + m.start(), a + m.end()))
                       for m in _RX.finditer(text[a:b])]
        y = re.search(r"\b(19|20)\d\d\b", text[a:b])
        dates[i] = DateValue(y.group(0), "year") if y else None
    return find_leaders(doc, sdoc, sents, mentions, dates)


CASES = [
    ("In 2021, Ibrahim Malam Dicko, the leader of Ansarul Islam, was killed by French troops.",
     ("Ibrahim Malam Dicko", "Ansarul Islam", "leader", "killed", "2021")),
    ("JNIM leader Iyad Ag Ghaly gave a speech in 2019.",
     ("Iyad Ag Ghaly", "JNIM", "leader", None, None)),
    ("In 2022, soldiers arrested Oumar Sidibé, a commander of Katiba Macina, near Mopti.",
     ("Oumar Sidibé", "Katiba Macina", "commander", "arrested", "2022")),
    ("Moussa Diallo, the emir of the ISSP, died in 2023 after an air strike.",
     ("Moussa Diallo", "ISSP", "emir", "died", "2023")),
    ("In 2020, President Roch Kaboré was ousted in a coup.",
     ("Roch Kaboré", None, "president", "deposed", "2020")),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_leaders_role_organisation_fate(nlp, text, expected):
    got = [(x.person, x.organisation, x.role, x.fate, x.date.value if x.date else None)
           for x in _leaders(nlp, text)]
    assert expected in got


def test_leaders_killer_is_not_killed(nlp):
    out = _leaders(nlp, "In 2018, the MNLA commander Ahmed Ag Bibi killed three soldiers near Kidal.")
    assert [(x.person, x.fate) for x in out] == [("Ahmed Ag Bibi", None)]


def test_leaders_agent_of_passive_is_not_the_victim(nlp):
    out = _leaders(nlp, "In 2019, a soldier was killed by fighters led by Hamadoun Koufa.")
    assert all(x.fate is None for x in out if x.person == "Hamadoun Koufa")


def test_leaders_surname_later_joins_full_name(nlp):
    text = ("Bah Touré, the leader of the MNLA, spoke in Gao. "
            "In 2014, Touré was captured by the army.")
    out = _leaders(nlp, text)
    fated = [x for x in out if x.fate]
    assert [(x.person, x.organisation, x.fate) for x in fated] == [("Bah Touré", "MNLA", "captured")]
    quote = text[fated[0].sources[-1].start:fated[0].sources[-1].end]
    assert quote.startswith("In 2014, Touré was captured")


def test_leaders_killed_among_others(nlp):
    out = _leaders(nlp, "In 2024 a drone strike killed eight fighters, including senior officials "
                        "such as Fadi Ag Mahmoud.")
    assert ("Fadi Ag Mahmoud", "killed") in [(x.person, x.fate) for x in out]


def test_leaders_unroled_person_without_fate_is_skipped(nlp):
    assert _leaders(nlp, "Amadou Koné visited Bamako in 2015.") == []


def test_leaders_infobox_marker_gets_the_texts_date(nlp):
    text = "- Commander2: Moussa DialloKIA\n\nIn 2023, Moussa Diallo was killed in an air strike."
    doc = Document(id="t", text=text,
                   infobox={"Commander2": ("Moussa DialloKIA", Span("t", 14, 30))})
    sdoc = nlp(text)
    sents = [(s.start_char, s.end_char) for s in sdoc.sents]
    dates = {i: (DateValue("2023", "year") if "2023" in text[a:b] else None) for i, (a, b) in enumerate(sents)}
    (rec,) = [x for x in find_leaders(doc, sdoc, sents, {}, dates) if x.person == "Moussa Diallo"]
    assert (rec.fate, rec.date.value, rec.role) == ("killed", "2023", "commander")
    assert rec.sources[0] == Span("t", 14, 30) and len(rec.sources) == 2
