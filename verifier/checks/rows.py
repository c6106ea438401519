"""Figures in results tables and lists: a line "Unity Party - 88" under a heading that names
the measure ("Seats won:").

A row binds its figure to the claim only when: the row's label is exactly the claim's subject;
the row holds one figure and nothing else (a unit word after it, if any, is the claimed
measure); and the heading (the nearest line above that is not a row, with only rows between)
names every cue group and no earlier time than the claim's scope. Anything else is silent:
two figures in a row, another unit, a heading about votes or about 2021.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from verifier.index import ArticleIndex, Sentence
from verifier.registry import ENTITY
from verifier.text.normalize import fold
from verifier.text.values import Value, extract

# an optional bullet, a label, a separator, one figure, an optional unit word; nothing else
_ROW = re.compile(
    r"\s*(?:[-*•]\s+)?(?P<label>[^\d\s:|-][^\d\n:|]{0,58}?)\s*(?:\s[-–—]\s|:|\||\t|\s{2,})\s*"
    r"(?P<figure>\d{1,3}(?:,\d{3})*(?:\.\d+)?\s*(?:%|per ?cent|percent)?)"
    r"(?:\s+(?P<unit>[A-Za-z]+))?\s*\.?\s*")
_WORD = re.compile(r"[A-Za-z]+")
_REACH = 30  # rows between a heading and its row, at most


@dataclass(frozen=True)
class Row:
    sentence: Sentence
    value: Value
    heading: str


def _heading(index: ArticleIndex, lines: list[tuple[int, int]], at: int) -> str | None:
    """The nearest line above line `at` that is not a row, with only rows between."""
    for k in range(at - 1, max(-1, at - 1 - _REACH), -1):
        s, e = lines[k]
        if not _ROW.fullmatch(index.text, s, e):
            return index.text[s:e]
    return None


def _earlier(index: ArticleIndex, heading: str, scope_start: dt.date | None) -> bool:
    """The heading speaks of an earlier time ("Seats won in 2021")."""
    if scope_start is None:
        return False
    return any(v.before(scope_start)
               for v in extract(heading, 0, len(heading), index.published) if v.is_date)


def rows(index: ArticleIndex, subject: str, kind: str, measure: frozenset[str],
         cues: list[frozenset[str]], scope_start: dt.date | None) -> Iterator[Row]:
    """Rows that give the subject's figure under a heading naming the measure."""
    lines = index.lines()
    for sentence in index.with_any([subject]):
        for m in sentence.mentions:
            if m.category != ENTITY or m.target != subject:
                continue
            k = index.line_of(m.start)
            row = _ROW.fullmatch(index.text, *lines[k]) if k >= 0 else None
            if row is None or row.span("label") != (m.start, m.end):
                continue
            if row.group("unit") and fold(row.group("unit")) not in measure:
                continue
            s, e = lines[k]
            found = [v for v in index.values(sentence) if s <= v.start < e]
            heading = _heading(index, lines, k)
            if len(found) != 1 or found[0].kind != kind or heading is None:
                continue
            words = {fold(w) for w in _WORD.findall(heading)}
            if all(g & words for g in cues) and not _earlier(index, heading, scope_start):
                yield Row(sentence, found[0], heading.strip())


def on_row(index: ArticleIndex, at: int) -> bool:
    """Whether offset `at` lies on a table or list row: its figure belongs to the row's label,
    read by `rows` only (a sentence spanning several rows pairs figures with the wrong label)."""
    k = index.line_of(at)
    return k >= 0 and _ROW.fullmatch(index.text, *index.lines()[k]) is not None
