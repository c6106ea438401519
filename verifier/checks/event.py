"""Kind `event`: something happened (signed, visited, nominated).

Passing: "Trump and Takaichi signed a framework agreement on critical minerals." -> supported.
Failing: "Trump and Takaichi did not sign the rare earths agreement." -> contradicted
(a negation or denial close before the trigger; a hedge such as "likely to sign" still supports,
marked hedged; a question or condition asserts nothing).
"""

from __future__ import annotations

from collections.abc import Iterator

from verifier.checks.context import Context
from verifier.checks.events import EventMention, event_targets, mentions_of
from verifier.engine.index import ArticleIndex
from verifier.engine.registry import WORD, folded
from verifier.model import Claim, Evidence
from verifier.text.modality import cancelled_after, modality, negates_object

KIND = "event"


def _object_negated(index: ArticleIndex, mention: EventMention, after: int,
                    cues: tuple[tuple[str, ...], ...]) -> bool:
    """ "presented a golf bag, though not Abe's putter": the object itself is denied. Only
    words after the trigger count: a trigger's own negation ("no longer buy") is the act."""
    if not cues:
        return False
    words = folded(cues[0])
    for m in mention.sentence.mentions:
        if m.category == WORD and m.target in words and m.start > after:
            lo, hi = mention.sentence.clause_of(m.start)
            if negates_object(index.text[lo:hi], m.start - lo, max(0, after - lo)):
                return True
    return False


def targets(claim: Claim, ctx: Context) -> set[str] | None:
    """Entities an article must mention for this claim to be judged at all."""
    return event_targets(claim.content["event"], ctx)


def check(claim: Claim, index: ArticleIndex, ctx: Context) -> Iterator[Evidence]:
    event = ctx.registry.entities[claim.content["event"]]
    for mention in mentions_of(event.id, index):
        if mention.trigger is None:
            continue
        lo, hi = mention.clause
        clause = index.text[lo:hi]
        mood = modality(clause, mention.trigger.start - lo)
        spans = [(mention.trigger.start, mention.trigger.end)]
        if mood.irrealis:
            continue
        called_off = cancelled_after(clause, mention.trigger.start - lo, mention.trigger.end - lo)
        if mood.negated or called_off \
                or _object_negated(index, mention, mention.trigger.end, event.cues):
            if mention.strong:
                yield index.evidence(mention.sentence, "contradict",
                                     f"article denies or negates it: {event.name}", spans)
            continue
        yield index.evidence(mention.sentence, "support",
                             f"article reports it ('{mention.trigger.text}'): {event.name}",
                             spans, hedged=mood.hedged)
