"""Verification on a Dask cluster gives the verdicts of a single-process run.

The cluster is a LocalCluster of two worker processes listening on 127.0.0.1 only. Skipped,
with the reason, where the optional `dask` extra is not installed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from scale_projects import make, run

from verifier import cli
from verifier.execution.workers import Execution

distributed = pytest.importorskip(
    "distributed", reason="Dask is optional: pip install 'claim-verifier[dask]' (in .[dev])")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address="127.0.0.1:0") as local:
        yield local


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask") / "project"
    make(folder, 20, 24, seed=3)
    return folder


def test_a_cluster_run_gives_the_single_process_result(cluster: Any, project: Path) -> None:
    alone = run(project, Execution(jobs=1))
    assert run(project, Execution(scheduler=cluster.scheduler_address)) == alone
    assert any(v.verdict == "contradicted" for v in alone.verdicts)


def test_each_worker_compiles_the_engine_once(cluster: Any, project: Path) -> None:
    run(project, Execution(scheduler=cluster.scheduler_address))
    run(project, Execution(scheduler=cluster.scheduler_address))
    with distributed.Client(cluster) as client:
        kept = client.run(lambda: len(
            __import__("verifier.execution.cluster").execution.cluster._ENGINES))
    assert set(kept.values()) <= {0, 1}


def report(project: Path, *options: str) -> tuple[int, bytes]:
    out = project / "report.json"
    result = CliRunner().invoke(cli.cli, ["check", "--root", str(project), "--no-cache",
                                          "--format", f"json:{out}", *options])
    return result.exit_code, out.read_bytes()


def test_check_scheduler_gives_the_bytes_of_a_local_run(cluster: Any, project: Path) -> None:
    assert report(project, "--scheduler", cluster.scheduler_address) == report(
        project, "--jobs", "1")


def test_check_scheduler_local_starts_its_own_cluster(project: Path) -> None:
    assert report(project, "--scheduler", "local", "--jobs", "2") == report(project, "--jobs", "1")
