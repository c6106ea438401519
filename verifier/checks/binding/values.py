"""Binding of figures: a number contradicts only as the level of the claimed measure of the
claimed subject at the claimed time, not as a change, a bound, a threshold, a score, a label, a
clock time, one part's figure, another owner's, or another year's."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence

from verifier.checks.binding.parts import part_binding, share_binding
from verifier.checks.binding.periods import forecast_binding, period_binding
from verifier.engine.index import ArticleIndex, Sentence
from verifier.engine.registry import ENTITY
from verifier.text.dates import CALENDAR_WORDS
from verifier.text.normalize import fold
from verifier.text.values import Value

# Words that end the noun phrase after a value without naming what it counts.
_FUNCTION = frozenset(
    "in on at to for by with from and or but of was were is are be been had has have will would "
    "could may might the a an this that these those which who whom after before as than since "
    "until last next this each per apiece while when where if so under over against among across "
    "during through toward towards despite amid about around via into onto within without "
    "between behind beyond below above near off out up down including plus according compared "
    "versus vs also already now then just only yet still even its their his her our your my "
    "it they he she we you said says say told".split())
_QUANTIFIERS = frozenset("all some nearly almost about around roughly exactly another".split())
_MONEY = r"(?:\$|US\$|€|£)?"
# "25-27.5 percent", "the previous 25%": the end of a range, or an earlier level
_RANGE_OR_EARLIER = re.compile(
    r"(?:\d\s*-\s*|\bbetween\s+\S+\s+and\s+|\b(?:previous|prior|former|earlier|old|original)"
    r"\s+(?:(?!\d)\S+\s+)?(?:\d[\d.,]*\s*-\s*)?)" + _MONEY + "$",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(?:lost|losing|loses|lose|gained|gaining|gains|gain|gain of|loss of|net|down|up|"
    r"increase of|decrease of|drop of|rise of|fall of|fell|rose|dropped|added|adding|shed|"
    r"picked up|extra|additional|more|fewer|another|further|swing of|majority of|lead of|"
    r"margin of|(?:weakened|strengthened|slowed|dropped|fell|declined|doubled|tripled|"
    r"intensified|eased|grew|climbed|jumped|surged|plunged|slipped|sank|rose|increased|"
    r"decreased)(?:\s+\w+)?\s+to)\s+(?:about\s+|around\s+|some\s+|roughly\s+|just\s+)?"
    + _MONEY + "$",
    re.IGNORECASE,
)
# Bounds and estimates: a contradiction only when the claimed amount breaks them
_AT_LEAST = re.compile(
    r"\b(?:more than|over|at least|upwards of|upward of|above|beyond|surpassing|exceeding|"
    r"topping|in excess of|excess of|north of|as many as|as much as|as high as)\s+" + _MONEY + "$",
    re.IGNORECASE,
)
_AT_MOST = re.compile(
    r"\b(?:less than|fewer than|under|at most|up to|below|short of(?: the)?|as few as|as low as|"
    r"south of)\s+" + _MONEY + "$",
    re.IGNORECASE,
)
_ABOUT = re.compile(
    r"\b(?:nearly|almost|close to|around|about|roughly|approximately|some|an estimated|"
    r"estimated)\s+" + _MONEY + "$",
    re.IGNORECASE,
)
# How far an estimate ("about 90") may be from the claimed amount and still say nothing
_ABOUT_SLACK = 0.25


def _bound_broken(before: str, value: Value, claimed: float | None) -> str | None:
    """None when the figure is exact; else whether the claimed amount breaks its bound."""
    said = value.amount
    if _AT_LEAST.search(before):
        broken = claimed is not None and said is not None and claimed < said
        kind = "a lower bound"
    elif _AT_MOST.search(before):
        broken = claimed is not None and said is not None and claimed > said
        kind = "an upper bound"
    elif _ABOUT.search(before):
        broken = claimed is not None and said is not None and \
            abs(claimed - said) > _ABOUT_SLACK * max(abs(claimed), abs(said))
        kind = "an estimate"
    else:
        return None
    return "broken" if broken else f"'{value.text}' is {kind} the claimed amount fits"
# "88 of the 150 seats": the second figure is the whole ("a total of 88" is the level itself)
_TOTAL = re.compile(r"(?<!total )\b(?:out )?of\s+(?:the\s+|all\s+)?$", re.IGNORECASE)
_THRESHOLD = re.compile(
    r"[^.;,]{0,30}?\b(?:needed|required|necessary|to win|to govern|for a majority|"
    r"for control|threshold)\b",
    re.IGNORECASE,
)
# "a 5-4 win", "15-30%": one side of a score or a range; "$200+ billion": a bound
_PAIRED = re.compile(r"\s*-\s*\d|\+")
# "2 a.m.", "0500 GMT": a clock time
_CLOCK = re.compile(r"\s*(?:a\.?m\.?|p\.?m\.?|GMT|UTC|EDT|EST|CET|BST|JST|o'clock|hrs|"
                    r"in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b",
                    re.IGNORECASE)
# "eight minutes later", "two days earlier": an interval from another moment ("after" and
# "before" are left out: "lasted 10 minutes before landing" is a duration)
_INTERVAL = re.compile(r"\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+"
                       r"(?:later|earlier|afterwards|on)\b", re.IGNORECASE)
# "four additional awards", "two other awards": a count beyond another, not the whole
_MORE_AFTER = re.compile(r"\s+(?:additional|other|more|further|extra)\b", re.IGNORECASE)
# "Mikey Madison, 25, won": an age in an apposition after a name
_AGE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s*,\s*$")
# "one of the most powerful", "at least one": a pronoun, not a count
_ONE_OF = re.compile(r"\s+of\b")
# "only one British passenger, Vishwash Ramesh, survived", "one judge, Luiz Fux, dissented":
# one individual, named in the apposition
_ONE_NAMED = re.compile(r"\s+(?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+\s*,\s*"
                        r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)+\s*,")
# "Game 7", "Article 12", "No. 7": a number that names an item
_LABEL = re.compile(r"\b([A-Z][A-Za-z]*\.?)\s+$")
# "Toyota's $10 billion": the figure of whoever owns it
_POSSESSOR = re.compile(r"\b((?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*)'s?\s+(?:[a-z-]+\s+)?$")
# "$320 per share", "$320 a share": a rate, not a total (unless the claim counts per that unit)
_RATE = re.compile(r"\s*(?:per|a|an|each)\s+([a-z]+)\b|\s*(apiece|each)\b", re.IGNORECASE)
# a sentence about one part of the whole ("the count centre in Dublin Mid-West", "in each
# constituency"): its figures are the part's
_PART = re.compile(
    r"\b(?:districts?|constituenc(?:y|ies)|regions?|provinces?|count(?:y|ies)|wards?|ridings?|"
    r"precincts?|municipalit(?:y|ies)|boroughs?|count cent(?:re|er)s?|polling stations?|"
    r"tally cent(?:re|er)s?|state of|city of|key areas|areas like)\b",
    re.IGNORECASE,
)
# "since 2019", "from 2019": a year that starts a span, not the time the clause speaks of
_SPAN_START = re.compile(r"\b(?:since|from|than in|than)\s+$", re.IGNORECASE)
# "in 1992 and 1993", "3, 5 and 7": one item of a list (one of which may be the claim's)
_LIST_BEFORE = re.compile(r"\d\s*(?:,|and|or|&)\s*" + _MONEY + "$")
_LIST_AFTER = re.compile(r"\s*(?:,\s*|\s+and\s+|\s+or\s+|\s*&\s*)" + _MONEY + r"\d")
# "three in six seasons": a count over a stretch of time
_WINDOW = re.compile(r"\s+(?:\w+\s+)?(?:in|over|across|within)\s+(?:the\s+(?:last|past)\s+)?"
                     r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|\w+teen|twenty)\s+"
                     r"(?:years?|seasons?|months?|weeks?|days?|decades?|games?|starts?|races?|overs|innings|"
                     r"minutes|laps|rounds|quarters|periods|sets|holes|balls|matches)\b",
                     re.IGNORECASE)
# "a combined enterprise value of", "their joint ... of": a sum of several subjects
_COMBINED = re.compile(r"\b(?:combined|joint|together|merged|aggregate)\b[^.;]{0,40}$",
                       re.IGNORECASE)
# "its Monday closing price of", "the July 17 close at": a date inside the figure's noun phrase
_MODIFIER_BEFORE = re.compile(r"(?:\b(?:the|its|their|his|her|a)|'s)\s+$", re.IGNORECASE)
_DATED_NOUN = re.compile(r"(?:'s)?\s+[a-z][a-z -]{0,30}?\b(?:of|at|was|were|stood at)\s+"
                         + _MONEY + "$", re.IGNORECASE)
# what a figure is measured against, up to the date of that baseline
_BASELINE = re.compile(r"[^.;]{0,30}?\b(?:from|over|against|relative to|compared with|to)\s+"
                       r"(?:its|the|their|his|her)\s+[a-z][\w -]{0,30}?\s+(?:on|of|as of)\s+",
                       re.IGNORECASE)
# "298 for 7": the wickets of a score; "[1]": a footnote marker
_SCORE_TAIL = re.compile(r"\d\s+for\s+$")
_FOOTNOTE = re.compile(r"\[\s*$")
# "needed 88 runs", "chasing 299", "the target of 300": what is still wanted, not what was made
_WANTED = re.compile(r"\b(?:needed|needing|needs|need|required|requiring|chasing|"
                     r"chase of|closer to|close to the|breach|breached)\s+(?:the\s+)?"
                     r"(?:[a-z]+\s+)?" + _MONEY + "$", re.IGNORECASE)
# "571 runs, the most by any player", "a record 34": a record or a ranking
_RECORD_AFTER = re.compile(r"[^.;]{0,20}?\b(?:the most|most by|the highest|the lowest|"
                           r"the fewest|the best|a record)\b", re.IGNORECASE)
# "34 off 24 balls": a figure against another count, one player's line
_OFF = re.compile(r"\s+(?:[a-z]+\s+)?off\s+\d")
# "47 runs for the sixth wicket": one part's share
_FOR_THE_NTH = re.compile(r"\s+(?:[a-z-]+\s+){0,2}for\s+the\s+\w+(?:st|nd|rd|th)\s+[a-z]+",
                          re.IGNORECASE)
# a clause about odds: "a 67% chance of a December cut", "traders trimmed the odds to 71%"
_ODDS = re.compile(r"\b(?:chance|chances|odds|probability|likelihood|bets|betting|"
                   r"priced|pricing|expectations?)\b", re.IGNORECASE)
# "Richa Ghosh (34)", "Shafali Verma scored 87": a person's figure, not the team's or country's
_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)\s*\(\s*$")
# "she top-scored with 87": a person, by pronoun, a few words before the figure
_PRONOUN_NEAR = re.compile(r"\b(she|he|She|He)\s+(?:[a-z-]+\s+){0,5}(?:a\s+|an\s+|the\s+)?"
                           r"(?:[a-z0-9-]+\s+)?$")
# "Richa Ghosh, who contributed 34 runs", "Verma, whose whirlwind 87 runs": a person's clause
_WHO = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)\s*,\s*(?:who|whose)\b[^,;.]*$")
_WORDS_AFTER = re.compile(r"(?:\s+[A-Za-z][A-Za-z-]*){1,3}")
# "Labor began with 78 seats", "went into the vote holding 77", "had held 12": the level
# before the event, not its result; "held 77 seats before the vote" says so after the figure
_BEFORE_STATE = re.compile(
    r"\b(?:(?:(?:began|begun|begins|begin|started|starts|starting|beginning)(?:\s+the\s+\w+)?|"
    r"(?:went|going|goes|headed|heading|came|coming|entered|entering)\s+into\s+[^.;,\d]{1,40}?)"
    r"\s+(?:with|holding)|(?:previously|formerly)\s+(?:held|holding|had)|had\s+held)\s+"
    r"(?:about\s+|around\s+|just\s+|only\s+)?" + _MONEY + "$", re.IGNORECASE)
_BEFORE_AFTER = re.compile(r"(?:\s+[a-z-]+){0,3}?\s+(?:before|prior to|going into|heading into)"
                           r"\s+(?:the|this|its|their)\b", re.IGNORECASE)
# "with three justices having voted ... one left to vote", "counted so far": a running count
# in a sentence that says the count is not over, not the final level
_RUNNING = re.compile(
    r"\b(?:(?:left|yet|still|remaining)\s+to\s+(?:vote|be\s+counted|count|declare|be\s+"
    r"declared|report)|so\s+far|counted\s+so\s+far|still\s+(?:being\s+)?counted|"
    r"with\s+[\d.]+\s*(?:%|percent|per\s+cent)\s+(?:of\s+[^.;]{0,30}?)?(?:counted|reporting|in)|"
    r"at\s+the\s+time\s+of\s+writing|running\s+(?:tally|count|total)|partial\s+(?:results?|"
    r"count|tally)|early\s+(?:results?|count|returns))\b", re.IGNORECASE)
# "two seats from the Greens", "one from Kvaratskhelia": what came from another holder or
# person, a transfer or a part, not the subject's total
_FROM_NAME = re.compile(r"(?:\s+[a-z-]+){0,2}?\s+(?:from|by)\s+(?:the\s+)?"
                        r"([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})")
# "53 of the passengers were British": a part of a whole the claim's cue names (the whole's
# phrase runs to its verb or the clause's end)
_PARTITIVE = re.compile(r"\s+of\s+(?:the|its|their|all|those|these)\s+")
_PHRASE_WORD = re.compile(r"\s*([\w'-]+)")
_PHRASE_END = frozenset("was were are is be been had have has who which that and or but when "
                        "where while after before as".split())
# "One piece of jewellery was reportedly found", "53 ... were British": the figure is the
# subject of another predicate than the claim's
_PASSIVE = re.compile(r"(?:\s+(?!(?:was|were|is|are|has|have|had)\b)[\w'-]+){0,4}?"
                      r"(?:\s*,[^,.;]{1,30},)?\s+(?:was|were|has been|have been|had been)\s+"
                      r"(?:[a-z]+ly\s+)?([a-z]+)\b")
_IRREGULAR = frozenset("found lost left kept held sold hit hurt shot taken stolen seen made "
                       "given known thrown caught bought brought sent".split())
# "it bought Waze for $1.1b", "was sold to AOL for $407 million": the price of a deal with the
# party named, which is the claim's only if the claim names that party
_DEAL_PARTY = re.compile(
    r"\b(?:bought|buys|buy|buying|acquired|acquires|acquire|acquiring|purchased|purchases|"
    r"purchase|sold|sells|sell|selling)\s+(?:itself\s+|it\s+)?(?:to\s+)?"
    r"((?:[A-Z][\w.&'-]*\s+){0,2}[A-Z][\w.&'-]*)\s+(?:for|at)\s+"
    r"(?:about\s+|around\s+|roughly\s+|some\s+|nearly\s+)?" + _MONEY + "$")
# "The 19-year-old, who ..., scored two goals": a person described by age acts in the clause
_AGED = re.compile(r"\b[Tt]he\s+(?:[a-z]+\s+)?\d{1,3}-year-old\b")
# A figure written round ("44,000") stands for any amount this close to it
_ROUND_SLACK = 0.05
# How far (in words) the claimed measure may stand from the figure it counts
_NEAR_BEFORE, _NEAR_AFTER = 10, 6


def _shape(index: ArticleIndex, sentence: Sentence, value: Value, measure: frozenset[str],
           count_noun: bool, claimed: float | None) -> str | None:
    """What the words around the figure make of it: a change, a bound, a range, a threshold."""
    before = index.text[max(sentence.start, value.start - 30):value.start]
    after = index.text[value.end:sentence.end]
    if _CHANGE.search(before):
        return f"'{value.text}' is a change or a part, not the level"
    if _RANGE_OR_EARLIER.search(before) or _PAIRED.match(after):
        return f"'{value.text}' is one end of a range or score, or an earlier level"
    bound = _bound_broken(before, value, claimed)
    if bound is not None and bound != "broken":
        return bound
    if count_noun and _TOTAL.search(before):
        return f"'{value.text}' is the whole the level is part of, not the level"
    if _THRESHOLD.match(after):
        return f"'{value.text}' is a threshold, not the level"
    if value.kind == "number" and _CLOCK.match(after):
        return f"'{value.text}' is a clock time"
    if _MORE_AFTER.match(after):
        return f"'{value.text}' counts more beyond another figure, not the whole"
    if value.kind == "number" and _AGE.search(before) and re.match(r"\s*,", after) \
            and value.amount is not None and 0 < value.amount < 120:
        return f"'{value.text}' is an age in an apposition after a name"
    if value.kind == "number" and value.text.lower() == "one" \
            and re.search(r"\b(?:no|any|every|some)[\s-]*$", before, re.IGNORECASE):
        return f"'{before.split()[-1]} {value.text}' is a pronoun, not a count"
    if _BEFORE_STATE.search(index.text, max(sentence.start, value.start - 70), value.start) \
            or _BEFORE_AFTER.match(after):
        return f"'{value.text}' is the level before the event, not its result"
    if _INTERVAL.match(after):
        return f"'{value.text}' is an interval from another moment, not the level"
    if value.kind == "number" and value.text.lower() in ("one", "1") and _ONE_OF.match(after):
        return f"'{value.text} of' is a pronoun, not a count"
    if value.kind == "number" and value.text.lower() in ("one", "1") and _ONE_NAMED.match(after):
        return f"'{value.text}' picks out one named person, not a count"
    if _SCORE_TAIL.search(before) or _FOOTNOTE.search(before):
        return f"'{value.text}' is the second part of a score or a footnote marker"
    if _WANTED.search(before):
        return f"'{value.text}' is what was wanted or aimed at, not what was made"
    if _RECORD_AFTER.match(after) or _FOR_THE_NTH.match(after) or _OFF.match(after):
        return f"'{value.text}' is a record or one part's share"
    if _LIST_BEFORE.search(before) or _LIST_AFTER.match(after):
        return f"'{value.text}' is one item of a list"
    if _WINDOW.match(after):
        return f"'{value.text}' counts within a stretch of time, not in all"
    if _COMBINED.search(index.text[max(sentence.start, value.start - 60):value.start]):
        return f"'{value.text}' is a combined or other total"
    label = _LABEL.search(before) if value.kind == "number" else None
    if label and fold(label.group(1).rstrip(".")) not in measure \
            and label.group(1).lower() not in _FUNCTION | _QUANTIFIERS:  # "All 35 on board"
        return f"'{label.group(1)} {value.text}' names an item, not a count"
    return None


def _other_scale(index: ArticleIndex, value: Value, claimed: float | None,
                 measure: frozenset[str]) -> str | None:
    """A round figure close to the claimed amount ("the 44,000 fans" for 44,713), or sums on
    two scales, a price against a total ("$320" for $85 billion, "$72 billion" for $320)."""
    said = value.amount
    if claimed is None or said is None or said == claimed:
        return None
    digits = re.sub(r"[^\d.]", "", value.text)
    if re.fullmatch(r"\d+000", digits) and \
            abs(said - claimed) <= _ROUND_SLACK * max(abs(said), abs(claimed)):
        return f"'{value.text}' is a round figure for about the claimed amount"
    step = _last_place(digits, said)
    # "$500 billion" for 550 is half a step off: not a rounding
    if step and abs(said - claimed) < step / 2 and _significant(digits) >= 2:
        return f"'{value.text}' is the claimed amount rounded to its last written digit"
    scaled = re.search(r"(?i)\d\s*(?:thousand|million|billion|trillion|bn|mn|m|b|k|tn)\b",
                       value.text)
    small, large = sorted((abs(said), abs(claimed)))
    if value.kind == "money" and small < 1e4 <= 1e6 <= large and (scaled is None) == (
            abs(said) == small):
        return f"'{value.text}' is on another scale than the claimed sum (a price per unit?)"
    if value.kind == "money" and small > 0 and large / small >= _OTHER_SUM \
            and _leading(said) != _leading(claimed) and not _cue_beside(index, value, measure):
        # "the debt, now at 3.3 trillion" beside 44 billion of savings: another sum, while a
        # slip of scale ("550 million" for 550 billion) keeps its digits and still contradicts
        return f"'{value.text}' is a sum of another size altogether, not the claimed one"
    return None


# How many times larger or smaller a sum with other digits must be to be another sum
_OTHER_SUM = 20.0


def _cue_beside(index: ArticleIndex, value: Value, measure: frozenset[str]) -> bool:
    """A word of the measure within three words of the figure ("a $20 billion investment"):
    the figure is that measure, whatever its size."""
    before = index.text[max(0, value.start - 40):value.start].split()[-3:]
    after = index.text[value.end:value.end + 40].split()[:3]
    return any(fold(w.strip(".,;:!?\"'()[]")) in measure for w in before + after)


def _leading(amount: float) -> str:
    """The first two significant digits ("33" for 3.346 trillion, "55" for 550 million)."""
    return f"{abs(amount):.1e}".replace(".", "")[:2]


def _last_place(digits: str, amount: float) -> float | None:
    """The value of the last digit written ("$1,100": 100; "$1.1 billion": 100 million;
    "94": none, an exact count), or None for a figure that is not written rounded."""
    number = re.match(r"\d+(?:\.\d+)?", digits)
    if number is None or float(number.group()) == 0:
        return None
    text = number.group()
    scale = amount / float(text)
    if "." in text:
        return 10.0 ** -len(text.split(".")[1]) * scale if scale > 1 else None
    zeros = len(text) - len(text.rstrip("0"))
    return 10.0 ** zeros * scale if zeros and len(text) > zeros else None


def _significant(digits: str) -> int:
    """Significant digits written: "1100" 2, "1.1" 2, "40" 1 (one digit rounds too much)."""
    return len(digits.replace(".", "").strip("0"))


def _person_figure(index: ArticleIndex, sentence: Sentence, value: Value,
                   owners: Collection[str]) -> str | None:
    """The nearest name before the figure, in its clause, is a person's: the figure is theirs
    ("Shafali Verma scored 87 as India posted 298" with her in the registry), or the figure is
    a name's own aside ("Richa Ghosh (34)")."""
    lo, _ = sentence.clause_of(value.start)
    lo = max(lo, value.start - 60)
    people = [m for m in sentence.mentions if m.category == ENTITY and lo <= m.start
              and m.end <= value.start and index.registry.of_type(m.target, "person")]
    actors = [m for m in sentence.mentions if m.category == ENTITY and lo <= m.start
              and m.end <= value.start and not index.registry.of_type(m.target, "person")]
    if people and people[-1].target not in owners \
            and not any(a.start > people[-1].end for a in actors):
        return f"'{value.text}' is said of {people[-1].text}, a person, not of the subject"
    near = index.text[max(sentence.start, value.start - 50):value.start]
    pronoun = _PRONOUN_NEAR.search(near)
    if pronoun and not any(a.start >= value.start - len(near) + pronoun.start() for a in actors):
        return f"'{value.text}' is said of a person ('{pronoun.group(1)}'), not of the subject"
    relative = _WHO.search(index.text, max(sentence.start, value.start - 90), value.start)
    if relative and not any(a.start >= relative.start(1) for a in actors):
        return f"'{value.text}' is said of {relative.group(1)} in a clause about that person"
    if why := _unknown_actor(index, sentence, value, lo):
        return why
    aged = max(_AGED.finditer(index.text, max(sentence.start, value.start - 150), value.start),
               key=lambda m: m.start(), default=None)
    if aged and not any(a.start > aged.end() for a in actors) and not any(
            m.category == ENTITY and aged.end() <= m.start < value.start
            and m.target in owners for m in sentence.mentions):
        return f"'{value.text}' is said of a person ('{aged.group()}'), not of the subject"
    named = _NAME_BEFORE.search(index.text, max(sentence.start, value.start - 40), value.start)
    if named and not any(m.start < named.end(1) and named.start(1) < m.end
                         and (m.target in owners or not index.registry.of_type(m.target, "person"))
                         for m in sentence.mentions if m.category == ENTITY) \
            and not any(a.start > named.end(1) for a in actors):
        return f"'{value.text}' is {named.group(1)}'s own figure, in brackets after the name"
    return None


