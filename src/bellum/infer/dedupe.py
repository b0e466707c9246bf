"""The same occurrence told twice (lead and body, two documents) becomes one event
with all its passages.

Inside one document `attach_passages(events, text, headline, lead)` joins a news
headline and lead to the body event telling the same occurrence, claims of
responsibility, later tolls and references ('The massacre came days after ...') to the
event they refer to, and `coup_steps(events)` the steps of a coup to the coup.
Across documents `dedupe(events)`:

Two events are the same occurrence when they have the same event type, compatible
dates (the same day, or one date inside the other's month/year/range), the same
place or at most one place, and agreeing actors (same actor1, or actor sets that
share an actor while neither contradicts the other's place). Events are bucketed
by (event type, year) so the comparison stays linear in practice.
"""

from __future__ import annotations

import re

from bellum.geo.fold import fold
from bellum.infer.coups import COUP_STEP_TYPES, is_coup
from bellum.model import DateValue, Event
from bellum.nlp.actors import is_category
from bellum.provenance import decide, forget, rule, take

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
    if a.sources == b.sources and a.sub_event_type != b.sub_event_type:
        return False  # 'killing 12 and kidnapping four': split from one sentence on purpose
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


def _borrowed_date(e: Event) -> bool:
    """A date the passage does not tell of its event: the day it was reported, the last
    date read, the section's year, another clause's."""
    return rule(e.provenance, "date") in ("report_date", "last_date_read", "section_year",
                                          "other_clause_date")


def merge(a: Event, b: Event) -> Event:
    """`a` absorbs `b`: all passages; the more precise date; missing fields filled."""
    for s in b.sources:
        if s not in a.sources:
            a.sources.append(s)
    a.sources.sort(key=lambda s: (s.doc, s.start))
    if COARSE[b.date.precision] > COARSE[a.date.precision] or (
            COARSE[b.date.precision] == COARSE[a.date.precision] and _borrowed_date(a)
            and not _borrowed_date(b)):
        # the more precise date; at equal precision, the one a passage tells of the event
        # ('on Sunday') over the day it was reported ('the government said on Monday')
        a.date = b.date
        take(a.reasons, a.provenance, "date", b.reasons, b.provenance,
             more=" (from a passage of the same event)", via="passage")
    if a.actor1 is None and b.actor1 is not None and b.actor1 == a.actor2 and \
            _inferred(a, "actor2"):
        # a's target was only a guess; b names this actor as the one acting
        a.actor2, a.inter2 = b.actor2, b.inter2
        forget(a.reasons, a.provenance, "actor2")
    for f in ("actor1", "actor2", "location", "place", "country", "control_change",
              "relation_change"):
        if f in ("actor1", "actor2") and getattr(b, f) in (a.actor1, a.actor2):
            continue  # one side already: never the same actor on both sides
        if getattr(a, f) is None and getattr(b, f) is not None:
            setattr(a, f, getattr(b, f))
            if f in b.reasons:
                take(a.reasons, a.provenance, f, b.reasons, b.provenance,
                     more=" (from a passage of the same event)", via="passage")
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
        if not e.date.known:  # nothing to compare: an undated event stays as it is
            out.append(e)
            continue
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


# ---- passages of one occurrence inside a document ---------------------------------
# A news headline and lead tell the occurrence the body then details; a claim of
# responsibility, a later toll or 'the massacre came days after...' refer to an
# occurrence already told. Each is a passage of that event, not an event of its own.

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}  # nlp/events.VIOLENT
# 'In a separate attack', 'Separately,': the writer says it is another occurrence
SEPARATE_RE = re.compile(r"(?i)\b(?:separate(?:ly)?|another|other|earlier|previous|last "
                         r"(?:week|month|year)|also)\b")
