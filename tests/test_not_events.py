"""Sentences and words that tell no event (nlp/not_events.py), on invented texts."""

from __future__ import annotations

import pytest

from bellum.nlp.not_events import CANDIDATE_FILTERS, WORDS
from bellum.sources import read_text


def run(nlp, res, text):
    from bellum.extract import process_document

    doc = read_text(text, "t")
    return process_document(doc, nlp(doc.text), res).events


def test_filters_are_one_ordered_table_with_their_words():
    assert [n for n, _f in CANDIDATE_FILTERS] == ["time_bound", "general_state", "abandoned_plan"]
    assert {"support", "state", "frequency", "bound", "give_up", "plan"} <= set(WORDS)


@pytest.mark.parametrize("text, kept", [
    # what a 'since' bounds is no event of this sentence
    ("On 2 March 2024, gunmen killed eight villagers near Tinzo, the worst raid there since "
     "the mutiny.", "Battles"),
    ("On 2 March 2024, the army shelled rebel positions in Agoua for the first time since "
     "the ceasefire.", "Explosions/Remote violence"),
])
def test_an_event_after_since_only_bounds_a_time(nlp, res, text, kept):
    events = run(nlp, res, text)
    assert [e.event_type for e in events] == [kept]  # no second event for the mutiny/ceasefire


@pytest.mark.parametrize("text", [
    "Kidnappings in the east were rare until last year.",
    "Ambushes on the road have become common.",
    "Attacks on convoys remained infrequent in the north.",
])
def test_how_often_things_happened_is_no_event(nlp, res, text):
    assert run(nlp, res, text) == []


def test_a_state_told_of_one_attack_is_still_an_event(nlp, res):
    text = "On 4 April 2024, the attack on the army camp in Tora was brief."
    events = run(nlp, res, text)
    assert len(events) == 1 and events[0].event_type == "Battles"


@pytest.mark.parametrize("text", [
    "On 6 May 2024, army helicopters air-dropped supplies in support of the besieged "
    "soldiers in Kelmi.",
    "On 7 May 2024, Chadian troops escorted a convoy of food to the besieged garrison of Tambo.",
    "On 8 May 2024, the army sent reinforcements to the besieged garrison in Kelmi.",
])
def test_help_to_a_besieged_side_is_no_attack_on_it(nlp, res, text):
    for e in run(nlp, res, text):
        # the help itself may be an event (Strategic developments/Other), never an attack
        assert e.event_type == "Strategic developments" and e.actor2 is None, e


def test_help_is_told_as_the_helper_s_event(nlp, res):
    text = ("In March 2024, although the Air Force of Chad air-dropped supplies in support of "
            "the besieged soldiers in Tambo, the garrison surrendered.")
    helped = [e for e in run(nlp, res, text) if e.sub_event_type == "Other"]
    assert helped and helped[0].actor1 == "Military Forces of Chad"
    assert helped[0].location == "Tambo"


def test_giving_up_a_plan_is_no_withdrawal(nlp, res):
    text = "On 9 May 2024, the army abandoned plans to retake the road to Kelmi."
    events = run(nlp, res, text)
    assert all(e.sub_event_type != "Non-violent transfer of territory" for e in events)
