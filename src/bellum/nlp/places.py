"""Places of one sentence and which of them an event happened at.

Works on token indices of one parsed document: a place is a tuple
(name as written, Place, token start, token end). `places_of` finds them (through
the gazetteer-backed geo.find_place_mentions, else parser names after locative
words); `trigger_places` keeps those the event word governs; `coordinated` splits a
list of towns into one event each; `last_town` is what 'the town' refers to;
`country_parts` reads 'central Mali' when no town is named.
"""

from __future__ import annotations

import re

from bellum.model import Place


LOCATIVE = {"in", "at", "near", "outside", "around", "into", "toward", "towards", "to", "from",
            "of", "on", "between", "across", "inside", "within", "through", "over"}


PLACE_HEADS = {"town", "city", "village", "commune", "region", "camp", "base", "airport",
               "locality", "district", "province", "department", "cercle", "area"}


# "Ouagadougou, Burkina Faso (AP) —", "NIAMEY, Dec 12 (Reuters) -", "Bamako, Mali —": the
# dateline at the top of a report names where it was filed, not where anything happened
DATELINE = re.compile(
    r"\A\s*[A-ZÀ-Þ][\w'’.-]+(?:[ -][A-ZÀ-Þ][\w'’.-]+){0,2}(?:,\s*[A-ZÀ-Þ][\w'’ .-]{1,30}?)?"
    r"(?:,\s*[^\n—–()]{1,30}?)?\s*(?:\([^()\n]{1,40}\))?\s*[—–-]{1,2}\s")


def dateline_end(text: str) -> int:
    """Offset where a report's dateline ends (0 when the text has none)."""
    m = DATELINE.match(text)
    return m.end() if m else 0


def places_of(sdoc, sent, sm, st, k) -> list:
    """Places of a sentence through geo.find_place_mentions (gazetteer-backed)."""
    from bellum.geo import find_place_mentions

    filed = dateline_end(st.doc.text) if sent.start_char < 300 else 0

    actor_toks = set()
    for m in sm:
        actor_toks.update(range(m[0], m[1]))
    out = []
    for pm in find_place_mentions(sent.text, sent.start_char, st.res.gazetteer, doc=st.doc.id):
        span = sdoc.char_span(pm.span.start, pm.span.end, alignment_mode="expand")
        if span is None or any(i in actor_toks for i in range(span.start, span.end)):
            continue
        if pm.text.isupper() and len(pm.text) > 3 or pm.span.start < filed:
            continue  # a dateline ("NIAMEY, 3 May -") is where the report was filed
        if pm.text in st.persons:
            continue  # 'a portrait of Johnson': the person the text named in full
        place = st.geocode(pm.text)
        if place.scope == "country":
            continue
        name = core_name(pm.text)
        out.append((name, place, span.start, span.end))
    # places the gazetteer lacks but the parser calls places ('Ogossagou')
    # 'attacked Talataye, in the Gao Region': a town the gazetteer lacks, placed in its region
    for i, p in enumerate(list(out)):
        s0 = p[2]
        if not is_region(p) or s0 < 4 or [t.lower_ for t in sdoc[s0 - 3:s0]] != [",", "in", "the"]:
            continue
        town = sdoc[s0 - 4]
        if town.pos_ != "PROPN" or not town.text[:1].isupper() or any(
                q[2] <= town.i < q[3] for q in out) or any(town.i in range(m[0], m[1]) for m in sm):
            continue
        place = st.geocode(f"{town.text}, {p[1].name}")
        out.append((town.text, place, town.i, town.i + 1))
    out.sort(key=lambda p: p[2])
    out = [p for p in out if not names_a_deal(sdoc, p)]
    # 'the Sangoulé Lamizana camp in Ouagadougou': a site in a named town is placed at the town
    sites = {i for i, p in enumerate(out) if p[1].name.split()[-1].lower() in (
        "camp", "base", "barracks", "airbase") and i + 1 < len(out) and
        out[i + 1][2] - p[3] <= 2 and sdoc[p[3]].lower_ in ("in", "at", "near", "outside")}
    out = [p for i, p in enumerate(out) if i not in sites]
    from bellum.geo.mentions import _word_lists

    persons = _word_lists().get("person", frozenset())
    for extra in ([] if out else parser_places(sdoc, sent, sm, st, k)):
        cue = extra[2] > sent.start and sdoc[extra[2] - 1].lower_ in ("in", "at", "near", "of")
        if not cue and sdoc[extra[2]].text in persons:
            continue  # 'detained Kaboré': a person, a place only after 'in'/'at'
        if extra[3] < sent.end and sdoc[extra[3]].lower_ in ("camp", "barracks", "base") and \
                sdoc[extra[2]].ent_type_ == "PERSON":
            continue  # 'the Sangoulé Lamizana camp': a camp named after a person
        ner = sdoc[extra[2]].ent_type_ in ("GPE", "LOC")
        prev = sdoc[extra[2] - 1] if extra[2] > sent.start else None
        verb_obj = prev is not None and (prev.pos_ == "VERB" or prev.lower_ in ("over", "of"))
        if (cue and ner) or (extra[1].geonameid is not None and extra[1].geo_precision == 1
                             and (verb_obj or cue or sdoc[extra[2]].ent_type_ not in (
                                 "PERSON", "ORG", "NORP"))):
            out.append(extra)
    if not out:
        out.extend(_capitals(sdoc, sent, st))
    return sorted(out, key=lambda p: p[2])


