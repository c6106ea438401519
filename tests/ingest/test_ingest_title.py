"""Titles guessed from plain text skip page furniture (promotional, account and navigation
lines); a headline about the body wins over an unrelated headline-shaped line.
Fixture: tests/data/ingest/furniture_page.txt (invented)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.ingest.command import ingest
from verifier.ingest.textmeta import CALL_WORDS, furniture, guess_title

DATA = Path(__file__).resolve().parents[1] / "data"
PAGE = DATA / "ingest" / "furniture_page.txt"
HEADLINE = "Island ferry crews vote to accept new pay deal"
BODY = ("Ferry crews on the island routes voted on Sunday to accept a new pay deal, ending a\n"
        "dispute that had cancelled dozens of crossings since the new year, the union said.\n")


def test_the_headline_under_promotional_lines_is_the_title() -> None:
    assert guess_title(PAGE.read_text(encoding="utf-8")) == HEADLINE


def test_ingest_writes_that_title(invented: Path) -> None:
    result = CliRunner().invoke(ingest, [str(PAGE), "--no-check", "--root", str(invented)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (sidecar,) = [p for p in (invented / "seeds").glob("*.meta.yaml") if p.name.startswith("003")]
    assert yaml.safe_load(sidecar.read_text(encoding="utf-8"))["title"] == HEADLINE


@pytest.mark.parametrize("line", [
    "Go further with a Plus membership", "Start your free trial today", "Unlock the full story",
    "Only $2 a week this year", "Become a supporter", "Download our free reader app",
    "Save 40% off your first year", "More stories from the coast \u203a",
    "Subscribe to our newsletter",
])
def test_promotional_and_account_lines_are_furniture(line: str) -> None:
    assert furniture(line, set())


@pytest.mark.parametrize("line", [
    "Island ferry crews vote to accept new pay deal",   # a headline about the body
    "Ferry union signs pay deal after long dispute",     # 'signs' is no call to action
    "Islanders pay a premium as ferry crossings are cancelled",  # promo word, but on topic
])
def test_headlines_about_the_body_are_not_furniture(line: str) -> None:
    body = {"ferry", "crews", "island", "islanders", "deal", "dispute", "crossings", "union"}
    assert not furniture(line, body)


CALLS = st.sampled_from(["Sign", "Start", "Get", "Join", "Unlock", "Try", "Download", "Upgrade",
                         "Become", "Support", "Explore", "Subscribe"])
FILLER = st.sampled_from(["your", "our", "today", "now", "access", "digital", "edition", "app",
                          "journalism", "free", "weeks", "offers", "more", "member", "with"])
CALL_LINE = st.builds(lambda verb, rest: " ".join([verb, *rest]), CALLS,
                      st.lists(FILLER, min_size=3, max_size=CALL_WORDS - 1))
PROMO_LINE = st.builds("Just {}{} a month for {} months".format,
                       st.sampled_from("$\u20ac\u00a3"), st.integers(1, 99), st.integers(2, 12))
TEASER = "Storm warnings issued for the northern coast tonight"


@settings(max_examples=100, deadline=None)
@given(lines=st.lists(st.one_of(CALL_LINE, PROMO_LINE), max_size=6),
       teaser=st.booleans(), twice=st.booleans())
def test_furniture_above_the_headline_never_becomes_the_title(lines: list[str], teaser: bool,
                                                              twice: bool) -> None:
    """Metamorphic: promotional lines (and a teaser about another story) put above the headline,
    in any number and order, leave the guess unchanged; so does a repeated promotion."""
    top = [*lines, *lines[:1] * twice, *[TEASER] * teaser]
    text = "\n".join([*top, HEADLINE, BODY])
    assert guess_title(text) == HEADLINE
