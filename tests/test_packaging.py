"""What an installed tool carries: the JSON Schemas and the `verifier init` templates are package
data (verifier/schemas/, verifier/scaffold/template/), read through importlib.resources, never
from the project being checked. The wheel itself is built and installed by .ci/run."""

from __future__ import annotations

import glob
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest

from verifier.load import schema
from verifier.load.source import load_yaml

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "schema"
SCHEMAS = ("acknowledgements", "article", "claims", "entities", "report")


def test_the_package_carries_every_schema() -> None:
    shipped = files("verifier") / "schemas"
    names = sorted(p.name for p in shipped.iterdir() if p.name.endswith(".schema.json"))
    assert names == [f"{name}.schema.json" for name in SCHEMAS]


@pytest.mark.parametrize("name", SCHEMAS)
def test_the_published_schema_is_the_packaged_one_byte_for_byte(name: str) -> None:
    packaged = (files("verifier") / "schemas" / f"{name}.schema.json").read_bytes()
    published = (PUBLISHED / f"{name}.schema.json").read_bytes()
    assert published == packaged, (
        f"schema/{name}.schema.json differs from verifier/schemas/{name}.schema.json, the one "
        "the tool uses: edit verifier/schemas/ and run `cp verifier/schemas/*.json schema/`")


def test_no_other_schema_is_published() -> None:
    assert sorted(p.name for p in PUBLISHED.glob("*.json")) == [
        f"{name}.schema.json" for name in SCHEMAS]


def test_validation_reads_the_packaged_schemas_whatever_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert schema.schema_path("claims").parent == Path(str(files("verifier") / "schemas"))
    data, locations = load_yaml("c.yaml", b"claims:\n  - id: Bad Id\n")
    problems = schema.validate("claims", data, "c.yaml", locations)
    assert problems and all(p.code == "schema" for p in problems)


def test_package_data_globs_cover_the_data_folders() -> None:
    """setuptools only ships what pyproject's package-data names: every non-Python file under
    verifier/ must match one of its globs (a new template folder would otherwise be left out
    of the wheel, and only a normal install would notice)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["verifier"]
    package = ROOT / "verifier"
    data = [p.relative_to(package) for p in package.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc")]
    shipped = {Path(name) for g in globs
               for name in glob.glob(g, root_dir=package, recursive=True)}
    assert data and sorted(map(str, set(data) - shipped)) == []


def test_the_package_carries_the_init_templates() -> None:
    template = files("verifier") / "scaffold" / "template"
    for part in ("README.md", "pytest.ini", "dot-gitignore", "dot-pre-commit-config.yaml",
                 "claims/entities.yaml", "claims/story.yaml", "claims/acknowledgements.yaml",
                 "seeds/000_sample.txt", "seeds/000_sample.meta.yaml",
                 "dot-github/workflows/verify.yml"):
        assert template.joinpath(*part.split("/")).is_file(), part
