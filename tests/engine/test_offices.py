"""Title attachment: which title, which jurisdiction, which status, which holder."""

from __future__ import annotations

import pytest

from verifier.engine import Engine
from verifier.text.normalize import fold
from verifier.text.offices import attachments

CASES = [
    # text, title, offices, qualified, status, holder
    ("former President Donald Trump spoke.", "President", {"us-president", "china-president",
     "south-korea-president"}, False, "former", "donald-trump"),
    ("US President Donald Trump spoke.", "President", {"us-president"}, True, None, "donald-trump"),
    ("the new Japanese Prime Minister Shinzo Abe in Tokyo.", "Prime Minister",
     {"japan-prime-minister"}, True, "current", "shinzo-abe"),
    ("Japan's newly appointed Minister for Economic Security, Sanae Takaichi, spoke.",
     "Minister for Economic Security", {"japan-economic-security-minister"}, True, "current",
     "sanae-takaichi"),
    ("Takaichi, Japan's prime minister, spoke.", "prime minister", {"japan-prime-minister"}, True,
     None, "sanae-takaichi"),
    ("Abe, who was Japan's prime minister, spoke.", "prime minister", {"japan-prime-minister"},
     True, "former", "shinzo-abe"),
    ("Chinese President Xi Jinping will attend.", "President", {"china-president"}, True, None,
     "xi-jinping"),
    ("Foreign Minister Taro Kono arrived.", "Foreign Minister", {"office:foreign minister"},
     False, None, "name:Taro Kono"),
    ("Both President Trump and others arrived.", "President", {"us-president", "china-president",
     "south-korea-president"}, False, None, "donald-trump"),
    ("He met the Prime Minister, Trump said.", "Prime Minister", {"japan-prime-minister"}, False,
     None, None),
    ("Prime Minister of Japan Sanae Takaichi spoke.", "Prime Minister", {"japan-prime-minister"},
     True, None, "sanae-takaichi"),
]


@pytest.mark.parametrize(("text", "title", "offices", "qualified", "status", "holder"), CASES)
def test_attachment(engine: Engine, text: str, title: str, offices: set[str], qualified: bool,
                    status: str | None, holder: str | None) -> None:
    mentions = engine.matcher.scan(text, fold(text))
    found = [a for a in attachments(text, 0, len(text), mentions, engine.registry) if a.title]
    assert len(found) == 1, found
    a = found[0]
    assert (a.title, set(a.offices), a.qualified, a.status, a.holder) == (
        title, offices, qualified, status, holder)


def test_late_person(engine: Engine) -> None:
    text = "the late Shinzo Abe was remembered."
    mentions = engine.matcher.scan(text, fold(text))
    found = attachments(text, 0, len(text), mentions, engine.registry)
    assert [(a.status, a.holder) for a in found] == [("late", "shinzo-abe")]
