"""Rows of the DuckDB tables (schema.sql, in its column order) from the model's objects, so
that store.write can insert the outputs of infer/ and sources/infobox.py without knowing
their shapes (and structure.py, which queries those tables, need not be imported to write
them)."""

from __future__ import annotations

import json
from collections import Counter


def _spans_json(spans) -> str:
    return json.dumps([{"doc": s.doc, "start": s.start, "end": s.end} for s in spans or []])


def _dv(d) -> tuple[str | None, str | None]:
    return (d.value, d.precision) if d is not None else (None, None)


def _ids(prefix: str, keys: list[tuple]) -> list[str]:
    import hashlib

    seen: Counter = Counter()
    out = []
    for k in keys:
        h = prefix + hashlib.sha1(repr(k).encode()).hexdigest()[:10]
        seen[h] += 1
        out.append(h if seen[h] == 1 else f"{h}-{seen[h]}")
    return out


def relation_rows(relations) -> list[tuple]:
    """Rows of table `relations` from model.Relation objects."""
    ids = _ids("rel-", [(r.kind, r.source, r.target, _dv(r.start)) for r in relations])
    return [(i, r.kind, r.source, r.target, *_dv(r.start), *_dv(r.end), r.basis, r.event_id, r.reason,
             _spans_json(r.sources)) for i, r in zip(ids, relations)]


def _control_sources_json(s) -> str:
    """A span's passages with their role: opens, closes."""
    out, seen = [], set()
    for role, spans in (("opens", s.sources), ("closes", getattr(s, "end_sources", None) or [])):
        for x in spans:
            if (x.doc, x.start, x.end) not in seen:
                seen.add((x.doc, x.start, x.end))
                out.append({"doc": x.doc, "start": x.start, "end": x.end, "role": role})
    return json.dumps(out)


def control_rows(spans, coords=None) -> list[tuple]:
    """Rows of table `control` from model.ControlSpan objects; `coords` maps
    place -> (lat, lon) when the geocoder knows it."""
    coords = coords or {}
    ids = _ids("ctl-", [(s.place, s.actor, _dv(s.since), s.inferred) for s in spans])
    return [(i, s.place, s.actor, *_dv(s.since), *_dv(s.until), s.inferred, s.basis, s.reason,
             _control_sources_json(s), *(coords.get(s.place) or (None, None)),
             *_dv(getattr(s, "confirmed", None)))
            for i, s in zip(ids, spans)]


def leader_rows(leaders) -> list[tuple]:
    """Rows of table `leaders` from model.Leader objects."""
    ids = _ids("ldr-", [(x.person, x.fate, _dv(x.date)) for x in leaders])
    return [(i, x.person, x.organisation, x.role, x.fate, *_dv(x.date), _spans_json(x.sources))
            for i, x in zip(ids, leaders)]


def infobox_rows(doc_id: str, infobox: dict) -> list[tuple]:
    """Rows of table `infobox` (doc_id, kind, side, text, data, start_char, end_char)."""
    out = []

    def add(kind, side, text, rec):
        span = rec.get("span")
        data = {k: v for k, v in rec.items() if k != "span"}
        out.append((doc_id, kind, side, text, json.dumps(data, ensure_ascii=False),
                    getattr(span, "start", None), getattr(span, "end", None)))

    for side in infobox.get("sides", []):
        for m in side["members"]:
            add("side_member", side["side"], m["text"], m)
    for c in infobox.get("commanders", []):
        add("commander", c["side"], c["name"], c)
    for s in infobox.get("strength", []):
        add("strength", s["side"], s["text"], s)
    for s in infobox.get("casualties", []):
        add("casualties", s["side"], s["text"], s)
    if infobox.get("totals"):
        add("totals", None, "", infobox["totals"])
    return out
