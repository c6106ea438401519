"""Small synthetic projects on disk (benchmarks/synth.py), for the scale tests: parallel runs,
the verdict cache and the Dask backend. The big sizes live in benchmarks/bench.py only. A module
of its own name, not conftest: another test folder's conftest would shadow it when both folders
run in one pytest call."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the benchmarks package, which writes the synthetic projects
    sys.path.insert(0, str(ROOT))

from benchmarks.project import write  # noqa: E402
from benchmarks.synth import Corpus, build  # noqa: E402
from verifier.execution import runner  # noqa: E402
from verifier.execution.workers import Execution  # noqa: E402
from verifier.load.project import load_project  # noqa: E402
from verifier.model import Result  # noqa: E402

TODAY = dt.date(2026, 1, 1)


def make(folder: Path, articles: int, claims: int, seed: int = 11) -> Corpus:
    """A synthetic project of short articles, half of them with a planted contradiction."""
    corpus = build(articles, claims, seed=seed, words=120, planted_share=0.5)
    write(folder, corpus)
    return corpus


def run(folder: Path, execution: Execution) -> Result:
    return runner.run(load_project(folder), execution=execution, today=TODAY)


# Ways to damage a cache file, for the cache and memo tests.
def truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xff garbage \x80" * 40)


def altered(path: Path) -> None:  # a changed byte: the checksum no longer holds
    data = path.read_bytes()
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
