"""Event filters, declared once: the CLI options, the Python API keywords, the
HTTP query parameters and the SQL all come from `FILTERS`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bellum.errors import InvalidArgument

_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Filter:
    name: str
    sql: str  # WHERE fragment with one `?` per parameter
    kind: type
    help: str
    params: int = 1


def _date_arg(value: str) -> str:
    value = str(value).strip()
    if not _ISO_PREFIX.match(value):
        raise InvalidArgument(f"'{value}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


FILTERS: tuple[Filter, ...] = (
    Filter("actor", "(actor1 ILIKE ? OR actor2 ILIKE ? OR list_contains(assoc_actor_1, ?) "
           "OR list_contains(assoc_actor_2, ?))", str,
           "an actor on either side (canonical name; % as wildcard)", 4),
    Filter("event_type", "event_type = ?", str, "ACLED event type, e.g. Battles"),
    Filter("sub_event_type", "sub_event_type = ?", str, "ACLED sub-event type, e.g. Armed clash"),
    Filter("country", "country ILIKE ?", str, "country name"),
    Filter("admin1", "admin1 ILIKE ?", str, "first-level region, e.g. Gao"),
    Filter("location", "location ILIKE ?", str, "the place as the text names it (% as wildcard)"),
    Filter("since", "event_date >= ?", _date_arg, "on or after this date (YYYY, YYYY-MM, YYYY-MM-DD)"),
    Filter("until", "event_date <= ? || '~'", _date_arg, "on or before this date (YYYY, YYYY-MM, YYYY-MM-DD)"),
    Filter("min_fatalities", "fatalities >= ?", int, "at least this many fatalities"),
    Filter("min_confidence", "confidence >= ?", float, "extraction confidence at least this (0 to 1)"),
    Filter("q", "(notes ILIKE '%' || ? || '%' OR event_id IN (SELECT event_id FROM event_sources "
           "WHERE quote ILIKE '%' || ? || '%'))", str, "keyword in the notes or source passages", 2),
)
BY_NAME = {f.name: f for f in FILTERS}


def where(**values) -> tuple[str, list]:
    """SQL WHERE clause and parameters for the filters given (None = unset)."""
    clauses, params = [], []
    for name, value in values.items():
        if value is None or value == "":
            continue
        f = BY_NAME.get(name)
        if f is None:
            raise InvalidArgument(f"unknown filter '{name}'; filters: {', '.join(BY_NAME)}")
        try:
            v = f.kind(value)
        except (TypeError, ValueError):
            raise InvalidArgument(f"{name}: '{value}' is not a valid {f.kind.__name__}") from None
        clauses.append(f.sql)
        params.extend([v] * f.params)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params
