"""Run the structure probe set against a knowledge base.

    python tests/probes/run_probes.py --db kb.duckdb [--probes tests/probes/mali_war.json] [-v]

Prints each failed probe and the share answered right.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bellum import structure
from bellum.errors import BellumError
from bellum.infer.control import fold, point_of

HERE = Path(__file__).parent


def _canon(con, name: str) -> str:
    return structure.match_actor(con, name) or name


def _same(con, a: str | None, b: str) -> bool:
    return bool(a) and fold(_canon(con, a)) == fold(_canon(con, b))


def _relations(con):
    return structure._rows(con, "SELECT * FROM relations")


def check(con, p: dict) -> tuple[bool, object]:
    """(answered right, what the knowledge base says) for one probe."""
    kind = p["kind"]
    if kind in ("control", "control_not"):
        try:
            holders = structure.control(con, p["place"], at=p["at"])["holders"]
        except BellumError as err:
            # a place never recorded is held by nobody the probe rules out
            return kind == "control_not" and "no control record" in str(err), str(err)
        # an inferred or stale holder is shown as such, never as the current holder
        got = [(h["actor"], h["inferred"] or h.get("stale", False)) for h in holders]
        if kind == "control_not":
            current = [a for a, unsure in got if not unsure]
            return not any(_same(con, a, x) for a in current for x in p["absent"]), got
        expect = p["expect"]
        hit = any(_same(con, a, e) for a, _ in got for e in expect)
        stray = [a for a, unsure in got if not unsure and not any(_same(con, a, e) for e in expect)]
        return hit and not stray, got
    rels = _relations(con)

    def pair(r, symmetric=False):
        fwd = _same(con, r["source"], p["source"]) and _same(con, r["target"], p["target"])
        back = _same(con, r["source"], p["target"]) and _same(con, r["target"], p["source"])
        return fwd or (symmetric and back)

    if kind in ("merged_into", "split_from"):
        kinds = ("merge", "member") if kind == "merged_into" else ("split",)
        got = [(r["kind"], r["start_date"]) for r in rels if r["kind"] in kinds and pair(r)]
        return any((s or "")[:4] == p["year"] for _, s in got), got
    if kind in ("member_at", "alliance_at", "hostility_at"):
        k = kind.split("_")[0]
        t = point_of(p["at"])
        got = [(r["start_date"], r["end_date"]) for r in rels
               if r["kind"] == k and pair(r, symmetric=k != "member")]
        active = any(structure._holds(s, e, t) for s, e in got)
        return active == p["expect"], got
    if kind == "leader":
        rows = structure._rows(con, "SELECT person, fate, fate_date FROM leaders")
        key = fold(p["person"])
        got = [(r["person"], r["fate"], r["fate_date"]) for r in rows
               if fold(r["person"]) == key or key.endswith(" " + fold(r["person"]))]
        return any(f in p["fates"] for _, f, _ in got), got
    raise ValueError(f"unknown probe kind {kind!r}")


def run(con, probes: list[dict]) -> list[tuple[dict, bool, object]]:
    return [(p, *check(con, p)) for p in probes]


def load(path: Path = HERE / "mali_war.json") -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))["probes"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", required=True)
    ap.add_argument("--probes", default=str(HERE / "mali_war.json"),
                    help="a probe file (mali_war.json, or devsets.json on a KB of its `texts`)")
    ap.add_argument("-v", action="store_true", help="print passing probes too")
    a = ap.parse_args(argv)
    con = structure.open_db(a.db)
    results = run(con, load(Path(a.probes)))
    for p, ok, got in results:
        if a.v or not ok:
            print(f"{'ok  ' if ok else 'FAIL'} {p['id']} {p['kind']} "
                  f"{ {k: v for k, v in p.items() if k not in ('id', 'kind', 'passage')} } -> {got}")
    n = sum(ok for _, ok, _ in results)
    print(f"{n}/{len(results)} probes right ({100 * n / len(results):.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
