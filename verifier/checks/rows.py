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

from verifier.engine.index import ArticleIndex, Sentence
from verifier.engine.registry import ENTITY
from verifier.text.normalize import fold
from verifier.text.values import Value, extract

# A row: an optional bullet, a label, a separator, one figure, an optional unit word. Parsed
# from the end, on short lines only, so no input can make it backtrack.
_MAX_ROW = 100
_FIGURE = re.compile(r"(?P<figure>\d{1,3}(?:,\d{3})*(?:\.\d{1,3})?) ?(?:%|per ?cent|percent)?"
                     r"(?: (?P<unit>[A-Za-z]{1,20}))? ?\.?$")
_BULLET = re.compile(r"[-*\u2022] ")
_SEPARATORS = "-:|\u2013\u2014"


@dataclass(frozen=True)
class _Parsed:
    label: tuple[int, int]
    unit: str | None


def parse_row(text: str, start: int, end: int) -> _Parsed | None:
    """The label span and unit of a row line text[start:end], or None when it is no row."""
    line = text[start:end]
    if len(line) > _MAX_ROW:
        return None
    stripped = line.strip()
    at = start + len(line) - len(line.lstrip())
    bullet = _BULLET.match(stripped)
    if bullet:
        stripped, at = stripped[bullet.end():], at + bullet.end()
    figure = _FIGURE.search(stripped)
    if figure is None:
        return None
    head = stripped[:figure.start()]
    if head.endswith(("-", "\u2212")):
        return None  # "stays at -0.1 %": a minus sign, not a separator
    body = head.rstrip()
    # a line that is only a figure has no label ("" is in every string: test the character)
    if body and body[-1] in _SEPARATORS and (body[-1] != "-" or body[-2:-1] == " "):
        body = body[:-1].rstrip()
    elif not ("\t" in head[len(body):] or len(head) - len(body) >= 2):
        return None
    if not body or any(c.isdigit() or c in _SEPARATORS for c in body):
        return None
    return _Parsed((at, at + len(body)), figure.group("unit"))


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
        if parse_row(index.text, s, e) is None:
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
            row = parse_row(index.text, *lines[k]) if k >= 0 else None
            if row is None or row.label != (m.start, m.end):
                continue
            if row.unit and fold(row.unit) not in measure:
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
    return k >= 0 and parse_row(index.text, *index.lines()[k]) is not None
