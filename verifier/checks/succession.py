"""Kind `succession`: who held an office right before the holder.

Passing: "Takaichi succeeded Shigeru Ishiba", "Her predecessor, Shigeru Ishiba, ..." -> supported.
Failing: "Takaichi succeeded Fumio Kishida as prime minister" -> contradicted (the holder is
named in the sentence, and a different person stands in the predecessor's place).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from verifier.checks.context import Context
from verifier.index import ArticleIndex, Sentence
from verifier.model import Claim, Evidence
from verifier.registry import ENTITY

KIND = "succession"
# cue -> which side of the cue the predecessor stands on
_CUES = re.compile(
    r"\b(?P<after>succeed(?:s|ed|ing)?|replac(?:e|es|ed|ing)|took over from|takes over from|"
    r"predecessor(?:s)?(?: as [a-z ]+)?,?)\b|\b(?P<before>successor)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?:[A-Z][a-z]+ ){0,3}?([A-Z][a-z]+(?: [A-Z][a-z]+)?)")


def _person_after(index: ArticleIndex, sentence: Sentence, at: int) -> tuple[str, int, int] | None:
    """First person named after the cue within a few words (registry person or capitalised name)."""
    for m in sentence.mentions:
        if m.category == ENTITY and index.registry.of_type(m.target, "person") \
                and at <= m.start <= at + 40:
            return m.target, m.start, m.end
    rest = index.text[at:min(sentence.end, at + 40)]
    match = re.match(r"[\s,]*(?:(?:former|then|[Pp]rime [Mm]inister|PM|President)\s+)*", rest)
    name = _NAME.match(rest, match.end() if match else 0)
    if name and name.start() < 25:
        return "name:" + name.group(1), at + name.start(1), at + name.end(1)
    return None


def targets(claim: Claim, ctx: Context) -> set[str] | None:
    """Entities an article must mention for this claim to be judged at all."""
    return {claim.content["holder"], claim.content["predecessor"]}


def check(claim: Claim, index: ArticleIndex, ctx: Context) -> Iterator[Evidence]:
    holder, predecessor = claim.content["holder"], claim.content["predecessor"]
    for sentence in index.with_any([holder, predecessor]):
        for cue in _CUES.finditer(sentence.text):
            at = sentence.start + (cue.end("after") if cue.group("after") else cue.end())
            passive = index.text.startswith(" by ", at)
            person = None if passive or cue.group("before") else _person_after(index, sentence, at)
            named = holder in sentence.entities()
            if person is None or person[0] == holder:
                continue
            if not named and not cue.group("after").lower().startswith("predecessor"):
                continue
            spans = [(sentence.start + cue.start(), sentence.start + cue.end()), person[1:]]
            if person[0] == predecessor:
                yield index.evidence(sentence, "support",
                                     f"article names {index.text[person[1]:person[2]]} as the "
                                     "predecessor", spans)
            elif named:
                shown = index.text[person[1]:person[2]]
                name = ctx.registry.entities[predecessor].name
                yield index.evidence(sentence, "contradict",
                                     f"article names {shown} as the predecessor; claim: {name}",
                                     spans)