# 'Niger's Tahoua region', 'the Tillia area': a place that holds villages
REGION_RE = re.compile(r"(?i)\b(?:region|province|area|district|cercle|department)$")
# 'The militants then attacked Gao': a next deed, not the attack told before
NEXT_RE = re.compile(r"(?i)\b(?:then|later|again|also|next|another|second|afterwards|new)\b")
# characters back from a report to the last passage of the event it refers to
REPORT_WINDOW = {"claim": 4000, "toll": 2500, "reference": 2500, "anaphor": 2500}
# 'the attackers' of a sentence with no date of its own: those of an attack told before
ANAPHOR_RE = re.compile(r"(?i)(?:the|these|those) (?:attackers|assailants|gunmen|militants|"
                        r"fighters|raiders|insurgents|jihadists)")


def _unnamed(actor: str | None) -> bool:
    return actor is None or is_category(actor, "unidentified")


def _family(a: Event, b: Event) -> bool:
    return a.event_type == b.event_type or (a.event_type in VIOLENT and b.event_type in VIOLENT)


def _broad(e: Event) -> bool:
    """Located only by a region or a part of the country."""
    p = e.place
    return p is not None and (p.scope == "country_part" or
                              (p.feature_code or "").startswith("ADM") or
                              bool(REGION_RE.search(e.location or "")))



def _places_agree(a: Event, b: Event) -> bool:
    la, lb = fold(a.location or ""), fold(b.location or "")
    if not la or not lb or la == lb:
        return True
    for wide, narrow in ((a, b), (b, a)):
        # 'Niger's Tahoua region' and a village in it (or a village we cannot place)
        if wide.place is None or narrow.place is None or not _broad(wide) or _broad(narrow):
            continue
        if wide.place.scope == "country_part":
            if wide.place.country == narrow.place.country:
                return True
        elif narrow.place.admin1 is None or (wide.place.admin1 or "") == narrow.place.admin1 \
                or fold(narrow.place.admin1) in fold(wide.location):
            return True
    return False


def _actors_agree(a: Event, b: Event) -> bool:
    """Same attacker or one unnamed; the target the same, missing, or only guessed."""
    if not (_unnamed(a.actor1) or _unnamed(b.actor1) or a.actor1 == b.actor1):
        return False
    if a.actor1 and a.actor1 == b.actor2 or b.actor1 and b.actor1 == a.actor2:
        if not (_unnamed(a.actor1) and _unnamed(b.actor1)):
            return False  # sides swapped: an attack and its reply

    def guessed(e: Event) -> bool:
        p = e.provenance.get("actor2")
        return _inferred(e, "actor2") or p is not None and (
            p.key == "country_name" or p.rule == "first_after")
    return not a.actor2 or not b.actor2 or a.actor2 == b.actor2 or guessed(a) or guessed(b)


def _absorb(target: Event, e: Event, why: str, keep_date: bool = True) -> None:
    """`target` takes e's passages; a claimer names target's unnamed attacker."""
    foreign = rule(e.provenance, "report") == "reference" and "report_roles" not in e.provenance
    if _unnamed(e.actor1) or foreign or rule(e.provenance, "report") == "toll" and not _agent_told(e):
        # an unnamed attacker adds nothing; a reference's roles are its own sentence's
        e.actor1, e.inter1 = None, None
        if foreign:
            e.actor2, e.inter2 = None, None
    if _no_attacker(target) and e.actor1 is not None and e.actor1 != target.actor2:
        if not _unnamed(target.actor1) and target.actor1 != e.actor1:
            # 'Fifty soldiers were killed when militants stormed ...': the killed side is
            # the target of the attacker the claim names
            target.actor2, target.inter2 = target.actor1, target.inter1
            decide(target.reasons, target.provenance, "actor2", "killed_side_target", "document",
                   "the side killed, attacked by the claimer")
            if target.event_type == "Violence against civilians" and \
                    not is_category(target.actor2, "civilians"):
                target.event_type, target.sub_event_type = "Battles", "Armed clash"
        target.actor1, target.inter1 = e.actor1, e.inter1
        take(target.reasons, target.provenance, "actor1", e.reasons, e.provenance, more=f" ({why})")
    date, dreason, dprov = target.date, target.reasons.get("date"), target.provenance.get("date")
    if rule(e.provenance, "location") != "place_governed":
        e.location, e.place = None, None  # a place merely named by a report is not the event's
    merge(target, e)
    if keep_date:
        target.date = date
        if dreason is not None:
            target.reasons["date"] = dreason
            if dprov is not None:
                target.provenance["date"] = dprov
            else:
                target.provenance.pop("date", None)
    target.reasons["sources"] = why


