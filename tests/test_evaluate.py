"""The matching rule of event-schema.md on invented records."""

from __future__ import annotations

import pytest

from bellum.evaluate import date_right, evaluate

TEXT = "On 2 May 2020 gunmen attacked Gao. Soldiers repelled them. On 9 May a bomb hit Kidal."
S1 = TEXT.index("On 2 May")
S3 = TEXT.index("On 9 May")


def gold(i, quote, **kw):
    rec = {"id": f"g{i}", "doc": "d", "quotes": [quote], "date": "2020-05-02", "date_precision": "day",
           "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "A", "actor2": "B",
           "location": "Gao", "country": "Mali", "fatalities": None}
    rec.update(kw)
    return rec


def pred(start, end, **kw):
    rec = {"doc": "d", "sources": [{"doc": "d", "start": start, "end": end}], "date": "2020-05-02",
           "date_precision": "day", "event_type": "Battles", "sub_event_type": "Armed clash",
           "actor1": "A", "actor2": "B", "location": "Gao", "country": "Mali", "fatalities": None}
    rec.update(kw)
    return rec


def test_evaluate_overlap_matches_one_to_one():
    g = [gold(1, "On 2 May 2020 gunmen attacked Gao."),
         gold(2, "On 9 May a bomb hit Kidal.", date="2020-05-09", event_type="Explosions/Remote violence",
              sub_event_type="Remote explosive/landmine/IED", location="Kidal")]
    p = [pred(S1, S1 + 20), pred(S1, S1 + 10), pred(S3, len(TEXT), date="2020-05-10", location="Kidal",
                                                    event_type="Explosions/Remote violence",
                                                    sub_event_type="Remote explosive/landmine/IED")]
    s = evaluate(g, p, {"d": TEXT})
    assert s["matched"] == 2 and s["precision"] == pytest.approx(2 / 3, abs=1e-3) and s["recall"] == 1.0
    assert s["field_accuracy"]["date"] == 0.5  # 10 May is not 9 May at day precision
    assert s["field_accuracy"]["event_type"] == 1.0


def test_evaluate_without_provenance_uses_date_and_place():
    g = [gold(1, "On 2 May 2020 gunmen attacked Gao.")]
    near = dict(pred(0, 0), sources=[], date="2020-05-04", actor1="X")
    far = dict(pred(0, 0), sources=[], date="2020-05-09")
    assert evaluate(g, [near], {"d": TEXT})["matched"] == 1
    assert evaluate(g, [far], {"d": TEXT})["matched"] == 0


@pytest.mark.parametrize("gdate,prec,pdate,ok", [
    ("2020-05-02", "day", "2020-05-02", True),
    ("2020-05-02", "day", "2020-05", False),
    ("2020-05", "month", "2020-05-17", True),
    ("2020", "year", "2020-11", True),
    ("2020", "year", "2021", False),
    ("2020-05-02", "range", "2020-05-02", True),
])
def test_evaluate_date_exact_at_gold_precision(gdate, prec, pdate, ok):
    assert date_right({"date": gdate, "date_precision": prec}, {"date": pdate}) is ok


def test_evaluate_ignores_documents_the_gold_does_not_cover():
    g = [gold(1, "On 2 May 2020 gunmen attacked Gao.")]
    other = dict(pred(S1, S1 + 20), doc="other", sources=[{"doc": "other", "start": 0, "end": 5}])
    s = evaluate(g, [pred(S1, S1 + 20), other], {"d": TEXT})
    assert s["predicted"] == 1 and s["precision"] == 1.0
