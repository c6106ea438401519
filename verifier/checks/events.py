"""Where an article talks about a registry event (shared by the event, date and place checks).

A sentence mentions an event when it names it by alias, or has one of its trigger words, all of
its cue groups and at least one participant. Without cues, another person in the trigger's
clause means another meeting ("Trump met Emperor Naruhito on Monday" is not the summit). A
mention is *strong* (can contradict) when it is an alias, names every participant, or satisfies
cues; otherwise it can only support. Both participants named with no trigger at all ("In a
joint statement issued on October 28, Trump and Takaichi ...") is a weak mention too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from verifier.checks.context import Context
from verifier.engine.index import ArticleIndex, Sentence
from verifier.engine.registry import ENTITY, WORD, Registry, folded
from verifier.model import Entity, Evidence
from verifier.text.mentions import Mention

# Words that put the trigger on another occurrence of the event ("they will meet again").
OTHER_OCCURRENCE = frozenset({"again", "another", "previous", "previously", "next"})


class _HasSpan(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class EventMention:
    event: str
    sentence: Sentence
    trigger: Mention | None
    strong: bool

    @property
    def clause(self) -> tuple[int, int]:
        if self.trigger is None:
            return self.sentence.start, self.sentence.end
        return self.sentence.clause_of(self.trigger.start)


def _foreign_alias(others: list[Mention], m: Mention) -> bool:
    """A trigger inside or right after another event's alias ("APEC summit", "Asia-Pacific
    Economic Cooperation summit") belongs to that event (`others`: the sentence's aliases of
    other events)."""
    return any(o.start <= m.start and (m.end <= o.end or 0 <= m.start - o.end <= 1)
               for o in others)


def _other_events(registry: Registry, event: Entity, sentence: Sentence) -> list[Mention]:
    """Aliases of other events in the sentence (usually none), found once per sentence."""
    others = {e for e in sentence.entities() if e != event.id and registry.of_type(e, "event")}
    return [o for o in sentence.mentions if o.category == ENTITY and o.target in others] \
        if others else []


def _more_specific(registry: Registry, event: Entity, sentence: Sentence, m: Mention) -> bool:
    """A trigger word another event shares, when that event's cue words are all in the sentence
    and this one has fewer cue groups ("visited the naval base" is the base visit, not the
    summit, though both are visits)."""
    by_trigger: dict[str, list[Entity]] = registry.memo("events by trigger", lambda: _by_trigger(
        registry))
    words = sentence.words()
    return any(other.id != event.id and len(other.cues) > len(event.cues)
               and all(folded(group) & words for group in other.cues)
               for other in by_trigger.get(m.target, ()))


def _by_trigger(registry: Registry) -> dict[str, list[Entity]]:
    out: dict[str, list[Entity]] = {}
    for entity in sorted(registry.entities.values(), key=lambda e: e.id):
        if entity.type == "event":
            for word in folded(entity.triggers):
                out.setdefault(word, []).append(entity)
    return out


def _others_in_clause(outsiders: set[tuple[int, int]], sentence: Sentence, at: int) -> bool:
    """A person who takes no part in the event in the trigger's clause (`outsiders`: the
    clauses that name such a person)."""
    return bool(outsiders) and sentence.clause_of(at) in outsiders


def _outsiders(index: ArticleIndex, event: Entity, sentence: Sentence) -> set[tuple[int, int]]:
    people = [e for e in sentence.entities() if e not in event.participants
              and index.registry.of_type(e, "person")]
    clauses = _person_clauses(index, sentence) if people else {}
    return {c for person in people for c in clauses[person]}


def _person_clauses(index: ArticleIndex, sentence: Sentence) -> dict[str, set[tuple[int, int]]]:
    """Per person the sentence names, the clauses naming them: found once per sentence (every
    event without cues asks, and a sentence of names holds hundreds of people)."""
    table: dict[int, dict[str, set[tuple[int, int]]]] = index.memo("events: person clauses",
                                                                   dict)
    if sentence.index not in table:
        found: dict[str, set[tuple[int, int]]] = {}
        for m in sentence.mentions:
            if m.category == ENTITY and index.registry.of_type(m.target, "person"):
                found.setdefault(m.target, set()).add(sentence.clause_of(m.start))
        table[sentence.index] = found
    return table[sentence.index]


def parts(event_id: str, registry: Registry) -> list[str]:
    """The event and the events that happened during it (the signing during the summit)."""
    return [event_id, *sorted(e.id for e in registry.entities.values() if event_id in e.during)]


def event_targets(event_id: str, ctx: Context) -> set[str]:
    """An event is mentioned only where its alias or one of its participants is (or, for the
    date and place of an event, where one of its parts is)."""
    return {t for part in parts(event_id, ctx.registry)
            for t in (part, *ctx.registry.entities[part].participants)}


def _named_by_title(index: ArticleIndex, sentence: Sentence) -> set[str]:
    """People a sentence names only by a qualified title ("Japan's first female prime
    minister"), resolved through the office claims' holders."""
    holders = index.registry.holders
    return {holders[o] for a in index.attachments(sentence) if a.holder is None and a.qualified
            for o in a.offices if o in holders}


_PRONOUN = re.compile(r"\b(?:she|her|he|him|his)\b", re.IGNORECASE)


def _named_by_pronoun(index: ArticleIndex, sentence: Sentence) -> set[str]:
    """A personal pronoun names the nearest person before it in the same sentence, or else the
    subject (first person named) of the previous sentence: "Takaichi succeeded Ishiba. The
    Diet elected her ..." """
    found = _PRONOUN.search(sentence.text)
    if found is None:
        return set()
    at = sentence.start + found.start()
    earlier = [m for m in sentence.mentions if m.end <= at and _is_person(index, m)]
    if earlier:
        return {earlier[-1].target}
    if sentence.index > 0:
        previous = index.sentences[sentence.index - 1]
        subject = next((m for m in previous.mentions if _is_person(index, m)), None)
        return {subject.target} if subject else set()
    return set()


def _is_person(index: ArticleIndex, m: Mention) -> bool:
    return m.category == ENTITY and index.registry.of_type(m.target, "person")


_TOGETHER = re.compile(r"\b(?:the two|both|the) (?:leaders|sides|heads of government)\b",
                       re.IGNORECASE)
# Besides a title (ArticleIndex.may_attach), how a sentence may name someone without a name
_OTHERWISE = ((_TOGETHER, None), (_PRONOUN, None))


def _named_together(index: ArticleIndex, event: Entity, sentence: Sentence) -> set[str]:
    """ "The two leaders signed ...": both participants, when the article names them both."""
    if len(event.participants) != 2 \
            or not all(index.mentions_anywhere(p) for p in event.participants):
        return set()
    return set(event.participants) if _TOGETHER.search(sentence.text) else set()


def event_mentions(event_id: str, index: ArticleIndex) -> Iterator[EventMention]:
    registry = index.registry
    event = registry.entities[event_id]
    triggers = folded(event.triggers)
    cues = [folded(group) for group in event.cues]  # once per event, not per sentence
    for sentence in _candidates(index, event, triggers, cues):
        if event_id in sentence.entities():
            alias = next(m for m in sentence.mentions if m.target == event_id)
            yield EventMention(event_id, sentence, alias, True)
            continue
        # cheap tests first (a page can hold half a million sentences naming one participant):
        # without cues nothing is mentioned, and without a trigger word only every participant
        # named is (which takes two)
        words = sentence.words()
        triggered = bool(triggers & words)
        if not all(group & words for group in cues) \
                or not (triggered or len(event.participants) >= 2):
            continue
        named = _named(index, event, sentence)
        if triggered and named:
            found = _trigger(index, event, sentence, triggers)
            if found is not None:
                yield EventMention(event_id, sentence, found,
                                   len(named) == len(event.participants) or bool(event.cues))
        elif not triggered and len(named) == len(event.participants) >= 2:
            yield EventMention(event_id, sentence, None, False)


def _candidates(index: ArticleIndex, event: Entity, triggers: frozenset[str],
                cues: list[frozenset[str]]) -> list[Sentence]:
    """The sentences that may mention the event, in order, found by set operations on the
    index (a page can hold half a million sentences naming one participant, and a test of each
    in Python, per event, was most of its cost): the alias; or all the cue groups and a
    trigger word; or, without a trigger, every participant named or possibly named another way
    (see `_named`). The test in `event_mentions` then decides each one."""
    in_cues = [index.having(group) for group in cues]
    found = index.having([event.id]) | index.having(triggers).intersection(*in_cues)
    if len(event.participants) >= 2:
        named = [index.having([p]) for p in event.participants]
        everyone = set.intersection(*named)
        rest = set.union(*named) - everyone  # someone is named, not everyone
        if rest:
            titled = index.may_attach(rest)
            everyone |= titled | index.sieve(rest - titled, _OTHERWISE)
        found |= everyone.intersection(*in_cues)
    return index.at(found)


def _named(index: ArticleIndex, event: Entity, sentence: Sentence) -> set[str]:
    """The participants the sentence names: by name, together, by pronoun, by title; the
    costlier ways are tried only while someone is still missing."""
    everyone = set(event.participants)
    named = everyone & sentence.entities()
    if named != everyone:
        named |= everyone & _named_together(index, event, sentence)
    # a pronoun names someone of this sentence (named already) or the previous one's subject
    if named != everyone and sentence.index > 0 \
            and (everyone - named) & index.sentences[sentence.index - 1].entities():
        named |= everyone & _named_by_pronoun(index, sentence)
    # only a holder of an office named in the claims can be named by its title
    if (everyone - named) & index.registry.memo("events: holders", lambda: frozenset(
            index.registry.holders.values())):
        named |= everyone & _named_by_title(index, sentence)
    return named


def _trigger(index: ArticleIndex, event: Entity, sentence: Sentence, triggers: frozenset[str]
             ) -> Mention | None:
    """The first trigger that is this event's (only the first is used: stop there, a sentence
    of names can hold thousands of candidate triggers)."""
    registry = index.registry
    others = _other_events(registry, event, sentence)
    outsiders = set() if event.cues else _outsiders(index, event, sentence)
    return next((
        m for m in sentence.mentions
        if m.category == WORD and m.target in triggers
        and not _foreign_alias(others, m)
        and not _more_specific(registry, event, sentence, m)
        and not _others_in_clause(outsiders, sentence, m.start)
    ), None)


def attached(index: ArticleIndex, mention: EventMention, start: int) -> bool:
    """Whether a date or place at `start` belongs to the trigger's predicate: after it, or before
    it with no "and"/"then" joining a second predicate ("arrived on Monday and met ...")."""
    trigger = mention.trigger
    if trigger is None or start >= trigger.start:
        return True
    if index.line_break(start, trigger.start):
        return False
    ends = {m.end for m in mention.sentence.mentions if m.category == ENTITY}
    starts = {m.start for m in mention.sentence.mentions if m.category == ENTITY}
    for m in re.finditer(r"\b(?:and|then)\b", index.text[start:trigger.start]):
        at = start + m.start()
        if not (m.group() == "and" and at - 1 in ends and at + 4 in starts):
            return False  # "Velden and Greer" joins two names, not two predicates
    return True


Spanned = TypeVar("Spanned", bound=_HasSpan)


def judge_found(index: ArticleIndex, mention: EventMention, agree: Sequence[Spanned],
                wrong: Sequence[Spanned], said: Callable[[Spanned], str]) -> Iterator[Evidence]:
    """Shared verdict flow of the date and place checks: what agrees supports; otherwise a
    firm, asserted mention of this occurrence contradicts with what it found instead."""
    if not agree and not wrong:
        return  # nothing to say: the clause's modality is not needed (most mentions)
    lo, hi = mention.clause
    mood = index.modality(lo, hi)
    if agree:
        yield index.evidence(mention.sentence, "support", said(agree[0]),
                             [(a.start, a.end) for a in agree], hedged=mood.hedged)
        return
    if not mention.strong or mood.irrealis or other_occurrence(index, mention):
        return
    if wrong:
        yield index.evidence(mention.sentence, "contradict", said(wrong[0]),
                             [(w.start, w.end) for w in wrong], hedged=mood.hedged)


def may_contradict(index: ArticleIndex, mention: EventMention) -> bool:
    """Whether what the mention finds against the claim can matter: a weak mention can only
    support (see `judge_found`), so its wrong dates or places are worked out only for
    `explain`, which lists the candidates that did not bind. (Skipping them saves the binding
    analysis on every sentence that names one participant.)"""
    return mention.strong or index.rejected is not None


def other_occurrence(index: ArticleIndex, mention: EventMention) -> bool:
    """ "they will meet again", "another meeting": words of a date ("next week") do not count."""
    lo, hi = mention.clause
    text = list(index.text[lo:hi].lower())
    for value in index.values(mention.sentence):
        if value.is_date and lo <= value.start < hi:
            text[value.start - lo:value.end - lo] = " " * (value.end - value.start)
    return bool(set("".join(text).split()) & OTHER_OCCURRENCE)


def co_mentioned_events(event_id: str, index: ArticleIndex, sentence: Sentence) -> list[str]:
    """Other registry events this sentence firmly mentions (they may explain a place or a date;
    a weak mention, one participant and a common trigger word, explains nothing). The event's
    own parts are not others."""
    out = []
    present = sentence.words() | sentence.entities()
    family = set(parts(event_id, index.registry))
    for entity in index.registry.entities.values():
        if entity.type == "event" and entity.id not in family \
                and (folded(entity.triggers) | {entity.id}) & present \
                and sentence.index in _strongly_mentioned(entity.id, index):
            out.append(entity.id)
    return out


def _strongly_mentioned(event_id: str, index: ArticleIndex) -> frozenset[int]:
    """The sentences that mention the event strongly, found once per article (asked per
    candidate date: a scan of every mention each time made a long page quadratic)."""
    return index.memo(f"events: strongly in {event_id}", lambda: frozenset(
        m.sentence.index for m in _cached(event_id, index) if m.strong))


def _cached(event_id: str, index: ArticleIndex) -> list[EventMention]:
    cache = index.events
    if event_id not in cache:
        cache[event_id] = list(event_mentions(event_id, index))
    return cache[event_id]  # type: ignore[no-any-return]


def mentions_of(event_id: str, index: ArticleIndex) -> list[EventMention]:
    return _cached(event_id, index)


def mentions_with_parts(event_id: str, index: ArticleIndex) -> list[EventMention]:
    """Mentions of the event and of its parts: "they signed the deal on Wednesday" dates the
    summit the signing was part of."""
    found = [m for part in parts(event_id, index.registry) for m in _cached(part, index)]
    return sorted(found, key=lambda m: (m.sentence.index, m.trigger.start if m.trigger else -1))
