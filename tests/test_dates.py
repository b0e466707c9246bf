"""nlp.dates: date expressions, their roles, and the date of a sentence's event.

All sentences are invented for these tests (Sahel-flavoured, varied phrasing).
"""

import pytest

from bellum.model import DateValue
from bellum.nlp.dates import (
    EVENT_DATE_STRATEGIES,
    EVENT_DATE_STRATEGY_BY_NAME,
    PATTERN_NAMES,
    DateContext,
    event_date,
    find_dates,
    heading_context,
    published_date,
)

NO_CTX = DateContext()


def day(iso: str) -> DateValue:
    return DateValue(iso, "day")


def only(text: str, ctx: DateContext = NO_CTX):
    found = find_dates(text, 0, ctx)
    assert len(found) == 1, found
    return found[0]


# text, expression found, value, precision, end
EXPLICIT = [
    ("On 16 January 2012, MNLA fighters attacked the barracks at Anderamboukane.",
     "16 January 2012", "2012-01-16", "day", None),
    ("Gunmen stormed a cattle market in Djibo on March 3, 2021.",
     "March 3, 2021", "2021-03-03", "day", None),
    ("The convoy was ambushed near Tessit on Jan. 5, 2020.", "Jan. 5, 2020", "2020-01-05", "day", None),
    ("A second coup shook Ouagadougou on the 30th of September 2022.",
     "30th of September 2022", "2022-09-30", "day", None),
    ("Troops reached Ansongo on the 1st of March 2013.", "1st of March 2013", "2013-03-01", "day", None),
    ("A drone struck a wedding near Kidal on 2024-07-27.", "2024-07-27", "2024-07-27", "day", None),
    ("Fighting around Boulkessi lasted from 26 to 30 November 2019.",
     "from 26 to 30 November 2019", "2019-11-26", "range", "2019-11-30"),
    ("Clashes on 16–17 January 2012 left the garrison besieged.",
     "16–17 January 2012", "2012-01-16", "range", "2012-01-17"),
    ("Rebels held the crossing between 30 March and 1 April 2012.",
     "between 30 March and 1 April 2012", "2012-03-30", "range", "2012-04-01"),
    ("The siege of Djibo ran from 28 December 2022 to 3 January 2023.",
     "from 28 December 2022 to 3 January 2023", "2022-12-28", "range", "2023-01-03"),
    ("Talks in Algiers were held on May 14-16, 2015.", "May 14-16, 2015", "2015-05-14", "range", "2015-05-16"),
    ("In early February 2013 the column reached Tessalit.", "early February 2013", "2013-02", "month", None),
    ("In September 2022, the junta expelled the French ambassador.", "September 2022", "2022-09", "month", None),
    ("Fighting between January and March 2013 displaced thousands.",
     "between January and March 2013", "2013-01", "month", "2013-03"),
    ("Niger's junta closed the border in late 2023.", "late 2023", "2023", "year", None),
    ("In mid-2014 the operation was folded into a regional mission.", "mid-2014", "2014", "year", None),
    ("The Dozo militias grew quickly in the summer of 2016.", "the summer of 2016", "2016", "year", None),
    # a year's edge is its last (or first) month
    ("By the end of 2020 the state had lost much of the countryside.", "the end of 2020", "2020-12", "month", None),
    ("At the beginning of 2016 the group moved south.", "the beginning of 2016", "2016-01", "month", None),
    ("Attacks doubled in the first half of 2018 across Liptako-Gourma.",
     "the first half of 2018", "2018", "year", None),
    ("In 2017 four jihadist factions merged into one coalition.", "2017", "2017", "year", None),
    ("The rebellion ran from 2012 to 2015 in the far north.", "from 2012 to 2015", "2012", "year", "2015"),
    ("Ansarul Islam was active in Soum during 2016–2018.", "2016–2018", "2016", "year", "2018"),
]


@pytest.mark.parametrize("text, expr, value, precision, end", EXPLICIT)
def test_dates_explicit_expressions(text, expr, value, precision, end):
    m = only(text)
    assert (m.text, m.value.value, m.value.precision, m.value.end) == (expr, value, precision, end)
    assert m.value.reason == "explicit"
    assert text[m.start:m.end] == expr
    assert m.role == "event"


def test_dates_offsets_are_absolute():
    text = "Later, on 4 May 2012 the group entered Gao."
    m = only(text)
    found = find_dates(text, offset=1000)
    assert (found[0].start, found[0].end) == (1000 + m.start, 1000 + m.end)
    assert m.start == text.index("4 May")


def test_dates_two_days_in_one_sentence_share_the_year():
    text = "Ménaka fell on 1 February 2012, and Aguelhok on 24 January."
    found = find_dates(text)
    assert [(f.text, f.value.value) for f in found] == [
        ("1 February 2012", "2012-02-01"), ("24 January", "2012-01-24")]


def test_dates_list_of_days_is_two_days_but_consecutive_days_a_range():
    ctx = DateContext(year=2021)
    two = find_dates("Convoys were hit on 3 and 10 March.", 0, ctx)
    assert [(f.text, f.value.value, f.value.precision) for f in two] == [
        ("3", "2021-03-03", "day"), ("10 March", "2021-03-10", "day")]
    one = only("Convoys were hit on 3 and 4 March.", ctx)
    assert (one.value.value, one.value.precision, one.value.end) == ("2021-03-03", "range", "2021-03-04")


