"""Kind `spelling`: the canonical spelling of a name.

Passing: "Sanae Takaichi", "Ms Takaichi's", "Takaichi Sanae" -> supported (registry forms, in any
order, with possessives, honorifics and diacritics folded).
Failing: "Sen Takichi", "Takaichy" -> contradicted: a capitalised word one or two typing slips
from a name word that is no registry form of anyone.

Short family names (four letters or fewer: "Roe", "Li") have too many real neighbours to be
checked anywhere; a near miss of one ("Governor Rhoe", "Finance Minister Lii") counts only in
the role the person holds per an office claim, with its jurisdiction named ("Reserve Bank
Governor Rhoe"), not as a former holder, not in a Title Case headline, and only when the form is
no registry name or word and no common English word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz.distance import OSA

from verifier.checks.binding import headline
from verifier.checks.context import Context
from verifier.index import ArticleIndex, Sentence
from verifier.model import Claim, Entity, Evidence
from verifier.registry import ENTITY, title_key
from verifier.text.normalize import fold
from verifier.text.offices import Attachment

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


SHORT = 4
# Common English words a short name is one slip from ("Rose", "Lie", "Law"): never a near miss.
_WORDS = frozenset(
    "a an as at be by do go he if in is it me my no of on or so to up us we am are was were has "
    "had have his her its our who why how all any can did for get got let may new not now old "
    "one out own say see she the two use way yet lie lies law laws low row rows rod rode role "
    "rose rise road roam robe rob ran run raw red rid ride lip lit lid lot let led lee leg "
    "lay line lion lily list live lone long lost loud love lead leaf lean less life lift "
    "like limb link loan lock mile more most much must none note once only open over part "
    "past plan rate real rest rich said same says some such take tell than that then they this "
    "time very want well went what when will with word work year your".split())


def _held_offices(ctx: Context, person: str) -> list[str]:
    return sorted(o for o, h in ctx.registry.holders.items() if h == person)


def targets(claim: Claim, ctx: Context) -> set[str] | None:
    """Entities an article must mention for this claim to be judged at all; for a short name,
    also the titles of the offices the person holds (where a near miss of it can be caught)."""
    entity = ctx.registry.entities[claim.content["entity"]]
    out = {entity.id}
    if _short_family(entity):
        for office in _held_offices(ctx, entity.id):
            out.update(title_key(t) for t in ctx.registry.entities[office].titles)
    return out


def _short_family(entity: Entity) -> str:
    family = entity.family or (entity.name if " " not in entity.name else "")
    return fold(family) if 0 < len(family) <= SHORT else ""


def _short_near_miss(ctx: Context, entity: Entity, sentence: Sentence, a: Attachment,
                     offices: frozenset[str]) -> bool:
    """A near miss of a short family name, bound to a role the person holds."""
    if a.holder is None or not a.holder.startswith("name:") or not a.qualified \
            or not a.offices & offices or a.status in ("former", "late") or headline(sentence):
        return False
    words = [fold(w) for w in a.holder[5:].split()]
    family = _short_family(entity)
    if (len(words) == 2 and words[0] != fold(entity.given)) or len(words) > 2:
        return False
    word = words[-1]
    if word == family or word[0] != family[0] or word in _WORDS:
        return False
    known: frozenset[str] = ctx.registry.memo("spelling known words", lambda: frozenset(
        {*ctx.registry.forms, *ctx.registry.words,
         *(w for key in ctx.registry.forms for w in key.split())}))
    if word in known:
        return False
    return OSA.distance(word, family, score_cutoff=1) <= 1


def _short_names(claim: Claim, index: ArticleIndex, ctx: Context, entity: Entity
                 ) -> Iterator[Evidence]:
    canonical = claim.content.get("spelling") or entity.name
    offices = frozenset(_held_offices(ctx, entity.id))
    keys = [title_key(t) for o in sorted(offices) for t in ctx.registry.entities[o].titles]
    for sentence in index.with_any(keys):
        for a in index.attachments(sentence):
            if _short_near_miss(ctx, entity, sentence, a, offices):
                shown = index.text[a.holder_start:a.holder_end]
                yield index.evidence(sentence, "contradict",
                                     f"article spells the name '{shown}' (as '{a.title}'); "
                                     f"curated spelling: '{canonical}'",
                                     [(a.start, a.end), (a.holder_start, a.holder_end)])


def check(claim: Claim, index: ArticleIndex, ctx: Context) -> Iterator[Evidence]:
    entity = ctx.registry.entities[claim.content["entity"]]
    if _short_family(entity):
        yield from _short_names(claim, index, ctx, entity)
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
