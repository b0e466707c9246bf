"""One real-world occurrence -> one event with all its passages: a news headline and lead
and the body telling the same attack, claims of responsibility, later tolls, references
('The massacre came days after...'), who the attackers were, the steps of a coup; and
different occurrences kept apart. Invented texts (other places, groups and phrasings
than the development set)."""

from __future__ import annotations

import pytest

from bellum.infer.dedupe import attach_passages, coup_steps
from bellum.model import DateValue, Event, Place, Provenance, Span
from bellum.sources import read_text

# news: lead, background, body, claim paragraphs far apart (not mere continuations)
MARKET = """Ansarul Islam claims attack on Burkina market that killed 27

OUAGADOUGOU, May 4, 2021 (Reuters) - Gunmen on motorbikes killed 27 people in an attack on a market in northern Burkina Faso on Monday, the government said on Tuesday.

Burkina Faso has been fighting an insurgency since 2015. More than a million people have left their homes in the north and east of the country, and many schools and clinics have closed. Aid groups say food prices have doubled in the region over the past year.

The assailants stormed the weekly market in Titao at midday and opened fire on traders, a local official said.

The government declared two days of national mourning. Aid workers said the wounded were taken to the hospital in Ouahigouya, where doctors struggled to treat them for lack of blood and medicine.

Ansarul Islam said on Tuesday that its fighters had carried out the attack on the Titao market.

Separately, a soldier was killed on Monday when his vehicle hit a roadside bomb near Djibo, the army said.
"""

VILLAGE = """NIAMEY, Aug 16, 2022 (Reuters) - At least 40 villagers were killed by armed men in the village of Tagalalt in western Niger on Saturday, the interior ministry said on Monday.

The attackers arrived at dawn and set fire to granaries, survivors said.

Residents who fled to Ouallam said they believed more than 60 people had died, a figure the ministry did not confirm.

The massacre came days after militants attacked an army post in Tera on Wednesday, killing nine soldiers.

The interior minister said the attackers belonged to a group linked to Islamic State.
"""

APART = """N'DJAMENA, March 12, 2024 (Reuters) - Gunmen killed 12 civilians in Bol on Friday, officials said.

In a separate attack the same day, militants ambushed soldiers near Ngouboua, killing five.

On Saturday, the army struck back, killing 20 militants near Bol.
"""

COUP = """On 9 April 2024, soldiers mutinied at the Lamy barracks in N'Djamena. They seized weapons at the armoury and arrested President Idriss Hamid at his residence. The next day, the officers dissolved the government and suspended the constitution.

On 20 May 2024, militants attacked an army post in Bol, killing eight soldiers.
"""

ARTICLE = """= Tagalalt massacre =

The Tagalalt massacre was an attack on the village of Tagalalt in western Niger by Islamic State fighters in August 2022. It was the deadliest attack on civilians in the Tillaberi Region that year.

== Background ==

Armed groups linked to al-Qaeda and Islamic State have been active in western Niger since 2015. Villagers in the area had formed self-defence committees.

== Attack ==

On 13 August 2022, gunmen on motorbikes surrounded Tagalalt and killed 40 villagers. The government put the death toll at 40.
"""

REACTION = """On 2 June 2022, gunmen attacked the village of Madjoari in eastern Burkina Faso, killing 11 civilians.

The regional governor condemned the attack and promised reinforcements. The United Nations also deplored the killings.

On 4 June 2022, the government dissolved the Koglweogo militia in the region. Its leaders rejected the dissolution and said they would not disarm.
"""

CARRIED = """On 5 March 2023, gunmen attacked the village of Kerena in central Mali, killing 14 civilians.

The region has seen repeated violence since 2015. Thousands of families have left their fields, and the price of millet in the weekly markets of the district has risen by half. Teachers in several communes have not been paid for months, and most schools remain closed.

The attack was carried out by JNIM, a security source said on Tuesday.
"""

THEN = """On 5 March 2023, JNIM fighters attacked an army post near Boni, on the road to Gao, killing six soldiers. The militants then attacked a convoy in Gao, killing two drivers.
"""

