"""One definition of a coup and of its steps (infer/coups.py), used by extract, passages and
dedupe."""

from __future__ import annotations

import pytest

from bellum.infer.coups import (COUP_STEP_TYPES, NOT_STEPS, PASSAGE_STEP_TYPES,
                                SENTENCE_STEP_TYPES, is_coup)
from bellum.model import DateValue, Event, Span


def _event(**kw) -> Event:
    base = dict(id="", doc="d", sources=[Span("d", 0, 10)], date=DateValue("2021-05-24", "day"),
                event_type="Strategic developments", sub_event_type="Other")
    base.update(kw)
    return Event(**base)


@pytest.mark.parametrize("kw, coup", [
    (dict(relation_change={"kind": "coup", "actors": ["Government of Mali"], "result": None}), True),
    # 'mutineers arrested the chief of staff': a step of a coup, not a coup of its own
    (dict(sub_event_type="Arrests", actor1="Mutiny of Military Forces of Mali"), False),
    (dict(relation_change={"kind": "agreement", "actors": [], "result": None}), False),
    (dict(), False),
])
def test_coups_is_coup_reads_the_relation_change(kw, coup):
    assert is_coup(_event(**kw)) is coup


def test_coups_steps_widen_the_closer_they_are_told():
    assert COUP_STEP_TYPES < PASSAGE_STEP_TYPES < SENTENCE_STEP_TYPES
    assert "Arrests" in COUP_STEP_TYPES and "Looting/property destruction" not in PASSAGE_STEP_TYPES
    assert "deployment" in NOT_STEPS
