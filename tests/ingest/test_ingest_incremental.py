"""`verifier check --changed`: the narrowed project, and the CLI end to end on a git repository.

Uses the fixture project tests/data/projects/contradicted (invented town, phrase claims) with
the fake loader and a phrase judge standing in for the engine, so only the selection is tested.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

import fakes
import pytest
from click.testing import CliRunner
from ingest_support import ROOT, git_repo

from verifier import cli
from verifier.execution import runner
from verifier.ingest import incremental
from verifier.ingest.changed import Selection
from verifier.model import Article, Claim, Entity, Verdict

FIXTURE = ROOT / "tests" / "data" / "projects" / "contradicted"
NEW_CLAIM = """
  - id: ferry-ends
    statement: The harbor ferry stops running.
    kind: phrases
    support: ["ferry will stop running"]
    contradict: ["ferry will keep running"]
    provenance:
      - source: invented for the verifier's own tests
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "town"
    shutil.copytree(FIXTURE, root)
    git_repo(root)
    monkeypatch.setattr(runner, "load", fakes.fake_load)
    monkeypatch.setattr(runner, "engine_verify", lambda: fakes.phrase_verify)
    monkeypatch.setattr(runner, "engine_examples", lambda: fakes.phrase_examples)
    monkeypatch.setattr(incremental, "verify_selected", _phrase_selected)
    return root


def _phrase_selected(selection: Selection, claims: Sequence[Claim],
                     entities: Mapping[str, Entity],
                     articles: Sequence[Article]) -> tuple[Verdict, ...]:
    return tuple(fakes.judge(c, a.path, a.text) for a in sorted(articles, key=lambda a: a.path)
                 for c in sorted(claims, key=lambda c: c.id)
                 if a.path in selection.articles or c.id in selection.claims)


def _check(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.cli, ["check", "--root", str(root), "--format", "json",
                                          *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_unchanged_articles_and_their_acknowledgements_are_set_aside(repo: Path) -> None:
    ferry = repo / "seeds" / "003_ferry.txt"
    ferry.write_text(ferry.read_text().replace("Okafur", "Okafor"))
    scope = incremental.changed_scope(fakes.fake_load(repo), repo, "main")
    assert [a.path for a in scope.project.articles] == ["seeds/003_ferry.txt"]
    assert scope.project.acknowledgements == () and scope.partial
    assert "1 article(s) against every claim, 0 claim(s)" in scope.summary


def test_a_new_claim_is_checked_on_every_article(repo: Path) -> None:
    town = repo / "claims" / "town.yaml"
    town.write_text(town.read_text() + NEW_CLAIM)
    scope = incremental.changed_scope(fakes.fake_load(repo), repo, "main")
    assert len(scope.project.articles) == 3 and scope.project.acknowledgements == ()
    assert scope.verify is not None
    verdicts = scope.verify(scope.project.claims, scope.project.entities,
                            scope.project.articles)
    assert {(v.claim, v.article, v.verdict) for v in verdicts if v.verdict != "silent"} == {
        ("ferry-ends", "seeds/003_ferry.txt", "supported")}


def test_check_changed_passes_when_the_contradiction_was_fixed(repo: Path) -> None:
    assert _check(repo)[0] == 1  # the full run sees the misspelt mayor in 003
    ferry = repo / "seeds" / "003_ferry.txt"
    ferry.write_text(ferry.read_text().replace("Okafur", "Okafor"))
    status, _, err = _check(repo, "--changed", "--base", "main")
    assert status == 0, err
    assert "--changed since main: 1 article(s)" in err


def test_check_changed_fails_on_a_changed_contradicting_article(repo: Path) -> None:
    opening = repo / "seeds" / "001_opening.txt"
    opening.write_text(opening.read_text() + "\nMayor Dan Okafor cut the ribbon.\n")
    status, out, _ = _check(repo, "--changed", "--base", "main")
    assert status == 1 and "seeds/001_opening.txt" in out and "mayor-name" in out


def test_nothing_changed_verifies_nothing_and_passes(repo: Path) -> None:
    assert _check(repo, "--changed", "--base", "main")[0] == 0


def test_a_code_change_means_the_full_run(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("# changed\n")
    status, _, err = _check(repo, "--changed", "--base", "main")
    assert status == 1 and "full run (pyproject.toml changed)" in err


def test_a_bad_base_is_a_usage_error(repo: Path) -> None:
    status, _, err = _check(repo, "--changed", "--base", "nope")
    assert status == 2 and "--changed: git merge-base nope HEAD" in err


def test_check_changed_fails_on_a_new_nested_contradicting_article(repo: Path) -> None:
    nested = repo / "seeds" / "late" / "009_late.news.txt"
    nested.parent.mkdir()
    nested.write_text("Mayor Dan Okafor cut the ribbon.\n")
    status, out, err = _check(repo, "--changed", "--base", "main")
    assert status == 1 and "seeds/late/009_late.news.txt" in out and "mayor-name" in out, err


def test_a_changed_file_name_cannot_start_a_line_of_the_ci_log(repo: Path) -> None:
    """Second red-team pass: `--changed: full run (<name> changed ...)` printed the name raw,
    and a newline in it started a GitHub workflow command."""
    (repo / "seeds" / "a\n::error title=PWNED::injected\n.bin").write_text("x")
    status, out, err = _check(repo, "--changed", "--base", "main")
    assert status == 1 and "full run" in err and "\\n::error title=PWNED" in err
    assert not any(line.startswith("::") for line in (out + err).splitlines())
