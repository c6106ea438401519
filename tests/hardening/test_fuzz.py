"""Issue 14, part 6: the fuzz campaign (benchmarks/fuzz.py) in the test suite. A small bounded
run over every target (a few seconds; the long campaign runs on demand), and every crashing
input a campaign ever saved under tests/data/fuzz/<target>/ replayed as a regression test."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hostile import PROJECTS, ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import fuzz

SAVED = sorted((ROOT / "tests" / "data" / "fuzz").glob("*/*.bin"))
HANG = 120  # seconds per input: only a hang reaches it


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERIFIER_CACHE_KEY", "fuzz-test-key-0123456789")


def test_a_small_bounded_campaign_finds_nothing() -> None:
    tally = fuzz.campaign(sorted(fuzz.TARGETS), 6, PROJECTS / "contradicted", HANG, seed=14,
                          save=False)
    assert sum(tally.inputs.values()) == 6 * len(fuzz.TARGETS)
    assert not tally.findings, "\n".join(tally.places.values())


@pytest.mark.parametrize("path", SAVED, ids=[f"{p.parent.name}/{p.stem}" for p in SAVED])
def test_saved_crashing_inputs_stay_fixed(path: Path) -> None:
    tally = fuzz.Tally()
    fuzz.attempt(path.parent.name, path.read_bytes(), ROOT, tally, HANG, save=False)
    assert not tally.findings, "\n".join(tally.places.values())


def test_the_targets_reject_what_their_contract_forbids() -> None:
    """The harness itself: an exception outside a target's contract is a finding."""
    tally = fuzz.Tally()
    fuzz.TARGETS["boom"] = lambda data, root: [][1]
    try:
        fuzz.attempt("boom", b"x", ROOT, tally, HANG, save=False)
    finally:
        del fuzz.TARGETS["boom"]
    assert sum(tally.findings.values()) == 1 and "IndexError" in next(iter(tally.findings))


def test_a_failure_the_run_reports_is_a_finding_where_it_was_raised(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A run turns an exception in a check into a `verifier-failure` problem and goes on; the
    campaign still counts it, named by the place that raised it."""
    from verifier.checks import KINDS

    office = KINDS["office"]

    def explode(claim: Any, index: Any, ctx: Any) -> Any:
        if index.article.path == "seeds/fuzz.txt":
            raise IndexError("planted")
        return office.check(claim, index, ctx)

    monkeypatch.setitem(KINDS, "office", type(office)(office.name, office.targets, explode))
    tally = fuzz.Tally()
    fuzz.attempt("article", b"Sanae Takaichi is Japan's prime minister.", ROOT, tally, HANG,
                 save=False)
    assert list(tally.findings) == [f"article: IndexError at {Path(__file__).name}:"
                                    f"{explode.__code__.co_firstlineno + 2}"]
