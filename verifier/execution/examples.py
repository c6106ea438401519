"""Claim examples: each example's verdict as an outcome (matched, a known miss, a known miss
that now passes), explain's reason for a miss, and the Problem a failing outcome is reported as.
verifier.execution.runner checks them as the last step of a run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from verifier.model import Claim, Entity, Example, Verdict
from verifier.problems import Problem

ExamplesFn = Callable[[Claim, Mapping[str, Entity]], Sequence[tuple[Example, Verdict]]]

EXAMPLE_MISMATCH = "example-mismatch"
# A known miss (warning: marked, still missed) and one that now passes (error: remove the mark).
KNOWN_MISS, KNOWN_MISS_PASSES = "known-miss", "known-miss-passes"
EXAMPLE_CODES = frozenset({EXAMPLE_MISMATCH, KNOWN_MISS, KNOWN_MISS_PASSES})


@dataclass(frozen=True)
class ExampleOutcome:
    """The engine's verdict on one of a claim's `examples:`; `number` counts within `expect`;
    `reason` is explain's one line on why the verdict follows (given when it is not the one
    expected)."""

    claim: Claim
    number: int
    example: Example
    verdict: Verdict
    reason: str = ""

    @property
    def name(self) -> str:
        return f"example-{self.example.expect}-{self.number}"

    @property
    def matches(self) -> bool:
        return self.verdict.verdict == self.example.expect

    @property
    def known_miss(self) -> bool:
        """Marked as a known miss and still missed: an expected failure."""
        return bool(self.example.known_miss) and not self.matches

    @property
    def passed(self) -> bool:
        """Whether the run is fine with it: it matches, or it is a known miss still missing.
        A known miss that matches fails, like a strict xfail: the mark must go."""
        return self.matches != bool(self.example.known_miss)


def check_claims(claims: Iterable[Claim], entities: Mapping[str, Entity],
                 examples: ExamplesFn) -> Iterable[ExampleOutcome]:
    for claim in claims:
        if not claim.examples:
            continue
        counts: dict[str, int] = {}
        for example, verdict in examples(claim, entities):
            counts[example.expect] = counts.get(example.expect, 0) + 1
            outcome = ExampleOutcome(claim, counts[example.expect], example, verdict)
            if not outcome.matches:
                outcome = replace(outcome, reason=example_reason(outcome, entities))
            yield outcome


def example_reason(outcome: ExampleOutcome, entities: Mapping[str, Entity]) -> str:
    """explain's one line on why the example got its verdict (only asked for misses: it reads
    the example again)."""
    from verifier.engine import example_article
    from verifier.report.explain import reason

    article = example_article(outcome.claim, outcome.number, outcome.example)
    return reason(outcome.claim, entities, article, outcome.verdict)


def example_problem(outcome: ExampleOutcome) -> Problem:
    """A mismatch (error), a known miss still missed (warning) or one that passes (error)."""
    pos = outcome.example.position or outcome.claim.position
    file, line, column = (pos.file, pos.line, pos.column) if pos else ("", 1, 1)
    about = f"claim {outcome.claim.id}: {outcome.name} ({outcome.example.text!r})"
    expect, got = outcome.example.expect, outcome.verdict.verdict
    if outcome.known_miss:
        return Problem(file, line, column, KNOWN_MISS, level="warning",
                       message=f"{about}: known miss, expected {expect}, got {outcome.reason} "
                               f"(marked: {outcome.example.known_miss})")
    if outcome.example.known_miss:
        return Problem(file, line, column, KNOWN_MISS_PASSES,
                       message=f"{about}: marked as a known miss, but the verifier now says "
                               f"{got} as expected; delete its known_miss line "
                               f"(it said: {outcome.example.known_miss})")
    return Problem(file, line, column, EXAMPLE_MISMATCH,
                   message=f"{about}: expected {expect}, got {outcome.reason or got}")
