"""Reading one SOURCE argument: a local .txt/.html/.htm file or an http(s) URL, within limits."""

from __future__ import annotations

import re
from pathlib import Path

from verifier.ingest.base import IngestError, Limits, Media, Raw

SUFFIXES: dict[str, Media] = {".txt": "text", ".html": "html", ".htm": "html"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def read_source(source: str, limits: Limits) -> Raw:
    """The original bytes of `source`, or an IngestError saying why not."""
    if _SCHEME.match(source):
        from verifier.ingest.fetch import fetch

        return fetch(source, limits)
    return read_file(Path(source), limits)


def read_file(path: Path, limits: Limits) -> Raw:
    media = SUFFIXES.get(path.suffix.lower())
    if media is None:
        kinds = ", ".join(SUFFIXES)
        raise IngestError(f"{path}: unsupported file type {path.suffix or '(none)'!r}; ingest "
                          f"{kinds} files or an http(s) URL")
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IngestError(f"{path}: not a regular file; name a .txt or .html file")
        _check_size(str(path), size, limits)
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except PermissionError:
        raise IngestError(f"{path}: permission denied; check the file's permissions") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a directory; name the files in it instead") from None
    except OSError as error:
        raise IngestError(f"{path}: cannot be read ({error.strerror or error})") from None
    _check_size(str(path), len(data), limits)  # the file may have grown since stat()
    if not data:
        raise IngestError(f"{path}: is empty (0 bytes): nothing to ingest")
    return Raw(str(path), data, media)


def _check_size(name: str, size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise IngestError(f"{name}: {size} bytes, over the limit of {limits.max_bytes}; "
                          "raise it with --max-bytes if this really is one article")
