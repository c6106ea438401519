"""A title with no name that opens a sentence, read as the person the sentence before names:
"Takaichi greeted Trump. The U.S. president, on his second stop, ..." is Trump.

Only where it is unambiguous: the description is the sentence's subject ("The", status words,
the jurisdiction, the title, and nothing else before it); its office is one the claims give a
single holder; the previous sentence names that holder; every other person it names holds
another office per the claims (so cannot be the one described); it names no unknown titled
person and speaks of no predecessor or successor.
"""

from __future__ import annotations

import re
from dataclasses import replace

from verifier.engine.index import ArticleIndex, Sentence
from verifier.engine.registry import ENTITY
from verifier.text.offices import FORMER, Attachment

_LEAD = re.compile(r"\s*The\s+(?:(?:[a-z]+|[A-Z][A-Za-z.'-]*)\s+){0,3}$")
_AFTER = re.compile(r"\s*(?:,|[a-z])")
_HANDOVER = re.compile(r"\b(?:predecessor|successor|former|ex|previous|late)\b", re.IGNORECASE)


def resolve(index: ArticleIndex, sentence: Sentence, a: Attachment) -> Attachment:
    """The attachment with its holder filled in when the description is unambiguous."""
    if a.holder is not None or not a.qualified or sentence.index == 0 or not a.known:
        return a
    if not _LEAD.fullmatch(index.text, sentence.start, a.start) \
            or not _AFTER.match(index.text, a.end, sentence.end):
        return a
    if any(m.category == ENTITY and m.start < a.start and index.registry.of_type(m.target, "person")
           for m in sentence.mentions):
        return a
    holders = {index.registry.holders[o] for o in a.offices if o in index.registry.holders}
    if len(holders) != 1:
        return a
    holder = holders.pop()
    previous = index.sentences[sentence.index - 1]
    if not _only_candidate(index, previous, holder):
        return a
    return replace(a, holder=holder, holder_start=a.start, holder_end=a.end)


def _only_candidate(index: ArticleIndex, previous: Sentence, holder: str) -> bool:
    people = {m.target for m in previous.mentions
              if m.category == ENTITY and index.registry.of_type(m.target, "person")}
    if holder not in people or _HANDOVER.search(previous.text):
        return False
    busy = set(index.registry.holders.values())  # people the claims give some office
    if any(p != holder and p not in busy for p in people):
        return False
    return not any((x.holder or "").startswith("name:") or (x.status or "") in FORMER
                   for x in index.attachments(previous))
