"""Issue 5's figure: how many of the gold's located events are put within
25 km of the right place, and how many land in the wrong country.

    python bench/geocode_gold.py --db kb.duckdb [--gold ../shared/gold]

Two readings: (1) the geocoder given each gold location name (with the
document's country), (2) the knowledge base's own events, matched to gold
events by the evaluation rule."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from bellum import geo
from bellum.evaluate import evaluate, load_jsonl
from bellum.export import schema_records
from bellum.kb import KnowledgeBase


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--gold", default=str(Path(__file__).resolve().parents[2] / "shared" / "gold"))
    args = ap.parse_args()
    gold_dir = Path(args.gold)
    places = {r["location"]: r for r in csv.DictReader(open(gold_dir / "mali_war.places.csv", encoding="utf-8"))}
    gold = load_jsonl(gold_dir / "mali_war.events.jsonl")
    located = [g for g in gold if g.get("location") and places.get(g["location"], {}).get("level") == "point"]

    near = wrong = 0
    for g in located:
        p = geo.geocode(g["location"], context_text=" ".join(g["quotes"]), doc_countries=[g["country"]])
        ref = places[g["location"]]
        if p.lat is not None and geo.within_km(p.lat, p.lon, float(ref["lat"]), float(ref["lon"])) <= 25:
            near += 1
        if p.country and p.country != ref["country"]:
            wrong += 1
    print(f"geocoder on gold names: {near}/{len(located)} within 25 km ({near / len(located):.1%}), "
          f"{wrong} in the wrong country")

    with KnowledgeBase(args.db) as kb:
        texts = dict(kb.con.execute("SELECT doc_id, text FROM documents").fetchall())
        predicted = list(schema_records(kb.con))
        rows = {r["event_id"]: r for r in kb.con.execute(
            "SELECT event_id, latitude, longitude, country FROM events").fetchdf().to_dict("records")}
    pairs = evaluate(gold, predicted, texts, return_pairs=True)["pairs"]
    near = total = wrong = 0
    for g, p in pairs:
        ref = places.get(g.get("location") or "", {})
        row = rows[p["id"]]
        if row["country"] and g.get("country") and row["country"] != g["country"]:
            wrong += 1
        if ref.get("level") != "point":
            continue
        total += 1
        lat = row["latitude"]
        if lat == lat and lat is not None and geo.within_km(lat, row["longitude"], float(ref["lat"]), float(ref["lon"])) <= 25:
            near += 1
    print(f"pipeline, matched events with a gold point: {near}/{total} within 25 km ({near / max(total, 1):.1%}); "
          f"{wrong} of {len(pairs)} matched events in another country than the gold's")
    


if __name__ == "__main__":
    main()
