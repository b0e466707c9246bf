"""Casualty counts in a sentence (killed, wounded, captured, displaced) and
the event's fatalities as ACLED/UCDP-style best, low and high.

`find_counts` reads one sentence as tokens with offsets. A count is a number
phrase (an optional hedge, a number in digits or words or a vague amount, an
optional range tail) that an outcome word claims:

1. a verb just before it: "killing at least 20 militants", "kidnapped 5";
2. an outcome after it and its noun: "12 soldiers were killed", "7 people dead";
3. a running toll: "the death toll rose to 40" (reason "toll");
4. a list it belongs to: "killing 20 militants and 5 soldiers" (reason
   "list"), "killing 20 people, including 5 soldiers" (reason "subset": part
   of the count before it, never added to it).

Numbers that are dates, years, ages, money, distances, labels ("Resolution
2100") or counts of things ("12 vehicles") are not counts. Multi-year
summaries ("13,105 killed from 2012 to 2023") get reason "total" and figures
no single event can have (over 10,000 killed) reason "absurd": both are
kept, so a casualty summary can use them, and `fatalities` skips them.

Hedges, as event-schema.md says (and the gold follows): the stated number is
the conservative figure.
  "at least / more than / over 20"   best 20, low 20, high None
  "nearly / almost / up to 40"       best 40, low None, high 40
  "about / around / some 40"         best 40 (approximate, no bounds)
  "between 50 and 60", "50 to 60"    best 50, low 50, high 60
  "dozens" / "scores" / "several"    best None, low 24 / 40 / 3 (floors in
                                     knowledge/quantities.csv), high None
  "a dozen"                          best 12 (a number, not a vague amount)
  "forty-odd", "40+"                 best 40, low 40

Outcomes: wounded, captured and missing are never deaths. "Neutralised"
(Sahel army communiqués' word) counts as killed: the armies use it for
enemies killed, and ACLED codes such reports as fatalities; the claimant is
kept, so a user can tell an army claim apart. "N of the M hostages were
killed" counts N; "42 people, 30 of them soldiers" counts 42.

Words live in knowledge/quantities.csv; this module holds the grammar.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from bellum.errors import KnowledgeFileInvalid
from bellum.model import Count, Span

LEXICON_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "quantities.csv"

KINDS = ("killed", "wounded", "captured", "displaced")
VALUED = ("number", "vague")
CATEGORIES = (
    "number", "vague", "at_least", "at_most", "about", "range_open",
    *(f"{k}_before" for k in KINDS), *(f"{k}_after" for k in KINDS), "other_after",
    "toll", "aux", "subset",
    "victim_state", "victim_armed", "victim_militia", "victim_civilian", "victim_people",
    "thing", "unit", "before_not",
)
# One event cannot plausibly have more; a figure above is flagged, not used. The Sahel's
# deadliest single attacks (2012-2025) killed hundreds; 10,000 dead in one event is a
# summary or a typo ("5,000,000 killed in a village raid").
ABSURD = {"killed": 10_000, "wounded": 10_000, "captured": 10_000, "displaced": 50_000_000, "other": 10_000}


@dataclass(frozen=True)
class CountMention(Count):
    """A `Count` with what `fatalities` needs to combine counts.

    victim: the noun counted ("soldiers"); side: state | armed | militia |
    civilian | people | "" (unknown); claimant: who the sentence says gave
    the figure ("army", "jnim"), "" when the text states it itself; account:
    0, or 1, 2... for each counter-claim the sentence sets against it ("the
    ministry said 20 assailants died, while the group claimed 40 soldiers").
    """

    victim: str = ""
    side: str = ""
    claimant: str = ""
    account: int = 0  # counts of one account add up; another account is a rival claim


# --------------------------------------------------------------------------
# lexicon

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    entries: dict[str, dict[Phrase, int | None]] = field(default_factory=dict)

    def table(self, *categories: str) -> dict[Phrase, str]:
        """phrase -> category, over the given categories."""
        return {p: c for c in categories for p in self.entries.get(c, {})}

    def __len__(self) -> int:
        return sum(len(v) for v in self.entries.values())

    def words(self, category: str) -> frozenset[str]:
        return frozenset(" ".join(p) for p in self.entries.get(category, {}))


def load_lexicon(path: Path | str = LEXICON_PATH) -> Lexicon:
    """Read the quantities word list; a malformed line raises KnowledgeFileInvalid."""
    entries: dict[str, dict[Phrase, int | None]] = defaultdict(dict)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise KnowledgeFileInvalid(f"{path}: cannot read ({err.strerror}); restore it from the repository") from err
    header_seen = False
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            if line.strip() != "category,phrase,value":
                raise KnowledgeFileInvalid(f"{path}:{n}: header must be 'category,phrase,value'; fix the header")
            header_seen = True
            continue
        parts = line.split(",")
        if len(parts) != 3:
            raise KnowledgeFileInvalid(f"{path}:{n}: expected 3 comma-separated fields, got {len(parts)}; fix the line")
        cat, phrase, value = (p.strip() for p in parts)
        if cat not in CATEGORIES:
            raise KnowledgeFileInvalid(f"{path}:{n}: unknown category {cat!r}; use one of {', '.join(CATEGORIES)}")
        if not phrase or phrase != phrase.lower():
            raise KnowledgeFileInvalid(f"{path}:{n}: phrase must be non-empty lower case; fix {phrase!r}")
        if cat in VALUED:
            if not value.isdigit():
                raise KnowledgeFileInvalid(f"{path}:{n}: {cat} {phrase!r} needs an integer value; add it")
            entries[cat][tuple(phrase.split())] = int(value)
        else:
            if value:
                raise KnowledgeFileInvalid(f"{path}:{n}: {cat} takes no value; remove {value!r}")
            entries[cat][tuple(phrase.split())] = None
    if not header_seen:
        raise KnowledgeFileInvalid(f"{path}: no 'category,phrase,value' header; restore the file")
    return Lexicon(dict(entries))


class _Table(dict):
    """phrase -> value, indexed by first and last word for fast matching."""

    def __init__(self, items):
        super().__init__(items)
        self.first: dict[str, list[Phrase]] = defaultdict(list)
        self.last: dict[str, list[Phrase]] = defaultdict(list)
        for phrase in sorted(self, key=len, reverse=True):
            self.first[phrase[0]].append(phrase)
            self.last[phrase[-1]].append(phrase)


@dataclass(frozen=True)
class _Grammar:
    """The lexicon arranged for matching at a token position."""

    numbers: dict[Phrase, int]
    multiword_numbers: dict[Phrase, int]
    number_words: dict[str, int]
    vague: dict[Phrase, int]
    hedges: dict[Phrase, str]
    before: dict[Phrase, str]
    after: dict[Phrase, str]
    toll: dict[Phrase, str]
    subset: dict[Phrase, str]
    victims: dict[Phrase, str]
    aux: frozenset[str]
    things: dict[Phrase, str]
    units: frozenset[str]
    before_not: frozenset[str]


@lru_cache(maxsize=4)
def _grammar(path: str = str(LEXICON_PATH)) -> _Grammar:
    lex = load_lexicon(path)
    e = lex.entries
    numbers = dict(e.get("number", {}))
    return _Grammar(
        numbers=_Table(numbers),
        multiword_numbers=_Table({p: v for p, v in numbers.items() if len(p) > 1}),
        number_words={p[0]: v for p, v in numbers.items() if len(p) == 1},
        vague=_Table(e.get("vague", {})),
        hedges=_Table(lex.table("at_least", "at_most", "about", "range_open")),
        before=_Table({p: c.removesuffix("_before") for p, c in lex.table(*(f"{k}_before" for k in KINDS)).items()}),
        after=_Table({p: c.removesuffix("_after") for p, c in
                      lex.table(*(f"{k}_after" for k in KINDS), "other_after").items()}),
        toll=_Table(lex.table("toll")),
        subset=_Table(lex.table("subset")),
        victims=_Table({p: c.removeprefix("victim_") for p, c in lex.table(
            "victim_state", "victim_armed", "victim_militia", "victim_civilian", "victim_people").items()}),
        aux=lex.words("aux") | {"who", "that", "which"},
        things=_Table(lex.table("thing")),
        units=lex.words("unit"),
        before_not=lex.words("before_not"),
    )


_COLLECTIVE = frozenset("police personnel vdp dozo".split())


def person_nouns() -> frozenset[str]:
    """Singular nouns for one person ("soldier", "mayor"), from the victim words."""
    return frozenset(p[0] for p in _grammar().victims if len(p) == 1 and not p[0].endswith("s")
                     and p[0] not in _COLLECTIVE)


# --------------------------------------------------------------------------
# tokens

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*|\S")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*$")
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_YEAR_LEFT = frozenset("in on since by of from to until till during between and early late mid the".split())
_STOP = frozenset(
    "and or but in on at near during after before when while by since as than into across "
    "against inside outside between".split()
)
# "along with the suicide bomber": one more person counted with the number before
_COMPANION = (("along", "with"), ("together", "with"), ("as", "well", "as"), ("alongside",))
_COMPANION_DET = frozenset("the a an one its their his".split())
# "..., and so were 20 militants", "as were 3 civilians": the outcome told just before
_LIKEWISE = (("so", "were"), ("as", "were"), ("so", "was"), ("as", "was"), ("so", "did"), ("as", "did"))
_LEFT_SKIP = frozenset("reportedly allegedly also then brutally summarily the \" “ ‘ '".split())
_TOLL_GAP = frozenset(
    "rose risen climbed reached stood stands increased rises rising rise of to at is was has had "
    "now further hit later bringing brought the a final official new".split()
)
_ESTIMATE = frozenset("put puts putting placed places placing estimated estimates estimating set "
                      "sets".split())
_TOLL_VERBS = frozenset("rose risen climbed reached stood stands increased rises rising rise hit".split())
_CONNECTORS = ((",",), ("and",), (",", "and"), ("as", "well", "as"), ("plus",), ("along", "with"), ("&",))
_PASSIVE_OBJECT = frozenset(
    "a an the at least more over some about nearly dozens several himself herself themselves".split())
_PUNCT_BREAK = frozenset(".;:!?()[]\"“”")


@dataclass
class _Tok:
    low: str
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _match(table: _Table, toks: list[_Tok], i: int) -> tuple[Phrase, int] | None:
    """Longest phrase of `table` starting at token i: (phrase, index after it)."""
    if i >= len(toks):
        return None
    for phrase in table.first.get(toks[i].low, ()):
        n = len(phrase)
        if i + n <= len(toks) and all(toks[i + k].low == phrase[k] for k in range(1, n)):
            return phrase, i + n
    return None


def _match_before(table: _Table, toks: list[_Tok], i: int) -> tuple[Phrase, int] | None:
    """Longest phrase of `table` ending just before token i: (phrase, its first index)."""
    if i <= 0:
        return None
    for phrase in table.last.get(toks[i - 1].low, ()):
        n = len(phrase)
        if i - n >= 0 and all(toks[i - n + k].low == phrase[k] for k in range(n - 1)):
            return phrase, i - n
    return None


# --------------------------------------------------------------------------
# number phrases


@dataclass
class _Num:
    start: int  # token index of the hedge or number
    end: int  # token index after the number phrase
    best: int | None
    low: int | None
    high: int | None
    vague: bool = False
    kind: str | None = None
    rule: str = ""
    victim_end: int = 0
    victim: str = ""
    side: str = ""
    thing: bool = False
    core: int = 0  # token index of the number itself


def _digits_value(toks: list[_Tok], i: int, g: _Grammar) -> tuple[int, int] | None:
    t = toks[i].low
    if not _DIGITS.match(t):
        return None
    j = i + 1
    # "1 200": a space as thousands separator (French and UN usage); one space, groups of three
    if re.fullmatch(r"\d{1,3}", t):
        while j < len(toks) and re.fullmatch(r"\d{3}", toks[j].low) and toks[j].start == toks[j - 1].end + 1:
            t += toks[j].low
            j += 1
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
        value = Decimal(t.replace(",", ""))
    elif re.fullmatch(r"\d+(?:\.\d+)?", t):
        value = Decimal(t)  # exact: "1.5 million" is 1,500,000, a long figure stays itself
    else:
        return None
    if j < len(toks) and toks[j].low in ("million", "thousand"):
        value *= g.number_words[toks[j].low]
        j += 1
    if value != int(value):
        return None
    return int(value), j


def _words_value(toks: list[_Tok], i: int, g: _Grammar) -> tuple[int, int] | None:
    """A written number: "thirty-three", "two hundred and fifty", "a dozen"."""
    m = _match(g.multiword_numbers, toks, i)
    if m:
        value, j = g.numbers[m[0]], m[1]
        if value in (100, 1000):  # "a hundred and twelve", "a thousand two hundred"
            k = j + 1 if j < len(toks) and toks[j].low == "and" else j
            rest = _words_value(toks, k, g) if k < len(toks) and toks[k].low in g.number_words else None
            if rest and rest[0] < value:
                return value + rest[0], rest[1]
        return value, j
    total = current = 0
    j = i
    seen = False
    while j < len(toks):
        w = toks[j].low
        if w in g.number_words:
            v = g.number_words[w]
            if v == 100:
                current = max(current, 1) * 100
            elif v >= 1000:
                total += max(current, 1) * v
                current = 0
            else:
                current += v
            seen = True
            j += 1
            continue
        if seen and w in ("-", "and") and j + 1 < len(toks) and toks[j + 1].low in g.number_words \
                and g.number_words[toks[j + 1].low] < 100 and (w == "-" or toks[j - 1].low in ("hundred", "thousand")):
            j += 1
            continue
        break
    if not seen:
        return None
    return total + current, j


def _core(toks: list[_Tok], i: int, g: _Grammar) -> tuple[int | None, int | None, int] | None:
    """(best, vague floor, index after) of a number at token i."""
    got = _digits_value(toks, i, g)
    if got:
        return got[0], None, got[1]
    m = _match(g.vague, toks, i)
    if m:
        return None, g.vague[m[0]], m[1]
    got = _words_value(toks, i, g)
    if got:
        return got[0], None, got[1]
    if toks[i].low in ("a", "an"):  # "killing a soldier": one, when a person follows
        for k in range(i + 1, min(i + 4, len(toks))):
            v = _match(g.victims, toks, k)
            if v and not v[0][-1].endswith("s"):
                return 1, None, i + 1
            if toks[k].low in _STOP or toks[k].low in _PUNCT_BREAK:
                break
    return None


def _number(toks: list[_Tok], i: int, g: _Grammar) -> _Num | None:
    hedge = _match(g.hedges, toks, i)
    j = hedge[1] if hedge else i
    if j >= len(toks):
        return None
    core = _core(toks, j, g)
    if core is None:
        return None
    best, floor, end = core
    kind = g.hedges[hedge[0]] if hedge else None
    n = _Num(i, end, best, None, None, core=j)
    if floor is not None:
        n.best, n.low, n.vague = None, floor, True
    if end + 1 < len(toks) and toks[end].low == "or" and toks[end + 1].low == "so":
        kind, end = kind or "about", end + 2  # "a dozen or so": approximate
        n.end = end
    if end < len(toks) and toks[end].low == "+" and toks[end].start == toks[end - 1].end:
        kind, n.end = kind or "at_least", end + 1
    elif end + 1 < len(toks) and toks[end].low == "-" and toks[end + 1].low == "odd":
        kind, n.end = kind or "at_least", end + 2  # "forty-odd": a floor
    if kind == "range_open":
        if n.end < len(toks) and toks[n.end].low == "and" and n.end + 1 < len(toks):
            tail = _core(toks, n.end + 1, g)
            if tail and tail[0] is not None and best is not None and tail[0] > best:
                n.low, n.high, n.end = best, tail[0], tail[2]
                return n
        return None  # "between the two ..." is not a count
    if n.end + 1 < len(toks) and toks[n.end].low in ("-", "–", "—", "to", "or") and best is not None:
        tail = _core(toks, n.end + 1, g)
        if tail and tail[0] is not None and tail[0] > best:
            n.low, n.high, n.end = best, tail[0], tail[2]
            if toks[n.end - 1].low == "+":
                n.high = None
            return n
    if best is not None:
        if kind == "at_least":
            n.low = best
        elif kind == "at_most":
            n.high = best
    return n


def _is_month(tok: _Tok, text: str) -> bool:
    return tok.low in _MONTHS and text[tok.start].isupper()  # "May", never the verb "may"


def _is_measure(toks: list[_Tok], n: _Num, g: _Grammar, text: str) -> bool:
    """Dates, years, ages, money, distances, labels: not counts of people."""
    first, last = toks[n.core], toks[n.end - 1]
    prev = toks[n.start - 1] if n.start > 0 else None
    nxt = toks[n.end] if n.end < len(toks) else None
    if nxt is not None and (nxt.low in g.units or _is_month(nxt, text)):
        return True
    if nxt is not None and nxt.low in ("-", "–") and n.end + 1 < len(toks) and toks[n.end + 1].low in g.units:
        return True  # "a 12-year-old"
    if prev is not None:
        if prev.low in g.before_not:
            return True
        if _is_month(prev, text) and not (n.start >= 2 and re.fullmatch(r"(?:[12]?\d|3[01])", toks[n.start - 2].low)):
            return True  # "May 14" is a date; in "3 May 14 soldiers" the month has its day
        if prev.low in ("-", "/") and prev.end == first.start and n.start > 1 and toks[n.start - 2].end == prev.start:
            return True  # "Su-25", "C-130"
    if re.fullmatch(r"(19\d\d|20\d\d|2100)", first.low) and n.best is not None and first is last:
        if prev is None or prev.low in _YEAR_LEFT or nxt is None or not nxt.low.isalpha():
            return True
    return False


# --------------------------------------------------------------------------
# outcome words around a number


def _scan_victim(toks: list[_Tok], n: _Num, g: _Grammar) -> int:
    """Read the counted noun after the number; return the index after it."""
    j, k = n.end, 0
    while j < len(toks) and k < 6:
        t = toks[j].low
        if t in _PUNCT_BREAK or t in _ASIDE or t in _STOP or t in g.aux or _companion_at(toks, j):
            break
        if _match(g.after, toks, j) or _match(g.before, toks, j) or _match(g.subset, toks, j):
            break
        if _DIGITS.match(t) or t in g.number_words:  # another number starts
            break
        v = _match(g.victims, toks, j)
        if v and not n.victim:
            n.victim, n.side = " ".join(v[0]), g.victims[v[0]]
        if _match(g.things, toks, j) and not n.victim:
            n.thing = True
        j += 1
        k += 1
    return j


def _companion_at(toks: list[_Tok], j: int) -> int:
    """Index after a companion connector at token j ("along with"), else 0."""
    for phrase in _COMPANION:
        if j + len(phrase) <= len(toks) and all(toks[j + k].low == w for k, w in enumerate(phrase)):
            return j + len(phrase)
    return 0


def _companion(toks: list[_Tok], n: _Num, g: _Grammar) -> _Num | None:
    """"7 fighters along with the suicide bomber": the one person named after
    the connector, as a count of 1 (a plural noun there is no count)."""
    j = _companion_at(toks, n.victim_end)
    if not j or j >= len(toks) or toks[j].low not in _COMPANION_DET:
        return None
    for k in range(j + 1, min(j + 4, len(toks))):
        v = _match(g.victims, toks, k)
        if v:
            if v[0][-1].endswith("s"):
                return None
            return _Num(j, v[1], 1, None, None, core=j, victim=" ".join(v[0]), side=g.victims[v[0]],
                        victim_end=v[1])
        if toks[k].low in _PUNCT_BREAK or toks[k].low in _STOP or _DIGITS.match(toks[k].low):
            return None
    return None


def _outcome_after(toks: list[_Tok], n: _Num, g: _Grammar) -> str | None:
    j = n.victim_end
    if j < len(toks) and toks[j].low in _ASIDE:  # an aside: "One soldier, a sergeant, was killed"
        close = _ASIDE[toks[j].low]
        # a subset aside may hold a number: "Twelve people, among them 4 children, were killed",
        # "Twelve people – four of them children – were killed"
        part = _match(g.subset, toks, j + 1) is not None or (
            j + 3 < len(toks) and toks[j + 2].low == "of" and toks[j + 3].low in ("them", "whom"))
        for k in range(j + 1, min(j + 9, len(toks))):
            if toks[k].low == close and k > j + 1:
                j = k + 1
                break
            if (_DIGITS.match(toks[k].low) and not part) or toks[k].low in _PUNCT_BREAK or _match(g.after, toks, k):
                break
    skipped = 0
    while j < len(toks) and (toks[j].low in g.aux or toks[j].low in _QUOTES) and skipped < 5:
        j += 1
        skipped += 1
    m = _match(g.after, toks, j)
    if not m:
        return None
    kind = g.after[m[0]]
    word = m[0][-1]
    if word == "lives" and n.start > 0 and toks[n.start - 1].low in _SAVING:
        return None  # "saved 12 lives"
    if _either(toks, m[1], g.after, kind):
        return "other"  # "30 dead or wounded": deaths not told apart
    if not skipped and word.endswith("ed") and m[1] < len(toks):
        nxt = toks[m[1]]
        if _DIGITS.match(nxt.low) or nxt.low in _PASSIVE_OBJECT or nxt.low in g.number_words \
                or _match(g.victims, toks, m[1]):
            return None  # active voice: "300 militants killed 12 soldiers"
    return kind


# openers of an aside after a count, and what closes each
_ASIDE = {",": ",", "–": "–", "—": "—", "(": ")"}
_QUOTES = frozenset("\" “ ” ‘ ’ '".split())
_SAVING = frozenset("saved saving save spared sparing".split())


def _estimated(toks: list[_Tok], j: int) -> bool:
    """A verb of estimating a few words before token j, in the same clause
    ("put its own dead at 10 and the rebel dead at 25")."""
    for t in reversed(toks[max(0, j - 12):j]):
        if t.low in (";", ".", ":"):
            return False
        if t.low in _ESTIMATE:
            return True
    return False


def _either(toks: list[_Tok], j: int, table, kind: str) -> bool:
    """An outcome joined by "or" / "and" to another outcome at token j ("dead or
    wounded"): the count does not tell its deaths apart."""
    if j + 1 < len(toks) and toks[j].low in ("or", "and"):
        other = _match(table, toks, j + 1)
        return other is not None and table[other[0]] != kind
    return False


def _outcome_before(toks: list[_Tok], n: _Num, g: _Grammar) -> tuple[str, str] | None:
    i = n.start
    while i > 0 and toks[i - 1].low in _LEFT_SKIP:
        i -= 1
    m = _match_before(g.before, toks, i)
    if m:
        k = m[1]  # "killed or wounded 30": which outcome is not told
        if k >= 2 and toks[k - 1].low in ("or", "and"):
            other = _match_before(g.before, toks, k - 1)
            if other is not None and g.before[other[0]] != g.before[m[0]]:
                return "other", "verb+count"
        return g.before[m[0]], "verb+count"
    k = i
    while k > 0 and i - k < 5 and toks[k - 1].low in _TOLL_GAP:
        k -= 1
    if k < i and _match_before(g.toll, toks, k):
        return "killed", "toll"
    if k == i and _match_before(g.toll, toks, i):
        return "killed", "toll"
    if i >= 3 and toks[i - 1].low == "at" and toks[i - 2].low in ("dead", "deaths", "losses") and \
            _estimated(toks, i - 2):
        # "the army put its own dead at 10", "a source put the military dead at about 40":
        # one claimant's figure, a rival of the others, not a running toll
        return "killed", "verb+count"
    if k < i and toks[i - 1].low in ("to", "at") and toks[i - 2].low in _TOLL_VERBS:
        # "the toll of the Solhan massacre rose to 160": the toll a few words back
        for j in range(k - 1, max(-1, k - 9), -1):
            if toks[j].low in _PUNCT_BREAK or toks[j].low == ",":
                break
            if _match_before(g.toll, toks, j + 1) and toks[j + 1].low in ("of", "from", "in"):
                return "killed", "toll"
    return None


_SAID = {"said", "say", "says", "told", "reported", "report", "reports", "confirmed",
         "added", "stated", "claimed"}


def _link(toks: list[_Tok], a: _Num, b: _Num, g: _Grammar) -> str | None:
    """How count b follows count a in a list: "list", "subset" or None."""
    gap = tuple(t.low for t in toks[a.victim_end:b.start])
    if gap in ((",",), ("–",), ("—",), ("(",)) and \
            tuple(t.low for t in toks[b.end:b.end + 2]) in (("of", "them"), ("of", "whom")):
        return "subset"  # "42 people, 30 of them soldiers"
    if gap in _CONNECTORS:
        nxt = [t.low for t in toks[b.end:max(b.victim_end, b.end) + 3]]
        said = next((i for i, w in enumerate(nxt) if w in _SAID), None)
        if said is not None and "," not in nxt[:said]:
            return None  # "killing 12 soldiers, two security sources said": the speakers
        return "list"
    rest = gap[1:] if gap[:1] in ((",",), ("–",), ("—",), ("(",)) else gap
    if rest and _match(g.subset, toks, a.victim_end + len(gap) - len(rest)) and \
            _match(g.subset, toks, a.victim_end + len(gap) - len(rest))[1] == b.start:
        return "subset"
    return None


# --------------------------------------------------------------------------
# sentence-level flags

_TOTAL = re.compile(
    r"(?i:\b(?:from|between)\s+(?:19|20)\d\d\s+(?:to|and|until|till)\s+(?:19|20)\d\d\b"
    r"|\b(?:19|20)\d\d\s*[-–]\s*(?:(?:19|20)?\d\d)\b"
    r"|\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:(?:19|20)\d\d|the\s+(?:start|beginning|outbreak|onset)|independence)"
    r"|\bso\s+far\b|\bto\s+date\b|\bper\s+year\b|\bannually\b|\beach\s+year\b|\bevery\s+year\b"
    r"|\b(?:over|during)\s+the\s+(?:past|last|course\s+of\s+the)\b"
    r"|\b(?:during|throughout)\s+the\s+(?:war|conflict|insurgency|crisis)\b"
    r"|\btotal\s+killed\b|\bin\s+total\s+since\b)"
)
_DENIED_LEFT = re.compile(
    r"(?i:\b(?:denied|denies|deny|dismissed|rejected|refuted)\s+(?:(?:the\s+)?(?:reports?|claims?)\s+)?that\s+(?:[\w'’-]+\s+){0,3}$)")
# A figure the report has since replaced: never the best, at most the high end.
_SUPERSEDED_LEFT = re.compile(
    r"(?i:\b(?:an?\s+|the\s+)?(?:earlier|previous|initial|first|preliminary|provisional)\s+(?:death\s+)?(?:toll|tally|count|figure)"
    r"\s+(?:of|at|was)\s+$"
    r"|\b(?:first|initially|earlier|previously)\s+(?:announced|reported|given|put\s+at|gave|said|counted)\s+(?:as\s+)?$"
    r"|\b(?:up|down)\s+from\s+(?:an?\s+)?(?:earlier\s+|previous\s+)?(?:(?:toll|tally|figure)\s+of\s+)?$)")
_PERIOD_TOLL = re.compile(
    r"(?i:\btoll\s+(?:this|for\s+the|over\s+the|in\s+the\s+past)\s+(?:\w+\s+)?(?:week|month|year)"
    r"|\b(?:this|last)\s+(?:week|month|year)['’]s\s+(?:death\s+)?toll)")
_ANNUAL = re.compile(r"(?i:\b(?:in|during|of)\s+(?:19|20)\d\d\b)")
_MONTH_WORD = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_REPORTING = re.compile(
    r"\b(?:said|says|claimed|claims|reported|reports|announced|announces|stated|states|told|confirmed"
    r"|alleged|added)\b(?!\s+(?:the\s+lives|responsibility))|\baccording\s+to\b"
    # "local sources put the toll at 40", "the army gave a toll of 12"
    r"|\b(?:put|puts|gave|gives|placed|places)\b(?=\s+(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,2}(?:toll|tally|dead|deaths|losses)\b)",
    re.I,
)
_LIVES_RIGHT = re.compile(r"(?i:\s+[\w,]+\s+lives\b)")  # "the attack claimed 12 lives" names no claimant
_PASSIVE_REPORT = re.compile(r"(?i:\b(?:were|was|is|are|been|be)\s+)$")  # "were reported killed"
_CLAIMANT_DROP = frozenset(
    "the a an its their his her it they he she we this that and but while whereas , also later "
    "were was is are been had has have".split()
)


def _clause(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind(";", 0, pos) + 1
    b = text.find(";", pos)
    return a, len(text) if b < 0 else b


def _claimant(text: str, start: int, end: int) -> str:
    """Who gives the figure: the nearest reporting frame in the count's clause."""
    a, b = _clause(text, start)
    before = [m for m in _REPORTING.finditer(text, a, start)]
    after = [m for m in _REPORTING.finditer(text, end, b)]
    before = [m for m in before if not _PASSIVE_REPORT.search(text, 0, m.start())
              and not _LIVES_RIGHT.match(text, m.end())]
    after = [m for m in after if not _PASSIVE_REPORT.search(text, 0, m.start())]
    for m in reversed(before):
        if m.group().lower().startswith("according"):
            return _words_after(text, m.end(), start)
        who = _words_before(text, a, m.start())
        if who:
            return who
    for m in after:
        if m.group().lower().startswith("according"):
            return _words_after(text, m.end(), b)
        who = _words_before(text, end, m.start())
        if who:
            return who
    return ""


def _words_before(text: str, a: int, b: int) -> str:
    words = re.findall(r"[\w'’-]+|[,.;:]", text[a:b])
    out: list[str] = []
    for w in reversed(words):
        lw = w.lower()
        if lw in ",.;:" or any(ch.isdigit() for ch in w) or len(out) == 3:
            break
        if lw in _CLAIMANT_DROP:
            if out:
                break
            continue
        out.append(lw)
    return " ".join(reversed(out))


def _words_after(text: str, a: int, b: int) -> str:
    words = re.findall(r"[\w'’-]+|[,.;]", text[a:b])
    out = []
    for w in words:
        if w in ",.;" or len(out) == 4:
            break
        if w.lower() not in _CLAIMANT_DROP:
            out.append(w.lower())
    return " ".join(out)


def _flag(text: str, n: _Num, start: int, kind: str) -> str | None:
    a, b = _clause(text, start)
    clause = text[a:b]
    if _TOTAL.search(clause):
        return "total"
    if _DENIED_LEFT.search(text, max(a, start - 60), start):
        return "denied"  # "the army denied that 30 soldiers had been killed"
    if _SUPERSEDED_LEFT.search(text, max(0, start - 45), start):
        return "superseded"  # "raising an earlier toll of 79", "which had first announced 95 dead"
    if n.rule == "toll" and _PERIOD_TOLL.search(text, max(a, start - 60), start):
        return "total"  # "bringing the death toll this week to 30": many events' sum
    size = n.best if n.best is not None else n.low or 0
    if size >= 100 and _ANNUAL.search(clause) and not _MONTH_WORD.search(text):
        return "total"  # "attacks killed 4,000 people in 2019": a year's toll
    if size > ABSURD.get(kind, 100_000) or (n.high or 0) > ABSURD.get(kind, 100_000):
        return "absurd"
    return None


# --------------------------------------------------------------------------
# public API


def find_counts(text: str, offset: int = 0, doc: str = "") -> list[CountMention]:
    """Casualty counts in `text` (one sentence), in reading order.

    Each count's span covers the number phrase (hedge included), with
    absolute offsets in document `doc`. `reason` names the rule ("verb+count",
    "count+outcome", "toll", "list") or flags the count: "subset" (part of
    the count before it), "total" (a multi-year or running summary),
    "absurd" (more than one event can have), "superseded" (a toll the report
    has replaced: "raising an earlier toll of 60"), "denied" ("the army
    denied that 30 soldiers had been killed").
    """
    g = _grammar()
    toks = _tokens(text)
    nums: list[_Num] = []
    i = 0
    while i < len(toks):
        n = _number(toks, i, g)
        if n is None:
            i += 1
            continue
        i = n.end
        if _is_measure(toks, n, g, text):
            continue
        n.victim_end = _scan_victim(toks, n, g)
        nums.append(n)

    pools = _pools(toks, nums, g)
    extra: list[_Num] = []
    for n in nums:
        if id(n) in pools:
            continue
        before = _outcome_before(toks, n, g)
        if before:
            n.kind, n.rule = before
            if before[1] == "verb+count" and _SELF.search(text, max(0, toks[n.start].start - 20),
                                                          toks[n.start].start):
                # "blew himself up, killing himself and 4 soldiers": the bomber is one more death
                k = max(i for i in range(max(0, n.start - 4), n.start) if toks[i].low == "himself")
                extra.append(_Num(k, k + 1, 1, None, None, kind=n.kind, rule="list",
                                  victim="attacker", side="armed", core=k, victim_end=k + 1))
            continue
        after = _outcome_after(toks, n, g)
        if after:
            n.kind, n.rule = after, "count+outcome"
            continue
        buddy = _companion(toks, n, g)
        if buddy is not None:
            after = _outcome_after(toks, buddy, g)
            if after:
                n.kind, n.rule = after, "count+outcome"
                buddy.kind, buddy.rule = after, "list"
                extra.append(buddy)
    for a, b in zip(nums, nums[1:]):
        words = tuple(t.low for t in toks[max(0, b.start - 2):b.start])
        if b.kind is None and a.kind and words in _LIKEWISE:
            b.kind, b.rule = a.kind, "list"  # "one soldier was killed, and so were 20 militants"
    nums = sorted([n for n in nums if id(n) not in pools] + extra, key=lambda x: x.start)
    changed = True
    while changed:  # lists inherit their outcome in both directions
        changed = False
        for a, b in zip(nums, nums[1:]):
            link = _link(toks, a, b, g)
            if link is None:
                continue
            if b.kind and not a.kind and b.rule in ("count+outcome", "list"):
                # "12 soldiers and 3 civilians were killed"; "50 people, including 20 soldiers, were killed"
                a.kind, a.rule, changed = b.kind, "list" if link == "list" else "count+outcome", True
            if link == "subset" and a.kind and b.rule != "subset":
                b.kind, b.rule, changed = b.kind or a.kind, "subset", True
            elif link == "list" and a.kind and not b.kind and a.rule in ("verb+count", "list"):
                b.kind, b.rule, changed = a.kind, "list", True

    out: list[CountMention] = []
    account, last_claimant, last_end = 0, "", 0
    for n in nums:
        if n.kind is None or (n.thing and not n.victim):
            continue
        if n.kind == "displaced" and n.side in ("state", "armed", "militia"):
            continue  # fighters who flee are a rout, not displaced people
        last = n.end - 1
        while last > n.core and toks[last].low == "of":  # "dozens of": the span ends at the amount
            last -= 1
        start, end = toks[n.start].start, toks[last].end
        kind = n.kind if n.kind in KINDS else "other"
        reason = _flag(text, n, start, kind) or n.rule
        if n.rule == "subset" and reason not in ("total", "absurd"):
            reason = "subset"
        if n.kind == "other" and reason == n.rule:
            reason = "other outcome: casualties or missing, killed not told apart"
        claimant = _claimant(text, start, end)
        if kind == "killed":
            if claimant and last_claimant and claimant != last_claimant and \
                    _COUNTER.search(text, last_end, start):
                account += 1  # "..., while the group claimed 40 soldiers died"
            if claimant:
                last_claimant = claimant
            last_end = end
        out.append(CountMention(
            kind=kind, best=n.best, low=n.low, high=n.high,
            span=Span(doc, offset + start, offset + end), reason=reason,
            victim=n.victim, side=n.side, claimant=claimant, account=account,
        ))
    return out


_SELF = re.compile(r"(?i:\bhimself\s+and\s*$)")


def _pools(toks: list[_Tok], nums: list[_Num], g: _Grammar) -> set[int]:
    """Numbers that name the group a count is taken from: "Two of the 20 hostages
    were killed" counts two. The count takes the pool's noun and outcome; the pool
    is no count. "one of the 40 soldiers killed" (no verb) keeps the 40: there the
    pool is the dead."""
    pools: set[int] = set()
    for a, b in zip(nums, nums[1:]):
        gap = tuple(t.low for t in toks[a.end:b.start])
        if a.victim or gap not in (("of", "the"), ("of", "its"), ("of", "their"), ("of", "his")):
            continue
        j = b.victim_end
        if j < len(toks) and toks[j].low in g.aux and toks[j].low not in ("to", "left", "found"):
            a.victim, a.side, a.victim_end = b.victim, b.side, b.victim_end
            pools.add(id(b))
    return pools


# Words that set a second claim against the first one in the same sentence.
_COUNTER = re.compile(
    r";|\b(?:while|whereas|but|however|although|though|meanwhile|instead|countered|contradicted"
    r"|disputed|denied|rejected)\b", re.I)


_SKIP = ("total", "absurd", "subset", "superseded", "denied")


def fatalities(counts: list[Count]) -> tuple[int | None, int | None, int | None]:
    """(best, low, high) deaths of one event from its counts (ACLED convention).

    Rules, in order:
    - only "killed" counts; "total", "absurd" and "subset" counts are skipped;
      the same figure told twice (lead and body, or once without its noun:
      "leaves 12 dead ... 12 soldiers were killed") counts once;
    - a running toll ("the death toll rose to 40") replaces the other figures
      of its account: the highest toll is the latest;
    - a replaced figure ("raising an earlier toll of 60", "which had first
      announced 95 dead") is never the best; a higher one is the high;
    - counts are grouped by side (state, armed, militia, civilian, unknown);
      within a side, figures from different claimants are rival claims: best
      and low are the lowest (conservative), high the highest; figures from
      one claimant add up;
    - a counter-claim set against a claim in the same sentence ("the army
      said 20 assailants died, while the group claimed 40 soldiers"; "the
      army said 15 ..., but local sources put the toll at 40") is a rival
      account, never added: the accounts combine like rival claims;
    - sides add up ("killing 20 militants and 5 soldiers" → 25): best is the
      sum, or None if a side only has a vague floor ("dozens"); low is the
      sum of floors when any side is hedged; high the sum of ceilings when
      every side has one.
    """
    seen: set[tuple] = set()
    usable = []
    earlier = [c.best for c in counts if c.kind == "killed" and c.reason == "superseded" and c.best is not None]
    for c in counts:
        if c.kind != "killed" or c.reason in _SKIP:
            continue
        key = (c.best, c.low, c.high, getattr(c, "victim", ""), getattr(c, "claimant", ""))
        if key in seen:
            continue
        seen.add(key)
        usable.append(c)
    # a headline's "leaves dozens dead" and the body's "dozens of soldiers were killed":
    # one figure, told once without its noun
    named = {(c.best, c.low, c.high) for c in usable if getattr(c, "victim", "")}
    usable = [c for c in usable if getattr(c, "victim", "") or (c.best, c.low, c.high) not in named]
    if not usable:
        return None, None, None
    accounts: dict[int, list[Count]] = defaultdict(list)
    for c in usable:
        accounts[getattr(c, "account", 0)].append(c)
    if len(accounts) > 1:
        # a claim and a counter-claim are rival versions of one outcome, never a sum
        best, low, high = _rival([_account_figure(cs) for _, cs in sorted(accounts.items())])
    else:
        best, low, high = _account_figure(usable)
    top = max(earlier, default=None)
    if top is not None and best is not None and top > max(best, high or 0):
        # revised down from a higher first toll: like a rival claim, it bounds the range
        low, high = low if low is not None else best, top
    return best, low, high


def _account_figure(usable: list[Count]) -> tuple[int | None, int | None, int | None]:
    """One account's deaths: its latest toll, else rival claimants within a side, sides added."""
    tolls = [c for c in usable if c.reason == "toll"]
    if tolls:
        top = max(tolls, key=lambda c: c.best if c.best is not None else c.low or 0)
        return top.best, top.low, top.high
    sides: dict[str, dict[str, list[Count]]] = defaultdict(lambda: defaultdict(list))
    for c in usable:
        sides[getattr(c, "side", "")][getattr(c, "claimant", "")].append(c)
    parts: list[tuple[int | None, int | None, int | None]] = []
    for claims in sides.values():
        figures = [_sum(cs) for cs in claims.values()]
        parts.append(figures[0] if len(figures) == 1 else _rival(figures))
    return _sum_parts(parts)


def _rival(figures: list[tuple[int | None, int | None, int | None]]) -> tuple[int | None, int | None, int | None]:
    """Rival claims: best and low the lowest (conservative), high the highest."""
    bests = [b for b, _, _ in figures if b is not None]
    floors = [lo if lo is not None else b for b, lo, _ in figures if (lo if lo is not None else b) is not None]
    tops = [hi if hi is not None else b for b, _, hi in figures]
    best = min(bests) if bests else None
    low = min(floors) if floors else None
    high = max(t for t in tops if t is not None) if all(t is not None for t in tops) else None
    return best, low, high if high != best else None


def _sum(counts: list[Count]) -> tuple[int | None, int | None, int | None]:
    return _sum_parts([(c.best, c.low, c.high) for c in counts])


def _sum_parts(parts: list[tuple[int | None, int | None, int | None]]) -> tuple[int | None, int | None, int | None]:
    if len(parts) == 1:
        return parts[0]
    best = None if any(b is None for b, _, _ in parts) else sum(b for b, _, _ in parts)
    hedged_low = any(lo is not None for _, lo, _ in parts)
    low = sum((lo if lo is not None else b) or 0 for b, lo, _ in parts) if hedged_low else None
    hedged_high = any(hi is not None for _, hi, _ in parts)
    ceilings = [hi if hi is not None else (b if lo is None else None) for b, lo, hi in parts]
    high = sum(ceilings) if hedged_high and all(c is not None for c in ceilings) else None
    return best, low, high
