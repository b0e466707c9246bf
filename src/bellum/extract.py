"""One document in, its events out: `process_document(doc, sdoc, res) -> DocResult`.

Walks the sentences in order keeping a date context (section heading year, last
date read), finds actors / places / dates / counts per sentence, reads each event
trigger with its roles (nlp/events.py), keeps one event per occurrence in a
sentence, dedupes the same occurrence told again later (infer/dedupe.py) and
numbers the events in text order. No I/O: `Resources.load()` reads the lexicons
and the gazetteer once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bellum.infer.dedupe import dedupe
from bellum.model import Actor, DateValue, DocResult, Document, Event, Place, Span
from bellum.nlp.actors import GENERIC, ActorLexicon, resolve_generic
from bellum.nlp.dates import DateContext, find_dates, heading_context
from bellum.nlp.events import (PRIORITY, VIOLENT, Candidate, TriggerLexicon, clause_text,
                               confidence, read_trigger, refine_type)

from bellum.nlp.quantities import fatalities, find_counts

MIN_CONFIDENCE = 0.55
ANAPHOR_WINDOW = 2  # sentences back in which 'the rebels' finds its group
# summaries of many events, not one event ("in total", "since 2012")
SUMMARY = re.compile(r"(?i)\b(in total|in all,|a total of|overall|cumulative|since (?:19|20)\d\d|"
                     r"from (?:19|20)\d\d to (?:19|20)\d\d|between (?:19|20)\d\d and (?:19|20)\d\d|"
                     r"each year|every year|per year|annually|so far this year)\b")
LOCATIVE = {"in", "at", "near", "outside", "around", "into", "toward", "towards", "to", "from",
            "of", "on", "between", "across", "inside", "within", "through", "over"}
PLACE_HEADS = {"town", "city", "village", "commune", "region", "camp", "base", "airport",
               "locality", "district", "province", "department", "cercle", "area"}


@dataclass
class Resources:
    """Everything loaded once per process: lexicons, matchers, gazetteer."""

    actors: ActorLexicon
    triggers: TriggerLexicon
    gazetteer: object = None
    _geocode: object = None

    @classmethod
    def load(cls, vocab=None) -> Resources:
        if vocab is None:
            from bellum.nlp.pipeline import load_nlp

            vocab = load_nlp().vocab
        from bellum.geo.gazetteer import Gazetteer
        from bellum.geo.geocode import geocode

        return cls(ActorLexicon.load(vocab=vocab), TriggerLexicon.load(vocab),
                   Gazetteer.default(), geocode)


@dataclass
class _DocState:
    doc: Document
    res: Resources
    countries: list[str] = field(default_factory=list)
    geocache: dict = field(default_factory=dict)
    main_country: str | None = None
    recent_groups: list[tuple[int, str]] = field(default_factory=list)  # (sent idx, actor)
    ents: dict = field(default_factory=dict)  # sentence index -> named entities
    holder: dict = field(default_factory=dict)  # folded place -> actor holding it
    last_place: tuple | None = None  # the last place named, for "the town"

    def geocode(self, name: str) -> Place:
        p = self.geocache.get(name)
        if p is None:
            p = self.res._geocode(name, doc_countries=self.countries or None,
                                  gazetteer=self.res.gazetteer)
            self.geocache[name] = p
        return p


def process_document(doc: Document, sdoc, res: Resources) -> DocResult:
    """Events, sentences and learned actors of one parsed document."""
    dact = res.actors.for_document(doc)
    sents = [s for s in sdoc.sents if s.text.strip()]
    out = DocResult(document=doc, sentences=[(s.start_char, s.end_char) for s in sents])
    mentions = dact.find_all(sdoc, doc.id)
    triggers = res.triggers.find(sdoc)
    st = _DocState(doc, res)
    st.main_country, st.countries = _doc_countries(doc, sdoc, mentions, res)

    sent_of = {}
    for k, s in enumerate(sents):
        for i in range(s.start, s.end):
            sent_of[i] = k
    by_sent_e: dict[int, list] = {}
    for ent in sdoc.ents:
        by_sent_e.setdefault(sent_of.get(ent.start, -1), []).append(ent)
    st.ents = by_sent_e
    by_sent_m: dict[int, list] = {}
    by_sent_t: dict[int, list] = {}
    for m in mentions:
        by_sent_m.setdefault(sent_of.get(m[0], -1), []).append(m)
    for t in triggers:
        by_sent_t.setdefault(sent_of.get(t[0], -1), []).append(t)

    events: list[Event] = []
    ctx = DateContext()
    section = None
    used_actors: dict[str, Actor] = {}
    for k, sent in enumerate(sents):
        sec = doc.section_at(sent.start_char)
        if sec is not section:
            section = sec
            ctx = _section_context(doc, sec, ctx)
        text = sent.text
        if _is_infobox_or_heading(doc, sent):
            continue
        dms = find_dates(text, sent.start_char, ctx)
        sm = by_sent_m.get(k, [])
        for m in sm:
            a = dact.actor(m[2].actor)
            if a is not None and a.inter == 2 and GENERIC not in m[2].actor:
                st.recent_groups.append((k, m[2].actor))
        trig = by_sent_t.get(k, [])
        if trig:
            events.extend(_sentence_events(doc, sdoc, sent, k, trig, sm, dms, ctx, st, dact))
        # the last explicit event/report date carries over to the next sentences
        for dm in dms:
            if dm.role in ("event", "report"):
                ctx = DateContext(ctx.year, ctx.year_range, dm.value, ctx.published)
    for e in events:
        for name in [e.actor1, e.actor2, *e.assoc_actor_1, *e.assoc_actor_2]:
            if name and name not in used_actors:
                a = dact.actor(name)
                if a is not None:
                    used_actors[name] = a
    for a in dact.learned.values():
        used_actors.setdefault(a.name, a)
    events = [e for e in _continuations(events) if "weak" not in e.reasons]
    events = dedupe(events)
    events.sort(key=lambda e: min(s.start for s in e.sources))
    for n, e in enumerate(events, 1):
        e.id = f"{doc.id}-{n:04d}"
    out.events = events
    out.actors = list(used_actors.values())
    return out


def _continuations(events: list[Event]) -> list[Event]:
    """A sentence with no date of its own that goes on about the event just told
    ('The attack was repelled', 'Twenty soldiers died') is a passage of that event."""
    from bellum.infer.dedupe import merge

    out: list[Event] = []
    for e in events:
        prev = out[-1] if out else None
        if prev is not None and "weak" in prev.reasons:
            prev = out[-2] if len(out) > 1 else None
        if prev is not None and e.reasons.get("date", "").startswith("last date read") and \
                e.date.value == prev.date.value and _same_family(prev, e) and \
                (not e.location or not prev.location or e.location == prev.location) and \
                ("anaphor_event" in e.reasons or not _contradict(prev, e)) and \
                e.sources[0].start - prev.sources[-1].end < 400:
            merge(prev, e)
            prev.reasons["sources"] = "continuation sentence merged"
            continue
        out.append(e)
    return out


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
    def read(e):  # actors the text names, not inferred ones
        return {x for x, r in ((e.actor1, "actor1"), (e.actor2, "actor2"))
                if x and not e.reasons.get(r, "").startswith(("inferred", "unclaimed"))}
    sa, sb = read(a), read(b)
    return bool(sa and sb and not sa & sb)


def _section_context(doc: Document, sec, ctx: DateContext) -> DateContext:
    year, yrange = (None, None)
    for s in doc.section_path(sec.start) if sec else []:
        y, r = heading_context(s.title)
        if r is not None:
            year, yrange = y, r
    prev = ctx.previous
    if yrange and prev is not None and not (yrange[0] <= prev.year <= yrange[1]):
        prev = DateValue(str(yrange[0]), "year", None, "section")
    return DateContext(year, yrange, prev, ctx.published)


def _is_infobox_or_heading(doc: Document, sent) -> bool:
    t = sent.text.strip()
    if t.startswith("=") or re.match(r"^-?\s*\w[\w ]*\d?:\s", t):
        return True
    for _k, (_v, span) in doc.infobox.items():
        if span.start <= sent.start_char < span.end + 2:
            return True
    return False


def _doc_countries(doc, sdoc, mentions, res) -> tuple[str | None, list[str]]:
    """The document's main country: the most named country among its places,
    nationality words and title."""
    counts: dict[str, int] = {}
    nat = res.actors.nat
    for tok in sdoc:
        c = nat.names.get(tok.lower_) if tok.pos_ == "PROPN" else nat.by_word.get(tok.lower_)
        if c and tok.text[:1].isupper():
            counts[c] = counts.get(c, 0) + 1
    for w in re.findall(r"[A-Z][\w]+(?: [A-Z][\w]+)?", doc.title or ""):
        c = nat.names.get(w.lower()) or nat.by_word.get(w.lower())
        if c:
            counts[c] = counts.get(c, 0) + 10
    ranked = sorted(counts, key=lambda c: -counts[c])
    sahel = [c for c in ranked if c in ("Mali", "Burkina Faso", "Niger", "Chad", "Mauritania",
                                        "Nigeria", "Benin", "Togo", "Algeria", "Ivory Coast",
                                        "Ghana", "Senegal", "Guinea", "Libya", "Cameroon")]
    main = sahel[0] if sahel else (ranked[0] if ranked else None)
    return main, (sahel[:4] or ranked[:2])


# ---- one sentence --------------------------------------------------------------


def _sentence_events(doc, sdoc, sent, k, trigs, sm, dms, ctx, st, dact) -> list[Event]:
    text = sent.text
    if SUMMARY.search(text) and not any(dm.value.precision in ("day", "range") for dm in dms):
        return []
    places = _places(sdoc, sent, sm, st, k)
    if places:
        st.last_place = places[-1]
    counts = find_counts(text, sent.start_char)
    cands: list[Candidate] = []
    for s, e, trig in trigs:
        c = read_trigger(sdoc, s, e, trig, sm)
        if c.hypothetical:
            continue
        cands.append(c)
    if not cands:
        return []
    groups = _group_candidates(sdoc, cands)
    if any(g[0].event_type in VIOLENT for g in groups):
        groups = [g for g in groups if g[0].event_type in VIOLENT or
                  max(c.trigger.strength for c in g) >= 0.8]
    events = []
    for group in groups:
        events.extend(_build_events(doc, sdoc, sent, k, group, sm, places, counts, dms, ctx, st,
                                    dact))
    return events


def _clause_head(tok):
    """The verb heading the clause of a token: climb until a verb that has its own
    subject ('killing 20' -> 'attacked'; 'an airstrike ... killed' -> 'killed')."""
    node = tok
    for _ in range(8):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children) or node.head is node:
            return node
        if node.dep_ in ("nsubj", "nsubjpass"):
            return node.head
        node = node.head
    return node


def _group_candidates(sdoc, cands: list[Candidate]) -> list[list[Candidate]]:
    """Triggers of one clause that tell one occurrence ('attacked ..., killing 20')
    form one group; other clauses and strategic readings stay apart."""
    groups: list[list[Candidate]] = []
    heads: list[int] = []
    for c in cands:
        ch = _clause_head(sdoc[c.start:c.end].root).i
        placed = False
        for g, gh in zip(groups, heads):
            h = g[0]
            both_violent = c.event_type in VIOLENT and h.event_type in VIOLENT
            same = c.event_type == h.event_type and c.sub_event_type == h.sub_event_type
            if ch == gh and (both_violent or same):
                g.append(c)
                placed = True
                break
        if not placed:
            groups.append([c])
            heads.append(ch)
    return groups


def _different_actors(a: Candidate, b: Candidate) -> bool:
    na = {m[2].actor for m in (a.actor1, a.actor2) if m}
    nb = {m[2].actor for m in (b.actor1, b.actor2) if m}
    return bool(na and nb and not (na & nb))


def _pick(group: list[Candidate]) -> Candidate:
    return max(group, key=lambda c: (PRIORITY.get(c.sub_event_type, 1) +
                                     (2 if c.trigger.control else 0) * (c.event_type == "Battles"),
                                     c.trigger.strength))


def _resolve(name: str | None, country: str | None, st: _DocState, k: int,
             anaphoric: bool = False) -> tuple[str | None, str]:
    if name is None:
        return None, ""
    if GENERIC not in name:
        return name, ""
    if name.startswith("Unidentified Armed Group") and anaphoric:
        # 'the militants', 'rebels': the armed group named in this or the previous sentence
        recent = [a for (i, a) in st.recent_groups if k - ANAPHOR_WINDOW <= i <= k]
        if recent:
            return recent[-1], "; anaphor resolved to the armed group named just before"
    return resolve_generic(name, country or st.main_country), ""


def _build_events(doc, sdoc, sent, k, group, sm, places, counts, dms, ctx, st, dact):
    main = _pick(group)
    reasons = dict(main.reasons)
    # roles: the main trigger's, completed by the others of its group
    a1, a2, al1, al2 = main.actor1, main.actor2, list(main.assoc1), list(main.assoc2)
    # a role read from the parse beats a positional guess of another trigger
    for c in group:
        if c is main:
            continue
        for role in ("actor1", "actor2"):
            mine = a1 if role == "actor1" else a2
            theirs = getattr(c, role)
            if theirs is None:
                continue
            weak_mine = mine is None or _positional(reasons.get(role))
            if weak_mine and not _positional(c.reasons.get(role)) or mine is None:
                other = a2 if role == "actor1" else a1
                if other is not None and theirs[2].actor == other[2].actor:
                    continue
                if role == "actor1":
                    a1, al1 = theirs, c.assoc1
                else:
                    a2, al2 = theirs, c.assoc2
                reasons[role] = c.reasons.get(role, "") + f" (of '{c.trigger.lemma}')"
    # date: the event date nearest before the trigger, else the first, else the context
    date, dreason, in_sent = _date_for(main, sdoc, dms, ctx)
    if date is None:
        return []
    reasons["date"] = dreason
    # places: those governed by the trigger first; several objects -> several events
    tplaces = _trigger_places(sdoc, group, places)
    loc_list = tplaces or ([places[0]] if places else [])
    if len(tplaces) > 1 and (main.trigger.control or _coordinated(sdoc, tplaces)):
        targets = _coordinated(sdoc, tplaces) or tplaces
    else:
        targets = loc_list[:1] or [None]
    if targets == [None] and st.last_place is not None and _refers_to_place(sdoc, group):
        targets = [st.last_place]
        reasons["location"] = "'the town': the place named last"
    country_hint = None
    for p in targets:
        if p is not None and p[1].country:
            country_hint = p[1].country
            break
    name1, why1 = _resolve(a1[2].actor if a1 else None, country_hint, st, k, _anaphoric(a1))
    name2, why2 = _resolve(a2[2].actor if a2 else None, country_hint, st, k, _anaphoric(a2))
    if name1 and name1 == name2:
        name2 = None
    if a1:
        reasons["actor1"] = reasons.get("actor1", "") + f": '{a1[2].text}' ({a1[2].reason})" + why1
    if a2 and name2:
        reasons["actor2"] = reasons.get("actor2", "") + f": '{a2[2].text}' ({a2[2].reason})" + why2
    assoc1 = _names(al1, country_hint, st, k, exclude={name1, name2})
    assoc2 = _names(al2, country_hint, st, k, exclude={name1, name2, *assoc1})
    # the local state as actor1 when it fights alongside foreign forces
    local = f"Military Forces of {st.main_country}"
    if name1 and assoc1 and st.main_country and local in assoc1 and (
            name1.startswith("Military Forces of") or (dact.actor(name1) or Actor("")).inter
            in (8, 3, 4)):
        assoc1 = [name1] + [a for a in assoc1 if a != local]
        name1 = local
        reasons["actor1"] += "; local state forces lead their allies"
    name1, name2, assoc1 = _normalise_roles(main, name1, name2, assoc1, sm, st, k, sdoc,
                                            country_hint, reasons)
    act1, act2 = dact.actor(name1) if name1 else None, dact.actor(name2) if name2 else None
    inter1 = act1.inter if act1 else None
    inter2 = act2.inter if act2 else None
    objects_are_places = bool(tplaces)
    refine_type(main, inter1, inter2, name1, name2, clause_text(sdoc, main), objects_are_places)
    # a weak word of taking ('taken', 'reached', 'entered') needs a place it governs
    # taking or leaving needs a place the trigger governs ('took control of the north' is
    # a summary, 'retook the town' refers back to a named place)
    if main.trigger.control and not tplaces and (main.trigger.strength < 0.5 or not (
            reasons.get("location", "").startswith("'the town'"))) and \
            main.sub_event_type != "Armed clash":
        if main.trigger.control == "gain" or main.trigger.strength < 0.5:
            return []
    reasons["sub_event_type"] = main.reasons.get("sub_event_type",
                                                 f"trigger '{main.trigger.lemma}'")
    name1, name2, inter1, inter2 = _post_type_roles(main, name1, name2, inter1, inter2, sm,
                                                    country_hint, st, dact, reasons)
    # weak evidence is not an event: a strategic word with no actor, a kill with no count
    if main.event_type == "Strategic developments" and name1 is None and name2 is None:
        return []
    fat, flo, fhi = _fatalities(counts, main, sdoc, group)
    if main.trigger.lemma == "kill" and len(group) == 1 and not a1 and fat is None:
        return []
    out = []
    name2_base, inter2_base = name2, inter2
    for p in targets:
        loc = p[0] if p else None
        place = p[1] if p else None
        conf = confidence(main.trigger, in_sent, bool(name1),
                          loc is not None, fat is not None,
                          any(v and not v.startswith("nearest") for v in
                              (main.reasons.get("actor1"),)))
        country = (place.country if place and place.country else None) or st.main_country
        name2, inter2 = name2_base, inter2_base
        if name2 is None and loc and main.event_type == "Battles":
            held = st.holder.get(_fold(loc))
            if held is None and inter1 in (2, 3, 4) and country:
                held = f"Military Forces of {country}"
                reasons["actor2"] = "inferred: the state held the place before (no capture read)"
            elif held is not None:
                reasons["actor2"] = "inferred: holder of the place from an earlier capture"
            if held and held != name1 and held not in assoc1:
                name2 = held
                a = dact.actor(held)
                inter2 = a.inter if a else None
            else:
                reasons.pop("actor2", None)
        ev = Event(
            id="", doc=doc.id, sources=[Span(doc.id, sent.start_char, sent.end_char)],
            date=date, event_type=main.event_type, sub_event_type=main.sub_event_type,
            actor1=name1, actor2=name2, assoc_actor_1=assoc1, assoc_actor_2=assoc2,
            inter1=inter1, inter2=inter2, location=loc, country=country, place=place,
            fatalities=fat, fatalities_low=flo, fatalities_high=fhi, confidence=conf,
            reasons=dict(reasons),
        )
        if loc:
            ev.reasons["location"] = "place governed by the trigger" if tplaces else \
                "first place of the sentence"
        if fat is not None or flo is not None:
            ev.reasons["fatalities"] = "killed counts of the sentence (quantities)"
        ev.control_change = _control(main, ev)
        if ev.control_change and ev.control_change["to"]:
            st.holder[_fold(ev.control_change["place"])] = ev.control_change["to"]
        ev.relation_change = _relation(main, ev, sm, st, k)
        ev.notes = f"{main.trigger.lemma}: {sent.text[:80]}"
        if not in_sent and _event_anaphor(sdoc, group):
            ev.reasons["anaphor_event"] = "'this attack', 'the fighting': the event told before"
        if conf < MIN_CONFIDENCE:
            ev.reasons["weak"] = f"confidence {conf} below {MIN_CONFIDENCE}"
        out.append(ev)
    return out


def _post_type_roles(main, name1, name2, inter1, inter2, sm, country, st, dact, reasons):
    """Role rules that need the final type: who protests, who riots, who bombs."""
    cty = country or st.main_country
    et = main.event_type

    def inter(n):
        a = dact.actor(n) if n else None
        return a.inter if a else None

    protesters = next((m[2].actor for m in sm if m[2].actor.startswith("Protesters")), None)
    if protesters and "{country}" in protesters:
        protesters = resolve_generic(protesters, cty)
    if et == "Battles" and protesters and main.sub_event_type == "Armed clash":
        # clashes between protesters and police: a riot (ACLED)
        other = name1 if name1 != protesters else name2
        main.event_type, main.sub_event_type = "Riots", "Violent demonstration"
        reasons["event_type"] = reasons["sub_event_type"] = "clash involving protesters"
        name1, name2 = f"Rioters ({cty})" if cty else "Rioters", other
        reasons["actor1"] = "rioting protesters"
    elif et == "Protests" and protesters and name1 != protesters:
        other = name1 if name1 and not name1.startswith(("Protesters", "Civilians")) else None
        name1, name2 = protesters, name2 or other
        reasons["actor1"] = "protest event: the protesters named"
    if main.event_type in ("Battles", "Explosions/Remote violence", "Strategic developments") \
            and name1 and name1.startswith("Civilians"):
        if name2 is None:
            name2 = name1
            reasons["actor2"] = "civilians are the target, not the actor"
        name1 = None
    if name1 is None and main.event_type in ("Explosions/Remote violence",
                                             "Violence against civilians") and \
            main.sub_event_type != "Air/drone strike" and cty:
        name1 = f"Unidentified Armed Group ({cty})"
        reasons["actor1"] = "unclaimed bombing/attack: unidentified armed group (ACLED)"
    return name1, name2, inter(name1), inter(name2)


NEW_GROUP_CUES = {"form", "forming", "formed", "into", "create", "creating", "created",
                  "call", "calling", "called", "named", "become", "became", "found",
                  "founded", "founding", "establish", "established", "itself", "formation"}


def _normalise_roles(cand, name1, name2, assoc1, sm, st, k, sdoc, country, reasons):
    """ACLED conventions that need the event type: the state acts through its
    forces in violence and deployments; protesters protest; a merger's actor is
    the group it creates, a split's the splinter that leaves its parent."""
    et, sub, lemma = cand.event_type, cand.sub_event_type, cand.trigger.lemma
    rel = cand.trigger.relation

    def to_forces(n):
        if n and n.startswith("Government of ") and (
                et in VIOLENT or rel in ("deployment", "withdrawal") or cand.trigger.control):
            return "Military Forces of " + n[len("Government of "):]
        return n

    name1, name2 = to_forces(name1), to_forces(name2)
    assoc1 = [to_forces(a) for a in assoc1]
    cty = country or st.main_country or "{country}"
    if sub == "Agreement" and name2 is None and assoc1:
        name2, assoc1 = assoc1[0], assoc1[1:]
        reasons["actor2"] = "agreement: the other party named with actor1"
    if et == "Protests" and (name1 is None or not name1.startswith(("Protesters", "June"))):
        if name1 and name1.startswith(("Civilians", "Rioters")) or name1 is None:
            name1 = f"Protesters ({cty})"
            reasons["actor1"] = "protest event: the people protesting"
    if et == "Riots" and (name1 is None or name1.startswith(("Civilians", "Protesters"))):
        name1 = f"Rioters ({cty})"
        reasons["actor1"] = "riot event: the people rioting"
    if rel in ("merge", "split") or (sub == "Change to group/activity" and lemma in (
            "form", "formation", "found", "founding")):
        groups = [m for m in sm if not m[2].actor.startswith(("Civilians", "Unidentified"))
                  and "{country}" not in m[2].actor]
        new = None
        for m in groups:
            left = {t.lower_ for t in sdoc[max(m[0] - 3, 0):m[0]]}
            if left & NEW_GROUP_CUES and m[0] >= cand.start:
                new = m
                break
        if new is None and rel is None and lemma in ("formation", "founding"):
            after = [m for m in groups if m[0] > cand.start]
            new = after[0] if after else None
        if new is not None:
            nn, _ = _resolve(new[2].actor, country, st, k)
            if rel == "split":
                parent = next((m for m in groups if m is not new), None)
                name2 = _resolve(parent[2].actor, country, st, k)[0] if parent else None
                reasons["actor2"] = "split: the group left"
            else:
                name2 = None
            name1 = nn
            reasons["actor1"] = f"new group '{new[2].text}' after '{lemma}'"
    return name1, name2, assoc1


