"""Duplicate and near-duplicate articles, on normalised text.

Normalised text is the sequence of word tokens after NFKC and case folding, so line breaks,
punctuation, quote styles and capitals do not matter. *Exact* duplicates have the same
normalised text (compared by sha256). *Near* duplicates share at least NEAR_CONTAINMENT of the
smaller text's 5-word shingles: containment, not Jaccard, because a syndicated copy carries other
navigation, share widgets and footers around the same body, and an excerpt is all contained in
the article it was cut from.

Measured on the seeds: unrelated articles about the same summit share at most 3.6% of shingles
(the transcript 000 and its summary 001); the body of 003 re-wrapped in other boilerplate with
straight quotes shares 97.7%. The threshold of 0.5 sits far from both.

An *excerpt* is a near-duplicate of another kind: the shorter text (at most EXCERPT_SIZE of the
longer's shingles) lies wholly inside the longer (at least EXCERPT_CONTAINMENT of its shingles),
and the two come from different outlets. That is another publication (an outlet quoting or
republishing part of a story, possibly cut so that the meaning changes), so ingest keeps both
and says which contains which; the same outlet's excerpt is a truncated copy and is refused like
any near-duplicate. Outlets are compared case-folded, without a leading "www."; when either is
unknown the texts count as near-duplicates.

Every existing article is shingled once per `verifier ingest` call (pipeline.Corpus): a few
milliseconds per article, fine for thousands of articles; past that, keep the fingerprints in a
cache or switch to MinHash/LSH.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

SHINGLE = 5
NEAR_CONTAINMENT = 0.5
EXCERPT_CONTAINMENT = 0.9
EXCERPT_SIZE = 0.6
_WORD = re.compile(r"\w+")
Relation = Literal["exact", "near", "excerpt", "contains"]


@dataclass(frozen=True)
class Fingerprint:
    digest: str
    shingles: frozenset[str]


@dataclass(frozen=True)
class Known:
    """An article already in the corpus: its path, its outlet ("" when unknown), its print."""

    path: str
    outlet: str
    print: Fingerprint


@dataclass(frozen=True)
class Duplicate:
    """An existing article the new text duplicates; `share` is 1.0 for exact duplicates.

    `relation`: exact, near, excerpt (the new text is an excerpt of `path`) or contains (the
    new text contains `path`, an excerpt). Excerpts of either kind are kept (`kept`)."""

    path: str
    exact: bool
    share: float
    relation: Relation = "near"
    outlet: str = ""

    @property
    def kept(self) -> bool:
        return self.relation in ("excerpt", "contains")

    def describe(self) -> str:
        share = f"{self.share:.0%} of the shorter text's word 5-grams shared"
        if self.relation == "excerpt":
            return f"an excerpt of {self.path}, a longer article from {self.outlet} ({share})"
        if self.relation == "contains":
            return f"a longer text containing {self.path}, an excerpt from {self.outlet} ({share})"
        if self.exact:
            return f"the same text as {self.path}"
        return f"a near-duplicate of {self.path} ({share})"


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def fingerprint(text: str) -> Fingerprint:
    tokens = words(text)
    digest = hashlib.sha256(" ".join(tokens).encode()).hexdigest()
    count = max(1, len(tokens) - SHINGLE + 1)
    return Fingerprint(digest, frozenset(" ".join(tokens[i:i + SHINGLE]) for i in range(count)))


def containment(a: Fingerprint, b: Fingerprint) -> float:
    smaller = min(len(a.shingles), len(b.shingles))
    return len(a.shingles & b.shingles) / smaller if smaller else 0.0


def same_outlet(a: str, b: str) -> bool | None:
    """Whether two outlet names are the same outlet; None when either is unknown."""
    a, b = (" ".join(x.casefold().removeprefix("www.").split()) for x in (a, b))
    return None if not (a and b) else a == b


def find_duplicate(text: str, corpus: Iterable[tuple[str, str]],
                   outlet: str = "") -> Duplicate | None:
    """The first exact duplicate of `text` among (path, text) pairs, else the closest near one."""
    return find(fingerprint(text), outlet, (Known(p, "", fingerprint(t)) for p, t in corpus))


def find(new: Fingerprint, outlet: str, corpus: Iterable[Known]) -> Duplicate | None:
    """An exact duplicate, else the closest near-duplicate, else the closest excerpt relation
    (a near-duplicate of one article is refused even if the text is an excerpt of another)."""
    best: dict[bool, Duplicate] = {}
    for known in corpus:
        if known.print.digest == new.digest:
            return Duplicate(known.path, exact=True, share=1.0, relation="exact")
        share = containment(new, known.print)
        if share < NEAR_CONTAINMENT:
            continue
        found = Duplicate(known.path, False, share, _relation(new, known, outlet, share),
                          known.outlet)
        if found.kept not in best or share > best[found.kept].share:
            best[found.kept] = found
    return best.get(False) or best.get(True)


def _relation(new: Fingerprint, known: Known, outlet: str, share: float) -> Relation:
    sizes = len(new.shingles), len(known.print.shingles)
    if share < EXCERPT_CONTAINMENT or min(sizes) > EXCERPT_SIZE * max(sizes) \
            or same_outlet(outlet, known.outlet) is not False:
        return "near"
    return "excerpt" if sizes[0] < sizes[1] else "contains"
