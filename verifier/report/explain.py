"""`verifier explain CLAIM ARTICLE`: the whole evidence trail of one (claim, article) pair.

Which sentences were considered (those mentioning what the claim is about; boilerplate is
skipped), what was extracted from each (mentions, titles attached to people, typed values), the
evidence the check produced and why the verdict follows. Built only from the engine's public
surface (Engine, ArticleIndex, the check's `targets`), so it shows what the engine sees.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

from verifier.checks import KINDS
from verifier.engine import Engine
from verifier.engine.index import ArticleIndex, Sentence
from verifier.engine.registry import ENTITY, TITLE
from verifier.model import Acknowledgement, Article, Claim, Entity, Evidence, Project, Verdict
from verifier.report.safe import one_line
from verifier.text import segment, values
from verifier.text.offices import Attachment


class NotFound(LookupError):
    """No claim or article by that name; the message lists the closest ones."""


def find_claim(project: Project, claim_id: str) -> Claim:
    for claim in project.claims:
        if claim.id == claim_id:
            return claim
    raise NotFound(_missing("claim", claim_id, [c.id for c in project.claims]))


def find_article(project: Project, name: str) -> Article:
    """By path, file name, or a prefix of the file name that only one article has."""
    exact = [a for a in project.articles if name in (a.path, a.name)]
    found = exact or [a for a in project.articles if a.name.startswith(name)]
    if len(found) == 1:
        return found[0]
    paths = sorted(a.path for a in found or project.articles)
    what = "matches several articles" if found else "no such article"
    raise NotFound(f"{name!r}: {what}; articles: {', '.join(paths[:12])}")


def _missing(kind: str, name: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, known, n=3)
    listed = ", ".join(close or sorted(known))
    hint = f"; did you mean {listed}?" if close else f"; known: {listed}"
    return f"no {kind} {name!r}{hint}"


def explain(project: Project, claim_id: str, article_name: str) -> str:
    return trail(project, find_claim(project, claim_id), find_article(project, article_name))[1]


def trail(project: Project, claim: Claim, article: Article) -> tuple[Verdict, str]:
    """The verdict on `claim` in `article` (which need not be in the project) and its whole
    evidence trail, each line inert (one_line): it quotes claim files, acknowledgements and
    article text, whose newlines would otherwise start lines of their own (`::error ...`)."""
    engine = Engine(project.claims, project.entities)
    index = ArticleIndex(article, engine.matcher)
    index.rejected = []  # the binding step records what it turned down (checks.binding)
    targets = KINDS[claim.kind].targets(claim, engine.context)
    verdict = _judge(engine, claim, index)
    ack = next((a for a in project.acknowledgements
                if (a.claim, a.article) == (claim.id, article.path)), None)
    lines = [*_header(claim, article), *_considered(index, targets),
             *_evidence(verdict), *_rejected(index.rejected),
             *_why(claim, article, index, targets, verdict, ack)]
    return verdict, "\n".join(map(one_line, lines)) + "\n"


def reason(claim: Claim, entities: Mapping[str, Entity], article: Article,
           verdict: Verdict, engine: Engine | None = None) -> str:
    """Why `verdict` follows, in one line: the deciding evidence's reason, or why nothing in
    the text bears on the claim (the last line of `explain`, with the evidence it rests on).
    `engine`, compiled for `claim` among others, is reused: compiling one per call costs the
    whole entity registry each time."""
    for polarity in ("contradict", "support"):
        if verdict.verdict != "silent" and (found := [
                e for e in verdict.evidence if e.polarity == polarity]):
            return f"{verdict.verdict}: {found[0].reason}"
    engine = engine or Engine([claim], entities)
    index = ArticleIndex(article, engine.matcher)
    targets = KINDS[claim.kind].targets(claim, engine.context)
    index.rejected = []
    _judge(engine, claim, index)  # again, to hear what the binding step set aside
    if verdict.verdict == "silent" and index.rejected:
        return f"silent: a candidate did not bind to the claim ({index.rejected[0].reason})"
    return _why_line(claim, article, index, targets, verdict)


def _judge(engine: Engine, claim: Claim, index: ArticleIndex) -> Verdict:
    if claim.id in engine.candidates(index):
        return engine.judge(claim, index)
    return Verdict(claim.id, index.article.path, "silent")


def _header(claim: Claim, article: Article) -> list[str]:
    meta = article.meta
    published = meta.published.isoformat() if meta.published else "no published date"
    return [f"claim    {claim.id} ({claim.kind}, {claim.severity}): {claim.statement}",
            f"article  {article.path}: {meta.title or '(no title)'} ({meta.kind}, {published})",
            ""]


def _considered(index: ArticleIndex, targets: set[str] | None) -> list[str]:
    skipped = [s for s in segment.segment(index.text) if s.boilerplate]
    considered = index.sentences if targets is None else index.with_any(targets)
    about = "every sentence" if targets is None else ", ".join(sorted(targets))
    lines = [f"looked for: {about}",
             f"sentences: {len(index.sentences)} read, {len(skipped)} boilerplate line(s) "
             f"skipped, {len(considered)} considered", ""]
    for s in skipped:
        where = index.span(s.start, s.end)
        lines.append(f"  skipped {where.line}:{where.column} ({s.reason or 'boilerplate'}): "
                     f"{_clip(index.text[s.start:s.end])}")
    if skipped:
        lines.append("")
    for sentence in considered:
        lines += _sentence(index, sentence)
    return lines


def _sentence(index: ArticleIndex, sentence: Sentence) -> list[str]:
    where = index.span(sentence.start, sentence.end)
    lines = [f"  sentence {where.line}:{where.column}: {' '.join(sentence.text.split())}"]
    entities = [f"{m.text!r}->{m.target}{' (near miss)' if m.near_miss else ''}"
                for m in sentence.mentions if m.category == ENTITY]
    titles = [f"{m.text!r}->{m.target}" for m in sentence.mentions if m.category == TITLE]
    words = sorted({m.target for m in sentence.mentions if m.category not in (ENTITY, TITLE)})
    found = [("entities", entities), ("titles", titles), ("cue words", words),
             ("attached", [_attachment(index, a) for a in index.attachments(sentence)]),
             ("values", [values.describe(v) for v in index.values(sentence)])]
    lines += [f"    {name}: {'; '.join(items)}" for name, items in found if items]
    return [*lines, ""]


def _attachment(index: ArticleIndex, a: Attachment) -> str:
    holder = a.holder or "nobody"
    if a.holder_start >= 0:
        holder = f"{index.text[a.holder_start:a.holder_end]!r}->{holder}"
    status = f"{a.status} " if a.status else ""
    offices = ", ".join(sorted(a.offices)) or "?"
    return f"{status}{a.title!r} ({offices}) -> {holder}"


def _evidence(verdict: Verdict) -> list[str]:
    if not verdict.evidence:
        return ["evidence: none", ""]
    lines = ["evidence:"]
    for e in verdict.evidence:
        hedged = ", hedged" if e.hedged else ""
        spans = "; ".join(f"{s.line}:{s.column} {s.text!r}" for s in e.spans)
        lines += [f"  {e.polarity}{hedged} at {e.line}:{e.column}: {e.reason}",
                  f"    | {e.text}", f"    matched: {spans or '-'}"]
    return [*lines, ""]


def _rejected(rejected: Sequence[Evidence]) -> list[str]:
    """Candidate contradictions the binding step turned down, and which binding failed."""
    if not rejected:
        return []
    lines = ["not bound (candidate contradictions set aside, so they do not count):"]
    for e in rejected:
        lines += [f"  at {e.line}:{e.column}: {e.reason}", f"    | {e.text}"]
    return [*lines, ""]


def _why(claim: Claim, article: Article, index: ArticleIndex, targets: set[str] | None,
         verdict: Verdict, ack: Acknowledgement | None) -> list[str]:
    lines = [f"verdict: {_why_line(claim, article, index, targets, verdict)}"]
    if ack is not None and verdict.verdict == "contradicted":
        lines.append(f"acknowledged ({ack.owner or 'no owner'}): {ack.reason}")
    elif ack is not None:
        lines.append(f"stale acknowledgement: it expects a contradiction ({ack.reason})")
    return lines


def _why_line(claim: Claim, article: Article, index: ArticleIndex, targets: set[str] | None,
              verdict: Verdict) -> str:
    published = article.meta.published
    if published and ((claim.valid_from and published < claim.valid_from)
                      or (claim.valid_until and published > claim.valid_until)):
        return "silent: the article was published outside the claim's validity window"
    if targets is not None and not targets & index.present():
        return ("silent: the text mentions none of what the claim is about (looked for: "
                f"{_listed(targets)})")
    if verdict.verdict == "silent":
        named = f" (it names {_listed(targets & index.present())})" if targets else ""
        return f"silent: no considered sentence supports or contradicts the claim{named}"
    if verdict.mixed:
        return "contradicted: the article both supports and contradicts the claim (mixed)"
    if verdict.verdict == "contradicted":
        return "contradicted: at least one sentence contradicts the claim"
    if verdict.hedged:
        return "supported (hedged: every supporting sentence hedges)"
    return "supported: at least one sentence supports the claim, none contradicts"


def _listed(names: set[str], most: int = 6) -> str:
    shown = sorted(names)
    more = f", and {len(shown) - most} more" if len(shown) > most else ""
    return ", ".join(shown[:most]) + more


def _clip(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
