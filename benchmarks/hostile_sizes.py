"""Time and peak memory of one large hostile article, per shape and size (issue 14, row 5).

    .venv/bin/python benchmarks/hostile_sizes.py [--sizes 400000,5000000] [--root DIR]
        [--pages DIR] [SHAPE ...]

Each shape is text a pull request could hold and that once made a step quadratic: one endless
sentence of names, one line per name, near misses of a family name, abbreviations, quotes,
numbers, no white space at all; and "varied", dense prose that never repeats a sentence. Every
(shape, size) runs in a fresh process on the project's claims (whatever `claims/` holds, or
DIR/claims with `--root`); the article is generated, never stored. Linear time means the 5 MB
column is about 12 times the 400 KB one.

With `--pages DIR`, one more shape, "pages": real text, every .txt file under DIR (pages saved
for a field test, say) joined in path order and repeated up to the size. With `--root
benchmarks/fieldtest/SLUG --pages PAGES/SLUG`, an event's real pages on its own claims.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNIT = {
    "prose": "Trump met Japanese Prime Minister Sanae Takaichi in Tokyo on Tuesday. They signed "
             "a deal on $550 billion of investment, and Japan aims at 2% of GDP for defense. ",
    "names": "Trump met Takaichi and Abe, Ishiba, Takichi, ",
    "lines": "Trump met Takaichi in Tokyo\n",
    "near-misses": "Takaichy ",
    "abbreviations": "Mr. Dr. U.S. Oct. No. ",
    "quotes": "\"Trump said ",
    "numbers": "5% of GDP 2 percent $550 billion 28 Oct 2025 on Tuesday last week ",
    "no-spaces": "Takaichi.Trump,Tokyo;",
    "blank-lines": "Takaichi\n\n",
}
# Every other shape repeats one unit; this one never repeats a sentence (the figures, days,
# places and people change), so nothing computed once per distinct line or sentence helps.
VARIED = "varied"
PAGES = "pages"  # real text, from --pages
_PEOPLE = ("Trump", "Takaichi", "Sanae Takaichi", "Ishiba", "the Japanese Prime Minister")
_PLACES = ("Tokyo", "Osaka", "Seoul", "Yokosuka", "Kyoto")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _varied(size: int) -> str:
    import random

    rng = random.Random(14)
    out: list[str] = []
    length = 0
    while length < size:
        day, year = rng.randint(1, 28), rng.randint(2019, 2026)
        sentence = (f"{rng.choice(_PEOPLE)} met {rng.choice(_PEOPLE)} in {rng.choice(_PLACES)} "
                    f"on {rng.choice(_DAYS)}, {day} October {year}, and they signed a deal on "
                    f"${rng.randint(1, 999)} billion of investment "
                    f"while Japan aims at {rng.randint(1, 9)}.{rng.randint(0, 9)}% of GDP. ")
        out.append(sentence)
        length += len(sentence)
    return "".join(out)[:size]


def _pages(folder: Path, size: int) -> str:
    parts = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted(folder.rglob("*.txt"))]
    if not any(parts):
        raise SystemExit(f"{folder}: no text in its .txt files")
    joined = "\n\n".join(parts) + "\n\n"
    return (joined * (size // len(joined) + 1))[:size]


def one(shape: str, size: int, pages: Path | None = None, root: Path = ROOT
        ) -> dict[str, float]:
    import dataclasses

    from verifier.execution import runner
    from verifier.load.project import load_project
    from verifier.model import Article, ArticleMeta

    project = load_project(root)
    if shape == VARIED:
        text = _varied(size)
    elif shape == PAGES and pages is not None:
        text = _pages(pages, size)
    else:
        unit = UNIT[shape]
        text = (unit * (size // len(unit) + 1))[:size]
    article = Article("seeds/hostile.txt", text, ArticleMeta())
    started = time.perf_counter()
    runner.run(dataclasses.replace(project, articles=(article,)))
    return {"seconds": round(time.perf_counter() - started, 2),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shapes", nargs="*", default=[*UNIT, VARIED])
    parser.add_argument("--sizes", default="400000,5000000")
    parser.add_argument("--pages", type=Path, help="a folder of real .txt pages: shape 'pages'")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project whose claims judge")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]), args.pages, args.root)))
        return
    if PAGES in args.shapes and not args.pages:
        parser.error("the shape 'pages' needs --pages DIR")
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = [*args.shapes, *([PAGES] if args.pages and PAGES not in args.shapes else [])]
    pages = ["--root", str(args.root), *(["--pages", str(args.pages)] if args.pages else [])]
    print("shape".ljust(14) + "".join(f"{s:>22,}" for s in sizes))
    for shape in shapes:
        cells = []
        for size in sizes:
            done = subprocess.run([sys.executable, __file__, "--one", shape, str(size), *pages],
                                  capture_output=True, text=True, check=False)
            if done.returncode:
                cells.append("failed: " + done.stderr.strip().splitlines()[-1][:40])
                continue
            found = json.loads(done.stdout)
            cells.append(f"{found['seconds']:>8} s {found['peak_mb']:>6} MB")
        print(shape.ljust(14) + "".join(c.rjust(22) for c in cells), flush=True)


if __name__ == "__main__":
    main()
