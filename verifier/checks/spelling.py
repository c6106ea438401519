"""Kind `spelling`: the canonical spelling of a name.

Passing: "Sanae Takaichi", "Ms Takaichi's", "Takaichi Sanae" -> supported (registry forms, in any
order, with possessives, honorifics and diacritics folded).
Failing: "Sen Takichi", "Takaichy" -> contradicted: a capitalised word one or two typing slips
from a name word that is no registry form of anyone. A given name one slip off, before or after
the family name ("Sanea Takaichi", "Takaichi Sanea"), contradicts too. A name that is not a near
miss contradicts only when bound to the person by the office the claims give them ("Japan's
Prime Minister Sanae Tanaka": the right given name with another surname, in either order, or
the given name alone one slip off); without such a title it may be someone else, and is silent.

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
from verifier.engine.index import ArticleIndex, Sentence
from verifier.engine.registry import ENTITY, given_key, title_key
from verifier.model import Claim, Entity, Evidence
from verifier.text.normalize import fold
from verifier.text.offices import Attachment

KIND = "spelling"
_BEFORE = re.compile(r"([A-Z][a-z]{2,12}) $")
_AFTER = re.compile(r" ([A-Z][a-z]{2,12})\b")


def _one_slip(word: str, given: str) -> bool:
    word, given = fold(word), fold(given)
    return len(given) >= 4 and word != given and OSA.distance(word, given, score_cutoff=1) <= 1


def _misspelt_given(index: ArticleIndex, start: int, end: int, given: str
                    ) -> tuple[int, int] | None:
    """A given name one slip away right before or after a correct family name ("Sanea
    Takaichi", "Takaichi Sanea")."""
    if not given:
        return None
    before = _BEFORE.search(index.text[max(0, start - 15):start])
    if before is not None and _one_slip(before.group(1), given):
        return start - len(before.group(0)), end
    after = _AFTER.match(index.text, end)
    if after is not None and _one_slip(after.group(1), given) \
            and fold(after.group(1)) not in index.registry.forms:
        return start, after.end()
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
    """Entities an article must mention for this claim to be judged at all: the person; when
    the claims give them an office, their given name (another surname under the office's
    title); for a short name, the titles of those offices (where a near miss can be caught)."""
    entity = ctx.registry.entities[claim.content["entity"]]
    out = {entity.id}
    if entity.given and _offices_of(ctx, entity.id):
        out.add(given_key(entity.given))
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


def _offices_of(ctx: Context, person: str) -> list[Entity]:
    """The offices the claims give the person (built once per registry, not per sentence)."""
    by_person: dict[str, list[Entity]] = ctx.registry.memo("spelling offices", lambda: {
        h: [ctx.registry.entities[o] for o, x in sorted(ctx.registry.holders.items()) if x == h]
        for h in set(ctx.registry.holders.values())})
    return by_person.get(person, [])


def _wrong_name(ctx: Context, entity: Entity, a: Attachment) -> bool:
    """The title's holder is an unknown name that shares the given name with another surname,
    or is the given name alone one slip off."""
    words = (a.holder or "")[5:].split()
    given, family = fold(entity.given), fold(entity.family)
    if not given or not family or not words:
        return False
    if len(words) == 1:
        return _one_slip(words[0], entity.given)
    if len(words) != 2:
        return False
    folded = [fold(w) for w in words]
    other = folded[1] if folded[0] == given else folded[0] if folded[1] == given else None
    return other is not None and other != family and other not in ctx.registry.forms


def _unknown_titled(index: ArticleIndex) -> dict[int, list[Attachment]]:
    """Per sentence, the current titles held by a name the registry does not know (computed
    once per article: most articles have none, and every spelling claim asks)."""
    def compute() -> dict[int, list[Attachment]]:
        out: dict[int, list[Attachment]] = {}
        for sentence in index.sentences:
            if not sentence.titles():
                continue
            found = [a for a in index.attachments(sentence)
                     if (a.holder or "").startswith("name:") and a.status not in ("former", "late")]
            if found and not headline(sentence):
                out[sentence.index] = found
        return out
    return index.memo("spelling: unknown titled names", compute)


def _titled(ctx: Context, index: ArticleIndex, entity: Entity, sentence: Sentence
            ) -> Iterator[Attachment]:
    """Attachments that bind an unknown name to one of the person's offices: the title names
    the office (with its jurisdiction bound, see `_bound_office`), the status is current."""
    for a in _unknown_titled(index).get(sentence.index, ()):
        for office in _offices_of(ctx, entity.id):
            if office.id in a.offices and _bound_office(index, sentence, a, office):
                if _wrong_name(ctx, entity, a):
                    yield a
                break


def _bound_office(index: ArticleIndex, sentence: Sentence, a: Attachment, office: Entity
                  ) -> bool:
    """The title is this office: its jurisdiction qualifies it, or (a bare title) the sentence
    names the jurisdiction and no other owner stands before the title ("Poland's President",
    "Council President" would be someone else's title)."""
    if a.qualified:
        return True
    if office.jurisdiction is not None and office.jurisdiction not in sentence.entities():
        return False
    before = index.text[max(sentence.start, a.start - 20):a.start]
    word = before.split()[-1] if before.split() else ""
    return not word or word.islower() or word in ("(", ",")


def check(claim: Claim, index: ArticleIndex, ctx: Context) -> Iterator[Evidence]:
    entity = ctx.registry.entities[claim.content["entity"]]
    if _short_family(entity):
        yield from _short_names(claim, index, ctx, entity)
    canonical = claim.content.get("spelling") or entity.name

    def wrong(sentence: Sentence, start: int, end: int) -> Evidence:
        return index.evidence(sentence, "contradict",
                              f"article spells the name '{index.text[start:end]}'; curated "
                              f"spelling: '{canonical}'", [(start, end)])

    titled = _unknown_titled(index) if _offices_of(ctx, entity.id) else {}
    named = {s.index for s in index.with_any(targets(claim, ctx) or ())}
    for sentence in (index.sentences[i] for i in sorted(named | set(titled))):
        if sentence.index in titled:
            for a in _titled(ctx, index, entity, sentence):
                yield wrong(sentence, a.holder_start, a.holder_end)
        for m in sentence.mentions:
            if m.category != ENTITY or m.target != entity.id:
                continue
            given = _misspelt_given(index, m.start, m.end, entity.given) \
                if not m.near_miss else None
            if m.near_miss or given:
                yield wrong(sentence, *(given or (m.start, m.end)))
            else:
                yield index.evidence(sentence, "support",
                                     f"article spells the name '{m.text}' correctly",
                                     [(m.start, m.end)])
