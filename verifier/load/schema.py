"""JSON Schema validation whose errors read like advice to a claim author, at file:line:col.

Every error of Draft 2020-12 validation becomes a Problem (code `schema`), all of them, sorted.
Kind-specific fields are an if/then/else chain on the discriminator (`kind`, `type`) under
`unevaluatedProperties: false`. For an unknown field we name the fields the applicable branch
allows (or, when the discriminator itself is wrong, any branch allows: that error comes alone).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import re2

if TYPE_CHECKING:  # jsonschema is imported when first needed: a warm run validates nothing
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

from verifier.load.source import Locations, PathKey, json_path
from verifier.problems import Problem

SchemaName = Literal["claims", "entities", "article", "acknowledgements"]
# The schemas ship inside the package (package data), so an installed tool never looks for them
# in the project it checks; the repository's top-level schema/ is a published copy of these
# (tests/test_packaging.py keeps the two byte-identical).
SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schemas"  # verifier/schemas
RE2_MEMORY = 8 << 20  # what verifier.checks.phrases gives RE2 when it compiles patterns
_PLAIN = {"minLength": "{what} must not be empty",
          "maxLength": "{what} is longer than {rule} characters: shorten it",
          "minItems": "{what} needs at least {rule} item{s}",
          "uniqueItems": "{what} lists the same item twice: remove the repeat",
          "minimum": "{what} must be at least {rule}"}
_TYPES = {"string": "text", "array": "a list", "object": "a mapping (key: value)",
          "integer": "a whole number", "number": "a number", "boolean": "true or false",
          "null": "empty"}


def schema_path(name: SchemaName) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


def _partial_date(instance: object) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real day, month or year. Another shape is left to
    the schema's pattern, which reports it (a format runs whatever the pattern found: five
    parts once reached the date constructor and stopped the run with a TypeError)."""
    if not isinstance(instance, str) or not _PARTIAL_DATE.fullmatch(instance):
        return True
    parts = [int(p) for p in instance.split("-")]
    dt.date(*parts, *[1] * (3 - len(parts)))  # raises ValueError for 2025-02-30 or 2025-13
    return True


_PARTIAL_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}){0,2}")


def _re2(instance: object) -> bool:
    """Compiles under RE2 with the engine's memory budget; raises ValueError with RE2's reason."""
    if isinstance(instance, str):
        options = re2.Options()
        options.max_mem = RE2_MEMORY
        options.log_errors = False
        try:
            re2.compile(instance, options)
        except re2.error as error:
            reason = error.args[0] if error.args else error
            raise ValueError(reason.decode() if isinstance(reason, bytes) else reason) from None
    return True


@cache
def validator(name: SchemaName) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker()
    checker.checks("partial-date", raises=ValueError)(_partial_date)
    checker.checks("re2", raises=ValueError)(_re2)
    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return Draft202012Validator(_inline(schema, schema), format_checker=checker)


def _inline(node: Any, root: Mapping[str, Any]) -> Any:
    """Local `$ref`s replaced by their targets: a third of validation time went to resolving
    them. Our schemas have no recursive definitions, so this ends."""
    if isinstance(node, list):
        return [_inline(item, root) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: _inline(v, root) for k, v in node.items() if k != "$ref"}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return {**_inline(root["$defs"][ref.removeprefix("#/$defs/")], root), **out}
    return {**out, "$ref": ref} if ref is not None else out


MAX_PROBLEMS = 100  # per file
TOO_MANY = "too-many-problems"


def validate(name: SchemaName, document: Any, file: str, locations: Locations) -> list[Problem]:
    """Every schema error in `document`, as Problems sorted by position; past MAX_PROBLEMS,
    validation stops with one more Problem saying so (a file of 200,000 bad items took 20 s
    to validate and printed 200,000 lines)."""
    found: set[Problem] = set()
    for error in validator(name).iter_errors(document):
        if len(found) >= MAX_PROBLEMS:
            return [*sorted(found), Problem(
                file, 1, 1, TOO_MANY, f"more than {MAX_PROBLEMS} schema errors: only "
                f"the first {MAX_PROBLEMS} are listed; fix them and run again")]
        found.update(_problems(error, file, locations))
    return sorted(found)