# "with De Klerk delivering a tight final over that conceded only six runs": a name the
# registry does not know, acting in the figure's clause
_ACTOR = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)\s+(?:[a-z]+(?:ed|ing)|scored|took|made|"
                    r"hit|won|got|struck|claimed|bowled|threw|ran|kept|gave)\b")


def _unknown_actor(index: ArticleIndex, sentence: Sentence, value: Value,
                   lo: int) -> str | None:
    """A name the registry does not know acts in the figure's clause before it, and no known
    entity does: the figure may be that person's."""
    found = None
    for m in _ACTOR.finditer(index.text, lo, value.start):
        found = m
    if found is None or found.group(1).split()[0].lower() in _FUNCTION:
        return None
    if any(m.category == ENTITY and m.start < value.start and found.start(1) < m.end
           and lo <= m.end for m in sentence.mentions):
        return None
    return f"'{value.text}' is said of {found.group(1)}, a name acting in its clause"


def _dated_phrase(index: ArticleIndex, sentence: Sentence, value: Value) -> str | None:
    """ "its Monday closing price of $286": a figure whose own phrase names another day."""
    lo = max(sentence.start, value.start - 40)
    for other in index.values(sentence):
        if other.is_date and lo <= other.start and other.end <= value.start \
                and _DATED_NOUN.match(index.text, other.end, value.start) \
                and _MODIFIER_BEFORE.search(index.text[max(lo - 8, 0):other.start]):
            return f"'{value.text}' is the figure of '{other.text}', another day's"
    return None


