"""Bad input gets one clear line and a non-zero exit; the knowledge base survives."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import CORPUS, bellum_cmd, run_cli

pytestmark = pytest.mark.model


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture()
def kb(tmp_path) -> Path:
    src = tmp_path / "good.txt"
    src.write_text("On 3 March 2019, gunmen killed 4 soldiers near Gao, Mali.\n", encoding="utf-8")
    db = tmp_path / "kb.duckdb"
    r = run_cli("build", src, "--db", db, "--quiet")
    assert r.returncode == 0, r.stderr
    return db


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp / "empty.txt"
    empty.write_text("")
    binary = tmp / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    latin = tmp / "latin1.txt"
    latin.write_bytes("Les combats à Tombouctou ont fait 3 morts.".encode("latin-1"))
    huge = tmp / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB
        f.seek(0)
        f.write(b"Fighting. ")
    nothing = tmp / "nothing"
    nothing.mkdir()
    (nothing / "data.bin").write_bytes(b"x")
    markup = tmp / "tags.html"
    markup.write_text("<html><body><script>x</script><div></div></body></html>")
    return {
        "empty": (empty, "empty"),
        "binary": (binary, "binary"),
        "encoding": (latin, "UTF-8"),
        "huge": (huge, "limit"),
        "empty folder": (nothing, "no text files"),
        "missing": (tmp / "missing.txt", "no such file"),
        "markup only": (markup, "no text"),
    }


@pytest.mark.parametrize("case", ["empty", "binary", "encoding", "huge", "empty folder", "missing", "markup only"])
def test_bad_input_refused_and_kb_unchanged(kb, tmp_path, case):
    path, words = _bad_inputs(tmp_path)[case]
    before = _sha(kb)
    r = run_cli("build", path, "--db", kb, "--quiet")
    assert r.returncode != 0
    lines = [ln for ln in r.stderr.strip().splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert words.lower() in lines[0].lower() and str(path.name) in lines[0]
    assert _sha(kb) == before


def test_bad_input_corrupt_db_is_refused(tmp_path):
    db = tmp_path / "corrupt.duckdb"
    db.write_bytes(b"this is not a database" * 100)
    before = _sha(db)
    for args in (["events", "--db", db], ["export", "--db", db, "--format", "jsonl"]):
        r = run_cli(*args)
        assert r.returncode == 3 and "Traceback" not in r.stderr
        assert "not a readable DuckDB knowledge base" in r.stderr or "not a bellum knowledge base" in r.stderr
    src = tmp_path / "ok.txt"
    src.write_text("On 3 March 2019, gunmen killed 4 soldiers near Gao, Mali.\n")
    r = run_cli("build", src, "--db", db, "--quiet")  # never overwrite a file that is not a KB
    assert r.returncode == 3 and _sha(db) == before


def test_bad_input_unknown_format_and_bad_date(kb):
    r = run_cli("export", "--db", kb, "--format", "xlsx")
    assert r.returncode == 2 and "unknown --format 'xlsx'" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("events", "--db", kb, "--since", "last tuesday")
    assert r.returncode == 2 and "is not a date" in r.stderr


def test_bad_input_missing_db(tmp_path):
    r = run_cli("events", "--db", tmp_path / "none.duckdb")
    assert r.returncode == 3 and "bellum build" in r.stderr


def test_bad_input_interrupted_build_leaves_kb_byte_identical(kb, tmp_path):
    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(4):
        (corpus / f"copy{i}.txt").write_text(CORPUS.read_text(encoding="utf-8"), encoding="utf-8")
    before = _sha(kb)
    proc = subprocess.Popen([*bellum_cmd(), "build", str(corpus), "--db", str(kb), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(4)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _sha(kb) == before
    r = run_cli("events", "--db", kb, "--json")
    assert r.returncode == 0 and json.loads(r.stdout)[0]["doc_id"] == "good"


def test_bad_input_impossible_dates_and_absurd_numbers_stay_honest(tmp_path):
    src = tmp_path / "odd.txt"
    src.write_text(
        "On 45 March 2019, gunmen attacked the town of Gao, Mali, killing 5,000,000 people.\n\n"
        "On 31 February 2020, militants attacked a base in Menaka, killing 12 soldiers.\n\n"
        "In the year 30000, JNIM attacked Kidal.\n", encoding="utf-8")
    db = tmp_path / "kb.duckdb"
    r = run_cli("build", src, "--db", db, "--quiet")
    assert r.returncode == 0, r.stderr
    records = [json.loads(x) for x in run_cli("export", "--db", db, "--format", "jsonl").stdout.splitlines()]
    by_place = {rec["location"]: rec for rec in records}
    # an impossible day keeps what the text does support: the month
    assert by_place["Gao"]["date"] == "2019-03" and by_place["Gao"]["date_precision"] == "month"
    assert by_place["Menaka"]["date"] == "2020-02" and by_place["Menaka"]["date_precision"] == "month"
    # five million dead in one attack is not a figure to publish
    assert by_place["Gao"]["fatalities"] is None
    assert by_place["Menaka"]["fatalities"] == 12
    assert all(int(rec["date"][:4]) < 2100 for rec in records)
