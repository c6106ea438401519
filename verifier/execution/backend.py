"""What verifies a run's tasks: a Backend, and the task each one runs. Defined here, below both
backends, so that `workers` (this process or worker processes) and `cluster` (a Dask cluster)
share it without importing each other; `workers` picks the backend of a run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from verifier import engine as engine_module
from verifier.engine import Engine
from verifier.engine.core import JudgeError
from verifier.model import Article, Claim, Entity, Verdict
from verifier.problems import FAILURE, Problem

CHUNK = 32  # tasks per message: small enough to balance the workers, large enough to be cheap

# an article and the claim ids to judge (None: all), or a claim whose examples to judge
Task = tuple[Article, frozenset[str] | None] | Claim
# A task's verdicts, or the Problem that says the verifier failed on it (a bug): that article or
# claim is reported, and the run goes on with the others.
Outcome = list[Verdict] | Problem
# the claims and entities to build the engine of, and tasks -> the outcome of each, in order
Backend = Callable[[Sequence[Claim], Mapping[str, Entity], Sequence[Task]], list[Outcome]]


def judge_task(engine: Engine, task: Task) -> Outcome:
    try:
        if isinstance(task, Claim):
            return [v for _, v in engine_module.check_examples(task, engine.registry.entities,
                                                               engine)]
        article, only = task
        return engine.judge_article(article, only)
    except JudgeError as error:
        return failure(task, error)


def failure(task: Task, error: JudgeError) -> Problem:
    """The error that stands for a task the verifier failed on: its verdicts are unknown, so the
    run cannot pass, but one such file does not hide the others' results."""
    ask = "please report it with the file; until it is fixed, the run fails"
    if isinstance(task, Claim):
        at = task.position
        example = error.where.rpartition("/")[2]
        return Problem(at.file if at else task.id, at.line if at else 1,
                       at.column if at else 1, FAILURE,
                       f"the verifier failed on {example} of claim '{task.id}' "
                       f"({error.what}): {ask}")
    return Problem(task[0].path, 1, 1, FAILURE,
                   f"the verifier failed on this article ({error.what}), so its verdicts are "
                   f"unknown: {ask}")


def raise_failure(claims: Sequence[Claim], entities: Mapping[str, Entity],
                  articles: Sequence[Article]) -> None:
    """Judge again in this process, where nothing catches, and raise the exception behind the
    first verifier-failure problem with its own traceback: what `verifier --debug` shows, and
    how the fuzz campaign names a finding (by the place that raised it)."""
    engine = Engine(claims, entities)
    try:
        for article in sorted(articles, key=lambda a: a.path):
            engine.judge_article(article)
        for claim in engine.claims:
            engine_module.check_examples(claim, entities, engine)
    except JudgeError as error:
        raise (error.__cause__ or error) from None


def chunks(tasks: Sequence[Task], size: int = CHUNK) -> list[list[Task]]:
    return [list(tasks[i:i + size]) for i in range(0, len(tasks), size)]
