"""Event triggers (knowledge/triggers.csv), ACLED typing, roles from the dependency
parse, and confidence.

    lex = TriggerLexicon.load(vocab)
    found = lex.find(sdoc)                       # [(token_start, token_end, Trigger)]
    cand = read_trigger(sdoc, start, end, trig, mentions)   # roles + typing, or None

Everything here works on token indices of one parsed document; extract.py turns
the results into `Event`s with dates, places and counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from itertools import product

from spacy.matcher import PhraseMatcher

from bellum.errors import KnowledgeFileInvalid
from bellum.nlp.actors import KNOWLEDGE, MISTAGGED_PASTS, STATE_SIDE, _read_rows, _split, is_category
from bellum.provenance import decide, explain, forget

EVENT_TYPES = {
    "Battles": ("Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack",
                                   "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
RELATION_KINDS = {"alliance", "hostility", "merge", "split", "realignment", "agreement",
                  "dissolution", "coup", "deployment", "withdrawal"}
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
# which reading wins when several triggers of one clause describe one occurrence
PRIORITY = {
    "Suicide bomb": 9, "Remote explosive/landmine/IED": 9, "Air/drone strike": 8,
    "Shelling/artillery/missile attack": 8, "Grenade": 8,
    "Non-state actor overtakes territory": 7, "Government regains territory": 7,
    "Abduction/forced disappearance": 6, "Sexual violence": 6, "Attack": 5,
    "Armed clash": 4, "Mob violence": 4, "Violent demonstration": 4,
    "Excessive force against protesters": 3, "Protest with intervention": 2,
}
# heads that make the event hypothetical, denied or only planned
MODAL_HEADS = {
    "threaten", "pledge", "vow", "plan", "intend", "promise", "warn", "urge", "demand",
    "want", "aim", "hope", "prepare", "deny", "refuse", "propose", "consider", "fear",
    "expect", "seek", "attempt", "try", "call", "ask", "request", "avoid", "prevent",
    "would", "could", "might", "should", "need", "wish", "offer", "recommend", "condemn", "discuss", "negotiate", "criticize", "criticise",
    # nouns of intent: 'announced its intention to fight', 'a threat to attack'
    "intention", "threat", "readiness", "willingness", "determination", "ambition", "goal",
    # 'protested the government's failure to stop the killings': no killing told here
    "failure", "inability",
}
MODAL_AUX = {"will", "would", "could", "might", "may", "should", "shall", "must", "can"}
TIME_PREPS = {"after", "before", "since", "following", "until", "during", "amid", "amidst"}
TREND_VERBS = {"increase", "rise", "intensify", "escalate", "surge", "grow", "multiply",
               "decline", "decrease", "drop", "fall", "spread", "worsen", "double", "triple"}
DURATIONS = {"day", "week", "month", "year", "decade"}
HABITUAL = {"frequently", "regularly", "often", "routinely", "repeatedly", "usually",
            "habitually", "constantly", "sometimes", "occasionally", "periodically"}
HYPOTHETICAL_MODS = {"planned", "possible", "potential", "future", "upcoming", "proposed",
                     "looming", "eventual", "threatened"}
NONVIOLENT_CUES = {"unopposed", "peacefully", "abandoned", "deserted", "vacated", "handed over",
                   "handover", "no resistance", "no fighting"}
FIGHT_RE = re.compile(r"\b(?:fight|fighting|fought|clash|clashes|battle|attack|attacked|assault|"
                      r"combat|killed|killing|repel|repelled|heavy resistance)\b")
NONVIOLENT_RE = re.compile(r"\bwithout (?:any |major |much |a |serious |significant )?"
                           r"(?:resistance|fighting|fight|confrontation|combat|shot|clashes|"
                           r"opposition|bloodshed|firing)")


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str  # V, N or any
    event_type: str
    sub_event_type: str
    relation: str | None
    control: str | None
    strength: float


def _inflections(word: str) -> set[str]:
    w = word.lower()
    out = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        out |= {w[:-1] + "ing"}
    if w.endswith("y"):
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in "aeiouwy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return out


@dataclass
class TriggerLexicon:
    triggers: list[Trigger]
    matcher: PhraseMatcher

    @classmethod
    def load(cls, vocab, path: Path | None = None) -> TriggerLexicon:
        path = path or KNOWLEDGE / "triggers.csv"
        import spacy

        triggers: list[Trigger] = []
        matcher = PhraseMatcher(vocab, attr="LOWER")
        tokenizer = spacy.blank("en", vocab=vocab).tokenizer
        for lineno, (forms, pos, etype, sub, rel, control, strength) in _read_rows(path, 7):
            if etype not in EVENT_TYPES or sub not in EVENT_TYPES[etype]:
                raise KnowledgeFileInvalid(
                    f"{path}:{lineno}: {etype!r}/{sub!r} is not an ACLED type/sub-type; "
                    "use the names of event-schema.md")
            if rel and rel not in RELATION_KINDS:
                raise KnowledgeFileInvalid(f"{path}:{lineno}: relation {rel!r} unknown; use "
                                           f"one of {sorted(RELATION_KINDS)}")
            if pos not in ("V", "N", "any"):
                raise KnowledgeFileInvalid(f"{path}:{lineno}: pos {pos!r}; use V, N or any")
            try:
                st = float(strength)
            except ValueError:
                raise KnowledgeFileInvalid(f"{path}:{lineno}: strength {strength!r} is not "
                                           "a number in 0..1") from None
            forms_t = _split(forms)
            if not forms_t:
                raise KnowledgeFileInvalid(f"{path}:{lineno}: no forms; give at least one")
            trig = Trigger(forms_t[0], pos, etype, sub, rel or None, control or None, st)
            key = str(len(triggers))
            triggers.append(trig)
            variants: set[str] = set()
            for form in forms_t:
                words = form.split()
                # inflect the first word (verb phrases) and the last (noun plurals)
                firsts = _inflections(words[0])
                lasts = _inflections(words[-1]) if len(words) > 1 else {""}
                for f, la in product(firsts, lasts):
                    variants.add(" ".join([f, *words[1:-1], la]) if len(words) > 1 else f)
            matcher.add(key, [tokenizer(v) for v in sorted(variants)])
        return cls(triggers, matcher)

    def find(self, sdoc) -> list[tuple[int, int, Trigger]]:
        """Trigger matches over a parsed document, longest first, no overlaps."""
        found = []
        for key, s, e in self.matcher(sdoc):
            trig = self.triggers[int(sdoc.vocab.strings[key])]
            head = _phrase_head(sdoc[s:e])
            if head.ent_type_ == "DATE" or (head.text[:1].isupper() and head.pos_ == "PROPN"
                                             and not head.is_sent_start):
                continue  # "March 2012", "Operation Barkhane Strike"
            if trig.pos == "V" and head.pos_ not in ("VERB", "AUX") and e - s == 1 and not (
                    head.lower_ in MISTAGGED_PASTS and head.i > 0 and
                    head.nbor(-1).pos_ in ("NOUN", "PROPN")):
                # ... but 'the army retook Djibo': the small model tags an irregular past
                # it does not know as a noun; after a noun it is still the verb
                continue
            if trig.pos == "N" and head.pos_ not in ("NOUN", "PROPN"):
                continue
            if e - s == 1 and head.dep_ in ("compound", "amod") and head.head.lemma_ in (
                    "helicopter", "aircraft", "plane", "jet", "drone", "force", "group",
                    "cell", "unit", "squad", "dog", "team", "vehicle", "boat", "base"):
                continue
            if trig.sub_event_type == "Agreement" and head.pos_ in ("NOUN", "PROPN") and \
                    trig.lemma not in ("negotiation", "release") and _ended(head):
                trig = ENDED_DEAL  # 'denounced the defence agreements': the deal's ending
            elif trig.sub_event_type == "Agreement" and head.pos_ in ("NOUN", "PROPN") and \
                    trig.lemma != "negotiation" and not _concluded(head):
                continue
            if trig.lemma == "take" and any(c.dep_ == "dobj" and c.lemma_.lower() in NOT_TAKEN
                                            for c in head.children):
                continue  # 'took place', 'took part', 'took up positions': nothing captured
            if trig.event_type == "Protests" and e - s == 1 and head.dep_ in (
                    "compound", "amod") and head.head.lemma_.lower() in PROTEST_PEOPLE:
                continue  # 'protest leaders were arrested': the arrest is the event
            if trig.lemma == "gather" and (not _crowd(head) or _not_protesting(head)):
                continue  # 'leaders gathered in Niamey', 'gathered intelligence'
            if head.lemma_.lower() == "evacuate" and (head.head.lemma_.lower() in ("help", "assist") or any(
                    c.dep_ == "dobj" and (c.lemma_.lower() in EVACUEES or c.lower_ in EVACUEES)
                    for c in head.children)):
                continue  # 'helped evacuate the wounded': a rescue, not a withdrawal
            if trig.lemma in ("freeze", "close") and not any(
                    t.lemma_.lower() in SANCTIONED for t in head.subtree if t.dep_ in (
                        "dobj", "nsubjpass", "pobj", "conj")):
                continue  # sanctions freeze assets and close borders; other closings are not
            if trig.lemma in ("operation", "contribution") and head.head.lemma_.lower() not in LAUNCH:
                continue
            if trig.lemma == "negotiation" and not (
                    head.head.lemma_.lower() in TALKS_START or
                    any(c.lemma_.lower() in TALKS_START for c in head.children)):
                continue  # 'negotiations began/resumed' is an event; talk about talks is not
            if trig.lemma == "release" and not any(
                    t.lemma_.lower() in CAPTIVES for t in head.subtree) and not any(
                    t.lemma_.lower() in CAPTIVES for t in head.children):
                if not (head.dep_ == "relcl" and head.head.lemma_.lower() in CAPTIVES):
                    continue  # releasing a video, a statement: not freeing captives
            if trig.sub_event_type == "Protest with intervention" and not any(
                    t.lemma_.lower() in PROTEST_WORDS for t in head.sent):
                continue  # 'dispersed into the bush': dispersing is a protest event only
            if trig.event_type == "Explosions/Remote violence" and head.pos_ == "NOUN" and \
                    _carried(head):
                continue  # 'fighters armed with rifles and grenades': a weapon, no event
            if trig.lemma == "explode" and head.lemma_ == "explode" and not any(
                    t.lemma_.lower() in ("bomb", "device", "mine", "ied", "explosive", "car",
                                         "vehicle", "shell", "grenade") for t in head.sent):
                continue
            found.append((s, e, trig))
        found.sort(key=lambda f: (-(f[1] - f[0]), -f[2].strength, f[0]))
        taken: set[int] = set()
        out = []
        for s, e, trig in found:
            if taken & set(range(s, e)):
                continue
            taken |= set(range(s, e))
            out.append((s, e, trig))
        return sorted(out, key=lambda f: f[0])


PROTEST_WORDS = {"protest", "protester", "protestor", "demonstration", "demonstrator", "rally",
                 "march", "marcher", "crowd", "sit-in"}
CAPTIVES = {"hostage", "prisoner", "captive", "detainee", "kidnap", "abductee", "soldier",
            "civilian", "worker", "tourist"}
TALKS_START = {"begin", "start", "resume", "open", "launch", "hold", "enter", "restart"}
LAUNCH = {"launch", "begin", "start", "initiate", "conduct", "mount", "announce", "authorize",
          "authorise", "approve", "decide", "make"}
CONCLUDE = {"sign", "reach", "conclude", "come", "agree", "broker", "strike", "seal", "form",
            "announce", "enter", "ink", "culminate", "adopt", "declare", "establish", "make"}


PROTEST_PEOPLE = {"leader", "organiser", "organizer", "movement", "group", "coalition",
                  "figure", "camp", "song", "slogan", "sign", "banner"}
NOT_TAKEN = {"place", "part", "position", "office", "step", "measure", "note", "care", "refuge",
             "shelter", "oath", "charge", "advantage", "time", "effect", "aim", "stock"}
CROWD = {"people", "crowd", "thousand", "hundred", "dozen", "supporter", "protester", "resident",
         "demonstrator", "youth", "student", "woman", "citizen", "member", "marcher", "activist"}
SANCTIONED = {"asset", "account", "fund", "border", "frontier", "airspace", "bank"}
END_DEAL = {"end", "terminate", "denounce", "renounce", "revoke", "cancel", "scrap", "abrogate",
            "annul", "repudiate", "tear", "abandon", "rescind"}
ENDED_DEAL = Trigger("end agreement", "N", "Strategic developments", "Other", "hostility", None,
                     0.8)


CARRY = {"armed", "arm", "equip", "equipped", "carry", "carrying", "wield", "brandish"}


SMALL_ARMS = {"rifle", "gun", "firearm", "kalashnikov", "ak-47", "machine-gun", "pistol",
              "small", "automatic", "assault"}


def _carried(noun) -> bool:
    """'armed with rifles and rocket-propelled grenades', 'men carrying mortars': the
    weapons someone has, not their use."""
    node = noun
    for _ in range(6):
        head = node.head
        if head is node:
            return False
        if (head.lemma_.lower() in CARRY or head.lower_ in CARRY) and not any(
                c.dep_ == "prt" for c in head.children):  # 'carried out airstrikes': used
            return True
        if head.lower_ == "with" and any(t.lemma_.lower() in SMALL_ARMS for t in head.subtree):
            return True  # 'attacked it with rifles and grenades': a gunfight, not a shelling
        if head.pos_ in ("VERB", "AUX") and head.lower_ not in ("propelled",):
            return False  # 'fired rockets at the camp': the weapon used
        node = head
    return False


EVACUEES = {"wounded", "injured", "casualty", "civilian", "resident", "people", "villager",
            "population", "family", "child", "woman", "patient", "student", "worker", "staff",
            "body", "victim", "survivor", "national", "citizen", "expatriate", "tourist"}
NOT_PROTESTERS = {"fighter", "militant", "jihadist", "soldier", "troop", "rebel", "gunman",
                  "insurgent", "militiaman", "displaced", "refugee", "idp", "pilgrim",
                  "worshipper", "mourner", "herder"}
NOT_PROTEST_AIMS = {"meeting", "prayer", "prayers", "wedding", "funeral", "ceremony",
                    "celebration", "market", "distribution", "aid", "feast", "festival",
                    "briefing", "training", "assault", "attack", "offensive"}


def _not_protesting(verb) -> bool:
    """'hundreds of fighters had gathered for a meeting', 'displaced people gathered in
    the town': armed men, the displaced or a crowd met for another purpose do not protest."""
    subj = [t for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    if any(t.lemma_.lower() in NOT_PROTESTERS or t.lower_ in NOT_PROTESTERS for t in subj):
        return True
    return any(p.dep_ == "prep" and p.lower_ in ("for", "to") and any(
        o.lemma_.lower() in NOT_PROTEST_AIMS or o.lower_ in NOT_PROTEST_AIMS
        for o in p.children) for p in verb.children)


def _crowd(verb) -> bool:
    """'tens of thousands of people gathered', 'crowds gathered', 'supporters assembled'."""
    return any(t.lemma_.lower() in CROWD or t.lower_ in ("crowds", "thousands", "hundreds")
               for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree)


def _ended(noun) -> bool:
    """'the junta denounced the military cooperation agreements', 'ended its accord'."""
    node = noun
    for _ in range(2):
        head = node.head
        if head is node:
            return False
        if head.pos_ in ("VERB", "NOUN") and head.lemma_.lower() in END_DEAL and \
                node.dep_ in ("dobj", "pobj", "nsubjpass"):
            return True
        if head.lower_ not in ("of", "from"):
            return False
        node = head
    return False


def _concluded(noun) -> bool:
    """'signed a peace deal', 'a ceasefire was agreed', 'culminated in the accords'."""
    node = noun
    for _ in range(3):
        head = node.head
        if head is node:
            return False
        if head.lemma_.lower() in CONCLUDE:
            return True
        if head.pos_ == "VERB" and node.dep_ in ("nsubjpass",) and head.lemma_ in CONCLUDE:
            return True
        node = head
    return any(c.lemma_.lower() in CONCLUDE for c in noun.children)


def _phrase_head(span):
    return span.root


@dataclass
class Candidate:
    """One reading of one trigger: typing and roles, before dates/places/counts."""

    start: int  # trigger token start
    end: int
    trigger: Trigger
    event_type: str
    sub_event_type: str
    actor1: tuple[int, int, object] | None = None  # (tok start, tok end, ActorMention)
    actor2: tuple[int, int, object] | None = None
    assoc1: list = field(default_factory=list)
    assoc2: list = field(default_factory=list)
    objects: list[int] = field(default_factory=list)  # token heads of the trigger's objects
    reasons: dict[str, str] = field(default_factory=dict)
    provenance: dict = field(default_factory=dict)  # slot -> model.Provenance
    hypothetical: str | None = None
    object_tokens: list = field(default_factory=list)  # direct objects of the trigger
    from_lemmas: set = field(default_factory=set)  # words after the trigger's "from"
    attacker: str = ""  # actor1's whole noun phrase ('Malian army helicopters')
    demand: bool = False  # a demand that actor2 withdraw, made by actor1 (a government)
    # the sentence's words the conventions read (set by extract._build_events; never reasons)
    clause: str = ""  # the words the trigger governs (clause_text)
    group_text: str = ""  # the clauses of the other words of the same occurrence
    wide: str = ""  # the trigger's whole clause without actor1's own words


def is_hypothetical(tok) -> str | None:
    """Why the trigger token reports no real occurrence (threat, plan, denial), or None."""
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
            return "negated"
        if child.dep_ == "aux" and child.lower_ in MODAL_AUX:
            return f"modal '{child.text}'"
        if child.dep_ == "amod" and child.lower_ in HYPOTHETICAL_MODS:
            return f"modifier '{child.text}'"
        if child.dep_ == "advmod" and child.lower_ in HABITUAL:
            return f"habitual '{child.text}'"  # 'the area is frequently targeted'
    if tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("have", "has")
                                 for c in tok.children) and any(
            c.dep_ in ("prep", "advcl") and c.lower_ == "since" or any(
                m.dep_ == "mark" and m.lower_ == "since" for m in c.children)
            for c in tok.children):
        return "cumulative since"  # '40 peacekeepers have been killed since 2013': a tally
    if tok.dep_ in ("advcl", "acl") and tok.tag_ == "VB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return "purpose ('to fight')"  # 'demanding resources to fight': an aim, not an act
    if tok.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ == "aux" and c.lower_ in MODAL_AUX for c in tok.head.children):
        return f"subject of modal '{tok.head.text}'"  # 'the blockade would continue'
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in TIME_PREPS and all(
            c.dep_ in ("det", "poss") for c in tok.children):
        return f"time reference '{tok.head.text} the {tok.text}'"  # 'after the coup'
    if tok.tag_ == "NNS" and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in TREND_VERBS:
        return f"trend '{tok.head.text}'"  # 'attacks increased': many events, no one
    if tok.lower_ in ("coups", "putsches") or any(
            c.dep_ == "prep" and c.lower_ == "in" and any(
                o.lower_ in ("coups", "putsches") for o in c.children) for c in tok.children):
        return "several coups"  # 'who took power in coups in 2020 and 2021'
    if tok.tag_ == "NNS" and tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
            tok.head.head.lemma_.lower() in DURATIONS:
        return f"duration '{tok.head.head.text} of'"  # 'months of protests': many events
    node = tok
    for _ in range(3):
        head = node.head
        if head is node:
            break
        if node.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "advcl", "relcl") \
                and head.lemma_.lower() in MODAL_HEADS:
            if head.lemma_.lower() in ("deny",) or node.dep_ in ("xcomp", "dobj", "pobj",
                                                                  "prep", "acl"):
                return f"under '{head.text}'"
        if any(c.dep_ == "aux" and c.lower_ in MODAL_AUX for c in head.children) and \
                node.dep_ in ("xcomp", "conj", "dobj"):
            return f"modal on '{head.text}'"
        node = head
    return None


