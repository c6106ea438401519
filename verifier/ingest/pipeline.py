"""One source into the corpus: read -> decode -> extract -> deduplicate -> describe -> write.

Plain text is kept as it is (decoded to UTF-8, byte-order mark dropped, line ends as "\\n"):
navigation lines, share widgets, repeated headlines, keyword lines and comment forms stay in the
article, and verification leaves such boilerplate lines out of the evidence. HTML is reduced to
its main text by trafilatura. Either way the original bytes are kept next to the article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from verifier.ingest import store
from verifier.ingest.base import Limits, Raw
from verifier.ingest.dedupe import Duplicate, Known, find, fingerprint
from verifier.ingest.encoding import decode
from verifier.ingest.extract import Extracted, extract_html
from verifier.ingest.sources import read_source
from verifier.ingest.textmeta import guess_published, guess_title
from verifier.load.corpus import MAX_BYTES
from verifier.load.filesystem import read_bytes
from verifier.load.source import load_yaml
from verifier.problems import ProblemError

SEEDS = "seeds"


@dataclass(frozen=True)
class Options:
    """What the person ingesting says about the article; empty means "find out or leave out"."""

    outlet: str = ""
    published: str = ""
    url: str = ""
    kind: str = "article"
    title: str = ""
    language: str = ""
    allow_near_duplicate: bool = False


@dataclass(frozen=True)
class Outcome:
    """What happened to one source: the article written (relative path), or the duplicate found."""

    source: str
    article: str = ""
    duplicate: Duplicate | None = None
    notes: tuple[str, ...] = ()


class Corpus:
    """The articles already in seeds/, fingerprinted once per `verifier ingest` call (not once
    per source), with the ones this call writes added as it goes."""

    def __init__(self, seeds: Path) -> None:
        self.seeds = seeds
        self._known: list[Known] | None = None

    def known(self) -> list[Known]:
        if self._known is None:
            self._known = [Known(path, _outlet_of(self.seeds.parent / path), fingerprint(text))
                           for path, text in _corpus(self.seeds)]
        return self._known

    def add(self, path: str, outlet: str, text: str) -> None:
        self.known().append(Known(path, outlet, fingerprint(text)))


def ingest_one(root: Path, source: str, options: Options, limits: Limits,
               corpus: Corpus | None = None) -> Outcome:
    """Ingest `source` into `root`/seeds; raises IngestError for input that cannot be taken."""
    raw = read_source(source, limits)
    text = decode(raw).text
    found = extract_html(text, raw.name, raw.url) if raw.media == "html" else _plain(text)
    seeds = root / SEEDS
    corpus = corpus or Corpus(seeds)
    outlet = options.outlet or found.outlet or urlsplit(options.url or raw.url).hostname or ""
    duplicate = find(fingerprint(found.text), outlet, corpus.known())
    if duplicate and (duplicate.exact or not (duplicate.kept or options.allow_near_duplicate)):
        return Outcome(raw.name, duplicate=duplicate, notes=found.notes)
    sha256 = hashlib.sha256(raw.data).hexdigest()
    stem = store.next_stem(seeds, sha256)
    meta = describe(raw, found, options, sha256, store.original_path(stem, raw.suffix))
    store.validate_meta(meta, raw.name)
    written = store.write_article(seeds, stem, found.text, store.render_meta(meta), raw.data,
                                  raw.suffix)
    notes = found.notes + _guesses(raw.name, found, options)
    path = written[0].relative_to(root).as_posix()
    corpus.add(path, outlet, found.text)
    return Outcome(raw.name, path, duplicate, notes)


def describe(raw: Raw, found: Extracted, options: Options, sha256: str,
             original: str) -> dict[str, Any]:
    """The metadata for the sidecar; what neither the options nor the page say is left out."""
    url = options.url or raw.url
    meta = {
        "title": options.title or found.title,
        "outlet": options.outlet or found.outlet or _host(url) or "unknown",
        "author": found.author,
        "url": url,
        "published": options.published or found.published,
        "retrieved": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace(
            "+00:00", "Z"),
        "kind": options.kind,
        "language": options.language or found.language or "en",
        "sha256": sha256,
        "original": original,
        "source": "" if raw.url else f"local file {Path(raw.name).name}",
    }
    return {key: clean if isinstance(value, str) else value for key, value in meta.items()
            if value and (clean := _field_text(value) if isinstance(value, str) else value)}


# What a sidecar's loader refuses or a report cannot show: C0 and C1 controls, surrogates,
# and noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF and their kin in every plane)
_UNWANTED = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                       + "".join(f"\\U{p:04x}fffe\\U{p:04x}ffff" for p in range(1, 17)) + "]")


def _field_text(value: str) -> str:
    """One line of text for a sidecar field (a title may carry anything a page does)."""
    return " ".join(_UNWANTED.sub(" ", value).split())


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def _plain(text: str) -> Extracted:
    return Extracted(text=text, title=guess_title(text), published=guess_published(text))


def _guesses(name: str, found: Extracted, options: Options) -> tuple[str, ...]:
    notes = []
    if found.title and not options.title:
        notes.append(f"{name}: title taken from the source: {found.title!r} (override: --title)")
    if found.published and not options.published:
        notes.append(f"{name}: published date taken from the source: {found.published} "
                     "(override: --published)")
    elif not found.published and not options.published:
        notes.append(f"{name}: no published date found; weekdays like 'on Tuesday' cannot be "
                     "resolved (add one with --published)")
    return tuple(notes)


def _outlet_of(article: Path) -> str:
    """The outlet an article's sidecar names (or its URL's host); "" when unknown."""
    sidecar = article.with_suffix(".meta.yaml")
    try:  # the strict loader: sidecars are untrusted input (no aliases, size-capped)
        meta, _ = load_yaml(sidecar.as_posix(), sidecar.read_bytes())
    except (OSError, ProblemError):
        return ""
    if not isinstance(meta, dict):
        return ""
    outlet, url = meta.get("outlet"), meta.get("url")
    return str(outlet) if outlet else urlsplit(str(url or "")).hostname or ""


def _corpus(seeds: Path) -> Iterator[tuple[str, str]]:
    """Every article the corpus reader would read: *.txt under seeds/, links not followed."""
    for path in sorted(seeds.rglob("*.txt")):
        name = f"{SEEDS}/{path.relative_to(seeds).as_posix()}"
        try:  # regular files within the corpus limit only: a FIFO would block, a device not end
            data = read_bytes(seeds.parent, path, MAX_BYTES)
        except ProblemError:
            continue  # an unreadable article is reported by the corpus reader, not here
        yield name, data.decode("utf-8", errors="replace")
