"""Test helper: a knowledge-base file holding only what structure.py reads,
written with the row builders store.py uses."""

from __future__ import annotations

from pathlib import Path

from bellum.rows import control_rows, infobox_rows, leader_rows, relation_rows
from bellum.store import SCHEMA_VERSION, duckdb_connect, schema_sql



def _insert(con, table: str, rows: list[tuple]) -> None:
    if rows:
        marks = ", ".join("?" * len(rows[0]))
        con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


def make_kb(path, *, doc_id="t", text="", spans=(), relations=(), leaders=(), actors=(),
            events=(), infobox=None) -> Path:
    """Write a KB file at `path`; `actors` are model.Actor, `events` (id, actor1, actor2, year)."""
    con = duckdb_connect(path)
    con.execute(schema_sql())
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
    con.execute("INSERT INTO documents (doc_id, title, text) VALUES (?, ?, ?)", [doc_id, doc_id, text])
    _insert(con, "control", control_rows(list(spans)))
    _insert(con, "relations", relation_rows(list(relations)))
    _insert(con, "leaders", leader_rows(list(leaders)))
    for a in actors:
        con.execute("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?)",
                    [a.name, a.inter, a.kind, a.country, list(a.member_of), a.source])
        for al in a.aliases:
            con.execute("INSERT INTO actor_aliases VALUES (?, ?, ?)", [al, a.name, doc_id])
    for eid, a1, a2, year in events:
        con.execute("INSERT INTO events (event_id, doc_id, actor1, actor2, year) VALUES (?, ?, ?, ?, ?)",
                    [eid, doc_id, a1, a2, year])
    if infobox:
        _insert(con, "infobox", infobox_rows(doc_id, infobox))
    con.close()
    return Path(path)
