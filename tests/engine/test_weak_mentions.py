"""A weak event mention (one participant and a trigger word) can only support a date or place
claim, so the date and place checks skip working out what it says against the claim, except for
`explain`, which lists candidates that did not bind. Skipping must never change a verdict or
an explanation: differential tests on the frozen seeds and on generated text."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import example, given, settings
from test_index_sets import TEXTS

from verifier.checks import binding, date, events, place
from verifier.engine import Engine
from verifier.engine.index import ArticleIndex
from verifier.model import Article, ArticleMeta, Project


@contextmanager
def _never_skipped() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for module in (date, place):
            patch.setattr(module, "may_contradict", lambda index, mention: True)
        yield


@settings(max_examples=150, deadline=None)
@given(text=TEXTS)
@example(text="Trump held talks in Seoul on Monday. Takaichi visited Osaka on Friday.")
@example(text="Takaichi met Trump in Osaka on Wednesday. She met him in Seoul on Friday.")
def test_skipping_weak_mentions_never_changes_a_verdict(engine: Engine, text: str) -> None:
    article = Article("seeds/generated.txt", text, ArticleMeta())
    skipped = engine.judge_article(article)
    with _never_skipped():
        assert engine.judge_article(article) == skipped, text


def test_nor_on_the_seeds(engine: Engine, project: Project) -> None:
    for article in project.articles:
        skipped = engine.judge_article(article)
        with _never_skipped():
            assert engine.judge_article(article) == skipped, article.path


def test_explain_still_sees_every_candidate(engine: Engine) -> None:
    """With `rejected` set (as `explain` does), a weak mention's wrong dates are worked out."""
    text = "Trump held talks in Tokyo on Wednesday, 29 October 2025."
    claim = next(c for c in engine.claims if c.id == "summit-date")
    index = ArticleIndex(Article("seeds/x.txt", text, ArticleMeta()), engine.matcher)
    [mention] = events.mentions_with_parts(claim.content["event"], index)
    assert not mention.strong and not events.may_contradict(index, mention)
    index.rejected = []
    assert events.may_contradict(index, mention)


def test_a_weak_mention_skips_the_binding_analysis(engine: Engine,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    bind = binding.date_binding

    def spy(*args: object) -> str | None:
        calls.append("bound")
        return bind(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(date, "date_binding", spy)
    weak = Article("seeds/weak.txt", "Trump held talks in Tokyo on Wednesday, "
                   "29 October 2025.", ArticleMeta())
    strong = Article("seeds/strong.txt", "Trump met Takaichi on Wednesday, 29 October 2025.",
                     ArticleMeta())
    engine.judge_article(weak, {"summit-date"})
    assert calls == []
    [verdict] = engine.judge_article(strong, {"summit-date"})
    assert verdict.verdict == "contradicted" and calls
