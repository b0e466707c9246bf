"""ACLED's conventions on roles, as two ordered tables of small rules.

`BEFORE_TYPING` runs once a sentence's roles are resolved to names, before the final
sub-type is known (the state acts through its forces; a coup is a mutiny against the
government; sanctions hit a government; arrests with no agent are the police's; a new
group acts, out of its parent). `AFTER_TYPING` runs once the type is final (who protests,
who riots; civilians are never actor1 of violence on them; an unclaimed attack is an
unidentified armed group's). `CONVENTIONS` is the two in order; `apply_conventions` runs
one stage. The rules are the former if-blocks of extract._normalise_roles and
extract._post_type_roles, unchanged and in their order: each may rely on those before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bellum.model import Actor
from bellum.nlp.actors import country_of, is_category, resolve_generic, state_name
from bellum.nlp.events import ACCORD_WORDS, VIOLENT, clause_text
from bellum.provenance import decide, explain, forget, take
from bellum.roles.registry import RoleRule, rule, run

# words the conventions read in the clause
CROWD_TARGET = re.compile(r"(?i)\b(?:on|at|into|against) (?:the )?(?:crowds?|demonstrators|"
                          r"protesters|protestors|marchers)\b")
PROTEST_LEADERS = re.compile(r"(?i)\b(?:protest|opposition|demonstration|movement)s? "
                             r"(?:leaders?|organi[sz]ers?|figures?)\b")
MOVEMENT_WINDOW = 5  # sentences back in which a named protest movement leads 'protesters'
CIVILIAN_TARGETS = re.compile(r"(?i)\b(?:villages?|hamlets?|markets?|mosques?|churches|church|"
                              r"schools?|weddings?|funerals?|worshippers|villagers|civilians|"
                              r"displaced|camps? for displaced|buses|bus|people|passers-?by|guests|"
                              r"customers|diners|shoppers|travell?ers|passengers|pilgrims|"
                              r"mourners|residents|inhabitants|herders|farmers|traders|"
                              r"hotels?|restaurants?|caf[eé]s?)\b")
MILITARY_TARGETS = re.compile(r"(?i)\b(?:military|army|soldiers|troops|checkpoint|barracks|"
                              r"gendarmerie|police)\b")
# 'four men suspected of links to Islamist fighters': what follows is not who is held
SUSPECTED_OF = re.compile(r"(?i)\b(?:suspected|accused|on suspicion|with (?:alleged )?links|"
                          r"linked|allegedly)\b")
SANCTION_LEMMAS = {"impose sanctions", "freeze", "close", "suspend"}
MILITARY_DEAL = re.compile(r"(?i)\b(?:military|defen[cs]e|security|cooperation|status of forces)\b")
FORMED = ("form", "formation", "found", "founding")


@dataclass
class RoleContext:
    """What the conventions read and rewrite for one event: its candidate (type, trigger),
    the two names and actor1's allies, and the sentence. `resolve`, `whose_owner`,
    `from_group`, `states_named` and `new_group_cue` are extract's readings of the
    sentence, given by the caller."""

    cand: object  # nlp.events.Candidate (its event_type / sub_event_type may change)
    name1: str | None
    name2: str | None
    assoc1: list
    sm: list  # the sentence's actor mentions (tok start, tok end, ActorMention)
    st: object  # extract's document state (main_country, movements...)
    k: int  # the sentence's index
    sdoc: object
    country: str | None
    reasons: dict
    prov: dict
    dact: object = None
    resolve: Callable = None  # mention name -> canonical name (or None)
    whose_owner: Callable = None  # () -> 'the United States, whose troops': its name
    from_group: Callable = None  # () -> the trigger tells leaving a group
    states_named: Callable = None  # () -> the states whose leaders act
    new_group_cue: Callable = None  # mention -> a word naming a new group stands by it
    # set by the stage
    cty: str | None = None
    protesters: str | None = None
    recent: list = field(default_factory=list)

    @property
    def rel(self):
        return self.cand.trigger.relation

    @property
    def lemma(self):
        return self.cand.trigger.lemma


def clause_text_of(cand) -> str:
    return cand.clause


def _to_forces(c: RoleContext, n):
    et, rel, cand = c.cand.event_type, c.rel, c.cand
    if country_of(n, "government") is not None and not cand.from_lemmas & ACCORD_WORDS and (
            et in VIOLENT or rel in ("deployment", "withdrawal") or cand.trigger.control):
        return state_name("state_forces", country_of(n, "government"))
    return n


# ---- before the final type ----------------------------------------------------------

@rule("whose_troops", "actor1", "parse", "'the United States, whose troops left': the troops "
      "of the antecedent")
def whose_troops(c: RoleContext) -> None:
    owner = c.whose_owner()
    if owner is not None and owner != c.name1:
        c.name1 = owner
        decide(c.reasons, c.prov, "actor1", "whose_troops", "parse",
               "'whose troops': the forces of the country named before")


@rule("state_acts_through_forces", "actor1+actor2", "convention", "'the government attacked': "
      "in violence, deployments and taking places the state acts through its forces")
def state_acts_through_forces(c: RoleContext) -> None:
    # who demands a withdrawal is the government, not its forces
    c.name1, c.name2 = (c.name1 if c.cand.demand else _to_forces(c, c.name1)), _to_forces(c, c.name2)


@rule("demand_by_government", "actor1", "convention", "'the junta demanded that the French "
      "leave': a state's demand is its government's")
def demand_by_government(c: RoleContext) -> None:
    if c.cand.demand and country_of(c.name1, "state_forces") is not None:
        c.name1 = state_name("government", country_of(c.name1, "state_forces"))
        explain(c.reasons, "actor1", "; a state's demand: its government")


@rule("allies_as_forces", "assoc1", "convention", "the state's allies in violence are its forces too")
def allies_as_forces(c: RoleContext) -> None:
    c.assoc1 = [_to_forces(c, a) for a in c.assoc1]


@rule("coup_officer", "actor1", "convention", "'Captain X overthrew Y': an officer acts for "
      "the soldiers who follow him")
def coup_officer(c: RoleContext) -> None:
    if c.rel == "coup" and c.name1 is None and "{" not in c.cty:
        c.name1 = state_name("state_forces", c.cty)
        decide(c.reasons, c.prov, "actor1", "coup_officer", "convention",
               "coup led by a named officer: the military")


@rule("coup_mutiny", "actor1", "convention", "soldiers taking power are a mutiny of the state's forces")
def coup_mutiny(c: RoleContext) -> None:
    if c.rel == "coup" and country_of(c.name1, "state_forces") is not None:
        c.name1 = state_name("mutiny", country_of(c.name1, "state_forces"))
        explain(c.reasons, "actor1", "; soldiers taking power: a mutiny")


@rule("coup_government", "actor2", "convention", "a coup overthrows the country's government")
def coup_government(c: RoleContext) -> None:
    cty = c.cty
    if c.rel == "coup" and ("{" not in cty and c.name2 != state_name("government", cty) or
                            c.name2 is None or c.name2 == c.name1):
        c.name2 = state_name("government", cty) if "{" not in cty else None
        decide(c.reasons, c.prov, "actor2", "coup_government", "convention",
               "coup: the government overthrown")


@rule("sanctioned_government", "actor2", "convention", "'ECOWAS closed borders with Niger': "
      "sanctions punish the government of the country")
def sanctioned_government(c: RoleContext) -> None:
    name1 = c.name1
    if c.lemma in SANCTION_LEMMAS and c.cand.event_type == "Strategic developments" and name1 and \
            not is_category(name1, "government", "state_forces"):
        if country_of(c.name2, "state_forces", "police") is not None:
            c.name2 = state_name("government", country_of(c.name2, "state_forces", "police"))
        named = [m[2].actor for m in c.sm if country_of(m[2].actor, "government") is not None and
                 "{" not in m[2].actor and m[2].actor != name1]
        home = c.st.main_country or c.country
        if c.name2 is None and (named or home):
            # the country the sentence names, else the one the text is about (a summit
            # abroad does not make its host the target)
            c.name2 = named[0] if named else state_name("government", home)
            decide(c.reasons, c.prov, "actor2", "sanctioned_government", "convention",
                   "sanctions: the government of the country sanctioned")


@rule("military_agreement_forces", "actor2", "convention", "ending a defence agreement sends "
      "the other side's forces home")
def military_agreement_forces(c: RoleContext) -> None:
    if c.rel == "hostility" and c.lemma == "end agreement" and c.name2 and \
            country_of(c.name2, "government") is not None and \
            MILITARY_DEAL.search(clause_text(c.sdoc, c.cand)):
        c.name2 = state_name("state_forces", country_of(c.name2, "government"))
        explain(c.reasons, "actor2", "; a military agreement: its forces")


@rule("arrest_police", "actor1", "convention", "'were arrested' with no one named: the police "
      "make arrests (ACLED practice)")
def arrest_police(c: RoleContext) -> None:
    if c.cand.sub_event_type == "Arrests" and c.name1 is None and "{" not in c.cty:
        c.name1 = state_name("police", c.cty)
        decide(c.reasons, c.prov, "actor1", "arrest_police", "convention",
               "arrest with no agent named: the police")


@rule("peaceful_protest_no_target", "actor2", "convention", "a peaceful protest acts on no one")
def peaceful_protest_no_target(c: RoleContext) -> None:
    if c.cand.event_type == "Protests" and c.cand.sub_event_type == "Peaceful protest":
        c.name2 = None


@rule("deployment_no_target", "actor2", "convention", "a deployment or withdrawal acts on no one "
      "(ACLED leaves actor2 empty)")
def deployment_no_target(c: RoleContext) -> None:
    cand, sub = c.cand, c.cand.sub_event_type
    if cand.event_type == "Strategic developments" and (c.rel == "deployment" or sub in (
            "Non-violent transfer of territory", "Looting/property destruction")) and \
            not cand.trigger.control == "gain" and not c.from_group() and not cand.demand:
        c.name2 = None


@rule("agreement_states", "actor1+actor2", "parse", "'the leaders of Mali, Burkina Faso and "
      "Niger signed': the states named")
def agreement_states(c: RoleContext) -> None:
    if c.cand.sub_event_type == "Agreement" and c.name1 is None:
        states = c.states_named()
        if len(states) >= 2:
            c.name1, c.name2 = states[0], states[1]
            for slot in ("actor1", "actor2"):
                decide(c.reasons, c.prov, slot, "agreement_states", "parse",
                       "agreement: the states whose leaders sign")


@rule("agreement_other_party", "actor2", "parse", "a deal's other party is the one named with actor1")
def agreement_other_party(c: RoleContext) -> None:
    if c.cand.sub_event_type == "Agreement" and c.name2 is None and c.assoc1:
        c.name2, c.assoc1 = c.assoc1[0], c.assoc1[1:]
        decide(c.reasons, c.prov, "actor2", "agreement_other_party", "parse",
               "agreement: the other party named with actor1")


@rule("protest_intervening_force", "actor1+actor2", "convention", "'police dispersed the "
      "march': who intervenes is actor2 (ACLED)")
def protest_intervening_force(c: RoleContext) -> None:
    cand = c.cand
    if cand.event_type == "Protests" and cand.trigger.event_type == "Protests" and \
            cand.trigger.sub_event_type != "Peaceful protest" and c.name1 and \
            not is_category(c.name1, "protesters", "movement", "civilians", "rioters"):
        c.name2, c.name1 = c.name1, None
        take(c.reasons, c.prov, "actor2", c.reasons, c.prov, "actor1",
             more="; the force intervening in a protest")
        forget(c.reasons, c.prov, "actor1")


@rule("protest_people", "actor1", "convention", "a state does not protest: 'protests ..., the "
      "government withdrew' names the actor of another clause")
def protest_people(c: RoleContext) -> None:
    name1 = c.name1
    if c.cand.event_type == "Protests" and (name1 is None or not is_category(name1, "protesters",
                                                                            "movement")):
        if is_category(name1, "civilians", "rioters", "government", "state_forces", "police") or \
                name1 is None:
            c.name1 = f"Protesters ({c.cty})"
            decide(c.reasons, c.prov, "actor1", "protest_people", "convention",
                   "protest event: the people protesting")


@rule("riot_people", "actor1", "convention", "a riot's actor is the people rioting")
def riot_people(c: RoleContext) -> None:
    if c.cand.event_type == "Riots" and (c.name1 is None or
                                         is_category(c.name1, "civilians", "protesters")):
        c.name1 = f"Rioters ({c.cty})"
        decide(c.reasons, c.prov, "actor1", "riot_people", "convention",
               "riot event: the people rioting")


@rule("new_group", "actor1+actor2", "parse", "'part of X pledged allegiance to Y, forming Z': "
      "the new group Z acts, out of X; a split's actor is the splinter, actor2 the group left")
def new_group(c: RoleContext) -> None:
    cand, sub, rel, lemma, sm = c.cand, c.cand.sub_event_type, c.rel, c.lemma, c.sm
    groups = [m for m in sm if not is_category(m[2].actor, "civilians", "unidentified")
              and "{country}" not in m[2].actor]
    named_new = next((m for m in groups if m[0] >= cand.start and c.new_group_cue(m)),
                     None) if sub == "Change to group/activity" or rel in ("merge", "split") \
        else None
    if rel in (None, "realignment") and named_new is not None and lemma not in FORMED and \
            c.name1 and c.resolve(named_new[2].actor) != c.name1:
        c.name1, c.name2 = c.resolve(named_new[2].actor), c.name1
        decide(c.reasons, c.prov, "actor1", "new_group", "parse",
               f"new group '{named_new[2].text}' named after '{lemma}'")
        decide(c.reasons, c.prov, "actor2", "new_group_parent", "parse",
               "the group the new one came out of")
    elif rel in ("merge", "split") or (sub == "Change to group/activity" and lemma in FORMED):
        new = named_new
        if new is None and rel is None and lemma in ("formation", "founding"):
            after = [m for m in groups if m[0] > cand.start]
            new = after[0] if after else None
        if new is not None:
            nn = c.resolve(new[2].actor)
            if rel == "split":
                # the group left: first named after the trigger ('split from X'), else
                # the nearest before it ('a faction of X broke away')
                after = [m for m in groups if m is not new and m[0] >= cand.end]
                before = [m for m in groups if m is not new and m[1] <= cand.start]
                parent = after[0] if after else (before[-1] if before else None)
                c.name2 = c.resolve(parent[2].actor) if parent else None
                decide(c.reasons, c.prov, "actor2", "split_parent", "parse", "split: the group left")
            else:
                c.name2 = None
            c.name1 = nn
            decide(c.reasons, c.prov, "actor1", "new_group", "parse",
                   f"new group '{new[2].text}' after '{lemma}'")


BEFORE_TYPING = (whose_troops, state_acts_through_forces, demand_by_government, allies_as_forces,
                 coup_officer, coup_mutiny, coup_government, sanctioned_government,
                 military_agreement_forces, arrest_police, peaceful_protest_no_target,
                 deployment_no_target, agreement_states, agreement_other_party,
                 protest_intervening_force, protest_people, riot_people, new_group)


# ---- once the type is final -----------------------------------------------------------

@rule("protest_roles", "actor1+actor2", "convention", "armed men firing on protesters: "
      "excessive force; protesters clashing: a riot; a riot's people riot; a protest's "
      "protesters protest")
def protest_roles(c: RoleContext) -> None:
    main, reasons, prov, cty, protesters = c.cand, c.reasons, c.prov, c.cty, c.protesters
    et, name1, name2 = main.event_type, c.name1, c.name2
    if et == "Battles" and protesters and main.sub_event_type == "Armed clash":
        other = name1 if name1 != protesters else name2
        if main.trigger.lemma in ("kill", "open fire", "killing") or (
                other and (c.dact.actor(other) or Actor("")).inter in (1, 2, 3)
                and main.trigger.lemma not in ("clash", "riot")):
            # armed men killing or firing on protesters (ACLED: excessive force)
            main.event_type, main.sub_event_type = "Protests", \
                "Excessive force against protesters"
            c.name1, c.name2 = protesters, other
            for slot in ("event_type", "sub_event_type"):
                decide(reasons, prov, slot, "force_on_protesters", "convention",
                       "force used on protesters")
            if other is not None:
                decide(reasons, prov, "actor2", "force_on_protesters", "convention",
                       "the force used on protesters; " + reasons.get("actor1", ""))
            decide(reasons, prov, "actor1", "force_on_protesters", "convention",
                   "the protesters fired on")
        else:
            # clashes between protesters and police: a riot (ACLED)
            main.event_type, main.sub_event_type = "Riots", "Violent demonstration"
            for slot in ("event_type", "sub_event_type"):
                decide(reasons, prov, slot, "protesters_clash", "convention",
                       "clash involving protesters")
            c.name1, c.name2 = f"Rioters ({cty})" if cty else "Rioters", other
            decide(reasons, prov, "actor1", "protesters_clash", "convention", "rioting protesters")
    elif main.event_type == "Riots" and (name1 is None or is_category(
            name1, "protesters", "civilians")):
        c.name1 = f"Rioters ({cty})" if cty else "Rioters"
        decide(reasons, prov, "actor1", "riot_rioters", "convention", "riot: the people rioting")
        if name2 and not name2.endswith(f"of {cty}") and not is_category(name2, "civilians"):
            # 'attacked the French embassy': a building of a foreign state, no force met
            c.name2 = None
            forget(reasons, prov, "actor2")
    elif et == "Protests" and protesters and name1 != protesters:
        other = name1 if name1 and not is_category(name1, "protesters", "civilians") else None
        c.name1, c.name2 = protesters, (name2 if name2 != protesters else None) or other
        decide(reasons, prov, "actor1", "protest_protesters", "convention",
               "protest event: the protesters named")


@rule("civilians_not_actor1", "actor1+actor2", "convention", "in battles, bombings and "
      "strategic acts the civilians named are the target, not the actor")
def civilians_not_actor1(c: RoleContext) -> None:
    if c.cand.event_type in ("Battles", "Explosions/Remote violence", "Strategic developments") \
            and c.name1 and is_category(c.name1, "civilians"):
        if c.name2 is None:
            c.name2 = c.name1
            decide(c.reasons, c.prov, "actor2", "civilians_not_actor1", "convention",
                   "civilians are the target, not the actor")
        c.name1 = None


@rule("civilian_places", "actor2+event_type", "convention", "'gunmen attacked a market': an "
      "attack on villages and markets is violence against civilians")
def civilian_places(c: RoleContext) -> None:
    main, cty, name1 = c.cand, c.cty, c.name1
    if c.name2 is None and main.event_type == "Battles" and main.sub_event_type == "Armed clash" \
            and CIVILIAN_TARGETS.search(clause_text_of(main) + " " + main.group_text) and \
            cty and name1 and \
            not MILITARY_TARGETS.search(clause_text_of(main)) and \
            not is_category(name1, "state_forces", "police"):
        c.name2 = f"Civilians ({cty})"
        main.event_type, main.sub_event_type = "Violence against civilians", "Attack"
        for slot in ("actor2", "event_type"):
            decide(c.reasons, c.prov, slot, "civilian_places", "convention",
                   "attack on villages/markets: civilians")


@rule("strike_on_civilian_places", "actor2", "convention", "a strike or bomb on a market, a "
      "wedding, a bus: its victims are civilians")
def strike_on_civilian_places(c: RoleContext) -> None:
    wide = c.cand.wide
    if c.name2 is None and c.cand.event_type == "Explosions/Remote violence" and c.cty and \
            CIVILIAN_TARGETS.search(wide) and not MILITARY_TARGETS.search(wide):
        c.name2 = f"Civilians ({c.cty})"
        decide(c.reasons, c.prov, "actor2", "strike_on_civilian_places", "convention",
               "strike/bomb on villages/markets: civilians")


@rule("civilians_are_victims", "actor1+actor2", "convention", "civilians are never actor1 of "
      "violence on them: the civilians named are the victims")
def civilians_are_victims(c: RoleContext) -> None:
    name1, name2 = c.name1, c.name2
    if c.cand.event_type == "Violence against civilians" and name1 and \
            is_category(name1, "civilians") and (name2 is None or is_category(name2, "civilians")):
        c.name2, c.name1 = name1, None
        decide(c.reasons, c.prov, "actor2", "civilians_are_victims", "convention",
               "civilians are the target, not the actor")
        forget(c.reasons, c.prov, "actor1")


@rule("civilian_victims", "actor2", "convention", "violence against civilians: the civilians "
      "named, else the country's")
def civilian_victims(c: RoleContext) -> None:
    if c.name2 is None and c.cand.event_type == "Violence against civilians" and c.cty:
        named = [m[2].actor for m in c.sm if is_category(m[2].actor, "civilians")
                 and "{" not in m[2].actor]
        c.name2 = named[0] if named else f"Civilians ({c.cty})"
        decide(c.reasons, c.prov, "actor2", "civilian_victims", "convention",
               "violence against civilians: " + (
                   "the civilians named" if named else "the civilians of the country"))


@rule("unclaimed_attack", "actor1", "convention", "an unclaimed bombing or attack on civilians: "
      "an unidentified armed group (ACLED)")
def unclaimed_attack(c: RoleContext) -> None:
    main = c.cand
    if c.name1 is None and main.event_type in ("Explosions/Remote violence",
                                               "Violence against civilians") and \
            main.sub_event_type != "Air/drone strike" and c.cty:
        c.name1 = f"Unidentified Armed Group ({c.cty})"
        decide(c.reasons, c.prov, "actor1", "unclaimed_attack", "convention",
               "unclaimed bombing/attack: unidentified armed group (ACLED)")


@rule("protest_leaders_arrested", "actor2", "convention", "'protest leaders were arrested': "
      "the movement they lead is acted upon")
def protest_leaders_arrested(c: RoleContext) -> None:
    main = c.cand
    if main.sub_event_type == "Arrests" and c.name2 is None and c.cty and \
            PROTEST_LEADERS.search(main.wide):
        c.name2 = c.recent[-1] if c.recent else f"Protesters ({c.cty})"
        decide(c.reasons, c.prov, "actor2", "protest_leaders_arrested", "convention",
               "arrested protest leaders: their movement")


@rule("arrested_civilians", "actor2", "convention", "'police arrested two suspects': ACLED "
      "names the people arrested civilians")
def arrested_civilians(c: RoleContext) -> None:
    main = c.cand
    if main.sub_event_type == "Arrests" and c.name2 is None and c.cty and \
            not main.trigger.relation == "coup" and not MILITARY_TARGETS.search(SUSPECTED_OF.split(
                " ".join(t.text for o in main.object_tokens for t in o.subtree))[0]):
        c.name2 = f"Civilians ({c.cty})"
        decide(c.reasons, c.prov, "actor2", "arrested_civilians", "convention",
               "arrested people named by no group: civilians (ACLED)")


@rule("protest_movement", "actor1", "document", "'protesters' just after the protest movement "
      "is named: that movement (ACLED names the organiser when the text does)")
def protest_movement(c: RoleContext) -> None:
    if c.cand.event_type == "Protests" and c.name1 and is_category(c.name1, "protesters"):
        if c.recent:
            c.name1 = c.recent[-1]
            decide(c.reasons, c.prov, "actor1", "protest_movement", "document",
                   "protesters: the protest movement named just before")


@rule("one_actor_one_side", "actor2", "convention", "one actor cannot be both sides of an event")
def one_actor_one_side(c: RoleContext) -> None:
    if c.name2 is not None and c.name2 == c.name1:
        c.name2 = None
        forget(c.reasons, c.prov, "actor2")


AFTER_TYPING = (protest_roles, civilians_not_actor1, civilian_places, strike_on_civilian_places,
                civilians_are_victims, civilian_victims, unclaimed_attack,
                protest_leaders_arrested, arrested_civilians, protest_movement,
                one_actor_one_side)

CONVENTIONS: tuple[RoleRule, ...] = BEFORE_TYPING + AFTER_TYPING


def apply_conventions(ctx: RoleContext, stage: tuple[RoleRule, ...]) -> list[tuple[str, str]]:
    """Run one stage (BEFORE_TYPING or AFTER_TYPING) on `ctx`, in order; returns the
    (rule, slot) of every slot a rule changed."""
    if stage is BEFORE_TYPING:
        ctx.cty = ctx.country or ctx.st.main_country or "{country}"
    else:
        ctx.cty = ctx.country or ctx.st.main_country
        main = ctx.cand
        protesters = next((m[2].actor for m in ctx.sm if is_category(m[2].actor, "protesters")),
                          None)
        if protesters is None and main.event_type == "Battles" and CROWD_TARGET.search(
                clause_text_of(main) + " " + main.wide):
            protesters = "Protesters ({country})"  # 'fired live ammunition on the crowds'
        if protesters and "{country}" in protesters:
            protesters = resolve_generic(protesters, ctx.cty)
        ctx.protesters = protesters
        ctx.recent = [a for (i, a) in ctx.st.movements if ctx.k - MOVEMENT_WINDOW <= i <= ctx.k]
    return run(stage, ctx)
