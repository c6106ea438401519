"""Shared fixtures for engine tests: the frozen corpus's registry and claims, compiled once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from verifier.engine import Engine
from verifier.load.project import load_project
from verifier.model import Article, ArticleMeta, Project, Verdict

# the frozen seed corpus (tests/frozen.py), never the live claims/ and seeds/
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


@pytest.fixture(scope="session")
def project() -> Project:
    loaded = load_project(CORPUS)
    assert not [p for p in loaded.problems if p.level == "error"], loaded.problems
    return loaded


@pytest.fixture(scope="session")
def engine(project: Project) -> Engine:
    return Engine(project.claims, project.entities)


Judge = Callable[..., Verdict]


@pytest.fixture(scope="session")
def judge(engine: Engine) -> Judge:
    """judge(claim_id, text, published=None) -> the verdict of that claim on that text."""
    from verifier.engine.index import ArticleIndex

    claims = {c.id: c for c in engine.claims}

    def run(claim_id: str, text: str, published: str | None = None) -> Verdict:
        meta = ArticleMeta(published=dt.date.fromisoformat(published) if published else None)
        index = ArticleIndex(Article("test.txt", text, meta), engine.matcher)
        return engine.judge(claims[claim_id], index)

    return run
