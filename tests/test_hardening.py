"""Hardening of the CLI (issue 17): every failure is one line and an exit code
(1 general, 2 bad input or argument, 3 not a knowledge base), bad values are
refused naming what is accepted, nothing is fetched from the network, and a
build cleans up after a killed one.

Most cases run the real `bellum` command in-process with typer's CliRunner
(the same root command and error boundary as the installed script); the
server and build cases run it in a subprocess."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bellum.cli import app
from bellum.server.testing import write_sample_kb
from conftest import run_cli

RUNNER = CliRunner()


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> Path:
    return write_sample_kb(tmp_path_factory.mktemp("hard") / "sample.duckdb")


def cli(*args):
    return RUNNER.invoke(app, [str(a) for a in args])


def assert_one_line_error(result, code: int, *words: str) -> str:
    """The command failed with `code` and said so in one line naming `words`."""
    stderr = result.stderr  # a CliRunner Result or a CompletedProcess
    got = getattr(result, "exit_code", getattr(result, "returncode", None))
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert got == code, (got, stderr)
    assert "Traceback" not in stderr + (result.stdout or ""), stderr
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    for w in words:
        assert w in lines[0], (w, lines[0])
    return lines[0]


# ---- the tracebacks of the probe, each now one line --------------------------------------

@pytest.mark.parametrize("args, code, words", [
    (["control", "Kidal", "--at", "2012-02-30"], 2, ["2012-02-30", "not a real calendar date"]),
    (["state", "2024-13"], 2, ["2024-13", "not a real calendar date"]),
    (["graph", "--at", "2017-99"], 2, ["2017-99"]),
    (["control", "Kidal", "--at", "2012-03-30T10:00"], 2, ["YYYY-MM-DD"]),
    (["state", "\u0662\u0660\u0661\u0662"], 2, ["not a date"]),  # Arabic-Indic digits
    (["export", "--format", "jsonl", "-o", "/nonexistent/dir/x.jsonl"], 2, ["/nonexistent/dir/x.jsonl", "cannot write"]),
    (["graph", "-o", "/nonexistent/dir/g.json"], 2, ["cannot write"]),
])
def test_hardening_cli_former_tracebacks_are_one_line(kb, args, code, words):
    assert_one_line_error(cli(*args, "--db", kb), code, *words)


def test_hardening_cli_build_into_a_missing_folder_fails_before_the_work(tmp_path):
    src = tmp_path / "report.txt"
    src.write_text("On 3 March 2019, gunmen killed 4 soldiers near Gao, Mali.\n")
    assert_one_line_error(cli("build", src, "--db", tmp_path / "no" / "kb.duckdb", "--quiet"), 2,
                          "does not exist", "choose another --db")


def test_hardening_cli_parquet_onto_an_existing_file(kb, tmp_path):
    existing = tmp_path / "existing.csv"
    existing.write_text("a,b\n")
    assert_one_line_error(cli("export", "--db", kb, "--format", "parquet", "-o", existing), 2,
                          "is a file", "folder")
    assert existing.read_text() == "a,b\n"
    out = tmp_path / "tables"
    r = cli("export", "--db", kb, "--format", "parquet", "-o", out)
    assert r.exit_code == 0 and (out / "events.parquet").is_file()


@pytest.mark.parametrize("port", ["99999", "0", "-1", "http"])
def test_hardening_cli_serve_bad_port(kb, port):
    assert_one_line_error(cli("serve", "--db", kb, "--port", port), 2, "--port")


def test_hardening_cli_usage_errors_are_one_line(kb):
    assert_one_line_error(cli("events", "--db", kb, "--actr", "JNIM"), 2, "--actr")
    assert_one_line_error(cli("events", "--db", kb, "--limit", "many"), 2, "--limit")
    assert_one_line_error(cli("state", "--db", kb), 2, "DATE".lower())
    assert_one_line_error(cli("nonsense"), 2, "nonsense")


def test_hardening_cli_markup_in_a_value_is_printed_as_is(kb):
    line = assert_one_line_error(cli("actor", "[bold]x[/y]", "--db", kb), 2)
    assert "[bold]x[/y]" in line


def test_hardening_cli_unexpected_error_is_one_line_unless_asked(kb, tmp_path, monkeypatch):
    """A bug surfaces as one line saying how to see the traceback, exit 1."""
    import bellum.export as export

    def broken(*a, **k):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(export, "export", broken)
    line = assert_one_line_error(cli("export", "--db", kb, "--format", "jsonl"), 1, "ZeroDivisionError", "a bug")
    assert "BELLUM_TRACEBACK=1" in line
    monkeypatch.setenv("BELLUM_TRACEBACK", "1")
    r = cli("export", "--db", kb, "--format", "jsonl")
    assert r.exit_code == 1 and isinstance(r.exception, ZeroDivisionError)


# ---- silent acceptance, now refused naming what is accepted ------------------------------

@pytest.mark.parametrize("args, words", [
    (["events", "--type", "Battle"], ["'Battle'", "did you mean 'Battles'?", "Riots"]),
    (["events", "--sub-type", "armed clashes"], ["did you mean 'Armed clash'?"]),
    (["events", "--min-confidence", "2"], ["min_confidence", "between 0 and 1"]),
    (["events", "--since", "2024", "--until", "2012"], ["since (2024) is after until (2012)"]),
    (["events", "--since", "\uff12\uff10\uff11\uff12"], ["since", "not a date"]),  # fullwidth digits
    (["events", "--limit", "-3"], ["limit"]),
    (["events", "--actor", "ALF", "--actor", "FAMa"], ["--actor is given more than once"]),
    (["control", "Kidal", "--at", "2012", "--at", "2013"], ["--at is given more than once"]),
    (["gazetteer", "search", "Gao", "--limit", "-3"], ["--limit", "between 1 and 1000"]),
    (["gazetteer", "search", "Gao", "--country", "Narnia"], ["'Narnia'", "ISO2"]),
])
def test_hardening_cli_refuses_values_it_used_to_accept(kb, args, words):
    db = ["--db", str(kb)] if args[0] != "gazetteer" else []
    assert_one_line_error(cli(*args, *db), 2, *words)


def test_hardening_cli_accepted_values_still_work(kb):
    r = cli("events", "--db", kb, "--type", "battles", "--json")
    assert r.exit_code == 0 and r.stdout.count('"event_type":"Battles"') == 5
    r = cli("gazetteer", "search", "Gao", "--country", "ml", "--limit", "1", "--json")
    assert r.exit_code == 0 and '"country_code": "ML"' in r.stdout


def test_hardening_eval_with_an_empty_gold_file(kb, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n\n")
    assert_one_line_error(cli("eval", gold, "--db", kb), 2, "gold.jsonl", "no gold events")


# ---- not a knowledge base: SQLite, corrupt files; and no extension download ----------------

def _sqlite_file(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.commit()
    con.close()
    return path


def test_hardening_sqlite_file_is_not_a_knowledge_base(tmp_path):
    lite = _sqlite_file(tmp_path / "kb.duckdb")
    before = lite.read_bytes()
    for args in (["events"], ["state", "2012"], ["serve"], ["export", "--format", "jsonl"]):
        assert_one_line_error(cli(*args, "--db", lite), 3, "SQLite", "move or delete")
    src = tmp_path / "report.txt"
    src.write_text("On 3 March 2019, gunmen killed 4 soldiers near Gao, Mali.\n")
    assert_one_line_error(cli("build", src, "--db", lite, "--quiet"), 3, "SQLite")
    assert lite.read_bytes() == before


def test_hardening_corrupt_db_advice_works(tmp_path):
    """The advice of the message, followed, gives a working command."""
    bad = tmp_path / "kb.duckdb"
    bad.write_bytes(b"this is not a database" * 100)
    line = assert_one_line_error(cli("events", "--db", bad), 3, "move or delete", "choose another --db")
    assert "rebuild it" not in line
    other = write_sample_kb(tmp_path / "other.duckdb")  # "choose another --db"
    assert cli("events", "--db", other).exit_code == 0


def test_hardening_every_duckdb_connection_disables_extension_downloads():
    from bellum import store

    con = store.duckdb_connect(":memory:")
    settings = dict(con.execute(
        "SELECT name, value FROM duckdb_settings() WHERE name IN "
        "('autoinstall_known_extensions', 'autoload_known_extensions')").fetchall())
    con.close()
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}
    # ... and nothing in the package opens DuckDB any other way
    src = Path(store.__file__).parent
    offenders = [str(p.relative_to(src)) for p in src.rglob("*.py")
                 if "duckdb.connect(" in p.read_text(encoding="utf-8") and p.name != "store.py"]
    assert offenders == []
    assert (src / "store.py").read_text(encoding="utf-8").count("duckdb.connect(") == 1


def test_hardening_duckdb_does_not_fetch_the_sqlite_extension(tmp_path):
    """Even past bellum's own check, DuckDB is not allowed to install sqlite_scanner."""
    import duckdb

    from bellum import store

    lite = _sqlite_file(tmp_path / "x.db")
    with pytest.raises(duckdb.Error, match="(?i)install|not found|not loaded|extension"):
        store.duckdb_connect(lite, read_only=True)
    extensions = Path.home() / ".duckdb" / "extensions"
    assert not list(extensions.rglob("sqlite_scanner*")) if extensions.exists() else True


