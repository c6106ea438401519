"""Benchmark `verifier check` on seeded synthetic corpora (see benchmarks/synth.py).

    .venv/bin/python benchmarks/bench.py          # 100, 1,000, 10,000 articles x 100, 1,000 claims
    .venv/bin/python benchmarks/bench.py --quick  # 100 and 1,000 articles only
    options: --jobs N (default: one per core), --repeat K (best of K), --data DIR (projects,
             reused between runs), --no-pytest, --no-incremental, --incremental-only

Every run is a fresh `verifier check --no-cache` process (cold). Per size it prints the wall time,
articles/s, MB/s of article text, peak RSS (largest process, and the summed process tree), and
the planted contradictions found plus any unexpected ones, then the scaling exponents fitted on
log(time) against log(articles) and log(claims), plain `pytest` against `verifier check` on the
largest corpus, and a warm re-run after adding one article. A measurement, not a test: it exits 1
only when a planted contradiction is missed or an unexpected one appears.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import measure
from benchmarks.project import materialise, write_article
from benchmarks.synth import build

ARTICLES, CLAIMS, SEED = (100, 1_000, 10_000), (100, 1_000), 7


@dataclass(frozen=True)
class Row:
    size: tuple[int, int]  # as asked (articles, claims)
    articles: int
    claims: int  # as generated: three claims per invented fact
    megabytes: float
    best: measure.Measured
    found: int
    planted: int
    unexpected: int


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    data = Path(args.data)
    sizes = [(a, c) for a in (ARTICLES[:2] if args.quick else ARTICLES) for c in CLAIMS]
    print(f"verifier check --no-cache --jobs {args.jobs}, best of {args.repeat}; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}; {probe()}", flush=True)
    print(f"{'articles':>8} {'claims':>6} {'wall s':>7} {'art/s':>7} {'MB/s':>6} "
          f"{'RSS MB':>7} {'tree MB':>8} {'found':>11} {'unexpected':>10}", flush=True)
    rows = []
    for n_articles, n_claims in [] if args.incremental_only else sizes:
        folder = materialise(data, n_articles, n_claims, SEED)
        rows.append(measure_check(folder, n_articles, n_claims, args))
        print(line(rows[-1]), flush=True)
    if rows:
        print_exponents(rows)
    largest = max(sizes)
    folder = materialise(data, *largest, SEED)
    if rows and not args.no_pytest:
        compare_pytest(folder, next(r for r in rows if r.size == largest), args)
    if not args.no_incremental:
        incremental(folder, args)
    return 0 if all(r.found == r.planted and not r.unexpected for r in rows) else 1


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--data", default=str(Path(tempfile.gettempdir()) / "verifier-bench"))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-pytest", action="store_true")
    parser.add_argument("--no-incremental", action="store_true")
    parser.add_argument("--incremental-only", action="store_true",
                        help="only the runs with the cache, on the largest project")
    return parser.parse_args(argv)


def check_command(folder: Path, jobs: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "verifier", "check", "--root", str(folder), "--jobs", str(jobs),
            *extra]


def measure_check(folder: Path, n_articles: int, n_claims: int, args: argparse.Namespace) -> Row:
    sarif = folder / "report.sarif"
    runs = [measure.run(check_command(folder, args.jobs, "--no-cache", "--format",
                                      f"sarif:{sarif}"), folder) for _ in range(args.repeat)]
    best = min(runs, key=lambda m: m.wall)
    if best.status not in (0, 1):
        raise SystemExit(f"verifier check exited {best.status}:\n{best.stderr[-3000:]}")
    planted = {tuple(pair) for pair in json.loads((folder / "planted.json").read_text())}
    found = contradicted(sarif)
    text = sum(p.stat().st_size for p in (folder / "seeds").glob("*.txt")) / 1e6
    claims = len(build(1, n_claims, SEED).claims)
    return Row((n_articles, n_claims), n_articles, claims, text, best, len(found & planted),
               len(planted), len(found - planted))


def contradicted(sarif: Path) -> set[tuple[str, str]]:
    """(claim, article) of every contradiction in a SARIF report."""
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    return {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
            for r in results if not r["ruleId"].startswith(("input/", "stale-"))}


def line(r: Row) -> str:
    m = r.best
    return (f"{r.articles:>8,} {r.claims:>6,} {m.wall:>7.2f} {r.articles / m.wall:>7.0f} "
            f"{r.megabytes / m.wall:>6.2f} {m.process_mb:>7.0f} {m.tree_mb:>8.0f} "
            f"{r.found:>5}/{r.planted:<5} {r.unexpected:>10}")


def slope(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of log(y) against log(x)."""
    xs, ys = [math.log(x) for x, _ in points], [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs)


