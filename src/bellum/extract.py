"""One document in, its events out: `process_document(doc, sdoc, res) -> DocResult`.

Walks the sentences in order keeping a date context (section heading year, last
date read), finds actors / places / dates / counts per sentence, reads each event
trigger with its roles (nlp/events.py), keeps one event per occurrence in a
sentence, dedupes the same occurrence told again later (infer/dedupe.py) and
numbers the events in text order. No I/O: `Resources.load()` reads the lexicons
and the gazetteer once per process.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from bellum.geo.fold import squash as fold  # a place-name key
from bellum.infer.coups import NOT_STEPS, SENTENCE_STEP_TYPES
from bellum.infer.dedupe import attach_passages, dedupe
from bellum.infer.passages import (BRANCHES, DESCRIPTIONS, air_actor, branches,
                                   continuations, coup_passages, inherit_actor, lead_place)
from bellum.model import (UNKNOWN_DATE, Actor, ActorMention, DateValue, DocResult, Document, Event,
                          Place, Provenance, Span)
from bellum.nlp import not_events
from bellum.nlp.actors import (GENERIC, ActorLexicon, country_of, is_category, resolve_generic,
                               state_name)
from bellum.roles import document as document_roles
from bellum.roles.document import DocumentRoles
from bellum.nlp.dates import DateContext, find_dates, heading_context, published_date
from bellum.nlp.events import (CROWD_RE, PRIORITY, RECIPROCAL,
                               VIOLENT, Candidate, Trigger, TriggerLexicon, clause_text,
                               confidence, read_trigger,
                               refine_type)

from bellum.nlp.places import (PLACE_NOUNS, coordinated, country_parts, is_region, last_town,
                               person_surnames,
                               parser_places, places_of, refers_to_place, trigger_places)
from bellum.nlp.quantities import fatalities, find_counts
from bellum.nlp.relations import find_leaders, find_relations
from bellum.provenance import decide, explain, forget, note, positional, rule, take
from bellum.roles.conventions import (AFTER_TYPING, BEFORE_TYPING, SANCTION_LEMMAS, RoleContext,
                                      apply_conventions)
from bellum.sources.infobox import parse_infobox

MIN_CONFIDENCE = 0.55
METADATA_AS_DATELINE = True  # a metadata publication date is also the last date read when the text starts
USE_GEO_MENTIONS = True
ANAPHOR_WINDOW = 2  # sentences back in which 'the rebels' finds its group
ANAPHOR_BARE = False
NEAREST_PLACE = False  # no place governed by the trigger: the one closest to it  # bare 'Islamists', 'militants' also refer to the group just named
TOPIC_WINDOW = 10  # sentences back for the group a passage is about
# summaries of many events, not one event ("in total", "since 2012")
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December")
SUMMARY = re.compile(r"(?i)\b(in total|in all,|a total of|overall|cumulative|since (?:19|20)\d\d|"
                     r"from (?:19|20)\d\d to (?:19|20)\d\d|between (?:19|20)\d\d and (?:19|20)\d\d|"
                     r"each year|every year|per year|annually|so far this year|"
                     r"an? (?:series|wave|spate|string|succession|campaign) of|"
                     r"since (?:the (?:start|beginning) of |(?:late|early|mid-?) ?)?(?:" + MONTHS +
                     r"|(?:19|20)\d\d|the year)|"
                     r"\d[\d,]* (?:separate |jihadist |terrorist |armed )?(?:attacks|clashes|incidents|"
                     r"ambushes|raids|strikes|airstrikes|massacres|kidnappings|abductions) (?:since|"
                     r"in|over|during|this|last))\b")


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
    home_place: tuple | None = None  # the town of an article's infobox 'Place'
    rulers: set | None = None  # surnames the text titles president or prime minister
    persons: set = field(default_factory=set)  # last names of the people the text names in full
    movements: list[tuple[int, str]] = field(default_factory=list)  # (sent idx, movement)
    infobox_groups: list[str] = field(default_factory=list)  # armed groups of the infobox

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
    st.home_place = _home_place(doc, st)
    st.infobox_groups = [n for n in dact.infobox
                         if (a := dact.actor(n)) is not None and a.inter == 2 and
                         a.source != "infobox"]  # a name only the infobox gives is no sure group

    sent_of = {}
    for k, s in enumerate(sents):
        for i in range(s.start, s.end):
            sent_of[i] = k
    by_sent_e: dict[int, list] = {}
    for ent in sdoc.ents:
        by_sent_e.setdefault(sent_of.get(ent.start, -1), []).append(ent)
    st.ents = by_sent_e
    st.persons = person_surnames(sdoc.ents)
    by_sent_m: dict[int, list] = {}
    by_sent_t: dict[int, list] = {}
    for m in mentions:
        by_sent_m.setdefault(sent_of.get(m[0], -1), []).append(m)
    for t in triggers:
        by_sent_t.setdefault(sent_of.get(t[0], -1), []).append(t)

    events: list[Event] = []
    ctx = document_context(doc)
    section = None
    used_actors: dict[str, Actor] = {}
    rel_mentions: dict[int, list[ActorMention]] = {}
    rel_dates: dict[int, DateValue | None] = {}
    attributions: list[tuple[int, int, str]] = []
    for k, sent in enumerate(sents):
        sec = doc.section_at(sent.start_char)
        if sec is not section:
            section = sec
            ctx = _section_context(doc, sec, ctx)
            st.last_place = None  # 'the village' of a new section is not the last one's
        text = sent.text
        if _is_infobox_or_heading(doc, sent):
            continue
        dms = find_dates(text, sent.start_char, ctx)
        sm = by_sent_m.get(k, [])
        # for the structure stage: resolved mentions and the sentence's date
        rel_mentions[k] = [ActorMention(resolve_generic(m[2].actor, st.main_country), m[2].text,
                                        m[2].span, m[2].reason, origin=m[2].origin) for m in sm]
        told = [dm.value for dm in dms if dm.role in ("event", "report")]
        rel_dates[k] = told[0] if told else ctx.previous
        for m in sm:
            a = dact.actor(m[2].actor)
            if a is not None and a.inter == 2 and GENERIC not in m[2].actor:
                st.recent_groups.append((k, m[2].actor))
            if a is not None and a.inter == 6 and "{" not in m[2].actor and \
                    not is_category(m[2].actor, "protesters"):
                st.movements.append((k, m[2].actor))  # 'the June 5 Movement' leads protests
        att = ATTRIB_RE.search(text)
        if att:
            group = next((m[2].actor for m in sm if sdoc[m[0]].idx >= sent.start_char + att.end()
                          and GENERIC not in m[2].actor and
                          (dact.actor(m[2].actor) or Actor("")).inter in (2, 3, 4)), None)
            if group:
                attributions.append((sent.start_char, sent.end_char, group))
        trig = by_sent_t.get(k, [])
        n0 = len(events)
        if trig:
            events.extend(_sentence_events(doc, sdoc, sent, k, trig, sm, dms, ctx, st, dact))
        elif any(t.pos_ == "PROPN" for t in sent):
            # 'the town' in a later sentence refers to the place named last, event or not
            places = (places_of if USE_GEO_MENTIONS else parser_places)(sdoc, sent, sm, st, k)
            if places:
                st.last_place = last_town(places)
        # the last explicit event date carries over to the next sentences (a report
        # date only when the sentence dates no event: "officials said on Monday"; and
        # not over the day of an event told before when what was said is a claim or a
        # word on that event: 'JNIM said on Sunday ...', 'The following day' is Saturday's)
        told_here = [dm for dm in dms if dm.role == "event"]
        if not told_here:
            by_report = [e for e in events[n0:] if rule(e.provenance, "date") == "report_date"]
            if any(not rule(e.provenance, "report") for e in by_report) or not by_report and (
                    ctx.previous is None or ctx.previous.precision != "day"):
                told_here = [dm for dm in dms if dm.role == "report"]
        if told_here:
            ctx = DateContext(ctx.year, ctx.year_range, told_here[-1].value, ctx.published)
    headline, lead = _headline_lead(doc)
    # events nothing dates skip the document passes (they compare dates); kept all the same
    undated = [e for e in events if not e.date.known]
    events = [e for e in events if e.date.known]
    events = document_roles.run(events, DocumentRoles(doc.text, dact, mentions, sdoc,
                                                      attributions, lead))
    branches(events, dact)
    events = air_actor(inherit_actor(events, dact, doc.text), doc, dact, res.actors.nat,
                        st.main_country)
    for e in events + undated:
        for name in [e.actor1, e.actor2, *e.assoc_actor_1, *e.assoc_actor_2]:
            if name and name not in used_actors:
                a = dact.actor(name)
                if a is not None:
                    used_actors[name] = a
    for a in dact.learned.values():
        used_actors.setdefault(a.name, a)
    for name in dact.infobox:  # the infobox's belligerents are the document's actors
        a = dact.actor(name)
        if a is not None:
            used_actors.setdefault(name, a)
    # weak reports stay until infer/dedupe.attach_passages finds what they refer to
    events = [e for e in continuations(coup_passages(events, doc.text), doc.text)
              if "weak" not in e.provenance or rule(e.provenance, "report") in ("reference", "toll")]
    events = dedupe(attach_passages(events, doc.text, headline, lead))
    if ctx.published is not None:
        lead_place(events, lead)
    _infobox_place(events, doc, st)
    _unseen_attackers(events, dact)
    events += _fold_undated(undated, events)
    for e in events:
        if e.actor1 is not None and e.actor1 == e.actor2:
            # inherited or claimed actors can meet the target: one actor is never both sides
            e.actor2, e.inter2 = None, None
            decide(e.reasons, e.provenance, "actor2", "same_as_actor1", "convention",
                   "dropped: the same actor as actor1")
    events.sort(key=lambda e: min(s.start for s in e.sources))
    stable_ids(doc.id, events, doc.text)
    out.events = events
    out.actors = list(used_actors.values())
    out.relations = find_relations(doc, out.sentences, rel_mentions, rel_dates)
    out.leaders = find_leaders(doc, sdoc, out.sentences, rel_mentions, rel_dates)
    out.infobox = parse_infobox(doc, resolve=res.actors.lookup)
    return out


def _fold_undated(undated: list[Event], dated: list[Event]) -> list[Event]:
    """The undated events that stay. An event is undated only when it is told before
    the first date of its document (nothing before it to take a date from): a title, a
    headline, a lead, which the dated passages then tell. So it joins the first dated
    event it may be (a title "Battle of Gao": same type, no other place, no other
    attacker), else the first dated event of its type; with none, it stays, and
    undated events told again (same type, actors and place) are one."""
    def fits(u: Event, e: Event) -> bool:
        lu, le = fold(u.location or ""), fold(e.location or "")
        return u.event_type == e.event_type and (not lu or not le or lu == le) and \
            (u.actor1 is None or e.actor1 is None or u.actor1 == e.actor1)

    kept: dict[tuple, Event] = {}
    for u in undated:
        into = next((e for e in dated if fits(u, e)), None) or next(
            (e for e in dated if e.event_type == u.event_type), None)
        if into is None:
            key = (u.event_type, u.sub_event_type, u.actor1, u.actor2, fold(u.location or ""))
            into = kept.get(key)
            if into is None:
                kept[key] = u
                continue
        into.sources += [s for s in u.sources if s not in into.sources]
        into.sources.sort(key=lambda s: (s.doc, s.start))
        into.reasons["sources"] = (into.reasons.get("sources", "") +
                                   "; an undated passage of the same occurrence joined").lstrip("; ")
        if into.fatalities is None and u.fatalities is not None:
            into.fatalities, into.fatalities_low, into.fatalities_high = \
                u.fatalities, u.fatalities_low, u.fatalities_high
    return list(kept.values())


# 'the attackers belonged to a group linked to Islamic State': who did the attack told before
ATTRIB_RE = re.compile(r"(?i)\b(?:the|these|those) (?:attackers|assailants|gunmen|perpetrators|"
                       r"killers|raiders)\b(?: \w+){0,3}?,? (?:belonged to|(?:were|are) (?:members|"
                       r"fighters|part) of|(?:were|are) (?:linked|affiliated) (?:to|with)|"
                       r"(?:believed|thought|said) to (?:be|have been) (?:from|members of|part of))|"
                       r"\battributed (?:\w+ ){0,3}?to\b|"
                       r"\b(?:blamed|blames|blaming|accused|accuses|accusing)\b(?: on)?"
                       r"(?! (?:the )?(?:army|soldiers|troops|"
                       r"government|state)\b)")  # 'The ministry blamed the Islamic State in the Sahel'
ATTACKER_WORDS = {"attackers", "assailants", "gunmen", "raiders", "attacker", "assailant"}


def document_date(doc: Document) -> DateValue | None:
    """The document's publication date: its metadata's (a build manifest, HTML meta
    tags) at the precision given, else a dateline or byline in its text."""
    if doc.published:
        precision = {4: "year", 7: "month"}.get(len(doc.published), "day")
        return DateValue(doc.published, precision, None, "published")
    return published_date(doc.text)


def document_context(doc: Document) -> DateContext:
    """The date context a document starts with. A publication date from the metadata
    reads like a dateline put before the text: the report date, and the last date read
    (so an event the text dates by nothing happened by the day it was reported)."""
    pub = document_date(doc)
    if doc.published and METADATA_AS_DATELINE:
        return DateContext(published=pub, previous=pub)
    return DateContext(published=pub)



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


BORDER_WORDS = {"border", "borders", "frontier", "boundary"}
MIN_SHARE = 0.25  # a country named under a quarter as often as the main one is not the setting


def _doc_countries(doc, sdoc, mentions, res) -> tuple[str | None, list[str]]:
    """The document's countries, most named first: the countries and demonyms its
    words and title name, its capitals and places the gazetteer puts in one country,
    its armed groups' countries. No region is preferred: the text decides."""
    counts: dict[str, int] = {}
    nat = res.actors.nat
    for tok in sdoc:
        # 'Burkinabè' is often tagged PROPN: a demonym counts either way
        c = (nat.names.get(tok.lower_) or nat.by_word.get(tok.lower_)) if tok.pos_ == "PROPN" \
            else nat.by_word.get(tok.lower_)
        # 'near the Mauritanian border', 'the border with Mali': where the text is not
        near_border = tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].lower_ in BORDER_WORDS or (
            tok.i >= 2 and sdoc[tok.i - 2].lower_ in BORDER_WORDS)
        if c and tok.text[:1].isupper() and not near_border:
            counts[c] = counts.get(c, 0) + 1
    for w in re.findall(r"[A-Z][\w]+(?: [A-Z][\w]+)?", doc.title or ""):
        c = nat.names.get(w.lower()) or nat.by_word.get(w.lower())
        if c:
            counts[c] = counts.get(c, 0) + 10
    # 'FAMa and their Russian partners ... in Nara': the groups and places say where
    for c, n in _implied_countries(sdoc, mentions, res).items():
        counts[c] = counts.get(c, 0) + n
    ranked = sorted(counts, key=lambda c: -counts[c])
    if not ranked:
        return None, []
    top = counts[ranked[0]]
    return ranked[0], [c for c in ranked[:4] if counts[c] >= top * MIN_SHARE]


