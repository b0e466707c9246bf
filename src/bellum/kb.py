"""Build a knowledge base from texts, and query one.

    kb = build(["article.txt"], db="kb.duckdb")
    kb.events(actor="JNIM", since="2024")      # pandas DataFrame, ACLED columns first
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable

from bellum import store
from bellum.export import acled_frame, event_row
from bellum.filters import page, where
from bellum.model import DocResult

Progress = Callable[[int, int, str], None]  # (done, total, doc id)


def process_documents(docs: list, progress: Progress | None = None, resources=None,
                      batch_chars: int | None = None) -> Iterable[DocResult]:
    """Run the NLP pipeline and per-document extraction, in order (streaming).

    `resources` (extract.Resources) lets a long-lived caller, such as a Dask
    worker, load them once and reuse them for every batch. `batch_chars`
    bounds the text of one nlp.pipe batch (default BATCH_CHARS)."""
    from bellum.extract import Resources, process_document
    from bellum.nlp.pipeline import parse

    res = resources if resources is not None else Resources.load()
    i = 0
    for batch in _batches(docs, batch_chars or BATCH_CHARS):
        for doc, sdoc in zip(batch, parse(d.text for d in batch)):
            i += 1
            yield process_document(doc, sdoc, res)
            if progress:
                progress(i, len(docs), doc.id)


# spaCy's memory grows with the text of one nlp.pipe batch (about 2.5 kB per
# character with the small model: 16 copies of an 80 kB article in one batch
# peak near 4 GB), so batches are also cut by size. Results do not depend on
# the batching; long documents parse no slower one at a time.
BATCH_CHARS = 50_000


def _batches(docs, max_chars: int = BATCH_CHARS):
    """Consecutive runs of `docs` with at most `max_chars` of text (or one document)."""
    batch, size = [], 0
    for d in docs:
        if batch and size + len(d.text) > max_chars:
            yield batch
            batch, size = [], 0
        batch.append(d)
        size += len(d.text)
    if batch:
        yield batch


def assemble(results: list[DocResult]) -> store.KnowledgeData:
    """Cross-document inference: dedupe events, actors, relations, control, leaders."""
    from bellum.infer.dedupe import dedupe

    events = dedupe([e for r in results for e in r.events])
    actors = {}
    for r in results:
        for a in r.actors:
            actors.setdefault(a.name, a)
    data = store.KnowledgeData(results=results, events=events, actors=list(actors.values()))
    data.leaders = [ld for r in results for ld in r.leaders]
    _structure(data)
    return data


def _structure(data: store.KnowledgeData) -> None:
    """Control timelines and relations over time (infer/, from the events and infoboxes)."""
    from bellum.infer.control import control_timelines
    from bellum.infer.relations import relations_over_time

    dated = [e for e in data.events if e.date.known]  # timelines need a date
    data.control = control_timelines(dated)
    infobox = {}
    for r in data.results:
        for k, v in (r.infobox or {}).items():
            if isinstance(v, list):
                infobox.setdefault(k, []).extend(v)
    narrative = [rel for r in data.results for rel in r.relations]
    data.relations = relations_over_time(dated, infobox, data.actors, narrative)


def build(paths, db: str | Path = "bellum.duckdb", progress: Progress | None = None,
          manifest: str | Path | list | None = None, warn: Callable[[str], None] | None = None,
          skipped: list | None = None, jobs: int | None = None,
          batch_chars: int | None = None) -> "KnowledgeBase":
    """Read, extract and write a new knowledge base at `db` (atomically).

    `jobs` worker processes parse and extract (default: every core; see
    parallel.py); the knowledge base is the same for any number.

    `manifest` (a CSV or JSONL file, or a list of them; see sources/manifest.py)
    gives the documents' publication dates, URLs and publishers; `warn` receives one line per
    manifest row that names no document read. With a `skipped` list, unreadable files are
    left out and listed there as (path, reason) instead of failing the build."""
    from bellum.sources import read_paths

    started = time.time()
    man = load_manifest(manifest)
    docs = read_paths(list(paths), manifest=man, skipped=skipped)
    manifest_warnings(man, warn)
    store.check_target(db)
    from bellum.parallel import default_jobs, process_parallel

    results = list(process_parallel(docs, jobs or default_jobs(), progress, batch_chars))
    data = assemble(results)
    store.write(data, db, event_row, meta={"build_seconds": round(time.time() - started, 2)})
    return KnowledgeBase(db)


def load_manifest(paths):
    """The build manifest of one file or a list of files (None without any)."""
    if not paths:
        return None
    from bellum.sources.manifest import Manifest

    return Manifest.load(*([paths] if isinstance(paths, (str, Path)) else paths))


def manifest_warnings(man, warn: Callable[[str], None] | None) -> None:
    """One line per manifest row that named no document read."""
    if man is None or warn is None:
        return
    for r in man.unmatched():
        warn(f"{r.file}: line {r.line}: '{r.name}' names no document read; row ignored")


def undated(con) -> tuple[int, int]:
    """(events, documents) whose date is unknown."""
    n, m = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM events WHERE event_date IS NULL").fetchone()
    return int(n), int(m)


UNDATED_WARNING = ("{n} event(s) in {m} document(s) have no date: give their publication date with "
                   "--manifest FILE (columns id,published)")


class KnowledgeBase:
    """A read-only view of a knowledge base file."""

    def __init__(self, db: str | Path = "bellum.duckdb"):
        self.path = Path(db)
        self.con = store.connect(self.path, read_only=True)

    def close(self) -> None:
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def meta(self) -> dict:
        return dict(self.con.execute("SELECT key, value FROM meta").fetchall())

    def events(self, limit: int | None = None, offset: int = 0, **filters):
        """Events matching `filters` (see bellum.filters) as an ACLED-ordered DataFrame."""
        clause, params = where(**filters)
        limit, offset = page(limit, offset)
        sql = f"SELECT * FROM events{clause} ORDER BY event_date, doc_id, seq, event_id"
        if limit is not None or offset:
            sql += f" LIMIT {limit if limit is not None else 'NULL'} OFFSET {offset}"
        return acled_frame(self.con.execute(sql, params).fetchdf(), self.meta)

    def count(self, **filters) -> int:
        clause, params = where(**filters)
        return self.con.execute(f"SELECT count(*) FROM events{clause}", params).fetchone()[0]

    def sources(self, event_id: str) -> list[dict]:
        rows = self.con.execute(
            "SELECT doc_id, start_char, end_char, quote FROM event_sources WHERE event_id = ? ORDER BY start_char",
            [event_id],
        ).fetchall()
        return [{"doc": d, "start": s, "end": e, "text": q} for d, s, e, q in rows]

    def documents(self):
        return self.con.execute("SELECT doc_id, title, format, path, n_chars, published, url, publisher, language "
                                "FROM documents ORDER BY doc_id").fetchdf()

    # The structure layer (control, state, graph, actors) lives in bellum.structure.
    def control(self, place: str, at: str | None = None):
        from bellum import structure

        return structure.control(self.con, place, at=at)

    def state(self, date: str):
        from bellum import structure

        return structure.state(self.con, date)

    def graph(self, at: str | None = None):
        from bellum import structure

        return structure.graph(self.con, at=at)

    def actors(self):
        from bellum import structure

        return structure.actors(self.con)

    def actor(self, name: str):
        from bellum import structure

        return structure.actor(self.con, name)
