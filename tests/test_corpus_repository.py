"""A corpus repository as its contributors change it, gated by plain `pytest` in a subprocess.

The repository's layout is copied to a temporary folder: its pytest settings (pyproject.toml),
the frozen corpus (tests/data/corpus) and the schemas. The changes are the data files in
tests/data/corpus-changes: a claim appended to a claim file, a new claim file, a correct article
ingested with `verifier ingest`, then an article with two errors.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from frozen import REPO, copy_corpus

from verifier import cli

CHANGES = REPO / "tests" / "data" / "corpus-changes"
SETTINGS = re.compile(r"^\[tool\.pytest\.ini_options\]\n(?:(?!\[).*\n)*", re.MULTILINE)
WRONG_CLAIMS = ("defense-spending-2pct-gdp", "trump-sitting-president")
# the errors in wrong-article.txt, as the ingested file has them (see the folder's README)
WRONG_TEXT = {"defense-spending-2pct-gdp": "3% of GDP", "trump-sitting-president": "President"}


def pytest_settings() -> str:
    """This repository's [tool.pytest.ini_options], as a corpus repository carries them."""
    found = SETTINGS.search((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert found, "pyproject.toml has no [tool.pytest.ini_options]"
    assert tomllib.loads(found.group(0))["tool"]["pytest"]["ini_options"]["verifier_claims"]
    return found.group(0)


def ingest(root: Path, name: str) -> tuple[int, str]:
    """`verifier ingest` of one change file; its exit status and the article's path."""
    result = CliRunner().invoke(cli.cli, ["ingest", str(CHANGES / name), "--published",
                                          "2025-10-29", "--root", str(root)])
    written = re.search(r"written to (seeds/\S+\.txt)", result.output)
    assert written, result.output
    return result.exit_code, written.group(1)


@pytest.fixture
def grown(pytester: pytest.Pytester) -> pytest.Pytester:
    """The copy, with a claim appended, a new claim file and a correct article ingested."""
    root = copy_corpus(pytester.path, schema=True)
    (root / "pyproject.toml").write_text(pytest_settings(), encoding="utf-8")
    people = root / "claims" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + (
        CHANGES / "appended-claim.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "claims" / "leaders.yaml").write_text(
        (CHANGES / "new-claims-file.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    status, article = ingest(root, "correct-article.txt")
    assert status == 0 and article.startswith("seeds/005_")
    return pytester


def failed_ids(result: pytest.RunResult) -> list[str]:
    return [line.split()[1] for line in result.outlines if line.startswith("FAILED ")]


def test_new_claims_and_a_correct_article_keep_pytest_green(grown: pytest.Pytester) -> None:
    result = grown.runpytest_subprocess("-v", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.OK, result.stdout.str()[-3000:]
    result.stdout.fnmatch_lines_random([
        "claims/people.yaml::bessent-treasury-secretary::example-contradicted-1 PASSED*",
        "claims/leaders.yaml::xi-china-president::example-supported-1 PASSED*",
        "seeds/005_*.txt::summary PASSED*",
    ])
    assert "failing corpus item" not in result.stdout.str()


def test_an_article_with_errors_fails_its_items_and_the_run_ends_listing_them(
        grown: pytest.Pytester) -> None:
    status, article = ingest(grown.path, "wrong-article.txt")
    assert status == 1  # ingest says so too: the article contradicts claims
    (grown.path / "tests").mkdir()  # a failing test of the repository's own, not of the corpus
    (grown.path / "tests" / "test_own.py").write_text("def test_own():\n    assert False\n")
    result = grown.runpytest_subprocess("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    assert sorted(failed_ids(result)) == sorted(
        ["tests/test_own.py::test_own", *(f"{article}::{claim}" for claim in WRONG_CLAIMS)])
    lines = result.outlines
    (head,) = [i for i, line in enumerate(lines) if "verifier: 2 failing corpus item(s)" in line]
    assert lines[head].startswith("=") and "short test summary info" in "".join(lines[:head])
    listed, last = lines[head + 1:-1], lines[-1]
    assert re.match(r"^=+ 3 failed, \d+ passed", last), last
    assert len(listed) == 4 and "test_own" not in "".join(listed)
    text = (grown.path / article).read_text(encoding="utf-8").splitlines()
    for where, sentence in zip(listed[::2], listed[1::2], strict=True):
        found = re.match(rf"^{re.escape(article)}:(\d+):(\d+): ([\w-]+): .+", where)
        assert found and found.group(3) in WRONG_CLAIMS, where
        line, column = int(found.group(1)), int(found.group(2))
        at = text[line - 1][column - 1:]
        assert at.startswith(WRONG_TEXT[found.group(3)]), (where, at)
        assert sentence.startswith("    | ") and at.split()[0] in sentence
