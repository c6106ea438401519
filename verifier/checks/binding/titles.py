"""Binding of titles: where capitals say nothing about names."""

from __future__ import annotations

import re

from verifier.engine.index import Sentence

# Small words a Title Case headline leaves in lower case.
_MINOR = frozenset("a an the and or but nor of in on at to for by with from as vs via per into "
                   "over up off out amid after".split())
_WORDS = re.compile(r"[A-Za-z][A-Za-z'-]*")


def headline(sentence: Sentence) -> bool:
    """A Title Case line with no closing stop ("Leader Hands Guest A Silver Compass"): its
    capitals say nothing about which words are names."""
    text = sentence.text.strip().rstrip("\"'")
    if text.endswith((".", "?", "!")):
        return False
    words = _WORDS.findall(text)
    content = [w for w in words if w.lower() not in _MINOR]
    return len(content) >= 3 and all(w[0].isupper() for w in content)