ADMIN_SEATS = ("PPLC", "PPLA", "PPLA2")
LOCATIVE = {"in", "near", "at", "on", "outside", "around", "from", "into", "of", "to", "between", "across",
            "towards", "toward", "via", "through", "attacked", "captured"}


def _implied_countries(sdoc, mentions, res) -> dict[str, int]:
    """A text that names no country ('rebels attacked Léré and Niono'): the countries of
    the armed groups it names and of its places that exist in one country only, or
    are a seat of government in one."""
    counts: dict[str, int] = {}
    for m in mentions:
        a = res.actors.actor(m[2].actor) if GENERIC not in m[2].actor else None
        if a is not None and a.country and a.inter in (1, 2, 3, 4):
            c = a.country.removeprefix("the ")  # 'Military Forces of the Democratic Republic of Congo'
            counts[c] = counts.get(c, 0) + 1
    gaz = res.gazetteer
    if gaz is not None:
        # what the tagger calls a place, or a name after 'in', 'near'...: world-wide a
        # person's or a firm's name is often also some town's
        names = {e.text for e in sdoc.ents if e.label_ in ("GPE", "LOC", "FAC")}
        names |= {e.text for e in sdoc.ents if e.label_ in ("PERSON", "ORG") and e.start > 0
                  and sdoc[e.start - 1].lower_ in LOCATIVE}
        cued = set()  # 'in X', 'between X and Y', 'in X, Y and Z'
        for t in sdoc:
            if t.pos_ != "PROPN" or t.i == 0:
                continue
            prev = sdoc[t.i - 1]
            if prev.lower_ == "the" and t.i >= 2:  # 'in the Mopti Region'
                prev = sdoc[t.i - 2]
            if prev.lower_ in LOCATIVE or (prev.lower_ in ("and", ",", "or") and t.i >= 2 and
                                           sdoc[t.i - 2].i in cued):
                cued.add(t.i)
        names |= {sdoc[i].text for i in cued if len(sdoc[i].text) > 3}
        for name in sorted(names):
            rows = [gaz.row(i) for i, q, kind in gaz.lookup(name, fuzzy=False)
                    if kind in ("exact", "alternate")]
            ccs = {r[6] for r in rows}
            seats = {r[6] for r in rows if r[5] in ADMIN_SEATS}
            cc = next(iter(ccs)) if len(ccs) == 1 else (next(iter(seats)) if len(seats) == 1
                                                         else None)
            country = gaz.country_name(cc) if cc else None
            if country:
                counts[country] = counts.get(country, 0) + 1
    return counts


# ---- one sentence --------------------------------------------------------------


def _sentence_events(doc, sdoc, sent, k, trigs, sm, dms, ctx, st, dact) -> list[Event]:
    text = sent.text
    if SUMMARY.search(text) and not any(dm.value.precision in ("day", "range") for dm in dms):
        return []
    places = (places_of if USE_GEO_MENTIONS else parser_places)(sdoc, sent, sm, st, k)
    if places and st.last_place is not None and all(_landmark(sdoc, p) for p in places):
        # 'the town, located 40 km north of Kaya': Kaya only says where the town is
        town = st.last_place
        places = [(town[0], town[1], town[2], town[3])]
    elif places:
        st.last_place = last_town(places)
    else:
        places = country_parts(sdoc, sent, st)
    counts = find_counts(text, sent.start_char)
    cands: list[Candidate] = []
    for s, e, trig in trigs:
        c = read_trigger(sdoc, s, e, trig, sm)
        if c.hypothetical and not _announced(sdoc[s:e].root, trig) and not c.demand:
            continue  # a demand that forces leave is itself an event (ACLED: Other)
        if _in_quotes(sent, sdoc[s].idx):
            continue  # words inside a quotation are what someone said, not the narrative
        if _moved(sdoc[s:e].root, trig):
            continue
        cands.append(c)
    if not cands:
        return []
    not_events.retype_support(sdoc, cands)
    cands = [c for c in cands if not _named_in_subject(sdoc, c, cands)
             and not _time_reference(sdoc, c, cands) and not _backdrop(sdoc, c)
             and not _refers_back(sdoc, c, cands) and not not_events.rejected(sdoc, c, cands)]
    for c in cands:
        if c.sub_event_type == "Arrests" and _seizes_power(sdoc, c, st):
            # soldiers detaining the president or the prime minister: a coup (ACLED: Other)
            c.trigger = COUP
            c.event_type, c.sub_event_type = "Strategic developments", "Other"
            decide(c.reasons, c.provenance, "event_type", "soldiers_detain_ruler", "convention",
                   "soldiers detain the head of state: a coup")
    for c in cands:
        if c.event_type == "Strategic developments" and c.trigger.relation is None and \
                c.sub_event_type == "Other" and _crowd_subject(sdoc[c.start:c.end].root) and \
                c.trigger.lemma not in SANCTION_LEMMAS:
            # 'crowds in Kaya blocked a French convoy': what a crowd does is a protest
            c.event_type, c.sub_event_type, c.actor1 = "Protests", "Peaceful protest", None
            decide(c.reasons, c.provenance, "event_type", "crowd_blocks", "convention",
                   "a crowd blocks or occupies: a protest")
    groups = _group_candidates(sdoc, cands)
    deal = next((g for g in groups if g[0].sub_event_type == "Agreement"), None)
    for g in [g for g in groups if deal is not None and g is not deal and
              g[0].trigger.lemma in ("form", "create", "found", "establish")]:
        # 'signed the charter, creating the Alliance of Sahel States': the deal itself
        groups.remove(g)
    protest = any(g[0].event_type == "Protests" for g in groups)
    crowd = [g for g in groups if g[0].event_type == "Protests" or (
        g[0].event_type == "Strategic developments" and g[0].actor1 is not None and
        is_category(g[0].actor1[2].actor, "protesters", "rioters", "movement")) or (
        # 'protested against the arrests and blocked the road': how they protested
        protest and g[0].trigger.lemma in PROTEST_ACTS)]
    for g in crowd[1:]:
        # 'protesters occupied the broadcaster and blocked bridges': one protest
        crowd[0].extend(g)
        groups.remove(g)
    coup = next((g for g in groups for c in g if c.trigger.relation == "coup"), None)
    if coup is not None:
        # detaining the president, dissolving the government, seizing weapons, taking
        # up positions while seizing power: steps of the coup itself, one event
        for g in [g for g in groups if g is not coup and _coup_step(g[0])]:
            groups.remove(g)
            coup.extend(g)
        coup.sort(key=lambda c: c.trigger.relation != "coup")
    if any(g[0].event_type in VIOLENT for g in groups):
        groups = [g for g in groups if g[0].event_type in VIOLENT or
                  max(c.trigger.strength for c in g) >= 0.8 or _own_arrest(sdoc, g, groups)]
    events = []
    for group in groups:
        events.extend(_build_events(doc, sdoc, sent, k, group, sm, places, counts, dms, ctx, st,
                                    dact, len(groups)))
    return events


