"""TEMPORARY stand-ins for nlp/dates.py, nlp/quantities.py and geo/ until those
branches are merged (delete this file then). Same signatures, fewer cases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bellum.model import Count, DateValue, PlaceMention, Span

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split(), 1)}
MON = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
WORDNUM = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
WORDNUM.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
                "a dozen": 12, "dozen": 12, "half a dozen": 6})


@dataclass
class DateContext:
    year: int | None = None
    year_range: tuple[int, int] | None = None
    previous: DateValue | None = None
    published: DateValue | None = None


@dataclass(frozen=True)
class DateMention:
    value: DateValue
    span: Span
    text: str


def heading_context(heading: str):
    ys = [int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", heading)]
    if not ys:
        return None, None
    return ys[0], (min(ys), max(ys))


def _iso(y, m=None, d=None):
    if d:
        return f"{y:04d}-{m:02d}-{d:02d}"
    if m:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}"


def _year_for(month, ctx):
    if ctx.previous is not None:
        return ctx.previous.year
    return ctx.year


PATTERNS = [
    ("range_mon", re.compile(rf"\b(\d{{1,2}})\s*(?:–|-|to|and)\s*(\d{{1,2}})\s+{MON}(?:,?\s+(\d{{4}}))?")),
    ("night", re.compile(rf"\bnight of (\d{{1,2}}) (?:to|and|–) (\d{{1,2}}) {MON}(?:,?\s+(\d{{4}}))?")),
    ("dmy", re.compile(rf"\b(\d{{1,2}})\s+{MON}(?:,?\s+(\d{{4}}))?")),
    ("mdy", re.compile(rf"\b{MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*(\d{{4}}))?\b")),
    ("part_my", re.compile(rf"\b(early|mid|late|end of|beginning of|mid-)[\s-]*{MON}(?:\s+(\d{{4}}))?")),
    ("my", re.compile(rf"\b{MON}(?:\s+(?:of\s+)?(\d{{4}}))?\b")),
    ("part_y", re.compile(r"\b(early|mid|late|end of|beginning of)[\s-]*(\d{4})\b")),
    ("y", re.compile(r"\b(?:in|since|by|during|of)\s+(\d{4})\b")),
    ("rel", re.compile(r"\b(the next day|the following day|next morning|the next morning|the following morning|the same day|that day|the day after|(two|three|four|five|\d+) days later|a week later|hours later)\b", re.I)),
]


def find_dates(text: str, offset: int, ctx: DateContext) -> list[DateMention]:
    out = []
    taken = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            v = _value(kind, m, ctx)
            if v is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(DateMention(v, Span("", offset + m.start(), offset + m.end()), m.group(0)))
    out.sort(key=lambda d: d.span.start)
    return out


def _value(kind, m, ctx):
    g = m.groups()
    try:
        if kind in ("range_mon", "night"):
            d1, d2, mon, y = int(g[0]), int(g[1]), MONTHS[g[2].lower()], g[3]
            y = int(y) if y else _year_for(mon, ctx)
            if not y:
                return None
            return DateValue(_iso(y, mon, d1), "range", _iso(y, mon, d2), "explicit")
        if kind == "dmy":
            d, mon, y = int(g[0]), MONTHS[g[1].lower()], g[2]
            y = int(y) if y else _year_for(mon, ctx)
            if not y or not 1 <= d <= 31:
                return None
            return DateValue(_iso(y, mon, d), "day", None, "explicit" if g[2] else "context-year")
        if kind == "mdy":
            mon, d, y = MONTHS[g[0].lower()], int(g[1]), g[2]
            y = int(y) if y else _year_for(mon, ctx)
            if not y or not 1 <= d <= 31:
                return None
            return DateValue(_iso(y, mon, d), "day", None, "explicit")
        if kind in ("part_my", "my"):
            mon = MONTHS[g[-2].lower()]
            y = g[-1]
            if kind == "my" and not y and g[0] == "May":
                pass
            y = int(y) if y else _year_for(mon, ctx)
            if not y:
                return None
            return DateValue(_iso(y, mon), "month", None, "explicit")
        if kind == "part_y":
            return DateValue(_iso(int(g[1])), "year", None, "explicit")
        if kind == "y":
            return DateValue(_iso(int(g[0])), "year", None, "explicit")
        if kind == "rel":
            p = ctx.previous
            if p is None or p.precision not in ("day", "range"):
                return None
            base = date.fromisoformat((p.end or p.value) if p.precision == "range" else p.value)
            t = g[0].lower()
            if "same day" in t or "that day" in t or "hours later" in t:
                delta = 0
            elif "week" in t:
                delta = 7
            elif "days later" in t:
                n = g[1].lower()
                delta = WORDNUM.get(n) or int(n)
            else:
                delta = 1
            nd = base + timedelta(days=delta)
            return DateValue(nd.isoformat(), "day", None, "relative")
    except (ValueError, KeyError, TypeError):
        return None
    return None


def event_date(text, offset, ctx):
    ds = find_dates(text, offset, ctx)
    return ds[0].value if ds else None


# ---- counts -------------------------------------------------------------------
NUM = r"(\d[\d,]*|" + "|".join(sorted(WORDNUM, key=len, reverse=True)) + r")"
KILL = r"(killed|dead|died|deaths|killing|bodies|casualties|lost their lives|executed|massacred|slain)"
_COUNT = re.compile(
    rf"(?:(at least|more than|over|nearly|about|around|some|up to|approximately|an estimated|almost)\s+)?"
    rf"(?:between\s+)?{NUM}(?:\s*(?:–|-|to|and)\s*{NUM})?(\+)?\s+(?:[\w\-]+\s+){{0,4}}?"
    rf"(?:(?:were|was|have been|had been)\s+)?{KILL}", re.I)
_KILLING = re.compile(rf"\b(?:killing|killed|kill)\s+(?:(at least|more than|over|nearly|about|around|some|up to|approximately|almost)\s+)?{NUM}(?:\s*(?:–|-|to)\s*{NUM})?", re.I)
_DOZENS = re.compile(r"\b(dozens|scores|hundreds)\s+of\s+[\w\s]{0,30}?\b(killed|dead|deaths)|\b(?:killing|killed)\s+(dozens|scores|hundreds)", re.I)


def _num(s):
    if s is None:
        return None
    s = s.lower().replace(",", "")
    if s.isdigit():
        return int(s)
    return WORDNUM.get(s)


def find_counts(text, offset):
    out = []
    for rx in (_COUNT, _KILLING):
        for m in rx.finditer(text):
            hedge, a, b = m.group(1), _num(m.group(2)), _num(m.group(3))
            if a is None or (a > 1900 and a < 2100):
                continue
            lo = hi = None
            best = a
            if b is not None:
                lo, hi, best = a, b, a
            elif hedge:
                h = hedge.lower()
                if h in ("at least", "more than", "over", "an estimated", "some"):
                    lo = a
                elif h in ("nearly", "up to", "almost"):
                    hi = a
            out.append(Count("killed", best, lo, hi,
                             Span("", offset + m.start(), offset + m.end()), "fallback"))
    for m in _DOZENS.finditer(text):
        w = (m.group(1) or m.group(3)).lower()
        lo = {"dozens": 24, "scores": 40, "hundreds": 200}[w]
        out.append(Count("killed", None, lo, None, Span("", offset + m.start(), offset + m.end()),
                         "fallback"))
    seen = set()
    res = []
    for c in sorted(out, key=lambda c: c.span.start):
        if any(c.span.start < e and s < c.span.end for s, e in seen):
            continue
        seen.add((c.span.start, c.span.end))
        res.append(c)
    return res


def fatalities(counts):
    ks = [c for c in counts if c.kind == "killed"]
    if not ks:
        return None, None, None
    best = sum(c.best or c.low or 0 for c in ks) or None
    low = sum(c.low for c in ks if c.low) or None
    high = sum(c.high for c in ks if c.high) or None
    if len(ks) > 1:
        low = high = None
    return best, low, high


# ---- places -------------------------------------------------------------------
_PLACE = re.compile(r"\b(?:in|at|near|outside|of|from|around|into|toward|towards|to|on)\s+(?:the\s+)?"
                    r"((?:town|city|village|commune|region|camp|base|airport)\s+of\s+)?"
                    r"([A-Z][\w’'\-é]+(?:[ \-][A-Z][\w’'\-é]+){0,2})")


def find_place_mentions(text, offset):
    out = []
    for m in _PLACE.finditer(text):
        name = m.group(2)
        out.append(PlaceMention(name, Span("", offset + m.start(2), offset + m.end(2)),
                                near=m.group(0).lower().startswith(("near", "outside", "around"))))
    return out
