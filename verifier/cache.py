"""A persistent cache of verdicts, so a re-run verifies only what changed.

Layout under the cache folder (default ROOT/.verifier-cache)::

    v1/<engine>/claims/<set>.json     claim id -> digest of the claim, for one set of claims
    v1/<engine>/<xx>/<article>.json   one article's supported and contradicted verdicts
    v1/<engine>/examples/<claim>.json the verdicts on one claim's `examples:`

`<engine>` digests the cache format, `engine.VERSION`, the verifier's source code and everything
the compiled engine shares between claims (the registry built from entities and claims, the claims
grouped by event), so a changed alias or engine re-verifies everything. `<article>` digests the
article's path, text and metadata. Within one engine, a claim whose digest is unchanged keeps its
cached verdicts; a new or changed claim is judged again on every article, and only it.

Files are checksummed JSON written atomically (verifier.cachefile), by a few threads, since
creating files waits on the disk; one that is truncated, altered or malformed is ignored, counted
in `Stats.corrupt` and rewritten. A cache that cannot be written only costs time.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verifier import engine as engine_module
from verifier.cachefile import FORMAT, Corrupt, decode, digest, encode, read, write_atomic
from verifier.cachekeys import article_key, claim_key, engine_key, examples_key
from verifier.engine import Engine
from verifier.model import VERDICTS, Article, Claim, Verdict

KEEP_ENGINES = 4  # engine folders kept; older ones (other code or registries) are removed
WRITERS = 4  # threads writing cache files: creating ten thousand files waits on the disk
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# verifier cache; safe to delete\n"
DAMAGE = (Corrupt, KeyError, TypeError, ValueError, IndexError, AttributeError)


@dataclass
class Stats:
    reused: int = 0  # articles taken whole from the cache
    partial: int = 0  # articles judged again on new or changed claims only
    verified: int = 0  # articles verified in full
    corrupt: int = 0  # cache files ignored as unreadable, altered or malformed
    unwritable: int = 0  # cache files that could not be written (the run goes on)
    examples: int = field(default=0, compare=False)  # claims whose examples came from the cache


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
        self.claim_set = digest(json.dumps(sorted(self.claims.items())).encode())
        self.stats = Stats()
        self._writers = ThreadPoolExecutor(WRITERS, thread_name_prefix="verifier-cache")
        self._pending: list[Future[None]] = []
        # claim set an entry was judged on -> ids of today's claims it holds good for
        self._same: dict[str, frozenset[str] | None] = {self.claim_set: frozenset(self.claims)}
        _prepare(folder, top, self.folder)
        path = self.folder / "claims" / f"{self.claim_set}.json"
        if not path.is_file():
            self._write(path, {"claims": self.claims})

    def lookup(self, article: Article) -> Lookup:
        key = article_key(article)
        try:
            payload = read(self._entry(key))
            if payload is None:
                return self._miss(article, key)
            if payload["article"] != key:
                raise Corrupt("entry of another article")
            verdicts = [decode(raw, article.path) for raw in payload["verdicts"]]
            same = self._unchanged(payload["claims"])
        except DAMAGE:
            self.stats.corrupt += 1
            return self._miss(article, key)
        if same is None:
            return self._miss(article, key)
        only = frozenset(self.claims) - same
        if only:
            self.stats.partial += 1
        else:
            self.stats.reused += 1
        return Lookup(article, tuple(v for v in verdicts if v.claim in same), only, key)

    def store(self, lookup: Lookup, verdicts: Sequence[Verdict]) -> None:
        """Keep `verdicts`: every non-silent verdict of the article on the current claims."""
        key = lookup.key or article_key(lookup.article)
        payload = {"article": key, "claims": self.claim_set,
                   "verdicts": [encode(v) for v in verdicts]}
        self._write(self._entry(key), payload)

    def examples(self, claim: Claim) -> list[Verdict] | None:
        """The verdicts on `claim`'s examples, in order, if they are cached."""
        key = examples_key(claim)
        try:
            payload = read(self.folder / "examples" / f"{key}.json")
            if payload is None:
                return None
            if payload["claim"] != key or len(payload["verdicts"]) != len(claim.examples):
                raise Corrupt("examples of another claim")
            found = [decode(raw, article, VERDICTS) for article, raw in payload["verdicts"]]
        except DAMAGE:
            self.stats.corrupt += 1
            return None
        self.stats.examples += 1
        return found

    def store_examples(self, claim: Claim, verdicts: Sequence[Verdict]) -> None:
        key = examples_key(claim)
        payload = {"claim": key, "verdicts": [[v.article, encode(v)] for v in verdicts]}
        self._write(self.folder / "examples" / f"{key}.json", payload)

    def _miss(self, article: Article, key: str) -> Lookup:
        self.stats.verified += 1
        return Lookup(article, (), None, key)

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _unchanged(self, claim_set: Any) -> frozenset[str] | None:
        """Ids of current claims whose digest matches the set an entry was judged on."""
        if not isinstance(claim_set, str):
            raise Corrupt("claim set")
        if claim_set not in self._same:
            old = self._claim_set(claim_set)
            self._same[claim_set] = None if old is None else frozenset(
                i for i, key in self.claims.items() if old.get(i) == key)
        return self._same[claim_set]

    def _claim_set(self, name: str) -> dict[str, str] | None:
        try:
            payload = read(self.folder / "claims" / f"{_hex(name)}.json")
            claims = payload["claims"] if payload is not None else None
            if claims is not None and not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in claims.items()):
                raise Corrupt("claim set")
            return claims
        except DAMAGE:
            self.stats.corrupt += 1
            return None

    def _write(self, path: Path, payload: dict[str, Any]) -> None:
        self._pending.append(self._writers.submit(write_atomic, path, payload))

    def close(self) -> None:
        """Wait for the writes; one that failed (a full disk, a read-only folder) is counted,
        and the run goes on."""
        for future in self._pending:
            error = future.exception()
            if isinstance(error, OSError):
                self.stats.unwritable += 1
            elif error is not None:
                raise error
        self._pending.clear()
        self._writers.shutdown()


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
