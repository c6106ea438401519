"""One article, read once: normalised text, sentences (boilerplate left out), mentions, and the
structures checks ask for (titles, values, clauses), computed lazily and cached per sentence.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar, cast

from verifier.engine.registry import ENTITY, TITLE, WORD, Registry
from verifier.model import Article, Evidence, Polarity, Span
from verifier.text import segment as seg
from verifier.text import values as val
from verifier.text.mentions import Matcher, Mention
from verifier.text.modality import Modality, modality
from verifier.text.normalize import Normalized, fold, normalize
from verifier.text.offices import SIGNS, Attachment, attachments

T = TypeVar("T")
# The line of evidence that can never be kept (see ArticleIndex.evidence): after any real line.
PAST = sys.maxsize


_EMPTY: frozenset[str] = frozenset()
# (pattern, gate) pairs for ArticleIndex.sieve
Patterns = Sequence[tuple[re.Pattern[str], re.Pattern[str] | None]]
_WORDY = re.compile(r"\w\w")  # two word characters: no word boundary between them


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    mentions: list[Mention]
    # computed once, on first use, into slots (an article may hold half a million sentences:
    # an instance dict per sentence cost 400 bytes)
    _targets: tuple[frozenset[str], frozenset[str], frozenset[str]] | None = field(
        default=None, repr=False, compare=False)
    _clauses: list[tuple[int, int]] | None = field(default=None, repr=False, compare=False)
    _clause_starts: list[int] | None = field(default=None, repr=False, compare=False)
    _flat: str | None = field(default=None, repr=False, compare=False)

    @property
    def clauses(self) -> list[tuple[int, int]]:
        """Clause spans, in article offsets; computed when a check first asks (most never do)."""
        if self._clauses is None:
            self._clauses = [(self.start + s, self.start + e) for s, e in seg.clauses(self.text)]
        return self._clauses

    # computed once per sentence: checks ask for them per trigger, and a sentence of names
    # holds thousands of triggers
    def entities(self) -> frozenset[str]:
        return (self._targets or self.targets())[0]

    def titles(self) -> frozenset[str]:
        return (self._targets or self.targets())[1]

    def words(self) -> frozenset[str]:
        return (self._targets or self.targets())[2]

    def targets(self, shared: dict[frozenset[str], frozenset[str]] | None = None
                ) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """Entities, titles and words mentioned; equal sets are one object when `shared` (the
        article's table of them) is given."""
        if self._targets is None:
            if not self.mentions:
                self._targets = (_EMPTY, _EMPTY, _EMPTY)
                return self._targets
            if len(self.mentions) == 1:  # the common case on a long page of short lines
                m = self.mentions[0]
                one = frozenset((m.target,))
                one = shared.setdefault(one, one) if shared is not None else one
                self._targets = (one if m.category == ENTITY else _EMPTY,
                                 one if m.category == TITLE else _EMPTY,
                                 one if m.category == WORD else _EMPTY)
                return self._targets
            found: dict[str, set[str]] = {ENTITY: set(), TITLE: set(), WORD: set()}
            for m in self.mentions:
                found.setdefault(m.category, set()).add(m.target)
            sets = [frozenset(found[category]) for category in (ENTITY, TITLE, WORD)]
            if shared is not None:
                sets = [shared.setdefault(s, s) for s in sets]
            self._targets = (sets[0], sets[1], sets[2])
        return self._targets

    @property
    def flat(self) -> str:
        """The sentence on one line, spaces collapsed: the text of its evidence (made once, and
        shared by every piece of evidence the sentence gives)."""
        if self._flat is None:
            self._flat = " ".join(self.text.split())
        return self._flat

    def clause_of(self, offset: int) -> tuple[int, int]:
        """The clause holding `offset` (the whole sentence between clauses): clauses are sorted
        and never overlap, so a binary search (a sentence of names holds hundreds of them)."""
        if self._clause_starts is None:
            self._clause_starts = [s for s, _ in self.clauses]
        k = bisect.bisect_right(self._clause_starts, offset) - 1
        if k >= 0 and offset < self.clauses[k][1]:
            return self.clauses[k]
        return self.start, self.end


@dataclass(frozen=True)
class Scanned:
    """The first step of reading an article: its normalised text and every mention in it,
    boilerplate included. Enough to tell which claims may concern the article (see
    Engine.judge_article) before the costlier sentence splitting."""

    norm: Normalized
    text: str  # norm.text on one line: line breaks matter to segmentation only
    mentions: list[Mention]

    @classmethod
    def of(cls, article: Article, matcher: Matcher) -> Scanned:
        norm = normalize(article.text)
        # a sentence broken over lines reads as one line (same length, so every offset still
        # maps back to the original)
        text = norm.text.replace("\n", " ")
        return cls(norm, text, matcher.scan(text, fold(text)))

    def targets(self) -> set[str]:
        """Every entity, title and word mentioned anywhere: a superset of what the index's
        content sentences mention."""
        return {m.target for m in self.mentions}


class ArticleIndex:
    def __init__(self, article: Article, matcher: Matcher, scanned: Scanned | None = None
                 ) -> None:
        self.article = article
        self.registry: Registry = matcher.registry
        self.published = article.meta.published
        scanned = scanned or Scanned.of(article, matcher)
        self._norm = scanned.norm
        segments = seg.segment(self._norm.text)
        self.text = scanned.text
        self.sentences: list[Sentence] = self._sentences(segments, scanned.mentions)
        self._by_entity: dict[str, list[int]] = defaultdict(list)
        shared: dict[frozenset[str], frozenset[str]] = {}
        by_entity = self._by_entity
        for sentence in self.sentences:
            if not sentence.mentions:
                continue
            i = sentence.index
            for targets in sentence.targets(shared):
                for target in targets:
                    found = by_entity[target]
                    if not found or found[-1] != i:  # one target may be of two categories
                        found.append(i)
        self._attachments: dict[int, list[Attachment]] = {}
        self._values: dict[int, list[val.Value]] = {}
        self._moods: dict[tuple[int, int], Modality] = {}
        self.events: dict[str, Any] = {}  # event id -> mentions, filled by checks.events
        # candidate contradictions the binding step turned down, kept only for `explain`
        self.rejected: list[Evidence] | None = None
        self._lines: list[tuple[int, int]] | None = None
        self._memo: dict[str, Any] = {}
        self._line_starts: list[int] | None = None
        # polarity -> the original offset past which the engine keeps no more evidence (set
        # by engine.core while it judges one claim; empty otherwise, so every call locates)
        self.bar: dict[str, int] = {}

    def _sentences(self, segments: list[seg.Segment], mentions: list[Mention]) -> list[Sentence]:
        """The content segments with their mentions (segments are in order and never overlap,
        so each search starts where the previous one stopped)."""
        starts = [m.start for m in mentions]
        out: list[Sentence] = []
        lo = 0
        for raw in segments:
            if raw.boilerplate:
                continue
            lo = bisect.bisect_left(starts, raw.start, lo)
            hi = bisect.bisect_left(starts, raw.end, lo)
            inside = [m for m in mentions[lo:hi] if m.end <= raw.end] if hi > lo else []
            out.append(Sentence(len(out), raw.start, raw.end, self.text[raw.start:raw.end],
                                inside))
        return out

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()` once per article: what every claim of a kind asks of this article."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def line_break(self, start: int, end: int) -> bool:
        """Whether the article breaks a line between these offsets (a label line such as
        "date 2025-06-10" above the text is not part of the sentence after it)."""
        return "\n" in self._norm.text[start:end]

    def lines(self) -> list[tuple[int, int]]:
        """Non-blank lines of the article as [start, end) spans (tables and lists are read by
        line: a row is a line)."""
        if self._lines is None:
            self._lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*",
                                                                      self._norm.text)]
        return self._lines

    def line_of(self, offset: int) -> int:
        """The number of the line holding `offset` (-1 before the first line)."""
        if self._line_starts is None:
            self._line_starts = [s for s, _ in self.lines()]
        return bisect.bisect_right(self._line_starts, offset) - 1

    def starting_at(self, start: int) -> int | None:
        """The index of the sentence that starts at `start`, if one does (by bisection:
        sentences are in order and never overlap)."""
        starts = self._starts_list()
        k = bisect.bisect_left(starts, start)
        return k if k < len(starts) and starts[k] == start else None

    def with_any(self, targets: Iterable[str]) -> list[Sentence]:
        """Sentences that mention any of these entities or words, in order."""
        return self.at(self.having(targets))

    def having(self, targets: Iterable[str]) -> set[int]:
        """Indices of the sentences that mention any of these entities, titles or words (a set:
        checks combine them with set operations, which run at C speed on a page of half a
        million sentences, instead of testing every sentence in Python)."""
        found: set[int] = set()
        for target in targets:
            found.update(self._by_entity.get(target, ()))
        return found

    def at(self, indices: Iterable[int]) -> list[Sentence]:
        """The sentences of these indices, in order."""
        return [self.sentences[i] for i in sorted(indices)]

    def sieve(self, among: set[int], patterns: Patterns) -> set[int]:
        """The sentences of `among` that one of the (pattern, gate) pairs may match: each
        sentence searched alone when they are few (most pages), else one scan of the whole text
        per pattern (see `may_match`), which a page of half a million candidates needs. Either
        way a superset of those `pattern.search(sentence.text)` matches: the checks test each
        sentence kept."""
        if not among:
            return set()
        if 8 * len(among) >= len(self.sentences):
            return among & frozenset().union(*(self.may_match(p, g) for p, g in patterns))
        sentences = self.sentences
        return {i for i in among if any(p.search(sentences[i].text) for p, _ in patterns)}

    def may_match(self, pattern: re.Pattern[str], gate: re.Pattern[str] | None = None
                  ) -> frozenset[int]:
        """Indices of the sentences where `pattern.search(sentence.text)` may find something,
        found by one scan of the whole text: the sentences a match overlaps, and those cut
        mid-word (where a word boundary reads differently in the sentence alone). A superset
        for patterns whose only assertions are word boundaries and positive lookaheads (no
        anchors, no negative lookaround). Once per article and pattern. `gate`: a cheaper
        pattern (no assertions) every match contains a match of, with the same flags: when
        few sentences may hold the gate, those alone are searched (the scan of a long page for
        a costly pattern was most of the work of a page that seldom names it)."""
        def compute() -> frozenset[int]:
            starts, ends = self._starts_list(), self._ends_list()
            found = set(self._cut_mid_word())
            if gate is not None:
                gated = self.may_match(gate)
                if 2 * len(gated) < len(starts):
                    sentences = self.sentences
                    return frozenset(found.union(
                        i for i in gated if pattern.search(sentences[i].text)))
            for m in pattern.finditer(self.text):
                start, end = m.start(), max(m.end(), m.start() + 1)
                k = bisect.bisect_right(ends, start)  # the first sentence ending after it
                while k < len(starts) and starts[k] < end:
                    found.add(k)
                    k += 1
            return frozenset(found)
        return self.memo(f"may match: {pattern.pattern}", compute)

    def may_attach(self, among: set[int]) -> set[int]:
        """The sentences of `among` whose `attachments` may be non-empty: those with a registry
        title, and those one of offices.SIGNS may match."""
        titled = among & self._titled()
        return titled | self.sieve(among - titled, SIGNS)

    def _titled(self) -> frozenset[int]:
        return self.memo("titled", lambda: frozenset(self.having(self.registry.title_keys())))

    def _cut_mid_word(self) -> frozenset[int]:
        """Sentences whose first or last character has a word character beside it outside the
        sentence (a run of text without spaces cut into pieces)."""
        def compute() -> frozenset[int]:
            text, size = self.text, len(self.text)
            return frozenset(
                s.index for s in self.sentences
                if (s.start > 0 and _WORDY.match(text, s.start - 1))
                or (s.end < size and _WORDY.match(text, s.end - 1)))
        return self.memo("cut mid-word", compute)

    def _ends_list(self) -> list[int]:
        return self.memo("sentence ends", lambda: [s.end for s in self.sentences])

    def _starts_list(self) -> list[int]:
        return self.memo("sentence starts", lambda: [s.start for s in self.sentences])

    def present(self) -> set[str]:
        """Every entity, office and word some sentence mentions."""
        return set(self._by_entity)

    def mentions_anywhere(self, entity_id: str) -> bool:
        return bool(self._by_entity.get(entity_id))

    def attachments(self, sentence: Sentence) -> list[Attachment]:
        if sentence.index not in self._attachments:
            self._attachments[sentence.index] = attachments(
                self.text, sentence.start, sentence.end, sentence.mentions, self.registry)
        return self._attachments[sentence.index]

    def modality(self, lo: int, hi: int) -> Modality:
        """The modality of text[lo:hi], once per span: the date, place and value checks ask it
        of the same clauses."""
        mood = self._moods.get((lo, hi))
        if mood is None:
            mood = self._moods[lo, hi] = modality(self.text[lo:hi])
        return mood

    def values(self, sentence: Sentence) -> list[val.Value]:
        if sentence.index not in self._values:
            self._values[sentence.index] = val.extract(
                self.text, sentence.start, sentence.end, self.published)
        return self._values[sentence.index]

    @cached_property
    def name(self) -> str:
        return self.article.path

    def span(self, start: int, end: int) -> Span:
        original = self._norm.original_offset(start)
        line, column = self._norm.line_col(original)
        return Span(original, self._norm.original_offset(max(start, end - 1)) + 1, line, column,
                    self.text[start:end])

    def reject(self, sentence: Sentence, why: str, spans: Iterable[tuple[int, int]] = ()) -> None:
        """Record a candidate contradiction that did not bind to the claim (see
        checks.binding); a no-op unless `rejected` was set to a list, as `explain` does."""
        if self.rejected is not None:
            self.rejected.append(self._located(sentence, "contradict", why,
                                               sorted(set(spans)), False))

    def settled(self, polarity: Polarity, start: int) -> bool:
        """Whether no evidence of this polarity at or after `start` can be kept any more (see
        `bar`), and nothing is recorded for `explain`: a check may then skip the work of
        finding it (a page of wrong figures once took a full binding analysis per figure)."""
        bar = self.bar.get(polarity)
        return bar is not None and self.rejected is None \
            and self._norm.original_offset(start) > bar

    def closed(self, start: int) -> bool:
        """Whether no evidence of either polarity at or after `start` can be kept: a check may
        then skip a sentence starting there (a long page of wrong figures fills both bars early;
        every later sentence was still analysed for nothing)."""
        bar = self.bar  # asked of every candidate sentence: one test while the bars are unset
        return len(bar) == 2 and self.rejected is None \
            and self._norm.original_offset(start) > max(bar.values())

    def evidence(self, sentence: Sentence, polarity: Polarity, reason: str,
                 spans: Iterable[tuple[int, int]] = (), hedged: bool = False) -> Evidence:
        """Evidence at the first of `spans` (the sentence's start without any). Past the
        engine's `bar` for its polarity it could never be kept: a stand-in that sorts last is
        returned instead of locating every span (a long page gives one per sentence)."""
        ordered = sorted(set(spans))
        bar = self.bar.get(polarity)
        if bar is not None and \
                self._norm.original_offset(ordered[0][0] if ordered else sentence.start) > bar:
            return Evidence(polarity, PAST, 0, "", reason)
        return self._located(sentence, polarity, reason, ordered, hedged)

    def _located(self, sentence: Sentence, polarity: Polarity, reason: str,
                 ordered: list[tuple[int, int]], hedged: bool) -> Evidence:
        located = tuple(self.span(s, e) for s, e in ordered)
        first = located[0] if located else self.span(sentence.start, sentence.end)
        return Evidence(polarity, first.line, first.column, sentence.flat, reason, located,
                        hedged)

    def original_at(self, line: int, column: int) -> int:
        """The original offset at a 1-based line:column (the inverse of Span's)."""
        return self._norm.offset_at(line, column)
