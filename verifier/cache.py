"""A persistent cache of verdicts, so a re-run verifies only what changed.

Layout under the cache folder (default ROOT/.verifier-cache)::

    v1/<engine>/claims/<set>.json    claim id -> digest of the claim, for one set of claims
    v1/<engine>/<xx>/<article>.json  one article's supported and contradicted verdicts

`<engine>` digests the cache format, `engine.VERSION`, the verifier's source code and everything
the compiled engine shares between claims (the registry built from entities and claims, the claims
grouped by event), so a changed alias or engine re-verifies everything. `<article>` digests the
article's path, text and metadata. Within one engine, a claim whose digest is unchanged keeps its
cached verdicts; a new or changed claim is judged again on every article, and only it.

Every file is a header line holding the SHA-256 of the JSON payload that follows. Files are
written to a temporary name and renamed (atomic); one that is truncated, altered or malformed is
ignored, counted in `Stats.corrupt` and rewritten. Nothing here is ever unpickled or executed.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from verifier import engine as engine_module
from verifier.cachekeys import article_key, claim_key, engine_key
from verifier.engine import Engine
from verifier.model import Article, Evidence, Span, Verdict

FORMAT = 1
KEEP_ENGINES = 4  # engine folders kept; older ones (other code or registries) are removed
_COUNTER = itertools.count()
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# verifier cache; safe to delete\n"


class Corrupt(ValueError):
    """A cache file that cannot be trusted."""


@dataclass
class Stats:
    reused: int = 0  # articles taken whole from the cache
    partial: int = 0  # articles judged again on new or changed claims only
    verified: int = 0  # articles verified in full
    corrupt: int = 0  # cache files ignored as unreadable, altered or malformed
    unwritable: int = 0  # cache files that could not be written (the run goes on)


@dataclass(frozen=True)
class Lookup:
    """What the cache knows of one article: verdicts still valid, and what to judge now
    (`only`: None for every claim, an empty set for nothing)."""

    article: Article
    kept: tuple[Verdict, ...]
    only: frozenset[str] | None
    key: str = ""  # the article's digest, its name in the cache


class VerdictCache:
    """The cache of one engine (claims and entities) in `folder`."""

    def __init__(self, folder: Path, engine: Engine) -> None:
        top = folder / f"v{FORMAT}"
        self.folder = top / engine_key(engine, engine_module.VERSION, FORMAT)
        self.claims = {c.id: claim_key(c) for c in engine.claims}
        self.claim_set = _digest(json.dumps(sorted(self.claims.items())).encode())
        self.stats = Stats()
        self._sets: dict[str, dict[str, str] | None] = {self.claim_set: self.claims}
        _prepare(folder, top, self.folder)
        path = self.folder / "claims" / f"{self.claim_set}.json"
        if not path.is_file():
            self._write(path, {"claims": self.claims})

    def lookup(self, article: Article) -> Lookup:
        key = article_key(article)
        try:
            payload = _read(self._entry(key))
            if payload is None:
                return self._miss(article, key)
            if payload["article"] != key:
                raise Corrupt("entry of another article")
            verdicts = [_verdict(raw, article.path) for raw in payload["verdicts"]]
        except (Corrupt, KeyError, TypeError, ValueError, IndexError):
            self.stats.corrupt += 1
            return self._miss(article, key)
        same = self._unchanged(payload["claims"])
        if same is None:
            return self._miss(article, key)
        kept = tuple(v for v in verdicts if v.claim in same)
        only = frozenset(self.claims) - same
        if only:
            self.stats.partial += 1
        else:
            self.stats.reused += 1
        return Lookup(article, kept, only, key)

    def store(self, lookup: Lookup, verdicts: Sequence[Verdict]) -> None:
        """Keep `verdicts`: every non-silent verdict of the article on the current claims."""
        key = lookup.key or article_key(lookup.article)
        payload = {"article": key, "claims": self.claim_set,
                   "verdicts": [_encode(v) for v in verdicts]}
        self._write(self._entry(key), payload)

    def _miss(self, article: Article, key: str) -> Lookup:
        self.stats.verified += 1
        return Lookup(article, (), None, key)

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _unchanged(self, claim_set: Any) -> frozenset[str] | None:
        """Ids of current claims whose digest matches the set an entry was judged on."""
        if not isinstance(claim_set, str):
            raise Corrupt("claim set")
        if claim_set not in self._sets:
            self._sets[claim_set] = self._claim_set(claim_set)
        old = self._sets[claim_set]
        if old is None:
            return None
        return frozenset(i for i, key in self.claims.items() if old.get(i) == key)

    def _claim_set(self, name: str) -> dict[str, str] | None:
        try:
            payload = _read(self.folder / "claims" / f"{_hex(name)}.json")
            claims = payload["claims"] if payload is not None else None
            if claims is not None and not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in claims.items()):
                raise Corrupt("claim set")
            return claims
        except (Corrupt, KeyError, TypeError, ValueError, AttributeError):
            self.stats.corrupt += 1
            return None

    def _write(self, path: Path, payload: dict[str, Any]) -> None:
        try:
            _write_atomic(path, payload)
        except OSError:
            self.stats.unwritable += 1


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hex(name: str) -> str:
    if len(name) != 64 or any(c not in "0123456789abcdef" for c in name):
        raise Corrupt("not a digest")
    return name


def _prepare(folder: Path, top: Path, mine: Path) -> None:
    """Create the folders, tag the cache for backup tools, and drop the oldest engine folders."""
    try:
        mine.mkdir(parents=True, exist_ok=True)
        os.utime(mine)
        if not (folder / "CACHEDIR.TAG").exists():
            (folder / "CACHEDIR.TAG").write_text(TAG, encoding="ascii")
        others = sorted((p for p in top.iterdir() if p.is_dir() and p != mine),
                        key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[KEEP_ENGINES - 1:]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass  # an unwritable cache only costs time: every write is counted as it fails


def _read(path: Path) -> Any:
    """The payload of a cache file, None if there is none; Corrupt if it cannot be trusted."""
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise Corrupt(str(error)) from None
    head, newline, body = data.partition(b"\n")
    header = json.loads(head)
    if not newline or header != {"format": FORMAT, "sha256": _digest(body)}:
        raise Corrupt("header or checksum")
    payload = json.loads(body)
    if not isinstance(payload, dict):
        raise Corrupt("payload")
    return payload


def _write_atomic(path: Path, payload: dict[str, Any]) -> None:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"format": FORMAT, "sha256": _digest(body)}).encode("ascii")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".tmp-{os.getpid()}-{next(_COUNTER)}-{path.name}")
    try:
        with temporary.open("xb") as out:  # x: never another writer's file
            out.write(header + b"\n" + body)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _encode(v: Verdict) -> list[Any]:
    return [v.claim, v.verdict, v.hedged,
            [[e.polarity, e.line, e.column, e.text, e.reason, e.hedged,
              [[s.start, s.end, s.line, s.column, s.text] for s in e.spans]] for e in v.evidence]]


_NEW = object.__new__
T = TypeVar("T")


def _restore(cls: type[T], values: dict[str, Any]) -> T:
    """A frozen dataclass rebuilt from checked fields the way pickle does it (no __init__):
    three times faster, which is most of a warm run over a large corpus."""
    out = _NEW(cls)
    out.__dict__.update(values)
    return out


def _verdict(raw: list[Any], article: str) -> Verdict:
    claim, name, hedged, evidence = raw
    if not isinstance(claim, str) or name not in ("supported", "contradicted") \
            or not isinstance(hedged, bool):
        raise Corrupt("verdict")
    return _restore(Verdict, {"claim": claim, "article": article, "verdict": name,
                              "evidence": tuple(_evidence(e) for e in evidence),
                              "hedged": hedged, "acknowledged": False, "acknowledgement": None})


def _evidence(raw: list[Any]) -> Evidence:
    polarity, line, column, text, reason, hedged, spans = raw
    if polarity not in ("support", "contradict") or not _ints(line, column) \
            or not _strs(text, reason) or not isinstance(hedged, bool):
        raise Corrupt("evidence")
    return _restore(Evidence, {"polarity": polarity, "line": line, "column": column,
                               "text": text, "reason": reason,
                               "spans": tuple(_span(s) for s in spans), "hedged": hedged})


def _span(raw: list[Any]) -> Span:
    start, end, line, column, text = raw
    if not _ints(start, end, line, column) or not isinstance(text, str):
        raise Corrupt("span")
    return _restore(Span, {"start": start, "end": end, "line": line, "column": column,
                           "text": text})


def _ints(*values: Any) -> bool:
    return all(type(v) is int for v in values)


def _strs(*values: Any) -> bool:
    return all(isinstance(v, str) for v in values)
