"""The ACLED role conventions as an ordered table (roles/conventions.py), run without a
model: a candidate built by hand, invented names."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bellum.nlp.events import Candidate, Trigger
from bellum.roles.conventions import (AFTER_TYPING, BEFORE_TYPING, CONVENTIONS, RoleContext,
                                      apply_conventions)
from bellum.roles.registry import RoleRule

ATTACK = Trigger("attack", "any", "Battles", "Armed clash", None, None, 0.9)
ARREST = Trigger("arrest", "any", "Strategic developments", "Arrests", None, None, 0.8)
COUP = Trigger("coup", "any", "Strategic developments", "Other", "coup", None, 0.8)
BOMB = Trigger("bomb", "any", "Explosions/Remote violence", "Remote explosive/landmine/IED", None,
               None, 0.8)


def _ctx(trigger, name1=None, name2=None, event_type=None, sub=None, **kw) -> RoleContext:
    cand = Candidate(0, 1, trigger, event_type or trigger.event_type, sub or trigger.sub_event_type)
    st = SimpleNamespace(main_country="Mali", movements=[])
    dact = SimpleNamespace(actor=lambda n: None)
    return RoleContext(cand, name1, name2, [], [], st, 0, None, "Mali", {}, {}, dact,
                       resolve=lambda n: n, whose_owner=lambda: None, from_group=lambda: False,
                       states_named=lambda: [], new_group_cue=lambda m: False, **kw)


def test_roles_conventions_table_is_named_documented_and_ordered():
    assert CONVENTIONS == BEFORE_TYPING + AFTER_TYPING
    names = [r.name for r in CONVENTIONS]
    assert len(names) == len(set(names))
    for r in CONVENTIONS:
        assert isinstance(r, RoleRule) and r.doc and callable(r.fn)
        assert r.basis in ("parse", "position", "convention", "document", "lexicon")
    # the state acts through its forces before a coup's soldiers become a mutiny
    assert names.index("state_acts_through_forces") < names.index("coup_mutiny")
    assert names[-1] == "one_actor_one_side"


@pytest.mark.parametrize("trigger, name1, name2, stage, want, rules", [
    # 'Two traders were arrested in Gao': no agent named, the police arrest
    (ARREST, None, None, BEFORE_TYPING, ("Police Forces of Mali", None), {"arrest_police"}),
    # 'Soldiers led by Colonel X seized power': a mutiny against the government
    (COUP, "Military Forces of Mali", None, BEFORE_TYPING,
     ("Mutiny of Military Forces of Mali", "Government of Mali"), {"coup_mutiny", "coup_government"}),
    # 'The government bombed rebel positions': the state acts through its forces
    (ATTACK, "Government of Mali", "FLA", BEFORE_TYPING, ("Military Forces of Mali", "FLA"),
     {"state_acts_through_forces"}),
    # 'A bomb killed five villagers': no one claims it
    (BOMB, None, "Civilians (Mali)", AFTER_TYPING, ("Unidentified Armed Group (Mali)", "Civilians (Mali)"),
     {"unclaimed_attack"}),
    # 'Herders fired on the army': civilians are never actor1 of a battle
    (ATTACK, "Civilians (Mali)", None, AFTER_TYPING, (None, "Civilians (Mali)"), {"civilians_not_actor1"}),
])
def test_roles_conventions_decide_and_say_which_rule(trigger, name1, name2, stage, want, rules):
    ctx = _ctx(trigger, name1, name2)
    trace = apply_conventions(ctx, stage)
    assert (ctx.name1, ctx.name2) == want
    assert {r for r, _slot in trace} == rules
    for slot in ("actor1", "actor2"):
        if slot in ctx.prov:  # the typed decision names a rule of the table or of its branches
            assert ctx.prov[slot].rule and ctx.reasons[slot]


def test_roles_one_actor_is_never_both_sides():
    ctx = _ctx(ATTACK, "JNIM", "JNIM")
    ctx.reasons["actor2"] = "object: 'JNIM'"
    trace = apply_conventions(ctx, AFTER_TYPING)
    assert (ctx.name1, ctx.name2) == ("JNIM", None) and "actor2" not in ctx.reasons
    assert ("one_actor_one_side", "actor1") not in trace and ("one_actor_one_side", "actor2") in trace
