"""Event rows and exports: event-schema v1 JSONL, ACLED CSV, GeoJSON,
GraphML, Parquet.

`event_row` is the one mapping from an `Event` to the stored row; every
export reads the stored rows, so all formats agree.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date as _date
from pathlib import Path

from bellum.countries import country as _country
from bellum.errors import InvalidArgument
from bellum.model import Document, Event

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]
# bellum's columns after ACLED's in DataFrames (ACLED's order first).
EXTRA_COLUMNS = [
    "date_precision", "date_end", "fatalities_low", "fatalities_high", "confidence", "doc_id",
    "geonameid", "control_change", "relation_change",
]
SCHEMA_V1_FIELDS = [
    "id", "doc", "quotes", "date", "date_end", "date_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "inter1", "inter2", "location", "country",
    "fatalities", "fatalities_low", "fatalities_high", "control_change", "relation_change", "notes",
]
FORMATS = ("jsonl", "acled-csv", "geojson", "graphml", "parquet")

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations",
    "Strategic developments": "Strategic developments",
}


def time_precision(precision: str, start: str, end: str | None) -> int:
    """ACLED time_precision: 1 a day, 2 a span of at most a week, 3 coarser."""
    if precision == "day":
        return 1
    if precision == "range" and end and len(start) == 10 and len(end) == 10:
        days = (_date.fromisoformat(end) - _date.fromisoformat(start)).days
        return 2 if days <= 7 else 3
    return 3


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code, lower code first; 10*inter1 alone."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    a, b = sorted((inter1, inter2))
    return a * 10 + b


def event_row(e: Event, doc_text: str = "", doc: Document | None = None) -> dict:
    """The stored row of an event (columns of the `events` table); `doc` is its
    document, whose publisher is the event's source."""
    p = e.place
    c = _country(e.country or (p.country if p else None))
    d = e.date
    return {
        "event_id": e.id, "doc_id": e.doc, "source": (doc.publisher or None) if doc else None,
        "event_date": d.value or None, "date_end": d.end, "date_precision": d.precision,
        "time_precision": time_precision(d.precision, d.value, d.end), "year": d.year,
        "date_reason": d.reason,
        "disorder_type": DISORDER.get(e.event_type), "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "actor1": e.actor1, "assoc_actor_1": list(e.assoc_actor_1), "inter1": e.inter1,
        "actor2": e.actor2, "assoc_actor_2": list(e.assoc_actor_2), "inter2": e.inter2,
        "interaction": interaction(e.inter1, e.inter2),
        "civilian_targeting": "Civilian targeting" if e.inter2 == 7 else None,
        "iso": c.numeric if c else None, "region": c.region if c else None,
        "country": c.name if c else (e.country or (p.country if p else None)),
        "admin1": p.admin1 if p else None, "admin2": p.admin2 if p else None, "admin3": None,
        "location": e.location, "latitude": p.lat if p else None, "longitude": p.lon if p else None,
        "geo_precision": p.geo_precision if (p and e.location) else (3 if e.country else None),
        "geonameid": p.geonameid if p else None, "geo_reason": p.reason if p else None,
        "fatalities": e.fatalities, "fatalities_low": e.fatalities_low,
        "fatalities_high": e.fatalities_high,
        "control_change": json.dumps(e.control_change) if e.control_change else None,
        "relation_change": json.dumps(e.relation_change) if e.relation_change else None,
        "notes": e.notes, "confidence": round(float(e.confidence), 3),
        "reasons": json.dumps(e.reasons), "seq": e.seq,
    }


def acled_frame(rows, meta: dict | None = None):
    """Stored event rows (DataFrame) -> ACLED columns in ACLED order, then bellum's."""
    import pandas as pd

    meta = meta or {}
    df = rows.copy()
    out = pd.DataFrame(index=df.index)
    out["event_id_cnty"] = df["event_id"]
    for col in ACLED_COLUMNS[1:]:
        if col in df.columns:
            out[col] = df[col]
    for col in ("assoc_actor_1", "assoc_actor_2"):
        out[col] = df[col].map(lambda v: "; ".join(v) if v is not None and len(v) else "")
    # ACLED dates are always days: a coarser date is its first day, with time_precision 3.
    out["event_date"] = df["event_date"].map(_first_day)
    # ACLED's source: the publisher (a build manifest's, a page's og:site_name), else the document
    out["source"] = df["source"].where(df["source"].notna(), df["doc_id"]) if "source" in df.columns \
        else df["doc_id"]
    out["source_scale"] = "Other"
    out["tags"] = df["fatalities"].isna().map({True: "fatalities not reported", False: ""})
    out["timestamp"] = int(meta.get("built_at", 0) or 0)
    out = out.reindex(columns=ACLED_COLUMNS)
    if out["year"].isna().any():  # an unknown date: keep the years integers ("2015", not "2015.0")
        out["year"] = out["year"].astype("Int64")
    for col in EXTRA_COLUMNS:
        out[col] = df[col] if col in df.columns else None
    return out


def _first_day(value: str | None) -> str | None:
    if not isinstance(value, str) or not value:
        return None  # an unknown date
    return {4: value + "-01-01", 7: value + "-01"}.get(len(value), value)


