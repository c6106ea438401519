"""The authoring loop: `verifier try`, examples marked `known_miss`, and why an example misses.

The fixture project tests/data/projects/known-miss is `clean` plus one contradicted example the
(real) engine judges silent, marked as a known miss.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fakes import phrase_examples, phrase_verify

from verifier import cli, pytest_items
from verifier.execution import runner
from verifier.load.project import load_project
from verifier.model import Claim, Example, Position, Project

pytest_plugins = ["pytester"]
PROJECTS = Path(__file__).resolve().parent / "data" / "projects"
KNOWN = PROJECTS / "known-miss"
MISSED = "Cars still cannot cross the harbor bridge."
MARK = "          known_miss: the phrases say nothing about crossing; a typed event claim would " \
       "catch it\n"
INI = "[pytest]\nverifier_claims = claims\nverifier_articles = seeds\n"
FAST = ("-p", "no:hypothesispytest")
BRIDGE = Claim("bridge", "The bridge is open.", "phrases",
               {"support": ["bridge opened"], "contradict": ["bridge remains closed"]},
               position=Position("claims/t.yaml", 2, 5))


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli.cli, list(args), catch_exceptions=False)


def copy_project(tmp_path: Path, edit: tuple[str, str] | None = None) -> Path:
    """The known-miss project, with one text replacement in claims/town.yaml."""
    root = tmp_path / "project"
    shutil.copytree(KNOWN, root)
    if edit:
        town = root / "claims" / "town.yaml"
        text = town.read_text(encoding="utf-8")
        assert edit[0] in text
        town.write_text(text.replace(edit[0], edit[1]), encoding="utf-8")
    return root


def run_fake(example: Example) -> runner.Run:
    claim = dataclasses.replace(BRIDGE, examples=(example,))
    return runner.run_detailed(Project(".", {}, (claim,), (), ()), verify=phrase_verify,
                               examples=phrase_examples)


# --- the loader and the schema -------------------------------------------------------------


def test_the_loader_reads_the_known_miss_reason() -> None:
    project = load_project(KNOWN)
    assert not [p for p in project.problems if p.level == "error"], project.problems
    (marked,) = [e for c in project.claims for e in c.examples if e.known_miss]
    assert marked.text == MISSED and marked.expect == "contradicted"
    assert marked.known_miss.startswith("the phrases say nothing about crossing")


@pytest.mark.parametrize(("value", "column"), [('""', 23), ("3", 23), ("[a]", 23)])
def test_a_known_miss_without_a_reason_is_a_schema_error(tmp_path: Path, value: str,
                                                          column: int) -> None:
    root = copy_project(tmp_path, (MARK, f"          known_miss: {value}\n"))
    problems = [p for p in load_project(root).problems if p.level == "error"]
    assert [(p.file, p.line, p.column) for p in problems] == [("claims/town.yaml", 21, column)]


# --- the run: a known miss is an expected failure, strict --------------------------------


def test_a_known_miss_still_missing_is_a_warning_and_the_run_passes() -> None:
    out = run_fake(Example("It snowed, the bridge opened.", "contradicted",
                           known_miss="phrases cannot see the snow"))
    (outcome,) = out.examples
    assert outcome.known_miss and outcome.passed and not outcome.matches
    (problem,) = out.result.problems
    assert (problem.code, problem.level) == (runner.KNOWN_MISS, "warning")
    assert "expected contradicted, got supported: article says 'bridge opened'" in problem.message
    assert "phrases cannot see the snow" in problem.message
    assert runner.exit_status(out.result) == runner.CLEAN


def test_a_known_miss_that_passes_fails_the_run_and_says_to_remove_the_mark() -> None:
    out = run_fake(Example("The bridge opened.", "supported", known_miss="was silent once"))
    (outcome,) = out.examples
    assert outcome.matches and not outcome.passed and not outcome.known_miss
    (problem,) = out.result.problems
    assert (problem.code, problem.level) == (runner.KNOWN_MISS_PASSES, "error")
    assert "delete its known_miss line" in problem.message
    assert runner.exit_status(out.result) == runner.INVALID


def test_check_passes_with_a_known_miss_and_shows_it(tmp_path: Path) -> None:
    result = invoke("check", "--root", str(copy_project(tmp_path)), "--no-cache")
    assert result.exit_code == 0, result.output
    assert "[known-miss] claim bridge-opened: example-contradicted-3" in result.stderr
    assert "expected contradicted, got silent: " in result.stderr


def test_check_fails_once_the_known_miss_passes(tmp_path: Path) -> None:
    root = copy_project(tmp_path, (MISSED, "The bridge remains closed to cars."))
    result = invoke("check", "--root", str(root), "--no-cache")
    assert result.exit_code == runner.INVALID, result.output
    assert "claims/town.yaml:20:11: [known-miss-passes]" in result.stderr
    assert "delete its known_miss line" in result.stderr


def test_an_example_mismatch_says_why_in_one_line(tmp_path: Path) -> None:
    root = copy_project(tmp_path, (MARK, ""))
    result = invoke("check", "--root", str(root), "--no-cache")
    assert result.exit_code == runner.INVALID
    (line,) = [x for x in result.stderr.splitlines() if "[example-mismatch]" in x]
    assert line.startswith("claims/town.yaml:20:11: [example-mismatch] claim bridge-opened: "
                           "example-contradicted-3")
    assert line.endswith("expected contradicted, got silent: no considered sentence supports "
                         "or contradicts the claim")


def inner_pytest(pytester: pytest.Pytester, project: Path) -> pytest.RunResult:
    """pytest (with -rx) on a copy of `project`, the real loader and engine."""
    shutil.copytree(project, pytester.path, dirs_exist_ok=True)
    pytester.makeini(INI)
    return pytester.runpytest(*FAST, "-rx", "-p", "no:cacheprovider")


def test_pytest_reports_a_known_miss_as_xfail(pytester: pytest.Pytester) -> None:
    result = inner_pytest(pytester, KNOWN)
    result.assert_outcomes(passed=11, xfailed=2)
    result.stdout.fnmatch_lines(["XFAIL claims/town.yaml::bridge-opened::example-contradicted-3"
                                 " - known miss: the phrases say nothing about crossing*"])
    assert "verifier warnings" not in result.stdout.str()  # shown once, as the xfail


def test_pytest_fails_a_known_miss_that_passes(pytester: pytest.Pytester,
                                               tmp_path: Path) -> None:
    result = inner_pytest(pytester, copy_project(
        tmp_path, (MISSED, "The bridge remains closed to cars.")))
    result.assert_outcomes(passed=11, xfailed=1, failed=1)
    result.stdout.fnmatch_lines(["*marked as a known miss (the phrases say nothing*) but now "
                                 "passes: delete its known_miss line."])


def test_grouped_examples_xfail_on_a_known_miss(pytester: pytest.Pytester,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytest_items, "EXAMPLE_ITEMS_LIMIT", 0)  # one item per claim
    result = inner_pytest(pytester, KNOWN)
    result.assert_outcomes(passed=3, xfailed=2)
    result.stdout.fnmatch_lines(["XFAIL claims/town.yaml::bridge-opened - known miss: "
                                 "example-contradicted-3"])


# --- verifier try ------------------------------------------------------------------------


def test_try_prints_the_verdict_and_the_trail_of_one_sentence() -> None:
    result = invoke("try", "mayor-name", "Mayor Dana Okafur cut the ribbon.",
                    "--root", str(KNOWN))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "claim    mayor-name (phrases, medium): Riverton's mayor is Dana Okafor."
    assert "  contradict at 1:1: article matches the contradict pattern 'Mayor Dana Okafur'" \
        in lines
    assert lines[-1] == "verdict: contradicted: at least one sentence contradicts the claim"


def test_try_judges_like_the_claim_examples() -> None:
    """Every example of the fixture gets the same verdict from `try` as from the run."""
    project = load_project(KNOWN)
    outcomes = runner.run_detailed(project).examples
    assert outcomes
    for o in outcomes:
        result = invoke("try", o.claim.id, o.example.text, "--root", str(KNOWN),
                        "--expect", o.verdict.verdict)
        assert result.exit_code == 0, (o.example.text, result.output)


def test_try_exit_status_with_expect_and_the_published_date() -> None:
    result = invoke("try", "bridge-opened", MISSED, "--root", str(KNOWN),
                    "--expect", "contradicted", "--published", "2024-05-04")
    assert result.exit_code == runner.FAILED
    assert "(article, 2024-05-04)" in result.stdout.splitlines()[1]
    assert result.stdout.splitlines()[-1].startswith("verdict: silent: ")


def test_try_an_unknown_claim_is_a_usage_error_with_suggestions() -> None:
    result = invoke("try", "mayor-nam", "Anything.", "--root", str(KNOWN))
    assert result.exit_code == runner.INVALID
    assert "no claim 'mayor-nam'; did you mean mayor-name?" in result.output
