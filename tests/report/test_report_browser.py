"""The HTML report in a real headless browser: Debian's chromium, driven through Playwright's
bundled driver (no browser download; the network is off). The matrix renders, filters hide rows
and columns, and a click on a contradicted cell shows its evidence with the spans highlighted.

Skips only when no chromium binary is installed (.ci/run installs it)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from verifier.model import Result
from verifier.report import render

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary on PATH "
                                "(apt-get install chromium; .ci/run does it)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def open_report(browser: Browser, result: Result, tmp_path: Path) -> Page:
    path = tmp_path / "report.html"
    path.write_text(render("html", result), encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: errors.append(r.url) if not r.url.startswith("file:") else None)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    assert errors == []
    return page


def visible_rows(page: Page) -> list[str]:
    found = page.eval_on_selector_all(
        "#matrix tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.claim)")
    return [str(claim) for claim in found]


def test_matrix_renders(browser: Browser, seed: Result, tmp_path: Path) -> None:
    page = open_report(browser, seed, tmp_path)
    assert len(visible_rows(page)) == len(seed.project.claims)
    assert page.locator("#matrix thead th[data-col]").count() == len(seed.project.articles)
    assert page.locator("#matrix td.cell button").first.is_visible()
    assert page.text_content("#shown") == f"{len(seed.project.claims)} of " \
        f"{len(seed.project.claims)} claims shown"
    cell = page.locator("td.cell.supported").first
    assert cell.evaluate("e => getComputedStyle(e).backgroundColor") != \
        page.locator("td.cell.silent").first.evaluate("e => getComputedStyle(e).backgroundColor")


def test_tag_filter_hides_rows(browser: Browser, handmade: Result, tmp_path: Path) -> None:
    page = open_report(browser, handmade, tmp_path)
    page.select_option("#filter-tag", "boats")
    assert visible_rows(page) == ["ferry-runs"]
    assert page.locator('tr[data-claim="bridge-open"]').is_hidden()
    page.select_option("#filter-tag", "")
    assert len(visible_rows(page)) == 3


def test_verdict_and_article_filters(browser: Browser, handmade: Result, tmp_path: Path) -> None:
    page = open_report(browser, handmade, tmp_path)
    page.select_option("#filter-verdict", "hedged")
    assert visible_rows(page) == ["ferry-runs"]
    page.select_option("#filter-verdict", "contradicted")
    assert visible_rows(page) == ["bridge-open"]
    page.select_option("#filter-verdict", "")
    page.select_option("#filter-article", "2")  # seeds/c.txt: silent on everything
    assert page.locator('th[data-col="0"]').is_hidden()
    assert page.locator('th[data-col="2"]').is_visible()
    page.select_option("#filter-verdict", "supported")
    assert visible_rows(page) == []
    assert page.text_content("#shown") == "0 of 3 claims shown"


def test_click_on_a_contradicted_cell_shows_the_evidence(
        browser: Browser, handmade: Result, tmp_path: Path) -> None:
    page = open_report(browser, handmade, tmp_path)
    assert "Select a cell" in (page.text_content("#detail") or "")
    page.click('tr[data-claim="bridge-open"] td.contradicted button')
    detail = page.locator("#detail")
    assert "article says it <remains closed>" in (detail.text_content() or "")
    assert detail.locator("mark").first.text_content() == "remains closed"
    assert "seeds/b.txt:2:123" in (detail.text_content() or "")
    assert detail.locator("script").count() == 0  # the hostile sentence stays text
    assert page.get_attribute('tr[data-claim="bridge-open"] td.contradicted button',
                              "aria-pressed") == "true"


def test_keyboard_reaches_a_cell_and_enter_opens_it(
        browser: Browser, handmade: Result, tmp_path: Path) -> None:
    page = open_report(browser, handmade, tmp_path)
    page.focus('tr[data-claim="ferry-runs"] td.hedged button')
    page.keyboard.press("Enter")
    assert "hedged" in (page.text_content("#detail") or "")
    page.focus('tr[data-claim="ferry-runs"] td[data-col="2"] button')
    page.keyboard.press("Enter")
    assert "says nothing the verifier can judge" in (page.text_content("#detail") or "")


def test_seed_contradiction_cell_shows_its_sentence(
        browser: Browser, seed: Result, tmp_path: Path) -> None:
    page = open_report(browser, seed, tmp_path)
    cells = page.locator("td.cell.contradicted button, td.cell.acknowledged button")
    assert cells.count() == sum(v.verdict == "contradicted" for v in seed.verdicts) > 0
    cells.first.click()
    text = page.text_content("#detail") or ""
    assert ":" in text and page.locator("#detail mark").count() >= 1