# text, context, expression, value, precision, end, reason
FROM_CONTEXT = [
    ("On 11 January, French jets struck Konna.", DateContext(previous=day("2013-01-10")),
     "11 January", "2013-01-11", "day", None, "explicit+previous-year"),
    ("On 11 January, French jets struck Konna.", DateContext(year=2013, year_range=(2013, 2013)),
     "11 January", "2013-01-11", "day", None, "explicit+section-year"),
    # narratives run forward: January after November is the next year
    ("On 2 January, gunmen burned the school in Tillabéri.", DateContext(previous=day("2019-11-20")),
     "2 January", "2020-01-02", "day", None, "explicit+previous-year"),
    # ... but a short look back stays in the same year
    ("On 20 October, the camp had already been hit.", DateContext(previous=day("2019-11-20")),
     "20 October", "2019-10-20", "day", None, "explicit+previous-year"),
    # a previous date older than the section is stale
    ("On 8 June, the CMA left the talks.", DateContext(year_range=(2015, 2016), previous=day("2012-05-01")),
     "8 June", "2015-06-08", "day", None, "explicit+section-year"),
    # news: the report date gives the year, and December before a March report is last year
    ("The base was attacked on 28 December.", DateContext(published=day("2021-03-10")),
     "28 December", "2020-12-28", "day", None, "explicit+published-year"),
    ("Soldiers were ambushed in the night of 3 to 4 May.", DateContext(year=2021),
     "3 to 4 May", "2021-05-03", "range", "2021-05-04", "explicit+section-year"),
    ("Strikes hit Ménaka on 26–30 November.", DateContext(year=2019),
     "26–30 November", "2019-11-26", "range", "2019-11-30", "explicit+section-year"),
    ("In March, protesters blocked the road to Kati.", DateContext(year=2020),
     "March", "2020-03", "month", None, "explicit+section-year"),
    ("The fighting resumed on the morning of 17 January.", DateContext(previous=day("2012-01-16")),
     "17 January", "2012-01-17", "day", None, "explicit+previous-year"),
    ("Negotiations over the hostages began on the 12th.", DateContext(previous=day("2025-06-09")),
     "12th", "2025-06-12", "day", None, "explicit+previous-month"),
    ("By July of that year, the north had slipped from state control.",
     DateContext(previous=DateValue("2018", "year")), "July of that year", "2018-07", "month", None,
     "explicit+previous-year"),
    ("The truce ended in September of the following year.", DateContext(previous=day("2015-06-20")),
     "September of the following year", "2016-09", "month", None, "explicit+previous-year"),
]


@pytest.mark.parametrize("text, ctx, expr, value, precision, end, reason", FROM_CONTEXT)
def test_dates_missing_year_comes_from_context(text, ctx, expr, value, precision, end, reason):
    m = only(text, ctx)
    assert (m.text, m.value.value, m.value.precision, m.value.end, m.value.reason) == (
        expr, value, precision, end, reason)


@pytest.mark.parametrize("text", [
    "On 11 January, French jets struck Konna.",
    "The next day, the militants withdrew.",
    "Negotiations began on the 12th.",
])
def test_dates_unresolvable_without_context_are_left_out(text):
    assert find_dates(text) == []


# text, previous, expression, value, precision, end
RELATIVE = [
    ("The next day, the army retook Léré.", day("2013-01-20"), "The next day", "2013-01-21", "day", None),
    ("Two days later, the convoy reached Gao.", day("2013-01-20"), "Two days later", "2013-01-22", "day", None),
    ("A week later, the militants returned.", day("2013-01-20"), "A week later", "2013-01-27", "day", None),
    ("The same day, a mine killed two gendarmes.", day("2021-04-02"), "The same day", "2021-04-02", "day", None),
    ("The previous day, the mayor had been abducted.", day("2021-04-02"), "The previous day",
     "2021-04-01", "day", None),
    ("The following month, the CMA withdrew from Anéfis.", day("2019-12-05"), "The following month",
     "2020-01", "month", None),
    ("Later that month, Wagner arrived in Ségou.", day("2021-12-05"), "Later that month", "2021-12", "month", None),
    ("Three months later, the junta expelled the envoy.", day("2016-01-15"), "Three months later",
     "2016-04", "month", None),
    ("The following year, ECOWAS lifted the sanctions.", DateValue("2015-06", "month"), "The following year",
     "2016", "year", None),
    ("Later that week, the group released the hostages.", day("2023-08-08"), "Later that week",
     "2023-08-09", "range", "2023-08-13"),
    ("The following week, Chadian troops entered Kidal.", day("2023-08-08"), "The following week",
     "2023-08-14", "range", "2023-08-20"),
    # after a range, the next day follows its last day
    ("The next day, the town was quiet.", DateValue("2012-01-16", "range", "2012-01-17"), "The next day",
     "2012-01-18", "day", None),
    # the text cannot be more precise than the date it counts from
    ("The next day, the army withdrew.", DateValue("2014-05", "month"), "The next day", "2014-05", "month", None),
    # 'the following days' is no one day: the week after
    ("In the following days, dozens of families fled to Mopti.", day("2018-03-10"),
     "In the following days", "2018-03-11", "range", "2018-03-17"),
    ("Over the next few days, troops searched the villages.", day("2022-12-30"),
     "Over the next few days", "2022-12-31", "range", "2023-01-06"),
]


@pytest.mark.parametrize("text, previous, expr, value, precision, end", RELATIVE)
def test_dates_relative_to_previous_date(text, previous, expr, value, precision, end):
    m = only(text, DateContext(previous=previous))
    assert (m.text, m.value.value, m.value.precision, m.value.end) == (expr, value, precision, end)
    assert m.value.reason == "relative"
    assert m.start == 0


PUBLISHED = day("2024-03-14")  # a Thursday


@pytest.mark.parametrize("text, expr, value, precision, end", [
    ("Gunmen attacked a church in Dori on Tuesday, officials said.", "Tuesday", "2024-03-12", "day", None),
    ("The mayor was released yesterday.", "yesterday", "2024-03-13", "day", None),
    ("Strikes continued on Thursday near Mopti.", "Thursday", "2024-03-14", "day", None),
    ("Three soldiers died last week in Tahoua.", "last week", "2024-03-04", "range", "2024-03-10"),
])
def test_dates_news_relative_to_report_date(text, expr, value, precision, end):
    m = only(text, DateContext(published=PUBLISHED))
    assert (m.text, m.value.value, m.value.precision, m.value.end, m.value.reason) == (
        expr, value, precision, end, "published")
    assert find_dates(text) == []


