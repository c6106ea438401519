"""The files of the verdict cache: checksummed JSON, written atomically, read with suspicion.

A file is one header line, `{"format": 1, "sha256": "<hex of the rest>"}`, then the JSON payload.
`read` raises Corrupt for anything truncated, altered or malformed; decoding checks every field's
type, so a file that passes is well-formed data and nothing more: no pickle, no code.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Collection
from pathlib import Path
from typing import Any, TypeVar

from verifier.model import Evidence, Span, Verdict

FORMAT = 1
_COUNTER = itertools.count()
T = TypeVar("T")


class Corrupt(ValueError):
    """A cache file that cannot be trusted."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(path: Path) -> Any:
    """The payload of a cache file, None if there is none; Corrupt if it cannot be trusted."""
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise Corrupt(str(error)) from None
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
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".tmp-{os.getpid()}-{next(_COUNTER)}-{path.name}")
    try:
        with temporary.open("xb") as out:  # x: never another writer's file
            out.write(header + b"\n" + body)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def encode(v: Verdict) -> list[Any]:
    """A verdict without its article (the file says which) and without acknowledgements (the
    cache holds what the engine says; the baseline is applied on every run)."""
    return [v.claim, v.verdict, v.hedged,
            [[e.polarity, e.line, e.column, e.text, e.reason, e.hedged,
              [[s.start, s.end, s.line, s.column, s.text] for s in e.spans]] for e in v.evidence]]


JUDGED = ("supported", "contradicted")


def decode(raw: Any, article: str, names: Collection[str] = JUDGED) -> Verdict:
    claim, name, hedged, evidence = raw
    if type(claim) is not str or name not in names or type(hedged) is not bool:
        raise Corrupt("verdict")
    return _restore(Verdict, {"claim": claim, "article": article, "verdict": name,
                              "evidence": tuple([_evidence(e) for e in evidence]),
                              "hedged": hedged, "acknowledged": False, "acknowledgement": None})


def _restore(cls: type[T], values: dict[str, Any]) -> T:
    """A frozen dataclass rebuilt from checked fields the way pickle does it (no __init__):
    three times faster, which is much of a warm run over a large corpus."""
    out = object.__new__(cls)
    out.__dict__.update(values)
    return out


# Checks written out (no all(), no generators): they run for every span of every article.
def _evidence(raw: Any) -> Evidence:
    polarity, line, column, text, reason, hedged, spans = raw
    if polarity not in ("support", "contradict") or type(line) is not int \
            or type(column) is not int or type(text) is not str or type(reason) is not str \
            or type(hedged) is not bool:
        raise Corrupt("evidence")
    return _restore(Evidence, {"polarity": polarity, "line": line, "column": column,
                               "text": text, "reason": reason,
                               "spans": tuple([_span(s) for s in spans]), "hedged": hedged})


def _span(raw: Any) -> Span:
    start, end, line, column, text = raw
    if type(start) is not int or type(end) is not int or type(line) is not int \
            or type(column) is not int or type(text) is not str:
        raise Corrupt("span")
    return _restore(Span, {"start": start, "end": end, "line": line, "column": column,
                           "text": text})
