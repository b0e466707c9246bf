"""The filter table: dates at their precision, SQL it generates, the docs it generates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bellum.errors import InvalidArgument
from bellum.filters import FILTERS, OPERATORS, markdown_table, parse_date, where

DOCS = Path(__file__).resolve().parent.parent / "docs" / "api.md"


@pytest.mark.parametrize(
    "value, end, expected",
    [
        ("2013", False, date(2013, 1, 1)),
        ("2013", True, date(2013, 12, 31)),
        ("2012-02", True, date(2012, 2, 29)),  # leap year
        ("2023-12", True, date(2023, 12, 31)),
        ("2019-07-04", True, date(2019, 7, 4)),
        (" 2019-07 ", False, date(2019, 7, 1)),
    ],
)
def test_filters_parse_date_at_its_precision(value, end, expected):
    assert parse_date("since", value, end=end) == expected


@pytest.mark.parametrize(
    "value, message",
    [
        ("12/03/2012", "since: '12/03/2012' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2012-3", "since: '2012-3' is not a date"),
        ("2013-02-29", "since: '2013-02-29' is not a real calendar date"),
        ("2013-00", "since: '2013-00' is not a real calendar date"),
    ],
)
def test_filters_reject_bad_dates_naming_the_filter(value, message):
    with pytest.raises(InvalidArgument, match="^" + message.replace("(", r"\(")):
        parse_date("since", value)


def test_filters_where_skips_empty_values_and_keeps_table_order():
    sql, params = where({"q": "", "country": "Mali", "actor": None, "min_fatalities": "5"})
    assert sql.startswith(" WHERE strip_accents(lower(country)) IN (") and " AND coalesce(fatalities, 0) >= ?" in sql
    assert params == ["Mali", 5]
    assert where({}) == where() == ("", [])
    assert where(country="Mali") == where({"country": "Mali"})


@pytest.mark.parametrize(
    "given, message",
    [
        ({"actors": "JNIM"}, r"unknown filter 'actors'; did you mean 'actor'\? accepted: actor, event_type"),
        ({"min_fatalities": "many"}, "min_fatalities must be a whole number, got 'many'"),
        ({"min_confidence": "high"}, "min_confidence must be a finite number, got 'high'"),
        ({"min_confidence": "nan"}, "min_confidence must be a finite number, got 'nan'"),
        ({"until": "June 2013"}, "until: 'June 2013' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_filters_where_rejects_bad_input_naming_the_filter(given, message):
    with pytest.raises(InvalidArgument, match="^" + message):
        where(given)


def test_filters_alternatives_become_one_placeholder_each():
    sql, params = where({"event_type": "Battles| Riots |"})
    assert sql.count("?") == 2 and params == ["Battles", "Riots"]


def test_filters_every_operator_is_used_and_documented():
    assert {f.op for f in FILTERS} == set(OPERATORS)
    assert len({f.name for f in FILTERS}) == len(FILTERS)
    for f in FILTERS:
        assert f.help.strip() and f.type in (str, int, float)


def test_filters_docs_match_the_table():
    assert markdown_table() in DOCS.read_text(encoding="utf-8"), (
        "docs/api.md is out of date: paste bellum.filters.markdown_table() into it")
