"""Throughput, scaling and memory of `bellum build`, measured side by side.

    PYTHONPATH=src python bench/throughput.py                 # all four parts
    PYTHONPATH=src python bench/throughput.py --parts a,d --reps 5

(a) bellum build (local engine, end to end) against bare spaCy `nlp.pipe`
    of the same model on the same texts, alternating, medians;
(b) the Dask engine with 1 and 2 workers on the same corpus, alternating;
(c) peak memory (RSS) per worker, and of the driver, for corpora of 1x, 10x
    and 100x the article (copies under distinct file names), each size in a
    fresh process and a fresh LocalCluster;
(d) seconds per stage: read, nlp, extraction, merge (assemble), write.

The machine is shared and noisy: only medians and ratios measured in the
same run mean anything. Results are printed and written as JSON to --out.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "data" / "corpus" / "mali_war.txt"


def make_corpus(folder: Path, copies: int, slice_chars: int | None = None) -> dict:
    """`copies` of the article as distinct documents; a slice ends at a paragraph."""
    text = ARTICLE.read_text(encoding="utf-8")
    if slice_chars and slice_chars < len(text):
        cut = text.rfind("\n\n", 0, slice_chars)
        text = text[: cut if cut > 0 else slice_chars] + "\n"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        (folder / f"report_{i:04d}.txt").write_text(text, encoding="utf-8")
    return {"docs": copies, "words": copies * len(text.split()), "chars": copies * len(text)}


def median(xs):
    return round(statistics.median(xs), 3)


def alternate(reps: int, runs: dict) -> dict:
    """Run each callable `reps` times, alternating the order; seconds per run."""
    names = list(runs)
    times = {n: [] for n in names}
    for rep in range(reps):
        for n in names if rep % 2 == 0 else reversed(names):
            t = time.perf_counter()
            runs[n]()
            times[n].append(time.perf_counter() - t)
    return times


# (a) -------------------------------------------------------------------------


def part_a(tmp: Path, copies: int, reps: int) -> dict:
    import spacy

    from bellum.kb import build
    from bellum.nlp.pipeline import MODEL, load_nlp

    folder = tmp / "a"
    size = make_corpus(folder, copies)
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    bare = spacy.load(MODEL)
    load_nlp()  # both models loaded before timing

    def run_bellum():
        build([folder], db=tmp / "a.duckdb").close()

    def run_spacy():
        for _ in bare.pipe(texts, batch_size=16):
            pass

    run_bellum(), run_spacy()  # warm up
    times = alternate(reps, {"bellum": run_bellum, "spacy": run_spacy})
    out = {"corpus": size, "reps": reps}
    for name, ts in times.items():
        m = statistics.median(ts)
        out[name] = {"median_s": round(m, 3), "words_per_s": round(size["words"] / m), "docs_per_s": round(size["docs"] / m, 3),
                     "runs_s": [round(t, 3) for t in ts]}
    out["ratio_bellum_to_spacy"] = round(out["spacy"]["median_s"] / out["bellum"]["median_s"], 3)
    return out


# (b) -------------------------------------------------------------------------


def part_b(tmp: Path, copies: int, reps: int) -> dict:
    from bellum.scale import build_dask

    folder = tmp / "b"
    size = make_corpus(folder, copies)
    profiles = {1: [], 2: []}

    def runner(n):
        def run():
            prof = {}
            build_dask([folder], db=tmp / f"b{n}.duckdb", workers=n, profile=prof).close()
            profiles[n].append(prof)
        return run

    times = alternate(reps, {1: runner(1), 2: runner(2)})
    out = {"corpus": size, "reps": reps}
    for n in (1, 2):
        wall = statistics.median(times[n])
        dist = statistics.median(p["seconds"]["distributed"] for p in profiles[n])
        out[f"workers_{n}"] = {
            "wall_median_s": round(wall, 3), "words_per_s": round(size["words"] / wall),
            "distributed_median_s": round(dist, 3), "distributed_words_per_s": round(size["words"] / dist),
            "partitions": profiles[n][-1]["partitions"],
            # how much of n cores the workers got: CPU seconds / (n x wall of the distributed phase)
            "core_share_median": median([p["worker_cpu_seconds"] / (n * p["seconds"]["distributed"]) for p in profiles[n]]),
            # the same per worker (sorted): the CPU each worker process got
            "core_share_each_median": [median(xs) for xs in zip(*[
                sorted(c / p["seconds"]["distributed"] for c in p["worker_cpu_seconds_each"].values())
                for p in profiles[n]])],
            "stages_median_s": {k: median([p["seconds"][k] for p in profiles[n]]) for k in profiles[n][0]["seconds"]},
            "runs_s": [round(t, 3) for t in times[n]],
        }
    out["speedup_wall"] = round(out["workers_1"]["wall_median_s"] / out["workers_2"]["wall_median_s"], 3)
    out["speedup_distributed"] = round(out["workers_1"]["distributed_median_s"] / out["workers_2"]["distributed_median_s"], 3)
    # the speedup if both workers had had whole cores: 2 x the ratio of core shares
    out["speedup_per_core_share"] = round(out["speedup_distributed"] * out["workers_1"]["core_share_median"]
                                          / out["workers_2"]["core_share_median"], 3)
    return out


# (c) -------------------------------------------------------------------------


def memory_child(copies: int, workers: int, slice_chars: int | None) -> None:
    """One corpus size in this fresh process: print the build's profile as JSON."""
    from bellum.scale import build_dask

    with tempfile.TemporaryDirectory(prefix="bellum-bench-mem-") as d:
        folder = Path(d) / "in"
        size = make_corpus(folder, copies, slice_chars)
        prof = {}
        t = time.perf_counter()
        build_dask([folder], db=Path(d) / "kb.duckdb", workers=workers, profile=prof).close()
        prof["wall_s"] = round(time.perf_counter() - t, 3)
        prof["corpus"] = size
    print(json.dumps(prof))