def _before(event: DateValue, report: DateValue, days: int = 31) -> bool:
    """The event began no later than the report and at most `days` before it."""
    from datetime import date, timedelta

    e0, e1 = _bounds(event)
    r0, r1 = _bounds(report)
    if e0 > r1:
        return False
    try:
        return date.fromisoformat(e1[:8] + "28" if e1.endswith("-31") else e1) + \
            timedelta(days=days + 3) >= date.fromisoformat(r0)
    except ValueError:
        return True


def _inferred(e: Event, slot: str) -> bool:
    """A role no passage tells, inferred (who held the place before...)."""
    return rule(e.provenance, slot).startswith("inferred_")


def _trigger_words(e: Event) -> str:
    """The trigger's words, while the event's type is still the trigger's own."""
    p = e.provenance.get("event_type")
    return p.words if p is not None and p.rule == "trigger" else ""


def _no_agent_kill(e: Event) -> bool:
    return e.event_type in VIOLENT and rule(e.provenance, "actor1") in (
        "sides_killed_first", "sides_killed_second") or (
        e.actor1 is None and _trigger_words(e).startswith("kill"))


def victims_differ(a: Event, b: Event) -> bool:
    """One tells civilians killed, the other fighters: 'HRW found that 156 civilians were
    killed' is not the toll of the attack on an army post told before."""
    def kinds(e: Event) -> set[bool]:  # civilian or not, for each side killed or attacked
        sides = [] if _inferred(e, "actor2") else [e.actor2]
        if rule(e.provenance, "actor1") == "sides_killed_first":
            sides.append(e.actor1)  # 'Fifty soldiers and one civilian were killed'
        return {is_category(x, "civilians") for x in sides if x}
    ka, kb = kinds(a), kinds(b)
    return bool(ka and kb and not ka & kb)


def _no_attacker(e: Event) -> bool:
    """No one named as attacking: unnamed, or only the side that was killed."""
    return _unnamed(e.actor1) or rule(e.provenance, "actor1") == "sides_killed_first"


def _agent_told(e: Event) -> bool:
    """A named actor1 the parse reads as the one acting: not a speaker guessed by position
    ('The MSA said that 100 civilians had been killed') nor who died or was killed."""
    return not _unnamed(e.actor1) and rule(e.provenance, "actor1") not in (
        "nearest_before", "first_after", "sides_killed_first") and _trigger_words(e) != "died"


def _is_report(e: Event) -> bool:
    return bool(rule(e.provenance, "report"))