PROTEST_ACTS = {"block", "occupy", "close", "march", "rally", "gather", "sit-in"}


def _own_arrest(sdoc, group, groups) -> bool:
    """'killed 14 militants and arrested five villagers': people arrested are an
    occurrence of their own beside the violence (ACLED codes both) -- unless the violence
    is done to those arrested ('detained 17 men and executed all but one of them')."""
    if any(t.lower_ in ("them", "whom", "detainees", "prisoners") for g in groups
           if g is not group and g[0].event_type in VIOLENT for c in g
           for o in c.object_tokens for t in o.subtree):
        return False
    return any(c.sub_event_type == "Arrests" and sdoc[c.start:c.end].root.pos_ == "VERB" and
               c.object_tokens for c in group)


def _crowd_subject(tok) -> bool:
    """'crowds in Kaya blocked', 'hundreds of supporters occupied': a crowd acts."""
    return any(CROWD_RE.search(c.text) for c in tok.children if c.dep_ == "nsubj")


def _coup_step(c: Candidate) -> bool:
    """A strategic act told in a sentence of a coup: part of the coup, not an event."""
    return c.sub_event_type in SENTENCE_STEP_TYPES and c.trigger.relation not in NOT_STEPS and \
        not c.demand


WEAK_VIOLENT = {"kill", "killing", "fight", "fighting", "combat", "battle", "neutralise",
                "shoot dead", "die", "death"}


def _clause_chars(head) -> set[int]:
    """Character offsets of a clause's own words, without the clauses nested in it
    (conjoined or relative clauses with their own subject)."""
    skip: set[int] = set()
    for d in head.subtree:
        if d is not head and d.dep_ in ("conj", "relcl", "advcl", "ccomp") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in d.children):
            skip.update(t.i for t in d.subtree)
    chars: set[int] = set()
    for t in head.subtree:
        if t.i not in skip:
            chars.update(range(t.idx, t.idx + len(t.text) + 1))
    return chars


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


def _in_quotes(sent, char: int) -> bool:
    before = sent.text[:char - sent.start_char]
    return (before.count('"') % 2 == 1) or before.count("“") > before.count("”")


LANDMARK_CUES = {"located", "situated", "lying", "lies", "sits"}


def _landmark(sdoc, p) -> bool:
    """A place named only to situate 'the town' just mentioned ('the town, located about
    40 km north of Kaya'); the town itself is the place named before."""
    before = sdoc[max(0, p[2] - 8):p[2]]
    cue = next((t for t in reversed(list(before)) if t.lower_ in LANDMARK_CUES), None)
    if cue is None:
        return False
    noun = sdoc[max(0, cue.i - 3):cue.i]
    return any(t.lemma_.lower() in PLACE_NOUNS for t in noun)


PERCEIVE = {"hear", "see", "feel", "witness", "notice"}


def _backdrop(sdoc, c: Candidate) -> bool:
    """Words that tell no occurrence of their own: 'explosions were heard near the airport'
    (what witnesses perceived of the attack told), 'since the military seized power in
    2023' (a clause that only sets a time)."""
    tok = sdoc[c.start:c.end].root
    arg = tok.head if tok.dep_ == "conj" else tok  # 'gunfire and explosions were heard'
    if arg.dep_ in ("nsubjpass", "nsubj", "dobj") and arg.head.lemma_.lower() in PERCEIVE:
        return True
    node = tok
    for _ in range(4):
        if node.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since"
                                        for m in node.children):
            return True
        if node.head is node:
            break
        node = node.head
    return False


TIME_PREPS = {"after", "following", "since", "before", "amid", "despite"}


def _time_reference(sdoc, c: Candidate, cands: list[Candidate]) -> bool:
    """'declared a state of emergency after the attack on the hotel': the attack dates the
    other event; it was told before (or is told elsewhere) and is no event of this one."""
    tok = sdoc[c.start:c.end].root
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ not in TIME_PREPS or \
            not any(d.lower_ in ("the", "this", "that", "these", "those") for d in tok.children):
        return False
    verb = tok.head.head
    return any(verb.i in (sdoc[o.start:o.end].root.i, sdoc[o.start:o.end].root.head.i) and
               o.event_type != c.event_type for o in cands if o is not c)


DEFINITE = {"the", "this", "that", "these", "those"}
# words under which 'the killings', 'the massacre' name an occurrence told elsewhere
# ('took part in the attack on X', 'condemned the attack on X' may be all a text tells of
# an event: they stay)
REFERRING = {"link", "connect", "relate", "tie", "suspect", "accuse", "charge", "convict",
             "sentence", "try", "investigate", "probe", "inquiry", "investigation", "trial",
             "anniversary"}


def _refers_back(sdoc, c: Candidate, cands: list[Candidate]) -> bool:
    """'arrested men suspected of taking part in the killings', 'protested against the
    arrests', 'was not linked to the massacre': a definite event noun after a preposition
    names an occurrence told elsewhere, not one of its own."""
    tok = sdoc[c.start:c.end].root
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or not any(
            d.dep_ in ("det", "poss") and d.lower_ in DEFINITE | {"its", "their"} or
            d.lower_ in ("latest", "recent", "previous", "earlier")
            for d in tok.children):
        return False
    if any(d.like_num for d in tok.subtree) or any(
            p.dep_ == "prep" and p.lower_ == "of" for p in tok.children):
        return False  # 'in retaliation for the killing of a journalist': a victim named
    # 'two were killed as a result of the protests': a toll told of the event named
    others = [o for o in cands if o is not c and o.event_type != c.event_type and
              o.trigger.lemma not in WEAK_VIOLENT | {"die", "death"}]
    node = tok
    for _ in range(4):
        head = node.head
        if head is node:
            break
        if head.lemma_.lower() in REFERRING:
            return True
        if any(sdoc[o.start:o.end].root.i == head.i for o in others):
            return True  # 'protested against the arrests': the protest is the event
        node = head
    return False


def _named_in_subject(sdoc, c: Candidate, cands: list[Candidate]) -> bool:
    """'organisers of the rallies were arrested': an event noun that only says who the
    subject of another event verb is tells no event of its own."""
    tok = sdoc[c.start:c.end].root
    if tok.pos_ != "NOUN":
        return False
    verbs = {sdoc[o.start:o.end].root.i for o in cands if o is not c and
             o.event_type != c.event_type}
    node = tok
    for _ in range(4):
        head = node.head
        if head is node:
            return False
        if node.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in (
                "nsubj", "nsubjpass") and head.head.head.i in verbs:
            return True
        node = head
    return False


def _moved(tok, trig) -> bool:
    """'were detained and taken to a camp': people or things carried somewhere, not a
    place captured."""
    return trig.lemma == "take" and any(
        c.dep_ == "prep" and c.lower_ in ("to", "into", "towards") for c in tok.children)


ANNOUNCE = {"announce", "decide", "declare", "confirm", "state", "order"}


def _announced(tok, trig) -> bool:
    """'announced that it would end its mission': a decision made, an event (ACLED)."""
    if trig.event_type != "Strategic developments" or (trig.relation not in (
            "deployment", "withdrawal", "agreement", "dissolution") and trig.control != "loss"):
        return False  # 'announced that its soldiers would leave': the decision is the event
    node = tok
    for _ in range(3):
        if node.head is node:
            return False
        node = node.head
        if node.lemma_.lower() in ANNOUNCE:
            return True
    return False


