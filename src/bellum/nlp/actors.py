"""Actor recognition: the lexicon (knowledge/actors.csv), acronyms and group names
a document defines, infobox belligerents, and generic actors ("gunmen", "Burkinabe
soldiers") resolved to a country.

    lex = ActorLexicon.load()
    dlex = lex.for_document(doc)           # learns "Long Name (ACR)" and the infobox
    mentions = dlex.find_actors(sdoc_sentence)

A generic mention whose country is not in the sentence keeps the template name
("Military Forces of {country}"); `resolve_generic(name, country)` fills it in
once the event's country is known.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.matcher import PhraseMatcher

from bellum.errors import KnowledgeFileInvalid
from bellum.model import Actor, ActorMention, Document, Span

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
GENERIC = "{country}"
# the closed set of knowledge/actors.csv `category`: what code branches on, never a name prefix
CATEGORIES = ("state_forces", "police", "government", "mutiny", "civilians", "protesters",
              "movement", "rioters", "unidentified", "rebel", "jihadist", "militia",
              "state_ally", "mission", "organisation")
# the state and what acts for it (nlp/events: a state takes a place, bombs from the air...)
STATE_SIDE = ("state_forces", "police", "state_ally")
# words that make a capitalised name an armed group / organisation
GROUP_WORDS = {
    "front", "movement", "brigade", "battalion", "militia", "katiba", "coalition",
    "army", "group", "ansar", "jihad", "liberation", "resistance", "forces", "council",
    "alliance", "coordination", "mouvement", "self-defense", "self-defence", "legion",
    "volunteers", "platform", "congress", "union", "committee", "organisation",
    "organization", "mission", "corps", "framework", "rally", "association",
}
ARMED_WORDS = {"front", "brigade", "battalion", "militia", "katiba", "army", "jihad",
               "liberation", "resistance", "legion", "ansar", "self-defense",
               "self-defence"}


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _read_rows(path: Path, ncols: int) -> list[tuple[int, list[str]]]:
    """Rows of a knowledge CSV without comments and header, with line numbers."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise KnowledgeFileInvalid(f"{path}: cannot read ({err}); reinstall bellum") from err
    rows = []
    header_seen = False
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        row = next(csv.reader([line]))
        if not header_seen:
            header_seen = True
            continue
        if len(row) != ncols:
            raise KnowledgeFileInvalid(
                f"{path}:{lineno}: expected {ncols} columns, found {len(row)}; fix the line"
            )
        rows.append((lineno, row))
    return rows


def _category(path: Path, lineno: int, value: str) -> str:
    if value not in CATEGORIES:
        raise KnowledgeFileInvalid(f"{path}:{lineno}: category {value!r} is not one of "
                                   f"{', '.join(CATEGORIES)}; use one of them")
    return value


@functools.lru_cache(maxsize=1)
def _categories() -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
    """The bundled lexicon's categories: by exact name (a template such as 'Military Forces
    of {country}' and its countryless form 'Military Forces' included) and by template."""
    path = KNOWLEDGE / "actors.csv"
    exact: dict[str, str] = {}
    templates: list[tuple[re.Pattern, str]] = []
    for lineno, row in _read_rows(path, 7):
        name, cat = row[0], _category(path, lineno, row[6])
        exact[name] = cat
        if GENERIC in name:
            exact.setdefault(resolve_generic(name, None), cat)
            templates.append((re.compile(re.escape(name).replace(re.escape(GENERIC), ".+")), cat))
    return exact, templates


@functools.lru_cache(maxsize=8192)
def category(name: str | None) -> str:
    """The category of an actor name (knowledge/actors.csv), '' for a name the lexicon does
    not know. Names built from a template ('Military Forces of Niger', 'Civilians (Mali)')
    carry the template's category."""
    if not name:
        return ""
    exact, templates = _categories()
    if name in exact:
        return exact[name]
    return next((cat for pat, cat in templates if pat.fullmatch(name)), "")


def is_category(name: str | None, *cats: str) -> bool:
    return category(name) in cats


# the name each state category is built with for one country
STATE_NAMES = {"state_forces": "Military Forces of {country}", "police": "Police Forces of {country}",
               "government": "Government of {country}",
               "mutiny": "Mutiny of Military Forces of {country}"}