# follow-up sentences of a news report or article: passages of the event they follow
CLAIMED = """NIAMEY, June 12, 2021 (Reuters) - Gunmen attacked a gendarmerie post in Makalondi on Friday, killing six gendarmes, the interior ministry said.

The assailants arrived in two pickups before dawn and set the post on fire, a local official said.

On Saturday, Islamic State in the Greater Sahara said it had carried out both attacks on the post.
"""

WOUNDS = """OUAGADOUGOU, Feb 9, 2022 (AFP) - Eleven soldiers were killed on Monday when militants ambushed a patrol near the village of Gorgadji in northern Burkina Faso, the army said.

The patrol was returning to its base when fighters on motorbikes opened fire on it, a security source said. A twelfth soldier died of his wounds.

Separately, two teachers were abducted near Djibo on Tuesday, residents said.
"""

CONTINUED = """On 4 May 2021, JNIM fighters attacked the town of Tessit in the Gao Region, where soldiers had a camp. Fighting continued into the next day. The army said that 20 soldiers had been killed, while the attackers lost about 40 men.
"""

SAID_LATER = """BAMAKO, Jan 20, 2022 (Reuters) - Gunmen killed 30 villagers on Sunday in Boulkessi, in central Mali, local officials said.

The government said on Tuesday that the raid had been "barbaric" and that several assailants had been killed.

The following day, army helicopters struck a group of fighters near Boulkessi, killing ten of them, the army said.
"""

THEN_FIRE = """On 14 February 2024, militants attacked a military convoy near Tera, in western Niger. A roadside bomb exploded under a truck and the attackers then opened fire, killing 12 soldiers. The defence ministry blamed the Islamic State in the Sahel.
"""

SAME_MOMENT = """On 3 April 2022, a car bomb exploded at the gate of the army camp in Sevare, killing four soldiers. At the same moment, gunmen opened fire on soldiers at a checkpoint, killing two of them.
"""

LEAD_PLACE = """OUAGADOUGOU, Nov 8, 2021 (Reuters) - Gunmen killed 15 worshippers in an attack on a church in Dablo, in north-central Burkina Faso, on Sunday, the regional governor said.

The attackers burned the church and several shops before leaving on motorbikes, a resident said.

Police arrested three suspects on Monday, a security source said.
"""


def run(nlp, res, text):
    from bellum.extract import process_document

    doc = read_text(text, "t")
    return doc, process_document(doc, nlp(doc.text), res).events


def holding(doc, events, quote, location=None):
    """The event that has the sentence of `quote` among its passages (a sentence telling
    two events, 'The massacre came days after militants attacked X', is in both: then
    the one at `location`)."""
    at = doc.text.index(quote)
    hits = [e for e in events if any(s.start <= at < s.end for s in e.sources)]
    if len(hits) > 1 and location:
        hits = [e for e in hits if e.location == location]
    assert len(hits) == 1, (quote, [(e.sub_event_type, e.location) for e in hits])
    return hits[0]


