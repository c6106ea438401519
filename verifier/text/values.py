"""Typed values in a sentence: numbers (digits or words), percents, percentage points, money
(currency and scale), years and dates, each with its span in the normalised text.

One pass finds dates, then one pass finds numbers; what follows a number (a scale, "%" or
"per cent", a currency word) and what precedes it (a currency sign or code) decide its type.
Digits that belong to a date or a time are never reported again as bare numbers, nor are the
parts of a fraction or a ratio ("2/3" with a slash or a fraction slash, "24/7").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from verifier.text.dates import DateValue, Taken, find_dates
from verifier.text.normalize import fold
from verifier.text.quantities import compare, refine

__all__ = ["Value", "compare", "describe", "extract", "same_amount"]

ValueKind = Literal["number", "percent", "points", "money", "year", "date", "duration", "since"]


@dataclass(frozen=True)
class Value:
    """A typed value at [start, end) of the normalised text; `amount` is fully scaled
    ("$550bn" -> 550e9), `currency` an ISO code, `date` set for dates and years.

    A range ("0 to 0.25 %") has its low end in `amount` and its high end in `upper`; a
    duration ("for eight years") its length in `amount` and `unit` (year, month, week, day,
    hour); a start of a span ("since 2009", kind `since`) its year in `amount`."""

    start: int
    end: int
    text: str
    kind: ValueKind
    amount: float | None = None
    currency: str = ""
    date: DateValue | None = None
    upper: float | None = None
    unit: str = ""

    @property
    def is_date(self) -> bool:
        """A date or year the sentence speaks of ("since 2009" starts a span: it is not)."""
        return self.date is not None and self.kind != "since"

    def before(self, day: dt.date) -> bool:
        """A date that ends before `day` (the sentence speaks of an earlier time)."""
        return self.date is not None and self.date.last is not None and self.date.last < day

    @property
    def points(self) -> bool:
        """Percentage points: a change between two percents, never a level."""
        return self.kind == "points"


_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WORD_VALUE = {w: float(i) for i, w in enumerate(_UNITS)} | {
    w: float(20 + 10 * i) for i, w in enumerate(_TENS)} | _SCALES | {"dozen": 12.0}
_WORD = "|".join(sorted(_WORD_VALUE, key=len, reverse=True))
_NUMBER = re.compile(
    r"(?<![\w.,:/\u2044])(?<![A-Za-z]-)(?P<d>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?=(?:bn|mn|mln|tn|trn|k|m|b)\b)|(?![\w:]|[.,/\u2044]\d))"
    rf"|\b(?:an?[ -](?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    rf"(?:{_WORD})\b(?:(?:\s+and\s+|\s+|-)(?:{_WORD})\b)*")  # runs on folded text
_SCALE = re.compile(r"(?:\s+|-)?(?P<w>thousand|million|billion|trillion)\b"
                    r"|(?P<a>bn|mn|mln|tn|trn|k|m|b)\b|\s(?P<s>bn|mn|mln|tn|trn)\b", re.IGNORECASE)
_ABBREVIATED = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12,
                "trn": 1e12}
_PERCENT = re.compile(r"\s*(?:%|per\s*cent\b|percent\b|pct\b)(?P<p1>\s*points?\b)?"
                      r"|\s+(?P<p2>percentage[\s-]+points?|pp|ppts?)\b", re.IGNORECASE)
_PREFIX = re.compile(r"(?:US\$|U\.S\.\$|A\$|AU\$|C\$|CA\$|HK\$|S\$|NZ\$|R\$|\$|€|£|¥|₩|₹|"
                     r"USD|EUR|GBP|JPY|CNY|RMB|KRW|INR|AUD|CAD|CHF)\s*$")
_SUFFIX = re.compile(
    r"(?:\s+|-)(?:(?P<adj>US|U\.S\.|American|Australian|Canadian|Hong\s+Kong|Singapore|New\s+Zealand)"
    r"(?:\s+|-))?"
    r"(?P<cur>dollars?|euros?|pounds?(?:\s+sterling)?|sterling|yen|yuan|renminbi|won|rupees?|"
    r"francs?|USD|EUR|GBP|JPY|CNY|RMB|KRW|INR|AUD|CAD|CHF)\b", re.IGNORECASE)
_CURRENCY = {"$": "USD", "us$": "USD", "u.s.$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD",
             "ca$": "CAD", "hk$": "HKD", "s$": "SGD", "nz$": "NZD", "r$": "BRL", "€": "EUR",
             "£": "GBP", "¥": "JPY", "₩": "KRW", "₹": "INR", "rmb": "CNY", "dollar": "USD",
             "euro": "EUR", "pound": "GBP", "pound sterling": "GBP", "sterling": "GBP",
             "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "won": "KRW", "rupee": "INR",
             "franc": "CHF", "australian": "AUD", "canadian": "CAD", "hong kong": "HKD",
             "singapore": "SGD", "new zealand": "NZD"}
_TOKEN = re.compile(r"[A-Za-z]+")
# What may follow each kind of number word inside one number ("two hundred and five thousand").
_NEXT = {"unit": {"hundred", "scale", "dozen"}, "teen": {"hundred", "scale", "dozen"},
         "tens": {"unit", "hundred", "scale", "dozen"},
         "hundred": {"unit", "teen", "tens", "scale", "and"},
         "scale": {"unit", "teen", "tens", "hundred", "and"}, "and": {"unit", "teen", "tens"},
         "dozen": set()}


def _word_kind(word: str) -> str:
    value = _WORD_VALUE.get(word, 1.0)  # "a", "an" count as one
    if word in ("and", "dozen", "hundred"):
        return word
    if word in _SCALES:
        return "scale"
    return "unit" if value < 10 else "teen" if value < 20 else "tens"


def _word_numbers(m: re.Match[str]) -> Iterator[tuple[int, int, float]]:
    """Numbers in a run of number words; a run may hold several ("two three" is 2 and 3)."""
    total = current = 0.0
    first = last = -1
    previous = ""
    for t in _TOKEN.finditer(m.group()):
        word, kind = t.group().lower(), _word_kind(t.group().lower())
        if previous and kind not in _NEXT[previous]:
            yield m.start() + first, m.start() + last, total + current
            total = current = 0.0
            first = -1
            if kind == "and":
                previous = ""
                continue
        if kind == "and":
            previous = kind
            continue
        first = t.start() if first < 0 else first
        last, previous = t.end(), kind
        value = _WORD_VALUE.get(word, 1.0)
        if kind in ("hundred", "dozen"):
            current = (current or 1.0) * value
        elif kind == "scale":
            total, current = total + (current or 1.0) * value, 0.0
        else:
            current += value
    if first >= 0:
        yield m.start() + first, m.start() + last, total + current


# Substrings every number word contains: a sentence without any skips the word grammar.
_STEMS = ("one two thr four fiv six seven eigh nine ten elev twel twen thir fort fift hundred "
          "thousand million billion trillion dozen zero").split()
# a digit or a stem, in one scan (a test per stem cost 24 scans per sentence)
_MAY_NUMBER = re.compile("|".join([r"\d", *_STEMS]))


def _numbers(text: str, start: int, end: int) -> Iterator[tuple[int, int, float, bool]]:
    """Numbers in text[start:end]: the grammar runs on the folded window (same length)."""
    low = fold(text[start:end])
    if _MAY_NUMBER.search(low) is None:
        return
    for m in _NUMBER.finditer(low):
        if m.group("d"):
            yield start + m.start(), start + m.end(), float(m.group("d").replace(",", "")), False
        else:
            for s, e, amount in _word_numbers(m):
                yield start + s, start + e, amount, True


def _typed(text: str, s: int, e: int, amount: float, words: bool, lo: int, hi: int) -> Value:
    """Type a number by its neighbours: scale, then percent or currency."""
    scale, p = 1.0, e
    if not words and (m := _SCALE.match(text, p, hi)):
        word, abbr = m.group("w"), (m.group("a") or m.group("s") or "").lower()
        scale, p = (_SCALES[word.lower()] if word else _ABBREVIATED[abbr]), m.end()
    prefix = _PREFIX.search(text, max(lo, s - 12), s)
    if prefix is None and (m := _PERCENT.match(text, p, hi)):
        kind: ValueKind = "points" if m.group("p1") or m.group("p2") else "percent"
        return Value(s, m.end(), text[s:m.end()], kind, amount * scale)
    suffix = _SUFFIX.match(text, p, hi)
    if suffix and suffix.group("cur").lower() == "won" and scale == 1.0 and amount < 1e6:
        suffix = None  # "won" is mostly the verb
    if prefix or suffix:
        begin = prefix.start() if prefix else s
        stop = suffix.end() if suffix else p
        return Value(begin, stop, text[begin:stop], "money", amount * scale,
                     _currency(prefix, suffix))
    return Value(s, p, text[s:p], "number", amount * scale)


def _currency(prefix: re.Match[str] | None, suffix: re.Match[str] | None) -> str:
    if prefix:
        sign = prefix.group().strip().lower()
        return _CURRENCY.get(sign, sign.upper())
    assert suffix is not None
    adjective = " ".join((suffix.group("adj") or "").lower().split())
    word = " ".join(suffix.group("cur").lower().split())
    word = word[:-1] if word.endswith("s") and len(word) > 3 and word.lower() != "rs" else word
    if word == "dollar" and adjective in _CURRENCY and adjective not in ("us", "u.s.", "american"):
        return _CURRENCY[adjective]
    return _CURRENCY.get(word, word.upper())


def _date_value(text: str, s: int, e: int, date: DateValue) -> Value:
    surface = text[s:e]
    if date.precision == "year" and date.first and any(c.isdigit() for c in surface):
        return Value(s, e, surface, "year", float(date.first.year), date=date)
    return Value(s, e, surface, "date", date=date)


def extract(text: str, start: int = 0, end: int | None = None,
            published: dt.date | None = None, future: bool | None = None) -> list[Value]:
    """Typed values in text[start:end] (spans in `text`), in order, never overlapping."""
    end = len(text) if end is None else end
    values = [_date_value(text, s, e, d) for s, e, d in find_dates(text, start, end, published,
                                                                    future)]
    taken = Taken(start, end)
    for v in values:
        taken.take(v.start, v.end)
    until = start
    for s, e, amount, words in _numbers(text, start, end):
        if s < until or not taken.free(s, e):
            continue
        value = _typed(text, s, e, amount, words, start, end)
        values.append(value)
        until = value.end
    return refine(text, sorted(values, key=lambda v: v.start), start)


def same_amount(value: Value, expected: Mapping[str, Any], tolerance: float = 0.0) -> bool:
    """Whether `value` is the claim's quantity ({type, amount, currency?}); `tolerance` is how
    far off it may be, in the claim's unit. Another currency is never the same amount."""
    return compare(value, expected, tolerance) == "same"


