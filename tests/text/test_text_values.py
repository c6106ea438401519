"""extract(), describe() and same_amount(): table-driven (tests/data/text/values.yaml)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from text_tables import rows

from verifier.text.values import Value, describe, extract, same_amount


def _row(value: Value) -> list[Any]:
    """kind, amount, currency, text, and for a range its upper end."""
    row = [value.kind, value.amount, value.currency, value.text]
    return row if value.upper is None else [*row, value.upper]


@pytest.mark.parametrize("row", rows("values"))
def test_values(row: dict[str, Any]) -> None:
    found = [_row(v) for v in extract(row["text"])]
    expected = [[k, None if a is None else float(a), c, t, *map(float, upper)]
                for k, a, c, t, *upper in row["values"]]
    assert found == expected


def test_spans_are_offsets_in_the_whole_text() -> None:
    text = "Intro. Japan pledged $550bn to the US. Outro with 3%."
    start = text.index("Japan")
    end = text.index("Outro")
    (value,) = extract(text, start, end)
    assert text[value.start:value.end] == "$550bn" == value.text


SAME = [
    ("2% of GDP", {"type": "percent", "amount": 2}, 0.0, True),
    ("two per cent of GDP", {"type": "percent", "amount": 2}, 0.0, True),
    ("3% of GDP", {"type": "percent", "amount": 2}, 0.0, False),
    ("2.1% of GDP", {"type": "percent", "amount": 2}, 0.2, True),
    ("2 percentage points", {"type": "percent", "amount": 2}, 0.0, False),
    ("$550bn", {"type": "money", "amount": 550e9, "currency": "USD"}, 0.0, True),
    ("US$550 billion", {"type": "money", "amount": 550e9, "currency": "USD"}, 0.0, True),
    ("$55bn", {"type": "money", "amount": 550e9, "currency": "USD"}, 0.0, False),
    ("550 billion yen", {"type": "money", "amount": 550e9, "currency": "USD"}, 0.0, False),
    ("in 2022", {"type": "year", "amount": 2022}, 0.0, True),
    ("twelve bridges", {"type": "number", "amount": 12}, 0.0, True),
]


@pytest.mark.parametrize(("text", "expected", "tolerance", "same"), SAME)
def test_same_amount(text: str, expected: dict[str, Any], tolerance: float, same: bool) -> None:
    (value,) = extract(text)
    assert same_amount(value, expected, tolerance) is same


DESCRIBED = [
    ("2%", None, "2%"),
    ("two per cent", None, "'two per cent' (2%)"),
    ("$550bn", None, "'$550bn' (USD 550 billion)"),
    ("2 percentage points", None, "2 percentage points"),
    ("1,000", None, "1,000"),
    ("in 2022", None, "2022"),
    ("on Tuesday", dt.date(2025, 10, 28), "'Tuesday' (Tuesday 2025-10-28)"),
    ("on Tuesday", None, "'Tuesday' (a Tuesday)"),
    ("last week", dt.date(2025, 10, 28), "'last week' (2025-10-20 to 2025-10-26)"),
]


@pytest.mark.parametrize(("text", "published", "expected"), DESCRIBED)
def test_describe(text: str, published: dt.date | None, expected: str) -> None:
    (value,) = extract(text, published=published)
    assert describe(value) == expected


def test_before() -> None:
    (value,) = extract("He was killed in July 2022.")
    assert value.before(dt.date(2022, 8, 1)) and not value.before(dt.date(2022, 7, 31))
    (number,) = extract("twelve")
    assert not number.before(dt.date(2030, 1, 1))
