"""Checks no single file can make: unique ids, references that resolve to the right type of
entity, claims that do not contradict each other, acknowledgements that name a real claim and
article. What would break the engine is left out of the result (a claim naming an unknown
entity, the second of two ids); an entity keeps its other fields when one of its references is
bad. Every such case is an error, so the run fails anyway.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from verifier.load.conflicts import conflicts
from verifier.load.source import Locations, PathKey, json_path
from verifier.model import Acknowledgement, Claim, Entity
from verifier.problems import Level, Problem

ANY = frozenset({"person", "place", "organization", "office", "event"})
PERSON, PLACE, OFFICE, EVENT = (frozenset({t}) for t in ("person", "place", "office", "event"))
ACTORS = frozenset({"place", "organization"})
# field -> the entity types it may name, for entities and for each claim kind
ENTITY_REFS = {"within": PLACE, "jurisdiction": PLACE | {"organization"}, "participants": ANY,
               "during": EVENT}
CLAIM_REFS: Mapping[str, Mapping[str, frozenset[str]]] = {
    "office": {"holder": PERSON, "office": OFFICE, "also_holds": OFFICE},
    "spelling": {"entity": ANY},
    "value": {"subject": ACTORS | EVENT, "context": ACTORS},
    "event": {"event": EVENT},
    "date": {"event": EVENT},
    "place": {"event": EVENT, "places": PLACE},
    "succession": {"office": OFFICE, "holder": PERSON, "predecessor": PERSON},
    "phrases": {"scope": ANY},
}
T = TypeVar("T", Entity, Claim)


# "did you mean" hints per run: difflib compares a word with every candidate, and a thousand
# acknowledgements naming unknown claims against a thousand claims took three minutes. A run
# makes at most _COMPARISONS comparisons, of ids no longer than _HINTED_LENGTH; past that the
# problems come without a hint (they are capped per file anyway).
_COMPARISONS = 20_000
_HINTED_LENGTH = 64


class Hints:
    """The closest known id to an unknown one, each unknown id asked once, within the run's
    budget of comparisons."""

    def __init__(self, known: Iterable[str]) -> None:
        self._known = sorted(known)
        self._found: dict[str, str] = {}
        self._left = _COMPARISONS

    def __call__(self, word: str) -> str:
        if word not in self._found:
            guess: list[str] = []
            if len(word) <= _HINTED_LENGTH and self._left >= len(self._known):
                self._left -= len(self._known)
                guess = difflib.get_close_matches(word, self._known, n=1, cutoff=0.7)
            self._found[word] = f" (did you mean '{guess[0]}'?)" if guess else ""
        return self._found[word]


@dataclass(frozen=True)
class Where:
    """Where an object was read: file, its locations, and the object's JSON path."""

    file: str
    locations: Locations
    path: PathKey

    def problem(self, code: str, message: str, *more: str | int,
                level: Level = "error") -> Problem:
        line, col = self.locations.at((*self.path, *more))
        return Problem(self.file, line, col, code, message, json_path((*self.path, *more)), level)

    def __str__(self) -> str:
        line, col = self.locations.at(self.path)
        return f"{self.file}:{line}:{col}"


@dataclass(frozen=True)
class Checked:
    """What passed: acknowledgements naming an unknown claim or article are left out, so they
    are reported once (here), not again as stale by the baseline."""

    entities: dict[str, Entity]
    claims: tuple[Claim, ...]
    acknowledgements: tuple[Acknowledgement, ...]
    problems: tuple[Problem, ...]


def check(entities: Sequence[tuple[Entity, Where]], claims: Sequence[tuple[Claim, Where]],
          acknowledgements: Sequence[tuple[Acknowledgement, Where]], articles: Collection[str],
          other_claim_ids: Collection[str] = (), complete: bool = True) -> Checked:
    """Cross-file checks. `other_claim_ids`: claims dropped earlier, which acknowledgements may
    still name. `complete=False` (some file could not be read at all): unknown ids are not
    reported, since they may be defined in that file; what depends on them is still left out."""
    problems: list[Problem] = []
    unique_entities = _unique(entities, "entity", problems)
    registry = {e.id: e for e, _ in unique_entities}
    hints = Hints(registry)
    kept = {e.id: _clean_entity(e, w, registry, hints, problems) for e, w in unique_entities}
    good: list[tuple[Claim, Where]] = []
    for claim, where in _unique(claims, "claim", problems):
        found = _claim_refs(claim, where, registry, hints)
        problems.extend(found)
        if not found:
            good.append((claim, where))
    problems.extend(_windows(good))
    problems.extend(conflicts(good, kept))
    ids = {c.id for c, _ in claims} | set(other_claim_ids)
    problems.extend(_acknowledgements(acknowledgements, ids, set(articles)))
    acks = tuple(a for a, _ in acknowledgements if a.claim in ids and a.article in articles)
    if not complete:
        problems = [p for p in problems if p.code not in ("unknown-entity", "unknown-claim")]
    return Checked(kept, tuple(c for c, _ in good), acks, tuple(sorted(set(problems))))


