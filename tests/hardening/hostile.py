"""Helpers for the hardening tests: fixture projects copied to a temporary folder, and
the real console script run in a subprocess with a hang guard (a generous timeout: a hang is a
failure, no timing is measured)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECTS = ROOT / "tests" / "data" / "projects"
HANG = 180  # seconds: only a hang takes this long
KEY = "defender-key-0123456789abcdef"  # the CI machine's secret in these tests


def copy(name: str, to: Path) -> Path:
    shutil.copytree(PROJECTS / name, to, ignore=shutil.ignore_patterns(".verifier-cache"))
    return to


def environment(key: str = KEY, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VERIFIER_")}
    env.update({"VERIFIER_CACHE_KEY": key, "NO_COLOR": "1", **more})
    return env


def verifier(root: Path, *args: str, key: str = KEY, **env: str
             ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "verifier", *args], cwd=root,
                          capture_output=True, text=True, timeout=HANG,
                          env=environment(key, **env), check=False)


def gate(root: Path, *args: str, key: str = KEY) -> subprocess.CompletedProcess[str]:
    """The pytest gate on a project (its own pytest.ini turns the plugin and its cache on);
    `args`: more pytest options."""
    (root / "pytest.ini").write_text("[pytest]\nverifier_claims = claims\n"
                                     "verifier_articles = seeds\ntestpaths = claims seeds\n",
                                     encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-p", "no:randomly", *args], cwd=root, capture_output=True, text=True,
                          timeout=HANG, env=environment(key), check=False)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                    "-c", "commit.gpgsign=false", *args], cwd=root, check=True,
                   capture_output=True, timeout=HANG)