def _group_candidates(sdoc, cands: list[Candidate]) -> list[list[Candidate]]:
    """Triggers of one clause that tell one occurrence ('attacked ..., killing 20')
    form one group; other clauses and strategic readings stay apart."""
    groups: list[list[Candidate]] = []
    heads: list[int] = []
    for c in cands:
        ch = _clause_head(sdoc[c.start:c.end].root).i
        placed = False
        # 'in which 53 soldiers were killed': a casualty word joins the violent event told
        if c.trigger.lemma in WEAK_VIOLENT and c.event_type in VIOLENT:
            prior = [g for g in groups if g[0].event_type in VIOLENT]
            if len(prior) == 1:
                prior[0].append(c)
                continue
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
    # a group of casualty words only ('35 civilians were killed when a convoy hit a mine')
    # belongs to the one violent event of the sentence
    weak = [g for g in groups if all(c.trigger.lemma in WEAK_VIOLENT for c in g)]
    strong = [g for g in groups if g[0].event_type in VIOLENT and g not in weak]
    if len(strong) == 1:
        for g in weak:
            strong[0].extend(g)
            groups.remove(g)
    for g in list(groups):
        taken = [c for c in g if c.sub_event_type == "Abduction/forced disappearance" and
                 sdoc[c.start:c.end].root.pos_ == "VERB"]
        if taken and len(taken) < len(g) and any(c.trigger.lemma in ("kill", "killing")
                                                 for c in g):
            # 'killing 12 people and kidnapping four drivers': the dead and the taken are
            # two occurrences (ACLED codes an attack and an abduction)
            for c in taken:
                g.remove(c)
            groups.append(taken)
    return groups


def _pick(group: list[Candidate]) -> Candidate:
    coup = [c for c in group if c.trigger.relation == "coup"]
    if coup:  # the coup word names the occurrence its steps belong to
        return coup[0]
    return max(group, key=lambda c: (PRIORITY.get(c.sub_event_type, 1) +
                                     (2 if c.trigger.control else 0) * (c.event_type == "Battles"),
                                     c.trigger.strength))


def _resolve(name: str | None, country: str | None, st: _DocState, k: int,
             anaphoric: bool = False, rebel_word: bool = False,
             armed_word: bool = False) -> tuple[str | None, str]:
    if name is None:
        return None, ""
    if name in DESCRIPTIONS:
        # 'Tuareg rebels' after the text named the CMA: that group, else the year's (branches)
        kin = {b.name for b in BRANCHES if b.parent == name}
        recent = [a for (i, a) in st.recent_groups if k - TOPIC_WINDOW <= i <= k and a in kin]
        if recent:
            return recent[-1], f"; the {name.lower()} named just before"
        return name, ""
    if GENERIC not in name:
        return name, ""
    if is_category(name, "unidentified") and anaphoric:
        # 'the militants', 'rebels': the armed group named in this or the previous sentence
        recent = [a for (i, a) in st.recent_groups if k - ANAPHOR_WINDOW <= i <= k]
        if recent:
            return recent[-1], "; anaphor resolved to the armed group named just before"
        # else the group the passage is about: most named in the last sentences, if dominant
        window = [a for (i, a) in st.recent_groups if k - TOPIC_WINDOW <= i <= k]
        if window:
            top = max(set(window), key=window.count)
            if window.count(top) * 2 > len(window) and window.count(top) >= 2:
                return top, "; anaphor resolved to the armed group the passage is about"
        # 'the rebels' with no group near: the armed group the document is mostly about
        # so far, if it leads clearly (jihadist words stay unnamed: several groups fit)
        seen = [a for (i, a) in st.recent_groups if i <= k]
        counts = sorted(((seen.count(a), a) for a in set(seen)), reverse=True)
        if rebel_word and counts and counts[0][0] >= 3 and (
                len(counts) == 1 or counts[0][0] >= 1.5 * counts[1][0]):
            return counts[0][1], "; anaphor resolved to the armed group the document is about"
    if is_category(name, "unidentified") and (anaphoric or armed_word) and \
            len(st.infobox_groups) == 1:
        # an article whose infobox names one armed group: its unnamed fighters are that group
        return st.infobox_groups[0], "; the one armed group of the document's infobox"
    return resolve_generic(name, country or st.main_country), ""


