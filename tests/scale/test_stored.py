"""Articles left on disk: once the loader has read an article and its sidecar, and neither has
changed since (size, times, inode, and not within the last seconds), a warm load keeps only its
digest and reads the text when something asks for it. Such articles must be indistinguishable
from ones read in full."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from scale_projects import TODAY

from benchmarks.project import write_article
from verifier.execution import runner
from verifier.execution.workers import Execution
from verifier.load import corpus
from verifier.load.project import load_project
from verifier.model import Article, Project, StoredArticle


def load(folder: Path) -> Project:
    return runner.load(folder, execution=Execution(jobs=1, cache=folder / ".cache"))


def stored(project: Project) -> list[str]:
    return [a.path for a in project.articles if isinstance(a, StoredArticle)]


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled at once (the default waits two seconds)."""
    monkeypatch.setattr(corpus, "SETTLE_NS", -10**18)


def warm(folder: Path) -> Project:
    load(folder)  # parses: the memo learns the sidecars
    load(folder)  # reads from the memo: it learns what the files look like
    return load(folder)


def test_unchanged_articles_stay_on_disk_until_read(small: Path, settled: None) -> None:
    project = warm(small)
    assert stored(project) == [a.path for a in project.articles]
    # their cache keys are the ones recorded, and those of the articles read in full
    assert [a.key for a in project.articles] == [
        Article(a.path, a.text, a.meta).key for a in load_project(small).articles]
    assert not any("_text" in a.__dict__ for a in project.articles)  # nothing read yet
    assert project.articles == load_project(small).articles  # reads them, and they are equal
    assert project == load_project(small)


def test_a_run_over_stored_articles_is_the_run_over_read_ones(small: Path, settled: None) -> None:
    project = warm(small)
    cached = runner.run(project, execution=Execution(jobs=1, cache=small / ".cache"), today=TODAY)
    assert cached == runner.run(load_project(small), execution=Execution(jobs=1), today=TODAY)


@pytest.mark.parametrize("same_times", [False, True])
def test_an_edited_article_is_read_again(small: Path, settled: None, same_times: bool) -> None:
    before = warm(small).articles[4]
    path = small / before.path
    times = path.stat()
    text = before.text.replace("a", "o", 1)
    assert len(text) == len(before.text) and text != before.text
    write_article(small, path.name, text, "edited")
    if same_times:  # mtime set back by a tool: the change time still moved
        os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
    project = load(small)
    assert before.path not in stored(project)
    assert len(stored(project)) == len(project.articles) - 1
    assert project == load_project(small)
    assert next(a for a in project.articles if a.path == before.path).text == text


def test_recently_written_files_are_not_trusted_by_their_stat(small: Path) -> None:
    project = warm(small)  # the fixture's files were written within the last two seconds
    assert stored(project) == []
    assert project == load_project(small)


def test_a_stored_article_is_the_article(tmp_path: Path) -> None:
    read = Article("seeds/a.txt", "Trump met Takaichi.\n")
    (tmp_path / "a.txt").write_text(read.text, encoding="utf-8")
    lazy = StoredArticle(read.path, read.meta, str(tmp_path / "a.txt"), read.digest)
    assert lazy == read and read == lazy and hash(lazy) == hash(read)
    assert lazy.text == read.text and lazy.name == "a.txt" and repr(lazy) == repr(read)
    copy = pickle.loads(pickle.dumps(lazy))
    assert type(copy) is Article and copy == read


def test_a_stored_article_changed_behind_the_loaders_back_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Trump met Takaichi.\n", encoding="utf-8")
    lazy = StoredArticle("seeds/a.txt", Article("", "").meta, str(tmp_path / "a.txt"),
                         Article("", "Trump met Abe.\n").digest)
    with pytest.raises(RuntimeError, match="changed while the run was reading"):
        _ = lazy.text
