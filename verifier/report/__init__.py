"""Renderers: a Result in, the text of a report out. Only this package and the CLI print.

To add a format, write a module with ``render(result: Result) -> str`` and add it to RENDERERS.
A renderer must be deterministic: the same Result gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable

from verifier.model import Result
from verifier.report import claimreview, github, html, json, junit, markdown, sarif, text

Renderer = Callable[[Result], str]

RENDERERS: dict[str, Renderer] = {
    "claimreview": claimreview.render,
    "github": github.render,
    "html": html.render,
    "json": json.render,
    "junit": junit.render,
    "markdown": markdown.render,
    "sarif": sarif.render,
    "text": text.render,
}


def render(fmt: str, result: Result) -> str:
    """The report of `result` in format `fmt` (a key of RENDERERS)."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        known = ", ".join(sorted(RENDERERS))
        raise ValueError(f"unknown report format {fmt!r} (known: {known})") from None
    return renderer(result)