def mentions_in(tok_lo: int, tok_hi: int, mentions: list) -> list:
    return [m for m in mentions if m[0] >= tok_lo and m[1] <= tok_hi + 1]


COLLECTIVE_HEADS = {"group", "unit", "band", "squad", "detachment", "contingent", "column",
                    "team", "platoon", "company", "battalion", "patrol", "number", "dozens",
                    "hundreds", "members", "member"}


def _role_from(tok, mentions) -> tuple[object | None, list]:
    """The actor mention a dependent token stands for, plus its coordinated allies."""
    sub = mentions_in(tok.left_edge.i, tok.right_edge.i, mentions)
    # 'a room where a meeting of the G5 Sahel force was due', 'the hotel where UN staff
    # stayed': a relative clause describes the target, its actors are not the target
    decor = {t.i for d in tok.subtree if d is not tok and d.dep_ == "relcl" and
             d.lemma_.lower() not in TOLL_VERBS and not _held_clause(d) and
             not (d.left_edge.i <= tok.i <= d.right_edge.i) for t in d.subtree}
    sub = [m for m in sub if m[0] not in decor]
    if not sub:
        return None, []
    if tok.lemma_.lower() in COLLECTIVE_HEADS and not any(m[0] <= tok.i < m[1] for m in sub):
        # 'a group of Koglweogo', 'a unit of VDP': the actor the collective is made of
        of = [m for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
              for m in sub if p.i < m[0] <= p.right_edge.i]
        if of:
            return of[0], []
    main = None
    for m in sub:
        if m[0] <= tok.i < m[1]:
            main = m
            break
    if main is None:
        main = sub[0]
    # "fighters of the Patriotic Front", "militants from JNIM", "gunmen, alleged to be
    # ISGS": the one named group (two alternatives - "AQIM or MOJWA" - stay unnamed)
    named = {m[2].actor for m in sub if "{" not in m[2].actor and not is_category(
        m[2].actor, "unidentified", "civilians", "state_forces", "government")}
    if len(named) > 1:  # 'the al-Qaeda-linked JNIM': the parent only qualifies its branch
        named -= {"Al-Qaeda", "Islamic State"}
    if is_category(main[2].actor, "unidentified") and len(named) == 1:
        for m in sub:
            t = tok.doc[m[0]]
            if any(a.lemma_ in ("support", "back", "assist", "help", "accompany")
                   for a in list(t.ancestors)[:3]):
                continue  # 'supported by the VDP': an ally, not the same actor
            if m is not main and m[2].actor in named and (any(
                    a.lower_ in ("of", "from") and a.head.i == tok.i
                    for a in [t] + list(t.ancestors)[:3]) or any(
                    a.dep_ in ("appos", "acl", "attr", "xcomp") for a in [t] + list(t.ancestors)[:3])):
                main = m
                break
    others = [m for m in sub if m is not main and m[2].actor != main[2].actor]
    # only coordinated ones are allies: "X and Y", "X, backed by Y", "X with Y"
    allies = []
    for m in others:
        t = tok.doc[m[1] - 1]
        path = {a.dep_ for a in [t] + list(t.ancestors)[:3]}
        near = [t] + list(t.ancestors)[:3]
        between = {x.lower_ for x in tok.doc[min(m[1], main[1]):max(m[0], main[0])]}
        if "conj" in path or t.head.lemma_ in ALLY_WORDS or any(
                a.lemma_ in ALLY_WORDS and a.i != tok.i for a in near[1:]) or (
                between and between <= {"and", ",", "the"} and "and" in between):
            # 'FAMa and Africa Corps forces': listed together, whatever the parse says
            allies.append(m)
    return main, allies


