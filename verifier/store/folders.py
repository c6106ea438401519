"""The folders a file is written into, checked for symbolic links inside the project: reports,
ingested articles and `verifier init` files. A pull request can commit `out` or
`seeds/originals` as a link to any folder of the machine that runs the checks. (The verdict
cache has its own check: verifier.store.trust.)"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class LinkedFolder(Exception):
    """A file would be written through a symbolic link inside the project; the message names
    the path, the link and what to do."""


def check_folders(root: Path, path: Path, what: str, fix: str, *, itself: bool = False) -> None:
    """LinkedFolder if writing `path` would pass through a symbolic link inside the project
    `root`: a committed link (`out -> /home/ci`) would put reports or articles anywhere on
    the machine. `what` says what is written ("reports"), `fix` how to mend it. The file's own
    name is checked only with `itself` (for writers that would follow a link there; the
    others replace it or refuse to open it). Links outside the project, where the user's own
    path goes, are followed."""
    link = linked_folder(root, path, itself)
    if link is not None:
        raise LinkedFolder(f"cannot write {path}: {link} is a symbolic link: {what} are not "
                           f"written through links inside the project; {fix}")


_MAX_LINKS = 40  # as the kernel's ELOOP: past that the write fails by itself


def linked_folder(root: Path, path: Path, itself: bool = False) -> str | None:
    """The first folder on the way to `path` (or `path` itself, with `itself`) that is a
    symbolic link lying in the project (relative to the root, POSIX style), None if there is
    none. The way is walked as the kernel walks it, link by link (`..` after a link goes up
    from its target), so neither `out/../x` nor a link outside that points back in can hide
    one."""
    base = os.path.realpath(root)
    parts = os.path.join(os.getcwd(), path).split(os.sep)
    pending = list(reversed(parts if itself else parts[:-1]))
    here, links = os.sep, 0
    while pending:
        part = pending.pop()
        if part in ("", "."):
            continue
        if part == "..":
            here = os.path.dirname(here)
            continue
        step = os.path.join(here, part)
        try:
            found = os.lstat(step)
        except OSError:
            return None  # missing (made as a real folder) or unusable (the write fails)
        if not stat.S_ISLNK(found.st_mode):
            here = step
            continue
        if os.path.commonpath((here, base)) == base:
            return Path(os.path.relpath(step, base)).as_posix()
        links += 1
        try:
            target = os.readlink(step)
        except OSError:
            return None  # gone meanwhile: the write fails or makes a real folder
        if links > _MAX_LINKS:
            return None
        pending.extend(reversed(target.split(os.sep)))
        if os.path.isabs(target):
            here = os.sep
    return None
