"""End to end through the real `bellum` command on the bundled article."""

from __future__ import annotations

import csv
import io
import json

import pytest

from bellum.export import ACLED_COLUMNS, SCHEMA_V1_FIELDS
from conftest import ACLED_TAXONOMY as TYPES
from conftest import CORPUS, GOLD, run_cli

pytestmark = pytest.mark.model

@pytest.fixture(scope="module")
def cli_kb(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "kb.duckdb"
    r = run_cli("build", CORPUS, "--db", db)
    assert r.returncode == 0, r.stderr
    assert "1 document(s)" in r.stderr
    return db


def test_cli_export_jsonl_is_schema_v1_with_exact_quotes(cli_kb):
    r = run_cli("export", "--db", cli_kb, "--format", "jsonl")
    assert r.returncode == 0
    text = CORPUS.read_text(encoding="utf-8")
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(records) > 20
    for rec in records:
        assert list(rec) == SCHEMA_V1_FIELDS + ["sources"]
        assert rec["event_type"] in TYPES and rec["sub_event_type"] in TYPES[rec["event_type"]]
        assert rec["date_precision"] in {"day", "range", "month", "year"}
        assert len(rec["date"]) == {"day": 10, "range": 10, "month": 7, "year": 4}[rec["date_precision"]]
        assert rec["quotes"] and len(rec["quotes"]) == len(rec["sources"])
        for q, s in zip(rec["quotes"], rec["sources"]):
            assert q in text and text[s["start"]:s["end"]] == q


def test_cli_export_acled_csv_columns(cli_kb, tmp_path):
    out = tmp_path / "events.csv"
    r = run_cli("export", "--db", cli_kb, "--format", "acled-csv", "-o", out)
    assert r.returncode == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0] == ACLED_COLUMNS
    body = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert body and all(row["country"] for row in body)
    assert all(row["time_precision"] in {"1", "2", "3"} for row in body)
    assert all(len(row["event_date"]) == 10 for row in body)


def test_cli_events_filters(cli_kb):
    r = run_cli("events", "--db", cli_kb, "--since", "2013", "--until", "2013-12", "--json")
    assert r.returncode == 0
    rows = json.loads(r.stdout)
    assert rows and all(row["event_date"].startswith("2013") for row in rows)
    r = run_cli("events", "--db", cli_kb, "--format", "csv", "--limit", "2")
    assert r.returncode == 0 and r.stdout.splitlines()[0].startswith("event_id_cnty,event_date")
    assert len(r.stdout.splitlines()) == 3


@pytest.mark.skipif(not GOLD.exists(), reason="shared gold not present")
def test_cli_eval_json_keys(cli_kb):
    r = run_cli("eval", GOLD, "--db", cli_kb, "--json")
    assert r.returncode == 0, r.stderr
    scores = json.loads(r.stdout)
    assert {"precision", "recall", "f1", "field_accuracy"} <= set(scores)
    assert set(scores["field_accuracy"]) == {"event_type", "sub_event_type", "date", "actor1", "actor2",
                                             "location", "fatalities"}


def test_cli_python_api_returns_acled_frame(cli_kb):
    import bellum

    with bellum.open(cli_kb) as kb:
        df = kb.events(since="2012", until="2030")
    assert list(df.columns[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert len(df) > 20 and df["event_date"].is_monotonic_increasing