# (text, number of events, passage that identifies the event, its other passages, fields)
CASES = [
    (MARKET, 2, "Gunmen on motorbikes killed 27 people",
     ["The assailants stormed the weekly market in Titao",
      "its fighters had carried out the attack on the Titao market"],
     dict(location="Titao", fatalities=27, actor1="Ansarul Islam", date="2021-05-03")),
    (MARKET, 2, "hit a roadside bomb near Djibo", [],
     dict(location="Djibo", sub_event_type="Remote explosive/landmine/IED")),
    (VILLAGE, 2, "At least 40 villagers were killed",
     ["The attackers arrived at dawn", "they believed more than 60 people had died",
      "The interior minister said the attackers belonged"],
     dict(location="Tagalalt", fatalities=40, actor1="ISSP", date="2022-08-13")),
    (VILLAGE, 2, "militants attacked an army post in Tera", [],
     dict(location="Tera", fatalities=9, date="2022-08-10")),
    (APART, 3, "Gunmen killed 12 civilians in Bol", [], dict(location="Bol", fatalities=12)),
    (APART, 3, "militants ambushed soldiers near Ngouboua", [],
     dict(location="Ngouboua", fatalities=5)),
    (APART, 3, "the army struck back", [],
     dict(actor1="Military Forces of Chad", fatalities=20)),
    (COUP, 2, "soldiers mutinied at the Lamy barracks",
     ["They seized weapons at the armoury", "the officers dissolved the government"],
     dict(event_type="Strategic developments", date="2024-04-09",
          actor2="Government of Chad")),
    (REACTION, 2, "gunmen attacked the village of Madjoari",
     ["The United Nations also deplored the killings"], dict(location="Madjoari", fatalities=11)),
    (CARRIED, 1, "gunmen attacked the village of Kerena",
     ["The attack was carried out by JNIM"], dict(actor1="JNIM", fatalities=14,
                                                 date="2023-03-05")),
    (THEN, 2, "The militants then attacked a convoy in Gao", [],
     dict(location="Gao", fatalities=2)),
    (ARTICLE, 1, "gunmen on motorbikes surrounded Tagalalt",
     ["The Tagalalt massacre was an attack", "It was the deadliest attack on civilians"],
     dict(location="Tagalalt", fatalities=40, date="2022-08-13", actor1="ISSP")),
]


@pytest.mark.parametrize("text,n,quote,others,fields", CASES,
                         ids=[f"{c[0][:12]}-{c[2][:20]}" for c in CASES])
def test_dedupe_one_occurrence_is_one_event_with_all_passages(nlp, res, text, n, quote,
                                                              others, fields):
    doc, events = run(nlp, res, text)
    assert len(events) == n, [(e.sub_event_type, e.location, e.date.value) for e in events]
    e = holding(doc, events, quote, fields.get("location"))
    for other in others:
        assert holding(doc, events, other, fields.get("location")) is e, other
    for field, want in fields.items():
        got = e.date.value if field == "date" else getattr(e, field)
        assert got == want, (field, got, e.reasons.get(field))


# the typed decision behind each reason the fixtures give (code reads only the typed one)
DECIDED = {
    "claim": Provenance("claim", "document"), "toll": Provenance("toll", "document"),
    "reference": Provenance("reference", "document"),
    "date in the sentence 'Monday'": Provenance("date_in_sentence", "parse", key="explicit"),
    "last date read before": Provenance("last_date_read", "document"),
    "trigger 'mutinied' (mutiny)": Provenance("trigger", "lexicon", words="mutinied", key="mutiny"),
    "trigger 'killed' (kill)": Provenance("trigger", "lexicon", words="killed", key="kill"),
    "trigger 'died' (die)": Provenance("trigger", "lexicon", words="died", key="die"),
    "first of the sides killed (no agent): 'soldiers'": Provenance(
        "sides_killed_first", "parse", words="soldiers"),
    "nearest actor before the trigger: 'MSA'": Provenance("nearest_before", "position", words="MSA"),
    "subject: 'soldier'": Provenance("subject", "parse", words="soldier"),
    "subject: 'army'": Provenance("subject", "parse", words="army"),
    "object: 'civilians'": Provenance("object", "parse", words="civilians"),
}


def ev(start, end, **kw) -> Event:
    base = dict(id="", doc="d", sources=[Span("d", start, end)],
                date=DateValue("2023-03-05", "day"), event_type="Violence against civilians",
                sub_event_type="Attack")
    base.update(kw)
    base.setdefault("provenance", {k: DECIDED[v] for k, v in base.get("reasons", {}).items()})
    return Event(**base)


def place(name, admin1=None, code="PPL"):
    return Place(name, country="Mali", admin1=admin1, feature_code=code, reason="gazetteer")


