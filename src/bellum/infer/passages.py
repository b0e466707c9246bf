"""Passes over one document's events once its sentences are read.

A sentence alone cannot say who flew an unnamed air strike, who "continued" an
attack, which local branch "al Qaeda-linked militants" are, or that the next sentence
("Twenty soldiers died", "The attack was repelled") goes on about the event just
told. `extract.process_document` runs these passes, in this order (after the
document role passes of `roles/document.py`): `branches`, `inherit_actor`, `air_actor`,
then `coup_passages` and `continuations` (and `lead_place` for news reports) before
`infer.dedupe.attach_passages`.
"""

from __future__ import annotations

import re

from bellum.infer.coups import NOT_STEPS, PASSAGE_STEP_TYPES, is_coup
from bellum.model import Document, Event
from bellum.nlp.actors import is_category, load_branches, local_branch, resolve_generic, state_name
from bellum.nlp.events import VIOLENT
from bellum.provenance import decide, explain, positional, rule, take

def lead_place(events: list[Event], lead: tuple[int, int] | None) -> None:
    """A news report's later paragraphs often name no place: what they tell happened where
    the lead's event did ('Police arrested two suspects on Saturday'). Only the place the
    lead gives its event (a town), never the dateline city as such."""
    from bellum.infer.dedupe import _broad

    if lead is None:
        return
    led = min((e for e in events if lead[0] <= e.sources[0].start < lead[1]),
              key=lambda e: e.sources[0].start, default=None)
    if led is None or not led.location or led.place is None or _broad(led) or \
            led.place.scope == "country_part":
        return
    for e in events:
        if e is led or e.location or e.sources[0].start < lead[1] or \
                e.event_type == "Strategic developments" and e.sub_event_type != "Arrests" or \
                e.country not in (None, led.country):
            continue
        e.location, e.place, e.country = led.location, led.place, led.country
        decide(e.reasons, e.provenance, "location", "lead_place", "document",
               f"no place told: the place of the report's lead event '{led.location}'")


# the passes below that name the attackers' group from another sentence's words
ATTACKERS_GROUP_RULES = ("document.claimed_or_blamed",)  # roles/document.py
# date rules whose date is one the sentence tells (so the date's own strategy counts)
TOLD_DATE_RULES = ("later_day", "date_before_trigger", "date_in_sentence", "other_clause_date",
                   "after_place")


BRANCHES = load_branches()
DESCRIPTIONS = {"Tuareg rebels"}  # lexicon names that describe a movement, not a group
def branches(events: list[Event], dact) -> None:
    """'al Qaeda-linked militants' in Burkina Faso in 2022 are JNIM (knowledge/branches.csv)."""
    for e in events:
        year = int(e.date.value[:4])
        admin1 = e.place.admin1 if e.place else None
        for role in ("actor1", "actor2"):
            name = getattr(e, role)
            branch = local_branch(name, e.country, year, admin1, BRANCHES) if name else None
            if branch is None and name in DESCRIPTIONS:
                # a description with no group for that place and year: unnamed
                branch = f"Unidentified Armed Group ({e.country})" if e.country else None
            if branch:
                setattr(e, role, branch)
                a = dact.actor(branch)
                setattr(e, "inter1" if role == "actor1" else "inter2", a.inter if a else 2)
                explain(e.reasons, role, f"; {name}'s branch there: {branch}")
        for assoc in (e.assoc_actor_1, e.assoc_actor_2):
            assoc[:] = [local_branch(a, e.country, year, admin1, BRANCHES) or a for a in assoc]


CONTINUED_RE = re.compile(r"(?i)\b(?:continu\w*|resum\w*|renew\w*|again|further|another|"
                          r"more|new|fresh|second|third)\b")


