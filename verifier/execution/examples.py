"""Claim examples: each example's verdict as an outcome (matched, a known miss, a known miss
that now passes), explain's reason for a miss, and the Problem a failing outcome is reported as.
verifier.execution.runner checks them as the last step of a run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from verifier.model import Claim, Entity, Example, Verdict
from verifier.problems import Problem

if TYPE_CHECKING:
    from verifier.engine import Engine

ExamplesFn = Callable[[Claim, Mapping[str, Entity]], Sequence[tuple[Example, Verdict]]]
# Misses explained per claim; the rest are counted in one more problem, as a file lists at most
# MAX_PROBLEMS schema errors (a claim of 200,000 mismatching examples listed 200,000 problems,
# and explaining them all took 15 s even on one engine)
MAX_EXPLAINED = 100

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
    def unexplained(self) -> bool:
        """A miss past its claim's first MAX_EXPLAINED: counted, not explained."""
        return not self.matches and not self.reason

    @property
    def passed(self) -> bool:
        """Whether the run is fine with it: it matches, or it is a known miss still missing.
        A known miss that matches fails, like a strict xfail: the mark must go."""
        return self.matches != bool(self.example.known_miss)


def check_claims(claims: Iterable[Claim], entities: Mapping[str, Entity],
                 examples: ExamplesFn) -> Iterable[ExampleOutcome]:
    claims = tuple(claims)
    engine = _explainer(claims, entities)
    for claim in claims:
        if not claim.examples:
            continue
        counts: dict[str, int] = {}
        missed = 0
        for example, verdict in examples(claim, entities):
            counts[example.expect] = counts.get(example.expect, 0) + 1
            outcome = ExampleOutcome(claim, counts[example.expect], example, verdict)
            missed += not outcome.matches
            if not outcome.matches and missed <= MAX_EXPLAINED:
                outcome = replace(outcome, reason=example_reason(outcome, entities, engine()))
            yield outcome


def _explainer(claims: Sequence[Claim], entities: Mapping[str, Entity]) -> Callable[[], Engine]:
    """The engine that explains every miss of a run, compiled on the first: one per miss
    compiled the whole entity registry each time (500 misses x 100,000 aliases: 374 s)."""
    @functools.cache
    def engine() -> Engine:
        from verifier.engine import Engine

        return Engine(claims, entities)

    return engine


def example_reason(outcome: ExampleOutcome, entities: Mapping[str, Entity],
                   engine: Engine | None = None) -> str:
    """explain's one line on why the example got its verdict (only asked for misses: it reads
    the example again), on `engine` when given (one compiled per call otherwise)."""
    from verifier.engine import example_article
    from verifier.report.explain import reason

    article = example_article(outcome.claim, outcome.number, outcome.example)
    return reason(outcome.claim, entities, article, outcome.verdict, engine)


def example_problems(outcomes: Iterable[ExampleOutcome]) -> list[Problem]:
    """A Problem per outcome that fails or is a known miss; a claim's misses past MAX_EXPLAINED
    are counted in one, at the first of them."""
    out: list[Problem] = []
    rest: dict[str, list[ExampleOutcome]] = {}
    for outcome in outcomes:
        if outcome.unexplained:
            rest.setdefault(outcome.claim.id, []).append(outcome)
        elif outcome.known_miss or not outcome.passed:
            out.append(example_problem(outcome))
    return [*out, *(_counted(folded) for folded in rest.values())]


def _counted(folded: Sequence[ExampleOutcome]) -> Problem:
    first = folded[0]
    pos = first.example.position or first.claim.position
    file, line, column = (pos.file, pos.line, pos.column) if pos else ("", 1, 1)
    marked = sum(o.known_miss for o in folded)
    warning = marked == len(folded)  # all of them known misses
    return Problem(file, line, column, KNOWN_MISS if warning else EXAMPLE_MISMATCH,
                   level="warning" if warning else "error",
                   message=f"claim {first.claim.id}: {len(folded)} more example(s) judged "
                           f"other than expected from {first.name} on ({marked} marked "
                           f"known_miss), not listed: only a claim's first {MAX_EXPLAINED} "
                           "misses are explained")


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