# fighting words whose two sides are named alike ('X and Y clashed', 'clashes between')
RECIPROCAL = {"clash", "fight", "fighting", "battle", "combat", "skirmish", "confrontation"}
ALLY_WORDS = {"back", "support", "help", "with", "alongside", "assist", "aid", "along",
              "accompany", "reinforce", "join"}


def _deep_agents(tok) -> list:
    """'was killed during an operation in Menaka by the army': a 'by' phrase hanging lower
    in the passive verb's own clause (not in a clause with its own subject)."""
    out = []
    for d in tok.subtree:
        if d is tok or not (d.dep_ == "agent" or d.dep_ == "prep" and d.lower_ == "by"):
            continue
        path = [d] + [a for a in d.ancestors if a.i != tok.i and tok in a.ancestors]
        if len(path) <= 5 and not any(a.dep_ in ("relcl", "ccomp", "advcl") for a in path):
            out.append(d)
    return out[:1]


def _first_conjunct(sdoc, m, mentions):
    """'the army and Dozo militiamen ... executed': the first of coordinated actors leads."""
    tok = sdoc[m[1] - 1]
    for _ in range(3):  # 'Dozo militia members': from the modifier to the noun it modifies
        if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i:
            tok = tok.head
    for _ in range(4):
        if tok.dep_ != "conj":
            break
        tok = tok.head
    for x in mentions:
        if x[0] <= tok.i < x[1]:
            return x
    return m