# lead (0-100) and body events (200-) built by hand: merged or kept apart
LEAD_CASES = [
    # a region in the lead and a village of that region in the body: one
    (dict(location="Mopti Region", place=place("Mopti Region", "Mopti", "ADM1"), fatalities=30),
     dict(location="Dialassagou", place=place("Dialassagou", "Mopti")), 1, 30),
    # two villages: two occurrences
    (dict(location="Sofara", place=place("Sofara", "Mopti"), fatalities=30),
     dict(location="Dialassagou", place=place("Dialassagou", "Mopti")), 2, 30),
    # a week apart: two occurrences
    (dict(fatalities=30), dict(date=DateValue("2023-03-12", "day")), 2, 30),
    # the body says it is another attack
    (dict(fatalities=30), dict(), 2, 30),
    # sides swapped: an attack and its reply
    (dict(actor1="JNIM", actor2="Military Forces of Mali", event_type="Battles",
          sub_event_type="Armed clash"),
     dict(actor1="Military Forces of Mali", actor2="JNIM", event_type="Battles",
          sub_event_type="Armed clash"), 2, None),
]


@pytest.mark.parametrize("lead_kw,body_kw,n,toll", LEAD_CASES)
def test_dedupe_lead_joins_the_body_event_only_when_compatible(lead_kw, body_kw, n, toll):
    text = "x" * 200 + ("Separately, militants attacked." if lead_kw == {"fatalities": 30} and
                       body_kw == {} else "Militants attacked the village.") + "x" * 50
    lead, body = ev(0, 100, **lead_kw), ev(200, 231, **body_kw)
    out = attach_passages([lead, body], text, None, (0, 150))
    assert len(out) == n
    assert out[-1].fatalities == toll if n == 1 else out[0].fatalities == lead.fatalities


def test_dedupe_claim_names_the_unnamed_attacker_and_keeps_the_toll():
    text = "x" * 600
    attack = ev(0, 100, actor1="Unidentified Armed Group (Mali)", fatalities=12,
                location="Ansongo", place=place("Ansongo", "Gao"))
    claim = ev(400, 500, actor1="ISSP", fatalities=40, date=DateValue("2023-03-06", "day"),
               reasons={"report": "claim"})
    out = attach_passages([attack, claim], text, None, None)
    assert len(out) == 1
    assert (out[0].actor1, out[0].fatalities, out[0].date.value) == ("ISSP", 12, "2023-03-05")
    assert [s.start for s in out[0].sources] == [0, 400]


def test_dedupe_claim_for_a_day_before_the_attack_is_not_its_claim():
    text = "x" * 600
    attack = ev(0, 100, date=DateValue("2023-03-07", "day"))
    claim = ev(400, 500, actor1="JNIM", date=DateValue("2023-03-06", "day"),
               reasons={"report": "claim", "date": "date in the sentence 'Monday'"})
    out = attach_passages([attack, claim], text, None, None)
    assert len(out) == 2 and out[0].actor1 is None


def test_dedupe_coup_steps_but_not_foreign_reactions():
    coup = ev(0, 100, event_type="Strategic developments", sub_event_type="Other",
              actor1="Mutiny of Military Forces of Mali", actor2="Government of Mali",
              country="Mali", reasons={"event_type": "trigger 'mutinied' (mutiny)"},
              relation_change={"kind": "coup", "actors": ["Government of Mali"], "result": None})
    arrest = ev(200, 300, event_type="Strategic developments", sub_event_type="Arrests",
                actor1="Military Forces of Mali", actor2="Government of Mali",
                date=DateValue("2023-03-06", "day"))
    sanction = ev(400, 500, event_type="Strategic developments", sub_event_type="Other",
                  actor1="ECOWAS", actor2="Government of Mali",
                  date=DateValue("2023-03-06", "day"))
    later = ev(600, 700, event_type="Strategic developments", sub_event_type="Arrests",
               actor1="Military Forces of Mali", date=DateValue("2023-04-20", "day"))
    out = coup_steps([coup, arrest, sanction, later])
    assert out == [coup, sanction, later]
    assert [s.start for s in coup.sources] == [0, 200]


# (report at, its actor1, kind) after an attack by JNIM on civilians at 0-100: joins it or not
REPORT_CASES = [
    (300, None, "toll", 1),  # 'Residents said 40 people had died'
    (300, "Military Forces of Mali", "toll", 2),  # 'The army said it killed 15': its own operation
    (3000, None, "toll", 2),  # too far back to be this attack's toll
    (300, None, "reference", 1),  # 'The massacre came days after ...'
    (3500, "JNIM", "claim", 1),  # a claim may come late in the report
]


