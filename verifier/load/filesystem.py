"""Finding and opening the project's files safely: the files under the paths given (links
not followed, names that are not UTF-8 refused), their paths as reports show them, and their
bytes read from regular files only, within a size limit and inside the project."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from verifier.problems import Problem, ProblemError

# never follow a link, never wait on a FIFO or a device (fstat then refuses anything irregular)
NOFOLLOW = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0) \
    | getattr(os, "O_NONBLOCK", 0)


def display_path(root: Path, path: Path | str, cwd: str = "") -> str:
    """`path` relative to the project root, POSIX style; outside the root, relative anyway.
    `cwd`: the working directory, if the caller knows it (asking costs 1 us per file)."""
    folder, slash, name = str(path).rpartition("/")
    if slash and folder and name not in ("", ".", ".."):  # the folder's answer, plus the name
        return _display_folder(cwd or os.getcwd(), str(root), folder) + name
    return _display(str(root), path)


@lru_cache(maxsize=256)
def _display_folder(cwd: str, root: str, folder: str) -> str:
    """A folder's display path with a trailing slash ("" for the root itself): a corpus has
    few folders and many files, and abspath per file took 0.35 s per 10,000 articles. Keyed
    by the working directory too, which relative paths depend on."""
    shown = _display(root, Path(folder + "/x"))
    return shown[:-1]


def _display(root: str, path: Path | str) -> str:
    base = os.path.abspath(root)
    fast = inside(os.path.abspath(path), base)
    if fast is not None:
        return fast
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path(base)).as_posix()
    except ValueError:
        return Path(os.path.relpath(absolute, base)).as_posix()


def inside(absolute: str, base: str) -> str | None:
    """The relative path by string slicing, where that equals what pathlib gives (POSIX paths,
    already normalised by abspath, not starting with the special '//'); else None."""
    if os.sep != "/" or absolute.startswith("//") or base.startswith("//"):
        return None
    prefix = base if base.endswith("/") else base + "/"
    return absolute[len(prefix):] if absolute.startswith(prefix) else None


# What a walk meets and does not read, each an error: nothing in the corpus folders is ignored
# silently, and Python there would run inside the pytest gate (a conftest.py or a test module is
# imported by pytest itself, in the gate's own process, before any verdict is known).
CODE = "code"
UNREADABLE = "unreadable"
SYMLINK = "symlink"
_CODE_MESSAGE = ("Python files do not belong in the corpus folders: pytest imports a conftest.py "
                 "or test module it finds here and runs it inside the gate, where it can change "
                 "any verdict; remove it (tooling lives outside claims/ and seeds/)")
_LINKED_FOLDER = ("symbolic links are not followed: the folder it points to is not read; put the "
                  "folder itself here")
_NOT_A_FILE = "not a regular file (a FIFO, device or socket): it is not read; remove it"


def walk(root: Path, paths: Sequence[Path], suffixes: tuple[str, ...]) -> Iterator[Path | Problem]:
    """Files with one of `suffixes` under `paths` (recursively, sorted), then Problems.

    Symbolic links met while walking are not followed: a link in a pull request could point
    anywhere on the machine that runs the checks.
    """
    for item in walk_names(root, paths, suffixes):
        yield item if isinstance(item, Problem) else Path(item)


def walk_names(root: Path, paths: Sequence[Path], suffixes: tuple[str, ...]
               ) -> Iterator[str | Problem]:
    """`walk`, with the files' paths as text: a Path per article cost 0.05 s per 10,000."""
    seen: set[str] = set()
    several = len(paths) > 1  # only then can a file be found twice
    for given in paths:
        if given.is_file():
            found = [(str(given), False)]
        elif given.is_dir():
            found, unreadable, skipped = _tree(given, suffixes)
            for folder, error in unreadable:
                yield Problem(display_path(root, _printable(folder)), 1, 1, UNREADABLE,
                              f"cannot read the folder: {error.strerror or error}; what it "
                              "holds is not checked (fix its permissions)")
            for path, code, message in skipped:
                yield Problem(display_path(root, _printable(path)), 1, 1, code, message)
        else:
            yield Problem(display_path(root, given), 1, 1, "not-found",
                          "no such file or folder: check the path you gave")
            continue
        for path, link in found:
            if not _utf8(path):
                yield Problem(display_path(root, _printable(path)), 1, 1, "file-name",
                              "the file name is not valid UTF-8: rename it")
            elif link:
                yield Problem(display_path(root, path), 1, 1, SYMLINK, "symbolic links are "
                              "not read: put the file itself here")
            elif not several:
                yield path
            elif (key := os.path.abspath(path)) not in seen:
                seen.add(key)
                yield path


