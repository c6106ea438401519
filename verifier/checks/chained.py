"""Dates given relative to another event: "took office two days after the election".

The other event's date comes from its own date claim (day precision only); the offset is a
count of days or weeks ("a week after" is taken as 6 to 8 days). Bound only when the phrase
follows the claimed event's trigger in its clause with no other predicate between, and the
event word after "after"/"before" names exactly one other registry event that has a dated
claim; anything else is silent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from verifier.checks.context import Context
from verifier.checks.events import EventMention, parts
from verifier.engine.index import ArticleIndex
from verifier.engine.registry import ENTITY, WORD, folded
from verifier.text.dates import DateValue
from verifier.text.values import Value

_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_CHAIN = re.compile(
    r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<unit>day|week)s?\s+(?P<dir>after|before)\s+(?:the\s+|its\s+|their\s+|her\s+|his\s+)?",
    re.IGNORECASE)
_PREDICATE = re.compile(r"\b(?:and|then|but)\b|\b[a-z]{3,}ed\b")


def _other_event(index: ArticleIndex, ctx: Context, mention: EventMention, own: set[str],
                 at: int) -> tuple[str, int] | None:
    """The one other dated event named at `at` (alias or trigger word), with its end."""
    found: set[str] = set()
    end = at
    for m in mention.sentence.mentions:
        if m.start != at:
            continue
        if m.category == ENTITY and index.registry.of_type(m.target, "event"):
            found.add(m.target)
        elif m.category == WORD:
            found |= {e.id for e in index.registry.entities.values() if e.type == "event"
                      and m.target in folded(e.triggers)}
        end = max(end, m.end)
    dated = {e for e in found - own if _day(ctx, e) is not None}
    return (dated.pop(), end) if len(dated) == 1 and not found & own else None


def _day(ctx: Context, event: str) -> dt.date | None:
    days = {str(c.content["date"]) for c in ctx.known(event, "date")}
    if len(days) != 1:
        return None
    try:
        return dt.date.fromisoformat(days.pop())
    except ValueError:
        return None  # a month or a year: too loose to count days from


def chained_dates(index: ArticleIndex, ctx: Context, mention: EventMention
                  ) -> Iterator[Value]:
    """Dates the clause gives the claimed event relative to another dated event."""
    trigger = mention.trigger
    if trigger is None:
        return
    own = set(parts(mention.event, index.registry))
    _, hi = mention.clause
    for m in _CHAIN.finditer(index.text, trigger.end, hi):
        if _PREDICATE.search(index.text[trigger.end:m.start()]):
            continue
        other = _other_event(index, ctx, mention, own, m.end())
        base = _day(ctx, other[0]) if other else None
        if other is None or base is None:
            continue
        n = _COUNTS.get(m.group("n").lower()) or int(m.group("n"))
        sign = 1 if m.group("dir").lower() == "after" else -1
        if m.group("unit").lower() == "day":
            first = last = base + dt.timedelta(days=sign * n)
        else:
            first = base + dt.timedelta(days=sign * (7 * n - 1))
            last = base + dt.timedelta(days=sign * (7 * n + 1))
            first, last = min(first, last), max(first, last)
        yield Value(m.start(), other[1], index.text[m.start():other[1]], "date",
                    date=DateValue("range", first, last))