def _dated_baseline(index: ArticleIndex, sentence: Sentence, value: Value) -> str | None:
    """ "a premium of 18.6 percent from its close on July 17": a figure measured against a
    dated baseline is that day's measurement, which the claim does not name."""
    found = _BASELINE.match(index.text, value.end, sentence.end)
    if found is None:
        return None
    dated = [v for v in index.values(sentence) if v.is_date and v.start == found.end()]
    if not dated:
        return None
    return f"'{value.text}' is measured against '{dated[0].text}', a baseline of its own"


def _in_date_range(index: ArticleIndex, sentence: Sentence, value: Value) -> bool:
    """ "From October 25 to 27": the bare number ends a range of days."""
    return any(v.is_date and 0 <= value.start - v.end <= 9
               and re.fullmatch(r"\s*(?:-|to|and|through|until)\s*", index.text[v.end:value.start])
               for v in index.values(sentence))


def _measure_near(index: ArticleIndex, sentence: Sentence, value: Value,
                  groups: Sequence[frozenset[str]]) -> bool:
    """Whether a cue word stands near the figure. With several cue groups, the word right after
    the figure may only be its unit ("3 mph"), which does not say what was measured ("winds of
    165 mph ... crawled at 3 mph"): another group must stand near too."""
    if not groups:
        return True
    # a cue beyond another figure of the same kind is that figure's ("the magnitude 6.9
    # quake ... has risen to 72": 'magnitude' counts 6.9, not 72)
    same = [v for v in index.values(sentence) if v is not value and v.kind == value.kind]
    lo = max([v.end for v in same if v.end <= value.start], default=sentence.start)
    hi = min([v.start for v in same if v.start >= value.end], default=sentence.end)
    before = index.text[lo:value.start].split()[-_NEAR_BEFORE:]
    after = index.text[value.end:hi].split()[:_NEAR_AFTER]
    words = [fold(w.strip(".,;:!?\"'()[]")) for w in before + after]
    unit = len(before)  # the position of the word right after the figure
    near = [i for i, group in enumerate(groups) if _in(group, words[:unit] + words[unit + 1:])]
    right_after = [i for i, group in enumerate(groups) if _in(group, words[unit:unit + 1])]
    return bool(near) or (bool(right_after) and len(groups) == 1)


