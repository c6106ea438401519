"""Kind `place`: where an event happened.

Passing: "Trump met Takaichi in Tokyo on Tuesday." -> supported (Tokyo is a claimed place; a
place inside one, such as the Akasaka Palace, supports too; one around it, such as Japan,
is consistent but confirms nothing).
Failing: "Takaichi's visit to the U.S. and her meeting with Trump ..." -> contradicted.
A place counts only after a locative word (in, at, to ...), so "the US naval base" is no
location; a place that another event in the same sentence explains is no contradiction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from verifier.checks.binding import event_binding
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
from verifier.engine.registry import ENTITY
from verifier.model import Claim, Evidence
from verifier.text.mentions import Mention
from verifier.text.normalize import fold

KIND = "place"
# A place kind between the locative and the name: "in the port city of Port Ellis"; and a
# venue fixed in advance: "the summit, set for Port Ellis".
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|to|inside|within|near|into|from)\s+(?:the\s+)?(?:(?:central|downtown|"
    r"northern|southern|eastern|western|greater|suburban|coastal|nearby)\s+)?"
    r"(?:(?:[a-z]+\s+)?(?:city|town|port|capital|village|island|resort|province|region|state)"
    r"\s+of\s+)?"
    r"|\b(?:set|planned|scheduled|slated)\s+for\s+)$",
    re.IGNORECASE,
)
# After a place, a word like these ends the place phrase; anything else makes the place a
# modifier ("the US naval base", "the US-Japan alliance"), not a location.
_ENDS_PLACE = re.compile(
    r"(?:\s*(?:[,.;:!?)\"']|$)|\s+(?:and|or|on|at|in|for|to|with|where|during|after|before|last|"
    r"this|next|earlier|later|while|as|from|since|until|by|when|amid|ahead|that|which|who|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|afterwards|afterward|soon|"
    r"today|yesterday|tomorrow|again|instead|together|alone)\b)"
)
_WHERE = re.compile(r"\s*where\b", re.IGNORECASE)
# "Held at the Akasaka Palace, the summit ...": a sentence-opening participle names the place
_PARTICIPLE = re.compile(r"\s*(?:Held|Hosted|Staged|Convened|Meeting|Speaking|Set)\b")


# "in Lakeport, Westmark": a town the registry does not know, then the registry place around it
_TOWN_BEFORE = re.compile(
    r"\b(?:in|at|to|near)\s+(?P<town>(?:[A-Z][a-z'-]+\s+){0,2}[A-Z][a-z'-]+),\s+$")
# stricter than _ENDS_PLACE: "in Lakeport, Westmark and Ostland" is a list, "Westmark's" an owner
_ENDS_TOWN_PLACE = re.compile(
    r"\s*(?:[,.;:)]|$)|\s+(?:on|for|to|with|during|after|before|last|this|next|earlier|where|"
    r"when|while|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_NOT_TOWNS = frozenset(fold(w) for w in "Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
                       "January February March April May June July August September October "
                       "November December The This That".split())


def _in_unknown_town(index: ArticleIndex, mention: EventMention, place: Mention) -> bool:
    """ "met in Lakeport, Westmark": the place after an unknown town's comma is where it is."""
    lo = mention.sentence.start
    found = _TOWN_BEFORE.search(index.text[max(lo, place.start - 50):place.start])
    if found is None or not _ENDS_TOWN_PLACE.match(index.text, place.end, mention.sentence.end):
        return False
    town = found.group("town")
    return fold(town) not in index.registry.forms and not any(
        fold(w) in _NOT_TOWNS or fold(w) in index.registry.forms for w in town.split())


def _town_in(index: ArticleIndex, mention: EventMention, place: Mention, lo: int, hi: int
             ) -> bool:
    """The place of "in Lakeport, Westmark" counts in the clause that holds the town."""
    return hi <= place.start and not index.text[hi:place.start].strip(" ,") \
        and _in_unknown_town(index, mention, place)


def _located(index: ArticleIndex, mention: EventMention, place: Mention) -> bool:
    lo = mention.sentence.start
    alias = mention.trigger
    if alias is not None and alias.target == mention.event and \
            alias.start <= place.start and place.end <= alias.end:
        return True  # "the Tokyo summit"
    return bool(_LOCATIVE.search(index.text[max(lo, place.start - 48):place.start])
                and _ENDS_PLACE.match(index.text, place.end, mention.sentence.end)) \
        or _in_unknown_town(index, mention, place)


def located_places(index: ArticleIndex, mention: EventMention) -> list[Mention]:
    return [
        m for m in mention.sentence.mentions
        if m.category == ENTITY and index.registry.of_type(m.target, "place")
        and _located(index, mention, m)
    ]


def _explained(index: ArticleIndex, ctx: Context, event: str, mention: EventMention,
               place: str) -> bool:
    for other in co_mentioned_events(event, index, mention.sentence):
        for claim in ctx.known(other, KIND):
            if any(ctx.registry.places_consistent(place, p) for p in claim.content["places"]):
                return True
    return False


def _bound(index: ArticleIndex, mention: EventMention, place: Mention) -> bool:
    why = event_binding(index, mention, place.start, place.end)
    if why:
        index.reject(mention.sentence, why, [(place.start, place.end)])
    return why is None


def targets(claim: Claim, ctx: Context) -> set[str] | None:
    """Entities an article must mention for this claim to be judged at all."""
    return event_targets(claim.content["event"], ctx)


def _scope(index: ArticleIndex, mention: EventMention, places: list[Mention]) -> list[Mention]:
    """The places that speak for this mention: those in the trigger's clause, or, when it has
    none, those in a leading participial clause ("Held at the Akasaka Palace, the summit ...")."""
    lo, hi = mention.clause
    own = [p for p in places if (lo <= p.start < hi or _town_in(index, mention, p, lo, hi))
           and attached(index, mention, p.start)]
    if own:
        return own
    if _WHERE.match(index.text, lo, hi):  # "heads to Vietnam, where he will meet Xi"
        before = [c for c in mention.sentence.clauses if c[1] <= lo]
        if before:
            return [p for p in places if before[-1][0] <= p.start < before[-1][1]]
    first = mention.sentence.clauses[0] if mention.sentence.clauses else (lo, hi)
    if _PARTICIPLE.match(index.text, first[0], first[1]):
        return [p for p in places if first[0] <= p.start < first[1]]
    return []


def check(claim: Claim, index: ArticleIndex, ctx: Context) -> Iterator[Evidence]:
    claimed: list[str] = list(claim.content["places"])
    names = ", ".join(ctx.registry.entities[p].name for p in claimed)

    def inside(place: Mention) -> bool:  # the claimed place or somewhere in it
        return any(c in ctx.registry.ancestors(place.target) for c in claimed)

    def consistent(place: Mention) -> bool:  # inside, or a region around it ("Japan")
        return any(ctx.registry.places_consistent(place.target, c) for c in claimed)

    for mention in mentions_with_parts(claim.content["event"], index):
        if index.closed(mention.sentence.start):
            continue  # what it finds is located in its sentence, past all that can be kept
        places = located_places(index, mention)
        scoped = _scope(index, mention, places)
        # the nearest scope decides; elsewhere in the sentence a place can only support
        agree = [p for p in (scoped or places) if inside(p)]

        wrong = [p for p in scoped if not consistent(p)
                 and not _explained(index, ctx, claim.content["event"], mention, p.target)
                 and _bound(index, mention, p)] if may_contradict(index, mention) else []
        yield from judge_found(
            index, mention, agree, wrong,
            lambda p: f"article places it {'at' if inside(p) else 'in'} {p.text}; claim: {names}")
