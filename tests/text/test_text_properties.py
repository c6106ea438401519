"""Properties of the text layer on arbitrary input (hypothesis), and linear time on hostile
input."""

from __future__ import annotations

import datetime as dt
import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from text_tables import assert_exact_offsets

from verifier.text.normalize import fold, normalize
from verifier.text.segment import clauses, segment
from verifier.text.values import extract

FEW = settings(max_examples=60, deadline=None)
# Text that looks like articles often enough to reach the interesting branches.
PIECES = st.sampled_from([
    " ", "  ", "\n", "\n\n", "\r\n", ".", ". ", "?", ",", ":", "\"", "'", "(", ")", "-", "#", "$",
    "%", "the", "The", "new", "U.S.", "Mr.", "Oct.", "28", "2025", "2.5", "1,000", "two",
    "per cent", "billion", "bn", "on Tuesday", "last week", "Trump", "Tags :", "Share", "\u00a0",
    "\u2019", "\u201c", "\u2014", "\u200b", "\u0301", "\u0130", "\u00ad", "\u2028",
    "\u0421\u0441", "um",
])
ARTICLE = st.lists(PIECES, max_size=60).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), ARTICLE)
PUBLISHED = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))


@FEW
@given(ANY_TEXT)
def test_normalize_offsets_are_exact_monotone_and_in_range(text: str) -> None:
    assert_exact_offsets(text)
    norm = normalize(text)
    for i in range(0, len(norm.text) + 1, 7):
        line, column = norm.line_col(norm.original_offset(i))
        assert line >= 1 and column >= 1


@FEW
@given(st.text(max_size=300))
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


@FEW
@given(ANY_TEXT)
def test_segments_cover_the_text_without_overlap(text: str) -> None:
    norm = normalize(text).text
    segments = segment(norm)
    covered = set()
    previous_end = 0
    for s in segments:
        assert previous_end <= s.start < s.end <= len(norm)
        assert norm[s.start:s.end] == norm[s.start:s.end].strip()
        previous_end = s.end
        covered.update(range(s.start, s.end))
        for lo, hi in clauses(norm[s.start:s.end]):
            assert 0 <= lo < hi <= s.end - s.start
    assert all(i in covered for i, c in enumerate(norm) if not c.isspace())


@FEW
@given(ANY_TEXT, PUBLISHED, st.sampled_from([None, True, False]))
def test_values_never_crash_and_stay_in_range(text: str, published: dt.date | None,
                                              future: bool | None) -> None:
    norm = normalize(text).text
    for s in segment(norm) or []:
        values = extract(norm, s.start, s.end, published, future)
        for a, b in itertools.pairwise(values):
            assert a.end <= b.start
        for v in values:
            assert s.start <= v.start < v.end <= s.end and norm[v.start:v.end] == v.text


AMOUNTS = st.decimals(min_value="0.1", max_value="999.9", places=1).map(
    lambda d: str(d).rstrip("0").rstrip("."))
PERCENT_FORMS = ["{} percent", "{} per cent", "{}%", "{} pct", "{}  percent"]
MONEY_FORMS = ["${} billion", "US${}bn", "{} billion dollars", "USD {} billion",
               "{}-billion-dollar"]


@FEW
@given(AMOUNTS, st.sampled_from(PERCENT_FORMS))
def test_percent_forms_give_the_same_value(amount: str, form: str) -> None:
    (value,) = extract(f"Spending will reach {form.format(amount)} of GDP.")
    assert (value.kind, value.amount) == ("percent", float(amount))


@FEW
@given(AMOUNTS, st.sampled_from(MONEY_FORMS))
def test_money_forms_give_the_same_value(amount: str, form: str) -> None:
    (value,) = extract(f"Japan pledged {form.format(amount)} in new investment.")
    assert (value.kind, value.currency) == ("money", "USD")
    assert value.amount == pytest.approx(float(amount) * 1e9)


UNITS = "one two three four five six seven eight nine".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n: int) -> str:
    """English words for 1..99, written for this test."""
    if n < 10:
        return UNITS[n - 1]
    if n < 20:
        return TEENS[n - 10]
    return TENS[n // 10 - 2] + ("-" + UNITS[n % 10 - 1] if n % 10 else "")


@FEW
@given(st.integers(1, 99), st.sampled_from(["{}%", "{} per cent", "{} percent"]))
def test_numbers_in_words_or_digits_are_the_same_value(n: int, form: str) -> None:
    digits = extract(f"a rise of {form.format(n)} in output")
    spelled_form = form.format(words(n)).replace("%", " percent")
    spelled = extract(f"a rise of {spelled_form} in output")
    assert [(v.kind, v.amount) for v in digits] == [(v.kind, v.amount) for v in spelled] == [
        ("percent", float(n))]


HOSTILE = [
    "." * 40_000 + " " * 40_000 + "a",
    "a" * 40_000 + "." * 40_000 + " b",
    "1," * 40_000,
    "1" * 80_000 + "x",
    "one " * 20_000 + "and",
    "the. " * 20_000,
    "\u0301" * 40_000,
    "e" + "\u0301" * 40_000,
    "$" * 40_000 + "5",
    "Tags :\n" * 10_000,
    "A\n" * 40_000,
    "Mr. " * 20_000,
    "on Monday " * 8_000,
    "\"" * 40_000 + ". A",
    "- " * 40_000,
    "a, " * 30_000,
    "October " * 10_000 + "28",
]


@pytest.mark.parametrize("text", HOSTILE, ids=[repr(t[:12]) for t in HOSTILE])
def test_hostile_input_is_linear(text: str) -> None:
    """A hang guard, not a speed target (those are in benchmarks/): 80 KB of pathological text
    takes about a second; quadratic or exponential behaviour takes minutes and fails here."""
    started = time.perf_counter()
    norm = normalize(text).text
    fold(norm)
    for s in segment(norm):
        extract(norm, s.start, s.end, dt.date(2025, 10, 28))
        clauses(norm[s.start:s.end])
    extract(norm, published=dt.date(2025, 10, 28))
    assert time.perf_counter() - started < 60.0