def _anaphoric(m) -> bool:
    """'the militants', 'the group', 'rebels' refer back; 'gunmen', 'unidentified
    assailants', 'suspected jihadists' are unnamed on purpose."""
    if m is None:
        return False
    t = m[2].text.lower()
    if t.startswith(("unidentified", "unknown", "suspected", "a ", "an ")):
        return False
    return t.startswith(("the ", "this ", "these ", "its ")) or "rebel" in t


def _positional(reason: str | None) -> bool:
    return bool(reason) and reason.startswith(("nearest", "first actor after"))


def _names(mlist, country, st, k, exclude) -> list[str]:
    out = []
    for m in mlist:
        n, _ = _resolve(m[2].actor, country, st, k)
        if n and n not in exclude and n not in out:
            out.append(n)
    return out


def _date_for(cand: Candidate, sdoc, dms, ctx) -> tuple[DateValue | None, str, bool]:
    tstart = sdoc[cand.start].idx
    ev = [d for d in dms if d.role == "event" and d.value.reason != "attributive"]
    before = [d for d in ev if d.start <= tstart]
    if before:
        d = before[-1]
        return d.value, f"date before the trigger '{d.text}' ({d.value.reason})", True
    if ev:
        d = ev[0]
        return d.value, f"date in the sentence '{d.text}' ({d.value.reason})", True
    rep = [d for d in dms if d.role == "report"]
    if rep:
        return rep[0].value, f"report date '{rep[0].text}'", True
    if ctx.previous is not None:
        p = ctx.previous
        return DateValue(p.value, p.precision, p.end, "previous"), "last date read before", False
    if ctx.year is not None:
        return DateValue(str(ctx.year), "year", None, "section"), "section heading year", False
    return None, "", False


