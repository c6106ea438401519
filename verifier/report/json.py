"""The JSON report: one object describing the whole run, byte-identical across runs.

Every field is documented in README.md ("JSON report"); bump VERSION when a field changes meaning
or goes away (adding a field does not).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from verifier.execution import runner
from verifier.model import VERDICTS, Acknowledgement, Article, Claim, Evidence, Result, Verdict
from verifier.problems import Problem
from verifier.report import view
from verifier.report.jsontext import dumps

VERSION = 1


def render(result: Result) -> str:
    return dumps(document(result))


def document(result: Result) -> dict[str, Any]:
    project = result.project
    failed = set(view.not_judged(result))
    return {
        "version": VERSION,
        "claims": [claim(c) for c in sorted(project.claims, key=lambda c: c.id)],
        "articles": [article(a, a.path not in failed)
                     for a in sorted(project.articles, key=lambda a: a.path)],
        "results": [verdict(v) for v in sorted(result.verdicts, key=_pair)],
        "problems": [problem(p) for p in sorted(result.problems)],
        "stale_acknowledgements": [acknowledgement(a) for a in sorted(result.stale, key=_ack)],
        "unmentioned_claims": runner.unmentioned_claims(result),
        "disputed_claims": [{"claim": c, **sides}
                            for c, sides in runner.disputed_claims(result).items()],
        "summary": summary(result),
    }


def summary(result: Result) -> dict[str, Any]:
    counts = Counter(v.verdict for v in result.verdicts)
    unlisted = sum(result.unlisted_silent().values())  # a sparse result leaves them out
    counts["silent"] += unlisted
    levels = Counter(p.level for p in result.problems)
    return {
        "claims": len(result.project.claims),
        "articles": len(result.project.articles),
        "pairs": len(result.verdicts) + unlisted,
        **({"silent_listed": False} if result.sparse else {}),
        **{name: counts[name] for name in VERDICTS},
        "hedged": sum(v.hedged for v in result.verdicts),
        "mixed": sum(v.mixed for v in result.verdicts),
        "acknowledged": sum(v.acknowledged for v in result.verdicts),
        "contradicted_unacknowledged": len(result.unacknowledged),
        "stale_acknowledgements": len(result.stale),
        "errors": levels["error"],
        "warnings": levels["warning"],
        "not_judged": len(view.not_judged(result)),
        "exit_status": runner.exit_status(result),
    }


def claim(c: Claim) -> dict[str, Any]:
    return {"id": c.id, "file": c.position.file if c.position else "", "statement": c.statement,
            "kind": c.kind, "severity": c.severity, "tags": list(c.tags)}


def article(a: Article, judged: bool = True) -> dict[str, Any]:
    """`judged` is false when the verifier failed on the article: its pairs read as silent."""
    m = a.meta
    return {"path": a.path, "judged": judged, "metadata": {
        "title": m.title, "outlet": m.outlet, "url": m.url,
        "published": m.published.isoformat() if m.published else None,
        "retrieved": m.retrieved, "kind": m.kind, "language": m.language, "sha256": m.sha256}}


def verdict(v: Verdict) -> dict[str, Any]:
    ack = v.acknowledgement
    return {"claim": v.claim, "article": v.article, "verdict": v.verdict,
            "acknowledged": v.acknowledged, "hedged": v.hedged, "mixed": v.mixed,
            "acknowledgement": acknowledgement(ack) if ack else None,
            "evidence": [evidence(e) for e in v.evidence]}


def evidence(e: Evidence) -> dict[str, Any]:
    return {"line": e.line, "column": e.column, "text": e.text, "polarity": e.polarity,
            "reason": e.reason, "hedged": e.hedged,
            "spans": [{"start": s.start, "end": s.end, "line": s.line, "column": s.column,
                       "text": s.text} for s in e.spans]}


def acknowledgement(a: Acknowledgement) -> dict[str, Any]:
    pos = a.position
    return {"claim": a.claim, "article": a.article, "reason": a.reason, "owner": a.owner,
            "review_by": a.review_by.isoformat() if a.review_by else None,
            "file": pos.file if pos else "", "line": pos.line if pos else 0,
            "column": pos.column if pos else 0}


def problem(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line, "column": p.column, "code": p.code,
            "message": p.message, "json_path": p.json_path, "level": p.level}


def _pair(v: Verdict) -> tuple[str, str]:
    return (v.article, v.claim)


def _ack(a: Acknowledgement) -> tuple[str, str]:
    return (a.article, a.claim)
