"""Organisation relations: nlp/relations.find_relations on invented sentences
(with hand-built actor mentions) and infer/relations.relations_over_time."""

from __future__ import annotations

import re

import pytest

from bellum.infer.relations import relations_over_time
from bellum.model import Actor, ActorMention, DateValue, Document, Event, Relation, Span
from bellum.nlp.relations import find_relations

# a tiny lexicon for the invented texts: surface form -> canonical name
LEXICON = {
    "Ansarul Islam": "Ansarul Islam", "Katiba Serma": "Katiba Serma", "Katiba Hanifa": "Katiba Hanifa",
    "Front for Sahel Unity": "FSU", "FSU": "FSU", "Sahel Liberation Movement": "SLM", "SLM": "SLM",
    "Azawad Union": "AU-Az", "Dan Na Ambassagou": "Dan Na Ambassagou", "JNIM": "JNIM",
    "ISSP": "ISSP", "Islamic State": "Islamic State", "Tuareg Unity Council": "TUC", "TUC": "TUC",
    "the government": "Government of Niger", "the army": "Military Forces of Niger",
    "Niger": "Military Forces of Niger", "Wagner": "Wagner Group", "MNSD militia": "MNSD militia",
}
_RX = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(LEXICON, key=len, reverse=True)) + r")\b")


def _read(text: str):
    """Document, one sentence per '. ', actor mentions, and a year per sentence."""
    doc = Document(id="t", text=text)
    sents, start = [], 0
    for m in re.finditer(r"(?<=\.)\s+|$", text):
        if m.start() > start:
            sents.append((start, m.start()))
        start = m.end()
    mentions, dates = {}, {}
    for i, (a, b) in enumerate(sents):
        mentions[i] = [ActorMention(LEXICON[m.group(0)], m.group(0), Span("t", a + m.start(), a + m.end()))
                       for m in _RX.finditer(text[a:b])]
        y = re.search(r"\b(19|20)\d\d\b", text[a:b])
        dates[i] = DateValue(y.group(0), "year") if y else None
    return doc, sents, mentions, dates


def _found(text):
    doc, sents, mentions, dates = _read(text)
    return {(r.kind, r.source, r.target, r.start.value if r.start else None)
            for r in find_relations(doc, sents, mentions, dates)}


