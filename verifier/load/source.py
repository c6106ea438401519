"""Safe YAML for untrusted files: data plus the line:col of every value, or a Problem.

PyYAML's parser (libyaml when present) produces events; we build the data from them ourselves,
iteratively, instead of using PyYAML's constructor. That lets us see where each alias is used
(aliases are refused: no billion laughs), refuse duplicate keys, cap nesting without recursion,
and apply YAML 1.2 core-schema scalars: only true/false are booleans (`NO`, `on`, `yes` stay
text), `2025-10-28` stays text, `550e9` is a number. Mapping keys are always text, as in JSON.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, NoReturn

import yaml

from verifier.problems import Problem, ProblemError

MAX_BYTES = 1 << 20
MAX_DEPTH = 64
PathKey = tuple[str | int, ...]

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
# (tag, plain-scalar pattern, possible first characters) for the YAML 1.2 core schema,
# decimal integers only: "0x1F" and "017" stay text, as do ".inf" and ".nan".
_SCALARS = (
    ("null", r"~|null|Null|NULL|", "~nN"),
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?[0-9]+", "-+0123456789"),
    ("float", r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?", "-+.0123456789"),
)
_PATTERNS = {_TAG + tag: re.compile(rf"(?:{pattern})\Z") for tag, pattern, _ in _SCALARS}
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_PART = re.compile(r"\.([A-Za-z][A-Za-z0-9_]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")


class StrictLoader(_Base):  # type: ignore[misc]
    """The safe parser with YAML 1.2 core-schema implicit types instead of YAML 1.1's."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}


for _tag, _pattern, _first in _SCALARS:
    StrictLoader.add_implicit_resolver(_TAG + _tag, _PATTERNS[_TAG + _tag], [*_first, ""])


def json_path(parts: Sequence[str | int]) -> str:
    """`$.claims[0].holder`, written the way jsonschema writes `error.json_path`."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _NAME.match(part):
            out += "." + part
        else:
            out += "['" + part.replace("\\", "\\\\").replace("'", "\\'") + "']"
    return out


def parse_path(path: str) -> PathKey:
    """The inverse of json_path; stops at the first part it cannot read."""
    parts: list[str | int] = []
    pos = 1 if path.startswith("$") else 0
    while match := _PART.match(path, pos):
        name, index, quoted = match.groups()
        parts.append(int(index) if index is not None else name or re.sub(r"\\(.)", r"\1", quoted))
        pos = match.end()
    return tuple(parts)


@dataclass(frozen=True)
class Locations:
    """JSON path -> (line, col), 1-based, for every value node and every mapping key."""

    values: Mapping[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: Mapping[PathKey, tuple[int, int]] = field(default_factory=dict)

    def at(self, path: str | Sequence[str | int]) -> tuple[int, int]:
        """Where the value at `path` starts, or its nearest existing parent; (1, 1) at worst."""
        parts = parse_path(path) if isinstance(path, str) else tuple(path)
        while parts and parts not in self.values:
            parts = parts[:-1]
        return self.values.get(parts, (1, 1))

    def key_at(self, path: str | Sequence[str | int]) -> tuple[int, int]:
        """Where the key of a mapping entry is written (for unknown fields); else `at`."""
        parts = parse_path(path) if isinstance(path, str) else tuple(path)
        return self.keys.get(parts) or self.at(parts)


@dataclass
class _Frame:
    """A mapping or sequence being filled; `key` is the mapping key waiting for its value."""

    value: dict[str, Any] | list[Any]
    path: PathKey
    key: str | None = None
    seen: dict[str, int] = field(default_factory=dict)


def load_yaml(file: str, data: bytes) -> tuple[Any, Locations]:
    """Parse one YAML document from untrusted bytes; raises ProblemError on anything wrong."""
    if len(data) > MAX_BYTES:
        _fail(file, 1, 1, "too-large", f"file is {len(data):,} bytes; the limit is "
              f"{MAX_BYTES:,}: split it into several files")
    text = decode_utf8(file, data, "re-save the file as UTF-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip(" \t\r\n"):
        _fail(file, 1, 1, "empty", "file is empty: write a YAML mapping, or delete the file")
    loader = StrictLoader(text)
    try:
        return _Builder(file, loader).document()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = f" ({error.context})" if error.context else ""
        _fail(file, line, col, "yaml-syntax", f"YAML syntax error: {error.problem}{context}; "
              "check indentation, and quote text containing ': ' or starting with a symbol")
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        col = error.position - text.rfind("\n", 0, error.position)
        char = error.character if isinstance(error.character, int) else ord(error.character)
        _fail(file, line, col, "yaml-syntax", f"character U+{char:04X} is not allowed in YAML: "
              "remove it, or write it as an escape inside double quotes")
    except yaml.YAMLError as error:  # libyaml's own errors carry no position
        _fail(file, 1, 1, "yaml-syntax", f"YAML error: {error}")
    finally:
        loader.dispose()


def decode_utf8(file: str, data: bytes, fix: str) -> str:
    """Strict UTF-8 (a leading BOM is kept); a bad byte is a Problem at its line:col."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        good = data[data.rfind(b"\n", 0, error.start) + 1:error.start]
        col = len(good.decode("utf-8", "replace")) + 1
        byte = data[error.start]
        _fail(file, line, col, "encoding", f"not valid UTF-8 (byte 0x{byte:02X}): {fix}")
    nul = text.find("\0")
    if nul >= 0:  # UTF-16 without a byte-order mark decodes as UTF-8 full of NULs
        line = text.count("\n", 0, nul) + 1
        _fail(file, line, nul - text.rfind("\n", 0, nul), "encoding", "holds NUL characters "
              f"(U+0000): it looks like UTF-16 or a binary file, not UTF-8 text: {fix}")
    return text


