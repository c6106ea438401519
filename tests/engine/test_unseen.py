"""Unseen-style reports (team-written fixtures in tests/data/unseen): clean text contradicts
nothing; each fact-altering edit contradicts exactly its claim."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from verifier.engine import Engine
from verifier.model import Article, ArticleMeta

DATA = Path(__file__).resolve().parents[1] / "data" / "unseen"
SPEC = yaml.safe_load((DATA / "cases.yaml").read_text(encoding="utf-8"))
PUBLISHED = dt.date.fromisoformat(SPEC["published"])


def contradicted(engine: Engine, name: str, text: str) -> set[str]:
    article = Article(f"unseen/{name}", text, ArticleMeta(published=PUBLISHED))
    return {v.claim for v in engine.verify_article(article) if v.verdict == "contradicted"}


@pytest.mark.parametrize("name", ["wire-report.txt", "feature-report.txt"])
def test_clean_reports_contradict_nothing(engine: Engine, name: str) -> None:
    assert contradicted(engine, name, (DATA / name).read_text(encoding="utf-8")) == set()


def _params() -> list[Any]:
    out = []
    for case in SPEC["cases"]:
        marks = [pytest.mark.xfail(strict=True, reason=case["known_miss"])] \
            if "known_miss" in case else []
        out.append(pytest.param(case, marks=marks, id=f"{case['article']}:{case['claim']}"))
    return out


@pytest.mark.parametrize("case", _params())
def test_edit_contradicts_its_claim_only(engine: Engine, case: dict[str, str]) -> None:
    text = (DATA / case["article"]).read_text(encoding="utf-8")
    assert text.count(case["find"]) == 1, f"fixture: {case['find']!r} must occur once"
    found = contradicted(engine, case["article"], text.replace(case["find"], case["replace"]))
    assert found == {case["claim"]}
