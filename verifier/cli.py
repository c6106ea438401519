"""`verifier validate` and `verifier check`: load, verify, report, exit with a status.

Exit statuses: 0 clean; 1 an unacknowledged contradiction or a stale acknowledgement;
2 invalid input (an error-level problem, even when contradictions were found too), a usage
error, or an unexpected failure. No traceback reaches the user unless --debug is given.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from verifier.execution import runner
from verifier.execution.backend import raise_failure
from verifier.execution.baseline import review_due
from verifier.execution.workers import CACHE_FOLDER, Execution, settle
from verifier.model import VERDICTS, ArticleMeta, ExampleText, Project, Result
from verifier.problems import FAILURE, Problem
from verifier.report import RENDERERS, render
from verifier.report import text as text_report
from verifier.report.safe import check_report, one_line, write_atomic
from verifier.store.folders import LinkedFolder
from verifier.store.trust import refusal

# Subcommands other modules provide, imported only when used (and only if present).
LAZY_COMMANDS = {"ingest": "verifier.ingest.command:ingest",
                 "init": "verifier.scaffold.command:init",
                 "remove": "verifier.ingest.remove:remove"}
HINT = "check the paths and files named above; rerun with `verifier --debug ...` to see where"


class Group(click.Group):
    """Turns unexpected exceptions into one line and exit status 2; loads LAZY_COMMANDS."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        lazy = [name for name in LAZY_COMMANDS if self.get_command(ctx, name)]
        return sorted({*super().list_commands(ctx), *lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands or name not in LAZY_COMMANDS:
            return super().get_command(ctx, name)
        module, _, attr = LAZY_COMMANDS[name].partition(":")
        try:
            command = getattr(importlib.import_module(module), attr)
        except ModuleNotFoundError:
            return None
        return command if isinstance(command, click.Command) else None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort,
                SystemExit, KeyboardInterrupt):
            raise
        except Exception as error:  # the one place where anything is caught
            if ctx.meta.get("verifier.debug"):
                raise
            click.echo(f"verifier: error: {type(error).__name__}: {error} ({HINT})", err=True)
            ctx.exit(runner.INVALID)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claim-verifier")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Check curated claims (claims/*.yaml) against a corpus of articles (seeds/*.txt).

    \b
    Typical use:
      verifier validate                      check the input files only
      verifier check                         verify and print the text report
      verifier check --format html:out/report.html --format sarif:out/report.sarif
      verifier explain CLAIM_ID ARTICLE      why one article gets its verdict on one claim
      verifier init DIR                      start a claims repository for another story
      verifier try CLAIM_ID "SENTENCE"       how one sentence is judged against one claim

    \b
    Exit statuses: 0 clean; 1 an unacknowledged contradiction or a stale
    acknowledgement; 2 invalid input, a usage error or an unexpected failure.
    Run `verifier COMMAND --help` for each command's options; README.md has the rest.
    """
    ctx.meta["verifier.debug"] = debug


def project_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--root, --claims and --articles, shared by validate and check."""
    path = click.Path(exists=True, path_type=Path)
    command = click.option(
        "--articles", "articles", multiple=True, type=path, metavar="PATH",
        help="An article (.txt) or a directory of them; repeatable. Default: ROOT/seeds.",
    )(command)
    command = click.option(
        "--claims", "claims", type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Directory of claim files. Default: ROOT/claims.",
    )(command)
    return click.option(
        "--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=Path("."), show_default=True, help="Project root.",
    )(command)


def execution_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--jobs, --cache/--no-cache and --scheduler: how `check` runs the engine."""
    command = click.option(
        "--scheduler", metavar="ADDRESS", callback=_needs_dask,
        help="Verify on the Dask cluster at ADDRESS (tcp://HOST:8786), or 'local' for a cluster "
             "of --jobs workers on this machine; needs pip install 'claim-verifier[dask]'.",
    )(command)
    command = click.option(
        "--cache/--no-cache", default=True, show_default=True,
        help=f"Keep verdicts in ROOT/{CACHE_FOLDER}; a re-run verifies only what changed.",
    )(command)
    return click.option(
        "--jobs", "-j", type=click.IntRange(min=1), default=None,
        help="Worker processes. Default: one per core (small runs stay in this process).",
    )(command)


def _needs_dask(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from verifier.execution.cluster import INSTALL, available

    if value and not available():
        raise click.BadParameter(f"needs Dask: {INSTALL}")
    return value


def load(root: Path, claims: Path | None, articles: Sequence[Path],
         execution: Execution | None = None) -> Project:
    return runner.load(root, claims_dir=claims, article_paths=expand(articles) or None,
                       execution=execution)


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given, directories as the .txt files under them, in order, without repeats.

    A directory with no .txt file under it is a usage error: checking ROOT/seeds instead (what
    an empty list means to the loader) would report on articles nobody asked about."""
    out: dict[Path, None] = {}
    for path in paths:
        found = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        if not found:
            raise click.BadParameter(
                f"{path} holds no articles (.txt files); give a folder or file with articles, "
                "or leave --articles out to check ROOT/seeds", param_hint="--articles")
        out.update(dict.fromkeys(p.resolve() for p in found))
    return list(out)


def echo_problems(problems: Sequence[Problem], *, err: bool) -> None:
    for problem in sorted(problems):
        click.echo(str(problem), err=err)


@cli.command()
@project_options
def validate(root: Path, claims: Path | None, articles: tuple[Path, ...]) -> None:
    """Check claims, entities, acknowledgements and article metadata; verify nothing."""
    project = load(root, claims, articles)
    problems = [*project.problems, *review_due(project.acknowledgements, dt.date.today())]
    echo_problems(problems, err=False)
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    if errors:
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
        sys.exit(runner.INVALID)
    click.echo(f"OK: {len(project.claims)} claims, {len(project.entities)} entities, "
               f"{len(project.articles)} articles, {len(project.acknowledgements)} "
               f"acknowledgements ({warnings} warning(s))")


@cli.command()
@project_options
@click.option("--format", "formats", multiple=True, metavar="FORMAT[:PATH]",
              help=f"Report format, repeatable (several reports from one run): "
                   f"{', '.join(sorted(RENDERERS))}. FORMAT:PATH writes that report to PATH. "
                   "Default: text.")
@click.option("--output", "outputs", multiple=True,
              type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write a report to this file instead of standard output; repeatable, paired "
                   "in order with the --format values that name no PATH.")
@click.option("--changed", is_flag=True, help="Verify only articles and claims changed since "
              "--base (git), and every article against changed claims.")
@click.option("--base", default="main", show_default=True, help="Base revision for --changed.")
@execution_options
def check(root: Path, claims: Path | None, articles: tuple[Path, ...], formats: tuple[str, ...],
          outputs: tuple[Path, ...], changed: bool = False, base: str = "main",
          jobs: int | None = None, cache: bool = True, scheduler: str | None = None) -> None:
    """Check every claim against every article and report; exit 1 on a contradiction.

    Reports (--format, repeatable): text (terminal; coloured only on a terminal without
    NO_COLOR), json (documented in README.md, schema in schema/report.schema.json), markdown
    (pull-request comment or step summary), junit (JUnit XML), sarif (SARIF 2.1.0 for code
    scanning), html (self-contained page with the claims x articles matrix), claimreview
    (schema.org JSON-LD), github (::error annotations for GitHub Actions).

    \b
    Examples:
      verifier check --format json --output out/report.json
      verifier check --format github --format markdown:out/summary.md --format html:out/r.html

    Exit 0 clean, 1 on an unacknowledged contradiction or a stale acknowledgement, 2 on invalid
    input; every requested report is written in all three cases.
    """
    targets = destinations(formats, outputs)
    refuse_linked(root, targets)
    folder = root / CACHE_FOLDER if cache else None
    if folder is not None and (refused := refusal(root, folder)):
        click.echo(f"verifier: warning: {refused}; running without it", err=True)
        folder = None
    execution = Execution(jobs, folder, scheduler)
    project = load(root, claims, articles, execution)
    verify, partial = None, bool(articles)
    if changed:
        from verifier.ingest.incremental import changed_scope

        scope = changed_scope(project, root, base)
        project, verify, partial = scope.project, scope.verify, partial or scope.partial
        click.echo(one_line(scope.summary), err=True)  # it names changed files
    result = runner.run(project, verify=verify, partial=partial, execution=execution)
    if click.get_current_context().meta.get("verifier.debug") and any(
            p.code == FAILURE for p in result.problems):
        raise_failure(project.claims, project.entities, project.articles)  # its traceback
    settle()
    if execution.stats.corrupt:
        click.echo(f"verifier: warning: {execution.stats.corrupt} unreadable cache file(s) in "
                   f"{root / CACHE_FOLDER} ignored and rebuilt", err=True)
    echo_problems(result.problems, err=True)
    for fmt, output in targets:
        write_report(result, fmt, output, root)
    sys.exit(runner.exit_status(result))


def destinations(formats: Sequence[str], outputs: Sequence[Path]) -> list[tuple[str, Path | None]]:
    """(format, file or None for standard output) for each --format; --output values go, in
    order, to the formats given without a :PATH."""
    pending = list(outputs)
    out: list[tuple[str, Path | None]] = []
    for spec in formats or ("text",):
        fmt, sep, path = spec.partition(":")
        if fmt not in RENDERERS:
            raise click.BadParameter(f"{fmt!r} is not one of {', '.join(sorted(RENDERERS))}",
                                     param_hint="'--format'")
        out.append((fmt, Path(path) if sep else (pending.pop(0) if pending else None)))
    if pending:
        raise click.UsageError(f"{len(pending)} --output value(s) left without a --format")
    if sum(path is None for _, path in out) > 1:
        raise click.UsageError("only one report can go to standard output; give the others "
                               "a file (--format FORMAT:PATH or --output PATH)")
    return out


def refuse_linked(root: Path, targets: Sequence[tuple[str, Path | None]]) -> None:
    """A usage error for a report path through a link inside the project, before the run
    rather than after minutes of it."""
    for _, output in targets:
        try:
            if output is not None:
                check_report(root, output)
        except LinkedFolder as error:
            raise click.UsageError(str(error)) from None


def write_report(result: Result, fmt: str, output: Path | None, root: Path) -> None:
    color = output is None and fmt == "text" and wants_color()
    report = text_report.render(result, color=True) if color else render(fmt, result)
    if output is None:
        click.echo(report, nl=False, color=color)
        return
    write_atomic(output, report, root)  # a full disk leaves the old report or none, never half
    click.echo(f"{fmt} report written to {output}", err=True)


@cli.command()
@project_options
@click.argument("claim_id")
@click.argument("article")
def explain(root: Path, claims: Path | None, articles: tuple[Path, ...], claim_id: str,
            article: str) -> None:
    """Print the evidence trail of one claim in one ARTICLE (a path, a file name or a unique
    prefix of one): the sentences considered, what was extracted from each (mentions, titles,
    values), the evidence, and why the verdict follows. Exit 0; 2 if either is unknown."""
    from verifier.report.explain import NotFound
    from verifier.report.explain import explain as trail

    project = load(root, claims, articles)
    try:
        click.echo(trail(project, claim_id, article), nl=False)  # each line inert (trail)
    except NotFound as error:
        raise click.UsageError(str(error)) from None


@cli.command("try")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("."), show_default=True, help="Project root.")
@click.option("--claims", "claims", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Directory of claim files. Default: ROOT/claims.")
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Publication date to resolve weekdays and 'last week' against.")
@click.option("--expect", type=click.Choice(VERDICTS),
              help="Exit 1 unless the verdict is this one (for scripts).")
@click.argument("claim_id")
@click.argument("sentence")
def try_sentence(root: Path, claims: Path | None, published: dt.datetime | None,
                 expect: str | None, claim_id: str, sentence: str) -> None:
    """Judge one SENTENCE against one claim, as a claim example would be judged, and print the
    verdict with its whole evidence trail (as `verifier explain` does for an article).

    \b
    Example:
      verifier try summit-date "The leaders met in Tokyo on Monday." --published 2025-10-28

    Exit 0; 1 with --expect when the verdict differs; 2 if the claim is unknown."""
    from verifier.report.explain import NotFound, find_claim, trail

    project = runner.load(root, claims, [])
    try:
        claim = find_claim(project, claim_id)
    except NotFound as error:
        echo_problems([p for p in project.problems if p.level == "error"], err=True)
        raise click.UsageError(str(error)) from None
    meta = ArticleMeta(title="the sentence tried", published=published.date() if published
                       else None)
    article = ExampleText("(sentence)", sentence, meta)  # read as a claim example is read
    verdict, report = trail(project, claim, article)
    click.echo(report, nl=False)  # each line made inert by trail
    if expect and verdict.verdict != expect:
        sys.exit(runner.FAILED)


def wants_color() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def main() -> None:
    """Console-script entry point. Once the output is flushed the process ends at once
    (os._exit): freeing a large run's objects one by one took 0.2 s at 10,000 articles, and
    every file is closed and every worker joined by then."""
    try:
        cli(prog_name="verifier")
    except SystemExit as end:
        if end.code is not None and not isinstance(end.code, int):
            raise
        status = end.code or 0
    else:
        status = 0
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`verifier check | head`): nothing more can be said
        status = status or 1
    os._exit(status)
