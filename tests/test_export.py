"""The ACLED mapping of stored events."""

from __future__ import annotations

import pytest

from bellum.export import interaction, time_precision


@pytest.mark.parametrize("precision,start,end,expected", [
    ("day", "2020-05-02", None, 1),
    ("range", "2020-05-02", "2020-05-06", 2),
    ("range", "2020-05-02", "2020-05-20", 3),
    ("range", "2022-09", "2023-07", 3),
    ("month", "2020-05", None, 3),
    ("year", "2020", None, 3),
])
def test_export_time_precision(precision, start, end, expected):
    assert time_precision(precision, start, end) == expected


@pytest.mark.parametrize("a,b,expected", [(1, 2, 12), (2, 1, 12), (7, 3, 37), (1, None, 10), (None, 1, None)])
def test_export_interaction_code(a, b, expected):
    assert interaction(a, b) == expected
