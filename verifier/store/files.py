"""The files of the verdict cache, written atomically and read with suspicion: no pickle, no code.

A JSON file (claim sets) is one header line, `{"format": 3, "hmac": "<hex of the rest>"}`,
then the payload; a binary file (packs, the memo) is a magic line, the HMAC-SHA256 of the rest
in hex and a newline, then msgpack. The HMAC's key is a per-machine secret kept outside the
project (verifier.store.trust), so a file a pull request commits cannot pass, whatever checksum
it carries. Reading raises Corrupt for anything truncated, altered, unsigned, too large or not a
regular file (opened without following links, never a FIFO or a device); the readers then
decode with types (msgspec), so a file that passes is well-formed data.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import stat
from pathlib import Path
from typing import Any

from verifier.store.trust import Untrusted, secret, sign

FORMAT = 4
BLOB = b"verifier cache %d\n" % FORMAT
MAX_FILE = 1 << 30  # a pack of 10,000 articles is 46 MB
_COUNTER = itertools.count()
_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


class Corrupt(ValueError):
    """A cache file that cannot be trusted."""


def _key(failure: type[Exception]) -> bytes:
    """The signing key; without one (see trust.refusal, which the CLI and the plugin ask
    first), nothing read is trusted (Corrupt) and nothing is written (OSError)."""
    try:
        return secret()
    except Untrusted as error:
        raise failure(str(error)) from None


def digest(data: bytes | memoryview) -> str:
    return hashlib.sha256(data).hexdigest()


def read(path: Path) -> Any:
    """The payload of a cache file, None if there is none; Corrupt if it cannot be trusted."""
    data = _bytes(path)
    if data is None:
        return None
    head, newline, body = data.partition(b"\n")
    try:
        header = json.loads(head)
        if not newline or header != {"format": FORMAT, "hmac": sign(body, _key(Corrupt))}:
            raise Corrupt("header or checksum")
        payload = json.loads(body)
    except ValueError as error:  # also UnicodeDecodeError and json's errors
        raise Corrupt(str(error)) from None
    if not isinstance(payload, dict):
        raise Corrupt("payload")
    return payload


def write_atomic(path: Path, payload: dict[str, Any]) -> None:
    """Write to a temporary file beside `path`, then rename: readers see all or nothing."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"format": FORMAT, "hmac": sign(body, _key(OSError))}).encode("ascii")
    _replace(path, header + b"\n" + body)


def read_blob(path: Path) -> memoryview | None:
    """The body of a binary cache file (see write_blob), None if there is none; Corrupt if it
    is truncated or altered. A view, not a copy: a pack of 10,000 articles is 46 MB."""
    data = _bytes(path)
    if data is None:
        return None
    head, body = data[:len(BLOB) + 65], memoryview(data)[len(BLOB) + 65:]
    if head != BLOB + sign(body, _key(Corrupt)).encode() + b"\n":
        raise Corrupt("header or checksum")
    return body


def _bytes(path: Path) -> bytes | None:
    """The file's bytes; None if there is no such file, Corrupt if it cannot be read or is not
    a regular file within MAX_FILE (a link, a folder, a FIFO, /dev/zero)."""
    try:
        handle = os.open(path, _OPEN)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise Corrupt(str(error)) from None
    try:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_FILE:
            raise Corrupt("not a regular file within the size limit")
        chunks, size = [], 0
        while chunk := os.read(handle, max(found.st_size - size, 0) + 1):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE:
                raise Corrupt("grew beyond the size limit")
        return b"".join(chunks)
    except OSError as error:
        raise Corrupt(str(error)) from None
    finally:
        os.close(handle)


def unlink_links(*paths: Path) -> None:
    """Remove each of `paths` that is a symbolic link (the link itself: what it points to is
    left alone), so the cache never reads, writes or prunes through one."""
    for path in paths:
        with contextlib.suppress(OSError):
            if os.path.islink(path):
                os.unlink(path)


def write_blob(path: Path, body: bytes) -> None:
    """A magic line, the HMAC of the body in hex and a newline, then the body; atomically."""
    _replace(path, BLOB + sign(body, _key(OSError)).encode() + b"\n" + body)


def _replace(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".tmp-{os.getpid()}-{next(_COUNTER)}-{path.name}")
    try:
        with temporary.open("xb") as out:  # x: never another writer's file
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
