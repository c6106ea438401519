"""Screenshot of the HTML report on a project (by default the shipped seed corpus).

    .venv/bin/python scripts/screenshot.py [--root .] [--html out/report.html] \
        [--png out/report.png]

Runs the verifier, writes the HTML report, opens it in Debian's chromium (headless, through
Playwright's driver: no browser download, no network), clicks the first contradicted cell (an
acknowledged one when none is open) so the evidence panel is filled, and saves a full-page PNG.
Needs `.[dev]` installed and `apt-get install chromium`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from verifier.execution import runner
from verifier.report import render

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        sys.exit("screenshot: no chromium binary on PATH (apt-get install chromium)")
    return found


def shoot(html: Path, png: Path, width: int = 1400) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(html.resolve().as_uri())
            cell = page.locator("td.cell.contradicted button, td.cell.acknowledged button").first
            if cell.count():
                cell.click()
            page.screenshot(path=str(png), full_page=True)
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="project root")
    parser.add_argument("--html", type=Path, default=Path("out/report.html"))
    parser.add_argument("--png", type=Path, default=Path("out/report.png"))
    args = parser.parse_args(argv)
    result = runner.run(runner.load(args.root))
    args.html.parent.mkdir(parents=True, exist_ok=True)
    args.html.write_text(render("html", result), encoding="utf-8")
    args.png.parent.mkdir(parents=True, exist_ok=True)
    shoot(args.html, args.png)
    print(f"wrote {args.html} and {args.png}")


if __name__ == "__main__":
    main()
