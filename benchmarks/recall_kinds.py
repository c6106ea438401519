"""Issue 13's kinds of real error, caught and missed, from a field-test result.

    .venv/bin/python benchmarks/recall_kinds.py RESULTS.json
        [--kinds benchmarks/fieldtest/recall_kinds.yaml] [--held-out SLUG ...]

RESULTS.json is `benchmarks/fieldtest.py --json` output. Its labels are counted as
fieldtest.py counts them: caught when a flag marked real exists for the page and claim, missed
when the pair is in its `missed` list (together: every label of a page it measured). Each
must have one entry in the kinds file (page + claim -> kind 1-9 or "other"). Prints markdown:
caught / missed per kind for the development set (events not held out), for the held-out set
and for both, then one row per label. Exits 2 on inputs that do not agree (a label without a
kind, a kind for no label of a measured event), so a stale kinds file cannot pass silently.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = ("air-india-171-crash-2025", "bolsonaro-coup-verdict-2025", "blue-origin-ns31-2025",
            "oscars-2025", "papal-conclave-2025", "ucl-final-2025", "australia-election-2025",
            "iphone-17-launch-2025", "louvre-heist-2025", "bayrou-confidence-vote-2025",
            "la-wildfires-2025", "google-wiz-2025", "myanmar-quake-2025", "nobel-peace-2025",
            "iberian-blackout-2025", "wimbledon-2025")
KINDS = {
    "1": "weekday with the publication date known",
    "2": "person by description, pronoun or part of a name",
    "3": "wrong name, not a near miss",
    "4": "negated or denied participation",
    "5": "title tense against the publication date",
    "6": "relative time",
    "7": "place by kind, or not in the registry",
    "8": "number in a table or list",
    "9": "plural or variant of an event name",
    "other": "fits none of 1-9",
}
OTHERS = ("figure", "date", "spelling", "office", "place", "wording")


class InputError(Exception):
    """Inputs that do not agree: the message names the file and the entry."""


@dataclass(frozen=True)
class Label:
    event: str
    page: str
    claim: str
    kind: str  # "1".."9" or "other"
    other: str  # which "other" ("" for kinds 1-9)
    note: str
    caught: bool


# --- inputs ------------------------------------------------------------------------------------

def read_kinds(path: Path) -> dict[tuple[str, str, str], tuple[str, str, str]]:
    """(event, page, claim) -> (kind, other, note), checked."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected event -> '<page> <claim>' -> {{kind, note}}")
    kinds = {}
    for event, entries in data.items():
        if not isinstance(entries, dict):
            raise InputError(f"{path}: {event}: expected a mapping of '<page> <claim>' keys")
        for key, entry in entries.items():
            kinds[(str(event), *_key(path, event, key))] = _entry(path, f"{event}: {key}", entry)
    return kinds


def _key(path: Path, event: str, key: object) -> tuple[str, str]:
    parts = str(key).split()
    if len(parts) != 2:
        raise InputError(f"{path}: {event}: key {key!r} is not '<page> <claim>'")
    return parts[0], parts[1]


def _entry(path: Path, where: str, entry: object) -> tuple[str, str, str]:
    if not isinstance(entry, dict):
        raise InputError(f"{path}: {where}: expected {{kind: ..., note: ...}}")
    kind, other = str(entry.get("kind", "")), str(entry.get("other") or "")
    if kind not in KINDS:
        raise InputError(f"{path}: {where}: kind {kind!r} is not 1-9 or 'other'")
    if (kind == "other") != (other in OTHERS):
        raise InputError(f"{path}: {where}: 'other:' ({', '.join(OTHERS)}) goes with, and "
                         "only with, kind 'other'")
    return kind, other, str(entry.get("note") or "")


def read_results(path: Path) -> tuple[list[str], set[tuple[str, str, str]],
                                      set[tuple[str, str, str]]]:
    """The measured events, the caught (event, page, claim) triples and the missed ones."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    events = [row["event"] for row in data["events"]]
    caught = {(f["event"], f["page"], f["claim"]) for f in data["flags"] if f["real"]}
    missed = {(m["event"], m["page"], m["claim"]) for m in data["missed"]}
    return events, caught, missed


def join(kinds_path: Path, results: Path) -> list[Label]:
    events, caught, missed = read_results(results)
    kinds = read_kinds(kinds_path)
    if caught & missed:
        raise InputError(f"{results}: both caught and missed: {sorted(caught & missed)}")
    labels = []
    for triple in sorted(caught | missed):
        if triple not in kinds:
            raise InputError(f"{kinds_path}: no kind for {triple[0]} '{triple[1]} {triple[2]}'")
        kind, other, note = kinds.pop(triple)
        labels.append(Label(*triple, kind, other, note, triple in caught))
    stale = sorted(t for t in kinds if t[0] in events)
    if stale:
        listed = ", ".join(f"{e} '{p} {c}'" for e, p, c in stale)
        raise InputError(f"{kinds_path}: kinds for no label of a measured event: {listed}")
    return labels


# --- output ------------------------------------------------------------------------------------

def _count(labels: Iterable[Label]) -> tuple[int, int]:
    chosen = list(labels)
    return sum(lb.caught for lb in chosen), sum(not lb.caught for lb in chosen)


def _row(name: str, labels: Sequence[Label]) -> str:
    caught, missed = _count(labels)
    share = f"{100 * caught / (caught + missed):.0f}%" if caught + missed else "-"
    return f"| {name} | {caught} | {missed} | {share} |"


def kind_table(title: str, labels: Sequence[Label]) -> str:
    lines = [f"### {title}", "", "| kind | caught | missed | caught share |",
             "|---|---:|---:|---:|"]
    for kind, name in KINDS.items():
        of_kind = [lb for lb in labels if lb.kind == kind]
        lines.append(_row(f"{kind}: {name}" if kind != "other" else "other", of_kind))
        if kind == "other":
            lines += [_row(f"&nbsp;&nbsp;other: {which}", [lb for lb in of_kind
                                                          if lb.other == which])
                      for which in OTHERS]
    lines.append(_row("**all**", labels))
    return "\n".join(lines)


def label_list(labels: Sequence[Label]) -> str:
    lines = ["| event | page | claim | kind | caught? | the error, in short |",
             "|---|---|---|---|---|---|"]
    for lb in labels:
        kind = f"other: {lb.other}" if lb.kind == "other" else lb.kind
        lines.append(f"| {lb.event} | {lb.page} | `{lb.claim}` | {kind} | "
                     f"{'caught' if lb.caught else 'missed'} | {lb.note} |")
    return "\n".join(lines)


def report(labels: Sequence[Label], held_out: Sequence[str]) -> str:
    dev = [lb for lb in labels if lb.event not in held_out]
    out = [lb for lb in labels if lb.event in held_out]
    dev_events = sorted({lb.event for lb in dev})
    return "\n\n".join([
        kind_table(f"Development set ({len(dev_events)} events with labels)", dev),
        kind_table(f"Held-out sets 3 to 10 ({', '.join(held_out)})", out),
        kind_table("Both sets", labels),
        "### Every label", label_list(labels)]) + "\n"


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("results", type=Path, help="benchmarks/fieldtest.py --json output")
    parser.add_argument("--kinds", type=Path,
                        default=ROOT / "benchmarks" / "fieldtest" / "recall_kinds.yaml")
    parser.add_argument("--held-out", nargs="+", default=list(HELD_OUT), metavar="SLUG")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    try:
        labels = join(args.kinds, args.results)
    except (InputError, OSError, KeyError, json.JSONDecodeError, yaml.YAMLError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(report(labels, args.held_out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
