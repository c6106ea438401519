"""segment() and clauses(): table-driven (tests/data/text/segments.yaml, clauses.yaml)."""

from __future__ import annotations

from typing import Any

import pytest
from text_tables import rows

from verifier.text.normalize import normalize
from verifier.text.segment import clauses, segment


def _sentences(text: str) -> list[str]:
    norm = normalize(text).text
    return [" ".join(norm[s.start:s.end].split()) for s in segment(norm) if not s.boilerplate]


@pytest.mark.parametrize("row", rows("segments"))
def test_sentences(row: dict[str, Any]) -> None:
    assert _sentences(row["text"]) == row["sentences"]


@pytest.mark.parametrize("row", rows("clauses"))
def test_clauses(row: dict[str, Any]) -> None:
    text = row["text"]
    assert [text[s:e] for s, e in clauses(text)] == row["clauses"]


def test_joined_sentence_spans_both_paragraphs() -> None:
    text = "Trump met with the new.\n\nJapanese Prime Minister Abe in Tokyo."
    (only,) = segment(text)
    assert (only.start, only.end, only.paragraph) == (0, len(text), 0)


def test_paragraph_index_counts_lines_and_blocks() -> None:
    text = "First one. Second one.\n\nThird one.\nFourth one."
    assert [s.paragraph for s in segment(text)] == [0, 0, 1, 2]


def test_boilerplate_lines_are_segments_with_their_rule() -> None:
    text = "The council voted on Monday to build a new bridge, officials said.\n\nLeave a Reply\n"
    last = segment(text)[-1]
    assert (last.boilerplate, last.reason, text[last.start:last.end]) == (
        True, "comment form", "Leave a Reply")
