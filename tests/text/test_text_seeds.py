"""The text layer on the five real seed articles (read-only): boilerplate, joins, dates."""

from __future__ import annotations

import datetime as dt

import pytest
from text_tables import seed

from verifier.text.boilerplate import classify
from verifier.text.normalize import normalize
from verifier.text.segment import segment
from verifier.text.values import extract

# (seed, start of a line, the rule expected to fire; "" = content). The first line found
# starting with the text is checked, so a repeated line's later copies need their own row.
LINES = [
    ("000", "Tuesday, October 28, 2025", ""),
    ("000", "Trump and Takaichi sign trade and rare earths deals heralding", ""),
    ("000", "trump takaichi trade deal, golden age alliance", "seo keywords"),
    ("000", "No comments:", "comment form"),
    ("000", "Post a Comment", "comment form"),
    ("000", "READ MORE:", "teaser"),
    ("000", "youtube news video", "lowercase fragment"),
    ("000", "the question of whether the Trump administration", ""),
    ("001", "Trump in Japan: New deal on rare earths", ""),
    ("001", "By DW News", "byline"),
    ("001", "Key Concepts", ""),
    ("001", "- New Japanese Prime Minister: Sen Takichi", ""),
    ("001", "Conclusion", ""),
    ("001", "Chat with this Video", "widget"),
    ("001", "AI-PoweredHi!", "widget"),
    ("002", "Home / NEWS /", "breadcrumb"),
    ("002", "### Main Keyword", ""),
    ("002", "#### Geopolitical Context", ""),
    ("002", "Source link", "teaser"),
    ("002", "Leave a Reply", "comment form"),
    ("003", "Trump, Takaichi sign rare earth deal vs China", ""),
    ("003", "Table of Contents", "label"),
    ("003", "Tags :", "label"),
    ("003", "Share :", "label"),
    ("003", "About Author", "label"),
    ("003", "Syed Sadat Hussain Shah", "navigation"),
    ("003", "Latest Posts", "label"),
    ("003", "Your email address will not be published.", "comment form"),
    ("004", "twitter", "label"),
    ("004", "night_theme", "label"),
    ("004", "WHAT ARE YOU LOOKING FOR ?", "navigation"),
    ("004", "Any use of materials is allowed", "copyright"),
    ("004", "US-Japan ties rebooted: New PM Takaichi and Trump sign key economic deal", ""),
    ("004", "28 October 2025 10:06", ""),
    ("004", "Views: 110", "counter"),
    ("004", "share-lineLiked the story?", "widget"),
    ("004", "copy link", "label"),
    ("004", "Follow us on Telegram", "widget"),
    ("004", "The most important world news", "navigation"),
    ("004", "loading", "label"),
]


@pytest.mark.parametrize(("name", "start", "reason"), LINES,
                         ids=[f"{n}-{s[:30]}" for n, s, _ in LINES])
def test_seed_lines(name: str, start: str, reason: str) -> None:
    text = normalize(seed(name)).text
    line = next(x for x in classify(text) if text[x.start:x.end].startswith(start))
    assert line.reason == reason


@pytest.mark.parametrize("name", ["000", "002", "004"])
def test_every_copy_of_the_headline_after_the_first_is_repeated(name: str) -> None:
    text = normalize(seed(name)).text
    lines = [x for x in classify(text) if not x.reason]
    headline = text[lines[0].start:lines[0].end] if name != "004" else ""
    copies = [x for x in classify(text)
              if headline and " ".join(text[x.start:x.end].split()).rstrip(":") == headline]
    assert all(x.reason == "repeated" for x in copies[1:])


# Boilerplate lines of 12+ words (copies aside: keywords, repeats, breadcrumbs) are widgets,
# teasers or forms, never the article's prose.
COPIES = {"seo keywords", "repeated", "breadcrumb"}
LONG_BOILERPLATE = {
    "000": {"READ MORE:"}, "001": {"AI-PoweredHi!"}, "002": {"Your email address"},
    "003": {"Your email address"}, "004": {"Any use of materials"},
}


@pytest.mark.parametrize("name", sorted(LONG_BOILERPLATE))
def test_no_prose_line_is_boilerplate(name: str) -> None:
    text = normalize(seed(name)).text
    long = {text[x.start:x.end] for x in classify(text)
            if x.reason not in COPIES | {""} and len(text[x.start:x.end].split()) >= 12}
    assert {p for p in LONG_BOILERPLATE[name] if any(t.startswith(p) for t in long)} == \
        LONG_BOILERPLATE[name]
    assert all(any(t.startswith(p) for p in LONG_BOILERPLATE[name]) for t in long)


def test_seed_000_broken_sentence_is_joined() -> None:
    text = normalize(seed("000")).text
    joined = [s for s in segment(text) if "met with the new." in text[s.start:s.end]]
    assert len(joined) == 1
    assert " ".join(text[joined[0].start:joined[0].end].split()) == (
        "In the last hour, Trump met with the new. Japanese Prime Minister Shinzo Abe in Tokyo.")


def test_seed_000_lowercase_continuations_are_joined() -> None:
    text = normalize(seed("000")).text
    sentences = [" ".join(text[s.start:s.end].split()) for s in segment(text)]
    assert any("America's allies, Japan, but for the Europeans as well" in s for s in sentences)
    assert any(s.startswith("I think you saw the pieces of that deal") for s in sentences)


def test_seed_003_on_tuesday_resolves_to_the_published_day() -> None:
    text = normalize(seed("003")).text
    first = next(s for s in segment(text) if "on Tuesday" in text[s.start:s.end])
    (tuesday,) = [v for v in extract(text, first.start, first.end, dt.date(2025, 10, 28))
                  if v.is_date]
    assert tuesday.date is not None and tuesday.date.first == dt.date(2025, 10, 28)


def test_seed_offsets_point_at_the_original_text() -> None:
    original = seed("004")
    norm = normalize(original)
    start = norm.text.index("Takaichi described the Japan-US security partnership")
    line, column = norm.line_col(norm.original_offset(start))
    assert original.splitlines()[line - 1][column - 1:].startswith("Takaichi described")
