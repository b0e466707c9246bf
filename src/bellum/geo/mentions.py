"""Finding place phrases in English sentences.

A capitalised phrase is a place mention when the gazetteer knows it and
either a locative cue precedes it ("in", "near", "captured", a list of
places) or it is a notable place on its own (a capital, a regional seat,
a town of 20,000+, a first-level region). Countries count with a cue or a
direction ("in Mali", "northern Mali"). Phrases with organisation words
("Ansar Dine", "Islamic State") and names after a title ("Colonel X") are
not places, nor are peoples ("Tuareg") and persons ("Amadou Koufa"). Verbs
of taking and leaving ("took over X", "withdrew from X") and an apposition
("X, a town in") are as strong a cue as "in X". Cues the finder folds into the mention: "near X",
"40 km north of X", "X region", "northern X".
"""

from __future__ import annotations

import re
from functools import lru_cache

from bellum.errors import KnowledgeFileInvalid
from bellum.geo.fold import fold
from bellum.geo.gazetteer import KNOWLEDGE, Gazetteer, prior
from bellum.model import PlaceMention, Span

NOTABLE_POPULATION = 20000
_NOTABLE_CODES = {"PPLC", "PPLA", "PPLA2", "ADM1"}

_CAP = r"[A-ZÀ-ÖØ-Þ][\w’']*(?:-[\w’']+)*"
_RE_PHRASE = re.compile(rf"{_CAP}(?:(?:[ \t]+(?:de|des|du|el|n|i-n)[ \t]+|[ \t]+){_CAP})*")
# a news dateline: "NIAMEY, 14 March (Reuters) -"
_RE_DATELINE = re.compile(r"(?:^|\n)[ \t]*([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ' -]{3,})(?=,| \()")
_RE_REGION_AFTER = re.compile(
    r"^\s+(regions?|provinces?|cercles?|circles?|districts?|departments?|communes?|prefectures?|area)\b"
    r"(?!\s+of\s+(?!(?-i:[A-Z])))", re.I)  # "Savanes Region of Togo", never "area of operations"
_RE_FEATURE_AFTER = re.compile(
    r"^\s+(mountains|massif|hills|river|valley|forest|lake|(?:gold\s+)?mine|military base|"
    r"military camp|army base|army camp|base|camp|airport|barracks)\b", re.I)
_RE_NEAR_BEFORE = re.compile(
    r"(?:\b(?:near|nearby|outside|outskirts of|close to|vicinity of|not far from)|"
    r"\b(?:about |some |around |approximately )?\d+(?:[.,]\d+)?\s*-?\s*(?:km|kms|kilometres|kilometers|"
    r"kilometre|kilometer|miles|mi)\s+(?:\(\d+ (?:mi|miles|km)\)\s+)?(?:to the\s+)?"
    r"(?:(?:north|south|east|west)(?:-?(?:north|south|east|west))?\s+)?(?:of|from))"
    r"\s+(?:the\s+)?(?:(?:[\w'’-]+\s+)?(?:town|city|village|locality) of\s+)?$", re.I)
_RE_DIRECTION_BEFORE = re.compile(
    r"\b(?:(?:north|south|east|west)(?:-?(?:north|south|east|west))?ern|central)\s+$", re.I)
_CUE_WORDS = (
    "in|at|near|from|to|into|toward|towards|outside|around|between|across|via|through|throughout|of|on|"
    "captured|seized|took|retook|recaptured|attacked|entered|reached|besieged|liberated|"
    "bombed|shelled|raided|stormed|overran|controlled|held|abandoned|left|fled|occupied|encircled|"
    "surrounded|evacuated|town|city|village|villages|towns|cities|locality|region|cercle|commune|"
    "capital|outskirts|north|south|east|west|northeast|northwest|southeast|southwest|km|kilometres|"
    "kilometers|miles|border with|borders with|border of|bordering")
