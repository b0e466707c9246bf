"""Country facts (ISO codes, ACLED region, demonyms) from knowledge/countries.csv."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from bellum.errors import KnowledgeFileInvalid

FIELDS = ["name", "iso2", "iso3", "numeric", "region", "demonyms"]


@dataclass(frozen=True)
class Country:
    name: str
    iso2: str
    iso3: str
    numeric: int
    region: str
    demonyms: tuple[str, ...]


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Countries keyed by lower-case name, ISO2 and ISO3 code."""
    path = resources.files("bellum").joinpath("knowledge/countries.csv")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    out: dict[str, Country] = {}
    for n, row in enumerate(csv.reader(lines[1:]), start=2):
        if len(row) != len(FIELDS) or not row[3].isdigit():
            raise KnowledgeFileInvalid(f"knowledge/countries.csv: malformed row {n}: {row}")
        c = Country(row[0], row[1], row[2], int(row[3]), row[4], tuple(filter(None, row[5].split("|"))))
        for key in (c.name, c.iso2, c.iso3):
            out[key.lower()] = c
    return out


def country(name_or_code: str | None) -> Country | None:
    if not name_or_code:
        return None
    return countries().get(name_or_code.strip().lower())
