"""The binding step between extraction and verdict.

Extraction proposes candidates (a title beside a name, a date or place in a sentence about an
event, a number near the claim's cue words). Support may be loose, but a contradiction stands
only when the sentence binds the candidate to the claim: the title is attached to the person
(not across a headline or an unclosed apposition), the date or place modifies the claimed
event's own predicate and instance, the number counts the claimed measure. Each test here
returns None when the candidate is bound, or a short phrase saying which binding failed; the
checks record that phrase (`ArticleIndex.reject`) so `explain` can show it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from verifier.index import ArticleIndex, Sentence
from verifier.registry import folded
from verifier.text.normalize import fold
from verifier.text.values import Value

if TYPE_CHECKING:
    from verifier.checks.events import EventMention

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


# --- dates and places of events ---------------------------------------------------------------

# A year right after a determiner and before a noun names an instance of that noun ("the 2026
# peace prize", "the 2021 election", "their 2019 meeting"), not the date of the claimed event.
_DETERMINER = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|this|that|our)|'s)\s+$",
                         re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+[A-Za-z]")


def year_modifier(index: ArticleIndex, value: Value) -> str | None:
    date = value.date
    if date is None or date.precision != "year":
        return None
    before = index.text[max(0, value.start - 8):value.start]
    if _DETERMINER.search(before) and _NOUN_AFTER.match(index.text, value.end):
        noun = _WORDS.match(index.text, value.end + 1)
        word = noun.group() if noun else "the noun after it"
        return f"'{value.text}' names which '{word}' is meant, not when the event happened"
    return None


# Words before an event noun that make it another occurrence ("her predecessor's summit",
# "the previous election", "last year's talks").
_OTHER_OCCURRENCE = re.compile(
    r"(?:'s(?=\s)|\b(?:previous|prior|last|earlier|next|another|former|first|second|past|"
    r"upcoming|future))\s+(?:[a-z]+\s+)?$",
    re.IGNORECASE,
)
# A predicate between a date and the trigger it precedes takes the date ("arrived on Monday to
# meet ...", "on Monday Greer flew in to hold talks").
_INFINITIVE = re.compile(r"(?:\b(?P<head>\w+)\s+)?\bto\s+(?:[a-z]+\s+)?$")
# "are set to meet", "is due to sign": the future of the trigger itself, not another predicate
_FUTURE_HEAD = frozenset("set due scheduled slated expected going poised planning plan plans "
                         "planned hoping hope hopes likely about ready".split())
_PAST = re.compile(r"\b[a-z]{3,}ed\b")


def event_attachment(index: ArticleIndex, sentence: Sentence, trigger_start: int,
                     trigger_text: str, triggers: frozenset[str], at: int, what: str,
                     is_date: bool) -> str | None:
    """Whether a date or place at `at` modifies the event's own trigger. A place before "to
    meet" is where the meeting is ("travelled to Washington to meet"); a date is the journey's."""
    if at < trigger_start:
        between = index.text[at:trigger_start]
        infinitive = _INFINITIVE.search(between)
        if is_date and infinitive and (infinitive.group("head") or "").lower() not in _FUTURE_HEAD:
            return (f"'{what}' attaches to the verb before 'to {trigger_text}', "
                    f"not to '{trigger_text}'")
        verbs = [v for v in _PAST.findall(between) if fold(v) not in triggers]
        if verbs:
            return f"'{what}' attaches to '{verbs[0]}', not to '{trigger_text}'"
        return None
    # the nearest event word before the date or place governs it
    governor = _nearest_trigger(index, sentence, triggers, trigger_start, at)
    if governor is not None and _another(index, sentence, governor[0]):
        word = index.text[governor[0]:governor[1]]
        return f"'{what}' belongs to another occurrence ('... {word}'), not to this one"
    return None


# "On Monday evening, the two leaders met": a date that is the whole opening clause (with at
# most "on", "late on", "early on") dates the predicate of the clause right after it.
_FRONT_LEAD = re.compile(r"(?:(?:late|early)\s+(?:on\s+)?|on\s+)?$", re.IGNORECASE)
# "Monday evening U.S. time", "(local time)": a day in another time zone may be the claimed
# day elsewhere; a contradiction needs the zone the claim is written in, so it stays silent.
_ZONE = re.compile(r"\s*\(?(?:[A-Za-z.]+\s+){0,2}time\b|\s*\(?\b(?:[ECMP][SD]?T|GMT|UTC|JST|KST"
                   r"|BST|CET)\b")


