"""Kind `date`: when an event happened ("YYYY", "YYYY-MM" or "YYYY-MM-DD").

Passing: "Trump met Japan's new Prime Minister Sanae Takaichi in Tokyo on Tuesday" in an article
published on 28 Oct 2025 -> supported ("on Tuesday" resolves to that day).
Failing: "Trump and Takaichi met on Monday" -> contradicted, even with no published date, since
28 Oct 2025 was a Tuesday. A date that another event in the same sentence explains ("Trump, who
met Emperor Naruhito on Monday, ...") is no contradiction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from verifier.checks.binding import date_binding, fronted, time_zone
from verifier.checks.chained import chained_dates
from verifier.checks.context import Context
from verifier.checks.events import (
    EventMention,
    attached,
    co_mentioned_events,
    event_targets,
    judge_found,
    may_contradict,
    mentions_with_parts,
)
from verifier.engine.index import ArticleIndex
from verifier.model import Claim, Evidence
from verifier.text.dates import date_consistent
from verifier.text.values import Value

KIND = "date"


# "TOKYO, Oct 28 (Reuters) - ...", "Tokyo [Japan], October 28 (ANI): ...": the dateline dates
# the report, not the event
_DATELINE = re.compile(r"[A-Z][A-Za-z .'\[\]-]{1,40},\s[^-:]{3,40}?"
                       r"(?:\s\([^)]{1,40}\)\s?(?:-+|:)|\s-+)\s")


def _dates(index: ArticleIndex, mention: EventMention) -> list[Value]:
    sentence = mention.sentence
    dateline = _DATELINE.match(index.text, sentence.start, sentence.end)
    after = dateline.end() if dateline else sentence.start
    return [v for v in index.values(sentence) if v.is_date and v.start >= after]


def _pins_day(value: Value) -> bool:
    date = value.date
    return date is not None and date.first is not None and date.first == date.last


def _explained(index: ArticleIndex, ctx: Context, event: str, mention: EventMention,
               value: Value) -> bool:
    for other in co_mentioned_events(event, index, mention.sentence):
        if any(date_consistent(value, c.content["date"]) for c in ctx.known(other, KIND)):
            return True
    return False


def _weekday_of_claim(value: Value, wanted: str) -> str | None:
    """A bare weekday ("on Sunday") resolved against `published` that names the claimed day's
    own weekday: the page may have been dated a week or more after it was written (syndicated,
    updated), so only the week is in doubt, and that is no contradiction."""
    date = value.date
    if date is None or date.weekday is None or any(ch.isdigit() for ch in value.text) \
            or len(wanted) != 10:
        return None
    if dt.date.fromisoformat(wanted).weekday() != date.weekday:
        return None
    return f"'{value.text}' is the claimed day's weekday; only the week (from the page's " \
           "date) differs"


def _bound(index: ArticleIndex, mention: EventMention, value: Value, wanted: str) -> bool:
    why = time_zone(index.text, value, mention.sentence.end) \
        or _weekday_of_claim(value, wanted) \
        or date_binding(index, mention, value)
    if why:
        index.reject(mention.sentence, why, [(value.start, value.end)])
    return why is None


def targets(claim: Claim, ctx: Context) -> set[str] | None:
    """Entities an article must mention for this claim to be judged at all."""
    return event_targets(claim.content["event"], ctx)


def check(claim: Claim, index: ArticleIndex, ctx: Context) -> Iterator[Evidence]:
    wanted = str(claim.content["date"])
    event = claim.content["event"]
    for mention in mentions_with_parts(event, index):
        if index.closed(mention.sentence.start):
            continue  # its dates, chained ones too, stand in its sentence: none can be kept
        dates = _dates(index, mention)
        lo, hi = mention.clause
        # a weak mention (one participant, no alias) must pin the day; "in October" is too loose
        agree = [d for d in dates if date_consistent(d, wanted)
                 and (mention.strong or _pins_day(d))]

        chain = list(chained_dates(index, ctx, mention))
        # a weak mention, or one past the last contradiction the engine keeps: the sentence's
        # own dates can only support (a chained date may stand elsewhere: then it is all read
        # as before)
        settled = not may_contradict(index, mention) \
            or (not chain and index.settled("contradict", mention.sentence.start))
        wrong = [d for d in dates if not settled
                 and (lo <= d.start < hi or fronted(mention.sentence, index.text,
                                                    d.start, d.end, (lo, hi)))
                 and attached(index, mention, d.start)
                 and date_consistent(d, wanted) is False
                 and not _explained(index, ctx, event, mention, d)
                 and _bound(index, mention, d, wanted)]
        for chained in chain:
            agrees = date_consistent(chained, wanted)
            (agree if agrees else wrong if agrees is False else []).append(chained)
        yield from judge_found(index, mention, agree, wrong,
                               lambda d: f"article dates it '{d.text}'; claim: {wanted}")
