"""The same build on a Dask cluster.

    kb = build_dask(["reports/"], db="kb.duckdb", workers=4)              # LocalCluster
    kb = build_dask(["/shared/reports"], db="/shared/kb.duckdb", scheduler="tcp://10.0.0.5:8786")

The driver lists the input files (stat only, it never reads a text) and cuts
them into contiguous partitions of bounded size. Each worker loads the spaCy
model and the extraction resources once, reads its partition's files itself,
runs `kb.process_documents` (the local engine's pipeline, the same
`process_document`) and writes the partition as a Parquet shard. The driver
then reads the shards back in input order and merges them with `kb.assemble`
and `store.write`, exactly as the local engine does, so both engines give
the same knowledge base.

A shard is a folder `part-NNNNN/` with one Parquet file per table of
`export.PARQUET_TABLES` (the layout of `bellum export --format parquet`,
holding the partition's facts before cross-document inference) plus
`results.parquet`: one row per document with its whole `DocResult` as
tagged JSON, which the merge decodes losslessly.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import importlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from distributed.diagnostics.plugin import WorkerPlugin

from bellum import kb as _kb
from bellum import store
from bellum.errors import ClusterUnavailable, InvalidArgument, ShardInvalid
from bellum.model import DocResult
from bellum.sources import source_files

DEFAULT_WORKERS = 2
# Text bytes per partition: bounds what one worker holds at once (its
# DocResults until the shard is written, about 130 bytes per character of
# text), whatever the corpus size.
PARTITION_BYTES = 256 * 2**10
# Text of one nlp.pipe batch on a worker. spaCy's working memory grows with
# the batch (about 3 kB per character), so a worker parses a long document
# alone and only short ones together; its peak then does not depend on how
# many documents a partition holds. Results do not depend on the batching.
WORKER_BATCH_CHARS = 10_000
# Partitions per worker at least, so a slow partition does not idle the rest.
PARTITIONS_PER_WORKER = 4
CONNECT_TIMEOUT = 30  # seconds to reach a --scheduler and see a worker
RESULTS_FILE = "results.parquet"


# --- inputs and partitions -------------------------------------------------


def partitions(sizes: list[int], min_parts: int, max_bytes: int = PARTITION_BYTES) -> list[range]:
    """Cut files (their byte sizes, in order) into contiguous index ranges.

    Each range holds at most `max_bytes` (a bigger file gets a range of its
    own) and, when the corpus allows, there are at least `min_parts` ranges."""
    total = sum(sizes)
    limit = max(1, min(max_bytes, -(-total // max(1, min_parts))))
    out, start, acc = [], 0, 0
    for i, size in enumerate(sizes):
        if i > start and acc + size > limit:
            out.append(range(start, i))
            start, acc = i, 0
        acc += size
    if start < len(sizes):
        out.append(range(start, len(sizes)))
    return out


# --- on a worker -----------------------------------------------------------


@lru_cache(maxsize=1)
def _resources():
    """Extraction resources, loaded once per worker process."""
    from bellum.extract import Resources

    return Resources.load()


class LoadModel(WorkerPlugin):
    """Load the spaCy model and the extraction resources when a worker starts."""

    name = "bellum-load-model"

    def setup(self, worker):
        # The shard writer's libraries too: a worker's memory is then the same
        # from its first partition to its last.
        import duckdb  # noqa: F401
        import pandas  # noqa: F401
        import pyarrow.parquet  # noqa: F401

        from bellum.nlp.pipeline import load_nlp

        load_nlp()
        _resources()
        _warm_up()


# Invented, not from any corpus: it only has to pass through every stage.
WARM_UP_TEXT = ("Gunmen attacked an army post near Menaka on 4 May 2021, killing three soldiers.\n\n"
                "The army said it had retaken the town of Anderamboukane two days later.\n")


def _warm_up() -> None:
    """Run one tiny document through the pipeline and the shard writer.

    Their first use keeps about 50-60 MB for good (DuckDB, pandas, pyarrow and
    spaCy allocate caches and pools once). Paying it at start-up makes a
    worker's peak the same for its first partition and its hundredth, so the
    peak does not depend on how many partitions a worker runs."""
    from bellum.model import Document

    doc = Document(id="warm-up", text=WARM_UP_TEXT, title="warm-up", format="text", path="warm-up.txt")
    results = list(_kb.process_documents([doc], resources=_resources(), batch_chars=WORKER_BATCH_CHARS))
    with tempfile.TemporaryDirectory(prefix="bellum-warm-up-") as d:
        write_shard(results, Path(d) / "part-00000")


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB.

    On Linux from VmHWM: ru_maxrss survives exec, so a process started from
    a big parent would report the parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (2**20 if sys.platform == "darwin" else 2**10), 1)


def rss_mb() -> float | None:
    """This process's resident memory now, in MB (Linux; None elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _release_memory() -> None:
    """Give the freed memory of a partition back to the system.

    Tasks run in a Dask thread whose malloc arena keeps freed blocks: without
    this a worker's resident memory between partitions crept up by about 5 MB a
    partition (measured over 10); with it, it stays flat. glibc only."""
    import gc

    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl)
        pass


