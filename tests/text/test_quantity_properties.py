"""Properties of signs, ranges, durations and starts of spans (issue 16) on generated inputs:
every way of writing one quantity gives that quantity, and comparing with a claim's range
agrees with plain arithmetic."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.text.values import compare, extract

FEW = settings(max_examples=60, deadline=None)
# two decimals, as articles write rates
AMOUNT = st.integers(0, 99_999).map(lambda n: n / 100)
RANGE_FORMS = ["{a} to {b} %", "{a}-{b}%", "{a}% to {b}%", "between {a} and {b} per cent",
               "between {a}% and {b}%"]
SIGN_FORMS = ["minus {x} %", "-{x}%", "negative {x} per cent", "(-{x}%)"]
UNITS = ["year", "month", "week", "day", "hour"]


def _text(amount: float) -> str:
    return f"{amount:g}"


@FEW
@given(AMOUNT, AMOUNT, st.sampled_from(RANGE_FORMS))
def test_every_range_form_is_one_range(a: float, b: float, form: str) -> None:
    low, high = sorted((a, b))
    if low == high:
        return
    sentence = f"The bank kept its rate at {form.format(a=_text(low), b=_text(high))} on Tuesday."
    ranges = [v for v in extract(sentence) if v.kind == "percent"]
    assert len(ranges) == 1, ranges
    (found,) = ranges
    assert (found.amount, found.upper) == (low, high)


@FEW
@given(AMOUNT.filter(lambda x: x > 0), st.sampled_from(SIGN_FORMS))
def test_every_sign_form_is_negative(x: float, form: str) -> None:
    (value,) = [v for v in extract(f"The rate is {form.format(x=_text(x))} now.")
                if v.kind == "percent"]
    assert value.amount == -x and value.upper is None


@FEW
@given(AMOUNT.filter(lambda x: x > 0), AMOUNT)
def test_a_change_is_two_values_never_a_range(x: float, y: float) -> None:
    found = [v for v in extract(f"It moved the rate from -{_text(x)}% to {_text(y)}%.")
             if v.kind == "percent"]
    assert [(v.amount, v.upper) for v in found] == [(-x, None), (y, None)]


@FEW
@given(st.integers(2, 99), st.sampled_from(UNITS), st.sampled_from(["for {n} {u}s",
                                                                    "a {n}-{u} meeting",
                                                                    "the first in {n} {u}s"]))
def test_durations_are_durations_in_their_unit(n: int, unit: str, form: str) -> None:
    values = extract(f"It was {form.format(n=n, u=unit)}, officials said.")
    assert [(v.kind, v.amount, v.unit) for v in values] == [("duration", float(n), unit)]


@FEW
@given(st.integers(1900, 2030))
def test_since_a_year_is_a_start_never_a_date(year: int) -> None:
    (value,) = extract(f"Rates have been negative since {year}.")
    assert value.kind == "since" and value.amount == year and not value.is_date


@FEW
@given(AMOUNT, AMOUNT, AMOUNT)
def test_a_number_against_a_range_is_plain_arithmetic(low: float, high: float,
                                                      x: float) -> None:
    low, high = sorted((low, high))
    (value,) = extract(f"The rate stands at {_text(x)}%.")
    expected = {"type": "percent", "min": low, "max": high}
    assert compare(value, expected) == ("same" if low <= x <= high else "different")


@FEW
@given(AMOUNT, AMOUNT)
def test_a_range_in_the_text_never_judges_one_amount(a: float, b: float) -> None:
    low, high = sorted((a, b))
    if low == high:
        return
    (value,) = extract(f"The rate will be {_text(low)} to {_text(high)} %.")
    assert compare(value, {"type": "percent", "amount": low}) == "unknown"
    assert compare(value, {"type": "percent", "min": low, "max": high}) == "same"