def _fatalities(counts, cand, sdoc, group):
    killed = [c for c in counts if c.kind == "killed"]
    if not killed:
        return None, None, None
    best, low, high = fatalities(killed)
    return best, low, high


# ---- places ---------------------------------------------------------------------


def _places(sdoc, sent, sm, st, k) -> list[tuple[str, Place, int, int]]:
    """Places of a sentence: (name as written, Place, tok start, tok end), in order.
    A candidate is a named entity or a capitalised name after a locative word that
    is not an actor and that the gazetteer knows (or NER calls a place)."""
    actor_toks = set()
    for m in sm:
        actor_toks.update(range(m[0], m[1]))
    cands = []
    for ent in st.ents.get(k, []):
        strong = ent.label_ in ("GPE", "LOC", "FAC")
        # the small model often tags towns as PERSON/ORG: kept if the gazetteer knows them
        weak = ent.label_ in ("ORG", "PERSON", "NORP") and not (
            ent.root.dep_ in ("nsubj", "poss") and ent.label_ == "PERSON")
        if strong or weak:
            # "Tessit and Ansongo" tagged as one entity: one candidate per conjunct
            a = ent.start
            for i in range(ent.start, ent.end + 1):
                if i == ent.end or sdoc[i].lower_ in ("and", ",", "or", "&"):
                    if i > a:
                        cands.append((a, i, ent.label_))
                    a = i + 1
    i = sent.start
    while i < sent.end:
        t = sdoc[i]
        if t.lower_ in LOCATIVE or t.lower_ in PLACE_HEADS:
            j = i + 1
            if j < sent.end and sdoc[j].lower_ == "the":
                j += 1
            k = j
            while k < sent.end and (sdoc[k].text[:1].isupper() or (
                    sdoc[k].text in ("-", "des", "de", "du") and k + 1 < sent.end
                    and sdoc[k + 1].text[:1].isupper())):
                k += 1
            if k > j:
                cands.append((j, k, "CAP"))
        i += 1
    out = []
    seen = set()
    for s, e, label in sorted(cands, key=lambda c: (c[0], -c[1])):
        if any(x in actor_toks for x in range(s, e)) or (s, e) in seen:
            continue
        if any(sdoc[x].ent_type_ in ("DATE", "TIME") for x in range(s, e)):
            continue
        span = sdoc[s:e]
        name = span.text.strip()
        if name.lower().startswith("the "):
            name = name[4:]
        if not name or not name[:1].isupper() or name.isupper() and len(name) <= 5:
            continue
        if name.lower() in st.res.actors.nat.by_word and name.lower() not in \
                st.res.actors.nat.names:
            continue  # "Malian", "French": nationality words, not places
        if any(a < e and s < b for a, b in seen):
            continue
        # "the Kidal region", "Mopti region"
        if e < sent.end and sdoc[e].lower_ in ("region", "province", "cercle", "district"):
            name = f"{name} {sdoc[e].text}"
            e += 1
        place = st.geocode(name)
        known = place.geonameid is not None
        country_only = place.reason.startswith("country")
        if country_only:
            continue
        if not known and label not in ("GPE", "LOC", "FAC"):
            continue
        if not known and label == "FAC":
            continue
        # "central Mali", "northern Burkina Faso"
        if s > sent.start and sdoc[s - 1].lower_ in ("central", "northern", "southern",
                                                      "eastern", "western"):
            pass
        seen.add((s, e))
        out.append((name, place, s, e))
    return out


