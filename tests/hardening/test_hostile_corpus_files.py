"""Red-team findings on what a pull request can put in the corpus folders: Python that pytest
itself would run inside the gate (B2), files the gate never collected but `check` refuses (B6),
things the walk skipped without a word, and a folder whose files cannot be looked at (B7). The
real console script and the real pytest gate run on copies of the fixture projects."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hostile import copy, gate, verifier
from hypothesis import given
from hypothesis import strategies as st

# Imported by pytest, this would mark every item passed: the gate green over a contradiction.
FORGER = """\
import pathlib

import pytest

pathlib.Path(__file__).with_name("imported.marker").write_text("ran")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    report.outcome = "passed"
    return report
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with a contradiction: the gate fails on it (exit 1)."""
    return copy("contradicted", tmp_path / "project")


@pytest.mark.parametrize("name", ["seeds/conftest.py", "claims/conftest.py",
                                  "seeds/late/conftest.py", "seeds/test_forged.py"])
def test_python_in_the_corpus_folders_is_never_run_by_the_gate(project: Path,
                                                               name: str) -> None:
    code = FORGER if name.endswith("conftest.py") else FORGER + "\ndef test_x():\n    pass\n"
    (project / name).parent.mkdir(parents=True, exist_ok=True)
    (project / name).write_text(code, encoding="utf-8")
    done = gate(project)
    assert done.returncode not in (0, 5), done.stdout + done.stderr
    assert f"{name}:1:1: [code]" in done.stdout + done.stderr
    assert not list(project.rglob("imported.marker"))  # refused before pytest imported it
    checked = verifier(project, "check", "--no-cache")
    assert checked.returncode == 2 and f"{name}:1:1: [code]" in checked.stderr


def test_the_gate_fails_on_articles_it_cannot_collect(project: Path) -> None:
    """B6: a link to nothing and a name that is not UTF-8 are never collected by pytest; their
    problems are still items of the gate (they passed it while `check` said exit 2)."""
    (project / "seeds" / "003_ferry.txt").unlink()  # the contradiction: only B6 may fail now
    os.symlink(project / "nowhere.txt", project / "seeds" / "953_gone.txt")
    name = os.fsdecode(b"seeds/bad\xff name.txt")
    (project / name).write_text("Text.\n", encoding="utf-8")
    done = gate(project)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "seeds/953_gone.txt:1:1: [symlink]" in done.stdout
    assert "[file-name]" in done.stdout and "Traceback" not in done.stdout + done.stderr


def test_what_the_walk_skips_is_a_problem_not_silence(project: Path, tmp_path: Path) -> None:
    """A FIFO named like an article and a linked folder were skipped without a word."""
    os.mkfifo(project / "seeds" / "950_fifo.txt")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.txt").write_text("Text.\n", encoding="utf-8")
    os.symlink(tmp_path / "outside", project / "seeds" / "linked")
    done = verifier(project, "validate")
    assert done.returncode == 2
    assert "seeds/950_fifo.txt:1:1: [not-a-file]" in done.stdout + done.stderr
    assert "seeds/linked:1:1: [symlink]" in done.stdout + done.stderr


def test_a_folder_whose_files_cannot_be_looked_at_is_a_problem_not_a_crash(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """B7: with seeds/ unreadable, looking up an acknowledged article raised PermissionError
    (exit 2 without a file:line). In-process: permissions do not stop root."""
    from verifier.load import corpus
    from verifier.load.project import load_project

    seeds = str(project / "seeds")
    real_stat, real_scandir = os.stat, os.scandir

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith(seeds + os.sep):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    def scandir(path: str) -> object:
        if str(path) == seeds:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(corpus.os, "scandir", scandir)
    found = load_project(project)
    (problem,) = [p for p in found.problems if p.code == "unreadable"]
    assert (problem.file, problem.line, problem.level) == ("seeds", 1, "error")


def test_the_gate_refuses_an_unreadable_corpus_folder_before_pytest_walks_it(
        pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest's own conftest lookup printed a PermissionError traceback there."""
    copy("clean", pytester.path / "project")
    root = pytester.path / "project"
    (root / "pytest.ini").write_text("[pytest]\nverifier_claims = claims\n"
                                     "verifier_articles = seeds\n", encoding="utf-8")
    seeds, real = str(root / "seeds"), os.scandir

    def scandir(path: str) -> object:
        if str(path) == seeds:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(root)
    result = pytester.runpytest_inprocess("-p", "no:hypothesispytest", "claims", "seeds")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "seeds:1:1: [unreadable] cannot read the folder: Permission denied" in \
        result.stderr.str()


@pytest.mark.parametrize("name", ["claims/test_notes.txt", "seeds/test_article.txt",
                                  "seeds/late/test_x.txt"])
def test_no_other_plugin_collects_in_the_corpus_folders(project: Path, name: str) -> None:
    """Second red-team pass: pytest's doctest plugin ran the `>>>` lines of a `test*.txt` file
    there, and `os._exit(0)` ended the gate green over the contradiction."""
    (project / name).parent.mkdir(parents=True, exist_ok=True)
    (project / name).write_text("Notes.\n\n>>> import pathlib, os\n>>> _ = pathlib.Path("
                                "'imported.marker').write_text('ran'); os._exit(0)\n",
                                encoding="utf-8")
    done = gate(project)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "003_ferry" in done.stdout and not list(project.rglob("imported.marker"))


def test_a_linked_folder_in_the_corpus_stops_the_gate_before_pytest_walks_it(
        project: Path) -> None:
    """pytest walked into a linked folder and loaded a conftest.py from its target."""
    target = project / "docs" / "fixtures"
    target.mkdir(parents=True)
    (target / "conftest.py").write_text(FORGER, encoding="utf-8")
    os.symlink("../docs/fixtures", project / "seeds" / "fixtures")
    done = gate(project)
    assert done.returncode == pytest.ExitCode.USAGE_ERROR, done.stdout + done.stderr
    assert "seeds/fixtures:1:1: [symlink]" in done.stderr
    assert not list(project.rglob("imported.marker"))


def test_a_look_alike_letter_is_a_problem_in_cold_and_warm_runs(project: Path) -> None:
    """Second red-team pass: "Osaka" with a Cyrillic "a" matched no place, so the contradiction
    passed the gate silently (and a Cyrillic "o" in "October" left a bare year to support)."""
    (project / "seeds" / "900_look.txt").write_text(
        "Ferry news.\nThe mayor met the council in Osak\u0430 on Wednesday.\n", encoding="utf-8")
    (project / "seeds" / "900_look.meta.yaml").write_text(
        'title: "Look-alike letters (invented)"\npublished: "2024-05-06"\n', encoding="utf-8")
    for cache in ("--no-cache", "--cache", "--cache"):  # cold, then warm twice (the memo)
        done = verifier(project, "check", cache)
        assert done.returncode == 2, done.stderr
        assert "seeds/900_look.txt:2:30: [mixed-script] the word 'Osak\u0430'" in done.stderr
    assert gate(project).returncode == 1


ALPHABET = "aOk\u0430\u043e\u041a\u00e9 .-1\n"


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_mixed_words_are_the_letter_runs_holding_both_scripts(text: str) -> None:
    from verifier.text.scripts import mixed_words

    expected = [(m.start(), m.group()) for m in re.finditer(r"[^\W\d_]+", text)
                if re.search("[\u0430-\u044f\u0410-\u042f]", m.group())
                and re.search("[a-zA-Z\u00e9]", m.group())]
    assert list(mixed_words(text)) == expected
