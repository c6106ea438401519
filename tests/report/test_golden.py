"""Golden reports: every format, on the frozen seed corpus (tests/data/corpus, real engine) and
on the hand-built Result, diffed byte for byte against tests/data/golden/. A change to the live
claims/ or seeds/ changes nothing here.

After an intended change (a format, the engine, or the frozen corpus) regenerate them with
``VERIFIER_UPDATE_GOLDEN=1 .venv/bin/pytest tests/report/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
import re

import pytest
from frozen import FROZEN as CORPUS
from report_run import ROOT, seed_run

from verifier.model import Result
from verifier.report import RENDERERS, render

GOLDEN = ROOT / "tests" / "data" / "golden"
SUFFIX = {"text": "txt", "json": "json", "markdown": "md", "junit": "xml",
          "sarif": "sarif", "html": "html", "claimreview": "jsonld", "github": "github.txt"}
UPDATE = bool(os.environ.get("VERIFIER_UPDATE_GOLDEN"))
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


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


def input_dates() -> set[str]:
    """Every ISO date written in the frozen corpus's files (claims, sidecars, article texts)."""
    texts = (p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.*")) if p.is_file())
    return {found for text in texts for found in ISO_DATE.findall(text)}


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_no_absolute_paths_and_no_dates_of_the_run(fmt: str, seed: Result) -> None:
    text = render(fmt, seed)
    assert str(ROOT) not in text
    # Every date in the report comes from the inputs, whatever the day of the run. (Asking only
    # that today's date be absent failed on the day an article published that day was added.)
    assert set(ISO_DATE.findall(text)) <= input_dates()
    assert dt.date.today().isoformat() not in text or dt.date.today().isoformat() in \
        input_dates()
    assert "\r" not in text and text.endswith("\n")