def _fail(file: str, line: int, col: int, code: str, message: str, path: str = "$") -> NoReturn:
    raise ProblemError(Problem(file, line, col, code, message, path))


class _Builder:
    """Turns parser events into plain data (dict, list, str, int, float, bool, None)."""

    def __init__(self, file: str, loader: Any) -> None:
        self.file, self.loader = file, loader
        self.stack: list[_Frame] = []
        self.values: dict[PathKey, tuple[int, int]] = {}
        self.keys: dict[PathKey, tuple[int, int]] = {}
        self.root: Any = None

    def document(self) -> tuple[Any, Locations]:
        self.loader.get_event()  # stream start
        if not self.loader.check_event(yaml.DocumentStartEvent):
            _fail(self.file, 1, 1, "empty", "file has no YAML content: write a YAML mapping")
        self.loader.get_event()
        while not self.loader.check_event(yaml.DocumentEndEvent):
            self._event(self.loader.get_event())
        self.loader.get_event()
        if self.loader.check_event(yaml.DocumentStartEvent):
            self._stop(self.loader.peek_event(), "yaml-documents",
                       "more than one YAML document ('---'): keep one per file")
        return self.root, Locations(self.values, self.keys)

    def _event(self, event: Any) -> None:
        top = self.stack[-1] if self.stack else None
        wants_key = top is not None and isinstance(top.value, dict) and top.key is None
        if isinstance(event, yaml.CollectionEndEvent):
            self._attach(self.stack.pop().value)
        elif isinstance(event, yaml.AliasEvent):
            self._stop(event, "yaml-alias", f"alias '*{event.anchor}' is not allowed: write the "
                       "value out in full (aliases can expand without bound)")
        elif wants_key and top is not None and isinstance(event, yaml.ScalarEvent):
            self._key(top, event)
        elif wants_key:
            self._stop(event, "yaml-key", "a mapping key must be plain text, not a list or "
                       "mapping ('? ' complex keys are not supported)")
        elif isinstance(event, yaml.ScalarEvent):
            self.values[self._child_path()] = _where(event)
            self._attach(self._scalar(event))
        elif isinstance(event, yaml.CollectionStartEvent):
            self._open(event)

    def _key(self, top: _Frame, event: Any) -> None:
        key = top.key = event.value  # set first, so a Problem's JSON path names the key
        if key in top.seen:
            self._stop(event, "yaml-duplicate-key", f"duplicate key '{key}' (first on line "
                       f"{top.seen[key]}): YAML would silently keep only the last; remove one")
        self.keys[(*top.path, key)] = _where(event)
        top.seen[key] = event.start_mark.line + 1

    def _open(self, event: Any) -> None:
        if event.tag not in (None, "!", _TAG + "map", _TAG + "seq"):
            self._stop(event, "yaml-tag", f"tag '{event.tag}' is not allowed: remove it")
        if len(self.stack) >= MAX_DEPTH:
            self._stop(event, "yaml-depth", f"nested more than {MAX_DEPTH} levels deep: flatten it")
        path = self._child_path()
        self.values[path] = _where(event)
        empty: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(empty, path))

    def _child_path(self) -> PathKey:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        return top.path if top.key is None else (*top.path, top.key)

    def _attach(self, value: Any) -> None:
        if not self.stack:
            self.root = value
        elif isinstance(top := self.stack[-1].value, list):
            top.append(value)
        else:
            top[str(self.stack[-1].key)] = value
            self.stack[-1].key = None

    def _scalar(self, event: Any) -> Any:
        """Plain scalars get the core-schema type; quoted ones and `!` are text."""
        text: str = event.value
        tag = event.tag or self.loader.resolve(yaml.ScalarNode, text, event.implicit)
        if tag in ("!", _TAG + "str"):
            return text
        pattern = _PATTERNS.get(tag)
        if pattern is None or not pattern.match(text):
            self._stop(event, "yaml-tag", f"tag '{tag}' does not fit '{text[:40]}': remove it")
        if tag.endswith(("null", "bool")):
            return text.lower() == "true" if tag.endswith("bool") else None
        try:
            number = int(text) if tag.endswith("int") else float(text)
        except ValueError:  # more digits than Python converts
            number = math.inf
        # an integer beyond a float's range overflowed the finiteness test itself
        too_large = number.bit_length() > 1023 if isinstance(number, int) \
            else not math.isfinite(number)
        if too_large:
            self._stop(event, "yaml-number", f"number '{text[:40]}' is too large: quote it if "
                       "it is text, or write it with fewer digits")
        return number

    def _stop(self, event: Any, code: str, message: str) -> NoReturn:
        path = json_path(self._child_path()) if self.stack else "$"
        _fail(self.file, *_where(event), code, message, path)


def _where(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1
