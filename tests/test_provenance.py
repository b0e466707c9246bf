"""Decisions are typed: code branches on `Event.provenance`, never on the English text of
`Event.reasons` (bellum/provenance.py writes both at once)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bellum.model import Provenance
from bellum.provenance import decide, explain, forget, note, positional, rule, take

SRC = Path(__file__).resolve().parents[1] / "src" / "bellum"
# a reason read and then compared, searched or tested for a prefix
_REASON = r"""reasons(?:\.get\(\s*["'][^"']*["'][^)]*\)|\[\s*["'][^"']*["']\s*\])"""
BRANCHING = [
    re.compile(_REASON + r"\s*(?:\.startswith|\.endswith|==|!=|\bnot in\b|\bin\b)"),
    re.compile(r"\bin\s+[\w.]*" + _REASON),
    re.compile(r"\.(?:search|match|fullmatch|findall)\([^)]*" + _REASON),
    re.compile(r"positional\(\s*[\w.]*" + _REASON),
    re.compile(r"^\s*\w+\s*=\s*[\w.]*" + _REASON + r"\s*$"),  # an alias tested later
]


def test_provenance_no_code_branches_on_reason_text():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p.search(line) for p in BRANCHING):
                found.append(f"{path.relative_to(SRC.parent)}:{n}: {line.strip()}")
    assert not found, "branch on Event.provenance, not on reason text:\n" + "\n".join(found)


@pytest.mark.parametrize("line", [
    'if e.reasons.get("date", "").startswith("last date"):',
    'x = positional(reasons.get("actor1"))',
    'if "claim" in e.reasons.get("anaphor_event", ""):',
    'm = RE.search(e.reasons.get("event_type", ""))',
    'kind = e.reasons["report"] == "toll"',
    '    r = e.reasons.get("actor1", "")',
])
def test_provenance_branching_pattern_catches(line):
    assert any(p.search(line) for p in BRANCHING)


@pytest.mark.parametrize("line", [
    'decide(e.reasons, e.provenance, "actor1", "x", "parse", "why")',
    'wide = main.wide',
    'e.reasons["sources"] = "continuation sentence merged"',
])
def test_provenance_branching_pattern_allows(line):
    assert not any(p.search(line) for p in BRANCHING)


def test_provenance_decide_writes_reason_and_provenance_together():
    r, p = {}, {}
    decide(r, p, "actor1", "nearest_before", "position", "nearest actor before the trigger")
    assert r == {"actor1": "nearest actor before the trigger"}
    assert p == {"actor1": Provenance("nearest_before", "position")}
    assert positional(p, "actor1") and rule(p, "actor1") == "nearest_before"
    assert not positional(p, "actor2") and rule(p, "actor2") == ""


def test_provenance_explain_and_note_keep_the_rule():
    r, p = {}, {}
    decide(r, p, "actor1", "subject", "parse", "subject")
    explain(r, "actor1", ": 'the gunmen'")
    note(p, "actor1", words="the gunmen")
    assert r["actor1"] == "subject: 'the gunmen'"
    assert p["actor1"] == Provenance("subject", "parse", words="the gunmen")


def test_provenance_take_copies_another_slot_and_forget_drops_both():
    r, p = {}, {}
    decide(r, p, "actor1", "between_first", "parse", "'between' first side")
    take(r, p, "actor2", r, p, "actor1", more="; swapped", via="passage")
    assert r["actor2"] == "'between' first side; swapped"
    assert p["actor2"] == Provenance("between_first", "parse", via="passage")
    take(r, p, "date", {}, {}, more="")  # nothing to take: no decision
    assert "date" not in p
    forget(r, p, "actor1")
    assert "actor1" not in r and "actor1" not in p


def test_provenance_place_scope_is_typed_not_read_from_its_reason():
    from bellum.model import Place

    assert Place("northern Mali", country="Mali", scope="country_part").scope == "country_part"
    pat = re.compile(r"reason\.startswith\(\(?[\"'](?:part of the country|country)")
    found = [f"{p.relative_to(SRC.parent)}:{n}" for p in sorted(SRC.rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pat.search(line)]
    assert not found, "read Place.scope, not the place's reason: " + ", ".join(found)


# the slots whose decisions code branches on: each explained one has its typed decision
DECIDED_SLOTS = ("actor1", "actor2", "date", "location", "event_type", "sub_event_type", "report",
                 "report_roles", "anaphor_event", "weak")
TEXTS = Path(__file__).parent / "texts"


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(p.name for p in TEXTS.glob("*.txt")))
def test_provenance_every_explained_decision_is_typed(nlp, res, name):
    from bellum.extract import process_document
    from bellum.sources import read_text

    doc = read_text((TEXTS / name).read_text(encoding="utf-8"), "t")
    events = process_document(doc, nlp(doc.text), res).events
    assert events
    for e in events:
        for slot in DECIDED_SLOTS:
            if e.reasons.get(slot):
                assert slot in e.provenance, (slot, e.reasons[slot])
                assert e.provenance[slot].basis in ("parse", "position", "convention", "document",
                                                    "lexicon")
        for slot in e.provenance:
            assert slot in e.reasons, slot  # never a decision without its explanation
