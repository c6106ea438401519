"""The old home of Execution, which README documented as `verifier.parallel`: kept so that code
written against it still runs. New code imports from verifier.execution.workers."""

from verifier.execution.workers import CACHE_FOLDER, Execution

__all__ = ["CACHE_FOLDER", "Execution"]
