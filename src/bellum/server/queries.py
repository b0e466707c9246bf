"""The server's read-only SQL over a bellum knowledge base (schema.sql).

Every function takes an open DuckDB connection (a cursor of a read-only
connection) and returns plain dicts and lists ready for JSON. Nothing here
writes. When kb.KnowledgeBase grows the same queries, these can call it.

Dates of control spans and relations carry their precision; a date `at`
falls inside a span from the first day of `since` until the last day of an
imprecise `until` (the day itself for a day-precise one), and the answer is
marked `uncertain` when `at` lies inside an imprecise bound.
"""

from __future__ import annotations

import difflib
import json
from datetime import date
from pathlib import PurePath

import duckdb

from bellum.errors import KnowledgeBaseInvalid
from bellum.filters import EVENT_ACTORS, EVENT_END, EVENT_START, period_end, period_start, where
from bellum.structure import STALE_AFTER_DAYS

REQUIRED_TABLES = (
    "documents", "sections", "events", "event_sources", "actors", "actor_aliases",
    "relations", "control", "leaders",
)
JSON_COLUMNS = {"control_change", "relation_change", "reasons", "sources", "data"}


def connect(path: str) -> duckdb.DuckDBPyConnection:
    """Open the knowledge base read-only, or raise KnowledgeBaseInvalid saying why."""
    from bellum import store

    con = store.connect(path, read_only=True)  # missing file, not DuckDB, wrong schema version
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    missing = [t for t in REQUIRED_TABLES if t not in have]
    if missing:
        con.close()
        raise KnowledgeBaseInvalid(
            f"{path} is not a bellum knowledge base (no table {', '.join(missing)}); {store.advice(path)}"
        )
    return con


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    names = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        rec = dict(zip(names, row))
        for k in JSON_COLUMNS.intersection(rec):
            if isinstance(rec[k], str):
                rec[k] = json.loads(rec[k])
        for k, v in rec.items():
            if isinstance(v, date):
                rec[k] = v.isoformat()
        out.append(rec)
    return out