def _build_events(doc, sdoc, sent, k, group, sm, places, counts, dms, ctx, st, dact,
                  n_groups: int = 1):
    main = _pick(group)
    reasons, prov = dict(main.reasons), dict(main.provenance)
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
            weak_mine = mine is None or positional(prov, role)
            if weak_mine and not positional(c.provenance, role) or mine is None:
                other = a2 if role == "actor1" else a1
                if other is not None and theirs[2].actor == other[2].actor:
                    other_role = "actor2" if role == "actor1" else "actor1"
                    if not positional(prov, other_role) or positional(c.provenance, role):
                        continue
                    # the other slot only guessed this actor by position: the parse wins
                    if role == "actor1":
                        a2, al2 = None, []
                    else:
                        a1, al1 = None, []
                    forget(reasons, prov, other_role)
                if role == "actor1":
                    a1, al1 = theirs, c.assoc1
                else:
                    a2, al2 = theirs, c.assoc2
                take(reasons, prov, role, c.reasons, c.provenance, more=f" (of '{c.trigger.lemma}')")
    # date: the event date nearest before the trigger, else the first, else the context
    date, dreason, in_sent, dprov = _date_for(main, sdoc, dms, ctx)
    if date is None:  # kept, with an unknown date: the build's warning counts it
        date, dreason = UNKNOWN_DATE, "unknown: no date in the text before it, no publication date"
        dprov = Provenance("unknown_date", "convention")
    reasons["date"], prov["date"] = dreason, dprov
    # places: those governed by the trigger first; several objects -> several events
    if main.trigger.control:  # 'took control of northern Mali': a summary, not a capture
        places = [p for p in places if p[1].scope != "country_part"]
    tplaces = trigger_places(sdoc, group, places)
    if places and not tplaces and NEAREST_PLACE:
        near = min(places, key=lambda p: abs(p[2] - main.start))
        loc_list = [near]
    elif not tplaces and main.event_type == "Strategic developments" and \
            main.sub_event_type in ("Other", "Agreement"):
        loc_list = []  # a decision, a deal: a place merely named in passing is not its place
    else:
        loc_list = tplaces or ([places[0]] if places else [])
    splits = main.trigger.control or main.event_type in VIOLENT or \
        main.sub_event_type == "Looting/property destruction" or \
        main.event_type in ("Riots", "Protests")  # ACLED: one event per town
    if len(tplaces) > 1 and splits and coordinated(sdoc, tplaces):
        targets = coordinated(sdoc, tplaces)
    else:
        targets = loc_list[:1] or [None]
        if targets[0] is not None and is_region(targets[0]):
            # 'in the Ségou region, near Macina': the most specific place governed wins
            finer = [p for p in tplaces if not is_region(p)]
            if finer:
                targets = finer[:1]
                decide(reasons, prov, "location", "town_over_region", "parse",
                       "a town beats the region it lies in")
    targets = [_town_of_landmark(sdoc, p, places, reasons, prov) for p in targets]
    if targets == [None] and (st.last_place or st.home_place) is not None and \
            refers_to_place(sdoc, group):
        targets = [st.last_place or st.home_place]
        decide(reasons, prov, "location", "the_town", "document",
               "'the town': the place named last" if st.last_place else
               "'the town': the town of the infobox's Place")
    country_hint = None
    for p in targets:
        if p is not None and p[1].country:
            country_hint = p[1].country
            break
    name1, why1 = _resolve(a1[2].actor if a1 else None, country_hint, st, k,
                           _anaphoric(a1) or _possessed(sdoc, a1), _rebel_word(a1),
                           _armed_word(a1))
    name2, why2 = _resolve(a2[2].actor if a2 else None, country_hint, st, k,
                           _anaphoric(a2) or _possessed(sdoc, a2), _rebel_word(a2),
                           _armed_word(a2))
    if name1 and name1 == name2:
        name2 = None
    if a1:
        explain(reasons, "actor1", f": '{a1[2].text}' ({a1[2].reason})" + why1)
        note(prov, "actor1", words=a1[2].text, key=a1[2].origin)
    if a2 and name2:
        explain(reasons, "actor2", f": '{a2[2].text}' ({a2[2].reason})" + why2)
        note(prov, "actor2", words=a2[2].text, key=a2[2].origin)
    assoc1 = _names(al1, country_hint, st, k, exclude={name1, name2})
    assoc2 = _names(al2, country_hint, st, k, exclude={name1, name2, *assoc1})
    # the local state as actor1 when it fights alongside foreign forces
    local = state_name("state_forces", st.main_country)
    if name1 and assoc1 and st.main_country and local in assoc1 and (
            is_category(name1, "state_forces") or (dact.actor(name1) or Actor("")).inter
            in (8, 3, 4)):
        assoc1 = [name1] + [a for a in assoc1 if a != local]
        name1 = local
        explain(reasons, "actor1", "; local state forces lead their allies")
    if name2 and assoc2 and st.main_country and local in assoc2 and (
            is_category(name2, "state_forces") or (dact.actor(name2) or Actor("")).inter
            in (8, 3, 4)):
        # 'ambushed a Wagner and FAMa convoy': the attacked side is the local state's
        assoc2 = [name2] + [a for a in assoc2 if a != local]
        name2 = local
        explain(reasons, "actor2", "; local state forces lead their allies")
    name1, name2, assoc1 = _normalise_roles(main, name1, name2, assoc1, sm, st, k, sdoc,
                                            country_hint, reasons, prov)
    name1, name2, assoc1, assoc2 = _reciprocal_order(main, name1, name2, assoc1, assoc2, dact,
                                                     reasons, prov)
    act1, act2 = dact.actor(name1) if name1 else None, dact.actor(name2) if name2 else None
    inter1 = act1.inter if act1 else None
    inter2 = act2.inter if act2 else None
    objects_are_places = bool(tplaces) and not _people_object(sdoc, main, sm)
    main.clause = clause_text(sdoc, main)
    # 'opened fire on the terrace, killing 18 people before they were shot dead': the
    # victims told by the other words of the occurrence
    main.group_text = " ".join(clause_text(sdoc, c) for c in group if c is not main)
    head = _clause_head(sdoc[main.start:main.end].root)
    # the clause's words without the actor's own ('the army' acting is not a target)
    own = {i for m in ([a1] if a1 else []) + list(al1) for i in range(m[0], m[1])}
    main.wide = " ".join(t.text for t in sdoc[head.left_edge.i:head.right_edge.i + 1]
                         if t.i not in own)
    # forces of another state than the one the event happens in ('Italian troops in Niger')
    foreign = country_of(name1, "state_forces") not in (None, country_hint, st.main_country) and \
        bool(country_hint or st.main_country)
    left_group = _from_group(sdoc, main, sm)
    refine_type(main, inter1, inter2, name1, name2, main.clause, objects_are_places,
                left_group, foreign)
    if left_group and main.sub_event_type == "Change to group/activity" and name1 and \
            is_category(name1, "government", "state_forces"):
        # a state leaving ECOWAS or the G5 Sahel: a political act, not an armed group's split
        main.sub_event_type = "Other"
        if country_of(name1, "state_forces") is not None:
            name1 = state_name("government", country_of(name1, "state_forces"))
            act1 = dact.actor(name1)
            inter1 = act1.inter if act1 else 1
        decide(reasons, prov, "sub_event_type", "state_leaves_organisation", "convention",
               "a state leaving an organisation")
    # a weak word of taking ('taken', 'reached', 'entered') needs a place it governs
    # taking or leaving needs a place the trigger governs ('took control of the north' is
    # a summary, 'retook the town' refers back to a named place)
    if main.trigger.control and not tplaces and not left_group and (
            main.trigger.strength < 0.5 or not (
            rule(prov, "location") == "the_town")) and \
            main.sub_event_type != "Armed clash" and not main.demand and \
            rule(main.provenance, "sub_event_type") != "foreign_leave":
        if main.trigger.control == "gain" or main.trigger.strength < 0.5:
            return []
    if rule(main.provenance, "sub_event_type") == "no_town_left" and a1 is not None and \
            a1[2].text.lower().split()[-1] in ATTACKER_WORDS:
        # 'the attackers had withdrawn by the time they arrived': armed men leaving no
        # named place is the end of an attack, not an event of its own
        return []
    if "sub_event_type" in main.reasons:
        take(reasons, prov, "sub_event_type", main.reasons, main.provenance)
    else:
        decide(reasons, prov, "sub_event_type", "trigger", "lexicon",
               f"trigger '{main.trigger.lemma}'", key=main.trigger.lemma)
    if main.trigger.control == "gain" and name1 is None and inter2 in (2, 3, 4) and \
            main.sub_event_type != "Armed clash" and (country_hint or st.main_country):
        # 'the rebels were driven out of X': someone took it from them - the state's forces
        name1 = state_name("state_forces", country_hint or st.main_country)
        inter1 = 1
        main.event_type, main.sub_event_type = "Battles", "Government regains territory"
        decide(reasons, prov, "actor1", "inferred_state_retakes", "convention",
               "inferred: a non-state holder driven out by the state's forces")
    if main.trigger.control == "gain" and name2 is None:
        held = _held_by(sdoc, sent, sm, st, k, country_hint)
        if held and held != name1:
            name2 = held
            decide(reasons, prov, "actor2", "held_by", "parse", "'held by X' / 'from X': the former holder")
    name1, name2, inter1, inter2 = _post_type_roles(main, name1, name2, inter1, inter2, sm,
                                                    country_hint, st, dact, reasons, prov, k)
    # 'rebel attacks had intensified' in a year: a trend over many events, not one event
    root = sdoc[main.start:main.end].root
    if root.tag_ == "NNS" and date.precision == "year" and not tplaces and \
            all(sdoc[c.start:c.end].root.tag_ == "NNS" for c in group):
        return []
    # weak evidence is not an event: a strategic word with no actor, a kill with no count
    if main.event_type == "Strategic developments" and name1 is None and name2 is None:
        return []
    fat, flo, fhi = _fatalities(counts, main, sdoc, group, n_groups)
    if n_groups > 1 and main.sub_event_type in ("Arrests", "Abduction/forced disappearance"):
        fat = flo = fhi = None  # the dead of the sentence belong to its violent event
    if main.trigger.lemma == "kill" and len(group) == 1 and not a1 and fat is None:
        return []
    out = []
    name2_base, inter2_base = name2, inter2
    shares = _shares(fat, flo, fhi, len(targets))
    for n_target, p in enumerate(targets):
        fat, flo, fhi = shares[n_target]
        loc = p[0] if p else None
        place = p[1] if p else None
        conf = confidence(main.trigger, in_sent, bool(name1),
                          loc is not None, fat is not None,
                          rule(main.provenance, "actor1") not in ("", "nearest_before"))
        country = (place.country if place and place.country else None) or st.main_country
        name2, inter2 = name2_base, inter2_base
        if name2 is None and loc and main.event_type == "Battles" and \
                main.sub_event_type != "Non-violent transfer of territory":
            held = st.holder.get(fold(loc))
            if held is not None and held == name1:
                held = None  # taking what it already held: the timeline missed a loss
            if held is None and inter1 in (2, 3, 4) and country:
                held = state_name("state_forces", country)
                decide(reasons, prov, "actor2", "inferred_state_held", "convention",
                       "inferred: the state held the place before (no capture read)")
            elif held is None and inter1 == 1 and main.sub_event_type == \
                    "Government regains territory":
                held = _topic_group(st, k)
                if held:
                    decide(reasons, prov, "actor2", "inferred_topic_group", "document",
                           "inferred: the armed group the passage is about held it")
            elif held is not None:
                decide(reasons, prov, "actor2", "inferred_earlier_holder", "document",
                       "inferred: holder of the place from an earlier capture")
            if held and held != name1 and held not in assoc1:
                name2 = held
                a = dact.actor(held)
                inter2 = a.inter if a else None
            else:
                forget(reasons, prov, "actor2")
        ev = Event(
            id="", doc=doc.id, sources=[Span(doc.id, sent.start_char, sent.end_char)],
            date=date, event_type=main.event_type, sub_event_type=main.sub_event_type,
            actor1=name1, actor2=name2, assoc_actor_1=assoc1, assoc_actor_2=assoc2,
            inter1=inter1, inter2=inter2, location=loc, country=country, place=place,
            fatalities=fat, fatalities_low=flo, fatalities_high=fhi, confidence=conf,
            reasons=dict(reasons), provenance=dict(prov),
        )
        if loc and "location" not in ev.reasons:
            if tplaces:
                decide(ev.reasons, ev.provenance, "location", "place_governed", "parse",
                       "place governed by the trigger")
            else:
                decide(ev.reasons, ev.provenance, "location", "first_place", "position",
                       "first place of the sentence")
        if fat is not None or flo is not None:
            ev.reasons["fatalities"] = "killed counts of the sentence (quantities)" + (
                f"; one total for {len(targets)} places, counted on the first" if len(targets) > 1
                else "")
        ev.control_change = _control(main, ev)
        if ev.control_change and ev.control_change["to"]:
            to = ev.control_change["to"]
            a = dact.actor(to)
            # forces allied to the state hold a town for the state
            if st.main_country and (a is None or a.inter in (1, 8)) and not is_category(
                    to, "government", "mutiny"):
                to = state_name("state_forces", country or st.main_country)
            st.holder[fold(ev.control_change["place"])] = to
        ev.relation_change = _relation(main, ev, sm, st, k)
        _party_from_relation(ev, dact)
        ev.trigger = main.trigger.lemma
        ev.notes = summary(main.trigger.lemma, sent.text)
        if _event_anaphor(sdoc, group) and (not in_sent or _claims(sent)):
            claim = _claims(sent)
            decide(ev.reasons, ev.provenance, "anaphor_event", "claim" if claim else "event_anaphor",
                   "document", "'this attack', 'the fighting': the event told before" +
                   (" (claim of responsibility)" if claim else ""))
        kind = _report_kind(sdoc, sent, main, group, a1, name1, inter1, in_sent, tplaces,
                            positional(prov, "actor1") or  # or only who was killed
                            rule(prov, "actor1") == "sides_killed_first")
        if kind:
            report = "reference" if kind == "definition" else kind
            decide(ev.reasons, ev.provenance, "report", report, "document", report)
            if kind == "definition":
                decide(ev.reasons, ev.provenance, "report_roles", "definition", "document",
                       "a definition's actors are the event's")
        if conf < MIN_CONFIDENCE:
            decide(ev.reasons, ev.provenance, "weak", "below_min_confidence", "convention",
                   f"confidence {conf} below {MIN_CONFIDENCE}")
        out.append(ev)
    return out + _followed_by(sdoc, sent, main, out, places, dms, st)


def _followed_by(sdoc, sent, main, built: list[Event], places, dms, st) -> list[Event]:
    """'the MNLA captured Ménaka, followed by Kidal on 6 February': the same taking again,
    at the place and on the date after 'followed by'."""
    import copy

    if not built or not main.trigger.control or main.trigger.control != "gain":
        return []
    cue = next((t for t in sent if t.lower_ == "followed" and t.i + 1 < sent.end and
                sdoc[t.i + 1].lower_ == "by" and t.i > main.start), None)
    if cue is None:
        return []
    out = []
    taken = {e.location for e in built}
    for name, place, ps, pe in places:
        if ps <= cue.i or name in taken:
            continue
        when = next((d for d in dms if d.role == "event" and d.start >= sdoc[pe - 1].idx), None)
        ev = copy.deepcopy(built[0])
        ev.location, ev.place, ev.country = name, place, place.country or ev.country
        ev.fatalities = ev.fatalities_low = ev.fatalities_high = None
        if when is not None:
            ev.date = when.value
            decide(ev.reasons, ev.provenance, "date", "after_place", "parse",
                   f"date after the place '{when.text}' ({when.value.reason})", key=when.value.reason)
        decide(ev.reasons, ev.provenance, "location", "followed_by", "parse",
               "'followed by': the next place taken")
        if ev.control_change:
            ev.control_change = dict(ev.control_change, place=name)
            if ev.control_change.get("to"):
                st.holder[fold(name)] = ev.control_change["to"]
        out.append(ev)
        taken.add(name)
    return out


LANDMARKS = {"square", "stadium", "palace", "camp", "barracks", "embassy", "residence",
             "airport", "bridge", "base", "boulevard", "avenue", "mosque", "market", "hotel",
             "cathedral", "university", "assembly", "broadcaster"}


