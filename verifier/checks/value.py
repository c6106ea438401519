"""Kind `value`: a subject's property has a typed value (percent, money, number, year).

Passing: "Japan's ongoing efforts to expand its defense spending to 2% of GDP" -> supported
("two per cent" and "2 percent of gross domestic product" are the same value).
Failing: "Japan aims to raise its defense spending to 3% of GDP" -> contradicted.
A value belongs to the nearest entity of the subject's type (same clause first): in "in Europe
spending 5% of GDP, I doubt it in the Japanese case" the 5% is Europe's, not Japan's. Entities
listed as `context` (the other party of a deal) never take a value away from the subject.

A claim may name several subjects (a country and its central bank) or an event (the turnout of
an election: the sentence names the event and no other actor owns the figure); its value may be
a range (`min`, `max`), a duration or a start ("since 2009"). In a change "from X to Y" only the
end state is compared, or the start with `change: from`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from verifier.checks.binding import time_scope, value_binding
from verifier.checks.binding.periods import FORECAST, periods
from verifier.checks.context import Context
from verifier.checks.owners import (
    event_elsewhere,
    event_unbound,
    events_of,
    owned,
    owner_of,
    speakers,
    speakers_of,
    subjects_of,
)
from verifier.checks.readings import Candidate, one_reading
from verifier.checks.rows import on_row, rows
from verifier.checks.versus import set_against, versus_for
from verifier.engine.index import ArticleIndex, Sentence
from verifier.engine.registry import ENTITY, folded
from verifier.model import Claim, Evidence
from verifier.text.normalize import fold
from verifier.text.values import Value, compare, describe

KIND = "value"
# A value right after these is a previous level, a change or a part, not the level itself
# ("cut to 15% from 27.5%", "raised by 0.5%", "a plan which includes $100 billion for ships");
# "more than 50" is a bound, which the binding step compares (checks.binding.values).
_NOT_LEVEL = re.compile(
    r"\b(?:from|by|versus|vs\.?|compared with|compared to|(?<!more )(?<!less )(?<!fewer )than|"
    r"includ(?:es|ing|ed)|of which|"
    r"such as)\s+(?:about\s+|around\s+|some\s+|roughly\s+)?$",
    re.IGNORECASE,
)


def cue_groups(claim: Claim) -> tuple[frozenset[str], ...]:
    """The claim's cue groups, folded."""
    return tuple(folded(tuple(group)) for group in claim.content.get("cues", ()))


def _cues_met(claim: Claim, index: ArticleIndex, sentence: Sentence,
              groups: tuple[frozenset[str], ...]) -> bool:
    """Every cue group (`groups`: the claim's, folded) in the sentence; or, for a sentence that
    continues the previous one without naming the subject, in the two together ("Washington
    presses Tokyo to spend more on its military. Takaichi vowed to reach the target of 2
    percent of GDP")."""
    words = sentence.words()
    if not words:  # most sentences of a long page: no cue of any claim
        return not groups
    if all(g & words for g in groups):
        return True
    # only a continuation borrows cues: a sentence naming the subject itself stands alone
    # ("Japan currently spends about 1.8% of GDP on defence" is not the target)
    subject = claim.content["subject"]
    if sentence.index == 0 or subject in sentence.entities() or not any(g & words for g in groups):
        return False
    both = words | index.sentences[sentence.index - 1].words()
    return all(g & both for g in groups)


def _is_level(index: ArticleIndex, sentence: Sentence, value: Value) -> bool:
    return not _NOT_LEVEL.search(index.text[max(sentence.start, value.start - 30):value.start])


_CHANGE_FROM = re.compile(r"\bfrom\s+(?:about\s+|around\s+|some\s+|roughly\s+)?$",
                          re.IGNORECASE)


