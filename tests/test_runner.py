"""run(): engine verdicts + acknowledgements + claim examples -> Result, with a fake engine."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from fakes import phrase_examples, phrase_verify

from verifier.execution import runner
from verifier.model import Acknowledgement, Article, Claim, Example, Position, Project
from verifier.problems import Problem

TODAY = dt.date(2025, 11, 1)
BRIDGE = Claim("bridge", "The bridge is open.", "phrases",
               {"support": ["bridge opened"], "contradict": ["bridge remains closed"]},
               examples=(Example("The bridge opened.", "supported",
                                 position=Position("claims/t.yaml", 9, 11)),
                         Example("The bridge opened late.", "supported"),
                         Example("The bridge remains closed.", "contradicted"),
                         Example("It rained.", "silent")),
               position=Position("claims/t.yaml", 2, 5))
# an example the (fake) engine judges otherwise than its author expects
WRONG = Example("It snowed, the bridge opened.", "contradicted",
                position=Position("claims/t.yaml", 14, 11))
MAYOR = Claim("mayor", "The mayor is Dana.", "phrases",
              {"support": ["Mayor Dana"], "contradict": ["Mayor Dan "]})
OPEN = Article("seeds/1.txt", "Mayor Dana said the bridge opened.\n")
SHUT = Article("seeds/2.txt", "News.\nThe bridge remains closed.\n")
QUIET = Article("seeds/3.txt", "Nothing about either.\n")


def project(*acks: Acknowledgement, problems: tuple[Problem, ...] = (),
            articles: tuple[Article, ...] = (OPEN, SHUT, QUIET),
            claims: tuple[Claim, ...] = (BRIDGE, MAYOR)) -> Project:
    return Project(".", {}, claims, articles, acks, problems)


def run(p: Project, **kw: bool) -> runner.Run:
    return runner.run_detailed(p, verify=phrase_verify, examples=phrase_examples, today=TODAY,
                               **kw)


def test_every_pair_gets_one_verdict_sorted_by_article_then_claim() -> None:
    result = run(project()).result
    assert [(v.article, v.claim) for v in result.verdicts] == [
        (a, c) for a in ("seeds/1.txt", "seeds/2.txt", "seeds/3.txt") for c in ("bridge", "mayor")]


def test_acknowledged_contradiction_passes_and_an_unacknowledged_one_fails() -> None:
    acked = run(project(Acknowledgement("bridge", "seeds/2.txt", "old article"))).result
    assert acked.unacknowledged == () and acked.stale == ()
    assert runner.exit_status(acked) == runner.CLEAN
    bare = run(project()).result
    assert [(v.claim, v.article) for v in bare.unacknowledged] == [("bridge", "seeds/2.txt")]
    assert runner.exit_status(bare) == runner.FAILED


def test_a_stale_acknowledgement_fails_the_run() -> None:
    stale = Acknowledgement("bridge", "seeds/1.txt", "was wrong once")
    result = run(project(Acknowledgement("bridge", "seeds/2.txt", "r"), stale)).result
    assert result.stale == (stale,)
    assert runner.exit_status(result) == runner.FAILED


def test_invalid_input_exits_2_even_with_contradictions() -> None:
    bad = Problem("claims/t.yaml", 3, 7, "schema", "bad")
    result = run(project(problems=(bad,))).result
    assert result.unacknowledged and bad in result.problems
    assert runner.exit_status(result) == runner.INVALID


def test_warnings_alone_do_not_change_the_exit_status() -> None:
    warn = Problem("claims/t.yaml", 3, 7, "style", "meh", level="warning")
    ack = Acknowledgement("bridge", "seeds/2.txt", "r")
    assert runner.exit_status(run(project(ack, problems=(warn,))).result) == runner.CLEAN


def test_example_outcomes_are_numbered_per_expectation_and_failures_become_problems() -> None:
    bridge = dataclasses.replace(BRIDGE, examples=(*BRIDGE.examples, WRONG))
    out = run(project(Acknowledgement("bridge", "seeds/2.txt", "r"), claims=(bridge, MAYOR)))
    assert [(o.name, o.passed) for o in out.examples] == [
        ("example-supported-1", True), ("example-supported-2", True),
        ("example-contradicted-1", True), ("example-silent-1", True),
        ("example-contradicted-2", False)]
    (problem,) = out.result.problems
    assert (problem.file, problem.line, problem.column) == ("claims/t.yaml", 14, 11)
    assert problem.code == runner.EXAMPLE_MISMATCH
    assert "expected contradicted, got supported: article says 'bridge opened'" \
        in problem.message
    assert runner.exit_status(out.result) == runner.INVALID


def test_a_partial_run_leaves_acknowledgements_of_other_articles_alone() -> None:
    elsewhere = Acknowledgement("bridge", "seeds/9.txt", "r")
    p = project(elsewhere, articles=(OPEN,))
    assert run(p, partial=True).result.stale == ()
    assert run(p).result.stale == (elsewhere,)


def test_acknowledgements_of_claims_that_failed_to_load_are_not_called_stale() -> None:
    broken = Problem("claims/other.yaml", 1, 1, "yaml-syntax", "bad")
    unknown = Acknowledgement("not-loaded", "seeds/1.txt", "r")
    known = Acknowledgement("mayor", "seeds/1.txt", "r")
    assert run(project(unknown, known, problems=(broken,))).result.stale == (known,)
    assert run(project(unknown, known)).result.stale == (unknown, known)


def test_unmentioned_and_disputed_claims() -> None:
    result = run(project()).result
    assert runner.unmentioned_claims(result) == []
    assert runner.disputed_claims(result) == {
        "bridge": {"contradicted": ["seeds/2.txt"], "supported": ["seeds/1.txt"]}}
    quiet = run(project(articles=(QUIET,))).result
    assert runner.unmentioned_claims(quiet) == ["bridge", "mayor"]
    assert runner.disputed_claims(quiet) == {}


def test_run_returns_the_result_of_run_detailed() -> None:
    p = project()
    assert runner.run(p, verify=phrase_verify, examples=phrase_examples, today=TODAY) == run(
        p).result


@pytest.mark.parametrize("name", ["load", "engine_verify", "engine_examples"])
def test_the_engine_and_loader_are_looked_up_lazily(name: str) -> None:
    assert callable(getattr(runner, name))


def test_claim_examples_share_one_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default examples judge compiles the claims once, not once per claim."""
    import verifier.engine
    from verifier.load.project import load_project

    built: list[int] = []

    class Counting(verifier.engine.Engine):
        def __init__(self, *args: Any) -> None:
            built.append(1)
            super().__init__(*args)

    monkeypatch.setattr(verifier.engine, "Engine", Counting)
    project = load_project(Path(__file__).parent / "data" / "projects" / "clean")
    out = runner.run_detailed(project)
    assert len(project.claims) == 2 and len(out.examples) == 9
    assert all(o.passed for o in out.examples)
    assert len(built) == 2  # one for the articles (verify), one for every claim's examples