def _town_of_landmark(sdoc, p, places, reasons, prov):
    """'Independence Square in Bamako', 'the Soundiata Keïta camp in Kati': the town the
    landmark lies in (ACLED codes the town, a named camp is not a place of its own)."""
    if p is None or len(p) < 4:
        return p
    words = {t.lemma_.lower() for t in sdoc[p[2]:min(p[3] + 1, len(sdoc))]}
    if not words & LANDMARKS and not sdoc[p[2]:p[3]].text.lower().startswith("place de"):
        return p
    after = [q for q in places if len(q) >= 4 and q[2] > p[3] and q[2] - p[3] <= 3 and
             sdoc[q[2] - 1].lower_ in ("in", "of", "at")]
    if after:
        decide(reasons, prov, "location", "landmark_town", "parse",
               f"the town '{after[0][0]}' holding the landmark '{p[0]}'")
        return after[0]
    return p


def _reciprocal_order(main, name1, name2, assoc1, assoc2, dact, reasons, prov):
    """'fighting between the army and rebels': a two-sided phrase says nothing of who
    began; the armed group is actor1, the state actor2, as ACLED usually codes such
    clashes (the non-state side is the one that attacks). A subject keeps its role."""
    if main.trigger.lemma not in RECIPROCAL or main.event_type != "Battles" or \
            not name1 or not name2 or rule(prov, "actor1") not in BETWEEN_RULES:
        return name1, name2, assoc1, assoc2
    a1, a2 = dact.actor(name1), dact.actor(name2)
    if a1 is not None and a2 is not None and a1.inter == 1 and a2.inter in (2, 3, 4) and \
            not is_category(name1, "government"):
        r0, p0 = dict(reasons), dict(prov)
        take(reasons, prov, "actor1", r0, p0, "actor2", more="; a two-sided clash: the armed group first")
        take(reasons, prov, "actor2", r0, p0, "actor1", more="; a two-sided clash: the state second")
        return name2, name1, assoc2, assoc1
    return name1, name2, assoc1, assoc2


# triggers of an attack whose unnamed attacker is an unidentified armed group (not 'clash')
UNSEEN_ATTACKS = {"attack", "ambush", "kill", "raid", "storm", "assault", "shoot", "shoot dead",
                  "open fire", "killing", "overrun", "target"}


# the rules of nlp/events.read_trigger that read 'between X and Y' (the order says nothing)
BETWEEN_RULES = ("between_first", "between_parties")


NOTES_CHARS = 400  # a sentence longer than this is cut at a word, with an ellipsis


