"""sources/infobox.py on invented infobox lines (other Sahel conflicts)."""

from __future__ import annotations

import pytest

from bellum.model import Document, Span
from bellum.sources.infobox import parse_infobox


def _doc(lines: dict[str, str]) -> Document:
    """A Document whose infobox holds `lines`, each value placed in the text."""
    text, ib = "", {}
    for key, value in lines.items():
        line = f"- {key}: "
        start = len(text) + len(line)
        text += line + value + "\n"
        ib[key] = (value, Span("d", start, start + len(value)))
    return Document(id="d", text=text, infobox=ib)


MEMBERS = [
    # value, [(name, from, until, parent)]
    ("Niger, * Niger Army, * National Guard, Wagner (from 2022)",
     [("Niger", None, None, None), ("Niger Army", None, None, "Niger"),
      ("National Guard", None, None, "Niger"), ("Wagner", "2022", None, None)]),
    ("Al-Qaeda, * JNIM, ** Katiba Serma (2016–20), * AQIM (until 2017)",
     [("Al-Qaeda", None, None, None), ("JNIM", None, None, "Al-Qaeda"),
      ("Katiba Serma", "2016", "2020", "JNIM"), ("AQIM", None, "2017", "Al-Qaeda")]),
    ("VDP (2020–), Koglweogo (2019 only), Ansarul Islam (al-Dicko faction)",
     [("VDP", "2020", None, None), ("Koglweogo", "2019", "2019", None),
      ("Ansarul Islam", None, None, None)]),
    # a flag icon lost by the text leaves an empty item: nesting restarts
    ("Burkina Faso, Supported by:, , (2023–), * Russia Corps",
     [("Burkina Faso", None, None, None), ("Russia Corps", None, None, None)]),
]


@pytest.mark.parametrize("value,expected", MEMBERS)
def test_infobox_members_nesting_and_dates(value, expected):
    doc = _doc({"Combatant1": value})
    sides = parse_infobox(doc)["sides"]
    assert [s["side"] for s in sides] == [1]
    got = [(m["name"], m["from"], m["until"], m["parent"]) for m in sides[0]["members"]]
    assert got == expected
    for m in sides[0]["members"]:  # each span covers the item's own text
        assert doc.text[m["span"].start:m["span"].end] .lstrip("* ") == m["text"]


def test_infobox_members_keep_non_date_qualifier():
    m = parse_infobox(_doc({"Combatant2": "GATIA (Ag Gamou faction)"}))["sides"][0]["members"][0]
    assert (m["name"], m["qualifier"], m["from"]) == ("GATIA", "Ag Gamou faction", None)


def test_infobox_members_resolved_by_the_callers_lexicon():
    lexicon = {"mujao": "MOJWA"}
    doc = _doc({"Combatant1": "MUJAO (until 2013), Ansar Dine"})
    members = parse_infobox(doc, resolve=lambda s: lexicon.get(s.lower()))["sides"][0]["members"]
    assert [(m["text"], m["name"]) for m in members] == [("MUJAO (until 2013)", "MOJWA"),
                                                          ("Ansar Dine", "Ansar Dine")]


def test_infobox_members_other_groups_have_no_name():
    m = parse_infobox(_doc({"Combatant3": "Other armed groups"}))["sides"][0]["members"][0]
    assert m["name"] is None


COMMANDERS = [
    ("Ibrahim TraoréWIA, Abu Walid al-SahrawiKIA, Iyad Ag Ghaly",
     [("Ibrahim Traoré", "WIA"), ("Abu Walid al-Sahrawi", "KIA"), ("Iyad Ag Ghaly", None)]),
    ("NER Abdourahamane Tchiani, Salifou Mody (Niger Army)",
     [("Abdourahamane Tchiani", None), ("Salifou Mody", None)]),
    ("Amadou KouffaKIA, , Abu Huzeifa POW",
     [("Amadou Kouffa", "KIA"), ("Abu Huzeifa POW", None)]),
]


@pytest.mark.parametrize("value,expected", COMMANDERS)
def test_infobox_commanders_fate_markers(value, expected):
    doc = _doc({"Commander2": value})
    cmds = parse_infobox(doc)["commanders"]
    assert [(c["name"], c["status"]) for c in cmds] == expected
    assert all(c["side"] == 2 for c in cmds)
    for c in cmds:
        assert c["name"] in doc.text[c["span"].start:c["span"].end]


def test_infobox_commander_organisation_in_parentheses():
    c = parse_infobox(_doc({"Commander1": "Salifou Mody (Niger Army)"}))["commanders"][0]
    assert c["organisation"] == "Niger Army"


STRENGTHS = [
    ("Pre-war, 11,000, Most recent, 25,000",
     [("Pre-war", 11000, None, False), ("Most recent", 25000, None, False)]),
    ("2019 1,500–3,000", [("2019", 1500, 3000, False)]),
    ("~800 (Koglweogo), 200", [("Koglweogo", 800, None, True), (None, 200, None, False)]),
    ("4,000 ---- 650", [(None, 4000, None, False), (None, 650, None, False)]),
    ("Unknown", []),
]


@pytest.mark.parametrize("value,expected", STRENGTHS)
def test_infobox_strength_figures(value, expected):
    rec = parse_infobox(_doc({"Strength1": value}))["strength"][0]
    assert [(f["label"], f["low"], f["high"], f["approx"]) for f in rec["figures"]] == expected
    assert rec["text"] == value


CASUALTIES = [
    ("Unknown, 40 killed, Gendarmerie 12–30+ killed", [(None, 40, None), ("Gendarmerie", 12, 30)]),
    ("2015–19 (against Niger) 900+ killed", [("2015–19 (against Niger)", 900, None)]),
]


@pytest.mark.parametrize("value,expected", CASUALTIES)
def test_infobox_casualty_figures(value, expected):
    doc = _doc({"Combatant1": "A", "Combatant2": "B", "Casualties2": value})
    rec = parse_infobox(doc)["casualties"][0]
    assert rec["side"] == 2
    assert [(f["label"], f["killed_low"], f["killed_high"]) for f in rec["figures"]] == expected


def test_infobox_totals_line_beyond_the_sides():
    doc = _doc({"Combatant1": "A", "Combatant2": "B",
                "Casualties3": "Total killed: 2,345, Displaced: , ~50,000 refugees abroad, "
                               "~120,000 internally displaced persons, Total: ≈170,000"})
    out = parse_infobox(doc)
    assert out["casualties"] == []
    t = out["totals"]
    assert (t["killed"], t["refugees"], t["idp"], t["displaced_total"]) == (2345, 50000, 120000, 170000)


def test_infobox_ignores_other_keys_and_empty_box():
    assert parse_infobox(_doc({"Date": "2012 – present", "Place": "Niger"}))["sides"] == []
    assert parse_infobox(Document(id="x", text=""))["commanders"] == []
