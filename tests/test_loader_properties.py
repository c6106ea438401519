"""Properties of the loader: generated valid claims load as written; corrupted files give
Problems, never an exception.

Files are written with a PyYAML dumper that resolves plain scalars the way our loader does
(YAML 1.2 core schema), so it quotes "550e9" but leaves "NO" plain: the round trip tests the
loader's scalar rules, not the dumper's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifier.load.project import COMMON_FIELDS, load_project
from verifier.load.source import StrictLoader, load_yaml
from verifier.model import Project
from verifier.problems import ProblemError

REGISTRY = {
    "person": ["ada-lovelace", "grace-hopper", "alan-turing"],
    "place": ["london", "paris", "no"],  # "no" is an id, not a boolean
    "organization": ["royal-society"],
    "office": ["lab-director", "lab-chair"],
    "event": ["lab-opening", "on"],
}
ENTITIES = {"entities": [{"id": i, "type": t, "name": i.replace("-", " ").title()}
                         for t, ids in REGISTRY.items() for i in ids]}
ALL_IDS = [i for group in REGISTRY.values() for i in group]
SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


class Dumper12(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Quotes exactly the strings our YAML 1.2 loader would read as something else."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = StrictLoader.yaml_implicit_resolvers


def of(kind: str) -> st.SearchStrategy[str]:
    return st.sampled_from(REGISTRY[kind])


LOWER = "abcdefghijklmnopqrstuvwxyz"


def ids() -> st.SearchStrategy[str]:
    """kebab-case; built from parts because from_regex is slow to draw from."""
    part = st.text(LOWER + "0123456789", min_size=1, max_size=5)
    return st.builds(lambda first, rest: "-".join([first, *rest]),
                     st.text(LOWER, min_size=1, max_size=6), st.lists(part, max_size=2))


# Printable text including YAML's troublemakers: ": ", "#", quotes, leading "-", "NO", "1e5".
text = st.one_of(
    st.sampled_from(["NO", "yes", "on", "1e5", "550e9", "2025-10-28", "- x", "a: b", "# c",
                     "'q'", '"q"', "null", "~", "&a", "*a", "!x", "[x]", "{x}", "%", "@", "|"]),
    st.text(st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")), min_size=1,
            max_size=30),
).filter(lambda s: bool(s.strip()))
words = st.lists(text, min_size=1, max_size=3, unique=True)
dates = st.dates(dt.date(1000, 1, 1), dt.date(2999, 12, 31))
partial_dates = st.builds(lambda d, n: d.isoformat()[: (4, 7, 10)[n]], dates,
                          st.integers(0, 2))
amounts = st.one_of(st.integers(-10**12, 10**12),
                    st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False))


def optional(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Some subset of the given fields."""
    return st.fixed_dictionaries({}, optional=fields)


def kind(name: str, required: dict[str, st.SearchStrategy[Any]],
         **extra: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"kind": st.just(name), **required}, optional=extra)


KINDS = st.one_of(
    kind("office", {"holder": of("person"), "office": of("office")},
         status=st.sampled_from(["current", "former", "permanent"]),
         also_holds=st.lists(of("office"), min_size=1, unique=True)),
    kind("spelling", {"entity": st.sampled_from(ALL_IDS)}, spelling=text),
    kind("value", {"subject": st.sampled_from(["london", "royal-society"]), "property": text,
                   "cues": st.lists(words, min_size=1, max_size=3),
                   "value": st.fixed_dictionaries(
                       {"type": st.sampled_from(["percent", "number", "money", "year"]),
                        "amount": amounts},
                       optional={"currency": st.text(LOWER.upper(), min_size=3, max_size=3),
                                 "unit": text})},
         context=st.lists(of("place"), min_size=1, unique=True),
         tolerance=st.floats(0, 1e6, allow_nan=False)),
    kind("event", {"event": of("event")}),
    kind("date", {"event": of("event"), "date": partial_dates}),
    kind("place", {"event": of("event"), "places": st.lists(of("place"), min_size=1,
                                                            unique=True)}),
    kind("succession", {"office": of("office"), "holder": of("person"),
                        "predecessor": of("person")}),
    kind("phrases", {"support": st.lists(st.text(LOWER + " ", min_size=1).filter(str.strip),
                                         min_size=1, max_size=3)},
         scope=st.lists(of("place"), min_size=1, unique=True)),
)
example = st.one_of(text, st.fixed_dictionaries(
    {"text": text}, optional={"published": dates.map(dt.date.isoformat)}))
COMMON = st.fixed_dictionaries(
    {"id": ids(), "statement": text},
    optional={"severity": st.sampled_from(["critical", "high", "medium", "low"]),
              "tags": st.lists(ids(), unique=True, max_size=3),
              "provenance": st.lists(st.fixed_dictionaries(
                  {"source": text}, optional={"url": st.just("https://example.org/x"),
                                              "note": text}), min_size=1, max_size=2),
              "examples": optional(**{v: st.lists(example, max_size=3)
                                      for v in ("supported", "contradicted", "silent")}),
              "valid_from": dates.map(dt.date.isoformat)})
