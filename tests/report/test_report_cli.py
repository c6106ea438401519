"""`verifier check --format` with several formats, `verifier explain`, the help texts, and
`pytest --verifier-report` for the new formats; all on the real engine."""

from __future__ import annotations

import itertools
import json
import shlex
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from frozen import FROZEN as CORPUS
from report_run import ROOT

from verifier import cli
from verifier.execution import runner
from verifier.report import RENDERERS


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli.cli, list(args), catch_exceptions=False)


def corpus_copy(tmp_path: Path) -> Path:
    """The frozen corpus in a temporary folder: `check` writes its verdict cache there."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    return tmp_path / "corpus"


def test_several_formats_from_one_run(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "dir"
    # --output goes to the first --format without a :PATH (sarif); json is left for stdout
    result = invoke("check", "--root", str(corpus_copy(tmp_path)), "--format", "sarif",
                    "--format", f"html:{out / 'r.html'}", "--format", "json",
                    "--output", str(out / "r.sarif"), "--format", f"markdown:{out / 'r.md'}")
    assert result.exit_code == runner.CLEAN, result.output
    assert json.loads(result.stdout)["version"] == 1
    assert (out / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads((out / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert (out / "r.md").read_text(encoding="utf-8").startswith("## Claim verifier: OK")
    assert "html report written to" in result.stderr


@pytest.mark.parametrize(("formats", "outputs", "expected"), [
    ((), (), [("text", None)]),
    (("json",), ("a.json",), [("json", Path("a.json"))]),
    (("json:a", "sarif", "text"), ("b",), [("json", Path("a")), ("sarif", Path("b")),
                                           ("text", None)]),
])
def test_destinations(formats: tuple[str, ...], outputs: tuple[str, ...],
                      expected: list[tuple[str, Path | None]]) -> None:
    assert cli.destinations(formats, [Path(o) for o in outputs]) == expected


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "pdf"], "'pdf' is not one of"),
    (["--format", "json", "--format", "text"], "only one report can go to standard output"),
    (["--output", "a", "--output", "b"], "1 --output value(s) left without a --format"),
])
def test_format_usage_errors(args: list[str], message: str, tmp_path: Path) -> None:
    result = invoke("check", "--root", str(corpus_copy(tmp_path)), *args)
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output


def test_help_is_complete() -> None:
    top = invoke("--help").stdout
    for command in ("check", "explain", "validate", "Exit statuses"):
        assert command in top
    check = invoke("check", "--help").stdout
    for fmt in RENDERERS:
        assert fmt in check
    assert "FORMAT[:PATH]" in check and "NO_COLOR" in check
    explain = invoke("explain", "--help").stdout
    assert "CLAIM_ID ARTICLE" in explain and "sentences considered" in explain


def test_explain_prints_the_evidence_trail() -> None:
    result = invoke("explain", "--root", str(CORPUS), "takaichi-name-spelling", "001")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("claim    takaichi-name-spelling (spelling")
    assert "article  seeds/001_833ceba6393617bc.txt" in text
    assert "considered" in text and "  sentence 5:" in text
    assert "(near miss)" in text  # what was extracted: the misspelt name
    assert "contradict at 5:32: article spells the name 'Sen Takichi'" in text
    assert "verdict: contradicted" in text and "acknowledged (corpus-maintainers)" in text


def test_explain_a_supported_pair_shows_values() -> None:
    text = invoke("explain", "--root", str(CORPUS), "investment-550bn",
                  "seeds/000_6047615237a56730.txt").stdout
    assert "values: '$550 billion' (USD 550 billion)" in text
    assert "verdict: supported" in text


def test_explain_a_silent_pair_says_why() -> None:
    text = invoke("explain", "--root", str(CORPUS), "tariff-15pct", "004").stdout
    assert text.splitlines()[-1].startswith("verdict: silent: ")


@pytest.mark.parametrize(("claim", "article", "message"), [
    ("takaichi-name-speling", "001", "did you mean takaichi-name-spelling"),
    ("takaichi-name-spelling", "zzz", "'zzz': no such article"),
    ("takaichi-name-spelling", "00", "'00': matches several articles"),
])
def test_explain_unknown_names(claim: str, article: str, message: str) -> None:
    result = invoke("explain", "--root", str(CORPUS), claim, article)
    assert result.exit_code == 2 and message in result.stderr


def test_pytest_verifier_report_writes_the_new_formats(contradicted: pytest.Pytester) -> None:
    pytester = contradicted
    specs = [f"--verifier-report={fmt}:out/report.{fmt}" for fmt in ("html", "sarif", "markdown")]
    result = pytester.runpytest(*specs, "-p", "no:cacheprovider")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*contradicts claim*", "*claim: *", "*| *"])
    html = (pytester.path / "out" / "report.html").read_text(encoding="utf-8")
    assert 'data-state="contradicted"' in html
    sarif = json.loads((pytester.path / "out" / "report.sarif").read_text(encoding="utf-8"))
    assert [r["level"] for r in sarif["runs"][0]["results"]].count("error") == 1
    assert "### Contradictions" in (pytester.path / "out" / "report.markdown").read_text(
        encoding="utf-8")


def test_workflow_validates_gates_annotates_and_uploads() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "verify.yml").read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    steps = workflow["jobs"]["corpus"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "verifier validate" in runs and "pytest claims seeds" in runs
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs
    check = next(s["run"] for s in steps if "verifier check" in s.get("run", ""))
    command = " ".join(line.strip().rstrip("\\") for line in check.splitlines()
                       if line.strip().startswith(("verifier check", "--format")))
    words = shlex.split(command)
    formats = [w for prev, w in itertools.pairwise(words) if prev == "--format"]
    targets = dict(cli.destinations(formats, []))
    assert targets["github"] is None and targets["html"] == Path("out/report.html")
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert upload["if"] == "${{ !cancelled() }}" and upload["with"]["path"] == "out/"


def test_pre_commit_hook_runs_verifier_validate() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "verifier-validate" and hook["language"] == "python"
    program, command = hook["entry"].split()
    assert program == "verifier" and command in cli.cli.commands
    assert hook["pass_filenames"] is False and "claims/" in hook["files"]


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.wants_color()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli.wants_color()
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert not cli.wants_color()
