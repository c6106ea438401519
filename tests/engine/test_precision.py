"""Precision: every false-alarm pattern met on real pages (issue 12) stays quiet, and its bound
twin still contradicts. Rows are data (tests/data/precision/cases.yaml), about an invented world
whose claims and registry are in tests/data/precision/claims/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from casetables import cases, check_row, engine_for, over_rows

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
