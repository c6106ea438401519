"""One-pass mention finding: aliases in every surface form, and near-miss spellings."""

from __future__ import annotations

import pytest

from verifier.engine import Engine
from verifier.engine.registry import ENTITY
from verifier.text.normalize import fold


def people(engine: Engine, text: str) -> list[tuple[str, str, bool]]:
    found = engine.matcher.scan(text, fold(text))
    return [(m.target, m.text, m.near_miss) for m in found
            if m.category == ENTITY and engine.registry.of_type(m.target, "person")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Sanae Takaichi spoke.", [("sanae-takaichi", "Sanae Takaichi", False)]),
    ("Takaichi Sanae spoke.", [("sanae-takaichi", "Takaichi Sanae", False)]),
    ("Ms Takaichi's cabinet met.", [("sanae-takaichi", "Takaichi", False)]),
    ("former PM Abe Shinzō spoke", [("shinzo-abe", "Abe Shinzō", False)]),
    ("SHINZO ABE spoke", [("shinzo-abe", "SHINZO ABE", False)]),  # headlines in capitals
    ("Prime Minister Sen Takichi spoke.", [("sanae-takaichi", "Sen Takichi", True)]),
    ("Sanae Takaichy spoke.", [("sanae-takaichi", "Sanae Takaichy", True)]),
    ("He spoke to Takeshi about Abel.", []),
    ("The Trumps and Trumpism.", []),
    ("a trump card", []),
])
def test_people(engine: Engine, text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert people(engine, text) == expected


def test_acronyms_keep_their_case(engine: Engine) -> None:
    text = "He told us the US and the U.S.-Japan pact matter."
    found = engine.matcher.scan(text, fold(text))
    places = [m.text for m in found if m.category == ENTITY and m.target == "united-states"]
    assert places == ["US", "U.S."]


def test_longest_place_wins(engine: Engine) -> None:
    text = "North Korea and South Korea."
    found = engine.matcher.scan(text, fold(text))
    assert [(m.target, m.text) for m in found if m.category == ENTITY] == [
        ("north-korea", "North Korea"), ("south-korea", "South Korea")]