CASES = [
    ("In 2019, Katiba Serma, Katiba Hanifa and Ansarul Islam merged to form the Front for Sahel Unity (FSU).",
     {("merge", "Katiba Serma", "FSU", "2019"), ("merge", "Katiba Hanifa", "FSU", "2019"),
      ("merge", "Ansarul Islam", "FSU", "2019")}),
    ("The Azawad Union and the TUC merged into the SLM in 2021.",
     {("merge", "AU-Az", "SLM", "2021"), ("merge", "TUC", "SLM", "2021")}),
    ("In 2020, Katiba Hanifa split from the FSU.", {("split", "Katiba Hanifa", "FSU", "2020")}),
    ("In 2018 a splinter group of the SLM, calling itself the Azawad Union, appeared.",
     {("split", "AU-Az", "SLM", "2018")}),
    ("A faction broke away from the TUC in 2016 and founded the Azawad Union.",
     {("split", "AU-Az", "TUC", "2016")}),
    ("In 2022, Ansarul Islam joined JNIM.", {("member", "Ansarul Islam", "JNIM", "2022")}),
    ("In 2015 Katiba Serma pledged allegiance to the Islamic State.",
     {("member", "Katiba Serma", "Islamic State", "2015")}),
    ("The TUC and the SLM formed the Azawad Union in 2014.",
     {("member", "TUC", "AU-Az", "2014"), ("member", "SLM", "AU-Az", "2014")}),
    ("In 2017 the SLM allied with the TUC.", {("alliance", "SLM", "TUC", "2017")}),
    ("In 2020 open conflict broke out between Ansarul Islam and the ISSP.", {("hostility", "Ansarul Islam", "ISSP", "2020")}),
    ("In 2023 the SLM declared war on the government.",
     {("hostility", "SLM", "Government of Niger", "2023")}),
    ("In 2015 the government and the TUC signed a peace agreement.",
     {("agreement", "Government of Niger", "TUC", "2015")}),
    ("In 2024 the members of the TUC dissolved themselves.", {("dissolution", "TUC", None, "2024")}),
    ("Later that year the FSU formed an alliance with other groups, including the SLM and the TUC.",
     {("alliance", "FSU", "SLM", None), ("alliance", "FSU", "TUC", None)}),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_relations_narrative_triggers(text, expected):
    assert _found(text) == expected


NOTHING = [
    "In 2019 French troops withdrew from Niger.",              # leaving a country is no split
    "The SLM left 20 soldiers dead near Menaka in 2019.",       # 'left' without an organisation object
    "In 2020 the TUC withdrew from peace talks with the government.",
    "In 2021 the army launched an offensive against the SLM and the TUC.",
    "The TUC, with the exception of a SLM faction, stayed.",
]


@pytest.mark.parametrize("text", NOTHING)
def test_relations_narrative_no_false_relation(text):
    assert _found(text) == set()


def test_relations_narrative_sources_are_the_sentence():
    text = "The army retreated. In 2022, Ansarul Islam joined JNIM."
    doc, sents, mentions, dates = _read(text)
    (r,) = find_relations(doc, sents, mentions, dates)
    assert text[r.sources[0].start:r.sources[0].end] == "In 2022, Ansarul Islam joined JNIM."
    assert r.basis == "reported" and "join" in r.reason


def test_relations_dissident_members_are_not_founders():
    got = _found("In 2017 the FSU, the TUC and other SLM dissidents formed the Azawad Union.")
    assert got == {("member", "FSU", "AU-Az", "2017"), ("member", "TUC", "AU-Az", "2017")}


# ---- relations over time ---------------------------------------------------------

def _event(kind, actors, result, value, precision="year", eid="e1", at=0):
    return Event(id=eid, doc="t", sources=[Span("t", at, at + 10)], date=DateValue(value, precision),
                 event_type="Strategic developments", sub_event_type="Change to group/activity",
                 relation_change={"kind": kind, "actors": actors, "result": result})


def _said(kind, source, target, at=0):
    """What the sentence reading (nlp/relations.py) of the passage at `at` states, undated:
    the event of the same passage gives the date."""
    return Relation(kind, source, target, None, sources=[Span("t", at, at + 10)],
                    reason=f"{kind}: the sentence says so")


def _rels(rels, kind):
    return {(r.source, r.target, r.start.value if r.start else None, r.end.value if r.end else None)
            for r in rels if r.kind == kind}


def test_relations_merger_of_three_groups_gives_memberships():
    evs = [_event("merge", ["Katiba Serma", "Katiba Hanifa", "Ansarul Islam"], "FSU", "2019-03")]
    said = [_said("merge", g, "FSU") for g in ("Katiba Serma", "Katiba Hanifa", "Ansarul Islam")]
    rels = relations_over_time(evs, {}, [], said)
    assert _rels(rels, "member") == {("Katiba Serma", "FSU", "2019-03", None),
                                     ("Katiba Hanifa", "FSU", "2019-03", None),
                                     ("Ansarul Islam", "FSU", "2019-03", None)}
    assert _rels(rels, "merge") == {(s, "FSU", "2019-03", None)
                                    for s in ("Katiba Serma", "Katiba Hanifa", "Ansarul Islam")}
    assert all(r.event_id == "e1" and r.sources for r in rels)


def test_relations_split_ends_membership():
    evs = [_event("merge", ["Katiba Serma", "Katiba Hanifa"], "FSU", "2019", eid="e1"),
           _event("split", ["FSU", "Katiba Hanifa"], "Katiba Hanifa", "2021-06", "month", eid="e2", at=100)]
    said = [_said("merge", "Katiba Serma", "FSU"), _said("merge", "Katiba Hanifa", "FSU")]
    rels = relations_over_time(evs, {}, [], said)
    assert ("Katiba Hanifa", "FSU", "2019", "2021-06") in _rels(rels, "member")
    assert ("Katiba Serma", "FSU", "2019", None) in _rels(rels, "member")
    assert ("Katiba Hanifa", "FSU", "2021-06", None) in _rels(rels, "split")


def test_relations_coalition_merging_onward_moves_its_members():
    evs = [_event("alliance", ["TUC", "SLM"], "Azawad Union", "2014", eid="e1"),
           _event("merge", ["Azawad Union"], "FSU", "2020-11-30", "day", eid="e2", at=100)]
    said = [_said("member", "TUC", "Azawad Union"), _said("member", "SLM", "Azawad Union"),
            _said("merge", "Azawad Union", "FSU", at=100)]
    rels = relations_over_time(evs, {}, [], said)
    members = _rels(rels, "member")
    assert ("TUC", "Azawad Union", "2014", "2020-11-30") in members
    assert ("TUC", "FSU", "2020-11-30", None) in members
    moved = [r for r in rels if r.kind == "member" and r.target == "FSU" and r.source == "TUC"][0]
    assert moved.basis == "inferred"


def test_relations_hostility_ends_alliance():
    evs = [_event("alliance", ["SLM", "TUC"], None, "2012-01-10", "day", eid="e1"),
           _event("hostility", ["SLM", "TUC"], None, "2012-05-27", "day", eid="e2", at=100)]
    rels = relations_over_time(evs, {}, [], [_said("alliance", "SLM", "TUC")])
    assert _rels(rels, "alliance") == {("SLM", "TUC", "2012-01-10", "2012-05-27")}


def test_relations_infobox_nesting_with_years():
    infobox = {"sides": [{"side": 1, "members": [
        {"name": "Platform", "parent": None, "from": None, "until": None},
        {"name": "GATIA", "parent": "Platform", "from": "2019", "until": "2023", "span": Span("t", 5, 10)},
    ]}]}
    (r,) = relations_over_time([], infobox, [], [])
    assert (r.kind, r.source, r.target, r.start.value, r.end.value, r.basis) == \
        ("member", "GATIA", "Platform", "2019", "2023", "infobox")
    assert r.sources == [Span("t", 5, 10)]


def test_relations_lexicon_membership_is_no_relation():
    # the actor lexicon says the FSU belongs to the Azawad Union; no passage does
    evs = [_event("alliance", ["TUC", "SLM"], "Azawad Union", "2014-05", "month")]
    actors = [Actor("FSU", member_of=("Azawad Union",))]
    rels = relations_over_time(evs, {}, actors, [_said("member", "TUC", "Azawad Union")])
    assert not [r for r in rels if r.source == "FSU"]
    assert all(r.sources for r in rels)


def test_relations_narrative_reports_fold_into_one():
    narrative = [Relation("merge", "TUC", "FSU", DateValue("2019", "year"), sources=[Span("t", 0, 10)]),
                 Relation("merge", "TUC", "FSU", DateValue("2019", "year"), sources=[Span("t", 50, 90)])]
    rels = relations_over_time([], {}, [], narrative)
    merges = [r for r in rels if r.kind == "merge" and r.source == "TUC"]
    assert len(merges) == 1 and merges[0].sources == [Span("t", 0, 10), Span("t", 50, 90)]


def test_relations_event_actor_list_alone_makes_no_membership_or_alliance():
    # 'make Azawad an Islamic state and merge the two groups into a single army':
    # the event lists every group named; no sentence reading says anyone joined
    # the Islamic State, nor that the groups named with a founding merged
    evs = [_event("merge", ["SLM", "TUC"], "Islamic State", "2012-05-26", "day", eid="e1"),
           _event("merge", ["Islamic State", "Al-Qaeda"], "ISSP", "2015", eid="e2", at=100),
           _event("alliance", ["FSU", "SLM", "TUC"], None, "2016", eid="e3", at=200),
           Event(id="e4", doc="t", sources=[Span("t", 300, 310)], date=DateValue("2017", "year"),
                 event_type="Strategic developments", sub_event_type="Other",
                 relation_change={"kind": "deployment", "actors": ["Wagner Group", "FSU"], "result": None})]
    said = [_said("agreement", "SLM", "TUC"), _said("alliance", "FSU", "SLM", at=200)]
    rels = relations_over_time(evs, {}, [], said)
    assert {(r.kind, r.source, r.target) for r in rels if r.kind in ("member", "merge", "alliance")} == \
        {("alliance", "FSU", "SLM")}  # what the sentence reading states, dated by its event
    assert [r.start.value for r in rels if r.kind == "alliance"] == ["2016"]
    assert all(r.sources for r in rels)


def test_relations_fighting_never_makes_membership():
    battle = Event(id="b1", doc="t", sources=[Span("t", 0, 5)], date=DateValue("2018-03-01", "day"),
                   event_type="Battles", sub_event_type="Armed clash", actor1="SLM", actor2="ISSP")
    hostile = _event("hostility", ["SLM", "ISSP"], None, "2018-04", "month", eid="h1", at=100)
    rels = relations_over_time([battle, hostile], {}, [], [])
    assert {r.kind for r in rels} == {"hostility"}


MORE = [
    ("By 2015 the TUC was strong. The breakaway faction, the Azawad Union, wanted more.",
     {("split", "AU-Az", "TUC", None)}),
    ("In 2016 the SLM and the TUC soon found themselves at odds.", {("hostility", "SLM", "TUC", "2016")}),
    ("In 2019 the TUC pulled out of the peace agreement.", {("hostility", "TUC", None, "2019")}),
    ("In 2019 the ceasefire was denounced by the SLM.", {("hostility", "SLM", None, "2019")}),
]


@pytest.mark.parametrize("text,expected", MORE)
def test_relations_narrative_splinter_odds_renounce(text, expected):
    assert _found(text) == expected


def test_relations_renounced_agreement_ends_it_and_the_alliance():
    evs = [_event("alliance", ["SLM", "TUC"], None, "2012-01-10", "day", eid="e1"),
           _event("agreement", ["SLM", "TUC"], None, "2012-05-26", "day", eid="e2", at=100)]
    narrative = [_said("alliance", "SLM", "TUC"),
                 Relation("hostility", "SLM", None, DateValue("2012-06-01", "day"), sources=[Span("t", 200, 205)])]
    rels = relations_over_time(evs, {}, [], narrative)
    assert _rels(rels, "agreement") == {("SLM", "TUC", "2012-05-26", "2012-06-01")}
    assert _rels(rels, "alliance") == {("SLM", "TUC", "2012-01-10", "2012-06-01")}


def test_relations_allies_fighting_each_other_end_the_alliance():
    battle = Event(id="b1", doc="t", sources=[Span("t", 0, 5)], date=DateValue("2012-06-26", "day"),
                   event_type="Battles", sub_event_type="Armed clash", actor1="TUC", actor2="SLM")
    evs = [_event("alliance", ["SLM", "TUC"], None, "2012-01-10", "day", eid="e1"), battle]
    rels = relations_over_time(evs, {}, [], [_said("alliance", "SLM", "TUC")])
    (a,) = [r for r in rels if r.kind == "alliance"]
    assert a.end.value == "2012-06-26" and "b1" in a.reason


def test_relations_event_actor_list_yields_to_sentence_reading():
    # the event lists every group of the sentence; the sentence reading knows the roles
    ev = _event("merge", ["TUC", "SLM", "Islamic State"], "FSU", "2019")
    narrative = [Relation("merge", "TUC", "FSU", None, sources=[Span("t", 0, 10)]),
                 Relation("merge", "SLM", "FSU", None, sources=[Span("t", 0, 10)])]
    rels = relations_over_time([ev], {}, [], narrative)
    assert _rels(rels, "merge") == {("TUC", "FSU", "2019", None), ("SLM", "FSU", "2019", None)}
    assert all(r.event_id == "e1" for r in rels if r.kind == "merge")


def test_relations_states_never_merge_or_split():
    ev = _event("merge", ["Government of Niger", "TUC"], "FSU", "2019")
    rels = relations_over_time([ev], {}, [], [_said("merge", "Government of Niger", "FSU"),
                                              _said("merge", "TUC", "FSU")])
    assert _rels(rels, "merge") == {("TUC", "FSU", "2019", None)}


def test_relations_undated_membership_starts_when_both_exist():
    infobox = {"sides": [{"side": 2, "members": [
        {"name": "FSU", "parent": None, "from": "2014", "until": None},
        {"name": "TUC", "parent": "FSU", "from": None, "until": None},
        {"name": "FSU", "parent": "Al-Qaeda", "from": None, "until": None},
    ]}]}
    rels = relations_over_time([], infobox, [], [])
    got = {(r.source, r.target, r.start.value if r.start else None) for r in rels}
    assert got == {("TUC", "FSU", "2014"), ("FSU", "Al-Qaeda", "2014")}


def test_relations_membership_cycle_keeps_the_infobox_side():
    infobox = {"sides": [{"side": 1, "members": [
        {"name": "Islamic State", "parent": None, "from": None, "until": None},
        {"name": "ISSP", "parent": "Islamic State", "from": None, "until": None}]}]}
    ev = _event("merge", ["Islamic State"], "ISSP", "2015")
    rels = relations_over_time([ev], infobox, [], [])
    assert {(r.kind, r.source, r.target) for r in rels} == {("member", "ISSP", "Islamic State")}


def test_relations_unidentified_groups_hold_position_but_are_no_party():
    text = "In 2013 the rebels pulled out of the peace agreement with the government."
    doc = Document(id="t", text=text)
    sents = [(0, len(text))]
    ments = {0: [ActorMention("Unidentified Armed Group (Niger)", "the rebels", Span("t", 8, 18)),
                 ActorMention("Government of {country}", "the government", Span("t", 58, 72))]}
    assert find_relations(doc, sents, ments, {0: DateValue("2013", "year")}) == []
