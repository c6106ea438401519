"""Table-driven cases for the text layer: each file in tests/data/text is a list of rows, so a
new case is a new row, not new code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "text"
# the frozen copy of the seeds (tests/frozen.py), never the live corpus
SEEDS = Path(__file__).resolve().parent.parent / "data" / "corpus" / "seeds"


def rows(name: str) -> list[Any]:
    """The rows of tests/data/text/<name>.yaml as pytest params with readable ids."""
    loaded = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
    return [pytest.param(row, id=str(row.get("name") or row.get("text"))[:60]) for row in loaded]


def seed(prefix: str) -> str:
    """The text of the seed article whose file name starts with `prefix` ("000")."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def assert_exact_offsets(original: str) -> None:
    """Each stretch of normalised text that maps to one original offset is exactly what the
    original characters from that offset up to the next mapped one normalise to."""
    from verifier.text.normalize import normalize

    norm = normalize(original)
    origins = [norm.original_offset(i) for i in range(len(norm.text))]
    assert origins == sorted(origins)
    assert all(0 <= o < len(original) for o in origins)
    starts = [i for i, o in enumerate(origins) if i == 0 or o != origins[i - 1]]
    for k, i in enumerate(starts):
        j = starts[k + 1] if k + 1 < len(starts) else len(norm.text)
        stop = origins[j] if j < len(norm.text) else len(original)
        assert normalize(original[origins[i]:stop]).text == norm.text[i:j]
