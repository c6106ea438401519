"""normalize(): exact offsets back to the original; fold(): same length, case and accents gone."""

from __future__ import annotations

import pytest
from text_tables import assert_exact_offsets

from verifier.text.normalize import fold, normalize

NORMALISED = [
    ("curly quotes", "\u201cgolden age\u201d and Japan\u2019s", "\"golden age\" and Japan's"),
    ("dashes", "Japan\u2013US \u2014 talks \u2212 2", "Japan-US - talks - 2"),
    ("spaces", "a\u00a0b\u2009c\u3000d", "a b c d"),
    ("zero width and soft hyphen", "Ta\u200bkai\u00adchi\ufeff", "Takaichi"),
    ("line ends", "one\r\ntwo\rthree\n", "one\ntwo\nthree\n"),
    ("NFKC", "\ufb01scal \u2026 \uff11\uff15%", "fiscal ... 15%"),
    ("combining marks compose", "Shinzo\u0304 Abe", "Shinz\u014d Abe"),
    ("ascii unchanged", "Plain text, 2% of GDP.", "Plain text, 2% of GDP."),
]


@pytest.mark.parametrize(("original", "expected"), [c[1:] for c in NORMALISED],
                         ids=[c[0] for c in NORMALISED])
def test_normalised_text(original: str, expected: str) -> None:
    assert normalize(original).text == expected


@pytest.mark.parametrize("original", [c[1] for c in NORMALISED], ids=[c[0] for c in NORMALISED])
def test_each_character_comes_from_its_original_offset(original: str) -> None:
    assert_exact_offsets(original)
    assert normalize(original).original_offset(len(normalize(original).text)) == len(original)


def test_offsets_skip_removed_characters() -> None:
    original = "a\u200bb\r\nc"
    norm = normalize(original)
    assert norm.text == "ab\nc"
    assert [norm.original_offset(i) for i in range(4)] == [0, 2, 3, 5]


LINE_COL = [
    ("ab\ncd", 3, (2, 1)),
    ("ab\r\ncd", 4, (2, 1)),
    ("ab\r\ncd", 3, (1, 4)),  # the \n of \r\n is still on line 1
    ("ab\rcd", 3, (2, 1)),
    ("x\n\ny", 3, (3, 1)),
    ("\u00e9t\u00e9\nSt", 5, (2, 2)),  # columns count characters
]


@pytest.mark.parametrize(("original", "offset", "expected"), LINE_COL)
def test_line_col(original: str, offset: int, expected: tuple[int, int]) -> None:
    assert normalize(original).line_col(offset) == expected


FOLDED = [
    ("Shinz\u014d", "shinzo"),
    ("\u0130stanbul", "istanbul"),  # dotted capital I lowercases to two characters elsewhere
    ("TAKAICHI's", "takaichi's"),
    ("Z\u00fcrich \u00d8resund \u0141\u00f3d\u017a", "zurich oresund lodz"),
    ("line\nbreak\ttab", "line break tab"),
    ("Stra\u00dfe", "stra\u00dfe"),  # no expansion to "ss": length must not change
]


@pytest.mark.parametrize(("text", "expected"), FOLDED)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected
    assert len(fold(text)) == len(text)


SPACED = [
    ("double space", "Prime  Minister", "Prime Minister"),
    ("tab", "Prime\tMinister", "Prime Minister"),
    ("space and tab", "Prime \tMinister", "Prime Minister"),
    ("no-break space next to a space", "Prime \u00a0Minister", "Prime Minister"),
    ("indentation", "   Indented line", " Indented line"),
    ("line breaks stay", "one  \n\n  two", "one \n\n two"),
]


@pytest.mark.parametrize(("original", "expected"), [c[1:] for c in SPACED],
                         ids=[c[0] for c in SPACED])
def test_blank_runs_become_one_space(original: str, expected: str) -> None:
    assert normalize(original).text == expected
    assert_exact_offsets(original)


def test_fold_keeps_every_white_space_where_it_is() -> None:
    """Over every code point: a folded text splits into as many words as the text (the
    boilerplate rules count words before folding, and fold only the lines that can matter)."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    folded = fold(every)
    assert [i for i, (a, b) in enumerate(zip(every, folded, strict=True))
            if a.isspace() != b.isspace()] == []