# ---- serve: a port in use ------------------------------------------------------------------

def test_hardening_serve_port_in_use_says_so_before_serving(kb):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run_cli("serve", "--db", kb, "--port", port, timeout=120)
    assert "serving" not in r.stderr
    assert_one_line_error(r, 1, f"port {port} is in use")


# ---- reading inputs: UTF-16, --skip-bad, leftovers of killed builds ------------------------

def test_hardening_utf16_with_bom_is_read():
    from bellum.sources import read_bytes

    text = "Les combats à Tombouctou ont fait 3 morts le 2 mai 2013.\n"
    for codec, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00")):
        doc = read_bytes(bom + text.encode(codec), doc_id="fr")
        assert "Tombouctou" in doc.text and "\x00" not in doc.text, codec


@pytest.mark.model
def test_hardening_build_skip_bad_and_leftovers(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_text("On 3 March 2019, gunmen killed 4 soldiers near Gao, Mali.\n")
    (folder / "wide.txt").write_bytes("\ufeffOn 5 May 2020, JNIM attacked Menaka, Mali, killing 7 soldiers.\n"
                                      .encode("utf-16"))
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "latin.txt").write_bytes("Les combats à Tombouctou.".encode("latin-1"))
    db = tmp_path / "kb.duckdb"
    db.touch()  # an empty file (touch, mktemp) is no knowledge base, but nothing to lose: build may replace it
    # what builds killed mid-write leave: a dead PID's files go, a live one's stay
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = [tmp_path / f".kb.duckdb.tmp-{dead.pid}", tmp_path / f".kb.duckdb.tmp-{dead.pid}.wal"]
    live = tmp_path / f".kb.duckdb.tmp-{os.getpid()}"
    for f in [*stale, live]:
        f.write_bytes(b"partial")

    r = run_cli("build", folder, "--db", db, "--quiet")  # without --skip-bad: one bad file stops it
    assert_one_line_error(r, 2, "image.txt")
    assert db.stat().st_size == 0

    r = run_cli("build", folder, "--db", db, "--quiet", "--skip-bad")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert "2 document(s)" in r.stderr and "2 unreadable file(s) skipped" in r.stderr
    skipped = [ln for ln in r.stderr.splitlines() if ln.startswith("skipped ")]
    assert len(skipped) == 2 and "image.txt" in skipped[0] + skipped[1] and "latin.txt" in skipped[0] + skipped[1]
    assert not any(f.exists() for f in stale) and live.exists()
    r = run_cli("events", "--db", db, "--json")
    assert r.returncode == 0 and '"doc_id":"wide"' in r.stdout.replace(" ", "")


