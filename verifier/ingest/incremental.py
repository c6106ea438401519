"""`verifier check --changed`: verify only the (claim, article) pairs a change can affect.

Changed articles are verified against every claim, every article against the changed claims.
Acknowledgements outside those pairs are set aside for the run, so they are neither matched nor
reported stale; everything else (schema problems, claim examples, the report) is as in the full
run, which stays the default.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from verifier.execution.backend import failure
from verifier.execution.runner import VerifyFn
from verifier.ingest.base import IngestError
from verifier.ingest.changed import DEFAULT_BASE, Selection, select
from verifier.model import Article, Claim, Entity, Project, Verdict
from verifier.problems import Problem


@dataclass(frozen=True)
class Scope:
    """What `check --changed` runs: the project to report on and how to verify it."""

    project: Project
    verify: VerifyFn | None  # None: the full run
    partial: bool
    summary: str


def changed_scope(project: Project, root: Path, base: str = DEFAULT_BASE) -> Scope:
    """The scope of `check --changed --base BASE`; a usage error if git cannot answer."""
    try:
        selection = select(root, base)
    except IngestError as error:
        raise click.UsageError(f"--changed: {error}") from None
    if selection.full:
        return Scope(project, None, False, f"--changed: full run ({selection.reason})")
    articles = tuple(a for a in project.articles
                     if selection.claims or a.path in selection.articles)
    acks = tuple(a for a in project.acknowledgements
                 if a.article in selection.articles or a.claim in selection.claims)
    narrowed = dataclasses.replace(project, articles=articles, acknowledgements=acks)
    summary = (f"--changed since {base}: {len(selection.articles)} article(s) against every "
               f"claim, {len(selection.claims)} claim(s) against every article")
    return Scope(narrowed, _verifier(selection), True, summary)


def _verifier(selection: Selection) -> VerifyFn:
    def verify(claims: Sequence[Claim], entities: Mapping[str, Entity],
               articles: Sequence[Article]) -> Sequence[Verdict | Problem]:
        return verify_selected(selection, claims, entities, articles)

    return verify


def verify_selected(selection: Selection, claims: Sequence[Claim],
                    entities: Mapping[str, Entity],
                    articles: Sequence[Article]) -> tuple[Verdict | Problem, ...]:
    """Changed articles x all claims, plus all articles x changed claims; sorted as verify().
    An article the verifier fails on is a Problem, its pairs silent, and the others go on."""
    from verifier.engine import Engine
    from verifier.engine.core import JudgeError

    engine = Engine(claims, entities)
    every = [c.id for c in engine.claims]
    changed = [i for i in every if i in selection.claims]
    out: list[Verdict | Problem] = []
    for article in sorted(articles, key=lambda a: a.path):
        whole = article.path in selection.articles
        if not (whole or changed):
            continue
        pairs = every if whole else changed
        asked = None if whole else selection.claims
        try:
            found = {v.claim: v for v in engine.judge_article(article, asked)}
        except JudgeError as error:
            out.append(failure((article, None), error))
            found = {}
        out.extend(found.get(i) or Verdict(i, article.path, "silent") for i in pairs)
    return tuple(out)
