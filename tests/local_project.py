"""Stand-in for ``verifier.project.load_project`` while that module is being written.

Builds the shipped claims and entity registry straight from ``claims/*.yaml`` with no schema
validation. Delete the fallback below once ``load_project`` has landed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from verifier.model import Claim, Entity, Example

# Fields every claim has; the rest is the kind-specific content.
_COMMON = frozenset(
    {"id", "statement", "kind", "severity", "tags", "provenance", "examples", "valid_from",
     "valid_until"}
)
_TUPLES = ("aliases", "within", "titles", "participants", "triggers")


def shipped(root: Path) -> tuple[tuple[Claim, ...], dict[str, Entity]]:
    """The shipped claims and entities: through ``load_project`` when it exists."""
    try:
        from verifier.project import load_project  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _build(root)
    project = load_project(root)
    return tuple(project.claims), dict(project.entities)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def _entity(raw: Mapping[str, Any]) -> Entity:
    fields: dict[str, Any] = {k: v for k, v in raw.items() if k not in _TUPLES and k != "cues"}
    fields.update({k: tuple(raw.get(k) or ()) for k in _TUPLES})
    fields["cues"] = tuple(tuple(group) for group in raw.get("cues") or ())
    return Entity(**fields)


def _examples(raw: Mapping[str, Any]) -> tuple[Example, ...]:
    out = []
    for expect, items in (raw or {}).items():
        for item in items:
            text, published = (item, None) if isinstance(item, str) else (
                item["text"], item.get("published"))
            out.append(Example(text, expect, _date(published)))
    return tuple(out)


def _claim(raw: Mapping[str, Any]) -> Claim:
    return Claim(
        id=raw["id"], statement=raw["statement"], kind=raw["kind"],
        content={k: v for k, v in raw.items() if k not in _COMMON},
        severity=raw.get("severity", "high"), tags=tuple(raw.get("tags") or ()),
        provenance=tuple(raw.get("provenance") or ()), examples=_examples(raw.get("examples")),
        valid_from=_date(raw.get("valid_from")), valid_until=_date(raw.get("valid_until")),
    )


def _build(root: Path) -> tuple[tuple[Claim, ...], dict[str, Entity]]:
    claims: list[Claim] = []
    entities: dict[str, Entity] = {}
    for path in sorted((root / "claims").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        claims.extend(_claim(raw) for raw in data.get("claims") or ())
        entities.update((raw["id"], _entity(raw)) for raw in data.get("entities") or ())
    return tuple(claims), entities
