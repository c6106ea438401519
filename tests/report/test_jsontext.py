"""The reports' JSON encoder (msgspec) writes what json.dumps(indent=2, sort_keys=True,
ensure_ascii=False) writes, except floats with an exponent, and round-trips everything."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from verifier.report.jsontext import dumps

TEXT = st.text(st.characters(exclude_categories=["Cs"]))  # no lone surrogates
PLAIN_FLOATS = st.floats(allow_nan=False, allow_infinity=False).filter(
    lambda f: "e" not in repr(f))
INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)


def documents(scalars: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(TEXT, inner, max_size=4), max_leaves=20)


def standard(document: Any) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@given(documents(st.none() | st.booleans() | INT64 | PLAIN_FLOATS | TEXT))
def test_the_bytes_of_the_standard_library(document: Any) -> None:
    assert dumps(document) == standard(document)


@given(documents(st.none() | st.booleans() | st.integers() | TEXT | st.text()
                 | st.floats(allow_nan=False, allow_infinity=False)))
def test_anything_round_trips_and_is_deterministic(document: Any) -> None:
    text = dumps(document)
    assert text == dumps(document) and text.endswith("\n")
    assert _same(json.loads(text), document)


def test_refused_values_go_through_the_standard_library() -> None:
    for document in ({"amount": 10**30}, {"text": "\ud800"}):
        assert dumps(document) == standard(document)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) \
            and (a == b or (math.isnan(a) and math.isnan(b)))
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b and type(a) is type(b)
