"""The local engine on every core: batches of documents parsed and extracted
in worker processes, results returned in input order.

The parent loads the spaCy model and the extraction resources once, then
forks its workers (Linux), which share them: a worker costs no start-up of its
own (spaCy's own `n_process` forks the same way). Where fork is not offered the
workers are spawned and each loads them (`_init`). Workers turn batches
(`kb._batches`, cut by text size as in one process) into DocResults.
`process_documents` is a pure function of each document, so the results equal
a one-process run (a test compares every table). A corpus of one batch runs
in-process."""

from __future__ import annotations

import multiprocessing
import os
from typing import Iterator

from bellum.model import DocResult

_RES = None  # the extraction resources, loaded before the fork (or by each spawned worker)
UNCUT = 10**12  # a batch_chars no batch reaches


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init() -> None:
    global _RES
    from bellum.extract import Resources
    from bellum.nlp.pipeline import load_nlp

    _RES = Resources.load()
    load_nlp()


def _run(batch: list) -> list[DocResult]:
    from bellum.kb import process_documents

    # the batch was already cut by size in the parent: one nlp.pipe call for all of it
    return list(process_documents(batch, resources=_RES, batch_chars=UNCUT))


def _context():
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def process_parallel(docs: list, jobs: int, progress=None,
                     batch_chars: int | None = None) -> Iterator[DocResult]:
    """`kb.process_documents` over `jobs` worker processes, in input order."""
    from bellum.kb import BATCH_CHARS, _batches, process_documents

    batches = list(_batches(docs, batch_chars or BATCH_CHARS))
    jobs = min(jobs, len(batches))
    if jobs <= 1:
        yield from process_documents(docs, progress, batch_chars=batch_chars)
        return
    done = 0
    ctx = _context()
    forked = ctx.get_start_method() == "fork"
    if forked:
        _init()  # before the fork: every worker shares the loaded model and resources
    with ctx.Pool(jobs, initializer=None if forked else _init) as pool:
        for results in pool.imap(_run, batches):
            for r in results:
                done += 1
                if progress:
                    progress(done, len(docs), r.document.id)
                yield r
