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


def _state_of(name: str | None) -> str | None:
    """'Military Forces of France' -> 'france': the country a state actor belongs to."""
    m = re.match(r"^(?:Military|Police|Government|Forces)\b.*?\bof\s+(?:the\s+)?(.+)$", name or "")
    return m.group(1).strip().lower() if m else None


def _foreign(e: Event) -> bool:
    """Whether actor1 is a force from outside the event's country: ACLED's external
    forces (inter 8: foreign armies, international missions, foreign contractors) or
    the state forces of another country."""
    if not e.actor1:
        return False
    st = _state_of(e.actor1)
    if st is not None and e.country:
        return st != e.country.strip().lower()
    return e.inter1 == 8


def _ending(e: Event) -> tuple[str, str, str] | None:
    """(holder, scope, where) when `e` reports a force leaving: scope 'place' (a town
    or base, `where` its name), 'region' (`where` the admin1) or 'country'.

    Typed fields only: a control change that names who lost the place and nobody who
    took it, or a relation change of kind 'withdrawal' whose actor1 leaves. A whole
    country is left only by a force from outside it (an army does not leave its own
    country; a local group that 'retreated' says nowhere where from)."""
    cc, rc = e.control_change or {}, e.relation_change or {}
    p = e.place
    region = bool(p is not None and p.geo_precision == 3 and p.admin1)
    if cc.get("place") and cc.get("from") and not cc.get("to"):
        if region:
            return cc["from"], "region", p.admin1
        return cc["from"], "place", cc["place"]
    if rc.get("kind") != "withdrawal" or not e.actor1 or cc.get("to"):
        return None
    if e.location and not region:
        return e.actor1, "place", e.location
    if region:
        return e.actor1, "region", p.admin1
    if not e.location and e.country and _foreign(e):
        return e.actor1, "country", e.country
    return None


def _host_forces(e: Event) -> tuple[str, bool] | None:
    """(the host state's forces, whether the passage names them) when a foreign force
    leaves: a foreign army or mission hands its bases and towns over to the host
    state ('handed over the base to the Malian army'; 'French troops had fully
    withdrawn from Mali'), an inferred holding unless a later change says otherwise."""
    if not e.country or not _foreign(e):
        return None
    host = f"Military Forces of {e.country}"
    names = (e.relation_change or {}).get("actors") or []
    return host, host in names or e.actor2 == host


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
    # where each place lies (for withdrawals from a region or a country)
    where: list[tuple[str | None, str | None]] = []
    for evs in groups:
        c = next((e.place.country or e.country for e in evs if e.place is not None), None)
        a = next((e.place.admin1 for e in evs if e.place is not None and e.place.admin1), None)
        where.append((c or next((e.country for e in evs if e.country), None), a))
    endings: list[list[Event]] = [[] for _ in groups]
    for e in events:
        end = _ending(e)
        if end is None:
            continue
        holder, scope, at = end
        if scope == "place":
            hits = {group_of[k] for k in place_keys(at) if k in group_of}
        else:
            hits = {g for g, (c, a) in enumerate(where)
                    if (scope == "country" and c and fold(c) == fold(at))
                    or (scope == "region" and a and fold(a) == fold(at))}
        for g in hits:
            if any(x.control_change["to"] == holder for x in groups[g]):
                endings[g].append(e)
    confirmations = _confirmations(events, group_of)
    spans: list[ControlSpan] = []
    for g, evs in enumerate(groups):
        tl = _timeline(_display_name(evs), _ordered(evs + endings[g]))
        _confirm(tl, confirmations.get(g, []))
        spans.extend(tl)
    return spans


def _confirmations(events: list[Event], group_of: dict[str, int]) -> dict[int, list[tuple[Event, set]]]:
    """Per place group, the events placed there with the actors they show there."""
    out: dict[int, list[tuple[Event, set]]] = {}
    for e in events:
        if not e.location or (e.place is not None and e.place.geo_precision == 3):
            continue
        g = next((group_of[k] for k in place_keys(e.location) if k in group_of), None)
        if g is None:
            continue
        who = {e.actor1, e.actor2, *(e.assoc_actor_1 or []), *(e.assoc_actor_2 or [])} - {None}
        cc = e.control_change or {}
        who.discard(cc.get("from"))  # losing a place confirms no holding after it
        if who:
            out.setdefault(g, []).append((e, who))
    return out


