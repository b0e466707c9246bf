"""Who held each place when: control timelines from capture events.

Input: events whose `control_change` is {"place", "to", "from"}. Per place,
the changes are put in time order (a coarse date such as "2012" that
contains a finer one keeps the order in which the text tells them), then
walked: each change closes the current holder's span and opens one for
`to`. Rules, each recorded in the span's `reason`:

- the `from` side of the first recorded change held the place before it:
  an *inferred* span with no start;
- a change naming a `from` other than the current holder is a conflicting
  report: the current holder's span and an inferred span for `from` are
  kept side by side, both ending at the change;
- the same holder reported taking the place again adds its passages to the
  open span instead of opening a new one;
- a coarse date that can only lie after the previous change becomes a range
  starting at that change (reason says so), so spans never run backwards.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

from bellum.geo.fold import fold as geo_fold
from bellum.model import ControlSpan, DateValue, Event

__all__ = ["control_timelines", "date_bounds", "point_of", "fold", "same_place", "place_keys"]


def fold(name: str) -> str:
    """Case-, accent- and article-insensitive key of a name (geo's fold, less a leading 'the')."""
    return re.sub(r"^the ", "", geo_fold(name or ""))


def same_place(a: str, b: str) -> bool:
    """Whether two place names denote the same place (geo's gazetteer when present)."""
    if fold(a) == fold(b):
        return True
    try:  # the gazetteer knows variants such as Timbuktu/Tombouctou
        from bellum.geo.geocode import same_place as geo_same
    except ImportError:
        return False
    try:
        return bool(geo_same(a, b))
    except Exception:  # a gazetteer problem must not break the timeline
        return False


@lru_cache(maxsize=65536)
def place_keys(name: str) -> tuple[str, ...]:
    """Keys under which two names are the same place: the folded name, its
    transliteration skeleton, and the gazetteer entry it resolves to exactly
    (what geo.same_place compares), so grouping costs one lookup per name."""
    keys = ["name:" + fold(name)]
    try:
        from bellum.geo.fold import skeleton
        from bellum.geo.gazetteer import Gazetteer
    except ImportError:
        return tuple(keys)
    try:
        keys.append("skel:" + skeleton(name))
        c = Gazetteer.default().search(name, limit=1)
        if c and c[0].match != "fuzzy":
            keys.append(f"geo:{c[0].geonameid}")
    except Exception:  # a gazetteer problem must not break the timeline
        pass
    return tuple(keys)


def date_bounds(value: str | None, precision: str | None = None,
                end: str | None = None) -> tuple[date, date] | None:
    """First and last day an ISO date at some precision can denote."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    y = int(m.group(1))
    if m.group(3):
        lo = date(y, int(m.group(2)), int(m.group(3)))
        hi = lo
    elif m.group(2):
        mo = int(m.group(2))
        lo, hi = date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    else:
        lo, hi = date(y, 1, 1), date(y, 12, 31)
    if end:
        eb = date_bounds(end)
        if eb:
            hi = max(hi, eb[1])
    return lo, hi


def point_of(value: str, name: str = "date") -> date:
    """The day a query date stands for: the middle of a month or year.

    The date is checked by bellum.filters.parse_date (YYYY, YYYY-MM or
    YYYY-MM-DD, a real calendar day, ASCII digits): InvalidArgument naming
    `name` otherwise."""
    from bellum.filters import parse_date

    lo, hi = parse_date(name, value), parse_date(name, value, end=True)
    return lo + (hi - lo) // 2


def _bounds(d: DateValue | None) -> tuple[date, date] | None:
    return date_bounds(d.value, d.precision, d.end) if d else None


def _text_pos(e: Event) -> tuple:
    s = min(e.sources) if e.sources else None
    return (s.doc, s.start) if s else ("", 0)


def _ordered(changes: list[Event]) -> list[Event]:
    """Time order; where one date contains another, the text's order."""
    out: list[Event] = []
    for e in sorted(changes, key=_text_pos):
        b = _bounds(e.date)
        pos = len(out)
        if b:
            for i, f in enumerate(out):
                fb = _bounds(f.date)
                if fb and fb[0] > b[1]:  # f is certainly later than e
                    pos = i
                    break
        out.insert(pos, e)
    return out


def _clamped(d: DateValue, after: date | None) -> DateValue:
    """`d` narrowed to start no earlier than the previous change."""
    b = _bounds(d)
    if not b or after is None or b[0] >= after or b[1] < after:
        return d
    return DateValue(after.isoformat(), "range", b[1].isoformat(),
                     reason=f"{d.value} ({d.precision}), after the previous recorded change")


def control_timelines(events: list[Event]) -> list[ControlSpan]:
    """Control spans of every place any event changes hands."""
    group_of: dict[str, int] = {}  # place key -> group index
    groups: list[list[Event]] = []
    for e in events:
        cc = e.control_change or {}
        if not cc.get("place") or not cc.get("to"):
            continue
        keys = place_keys(cc["place"])
        hit = next((group_of[k] for k in keys if k in group_of), None)
        if hit is None:
            hit = len(groups)
            groups.append([])
        groups[hit].append(e)
        for k in keys:
            group_of.setdefault(k, hit)
    spans: list[ControlSpan] = []
    for evs in groups:
        spans.extend(_timeline(_display_name(evs), _ordered(evs)))
    return spans


def _display_name(evs: list[Event]) -> str:
    names = [e.control_change["place"] for e in evs]
    return max(names, key=lambda n: (names.count(n), -names.index(n)))


def _timeline(place: str, changes: list[Event]) -> list[ControlSpan]:
    out: list[ControlSpan] = []
    current: ControlSpan | None = None
    last: date | None = None
    for e in changes:
        cc = e.control_change
        to, frm = cc["to"], cc.get("from")
        when = _clamped(e.date, last)
        b = _bounds(when)
        if b:
            last = b[0]
        if current is None:
            if frm and frm != to:
                out.append(ControlSpan(place, frm, None, when, inferred=True, basis="inferred",
                                       sources=list(e.sources),
                                       reason=f"held before the first recorded change ({e.id})"))
        elif current.actor == to:
            current.sources.extend(s for s in e.sources if s not in current.sources)
            current.reason += f"; taking reported again ({e.id}, {e.date.value})"
            continue
        else:
            current.until = when
            if frm and frm != current.actor:
                current.reason += f"; ends at {e.id}, which names {frm} as the holder"
                out.append(ControlSpan(place, frm, current.since, when, inferred=True,
                                       basis="inferred", sources=list(e.sources),
                                       reason=f"conflicting report: {e.id} says {frm} lost it; "
                                              "when it took the place is not reported"))
        current = ControlSpan(place, to, when, None, inferred=False, basis="reported",
                              sources=list(e.sources), reason=f"taken in {e.id}")
        out.append(current)
    return out
