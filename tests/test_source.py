"""verifier.load.source: YAML 1.2 scalars, duplicate keys, limits, and line:col for every value."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from verifier.load.source import (
    MAX_BYTES,
    MAX_DEPTH,
    Locations,
    StrictLoader,
    json_path,
    load_yaml,
    parse_path,
)
from verifier.problems import Problem, ProblemError


def load(text: str | bytes) -> Any:
    return load_yaml("f.yaml", text.encode() if isinstance(text, str) else text)[0]


def problem(text: str | bytes) -> Problem:
    with pytest.raises(ProblemError) as caught:
        load_yaml("f.yaml", text.encode() if isinstance(text, str) else text)
    return caught.value.problem


@pytest.mark.parametrize(("text", "value"), [
    ("NO", "NO"), ("on", "on"), ("yes", "yes"), ("Off", "Off"), ("y", "y"),
    ("true", True), ("False", False), ("TRUE", True),
    ("2025-10-28", "2025-10-28"), ("2025-10-28T10:00:00Z", "2025-10-28T10:00:00Z"),
    ("550e9", 550e9), ("1.5e6", 1.5e6), ("2.5", 2.5), ("-3", -3), ("+4", 4), ("017", 17),
    ("0x1F", "0x1F"), ("1_000", "1_000"), ("1:20", "1:20"), (".inf", ".inf"), (".nan", ".nan"),
    ("~", None), ("null", None), ("", None), ('"2"', "2"), ("'true'", "true"), ("! 12", "12"),
    ("!!str 5", "5"), ("!!int 7", 7), ("!!float 7", 7.0),
])
def test_scalars_follow_the_yaml_1_2_core_schema(text: str, value: object) -> None:
    loaded = load(f"a: {text}\n")
    assert loaded == {"a": value}
    assert type(loaded["a"]) is type(value)


def test_keys_are_always_text() -> None:
    assert load("1: a\ntrue: b\nnull: c\nNO: d\n") == {"1": "a", "true": "b", "null": "c",
                                                     "NO": "d"}


def test_the_loader_class_alone_resolves_like_yaml_1_2() -> None:
    assert yaml.load("a: [NO, 2025-10-28, 550e9, true]", Loader=StrictLoader) == {
        "a": ["NO", "2025-10-28", 550e9, True]}


def test_locations_of_values_and_keys_are_one_based() -> None:
    data, locations = load_yaml("f.yaml", b"claims:\n  - id: x\n    tags: [a, b]\n")
    assert data == {"claims": [{"id": "x", "tags": ["a", "b"]}]}
    assert locations.at("$") == (1, 1)
    assert locations.at("$.claims") == (2, 3)
    assert locations.at("$.claims[0]") == (2, 5)
    assert locations.at("$.claims[0].id") == (2, 9)
    assert locations.at(("claims", 0, "tags", 1)) == (3, 15)
    assert locations.key_at(("claims", 0, "tags")) == (3, 5)


def test_a_missing_path_falls_back_to_its_nearest_parent() -> None:
    _, locations = load_yaml("f.yaml", b"claims:\n  - id: x\n")
    assert locations.at("$.claims[0].holder") == (2, 5)
    assert locations.at("$.claims[7].holder") == (2, 3)
    assert locations.key_at("$.claims[0].holder") == (2, 5)
    assert Locations().at("$.anything") == (1, 1)


def test_columns_count_characters_not_bytes() -> None:
    _, locations = load_yaml("f.yaml", "a: [é€, x]\n".encode())
    assert locations.at(("a", 1)) == (1, 9)


@pytest.mark.parametrize("parts", [
    (), ("claims", 0, "holder"), ("a b", 3), ("it's", "x\\y"), ("_x", "1a", "ok_1")])
def test_json_paths_round_trip(parts: tuple[str | int, ...]) -> None:
    assert parse_path(json_path(parts)) == parts


def test_json_paths_are_written_like_jsonschema_writes_them() -> None:
    assert json_path(("claims", 0, "holder")) == "$.claims[0].holder"
    assert json_path(("a b",)) == "$['a b']"


def test_duplicate_keys_are_an_error_at_the_second_key() -> None:
    found = problem("claims:\n  - id: a\n    id: b\n")
    assert (found.line, found.column, found.code) == (3, 5, "yaml-duplicate-key")
    assert "'id'" in found.message and "line 2" in found.message
    assert found.json_path == "$.claims[0].id"


def test_the_same_key_in_two_mappings_is_fine() -> None:
    assert load("- id: a\n- id: b\n") == [{"id": "a"}, {"id": "b"}]


def test_aliases_are_refused_at_the_alias() -> None:
    found = problem("a: &x [1, 2]\nb: *x\n")
    assert (found.line, found.column, found.code) == (2, 4, "yaml-alias")
    assert load("a: &x [1, 2]\n") == {"a": [1, 2]}  # an anchor alone expands nothing


def test_billion_laughs_is_a_problem_not_a_hang() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 30)]
    assert problem("\n".join(lines)).code == "yaml-alias"


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    assert load("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    found = problem("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert (found.code, found.column) == ("yaml-depth", MAX_DEPTH + 1)


def test_a_file_over_the_size_limit_is_refused_before_parsing() -> None:
    assert problem(b"a: b\n" + b"#" * MAX_BYTES).code == "too-large"


@pytest.mark.parametrize("text", [b"", b"   \n\n", b"# only a comment\n", b"\xef\xbb\xbf"])
def test_empty_files_are_a_problem(text: bytes) -> None:
    found = problem(text)
    assert (found.line, found.column, found.code) == (1, 1, "empty")


def test_bad_utf8_is_located_at_the_first_bad_byte() -> None:
    found = problem("a: ok\nÇ: caf".encode() + b"\xe9\n")  # columns count characters
    assert (found.line, found.column, found.code) == (2, 7, "encoding")
    assert "0xE9" in found.message and "UTF-8" in found.message


def test_a_byte_order_mark_is_accepted() -> None:
    data, locations = load_yaml("f.yaml", b"\xef\xbb\xbfa: 1\n")
    assert data == {"a": 1} and locations.at("$.a") == (1, 4)


def test_crlf_line_ends_give_the_same_positions() -> None:
    _, locations = load_yaml("f.yaml", b"a: 1\r\nb:\r\n  - x\r\n")
    assert locations.at("$.b[0]") == (3, 5)


@pytest.mark.parametrize(("text", "line", "col"), [
    ("a: [1, 2\nb: 3\n", 2, 2), ("a: b: c\n", 1, 5), ('a: "x\n', 2, 1),
    ("a:\n  - 1\n b: 2\n", 3, 2), ("a: \x07\n", 1, 4), ("\t- a\n", 1, 1)])
def test_syntax_errors_are_located(text: str, line: int, col: int) -> None:
    found = problem(text)
    assert found.code == "yaml-syntax"
    assert (found.line, found.column) == (line, col)
    assert found.file == "f.yaml"


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system [echo]\n", "a: !custom x\n", "a: !!set {x}\n",
    "a: !!int twelve\n", "a: !!binary aGk=\n", "!!omap [a: 1]\n"])
def test_tags_other_than_the_core_types_are_refused(text: str) -> None:
    assert problem(text).code == "yaml-tag"


def test_numbers_too_large_for_python_are_a_problem() -> None:
    assert problem("a: " + "9" * 5000 + "\n").code == "yaml-number"
    assert problem("a: 1e999\n").code == "yaml-number"


def test_complex_keys_are_refused() -> None:
    assert problem("? [a, b]\n: c\n").code == "yaml-key"


def test_a_second_document_is_refused() -> None:
    found = problem("a: 1\n---\nb: 2\n")
    assert (found.line, found.code) == (2, "yaml-documents")


def test_problems_print_as_file_line_col_code() -> None:
    assert str(problem("a: 1\na: 2\n")).startswith("f.yaml:2:1: [yaml-duplicate-key] ")
