"""find_dates() and date_consistent(): table-driven (tests/data/text/dates.yaml,
consistency.yaml)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from text_tables import rows

from verifier.text.dates import DateValue, date_consistent, find_dates
from verifier.text.values import extract


def _row(text: str, start: int, end: int, value: DateValue) -> list[Any]:
    return [text[start:end], value.precision, value.first, value.last, value.weekday]


@pytest.mark.parametrize("row", rows("dates"))
def test_dates(row: dict[str, Any]) -> None:
    text = row["text"]
    found = [_row(text, *f) for f in find_dates(text, published=row["published"])]
    assert found == row["dates"]


@pytest.mark.parametrize("row", rows("consistency"))
def test_consistency(row: dict[str, Any]) -> None:
    (value,) = [v for v in extract(row["text"], published=row["published"]) if v.is_date]
    assert date_consistent(value, row["claim"]) is row["expect"]
    assert date_consistent(value.date or DateValue("range"), row["claim"]) is row["expect"]


def test_future_hint_overrides_the_cues() -> None:
    text = "They meet on Thursday."
    published = dt.date(2025, 10, 28)
    ((_, _, past),) = find_dates(text, published=published)
    ((_, _, ahead),) = find_dates(text, published=published, future=True)
    assert (past.first, ahead.first) == (dt.date(2025, 10, 23), dt.date(2025, 10, 30))


def test_dates_inside_a_sentence_window_only() -> None:
    text = "On Monday we met. On Friday we left."
    start = text.index("On Friday")
    assert [text[s:e] for s, e, _ in find_dates(text, start)] == ["Friday"]
