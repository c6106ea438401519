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

from collections.abc import Iterator

from verifier.checks.context import Context
from verifier.index import ArticleIndex, Sentence
from verifier.model import Claim, Evidence
from verifier.registry import title_key
from verifier.text.offices import Attachment

KIND = "office"


def _historic(index: ArticleIndex, sentence: Sentence, claim: Claim) -> bool:
    """A sentence dated before the claim's validity talks about another time."""
    if claim.valid_from is None:
        return False
    return any(v.before(claim.valid_from) for v in index.values(sentence))


def _holder_name(ctx: Context, a: Attachment) -> str:
    if a.holder and a.holder.startswith("name:"):
        return a.holder[5:]
    return ctx.registry.entities[a.holder].name if a.holder in ctx.registry.entities else "?"


def _specialises(ctx: Context, offices: frozenset[str], office: str) -> bool:
    """ "first female prime minister" is a kind of "prime minister": no conflict between them."""
    mine = [t.casefold() for t in ctx.registry.entities[office].titles]
    for other in offices:
        entity = ctx.registry.entities.get(other)
        titles = [t.casefold() for t in entity.titles] if entity else [other.split(":")[-1]]
        if any(t.endswith(" " + m) for t in titles for m in mine):
            return True
    return False


def _judge(claim: Claim, ctx: Context, a: Attachment) -> tuple[str, str] | None:
    """(polarity, reason) for one title attachment, or None when it says nothing about the claim."""
    c = claim.content
    holder, office, status = c["holder"], c["office"], c.get("status", "current")
    allowed = {office, *c.get("also_holds", ())}
    office_name = ctx.registry.entities[office].name
    who = ctx.registry.entities[holder].name
    said = f"'{a.title}'" if a.title else "no title"
    if a.holder == holder and office in a.offices:
        if status == "current" and a.status in ("former", "late"):
            return "contradict", f"article calls {who} {a.status} {said}; claim: {who} holds it now"
        if status == "former" and a.status == "current":
            return "contradict", f"article calls {who} the current {said}; claim: a former holder"
        if status == "former" and a.status is None:
            return None
        return "support", f"article calls {who} {said} ({office_name})"
    if a.holder == holder and not a.offices & allowed and status == "current" \
            and not _specialises(ctx, a.offices, office):
        if a.status in ("former", "late") or not a.offices:
            if a.status == "late" and not a.offices:
                return "contradict", f"article calls {who} 'the late'; claim: {who} holds office now"
            return None
        return "contradict", f"article gives {who} the office {said}; claim: {who} is {office_name}"
    if a.holder and a.holder != holder and office in a.offices and a.qualified:
        if status == "permanent" or (status == "current" and a.status not in ("former", "late")):
            return ("contradict", f"article names {_holder_name(ctx, a)} as {said}; "
                    f"claim: {who} is {office_name}")
    return None


def targets(claim: Claim, ctx: Context) -> set[str] | None:
    """Entities an article must mention for this claim to be judged at all."""
    office = ctx.registry.entities[claim.content["office"]]
    # another holder counts only under a qualified title, so the jurisdiction must be named
    place = office.jurisdiction
    return {claim.content["holder"], *([place] if place else map(title_key, office.titles))}


def check(claim: Claim, index: ArticleIndex, ctx: Context) -> Iterator[Evidence]:
    holder, office = claim.content["holder"], claim.content["office"]
    permanent = claim.content.get("status") == "permanent"
    for sentence in index.with_any(targets(claim, ctx)):
        for a in index.attachments(sentence):
            judged = _judge(claim, ctx, a)
            if judged is None and permanent and a.holder is None and office in a.offices \
                    and a.qualified and index.mentions_anywhere(holder):
                judged = "support", f"article uses the title '{a.title}' in a text about " \
                    f"{ctx.registry.entities[holder].name}"
            if judged is None or (judged[0] == "contradict" and _historic(index, sentence, claim)):
                continue
            spans = [(a.start, a.end)] if a.title else []
            if a.holder_start >= 0:
                spans.append((a.holder_start, a.holder_end))
            yield index.evidence(sentence, judged[0], judged[1], spans)  # type: ignore[arg-type]
