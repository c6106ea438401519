"""Verification on a Dask cluster: the optional extra, `pip install 'claim-verifier[dask]'`.

`verifier check --scheduler ADDRESS` sends the articles left to verify, in chunks, to the Dask
scheduler at ADDRESS (such as tcp://10.0.0.5:8786); `--scheduler local` starts a cluster of
worker processes on this machine (listening on 127.0.0.1 only) for the one run.

The claims and entities are scattered to every worker once. A worker compiles the engine on its
first chunk and keeps it for the next chunks and runs with the same claims (a worker-local
cache keyed by their digest). Results are gathered in task order and sorted as a local run's,
so the verdicts are identical to `--jobs 1`. Dask rather than Ray: the work is a pure function
mapped over chunks, which Dask does with less to install and a faster start.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from verifier import engine as engine_module
from verifier.execution.backend import Backend, Outcome, Task, chunks, judge_task
from verifier.execution.cachekeys import digest
from verifier.model import Claim, Entity

LOCAL = "local"
INSTALL = "pip install 'claim-verifier[dask]'"


class MissingDask(RuntimeError):
    """--scheduler without Dask installed."""


def available() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def cluster_backend(address: str, jobs: int) -> Backend:
    """A backend that verifies on the cluster at `address` (LOCAL: `jobs` local workers)."""

    def run(claims: Sequence[Claim], entities: Mapping[str, Entity],
            tasks: Sequence[Task]) -> list[Outcome]:
        if not tasks:
            return []
        with client_for(address, jobs) as client:
            return on_cluster(client, claims, entities, tasks)

    return run


@contextmanager
def client_for(address: str, jobs: int) -> Iterator[Any]:
    """A connected dask.distributed Client; for LOCAL, on a cluster that lives as long."""
    try:
        import distributed
    except ImportError:
        raise MissingDask(f"--scheduler needs Dask: {INSTALL}") from None
    client_class: Any = distributed.Client  # untyped library: Any keeps mypy --strict honest
    if address != LOCAL:
        with client_class(address) as client:
            yield client
        return
    cluster_class: Any = distributed.LocalCluster
    # its HTTP endpoints on a free port of 127.0.0.1 too (a fixed port clashes with a second
    # cluster, and all interfaces are more than a local run needs)
    with cluster_class(n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                       dashboard_address="127.0.0.1:0") as cluster, \
            client_class(cluster) as client:
        yield client


def on_cluster(client: Any, claims: Sequence[Claim], entities: Mapping[str, Entity],
               tasks: Sequence[Task]) -> list[Outcome]:
    """The verdicts of every task, in task order, computed by the cluster's workers."""
    key = digest(["claims and entities", tuple(claims), dict(entities)])
    shared = client.scatter([tuple(claims), dict(entities)], broadcast=True, hash=False)
    futures = [client.submit(judge_on_worker, key, shared[0], shared[1], chunk, pure=False)
               for chunk in chunks(tasks)]
    return [verdicts for part in client.gather(futures) for verdicts in part]


_ENGINES: dict[str, engine_module.Engine] = {}  # on a worker: the engine of the last claim set


def judge_on_worker(key: str, claims: tuple[Claim, ...], entities: dict[str, Entity],
                    chunk: list[Task]) -> list[Outcome]:
    engine = _ENGINES.get(key)
    if engine is None:
        engine = engine_module.Engine(claims, entities)
        _ENGINES.clear()
        _ENGINES[key] = engine
    return [judge_task(engine, task) for task in chunk]
