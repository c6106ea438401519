"""Best guesses at a plain-text article's title and published date, from the top of the text.

Scraped text has no markup to say which line is the headline, so: a line repeated near the top
(pages print their headline two or three times) wins; otherwise the first headline-shaped line
(4 to 25 words, not shouting in capitals, not a web address, not a date, not a menu such as
"Home | World | Asia", no final full stop).
The published date is a short line near the top that is only a date ("Tuesday, October 28,
2025", "28 October 2025 10:06", "2025-10-28"); dates inside sentences are about events, not
publication. `--title` and `--published` override both; the report shows what was chosen.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

TOP_LINES = 40
_MONTHS = {m: i for i, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"),
    start=1) for m in names.split()}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATES = (
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"),
    re.compile(r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})"),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
)
_SEPARATOR = re.compile(r"\s[|/\u2022\u00b7\u00bb>]\s")  # "Home | World", "News / Asia"
_WEB = re.compile(r"\b\w+\.(?:com|org|net|az|co|io|news|info|tv)\b|https?://|www\.", re.I)


def guess_title(text: str) -> str:
    lines = _top(text)
    counts = Counter(line.rstrip(":") for line in lines if _headline_shaped(line.rstrip(":")))
    repeated = [line for line, n in counts.items() if n > 1]
    if repeated:
        return repeated[0]
    return next((line for line in lines if _headline_shaped(line)), "")


def guess_published(text: str) -> str:
    for line in _top(text):
        if len(line.split()) <= 8:
            found = find_date(line)
            if found:
                return found
    return ""


def find_date(line: str) -> str:
    """The first calendar date in `line` as YYYY-MM-DD, or ""."""
    for pattern in _DATES:
        for match in pattern.finditer(line):
            month = match["month"]
            number = int(month) if month.isdigit() else _MONTHS.get(month.lower(), 0)
            try:
                return dt.date(int(match["year"]), number, int(match["day"])).isoformat()
            except ValueError:
                continue
    return ""


def _top(text: str) -> list[str]:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return [line for line in lines if line][:TOP_LINES]


def _headline_shaped(line: str) -> bool:
    words = line.split()
    return (4 <= len(words) <= 25 and not line.isupper() and not line.endswith(".")
            and not _WEB.search(line) and not find_date(line) and not _menu(line))


def _menu(line: str) -> bool:
    """A navigation line: three or more short items between separators."""
    items = _SEPARATOR.split(line)
    return len(items) >= 3 and all(len(item.split()) <= 3 for item in items)
