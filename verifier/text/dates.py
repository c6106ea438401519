"""Dates in a sentence: absolute dates, months, years, weekdays and relative phrases.

Each resolves against the article's published date into an inclusive range with a precision. A
weekday is the most recent such day on or before the published date, or the next one on or after
it when its clause speaks of the future ("will meet on Thursday"). With no published date a
weekday stays a weekday, so it can still be checked against a claim's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Literal, Protocol

from verifier.text.normalize import fold

__all__ = ["DateValue", "Taken", "date_consistent", "find_dates"]

Precision = Literal["year", "month", "day", "weekday", "range"]


@dataclass(frozen=True)
class DateValue:
    """A date as precise as the text: an inclusive [first, last] range when it can be resolved;
    `month`/`day` when the year is unknown; `weekday` (0 = Monday) whenever one was named."""

    precision: Precision
    first: dt.date | None = None
    last: dt.date | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    # "July 8" with no year: placed in the year nearest the published date, a guess that can
    # support a recent event but must not contradict a claim about another year
    year_inferred: bool = False


Found = tuple[int, int, DateValue]
_MONTHS = ("january february march april may june july august september october november "
           "december sept jan feb mar apr jun jul aug sep oct nov dec").split()
_MONTH_NUMBER = {name: i + 1 for i, name in enumerate(_MONTHS[:12])} | {
    name[:3]: i + 1 for i, name in enumerate(_MONTHS[:12])} | {"sept": 9}
_MONTH = rf"(?:{'|'.join(_MONTHS)})\b\.?"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?:1[89]\d\d|20\d\d)\b"
_ABSOLUTE = re.compile(
    rf"\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"|\b(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?"
    rf"|\b(?P<m3>{_MONTH}),?\s+(?:of\s+)?(?P<y3>{_YEAR})"
    rf"|\b(?P<iy>{_YEAR[:-2]})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b"
    rf"|\b(?P<a>\d\d?)[/.](?P<b>\d\d?)[/.](?P<sy>{_YEAR})")
# A month alone needs a capital and a preposition ("in July"), or "may" would be a month.
_MONTH_ALONE = re.compile(
    r"\b(?:(?P<q>last|next|this)|in|since|by|until|from|during|early|late|mid|before|after)(?:-|\s+)"
    r"(?P<m>January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b(?!,?\s+\d)")
_YEAR_ALONE = re.compile(
    rf"(?<![\w$€£¥.,])(?:(?:early|mid|late)(?:-|\s+))?(?P<y>{_YEAR})"
    r"(?![.,]\d|-\d|\s?(?:%|per ?cent|percent|pct|thousand|million|billion|trillion|bn|mn)\b)")
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
# Month and weekday names (folded, with the short forms): words that name a day, never a party
CALENDAR_WORDS = frozenset(_MONTHS) | frozenset(_WEEKDAYS)
_WEEKDAY = re.compile(
    rf"\b(?:(?P<q>last|next|this|coming|past)\s+)?(?P<w>{'|'.join(_WEEKDAYS)})\b(?:'s)?"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b")
_COUNTS = {"a": 1, "an": 1} | {w: i for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split(), 1)}
_RELATIVE = re.compile(
    r"\b(?:(?P<day>yesterday|today|tonight|tomorrow)|this\s+(?:morning|afternoon|evening)"
    r"|(?P<side>earlier|later)\s+this\s+(?P<su>week|month|year)"
    r"|(?:the\s+)?(?P<q>last|this|next|past|coming|previous)\s+(?P<u>week|month|year|weekend)"
    r"|(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})\s+"
    r"(?P<au>day|week|month|year)s?\s+ago)\b")
_FUTURE = re.compile(
    r"\b(?:will|shall|would|'ll|(?:is|are|was|were)\s+(?:due|set|scheduled|expected|slated|"
    r"poised|going|planning|to)\b|scheduled|expected\s+to|upcoming|plans?\s+to|heading|heads\s+to|"
    r"en\s+route|later|next)\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_RELATIVE_GATE = re.compile(r"day|tonight|tomorrow|week|month|year|morning|afternoon|evening")
_MONTH_GATE = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")


def _month(name: str) -> int:
    return _MONTH_NUMBER[name.rstrip(".").lower()]


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _closest_year(month: int, day: int, published: dt.date) -> dt.date | None:
    """An undated "October 28" is the one nearest the published date."""
    options = [d for y in (published.year - 1, published.year, published.year + 1)
               if (d := _safe(y, month, day))]
    return min(options, key=lambda d: (abs((d - published).days), d)) if options else None


def _day_value(year: str | None, month: int, day: int, published: dt.date | None) -> DateValue:
    if year:
        date = _safe(int(year), month, day)
    elif published:
        date = _closest_year(month, day, published)
    else:
        return DateValue("day", month=month, day=day)
    if date is None:
        return DateValue("day", month=month, day=day)
    return DateValue("day", date, date, month, day, year_inferred=not year)


def _absolute(m: re.Match[str], published: dt.date | None) -> DateValue | None:
    g = m.groupdict()
    if g["m1"] or g["m2"]:
        month = _month(g["m1"] or g["m2"])
        day = int((g["d1"] or g["d2"]).rstrip("stndrh"))
        return _day_value(g["y1"] or g["y2"], month, day, published)
    if g["m3"]:
        first, last = _month_range(int(g["y3"]), _month(g["m3"]))
        return DateValue("month", first, last, first.month)
    if g["iy"]:
        return _day_value(g["iy"], int(g["im"]), int(g["id"]), None)
    a, b = int(g["a"]), int(g["b"])
    if a <= 12 and b <= 12 and a != b:  # 04/05/2025: day-first or month-first? cannot tell
        return None
    month, day = (b, a) if a > 12 else (a, b)
    return _day_value(g["sy"], month, day, None) if month <= 12 else None


_REACH = 160  # how far a clause is searched for cues: keeps each date's cost constant


def _is_future(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Future cues in the clause around [lo, hi); a bare "On Thursday," takes the next clause."""
    start, end = max(start, lo - _REACH), min(end, hi + _REACH)
    left = max((text.rfind(c, start, lo) for c in ",;:("), default=-1)
    left = start if left < start else left + 1
    marks = [i for c in ",;:)" if (i := text.find(c, hi, end)) >= 0]
    right = min(marks, default=end)
    if len(text[left:lo].split()) + len(text[hi:right].split()) < 3 and right < end:
        more = [i for c in ",;:)" if (i := text.find(c, right + 1, end)) >= 0]
        right = min(more, default=end)
    return _FUTURE.search(text, left, right) is not None


