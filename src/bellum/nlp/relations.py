"""Relations between organisations and leaders' fates, read from sentences.

Relations: a trigger phrase ("merged to form", "split from", "joined",
"pledged allegiance to", "declared war on", "signed ... agreement") placed
between the actor mentions of one sentence decides who relates to whom:

- merge:      every actor before the trigger (in its clause) -> first actor after
- formation:  two or more actors before "formed"/"founded" -> first after (member)
- join:       nearest actor before -> first actor after (member)
- split:      nearest actor before -> first after; with no actor before
              ("a splinter group of X, calling itself Y") -> Y split from X
- alliance / hostility: nearest before -> first after, or the two actors
  after "between"
- agreement:  all distinct actors of the sentence, first with each other
- dissolution: nearest actor before
- named splinter: "The breakaway faction, the X, ..." -> X split from the
  group named just before (this sentence or the two before)
- renounce:   "X pulled out of the agreement" / "the deal was denounced by X"
              -> hostility(X, None): infer/relations ends X's latest agreement

Mentions of unidentified groups or unresolved templates ("Government of
{country}") keep their place in the sentence but never become a party.

The object must follow its trigger closely (within _GAP characters), so
"left Iyad Ag Ghali" or "withdrew from peace talks" give nothing.

Leaders: spaCy PERSON entities with a role ("leader of X", "X's leader",
"X leader P", "commander", "emir") and a fate from the dependency tree
(P is the subject of "was killed", the object of "captured", or the
"of P" of "the death of").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bellum.model import ActorMention, DateValue, Document, Leader, Relation, Span
from bellum.nlp.actors import is_category

__all__ = ["find_relations", "find_leaders", "TRIGGERS"]

_GAP = 45  # characters allowed between a trigger and its object mention


@dataclass(frozen=True)
class Trigger:
    kind: str  # relation kind it yields
    mode: str  # merge formation join split pair between agreement dissolution
    pattern: re.Pattern


def _t(kind: str, mode: str, rx: str) -> Trigger:
    return Trigger(kind, mode, re.compile(rx, re.I))


# Ordered: the first trigger that yields a relation in a clause wins for its span.
TRIGGERS: tuple[Trigger, ...] = (
    _t("merge", "merge", r"\b(?:merged|merging|merge|amalgamated|fused)\b(?:\s+(?:together|themselves))?"
                         r"(?:\s+(?:to\s+(?:form|create|become)|into|forming|creating|as))\b"),
    _t("merge", "merger_of", r"\b(?:merger|amalgamation|fusion)\s+of\b"),
    _t("member", "formation", r"\b(?:formed|founded|created|established|set\s+up)\b(?!\s+(?:an?\s+)?"
                              r"(?:alliance|agreement|pact))"),
    _t("member", "join", r"\b(?:joined|joining|joins|rejoined|pledg(?:ed|ing)\s+(?:allegiance|loyalty)\s+to"
                         r"|sw(?:ore|earing)\s+(?:allegiance|loyalty)\s+to|integrated\s+into|became\s+part\s+of)\b"),
    _t("realignment", "join", r"\b(?:align(?:ed|ing)\s+(?:itself\s+|themselves\s+)?with"
                              r"|switched\s+sides\s+to|defected\s+to)\b"),
    _t("realignment", "rejoin", r"\b(?:returned\s+to|return(?:ing)?\s+to|went\s+back\s+to)\b"),
    _t("split", "split", r"\b(?:split(?:ting)?\s+(?:off\s+|away\s+)?from|broke\s+(?:away|off)\s+from"
                         r"|breaks?\s+away\s+from|splintered\s+from|defected\s+from|seceded\s+from"
                         r"|withdr(?:ew|awn|awing)\s+from|withdraw\s+from|quit(?:ting)?|left|leaving|leave"
                         r"|breakaway\s+(?:faction|group)\s+of|splinter(?:\s+(?:group|faction))?\s+(?:of|from)"
                         r"|expelled\s+from)\b"),
    _t("alliance", "pair", r"\b(?:allied\s+(?:itself\s+)?(?:with|to)|alliance\s+with|joined\s+forces\s+with"
                           r"|teamed\s+up\s+with|agreement\s+to\s+combine\s+(?:their\s+)?forces\s+with"
                           r"|in\s+alliance\s+with|formed\s+an\s+alliance\s+with)\b"),
    _t("alliance", "before", r"\b(?:came\s+to\s+an\s+agreement\s+to\s+combine|formed\s+an\s+alliance"
                             r"|joined\s+forces|allied|agreed\s+to\s+combine)\b"),
    _t("alliance", "between", r"\balliance\s+between\b"),
    _t("hostility", "pair", r"\b(?:declared\s+war\s+(?:on|against)|turned\s+(?:on|against)"
                            r"|at\s+odds\s+with|broke\s+with|went\s+to\s+war\s+with)\b"),
    _t("hostility", "between", r"\b(?:(?:open\s+)?(?:conflict|war|fighting|clashes|hostilities)"
                               r"\s+(?:broke\s+out\s+|erupted\s+)?between)\b"),
    _t("agreement", "agreement", r"\b(?:signed|sign|signing|concluded|reached|agreed)\b[^.;]{0,60}?\b(?:agreement|accords?"
                                 r"|deal|ceasefire|cease-fire|truce|pact|treaty|plan)\b"
                                 r"|\b(?:agreement|accords?|deal|ceasefire|truce|pact)\s+between\b"),
    _t("split", "named_splinter", r"\b(?:breakaway|splinter|dissident)\s+(?:faction|group|wing)\s*,\s*"),
    _t("hostility", "before", r"\b(?:found\s+themselves\s+at\s+odds|fell\s+out|turned\s+on\s+each\s+other"
                              r"|began\s+fighting\s+each\s+other|went\s+to\s+war\s+with\s+each\s+other)\b"),
    _t("hostility", "renounce", r"\b(?:pulled\s+out\s+of|withdr(?:ew|awn)\s+from|denounced|repudiated|"
                                r"renounced|abandoned|ended|broke|terminated|exited)\s+(?:the\s+|its\s+|their\s+)?"
                                r"(?:[\w-]+\s+){0,2}(?:agreement|accords?|deal|ceasefire|cease-fire|truce|pact|alliance)\b"
                                r"|\b(?:agreement|accords?|deal|ceasefire|truce|pact|alliance)\s+(?:was|were)\s+"
                                r"(?:denounced|repudiated|renounced|rejected|broken|abandoned|terminated)\s+by\b"),
    _t("dissolution", "dissolution", r"\b(?:dissolved\s+(?:itself|themselves)|disbanded|was\s+dissolved"
                                     r"|were\s+dissolved|ceased\s+to\s+exist)\b"),
)


def _named(actor: str) -> bool:
    """An organisation with an identity: not an unresolved template such as
    "Government of {country}" nor an unidentified armed group."""
    return bool(actor) and "{" not in actor and not is_category(actor, "unidentified")


def _clause_start(text: str, pos: int) -> int:
    cut = max(text.rfind(";", 0, pos), text.rfind(":", 0, pos))
    return cut + 1 if cut >= 0 else 0


def _distinct(mentions: list[ActorMention]) -> list[ActorMention]:
    seen, out = set(), []
    for m in mentions:
        if m.actor not in seen:
            seen.add(m.actor)
            out.append(m)
    return out


def find_relations(doc: Document, sentences: list[tuple[int, int]],
                   actor_mentions_by_sentence: dict[int, list[ActorMention]],
                   dates_by_sentence: dict[int, DateValue | None]) -> list[Relation]:
    """Relations each sentence states, with the sentence as source."""
    out: list[Relation] = []
    # generic mentions stay for the positions; relations with them are dropped below
    mentions_of = {i: sorted((m for m in ms or []), key=lambda m: m.span.start)
                   for i, ms in actor_mentions_by_sentence.items()}
    for i, (s0, s1) in enumerate(sentences):
        mentions = mentions_of.get(i) or []
        # organisations of the two sentences before, for "The breakaway faction, X, ..."
        prior = [m for j in (i - 2, i - 1) for m in mentions_of.get(j) or []]
        if len(mentions) < 1:
            continue
        text = doc.text[s0:s1]
        when = dates_by_sentence.get(i)
        span = Span(doc.id, s0, s1)
        found: list[tuple[str, str, str | None, str]] = []
        used: list[tuple[int, int]] = []
        for trig in TRIGGERS:
            for m in trig.pattern.finditer(text):
                a, b = s0 + m.start(), s0 + m.end()
                if any(u0 < b and a < u1 for u0, u1 in used):
                    continue
                rels = _apply(trig, text, s0, a, b, mentions, prior)
                if rels:
                    used.append((a, b))
                    found.extend((k, src, tgt, f"{trig.mode}: '{m.group(0)}'") for k, src, tgt in rels)
        seen = set()
        for kind, src, tgt, why in found:
            if src == tgt or (kind, src, tgt) in seen or not _named(src) or (tgt and not _named(tgt)):
                continue
            seen.add((kind, src, tgt))
            out.append(Relation(kind, src, tgt, start=when, basis="reported", sources=[span],
                                reason=why))
    return out


# ACLED names state actors "Military Forces of X", "Government of X": a group
# does not join, leave or split from one of those ("withdrew from Mali").
_STATE = re.compile(r"^(?:Military|Police|Government|Forces)\b.*\bof\b")
# words that make a mention a part of the group, not the group
_PART_AFTER = re.compile(r"^(?:/[\w-]+)?\s+(?:dissidents?|splinter|breakaway|defectors?|deserters?)\b", re.I)
_EXCEPT_BEFORE = re.compile(r"\b(?:exception\s+of|except|excluding|apart\s+from|other\s+than|but\s+not)\b"
                            r"[^,;]{0,25}$", re.I)
# what may stand between a trigger and its object: a determiner and two words
_OBJ_GAP = re.compile(r"^\s*(?:(?:the|its|their|a|an|his|her)\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# what may stand between the members of a listed subject
_LIST_GAP = re.compile(r"^[\s,/()]*(?:(?:and|or|as\s+well\s+as|along\s+with|together\s+with)\s+)?"
                       r"(?:the\s+)?(?:(?:rest|remnants|remainder|most|part|members|branch|faction|elements|"
                       r"Sahara|Saharan|wing|other)\s+)*(?:of\s+(?:the\s+)?)?[\s,/()]*$", re.I)
# "formed an alliance with other groups, including X and Y"
_INCLUDING = re.compile(r"^[^.;]{0,60}\b(?:including|such\s+as|namely|notably)\s+(?:the\s+)?$", re.I)
# "P split from X and founded Y": Y is the splinter
_AND_FOUNDED = re.compile(r"^\s*,?\s*and\s+(?:then\s+)?(?:founded|formed|created|set\s+up|started|launched)"
                          r"\s+(?:(?:the|a|an|its|his|their)\s+)?(?:[\w-]+\s+){0,2}$", re.I)


def _listed_before(text: str, s0: int, before: list[ActorMention], trig_start: int) -> list[ActorMention]:
    """The mentions forming the subject list right before a trigger."""
    out: list[ActorMention] = []
    edge = trig_start
    for m in reversed(before):
        gap = re.sub(r"\([^()]*\)", " ", text[m.span.end - s0: edge - s0])
        first = edge == trig_start
        if len(gap) > 30 or not (_LIST_GAP.match(gap) or first and len(gap.split()) <= 3
                                 and "," not in gap.strip(" ,")):
            break
        out.insert(0, m)
        edge = m.span.start
    return [m for m in out if not _PART_AFTER.match(text[m.span.end - s0:])]


def _objects(text: str, s0: int, b: int, after: list[ActorMention]) -> list[ActorMention]:
    """The object of a trigger, or the list after "..., including"."""
    if not after:
        return []
    gap = text[b - s0: after[0].span.start - s0]
    if _OBJ_GAP.match(gap):
        return [after[0]]
    if _INCLUDING.match(gap):
        out, edge = [after[0]], after[0].span.end
        for m in after[1:]:
            if not _LIST_GAP.match(text[edge - s0: m.span.start - s0]):
                break
            out.append(m)
            edge = m.span.end
        return out
    return []


def _object(text: str, s0: int, b: int, after: list[ActorMention]) -> ActorMention | None:
    if after and _OBJ_GAP.match(text[b - s0: after[0].span.start - s0]):
        return after[0]
    return None


def mode_of(trig: Trigger) -> str:
    return trig.mode


def _apply(trig: Trigger, text: str, s0: int, a: int, b: int, mentions: list[ActorMention],
           prior: list[ActorMention] = ()) -> list[tuple[str, str, str | None]]:
    clause0 = s0 + _clause_start(text, a - s0)
    before = [m for m in mentions if clause0 <= m.span.start and m.span.end <= a
              and not _EXCEPT_BEFORE.search(text[max(0, m.span.start - s0 - 40): m.span.start - s0])]
    if mode_of(trig) not in ("merge", "formation", "before"):
        before = [m for m in before if not _PART_AFTER.match(text[m.span.end - s0:])]
    after = [m for m in mentions if m.span.start >= b]
    near_after = [m for m in after if m.span.start - b <= _GAP]
    obj = _object(text, s0, b, after)
    mode = trig.mode
    if mode == "merge":
        subj = _distinct(_listed_before(text, s0, before, a))
        if not obj or not subj:
            return []
        return [("merge", m.actor, obj.actor) for m in subj if m.actor != obj.actor]
    if mode == "merger_of":
        parts = [m for m in after if m.span.start - b <= 200]
        target = before[-1].actor if before else None
        if not target or len(parts) < 2:
            return []
        return [("merge", m.actor, target) for m in _distinct(parts) if m.actor != target]
    if mode == "formation":
        subj = _distinct(_listed_before(text, s0, before, a))
        if len(subj) < 2 or not obj:
            return []
        return [("member", m.actor, obj.actor) for m in subj if m.actor != obj.actor]
    if mode in ("join", "pair", "rejoin"):
        objs = _objects(text, s0, b, after)
        if mode != "pair":
            objs = [o for o in objs if not _STATE.match(o.actor)]
        if not before or not objs:
            return []
        return [(trig.kind, before[-1].actor, o.actor) for o in objs if o.actor != before[-1].actor]
    if mode == "split":
        if not obj or _STATE.match(obj.actor):
            return []
        parent = obj.actor
        rest = [m for m in after if m.span.start > obj.span.end]
        if rest and _AND_FOUNDED.match(text[obj.span.end - s0: rest[0].span.start - s0]):
            return [("split", rest[0].actor, parent)]
        if before:
            return [("split", before[-1].actor, parent)]
        later = [m for m in after[1:] if m.actor != parent]
        return [("split", later[0].actor, parent)] if later else []
    if mode == "before":
        d = _distinct(_listed_before(text, s0, before, a))
        return [(trig.kind, d[-2].actor, d[-1].actor)] if len(d) >= 2 else []
    if mode == "between":
        d = _distinct([m for m in after if m.span.start - b <= 120])
        return [(trig.kind, d[0].actor, d[1].actor)] if len(d) >= 2 else []
    if mode == "agreement":
        d = _distinct([m for m in mentions if m.span.start >= clause0])
        return [("agreement", d[0].actor, m.actor) for m in d[1:4]] if len(d) >= 2 else []
    if mode == "dissolution":
        return [("dissolution", before[-1].actor, None)] if before else []
    if mode == "named_splinter":
        # "The breakaway faction, the X (X), ...": the group is the one just talked about
        if not obj:
            return []
        parents = [m for m in before + list(reversed(prior))
                   if m.actor != obj.actor and not _STATE.match(m.actor) and _named(m.actor)]
        return [("split", obj.actor, parents[0].actor)] if parents else []
    if mode == "renounce":
        # "X pulled out of the agreement" / "the deal was denounced by X": X ends
        # its latest agreement (target None: infer/relations finds which one)
        agent = near_after[0] if re.search(r"\bby\s*$", text[a - s0:b - s0]) and near_after else (
            before[-1] if before else None)
        return [("hostility", agent.actor, None)] if agent else []
    return []


# ---- leaders -----------------------------------------------------------------

_ROLE = (r"(?:vice[- ]|deputy\s+|former\s+|supreme\s+|top\s+|military\s+|political\s+|senior\s+|new\s+)?"
         r"(?:leader|head|chief|commander|emir|amir|founder|co-founder|spokesman|spokesperson"
         r"|chairman|president|secretary[- ]general|deputy|lieutenant|military\s+chief)")
_ROLE_RX = re.compile(_ROLE, re.I)
_FATES = {
    "killed": "killed", "kill": "killed", "assassinate": "killed", "execute": "killed",
    "eliminate": "killed", "neutralize": "killed", "neutralise": "killed", "slay": "killed",
    "die": "died", "death": "died", "killing": "killed", "assassination": "killed",
    "capture": "captured", "seize": "captured", "abduct": "captured", "kidnap": "captured",
    "arrest": "arrested", "detain": "arrested", "detention": "arrested", "imprison": "arrested",
    "exile": "exiled", "flee": "exiled",
    "depose": "deposed", "oust": "deposed", "overthrow": "deposed", "topple": "deposed",
    "remove": "deposed", "resign": "deposed", "wound": "wounded", "injure": "wounded",
}
_TITLES = re.compile(r"^(?:(?:President|Col\.?|Colonel|Capt\.?|Captain|Gen\.?|General|Lt\.?|Major|"
                     r"Maj\.?|Sheikh|Cheikh|Emir|Commander|Prime Minister|PM|Mr\.?|Dr\.?)\s+)+")


def _clean_person(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    return _TITLES.sub("", name).strip(" ,.")


def find_leaders(doc: Document, sdoc, sentences: list[tuple[int, int]],
                 actor_mentions_by_sentence: dict[int, list[ActorMention]],
                 dates_by_sentence: dict[int, DateValue | None]) -> list[Leader]:
    """Named people with organisation, role and fate; one record per (person, fate)."""
    commanders = _infobox_commanders(doc)
    people = _people(doc, sdoc, [c["name"] for c in commanders])
    full_names = [_clean_person(_extended(e).text) for e in people] + [c["name"] for c in commanders]
    found: dict[tuple[str, str | None], Leader] = {}
    for c in commanders:  # the infobox's commanders with their KIA/WIA markers
        fate = _STATUS_FATE.get(c.get("status") or "")
        key = (_key(c["name"]), fate)
        if key not in found:
            found[key] = Leader(c["name"], c.get("organisation"), "commander", fate, None, [c["span"]])
    for i, (s0, s1) in enumerate(sentences):
        mentions = sorted(actor_mentions_by_sentence.get(i) or [], key=lambda m: m.span.start)
        context = mentions or sorted(actor_mentions_by_sentence.get(i - 1) or [],
                                     key=lambda m: m.span.start)
        ents = [e for e in people if s0 <= e.start_char and e.end_char <= s1
                and not any(m.span.start < e.end_char and e.start_char < m.span.end for m in mentions)]
        for ent in ents:
            person = _clean_person(_extended(ent).text)
            if len(person) < 3 or not re.search(r"[A-Z]", person):
                continue
            org, role = _role(doc.text, s0, ent, mentions, context)
            fate = _fate(ent) or _fate_by_list(doc.text, s0, ent)
            if not (org or role or fate):
                continue
            # a surname alone ("Ndaw"): the fuller name the text uses elsewhere
            longer = [n for n in full_names if n.endswith(" " + person)]
            if longer:
                person = max(longer, key=len)
            elif " " not in person and not (org or role):
                continue  # an unknown single word with a fate is often a place
            key = (_key(person), fate)
            span = Span(doc.id, s0, s1)
            rec = found.get(key)
            if rec is None:
                rec = found[key] = Leader(person, org, role, fate,
                                          dates_by_sentence.get(i) if fate else None, [span])
            else:
                rec.organisation = rec.organisation or org
                rec.role = rec.role or role
                if fate and rec.date is None:  # an infobox KIA marker has no date; the text may
                    rec.date = dates_by_sentence.get(i)
                if span not in rec.sources:
                    rec.sources.append(span)
    # share organisation and role between the records of one person
    by_person: dict[str, list[Leader]] = {}
    for (k, _), rec in found.items():
        by_person.setdefault(k, []).append(rec)
    for recs in by_person.values():
        org = next((r.organisation for r in recs if r.organisation), None)
        role = next((r.role for r in recs if r.role), None)
        for r in recs:
            r.organisation = r.organisation or org
            r.role = r.role or role
    out = list(found.values())
    # a person also recorded with a fate: the fate records carry the role
    fated = {_key(r.person) for r in out if r.fate}
    return [r for r in out if r.fate or _key(r.person) not in fated]


_STATUS_FATE = {"KIA": "killed", "DOW": "killed", "WIA": "wounded", "POW": "captured", "MIA": None}


def _infobox_commanders(doc: Document) -> list[dict]:
    if not doc.infobox:
        return []
    from bellum.sources.infobox import parse_infobox

    return parse_infobox(doc)["commanders"]


def _people(doc: Document, sdoc, known: list[str]) -> list:
    """spaCy's PERSON entities plus the places the text names a known person
    (an infobox commander, or the surname alone), which the small model often
    labels ORG or GPE."""
    people = [e for e in sdoc.ents if e.label_ == "PERSON"]
    taken = [(e.start_char, e.end_char) for e in people]
    forms = set()
    for name in known:
        forms.add(name)
        last = name.split()[-1]
        if len(name.split()) > 1 and len(last) >= 5 and last[0].isupper():
            forms.add(last)
    for form in sorted(forms, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", doc.text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                people.append(span)
                taken.append((m.start(), m.end()))
    return sorted(people, key=lambda e: e.start_char)


def _extended(ent):
    """The entity plus proper nouns spaCy left off its end ("Amadou Toumani" + "Touré")."""
    end = ent.end
    doc = ent.doc
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
            and doc[end].ent_type_ in ("", "PERSON") and end - ent.end < 2:
        end += 1
    return doc[ent.start:end]


_FATE_LIST = re.compile(r"\b(?P<verb>killing|killed|captured|capturing|arrested|arresting|detained|detaining)\b"
                        r"[^.;]{0,80}\b(?:including|among\s+them|such\s+as|notably)\b[^.;]{0,60}$", re.I)


def _fate_by_list(text: str, s0: int, ent) -> str | None:
    """"killing eight members, including officials such as P"."""
    m = _FATE_LIST.search(text[max(s0, ent.start_char - 160): ent.start_char])
    if not m:
        return None
    v = m.group("verb").lower()
    return "killed" if v.startswith("kill") else "captured" if v.startswith("captur") else "arrested"


def _key(name: str) -> str:
    from bellum.infer.control import fold

    return fold(name)


def _role(text: str, s0: int, ent, mentions: list[ActorMention],
          context: list[ActorMention]) -> tuple[str | None, str | None]:
    """(organisation, role) from the words around the person."""
    after = text[ent.end_char: ent.end_char + 80]
    b0 = max(s0, ent.start_char - 80)
    before = text[b0: ent.start_char]
    # "P, (the) leader of X"
    m = re.match(rf"\s*,\s*(?:the\s+|a\s+|an\s+|then-|its\s+|their\s+)*({_ROLE})\s+(?:of|for)\s+"
                 r"(?:the\s+|a\s+)?", after, re.I)
    if m:
        return _mention_at(mentions, ent.end_char + m.end(), 40), m.group(1).lower()
    # "P, X's leader"
    m = re.match(rf"\s*,\s*(?:the\s+)?([^,]{{2,60}}?)['’]s\s+({_ROLE})\b", after, re.I)
    if m:
        org = _mention_in(mentions, ent.end_char, ent.end_char + m.end(1))
        if org:
            return org, m.group(2).lower()
    # "X leader P" / "X's leader, P" / "the group's leader, P" / "leader of X, P"
    m = re.search(rf"({_ROLE})\s*,?\s*(?:the\s+)?$", before, re.I)
    if m:
        role = m.group(1).lower()
        rstart = b0 + m.start()
        org = _mention_ending(mentions, rstart)
        if org is None and re.search(r"\b(?:group|movement|organi[sz]ation|militia|coalition)['’]s\s*$",
                                     text[b0:rstart], re.I):
            prior = [c for c in context if c.span.end <= rstart]
            org = prior[-1].actor if prior else None
        if org is None:
            mo = re.search(rf"({_ROLE})\s+of\s+(?:the\s+)?(.+?)\s*,\s*$", before, re.I)
            if mo:
                org = _mention_in(mentions, b0 + mo.start(2), ent.start_char)
        return org, role
    m = re.search(r"\b(?:under\s+the\s+(?:leadership|command)\s+of|led\s+by|headed\s+by|commanded\s+by)\s+$",
                  before, re.I)
    if m:
        org = _mention_in(mentions, ent.start_char - 160, b0 + m.start())
        return org, "leader"
    return None, None


def _mention_ending(mentions, pos: int) -> str | None:
    """The mention that ends right before `pos` ("Boko Haram leader", "MNLA's leader")."""
    for m in mentions:
        if 0 <= pos - m.span.end <= 3:
            return m.actor
    return None


def _mention_at(mentions, pos: int, slack: int) -> str | None:
    for m in mentions:
        if pos - 2 <= m.span.start <= pos + slack:
            return m.actor
    return None


def _mention_in(mentions, a: int, b: int) -> str | None:
    inside = [m for m in mentions if a <= m.span.start and m.span.end <= b]
    return inside[-1].actor if inside else None


def _fate(ent) -> str | None:
    """The fate verb or noun that governs the person in the parse."""
    root = ent.root
    # walk up through conjunctions, appositions and compounds to the governing word
    tok, steps = root, 0
    while tok.dep_ in ("conj", "appos", "compound", "flat") and tok.head is not tok and steps < 3:
        tok, steps = tok.head, steps + 1
    dep = tok.dep_
    head = tok.head
    if dep == "pobj" and head.lower_ in ("by",):
        return None  # the agent, not the victim
    if dep == "pobj" and head.lower_ == "of":
        head = head.head  # "the death of P"
    elif dep not in ("nsubjpass", "dobj", "nsubj", "obj", "pobj"):
        return None
    fate = _FATES.get(head.lemma_.lower())
    if fate is None:
        return None
    if dep == "nsubj" and fate not in ("died", "exiled", "deposed"):
        return None  # "P killed ten soldiers": P is the killer
    if fate == "deposed" and head.lemma_.lower() == "resign" and dep != "nsubj":
        return None
    return fate
