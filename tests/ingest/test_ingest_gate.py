"""Ingestion end to end with the real loader and engine: the report, the exit status, and the
pytest gate on a copy of the project after ingesting (acceptance of the ingestion issue)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result
from frozen import FROZEN as CORPUS
from ingest_support import DATA, run_ingest

SEED = CORPUS / "seeds" / "003_e6b66d70c2f9b6b5.txt"
CLAIM = "defense-spending-2pct-gdp"
PYTEST_INI = """[tool.pytest.ini_options]
testpaths = ["claims", "seeds"]
verifier_claims = "claims"
verifier_articles = "seeds"
filterwarnings = ["error"]
"""
pytestmark = pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None
        for m in ("verifier.load.project", "verifier.load.corpus")),
    reason="the loader (verifier.load.project, verifier.load.corpus) has not landed yet")


def _copy_of_seed(tmp_path: Path, find: str = "", replace: str = "") -> Path:
    """Seed 003 as another outlet would carry it: its own masthead and footer; `find` edited."""
    body = SEED.read_text(encoding="utf-8").split("Tags :")[0]
    assert not find or body.count(find) == 1
    copy = tmp_path / "copy.txt"
    copy.write_text(f"Partner Wire\nHome | World | Asia\n\n{body.replace(find, replace)}\n"
                    "More from Partner Wire\n", encoding="utf-8")
    return copy


def _ingest_copy(project: Path, copy: Path) -> Result:
    return run_ingest(project, str(copy), "--allow-near-duplicate", "--published", "2025-10-28",
                      "--outlet", "Partner Wire (test fixture)")


def _written(result: Result) -> str:
    found = re.search(r"written to (seeds/\S+\.txt)", result.stderr)
    assert found, result.output
    return found.group(1)


def _pytest(project: Path) -> subprocess.CompletedProcess[str]:
    (project / "pyproject.toml").write_text(PYTEST_INI, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                          cwd=project, capture_output=True, text=True, timeout=600, check=False)


def test_a_copy_with_a_fact_changed_fails_the_gate_naming_article_and_claim(
        project: Path, tmp_path: Path) -> None:
    copy = _copy_of_seed(tmp_path, "spending to 2% of GDP", "spending to 3% of GDP")
    result = _ingest_copy(project, copy)
    assert result.exit_code == 1, result.output
    article = _written(result)
    assert article in result.stdout and CLAIM in result.stdout
    gate = _pytest(project)
    assert gate.returncode == 1, gate.stdout + gate.stderr
    failed = [line for line in gate.stdout.splitlines() if line.startswith("FAILED")]
    assert any(article in line and CLAIM in line for line in failed), gate.stdout


def test_a_correct_copy_keeps_the_gate_green(project: Path, tmp_path: Path) -> None:
    result = _ingest_copy(project, _copy_of_seed(tmp_path))
    assert result.exit_code == 0, result.output
    gate = _pytest(project)
    assert gate.returncode == 0, gate.stdout + gate.stderr


@pytest.mark.parametrize("fixture", ["news_page.html", "scraped_article.txt",
                                     "cp1252_article.txt", "bom_article.txt"])
def test_fixture_articles_contradict_nothing(project: Path, fixture: str) -> None:
    # The page's comments and scripts, and the text's keyword line ("takachi, taichi"), carry
    # falsehoods and near-miss names: they must not reach verification.
    result = run_ingest(project, str(DATA / fixture), "--published", "2025-10-28")
    assert result.exit_code == 0, result.output
    assert _written(result) in result.stdout


def test_changed_pairs_get_the_verdicts_of_the_full_run() -> None:
    from verifier.engine import verify
    from verifier.ingest.changed import Selection
    from verifier.ingest.incremental import verify_selected
    from verifier.load.project import load_project

    project = load_project(CORPUS)
    selection = Selection(articles=frozenset({f"seeds/{SEED.name}"}),
                          claims=frozenset({"summit-date", "takaichi-prime-minister"}))
    full = {(v.claim, v.article): v for v in verify(project.claims, project.entities,
                                                   project.articles)}
    some = verify_selected(selection, project.claims, project.entities, project.articles)
    expected = {pair for pair in full
                if pair[1] in selection.articles or pair[0] in selection.claims}
    assert {(v.claim, v.article) for v in some} == expected
    assert all(v == full[(v.claim, v.article)] for v in some)
