"""`check --changed`: which articles and claims a change since the base revision needs verified."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from frozen import FROZEN as CORPUS
from ingest_support import git, git_repo

from verifier.ingest.base import IngestError
from verifier.ingest.changed import Selection, select

SEED = "seeds/003_e6b66d70c2f9b6b5.txt"
@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the frozen corpus's claims, seeds and a stand-in verifier file."""
    root = tmp_path / "repo"
    for part in ("claims", "seeds"):
        shutil.copytree(CORPUS / part, root / part)
    (root / "verifier").mkdir()
    (root / "verifier" / "engine.py").write_text("# stand-in\n")
    return git_repo(root)


def _edit(path: Path, find: str, replace: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(find) == 1, find
    path.write_text(text.replace(find, replace), encoding="utf-8")


def test_nothing_changed_needs_nothing(repo: Path) -> None:
    assert select(repo, "main") == Selection()


def test_a_new_article_uncommitted_or_committed(repo: Path) -> None:
    (repo / "seeds" / "005_0123456789abcdef.txt").write_text("New text.\n")
    expected = Selection(articles=frozenset({"seeds/005_0123456789abcdef.txt"}))
    assert select(repo, "main") == expected
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "ingest")
    assert select(repo, "main") == expected


def test_metadata_and_originals_map_to_their_article(repo: Path) -> None:
    _edit(repo / SEED.replace(".txt", ".meta.yaml"), "unknown news site", "Some Outlet")
    (repo / "seeds" / "originals").mkdir(exist_ok=True)
    (repo / "seeds" / "originals" / ".gitattributes").write_text("* -text\n")  # ingest's own
    (repo / "seeds" / "originals" / "004_9a43893ff614ee79.html.orig").write_text("<p>x</p>")
    assert select(repo, "main").articles == {SEED, "seeds/004_9a43893ff614ee79.txt"}


def test_a_changed_claim_is_named_and_other_claims_are_not(repo: Path) -> None:
    _edit(repo / "claims" / "summit.yaml", "event: nobel-nomination\n    severity: medium",
          "event: nobel-nomination\n    severity: high")
    found = select(repo, "main")
    assert not found.full and found.articles == frozenset()
    assert found.claims == {"nobel-nomination"}


def test_a_new_acknowledgement_re_verifies_its_article(repo: Path) -> None:
    acks = repo / "claims" / "acknowledgements.yaml"
    acks.write_text(acks.read_text() + "  - claim: summit-date\n    article: seeds/004_9a43893"
                    "ff614ee79.txt\n    reason: test\n")
    assert select(repo, "main") == Selection(articles=frozenset(
        {"seeds/004_9a43893ff614ee79.txt"}))


@pytest.mark.parametrize(
    ("path", "find", "replace", "reason"),
    [("verifier/engine.py", "stand-in", "changed", "verifier/engine.py changed"),
     ("claims/entities.yaml", "id: naruhito\n", "id: emperor-naruhito\n", "entities in claims/"),
     ("claims/summit.yaml", "id: nobel-nomination", "id: nobel-nominated", "removed"),
     ("claims/summit.yaml", "claims:", "claims: [", "not readable YAML")],
)
def test_what_moves_every_verdict_asks_for_the_full_run(
        repo: Path, path: str, find: str, replace: str, reason: str) -> None:
    _edit(repo / path, find, replace)
    found = select(repo, "main")
    assert found.full and reason in found.reason


def test_an_unknown_base_is_a_clear_error(repo: Path) -> None:
    with pytest.raises(IngestError, match="is --base a revision"):
        select(repo, "no-such-branch")


@pytest.mark.parametrize("name", ["seeds/sub/900_new.txt", "seeds/900.new.txt",
                                  "seeds/originals/900_new.txt"])
def test_every_text_the_loader_reads_is_an_article(repo: Path, name: str) -> None:
    """The full loader reads `*.txt` at any depth: so does the selection (a nested or dotted
    article once went unverified by `check --changed`)."""
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text("New text.\n")
    (repo / name.replace(".txt", ".meta.yaml")).write_text("title: x\n")
    assert select(repo, "main") == Selection(articles=frozenset({name}))


@pytest.mark.parametrize("name", ["seeds/conftest.py", "seeds/notes.md",
                                  "seeds/originals/900_unknown.html.orig"])
def test_a_file_of_no_known_article_asks_for_the_full_run(repo: Path, name: str) -> None:
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text("x\n")
    found = select(repo, "main")
    assert found.full and name in found.reason
