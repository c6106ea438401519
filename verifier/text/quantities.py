"""What a bare extraction of numbers misses, applied to its values in one pass: the sign
("minus 0.1 %", "-0.1%"), ranges ("0 to 0.25 %", "between zero and 0.1 %"; not a score "2-1":
see `_join`), durations ("for eight years", "a two-day meeting", "first in 12 years") and
starts of spans ("since 2009").

Each rule reads only the characters around a value, with bounded patterns (linear in the text).
`compare` judges such a value against a claim's quantity (an amount or a range).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from verifier.text.values import Value

# "minus 0.1", "negative 2": a word sign right before the number
_WORD_SIGN = re.compile(r"\b(?:minus|negative)\s+$", re.IGNORECASE)
# "-0.1": a dash touching the digits, after a space, a bracket or the start, and not after a
# figure ("0.1-0.2%" is a range, "2 - 3" a difference)
_DASH_SIGN = re.compile(r"(?:^|(?<=[\s(\[:=]))-$")
_FIGURE_BEFORE = re.compile(r"[\d%]\s*-$")
_SIGNED_KINDS = ("number", "percent", "points")

_UNIT = re.compile(r"(?:\s+|-)(?P<u>years?|months?|weeks?|days?|hours?|decades?)\b(?:-old)?",
                   re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE)

# what joins the two ends of a range
_TO = re.compile(r"\s*(?:-|to)\s*", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
# a value after these starts a change ("from 2 to 3%") or is a step ("by 0.25 to 0.5%")
_CHANGE_START = re.compile(r"\b(?:from|by)\s+(?:about\s+|around\s+|roughly\s+)?$", re.IGNORECASE)
_SCALE = re.compile(r"(thousand|million|billion|trillion|bn|mn|tn)\b", re.IGNORECASE)
_SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
           "trillion": 1e12, "tn": 1e12}
_NUMERIC = ("number", "percent", "points", "money")
Comparison = Literal["same", "different", "unknown"]


def refine(text: str, values: list[Value], lo: int) -> list[Value]:
    """Signs, durations, starts of spans, then ranges; `values` sorted, in text[lo:...]."""
    out = [_duration(text, _signed(text, v, lo)) for v in values]
    out = [_since(text, v, lo) for v in out]
    return _ranges(text, out, lo)


def _signed(text: str, value: Value, lo: int) -> Value:
    if value.kind not in _SIGNED_KINDS or value.amount is None:
        return value
    before = text[max(lo, value.start - 10):value.start]
    word = _WORD_SIGN.search(before)
    if word:
        begin = value.start - (len(before) - word.start())
    elif _DASH_SIGN.search(before) and not _FIGURE_BEFORE.search(before):
        begin = value.start - 1
    else:
        return value
    return replace(value, start=begin, text=text[begin:value.end], amount=-value.amount)


def _duration(text: str, value: Value) -> Value:
    """ "eight years", "a two-day meeting", "12-year": a length of time, never a count of
    something else nor a date."""
    if value.kind != "number" or value.amount is None:
        return value
    unit = _UNIT.match(text, value.end)
    if unit is None:
        return value
    name = unit.group("u").lower().removesuffix("s")
    amount = value.amount * 10 if name == "decade" else value.amount
    name = "year" if name == "decade" else name
    return replace(value, end=unit.end(), text=text[value.start:unit.end()], kind="duration",
                   amount=amount, unit=name)


def _since(text: str, value: Value, lo: int) -> Value:
    """ "since 2009": the start of a span, not when the sentence's event happened."""
    date = value.date
    if date is None or date.first is None or value.kind not in ("year", "date"):
        return value
    if not _SINCE.search(text[max(lo, value.start - 16):value.start]):
        return value
    return replace(value, kind="since", amount=float(date.first.year))


def _ranges(text: str, values: list[Value], lo: int) -> list[Value]:
    out: list[Value] = []
    for value in values:
        previous = out[-1] if out else None
        joined = _join(text, previous, value, lo) if previous is not None else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(value)
    return out


def _join(text: str, a: Value, b: Value, lo: int) -> Value | None:
    """One range from two values ("0 to 0.25 %", "between zero and 0.1 %"), or None."""
    if a.kind not in _NUMERIC or b.kind not in _NUMERIC or a.amount is None \
            or b.amount is None or a.upper is not None:
        return None
    gap = text[a.end:b.start]
    before = text[max(lo, a.start - 24):a.start]
    between = _BETWEEN.search(before)
    if between is None and (not _TO.fullmatch(gap) or _CHANGE_START.search(before)):
        return None
    if between is not None and not _AND.fullmatch(gap):
        return None
    if a.kind == b.kind:
        low = a.amount * _scale_gap(a.text, b.text)
        if a.kind == "money" and a.currency and b.currency and a.currency != b.currency:
            return None
    elif a.kind == "number" and b.kind in ("percent", "points", "money"):
        low = a.amount * _scale_gap(a.text, b.text)
    else:
        return None
    if "-" in gap and a.kind == b.kind == "number" and not _SCALE.search(b.text):
        return None  # "2-1", "24-7": scores and the like, not ranges ("3-4 million" is one)
    if not low < b.amount:
        return None  # "voted 400 to 150": a tally, not a range
    start = a.start - (len(before) - between.start()) if between else a.start
    return replace(b, start=start, text=text[start:b.end], amount=low, upper=b.amount)


def _scale_gap(low: str, high: str) -> float:
    """ "1 to 2 billion dollars": the scale written once applies to both ends."""
    if _SCALE.search(low):
        return 1.0
    found = _SCALE.search(high)
    return _SCALES[found.group(1).lower()] if found else 1.0


def compare(value: Value, expected: Mapping[str, Any], tolerance: float = 0.0) -> Comparison:
    """`value` against the claim's quantity: {type, amount} or a range {type, min, max}
    (inclusive), with `currency` for money and `unit` for durations. "unknown" when they cannot
    be compared: another type, currency or unit, or a range in the text for one exact amount
    (a range is an estimate, not the level)."""
    if value.amount is None or value.kind != expected.get("type"):
        return "unknown"
    want = expected.get("currency")
    if want and value.currency and want != value.currency:
        return "unknown"
    if value.kind == "duration" and value.unit != _unit(expected):
        return "unknown"
    if "amount" in expected:
        if value.upper is not None:
            return "unknown"
        return "same" if _near(value.amount, float(expected["amount"]), tolerance) else "different"
    low, high = float(expected["min"]), float(expected["max"])
    if value.upper is not None:
        same = _near(value.amount, low, tolerance) and _near(value.upper, high, tolerance)
    else:
        same = low - tolerance <= value.amount <= high + tolerance
    return "same" if same else "different"


def _near(amount: float, target: float, tolerance: float) -> bool:
    return abs(amount - target) <= tolerance + 1e-9 * max(1.0, abs(target))


def _unit(expected: Mapping[str, Any]) -> str:
    return str(expected.get("unit") or "years").strip().lower().removesuffix("s")
