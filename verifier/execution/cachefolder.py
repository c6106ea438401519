"""The cache folder itself: created and tagged for backup tools, links in it removed, and the
folders of old engines and other cache formats cleared, removing only files of the cache's own
kinds. verifier.execution.cache keeps the verdicts in it."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from verifier.store.files import unlink_links

KEEP_ENGINES = 4  # engine folders kept; older ones (other code or registries) are removed
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# verifier cache; safe to delete\n"


def drop_oldest(paths: Iterable[Path], keep: int, remove: Callable[[Path], None]) -> None:
    """`remove` all but the `keep` most recently modified of `paths`."""
    try:
        for old in sorted(paths, key=lambda p: p.stat().st_mtime_ns, reverse=True)[keep:]:
            remove(old)
    except OSError:
        pass  # one vanished meanwhile (another run pruned it): the next run prunes again


def prepare(folder: Path, top: Path, mine: Path) -> None:
    """Create the folders, tag the cache for backup tools, and drop the oldest engine folders
    and the folders of other cache formats. Links met inside the cache are removed, never
    followed, and clean-up removes only files of the cache's own kinds (see remove_ours)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for here in (top, top / "keys", top / "memo", mine, mine / "claims"):
            unlink_links(here)
            here.mkdir(exist_ok=True)
        os.utime(mine)
        try:
            tag = os.open(folder / "CACHEDIR.TAG",
                          os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        except FileExistsError:
            pass
        else:
            with os.fdopen(tag, "w", encoding="ascii") as out:
                out.write(TAG)
        for other in _folders(folder):
            if other != top and re.fullmatch(r"v\d+", other.name):
                remove_ours(other)
        engines = [p for p in _folders(top) if p != mine and p.name not in ("memo", "keys")]
        drop_oldest(engines, KEEP_ENGINES - 1, remove_ours)
    except OSError:
        pass  # an unwritable cache only costs time: every write is counted as it fails


def _folders(folder: Path) -> list[Path]:
    """The folders in `folder` (links to folders are not folders here)."""
    with os.scandir(folder) as entries:
        return [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]


OURS = re.compile(r"(pack-\d+-\d+\.bin|[0-9a-f]{32,64}\.(json|bin)|\.tmp-\d+-\d+-.*)")


def remove_ours(folder: Path) -> None:
    """Remove the files the cache writes (OURS) under `folder`, then the folders left empty;
    links are removed as links, anything else is left where it is."""
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except OSError:
        return
    for entry in listed:
        try:
            if entry.is_dir(follow_symlinks=False):
                remove_ours(Path(entry.path))
            elif entry.is_symlink() or (entry.is_file(follow_symlinks=False)
                                        and OURS.fullmatch(entry.name)):
                os.unlink(entry.path)
        except OSError:
            pass
    with contextlib.suppress(OSError):  # not empty: something the cache did not write stays
        os.rmdir(folder)
