"""infer/control.py on hand-built capture events of invented stories."""

from __future__ import annotations

import pytest

from bellum.infer.control import control_timelines, date_bounds, point_of
from bellum.model import DateValue, Event, Span

_N = [0]


def _ev(place, to, frm, value, precision="day", end=None, at=None):
    """A capture event whose passage sits at text offset `at` (text order)."""
    _N[0] += 1
    pos = at if at is not None else _N[0] * 100
    return Event(id=f"e{_N[0]}", doc="d", sources=[Span("d", pos, pos + 50)],
                 date=DateValue(value, precision, end), event_type="Battles",
                 sub_event_type="Armed clash",
                 control_change={"place": place, "to": to, "from": frm})


def _timeline(spans, place):
    return [(s.actor, s.since.value if s.since else None, s.until.value if s.until else None, s.inferred)
            for s in spans if s.place == place]


def test_control_taken_retaken_handed_over():
    # a town taken by rebels, retaken by the army, then handed over to a UN mission
    evs = [_ev("Djibo", "Ansarul Islam", "Burkinabe Army", "2019-03-02"),
           _ev("Djibo", "Burkinabe Army", "Ansarul Islam", "2019-05-20"),
           _ev("Djibo", "UN mission", "Burkinabe Army", "2020-01-10")]
    spans = control_timelines(evs)
    assert _timeline(spans, "Djibo") == [
        ("Burkinabe Army", None, "2019-03-02", True),      # before the first recorded capture
        ("Ansarul Islam", "2019-03-02", "2019-05-20", False),
        ("Burkinabe Army", "2019-05-20", "2020-01-10", False),
        ("UN mission", "2020-01-10", None, False),
    ]
    first = spans[0]
    assert first.basis == "inferred" and "before the first" in first.reason
    assert spans[1].sources == evs[0].sources  # each span keeps the passage that reports it


def test_control_first_capture_without_from_has_no_inferred_span():
    spans = control_timelines([_ev("Tillia", "ISSP", None, "2021-03")])
    assert _timeline(spans, "Tillia") == [("ISSP", "2021-03", None, False)]


def test_control_events_told_out_of_order_are_put_in_time_order():
    # a summary sentence (later date) comes first in the text
    evs = [_ev("Arbinda", "Army", "JNIM", "2020-06-10", at=10),
           _ev("Arbinda", "JNIM", "Army", "2020-02-01", at=500)]
    assert _timeline(control_timelines(evs), "Arbinda") == [
        ("Army", None, "2020-02-01", True), ("JNIM", "2020-02-01", "2020-06-10", False),
        ("Army", "2020-06-10", None, False)]


def test_control_coarse_date_keeps_text_order_and_starts_after_previous_change():
    # "later that year" the town changed hands again: year precision only
    evs = [_ev("Tessit", "MNLA", "Army", "2013-04-05", at=10),
           _ev("Tessit", "Ansar Dine", "MNLA", "2013", "year", at=200)]
    tl = control_timelines(evs)
    second = [s for s in tl if s.actor == "Ansar Dine"][0]
    assert second.since.value == "2013-04-05" and second.since.end == "2013-12-31"
    assert second.since.precision == "range" and "after the previous" in second.since.reason
    mnla = [s for s in tl if s.actor == "MNLA"][0]
    assert mnla.until == second.since


def test_control_same_holder_reported_again_adds_passages():
    evs = [_ev("Léré", "AQIM", "Army", "2012-11-28"), _ev("Léré", "AQIM", "Army", "2012-12-01")]
    spans = [s for s in control_timelines(evs) if not s.inferred]
    assert len(spans) == 1
    assert spans[0].sources == evs[0].sources + evs[1].sources
    assert "reported again" in spans[0].reason


def test_control_conflicting_from_kept_side_by_side():
    # the text says the army took the town from the CSP, but the last recorded
    # holder was Chadian troops: both are kept, the CSP one marked inferred
    evs = [_ev("Kidal", "Chadian troops", None, "2013-02-02"),
           _ev("Kidal", "Army", "CSP", "2023-11-15")]
    tl = _timeline(control_timelines(evs), "Kidal")
    assert ("Chadian troops", "2013-02-02", "2023-11-15", False) in tl
    assert ("CSP", "2013-02-02", "2023-11-15", True) in tl
    assert tl[-1] == ("Army", "2023-11-15", None, False)