claims = st.lists(st.builds(lambda common, specific: {**common, **specific}, COMMON, KINDS),
                  min_size=1, max_size=6, unique_by=lambda c: c["id"])


def dump(document: Any, flow: bool) -> bytes:
    return yaml.dump(document, Dumper=Dumper12, allow_unicode=True, sort_keys=False,
                     default_flow_style=flow, width=60).encode("utf-8")


@pytest.fixture(scope="module")
def project_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project folder for every example (a fresh folder each time costs more than a load)."""
    root = tmp_path_factory.mktemp("project")
    (root / "claims").mkdir()
    (root / "claims" / "entities.yaml").write_bytes(dump(ENTITIES, False))
    return root


def load(root: Path, claims_file: bytes) -> Project:
    (root / "claims" / "claims.yaml").write_bytes(claims_file)
    return load_project(root, article_paths=[])


def plain(value: Any) -> Any:
    """Tuples back to lists and read-only mappings to dicts, to compare with what was written."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value


@SETTINGS
@given(claims, st.booleans())
def test_generated_valid_claims_load_with_the_fields_written(
        project_dir: Path, written: list[dict[str, Any]], flow: bool) -> None:
    project = load(project_dir, dump({"claims": written}, flow))
    # generated claims may disagree with each other; that is the only problem allowed
    assert {p.code for p in project.problems} <= {"conflict"}, project.problems
    assert [c.id for c in project.claims] == [c["id"] for c in written]
    for claim, raw in zip(project.claims, written, strict=True):
        assert (claim.statement, claim.kind) == (raw["statement"], raw["kind"])
        assert claim.severity == raw.get("severity", "high")
        assert list(claim.tags) == raw.get("tags", [])
        assert plain(claim.content) == {k: v for k, v in raw.items() if k not in COMMON_FIELDS}
        assert [plain(p) for p in claim.provenance] == raw.get("provenance", [])
        assert len(claim.examples) == sum(map(len, raw.get("examples", {}).values()))
        assert claim.valid_from == (dt.date.fromisoformat(raw["valid_from"])
                                    if "valid_from" in raw else None)
        assert claim.position is not None and claim.position.file == "claims/claims.yaml"


# Fields that take one id or a list of them: a list is no wrong type there.
_ONE_OR_MANY = frozenset({"subject"})


def _swap(value: Any, field: str = "") -> Any:
    """A value of another JSON type than `value` (and than the field accepts)."""
    if isinstance(value, str):
        return {"x": value} if field in _ONE_OR_MANY else [value]
    if isinstance(value, list):
        return {"x": value}
    return "text" if isinstance(value, dict) else [value]


Corrupt = Callable[[bytes, st.DataObject], bytes]


def edit_bytes(data: bytes, draw: st.DataObject) -> bytes:
    out = bytearray(data)
    for _ in range(draw.draw(st.integers(1, 5))):
        out[draw.draw(st.integers(0, len(out) - 1))] = draw.draw(st.integers(0, 255))
    return bytes(out)


def delete_line(data: bytes, draw: st.DataObject) -> bytes:
    lines = data.splitlines(keepends=True)
    del lines[draw.draw(st.integers(0, len(lines) - 1))]
    return b"".join(lines)


def insert_junk(data: bytes, draw: st.DataObject) -> bytes:
    lines = data.splitlines(keepends=True)
    junk = draw.draw(st.sampled_from([b"  - :\n", b"]]\n", b"\t\tx\n", b"*a\n", b"&a &b\n",
                                      b"claims: 1\n", b"---\n", b"? x\n", b"\xff\xfe\n",
                                      b'"unterminated\n', b"  holder: [\n"]))
    lines.insert(draw.draw(st.integers(0, len(lines))), junk)
    return b"".join(lines)


@SETTINGS
@given(claims, st.sampled_from([edit_bytes, delete_line, insert_junk]), st.data())
def test_corrupted_files_give_problems_never_an_exception(
        project_dir: Path, written: list[dict[str, Any]], corrupt: Corrupt,
        draw: st.DataObject) -> None:
    project = load(project_dir, corrupt(dump({"claims": written}, False), draw))
    for problem in project.problems:
        assert problem.file in project.files and problem.line >= 1 and problem.column >= 1
        assert problem.message and problem.code


@SETTINGS
@given(claims, st.data())
def test_a_value_of_the_wrong_type_is_always_a_located_problem(
        project_dir: Path, written: list[dict[str, Any]], draw: st.DataObject) -> None:
    index = draw.draw(st.integers(0, len(written) - 1))
    field = draw.draw(st.sampled_from(sorted(set(written[index]) - {"examples"})))
    written[index][field] = _swap(written[index][field], field)
    project = load(project_dir, dump({"claims": written}, False))
    wrong = [p for p in project.problems if p.code == "schema"]
    assert any(p.json_path.startswith(f"$.claims[{index}].{field}") or
               p.json_path == f"$.claims[{index}]" for p in wrong), project.problems
    assert written[index]["id"] not in [c.id for c in project.claims] or field == "id"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_load_or_give_a_problem(data: bytes) -> None:
    try:
        load_yaml("f.yaml", data)
    except ProblemError as error:
        assert error.problem.line >= 1 and error.problem.column >= 1
