"""The DuckDB knowledge base: schema, the all-or-nothing write, and opening.

A build writes a complete new file next to the target and renames it over
the target only when everything is written, so a failed or interrupted build
leaves the previous knowledge base byte-identical.
"""

from __future__ import annotations

import glob
import os
import re
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import duckdb

from bellum.errors import InvalidArgument, KnowledgeBaseInvalid
from bellum.rows import control_rows, infobox_rows, leader_rows, relation_rows
from bellum.model import Actor, ControlSpan, DocResult, Event, Leader, Relation

SCHEMA_VERSION = "3"  # bumped with every change of schema.sql (2: documents carry published, url, publisher, language; events a source; control.confirmed; 3: events.seq)


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
    """Refuse to overwrite a file that exists but is not a bellum knowledge base,
    and a --db whose folder is missing or not writable (before the work, not after)."""
    db = Path(db)
    if db.exists() and not (db.is_file() and db.stat().st_size == 0):  # an empty file holds nothing to lose
        connect(db).close()
    folder = db.parent
    if not folder.is_dir():
        raise InvalidArgument(f"--db {db}: the folder {folder} does not exist; create it or choose another --db")
    if not os.access(folder, os.W_OK):
        raise InvalidArgument(f"--db {db}: cannot write in {folder}; choose another --db")


# Never install or load a DuckDB extension behind the user's back: either would
# fetch it from the network (a SQLite file, for one, makes DuckDB reach for
# sqlite_scanner). Every connection of the package goes through `duckdb_connect`.
DUCKDB_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
SQLITE_MAGIC = b"SQLite format 3\x00"


def duckdb_connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """duckdb.connect with extension auto-install and auto-load off."""
    return duckdb.connect(str(path), read_only=read_only, config=dict(DUCKDB_CONFIG))


def advice(db: str | Path) -> str:
    return f"move or delete {db}, or choose another --db"