def _fold(name: str) -> str:
    from unidecode import unidecode

    return "".join(c for c in unidecode(name).lower() if c.isalnum())


PLACE_NOUNS = {"town", "city", "village", "settlement", "locality", "base", "camp", "capital"}


def _event_anaphor(sdoc, group) -> bool:
    for c in group:
        tok = sdoc[c.start:c.end].root
        if tok.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ in ("the", "this", "that",
                                                                       "these", "those")
                                      for d in tok.children):
            return True
    return False


def _refers_to_place(sdoc, group) -> bool:
    """'recaptured the town', 'entered the city': a definite place noun the trigger governs."""
    for c in group:
        tok = sdoc[c.start:c.end].root
        for d in tok.subtree:
            if d.lemma_ in PLACE_NOUNS and any(x.lower_ in ("the", "this") for x in d.children):
                return True
    return False


def _coordinated(sdoc, places):
    """Places listed together ('in Gao, Kidal and Timbuktu'): one event each."""
    first = places[0]
    out = [first]
    for p in places[1:]:
        tok = sdoc[p[3] - 1]
        chain = [tok] + list(tok.ancestors)[:4]
        if any(t.dep_ == "conj" for t in chain[:3]) and any(
                first[2] <= t.i < first[3] for t in chain):
            out.append(p)
    return out if len(out) > 1 else []


