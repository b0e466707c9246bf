"""`bellum eval` over a folder of gold sets, and a split's parts. Invented
documents, events and gold; the knowledge base is written directly (no model)."""

from __future__ import annotations

import json

import pytest

from bellum import store
from bellum.errors import InvalidArgument
from bellum.evaluate import evaluate_sets, gold_sets, read_split
from bellum.export import event_row
from bellum.kb import KnowledgeBase
from bellum.model import DateValue, DocResult, Document, Event, Span
from conftest import run_cli

TEXTS = {
    "a1": "Gunmen attacked Gao on 3 May 2020. Rain fell.",
    "a2": "Soldiers clashed with rebels in Kidal on 4 May 2020.",
    "b1": "A bomb exploded in Mopti on 5 May 2020.",
    "b2": "Nothing happened in Segou.",  # no gold event: its predictions still count
}


def _event(doc: str, quote: str, event_type: str, date: str) -> Event:
    i = TEXTS[doc].index(quote)
    return Event(id=f"{doc}-0001", doc=doc, sources=[Span(doc, i, i + len(quote))],
                 date=DateValue(date, "day"), event_type=event_type, sub_event_type="Armed clash")


def _gold(doc: str, quote: str, event_type: str, date: str) -> dict:
    return {"id": f"g-{doc}", "doc": doc, "quotes": [quote], "date": date, "date_precision": "day",
            "event_type": event_type, "sub_event_type": "Armed clash", "actor1": None, "actor2": None,
            "location": None, "fatalities": None}


@pytest.fixture
def sets(tmp_path):
    root = tmp_path / "gold"
    (root / "slice_a").mkdir(parents=True)
    (root / "slice_b" / "docs").mkdir(parents=True)
    (root / "slice_a" / "sources.csv").write_text("id,published\na1,2020-05-04\na2,\n", encoding="utf-8")
    (root / "slice_a" / "gold.jsonl").write_text(
        json.dumps(_gold("a1", "Gunmen attacked Gao", "Battles", "2020-05-03")) + "\n" +
        json.dumps(_gold("a2", "Soldiers clashed with rebels", "Battles", "2020-05-04")) + "\n", encoding="utf-8")
    for d in ("b1", "b2"):
        (root / "slice_b" / "docs" / f"{d}.txt").write_text(TEXTS[d], encoding="utf-8")
    (root / "slice_b" / "gold.jsonl").write_text(
        json.dumps(_gold("b1", "A bomb exploded", "Explosions/Remote violence", "2020-05-05")) + "\n",
        encoding="utf-8")
    split = tmp_path / "split.csv"
    split.write_text("slice,id,split\nslice_a,a1,dev\nslice_a,a2,blind\nslice_b,b1,dev\nslice_b,b2,dev\n",
                     encoding="utf-8")
    events = [_event("a1", "Gunmen attacked Gao", "Battles", "2020-05-03"),
              _event("a2", "Soldiers clashed", "Battles", "2020-05-04"),
              _event("b1", "A bomb exploded", "Explosions/Remote violence", "2020-05-05"),
              _event("b2", "Nothing happened", "Battles", "2020-05-06")]  # spurious
    docs = [DocResult(Document(id=d, text=t)) for d, t in TEXTS.items()]
    db = tmp_path / "kb.duckdb"
    store.write(store.KnowledgeData(results=docs, events=events), db, event_row)
    return root, split, db


def test_each_gold_file_is_a_set_with_its_own_documents(sets):
    root, _split, db = sets
    found = gold_sets([root])
    assert [(s.name, sorted(s.docs)) for s in found] == [("slice_a", ["a1", "a2"]), ("slice_b", ["b1", "b2"])]
    with KnowledgeBase(db) as kb:
        rows = evaluate_sets(found, kb)
    by = {r["set"]: r for r in rows}
    assert list(by) == ["slice_a", "slice_b", "total"]
    assert (by["slice_a"]["matched"], by["slice_a"]["predicted"], by["slice_a"]["f1"]) == (2, 2, 1.0)
    # b2 has no gold event, but it is a document of the set: its event is a false positive
    assert (by["slice_b"]["matched"], by["slice_b"]["predicted"], by["slice_b"]["gold"]) == (1, 2, 1)
    assert (by["total"]["matched"], by["total"]["predicted"], by["total"]["gold"]) == (3, 4, 3)


def test_split_restricts_the_documents(sets):
    root, split, db = sets
    assert read_split(split, "blind") == {"a2"}
    with KnowledgeBase(db) as kb:
        rows = evaluate_sets(gold_sets([root]), kb, read_split(split, "blind"))
    assert [(r["set"], r["docs"], r["gold"], r["predicted"]) for r in rows] == [
        ("slice_a", 1, 1, 1), ("total", 1, 1, 1)]
    with pytest.raises(InvalidArgument, match="has the parts"):
        read_split(split, "test")


def test_cli_eval_folder_rows_and_json(sets):
    root, split, db = sets
    r = run_cli("eval", root, "--db", db)
    assert r.returncode == 0, r.stderr
    assert "slice_a" in r.stdout and "slice_b" in r.stdout and "total" in r.stdout
    r = run_cli("eval", root / "slice_a" / "gold.jsonl", root / "slice_b" / "gold.jsonl", "--db", db, "--json")
    assert [x["set"] for x in json.loads(r.stdout)] == ["slice_a", "slice_b", "total"]
    r = run_cli("eval", root, "--db", db, "--split", split, "--part", "dev", "--json")
    assert [(x["set"], x["docs"]) for x in json.loads(r.stdout)] == [("slice_a", 1), ("slice_b", 2), ("total", 3)]
    # one gold file: the old single table and one JSON object
    r = run_cli("eval", root / "slice_a" / "gold.jsonl", "--db", db, "--json")
    assert json.loads(r.stdout)["matched"] == 2


def test_cli_eval_refuses_per_event_output_on_the_blind_part(sets):
    root, split, db = sets
    r = run_cli("eval", root, "--db", db, "--split", split, "--part", "blind", "--errors")
    assert r.returncode == 2 and "refused on the blind part" in r.stderr and not r.stdout
    r = run_cli("eval", root, "--db", db, "--split", split, "--part", "dev", "--errors", "--json")
    assert r.returncode == 0
    assert [(e["doc"], e["kind"]) for e in json.loads(r.stdout)] == [("b2", "spurious")]
    r = run_cli("eval", root, "--db", db, "--part", "dev")
    assert r.returncode == 2 and "go together" in r.stderr
