"""Kind `spelling`: the canonical spelling of a name.

Passing: "Sanae Takaichi", "Ms Takaichi's", "Takaichi Sanae" -> supported (registry forms, in any
order, with possessives, honorifics and diacritics folded).
Failing: "Sen Takichi", "Takaichy" -> contradicted: a capitalised word one or two typing slips
from a name word that is no registry form of anyone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz.distance import OSA

from verifier.checks.context import Context
from verifier.index import ArticleIndex
from verifier.model import Claim, Evidence
from verifier.registry import ENTITY
from verifier.text.normalize import fold

KIND = "spelling"
_BEFORE = re.compile(r"([A-Z][a-z]{2,12}) $")


def _misspelt_given(index: ArticleIndex, start: int, given: str) -> tuple[int, str] | None:
    """A given name one slip away right before a correct family name ("Sanea Takaichi")."""
    match = _BEFORE.search(index.text[max(0, start - 15):start])
    if not given or match is None:
        return None
    word = match.group(1)
    if fold(word) == fold(given) or len(given) < 4:
        return None
    if OSA.distance(fold(word), fold(given), score_cutoff=1) <= 1:
        return start - len(match.group(0)), word
    return None


def targets(claim: Claim, ctx: Context) -> set[str] | None:
    """Entities an article must mention for this claim to be judged at all."""
    return {claim.content["entity"]}


def check(claim: Claim, index: ArticleIndex, ctx: Context) -> Iterator[Evidence]:
    entity = ctx.registry.entities[claim.content["entity"]]
    canonical = claim.content.get("spelling") or entity.name
    for sentence in index.with_any([entity.id]):
        for m in sentence.mentions:
            if m.category != ENTITY or m.target != entity.id:
                continue
            given = _misspelt_given(index, m.start, entity.given) if not m.near_miss else None
            if m.near_miss or given:
                start = given[0] if given else m.start
                shown = index.text[start:m.end]
                yield index.evidence(sentence, "contradict",
                                     f"article spells the name '{shown}'; curated spelling: "
                                     f"'{canonical}'", [(start, m.end)])
            else:
                yield index.evidence(sentence, "support",
                                     f"article spells the name '{m.text}' correctly",
                                     [(m.start, m.end)])
