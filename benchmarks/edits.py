"""Measure the engine on the edit cases (tests/data/edits) and on the unedited seeds, with the
claims and seeds of the frozen corpus the cases were written against (tests/data/corpus).

    .venv/bin/python benchmarks/edits.py [--kind KIND] [--evidence]

Prints, per claim kind and overall, precision and recall of "contradicted" (TP: a case that
expects contradicted and gets it; FP: a case that expects supported or silent and gets
contradicted; FN: a case that expects contradicted and does not get it), the exact-verdict
accuracy, the failing cases, and the verdict matrix of the unedited seeds. A measurement, not a
test: it always exits 0.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verifier.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
# The GUIDE's table of contradictions on the seeds; every other seed pair must not contradict.
SEED_CONTRADICTIONS = {
    ("000_6047615237a56730.txt", "takaichi-prime-minister"),
    ("001_833ceba6393617bc.txt", "takaichi-name-spelling"),
    ("002_a4b747bba812908a.txt", "trump-sitting-president"),
    ("002_a4b747bba812908a.txt", "takaichi-prime-minister"),
    ("002_a4b747bba812908a.txt", "summit-location"),
}
MARK = {"supported": "S", "contradicted": "C", "silent": "."}


@dataclass
class Outcome:
    id: str
    kind: str
    change: str
    expect: str
    got: str  # a verdict name, or "error"
    detail: str


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    right: int = 0
    total: int = 0

    def add(self, o: Outcome) -> None:
        self.total += 1
        self.right += o.got == o.expect
        wanted, said = o.expect == "contradicted", o.got == "contradicted"
        self.tp += wanted and said
        self.fp += said and not wanted
        self.fn += wanted and not said

    def row(self, name: str) -> str:
        p = f"{self.tp / (self.tp + self.fp):.2f}" if self.tp + self.fp else "  - "
        r = f"{self.tp / (self.tp + self.fn):.2f}" if self.tp + self.fn else "  - "
        return (f"{name:<12} {self.total:>5} {self.tp:>4} {self.fp:>4} {self.fn:>4}   {p:>9}"
                f" {r:>6}   {self.right:>3}/{self.total:<3}")


def run_cases(engine: Engine, kind: str | None, evidence: bool) -> list[Outcome]:
    # tests/ is put on sys.path by this script: a folder of test helpers, not a package
    from edit_cases import (  # type: ignore[import-not-found]
        case_article,
        case_files,
        load_case,
    )

    outcomes = []
    for path in case_files():
        case = load_case(path)
        if kind and case.kind != kind:
            continue
        try:
            verdict = next(v for v in engine.verify_article(case_article(case))
                           if v.claim == case.claim)
        except Exception as error:  # a crash is a measured failure, not the end of the run
            outcomes.append(Outcome(case.id, case.kind, case.change, case.expect, "error",
                                    f"{type(error).__name__}: {error}"))
            continue
        shown = verdict.evidence if evidence else verdict.evidence[:1]
        detail = "; ".join(f"{e.polarity} {e.line}:{e.column} {e.reason} | {e.text[:160]}"
                           for e in shown)
        outcomes.append(Outcome(case.id, case.kind, case.change, case.expect, verdict.verdict,
                                detail))
    return outcomes


def print_scores(outcomes: list[Outcome]) -> None:
    by_kind: dict[str, Tally] = defaultdict(Tally)
    overall = Tally()
    for o in outcomes:
        by_kind[o.kind].add(o)
        overall.add(o)
    print("Edit cases: precision and recall of 'contradicted'")
    print(f"{'kind':<12} {'cases':>5} {'TP':>4} {'FP':>4} {'FN':>4}   precision recall   exact")
    for kind in sorted(by_kind):
        print(by_kind[kind].row(kind))
    print(overall.row("overall"))
    failing = [o for o in outcomes if o.got != o.expect]
    print(f"\nFailing cases ({len(failing)} of {len(outcomes)}):")
    for o in failing:
        print(f"  {o.id} [{o.change}] expected {o.expect}, got {o.got}")
        if o.detail:
            print(f"      {o.detail}")


def print_seed_matrix(engine: Engine) -> None:
    from edit_cases import seed_article, seed_names

    names = seed_names()
    verdicts = {}
    for name in names:
        for v in engine.verify_article(seed_article(name)):
            verdicts[name, v.claim] = v.verdict
    claims = sorted({claim for _, claim in verdicts})
    print("\nUnedited seeds (S supported, C contradicted, . silent; ! differs from the GUIDE's "
          "contradiction table)")
    print(f"{'claim':<32} " + " ".join(f"{n[:3]:>4}" for n in names))
    for claim in claims:
        cells = []
        for name in names:
            got = verdicts[name, claim]
            expected_c = (name, claim) in SEED_CONTRADICTIONS
            flag = "!" if (got == "contradicted") != expected_c else " "
            cells.append(f"{MARK[got]:>3}{flag}")
        print(f"{claim:<32} " + " ".join(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", help="only cases of this claim kind")
    parser.add_argument("--evidence", action="store_true", help="show all evidence of failures")
    args = parser.parse_args(argv)
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
    try:
        from edit_cases import shipped

        from verifier.engine import Engine as Built

        claims, entities = shipped()
        engine = Built(claims, entities)
    except Exception:
        print("The engine could not be built; nothing measured:")
        traceback.print_exc(file=sys.stdout)
        return 0
    print_scores(run_cases(engine, args.kind, args.evidence))
    try:
        print_seed_matrix(engine)
    except Exception:
        traceback.print_exc(file=sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
