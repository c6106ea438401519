"""Each check kind on short texts: what supports, what contradicts, and the traps that must stay
quiet. One row per case; the claims' own `examples:` are tested through the pytest plugin."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from verifier.model import Verdict

Judge = Callable[..., Verdict]

PUB = "2025-10-28"
ROWS = [
    # office
    ("takaichi-prime-minister", "Japanese Prime Minister Shinzo Abe greeted Trump.", PUB,
     "contradicted"),
    # undated, the text may be from before the handover (Abe held the office until 2020)
    ("takaichi-prime-minister", "Japanese Prime Minister Shinzo Abe greeted Trump.", None,
     "silent"),
    ("takaichi-prime-minister", "In 2019, Japanese Prime Minister Shinzo Abe hosted Trump.", None,
     "silent"),
    ("takaichi-prime-minister", "Takaichi, who became Japan's first female prime minister last "
     "week, spoke.", None, "silent"),
    ("takaichi-prime-minister", "LDP leader Sanae Takaichi spoke.", None, "silent"),
    ("takaichi-prime-minister", "Foreign Minister Sanae Takaichi spoke.", PUB, "contradicted"),
    ("takaichi-prime-minister", "Foreign Minister Sanae Takaichi spoke.", None, "silent"),
    ("trump-sitting-president", "Both President Trump and Prime Minister Takaichi are hawks.",
     None, "supported"),
    ("trump-sitting-president", "President Xi Jinping will meet Trump.", None, "silent"),
    ("takaichi-first-female-pm", "Japan's first female prime minister met Trump.", None, "silent"),
    # spelling
    ("takaichi-name-spelling", "Sanea Takaichi met Trump.", None, "contradicted"),
    ("takaichi-name-spelling", "TAKAICHI MEETS TRUMP", None, "supported"),
    # value
    ("defense-spending-2pct-gdp", "In Europe spending 5% of GDP on defense is the goal, I doubt "
     "it in the Japanese case.", None, "silent"),
    ("defense-spending-2pct-gdp", "Japan will lift defense spending to 2% of GDP, a move "
     "supported by Washington.", None, "supported"),
    ("investment-550bn", "Japan pledged $550bn in investment.", None, "supported"),
    # a hard-wrapped figure alone on its line is no table row (it once raised IndexError)
    ("defense-spending-2pct-gdp", "Japan will raise its defense spending to\n2%\nof GDP, "
     "Takaichi said.", None, "supported"),
    ("defense-spending-2pct-gdp", "Japan will raise its defense spending to\n3%\nof GDP, "
     "Takaichi said.", None, "contradicted"),
    ("tariff-15pct", "Trump dropped the idea of a 100% tariff on Chinese goods.", None, "silent"),
    # place
    ("summit-location", "The Tokyo summit is seen as a turning point in the US-Japan alliance.",
     None, "supported"),
    ("summit-location", "Trump is heading into the next set of APEC meetings in Korea.", None,
     "silent"),
    ("summit-location", "Following the talks, Trump and Takaichi were scheduled to visit the US "
     "naval base in Yokosuka.", None, "silent"),
    ("summit-location", "Trump and Takaichi will meet again in Washington next year.", None,
     "silent"),
    # date
    ("summit-date", "Trump, who met Emperor Naruhito on Monday, praised Japan.", PUB, "silent"),
    ("summit-date", "Trump arrived on Monday and met Takaichi the next day.", PUB, "silent"),
    ("summit-date", "Trump met Takaichi in Tokyo on Tuesday.", None, "supported"),
    ("summit-date", "Trump met Takaichi in Tokyo on Wednesday.", None, "contradicted"),
    # event
    ("minerals-framework-signed", "Did Trump and Takaichi sign a rare earths deal?", None,
     "silent"),
    ("nobel-nomination", "If Takaichi nominated Trump for the Nobel prize, he would be pleased.",
     None, "silent"),
    # a part of an event dates and places the whole ("during")
    ("summit-date", "Trump and Takaichi signed a rare earths framework on Wednesday.", PUB,
     "contradicted"),
    ("summit-date", "TOKYO, Oct 27 (Wire) - Trump and Takaichi met in Tokyo on Tuesday.", PUB,
     "supported"),
    # people named without their names
    ("minerals-framework-signed", "Trump met Takaichi. The two leaders signed a rare earths "
     "agreement.", None, "supported"),
    ("takaichi-elected-by-parliament", "Takaichi succeeded Ishiba. Japan's parliament elected "
     "her prime minister on Oct. 4.", PUB, "contradicted"),
    # negations that do not negate
    ("minerals-framework-signed", "Takaichi wasted no time in signing a rare earths deal with "
     "Trump.", None, "supported"),
    ("yokosuka-visit", "Trump and Takaichi did not call off their visit to the naval base in "
     "Yokosuka.", None, "supported"),
    ("nobel-nomination", "Takaichi stopped short of nominating Trump for the Nobel prize.", None,
     "contradicted"),
    # succession
    ("predecessor-ishiba", "Kishida was succeeded by Ishiba in 2024.", None, "silent"),
    ("predecessor-ishiba", "Takaichi took office after Fumio Kishida stepped down.", None,
     "contradicted"),
    ("predecessor-ishiba", "Ishiba, whom Takaichi replaced, stayed in parliament.", None,
     "supported"),
]


@pytest.mark.parametrize(("claim", "text", "published", "expect"), ROWS,
                         ids=[f"{r[0]}:{r[1][:40]}" for r in ROWS])
def test_check(judge: Judge, claim: str, text: str, published: str | None, expect: str) -> None:
    verdict = judge(claim, text, published)
    assert verdict.verdict == expect, verdict.evidence


def test_evidence_points_at_the_words(judge: Judge) -> None:
    text = "Intro line.\n\nLater, former President Donald Trump spoke."
    verdict = judge("trump-sitting-president", text, PUB)
    assert verdict.verdict == "contradicted"
    first = verdict.evidence[0]
    assert (first.line, first.column) == (3, 15)
    assert "former" in first.reason and first.spans[0].text == "President"


def test_hedged_support_is_marked(judge: Judge) -> None:
    verdict = judge("minerals-framework-signed",
                    "Trump and Takaichi are likely to sign a rare earths agreement.")
    assert verdict.verdict == "supported" and verdict.hedged