@functools.lru_cache(maxsize=8192)
def country_of(name: str | None, *cats: str) -> str | None:
    """The country of a state actor's name of one of `cats` ('Military Forces of Niger' ->
    'Niger'); None for another category or a name with no country ('Military Forces')."""
    for cat in cats:
        pat = re.escape(STATE_NAMES[cat]).replace(re.escape(GENERIC), "(.+)")
        m = re.fullmatch(pat, name or "")
        if m:
            return m.group(1)
    return None


def state_name(cat: str, country: str) -> str:
    """'Government of Mali' for ('government', 'Mali'): the name carries its category."""
    return STATE_NAMES[cat].replace(GENERIC, str(country))


@dataclass(frozen=True)
class Branch:
    parent: str
    countries: tuple[str, ...]
    first: int
    last: int | None
    admin1: tuple[str, ...]
    name: str


def load_branches(path: Path | None = None) -> list[Branch]:
    """knowledge/branches.csv: which local branch acts for al-Qaeda or the Islamic State."""
    path = path or KNOWLEDGE / "branches.csv"
    out = []
    for lineno, (parent, countries, first, last, admin1, name) in _read_rows(path, 6):
        try:
            out.append(Branch(parent, _split(countries), int(first), int(last) if last else None,
                              _split(admin1), name))
        except ValueError:
            raise KnowledgeFileInvalid(f"{path}:{lineno}: years must be whole numbers") from None
    return out


def local_branch(name: str, country: str | None, year: int, admin1: str | None,
                 branches: list[Branch]) -> str | None:
    """The branch that acts for `name` in that country and year, or None."""
    for b in branches:
        if b.parent == name and country in b.countries and b.first <= year and (
                b.last is None or year <= b.last) and (not b.admin1 or admin1 in b.admin1):
            return b.name
    return None


@dataclass
class Nationalities:
    by_word: dict[str, str]  # adjective or country name (lower) -> country
    names: dict[str, str]  # country name (lower) -> country

    @classmethod
    def load(cls, path: Path | None = None) -> Nationalities:
        path = path or KNOWLEDGE / "nationalities.csv"
        by_word: dict[str, str] = {}
        names: dict[str, str] = {}
        for lineno, (country, adjs, nms) in _read_rows(path, 3):
            if not country:
                raise KnowledgeFileInvalid(f"{path}:{lineno}: empty country; fill it in")
            for a in _split(adjs):
                by_word[a.lower()] = country
            for n in _split(nms) + (country,):
                names[n.lower()] = country
                by_word[n.lower()] = country
        return cls(by_word, names)


# ACLED writes these country names with the article: "Military Forces of the United States"
THE_COUNTRIES = {"United States", "United Kingdom", "United Arab Emirates", "Netherlands",
                 "Philippines", "Central African Republic", "Democratic Republic of Congo",
                 "Gambia", "Comoros"}


def resolve_generic(name: str, country: str | None) -> str:
    """Fill a generic template; an unknown country leaves a readable name."""
    if GENERIC not in name:
        return name
    if country:
        if country in THE_COUNTRIES and " of {country}" in name:
            return name.replace(GENERIC, "the " + country)
        return name.replace(GENERIC, country)
    return name.replace(" ({country})", "").replace(" of {country}", "").replace(
        "{country}", "")


def guess_inter(long_name: str) -> tuple[int, str]:
    """ACLED inter code and kind for a group the lexicon lacks, from its name."""
    words = {w.lower().strip("(),") for w in re.split(r"[\s\-]+", long_name)}
    if words & {"self-defense", "self-defence", "militia", "volunteers", "vigilance"}:
        return 3, "political militia"
    if words & {"mission", "organisation", "organization", "community"}:
        return 8, "international organisation"
    if words & {"committee", "government", "ministry", "council"} and not words & ARMED_WORDS:
        return 1, "government"
    return 2, "rebel group"