def attach_passages(events: list[Event], text: str, headline: tuple[int, int] | None,
                    lead: tuple[int, int] | None) -> list[Event]:
    """Headline and lead events merge into the body event telling the same occurrence;
    claims, later tolls and references ('the massacre came days after') join the event
    they refer to. Events of one document in text order."""
    def start(e: Event) -> int:
        return min(s.start for s in e.sources)

    def within(e: Event, span) -> bool:
        return span is not None and span[0] <= start(e) < span[1]

    def later_cue(e: Event) -> bool:
        return bool(SEPARATE_RE.search(text[start(e):e.sources[0].end]))

    events = sorted(events, key=start)
    gone: set[int] = set()
    # 0. '53 soldiers were killed when militants stormed a post in X': the deaths of the
    # storming, not a second event of the sentence
    for e in events:
        if id(e) in gone or not _no_agent_kill(e):
            continue
        for f in events:
            if f is e or id(f) in gone or f.sources[0] != e.sources[0] or _no_agent_kill(f):
                continue
            if _family(e, f) and fold(e.location or "") == fold(f.location or "") and (
                    dates_compatible(e.date, f.date) or  # or one dated only by the report
                    "report_date" in (rule(e.provenance, "date"), rule(f.provenance, "date"))):
                toll = (e.fatalities, e.fatalities_low, e.fatalities_high)
                e.actor1 = e.actor2 = None  # the dead of both sides, not actors
                _absorb(f, e, "deaths of the event the sentence tells")
                if f.fatalities is None and f.fatalities_low is None:
                    f.fatalities, f.fatalities_low, f.fatalities_high = toll
                gone.add(id(e))
                break
    # 1. headline and lead: into the first body event of the same occurrence
    for i, e in enumerate(events):
        top = within(e, headline) or within(e, lead)
        if not top or _is_report(e) and not within(e, headline):
            continue
        if id(e) in gone:
            continue
        for f in events[i + 1:]:
            if id(f) in gone or within(f, headline) or within(f, lead) and not within(e, headline):
                continue
            if _is_report(f) or not _family(e, f):
                continue
            if not (_before(f.date, e.date) if within(e, headline) else
                    dates_compatible(e.date, f.date)):
                continue  # a headline is dated by its publication, after the event
            if not _places_agree(e, f) or not _actors_agree(e, f) or later_cue(f):
                continue
            toll = (e.fatalities, e.fatalities_low, e.fatalities_high)
            _absorb(f, e, "headline/lead of the event the body tells", keep_date=False)
            if within(e, lead) and e.fatalities is not None and (
                    f.fatalities is None or e.fatalities < f.fatalities):
                # the lead's toll when the body tells none, else the conservative figure
                f.fatalities, f.fatalities_low, f.fatalities_high = toll
                f.reasons["fatalities"] = "toll of the lead"
            gone.add(id(e))
            break
    kept = [e for e in events if id(e) not in gone]
    # 2. claims, tolls and references: into the event told before (or after, in the lead)
    out: list[Event] = []

    def named(t: Event, place: str | None) -> bool:
        return bool(place) and any(fold(place) in fold(text[s.start:s.end]) for s in t.sources)

    led = {id(e) for e in kept if lead and any(lead[0] <= s.start < lead[1] for s in e.sources)}
    for n, e in enumerate(kept):
        p1 = e.provenance.get("actor1")
        if not _is_report(e) and p1 is not None and ANAPHOR_RE.fullmatch(p1.words) and \
                rule(e.provenance, "date") == "last_date_read" and e.location and \
                e.event_type in VIOLENT and not NEXT_RE.search(text[start(e):e.sources[0].end]):
            # 'the attackers at Tillia had come to collect a tax': the attack told on Tillia
            decide(e.reasons, e.provenance, "report", "anaphor", "document", "anaphor")
        if not _is_report(e):
            out.append(e)
            continue
        kind = rule(e.provenance, "report")
        # a report's place is where its speakers are, unless its trigger governs it
        own_place = kind == "anaphor" or \
            rule(e.provenance, "location") == "place_governed"
        where = e.location if own_place else None
        own_date = rule(e.provenance, "date") not in ("last_date_read", "section_year")
        # 'said on Monday that the assault had been cowardly': the day of the saying
        said_on = rule(e.provenance, "date") == "report_date"

        def fits(t: Event) -> bool:
            # a claim may tell what the attack took ('seized weapons at X')
            family = _family(t, e) or kind == "claim" and t.event_type in VIOLENT
            if _is_report(t) or not family:
                return False
            if not within(e, lead) and not within(e, headline) and \
                    start(e) - t.sources[-1].end > REPORT_WINDOW[kind]:
                return False  # too far back to be what the passage refers to
            if kind == "claim" and victims_differ(t, e):
                return False
            if kind == "toll" and _agent_told(e) and not _unnamed(t.actor1) and \
                    e.actor1 not in (t.actor1, t.actor2):
                return False  # 'the army said it killed 15': the army's own operation
            if kind == "reference" and e.event_type not in VIOLENT and (
                    e.sub_event_type != t.sub_event_type or is_coup(e) != is_coup(t)):
                return False  # 'after the coup': a coup
            if kind == "anaphor":
                return named(t, where) and _actors_agree(t, e)
            if where and not _places_agree(t, e) and not named(t, where):
                return False
            if own_date and (kind != "reference" or said_on) and not _before(t.date, e.date):
                return False  # 'no one claimed Sunday's massacre': Sunday's, not Monday's
            if not own_date and kind == "reference" and e.date.precision == "day" and \
                    t.date.precision in ("day", "range") and not _before(t.date, e.date):
                return False  # 'the siege was over' read on 20 November: not August's siege
            if own_date and kind == "reference" and not said_on and e.date.precision != "year" and \
                    not dates_compatible(t.date, e.date):
                return False  # 'a second coup in May 2021': May 2021's
            if kind == "claim" and (not (_no_attacker(t) or t.actor1 == e.actor1 or
                                         _unnamed(e.actor1)) or
                                    e.actor1 is not None and e.actor1 == t.actor2):
                return False  # the claimer was the target: a statement, not responsibility
            return True
        target = next((t for t in reversed(out) if fits(t)), None)
        if target is None and (within(e, lead) or within(e, headline)):
            # a lead's reference: the event the lead already told, else the first that fits
            later = [t for t in kept[n + 1:] if fits(t)]
            target = next((t for t in later if id(t) in led), later[0] if later else None)
            if target is not None:
                led.add(id(target))
        if target is None:
            if "weak" in e.provenance:
                continue  # a bare count or mention with nothing to refer to
            forget(e.reasons, e.provenance, "report")  # nothing it refers to: an event of its own
            out.append(e)
            continue
        if not own_place:
            e.location, e.place = None, None
        _absorb(target, e, {"claim": "claim of responsibility for the event told",
                            "toll": "later toll of the event told",
                            "reference": "reference to the event told",
                            "anaphor": "'the attackers' of the event told at this place"}[kind])
    return coup_steps(out)


