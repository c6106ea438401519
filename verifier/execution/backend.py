"""What verifies a run's tasks: a Backend, and the task each one runs. Defined here, below both
backends, so that `workers` (this process or worker processes) and `cluster` (a Dask cluster)
share it without importing each other; `workers` picks the backend of a run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from verifier import engine as engine_module
from verifier.engine import Engine
from verifier.model import Article, Claim, Entity, Verdict

CHUNK = 32  # tasks per message: small enough to balance the workers, large enough to be cheap

# an article and the claim ids to judge (None: all), or a claim whose examples to judge
Task = tuple[Article, frozenset[str] | None] | Claim
# the claims and entities to build the engine of, and tasks -> the verdicts of each, in order
Backend = Callable[[Sequence[Claim], Mapping[str, Entity], Sequence[Task]], list[list[Verdict]]]


def judge_task(engine: Engine, task: Task) -> list[Verdict]:
    if isinstance(task, Claim):
        return [v for _, v in engine_module.check_examples(task, engine.registry.entities,
                                                           engine)]
    article, only = task
    return engine.judge_article(article, only)


def chunks(tasks: Sequence[Task], size: int = CHUNK) -> list[list[Task]]:
    return [list(tasks[i:i + size]) for i in range(0, len(tasks), size)]
