"""`verifier ingest SOURCE...`: new articles into seeds/, then verified like `verifier check`.

After writing, `verifier check` runs on the new articles and prints its report. Exit codes:
those of `verifier check` on the new articles (0 clean, 1 contradicted, 2 invalid); 2 when a
source was refused (unreadable, binary, empty, too big, a near-duplicate, a refused URL) or the
arguments are wrong. An exact duplicate is not an error: it is reported with the existing path
and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import get_args

import click

from verifier.ingest.base import MAX_BYTES, MAX_REDIRECTS, TIMEOUT, IngestError, Limits
from verifier.ingest.manifest import read_manifest
from verifier.ingest.pipeline import SEEDS, Corpus, Options, Outcome, ingest_one
from verifier.model import ArticleKind

REFUSED = 2


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-10-28") from None


@click.command("ingest")
@click.argument("sources", nargs=-1, metavar="SOURCE...")
@click.option("--manifest", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A CSV or YAML file listing the sources, one a row: source, url, outlet, "
                   "published, kind, language, title. Options given here are the defaults.")
@click.option("--outlet", default="", help="Who published it (default: from the page or URL).")
@click.option("--published", callback=_date, help="Publication date, YYYY-MM-DD.")
@click.option("--url", default="", help="Where a local file was downloaded from.")
@click.option("--kind", type=click.Choice(get_args(ArticleKind)), default="article",
              show_default=True)
@click.option("--title", default="", help="Headline (default: from the page or text).")
@click.option("--language", default="", help="Language code (default: from the page, or en).")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=Path("."), show_default=True, help="Project root (has seeds/ and claims/).")
@click.option("--allow-private", is_flag=True,
              help="Let URLs reach loopback and private addresses (local test servers).")
@click.option("--allow-near-duplicate", is_flag=True,
              help="Keep an article that closely copies an existing one.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=TIMEOUT, show_default=True,
              help="Seconds for one URL, redirects included.")
@click.option("--max-redirects", type=click.IntRange(0, 20), default=MAX_REDIRECTS,
              show_default=True)
@click.option("--no-check", is_flag=True, help="Only write; do not verify the new articles.")
def ingest(sources: tuple[str, ...], manifest: Path | None, outlet: str, published: str, url: str,
           kind: str, title: str, language: str, root: Path, allow_private: bool,
           allow_near_duplicate: bool, max_bytes: int, timeout: float, max_redirects: int,
           no_check: bool) -> None:
    """Bring SOURCE articles (.txt, .html/.htm files or http(s) URLs) into the corpus, or every
    source a --manifest lists (all its rows are checked first; any problem and nothing is
    ingested)."""
    if bool(sources) == bool(manifest):
        raise click.UsageError("give SOURCE arguments or --manifest FILE (one of the two)")
    if (len(sources) > 1 or manifest) and (url or title):
        raise click.UsageError("--url and --title describe one article; give one SOURCE, or "
                               "put them in the manifest's url and title columns")
    options = Options(outlet, published, url, kind, title, language, allow_near_duplicate)
    jobs = [(source, options, "") for source in sources]
    if manifest:
        jobs = _manifest_jobs(manifest, options)
    limits = Limits(max_bytes, timeout, max_redirects, allow_private)
    written, refused, corpus = [], False, Corpus(root / SEEDS)
    for source, row_options, row in jobs:
        try:
            outcome = ingest_one(root, source, row_options, limits, corpus)
        except IngestError as error:
            click.echo(f"error: {row}{error}", err=True)
            refused = True
            continue
        refused |= _tell(outcome)
        if outcome.article:
            written.append(outcome.article)
    status = 0 if no_check or not written else _verify(root, written)
    sys.exit(REFUSED if refused and status == 0 else status)


def _manifest_jobs(manifest: Path, defaults: Options) -> list[tuple[str, Options, str]]:
    """(source, options, "manifest:line: ") for each row; every problem printed and exit 2 if
    there are any."""
    rows, problems = read_manifest(manifest)
    for problem in sorted(problems):
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) in {manifest}; nothing ingested: correct the "
                   "rows named above and run again", err=True)
        sys.exit(REFUSED)
    return [(row.source, _row_options(row.values, defaults), f"{manifest}:{row.line}: ")
            for row in rows]


def _row_options(values: Mapping[str, str], defaults: Options) -> Options:
    """A row's values, or the command line's where the row leaves a column empty."""
    def pick(key: str, default: str) -> str:
        return values.get(key) or default

    return replace(defaults, outlet=pick("outlet", defaults.outlet), url=pick("url", ""),
                   published=pick("published", defaults.published), title=pick("title", ""),
                   kind=pick("kind", defaults.kind), language=pick("language", defaults.language))


def _tell(outcome: Outcome) -> bool:
    """Say what happened to one source; True when it was refused."""
    for note in outcome.notes:
        click.echo(f"note: {note}", err=True)
    duplicate = outcome.duplicate
    if outcome.article:
        also = ""
        if duplicate and duplicate.kept:  # the excerpt policy: see dedupe.py
            also = f" (it is {duplicate.describe()}; both are kept as separate publications)"
        elif duplicate:
            also = f" (kept although it is {duplicate.describe()})"
        click.echo(f"{outcome.source}: written to {outcome.article}{also}", err=True)
        return False
    if duplicate and duplicate.exact:
        click.echo(f"{outcome.source}: already in the corpus as {duplicate.path}; nothing "
                   "written", err=True)
        return False
    what = duplicate.describe() if duplicate else "not written"
    click.echo(f"error: {outcome.source}: is {what}; nothing written (pass "
               "--allow-near-duplicate if it is a distinct article worth keeping)", err=True)
    return True


def _verify(root: Path, articles: list[str]) -> int:
    """Run `verifier check` on the new articles; its exit status."""
    from verifier.cli import check

    try:
        click.get_current_context().invoke(
            check, root=root, articles=tuple(root / a for a in articles))
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else REFUSED
    return 0