def _confirm(spans: list[ControlSpan], seen: list[tuple[Event, set]]) -> None:
    """Each span's last confirmation: the latest event that shows its holder at the
    place while the span runs (its own opening and later takings count); a span
    inferred from the change that ends it (its start a bound, not a report) is
    confirmed by that change."""
    for s in spans:
        lo = _bounds(s.since)[0] if _bounds(s.since) else None
        hi = _bounds(s.until)[0] if _bounds(s.until) else None
        best = s.until if (s.inferred and s.until is not None) or s.since is None else s.since
        best_lo = _bounds(best)[0] if _bounds(best) else None
        for e, who in seen:
            b = _bounds(e.date)
            if s.actor not in who or not b:
                continue
            if (lo is not None and b[0] < lo) or (hi is not None and b[0] >= hi):
                continue
            if best_lo is None or b[0] > best_lo:
                best, best_lo = e.date, b[0]
        s.confirmed = best


def _display_name(evs: list[Event]) -> str:
    names = [e.control_change["place"] for e in evs]
    return max(names, key=lambda n: (names.count(n), -names.index(n)))


def _scope_text(e: Event) -> str:
    holder, scope, at = _ending(e)
    return {"place": f"left {at}", "region": f"left the {at} region",
            "country": f"left {at}"}[scope]


def _timeline(place: str, changes: list[Event]) -> list[ControlSpan]:
    out: list[ControlSpan] = []
    current: ControlSpan | None = None
    ended: tuple[str, DateValue] | None = None  # who left last, and when
    last: date | None = None
    for e in changes:
        cc = e.control_change or {}
        when = _clamped(e.date, last)
        b = _bounds(when)
        if b:
            last = b[0]
        if not cc.get("to"):  # a force leaving: ends its holding here, if it holds it
            holder = _ending(e)[0]
            if current is None or current.actor != holder:
                continue
            current.until = when
            current.end_sources.extend(s for s in e.sources if s not in current.end_sources)
            current.reason += f"; ends: {holder} {_scope_text(e)} ({e.id}, {e.date.value})"
            current, ended = None, (holder, when)
            handover = _host_forces(e)
            if handover and handover[0] != holder:
                host, named = handover
                why = (f"the passage names {host} with the leaving force" if named else
                       f"a foreign force leaving hands over to the host state's forces")
                current = ControlSpan(place, host, when, None, inferred=True, basis="inferred",
                                      sources=list(e.sources),
                                      reason=f"handed over by {holder} ({e.id}): {why}")
                out.append(current)
                ended = None
            continue
        to, frm = cc["to"], cc.get("from")
        if current is None:
            if ended is not None:
                if frm and frm != to and frm != ended[0]:
                    out.append(ControlSpan(place, frm, ended[1], when, inferred=True, basis="inferred",
                                           sources=list(e.sources),
                                           reason=f"held after {ended[0]} left, before {e.id}; "
                                                  "when it took the place is not reported"))
            elif frm and frm != to:
                out.append(ControlSpan(place, frm, None, when, inferred=True, basis="inferred",
                                       sources=list(e.sources),
                                       reason=f"held before the first recorded change ({e.id})"))
        elif current.actor == to:
            current.sources.extend(s for s in e.sources if s not in current.sources)
            current.reason += f"; taking reported again ({e.id}, {e.date.value})"
            continue
        else:
            current.until = when
            current.end_sources.extend(s for s in e.sources if s not in current.end_sources)
            if frm and frm != current.actor:
                current.reason += f"; ends at {e.id}, which names {frm} as the holder"
                out.append(ControlSpan(place, frm, current.since, when, inferred=True,
                                       basis="inferred", sources=list(e.sources),
                                       reason=f"conflicting report: {e.id} says {frm} lost it; "
                                              "when it took the place is not reported"))
            else:
                current.reason += f"; ends: taken by {to} ({e.id})"
        current = ControlSpan(place, to, when, None, inferred=False, basis="reported",
                              sources=list(e.sources), reason=f"taken in {e.id}")
        out.append(current)
    return out