def _list_item(index: ArticleIndex, sentence: Sentence, value: Value,
               groups: Sequence[frozenset[str]]) -> str | None:
    """ "Risks included four customers making up 61% of sales, rental deals totaling $26
    billion, and ...": in an enumeration (three or more comma items, the last opened by 'and'
    or 'or'), a later item is its own subject, so the measure's word must stand in it."""
    if not groups:
        return None
    items = [(s, e) for s, e in sentence.clauses
             if index.text[max(0, s - 2):s].strip() == "," or index.text[e:e + 1] == ","]
    if len(items) < 3 or not re.match(r"(?:and|or)\s", index.text[items[-1][0]:items[-1][1]]):
        return None
    lo, hi = sentence.clause_of(value.start)
    if (lo, hi) not in items[1:]:
        return None
    words = [fold(w.strip(".,;:!?\"'()[]")) for w in index.text[lo:hi].split()]
    if any(_in(group, words) for group in groups):
        return None
    return f"'{value.text}' is one item of an enumeration that does not name the measure"


def _in(group: frozenset[str], words: list[str]) -> bool:
    window = " " + " ".join(words) + " "
    return any(f" {form} " in window for cue in group
               for form in (cue, cue + "s", cue.removesuffix("s")) if form)


# "aftershocks were recorded ... (magnitude 5.1)", "the rematch", "shortly after the main
# quake: a magnitude 5.0": another instance of the kind of event, named before the figure
_OTHER_INSTANCE = re.compile(r"\b(?:aftershocks?|foreshocks?|after-shocks?|rematch(?:es)?|"
                             r"replays?|run-?offs?|by-elections?)\b"
                             r"|\bafter\s+the\s+(?:main|initial|original|first)\b", re.IGNORECASE)