@dataclass
class ActorLexicon:
    """Actors by canonical name plus a PhraseMatcher over their aliases."""

    actors: dict[str, Actor]
    nat: Nationalities
    alias_to_actor: dict[str, str] = field(default_factory=dict)  # alias (case kept) -> name
    matcher_exact: PhraseMatcher | None = None
    matcher_lower: PhraseMatcher | None = None
    vocab: object = None
    _nlp: object = None  # a blank pipeline on the same vocab, to tokenize aliases

    # ---- loading -------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | None = None, vocab=None) -> ActorLexicon:
        import spacy

        path = path or KNOWLEDGE / "actors.csv"
        actors: dict[str, Actor] = {}
        for lineno, (name, aliases, inter, kind, country, member_of, cat) in _read_rows(path, 7):
            if not name:
                raise KnowledgeFileInvalid(f"{path}:{lineno}: empty actor name; fill it in")
            try:
                inter_i = int(inter) if inter else None
            except ValueError:
                raise KnowledgeFileInvalid(
                    f"{path}:{lineno}: inter {inter!r} is not an integer 1..8; fix it"
                ) from None
            if inter_i is not None and not 1 <= inter_i <= 8:
                raise KnowledgeFileInvalid(f"{path}:{lineno}: inter {inter_i} not in 1..8")
            if name in actors:
                raise KnowledgeFileInvalid(f"{path}:{lineno}: actor {name!r} listed twice")
            actors[name] = Actor(name, inter_i, kind, country or None, _split(aliases),
                                 _split(member_of), "lexicon", _category(path, lineno, cat))
        nat = Nationalities.load(path.parent / "nationalities.csv"
                                 if (path.parent / "nationalities.csv").exists() else None)
        lex = cls(actors, nat)
        lex.vocab = vocab if vocab is not None else spacy.blank("en").vocab
        lex._build()
        return lex

    def _build(self) -> None:
        import spacy

        nlp = self._nlp = spacy.blank("en", vocab=self.vocab)
        self.matcher_exact = PhraseMatcher(self.vocab, attr="ORTH")
        self.matcher_lower = PhraseMatcher(self.vocab, attr="LOWER")
        self.alias_to_actor = {}
        for a in self.actors.values():
            names = (a.name,) + a.aliases if GENERIC not in a.name else a.aliases
            for alias in names:
                self._add_alias(nlp, alias, a.name)

    def _add_alias(self, nlp, alias: str, name: str) -> None:
        if alias in self.alias_to_actor:
            return
        self.alias_to_actor[alias] = name
        key = f"{name}\x1f{alias}"
        # short all-caps acronyms are case-sensitive ("IS", "AU", "US" vs "us")
        if (alias.isupper() and len(alias) <= 6) or len(alias) <= 3:
            self.matcher_exact.add(key, [nlp.make_doc(alias)])
        else:
            self.matcher_lower.add(key, [nlp.make_doc(alias)])

    # ---- document-specific knowledge ------------------------------------------
    def for_document(self, doc: Document) -> DocumentActors:
        """A view that also knows the acronyms, group names and infobox actors of `doc`."""
        nlp = self._nlp
        learned: dict[str, Actor] = {}
        exact = PhraseMatcher(self.vocab, attr="ORTH")
        aliases: dict[str, str] = {}

        def add(alias: str, name: str) -> None:
            if alias in aliases or alias in self.alias_to_actor:
                return
            aliases[alias] = name
            exact.add(f"{name}\x1f{alias}", [nlp.make_doc(alias)])

        for long, acr in _acronym_definitions(doc.text):
            if any(w in self.alias_to_actor and w.isupper() and len(w) > 1
                   for w in re.findall(r"[\w\-]+", long)) or " and " in long and \
                    not _looks_like_group(long.split(" and ")[0]):
                continue
            words = long.split()
            long_known = next((self.lookup(" ".join(words[i:])) for i in range(len(words) - 1)
                               if self.lookup(" ".join(words[i:]))), None)
            long = _trim_to_acronym(long, acr)
            acr_known = self.alias_to_actor.get(acr)
            if long_known and not acr_known:
                add(acr, long_known)
            elif acr_known and not long_known:
                add(long, acr_known)
            elif not long_known and not acr_known and _looks_like_group(long):
                inter, kind = guess_inter(long)
                learned[acr] = Actor(acr, inter, kind, None, (long,), (), "document")
                add(acr, acr)
                add(long, acr)
        known_low = [a.lower() for a in self.alias_to_actor if len(a) > 3]
        for name in _group_names(doc.text):
            if self.lookup(name) or name in aliases or " and " in name:
                continue
            low = name.lower()
            if any(a in low for a in known_low):
                continue  # "Katiba Macina fighters": a known group, not a new one
            inter, kind = guess_inter(name)
            learned[name] = Actor(name, inter, kind, None, (), (), "document")
            add(name, name)
        infobox_actors = []
        for key, (value, _span) in doc.infobox.items():
            if not re.match(r"(?i)(combatant|belligerent|side)s?\d*$", key.strip()):
                continue
            for item in _infobox_items(value):
                country = self.nat.names.get(item.lower())
                if country:  # a state on a side of the infobox fights with its forces
                    infobox_actors.append(resolve_generic("Military Forces of {country}", country))
                    continue
                known = self.lookup(item) or aliases.get(item)
                if known:
                    infobox_actors.append(known)
                elif _looks_like_name(item):
                    inter, kind = guess_inter(item)
                    learned.setdefault(item, Actor(item, inter, kind, None, (), (), "infobox"))
                    add(item, item)
                    infobox_actors.append(item)
        return DocumentActors(self, learned, aliases, exact, infobox_actors)

    def lookup(self, text: str) -> str | None:
        """Canonical name for an exact alias or name (case-insensitive fallback)."""
        text = text.strip()
        if text in self.alias_to_actor:
            name = self.alias_to_actor[text]
            return None if GENERIC in name else name
        low = text.lower()
        for alias, name in self.alias_to_actor.items():
            if alias.lower() == low and GENERIC not in name and len(alias) > 3:
                return name
        return None

    def actor(self, name: str) -> Actor | None:
        if name in self.actors:
            return self.actors[name]
        for a in self.actors.values():
            if GENERIC in a.name:
                pat = re.escape(a.name).replace(re.escape(GENERIC), "(.+)")
                m = re.fullmatch(pat, name)
                if m:
                    return Actor(name, a.inter, a.kind, m.group(1), (), (), "lexicon", a.category)
        return None


