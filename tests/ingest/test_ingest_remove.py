"""`verifier remove ARTICLE` on a copy of the invented fixture project tests/data/projects/clean,
given originals as `verifier ingest` writes them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from verifier import cli

CLEAN = Path(__file__).resolve().parents[1] / "data" / "projects" / "clean"
ACK_LINE = "claims/acknowledgements.yaml:3:5: acknowledgement of bridge-opened in " \
           "seeds/002_delay.txt (reason: The article was written before the opening"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(CLEAN, root)
    originals = root / "seeds" / "originals"
    originals.mkdir()
    for stem in ("001_opening", "002_delay"):
        (originals / f"{stem}.html.orig").write_bytes(b"<html>original bytes</html>")
        sidecar = root / "seeds" / f"{stem}.meta.yaml"
        sidecar.write_text(sidecar.read_text(encoding="utf-8")
                           + f'original: "originals/{stem}.html.orig"\n', encoding="utf-8")
    return root


def verifier(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli.cli, [*args, "--root", str(root)], catch_exceptions=False)


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "seeds").rglob("*")
                  if p.is_file())


def test_removes_text_sidecar_and_original_and_keeps_the_rest(root: Path) -> None:
    result = verifier(root, "remove", "001_opening.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["removed seeds/001_opening.txt",
                                          "removed seeds/001_opening.meta.yaml",
                                          "removed seeds/originals/001_opening.html.orig"]
    assert files(root) == ["seeds/002_delay.meta.yaml", "seeds/002_delay.txt",
                           "seeds/originals/002_delay.html.orig"]


def test_names_the_acknowledgements_to_delete_and_exits_1(root: Path) -> None:
    result = verifier(root, "remove", "seeds/002_delay.txt")
    assert result.exit_code == 1
    assert ACK_LINE in result.stderr and "delete this entry" in result.stderr
    assert "002_delay" not in " ".join(files(root))
    # left in place, the entry fails validation at the same line; deleted, the project is clean
    assert "claims/acknowledgements.yaml:" in verifier(root, "validate").stdout
    (root / "claims" / "acknowledgements.yaml").write_text("acknowledgements: []\n",
                                                            encoding="utf-8")
    assert verifier(root, "check", "--no-cache").exit_code == 0


def test_dry_run_changes_nothing(root: Path) -> None:
    before = files(root)
    result = verifier(root, "remove", "002", "--dry-run")
    assert result.exit_code == 1 and ACK_LINE in result.stderr
    assert result.stdout.splitlines()[0] == "would remove seeds/002_delay.txt"
    assert files(root) == before


def test_an_original_named_outside_the_originals_folder_is_left_alone(root: Path) -> None:
    sidecar = root / "seeds" / "001_opening.meta.yaml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace(
        "originals/001_opening.html.orig", "../claims/town.yaml"), encoding="utf-8")
    assert verifier(root, "remove", "001_opening").exit_code == 0
    assert (root / "claims" / "town.yaml").is_file()
    assert not (root / "seeds" / "originals" / "001_opening.html.orig").exists()


@pytest.mark.parametrize(("name", "message"), [
    ("004", "'004': no such article"),
    ("00", "'00': matches several articles"),
])
def test_an_unknown_or_ambiguous_name_removes_nothing(root: Path, name: str,
                                                      message: str) -> None:
    before = files(root)
    result = verifier(root, "remove", name)
    assert result.exit_code == 2 and message in result.stderr
    assert files(root) == before


def test_a_text_outside_the_corpus_is_refused(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "notes.txt"
    outside.write_text("not an article\n", encoding="utf-8")
    result = verifier(root, "remove", str(outside))
    assert result.exit_code == 2 and "not an article of" in result.stderr
    assert outside.is_file()