def _fold(s: str) -> str:
    """Case- and accent-insensitive key, as strip_accents(lower(x)) in SQL."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c))


# -- events -----------------------------------------------------------------

def _events_sql(filters: dict) -> tuple[str, str, list]:
    sql_where, params = where(filters)
    order = f"ORDER BY {EVENT_START} NULLS LAST, doc_id, seq, event_id LIMIT ? OFFSET ?"
    return f"SELECT count(*) FROM events {sql_where}", f"SELECT * FROM events {sql_where} {order}", params


def events(con, filters: dict, limit: int = 100, offset: int = 0) -> tuple[int, list[dict]]:
    """(number of matching events, one page of them in date order)."""
    count_sql, page_sql, params = _events_sql(filters)
    total = con.execute(count_sql, params).fetchone()[0]
    return total, _rows(con.execute(page_sql, [*params, limit, offset]))


def events_acled(con, filters: dict, limit: int = 100, offset: int = 0):
    """(number of matching events, one page as the ACLED-ordered DataFrame of `bellum events`)."""
    from bellum.export import acled_frame

    count_sql, page_sql, params = _events_sql(filters)
    total = con.execute(count_sql, params).fetchone()[0]
    rows = con.execute(page_sql, [*params, limit, offset]).fetchdf()
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    return total, acled_frame(rows, meta)


def event(con, event_id: str) -> dict | None:
    """One event with its source passages: document, offsets, the text at those offsets, section."""
    found = _rows(con.execute("SELECT * FROM events WHERE event_id = ?", [event_id]))
    if not found:
        return None
    ev = found[0]
    ev["sources"] = _rows(con.execute(
        """
        SELECT s.doc_id, s.start_char, s.end_char, s.quote,
               CASE WHEN s.start_char >= 0 AND s.end_char <= d.n_chars AND s.start_char < s.end_char
                    THEN substring(d.text, s.start_char + 1, s.end_char - s.start_char) END AS text,
               (SELECT title FROM sections x WHERE x.doc_id = s.doc_id
                  AND x.start_char <= s.start_char AND s.start_char < x.end_char
                ORDER BY x.level DESC LIMIT 1) AS section
        FROM event_sources s LEFT JOIN documents d USING (doc_id)
        WHERE s.event_id = ? ORDER BY s.doc_id, s.start_char
        """,
        [event_id],
    ))
    return ev


def stats(con, filters: dict) -> dict:
    """Events and fatalities per month and event type; year-only events apart; the
    number of events whose date is unknown."""
    sql_where, params = where(filters)
    and_ = "AND" if sql_where else " WHERE"
    months = _rows(con.execute(
        f"""SELECT strftime({EVENT_START}, '%Y-%m') AS month, event_type,
                   count(*) AS events, sum(coalesce(fatalities, 0))::BIGINT AS fatalities
            FROM events {sql_where} {and_} length(event_date) >= 7 AND {EVENT_START} IS NOT NULL
            GROUP BY ALL ORDER BY month, event_type""",
        params,
    ))
    years = _rows(con.execute(
        f"""SELECT left(event_date, 4) AS year, event_type,
                   count(*) AS events, sum(coalesce(fatalities, 0))::BIGINT AS fatalities
            FROM events {sql_where} {and_} length(event_date) = 4
            GROUP BY ALL ORDER BY year, event_type""",
        params,
    ))
    undated = con.execute(f"SELECT count(*) FROM events {sql_where} {and_} event_date IS NULL", params).fetchone()[0]
    return {"months": months, "year_only": years, "undated": int(undated)}


def info(con) -> dict:
    """Sizes and the date extent of the knowledge base (the dashboard's slider range)."""
    first, last, n = con.execute(
        f"SELECT min({EVENT_START}), max({EVENT_END}), count(*) FROM events"
    ).fetchone()
    count = lambda t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: E731
    types = _rows(con.execute(
        "SELECT event_type, count(*) AS events FROM events GROUP BY ALL ORDER BY events DESC"
    ))
    countries = [r[0] for r in con.execute(
        "SELECT DISTINCT country FROM events WHERE country IS NOT NULL ORDER BY 1").fetchall()]
    lon0, lat0, lon1, lat1 = con.execute(
        """SELECT min(longitude), min(latitude), max(longitude), max(latitude) FROM (
             SELECT latitude, longitude FROM events UNION ALL SELECT latitude, longitude FROM control)
           WHERE latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180"""
    ).fetchone()
    extent = [[lon0, lat0], [lon1, lat1]] if lon0 is not None else None
    meta = {}
    if con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()[0]:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    return {
        "events": n, "first_date": first and first.isoformat(), "last_date": last and last.isoformat(),
        "documents": count("documents"), "actors": count("actors"), "relations": count("relations"),
        "control_spans": count("control"), "event_types": types, "countries": countries, "extent": extent, "meta": meta,
    }


# -- actors -----------------------------------------------------------------

def actors(con) -> list[dict]:
    """Every actor with its aliases and number of events (on any side)."""
    return _rows(con.execute(
        f"""
        WITH sides AS (SELECT unnest({EVENT_ACTORS}) AS name FROM events),
             n AS (SELECT name, count(*) AS events FROM sides WHERE name IS NOT NULL GROUP BY name),
             al AS (SELECT name, list(DISTINCT alias ORDER BY alias) AS aliases FROM actor_aliases GROUP BY name)
        SELECT a.name, a.inter, a.kind, a.country, a.member_of, a.source,
               coalesce(al.aliases, []) AS aliases, coalesce(n.events, 0) AS events
        FROM actors a LEFT JOIN n USING (name) LEFT JOIN al USING (name)
        ORDER BY events DESC, a.name
        """
    ))


def resolve_actor(con, name: str) -> str | None:
    """Canonical actor name for a name or alias (ignoring case and accents)."""
    row = con.execute(
        """SELECT name FROM actors WHERE strip_accents(lower(name)) = strip_accents(lower(?))
           UNION ALL SELECT name FROM actor_aliases WHERE strip_accents(lower(alias)) = strip_accents(lower(?))
           UNION ALL SELECT actor1 FROM events WHERE strip_accents(lower(actor1)) = strip_accents(lower(?))
           UNION ALL SELECT actor2 FROM events WHERE strip_accents(lower(actor2)) = strip_accents(lower(?))
           LIMIT 1""",
        [name] * 4,
    ).fetchone()
    return row[0] if row else None


def actor_suggestions(con, name: str, n: int = 3) -> list[str]:
    names = [r[0] for r in con.execute(
        "SELECT name FROM actors UNION SELECT alias FROM actor_aliases").fetchall() if r[0]]
    return difflib.get_close_matches(name, names, n=n, cutoff=0.5)


def actor(con, name: str) -> dict | None:
    """An actor by name or alias: record, aliases, event summary, relations, places held, leaders."""
    canonical = resolve_actor(con, name)
    if canonical is None:
        return None
    rec = _rows(con.execute(
        "SELECT name, inter, kind, country, member_of, source FROM actors WHERE name = ?", [canonical]))
    out = rec[0] if rec else {"name": canonical, "inter": None, "kind": None, "country": None,
                              "member_of": [], "source": "events"}
    out["aliases"] = [r[0] for r in con.execute(
        "SELECT DISTINCT alias FROM actor_aliases WHERE name = ? ORDER BY 1", [canonical]).fetchall()]
    n, first, last, deaths = con.execute(
        f"""SELECT count(*), min({EVENT_START}), max({EVENT_END}), sum(coalesce(fatalities, 0))::BIGINT
            FROM events WHERE list_contains({EVENT_ACTORS}, ?)""", [canonical]).fetchone()
    out["events"] = {"count": n, "first_date": first and first.isoformat(),
                     "last_date": last and last.isoformat(), "fatalities": deaths or 0}
    out["relations"] = _rows(con.execute(
        "SELECT * FROM relations WHERE source = ? OR target = ? ORDER BY start_date NULLS FIRST",
        [canonical, canonical]))
    out["control"] = _rows(con.execute(
        "SELECT * FROM control WHERE actor = ? ORDER BY since NULLS FIRST, place", [canonical]))
    out["leaders"] = _rows(con.execute(
        "SELECT * FROM leaders WHERE organisation = ? ORDER BY fate_date NULLS FIRST", [canonical]))
    return out


# -- control, state, graph ----------------------------------------------------

def _held_at(since: str, until: str) -> str:
    """SQL: the span [since, until] may contain the date parameter `$at`."""
    return (
        f"(({since}) IS NULL OR {period_start(since)} <= $at) AND"
        f" (({until}) IS NULL OR $at < {period_start(until)}"
        f"  OR ({period_end(until)} > {period_start(until)} AND $at <= {period_end(until)}))"
    )


def _uncertain_at(since: str, until: str) -> str:
    """SQL: `$at` lies inside an imprecise (month or year) bound of the span."""
    return (
        f"coalesce(({period_end(since)} > {period_start(since)} AND $at <= {period_end(since)}), false) OR"
        f" coalesce(({period_end(until)} > {period_start(until)} AND $at >= {period_start(until)}), false)"
    )


def control(con, place: str | None = None, at: date | None = None) -> list[dict]:
    """Control spans (who held which place from when to when), optionally at one date."""
    conds, params = [], {}
    if place:
        conds.append("strip_accents(lower(place)) = strip_accents(lower($place))")
        params["place"] = place
    if at:
        conds.append(_held_at("since", "until"))
        params["at"] = at
    uncertain = _uncertain_at("since", "until") if at else "NULL"
    # stale: no passage has shown the holder there for STALE_AFTER_DAYS before `at`
    # (an inferred span is confirmed only by the change that ends it: stale long before it too)
    gap = f"datediff('day', {period_start('confirmed')}, $at)"
    stale = (f"coalesce({gap} > {STALE_AFTER_DAYS} OR (inferred AND -{gap} > {STALE_AFTER_DAYS}), false)"
             if at else "NULL")
    sql_where = ("WHERE " + " AND ".join(conds)) if conds else ""
    # a span without coordinates takes those of the events placed at that town
    return _rows(con.execute(
        f"""WITH towns AS (
              SELECT strip_accents(lower(location)) AS key,
                     arg_min(latitude, geo_precision) AS lat, arg_min(longitude, geo_precision) AS lon
              FROM events WHERE latitude IS NOT NULL AND geo_precision IN (1, 2) GROUP BY key)
            SELECT c.* REPLACE (coalesce(c.latitude, t.lat) AS latitude, coalesce(c.longitude, t.lon) AS longitude),
                   ({uncertain}) AS uncertain, ({stale}) AS stale
            FROM control c LEFT JOIN towns t ON t.key = strip_accents(lower(c.place))
            {sql_where}
            ORDER BY place, {period_start('since')} NULLS FIRST, actor""",
        params,
    ))


def known_places(con) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT place FROM control ORDER BY 1").fetchall()]


def state(con, at: date) -> dict:
    """Every place with a known holder at `at`, with its holder(s) and coordinates."""
    places: dict[str, dict] = {}
    for span in control(con, at=at):
        p = places.setdefault(span["place"], {
            "place": span["place"], "latitude": None, "longitude": None, "holders": []})
        if p["latitude"] is None and span.get("latitude") is not None:
            p["latitude"], p["longitude"] = span["latitude"], span["longitude"]
        p["holders"].append({k: span.get(k) for k in (
            "actor", "since", "since_precision", "until", "until_precision", "inferred",
            "basis", "uncertain", "confirmed", "stale", "control_id", "reason")})
    for p in places.values():
        p["contested"] = len({h["actor"] for h in p["holders"]}) > 1
    return {"date": at.isoformat(), "stale_after_days": STALE_AFTER_DAYS, "places": list(places.values())}


def graph(con, at: date | None = None) -> dict:
    """Relations between organisations in force at `at` (all of them without `at`), as nodes and edges."""
    params: dict = {}
    cond = "target IS NOT NULL"
    uncertain = "NULL"
    if at:
        cond += " AND " + _held_at("start_date", "end_date")
        uncertain = _uncertain_at("start_date", "end_date")
        params["at"] = at
    edges = _rows(con.execute(
        f"""SELECT relation_id, kind, source, target, start_date, start_precision, end_date,
                   end_precision, basis, event_id, reason, sources, ({uncertain}) AS uncertain
            FROM relations WHERE {cond} ORDER BY kind, source, target""",
        params,
    ))
    names = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    known = {r["name"]: r for r in _rows(con.execute(
        "SELECT name, inter, kind, country FROM actors WHERE list_contains(?::VARCHAR[], name)", [names]))}
    nodes = [known.get(n, {"name": n, "inter": None, "kind": None, "country": None}) for n in names]
    return {"date": at.isoformat() if at else None, "nodes": nodes, "edges": edges}


# -- documents ----------------------------------------------------------------

def document(con, doc_id: str) -> dict | None:
    """A document's text, metadata and sections (offsets index `text`)."""
    found = _rows(con.execute(
        "SELECT doc_id, title, path, format, n_chars, sha256, published, url, publisher, language, text "
        "FROM documents WHERE doc_id = ?", [doc_id]))
    if not found:
        return None
    doc = found[0]
    # the file's name only: the build machine's folders are not the reader's business
    doc["path"] = PurePath(doc["path"].replace("\\", "/")).name if doc["path"] else doc["path"]
    doc["sections"] = _rows(con.execute(
        "SELECT idx, title, level, start_char, end_char FROM sections WHERE doc_id = ? ORDER BY idx", [doc_id]))
    return doc


def document_ids(con) -> list[str]:
    return [r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY 1").fetchall()]
