"""pytest plugin: claim files and articles become test files; contradictions become failures.

Active when the ini option `verifier_claims` is set. The whole project is verified once per
session, on first need, and cached on the config; items only read that result. Items:
input problems (at file:line), claim examples (a `known_miss` example still missed is an xfail,
and fails once it passes), one per contradicted (article, claim) pair, one summary per article,
and stale acknowledgements. No item per silent pair. The run ends with a brief list of the
failed items (after pytest's short summary), so a contradiction is seen without scrolling.
The nodes themselves are in verifier.pytest_items (collectors) and verifier.pytest_results
(items).
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

import pytest

from verifier.execution import runner
from verifier.execution.workers import CACHE_FOLDER, Execution
from verifier.load.filesystem import CODE, SYMLINK, UNREADABLE, walk_names
from verifier.problems import Problem
from verifier.pytest_items import SUMMARY_LIMIT, ArticlesDir, State, VerifierFile
from verifier.pytest_results import STATE, ProblemItem, StaleItem, VerifierItem
from verifier.report import RENDERERS, render
from verifier.report.safe import REPORT_FIX, check_report, one_line, write_atomic
from verifier.store.folders import LinkedFolder, check_folders
from verifier.store.trust import refusal

REFUSED = pytest.StashKey[str]()  # why the verdict cache was not used


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("verifier_claims", "Claims directory (relative to the ini file); "
                  "setting it turns the verifier plugin on.", default="")
    parser.addini("verifier_articles", "Articles directory (relative to the ini file).",
                  default="seeds")
    parser.addini("verifier_jobs", "Worker processes verifying the articles: a number, or auto "
                  "(one per core; small runs stay in-process).", default="auto")
    parser.addini("verifier_cache", "Keep verdicts in .verifier-cache next to the ini file, so a "
                  "re-run verifies only what changed.", type="bool", default=True)
    parser.addini("verifier_summaries", "A passing summary item per article: all, failing "
                  "(only articles with a contradiction or a problem), or auto (all up to "
                  f"{SUMMARY_LIMIT} articles, else failing).", default="auto")
    parser.getgroup("verifier").addoption(
        "--verifier-report", action="append", default=[], metavar="FORMAT:PATH",
        help=f"Write the verifier's report at session end; repeatable. "
             f"Formats: {', '.join(sorted(RENDERERS))}.")


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    """Refuse to start while a Python file lies in the corpus folders, or one of them cannot
    be read: pytest would import a conftest.py or test module there before any verdict is
    known, and it runs in this very process, where it could mark every contradiction passed
    (`verifier check` reports the same files as problems). Runs before pytest loads the first
    conftest."""
    claims = str(early_config.getini("verifier_claims"))
    if not claims:
        return
    base = _base(early_config)
    folders = [base / claims, base / str(early_config.getini("verifier_articles"))]
    # (an unreadable folder too: pytest's own conftest lookup would fail there with a traceback)
    # and a linked folder: pytest would walk into it and load a conftest.py from its target
    found = [p for p in walk_names(base, [f for f in folders if os.path.isdir(f)], ())
             if isinstance(p, Problem) and (p.code in (CODE, UNREADABLE) or (
                 p.code == SYMLINK and os.path.isdir(base / p.file)))]
    if found:
        raise pytest.UsageError("\n".join(str(p) for p in found))


def pytest_configure(config: pytest.Config) -> None:
    reports: list[str] = config.getoption("verifier_report")
    for spec in reports:
        fmt, _, path = spec.partition(":")
        if fmt not in RENDERERS or not path:
            raise pytest.UsageError(f"--verifier-report {spec!r}: expected FORMAT:PATH with "
                                    f"FORMAT one of {', '.join(sorted(RENDERERS))}")
    claims = str(config.getini("verifier_claims"))
    if not claims:
        if reports:
            raise pytest.UsageError("--verifier-report needs the ini option verifier_claims")
        return
    base = _base(config)
    _refuse_linked(config, base, reports)
    articles = str(config.getini("verifier_articles"))
    config.stash[STATE] = State(base, base / claims, base / articles, reports)
    config.stash[STATE].execution = _execution(config, base)
    summaries = str(config.getini("verifier_summaries")).strip().lower()
    if summaries not in ("all", "failing", "auto"):
        raise pytest.UsageError(f"verifier_summaries = {summaries!r}: expected all, failing "
                                "or auto")
    config.stash[STATE].summaries = summaries


def _base(config: pytest.Config) -> Path:
    """The folder the ini options' paths are relative to."""
    return config.inipath.parent if config.inipath else config.rootpath


def _refuse_linked(config: pytest.Config, base: Path, reports: list[str]) -> None:
    """A usage error for a report, or pytest's own --junitxml, written through a link inside
    the project (a pull request can commit `out` as a link to any folder of the CI machine)."""
    here = config.invocation_params.dir
    try:
        for spec in reports:
            check_report(base, here / spec.partition(":")[2])
        junit = getattr(config.option, "xmlpath", None)
        if junit:  # as pytest's junitxml names it; it opens the file itself, following links
            path = Path(os.path.normpath(here / os.path.expanduser(os.path.expandvars(junit))))
            check_folders(base, path, "reports", REPORT_FIX, itself=True)
    except LinkedFolder as error:
        raise pytest.UsageError(str(error)) from None


