"""The files of the verdict cache, written atomically and read with suspicion: no pickle, no code.

A JSON file (claim sets) is one header line, `{"format": 2, "sha256": "<hex of the rest>"}`,
then the payload; a binary file (packs, the memo) is a magic line, the SHA-256 of the rest in
hex and a newline, then msgpack. Reading raises Corrupt for anything truncated or altered; the
readers then decode with types (msgspec), so a file that passes is well-formed data.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from pathlib import Path
from typing import Any

FORMAT = 3
BLOB = b"verifier cache %d\n" % FORMAT
_COUNTER = itertools.count()


class Corrupt(ValueError):
    """A cache file that cannot be trusted."""


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
        if not newline or header != {"format": FORMAT, "sha256": digest(body)}:
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
    header = json.dumps({"format": FORMAT, "sha256": digest(body)}).encode("ascii")
    _replace(path, header + b"\n" + body)


def read_blob(path: Path) -> memoryview | None:
    """The body of a binary cache file (see write_blob), None if there is none; Corrupt if it
    is truncated or altered. A view, not a copy: a pack of 10,000 articles is 46 MB."""
    data = _bytes(path)
    if data is None:
        return None
    head, body = data[:len(BLOB) + 65], memoryview(data)[len(BLOB) + 65:]
    if head != BLOB + digest(body).encode() + b"\n":
        raise Corrupt("header or checksum")
    return body


def _bytes(path: Path) -> bytes | None:
    """The file's bytes; None if there is no such file, Corrupt if it cannot be read."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise Corrupt(str(error)) from None


def write_blob(path: Path, body: bytes) -> None:
    """A magic line, the SHA-256 of the body in hex and a newline, then the body; atomically."""
    _replace(path, BLOB + digest(body).encode() + b"\n" + body)


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