@dataclass
class DocumentActors:
    """The lexicon plus what one document taught it."""

    lex: ActorLexicon
    learned: dict[str, Actor]
    aliases: dict[str, str]
    matcher: PhraseMatcher
    infobox: list[str]

    def actor(self, name: str) -> Actor | None:
        return self.learned.get(name) or self.lex.actor(name)

    def find_actors(self, sentence, doc_id: str = "") -> list[ActorMention]:
        """Actor mentions of one sentence (a spaCy Span of a parsed Doc). For a whole
        document call `find_all` once: the matchers then run over the text once."""
        found = self.find_all(sentence.as_doc(), doc_id)
        off = sentence.start_char
        return [ActorMention(m.actor, m.text, Span(doc_id, m.span.start + off, m.span.end + off),
                             m.reason, origin=m.origin) for _s, _e, m in found]

    def find_all(self, sdoc, doc_id: str) -> list[tuple[int, int, ActorMention]]:
        """All actor mentions of a parsed document: (token start, token end, mention),
        longest match first, no overlaps; generic ones resolved to a nearby country."""
        raw = []
        for matcher in (self.lex.matcher_exact, self.lex.matcher_lower, self.matcher):
            for key, s, e in matcher(sdoc):
                name, alias = self.lex.vocab.strings[key].split("\x1f", 1)
                if matcher is self.lex.matcher_lower and s > 0 and sdoc[s - 1].lower_ in ("a", "an") \
                        and sdoc[s - 1].head.i == e - 1 and sdoc[s:e].text != alias:
                    continue  # 'an Islamic state': the article's own noun, in lower case: no group
                raw.append((s, e, name, "lexicon" if matcher is not self.matcher
                            else "document"))
        raw.sort(key=lambda r: (-(r[1] - r[0]), r[0], GENERIC in r[2]))
        taken = [False] * len(sdoc)
        chosen = []
        for s, e, name, src in raw:
            if any(taken[s:e]):
                continue
            for i in range(s, e):
                taken[i] = True
            chosen.append((s, e, name, src))
        chosen.sort()
        out = []
        for s, e, name, src in chosen:
            extra = []
            countries = []
            if GENERIC in name:
                if not _generic_ok(sdoc, s, e):
                    continue
                countries = self._nearby_countries(sdoc, s, e)
                # "French and Chadian troops": the first listed leads, the others are allies
                countries = countries[::-1]
                country = countries[0][0] if countries else None
                reason = f"{src}: generic alias"
                if is_category(name, "state_forces", "government") and not countries \
                        and _nonstate_modifier(sdoc, s, e):
                    name = "Unidentified Armed Group ({country})"
                    reason += ", non-state modifier"
                elif is_category(name, "state_forces") and not countries and \
                        sdoc[s:e].text.lower() in BARE_FORCE_WORDS:
                    continue
                if country:
                    tmpl = name
                    name = resolve_generic(name, country)
                    reason += f", country from '{country}' beside it"
                    for c2, tok_i in countries[1:]:
                        t = sdoc[tok_i]
                        extra.append((tok_i, tok_i + 1, ActorMention(
                            resolve_generic(tmpl, c2), t.text,
                            Span(doc_id, t.idx, t.idx + len(t.text)),
                            f"{src}: coordinated nationality '{t.text}'")))
            else:
                reason = f"{src}: alias"
                if name == "Civilians (International)" and s >= 1 and \
                        sdoc[s - 1].text[:1].isupper() and sdoc[s - 1].lower_ in self.lex.nat.by_word:
                    # 'two French tourists': foreigners of one named nation are its civilians
                    country = self.lex.nat.by_word[sdoc[s - 1].lower_]
                    name = f"Civilians ({country})"
                    reason += f", nationality '{sdoc[s - 1].text}' before it"
                    s -= 1
            if GENERIC not in name and reason.startswith(f"{src}: generic") and countries \
                    and countries[-1][1] < s and s - countries[-1][1] <= 2:
                s = countries[-1][1] if len(countries) == 1 else s  # "Malian soldiers"
            span = sdoc[s:e]
            out.extend(extra)
            out.append((s, e, ActorMention(name, span.text,
                                           Span(doc_id, span.start_char, span.end_char),
                                           reason)))
        out.extend(self._country_actors(sdoc, doc_id, out))
        out.sort(key=lambda m: m[0])
        found = _members_of(_affiliated(_self_named(_absorb(out, sdoc), sdoc), sdoc), sdoc,
                            self.actor)
        return self._elided(found, sdoc, doc_id)

    def _elided(self, found: list, sdoc, doc_id: str) -> list:
        """'Dogon and Fulani militias': the first word shares the head of the second
        ('Dogon militias'), when that makes an alias of the lexicon."""
        taken = {i for s, e, _m in found for i in range(s, e)}
        extra = []
        for s, e, m in found:
            if e - s < 2 or s < 2 or sdoc[s - 1].lower_ != "and" or (s - 2) in taken:
                continue
            first = sdoc[s - 2]
            if not first.text[:1].isupper() or first.pos_ not in ("ADJ", "PROPN", "NOUN"):
                continue
            phrase = f"{first.text} {sdoc[s + 1:e].text}"
            name = self.lex.alias_to_actor.get(phrase) or next(
                (n for a, n in self.lex.alias_to_actor.items() if a.lower() == phrase.lower()),
                None)
            if not name or name == m.actor:
                continue
            if GENERIC in name:
                country = re.search(r"\(([^{}()]+)\)$", m.actor)
                name = resolve_generic(name, country.group(1)) if country else name
            extra.append((s - 2, s - 1, ActorMention(
                name, first.text, Span(doc_id, first.idx, first.idx + len(first.text)),
                f"lexicon: '{phrase}' (head shared with '{m.text}')")))
        return sorted(found + extra, key=lambda x: x[0])

    def _country_actors(self, sdoc, doc_id, found) -> list:
        """'Mali and Algeria banned...', 'France deployed...': a country name in an
        actor's syntactic slot stands for its government (its forces in violence)."""
        taken = set()
        for s, e, _m in found:
            taken.update(range(s, e))
        names = self.lex.nat.names
        out = []
        for tok in sdoc:
            if tok.i in taken or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
                continue
            two = sdoc[tok.i:tok.i + 2].text.lower() if tok.i + 1 < len(sdoc) else ""
            if two in names:
                s, e, country = tok.i, tok.i + 2, names[two]
            elif tok.lower_ in names:
                s, e, country = tok.i, tok.i + 1, names[tok.lower_]
            else:
                continue
            head = sdoc[e - 1]
            dep = head.dep_
            if dep == "conj":
                dep = head.head.dep_ if head.head.dep_ != "conj" else head.head.head.dep_
            if dep == "compound" and sdoc[e - 1].head.dep_ in ("nsubj", "nsubjpass", "dobj"):
                continue
            role = dep in ("nsubj", "nsubjpass", "dobj") or (
                dep == "pobj" and head.head.lower_ in ("by", "with", "between", "against"))
            prep = head.head if dep == "pobj" else None
            if prep is not None and prep.head.lemma_.lower() in ("border", "frontier",
                                                                  "boundary", "side"):
                continue  # 'near the border with Mali': a place, not a party
            if not role or any(i in taken for i in range(s, e)):
                continue
            span = sdoc[s:e]
            taken.update(range(s, e))
            out.append((s, e, ActorMention(resolve_generic("Government of {country}", country),
                                           span.text,
                                           Span(doc_id, span.start_char, span.end_char),
                                           "country name in an actor's slot",
                                           origin="country_name")))
        return out

    def _nearby_countries(self, sdoc, s: int, e: int) -> list[tuple[str, int]]:
        """Countries named just before a generic alias, nearest first:
        "Burkinabe soldiers", "French and Malian forces", "Niger's army"."""
        nat = self.lex.nat.by_word
        found: list[tuple[str, int]] = []
        i = s - 1
        steps = 0
        while i >= 0 and steps < 5:
            t = sdoc[i]
            if i >= 1 and sdoc[i - 1:i + 1].text.lower() in nat:
                c = nat[sdoc[i - 1:i + 1].text.lower()]
                if c not in [f[0] for f in found]:
                    found.append((c, i))
                i -= 2
                steps += 1
                continue
            if t.text.lower() in nat and t.text[:1].isupper():
                c = nat[t.text.lower()]
                if c not in [f[0] for f in found]:
                    found.append((c, i))
                i -= 1
                steps += 1
                continue
            if found and t.text.lower() not in ("and", ","):
                break
            if not found and (t.lower_ == "the" or t.text == "," and not (
                    i >= 1 and sdoc[i - 1].text.lower() in nat)):
                break  # the phrase starts here: 'against France and ECOWAS, the government'
            if t.text in ("'s", "’s") or t.pos_ in ("ADJ", "NOUN", "PROPN") or \
                    t.text.lower() in ("and", ",", "the"):
                i -= 1
                steps += 1
                continue
            break
        if found:
            return found
        c = self._country_after(sdoc, e)
        return [(c, e)] if c else []

    def _country_after(self, sdoc, e: int) -> str | None:
        # "the army of Niger", "soldiers from Chad"
        if e + 1 < len(sdoc) and sdoc[e].text.lower() in ("of", "from"):
            for j in (e + 1, e + 2):
                if j < len(sdoc) and sdoc[j].text.lower() in self.lex.nat.names:
                    return self.lex.nat.names[sdoc[j].text.lower()]
                if j + 1 < len(sdoc) and sdoc[j:j + 2].text.lower() in self.lex.nat.names:
                    return self.lex.nat.names[sdoc[j:j + 2].text.lower()]
        return None


