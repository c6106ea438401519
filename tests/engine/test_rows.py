"""Table rows ("Seats won: 88", "Unity Party - 88"): what parses as a row and what does not."""

from __future__ import annotations

import pytest

from verifier.checks.rows import parse_row


@pytest.mark.parametrize("line", ["88", "5%", "12 seats", "* 88", "- 5%", "  2.5 percent"])
def test_a_line_that_is_only_a_figure_is_no_row(line: str) -> None:
    """No label before the figure: not a row (such a line once raised IndexError, found by the
    fuzz campaign in a hard-wrapped sentence)."""
    assert parse_row(line, 0, len(line)) is None


@pytest.mark.parametrize(("line", "label"), [
    ("Seats won: 88", "Seats won"), ("Unity Party - 88", "Unity Party"),
    ("- Unity Party: 88 seats", "Unity Party"), ("Unity Party\t88", "Unity Party"),
])
def test_a_labelled_figure_is_a_row(line: str, label: str) -> None:
    parsed = parse_row(line, 0, len(line))
    assert parsed is not None and line[parsed.label[0]:parsed.label[1]] == label
