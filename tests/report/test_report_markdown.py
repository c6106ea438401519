"""Markdown: a matrix row per claim, each contradiction with its evidence, and article text that
stays inert when a CommonMark parser (markdown-it-py) renders the report."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from verifier.model import Result
from verifier.report import markdown, render, view


def html_of(result: Result) -> str:
    return str(MarkdownIt("commonmark").enable("table").render(render("markdown", result)))


def test_matrix_has_a_row_per_claim_and_a_column_per_article(any_result: Result) -> None:
    text = render("markdown", any_result)
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) == len(any_result.project.claims)
    assert all(line.count("|") == len(any_result.project.articles) + 2 for line in rows)
    matrix = view.Matrix.of(any_result)
    for row, claim in zip(rows, matrix.claims, strict=True):
        cells = [c.strip() for c in row.split("|")[2:-1]]
        assert cells == [view.SYMBOLS[view.state(v)] for v in matrix.row(claim.id)]


def test_every_contradiction_is_listed_with_its_evidence(any_result: Result) -> None:
    text = render("markdown", any_result)
    for v in view.contradictions(any_result):
        assert f"`{v.claim}` in `{v.article}`" in text
        for e in view.against(v):
            assert f"`{v.article}:{e.line}:{e.column}`" in text


def test_status_line(handmade: Result, seed: Result) -> None:
    assert render("markdown", handmade).startswith("## Claim verifier: FAILED (exit 2)")
    assert render("markdown", seed).startswith("## Claim verifier: ")


def test_article_text_cannot_inject_links_images_html_or_mentions(handmade: Result) -> None:
    html = html_of(handmade)
    assert "<script" not in html and "<a " not in html and "<img" not in html
    assert "<code>@everyone</code>" in html
    assert re.search(r"[^>]@everyone", html) is None
    assert "<b>remains closed</b>" in html  # our own highlighting survives
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(("raw", "inert"), [
    ("[x](http://a)", "\\[x\\]\\(http:\u2060//a\\)"),
    ("a|b", r"a\|b"),
    ("<img src=x>", "&lt;img src=x\\>"),
    ("line\nbreak  here", "line break here"),
    ("mail @bob and a@b", "mail `@bob` and a`@b`"),
])
def test_escape(raw: str, inert: str) -> None:
    assert markdown.escape(raw) == inert


def test_code_spans_survive_backticks() -> None:
    assert markdown.code("a`b") == "``a`b``"
    assert markdown.code("`x") == "`` `x ``"


def test_large_matrices_keep_only_contradicted_rows_and_columns(
        monkeypatch: pytest.MonkeyPatch, handmade: Result) -> None:
    monkeypatch.setattr(markdown, "MAX_COLUMNS", 1)
    monkeypatch.setattr(markdown, "MAX_ROWS", 1)
    text = render("markdown", handmade)
    assert "| claim | `b` |" in text
    assert "(2 claims and 2 articles not shown; the HTML report has them all)" in text