def _children(tok, deps):
    return [c for c in tok.children if c.dep_ in deps]


# passive verbs whose subject suffers the event: 'were killed', 'was ambushed'
HARM_VERBS = {"kill", "wound", "injure", "hurt", "attack", "ambush", "target", "abduct",
              "kidnap", "execute", "shoot", "massacre", "slaughter", "murder", "hit", "strike",
              "raid", "assault", "storm", "overrun", "behead", "capture", "seize"}


# things that act as a verb's subject: 'a bomb killed', 'the blast wounded', 'a mine hit'
THING_SUBJECTS = {"bomb", "mine", "landmine", "device", "ied", "explosive", "explosion", "blast",
                  "shell", "rocket", "mortar", "missile", "grenade", "strike", "airstrike",
                  "drone", "vehicle", "car", "truck", "fire", "gunfire", "bullet", "attack",
                  "ambush", "raid", "assault", "fighting", "clash", "clashes", "violence"}
BLAME_VERBS = {"blame", "accuse"}  # the subject only speaks of it
TAKING_VERBS = {"capture", "seize", "storm", "overrun"}  # what stands before was taken


def _subject_of(verb, mentions, depth: int = 5):
    """nsubj of a verb, climbing xcomp/conj/advcl heads ('began fighting',
    'managed to retake', 'attacked and took control')."""
    node = verb
    controlled = True  # climbed only through xcomp: 'were ordered to leave' - who leaves
    shares_passive = True
    for _ in range(depth):
        subjects = _children(node, ("nsubj", "nsubjpass" if node is not verb else "nsubj"))
        for c in subjects:
            m, allies = _role_from(c, mentions)
            if not m and node is verb and c.pos_ in ("NOUN", "PROPN") and \
                    c.lemma_.lower() in THING_SUBJECTS:
                # 'after a roadside bomb had killed a soldier': the verb has its own
                # subject, a thing; the subject of the clause it hangs on did not act
                return None, [], ""
            if m:
                adjacent = next((x for x in mentions if x[1] == node.i and x is not m), None)
                if adjacent is not None and not any(x[0] <= c.i < x[1] for x in mentions):
                    # 'clashes triggered by the UN's exit, junta and Wagner forces
                    # captured': a misparsed subject; the actor just before the verb acts
                    return adjacent, [], c.dep_
                if c.dep_ == "nsubjpass" and not controlled and \
                        node.lemma_.lower() in HARM_VERBS and shares_passive:
                    # 'soldiers were killed when a bomb exploded', 'were killed and 13
                    # wounded in an attack': the passive subject of a harm verb is a victim
                    # (not 'was driven out and withdrew', 'was implicated in massacres')
                    return m, allies, "victim"
                return m, allies, c.dep_
        if node.dep_ != "xcomp":
            controlled = False
        # a finite verb joined to a passive one has the passive's subject as its own actor
        shares_passive = not (node.dep_ == "conj" and node.tag_ in ("VBD", "VBZ", "VBP"))
        if node.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl", "ccomp", "dobj", "pobj",
                         "prep", "relcl") and node.head is not node:
            node = node.head
            if node.dep_ == "prep":
                node = node.head
            continue
        break
    return None, [], ""


def _same_clause(sdoc, tok, m, is_verb: bool) -> bool:
    """False for an actor outside the clause of a weapon noun that is its verb's subject
    ('soldiers burned a village after a landmine had killed two': not the layers)."""
    clause = tok if is_verb else tok.head
    if not is_verb and (tok.dep_ != "nsubj" or tok.lemma_.lower() not in THING_SUBJECTS) or \
            is_verb and not any(c.dep_ == "nsubj" and c.lemma_.lower() in THING_SUBJECTS
                                for c in tok.children) or \
            clause.dep_ not in ("advcl", "relcl", "ccomp", "conj"):
        return True
    return clause.left_edge.i <= m[0] <= clause.right_edge.i


def _governing_victim(tok, mentions, sides_ok: bool = True):
    """The named passive subject of a harm verb up to three heads above `tok` ('were
    killed when a bomb exploded', 'were killed in an attack'), with its allies; with
    `sides_ok` False, none when it names two sides ('militants and hostages were killed')."""
    node = tok
    for _ in range(3):
        if node.head is node or node.dep_ in ("relcl", "ccomp"):
            return None
        node = node.head
        if node.lemma_.lower() in HARM_VERBS and any(c.dep_ == "auxpass" for c in node.children):
            for c in _children(node, ("nsubjpass",)):
                m, al = _role_from(c, mentions)
                sides = {x[2].actor for x in mentions_in(c.left_edge.i, c.right_edge.i, mentions)}
                if m and (sides_ok or len(sides) < 2):
                    return m, al
            return None
    return None


def _agent_elsewhere(verb, mentions) -> bool:
    """'Four soldiers and two civilians were killed when jihadists raided a post': a clause
    of the passive verb names who acted."""
    for c in verb.children:
        if c.dep_ in ("advcl", "prep"):
            for d in c.subtree:
                if d.dep_ in ("nsubj", "pobj") and d is not c and \
                        any(x[0] <= d.i < x[1] for x in mentions):
                    return True
    return False