def inherit_actor(events: list[Event], dact, text: str = "") -> list[Event]:
    """'Douentza was also taken that day': a place taken with no taker named, on the day of
    the event just told, was taken by that event's actor. 'Attacks continued against
    the army': more of the same, by the same attacker."""
    prev = None
    acted: dict[str, Event] = {}  # event type -> the last event of that type with an actor1
    for e in events:
        same = acted.get(e.event_type)
        if e.actor1 is None and same is not None and e.actor2 != same.actor1 and \
                e.sub_event_type != "Air/drone strike" and \
                0 <= e.sources[0].start - same.sources[-1].end < 1500 and \
                CONTINUED_RE.search(text[e.sources[0].start:e.sources[0].end]):
            e.actor1, e.inter1 = same.actor1, same.inter1
            e.assoc_actor_1 = [a for a in same.assoc_actor_1 if a != e.actor2]
            decide(e.reasons, e.provenance, "actor1", "continued_attack", "document",
                   "more of the same ('continued', 'again'): the last attacker")
        if e.actor1 and "weak" not in e.provenance:
            acted[e.event_type] = e
        if e.actor1 is None and prev is not None and e.control_change is not None and \
                e.date.value == prev.date.value and prev.actor1 and \
                e.sources[0].start - prev.sources[-1].end < 600:
            e.actor1 = prev.actor1
            a = dact.actor(e.actor1)
            e.inter1 = a.inter if a else None
            e.assoc_actor_1 = list(prev.assoc_actor_1)
            decide(e.reasons, e.provenance, "actor1", "same_day_taker", "document",
                   "taker of the place told just before, same day")
            if e.event_type == "Battles":
                state = e.inter1 == 1 or is_category(e.actor1, "state_forces")
                e.sub_event_type = "Government regains territory" if state else \
                    "Non-state actor overtakes territory"
            e.control_change["to"] = e.actor1
        if "weak" not in e.provenance:
            prev = e
    return events


SPEAKER_RE = re.compile(r"(?i)\b(\w+)\s+(?:defen[cs]e minister|defen[cs]e ministry|army|"
                        r"military|armed forces|air force|ministry of defen[cs]e|"
                        r"chief of staff|general staff|command|officials?|government)\b")


def air_actor(events: list[Event], doc: Document, dact, nat, main_country) -> list[Event]:
    """An air strike with no one named: in the Sahel states fly. Who reports it ('the
    French defence minister said strikes...'), else who flew the strike told last in
    the document, else the document's country."""
    last, last_at = None, 0
    for e in events:
        if e.sub_event_type != "Air/drone strike" or "weak" in e.provenance:
            continue
        if e.actor1 is None:
            text = doc.text[e.sources[0].start:e.sources[0].end]
            who = next((nat.by_word[m.group(1).lower()] for m in SPEAKER_RE.finditer(text)
                        if m.group(1).lower() in nat.by_word), None)
            if who:
                e.actor1 = resolve_generic("Military Forces of {country}", who)
                decide(e.reasons, e.provenance, "actor1", "air_strike_reporter", "document",
                       f"air strike reported by {who}'s officials: its forces")
            elif last is not None and e.sources[0].start - last_at < 2500:
                e.actor1 = last
                decide(e.reasons, e.provenance, "actor1", "air_strike_last_flyer", "document",
                       "air strike with no one named: who flew the last one told")
            elif main_country:
                e.actor1 = state_name("state_forces", main_country)
                decide(e.reasons, e.provenance, "actor1", "air_strike_country", "convention",
                       "air strike with no one named: the forces of the country")
            if e.actor1:
                a = dact.actor(e.actor1)
                e.inter1 = a.inter if a else None
                if e.actor2 == e.actor1:
                    e.actor2, e.inter2 = None, None
        if e.actor1 and (e.inter1 in (1, 8) or is_category(e.actor1, "state_forces")):
            last, last_at = e.actor1, e.sources[-1].end
    return events


def _goes_on(prev: Event, e: Event, text: str) -> bool:
    """'Fighting continued into the next day', 'The attackers had fled by the time troops
    arrived': the fight told just before going on, or its attackers' next move."""
    if prev.event_type not in VIOLENT or e.sources[0].start - prev.sources[-1].end >= 400:
        return False
    told = text[e.sources[0].start:e.sources[0].end]
    if e.event_type in VIOLENT and GOES_ON_RE.search(told) and 0 <= _days(prev, e) <= 2 and \
            (not e.location or e.location == prev.location):
        return True
    # the attackers of the event just told withdraw, flee, regroup: no event of their own
    return e.event_type == "Strategic developments" and e.sub_event_type == "Other" and \
        rule(e.provenance, "date") == "last_date_read" and not e.location and \
        bool(THE_ATTACKERS.fullmatch(_words(e, "actor1")))


