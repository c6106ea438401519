"""Kind `event`: something happened (signed, visited, nominated).

Passing: "Trump and Takaichi signed a framework agreement on critical minerals." -> supported.
Failing: "Trump and Takaichi did not sign the rare earths agreement." -> contradicted
(a negation or denial close before the trigger; a hedge such as "likely to sign" still supports,
marked hedged; a question or condition asserts nothing).
"""

from __future__ import annotations

from collections.abc import Iterator

from verifier.checks.context import Context
from verifier.checks.events import event_targets, mentions_of
from verifier.index import ArticleIndex
from verifier.model import Claim, Evidence
from verifier.text.modality import modality

KIND = "event"


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
        if mood.negated:
            if mention.strong:
                yield index.evidence(mention.sentence, "contradict",
                                     f"article denies or negates it: {event.name}", spans)
            continue
        yield index.evidence(mention.sentence, "support",
                             f"article reports it ('{mention.trigger.text}'): {event.name}",
                             spans, hedged=mood.hedged)
