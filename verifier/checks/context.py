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


def _unit(value: Mapping[str, object]) -> str:
    return fold(str(value.get("currency") or value.get("unit") or "")).removesuffix("s")


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
    # value claims' exact amounts by claim id (type, unit or currency, amount): a figure equal
    # to a sibling's amount, or to the sum of two, is theirs. Private, so out of the engine's
    # cache key: `sibling_amounts` goes into each claim's own key instead.
    _amounts: Mapping[str, tuple[str, str, float]] = field(default_factory=dict)

    @classmethod
    def build(cls, registry: Registry, claims: Iterable[Claim]) -> Context:
        by_event: dict[str, list[Claim]] = defaultdict(list)
        measures: dict[str, list[Measure]] = defaultdict(list)
        amounts: dict[str, tuple[str, str, float]] = {}
        for claim in claims:
            event = claim.content.get("event")
            if claim.kind in ("date", "place") and isinstance(event, str):
                by_event[event].append(claim)
            if claim.kind == "value":
                measure = _measure(claim)
                for subject in _subjects(claim):
                    measures[subject].append(measure)
                value = claim.content.get("value", {})
                if "amount" in value:
                    amounts[claim.id] = (str(value.get("type", "")), _unit(value),
                                         float(value["amount"]))
        return cls(registry, {k: tuple(v) for k, v in by_event.items()},
                   {k: tuple(v) for k, v in sorted(measures.items())}, amounts)

    def siblings(self, claim: Claim) -> list[Measure]:
        """The other value claims about one of this claim's subjects (once per claim: asked
        for every candidate figure)."""
        return self.registry.memo(("value siblings", claim.id), lambda: sorted(
            {m for s in _subjects(claim) for m in self.measures.get(s, ()) if m[0] != claim.id}))

    def amount(self, claim_id: str) -> tuple[str, str, float] | None:
        """A value claim's exact amount with its type and unit, or None (a range, no value)."""
        return self._amounts.get(claim_id)

    def sibling_amounts(self, claim: Claim) -> list[tuple[str, tuple[str, str, float]]]:
        """The exact amounts of this claim's siblings of its own type and unit, by claim id:
        part of the claim's cache key, since such an amount can decide this claim's verdict
        (and only such: a changed percent never re-judges a claim about money)."""
        mine = self._amounts.get(claim.id)
        return self.registry.memo(("sibling amounts", claim.id), lambda: [
            (m[0], self._amounts[m[0]]) for m in self.siblings(claim)
            if mine and m[0] in self._amounts and self._amounts[m[0]][:2] == mine[:2]])

    def known(self, event: str, kind: str) -> list[Claim]:
        return [c for c in self.by_event.get(event, ()) if c.kind == kind]
