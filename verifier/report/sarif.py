"""SARIF 2.1.0: one result per contradicted (claim, article) pair, located at the first
contradicting sentence of the article, so code-scanning views annotate the article itself.

Rules: one per claim (id, statement), plus `stale-acknowledgement` and one per input-problem code.
Acknowledged contradictions are results with level "note" and an accepted external suppression;
unacknowledged ones are errors. Columns count Unicode code points (run.columnKind says so).
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from typing import Any

from verifier.model import Acknowledgement, Article, Evidence, Result, Verdict
from verifier.problems import FAILURE, Problem
from verifier.report import view
from verifier.report.jsontext import dumps
from verifier.report.safe import uri

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL = "claim-verifier"
STALE = "stale-acknowledgement"


def render(result: Result) -> str:
    return dumps(document(result))


def document(result: Result) -> dict[str, Any]:
    articles = view.articles_by_path(result)
    results = [contradiction(v, articles.get(v.article)) for v in view.contradictions(result)]
    results += [stale(a) for a in sorted(result.stale, key=lambda a: (a.article, a.claim))]
    results += [problem(p) for p in sorted(result.problems)]
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": driver(result)},
        "invocations": [invocation(result)],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }]}


def invocation(result: Result) -> dict[str, Any]:
    """Not successful when the verifier itself failed on an article or claim example: a
    notification per failure, besides its result (code scanning shows them as tool errors)."""
    failures = [p for p in sorted(result.problems) if p.code == FAILURE]
    out: dict[str, Any] = {"executionSuccessful": not failures}
    if failures:
        out["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": p.message},
             **({"locations": [_location(p)]} if p.file else {})} for p in failures]
    return out


def driver(result: Result) -> dict[str, Any]:
    rules = [rule(c.id, c.statement, f"Severity {c.severity}; tags: {', '.join(c.tags) or '-'}")
             for c in sorted(result.project.claims, key=lambda c: c.id)]
    rules.append(rule(STALE, "An acknowledgement matches no contradiction any more.",
                      "Delete the entry from the acknowledgements file."))
    codes = sorted({p.code for p in result.problems})
    rules += [_input_rule(code) for code in codes]
    return {"name": TOOL, "version": version(TOOL), "rules": rules}


def _input_rule(code: str) -> dict[str, Any]:
    if code == FAILURE:
        return rule(f"input/{code}", "The verifier itself failed on this file (a bug).",
                    "Report it with the file; its pairs were not judged.")
    return rule(f"input/{code}", f"Input problem: {code}", "Fix the file named.")


def rule(rule_id: str, short: str, full: str) -> dict[str, Any]:
    return {"id": rule_id, "shortDescription": {"text": short}, "fullDescription": {"text": full}}


def contradiction(v: Verdict, article: Article | None) -> dict[str, Any]:
    evidence = view.against(v) or list(v.evidence)
    first = evidence[0] if evidence else None
    reasons = "; ".join(dict.fromkeys(e.reason for e in evidence)) or "contradicted"
    out: dict[str, Any] = {
        "ruleId": v.claim,
        "level": "note" if v.acknowledged else "error",
        "message": {"text": f"{v.article} contradicts claim {v.claim}: {reasons}"},
        "locations": [location(v.article, first, article)],
        "partialFingerprints": {"claimArticle/v1": _digest(v.claim, v.article)},
    }
    if len(evidence) > 1:
        out["relatedLocations"] = [
            {"id": n, **location(v.article, e, article), "message": {"text": e.reason}}
            for n, e in enumerate(evidence[1:], start=1)]
    if v.acknowledged:
        out["suppressions"] = [suppression(v.acknowledgement)]
    return out


def location(path: str, e: Evidence | None, article: Article | None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": e.line if e else 1, "startColumn": e.column if e else 1}
    if e and e.spans and article is not None:
        end = max(s.end for s in e.spans)
        line, column = _line_col(article.text, end)
        region.update(endLine=line, endColumn=column)
    if e:
        region["snippet"] = {"text": e.text}
    return {"physicalLocation": {"artifactLocation": {"uri": uri(path)}, "region": region}}


def suppression(ack: Acknowledgement | None) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": "external", "status": "accepted"}
    if ack is not None:
        out["justification"] = ack.reason
    return out


def stale(a: Acknowledgement) -> dict[str, Any]:
    pos = a.position
    region = {"startLine": pos.line, "startColumn": pos.column} if pos else {"startLine": 1}
    return {"ruleId": STALE, "level": "error",
            "message": {"text": f"stale acknowledgement: {a.article} no longer contradicts "
                                f"{a.claim} (reason was: {a.reason})"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri(pos.file) if pos else "claims"},
                "region": region}}]}


def problem(p: Problem) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": f"input/{p.code}", "message": {"text": p.message},
                           "level": "error" if p.level == "error" else "warning"}
    if p.file:
        out["locations"] = [_location(p)]
    return out


def _location(p: Problem) -> dict[str, Any]:
    region = {"startLine": max(p.line, 1), "startColumn": max(p.column, 1)}
    return {"physicalLocation": {"artifactLocation": {"uri": uri(p.file)}, "region": region}}


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (the end of a span: exclusive)."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]
