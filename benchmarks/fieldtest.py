"""Field test: real pages of several news events through `verifier ingest` and `verifier check`.

    .venv/bin/python benchmarks/fieldtest.py [--pages /work/devset] [--event SLUG ...]
        [--events benchmarks/fieldtest] [--engine-repo PATH] [--show-flags] [--json]

Layout, per event (a folder under --events, named by the event's slug):

    <slug>/claims/      entities.yaml and claim files, as a user writes them
    <slug>/pages.tsv    id, url, published (YYYY-MM-DD or empty), outlet, title; a header row
    <slug>/labels.yaml  page id -> the claims the page really contradicts:
                            p001:
                              - claim: some-claim-id
                                note: why the page is wrong
                            p002: []
                        (a plain claim id, or a mapping claim id -> note, are read too)
    --pages/<slug>/<id>.txt   the page text: copied material, kept outside the repository

For every event whose pages are present, a throw-away project is built (the event's claims,
the engine's schemas, each page ingested with `verifier ingest` and its pages.tsv metadata),
`verifier check --format json --no-cache` is run, and the contradicted (page, claim) pairs are
compared with the labels: a flag nobody labelled is a false contradiction, a labelled one is a
real error caught, a label without a flag is missed. --engine-repo runs another tree's
verifier (its .venv if it has one) on the same inputs, so an engine change can be measured.

A measurement, not a test: it exits 0 whatever it counts, 2 when the inputs are broken (a
malformed pages.tsv or labels.yaml, a label naming an unknown page or claim, claims the engine
cannot load).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ("id", "url", "published", "outlet", "title")
PAGE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


class InputError(Exception):
    """Broken inputs: the message names the file (and line) and what is wrong."""


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    published: str
    outlet: str
    title: str


@dataclass(frozen=True)
class Event:
    slug: str
    folder: Path
    pages: tuple[Page, ...]
    labels: dict[str, dict[str, str]]  # page id -> claim id -> note


@dataclass(frozen=True)
class Flag:
    page: str
    claim: str
    kind: str
    line: int
    column: int
    reason: str
    sentence: str
    real: bool


@dataclass
class Measured:
    slug: str
    pages: int = 0
    false: int = 0
    caught: int = 0
    missed: int = 0
    refused: list[str] = field(default_factory=list)
    example_mismatches: int = 0
    flags: list[Flag] = field(default_factory=list)
    missed_pairs: list[tuple[str, str]] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        per100 = round(100 * self.false / self.pages, 1) if self.pages else 0.0
        return {"event": self.slug, "pages": self.pages, "false": self.false,
                "caught": self.caught, "missed": self.missed, "false_per_100": per100,
                "refused": len(self.refused), "example_mismatches": self.example_mismatches,
                "false_by_kind": self.false_by_kind()}

    def false_by_kind(self) -> dict[str, int]:
        """False contradictions (pairs) per claim kind: phrases are the user's own patterns."""
        pairs = {(f.page, f.claim, f.kind) for f in self.flags if not f.real}
        kinds = sorted({kind for _, _, kind in pairs})
        return {kind: sum(k == kind for _, _, k in pairs) for kind in kinds}


# --- inputs ------------------------------------------------------------------------------------

def read_pages(path: Path) -> tuple[Page, ...]:
    pages: dict[str, Page] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        cells = line.split("\t")
        if not line.strip() or (number == 1 and cells[0] == "id"):
            continue
        if len(cells) != len(COLUMNS):
            raise InputError(f"{path}:{number}: {len(cells)} tab-separated cells, expected "
                             f"{len(COLUMNS)} ({', '.join(COLUMNS)})")
        page = Page(*(cell.strip() for cell in cells))
        if not PAGE_ID.match(page.id) or page.id in pages:
            raise InputError(f"{path}:{number}: page id {page.id!r} is malformed or repeated")
        if page.published and not DATE.match(page.published):
            raise InputError(f"{path}:{number}: published {page.published!r} is not YYYY-MM-DD")
        pages[page.id] = page
    return tuple(sorted(pages.values(), key=lambda p: p.id))


def read_labels(path: Path, page_ids: set[str]) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise InputError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping of page id -> list of claims")
    labels = {}
    for key, entries in data.items():
        page = _page_key(key, page_ids)
        if page is None:
            raise InputError(f"{path}: page {key!r} is not in pages.tsv")
        labels[page] = _label_entries(path, page, entries)
    return labels


def _page_key(key: object, page_ids: set[str]) -> str | None:
    if str(key) in page_ids:
        return str(key)
    if isinstance(key, int):  # an unquoted 007 is read as the number 7
        return next((p for p in page_ids if p.isdigit() and int(p) == key), None)
    return None