def test_hardening_serve_answers_loopback_and_allowed_hosts_only(kb):
    import time

    import httpx

    from conftest import bellum_cmd

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([*bellum_cmd(), "serve", "--db", str(kb), "--port", str(port),
                             "--allow-host", "kb.lab.test"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/api/info"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url, timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()[1]
                time.sleep(0.2)
        assert httpx.get(url, headers={"Host": f"kb.lab.test:{port}"}).status_code == 200
        assert httpx.get(url, headers={"Host": f"localhost:{port}"}).status_code == 200
        r = httpx.get(url, headers={"Host": "attacker.example"})
        assert r.status_code == 400 and "--allow-host attacker.example" in r.json()["error"]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "serving" in proc.stderr.read()


def test_a_path_the_system_refuses_is_one_line(tmp_path):
    # a file name over the system's limit: OSError, never 'internal error' or a traceback
    from typer.testing import CliRunner

    from bellum.cli import app

    long = str(tmp_path / ("a" * 300))
    for args in (["eval", long, "--db", long], ["eval", str(tmp_path), "--split", long, "--part", "dev"],
                 ["build", long, "--db", str(tmp_path / "kb.duckdb")]):
        r = CliRunner().invoke(app, args)
        said = r.output + (r.stderr if r.stderr_bytes is not None else "")
        assert r.exit_code in (1, 2, 3), (args, said)
        assert "internal error" not in said and "Traceback" not in said, (args, said)
        assert said.strip().splitlines()[-1].startswith("error:"), (args, said)
