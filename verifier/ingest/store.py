"""Writing one article into the corpus: seeds/<stem>.txt, seeds/<stem>.meta.yaml, and the
original bytes as seeds/originals/<stem>.<html|txt>.orig.

Stems follow the seeds: NNN_<first 16 hex of the sha256 of the original bytes>, NNN the next free
number. Originals end in `.orig` and live in a subfolder, so no reader of `seeds/*.txt` ever
takes one for an article. The metadata is validated against the package's article schema before
anything is written, and files are created exclusively (never overwritten); if one write fails,
the files already written for that article are removed again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from verifier.ingest.base import IngestError
from verifier.store.folders import LinkedFolder, check_folders

ORIGINALS = "originals"
MODELINE = "# yaml-language-server: $schema=../schema/article.schema.json"
_NUMBERED = re.compile(r"^(\d+)_")
# Field order in the file; values are written quoted except these plain tokens.
ORDER = ("title", "outlet", "author", "url", "published", "retrieved", "kind", "language",
         "sha256", "original", "source")
_PLAIN = frozenset({"kind", "language", "sha256"})
GITATTRIBUTES = ("# Original bytes of ingested articles (see CONTRIBUTING.md): kept exactly as "
                 "received.\n* -text\n")


def next_stem(seeds: Path, sha256: str) -> str:
    numbers = [int(m.group(1)) for p in seeds.glob("*.txt") if (m := _NUMBERED.match(p.name))]
    return f"{max(numbers, default=-1) + 1:03d}_{sha256[:16]}"


def render_meta(meta: Mapping[str, Any]) -> str:
    """The sidecar in the seeds' format: modeline, one `key: value` per line, strings quoted."""
    lines = [MODELINE]
    for key in ORDER:
        value = meta.get(key)
        if value:
            shown = str(value) if key in _PLAIN else json.dumps(str(value), ensure_ascii=False)
            lines.append(f"{key}: {shown}")
    return "\n".join(lines) + "\n"


def validate_meta(meta: Mapping[str, Any], name: str) -> None:
    """Refuse metadata the corpus schema (the one inside the package) would reject, before
    anything is written."""
    from jsonschema.exceptions import best_match

    from verifier.load.schema import validator

    wrong = best_match(validator("article").iter_errors(dict(meta)))
    if wrong is not None:
        raise IngestError(f"{name}: its metadata does not fit the corpus schema at "
                          f"{wrong.json_path}: {wrong.message}; correct it with that option")


def write_article(seeds: Path, stem: str, text: str, meta_text: str, original: bytes,
                  suffix: str) -> list[Path]:
    """Create the three files of one article; returns their paths (article first). Never
    through a linked folder of the project (`seeds/originals -> /elsewhere`, committed)."""
    originals = seeds / ORIGINALS
    files = [(seeds / f"{stem}.txt", text.encode("utf-8")),
             (originals / f"{stem}.{suffix}.orig", original),
             (seeds / f"{stem}.meta.yaml", meta_text.encode("utf-8"))]
    try:  # seeds is ROOT/seeds; the original's path passes through both folders
        check_folders(seeds.parent, files[1][0], "articles", "remove the link and run again "
                      "(ingest makes a real folder)")
    except LinkedFolder as error:
        raise IngestError(f"{stem}: {error}; nothing was written") from None
    written: list[Path] = []
    try:
        originals.mkdir(parents=True, exist_ok=True)
        _keep_bytes(originals)
        for path, data in files:
            with path.open("xb") as handle:
                written.append(path)
                handle.write(data)
    except OSError as error:
        for path in written:
            path.unlink(missing_ok=True)
        raise IngestError(f"{stem}: cannot write {error.filename or seeds} "
                          f"({error.strerror or error}); nothing was kept") from None
    return [path for path, _ in files]


def _keep_bytes(originals: Path) -> None:
    """Tell git never to convert line ends in originals: they are kept byte for byte."""
    try:  # x: an existing file, or a link (even a dangling one), is left alone, not followed
        with (originals / ".gitattributes").open("x", encoding="utf-8") as out:
            out.write(GITATTRIBUTES)
    except FileExistsError:
        pass


def original_path(stem: str, suffix: str) -> str:
    """Where the original is, relative to the article's folder (as the schema modeline is)."""
    return f"{ORIGINALS}/{stem}.{suffix}.orig"
