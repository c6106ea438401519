"""CONTRIBUTING's "Claims for any story": its registry and claims load without a problem and
every example in it comes out as written, so the documentation cannot drift from the engine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from verifier.engine import Engine, check_examples
from verifier.load.project import load_project

DOC = Path(__file__).resolve().parents[1] / "CONTRIBUTING.md"
_SECTION = re.compile(r"^## Claims for any story\n(.*?)^## ", re.MULTILINE | re.DOTALL)
_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks() -> list[str]:
    section = _SECTION.search(DOC.read_text(encoding="utf-8"))
    assert section is not None, "CONTRIBUTING.md lost its 'Claims for any story' section"
    return _BLOCK.findall(section.group(1))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, list[str]]:
    root = tmp_path_factory.mktemp("contributing")
    (root / "claims").mkdir()
    for number, block in enumerate(_blocks()):
        (root / "claims" / f"block{number:02}.yaml").write_text(block, encoding="utf-8")
    loaded = load_project(root, claims_dir=root / "claims", article_paths=[])
    return Engine(loaded.claims, loaded.entities), [str(p) for p in loaded.problems]


def test_the_documented_files_are_valid(project: tuple[Engine, list[str]]) -> None:
    engine, problems = project
    assert problems == []
    kinds = {claim.kind for claim in engine.claims}
    assert {"office", "value", "event", "spelling"} <= kinds


def _documented_claims() -> list[str]:
    return [c["id"] for block in _blocks() for c in yaml.safe_load(block).get("claims", ())]


@pytest.mark.parametrize("claim_id", _documented_claims())
def test_every_documented_example_judges_as_written(project: tuple[Engine, list[str]],
                                                    claim_id: str) -> None:
    engine, _ = project
    claim = next(c for c in engine.claims if c.id == claim_id)
    assert len(claim.examples) >= 5
    wrong = [(example.text, example.expect, verdict.verdict)
             for example, verdict in check_examples(claim, engine.registry.entities, engine)
             if verdict.verdict != example.expect]
    assert wrong == []