def _problems(error: ValidationError, file: str, locations: Locations) -> Iterator[Problem]:
    path: PathKey = tuple(error.absolute_path)
    instance: Any = error.instance
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        schema: Any = error.schema
        allowed, where = _allowed(schema, instance)
        for name in sorted(set(instance) - allowed):
            line, col = locations.key_at((*path, name))
            message = f"unknown field '{name}'{where}{_guess(name, allowed)}; allowed fields: "
            yield Problem(file, line, col, "schema", message + ", ".join(sorted(allowed)),
                          json_path((*path, name)))
        return
    line, col = locations.at(path)
    yield Problem(file, line, col, "schema", _message(error, path), json_path(path))


def _allowed(schema: Mapping[str, Any], instance: Mapping[str, Any]) -> tuple[set[str], str]:
    """Fields this object may have, and which branch (e.g. " for kind 'office'") decided it."""
    names = set(schema.get("properties", {}))
    branches = list(_branches(schema))
    from jsonschema import Draft202012Validator

    matched = [(c, then) for c, then in branches if Draft202012Validator(c).is_valid(instance)]
    # no branch applies when the discriminator itself is wrong: that error is reported on its
    # own, so accept every branch's fields rather than flag them all as unknown
    for _, then in matched[:1] or branches:
        names.update(then.get("properties", {}))
    where = ""
    for cond, _ in matched[:1]:
        for field, rule in cond.get("properties", {}).items():
            where = f" for {field} '{rule.get('const')}'"
    return names, where


def _branches(schema: Mapping[str, Any]) -> Iterator[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """(if, then) pairs of an if/then/else chain (each `else` holding the next `if`)."""
    node: Mapping[str, Any] = schema
    while "if" in node:
        yield node["if"], node.get("then", {})
        node = node.get("else", {})


def _guess(name: str, choices: Sequence[str] | set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(map(str, choices)), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _message(error: ValidationError, path: PathKey) -> str:
    # typed `Any | Unset` by the stubs, but always set on a reported error
    kind, rule = str(error.validator), cast(Any, error.validator_value)
    value = cast(Any, error.instance)
    what = _subject(path)
    hint = error.schema.get("description", "") if isinstance(error.schema, Mapping) else ""
    if kind == "required":
        missing = [p for p in rule if p not in value and error.message.startswith(repr(p))]
        needed = f" (needed here: {', '.join(rule)})" if len(rule) > 1 else ""
        return f"missing required field '{missing[0] if missing else rule[0]}'{needed}; add it"
    if kind == "type":
        return f"{what} must be {_expected(rule)}, not {_kind_of(value)}{_type_hint(rule, value)}"
    if kind == "enum":
        choices = [str(c) for c in rule]
        guess = _guess(str(value), choices)
        return f"{what} is {value!r}{guess}; choose one of: {', '.join(choices)}"
    if kind == "pattern" and isinstance(value, str) and not value.strip():
        return f"{what} must not be blank"
    if kind in ("pattern", "format"):
        cause = f" ({error.cause})" if error.cause else ""
        return f"{what} is {value!r}{cause}; expected {hint or 'another form'}"
    if kind in _PLAIN:
        return _PLAIN[kind].format(what=what, rule=rule, s="" if rule == 1 else "s")
    if kind == "anyOf" and all(set(b) == {"required"} for b in rule):
        fields = ", ".join(f for b in rule for f in b["required"])
        return f"add at least one of the fields: {fields}"
    if kind == "not" and set(rule) == {"required"}:
        return f"{what} may not have all of {', '.join(rule['required'])}: keep one of them"
    if kind == "dependentRequired":
        return f"{what}: {error.message}; add it"
    return f"{what}: {error.message}"


def _subject(path: PathKey) -> str:
    if not path:
        return "the file"
    last = path[-1]
    if isinstance(last, int):
        parent = next((p for p in reversed(path) if isinstance(p, str)), "")
        return f"item {last + 1} of '{parent}'" if parent else f"item {last + 1}"
    return f"'{last}'"


def _expected(rule: str | Sequence[str]) -> str:
    names = [rule] if isinstance(rule, str) else list(rule)
    return " or ".join(_TYPES.get(n, n) for n in names)


def _kind_of(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "a mapping"


def _type_hint(rule: str | Sequence[str], value: object) -> str:
    wanted = [rule] if isinstance(rule, str) else list(rule)
    if "string" in wanted and isinstance(value, int | float | bool):
        return ": put it in quotes"
    if value is None:
        return ": write a value after the colon, or remove the field"
    if "array" in wanted and not isinstance(value, list):
        return ": write it as a list, like [a, b] or one '- item' per line"
    return ""
