"""Date expressions in a sentence, resolved to `DateValue`s with precision.

Two cascades in the style of dateparser, each one named, ordered tuple:

* `PATTERNS` finds date expressions. Each entry is (name, regex, build); the
  entries are tried in order over the sentence and an earlier (more specific)
  entry claims its characters, so "16 January 2012" is one day, never also the
  month "January 2012" or the year "2012". `build` turns a match into a
  `DateValue` or None (an impossible date, or no year to be had).
* `EVENT_DATE_STRATEGIES` picks the date of the event a sentence reports:
  explicit → relative → report date → section year. Each returns a
  `DateValue` or None; the first result wins.

Missing years come, in this order, from the last date read (`ctx.previous`,
also updated inside the sentence), the section heading (`ctx.year`,
`ctx.year_range`) and the report date (`ctx.published`). A report tells the
past: a month later than the report's own is last year's. Years after
`MAX_YEAR` are no dates.

News: `published_date(doc_text)` reads a report's dateline or byline date
(a wire dateline without a year takes the latest year the report names);
pass it as `ctx.published` so "on Saturday", "last Thursday", "this week",
"overnight Saturday to Sunday", "three days ago" resolve against it. A
dateline inside a sentence is a "report" date, never the event's own, and
anchors the sentence's weekdays. Without a report date a weekday is the
first such day from the last day read.

Precision follows what the text supports: "the 2010s" is 2010–2019, "the
end of 2020" its December, "late 2019" the year, "3 and 4 May" a range,
"3 and 10 May" two days, "31 June 2023" only its month.

Pure functions over strings and offsets; no spaCy. Regexes are compiled once
at import: the functions run per sentence over thousands of sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from bellum.model import DateValue

Role = str  # "event" | "report" | "attributive" | "reference" | "birth"


@dataclass(frozen=True)
class DateContext:
    """What a sentence's dates are read against."""

    year: int | None = None  # the single year a section heading names ("2020 coup")
    year_range: tuple[int, int] | None = None  # years the heading spans ("(2013–2023)")
    previous: DateValue | None = None  # last date seen in reading order
    published: DateValue | None = None  # report date of a news article


@dataclass(frozen=True)
class DateMention:
    """A date expression: text, absolute offsets, resolved value and its role.

    role: "event" (when something happened), "report" (when it was said or
    reported: "On 5 May, officials said ..."), "attributive" (a name-like
    modifier: "the 2015 Algiers Accords", "2019 attack"), "reference" (a
    bound or anchor: "since 2012", "after 3 May") or "birth" ("born 1954").
    """

    text: str
    start: int
    end: int
    value: DateValue
    role: Role = "event"


# --------------------------------------------------------------------------
# building blocks

_MONTH_NAMES = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
# French names, as francophone Sahel sources and quoted communiqués write them ("3 mai 2023")
_FRENCH_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
# Case-sensitive on purpose: "may" and "march" are also verbs. French names are lower
# case (French usage), so the English word "Mars" is never one.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
    r"|(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\b)"
)
# Latest year read as a date: later ones ("in 2091") are typos or plans, not events.
MAX_YEAR = date.today().year + 10
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WDNAME = "(?:" + "|".join(_WEEKDAYS) + ")"


def _d(name: str) -> str:
    return rf"(?P<{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|er)?(?![\w])"


def _m(name: str) -> str:
    return rf"(?P<{name}>{_MONTH})"


def _y(name: str) -> str:
    return rf"(?P<{name}>19\d\d|20\d\d|2100)(?![\d])(?!,\d)"


_L = r"(?<![\w,.$€£])"  # no digit, letter or thousands separator just before
_TO = r"\s*(?:-|–|—|‒|\bto\b|\buntil\b|\btill\b|\bthrough\b|\band\b)\s*"
_FROM = r"(?:(?P<pre>(?i:from|between))\s+)?"
_OF = r"(?:\s+of)?"
_MONTH_MOD = (
    r"(?:(?i:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of"
    r"|(?:end|beginning|start|middle)\s+of)[\s-]*)"
)
_YEAR_MOD = (
    r"(?i:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of|(?:end|beginning|start|middle)\s+of"
    r"|(?:the\s+)?(?:first|second|latter|last)\s+half\s+of"
    r"|(?:the\s+)?(?:first|second|third|fourth|last|final)\s+quarter\s+of"
    r"|(?:the\s+)?(?:summer|winter|spring|autumn|fall|rainy\s+season|dry\s+season)(?:\s+of)?)"
)
_YEAR_EDGE = r"(?P<edge>(?i:(?:the\s+)?(?:end|close|beginning|start)\s+of))"
_YEAR_PREP = (
    r"(?P<pre>(?i:in|during|by|since|until|till|through|throughout|from|before|after|as\s+of"
    r"|of|around|circa|for|early|late|mid|born(?:\s+in)?)(?:-|\s+))"
)
_MONTH_PREP = (
    r"(?P<pre>(?i:in|during|by|since|until|till|through|throughout|from|before|after|of|to"
    r"|early|late|mid|end\s+of|beginning\s+of|start\s+of|middle\s+of)(?:-|\s+))"
)
_DETERMINER = r"(?P<det>(?i:the|a|an|its|their|his|her|this|that)|[A-Z][\w-]*['’]s)"
# Nouns that make a bare year a modifier ("2019 attack"), not a date of the sentence.
_EVENT_NOUNS = (
    r"attacks?|coups?|elections?|offensives?|agreements?|accords?|ceasefire|crisis|rebellion"
    r"|massacres?|ambush|referendum|uprising|mutiny|peace|presidential|legislative|constitution"
    r"|reports?|protests?|war|conflict|insurgency|battle|siege|operations?|campaign|summit|deal"
    r"|treaty|junta|transition|census|budget|law|resolution|ban|raid|bombing|killings?"
)


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --------------------------------------------------------------------------
# value helpers


def _month(text: str) -> int:
    word = text.rstrip(".")
    return _FRENCH_MONTHS.get(word) or _MONTH_NAMES[word[:3].lower()]