# bare words that name a state's forces only with a nationality beside them ('French
# jets'); alone they stay unnamed ('helicopters were seen', 'forces withdrew')
BARE_FORCE_WORDS = {"forces", "soldier", "garrison", "convoy", "patrol", "jets",
                    "helicopters", "drones", "fighter planes", "combat aircraft", "aircraft"}
NONSTATE_MODIFIERS = {"rebel", "rebels", "islamist", "jihadist", "emirate", "tuareg", "militant",
                      "insurgent", "terrorist", "arab", "separatist", "enemy", "opposition",
                      "jihadi", "extremist", "armed", "fulani", "dogon", "ethnic", "militia"}


def _nonstate_modifier(sdoc, s: int, e: int) -> bool:
    left = {t.lower_ for t in sdoc[max(0, s - 2):s]}
    return bool(left & NONSTATE_MODIFIERS)


# irregular pasts the small English model often tags as nouns ('the army retook Djibo'):
# after a noun they are still the clause's verb (used here and by nlp/events.py)
MISTAGGED_PASTS = frozenset({"retook", "retaken", "overran", "fought", "struck", "took"})

FORCE_HEADS = {"force", "forces", "troop", "troops", "soldier", "soldiers", "fighter", "fighters",
               "unit", "units", "men"}


def _generic_ok(sdoc, s: int, e: int) -> bool:
    """A generic alias must be the head of a noun phrase, not a modifier
    ("military base", "army camp", "police station" are places, not actors)."""
    last = sdoc[e - 1]
    listed = any(c.dep_ == "conj" for c in last.children) or (
        e < len(sdoc) and sdoc[e].lower_ == "and")
    if last.dep_ in ("compound", "amod", "nmod") and last.head.i >= e and not (
            listed and last.head.lemma_ in FORCE_HEADS) and not (
            last.head.i == e and last.head.lower_ in MISTAGGED_PASTS):
        # ... but 'junta and Wagner forces', 'army and VDP troops': coordinated forces
        return False
    if last.pos_ not in ("NOUN", "PROPN", "PRON") and last.tag_ not in ("NNS", "NN", "NNP"):
        return False
    return True


