"""The text report: contradictions per article with their evidence, then a compact summary.

Colour is the caller's decision (`color=True`); the registry's plain `render` never colours.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import click

from verifier.execution import runner
from verifier.model import Article, ArticleMeta, Claim, Result, Verdict, contradicted, listed
from verifier.report import view
from verifier.report.safe import one_line as c

Style = Callable[..., str]
# Above this many articles the summary table lists only the articles with contradictions.
MAX_TABLE_ROWS = 40
COLUMNS = ("supported", "contradicted", "acknowledged", "silent")
# Evidence lines shown per contradiction; the JSON report has all the engine kept.
MAX_EVIDENCE = 3


def render(result: Result, *, color: bool = False) -> str:
    style: Style = click.style if color else _plain
    lines = [f"verifier: {len(result.project.claims)} claims x "
             f"{len(result.project.articles)} articles", ""]
    claims = {c.id: c for c in result.project.claims}
    articles = {a.path: a for a in result.project.articles}
    by_article: dict[str, list[Verdict]] = {}
    for v in contradicted(result.verdicts):
        by_article.setdefault(v.article, []).append(v)
    for path, verdicts in sorted(by_article.items()):
        lines += _article(articles.get(path), path, style)
        for v in sorted(verdicts, key=lambda v: v.claim):
            lines += _contradiction(v, claims.get(v.claim), style)
        lines.append("")
    lines += _stale(result, style) + _problems(result, style) + _summary(result) + _others(result)
    lines.append(_verdict_line(result, style))
    return "\n".join(lines) + "\n"


def _plain(text: str, **_: object) -> str:
    return text


def _article(article: Article | None, path: str, style: Style) -> list[str]:
    meta = article.meta if article else ArticleMeta()
    published = meta.published.isoformat() if meta.published else ""
    details = c(", ".join(x for x in (meta.kind, meta.outlet, published) if x))
    title = f' "{c(meta.title)}"' if meta.title else ""
    return [f"{style(c(path), bold=True)}{title} ({details})"]


def _contradiction(v: Verdict, claim: Claim | None, style: Style,
                   limit: int = MAX_EVIDENCE) -> list[str]:
    severity = f" [{claim.severity}]" if claim else ""
    if v.acknowledged:
        status = style("acknowledged", fg="yellow")
    else:
        status = style("CONTRADICTED", fg="red", bold=True)
    mixed = " (mixed: the article also supports it)" if v.mixed else ""
    lines = [f"  {status} {c(v.claim)}{severity}{mixed}"]
    if claim:
        lines.append(f"    claim: {c(claim.statement)}")
    against = [e for e in v.evidence if e.polarity == "contradict"]
    for e in against[:limit]:
        lines += [f"    {c(v.article)}:{e.line}:{e.column}: {c(e.reason)}",
                  f"      | {c(e.text)}"]
    if len(against) > limit:
        lines.append(f"    ... and {len(against) - limit} more (all of them: --format json)")
    if v.acknowledgement:
        owner = f" ({c(v.acknowledgement.owner)})" if v.acknowledgement.owner else ""
        lines.append(f"    acknowledged{owner}: {c(v.acknowledgement.reason)}")
    return lines


def _stale(result: Result, style: Style) -> list[str]:
    if not result.stale:
        return []
    lines = [style("Stale acknowledgements (they match no contradiction; delete them):",
                   fg="red", bold=True)]
    for a in sorted(result.stale, key=lambda a: (a.article, a.claim)):
        where = f"{a.position.file}:{a.position.line}:{a.position.column}: " if a.position else ""
        lines.append(c(f"  {where}{a.claim} in {a.article}"))
    return [*lines, ""]


def _problems(result: Result, style: Style) -> list[str]:
    if not result.problems:
        return []
    lines = [style("Input problems:", bold=True)]
    lines += [f"  {p.level}: {p}" for p in sorted(result.problems)]
    return [*lines, ""]


def _summary(result: Result) -> list[str]:
    # rows filled per (article, verdict) pair, not per verdict: a warm run over 10,000
    # articles has 170,000 verdicts to count (`listed`: without decoding them)
    pairs: Counter[tuple[str, str]] = Counter(
        [(article, verdict) for article, _, verdict in listed(result.verdicts)])
    pairs.update((v.article, "acknowledged") for v in contradicted(result.verdicts)
                 if v.acknowledged)
    counts = {a.path: dict.fromkeys(COLUMNS, 0) for a in result.project.articles}
    for (path, column), n in pairs.items():
        counts.setdefault(path, dict.fromkeys(COLUMNS, 0))[column] += n
    for path, silent in result.unlisted_silent().items():  # a sparse result leaves them out
        counts[path]["silent"] += silent
    total = {c: sum(row[c] for row in counts.values()) for c in COLUMNS}
    paths = sorted(counts)
    if len(paths) > MAX_TABLE_ROWS:
        paths = [p for p in paths if counts[p]["contradicted"]]
    width = max([len("article"), len("total"), *(len(p) for p in paths)])
    head = "  ".join(f"{c:>12}" for c in COLUMNS)
    lines = ["Summary", f"  {'article':<{width}}  {head}"]
    for name, row in [*((p, counts[p]) for p in paths), ("total", total)]:
        lines.append(c(f"  {name:<{width}}  ") + "  ".join(f"{row[k]:>12}" for k in COLUMNS))
    hidden = len(counts) - len(paths)
    if hidden:
        lines.append(f"  ({hidden} more articles without contradictions)")
    failed = view.not_judged(result)
    if failed:  # their pairs read as silent above
        lines.append(c(f"  {view.NOT_JUDGED}: {', '.join(failed)}"))
    return lines


def _others(result: Result) -> list[str]:
    lines = []
    disputed = runner.disputed_claims(result)
    if disputed:
        lines.append("  disputed (supported by some articles, contradicted by others): "
                     + c(", ".join(disputed)))
    unmentioned = runner.unmentioned_claims(result)
    if unmentioned:
        lines.append("  judged by no article: " + c(", ".join(unmentioned)))
    return [*lines, ""]


def _verdict_line(result: Result, style: Style) -> str:
    status = runner.exit_status(result)
    open_, stale, errors = len(result.unacknowledged), len(result.stale), len(runner.errors(result))
    counts = (f"{open_} unacknowledged contradiction(s), {stale} stale acknowledgement(s), "
              f"{errors} input error(s)")
    if status == runner.CLEAN:
        return style(f"OK: {counts}", fg="green", bold=True)
    return style(f"FAILED (exit {status}): {counts}", fg="red", bold=True)


# --- single failures, as the pytest plugin shows them ----------------------------------------


def describe_contradiction(verdict: Verdict, claim: Claim | None) -> str:
    """An unacknowledged contradiction, self-contained: claim, article, evidence, what to do."""
    where = ""
    if claim and claim.position:
        where = f" ({claim.position.file}:{claim.position.line})"
    lines = [c(f"{verdict.article} contradicts claim {verdict.claim}{where}"),
             *(line[2:] for line in _contradiction(verdict, claim, _plain,
                                                   limit=len(verdict.evidence))[1:]),
             "  If the article is wrong and stays in the corpus on purpose, acknowledge it in the "
             "acknowledgements file with a reason; if the claim is wrong, fix the claim."]
    return "\n".join(lines)


def describe_example(outcome: runner.ExampleOutcome) -> str:
    """A claim example the verifier judges differently from what its author expects, or a known
    miss that now passes (its mark must go)."""
    pos = outcome.example.position or outcome.claim.position
    where = f"{pos.file}:{pos.line}:{pos.column}: " if pos else ""
    lines = [c(f"{where}{outcome.claim.id} {outcome.name}"),
             f"  example:  {c(outcome.example.text)}",
             f"  expected: {outcome.example.expect}",
             f"  got:      {c(outcome.reason or outcome.verdict.verdict)}"]
    if outcome.example.known_miss and outcome.matches:
        lines += [f"  It is marked as a known miss ({c(outcome.example.known_miss)}) but now "
                  "passes: delete its known_miss line."]
        return "\n".join(lines)
    for e in outcome.verdict.evidence:
        lines += [f"  {e.polarity} at {e.line}:{e.column}: {c(e.reason)}", f"    | {c(e.text)}"]
    if not outcome.verdict.evidence:
        lines.append("  (no evidence: nothing in the sentence bears on the claim)")
    lines.append(f"  Try it: verifier try {c(outcome.claim.id)} \"SENTENCE\" shows the whole "
                 "trail; if the verifier is wrong and cannot be fixed now, mark the example "
                 "known_miss: \"reason\".")
    return "\n".join(lines)


def brief_contradiction(verdict: Verdict) -> list[str]:
    """Each contradicting sentence in two lines, `article:line:col: claim: reason` and the
    sentence: the end-of-run list of the pytest plugin, readable without the full report."""
    lines = []
    for e in verdict.evidence:
        if e.polarity == "contradict":
            lines += [c(f"{verdict.article}:{e.line}:{e.column}: {verdict.claim}: {e.reason}"),
                      f"    | {c(e.text)}"]
    return lines or [c(f"{verdict.article}: {verdict.claim}: contradicted")]
