"""Extraction measured on the held-out texts of tests/heldout/ (invented, never tuned on).

The gold checks run without the model; the scoring test builds a real
knowledge base and asserts only a modest floor, printing the figures."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from bellum.sources import read_text
from conftest import ACLED_TAXONOMY as TAXONOMY

HELDOUT = Path(__file__).parent / "heldout"
# the shared gold's actor list sits beside the repository (/work/shared next to /work/main)
SHARED_ACTORS = next((p / "shared" / "gold" / "actors.csv" for p in Path(__file__).resolve().parents
                      if (p / "shared" / "gold" / "actors.csv").is_file()), None)
TEXT_SUFFIXES = {".txt", ".wiki", ".html"}
TEXTS = sorted(p for p in HELDOUT.iterdir() if p.suffix in TEXT_SUFFIXES)


def _gold(text_path: Path) -> list[dict]:
    path = HELDOUT / f"{text_path.stem}.events.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _actor_names() -> set[str]:
    names = set()
    for path in (SHARED_ACTORS, HELDOUT / "actors.csv"):
        with path.open(encoding="utf-8") as f:
            names.update(row["name"] for row in csv.DictReader(f))
    return names


def test_heldout_set_has_twelve_texts_each_with_gold():
    assert len(TEXTS) == 12
    for t in TEXTS:
        words = len(t.read_text(encoding="utf-8").split())
        assert 150 <= words <= 650, (t.name, words)
        assert _gold(t), t.name


@pytest.mark.parametrize("text_path", TEXTS, ids=lambda p: p.name)
def test_heldout_gold_quotes_are_in_the_read_text(text_path):
    text = read_text(text_path.read_text(encoding="utf-8"), text_path.stem).text
    for rec in _gold(text_path):
        assert rec["doc"] == text_path.stem
        assert rec["quotes"], rec["id"]
        for q in rec["quotes"]:
            assert q in text, (rec["id"], q)


@pytest.mark.parametrize("text_path", TEXTS, ids=lambda p: p.name)
def test_heldout_gold_records_are_schema_v1(text_path):
    if SHARED_ACTORS is None:
        pytest.skip("shared/gold/actors.csv not found beside the repository")
    known = _actor_names()
    for rec in _gold(text_path):
        assert rec["sub_event_type"] in TAXONOMY[rec["event_type"]], rec["id"]
        assert rec["date_precision"] in {"day", "range", "month", "year"}, rec["id"]
        width = {"day": 10, "range": 10, "month": 7, "year": 4}[rec["date_precision"]]
        assert len(rec["date"]) == width, rec["id"]
        actors = [rec["actor1"], rec["actor2"], *rec["assoc_actor_1"], *rec["assoc_actor_2"]]
        assert all(a in known for a in actors if a), (rec["id"], actors)
        assert (rec["inter2"] is None) == (rec["actor2"] is None), rec["id"]
        if rec["control_change"]:
            assert rec["control_change"]["place"] and rec["control_change"]["to"], rec["id"]


@pytest.mark.model
def test_heldout_extraction_scores_above_floor(tmp_path):
    import bellum
    from bellum.evaluate import evaluate
    from bellum.export import schema_records

    folder = tmp_path / "texts"
    folder.mkdir()
    for t in TEXTS:  # only the texts: the README and gold files are not documents
        shutil.copy(t, folder / t.name)
    bellum.build([folder], db=tmp_path / "kb.duckdb").close()
    gold = [rec for t in TEXTS for rec in _gold(t)]
    kb = bellum.open(tmp_path / "kb.duckdb")
    try:
        predicted = list(schema_records(kb.con))
        texts = dict(kb.con.execute("SELECT doc_id, text FROM documents").fetchall())
    finally:
        kb.close()
    assert set(texts) == {t.stem for t in TEXTS}
    scores = evaluate(gold, predicted, texts)
    print("\nheld-out:", json.dumps(scores, indent=1))
    for t in TEXTS:
        s = evaluate([g for g in gold if g["doc"] == t.stem], predicted, texts)
        print(f"  {t.stem:24} P {s['precision']:.2f} R {s['recall']:.2f} F1 {s['f1']:.2f} "
              f"({s['matched']}/{s['gold']} gold, {s['predicted']} predicted)")
    assert scores["f1"] >= 0.4
