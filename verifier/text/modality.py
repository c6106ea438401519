"""How firmly a clause asserts what it says: negated, hedged, or not asserted at all (irrealis).

Word lists, not patterns keyed to any article: a negation cue close before an event's trigger
flips it; a hedge keeps the polarity but marks it; an irrealis cue (a question, a condition,
a doubt, a threat or proposal) means the clause asserts nothing either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")

NEGATIONS = frozenset(
    "not no never neither nor didn't don't doesn't isn't wasn't weren't won't wouldn't hasn't "
    "haven't hadn't cannot can't couldn't failed fails fail declined declines decline refused "
    "refuses refuse cancelled canceled cancels cancel scrapped scraps abandoned abandons dropped "
    "drops shelved postponed skipped axed halted suspended without".split()
)
# Denials reach over a reported clause: "denied reports that she intended to nominate".
DENIALS = frozenset(
    "denied denies deny denying rejected rejects reject refuted refutes dismissed dismisses "
    "disputed disputes contradicted".split()
)
HEDGES = frozenset(
    "likely unlikely potential potentially reportedly possible possibly may might could "
    "almost nearly apparently expected expects reports suggest suggests rumoured rumored "
    "allegedly appears appear seems seem probably perhaps tentative preliminary planned "
    "scheduled due".split()
)
IRREALIS = frozenset(
    "if whether unless doubt doubts doubtful doubted threatened threatens threaten proposed "
    "proposes propose considering considered consider suppose supposing hypothetically "
    "demanded demands urged urges wants wanted".split()
)
# Phrasal verbs that put an act off: "put off signing", "held off on visiting".
_DEFERRED = re.compile(
    r"\b(?:(?:put|putting|puts|held|hold|holds|holding|called|calls|backed)\s+off(?:\s+on)?|"
    r"stop(?:ped|s)?\s+short\s+of)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# Negations that do not negate the act: idioms ("wasted no time in signing", "not only signed
# ... but also") and double negatives ("did not hesitate to", "did not call off").
_CANCELLED = re.compile(
    r"\b(?:no time|no doubt|no secret|no surprise|not only|no stranger|no longer hesitant)\b|"
    r"\b(?:not|never|n't|no)\s+(?:\w+\s+)?(?:hesitat\w*|fail\w*|forget|forgot|call\w* off|"
    r"put\w* off|cancel\w*|delay\w*|postpon\w*|refus\w*|declin\w*)\b",
    re.IGNORECASE,
)
# Tokens this far before a trigger can negate it ("did not sign", "declined to sign").
NEGATION_REACH = 4


@dataclass(frozen=True)
class Modality:
    negated: bool
    hedged: bool
    irrealis: bool


def words(text: str) -> list[tuple[int, int, str]]:
    """Lowercased word tokens with their offsets in `text`."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text.lower())]


def negates_object(clause: str, cue_at: int, after: int = 0) -> bool:
    """A negator right before the object, past the act itself: "though not Abe's putter"."""
    before = [t for s, _, t in words(clause) if after <= s < cue_at]
    return bool(set(before[-8:]) & {"not", "never", "no", "without"})


def modality(clause: str, trigger_at: int | None = None) -> Modality:
    """Modality of a clause; with `trigger_at`, negation counts only just before that offset."""
    tokens = words(clause)
    vocabulary = {t for _, _, t in tokens}
    if trigger_at is None:
        negated = bool(vocabulary & (NEGATIONS | DENIALS))
    else:
        head = clause[:trigger_at]
        before = [t for s, _, t in tokens if s < trigger_at]
        near = before[-NEGATION_REACH:]
        negated = bool((set(near) & NEGATIONS and not _CANCELLED.search(head))
                       or set(before) & DENIALS or _DEFERRED.search(head))
    return Modality(
        negated=negated,
        hedged=bool(vocabulary & HEDGES),
        irrealis=bool(vocabulary & IRREALIS) or clause.rstrip().endswith("?"),
    )
