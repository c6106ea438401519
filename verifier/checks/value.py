"""Kind `value`: a subject's property has a typed value (percent, money, number, year).

Passing: "Japan's ongoing efforts to expand its defense spending to 2% of GDP" -> supported
("two per cent" and "2 percent of gross domestic product" are the same value).
Failing: "Japan aims to raise its defense spending to 3% of GDP" -> contradicted.
A value belongs to the nearest entity of the subject's type (same clause first): in "in Europe
spending 5% of GDP, I doubt it in the Japanese case" the 5% is Europe's, not Japan's. Entities
listed as `context` (the other party of a deal) never take a value away from the subject.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from verifier.checks.binding import part_of_whole, time_scope, value_binding
from verifier.checks.context import Context
from verifier.checks.rows import on_row, rows
from verifier.checks.versus import set_against, versus_for
from verifier.index import ArticleIndex, Sentence
from verifier.model import Claim, Evidence
from verifier.registry import ENTITY, folded
from verifier.text.modality import modality
from verifier.text.values import Value, describe, same_amount

KIND = "value"
# Places and organizations compete for a value ("NATO allies agreed to 5%", "Europe's 5%").
ACTORS = ("place", "organization")
# A value right after these is a previous level, a change or a part, not the level itself
# ("cut to 15% from 27.5%", "raised by 0.5%", "a plan which includes $100 billion for ships").
_NOT_LEVEL = re.compile(
    r"\b(?:from|by|versus|vs\.?|compared with|compared to|than|includ(?:es|ing|ed)|of which|"
    r"such as)\s+(?:about\s+|around\s+|some\s+|roughly\s+)?$",
    re.IGNORECASE,
)


def _cues_met(claim: Claim, index: ArticleIndex, sentence: Sentence) -> bool:
    """Every cue group in the sentence; or, for a sentence that continues the previous one
    without naming the subject, in the two together ("Washington presses Tokyo to spend more on
    its military. Takaichi vowed to reach the target of 2 percent of GDP")."""
    groups = [folded(tuple(group)) for group in claim.content.get("cues", ())]
    words = sentence.words()
    if all(g & words for g in groups):
        return True
    # only a continuation borrows cues: a sentence naming the subject itself stands alone
    # ("Japan currently spends about 1.8% of GDP on defence" is not the target)
    subject = claim.content["subject"]
    if sentence.index == 0 or subject in sentence.entities() or not any(g & words for g in groups):
        return False
    both = words | index.sentences[sentence.index - 1].words()
    return all(g & both for g in groups)


def _proxies(ctx: Context) -> dict[str, str]:
    """Office holders speak for their jurisdiction ("Takaichi vowed to reach 2%" is Japan's)."""
    out: dict[str, str] = {}
    for office, holder in sorted(ctx.registry.holders.items()):
        place = ctx.registry.entities[office].jurisdiction
        if place:
            out.setdefault(holder, place)
    return out


def _speakers(ctx: Context, subject: str) -> dict[str, str]:
    """The office holders who speak for the subject (or for a place inside it)."""
    by_subject: dict[str, dict[str, str]] = ctx.registry.memo(
        "value speakers", lambda: _speakers_by_subject(ctx))
    return by_subject.get(subject, {})


def _speakers_by_subject(ctx: Context) -> dict[str, dict[str, str]]:
    """Every place or body -> the holders who speak for it or for a place inside it, built in
    one pass over the holders (asking per claim's subject walked them all again each time)."""
    out: dict[str, dict[str, str]] = {}
    for holder, place in ctx.registry.memo("value proxies", lambda: _proxies(ctx)).items():
        for above in ctx.registry.ancestors(place):
            out.setdefault(above, {})[holder] = place
    return out


def _owner(index: ArticleIndex, sentence: Sentence, value: Value, context: set[str],
           proxies: dict[str, str]) -> str | None:
    """The nearest actor (place, organization, or an office holder for their jurisdiction),
    preferring the value's own clause."""
    clause = sentence.clause_of(value.start)
    best: tuple[int, int, str] | None = None
    for m in sentence.mentions:
        inside = m.start < value.end and value.start < m.end  # "US$550bn" names no owner
        target = proxies.get(m.target, m.target)
        if m.category != ENTITY or target in context or inside:
            continue
        if not any(index.registry.of_type(target, t) for t in ACTORS):
            continue
        distance = value.start - m.end if m.end <= value.start else m.start - value.end
        outside = 0 if clause[0] <= m.start < clause[1] else 1
        rank = (outside, distance, target)
        if best is None or rank < best:
            best = rank
    return best[2] if best else None


def _is_level(index: ArticleIndex, sentence: Sentence, value: Value) -> bool:
    return not _NOT_LEVEL.search(index.text[max(sentence.start, value.start - 30):value.start])


def _comparable(value: Value, expected: dict[str, Any]) -> bool:
    """Money in another currency (yen for a dollar claim) is not converted: it says nothing."""
    want = expected.get("currency")
    have = getattr(value, "currency", None)
    return not (want and have and want != have)


def _belongs(ctx: Context, owner: str | None, subject: str) -> bool:
    return owner is not None and subject in ctx.registry.ancestors(owner)


def _scope_start(claim: Claim, index: ArticleIndex) -> dt.date | None:
    """When the claim's time begins: its validity, else the year the article was published
    (a figure for an earlier year is another quantity; an undated text has no scope)."""
    if claim.valid_from is not None:
        return claim.valid_from
    published = index.published
    return dt.date(published.year, 1, 1) if published is not None else None


def measure_words(claim: Claim) -> frozenset[str]:
    """The cue words and the unit, in singular and plural: what a figure must count."""
    words = [w for group in claim.content.get("cues", ()) for w in group]
    words += str(claim.content["value"].get("unit", "")).split()
    out: set[str] = set()
    for word in folded(tuple(words)):
        out.update({word, word + "s", word.removesuffix("s")})
    return frozenset(out)


def targets(claim: Claim, ctx: Context) -> set[str] | None:
    """Entities an article must mention for this claim to be judged at all."""
    return {claim.content["subject"], *_speakers(ctx, claim.content["subject"])}


def check(claim: Claim, index: ArticleIndex, ctx: Context) -> Iterator[Evidence]:
    c: dict[str, Any] = dict(claim.content)
    subject = c["subject"]
    expected = c["value"]
    context = set(c.get("context") or ())
    proxies = _speakers(ctx, subject)
    measure = measure_words(claim)
    yield from _table_rows(claim, index)
    for sentence in index.with_any([subject, *proxies]):
        if not _cues_met(claim, index, sentence):
            continue
        for value in index.values(sentence):
            versus = value.kind == expected["type"] and versus_for(index, sentence, value,
                                                                   subject)
            if value.kind != expected["type"] or on_row(index, value.start) \
                    or not (versus or _is_level(index, sentence, value)):
                continue
            if not _comparable(value, expected) or set_against(index, sentence, value, subject):
                continue
            if not versus and not _belongs(
                    ctx, _owner(index, sentence, value, context, proxies), subject):
                continue
            lo, hi = sentence.clause_of(value.start)
            mood = modality(index.text[lo:hi])
            if mood.irrealis:
                continue
            said = describe(value)
            want = c.get("property", claim.id)
            if same_amount(value, expected, float(c.get("tolerance", 0))):
                yield index.evidence(sentence, "support", f"article gives {said} for {want}",
                                     [(value.start, value.end)], hedged=mood.hedged)
                continue
            unbound = value_binding(index, sentence, value, measure, expected["type"] == "number") \
                or part_of_whole(index, sentence, value) \
                or time_scope(index, sentence, value, lo, hi, _scope_start(claim, index))
            if unbound:
                index.reject(sentence, unbound, [(value.start, value.end)])
            else:
                yield index.evidence(
                    sentence, "contradict",
                    f"article gives {said} for {want}; claim says {describe_expected(expected)}",
                    [(value.start, value.end)], hedged=mood.hedged)


def _table_rows(claim: Claim, index: ArticleIndex) -> Iterator[Evidence]:
    """Rows of a results table or list ("Unity Party - 88" under "Seats won:")."""
    c = claim.content
    expected = c["value"]
    cues = [folded(tuple(group)) for group in c.get("cues", ())]
    if not cues:
        return  # a heading must name the measure
    want = c.get("property", claim.id)
    for row in rows(index, c["subject"], expected["type"], measure_words(claim), cues,
                    _scope_start(claim, index)):
        said = describe(row.value)
        spans = [(row.value.start, row.value.end)]
        if same_amount(row.value, expected, float(c.get("tolerance", 0))):
            yield index.evidence(row.sentence, "support",
                                 f"table row under '{row.heading}' gives {said} for {want}", spans)
        else:
            yield index.evidence(
                row.sentence, "contradict", f"table row under '{row.heading}' gives {said} for "
                f"{want}; claim says {describe_expected(expected)}", spans)


def describe_expected(expected: dict[str, Any]) -> str:
    amount = float(expected["amount"])
    if expected["type"] == "percent":
        return f"{amount:g}%"
    if expected["type"] == "money":
        return f"{expected.get('currency', '')} {amount:,.0f}".strip()
    return f"{amount:g}"