_RE_CUE_BEFORE = re.compile(rf"\b(?:{_CUE_WORDS})\s+(?:the\s+)?$", re.I)
# Verbs of taking, entering and leaving a place: what follows is a place even
# when it is a small village ("jihadists took over Léré", "pulled out of Ber").
_RE_TAKE_BEFORE = re.compile(
    r"\b(?:(?:took|taken|take|takes|taking)\s+(?:over|control\s+of|back)|(?:seized|seizing|seize|gained|gaining|"
    r"regained|regaining|lost|losing|wrested|wresting|assumed|assuming)\s+control\s+of|"
    r"seized|seizing|captured|capturing|recaptured|recapturing|retook|retaking|retaken|overran|overrun|overrunning|"
    r"stormed|storming|entered|entering|re-entered|occupied|occupying|reoccupied|besieged|besieging|"
    r"liberated|liberating|evacuated|abandoned|(?:withdrew|withdrawn|withdrawing|withdraw|retreated|retreating|"
    r"fled|fleeing)\s+from|(?:pulled|pulling|pull|moved|moving|pushed|pushing)\s+(?:out\s+of|back\s+from|into)|"
    r"advanced\s+(?:on|towards?)|marched\s+on|fell\s+back\s+(?:to|on)|redeployed\s+to|returned\s+to|"
    r"followed\s+by)"
    r"\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|strategic|key|garrison|border|desert|rural|"
    r"small|remote)\s+)?(?:(?:town|city|village|locality|commune|outpost|hamlet)\s+of\s+)?$", re.I)
# "Solhan, a village in Yagha province": the apposition says it is a place
_RE_APPOSITION_AFTER = re.compile(
    r"^,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:town|village|city|locality|commune|hamlet|settlement|"
    r"municipality|oasis|market\s+town|border\s+town)\b", re.I)
# words of a facility named after a person ("Modibo Keïta International Airport")
_FACILITY_WORDS = {"airport", "international", "stadium", "bridge", "camp", "base", "barracks", "school",
                   "hospital", "mosque", "university", "market", "avenue", "street", "boulevard", "road",
                   "square", "garrison", "station"}
_RE_STRONG_CUE = re.compile(
    r"\b(?:in|at|near|into|from|toward|towards|outside|around|town of|city of|village of)\s+(?:the\s+)?$", re.I)
# A capitalised word before one of these is a modifier ("Gazelle helicopters",
# "Malian army", "Mali government"), not a place.
_RE_MODIFIER_AFTER = re.compile(
    r"^\s+(?:helicopters?|jets?|aircraft|drones?|peoples?|people|soldiers?|troops?|forces|army|military|"
    r"government|authorities|officials?|officers?|militants?|fighters?|rebels?|president|police|"
    r"gendarmes?|nationals?|citizens?|embassy|ministry|minister|junta|state|leaders?|community|"
    r"communities|language|ethnic|origin)\b", re.I)
_RE_PLACE_NOUN_OF = re.compile(
    r"\b(?:town|village|city|locality|hamlet|commune|settlement|camp|base|outpost|mine|"
    r"towns|villages|localities)\s+of\s+$", re.I)
# what may follow an unknown place name: punctuation, a region word, a preposition
_RE_UNKNOWN_END = re.compile(
    r"^(?:\s*[,.;:)]|\s*$|\s+(?:region|province|cercle|commune|district|area|in|on|near|and|"
    r"close|north|south|east|west|where|after|before|during|last|this|when|which|from|to|overnight|"
    r"yesterday|today|early|late|for|with|without|amid|despite|again|until|following|as|while|but|since|"
    r"killing|leaving)\b)", re.I)
_RE_LIST_BETWEEN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*|/\s*)$")
_FEATURE_WORDS = {"river", "mountains", "massif", "hills", "lake", "forest", "valley", "plateau",
                  "desert", "wadi", "oued", "dam", "mine", "airport", "reserve", "park"}
_SITE_WORDS = {"mine", "camp", "base", "airport", "barracks", "airbase"}
_REGION_WORDS = {"region", "province", "cercle", "circle", "district", "department", "commune",
                 "prefecture", "governorate", "wilaya"}