def _absorb(found: list, sdoc) -> list:
    """'JNIM militants', 'MNLA forces': a generic head right after a named actor is the
    same actor; 'French and Malian forces' keeps both named sides."""
    out = []
    for s, e, m in found:
        gap = s - out[-1][1] if out else 99
        if gap == 1 and sdoc[s - 1].text not in (")", "’s", "'s"):
            gap = 99
        if out and GENERIC_NAME(m.actor) and gap <= 1 and not GENERIC_NAME(out[-1][2].actor) \
                and not is_category(m.actor, "civilians", "protesters", "rioters", "government"):
            ps, pe, pm = out[-1]
            span = sdoc[ps:e]
            out[-1] = (ps, e, ActorMention(pm.actor, span.text,
                                           Span(pm.span.doc, span.start_char, span.end_char),
                                           pm.reason + "; generic head absorbed", origin=pm.origin))
            continue
        out.append((s, e, m))
    return out


PARENT_GROUPS = ("Al-Qaeda", "Islamic State")
LINK_RE = re.compile(r"(?i)^(?:-|–)?\s*(?:linked|affiliated|allied|aligned|loyal|tied|"
                     r"connected|associated)(?:\s+(?:to|with))?\s*$")


def _affiliated(found: list, sdoc) -> list:
    """'al Qaeda-linked militants', 'fighters affiliated with the Islamic State': the
    unnamed fighters are the parent's people (events.py maps a parent to its local
    branch by place and year)."""
    out = list(found)
    for i in range(len(found) - 1):
        (s1, e1, m1), (s2, e2, m2) = found[i], found[i + 1]
        gap = " ".join(re.sub(r"(?i)\bthe\b", " ", sdoc[e1:s2].text).split())
        if m1.actor in PARENT_GROUPS and is_category(m2.actor, "unidentified") and \
                LINK_RE.match(gap):  # 'Al Qaeda-linked militants'
            out[i + 1] = (s2, e2, ActorMention(m1.actor, m2.text, m2.span,
                                               m2.reason + f"; linked to '{m1.text}'", origin=m2.origin))
        elif m2.actor in PARENT_GROUPS and is_category(m1.actor, "unidentified") and \
                LINK_RE.match(gap):  # 'militants linked to al-Qaeda'
            out[i] = (s1, e1, ActorMention(m2.actor, m1.text, m1.span,
                                           m1.reason + f"; linked to '{m2.text}'", origin=m1.origin))
    return out