def read_trigger(sdoc, s: int, e: int, trig: Trigger, mentions: list) -> Candidate:
    """Typing and roles for one trigger from the dependency parse.

    mentions: (tok start, tok end, ActorMention) of the trigger's sentence."""
    span = sdoc[s:e]
    tok = span.root
    cand = Candidate(s, e, trig, trig.event_type, trig.sub_event_type)
    cand.hypothetical = is_hypothetical(tok)
    cand.object_tokens = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    cand.from_lemmas = {o.lemma_.lower() for p in tok.children if p.dep_ == "prep" and
                        p.lower_ == "from" for o in p.subtree}
    r, pv = cand.reasons, cand.provenance
    decide(r, pv, "event_type", "trigger", "lexicon", f"trigger '{span.text}' ({trig.lemma})",
           words=span.text, key=trig.lemma)
    a1 = a2 = None
    al1: list = []
    al2: list = []
    is_verb = tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB"))
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    if is_verb:
        if passive:
            for c in _children(tok, ("nsubjpass",)):
                m, al = _role_from(c, mentions)
                if m:
                    a2, al2 = m, al
                    decide(r, pv, "actor2", "passive_subject", "parse", "passive subject")
                    # 'N soldiers and M militants were killed' - both sides, no agent
                    subs = [x for x in mentions_in(c.left_edge.i, c.right_edge.i, mentions)]
                    if len({x[2].actor for x in subs}) >= 2 and not _children(tok, ("agent",)) \
                            and not _agent_elsewhere(tok, mentions):
                        a1, a2 = subs[0], [x for x in subs if x[2].actor != subs[0][2].actor][0]
                        al2 = []
                        decide(r, pv, "actor1", "sides_killed_first", "parse",
                               "first of the sides killed (no agent)")
                        decide(r, pv, "actor2", "sides_killed_second", "parse",
                               "second of the sides killed (no agent)")
            # 'were killed and five injured by Islamists': the agent of a conjoined verb
            agents = _children(tok, ("agent",)) or [
                a for v in [tok.head, *tok.children] if v.dep_ == "conj" or v is tok.head
                and tok.dep_ == "conj" for a in _children(v, ("agent",))] or _deep_agents(tok)
            for ag in agents:
                for p in _children(ag, ("pobj",)):
                    m, al = _role_from(p, mentions)
                    if m and (a2 is None or m[2].actor != a2[2].actor):
                        a1, al1 = m, al
                        decide(r, pv, "actor1", "passive_agent", "parse", "passive agent 'by'")
        else:
            m, al, dep = _subject_of(tok, mentions)
            if m and dep == "victim":
                a2, al2 = m, al
                decide(r, pv, "actor2", "governing_verb_victim", "parse",
                       "passive subject of the governing verb (a victim)")
            elif m:
                a1, al1 = m, al
                decide(r, pv, "actor1", "subject", "parse",
                       "subject" if dep == "nsubj" else "subject of governing verb")
            for c in _children(tok, ("dobj", "obj")):
                cand.objects.append(c.i)
                m, al = _role_from(c, mentions)
                if m and trig.sub_event_type == "Arrests" and not m[0] <= c.i < m[1]:
                    m = None  # 'arrested four men suspected of links to X': X is not held
                if m and (a1 is None or m[2].actor != a1[2].actor):
                    a2, al2 = m, al
                    decide(r, pv, "actor2", "object", "parse", "object")
        for p in _children(tok, ("prep",)):
            if p.lower_ == "between" and a1 is None and a2 is None:
                # 'fighting between the army and the CSP broke out': both sides
                names: list = []
                for o in _children(p, ("pobj",)):
                    for x in mentions_in(o.left_edge.i, o.right_edge.i, mentions):
                        if x[2].actor not in [y[2].actor for y in names]:
                            names.append(x)
                if len(names) >= 2:
                    a1, a2 = names[0], names[1]
                    decide(r, pv, "actor1", "between_first", "parse", "'between' first side")
                    decide(r, pv, "actor2", "between_second", "parse", "'between' second side")
            if p.lower_ in ("against", "on", "with", "between", "from", "in", "at") and a2 is None \
                    and not (trig.sub_event_type == "Arrests" and p.lower_ in ("on", "with")):
                # ('arrested on suspicion of helping an armed group': not who is held)
                for o in _children(p, ("pobj",)):
                    m, al = _role_from(o, mentions)
                    if m and (a1 is None or m[2].actor != a1[2].actor):
                        a2, al2 = m, al
                        decide(r, pv, "actor2", "prep_object", "parse", f"'{p.text}' object")
                        if p.lower_ in ("with", "between") and trig.event_type == "Battles":
                            explain(r, "actor2", " (clash partner)")
            if p.lower_ in ("into", "of", "in", "at", "to") or p.lower_ == "from":
                cand.objects.extend(o.i for o in _children(p, ("pobj",)))
    else:
        # noun trigger: 'an attack by X on Y', 'JNIM attack', 'clashes between X and Y'
        of_actor = None  # 'the withdrawal of its troops': used if no verb names the actor
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod") and a1 is None:
                m, al = _role_from(c, mentions)
                if m:
                    a1, al1 = m, al
                    decide(r, pv, "actor1", "noun_modifier", "parse", "modifier of the event noun")
            if c.dep_ == "prep":
                for o in _children(c, ("pobj",)):
                    if trig.control == "gain" and a2 is None:
                        # 'the capture of Ber from the CSP': the loser, however it hangs
                        for f in o.subtree:
                            if f.dep_ == "prep" and f.lower_ == "from" and f is not c:
                                for fo in _children(f, ("pobj",)):
                                    m, al = _role_from(fo, mentions)
                                    if m:
                                        a2, al2 = m, al
                                        decide(r, pv, "actor2", "noun_from_holder", "parse",
                               "'from' after the taking noun: the former holder")
                        if a2 is not None and c.lower_ == "of":
                            cand.objects.append(o.i)
                            continue
                    m, al = _role_from(o, mentions)
                    if not m:
                        if c.lower_ in ("in", "at", "of", "near", "on"):
                            cand.objects.append(o.i)
                        continue
                    if c.lower_ == "by" and a1 is None:
                        a1, al1 = m, al
                        decide(r, pv, "actor1", "noun_by", "parse", "'by' after the event noun")
                    elif c.lower_ == "between":
                        conj = mentions_in(o.left_edge.i, o.right_edge.i, mentions)
                        names = []
                        for x in conj:
                            if x[2].actor not in [y[2].actor for y in names]:
                                names.append(x)
                        if names:
                            a1 = names[0]
                            decide(r, pv, "actor1", "between_first", "parse", "'between' first side")
                        if len(names) > 1:
                            a2 = names[1]
                            decide(r, pv, "actor2", "between_second", "parse", "'between' second side")
                    elif c.lower_ in ("on", "against", "with", "targeting") and a2 is None:
                        a2, al2 = m, al
                        decide(r, pv, "actor2", "noun_prep_target", "parse", f"'{c.text}' after the event noun")
                    elif c.lower_ == "from" and trig.control == "gain" and a2 is None:
                        a2, al2 = m, al  # 'the capture of Kidal from the CSP': the loser
                        decide(r, pv, "actor2", "noun_from_holder", "parse",
                               "'from' after the taking noun: the former holder")
                    elif c.lower_ in ("of", "from") and a1 is None and of_actor is None:
                        of_actor = (m, al, f"'{c.text}' after the event noun")
        if a2 is None:  # 'an ambush by X on Y': the 'on' phrase may hang lower
            for d in tok.subtree:
                if d.dep_ == "prep" and d.lower_ in ("on", "against", "targeting") and d is not tok:
                    for o in _children(d, ("pobj",)):
                        m, al = _role_from(o, mentions)
                        if m and (a1 is None or m[2].actor != a1[2].actor):
                            a2, al2 = m, al
                            decide(r, pv, "actor2", "noun_prep_under", "parse", f"'{d.text}' under the event noun")
                            break
                if a2 is not None:
                    break
        for c in tok.children:  # 'an ambush planned by X', 'an attack claimed by X'
            if a1 is None and c.dep_ == "acl":
                for ag in _children(c, ("agent",)):
                    for o in _children(ag, ("pobj",)):
                        if not any(x[0] <= o.i < x[1] for x in mentions):
                            continue  # 'fighting triggered by X's withdrawal': a cause, not X
                        m, al = _role_from(o, mentions)
                        if m:
                            a1, al1 = m, al
                            decide(r, pv, "actor1", "acl_by", "parse", f"'by' after '{c.text}'")
        head = tok.head
        if a1 is None and tok.dep_ in ("dobj", "pobj", "attr") and head is not tok:
            verb = head.head if head.dep_ == "prep" else head
            m, al, dep = _subject_of(verb, mentions)
            if verb.lemma_.lower() in BLAME_VERBS:
                # 'the army blamed JNIM for the attack': who is blamed did it, not the blamer
                m, al, dep = None, [], ""
                # ('X was blamed for the ambush': the passive subject is who is blamed)
                for c in _children(verb, ("dobj", "nsubjpass")):
                    m, al = _role_from(c, mentions)
                    if m:
                        a1, al1 = m, al
                        decide(r, pv, "actor1", "blamed_for", "parse", f"who is blamed for it ('{verb.text}')")
                        m = None
            if m and dep == "victim":
                if a2 is None:  # 'soldiers were killed in an attack': the attacked
                    a2, al2 = m, al
                    decide(r, pv, "actor2", "governing_passive_victim", "parse",
                           f"passive subject of '{verb.text}' (a victim)")
            elif m and trig.sub_event_type == "Remote explosive/landmine/IED" and \
                    verb.lemma_.lower() in HIT_VERBS:
                if a2 is None:  # 'his vehicle hit a roadside bomb': the target, not the bomber
                    a2, al2 = m, al
                    decide(r, pv, "actor2", "hit_explosive", "parse", f"what hit the explosive ('{verb.text}')")
            elif m and verb.lemma_.lower() in REPEL_VERBS:
                if a2 is None:  # 'guards repelled an attack': the defender is the target
                    a2, al2 = m, al
                    decide(r, pv, "actor2", "repeller", "parse", f"who repelled the attack ('{verb.text}')")
            elif m:
                a1, al1 = m, al
                decide(r, pv, "actor1", "governing_subject", "parse", f"subject of '{verb.text}'")
        if a1 is None and tok.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB":
            # 'the first attack began ... by MNLA militants'
            for p in head.children:
                if p.dep_ in ("prep", "agent") and p.lower_ == "by":
                    for o in _children(p, ("pobj",)):
                        m, al = _role_from(o, mentions)
                        if m:
                            a1, al1 = m, al
                            decide(r, pv, "actor1", "by_on_head", "parse", f"'by' on '{head.text}'")
        if a2 is None:
            for c in [d for d in tok.subtree if d.dep_ == "relcl" and (
                    d.head.i == tok.i or d.head.pos_ == "PROPN" and d.head.head.head.i == tok.i)]:
                # 'an ambush (near Gayeri,) in which a group of Koglweogo was attacked': its
                # target (the clause may hang on the place named after the event noun)
                if c.lemma_.lower() in HARM_VERBS and any(x.dep_ == "auxpass" for x in c.children):
                    for sp in _children(c, ("nsubjpass",)):
                        m, al = _role_from(sp, mentions)
                        if m and (a1 is None or m[2].actor != a1[2].actor):
                            a2, al2 = m, al
                            decide(r, pv, "actor2", "relcl_passive_target", "parse",
                                   f"passive subject of '{c.text}' in the clause on the event")
        if a1 is None and of_actor is not None:
            a1, al1, why = of_actor
            decide(r, pv, "actor1", "noun_of", "parse", why)
        if tok.dep_ in ("nsubj",) and head.pos_ == "VERB":
            for c in _children(head, ("dobj",)):
                m, al = _role_from(c, mentions)
                if m and (a1 is None or m[2].actor != a1[2].actor):
                    a2, al2 = m, al
                    decide(r, pv, "actor2", "head_object", "parse", f"object of '{head.text}'")
    if a2 is None and trig.lemma not in RECIPROCAL:
        # 'five police officers were killed when a bomb exploded': the passive subject of
        # the harm verb governing the trigger is its target, not an actor found by position
        # ('13 soldiers and 65 Islamists were killed during fighting': both sides died)
        victim = _governing_victim(tok, mentions, sides_ok=a1 is not None or
                                  trig.event_type == "Explosions/Remote violence")
        if victim is not None and (a1 is None or victim[0][2].actor != a1[2].actor):
            (a2, al2) = victim
            decide(r, pv, "actor2", "governing_harm_victim", "parse",
                   "passive subject of the governing harm verb")
    # positional fall-back: nearest actor before the trigger, first after it
    if a1 is None and a2 is None:
        before = [m for m in mentions if m[1] <= s and not _in_relative(sdoc[m[0]], tok)
                  and _same_clause(sdoc, tok, m, is_verb)]
        after = [m for m in mentions if m[0] >= e and not _in_relative(sdoc[m[0]], tok)
                 and _same_clause(sdoc, tok, m, is_verb)]
        if before and is_verb and passive and not _children(tok, ("agent",)) and \
                trig.event_type in VIOLENT and tok.lemma_.lower() in HARM_VERBS - TAKING_VERBS:
            # 'a group of Koglweogo was attacked': what stands before a passive verb of
            # violence is what suffered it, however the parser hung it
            a2 = _first_conjunct(sdoc, before[-1], mentions)
            decide(r, pv, "actor2", "passive_target_before", "parse",
                   "target of a passive verb: the actor just before it")
            before = []
        if before:
            a1 = _first_conjunct(sdoc, before[-1], mentions)
            al1 = _listed_before(sdoc, a1, mentions)
            decide(r, pv, "actor1", "nearest_before", "position", "nearest actor before the trigger")
        if a1 is None and a2 is None and trig.lemma in RECIPROCAL and len({m[2].actor for m in after}) > 1:
            # 'clashes erupted ..., with both the army and the rebels claiming': both
            # sides named after the word, the first is actor1
            a1 = after[0]
            decide(r, pv, "actor1", "first_after", "position",
                   "first actor after the trigger (none before it)")
            after = [m for m in after if m[2].actor != a1[2].actor]
            if after:
                a2 = after[0]
                decide(r, pv, "actor2", "second_after", "position", "second actor after the trigger")
        elif after and (a1 is None or after[0][2].actor != a1[2].actor):
            a2 = after[0]
            decide(r, pv, "actor2", "first_after", "position", "first actor after the trigger")
    elif a1 is None:
        before = [m for m in mentions if m[1] <= s and (a2 is None or m[2].actor != a2[2].actor)
                  and _same_clause(sdoc, tok, m, is_verb)
                  # 'police officers and a civilian were killed': the target's partners
                  and (a2 is None or _first_conjunct(sdoc, m, mentions)[2].actor != a2[2].actor)]
        if before:
            a1 = _first_conjunct(sdoc, before[-1], mentions)
            al1 = _listed_before(sdoc, a1, mentions)
            decide(r, pv, "actor1", "nearest_before", "position", "nearest actor before the trigger")
    if a1 is not None and not al1:
        al1 = [x for x in _listed_before(sdoc, a1, mentions) if x is not a2]
    if a1 is not None and al1 and a1[0] > al1[0][0] and (any(
            sdoc[x[1] - 1].dep_ == "conj" for x in [a1]) or _joined_by_and(sdoc, min(
                al1, key=lambda x: x[0]), a1)):
        # 'the army and VDP volunteers attacked': the first of coordinated actors leads
        first = min(al1, key=lambda x: x[0])
        al1 = [a1] + [x for x in al1 if x is not first]
        a1 = first
        explain(r, "actor1", "; first of coordinated actors")
    if a1 is not None and a2 is None and al1 and trig.lemma in RECIPROCAL and is_verb:
        # 'JNIM and Malian soldiers clashed': the second side is the one acted upon
        a2, al1 = al1[0], al1[1:]
        decide(r, pv, "actor2", "reciprocal_second", "parse",
               "second of coordinated subjects of a reciprocal verb")
    if is_verb and (trig.relation == "withdrawal" or trig.control == "loss") and \
            tok.dep_ in ("ccomp", "xcomp") and tok.head.lemma_ in REQUEST_VERBS:
        # 'the junta requested that MINUSMA withdraw', 'asked the French to leave': the
        # event is the demand - its maker is actor1, the force asked to go actor2
        asker, al, _ = _subject_of(tok.head, mentions, depth=1)
        asked, asked_al = a1, al1
        if tok.dep_ == "xcomp":
            for c in _children(tok.head, ("dobj",)):
                asked, asked_al = _role_from(c, mentions)
        if asker is not None and asked is not None and asker[2].actor != asked[2].actor:
            a1, al1, a2, al2 = asker, al, asked, asked_al
            decide(r, pv, "actor1", "demand_withdraw", "parse",
                   f"who demanded the withdrawal ('{tok.head.text}')")
            decide(r, pv, "actor2", "demand_withdraw", "parse", "the force asked to withdraw")
            cand.sub_event_type, cand.demand = "Other", True
            decide(r, pv, "sub_event_type", "demand_withdraw", "parse",
                   "a demand to withdraw, not the withdrawal")
    if trig.sub_event_type == "Agreement" and trig.relation in ("agreement", None):
        sides = _between_sides(tok, mentions)
        if sides:
            # 'talks began in Niamey between X and Y': the two parties, in the order named
            a1, a2, al1, al2 = sides[0], sides[1], [], []
            decide(r, pv, "actor1", "between_parties", "parse", "'between' first party of the deal/talks")
            if a2 is None:
                forget(r, pv, "actor2")
            else:
                decide(r, pv, "actor2", "between_parties", "parse",
                       "'between' second party of the deal/talks")
    if trig.lemma == "repel" and is_verb:
        # 'the army repelled an attack by X', 'the attack was thwarted by the army': the
        # attacker is actor1, the defender actor2 (ACLED and the shared gold)
        defender, dal = a1, al1
        attacker = a2 if a2 is not None and (defender is None or a2[2].actor !=
                                             defender[2].actor) else None
        if attacker is None and defender is not None:
            others = [m for m in mentions if m[2].actor != defender[2].actor and
                      not is_category(m[2].actor, "civilians", "protesters")]
            attacker = others[0] if others else None
        a1, al1, a2, al2 = attacker, [], defender, dal
        if "actor1" in r or "actor2" in r:
            decide(r, pv, "actor1", "repel_swap", "parse", "the attacker of a repelled attack")
            decide(r, pv, "actor2", "repel_swap", "parse", "who repelled the attack")
            if a1 is None:
                forget(r, pv, "actor1")
    if a2 is None and trig.event_type in VIOLENT and (is_verb or tok.dep_ == "dobj"):
        # 'fired rockets at the airport': the verb of a weapon noun says where it hit
        held = _holder_clause(tok if is_verb else tok.head, mentions)
        if held is not None and (a1 is None or held[2].actor != a1[2].actor):
            a2, al2 = held, []
            decide(r, pv, "actor2", "holder_clause", "parse",
                   "who holds the place attacked ('where X had positions')")
    cand.actor1, cand.actor2, cand.assoc1, cand.assoc2 = a1, a2, al1, al2
    if a1 is None:
        cand.attacker = _subject_words(tok)  # 'two helicopters were seen attacking'
    if a1 is not None:
        head = sdoc[a1[1] - 1]
        for _ in range(3):
            if head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i:
                head = head.head
        cand.attacker = sdoc[a1[0]:max(head.i + 1, a1[1])].text
        subject = _subject_words(tok)
        if cand.attacker in subject:  # 'Turkish-made drones of the Malian army'
            cand.attacker = subject
        own = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if own is not None and is_verb and tok.dep_ == "advcl" and AIR_ACTOR_RE.search(
                sdoc[own.left_edge.i:own.right_edge.i + 1].text) and not (
                own.left_edge.i <= a1[0] <= own.right_edge.i):
            # 'fighters had gathered near Gossi when drones struck': the aircraft strike,
            # the actor named in the other clause is their target
            cand.attacker = sdoc[own.left_edge.i:own.right_edge.i + 1].text
            if cand.actor2 is None:
                cand.actor2, cand.assoc2 = a1, al1
                decide(r, pv, "actor2", "aircraft_target", "parse",
                       "target of aircraft striking: " + r.get("actor1", ""))
            cand.actor1, cand.assoc1 = None, []
            forget(r, pv, "actor1")
    return cand


