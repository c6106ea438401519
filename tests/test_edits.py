"""Edited seed articles (tests/data/edits/<kind>/*.yaml): fact-altering edits must contradict the
claim, wording-only edits must leave the verdict a careful reader would give.

Each case is data; a new case is a new file. See tests/edit_cases.py for the format.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from edit_cases import CASES, EditCase, case_article, case_files, load_case, shipped

from verifier.engine import Engine
from verifier.model import Claim, Verdict

# A kind of claim needs at least this many cases of each change to be measured at all.
MIN_CASES = 5


@pytest.fixture(scope="module")
def claims() -> dict[str, Claim]:
    return {c.id: c for c in shipped()[0]}


@pytest.fixture(scope="module")
def engine() -> Engine:
    claims, entities = shipped()
    return Engine(claims, entities)


def describe(verdict: Verdict) -> str:
    lines = [f"verdict: {verdict.verdict}"]
    lines += [f"  {e.polarity} at {e.line}:{e.column}: {e.reason}\n    | {e.text}"
              for e in verdict.evidence]
    return "\n".join(lines)


def judge(engine: Engine, case: EditCase) -> Verdict:
    article = case_article(case)
    verdicts = [v for v in engine.verify_article(article) if v.claim == case.claim]
    assert len(verdicts) == 1, f"{len(verdicts)} verdicts for {case.claim}"
    return verdicts[0]


@pytest.mark.parametrize(
    "path", case_files(), ids=[p.relative_to(CASES).as_posix() for p in case_files()])
def test_edit(path: Path, engine: Engine, claims: dict[str, Claim]) -> None:
    case = load_case(path)
    assert case.claim in claims, f"unknown claim {case.claim}"
    kind = claims[case.claim].kind
    assert kind == case.kind, f"{case.claim} is a {kind} claim"
    assert path.parent.name == case.kind, f"case filed under {path.parent.name}/"
    verdict = judge(engine, case)
    assert verdict.verdict == case.expect, (
        f"{case.id}: expected {case.expect} ({case.change} edit: {case.note})\n{describe(verdict)}")


def test_every_kind_is_measured(claims: dict[str, Claim]) -> None:
    """Every claim kind the shipped claims use has enough fact and wording cases."""
    counts = Counter((c.kind, c.change) for c in map(load_case, case_files()))
    kinds = {c.kind for c in claims.values()} - {"phrases"}
    short = {(kind, change): counts[kind, change] for kind in sorted(kinds)
             for change in ("fact", "wording") if counts[kind, change] < MIN_CASES}
    assert not short, f"kinds with fewer than {MIN_CASES} cases: {short}"
