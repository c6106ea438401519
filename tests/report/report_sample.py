"""A hand-built Result that exercises every corner the renderers show: an open contradiction, an
acknowledged one, a mixed verdict, hedged support, a stale acknowledgement, input problems, and
article text that tries to inject markup, Markdown, mentions and workflow commands.

Invented town and people; nothing here is about the real world.
"""

from __future__ import annotations

import datetime as dt

from verifier.model import (
    Acknowledgement,
    Article,
    ArticleMeta,
    Claim,
    Evidence,
    Polarity,
    Position,
    Project,
    Result,
    Span,
    Verdict,
)
from verifier.problems import Problem

HOSTILE = ("Mayor Dana <script>alert(1)</script> said [click](javascript:alert(1)) "
           "@everyone ::error::x 100% </template> & the bridge remains closed.")
TEXTS = {
    "seeds/a.txt": "Mayor Dana opened the bridge on Monday.\nThe ferry may run again.\n",
    "seeds/b.txt": f"Bridge news.\n{HOSTILE}\n",
    "seeds/c.txt": "Nothing about the town.\n",
}
CLAIMS = (
    Claim("bridge-open", "The bridge is open.", "phrases", {}, severity="critical",
          tags=("town", "roads"), position=Position("claims/town.yaml", 3, 5)),
    Claim("ferry-runs", "The ferry runs.", "phrases", {}, tags=("boats",),
          position=Position("claims/town.yaml", 9, 5)),
    Claim("mayor-dana", "Dana is the mayor <b>of</b> Town.", "office", {}, severity="low",
          tags=("town",), position=Position("claims/town.yaml", 15, 5)),
)
ACK = Acknowledgement("mayor-dana", "seeds/b.txt", "satire column, kept on purpose",
                      owner="desk", position=Position("claims/acknowledgements.yaml", 2, 5))
STALE = Acknowledgement("ferry-runs", "seeds/c.txt", "was wrong once",
                        position=Position("claims/acknowledgements.yaml", 7, 5))


def span(path: str, phrase: str) -> Span:
    text = TEXTS[path]
    start = text.index(phrase)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Span(start, start + len(phrase), line, column, phrase)


def evidence(path: str, polarity: Polarity, phrases: tuple[str, ...], reason: str,
             hedged: bool = False) -> Evidence:
    spans = tuple(span(path, p) for p in phrases)
    line = spans[0].line
    sentence = TEXTS[path].splitlines()[line - 1]
    return Evidence(polarity, line, spans[0].column, sentence, reason, spans, hedged)


def verdicts() -> tuple[Verdict, ...]:
    a, b = "seeds/a.txt", "seeds/b.txt"
    return (
        Verdict("bridge-open", a, "supported",
                (evidence(a, "support", ("opened the bridge",), "article says it opened"),)),
        Verdict("ferry-runs", a, "supported",
                (evidence(a, "support", ("ferry may run",), "hedged: 'may run'", hedged=True),),
                hedged=True),
        Verdict("mayor-dana", a, "supported",
                (evidence(a, "support", ("Mayor Dana",), "title Mayor attached to Dana"),)),
        Verdict("bridge-open", b, "contradicted", (
            evidence(b, "contradict", ("remains closed",), "article says it <remains closed>"),
            evidence(b, "support", ("Bridge",), "article mentions the bridge"))),
        Verdict("ferry-runs", b, "silent"),
        Verdict("mayor-dana", b, "contradicted",
                (evidence(b, "contradict", ("Mayor Dana", "@everyone"), "said by @everyone"),),
                acknowledged=True, acknowledgement=ACK),
        Verdict("bridge-open", "seeds/c.txt", "silent"),
        Verdict("ferry-runs", "seeds/c.txt", "silent"),
        Verdict("mayor-dana", "seeds/c.txt", "silent"),
    )


def sample() -> Result:
    articles = (
        Article("seeds/a.txt", TEXTS["seeds/a.txt"], ArticleMeta(
            title="Bridge opens", outlet="Town Crier", url="https://example.org/a",
            published=dt.date(2024, 5, 4))),
        Article("seeds/b.txt", TEXTS["seeds/b.txt"], ArticleMeta(
            title="Satire <i>column</i>", url="javascript:alert(1)", kind="machine-written")),
        Article("seeds/c.txt", TEXTS["seeds/c.txt"]),
    )
    problems = (Problem("claims/town.yaml", 20, 7, "schema", "'kind' is a required property",
                        "$.claims[3]"),
                Problem("claims/acknowledgements.yaml", 2, 5, "acknowledgement-review-due",
                        "review by 2024-01-01 has passed", level="warning"))
    project = Project(".", {}, CLAIMS, articles, (ACK, STALE), problems)
    return Result(project, verdicts(), (STALE,), problems)