# text, context, [(expression, role)]
ROLES = [
    ("On 5 May, officials said that the attack on 3 May killed 12.", DateContext(year=2022),
     [("5 May", "report"), ("3 May", "event")]),
    ("The army said on 14 June that it had killed 20 militants on 12 June.", DateContext(year=2022),
     [("14 June", "report"), ("12 June", "event")]),
    # the later year is background, so the first date stays the event's
    ("On 20 March, the group claimed to have executed a hostage seized in 2011.", DateContext(year=2013),
     [("20 March", "event"), ("2011", "event")]),
    ("The 2015 Algiers Accords were suspended in January 2024.", NO_CTX,
     [("2015", "attributive"), ("January 2024", "event")]),
    ("The 2019 attack on Boulkessi shocked the army.", NO_CTX, [("2019", "attributive")]),
    ("Veterans of the March 2012 coup were promoted.", NO_CTX, [("March 2012", "attributive")]),
    ("Since 2012 the north has been outside state control.", NO_CTX, [("2012", "reference")]),
    ("After 3 May 2021 the convoys stopped.", NO_CTX, [("3 May 2021", "reference")]),
    ("Its leader, born in 1954 near Kidal, fled to Algeria.", NO_CTX, [("1954", "birth")]),
    ("Its leader (born 12 May 1970) fled to Algeria.", NO_CTX, [("12 May 1970", "birth")]),
    # a group's origin told in passing names the group; told as the main fact it is an event
    ("Ansarul Islam (founded in 2016) attacked Nassoumbou on 16 December 2016.", NO_CTX,
     [("2016", "attributive"), ("16 December 2016", "event")]),
    ("The ISGS, formed in May 2015, raided Inates on 10 December 2019.", NO_CTX,
     [("May 2015", "attributive"), ("10 December 2019", "event")]),
    ("Katiba Macina was founded in January 2015.", NO_CTX, [("January 2015", "event")]),
]


@pytest.mark.parametrize("text, ctx, expected", ROLES)
def test_dates_roles(text, ctx, expected):
    assert [(m.text, m.role) for m in find_dates(text, 0, ctx)] == expected


@pytest.mark.parametrize("text", [
    "Security Council Resolution 2100 set up the mission.",
    "Burkina Faso deployed 2020 soldiers to the border.",
    "About 1,500 troops were sent to Ménaka.",
    "A 12-year-old girl was among the victims.",
    "The army may withdraw if the talks march on.",
    "Four Mirage 2000 jets flew from N'Djamena.",
])
def test_dates_numbers_that_are_not_dates(text):
    assert find_dates(text, 0, DateContext(year=2013, previous=day("2013-01-10"))) == []


# text, ctx, expected DateValue (None: no date)
EVENT = [
    ("On 5 May, officials said that the attack on 3 May killed 12.", DateContext(year=2022),
     DateValue("2022-05-03", "day", None, "explicit+previous-year")),
    # a later, more precise date inside the first refines it
    ("In January 2013 French troops landed, and on 11 January they struck Konna.", NO_CTX,
     DateValue("2013-01-11", "day", None, "explicit+previous-year")),
    ("On 20 March, the group claimed to have executed a hostage seized in 2011.", DateContext(year=2013),
     DateValue("2013-03-20", "day", None, "explicit+section-year")),
    # only a report date: it is the best the text gives
    ("It was reported on 2 March 2013 that the commander had been killed.", NO_CTX,
     DateValue("2013-03-02", "day", None, "explicit")),
    ("The next day, the militants withdrew from Douentza.", DateContext(year=2012, previous=day("2012-09-01")),
     DateValue("2012-09-02", "day", None, "relative")),
    # attributive and reference years are not the event's date: the section's year is
    ("Since 2012 the town has changed hands several times.", DateContext(year=2014, year_range=(2014, 2014)),
     DateValue("2014", "year", None, "section")),
    ("The 2015 accord was never implemented.", NO_CTX, None),
    ("Gunmen on motorbikes raided the village.", DateContext(year_range=(2013, 2023)), None),
]


@pytest.mark.parametrize("text, ctx, expected", EVENT)
def test_dates_event_date(text, ctx, expected):
    assert event_date(text, 0, ctx) == expected


def test_dates_event_date_previous_strategy_is_opt_in():
    ctx = DateContext(year=2013, previous=day("2013-01-15"))
    text = "The Danish parliament approved a transport plane."
    assert event_date(text, 0, ctx) == DateValue("2013", "year", None, "section")
    order = (("previous", EVENT_DATE_STRATEGY_BY_NAME["previous"]),)
    assert event_date(text, 0, ctx, order) == DateValue("2013-01-15", "day", None, "previous")


@pytest.mark.parametrize("heading, expected", [
    ("Insurgency (2013–2023)", (None, (2013, 2023))),
    ("2021–2022: growing resentment of the French presence", (None, (2021, 2022))),
    ("2020 coup", (2020, (2020, 2020))),
    ("Tuareg rebellion (January–April 2012)", (2012, (2012, 2012))),
    ("Siege of Djibo (2022–2023)", (None, (2022, 2023))),
    ("Background", (None, None)),
])
def test_dates_heading_context(heading, expected):
    assert heading_context(heading) == expected


def test_dates_heading_context_open_end_reaches_this_year():
    year, span = heading_context("Junta rule (May 2021–present)")
    assert year is None and span[0] == 2021 and span[1] >= 2025