# ---- a coup told in steps ----------------------------------------------------------
COUP_DAYS = 2  # a coup's steps: within two days of the day told for it


def _state_side(actor: str | None, country: str | None) -> bool:
    """The country's own soldiers, mutineers, police or government (not a foreign body)."""
    if actor is None:
        return True
    if is_category(actor, "mutiny", "state_forces", "police", "government"):
        return country is None or actor.endswith(f"of {country}")
    return "Guard" in actor


def coup_steps(events: list[Event]) -> list[Event]:
    """Soldiers seizing weapons, arresting the president, dissolving the government on the
    days of a coup are that coup, not events of their own."""
    from datetime import date, timedelta

    def first_day(d: DateValue) -> date | None:
        try:
            return date.fromisoformat(_bounds(d)[0])
        except ValueError:
            return None

    coups = [e for e in events if is_coup(e)]
    gone: set[int] = set()
    for c in coups:
        if id(c) in gone:
            continue
        c0 = first_day(c.date)
        for e in events:
            if e is c or id(e) in gone or e.doc != c.doc or e.sub_event_type not in COUP_STEP_TYPES:
                continue
            if is_coup(e):
                continue  # two coups (or a mutiny and the coup) are joined by extract, if at all
            if e.event_type == "Battles" and e.actor2 is not None:
                continue  # a fight against someone is not a step of the takeover
            if not (_state_side(e.actor1, c.country) and _state_side(e.actor2, c.country)):
                continue
            e0 = first_day(e.date)
            if c0 is None or e0 is None:
                continue
            if c.date.precision == "day" and e.date.precision == "day":
                if abs(e0 - c0) > timedelta(days=COUP_DAYS) or e0 < c0:
                    continue  # a mutiny the day before is an event of its own
            elif not dates_compatible(c.date, e.date):
                continue
            date_c, prec = c.date, c.date.precision
            merge(c, e)
            if prec == "day" and e.date.precision == "day":
                c.date = min(date_c, e.date, key=lambda d: d.value)  # the day it began
            c.reasons["sources"] = "steps of the coup"
            gone.add(id(e))
    return [e for e in events if id(e) not in gone]
