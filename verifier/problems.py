"""Problem: the one error type of the harness. Bad input becomes Problems, never tracebacks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]
# The code of the problem that stands for a failure of the verifier itself (a bug) on one
# article or claim example: that file is not judged, the others are (execution.backend).
FAILURE = "verifier-failure"


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong with an input file, located at file:line:col (1-based) and a JSON path.

    `message` says what is wrong and how to fix it, in words a claim author understands.
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    json_path: str = "$"
    level: Level = "error"

    def __str__(self) -> str:
        """One line, whatever the message quotes (a newline in a YAML key once started a
        GitHub workflow command on standard error)."""
        from verifier.report.safe import one_line

        where = f" (at {self.json_path})" if self.json_path and self.json_path != "$" else ""
        return one_line(f"{self.file}:{self.line}:{self.column}: [{self.code}] "
                        f"{self.message}{where}")


class ProblemError(Exception):
    """Raised inside a loader to stop reading one file; carries the Problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
