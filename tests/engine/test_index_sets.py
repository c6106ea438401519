"""The index's sentence sets (issue 14, row 5): checks skip sentences by set operations, found in
one scan of a long page, and the skipping must never change a verdict. Differential and
property tests on generated text built from the words the checks look for."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from verifier.checks import events, succession
from verifier.engine import Engine
from verifier.engine.index import ArticleIndex
from verifier.model import Article, ArticleMeta
from verifier.text import offices

# Pieces the event, office and succession checks react to, and pieces that cut sentences in odd
# places: a run with no white space longer than a sentence may be (cut mid-word), blank lines,
# abbreviations.
PIECES = (
    "Trump", "Takaichi", "Sanae Takaichi", "Ishiba", "Abe", "Shinzo Abe", "met", "meeting",
    "summit", "in Tokyo", "in Seoul", "on Tuesday", "on 28 October 2025", "she", "her", "he",
    "the two leaders", "both sides", "Prime Minister", "President", "former", "late",
    "the late", "defence minister", "succeeded", "replaced", "after", "her predecessor",
    "stepped down", "signed", "the deal", "$550 billion", "2%", "of GDP", "Japan's", "Japanese",
    "U.S.", "Mr.", "said", "spoke", "and", ",", ".", ". ", "\n", "\n\n", "(", ")", "-",
    # whole sentences that name a participant another way
    "Takaichi arrived.", "She and Trump spoke", "The two leaders spoke",
    "Japan's Prime Minister and Trump spoke", "Trump and the Japanese Prime Minister spoke",
    "she" * 700, "Takaichi" * 260, "x" * 1990 + "she",
)
SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", ". "])
TEXTS = st.lists(st.tuples(st.sampled_from(PIECES), SEPARATORS), max_size=60).map(
    lambda parts: "".join(piece + sep for piece, sep in parts))
PATTERNS = (events._TOGETHER, events._PRONOUN, succession._ACTIVE, succession._NOUN,
            succession._AFTER, *(p for p, _ in offices.SIGNS))


@contextmanager
def _every_sentence() -> Iterator[None]:
    """Sets that hold every candidate: each check then tests every sentence it used to."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ArticleIndex, "sieve", lambda self, among, *_: set(among))
        patch.setattr(ArticleIndex, "may_attach", lambda self, among: set(among))
        yield


def _index(engine: Engine, text: str) -> ArticleIndex:
    return ArticleIndex(Article("seeds/generated.txt", text, ArticleMeta()), engine.matcher)


@settings(max_examples=150, deadline=None)
@given(text=TEXTS)
def test_may_match_holds_every_sentence_the_pattern_matches(engine: Engine, text: str) -> None:
    index = _index(engine, text)
    for pattern in PATTERNS:
        matched = {s.index for s in index.sentences if pattern.search(s.text)}
        assert matched <= index.may_match(pattern), (pattern.pattern, text)


@settings(max_examples=150, deadline=None)
@given(text=TEXTS)
@example(text="Oil fell. " * 9 + "Japan's defence minister spoke.")
@example(text="Oil fell. " * 9 + "Japan's defence" + "x" * 1990 + "minister spoke.")
def test_may_match_through_a_gate_holds_every_sentence_the_pattern_matches(
        engine: Engine, text: str) -> None:
    """With a gate, a page where few sentences may hold it has those searched one by one."""
    index = _index(engine, text)
    for pattern, gate in offices.SIGNS:
        matched = {s.index for s in index.sentences if pattern.search(s.text)}
        assert matched <= index.may_match(pattern, gate), (pattern.pattern, text)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS | st.text())
def test_a_gate_matches_wherever_its_pattern_does(text: str) -> None:
    for pattern, gate in offices.SIGNS:
        if gate is not None and pattern.search(text):
            assert gate.search(text), (pattern.pattern, text)


@settings(max_examples=150, deadline=None)
@given(text=TEXTS, share=st.sampled_from([1, 3, 10]))
@example(text="Trump met the late Shinzo Abe's widow.", share=1)
@example(text="Mr. Abe spoke. " * 9 + "Trump met the late Shinzo Abe's widow.", share=3)
def test_may_attach_holds_every_sentence_with_an_attachment(engine: Engine, text: str,
                                                            share: int) -> None:
    """Both ways: a few candidates searched one by one, or many through the whole-text scan."""
    index = _index(engine, text)
    among = {s.index for s in index.sentences if s.index % share == 0}
    attached = {i for i in among if index.attachments(index.sentences[i])}
    assert attached <= index.may_attach(among) <= among, text


@settings(max_examples=150, deadline=None)
@given(text=TEXTS, share=st.sampled_from([1, 3, 10]))
def test_sieve_holds_every_candidate_a_pattern_matches(engine: Engine, text: str,
                                                       share: int) -> None:
    index = _index(engine, text)
    among = {s.index for s in index.sentences if s.index % share == 0}
    for pattern in PATTERNS:
        matched = {i for i in among if pattern.search(index.sentences[i].text)}
        assert matched <= index.sieve(among, [(pattern, None)]) <= among, pattern.pattern


