"""What a pull request changed, for `verifier check --changed [--base REV]`.

Files that differ from the merge base of REV and HEAD (committed, staged, unstaged and untracked)
are mapped to work: a changed article (its text, metadata or original) is verified against every
claim; a changed or new claim against every article; an acknowledgement added, changed or removed
re-verifies its article. Anything that can move every verdict (the verifier's code, the schemas,
the entity registry, pyproject.toml, a removed claim) asks for the full run. Git runs as a
subprocess with an argument list, never through a shell.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, overload

from verifier.ingest.base import IngestError
from verifier.ingest.store import ORIGINALS
from verifier.load.corpus import META_SUFFIX
from verifier.load.filesystem import read_bytes
from verifier.load.source import MAX_BYTES, load_yaml
from verifier.problems import ProblemError

DEFAULT_BASE = "main"
_EVERYTHING = ("verifier/", "schema/", "pyproject.toml")


@dataclass(frozen=True)
class Selection:
    """The work a change needs; `full` means verify everything (and `reason` says why)."""

    full: bool = False
    articles: frozenset[str] = frozenset()
    claims: frozenset[str] = frozenset()
    reason: str = ""


def select(root: Path, base: str = DEFAULT_BASE, claims_dir: str = "claims") -> Selection:
    merge_base = git(root, "merge-base", base, "HEAD").strip()
    files = changed_files(root, merge_base)
    articles: set[str] = set()
    claims: set[str] = set()
    for name in files:
        if name.startswith(_EVERYTHING):
            return Selection(full=True, reason=f"{name} changed")
        if name.startswith("seeds/"):
            found = _article_of(root, name)
            if found is None:
                return Selection(full=True, reason=f"{name} changed, and it is not an article, "
                                 "a sidecar or an original of one")
            articles.update(found)
        elif name.startswith(f"{claims_dir}/") and name.endswith((".yaml", ".yml")):
            old = _load(git(root, "show", f"{merge_base}:./{name}", missing_ok=True,
                            binary=True), name)
            new = _load(_read(root, root / name), name)
            if old is None or new is None:
                return Selection(full=True, reason=f"{name} is not readable YAML")
            diff = _claims_diff(old, new, name)
            if diff.full:
                return diff
            articles |= diff.articles
            claims |= diff.claims
    return Selection(articles=frozenset(articles), claims=frozenset(claims))


def changed_files(root: Path, merge_base: str) -> list[str]:
    """Paths relative to `root` that differ from `merge_base` or are new and not ignored."""
    tracked = git(root, "diff", "--name-only", "-z", "--no-renames", "--relative", merge_base)
    untracked = git(root, "ls-files", "--others", "--exclude-standard", "-z")
    return sorted({name for name in (tracked + untracked).split("\0") if name})


@overload
def git(root: Path, *args: str, missing_ok: bool = False,
        binary: Literal[False] = False) -> str: ...
@overload
def git(root: Path, *args: str, missing_ok: bool = False, binary: Literal[True]) -> bytes: ...
def git(root: Path, *args: str, missing_ok: bool = False, binary: bool = False) -> str | bytes:
    """git's output: text, or bytes (`binary`: a file's content, decoded by its loader)."""
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=60,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise IngestError(f"git {args[0]}: cannot run git ({error})") from None
    if done.returncode != 0:
        if missing_ok:
            return b"" if binary else ""
        stderr = done.stderr.decode("utf-8", "replace")
        message = (stderr.strip().splitlines() or ["failed"])[-1]
        raise IngestError(f"git {' '.join(args)}: {message}; is --base a revision of this "
                          "repository (fetch it first in CI)?")
    return done.stdout if binary else done.stdout.decode("utf-8", "surrogateescape")


def _article_of(root: Path, name: str) -> set[str] | None:
    """The article a changed file under seeds/ belongs to, named as the full loader names it
    (any `*.txt` at any depth is an article); None when it cannot tell, which asks for the full
    run: a file it skipped here would be an article nobody verified."""
    if name.endswith(".txt"):
        return {name}
    if name.endswith(META_SUFFIX):
        return {name.removesuffix(META_SUFFIX) + ".txt"}
    original = Path(name)
    if name == f"seeds/{ORIGINALS}/.gitattributes":
        return set()  # ingest's own (originals are hashed by the loader, never judged)
    if original.parent == Path("seeds", ORIGINALS) and original.suffix == ".orig":
        article = f"seeds/{Path(original.stem).stem}.txt"  # <stem>.<html|txt>.orig
        if (root / article).is_file():
            return {article}
    return None


def _claims_diff(old: Mapping[str, Any], new: Mapping[str, Any], name: str) -> Selection:
    if old.get("entities") != new.get("entities"):
        return Selection(full=True, reason=f"entities in {name} changed")
    before, after = _by_id(old.get("claims")), _by_id(new.get("claims"))
    if set(before) - set(after):
        return Selection(full=True, reason=f"a claim was removed from {name}")
    claims = {cid for cid, claim in after.items() if before.get(cid) != claim}
    acks = _entries(old.get("acknowledgements")) ^ _entries(new.get("acknowledgements"))
    articles = {str(json.loads(entry).get("article", "")) for entry in acks} - {""}
    return Selection(articles=frozenset(articles), claims=frozenset(claims))


def _by_id(items: Any) -> dict[str, Any]:
    if not isinstance(items, list):
        return {}
    return {str(item.get("id")): item for item in items if isinstance(item, dict)}


def _entries(items: Any) -> set[str]:
    if not isinstance(items, list):
        return set()
    return {json.dumps(item, sort_keys=True, default=str) for item in items
            if isinstance(item, dict)}


def _read(root: Path, path: Path) -> bytes:
    """The file's bytes as the full loader would read them (a regular file, no link out of the
    project, within the size limit); b"" if it cannot be read: the full loader reports it."""
    try:
        return read_bytes(root, path, MAX_BYTES)
    except ProblemError:
        return b""


def _load(data: bytes, name: str) -> Mapping[str, Any] | None:
    """The file's data ({} when absent or empty); None when the project's own YAML loader
    refuses it (its size, alias and depth limits hold for both sides of the comparison)."""
    if not data.strip():
        return {}
    try:
        found, _ = load_yaml(name, data)
    except ProblemError:
        return None
    return found if isinstance(found, dict) else {}