_RE_PERSON = re.compile(r"\b(?:Ag|ag|Ould|ould|bin|ibn|Ibn|Abu|Abou|Ben)\b")


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, frozenset[str]]:
    path = KNOWLEDGE / "not_places.txt"
    sections: dict[str, set[str]] = {}
    current = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            if not line.endswith("]"):
                raise KnowledgeFileInvalid(f"{path}:{n}: section header must look like [org]")
            current = line[1:-1]
            sections[current] = set()
            continue
        if current is None or " " in line:
            raise KnowledgeFileInvalid(f"{path}:{n}: expected one word per line under a [section]")
        sections[current].add(line)
    for need in ("org", "title", "common"):
        if need not in sections:
            raise KnowledgeFileInvalid(f"{path}: missing section [{need}]")
    return {k: frozenset(v) for k, v in sections.items()}


def _gazetteer_hit(g: Gazetteer, name: str, cue: bool, feature: bool, strong: bool = False) -> bool:
    best = None
    for idx, q, kind in g.lookup(name, fuzzy=False):
        if q < 0.9 and not strong:
            continue  # transliteration-level matches only after "in", "near"...
        r = g.rows[idx]
        fclass, fcode, pop = r[4], r[5], int(r[9] or 0)
        if fclass not in "PA" and not feature and not (cue and q >= 0.97 and " " in name):
            continue  # wells and wadis only when named in full ("Adrar des Ifoghas") or with a feature word
        s = q + prior(fclass, fcode, pop)
        if best is None or s > best[0]:
            best = (s, fclass, fcode, pop)
    if best is None:
        return False
    _, fclass, fcode, pop = best
    if cue or feature:
        return True
    return fcode in _NOTABLE_CODES or (fclass == "P" and pop >= NOTABLE_POPULATION)


