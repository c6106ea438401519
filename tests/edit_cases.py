"""Edit cases: edited copies of the seed articles, one YAML file per case, under
``tests/data/edits/<kind>/<nn>-<slug>.yaml``. Shared by ``tests/test_edits.py`` and
``benchmarks/edits.py``.

A case names the seed it derives from, the claim it is about, a list of exact find/replace edits
(each ``find`` must occur exactly once in the seed) and the verdict a careful fact-checker
expects for that claim on the edited text. ``change`` says whether the edit alters the fact
(``fact``) or only the wording (``wording``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from frozen import FROZEN, FROZEN_SEEDS, REPO

from verifier.load.project import load_project
from verifier.model import Article, ArticleMeta, Claim, Entity, VerdictName

SEEDS = FROZEN_SEEDS  # the cases edit the frozen copy of the seeds, never the live corpus
CASES = REPO / "tests" / "data" / "edits"
DEFAULT_PUBLISHED = "2025-10-28"
PUBLISHED = dt.date.fromisoformat(DEFAULT_PUBLISHED)
KEYS = frozenset({"article", "published", "claim", "kind", "change", "edits", "expect", "note"})
Change = Literal["fact", "wording"]


class CaseError(ValueError):
    """A case file that cannot be applied as written (bad keys, a `find` not exactly once)."""


@dataclass(frozen=True)
class Edit:
    find: str
    replace: str


@dataclass(frozen=True)
class EditCase:
    id: str  # path relative to CASES, without the suffix: "value/01-three-percent"
    path: Path
    article: str
    published: dt.date | None
    claim: str
    kind: str
    change: Change
    edits: tuple[Edit, ...]
    expect: VerdictName
    note: str


def _published(data: Mapping[str, Any]) -> dt.date | None:
    if "published" in data and data["published"] is None:
        return None  # an explicit null: the article carries no published date
    return dt.date.fromisoformat(str(data.get("published", DEFAULT_PUBLISHED)))


def load_case(path: Path) -> EditCase:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise CaseError(f"{path}: a case is a mapping")
    unknown = set(data) - KEYS
    missing = {"article", "claim", "kind", "change", "edits", "expect", "note"} - set(data)
    if unknown or missing:
        raise CaseError(f"{path}: unknown keys {sorted(unknown)}, missing {sorted(missing)}")
    if data["expect"] not in ("supported", "contradicted", "silent"):
        raise CaseError(f"{path}: expect must be supported, contradicted or silent")
    if data["change"] not in ("fact", "wording"):
        raise CaseError(f"{path}: change must be fact or wording")
    edits = tuple(Edit(str(e["find"]), str(e["replace"])) for e in data["edits"])
    return EditCase(
        id=path.relative_to(CASES).with_suffix("").as_posix(), path=path,
        article=str(data["article"]), published=_published(data), claim=str(data["claim"]),
        kind=str(data["kind"]), change=data["change"], edits=edits, expect=data["expect"],
        note=str(data["note"]).strip(),
    )


def case_files() -> list[Path]:
    return sorted(CASES.glob("*/*.yaml"))


def load_cases() -> list[EditCase]:
    return [load_case(path) for path in case_files()]


def apply_edits(text: str, edits: Sequence[Edit], where: str = "seed") -> str:
    """Apply the edits to the seed text. Every `find` must occur exactly once in the seed, and
    no two of them may overlap; all are located in the unedited seed, then spliced."""
    spans: list[tuple[int, int, str]] = []
    for edit in edits:
        count = text.count(edit.find) if edit.find else 0
        if count != 1:
            raise CaseError(f"'find' occurs {count} times in {where}, not once: {edit.find!r}")
        start = text.index(edit.find)
        spans.append((start, start + len(edit.find), edit.replace))
    spans.sort()
    for (_, end, _), (start, _, _) in itertools.pairwise(spans):
        if start < end:
            raise CaseError(f"two edits overlap in {where}")
    out, at = [], 0
    for start, end, replace in spans:
        out += [text[at:start], replace]
        at = end
    return "".join([*out, text[at:]])


def seed_text(name: str) -> str:
    # newline="" keeps the seed byte for byte (no newline translation)
    with (SEEDS / name).open(encoding="utf-8", newline="") as handle:
        return handle.read()


def seed_article(name: str, text: str | None = None,
                 published: dt.date | None = PUBLISHED,
                 path: str | None = None) -> Article:
    """An Article for a seed (or an edited copy of it) with the given published date."""
    body = seed_text(name) if text is None else text
    meta = ArticleMeta(title=name, published=published)
    return Article(path or f"seeds/{name}", body, meta)


def case_article(case: EditCase) -> Article:
    text = apply_edits(seed_text(case.article), case.edits, case.article)
    return seed_article(case.article, text, case.published, f"tests/data/edits/{case.id}.txt")


def seed_names() -> list[str]:
    return sorted(p.name for p in SEEDS.glob("*.txt"))


def shipped(root: Path = FROZEN) -> tuple[tuple[Claim, ...], dict[str, Entity]]:
    """The claims and entity registry of the frozen corpus (or of `root`), loaded as the
    harness loads them."""
    project = load_project(root)
    errors = [str(p) for p in project.problems if p.level == "error"]
    if errors:
        raise CaseError("the shipped project does not load cleanly:\n" + "\n".join(errors))
    return tuple(project.claims), dict(project.entities)