def test_dates_cascades_are_named_once():
    assert len(set(PATTERN_NAMES)) == len(PATTERN_NAMES)
    assert [n for n, _ in EVENT_DATE_STRATEGIES] == ["explicit", "relative", "report", "section"]


def test_dates_a_bounding_year_does_not_lend_its_year():
    text = "Since 2012 the group has raided villages, and on 11 January it burned Tenenkou."
    found = find_dates(text, 0, DateContext(year=2015, year_range=(2015, 2015)))
    assert [(f.text, f.role, f.value.value) for f in found] == [
        ("2012", "reference", "2012"), ("11 January", "event", "2015-01-11")]


# -- news reports: the dateline and words relative to it ----------------------

REPORT_DAY = day("2021-03-14")  # a Sunday


@pytest.mark.parametrize("text, expr, value, precision, end", [
    ("Gunmen on motorbikes raided a market near Téra on Saturday.", "Saturday", "2021-03-13", "day", None),
    ("The governor of Dori was released on Sunday.", "Sunday", "2021-03-14", "day", None),
    ("Jihadists ambushed a convoy last Thursday near Tessit.", "last Thursday", "2021-03-11", "day", None),
    ("Militants struck the gendarmerie at Seytenga late on Friday.", "Friday", "2021-03-12", "day", None),
    ("A mine killed four soldiers near Boni overnight, the army said.", "overnight", "2021-03-13", "day", None),
    ("Two more villages in Tillabéri were emptied earlier this week.", "earlier this week", "2021-03-08",
     "range", "2021-03-14"),
    ("Displacement around Djibo doubled earlier this month.", "earlier this month", "2021-03", "month", None),
    ("Clashes in the Ménaka area flared last month.", "last month", "2021-02", "month", None),
    ("Security worsened around Fada N'Gourma this year.", "this year", "2021", "year", None),
    ("Nine herders were killed near Djibo over the weekend.", "over the weekend", "2021-03-13", "range",
     "2021-03-14"),
    ("Drones struck a convoy near Gossi last weekend.", "last weekend", "2021-03-06", "range", "2021-03-07"),
])
def test_dates_weekdays_and_periods_relative_to_report_date(text, expr, value, precision, end):
    m = only(text, DateContext(published=REPORT_DAY))
    assert (m.text, m.value.value, m.value.precision, m.value.end, m.value.reason) == (
        expr, value, precision, end, "published")
    assert text[m.start:m.end] == expr
    assert find_dates(text) == []  # nothing to count back from


@pytest.mark.parametrize("text, value", [
    ("Army spokesmen said the convoy had been hit the previous day.", "2021-03-13"),
    ("The camp at Inatès was abandoned the day before.", "2021-03-13"),
])
def test_dates_previous_day_counts_back_from_report_date_when_nothing_read(text, value):
    assert event_date(text, 0, DateContext(published=REPORT_DAY)).value == value
    # a date read before wins over the report date
    assert event_date(text, 0, DateContext(previous=day("2021-03-02"), published=REPORT_DAY)).value == "2021-03-01"


@pytest.mark.parametrize("doc_text, value", [
    ("NIAMEY, 14 March 2021 — Gunmen attacked a village in Tillabéri on Saturday.", "2021-03-14"),
    ("OUAGADOUGOU, Burkina Faso, March 9, 2022 (AP) — Soldiers repelled an attack.", "2022-03-09"),
    ("Attack near Kaya\n\nPublished 3 May 2023\n\nSoldiers were killed on Tuesday.", "2023-05-03"),
    ("BAMAKO (Reuters) 14/03/2021 - Jihadists blockaded the road.", "2021-03-14"),
    ("Updated: July 2, 2024 10:30 GMT\nDozens of herders were killed.", "2024-07-02"),
    ("Monday, 6 June 2022\nGunmen attacked Seytenga overnight.", "2022-06-06"),
])
def test_dates_published_date_of_news_report(doc_text, value):
    assert published_date(doc_text) == DateValue(value, "day", None, "published")


@pytest.mark.parametrize("doc_text", [
    "= Burkina Faso insurgency =\n\n- Date: 23 August 2015 – present\n- Place: Burkina Faso\n",
    "On 14 March 2021 the army attacked Boni.",
    "14 March 2021: gunmen attacked Djibo, killing five.",  # a timeline entry dates its event
    "The insurgency began in 2015 in the north.",
])
def test_dates_published_date_absent(doc_text):
    assert published_date(doc_text) is None


@pytest.mark.parametrize("text, weekday_value, weekday_role", [
    ("NIAMEY, 14 March 2021 — Gunmen attacked a village near Banibangou on Saturday.", "2021-03-13", "event"),
    ("DORI, Burkina Faso, 14 March 2021 (AFP) - Soldiers said on Sunday they had retaken Seytenga.", "2021-03-14",
     "report"),
])
def test_dates_dateline_is_report_date_and_anchors_weekdays(text, weekday_value, weekday_role):
    found = find_dates(text)
    assert [(m.text, m.role) for m in found][0] == ("14 March 2021", "report")
    assert [(m.value.value, m.role) for m in found][1:] == [(weekday_value, weekday_role)]
    # the sentence's own dateline is the report date its weekday counts back from
    assert event_date(text, 0, NO_CTX).value == weekday_value
    ctx = DateContext(published=published_date(text))
    assert event_date(text, 0, ctx).value == weekday_value


@pytest.mark.parametrize("text, expr, value", [
    ("Gunmen attacked the post at Koutougou on 19/08/2019.", "19/08/2019", "2019-08-19"),
    ("The convoy left Gao on 03.11.2022 under escort.", "03.11.2022", "2022-11-03"),
    ("A drone struck near Aguelhok on 12/25/2023.", "12/25/2023", "2023-12-25"),  # month first: 25 is no month
    ("Gunmen raided the market at Gorom-Gorom on 14-05-2023.", "14-05-2023", "2023-05-14"),
])
def test_dates_numeric_day_month_year(text, expr, value):
    m = only(text)
    assert (m.text, m.value.value, m.value.precision) == (expr, value, "day")
    assert text[m.start:m.end] == expr


