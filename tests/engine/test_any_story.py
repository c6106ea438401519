"""Claims for any story (issue 16): offices of organisations, ranges, signed numbers and changes,
several subjects, durations, triggers with negation words, short names. Rows are data
(tests/data/any_story/cases.yaml): supported, contradicted and a silent look-alike per item."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.engine import Engine
from verifier.index import ArticleIndex
from verifier.model import Article, ArticleMeta
from verifier.project import load_project

DATA = Path(__file__).resolve().parents[1] / "data" / "any_story"
CASES: dict[str, Any] = yaml.safe_load((DATA / "cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    project = load_project(DATA, claims_dir=DATA / "claims", article_paths=[])
    assert not [p for p in project.problems if p.level == "error"], project.problems
    return Engine(project.claims, project.entities)


def _row_id(row: dict[str, Any]) -> str:
    return f"{row['item']}-{row['claim']}-{row['expect']}"


@pytest.mark.parametrize("row", CASES["cases"], ids=_row_id)
def test_pattern(engine: Engine, row: dict[str, Any]) -> None:
    published = row.get("published", CASES["published"])
    meta = ArticleMeta(published=dt.date.fromisoformat(published) if published else None)
    index = ArticleIndex(Article("case.txt", row["text"], meta), engine.matcher)
    claim = next(c for c in engine.claims if c.id == row["claim"])
    verdict = engine.judge(claim, index)
    reasons = [e.reason for e in verdict.evidence]
    assert verdict.verdict == row["expect"], (row["text"], reasons)



@pytest.mark.parametrize(("claim", "text", "failed"), [
    ("deposit-rate", "The Reserve Bank's deposit rate will sit between 0 and 0.2 %.",
     "'between 0 and 0.2 %' is a range, not one level"),
    ("deposit-rate-before", "The Reserve Bank's deposit rate is now 0.2 %.",
     "'0.2 %' is not the start of a change 'from X', which the claim is about"),
])
def test_explain_names_why_a_value_is_set_aside(tmp_path: Path, claim: str, text: str,
                                                failed: str) -> None:
    from verifier.report.explain import explain

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "case.txt").write_text(text + "\n", encoding="utf-8")
    project = load_project(tmp_path, claims_dir=DATA / "claims")
    shown = explain(project, claim, "case")
    assert failed in shown and "verdict: silent" in shown


@settings(max_examples=40, deadline=None)
@given(x=st.integers(-300, 300).map(lambda n: n / 100))
def test_a_range_claim_judges_any_rate_by_arithmetic(engine: Engine, x: float) -> None:
    """Metamorphic: only the figure changes, and the verdict follows 0 <= x <= 0.25."""
    text = f"The Reserve Bank's policy rate now stands at {x:g} %."
    index = ArticleIndex(Article("case.txt", text, ArticleMeta()), engine.matcher)
    claim = next(c for c in engine.claims if c.id == "policy-rate-range")
    verdict = engine.judge(claim, index).verdict
    assert verdict == ("supported" if 0 <= x <= 0.25 else "contradicted"), text
