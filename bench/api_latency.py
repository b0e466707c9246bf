"""API latency of filtered /api/events on synthetic knowledge bases.

    PYTHONPATH=src python bench/api_latency.py [--sizes 10000 100000] [--repeat 40]

Writes synthetic knowledge bases (bellum.server.testing.write_synthetic_kb, the
real schema) to a temporary folder, serves each with uvicorn on loopback
(one process, the server in a thread), sends each query `--repeat` times in
sequence after a warm-up, and prints p50/p95 wall-clock latency per query as a
markdown table. A measurement, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import httpx

from bellum.server.testing import running_server, write_synthetic_kb

QUERIES = (
    ("first page, no filter", {"limit": 100}),
    ("actor alias + since", {"actor": "FAMa", "since": "2020", "limit": 100}),
    ("type + country + min_fatalities", {"event_type": "Battles", "country": "Mali", "min_fatalities": 10, "limit": 100}),
    ("one year, 1000 rows", {"since": "2015-01", "until": "2015-12", "limit": 1000}),
    ("keyword q (notes + passages)", {"q": "event 1234", "limit": 100}),
    ("CSV, admin1, 1000 rows", {"admin1": "Kidal", "format": "csv", "limit": 1000}),
    ("deep page (offset 5000)", {"limit": 100, "offset": 5000}),
)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure(client: httpx.Client, params: dict, repeat: int) -> tuple[float, float, str]:
    for _ in range(3):  # warm-up: first queries compile plans and fill caches
        r = client.get("/api/events", params=params)
        r.raise_for_status()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = client.get("/api/events", params=params)
        times.append((time.perf_counter() - t0) * 1000)
        r.raise_for_status()
    total = r.headers.get("x-total-count") or str(r.json()["total"])
    return statistics.median(times), percentile(times, 0.95), total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=40)
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bellum-bench-") as tmp:
        for n in args.sizes:
            db = Path(tmp) / f"synthetic-{n}.duckdb"
            t0 = time.perf_counter()
            write_synthetic_kb(db, n)
            built = time.perf_counter() - t0
            print(f"wrote {n} events in {built:.1f} s ({db.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
            with running_server(db) as url, httpx.Client(base_url=url, timeout=60) as client:
                for name, params in QUERIES:
                    p50, p95, total = measure(client, params, args.repeat)
                    rows.append((n, name, total, p50, p95))
    print(f"API latency of GET /api/events, {args.repeat} sequential requests per query after 3 warm-up "
          f"requests; one uvicorn worker on loopback; {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}, DuckDB {duckdb.__version__}.\n")
    print("| events in KB | query | matches | p50 ms | p95 ms |")
    print("| ---: | --- | ---: | ---: | ---: |")
    for n, name, total, p50, p95 in rows:
        print(f"| {n:,} | {name} | {int(total):,} | {p50:.1f} | {p95:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