@settings(max_examples=120, deadline=None)
@given(text=TEXTS)
@example(text="Takaichi became prime minister after Abe stepped down.")
@example(text="Her predecessor Shinzo Abe resigned. Abe's successor Takaichi spoke.")
@example(text="Trump met former defence minister Takaichi in Tokyo.")
@example(text="Trump met the late Sanae Takaichi in Tokyo.")
def test_skipping_sentences_never_changes_a_verdict(engine: Engine, text: str) -> None:
    """Differential: the same article judged with the sets, and with sets that hold every
    sentence (each check then tests every sentence it used to), gives equal verdicts."""
    article = Article("seeds/generated.txt", text, ArticleMeta())
    with_sets = engine.judge_article(article)
    with _every_sentence():
        without = engine.judge_article(article)
    assert with_sets == without, text


def _event_mentions(engine: Engine, text: str) -> list[tuple[str, int, int, bool]]:
    index = _index(engine, text)
    return [(m.event, m.sentence.index, m.trigger.start if m.trigger else -1, m.strong)
            for e in sorted(engine.registry.entities) if engine.registry.of_type(e, "event")
            for m in events.event_mentions(e, index)]


@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
@example(text="Takaichi arrived. She and Trump spoke on Tuesday.")
@example(text="Takaichi arrived. Trump said the two leaders spoke on Tuesday in Tokyo.")
@example(text="Trump and the Japanese Prime Minister spoke on Tuesday.")
def test_skipping_sentences_never_changes_an_event_mention(engine: Engine, text: str) -> None:
    """The same differential on every event of the registry, mention by mention (a verdict
    needs a date or place beside the mention too, so it would show fewer differences)."""
    with_sets = _event_mentions(engine, text)
    with _every_sentence():
        without = _event_mentions(engine, text)
    assert with_sets == without, text


def test_a_sentence_cut_mid_word_is_kept_for_word_boundary_patterns(engine: Engine) -> None:
    """A run with no white space is cut at a fixed length; a word that begins at the cut reads
    as a word in the sentence alone, though not in the whole text."""
    text = "x" * 2000 + "she met Trump"
    index = _index(engine, text)
    cut = [s for s in index.sentences if s.text.startswith("she")]
    assert cut, [s.text[:10] for s in index.sentences]
    assert re.search(r"\bshe\b", cut[0].text)
    assert cut[0].index in index.may_match(events._PRONOUN)


def test_the_sets_leave_out_sentences_that_cannot_match(engine: Engine) -> None:
    """The point of the sets: a page of lines naming one participant has no candidates."""
    index = _index(engine, "Takaichi\n\n" * 50 + "She met the two leaders.\n")
    every = set(range(51))
    assert index.may_match(events._TOGETHER) == {50}
    assert index.sieve(every, [(events._PRONOUN, None)]) == {50}
    assert index.sieve({49, 50}, [(events._PRONOUN, None)]) == {50}
    assert index.may_attach(every) == set()


# A page of many figures and dates, right and wrong: past the eighth contradiction the engine
# keeps, the value and date checks skip binding the wrong ones (ArticleIndex.settled).
FIGURES = st.lists(st.tuples(
    st.sampled_from(["Trump met Takaichi in Tokyo", "Trump and Takaichi met",
                     "Takaichi met Xi", "The summit took place"]),
    st.sampled_from(["on Tuesday", "on 28 October 2025", "on 27 October 2025",
                     "on 30 October 2025", "on 3 November 2025", "last week", "in 2019"]),
    st.sampled_from(["$550 billion", "$500 billion", "$55 billion", "$1 trillion"]),
    st.sampled_from(["2% of GDP", "3% of GDP", "15% tariffs", "25% tariffs"])),
    min_size=10, max_size=40).map(lambda rows: "\n\n".join(
        f"{who} {when}, and Japan pledged {money} of investment in the United States, with "
        f"{share} for defense." for who, when, money, share in rows))


def _rotated(rows: int) -> str:
    """A fixed page of FIGURES' shape: wrong figures and dates first, right ones later."""
    money = ["$500 billion", "$55 billion", "$1 trillion"] * 4 + ["$550 billion"] * 3
    days = ["on 27 October 2025", "on 3 November 2025", "in 2019"] * 4 + ["on Tuesday"] * 3
    return "\n\n".join(
        f"Trump met Takaichi in Tokyo {days[i % 15]}, and Japan pledged {money[(i + 1) % 15]} of "
        f"investment in the United States, with {2 + i % 3}% of GDP for defense."
        for i in range(rows))


@settings(max_examples=60, deadline=None)
@given(text=FIGURES)
@example(text=_rotated(15))
@example(text=_rotated(30))
def test_skipping_settled_contradictions_never_changes_a_verdict(engine: Engine,
                                                                  text: str) -> None:
    article = Article("seeds/generated.txt", text, ArticleMeta(published=None))
    with_skips = engine.judge_article(article)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ArticleIndex, "settled", lambda self, *_: False)
        without = engine.judge_article(article)
    assert with_skips == without, text


def test_settled_holds_only_past_the_kept_contradictions(engine: Engine) -> None:
    text = "".join(f"Trump met Takaichi in Tokyo on {day} November 2025.\n\n"
                   for day in range(1, 13))
    index = _index(engine, text)
    claim = next(c for c in engine.claims if c.id == "summit-date")
    verdict = engine.judge(claim, index)
    assert verdict.verdict == "contradicted" and len(verdict.evidence) == 8
    assert not index.settled("contradict", 0)  # the engine clears its bar after each claim
