"""`verifier init DIR`: a new claims repository for another story.

The files are package data under `template/`, copied in sorted order with two tokens replaced
(so the same tool version and options always write the same bytes): @@TOOL@@, the pip
requirement that installs the tool in CI and in the pre-commit hook, and @@VERSION@@. Path parts
written `dot-x` become `.x` (hidden files are easy to lose in packaging). The tool's JSON
Schemas are copied to `schema/` for editors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from verifier.load.schema import SCHEMA_DIR
from verifier.store.folders import LinkedFolder, check_folders

PACKAGE = "claim-verifier"
EDITOR_SCHEMAS = ("acknowledgements", "article", "claims", "entities")
_TOKEN = re.compile(r"@@[A-Z]+@@")


class ScaffoldError(Exception):
    """DIR cannot take a new repository; the message says why and what to do."""


@dataclass(frozen=True)
class Options:
    tool: str  # a pip requirement: "claim-verifier==0.1.0", ".", "claim-verifier @ git+..."
    version: str


def default_options() -> Options:
    current = version(PACKAGE)
    return Options(f"{PACKAGE}=={current}", current)


def render(options: Options) -> dict[str, bytes]:
    """Relative POSIX path -> content of every file of a new repository, in sorted order."""
    tokens = {"@@TOOL@@": options.tool, "@@VERSION@@": options.version}
    out: dict[str, bytes] = {}
    for name, resource in _templates(files(__package__ or __name__) / "template"):
        out[name] = _fill(resource.read_text(encoding="utf-8"), tokens, name).encode("utf-8")
    for schema in EDITOR_SCHEMAS:
        out[f"schema/{schema}.schema.json"] = (SCHEMA_DIR / f"{schema}.schema.json").read_bytes()
    return dict(sorted(out.items()))


def _templates(folder: Traversable, prefix: PurePosixPath | None = None) -> Iterator[
        tuple[str, Traversable]]:
    prefix = prefix or PurePosixPath()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        name = prefix / (f".{entry.name[4:]}" if entry.name.startswith("dot-") else entry.name)
        if entry.is_dir():
            yield from _templates(entry, name)
        else:
            yield str(name), entry


def _fill(text: str, tokens: Mapping[str, str], name: str) -> str:
    for token, value in tokens.items():
        text = text.replace(token, value)
    left = _TOKEN.search(text)
    if left:  # a template names a token render() does not know: a bug in the templates
        raise ValueError(f"template {name}: unknown token {left.group()}")
    return text


def write(target: Path, content: Mapping[str, bytes], *, force: bool = False) -> list[Path]:
    """Write the files under `target` (created if missing). A non-empty `target` is refused
    unless `force`, which replaces files of the same name and keeps every other file."""
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target} is a file, not a folder: name a new folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise ScaffoldError(f"{target} is not empty: name a new folder, or pass --force to "
                            "write into it (files of the same name are replaced)")
    for name in content:  # write_bytes would follow a link, at the file or on the way to it
        try:
            check_folders(target, target / name, "files", "remove it, or name a new folder",
                          itself=True)
        except LinkedFolder as error:
            raise ScaffoldError(str(error)) from None
    written = []
    for name, data in content.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
