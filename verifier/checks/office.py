"""Kind `office`: a person holds an office (status current), held it (former), or holds a title
for good (permanent, such as "first female prime minister").

Passing: "Japan's new Prime Minister Sanae Takaichi" -> supported.
Failing: "former President Donald Trump" (status conflict), "new Japanese Prime Minister Shinzo
Abe" (another current holder of a qualified, one-holder office), "Japan's newly appointed
Minister for Economic Security, Sanae Takaichi" (another office attached to the holder) ->
contradicted. "former Prime Minister Abe Shinzo" and "the late Shinzo Abe" contradict nothing;
a bare "President Xi" is not read as a claim about the US presidency.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from verifier.checks.binding import headline
from verifier.checks.context import Context
from verifier.checks.descriptions import resolve
from verifier.checks.readings import Candidate, one_reading
from verifier.checks.tenure import present_title, took_office
from verifier.engine.index import ArticleIndex, Sentence
from verifier.engine.registry import folded, rival_ranks, title_key
from verifier.model import Claim, Evidence, Polarity
from verifier.text.normalize import fold
from verifier.text.offices import Attachment

KIND = "office"


def _historic(index: ArticleIndex, sentence: Sentence, claim: Claim) -> bool:
    """A sentence dated before the claim's validity talks about another time."""
    if claim.valid_from is None:
        return False
    return any(v.before(claim.valid_from) for v in index.values(sentence))


def _holder_name(ctx: Context, a: Attachment) -> str:
    if a.holder is None:
        return "?"
    if a.holder.startswith("name:"):
        return a.holder[5:]
    entity = ctx.registry.entities.get(a.holder)
    return entity.name if entity else a.holder


def _specialises(ctx: Context, offices: frozenset[str], office: str) -> bool:
    """ "first female prime minister" is a kind of "prime minister": no conflict between them."""
    mine = [t.casefold() for t in ctx.registry.entities[office].titles]
    for other in offices:
        entity = ctx.registry.entities.get(other)
        titles = [t.casefold() for t in entity.titles] if entity else [other.split(":")[-1]]
        if any(t.endswith(" " + m) for t in titles for m in mine):
            return True
    return False


@dataclass(frozen=True)
class _Facts:
    """The claim, spelled out for the rules below."""

    holder: str
    office: str
    status: str  # current | former | permanent
    allowed: frozenset[str]
    who: str
    office_name: str

    @classmethod
    def of(cls, claim: Claim, ctx: Context) -> _Facts:
        c = claim.content
        entities = ctx.registry.entities
        return cls(c["holder"], c["office"], c.get("status", "current"),
                   frozenset({c["office"], *c.get("also_holds", ())}),
                   entities[c["holder"]].name, entities[c["office"]].name)


Judgement = tuple[Polarity, str] | None
GONE = ("former", "late")


def _same_office(f: _Facts, a: Attachment) -> Judgement:
    """The holder under the claimed office's title: the status words decide."""
    said = f"'{a.title}'"
    if f.status == "current" and a.status in GONE:
        return "contradict", f"article calls {f.who} {a.status} {said}; claim: {f.who} holds it now"
    if f.status == "former" and a.status == "current":
        return "contradict", f"article calls {f.who} the current {said}; claim: a former holder"
    if f.status == "former" and a.status is None:
        return None
    return "support", f"article calls {f.who} {said} ({f.office_name})"


def _place_of_body(ctx: Context, f: _Facts, a: Attachment) -> bool:
    """The claimed office's own title, qualified by a place, for an office of an organisation:
    "Velmora's governor" may well be the governor of Velmora's central bank."""
    office = ctx.registry.entities[f.office]
    body = ctx.registry.entities.get(office.jurisdiction)
    return body is not None and body.type == "organization" and not a.known \
        and fold(a.title).strip() in folded(office.titles)


_LINKS = frozenset("of the for and".split())


def _reordered(ctx: Context, f: _Facts, a: Attachment) -> bool:
    """The claimed office's title with its words in another order ("State Secretary" for
    "Secretary of State"): the same office, as other languages and translations write it."""
    def words(title: str) -> frozenset[str]:
        return frozenset(w for w in fold(title).replace("-", " ").split() if w not in _LINKS)
    said = words(a.title)
    return len(said) > 1 and any(said == words(t) for t in ctx.registry.entities[f.office].titles)


def _other_office(ctx: Context, f: _Facts, a: Attachment) -> Judgement:
    """The holder under another title, while the claim says they hold this office now."""
    if f.status != "current" or a.offices & f.allowed or _specialises(ctx, a.offices, f.office) \
            or _place_of_body(ctx, f, a) or _reordered(ctx, f, a):
        return None
    if not a.offices:  # a bare status word: "the late Donald Trump"
        if a.status != "late":
            return None
        return "contradict", f"article calls {f.who} 'the late'; claim: {f.who} is in office"
    if a.status in GONE:
        return None
    return "contradict", f"article gives {f.who} the office '{a.title}'; claim: {f.office_name}"


def _other_holder(ctx: Context, f: _Facts, a: Attachment) -> Judgement:
    """Someone else under the claimed office's title, qualified by its jurisdiction."""
    if not a.qualified or f.office not in a.offices:
        return None
    if f.status == "permanent" or (f.status == "current" and a.status not in GONE):
        return ("contradict", f"article names {_holder_name(ctx, a)} as '{a.title}'; "
                f"claim: {f.who} is {f.office_name}")
    return None


