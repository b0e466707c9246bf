"""Triggers, ACLED typing and roles from the dependency parse. Invented sentences."""

from __future__ import annotations

import pytest

from bellum.errors import KnowledgeFileInvalid
from bellum.model import Document
from bellum.nlp.events import EVENT_TYPES, TriggerLexicon, is_hypothetical, read_trigger


def _read(nlp, res, text):
    sdoc = nlp(text)
    dact = res.actors.for_document(Document("t", text))
    ms = dact.find_all(sdoc, "t")
    return [(tr, read_trigger(sdoc, s, e, tr, ms)) for s, e, tr in res.triggers.find(sdoc)]


@pytest.mark.parametrize("text, lemma, actor1, actor2", [
    ("Soldiers were killed by JNIM fighters near Djibo.", "kill",
     "JNIM", "Military Forces of {country}"),
    ("Ansarul Islam attacked a VDP post.", "attack", "Ansarul Islam", None),
    # who repels is the target: the attacker stays actor1 (ACLED, the shared gold)
    ("The Burkinabe army repelled an assault by Ansarul Islam.", "repel",
     "Ansarul Islam", "Military Forces of Burkina Faso"),
    ("Nigerien national guards repelled an attack on their post, killing several assailants.",
     "repel", "Unidentified Armed Group ({country})", "Military Forces of Niger"),
    ("An ambush by ISWAP fighters on Nigerien troops killed nine.", "ambush",
     "ISWAP", "Military Forces of Niger"),
    ("Clashes between the CMA and GATIA erupted in Anefis.", "clash", "CMA", "GATIA"),
])
def test_events_roles_from_parse(nlp, res, text, lemma, actor1, actor2):
    found = [c for tr, c in _read(nlp, res, text) if tr.lemma == lemma]
    assert found, [tr.lemma for tr, _ in _read(nlp, res, text)]
    c = found[0]
    assert (c.actor1[2].actor if c.actor1 else None) == actor1
    if actor2 is not None:
        assert c.actor2 and c.actor2[2].actor == actor2


@pytest.mark.parametrize("text, lemma", [
    ("The jihadists threatened to attack the capital.", "attack"),
    ("The army will launch an offensive next month.", "offensive"),
    ("There was no attack on the town.", "attack"),
    ("The group denied that it had kidnapped the priest.", "kidnap"),
    ("A planned offensive on the town was called off.", "offensive"),
])
def test_events_hypothetical_triggers_are_marked(nlp, res, text, lemma):
    found = [c for tr, c in _read(nlp, res, text) if tr.lemma == lemma]
    assert found and found[0].hypothetical


@pytest.mark.parametrize("text, lemma", [
    ("Gunmen attacked the village of Kéra on Monday.", "attack"),
    ("Soldiers recaptured Solenzo.", "recapture"),
])
def test_events_real_triggers_are_not_hypothetical(nlp, res, text, lemma):
    found = [c for tr, c in _read(nlp, res, text) if tr.lemma == lemma]
    assert found and found[0].hypothetical is None


@pytest.mark.parametrize("text, expected", [
    ("Protesters marched in Niamey on 3 August 2023.", None),  # lower-case verb only
    ("In March 2021 nothing happened.", []),  # the month is not a trigger
])
def test_events_month_names_are_not_triggers(nlp, res, text, expected):
    lemmas = [tr.lemma for tr, _ in _read(nlp, res, text)]
    assert ("rally" in lemmas) == (expected is None)


def test_events_trigger_file_types_are_acled(res):
    for t in res.triggers.triggers:
        assert t.sub_event_type in EVENT_TYPES[t.event_type]
        assert 0.0 <= t.strength <= 1.0


def test_events_bad_trigger_line_names_file_and_line(tmp_path, nlp):
    bad = tmp_path / "triggers.csv"
    bad.write_text("forms,pos,event_type,sub_event_type,relation,control,strength\n"
                   "attack,any,Battles,Armed clash,,,0.8\n"
                   "zap,V,Battles,Laser duel,,,0.5\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileInvalid, match=r"triggers.csv:3"):
        TriggerLexicon.load(nlp.vocab, bad)


def test_events_is_hypothetical_on_modal(nlp):
    sdoc = nlp("The rebels could seize the town.")
    assert is_hypothetical(sdoc[3]) is not None
