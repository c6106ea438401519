"""Recall: the kinds of errors real pages make that the verifier used to miss (issue 13), each
with supported rows and silent look-alikes. Rows are data (tests/data/recall/cases.yaml) about
the invented world of tests/data/recall/claims/; property tests cover the kinds with many
surface forms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import casetables
import pytest
from casetables import engine_for, over_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.engine import Engine

DATA = Path(__file__).resolve().parents[1] / "data" / "recall"
CASES: dict[str, Any] = casetables.cases("recall")
SUMMIT = dt.date(2025, 6, 17)  # the claimed summit day (a Tuesday)
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


@pytest.fixture(scope="module")
def engine() -> Engine:
    return engine_for("recall")


def judge(engine: Engine, claim_id: str, text: str, published: dt.date | None) -> str:
    return casetables.judge(engine, claim_id, text, published).verdict



@over_rows(CASES, "kind")
def test_kind(engine: Engine, row: dict[str, Any]) -> None:
    published = row.get("published", CASES["published"])
    day = dt.date.fromisoformat(published) if published else None
    assert judge(engine, row["claim"], row["text"], day) == row["expect"], row["text"]


def _resolved(weekday: int, published: dt.date, future: bool) -> dt.date:
    """The oracle: the last such day on or before publication, or the next on or after it."""
    if future:
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


_TENSES = {"met": False, "held talks": False, "will meet": True, "are set to meet": True}


@settings(max_examples=150, deadline=None)
@given(weekday=st.integers(0, 6), shift=st.integers(0, 6), tense=st.sampled_from(sorted(_TENSES)),
       part=st.sampled_from(["", " morning", " afternoon", " evening", " night"]),
       fronted=st.booleans())
def test_weekday_tense_and_day_part(engine: Engine, weekday: int, shift: int, tense: str,
                                    part: str, fronted: bool) -> None:
    """A weekday, with or without a day part, fronted or in the clause, in a report (published
    on or after the summit) or a preview (on or before it): supported exactly when it resolves
    to the claimed day."""
    future = _TENSES[tense]
    published = SUMMIT - dt.timedelta(days=shift) if future else SUMMIT + dt.timedelta(days=shift)
    when = f"{WEEKDAYS[weekday]}{part}"
    text = (f"On {when}, Velden and Greer {tense} in Harbor City." if fronted
            else f"Velden and Greer {tense} in Harbor City on {when}.")
    expect = "supported" if _resolved(weekday, published, future) == SUMMIT else "contradicted"
    assert judge(engine, "summit-date", text, published) == expect


@settings(max_examples=120, deadline=None)
@given(given_name=st.sampled_from(["Mara", "Marra", "Mraa", "Maro"]),
       family=st.sampled_from(["Velden", "Lindqvist", "Hollis"]), family_first=st.booleans(),
       titled=st.booleans())
def test_name_orders(engine: Engine, given_name: str, family: str, family_first: bool,
                     titled: bool) -> None:
    """Given and family names judged apart, in either order: a slip in the given name beside the
    right family name contradicts; the right given name with another surname contradicts only
    under the person's office title; two wrong parts name someone else (silent)."""
    name = f"{family} {given_name}" if family_first else f"{given_name} {family}"
    title = "Nordland's Prime Minister " if titled else ""
    good_given, good_family = given_name == "Mara", family == "Velden"
    if good_given and good_family:
        expect = "supported"
    elif good_family or (good_given and titled):
        expect = "contradicted"
    else:
        expect = "silent"
    assert judge(engine, "velden-name", f"{title}{name} met Greer in Harbor City.",
                 SUMMIT) == expect


_BEFORE = {"Velden was sworn in on Monday.": True, "Velden thanked Greer on Monday.": False,
           "Velden met Finance Minister Hal Dorn on Monday.": False,
           "The new cabinet met on Monday.": False}


@settings(max_examples=80, deadline=None)
@given(pronoun=st.sampled_from(["She", "He"]), before=st.sampled_from(sorted(_BEFORE)),
       verb=st.sampled_from(["replaces", "succeeds", "replaced", "succeeded", "took over from"]),
       predecessor=st.sampled_from(["Ilse Korhonen", "Anders Lind"]))
def test_pronoun_successor(engine: Engine, pronoun: str, before: str, verb: str,
                           predecessor: str) -> None:
    """A subject pronoun names the holder only when the sentence before names nobody else."""
    text = f"{before} {pronoun} {verb} {predecessor}, who lost the vote."
    if not _BEFORE[before]:
        expect = "silent"
    else:
        expect = "supported" if predecessor == "Ilse Korhonen" else "contradicted"
    assert judge(engine, "velden-predecessor", text, SUMMIT) == expect
