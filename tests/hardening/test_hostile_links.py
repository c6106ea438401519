"""B3: a folder link committed in a pull request (`out -> /home/ci`, `seeds/originals -> /etc`)
must not carry what the tool writes out of the project. Reports (`check --format`, the plugin's
`--verifier-report`, pytest's own `--junitxml`), ingested articles and `init --force` refuse,
exit 2 (pytest: a usage error) and write nothing through the link; a path the user gives
outside the project keeps working, links and all. Every link here points to a folder of the
test's own, which is checked to stay as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import HANG, ROOT, copy, environment, verifier

from verifier.store.folders import linked_folder

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
REFUSED = "is a symbolic link: reports are not written through links inside the project"
PAGE = ROOT / "tests" / "data" / "ingest" / "news_page.html"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy("clean", tmp_path / "project")


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """The folder outside the project a committed link points to, with a file to overwrite."""
    folder = tmp_path / "victim"
    folder.mkdir()
    (folder / "r.json").write_text("left alone\n", encoding="utf-8")
    return folder


def untouched(folder: Path) -> bool:
    return sorted(p.name for p in folder.iterdir()) == ["r.json"] \
        and (folder / "r.json").read_text(encoding="utf-8") == "left alone\n"


@pytest.mark.parametrize("args", [
    ["--format", "json:out/r.json"],
    ["--format", "json:out/r.json", "--format", "html:out/r.html"],
    ["--format", "json", "--output", "out/r.json"],
    ["--format", "sarif:out/new/r.sarif"],  # a folder the write would make in the target
    ["--format", "json:out/../r.json"],  # `..` after the link is its target's parent
    ["--format", "json:{root}/out/r.json"],  # absolute, but inside the project
])
def test_a_report_through_a_linked_folder_is_refused(project: Path, victim: Path,
                                                     args: list[str]) -> None:
    (project / "out").symlink_to(victim, target_is_directory=True)
    done = verifier(project, "check", *(a.format(root=project) for a in args))
    assert done.returncode == 2, done.stderr
    assert f"out {REFUSED}; remove it or give a path outside the project" in done.stderr
    assert "Traceback" not in done.stderr
    assert untouched(victim) and not (victim.parent / "r.json").exists()


def test_a_link_deeper_in_the_project_is_refused_too(project: Path, victim: Path) -> None:
    (project / "reports").mkdir()
    (project / "reports" / "ci").symlink_to(victim, target_is_directory=True)
    done = verifier(project, "check", "--format", "json:reports/ci/r.json")
    assert done.returncode == 2 and f"reports/ci {REFUSED}" in done.stderr
    assert untouched(victim)


def test_a_path_outside_the_project_is_the_users_choice_links_and_all(
        project: Path, victim: Path, tmp_path: Path) -> None:
    (tmp_path / "mine").symlink_to(victim, target_is_directory=True)
    done = verifier(project, "check", "--format", f"json:{tmp_path / 'mine' / 'r.json'}",
                    "--format", f"html:{victim / 'r.html'}", "--format", "markdown:out/r.md")
    assert done.returncode == 0, done.stderr
    assert (victim / "r.json").read_text(encoding="utf-8").startswith("{")
    assert (victim / "r.html").is_file()
    assert (project / "out").is_dir() and not (project / "out").is_symlink()  # made real
    assert (project / "out" / "r.md").is_file()


def test_a_link_named_like_the_report_is_replaced_not_followed(project: Path,
                                                                victim: Path) -> None:
    (project / "r.json").symlink_to(victim / "r.json")
    done = verifier(project, "check", "--format", "json:r.json")
    assert done.returncode == 0, done.stderr
    assert not (project / "r.json").is_symlink() and untouched(victim)


def test_a_link_outside_that_leads_back_into_a_linked_folder_is_found(
        project: Path, victim: Path, tmp_path: Path) -> None:
    (project / "out").symlink_to(victim, target_is_directory=True)
    (tmp_path / "back").symlink_to(project / "out", target_is_directory=True)
    assert linked_folder(project, tmp_path / "back" / "r.json") == "out"
    assert linked_folder(project, tmp_path / "victim" / "r.json") is None
    assert linked_folder(project, project / "real" / "r.json") is None
    assert linked_folder(project, project / "out") is None  # the file's own name: replaced
    assert linked_folder(project, project / "out", itself=True) == "out"


def pytest_gate(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (root / "pytest.ini").write_text("[pytest]\nverifier_claims = claims\n"
                                     "verifier_articles = seeds\ntestpaths = claims seeds\n",
                                     encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-p", "no:randomly", *args], cwd=root, capture_output=True,
                          text=True, timeout=HANG, env=environment(), check=False)


@pytest.mark.parametrize("option", ["--verifier-report=json:out/r.json",
                                    "--junitxml=out/r.xml", "--junitxml=r.xml"])
def test_the_plugin_refuses_reports_through_a_link(project: Path, victim: Path,
                                                   option: str) -> None:
    (project / "out").symlink_to(victim, target_is_directory=True)
    (project / "r.xml").symlink_to(victim / "r.xml")  # pytest's junitxml follows a link here
    done = pytest_gate(project, option)
    assert done.returncode == pytest.ExitCode.USAGE_ERROR, done.stdout + done.stderr
    assert REFUSED in done.stderr and "Traceback" not in done.stderr
    assert untouched(victim)


def test_the_plugin_still_writes_reports_in_real_folders(project: Path) -> None:
    done = pytest_gate(project, "--verifier-report=json:out/r.json", "--junitxml=out/r.xml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "out" / "r.json").is_file() and (project / "out" / "r.xml").is_file()


@pytest.fixture
def ingestible(project: Path) -> Path:
    shutil.copytree(ROOT / "schema", project / "schema")
    return project


@pytest.mark.parametrize("linked", ["seeds/originals", "seeds"])
def test_ingest_refuses_a_linked_corpus_folder(ingestible: Path, victim: Path,
                                               linked: str) -> None:
    if linked == "seeds":  # the corpus itself moved out, behind a link
        shutil.move(ingestible / "seeds", victim / "seeds")
        (ingestible / "seeds").symlink_to(victim / "seeds", target_is_directory=True)
    else:
        (ingestible / linked).symlink_to(victim, target_is_directory=True)
    before = sorted(victim.rglob("*"))
    done = verifier(ingestible, "ingest", str(PAGE), "--published", "2025-10-28")
    assert done.returncode == 2, done.stderr
    assert f"{linked} is a symbolic link: articles are not written through links inside " \
           "the project; remove the link and run again" in done.stderr
    assert "nothing was written" in done.stderr and "Traceback" not in done.stderr
    assert sorted(victim.rglob("*")) == before


def test_ingest_does_not_follow_a_link_named_gitattributes(ingestible: Path,
                                                           victim: Path) -> None:
    (ingestible / "seeds" / "originals").mkdir()
    (ingestible / "seeds" / "originals" / ".gitattributes").symlink_to(victim / "made")
    done = verifier(ingestible, "ingest", str(PAGE), "--published", "2025-10-28", "--no-check")
    assert done.returncode == 0, done.stderr
    assert untouched(victim)
    assert len(list((ingestible / "seeds" / "originals").glob("*.html.orig"))) == 1


def test_ingest_into_real_folders_still_works(ingestible: Path) -> None:
    done = verifier(ingestible, "ingest", str(PAGE), "--published", "2025-10-28", "--no-check")
    assert done.returncode == 0, done.stderr
    originals = ingestible / "seeds" / "originals"
    assert originals.is_dir() and not originals.is_symlink()
    assert (originals / ".gitattributes").is_file()


@pytest.mark.parametrize("linked", [".github", "README.md"])
def test_init_force_refuses_a_linked_folder_or_file(tmp_path: Path, victim: Path,
                                                    linked: str) -> None:
    target = tmp_path / "story"
    target.mkdir()
    (target / linked).symlink_to(victim if linked == ".github" else victim / "r.json")
    done = verifier(tmp_path, "init", "--force", str(target))
    assert done.returncode == 2, done.stderr
    assert f"{linked} is a symbolic link: files are not written through links" in done.stderr
    assert untouched(victim) and [p.name for p in target.iterdir()] == [linked]
