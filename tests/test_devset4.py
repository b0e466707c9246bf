"""Extraction measured on the fourth development set of tests/devset4/ (texts developers may read and tune on).

The gold checks run without the model; the scoring test builds a real
knowledge base and asserts only a modest floor, printing the figures."""

from __future__ import annotations

import pytest

import _heldout as H

DEVSET = H.TESTS / "devset4"
TEXTS = H.texts(DEVSET)


def test_devset4_has_four_articles_each_with_gold():
    assert len(TEXTS) == 4
    for t in TEXTS:
        words = len(t.read_text(encoding="utf-8").split())
        assert 350 <= words <= 700, (t.name, words)
        assert H.gold(t), t.name


@pytest.mark.parametrize("text_path", TEXTS, ids=lambda p: p.name)
def test_devset4_gold_quotes_are_in_the_read_text(text_path):
    H.check_quotes(text_path)


@pytest.mark.parametrize("text_path", TEXTS, ids=lambda p: p.name)
def test_devset4_gold_records_are_schema_v1(text_path):
    if H.SHARED_ACTORS is None:
        pytest.skip("shared/gold/actors.csv not found beside the repository")
    H.check_schema(text_path, H.actor_names([DEVSET]))


@pytest.mark.model
def test_devset4_extraction_scores_above_floor(tmp_path):
    scores = H.score(DEVSET, tmp_path, "devset4")
    assert scores["f1"] >= 0.4