def _change_side(index: ArticleIndex, sentence: Sentence, value: Value, side: str
                 ) -> str | None:
    """With `change: from` the claim gives the level a change started from: only a value
    after "from" can contradict it (another may be the level reached). None: it may; else why
    not."""
    if side != "from":
        return None if _is_level(index, sentence, value) else "skip"
    if _CHANGE_FROM.search(index.text[max(sentence.start, value.start - 20):value.start]):
        return None
    return f"'{value.text}' is not the start of a change 'from X', which the claim is about"


def _comparable(value: Value, expected: dict[str, Any]) -> bool:
    """Money in another currency (yen for a dollar claim) is not converted: it says nothing."""
    want = expected.get("currency")
    have = getattr(value, "currency", None)
    return not (want and have and want != have)


def _scope_start(claim: Claim, index: ArticleIndex) -> dt.date | None:
    """When the claim's time begins: its validity, else the year the article was published,
    else the earliest year the statement names (a figure for an earlier year is another
    quantity; an undated text and a statement without a year give no scope)."""
    if claim.valid_from is not None:
        return claim.valid_from
    published = index.published
    if published is not None:
        return dt.date(published.year, 1, 1)
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", claim.statement)]
    return dt.date(min(years), 1, 1) if years else None


def _owners(ctx: Context, subjects: list[str]) -> frozenset[str]:
    """Who may own the subjects' figure: the subjects, what lies within them, their
    speakers."""
    def compute() -> frozenset[str]:
        registry = ctx.registry
        inside = {e for e in registry.entities for s in subjects if s in registry.ancestors(e)}
        return frozenset({*subjects, *inside, *speakers_of(ctx, subjects)})
    return ctx.registry.memo(("value owners", *subjects), compute)


def measure_words(claim: Claim) -> frozenset[str]:
    """The cue words and the unit, in singular and plural: what a figure must count."""
    words = [w for group in claim.content.get("cues", ()) for w in group]
    words += str(claim.content["value"].get("unit", "")).split()
    out: set[str] = set()
    for word in folded(tuple(words)):
        out.update({word, word + "s", word.removesuffix("s")})
    return frozenset(out)


def wording(claim: Claim) -> str:
    """The claim's own words about its measure: statement and property."""
    return f"{claim.statement}\n{claim.content.get('property', '')}"


@lru_cache(maxsize=4096)
def _words_of(text: str) -> frozenset[str]:
    return frozenset(fold(w).removesuffix("'s") for w in re.findall(r"[\w'-]+", text))


def claim_words(claim: Claim) -> frozenset[str]:
    """Folded words of the statement, property and cues: the qualifiers the claim uses."""
    cues = " ".join(w for group in claim.content.get("cues", ()) for w in group)
    return _words_of(f"{wording(claim)} {cues}")


def targets(claim: Claim, ctx: Context) -> set[str] | None:
    """Entities (and, for an event subject, its trigger words) an article must mention for this
    claim to be judged at all."""
    out: set[str] = set()
    for subject in subjects_of(claim):
        out |= {subject, *speakers(ctx, subject)}
        if ctx.registry.of_type(subject, "event"):
            out |= folded(ctx.registry.entities[subject].triggers)
    return out