# 'An explosive device went off and the attackers then opened fire': the attack told before
THEIR_ATTACKERS = re.compile(r"(?i)\b(?:the|these|those) (?:attackers|assailants|gunmen|"
                             r"militants|raiders|insurgents)\b")
# the writer tells another occurrence of the same day
ELSEWHERE_RE = re.compile(r"(?i)\b(?:at (?:about |almost |nearly )?the same (?:time|moment|hour)|"
                          r"meanwhile|simultaneously|elsewhere|in a separate|separately)\b")
GOES_ON_RE = re.compile(r"(?i)\b(?:fighting|clash(?:es)?|combats?|battle|siege|shooting|"
                        r"gunfire|exchanges? of fire)\b(?: \w+){0,3}? (?:continued|went on|"
                        r"lasted|raged on|persisted|carried on)\b")
THE_ATTACKERS = re.compile(r"(?i)(?:the|these|those) (?:attackers|assailants|gunmen|militants|"
                           r"raiders|insurgents|jihadists|fighters)")


def _words(e: Event, slot: str) -> str:
    """The mention a role was read from ('the attackers'), '' if none."""
    p = e.provenance.get(slot)
    return p.words if p else ""


def continuations(events: list[Event], text: str = "") -> list[Event]:
    """A sentence with no date of its own that goes on about the event just told
    ('The attack was repelled', 'Twenty soldiers died') is a passage of that event."""
    from bellum.infer.dedupe import _before, merge, victims_differ

    out: list[Event] = []
    for e in events:
        last = next((o for o in reversed(out[-3:]) if "weak" not in o.provenance and
                     rule(o.provenance, "report") not in ("reference", "toll")), None)
        if last is not None and text and "weak" not in e.provenance and \
                not rule(e.provenance, "report") and _goes_on(last, e, text):
            date, dreason, dprov = last.date, last.reasons.get("date"), last.provenance.get("date")
            e.actor1, e.inter1 = None, None  # who goes on is who acted in the event
            merge(last, e)
            last.date = date  # the day it began
            if dreason is not None:
                last.reasons["date"] = dreason
                if dprov is not None:
                    last.provenance["date"] = dprov
                else:
                    last.provenance.pop("date", None)
            last.reasons["sources"] = "continuation sentence merged"
            continue
        if rule(e.provenance, "report") in ("reference", "toll"):
            out.append(e)  # what it refers to is found later (infer/dedupe.attach_passages)
            continue
        told = [o for o in out[-3:] if "weak" not in o.provenance and
                rule(o.provenance, "report") not in ("reference", "toll")]
        prev = told[-1] if told else None
        if rule(e.provenance, "anaphor_event") == "claim":
            # 'X claimed responsibility for the raid': the raid told before, by X
            # 'claimed the Nassoumbou attack': the attack told at that place, even if others
            # were told since; never one told at another place
            window = out[-4:]
            named = CLAIMED_PLACE.search(text[e.sources[0].start:e.sources[0].end]) if text \
                else None
            where = next((g for g in named.groups() if g), None) if named else e.location
            if where:
                there = [o for o in out if o.location == where and
                         e.sources[0].start - o.sources[-1].end < CLAIM_PLACE_WINDOW]
                window = there or window
            target = next((o for o in reversed(window) if "weak" not in o.provenance and
                           rule(o.provenance, "report") not in ("reference", "toll") and
                           # a claim 'on the same day' is told after its attack
                           (rule(e.provenance, "date") in ("last_date_read", "report_date") or
                            e.date.precision not in ("day", "range") or
                            _before(o.date, e.date)) and
                           _same_family(o, e) and not victims_differ(o, e) and (o.actor1 is None or is_category(
                               o.actor1, "unidentified"))), None)
            if target is not None and e.actor1 and not is_category(e.actor1, "unidentified"):
                target.actor1, target.inter1 = e.actor1, e.inter1
                decide(target.reasons, target.provenance, "actor1", "claim_later_passage", "document",
                       "claim of responsibility in a later passage")
                merge(target, e)
                continue
        if prev is not None and "anaphor_event" not in e.provenance and \
                e.event_type == "Explosions/Remote violence" != prev.event_type and \
                not (text and THEIR_ATTACKERS.search(text[e.sources[0].start:e.sources[0].end])):
            # 'days after a suicide bomber killed four soldiers': a bombing of its own
            out.append(e)
            continue
        anaphor_violent = "anaphor_event" in e.provenance and prev is not None and \
            prev.event_type in VIOLENT and e.event_type in VIOLENT
        # a news follow-up dated by the report ('The assailants stormed X on Saturday night')
        # inside the span of the event just told ('at the weekend') continues it too
        dp = e.provenance.get("date")
        within = dp is not None and dp.rule in TOLD_DATE_RULES and dp.key == "published" and \
            not dp.via and prev is not None and \
            prev.date.value <= e.date.value <= (prev.date.end or prev.date.value)
        if text and ELSEWHERE_RE.search(text[e.sources[0].start:e.sources[0].end]):
            out.append(e)  # 'At the same moment, four men opened fire near the embassy'
            continue
        if prev is not None and (rule(e.provenance, "date") == "last_date_read" or within) and \
                (e.date.value == prev.date.value or within) and (_same_family(prev, e) or anaphor_violent) and \
                (not e.location or not prev.location or e.location == prev.location or
                 _vague(prev) or _vague(e)) and \
                ("anaphor_event" in e.provenance or not _contradict(prev, e)) and \
                e.sources[0].start - prev.sources[-1].end < 400:
            if _vague(prev) and e.location and not _vague(e):
                # 'a village in northern Burkina Faso' ... 'stormed Namissiguima': the town
                prev.location, prev.place = e.location, e.place
                take(prev.reasons, prev.provenance, "location", e.reasons, e.provenance,
                     more=" (the town a later passage names)")
            named = e.actor1 if e.actor1 and not is_category(e.actor1, "unidentified") and \
                rule(e.provenance, "actor1") in ATTACKERS_GROUP_RULES else None
            merge(prev, e)
            if named and named != prev.actor2 and (prev.actor1 is None or is_category(
                    prev.actor1, "unidentified")):
                # the group a later passage named for the part just merged: the whole event's
                prev.actor1, prev.inter1 = named, e.inter1
                take(prev.reasons, prev.provenance, "actor1", e.reasons, e.provenance)
            prev.reasons["sources"] = "continuation sentence merged"
            continue
        out.append(e)
    return out


