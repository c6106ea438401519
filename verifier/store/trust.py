"""Why the verdict cache may be believed: nothing a pull request commits can vouch for a verdict.

Two guards, both needed:

- every cache file is signed with an HMAC-SHA256 under a per-machine secret kept outside the
  project (`$VERIFIER_CACHE_KEY`, else the file `claim-verifier/key` under `$XDG_CACHE_HOME` or
  `~/.cache`, created 0600 with 32 random bytes on first use). A forged file, even with
  checksums recomputed from the code, fails the signature and is rebuilt;
- a cache folder reached through a symbolic link, or holding files tracked by git (committed in
  the pull request under test), is refused: the run goes on without a cache, with a warning. A
  link could also point the cache's clean-up at another folder.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
import subprocess
from pathlib import Path

ENV = "VERIFIER_CACHE_KEY"
KEY_BYTES = 32
_MAX_KEY = 4096


class Untrusted(Exception):
    """Why a cache cannot be used (the message says what to do)."""


def key_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "claim-verifier" / "key"


def secret() -> bytes:
    """The signing key: `$VERIFIER_CACHE_KEY`, else the key file (created on first use)."""
    given = os.environ.get(ENV)
    if given:
        if len(given) < 16:
            raise Untrusted(f"${ENV} is shorter than 16 characters: use a long random value")
        return given.encode("utf-8", "surrogateescape")
    return _key_file(key_path())


def sign(data: bytes | memoryview, key: bytes) -> str:
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def _key_file(path: Path) -> bytes:
    """The key in `path`: a regular file of this user's, readable by no one else; made if
    missing. Opened without following links."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            made = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(made, "w", encoding="ascii") as out:
                out.write(secrets.token_hex(KEY_BYTES))
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        try:
            found = os.fstat(handle)
            if not stat.S_ISREG(found.st_mode) or found.st_size > _MAX_KEY:
                raise Untrusted(f"{path} is not a small regular file: remove it")
            if found.st_uid != os.geteuid() or found.st_mode & 0o077:
                raise Untrusted(f"{path} is not private to this user: remove it (a new one is "
                                "made) or chmod 600 it")
            key = os.read(handle, _MAX_KEY).strip()
        finally:
            os.close(handle)
    except OSError as error:
        raise Untrusted(f"cannot read or create the cache key {path}: "
                        f"{error.strerror or error}; set ${ENV}") from None
    if len(key) < 16:
        raise Untrusted(f"the cache key {path} is too short: remove it (a new one is made)")
    return key


def check_folder(root: Path, folder: Path) -> None:
    """Untrusted if `folder` (the cache) is reached through a symbolic link below `root`, is not
    a folder or holds files git tracks, or if the key file is committed in the project."""
    base = Path(os.path.abspath(root))
    target = Path(os.path.abspath(folder))
    try:
        parts = target.relative_to(base).parts
    except ValueError:  # a cache outside the project: only the folder itself is checked
        base, parts = target.parent, (target.name,)
    here = base
    for part in parts:
        here = here / part
        try:
            found = os.lstat(here)
        except FileNotFoundError:
            break
        except OSError as error:
            raise Untrusted(f"{here}: {error.strerror or error}") from None
        if stat.S_ISLNK(found.st_mode):
            raise Untrusted(f"{here} is a symbolic link: a cache is never used through one "
                            "(remove the link)")
        if not stat.S_ISDIR(found.st_mode):
            raise Untrusted(f"{here} is not a folder: remove it")
    if _tracked(base, target):
        raise Untrusted(f"{target} holds files tracked by git: a committed cache is never "
                        "trusted (git rm -r --cached it and list it in .gitignore)")
    key = key_path()
    if not os.environ.get(ENV) and _within(key, Path(root)) and _tracked(Path(root), key):
        raise Untrusted(f"the cache key {key} is committed in the project: remove it from git "
                        f"and set XDG_CACHE_HOME or ${ENV} to something outside the project")


def _within(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def _tracked(root: Path, folder: Path) -> bool:
    """Whether git tracks `folder` or anything under it (False where git or a repository is
    missing)."""
    try:
        found = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--", str(folder)],
            capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return found.returncode == 0 and bool(found.stdout.strip(b"\0"))


def refusal(root: Path, folder: Path) -> str | None:
    """Why the cache in `folder` must not be used in this run (None: it may)."""
    try:
        check_folder(root, folder)
        secret()
    except Untrusted as error:
        return f"verdict cache not used: {error}"
    return None