@pytest.mark.parametrize("text,value", [
    ("On 31 February 2020, militants attacked a base.", "2020-02"),
    ("Gunmen struck on 31 April 2016 near the border.", "2016-04"),
])
def test_dates_impossible_day_keeps_the_month(text, value):
    d = event_date(text, 0, DateContext())
    assert d.value == value and d.precision == "month"


# -- unseen news phrasings: datelines, weekdays, spans, rollover, odd dates ----------

# doc opening, report date (None: the text gives no usable report date)
NEWS_DATELINES = [
    ("BAMAKO, 3 July 2024 (AFP) - Soldiers repelled an attack on the camp at Kati.", "2024-07-03"),
    ("Dakar, 2023-05-14: Senegalese troops reinforced the post at Kidira.", "2023-05-14"),
    ("Convoy hit near Fada\nPublished 14 May 2023\nTwenty gendarmes were killed on Friday.", "2023-05-14"),
    ("Updated: 14/05/2023\nGunmen attacked a church in Dori on Sunday.", "2023-05-14"),
    ("By Amadou Diallo\nBAMAKO, Mali — 5 March 2025\nGunmen attacked a bus near Bandiagara.", "2025-03-05"),
    ("Ouagadougou, le 3 mai 2023 - The army said it had retaken the post at Falagountou.", "2023-05-03"),
    ("May 14, 2023 | 10:42 AM\nSoldiers were killed near Koutougou.", "2023-05-14"),
    ("KIDAL, Mali, Sunday 8 June 2025 (AFP) - Drone strikes hit a market.", "2025-06-08"),
    ("Posted on Sept 3rd, 2023\nA mine killed four soldiers near Boni.", "2023-09-03"),
    ("TILLABERI, Niger, 2024/02/11 (AFP) - Gunmen burned the school at Anzourou.", "2024-02-11"),
    ("Published 7:42 AM GMT+1, December 12, 2024\nGunmen attacked a church in Dori.", "2024-12-12"),
    ("December 12, 2024 at 7:42 a.m.\nGunmen attacked a church in Dori.", "2024-12-12"),
    ("12 December 2024 · 3 min read\nGunmen attacked a church in Dori.", "2024-12-12"),
    ("By AFP | 12 December 2024\nGunmen attacked a church in Dori.", "2024-12-12"),
    ("Dec 12, 2024, 10:42 AM ET\nGunmen attacked a church in Dori.", "2024-12-12"),
    ("Ouagadougou (AFP) – Dec 12, 2024\nGunmen attacked a church in Dori.", "2024-12-12"),
    ("2024-12-12T10:42:00Z\nGunmen attacked a church in Dori.", "2024-12-12"),
    # a wire dateline without a year takes the latest year the report names
    ("NIAMEY, Dec 12 (Reuters) - Gunmen killed ten soldiers near Téra on Tuesday.\n"
     "It was the deadliest attack since the July 2023 coup.", "2023-12-12"),
    ("NIAMEY, Dec 12 (Reuters) - Gunmen killed ten soldiers near Téra on Tuesday.\n"
     "Niger's junta, which seized power in July 2023, has struggled to contain attacks.", "2023-12-12"),
    ("NIAMEY, Dec 12 (Reuters) - Gunmen killed ten soldiers near Téra on Tuesday.", None),
    ("OUAGADOUGOU, Burkina Faso (AP) — Jihadists attacked a convoy near Djibo on Sunday.", None),
    ("Gao, the largest town of the north, was shelled on Sunday.", None),
]


@pytest.mark.parametrize("doc_text, value", NEWS_DATELINES)
def test_dates_published_date_of_many_dateline_shapes(doc_text, value):
    expected = DateValue(value, "day", None, "published") if value else None
    assert published_date(doc_text) == expected


THU = day("2024-12-12")  # a Thursday in December
MON = day("2025-01-06")  # a Monday in early January: last year's December is close