CLAIM_PLACE_WINDOW = 4000  # characters back to the attack a claim names by its place
_ATTACK_NOUNS = r"(?:attacks?|ambush|raids?|assault|massacres?|bombing|killings|offensive)"
CLAIMED_PLACE = re.compile(r"\b(?:claimed|claiming)\b.{0,60}?\bthe ([A-Z][\w'-]+(?: [A-Z][\w'-]+)?) "
                           + _ATTACK_NOUNS + r"|\b(?:claimed|claiming)\b.{0,60}?\b" + _ATTACK_NOUNS +
                           r" (?:on|in|at|near) (?:the (?:\w+ )?(?:town|village|camp|base|post) "
                           r"(?:of|in|at) )?([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)")
COUP_WINDOW = 700  # characters after a coup's passage in which its steps are told
THE_COUP = re.compile(r"(?i)\b(?:the|this|that|its) (?:coup|putsch|takeover|mutiny)\b")


def coup_passages(events: list[Event], text: str) -> list[Event]:
    """A coup told in several passages is one event (ACLED): the lead's 'the 2020 coup'
    and the body's day, 'in January ... overthrew' and the day it happened, 'declared
    its support for the coup', and the steps told just after it on the same day
    (arrests of the president, dissolving the government, taking the palace)."""
    from bellum.infer.dedupe import merge

    coups: list[Event] = []
    out: list[Event] = []
    for e in events:
        if is_coup(e):
            target = next((c for c in reversed(coups) if _same_coup(c, e, text)), None)
            if target is not None:
                merge(target, e)
                target.reasons["sources"] = "passage of the same coup"
                continue
            coups.append(e)
            out.append(e)
            continue
        c = next((c for c in reversed(coups) if _coup_step_of(c, e)), None)
        if c is not None:
            merge(c, e)
            c.reasons["sources"] = "step of the coup told just before"
            continue
        out.append(e)
    return out