def _label_entries(path: Path, page: str, entries: object) -> dict[str, str]:
    if entries is None:
        return {}
    if isinstance(entries, dict):
        entries = [{"claim": claim, "note": note} for claim, note in entries.items()]
    if not isinstance(entries, list):
        raise InputError(f"{path}: {page}: expected a list of claims")
    claims: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry, str):
            claims[entry] = ""
        elif isinstance(entry, dict) and isinstance(entry.get("claim"), str):
            claims[entry["claim"]] = str(entry.get("note") or "")
        else:
            raise InputError(f"{path}: {page}: {entry!r} is neither a claim id nor "
                             "{claim: ..., note: ...}")
    return claims


def read_event(folder: Path) -> Event:
    for needed in ("claims", "pages.tsv"):
        if not (folder / needed).exists():
            raise InputError(f"{folder}: no {needed}")
    pages = read_pages(folder / "pages.tsv")
    labels = read_labels(folder / "labels.yaml", {p.id for p in pages})
    return Event(folder.name, folder, pages, labels)


# --- running the engine -------------------------------------------------------------------------

@dataclass(frozen=True)
class Engine:
    repo: Path

    @property
    def python(self) -> str:
        own = self.repo / ".venv" / "bin" / "python"
        return str(own) if own.exists() else sys.executable

    def run(self, args: Sequence[str], root: Path) -> subprocess.CompletedProcess[str]:
        # no __pycache__ written into another developer's tree
        env = dict(os.environ, NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1",
                   PYTHONPATH=os.pathsep.join([str(self.repo), os.environ.get("PYTHONPATH", "")]))
        return subprocess.run([self.python, "-m", "verifier", *args], cwd=root, env=env,
                              capture_output=True, text=True, check=False)

    def describe(self) -> str:
        rev = subprocess.run(["git", "-C", str(self.repo), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=False).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(self.repo), "status", "--porcelain", "--",
                                "verifier"], capture_output=True, text=True,
                               check=False).stdout.strip()
        return f"{rev or 'unknown'}{' + uncommitted changes' if dirty else ''}"


def build_project(event: Event, texts: Path, engine: Engine, root: Path,
                  measured: Measured) -> dict[str, str]:
    """Claims, schemas and every present page ingested into `root`; article path -> page id."""
    shutil.copytree(event.folder / "claims", root / "claims")
    shutil.copytree(engine.repo / "schema", root / "schema")
    (root / "seeds").mkdir()
    articles: dict[str, str] = {}
    for page in event.pages:
        source = (texts / f"{page.id}.txt").resolve()
        if not source.exists():
            continue
        before = set((root / "seeds").glob("*.txt"))
        done = engine.run(["ingest", str(source), "--root", ".", "--no-check",
                           "--allow-near-duplicate", *_metadata(page)], root)
        new = sorted(set((root / "seeds").glob("*.txt")) - before)
        if done.returncode != 0 or len(new) != 1:
            measured.refused.append(page.id)
            print(f"warning: {event.slug}/{page.id}: not ingested: "
                  f"{done.stderr.strip().splitlines()[-1:] or done.returncode}", file=sys.stderr)
            continue
        articles[f"seeds/{new[0].name}"] = page.id
    return articles


def _metadata(page: Page) -> list[str]:
    options = [("--url", page.url), ("--published", page.published),
               ("--outlet", page.outlet), ("--title", page.title)]
    return [part for option, value in options if value for part in (option, value)]


def check(engine: Engine, root: Path, slug: str) -> dict[str, Any]:
    done = engine.run(["check", "--format", "json", "--no-cache"], root)
    try:
        report: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise InputError(f"{slug}: verifier check gave no JSON report (exit "
                         f"{done.returncode}): {done.stderr.strip()[-2000:]}") from None
    return report


# --- comparing ----------------------------------------------------------------------------------

def measure(event: Event, texts: Path, engine: Engine) -> Measured:
    measured = Measured(event.slug)
    with tempfile.TemporaryDirectory(prefix=f"fieldtest-{event.slug}-") as tmp:
        articles = build_project(event, texts, engine, Path(tmp), measured)
        report = check(engine, Path(tmp), event.slug)
    _problems(event, report, measured)
    kinds = {c["id"]: c["kind"] for c in report["claims"]}
    _known_claims(event, set(kinds))
    measured.pages = len(articles)
    flagged: set[tuple[str, str]] = set()
    for result in report["results"]:
        if result["verdict"] != "contradicted" or result["article"] not in articles:
            continue
        page, claim = articles[result["article"]], result["claim"]
        real = claim in event.labels.get(page, {})
        flagged.add((page, claim))
        measured.caught += real
        measured.false += not real
        measured.flags.extend(_flags(page, claim, kinds[claim], real, result["evidence"]))
    present = set(articles.values())
    measured.missed_pairs = sorted((page, claim) for page, claims in event.labels.items()
                                   for claim in claims
                                   if page in present and (page, claim) not in flagged)
    measured.missed = len(measured.missed_pairs)
    measured.flags.sort(key=lambda f: (f.page, f.claim, f.line, f.column))
    return measured


def _flags(page: str, claim: str, kind: str, real: bool,
           evidence: Iterable[dict[str, Any]]) -> list[Flag]:
    return [Flag(page, claim, kind, e["line"], e["column"], e["reason"], e["text"], real)
            for e in evidence if e["polarity"] == "contradict"]


