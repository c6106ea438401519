"""The pytest plugin on fixture projects (tests/data/projects), driven through `pytester`.

The inner pytest runs in this process with a fake loader and engine, so these tests check the
plugin's collection and reporting, not the engine's judgement."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import fakes
import pytest

from verifier.execution import runner
from verifier.model import Acknowledgement, Project
from verifier.problems import Problem

pytest_plugins = ["pytester"]
PROJECTS = Path(__file__).resolve().parent / "data" / "projects"
INI = "[pytest]\nverifier_claims = claims\nverifier_articles = seeds\n"
# clean: 9 passing claim examples, 2 article summaries; 002 contradicts bridge-opened (acked)
CLEAN = {"passed": 11, "xfailed": 1}
# the inner runs re-import every plugin; hypothesis's costs seconds and is not needed here
FAST = ("-p", "no:hypothesispytest")


@pytest.fixture
def project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.setattr(runner, "load", fakes.fake_load)
    monkeypatch.setattr(runner, "engine_verify", lambda: fakes.phrase_verify)
    monkeypatch.setattr(runner, "engine_examples", lambda: fakes.phrase_examples)
    pytester.makeini(INI)
    return pytester


def copy(pytester: pytest.Pytester, name: str) -> None:
    shutil.copytree(PROJECTS / name, pytester.path, dirs_exist_ok=True)


def test_clean_project_passes_with_the_acknowledged_contradiction_as_xfail(
        project: pytest.Pytester) -> None:
    copy(project, "clean")
    result = project.runpytest(*FAST, "-rx", "-v")
    result.assert_outcomes(**CLEAN)
    result.stdout.fnmatch_lines([
        "*claims/town.yaml::bridge-opened::example-supported-1 PASSED*",
        "*claims/town.yaml::mayor-name::example-contradicted-2 PASSED*",
        "*seeds/001_opening.txt::summary PASSED*",
        "*seeds/002_delay.txt::bridge-opened XFAIL*",
        "XFAIL seeds/002_delay.txt::bridge-opened - *acknowledged: The article was written*",
    ])
    assert result.ret == 0


def test_a_contradicting_article_fails_with_its_name_claim_and_evidence(
        project: pytest.Pytester) -> None:
    copy(project, "contradicted")
    result = project.runpytest(*FAST)
    result.assert_outcomes(passed=CLEAN["passed"] + 1, xfailed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*seeds/003_ferry.txt contradicts claim mayor-name (claims/town.yaml:22)*",
        "*claim: Riverton's mayor is Dana Okafor.*",
        "*seeds/003_ferry.txt:4:1: article says 'Mayor Dana Okafur'*",
        "*| Mayor Dana Okafur said the ferry crews would be offered new jobs.*",
        "FAILED seeds/003_ferry.txt::mayor-name*",
    ])
    assert "Traceback" not in result.stdout.str() and "raise " not in result.stdout.str()


def test_a_stale_acknowledgement_fails_at_its_line(project: pytest.Pytester) -> None:
    copy(project, "stale")
    result = project.runpytest(*FAST)
    result.assert_outcomes(passed=CLEAN["passed"], xfailed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*claims/acknowledgements.yaml:7: stale acknowledgement: seeds/001_opening.txt no "
        "longer contradicts mayor-name*",
        "FAILED claims/acknowledgements.yaml::stale:mayor-name@seeds/001_opening.txt*",
    ])


def test_a_schema_error_fails_at_file_and_line_and_everything_else_still_runs(
        project: pytest.Pytester) -> None:
    copy(project, "missing-statement")
    result = project.runpytest(*FAST)
    # mayor-name did not load: its 4 examples are gone, every other item still runs
    result.assert_outcomes(passed=CLEAN["passed"] - 4, xfailed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*claims/town.yaml:22:5: [[]schema] 'statement' is a required property*",
        "FAILED claims/town.yaml::schema:22:5*",
    ])


def test_a_yaml_syntax_error_does_not_stop_collection(project: pytest.Pytester) -> None:
    copy(project, "malformed")
    result = project.runpytest(*FAST)
    # town.yaml is unreadable: one failure for it; the acknowledgement is not called stale
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*claims/town.yaml:28:9: [[]yaml-syntax]*"])


@pytest.mark.parametrize(("name", "listed"), [
    ("contradicted", ["seeds/003_ferry.txt:4:1: mayor-name: article says 'Mayor Dana Okafur'",
                      "    | Mayor Dana Okafur said the ferry crews would be offered new jobs."]),
    ("stale", ["claims/acknowledgements.yaml:7: stale acknowledgement: seeds/001_opening.txt no "
               "longer contradicts mayor-name*"]),
    ("missing-statement", ["claims/town.yaml:22:5: [[]schema] 'statement' is a required*"]),
    ("clean", []),  # an acknowledged contradiction (xfail) is not a failure
])
def test_the_run_ends_with_the_list_of_failing_corpus_items(
        project: pytest.Pytester, name: str, listed: list[str]) -> None:
    copy(project, name)
    lines = project.runpytest(*FAST).outlines
    head = [i for i, line in enumerate(lines) if "failing corpus item(s)" in line]
    if not listed:
        assert head == []
        return
    assert head and "short test summary info" in "".join(lines[:head[0]])
    assert " verifier: 1 failing corpus item(s) " in lines[head[0]]
    tail = pytest.LineMatcher(lines[head[0] + 1:])
    tail.fnmatch_lines([*listed, "=*1 failed*"], consecutive=True)


def test_a_new_correct_article_keeps_the_run_green(project: pytest.Pytester) -> None:
    copy(project, "clean")
    (project.path / "seeds" / "004_parade.txt").write_text(
        "TEST FIXTURE (invented).\nA parade crossed the harbor bridge, which opened in May.\n")
    result = project.runpytest(*FAST)
    result.assert_outcomes(passed=CLEAN["passed"] + 1, xfailed=1)


def test_the_project_is_verified_once_per_session(project: pytest.Pytester,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    copy(project, "contradicted")
    calls: list[int] = []

    def counting(*args: object) -> object:
        calls.append(1)
        return fakes.phrase_verify(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "engine_verify", lambda: counting)
    project.runpytest(*FAST)
    assert calls == [1]


def test_failures_point_at_the_evidence_line(project: pytest.Pytester) -> None:
    copy(project, "contradicted")
    items, _ = project.inline_genitems(*FAST)
    (item,) = [i for i in items if i.nodeid == "seeds/003_ferry.txt::mayor-name"]
    path, line, label = item.reportinfo()
    assert (Path(path).name, line) == ("003_ferry.txt", 3)  # 0-based: the file's line 4
    assert "mayor-name" in label


def test_report_option_writes_each_requested_format(project: pytest.Pytester) -> None:
    copy(project, "contradicted")
    result = project.runpytest(*FAST, "--verifier-report=json:out/r.json",
                               "--verifier-report=text:r.txt")
    assert result.ret == 1
    doc = json.loads((project.path / "out" / "r.json").read_text(encoding="utf-8"))
    assert doc["summary"]["contradicted_unacknowledged"] == 1
    assert "CONTRADICTED mayor-name" in (project.path / "r.txt").read_text(encoding="utf-8")


def test_a_bad_report_option_is_a_usage_error(project: pytest.Pytester) -> None:
    copy(project, "clean")
    result = project.runpytest(*FAST, "--verifier-report=pdf:x.pdf")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*expected FORMAT:PATH*"])


def test_inactive_without_the_ini_option(pytester: pytest.Pytester) -> None:
    copy(pytester, "contradicted")
    pytester.makeini("[pytest]\n")
    result = pytester.runpytest(*FAST)
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_a_loader_crash_is_a_failing_item_not_an_internal_error(
        project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    copy(project, "clean")

    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(runner, "load", explode)
    result = project.runpytest(*FAST)
    result.assert_outcomes(failed=1)  # once, not once per file
    result.stdout.fnmatch_lines(["*verifier could not run: RuntimeError: disk on fire*"])


def test_problems_and_stale_entries_outside_collected_files_still_fail(
        project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    copy(project, "clean")

    def load(*args: Any, **kwargs: Any) -> Project:
        loaded = fakes.fake_load(*args, **kwargs)
        extra = Problem("schema/claims.schema.json", 3, 1, "schema-invalid", "bad schema")
        lost = Acknowledgement("mayor-name", "seeds/001_opening.txt", "no position")
        return dataclasses.replace(loaded, problems=(*loaded.problems, extra),
                                   acknowledgements=(*loaded.acknowledgements, lost))

    monkeypatch.setattr(runner, "load", load)
    collected = project.inline_run(*FAST, "--collect-only")
    session = collected.getcalls("pytest_collection_finish")[0].session
    (orphan,) = [i for i in session.items if "schema-invalid" in i.nodeid]
    assert orphan.reportinfo()[:2] == (project.path / "schema" / "claims.schema.json", 2)
    result = project.runpytest(*FAST)
    result.assert_outcomes(passed=CLEAN["passed"], xfailed=1, failed=2)
    result.stdout.fnmatch_lines(["*schema/claims.schema.json:3:1: [[]schema-invalid] bad schema*",
                                 "*stale acknowledgement: seeds/001_opening.txt no longer*"])


def test_an_acknowledgement_past_its_review_date_is_a_warning_not_a_failure(
        project: pytest.Pytester) -> None:
    copy(project, "clean")
    acks = project.path / "claims" / "acknowledgements.yaml"
    acks.write_text(acks.read_text(encoding="utf-8") + '    review_by: "2020-01-01"\n',
                    encoding="utf-8")
    result = project.runpytest(*FAST)
    result.assert_outcomes(**CLEAN)
    result.stdout.fnmatch_lines([
        "*verifier warnings*",
        "claims/acknowledgements.yaml:3:5: [[]acknowledgement-review-due]*"])


@pytest.mark.parametrize(("name", "outcomes"), [
    ("contradicted", {"passed": 12, "xfailed": 1, "failed": 1}),
    ("missing-statement", {"passed": 7, "xfailed": 1, "failed": 1}),
])
def test_with_the_real_loader_and_engine(pytester: pytest.Pytester, name: str,
                                         outcomes: dict[str, int]) -> None:
    copy(pytester, name)
    pytester.makeini(INI)
    result = pytester.runpytest(*FAST)
    result.assert_outcomes(**outcomes)
    assert "Traceback" not in result.stdout.str()
