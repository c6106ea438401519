"""Judging some claims of an article (`Engine.judge_article(article, only)`: what a cached re-run
asks after a claim changed, and `check --changed`). An article that mentions no target of those
claims is not split into sentences at all; the verdicts are always those of judging every claim
and keeping the ones asked. Differential tests on the frozen seeds and on generated text."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_index_sets import TEXTS

from verifier.engine import Engine
from verifier.engine import index as index_module
from verifier.load.project import load_project
from verifier.model import Article, ArticleMeta, Project, Verdict

EVERY_KIND = Path(__file__).resolve().parents[1] / "data" / "valid" / "every-kind"


def kept(verdicts: list[Verdict], only: set[str]) -> list[Verdict]:
    return [v for v in verdicts if v.claim in only]


def test_each_claim_alone_on_the_seeds(engine: Engine, project: Project) -> None:
    for article in project.articles:
        every = engine.judge_article(article)
        assert every, article.path  # the seeds do judge claims: the comparison means something
        for claim in engine.claims:
            assert engine.judge_article(article, {claim.id}) == kept(every, {claim.id})


@settings(max_examples=150, deadline=None)
@given(text=TEXTS, data=st.data())
def test_any_claims_on_generated_text(engine: Engine, text: str, data: st.DataObject) -> None:
    ids = sorted(c.id for c in engine.claims)
    only = data.draw(st.sets(st.sampled_from(ids)), label="only")
    article = Article("seeds/generated.txt", text, ArticleMeta())
    assert engine.judge_article(article, only) == kept(engine.judge_article(article), only)


@pytest.fixture
def segments(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The texts the index splits into sentences, in order."""
    seen: list[str] = []
    split = index_module.seg.segment

    def spy(text: str) -> list[index_module.seg.Segment]:
        seen.append(text)
        return split(text)

    monkeypatch.setattr(index_module.seg, "segment", spy)
    yield seen


def test_an_article_not_mentioning_the_claims_asked_is_not_split(
        engine: Engine, segments: list[str]) -> None:
    unrelated = Article("seeds/markets.txt", "Markets were calm on Tuesday. Oil fell.",
                        ArticleMeta())
    takaichi = Article("seeds/takaichi.txt", "Sanae Takaichi is Japan's prime minister.",
                       ArticleMeta())
    asked = {"takaichi-prime-minister"}
    assert engine.judge_article(unrelated, asked) == []
    assert segments == []
    assert [v.claim for v in engine.judge_article(takaichi, asked)] == sorted(asked)
    assert len(segments) == 1
    engine.judge_article(unrelated)  # every claim asked: the article is read as always
    assert len(segments) == 2


def test_a_claim_judged_on_every_article_is_never_skipped(segments: list[str]) -> None:
    """A `phrases` claim without a scope concerns every article, whatever it mentions."""
    project = load_project(EVERY_KIND)
    claims = [dataclasses.replace(c, content={k: v for k, v in c.content.items() if k != "scope"})
              if c.id == "lab-open-phrases" else c for c in project.claims]
    engine = Engine(claims, project.entities)
    article = Article("seeds/visit.txt", "The museum was open to visitors all week.",
                      ArticleMeta())
    [verdict] = engine.judge_article(article, {"lab-open-phrases"})
    assert verdict.verdict == "supported" and len(segments) == 1
    assert engine.judge_article(article, {"ada-succeeded-grace"}) == []
    assert len(segments) == 1  # that claim's people are not mentioned: not split again
