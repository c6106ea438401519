"""One verification run: load -> engine -> acknowledgements -> claim examples -> Result.

`run(project)` is what the CLI, the pytest plugin and library users call. The engine is looked
up lazily, so a fake can stand in for it (``run(project, verify=..., examples=...)``).
Never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verifier.execution import baseline
from verifier.execution import examples as claim_examples
from verifier.model import (
    Acknowledgement,
    Article,
    Claim,
    Entity,
    Example,
    Project,
    Result,
    Verdict,
    contradicted,
    listed,
)
from verifier.problems import Problem

if TYPE_CHECKING:
    from verifier.execution.workers import Execution

# Every pair's verdict; a Problem among them stands for an article the verifier failed on
# (see backend.Outcome), whose pairs are silent.
VerifyFn = Callable[[Sequence[Claim], Mapping[str, Entity], Sequence[Article]],
                    Sequence[Verdict | Problem]]

# The claim examples' outcomes, in examples.py; their names stay importable from here
ExamplesFn = claim_examples.ExamplesFn
ExampleOutcome = claim_examples.ExampleOutcome
EXAMPLE_MISMATCH = claim_examples.EXAMPLE_MISMATCH
KNOWN_MISS, KNOWN_MISS_PASSES = claim_examples.KNOWN_MISS, claim_examples.KNOWN_MISS_PASSES
EXAMPLE_CODES = claim_examples.EXAMPLE_CODES
check_claims, example_problem = claim_examples.check_claims, claim_examples.example_problem
example_problems = claim_examples.example_problems
example_reason = claim_examples.example_reason

# Exit statuses shared by `verifier check` and the JSON summary.
CLEAN, FAILED, INVALID = 0, 1, 2


@dataclass(frozen=True)
class Run:
    """A Result plus every example outcome (the Result keeps only the failures, as Problems)."""

    result: Result
    examples: tuple[ExampleOutcome, ...]


def load(root: Path, claims_dir: Path | None = None,
         article_paths: Sequence[Path] | None = None,
         execution: Execution | None = None) -> Project:
    """`verifier.load.project.load_project`, imported on first use; with an `execution`, articles
    are read by its worker processes."""
    from verifier.load.project import load_project

    if execution is None:
        return load_project(root, claims_dir=claims_dir, article_paths=article_paths)
    from verifier.execution.workers import gc_paused, reader
    from verifier.load.memo import DocumentMemo

    memo = DocumentMemo(execution.cache) if execution.cache else None
    with gc_paused():  # tens of thousands of objects that live on: nothing to collect
        project = load_project(root, claims_dir=claims_dir, article_paths=article_paths,
                               mapper=reader(execution), memo=memo)
    if memo is not None:
        memo.save()
        execution.stats.corrupt += memo.corrupt
        execution.stats.unwritable += memo.unwritable
    return project


def engine_verify() -> VerifyFn:
    from verifier.engine import verify

    return verify


def engine_examples() -> ExamplesFn:
    return SharedEngineExamples()


class SharedEngineExamples:
    """`check_examples` on one engine compiled for every claim of the run (the engine that
    judges the articles), built on first use rather than once per claim."""

    def __init__(self) -> None:
        self.claims: tuple[Claim, ...] = ()
        self.ids: set[str] = set()
        self.engine: Any = None

    def bind(self, claims: Sequence[Claim]) -> None:
        self.claims, self.ids, self.engine = tuple(claims), {c.id for c in claims}, None

    def __call__(self, claim: Claim, entities: Mapping[str, Entity]
                 ) -> Sequence[tuple[Example, Verdict]]:
        from verifier.engine import Engine, check_examples

        if claim.id not in self.ids:  # not bound to this claim: an engine of its own
            return check_examples(claim, entities)
        self.engine = self.engine or Engine(self.claims, entities)
        return check_examples(claim, entities, self.engine)


def run(project: Project, *, verify: VerifyFn | None = None, examples: ExamplesFn | None = None,
        partial: bool = False, today: dt.date | None = None,
        execution: Execution | None = None) -> Result:
    """Verify every claim against every article of `project`; see `run_detailed`."""
    return run_detailed(project, verify=verify, examples=examples, partial=partial,
                        today=today, execution=execution).result


def run_detailed(
    project: Project,
    *,
    verify: VerifyFn | None = None,
    examples: ExamplesFn | None = None,
    partial: bool = False,
    today: dt.date | None = None,
    execution: Execution | None = None,
) -> Run:
    """The whole run. `partial` means the project holds only some of the corpus's articles, so
    acknowledgements of the others are neither matched nor stale. `execution` says how the
    engine runs (worker processes, cache, cluster: see verifier.execution.workers)."""
    examples = examples or engine_examples()
    shared = isinstance(examples, SharedEngineExamples)
    verdicts, sparse, judged, failed = _verdicts(project, verify or engine_verify(), execution,
                                                 shared)
    applied = baseline.apply(verdicts, project.acknowledgements, today=today,
                             judged=_judged(project, partial, {p.file for p in failed}))
    if isinstance(examples, SharedEngineExamples):
        examples.bind(project.claims)
    failures = [*failed]  # the articles', then any claim examples' the verifier failed on
    examples = _precomputed(judged, examples, failures)
    outcomes = tuple(check_claims(project.claims, project.entities, examples))
    problems = sorted([*project.problems, *applied.warnings, *failures,
                       *example_problems(outcomes)])
    result = Result(project, applied.verdicts, applied.stale, tuple(problems), sparse)
    return Run(result, outcomes)


def _verdicts(project: Project, verify: VerifyFn, execution: Execution | None, shared: bool
              ) -> tuple[Sequence[Verdict], bool, Mapping[str, list[Verdict] | Problem],
                         list[Problem]]:
    """The verdicts, whether silent pairs are left out, verdicts on claim examples judged
    along, and the articles the verifier failed on (see backend.Outcome). The engine itself
    runs through verifier.execution.workers (processes, cache, cluster), which judges the
    examples too when an execution is given and the examples judge is the engine's; any other
    `verify` is called as it is."""
    from verifier import engine
    from verifier.execution import workers

    if verify is not engine.verify:
        found = verify(project.claims, project.entities, project.articles)
        return ([v for v in found if isinstance(v, Verdict)], False, {},
                [p for p in found if isinstance(p, Problem)])
    ask = [c for c in project.claims if c.examples] if execution and shared else []
    execution = execution or workers.Execution()
    out = workers.verify_sparse(project.claims, project.entities, project.articles,
                                execution, ask)
    if len(project.claims) * len(project.articles) > execution.dense_limit:
        return out.verdicts, True, out.examples, out.failures
    return (workers.dense(out.verdicts, project.claims, project.articles), False, out.examples,
            out.failures)


def _precomputed(judged: Mapping[str, Sequence[Verdict] | Problem], rest: ExamplesFn,
                 failures: list[Problem]) -> ExamplesFn:
    """Verdicts on examples judged along with the articles; `rest` judges any others. A claim
    whose examples the verifier failed on has none: its failure goes to `failures`."""
    from verifier.engine.core import JudgeError
    from verifier.execution.backend import failure

    def examples(claim: Claim, entities: Mapping[str, Entity]
                 ) -> Sequence[tuple[Example, Verdict]]:
        found = judged.get(claim.id)
        if isinstance(found, Problem):
            failures.append(found)
            return ()
        if found is not None and len(found) == len(claim.examples):
            return list(zip(claim.examples, found, strict=True))
        try:
            return rest(claim, entities)
        except JudgeError as error:
            failures.append(failure(claim, error))
            return ()

    return examples


def _judged(project: Project, partial: bool, failed: Collection[str] = ()
            ) -> Callable[[Acknowledgement], bool] | None:
    """Which acknowledgements this run can call stale (None: all of them); `failed`: the
    articles the verifier failed on, whose verdicts are unknown."""
    broken = any(p.level == "error" for p in project.problems)
    if not (partial or broken or failed):
        return None
    articles = {a.path for a in project.articles} - set(failed)
    claims = {c.id for c in project.claims}
    # a claim file that failed to load must not turn its acknowledgements stale
    return lambda a: (not (partial or failed) or a.article in articles) \
        and (not broken or a.claim in claims)


# --- facts about a Result, shared by the reports and the CLI -------------------------------


def errors(result: Result) -> list[Problem]:
    return [p for p in result.problems if p.level == "error"]


def exit_status(result: Result) -> int:
    """2 if any input is invalid (even with contradictions: fix the input first, then judge),
    1 if any contradiction is unacknowledged or any acknowledgement is stale, else 0."""
    if errors(result):
        return INVALID
    return FAILED if result.unacknowledged or result.stale else CLEAN


def unmentioned_claims(result: Result) -> list[str]:
    """Claims no article judges: silent on every article (so nothing checks them yet)."""
    judged = {claim for _, claim, verdict in listed(result.verdicts) if verdict != "silent"}
    return sorted(c.id for c in result.project.claims if c.id not in judged)


def disputed_claims(result: Result) -> dict[str, dict[str, list[str]]]:
    """Claims some articles support and others contradict: claim -> verdict -> articles."""
    against = {v.claim for v in contradicted(result.verdicts)}
    sides: dict[str, dict[str, list[str]]] = {}
    for article, claim, verdict in listed(result.verdicts):
        if claim in against and verdict != "silent":  # only a contradicted claim is disputed
            sides.setdefault(claim, {}).setdefault(verdict, []).append(article)
    return {claim: {k: sorted(paths) for k, paths in sorted(by.items())}
            for claim, by in sorted(sides.items()) if len(by) == 2}