HOLD_VERBS = {"be", "have", "base", "station", "hold", "control", "occupy", "deploy",
              "position", "garrison", "camp"}
HOST_VERBS = {"host", "house", "shelter"}


def _holder_clause(tok, mentions):
    """'attacked Talataye, where JNIM fighters were present', 'fired rockets at the
    airport, which hosts French troops': the armed actor the place's clause names is
    the target."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")] + [
        o for p in tok.children if p.dep_ == "prep" and p.lower_ in ("at", "on", "in", "against")
        for o in p.children if o.dep_ == "pobj"]
    for o in objs:
        for rel in (d for d in o.subtree if d.dep_ == "relcl"):
            lemma = rel.lemma_.lower()
            where = any(c.lower_ == "where" for c in rel.children)
            if lemma in HOST_VERBS:
                side = [c for c in rel.children if c.dep_ in ("dobj", "obj")]
            elif lemma in HOLD_VERBS and where:
                side = [c for c in rel.children if c.dep_ in ("nsubj", "nsubjpass")]
            else:
                continue
            for c in side:
                m, _al = _role_from(c, mentions)
                if m and not is_category(m[2].actor, "civilians", "protesters"):
                    return m
    return None


def _in_relative(t, trig) -> bool:
    """'a hotel where UN contractors were staying', 'the airport, which hosts French
    troops': a word of a relative clause the trigger is not in (décor, not a side)."""
    return any(a.dep_ == "relcl" and trig not in a.subtree and a.lemma_.lower() not in
               TOLL_VERBS and not _held_clause(a) for a in [t] + list(t.ancestors))


