"""A fuzz campaign over the loaders, the engine and every renderer (issue 14).

    .venv/bin/python benchmarks/fuzz.py [--examples N] [--targets a,b] [--root DIR] [--seed S]

Hypothesis drives it: each target takes bytes, drawn as mutations (splices, insertions of
hostile pieces, deletions, duplications, random bytes) of seed files, which are the repository's
own files (claim files, sidecars, articles, test data). A target may return or raise what its
contract allows (a Problem, an IngestError); anything else is a finding, and so is an input
whose reports differ between two runs (non-determinism) or one that takes longer than
--hang seconds (interrupted with SIGALRM). Findings are counted, their tracebacks printed once
per distinct place, and their inputs written to tests/data/fuzz/<target>/, which
tests/hardening/test_fuzz_regressions.py replays on every test run. The last line is the
summary: inputs tried, findings, hangs, non-deterministic outputs.

Targets:
  yaml      source.load_yaml, then schema validation as claims, entities, acknowledgements and
            article metadata
  project   a whole project on disk (a fuzzed claim file, sidecar and article beside the
            --root project's own files) through load_project, the engine and every renderer
  article   an article text through the engine (--root's claims) and every renderer, twice
  text      normalisation, segmentation, dates (against the calendar's ends) and values
  ingest    verifier.ingest.encoding.decode with a declared charset
  reports   every renderer over a result holding the input in every field
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import shutil
import signal
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
CRASHES = ROOT / "tests" / "data" / "fuzz"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from verifier.ingest.base import IngestError, Raw  # noqa: E402
from verifier.problems import ProblemError  # noqa: E402

PIECES = [b"\n", b"\r\n", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\x1b[2J", b"\xc2\x85",
          b"\xe2\x80\xa8", b"\xef\xbf\xbe", b"::error::x", b"%0A", b"&a [", b"*a", b"!!python/",
          b"- ", b": ", b"{", b"[", b"'", b'"', b"#", b"---\n", b"...\n", b"? ", b"|\n", b">\n",
          b"9" * 40, b"0001-01-01", b"9999-12-31", b"last week", b"on Tuesday", b"5% of GDP",
          b"$550 billion", b"former President", b"Prime Minister", b"Takaichy", b"Mr. ",
          b"http://2130706433/", b"www\xef\xbc\x8eexample.com", b"<script>", b"]]>", b"`",
          b"\t", b" " * 50, b"." * 30, b"\xf0\x9f\x98\x80", b"\xed\xa0\x80", b"\x80", b"\xc3("]
LABELS = ["utf-8", "utf-16", "shift_jis", "cp1252", "rot-13", "undefined", "latin1", "gbk",
          "koi8-r", "", "x" * 50, "utf-8\x00", "base64"]
PUBLISHED = [None, dt.date(1, 1, 1), dt.date(1, 1, 7), dt.date(9999, 12, 31),
             dt.date(2025, 10, 28)]


class Hang(Exception):
    """An input ran past --hang seconds."""


# --- seeds and mutations ----------------------------------------------------------------------


@cache
def seed_files(root: Path) -> tuple[bytes, ...]:
    """The files of the `root` project (its claims and articles) and the test data."""
    found = []
    for folder, pattern in [(root / "claims", "*.yaml"), (root / "seeds", "*.txt"),
                            (root / "seeds", "*.meta.yaml"),
                            (ROOT / "tests" / "data", "**/*.yaml"),
                            (ROOT / "tests" / "data", "**/*.txt")]:
        for path in sorted(folder.glob(pattern)):
            if path.is_file() and not path.is_symlink() and path.stat().st_size < 200_000:
                found.append(path.read_bytes())
    return tuple(found) or (b"claims: []\n",)


@st.composite
def mutated(draw: Any, root: Path) -> bytes:
    data = bytearray(draw(st.sampled_from(seed_files(root))))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["piece", "bytes", "delete", "duplicate", "splice"]))
        if kind == "piece":
            data[at:at] = draw(st.sampled_from(PIECES)) * draw(st.integers(1, 4))
        elif kind == "bytes":
            data[at:at] = draw(st.binary(max_size=16))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 200))]
        elif kind == "duplicate":
            data[at:at] = data[at:at + draw(st.integers(1, 400))] * draw(st.integers(1, 3))
        else:
            other = draw(st.sampled_from(seed_files(root)))
            lo = draw(st.integers(0, len(other)))
            data[at:at] = other[lo:lo + draw(st.integers(1, 600))]
    return bytes(data)


# --- targets ------------------------------------------------------------------------------------


def target_yaml(data: bytes, root: Path) -> None:
    from verifier.load.schema import validate
    from verifier.load.source import load_yaml

    try:
        document, locations = load_yaml("claims/fuzz.yaml", data)
    except ProblemError:
        return
    for schema in ("claims", "entities", "acknowledgements", "article"):
        validate(schema, document, "claims/fuzz.yaml", locations)


def target_text(data: bytes, root: Path) -> None:
    from verifier.text.dates import find_dates
    from verifier.text.normalize import normalize
    from verifier.text.segment import segment
    from verifier.text.values import extract

    text = data.decode("utf-8", "replace")
    norm = normalize(text)
    for s in segment(norm.text):
        norm.line_col(norm.original_offset(s.start))
    for published in PUBLISHED:
        find_dates(norm.text, published=published)
    extract(norm.text, 0, None, PUBLISHED[-1])


def target_ingest(data: bytes, root: Path) -> None:
    from verifier.ingest.encoding import decode

    label, _, body = data.partition(b"\x00")
    try:
        decode(Raw("fuzz.html", body or data, "html", label.decode("latin-1")[:60] or None))
    except IngestError:
        return


def target_article(data: bytes, root: Path) -> None:
    from verifier.load.source import decode_utf8
    from verifier.model import Article, ArticleMeta

    try:
        text = decode_utf8("seeds/fuzz.txt", data, "")
    except ProblemError:
        return
    published = PUBLISHED[len(data) % len(PUBLISHED)]
    project = dataclasses.replace(loaded(root), articles=(
        Article("seeds/fuzz.txt", text, ArticleMeta(published=published)),))
    _reports_twice(project)


def target_project(data: bytes, root: Path) -> None:
    from verifier.load.project import load_project

    with tempfile.TemporaryDirectory() as tmp:
        here = Path(tmp) / "p"
        shutil.copytree(root / "claims", here / "claims")
        (here / "seeds").mkdir()
        third = max(1, len(data) // 3)
        (here / "claims" / "fuzz.yaml").write_bytes(data[:third])
        (here / "seeds" / "fuzz.meta.yaml").write_bytes(data[third:2 * third])
        (here / "seeds" / "fuzz.txt").write_bytes(data[2 * third:] or data)
        _reports_twice(load_project(here))


def target_reports(data: bytes, root: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "hardening"))
    # the fields a report shows, all hostile (a test module: not a package to type-check)
    from test_hostile_reports import hostile_result  # type: ignore[import-not-found]

    result = hostile_result(data.decode("utf-8", "replace"))
    _check_formats({fmt: _render(fmt, result) for fmt in _formats()})


TARGETS: dict[str, Callable[[bytes, Path], None]] = {
    "yaml": target_yaml, "text": target_text, "ingest": target_ingest,
    "reports": target_reports, "article": target_article, "project": target_project}


@cache
def loaded(root: Path) -> Any:
    from verifier.load.project import load_project

    return load_project(root)


class NonDeterministic(Exception):
    """Two runs on the same input gave different reports."""


def _formats() -> list[str]:
    from verifier.report import RENDERERS

    return sorted(RENDERERS)


def _render(fmt: str, result: Any) -> str:
    from verifier.report import render

    return render(fmt, result)


def _reports_twice(project: Any) -> None:
    from verifier.execution import runner
    from verifier.problems import FAILURE

    today = dt.date(2026, 1, 1)
    first = runner.run(project, today=today)
    if any(p.code == FAILURE for p in first.problems):
        _raise_the_failure(project)
    second = runner.run(project, today=today)
    one = {fmt: _render(fmt, first) for fmt in _formats()}
    two = {fmt: _render(fmt, second) for fmt in _formats()}
    if one != two:
        raise NonDeterministic(", ".join(f for f in one if one[f] != two[f]))
    _check_formats(one)


def _raise_the_failure(project: Any) -> None:
    """A run reports the verifier failing on an article or claim example as a problem, and goes
    on; a campaign wants the exception itself, raised where it was."""
    from verifier.execution.backend import raise_failure

    raise_failure(project.claims, project.entities, project.articles)
    raise AssertionError("the run reported a verifier failure the engine does not raise again")


def _check_formats(reports: dict[str, str]) -> None:
    json.loads(reports["json"])
    json.loads(reports["sarif"])
    json.loads(reports["claimreview"])
    ET.fromstring(reports["junit"])
    for line in reports["github"].splitlines():
        if not line.startswith(("::error", "::warning", "::notice")):
            raise AssertionError(f"github line that is no command of ours: {line[:80]!r}")


# --- the campaign -------------------------------------------------------------------------------


@dataclasses.dataclass
class Tally:
    inputs: Counter[str] = dataclasses.field(default_factory=Counter)
    findings: Counter[str] = dataclasses.field(default_factory=Counter)
    hangs: int = 0
    nondeterministic: int = 0
    places: dict[str, str] = dataclasses.field(default_factory=dict)


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def ring(*_: Any) -> None:
        raise Hang(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def attempt(name: str, data: bytes, root: Path, tally: Tally, hang: int,
            save: bool = True) -> None:
    tally.inputs[name] += 1
    try:
        with alarm(hang):
            TARGETS[name](data, root)
    except Exception as error:
        if isinstance(error, Hang):
            tally.hangs += 1
        if isinstance(error, NonDeterministic):
            tally.nondeterministic += 1
        where = traceback.extract_tb(error.__traceback__)[-1]
        place = f"{name}: {type(error).__name__} at {Path(where.filename).name}:{where.lineno}"
        tally.findings[place] += 1
        if place not in tally.places:
            tally.places[place] = "".join(traceback.format_exception(error))[-3000:]
            print(f"\n--- finding: {place}\n{tally.places[place]}", file=sys.stderr, flush=True)
            if save:
                folder = CRASHES / name
                folder.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256(data).hexdigest()[:16]
                (folder / f"{digest}.bin").write_bytes(data)


def _runner(name: str, examples: int, root: Path, tally: Tally, hang: int,
            save: bool) -> Callable[[], None]:
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), print_blob=False)
    @given(mutated(root))
    def run(data: bytes) -> None:
        attempt(name, data, root, tally, hang, save)

    return run


def campaign(names: list[str], examples: int, root: Path, hang: int, seed: int | None,
             save: bool = True) -> Tally:
    tally = Tally()
    for name in names:
        run = _runner(name, examples, root, tally, hang, save)
        started = time.monotonic()
        if seed is not None:
            from hypothesis import seed as fix

            run = fix(seed)(run)
        run()
        print(f"{name}: {tally.inputs[name]} inputs in {time.monotonic() - started:.0f} s",
              file=sys.stderr, flush=True)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=200, help="inputs per target")
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--root", type=Path, default=ROOT, help="project whose claims judge")
    parser.add_argument("--hang", type=int, default=60, help="seconds before an input hangs")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--no-save", action="store_true", help="do not write crashing inputs")
    args = parser.parse_args()
    names = [n for n in args.targets.split(",") if n]
    tally = campaign(names, args.examples, args.root.resolve(), args.hang, args.seed,
                     not args.no_save)
    for place, count in tally.findings.most_common():
        print(f"{count:>7}  {place}")
    print(json.dumps({"inputs": sum(tally.inputs.values()), "per_target": dict(tally.inputs),
                      "findings": sum(tally.findings.values()),
                      "distinct": len(tally.findings), "hangs": tally.hangs,
                      "nondeterministic": tally.nondeterministic}))


if __name__ == "__main__":
    main()
