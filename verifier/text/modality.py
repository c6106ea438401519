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
    r"stop(?:ped|s)?\s+short\s+of|(?:has|have|had)\s+yet\s+to)\s+(?:\w+\s+)?$",
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


# "The signing ... was called off", "the summit did not take place": the event named as a noun
# (after a determiner or a possessive) and then cancelled, within its own clause. Postponed and
# delayed events may still happen: they are not here.
_NOUN_HEAD = re.compile(
    r"(?:\b(?:the|a|an|its|their|his|her|this|that|planned|scheduled|proposed|expected)|'s)"
    r"\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_CANCELLED_AFTER = re.compile(
    r"(?P<gap>(?:\s+[\w'-]+){0,8}?)\s+(?:(?:was|were|has been|have been|had been|got)\s+"
    r"(?:\w+ly\s+)?(?:called off|cancell?ed|scrapped|abandoned|shelved|axed|scuttled)|"
    r"(?:did not|didn't|never)\s+(?:take place|happen|go ahead)|never took place|fell through)\b",
    re.IGNORECASE)
# words that open another clause or predicate between the noun and the cancellation
_GAP_BREAK = frozenset("that which who whom when after before because as since while although "
                       "though if once until and but or said says".split())


def cancelled_after(clause: str, trigger_at: int, trigger_end: int) -> bool:
    """Whether the clause says the event named by the noun at [trigger_at, trigger_end) did not
    take place: "the signing of the deal was called off"."""
    if not _NOUN_HEAD.search(clause[max(0, trigger_at - 40):trigger_at]):
        return False
    found = _CANCELLED_AFTER.match(clause, trigger_end)
    if found is None:
        return False
    gap = found.group("gap").split()
    return all(_no_break(gap, i) for i in range(len(gap)))


def _no_break(gap: list[str], i: int) -> bool:
    """A gap word that opens no other clause or predicate ("and" may join two names:
    "by Velden and Greer"; a past participle or verb in -ed opens another predicate)."""
    word = gap[i].lower()
    if word == "and":
        return 0 < i < len(gap) - 1 and gap[i - 1][:1].isupper() and gap[i + 1][:1].isupper()
    return word not in _GAP_BREAK and not word.endswith("ed")
