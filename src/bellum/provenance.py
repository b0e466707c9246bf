"""Decisions about an event's fields, kept twice: `reasons` (English, for users) and
`provenance` (a typed `model.Provenance`, for code). Code branches only on provenance;
these helpers write both at once so the two cannot disagree.

Every helper takes the two dicts (an Event's or a Candidate's `reasons` and `provenance`,
or the pair a stage builds before the Event exists)."""

from __future__ import annotations

import dataclasses

from bellum.model import Provenance, RuleBasis


def decide(reasons: dict, provenance: dict, slot: str, rule: str, basis: RuleBasis,
           reason: str, **facts) -> None:
    """`slot` was decided by `rule`: its explanation is `reason`."""
    reasons[slot] = reason
    provenance[slot] = Provenance(rule, basis, **facts)


def explain(reasons: dict, slot: str, more: str) -> None:
    """More explanation for a decision already made (its provenance does not change)."""
    reasons[slot] = reasons.get(slot, "") + more


def note(provenance: dict, slot: str, **facts) -> None:
    """Facts about a decision already made ('the mention read was "the attackers"')."""
    p = provenance.get(slot) or Provenance("unexplained", "parse")
    provenance[slot] = dataclasses.replace(p, **facts)


def forget(reasons: dict, provenance: dict, slot: str) -> None:
    reasons.pop(slot, None)
    provenance.pop(slot, None)


def take(reasons: dict, provenance: dict, slot: str, from_reasons: dict, from_provenance: dict,
         from_slot: str | None = None, more: str = "", **facts) -> None:
    """`slot` takes the decision of `from_slot` (default the same slot) of another
    candidate or event, its explanation followed by `more`."""
    from_slot = from_slot or slot
    reasons[slot] = from_reasons.get(from_slot, "") + more
    p = from_provenance.get(from_slot)
    if p is None and reasons[slot]:
        provenance[slot] = Provenance("unexplained", "parse", **facts)
    elif p is None:
        provenance.pop(slot, None)
    else:
        provenance[slot] = dataclasses.replace(p, **facts) if facts else p


def rule(provenance: dict, slot: str) -> str:
    """The rule that decided `slot`, '' if none did."""
    p = provenance.get(slot)
    return p.rule if p else ""


def positional(provenance: dict, slot: str) -> bool:
    """A role guessed from word order ('nearest actor before the trigger'), not the parse."""
    p = provenance.get(slot)
    return p is not None and p.basis == "position"