def _execution(config: pytest.Config, base: Path) -> Execution:
    jobs = str(config.getini("verifier_jobs")).strip().lower()
    if jobs != "auto" and not (jobs.isdigit() and int(jobs) > 0):
        raise pytest.UsageError(f"verifier_jobs = {jobs!r}: expected a positive number or auto")
    cache = base / CACHE_FOLDER if config.getini("verifier_cache") else None
    if cache is not None and (refused := refusal(base, cache)):
        config.stash[REFUSED] = refused
        cache = None
    return Execution(None if jobs == "auto" else int(jobs), cache)


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path: Path, parent: pytest.Collector
                        ) -> Generator[None, list[pytest.Collector], list[pytest.Collector]]:
    """The verifier's node for a claim file or article; in the corpus folders, no other: the
    doctest plugin would run the `>>>` lines of a `test*.txt` file there (any other plugin,
    its own format) inside the gate, in this very process."""
    found = yield
    state = parent.config.stash.get(STATE, None)
    if state is None or not state.within(file_path):
        return found
    if not state.owns(file_path):
        return []
    state.collected = True
    return [] if state.empty(file_path) else [VerifierFile.from_parent(parent, path=file_path)]


def pytest_collect_directory(path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """A large corpus's articles folder is collected from the run's results, not walked."""
    state = parent.config.stash.get(STATE, None)
    if state is None or path != state.articles or path == state.root \
            or state.claims.is_relative_to(path) or state.run() is None or state.every_article():
        return None
    state.collected = True
    return ArticlesDir.from_parent(parent, path=path)


def pytest_collection_modifyitems(session: pytest.Session, items: list[pytest.Item]) -> None:
    """Problems and stale acknowledgements in files no verifier node owns (or with no file)
    still fail the run, as items of their own."""
    state = session.config.stash.get(STATE, None)
    if state is None or not state.collected or (run := state.run()) is None:
        return

    def orphan(file: str) -> bool:
        """No verifier node holds the file's items: it is not ours, or pytest never collects
        it (a link to nothing or to a device, a FIFO, a name that is not UTF-8)."""
        path = state.root / file
        return not (file and state.owns(path) and os.path.isfile(path))

    for problem in run.result.problems:
        if problem.level == "error" and problem.code not in runner.EXAMPLE_CODES \
                and orphan(problem.file):
            name = one_line(f"{problem.file or 'project'}:{problem.code}:{problem.line}:"
                            f"{problem.column}")
            items.append(ProblemItem.from_parent(session, name=name, problem=problem))
    for ack in run.result.stale:
        if orphan(ack.position.file if ack.position else ""):
            name = one_line(f"stale:{ack.claim}@{ack.article}")
            items.append(StaleItem.from_parent(session, name=name, ack=ack))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
        item: pytest.Item, call: pytest.CallInfo[None],
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Remember each failed verifier item's brief lines for the list at the end of the run."""
    report = yield
    state = item.config.stash.get(STATE, None)
    if state is not None and report.failed and isinstance(item, VerifierItem):
        state.failed.append(item.brief(report))
    return report


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter,
                            config: pytest.Config) -> Generator[None]:
    """After pytest's own summary (the outermost wrapper), so the corpus's failures are the
    last lines before the counts, not somewhere above thousands of lines of other output."""
    yield
    state = config.stash.get(STATE, None)
    _warnings(terminalreporter, state, config.stash.get(REFUSED, None))
    if state is not None and state.failed:
        terminalreporter.section(f"verifier: {len(state.failed)} failing corpus item(s)",
                                 red=True, bold=True)
        for brief in state.failed:
            for line in brief:
                terminalreporter.write_line(line)


def _warnings(terminalreporter: pytest.TerminalReporter, state: State | None,
              refused: str | None) -> None:
    run = state.run() if state and state.collected else None
    # a known miss is its example's xfail item already
    warnings = [str(p) for p in run.result.problems
                if p.level == "warning" and p.code != runner.KNOWN_MISS] if run else []
    corrupt = state.execution.stats.corrupt if state and state.execution else 0
    if corrupt:
        warnings.append(f"{corrupt} unreadable verdict cache file(s) ignored and rebuilt")
    if refused:
        warnings.append(refused)
    if warnings:
        terminalreporter.section("verifier warnings")
        for line in warnings:
            terminalreporter.write_line(one_line(line))


def pytest_sessionfinish(session: pytest.Session) -> None:
    state = session.config.stash.get(STATE, None)
    if state is None or not state.reports or (run := state.run()) is None:
        return
    here = session.config.invocation_params.dir
    for spec in state.reports:
        fmt, _, path = spec.partition(":")
        write_atomic(here / path, render(fmt, run.result), state.root)
