"""Worker processes change nothing but speed: `--jobs N` gives the bytes of `--jobs 1`, and a
sparse result (runs too large to list every pair) renders like the dense one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from scale_projects import TODAY, make, run

from verifier import cli
from verifier.execution import runner
from verifier.execution import workers as parallel
from verifier.execution.workers import Execution
from verifier.report import RENDERERS, render

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """More articles than parallel.MIN_PARALLEL, so the pool really runs."""
    folder = tmp_path_factory.mktemp("wide") / "project"
    make(folder, parallel.MIN_PARALLEL + 12, 24, seed=5)
    return folder


def tasks(folder: Path) -> int:
    """One task per article and one per claim with examples (judged in the same pass)."""
    project = runner.load(folder)
    return len(project.articles) + sum(bool(c.examples) for c in project.claims)


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of tasks each process-pool run was given."""
    runs: list[int] = []
    original = parallel._on_processes

    def spy(claims: Any, entities: Any, tasks: Any, jobs: int) -> Any:
        runs.append(len(tasks))
        return original(claims, entities, tasks, jobs)

    monkeypatch.setattr(parallel, "_on_processes", spy)
    return runs


def test_worker_processes_give_the_same_result(wide: Path, pools: list[int]) -> None:
    alone = run(wide, Execution(jobs=1))
    assert pools == []
    together = run(wide, Execution(jobs=2))
    assert pools == [tasks(wide)]
    assert together == alone
    assert any(v.verdict == "contradicted" for v in alone.verdicts)


def test_articles_read_on_workers_are_the_same_project(wide: Path) -> None:
    assert runner.load(wide, execution=Execution(jobs=2)) == runner.load(wide)


def check(folder: Path, *options: str) -> tuple[int, bytes, str]:
    out = folder / "report.json"
    result = CliRunner().invoke(cli.cli, ["check", "--root", str(folder), "--no-cache",
                                          "--format", f"json:{out}", "--format", "text",
                                          *options])
    return result.exit_code, out.read_bytes(), result.stdout


def test_check_jobs_gives_the_bytes_of_jobs_1(wide: Path, pools: list[int]) -> None:
    one = check(wide, "--jobs", "1")
    two = check(wide, "--jobs", "2")
    assert one[0] == 0 and one == two  # planted contradictions, all acknowledged: exit 0
    assert pools == [tasks(wide)]


def test_small_runs_stay_in_process(small: Path, pools: list[int]) -> None:
    assert run(small, Execution(jobs=4)) == run(small, Execution(jobs=1))
    assert pools == []


def test_jobs_must_be_positive(small: Path) -> None:
    result = CliRunner().invoke(cli.cli, ["check", "--root", str(small), "--jobs", "0"])
    assert result.exit_code == 2 and "--jobs" in result.stderr


@pytest.fixture(scope="module")
def seeds() -> tuple[Any, Any]:
    project = runner.load(ROOT / "tests" / "data" / "corpus")  # the frozen seed corpus
    dense = runner.run(project, today=TODAY, execution=Execution(jobs=1))
    sparse = runner.run(project, today=TODAY, execution=Execution(jobs=1, dense_limit=0))
    return dense, sparse


def test_a_run_over_the_limit_is_sparse(seeds: tuple[Any, Any]) -> None:
    dense, sparse = seeds
    assert not dense.sparse and sparse.sparse
    assert [v for v in dense.verdicts if v.verdict != "silent"] == list(sparse.verdicts)
    pairs = len(dense.project.claims) * len(dense.project.articles)
    assert len(dense.verdicts) == pairs == len(sparse.verdicts) + sum(
        sparse.unlisted_silent().values())


@pytest.mark.parametrize("fmt", sorted(set(RENDERERS) - {"json"}))
def test_a_sparse_result_renders_as_the_dense_one(seeds: tuple[Any, Any], fmt: str) -> None:
    dense, sparse = seeds
    assert render(fmt, sparse) == render(fmt, dense)


def test_the_json_report_of_a_sparse_run_lists_judged_pairs(seeds: tuple[Any, Any]) -> None:
    dense, sparse = seeds
    full, compact = json.loads(render("json", dense)), json.loads(render("json", sparse))
    assert compact["summary"].pop("silent_listed") is False
    full["results"] = [r for r in full["results"] if r["verdict"] != "silent"]
    assert compact == full
    schema = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(json.loads(render("json", sparse)))


def test_the_pytest_plugin_counts_the_silent_pairs_of_a_sparse_run(
        seeds: tuple[Any, Any]) -> None:
    from verifier.pytest_items import Lookup

    dense, sparse = seeds
    assert Lookup.of(runner.Run(sparse, ())).counts == Lookup.of(runner.Run(dense, ())).counts
