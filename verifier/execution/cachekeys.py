"""Content digests for the verdict cache: of a claim, its examples, and a compiled engine (an
article's is `Article.key`).

Digests are SHA-256 over a canonical JSON form: dataclasses by field (private fields, which hold
lazily filled lookups, left out), mappings with sorted keys, sets sorted, dates as ISO strings.
Where a claim or entity is written (`position`) and what only documents it (`examples`,
`provenance`) are left out too: no check reads them, and moving a claim in its file must not
re-verify it. Anything else unknown is digested by its repr, which at worst misses the cache.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from verifier.engine import Engine
from verifier.model import Claim

IGNORED = frozenset({"position", "examples", "provenance"})
PACKAGE = Path(__file__).resolve().parents[1]  # all of verifier/


def canonical(value: Any) -> Any:
    """A JSON-ready form of `value` that two equal values share, whatever their insertion order."""
    kind: type[object] = type(value)
    if kind in _PLAIN:  # by exact type first: most values are text, and this runs per value
        return value
    if kind is tuple or kind is list:
        return [canonical(v) for v in value]
    names = _fields(kind)  # type: ignore[arg-type]  # mypy: type objects are hashable
    if names is not None:
        return [kind.__name__, {name: canonical(getattr(value, name)) for name in names}]
    # entries of mappings and sets are ordered by their repr: deterministic for these JSON-like
    # values, and cheaper than json.dumps (the engine key sorts thousands of them)
    if isinstance(value, Mapping):
        return ["map", sorted(([canonical(k), canonical(v)] for k, v in value.items()),
                              key=repr)]
    if isinstance(value, (set, frozenset)):
        return ["set", sorted((canonical(v) for v in value), key=repr)]
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dt.date):
        return ["date", value.isoformat()]
    return ["repr", repr(value)]


_PLAIN = frozenset({str, int, float, bool, type(None)})


@cache
def _fields(kind: type) -> tuple[str, ...] | None:
    """The digested fields of a dataclass type (None for other types), found once per type."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind)
                 if not f.name.startswith("_") and f.name not in IGNORED)


def _text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def digest(value: Any) -> str:
    return hashlib.sha256(_text(canonical(value)).encode("utf-8")).hexdigest()


def claim_key(claim: Claim) -> str:
    return digest(["claim", claim])


def examples_key(claim: Claim, key: str | None = None) -> str:
    """Of a claim (or its `claim_key`, when known) with its examples and the file it is in (an
    example's verdict names it)."""
    return digest(["examples", claim.position.file if claim.position else "",
                   key or claim_key(claim), claim.examples])


@cache
def source_digest() -> str:
    """Of every Python file of the verifier package: an edited engine never reuses old verdicts."""
    sha = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        sha.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        sha.update(path.read_bytes() + b"\0")
    return sha.hexdigest()


def engine_key(engine: Engine, version: str, fmt: int) -> str:
    """What every claim's verdicts depend on besides the claim and the article: the engine's
    version and code, and its shared context (the registry, built from the entities and from
    the claims' cue words and holders, and the claims grouped by event)."""
    return digest(["engine", fmt, version, source_digest(), engine.context])[:32]


@dataclasses.dataclass(frozen=True)
class Keys:
    """The keys of one engine: its own, and each claim's and its examples', by claim id."""

    engine: str
    claims: dict[str, str]
    examples: dict[str, str]


def keys(engine: Engine, version: str, fmt: int) -> Keys:
    # a value claim's verdicts also read its siblings' amounts (checks.value._sibling_amount)
    claims = {c.id: digest([claim_key(c), engine.context.sibling_amounts(c)])
              if c.kind == "value" else claim_key(c) for c in engine.claims}
    return Keys(engine_key(engine, version, fmt), claims,
                {c.id: examples_key(c, claims[c.id]) for c in engine.claims})


def fingerprint(engine: Engine, version: str, fmt: int) -> str:
    """Of everything `keys` reads, for a memo of them: the reprs of the claims and entities
    (equal reprs, equal values: text, numbers, dates, tuples and dicts of them, in file order)
    and the engine's version and code. Five times cheaper than the keys of 1,000 claims; any
    edit, even a claim moved in its file, only means computing them again."""
    text = repr((fmt, version, source_digest(), engine.claims,
                 sorted(engine.registry.entities.items())))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
