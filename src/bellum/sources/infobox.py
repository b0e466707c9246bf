"""The infobox's sides, commanders, strengths and casualties as records.

Input is `Document.infobox` (key -> (value, Span)) as the article reader
fills it from lines "- Key: value". Values are flattened lists: items are
separated by ", ", nesting is written "* X" / "** Y", dates of membership
as "(from 2021)", "(until 2025)", "(2019–23)", "(2019–)", and commanders
carry KIA/WIA glued to the name ("Mokhtar BelmokhtarKIA").

Every record keeps the Span of its own item inside the value.
"""

from __future__ import annotations

import re
from typing import Callable

from bellum.model import Document, Span

Resolver = Callable[[str], "str | None"]

_KEY = re.compile(r"^(Combatant|Commander|Strength|Casualties)(\d+)$", re.I)
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_YEAR = r"(\d{4})"
_FROM = re.compile(rf"^(?:from|since|after)\s+{_YEAR}$", re.I)
_UNTIL = re.compile(rf"^(?:until|till|to|before)\s+{_YEAR}$", re.I)
_ONLY = re.compile(rf"^{_YEAR}\s+only$", re.I)
_RANGE = re.compile(r"^(\d{4})\s*[–—-]\s*(\d{2,4})?$")
_STATUS = re.compile(r"(?<=[^\W\dA-Z_]|[.'’])(KIA|WIA|POW|MIA|DOW)$")  # glued to a lowercase letter
# a leading country code of a flag icon: "RUS Yunus-Bek Yevkurov"
_FLAG_CODE = re.compile(r"^[A-Z]{3}\s+(?=[A-Z][a-z])")
_NUM = (
    r"(?P<approx>[~≈c]\.?\s?)?(?P<low>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\s*[–—-]\s*(?P<high>\d{1,3}(?:,\d{3})+|\d+))?(?P<plus>\+)?"
)
_FIG = re.compile(_NUM)
_SEP = re.compile(r"\s*-{3,}\s*|,\s+")


def parse_infobox(doc: Document, resolve: Resolver | None = None) -> dict:
    """Structured records of `doc.infobox`.

    `resolve` maps an item's name to a canonical actor name (e.g. the actor
    lexicon's alias lookup); without it the name is the item's text.
    Returns {"sides", "commanders", "strength", "casualties", "totals"}.
    """
    out: dict = {"sides": [], "commanders": [], "strength": [], "casualties": [], "totals": {}}
    entries = []
    for key, (value, span) in doc.infobox.items():
        m = _KEY.match(key.strip())
        if m:
            entries.append((m.group(1).lower(), int(m.group(2)), value, span))
    entries.sort(key=lambda e: (e[0], e[1]))
    n_sides = max((n for kind, n, _, _ in entries if kind == "combatant"), default=0)
    for kind, n, value, span in entries:
        if kind == "combatant":
            out["sides"].append({"side": n, "members": _members(value, span, resolve)})
        elif kind == "commander":
            out["commanders"].extend(_commanders(n, value, span))
        elif kind == "strength":
            out["strength"].append(_figures_record(n, value, span, casualties=False))
        elif kind == "casualties":
            if n_sides and n > n_sides or re.search(r"\btotal\b", value, re.I):
                out["totals"].update(_totals(value))
                out["totals"].setdefault("span", span)
            else:
                out["casualties"].append(_figures_record(n, value, span, casualties=True))
    return out


def _items(value: str, span: Span):
    """(text, Span) of each ", "-separated item; "" for an empty one (a lost flag icon)."""
    for m in re.finditer(r"[^,]*(?:,(?! )[^,]*)*", value):
        raw = m.group(0)
        text = raw.strip()
        if not text:
            if m.start() < len(value) and raw:
                yield "", Span(span.doc, span.start + m.start(), span.start + m.start())
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        yield text, Span(span.doc, span.start + start, span.start + start + len(text))


def _dates(paren: str) -> tuple[str | None, str | None] | None:
    """(from, until) of a parenthetical, or None when it is not a date."""
    p = paren.strip()
    if m := _FROM.match(p):
        return m.group(1), None
    if m := _UNTIL.match(p):
        return None, m.group(1)
    if m := _ONLY.match(p):
        return m.group(1), m.group(1)
    if m := _RANGE.match(p):
        start, end = m.group(1), m.group(2)
        if end and len(end) == 2:
            end = start[:2] + end
        return start, end
    return None