def _held_clause(rel) -> bool:
    """'Douentza, which had been held by a militia': the clause names the holder."""
    return rel.lemma_.lower() in HOLD_VERBS - {"be", "have"} and any(
        c.dep_ == "agent" for c in rel.children)


# 'an attack on a post, in which 53 soldiers were killed': the clause tells the toll
TOLL_VERBS = {"kill", "die", "wound", "injure", "lose", "perish"}


def _subject_words(tok) -> str:
    """The words of the subject of a trigger or of the verb governing it, actor or not."""
    node = tok
    for _ in range(3):
        for c in node.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c.doc[c.left_edge.i:c.right_edge.i + 1].text
        if node.head is node:
            break
        node = node.head
    return ""


def _listed_before(sdoc, m, mentions) -> list:
    """'junta and Wagner forces' when the parse lost the subject: the actors listed
    with 'and' just before a mention."""
    out = []
    for x in reversed([x for x in mentions if x[1] <= m[0]]):
        if not _joined_by_and(sdoc, x, out[-1] if out else m):
            break
        out.append(x)
    return out


def _joined_by_and(sdoc, first, second) -> bool:
    """'junta and Wagner forces': only 'and' (and commas) between two mentions."""
    between = {t.lower_ for t in sdoc[first[1]:second[0]]}
    if sdoc[first[1] - 1].dep_ in ("dobj", "obj", "pobj") and \
            sdoc[second[1] - 1].dep_ in ("nsubj", "nsubjpass"):
        return False  # 'killing two soldiers, and jihadists abducted': two clauses
    return "and" in between and between <= {"and", ","}


HIT_VERBS = {"hit", "strike", "run", "drive", "step", "roll", "trigger", "encounter", "detonate"}
REPEL_VERBS = {"repel", "repulse", "thwart", "foil", "fend", "beat", "push", "drive", "ward",
               "fight", "resist", "counter"}
REQUEST_VERBS = {"request", "ask", "demand", "order", "urge", "instruct", "tell", "call"}


def _between_sides(tok, mentions) -> list | None:
    """The two distinct actors of a 'between X and Y' phrase hanging from the trigger
    (or the one actor and None when only one side is an actor),
    or from the verb whose subject/object the trigger noun is ('talks began ... between')."""
    roots = {tok.i}
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and tok.head is not tok:
        roots.add(tok.head.i)
    for b in tok.doc[tok.sent.start:tok.sent.end]:
        if b.lower_ != "between" or not ({a.i for a in b.ancestors} & roots):
            continue
        # no other clause in the way: no verb between the phrase and the trigger
        path = []
        for a in b.ancestors:
            if a.i in roots:
                break
            path.append(a)
        if any(a.pos_ in ("VERB", "AUX") for a in path):
            continue
        names: list = []
        for o in _children(b, ("pobj",)):
            for x in mentions_in(o.left_edge.i, o.right_edge.i, mentions):
                if x[2].actor not in [y[2].actor for y in names]:
                    names.append(x)
        if len(names) == 2:
            return names
        if len(names) == 1:  # 'between the CMA and local chiefs': the one actor named leads
            return [names[0], None]
    return None


THINGS = {"equipment", "weapon", "vehicle", "ammunition", "truck", "motorbike", "motorcycle",
          "arm", "material", "supply", "fuel", "tanker", "drone", "aircraft", "helicopter", "gun"}
CAPTIVE_WORDS = {"hostage", "civilian", "villager", "worker", "tourist", "passenger", "woman",
                 "child", "people"}
ACCORD_WORDS = {"agreement", "accord", "talks", "deal", "treaty", "ceasefire", "truce",
                "negotiation", "process", "pact"}


def clause_text(sdoc, cand: Candidate) -> str:
    """The words the trigger governs (its subtree), plus the trigger's head verb's."""
    tok = sdoc[cand.start:cand.end].root
    node = tok.head if tok.dep_ in ("xcomp", "dobj", "pobj") else tok
    return sdoc[node.left_edge.i:node.right_edge.i + 1].text


