"""`verifier validate` / `verifier check`, end to end: CliRunner with a fake loader and engine,
and the real console script in a subprocess on the fixture projects (tests/data/projects)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import fakes
import pytest
from click.testing import CliRunner, Result
from frozen import copy_corpus

from verifier import cli
from verifier.execution import runner

PROJECTS = Path(__file__).resolve().parent / "data" / "projects"
EXPECTED = {"clean": 0, "contradicted": 1, "stale": 1, "malformed": 2, "missing-statement": 2}
LOCATION = re.compile(r"^claims/town\.yaml:\d+:\d+: \[[\w-]+\] .+", re.MULTILINE)
SHIPPED_CONTRADICTIONS = [
    ("seeds/000_6047615237a56730.txt", "takaichi-prime-minister"),
    ("seeds/001_833ceba6393617bc.txt", "takaichi-name-spelling"),
    ("seeds/002_a4b747bba812908a.txt", "summit-location"),
    ("seeds/002_a4b747bba812908a.txt", "takaichi-prime-minister"),
    ("seeds/002_a4b747bba812908a.txt", "trump-sitting-president"),
]


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "load", fakes.fake_load)
    monkeypatch.setattr(runner, "engine_verify", lambda: fakes.phrase_verify)
    monkeypatch.setattr(runner, "engine_examples", lambda: fakes.phrase_examples)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli.cli, list(args), catch_exceptions=False)


def check(project: str, *args: str) -> Result:
    return invoke("check", "--root", str(PROJECTS / project), *args)


@pytest.mark.usefixtures("fake_engine")
@pytest.mark.parametrize(("project", "status"), EXPECTED.items())
def test_check_exit_status(project: str, status: int) -> None:
    result = check(project)
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.output
    assert result.stdout.rstrip().splitlines()[-1].startswith("OK" if status == 0 else "FAILED")


@pytest.mark.usefixtures("fake_engine")
def test_text_report_shows_contradictions_with_evidence_and_acknowledgements() -> None:
    out = check("contradicted").stdout
    assert "CONTRADICTED mayor-name [medium]" in out
    assert "seeds/003_ferry.txt:4:1: article says 'Mayor Dana Okafur'" in out
    assert "| Mayor Dana Okafur said the ferry crews would be offered new jobs." in out
    assert "acknowledged (fixture-maintainers): The article was written before" in out
    assert re.search(r"seeds/003_ferry\.txt +0 +1 +0 +1", out)
    assert "\x1b[" not in out  # not a terminal: no colour


@pytest.mark.usefixtures("fake_engine")
def test_colour_only_when_wanted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "wants_color", lambda: True)
    assert "\x1b[" in check("contradicted").stdout
    assert "\x1b[" not in check("contradicted", "--format", "json").stdout


def test_no_colour_when_no_color_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.wants_color()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli.wants_color()


@pytest.mark.usefixtures("fake_engine")
def test_json_is_one_deterministic_object() -> None:
    first, second = check("stale", "--format", "json"), check("stale", "--format", "json")
    assert first.stdout == second.stdout
    doc = json.loads(first.stdout)
    assert doc["summary"]["exit_status"] == first.exit_code == 1
    assert [s["claim"] for s in doc["stale_acknowledgements"]] == ["mayor-name"]
    assert len(doc["results"]) == len(doc["claims"]) * len(doc["articles"]) == 4


@pytest.mark.usefixtures("fake_engine")
def test_malformed_claims_are_located_on_stderr_and_exit_2() -> None:
    result = check("malformed", "--format", "json")
    assert result.exit_code == 2
    assert LOCATION.search(result.stderr), result.stderr
    assert json.loads(result.stdout)["summary"]["errors"] == 1  # the report still comes out


@pytest.mark.usefixtures("fake_engine")
def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = check("clean", "--format", "json", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["contradicted"] == 1


@pytest.mark.usefixtures("fake_engine")
def test_some_articles_only(tmp_path: Path) -> None:
    one = PROJECTS / "stale" / "seeds" / "002_delay.txt"
    result = check("stale", "--articles", str(one), "--format", "json")
    doc = json.loads(result.stdout)
    assert [a["path"] for a in doc["articles"]] == ["seeds/002_delay.txt"]
    # the stale acknowledgement is about 001, which this run did not look at
    assert doc["stale_acknowledgements"] == [] and result.exit_code == 0
    whole = check("stale", "--articles", str(PROJECTS / "stale" / "seeds"), "--format", "json")
    assert len(json.loads(whole.stdout)["articles"]) == 2


@pytest.mark.usefixtures("fake_engine")
@pytest.mark.parametrize("command", ["check", "validate"])
def test_articles_folder_without_articles_is_an_error(tmp_path: Path, command: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("not an article\n", encoding="utf-8")
    result = invoke(command, "--root", str(PROJECTS / "stale"), "--articles", str(empty))
    assert result.exit_code == 2, result.output
    assert str(empty) in result.output and "holds no articles" in result.output
    assert "seeds/" not in result.stdout  # nothing from ROOT/seeds was checked instead


@pytest.mark.usefixtures("fake_engine")
def test_root_defaults_to_the_current_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECTS / "contradicted")
    assert invoke("check").exit_code == 1


@pytest.mark.usefixtures("fake_engine")
@pytest.mark.parametrize(("project", "status"), EXPECTED.items())
def test_validate(project: str, status: int) -> None:
    result = invoke("validate", "--root", str(PROJECTS / project))
    if project in ("malformed", "missing-statement"):
        assert result.exit_code == 2
        assert LOCATION.search(result.stdout), result.stdout
    else:  # contradictions and stale acknowledgements are not validate's business
        assert result.exit_code == 0
        assert result.stdout.startswith("OK: 2 claims")


def test_an_unexpected_error_is_one_line_with_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(runner, "load", explode)
    result = CliRunner().invoke(cli.cli, ["check", "--root", str(PROJECTS / "clean")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "RuntimeError: disk on fire" in result.stderr
    assert "--debug" in result.stderr and "Traceback" not in result.output
    debug = CliRunner().invoke(cli.cli, ["--debug", "check", "--root", str(PROJECTS / "clean")])
    assert isinstance(debug.exception, RuntimeError)


def test_usage_errors_exit_2_without_traceback() -> None:
    for args in (["check", "--format", "pdf"], ["check", "--root", "/no/such/dir"], ["nope"]):
        result = CliRunner().invoke(cli.cli, args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output


def test_help_lists_the_commands() -> None:
    out = invoke("--help").stdout
    assert "check" in out and "validate" in out


def test_python_dash_m_verifier() -> None:
    done = subprocess.run([sys.executable, "-m", "verifier", "--help"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0 and "check" in done.stdout


# --- the real console script, loader and engine ------------------------------------------

SCRIPT = shutil.which("verifier", path=str(Path(sys.executable).parent)) or "verifier"


def script(project: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *args], cwd=PROJECTS / project, capture_output=True,
                          text=True, timeout=300, check=False, env={"PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize(("project", "status"), EXPECTED.items())
def test_console_script_exit_status(project: str, status: int) -> None:
    done = script(project, "check")
    assert done.returncode == status, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_console_script_json_is_byte_identical_across_runs() -> None:
    first, second = (script("contradicted", "check", "--format", "json") for _ in range(2))
    assert first.stdout == second.stdout and first.returncode == 1
    doc = json.loads(first.stdout)
    bad = [(r["article"], r["claim"]) for r in doc["results"]
           if r["verdict"] == "contradicted" and not r["acknowledged"]]
    assert bad == [("seeds/003_ferry.txt", "mayor-name")]


def test_console_script_locates_a_malformed_claim_file() -> None:
    for args in (["check"], ["validate"]):
        done = script("malformed", *args)
        assert done.returncode == 2
        assert LOCATION.search(done.stdout + done.stderr), done.stdout + done.stderr
        assert "Traceback" not in done.stdout + done.stderr


def test_seed_corpus_has_exactly_the_five_acknowledged_contradictions(tmp_path: Path) -> None:
    """On the frozen seed corpus (tests/frozen.py), copied: `check` writes its verdict cache."""
    copy_corpus(tmp_path)
    done = subprocess.run([SCRIPT, "check", "--format", "json"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    contradicted = [(r["article"], r["claim"], r["acknowledged"]) for r in doc["results"]
                    if r["verdict"] == "contradicted"]
    assert contradicted == [(a, c, True) for a, c in SHIPPED_CONTRADICTIONS]
    assert doc["stale_acknowledgements"] == [] and doc["summary"]["errors"] == 0


def test_validate_warns_about_an_acknowledgement_due_for_review(tmp_path: Path) -> None:
    shutil.copytree(PROJECTS / "clean", tmp_path, dirs_exist_ok=True)
    acks = tmp_path / "claims" / "acknowledgements.yaml"
    acks.write_text(acks.read_text(encoding="utf-8") + '    review_by: "2020-01-01"\n',
                    encoding="utf-8")
    result = invoke("validate", "--root", str(tmp_path))
    assert result.exit_code == 0
    assert "claims/acknowledgements.yaml:3:5: [acknowledgement-review-due]" in result.stdout
    assert "(1 warning(s))" in result.stdout
