"""A normalised view of an article with an exact map back to the original text.

Matching and segmentation run on the normalised text; evidence is reported at the original
line:col. Normalisation: NFKC, curly quotes -> ' and ", every dash -> '-', unicode spaces -> ' ',
line/paragraph separators -> '\\n', runs of blanks and tabs -> one space, zero-width and
other format characters (soft hyphen, BOM, bidi marks) removed, other control characters ->
' ', '\\r\\n' and lone '\\r' -> '\\n'.
A base character and its combining marks are normalised together, so "o" + macron becomes "ō".
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import cached_property

__all__ = ["Normalized", "fold", "normalize"]

_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# Runs of characters that may change: CR, controls and anything outside printable ASCII.
_SPECIAL = re.compile(r"[^\t\n\x20-\x7e]+")
# The same, also taking in runs of spaces and tabs, which collapse to one space ("shot  dead",
# "a \t b"): for texts that hold any (checked first, since this scan is twice as slow).
_SPECIAL_SPACES = re.compile(r" ?(?:  |[^\n\x20-\x7e])[^\n\x21-\x7e]*")
_HORIZONTAL = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# Inside a run: a stretch of horizontal space, CR LF, or a base character with its combining
# marks (normalised together, so "o" + macron becomes one letter).
_CLUSTER = re.compile(rf"{_HORIZONTAL}{{2,}}|\r\n|.[{_COMBINING}]*", re.DOTALL)
_MARK = re.compile(f"[{_COMBINING}]")
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u00b4\u02bc\u02b9"
# Guillemets stay: in English pages they are mostly breadcrumb separators ("Home » World").
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036\u02ba"
_DASHES = "\u2212\u2043\u2e3a\u2e3b\ufe58\ufe63\uff0d"


def _char(c: str) -> str:
    """The replacement of one character that NFKC has already seen."""
    if c in _SINGLE_QUOTES:
        return "'"
    if c in _DOUBLE_QUOTES:
        return '"'
    category = unicodedata.category(c)
    if category == "Pd" or c in _DASHES:
        return "-"
    if category == "Zs":
        return " "
    if category in ("Zl", "Zp"):
        return "\n"
    if category == "Cf":
        return ""
    if category == "Cc" and c != "\n":
        return " "  # tabs and other controls
    return c


_CACHE: dict[str, str] = {"\r": "\n", "\r\n": "\n", "\t": " "}


def _replace(cluster: str) -> str:
    if len(cluster) > 1 and cluster.isspace() and "\n" not in cluster:
        return " "  # a run of blanks is one space: "Prime  Minister" is "Prime Minister"
    out = _CACHE.get(cluster)
    if out is None:
        out = "".join(_char(c) for c in unicodedata.normalize("NFKC", cluster))
        if len(_CACHE) < 50_000:  # bounded: hostile input cannot grow it without limit
            _CACHE[cluster] = out
    return out


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus the map from each of its offsets to an offset in `original`.

    `_starts[k]` is where run k starts in the normalised text, `_origins[k]` where it came from,
    `_steps[k]` 1 for a copied run (offsets advance together) or 0 for a replaced cluster (every
    output character points at the cluster's first original character).
    """

    original: str
    text: str
    _starts: tuple[int, ...]
    _origins: tuple[int, ...]
    _steps: tuple[int, ...]

    def original_offset(self, i: int) -> int:
        """Original offset of normalised offset `i` (len(text) maps to len(original))."""
        if i >= len(self.text):
            return len(self.original)
        if not self._starts:
            return i
        k = bisect.bisect_right(self._starts, i) - 1
        return self._origins[k] + (i - self._starts[k]) * self._steps[k]

    @cached_property
    def _line_starts(self) -> array[int]:
        # an array of machine integers: a page of a million short lines holds a million
        return array("q", itertools.chain((0,), (m.end() for m in
                                                  re.finditer(r"\r\n|\r|\n", self.original))))

    def offset_at(self, line: int, column: int) -> int:
        """The original offset at a 1-based (line, column) that `line_col` gave."""
        return self._line_starts[line - 1] + column - 1

    def line_col(self, original_offset: int) -> tuple[int, int]:
        """1-based (line, column) of an original offset; columns count characters."""
        offset = max(0, min(original_offset, len(self.original)))
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


def _run(text: str, m: re.Match[str], last: int) -> tuple[int, int]:
    """The span to rewrite for a run: with the ASCII base before a leading combining mark, and
    with the LF after a trailing CR."""
    lo, hi = m.start(), m.end()
    if lo > last and _MARK.match(text, lo):
        lo -= 1
    if text[hi - 1] == "\r" and text.startswith("\n", hi):
        hi += 1
    return lo, hi


def normalize(text: str) -> Normalized:
    """Normalise `text`, keeping an exact offset map (identity when nothing changes)."""
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    steps: list[int] = []
    out = 0  # length of the normalised text so far
    last = 0  # end of the original text consumed so far
    special = _SPECIAL_SPACES if "  " in text or "\t" in text or "\u00a0" in text else _SPECIAL
    for m in special.finditer(text):
        if m.start() < last:  # its first character went with the previous run's CR LF
            continue
        lo, hi = _run(text, m, last)
        if lo > last:
            pieces.append(text[last:lo])
            starts.append(out)
            origins.append(last)
            steps.append(1)
            out += lo - last
        for cluster in _CLUSTER.finditer(text, lo, hi):
            replaced = _replace(cluster.group())
            if replaced:
                pieces.append(replaced)
                starts.append(out)
                origins.append(cluster.start())
                steps.append(0)
                out += len(replaced)
        last = hi
    if not last:  # nothing to change: the map is the identity
        return Normalized(text, text, (), (), ())
    if last < len(text):
        pieces.append(text[last:])
        starts.append(out)
        origins.append(last)
        steps.append(1)
    return Normalized(text, "".join(pieces), tuple(starts), tuple(origins), tuple(steps))


class _FoldTable(dict[int, str]):
    """Per-character fold for str.translate, computed on first use: lowercase, no diacritics."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        low = c.lower()
        if len(low) != 1:  # "İ".lower() is two characters: fold the base letter alone
            low = low[0]
        bare = "".join(ch for ch in unicodedata.normalize("NFD", low)
                       if not unicodedata.combining(ch))
        folded = _EXTRA.get(bare, bare) if len(bare) == 1 else low
        if len(self) < 100_000:
            self[code] = folded
        return folded


# Letters NFD does not decompose but readers treat as the plain letter.
_EXTRA = {"ø": "o", "ł": "l", "đ": "d", "\u0131": "i", "ħ": "h", "ŧ": "t"}
_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lowercase and strip diacritics character by character; the result has len(text).

    Line breaks and tabs fold to spaces, so a name matches across a line break.
    """
    folded = text.lower() if text.isascii() else text.translate(_FOLD)
    return folded.replace("\n", " ").replace("\t", " ")
