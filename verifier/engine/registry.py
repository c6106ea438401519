"""The entity registry compiled for matching: every surface form, place containment, office titles.

Built once per set of claims and shared by every article (and every worker process).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar, cast

from verifier.model import Claim, Entity
from verifier.text.normalize import fold

T = TypeVar("T")
# Surface-form categories in the automaton.
ENTITY, TITLE, WORD = "entity", "title", "word"


@dataclass(frozen=True)
class Form:
    """One surface form: what it names, and whether case must match exactly."""

    category: str  # ENTITY | TITLE | WORD
    target: str  # entity id, office id, or the folded word itself
    text: str  # the form as written in the registry
    exact_case: bool
    proper: bool  # a proper noun: the match must start with a capital letter


def person_forms(entity: Entity) -> list[str]:
    """Given Family, Family Given, Family, and the listed aliases."""
    forms = [entity.name, *entity.aliases]
    if entity.given and entity.family:
        forms += [f"{entity.given} {entity.family}", f"{entity.family} {entity.given}"]
    if entity.family:
        forms.append(entity.family)
    return forms


@lru_cache(maxsize=65536)
def folded(words: tuple[str, ...]) -> frozenset[str]:
    """Folded forms of a word list (cue groups, triggers), computed once per list."""
    return frozenset(fold(w) for w in words)


ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()


@lru_cache(maxsize=65536)
def rival_ranks(title: str) -> tuple[str, ...]:
    """The same title with another ordinal: "first woman premier" -> "second woman premier"...
    (cached: the office check asks per title per sentence)"""
    head, _, rest = title.partition(" ")
    if head.lower() not in ORDINALS or not rest:
        return ()
    return tuple(f"{o} {rest}" for o in ORDINALS if o != head.lower())


@lru_cache(maxsize=65536)
def title_key(title: str) -> str:
    """Index key of a title's mentions: offices sharing a title share the key."""
    return "title:" + fold(title).strip()


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 0 < len(letters) <= 5 and all(c.isupper() for c in letters)


def _form(category: str, target: str, text: str) -> Form:
    proper = category == ENTITY and text[:1].isupper()
    return Form(category, target, text, _is_acronym(text), proper)


