"""The corpus: every `*.txt` under the given paths, its text exactly as stored, and its metadata.

The text is the file's bytes decoded as strict UTF-8 and nothing else: no newline translation
(`\\r\\n` stays), and a leading byte-order mark stays too (as U+FEFF), so the text encodes back
to the very bytes recorded in `sha256`. Anything else (Latin-1, UTF-16) is refused with a hint
to `verifier ingest`, which detects encodings and stores UTF-8.

Metadata lives in the sidecar `<stem>.meta.yaml`, validated by schema/article.schema.json. A
missing sidecar is allowed (a warning: without a published date, "on Tuesday" cannot be
resolved); invalid fields are reported and left out, the valid ones are kept. `sha256` is
checked against the `original` file when one is named, else against the `.txt` itself: corpus
texts are never edited, so a mismatch is an error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeGuard, get_args

from verifier.load.filesystem import (
    NOFOLLOW,
    display_path,
    escapes,
    inside,
    open_regular,
    read_bytes,
    walk_names,
)
from verifier.load.memo import DocumentMemo
from verifier.load.memo import key as memo_key
from verifier.load.schema import validate
from verifier.load.source import decode_utf8, load_yaml, parse_path
from verifier.model import Article, ArticleKind, ArticleMeta, StoredArticle
from verifier.problems import Problem, ProblemError
from verifier.text.scripts import mixed_words

MAX_BYTES = 5 << 20
MAX_ORIGINAL = 64 << 20  # an `original` (the page as fetched) is hashed, never parsed
SETTLE_NS = 2_000_000_000  # a file changed more recently is read again on the next run
META_SUFFIX = ".meta.yaml"
MAX_MIXED = 10  # mixed-script words reported per article
_META_FIELDS = frozenset({"title", "outlet", "url", "retrieved", "kind", "language", "sha256"})
_KINDS = frozenset(get_args(ArticleKind))
_KNOWN = frozenset({*_META_FIELDS, "published", "original", "author", "source"})  # the schema's


@dataclass(frozen=True)
class Corpus:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    files: tuple[str, ...]


_escapes = escapes  # tests/hardening reach it here, its home before load/filesystem.py


# One article read: the Article (None if unreadable), its problems, its files (text, sidecar),
# and what the memo may learn (the sidecar's digest and its valid fields, or None).
Read = tuple[Article | None, list[Problem], list[str], tuple[str, dict[str, Any]] | None]
# How read_corpus maps `read_article` over the files: `map`, or a process pool's map.
Mapper = Callable[[Callable[[str], Read], Sequence[str]], Iterable[Read]]


def read_corpus(root: Path, paths: Sequence[Path], mapper: Mapper | None = None,
                memo: DocumentMemo | None = None) -> Corpus:
    """Every article under `paths`; one unreadable article never hides the others. Articles
    whose sidecar the memo knows are read here; the others through `mapper`."""
    articles: list[Article] = []
    problems: list[Problem] = []
    files: list[str] = []
    items = list(walk_names(root, paths, (".txt",)))
    found = [i for i in items if isinstance(i, str)]
    cwd = os.getcwd()
    known = [read_known(root, i, memo, cwd) for i in found] if memo is not None \
        else [None] * len(found)
    missed = [i for i, hit in zip(found, known, strict=True) if hit is None]
    rest = iter((mapper or _serial)(partial(read_article, root), missed))
    hits = iter(known)
    for item in items:
        if isinstance(item, Problem):
            problems.append(item)
            continue
        article, more, names, learnt = next(hits) or next(rest)
        problems.extend(more)
        files.extend(names)
        if article is not None:
            articles.append(article)
        if memo is not None and learnt is not None:
            memo.put(*learnt)
    articles.sort(key=lambda a: a.path)
    return Corpus(tuple(articles), tuple(sorted(problems)), tuple(files))


def _serial(read: Callable[[str], Read], items: Sequence[str]) -> Iterable[Read]:
    return map(read, items)


def read_article(root: Path, path: Path | str) -> Read:
    item = Path(path)
    name = display_path(root, item)
    try:
        data = read_bytes(root, item, MAX_BYTES)
        text = decode_utf8(name, data, "convert it with `verifier ingest`, which "
                           "detects the encoding and stores UTF-8")
    except ProblemError as error:
        return None, [error.problem], [name], None
    digest = hashlib.sha256(data).hexdigest()
    meta, found, meta_file, learnt = read_meta(root, item, digest)
    files = [name, *([meta_file] if meta_file else [])]
    return _article(name, text, meta, digest), [*_mixed(name, text), *found], files, learnt


def _mixed(name: str, text: str) -> Iterator[Problem]:
    """A problem per word mixing Latin and Cyrillic letters (the first MAX_MIXED): a look-alike
    letter hides a name or a date from every check, and a contradiction with it."""
    for offset, word in itertools.islice(mixed_words(text), MAX_MIXED):
        line = text.count("\n", 0, offset) + 1
        column = offset - text.rfind("\n", 0, offset)
        yield Problem(name, line, column, "mixed-script",
                      f"the word {word[:40]!r} mixes Latin and Cyrillic letters: look-alike "
                      "letters hide a name or a date from the verifier; retype the word in "
                      "one script")


def read_known(root: Path, path: str, memo: DocumentMemo, cwd: str = "") -> Read | None:
    """The article, if its sidecar is one the memo has seen valid and nothing is wrong; None
    sends it down the full path (read_article), which reports whatever is. Plain os calls on
    strings: this runs for every article of a warm run. When neither file changed since this
    function last read them (size, times, inode), the text is left on disk (StoredArticle)."""
    cwd = cwd or os.getcwd()
    sidecar = path.removesuffix(".txt") + META_SUFFIX
    name = display_path(root, path, cwd)
    meta_name = name.removesuffix(".txt") + META_SUFFIX
    unchanged = _unchanged(memo.get("stat:" + name), path, sidecar)
    if unchanged is not None:
        digest, key, article_key = unchanged
        source = path if os.path.isabs(path) else cwd + os.sep + path
        stored = _stored(name, memo.get(key), source, digest, article_key)
        if stored is not None:
            return stored, [], [name, meta_name], None
    try:
        meta, meta_stat = _regular_file(sidecar) or (None, None)
        key = memo_key("article", meta) if meta is not None else ""
        fields = memo.get(key) if meta is not None else None
        if not _plain(fields):
            return None
        data, text_stat = _regular_file(path) or (None, None)
        if data is None:
            return None
        text = data.decode("utf-8")
    except (OSError, UnicodeError):
        return None
    if "\0" in text or next(mixed_words(text), None):  # the full path reports these
        return None
    digest = hashlib.sha256(data).hexdigest()
    if _check_sha256(root, Path(path), digest, fields, meta_name, (1, 1)):
        return None
    try:
        parsed = _meta(fields)
    except ValueError:  # not a date: no valid sidecar says so, nor can the memo
        return None
    article = _article(name, text, parsed, digest)
    if text_stat and meta_stat:
        memo.put("stat:" + name, [text_stat, meta_stat, digest, key, article.key])
    return article, [], [name, meta_name], None


def _unchanged(seen: Any, path: str, sidecar: str) -> tuple[str, str, str] | None:
    """(text digest, sidecar memo key, Article.key) if both files still have the size, times
    and inode recorded when they were last read (`seen`, a memo entry: checked before use)."""
    if not (isinstance(seen, list) and len(seen) == 5
            and {type(seen[2]), type(seen[3]), type(seen[4])} == {str}):
        return None
    try:
        now = [_stat(os.lstat(path)), _stat(os.lstat(sidecar))]
    except OSError:
        return None
    return (seen[2], seen[3], seen[4]) if now == seen[:2] else None


def _stored(name: str, fields: Any, source: str, digest: str, key: str
            ) -> StoredArticle | None:
    """An article whose text is left on disk; None if its metadata cannot be trusted as is (a
    named `original` is hashed on every run: it may change on its own)."""
    if not _plain(fields) or "original" in fields or (
            fields.get("sha256") not in (None, digest)):
        return None
    try:
        return StoredArticle(name, _meta(fields), source, digest, key)
    except ValueError:
        return None


def _stat(found: os.stat_result) -> list[int] | None:
    """What says a regular file is unchanged: size, modification and change times, inode,
    device (the change time moves on every write, and no tool sets it back)."""
    if not stat.S_ISREG(found.st_mode):
        return None
    return [found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev]


def _article(name: str, text: str, meta: ArticleMeta, digest: str) -> Article:
    """The Article, its `digest` filled from the bytes already hashed (the text is those bytes
    decoded, so they are equal): the cache keys every article by it."""
    article = Article(name, text, meta)
    article.__dict__["digest"] = digest
    return article



def _regular_file(path: str) -> tuple[bytes, list[int] | None] | None:
    """The bytes of a regular file within MAX_BYTES and what its descriptor said of it (see
    _stat), else None (a link, a folder, too large, or grown while read: the full path reports
    it)."""
    if not NOFOLLOW & getattr(os, "O_NOFOLLOW", 0) and os.path.islink(path):
        return None
    handle = os.open(path, NOFOLLOW)
    try:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_BYTES:
            return None
        data = os.read(handle, found.st_size + 1)
        while len(data) < found.st_size and (more := os.read(handle, found.st_size - len(data))):
            data += more
        after = _stat(os.fstat(handle))
    finally:
        os.close(handle)
    if len(data) != found.st_size:
        return None
    # only a file that stood still while read, and not within the last seconds (a write in the
    # same clock tick can leave every time unchanged), may later be trusted by its stat alone
    settled = after == _stat(found) and time.time_ns() - found.st_ctime_ns > SETTLE_NS
    return data, after if settled else None


def _plain(fields: Any) -> TypeGuard[dict[str, str]]:
    """A memo value read_meta could have stored: text fields the schema knows and a known kind
    (the memo is data on disk, so it is checked before use; `_meta` checks the date)."""
    return isinstance(fields, dict) and fields.keys() <= _KNOWN \
        and {type(v) for v in fields.values()} <= {str} \
        and fields.get("kind", "article") in _KINDS


def _file_digest(handle: int) -> str:
    """SHA-256 of an open file of at most MAX_ORIGINAL bytes (closed here); OSError if larger."""
    sha = hashlib.sha256()
    size = 0
    try:
        while chunk := os.read(handle, 1 << 20):
            size += len(chunk)
            if size > MAX_ORIGINAL:
                raise OSError("too large")
            sha.update(chunk)
    finally:
        os.close(handle)
    return sha.hexdigest()


def meta_path(article: Path) -> Path:
    return article.with_name(article.name.removesuffix(".txt") + META_SUFFIX)


def read_meta(root: Path, article: Path, digest: str
              ) -> tuple[ArticleMeta, list[Problem], str, tuple[str, dict[str, Any]] | None]:
    """The sidecar's metadata, its Problems, its path ("" when there is none), and what the
    memo may learn (only a sidecar without problems)."""
    sidecar = meta_path(article)
    name = display_path(root, sidecar)
    if not os.path.lexists(sidecar):
        return ArticleMeta(), [Problem(
            display_path(root, article), 1, 1, "missing-metadata",
            f"no metadata file {name}: without a published date, weekdays such as 'on Tuesday' "
            "cannot be checked; `verifier ingest` writes one", level="warning")], "", None
    if sidecar.is_symlink():  # its values would be quoted in messages: never follow one
        return ArticleMeta(), [Problem(name, 1, 1, "symlink", "symbolic links are not read: "
                                       "put the metadata file itself here")], name, None
    try:
        raw_bytes = read_bytes(root, sidecar, MAX_BYTES)
        raw, locations = load_yaml(name, raw_bytes)
    except ProblemError as error:
        return ArticleMeta(), [error.problem], name, None
    problems = validate("article", raw, name, locations)
    if not isinstance(raw, dict):
        return ArticleMeta(), problems, name, None
    bad = {parts[0] for p in problems if (parts := parse_path(p.json_path))}
    fields = {k: v for k, v in raw.items() if k not in bad}
    problems += _check_sha256(root, article, digest, fields, name, locations.at(("sha256",)))
    learnt = None if problems or not _plain(fields) else (memo_key("article", raw_bytes), fields)
    return _meta(fields), problems, name, learnt


def _meta(fields: dict[str, Any]) -> ArticleMeta:
    published = fields.get("published")
    values = {k: v for k, v in fields.items() if k in _META_FIELDS}
    return ArticleMeta(**values, published=dt.date.fromisoformat(published) if published else None)


def _check_sha256(root: Path, article: Path, digest: str, fields: dict[str, Any], name: str,
                  where: tuple[int, int]) -> list[Problem]:
    """`digest`: the SHA-256 of the text's bytes, in hex."""
    recorded, original = fields.get("sha256"), fields.get("original")
    if not recorded:
        return []
    what = f"the original {original}" if original else "the text"
    if original:
        kept = article.parent / original
        try:  # a link could lead to /dev/zero and hash forever: regular files only
            if not inside(os.path.abspath(kept), os.path.abspath(root)):
                raise OSError
            actual = _file_digest(open_regular(root, kept, name))
        except (OSError, ProblemError):
            return [Problem(name, *where, "sha256", f"{what} named in `original` cannot be "
                            "read (a regular file inside the project, not a link, at most "
                            f"{MAX_ORIGINAL:,} bytes): restore it, or remove `original` and "
                            "`sha256`", "$.original")]
    else:
        actual = digest
    if actual == recorded:
        return []
    return [Problem(name, *where, "sha256", f"{what} does not match the recorded sha256: corpus "
                    "articles are never edited; restore the file, or ingest the new version as "
                    "a new article", "$.sha256")]
