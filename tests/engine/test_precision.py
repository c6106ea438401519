"""Precision: every false-alarm pattern met on real pages (issue 12) stays quiet, and its bound
twin still contradicts. Rows are data (tests/data/precision/cases.yaml), about an invented world
whose claims and registry are in tests/data/precision/claims/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from casetables import cases, check_row, engine_for, judge, over_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.engine import Engine
from verifier.load.project import load_project

DATA = Path(__file__).resolve().parents[1] / "data" / "precision"
CASES = cases("precision")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return engine_for("precision")



@over_rows(CASES, "pattern")
def test_pattern(engine: Engine, row: dict[str, Any]) -> None:
    check_row(engine, row, CASES["published"])


@pytest.mark.parametrize(("claim", "text", "failed"), [
    ("summit-date", "Greer arrived in Harbor City on Monday to meet the new prime minister, "
     "Mara Velden.", "'Monday' attaches to the verb before 'to meet', not to 'meet'"),
    ("unity-seats", "The Unity Party won 1.2 million votes and a majority of seats.",
     "'1.2 million' counts 'votes', not the claimed measure"),
    ("velden-predecessor", "Velden replaced Anders Lind as party leader in 2023.",
     "'as party leader in 2023' names another office"),
])
def test_explain_names_the_failed_binding(tmp_path: Path, claim: str, text: str,
                                          failed: str) -> None:
    from verifier.report.explain import explain

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "case.txt").write_text(text + "\n", encoding="utf-8")
    (tmp_path / "seeds" / "case.meta.yaml").write_text('published: "2025-06-17"\n',
                                                       encoding="utf-8")
    project = load_project(tmp_path, claims_dir=DATA / "claims")
    shown = explain(project, claim, "case")
    assert "not bound (candidate contradictions set aside" in shown
    assert failed in shown
    assert "verdict: silent" in shown


def _rounds_to(said: int, claimed: int) -> bool:
    """The spec of a rounded figure: written with two or more significant digits, and the
    claimed amount within half a step of its last written digit."""
    digits = str(said)
    zeros = len(digits) - len(digits.rstrip("0"))
    return zeros > 0 and len(digits.strip("0")) >= 2 and abs(said - claimed) < 10 ** zeros / 2


@given(price=st.integers(min_value=500, max_value=2500))
@settings(max_examples=150, deadline=None)
def test_a_rounded_price_is_silent_and_any_other_contradicts(engine: Engine, price: int) -> None:
    """rail-season-ticket says $1,099: '$1,100' rounds it, '$1,000' (one digit) or '$1,090'
    do not."""
    verdict = judge(engine, "rail-season-ticket",
                    f"Harbor Rail will charge ${price:,} for its annual season ticket.",
                    dt.date(2025, 6, 17)).verdict
    expected = "supported" if price == 1099 else "silent" if _rounds_to(price, 1099) \
        else "contradicted"
    assert verdict == expected, price


@given(dead=st.integers(min_value=1, max_value=300))
@settings(max_examples=150, deadline=None)
def test_only_the_sum_with_a_sibling_is_a_combined_toll(engine: Engine, dead: int) -> None:
    """ferry-deaths says 31; its siblings say 4 (rescuers who died) and 120 (on board): 35 and
    151 are this amount with a sibling's (silent: a combined figure, even the odd one), 120
    alone contradicts when the sentence does not name that sibling's words, and so does every
    other count."""
    verdict = judge(engine, "ferry-deaths", f"The sinking near Kessel left {dead} dead.",
                    dt.date(2025, 6, 17)).verdict
    expected = "supported" if dead == 31 else "silent" if dead in (31 + 4, 31 + 120) \
        else "contradicted"
    assert verdict == expected, dead
