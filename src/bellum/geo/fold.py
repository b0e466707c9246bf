"""Name folding for place lookup.

Three keys per name, from strict to loose, so a lookup stays a dict hit:
- `fold`: ASCII (unidecode), lower case, punctuation -> one space
  ("Ti-n-Zaouâtene" -> "ti n zaouatene", "Aguel'hoc" -> "aguelhoc").
- `squash`: `fold` without spaces ("tinzaouatene"), so "Tin-Zaouatene",
  "Tinzaouatene" and "Ti n Zaouatene" meet.
- `skeleton`: `squash` with French/English transliteration differences
  levelled (ou/w -> u, c/q -> k, y -> i, dj -> j, doubled letters, silent
  final e), so "Tinzawatène" = "Tinzaouaten", "Konna" = "Kona",
  "Diabaly" = "Diabali", "Aguelhoc" = "Aguelhok".
"""

from __future__ import annotations

import re

from unidecode import unidecode

_APOSTROPHES = re.compile(r"['’‘`´ʼʻ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLES = re.compile(r"(.)\1+")
# Order matters: digraphs before the single letters they contain.
_SKELETON_RULES = (
    ("ou", "u"),
    ("w", "u"),
    ("ch", "sh"),
    ("ck", "k"),
    ("c", "k"),
    ("q", "k"),
    ("dj", "j"),
    ("ph", "f"),
    ("y", "i"),
)


def fold(name: str) -> str:
    """Lower-case ASCII words separated by single spaces."""
    s = name if name.isascii() else unidecode(name)
    s = _APOSTROPHES.sub("", s.lower())
    return _NON_ALNUM.sub(" ", s).strip()


def squash(name: str) -> str:
    """`fold` without spaces."""
    return fold(name).replace(" ", "")


def skeleton_of_squashed(s: str) -> str:
    """`skeleton` of a string already squashed."""
    for a, b in _SKELETON_RULES:
        if a in s:
            s = s.replace(a, b)
    s = _DOUBLES.sub(r"\1", s)
    if len(s) > 4 and s.endswith("e"):
        s = s[:-1]
    return s


def skeleton(name: str) -> str:
    """Transliteration-levelled key (see module docstring)."""
    return skeleton_of_squashed(squash(name))
