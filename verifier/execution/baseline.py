"""Acknowledgements: reviewed contradictions kept on purpose, and the ones that went stale.

An acknowledgement matches a verdict on (claim id, article path). A matched contradicted verdict
is marked acknowledged; an acknowledgement that matches no contradicted verdict is stale and
fails the run, like a strict xfail. A review-by date in the past is a warning, not a failure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import msgspec

from verifier.execution.encoded import Verdicts
from verifier.model import Acknowledgement, Verdict
from verifier.problems import Problem

EXPIRED = "acknowledgement-review-due"


@dataclass(frozen=True)
class Baseline:
    """Verdicts with acknowledgements applied, plus what the acknowledgements file got wrong."""

    verdicts: Sequence[Verdict]
    stale: tuple[Acknowledgement, ...]
    warnings: tuple[Problem, ...]


def apply(
    verdicts: Sequence[Verdict],
    acknowledgements: Iterable[Acknowledgement],
    *,
    today: dt.date | None = None,
    judged: Callable[[Acknowledgement], bool] | None = None,
) -> Baseline:
    """Apply `acknowledgements` to `verdicts`, keeping their order.

    `judged`, when given, says which unmatched acknowledgements this run can call stale: a run
    on a few articles, or one whose claims did not all load, says nothing about the others.
    """
    acks = list(acknowledgements)
    by_pair: dict[tuple[str, str], Acknowledgement] = {}
    for a in acks:
        by_pair.setdefault((a.claim, a.article), a)
    matched: set[tuple[str, str]] = set()

    def mark(verdict: Verdict) -> Verdict:
        if (ack := by_pair.get(pair := (verdict.claim, verdict.article))) is None:
            return verdict
        matched.add(pair)
        return msgspec.structs.replace(verdict, acknowledged=True, acknowledgement=ack)

    # only contradictions change: Verdicts leaves the others as they are, maybe still encoded
    out: Sequence[Verdict] = verdicts.replace_contradicted(mark) \
        if isinstance(verdicts, Verdicts) else tuple(
            mark(v) if v.verdict == "contradicted" else v for v in verdicts)
    stale = tuple(
        a for a in acks
        if (a.claim, a.article) not in matched and (judged is None or judged(a))
    )
    return Baseline(out, stale, tuple(review_due(acks, today or dt.date.today())))


def review_due(acks: Iterable[Acknowledgement], today: dt.date) -> list[Problem]:
    """A warning for every acknowledgement whose review-by date has passed."""
    return [
        Problem(*_where(a), code=EXPIRED, level="warning", json_path="$.acknowledgements",
                message=f"acknowledgement of {a.claim} in {a.article} was due for review on "
                        f"{a.review_by.isoformat()}: check it still holds, then move the date")
        for a in acks if a.review_by is not None and a.review_by < today
    ]


def _where(ack: Acknowledgement) -> tuple[str, int, int]:
    pos = ack.position
    return (pos.file, pos.line, pos.column) if pos else ("acknowledgements.yaml", 1, 1)