def fronted(sentence: Sentence, text: str, start: int, end: int,
            clause: tuple[int, int]) -> bool:
    """Whether the date at [start, end) is the sentence's opening clause and `clause` (the
    trigger's) comes right after it."""
    clauses = sentence.clauses
    if len(clauses) < 2 or clauses[1] != clause or not clauses[0][0] <= start < clauses[0][1]:
        return False
    lead = text[clauses[0][0]:start]
    return bool(_FRONT_LEAD.fullmatch(lead)) and not text[end:clauses[0][1]].strip() \
        and not _REPORTING.search(text, clause[0], clause[1])


# "On Monday, Greer said he met Velden": the fronted day is the saying's, not the meeting's
_REPORTING = re.compile(r"\b(?:said|says|told|tells|announced|added|reported|confirmed|noted|"
                        r"stated|recalled|claimed|insisted|explained|wrote|revealed|disclosed|"
                        r"denied|admitted|acknowledged|that)\b")


def time_zone(text: str, value: Value, end: int) -> str | None:
    """A day named in a time zone ("Monday night Washington time") is not bound to the claim's
    calendar day."""
    if _ZONE.match(text, value.end, end):
        return f"'{value.text}' is given in a time zone, which may shift the day"
    return None


def _another(index: ArticleIndex, sentence: Sentence, at: int) -> bool:
    """Whether the event word at `at` is marked as another occurrence: "the previous talks",
    "her predecessor's summit", "last year's meeting" (a name's possessive, "Japan's", is not)."""
    before = index.text[max(sentence.start, at - 30):at]
    found = _OTHER_OCCURRENCE.search(before)
    if found is None:
        return False
    if not found.group().startswith("'s"):
        return True
    owner = re.search(r"([A-Za-z]+)$", before[:found.start()])
    return owner is not None and owner.group(1).islower()


def _nearest_trigger(index: ArticleIndex, sentence: Sentence, triggers: frozenset[str],
                     lo: int, at: int) -> tuple[int, int] | None:
    best = None
    for m in sentence.mentions:
        if m.target in triggers and lo <= m.start and m.end <= at:
            best = (m.start, m.end)
    return best


# --- values -----------------------------------------------------------------------------------

# Words that end the noun phrase after a value without naming what it counts.
_FUNCTION = frozenset(
    "in on at to for by with from and or but of was were is are be been had has have will would "
    "could may might the a an this that these those which who whom after before as than since "
    "until last next this each per apiece while when where if so under over against among across "
    "during through toward towards despite amid about around via into onto within without "
    "between behind beyond below above near off out up down including plus according compared "
    "versus vs also already now then just only yet still even its their his her our your my "
    "it they he she we you said says say told".split())
# What makes a figure a change, a bound, a threshold or an estimate rather than the level.
_CHANGE = re.compile(
    r"\b(?:lost|losing|loses|lose|gained|gaining|gains|gain|gain of|loss of|net|down|up|"
    r"increase of|decrease of|drop of|rise of|fall of|fell|rose|dropped|added|adding|shed|"
    r"picked up|extra|additional|more|fewer|another|further|swing of|majority of|lead of|"
    r"margin of)\s+(?:about\s+|around\s+|some\s+|roughly\s+|just\s+)?(?:\$|US\$|€|£)?$",
    re.IGNORECASE,
)
_BOUND = re.compile(
    r"\b(?:more than|less than|fewer than|over|under|at least|at most|up to|nearly|almost|"
    r"close to|upwards of|short of(?: the)?|around|about|roughly|approximately|some|an estimated|"
    r"estimated|as many as|as much as|as few as|below|above|beyond)\s+(?:\$|US\$|€|£)?$",
    re.IGNORECASE,
)
# "88 of the 150 seats": the second figure is the whole ("a total of 88" is the level itself)
_TOTAL = re.compile(r"(?<!total )\b(?:out )?of\s+(?:the\s+|all\s+)?$", re.IGNORECASE)
_THRESHOLD = re.compile(
    r"[^.;,]{0,30}?\b(?:needed|required|necessary|to win|to govern|for a majority|"
    r"for control|threshold)\b",
    re.IGNORECASE,
)