def print_exponents(rows: Sequence[Row]) -> None:
    print("\nscaling exponents (time ~ size^k; 1 is linear):")
    for claims in sorted({r.claims for r in rows}):
        series = sorted((r.articles, r.best.wall) for r in rows if r.claims == claims)
        if len(series) > 1:
            top = slope(series[-2:])
            print(f"  in articles at {claims:,} claims: k = {slope(series):.2f} over all sizes, "
                  f"{top:.2f} between the two largest")
    for articles in sorted({r.articles for r in rows}):
        series = sorted((r.claims, r.best.wall) for r in rows if r.articles == articles)
        if len(series) > 1:
            print(f"  in claims at {articles:,} articles: k = {slope(series):.2f}")


def compare_pytest(folder: Path, check: Row, args: argparse.Namespace) -> None:
    command = [sys.executable, "-m", "pytest", "-q", "-o", "verifier_cache=false",
               "-o", f"verifier_jobs={args.jobs}"]
    runs = [measure.run(command, folder) for _ in range(args.repeat)]
    best = min(runs, key=lambda m: m.wall)
    ratio = best.wall / check.best.wall
    print(f"\nplain pytest on {check.articles:,} x {check.claims:,}: {best.wall:.2f} s "
          f"(exit {best.status}), {ratio:.2f} x verifier check ({check.best.wall:.2f} s); "
          f"RSS {best.process_mb:.0f} MB, tree {best.tree_mb:.0f} MB")


def incremental(folder: Path, args: argparse.Namespace) -> None:
    """Warm the cache, re-run unchanged, then add one new article and re-run, several times
    (each time another article, the previous one taken away again): best and median."""
    cache = folder / ".verifier-cache"
    shutil.rmtree(cache, ignore_errors=True)
    command = check_command(folder, args.jobs, "--format", f"sarif:{folder / 'warm.sarif'}")
    first = measure.run(command, folder)
    same = [measure.run(command, folder) for _ in range(max(3, args.repeat))]
    added = []
    for k in range(max(5, args.repeat)):
        new = build(1, 3, seed=SEED + 1 + k).articles[0]
        path = write_article(folder, f"zz-added-{k}.txt", new.text, "added")
        try:
            added.append(measure.run(command, folder))
        finally:
            path.unlink()
            path.with_name(f"zz-added-{k}.meta.yaml").unlink()
    print(f"\nincremental ({cache}; {probe()}):\n  first run {first.wall:.2f} s (fills the cache)\n"
          f"  unchanged re-run {_spread(same)}\n  after adding one article {_spread(added)} "
          f"(RSS {max(m.process_mb for m in added):.0f} MB)")


def probe() -> str:
    """How fast this host runs Python right now: shared machines drift (the same loop was seen
    taking 0.84 s and 1.47 s minutes apart), so figures are read against it."""
    start = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return f"host probe {time.perf_counter() - start:.2f} s (a fixed 5M-step loop)"


def _spread(runs: Sequence[measure.Measured]) -> str:
    walls = sorted(m.wall for m in runs)
    cpus = sorted(m.cpu for m in runs)
    return (f"best {walls[0]:.2f} s, median {walls[len(walls) // 2]:.2f} s of {len(walls)} "
            f"(CPU median {cpus[len(cpus) // 2]:.2f} s)")


if __name__ == "__main__":
    sys.exit(main())
