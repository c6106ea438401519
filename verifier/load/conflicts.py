"""Claims that contradict each other: two claims of one kind saying different things about one
thing at overlapping times (a second current holder of an office, another date of an event, a
place outside the other's, a value out of both tolerances). Part of the cross-file checks of
verifier.load.consistency.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from verifier.model import Claim, Entity
from verifier.problems import Problem

if TYPE_CHECKING:
    from verifier.load.consistency import Where


# A fact: (what it is about, the field holding the value, the value, how to show it)
_Fact = tuple[tuple[Any, ...], str, Any, str]


def conflicts(claims: Sequence[tuple[Claim, Where]], entities: Mapping[str, Entity]
              ) -> Iterator[Problem]:
    """Two claims of one kind saying different things about one thing at overlapping times."""
    seen: dict[tuple[Any, ...], list[tuple[Claim, Where, Any, str]]] = {}
    for claim, where in claims:
        fact = _fact(claim, entities)
        if fact is None:
            continue
        key, field, value, shown = fact
        for other, other_where, other_value, other_shown in seen.get(key, ()):
            if _overlap(claim, other) and not _agree(key[0], value, other_value, entities):
                yield where.problem("conflict", f"contradicts claim '{other.id}' at "
                                    f"{other_where}: {shown} here, {other_shown} there; fix one, "
                                    "or give them valid_from/valid_until that do not overlap",
                                    field)
                break
        seen.setdefault(key, []).append((claim, where, value, shown))


def _fact(claim: Claim, entities: Mapping[str, Entity]) -> _Fact | None:
    c = claim.content
    if claim.kind == "office" and c.get("status", "current") == "current":
        return ("office", c["office"]), "holder", c["holder"], f"current holder '{c['holder']}'"
    if claim.kind in ("date", "place"):
        field = "date" if claim.kind == "date" else "places"
        value = c[field] if claim.kind == "date" else frozenset(c[field])
        shown = value if isinstance(value, str) else ", ".join(sorted(value))
        return (claim.kind, c["event"]), field, value, f"{field} {shown}"
    if claim.kind == "value":
        v = c["value"]
        about = (" ".join(str(c["property"]).casefold().split()),
                 tuple(sorted(c.get("context", ()))))
        low, high = _bounds(v)
        value = (v["type"], v.get("currency"), v.get("unit"), c.get("change", "to"), low, high,
                 float(c.get("tolerance", 0)))
        subject = c["subject"] if isinstance(c["subject"], str) else tuple(sorted(c["subject"]))
        shown = f"{low:g}" if low == high else f"{low:g} to {high:g}"
        return ("value", subject, *about), "value", value, f"{v['type']} {shown}"
    if claim.kind == "spelling":
        entity = entities.get(c["entity"])
        spelling = c.get("spelling") or (entity.name if entity else "")
        return ("spelling", c["entity"]), "entity", spelling, f"spelling '{spelling}'"
    if claim.kind == "succession":
        key = ("succession", c["office"], c["holder"])
        return key, "predecessor", c["predecessor"], f"predecessor '{c['predecessor']}'"
    return None


def _bounds(quantity: Mapping[str, Any]) -> tuple[float, float]:
    if "amount" in quantity:
        return float(quantity["amount"]), float(quantity["amount"])
    return float(quantity["min"]), float(quantity["max"])


def _agree(kind: str, a: Any, b: Any, entities: Mapping[str, Entity]) -> bool:
    if kind == "date":  # "2022" and "2022-07-08" agree: one is more precise
        return bool(a.startswith(b) or b.startswith(a))
    if kind == "place":  # Tokyo and the Akasaka Palace agree: one lies within the other
        return any(p in _ancestors(q, entities) or q in _ancestors(p, entities)
                   for p in a for q in b)
    if kind == "value":
        tolerance = max(a[6], b[6])
        return bool(a[:4] == b[:4] and abs(a[4] - b[4]) <= tolerance
                    and abs(a[5] - b[5]) <= tolerance)
    return bool(a == b)


def _ancestors(place: str, entities: Mapping[str, Entity]) -> set[str]:
    seen: set[str] = set()
    todo = [place]
    while todo:  # `within` may loop in a bad registry: visit each place once
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            entity = entities.get(current)
            todo.extend(entity.within if entity else ())
    return seen


def _overlap(a: Claim, b: Claim) -> bool:
    """Whether the claims' validity windows share a day (an open end reaches forever)."""
    return not ((a.valid_until and b.valid_from and a.valid_until < b.valid_from)
                or (b.valid_until and a.valid_from and b.valid_until < a.valid_from))