# "Another tremor, magnitude 3.8, hit ...": a clause about another one of the same kind
_ANOTHER = re.compile(r"[\W_]*(?:another|a second|a further|a separate|a later)\s+"
                      r"(?:[a-z-]+\s+)?([a-z-]+)", re.IGNORECASE)
# "scoring 58 to help India to 298": one contributor's share of the subject's total
_CONTRIBUTION = re.compile(r"\s+(?:[a-z-]+\s+){0,2}to\s+help\b", re.IGNORECASE)
# A claim about the size of a change ("a cut of a quarter percentage point", "the size of the
# increase"): "lowered ... to 3.90%" gives the level reached, not the size of the cut
_CHANGE_SIZE = re.compile(r"\b(?:size|percentage points?|basis points?|bps)\b", re.IGNORECASE)
_TO_LEVEL = re.compile(r"\bto\s+(?:about\s+|around\s+|roughly\s+)?" + _MONEY + "$",
                       re.IGNORECASE)


def value_binding(index: ArticleIndex, sentence: Sentence, value: Value, measure: frozenset[str],
                  cues: Sequence[frozenset[str]], count_noun: bool, owners: Collection[str],
                  claimed: float | None = None, wording: str = "",
                  claim_words: frozenset[str] = frozenset()) -> str | None:
    """Whether `value` states the level of the claimed measure (`measure`: folded cue and unit
    words; `cues`: the cue groups, a word of which must stand near the figure) of the claim's
    subject (`owners`: its entity and whoever speaks for it). `count_noun`: the value is a bare
    number, so the noun after it names what it counts. `claimed`: the claim's amount, which
    a bound ("more than 50") or an estimate ("about 90") must exclude to contradict.
    `wording`: the claim's statement and property, whose periods, mood and qualifiers the
    figure must share; `claim_words`: their folded words with the cue words."""
    if why := _shape(index, sentence, value, measure, count_noun, claimed):
        return why
    if value.kind == "number" and _in_date_range(index, sentence, value):
        return f"'{value.text}' ends a range of days"
    if why := _foreign_owner(index, sentence, value.start, owners) \
            or _person_figure(index, sentence, value, owners) \
            or _from_other(index, sentence, value, owners) \
            or _partitive(index, sentence, value, cues):
        return why
    passive = _PASSIVE.match(index.text, value.end, sentence.end)
    verb = passive.group(1) if passive else ""
    if (verb.endswith(("ed", "en")) or verb in _IRREGULAR) \
            and fold(verb) not in claim_words | measure:
        return f"'{value.text}' counts what was {verb}, not the claimed measure"
    if why := _deal_party(index, sentence, value, owners, claim_words):
        return why
    if running := _RUNNING.search(sentence.text):
        return f"'{value.text}' is a running count ('{running.group()}'), not the final level"
    lo, hi = sentence.clause_of(value.start)
    if _ODDS.search(index.text, lo, hi):
        return f"'{value.text}' stands in a clause about odds or expectations"
    if why := _dated_phrase(index, sentence, value) or _dated_baseline(index, sentence, value) \
            or forecast_binding(index, sentence, value, wording) \
            or period_binding(index, sentence, value, wording) \
            or share_binding(index, sentence, value, wording) \
            or part_binding(index, sentence, value, claim_words, measure):
        return why
    if why := _other_instance(index, sentence, value, lo, measure, claim_words):
        return why
    if _CONTRIBUTION.match(index.text, value.end, sentence.end):
        return f"'{value.text}' is one contributor's share of the total"
    if _CHANGE_SIZE.search(wording) \
            and _TO_LEVEL.search(index.text[max(sentence.start, value.start - 30):value.start]):
        return f"'{value.text}' is the level reached ('to ...'), not the size of the change"
    if _PART.search(sentence.text):
        return f"'{value.text}' stands in a sentence about one part of the whole"
    if not _measure_near(index, sentence, value, cues):
        return f"'{value.text}' stands too far from the claimed measure's words"
    if why := _list_item(index, sentence, value, cues):
        return why
    if why := _other_scale(index, value, claimed, measure):
        return why
    rate = _RATE.match(index.text, value.end, sentence.end)
    unit = (rate.group(1) or rate.group(2)) if rate else None
    if unit and fold(unit) not in measure:
        return f"'{value.text}' is a rate per {unit}, not the claimed total"
    if value.kind == "percent":  # "a 15% (US) tariff": its cue; "the 4.3% unemployment rate"
        run = _WORDS_AFTER.match(index.text, value.end, sentence.end)
        words = run.group().split() if run else []
        common = [w for w in words[:3] if w[:1].islower()]
        first = next((w for w in common if w.lower() not in _FUNCTION), None) \
            if common and common[0].lower() not in _FUNCTION else None
        if first is not None and fold(first) not in measure:
            return f"'{value.text}' qualifies '{first}', not the claimed measure"
        return None
    if value.kind not in ("number", "money"):
        return None
    noun = _own_noun(index, value, sentence.end, count_noun or value.kind == "money")
    if noun is not None and not _counts_measure(noun, measure):
        return f"'{value.text}' counts '{' '.join(noun)}', not the claimed measure"
    return None


