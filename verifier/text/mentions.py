"""Find every registry form in a text in one pass (Aho-Corasick), plus near-miss spellings of names.

Matching runs on the folded text (lowercase, no diacritics, same length as the normalised text),
so "Shinzō", "SHINZO" and "Shinzo" are one key; acronyms ("US", "PM") and proper nouns keep
their case rules so "us" and "trump card" are not mentions.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping

import ahocorasick
import msgspec
from rapidfuzz.distance import OSA

from verifier.engine.registry import ENTITY, WORD, Form, Registry

_CAPITALISED = re.compile(r"\b[^\W\d_][^\W\d_'-]{3,}\b")


class Mention(msgspec.Struct, frozen=True, gc=False):
    """One match in the text (a Struct: a page of names holds a million of them, and a frozen
    dataclass costs three times the memory and time to make)."""

    category: str  # ENTITY | TITLE | WORD
    target: str  # entity id, office id, or folded word
    start: int
    end: int
    text: str
    near_miss: bool = False


class Matcher:
    """Compiled once per registry; `scan` is linear in the text."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._automaton = ahocorasick.Automaton()
        for key, forms in registry.forms.items():
            self._automaton.add_word(key, (key, tuple(forms)))
        if registry.forms:
            self._automaton.make_automaton()
        self._names = registry.person_tokens()
        self._known = {key for key in registry.forms} | {
            word for key in registry.forms for word in key.split()
        }
        self._near_cache: dict[str, str | None] = {}
        self._kinds = {e.id: e.type for e in registry.entities.values()}

    def scan(self, text: str, folded: str) -> list[Mention]:
        """All mentions in `text` (normalised) given its `folded` twin, sorted by position."""
        found: list[Mention] = []
        add = found.append
        # per distinct surface (the folded text matched fixes the key): the surface itself, one
        # object for all its mentions, and the forms whose case rules it meets; this runs per
        # match, a million times on a page of names
        seen: dict[str, tuple[str, list[tuple[str, str]]]] = {}
        if self.registry.forms:
            for end, (key, forms) in self._automaton.iter(folded):
                start = end - len(key) + 1
                # whole words only (inline: a call per match cost a tenth of the scan)
                if (start and folded[start - 1].isalnum()) or folded[end + 1:end + 2].isalnum():
                    continue
                surface = text[start : end + 1]
                known = seen.get(surface)
                if known is None:
                    known = seen[surface] = (surface, [(f.category, f.target) for f in forms
                                                       if _case_ok(f, surface)])
                surface, accepted = known
                for category, target in accepted:
                    add(Mention(category, target, start, end + 1, surface))
        kept = _longest(found, self._kinds)
        kept.extend(self._near_misses(text, kept))
        return sorted(kept, key=lambda m: (m.start, -m.end, m.category, m.target))

    def _near_misses(self, text: str, mentions: list[Mention]) -> list[Mention]:
        # distinct words first (most texts have no near miss at all), then their places
        near = {w: p for w in set(_CAPITALISED.findall(text))
                if w[0].isupper() and w.lower() not in _CALENDAR
                and (p := self._near_person(w)) is not None}
        if near:  # rare: most texts have no near miss, so the lower-case words wait till now
            lower = set(_LOWER_WORD.findall(text))
            near = {w: p for w, p in near.items() if w.lower() not in lower}
        if not near:
            return []
        covered = {(m.start, m.end) for m in mentions if m.category != WORD}
        taken = Spans(len(text))
        for start, end in covered:
            taken.add(start, end)
        out: list[Mention] = []
        for match in _CAPITALISED.finditer(text):
            person = near.get(match.group())
            if person is None or taken.overlaps(match.start(), match.end()) \
                    or (match.start(), match.end()) in covered:
                continue
            start = _given_name_start(text, match.start(), taken)
            out.append(Mention(ENTITY, person, start, match.end(), text[start : match.end()], True))
        return out

    def _near_person(self, word: str) -> str | None:
        key = word.casefold()
        if key not in self._near_cache:
            self._near_cache[key] = None if key in self._known else _closest(key, self._names)
        return self._near_cache[key]


# Not misspelt names: calendar words ("March" beside a family name "Marsh"), and words the same
# text also writes in lower case ("Hands" and "hands" are an ordinary word).
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split())
_LOWER_WORD = re.compile(r"\b[a-z][a-z'-]*")


def _closest(word: str, names: dict[str, str]) -> str | None:
    """The person whose family name is one typing slip away (not a prefix or an inflection)."""
    for name, person in names.items():
        # "Trumps", "Takaichis" are inflections, not slips; a lost last letter ("Takaich") is one
        if word[0] != name[0] or word.startswith(name) or len(word) < 5:
            continue
        # one slip (an edit or a swap of neighbours): two would take in real names
        # ("Takeuchi" is two from "Takaichi")
        if OSA.distance(word, name, score_cutoff=1) <= 1:
            return person
    return None


def _given_name_start(text: str, start: int, taken: Spans) -> int:
    """Extend a misspelt family name over a capitalised word right before it ("Sen Takichi")."""
    before = re.search(r"([A-Z][a-z]{1,12}) $", text[max(0, start - 14) : start])
    if before is None:
        return start
    begin = start - len(before.group(0))
    return start if taken.overlaps(begin, start - 1) else begin


class Spans:
    """Character positions covered by spans of a text of `size` characters: an overlap test
    costs the length of the span tested, not the number of spans (a comparison with every
    span made a 100 KB page of names take 30 s)."""

    def __init__(self, size: int) -> None:
        self._used = bytearray(size + 1)

    def add(self, start: int, end: int) -> None:
        self._used[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return start < end and self._used.find(1, start, end) >= 0


def _case_ok(form: Form, surface: str) -> bool:
    if form.exact_case:
        return surface == form.text
    if form.proper:
        return surface[:1].isupper()
    return True


def _longest(mentions: list[Mention], kind: Mapping[str, str]) -> list[Mention]:
    """Leftmost-longest among mentions of one kind (entity type, or title); words keep every
    match, and kinds nest ("Tokyo" stays a place inside the event alias "Tokyo summit")."""
    kept = [m for m in mentions if m.category == WORD]
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.category != WORD:
            groups.setdefault(kind.get(m.target, m.category), []).append(m)
    size = max((m.end for m in mentions), default=0)
    for group in sorted(groups):
        ranked = sorted(groups[group], key=lambda m: (m.start - m.end, m.start))
        if _disjoint(ranked):  # the common case: nothing to choose between
            kept.extend(ranked)
            continue
        chosen: list[Mention] = []
        spans, used = set(), Spans(size)  # chosen spans never partly overlap: a set and a map
        for m in ranked:
            if (m.start, m.end) in spans or not used.overlaps(m.start, m.end):
                chosen.append(m)
                spans.add((m.start, m.end))
                used.add(m.start, m.end)
        kept.extend(chosen)
    return kept


def _disjoint(mentions: list[Mention]) -> bool:
    """No two spans partly overlap (equal spans may repeat: one name, two people): then the
    leftmost-longest choice keeps every mention."""
    ordered = sorted((m.start, m.end) for m in mentions)
    return all(a[1] <= b[0] or a == b for a, b in itertools.pairwise(ordered))