def _unique(items: Sequence[tuple[T, Where]], what: str, problems: list[Problem]
            ) -> list[tuple[T, Where]]:
    first: dict[str, Where] = {}
    out = []
    for item, where in items:
        if item.id in first:
            problems.append(where.problem("duplicate-id", f"duplicate {what} id '{item.id}': "
                                          f"already defined at {first[item.id]}; ids must be "
                                          "unique across all files, so rename one", "id"))
            continue
        first[item.id] = where
        out.append((item, where))
    return out


def _ref_problems(where: Where, field: str, value: Any, allowed: frozenset[str],
                  registry: Mapping[str, Entity], hints: Hints
                  ) -> Iterator[tuple[str, Problem]]:
    """(bad id, Problem) for every id in a field (one id or a list) that does not fit."""
    ids = ([value] if value else []) if isinstance(value, str) else list(value or ())
    for index, ref in enumerate(ids):
        more: tuple[str | int, ...] = (field,) if isinstance(value, str) else (field, index)
        entity = registry.get(ref)
        if entity is None:
            message = (f"unknown entity '{ref}'{hints(ref)}: add it to the entity registry "
                       "(a file with `entities:`) or fix the id")
            yield ref, where.problem("unknown-entity", message, *more)
        elif entity.type not in allowed:
            kinds = " or ".join(map(_a, sorted(allowed)))
            yield ref, where.problem("entity-type", f"'{field}' must name {kinds}, but "
                                     f"'{ref}' is {_a(entity.type)}", *more)


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _clean_entity(entity: Entity, where: Where, registry: Mapping[str, Entity], hints: Hints,
                  problems: list[Problem]) -> Entity:
    """The entity without its bad references (each one reported)."""
    changes: dict[str, Any] = {}
    for field, allowed in ENTITY_REFS.items():
        value = getattr(entity, field)
        bad = set()
        for ref, problem in _ref_problems(where, field, value, allowed, registry, hints):
            bad.add(ref)
            problems.append(problem)
        if bad:
            changes[field] = "" if isinstance(value, str) else tuple(v for v in value
                                                                       if v not in bad)
    return replace(entity, **changes) if changes else entity


def _claim_refs(claim: Claim, where: Where, registry: Mapping[str, Entity], hints: Hints
                ) -> list[Problem]:
    rules = CLAIM_REFS.get(claim.kind, {})
    return [problem for field, allowed in rules.items() if field in claim.content
            for _, problem in _ref_problems(where, field, claim.content[field], allowed,
                                            registry, hints)]


def _windows(claims: Iterable[tuple[Claim, Where]]) -> Iterator[Problem]:
    for claim, where in claims:
        quantity = claim.content.get("value") if claim.kind == "value" else None
        if isinstance(quantity, Mapping) and "min" in quantity and "max" in quantity \
                and quantity["min"] > quantity["max"]:
            yield where.problem("range", f"the range's min ({quantity['min']:g}) is above its "
                                f"max ({quantity['max']:g}): swap them", "value", "min")
        if claim.valid_from and claim.valid_until and claim.valid_from > claim.valid_until:
            yield where.problem("dates", f"valid_until ({claim.valid_until}) is before "
                                f"valid_from ({claim.valid_from}): swap or fix them",
                                "valid_until")


def _acknowledgements(items: Sequence[tuple[Acknowledgement, Where]], claims: set[str],
                      articles: set[str]) -> Iterator[Problem]:
    seen: dict[tuple[str, str], Where] = {}
    hint = Hints(claims)
    for ack, where in items:
        if ack.claim not in claims:
            yield where.problem("unknown-claim", f"no claim has the id '{ack.claim}'"
                                f"{hint(ack.claim)}: "
                                "fix the id, or delete this acknowledgement", "claim")
        if ack.article not in articles:
            yield where.problem("unknown-article", f"no article '{ack.article}' in the corpus: "
                                "give its path from the project root, like seeds/000_x.txt, "
                                "or delete this acknowledgement", "article")
        key = (ack.claim, ack.article)
        if key in seen:
            yield where.problem("duplicate-acknowledgement", f"'{ack.claim}' on '{ack.article}' "
                                f"is already acknowledged at {seen[key]}: delete one")
        seen.setdefault(key, where)
