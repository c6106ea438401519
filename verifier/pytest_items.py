"""The pytest collectors of the verifier plugin: the session's one run (State.run), its results
grouped by file (Lookup), and the files and claims that hold the items (verifier.pytest_results).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from verifier.execution import runner
from verifier.execution.workers import Execution, settle
from verifier.model import Acknowledgement, Claim, Verdict, contradicted, listed
from verifier.problems import Problem
from verifier.pytest_results import (
    STATE,
    ClaimExamplesItem,
    ContradictionItem,
    CrashItem,
    ExampleItem,
    ProblemItem,
    StaleItem,
    SummaryItem,
)
from verifier.report.safe import one_line

SUFFIXES = {".yaml", ".yml"}
# verifier_summaries = auto: a summary item per article up to this many articles; beyond, only
# articles with something to report are collected (pytest's cost per item and per file is what
# a large corpus pays, and ten thousand passing summaries tell a reader nothing)
SUMMARY_LIMIT = 1000
# Above this many claims with examples, each claim's examples are one item, not one each.
EXAMPLE_ITEMS_LIMIT = 200


@dataclass
class Lookup:
    """The run's results grouped by file, built once, so collecting a file costs what it holds."""

    problems: dict[str, list[Problem]] = field(default_factory=dict)
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    examples: dict[str, list[runner.ExampleOutcome]] = field(default_factory=dict)
    stale: dict[str, list[Acknowledgement]] = field(default_factory=dict)
    contradicted: dict[str, list[Verdict]] = field(default_factory=dict)
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    by_id: dict[str, Claim] = field(default_factory=dict)
    grouped: bool = False  # each claim's examples one item (above EXAMPLE_ITEMS_LIMIT claims)

    @classmethod
    def of(cls, run: runner.Run) -> Lookup:
        result, out = run.result, cls()
        for p in result.problems:
            if p.level == "error" and p.code not in runner.EXAMPLE_CODES:
                out.problems.setdefault(p.file, []).append(p)
        for c in result.project.claims:
            out.by_id[c.id] = c
            if c.position and c.examples:
                out.claims.setdefault(c.position.file, []).append(c)
        out.grouped = sum(map(len, out.claims.values())) > EXAMPLE_ITEMS_LIMIT
        for o in run.examples:
            out.examples.setdefault(o.claim.id, []).append(o)
        for a in result.stale:
            out.stale.setdefault(a.position.file if a.position else "", []).append(a)
        out.counts = {a.path: Counter() for a in result.project.articles}
        for article, _, verdict in listed(result.verdicts):  # (listed: nothing decoded)
            row = out.counts.get(article)
            if row is None:  # (not setdefault: that builds a Counter per verdict)
                row = out.counts[article] = Counter()
            row[verdict] += 1
        for v in contradicted(result.verdicts):
            out.contradicted.setdefault(v.article, []).append(v)
        for path, silent in result.unlisted_silent().items():  # a sparse result leaves them out
            out.counts[path]["silent"] += silent
        return out


class State:
    """The configured paths and the session's one run, computed on first use."""

    def __init__(self, root: Path, claims: Path, articles: Path, reports: list[str]) -> None:
        self.root, self.claims, self.articles, self.reports = root, claims, articles, reports
        self.execution: Execution | None = None  # worker processes and cache (pytest_configure)
        self.summaries = "auto"  # verifier_summaries: all, failing or auto
        self._run: runner.Run | None = None
        self.lookup = Lookup()
        self.error: str = ""
        self.collected = self.crash_shown = False
        self.failed: list[list[str]] = []  # each failed item's brief lines, for the run's end

    def run(self) -> runner.Run | None:
        if self._run is None and not self.error:
            try:
                paths = None
                if self.articles != self.root / "seeds":
                    paths = sorted(self.articles.rglob("*.txt"))
                project = runner.load(self.root, self.claims, paths, self.execution)
                self._run = runner.run_detailed(project, execution=self.execution)
                self.lookup = Lookup.of(self._run)
                settle()
            except Exception as error:  # reported as one failing item, not an internal error
                self.error = f"verifier could not run: {type(error).__name__}: {error}"
        return self._run

    def claim_crash(self) -> bool:
        """True once: the first file collected after a failed run carries the failure."""
        first, self.crash_shown = not self.crash_shown, True
        return first

    def within(self, path: Path) -> bool:
        """Inside the claims or the articles folder (unless that is the project root)."""
        return any(_within(path, folder) for folder in (self.claims, self.articles)
                   if folder != self.root)

    def owns(self, path: Path) -> bool:
        """Claim-side YAML files, article texts and their metadata sidecars."""
        if _within(path, self.claims):
            return path.suffix in SUFFIXES
        return _within(path, self.articles) and path.suffix in {".txt", *SUFFIXES}

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix() if _within(path, self.root) else ""

    def summarised(self, rel: str) -> bool:
        """Whether an article gets a summary item (see SUMMARY_LIMIT)."""
        return self.every_article() or rel in self.lookup.contradicted \
            or rel in self.lookup.problems

    def every_article(self) -> bool:
        """Whether every article is collected (a summary each), so pytest's own walk is right."""
        return self.summaries == "all" or (
            self.summaries == "auto" and len(self.lookup.counts) <= SUMMARY_LIMIT)

    def reported(self) -> list[Path]:
        """Files under the articles folder with something to report, in pytest's walk order."""
        found = self.lookup
        names = {*found.problems, *found.contradicted, *found.stale,
                 *(rel for rel in found.counts if self.summarised(rel))}
        paths = [self.root / rel for rel in names if rel]
        return sorted((p for p in paths if _within(p, self.articles) and self.owns(p)),
                      key=lambda p: p.parts)

    def empty(self, path: Path) -> bool:
        """A file that would collect nothing: not worth a collector node (a large corpus has
        tens of thousands of quiet articles and sidecars)."""
        if self.run() is None:
            return False
        rel, found = self.relative(path), self.lookup
        held = (found.problems, found.claims, found.stale, found.contradicted)
        return not any(rel in part for part in held) and not (
            rel in found.counts and self.summarised(rel))


