"""When a holder took office or left it, against an office claim's `valid_from`: "Velden, who
became prime minister only last year"; "Prime Minister Korhonen says ..." of a former holder.

Bound only when the sentence ties the three together: the claimed holder, a taking-office verb
right before a title of the claimed office ("became prime minister", "was sworn in as Nordland's
premier"), and a date in that clause after the title (or a date that is the whole opening
clause). Another office ("became party leader"), a date governed by another word between
("after the election last year"): silent. A former holder needs the same care: see
`present_title`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from verifier.checks.binding import fronted, headline
from verifier.engine.index import ArticleIndex, Sentence
from verifier.engine.registry import ENTITY
from verifier.model import Claim, Polarity
from verifier.text.dates import date_consistent
from verifier.text.offices import Attachment

_TOOK = re.compile(
    r"\b(?P<verb>became|becomes|was\s+(?:named|appointed|elected|sworn\s+in\s+as|installed\s+as|"
    r"chosen\s+as)|took\s+office\s+as|took\s+over\s+as)\s+(?:the\s+)?(?:[\w']+\s+){0,2}$",
    re.IGNORECASE)
# naming, appointing and electing may come days or weeks before the start of the office: they
# support a matching date but never contradict one
_MAY_PRECEDE = re.compile(r"named|appointed|elected|chosen", re.IGNORECASE)
# another term than the current one: "first became prime minister in 2012"
_ANOTHER_TERM = re.compile(r"\b(?:first|again|previously|once|second|third|initially|"
                           r"originally|briefly)\b", re.IGNORECASE)
# words that hand the date to something else between the title and the date
_OTHER_HEAD = re.compile(r"\b(?:after|before|since|following|when|until|ahead of|and|but|"
                         r"who|which|that)\b", re.IGNORECASE)

Found = tuple[Polarity, str, list[tuple[int, int]]]


def took_office(index: ArticleIndex, sentence: Sentence, claim: Claim, a: Attachment
                ) -> Iterator[Found]:
    """(polarity, reason, spans) for a dated taking of the claimed office by the holder."""
    content = claim.content
    if claim.valid_from is None or content["office"] not in a.offices \
            or (a.holder is not None and a.holder != content["holder"]):
        return
    lo, hi = sentence.clause_of(a.start)
    took = _TOOK.search(index.text[max(lo, a.start - 40):a.start])
    if not took or not _holder_before(index, sentence, content["holder"], lo, a.start) \
            or _ANOTHER_TERM.search(index.text[sentence.start:hi]):
        return
    may_precede = bool(_MAY_PRECEDE.search(took.group("verb")))
    wanted = claim.valid_from.isoformat()
    for v in index.values(sentence):
        if not v.is_date:
            continue
        after = a.end <= v.start < hi and not _OTHER_HEAD.search(index.text[a.end:v.start])
        if not (after or fronted(sentence, index.text, v.start, v.end, (lo, hi))):
            continue
        agrees = date_consistent(v, wanted)
        if agrees is None or (not agrees and may_precede):
            continue
        polarity: Polarity = "support" if agrees else "contradict"
        yield (polarity, f"article dates the start of the office '{v.text}'; claim: "
               f"in office since {wanted}", [(a.start, a.end), (v.start, v.end)])


def _holder_before(index: ArticleIndex, sentence: Sentence, holder: str, lo: int, at: int
                   ) -> bool:
    """The holder is the subject: named before the title in its clause, or (in a relative
    clause, "Velden, who became ...") at the end of the clause before it."""
    people = [m for m in sentence.mentions if m.category == ENTITY and m.end <= at
              and index.registry.of_type(m.target, "person")]
    if not people or people[-1].target != holder:
        return False
    last = people[-1]
    if last.start >= lo:
        return True
    return bool(re.match(r",\s*who\s", index.text[last.end:lo + 5]))


# "Prime Minister Korhonen says ...": a present-tense verb right after the holder's name
_PRESENT_VERB = re.compile(r"(?:,[^,]{1,30},)?\s+(?:says|tells|argues|insists|warns|believes|"
                           r"wants|thinks|has said|has told)\b")
_RECENT = dt.timedelta(days=7)


def _own_day(index: ArticleIndex, sentence: Sentence, a: Attachment, at: int) -> bool:
    """ "Prime Minister Korhonen said on Tuesday": the day follows the holder closely, in the
    holder's clause, with no other person or tense between ("had", "recalled")."""
    lo, hi = sentence.clause_of(a.holder_end - 1)
    between = index.text[a.holder_end:at]
    return a.holder_end <= at < hi and len(between.split()) <= 4 and lo <= a.holder_start \
        and not _HISTORY.search(between)


_HISTORY = re.compile(r"\b(?:had|was|were|recalled|remembered|used|would|then)\b|[A-Z]")


def present_title(index: ArticleIndex, sentence: Sentence, claim: Claim, status: str,
                  a: Attachment) -> tuple[Polarity, str] | None:
    """A former holder under the bare title in a statement about the article's present: the
    holder speaks in the present tense or on a day of the article's week, the article is from
    after the holder left (the claim's `valid_from`), and nothing dates the sentence earlier."""
    published = index.published
    holder, office = claim.content["holder"], claim.content["office"]
    if status != "former" or a.holder != holder or office not in a.offices \
            or a.status is not None or claim.valid_from is None or published is None \
            or published <= claim.valid_from or headline(sentence):
        return None
    dates = [v for v in index.values(sentence) if v.is_date]
    if any(v.date is None or v.date.first is None or v.date.last is None
           or v.date.first < published - _RECENT or v.date.last > published + _RECENT
           for v in dates):
        return None  # an earlier (or an unresolved) time in the sentence: it may be history
    if not _PRESENT_VERB.match(index.text, a.holder_end, sentence.end) \
            and not any(_own_day(index, sentence, a, v.start) for v in dates):
        return None
    who = index.registry.entities[holder].name
    return ("contradict", f"article calls {who} '{a.title}' in a statement about the "
            f"present; claim: a former holder since {claim.valid_from}")