DEAL_NOUNS = {"agreement", "agreements", "accord", "accords", "deal", "treaty", "talks",
              "process", "declaration", "roadmap", "conference", "ceasefire", "pact"}


def names_a_deal(sdoc, p) -> bool:
    """'the Algiers peace agreement', 'the Ouagadougou accord': a town that names a deal or
    talks is no place of what the sentence tells ('signed ... in Bamako')."""
    i = p[3]
    while i < len(sdoc) and sdoc[i].lower_ in ("peace", "-", "framework", "cease", "fire"):
        i += 1
    return i < len(sdoc) and sdoc[i].lower_ in DEAL_NOUNS


def destination(sdoc, p) -> bool:
    """'withdrew towards Sévaré': where someone went, not where it happened."""
    return p[2] > 0 and sdoc[p[2] - 1].lower_ in ("towards", "toward")


def _capitals(sdoc, sent, st) -> list:
    """'in Mali's capital', 'the Burkinabè capital', 'the capital' (no name given): the
    capital city of the country named beside it, else of the document's country."""
    from bellum.geo.gazetteer import Gazetteer

    nat = st.res.actors.nat
    gaz = st.res.gazetteer or Gazetteer.default()
    out = []
    for t in sent:
        if t.lower_ != "capital" or t.pos_ != "NOUN":
            continue
        before = [x for x in sdoc[max(sent.start, t.i - 3):t.i] if x.text not in ("'s", "’s")]
        country = next((nat.by_word.get(x.lower_) for x in reversed(before)
                        if nat.by_word.get(x.lower_)), None)
        if country is None and before and before[-1].lower_ == "the":
            country = st.main_country
        cc = gaz.country_code(country) if country else None
        idx = gaz.capital(cc) if cc else None
        if idx is None:
            continue
        r = gaz.row(idx)
        a1, a2 = gaz.admin_names(r)
        place = Place(r[1], country=gaz.country_name(r[6]), admin1=a1, admin2=a2,
                      geonameid=r[0], lat=r[2], lon=r[3], geo_precision=1, feature_code=r[5],
                      reason=f"the capital of {country}")
        out.append((r[1], place, t.i, t.i + 1))
    return out


def core_name(text: str) -> str:
    """'near Gao' -> 'Gao'; '40 km north of Douentza' -> 'Douentza'; 'the Kidal region' kept."""
    t = re.sub(r"(?i)^(?:near|outside|around|close to|the outskirts of|in the vicinity of)\s+", "",
               text)
    t = re.sub(r"(?i)^.*?\b(?:km|kilometres|kilometers|miles)\b.*?\b(?:of|from)\s+", "", t)
    t = re.sub(r"(?i)^the\s+", "", t)
    t = re.sub(r"(?i)^(?:(?:border\s+)?(?:town|city|village|locality|commune)\s+of)\s+", "", t)
    # 'Kidal airport', 'the Ber base': the place is the town (ACLED location)
    t = re.sub(r"(?i)\s+(?:military\s+|army\s+|air\s+)?(?:airport|airbase|base|camp|barracks|"
               r"mountains|hills|massif)$", "", t)
    return t.strip()


def person_surnames(ents) -> set[str]:
    """The last names of the people a text names in full ('La David Johnson'): the name
    alone, elsewhere in the text, is that person, never a town of the same name."""
    return {ent[-1].text for ent in ents if ent.label_ == "PERSON" and len(ent) >= 2
            and ent[-1].text[:1].isupper()}


