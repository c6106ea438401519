"""A run's verdicts as the verdict cache keeps them: each article's contradictions decoded, its
supported verdicts still msgpack until something iterates them (Encoded, Verdicts). The plain
data is in verifier.model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, overload

import msgspec

from verifier.model import Listing, Verdict, VerdictName


class Encoded(msgspec.Struct, frozen=True, gc=False):
    """One article's verdicts as the verdict cache keeps them: the contradictions decoded, the
    supported verdicts still msgpack (`supported`, an array of Verdicts) with their claim ids
    (`claims`) at hand. Reports of contradictions and counts never decode the rest."""

    article: str
    contradicted: tuple[Verdict, ...]
    claims: tuple[str, ...]
    supported: bytes | msgspec.Raw

    def decode(self) -> tuple[Verdict, ...]:
        """Every verdict, by claim id; a supported part that is not what `claims` says is an
        error (the cache checks its packs' checksums, so only a forged entry gets here)."""
        try:
            supported = _SUPPORTED.decode(self.supported)
        except (msgspec.DecodeError, ValueError):
            supported = None
        if supported is None or tuple(v.claim for v in supported) != self.claims or any(
                v.article != self.article or v.verdict != "supported" or v.acknowledged
                for v in supported):
            raise RuntimeError(f"the verdict cache entry of {self.article} is damaged: delete "
                               "the cache folder (.verifier-cache) and run again")
        return tuple(sorted((*self.contradicted, *supported), key=_claim_id))


_SUPPORTED = msgspec.msgpack.Decoder(tuple[Verdict, ...])


def _claim_id(verdict: Verdict) -> str:
    return verdict.claim


class Verdicts(Listing):
    """A run's verdicts in order, some articles' supported verdicts possibly still encoded
    (`Encoded`, from the verdict cache): decoding 170,000 of them took most of a warm run over
    10,000 articles, and the text, SARIF and GitHub reports need only the contradictions and
    the counts (`contradicted`, `listed`). Anything else (iterating, indexing) decodes them all,
    once. Equal to, and pickled as, the tuple of its verdicts."""

    def __init__(self, parts: Iterable[Encoded | Sequence[Verdict]]) -> None:
        self._parts = list(parts)
        self._all: tuple[Verdict, ...] | None = None
        self._len = sum(len(p.contradicted) + len(p.claims) if isinstance(p, Encoded) else len(p)
                        for p in self._parts)

    def decoded(self) -> tuple[Verdict, ...]:
        if self._all is None:
            self._all = tuple(v for p in self._parts
                              for v in (p.decode() if isinstance(p, Encoded) else p))
            self._parts = [self._all]
        return self._all

    @property
    def encoded(self) -> int:
        """How many articles' supported verdicts are still encoded."""
        return sum(isinstance(p, Encoded) for p in self._parts)

    def contradicted(self) -> Iterator[Verdict]:
        """The contradicted verdicts, in order, without decoding anything."""
        for part in self._parts:
            if isinstance(part, Encoded):
                yield from part.contradicted
            else:
                yield from (v for v in part if v.verdict == "contradicted")

    def listed(self) -> Iterator[tuple[str, str, VerdictName]]:
        """(article, claim, verdict) of every verdict, in order of article then verdict."""
        for part in self._parts:
            if isinstance(part, Encoded):
                yield from ((v.article, v.claim, v.verdict) for v in part.contradicted)
                yield from ((part.article, c, "supported") for c in part.claims)
            else:
                yield from ((v.article, v.claim, v.verdict) for v in part)

    def replace_contradicted(self, change: Callable[[Verdict], Verdict]) -> Verdicts:
        """A copy with `change` applied to every contradicted verdict (acknowledgements)."""
        return Verdicts(msgspec.structs.replace(p, contradicted=tuple(map(change, p.contradicted)))
                        if isinstance(p, Encoded) else
                        tuple(change(v) if v.verdict == "contradicted" else v for v in p)
                        for p in self._parts)

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> Verdict: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Verdict, ...]: ...

    def __getitem__(self, index: int | slice) -> Verdict | tuple[Verdict, ...]:
        return self.decoded()[index]

    def __iter__(self) -> Iterator[Verdict]:
        return iter(self.decoded())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Verdicts | tuple):
            return self.decoded() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.decoded())

    def __repr__(self) -> str:
        return f"Verdicts({self.decoded()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return Verdicts, ([self.decoded()],)
