"""Kind `succession`: who held an office right before the holder.

Passing: "Takaichi succeeded Shigeru Ishiba", "Ishiba, Takaichi's predecessor, ...", "Ishiba,
whom Takaichi replaced, ..." -> supported.
Failing: "Takaichi succeeded Fumio Kishida", "Kishida, Takaichi's predecessor", "Kishida, who
was succeeded by Takaichi", "Takaichi, Abe's direct successor" -> contradicted.
Each cue gives a (successor, predecessor) pair from the people around it; the claim is judged
only when one side of the pair is the claim's holder or predecessor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from verifier.checks.context import Context
from verifier.engine.index import ArticleIndex, Sentence
from verifier.engine.registry import ENTITY
from verifier.model import Claim, Evidence
from verifier.text.normalize import fold

KIND = "succession"
_ACTIVE = re.compile(r"\b(?:succeed(?:s|ed|ing)?|replac(?:e|es|ed|ing)|t(?:ook|akes|aking) "
                     r"over from)\b", re.IGNORECASE)
# "took office after Fumio Kishida stepped down": the predecessor is the one who left
_AFTER = re.compile(r"\b(?:after|following)\s+(?=[A-Z])", re.IGNORECASE)
_LEFT = re.compile(
    r"(?:'s)?\s+(?:stepped down|resigned|quit|stood down|resignation|departure|exit)\b"
)
_NOUN = re.compile(r"\b(?P<noun>predecessor|successor)s?\b", re.IGNORECASE)
_CUES = ((_ACTIVE, None), (_NOUN, None), (_AFTER, None))  # what `_pairs` reads
Person = tuple[str, int, int]  # id, start, end
PRONOUN = "?pronoun"  # "her predecessor" with nobody named before it


def targets(claim: Claim, ctx: Context) -> set[str] | None:
    """Entities an article must mention for this claim to be judged at all."""
    return {claim.content["holder"], claim.content["predecessor"]}


def _people(index: ArticleIndex, sentence: Sentence) -> list[Person]:
    return [(m.target, m.start, m.end) for m in sentence.mentions
            if m.category == ENTITY and index.registry.of_type(m.target, "person")]


def _before(people: list[Person], at: int, within: int = 60) -> Person | None:
    found = [p for p in people if at - within <= p[2] <= at]
    return found[-1] if found else None


def _after(people: list[Person], at: int, within: int = 45) -> Person | None:
    found = [p for p in people if at <= p[1] <= at + within]
    return found[0] if found else None


def _active(index: ArticleIndex, people: list[Person], cue: re.Match[str], base: int
            ) -> tuple[Person | None, Person | None]:
    """(successor, predecessor) around "succeeded", "replaced", "took over from"."""
    start, end = base + cue.start(), base + cue.end()
    left = index.text[max(base, start - 40):start]
    if index.text.startswith(" by ", end):  # "Kishida, who was succeeded by Takaichi"
        return _after(people, end), _before(people, start)
    if re.search(r"\bwhom\s+\S+(?:\s+\S+)?\s+$", left):  # "Ishiba, whom Takaichi replaced"
        whom = index.text.rfind("whom", base, start)
        return _before(people, start), _before(people, whom)
    return _before(people, start) or _pronoun_subject(index, people, start, base), \
        _after(people, end)


_SUBJECT_PRONOUN = re.compile(
    r"(?:^|[.;:]\s*|\b(?:and|but)\s+)(?P<pronoun>[Hh]e|[Ss]he)\s+(?:\w+\s+)?$")


def _pronoun_subject(index: ArticleIndex, people: list[Person], start: int, base: int
                     ) -> Person | None:
    """ "She replaces Lind": the sentence's subject pronoun names the one person the previous
    sentence names, when it names exactly one and this sentence names nobody before it."""
    pronoun = _SUBJECT_PRONOUN.search(index.text[base:start])
    if any(p[2] <= start for p in people) or pronoun is None:
        return None
    k = index.starting_at(base)
    if not k:
        return None
    before = {m.target for m in index.sentences[k - 1].mentions
              if m.category == ENTITY and index.registry.of_type(m.target, "person")}
    if len(before) != 1 or _unknown_names(index, index.sentences[k - 1]):
        return None
    return before.pop(), base + pronoun.start("pronoun"), base + pronoun.end("pronoun")


def _unknown_names(index: ArticleIndex, sentence: Sentence) -> bool:
    """A titled name the registry does not know ("Finance Minister Hal Dorn") is another person
    a pronoun could name."""
    return any((a.holder or "").startswith("name:") for a in index.attachments(sentence))


def _noun(index: ArticleIndex, people: list[Person], cue: re.Match[str], base: int
          ) -> tuple[Person | None, Person | None]:
    """(successor, predecessor) around "X's predecessor, Y" and "Y, X's predecessor"."""
    start, end = base + cue.start(), base + cue.end()
    owner = _before(people, start, within=25)
    if owner and not re.fullmatch(r"'s?(?: \w+)? ", index.text[owner[2]:start]):
        owner = None  # "Takaichi's predecessor", "Abe's direct successor"
    pronoun = re.search(r"\b(?:her|his)(?: \w+)? $", index.text[max(base, start - 20):start])
    if owner is None and pronoun:  # "Takaichi thanked her predecessor": the nearest person
        owner = _before(people, start, within=200) or (PRONOUN, start, start)
    named = _after(people, end, within=25)
    if named is None or (owner and named[1] < owner[1]):
        head = _before(people, owner[1] if owner else start, within=30)
        named = head if head and index.text[head[2]:(owner or (0, start))[1]].strip() in (",", "") \
            else None
    if cue.group("noun").lower() == "predecessor":
        return owner, named
    return named, owner


def _left_office(index: ArticleIndex, people: list[Person], cue: re.Match[str], base: int
                 ) -> tuple[Person | None, Person | None]:
    """(successor, predecessor) around "X took office after Y stepped down"."""
    start, end = base + cue.start(), base + cue.end()
    named = _after(people, end, within=2)
    if named is None or not _LEFT.match(index.text, named[2]):
        return None, None
    if not re.search(r"\b(?:took office|became|was elected|was named|was chosen|succeeded)\b",
                     index.text[max(base, start - 60):start]):
        return None, None
    return _before(people, start, within=80), named


def _pairs(index: ArticleIndex, sentence: Sentence) -> Iterator[tuple[Person, Person, int, int]]:
    people: list[Person] | None = None  # found at the first cue (most sentences have none)
    for pattern, read in ((_ACTIVE, _active), (_NOUN, _noun), (_AFTER, _left_office)):
        for cue in pattern.finditer(sentence.text):
            people = _people(index, sentence) if people is None else people
            successor, predecessor = read(index, people, cue, sentence.start)
            if successor and predecessor and successor[0] != predecessor[0]:
                yield successor, predecessor, sentence.start + cue.start(), \
                    sentence.start + cue.end()


# "replaced Lind as party leader": the office the succession is about
_AS_OFFICE = re.compile(
    r"\bas\s+(?:the\s+|its\s+|his\s+|her\s+|their\s+)?(?P<office>[^,.;:()]{2,60})")


def _other_office(index: ArticleIndex, sentence: Sentence, end: int, ctx: Context,
                  office: str) -> str | None:
    """The office named by "as ..." after the pair, when it is not the claim's office."""
    found = _AS_OFFICE.search(index.text, end, sentence.end)
    if found is None or found.start() - end > 40:
        return None
    named = fold(found.group("office"))
    entity = ctx.registry.entities[office]
    if any(fold(t) in named for t in (*entity.titles, entity.name)):
        return None
    return f"'{found.group().strip()}' names another office than {entity.name}"


