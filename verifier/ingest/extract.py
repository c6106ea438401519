"""HTML page -> article text plus title, author, date, outlet, with trafilatura.

trafilatura is built for news pages: it keeps the article body and drops navigation, ads,
scripts, related links and (with `include_comments=False`) reader comments, and it reads title,
author, date and site name from the page's metadata. About 3 ms per page here. It is an optional
extra (`pip install '.[html]'`, ~60 MB with lxml) so plain-text users do not pay for it.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from verifier.ingest.base import LANGUAGE, IngestError

LANG_SCAN = 65_536  # characters of the page searched for the <html> tag


@dataclass(frozen=True)
class Extracted:
    """What a page yields; empty strings where the page does not say."""

    text: str
    title: str = ""
    author: str = ""
    published: str = ""
    outlet: str = ""
    language: str = ""
    notes: tuple[str, ...] = ()


def extract_html(html: str, name: str, url: str = "") -> Extracted:
    """The main text of the page, one paragraph per block with a blank line between.

    The title leads the text (as on the seeds) unless the body already starts with it. Warnings
    the extractor raises become notes for the person ingesting, never silent and never fatal.
    """
    trafilatura = _trafilatura(name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = trafilatura.bare_extraction(
            html, url=url or None, include_comments=False, include_tables=True,
            with_metadata=True, deduplicate=False)
    notes = tuple(f"{name}: extractor warning: {w.message}" for w in caught)
    body = _field(doc, "text")
    if not body.strip():
        raise IngestError(f"{name}: no article text found in the page; copy the article text "
                          "into a .txt file and ingest that")
    title = " ".join(_field(doc, "title").split())
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    language, note = declared_language(html, name)
    return Extracted(
        text="\n\n".join(paragraphs) + "\n", title=title, author=_field(doc, "author"),
        published=_field(doc, "date"), outlet=_field(doc, "sitename"),
        language=language or _field(doc, "language"), notes=notes + note)


class _Lang(HTMLParser):
    """Reads the lang (or xml:lang) attribute of the first <html> start tag, then stops."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "html":
            found = dict(attrs)
            self.lang = found.get("lang") or found.get("xml:lang")
        self.done = tag in ("html", "head", "body")  # no <html> tag before the document


def declared_language(html: str, name: str) -> tuple[str, tuple[str, ...]]:
    """The language the page declares in `<html lang>`, as a tag the sidecar takes (primary
    subtag lower-cased, "_" read as "-"), and a note when the declaration is unusable."""
    parser = _Lang()
    head = html[:LANG_SCAN]  # the <html> tag opens a page; a bounded scan is enough
    position = 0
    while not parser.done and position < len(head):
        parser.feed(head[position:position + 4096])
        position += 4096
    raw = (parser.lang or "").strip()
    if not raw:
        return "", ()
    primary, _, rest = raw.replace("_", "-").partition("-")
    tag = "-".join(filter(None, (primary.lower(), rest)))
    if LANGUAGE.match(tag):
        return tag, ()
    return "", (f"{name}: <html lang={raw!r}> is not a language tag; language left to the "
                "extractor or en (override: --language)",)


def _trafilatura(name: str) -> Any:
    try:
        import trafilatura
    except ImportError as error:
        raise IngestError(
            f"{name}: HTML ingestion needs the 'html' extra ({error.name or 'trafilatura'} is "
            "missing); run: pip install '.[html]'") from None
    return trafilatura


def _field(doc: Any, name: str) -> str:
    value = getattr(doc, name, None) if doc is not None else None
    return str(value).strip() if value else ""
