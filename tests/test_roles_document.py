"""Document-level role passes (roles/document.py), on invented texts."""

from __future__ import annotations

from bellum.roles.document import DOCUMENT_ROLE_PASSES, WORDS, group_kinds
from bellum.sources import read_text


def run(nlp, res, text):
    from bellum.extract import process_document

    doc = read_text(text, "t")
    return doc, process_document(doc, nlp(doc.text), res).events


def at(doc, events, quote):
    i = doc.text.index(quote)
    hits = [e for e in events if any(s.start <= i < s.end for s in e.sources)]
    assert len(hits) == 1, [(e.event_type, e.actor1, e.sources) for e in events]
    return hits[0]


def test_passes_are_one_ordered_table():
    assert [n for n, _f in DOCUMENT_ROLE_PASSES] == ["claimed_or_blamed", "sole_group",
                                                      "same_place"]


def test_blame_for_both_attacks_names_both_and_tells_no_event(nlp, res):
    text = ("On 16 April 2024, assailants attacked a gendarmerie post in Soumbala, killing four "
            "gendarmes. On 17 April 2024, gunmen raided a market in Kelbo, killing seven traders. "
            "The junta blamed Ansarul Islam for both assaults.")
    doc, events = run(nlp, res, text)
    assert len(events) == 2
    for quote in ("attacked a gendarmerie post", "raided a market"):
        e = at(doc, events, quote)
        assert e.actor1 == "Ansarul Islam"
        assert e.provenance["actor1"].rule == "document.claimed_or_blamed"
        assert e.confidence < 0.95  # inferred from another sentence
        assert any(doc.text[s.start:s.end].startswith("The junta blamed") for s in e.sources)


def test_attackers_believed_to_be_from_a_group(nlp, res):
    text = ("On 1 February 2024, militants ambushed a military convoy near Boulsa, killing six "
            "soldiers. The attackers, believed to be from JNIM, fled on motorcycles.")
    doc, events = run(nlp, res, text)
    e = at(doc, events, "ambushed a military convoy")
    assert e.actor1 == "JNIM"


def test_attack_attributed_to_a_group(nlp, res):
    text = ("On 3 March 2024, gunmen killed nine villagers in Tiwa. Officials attributed "
            "the killings to the Islamic State Sahel Province.")
    doc, events = run(nlp, res, text)
    assert at(doc, events, "gunmen killed nine").actor1 == "ISSP"


FILLER = ("The region has few roads. Markets open twice a week. Herders cross the border "
          "with their cattle in the dry season. Many schools have closed. ")


def test_the_rebels_are_the_one_rebel_group_of_the_document(nlp, res):
    # 'the rebels', named sentences back (beyond the sentence-level anaphor window): the one
    # separatist group of the document, not the jihadist group also named
    text = ("In March 2024, the CMA and JNIM both operated around the town of Anefis. " + FILLER +
            "On 9 April 2024, the rebels attacked an army patrol near Anefis, killing three "
            "soldiers.")
    doc, events = run(nlp, res, text)
    e = at(doc, events, "the rebels attacked")
    assert e.actor1 == "CMA"
    assert e.provenance["actor1"].rule == "document.sole_group"


def test_a_description_two_groups_fit_stays_unnamed(nlp, res):
    text = ("JNIM and the Islamic State Sahel Province both operate in the region. " + FILLER +
            "On 9 April 2024, the jihadists attacked an army patrol near Anefis, killing three "
            "soldiers.")
    doc, events = run(nlp, res, text)
    e = at(doc, events, "the jihadists attacked")
    assert e.actor1.startswith("Unidentified Armed Group")


def test_bare_unnamed_attackers_are_not_resolved_by_kind(nlp, res):
    # 'gunmen' with no article: an attack the text does not attribute
    text = ("JNIM has fought the army in the region for years. On 9 April 2024, gunmen "
            "attacked a bus near Anefis, killing three passengers.")
    doc, events = run(nlp, res, text)
    e = at(doc, events, "gunmen attacked")
    assert getattr(e.provenance.get("actor1"), "rule", "") != "document.sole_group"


def test_unnamed_attackers_at_the_place_of_a_named_attack(nlp, res):
    text = ("On 5 June 2024, fighters of JNIM attacked the village of Boro, killing 30 "
            "civilians. On 5 June 2024, armed men on motorcycles attacked the VDP post in Boro.")
    doc, events = run(nlp, res, text)
    e = at(doc, events, "armed men on motorcycles")
    assert e.actor1 == "JNIM"
    assert e.provenance["actor1"].rule == "document.same_place"


def test_group_kinds_from_the_lexicon(res):
    dact = res.actors.for_document(read_text("x", "t"))
    assert group_kinds(dact, "Ansar Dine") == {"jihadist"}  # member of JNIM, of al-Qaeda
    assert group_kinds(dact, "MNLA") == {"rebel"}
    assert group_kinds(dact, "GATIA") == {"militia"}
    assert WORDS["rebels"] == {"rebel"} and "jihadist" in WORDS["militants"]


def test_hostages_taken_near_a_named_attack_stay_unattributed(nlp, res):
    text = ("On 5 June 2024, fighters of JNIM attacked the army camp in Boro, killing ten "
            "soldiers. On 5 June 2024, gunmen abducted two engineers in Boro.")
    doc, events = run(nlp, res, text)
    e = at(doc, events, "gunmen abducted")
    assert e.actor1 != "JNIM"