def part_c(sizes: list[int], workers: int, slice_chars: int | None) -> dict:
    out = {"workers": workers, "slice_chars": slice_chars, "sizes": {}}
    for copies in sizes:
        cmd = [sys.executable, __file__, "--child-memory", str(copies), "--workers", str(workers)]
        if slice_chars:
            cmd += ["--slice", str(slice_chars)]
        r = subprocess.run(cmd, capture_output=True, text=True, env=os.environ)
        if r.returncode != 0:
            raise SystemExit(f"memory run {copies}x failed:\n{r.stderr[-3000:]}")
        prof = json.loads(r.stdout.strip().splitlines()[-1])
        peaks = prof["worker_peak_rss_mb"]
        out["sizes"][f"{copies}x"] = {
            "corpus": prof["corpus"], "wall_s": prof["wall_s"], "partitions": prof["partitions"],
            "worker_peak_rss_mb": sorted(peaks.values()), "max_worker_peak_rss_mb": max(peaks.values()),
            "worker_start_rss_mb": prof["worker_start_rss_mb"],
            "driver_peak_rss_mb": prof["driver_peak_rss_mb"], "stages_s": {k: round(v, 3) for k, v in prof["seconds"].items()},
        }
        print(f"  {copies}x: {prof['wall_s']} s, {prof['partitions']} partitions, worker peaks {sorted(peaks.values())} MB "
              f"(from {prof['worker_start_rss_mb']} MB at a partition's start), "
              f"driver {prof['driver_peak_rss_mb']} MB", file=sys.stderr)
    peaks = [v["max_worker_peak_rss_mb"] for v in out["sizes"].values()]
    out["worker_peak_growth"] = round(max(peaks) / min(peaks) - 1, 3)
    return out


# (d) -------------------------------------------------------------------------


def part_d(tmp: Path, copies: int, reps: int) -> dict:
    from bellum import store
    from bellum.export import event_row
    from bellum.extract import Resources, process_document
    from bellum.kb import assemble
    from bellum.nlp.pipeline import load_nlp, parse
    from bellum.sources import read_paths

    folder = tmp / "d"
    size = make_corpus(folder, copies)
    load_nlp()
    res = Resources.load()
    stages = {k: [] for k in ("read", "nlp", "extraction", "merge", "write")}
    for _ in range(reps):
        t = time.perf_counter()
        docs = read_paths([folder])
        t1 = time.perf_counter()
        sdocs = list(parse(d.text for d in docs))
        t2 = time.perf_counter()
        results = [process_document(d, s, res) for d, s in zip(docs, sdocs)]
        t3 = time.perf_counter()
        data = assemble(results)
        t4 = time.perf_counter()
        store.write(data, tmp / "d.duckdb", event_row)
        t5 = time.perf_counter()
        for k, a, b in (("read", t, t1), ("nlp", t1, t2), ("extraction", t2, t3), ("merge", t3, t4), ("write", t4, t5)):
            stages[k].append(b - a)
        del sdocs
    total = sum(statistics.median(v) for v in stages.values())
    return {"corpus": size, "reps": reps,
            "median_s": {k: median(v) for k, v in stages.items()},
            "share": {k: round(statistics.median(v) / total, 3) for k, v in stages.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parts", default="a,b,c,d", help="which parts to run (a,b,c,d)")
    ap.add_argument("--reps", type=int, default=3, help="repetitions per measurement (medians)")
    ap.add_argument("--copies-a", type=int, default=4, help="article copies for (a) and (d)")
    ap.add_argument("--copies-b", type=int, default=8, help="article copies for (b)")
    ap.add_argument("--sizes", default="1,10,100", help="corpus sizes for (c), in article copies")
    ap.add_argument("--workers", type=int, default=2, help="workers for (c)")
    ap.add_argument("--slice", type=int, default=None, help="(c): characters of the article per document")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "throughput.json")
    ap.add_argument("--child-memory", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_memory is not None:
        memory_child(args.child_memory, args.workers, args.slice)
        return
    parts = set(args.parts.split(","))
    report = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    with tempfile.TemporaryDirectory(prefix="bellum-bench-") as d:
        tmp = Path(d)
        if "a" in parts:
            print("(a) bellum build vs bare spaCy ...", file=sys.stderr)
            report["a_bellum_vs_spacy"] = part_a(tmp, args.copies_a, args.reps)
        if "d" in parts:
            print("(d) stages ...", file=sys.stderr)
            report["d_stages_local"] = part_d(tmp, args.copies_a, args.reps)
        if "b" in parts:
            print("(b) Dask 1 vs 2 workers ...", file=sys.stderr)
            report["b_dask_workers"] = part_b(tmp, args.copies_b, args.reps)
        if "c" in parts:
            print("(c) memory per worker ...", file=sys.stderr)
            report["c_memory"] = part_c([int(s) for s in args.sizes.split(",")], args.workers, args.slice)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
