"""A persistent cache of verdicts, so a re-run verifies only what changed.

Layout under the cache folder (default ROOT/.verifier-cache)::

    v3/memo/<loader>.bin               YAML documents already parsed and found valid (load.memo)
    v3/keys/<fingerprint>.json         the keys below, for one set of claims and entities (they
                                       took 0.1 s to compute for 1,000 claims; cachekeys.Keys)
    v3/<engine>/claims/<set>.json      claim id -> digest of the claim, for one set of claims
    v3/<engine>/pack-<time>-<pid>.bin  verdicts: of articles (by the article's digest), and of
                                       claims' examples ("examples:" + their digest)

`<engine>` digests the cache format, `engine.VERSION`, the verifier's source code and everything
the compiled engine shares between claims (the registry built from entities and claims, the claims
grouped by event), so a changed alias or engine re-verifies everything. An article's digest
covers its path, text and metadata. Within one engine, a claim whose digest is unchanged keeps
its cached verdicts; a new or changed claim is judged again on every article, and only it.

Packs are msgpack maps, signed with a per-machine key (verifier.store.trust) and written
atomically (verifier.store.files). A run reads
every pack of its engine, oldest first, and decodes an entry only when it asks for it, with
msgspec into the model's types, every field's type checked; an article's supported verdicts
stay encoded even then (encoded.Encoded) until something reads them, which the text, SARIF and
GitHub reports never do: decoding 170,000 of them was a third of a warm run. It writes what it
judged as one new pack; when there would be more than MAX_PACKS, it writes all it knows into one
instead and removes the packs it read. Ten thousand small files took 0.8 s to read on a warm
run; one pack takes 0.05 s. A pack that is truncated, altered or malformed is ignored, counted in
`Stats.corrupt` and replaced; a cache that cannot be written only costs time.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from verifier import engine as engine_module
from verifier.engine import Engine
from verifier.execution.cachefolder import drop_oldest, prepare, remove_ours
from verifier.execution.cachekeys import Keys, examples_key, fingerprint, keys
from verifier.execution.encoded import Encoded
from verifier.model import Article, Claim, Verdict
from verifier.store.files import (
    FORMAT,
    Corrupt,
    digest,
    read,
    read_blob,
    unlink_links,
    write_atomic,
    write_blob,
)

KEEP_KEYS = 8  # files of keys kept (each names the keys of one set of claims and entities)
MAX_PACKS = 8  # packs read before they are merged into one
DAMAGE = (Corrupt, msgspec.DecodeError, KeyError, TypeError, ValueError)
# an article's entry: claim set, article path, contradicted verdicts, supported claim ids,
# supported verdicts (left encoded: see encoded.Encoded)
_ARTICLE = msgspec.msgpack.Decoder(
    tuple[str, str, tuple[Verdict, ...], tuple[str, ...], msgspec.Raw])
_EXAMPLES = msgspec.msgpack.Decoder(tuple[tuple[str, Verdict], ...])
_PACK = msgspec.msgpack.Decoder(dict[str, msgspec.Raw])

_remove_ours = remove_ours  # tests/hardening reach it here, its home before cachefolder.py


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
    """What the cache knows of one article: verdicts still valid (all of them, still partly
    encoded, when `only` is empty), and what to judge now (`only`: None for every claim, an
    empty set for nothing)."""

    article: Article
    kept: Encoded | tuple[Verdict, ...]
    only: frozenset[str] | None


class VerdictCache:
    """The cache of one engine (claims and entities) in `folder`."""

    def __init__(self, folder: Path, engine: Engine) -> None:
        top = folder / f"v{FORMAT}"
        self.stats = Stats()
        unlink_links(top, top / "keys")  # before anything is read or pruned in them
        self._keys = self._read_keys(top / "keys", engine)
        self.folder = top / self._keys.engine
        self.claims = self._keys.claims
        self.claim_set = digest(json.dumps(sorted(self.claims.items())).encode())
        self._bound = {c.id: c for c in engine.claims}  # the claims the keys are of
        # claim set an entry was judged on -> ids of today's claims it holds good for
        self._all = frozenset(self.claims)
        self._same: dict[str, frozenset[str] | None] = {self.claim_set: self._all}
        self._new: dict[str, msgspec.Raw] = {}  # entries judged in this run
        self._used: set[str] = set()  # entries this run asked for
        prepare(folder, top, self.folder)
        self._packs, self._entries = self._read_packs()
        path = self.folder / "claims" / f"{self.claim_set}.json"
        if not path.is_file():
            self._write(lambda: write_atomic(path, {"claims": self.claims}))

    def lookup(self, article: Article) -> Lookup:
        key = article.key
        raw = self._entries.get(key)
        if raw is None:
            return self._miss(article)
        self._used.add(key)
        try:
            claim_set, path, contradicted, claims, supported = _ARTICLE.decode(raw)
            # one set of what matters, rather than a test per verdict: this runs 10,000 times
            if path != article.path or {(v.article, v.verdict, v.acknowledged, v.acknowledgement)
                                        for v in contradicted} - {(path, "contradicted", False,
                                                                   None)}:
                raise Corrupt("entry of another article")
            same = self._unchanged(claim_set)
            encoded = Encoded(article.path, contradicted, claims, supported)
            kept: Encoded | tuple[Verdict, ...] = encoded
            if same is not None and same is not self._all:  # some claims changed since
                kept = tuple(v for v in encoded.decode() if v.claim in same)
        except (*DAMAGE, RuntimeError):
            self.stats.corrupt += 1
            return self._miss(article)
        if same is None:
            return self._miss(article)
        only = self._all - same if same is not self._all else frozenset()
        if only:
            self.stats.partial += 1
        else:
            self.stats.reused += 1
        return Lookup(article, kept, only)

    def store(self, lookup: Lookup, verdicts: Sequence[Verdict]) -> None:
        """Keep `verdicts`: every non-silent verdict of the article on the current claims (as
        the engine gives them: acknowledgements are applied on every run)."""
        key = lookup.article.key
        contradicted = tuple(v for v in verdicts if v.verdict == "contradicted")
        supported = tuple(v for v in verdicts if v.verdict == "supported")
        self._new[key] = msgspec.Raw(msgspec.msgpack.encode(
            (self.claim_set, lookup.article.path, contradicted, tuple(v.claim for v in supported),
             supported)))

    def examples(self, claim: Claim) -> list[Verdict] | None:
        """The verdicts on `claim`'s examples, in order, if they are cached."""
        key = "examples:" + self._examples_key(claim)
        raw = self._entries.get(key)
        if raw is None:
            return None
        self._used.add(key)
        try:
            found = _EXAMPLES.decode(raw)
            if len(found) != len(claim.examples) or any(
                    v.article != article or v.acknowledged for article, v in found):
                raise Corrupt("examples of another claim")
        except DAMAGE:
            self.stats.corrupt += 1
            return None
        self.stats.examples += 1
        return [v for _, v in found]

    def store_examples(self, claim: Claim, verdicts: Sequence[Verdict]) -> None:
        key = "examples:" + self._examples_key(claim)
        pairs = tuple((v.article, v) for v in verdicts)
        self._new[key] = msgspec.Raw(msgspec.msgpack.encode(pairs))

    def _examples_key(self, claim: Claim) -> str:
        if self._bound.get(claim.id) is claim:
            return self._keys.examples[claim.id]
        return examples_key(claim, self.claims.get(claim.id))

    def _read_keys(self, folder: Path, engine: Engine) -> Keys:
        """The keys of `engine`, from the file named by their inputs' fingerprint if there is
        one (checked: the ids must be the engine's claims'), else computed and written."""
        version = engine_module.VERSION
        path = folder / f"{fingerprint(engine, version, FORMAT)}.json"
        ids = {c.id for c in engine.claims}
        try:
            found = read(path)
            if found is not None:
                known = Keys(found.get("engine"), found.get("claims"), found.get("examples"))
                if not (_is_text(known.engine) and isinstance(known.claims, dict)
                        and isinstance(known.examples, dict)
                        and known.claims.keys() == ids == known.examples.keys()
                        and all(map(_is_text, [*known.claims.values(),
                                               *known.examples.values()]))):
                    raise Corrupt("keys")
                return known
        except DAMAGE:
            self.stats.corrupt += 1
        made = keys(engine, version, FORMAT)
        if self._write(lambda: write_atomic(path, made.__dict__)):
            drop_oldest(folder.glob("*.json"), KEEP_KEYS, lambda p: p.unlink(missing_ok=True))
        return made

    def _miss(self, article: Article) -> Lookup:
        self.stats.verified += 1
        return Lookup(article, (), None)

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

    def _read_packs(self) -> tuple[list[Path], dict[str, msgspec.Raw]]:
        """The packs of this engine, oldest first, and their entries (later ones win)."""
        try:
            packs = sorted(self.folder.glob("pack-*.bin"))
        except OSError:
            return [], {}
        entries: dict[str, msgspec.Raw] = {}
        for pack in packs:
            try:
                body = read_blob(pack)
                if body is not None:  # None: another run merged it away meanwhile
                    entries.update(_PACK.decode(body))
            except DAMAGE:
                self.stats.corrupt += 1
        return packs, entries

    def close(self) -> None:
        """Write this run's entries as a new pack, or merge every pack into one when there are
        too many or one was damaged (it is removed then)."""
        merge = len(self._packs) >= MAX_PACKS or (self.stats.corrupt and self._packs)
        if not (self._new or merge):
            return
        pack = self.folder / f"pack-{time.time_ns():020d}-{os.getpid()}.bin"
        if not merge:
            self._write(lambda: write_blob(pack, msgspec.msgpack.encode(self._new)))
            return
        kept = {k: v for k, v in self._entries.items() if k in self._used}
        others = [k for k in self._entries if k not in self._used and k not in self._new]
        # what this run did not ask for may belong to a run over another part of the corpus:
        # as many such entries are kept as this run has, newest first
        for key in reversed(others[-max(len(kept) + len(self._new), 1):]):
            kept[key] = self._entries[key]
        if self._write(lambda: write_blob(pack, msgspec.msgpack.encode({**kept, **self._new}))):
            for old in self._packs:
                try:
                    old.unlink(missing_ok=True)
                except OSError:  # a folder in its place: the next merge tries again
                    self.stats.unwritable += 1

    def _write(self, write: Any) -> bool:
        try:
            write()
        except OSError:  # a full disk, a read-only folder: the run goes on
            self.stats.unwritable += 1
            return False
        return True


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 64


def _hex(name: str) -> str:
    if len(name) != 64 or any(c not in "0123456789abcdef" for c in name):
        raise Corrupt("not a digest")
    return name