def _from_other(index: ArticleIndex, sentence: Sentence, value: Value,
                owners: Collection[str]) -> str | None:
    """ "took two seats from the Greens", "one from Kvaratskhelia": the figure came from, or
    was made by, someone the claim is not about."""
    found = _FROM_NAME.match(index.text, value.end, sentence.end)
    if found is None:
        return None
    lo, hi = found.start(1), found.end(1)
    if found.group(1).split()[0].lower() in CALENDAR_WORDS \
            or _names_owner(sentence, lo, hi, owners):
        return None  # "by Sunday": a deadline; "from Labor" for Labor: the subject's own
    return f"'{index.text[value.start:hi]}' counts what came from another, not the total"


def _deal_party(index: ArticleIndex, sentence: Sentence, value: Value, owners: Collection[str],
                claim_words: frozenset[str]) -> str | None:
    """ "In 2013, it bought Waze for $1.1b": a price of a deal with a party neither the claim's
    words nor its subjects name is another deal's price."""
    found = _DEAL_PARTY.search(index.text, max(sentence.start, value.start - 80), value.start)
    if found is None:
        return None
    if any(fold(w) in claim_words for w in found.group(1).split()) \
            or _names_owner(sentence, found.start(1), found.end(1), owners):
        return None
    return f"'{value.text}' is the price of a deal with {found.group(1)}, a party the claim " \
           "does not name"