def _problems(event: Event, report: dict[str, Any], measured: Measured) -> None:
    for problem in report["problems"]:
        where = f"{event.slug}: {problem['file']}:{problem['line']}:{problem['column']}"
        text = f"{where}: [{problem['code']}] {problem['message']}"
        if problem["code"] == "example-mismatch":
            measured.example_mismatches += 1
            print(f"warning: {text}", file=sys.stderr)
        elif problem["level"] == "error":
            raise InputError(text)
        else:
            print(f"warning: {text}", file=sys.stderr)


def _known_claims(event: Event, claims: set[str]) -> None:
    for page, labelled in sorted(event.labels.items()):
        for claim in sorted(set(labelled) - claims):
            raise InputError(f"{event.folder / 'labels.yaml'}: {page}: no claim {claim!r}")


# --- output -------------------------------------------------------------------------------------

HEADER = ("event", "pages", "false", "caught", "missed", "false/100")


def total(rows: Sequence[Measured]) -> Measured:
    whole = Measured("TOTAL")
    for m in rows:
        whole.flags += m.flags
        whole.pages += m.pages
        whole.false += m.false
        whole.caught += m.caught
        whole.missed += m.missed
        whole.refused += m.refused
        whole.example_mismatches += m.example_mismatches
    return whole


def table(rows: Sequence[Measured]) -> str:
    width = max([len("event"), *(len(m.slug) for m in rows)])
    lines = [f"{HEADER[0]:<{width}}  " + "  ".join(f"{h:>9}" for h in HEADER[1:])]
    for m in [*rows, total(rows)]:
        r = m.row()
        cells = (r["pages"], r["false"], r["caught"], r["missed"], f"{r['false_per_100']:.1f}")
        lines.append(f"{m.slug:<{width}}  " + "  ".join(f"{c:>9}" for c in cells))
    lines.append("false: flagged, not labelled; caught: labelled and flagged; "
                 "missed: labelled, not flagged")
    for m in [*rows, total(rows)]:
        kinds = ", ".join(f"{kind} {n}" for kind, n in m.false_by_kind().items())
        lines.append(f"false by claim kind, {m.slug}: {kinds or 'none'}")
    return "\n".join(lines)


def show_flags(rows: Sequence[Measured]) -> str:
    out = []
    for m in rows:
        for f in m.flags:
            mark = "REAL " if f.real else "FALSE"
            out.append(f"{mark} {m.slug}/{f.page} {f.claim} ({f.kind}) {f.line}:{f.column}: "
                       f"{f.reason}\n"
                       f"      | {' '.join(f.sentence.split())}")
        out.extend(f"MISSED {m.slug}/{page} {claim}" for page, claim in m.missed_pairs)
    return "\n".join(out)


def as_json(rows: Sequence[Measured], engine: str) -> str:
    document = {"engine": engine, "events": [m.row() for m in rows],
                "total": total(rows).row(),
                "flags": [{"event": m.slug, "page": f.page, "claim": f.claim, "kind": f.kind,
                           "line": f.line,
                           "column": f.column, "reason": f.reason, "sentence": f.sentence,
                           "real": f.real} for m in rows for f in m.flags],
                "missed": [{"event": m.slug, "page": p, "claim": c}
                           for m in rows for p, c in m.missed_pairs]}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)


# --- command line -------------------------------------------------------------------------------

def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=Path("/work/devset"),
                        help="folder of <slug>/<id>.txt page texts")
    parser.add_argument("--events", type=Path, default=ROOT / "benchmarks" / "fieldtest",
                        help="folder of the events' claims, pages.tsv and labels.yaml")
    parser.add_argument("--event", action="append", default=[], metavar="SLUG",
                        help="measure only this event (repeatable)")
    parser.add_argument("--engine-repo", type=Path, default=ROOT,
                        help="the tree whose verifier runs (default: this one)")
    parser.add_argument("--show-flags", action="store_true",
                        help="list every flag, marked REAL or FALSE, and every missed label")
    parser.add_argument("--json", action="store_true", help="the table as JSON")
    return parser.parse_args(argv)


def chosen_events(args: argparse.Namespace) -> list[Event]:
    slugs = args.event or sorted(p.name for p in args.events.iterdir() if p.is_dir())
    events = []
    for slug in slugs:
        if not (args.events / slug).is_dir():
            raise InputError(f"{args.events / slug}: no such event")
        if (args.pages / slug).is_dir():
            events.append(read_event(args.events / slug))
        else:
            print(f"note: {slug}: no pages under {args.pages / slug}; skipped", file=sys.stderr)
    return events


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    engine = Engine(args.engine_repo.resolve())
    try:
        events = chosen_events(args)
        rows = [measure(event, args.pages / event.slug, engine) for event in events]
    except (InputError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(as_json(rows, engine.describe()))
        return 0
    print(f"engine: {engine.describe()}")
    print(table(rows))
    if args.show_flags:
        print()
        print(show_flags(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
