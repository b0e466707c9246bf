"""The country of a text comes from the text, and places world-wide are pinned.

All texts are invented for these tests (Sudan, Ukraine, Myanmar, Gaza, the Sahel);
the coordinates are the real towns'.
"""

from __future__ import annotations

import pytest

from bellum.countries import countries
from bellum.geo import within_km
from bellum.sources import read_text

pytestmark = pytest.mark.model

SUDAN = """Fighting in Sudan

Fighting between the Sudanese Armed Forces (SAF) and the Rapid Support Forces (RSF) broke out in Khartoum on 15 April 2023. The RSF attacked army positions near the presidential palace in Khartoum, and at least 56 civilians were killed on the first day.

On 17 April, SAF aircraft bombed RSF bases in Omdurman, killing 12 fighters. The army said it had retaken the state broadcaster's building.

On 14 June 2023, RSF fighters killed the governor of West Darfur in El Geneina. Residents said at least 40 people were killed in the town that week.

On 26 October 2023, the RSF captured Nyala after weeks of clashes with the army.

On 2 November 2023, RSF fighters attacked the village of Hillat Kubrani, killing nine civilians.
"""

# the real towns: (lat, lon)
SUDAN_TOWNS = {"Khartoum": (15.55, 32.53), "Omdurman": (15.64, 32.48), "El Geneina": (13.45, 22.45),
               "Nyala": (12.05, 24.88)}

UKRAINE = """KYIV, 3 March 2024 - Russian forces shelled Kharkiv overnight, killing seven civilians, the regional governor said on Sunday.

On Saturday, a drone strike hit an apartment block in Odesa, killing 12 people. Ukrainian troops repelled an assault near Avdiivka, the army said.
"""

MYANMAR = """YANGON, 10 November 2023 - Fighters of the Arakan Army attacked police posts in Rakhine State on Monday, killing nine officers, Myanmar's military government said.

On Tuesday, junta aircraft bombed a village near Lashio, killing at least 15 civilians, residents said. Rebels captured the town of Kutkai after two days of fighting.
"""

GAZA = """GAZA, 5 March 2024 - Israeli aircraft bombed a house in Khan Younis on Tuesday, killing 22 people, health officials in Gaza said.

On Wednesday, Hamas fighters attacked Israeli troops near Rafah, and two soldiers were killed. Israeli forces raided Jenin in the West Bank, killing four Palestinians.
"""

SAHEL = """NIAMEY, 12 December 2023 (Reuters) - Gunmen killed at least 21 soldiers in an attack on an army post near Téra in western Niger on Tuesday, the defence ministry said on Wednesday.

Late on Sunday, jihadists ambushed a convoy near Ayorou, killing four gendarmes.
"""


def _events(nlp, res, text, name):
    from bellum.extract import process_document

    doc = read_text(text, name)
    return doc, process_document(doc, nlp(doc.text), res).events


def _west_africa() -> set[str]:
    return {c.name for c in countries().values() if c.region == "Western Africa"}


def test_world_sudan_report_gets_sudan_and_its_towns(nlp, res):
    doc, events = _events(nlp, res, SUDAN, "sudan")
    assert events and all(e.country == "Sudan" for e in events)
    pinned = {}
    for e in events:
        if e.place is not None and e.place.name in SUDAN_TOWNS:
            pinned[e.place.name] = e.place
    assert set(pinned) == set(SUDAN_TOWNS)
    for name, p in pinned.items():
        assert p.country == "Sudan" and p.lat is not None
        assert within_km(p.lat, p.lon, *SUDAN_TOWNS[name]) <= 25, name


def test_world_place_the_gazetteer_lacks_stays_unpinned(nlp, res):
    doc, events = _events(nlp, res, SUDAN, "sudan")
    at = doc.text.index("Hillat Kubrani")
    hits = [e for e in events if any(s.start <= at < s.end for s in e.sources)]
    assert hits
    p = hits[0].place
    # never on a namesake elsewhere, nor on Nyala, the previous sentence's town
    assert hits[0].country == "Sudan"
    assert p is None or (p.lat is None and p.geo_precision == 3)


@pytest.mark.parametrize("text, name, country", [
    (UKRAINE, "ukraine", "Ukraine"), (MYANMAR, "myanmar", "Myanmar"), (GAZA, "gaza", "Palestine"),
])
def test_world_news_outside_africa_gets_no_west_african_country(nlp, res, text, name, country):
    doc, events = _events(nlp, res, text, name)
    assert events
    west = _west_africa()
    assert not any(e.country in west for e in events)
    assert all(e.country == country for e in events)
    assert any(e.place is not None and e.place.lat is not None and e.place.country == country for e in events)


def test_world_sahel_report_keeps_its_country_and_points(nlp, res):
    doc, events = _events(nlp, res, SAHEL, "sahel")
    assert events and all(e.country == "Niger" for e in events)
    towns = {"Téra": (14.01, 0.75), "Ayorou": (14.73, 0.92)}
    got = {e.place.name.split()[-1]: e.place for e in events if e.place is not None}
    for name, (lat, lon) in towns.items():
        assert name in got and got[name].lat is not None
        assert within_km(got[name].lat, got[name].lon, lat, lon) <= 25


def test_world_doc_countries_prefer_no_region(nlp, res):
    from bellum.extract import _doc_countries

    text = "Sudanese troops fought in Khartoum. Sudan's army said a Nigerien adviser was present."
    sdoc = nlp(text)
    doc = read_text(text, "x")
    main, ranked = _doc_countries(doc, sdoc, [], res)
    assert main == "Sudan" and ranked[0] == "Sudan"


@pytest.mark.model
@pytest.mark.parametrize("text, person", [
    ("On 3 May 2021 gunmen attacked a village near Gao, killing the teacher Amadou Lincoln. "
     "Mourners carried a portrait of Lincoln through the market on the day of the attack.", "Lincoln"),
    ("On 9 June 2022 soldiers of Burkina Faso were ambushed near Djibo. Sergeant Paul Denver was "
     "among the dead; the army said Denver had led the patrol in the attack.", "Denver"),
])
def test_a_person_named_in_full_is_no_town_later(tmp_path, text, person):
    # the world gazetteer knows a town of that name; the text means the person
    from bellum.kb import build

    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    with build([tmp_path / "r.txt"], db=tmp_path / "kb.duckdb") as kb:
        places = {p for (p,) in kb.con.execute("SELECT location FROM events").fetchall()}
    assert person not in places and places, places
