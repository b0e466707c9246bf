"""The real texts beside the repository (../shared/realtexts): the English Sahel
slices built with their manifests, scored on the dev and blind parts of
tests/realtexts/split.csv. Only aggregate figures are printed (`pytest -s`);
the floors sit a little under today's figures, so a regression fails.

Figures when the floors were set (voa_en + wiki_en, with sources.csv):
dev F1 0.707, actor1 0.448; blind F1 0.619, actor1 0.462."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED

REAL = SHARED / "realtexts"
SLICES = ("voa_en", "wiki_en")
SPLIT = Path(__file__).parent / "realtexts" / "split.csv"
FLOORS = {"dev": {"f1": 0.65, "actor1": 0.40}, "blind": {"f1": 0.57, "actor1": 0.41}}

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not all((REAL / s / "gold.jsonl").is_file() for s in SLICES),
                       reason=f"the real texts are not beside the repository ({REAL} has no voa_en, wiki_en)"),
]


@pytest.fixture(scope="module")
def real_kb(tmp_path_factory):
    import bellum

    db = tmp_path_factory.mktemp("realtexts") / "kb.duckdb"
    bellum.build([REAL / s / "docs" for s in SLICES], db=db,
                 manifest=[REAL / s / "sources.csv" for s in SLICES]).close()
    return db


@pytest.mark.parametrize("part", ["dev", "blind"])
def test_real_sahel_slices_with_their_manifests(real_kb, part):
    from bellum.evaluate import evaluate_sets, gold_sets, read_split
    from bellum.kb import KnowledgeBase

    with KnowledgeBase(real_kb) as kb:
        rows = evaluate_sets(gold_sets([REAL / s / "gold.jsonl" for s in SLICES]), kb, read_split(SPLIT, part))
    for r in rows:  # aggregates only: never a single event of the blind part
        acc = r["field_accuracy"]
        print(f"\n{part} {r['set']}: {r['docs']} docs, gold {r['gold']}, predicted {r['predicted']}, "
              f"F1 {r['f1']:.3f} (P {r['precision']:.3f} R {r['recall']:.3f}), actor1 {acc['actor1']:.3f}, "
              f"date {acc['date']:.3f}, location {acc['location']:.3f}, fatalities {acc['fatalities']:.3f}")
    total = rows[-1]
    assert total["f1"] >= FLOORS[part]["f1"]
    assert total["field_accuracy"]["actor1"] >= FLOORS[part]["actor1"]


def test_real_texts_keep_every_event_dated_with_the_manifest(real_kb):
    from bellum.kb import KnowledgeBase, undated

    with KnowledgeBase(real_kb) as kb:
        assert undated(kb.con) == (0, 0)
        published = kb.con.execute("SELECT count(*) FROM documents WHERE published IS NOT NULL").fetchone()[0]
        sources = {s for (s,) in kb.con.execute("SELECT DISTINCT source FROM events").fetchall()}
    assert published >= 10  # every VOA report has its date from the manifest
    assert "Wikipedia" in sources
