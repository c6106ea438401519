"""Verification at scale: the cache first, then the articles left, in-process, on worker
processes, or on a Dask cluster; always the same verdicts, in the same order.

`verify_sparse` returns only supported and contradicted verdicts, sorted by (article, claim):
10,000 articles x 1,000 claims are ten million pairs, almost all silent, and one object per pair
would not fit in memory. It can judge the claims' `examples:` in the same pass. Each worker
builds the engine once, from the claims and entities its initializer receives, and is then sent
chunks of tasks: (article, claims to judge) or a claim whose examples to judge.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from verifier import engine as engine_module
from verifier.engine import Engine
from verifier.engine.core import collector_paused
from verifier.execution.backend import CHUNK, Backend, Outcome, Task, chunks, judge_task
from verifier.execution.cache import Lookup, Stats, VerdictCache
from verifier.execution.encoded import Encoded, Verdicts
from verifier.load.corpus import Mapper, Read
from verifier.model import Article, Claim, Entity, Verdict
from verifier.problems import Problem

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

CACHE_FOLDER = ".verifier-cache"  # under the project root, unless told otherwise
# Fewer tasks than this (articles to verify, claims whose examples to judge) run in-process:
# starting workers would cost more.
MIN_PARALLEL = 48
# Runs with more pairs than this keep (and report) only supported and contradicted verdicts.
DENSE_LIMIT = 250_000

@dataclass(frozen=True)
class Execution:
    """How a run verifies: worker processes (`jobs`, None for one per core), an optional cache
    folder, an optional Dask scheduler address ("local" starts a cluster on this machine), and
    the largest run whose every pair is kept as a Verdict."""

    jobs: int | None = None
    cache: Path | None = None
    scheduler: str | None = None
    dense_limit: int = DENSE_LIMIT
    stats: Stats = field(default_factory=Stats, compare=False)


def workers(jobs: int | None) -> int:
    return max(1, jobs if jobs is not None else os.cpu_count() or 1)


@dataclass(frozen=True)
class Judged:
    verdicts: Verdicts  # supported and contradicted, by (article path, claim id)
    # claim id -> the verdict on each of its examples, or the verifier's failure on them
    examples: dict[str, list[Verdict] | Problem]
    failures: list[Problem]  # the articles the verifier failed on (see backend.Outcome)


def verify_sparse(claims: Sequence[Claim], entities: Mapping[str, Entity],
                  articles: Sequence[Article], execution: Execution,
                  examples: Sequence[Claim] = ()) -> Judged:
    """Supported and contradicted verdicts of every pair, and the verdicts on the examples of
    the claims in `examples`; what the cache knows is not judged again (and a failure is never
    cached). Counts land in `execution.stats`."""
    with gc_paused():
        engine = engine_module.Engine(claims, entities)
        cache = VerdictCache(execution.cache, engine) if execution.cache else None
        ordered = sorted(articles, key=lambda a: a.path)
        lookups = [cache.lookup(a) for a in ordered] if cache else [Lookup(a, (), None)
                                                                    for a in ordered]
        known: dict[str, list[Verdict] | Problem] = {
            c.id: found for c in examples if cache and (found := cache.examples(c))}
        asked = [c for c in examples if c.id not in known]
        tasks: list[Task] = [*asked, *((x.article, x.only) for x in lookups
                                       if x.only is None or x.only)]
        judged = iter(_backend(engine, execution, len(tasks))(engine.claims, entities, tasks))
        failures: list[Problem] = []
        try:
            for claim in asked:
                known[claim.id] = outcome = next(judged)
                if cache and not isinstance(outcome, Problem):
                    cache.store_examples(claim, outcome)
            out = _merge(lookups, judged, cache, failures)
        finally:
            if cache:
                cache.close()
    stats = cache.stats if cache else Stats(verified=len(ordered))
    for name, count in stats.__dict__.items():  # added: loading counts the memo's files
        setattr(execution.stats, name, getattr(execution.stats, name) + count)
    return Judged(out, known, failures)


def _merge(lookups: Sequence[Lookup], judged: Iterator[Outcome], cache: VerdictCache | None,
           failures: list[Problem]) -> Verdicts:
    """Cached and new verdicts of each article, in order; new ones go to the cache. An article
    the verifier failed on keeps what the cache knew, and its failure goes to `failures`."""
    out: list[Encoded | Sequence[Verdict]] = []
    for lookup in lookups:
        if lookup.only is None or lookup.only:
            kept = lookup.kept.decode() if isinstance(lookup.kept, Encoded) else lookup.kept
            new = next(judged)
            if isinstance(new, Problem):
                failures.append(new)
                out.append(kept)
                continue
            verdicts = sorted([*kept, *new], key=lambda v: v.claim)
            if cache:
                cache.store(lookup, verdicts)
            out.append(verdicts)
        else:
            out.append(lookup.kept)
    return Verdicts(out)


def dense(listed: Sequence[Verdict], claims: Sequence[Claim],
          articles: Sequence[Article]) -> tuple[Verdict, ...]:
    """Every pair, silent ones included, sorted by (article path, claim id): what
    `engine.verify` returns, built from the verdicts `verify_sparse` lists."""
    found = {(v.article, v.claim): v for v in listed}
    ids = sorted(c.id for c in claims)
    return tuple(found.get((a.path, i)) or Verdict(i, a.path, "silent")
                 for a in sorted(articles, key=lambda a: a.path) for i in ids)


def _backend(engine: Engine, execution: Execution, count: int) -> Backend:
    if execution.scheduler:
        from verifier.execution.cluster import cluster_backend

        return cluster_backend(execution.scheduler, workers(execution.jobs))
    jobs = workers(execution.jobs)
    if jobs == 1 or count < MIN_PARALLEL:
        return lambda _claims, _entities, tasks: [judge_task(engine, t) for t in tasks]
    return lambda claims, entities, tasks: _on_processes(claims, entities, tasks, jobs)


def reader(execution: Execution) -> Mapper | None:
    """How the loader maps its reading over the article files: on `execution.jobs` worker
    processes when there are enough of them (None: in this process)."""
    jobs = workers(execution.jobs)
    if jobs == 1:
        return None

    def read(function: Callable[[str], Read], paths: Sequence[str]) -> Iterable[Read]:
        if len(paths) < MIN_PARALLEL:
            return map(function, paths)
        with _pool(jobs) as pool:
            return list(pool.map(function, paths, chunksize=CHUNK))

    return read


def _on_processes(claims: Sequence[Claim], entities: Mapping[str, Entity],
                  tasks: Sequence[Task], jobs: int) -> list[Outcome]:
    with _pool(jobs, initializer=start_worker, initargs=(tuple(claims), dict(entities))) as pool:
        return [v for part in pool.map(judge_chunk, chunks(tasks))
                for v in _CHUNK.decode(part)]


def _pool(jobs: int, **options: Any) -> ProcessPoolExecutor:
    """A pool of `jobs` worker processes, started the safe way (start_method)."""
    import multiprocessing  # here: 30 ms of imports a warm run does without
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(start_method()),
                               **options)


def start_method() -> str:
    """forkserver where there is one (safe with threads, unlike fork), else spawn."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods and sys.platform != "darwin" else "spawn"


_ENGINE: list[Engine] = []  # the worker's engine, built once by start_worker


def start_worker(claims: tuple[Claim, ...], entities: dict[str, Entity]) -> None:
    _ENGINE[:] = [engine_module.Engine(claims, entities)]


def judge_chunk(tasks: list[Task]) -> bytes:
    """A chunk's outcomes, as msgpack: 6x cheaper for the worker than pickling them, and 2x
    for the parent to decode (2-3% of a cold run's work)."""
    with gc_paused():
        return msgspec.msgpack.encode([judge_task(_ENGINE[0], task) for task in tasks])


_CHUNK = msgspec.msgpack.Decoder(list[Outcome])


def settle() -> None:
    """After a run: its project and verdicts live until the process ends, so the cyclic
    garbage collector stops visiting them (each full pass over a large run, pytest's at the end
    of a session and the interpreter's at exit included, took a second or more)."""
    gc.freeze()


def gc_paused() -> AbstractContextManager[None]:
    """The collector paused while many verdicts are made, and what was made frozen after
    (0.45 s saved after a warm run over 10,000 articles): `collector_paused(freeze=True)`."""
    return collector_paused(freeze=True)