@pytest.mark.parametrize("at,actor1,kind,n", REPORT_CASES)
def test_dedupe_reports_join_the_event_they_refer_to(at, actor1, kind, n):
    text = "x" * 4000
    attack = ev(0, 100, actor1="JNIM", actor2="Civilians (Mali)", fatalities=12)
    report = ev(at, at + 100, actor1=actor1, fatalities=40,
                reasons={"report": kind, "date": "last date read before"})
    out = attach_passages([attack, report], text, None, None)
    assert len(out) == n
    assert out[0].fatalities == 12 and out[0].actor1 == "JNIM"


def test_dedupe_deaths_of_one_sentence_join_its_attack_only_on_its_day():
    text = "x" * 300
    storm = ev(0, 200, event_type="Battles", sub_event_type="Armed clash",
               actor1="Unidentified Armed Group (Mali)", location="Tessit")
    deaths = ev(0, 200, fatalities=20, location="Tessit",
                reasons={"actor1": "first of the sides killed (no agent): 'soldiers'"})
    out = attach_passages([storm, deaths], text, None, None)
    assert len(out) == 1 and out[0].fatalities == 20 and out[0].actor1.startswith("Unidentified")
    later = ev(0, 200, fatalities=3, location="Tessit", date=DateValue("2023-03-09", "day"),
               reasons={"actor1": "first of the sides killed (no agent): 'soldiers'"})
    storm2 = ev(0, 200, event_type="Battles", sub_event_type="Armed clash", location="Tessit")
    assert len(attach_passages([storm2, later], text, None, None)) == 2


# (text, number of events, passage that identifies the event, its other passages, fields)
ECHO_CASES = [
    # a claim said a day later ('said it had carried out both attacks') names the attacker
    # and keeps the day of the attack
    (CLAIMED, 1, "Gunmen attacked a gendarmerie post in Makalondi",
     ["said it had carried out both attacks"],
     dict(actor1="ISSP", date="2021-06-11", location="Makalondi", fatalities=6)),
    # 'A twelfth soldier died of his wounds': a later toll, not an event of the soldiers
    (WOUNDS, 2, "militants ambushed a patrol near the village of Gorgadji",
     ["A twelfth soldier died of his wounds"],
     dict(location="Gorgadji", date="2022-02-07", actor2="Military Forces of Burkina Faso")),
    (WOUNDS, 2, "two teachers were abducted near Djibo", [], dict(location="Djibo")),
    # 'Fighting continued into the next day' and a speaker's toll of both sides
    (CONTINUED, 1, "JNIM fighters attacked the town of Tessit",
     ["Fighting continued into the next day", "The army said that 20 soldiers had been killed"],
     dict(actor1="JNIM", date="2021-05-04", location="Tessit", fatalities=60)),
    # a government's word on 'the raid' two days later, and 'the following day' counted
    # from the raid, not from the day the government spoke
    (SAID_LATER, 2, "Gunmen killed 30 villagers on Sunday in Boulkessi",
     ["that the raid had been \"barbaric\""],
     dict(date="2022-01-16", location="Boulkessi", fatalities=30)),
    (SAID_LATER, 2, "army helicopters struck a group of fighters", [],
     dict(date="2022-01-17", fatalities=10)),
    # 'a roadside bomb exploded ... and the attackers then opened fire': the attack told
    # before, with its toll; 'The defence ministry blamed X' names its attacker
    (THEN_FIRE, 1, "militants attacked a military convoy near Tera",
     ["the attackers then opened fire", "The defence ministry blamed"],
     dict(actor1="ISSP", location="Tera", fatalities=12, date="2024-02-14")),
    # 'At the same moment': another occurrence of the same day
    (SAME_MOMENT, 2, "gunmen opened fire on soldiers at a checkpoint", [],
     dict(fatalities=2, location=None)),
    # later paragraphs name no place: the place the lead gives its event (Dablo), not the
    # dateline city
    (LEAD_PLACE, 2, "Police arrested three suspects", [],
     dict(location="Dablo", sub_event_type="Arrests")),
    (LEAD_PLACE, 2, "Gunmen killed 15 worshippers",
     ["The attackers burned the church"], dict(location="Dablo", fatalities=15)),
]