def _weekday(m: re.Match[str], published: dt.date | None, future: bool) -> DateValue:
    wd = _WEEKDAYS.index(m.group("w"))
    if published is None:
        return DateValue("weekday", weekday=wd)
    q = (m.group("q") or "").lower()
    back = (published.weekday() - wd) % 7
    if q in ("next", "coming") or (future and q != "last" and q != "past"):
        ahead = (wd - published.weekday()) % 7 or (7 if q == "next" else 0)
        date = published + dt.timedelta(days=ahead)
    else:
        date = published - dt.timedelta(days=back or (7 if q in ("last", "past") else 0))
    return DateValue("day", date, date, date.month, date.day, wd)


def _unit_range(published: dt.date, unit: str, offset: int) -> tuple[dt.date, dt.date]:
    """The calendar week (Monday-Sunday), month or year `offset` units from the published one."""
    if unit in ("week", "weekend"):
        monday = published - dt.timedelta(days=published.weekday() - 7 * offset)
        return (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)) \
            if unit == "weekend" else (monday, monday + dt.timedelta(days=6))
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        return _month_range(index // 12, index % 12 + 1)
    return dt.date(published.year + offset, 1, 1), dt.date(published.year + offset, 12, 31)


_SPANS = {"week": 7, "weekend": 7, "month": 30, "year": 365}
_OFFSETS = {"last": -1, "previous": -1, "this": 0, "next": 1}
_PRECISION: dict[str, Precision] = {"year": "year", "month": "month"}


def _relative(m: re.Match[str], published: dt.date | None) -> DateValue:
    if published is None:
        return DateValue("range")
    g = {k: (v or "").lower() for k, v in m.groupdict().items()}
    if g["side"]:
        lo, hi = _unit_range(published, g["su"], 0)
        return DateValue("range", *((lo, published) if g["side"] == "earlier" else (published, hi)))
    if g["q"]:
        span = dt.timedelta(days=_SPANS[g["u"]])
        if g["q"] in ("past", "coming"):
            pair = (published - span, published) if g["q"] == "past" else (published,
                                                                            published + span)
            return DateValue("range", *pair)
        lo, hi = _unit_range(published, g["u"], _OFFSETS[g["q"]])
        return DateValue(_PRECISION.get(g["u"], "range"), lo, hi)
    if g["n"]:
        return _ago(_COUNTS.get(g["n"]) or int(g["n"]), g["au"], published)
    shift = {"yesterday": -1, "tomorrow": 1}.get(g["day"], 0)
    date = published + dt.timedelta(days=shift)
    return DateValue("day", date, date, date.month, date.day)


def _ago(n: int, unit: str, published: dt.date) -> DateValue:
    """"three years ago" is a year, "two weeks ago" a week either side of 14 days back."""
    if unit == "day":
        date = published - dt.timedelta(days=n)
        return DateValue("day", date, date, date.month, date.day)
    if unit == "week":
        centre = published - dt.timedelta(days=7 * n)
        return DateValue("range", centre - dt.timedelta(days=3), centre + dt.timedelta(days=3))
    lo, hi = _unit_range(published, unit, -n)
    return DateValue(_PRECISION[unit], lo, hi, lo.month if unit == "month" else None)


def _month_alone(m: re.Match[str], published: dt.date | None, future: bool) -> DateValue:
    month = _month(m.group("m"))
    if published is None:
        return DateValue("month", month=month)
    q = (m.group("q") or "").lower()
    year = published.year
    if q == "next" or (future and q != "last"):
        year += month < published.month and q != "this"
    elif q != "this":
        year -= month > published.month
    first, last = _month_range(year, month)
    return DateValue("month", first, last, month)


def _year(year: int) -> DateValue:
    return DateValue("year", dt.date(year, 1, 1), dt.date(year, 12, 31))


class Taken:
    """Character positions of [start, end) already claimed by a value: overlap checks stay
    linear however many values a hostile sentence holds."""

    def __init__(self, start: int, end: int) -> None:
        self._start = start
        self._used = bytearray(max(0, end - start))

    def free(self, lo: int, hi: int) -> bool:
        return self._used.find(1, lo - self._start, hi - self._start) < 0

    def take(self, lo: int, hi: int) -> None:
        self._used[lo - self._start:hi - self._start] = b"\x01" * (hi - lo)


def _merge_weekday(low: str, found: list[Found], days: dict[int, int], m: re.Match[str],
                   start: int) -> bool:
    """"Tuesday, October 28, 2025" is one date that also names its weekday."""
    p = m.end()
    while p < len(low) and low[p] in " ,":
        p += 1
    i = days.get(start + p)
    if i is None:
        return False
    _, e, value = found[i]
    found[i] = (start + m.start(), e, replace(value, weekday=_WEEKDAYS.index(m.group("w"))))
    return True


def find_dates(text: str, start: int = 0, end: int | None = None,
               published: dt.date | None = None, future: bool | None = None) -> list[Found]:
    """Dates in text[start:end] as (start, end, value), in order; `future` overrides the cues.

    The grammar runs case-sensitively on the folded window (same length, lowercase), which is
    several times faster than case-insensitive patterns; months alone need their capital.
    """
    end = len(text) if end is None else end
    window = text[start:end]
    low = fold(window)
    found: list[Found] = []
    taken = Taken(start, end)

    def add(lo: int, hi: int, value: DateValue | Callable[[], DateValue]) -> None:
        if callable(value):
            try:  # resolved against the published date: 0001-01-01 minus a week is no date
                value = value()
            except (OverflowError, ValueError):
                return
        found.append((lo, hi, value))
        taken.take(lo, hi)

    def ahead(lo: int, hi: int) -> bool:
        return future if future is not None else published is not None and _is_future(
            text, start, end, lo, hi)

    digits = _DIGIT.search(window) is not None  # cheap gates: most sentences hold no date
    for m in _ABSOLUTE.finditer(low) if digits else ():
        if (value := _absolute(m, published)) is not None:
            add(start + m.start(), start + m.end(), value)
    days = {s: i for i, (s, _, v) in enumerate(found) if v.precision == "day"}
    for m in _WEEKDAY.finditer(low) if "day" in low else ():
        lo, hi = start + m.start(), start + m.end()
        if taken.free(lo, hi) and not _merge_weekday(low, found, days, m, start):
            add(lo, hi, partial(_weekday, m, published, ahead(lo, hi)))
    for m in _RELATIVE.finditer(low) if _RELATIVE_GATE.search(low) else ():
        if taken.free(start + m.start(), start + m.end()):
            add(start + m.start(), start + m.end(), partial(_relative, m, published))
    for m in _MONTH_ALONE.finditer(text, start, end) if _MONTH_GATE.search(window) else ():
        lo = m.start() if m.group("q") else m.start("m")
        if taken.free(lo, m.end()):
            add(lo, m.end(), partial(_month_alone, m, published, ahead(lo, m.end())))
    for m in _YEAR_ALONE.finditer(low) if digits else ():
        if taken.free(start + m.start(), start + m.end()):
            add(start + m.start(), start + m.end(), _year(int(m.group("y"))))
    return sorted(found, key=lambda f: f[0])


class _Dated(Protocol):
    @property
    def date(self) -> DateValue | None: ...


def _claim_range(claim: str) -> tuple[dt.date, dt.date, Precision] | None:
    try:
        parts = [int(p) for p in claim.strip().split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), "year"
        if len(parts) == 2:
            return (*_month_range(parts[0], parts[1]), "month")
        if len(parts) == 3:
            day = dt.date(parts[0], parts[1], parts[2])
            return day, day, "day"
    except (ValueError, calendar.IllegalMonthError):
        return None
    return None


def _inside(found: DateValue, first: dt.date, last: dt.date) -> bool:
    return found.first is not None and found.last is not None \
        and not (found.last < first or found.first > last)


def _month_day(found: DateValue, first: dt.date, precision: Precision) -> bool | None:
    """Compare only what the text said (month and day) when its year was a guess."""
    if precision == "year" or found.month is None:
        return None
    if found.month != first.month:
        return False
    return found.day == first.day if found.day is not None and precision == "day" else True


def date_consistent(value: DateValue | _Dated, claim: str) -> bool | None:
    """Whether a found date agrees with a claim date "YYYY", "YYYY-MM" or "YYYY-MM-DD".

    False when they cannot be the same (disjoint ranges, another weekday or month); True when
    they can ("last week" covers a claimed Tuesday); None when it cannot tell (an unresolved
    relative phrase, or a weekday against a month or a year).
    """
    found = value if isinstance(value, DateValue) else value.date
    claim_range = _claim_range(claim)
    if found is None or claim_range is None:
        return None
    first, last, precision = claim_range
    if found.weekday is not None and precision == "day" and first.weekday() != found.weekday:
        return False
    if found.year_inferred and (precision == "year" or not _inside(found, first, last)):
        return _month_day(found, first, precision)
    if found.first is not None and found.last is not None:
        return not (found.last < first or found.first > last)
    if found.month is not None and precision != "year":
        if found.month != first.month:
            return False
        return found.day == first.day if found.day is not None and precision == "day" else True
    return True if found.weekday is not None and precision == "day" else None
