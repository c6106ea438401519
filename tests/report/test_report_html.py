"""HTML report, read as text: self-contained, escaped, accessible, one evidence block per judged
cell. (tests/report/test_report_browser.py drives it in a real browser.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from verifier.model import Result
from verifier.report import html, render, view


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(result: Result) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(render("html", result))
    return parser.tags


def test_self_contained_no_resource_is_fetched(any_result: Result) -> None:
    for tag, attrs in tags(any_result):
        assert "src" not in attrs, tag
        if tag == "link":
            pytest.fail(f"external stylesheet or resource: {attrs}")
    page = render("html", any_result)
    assert "default-src 'none'" in page
    assert "@import" not in page and "url(" not in page


def test_article_and_claim_text_is_escaped(handmade: Result) -> None:
    page = render("html", handmade)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Dana is the mayor &lt;b&gt;of&lt;/b&gt; Town." in page
    assert page.count("<script>") == 1  # the report's own
    assert "javascript:" not in [a.get("href") for _, a in tags(handmade)]
    assert 'href="https://example.org/a"' in page
    assert "&lt;/template&gt;" in page


def test_matrix_structure_and_accessibility(any_result: Result) -> None:
    found = tags(any_result)
    names = [t for t, _ in found]
    assert "caption" in names and 'class="legend"' in render("html", any_result)
    rows = [a for t, a in found if t == "th" and a.get("scope") == "row"]
    cols = [a for t, a in found if t == "th" and a.get("scope") == "col" and "data-col" in a]
    assert len(rows) == len(any_result.project.claims)
    assert len(cols) == len(any_result.project.articles)
    buttons = [a for t, a in found if t == "button"]
    assert len(buttons) == len(rows) * len(cols)
    assert all(b.get("type") == "button" and b.get("aria-label") for b in buttons)
    assert [t for t, a in found if a.get("aria-live")] == ["p", "aside"]


def test_one_evidence_block_per_judged_cell(any_result: Result) -> None:
    found = tags(any_result)
    templates = {a["id"] for t, a in found if t == "template"}
    referenced = {a["data-detail"] for t, a in found if t == "button" and a.get("data-detail")}
    assert templates == referenced
    judged = sum(v.verdict != "silent" for v in any_result.verdicts)
    assert len(templates) == judged


def test_highlighted_spans_are_marked(handmade: Result) -> None:
    page = render("html", handmade)
    assert "<mark>remains closed</mark>" in page
    assert "<mark>opened the bridge</mark>" in page


def test_cells_carry_their_state_and_rows_their_tags(handmade: Result) -> None:
    page = render("html", handmade)
    row = re.search(r'<tr data-claim="bridge-open" data-tags=" ([^"]*) " data-states=" ([^"]*) ">',
                    page)
    assert row and row.groups() == ("town roads", "contradicted silent supported")
    states = re.findall(r'<td data-col="\d+" data-state="(\w+)"', page)
    assert states == [view.state(v) for c in view.Matrix.of(handmade).claims
                      for v in view.Matrix.of(handmade).row(c.id)]


@pytest.mark.parametrize(("url", "kept"), [
    ("https://a.example/x", True), ("HTTP://a.example", True), ("javascript:alert(1)", False),
    ("data:text/html,x", False), ("", False)])
def test_only_http_links(url: str, kept: bool) -> None:
    assert html.safe_url(url) == (url if kept else "")