def acled_csv(frame) -> str:
    """ACLED CSV text: ACLED's columns only, fatalities 0 where the text gives none."""
    df = frame[ACLED_COLUMNS].copy()
    df["fatalities"] = df["fatalities"].fillna(0).astype(int)
    buf = io.StringIO()
    df.to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL)
    return buf.getvalue()


def schema_records(con):
    """Event-schema v1 records (plus `sources`) from an open knowledge base."""
    # in each document's text order (ids are hashes, not positions)
    events = con.execute("SELECT * FROM events ORDER BY doc_id, seq, event_id").fetchdf()
    srcs = con.execute(
        "SELECT event_id, doc_id, start_char, end_char, quote FROM event_sources ORDER BY event_id, start_char"
    ).fetchall()
    by_event: dict[str, list] = {}
    for ev, doc, s, t, q in srcs:
        by_event.setdefault(ev, []).append((doc, s, t, q))
    for r in events.to_dict("records"):
        src = by_event.get(r["event_id"], [])
        yield {
            "id": r["event_id"], "doc": r["doc_id"], "quotes": [q for *_x, q in src],
            "date": _none(r["event_date"]), "date_end": _none(r["date_end"]),
            "date_precision": r["date_precision"], "event_type": r["event_type"],
            "sub_event_type": r["sub_event_type"], "actor1": _none(r["actor1"]),
            "actor2": _none(r["actor2"]),
            "assoc_actor_1": list(r["assoc_actor_1"] if r["assoc_actor_1"] is not None else []),
            "assoc_actor_2": list(r["assoc_actor_2"] if r["assoc_actor_2"] is not None else []),
            "inter1": _int(r["inter1"]), "inter2": _int(r["inter2"]),
            "location": _none(r["location"]), "country": _none(r["country"]),
            "fatalities": _int(r["fatalities"]), "fatalities_low": _int(r["fatalities_low"]),
            "fatalities_high": _int(r["fatalities_high"]),
            "control_change": json.loads(r["control_change"]) if _none(r["control_change"]) else None,
            "relation_change": json.loads(r["relation_change"]) if _none(r["relation_change"]) else None,
            "notes": r["notes"] or "",
            "sources": [{"doc": d, "start": s, "end": t} for d, s, t, _q in src],
        }


def _none(v):
    if v is None:
        return None
    try:
        if v != v:  # NaN / NA
            return None
    except (TypeError, ValueError):
        pass
    return v


def _int(v):
    v = _none(v)
    return None if v is None else int(v)


def export(kb, fmt: str, out: Path | None) -> str | None:
    """Write the knowledge base `kb` in `fmt` to `out` (a path) or return text.

    Parquet writes a folder of files (one per table), so it needs `out`."""
    if fmt not in FORMATS:
        raise InvalidArgument(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in schema_records(kb.con))
    elif fmt == "acled-csv":
        text = acled_csv(kb.events())
    elif fmt == "geojson":
        from bellum.geo import events_geojson

        text = json.dumps(events_geojson(kb.events()), ensure_ascii=False)
    elif fmt == "graphml":
        import networkx as nx

        g = _graphml_safe(kb.graph())
        buf = io.BytesIO()
        nx.write_graphml(g, buf)
        text = buf.getvalue().decode("utf-8")
    else:  # parquet
        if out is None:
            raise InvalidArgument("--format parquet writes a folder; give it with -o DIR")
        if Path(out).exists() and not Path(out).is_dir():
            raise InvalidArgument(f"-o {out}: is a file, and --format parquet writes a folder of files; "
                                  "give a folder path")
        import duckdb

        try:
            write_parquet(kb.con, Path(out))
        except (OSError, duckdb.IOException) as e:
            why = getattr(e, "strerror", None) or str(e).splitlines()[0][:160]
            raise InvalidArgument(f"-o {out}: cannot write there ({why})") from None
        return None
    if out is None:
        return text
    write_output(Path(out), text)
    return None


def write_output(out: Path, text: str) -> None:
    """Write `text` to the file `out`; InvalidArgument naming it when that cannot be done."""
    if out.is_dir():
        raise InvalidArgument(f"-o {out}: is a folder; give a file path")
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as e:
        raise InvalidArgument(f"-o {out}: cannot write there ({e.strerror or e})") from None


def _graphml_safe(g):
    """GraphML takes scalar attributes only: lists and dicts become JSON text."""
    h = g.copy()
    for _n, attrs in h.nodes(data=True):
        for k, v in list(attrs.items()):
            if v is None:
                del attrs[k]
            elif isinstance(v, (list, dict, tuple)):
                attrs[k] = json.dumps(v, ensure_ascii=False, default=str)
    for *_e, attrs in h.edges(data=True):
        for k, v in list(attrs.items()):
            if v is None:
                del attrs[k]
            elif isinstance(v, (list, dict, tuple)):
                attrs[k] = json.dumps(v, ensure_ascii=False, default=str)
    return h


PARQUET_TABLES = ("documents", "passages", "events", "event_sources", "actors", "actor_aliases",
                  "relations", "control", "leaders", "infobox")


def write_parquet(con, folder: Path) -> None:
    """One Parquet file per table: the layout the Dask engine's shards use."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in PARQUET_TABLES:
        target = (folder / f"{table}.parquet").as_posix().replace("'", "''")
        con.execute(f"COPY {table} TO '{target}' (FORMAT PARQUET)")
