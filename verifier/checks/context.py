"""What every check may consult besides the article: the registry and the other claims."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from verifier.engine.registry import Registry
from verifier.model import Claim
from verifier.text.normalize import fold

# a value claim's measure: its id, value type and cue groups (each a sorted tuple of words).
# Not its amount: the context is part of every verdict's cache key, and a changed amount must
# re-judge only its own claim (cue words already shape the registry, hence every verdict).
Measure = tuple[str, str, tuple[tuple[str, ...], ...]]


def _subjects(claim: Claim) -> list[str]:
    subject = claim.content.get("subject")
    return [subject] if isinstance(subject, str) else [str(s) for s in subject or ()]


def _measure(claim: Claim) -> Measure:
    groups = tuple(sorted(tuple(sorted({fold(str(w)) for w in group}))
                          for group in claim.content.get("cues", ())))
    return claim.id, str(claim.content.get("value", {}).get("type", "")), groups


@dataclass(frozen=True)
class Context:
    registry: Registry
    # date and place claims per event id: a value explained by another event is no contradiction
    by_event: Mapping[str, tuple[Claim, ...]] = field(default_factory=dict)
    # value claims per subject: (claim id, value type, cue groups as sorted folded words), so
    # a figure that names a narrower sibling's measure ("data center revenue") is the sibling's
    measures: Mapping[str, tuple[Measure, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, registry: Registry, claims: Iterable[Claim]) -> Context:
        by_event: dict[str, list[Claim]] = defaultdict(list)
        measures: dict[str, list[Measure]] = defaultdict(list)
        for claim in claims:
            event = claim.content.get("event")
            if claim.kind in ("date", "place") and isinstance(event, str):
                by_event[event].append(claim)
            if claim.kind == "value":
                measure = _measure(claim)
                for subject in _subjects(claim):
                    measures[subject].append(measure)
        return cls(registry, {k: tuple(v) for k, v in by_event.items()},
                   {k: tuple(v) for k, v in sorted(measures.items())})

    def siblings(self, claim: Claim) -> list[Measure]:
        """The other value claims about one of this claim's subjects (once per claim: asked
        for every candidate figure)."""
        return self.registry.memo(("value siblings", claim.id), lambda: sorted(
            {m for s in _subjects(claim) for m in self.measures.get(s, ()) if m[0] != claim.id}))

    def known(self, event: str, kind: str) -> list[Claim]:
        return [c for c in self.by_event.get(event, ()) if c.kind == kind]