def check(claim: Claim, index: ArticleIndex, ctx: Context) -> Iterator[Evidence]:
    c: dict[str, Any] = dict(claim.content)
    subjects = subjects_of(claim)
    events = events_of(ctx, subjects)
    expected = c["value"]
    context = set(c.get("context") or ())
    proxies = speakers_of(ctx, subjects)
    measure = measure_words(claim)
    groups = cue_groups(claim)
    side = str(c.get("change", "to"))
    tolerance = float(c.get("tolerance", 0))
    for subject in subjects:
        yield from _table_rows(claim, index, subject)
    look = [*subjects, *proxies, *(w for e in events for w in folded(
        ctx.registry.entities[e].triggers))]
    for sentence in index.with_any(look):
        # (its evidence is located in the sentence: once closed, none of it can be kept)
        if not _cues_met(claim, index, sentence, groups) or index.closed(sentence.start):
            continue
        # past the last contradiction the engine keeps, only a figure that agrees can count
        settled = index.settled("contradict", sentence.start)
        found: list[Candidate] = []
        for value in index.values(sentence):
            if value.kind != expected["type"] or not _comparable(value, expected) \
                    or (settled and compare(value, expected, tolerance) != "same") \
                    or on_row(index, value.start) \
                    or any(set_against(index, sentence, value, s) for s in subjects):
                continue
            # "B won 40, versus 88 for Unity": the figure named for the subject is its own
            versus = any(versus_for(index, sentence, value, s) for s in subjects)
            not_side = _change_side(index, sentence, value, side)
            if not_side == "skip" and not versus:
                continue
            not_side = None if not_side == "skip" else not_side
            owner = owner_of(index, sentence, value, context, proxies)
            if not versus and not owned(ctx, sentence, owner, subjects, events):
                continue
            elsewhere = event_elsewhere(ctx, index, sentence, value, events) \
                if owner is None else None
            if elsewhere:  # another occurrence's figure supports nothing either
                index.reject(sentence, elsewhere, [(value.start, value.end)])
                continue
            if owner is None and not_side is None:  # an event's figure: bound to it?
                not_side = event_unbound(ctx, index, sentence, value, events)
            found.extend(Candidate(e, [(value.start, value.end)], value.text,
                                   e.polarity == "contradict") for e in _judge(
                claim, index, sentence, value, not_side,
                (measure, groups, _owners(ctx, subjects)), ctx))
        # "five Oscars for the film, four for Baker", "194 for and 364 against": beside the
        # claimed amount, the sentence's other figures are other subjects' or sides'
        yield from one_reading(index, sentence, found, lambda agreed, other: (
            f"the sentence also gives '{agreed.label}', the claimed "
            f"{c.get('property', claim.id)}: '{other.label}' counts something else"))


# measure words, cue groups, owners
Binding = tuple[frozenset[str], tuple[frozenset[str], ...], frozenset[str]]


def _narrower(claim: Claim, sentence: Sentence, ctx: Context) -> str | None:
    """The sentence names every cue of a narrower claim about the same subject ("data center"
    and "revenue" for a claim on revenue, beside one on data center revenue): its figures
    may be that measure's. A claim of another value type narrows only by a qualifier (the
    growth of data center revenue is not the growth of revenue), not by a period or a mood
    (revenue "year-over-year" is still revenue)."""
    words = sentence.words()
    kind = str(claim.content["value"]["type"])
    own = cue_groups(claim)
    for sibling, sibling_kind, groups in ctx.siblings(claim):
        mine, theirs = list(own), [set(g) for g in groups]
        if sibling_kind != kind:
            mine = [g for g in own if not _periodic(g)]
            theirs = [g for g in theirs if not _periodic(g)]
        if not mine or not all(any(g & h for h in theirs) for g in mine):
            continue
        extra = [g for g in theirs if not any(g & h for h in own)]
        if extra and all(g & words for g in extra):
            named = sorted(extra[0] & words)[0]
            return f"the sentence names '{named}', the measure of the narrower claim {sibling}"
    return None


_FILLER = frozenset("all at least some about nearly almost only the a an more than over "
                    "around roughly just".split())


def _governed_by_sibling(claim: Claim, index: ArticleIndex, sentence: Sentence, value: Value,
                         ctx: Context) -> str | None:
    """The word that governs the figure ("killed 241 people", "killing 260") is a cue of
    another value claim on the same subject that this claim does not share: the figure counts
    that claim's measure (deaths), not this one's (people on board)."""
    word = _governing_word(index, sentence, value)
    if not word:
        return None
    kind = str(claim.content["value"]["type"])
    if word in claim_words(claim):  # "19 people ... were killed": the claim's own verb
        return None
    own = frozenset().union(*cue_groups(claim))
    words = sentence.words()
    for sibling, sibling_kind, groups in ctx.siblings(claim):
        if sibling_kind == kind and any(word in g for g in groups if not set(g) & own) \
                and all(set(g) & words for g in groups):
            return f"'{word} {value.text}' counts the measure of claim {sibling}, not this one"
    return None