def process_partition(index: int, files: list[tuple[str, str]], shard_root: str,
                      batch_chars: int = WORKER_BATCH_CHARS) -> dict:
    """Read, extract and write one partition's shard; runs on a worker.

    `files` holds (absolute path to read, path as the user gave it[, the
    metadata a build manifest gives it]); returns a small summary (shard
    folder, counts, seconds per stage, peak memory)."""
    from bellum.sources import read_file
    from bellum.sources.manifest import apply

    t0, cpu0 = time.perf_counter(), time.process_time()
    rss0 = rss_mb()
    docs = []
    for path, shown, *meta in files:
        doc = read_file(path)
        doc.path = shown  # the path the local engine would store
        docs.append(apply(doc, meta[0] if meta else {}))
    t1 = time.perf_counter()
    results = list(_kb.process_documents(docs, resources=_resources(), batch_chars=batch_chars))
    t2 = time.perf_counter()
    folder = Path(shard_root) / f"part-{index:05d}"
    write_shard(results, folder)
    t3 = time.perf_counter()
    summary_docs, summary_chars = len(results), sum(len(r.document.text) for r in results)
    last_doc = results[-1].document.id if results else ""
    del docs, results
    _release_memory()
    try:
        from distributed import get_worker

        worker = get_worker().address
    except ValueError:  # called outside a worker (tests, the bench)
        worker = f"pid-{os.getpid()}"
    return {
        "index": index, "shard": str(folder), "docs": summary_docs, "chars": summary_chars, "last_doc": last_doc,
        "seconds": {"read": t1 - t0, "pipeline": t2 - t1, "shard_write": t3 - t2},
        "cpu_seconds": time.process_time() - cpu0,  # < wall when the machine is shared
        "worker": worker, "peak_rss_mb": peak_rss_mb(), "start_rss_mb": rss0,
    }


# --- shards ----------------------------------------------------------------


def write_shard(results: list[DocResult], folder: Path) -> None:
    """Write one partition as a shard folder (replacing it atomically)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from bellum.export import event_row, write_parquet

    folder = Path(folder)
    tmp = folder.with_name(f".{folder.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        tmp.mkdir(parents=True)
        # The table layout: the partition's facts before cross-document inference.
        actors = {}
        for r in results:
            for a in r.actors:
                actors.setdefault(a.name, a)
        data = store.KnowledgeData(
            results=results, events=[e for r in results for e in r.events], actors=list(actors.values()),
            relations=[rel for r in results for rel in r.relations], leaders=[ld for r in results for ld in r.leaders],
        )
        db = tmp / "shard.duckdb"
        store.write(data, db, event_row, meta={"shard": folder.name})
        con = store.duckdb_connect(db, read_only=True)
        try:
            write_parquet(con, tmp)
        finally:
            con.close()
        db.unlink()
        table = pa.table({
            "doc_id": [r.document.id for r in results],
            "result": [json.dumps(encode(r), ensure_ascii=False) for r in results],
        })
        pq.write_table(table, tmp / RESULTS_FILE, compression="zstd")
        if folder.exists():  # a retried task: the newer copy wins
            shutil.rmtree(folder)
        os.replace(tmp, folder)
    except OSError as e:
        raise ShardInvalid(f"{folder}: cannot write the shard ({e.strerror or e}); check the shard folder is writable") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def read_shard(folder: Path) -> list[DocResult]:
    """The DocResults of one shard, in input order."""
    import pyarrow.parquet as pq

    path = Path(folder) / RESULTS_FILE
    try:
        column = pq.read_table(path, columns=["result"]).column("result").to_pylist()
    except (OSError, ValueError) as e:
        raise ShardInvalid(f"{path}: cannot read the shard ({str(e).splitlines()[0][:120]}); rebuild") from None
    return [decode(json.loads(s)) for s in column]


# Tagged JSON for dataclasses and the containers JSON lacks; only classes
# from bellum's own modules are rebuilt (a shard cannot name arbitrary code).
def encode(value):
    """A JSON-ready form of `value` that `decode` turns back into an equal value."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        out = {"__dc__": f"{cls.__module__}:{cls.__qualname__}"}
        for f in dataclasses.fields(value):
            out[f.name] = encode(getattr(value, f.name))
        return out
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v) for v in value]}
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("__") for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {"__items__": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, (set, frozenset)):
        return {"__set__": [encode(v) for v in value], "frozen": isinstance(value, frozenset)}
    if isinstance(value, _dt.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, _dt.date):
        return {"__date__": value.isoformat()}
    raise ShardInvalid(f"cannot store a {type(value).__name__} in a shard; extraction results must be dataclasses, "
                       "containers, dates or plain values")


