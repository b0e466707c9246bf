"""Extraction measured on the third development set of tests/devset3/ (texts developers may read and tune on).

The gold checks run without the model; the scoring test builds a real
knowledge base and asserts only a modest floor, printing the figures."""

from __future__ import annotations

import pytest

import _heldout as H

DEVSET = H.TESTS / "devset3"
TEXTS = H.texts(DEVSET)


def test_devset3_has_six_texts_each_with_gold():
    assert len(TEXTS) == 6
    for t in TEXTS:
        words = len(t.read_text(encoding="utf-8").split())
        assert 150 <= words <= 350, (t.name, words)
        assert H.gold(t), t.name


@pytest.mark.parametrize("text_path", TEXTS, ids=lambda p: p.name)
def test_devset3_gold_quotes_are_in_the_read_text(text_path):
    H.check_quotes(text_path)


@pytest.mark.parametrize("text_path", TEXTS, ids=lambda p: p.name)
def test_devset3_gold_records_are_schema_v1(text_path):
    if H.SHARED_ACTORS is None:
        pytest.skip("shared/gold/actors.csv not found beside the repository")
    H.check_schema(text_path, H.actor_names([DEVSET]))


@pytest.mark.model
def test_devset3_extraction_scores_above_floor(tmp_path):
    scores = H.score(DEVSET, tmp_path, "devset3")
    assert scores["f1"] >= 0.4