# report date, text, expression, value, precision, end
NEWS_RELATIVE = [
    (THU, "Gunmen attacked a church near Dori on Tuesday.", "Tuesday", "2024-12-10", "day", None),
    (THU, "Jihadists struck the post at Tessit late on Sunday.", "Sunday", "2024-12-08", "day", None),
    (THU, "Soldiers were ambushed at dawn on Friday near Ménaka.", "Friday", "2024-12-06", "day", None),
    (THU, "Gunmen raided Bourzanga overnight Saturday to Sunday.", "Saturday to Sunday",
     "2024-12-07", "range", "2024-12-08"),
    (THU, "A drone hit a wedding near Kidal in the night of Friday to Saturday.", "Friday to Saturday",
     "2024-12-06", "range", "2024-12-07"),
    (THU, "Fighting raged around Arbinda from Monday to Wednesday.", "Monday to Wednesday",
     "2024-12-09", "range", "2024-12-11"),
    (THU, "Villagers fled Mansila between Sunday and Tuesday.", "Sunday and Tuesday",
     "2024-12-08", "range", "2024-12-10"),
    (THU, "The gendarmerie at Kantchari was attacked last Thursday.", "last Thursday", "2024-12-05", "day", None),
    (THU, "Three convoys were attacked on the Kaya road this week.", "this week", "2024-12-09", "range",
     "2024-12-12"),
    (THU, "A mine destroyed a bus near Gossi last week.", "last week", "2024-12-02", "range", "2024-12-08"),
    (THU, "The mayor of Tanout was kidnapped three days ago.", "three days ago", "2024-12-09", "day", None),
    (THU, "The base at Boulkessi was shelled two weeks ago.", "two weeks ago", "2024-11-25", "range",
     "2024-12-01"),
    (THU, "Protesters gathered in Niamey earlier this month.", "earlier this month", "2024-12", "month", None),
    (THU, "The junta dissolved the parties last month.", "last month", "2024-11", "month", None),
    (THU, "Attacks on schools rose sharply last year.", "last year", "2023", "year", None),
    (THU, "Saturday's attack on Koulikoro shocked the capital.", "Saturday", "2024-12-07", "day", None),
    (THU, "Last Thursday, gunmen burned the market at Kantchari.", "Last Thursday", "2024-12-05", "day", None),
    (THU, "The army said the convoy had been hit the previous week.", "the previous week", "2024-12-02",
     "range", "2024-12-08"),
    # a January report: December is last year's, a weekday may fall in last year
    (MON, "The post at Diapaga was attacked on 30 December.", "30 December", "2024-12-30", "day", None),
    (MON, "Gunmen looted a market near Torodi on 4 January.", "4 January", "2025-01-04", "day", None),
    (MON, "Fighting flared in late December near Tessit.", "December", "2024-12", "month", None),
    (MON, "Jihadists attacked the camp at Tin-Akoff on Saturday.", "Saturday", "2025-01-04", "day", None),
    (MON, "Two soldiers were killed last Monday near Ansongo.", "last Monday", "2024-12-30", "day", None),
    (MON, "A convoy was ambushed near Dori last week.", "last week", "2024-12-30", "range", "2025-01-05"),
    (MON, "The junta recalled its ambassador last month.", "last month", "2024-12", "month", None),
    (MON, "Fighting lasted from Friday to Sunday near Kaya.", "Friday to Sunday", "2025-01-03", "range",
     "2025-01-05"),
]


@pytest.mark.parametrize("pub, text, expr, value, precision, end", NEWS_RELATIVE)
def test_dates_news_phrasings_relative_to_report_date(pub, text, expr, value, precision, end):
    m = only(text, DateContext(published=pub))
    assert (m.text, m.value.value, m.value.precision, m.value.end) == (expr, value, precision, end)
    assert text[m.start:m.end] == expr
    assert m.role == "event"


# text, expression, value, precision, end (no context needed)
EXPLICIT_MORE = [
    ("Gunmen attacked a gold mine near Kouri on May 3rd, 2023.", "May 3rd, 2023", "2023-05-03", "day", None),
    ("The garrison at Seytenga fell on the 3rd of May 2022.", "3rd of May 2022", "2022-05-03", "day", None),
    ("Troops entered Kidal on 14th November 2023.", "14th November 2023", "2023-11-14", "day", None),
    ("Jihadists ambushed a convoy near Anefis on Sept. 3, 2023.", "Sept. 3, 2023", "2023-09-03", "day", None),
    ("A drone struck a fuel depot near Ber on 2023/08/17.", "2023/08/17", "2023-08-17", "day", None),
    ("The Dozo militia attacked Ogossagou on 23 mars 2019.", "23 mars 2019", "2019-03-23", "day", None),
    ("Gunmen attacked the mine at Essakane on 1er mai 2023.", "1er mai 2023", "2023-05-01", "day", None),
    ("On Wednesday, 11 December 2024, gunmen attacked Djibasso.", "11 December 2024", "2024-12-11", "day", None),
    ("Talks in Niamey ran between 3 and 5 May 2024.", "between 3 and 5 May 2024", "2024-05-03", "range",
     "2024-05-05"),
    ("Clashes around Tessit ran from 7 August to 9 August 2022.", "from 7 August to 9 August 2022",
     "2022-08-07", "range", "2022-08-09"),
    ("Soldiers were attacked in the night of 3 to 4 May 2021 near Gao.", "3 to 4 May 2021", "2021-05-03",
     "range", "2021-05-04"),
    ("Gunmen attacked Boni on the night of 3 May 2021.", "3 May 2021", "2021-05-03", "day", None),
    ("In mid-2021 the militia seized Farabougou.", "mid-2021", "2021", "year", None),
    ("In late 2019 attacks spread to Ménaka.", "late 2019", "2019", "year", None),
    ("In the summer of 2022 JNIM blockaded Djibo.", "the summer of 2022", "2022", "year", None),
    ("In early February 2024 the army took Léré.", "early February 2024", "2024-02", "month", None),
    ("The camp was attacked at the end of March 2023.", "the end of March 2023", "2023-03", "month", None),
    # a decade is its ten years, never its first year alone
    ("In the late 2010s, attacks spread to the Boucle du Mouhoun.", "the late 2010s", "2010", "year", "2019"),
    ("Tuareg rebels rose again in the 1990s.", "the 1990s", "1990", "year", "1999"),
    ("From mid-March to early April 2022 the siege of Djibo tightened.", "From mid-March to early April 2022",
     "2022-03", "month", "2022-04"),
    ("Gunmen attacked Seytenga on Saturday 3 and Sunday 4 June 2022.", "Saturday 3 and Sunday 4 June 2022",
     "2022-06-03", "range", "2022-06-04"),
]


@pytest.mark.parametrize("text, expr, value, precision, end", EXPLICIT_MORE)
def test_dates_explicit_more_shapes(text, expr, value, precision, end):
    m = only(text)
    assert (m.text, m.value.value, m.value.precision, m.value.end) == (expr, value, precision, end)
    assert text[m.start:m.end] == expr
    assert m.role == "event"


def test_dates_two_full_dates_joined_by_and_are_two_days():
    text = "Convoys were hit near Gossi on 3 May 2023 and 9 May 2023."
    assert [(f.text, f.value.value, f.value.precision) for f in find_dates(text)] == [
        ("3 May 2023", "2023-05-03", "day"), ("9 May 2023", "2023-05-09", "day")]


