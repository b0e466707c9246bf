"""The DuckDB knowledge base: schema, the all-or-nothing write, and opening.

A build writes a complete new file next to the target and renames it over
the target only when everything is written, so a failed or interrupted build
leaves the previous knowledge base byte-identical.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

import duckdb

from bellum.errors import KnowledgeBaseInvalid
from bellum.model import Actor, ControlSpan, DocResult, Event, Leader, Relation, Span

SCHEMA_VERSION = "1"


@dataclass
class KnowledgeData:
    """Everything one build writes."""

    results: list[DocResult] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # after cross-document dedupe
    actors: list[Actor] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    control: list[ControlSpan] = field(default_factory=list)
    leaders: list[Leader] = field(default_factory=list)


def schema_sql() -> str:
    return resources.files("bellum").joinpath("schema.sql").read_text(encoding="utf-8")


def check_target(db: str | Path) -> None:
    """Refuse to overwrite a file that exists but is not a bellum knowledge base."""
    db = Path(db)
    if db.exists():
        connect(db).close()


def connect(db: str | Path, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open an existing knowledge base; KnowledgeBaseInvalid if it is not one."""
    db = Path(db)
    if not db.exists():
        raise KnowledgeBaseInvalid(f"{db}: no knowledge base here; create one with `bellum build PATH --db {db}`")
    if db.is_dir():
        raise KnowledgeBaseInvalid(f"{db}: is a folder, not a knowledge base file")
    try:
        con = duckdb.connect(str(db), read_only=read_only)
    except (duckdb.Error, OSError) as e:
        first = str(e).splitlines()[0][:160]
        raise KnowledgeBaseInvalid(f"{db}: not a readable DuckDB knowledge base ({first}); rebuild it with `bellum build`") from None
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.Error:
        con.close()
        raise KnowledgeBaseInvalid(f"{db}: a DuckDB file but not a bellum knowledge base (no meta table)") from None
    if not row or row[0] != SCHEMA_VERSION:
        con.close()
        raise KnowledgeBaseInvalid(
            f"{db}: knowledge base schema {row[0] if row else '?'} is not the supported {SCHEMA_VERSION}; rebuild it"
        )
    return con


def write(data: KnowledgeData, db: str | Path, rows_of_event, meta: dict | None = None) -> None:
    """Write `data` as a new knowledge base at `db`, atomically.

    `rows_of_event(event, doc_text) -> dict` gives an event's row (export.py
    owns the ACLED mapping, so both agree on every column)."""
    db = Path(db)
    tmp = db.with_name(f".{db.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute(schema_sql())
            _fill(con, data, rows_of_event, meta or {})
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, db)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)


def _many(con, sql: str, rows) -> None:
    rows = list(rows)
    if rows:  # DuckDB refuses an empty executemany
        con.executemany(sql, rows)


def _spans_json(spans: list[Span]) -> str:
    return json.dumps([{"doc": s.doc, "start": s.start, "end": s.end} for s in spans])


def _date(d):
    return (d.value, d.precision) if d else (None, None)


def _fill(con, data: KnowledgeData, rows_of_event, meta: dict) -> None:
    import hashlib

    meta = {"schema_version": SCHEMA_VERSION, "built_at": str(int(time.time())), **meta}
    _many(con, "INSERT INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in meta.items()])
    texts = {}
    for r in data.results:
        d = r.document
        texts[d.id] = d.text
        con.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
            [d.id, d.title, d.path, d.format, d.text, hashlib.sha256(d.text.encode()).hexdigest(), len(d.text)],
        )
        _many(con, 
            "INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?)",
            [(d.id, i, s.title, s.level, s.start, s.end) for i, s in enumerate(d.sections)],
        )
        _many(con, 
            "INSERT INTO passages VALUES (?, ?, ?, ?, ?)",
            [
                (d.id, i, a, b, (d.section_at(a).title if d.section_at(a) else None))
                for i, (a, b) in enumerate(r.sentences)
            ],
        )
        for rec in _infobox_rows(d.id, r.infobox):
            con.execute("INSERT INTO infobox VALUES (?, ?, ?, ?, ?, ?, ?)", rec)

    rows = [rows_of_event(e, texts.get(e.doc, "")) for e in data.events]
    if rows:
        import pandas as pd

        frame = pd.DataFrame(rows)
        cols = [c[0] for c in con.execute("DESCRIBE events").fetchall()]
        frame = frame.reindex(columns=cols)
        con.register("event_frame", frame)
        con.execute(f"INSERT INTO events SELECT {', '.join(cols)} FROM event_frame")
        con.unregister("event_frame")
    _many(con, 
        "INSERT INTO event_sources VALUES (?, ?, ?, ?, ?)",
        [
            (e.id, s.doc, s.start, s.end, texts.get(s.doc, "")[s.start : s.end])
            for e in data.events
            for s in e.sources
        ],
    )
    seen = set()
    for a in data.actors:
        if a.name in seen:
            continue
        seen.add(a.name)
        con.execute(
            "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?)",
            [a.name, a.inter, a.kind, a.country, list(a.member_of), a.source],
        )
        _many(con, 
            "INSERT INTO actor_aliases VALUES (?, ?, ?)", [(al, a.name, None) for al in a.aliases]
        )
    for i, r in enumerate(data.relations):
        (s, sp), (e, ep) = _date(r.start), _date(r.end)
        con.execute(
            "INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [f"r{i:05d}", r.kind, r.source, r.target, s, sp, e, ep, r.basis, r.event_id, r.reason,
             _spans_json(r.sources)],
        )
    for i, c in enumerate(data.control):
        (s, sp), (e, ep) = _date(c.since), _date(c.until)
        con.execute(
            "INSERT INTO control VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [f"c{i:05d}", c.place, c.actor, s, sp, e, ep, c.inferred, c.basis, c.reason,
             _spans_json(c.sources), None, None],
        )
    for i, ld in enumerate(data.leaders):
        d, p = _date(ld.date)
        con.execute(
            "INSERT INTO leaders VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [f"l{i:05d}", ld.person, ld.organisation, ld.role, ld.fate, d, p, _spans_json(ld.sources)],
        )


def _infobox_rows(doc_id: str, infobox: dict):
    """Flatten parsed infobox records: {kind: [record, ...]} with optional span."""
    for kind, records in (infobox or {}).items():
        if not isinstance(records, list):
            continue
        for rec in records:
            if not isinstance(rec, dict):
                continue
            span = rec.get("span") or {}
            if isinstance(span, Span):
                span = asdict(span)
            data = {k: v for k, v in rec.items() if k != "span"}
            yield [doc_id, kind, rec.get("side"), rec.get("text"), json.dumps(data, default=str),
                   span.get("start"), span.get("end")]
