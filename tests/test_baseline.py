"""Acknowledgements applied to verdicts: matched, stale, out of scope, due for review."""

from __future__ import annotations

import datetime as dt

import pytest

from verifier.execution.baseline import apply, review_due
from verifier.model import Acknowledgement, Evidence, Position, Verdict

TODAY = dt.date(2025, 11, 1)
CONTRA = (Evidence("contradict", 3, 1, "The bridge remains closed.", "says closed"),)


def ack(claim: str, article: str, review_by: dt.date | None = None) -> Acknowledgement:
    return Acknowledgement(claim, article, "kept on purpose", review_by=review_by,
                           position=Position("claims/acknowledgements.yaml", 4, 5))


VERDICTS = (
    Verdict("bridge", "seeds/a.txt", "contradicted", CONTRA),
    Verdict("mayor", "seeds/a.txt", "supported"),
    Verdict("bridge", "seeds/b.txt", "silent"),
)


def test_a_matched_contradiction_is_acknowledged_and_carries_the_acknowledgement() -> None:
    a = ack("bridge", "seeds/a.txt")
    out = apply(VERDICTS, [a], today=TODAY)
    assert out.verdicts[0].acknowledged and out.verdicts[0].acknowledgement == a
    assert out.verdicts[1:] == VERDICTS[1:]
    assert out.stale == () and out.warnings == ()


@pytest.mark.parametrize(("claim", "article", "why"), [
    ("mayor", "seeds/a.txt", "the pair is supported"),
    ("bridge", "seeds/b.txt", "the pair is silent"),
    ("bridge", "seeds/gone.txt", "the article is not in the corpus"),
    ("deleted-claim", "seeds/a.txt", "the claim is gone"),
])
def test_an_acknowledgement_matching_no_contradiction_is_stale(
        claim: str, article: str, why: str) -> None:
    a = ack(claim, article)
    out = apply(VERDICTS, [a], today=TODAY)
    assert out.stale == (a,), why
    assert not any(v.acknowledged for v in out.verdicts)


def test_matching_needs_both_claim_and_article() -> None:
    out = apply(VERDICTS, [ack("bridge", "seeds/b.txt"), ack("mayor", "seeds/a.txt")],
                today=TODAY)
    assert not any(v.acknowledged for v in out.verdicts)
    assert len(out.stale) == 2


def test_judged_limits_staleness_to_what_the_run_could_see() -> None:
    outside = ack("bridge", "seeds/not-in-this-run.txt")
    inside = ack("mayor", "seeds/a.txt")
    out = apply(VERDICTS, [outside, inside], today=TODAY,
                judged=lambda a: a.article.startswith("seeds/a"))
    assert out.stale == (inside,)


@pytest.mark.parametrize(("review_by", "warned"), [
    (dt.date(2025, 10, 31), True),
    (TODAY, False),
    (dt.date(2026, 1, 1), False),
    (None, False),
])
def test_a_passed_review_date_is_a_warning_located_at_the_acknowledgement(
        review_by: dt.date | None, warned: bool) -> None:
    out = apply(VERDICTS, [ack("bridge", "seeds/a.txt", review_by)], today=TODAY)
    assert out.verdicts[0].acknowledged  # a due review never undoes the acknowledgement
    assert bool(out.warnings) is warned
    for w in out.warnings:
        assert (w.file, w.line, w.column, w.level) == ("claims/acknowledgements.yaml", 4, 5,
                                                       "warning")
        assert "2025-10-31" in w.message


def test_review_due_without_a_position_still_names_a_file() -> None:
    bare = Acknowledgement("bridge", "seeds/a.txt", "r", review_by=dt.date(2020, 1, 1))
    (warning,) = review_due([bare], TODAY)
    assert warning.file and warning.line == 1