def find_place_mentions(text: str, offset: int = 0, gazetteer: Gazetteer | None = None, *,
                        doc: str = "", exclude: set[str] | frozenset[str] = frozenset()
                        ) -> list[PlaceMention]:
    """Place phrases in `text` (one sentence or more), spans shifted by `offset`.

    `exclude` holds names that are not places in this document (actor names
    and aliases the caller knows), compared after folding.
    """
    g = gazetteer or Gazetteer.default()
    words = _word_lists()
    org, title, common, person = words["org"], words["title"], words["common"], words.get("person", frozenset())
    ethnic = words.get("ethnic", frozenset())
    excluded = {fold(x) for x in exclude}
    out: list[PlaceMention] = []
    last_end = -1
    for m in _RE_PHRASE.finditer(text):
        start, end = m.start(), m.end()
        phrase = m.group(0)
        if phrase.endswith(("'s", "’s")):
            phrase, end = phrase[:-2], end - 2
        tokens = phrase.split()
        if any(t in org or t.rstrip(".,") in org for t in tokens) or _RE_PERSON.search(phrase):
            continue
        if phrase.isupper() and phrase not in g.country_aliases_exact:
            dl = _RE_DATELINE.match(text, max(0, start - 1))
            if dl and dl.start(1) == start and len(tokens) <= 3:
                name = phrase.title()  # datelines: a notable place in capitals
                if _gazetteer_hit(g, name, False, False):
                    out.append(PlaceMention(text=phrase, span=Span(doc, offset + start, offset + end)))
                    last_end = end
            continue  # otherwise acronyms: organisations, not places
        if any(fold(t.split("-")[0]) in g.country_adjectives for t in tokens):
            continue  # "Turkish-made Bayraktar", "Malian Armed Forces"
        named = [t for t in tokens if t not in common]
        if len(named) == 1 and named[0] in ethnic:
            continue  # "the Tuareg", "Fulani herders": a people, not a place
        if len(named) >= 2 and named[0] in person and not any(
                t.lower() in _FACILITY_WORDS or t.lower() in _FEATURE_WORDS or t.lower() in _REGION_WORDS
                for t in named):
            continue  # "Amadou Koufa", "Moussa Traoré": a person
        # drop leading common words ("In Kidal", "The Gao"), but try the whole first
        candidates = [(start, phrase)]
        k, pos = 0, start
        while k < len(tokens) - 1 and tokens[k] in common:
            pos = text.index(tokens[k + 1], pos + len(tokens[k]))
            k += 1
            candidates.append((pos, " ".join(tokens[k:])))
        lead_common = len(candidates) > 1
        if len(tokens) > 1 and tokens[-1].lower() in _REGION_WORDS:
            # "Savanes Region": the region's name, the word read as a region cue
            s_last, n_last = candidates[-1]
            candidates.append((s_last, n_last.rsplit(" ", 1)[0]))
        elif len(tokens) > 1 and tokens[-1].lower() in _SITE_WORDS:
            # "Morila Gold Mine", "Boulkessi Military Camp": the place, the words read as a feature
            s_last, n_last = candidates[-1]
            head = n_last.split()
            while len(head) > 1 and head[-1].lower() in _SITE_WORDS | {"gold", "military", "army", "air"}:
                head.pop()
            if len(head) < len(n_last.split()):
                candidates.append((s_last, " ".join(head)))
        found = None
        for i, (s0, name) in enumerate(candidates):
            if name in common or fold(name) in excluded or fold(name) in g.country_adjectives:
                continue
            base = max(0, s0 - 80)
            before = text[base:s0]  # a window: cues are short, texts long
            prev_word = before.rstrip().rsplit(" ", 1)[-1] if before.strip() else ""
            if prev_word in title or (s0 == start and prev_word[:1].isupper() and prev_word.rstrip(".") in title):
                break
            listed = last_end >= 0 and _RE_LIST_BETWEEN.match(text[last_end:s0]) is not None
            near = _RE_NEAR_BEFORE.search(before)
            direction = _RE_DIRECTION_BEFORE.search(before)
            strong_loc = bool(near or listed or _RE_STRONG_CUE.search(before))
            after = text[s0 + len(name):s0 + len(name) + 40]
            # a verb of taking or leaving, or an apposition "X, a town in": as sure as "in X"
            taken = bool(_RE_TAKE_BEFORE.search(before) or _RE_APPOSITION_AFTER.match(after))
            strong = strong_loc or taken
            # "In Khalil" may be a name; "In Gao" at a sentence start is a cue
            cue = bool(strong or direction or _RE_CUE_BEFORE.search(before) or s0 != start
                       or (i == 0 and lead_common))
            if _RE_MODIFIER_AFTER.match(after) and not _RE_FEATURE_AFTER.match(after):
                break
            if name in person and (not strong_loc or after.startswith(("'s", "’s"))):
                break  # "captured Dicko" is a man; "in Dicko" a village
            region = _RE_REGION_AFTER.match(after)
            feature = _RE_FEATURE_AFTER.match(after) if not region else None
            named_feature = name.rsplit(" ", 1)[-1].lower() in _FEATURE_WORDS
            cc = g.country_aliases.get(fold(name))
            if not cc and cue and fold(name) in g.major_cities and " " in name:
                # "In Amenas", "Bordj Badji Mokhtar": cities countries.tsv knows, no point bundled
                found = (s0, name, near, direction, region, feature, base)
                break
            if cc and not feature:
                if len(name) <= 3 and not name.isupper():
                    continue
                if not (cue or region):
                    continue
            elif not _gazetteer_hit(g, name, cue or bool(region), bool(feature or named_feature), strong):
                # a place the gazetteer lacks, named right after "the village of",
                # "in", "near": kept as text (geocode gives it no point)
                if not (_RE_PLACE_NOUN_OF.search(before) or (strong and not listed)) or \
                        len(name.split()) > 3 or name in person or (i > 0 and not feature) or \
                        not (_RE_UNKNOWN_END.match(after) or feature):
                    continue
            found = (s0, name, near, direction, region, feature, base)
            break
        if not found:
            continue
        s0, name, near, direction, region, feature, base = found
        m_start, m_end = s0, s0 + len(name)
        if region:
            m_end += region.end()
        elif feature:
            m_end += feature.end()
        if near:
            m_start = base + near.start()
        elif direction:
            m_start = base + direction.start()
        named_region = name.rsplit(" ", 1)[-1].lower() in _REGION_WORDS
        out.append(PlaceMention(text=text[m_start:m_end], span=Span(doc, offset + m_start, offset + m_end),
                                near=bool(near), region=bool(region or direction or named_region)))
        last_end = m_end
    return out