@pytest.mark.parametrize("text,n,quote,others,fields", ECHO_CASES,
                         ids=[f"{c[2][:24]}" for c in ECHO_CASES])
def test_dedupe_follow_up_sentences_join_the_event_they_follow(nlp, res, text, n, quote,
                                                                others, fields):
    doc, events = run(nlp, res, text)
    assert len(events) == n, [(e.sub_event_type, e.location, e.date.value) for e in events]
    e = holding(doc, events, quote)
    for other in others:
        assert holding(doc, events, other) is e, other
    for field, want in fields.items():
        got = e.date.value if field == "date" else getattr(e, field)
        assert got == want, (field, got, e.reasons.get(field))
    for s in e.sources:  # every passage is a whole sentence of the text
        assert doc.text[s.start:s.end].strip() and s.end <= len(doc.text)


# a toll whose actor1 is only a guess (the speaker named before the trigger) or who died
# joins the event it counts; one the parse reads as acting ('the army said it killed 15')
# is that actor's own operation
TOLL_CASES = [
    ("nearest actor before the trigger: 'MSA'", "trigger 'killed' (kill)", 1),
    ("subject: 'soldier'", "trigger 'died' (die)", 1),
    ("subject: 'army'", "trigger 'killed' (kill)", 2),
]


@pytest.mark.parametrize("why,trigger,n", TOLL_CASES)
def test_dedupe_toll_by_a_speaker_or_of_the_dead_joins_the_event(why, trigger, n):
    text = "x" * 600
    attack = ev(0, 100, actor1="ISSP", actor2="Civilians (Mali)", fatalities=12)
    toll = ev(300, 400, actor1="Military Forces of Mali", fatalities=40,
              reasons={"report": "toll", "date": "last date read before", "actor1": why,
                       "event_type": trigger})
    out = attach_passages([attack, toll], text, None, None)
    assert len(out) == n
    assert (out[0].actor1, out[0].actor2, out[0].fatalities) == ("ISSP", "Civilians (Mali)", 12)


# (attack's victims, claim's victims) -> the claim joins the attack or not
VICTIM_CASES = [
    # 'Human Rights Watch found that soldiers were behind the killing of 90 civilians':
    # not the claim of the attack on an army post told before
    (dict(actor2="Military Forces of Mali"), "Civilians (Mali)", 2),
    (dict(actor2="Civilians (Mali)"), "Civilians (Mali)", 1),
    # 'Forty soldiers and two civilians were killed when ...': soldiers are victims too
    (dict(actor1="Military Forces of Mali", actor2="Civilians (Mali)",
          reasons={"actor1": "first of the sides killed (no agent): 'soldiers'"}),
     "Military Forces of Mali", 1),
]


@pytest.mark.parametrize("attack_kw,claimed,n", VICTIM_CASES)
def test_dedupe_claim_joins_only_an_attack_on_the_same_kind_of_victims(attack_kw, claimed, n):
    text = "x" * 600
    attack = ev(0, 100, **attack_kw)
    claim = ev(300, 400, actor1="JNIM", actor2=claimed,
               reasons={"report": "claim", "date": "last date read before",
                        "actor2": "object: 'civilians'"})
    out = attach_passages([attack, claim], text, None, None)
    assert len(out) == n
    if n == 1:
        assert out[0].actor1 == "JNIM" and [s.start for s in out[0].sources] == [0, 300]


def test_dedupe_two_occurrences_split_from_one_sentence_stay_apart(nlp, res):
    from bellum.extract import process_document
    from bellum.sources import read_text

    text = ("On 9 May 2024, gunmen attacked a market in Kantchari, Burkina Faso, killing 12 "
            "people and kidnapping four traders.")
    doc = read_text(text, "t")
    events = process_document(doc, nlp(doc.text), res).events
    assert sorted(e.sub_event_type for e in events) == ["Abduction/forced disappearance",
                                                         "Attack"]