def parser_places(sdoc, sent, sm, st, k) -> list[tuple[str, Place, int, int]]:
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
        # ... but not a possessive ("demanding Keïta's resignation": a person's)
        weak = ent.label_ in ("ORG", "PERSON", "NORP") and ent.root.dep_ != "poss" and not (
            ent.root.dep_ == "nsubj" and ent.label_ == "PERSON")
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
        if name in st.persons:
            continue  # 'a portrait of Johnson': the person the text named in full
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
        country_only = place.scope == "country"
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


COMPASS = {"central", "northern", "southern", "eastern", "western", "northeastern",
           "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
           "south-eastern", "south-western"}


def country_parts(sdoc, sent, st) -> list:
    """'in central Mali', 'northern Burkina Faso': a part of a country, named as written,
    when the sentence names no town (ACLED: the region, geo_precision 3)."""
    names = st.res.actors.nat.names
    out = []
    for t in sent:
        if t.lower_ not in COMPASS or t.i + 1 >= sent.end:
            continue
        for n in (2, 1):
            words = sdoc[t.i + 1:min(t.i + 1 + n, sent.end)]
            country = names.get(words.text.lower())
            if country and len(words) == n:
                place = Place(f"{t.text} {words.text}", country=country, geo_precision=3,
                              reason=f"part of the country '{t.text} {words.text}'",
                              scope="country_part")
                out.append((place.name, place, t.i, words.end))
                break
    return out


def last_town(places: list):
    """What 'the town' refers to: the last place named that is not a region."""
    towns = [p for p in places if not is_region(p)]
    return (towns or places)[-1]


def is_region(p) -> bool:
    """A place tuple naming a region or province rather than a town."""
    return bool(re.search(r"(?i)\b(?:region|province|cercle|district|department)$", p[0])) or (
        p[1].feature_code or "").startswith("ADM1")


PLACE_NOUNS = {"town", "city", "village", "settlement", "locality", "base", "camp", "capital",
               "governorate", "prefecture", "airport", "garrison", "barracks", "airbase"}


def refers_to_place(sdoc, group) -> bool:
    """'recaptured the town', 'entered the city': a definite place noun the trigger governs."""
    for c in group:
        tok = sdoc[c.start:c.end].root
        if tok.dep_ == "relcl" and tok.head.lemma_ in PLACE_NOUNS:
            return True  # 'the town, which was recaptured'
        for d in tok.subtree:
            if d.lemma_ in PLACE_NOUNS and any(x.lower_ in ("the", "this") for x in d.children):
                return True
    return False


def coordinated(sdoc, places):
    """Places listed together ('in Gao, Kidal and Timbuktu'): one event each;
    'between X and Y' is one event on the road between them."""
    first = places[0]
    if any(t.lower_ == "between" for t in sdoc[max(first[2] - 5, 0):first[2]]):
        return []  # 'between the towns of X and Y': one event on the road between them
    listed = {first[2]: first}  # first token -> place, for the places of the list
    for p in places[1:]:
        tok = sdoc[p[3] - 1]
        chain = [tok] + list(tok.ancestors)[:4]
        if any(t.dep_ == "conj" for t in chain[:3]) and any(
                q[2] <= t.i < q[3] for t in chain for q in listed.values()):
            listed[p[2]] = p
    out = list(listed.values())
    towns = [p for p in out if not is_region(p)]
    if towns and len(towns) < len(out):
        out = towns  # 'in Diafarabé, Mopti region and Niagassadou': regions locate the towns
    return out if len(out) > 1 else []


def trigger_places(sdoc, group, places):
    """Places in the subtree of the group's triggers (objects first)."""
    res = []
    for c in group:
        tok = sdoc[c.start:c.end].root
        lo, hi = tok.left_edge.i, tok.right_edge.i
        for p in places:
            if p[2] >= lo and p[3] - 1 <= hi and p not in res:
                res.append(p)
    if not res:
        # a misparsed object: the place right after a word of taking ('recaptured Aguelhok')
        for c in group:
            if c.trigger.control:
                after = [p for p in places if c.end <= p[2] <= c.end + 4]
                if after:
                    res.append(after[0])
                    break
    # a place the trigger governs beats one named as a destination ('towards Sévaré')
    return sorted(res, key=lambda p: (destination(sdoc, p), p[2]))
