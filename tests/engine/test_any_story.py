"""Claims for any story (issue 16): offices of organisations, ranges, signed numbers and changes,
several subjects, durations, triggers with negation words, short names. Rows are data
(tests/data/any_story/cases.yaml): supported, contradicted and a silent look-alike per item."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from casetables import cases, check_row, engine_for, judge, over_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.engine import Engine
from verifier.load.project import load_project

DATA = Path(__file__).resolve().parents[1] / "data" / "any_story"
CASES = cases("any_story")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return engine_for("any_story")



@over_rows(CASES, "item")
def test_pattern(engine: Engine, row: dict[str, Any]) -> None:
    check_row(engine, row, CASES["published"])



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
    verdict = judge(engine, "policy-rate-range", text, None).verdict
    assert verdict == ("supported" if 0 <= x <= 0.25 else "contradicted"), text
