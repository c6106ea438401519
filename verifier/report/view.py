"""What the presentational reports (markdown, html, sarif, junit, claimreview, github) share:
the cell state of a verdict, lookups by id and path, and evidence split into highlighted parts.

Pure functions of a Result; every ordering here is sorted, so renderers built on it are
deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from verifier.model import Article, Claim, Evidence, Result, Verdict, contradicted
from verifier.problems import FAILURE

State = Literal["supported", "contradicted", "acknowledged", "silent", "hedged"]
# Display order of the matrix legend: what needs attention first.
STATES: tuple[State, ...] = ("contradicted", "acknowledged", "supported", "hedged", "silent")
SYMBOLS: dict[State, str] = {"contradicted": "✗", "acknowledged": "!", "supported": "✓",
                             "hedged": "~", "silent": "·"}
MEANINGS: dict[State, str] = {
    "contradicted": "the article contradicts the claim (fails the gate)",
    "acknowledged": "a known, reviewed contradiction kept on purpose",
    "supported": "the article supports the claim",
    "hedged": "supported only through hedged wording",
    "silent": "the article says nothing the verifier can judge about the claim",
}


def state(v: Verdict) -> State:
    """One word for a matrix cell; a mixed verdict is contradicted (it gates like one)."""
    if v.verdict == "contradicted":
        return "acknowledged" if v.acknowledged else "contradicted"
    if v.verdict == "supported":
        return "hedged" if v.hedged else "supported"
    return "silent"


@dataclass(frozen=True)
class Matrix:
    """Claims (rows, by id) x articles (columns, by path), with the verdict of every pair."""

    claims: tuple[Claim, ...]
    articles: tuple[Article, ...]
    cells: dict[tuple[str, str], Verdict]

    @classmethod
    def of(cls, result: Result) -> Matrix:
        claims = tuple(sorted(result.project.claims, key=lambda c: c.id))
        articles = tuple(sorted(result.project.articles, key=lambda a: a.path))
        cells = {(v.claim, v.article): v for v in result.verdicts}
        return cls(claims, articles, cells)

    def verdict(self, claim: str, article: str) -> Verdict:
        return self.cells.get((claim, article)) or Verdict(claim, article, "silent")

    def row(self, claim: str) -> list[Verdict]:
        return [self.verdict(claim, a.path) for a in self.articles]


def not_judged(result: Result) -> list[str]:
    """Articles the verifier failed on (a bug, reported as a problem): their pairs read as
    silent, but nothing was judged there."""
    paths = {a.path for a in result.project.articles}
    return sorted({p.file for p in result.problems if p.code == FAILURE} & paths)


NOT_JUDGED = "not judged, the verifier failed on them (see the input problems)"


def contradictions(result: Result) -> list[Verdict]:
    """Contradicted pairs, sorted by (article, claim)."""
    return sorted(contradicted(result.verdicts), key=lambda v: (v.article, v.claim))


def claims_by_id(result: Result) -> dict[str, Claim]:
    return {c.id: c for c in result.project.claims}


def articles_by_path(result: Result) -> dict[str, Article]:
    return {a.path: a for a in result.project.articles}


def against(v: Verdict) -> list[Evidence]:
    """The evidence that contradicts (for a contradicted verdict) or supports (otherwise)."""
    wanted = "contradict" if v.verdict == "contradicted" else "support"
    return [e for e in v.evidence if e.polarity == wanted]


def label(article: Article | None, path: str) -> str:
    """An article's title, or its file name when it has none."""
    if article and article.meta.title:
        return article.meta.title
    return path.rsplit("/", 1)[-1]


def parts(e: Evidence) -> list[tuple[str, bool]]:
    """The evidence sentence cut into (text, matched) parts, the matched spans marked.

    Spans carry offsets into the article file, while the sentence is whitespace-collapsed, so each
    span is found by its text, left to right; a span that cannot be found is not marked.
    """
    text = e.text
    marks = sorted(_find_spans(text, [s.text for s in sorted(e.spans, key=lambda s: s.start)]))
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in marks:
        if start < at:
            continue
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text) or not out:
        out.append((text[at:], False))
    return out


def _find_spans(text: str, spans: Sequence[str]) -> Iterator[tuple[int, int]]:
    cursor = 0
    for raw in spans:
        needle = " ".join(raw.split())
        if not needle:
            continue
        found = text.find(needle, cursor)
        if found < 0:
            found = text.find(needle)
        if found >= 0:
            yield found, found + len(needle)
            cursor = found + len(needle)
