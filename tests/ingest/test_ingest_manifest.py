"""`verifier ingest --manifest FILE`: many sources in one call, every row checked first, every
problem at file:line:col. Fixtures: tests/data/ingest/manifest (see its README)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.ingest.command import ingest
from verifier.ingest.manifest import COLUMNS, read_manifest

DATA = Path(__file__).resolve().parents[1] / "data"
MANIFESTS = DATA / "ingest" / "manifest"



def run(invented: Path, *args: str) -> Result:
    return CliRunner().invoke(ingest, [*args, "--no-check", "--root", str(invented)],
                              catch_exceptions=False)


def new_sidecars(invented: Path) -> list[dict[str, str]]:
    found = sorted((invented / "seeds").glob("*.meta.yaml"))
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in found
            if not p.name.startswith(("001_opening", "002_delay"))]


@pytest.mark.parametrize("name", ["good.csv", "good.yaml"])
def test_every_row_is_ingested_with_its_own_metadata(invented: Path, name: str) -> None:
    result = run(invented, "--manifest", str(MANIFESTS / name))
    assert result.exit_code == 0, result.output
    first, second = new_sidecars(invented)
    assert (first["outlet"], first["url"], first["published"], first["kind"]) == (
        "Riverton Courier", "https://courier.example/ferry", "2024-03-04", "article")
    assert (second["outlet"], second["title"], second["kind"], second["language"]) == (
        "Harbor Gazette, weekend edition", "A title given in the manifest", "summary", "en-GB")
    assert "url" not in second


def test_command_line_options_are_defaults_for_empty_columns(invented: Path,
                                                             tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"source,outlet\n{MANIFESTS.parent / 'bom_article.txt'},\n"
                        f"{MANIFESTS.parent / 'cp1252_article.txt'},Row Outlet\n",
                        encoding="utf-8")
    result = run(invented, "--manifest", str(manifest), "--outlet", "Default Outlet",
                 "--kind", "transcript", "--published", "2024-01-02")
    assert result.exit_code == 0, result.output
    assert [(m["outlet"], m["kind"], m["published"]) for m in new_sidecars(invented)] == [
        ("Default Outlet", "transcript", "2024-01-02"), ("Row Outlet", "transcript", "2024-01-02")]


@pytest.mark.parametrize("name", ["bad.csv", "bad.yaml"])
def test_every_bad_row_is_reported_at_file_line_col(name: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(MANIFESTS)
    _, problems = read_manifest(Path(name))
    expected = (MANIFESTS / f"{name}.expected").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in sorted(problems)] == expected


@pytest.mark.parametrize("name", ["bad.csv", "bad.yaml"])
def test_a_manifest_with_problems_ingests_nothing_and_lists_them_all(
        invented: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(MANIFESTS)
    result = run(invented, "--manifest", name)
    assert result.exit_code == 2
    expected = (MANIFESTS / f"{name}.expected").read_text(encoding="utf-8").splitlines()
    assert result.stderr.splitlines()[:-1] == expected
    assert "nothing ingested" in result.stderr.splitlines()[-1]
    assert new_sidecars(invented) == []


@pytest.mark.parametrize(("args", "message"), [
    ((), "give SOURCE arguments or --manifest FILE"),
    (("page.txt", "--manifest", "good.csv"), "give SOURCE arguments or --manifest FILE"),
    (("--manifest", "good.csv", "--title", "T"), "--url and --title describe one article"),
])
def test_sources_and_a_manifest_do_not_mix(invented: Path, args: tuple[str, ...], message: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(MANIFESTS)
    result = run(invented, *args)
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "bad.csv:1:1: [manifest-format] no header row"),
    (b"source,author\n", "bad.csv:1:8: [manifest-column] unknown column 'author'"),
    (b"url,outlet\n", "bad.csv:1:1: [manifest-column] no 'source' column"),
    (b"source\n\xff.txt\n", "bad.csv:2:1: [encoding] not valid UTF-8 (byte 0xFF)"),
    (b"source,url\n\n", "bad.csv:1:1: [manifest-empty] the manifest lists no sources"),
])
def test_a_broken_csv_is_one_clear_problem(tmp_path: Path, content: bytes, problem: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.csv").write_bytes(content)
    _, problems = read_manifest(Path("bad.csv"))
    assert any(str(p).startswith(problem) for p in problems), problems


def test_an_empty_yaml_manifest_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text("sources: []\n", encoding="utf-8")
    _, problems = read_manifest(tmp_path / "m.yaml")
    assert [p.code for p in problems] == ["manifest-empty"]


def test_a_source_that_fails_names_its_row_and_the_others_go_in(invented: Path,
                                                                 tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("  \n", encoding="utf-8")
    shutil.copy(MANIFESTS.parent / "bom_article.txt", tmp_path / "bom.txt")
    manifest = tmp_path / "m.csv"
    manifest.write_text("source\nblank.txt\nbom.txt\n", encoding="utf-8")
    result = run(invented, "--manifest", str(manifest))
    assert result.exit_code == 2
    assert f"error: {manifest}:2: " in result.stderr and "blank.txt" in result.stderr
    assert len(new_sidecars(invented)) == 1


VALUES = st.text(st.characters(codec="utf-8", exclude_characters="\r\n\x00"), max_size=12)


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(st.fixed_dictionaries({c: VALUES for c in COLUMNS}), max_size=6))
def test_any_csv_manifest_is_read_without_crashing_and_every_problem_is_located(
        rows: list[dict[str, str]], tmp_path_factory: pytest.TempPathFactory) -> None:
    """Property: arbitrary cell values never raise; every problem names a line of a data row
    and a column inside it; a row is either valid or has a problem, never silently dropped."""
    import csv
    import io

    folder = tmp_path_factory.mktemp("m")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([[row[c] for c in COLUMNS] for row in rows])
    manifest = folder / "m.csv"
    manifest.write_text(buffer.getvalue(), encoding="utf-8")
    valid, problems = read_manifest(manifest)
    lines = buffer.getvalue().splitlines()
    for p in problems:
        assert 1 <= p.line <= len(lines) and 1 <= p.column <= max(1, len(lines[p.line - 1]))
    blank = sum(not line.strip() or line.lstrip().startswith("#") for line in lines[1:])
    flagged = {p.line for p in problems}
    assert len(valid) + len(flagged) + blank >= len(rows)
    assert not flagged & {r.line for r in valid}
