"""Queries over the conflict's structure: control of places, organisation
relations, leaders, actors. Each takes an open DuckDB connection on the
bellum schema (schema.sql) and returns plain data (dict / DataFrame /
networkx graph) that the CLI, the HTTP API and kb.KnowledgeBase render.

Dates: a query date may be YYYY, YYYY-MM or YYYY-MM-DD and stands for the
middle of its period ("2012-06" -> 15 June 2012). A span [since, until)
holds on day t when since <= t < until, each bound taken at its first day;
an open bound is unbounded. Inferred spans say so ("inferred": true).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pandas as pd

from bellum.errors import InvalidArgument
from bellum.infer.control import date_bounds, fold, place_keys, point_of
from bellum.store import connect

__all__ = ["open_db", "control", "state", "stale", "STALE_AFTER_DAYS", "graph", "graph_json", "graph_graphml", "actors", "actor",
           "match_place", "match_actor", "STATE_KINDS", "EVENT_KINDS"]

# A holding no passage has confirmed for this long before a query date is
# reported `stale`: kept, never presented as current.
STALE_AFTER_DAYS = 730

# relation kinds that hold over a span; the others are changes at a date
STATE_KINDS = ("member", "alliance", "hostility", "agreement")
EVENT_KINDS = ("merge", "split", "realignment", "dissolution")


def open_db(path: str | Path):
    """A read-only connection on a bellum knowledge base file (store.connect)."""
    return connect(path, read_only=True)


# ---- helpers -------------------------------------------------------------------

def _lo(value: str | None) -> date | None:
    b = date_bounds(value)
    return b[0] if b else None


def _holds(since: str | None, until: str | None, t: date) -> bool:
    s, u = _lo(since), _lo(until)
    return (s is None or s <= t) and (u is None or t < u)


def _rows(con, sql: str, params=()) -> list[dict]:
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _texts(con) -> dict[str, str]:
    if not hasattr(con, "_bellum_texts"):
        try:
            texts = dict(con.execute("SELECT doc_id, text FROM documents").fetchall())
        except Exception:  # no documents table: passages without quotes
            texts = {}
        try:
            con._bellum_texts = texts
        except AttributeError:  # duckdb connections take no attributes
            return texts
    return con._bellum_texts


def _sources(con, raw) -> list[dict]:
    """[{doc, start, end, quote}] from the JSON column."""
    if raw is None:
        return []
    items = json.loads(raw) if isinstance(raw, str) else raw
    texts = _texts(con)
    out = []
    for s in items or []:
        d = dict(s)
        t = texts.get(d.get("doc"))
        if t is not None and d.get("start") is not None:
            d["quote"] = t[d["start"]:d["end"]]
        out.append(d)
    return out


def match_place(con, place: str) -> list[str]:
    """Place names of the control table that denote `place`."""
    names = [r[0] for r in con.execute("SELECT DISTINCT place FROM control").fetchall() if r[0]]
    exact = [n for n in names if fold(n) == fold(place)]
    if exact:
        return exact
    keys = set(place_keys(place))
    return [n for n in names if keys & set(place_keys(n))]


def match_actor(con, name: str) -> str | None:
    """Canonical actor name for a name or alias, case- and accent-insensitively."""
    key = fold(name)
    for (n,) in con.execute("SELECT name FROM actors").fetchall():
        if fold(n) == key:
            return n
    try:
        for alias, n in con.execute("SELECT alias, name FROM actor_aliases").fetchall():
            if fold(alias) == key:
                return n
    except Exception:  # an older file without aliases
        pass
    for (n,) in con.execute("SELECT DISTINCT source FROM relations UNION SELECT DISTINCT target "
                            "FROM relations UNION SELECT DISTINCT organisation FROM leaders").fetchall():
        if n and fold(n) == key:
            return n
    return None


def stale(confirmed: str | None, t: date, after_days: int = STALE_AFTER_DAYS, open_start: bool = False) -> bool:
    """Whether a holding last confirmed on `confirmed` is stale on day `t`: no passage
    shows it in the `after_days` before `t`. An inferred span (`open_start`: held
    before the first recorded change, or a conflicting report) is confirmed only by
    the change that ends it, so it is stale too when `t` lies more than `after_days`
    before that."""
    c = _lo(confirmed)
    if c is None:
        return False
    gap = (t - c).days
    return gap > after_days or (open_start and -gap > after_days)


def _stale_from(r: dict, after_days: int = STALE_AFTER_DAYS) -> str | None:
    """The first day a span is stale, when that is before it ends."""
    from datetime import timedelta

    c = _lo(r.get("confirmed"))
    if c is None:
        return None
    d = c + timedelta(days=after_days + 1)
    u = _lo(r["until"])
    return d.isoformat() if u is None or d < u else None


def _stale_before(r: dict, after_days: int = STALE_AFTER_DAYS) -> str | None:
    """For an inferred span: the day before which it is stale, when it starts earlier."""
    from datetime import timedelta

    c = _lo(r.get("confirmed"))
    if not r["inferred"] or c is None:
        return None
    d = c - timedelta(days=after_days)
    s = _lo(r["since"])
    return d.isoformat() if s is None or s < d else None


def _span_record(con, r: dict) -> dict:
    return {"actor": r["actor"], "since": r["since"], "since_precision": r["since_precision"],
            "until": r["until"], "until_precision": r["until_precision"],
            "inferred": bool(r["inferred"]), "basis": r["basis"], "reason": r["reason"],
            "confirmed": r.get("confirmed"), "stale_from": _stale_from(r),
            "stale_before": _stale_before(r),
            "sources": _sources(con, r["sources"])}


def _order(value: str | None) -> date:
    return _lo(value) or date.min


# ---- control -------------------------------------------------------------------

def control(con, place: str, at: str | None = None) -> dict:
    """Who held `place`: the whole timeline, or the holder(s) on date `at`."""
    names = match_place(con, place)
    if not names:
        known = [r[0] for r in con.execute("SELECT DISTINCT place FROM control ORDER BY place").fetchall()]
        hint = ", ".join(known[:12]) + (" ..." if len(known) > 12 else "")
        raise InvalidArgument(f"no control record for place {place!r}; known places: {hint or 'none'}")
    rows = _rows(con, "SELECT * FROM control WHERE place IN (SELECT unnest(?)) ", [names])
    rows.sort(key=lambda r: (_order(r["since"]), r["inferred"] is False))
    label = names[0]
    if at is None:
        return {"place": label, "names": names, "timeline": [_span_record(con, r) for r in rows]}
    t = point_of(at, "at")
    holders = [r for r in rows if _holds(r["since"], r["until"], t)]
    return {"place": label, "at": at, "day": t.isoformat(),
            "holders": [{"actor": r["actor"], "since": r["since"], "until": r["until"],
                         "inferred": bool(r["inferred"]), "confirmed": r.get("confirmed"),
                         "stale": stale(r.get("confirmed"), t, open_start=bool(r["inferred"])),
                         "reason": r["reason"],
                         "sources": _sources(con, r["sources"])} for r in holders],
            "conflicting": len({r["actor"] for r in holders}) > 1}


# ---- relations -----------------------------------------------------------------

def _relations(con, kinds=None) -> list[dict]:
    rows = _rows(con, "SELECT * FROM relations")
    if kinds:
        rows = [r for r in rows if r["kind"] in kinds]
    return rows


def _relation_record(con, r: dict) -> dict:
    return {"id": r["relation_id"], "kind": r["kind"], "source": r["source"], "target": r["target"],
            "start": r["start_date"], "start_precision": r["start_precision"],
            "end": r["end_date"], "end_precision": r["end_precision"], "basis": r["basis"],
            "event_id": r["event_id"], "reason": r["reason"], "sources": _sources(con, r["sources"])}


def _active(r: dict, t: date) -> bool:
    if r["kind"] in STATE_KINDS:
        return _holds(r["start_date"], r["end_date"], t)
    s = _lo(r["start_date"])
    return s is not None and s <= t  # a change that has happened by t


def state(con, when: str) -> dict:
    """The conflict's structure on a date: holders of places, coalitions and
    their members, alliances, hostilities and agreements in force, leaders."""
    t = point_of(when, "date")
    places: dict[str, list[dict]] = {}
    for r in _rows(con, "SELECT * FROM control"):
        if _holds(r["since"], r["until"], t):
            places.setdefault(r["place"], []).append(
                {"actor": r["actor"], "since": r["since"], "until": r["until"],
                 "inferred": bool(r["inferred"]), "confirmed": r.get("confirmed"),
                 "stale": stale(r.get("confirmed"), t, open_start=bool(r["inferred"])),
                 "sources": _sources(con, r["sources"])})
    rels = [r for r in _relations(con, STATE_KINDS) if _holds(r["start_date"], r["end_date"], t)]
    coalitions: dict[str, list[str]] = {}
    for r in rels:
        if r["kind"] == "member" and r["target"]:
            coalitions.setdefault(r["target"], []).append(r["source"])
    return {
        "date": when, "day": t.isoformat(),
        "places": [{"place": p, "holders": h, "conflicting": len({x["actor"] for x in h}) > 1}
                   for p, h in sorted(places.items())],
        "coalitions": {c: sorted(set(m)) for c, m in sorted(coalitions.items())},
        "memberships": [_relation_record(con, r) for r in rels if r["kind"] == "member"],
        "alliances": [_relation_record(con, r) for r in rels if r["kind"] == "alliance"],
        "hostilities": [_relation_record(con, r) for r in rels if r["kind"] == "hostility" and r["target"]],
        "agreements": [_relation_record(con, r) for r in rels if r["kind"] == "agreement"],
        "leaders": _leaders_at(con, t),
    }


def _leaders_at(con, t: date) -> list[dict]:
    out = []
    for r in _rows(con, "SELECT * FROM leaders ORDER BY person"):
        d = _lo(r["fate_date"])
        if r["fate"] and (d is None or d <= t):
            status = r["fate"] if d else f"{r['fate']} (date not reported)"
        else:
            status = "no fate reported by then"
        out.append({"person": r["person"], "organisation": r["organisation"], "role": r["role"],
                    "status": status, "fate": r["fate"], "fate_date": r["fate_date"],
                    "sources": _sources(con, r["sources"])})
    # one line per person: the latest fate already reached wins
    best: dict[str, dict] = {}
    for rec in out:
        k = fold(rec["person"])
        cur = best.get(k)
        if cur is None or (rec["status"] != "no fate reported by then"
                           and cur["status"] == "no fate reported by then"):
            best[k] = rec
    return list(best.values())


# ---- graph ---------------------------------------------------------------------

def graph(con, at: str | None = None):
    """Actors as nodes, relations as edges (kind, start, end, basis, sources).

    With `at`, only relations in force on that date (and changes that had
    happened by then)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for r in _rows(con, "SELECT * FROM actors"):
        g.add_node(r["name"], kind=r["kind"] or "", inter=r["inter"] if r["inter"] is not None else 0,
                   country=r["country"] or "")
    t = point_of(at, "at") if at is not None else None
    for r in _relations(con):
        if t is not None and not _active(r, t):
            continue
        for n in (r["source"], r["target"]):
            if n and n not in g:
                g.add_node(n, kind="", inter=0, country="")
        if not r["target"]:
            continue  # a dissolution or internal split: a node fact, not an edge
        g.add_edge(r["source"], r["target"], key=r["relation_id"], kind=r["kind"],
                   start=r["start_date"] or "", end=r["end_date"] or "", basis=r["basis"] or "",
                   reason=r["reason"] or "", event_id=r["event_id"] or "",
                   sources=json.dumps(_sources(con, r["sources"]), ensure_ascii=False))
    g.graph["at"] = at or ""
    return g


