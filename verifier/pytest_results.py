"""The pytest items of the verifier plugin, one kind per thing a run reports: an input problem,
a claim's example (or all of a claim's examples), a contradiction, a stale acknowledgement, an
article's summary, and a run that could not be made. verifier.pytest_items collects them.

Failures raise VerifierFailure, whose text repr_failure shows as is, without a Python traceback.
Every text built from input (reasons, owners, paths, claim ids, statements) goes through
one_line first: a newline in an acknowledgement's reason started a GitHub workflow command
(`::error file=...`) in the CI log, and an ESC drove the terminal.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from verifier.execution import runner
from verifier.model import VERDICTS, Acknowledgement, Claim, Verdict
from verifier.problems import Problem
from verifier.report.safe import one_line
from verifier.report.text import brief_contradiction, describe_contradiction, describe_example

if TYPE_CHECKING:
    from verifier.pytest_items import State

# The session's State (see verifier.pytest_items), kept on the config: items read the run there
STATE: pytest.StashKey[State] = pytest.StashKey()


class VerifierFailure(Exception):
    """A failure whose message is the whole report: shown as is, without a traceback."""


class VerifierItem(pytest.Item):
    line = 0  # 1-based line in self.path; 0 when unknown
    label = "verifier"  # the failure's headline; never the end of the node id (pytest rewrites it)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        # an acknowledged contradiction's xfail too: pytest formats a failure text for it before
        # turning it into an xfail, and a traceback with source cost 0.2 s per item
        if isinstance(excinfo.value, (VerifierFailure, pytest.xfail.Exception)):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, max(self.line - 1, 0), self.label

    def brief(self, report: pytest.TestReport) -> list[str]:
        """The failure in a line or two, for the list at the end of the run."""
        return report.longreprtext.splitlines()[:1] or [self.nodeid]


class CrashItem(VerifierItem):
    def __init__(self, *, message: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.message = message
        self.label = "verifier could not run"

    def runtest(self) -> None:
        raise VerifierFailure(one_line(self.message))


class ProblemItem(VerifierItem):
    def __init__(self, *, problem: Problem, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problem, self.line = problem, problem.line
        self.label = f"[{problem.code}] at line {problem.line}"

    def runtest(self) -> None:
        raise VerifierFailure(str(self.problem))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        # a problem outside any collected file hangs off the session; point at its own file
        file = self.config.stash[STATE].root / self.problem.file if self.problem.file else None
        return file or self.path, max(self.line - 1, 0), self.label


class ExampleItem(VerifierItem):
    def __init__(self, *, outcome: runner.ExampleOutcome, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.outcome = outcome
        pos = outcome.example.position or outcome.claim.position
        self.line = pos.line if pos else 0
        self.label = one_line(f"{outcome.claim.id} {outcome.name}")

    def runtest(self) -> None:
        if not self.outcome.passed:
            raise VerifierFailure(describe_example(self.outcome))
        if self.outcome.known_miss:  # strict: once it passes, `passed` is False above
            pytest.xfail(one_line(f"known miss: {self.outcome.example.known_miss}"))


class ClaimExamplesItem(VerifierItem):
    """All the examples of one claim, for projects with more than EXAMPLE_ITEMS_LIMIT claims
    with examples: pytest's own cost per node (about a millisecond) made plain `pytest` a fifth
    slower than `verifier check` at 1,000 claims. Fails with every mismatching example."""

    def __init__(self, *, claim: Claim, outcomes: list[runner.ExampleOutcome],
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.outcomes = outcomes
        self.line = claim.position.line if claim.position else 0
        self.label = one_line(f"{claim.id}: {len(outcomes)} examples")

    def runtest(self) -> None:
        failed = [describe_example(o) for o in self.outcomes if not o.passed]
        if failed:
            raise VerifierFailure("\n\n".join(failed))
        missed = [o.name for o in self.outcomes if o.known_miss]
        if missed:
            pytest.xfail(f"known miss: {', '.join(missed)}")


class ContradictionItem(VerifierItem):
    def __init__(self, *, verdict: Verdict, claim: Claim | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.verdict, self.claim = verdict, claim
        self.line = next((e.line for e in verdict.evidence if e.polarity == "contradict"), 0)
        self.label = one_line(f"{self.path.name} contradicts {verdict.claim}")

    def runtest(self) -> None:
        ack = self.verdict.acknowledgement
        if self.verdict.acknowledged and ack is not None:
            pytest.xfail(one_line(f"acknowledged: {ack.reason}"))
        raise VerifierFailure(describe_contradiction(self.verdict, self.claim))

    def brief(self, report: pytest.TestReport) -> list[str]:
        return brief_contradiction(self.verdict)


class SummaryItem(VerifierItem):
    def __init__(self, *, counts: Counter[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.label = one_line(f"{self.path.name}: ") + ", ".join(
            f"{counts[name]} {name}" for name in VERDICTS)

    def runtest(self) -> None:
        """Passes: contradictions are their own items; this one makes every article show up."""


class StaleItem(VerifierItem):
    def __init__(self, *, ack: Acknowledgement, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ack = ack
        self.line = ack.position.line if ack.position else 0
        self.label = one_line(f"stale acknowledgement of {ack.claim} in {ack.article}")

    def runtest(self) -> None:
        where = f"{self.ack.position.file}:{self.line}: " if self.ack.position else ""
        raise VerifierFailure(one_line(
            f"{where}stale acknowledgement: {self.ack.article} no longer contradicts "
            f"{self.ack.claim}. Delete the entry (reason was: {self.ack.reason})"))
