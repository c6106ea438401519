"""The Markdown report: a verdict line, a compact claims x articles matrix, then every
contradiction with its evidence. Sized for a pull-request comment or $GITHUB_STEP_SUMMARY.

Article text is untrusted: every piece of it is escaped, so a sentence cannot open a link, an
image, raw HTML or a mention. Matched spans are shown in bold (<b>, which GitHub keeps).
"""

from __future__ import annotations

import re

from verifier.execution import runner
from verifier.model import Article, Claim, Result, Verdict
from verifier.report import view
from verifier.report.safe import one_line

# Past these sizes the matrix keeps only the rows / columns with a contradiction.
MAX_COLUMNS = 12
MAX_ROWS = 40
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_SPACE = re.compile(r"\s+")
_MENTION = re.compile(r"(@[\w-]+)")


def escape(text: str) -> str:
    """Plain text as inert Markdown on one line: a backslash before punctuation Markdown reads,
    entities for & and <, and @handles as code (a mention in code notifies nobody). Spaces are
    kept, so the parts of a sentence join up again."""
    out = []
    for n, piece in enumerate(_MENTION.split(_SPACE.sub(" ", text))):
        if n % 2:
            out.append(code(piece))
        else:
            piece = _SPECIAL.sub(r"\\\1", _defuse(one_line(piece)))
            out.append(piece.replace("&", "&amp;").replace("<", "&lt;").replace("@", "&#64;"))
    return "".join(out)


# Autolinks GitHub makes of plain text: a scheme and "://" (http, https, ftp; with full-width
# dots or a decimal IP, backslashes before dots do not stop it), "mailto:" and "xmpp:", and
# "www." with any dot. An invisible word joiner after such a colon and between "www" and a
# dot breaks each of them, and reads the same.
_AUTOLINK = re.compile(r"(?i)(www)(?=[.\uff0e\u3002\uff61])|(:)(?=//)|((?:mailto|xmpp):)")
_JOINER = "\u2060"


def _defuse(text: str) -> str:
    return _AUTOLINK.sub(lambda m: m.group() + _JOINER, text)


def code(text: str) -> str:
    """An inline code span that survives backticks inside `text`."""
    text = " ".join(one_line(text).split())
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def cell(text: str) -> str:
    """A code span inside a table cell: a table splits its cells at every unescaped '|', even
    inside a code span, so each one is escaped (GFM shows it as a plain '|')."""
    return code(text).replace("|", "\\|")


def render(result: Result) -> str:
    lines = [*_head(result), *_matrix(view.Matrix.of(result)), *_not_judged(result),
             *_contradictions(result), *_stale(result), *_problems(result)]
    return "\n".join(lines).rstrip("\n") + "\n"


def _head(result: Result) -> list[str]:
    status = runner.exit_status(result)
    verdict = "OK" if status == runner.CLEAN else f"FAILED (exit {status})"
    counts = {s: 0 for s in view.STATES}
    for v in result.verdicts:
        counts[view.state(v)] += 1
    counts["silent"] += sum(result.unlisted_silent().values())  # a sparse result leaves them out
    parts = ", ".join(f"{counts[s]} {s}" for s in view.STATES)
    project = result.project
    return [f"## Claim verifier: {verdict}", "",
            f"{len(project.claims)} claims x {len(project.articles)} articles: {parts}; "
            f"{len(result.stale)} stale acknowledgement(s), {len(runner.errors(result))} "
            "input error(s).", ""]


def _not_judged(result: Result) -> list[str]:
    failed = view.not_judged(result)
    return [f"{view.NOT_JUDGED[0].upper()}{view.NOT_JUDGED[1:]}: "
            + ", ".join(code(p) for p in failed), ""] if failed else []


def _matrix(matrix: view.Matrix) -> list[str]:
    if not matrix.claims or not matrix.articles:
        return []
    flagged = {v.article for v in matrix.cells.values() if v.verdict == "contradicted"}
    articles = list(matrix.articles)
    if len(articles) > MAX_COLUMNS:
        articles = [a for a in articles if a.path in flagged][:MAX_COLUMNS]
    claims = list(matrix.claims)
    if len(claims) > MAX_ROWS:
        claims = [c for c in claims
                  if any(matrix.verdict(c.id, a.path).verdict == "contradicted"
                         for a in articles)][:MAX_ROWS]
    lines = ["| claim | " + " | ".join(cell(_short(a)) for a in articles) + " |",
             "| --- |" + " :-: |" * len(articles)]
    for c in claims:
        cells = [view.SYMBOLS[view.state(matrix.verdict(c.id, a.path))] for a in articles]
        lines.append(f"| {cell(c.id)} | " + " | ".join(cells) + " |")
    legend = " · ".join(f"{view.SYMBOLS[s]} {s}" for s in view.STATES)
    hidden = (len(matrix.claims) - len(claims), len(matrix.articles) - len(articles))
    note = f" ({hidden[0]} claims and {hidden[1]} articles not shown; the HTML report has " \
        "them all)" if any(hidden) else ""
    return [*lines, "", f"{legend}{note}", ""]


def _short(article: Article) -> str:
    name = article.name
    return name[:-4] if name.endswith(".txt") else name


def _contradictions(result: Result) -> list[str]:
    claims = view.claims_by_id(result)
    found = view.contradictions(result)
    open_ = [v for v in found if not v.acknowledged]
    known = [v for v in found if v.acknowledged]
    lines: list[str] = []
    if open_:
        lines += ["### Contradictions", ""]
        for v in open_:
            lines += _contradiction(v, claims.get(v.claim))
    if known:
        lines += ["<details><summary>Acknowledged contradictions "
                  f"({len(known)})</summary>", ""]
        for v in known:
            lines += _contradiction(v, claims.get(v.claim))
        lines += ["</details>", ""]
    return lines


def _contradiction(v: Verdict, claim: Claim | None) -> list[str]:
    symbol = view.SYMBOLS[view.state(v)]
    mixed = " (mixed: the article also supports it)" if v.mixed else ""
    lines = [f"#### {symbol} {code(v.claim)} in {code(v.article)}{mixed}", ""]
    if claim:
        lines += [f"Claim: {escape(claim.statement)}", ""]
    for e in view.against(v):
        where = code(f"{v.article}:{e.line}:{e.column}")
        sentence = "".join(f"<b>{escape(t)}</b>" if marked else escape(t)
                           for t, marked in view.parts(e))
        lines += [f"- {where} {escape(e.reason)}", f"  > {sentence}"]
    ack = v.acknowledgement
    if ack:
        owner = f" ({escape(ack.owner)})" if ack.owner else ""
        lines.append(f"- acknowledged{owner}: {escape(ack.reason)}")
    return [*lines, ""]


def _stale(result: Result) -> list[str]:
    if not result.stale:
        return []
    lines = ["### Stale acknowledgements (they match no contradiction: delete them)", ""]
    for a in sorted(result.stale, key=lambda a: (a.article, a.claim)):
        where = f"{code(f'{a.position.file}:{a.position.line}:{a.position.column}')} " \
            if a.position else ""
        lines.append(f"- {where}{code(a.claim)} in {code(a.article)}: {escape(a.reason)}")
    return [*lines, ""]


def _problems(result: Result) -> list[str]:
    if not result.problems:
        return []
    lines = ["### Input problems", ""]
    for p in sorted(result.problems):
        where = code(f"{p.file}:{p.line}:{p.column}")
        lines.append(f"- {p.level}: {where} \\[{escape(p.code)}\\] {escape(p.message)}")
    return [*lines, ""]