# "won against candidate X and will succeed Y": X is an object, not the one who succeeds
_OBJECT_BEFORE = re.compile(r"\b(?:against|over|beat|beating|defeated|defeating|versus|vs\.?|"
                            r"rival|opponent|candidates?)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)


def _not_subject(index: ArticleIndex, sentence: Sentence, person: Person, cue_start: int
                 ) -> str | None:
    """Why the person before an active cue may not be its subject."""
    if not person[1] < cue_start:
        return None
    between = index.text[person[2]:cue_start]
    if re.search(r"\band\b", between):
        return f"'{index.text[person[1]:person[2]]}' and the cue are joined by 'and': "\
            "the one who succeeds may be another"
    if _OBJECT_BEFORE.search(index.text[max(sentence.start, person[1] - 40):person[1]]):
        return f"'{index.text[person[1]:person[2]]}' is the object of another verb, "\
            "not the one who succeeds"
    return None


def check(claim: Claim, index: ArticleIndex, ctx: Context) -> Iterator[Evidence]:
    holder, predecessor = claim.content["holder"], claim.content["predecessor"]
    want = ctx.registry.entities[predecessor].name
    named = index.having([holder, predecessor])
    # a sentence right after one naming the holder may speak of them by pronoun; `_pairs`
    # needs a cue
    near = (named | {i + 1 for i in named}) - {len(index.sentences)}
    for sentence in index.at(index.sieve(near, _CUES)):
        for after, before, s, e in _pairs(index, sentence):
            if after[0] == PRONOUN and index.mentions_anywhere(holder):
                after = (holder, after[1], after[2])
            if after[0] != holder and before[0] != predecessor:
                continue
            spans = [(s, e), after[1:], before[1:]]
            shown = f"{index.text[after[1]:after[2]]} succeeded {index.text[before[1]:before[2]]}"
            if after[0] == holder and before[0] == predecessor:
                yield index.evidence(sentence, "support", f"article says {shown}", spans)
            elif why := (_other_office(index, sentence, max(e, after[2], before[2]), ctx,
                                       claim.content["office"])
                         or _not_subject(index, sentence, after, s)):
                index.reject(sentence, why, spans)
            else:
                yield index.evidence(sentence, "contradict",
                                     f"article says {shown}; claim: "
                                     f"{ctx.registry.entities[holder].name} succeeded {want}",
                                     spans)
