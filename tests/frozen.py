"""The frozen seed corpus: the tool's own tests read it, never the live `claims/` and `seeds/`.

`tests/data/corpus/` is a copy of the repository's `claims/` and `seeds/` as they stood when the
golden reports, counts and article numbering in the tests were written. The live corpus grows
with every claim or article pull request and is gated by the plugin's items only
(`pytest claims seeds`); a test that read it would fail on a correct corpus change.

Read the copy in place where nothing is written (`FROZEN`); copy it first (`copy_corpus`) where
a test or a command writes (ingest, the verdict cache of `verifier check`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FROZEN = REPO / "tests" / "data" / "corpus"
FROZEN_CLAIMS = FROZEN / "claims"
FROZEN_SEEDS = FROZEN / "seeds"
# The tool's schemas, not corpus: `verifier ingest --root DIR` still wants DIR/schema.
SCHEMA = REPO / "schema"


def copy_corpus(dest: Path, *, schema: bool = False) -> Path:
    """Copy the frozen claims and seeds (and the schemas, if asked) to `dest`; return `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in (FROZEN_CLAIMS, FROZEN_SEEDS, *([SCHEMA] if schema else [])):
        shutil.copytree(part, dest / part.name)
    return dest