def value_binding(index: ArticleIndex, sentence: Sentence, value: Value, measure: frozenset[str],
                  count_noun: bool) -> str | None:
    """Whether `value` states the level of the claimed measure (`measure`: folded cue and unit
    words). `count_noun`: the value is a bare number, so the noun after it names what it
    counts; a money or percent value is checked only when a noun follows it directly."""
    before = index.text[max(sentence.start, value.start - 30):value.start]
    if _CHANGE.search(before):
        return f"'{value.text}' is a change or a part, not the level"
    if _BOUND.search(before):
        return f"'{value.text}' is an estimate or a bound, not the exact level"
    if count_noun and _TOTAL.search(before):
        return f"'{value.text}' is the whole the level is part of, not the level"
    if _THRESHOLD.match(index.text, value.end, sentence.end):
        return f"'{value.text}' is a threshold, not the level"
    if value.kind not in ("number", "money"):
        return None  # "a 15% tariff", "2% of GDP": a percent's noun is its base or its cue
    noun = _own_noun(index, value, sentence.end, count_noun or value.kind == "money")
    if noun is not None and not {fold(w) for w in noun} & measure:
        return f"'{value.text}' counts '{' '.join(noun)}', not the claimed measure"
    return None


# "12 seats in the capital district": a figure for one part of the whole
_PART = re.compile(
    r"[^.;]{0,40}?\b(?:in|for|across)\s+(?:the\s+|a\s+|one\s+|each\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:district|districts|constituency|constituencies|region|regions|province|county|ward|"
    r"riding|precinct|municipality|borough|state of|city of)\b",
    re.IGNORECASE,
)
# "since 2019", "from 2019": a year that starts a span, not the time the clause speaks of
_SPAN_START = re.compile(r"\b(?:since|from|than in|than)\s+$", re.IGNORECASE)


def time_scope(index: ArticleIndex, sentence: Sentence, value: Value, lo: int, hi: int,
               scope_start: dt.date | None) -> str | None:
    """Whether the value's clause [lo, hi) speaks of a time before the claim's (a past year:
    "In 2021 the party won 60 seats" in a report on this year's count)."""
    if scope_start is None:
        return None
    for other in index.values(sentence):
        if other is value or not other.is_date or not lo <= other.start < hi:
            continue
        if other.date is not None and other.date.year_inferred:
            continue
        if _SPAN_START.search(index.text[max(lo, other.start - 10):other.start]):
            continue
        if other.before(scope_start):
            return f"the clause speaks of '{other.text}', another time than the claim's"
    return None


def part_of_whole(index: ArticleIndex, sentence: Sentence, value: Value) -> str | None:
    found = _PART.match(index.text, value.end, sentence.end)
    if found:
        return f"'{value.text}' is a figure for a part ('{found.group().strip()}')"
    return None


def _own_noun(index: ArticleIndex, value: Value, end: int, through_of: bool) -> list[str] | None:
    """The words naming what a value counts: "88 parliamentary seats", "$300 billion of trade
    deals"; None when nothing names it right after the value."""
    rest = index.text[value.end:min(end, value.end + 60)]
    if through_of:
        rest = re.sub(r"^\s+(?:worth\s+)?of\s+(?:the\s+)?", " ", rest, count=1)
    words: list[str] = []
    for m in re.finditer(r"\s*([A-Za-z][A-Za-z-]*)|\s*(\S)", rest):
        word = m.group(1)
        if word is None or word.lower() in _FUNCTION or len(words) == 3:
            break
        words.append(word.lower())
    return words or None


def event_binding(index: ArticleIndex, mention: EventMention, at: int, end: int
                  ) -> str | None:
    """Whether the date or place at [at, end) is bound to this mention of the event."""
    trigger = mention.trigger
    what = index.text[at:end]
    if trigger is None:
        return None
    triggers = folded(index.registry.entities[mention.event].triggers)
    is_date = any(v.start == at and v.is_date for v in index.values(mention.sentence))
    return event_attachment(index, mention.sentence, trigger.start, trigger.text, triggers,
                            at, what, is_date)