def _other_rank(ctx: Context, f: _Facts, a: Attachment) -> Judgement:
    """ "Japan's second female prime minister" said of the first one."""
    mine = {t.casefold() for t in ctx.registry.entities[f.office].titles}
    if f.office in a.offices or not any(a.title.casefold() in rival_ranks(t) for t in mine):
        return None
    return "contradict", f"article calls {f.who} '{a.title}'; claim: {f.office_name}"


def _judge(ctx: Context, f: _Facts, a: Attachment) -> Judgement:
    """(polarity, reason) for one title attachment, or None when it says nothing about the claim."""
    if a.holder == f.holder and f.status == "permanent":
        return _same_office(f, a) if f.office in a.offices else _other_rank(ctx, f, a)
    if a.holder == f.holder:
        return _same_office(f, a) if f.office in a.offices else _other_office(ctx, f, a)
    if a.holder:
        return _other_holder(ctx, f, a)
    return None


def _descriptor(index: ArticleIndex, f: _Facts, a: Attachment) -> Judgement:
    """A one-holder-ever title with nobody attached, in a text about the holder."""
    if f.status == "permanent" and a.holder is None and f.office in a.offices and a.qualified \
            and index.mentions_anywhere(f.holder):
        return "support", f"article uses the title '{a.title}' in a text about {f.who}"
    return None


def targets(claim: Claim, ctx: Context) -> set[str]:
    """Entities an article must mention for this claim to be judged at all."""
    office = ctx.registry.entities[claim.content["office"]]
    # another holder counts only under a qualified title, so the jurisdiction must be named
    place = office.jurisdiction
    return {claim.content["holder"], *([place] if place else map(title_key, office.titles))}


# Titles every kind of body has: unnamed, they say nothing about which office is meant
_GENERIC_HEAD = re.compile(
    r"\b(?:president|chair|chairman|chairwoman|chief executive|ceo|director|manager|head|"
    r"leader|governor|secretary|chief|coach|captain|founder|executive|officer|spokesman|"
    r"spokeswoman|spokesperson)\b", re.IGNORECASE)


def _unbound(index: ArticleIndex, sentence: Sentence, claim: Claim, a: Attachment) -> str | None:
    """Why a contradicting attachment does not bind to the claim (None when it does)."""
    if _historic(index, sentence, claim):
        return "the sentence is dated before the claim's validity"
    if a.holder and a.holder.startswith("name:") and headline(sentence):
        return f"'{a.holder[5:]}' stands in a Title Case headline, where capitals mark no name"
    published = index.published
    if published is None and not index.article.speaks_of_now \
            and (changed := claim.valid_from or claim.valid_until) is not None:
        when = "before" if changed == claim.valid_from else "after"
        return (f"the article has no date, and the office changed hands on "
                f"{changed.isoformat()}: it may speak of the time {when}")
    if a.holder != claim.content["holder"] and published is not None \
            and published == claim.valid_from:
        return "the article is from the day of the handover, when both held the office"
    if a.holder and a.holder.startswith("name:") and " " not in a.holder[5:]:
        return f"'{a.holder[5:]}' is one capitalised word, which need not be a name"
    if a.holder == claim.content["holder"] and claim.content["office"] not in a.offices \
            and not a.qualified and _GENERIC_HEAD.search(a.title):
        return (f"'{a.title}' names no body it belongs to: it may be another role the person "
                "also holds")
    return None


def check(claim: Claim, index: ArticleIndex, ctx: Context) -> Iterator[Evidence]:
    facts = _Facts.of(claim, ctx)
    # a sentence says something only through an attachment
    for sentence in index.at(index.may_attach(index.having(targets(claim, ctx)))):
        found: list[Candidate] = []  # rivals: another title given to the holder
        for a in map(partial(resolve, index, sentence), index.attachments(sentence)):
            for polarity, reason, spans in took_office(index, sentence, claim, a):
                found.append(Candidate(index.evidence(sentence, polarity, reason, spans), [],
                                       "", False))
            judged = _judge(ctx, facts, a) or _descriptor(index, facts, a) \
                or present_title(index, sentence, claim, facts.status, a)
            if judged is None:
                continue
            spans = [(a.start, a.end)] if a.title else []
            if a.holder_start >= 0:
                spans.append((a.holder_start, a.holder_end))
            why = _unbound(index, sentence, claim, a) if judged[0] == "contradict" else None
            if why:
                index.reject(sentence, f"{judged[1]}: not bound, {why}", spans)
                continue
            found.append(Candidate(index.evidence(sentence, judged[0], judged[1], spans), spans,
                                   a.title, judged[0] == "contradict" and bool(a.offices)))
        # "appointed Armed Forces Minister Lecornu as the new prime minister": beside the
        # claimed office, another title of the holder's is a former or second role
        yield from one_reading(index, sentence, found, lambda agreed, other: (
            f"{other.evidence.reason}: but the sentence also says "
            f"{agreed.evidence.reason.removeprefix('article ')}, so the other title is a former "
            "or second role"))