# text, previous date, expression, value, precision, end
RELATIVE_MORE = [
    ("The next morning, the army counter-attacked at Tassia.", day("2022-08-07"), "The next morning",
     "2022-08-08", "day", None),
    ("The day after, soldiers entered Tin-Akoff.", day("2022-08-07"), "The day after", "2022-08-08", "day", None),
    ("Three days earlier, the mayor had been abducted.", day("2022-08-07"), "Three days earlier",
     "2022-08-04", "day", None),
    ("Hours later, a second blast hit the market.", day("2022-08-07"), "Hours later", "2022-08-07", "day", None),
    ("The following month, the garrison left Tessalit.", day("2023-12-20"), "The following month",
     "2024-01", "month", None),
    ("Two months later the ceasefire collapsed.", day("2023-11-10"), "Two months later", "2024-01", "month", None),
    ("Later that year, the junta expelled the envoy.", day("2023-03-05"), "Later that year", "2023", "year", None),
    ("The previous week, gunmen had burned the school.", day("2023-03-08"), "The previous week",
     "2023-02-27", "range", "2023-03-05"),
    ("A week later, a second convoy was hit near Boni.", day("2023-12-28"), "A week later", "2024-01-04",
     "day", None),
    ("48 hours later, the army retook Tessit.", day("2022-08-07"), "48 hours later", "2022-08-09", "day", None),
    ("Six hours later, a second blast hit the market.", day("2022-08-07"), "Six hours later", "2022-08-07",
     "day", None),
    ("Earlier in the day, gunmen had struck Dori.", day("2022-08-07"), "Earlier in the day", "2022-08-07",
     "day", None),
    ("Later in the week, the convoy left Gao.", day("2022-08-02"), "Later in the week", "2022-08-03",
     "range", "2022-08-07"),
]


@pytest.mark.parametrize("text, previous, expr, value, precision, end", RELATIVE_MORE)
def test_dates_relative_more_phrasings(text, previous, expr, value, precision, end):
    m = only(text, DateContext(previous=previous))
    assert (m.text, m.value.value, m.value.precision, m.value.end) == (expr, value, precision, end)
    assert m.start == 0


# text, context, expression, value, precision, end
CONTEXT_MORE = [
    ("Gunmen attacked the post on 28 December.", DateContext(published=MON), "28 December", "2024-12-28",
     "day", None),
    ("On 2 January, the garrison at Boni was overrun.", DateContext(published=MON), "2 January", "2025-01-02",
     "day", None),
    ("The town fell on 5 January.", DateContext(previous=day("2022-12-20")), "5 January", "2023-01-05",
     "day", None),
    ("In early February, the convoy reached Djibo.", DateContext(year=2023), "February", "2023-02",
     "month", None),
    ("Talks with the kidnappers resumed on the 3rd.", DateContext(previous=day("2022-05-28")), "3rd",
     "2022-06-03", "day", None),
    ("Talks with the kidnappers resumed on the 30th.", DateContext(previous=day("2022-05-28")), "30th",
     "2022-05-30", "day", None),
    ("On the 3rd of May the army retook Boni.", DateContext(previous=day("2022-04-20")), "3rd of May",
     "2022-05-03", "day", None),
    ("The siege lasted from 26 to 30 November.", DateContext(previous=day("2022-11-01")),
     "from 26 to 30 November", "2022-11-26", "range", "2022-11-30"),
    ("Talks ran between 3 and 5 May.", DateContext(year=2023), "between 3 and 5 May", "2023-05-03",
     "range", "2023-05-05"),
    ("Jihadists attacked Sollé on 3 mai.", DateContext(year=2023), "3 mai", "2023-05-03", "day", None),
    ("Gunmen raided Dinangourou on May 3rd.", DateContext(year=2019), "May 3rd", "2019-05-03", "day", None),
    # a report tells the past: after "the next day" reached January, December is still last year's
    ("On 30 December, a convoy was ambushed near Djibo.", DateContext(previous=day("2025-01-05"), published=MON),
     "30 December", "2024-12-30", "day", None),
    ("In November, the army had retaken Mansila.", DateContext(previous=day("2025-01-05"), published=MON),
     "November", "2024-11", "month", None),
]


@pytest.mark.parametrize("text, ctx, expr, value, precision, end", CONTEXT_MORE)
def test_dates_year_from_context_more(text, ctx, expr, value, precision, end):
    m = only(text, ctx)
    assert (m.text, m.value.value, m.value.precision, m.value.end) == (expr, value, precision, end)


@pytest.mark.parametrize("text", [
    "The junta's plan foresees elections in 2091.",
    "The communiqué carried the number 2023/05/99.",
    "About 2,000 troops crossed 60 km of desert.",
    "Gunmen on 30 motorbikes attacked the market.",
    "The army may march on Kidal soon.",
])
def test_dates_absurd_or_non_dates_give_nothing(text):
    assert find_dates(text, 0, DateContext(published=THU)) == []


@pytest.mark.parametrize("text, value, precision", [
    ("On 32 March 2023 the base was attacked.", "2023-03", "month"),
    ("On 31 June 2023 the base was attacked.", "2023-06", "month"),
    ("Gunmen attacked Djibo on 30 February.", "2021-02", "month"),
    ("Elections are planned for 2091 in Niamey.", None, None),
])
def test_dates_impossible_days_fall_back_or_give_nothing(text, value, precision):
    d = event_date(text, 0, DateContext(year_range=(2021, 2022), previous=day("2021-01-20")))
    got = (d.value, d.precision) if d else (None, None)
    assert got == (value, precision)


# text, report date, roles: "since" bounds a period, it is no event date
@pytest.mark.parametrize("text, ctx, expected", [
    ("Since January, gunmen have attacked thirty villages.", DateContext(year=2023), [("January", "reference")]),
    ("Schools have been shut since Sunday.", DateContext(published=THU), [("Sunday", "reference")]),
])
def test_dates_since_is_a_bound(text, ctx, expected):
    assert [(m.text, m.role) for m in find_dates(text, 0, ctx)] == expected


