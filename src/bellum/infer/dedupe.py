"""The same occurrence told twice (lead and body, two documents) becomes one event
with all its passages.

Two events are the same occurrence when they have the same event type, compatible
dates (the same day, or one date inside the other's month/year/range), the same
place or at most one place, and agreeing actors (same actor1, or actor sets that
share an actor while neither contradicts the other's place). Events are bucketed
by (event type, year) so the comparison stays linear in practice.
"""

from __future__ import annotations

from bellum.geo.fold import fold
from bellum.model import DateValue, Event

COARSE = {"year": 0, "month": 1, "range": 2, "day": 3}


def _bounds(d: DateValue) -> tuple[str, str]:
    if d.precision == "range" and d.end:
        return d.value, d.end
    if d.precision == "day":
        return d.value, d.value
    if d.precision == "month":
        return d.value + "-01", d.value + "-31"
    return d.value + "-01-01", d.value + "-12-31"


def dates_compatible(a: DateValue, b: DateValue) -> bool:
    """Same day, or the finer date lies inside the coarser one."""
    a0, a1 = _bounds(a)
    b0, b1 = _bounds(b)
    if a.precision in ("day", "range") and b.precision in ("day", "range"):
        return a0 <= b1 and b0 <= a1
    return a0 <= b1 and b0 <= a1


def same_occurrence(a: Event, b: Event) -> bool:
    if a.event_type != b.event_type or a.doc != b.doc and not (a.location and b.location):
        return False
    if not dates_compatible(a.date, b.date):
        return False
    la, lb = fold(a.location or ""), fold(b.location or "")
    if la and lb and la != lb:
        return False
    coarse = min(COARSE[a.date.precision], COARSE[b.date.precision]) < 2
    actors_a = {x for x in (a.actor1, a.actor2) if x}
    actors_b = {x for x in (b.actor1, b.actor2) if x}
    same_a1 = a.actor1 is not None and a.actor1 == b.actor1
    if a.actor2 and b.actor2 and a.actor2 != b.actor2 and a.actor1 == b.actor1 and not (la and lb):
        return False
    if a.sub_event_type != b.sub_event_type and not (la and lb and la == lb and same_a1):
        return False
    if la and lb:  # same place, same day
        return (not coarse or same_a1) and (not actors_a or not actors_b or bool(actors_a & actors_b))
    if coarse:
        return same_a1 and a.actor2 == b.actor2 and not (la or lb)
    # same day, at most one place: the same attacker, or no attacker and the same target
    return same_a1 or (a.actor1 is None and b.actor1 is None and bool(actors_a)
                       and actors_a == actors_b)


def merge(a: Event, b: Event) -> Event:
    """`a` absorbs `b`: all passages; the more precise date; missing fields filled."""
    for s in b.sources:
        if s not in a.sources:
            a.sources.append(s)
    a.sources.sort(key=lambda s: (s.doc, s.start))
    if COARSE[b.date.precision] > COARSE[a.date.precision]:
        a.date = b.date
        a.reasons["date"] = b.reasons.get("date", "") + " (from a passage of the same event)"
    if a.actor1 is None and b.actor1 is not None and b.actor1 == a.actor2 and \
            a.reasons.get("actor2", "").startswith("inferred"):
        # a's target was only a guess; b names this actor as the one acting
        a.actor2, a.inter2 = b.actor2, b.inter2
        a.reasons.pop("actor2", None)
    for f in ("actor1", "actor2", "location", "place", "country", "control_change",
              "relation_change"):
        if f in ("actor1", "actor2") and getattr(b, f) in (a.actor1, a.actor2):
            continue  # one side already: never the same actor on both sides
        if getattr(a, f) is None and getattr(b, f) is not None:
            setattr(a, f, getattr(b, f))
            if f in b.reasons:
                a.reasons[f] = b.reasons[f] + " (from a passage of the same event)"
    if a.inter1 is None and a.actor1 == b.actor1:
        a.inter1 = b.inter1
    if a.inter2 is None and a.actor2 == b.actor2:
        a.inter2 = b.inter2
    if a.fatalities is None and a.fatalities_low is None and (
            b.fatalities is not None or b.fatalities_low is not None):
        a.fatalities, a.fatalities_low, a.fatalities_high = (
            b.fatalities, b.fatalities_low, b.fatalities_high)
        a.reasons["fatalities"] = b.reasons.get("fatalities", "") + " (other passage)"
    for x in b.assoc_actor_1:
        if x not in a.assoc_actor_1 and x not in (a.actor1, a.actor2):
            a.assoc_actor_1.append(x)
    for x in b.assoc_actor_2:
        if x not in a.assoc_actor_2 and x not in (a.actor1, a.actor2, *a.assoc_actor_1):
            a.assoc_actor_2.append(x)
    a.confidence = round(min(1.0, max(a.confidence, b.confidence) + 0.05), 2)
    return a


def dedupe(events: list[Event]) -> list[Event]:
    """Merge events that report the same occurrence; order of first report kept."""
    buckets: dict[tuple[str, int], list[Event]] = {}
    out: list[Event] = []
    for e in sorted(events, key=lambda e: (e.doc, min((s.start for s in e.sources), default=0))):
        key = (e.event_type, e.date.year)
        bucket = buckets.setdefault(key, [])
        target = None
        for cand in reversed(bucket):
            if same_occurrence(cand, e):
                target = cand
                break
        if target is not None:
            merge(target, e)
            continue
        bucket.append(e)
        out.append(e)
    return out
