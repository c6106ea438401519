"""classify(): table-driven boilerplate rules (tests/data/text/boilerplate.yaml)."""

from __future__ import annotations

from typing import Any

import pytest
from text_tables import rows

from verifier.text.boilerplate import classify


def reasons(text: str) -> dict[str, str]:
    """Rule per line text; for a line that occurs twice, its first occurrence's."""
    found: dict[str, str] = {}
    for line in classify(text):
        found.setdefault(" ".join(text[line.start:line.end].split()), line.reason)
    return found


@pytest.mark.parametrize("row", rows("boilerplate"))
def test_rules(row: dict[str, Any]) -> None:
    found = reasons(row["text"])
    assert {line: found.get(line, "<no such line>") for line in row["expect"]} == row["expect"]


def test_headline_glued_to_prose_is_cut_off() -> None:
    text = ("Council backs the new bridge plan\n\n"
            "Council backs the new bridge plan The council voted on Monday, officials said.\n")
    lines = [(text[x.start:x.end], x.reason) for x in classify(text)]
    assert lines == [("Council backs the new bridge plan", ""),
                     ("Council backs the new bridge plan", "repeated"),
                     ("The council voted on Monday, officials said.", "")]


def test_blank_text_has_no_lines() -> None:
    assert classify("") == []
    assert classify(" \n\t\n") == []
