"""`verifier ingest --manifest FILE`: many sources in one call, described row by row.

A manifest is CSV (a header row naming the columns, then one row a source) or YAML (a list of
mappings, optionally under `sources:`). Columns: source (required: a local .txt/.html file,
relative to the manifest's folder, or an http(s) URL), url, outlet, published (YYYY-MM-DD), kind,
language, title. Every row is checked before anything is ingested, and every problem is
reported at file:line:col; one bad row never hides another.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args
from urllib.parse import urlsplit

from verifier.ingest.base import LANGUAGE
from verifier.ingest.sources import SUFFIXES
from verifier.load.source import MAX_BYTES, Locations, PathKey, decode_utf8, load_yaml
from verifier.model import ArticleKind
from verifier.problems import Problem, ProblemError

COLUMNS = ("source", "url", "outlet", "published", "kind", "language", "title")
KINDS = get_args(ArticleKind)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
Where = Callable[[str], tuple[int, int]]  # column name -> (line, col) of its value


@dataclass(frozen=True)
class Row:
    """One valid manifest row: where it is, and its values (absent columns are "")."""

    line: int
    source: str  # a URL, or a path resolved against the manifest's folder
    values: Mapping[str, str]


def read_manifest(path: Path) -> tuple[list[Row], list[Problem]]:
    """The valid rows, in order, and every problem found (rows with problems are left out)."""
    name = path.as_posix()
    try:
        data = path.read_bytes()
        if len(data) > MAX_BYTES:
            raise ProblemError(Problem(name, 1, 1, "too-large", f"manifest is {len(data):,} "
                                       f"bytes, over {MAX_BYTES:,}: split it into several"))
        if path.suffix.lower() in (".yaml", ".yml", ".csv"):
            rows, problems = (_csv_rows if path.suffix.lower() == ".csv" else _yaml_rows)(
                path, name, data)
            if not rows and not problems:
                problems = [Problem(name, 1, 1, "manifest-empty", "the manifest lists no "
                                    "sources: add a row for each article to ingest")]
            return rows, problems
    except ProblemError as error:
        return [], [error.problem]
    except OSError as error:
        return [], [Problem(name, 1, 1, "manifest-unreadable",
                            f"cannot read the manifest ({error.strerror or error})")]
    return [], [Problem(name, 1, 1, "manifest-format", "a manifest is a .csv or .yaml file")]


def _yaml_rows(path: Path, name: str, data: bytes) -> tuple[list[Row], list[Problem]]:
    document, locations = load_yaml(name, data)
    prefix: tuple[str, ...] = ()
    if isinstance(document, dict) and list(document) == ["sources"]:
        document, prefix = document["sources"], ("sources",)
    if not isinstance(document, list):
        line, col = locations.at(prefix)
        return [], [Problem(name, line, col, "manifest-format", "expected a list of sources, "
                            "one mapping each (- source: page.html)")]
    rows: list[Row] = []
    problems: list[Problem] = []
    for index, item in enumerate(document):
        at: PathKey = (*prefix, index)
        if not isinstance(item, dict):
            line, col = locations.at(at)
            problems.append(Problem(name, line, col, "manifest-format",
                                    "expected a mapping such as {source: page.html}"))
            continue
        line = locations.at(at)[0]
        for key in item:
            if key not in COLUMNS:
                problems.append(_unknown(name, *locations.key_at((*at, key)), key))
        values = {k: v for k, v in item.items() if k in COLUMNS}
        _row(path, name, line, values, _in_yaml(locations, at), rows, problems)
    return rows, problems


def _csv_rows(path: Path, name: str, data: bytes) -> tuple[list[Row], list[Problem]]:
    lines = decode_utf8(name, data, "save the manifest as UTF-8").removeprefix("\ufeff")
    numbered = [(n, line) for n, line in enumerate(lines.splitlines(), start=1)
                if line.strip() and not line.lstrip().startswith("#")]
    if not numbered:
        return [], [Problem(name, 1, 1, "manifest-format", "no header row: start with "
                            f"{','.join(COLUMNS)}")]
    problems: list[Problem] = []
    header_line, header = numbered[0]
    columns = _cells(name, header_line, header, problems)
    names = [value.strip() for value, _ in columns]
    for value, col in columns:
        if value.strip() not in COLUMNS:
            problems.append(_unknown(name, header_line, col, value.strip()))
    if "source" not in names:
        problems.append(Problem(name, header_line, 1, "manifest-column",
                                "no 'source' column: the header must name it"))
        return [], problems
    rows: list[Row] = []
    for number, line in numbered[1:]:
        cells = _cells(name, number, line, problems)
        if len(cells) > len(names):
            problems.append(Problem(name, number, cells[len(names)][1], "manifest-row",
                                    f"{len(cells)} cells, but the header names {len(names)} "
                                    "columns: quote values that contain commas"))
            continue
        values = {k: v for k, (v, _) in zip(names, cells, strict=False) if k in COLUMNS}
        starts = {k: c for k, (_, c) in zip(names, cells, strict=False)}
        _row(path, name, number, values, _in_csv(number, starts), rows, problems)
    return rows, problems


def _in_yaml(locations: Locations, at: PathKey) -> Where:
    def where(key: str) -> tuple[int, int]:
        return locations.at((*at, key))

    return where


def _in_csv(line: int, starts: Mapping[str, int]) -> Where:
    def where(key: str) -> tuple[int, int]:
        return line, starts.get(key, 1)

    return where


def _cells(name: str, number: int, line: str, problems: list[Problem]) -> list[tuple[str, int]]:
    """The cells of one CSV line, each with the 1-based column where it starts."""
    try:
        values = next(csv.reader([line], strict=True))
    except csv.Error as error:
        problems.append(Problem(name, number, 1, "manifest-row", f"not a CSV row ({error}): "
                                "one source a line, quotes around values with commas"))
        return []
    starts, quoted = [1], False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(i + 2)
    return list(zip(values, starts, strict=False))


def _unknown(name: str, line: int, col: int, column: str) -> Problem:
    return Problem(name, line, col, "manifest-column", f"unknown column {column!r}: the "
                   f"columns are {', '.join(COLUMNS)}")


def _row(path: Path, name: str, line: int, values: Mapping[str, Any], where: Where,
         rows: list[Row], problems: list[Problem]) -> None:
    found = [Problem(name, *where(key), "manifest-value", f"{key}: {message}")
             for key, message in _check(path, values)]
    source = str(values.get("source", "")).strip()
    if not found and any(r.source == _resolve(path, source) for r in rows):
        first = next(r.line for r in rows if r.source == _resolve(path, source))
        found.append(Problem(name, *where("source"), "manifest-duplicate",
                             f"source {source!r} is already on line {first}: list it once"))
    problems.extend(found)
    if not found:
        clean = {k: str(v).strip() for k, v in values.items() if v is not None}
        rows.append(Row(line, _resolve(path, source), clean))


def _check(path: Path, values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(column, what is wrong and how to fix it) for each bad value of one row."""
    out = [(k, f"{v!r} is not text: quote it") for k, v in values.items()
           if v is not None and not isinstance(v, str)]
    text = {k: v.strip() for k, v in values.items() if isinstance(v, str)}
    source, url = text.get("source", ""), text.get("url", "")
    if not source:
        out.append(("source", "missing: give a local .txt/.html file or an http(s) URL"))
    elif not _SCHEME.match(source):
        local = _resolve(path, source)
        if Path(local).suffix.lower() not in SUFFIXES:
            out.append(("source", f"{source!r} is not a {', '.join(SUFFIXES)} file or a URL"))
        elif not Path(local).is_file():
            out.append(("source", f"no such file {local} (paths are relative to the manifest)"))
    for key, link in (("source", source if _SCHEME.match(source) else ""), ("url", url)):
        parts = urlsplit(link)
        if link and (parts.scheme not in ("http", "https") or not parts.hostname):
            out.append((key, f"{link!r} is not an http(s) URL with a host"))
    if text.get("published") and not _is_date(text["published"]):
        out.append(("published", f"{text['published']!r} is not a date like 2025-10-28"))
    if text.get("kind") and text["kind"] not in KINDS:
        out.append(("kind", f"{text['kind']!r} is not one of {', '.join(KINDS)}"))
    if text.get("language") and not LANGUAGE.match(text["language"]):
        out.append(("language", f"{text['language']!r} is not a language tag like en or pt-BR"))
    return out


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _resolve(path: Path, source: str) -> str:
    return source if _SCHEME.match(source) else str(path.parent / source)
