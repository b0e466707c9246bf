"""Fuzz every `bellum` command's options and arguments (hypothesis).

The commands are read from the CLI itself, so a new command or option is
fuzzed without editing this file. Every invocation must end with an exit
code in {0, 1, 2, 3}, no traceback, and no "internal error" (the error
boundary's one line for an exception nobody anticipated). Values are drawn
from awkward ones (impossible and non-ASCII dates, huge and negative
numbers, markup, wildcards) and from files that are missing, empty, binary,
SQLite, a folder or a real knowledge base.

Bounds: a fixed number of examples, no example database, a time budget (the
examples left when it is spent pass untried), under a minute.
`serve` only ever gets a port that is already taken (or an invalid one) and
loopback hosts, so it never starts serving; `build --engine dask` is left to
tests/test_scale.py (it starts a cluster); nothing names a remote host.
"""

from __future__ import annotations

import re
import socket
import sqlite3
import time
from pathlib import Path

import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bellum.cli import app
from bellum.server.testing import write_sample_kb

pytestmark = pytest.mark.model  # `build` and `doctor` load the spaCy model

EXAMPLES = 300
BUDGET_S = 45
AWKWARD = [
    "", " ", "2012", "2012-06", "2012-02-30", "2024-13", "0000", "9999-12-31", "\u0662\u0660\u0661\u0662",
    "\uff12\uff10\uff11\uff12-01", "-1", "0", "1e309", "nan", "99999999999999999999", "Battles", "Battle",
    "battles|riots", "|", "json", "csv", "table", "graphml", "jsonl", "acled-csv", "geojson", "parquet",
    "local", "dask", "Kidal", "ALF", "Mali", "Narnia", "ml", "[bold]x[/y]", "%", "_", "'; DROP TABLE events;--",
    "\\", "😀", "a" * 300,
]
PATH_PARAMS = {"db", "output", "keep_shards", "paths", "gold", "files"}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, list[str]]:
    tmp = tmp_path_factory.mktemp("fuzzcli")
    kb = write_sample_kb(tmp / "kb.duckdb")
    lite = tmp / "lite.duckdb"
    con = sqlite3.connect(lite)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    (tmp / "empty.txt").write_text("")
    (tmp / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp / "report.txt").write_text("On 3 March 2019, gunmen killed 4 soldiers near Gao, Mali.\n")
    (tmp / "gold.jsonl").write_text('{"date": "2019-03-03", "event_type": "Battles"}\n')
    (tmp / "bad.jsonl").write_text("{not json\n")
    (tmp / "folder").mkdir()
    (tmp / "corrupt.duckdb").write_bytes(b"not a database" * 100)
    paths = [str(kb), str(lite), str(tmp / "empty.txt"), str(tmp / "binary.txt"), str(tmp / "report.txt"),
             str(tmp / "gold.jsonl"), str(tmp / "bad.jsonl"), str(tmp / "folder"), str(tmp / "corrupt.duckdb"),
             str(tmp / "missing.duckdb"), "/nonexistent/dir/x.out", str(tmp / "out" / "new.out")]
    return {"paths": paths, "tmp": [str(tmp)]}


def _commands():
    def walk(cmd, path):
        if hasattr(cmd, "commands"):
            for name, sub in sorted(cmd.commands.items()):
                yield from walk(sub, [*path, name])
        else:
            yield path, cmd

    return list(walk(typer.main.get_command(app), []))


COMMANDS = _commands()


def _invocation(paths: list[str], taken_port: int):
    """A strategy of argument lists: one command, its required arguments, some options."""

    kb = paths[0]

    def value(param):
        if param.name == "db":  # mostly the real knowledge base, so the options behind it are reached
            return st.sampled_from([kb] * len(paths) + paths)
        if param.name in PATH_PARAMS:
            return st.sampled_from(paths)
        if param.name == "port":
            return st.sampled_from([str(taken_port), "0", "70000", "-1", "http"])
        if param.name == "host":
            return st.sampled_from(["127.0.0.1", "0.0.0.0"])
        if param.name == "engine":
            return st.sampled_from(["local", "spark", ""])
        if param.name == "scheduler":
            return st.sampled_from(["tcp://127.0.0.1:1", ""])
        # the words of its help ('json | csv', 'YYYY-MM') are the likeliest valid values
        words = re.findall(r"[A-Za-z0-9][\w/-]*", param.help or "")
        return st.one_of(st.sampled_from(words or AWKWARD), st.sampled_from(AWKWARD), st.text(max_size=12))

    @st.composite
    def build(draw):
        path, cmd = draw(st.sampled_from(COMMANDS))
        args = list(path)
        for p in cmd.params:
            if p.name == "help":
                continue
            if p.param_type_name == "argument":
                n = 1 if p.nargs == 1 else draw(st.integers(1, 2))
                args += [draw(value(p)) for _ in range(n)] if p.required or draw(st.booleans()) else []
            elif getattr(p, "is_flag", False):
                if draw(st.booleans()):
                    args.append(p.opts[0])
            elif p.required or draw(st.booleans()) or (p.name == "db" and draw(st.integers(0, 5)) > 0):
                args += [p.opts[-1] if draw(st.booleans()) else p.opts[0], draw(value(p))]
        if path == ["serve"] and "--port" not in args:
            args += ["--port", str(taken_port)]
        return args

    return build()


def test_fuzz_cli_every_command_fails_cleanly(files, tmp_path, monkeypatch):
    monkeypatch.setenv("BELLUM_HOME", str(tmp_path / "home"))  # gazetteer load writes nowhere real
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    started = time.monotonic()
    seen: dict[str, set[int]] = {}
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]

        @given(args=_invocation(files["paths"], port))
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def run(args):
            if time.monotonic() - started > BUDGET_S:
                return  # over the time bound: the remaining examples pass untried
            r = runner.invoke(app, args)
            said = (r.stdout or "") + (r.stderr or "")
            assert r.exit_code in (0, 1, 2, 3), (args, r.exit_code, said[-500:], r.exception)
            assert "Traceback" not in said and "internal error" not in said, (args, said[-800:])
            if r.exit_code:
                lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
                assert lines and lines[-1].startswith("error:") or args[0] == "doctor", (args, r.stderr)
            seen.setdefault(args[0], set()).add(r.exit_code)

        run()
    assert set(seen) >= {"events", "export", "control", "state", "graph", "build", "serve", "gazetteer"}, seen
    assert time.monotonic() - started < BUDGET_S + 15, "the fuzz run is over its time bound"
