"""verifier.load.corpus: article text exactly as stored, sidecar metadata, what cannot be read."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
from frozen import FROZEN

from verifier.load.corpus import MAX_BYTES, display_path, read_corpus
from verifier.model import ArticleMeta


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def codes(tmp_path: Path) -> list[tuple[str, int, int, str, str]]:
    corpus = read_corpus(tmp_path, [tmp_path / "seeds"])
    return [(p.file, p.line, p.column, p.code, p.level) for p in corpus.problems]


def test_the_shipped_seeds_read_cleanly_with_their_metadata() -> None:
    corpus = read_corpus(FROZEN, [FROZEN / "seeds"])
    assert corpus.problems == ()
    assert [a.path for a in corpus.articles] == sorted(
        f"seeds/{p.name}" for p in (FROZEN / "seeds").glob("*.txt"))
    first = corpus.articles[0]
    assert first.meta.kind == "transcript" and first.meta.published == dt.date(2025, 10, 28)
    assert first.text == (FROZEN / first.path).read_text(encoding="utf-8")
    assert len(corpus.files) == 2 * len(corpus.articles)


def test_text_is_kept_exactly_crlf_and_byte_order_mark_included(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbfLine one.\r\nLine two.\r\n"
    write(tmp_path / "seeds/a.txt", raw)
    write(tmp_path / "seeds/a.meta.yaml", "title: A\n")
    article = read_corpus(tmp_path, [tmp_path / "seeds"]).articles[0]
    assert article.text == "\ufeffLine one.\r\nLine two.\r\n"
    assert article.text.encode("utf-8") == raw


def test_paths_are_relative_posix_and_sorted_across_folders(tmp_path: Path) -> None:
    for name in ("seeds/b.txt", "seeds/a/z.txt", "seeds/a/c.txt", "extra/d.txt"):
        write(tmp_path / name, "x")
        write(tmp_path / name.replace(".txt", ".meta.yaml"), "title: t\n")
    write(tmp_path / "seeds/notes.md", "not an article")
    corpus = read_corpus(tmp_path, [tmp_path / "seeds", tmp_path / "extra/d.txt",
                                    tmp_path / "seeds/b.txt"])
    assert [a.path for a in corpus.articles] == [
        "extra/d.txt", "seeds/a/c.txt", "seeds/a/z.txt", "seeds/b.txt"]
    assert corpus.problems == ()


def test_a_file_that_is_not_utf8_points_to_verifier_ingest(tmp_path: Path) -> None:
    write(tmp_path / "seeds/a.txt", "First line.\nThé caf".encode() + b"\xe9 opened.\n")
    corpus = read_corpus(tmp_path, [tmp_path / "seeds"])
    assert corpus.articles == ()
    (problem,) = corpus.problems
    assert (problem.file, problem.line, problem.column, problem.code) == (
        "seeds/a.txt", 2, 8, "encoding")
    assert "verifier ingest" in problem.message


def test_an_oversized_article_is_a_problem_and_the_others_still_load(tmp_path: Path) -> None:
    write(tmp_path / "seeds/big.txt", b"a" * (MAX_BYTES + 1))
    write(tmp_path / "seeds/small.txt", "fine")
    write(tmp_path / "seeds/small.meta.yaml", "title: t\n")
    corpus = read_corpus(tmp_path, [tmp_path / "seeds"])
    assert [a.path for a in corpus.articles] == ["seeds/small.txt"]
    assert [(p.file, p.code) for p in corpus.problems] == [("seeds/big.txt", "too-large")]


def test_a_missing_sidecar_is_a_warning_and_empty_metadata(tmp_path: Path) -> None:
    write(tmp_path / "seeds/a.txt", "text")
    corpus = read_corpus(tmp_path, [tmp_path / "seeds"])
    assert corpus.articles[0].meta == ArticleMeta()
    assert codes(tmp_path) == [("seeds/a.txt", 1, 1, "missing-metadata", "warning")]
    assert corpus.files == ("seeds/a.txt",)


def test_invalid_metadata_fields_are_reported_and_left_out(tmp_path: Path) -> None:
    write(tmp_path / "seeds/a.txt", "text")
    write(tmp_path / "seeds/a.meta.yaml",
          'title: "Kept"\npublished: "28 October 2025"\nkind: transcript\nlanguage: 12\n')
    meta = read_corpus(tmp_path, [tmp_path / "seeds"]).articles[0].meta
    assert (meta.title, meta.kind, meta.published, meta.language) == (
        "Kept", "transcript", None, "en")
    assert codes(tmp_path) == [("seeds/a.meta.yaml", 2, 12, "schema", "error"),
                               ("seeds/a.meta.yaml", 4, 11, "schema", "error")]


def test_an_unparseable_sidecar_is_a_problem_and_the_article_still_loads(tmp_path: Path) -> None:
    write(tmp_path / "seeds/a.txt", "text")
    write(tmp_path / "seeds/a.meta.yaml", "title: [unclosed\n")
    assert read_corpus(tmp_path, [tmp_path / "seeds"]).articles[0].text == "text"
    assert codes(tmp_path)[0][3] == "yaml-syntax"


def test_sha256_covers_the_text_when_there_is_no_original(tmp_path: Path) -> None:
    digest = hashlib.sha256(b"text").hexdigest()
    write(tmp_path / "seeds/a.txt", "text")
    write(tmp_path / "seeds/a.meta.yaml", f"sha256: {digest}\n")
    assert codes(tmp_path) == []
    write(tmp_path / "seeds/a.txt", "edited text")
    assert codes(tmp_path) == [("seeds/a.meta.yaml", 1, 9, "sha256", "error")]


def test_sha256_covers_the_original_when_one_is_named(tmp_path: Path) -> None:
    write(tmp_path / "seeds/originals/a.html.orig", "<p>text</p>")
    digest = hashlib.sha256(b"<p>text</p>").hexdigest()
    write(tmp_path / "seeds/a.txt", "text")
    write(tmp_path / "seeds/a.meta.yaml",
          f"sha256: {digest}\noriginal: originals/a.html.orig\n")
    assert codes(tmp_path) == []
    (tmp_path / "seeds/originals/a.html.orig").unlink()
    assert [c[3] for c in codes(tmp_path)] == ["sha256"]
    if hasattr(os, "symlink") and Path("/dev/zero").exists():  # endless: must not be hashed
        (tmp_path / "seeds/originals/a.html.orig").symlink_to("/dev/zero")
        assert [c[3] for c in codes(tmp_path)] == ["sha256"]


def test_a_path_that_does_not_exist_is_a_problem(tmp_path: Path) -> None:
    corpus = read_corpus(tmp_path, [tmp_path / "nowhere"])
    assert [(p.file, p.code) for p in corpus.problems] == [("nowhere", "not-found")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_symbolic_links_inside_folders_are_not_followed(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "private")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds/link.txt").symlink_to(secret)
    corpus = read_corpus(tmp_path, [tmp_path / "seeds"])
    assert corpus.articles == ()
    assert [(p.file, p.code) for p in corpus.problems] == [("seeds/link.txt", "symlink")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_symbolic_link_as_sidecar_is_not_read(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.yaml", "title: private\n")
    write(tmp_path / "seeds/a.txt", "text")
    (tmp_path / "seeds/a.meta.yaml").symlink_to(secret)
    corpus = read_corpus(tmp_path, [tmp_path / "seeds"])
    assert corpus.articles[0].meta == ArticleMeta()
    assert [(p.file, p.code) for p in corpus.problems] == [("seeds/a.meta.yaml", "symlink")]


def test_display_paths_are_relative_even_outside_the_root(tmp_path: Path) -> None:
    assert display_path(tmp_path / "root", tmp_path / "root/seeds/a.txt") == "seeds/a.txt"
    assert display_path(tmp_path / "root", tmp_path / "other/a.txt") == "../other/a.txt"
