"""The plain data that flows between bellum's stages.

Every stage is a function over these dataclasses (see docs/architecture.md).
Every fact carries the `Span`s of the passages it comes from, and every
uncertain value carries its precision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "range", "month", "year", "unknown"]
Basis = Literal["reported", "infobox", "inferred"]
# what a rule that decides a field of an event rests on
RuleBasis = Literal["parse", "position", "convention", "document", "lexicon"]


@dataclass(frozen=True, order=True)
class Span:
    """A passage: characters [start, end) of document `doc`."""

    doc: str
    start: int
    end: int


@dataclass(frozen=True)
class Section:
    title: str
    level: int  # 1 for "= T =", 2 for "== T ==" ...
    start: int  # offset of the section's first body character
    end: int


@dataclass
class Document:
    """A text to extract from. `text` is the exact text offsets refer to."""

    id: str
    text: str
    title: str = ""
    format: str = "text"  # article | text | wikitext | html
    path: str = ""
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    # infobox lines of the article format: key -> (value, Span of the value)
    infobox: dict[str, tuple[str, Span]] = field(default_factory=dict)
    # metadata: from a build manifest, else the page's meta tags (HTML); `published`
    # is ISO at its precision (YYYY, YYYY-MM or YYYY-MM-DD), "" when not known
    published: str = ""
    url: str = ""
    publisher: str = ""
    language: str = ""

    def section_at(self, offset: int) -> Section | None:
        """The innermost section containing `offset`."""
        best = None
        for s in self.sections:
            if s.start <= offset < s.end and (best is None or s.level >= best.level):
                best = s
        return best

    def section_path(self, offset: int) -> list[Section]:
        """Outer-to-inner sections containing `offset`."""
        return sorted(
            (s for s in self.sections if s.start <= offset < s.end), key=lambda s: s.level
        )


@dataclass(frozen=True)
class DateValue:
    """A date at the precision the text supports.

    `value` is ISO at that precision: YYYY-MM-DD (day, range), YYYY-MM (month)
    or YYYY (year), "" for "unknown" (`UNKNOWN_DATE`); `end` is the last day
    of a range. `reason` names the
    strategy that resolved it (explicit, relative, section, document...).
    """

    value: str
    precision: Precision
    end: str | None = None
    reason: str = ""

    @property
    def year(self) -> int | None:
        return int(self.value[:4]) if self.value else None

    @property
    def known(self) -> bool:
        return self.precision != "unknown"


# the date of an event neither its text nor its document's metadata dates: kept, stored
# with a NULL date, and counted in the build's warning
UNKNOWN_DATE = DateValue("", "unknown", None, "unknown")


@dataclass(frozen=True)
class Count:
    """A number of people the text reports for one outcome."""

    kind: Literal["killed", "wounded", "captured", "displaced", "other"]
    best: int | None
    low: int | None = None
    high: int | None = None
    span: Span | None = None
    reason: str = ""


@dataclass(frozen=True)
class Place:
    """A geocoded place mention. geo_precision follows ACLED: 1 the place
    itself, 2 near it / a small area, 3 a region or only the country."""

    name: str  # as the text names it
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int = 3
    feature_code: str | None = None
    reason: str = ""
    # typed, for code (reason is for users): 'country' (only the country is known),
    # 'country_part' ('northern Mali'), '' (a place of its own)
    scope: str = ""


@dataclass(frozen=True)
class Actor:
    name: str  # canonical
    inter: int | None = None  # ACLED interaction code 1..8
    kind: str = ""
    country: str | None = None
    aliases: tuple[str, ...] = ()
    member_of: tuple[str, ...] = ()
    source: str = "lexicon"  # lexicon | document | infobox
    category: str = ""  # knowledge/actors.csv `category` (nlp/actors.CATEGORIES); '' if unknown


@dataclass(frozen=True)
class ActorMention:
    actor: str  # canonical name
    text: str
    span: Span
    reason: str = ""
    origin: str = ""  # how it was found, typed: 'country_name' (a country in an actor's slot)


@dataclass(frozen=True)
class PlaceMention:
    text: str
    span: Span
    near: bool = False  # "near X", "40 km north of X"
    region: bool = False  # "the Kidal region"


@dataclass(frozen=True)
class Provenance:
    """Which rule decided a field of an event, typed: code reads this, never the English
    explanation in `Event.reasons` (set together by `bellum.provenance.decide`)."""

    rule: str  # a stable name ('passive_agent', 'nearest_before', 'last_date_read'...)
    basis: RuleBasis
    words: str = ""  # the document's words the decision rests on (an actor mention, a trigger)
    key: str = ""  # the lexicon or strategy key behind it (a trigger lemma, a date strategy)
    via: str = ""  # 'passage': taken over from another passage of the same event


@dataclass
class Event:
    """One event in the schema of shared event-schema v1, plus provenance."""

    id: str
    doc: str
    sources: list[Span]
    date: DateValue
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: list[str] = field(default_factory=list)
    assoc_actor_2: list[str] = field(default_factory=list)
    inter1: int | None = None
    inter2: int | None = None
    location: str | None = None
    country: str | None = None
    place: Place | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    control_change: dict | None = None  # {"place", "to", "from"}
    relation_change: dict | None = None  # {"kind", "actors", "result"}
    notes: str = ""
    trigger: str = ""  # the lemma of the word that told the event ('attack', 'coup')
    seq: int = 0  # its place in its document's text order (exports list events so)
    confidence: float = 0.5
    # field -> the rule or model that produced it (explainability)
    reasons: dict[str, str] = field(default_factory=dict)
    # field -> the same decision, typed (what code branches on)
    provenance: dict[str, Provenance] = field(default_factory=dict)


@dataclass
class Relation:
    """A relation between organisations over time (alliance, membership...)."""

    kind: str  # alliance hostility merge split realignment agreement dissolution member
    source: str  # actor
    target: str | None  # actor or coalition; None for e.g. a dissolution
    start: DateValue | None = None
    end: DateValue | None = None
    basis: Basis = "reported"
    sources: list[Span] = field(default_factory=list)
    event_id: str | None = None
    reason: str = ""


@dataclass
class ControlSpan:
    """`actor` held `place` from `since` to `until` (None = open)."""

    place: str
    actor: str
    since: DateValue | None
    until: DateValue | None
    inferred: bool = False
    basis: Basis = "reported"
    sources: list[Span] = field(default_factory=list)  # the passages that open it (or report it again)
    reason: str = ""
    # the passages that close it (a capture by another side, a withdrawal)
    end_sources: list[Span] = field(default_factory=list)
    # the latest date a passage shows `actor` at `place` during the span (stale-ness)
    confirmed: DateValue | None = None


@dataclass
class Leader:
    person: str
    organisation: str | None
    role: str | None = None
    fate: str | None = None  # killed captured arrested exiled deposed died
    date: DateValue | None = None
    sources: list[Span] = field(default_factory=list)


@dataclass
class DocResult:
    """Everything extracted from one document; what a worker returns."""

    document: Document
    sentences: list[tuple[int, int]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)  # learned from the document
    relations: list[Relation] = field(default_factory=list)
    leaders: list[Leader] = field(default_factory=list)
    infobox: dict = field(default_factory=dict)  # structured infobox records
