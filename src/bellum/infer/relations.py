"""Relations between organisations over time.

Sources, in order of trust: narrative relations (the sentence reading of
nlp/relations.py) and relation_change events (reported, dated), and the
infobox's nesting "* X" under a coalition with "(from 2021)" / "(until 2025)"
(basis infobox). A membership, merger or alliance needs a passage or an
infobox line that states it: an event's actor list (every group its sentence
names) makes none alone, the actor lexicon's member_of none at all, and
fighting or hostility never one. Then ends are applied in time order:

- X split from / withdrew from / left P          -> X's membership of P ends;
- X merged into R (X != R)                        -> X's other memberships end,
  and groups that were members of X become members of R;
- X dissolved                                     -> relations of X end;
- hostility between X and Y                       -> their alliance ends;
- X withdrew (a deployment ending)                -> alliances X entered by
  deploying end.

Every relation keeps the passages it comes from and a reason.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import combinations

from bellum.infer.control import date_bounds
from bellum.model import Actor, DateValue, Event, Relation, Span
from bellum.nlp.actors import is_category

__all__ = ["relations_over_time", "relations_from_events", "relations_from_infobox"]

# kinds whose direction carries no meaning
SYMMETRIC = {"alliance", "hostility", "agreement"}


def _year(y: str | None) -> DateValue | None:
    return DateValue(str(y), "year", reason="infobox") if y else None


def _lo(d: DateValue | None):
    b = date_bounds(d.value, d.precision, d.end) if d else None
    return b[0] if b else None


def relations_from_infobox(infobox: dict) -> list[Relation]:
    """'member' relations from the infobox nesting, with its year bounds."""
    out = []
    for side in infobox.get("sides", []) if infobox else []:
        for m in side.get("members", []):
            if not m.get("name") or not m.get("parent") or m["name"] == m["parent"]:
                continue
            span = m.get("span")
            out.append(Relation("member", m["name"], m["parent"], start=_year(m.get("from")),
                                end=_year(m.get("until")), basis="infobox",
                                sources=[span] if isinstance(span, Span) else [],
                                reason=f"infobox side {side.get('side')}: nested under {m['parent']}"))
    return out


def relations_from_events(events: list[Event]) -> list[Relation]:
    """Relations that relation_change events state (merge, split, alliance...)."""
    out: list[Relation] = []
    for e in events:
        rc = e.relation_change or {}
        kind = rc.get("kind")
        actors = [a for a in (rc.get("actors") or []) if a]
        result = rc.get("result")
        if not kind:
            continue

        def rel(k, s, t, reason, basis="reported"):
            out.append(Relation(k, s, t, start=e.date, basis=basis, sources=list(e.sources),
                                event_id=e.id, reason=reason))

        # `result` is an actor only when it is a short name, not a sentence
        res = result if result and len(result.split()) <= 4 and "(" not in result else None
        if kind == "merge":
            for a in actors:
                if a != res and res:
                    rel("merge", a, res, f"{a} merged into {res} ({e.id})")
                    rel("member", a, res, f"merged into {res} ({e.id})")
        elif kind == "alliance":
            if res and res not in actors:
                for a in actors:
                    rel("member", a, res, f"joined {res} ({e.id})")
            else:
                for a, b in combinations(actors, 2):
                    rel("alliance", a, b, f"alliance ({e.id})")
        elif kind == "split":
            if len(actors) >= 2:
                parent = actors[0]
                for s in actors[1:]:
                    rel("split", s, parent, f"{s} split from {parent} ({e.id})")
            elif actors:
                rel("split", actors[0], None, f"internal split ({e.id})")
        elif kind in ("hostility", "agreement", "realignment"):
            if len(actors) >= 2:
                for b in actors[1:]:
                    rel(kind, actors[0], b, f"{kind} ({e.id})")
            elif kind == "hostility" and actors:  # "X withdrew from the talks": renounces
                rel("hostility", actors[0], None, f"{actors[0]} renounced its latest agreement ({e.id})")
        elif kind == "dissolution":
            for a in actors:
                rel("dissolution", a, None, f"{a} dissolved ({e.id})")
        elif kind == "deployment" and len(actors) >= 2:
            for b in actors[1:]:
                rel("alliance", actors[0], b, f"deployed in support ({e.id})", basis="inferred")
        elif kind == "withdrawal" and len(actors) == 1:  # who withdrew is unambiguous
            for a in actors:
                rel("withdrawal", a, None, f"{a} withdrew ({e.id})")
    return out


def _merge_duplicates(rels: list[Relation]) -> list[Relation]:
    """One relation per (kind, pair, start); an undated copy folds into a dated one."""
    out: list[Relation] = []
    for r in rels:
        key = _pair(r)
        twin = None
        for o in out:
            if _pair(o) != key:
                continue
            if o.start == r.start or (o.start and r.start and o.start.value == r.start.value):
                twin = o
            elif r.start is None or o.start is None:
                # a membership re-reported in the same year is the same membership
                twin = o
            elif r.kind == "member" and _overlaps(o, r):
                twin = o  # the same membership told again (or its formal start)
            if twin:
                break
        if twin is None:
            out.append(r)
            continue
        if twin.start and r.start and _earlier(r.start, twin.start):
            twin.start = r.start
        if twin.start is None and r.start is not None:
            twin.start, twin.basis, twin.event_id = r.start, r.basis, r.event_id or twin.event_id
        if twin.end is None and r.end is not None:
            twin.end = r.end
        twin.sources.extend(s for s in r.sources if s not in twin.sources)
        if r.reason and r.reason not in twin.reason:
            twin.reason += "; " + r.reason
    return out


def _earlier(a: DateValue, b: DateValue) -> bool:
    """Whether start `a` should replace start `b`: earlier, or finer inside it."""
    ab = date_bounds(a.value, a.precision, a.end)
    bb = date_bounds(b.value, b.precision, b.end)
    if not ab or not bb:
        return False
    if bb[0] <= ab[0] and ab[1] <= bb[1]:  # a lies inside b: a is finer
        return ab != bb
    if ab[0] <= bb[0] and bb[1] <= ab[1]:  # b lies inside a: keep finer b
        return False
    return ab[0] < bb[0]


def _overlaps(a: Relation, b: Relation) -> bool:
    """Whether two dated memberships can be one: neither ends before the other starts."""
    for x, y in ((a, b), (b, a)):
        if x.end is not None and _lo(y.start) and _lo(x.end) < _lo(y.start):
            return False
    return True


def _pair(r: Relation) -> tuple:
    if r.kind in SYMMETRIC and r.target is not None:
        return (r.kind, *sorted([r.source, r.target]))
    return (r.kind, r.source, r.target)


def _close(r: Relation, when: DateValue | None, why: str) -> None:
    if r.end is not None or when is None:
        return
    s, w = _lo(r.start), _lo(when)
    if s is not None and w is not None and w < s:
        return
    r.end = when
    r.reason += f"; ends: {why}"


def relations_over_time(events: list[Event], infobox: dict, actors: list[Actor],
                        narrative: list[Relation]) -> list[Relation]:
    """All organisation relations with start and end dates and passages."""
    narrative = _plausible([Relation(r.kind, r.source, r.target, r.start, r.end, r.basis, list(r.sources),
                                     r.event_id, r.reason) for r in narrative])
    reported = _prefer_narrative(_plausible(relations_from_events(events)), narrative) + narrative
    # narrative merges carry memberships too
    for r in list(reported):
        if r.kind == "merge" and r.target and not any(
                o.kind == "member" and o.source == r.source and o.target == r.target for o in reported):
            reported.append(Relation("member", r.source, r.target, r.start, None, r.basis,
                                     list(r.sources), r.event_id, f"merged into {r.target}"))
    rels = _merge_duplicates(reported + relations_from_infobox(infobox))
    rels = _acyclic(rels)
    # the actor lexicon's member_of is background knowledge (kept on the actors
    # table), not a passage: it makes no membership here
    _date_undated_memberships(rels, _infobox_first_years(infobox))
    _apply_ends(rels)
    _end_alliances_by_fighting(rels, events)
    # a withdrawal only ends relations; it is not one itself
    return [r for r in rels if r.kind != "withdrawal"]


# ACLED names state actors "Military Forces of X", "Government of X": states do
# not merge into, split from or join armed groups.
_STATE = re.compile(r"^(?:Military|Police|Government|Forces)\b.*\bof\b")
_FAMILY = {"member": "merge", "merge": "merge"}


def _generic(name: str | None) -> bool:
    """No organisational identity: unidentified groups, unresolved templates."""
    return bool(name) and (is_category(name, "unidentified") or "{" in name or " and " in name)


def _country_of_state(name: str | None) -> str | None:
    m = _STATE.match(name or "") and re.search(r"\bof\s+(?:the\s+)?(.+)$", name)
    return m.group(1).strip().lower() if m else None


def _plausible(rels: list[Relation]) -> list[Relation]:
    out = []
    for r in rels:
        if _generic(r.source) or _generic(r.target):
            continue
        if r.kind in ("merge", "split", "member") and (_STATE.match(r.source or "") or _STATE.match(r.target or "")):
            continue
        cs, ct = _country_of_state(r.source), _country_of_state(r.target)
        if cs and cs == ct:  # a state's army and government are one side
            continue
        out.append(r)
    return out


def _overlap(a: list[Span], b: list[Span]) -> bool:
    return any(x.doc == y.doc and x.start < y.end and y.start < x.end for x in a for y in b)


# what needs a passage that states it: an event's actor list holds every group the
# sentence names, so it alone never makes a membership, a merger or an alliance
_STATED_ONLY = {"merge", "alliance"}


def _prefer_narrative(from_events: list[Relation], narrative: list[Relation]) -> list[Relation]:
    """Drop an event's relation when the sentence-level reading of the same
    passage found one of the same kind: it knows who stands where around
    the trigger, while an event's actor list holds every group named.

    A membership, merger or alliance comes only from a passage that states it
    (the sentence reading, or an infobox line): an event's relation of those
    kinds that no sentence reading of its passage confirms is dropped ('make
    Azawad an Islamic state and merge the two groups' names no merger into the
    Islamic State; 'the founding of X' no merger of the groups named with it;
    troops deployed are no alliance of everyone the sentence names)."""
    out = []
    for r in from_events:
        fam = _FAMILY.get(r.kind, r.kind)
        twins = [n for n in narrative if _FAMILY.get(n.kind, n.kind) == fam and _overlap(n.sources, r.sources)]
        if not twins:
            if fam not in _STATED_ONLY:
                out.append(r)
            continue
        for n in twins:
            n.event_id = n.event_id or r.event_id
            if n.start is None:
                n.start = r.start  # the event's date, resolved from context
    return out


def _end_alliances_by_fighting(rels: list[Relation], events: list[Event]) -> None:
    """Allies that fight each other are allies no more (basis: the battle)."""
    battles = sorted((e for e in events if e.event_type == "Battles" and e.actor1 and e.actor2),
                     key=lambda e: _lo(e.date) or date.min)
    for r in rels:
        if r.kind != "alliance" or r.end is not None or not r.target:
            continue
        for e in battles:
            if {e.actor1, e.actor2} == {r.source, r.target} and _lo(e.date) and _lo(r.start) \
                    and _lo(e.date) > _lo(r.start):
                _close(r, e.date, f"fighting between them ({e.id})")
                break


def _formed(rels: list[Relation], coalition: str) -> DateValue | None:
    dates = [r.start for r in rels if r.target == coalition and r.kind in ("merge", "member")
             and r.basis == "reported" and r.start]
    return min(dates, key=_lo) if dates else None


def _acyclic(rels: list[Relation]) -> list[Relation]:
    """Drop a membership X -> C when C is recorded as a member of X by a
    better source (the infobox nesting or a reported membership)."""
    rank = {"infobox": 2, "reported": 1, "inferred": 0}
    members = {(r.source, r.target): r for r in rels if r.kind in ("member", "merge")}
    out = []
    for r in rels:
        back = members.get((r.target, r.source)) if r.kind in ("member", "merge") else None
        if back is not None and rank.get(back.basis, 0) > rank.get(r.basis, 0):
            continue
        out.append(r)
    return out


def _infobox_first_years(infobox: dict) -> dict[str, DateValue]:
    """Top-level infobox items "CMA (from 2014)": the year the organisation enters."""
    out: dict[str, DateValue] = {}
    for side in (infobox or {}).get("sides", []):
        for m in side.get("members", []):
            if m.get("name") and m.get("from") and not m.get("parent"):
                d = _year(m["from"])
                if m["name"] not in out or _lo(d) < _lo(out[m["name"]]):
                    out[m["name"]] = d
    return out


def _date_undated_memberships(rels: list[Relation], first_years: dict[str, DateValue]) -> None:
    """An undated membership starts no earlier than both organisations exist."""
    for r in rels:
        if r.kind != "member" or r.start is not None or not r.target:
            continue
        bounds = [d for d in (_formed(rels, r.target), _formed(rels, r.source),
                              first_years.get(r.target), first_years.get(r.source)) if d]
        if bounds:
            r.start = max(bounds, key=_lo)
            r.reason += f"; starts when both exist ({r.start.value})"


def _lexicon_memberships(actors: list[Actor], rels: list[Relation]) -> list[Relation]:
    out = []
    have = {(r.source, r.target) for r in rels if r.kind == "member"}
    for a in actors or []:
        for c in a.member_of:
            if c and c != a.name and (a.name, c) not in have:
                # dated below: from when both the group and the coalition exist
                out.append(Relation("member", a.name, c, start=None, basis="inferred",
                                    reason="actor lexicon member_of"))
    return out


def _absorbed(rels: list[Relation], x: Relation) -> bool:
    """Whether merge `x` ends its source as an organisation: the source is
    reported dissolved that year, or it alone merged into the result then."""
    year = (x.start.value if x.start else "")[:4]
    if any(r.kind == "dissolution" and r.source == x.source and r.start
           and r.start.value[:4] == year for r in rels):
        return True
    others = [r for r in rels if r.kind == "merge" and r.target == x.target and r.source != x.source
              and r.start and r.start.value[:4] == year]
    return not others


def _apply_ends(rels: list[Relation]) -> None:
    enders = sorted((r for r in rels if r.kind in ("split", "merge", "dissolution", "hostility",
                                                   "withdrawal") and r.start),
                    key=lambda r: _lo(r.start))
    for x in enders:
        tag = x.event_id or x.reason
        if x.kind == "split" and x.target:
            for r in rels:
                if r.kind == "member" and r.source == x.source and r.target == x.target:
                    _close(r, x.start, f"{x.source} split from {x.target} ({tag})")
        elif x.kind == "merge" and x.target:
            for r in list(rels):
                if r.kind != "member" or _lo(r.start) and _lo(r.start) > _lo(x.start):
                    continue
                if not _absorbed(rels, x):
                    break
                # the merged group's own memberships go on (a branch keeps its
                # allegiance); its members become members of the result
                if r.target == x.source and r.end is None and r.source != x.target:
                    _close(r, x.start, f"{x.source} merged into {x.target} ({tag})")
                    if not any(o.kind == "member" and o.source == r.source and o.target == x.target
                               for o in rels):
                        rels.append(Relation("member", r.source, x.target, start=x.start,
                                             basis="inferred", sources=list(x.sources),
                                             event_id=x.event_id,
                                             reason=f"member of {x.source}, which merged into "
                                                    f"{x.target}"))
            # allies that merged into one organisation are no longer two allies
            partners = {o.source for o in rels if o.kind == "merge" and o.target == x.target
                        and o.start == x.start and o.source != x.source}
            for r in rels:
                if r.kind == "alliance" and x.source in (r.source, r.target) and \
                        ({r.source, r.target} - {x.source}) & (partners | {x.target}):
                    _close(r, x.start, f"both merged into {x.target} ({tag})")
        elif x.kind == "dissolution":
            for r in rels:
                if r is not x and r.kind in ("member", "alliance") and x.source in (r.source, r.target):
                    _close(r, x.start, f"{x.source} dissolved ({tag})")
        elif x.kind == "hostility" and x.target is None:
            # X renounced an agreement: its latest one in force ends, with the
            # alliance between the same parties
            open_ = [r for r in rels if r.kind == "agreement" and x.source in (r.source, r.target)
                     and r.end is None and _lo(r.start) and _lo(r.start) < _lo(x.start)]
            if open_:
                # one deal told with several parties: every agreement of its date
                latest = max(_lo(r.start) for r in open_)
                pairs = [{r.source, r.target} for r in open_ if _lo(r.start) == latest]
                for r in rels:
                    if r.kind in ("agreement", "alliance") and {r.source, r.target} in pairs:
                        _close(r, x.start, f"{x.source} renounced the agreement ({tag})")
        elif x.kind == "hostility" and x.target:
            for r in rels:
                if r.kind in ("alliance", "agreement") and {r.source, r.target} == {x.source, x.target}:
                    _close(r, x.start, f"hostility between {x.source} and {x.target} ({tag})")
        elif x.kind == "withdrawal":
            for r in rels:
                if (r.kind == "alliance" and r.basis == "inferred" and r.source == x.source):
                    _close(r, x.start, f"{x.source} withdrew ({tag})")
