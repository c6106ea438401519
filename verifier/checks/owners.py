"""Whose figure is it: the place, organisation or event a value in a sentence belongs to.

A value belongs to the nearest place or organisation (its own clause first), or to an office
holder's jurisdiction ("Takaichi vowed to reach 2%" is Japan's). A claim may name several
subjects; a figure no actor owns belongs to a claimed event when the sentence names it, and
can contradict only when the event is named in the figure's clause, as this occurrence, with no
person and no unknown part ("in Dublin West") that may own it.
"""

from __future__ import annotations

import re

from verifier.checks.binding import another_occurrence
from verifier.checks.context import Context
from verifier.engine.index import ArticleIndex, Sentence
from verifier.engine.registry import ENTITY, folded
from verifier.model import Claim
from verifier.text.mentions import Mention
from verifier.text.values import Value

# Places and organizations compete for a value ("NATO allies agreed to 5%", "Europe's 5%").
ACTORS = ("place", "organization")


def _proxies(ctx: Context) -> dict[str, str]:
    """Office holders speak for their jurisdiction ("Takaichi vowed to reach 2%" is Japan's)."""
    out: dict[str, str] = {}
    for office, holder in sorted(ctx.registry.holders.items()):
        place = ctx.registry.entities[office].jurisdiction
        if place:
            out.setdefault(holder, place)
    return out


def speakers(ctx: Context, subject: str) -> dict[str, str]:
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


def owner_of(index: ArticleIndex, sentence: Sentence, value: Value, context: set[str],
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


def _belongs(ctx: Context, owner: str | None, subjects: list[str]) -> bool:
    return owner is not None and any(s in ctx.registry.ancestors(owner) for s in subjects)


def subjects_of(claim: Claim) -> list[str]:
    """The claim's subject, or its several subjects (any of them owns the figure)."""
    subject = claim.content["subject"]
    return [subject] if isinstance(subject, str) else list(subject)


def events_of(ctx: Context, subjects: list[str]) -> list[str]:
    return [s for s in subjects if ctx.registry.of_type(s, "event")]


def _event_named(ctx: Context, sentence: Sentence, events: list[str]) -> bool:
    """The sentence names one of the events: by alias or by one of its trigger words."""
    present = sentence.entities() | sentence.words()
    return any(({e} | folded(ctx.registry.entities[e].triggers)) & present for e in events)


def owned(ctx: Context, sentence: Sentence, owner: str | None, subjects: list[str],
          events: list[str]) -> bool:
    """A place or body among the subjects owns the value; or, for an event, the sentence names
    it and no other actor is there to own the figure."""
    if _belongs(ctx, owner, subjects):
        return True
    return owner is None and bool(events) and _event_named(ctx, sentence, events)


def speakers_of(ctx: Context, subjects: list[str]) -> dict[str, str]:
    """The office holders who speak for any of the subjects."""
    out: dict[str, str] = {}
    for subject in subjects:
        for holder, place in speakers(ctx, subject).items():
            out.setdefault(holder, place)
    return out


# "in Dublin West", "for the Harbor district": a name the registry does not know, which may be
# a part of the event (a constituency, a region) the figure is for
_NAMED_PART = re.compile(r"\b(?:in|at|for|across|from)\s+(?:the\s+)?[A-Z][\w'-]+")
# "the 2018 election", "the 2018 presidential election": another instance of the event
_YEAR_BEFORE = re.compile(r"\b(?:1[89]|20)\d\d\s+(?:[A-Za-z-]+\s+)?$")


def _named_in_clause(ctx: Context, sentence: Sentence, value: Value, events: list[str]
                     ) -> list[Mention]:
    lo, hi = sentence.clause_of(value.start)
    words = {e: folded(ctx.registry.entities[e].triggers) for e in events}
    return [m for m in sentence.mentions if lo <= m.start < hi
            and any(m.target == e or m.target in w for e, w in words.items())]


def event_elsewhere(ctx: Context, index: ArticleIndex, sentence: Sentence, value: Value,
                    events: list[str]) -> str | None:
    """Why a figure no actor owns belongs to another occurrence of the event ("the 2018
    election had a turnout of 44%", "at the last election"): then it neither supports nor
    contradicts."""
    named = _named_in_clause(ctx, sentence, value, events)
    for m in named:
        before = index.text[max(sentence.start, m.start - 30):m.start]
        if not (_YEAR_BEFORE.search(before) or another_occurrence(index, sentence, m.start)):
            return None
    return f"'{value.text}' belongs to another occurrence ('{named[0].text}')" if named else None


def event_unbound(ctx: Context, index: ArticleIndex, sentence: Sentence, value: Value,
                  events: list[str]) -> str | None:
    """Why a figure that no actor owns is not bound to the claimed event: the event is not
    named in the figure's clause, a person there may own it, or the sentence names a part the
    registry does not know."""
    lo, hi = sentence.clause_of(value.start)
    if not _named_in_clause(ctx, sentence, value, events):
        return f"'{value.text}': the event is not named in its clause"
    person = next((m for m in sentence.mentions if lo <= m.start < hi and m.category == ENTITY
                   and ctx.registry.of_type(m.target, "person")), None)
    if person is not None:
        return f"'{value.text}' may be {person.text}'s figure, not the event's"
    known = [(m.start, m.end) for m in sentence.mentions if m.category == ENTITY]
    for found in _NAMED_PART.finditer(index.text, sentence.start, sentence.end):
        name_at = found.end() - len(found.group().split()[-1])
        if not any(s <= name_at < e for s, e in known):
            return f"the figure may be for '{found.group()}', a part the registry does not know"
    return None
