"""Words that mix Latin and Cyrillic letters: look-alikes ("Osaka" written with a Cyrillic
"a", U+0430) that no name, place or month matches, so a contradiction written with them would
pass the gate silently. Real text does not mix the two scripts inside one word (none of the 922
field-test pages does). Linear: a possessive pattern finds each word once, and only a text
holding both scripts is read word by word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_CYRILLIC = re.compile("[\u0400-\u052f]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]++")  # letters only; possessive: never re-scanned


def mixed_words(text: str) -> Iterator[tuple[int, str]]:
    """(offset, word) of each word holding both Latin and Cyrillic letters, in order."""
    if _CYRILLIC.search(text) is None or _LATIN.search(text) is None:
        return
    for match in _WORD.finditer(text):
        word = match.group()
        if _CYRILLIC.search(word) and _LATIN.search(word):
            yield match.start(), word
