"""Renderers: a Result in, the text of a report out. Only this package and the CLI print.

To add a format, write a module here with ``render(result: Result) -> str`` and add its name to
FORMATS. A renderer must be deterministic: the same Result gives the same bytes. Modules are
imported when first used: a run that writes SARIF does not load the HTML templates.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from verifier.model import Result

Renderer = Callable[[Result], str]
FORMATS = ("claimreview", "github", "html", "json", "junit", "markdown", "sarif", "text")


def _lazy(name: str) -> Renderer:
    def render(result: Result) -> str:
        module = importlib.import_module(f"verifier.report.{name}")
        return module.render(result)  # type: ignore[no-any-return]

    return render


RENDERERS: dict[str, Renderer] = {name: _lazy(name) for name in FORMATS}


def render(fmt: str, result: Result) -> str:
    """The report of `result` in format `fmt` (a key of RENDERERS)."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        known = ", ".join(sorted(RENDERERS))
        raise ValueError(f"unknown report format {fmt!r} (known: {known})") from None
    return renderer(result)
