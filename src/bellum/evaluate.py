"""Score predicted events against gold events (shared event-schema.md rule).

A prediction matches a gold event when (a) one of its source passages
overlaps one of the gold quotes, or, for a prediction without provenance,
(b) its date is within 3 days of the gold date (same month/year at coarser
precision) and its location or both actors agree. Matching is one-to-one.
Field accuracies are over matched pairs.

`gold_sets` reads a folder of gold sets (each `gold.jsonl` one set, scored
against the documents of its slice only); `read_split` restricts them to a
part (dev or blind) of a split file.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date as _date
from functools import lru_cache
from pathlib import Path

from bellum.errors import InvalidArgument, SourceNotReadable

FIELDS = ("event_type", "sub_event_type", "date", "actor1", "actor2", "location", "fatalities")


def load_jsonl(path: str | Path) -> list[dict]:
    path = Path(path)
    if not path.is_file():
        raise SourceNotReadable(f"{path}: no such gold file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise SourceNotReadable(f"{path}: not UTF-8 text (byte {e.start}); give JSON Lines in event-schema v1") from None
    except OSError as e:
        raise SourceNotReadable(f"{path}: cannot read ({e.strerror})") from None
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise SourceNotReadable(f"{path}:{n}: not JSON ({e.msg})") from None
        if not isinstance(rec, dict) or "date" not in rec or "event_type" not in rec:
            raise SourceNotReadable(f"{path}:{n}: not an event-schema v1 record (needs date, event_type)")
        out.append(rec)
    if not out:
        raise SourceNotReadable(f"{path}: no gold events in it; give event-schema v1 records, one JSON object a line")
    return out


def _quote_spans(rec: dict, texts: dict[str, str]) -> list[tuple[str, int, int]]:
    text = texts.get(rec.get("doc"), "")
    spans = []
    for q in rec.get("quotes") or []:
        i = text.find(q) if q else -1
        if i >= 0:
            spans.append((rec["doc"], i, i + len(q)))
    return spans


def _overlap(a: list[tuple[str, int, int]], b: list[tuple[str, int, int]]) -> int:
    best = 0
    for d1, s1, e1 in a:
        for d2, s2, e2 in b:
            if d1 == d2:
                best = max(best, min(e1, e2) - max(s1, s2))
    return best


def _parse(value: str | None):
    if not value:
        return None
    parts = [int(p) for p in str(value).split("-")]
    return _date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def date_right(gold: dict, pred: dict) -> bool:
    """Exact at the gold precision: the same day, month or year."""
    g, p = gold.get("date"), pred.get("date")
    if not g or not p:
        return g == p
    # a range may be of days, months or years: the gold value's own length says which
    width = min({"year": 4, "month": 7}.get(gold.get("date_precision"), 10), len(g))
    return len(p) >= width and p[:width] == g[:width]


def _date_close(gold: dict, pred: dict) -> bool:
    g, p = _parse(gold.get("date")), _parse(pred.get("date"))
    if not g or not p:
        return False
    if len(gold["date"]) == 10 and len(pred.get("date", "")) == 10:
        return abs((g - p).days) <= 3
    width = {"year": 4}.get(gold.get("date_precision"), 7)
    return gold["date"][:width] == pred["date"][:width]


@lru_cache(maxsize=4096)
def _places_agree(gold: str | None, pred: str | None, country: str | None) -> bool:
    """Same place by name, or within 25 km once geocoded (bellum.geo)."""
    if not gold or not pred:
        return not gold and not pred
    from bellum import geo

    return geo.location_agrees(pred, gold, doc_countries=[country] if country else None)


def _location_right(gold: dict, pred: dict) -> bool:
    return _places_agree(gold.get("location"), pred.get("location"), gold.get("country") or pred.get("country"))


def evaluate(gold: list[dict], predicted: list[dict], texts: dict[str, str] | None = None,
             return_pairs: bool = False, docs: set[str] | None = None) -> dict:
    """Precision, recall, F1 and field accuracies of `predicted` against `gold`
    (and the matched pairs themselves with `return_pairs`).

    `texts` maps document ids to their text, to place the gold quotes; a
    prediction's `sources` [{doc, start, end}] are compared with them. Only
    predictions of `docs` count (default: the documents the gold covers)."""
    texts = texts or {}
    if docs is None:
        docs = {g.get("doc") for g in gold}
    predicted = [p for p in predicted if p.get("doc") in docs]  # only documents the gold covers
    gspans = [_quote_spans(g, texts) for g in gold]
    candidates = []  # (score, gi, pi)
    for pi, p in enumerate(predicted):
        psp = [(s["doc"], s["start"], s["end"]) for s in p.get("sources") or []]
        for gi, g in enumerate(gold):
            if psp:
                ov = _overlap(psp, gspans[gi])
                if ov <= 0:
                    continue
                # prefer the pair that also agrees on type and date, then the larger overlap
                score = (g.get("event_type") == p.get("event_type")) * 2 + date_right(g, p) + ov / 1e6
            else:
                if g.get("doc") != p.get("doc") or not _date_close(g, p):
                    continue
                actors = g.get("actor1") == p.get("actor1") and g.get("actor2") == p.get("actor2")
                if not (actors or (g.get("location") and _location_right(g, p))):
                    continue
                score = 1.0
            candidates.append((score, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g, used_p, pairs = set(), set(), []
    for _s, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold[gi], predicted[pi]))
    tp = len(pairs)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    right = dict.fromkeys(FIELDS, 0)
    for g, p in pairs:
        right["event_type"] += g.get("event_type") == p.get("event_type")
        right["sub_event_type"] += g.get("sub_event_type") == p.get("sub_event_type")
        right["date"] += date_right(g, p)
        right["actor1"] += g.get("actor1") == p.get("actor1")
        right["actor2"] += g.get("actor2") == p.get("actor2")
        right["location"] += _location_right(g, p)
        right["fatalities"] += g.get("fatalities") == p.get("fatalities")
    scores = {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "field_accuracy": {k: round(v / tp, 4) if tp else 0.0 for k, v in right.items()},
        "matched": tp,
        "gold": len(gold),
        "predicted": len(predicted),
    }
    if return_pairs:  # the matched (gold, predicted) records, for error analysis
        scores["pairs"] = pairs
    return scores


def evaluate_kb(gold_path: str | Path, kb) -> dict:
    """Score a knowledge base's events against a gold JSONL file."""
    from bellum.export import schema_records

    gold = load_jsonl(gold_path)
    texts = dict(kb.con.execute("SELECT doc_id, text FROM documents").fetchall())
    return evaluate(gold, list(schema_records(kb.con)), texts)