@dataclass
class Registry:
    entities: Mapping[str, Entity]
    forms: dict[str, list[Form]] = field(default_factory=dict)  # folded text -> forms
    titles: dict[str, list[str]] = field(default_factory=dict)  # folded title -> office ids
    words: set[str] = field(default_factory=set)  # folded cue/trigger words
    holders: dict[str, str] = field(default_factory=dict)  # office -> holder, from claims
    _ancestors: dict[str, frozenset[str]] = field(default_factory=dict)
    _memo: dict[Hashable, Any] = field(default_factory=dict)
    _offices: dict[tuple[str, str | None], frozenset[str]] = field(default_factory=dict)

    def add(self, form: Form) -> None:
        key = fold(form.text).strip()
        if key and form not in self.forms.setdefault(key, []):
            self.forms[key].append(form)

    def of_type(self, entity_id: str, type_: str) -> bool:
        entity = self.entities.get(entity_id)
        return entity is not None and entity.type == type_

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` once per key: for lookups that checks derive from this registry, which
        does not change once built (the same for every article)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def ancestors(self, place_id: str) -> frozenset[str]:
        """The place itself and every place it lies within (transitively)."""
        if place_id not in self._ancestors:
            self._ancestors[place_id] = frozenset(self._walk_up(place_id))
        return self._ancestors[place_id]

    def _walk_up(self, place_id: str) -> set[str]:
        seen: set[str] = set()
        todo = [place_id]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            entity = self.entities.get(current)
            if entity is not None:
                todo.extend(entity.within)
        return seen

    def title_keys(self) -> frozenset[str]:
        """The targets of every TITLE mention the registry can make."""
        return self.memo("title keys", lambda: frozenset(
            f.target for forms in self.forms.values() for f in forms if f.category == TITLE))

    def offices_for(self, title: str, jurisdiction: str | None) -> frozenset[str]:
        """Offices a folded title can name; a jurisdiction (a place or an organisation) narrows
        them ("Chinese President", "Reserve Bank Governor").

        An unknown title gives {"office:<title>"}; a known title in a jurisdiction that has no
        such office gives {"office:<title>@<jurisdiction>"}: some other office, not any registry
        one.
        """
        key = (title, jurisdiction)
        if key not in self._offices:
            candidates = self.titles.get(title, [])
            if candidates and jurisdiction:
                around = self.ancestors(jurisdiction)
                scoped = [o for o in candidates if self.entities[o].jurisdiction in around]
                found = frozenset(scoped or {f"office:{title}@{jurisdiction}"})
            else:
                found = frozenset(candidates or {f"office:{title}"})
            self._offices[key] = found
        return self._offices[key]

    def places_consistent(self, a: str, b: str) -> bool:
        """Places agree when one lies within the other (Tokyo and Japan; not Tokyo and Osaka)."""
        return a in self.ancestors(b) or b in self.ancestors(a)

    def person_tokens(self) -> dict[str, str]:
        """Folded family names (or single names), 5+ letters -> person id, for near misses.

        Given names are left out: alone they are too often another word ("Sanaa" is a city);
        a misspelt given name next to a correct family name is the spelling check's job.
        """
        tokens: dict[str, str] = {}
        for entity in sorted(self.entities.values(), key=lambda e: e.id):
            if entity.type != "person":
                continue
            word = entity.family or (entity.name if " " not in entity.name else "")
            if len(word) >= 5:
                tokens.setdefault(fold(word), entity.id)
        return tokens


# Nouns that name an event: as triggers they are read in the plural too ("the general
# elections"). An alias's head noun may be swapped only for a near synonym in its group that is
# also one of the event's triggers ("Harbor City summit" -> "Harbor City talks" when "talks" is
# a trigger); "visit" or "trip" never stands in for a meeting (a trip spans other days).
EVENT_NOUNS = frozenset(
    "summit talks meeting election vote poll ballot referendum primary conference visit trip "
    "tour signing ceremony inauguration forum match game final race launch hearing trial "
    "ruling verdict debate rally merger takeover deal agreement accord pact treaty festival "
    "tournament championship congress convention session".split())
SYNONYMS = (frozenset({"summit", "talks", "meeting"}), frozenset({"election", "vote", "poll",
                                                                  "ballot"}),
            frozenset({"deal", "agreement", "accord", "pact", "treaty"}),
            frozenset({"match", "game", "final"}))


def plural(noun: str) -> str:
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _heads(last: str, triggers: frozenset[str]) -> set[str]:
    """The alias's head and its synonyms among the triggers, each with its plural."""
    heads = {last} | {t for group in SYNONYMS if fold(last) in group
                      for t in triggers if t in group}
    return {form for h in heads for form in (h, h if h.endswith("s") else plural(h))}


def event_variants(entity: Entity) -> tuple[list[str], list[tuple[str, str]]]:
    """Extra alias forms (the head noun swapped for a synonym trigger, and plurals) and extra
    trigger forms (plural surface, singular trigger) of an event."""
    triggers = frozenset(fold(t) for t in entity.triggers)
    aliases: list[str] = []
    for alias in entity.aliases:
        head, _, last = alias.rpartition(" ")
        if head and fold(last) in EVENT_NOUNS:
            aliases += [f"{head} {form}" for form in sorted(_heads(last, triggers))
                        if fold(form) != fold(last)]
    words = [(plural(t), t) for t in entity.triggers
             if fold(t) in EVENT_NOUNS and not t.endswith("s")]
    return aliases, words


def _words_of_claims(claims: Iterable[Claim]) -> Iterable[str]:
    for claim in claims:
        for group in claim.content.get("cues", ()) or ():
            yield from group


def build_registry(entities: Mapping[str, Entity], claims: Iterable[Claim] = ()) -> Registry:
    registry = Registry(entities)
    for entity in sorted(entities.values(), key=lambda e: e.id):
        names = person_forms(entity) if entity.type == "person" else [entity.name, *entity.aliases]
        for text in names:
            registry.add(_form(ENTITY, entity.id, text))
        for title in entity.titles:
            registry.titles.setdefault(fold(title), []).append(entity.id)
            # one form per title text, however many offices share it ("President")
            registry.add(_form(TITLE, title_key(title), title))
            for rival in rival_ranks(title):  # "second female prime minister": another title
                registry.add(_form(TITLE, title_key(rival), rival))
        words = [*entity.triggers, *(w for group in entity.cues for w in group)]
        registry.words.update(fold(w) for w in words)
        if entity.type == "event":
            aliases, plurals = event_variants(entity)
            for text in aliases:
                registry.add(_form(ENTITY, entity.id, text))
            for text, trigger in plurals:
                registry.add(Form(WORD, fold(trigger), text, False, False))
    registry.words.update(fold(w) for w in _words_of_claims(claims))
    for claim in claims:  # "Japan's first female prime minister" names her, per the claims
        c = claim.content
        if claim.kind == "office" and c.get("status", "current") in ("current", "permanent"):
            registry.holders.setdefault(c["office"], c["holder"])
    for word in sorted(registry.words):
        registry.add(Form(WORD, word, word, False, False))
    # given names, so a spelling claim is judged where the given name appears too; for every
    # person (not per claim), so adding a claim leaves the registry, and the cache, as it was
    for entity in sorted(entities.values(), key=lambda e: e.id):
        if entity.type == "person" and entity.given:
            registry.add(Form(WORD, given_key(entity.given), entity.given, False, True))
    return registry


def given_key(given: str) -> str:
    """Index key of a given name's mentions (kept apart from cue and trigger words)."""
    return "given:" + fold(given)