def graph_json(g) -> dict:
    """Node-link JSON with sources decoded."""
    nodes = [{"id": n, **d} for n, d in g.nodes(data=True)]
    edges = []
    for u, v, k, d in g.edges(keys=True, data=True):
        e = {"source": u, "target": v, "id": k, **d}
        e["sources"] = json.loads(d.get("sources") or "[]")
        for f in ("start", "end", "event_id"):
            e[f] = e.get(f) or None
        edges.append(e)
    return {"at": g.graph.get("at") or None, "nodes": nodes, "edges": edges}


def graph_graphml(g) -> str:
    """GraphML text (opens in networkx.read_graphml and Gephi)."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(g))


# ---- actors --------------------------------------------------------------------

def _aliases(con) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    try:
        for alias, name in con.execute("SELECT DISTINCT alias, name FROM actor_aliases").fetchall():
            out.setdefault(name, []).append(alias)
    except Exception:
        pass
    return out


def _event_counts(con) -> dict[str, Counter]:
    counts: dict[str, Counter] = {}
    try:
        rows = con.execute("SELECT actor1, actor2, assoc_actor_1, assoc_actor_2, year FROM events").fetchall()
    except Exception:
        return counts
    for a1, a2, as1, as2, year in rows:
        for a in {a1, a2, *(as1 or []), *(as2 or [])}:
            if a and year:
                counts.setdefault(a, Counter())[int(year)] += 1
    return counts


def actors(con) -> pd.DataFrame:
    """One row per actor: aliases, coalitions it was ever a member of, event counts."""
    aliases = _aliases(con)
    counts = _event_counts(con)
    member = {}
    for r in _relations(con, ("member",)):
        member.setdefault(r["source"], set()).add(r["target"])
    rows = []
    for r in _rows(con, "SELECT * FROM actors ORDER BY name"):
        c = counts.get(r["name"], Counter())
        rows.append({"name": r["name"], "kind": r["kind"], "inter": r["inter"], "country": r["country"],
                     "aliases": sorted(set(aliases.get(r["name"], []))),
                     "coalitions": sorted(x for x in member.get(r["name"], set()) if x),
                     "events": sum(c.values()),
                     "first_year": min(c) if c else None, "last_year": max(c) if c else None})
    return pd.DataFrame(rows, columns=["name", "kind", "inter", "country", "aliases", "coalitions",
                                       "events", "first_year", "last_year"])


def actor(con, name: str) -> dict:
    """Everything about one actor: aliases, memberships over time, members,
    relations, leaders, events per year."""
    canon = match_actor(con, name)
    if canon is None:
        raise InvalidArgument(f"no actor named {name!r}; list them with `bellum actors`")
    info = _rows(con, "SELECT * FROM actors WHERE name = ?", [canon])
    base = info[0] if info else {"name": canon, "kind": None, "inter": None, "country": None}
    rels = [r for r in _relations(con) if canon in (r["source"], r["target"])]
    rels.sort(key=lambda r: (_order(r["start_date"]), r["kind"]))
    counts = _event_counts(con).get(canon, Counter())
    return {
        "name": canon, "kind": base.get("kind"), "inter": base.get("inter"),
        "country": base.get("country"),
        "aliases": sorted(set(_aliases(con).get(canon, []))),
        "memberships": [_relation_record(con, r) for r in rels
                        if r["kind"] == "member" and r["source"] == canon],
        "members": [_relation_record(con, r) for r in rels
                    if r["kind"] == "member" and r["target"] == canon],
        "relations": [_relation_record(con, r) for r in rels if r["kind"] != "member"],
        "leaders": [{"person": r["person"], "role": r["role"], "fate": r["fate"],
                     "fate_date": r["fate_date"], "sources": _sources(con, r["sources"])}
                    for r in _rows(con, "SELECT * FROM leaders WHERE organisation = ? ORDER BY person",
                                   [canon])],
        "events_per_year": {str(y): n for y, n in sorted(counts.items())},
    }
