"""Once the engine holds MAX_EVIDENCE contradictions and MAX_EVIDENCE supports of a claim, no
evidence later in the text can be kept, so the date, place and value checks skip the sentences
past that point (`ArticleIndex.closed`). Skipping must never change a verdict, its evidence or
an explanation: differential tests on the frozen seeds and on generated pages long enough to
fill both bars."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.engine import Engine
from verifier.engine.core import MAX_EVIDENCE
from verifier.engine.index import ArticleIndex
from verifier.model import Article, ArticleMeta, Project

# Sentences that support or contradict the frozen corpus's date, place and value claims
# (written for this test), and some that say nothing about them.
SENTENCES = (
    "Trump met Takaichi in Tokyo on Tuesday, 28 October 2025.",
    "Trump met Takaichi in Osaka on Wednesday, 29 October 2025.",
    "Takaichi met Trump in Seoul on Friday, 31 October 2025.",
    "Trump met Emperor Naruhito on Monday, 27 October 2025.",
    "Trump met Emperor Naruhito on Thursday, 30 October 2025.",
    "They signed a deal on $550 billion of investment.",
    "They signed a deal on $400 billion of investment.",
    "Japan pledged $550 billion of investment in the United States.",
    "Japan pledged $720 billion of investment in the United States.",
    "Japan aims at 2% of GDP for defense.",
    "Japan aims at 3.5% of GDP for defense.",
    "Europe aims at 5% of GDP for defense.",
    "The weather in Tokyo was mild.",
)
# runs of one sentence fill a bar early, so later sentences of the other polarity matter
PAGES = st.lists(st.tuples(st.sampled_from(SENTENCES), st.integers(1, 12)), min_size=1,
                 max_size=12).map(lambda runs: " ".join(s for s, n in runs for _ in range(n)))


@contextmanager
def _never_closed() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ArticleIndex, "closed", lambda self, start: False)
        yield


@settings(max_examples=120, deadline=None)
@given(text=PAGES)
def test_skipping_closed_sentences_never_changes_a_verdict(engine: Engine, text: str) -> None:
    article = Article("seeds/generated.txt", text, ArticleMeta())
    skipped = engine.judge_article(article)
    with _never_closed():
        assert engine.judge_article(article) == skipped, text


def test_nor_on_the_seeds(engine: Engine, project: Project) -> None:
    for article in project.articles:
        skipped = engine.judge_article(article)
        with _never_closed():
            assert engine.judge_article(article) == skipped, article.path


def _page(*sentences: str, times: int) -> Article:
    return Article("seeds/long.txt", " ".join(sentences * times), ArticleMeta())


def test_a_full_page_stops_analysing_sentences(engine: Engine,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Both bars fill within the first 2 * MAX_EVIDENCE sentences; the value check then reads
    the figures of no later sentence (it read every one of them before)."""
    right, wrong = SENTENCES[7], SENTENCES[8]
    times = 10 * MAX_EVIDENCE
    asked: list[int] = []
    values = ArticleIndex.values

    def spy(self: ArticleIndex, sentence: object) -> object:
        asked.append(sentence.index)  # type: ignore[attr-defined]
        return values(self, sentence)  # type: ignore[arg-type]

    monkeypatch.setattr(ArticleIndex, "values", spy)
    [verdict] = engine.judge_article(_page(right, wrong, times=times), {"investment-550bn"})
    assert verdict.verdict == "contradicted"
    assert sorted(e.polarity for e in verdict.evidence) == \
        ["contradict"] * MAX_EVIDENCE + ["support"] * MAX_EVIDENCE
    assert asked and max(asked) < 2 * MAX_EVIDENCE + 2 < 2 * times - 1


def test_one_full_bar_is_not_enough(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only contradictions so far: a later support could still be kept, so every sentence is
    read, and the first support, at the very end, is in the evidence."""
    wrong, right = SENTENCES[8], SENTENCES[7]
    asked: set[int] = set()
    values = ArticleIndex.values

    def spy(self: ArticleIndex, sentence: object) -> object:
        asked.add(sentence.index)  # type: ignore[attr-defined]
        return values(self, sentence)  # type: ignore[arg-type]

    monkeypatch.setattr(ArticleIndex, "values", spy)
    text = " ".join([wrong] * (4 * MAX_EVIDENCE) + [right])
    [verdict] = engine.judge_article(Article("seeds/long.txt", text, ArticleMeta()),
                                     {"investment-550bn"})
    assert [e.polarity for e in verdict.evidence].count("support") == 1
    assert len(asked) == 4 * MAX_EVIDENCE + 1


def test_explain_still_sees_every_sentence(engine: Engine) -> None:
    """With `rejected` set (as `explain` does), nothing is ever closed."""
    index = ArticleIndex(_page(SENTENCES[5], times=1), engine.matcher)
    index.bar.update(contradict=0, support=0)
    assert index.closed(10)
    index.rejected = []
    assert not index.closed(10)