# ---- gold sets: a folder of slices, each `gold.jsonl` one set ------------------

@dataclass
class GoldSet:
    name: str
    path: Path
    docs: set[str]  # the documents the set covers (scored even when they have no gold event)
    gold: list[dict]


def gold_sets(paths: list[str | Path]) -> list[GoldSet]:
    """Each gold file given, and each `gold.jsonl` inside a folder given (recursively).
    A set's documents are the ids of its sibling `sources.csv`, else the stems of its
    sibling `docs/` folder, else the documents its gold names."""
    files: list[tuple[Path, Path | None]] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(p.rglob("gold.jsonl"))
            if not found:
                raise SourceNotReadable(f"{p}: folder has no gold.jsonl")
            files += [(f, p) for f in found]
        else:
            files.append((p, None))
    sets = []
    for f, root in files:
        gold = load_jsonl(f)
        if root is not None:
            rel = f.parent.relative_to(root)
            name = str(rel) if str(rel) != "." else (root.name or f.parent.name)
        else:
            name = f.parent.name if f.name == "gold.jsonl" else f.stem
        sets.append(GoldSet(name, f, _set_docs(f, gold), gold))
    return sets


def _set_docs(f: Path, gold: list[dict]) -> set[str]:
    manifest = f.parent / "sources.csv"
    if manifest.is_file():
        with manifest.open(encoding="utf-8-sig", newline="") as fh:
            ids = {(r.get("id") or "").strip() for r in csv.DictReader(fh)} - {""}
        if ids:
            return ids
    folder = f.parent / "docs"
    if folder.is_dir():
        ids = {d.stem for d in folder.iterdir() if d.is_file()}
        if ids:
            return ids
    return {g.get("doc") for g in gold}


