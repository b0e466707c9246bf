"""The local engine on several cores gives the one-process knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bellum.cli import app
from bellum.sources import source_files
from test_scale import export_jsonl, table

DEVSET = Path(__file__).parent / "devset3"


@pytest.mark.model
def test_parallel_build_equals_one_process_in_every_table(tmp_path):
    from bellum.kb import build

    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    build([DEVSET], db=one, jobs=1, batch_chars=3000).close()
    seen = []
    build([DEVSET], db=two, jobs=2, batch_chars=3000,
          progress=lambda done, total, doc: seen.append((done, total))).close()
    assert export_jsonl(one) == export_jsonl(two)  # byte for byte
    tables = [t for (t,) in table(one, "SHOW TABLES") if t != "meta"]  # meta holds build times
    for t in tables:
        assert table(two, f"SELECT * FROM {t} ORDER BY ALL") == table(one, f"SELECT * FROM {t} ORDER BY ALL"), t
    n = len(source_files([DEVSET]))
    assert seen[-1] == (n, n) and len(seen) == n  # progress for every document, in order


def test_parallel_small_corpus_stays_in_process(monkeypatch):
    from bellum import parallel

    monkeypatch.setattr(parallel, "_context", lambda: pytest.fail("a pool for one batch"))
    assert list(parallel.process_parallel([], jobs=4)) == []


@pytest.mark.parametrize("args, message", [
    (["--jobs", "0"], "--jobs"),
    (["--jobs", "2", "--engine", "dask"], "--jobs goes with --engine local"),
])
def test_parallel_cli_jobs_checked(tmp_path, args, message):
    (tmp_path / "a.txt").write_text("On 3 May 2021 gunmen attacked Gao.", encoding="utf-8")
    r = CliRunner().invoke(app, ["build", str(tmp_path / "a.txt"), "--db", str(tmp_path / "kb.duckdb"), *args])
    assert r.exit_code == 2, r.output
    assert message in r.output and "Traceback" not in r.output
