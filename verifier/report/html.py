"""The HTML report: one self-contained file (inline CSS and JS, no network) with a claims x articles
matrix of coloured cells, filters by tag, verdict and article, and an evidence panel that a click
(or Enter) on a cell fills with the sentences, their matched spans highlighted, and the reason.

Rendered with jinja2 (autoescape on, StrictUndefined): every claim and article string is escaped,
so article text cannot inject markup. The page's Content-Security-Policy allows no fetch at all.
Only non-silent cells carry an evidence block, so the file grows with what articles say.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from verifier.execution import runner
from verifier.model import Article, Claim, Evidence, Result, Verdict
from verifier.report import view

TEMPLATES = resources.files("verifier.report") / "templates"


@dataclass(frozen=True)
class Cell:
    col: int
    state: view.State
    detail: str  # id of the evidence block; "" for a silent pair
    label: str


@dataclass(frozen=True)
class Row:
    claim: Claim
    cells: tuple[Cell, ...]

    @property
    def states(self) -> str:
        return " ".join(sorted({c.state for c in self.cells}))


@dataclass(frozen=True)
class Detail:
    id: str
    claim: Claim
    article: Article
    verdict: Verdict
    state: view.State
    evidence: tuple[tuple[Evidence, list[tuple[str, bool]]], ...]


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_template), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)


def _template(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def render(result: Result) -> str:
    return environment().get_template("report.html.j2").render(**context(result))


def context(result: Result) -> dict[str, Any]:
    matrix = view.Matrix.of(result)
    rows, details = [], []
    for r, claim in enumerate(matrix.claims):
        cells = []
        for c, article in enumerate(matrix.articles):
            v = matrix.verdict(claim.id, article.path)
            state = view.state(v)
            detail = f"d-{r}-{c}" if v.evidence or state != "silent" else ""
            if detail:
                details.append(Detail(detail, claim, article, v, state,
                                      tuple((e, view.parts(e)) for e in v.evidence)))
            cells.append(Cell(c, state, detail, f"{claim.id} in {article.path}: {state}"))
        rows.append(Row(claim, tuple(cells)))
    status = runner.exit_status(result)
    counts = {s: 0 for s in view.STATES}
    for v in result.verdicts:
        counts[view.state(v)] += 1
    counts["silent"] += sum(result.unlisted_silent().values())  # a sparse result leaves them out
    return {
        "css": Markup(_template("report.css")), "js": Markup(_template("report.js")),
        "ok": status == runner.CLEAN, "status": status, "counts": counts,
        "open": len(result.unacknowledged), "errors": len(runner.errors(result)),
        "states": view.STATES, "symbols": view.SYMBOLS, "meanings": view.MEANINGS,
        "not_judged": view.not_judged(result), "not_judged_text": view.NOT_JUDGED,
        "tags": sorted({t for c in matrix.claims for t in c.tags}),
        "articles": matrix.articles, "rows": rows, "details": details,
        "stale": sorted(result.stale, key=lambda a: (a.article, a.claim)),
        "problems": sorted(result.problems), "label": view.label, "safe_url": safe_url,
    }


def safe_url(url: str) -> str:
    """The URL if it is plain http(s), else "" (no javascript: or data: links from metadata)."""
    return url if url.lower().startswith(("https://", "http://")) else ""