def _sibling_amount(claim: Claim, index: ArticleIndex, sentence: Sentence, value: Value,
                    ctx: Context) -> str | None:
    """The figure is exactly a sibling claim's amount, and the sentence names that claim's
    measure ("241 people ... were killed" beside a claim of 242 on board): it is that claim's
    figure (its own words, not this claim's, must be named, and this claim's own cue must not
    govern the figure: "killed 242 people on board" is a wrong toll). Or it is this claim's and a
    sibling's amounts added up ("260 lives" for 241 on board and 19 on the ground): a combined
    total, not this measure."""
    mine = ctx.amount(claim.id)
    if mine is None or value.amount is None:
        return None
    words = sentence.words()
    own = measure_words(claim)
    groups = {m[0]: [set(g) - own for g in m[2]] for m in ctx.siblings(claim)}
    for sibling, (_, _, amount) in ctx.sibling_amounts(claim):
        if amount == mine[2]:
            continue
        distinct = [g for g in groups[sibling] if g]  # words that are the sibling's alone
        if _equal(value.amount, amount) and distinct and all(g & words for g in distinct) \
                and _governing_word(index, sentence, value) not in own:
            return f"'{value.text}' is the amount of claim {sibling}, whose measure the " \
                   "sentence names"
        if _equal(value.amount, amount + mine[2]) \
                and not _own_qualifier(claim) & _words_of(sentence.text):
            return f"'{value.text}' is {mine[2]:g} + {amount:g}, this claim's and claim " \
                   f"{sibling}'s amounts together: a combined total"
    return None


_PLAIN = frozenset("the a an of on in at to for by and or with from who were was is are".split())


def _own_qualifier(claim: Claim) -> frozenset[str]:
    """The words of the claim's property beyond its measure ("board" in "deaths on board"): a
    sentence that names them ("killing all 260 people on board") gives a combined figure to
    this measure, which is a contradiction, not a total."""
    return _words_of(str(claim.content.get("property", ""))) - measure_words(claim) - _PLAIN


