"""Geocoding of place mentions with ACLED geo_precision.

`geocode(mention, ...)` reads the phrase ("near Gao", "the Kidal region",
"40 km north of Douentza", "Okene, Nigeria"), looks its core name up in the
gazetteer and ranks candidates by match quality, feature kind, population,
the document's countries, a country or region the text states, and closeness
to the document's other places. A place the gazetteer lacks keeps its text,
no point, precision 3 and the region/country the text puts it in.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from dataclasses import dataclass

from bellum.geo.fold import fold, skeleton
from bellum.geo.gazetteer import Gazetteer, prior
from bellum.geo.mentions import _word_lists
from bellum.model import Place

EARTH_KM = 6371.0088

_DIR = r"(?:north|south|east|west)(?:[- ]?(?:north|south|east|west))?"
_DIR_ADJ = (r"(?:north|south|east|west)(?:[- ]?(?:north|south|east|west))?ern|central|"
            r"(?:north|south|east|west)(?:[- ]?(?:north|south|east|west))?|"
            r"(?:far|extreme|upper|lower) (?:north|south|east|west)(?:ern)?")
_NUM = r"(?:\d+(?:[.,]\d+)?|a few|a dozen|several|some|dozens of|tens of)"
_UNIT = r"(?:km|kms|kilometres|kilometers|kilometre|kilometer|miles|mile|mi)"
_RE_DISTANCE = re.compile(
    rf"^(?:about |some |around |approximately |roughly |nearly |over |more than )?{_NUM}\s*-?\s*"
    rf"{_UNIT}\s+(?:\(\d+ (?:mi|miles|km)\)\s+)?(?:to the\s+)?(?:{_DIR}\s+)?(?:of|from)\s+(.+)$", re.I)
_RE_NEAR = re.compile(
    rf"^(?:near|nearby|around|outside(?: of)?|(?:on )?the outskirts of|outskirts of|close to|"
    rf"in the vicinity of|the vicinity of|vicinity of|(?:in )?the area (?:of|around)|area around|"
    rf"the surroundings of|surroundings of|not far from|just (?:{_DIR}|outside) of|{_DIR} of|"
    rf"between)\s+(.+)$", re.I)
_RE_DIRECTIONAL = re.compile(rf"^(?:the\s+)?({_DIR_ADJ})\s+(.+)$", re.I)
_REGION_WORDS = {
    "region": "ADM1", "province": "ADM1", "state": "ADM1", "governorate": "ADM1",
    "wilaya": "ADM1", "department": "ADM2", "departement": "ADM2", "cercle": "ADM2",
    "circle": "ADM2", "district": "ADM2", "prefecture": "ADM2", "commune": "ADM3",
    "municipality": "ADM3", "rural commune": "ADM3", "area": "AREA", "zone": "AREA",
}
_RE_REGION_SUFFIX = re.compile(
    r"^(.+?)\s+(rural commune|region|province|state|governorate|wilaya|department|"
    r"d[ée]partement|cercle|circle|district|prefecture|commune|municipality|area|zone)s?$", re.I)
_RE_REGION_PREFIX = re.compile(
    r"^(region|province|cercle|circle|district|department|prefecture|commune|municipality|wilaya)"
    r"\s+(?:of|de|du|des|d['’])\s*(.+)$", re.I)
# Feature words: (kind, precision of the named thing, feature classes it suggests)
_FEATURES = {
    "mountains": (3, "T"), "mountain": (3, "T"), "massif": (3, "T"), "hills": (3, "T"),
    "hill": (2, "T"), "plateau": (3, "T"), "valley": (3, "T"), "desert": (3, "T"),
    "river": (3, "H"), "lake": (2, "H"), "wadi": (2, "H"), "oued": (2, "H"), "well": (1, "H"),
    "forest": (2, "V"), "reserve": (3, "L"), "park": (3, "L"),
    "gold mine": (2, "S"), "mine": (2, "S"), "dam": (2, "S"),
    "military base": (1, "S"), "army base": (1, "S"), "air base": (1, "S"), "airbase": (1, "S"),
    "base": (1, "S"), "military camp": (1, "S"), "army camp": (1, "S"), "camp": (1, "S"),
    "barracks": (1, "S"), "airport": (1, "S"), "prison": (1, "S"), "border post": (1, "S"),
    "checkpoint": (2, "S"), "market": (1, "S"), "bridge": (2, "S"),
    # along a road from a place: near it, no feature class of its own
    "road": (2, None), "axis": (2, None), "route": (2, None), "highway": (2, None),
}
_RE_FEATURE = re.compile(
    r"^(.+?)\s+(" + "|".join(sorted((re.escape(k) for k in _FEATURES), key=len, reverse=True)) + r")$",
    re.I)
_RE_FEATURE_OF = re.compile(
    r"^(?:the\s+)?(mountains|massif|hills|valley|forest|lake|wadi|oued|mines?|dam)\s+of\s+(.+)$", re.I)
_RE_TOWN_OF = re.compile(
    r"^(?:the\s+)?(?:(\w[\w-]*)\s+)?(?:border\s+)?(?:town|city|village|locality|hamlet|settlement|"
    r"capital|commune|municipality)\s+of\s+(.+)$", re.I)
_RE_ADJ_PLACE = re.compile(r"^(?:the\s+)?(\w[\w-]*)\s+(?:border\s+)?(?:town|city|village|locality)\s+(.+)$", re.I)

# Feature codes that are large areas (precision 3) or small areas (2).
_AREA3 = {"PCLI", "ADM1", "MTS", "STM", "DSRT", "PLAT", "RGN", "ERG", "VAL", "PLN", "UPLD", "HMDA"}
_AREA2 = {"ADM2", "ADM3", "ADM4", "ADMD", "MRSH", "LK", "LKI", "LKS", "FRST", "WAD", "WADS", "HLLS",
          "DPR", "RSV", "PRK", "AREA", "SWMP", "OAS", "DUNE", "DUNES"}


# Words that name a kind of place, never a place ("the region", "the town").
_GENERIC = {
    "the", "a", "an", "region", "regions", "area", "areas", "zone", "town", "towns", "city", "cities",
    "village", "villages", "locality", "country", "province", "district", "cercle", "commune",
    "capital", "north", "south", "east", "west", "centre", "center", "border", "borders", "base",
    "camp", "here", "there", "it", "its", "the north", "the south", "the region", "the area",
    "the town", "the city", "the village", "the country", "the border", "the capital",
}


@dataclass
class ParsedMention:
    """What a place phrase says besides the name."""

    core: str
    near: bool = False
    region: str | None = None  # ADM1 / ADM2 / ADM3 / AREA when "X region", "cercle of X"
    directional: bool = False  # "northern Mali"
    feature: str | None = None  # feature class a feature word suggests ("T" for mountains)
    feature_precision: int | None = None
    stated: str | None = None  # a country or region the phrase itself states ("X, Nigeria")
    adjective: str | None = None  # "the Nigerian town of X"
    full: str | None = None  # the name with its feature word ("Niger River")


def within_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _clean(text: str) -> str:
    text = text.strip().strip(".,;:!?\"'“”‘’()[]").strip()
    return re.sub(r"\s+", " ", text)


def parse_mention(mention: str) -> ParsedMention:
    """Split a place phrase into its core name and what qualifies it."""
    s = _clean(mention)
    pm = ParsedMention(core=s)
    for _ in range(4):  # qualifiers can stack: "near the town of X, Mali"
        s0 = s
        if "," in s:
            head, _, tail = s.rpartition(",")
            tail = _clean(tail)
            if tail and head:
                pm.stated = pm.stated or tail
                s = _clean(head)
        if re.match(r"^the\s+", s, re.I) and not _RE_TOWN_OF.match(s):
            s = re.sub(r"^the\s+", "", s, flags=re.I)
        if m := _RE_DISTANCE.match(s):
            pm.near, s = True, _clean(m.group(1))
        elif m := _RE_NEAR.match(s):
            pm.near, s = True, _clean(m.group(1))
            if s.lower().startswith("the "):
                s = s[4:]
            if " and " in s:  # "between Gao and Kidal": the first named place
                s = s.split(" and ")[0]
        if m := _RE_TOWN_OF.match(s):
            if m.group(1) and m.group(1).lower() not in ("small", "large", "northern", "southern",
                                                          "eastern", "western", "central", "same"):
                pm.adjective = m.group(1)
            s = _clean(m.group(2))
        elif m := _RE_ADJ_PLACE.match(s):
            pm.adjective, s = m.group(1), _clean(m.group(2))
        if m := _RE_REGION_PREFIX.match(s):
            pm.region, s = _REGION_WORDS.get(m.group(1).lower(), "ADM2"), _clean(m.group(2))
        elif m := _RE_REGION_SUFFIX.match(s):
            word = fold(m.group(2))
            pm.region = _REGION_WORDS.get(word, "ADM2")
            s = _clean(m.group(1))
        if m := _RE_FEATURE_OF.match(s):
            word = m.group(1).lower().rstrip("s") if m.group(1).lower() in ("mines",) else m.group(1).lower()
            pm.feature_precision, pm.feature = _FEATURES.get(word, (2, None))
            s = _clean(m.group(2))
        elif (m := _RE_FEATURE.match(s)) and not pm.feature:
            pm.feature_precision, pm.feature = _FEATURES[m.group(2).lower()]
            if pm.feature is None:
                pm.near = True  # "the Gao-Ansongo road"
            else:
                pm.full = s
            s = _clean(m.group(1))
        if m := _RE_DIRECTIONAL.match(s):
            pm.directional, s = True, _clean(m.group(2))
        if s == s0:
            break
    pm.core = s
    return pm


# ---------------------------------------------------------------- context hints

_RE_STATED_LEAD = re.compile(
    r"^(?:in |of |the |(?:north|south|east|west)(?:[- ]?(?:north|south|east|west))?(?:ern)? |central )+")


def _country_in(g: Gazetteer, phrase: str | None) -> str | None:
    """ISO2 when `phrase` is a country name or adjective ("in northern Mali")."""
    if not phrase:
        return None
    f = _RE_STATED_LEAD.sub("", fold(phrase))
    return g.country_aliases.get(f) or g.country_adjectives.get(f)


def _admin1_in(g: Gazetteer, phrase: str | None, countries: set[str] | None) -> tuple[str, str] | None:
    """(ISO2, admin1 code) when `phrase` names a first-level region."""
    if not phrase:
        return None
    f = re.sub(r"\s+(region|province|state|wilaya|governorate)$", "", fold(phrase))
    for key, name in g.admin1.items():
        cc = key[:2]
        if countries and cc not in countries:
            continue
        if fold(name) == f or fold(name).removesuffix(" region") == f:
            return cc, key[3:]
    # the admin1 row's own names ("Tombouctou Region" alias "Timbuktu Region")
    for idx, q, _ in g.lookup(f + " region", fuzzy=False) + g.lookup(f, fuzzy=False):
        r = g.row(idx)
        if r[5] == "ADM1" and (not countries or r[6] in countries):
            return r[6], r[7]
    return None


_RE_AFTER = re.compile(r"^\s*(?:,|\(|\bin\b)\s*(?:the\s+)?([A-Z][\w'’ -]{1,40}?)(?=[,.;:)]|\s+(?:on|in|at|where|after|before|when|during|which|that|with|by)\b|$)")
_RE_BEFORE = re.compile(r"\b(?:the\s+)?(\w[\w-]*)\s+(?:border\s+)?(?:town|city|village|locality|region|commune|capital)(?:\s+of)?\s*$", re.I)


def _plain(s: str) -> str:
    """Lower case without accents, one character per character of `s`."""
    return "".join(unicodedata.normalize("NFD", ch)[0] for ch in s).lower()


def _hints_from_context(g: Gazetteer, mention: str, context: str) -> tuple[str | None, str | None, int]:
    """(stated phrase after the mention, adjective before it, mention offset) in `context`."""
    if not context:
        return None, None, -1
    pos = context.find(mention)
    if pos < 0:
        plain = _plain(context)
        pos = plain.find(_plain(mention))
        if pos < 0:
            core = parse_mention(mention).core
            mention = core
            pos = plain.find(_plain(core)) if core else -1
    if pos < 0:
        return None, None, -1
    after = context[pos + len(mention):pos + len(mention) + 60]
    before = context[max(0, pos - 60):pos]
    stated = None
    if m := _RE_AFTER.match(after):
        stated = m.group(1).strip()
    adj = None
    if m := _RE_BEFORE.search(before):
        adj = m.group(1)
    return stated, adj, pos


def _countries_named(g: Gazetteer, text: str) -> list[tuple[int, str]]:
    """(offset, ISO2) for each country name or adjective in `text`."""
    out = []
    for m in re.finditer(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}", text):
        words = m.group(0).split(" ")
        # longest prefix that is a country or adjective ("Burkina Faso", "Malian")
        for n in range(len(words), 0, -1):
            cc = _country_in(g, " ".join(words[:n]))
            if cc:
                out.append((m.start(), cc))
                break
    return out


# ---------------------------------------------------------------- geocode

def _precision(fclass: str, fcode: str, pm: ParsedMention) -> int:
    if fcode in _AREA3:
        p = 3
    elif fcode in _AREA2:
        p = 2
    else:
        p = 1
    if pm.feature_precision and fclass != "P":
        p = max(p, pm.feature_precision) if fcode not in _AREA3 else p
    if pm.feature in ("S",) and fclass == "P":  # "the Kati military base": at the town
        p = max(p, pm.feature_precision or 1)
    if pm.near or pm.region == "AREA":
        p = max(p, 2)
    if pm.directional:
        p = 3
    return p


def geocode(
    mention: str,
    *,
    context_text: str = "",
    doc_countries: list[str] | None = None,
    doc_points: list[tuple[float, float]] | None = None,
    gazetteer: Gazetteer | None = None,
) -> Place:
    """Resolve a place phrase to a `Place` (see module docstring).

    `doc_countries` are the document's countries (names or ISO2); a place
    outside them is accepted only on an exact name match when it is a major
    place or its country is named in `context_text`.
    """
    g = gazetteer or Gazetteer.default()
    pm = parse_mention(mention)
    if not fold(pm.core) or fold(pm.core) in _GENERIC:
        return Place(name=mention, geo_precision=3, reason="no place name in the phrase")
    words = _word_lists()
    if not (pm.full or pm.feature or pm.region) and pm.core in words.get("ethnic", ()):
        return Place(name=mention, geo_precision=3, reason="a people, not a place")
    doc_cc = {c for c in (g.country_code(x) for x in (doc_countries or [])) if c}
    # the first country is the document's main one: it wins ties between homonyms
    main_cc = g.country_code(doc_countries[0]) if doc_countries else None
    stated_after, adj_before, pos = _hints_from_context(g, mention, context_text)

    # A country or region the text puts the place in.
    stated_cc = _country_in(g, pm.stated) or _country_in(g, pm.adjective)
    stated_a1 = None
    if not stated_cc and pm.stated:
        stated_a1 = _admin1_in(g, pm.stated, doc_cc or None)
    if not stated_cc and not stated_a1 and stated_after:
        stated_cc = _country_in(g, stated_after)
        # only with a region word: "Léré, Mopti and Douentza" is a list
        if not stated_cc and re.search(r" (region|province|wilaya|governorate)$", fold(stated_after)):
            stated_a1 = _admin1_in(g, stated_after, doc_cc or None)
    if not stated_cc and adj_before:
        stated_cc = g.country_adjectives.get(fold(adj_before))
    if stated_a1 and not stated_cc:
        stated_cc = stated_a1[0]
    named_cc = {cc for _, cc in _countries_named(g, context_text)} if context_text else set()

    core = pm.core
    # The phrase names a country ("Mali", "northern Mali", "the Niger side").
    cc_core = g.country_aliases.get(fold(core)) if core and core[0].isupper() else None
    if cc_core and not pm.full and not pm.region:
        return Place(name=mention, country=g.country_name(cc_core), geo_precision=3,
                     reason="country" + (" (part of it)" if pm.directional else ""), scope="country")

    if pm.region == "ADM1" and not stated_a1 and (stated_cc or doc_cc):
        # "the Savanes Region", "the Sahel Region": the first-level region of that
        # name in the stated or the document's countries, never a namesake elsewhere
        a1 = _admin1_in(g, core, {stated_cc} if stated_cc else doc_cc)
        if a1 is not None:
            if _admin1_row(g, *a1) is None:  # the gazetteer holds no polygon row for it
                return Place(name=mention, country=g.country_name(a1[0]), admin1=g.admin1.get(f"{a1[0]}.{a1[1]}"),
                             geo_precision=3, feature_code="ADM1",
                             reason="first-level region of a document country (admin1 codes; no point bundled)")
            stated_a1, stated_cc = a1, stated_cc or a1[0]
    best = _best_candidate(g, pm, doc_cc, stated_cc, stated_a1, named_cc, doc_points, main_cc)
    city_cc = g.major_cities.get(fold(core)) if not stated_cc else None
    if city_cc and (best is None or best[2] == "fuzzy" or (
            g.row(best[1])[6] not in (city_cc, *doc_cc) and best[0] < 1.5)):
        # a well-known city the gazetteer does not hold ("Paris", "Tripoli")
        return Place(name=mention, country=g.country_name(city_cc), geo_precision=3,
                     reason="not in gazetteer; known city of this country")
    if best is None:
        # "Gao and Kidal", "Gao–Ansongo": the first named place, as an area
        parts = [p for p in _RE_SEVERAL.split(core) if p]
        if len(parts) == 1 and "-" in core:
            parts = core.split("-")
        if len(parts) > 1 and len(parts[0]) > 2:
            sub = geocode(parts[0], context_text=context_text, doc_countries=doc_countries,
                          doc_points=doc_points, gazetteer=g)
            if sub.lat is not None:
                return dataclasses.replace(sub, name=mention, geo_precision=max(2, sub.geo_precision),
                                           reason=sub.reason + "; first of several places named")
        return _absent(g, mention, pm, doc_cc, stated_cc, stated_a1, context_text, pos)
    score, idx, kind, ties = best
    r = g.row(idx)
    if pm.core in words.get("person", ()) and (kind not in ("exact", "alternate") or r[4] not in "PA"):
        # a personal name ("Ghaly") is a place only when a town bears exactly that name
        return _absent(g, mention, pm, doc_cc, stated_cc, stated_a1, context_text, pos)
    if pm.region == "ADM1" and r[4] != "A":
        # "the Timbuktu region" when the region row lacks that spelling: the
        # first-level region the named town lies in
        reg = _admin1_row(g, r[6], r[7])
        if reg is not None:
            idx, r, kind = reg, g.row(reg), kind + " via its town"
    a1, a2 = g.admin_names(r)
    prec = _precision(r[4], r[5], pm)
    if r[5] == "ADM1" or r[5] == "PCLI":
        a2 = None
    why = [f"gazetteer {r[0]} {r[1]} ({r[4]}.{r[5]}, {kind} match, score {score:.2f})"]
    if pm.near:
        why.append("near/offset from it")
    if pm.region:
        why.append(f"named as an area ({pm.region})")
    if ties:
        why.append(f"ambiguous: {ties} other places score the same, lowest geonameid kept")
    return Place(name=mention, country=g.country_name(r[6]), admin1=a1, admin2=a2, geonameid=r[0],
                 lat=r[2], lon=r[3], geo_precision=prec, feature_code=r[5], reason="; ".join(why))


MAJOR_ABROAD = 500_000
_RE_SEVERAL = re.compile(r"\s+(?:and|or|&)\s+|\s*/\s*|\s*[–—]\s*")
_RE_SAHARAN_PREFIX = re.compile(r"^(in|i n|ti n|tin|el|al) (\w.{2,})$")


def _best_candidate(g, pm, doc_cc, stated_cc, stated_a1, named_cc, doc_points, main_cc=None):
    names = [pm.core]
    full = pm.full
    if full:
        names.insert(0, full)  # "Niger River" is itself a gazetteer name
    if pm.region in ("ADM1", "ADM2", "ADM3"):
        names += [f"{pm.core} region", f"{pm.core} cercle", f"cercle de {pm.core}",
                  f"{pm.core} province", f"province du {pm.core}"]
    found: dict[int, tuple[float, str]] = {}
    for i, nm in enumerate(names):
        for idx, q, kind in g.lookup(nm, fuzzy=False):
            if i == 0 and full:
                q += 0.2  # the whole phrase matched, feature word included
            if idx not in found or found[idx][0] < q:
                found[idx] = (q, kind)
    # Saharan names often lose or gain their article/prefix in news text
    # ("Khalil" for "In Khalil"): tried too, scored below the plain name.
    f = fold(pm.core)
    m = _RE_SAHARAN_PREFIX.match(f)
    alts = [m.group(2)] if m else [f"{p} {f}" for p in ("in", "i n", "ti n", "tin", "el", "al")]
    for nm in alts:
        for idx, q, kind in g.lookup(nm, fuzzy=False):
            if idx not in found or found[idx][0] < q - 0.15:
                found[idx] = (q - 0.15, kind + "+prefix")
    if not found:
        for idx, q, kind in g.lookup(pm.core, fuzzy=True):
            found[idx] = (q, kind)
    scored = []
    for idx, (q, kind) in found.items():
        r = g.row(idx)
        fclass, fcode, cc = r[4], r[5], r[6]
        if kind.startswith("fuzzy") and fclass not in "PA":
            continue  # a near-miss spelling of a dune or well is another place
        s = q + prior(fclass, fcode, r[9])
        # what the phrase says the place is
        if pm.region in ("ADM1", "ADM2", "ADM3"):
            if fclass == "A" and fcode.startswith("ADM"):
                s += 0.6 if fcode == pm.region else 0.4
            elif fclass == "P":
                s -= 0.2
        elif pm.region == "AREA":
            s += 0.1 if fclass == "A" else 0.0
        elif fclass == "A" and fcode != "PCLI":
            s -= 0.15  # a bare name means the town, not the same-named district
        if pm.feature:
            if fclass == pm.feature:
                s += 0.4
            elif pm.feature == "S" and fclass == "P":
                s += 0.2  # "Ber base": the base at the town
        elif fclass in "HTSLV" and fcode not in ("STM", "MTS"):
            s -= 0.1
        # where the text says it is
        if stated_cc:
            if cc != stated_cc:
                continue
            s += 0.4
        elif doc_cc:
            if cc in doc_cc:
                s += 0.3 + (0.05 if cc == main_cc else 0.0)
            else:
                # a namesake in a country the text does not name: only a capital or a
                # city of half a million (the world gazetteer holds a town of 5,000 for
                # most names a village in the text may bear; regional seats are coded
                # only in the Sahel data, so they get no privilege)
                major = r[9] >= MAJOR_ABROAD or fcode in ("PPLC", "ADM1", "PCLI")
                if kind == "fuzzy" or q < 0.9:
                    continue  # never put a loose match in another country
                if not (major or cc in named_cc):
                    continue
        if stated_a1:
            s += 0.4 if (cc, r[7]) == stated_a1 else -0.3
        if doc_points:
            # mean closeness to the document's other places: a homonym in the
            # area the text keeps returning to wins, one stray place does not decide
            s += 0.2 * sum(max(0.0, 1 - within_km(r[2], r[3], la, lo) / 400)
                           for la, lo in doc_points) / len(doc_points)
        scored.append((s, r[0], idx, kind))
    if not scored:
        return None
    # Ties (homonyms nothing in the text separates) fall to the lowest
    # geonameid: GeoNames' older rows are the better-known places.
    scored.sort(key=lambda t: (-round(t[0], 6), t[1]))
    s, _, idx, kind = scored[0]
    if kind == "fuzzy" and s < 0.8:
        return None
    ties = sum(1 for t in scored[1:] if abs(t[0] - s) < 1e-6)
    return s, idx, kind, ties


def _admin1_row(g: Gazetteer, cc: str, a1: str) -> int | None:
    """Row index of the ADM1 feature with this country and admin1 code."""
    table = g.adm1_rows()
    return table.get((cc, a1))


def _absent(g, mention, pm, doc_cc, stated_cc, stated_a1, context_text, pos) -> Place:
    """No honest point: keep the text and the region/country it is said to be in."""
    cc = stated_cc
    reason = "not in gazetteer"
    if not cc and context_text and pos >= 0:
        # nearest country named before the mention in the same passage
        before = [c for off, c in _countries_named(g, context_text[:pos]) if off < pos]
        nouns = [c for off, c in _countries_named(g, context_text[:pos])
                 if fold(context_text[off:pos]).split(" ")[0] in g.country_aliases]
        if nouns and before and nouns[-1] == before[-1] and (not doc_cc or nouns[-1] not in doc_cc):
            cc, reason = nouns[-1], reason + "; country named before it"
    if not cc and len(doc_cc) == 1:
        cc = next(iter(doc_cc))
        reason += "; document's country (assumed)"
    a1 = None
    if stated_a1:
        a1 = g.admin1.get(f"{stated_a1[0]}.{stated_a1[1]}")
        reason += "; region stated"
    return Place(name=mention, country=g.country_name(cc) if cc else None, admin1=a1,
                 geo_precision=3, reason=reason)


def same_place(name_a: str, name_b: str, gazetteer: Gazetteer | None = None) -> bool:
    """True when two place names agree after folding, transliteration
    levelling, or both resolve to the same gazetteer entry."""
    if not name_a or not name_b:
        return False
    fa, fb = fold(name_a), fold(name_b)
    if fa == fb or fa.replace(" ", "") == fb.replace(" ", "") or skeleton(name_a) == skeleton(name_b):
        return True
    g = gazetteer or Gazetteer.default()
    ca, cb = g.search(name_a, limit=1), g.search(name_b, limit=1)
    return bool(ca and cb and ca[0].match != "fuzzy" and cb[0].match != "fuzzy"
                and ca[0].geonameid == cb[0].geonameid)


def location_agrees(
    predicted: str | None,
    gold: str | None,
    *,
    predicted_point: tuple[float, float] | None = None,
    gold_point: tuple[float, float] | None = None,
    doc_countries: list[str] | None = None,
    km: float = 25.0,
    gazetteer: Gazetteer | None = None,
) -> bool:
    """The evaluation rule for locations: the names agree (`same_place`) or
    the two points are within `km`. Missing points are geocoded from the
    names with `doc_countries`; a name without a point never agrees by distance."""
    if not predicted or not gold:
        return False
    g = gazetteer or Gazetteer.default()
    if same_place(predicted, gold, g):
        return True
    pts = []
    for name, pt in ((predicted, predicted_point), (gold, gold_point)):
        if pt is None or pt[0] is None:
            p = geocode(name, doc_countries=doc_countries, gazetteer=g)
            pt = (p.lat, p.lon) if p.lat is not None else None
        pts.append(pt)
    if pts[0] is None or pts[1] is None:
        return False
    return within_km(pts[0][0], pts[0][1], pts[1][0], pts[1][1]) <= km


def place_columns(place: Place | None) -> dict:
    """The ACLED location columns for a geocoded place (None when unknown)."""
    if place is None:
        return {"location": None, "country": None, "admin1": None, "admin2": None,
                "latitude": None, "longitude": None, "geo_precision": None, "geonameid": None}
    return {"location": place.name, "country": place.country, "admin1": place.admin1,
            "admin2": place.admin2, "latitude": place.lat, "longitude": place.lon,
            "geo_precision": place.geo_precision, "geonameid": place.geonameid}


def document_countries(text: str, *, gazetteer: Gazetteer | None = None, top: int = 3,
                       min_share: float = 0.2) -> list[str]:
    """The countries a document is about: names and adjectives counted
    ("Mali", "Malian"), most frequent first, those with at least `min_share`
    of the most frequent one's count, at most `top`. English names."""
    g = gazetteer or Gazetteer.default()
    counts: dict[str, int] = {}
    for _, cc in _countries_named(g, text):
        counts[cc] = counts.get(cc, 0) + 1
    if not counts:
        return []
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    best = ranked[0][1]
    return [g.country_name(cc) for cc, n in ranked[:top] if n >= best * min_share]


def geocode_all(
    mentions: list[tuple[str, str]],
    *,
    doc_countries: list[str] | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Place]:
    """Geocode a document's (mention, context sentence) pairs in two passes:
    the places that are unambiguous first, then the ambiguous ones again with
    the points of the first pass as `doc_points` (homonyms near the others win)."""
    g = gazetteer or Gazetteer.default()
    first = [geocode(m, context_text=c, doc_countries=doc_countries, gazetteer=g) for m, c in mentions]
    anchors = [(p.lat, p.lon) for p in first
               if p.lat is not None and "ambiguous" not in p.reason and "fuzzy" not in p.reason]
    if not anchors:
        return first
    out = []
    for (m, c), p in zip(mentions, first):
        if "ambiguous" in p.reason:
            others = [pt for pt in anchors if pt != (p.lat, p.lon)] or anchors
            p = geocode(m, context_text=c, doc_countries=doc_countries, doc_points=others, gazetteer=g)
        out.append(p)
    return out
