"""Binding of a figure to the claim's period and mood: a figure for another reporting period
("fourth-quarter revenue", "a year earlier", "up 22% sequentially") or a forecast ("analysts
had expected $54.9 billion", "expects revenue of $65 billion") is not the reported level the
claim states, unless the claim itself names that period or is itself a forecast.

The claim's own words (statement and property) say which periods and which mood it speaks of;
nothing here is tied to one event or one company.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from verifier.engine.index import ArticleIndex, Sentence
from verifier.text.values import Value

_ORDINAL = {"first": "1", "1st": "1", "second": "2", "2nd": "2", "third": "3", "3rd": "3",
            "fourth": "4", "4th": "4"}
# One alternative per period label; the label is built from the groups in `_label`.
_PERIOD = re.compile(
    r"\b(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+(?:fiscal[-\s]+)?quarter\b"
    r"|\bQ(?P<qn>[1-4])\b|\b(?P<nq>[1-4])Q\b"
    r"|\b(?P<h>first|second)[-\s]+half\b|\bH(?P<hn>[12])\b"
    r"|\b(?:fiscal|financial)[-\s]+(?:year[-\s]+)?(?P<fy>(?:19|20)\d\d)\b"
    r"|\bFY[-\s]?'?(?P<fyn>(?:19|20)?\d\d)\b"
    r"|(?P<full>\bfull[-\s]year\b)"
    r"|(?P<ago>\b(?:a|one)\s+year\s+(?:earlier|ago|before)\b|\byear[-\s](?:ago|earlier)\b"
    r"|\b(?:same\s+(?:period|quarter)\s+)?(?:of\s+)?(?:last|previous|prior)\s+year\b"
    r"|\bprior[-\s]year\b)"
    r"|(?P<yoy>\byear[-\s](?:over|on)[-\s]year\b|\bYoY\b|\by/y\b)"
    r"|(?P<seq>\bsequential(?:ly)?\b|\bquarter[-\s](?:over|on)[-\s]quarter\b|\bq/q\b|\bQoQ\b)"
    r"|(?P<prev>\b(?:previous|prior|last|preceding)\s+quarter\b|\ba\s+quarter\s+(?:earlier|ago)\b)"
    r"|(?P<next>\b(?:next|current|coming|following|upcoming)\s+(?:fiscal\s+)?quarter\b)"
    r"|(?P<nexty>\bnext\s+(?:fiscal\s+)?year\b)",
    re.IGNORECASE,
)
# A period after these is the base a change is measured from: "up 62% from a year earlier".
_BASE_BEFORE = re.compile(
    r"\b(?:from|than|over|versus|vs\.?|compared\s+(?:with|to)|against|relative\s+to)\s+"
    r"(?:the\s+|a\s+)?(?:same\s+(?:period|quarter)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)


def _label(m: re.Match[str], before: str) -> str:
    g = m.groupdict()
    if g["q"] or g["qn"] or g["nq"]:
        return "Q" + (_ORDINAL.get((g["q"] or "").lower()) or g["qn"] or g["nq"])
    if g["h"] or g["hn"]:
        return "H" + ("1" if (g["h"] or "").lower() == "first" or g["hn"] == "1" else "2")
    if g["fy"] or g["fyn"]:
        year = g["fy"] or g["fyn"]
        return "fiscal " + (year if len(year) == 4 else "20" + year)
    if g["yoy"]:
        return "against a year earlier"
    if g["seq"]:
        return "against the previous quarter"
    name = next(k for k in ("full", "ago", "prev", "next", "nexty") if g[k])
    label = {"full": "the full year", "ago": "a year earlier", "prev": "the previous quarter",
             "next": "the next quarter", "nexty": "next year"}[name]
    if name in ("ago", "prev") and _BASE_BEFORE.search(before):
        return "against " + label
    return label


@dataclass(frozen=True)
class Period:
    start: int
    end: int
    label: str


def periods(text: str, start: int = 0, end: int | None = None) -> list[Period]:
    """Reporting periods named in text[start:end], with their labels ("Q3", "fiscal 2026",
    "a year earlier", "against a year earlier" for the base of a change)."""
    stop = len(text) if end is None else end
    return [Period(m.start(), m.end(), _label(m, text[max(start, m.start() - 40):m.start()]))
            for m in _PERIOD.finditer(text, start, stop)]


@lru_cache(maxsize=4096)
def claimed_periods(wording: str) -> frozenset[str]:
    """The periods a claim's statement and property name."""
    return frozenset(p.label for p in periods(wording))


