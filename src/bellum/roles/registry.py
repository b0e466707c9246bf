"""A role rule and how an ordered table of them runs.

A rule is a small named function over a `RoleContext` (roles/conventions.py). A table is a
tuple of `RoleRule`s run in its order by `run()`: later rules see what earlier ones
decided, as the if-blocks they were did. Each rule that writes a reason writes its typed
`Provenance` too (bellum.provenance.decide), named after its `RoleRule` (or, for a rule
with branches, after the branch: protest_roles writes force_on_protesters...); `run()`
also returns the trace of which rule changed which slot, including the rules that change a
name without a word of explanation (a government's forces for the government)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bellum.model import RuleBasis

SLOTS = ("actor1", "actor2", "assoc1", "event_type", "sub_event_type")


@dataclass(frozen=True)
class RoleRule:
    name: str  # stable; the `rule` of the Provenance it writes
    slot: str  # what it decides: actor1, actor2, 'actor1+actor2', event_type...
    basis: RuleBasis
    fn: Callable  # fn(ctx) -> None: reads and rewrites the context
    doc: str  # one line: what it does, with an invented example


def rule(name: str, slot: str, basis: RuleBasis, doc: str):
    """Decorator: the function as a RoleRule (collected into a table by hand, in order)."""
    def wrap(fn: Callable) -> RoleRule:
        return RoleRule(name, slot, basis, fn, doc)
    return wrap


def _state(ctx) -> tuple:
    return (ctx.name1, ctx.name2, list(ctx.assoc1), ctx.cand.event_type, ctx.cand.sub_event_type)


def run(rules: tuple[RoleRule, ...], ctx) -> list[tuple[str, str]]:
    """Run `rules` in order on `ctx`; the (rule name, slot) of every slot a rule changed."""
    trace = []
    for r in rules:
        before = _state(ctx)
        r.fn(ctx)
        after = _state(ctx)
        trace.extend((r.name, s) for s, b, a in zip(SLOTS, before, after) if a != b)
    return trace