def _equal(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


# "risen to 20 in Mandalay": the figure's place, a few words after it
_IN_PLACE = re.compile(r"\s+(?:[a-z-]+\s+){0,3}?in\s+(?:the\s+)?")


def _in_part(claim: Claim, index: ArticleIndex, sentence: Sentence, value: Value,
             ctx: Context) -> str | None:
    """ "The death toll has risen to 20 in Mandalay" for a claim on Myanmar's toll: the figure
    is given for a place inside the claim's place, a part, not the whole."""
    found = _IN_PLACE.match(index.text, value.end, sentence.end)
    if found is None:
        return None
    subjects = subjects_of(claim)
    for m in sentence.mentions:
        if m.category == ENTITY and m.start == found.end() and m.target not in subjects \
                and ctx.registry.of_type(m.target, "place") \
                and set(subjects) & ctx.registry.ancestors(m.target):
            return f"'{value.text} in {m.text}' is the figure of a place inside the claim's, " \
                   "a part, not the whole"
    return None


def _governing_word(index: ArticleIndex, sentence: Sentence, value: Value) -> str:
    """The word right before the figure, past fillers ("killing all 260"): 'killing'."""
    before = [fold(w.strip(".,;:!?\"'()[]")) for w in
              index.text[max(sentence.start, value.start - 40):value.start].split()]
    while before and before[-1] in _FILLER:
        before.pop()
    return before[-1] if before else ""


def _periodic(group: Iterable[str]) -> bool:
    """A cue group of periods or mood ("fourth quarter", "year-over-year", "outlook"), which
    names when or how a figure is meant, not which part of the measure it counts."""
    return _periodic_words(frozenset(group))


@lru_cache(maxsize=4096)
def _periodic_words(group: frozenset[str]) -> bool:
    # asked per sentence and sibling of the same few claims: a page of figures asked it
    # 120,000 times, each a pattern scan per word
    return any(periods(w) or w in FORECAST for w in group)


def _judge(claim: Claim, index: ArticleIndex, sentence: Sentence, value: Value,
           not_side: str | None, binding: Binding, ctx: Context) -> Iterator[Evidence]:
    """Support when the amounts agree; a contradiction only when the value is bound to the
    claimed measure, level and time (else the candidate is set aside with the reason)."""
    c = claim.content
    expected = c["value"]
    lo, hi = sentence.clause_of(value.start)
    mood = index.modality(lo, hi)
    if mood.irrealis:
        return
    said = describe(value)
    want = c.get("property", claim.id)
    judged = compare(value, expected, float(c.get("tolerance", 0)))
    if judged == "same":
        yield index.evidence(sentence, "support", f"article gives {said} for {want}",
                             [(value.start, value.end)], hedged=mood.hedged)
        return
    unbound = (f"'{value.text}' is a range, not one level" if judged == "unknown" else None) \
        or not_side or _narrower(claim, sentence, ctx) \
        or _governed_by_sibling(claim, index, sentence, value, ctx) \
        or _sibling_amount(claim, index, sentence, value, ctx) \
        or _in_part(claim, index, sentence, value, ctx) \
        or value_binding(index, sentence, value, binding[0], binding[1],
                         expected["type"] == "number", binding[2],
                         float(expected["amount"]) if "amount" in expected else None,
                         wording(claim), claim_words(claim)) \
        or time_scope(index, sentence, value, lo, hi, _scope_start(claim, index))
    if unbound:
        index.reject(sentence, unbound, [(value.start, value.end)])
        return
    yield index.evidence(
        sentence, "contradict",
        f"article gives {said} for {want}; claim says {describe_expected(expected)}",
        [(value.start, value.end)], hedged=mood.hedged)


def _table_rows(claim: Claim, index: ArticleIndex, subject: str) -> Iterator[Evidence]:
    """Rows of a results table or list ("Unity Party - 88" under "Seats won:")."""
    c = claim.content
    expected = c["value"]
    cues = list(cue_groups(claim))
    if not cues or "amount" not in expected:
        return  # a heading must name the measure
    want = c.get("property", claim.id)
    for row in rows(index, subject, expected["type"], measure_words(claim), cues,
                    _scope_start(claim, index)):
        said = describe(row.value)
        spans = [(row.value.start, row.value.end)]
        judged = compare(row.value, expected, float(c.get("tolerance", 0)))
        if judged == "same":
            yield index.evidence(row.sentence, "support",
                                 f"table row under '{row.heading}' gives {said} for {want}", spans)
        elif judged != "unknown":
            yield index.evidence(
                row.sentence, "contradict", f"table row under '{row.heading}' gives {said} for "
                f"{want}; claim says {describe_expected(expected)}", spans)


def _one(kind: str, amount: float, expected: dict[str, Any]) -> str:
    if kind == "percent":
        return f"{amount:g}%"
    if kind == "money":
        return f"{expected.get('currency', '')} {amount:,.0f}".strip()
    if kind == "duration":
        return f"{amount:g} {expected.get('unit', 'years')}"
    if kind == "since":
        return f"since {amount:g}"
    return f"{amount:g}"


def describe_expected(expected: dict[str, Any]) -> str:
    kind = str(expected["type"])
    if "amount" not in expected:
        low, high = float(expected["min"]), float(expected["max"])
        return f"{_one(kind, low, expected)} to {_one(kind, high, expected)}"
    return _one(kind, float(expected["amount"]), expected)
