"""One reading per sentence: a sentence that states the claim does not also contradict it.

Beside a supporting candidate ("four Oscars for Baker", "appointed X as the new prime
minister"), the sentence's rival candidates ("five for the film", X's former title) are read as
other things, and set aside for `explain` instead of contradicting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from verifier.engine.index import ArticleIndex, Sentence
from verifier.model import Evidence


@dataclass(frozen=True)
class Candidate:
    evidence: Evidence
    spans: list[tuple[int, int]]  # where it is, for `explain`
    label: str  # what it says ("five", a title), for the reason
    rival: bool  # set aside beside a support


def one_reading(index: ArticleIndex, sentence: Sentence, found: Iterable[Candidate],
                why: Callable[[Candidate, Candidate], str]) -> Iterator[Evidence]:
    """The evidence of `found`, minus its rivals when one of them supports (each recorded with
    `why(supporting, rival)`)."""
    found = list(found)
    agreed = next((c for c in found if c.evidence.polarity == "support"), None)
    for c in found:
        if agreed is not None and c.rival:
            index.reject(sentence, why(agreed, c), c.spans)
        else:
            yield c.evidence
