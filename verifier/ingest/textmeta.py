"""Best guesses at a plain-text article's title and published date, from the top of the text.

Scraped text has no markup to say which line is the headline, so: a line repeated near the top
(pages print their headline two or three times) wins; otherwise the first headline-shaped line
(4 to 25 words, not shouting in capitals, not a web address, not a date, not a menu such as
"Home | World | Asia", no final full stop) that is about what the body is about (shares content
words with the prose below it), else the first headline-shaped line at all.
Page furniture never counts as a headline: lines the verifier's boilerplate rules mark
(navigation labels, share and newsletter widgets, breadcrumbs, bylines), and short promotional
or account lines: a call to action (a line of at most CALL_WORDS words opening with an imperative
web verb: "Sign up", "Start your free trial") or a line naming a subscription, price or account
("Unlock unlimited access", "Members save 20%"). These are generic shapes of web pages, never
one site's wording.
The published date is a short line near the top that is only a date ("Tuesday, October 28,
2025", "28 October 2025 10:06", "2025-10-28"); dates inside sentences are about events, not
publication. `--title` and `--published` override both; the report shows what was chosen.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from verifier.text.boilerplate import classify

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
# Calls to action open with an imperative verb of web pages; promotions name a product, price or
# account. Only lines of at most CALL_WORDS words: "Sign up" is furniture, a sentence is not.
CALL_WORDS = 7
_CALL = re.compile(
    r"^\W*(?:sign|log|subscribe|join|register|download|install|unlock|upgrade|start|get|try|"
    r"claim|renew|activate|become|go|gift|give|support|donate|enable|allow|accept|manage|"
    r"click|tap|swipe|scroll|see|view|read|watch|listen|follow|share|save|shop|buy|skip|"
    r"continue|learn|discover|explore)\b", re.I)
_PROMO = re.compile(
    r"\b(?:premium|subscri\w*|membership|members[- ]only|newsletters?|paywall|sign[- ]?(?:up|in)|"
    r"log[- ]?(?:in|out)|free trial|unlimited access|ad-free|per (?:month|week|year))\b|"
    r"[$\u20ac\u00a3]\s?\d|\d\s?%\s?off\b", re.I)
_BUTTON = re.compile(r"[\u203a\u00bb\u2192>]\s*$")  # a line ending in an arrow or chevron
PROSE_WORDS = 12
ABOUT = 0.3  # share of a headline's content words found in the prose
_WORDS = re.compile(r"[^\W\d_]+")
_WEB = re.compile(r"\b\w+\.(?:com|org|net|az|co|io|news|info|tv)\b|https?://|www\.", re.I)


def guess_title(text: str) -> str:
    lines = _top(text)
    body = _prose_words(text)
    counts = Counter(line.rstrip(":") for line in lines if _candidate(line.rstrip(":"), body))
    repeated = [line for line, n in counts.items() if n > 1]
    if repeated:
        return repeated[0]
    candidates = [line for line in lines if _candidate(line, body)]
    about = [line for line in candidates if _about(line, body)]
    return next(iter(about or candidates), "")


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


def _candidate(line: str, body: set[str]) -> bool:
    return _headline_shaped(line) and not furniture(line, body)


def furniture(line: str, body: set[str]) -> bool:
    """Page furniture: boilerplate, or a short promotional, account or navigation line that is
    not about the prose of the page (`body`: its content words)."""
    if classify(line + "\n")[0].boilerplate:
        return True
    pitch = _CALL.match(line) or _PROMO.search(line) or _BUTTON.search(line)
    return len(line.split()) <= CALL_WORDS and bool(pitch) and not _about(line, body)


def _prose_words(text: str) -> set[str]:
    """Content words of the prose lines of the text: lines of PROSE_WORDS words or more, so a
    call to action (at most CALL_WORDS words) never vouches for itself."""
    lines = (line for line in text.splitlines() if len(line.split()) >= PROSE_WORDS)
    return {word for line in lines for word in _content(line)}


def _content(line: str) -> set[str]:
    return {w.casefold() for w in _WORDS.findall(line) if len(w) >= 4}


def _about(line: str, body: set[str]) -> bool:
    """Whether enough of the line's content words occur in the prose."""
    words = _content(line)
    return bool(words) and len(words & body) >= ABOUT * len(words)


def _menu(line: str) -> bool:
    """A navigation line: three or more short items between separators."""
    items = _SEPARATOR.split(line)
    return len(items) >= 3 and all(len(item.split()) <= 3 for item in items)
