"""Line-level boilerplate detection for scraped pages, so page furniture never counts as evidence.

`classify(text)` returns every non-blank line of the (normalised) text with the name of the rule
that marked it, or "" for content. Rules are generic page-furniture shapes, never one site's
wording. Headlines, section headings and datelines are content: they can be evidence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from verifier.text.normalize import fold

__all__ = ["Line", "classify"]


class Line(NamedTuple):
    """One non-blank line (stripped span in the text) and the boilerplate rule it fired, if any
    (a named tuple, as segment.Segment)."""

    start: int
    end: int
    reason: str = ""

    @property
    def boilerplate(self) -> bool:
        return bool(self.reason)


_I = re.IGNORECASE
# Legal footers and reuse notices: about the page, never about the news.
_COPYRIGHT = re.compile(
    r"©|^\W*(?:copyright|\(c\))\b|all rights reserved|\b(?:use|reproduction|copying) of "
    r"(?:the |our |any )?(?:materials|content|articles)\b|\bhyperlink to\b", _I)
# Comment forms and their counters: reader furniture, not the article.
_COMMENTS = re.compile(
    r"^\W*(?:leave a (?:reply|comment)|post a comment|add (?:a|your) comment|no comments|"
    r"\d+ comments?\W*$|comments? (?:are|is) closed|your email address will not be published|"
    r"required fields are marked|you must be logged in|log in to (?:reply|comment)|cancel reply)",
    _I)
# Teasers link to other stories; their headlines are other articles' claims.
_TEASER = re.compile(
    r"^\W*(?:read more|read also|also read|see also|more from|related(?: \w+)?|watch|"
    r"recommended|continue reading|you may also like|most read|trending|top stories|"
    r"source link|source)\s*(?::|$)", _I)
# Page metrics ("Views: 110", "3 min read").
_COUNTER = re.compile(
    r"^(?:views?|reads?|shares?|likes?|comments?|read(?:ing)? time)\s*:?\s*[\d.,]+\s*[km]?$|"
    r"^[\d.,]+\s*[km]?\s+(?:views|shares|likes|comments|reads)$|^\d+\s*min(?:ute)?s?\s+read$", _I)
# Share bars, newsletter boxes, cookie banners, chat widgets: only in short lines.
_WIDGET = re.compile(
    r"\bfollow us\b|\bshare (?:it|this|on)\b|\bsocial media!|\bsubscribe (?:to|now)\b|"
    r"\bnewsletter\b|\bclick here\b|\bdownload (?:the|our) app\b|\bcookies?\b|"
    r"\bprivacy policy\b|\bterms of (?:use|service)\b|\bskip to (?:main )?content\b", _I)
# Widgets that open a line whatever its length (AI chat boxes put whole paragraphs there).
_WIDGET_START = re.compile(r"^\W*(?:ai-powered|chat with (?:this|the|our)\b)", _I)
# Label lists ("Tags: trump, japan") and bylines are metadata, not claims.
_TAGS = re.compile(r"^\W*(?:tags|tagged|topics|categories|filed under|keywords)\s*:", _I)
_BYLINE = re.compile(
    r"^(?i:by|written by|posted by|reported by)\s+(?:[A-Z][\w.'&-]*(?:,? [A-Z&][\w.'&-]*){0,5})$")
# Breadcrumb trails: two or more short crumbs before separators.
_SEP = "/>\u00bb\u203a"  # slash, >, guillemet, single guillemet
_CRUMBS = re.compile(f"^[^{_SEP}]{{1,30}} [{_SEP}] [^{_SEP}]{{1,40}} [{_SEP}] ")
_HASHTAGS = re.compile(r"^#\w+(?:[ ,]+#\w+)+$")
_LABELS = frozenset(" ".join("""
tags|share|categories|category|latest posts|recent posts|related posts|popular posts|about author|
about the author|author|table of contents|contents|search|menu|home|print|copy link|loading|
advertisement|ads|ad|sponsored|subscribe|login|log in|sign in|register|close|next|previous|prev|
more|follow|comments|share this|email|facebook|twitter|instagram|youtube|telegram|linkedin|
whatsapp|tiktok|reddit|pinterest|threads|x|a+|a-|top|back to top|night_theme|dark mode|
light mode|more stories|news|world|contact us|about us|listen|listen to this article|save|
bookmark|apple store|play market|google play|app store|video|photo|gallery|live|opinion|
business|sport|sports|open menu|toggle navigation""".split()).replace("| ", "|").split("|"))
_TERMINAL = re.compile(r"[.!?][\"')\]]*$")
_NON_LATIN = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f\u1e00-\u1eff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f\u1e00-\u1eff]")
_SEO_STOP = frozenset("is are was were has have had will would said says the a an".split())


def _label(line: str) -> bool:
    """Navigation and widget labels: a known label is the whole line."""
    key = " ".join(fold(line).strip("-*•|:· ").split())
    return key in _LABELS


def _seo(line: str) -> bool:
    """Keyword stuffing: 4+ comma-separated short lowercase phrases, no clause words."""
    if any(c in line for c in ".!?;:\"") or line.count(",") < 3:
        return False
    items = [i.strip() for i in line.split(",") if i.strip()]
    if len(items) < 4 or any(len(i) > 40 or len(i.split()) > 5 for i in items):
        return False
    lower = sum(i == i.lower() for i in items)
    return lower >= 0.75 * len(items) and not any(w in _SEO_STOP for i in items
                                                   for w in i.split())


def _explicit(s: str, n: int) -> str:
    """The first explicit rule a (space-collapsed) line of `n` words fires, or ""."""
    if n <= 30 and _COPYRIGHT.search(s):
        return "copyright"
    if n <= 20 and _COMMENTS.match(s):
        return "comment form"
    if _TEASER.match(s):
        return "teaser"
    if n <= 6 and _COUNTER.match(s):
        return "counter"
    if _WIDGET_START.match(s) or (n <= 12 and _WIDGET.search(s)):
        return "widget"
    if n <= 4 and _label(s):
        return "label"
    if _TAGS.match(s) or _HASHTAGS.match(s):
        return "tags"
    if n <= 8 and _BYLINE.match(s):
        return "byline"
    if _CRUMBS.match(s):
        return "breadcrumb"
    return "seo keywords" if _seo(s) else ""


_LINE = re.compile(r"[^\n]+")


def _spans(text: str) -> list[tuple[int, int]]:
    """Stripped (start, end) of every non-blank line."""
    spans = []
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if stripped:
            start = m.start() + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
    return spans


def _latin_share(lines: list[str]) -> list[float]:
    """Share of Latin letters per line (1.0 for ASCII lines, the fast common case)."""
    shares = []
    for line in lines:
        if line.isascii():
            shares.append(1.0)
            continue
        latin, other = len(_LATIN.findall(line)), len(_NON_LATIN.findall(line))
        shares.append(latin / (latin + other) if latin + other else 1.0)
    return shares


def _key(line: str) -> str:
    """Comparison key of a (space-collapsed) line: copies differ at most in case and a colon."""
    return line.lower().strip(" :.,;!?-|#*")


def _short(line: str, words: int) -> bool:
    """Menu-item shape: a few words, no digits (datelines and data stay), not a heading."""
    return words <= 4 and len(line) <= 32 and not line.startswith("#") \
        and not any(map(str.isdigit, line))


def _first_pass(lines: list[str], words: list[int]) -> list[str]:
    shares = _latin_share(lines)
    # Another script inside a mostly Latin page is a widget or a language menu ("Ссылка
    # скопирована"); a page written in another script keeps its lines (it is silent anyway).
    sizes = [len(line) for line in lines]
    latin_page = sum(s * n for s, n in zip(shares, sizes, strict=True)) >= 0.8 * sum(sizes)
    seen: set[str] = set()
    reasons: list[str] = []
    # the rules depend on the line alone, and pages repeat lines (menus, templates, generated
    # text): each distinct line is tested once
    explicit: dict[str, str] = {}
    for i, line in enumerate(lines):
        reason = explicit.get(line)
        if reason is None:
            reason = explicit[line] = _explicit(line, words[i])
        if not reason and latin_page and shares[i] < 0.5:
            reason = "non-latin script"
        key = _key(line) if words[i] >= 3 else ""
        if not reason and key in seen:
            reason = "repeated"  # templates repeat the headline; the first copy is kept
        if not reason and i and _fragment(line, words[i], lines[i - 1], reasons[i - 1]):
            reason = "lowercase fragment"
        if key and not reason:
            seen.add(key)
        reasons.append(reason)
    return reasons


def _fragment(line: str, words: int, previous: str, previous_reason: str) -> bool:
    """A short all-lowercase line after a finished sentence is a widget label or tag leftover
    ("youtube news video"); after an unfinished line it continues that sentence instead."""
    finished = bool(previous_reason) or bool(_TERMINAL.search(previous))
    return words <= 6 and finished and line == line.lower() and not _TERMINAL.search(line) \
        and any(c.isalpha() for c in line)


def _runs(lines: list[str], words: list[int], reasons: list[str]) -> None:
    """Menus, share bars and footers are stacks of short labels: a run of 3+ short or flagged
    lines that holds a flagged line, or that lies outside the prose, is navigation.
    A short line between two flagged lines is navigation too ("WHAT ARE YOU LOOKING FOR ?")."""
    prose = [i for i, line in enumerate(lines) if words[i] >= 10 and _TERMINAL.search(line)]
    first, last = (prose[0], prose[-1]) if prose else (-1, len(lines))
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and (reasons[j] or _short(lines[j], words[j])):
            j += 1
        run = range(i, j)
        if len(run) >= 3 and (any(reasons[k] for k in run) or j <= first or i > last):
            for k in run:
                reasons[k] = reasons[k] or "navigation"
        i = j + 1 if j == i else j
    for k in range(1, len(lines) - 1):
        if not reasons[k] and reasons[k - 1] and reasons[k + 1] and words[k] <= 6 \
                and not lines[k].startswith("#") and not any(c.isdigit() for c in lines[k]):
            reasons[k] = "navigation"


_WORDS = re.compile(r"\S+")


def _split_headlines(text: str, spans: list[tuple[int, int]], reasons: list[str],
                     counts: list[int]) -> list[Line]:
    """A headline glued to the first paragraph ("<headline> US President Trump is ...") is cut
    off as a repeat, so the paragraph's sentence starts where the prose does. `counts`: the
    words of each line (folding keeps every white space where it is, so the folded line has
    as many)."""
    heads: list[list[str]] = []
    out: list[Line] = []
    firsts: set[str] = set()  # first words of the headlines, for a cheap first test
    for (start, end), reason, count in zip(spans, reasons, counts, strict=True):
        # the cheap tests first: most pages have no headline, and most lines are not one
        if firsts and not reason \
                and text[start:min(end, start + 24)].split(None, 1)[0].lower() in firsts:
            words = fold(text[start:end]).split()
            head = next((h for h in heads if len(words) > len(h) and words[:len(h)] == h), None)
            if head:
                tokens = list(_WORDS.finditer(text, start, end))
                cut, rest = tokens[len(head) - 1].end(), tokens[len(head)].start()
                out += [Line(start, cut, "repeated"), Line(rest, end)]
                continue
        out.append(Line(start, end, reason))
        if reason or len(heads) >= 5 or end - start > 200 or not 4 <= count <= 20:
            continue
        line = text[start:end]
        if not _TERMINAL.search(line) and 4 <= len(words := fold(line).split()) <= 20:
            heads.append([*words[:-1], words[-1].rstrip(":")])
            firsts.add(words[0])
    return out


def classify(text: str) -> list[Line]:
    """Every non-blank line of `text`, in order, with the boilerplate rule it fired ("" if none)."""
    spans = _spans(text)
    lines = [" ".join(text[s:e].split()) for s, e in spans]  # rules never depend on spacing
    words = [len(line.split()) for line in lines]
    reasons = _first_pass(lines, words)
    _runs(lines, words, reasons)
    return _split_headlines(text, spans, reasons, words)
