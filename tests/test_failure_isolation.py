"""A failure of the verifier itself (a bug in a check) on one article or claim example: that file
is an error at file:line:col (exit 2), and every other article and claim keeps its results.

A check is made to fail on purpose (the fuzz campaign once found a real one: an IndexError on
a line holding only a figure); the run with the failure is compared with the run without it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import traceback
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from frozen import copy_corpus

from verifier import cli
from verifier.checks import KINDS
from verifier.engine import Engine
from verifier.execution import runner, workers
from verifier.execution.backend import Task, judge_task
from verifier.load.project import load_project
from verifier.model import Claim
from verifier.problems import FAILURE, Problem

pytest_plugins = ["pytester"]

BROKEN = "seeds/000_6047615237a56730.txt"
BROKEN_CLAIM = "takaichi-prime-minister"  # an office claim with examples, in claims/people.yaml


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_corpus(tmp_path / "corpus")


def fail_office_check_on(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """The office check raises on every article (or claim example) whose path holds `where`."""
    office = KINDS["office"]

    def explode(claim: Any, index: Any, ctx: Any) -> Any:
        if where in index.article.path:
            raise IndexError("string index out of range")
        return office.check(claim, index, ctx)

    monkeypatch.setitem(KINDS, "office", type(office)(office.name, office.targets, explode))


def check(root: Path, *options: str) -> tuple[int, dict[str, Any], str]:
    result = CliRunner().invoke(cli.cli, ["check", "--root", str(root), "--jobs", "1",
                                          "--format", "json", *options])
    return result.exit_code, json.loads(result.stdout), result.stderr


def results_outside(report: dict[str, Any], article: str) -> list[dict[str, Any]]:
    return [r for r in report["results"] if r["article"] != article]


def test_a_failure_on_one_article_leaves_the_others_judged(
        monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    _, before, _ = check(root, "--no-cache")
    fail_office_check_on(monkeypatch, BROKEN)
    status, after, stderr = check(root, "--no-cache")
    assert status == 2 and "Traceback" not in stderr
    [problem] = after["problems"]
    assert (problem["file"], problem["line"], problem["column"], problem["code"]) == \
        (BROKEN, 1, 1, FAILURE)
    assert "IndexError: string index out of range" in problem["message"]
    assert f"{BROKEN}:1:1: [{FAILURE}] the verifier failed on this article" in stderr
    # the reports that count pairs per article say that nothing was judged on it
    shown = {"text": f"  not judged, the verifier failed on them (see the input problems): "
                     f"{BROKEN}\n",
             "markdown": f"Not judged, the verifier failed on them (see the input problems): "
                         f"`{BROKEN}`\n",
             "html": f"Not judged, the verifier failed on them (see the input problems): "
                     f"{BROKEN}</p>"}
    for fmt, line in shown.items():
        assert line in CliRunner().invoke(cli.cli, ["check", "--root", str(root), "--no-cache",
                                                    "--jobs", "1", "--format", fmt]).stdout
    # the machine-readable reports mark the article itself, not only the problem
    assert [a["path"] for a in after["articles"] if not a["judged"]] == [BROKEN]
    assert all(a["judged"] for a in before["articles"])
    assert (before["summary"]["not_judged"], after["summary"]["not_judged"]) == (0, 1)
    assert_junit_marks(root, BROKEN)
    # every other article is judged as before; the broken one's acknowledgement is not stale
    assert results_outside(after, BROKEN) == results_outside(before, BROKEN)
    assert after["stale_acknowledgements"] == [] and before["stale_acknowledgements"] == []
    assert any(r["verdict"] == "contradicted" for r in results_outside(after, BROKEN))


def assert_junit_marks(root: Path, broken: str) -> None:
    """JUnit: the broken article's suite holds one test case in error (the failure, once) and
    says it was not judged; every other suite is free of errors."""
    xml = CliRunner().invoke(cli.cli, ["check", "--root", str(root), "--no-cache", "--jobs", "1",
                                       "--format", "junit"]).stdout
    tree = ET.fromstring(xml)
    [suite] = [s for s in tree.iter("testsuite") if s.get("name") == broken]
    [error] = suite.iter("error")
    assert error.get("type") == FAILURE and "IndexError" in (error.get("message") or "")
    judged = {p.get("name"): p.get("value") for p in suite.iter("property")}.get("judged")
    assert (judged, suite.get("errors"), tree.get("errors")) == ("false", "1", "1")
    assert sum(c.get("classname") == broken for c in tree.iter("testcase")) == 1


def test_a_failure_on_a_claim_example_leaves_the_rest_judged(
        monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    _, before, _ = check(root, "--no-cache")
    fail_office_check_on(monkeypatch, f"#{BROKEN_CLAIM}/")
    status, after, _ = check(root, "--no-cache")
    assert status == 2
    [problem] = after["problems"]
    claim = next(c for c in load_project(root).claims if c.id == BROKEN_CLAIM)
    assert claim.position is not None
    assert (problem["file"], problem["line"], problem["column"], problem["code"]) == \
        (claim.position.file, claim.position.line, claim.position.column, FAILURE)
    assert f"of claim '{BROKEN_CLAIM}'" in problem["message"]
    assert after["results"] == before["results"]  # the articles never reach the broken path


def test_a_failure_is_not_cached(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """Once the bug is gone, the article is judged: its failure was never stored as verdicts."""
    _, before, _ = check(root, "--no-cache")
    with monkeypatch.context() as patch:
        fail_office_check_on(patch, BROKEN)
        assert check(root)[0] == 2
    status, after, _ = check(root)
    assert after["results"] == before["results"] and after["problems"] == []
    assert status == 0


def test_worker_processes_send_a_failure_back_as_a_problem(
        monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """What a worker process runs, in this process: its msgpack message carries a Problem for
    each failed task, between the verdicts of the others, all as judged in-process."""
    project = load_project(root)
    fail_office_check_on(monkeypatch, BROKEN)
    engine = Engine(project.claims, project.entities)
    monkeypatch.setattr(workers, "_ENGINE", [engine])
    claim = next(c for c in project.claims if c.id == BROKEN_CLAIM)
    tasks: list[Task] = [claim, *((a, None) for a in sorted(project.articles,
                                                             key=lambda a: a.path))]
    outcomes = workers._CHUNK.decode(workers.judge_chunk(tasks))
    assert outcomes == [judge_task(engine, t) for t in tasks]
    assert [isinstance(o, Problem) for o in outcomes] == \
        [not isinstance(t, Claim) and t[0].path == BROKEN for t in tasks]


def test_the_library_run_reports_the_same_failures(monkeypatch: pytest.MonkeyPatch,
                                                   root: Path) -> None:
    """`runner.run` without an execution judges claim examples apart from the articles (the
    other path a failure can take): the same two errors, the same verdicts elsewhere."""
    project = load_project(root)
    before = runner.run(project)
    fail_office_check_on(monkeypatch, BROKEN)
    fail_office_check_on(monkeypatch, f"#{BROKEN_CLAIM}/")  # wraps the first: both fail
    after = runner.run(project)
    assert [(p.file, p.code) for p in after.problems] == sorted(
        [(BROKEN, FAILURE), ("claims/people.yaml", FAILURE)])
    assert [v for v in after.verdicts if v.article != BROKEN] == \
        [v for v in before.verdicts if v.article != BROKEN]
    assert runner.exit_status(after) == 2


def test_the_pytest_gate_fails_the_article_and_runs_the_rest(
        monkeypatch: pytest.MonkeyPatch, pytester: pytest.Pytester) -> None:
    """Plain `pytest`: the broken article gets a failing item with the error; of the other
    items only its own (acknowledged) contradiction is missing."""
    copy_corpus(pytester.path)
    pytester.makeini("[pytest]\nverifier_claims = claims\nverifier_articles = seeds\n")
    before = pytester.runpytest("-p", "no:hypothesispytest").parseoutcomes()
    shutil.rmtree(pytester.path / workers.CACHE_FOLDER)  # else the verdicts come from it
    fail_office_check_on(monkeypatch, BROKEN)
    result = pytester.runpytest("-p", "no:hypothesispytest")
    result.stdout.fnmatch_lines([f"FAILED {BROKEN}::{FAILURE}:1:1*",
                                 f"*{BROKEN}:1:1: [[]{FAILURE}] the verifier failed*"])
    assert before.get("failed", 0) == 0
    result.assert_outcomes(failed=1, passed=before["passed"], xfailed=before["xfailed"] - 1)


def test_debug_shows_the_failure_itself(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """`verifier --debug check`: the exception behind the problem, with its own traceback, for
    the bug report."""
    fail_office_check_on(monkeypatch, BROKEN)
    result = CliRunner().invoke(cli.cli, ["--debug", "check", "--root", str(root), "--no-cache",
                                          "--jobs", "1"])
    assert isinstance(result.exception, IndexError)
    assert result.exc_info is not None
    assert result.exc_info[2] is not None and "explode" in str(
        traceback.extract_tb(result.exc_info[2])[-1].name)


def test_check_changed_isolates_a_failure_too(monkeypatch: pytest.MonkeyPatch,
                                              root: Path) -> None:
    """`check --changed` (what the pull-request workflow runs) judges only what changed, on
    another path: the failed article is an error there too, the other changed one is judged."""
    other = "seeds/001_833ceba6393617bc.txt"
    for command in (["init", "-q", "-b", "main"], ["add", "."], ["-c", "user.name=t", "-c",
                    "user.email=t@t", "commit", "-q", "-m", "base"]):
        subprocess.run(["git", *command], cwd=root, check=True)
    for path in (BROKEN, other):  # a comment in the sidecar: the article changed, its text not
        meta = root / path.replace(".txt", ".meta.yaml")
        meta.write_text(meta.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    changed = ("--no-cache", "--changed", "--base", "main")
    _, before, _ = check(root, *changed)
    fail_office_check_on(monkeypatch, BROKEN)
    status, after, _ = check(root, *changed)
    assert status == 2 and [(p["file"], p["code"]) for p in after["problems"]] == \
        [(BROKEN, FAILURE)]
    assert results_outside(after, BROKEN) == results_outside(before, BROKEN)
    assert {r["article"] for r in results_outside(after, BROKEN)} == {other}
    assert {r["verdict"] for r in after["results"] if r["article"] == BROKEN} == {"silent"}
