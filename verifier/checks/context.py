"""What every check may consult besides the article: the registry and the other claims."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from verifier.engine.registry import Registry
from verifier.model import Claim


@dataclass(frozen=True)
class Context:
    registry: Registry
    # date and place claims per event id: a value explained by another event is no contradiction
    by_event: Mapping[str, tuple[Claim, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, registry: Registry, claims: Iterable[Claim]) -> Context:
        by_event: dict[str, list[Claim]] = defaultdict(list)
        for claim in claims:
            event = claim.content.get("event")
            if claim.kind in ("date", "place") and isinstance(event, str):
                by_event[event].append(claim)
        return cls(registry, {k: tuple(v) for k, v in by_event.items()})

    def known(self, event: str, kind: str) -> list[Claim]:
        return [c for c in self.by_event.get(event, ()) if c.kind == kind]
