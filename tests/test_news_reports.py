"""Wire reports end to end: the report date read from the dateline dates the
events ("on Tuesday", "last week", "on 30 December" in a January report) and
each event gets the deaths its sentence states.

All reports are invented for these tests (Sahel-flavoured, varied phrasing).
"""

from __future__ import annotations

import pytest

from bellum.sources import read_text

WIRE_NIAMEY = """NIAMEY, Dec 12 (Reuters) - Gunmen killed at least 21 soldiers in an attack on an army post near Chatoumane in western Niger on Tuesday, the defence ministry said on Wednesday.

Late on Sunday, jihadists ambushed a convoy near Téra, killing four gendarmes.

Niger's junta, which seized power in July 2023, has struggled to contain attacks in the region.
"""

WIRE_OUAGA = """OUAGADOUGOU, 6 January 2025 (AFP) - Dozens of civilians were killed on Saturday when gunmen raided the village of Kpenchangou in eastern Burkina Faso, residents said.

On 30 December, a convoy was ambushed near Djibo, and between 20 and 30 soldiers died, according to security sources.

Two days later, jihadists overran the post at Tawori, killing seven volunteers and 63 attackers.
"""

WIRE_DJIBO = """Burkina Faso: attack on Djibo

Updated: 28/11/2022

At least 10 soldiers and 14 volunteers were killed on Saturday in an attack on a military detachment in Djibo, the army said in a statement on Monday.

In the night of Sunday to Monday, another attack targeted the town of Gorom-Gorom.

Two weeks ago, 27 civilians were executed in Nouna, according to the UN.
"""

WIRE_GAO = """GAO, Mali, March 9, 2024 (AP) — A drone strike killed a senior JNIM commander near Léré on Thursday, the army said.

The village chief of Tonka, Hamadoun Traoré, was abducted on Friday and later executed by the militants.
"""

# report, quote in the event's sentence, date, precision, date_end, (fatalities, low, high)
CASES = [
    (WIRE_NIAMEY, "Gunmen killed at least 21", "2023-12-12", "day", None, (21, 21, None)),
    (WIRE_NIAMEY, "jihadists ambushed a convoy", "2023-12-10", "day", None, (4, None, None)),
    (WIRE_OUAGA, "Dozens of civilians", "2025-01-04", "day", None, (None, 24, None)),
    (WIRE_OUAGA, "a convoy was ambushed near Djibo", "2024-12-30", "day", None, (20, 20, 30)),
    (WIRE_OUAGA, "jihadists overran the post", "2025-01-01", "day", None, (70, None, None)),
    (WIRE_DJIBO, "At least 10 soldiers", "2022-11-26", "day", None, (24, 24, None)),
    (WIRE_DJIBO, "another attack targeted", "2022-11-27", "range", "2022-11-28", (None, None, None)),
    (WIRE_DJIBO, "27 civilians were executed", "2022-11-14", "range", "2022-11-20", (27, None, None)),
    (WIRE_GAO, "A drone strike killed", "2024-03-07", "day", None, (1, None, None)),
    (WIRE_GAO, "was abducted on Friday", "2024-03-08", "day", None, (1, None, None)),
]


@pytest.mark.parametrize("report, quote, value, precision, end, deaths", CASES)
def test_news_reports_dates_and_fatalities(nlp, res, report, quote, value, precision, end, deaths):
    from bellum.extract import process_document

    doc = read_text(report, "wire")
    result = process_document(doc, nlp(doc.text), res)
    at = doc.text.index(quote)
    hits = [e for e in result.events if any(s.start <= at < s.end for s in e.sources)]
    assert hits, f"no event for {quote!r}"
    e = hits[0]
    assert (e.date.value, e.date.precision, e.date.end) == (value, precision, end)
    assert (e.fatalities, e.fatalities_low, e.fatalities_high) == deaths
