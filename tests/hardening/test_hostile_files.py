"""Issue 14, rows 3, 4, 10, 11, 12 and 18: hostile files in a pull request. Each is a Problem
at file:line:col with exit status 2 (or a refused link), never a traceback, a hang or a silent
pass. The real console script runs on a copy of a fixture project, once without and once with
the cache (the cached path reads articles through the memo, another code path)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
from hostile import copy, verifier

from verifier.load import corpus
from verifier.text.dates import find_dates

FERRY = "seeds/003_ferry"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy("contradicted", tmp_path / "project")


def checked(root: Path, *args: str) -> tuple[int, str]:
    """`verifier check` twice (no cache, then cache twice: cold and warm); the last status and
    standard error, which must hold no traceback."""
    verifier(root, "check", "--no-cache", *args)
    for _ in range(2):
        done = verifier(root, "check", *args)
        assert "Traceback" not in done.stderr and "Error:" not in done.stderr, done.stderr
    return done.returncode, done.stderr


@pytest.mark.parametrize("cached", [False, True])
def test_a_fifo_named_like_a_sidecar_is_refused_not_waited_on(project: Path,
                                                              cached: bool) -> None:
    """Row 4: the cached run opened the sidecar (a FIFO) and hung."""
    if cached:
        assert verifier(project, "check").returncode == 1  # the memo knows the sidecar
    (project / f"{FERRY}.meta.yaml").unlink()
    os.mkfifo(project / f"{FERRY}.meta.yaml")
    status, err = checked(project)
    assert status == 2
    assert f"{FERRY}.meta.yaml:1:1: [not-a-file]" in err


def test_an_original_through_a_linked_folder_is_not_read(project: Path, tmp_path: Path) -> None:
    """Row 3: `original` through a symlinked folder (to /proc/self, say) was read and hashed,
    so its digest confirmed what the file outside the project holds."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.orig").write_bytes(b"a file outside the project")
    digest = hashlib.sha256(b"a file outside the project").hexdigest()
    (project / "seeds" / "originals").symlink_to(outside, target_is_directory=True)
    meta = project / f"{FERRY}.meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "original: originals/secret.orig\n"
                    f'sha256: "{digest}"\n', encoding="utf-8")
    done = verifier(project, "validate")
    assert done.returncode == 2
    assert f"{FERRY}.meta.yaml:8:9: [sha256]" in done.stdout
    assert "cannot be read" in done.stdout


def test_an_original_that_is_a_fifo_is_not_waited_on(project: Path) -> None:
    (project / "seeds" / "originals").mkdir()
    os.mkfifo(project / "seeds" / "originals" / "slow.orig")
    meta = project / f"{FERRY}.meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "original: originals/slow.orig\n"
                    f'sha256: "{"0" * 64}"\n', encoding="utf-8")
    done = verifier(project, "validate")
    assert done.returncode == 2 and "cannot be read" in done.stdout


def test_a_link_to_a_folder_outside_the_project_is_not_read(project: Path,
                                                            tmp_path: Path) -> None:
    """Claims read through a claims/ folder that is a link out of the project."""
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.yaml").write_text("claims: []\n", encoding="utf-8")
    assert corpus._escapes(project, project / "claims" / "x.yaml") is False
    os.symlink(tmp_path / "elsewhere", project / "linked")
    assert corpus._escapes(project, project / "linked" / "x.yaml") is True
    done = verifier(project, "validate", "--claims", "linked")
    assert done.returncode == 2 and "[symlink]" in done.stdout + done.stderr


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(1, 1, 7), dt.date.max])
def test_relative_dates_at_the_ends_of_the_calendar(published: dt.date) -> None:
    """Row 10: relative dates resolved against `published: 0001-01-01` overflowed (an
    OverflowError that stopped the run); what cannot be resolved is no date."""
    text = ("Last week the bridge opened. On Monday the bridge is open, yesterday too, next "
            "year as well, ten days ago, last weekend, next month and in March 2024.")
    found = find_dates(text, published=published)
    assert (text[found[-1][0]:found[-1][1]]) == "March 2024"


def test_a_huge_integer_is_a_located_problem(project: Path) -> None:
    """Row 10: a 309-digit integer overflowed a float conversion."""
    meta = project / f"{FERRY}.meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + f"author: {'9' * 309}\n",
                    encoding="utf-8")
    status, err = checked(project)
    assert status == 2
    assert f"{FERRY}.meta.yaml:7:9: [yaml-number]" in err


@pytest.mark.parametrize("digits", [309, 400, 4000])
def test_integers_beyond_a_floats_range_are_refused(digits: int) -> None:
    from verifier.load.source import load_yaml
    from verifier.problems import ProblemError

    with pytest.raises(ProblemError, match="too large"):
        load_yaml("x.yaml", f"a: {'9' * digits}\n".encode())
    assert load_yaml("x.yaml", b"a: 1000000000000000000000000000000\n")[0] == {"a": 10 ** 30}


@pytest.mark.parametrize("folder", ["claims", "seeds"])
def test_an_unreadable_folder_is_an_error_not_an_empty_corpus(
        project: Path, folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Row 11 (in-process: these tests may run as root, whom permissions do not stop)."""
    from verifier.load.project import load_project

    real = os.scandir
    target = str(project / folder)

    def scandir(path: str) -> object:
        if str(path) == target:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(corpus.os, "scandir", scandir)
    found = load_project(project)
    (problem,) = [p for p in found.problems if p.code == "unreadable"]
    assert (problem.file, problem.line, problem.column, problem.level) == (folder, 1, 1, "error")
    assert "Permission denied" in problem.message


def test_a_file_name_that_is_not_utf8_is_a_problem(project: Path) -> None:
    """Row 12: a UnicodeEncodeError when a report printed the name."""
    name = os.fsdecode(b"seeds/bad\xff\xfe name.txt")
    (project / name).write_bytes((project / f"{FERRY}.txt").read_bytes())
    for fmt in ("text", "json", "github", "markdown", "sarif", "junit", "html", "claimreview"):
        status, err = checked(project, "--format", fmt)
        assert status == 2
        assert "seeds/bad\\xff\\xfe name.txt:1:1: [file-name]" in err


def test_utf16_without_a_byte_order_mark_is_refused(project: Path) -> None:
    """Row 18: read as valid UTF-8 full of NULs, every claim silent: the contradiction passed."""
    text = project / f"{FERRY}.txt"
    text.write_bytes(text.read_text(encoding="utf-8").encode("utf-16-le"))
    meta = project / f"{FERRY}.meta.yaml"
    status, err = checked(project)
    assert status == 2
    assert f"{FERRY}.txt:1:2: [encoding]" in err and "UTF-16" in err
    assert meta.is_file()