@pytest.mark.parametrize("a,b", [("Ménaka", "Menaka"), ("the Gao", "GAO"), ("Tinzaouatène", "tinzaouatene")])
def test_control_place_spellings_grouped(a, b):
    evs = [_ev(a, "X", "Y", "2012-01-01"), _ev(b, "Y", "X", "2012-02-01")]
    places = {s.place for s in control_timelines(evs)}
    assert len(places) == 1


def test_control_ignores_events_without_a_control_change():
    e = _ev("Gao", "X", None, "2012-01-01")
    e.control_change = None
    assert control_timelines([e]) == []


@pytest.mark.parametrize("value,lo,hi", [("2012", "2012-01-01", "2012-12-31"),
                                         ("2012-02", "2012-02-01", "2012-02-29"),
                                         ("2012-02-06", "2012-02-06", "2012-02-06")])
def test_control_date_bounds(value, lo, hi):
    b = date_bounds(value)
    assert (b[0].isoformat(), b[1].isoformat()) == (lo, hi)


def test_control_point_of_query_date_is_middle_of_period():
    assert point_of("2012-06").isoformat() == "2012-06-15"
    assert point_of("2024").isoformat() == "2024-07-01"
    from bellum.errors import InvalidArgument
    with pytest.raises(InvalidArgument):
        point_of("June 2012")


# ---- holdings that end: withdrawals, handovers; last confirmation ---------------

def _at(name, country="Niger", admin1="Tahoua", precision=1):
    from bellum.model import Place

    return Place(name, country=country, admin1=admin1, geo_precision=precision)


def _taken(place, to, value, country="Niger", admin1="Tahoua", frm=None, inter1=None):
    e = _ev(place, to, frm, value)
    e.place, e.location, e.country, e.actor1, e.inter1 = _at(place, country, admin1), place, country, to, inter1
    return e


def _left(actor1, value, location=None, country="Niger", admin1=None, precision=3, inter1=8,
          actors=None, control=None):
    """A withdrawal as the extractor types it: a relation change of kind 'withdrawal'."""
    _N[0] += 1
    pos = _N[0] * 100
    return Event(id=f"w{_N[0]}", doc="d", sources=[Span("d", pos, pos + 40)], date=DateValue(value, "day"),
                 event_type="Strategic developments", sub_event_type="Other", actor1=actor1, inter1=inter1,
                 country=country, location=location,
                 place=_at(location, country, admin1, precision) if (location or admin1) else None,
                 relation_change={"kind": "withdrawal", "actors": actors or [actor1], "result": None},
                 control_change=control)


def test_control_foreign_force_leaving_a_country_ends_its_holdings_there():
    evs = [_taken("Tinkar", "Military Forces of Belgium", "2014-03-01", inter1=8),
           _taken("Oussa", "Military Forces of Belgium", "2015-05-01", admin1="Agadez", inter1=8),
           _taken("Borel", "Military Forces of Belgium", "2015-06-01", country="Chad", admin1="Lac", inter1=8),
           _taken("Oussa", "Military Forces of Belgium", "2016-02-01", inter1=8),  # told again
           _left("Military Forces of Belgium", "2019-09-30")]
    spans = control_timelines(evs)
    # the host state's forces are inferred to take over what the foreign force leaves
    assert _timeline(spans, "Tinkar") == [("Military Forces of Belgium", "2014-03-01", "2019-09-30", False),
                                          ("Military Forces of Niger", "2019-09-30", None, True)]
    assert _timeline(spans, "Oussa")[0] == ("Military Forces of Belgium", "2015-05-01", "2019-09-30", False)
    # its holding in another country goes on
    assert _timeline(spans, "Borel") == [("Military Forces of Belgium", "2015-06-01", None, False)]
    tinkar = [s for s in spans if s.place == "Tinkar"][0]
    assert "hands over to the host state" in [s for s in spans if s.place == "Tinkar"][1].reason
    assert tinkar.end_sources == evs[-1].sources and evs[-1].id in tinkar.reason
    assert tinkar.sources == evs[0].sources  # the passage that opens it stays apart


def test_control_an_army_does_not_leave_its_own_country():
    # a withdrawal typed against the host state's own forces, or a local group
    # 'retreating' with no place: no holding ends
    evs = [_taken("Tinkar", "Military Forces of Niger", "2014-03-01", inter1=1),
           _taken("Oussa", "Sahel Liberation Front", "2015-05-01", inter1=2),
           _left("Military Forces of Niger", "2019-09-30", inter1=1),
           _left("Sahel Liberation Front", "2019-10-30", inter1=2)]
    spans = control_timelines(evs)
    assert all(s.until is None for s in spans)


