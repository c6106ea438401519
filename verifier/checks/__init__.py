"""One module per claim kind. Each has KIND, a docstring with a passing and a failing example,
`targets(claim, context)` (the entities an article must mention for the claim to be judged, or
None for every article) and `check(claim, index, context)` yielding Evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from verifier.checks import date, event, office, phrases, place, spelling, succession, value
from verifier.checks.context import Context
from verifier.engine.index import ArticleIndex
from verifier.model import Claim, Evidence


@dataclass(frozen=True)
class Kind:
    name: str
    targets: Callable[[Claim, Context], set[str] | None]
    check: Callable[[Claim, ArticleIndex, Context], Iterable[Evidence]]


KINDS: dict[str, Kind] = {
    module.KIND: Kind(module.KIND, module.targets, module.check)
    for module in (date, event, office, phrases, place, spelling, succession, value)
}
