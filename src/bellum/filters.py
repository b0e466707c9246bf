"""The event filters, declared once.

`FILTERS` is the single table of (name, column, operator, type, help). It
generates the SQL WHERE clause (`where`), the HTTP query parameters (see
`query_dependency` in server/app.py) and the documentation (`markdown_table`),
so a filter cannot exist in one place and be missing from another. No web
framework is imported here, so the CLI and kb.py can use the same table.

Dates in the knowledge base carry their precision (`2012`, `2012-03`,
`2012-03-15`), so an event is a period, not a day: `since` keeps events whose
period ends on or after the date, `until` those whose period starts on or
before it.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable, Mapping

from bellum.errors import InvalidArgument


def period_start(col: str) -> str:
    """SQL: first day of an ISO date string at year, month or day precision."""
    return (
        f"(CASE WHEN length({col}) = 4 THEN TRY_CAST({col} || '-01-01' AS DATE)"
        f" WHEN length({col}) = 7 THEN TRY_CAST({col} || '-01' AS DATE)"
        f" ELSE TRY_CAST(left({col}, 10) AS DATE) END)"
    )


def period_end(col: str) -> str:
    """SQL: last day of an ISO date string at year, month or day precision."""
    return (
        f"(CASE WHEN length({col}) = 4 THEN TRY_CAST({col} || '-12-31' AS DATE)"
        f" WHEN length({col}) = 7 THEN last_day(TRY_CAST({col} || '-01' AS DATE))"
        f" ELSE TRY_CAST(left({col}, 10) AS DATE) END)"
    )


EVENT_START = period_start("event_date")
EVENT_END = f"coalesce({period_end('date_end')}, {period_end('event_date')})"
EVENT_ACTORS = (
    "list_concat([actor1, actor2], coalesce(assoc_actor_1, []), coalesce(assoc_actor_2, []))"
)
EVENT_TEXT = "concat_ws(' ', event_id, notes, actor1, actor2, location, admin1, country)"

# ASCII digits only: `\d` would also take Arabic-Indic or fullwidth digits
_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")

# The ACLED taxonomy (event type -> sub-event types), what the event_type and
# sub_event_type filters accept.
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
SUB_EVENT_TYPES = tuple(s for subs in ACLED_TYPES.values() for s in subs)

# pagination bounds: a page of the HTTP API, and the furthest offset anywhere
MAX_LIMIT = 100_000
MAX_OFFSET = 1_000_000_000


def _listing(values: Iterable[str], most: int = 12) -> str:
    values = list(values)
    return ", ".join(values[:most]) + (" ..." if len(values) > most else "")


def did_you_mean(value: str, accepted: Iterable[str]) -> str:
    """' did you mean X?' for the closest accepted value (ignoring case), or ''."""
    accepted = list(accepted)
    lowered = {a.lower(): a for a in accepted}
    close = difflib.get_close_matches(str(value).lower(), list(lowered), n=1, cutoff=0.6)
    return f" did you mean {lowered[close[0]]!r}?" if close else ""


def choice(name: str, value: str, accepted: Iterable[str]) -> str:
    """`value` as spelled in `accepted` (ignoring case), or InvalidArgument
    naming the closest and every accepted value."""
    accepted = list(accepted)
    for a in accepted:
        if str(value).strip().lower() == a.lower():
            return a
    raise InvalidArgument(f"{name}: {value!r} is not accepted;{did_you_mean(value, accepted)}"
                          f" choose from {_listing(accepted, 30)}")


def number(name: str, value: Any, kind: type = int, low: float | None = None,
           high: float | None = None) -> int | float:
    """`value` as a finite int or float within [low, high], or InvalidArgument."""
    try:
        if kind is int and isinstance(value, float) and not value.is_integer():
            raise ValueError(value)
        if kind is int and isinstance(value, str):
            if not re.fullmatch(r"\s*[-+]?[0-9]+\s*", value):  # ASCII digits; no '1e3', no '٣'
                raise ValueError(value)
        elif isinstance(value, str) and not re.fullmatch(r"[\x00-\x7f]*", value):
            raise ValueError(value)
        n = kind(value)
        if not math.isfinite(n):
            raise ValueError(value)
    except (TypeError, ValueError, OverflowError):
        what = "a whole number" if kind is int else "a finite number"
        raise InvalidArgument(f"{name} must be {what}, got {value!r}") from None
    if (low is not None and n < low) or (high is not None and n > high):
        if high is None:
            span = f"at least {low}"
        elif low is None:
            span = f"at most {high}"
        else:
            span = f"between {low} and {high}"
        raise InvalidArgument(f"{name} must be {span}, got {value!r}")
    return n


def check_names(given: Iterable[str], accepted: Iterable[str], what: str = "parameter") -> None:
    """Refuse a name that is not accepted, or one given twice, naming the accepted ones."""
    accepted = list(accepted)
    seen: set[str] = set()
    for name in given:
        if name not in accepted:
            raise InvalidArgument(f"unknown {what} {name!r};{did_you_mean(name, accepted)}"
                                  f" accepted: {', '.join(accepted) or 'none'}")
        if name in seen:
            either = name in BY_NAME and BY_NAME[name].op in ("in_ci", "has_actor")
            raise InvalidArgument(f"{what} {name!r} is given more than once; give it once"
                                  + (" (use 'a|b' for either of two values)" if either else ""))
        seen.add(name)


def page(limit: Any, offset: Any = 0, max_limit: int | None = None) -> tuple[int | None, int]:
    """Checked (limit, offset): limit None (all) or 0..max_limit, offset 0..MAX_OFFSET.
    (The HTTP API caps a page at MAX_LIMIT; the CLI and Python do not.)"""
    lim = None if limit is None else number("limit", limit, int, 0, max_limit)
    return lim, number("offset", offset or 0, int, 0, MAX_OFFSET)


def parse_date(name: str, value: str, end: bool = False) -> date:
    """`2012`, `2012-03` or `2012-03-15` as the first (or last, `end`) day of that period."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgument(f"{name}: a date is needed; use YYYY, YYYY-MM or YYYY-MM-DD")
    m = _DATE.match(value.strip())
    if not m:
        raise InvalidArgument(f"{name}: {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = int(m[1]), m[2], m[3]
    try:
        if d:
            return date(y, int(mo), int(d))
        if mo:
            month = int(mo)
            if not end:
                return date(y, month, 1)
            nxt = date(y + month // 12, month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(y, 12, 31) if end else date(y, 1, 1)
    except ValueError:
        raise InvalidArgument(f"{name}: {value!r} is not a real calendar date") from None


def _alternatives(name: str, value: str) -> list[str]:
    """ACLED-style alternatives: `Battles|Riots`."""
    vals = [v.strip() for v in str(value).split("|") if v.strip()]
    if not vals:
        raise InvalidArgument(f"{name} has no value between its '|' separators, got {value!r}")
    return vals


def _in_ci(col, name, value):
    vals = _alternatives(name, value)
    marks = ", ".join("strip_accents(lower(?))" for _ in vals)
    return f"strip_accents(lower({col})) IN ({marks})", vals


def _has_actor(col, name, value):
    # `col` lists the columns, `[]` marking list columns. The wanted names are the
    # values plus every name the knowledge base gives them as aliases, lowercased;
    # uncorrelated subqueries, so DuckDB computes them once per query.
    vals = [v.lower() for v in _alternatives(name, value)]
    names = (
        "(SELECT lower(x) FROM unnest(?::VARCHAR[]) t(x) UNION"
        " SELECT lower(a.name) FROM actor_aliases a WHERE list_contains(?::VARCHAR[], lower(a.alias)))"
    )
    columns = [c.strip() for c in col.split(",")]
    scalars = [c for c in columns if not c.endswith("[]")]
    lists = [f"coalesce({c[:-2]}, [])" for c in columns if c.endswith("[]")]
    parts = [f"lower({c}) IN {names}" for c in scalars]
    params = [vals, vals] * len(scalars)
    if lists:
        parts.append(f"list_has_any(list_transform({' || '.join(lists)}, lambda x: lower(x)),"
                     f" (SELECT list(n) FROM {names} s(n)))")
        params += [vals, vals]
    return "(" + " OR ".join(parts) + ")", params


def _date_gte(col, name, value):
    return f"{col} >= ?", [parse_date(name, value)]


def _date_lte(col, name, value):
    return f"{col} <= ?", [parse_date(name, value, end=True)]


def _gte(col, name, value):
    return f"{col} >= ?", [value]


def _keyword(col, name, value):
    # in the event's own fields, or in the quote of one of its source passages
    needle = "%" + str(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return (
        f"({col} ILIKE ? ESCAPE '\\' OR event_id IN"
        " (SELECT event_id FROM event_sources WHERE quote ILIKE ? ESCAPE '\\'))",
        [needle, needle],
    )


# operator -> (sql builder, how the docs describe it)
OPERATORS: dict[str, tuple[Callable[[str, str, Any], tuple[str, list]], str]] = {
    "in_ci": (_in_ci, "equals, ignoring case and accents; `a|b` for either"),
    "has_actor": (_has_actor, "any side is this actor or alias; `a|b` for either"),
    "date_gte": (_date_gte, "on or after (YYYY, YYYY-MM or YYYY-MM-DD)"),
    "date_lte": (_date_lte, "on or before (YYYY, YYYY-MM or YYYY-MM-DD)"),
    "gte": (_gte, "at least"),
    "keyword": (_keyword, "contains the words, ignoring case, here or in a source passage"),
}


@dataclass(frozen=True)
class Filter:
    name: str  # query parameter
    column: str  # SQL expression over the events table
    op: str  # key of OPERATORS
    type: type  # type of the query parameter
    help: str
    choices: tuple[str, ...] = ()  # accepted values (each alternative of `a|b`), when closed
    bounds: tuple[float | None, float | None] = (None, None)  # for numbers: lowest, highest


FILTERS: tuple[Filter, ...] = (
    Filter("actor", "actor1, actor2, assoc_actor_1[], assoc_actor_2[]", "has_actor", str,
           "Actor on either side (actor1, actor2 or an associated actor), by name or alias."),
    Filter("event_type", "event_type", "in_ci", str,
           "ACLED event type, e.g. `Battles` or `Battles|Violence against civilians`.", tuple(ACLED_TYPES)),
    Filter("sub_event_type", "sub_event_type", "in_ci", str,
           "ACLED sub-event type, e.g. `Armed clash`.", SUB_EVENT_TYPES),
    Filter("country", "country", "in_ci", str, "Country where the event happened."),
    Filter("admin1", "admin1", "in_ci", str, "First-level region, e.g. `Kidal`."),
    Filter("location", "location", "in_ci", str, "Place as named in the event, e.g. `Menaka`."),
    Filter("since", EVENT_END, "date_gte", str,
           "Events that may fall on or after this date (an event's date is a period at its precision)."),
    Filter("until", EVENT_START, "date_lte", str,
           "Events that may fall on or before this date; `2013` means up to 2013-12-31."),
    Filter("min_fatalities", "coalesce(fatalities, 0)", "gte", int,
           "At least this many reported deaths (events with none reported count as 0).",
           bounds=(0, 10_000_000)),
    Filter("min_confidence", "confidence", "gte", float, "Extraction confidence at least this (0 to 1).",
           bounds=(0, 1)),
    Filter("q", EVENT_TEXT, "keyword", str,
           "Keyword in the notes, actors, place or the source passages."),
    Filter("doc", "doc_id", "in_ci", str, "Only events from this document id."),
)

BY_NAME = {f.name: f for f in FILTERS}


def where(values: Mapping[str, Any] | None = None, /, **more: Any) -> tuple[str, list]:
    """SQL ` WHERE ...` (with its leading space, or "") and its parameters.

    Takes a mapping or keywords: `where({"actor": "JNIM"})` or `where(actor="JNIM")`.
    Empty values are ignored; an unknown name, a malformed value, a value
    outside a filter's choices or bounds, or `since` after `until` raises
    InvalidArgument naming the filter and what it accepts.
    """
    given = {**(values or {}), **more}
    check_names(given, BY_NAME, "filter")
    clauses, params = [], []
    for f in FILTERS:
        value = given.get(f.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if f.type is not str:
            value = number(f.name, value, f.type, *f.bounds)
        elif f.choices:
            value = "|".join(choice(f.name, v, f.choices) for v in _alternatives(f.name, value))
        build, _ = OPERATORS[f.op]
        sql, p = build(f.column, f.name, value)
        clauses.append(sql)
        params.extend(p)
    since, until = given.get("since"), given.get("until")
    if since and until and str(since).strip() and str(until).strip():
        if parse_date("since", since) > parse_date("until", until, end=True):
            raise InvalidArgument(f"since ({since}) is after until ({until}); no event can match")
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def markdown_table() -> str:
    """The filters as a markdown table, for docs/api.md."""
    cell = lambda s: s.replace("|", "\\|")  # noqa: E731 - a literal | would split the cell
    rows = ["| parameter | type | matches | meaning |", "| --- | --- | --- | --- |"]
    for f in FILTERS:
        rows.append(f"| `{f.name}` | {f.type.__name__} | {cell(OPERATORS[f.op][1])} | {cell(f.help)} |")
    return "\n".join(rows) + "\n"
