"""Kind `value`: a subject's property has a typed value (percent, money, number, year).

Passing: "Japan's ongoing efforts to expand its defense spending to 2% of GDP" -> supported
("two per cent" and "2 percent of gross domestic product" are the same value).
Failing: "Japan aims to raise its defense spending to 3% of GDP" -> contradicted.
A value belongs to the nearest entity of the subject's type (same clause first): in "in Europe
spending 5% of GDP, I doubt it in the Japanese case" the 5% is Europe's, not Japan's. Entities
listed as `context` (the other party of a deal) never take a value away from the subject.

A claim may name several subjects (a country and its central bank) or an event (the turnout of
an election: the sentence names the event and no other actor owns the figure); its value may be
a range (`min`, `max`), a duration or a start ("since 2009"). In a change "from X to Y" only the
end state is compared, or the start with `change: from`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from verifier.checks.binding import another_occurrence, part_of_whole, time_scope, value_binding
from verifier.checks.context import Context
from verifier.index import ArticleIndex, Sentence
from verifier.model import Claim, Evidence
from verifier.registry import ENTITY, folded
from verifier.text.modality import modality
from verifier.text.values import Value, compare, describe

KIND = "value"
# Places and organizations compete for a value ("NATO allies agreed to 5%", "Europe's 5%").
ACTORS = ("place", "organization")
# A value right after these is a previous level, a change or a part, not the level itself
# ("cut to 15% from 27.5%", "raised by 0.5%", "a plan which includes $100 billion for ships").
_NOT_LEVEL = re.compile(
    r"\b(?:from|by|versus|vs\.?|compared with|compared to|than|includ(?:es|ing|ed)|of which|"
    r"such as)\s+(?:about\s+|around\s+|some\s+|roughly\s+)?$",
    re.IGNORECASE,
)


def _cues_met(claim: Claim, index: ArticleIndex, sentence: Sentence) -> bool:
    """Every cue group in the sentence; or, for a sentence that continues the previous one
    without naming the subject, in the two together ("Washington presses Tokyo to spend more on
    its military. Takaichi vowed to reach the target of 2 percent of GDP")."""
    groups = [folded(tuple(group)) for group in claim.content.get("cues", ())]
    words = sentence.words()
    if all(g & words for g in groups):
        return True
    # only a continuation borrows cues: a sentence naming the subject itself stands alone
    # ("Japan currently spends about 1.8% of GDP on defence" is not the target)
    subject = claim.content["subject"]
    if sentence.index == 0 or subject in sentence.entities() or not any(g & words for g in groups):
        return False
    both = words | index.sentences[sentence.index - 1].words()
    return all(g & both for g in groups)


def _proxies(ctx: Context) -> dict[str, str]:
    """Office holders speak for their jurisdiction ("Takaichi vowed to reach 2%" is Japan's)."""
    out: dict[str, str] = {}
    for office, holder in sorted(ctx.registry.holders.items()):
        place = ctx.registry.entities[office].jurisdiction
        if place:
            out.setdefault(holder, place)
    return out


def _speakers(ctx: Context, subject: str) -> dict[str, str]:
    """The office holders who speak for the subject (or for a place inside it)."""
    by_subject: dict[str, dict[str, str]] = ctx.registry.memo(
        "value speakers", lambda: _speakers_by_subject(ctx))
    return by_subject.get(subject, {})


def _speakers_by_subject(ctx: Context) -> dict[str, dict[str, str]]:
    """Every place or body -> the holders who speak for it or for a place inside it, built in
    one pass over the holders (asking per claim's subject walked them all again each time)."""
    out: dict[str, dict[str, str]] = {}
    for holder, place in ctx.registry.memo("value proxies", lambda: _proxies(ctx)).items():
        for above in ctx.registry.ancestors(place):
            out.setdefault(above, {})[holder] = place
    return out


def _owner(index: ArticleIndex, sentence: Sentence, value: Value, context: set[str],
           proxies: dict[str, str]) -> str | None:
    """The nearest actor (place, organization, or an office holder for their jurisdiction),
    preferring the value's own clause."""
    clause = sentence.clause_of(value.start)
    best: tuple[int, int, str] | None = None
    for m in sentence.mentions:
        inside = m.start < value.end and value.start < m.end  # "US$550bn" names no owner
        target = proxies.get(m.target, m.target)
        if m.category != ENTITY or target in context or inside:
            continue
        if not any(index.registry.of_type(target, t) for t in ACTORS):
            continue
        distance = value.start - m.end if m.end <= value.start else m.start - value.end
        outside = 0 if clause[0] <= m.start < clause[1] else 1
        rank = (outside, distance, target)
        if best is None or rank < best:
            best = rank
    return best[2] if best else None


def _is_level(index: ArticleIndex, sentence: Sentence, value: Value) -> bool:
    return not _NOT_LEVEL.search(index.text[max(sentence.start, value.start - 30):value.start])


_CHANGE_FROM = re.compile(r"\bfrom\s+(?:about\s+|around\s+|some\s+|roughly\s+)?$",
                          re.IGNORECASE)


def _change_side(index: ArticleIndex, sentence: Sentence, value: Value, side: str
                 ) -> str | None:
    """With `change: from` the claim gives the level a change started from: only a value
    after "from" can contradict it (another may be the level reached). None: it may; else why
    not."""
    if side != "from":
        return None if _is_level(index, sentence, value) else "skip"
    if _CHANGE_FROM.search(index.text[max(sentence.start, value.start - 20):value.start]):
        return None
    return f"'{value.text}' is not the start of a change 'from X', which the claim is about"


def _comparable(value: Value, expected: dict[str, Any]) -> bool:
    """Money in another currency (yen for a dollar claim) is not converted: it says nothing."""
    want = expected.get("currency")
    have = getattr(value, "currency", None)
    return not (want and have and want != have)


def _belongs(ctx: Context, owner: str | None, subjects: list[str]) -> bool:
    return owner is not None and any(s in ctx.registry.ancestors(owner) for s in subjects)


def subjects_of(claim: Claim) -> list[str]:
    """The claim's subject, or its several subjects (any of them owns the figure)."""
    subject = claim.content["subject"]
    return [subject] if isinstance(subject, str) else list(subject)


def _events(ctx: Context, subjects: list[str]) -> list[str]:
    return [s for s in subjects if ctx.registry.of_type(s, "event")]


def _event_named(ctx: Context, sentence: Sentence, events: list[str]) -> bool:
    """The sentence names one of the events: by alias or by one of its trigger words."""
    present = sentence.entities() | sentence.words()
    return any(({e} | folded(ctx.registry.entities[e].triggers)) & present for e in events)


def _owned(ctx: Context, sentence: Sentence, owner: str | None, subjects: list[str],
           events: list[str]) -> bool:
    """A place or body among the subjects owns the value; or, for an event, the sentence names
    it and no other actor is there to own the figure."""
    if _belongs(ctx, owner, subjects):
        return True
    return owner is None and bool(events) and _event_named(ctx, sentence, events)


def _scope_start(claim: Claim, index: ArticleIndex) -> dt.date | None:
    """When the claim's time begins: its validity, else the year the article was published
    (a figure for an earlier year is another quantity; an undated text has no scope)."""
    if claim.valid_from is not None:
        return claim.valid_from
    published = index.published
    return dt.date(published.year, 1, 1) if published is not None else None


def measure_words(claim: Claim) -> frozenset[str]:
    """The cue words and the unit, in singular and plural: what a figure must count."""
    words = [w for group in claim.content.get("cues", ()) for w in group]
    words += str(claim.content["value"].get("unit", "")).split()
    out: set[str] = set()
    for word in folded(tuple(words)):
        out.update({word, word + "s", word.removesuffix("s")})
    return frozenset(out)


def targets(claim: Claim, ctx: Context) -> set[str] | None:
    """Entities (and, for an event subject, its trigger words) an article must mention for this
    claim to be judged at all."""
    out: set[str] = set()
    for subject in subjects_of(claim):
        out |= {subject, *_speakers(ctx, subject)}
        if ctx.registry.of_type(subject, "event"):
            out |= folded(ctx.registry.entities[subject].triggers)
    return out


def _speakers_of(ctx: Context, subjects: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for subject in subjects:
        for holder, place in _speakers(ctx, subject).items():
            out.setdefault(holder, place)
    return out


def check(claim: Claim, index: ArticleIndex, ctx: Context) -> Iterator[Evidence]:
    c: dict[str, Any] = dict(claim.content)
    subjects = subjects_of(claim)
    events = _events(ctx, subjects)
    expected = c["value"]
    context = set(c.get("context") or ())
    proxies = _speakers_of(ctx, subjects)
    measure = measure_words(claim)
    side = str(c.get("change", "to"))
    look = [*subjects, *proxies, *(w for e in events for w in folded(
        ctx.registry.entities[e].triggers))]
    for sentence in index.with_any(look):
        if not _cues_met(claim, index, sentence):
            continue
        for value in index.values(sentence):
            if value.kind != expected["type"] or not _comparable(value, expected):
                continue
            not_side = _change_side(index, sentence, value, side)
            if not_side == "skip":
                continue
            owner = _owner(index, sentence, value, context, proxies)
            if not _owned(ctx, sentence, owner, subjects, events):
                continue
            if owner is None and not_side is None:  # an event's figure: bound to it?
                not_side = _event_unbound(ctx, index, sentence, value, events)
            yield from _judge(claim, index, sentence, value, not_side, measure)


# "in Dublin West", "for the Harbor district": a name the registry does not know, which may be
# a part of the event (a constituency, a region) the figure is for
_NAMED_PART = re.compile(r"\b(?:in|at|for|across|from)\s+(?:the\s+)?[A-Z][\w'-]+")
# "the 2018 election", "the 2018 presidential election": another instance of the event
_YEAR_BEFORE = re.compile(r"\b(?:1[89]|20)\d\d\s+(?:[A-Za-z-]+\s+)?$")


def _event_unbound(ctx: Context, index: ArticleIndex, sentence: Sentence, value: Value,
                   events: list[str]) -> str | None:
    """Why a figure that no actor owns is not bound to the claimed event: the event is not
    named in the figure's clause, is named as another instance ("the 2018 election", "the
    last election"), or the sentence names a part the registry does not know."""
    lo, hi = sentence.clause_of(value.start)
    words = {e: folded(ctx.registry.entities[e].triggers) for e in events}
    named = [m for m in sentence.mentions if lo <= m.start < hi
             and any(m.target == e or m.target in w for e, w in words.items())]
    if not named:
        return f"'{value.text}': the event is not named in its clause"
    person = next((m for m in sentence.mentions if lo <= m.start < hi and m.category == ENTITY
                   and ctx.registry.of_type(m.target, "person")), None)
    if person is not None:
        return f"'{value.text}' may be {person.text}'s figure, not the event's"
    for m in named:
        before = index.text[max(sentence.start, m.start - 30):m.start]
        if _YEAR_BEFORE.search(before) or another_occurrence(index, sentence, m.start):
            return f"'{value.text}' belongs to another occurrence ('{m.text}')"
    known = [(m.start, m.end) for m in sentence.mentions if m.category == ENTITY]
    for found in _NAMED_PART.finditer(index.text, sentence.start, sentence.end):
        name_at = found.end() - len(found.group().split()[-1])
        if not any(s <= name_at < e for s, e in known):
            return f"the figure may be for '{found.group()}', a part the registry does not know"
    return None


def _judge(claim: Claim, index: ArticleIndex, sentence: Sentence, value: Value,
           not_side: str | None, measure: frozenset[str]) -> Iterator[Evidence]:
    """Support when the amounts agree; a contradiction only when the value is bound to the
    claimed measure, level and time (else the candidate is set aside with the reason)."""
    c = claim.content
    expected = c["value"]
    lo, hi = sentence.clause_of(value.start)
    mood = modality(index.text[lo:hi])
    if mood.irrealis:
        return
    said = describe(value)
    want = c.get("property", claim.id)
    judged = compare(value, expected, float(c.get("tolerance", 0)))
    if judged == "same":
        yield index.evidence(sentence, "support", f"article gives {said} for {want}",
                             [(value.start, value.end)], hedged=mood.hedged)
        return
    unbound = (f"'{value.text}' is a range, not one level" if judged == "unknown" else None) \
        or not_side \
        or value_binding(index, sentence, value, measure, expected["type"] == "number") \
        or part_of_whole(index, sentence, value) \
        or time_scope(index, sentence, value, lo, hi, _scope_start(claim, index))
    if unbound:
        index.reject(sentence, unbound, [(value.start, value.end)])
        return
    yield index.evidence(
        sentence, "contradict",
        f"article gives {said} for {want}; claim says {describe_expected(expected)}",
        [(value.start, value.end)], hedged=mood.hedged)


def _one(kind: str, amount: float, expected: dict[str, Any]) -> str:
    if kind == "percent":
        return f"{amount:g}%"
    if kind == "money":
        return f"{expected.get('currency', '')} {amount:,.0f}".strip()
    if kind == "duration":
        return f"{amount:g} {expected.get('unit', 'years')}"
    if kind == "since":
        return f"since {amount:g}"
    return f"{amount:g}"


def describe_expected(expected: dict[str, Any]) -> str:
    kind = str(expected["type"])
    if "amount" not in expected:
        low, high = float(expected["min"]), float(expected["max"])
        return f"{_one(kind, low, expected)} to {_one(kind, high, expected)}"
    return _one(kind, float(expected["amount"]), expected)