def _partitive(index: ArticleIndex, sentence: Sentence, value: Value,
               cues: Sequence[frozenset[str]]) -> str | None:
    """ "53 of the passengers were British": the figure counts a part of the whole its phrase
    names; it is the claimed measure only when the claim's cue words stand outside that phrase
    ("241 of the 242 people on board were killed" for deaths)."""
    if value.kind != "number":
        return None  # "3% of its economic output", "$5 of the price": shares, not parts
    found = _PARTITIVE.match(index.text, value.end, sentence.end)
    if found is None or not cues \
            or re.search(r"\ball\s+$", index.text[max(sentence.start, value.start - 5):value.start],
                         re.IGNORECASE):
        return None  # "all 140 of the passengers": the whole itself
    end = found.end()
    for _ in range(6):  # the whole's phrase: up to its verb, a clause word or punctuation
        word = _PHRASE_WORD.match(index.text, end, sentence.end)
        if word is None or word.group(1).lower() in _PHRASE_END \
                or word.group(1).lower().endswith("ed"):
            break
        end = word.end()
    whole = index.text[found.end():end].strip()
    rest = index.text[sentence.start:value.start] + " " + index.text[end:sentence.end]
    words = [fold(w.strip(".,;:!?\"'()[]")) for w in rest.split()]
    if not whole or all(_in(group, words) for group in cues):
        return None
    return f"'{index.text[value.start:found.end()]}{whole}' counts a part of them, not the whole"


def _foreign_owner(index: ArticleIndex, sentence: Sentence, at: int,
                   owners: Collection[str]) -> str | None:
    """A possessive right before the figure names its owner ("Toyota's $10 billion")."""
    found = _POSSESSOR.search(index.text, max(sentence.start, at - 60), at)
    if found is None or found.end() != at:
        return None
    if _names_owner(sentence, found.start(1), found.end(1), owners):
        return None
    return f"the figure is {found.group(1)}'s, not the claim's subject's"


def _names_owner(sentence: Sentence, lo: int, hi: int, owners: Collection[str]) -> bool:
    """Whether text[lo:hi] (a possessor, a counterparty, a source) mentions a claimed owner."""
    return any(m.category == ENTITY and m.start < hi and lo < m.end and m.target in owners
               for m in sentence.mentions)


