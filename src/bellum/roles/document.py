"""Document-level role passes: who did an event, told in another sentence of the document.

A sentence alone often cannot say who attacked: the claim, the blame or the group's name
comes in another sentence ("The junta blamed Ansarul Islam for both assaults"), or the
attackers are only "the militants" of a report about one group. `extract.process_document`
runs `DOCUMENT_ROLE_PASSES` in order once every sentence is read, before the passages
of one occurrence are joined (infer/passages.py, infer/dedupe.attach_passages):

1. `claimed_or_blamed`: a sentence naming who did it ("X claimed ...", "blamed X for",
   "attributed to X", "the attackers, believed to be from X") gives the attacks it refers
   to their actor1: every unclaimed attack told before it when it says "both" or "the
   attacks", else the one the lead tells, else the nearest. A sentence that only
   attributes ("blamed X for both assaults") joins those events and tells none of its own.
2. `sole_group`: "the militants", "the group", "the jihadists" resolve to the document's
   one named armed group of a fitting kind (`knowledge/group_kinds.csv`), when only one fits.
3. `same_place`: an unnamed attacker at the place and on the day of an attack whose
   attacker the text names is that attacker (the raid on a village's outpost during the
   massacre of that village).

Each pass records its decision as typed provenance (`provenance.decide`: rule
`document.<pass>`, basis "document") with the English reason beside it, and lowers the
confidence of an inferred actor (`INFERRED`). Decisions read the actors' lexicon entries
(inter, category, member_of) and typed provenance, never the text of a reason.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from bellum.model import Event, Span
from bellum.nlp.actors import is_category
from bellum.nlp.events import VIOLENT
from bellum.provenance import decide

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
ATTRIB_WINDOW = 2500  # characters back to the attack the attribution names
INFERRED = 0.85  # confidence factor of an actor a document pass inferred
ROLES = ("actor1", "actor2")


@dataclass
class DocumentRoles:
    """What the passes read: the document's text, actor mentions and attributions."""

    text: str
    dact: object  # nlp.actors.DocumentActors
    mentions: list = field(default_factory=list)  # (token start, token end, ActorMention)
    sdoc: object = None
    attributions: list = field(default_factory=list)  # (start, end, group)
    lead: tuple[int, int] | None = None


def load_group_kinds(path: Path | None = None) -> tuple[dict[str, frozenset], dict[str, frozenset]]:
    """knowledge/group_kinds.csv -> (root group -> kinds, description word -> kinds)."""
    from bellum.errors import KnowledgeFileInvalid

    path = path or KNOWLEDGE / "group_kinds.csv"
    roots: dict[str, frozenset] = {}
    words: dict[str, frozenset] = {}
    lines = [(n, ln) for n, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if ln.strip() and not ln.lstrip().startswith("#")]
    for n, line in lines[1:]:
        row = next(csv.reader([line]))
        if len(row) != 3 or row[0] not in ("root", "word"):
            raise KnowledgeFileInvalid(f"{path}:{n}: expected set (root|word),value,kinds; fix the line")
        kinds = frozenset(k.strip() for k in row[2].split("|") if k.strip())
        (roots if row[0] == "root" else words)[row[1].strip()] = kinds
    return roots, words


ROOTS, WORDS = load_group_kinds()


def _unnamed(dact, name: str | None) -> bool:
    """An unnamed armed group ('gunmen', 'the militants'): its lexicon kind says so."""
    a = dact.actor(name) if name else None
    return a is not None and is_category(name, "unidentified")


def _set(e: Event, role: str, name: str, dact, rule: str, why: str) -> None:
    a = dact.actor(name)
    setattr(e, role, name)
    setattr(e, "inter1" if role == "actor1" else "inter2", a.inter if a else 2)
    decide(e.reasons, e.provenance, role, f"document.{rule}", "document", why)
    e.confidence = round(e.confidence * INFERRED, 3)


# ---- 1. claims, blame, attribution -------------------------------------------------
# 'blamed X for both assaults', 'attributed the attacks to X': the attacks told before
_ATTACKS = r"(?:attacks?|assaults?|raids?|ambush(?:es)?|bombings?|killings?|massacres?|strikes?)"
ALL_OF = re.compile(r"(?i)\b(?:both|all|the two|the three)\b|\b(?:the|these|those)\s+(?:\w+\s+){0,2}?"
                    r"(?:attacks|assaults|raids|ambushes|bombings|killings|massacres|strikes)\b")
REFERS = re.compile(r"(?i)\b(?:for|of|to|behind|attributed|blamed)\s+(?:both|all|the|these|those|this|that|"
                    r"the two|the three|last \w+'s|the latest)\s+(?:\w+\s+){0,2}?" + _ATTACKS + r"\b")


def claimed_or_blamed(events: list[Event], ctx: DocumentRoles) -> list[Event]:
    out = list(events)
    for start, end, group in ctx.attributions:
        said = ctx.text[start:end]
        own = [e for e in out if any(s.start == start for s in e.sources)]
        refers = bool(REFERS.search(said))
        if own and not refers:
            for e in own:
                # 'Militants killed 132 civilians, the government said, blaming the Katiba
                # Macina': the sentence's own attack with no named attacker is the group's
                if e.event_type in VIOLENT and "weak" not in e.provenance and e.actor2 != group and \
                        (e.actor1 is None or _unnamed(ctx.dact, e.actor1)):
                    _set(e, "actor1", group, ctx.dact, "claimed_or_blamed",
                         f"the attackers' group the same sentence blames: '{group}'")
            continue  # the sentence tells an event: its own roles say who
        before = [e for e in out if e not in own and e.sources[-1].end <= start and
                  e.event_type in VIOLENT and "weak" not in e.provenance and
                  start - e.sources[-1].end < ATTRIB_WINDOW and
                  (e.actor1 is None or _unnamed(ctx.dact, e.actor1)) and e.actor2 != group]
        led = [e for e in before if ctx.lead and ctx.lead[0] <= e.sources[0].start < ctx.lead[1]]
        if refers and ALL_OF.search(said):
            targets = before[-2:] if re.search(r"(?i)\bboth\b|\bthe two\b", said) else before
        else:
            targets = [(led or before or [None])[-1]]
        targets = [t for t in targets if t is not None]
        if not targets:
            continue
        for t in targets:
            _set(t, "actor1", group, ctx.dact, "claimed_or_blamed",
                 f"the attackers' group named in a later passage: '{group}'")
            t.sources.append(Span(t.doc, start, end))
            t.sources.sort(key=lambda s: s.start)
        if refers:
            # 'The junta blamed X for both assaults': a passage of those attacks, no event
            out = [e for e in out if e not in own]
    return out