def _same_day(a: Event, b: Event) -> bool:
    return a.date.precision in ("day", "range") and a.date.value == b.date.value


def _within(coarse: Event, fine: Event) -> bool:
    """'In January' holds '24 January 2022' (same year); the finer date is the day."""
    return COARSE_RANK[coarse.date.precision] < 2 <= COARSE_RANK[fine.date.precision] and \
        fine.date.value.startswith(coarse.date.value)


COARSE_RANK = {"year": 0, "month": 1, "range": 2, "day": 3}


def _same_coup(c: Event, e: Event, text: str) -> bool:
    if c.country != e.country:
        return False
    if _same_day(c, e):
        return True
    told = text[e.sources[0].start:e.sources[0].end]
    if e.notes.startswith("coup:") and THE_COUP.search(told) and \
            e.sources[0].start - c.sources[-1].end < 2 * COUP_WINDOW and 0 <= _days(c, e) <= 3:
        return True  # 'declared its support for the coup on 27 July': the coup just told
    if e.notes.startswith("mutiny:") and c.date.precision in ("year", "month"):
        return False  # a mutiny may precede the day power changed hands
    return _within(c, e) or _within(e, c)


def _days(a: Event, b: Event) -> int:
    from datetime import date as _d
    try:
        return (_d.fromisoformat(b.date.value) - _d.fromisoformat(a.date.value)).days
    except ValueError:
        return 99


def _coup_step_of(c: Event, e: Event) -> bool:
    """'In the afternoon they arrested the president', 'dissolved the government': a
    state act told just after a coup, on its day, by no one else named."""
    if e.sub_event_type not in PASSAGE_STEP_TYPES or e.event_type != "Strategic developments":
        return False
    if e.relation_change and e.relation_change.get("kind") in (*NOT_STEPS, "hostility"):
        return False
    if e.inter1 not in (None, 1) or is_category(e.actor1, "protesters", "rioters"):
        return False
    if e.country != c.country or e.sources[0].start < c.sources[0].start or \
            e.sources[0].start - c.sources[-1].end >= COUP_WINDOW:
        return False
    return _same_day(c, e)


def _vague(e: Event) -> bool:
    """Located only by a part of a country ('central Mali')."""
    return e.place is not None and e.place.scope == "country_part"


def _same_family(a: Event, b: Event) -> bool:
    if a.event_type == b.event_type:
        return True
    # 'they retreated', 'they looted the base' after a fight: part of it
    if a.event_type in VIOLENT and b.sub_event_type in ("Non-violent transfer of territory",
                                                         "Looting/property destruction"):
        return True
    return a.event_type in VIOLENT and b.event_type in VIOLENT and "territory" not in \
        a.sub_event_type + b.sub_event_type


def _contradict(a: Event, b: Event) -> bool:
    def read(e):  # actors the text names, not inferred, guessed by position or unidentified
        return {x for x, r in ((e.actor1, "actor1"), (e.actor2, "actor2"))
                if x and not is_category(x, "unidentified") and not positional(e.provenance, r)
                and not rule(e.provenance, r).startswith(("inferred_", "unclaimed_"))}

    def every(e):
        return {x for x in (e.actor1, e.actor2) if x}

    # told actors on both sides, and no actor in common even counting inferred ones
    return bool(read(a) and read(b) and not every(a) & every(b))
