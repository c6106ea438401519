"""The JSON Schemas and verifier.load.schema: every error, located, in a claim author's words."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from frozen import FROZEN, REPO
from jsonschema import Draft202012Validator

from verifier.load.schema import SchemaName, schema_path, validate
from verifier.load.source import load_yaml
from verifier.problems import Problem

NAMES: tuple[SchemaName, ...] = ("claims", "entities", "article", "acknowledgements")
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
OFFICE = "claims:\n  - id: ada-director\n    statement: s\n    kind: office\n"


def check(text: str, name: SchemaName = "claims") -> list[Problem]:
    data, locations = load_yaml("f.yaml", text.encode())
    return validate(name, data, "f.yaml", locations)


def one(text: str, name: SchemaName = "claims") -> Problem:
    found = check(text, name)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("name", NAMES)
def test_schemas_are_valid_2020_12_with_ids(name: SchemaName) -> None:
    schema: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{name}.schema.json")


@pytest.mark.parametrize(("name", "field"), [("claims", "kind"), ("entities", "type")])
def test_kinds_are_an_if_then_else_chain_not_one_of(name: SchemaName, field: str) -> None:
    text = schema_path(name).read_text(encoding="utf-8")
    assert "oneOf" not in text
    node = json.loads(text)["$defs"]["claim" if name == "claims" else "entity"]
    choices = node["properties"][field]["enum"]
    assert node["unevaluatedProperties"] is False
    for choice in choices:
        assert node["if"]["properties"][field]["const"] == choice
        node = node.get("else", {})
    assert "if" not in node


def shipped_files() -> list[Path]:
    """The frozen corpus's files (tests/frozen.py); the live ones are gated by the plugin."""
    return sorted([*(FROZEN / "claims").glob("*.yaml"), *(FROZEN / "seeds").glob("*.meta.yaml")])


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.name)
def test_every_shipped_file_names_an_existing_schema_that_accepts_it(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first)
    assert match, f"{path.name} lacks the yaml-language-server modeline"
    # the modeline is relative to the file's place in a corpus repository, not in tests/data
    target = (REPO / path.relative_to(FROZEN).parent / match.group(1)).resolve()
    assert target.is_file()
    name = next(n for n in NAMES if target.name == f"{n}.schema.json")
    data, locations = load_yaml(path.name, path.read_bytes())
    assert validate(name, data, path.name, locations) == []


def test_a_missing_required_field_is_named_at_its_object() -> None:
    found = one(OFFICE + "    holder: ada-lovelace\n")
    assert (found.line, found.column, found.json_path) == (2, 5, "$.claims[0]")
    assert "missing required field 'office'" in found.message


def test_an_unknown_field_is_named_with_every_allowed_field_of_its_kind() -> None:
    found = one(OFFICE + "    holder: a\n    office: b\n    holdr: c\n")
    assert (found.line, found.column, found.json_path) == (7, 5, "$.claims[0].holdr")
    assert "unknown field 'holdr'" in found.message and "kind 'office'" in found.message
    assert "did you mean 'holder'?" in found.message
    allowed = found.message.split("allowed fields: ")[1].split(", ")
    assert {"holder", "office", "status", "also_holds", "id", "examples"} <= set(allowed)
    assert "places" not in allowed  # a field of another kind is unknown here


def test_a_failing_branch_does_not_also_report_its_own_fields_as_unknown() -> None:
    found = check(OFFICE + "    holder: 5\n    office: b\n    status: now\n")
    assert [p.json_path for p in found] == ["$.claims[0].holder", "$.claims[0].status"]


def test_a_wrong_kind_is_reported_once_without_flagging_the_kind_fields() -> None:
    found = one(OFFICE.replace("office\n", "ofice\n") + "    holder: a\n    office: b\n")
    assert found.json_path == "$.claims[0].kind"
    assert "did you mean 'office'?" in found.message
    assert "choose one of: office, spelling, value, event, date, place, succession, phrases" \
        in found.message


def test_enum_errors_list_the_choices() -> None:
    found = one(OFFICE + "    holder: a\n    office: b\n    severity: urgent\n")
    assert "choose one of: critical, high, medium, low" in found.message
    assert (found.line, found.column) == (7, 15)


@pytest.mark.parametrize(("value", "hint"), [
    ("2022", "put it in quotes"), ("[2022]", "must be text, not a list"),
    ("", "write a value after the colon")])
def test_type_errors_say_what_was_expected_and_how_to_fix_it(value: str, hint: str) -> None:
    text = "claims:\n  - id: d\n    statement: s\n    kind: date\n    event: e\n"
    found = one(text + f"    date: {value}\n")
    assert found.json_path == "$.claims[0].date" and hint in found.message