def _members(value: str, span: Span, resolve: Resolver | None) -> list[dict]:
    members: list[dict] = []
    parents: list[str | None] = []  # name at each nesting depth
    for text, ispan in _items(value, span):
        depth = len(text) - len(text.lstrip("*"))
        body = text.lstrip("*").strip()
        if body.endswith(":"):  # "Supported by:" and other captions
            parents = [None]
            continue
        since = until = None
        qualifier = None
        m = _PAREN.search(body)
        if m:
            dates = _dates(m.group(1))
            if dates:
                since, until = dates
            else:
                qualifier = m.group(1).strip()
            body = body[: m.start()].strip()
        if not body:  # "" or a bare "(2013 only)": a flag icon the text lost
            if depth == 0:
                parents = [None]
            continue
        name = body
        if resolve:
            name = resolve(body) or body
        if re.match(r"^other\b", body, re.I):
            name = None
        parent = parents[depth - 1] if 0 < depth <= len(parents) else None
        del parents[depth:]
        parents.append(name)
        rec = {"text": text.lstrip("*").strip(), "name": name, "from": since, "until": until,
               "parent": parent, "depth": depth, "span": ispan}
        if qualifier:
            rec["qualifier"] = qualifier
        members.append(rec)
    return members


def _commanders(side: int, value: str, span: Span) -> list[dict]:
    out = []
    for text, ispan in _items(value, span):
        name, org = text, None
        m = _PAREN.search(name)
        if m:
            org = m.group(1).strip()
            name = name[: m.start()].strip()
        status = None
        s = _STATUS.search(name)
        if s:
            status = s.group(1)
            name = name[: s.start()].strip()
        name = _FLAG_CODE.sub("", name).strip()
        if not name or not re.search(r"[A-Za-z]", name):
            continue
        rec = {"side": side, "name": name, "status": status, "span": ispan}
        if org:
            rec["organisation"] = org
        out.append(rec)
    return out


def _to_int(s: str | None) -> int | None:
    return int(s.replace(",", "")) if s else None


def _figures_record(side: int, value: str, span: Span, casualties: bool) -> dict:
    figures = []
    pending_label = None
    for piece in _SEP.split(value.strip()):
        piece = piece.strip()
        if not piece:
            continue
        matches = [m for m in _FIG.finditer(piece) if not _is_label_year(piece, m)]
        if not matches:
            if not re.fullmatch(r"unknown|n/a|\?", piece, re.I):
                pending_label = piece
            continue
        m = matches[-1]
        label = piece[: m.start()].strip() or None
        tail = piece[m.end():]
        if label is None:
            pm = re.search(r"\(([^()]*)\)", tail)
            label = pm.group(1).strip() if pm else pending_label
        pending_label = None
        low, high = _to_int(m.group("low")), _to_int(m.group("high"))
        if casualties:
            figures.append({"label": label, "killed_low": low, "killed_high": high})
        else:
            figures.append({"label": label, "low": low, "high": high,
                            "approx": bool(m.group("approx"))})
    return {"side": side, "text": value.strip(), "figures": figures, "span": span}


def _is_label_year(piece: str, m: re.Match) -> bool:
    """A year or year range used as a label ("2013–22 (against France) 2,800+")."""
    low = m.group("low")
    if "," in low or m.group("approx") or not re.fullmatch(r"(19|20)\d\d", low):
        return False
    return bool(_FIG.search(piece, m.end()))


def _totals(value: str) -> dict:
    totals: dict = {}
    for piece in _SEP.split(value):
        m = _FIG.search(piece)
        if not m:
            continue
        n = _to_int(m.group("low"))
        p = piece.lower()
        if "refugee" in p:
            totals["refugees"] = n
        elif "internally displaced" in p or "idp" in p:
            totals["idp"] = n
        elif "killed" in p or "dead" in p or "death" in p:
            totals["killed"] = n
        elif "wounded" in p or "injured" in p:
            totals["wounded"] = n
        elif "total" in p or "displaced" in p:
            totals["displaced_total"] = n
    return totals