MEMBER_CUES = ("from", "of", "belonging to")


def _members_of(found: list, sdoc, actor) -> list:
    """'jihadists from JNIM', 'fighters of the MNLA': unnamed fighters right before a
    named armed group (inter 2-4 in the lexicon) are that group's members."""
    out = list(found)
    for i, (s, e, m) in enumerate(found[:-1]):
        ns, ne, nm = found[i + 1]
        a, b = actor(m.actor), actor(nm.actor)
        if a is None or a.kind != "anaphor" or b is None or b.kind == "anaphor" or \
                b.inter not in (2, 3, 4) or "{" in nm.actor or ns - e > 3:
            continue
        gap = " ".join(t.lower_ for t in sdoc[e:ns] if t.lower_ != "the")
        if gap in MEMBER_CUES:
            out[i] = (s, e, ActorMention(nm.actor, m.text, m.span,
                                         m.reason + f"; members of '{nm.text}'"))
    return out


NAMING_CUES = ("calling itself", "calling themselves", "known as", "called", "dubbed",
               "named", "styling itself", "going by the name")


def _self_named(found: list, sdoc) -> list:
    """'a militia calling itself the FNLA', 'armed men known as Ansarul Islam': the
    generic words stand for the group the text names right after them."""
    out = list(found)
    for i, (s, e, m) in enumerate(found[:-1]):
        ns, ne, nm = found[i + 1]
        if not GENERIC_NAME(m.actor) or GENERIC_NAME(nm.actor) or ns - e > 6:
            continue
        gap = " ".join(t.lower_ for t in sdoc[e:ns])
        gap = re.sub(r"^(?:,\s*)?", "", gap)
        if any(gap.startswith(c) for c in NAMING_CUES):
            out[i] = (s, e, ActorMention(nm.actor, m.text, m.span,
                                         m.reason + f"; named '{nm.text}' after it", origin=m.origin))
    return out


