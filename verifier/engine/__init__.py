"""The engine: claims x articles -> verdicts, never printing, never reading files.

`core` compiles the claims and the entity registry (`registry`) into an Engine and judges each
article's index (`index`: sentences, mentions, values) with the check of each claim's kind
(`verifier.checks`, which read sentences with `verifier.text`).

The names below are looked up in `core` when first used: the checks import `index` and
`registry` from this package, so importing `core` here would import the checks half-loaded.
Code that runs the engine reads them from this package (`verifier.engine.Engine`), so a test
can swap one here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["MAX_EVIDENCE", "VERSION", "Engine", "check_examples", "example_article",
           "verdict_of", "verify"]

if TYPE_CHECKING:
    from verifier.engine.core import (
        MAX_EVIDENCE,
        VERSION,
        Engine,
        check_examples,
        example_article,
        verdict_of,
        verify,
    )


def __getattr__(name: str) -> Any:
    if name in __all__:
        from verifier.engine import core

        return getattr(core, name)
    raise AttributeError(f"module 'verifier.engine' has no attribute {name!r}")
