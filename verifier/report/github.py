"""GitHub Actions workflow commands: one `::error file=…,line=…,col=…::` annotation per
contradicting sentence of an unacknowledged contradiction, per stale acknowledgement and per
input problem; acknowledged contradictions are `::notice`. Printed to standard output inside
a workflow step, they annotate the pull request's files.

Values are escaped as the workflow-command syntax requires (%, CR, LF; and `:` `,` in
properties), so article text cannot end an annotation early or start a command of its own.
"""

from __future__ import annotations

from verifier.model import Result, Verdict
from verifier.report import view
from verifier.report.safe import one_line


def data(text: str) -> str:
    """A command's message: line breaks kept as the escapes the runner turns back into line
    breaks inside the annotation; any other control character (an ESC sequence would drive
    the log viewer) shown as an escape."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return one_line(text)


def prop(text: str) -> str:
    """A property value: also `:` and `,`, which would end it (the workflow-command rules)."""
    return data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, *, file: str = "", line: int = 0, col: int = 0,
            title: str = "") -> str:
    props = [f"file={prop(file)}"] if file else []
    if file and line > 0:
        props.append(f"line={line}")
        if col > 0:
            props.append(f"col={col}")
    if title:
        props.append(f"title={prop(title)}")
    head = f"{kind} " + ",".join(props) if props else kind
    return f"::{head}::{data(message)}"


def render(result: Result) -> str:
    claims = view.claims_by_id(result)
    lines = [line for v in view.contradictions(result)
             for line in _contradiction(v, claims[v.claim].statement if v.claim in claims else "")]
    for a in sorted(result.stale, key=lambda a: (a.article, a.claim)):
        pos = a.position
        lines.append(command("error", f"{a.article} no longer contradicts {a.claim}: delete this "
                             f"acknowledgement (reason was: {a.reason})",
                             file=pos.file if pos else "", line=pos.line if pos else 0,
                             col=pos.column if pos else 0, title="stale acknowledgement"))
    for p in sorted(result.problems):
        lines.append(command("error" if p.level == "error" else "warning", p.message,
                             file=p.file, line=p.line, col=p.column, title=f"verifier: {p.code}"))
    return "".join(f"{line}\n" for line in lines)


def _contradiction(v: Verdict, statement: str) -> list[str]:
    """One annotation per contradicting sentence, so every such line of the article is marked."""
    kind = "notice" if v.acknowledged else "error"
    tail = f"\nclaim {v.claim}: {statement}"
    if v.acknowledgement:
        tail += f"\nacknowledged: {v.acknowledgement.reason}"
    evidence = view.against(v)
    if not evidence:
        return [command(kind, f"contradicted{tail}", file=v.article,
                        title=f"contradicts {v.claim}")]
    return [command(kind, f"{e.reason}{tail}", file=v.article, line=e.line, col=e.column,
                    title=f"contradicts {v.claim}") for e in evidence]