def GENERIC_NAME(name: str) -> bool:  # noqa: N802 - reads as a predicate on names
    return GENERIC in name or is_category(name, "unidentified", "civilians")


_ACR = re.compile(
    r"((?:[A-Z][\w’'\-]*|al-|[a-z]{1,4})(?:[ \-](?:[A-Z][\w’'\-–]*|of|the|for|and|in|de|du|"
    r"la|des|l'|al|wal|el|–|-)){1,10})\s*\((?:the\s+)?([A-Z][A-Za-z0-9\-]{1,11})\)")


def _acronym_definitions(text: str) -> list[tuple[str, str]]:
    """'National Movement for the Liberation of Azawad (MNLA)' -> (long, 'MNLA').
    The long form is trimmed to the words whose initials fit the acronym when possible."""
    out = []
    for m in _ACR.finditer(text):
        long, acr = m.group(1).strip(" -–"), m.group(2)
        if long.lower().startswith("the "):
            long = long[4:]
        if len(long.split()) >= 2:
            out.append((long, acr))
    return out


def _trim_to_acronym(long: str, acr: str) -> str:
    """'The rebels of the Patriotic Front (PF)' -> 'Patriotic Front': the longest tail
    whose first word starts with the acronym's first letter."""
    words = long.split()
    for k in range(len(words)):
        if words[k][:1].isupper() and words[k][:1].upper() == acr[0].upper():
            return " ".join(words[k:])
    return long


_NAME = re.compile(r"\b((?:[A-Z][\w’'\-]+ )(?:(?:[A-Z][\w’'\-]+|of|the|for|and|de|du|al|wal)"
                   r" ){0,6}[A-Z][\w’'\-]+)")


def _group_names(text: str) -> list[str]:
    """Capitalised multi-word names with an armed-group word: 'Katiba Hanifa',
    'Patriotic Front for Justice'. Conservative: needs an ARMED word."""
    found = []
    seen = set()
    for m in _NAME.finditer(text):
        name = m.group(1)
        if name.startswith("The "):
            name = name[4:]
        words = [w.lower() for w in name.split()]
        if not set(words) & ARMED_WORDS or len(words) < 2:
            continue
        if words[0] in ("battle", "siege", "war", "operation", "the"):
            continue
        if name not in seen:
            seen.add(name)
            found.append(name)
    return found


def _infobox_items(value: str) -> list[str]:
    items = []
    for part in re.split(r",|;|\n", value):
        part = re.sub(r"\([^)]*\)", "", part).strip(" *\t-–")
        part = re.sub(r"(?i)^supported by:?", "", part).strip()
        if part:
            items.append(part)
    return items


def _looks_like_name(item: str) -> bool:
    words = item.split()
    return (1 <= len(words) <= 5 and item[:1].isupper() and len(item) <= 60
            and not re.search(r"\d", item)
            and sum(w[:1].isupper() for w in words) >= max(1, len(words) - 1))


def _looks_like_group(long: str) -> bool:
    words = {w.lower() for w in re.split(r"[\s\-]+", long)}
    return bool(words & GROUP_WORDS)
