"""Comparisons that name whose figure is whose: "Party B won 40 seats, versus 88 for the Unity
Party".

The figure after "versus" (or "vs", "compared with", "against") followed by "for <subject>" is
the subject's own level, unless the rest of its clause moves it to another time ("in the last
parliament", "in 2021"); the figure it is set against belongs to someone else, even when that
someone is no registry entity.
"""

from __future__ import annotations

import re

from verifier.engine.index import ArticleIndex, Sentence
from verifier.engine.registry import ENTITY
from verifier.text.values import Value

_VERSUS = re.compile(r"\b(?:versus|vs\.?|compared (?:with|to)|against)\s+$", re.IGNORECASE)
_FOR = re.compile(r"\s+(?:[a-z]+\s+)?(?:for|by|from)\s+(?:the\s+)?")
_OTHER_TIME = re.compile(r"\b(?:last|previous|prior|earlier|former|before|ago|then|"
                         r"(?:19|20)\d\d)\b", re.IGNORECASE)


def _owner_end(index: ArticleIndex, sentence: Sentence, value: Value, subject: str
               ) -> int | None:
    """Where the subject ends when `value` is M in "..., versus M for <subject>"."""
    if not _VERSUS.search(index.text[max(sentence.start, value.start - 20):value.start]):
        return None
    link = _FOR.match(index.text, value.end, sentence.end)
    if link is None:
        return None
    return next((m.end for m in sentence.mentions if m.category == ENTITY
                 and m.target == subject and m.start == link.end()), None)


def versus_for(index: ArticleIndex, sentence: Sentence, value: Value, subject: str) -> bool:
    """Whether `value` is M in "..., versus M for <subject>", in the subject's present."""
    end = _owner_end(index, sentence, value, subject)
    if end is None:
        return False
    _, hi = sentence.clause_of(value.start)
    return not _OTHER_TIME.search(index.text, end, hi)


def set_against(index: ArticleIndex, sentence: Sentence, value: Value, subject: str) -> bool:
    """Whether a later figure in the sentence is the subject's (of any time), set against
    this one: then this one is someone else's."""
    return any(v.start > value.start and v.kind == value.kind
               and _owner_end(index, sentence, v, subject) is not None
               for v in index.values(sentence))
