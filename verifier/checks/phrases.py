"""Kind `phrases`: the escape hatch for facts the typed kinds cannot say yet.

`support` and `contradict` are RE2 patterns (linear time: no backreferences, no lookaround), matched
case-insensitively on each sentence; `scope` (entity ids) limits them to sentences naming one.
Passing: support ["golden age"] on "a new golden age of the alliance" -> supported.
Failing: contradict ["bronze age"] on "a bronze age of the alliance" -> contradicted.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import re2

from verifier.checks.binding import phrase_binding
from verifier.checks.context import Context
from verifier.engine.index import ArticleIndex
from verifier.model import Claim, Evidence

KIND = "phrases"
MAX_PATTERN = 500


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> Any:
    """Compile with RE2; raises ValueError with RE2's message for an unsupported pattern."""
    if len(pattern) > MAX_PATTERN:
        raise ValueError(f"pattern longer than {MAX_PATTERN} characters")
    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = 8 << 20
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as error:
        message = error.args[0] if error.args else error
        text = message.decode() if isinstance(message, bytes) else str(message)
        raise ValueError(text) from None


def targets(claim: Claim, ctx: Context) -> set[str] | None:
    """The scope entities, if any; an unscoped claim is judged on every article."""
    scope = claim.content.get("scope")
    return set(scope) if scope else None


def check(claim: Claim, index: ArticleIndex, ctx: Context) -> Iterator[Evidence]:
    scope = list(claim.content.get("scope") or ())
    sentences = index.with_any(scope) if scope else index.sentences
    for polarity, key in (("support", "support"), ("contradict", "contradict")):
        for pattern in claim.content.get(key) or ():
            compiled = compile_pattern(pattern)
            for sentence in sentences:
                found = compiled.search(sentence.text)
                if found:
                    span = (sentence.start + found.start(), sentence.start + found.end())
                    why = phrase_binding(index, sentence, *span, scope) \
                        if polarity == "contradict" else None
                    if why:
                        index.reject(sentence, why, [span])
                        continue
                    yield index.evidence(sentence, polarity,  # type: ignore[arg-type]
                                         f"article matches the {polarity} pattern '{pattern}'",
                                         [span])