def connect(db: str | Path, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open an existing knowledge base; KnowledgeBaseInvalid if it is not one."""
    db = Path(db)
    if not db.exists():
        raise KnowledgeBaseInvalid(f"{db}: no knowledge base here; create one with `bellum build PATH --db {db}`")
    if db.is_dir():
        raise KnowledgeBaseInvalid(f"{db}: is a folder, not a knowledge base file")
    try:
        with db.open("rb") as f:
            head = f.read(16)
    except OSError as e:
        raise KnowledgeBaseInvalid(f"{db}: cannot read it ({e.strerror})") from None
    if head.startswith(SQLITE_MAGIC):
        raise KnowledgeBaseInvalid(f"{db}: a SQLite database, not a bellum knowledge base (DuckDB); {advice(db)}")
    if head[8:12] != b"DUCK":  # DuckDB's magic bytes
        raise KnowledgeBaseInvalid(f"{db}: not a readable DuckDB knowledge base (not a DuckDB file); {advice(db)}")
    try:
        con = duckdb_connect(db, read_only=read_only)
    except (duckdb.Error, OSError) as e:
        first = str(e).splitlines()[0][:160]
        raise KnowledgeBaseInvalid(f"{db}: not a readable DuckDB knowledge base ({first}); {advice(db)}") from None
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.Error:
        con.close()
        raise KnowledgeBaseInvalid(f"{db}: a DuckDB file but not a bellum knowledge base (no meta table); "
                                   f"{advice(db)}") from None
    if not row or row[0] != SCHEMA_VERSION:
        con.close()
        raise KnowledgeBaseInvalid(
            f"{db}: knowledge base schema {row[0] if row else '?'} is not the supported {SCHEMA_VERSION}; "
            f"{advice(db)} and build it again"
        )
    return con


def write(data: KnowledgeData, db: str | Path, rows_of_event, meta: dict | None = None) -> None:
    """Write `data` as a new knowledge base at `db`, atomically.

    `rows_of_event(event, doc_text, document) -> dict` gives an event's row
    (export.py owns the ACLED mapping, so both agree on every column)."""
    db = Path(db)
    remove_leftovers(db)
    tmp = db.with_name(f".{db.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    try:
        con = duckdb_connect(tmp)
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


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process, or cannot tell: keep its files
    return True


def remove_leftovers(db: str | Path) -> list[Path]:
    """Delete the temporary files (`.NAME.tmp-PID` and its `.wal`) that builds
    of `db` killed mid-write left next to it, when that PID is no longer running."""
    db = Path(db)
    pattern = re.compile(rf"\.{re.escape(db.name)}\.tmp-([0-9]+)(\.wal)?")
    removed = []
    for f in db.parent.glob(f".{glob.escape(db.name)}.tmp-*"):
        m = pattern.fullmatch(f.name)
        if m and f.is_file() and int(m[1]) != os.getpid() and not _alive(int(m[1])):
            f.unlink(missing_ok=True)
            removed.append(f)
    return removed


def _insert(con, table: str, rows) -> None:
    """INSERT rows (tuples in the table's column order, or dicts by column
    name) in one statement: executemany costs about a millisecond a row."""
    import pandas as pd

    rows = list(rows)
    if not rows:
        return
    cols = [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall()]
    frame = pd.DataFrame(rows).reindex(columns=cols) if isinstance(rows[0], dict) else pd.DataFrame(rows, columns=cols)
    con.register("_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
    finally:
        con.unregister("_rows")


def _fill(con, data: KnowledgeData, rows_of_event, meta: dict) -> None:
    import hashlib

    meta = {"schema_version": SCHEMA_VERSION, "built_at": str(int(time.time())), **meta}
    _insert(con, "meta", [(k, str(v)) for k, v in meta.items()])
    texts = {r.document.id: r.document.text for r in data.results}
    docs, sections, passages, infobox = [], [], [], []
    for r in data.results:
        d = r.document
        published = d.published or (pub.value if (pub := _text_published(d)) else "")
        docs.append((d.id, d.title, d.path, d.format, d.text,
                     hashlib.sha256(d.text.encode()).hexdigest(), len(d.text),
                     published or None, d.url or None, d.publisher or None, d.language or None))
        sections += [(d.id, i, s.title, s.level, s.start, s.end) for i, s in enumerate(d.sections)]
        for i, (a, b) in enumerate(r.sentences):
            sec = d.section_at(a)
            passages.append((d.id, i, a, b, sec.title if sec else None))
        infobox += infobox_rows(d.id, r.infobox)
    _insert(con, "documents", docs)
    _insert(con, "sections", sections)
    _insert(con, "passages", passages)
    _insert(con, "infobox", infobox)
    by_id = {r.document.id: r.document for r in data.results}
    _insert(con, "events", [rows_of_event(e, texts.get(e.doc, ""), by_id.get(e.doc)) for e in data.events])
    _insert(con, "event_sources", [(e.id, s.doc, s.start, s.end, texts.get(s.doc, "")[s.start:s.end])
                                   for e in data.events for s in e.sources])
    actors: dict[str, Actor] = {}
    for a in data.actors:
        actors.setdefault(a.name, a)
    actors = list(actors.values())
    _insert(con, "actors", [(a.name, a.inter, a.kind, a.country, list(a.member_of), a.source) for a in actors])
    _insert(con, "actor_aliases", [(al, a.name, None) for a in actors for al in a.aliases])
    _insert(con, "relations", relation_rows(data.relations))
    _insert(con, "control", control_rows(data.control, _control_points(data.events)))
    _insert(con, "leaders", leader_rows(data.leaders))


def _text_published(doc):
    """A dateline's date, for a document whose metadata gives none."""
    from bellum.nlp.dates import published_date

    return published_date(doc.text)


def _control_points(events: list[Event]) -> dict[str, tuple[float, float]]:
    """Where each controlled place is: the point of an event that changed its holder."""
    points: dict[str, tuple[float, float]] = {}
    for e in events:
        change, p = e.control_change, e.place
        if change and change.get("place") and p is not None and p.lat is not None:
            points.setdefault(change["place"], (p.lat, p.lon))
    return points