class VerifierFile(pytest.File):
    """A claims/entities/acknowledgements file, an article, or an article's metadata."""

    def collect(self) -> Iterator[pytest.Item | pytest.Collector]:
        state = self.config.stash[STATE]
        if state.run() is None:
            if state.claim_crash():
                yield CrashItem.from_parent(self, name="verifier", message=state.error)
            return
        rel = state.relative(self.path)
        found, seen = state.lookup, set[str]()
        for problem in found.problems.get(rel, ()):
            name = _unique(f"{problem.code}:{problem.line}:{problem.column}", seen)
            yield ProblemItem.from_parent(self, name=name, problem=problem)
        for with_examples in found.claims.get(rel, ()):
            if found.grouped:  # one item per claim: a thousand claims' examples were 5,000 nodes
                yield ClaimExamplesItem.from_parent(
                    self, name=with_examples.id, claim=with_examples,
                    outcomes=found.examples.get(with_examples.id, []))
            else:
                yield ClaimNode.from_parent(self, name=with_examples.id)
        for ack in found.stale.get(rel, ()):
            # node ids show in pytest's summary lines: the article path is free text
            name = _unique(one_line(f"stale:{ack.claim}@{ack.article}"), seen)
            yield StaleItem.from_parent(self, name=name, ack=ack)
        if rel in found.counts:
            for v in found.contradicted.get(rel, ()):
                yield ContradictionItem.from_parent(self, name=v.claim, verdict=v,
                                                    claim=found.by_id.get(v.claim))
            if state.summarised(rel):
                yield SummaryItem.from_parent(self, name="summary", counts=found.counts[rel])


class ArticlesDir(pytest.Directory):
    """The articles folder of a large corpus: only files with something to report become nodes
    (pytest's own walk would take every article and sidecar through its hooks, seconds for
    ten thousand). Node ids are the usual ones: folder/file.txt::claim."""

    def collect(self) -> Iterator[pytest.Item | pytest.Collector]:
        for path in self.config.stash[STATE].reported():
            if path.is_file():
                yield VerifierFile.from_parent(self, path=path)


class ClaimNode(pytest.Collector):
    """One claim of a claims file; its children are the claim's examples."""

    def collect(self) -> Iterator[pytest.Item]:
        for outcome in self.config.stash[STATE].lookup.examples.get(self.name, ()):
            yield ExampleItem.from_parent(self, name=outcome.name, outcome=outcome)


def _within(path: Path, folder: Path) -> bool:
    """`path.is_relative_to(folder)` by string comparison (collection asks once per file of the
    tree; pathlib's version parses both paths every time)."""
    if os.sep != "/":  # pathlib compares Windows paths without regard to case
        return path.is_relative_to(folder)
    inside, top = str(path), str(folder)
    return inside == top or inside.startswith(top if top.endswith(os.sep) else top + os.sep)


def _unique(name: str, seen: set[str]) -> str:
    candidate, n = name, 1
    while candidate in seen:
        n += 1
        candidate = f"{name}#{n}"
    seen.add(candidate)
    return candidate