def test_control_leaving_a_region_ends_holdings_in_that_region_only():
    evs = [_taken("Tinkar", "Sahel Liberation Front", "2014-03-01", admin1="Tahoua"),
           _taken("Oussa", "Sahel Liberation Front", "2014-04-01", admin1="Agadez"),
           _left("Sahel Liberation Front", "2016-01-10", location="Tahoua Region", admin1="Tahoua", inter1=2)]
    spans = control_timelines(evs)
    assert _timeline(spans, "Tinkar") == [("Sahel Liberation Front", "2014-03-01", "2016-01-10", False)]
    assert _timeline(spans, "Oussa") == [("Sahel Liberation Front", "2014-04-01", None, False)]


def test_control_leaving_a_town_then_a_later_capture():
    # the front leaves the town; years later the army loses it to another group:
    # the army's holding is inferred from the front's departure, not from the start
    evs = [_taken("Tinkar", "Sahel Liberation Front", "2014-03-01"),
           _ev("Tinkar", None, "Sahel Liberation Front", "2015-07-04"),
           _taken("Tinkar", "Katiba Oussa", "2018-02-02", frm="Military Forces of Niger")]
    evs[1].place = _at("Tinkar")
    assert _timeline(control_timelines(evs), "Tinkar") == [
        ("Sahel Liberation Front", "2014-03-01", "2015-07-04", False),
        ("Military Forces of Niger", "2015-07-04", "2018-02-02", True),
        ("Katiba Oussa", "2018-02-02", None, False)]


def test_control_a_withdrawal_by_someone_else_leaves_the_holder():
    evs = [_taken("Tinkar", "Sahel Liberation Front", "2014-03-01"),
           _left("Military Forces of Belgium", "2015-09-30", location="Tinkar", admin1="Tahoua", precision=1)]
    assert _timeline(control_timelines(evs), "Tinkar") == [("Sahel Liberation Front", "2014-03-01", None, False)]


def test_control_handover_to_the_host_army_closes_and_opens():
    evs = [_taken("Tinkar", "Military Forces of Belgium", "2014-03-01", inter1=8),
           _left("Military Forces of Belgium", "2017-04-05", location="Tinkar", admin1="Tahoua", precision=1,
                 actors=["Military Forces of Belgium", "Military Forces of Niger"])]
    spans = control_timelines(evs)
    assert _timeline(spans, "Tinkar") == [("Military Forces of Belgium", "2014-03-01", "2017-04-05", False),
                                          ("Military Forces of Niger", "2017-04-05", None, True)]
    assert "handed over" in spans[-1].reason and spans[-1].sources == evs[-1].sources


def test_control_last_confirmation_is_the_latest_event_of_the_holder_there():
    attack = Event(id="a1", doc="d", sources=[Span("d", 9000, 9040)], date=DateValue("2016-08", "month"),
                   event_type="Battles", sub_event_type="Armed clash", actor1="Katiba Oussa",
                   actor2="Sahel Liberation Front", location="Tinkar", place=_at("Tinkar"))
    elsewhere = Event(id="a2", doc="d", sources=[Span("d", 9100, 9140)], date=DateValue("2018-01-01", "day"),
                      event_type="Battles", sub_event_type="Armed clash", actor1="Sahel Liberation Front",
                      location="Oussa", place=_at("Oussa"))
    evs = [_taken("Tinkar", "Sahel Liberation Front", "2014-03-01"), attack, elsewhere]
    (span,) = control_timelines(evs)
    assert span.confirmed.value == "2016-08"
    from bellum.structure import STALE_AFTER_DAYS, stale

    assert STALE_AFTER_DAYS >= 365
    assert not stale(span.confirmed.value, point_of("2017-06"))
    assert stale(span.confirmed.value, point_of("2020-06"))


def test_control_a_holding_inferred_before_the_first_change_is_stale_long_before_it():
    from bellum.structure import stale

    (before, _after) = control_timelines([_taken("Tinkar", "Katiba Oussa", "2021-05-01",
                                                 frm="Military Forces of Niger")])
    assert before.since is None and before.confirmed.value == "2021-05-01"
    assert not stale(before.confirmed.value, point_of("2020-06"), open_start=True)
    assert stale(before.confirmed.value, point_of("2012-06"), open_start=True)