def decode(value):
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__dc__" in value:
        cls = _dataclass(value["__dc__"])
        init = {f.name: decode(value[f.name]) for f in dataclasses.fields(cls) if f.init and f.name in value}
        obj = cls(**init)
        for f in dataclasses.fields(cls):
            if not f.init and f.name in value:
                object.__setattr__(obj, f.name, decode(value[f.name]))
        return obj
    if "__tuple__" in value:
        return tuple(decode(v) for v in value["__tuple__"])
    if "__items__" in value:
        return {decode(k): decode(v) for k, v in value["__items__"]}
    if "__set__" in value:
        items = (decode(v) for v in value["__set__"])
        return frozenset(items) if value.get("frozen") else set(items)
    if "__datetime__" in value:
        return _dt.datetime.fromisoformat(value["__datetime__"])
    if "__date__" in value:
        return _dt.date.fromisoformat(value["__date__"])
    return {k: decode(v) for k, v in value.items()}


@lru_cache(maxsize=None)
def _dataclass(name: str):
    module, _, qualname = name.partition(":")
    if module != "bellum" and not module.startswith("bellum."):
        raise ShardInvalid(f"shard names class {name}, which is not bellum's; rebuild the shards")
    obj = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part, None)
    if not (isinstance(obj, type) and dataclasses.is_dataclass(obj)):
        raise ShardInvalid(f"shard names class {name}, which this bellum does not have; rebuild the shards")
    return obj


# --- the driver ------------------------------------------------------------


