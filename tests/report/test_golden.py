"""Golden reports: every format, on the seed corpus (real engine) and on the hand-built Result,
diffed byte for byte against tests/data/golden/.

After an intended change (a format, the engine, the claims or the seeds) regenerate them with
``VERIFIER_UPDATE_GOLDEN=1 .venv/bin/pytest tests/report/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os

import pytest
from conftest import ROOT, seed_run

from verifier.model import Result
from verifier.report import RENDERERS, render

GOLDEN = ROOT / "tests" / "data" / "golden"
SUFFIX = {"text": "txt", "json": "json", "markdown": "md", "junit": "xml",
          "sarif": "sarif", "html": "html", "claimreview": "jsonld", "github": "github.txt"}
UPDATE = bool(os.environ.get("VERIFIER_UPDATE_GOLDEN"))


def test_every_registered_format_has_a_golden_suffix() -> None:
    assert set(SUFFIX) == set(RENDERERS)


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("corpus", ["seed", "handmade"])
def test_matches_golden(corpus: str, fmt: str, request: pytest.FixtureRequest) -> None:
    result: Result = request.getfixturevalue(corpus)
    text = render(fmt, result)
    path = GOLDEN / corpus / f"report.{SUFFIX[fmt]}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    expected = path.read_bytes().decode("utf-8") if path.exists() else ""
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                            str(path), "rendered", n=1))
        pytest.fail(f"{fmt} report differs from {path.relative_to(ROOT)} (rerun with "
                    f"VERIFIER_UPDATE_GOLDEN=1 if the change is intended):\n{diff[:4000]}")


def test_a_second_run_gives_the_same_bytes(seed: Result) -> None:
    again = seed_run()
    for fmt in sorted(RENDERERS):
        assert render(fmt, again) == render(fmt, seed), fmt


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_input_order_does_not_change_the_bytes(fmt: str, any_result: Result) -> None:
    project = any_result.project
    shuffled = dataclasses.replace(
        any_result,
        project=dataclasses.replace(project, claims=project.claims[::-1],
                                    articles=project.articles[::-1]),
        verdicts=any_result.verdicts[::-1], problems=any_result.problems[::-1],
        stale=any_result.stale[::-1])
    assert render(fmt, shuffled) == render(fmt, any_result)


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_no_absolute_paths_and_no_dates_of_the_run(fmt: str, seed: Result) -> None:
    text = render(fmt, seed)
    assert str(ROOT) not in text
    assert dt.date.today().isoformat() not in text
    assert "\r" not in text and text.endswith("\n")
