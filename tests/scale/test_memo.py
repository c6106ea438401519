"""The document memo: a warm load parses and validates only what changed, and hides no problem.

Each test loads a small synthetic project the way a cached run does (runner.load with a cache
folder), changes one input or the memo itself, loads again and checks two things: which YAML
files the loaders parsed and validated, recorded by spies on load_yaml and validate as corpus
and project use them, and that the project equals one loaded without any memo.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import msgspec
import pytest
from scale_projects import altered, garbage, truncated

from benchmarks.project import write_article, write_claims
from verifier.execution import runner
from verifier.execution.cache import Stats
from verifier.execution.workers import Execution
from verifier.load import corpus, project
from verifier.load.memo import key
from verifier.load.project import load_project
from verifier.load.schema import SchemaName
from verifier.load.source import Locations
from verifier.model import Claim, Project
from verifier.problems import Problem
from verifier.store.files import FORMAT, read_blob, write_blob

Calls = list[tuple[str, str]]
CLAIMS = "claims/claims.yaml"
SIDECAR = "seeds/000003.meta.yaml"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Calls:
    """("parse" or "validate", file) of every load_yaml and validate call of the loaders."""
    calls: Calls = []
    for module in (corpus, project):
        load_yaml, validate = module.load_yaml, module.validate

        def parse(file: str, data: bytes, original: Any = load_yaml) -> tuple[Any, Locations]:
            calls.append(("parse", file))
            return original(file, data)  # type: ignore[no-any-return]

        def check(name: SchemaName, document: Any, file: str, locations: Locations,
                  original: Any = validate) -> list[Problem]:
            calls.append(("validate", file))
            return original(name, document, file, locations)  # type: ignore[no-any-return]

        monkeypatch.setattr(module, "load_yaml", parse)
        monkeypatch.setattr(module, "validate", check)
    return calls


def load(folder: Path, article_paths: Sequence[Path] | None = None) -> tuple[Project, Stats]:
    execution = Execution(jobs=1, cache=folder / ".cache")
    found = runner.load(folder, article_paths=article_paths, execution=execution)
    return found, execution.stats


def view(found: Project) -> tuple[object, ...]:
    return (found.articles, found.claims, found.entities, found.acknowledgements,
            found.problems, found.files)


def plain(folder: Path) -> tuple[object, ...]:
    """The project loaded without any memo (call it after checking the spy: it parses)."""
    return view(load_project(folder))


def yaml_files(folder: Path) -> list[str]:
    found = [*sorted(folder.glob("seeds/*.meta.yaml")), *sorted(folder.glob("claims/*.yaml"))]
    return [p.relative_to(folder).as_posix() for p in found]


def each(*names: str) -> Calls:
    return [(what, name) for name in names for what in ("parse", "validate")]


def memo_file(folder: Path) -> Path:
    (found,) = (folder / ".cache" / f"v{FORMAT}" / "memo").iterdir()
    return found


def warm(folder: Path, calls: Calls) -> None:
    load(folder)
    calls.clear()


def reread(folder: Path, calls: Calls, name: str) -> Project:
    """A load that must parse and validate `name` alone, and agree with a memo-less load."""
    found, stats = load(folder)
    assert calls == each(name) and stats == Stats()
    assert view(found) == plain(folder)
    return found


def test_a_second_load_parses_nothing_and_gives_the_same_project(small: Path,
                                                                 parsed: Calls) -> None:
    first, _ = load(small)
    assert sorted(parsed) == sorted(each(*yaml_files(small))) and len(parsed) == 2 * 15
    parsed.clear()
    again, stats = load(small)
    assert parsed == [] and stats == Stats()
    assert view(again) == view(first) == plain(small)


@pytest.mark.parametrize(("name", "old", "new"), [
    (SIDECAR, "kind: article\n", "kind: article\ncolour: red\n"),  # an unknown field
    (SIDECAR, "published: '2025-06-02'", "published: '2025-02-30'"),  # no such day
    (CLAIMS, "type: percent\n", "type: percentage\n"),  # not one of the value types
])
def test_a_file_with_problems_is_parsed_and_reported_on_every_load(
        small: Path, parsed: Calls, name: str, old: str, new: str) -> None:
    path = small / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    first, _ = load(small)
    assert [p for p in first.problems if p.file == name and p.level == "error"]
    assert view(first) == plain(small)
    parsed.clear()
    reread(small, parsed, name)
    parsed.clear()
    reread(small, parsed, name)  # still not memoised


def test_a_sidecar_with_a_new_title_is_read_afresh(small: Path, parsed: Calls) -> None:
    warm(small, parsed)
    text = (small / "seeds" / "000003.txt").read_text(encoding="utf-8")
    write_article(small, "000003.txt", text, "A new title")
    found = reread(small, parsed, SIDECAR)
    assert found.articles[3].meta.title == "A new title"


def test_a_sidecar_with_a_new_published_date_is_read_afresh(small: Path, parsed: Calls) -> None:
    warm(small, parsed)
    path = small / SIDECAR
    text = path.read_text(encoding="utf-8")
    assert "published: '2025-06-02'" in text
    path.write_text(text.replace("2025-06-02", "2025-07-15"), encoding="utf-8")
    found = reread(small, parsed, SIDECAR)
    assert found.articles[3].meta.published == dt.date(2025, 7, 15)


def test_an_edited_claim_file_is_read_afresh(small: Path, parsed: Calls) -> None:
    claims = load_project(small).claims
    warm(small, parsed)
    write_claims(small, [_amount(c, 55) if c.id == "value-3" else c for c in claims])
    found = reread(small, parsed, CLAIMS)
    (claim,) = [c for c in found.claims if c.id == "value-3"]
    assert claim.content["value"]["amount"] == 55


def test_an_edited_text_still_fails_its_recorded_sha256_on_a_warm_load(small: Path,
                                                                       parsed: Calls) -> None:
    warm(small, parsed)
    path = small / "seeds" / "000003.txt"
    path.write_text(path.read_text(encoding="utf-8") + "An added sentence.\n", encoding="utf-8")
    for _ in range(2):  # the sidecar stays out of the memo while the text does not match
        found = reread(small, parsed, SIDECAR)
        (problem,) = [p for p in found.problems if p.code == "sha256"]
        assert (problem.file, problem.line, problem.column) == (SIDECAR, 5, 9)  # at its value
        parsed.clear()


def _not_a_map(path: Path) -> None:  # a true checksum over msgpack of the wrong type
    write_blob(path, msgspec.msgpack.encode([1, 2]))


def _not_msgpack(path: Path) -> None:  # a true checksum over bytes msgpack cannot decode
    write_blob(path, b"\xc1")


@pytest.mark.parametrize("damage", [truncated, garbage, altered, _not_a_map, _not_msgpack])
def test_a_damaged_memo_is_ignored_and_rewritten(small: Path, parsed: Calls,
                                                 damage: Callable[[Path], None]) -> None:
    warm(small, parsed)
    damage(memo_file(small))
    again, stats = load(small)
    assert sorted(parsed) == sorted(each(*yaml_files(small)))
    assert stats == Stats(corrupt=1)
    assert view(again) == plain(small)
    parsed.clear()
    _, stats = load(small)
    assert parsed == [] and stats == Stats()


def test_an_unwritable_memo_only_costs_time(small: Path, parsed: Calls) -> None:
    (small / ".cache").write_text("a file where the cache folder should be", encoding="utf-8")
    for _ in range(2):  # nothing is memoised: every load parses everything
        found, stats = load(small)
        assert sorted(parsed) == sorted(each(*yaml_files(small)))
        assert stats.unwritable >= 1 and stats.corrupt == 0
        assert view(found) == plain(small)
        parsed.clear()


Entry = Callable[[Any], Any]


@pytest.mark.parametrize(("name", "kind", "damage"), [
    (SIDECAR, "article", lambda entry: [1, 2]),
    (SIDECAR, "article", lambda entry: {**entry, "title": 5}),
    (SIDECAR, "article", lambda entry: {**entry, "colour": "red"}),
    (SIDECAR, "article", lambda entry: {**entry, "published": "not a date"}),
    (CLAIMS, "yaml", lambda entry: [1, 2]),
    (CLAIMS, "yaml", lambda entry: entry[0]),  # the document without its locations
    (CLAIMS, "yaml", lambda entry: [entry[0], [["claims", "1", 1]], []]),  # a line as text
    (CLAIMS, "yaml", lambda entry: [entry[0], [[{"a": 1}, 1, 1]], []]),  # a map in a path
], ids=["sidecar-list", "sidecar-number", "sidecar-unknown", "sidecar-date",
        "claims-list", "claims-bare", "claims-line", "claims-path"])
def test_a_memo_entry_of_the_wrong_shape_is_not_trusted(small: Path, parsed: Calls, name: str,
                                                        kind: str, damage: Entry) -> None:
    warm(small, parsed)
    path = memo_file(small)
    entries = msgspec.msgpack.decode(read_blob(path) or b"")
    digest = key(kind, (small / name).read_bytes())
    entries[digest] = damage(entries[digest])
    write_blob(path, msgspec.msgpack.encode(entries))
    reread(small, parsed, name)
    parsed.clear()
    _, stats = load(small)
    assert parsed == [] and stats == Stats()  # rebuilt: trusted again


@pytest.mark.parametrize(("name", "kind"), [(SIDECAR, "article"), (CLAIMS, "yaml")])
def test_a_memo_entry_that_does_not_decode_is_counted_and_rebuilt(
        small: Path, parsed: Calls, name: str, kind: str) -> None:
    """Entries are decoded when asked for: one holding a string that is not UTF-8 (under a true
    checksum, so only a forged memo) costs a parse, not the run."""
    warm(small, parsed)
    path = memo_file(small)
    entries = msgspec.msgpack.Decoder(dict[str, msgspec.Raw]).decode(read_blob(path) or b"")
    entries[key(kind, (small / name).read_bytes())] = msgspec.Raw(b"\xa2\xff\xfe")
    write_blob(path, msgspec.msgpack.encode(entries))
    found, stats = load(small)
    assert parsed == each(name) and stats == Stats(corrupt=1)
    assert view(found) == plain(small)
    parsed.clear()
    _, stats = load(small)
    assert parsed == [] and stats == Stats()  # rebuilt: trusted again


def test_a_claim_too_big_for_msgpack_leaves_the_rest_memoised(small: Path,
                                                              parsed: Calls) -> None:
    claims = load_project(small).claims
    write_claims(small, [_amount(c, 10**30) if c.id == "value-3" else c for c in claims])
    first, stats = load(small)
    assert stats == Stats()
    (claim,) = [c for c in first.claims if c.id == "value-3"]
    assert claim.content["value"]["amount"] == 10**30
    parsed.clear()
    for _ in range(2):
        reread(small, parsed, CLAIMS)
        parsed.clear()


def test_a_load_of_part_of_the_corpus_keeps_the_rest_memoised(small: Path,
                                                             parsed: Calls) -> None:
    warm(small, parsed)
    part = [small / "seeds" / "000000.txt", small / "seeds" / "000001.txt"]
    found, _ = load(small, part)
    assert parsed == [] and [a.path for a in found.articles] == [
        "seeds/000000.txt", "seeds/000001.txt"]
    _, stats = load(small)
    assert parsed == [] and stats == Stats()


def _amount(claim: Claim, amount: int) -> Claim:
    content = {**claim.content, "value": {**claim.content["value"], "amount": amount}}
    return dataclasses.replace(claim, content=content, statement=f"{claim.statement} ({amount})")