def _scaled(amount: float) -> str:
    for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(amount) >= size:
            return f"{amount / size:g} {word}"
    return f"{amount:,.12g}"


_WEEKDAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _describe_date(date: DateValue) -> str:
    if date.first and date.last:
        if date.precision == "year":
            return str(date.first.year)
        if date.precision == "month":
            return date.first.strftime("%Y-%m")
        if date.first == date.last:
            return f"{_WEEKDAY_NAMES[date.first.weekday()]} {date.first.isoformat()}"
        return f"{date.first.isoformat()} to {date.last.isoformat()}"
    if date.month:
        month = dt.date(2000, date.month, 1).strftime("%B")
        return f"{month} {date.day}" if date.day else month
    if date.weekday is not None:
        return f"a {_WEEKDAY_NAMES[date.weekday]}"
    return "an unresolved date (no published date)"


def describe(value: Value) -> str:
    """A short reading for reports: "'two per cent' (2%)", "$550bn (USD 550 billion)"."""
    amount = value.amount if value.amount is not None else 0.0
    if value.upper is not None:
        low = replace(value, upper=None, amount=amount)
        high = replace(value, upper=None, amount=value.upper)
        canonical = f"{_canonical(low)} to {_canonical(high)}"
    else:
        canonical = _canonical(value)
    surface = " ".join(value.text.split())
    return canonical if surface == canonical else f"'{surface}' ({canonical})"


def _canonical(value: Value) -> str:
    amount = value.amount if value.amount is not None else 0.0
    if value.kind == "since":
        return f"since {int(amount)}"
    if value.kind == "duration":
        return f"{amount:g} {value.unit}{'' if amount == 1 else 's'}"
    if value.date is not None:
        canonical = str(int(amount)) if value.kind == "year" else _describe_date(value.date)
    elif value.kind == "percent":
        canonical = f"{amount:g}%"
    elif value.kind == "points":
        canonical = f"{amount:g} percentage points"
    elif value.kind == "money":
        canonical = f"{value.currency} {_scaled(amount)}"
    else:
        canonical = _scaled(amount)
    return canonical