# Words that make a figure a forecast or an estimate rather than a reported level.
FORECAST = frozenset(
    "expect expects expected expecting expectation expectations forecast forecasts forecasted "
    "forecasting projected projection projections predict predicts predicted anticipate "
    "anticipates anticipated guidance guided guide outlook estimate estimates estimated "
    "consensus analyst analysts polled potential possible hypothetical likely unlikely poised "
    "projecting proposed proposal nearing negotiating mulling offer offers "
    "offered bid bids rumoured rumored".split())
# A deal still being negotiated: its price is not the agreed one
_NEGOTIATING = re.compile(r"\b(?:in|advanced|exclusive|early|preliminary)\s+(?:talks|negotiations)"
                          r"\b|\bin\s+the\s+making\b|\b(?:proposed|potential|possible|mooted|"
                          r"rumou?red)\s+(?:deal|acquisition|takeover|merger|purchase|sale|bid)\b",
                          re.IGNORECASE)
# Other people's forecasts: a forecast claim (a company's outlook) is not contradicted by them.
OTHERS_FORECAST = frozenset("analyst analysts consensus estimate estimates polled".split())
_WORD = re.compile(r"[a-z]+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _figure_between(index: ArticleIndex, sentence: Sentence, value: Value,
                    lo: int, hi: int) -> bool:
    return any(v is not value and not v.is_date and lo <= v.start and v.end <= hi
               for v in index.values(sentence))


def period_binding(index: ArticleIndex, sentence: Sentence, value: Value,
                   wording: str) -> str | None:
    """Whether a period named next to the figure (no other figure in between) is one the claim
    names; a figure for another quarter or year, or a change against another base, is another
    quantity. A base ("up 62% from a year earlier") qualifies only a change, a percent."""
    claimed = claimed_periods(wording)
    for period in periods(index.text, sentence.start, sentence.end):
        if period.label in claimed or (period.label.startswith("against")
                                       and value.kind != "percent"):
            continue
        if period.start < value.end and value.start < period.end:
            continue  # the figure is inside the period's words ("fiscal 2026")
        if _opens_sentence(index, sentence, period) and period.end <= value.start:
            return _another_period(index, value, period)
        lo, hi = (period.end, value.start) if period.end <= value.start \
            else (value.end, period.start)
        if not _figure_between(index, sentence, value, lo, hi):
            return _another_period(index, value, period)
    return None


def _another_period(index: ArticleIndex, value: Value, period: Period) -> str:
    said = index.text[period.start:period.end]
    return f"'{value.text}' is the figure for '{said}' ({period.label}), " \
           "a period the claim does not name"


def _opens_sentence(index: ArticleIndex, sentence: Sentence, period: Period) -> bool:
    """ "In the year-earlier period, Nvidia earned ...": a period in the sentence's opening
    clause, with no figure of its own, scopes the whole sentence."""
    lo, hi = sentence.clause_of(period.start)
    return lo == sentence.start and hi < sentence.end and not any(
        lo <= v.start < hi and not v.is_date for v in index.values(sentence))


def forecast_binding(index: ArticleIndex, sentence: Sentence, value: Value,
                     wording: str) -> str | None:
    """A forecast or estimate in the figure's clause is not the reported level; a claim that
    is itself a forecast is still not contradicted by other people's estimates."""
    lo, hi = sentence.clause_of(value.start)
    said = _words(index.text[lo:hi])
    claim = _words(wording)
    found = sorted(said & (OTHERS_FORECAST if claim & FORECAST else FORECAST) - claim)
    talks = _NEGOTIATING.search(sentence.text)
    if talks and not claim & FORECAST:
        return f"'{value.text}' stands in a sentence about a deal not yet made " \
               f"('{talks.group()}'), not the level the claim reports"
    if found:
        return f"'{value.text}' stands in a forecast or estimate ('{found[0]}'), " \
               "not the level the claim reports"
    return None