@pytest.mark.parametrize(("date", "ok"), [
    ('"2022"', True), ('"2022-07"', True), ('"2022-07-08"', True), ('"2024-02-29"', True),
    ('"2022-13"', False), ('"2023-02-29"', False), ('"22"', False), ('"2022-7-8"', False),
    ('"July 2022"', False),
    # more than three parts once reached the date constructor: a TypeError, not a problem
    ('"2025-10-28-01"', False), ('"1843-02-2-2-30"', False), ('"2025--1"', False)])
def test_claim_dates_may_be_partial_but_must_exist(date: str, ok: bool) -> None:
    text = "claims:\n  - id: d\n    statement: s\n    kind: date\n    event: e\n"
    assert (check(text + f"    date: {date}\n") == []) is ok


@pytest.mark.parametrize(("date", "ok"), [
    ('"2025-10-21"', True), ('"2025-02-30"', False), ('"2025-10"', False), ("2025-10-21", True)])
def test_validity_dates_are_full_calendar_dates(date: str, ok: bool) -> None:
    text = OFFICE + f"    holder: a\n    office: b\n    valid_from: {date}\n"
    assert (check(text) == []) is ok


def test_ids_must_be_kebab_case() -> None:
    found = one(OFFICE.replace("ada-director", "Ada_Director") + "    holder: a\n    office: b\n")
    assert found.json_path == "$.claims[0].id" and "kebab-case" in found.message


@pytest.mark.parametrize(("pattern", "ok"), [
    ('"golden age"', True), ('"(?i)gold(en)? age"', True), ("'(a)\\1'", False),
    ('"(?<=x)y"', False), ('"(unclosed"', False)])
def test_phrase_patterns_must_compile_under_re2(pattern: str, ok: bool) -> None:
    text = f"claims:\n  - id: p\n    statement: s\n    kind: phrases\n    support: [{pattern}]\n"
    found = check(text)
    assert (found == []) is ok
    assert ok or "RE2" in found[0].message


def test_phrases_need_support_or_contradict() -> None:
    found = one("claims:\n  - id: p\n    statement: s\n    kind: phrases\n")
    assert "at least one of the fields: support, contradict" in found.message


def test_examples_are_text_or_text_with_a_published_date() -> None:
    base = OFFICE + "    holder: a\n    office: b\n    examples:\n      supported:\n"
    assert check(base + '        - x\n        - {text: y, published: "2025-10-28"}\n') == []
    missing, unknown = check(base + "        - {txt: y}\n")
    assert "missing required field 'text'" in missing.message
    assert "unknown field 'txt' (did you mean 'text'?)" in unknown.message


def test_all_errors_are_reported_in_file_order() -> None:
    text = ("claims:\n  - id: A\n    statement: ''\n    kind: event\n    event: e\n    x: 1\n"
            "  - id: b\n    kind: place\n    event: e\n    places: []\n")
    found = check(text)
    assert [(p.line, p.column) for p in found] == sorted((p.line, p.column) for p in found)
    assert len(found) == 5
    assert found == check(text)  # deterministic


def test_an_empty_reason_is_refused_in_acknowledgements() -> None:
    text = "acknowledgements:\n  - claim: c\n    article: seeds/a.txt\n    reason: '  '\n"
    assert "must not be blank" in one(text, "acknowledgements").message


@pytest.mark.parametrize("path", ["/etc/passwd", "../x.txt", "seeds/../../x.txt", "C:\\x.txt"])
def test_acknowledged_article_paths_stay_inside_the_project(path: str) -> None:
    text = f"acknowledgements:\n  - claim: c\n    article: '{path}'\n    reason: r\n"
    assert one(text, "acknowledgements").json_path == "$.acknowledgements[0].article"


@pytest.mark.parametrize(("field", "ok"), [
    ('published: "2025-10-28"', True), ('retrieved: "2025-10-28T09:30:00Z"', True),
    ('url: ""', True), ('url: "javascript:alert(1)"', False), ("sha256: abc", False),
    ("kind: blog", False), ("language: English", False), ('original: "../x.html"', False)])
def test_article_metadata_fields(field: str, ok: bool) -> None:
    assert (check(field + "\n", "article") == []) is ok


def test_entity_fields_depend_on_the_type() -> None:
    text = "entities:\n  - id: tokyo\n    type: place\n    name: Tokyo\n    given: T\n"
    found = one(text, "entities")
    assert "unknown field 'given' for type 'place'" in found.message
    assert "within" in found.message