def summary(lemma: str, sentence: str) -> str:
    """The event's note: its trigger word and the whole sentence that tells it (one
    line; a very long sentence is cut at a word boundary, never inside a word)."""
    text = " ".join(sentence.split())
    if len(text) > NOTES_CHARS:
        text = text[:NOTES_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return f"{lemma}: {text}"


def stable_ids(doc_id: str, events: list[Event], text: str) -> None:
    """Ids from what identifies each occurrence, not from its position in a list: the
    document, the words of its first passage, its type, date and place. An edit
    elsewhere in the document leaves them as they were; two events alike in all of
    that (one sentence, one type) are numbered in text order."""
    seen: Counter = Counter()
    for n, e in enumerate(events, 1):
        e.seq = n
        s = min(e.sources)
        key = "\x1f".join([" ".join(text[s.start:s.end].split()), e.event_type,
                           e.sub_event_type, e.date.value or "", e.location or ""])
        h = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
        seen[h] += 1
        e.id = f"{doc_id}-{h}" + (f"-{seen[h]}" if seen[h] > 1 else "")


def trigger_lemma(e) -> str | None:
    """The lemma of the trigger that typed `e`, if its type is still the trigger's own (no
    typing rule changed it, no other passage gave it)."""
    p = e.provenance.get("event_type")
    return p.key if p is not None and p.rule == "trigger" and not p.via else None


def _unseen_attackers(events: list[Event], dact) -> None:
    """'Six soldiers were killed in an attack on their post': when neither the sentence, a
    claim, an attribution nor the attack told before names the attacker, ACLED's
    unidentified armed group of the country did it (never for a clash or for a target
    only guessed by position)."""
    for e in events:
        if e.actor1 is not None or e.event_type != "Battles" or \
                e.sub_event_type != "Armed clash" or not e.country or e.actor2 is None or \
                trigger_lemma(e) not in UNSEEN_ATTACKS or positional(e.provenance, "actor2"):
            continue
        a = dact.actor(e.actor2)
        if a is None or a.inter not in (1, 3, 4, 7, 8):
            continue
        e.actor1 = f"Unidentified Armed Group ({e.country})"
        b = dact.actor(e.actor1)
        e.inter1 = b.inter if b else 3
        decide(e.reasons, e.provenance, "actor1", "unseen_attacker", "convention",
               "attack on forces by no one named: unidentified armed group (ACLED)")


def _post_type_roles(main, name1, name2, inter1, inter2, sm, country, st, dact, reasons, prov,
                     k: int = -1):
    """Role rules that need the final type: who protests, who riots, who bombs
    (roles/conventions.AFTER_TYPING, in order)."""
    ctx = RoleContext(main, name1, name2, [], sm, st, k, None, country, reasons, prov, dact)
    apply_conventions(ctx, AFTER_TYPING)

    def inter(n):
        a = dact.actor(n) if n else None
        return a.inter if a else None

    return ctx.name1, ctx.name2, inter(ctx.name1), inter(ctx.name2)


NEW_GROUP_CUES = {"form", "forming", "formed", "into", "create", "creating", "created",
                  "call", "calling", "called", "named", "become", "became", "found",
                  "founded", "founding", "establish", "established", "itself", "formation"}


def _normalise_roles(cand, name1, name2, assoc1, sm, st, k, sdoc, country, reasons, prov):
    """ACLED conventions that need the event type: the state acts through its
    forces in violence and deployments; protesters protest; a merger's actor is
    the group it creates, a split's the splinter that leaves its parent
    (roles/conventions.BEFORE_TYPING, in order)."""
    ctx = RoleContext(cand, name1, name2, list(assoc1), sm, st, k, sdoc, country, reasons, prov,
                      resolve=lambda n: _resolve(n, country, st, k)[0],
                      whose_owner=lambda: _whose_owner(sdoc, cand, sm),
                      from_group=lambda: _from_group(sdoc, cand, sm),
                      states_named=lambda: _states_named(sdoc, cand, st),
                      new_group_cue=lambda m: _new_group_cue(sdoc, m))
    apply_conventions(ctx, BEFORE_TYPING)
    return ctx.name1, ctx.name2, ctx.assoc1


COUP = Trigger("coup", "any", "Strategic developments", "Other", "coup", None, 0.8)
RULER_RE = re.compile(r"(?:\b(?:President|Prime Minister|[Pp]rime [Mm]inister,?|[Pp]resident,?)\s+"
                      r"((?:[A-Z][\w'’-]+\s){0,3}[A-Z][\w'’-]+))|(?:\b([A-Z][\w'’-]+)\s+(?:as|became|"
                      r"was sworn in as)\s+(?:the\s+)?(?:interim\s+|transitional\s+)?"
                      r"(?:president|prime minister)\b)")


def _states_named(sdoc, cand, st) -> list[str]:
    """Governments of the countries named in the subject of a signing verb."""
    verb = sdoc[cand.start:cand.end].root
    for _ in range(3):  # 'signed a charter, creating an alliance': the signing clause
        if any(c.dep_ == "nsubj" for c in verb.children) or verb.head is verb:
            break
        verb = verb.head
    nat = st.res.actors.nat
    out: list[str] = []
    for c in verb.children:
        if c.dep_ != "nsubj":
            continue
        for t in c.subtree:
            name = nat.names.get(t.lower_) if t.pos_ == "PROPN" else None
            if name and state_name("government", name) not in out:
                out.append(state_name("government", name))
    return out


def _whose_owner(sdoc, cand, sm) -> str | None:
    """'..., whose troops left': the state the relative clause hangs from."""
    tok = sdoc[cand.start:cand.end].root
    for c in tok.children:
        if c.dep_ == "nsubj" and any(w.lower_ == "whose" for w in c.children) and \
                tok.dep_ == "relcl":
            ante = tok.head
            for m in sm:
                country = country_of(m[2].actor, "government", "state_forces")
                if m[0] <= ante.i < m[1] and country is not None and "{" not in m[2].actor:
                    return state_name("state_forces", country)
    return None


def _seizes_power(sdoc, cand, st) -> bool:
    """Soldiers or mutineers detaining the president, the prime minister or the government."""
    a1, a2 = cand.actor1, cand.actor2
    return a1 is not None and is_category(a1[2].actor, "state_forces", "mutiny") and (
        a2 is not None and is_category(a2[2].actor, "government") or
        _ruler_object(sdoc, cand, st))


def _ruler_object(sdoc, cand, st) -> bool:
    """The person arrested is one the text titles president or prime minister."""
    if st.rulers is None:
        st.rulers = set()
        for m in RULER_RE.finditer(st.doc.text):
            name = m.group(1) or m.group(2)
            st.rulers.add(name.split()[-1].lower())
    tok = sdoc[cand.start:cand.end].root
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(t.lower_ in st.rulers or t.lower_ in ("president", "premier")
               for o in objs for t in o.subtree)


def _new_group_cue(sdoc, m) -> bool:
    """A mention named as a new group: 'forming the X', 'founded the Ménaka-based X',
    'calling itself X' (only modifiers between the cue and the name)."""
    for t in reversed(sdoc[max(m[0] - 6, 0):m[0]]):
        if t.lower_ in NEW_GROUP_CUES:
            return True
        if not (t.pos_ in ("DET", "ADJ", "PROPN", "NOUN", "NUM") or t.text in ("-", "–")
                or t.dep_ in ("amod", "compound")):
            return False
    return False


def _topic_group(st: _DocState, k: int) -> str | None:
    """The armed group most named in the last sentences (ties: the latest)."""
    window = [a for (i, a) in st.recent_groups if k - TOPIC_WINDOW <= i <= k]
    if not window:
        return None
    return max(reversed(window), key=window.count)


def _possessed(sdoc, m) -> bool:
    """'its fighters', 'their militants': the group named just before owns them."""
    return m is not None and m[0] > 0 and sdoc[m[0] - 1].lower_ in ("its", "their")


def _rebel_word(m) -> bool:
    """'the rebels', 'rebel fighters': the armed opposition a document is about."""
    return m is not None and "rebel" in m[2].text.lower() and \
        not m[2].text.lower().startswith(("unidentified", "unknown", "suspected"))


ARMED_WORDS = ("militants", "jihadists", "islamists", "insurgents", "fighters", "attackers",
               "assailants", "terrorists", "rebels")


def _armed_word(m) -> bool:
    """'militants', 'the attackers': unnamed fighters ('gunmen' and those said to be
    unknown stay unnamed on purpose)."""
    if m is None:
        return False
    t = m[2].text.lower()
    return t.split()[-1] in ARMED_WORDS and not t.startswith(("unidentified", "unknown",
                                                               "suspected"))


def _anaphoric(m) -> bool:
    """'the militants', 'the group', 'rebels' refer back; 'gunmen', 'unidentified
    assailants', 'suspected jihadists' are unnamed on purpose."""
    if m is None:
        return False
    t = m[2].text.lower()
    if t.startswith(("unidentified", "unknown", "suspected", "a ", "an ")):
        return False
    if ANAPHOR_BARE and t.split()[-1] in ("islamists", "jihadists", "militants", "insurgents",
                                          "fighters"):
        return True
    return t.startswith(("the ", "this ", "these ", "its ")) or "rebel" in t


def _names(mlist, country, st, k, exclude) -> list[str]:
    out = []
    for m in mlist:
        n, _ = _resolve(m[2].actor, country, st, k)
        if n and n not in exclude and n not in out:
            out.append(n)
    return out


def _date_for(cand: Candidate, sdoc, dms, ctx) -> tuple[DateValue | None, str, bool,
                                                        Provenance | None]:
    """The event's date, its reason, whether the sentence tells it, and which rule chose it."""
    tstart = sdoc[cand.start].idx
    root = sdoc[cand.start:cand.end].root
    if root.pos_ == "NOUN":
        # 'the November 2023 capture of Kidal': the noun's own date
        lo = root.left_edge.idx
        for d in dms:
            if d.role == "attributive" and lo <= d.start < tstart and not any(
                    x.role == "event" and x.value.reason != "attributive" and
                    len(x.value.value) > len(d.value.value) and
                    x.value.value.startswith(d.value.value) for x in dms):
                # 'the 2020 coup was launched on 18 August 2020': the day, not the year
                return d.value, f"date of the event noun '{d.text}'", True, \
                    Provenance("event_noun_date", "parse", key=d.value.reason)
    ev = [d for d in dms if d.role == "event" and d.value.reason != "attributive"]
    # a date inside another clause ('..., which was retaken three days later') dates that
    # clause, not this one
    head = _clause_head(root)
    own = _clause_chars(head)
    for sub in head.children:  # '53 soldiers were killed when militants stormed the post on
        # Friday': a when-clause tells the same occasion, its date is this clause's too
        if sub.dep_ == "advcl" and any(c.lower_ in ("when", "as", "while") and c.dep_ in ("advmod", "mark")
                                       for c in sub.children):
            own |= _clause_chars(sub)
    other_clause = [d for d in ev if d.start > tstart and d.start not in own]
    ev = [d for d in ev if d not in other_clause]
    # the clause's own date wins over one told for another clause before it
    # ('Last month, X was kidnapped near A, and Y was abducted in B in 2019')
    ev = [d for d in ev if d.start in own] or ev
    before = [d for d in ev if d.start <= tstart]
    if before:
        d = before[-1]
        finer = [x for x in ev if x.start > tstart and x.value.precision in ("day", "range")
                 and d.value.precision in ("month", "year") and
                 x.value.value.startswith(d.value.value)]
        if finer:  # 'In December 2024, gunmen killed 39 people in X on 12 December'
            d = finer[0]
            return d.value, f"day told later in the sentence '{d.text}' ({d.value.reason})", True, \
                Provenance("later_day", "parse", key=d.value.reason)
        return d.value, f"date before the trigger '{d.text}' ({d.value.reason})", True, \
            Provenance("date_before_trigger", "parse", key=d.value.reason)
    if ev:
        d = ev[0]
        return d.value, f"date in the sentence '{d.text}' ({d.value.reason})", True, \
            Provenance("date_in_sentence", "parse", key=d.value.reason)
    rep = [d for d in dms if d.role == "report"]
    if rep:
        return rep[0].value, f"report date '{rep[0].text}'", True, \
            Provenance("report_date", "parse", key=rep[0].value.reason)
    if ctx.previous is not None:
        p = ctx.previous
        return DateValue(p.value, p.precision, p.end, "previous"), "last date read before", False, \
            Provenance("last_date_read", "document")
    if ctx.year is not None:
        return DateValue(str(ctx.year), "year", None, "section"), "section heading year", False, \
            Provenance("section_year", "document")
    if other_clause:  # nothing else dates it: the sentence's other clause is the nearest
        d = other_clause[0]
        return d.value, f"date of another clause '{d.text}' ({d.value.reason})", True, \
            Provenance("other_clause_date", "parse", key=d.value.reason)
    return None, "", False, None


def _shares(fat, flo, fhi, n: int) -> list[tuple]:
    """One toll told for n places ('44 killed in attacks on A and B'): counted once, on
    the first place's event, so the events never add up to more dead than the text
    reports (the text does not say how the dead were spread)."""
    return [(fat, flo, fhi)] + [(None, None, None)] * (n - 1)


def _fatalities(counts, cand, sdoc, group, n_groups: int = 1):
    from bellum.nlp.deaths import named_deaths  # local: keeps this helper's wiring in one place

    killed = [c for c in counts if c.kind == "killed"]
    own: set[int] = set()
    if n_groups > 1:
        # several events in the sentence: a count belongs to the clause it is told in
        for c in group:
            own |= _clause_chars(_clause_head(sdoc[c.start:c.end].root))
        killed = [c for c in killed if c.span is None or c.span.start in own]
    if not killed:
        # no number, but "X was killed", "the death of the mayor": one death per person
        sent = sdoc[cand.start].sent
        killed = [c for c in named_deaths(sent, sdoc.user_data.get("doc_id", ""))
                  if not own or c.span.start in own]
    if not killed:
        return None, None, None
    best, low, high = fatalities(killed)
    return best, low, high


# ---- places ---------------------------------------------------------------------


def _held_by(sdoc, sent, sm, st, k, country):
    """'X, held by the CSP', 'retook X from the rebels': the actor who lost the place."""
    for m in sm:
        left = sdoc[max(sent.start, m[0] - 3):m[0]]
        words = [t.lower_ for t in left]
        if "from" in words[-2:] or ("by" in words[-2:] and any(
                w in ("held", "controlled", "occupied") for w in words)):
            return _resolve(m[2].actor, country, st, k, _anaphoric(m))[0]
    return None


def _people_object(sdoc, cand, sm) -> bool:
    """'captured 12 soldiers near Konna': the object is people, not the place."""
    for o in cand.objects:
        if any(m[0] <= o < m[1] for m in sm) and sdoc[o].dep_ in ("dobj", "obj"):
            return True
    return False


def _from_group(sdoc, cand, sm) -> bool:
    """'withdrew from the CMA': leaving an organisation."""
    tok = sdoc[cand.start:cand.end].root
    objs = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "from"
            for o in p.children]
    if cand.trigger.control == "loss" or cand.trigger.relation in ("withdrawal", "split"):
        objs += [o for o in tok.children if o.dep_ in ("dobj", "obj")]  # 'leaving ECOWAS'
    return any(m[0] <= o.i < m[1] and "{" not in m[2].actor and
               not is_category(m[2].actor, "civilians", "state_forces", "government")
               for o in objs for m in sm)


CLAIM_RE = re.compile(r"(?i)\b(?:claimed (?:responsibility|the (?:attack|ambush|raid|bombing|"
                      r"killing|kidnapping|abduction|assault|strike)|"
                      r"it\b(?! (?:had|has|was|would|is)\b))|"
                      r"(?:was|were) claimed by|"
                      r"responsibility for|claim(?:ed)? of responsibility|"
                      r"claims? (?:(?!the lives)\w+ ){0,2}(?:attack|ambush|raid|bombing|assault|"
                      r"massacre|killing)s?\b|carried out (?:the|both|these|those|this|that)"
                      r"(?: \w+)? (?:attack|ambush|raid|bombing|assault|massacre|killing)s?\b|"
                      r"(?:was|were) (?:behind the|carried out by)|"
                      r"(?:said|says|stated) (?:that )?(?:it|they) (?:was|were|is|are) responsible)")


def _claims(sent) -> bool:
    """'X claimed responsibility for the attack', 'the ambush was claimed by X'."""
    return bool(CLAIM_RE.search(sent.text))


SUPERLATIVE = {"deadliest", "worst", "bloodiest", "largest", "biggest", "first", "second", "third",
               "latest", "last"}
TOLL_LEMMAS = {"kill", "die", "dead", "death", "toll"}
TOLL_NOUNS = {"toll", "tally", "count", "figure", "balance"}
REFERENCE_NOUNS = {"incident", "attack", "massacre", "raid", "ambush", "assault", "killing",
                   "offensive", "fighting", "clash", "bombing", "strike", "airstrike", "battle",
                   "siege", "explosion", "blast", "kidnapping", "abduction", "coup", "putsch",
                   "mutiny", "takeover", "dissolution", "suspension", "protest", "demonstration"}
REACTIONS = {"condemn", "denounce", "reject", "welcome", "criticise", "criticize", "deplore",
             "investigate", "mourn"}
TIME_VERBS = {"be", "come", "follow", "occur", "happen", "take", "mark", "precede"}
SAY = {"say", "believe", "report", "estimate", "claim", "confirm", "announce", "state", "tell"}


