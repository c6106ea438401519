"""One module per claim kind; each has KIND, a docstring with a passing and a failing example,
and `check(claim, index, context)` yielding Evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from verifier.checks import date, event, office, phrases, place, spelling, succession, value
from verifier.checks.context import Context
from verifier.index import ArticleIndex
from verifier.model import Claim, Evidence

Check = Callable[[Claim, ArticleIndex, Context], Iterable[Evidence]]

CHECKS: dict[str, Check] = {
    module.KIND: module.check
    for module in (date, event, office, phrases, place, spelling, succession, value)
}
