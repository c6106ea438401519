"""benchmarks/fieldtest.py on the invented fixture event in tests/data/fieldtest (its README)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "fieldtest"
SCRIPT = ROOT / "benchmarks" / "fieldtest.py"


def fieldtest(*args: str, events: Path = FIXTURE / "events") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "--events", str(events),
                           "--pages", str(FIXTURE / "pages"), *args],
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def report() -> dict[str, object]:
    done = fieldtest("--json")
    assert done.returncode == 0, done.stderr
    again = fieldtest("--json")
    assert again.stdout == done.stdout  # deterministic
    document: dict[str, object] = json.loads(done.stdout)
    return document


def test_every_column_of_the_table_is_counted(report: dict[str, object]) -> None:
    row = {"event": "veloria-mayor", "pages": 4, "false": 1, "caught": 1, "missed": 1,
           "false_per_100": 25.0, "refused": 0, "example_mismatches": 0,
           "false_by_kind": {"spelling": 1}}
    assert report["events"] == [row]
    assert report["total"] == {**row, "event": "TOTAL"}
    assert report["missed"] == [{"event": "veloria-mayor", "page": "vm004",
                                 "claim": "mayor-office"}]


def test_flags_are_marked_real_or_false(report: dict[str, object]) -> None:
    flags = report["flags"]
    assert isinstance(flags, list)
    assert [(f["page"], f["claim"], f["kind"], f["real"]) for f in flags] == [
        ("vm002", "mayor-office", "office", True), ("vm003", "mayor-spelling", "spelling", False)]
    assert all(f["line"] >= 1 and f["sentence"] and f["reason"] for f in flags)


def test_the_text_table_and_the_flag_list() -> None:
    done = fieldtest("--show-flags")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[2].split() == ["veloria-mayor", "4", "1", "1", "1", "25.0"]
    assert lines[3].split() == ["TOTAL", "4", "1", "1", "1", "25.0"]
    assert any(line.startswith("REAL  veloria-mayor/vm002 mayor-office (office) 4:")
               for line in lines)
    assert any(line.startswith("FALSE veloria-mayor/vm003 mayor-spelling (spelling) 3:")
               for line in lines)
    assert "false by claim kind, veloria-mayor: spelling 1" in lines
    assert "MISSED veloria-mayor/vm004 mayor-office" in lines


@pytest.mark.parametrize(("file", "text", "message"), [
    ("labels.yaml", "vm002:\n  - claim: no-such-claim\n", "no claim 'no-such-claim'"),
    ("labels.yaml", "vm999: []\n", "'vm999' is not in pages.tsv"),
    ("labels.yaml", "vm002: [{note: x}]\n", "neither a claim id"),
    ("pages.tsv", "id\turl\nvm001\thttps://x.example\n", "pages.tsv:2: 2 tab-separated cells"),
    ("pages.tsv", "vm001\thttps://x.example\t28 Oct\t\t\n", "is not YYYY-MM-DD"),
])
def test_broken_inputs_exit_2_naming_the_file(tmp_path: Path, file: str, text: str,
                                               message: str) -> None:
    shutil.copytree(FIXTURE / "events", tmp_path / "events")
    (tmp_path / "events" / "veloria-mayor" / file).write_text(text, encoding="utf-8")
    done = fieldtest(events=tmp_path / "events")
    assert done.returncode == 2
    assert file in done.stderr and message in done.stderr, done.stderr
