"""`verifier remove ARTICLE`: take one article out of the corpus, with everything that is its own.

An article is three files (see store.py): the text, its metadata sidecar and the original bytes
under seeds/originals/. All three go. Acknowledgements that name the article are NOT edited: they
are reviewed decisions in a hand-written YAML file (comments, order, wording), so the command
names each one at file:line for the person to delete in the same pull request, and exits 1 while
any is left. Left in place, they fail `verifier validate` as unknown-article, at the same line.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from verifier.ingest.pipeline import SEEDS
from verifier.ingest.store import ORIGINALS
from verifier.load.source import load_yaml
from verifier.model import Acknowledgement
from verifier.problems import ProblemError

LEFT_OVER = 1
REFUSED = 2


class RemoveError(Exception):
    """The article cannot be named or removed; the message says why and what to do."""


@dataclass(frozen=True)
class Removal:
    """What removing one article means: its files (that exist) and the acknowledgements of it."""

    article: str  # relative to the root, as acknowledgements name it
    files: tuple[Path, ...]
    acknowledgements: tuple[Acknowledgement, ...]


def find_article(root: Path, name: str) -> Path:
    """The article text named by a path, a file name or a unique prefix of a file name."""
    seeds = (root / SEEDS).resolve()
    texts = sorted(p for p in seeds.rglob("*.txt") if ORIGINALS not in p.relative_to(seeds).parts)
    given = Path(name)
    for candidate in (given, root / given):
        if candidate.suffix == ".txt" and candidate.is_file():
            path = candidate.resolve()
            if path in texts:
                return path
            raise RemoveError(f"{name}: not an article of {seeds}; only articles in the "
                              "corpus folder can be removed")
    found = [p for p in texts if p.name == name] or [p for p in texts if p.name.startswith(name)]
    if len(found) == 1:
        return found[0]
    what = "matches several articles" if found else "no such article"
    listed = ", ".join(p.name for p in (found or texts)[:8])
    raise RemoveError(f"{name!r}: {what} in {seeds}; articles: {listed or 'none'}")


def plan(root: Path, text: Path, acknowledgements: Sequence[Acknowledgement]) -> Removal:
    article = text.relative_to(root.resolve()).as_posix()
    sidecar = text.with_name(text.name.removesuffix(".txt") + ".meta.yaml")
    files = [text, sidecar, *_originals(text, sidecar)]
    return Removal(article, tuple(dict.fromkeys(p for p in files if p.is_file())),
                   tuple(a for a in acknowledgements if a.article == article))


def _originals(text: Path, sidecar: Path) -> list[Path]:
    """The original named in the sidecar (only if it is inside seeds/originals), and any file
    following the naming scheme <stem>.<suffix>.orig there."""
    folder = text.parent / ORIGINALS
    found = sorted(folder.glob(f"{text.stem}.*.orig")) if folder.is_dir() else []
    meta: object = {}
    try:  # the strict loader: sidecars are untrusted input (no aliases, size-capped)
        if sidecar.is_file():
            meta, _ = load_yaml(sidecar.as_posix(), sidecar.read_bytes())
    except (OSError, ProblemError):
        meta = {}
    named = meta.get("original") if isinstance(meta, dict) else None
    if isinstance(named, str) and named:
        path = (text.parent / named).resolve()
        if path.parent == folder.resolve() and not (text.parent / named).is_symlink():
            found.insert(0, path)
    return found


@click.command("remove")
@click.argument("article")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=Path("."), show_default=True, help="Project root (has seeds/ and claims/).")
@click.option("--dry-run", is_flag=True, help="Only say what would be removed.")
def remove(article: str, root: Path, dry_run: bool) -> None:
    """Remove ARTICLE (a path, a file name or a unique prefix of one) from the corpus: its text,
    its metadata sidecar and its original under seeds/originals/. Acknowledgements of it are
    listed at file:line for you to delete (never edited by the command).

    Exit 0 when nothing is left to do; 1 when acknowledgements of the article remain to be
    deleted; 2 when the article cannot be found."""
    from verifier.execution import runner

    try:
        text = find_article(root, article)
    except RemoveError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(REFUSED)
    project = runner.load(root, None, [])  # the claim files only: acknowledgements with lines
    removal = plan(root, text, project.acknowledgements)
    if any(p.level == "error" for p in project.problems):
        click.echo("warning: the claim files have errors (see `verifier validate`); "
                   "acknowledgements in a file that failed to load are not listed below", err=True)
    verb = "would remove" if dry_run else "removed"
    for path in removal.files:
        if not dry_run:
            path.unlink()
        click.echo(f"{verb} {path.relative_to(root.resolve()).as_posix()}")
    for ack in removal.acknowledgements:
        pos = ack.position
        where = f"{pos.file}:{pos.line}:{pos.column}: " if pos else ""
        click.echo(f"{where}acknowledgement of {ack.claim} in {removal.article} (reason: "
                   f"{ack.reason}): delete this entry", err=True)
    if removal.acknowledgements:
        click.echo(f"{len(removal.acknowledgements)} acknowledgement(s) name "
                   f"{removal.article}; delete them in the same change", err=True)
        sys.exit(LEFT_OVER)