def _iso_day(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _parse(value: DateValue, last: bool = False) -> tuple[int, int | None, int | None]:
    """(year, month, day) of a value; `last` reads the end of a range."""
    text = value.end if last and value.end else value.value
    parts = [int(p) for p in text.split("-")]
    parts += [None] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


def _year_for(month: int, ctx: DateContext, prev: DateValue | None) -> tuple[int | None, str]:
    """The year a day-month or month without a year most likely belongs to.

    The last date read wins, moved to the next year when the month is more
    than four months before it (narratives run forward: "On 2 January" after
    a November date is the next January). A previous date older than the
    section's years is stale (it comes from an earlier section), so the
    section's first year wins then. A news report's events are not after its
    date: a month later than the report's is the year before.
    """
    y, reason = _year_from_story(month, ctx, prev)
    if ctx.published is not None:
        py, pm, _ = _parse(ctx.published)
        if y is None:
            y, reason = py, "explicit+published-year"
        # a report tells what happened up to its date: "on 30 December" in a January
        # report is last December, even after "the next day" brought us into January
        if pm is not None and (y, month) > (py, pm):
            y = py if month <= pm else py - 1
    return y, reason


def _year_from_story(month: int, ctx: DateContext, prev: DateValue | None) -> tuple[int | None, str]:
    """The year from the story told so far: the last date read, else the section."""
    lo = ctx.year_range[0] if ctx.year_range else ctx.year
    if prev is not None:
        py, pm, _ = _parse(prev, last=True)
        if lo is None or py >= lo:
            if pm is not None and pm - month > 4:
                return py + 1, "explicit+previous-year"
            return py, "explicit+previous-year"
    if lo is not None:
        return lo, "explicit+section-year"
    return None, ""


def _day_value(y, m, d, reason) -> DateValue | None:
    iso = _iso_day(y, m, d)
    if iso:
        return DateValue(iso, "day", None, reason)
    if y and m and 1 <= m <= 12:  # "31 February 2020": the text supports the month only
        return _month_value(y, m, reason + "+impossible-day")
    return None


def _range_value(y1, m1, d1, y2, m2, d2, reason) -> DateValue | None:
    a, b = _iso_day(y1, m1, d1), _iso_day(y2, m2, d2)
    if not a or not b or b < a:
        return None
    if a == b:
        return DateValue(a, "day", None, reason)
    return DateValue(a, "range", b, reason)


def _month_value(y, m, reason, y2=None, m2=None) -> DateValue:
    end = f"{y2:04d}-{m2:02d}" if m2 is not None and (y2, m2) != (y, m) else None
    return DateValue(f"{y:04d}-{m:02d}", "month", end, reason)


def _year_value(y, reason, y2=None) -> DateValue:
    end = str(y2) if y2 is not None and y2 != y else None
    return DateValue(str(y), "year", end, reason)


# --------------------------------------------------------------------------
# builders: match + context + previous date -> DateValue | None

Build = Callable[[re.Match, DateContext, "DateValue | None"], "DateValue | None"]


def _g(m: re.Match, name: str) -> str | None:
    return m.groupdict().get(name)


def _build_iso(m, ctx, prev):
    return _day_value(int(m["y1"]), int(m["m1"]), int(m["d1"]), "explicit")


def _build_numeric(m, ctx, prev):
    """"14/03/2021", "14.03.2021": day first (the Sahel's francophone and British
    usage), month first only when the first number cannot be a month day pair."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y1"])
    if b > 12 and a <= 12:
        a, b = b, a
    return _day_value(y, b, a, "explicit")


def _build_day_range(m, ctx, prev):
    d1, d2 = int(m["d1"]), int(m["d2"])
    m1 = _month(m["m1"])
    m2 = _month(_g(m, "m2")) if _g(m, "m2") else m1
    y2 = int(_g(m, "y2")) if _g(m, "y2") else None
    y1 = int(_g(m, "y1")) if _g(m, "y1") else None
    reason = "explicit"
    if y2 is None and y1 is not None:
        y2 = y1 + (1 if m2 < m1 else 0)
    if y1 is None and y2 is not None:
        y1 = y2 - (1 if m2 < m1 else 0)
    if y1 is None:
        y1, reason = _year_for(m1, ctx, prev)
        if y1 is None:
            return None
        y2 = y1 + (1 if m2 < m1 else 0)
    return _range_value(y1, m1, d1, y2, m2, d2, reason)


def _build_day(m, ctx, prev):
    mo = _month(m["m1"])
    if _g(m, "y1"):
        return _day_value(int(m["y1"]), mo, int(m["d1"]), "explicit")
    y, reason = _year_for(mo, ctx, prev)
    return _day_value(y, mo, int(m["d1"]), reason) if y else None


def _build_day_alone(m, ctx, prev):
    """"on the 12th": the month (and year) of the last date read."""
    if prev is None or prev.precision == "year":
        return None
    y, mo, d = _parse(prev, last=True)
    if d is not None and int(m["d1"]) < d:  # narratives run forward: "28 May ... on the 3rd" is 3 June
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return _day_value(y, mo, int(m["d1"]), "explicit+previous-month")


def _build_month_range(m, ctx, prev):
    m1, m2 = _month(m["m1"]), _month(m["m2"])
    y1 = int(_g(m, "y1")) if _g(m, "y1") else None
    y2 = int(_g(m, "y2")) if _g(m, "y2") else None
    reason = "explicit"
    if y1 is None and y2 is not None:
        y1 = y2 - (1 if m2 < m1 else 0)
    if y1 is None:
        y1, reason = _year_for(m1, ctx, prev)
        if y1 is None:
            return None
    if y2 is None:
        y2 = y1 + (1 if m2 < m1 else 0)
    if (y2, m2) < (y1, m1):
        return None
    return _month_value(y1, m1, reason, y2, m2)


def _build_month(m, ctx, prev):
    mo = _month(m["m1"])
    if _g(m, "y1"):
        return _month_value(int(m["y1"]), mo, "explicit")
    y, reason = _year_for(mo, ctx, prev)
    return _month_value(y, mo, reason) if y else None


def _build_month_of_year(m, ctx, prev):
    """"July of that year", "in March of the following year": year from the last date read."""
    if prev is None:
        return None
    which = m["which"].lower()
    shift = 1 if ("next" in which or "following" in which) else -1 if "previous" in which or "preceding" in which else 0
    return _month_value(_parse(prev, last=True)[0] + shift, _month(m["m1"]), "explicit+previous-year")


def _build_year_range(m, ctx, prev):
    y1 = int(m["y1"])
    if _g(m, "y2"):
        y2 = int(m["y2"])
    elif _g(m, "y2s"):
        y2 = y1 // 100 * 100 + int(m["y2s"])
    else:
        return _year_value(y1, "explicit")  # "2022–present": open end
    return _year_value(y1, "explicit", y2) if y2 > y1 else None


def _build_year_edge(m, ctx, prev):
    """"the end of 2020" → 2020-12, "the start of that year" → its January: the gold's
    and ACLED's reading of a year's edge as its first or last month."""
    if _g(m, "y1"):
        y, reason = int(m["y1"]), "explicit"
    else:
        base = prev if prev is not None else ctx.published
        if base is None:
            return None
        y, reason = _parse(base, last=True)[0], "relative"
    edge = m["edge"].lower()
    return _month_value(y, 12 if ("end" in edge or "close" in edge) else 1, reason)


def _build_decade(m, ctx, prev):
    return _year_value(int(m["y1"]), "explicit", int(m["y1"]) + 9)


def _build_year(m, ctx, prev):
    return _year_value(int(m["y1"]), "explicit")


# -- relative to the previous date -------------------------------------------


def _shift(prev: DateValue | None, unit: str, n: int) -> DateValue | None:
    """`prev` moved by n units, never more precise than `prev` is.

    "the next day" after a month-precision date stays that month: the text
    does not say which day.
    """
    if prev is None:
        return None
    y, mo, d = _parse(prev, last=n > 0)
    if unit == "day":
        if d is None:
            return DateValue(prev.value, prev.precision, prev.end, "relative")
        if n == 0 and prev.precision == "range":
            return DateValue(prev.value, "range", prev.end, "relative")
        day = date(y, mo, d) + timedelta(days=n)
        return DateValue(day.isoformat(), "day", None, "relative")
    if unit == "week":
        if d is None:
            return DateValue(prev.value, prev.precision, prev.end, "relative")
        day = date(y, mo, d)
        if n == 0:  # later that week: the rest of its calendar week
            a, b = day + timedelta(days=1), day + timedelta(days=6 - day.weekday())
            if b < a:  # a Sunday: the week is over
                return DateValue(day.isoformat(), "day", None, "relative")
        else:  # the following / previous calendar week
            monday = day - timedelta(days=day.weekday()) + timedelta(weeks=n)
            a, b = monday, monday + timedelta(days=6)
        return DateValue(a.isoformat(), "range", b.isoformat(), "relative")
    if unit == "month":
        if mo is None:
            return DateValue(prev.value[:4], "year", None, "relative")
        k = y * 12 + (mo - 1) + n
        return _month_value(k // 12, k % 12 + 1, "relative")
    if unit == "year":
        return _year_value(y + n, "relative")
    return None


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_NUMW = r"(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
_PART = r"(?:day|morning|afternoon|evening|night)(?!s)"  # 'the following days' is no one day


def _rel(unit: str, n: int) -> Build:
    # with no date read yet, a news report's own date is the anchor ("the previous day")
    return lambda m, ctx, prev: _shift(prev if prev is not None else ctx.published, unit, n)


def _build_next_days(m, ctx, prev):
    one = _shift(prev if prev is not None else ctx.published, "day", 1)
    if one is None or one.precision != "day":
        return one
    first = date.fromisoformat(one.value)
    return DateValue(one.value, "range", (first + timedelta(days=6)).isoformat(), "relative")


def _build_rel_count(m, ctx, prev):
    n = _NUMBER_WORDS.get(m["n"].lower()) or int(m["n"])
    unit = m["u"].lower().rstrip("s")
    sign = -1 if m["dir"].lower() in ("earlier", "before", "prior") else 1
    if unit == "week":
        unit, n = "day", n * 7
    elif unit == "hour":
        unit, n = "day", n // 24
    return _shift(prev, unit, sign * n)


# -- relative to the report date (news) --------------------------------------


def _build_published(m, ctx, prev):
    pub = ctx.published
    if pub is None:
        return _weekday_after(m, prev)
    word = m.group(0).lower()
    y, mo, d = _parse(pub)
    if "year" in word:
        return _year_value(y - (1 if word.startswith("last") else 0), "published")
    if "month" in word:
        if mo is None:
            return None
        k = y * 12 + mo - 1 - (1 if word.startswith("last") else 0)
        return _month_value(k // 12, k % 12 + 1, "published")
    if d is None:
        return None
    today = date(y, mo, d)
    if word.endswith("weekend"):  # the last Saturday–Sunday on or before the report day
        sat = today - timedelta(days=(today.weekday() - 5) % 7)
        if "last" in word and today.weekday() >= 5:
            sat -= timedelta(days=7)
        sun = min(sat + timedelta(days=1), today)
        if sun == sat:
            return DateValue(sat.isoformat(), "day", None, "published")
        return DateValue(sat.isoformat(), "range", sun.isoformat(), "published")
    if "week" in word and "last" not in word:  # "this week", "earlier this week": Monday to the report day
        monday = today - timedelta(days=today.weekday())
        if monday == today:
            return DateValue(today.isoformat(), "day", None, "published")
        return DateValue(monday.isoformat(), "range", today.isoformat(), "published")
    if word.startswith("overnight"):  # the night before the report
        return DateValue((today - timedelta(days=1)).isoformat(), "day", None, "published")
    if word == "today":
        return DateValue(today.isoformat(), "day", None, "published")
    if word == "yesterday":
        return DateValue((today - timedelta(days=1)).isoformat(), "day", None, "published")
    if word == "last week":
        monday = today - timedelta(days=today.weekday() + 7)
        return DateValue(monday.isoformat(), "range", (monday + timedelta(days=6)).isoformat(), "published")
    wd = _WEEKDAYS.index(m["wd"])
    back = (today.weekday() - wd) % 7
    if back == 0 and m["last"]:
        back = 7
    return DateValue((today - timedelta(days=back)).isoformat(), "day", None, "published")


def _weekday_after(m, prev: DateValue | None) -> DateValue | None:
    """No report date: "On 3 May ... on Wednesday" is the first Wednesday from the
    last day read (narratives run forward)."""
    if not _g(m, "wd") or _g(m, "last") or prev is None or prev.precision not in ("day", "range"):
        return None
    y, mo, d = _parse(prev, last=True)
    start = date(y, mo, d)
    ahead = (_WEEKDAYS.index(m["wd"]) - start.weekday()) % 7
    return DateValue((start + timedelta(days=ahead)).isoformat(), "day", None, "relative")


def _build_weekday_range(m, ctx, prev):
    """Two weekdays as one span ending on the last such weekday up to the report day."""
    pub = ctx.published
    if pub is None or pub.precision != "day":
        return None
    today = date.fromisoformat(pub.value)
    wd1, wd2 = _WEEKDAYS.index(m["wd1"]), _WEEKDAYS.index(m["wd2"])
    last = today - timedelta(days=(today.weekday() - wd2) % 7)
    first = last - timedelta(days=(wd2 - wd1) % 7)
    if first == last:
        return DateValue(last.isoformat(), "day", None, "published")
    return DateValue(first.isoformat(), "range", last.isoformat(), "published")


def _build_ago(m, ctx, prev):
    """"three days ago": counted back from the report date, never from the last date read."""
    n = _NUMBER_WORDS.get(m["n"].lower()) or int(m["n"])
    v = _shift(ctx.published, m["u"].lower().rstrip("s"), -n)  # "two weeks ago": that calendar week
    return None if v is None else DateValue(v.value, v.precision, v.end, "published")


# --------------------------------------------------------------------------
# the cascade of expressions, most specific first

PATTERNS: tuple[tuple[str, re.Pattern[str], Build], ...] = (
    ("iso", _c(r"(?<![\d/.-])(?P<y1>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m1>0[1-9]|1[0-2])(?P=sep)(?P<d1>0[1-9]|[12]\d|3[01])(?![\d/-])"),
     _build_iso),
    ("day-range-months", _c(
        rf"{_FROM}{_L}{_d('d1')}{_OF}\s+{_m('m1')}(?:,?\s+{_y('y1')})?{_TO}{_d('d2')}{_OF}\s+{_m('m2')}(?:,?\s+{_y('y2')})?"
    ), _build_day_range),
    ("day-range-months-us", _c(
        rf"{_FROM}{_m('m1')}\s+{_d('d1')}(?:,?\s+{_y('y1')})?{_TO}{_m('m2')}\s+{_d('d2')}(?:,?\s+{_y('y2')})?"
    ), _build_day_range),
    ("day-range", _c(
        rf"{_FROM}{_L}(?:{_WDNAME},?\s+)?{_d('d1')}{_TO}(?:{_WDNAME},?\s+)?{_d('d2')}{_OF}\s+{_m('m1')}(?:,?\s+{_y('y1')})?"
    ), _build_day_range),  # "3 to 5 May", "Saturday 3 and Sunday 4 May"
    ("day-range-us", _c(
        rf"{_FROM}{_m('m1')}\s+{_d('d1')}{_TO}{_d('d2')}(?:,?\s+{_y('y1')})?"
    ), _build_day_range),
    ("numeric-day", _c(
        r"(?<![\d/.-])(?P<a>3[01]|[12]\d|0?[1-9])(?P<sep>[/.-])(?P<b>3[01]|[12]\d|0?[1-9])(?P=sep)(?P<y1>(?:19|20)\d\d)(?![\d/-])"
    ), _build_numeric),
    ("day", _c(rf"{_L}{_d('d1')}{_OF}\s+{_m('m1')}(?:,?\s+{_y('y1')})?"), _build_day),
    ("day-us", _c(rf"{_m('m1')}\s+(?:the\s+)?{_d('d1')}(?:,?\s+{_y('y1')})?"), _build_day),
    ("day-alone", _c(r"(?<=\b[Oo]n the )(?P<d1>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b(?!\s+(?:of\b|century))"), _build_day_alone),
    ("month-range", _c(
        rf"{_FROM}{_MONTH_MOD}?{_m('m1')}(?:\s+{_y('y1')})?{_TO}{_MONTH_MOD}?{_m('m2')}(?:,?\s+{_y('y2')})?"
    ), _build_month_range),  # "from mid-March to early April": the months they span
    ("month", _c(rf"{_MONTH_MOD}?{_m('m1')},?\s+{_y('y1')}"), _build_month),
    ("month-of-that-year", _c(
        rf"(?:(?<![\w-]){_MONTH_PREP}|{_MONTH_MOD})?{_m('m1')}\s+of\s+(?P<which>(?i:that|the\s+same|that\s+same|the\s+(?:next|following|previous|preceding)))\s+year\b"
    ), _build_month_of_year),
    # "a March coup", "the January attack": a month naming an event, of the year before
    # the report or the last date when the month is later (nlp/dates._year_for)
    ("year-attributive-month", _c(rf"(?<![\w-]){_DETERMINER}\s+{_m('m1')}(?=\s+(?:{_EVENT_NOUNS})\b)"),
     _build_month),
    ("month-alone", _c(rf"(?:(?<![\w-]){_MONTH_PREP}|{_MONTH_MOD}){_m('m1')}(?![\w-])"), _build_month),
    # "the end of 2020" is its December, "the beginning of 2020" its January
    # "the 2010s", "the late 1990s": the ten years, never the decade's first year alone
    ("decade", _c(r"(?<![\w-])(?:(?i:the)\s+)?(?:(?i:early|late|mid)[\s-]*)?(?P<y1>(?:19|20)\d0)s\b"), _build_decade),
    ("year-edge", _c(rf"(?<![\w-]){_YEAR_EDGE}\s+{_y('y1')}"), _build_year_edge),
    ("year-part", _c(rf"(?<![\w-]){_YEAR_MOD}[\s-]*{_y('y1')}"), _build_year),
    ("year-range", _c(
        rf"{_FROM}{_L}{_y('y1')}(?:{_TO}|\s*(?:-|–|—)\s*)(?:{_y('y2')}|(?P<y2s>\d\d)(?!\d)|(?i:present|today|now)\b)"
    ), _build_year_range),
    ("year", _c(rf"(?<![\w-]){_YEAR_PREP}{_y('y1')}"), _build_year),
    ("year-attributive", _c(rf"(?<![\w-]){_DETERMINER}\s+{_L}{_y('y1')}(?=\s+[A-Za-z])"), _build_year),
    ("year-attributive-noun", _c(rf"{_L}{_y('y1')}(?=\s+(?:{_EVENT_NOUNS})\b)"), _build_year),
    # "48 hours later": whole days only; fewer hours stay on the same day
    ("relative-hours", _c(
        rf"(?i:\b{_NUMW}\s+(?P<u>hours?)\s+(?P<dir>later|afterwards|after|earlier|before|prior)\b)"
    ), _build_rel_count),
    ("relative-same-day", _c(
        rf"(?i:\b(?:(?:the\s+)?(?:same|that)\s+(?:very\s+)?{_PART}|(?:later|earlier)\s+(?:that|the\s+same|in\s+the)\s+{_PART}"
        rf"|hours\s+later)\b)"
    ), _rel("day", 0)),
    # 'in the following days', 'over the next few days': within the week after (ACLED's
    # time precision 2), never one day
    ("relative-next-days", _c(
        r"(?i:\b(?:in|over|during)\s+the\s+(?:next|following|coming|subsequent)\s+(?:few\s+|several\s+)?days\b)"
    ), _build_next_days),
    ("relative-next-day", _c(
        rf"(?i:\b(?:the\s+)?(?:next|following)\s+{_PART}|\bthe\s+day\s+after\b(?!\s+(?:that|which))|\bthe\s+morning\s+after\b)"
    ), _rel("day", 1)),
    ("relative-previous-day", _c(
        rf"(?i:\bthe\s+(?:previous|preceding)\s+{_PART}|\bthe\s+(?:day|night)\s+before\b)"
    ), _rel("day", -1)),
    ("relative-count", _c(
        rf"(?i:\b{_NUMW}\s+(?P<u>days?|weeks?|months?|years?)\s+(?P<dir>later|afterwards|after|earlier|before|prior)\b)"
    ), _build_rel_count),
    ("relative-ago", _c(rf"(?i:\b{_NUMW}\s+(?P<u>days?|weeks?|months?|years?)\s+ago\b)"), _build_ago),
    ("relative-this-week", _c(r"(?i:\blater\s+(?:that|the\s+same|in\s+the)\s+week\b)"), _rel("week", 0)),
    ("relative-next-week", _c(r"(?i:\bthe\s+(?:next|following)\s+week\b)"), _rel("week", 1)),
    ("relative-previous-week", _c(r"(?i:\bthe\s+(?:previous|preceding)\s+week\b|\bthe\s+week\s+before\b)"),
     _rel("week", -1)),
    ("relative-this-month", _c(
        r"(?i:\b(?:later|earlier)\s+(?:that|the\s+same|in\s+the)\s+month\b|\b(?:that|the\s+same|that\s+same)\s+month\b"
        r"|\b(?:by|at|until|before)\s+the\s+end\s+of\s+(?:that|the)\s+month\b)"
    ), _rel("month", 0)),
    ("relative-next-month", _c(r"(?i:\bthe\s+(?:next|following)\s+month\b)"), _rel("month", 1)),
    ("relative-previous-month", _c(r"(?i:\bthe\s+(?:previous|preceding)\s+month\b|\bthe\s+month\s+before\b)"), _rel("month", -1)),
    ("relative-year-edge", _c(rf"{_YEAR_EDGE}\s+(?i:that|the|the\s+same)\s+year\b"), _build_year_edge),
    ("relative-this-year", _c(
        r"(?i:\b(?:later|earlier)\s+(?:that|the\s+same|in\s+the)\s+year\b|\b(?:that|the\s+same|that\s+same)\s+year\b)"
    ), _rel("year", 0)),
    ("relative-next-year", _c(r"(?i:\bthe\s+(?:next|following)\s+year\b)"), _rel("year", 1)),
    ("relative-previous-year", _c(r"(?i:\bthe\s+(?:previous|preceding)\s+year\b|\bthe\s+year\s+before\b)"), _rel("year", -1)),
    # "overnight Saturday to Sunday", "from Monday to Wednesday": one span, not two days
    ("weekday-range", _c(
        rf"(?:(?P<pre>(?i:overnight(?:\s+from)?|(?:in|on|during)\s+the\s+night\s+(?:of|from)|from))\s+)?"
        rf"(?P<wd1>{_WDNAME})\s*(?:-|–|\b(?i:to|into|until|till|through)\b)\s*(?P<wd2>{_WDNAME})\b"
    ), _build_weekday_range),
    ("weekday-between", _c(rf"(?P<pre>(?i:between))\s+(?P<wd1>{_WDNAME})\s+and\s+(?P<wd2>{_WDNAME})\b"),
     _build_weekday_range),
    ("published", _c(
        r"\b(?:(?i:yesterday|today|last\s+week|(?:earlier\s+|later\s+)?this\s+(?:week|month|year)"
        r"|last\s+(?:month|year)|(?:(?:over|at|during)\s+the\s+|this\s+past\s+|last\s+|this\s+)weekend|overnight(?!\s+(?:on\s+|from\s+|into\s+|to\s+|of\s+|between\s+)?"
        r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d|the\s+night)))\b"
        r"|(?:(?P<last>[Ll]ast)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    ), _build_published),
)

PATTERN_NAMES = tuple(name for name, _, _ in PATTERNS)
_RELATIVE = frozenset(n for n in PATTERN_NAMES if n.startswith("relative"))


# --------------------------------------------------------------------------
# roles

_BIRTH_LEFT = _c(r"(?i:\bborn(?:\s+(?:on|in))?|\(b\.)\s*$")
_REFERENCE_LEFT = _c(
    r"(?i:\b(?:since|after|following|before|prior\s+to|until|till|as\s+of|ahead\s+of|up\s+to)(?:\s+the)?)\s*$"
)
# "since the conflict began in 2012": the start of a span that bounds, not an event told
_SINCE_BEGAN_LEFT = _c(r"(?i:\b(?:since|ever\s+since)\s+(?:[\w'’-]+\s+){1,6}?(?:began|started|erupted|"
                       r"broke\s+out|was\s+launched|emerged)\s+in|"
                       # "since the start of the war in 2015": the same bound, told as a noun
                       r"since\s+(?:the\s+)?(?:start|beginning|outbreak|onset|launch)\s+of\s+"
                       r"(?:[\w'’-]+\s+){1,5}?in)\s*$")
_REPORT_LEFT = _c(
    r"(?i:\b(?:said|says|reported|announced|claimed|stated|confirmed|published|released|issued|revealed"
    r"|told\s+\w+|statement|report|communiqu[eé])\s+(?:on|in|of|dated)?"
    r"(?:\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?)?)\s*$"
)
_REPORT_RIGHT = _c(
    r"^,?\s+(?:(?:it\s+was|was)\s+)?(?:[\w'’.-]+\s+){0,6}?(?i:said|says|reported|announced|claimed|stated|confirmed"
    r"|revealed|acknowledged|admitted|told|alleged)\b"
)
_ATTRIBUTIVE_RIGHT = _c(r"^\s+(?!(?:in|on|at|and|or|to|by|for|from|with|when|while|as|after|before|until|during"
                        r"|that|which|who|was|were|is|are|had|has|have|the|a|an|but|saw|marked|of)\b)[A-Za-z]")
# "Ansar Dine (founded in 2012) took Kidal": a group's origin told in passing names it,
# it does not date the sentence's event ("X was founded in 2012" stays an event date)
_ORIGIN_LEFT = _c(r"(?:\(|,)\s*(?:[\w-]+\s+)?(?i:founded|formed|created|established|set\s+up|launched)"
                  r"\s+(?:(?i:in|on)\s+)?$")
_DETERMINER_LEFT = _c(r"(?i:\b(?:the|a|an|its|their|his|her|this|that))\s*$|[A-Z][\w-]*['’]s\s*$")


# A news dateline or byline date: "NIAMEY, 14 March 2021 —", "BAMAKO, Mali (Reuters), 3 May 2022 -",
# "(AFP) 14/03/2021 -", "Published on 14 March 2021", "Sunday, 14 March 2021" alone on its line.
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?,?\s+"
# The place is in capitals ("NIAMEY") or a title-case name closed by a comma or an
# agency ("Dakar, ", "Ouagadougou (AFP)").
_DATELINE_PLACE = r"(?:[A-ZÀ-Þ][A-ZÀ-Þ'’ .-]{2,40}|[A-ZÀ-Þ][\w'’.-]+(?:\s+[A-ZÀ-Þ][\w'’.-]+){0,2}(?=\s*[,(]))"
# a clock time with its zone: "10:42 AM ET", "7.42 GMT+1", ISO's "T10:42:00Z"
_CLOCK = (r"(?:(?:at\s+)?\d{1,2}[:.h]\d\d(?::\d\d)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4}(?:\s*[+-]\d{1,2}(?::?\d\d)?)?)?"
          r"|T\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)")
_DATELINE_LEFT = _c(
    rf"^\s*((?:{_DATELINE_PLACE}(?:,\s*[A-Z][\w'’ .-]{{1,30}})?\s*(?:\([^()\n]{{1,40}}\))?\s*(?:[,:]|\s[-–—])?\s*(?:le\s+)?"
    r"|\([^()\n]{1,40}\)\s*[,:]?\s*"
    r"|(?i:by)\s+[^|\n]{1,60}\|\s*"  # "By AFP | 12 December 2024"
    rf"|(?i:(?:first\s+)?(?:published|posted|updated|last\s+updated)(?:\s+on)?\s*:?)\s*(?:{_CLOCK}\s*,?\s*)?))?"
    rf"(?:{_WD})?$"
)
_TIME = rf"(?:\s*[,|]?\s*{_CLOCK}\s*)"
# a timeline entry ("14 March 2021: gunmen attacked ...") is an event date, not a dateline
_DATE_ALONE_RIGHT = _c(rf"^\s*{_TIME}?(?:[·•|]\s*\d+\s+min(?:ute)?s?\s+read\s*)?(?:\n|$)")
_DATELINE_RIGHT = _c(rf"^\s*{_TIME}?(?:\([^()\n]{{1,40}}\)\s*)?(?:[-–—:|·•]|\n|$)")


def _is_dateline(name: str, text: str, start: int, end: int) -> bool:
    if name not in ("iso", "numeric-day", "day", "day-us"):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    left = _DATELINE_LEFT.match(text[line_start:start])
    if not left or not _DATELINE_RIGHT.match(text[end:end + 40]):
        return False
    if left.group(1) is None:  # no place, agency or "Published": only a date alone on its line
        return _DATE_ALONE_RIGHT.match(text[end:end + 40]) is not None
    return True


def _role(name: str, text: str, start: int, end: int) -> Role:
    """Role from the words around the expression (before the report check)."""
    if name.startswith("year-attributive"):
        return "attributive"
    if _is_dateline(name, text, start, end):
        return "report"
    left = text[max(0, start - 30):start]
    if _BIRTH_LEFT.search(left):
        return "birth"
    if _ORIGIN_LEFT.search(left):
        return "attributive"
    if name not in _RELATIVE:
        if _DETERMINER_LEFT.search(left) and _ATTRIBUTIVE_RIGHT.match(text[end:end + 20]):
            return "attributive"  # "the March 2012 coup", "the 16 January attack"
        if _REFERENCE_LEFT.search(left) or _SINCE_BEGAN_LEFT.search(text[max(0, start - 70):start]):
            return "reference"
    if _REPORT_LEFT.search(left):
        return "report"
    return "event"


# --------------------------------------------------------------------------
# public API


def find_dates(text: str, offset: int = 0, ctx: DateContext = DateContext()) -> list[DateMention]:
    """All date expressions in `text` (one sentence), resolved, in reading order.

    Offsets are absolute: `offset` is where `text` starts in its document.
    Expressions whose year cannot be resolved from the text or `ctx` are left
    out, as are relative expressions with nothing to be relative to.
    """
    claimed: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, re.Match, Build]] = []
    for name, regex, build in PATTERNS:
        for m in regex.finditer(text):
            start, end = m.span()
            if _g(m, "pre") and name not in ("day-range-months", "day-range-months-us", "day-range",
                                             "day-range-us", "month-range", "year-range"):
                start = m.end("pre")  # "in 2019": the date is "2019"
                while start < end and text[start].isspace():
                    start += 1
            if _g(m, "det"):
                start = m.end("det") + (len(text[m.end("det"):]) - len(text[m.end("det"):].lstrip()))
            while end > start and text[end - 1] in " ,":
                end -= 1
            if start >= end or any(s < end and start < e for s, e in claimed):
                continue
            claimed.append((start, end))
            found.append((start, end, name, m, build))
    found.sort(key=lambda f: f[0])
    if ctx.published is None:
        # 'killed ... on Sunday, officials said on Monday, March 4, 2024': the day the
        # sentence is reported on anchors its weekdays, wherever it stands
        for start, end, name, m, build in found:
            if _role(name, text, start, end) == "report" and name not in _RELATIVE:
                told = build(m, ctx, ctx.previous)
                if told is not None and told.precision == "day":
                    ctx = DateContext(ctx.year, ctx.year_range, ctx.previous, told)
                    break

    mentions: list[DateMention] = []
    prev = ctx.previous
    for start, end, name, m, build in found:
        role = _role(name, text, start, end)
        for value, s, e in _split_and(name, m, start, end, build, ctx, prev):
            if value is None or int(value.value[:4]) > MAX_YEAR:
                continue
            mentions.append(DateMention(text[s:e], offset + s, offset + e, value, role))
            if role == "report" and ctx.published is None and value.precision == "day" and \
                    _is_dateline(name, text, start, end):
                # "NIAMEY, 14 March 2021 — ... on Saturday": the weekday counts back from it
                ctx = DateContext(ctx.year, ctx.year_range, ctx.previous, value)
            # a year one only bounds ("since 2012") must not lend its year to the next date
            if role in ("event", "report") or (role == "reference" and value.precision != "year"):
                prev = value
    return _mark_anchored(text, offset, _mark_reports(text, offset, mentions))


def published_date(doc_text: str, lines: int = 6, chars: int = 800) -> DateValue | None:
    """The report date of a news-style document, or None.

    Read from its first non-empty `lines` (within `chars` characters): a
    dateline ("NIAMEY, 14 March 2021 —", "(Reuters) 14/03/2021 -"), a byline
    date ("Published 14 March 2021", "Updated: March 14, 2021") or a line that
    is only a date ("Sunday, 14 March 2021"). A dateline without a year takes
    the latest year the document names. Day precision only: a weekday
    or "yesterday" needs a day to count back from. Reason "published".
    """
    seen = 0
    # wire datelines often give no year ("NIAMEY, Dec 12 (Reuters) -"): take the latest
    # year the report names; with none, such a dateline gives no date
    years = [int(y) for y in _ANY_YEAR.findall(doc_text) if int(y) <= date.today().year]
    ctx = DateContext(year=max(years)) if years else DateContext()
    for line in doc_text[:chars].splitlines():
        if not line.strip():
            continue
        seen += 1
        if seen > lines:
            break
        if line.lstrip().startswith(("-", "=", "*", "|")):
            continue  # list items and headings: an infobox's "- Date:" is not the report's date
        for dm in find_dates(line, 0, ctx):
            if dm.role == "report" and dm.value.precision == "day" and _is_dateline(
                    _pattern_of(dm.text), line, dm.start, dm.end):
                return DateValue(dm.value.value, "day", None, "published")
    return None


_ANY_YEAR = _c(r"(?<![\d,.])((?:19|20)\d\d)(?!\d|,\d)")


def _pattern_of(expr: str) -> str:
    """The name of the first pattern that reads all of `expr`."""
    for name, regex, _ in PATTERNS:
        m = regex.fullmatch(expr)
        if m:
            return name
    return ""


_AND = _c(r"\band\b")


_DAY_RANGES = ("day-range", "day-range-us", "day-range-months", "day-range-months-us")


def _split_and(name, m, start, end, build, ctx, prev):
    """"3 and 10 March", "3 May and 9 May" are two days; "3 and 4 March" (two days
    in a row) and "between 3 and 10 March" a range; else one value."""
    value = build(m, ctx, prev)
    if name not in _DAY_RANGES or _g(m, "pre") or value is None or value.precision != "range":
        return [(value, start, end)]
    tail = min(m.start(k) for k in ("d2", "m2", "y2") if _g(m, k))
    head = max(m.end(k) for k in ("d1", "m1", "y1") if _g(m, k) and m.end(k) <= tail)
    if not _AND.search(m.string[head:tail]):
        return [(value, start, end)]
    if date.fromisoformat(value.end) - date.fromisoformat(value.value) == timedelta(days=1):
        return [(value, start, end)]
    first = DateValue(value.value, "day", None, value.reason)
    last = DateValue(value.end, "day", None, value.reason)
    return [(first, start, head), (last, tail, end)]


_ANCHOR_RIGHT = _c(r"^\s+(?![,.;:])\S")
_WEEKDAY_WORD = _c(r"(?i:\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)")


def _mark_anchored(text: str, offset: int, mentions: list[DateMention]) -> list[DateMention]:
    """"On 14 February, about a day after the soldiers left, gunmen attacked":
    a count of days from another happening ("a day after X") only places that
    happening when the sentence already dates its event explicitly."""
    out = list(mentions)
    for i, dm in enumerate(mentions):
        if dm.role != "event" or not dm.value.reason.startswith("relative"):
            continue
        if not dm.text.lower().endswith(("after", "before")) or not _ANCHOR_RIGHT.match(text[dm.end - offset:]):
            continue
        if any(o.role == "event" and (not o.value.reason.startswith(("relative", "published")) or
                                      _WEEKDAY_WORD.search(o.text)) for o in mentions[:i]):
            # 'On Monday, a day before the assault': the weekday dates the event already
            out[i] = DateMention(dm.text, dm.start, dm.end, dm.value, "reference")
    return out


def _mark_reports(text: str, offset: int, mentions: list[DateMention]) -> list[DateMention]:
    """A date heading a reporting verb ("On 5 May, officials said that ...")
    is the report date when the sentence also dates what was reported."""
    out = list(mentions)
    for i, dm in enumerate(mentions):
        if dm.role != "event":
            continue
        # the reported date is at least a month precise and not after the report
        later = any(
            o.role == "event" and o.value.precision != "year" and o.value.value <= dm.value.value
            for o in mentions[i + 1:]
        )
        if later and _REPORT_RIGHT.match(text[dm.end - offset:dm.end - offset + 80]):
            out[i] = DateMention(dm.text, dm.start, dm.end, dm.value, "report")
    return out


_HEADING_YEAR = _c(rf"{_L}{_y('y')}")
_HEADING_OPEN = _c(r"(?i:[-–—]\s*(?:present|today|now|ongoing)\b)")


def heading_context(heading: str) -> tuple[int | None, tuple[int, int] | None]:
    """(year, (first, last)) a section heading puts in force.

    "2020 coup" → (2020, (2020, 2020)); "Tuareg rebellion (January–April
    2012)" → (2012, (2012, 2012)); "Insurgency (2013–2023)" → (None, (2013,
    2023)): several years, so no single year is in force; "…(August
    2022–present)" → (None, (2022, <this year>)); no year → (None, None).
    """
    years = [int(m["y"]) for m in _HEADING_YEAR.finditer(heading)]
    if not years:
        return None, None
    lo, hi = min(years), max(years)
    if _HEADING_OPEN.search(heading):
        hi = max(hi, date.today().year)
    if lo == hi:
        return lo, (lo, hi)
    return None, (lo, hi)


# -- the date of the event a sentence reports --------------------------------

_PRECISION_RANK = {"year": 0, "month": 1, "range": 2, "day": 3}


def _within(inner: DateValue, outer: DateValue) -> bool:
    return inner.value.startswith(outer.value)


def _explicit(mentions: list[DateMention], ctx: DateContext) -> DateValue | None:
    """The first explicit event date, refined by a later, more precise date
    inside it ("In January 2013 … on 11 January")."""
    best = None
    for dm in mentions:
        if dm.role != "event" or dm.value.reason.startswith(("relative", "published")):
            continue
        if best is None:
            best = dm.value
        elif _PRECISION_RANK[dm.value.precision] > _PRECISION_RANK[best.precision] and _within(dm.value, best):
            best = dm.value
    return best


def _relative(mentions: list[DateMention], ctx: DateContext) -> DateValue | None:
    for dm in mentions:
        if dm.role == "event":
            return dm.value
    return None


def _report(mentions: list[DateMention], ctx: DateContext) -> DateValue | None:
    for dm in mentions:
        if dm.role == "report":
            return dm.value
    return None


def _section(mentions: list[DateMention], ctx: DateContext) -> DateValue | None:
    if ctx.year is not None:
        return DateValue(str(ctx.year), "year", None, "section")
    return None


def _previous(mentions: list[DateMention], ctx: DateContext) -> DateValue | None:
    """The last date read, for a sentence that continues its story. Not in the
    default cascade: pass it in `strategies` for texts told strictly in order."""
    if ctx.previous is None:
        return None
    p = ctx.previous
    return DateValue(p.value, p.precision, p.end, "previous")


EVENT_DATE_STRATEGIES: tuple[tuple[str, Callable[[list[DateMention], DateContext], DateValue | None]], ...] = (
    ("explicit", _explicit),
    ("relative", _relative),
    ("report", _report),
    ("section", _section),
)
# Every strategy event_date knows, for callers that choose their own order.
EVENT_DATE_STRATEGY_BY_NAME = dict(EVENT_DATE_STRATEGIES) | {"previous": _previous}


def event_date(
    text: str,
    offset: int,
    ctx: DateContext,
    strategies: tuple[tuple[str, Callable[[list[DateMention], DateContext], DateValue | None]], ...] = EVENT_DATE_STRATEGIES,
) -> DateValue | None:
    """The date of the event `text` (one sentence) reports, or None.

    Explicit event dates first (attributive years, "since 2012", birth dates
    and report dates are not event dates), then a date relative to
    `ctx.previous` ("the next day"), then the report date, then the
    section's year at year precision (reason "section").
    """
    mentions = find_dates(text, offset, ctx)
    for _name, strategy in strategies:
        value = strategy(mentions, ctx)
        if value is not None:
            return value
    return None
