"""Claim-verification harness: curated claims checked against a corpus of articles.

Public API (re-exports only)::

    project = load_project(Path("."))          # claims, entities, articles, acknowledgements
    result = run(project)                      # verdicts with acknowledgements applied
    verdicts = verify(claims, entities, articles)  # the bare engine, no acknowledgements
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from verifier.execution.runner import run
from verifier.model import Project, Result, Verdict
from verifier.problems import Problem

__all__ = ["Problem", "Project", "Result", "Verdict", "load_project", "run", "verify"]

if TYPE_CHECKING:
    from verifier.engine import verify
    from verifier.load.project import load_project


def __getattr__(name: str) -> Any:
    # The loader and the engine import their dependencies only when first used.
    if name == "load_project":
        from verifier.load.project import load_project

        return load_project
    if name == "verify":
        from verifier.engine import verify

        return verify
    raise AttributeError(f"module 'verifier' has no attribute {name!r}")
