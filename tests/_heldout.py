"""Shared checks for the held-out sets (tests/heldout/, tests/heldout2/): texts bellum's developers
never tuned on, with hand-written gold in the event-schema v1.

Each set is a folder of texts (.txt/.wiki/.html), one `<stem>.events.jsonl` per text and an
actors.csv of names the shared gold list lacks."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from bellum.sources import read_text
from conftest import ACLED_TAXONOMY as TAXONOMY

TESTS = Path(__file__).parent
# the shared gold's actor list sits beside the repository (/work/shared next to /work/main)
SHARED_ACTORS = next((p / "shared" / "gold" / "actors.csv" for p in Path(__file__).resolve().parents
                      if (p / "shared" / "gold" / "actors.csv").is_file()), None)
TEXT_SUFFIXES = {".txt", ".wiki", ".html"}


def texts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in TEXT_SUFFIXES)


def gold(text_path: Path) -> list[dict]:
    path = text_path.with_name(f"{text_path.stem}.events.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def actor_names(folders: list[Path]) -> set[str]:
    """Canonical names: the shared list plus each held-out folder's actors.csv."""
    names = set()
    for path in [SHARED_ACTORS, *(f / "actors.csv" for f in folders)]:
        if path is not None and path.is_file():
            with path.open(encoding="utf-8") as f:
                names.update(row["name"] for row in csv.DictReader(f))
    return names


def check_quotes(text_path: Path) -> None:
    text = read_text(text_path.read_text(encoding="utf-8"), text_path.stem).text
    for rec in gold(text_path):
        assert rec["doc"] == text_path.stem
        assert rec["quotes"], rec["id"]
        for q in rec["quotes"]:
            assert q in text, (rec["id"], q)


def check_schema(text_path: Path, known: set[str]) -> None:
    for rec in gold(text_path):
        assert rec["sub_event_type"] in TAXONOMY[rec["event_type"]], rec["id"]
        assert rec["date_precision"] in {"day", "range", "month", "year"}, rec["id"]
        width = {"day": 10, "range": 10, "month": 7, "year": 4}[rec["date_precision"]]
        assert len(rec["date"]) == width, rec["id"]
        actors = [rec["actor1"], rec["actor2"], *rec["assoc_actor_1"], *rec["assoc_actor_2"]]
        assert all(a in known for a in actors if a), (rec["id"], actors)
        assert (rec["inter2"] is None) == (rec["actor2"] is None), rec["id"]
        if rec["control_change"]:
            assert rec["control_change"]["place"] and rec["control_change"]["to"], rec["id"]


def score(folder: Path, tmp_path: Path, label: str) -> dict:
    """Build a knowledge base from copies of the set's texts and score it against the gold;
    prints overall and per-document figures (never which events were missed)."""
    import bellum
    from bellum.evaluate import evaluate
    from bellum.export import schema_records

    paths = texts(folder)
    copies = tmp_path / "texts"
    copies.mkdir()
    for t in paths:  # only the texts: the README and gold files are not documents
        shutil.copy(t, copies / t.name)
    bellum.build([copies], db=tmp_path / "kb.duckdb").close()
    golds = [rec for t in paths for rec in gold(t)]
    kb = bellum.open(tmp_path / "kb.duckdb")
    try:
        predicted = list(schema_records(kb.con))
        docs = dict(kb.con.execute("SELECT doc_id, text FROM documents").fetchall())
    finally:
        kb.close()
    assert set(docs) == {t.stem for t in paths}
    scores = evaluate(golds, predicted, docs)
    print(f"\n{label}:", json.dumps(scores, indent=1))
    for t in paths:
        s = evaluate([g for g in golds if g["doc"] == t.stem], predicted, docs)
        print(f"  {t.stem:24} P {s['precision']:.2f} R {s['recall']:.2f} F1 {s['f1']:.2f} "
              f"({s['matched']}/{s['gold']} gold, {s['predicted']} predicted)")
    return scores