# text, expected event date (report date THU)
NEWS_EVENT = [
    ("Security sources said on Thursday that gunmen had killed 12 soldiers in Tahoua on Tuesday.", "2024-12-10"),
    ("Militants killed 12 soldiers on Sunday night, the army said on Tuesday.", "2024-12-08"),
    ("On Wednesday 11 December gunmen attacked Djibasso.", "2024-12-11"),
    ("The army said on Monday it had repelled an attack.", "2024-12-09"),
    ("Since January, gunmen have attacked thirty villages, and on Tuesday they burned Kelbo.", "2024-12-10"),
]


@pytest.mark.parametrize("text, value", NEWS_EVENT)
def test_dates_event_date_in_news_sentences(text, value):
    assert event_date(text, 0, DateContext(published=THU)).value == value


@pytest.mark.parametrize("text, previous, expr, value", [
    ("By the end of the year, Russian instructors had arrived in Gao.", day("2023-03-05"), "the end of the year",
     "2023-12"),
    ("At the start of that year, the convoys resumed.", DateValue("2018", "year"), "the start of that year",
     "2018-01"),
])
def test_dates_edge_of_the_year_is_its_month(text, previous, expr, value):
    m = only(text, DateContext(previous=previous))
    assert (m.text, m.value.value, m.value.precision) == (expr, value, "month")
    assert text[m.start:m.end] == expr


@pytest.mark.parametrize("text, roles, value", [
    # a count of days from another happening yields to the sentence's explicit date
    ("On 14 February 2020, about a day after soldiers left the post, gunmen attacked Ogossoun.",
     [("14 February 2020", "event"), ("a day after", "reference")], "2020-02-14"),
    # with no explicit date it still counts from the last date read
    ("Two days after the attack on Boni, gunmen struck Dori.", [("Two days after", "event")], "2020-02-03"),
    ("On 3 May gunmen attacked Boni and two days after, they struck Dori.",
     [("3 May", "event"), ("two days after", "event")], "2020-05-03"),
])
def test_dates_days_after_another_happening(text, roles, value):
    ctx = DateContext(previous=day("2020-02-01"))
    assert [(m.text, m.role) for m in find_dates(text, 0, ctx)] == roles
    assert event_date(text, 0, ctx).value == value


@pytest.mark.parametrize("text, previous, value", [
    # no report date: a weekday is the first such day from the last day read (stories run forward)
    ("On Wednesday, the army retook the post at Boni.", day("2021-05-03"), "2021-05-05"),
    ("The convoy left Gao on Monday.", day("2021-05-03"), "2021-05-03"),
    ("On Sunday, gunmen struck Dori.", DateValue("2021-05-03", "range", "2021-05-04"), "2021-05-09"),
])
def test_dates_weekday_after_last_day_read_without_report_date(text, previous, value):
    m = only(text, DateContext(previous=previous))
    assert (m.value.value, m.value.precision, m.value.reason) == (value, "day", "relative")


def test_dates_weekday_needs_a_day_to_count_from():
    assert find_dates("On Wednesday, the army retook Boni.", 0, DateContext(previous=DateValue("2021-05", "month"))) == []
    assert find_dates("Last Wednesday, the army retook Boni.", 0, DateContext(previous=day("2021-05-03"))) == []


@pytest.mark.parametrize("text, roles, value", [
    # the weekday dates the event; 'a day before the raid' only places the other happening
    ("On Tuesday, a day before the raid on Kaya, gendarmes arrested three men.",
     [("Tuesday", "event"), ("a day before", "reference")], "2023-09-05"),
    ("On Sunday, three days before the ambush near Diapaga, soldiers left the camp.",
     [("Sunday", "event"), ("three days before", "reference")], "2023-09-03"),
    # no weekday: the count of days is still the event's date
    ("Two days before the ambush, soldiers left the camp.",
     [("Two days before", "event")], "2023-09-04"),
])
def test_dates_weekday_is_not_shifted_again_by_days_before(text, roles, value):
    ctx = DateContext(previous=day("2023-09-06"), published=day("2023-09-07"))
    assert [(m.text, m.role) for m in find_dates(text, 0, ctx)] == roles
    assert event_date(text, 0, ctx).value == value


@pytest.mark.parametrize("text, roles", [
    # the year a span began in only bounds it: no event is told of that year
    ("Dozens of soldiers have died since the insurgency began in 2015.",
     [("2015", "reference")]),
    ("Attacks have multiplied ever since the war broke out in 2012.", [("2012", "reference")]),
    # the same bound told as a noun: 'since the start of the war in 2015'
    ("It was the worst raid on the town since the start of the rebellion in 2011.",
     [("2011", "reference")]),
    ("Fewer convoys have been hit since the outbreak of the uprising in 2019.",
     [("2019", "reference")]),
    # a year told of an event stays an event date
    ("The insurgency began in 2015.", [("2015", "event")]),
])
def test_dates_year_a_span_began_in_is_a_reference(text, roles):
    assert [(m.text, m.role) for m in find_dates(text, 0, NO_CTX)] == roles


@pytest.mark.parametrize("text, value", [
    # a bare month naming an event ('a March coup') is that month of the last year it fits
    ("Rebels took the north after a March coup.", "2012-03"),
    ("Officials recalled the November attack on the base.", "2012-11"),
])
def test_dates_month_naming_an_event_is_attributive(text, value):
    pub = DateValue("2013-01-22", "day", None, "published")
    found = find_dates(text, 0, DateContext(previous=pub, published=pub))
    assert [(m.role, m.value.value) for m in found] == [("attributive", value)]
