"""What loading learnt, by content: YAML documents already parsed and found schema-valid.

A warm run over 10,000 articles spent most of its loading time parsing and validating sidecars
and claim files that had not changed. The memo maps the SHA-256 of a file's bytes to the data
it parsed to (and, for claim files, where each value was written), and keeps only documents
that validated without a problem, so a memo hit never hides one: a file with problems is parsed
and validated every time. The memo is one checksummed msgpack file in the cache folder, named
by the digest of the schemas and of the loader's code: another schema or parser starts afresh.

Like the verdict cache, it is signed with the per-machine key (verifier.store.trust), so a memo
committed in a pull request is ignored. A damaged memo is ignored (and rewritten); an
unwritable one only costs time.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from verifier.load.schema import SCHEMA_DIR
from verifier.store.files import FORMAT, Corrupt, read_blob, unlink_links, write_blob

LIMIT = 100_000  # entries kept at most, unless one run uses more
LOADER = ("source.py", "schema.py", "corpus.py", "project.py", "memo.py")
PACKAGE = Path(__file__).resolve().parent


@cache
def loader_digest() -> str:
    """Of the loader's code and the schemas: what a parsed, validated document depends on."""
    sha = hashlib.sha256(b"memo\0")
    files = [PACKAGE / name for name in LOADER]
    files += sorted(SCHEMA_DIR.glob("*.schema.json"))
    for path in files:
        sha.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()[:32]


def key(kind: str, data: bytes) -> str:
    return hashlib.sha256(kind.encode() + b"\0" + data).hexdigest()


class DocumentMemo:
    """digest of a file -> what it parsed to; `save` writes it back when it learnt something."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / f"v{FORMAT}" / "memo" / f"{loader_digest()}.bin"
        unlink_links(self.path.parent.parent, self.path.parent)  # never read or write through
        self.corrupt = 0
        self.unwritable = 0
        # entries stay msgpack until asked for: a run uses few of them, or writes them back
        self._old = self._read()
        self._used: dict[str, Any] = {}  # decoded, as asked for or put
        self._fresh: set[str] = set()  # put with a value the file does not hold
        self._changed = False

    def get(self, digest: str) -> Any:
        found = self._used.get(digest)
        if found is None and (raw := self._old.get(digest)) is not None:
            try:
                found = self._used[digest] = msgspec.msgpack.decode(raw)
            except (msgspec.DecodeError, ValueError):  # a bad string inside a true checksum
                self.corrupt += 1
                del self._old[digest]
                self._changed = True  # written back without it
        return found

    def put(self, digest: str, value: Any) -> None:
        if self.get(digest) != value:
            self._changed = True
            self._fresh.add(digest)
        self._used[digest] = value

    def save(self) -> None:
        """Write the memo back if this run learnt something. Entries this run did not use may
        belong to a run over another part of the corpus and are kept, the oldest dropped past
        LIMIT entries (or four times what this run used, if more)."""
        if not self._changed:
            return
        others = {k: v for k, v in self._old.items() if k not in self._used}
        room = max(LIMIT, 4 * len(self._used)) - len(self._used)
        kept = dict(list(others.items())[-room:]) if room > 0 else {}
        used = {k: self._old[k] if k in self._old and k not in self._fresh else v
                for k, v in self._used.items()}  # what did not change is copied as it was
        try:
            write_blob(self.path, _encode({**kept, **used}))
        except OSError:
            self.unwritable += 1

    def _read(self) -> dict[str, msgspec.Raw]:
        try:
            body = read_blob(self.path)
            return {} if body is None else _ENTRIES.decode(body)
        except (Corrupt, msgspec.DecodeError, ValueError):
            self.corrupt += 1
            return {}


_ENTRIES = msgspec.msgpack.Decoder(dict[str, msgspec.Raw])


def _encode(entries: dict[str, Any]) -> bytes:
    """msgpack of the entries; one msgpack cannot hold (an integer beyond 64 bits, written in
    a claim) is left out, and that file is parsed on every run."""
    try:
        return msgspec.msgpack.encode(entries)
    except (OverflowError, TypeError):
        return msgspec.msgpack.encode({k: v for k, v in entries.items() if _fits(v)})


def _fits(value: Any) -> bool:
    try:
        msgspec.msgpack.encode(value)
    except (OverflowError, TypeError):
        return False
    return True