def _trigger_places(sdoc, group, places):
    """Places in the subtree of the group's triggers (objects first)."""
    res = []
    for c in group:
        tok = sdoc[c.start:c.end].root
        lo, hi = tok.left_edge.i, tok.right_edge.i
        for p in places:
            if p[2] >= lo and p[3] - 1 <= hi and p not in res:
                res.append(p)
    return sorted(res, key=lambda p: p[2])


# ---- control and relation changes ------------------------------------------------


def _control(cand: Candidate, ev: Event) -> dict | None:
    t = cand.trigger
    if not t.control or not ev.location:
        return None
    if ev.sub_event_type not in ("Government regains territory",
                                 "Non-state actor overtakes territory",
                                 "Non-violent transfer of territory"):
        return None
    if t.control == "gain":
        return {"place": ev.location, "to": ev.actor1, "from": ev.actor2}
    return {"place": ev.location, "to": ev.actor2, "from": ev.actor1}


def _relation(cand: Candidate, ev: Event, sm, st, k) -> dict | None:
    kind = cand.trigger.relation
    if kind is None and ev.sub_event_type == "Change to group/activity":
        kind = "realignment" if cand.trigger.lemma in ("join",) else None
        if cand.trigger.lemma in ("form", "formation", "found", "founding", "create"):
            kind = "merge" if len({m[2].actor for m in sm}) > 2 else None
    if kind is None:
        return None
    names = []
    for m in sm:
        n, _ = _resolve(m[2].actor, ev.country, st, k)
        if n and n not in names and not n.startswith(("Civilians", "Unidentified")):
            names.append(n)
    result = None
    if kind == "merge" and ev.actor1:
        result = ev.actor1
        names = [n for n in names if n != result]
    elif kind == "split" and ev.actor1:
        result = ev.actor1
    elif kind in ("coup", "deployment", "withdrawal", "agreement", "alliance", "hostility"):
        for n in (ev.actor2, ev.actor1):
            if n and n not in names:
                names.insert(0, n)
    return {"kind": kind, "actors": names, "result": result}