def refine_type(cand: Candidate, inter1: int | None, inter2: int | None, name1: str | None,
                name2: str | None, text: str, objects_are_places: bool,
                withdrawn_from_group: bool = False, foreign: bool = False) -> None:
    """ACLED sub-type rules that need the actors and the clause text."""
    r, pv = cand.reasons, cand.provenance
    low = text.lower()
    t = cand.trigger
    obj_lemmas = {tok.lemma_.lower() for tok in cand.object_tokens}
    if t.lemma in ("capture", "seize", "take") and obj_lemmas & THINGS:
        cand.event_type, cand.sub_event_type = "Battles", "Armed clash"
        decide(r, pv, "sub_event_type", "things_captured", "convention", "things captured, not a place")
        return
    if t.lemma in ("capture", "seize", "take") and obj_lemmas & CAPTIVE_WORDS:
        cand.event_type = "Violence against civilians"
        cand.sub_event_type = "Abduction/forced disappearance"
        decide(r, pv, "sub_event_type", "people_captive", "convention", "people taken captive")
        return
    if (t.control or t.sub_event_type == "Other" and t.relation is None and
            t.lemma not in ("impose sanctions", "freeze", "close", "declare independence")) \
            and name1 and is_category(name1, "protesters", "rioters", "movement"):
        # 'protesters occupied the broadcaster': a protest, not a hold on territory
        cand.event_type, cand.sub_event_type = "Protests", "Peaceful protest"
        _protest_wording(cand, low)
        decide(r, pv, "event_type", "crowd_occupies", "convention", "a crowd occupying or leaving a place protests")
        return
    if t.control == "loss" and (inter1 == 8 or foreign) and not withdrawn_from_group and \
            not cand.from_lemmas & ACCORD_WORDS:
        # 'the last French troops left Niger', 'left their base at X': foreign forces
        # going home hand no town to anyone (ACLED: Other)
        cand.event_type, cand.sub_event_type = "Strategic developments", "Other"
        decide(r, pv, "sub_event_type", "foreign_leave", "convention", FOREIGN_LEAVE)
        return
    if t.lemma == "join" and _state(inter1, name1) and name1 and \
            is_category(name1, "government"):
        # 'Burkina Faso joined Mali and Niger in the Alliance of Sahel States': a pact
        cand.event_type, cand.sub_event_type = "Strategic developments", "Agreement"
        decide(r, pv, "sub_event_type", "state_joins_alliance", "convention", "a state joins an alliance: an agreement")
        return
    if cand.event_type in VIOLENT and cand.actor1 is None and CROWD_RE.search(attacker_words(cand)):
        # 'supporters attacked the French embassy': a crowd's violence is a riot
        cand.event_type, cand.sub_event_type = "Riots", "Violent demonstration"
        for slot in ("event_type", "sub_event_type"):
            decide(r, pv, slot, "crowd_attacks", "convention", "a crowd attacks: a riot")
        return
    if (t.relation == "withdrawal" or t.control == "loss") and cand.from_lemmas & ACCORD_WORDS:
        cand.event_type, cand.sub_event_type = "Strategic developments", "Other"
        decide(r, pv, "sub_event_type", "leaves_talks", "convention", "withdrawal from an agreement or talks")
        return
    if t.relation == "withdrawal" or t.control == "loss":
        if withdrawn_from_group:
            cand.event_type, cand.sub_event_type = "Strategic developments", \
                "Change to group/activity"
            decide(r, pv, "sub_event_type", "leaves_group", "convention", "withdrawing from a group: a split")
            return
        if not objects_are_places:
            cand.event_type, cand.sub_event_type = "Strategic developments", "Other"
            decide(r, pv, "sub_event_type", "no_town_left", "convention", "withdrawal from a country or mission, not from a town")
            return
    if t.control == "gain":
        if not objects_are_places and cand.actor2 is not None and t.lemma in (
                "capture", "seize"):
            cand.event_type, cand.sub_event_type = "Battles", "Armed clash"
            decide(r, pv, "sub_event_type", "people_captured", "convention", "capture of people, not of a place")
            return
        calm = any(c in low for c in NONVIOLENT_CUES) or bool(NONVIOLENT_RE.search(low))
        fight = bool(FIGHT_RE.search(low)) and not calm
        if calm or t.event_type == "Strategic developments":
            if calm or not fight:
                cand.event_type = "Strategic developments"
                cand.sub_event_type = "Non-violent transfer of territory"
                decide(r, pv, "sub_event_type", "taken_without_fighting", "convention", "place taken without fighting")
                return
        cand.event_type = "Battles"
        if _state(inter1, name1):
            cand.sub_event_type = "Government regains territory"
            decide(r, pv, "sub_event_type", "state_takes_place", "convention", "state forces take a place")
        elif inter1 is not None:
            cand.sub_event_type = "Non-state actor overtakes territory"
            decide(r, pv, "sub_event_type", "non_state_takes_place", "convention", "non-state actor takes a place")
        else:
            decide(r, pv, "sub_event_type", "trigger", "lexicon", f"trigger '{t.lemma}'", key=t.lemma)
        return
    attacker = cand.attacker
    if cand.event_type in ("Battles", "Violence against civilians") and \
            cand.sub_event_type in ("Armed clash", "Attack") and \
            AIR_ACTOR_RE.search(BACKED_RE.split(attacker)[0]):
        # 'targeted by the French air force', 'Malian drones struck': from the air
        cand.event_type, cand.sub_event_type = "Explosions/Remote violence", "Air/drone strike"
        for slot in ("event_type", "sub_event_type"):
            decide(r, pv, slot, "aircraft_attack", "convention", f"attack by aircraft ('{attacker}')")
        return
    if cand.event_type in ("Battles",) and inter2 == 7:
        cand.event_type, cand.sub_event_type = "Violence against civilians", "Attack"
        for slot in ("event_type", "sub_event_type"):
            decide(r, pv, slot, "civilian_target", "convention", "violence whose target is civilians")
        return
    if cand.event_type == "Violence against civilians" and inter2 not in (7, None) and \
            cand.sub_event_type == "Attack":
        cand.event_type, cand.sub_event_type = "Battles", "Armed clash"
        decide(r, pv, "event_type", "armed_victims_battle", "convention", "killing of armed actors is a battle")
        return
    if cand.sub_event_type == "Air/drone strike" and t.lemma in ("bomb", "strike") and \
            not AIR_RE.search(low) and not _state(inter1, name1):
        # 'a bomb attack on a bus': a planted bomb unless something flew
        cand.sub_event_type = "Remote explosive/landmine/IED"
        decide(r, pv, "sub_event_type", "planted_bomb", "convention",
               "bomb with no aircraft and no state actor: explosive device")
    if cand.event_type == "Protests":
        _protest_wording(cand, low)
    if cand.event_type == "Strategic developments" and cand.sub_event_type == \
            "Looting/property destruction" and inter1 == 6:
        cand.event_type, cand.sub_event_type = "Riots", "Violent demonstration"


def _protest_wording(cand: Candidate, low: str) -> None:
    if any(w in low for w in ("killed", "shot dead", "live ammunition", "fired on",
                              "opened fire")):
        cand.sub_event_type = "Excessive force against protesters"
    elif any(w in low for w in ("tear gas", "teargas", "dispersed", "arrested",
                                "clashed with police", "clashes", "clash")):
        cand.sub_event_type = "Protest with intervention"
    elif any(w in low for w in ("set fire", "burned", "looted", "stormed", "ransacked",
                                "violent")):
        cand.event_type, cand.sub_event_type = "Riots", "Violent demonstration"
    decide(cand.reasons, cand.provenance, "sub_event_type", "protest_wording", "convention",
           "protest wording rules")


FOREIGN_LEAVE = "foreign forces leave: a withdrawal"
CROWD_RE = re.compile(r"(?i)\b(?:supporters|protesters|protestors|demonstrators|crowds?|mob|"
                      r"youths|marchers|rioters)\b")


def attacker_words(cand: Candidate) -> str:
    return cand.attacker or ""


AIR_ACTOR_RE = re.compile(r"(?i)\b(?:air force|aircraft|warplanes?|jets?|drones?|helicopters?|"
                          r"fighter jets|bombers)\b")
# 'troops backed by French aircraft killed 14 militants': the troops fought on the ground
BACKED_RE = re.compile(r"(?i)\b(?:backed|supported|assisted|helped|covered|accompanied)\s+by\b|"
                       r"\bwith (?:the )?(?:support|help|backing|cover)\b")
AIR_RE = re.compile(r"\b(?:air|aerial|aircraft|airstrikes?|drones?|planes?|warplanes?|jets?|"
                    r"helicopters?|bombers?|from the air|mirage|sukhoi|tb2|bayraktar)\b",
                    re.IGNORECASE)


def _state(inter: int | None, name: str | None) -> bool:
    if inter == 1:
        return True
    return is_category(name, *STATE_SIDE)  # its forces, police, and who fights for it


def confidence(trig: Trigger, has_date_in_sentence: bool, has_actor1: bool,
               has_place: bool, has_count: bool, role_from_parse: bool) -> float:
    """A plain additive score in [0, 1]: how much of the event the text states."""
    c = 0.25 + 0.35 * trig.strength
    c += 0.15 if has_date_in_sentence else 0.0
    c += 0.1 if has_actor1 else 0.0
    c += 0.05 if role_from_parse else 0.0
    c += 0.07 if has_place else 0.0
    c += 0.05 if has_count else 0.0
    return round(min(1.0, c), 2)