def _utf8(path: str) -> bool:
    """Whether `path` is text (a name of bytes that are not UTF-8 decodes to lone surrogates,
    which no report can print)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(path: str) -> str:
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _tree(folder: Path, suffixes: tuple[str, ...]) -> tuple[
        list[tuple[str, bool]], list[tuple[str, OSError]], list[tuple[str, str, str]]]:
    """(path, is a link) of the regular files and links named `*suffixes` under `folder`, in
    pathlib's order; the folders that could not be read (an unreadable corpus is an error, not
    an empty one); and (path, code, message) of what is skipped: linked folders (never
    entered), FIFOs and devices named like corpus files, and Python files. os.scandir: rglob
    took 0.3 s per 10,000."""
    found: list[tuple[tuple[str, ...], str, bool]] = []
    unreadable: list[tuple[str, OSError]] = []
    skipped: list[tuple[tuple[str, ...], str, str, str]] = []
    stack: list[tuple[str, tuple[str, ...]]] = [(str(folder), ())]
    while stack:
        here, parts = stack.pop()
        try:
            with os.scandir(here) as entries:
                listed = list(entries)
        except FileNotFoundError:
            continue  # vanished meanwhile
        except OSError as error:
            unreadable.append((here, error))
            continue
        for entry in listed:
            key = (*parts, entry.name)
            link = entry.is_symlink()
            if not link and entry.is_dir():
                stack.append((entry.path, key))
            elif entry.name.endswith(".py"):
                skipped.append((key, entry.path, CODE, _CODE_MESSAGE))
            elif entry.name.endswith(suffixes):
                if link or entry.is_file():
                    found.append((key, entry.path, link))
                else:
                    skipped.append((key, entry.path, "not-a-file", _NOT_A_FILE))
            elif link and entry.is_dir():
                skipped.append((key, entry.path, SYMLINK, _LINKED_FOLDER))
    found.sort(key=lambda item: item[0])
    skipped.sort(key=lambda item: item[0])
    return ([(path, link) for _, path, link in found], unreadable,
            [(path, code, message) for _, path, code, message in skipped])


def read_bytes(root: Path, path: Path, limit: int) -> bytes:
    """The file's bytes; a Problem (raised) if it cannot be read, is larger than `limit`, is
    not a regular file (a FIFO, a device, a folder), is a link, or lies in the project but
    resolves outside it (through a linked folder)."""
    name = display_path(root, path)
    handle = open_regular(root, path, name)
    try:
        # asking for limit + 1 bytes outright allocated 5 MB per file: ask for the size,
        # and for the rest if it grew meanwhile
        size = min(os.fstat(handle).st_size, limit) + 1
        chunks, got = [], 0
        while got <= limit and (chunk := os.read(handle, max(size - got, 1 << 16))):
            chunks.append(chunk)
            got += len(chunk)
    except OSError as error:
        raise _unreadable(name, error) from None
    finally:
        os.close(handle)
    if got > limit:
        raise ProblemError(Problem(name, 1, 1, "too-large", f"file is larger than {limit:,} "
                                   "bytes: split it, or trim it to the part that matters"))
    return b"".join(chunks)


def open_regular(root: Path, path: Path, name: str) -> int:
    """A descriptor of `path`, a regular file not reached through a link out of the project;
    a Problem (raised) for anything else. Never waits on a FIFO or a device."""
    if escapes(root, path):
        raise ProblemError(Problem(name, 1, 1, SYMLINK, "the path leads out of the project "
                                   "through a symbolic link: put the file itself here"))
    try:
        handle = os.open(path, NOFOLLOW)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ProblemError(Problem(name, 1, 1, SYMLINK, "symbolic links are not read: "
                                       "put the file itself here")) from None
        raise _unreadable(name, error) from None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise ProblemError(Problem(name, 1, 1, "not-a-file", "not a regular file (a folder, "
                                       "a FIFO or a device): put the file itself here"))
    except BaseException:
        os.close(handle)
        raise
    return handle


def escapes(root: Path, path: Path) -> bool:
    """Whether `path`, written inside the project, resolves outside it."""
    base = os.path.abspath(root)
    absolute = os.path.abspath(path)
    if inside(absolute, base) is None:
        return False  # named outside the project by the user: their choice
    return inside(os.path.realpath(absolute), os.path.realpath(base)) is None


def _unreadable(name: str, error: OSError) -> ProblemError:
    return ProblemError(Problem(name, 1, 1, "unreadable", f"cannot read the file: "
                                f"{error.strerror or error}"))