def _report_kind(sdoc, sent, main, group, a1, name1, inter1, in_sent, tplaces,
                 a1_guessed: bool = False) -> str | None:
    """What a passage says about an event rather than an event of its own: a claim of
    responsibility, a toll told later ('residents said more than 100 were killed'), or a
    reference ('The massacre came days after...', 'It was the deadliest attack since 2012')."""
    if _claims(sent):
        return "claim"
    tok = sdoc[main.start:main.end].root
    said = tok.dep_ == "ccomp" and tok.head.lemma_ in SAY
    # the reported clause the trigger is in ('said it had killed 300 in the attack')
    clause = next((h for h in [tok, *list(tok.ancestors)[:3]]
                   if h.dep_ == "ccomp" and h.head.lemma_ in SAY), None)
    # an armed group's word on its own deed is a claim; a state's is its report of an operation
    if (said or clause is not None) and a1 is not None and inter1 in (2, 3, 4) and (any(
            d.dep_ == "poss" and d.lower_ in ("its", "their")
            for d in sdoc[a1[0]:a1[1]].root.children) or clause is not None and any(
            d.dep_ in ("nsubj", "nsubjpass") and d.lower_ in ("it", "they", "we")
            for d in clause.children) and any(  # '... in the attack': one told before
            t.pos_ == "NOUN" and t.lemma_.lower() in REFERENCE_NOUNS and any(
                d.lower_ in ("the", "both", "these", "those", "that", "this")
                for d in t.children) for t in sent)):
        return "claim"  # 'JNIM said its fighters had seized weapons at X', '... it had killed'
    if tok.head.lemma_ == "be" and tok.dep_ in ("attr", "nsubj") and tok.pos_ == "NOUN" and \
            tok.lemma_.lower() in REFERENCE_NOUNS and (tok.dep_ == "attr" or any(
                d.dep_ == "attr" and d.lemma_.lower() in REFERENCE_NOUNS
                for d in tok.head.children)):
        return "definition"  # 'The X massacres were two attacks on ... by Y': what X was
    # the event noun is what the sentence is about, not what it tells: 'It was the
    # deadliest attack', 'The massacre came days after', 'The raid was repelled';
    # a point in time ('after the coup', 'was followed by a second coup'), whoever the
    # sentence names; a reaction ('The government condemned the attack')
    when = (tok.dep_ == "pobj" and tok.head.lower_ in ("after", "since", "before", "following")) \
        or (tok.dep_ != "nsubj" and any(h.lemma_ in ("follow", "precede") and h.pos_ in
                                        ("VERB", "AUX") for h in list(tok.ancestors)[:3]))
    reaction = tok.dep_ == "dobj" and tok.head.lemma_ in REACTIONS
    about = tok.dep_ == "attr" or tok.dep_ == "nsubjpass" or when or reaction or (
        tok.dep_ == "nsubj" and tok.head.lemma_ in TIME_VERBS)
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in REFERENCE_NOUNS and about and \
            (a1 is None or when or reaction or a1_guessed) and \
            len(tplaces) <= 1 and \
            not any(sdoc[c.start:c.end].root.i == tok.head.i for c in group) and any(
            d.lower_ in ("the", "this", "that") or d.lower_ in SUPERLATIVE for d in tok.children):
        return "reference"
    # 'The two gunmen were killed in the fighting': deaths in the fight told before
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in REFERENCE_NOUNS and tok.dep_ == "pobj" and \
            tok.head.lower_ in ("in", "during") and tok.head.head.lemma_ in TOLL_LEMMAS and \
            any(d.lower_ in ("the", "this", "that") for d in tok.children) and \
            not in_sent and not tplaces:
        return "toll"
    # 'gave a toll of 24 soldiers killed': the killing word describes the toll's count,
    # whatever date the giving of the toll has ('a day later')
    if main.trigger.lemma in TOLL_LEMMAS and tok.dep_ in ("acl", "amod") and not tplaces and \
            len(group) == 1 and tok.head.head.lower_ == "of" and \
            tok.head.head.head.lemma_.lower() in TOLL_NOUNS:
        return "toll"
    # a count with no date or place of its own, by no one or as someone's statement
    # who dies is a victim, not an actor: 'A third soldier died of his wounds'
    if main.trigger.lemma in TOLL_LEMMAS and (name1 is None or said or a1_guessed or
                                              main.trigger.lemma == "die") and not in_sent and \
            not tplaces and len(group) == 1:
        return "toll"  # 'The government put the death toll at 40': a figure, not an event
    return None


def _infobox_place(events: list[Event], doc: Document, st) -> None:
    """An article about one attack or battle ('- Place: Kidal', '- Date: 17 – 21 May 2014'):
    the fighting it tells within those days with no place named happened at that town."""
    home, value = st.home_place, (doc.infobox or {}).get("Date")
    if home is None or not value:
        return
    dms = find_dates(value[0])
    if len(dms) != 1 or dms[0].value.precision not in ("day", "range"):
        return  # several dates or a vague span: no single occasion to place
    first, last = dms[0].value.value, dms[0].value.end or dms[0].value.value
    for e in events:
        if e.location or e.event_type not in VIOLENT or e.date is None or \
                e.date.precision not in ("day", "range") or \
                not first <= e.date.value <= last or e.country not in (None, home[1].country):
            continue
        e.location, e.place, e.country = home[0], home[1], home[1].country
        decide(e.reasons, e.provenance, "location", "infobox_place", "document",
               f"no place told: the infobox's Place '{home[0]}' on its dates")


def _home_place(doc: Document, st) -> tuple | None:
    """The town an article's infobox places it in ('- Place: Kidal, Kidal Region, Mali'):
    what 'the governorate', 'the base' of a section naming no town refer to."""
    value = (doc.infobox or {}).get("Place")
    if not value:
        return None
    name = re.split(r"[,;(]", value[0])[0].strip()
    place = st.geocode(name) if name else None
    if place is None or place.geonameid is None or not (place.feature_code or "").startswith("PPL"):
        return None  # a region, a country or an unknown name locates no single town
    return (name, place, -1, -1)


def _headline_lead(doc: Document) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """A news headline (a first line without a full stop) and the lead: the first
    paragraph of running text."""
    headline = lead = None
    for n, (a, b) in enumerate(doc.paragraphs):
        para = doc.text[a:b].strip()
        if not para:
            continue
        if n == 0 and headline is None and not para.endswith((".", "!", "?", ":")) and \
                len(para.split()) <= 25 and "\n" not in para:
            headline = (a, b)
            continue
        if para.endswith(".") and len(para.split()) >= 12:
            lead = (a, b)
            break
    return headline, lead


EVENT_NOUNS = {"incident", "attack", "massacre", "raid", "ambush", "assault", "killing",
               "offensive", "fighting", "clash", "bombing", "strike", "airstrike", "battle",
               "siege", "explosion", "blast", "kidnapping", "abduction", "operation"}


def _event_anaphor(sdoc, group) -> bool:
    sent = sdoc[group[0].start].sent
    for t in sent:
        if t.lemma_.lower() in EVENT_NOUNS and t.pos_ == "NOUN" and any(
                d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in t.children):
            return True
    for c in group:
        tok = sdoc[c.start:c.end].root
        if tok.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ in ("this", "that", "these",
                                                                       "those")
                                      for d in tok.children):
            return True
    return False


# ---- control and relation changes ------------------------------------------------


def _control(cand: Candidate, ev: Event) -> dict | None:
    t = cand.trigger
    if not t.control or not ev.location:
        return None
    if ev.actor1 and is_category(ev.actor1, "protesters", "rioters", "civilians"):
        return None  # occupying a building in a protest is not holding territory
    if ev.sub_event_type not in ("Government regains territory",
                                 "Non-state actor overtakes territory",
                                 "Non-violent transfer of territory"):
        return None
    if t.control == "gain":
        return {"place": ev.location, "to": ev.actor1, "from": ev.actor2}
    return {"place": ev.location, "to": ev.actor2, "from": ev.actor1}


def _party_from_relation(ev: Event, dact) -> None:
    """A deal or its ending with one side named: the other party is the organisation the
    sentence names with it ('a peace deal with the government ... the MNLA ended the
    ceasefire'); for a deal, the first one named after actor1."""
    rc = ev.relation_change
    if not rc or ev.actor2 or not ev.actor1 or rc["kind"] not in ("agreement", "hostility") \
            or is_category(ev.actor1, "unidentified", "civilians"):
        return
    names = rc["actors"]
    at = names.index(ev.actor1) if ev.actor1 in names else -1
    others = [a for a in names if a != ev.actor1 and a not in ev.assoc_actor_1]
    if rc["kind"] == "hostility" and len(others) != 1:
        return  # ending one of several ties: which one is not said
    after = [a for a in names[at + 1:] if a in others]
    pick = (after or others or [None])[0]
    if pick is None:
        return
    a = dact.actor(pick)
    ev.actor2, ev.inter2 = pick, (a.inter if a else None)
    decide(ev.reasons, ev.provenance, "actor2", "relation_party", "parse",
           f"{rc['kind']}: the other party the sentence names")


def _relation(cand: Candidate, ev: Event, sm, st, k) -> dict | None:
    kind = cand.trigger.relation
    if kind == "withdrawal" and ev.sub_event_type == "Change to group/activity":
        kind = "split"
    if kind is None and cand.trigger.control == "loss" and ev.sub_event_type == "Other":
        kind = "withdrawal"  # foreign forces leaving a country or a base
    if kind == "realignment" and ev.sub_event_type == "Agreement":
        kind = "alliance"  # a state joining an alliance of states
    if kind is None and ev.sub_event_type == "Change to group/activity":
        kind = "realignment" if cand.trigger.lemma in ("join",) else None
        if cand.trigger.lemma in ("form", "formation", "found", "founding", "create"):
            kind = "merge" if len({m[2].actor for m in sm}) > 2 else None
    if kind is None:
        return None
    names = []
    for m in sm:
        n, _ = _resolve(m[2].actor, ev.country, st, k)
        if n and n not in names and not is_category(n, "civilians", "unidentified"):
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