def read_split(path: str | Path, part: str) -> set[str]:
    """The document ids of `part` in a split file (CSV: slice,id,split)."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError) as e:
        why = getattr(e, "strerror", None) or "not a UTF-8 CSV file"
        raise SourceNotReadable(f"{path}: cannot read the split file ({why})") from None
    if not rows or not {"id", "split"} <= set(rows[0]):
        raise InvalidArgument(f"{path}: a split file needs the columns slice,id,split")
    parts = {r["split"] for r in rows}
    if part not in parts:
        raise InvalidArgument(f"--part '{part}': {path} has the parts {', '.join(sorted(parts))}")
    return {r["id"] for r in rows if r["split"] == part}


def evaluate_sets(sets: list[GoldSet], kb, only: set[str] | None = None) -> list[dict]:
    """One score per gold set (its documents only, restricted to `only`), then the
    total over all of them (pooled: every event counts once)."""
    from bellum.export import schema_records

    texts = dict(kb.con.execute("SELECT doc_id, text FROM documents").fetchall())
    predicted = list(schema_records(kb.con))
    rows, all_gold, all_docs = [], [], set()
    for gs in sets:
        docs = gs.docs & only if only is not None else gs.docs
        if only is not None and not docs:
            continue  # a set the split does not cover
        gold = [g for g in gs.gold if g.get("doc") in docs]
        score = evaluate(gold, predicted, texts, docs=docs)
        rows.append({"set": gs.name, "path": str(gs.path), "docs": len(docs), **score})
        all_gold += gold
        all_docs |= docs
    total = evaluate(all_gold, predicted, texts, docs=all_docs)
    rows.append({"set": "total", "path": "", "docs": len(all_docs), **total})
    return rows


def errors(sets: list[GoldSet], kb, only: set[str] | None = None) -> list[dict]:
    """Per-event errors: gold events missed, predictions matching no gold event, and
    the fields a matched pair disagrees on."""
    from bellum.export import schema_records

    texts = dict(kb.con.execute("SELECT doc_id, text FROM documents").fetchall())
    predicted = list(schema_records(kb.con))
    out = []
    for gs in sets:
        docs = gs.docs & only if only is not None else gs.docs
        gold = [g for g in gs.gold if g.get("doc") in docs]
        score = evaluate(gold, predicted, texts, return_pairs=True, docs=docs)
        matched_g = {id(g) for g, _p in score["pairs"]}
        matched_p = {id(p) for _g, p in score["pairs"]}
        for g in gold:
            if id(g) not in matched_g:
                out.append({"set": gs.name, "doc": g.get("doc"), "kind": "missed", "gold": g.get("id"),
                            "predicted": None, "detail": f"{g.get('date')} {g.get('event_type')}: "
                                                         f"{g.get('actor1')} / {g.get('actor2')} @ {g.get('location')}"})
        for p in predicted:
            if p.get("doc") in docs and id(p) not in matched_p:
                out.append({"set": gs.name, "doc": p.get("doc"), "kind": "spurious", "gold": None,
                            "predicted": p.get("id"), "detail": f"{p.get('date')} {p.get('event_type')}: "
                                                               f"{p.get('actor1')} / {p.get('actor2')} @ {p.get('location')}"})
        for g, p in score["pairs"]:
            wrong = [f for f in FIELDS if not _field_right(f, g, p)]
            if wrong:
                out.append({"set": gs.name, "doc": g.get("doc"), "kind": "fields", "gold": g.get("id"),
                            "predicted": p.get("id"),
                            "detail": "; ".join(f"{f}: {p.get(f)!r} (gold {g.get(f)!r})" for f in wrong)})
    return out


def _field_right(f: str, g: dict, p: dict) -> bool:
    if f == "date":
        return date_right(g, p)
    if f == "location":
        return _location_right(g, p)
    return g.get(f) == p.get(f)