@contextmanager
def cluster_client(workers: int | None = None, scheduler: str | None = None):
    """A Dask client: on `scheduler` if given, else on a LocalCluster of
    `workers` processes (1 thread each, loopback only, no dashboard).
    The cluster is closed when the block ends."""
    from distributed import Client, LocalCluster

    if workers is not None and scheduler:
        raise InvalidArgument("give --workers or --scheduler, not both (a scheduler brings its own workers)")
    if workers is not None and workers < 1:
        raise InvalidArgument(f"--workers {workers}: need 1 or more")
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as e:
            raise ClusterUnavailable(
                f"cannot reach the Dask scheduler at {scheduler} ({str(e).splitlines()[0][:120]}); "
                "start one with `dask scheduler` or drop --scheduler"
            ) from None
        with client:
            try:
                client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
            except TimeoutError:
                raise ClusterUnavailable(
                    f"the Dask scheduler at {scheduler} has no workers; start some with `dask worker {scheduler}`"
                ) from None
            yield client
        return
    # No dashboard; the scheduler's small HTTP server (health checks) still
    # runs, so put it on a free loopback port rather than 8787.
    with LocalCluster(n_workers=workers or DEFAULT_WORKERS, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        with Client(cluster, set_as_default=False) as client:
            yield client


def build_dask(paths, db: str | Path = "bellum.duckdb", workers: int | None = None, scheduler: str | None = None,
               progress: _kb.Progress | None = None, keep_shards: str | Path | None = None,
               partition_bytes: int = PARTITION_BYTES, batch_chars: int = WORKER_BATCH_CHARS,
               profile: dict | None = None, manifest=None,
               warn=None) -> _kb.KnowledgeBase:
    """`kb.build` on a Dask cluster: same input, same knowledge base at `db`.

    Shards go to `keep_shards` (kept) or to a temporary folder next to `db`
    (removed); with a remote `scheduler` both must be on a filesystem every
    worker shares, like the input paths. `partition_bytes` and `batch_chars`
    bound a partition's text and one spaCy batch on a worker (memory; the
    results do not depend on them). `profile`, if given, is filled with
    seconds per stage and each worker's peak memory and CPU seconds."""
    from distributed import as_completed

    from bellum.export import event_row

    started = time.time()
    db = Path(db)
    files = source_files(paths)
    man = _kb.load_manifest(manifest)
    from bellum.sources.manifest import metadata

    metas = [metadata(man.row_for(f)) if man is not None else {} for f in files]
    _kb.manifest_warnings(man, warn)
    store.check_target(db)
    sizes = [f.stat().st_size for f in files]
    if keep_shards is not None:
        shard_root = Path(keep_shards).absolute()
        shard_root.mkdir(parents=True, exist_ok=True)
        stale = sorted(shard_root.glob("part-*"))
        if stale:
            raise InvalidArgument(f"{shard_root}: already holds shards ({stale[0].name}...); give an empty folder")
    else:
        db.absolute().parent.mkdir(parents=True, exist_ok=True)
        shard_root = Path(tempfile.mkdtemp(prefix=f".{db.name}.shards-", dir=db.absolute().parent))
    prof = profile if profile is not None else {}
    stages = prof.setdefault("seconds", {})
    try:
        t = time.perf_counter()
        with cluster_client(workers, scheduler) as client:
            client.register_plugin(LoadModel(), name=LoadModel.name)
            n_workers = max(1, len(client.scheduler_info()["workers"]))
            stages["cluster_start"] = time.perf_counter() - t
            parts = partitions(sizes, n_workers * PARTITIONS_PER_WORKER, partition_bytes)
            t = time.perf_counter()
            token = uuid.uuid4().hex[:8]
            futures = [
                client.submit(process_partition, i, [(os.path.abspath(files[j]), str(files[j]), metas[j]) for j in part],
                              str(shard_root), batch_chars, key=f"bellum-partition-{i:05d}-{token}", pure=False)
                for i, part in enumerate(parts)
            ]
            summaries, done = [None] * len(parts), 0
            try:
                for fut in as_completed(futures, loop=client.loop):
                    s = fut.result()  # re-raises a worker's error (e.g. SourceNotReadable) here
                    summaries[s["index"]] = s
                    done += s["docs"]
                    if progress:
                        progress(done, len(files), s["last_doc"])
            except BaseException:
                client.cancel(futures)
                raise
            stages["distributed"] = time.perf_counter() - t
        for key in ("read", "pipeline", "shard_write"):
            stages[key] = sum(s["seconds"][key] for s in summaries)
        peaks: dict[str, float] = {}
        for s in summaries:
            peaks[s["worker"]] = max(peaks.get(s["worker"], 0.0), s["peak_rss_mb"])
        cpu: dict[str, float] = {}
        for s in summaries:
            cpu[s["worker"]] = cpu.get(s["worker"], 0.0) + s["cpu_seconds"]
        prof.update(workers=n_workers, partitions=len(parts), worker_peak_rss_mb=peaks,
                    worker_cpu_seconds=sum(cpu.values()), worker_cpu_seconds_each=cpu,
                    # resident memory of a worker when a partition starts: its baseline
                    worker_start_rss_mb=max((s["start_rss_mb"] or 0.0) for s in summaries))

        t = time.perf_counter()
        results = [r for s in summaries for r in read_shard(Path(s["shard"]))]
        stages["merge_read"] = time.perf_counter() - t
        t = time.perf_counter()
        data = _kb.assemble(results)
        stages["assemble"] = time.perf_counter() - t
        t = time.perf_counter()
        meta = {"build_seconds": round(time.time() - started, 2), "engine": "dask", "workers": n_workers,
                "partitions": len(parts)}
        store.write(data, db, event_row, meta=meta)
        stages["write"] = time.perf_counter() - t
    finally:
        if keep_shards is None:
            shutil.rmtree(shard_root, ignore_errors=True)
    prof["driver_peak_rss_mb"] = peak_rss_mb()
    return _kb.KnowledgeBase(db)