# ---- 2. the document's one group -------------------------------------------------
DEFINITE = {"the", "these", "those", "this", "that"}


def group_kinds(dact, name: str) -> frozenset:
    """jihadist (a root of knowledge/group_kinds.csv or a member of one), militia (inter
    3 or 4), else rebel (inter 2)."""
    seen, todo = set(), [name]
    while todo:
        n = todo.pop()
        if n in ROOTS:
            return ROOTS[n]
        if n in seen:
            continue
        seen.add(n)
        a = dact.actor(n)
        if a is not None:
            todo.extend(a.member_of)
    a = dact.actor(name)
    inter = a.inter if a else None
    return frozenset({"militia"} if inter in (3, 4) else {"rebel"} if inter == 2 else ())


def document_groups(ctx: DocumentRoles, before: int | None = None) -> list[str]:
    """Named armed groups the document mentions before `before` (not state forces, not
    unnamed ones, not parents such as al-Qaeda whose local branch acts: passages.branches)."""
    from bellum.infer.passages import BRANCHES

    parents = {b.parent for b in BRANCHES}
    out: list[str] = []
    for _s, _e, m in ctx.mentions:
        if before is not None and m.span.start >= before:
            break
        a = ctx.dact.actor(m.actor)
        if a is None or a.inter not in (2, 3, 4) or is_category(m.actor, "unidentified") or "{" in m.actor or \
                m.actor in parents:
            continue
        if m.actor not in out:
            out.append(m.actor)
    return out


def _description(ctx: DocumentRoles, e: Event, role: str) -> tuple[str, frozenset] | None:
    """The definite description an unnamed role was read from ('the militants') and the
    kinds of group it fits, or None (a bare 'gunmen' may be anyone)."""
    if ctx.sdoc is None:
        return None
    for s, end, m in ctx.mentions:
        if not any(sp.start <= m.span.start < sp.end for sp in e.sources):
            continue
        if not _unnamed(ctx.dact, m.actor):
            continue
        before = ctx.sdoc[s - 1].lower_ if s > 0 else ""
        first = ctx.sdoc[s].lower_
        if before not in DEFINITE and first not in DEFINITE:
            continue
        word = ctx.sdoc[end - 1].lower_
        if word in WORDS:
            return m.text, WORDS[word]
    return None


def sole_group(events: list[Event], ctx: DocumentRoles) -> list[Event]:
    for e in events:
        groups = document_groups(ctx, before=e.sources[-1].end)
        for role in ROLES:
            name = getattr(e, role)
            if not _unnamed(ctx.dact, name):
                continue
            found = _description(ctx, e, role)
            if found is None:
                continue
            words, kinds = found
            fit = [g for g in groups if group_kinds(ctx.dact, g) & kinds and
                   g not in (e.actor1, e.actor2)]
            if len(fit) != 1:
                continue
            _set(e, role, fit[0], ctx.dact, "sole_group",
                 f"'{words}': the one {'/'.join(sorted(kinds))} group the document names, "
                 f"'{fit[0]}'")
    return events


# ---- 3. the named attack at the same place and day ---------------------------------
def _overlap(a: Event, b: Event) -> bool:
    from bellum.infer.dedupe import dates_compatible

    return a.date.precision in ("day", "range") and b.date.precision in ("day", "range") and \
        dates_compatible(a.date, b.date)


TAKEN = {"Abduction/forced disappearance", "Sexual violence"}


def same_place(events: list[Event], ctx: DocumentRoles) -> list[Event]:
    named = [e for e in events if e.event_type in VIOLENT and e.location and e.actor1 and
             not _unnamed(ctx.dact, e.actor1) and e.inter1 in (2, 3, 4)]
    for e in events:
        if e.event_type not in VIOLENT or not e.location or not _unnamed(ctx.dact, e.actor1) or \
                e.sub_event_type in TAKEN:
            continue  # people taken near the place that day may be anyone's hostages
        there = {o.actor1 for o in named if o is not e and o.location == e.location and
                 _overlap(o, e) and o.actor1 != e.actor2}
        if len(there) == 1:
            group = there.pop()
            _set(e, "actor1", group, ctx.dact, "same_place",
                 f"unnamed attackers at {e.location} on the day of the attack by '{group}'")
    return events


DOCUMENT_ROLE_PASSES = (
    ("claimed_or_blamed", claimed_or_blamed),
    ("sole_group", sole_group),
    ("same_place", same_place),
)


def run(events: list[Event], ctx: DocumentRoles, passes=DOCUMENT_ROLE_PASSES) -> list[Event]:
    """Run the document passes in order; each returns the events (a pass may drop a
    sentence's own event when that sentence only attributes)."""
    for _name, fn in passes:
        events = fn(events, ctx)
    return events
