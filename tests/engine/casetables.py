"""Shared by the engine's case tables (precision, recall, claims for any story): each is a data
folder with a `claims/` registry of an invented world and a `cases.yaml` of rows judged one
sentence at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from verifier.engine import Engine
from verifier.engine.index import ArticleIndex
from verifier.load.project import load_project
from verifier.model import Article, ArticleMeta, Verdict

DATA = Path(__file__).resolve().parents[1] / "data"


def cases(folder: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DATA / folder / "cases.yaml").read_text("utf-8"))
    return loaded


def engine_for(folder: str) -> Engine:
    project = load_project(DATA / folder, claims_dir=DATA / folder / "claims", article_paths=[])
    assert not [p for p in project.problems if p.level == "error"], project.problems
    return Engine(project.claims, project.entities)


def judge(engine: Engine, claim_id: str, text: str, published: dt.date | None) -> Verdict:
    index = ArticleIndex(Article("case.txt", text, ArticleMeta(published=published)),
                         engine.matcher)
    claim = next(c for c in engine.claims if c.id == claim_id)
    return engine.judge(claim, index)


def check_row(engine: Engine, row: dict[str, Any], default_published: str | None) -> None:
    """A row's verdict is its `expect` (the evidence's reasons shown when it is not)."""
    published = row.get("published", default_published)
    verdict = judge(engine, row["claim"], row["text"],
                    dt.date.fromisoformat(published) if published else None)
    assert verdict.verdict == row["expect"], (row["text"], [e.reason for e in verdict.evidence])


def over_rows(table: dict[str, Any], key: str) -> Callable[[Callable[..., None]], Any]:
    """`pytest.mark.parametrize` over a table's rows, each named "<key>-<claim>-<expect>"."""
    return pytest.mark.parametrize(
        "row", table["cases"], ids=lambda row: f"{row[key]}-{row['claim']}-{row['expect']}")