def _fronted_date(index: ArticleIndex, opening: tuple[int, int], date: Value) -> bool:
    """ "In 2023, a 6.7 magnitude quake ...": a date that is the sentence's whole opening clause
    dates every clause after it."""
    lo, hi = opening
    if not lo <= date.start < hi:
        return False
    rest = (index.text[lo:date.start] + " " + index.text[date.end:hi]).split()
    return all(w.lower() in ("in", "on", "back", "by", "early", "late", "during") for w in rest)


def time_scope(index: ArticleIndex, sentence: Sentence, value: Value, lo: int, hi: int,
               scope_start: dt.date | None) -> str | None:
    """Whether the value's clause [lo, hi), or a date opening the sentence, speaks of a time
    before the claim's (a past year: "In 2021 the party won 60 seats" in a report on this
    year's count)."""
    if scope_start is None:
        return None
    opening = sentence.clauses[0] if sentence.clauses else (lo, hi)
    for other in index.values(sentence):
        if other is value or not other.is_date:
            continue
        if not lo <= other.start < hi and not _fronted_date(index, opening, other):
            continue
        if other.date is not None and other.date.year_inferred:
            continue
        if _SPAN_START.search(index.text[max(lo, other.start - 10):other.start]):
            continue
        if other.before(scope_start):
            return f"the clause speaks of '{other.text}', another time than the claim's"
    return None


def _other_instance(index: ArticleIndex, sentence: Sentence, value: Value, clause_start: int,
                    measure: frozenset[str], claim_words: frozenset[str]) -> str | None:
    """The figure belongs to another instance of the claimed kind of event: an aftershock,
    a rematch, "another tremor" (unless the claim is about that instance)."""
    other = _OTHER_INSTANCE.search(index.text, sentence.start, value.start)
    if other and fold(other.group().split()[0]) not in claim_words:
        return f"'{value.text}' is the figure of '{other.group()}', another instance"
    for at in (sentence.start, clause_start):
        found = _ANOTHER.match(index.text, at, value.start)
        if found and fold(found.group(1)) not in measure:
            return f"'{value.text}' is said of '{found.group().strip()}', another instance"
    return None


def _counts_measure(noun: list[str], measure: frozenset[str]) -> bool:
    """Whether the noun after a figure names the measure, a word of it or a cue of several
    words ("net income")."""
    phrase = " " + " ".join(fold(w) for w in noun) + " "
    return bool({fold(w) for w in noun} & measure) or any(
        " " in cue and f" {cue} " in phrase for cue in measure)


def _own_noun(index: ArticleIndex, value: Value, end: int, through_of: bool) -> list[str] | None:
    """The words naming what a value counts: "88 parliamentary seats", "$300 billion of trade
    deals", "a 96-pitch outing"; None when nothing names it right after the value."""
    rest = index.text[value.end:min(end, value.end + 60)]
    hyphened = re.match(r"-([A-Za-z]+)\b(\s+(?:margin|lead|deficit|advantage|gap|cushion|"
                        r"swing|victory|win|defeat|loss|rout|thrashing)\b)?", rest)
    if hyphened:  # "an 11-minute flight", "a 62-run win": the number counts that word alone;
        # "a four-goal margin": a difference between two counts, not a count
        return [hyphened.group(1).lower() + "-" + hyphened.group(2).strip()] \
            if hyphened.group(2) else [hyphened.group(1).lower()]
    if through_of:
        rest = re.sub(r"^\s+(?:worth\s+)?of\s+(?:the\s+)?", " ", rest, count=1)
        # "$31.9 billion in profit": what a sum is of ("in the quarter", "in 2025" name a time)
        rest = re.sub(r"^\s+in\s+(?=[a-z])(?!(?:the|a|an|its|their|his|her|this|that|each|"
                      r"total|all|some)\b)", " ", rest, count=1)
    words: list[str] = []
    for m in re.finditer(r"\s*-?([A-Za-z][A-Za-z-]*)|\s*(\S)", rest):
        word = m.group(1)
        if word is None or word.lower() in _FUNCTION or len(words) == 3:
            break
        words.append(word.lower())
    return words or None


def phrase_binding(index: ArticleIndex, sentence: Sentence, start: int, end: int,
                   scope: Collection[str]) -> str | None:
    """Whether a `contradict` pattern's match speaks of the claim's scope: not a bound, one
    end of a range, one part's figure, nor another's ("Eamon's 56.3 per cent")."""
    while start < end and not index.text[start].isalnum():
        start += 1  # a pattern may open on the character before the figure
    before = index.text[max(sentence.start, start - 30):start]
    matched = index.text[start:end]
    if _RANGE_OR_EARLIER.search(before):
        return f"'{matched}' is one end of a range"
    if _PART.search(sentence.text):
        return f"'{matched}' stands in a sentence about one part of the whole"
    if why := _foreign_owner(index, sentence, start, scope):
        return why
    nearest = _nearest_actor(index, sentence, start)
    if scope and nearest is not None and nearest not in scope:
        return f"'{matched}' is said of {nearest}, the nearest name, not of the claim's scope"
    return None


def _nearest_actor(index: ArticleIndex, sentence: Sentence, at: int) -> str | None:
    """The registry person or organisation named nearest before `at` in its clause, else
    anywhere in the sentence."""
    lo, hi = sentence.clause_of(at)
    people = [m for m in sentence.mentions if m.category == ENTITY and m.end <= at
              and any(index.registry.of_type(m.target, t) for t in ("person", "organization"))]
    inside = [m for m in people if lo <= m.start < hi]
    chosen = (inside or people)[-1:]
    return chosen[0].target if chosen else None
