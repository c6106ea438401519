"""Load a whole project: claim files, the entity registry, acknowledgements and the corpus.

Every `*.yaml`/`*.yml` under the claims folder is read; its top-level key says what it is:
`entities` (the registry), `acknowledgements` (the baseline), otherwise a claim file (`claims`).
A file with problems contributes what it still can: a claim or entity with a schema error is
dropped and reported, its neighbours load. Nothing here raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from verifier.load.consistency import Where, check
from verifier.load.corpus import Mapper, read_corpus
from verifier.load.filesystem import display_path, read_bytes, walk
from verifier.load.memo import DocumentMemo
from verifier.load.memo import key as memo_key
from verifier.load.schema import MAX_PROBLEMS, TOO_MANY, SchemaName, validate
from verifier.load.source import MAX_BYTES, Locations, PathKey, load_yaml, parse_path
from verifier.model import Acknowledgement, Claim, Entity, Example, Position, Project
from verifier.problems import Problem, ProblemError

COMMON_FIELDS = frozenset({"id", "statement", "kind", "severity", "tags", "provenance",
                           "examples", "valid_from", "valid_until"})
_ENTITY_TUPLES = ("aliases", "within", "titles", "participants", "triggers", "during")


class FrozenDict(dict[str, Any]):
    """A dict that refuses changes: Claim.content stays read-only yet pickles and dumps to JSON."""

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("claim content is read-only")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))

    def __reduce__(self) -> tuple[Any, ...]:
        return FrozenDict, (dict(self),)


def freeze(value: Any) -> Any:
    """Lists become tuples and mappings FrozenDicts, all the way down."""
    if isinstance(value, dict):
        return FrozenDict({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


@dataclass
class _Loaded:
    """Objects read so far, each with where it was read."""

    entities: list[tuple[Entity, Where]]
    claims: list[tuple[Claim, Where]]
    acknowledgements: list[tuple[Acknowledgement, Where]]
    problems: list[Problem]
    dropped_claims: set[str]
    complete: bool = True  # False once a file could not be parsed: it may define missing ids


def load_project(root: Path, claims_dir: Path | None = None,
                 article_paths: Sequence[Path] | None = None, mapper: Mapper | None = None,
                 memo: DocumentMemo | None = None) -> Project:
    """Everything under `root` (defaults: root/claims, root/seeds), with every Problem found.
    `mapper` reads the articles (see corpus.read_corpus; verifier.execution.workers has a
    process pool's);
    `memo` skips parsing and validating files already seen valid (see verifier.load.memo)."""
    claims_dir = root / "claims" if claims_dir is None else claims_dir
    paths = [root / "seeds"] if article_paths is None else article_paths
    if mapper is None:
        corpus = read_corpus(root, paths, memo=memo)
        loaded, files = _read_claims(root, claims_dir, memo)
    else:  # worker processes read the articles while this one reads the claim files
        with ThreadPoolExecutor(1) as background:
            reading = background.submit(read_corpus, root, paths, mapper, memo)
            loaded, files = _read_claims(root, claims_dir, memo)
            corpus = reading.result()
    known = {a.path for a in corpus.articles}
    # (os.path: False for a file that cannot be looked at, where pathlib raises)
    known |= {a.article for a, _ in loaded.acknowledgements
              if os.path.isfile(root / a.article)}
    checked = check(loaded.entities, loaded.claims, loaded.acknowledgements, known,
                    loaded.dropped_claims, loaded.complete)
    problems = capped(sorted({*loaded.problems, *corpus.problems, *checked.problems}))
    return Project(root=str(root), entities=checked.entities, claims=checked.claims,
                   articles=corpus.articles,
                   acknowledgements=checked.acknowledgements,
                   problems=tuple(problems), files=(*files, *corpus.files))


def capped(problems: list[Problem], limit: int = MAX_PROBLEMS) -> list[Problem]:
    """At most `limit` problems per file (sorted), then one saying how many more there are."""
    out: list[Problem] = []
    counts: dict[str, int] = {}
    for problem in problems:
        if problem.code == TOO_MANY:  # already capped where it was found (schema.validate)
            out.append(problem)
            continue
        counts[problem.file] = counts.get(problem.file, 0) + 1
        if counts[problem.file] <= limit:
            out.append(problem)
    for file, count in sorted(counts.items()):
        if count > limit:
            out.append(Problem(file, 1, 1, TOO_MANY, f"{count - limit} more "
                               f"problem(s) in this file not listed (only the first {limit} are)"))
    return sorted(out)


def _read_claims(root: Path, claims_dir: Path, memo: DocumentMemo | None = None
                 ) -> tuple[_Loaded, list[str]]:
    loaded = _Loaded([], [], [], [], set())
    files: list[str] = []
    for item in walk(root, [claims_dir], (".yaml", ".yml")):
        if isinstance(item, Problem):
            loaded.problems.append(item)
        else:
            files.append(display_path(root, item))
            _read_file(root, item, files[-1], loaded, memo)
    return loaded, files


def validate_project(root: Path, claims_dir: Path | None = None,
                     article_paths: Sequence[Path] | None = None) -> list[Problem]:
    """`verifier validate`: every Problem of the project, sorted by file, line and column."""
    return list(load_project(root, claims_dir, article_paths).problems)


def _schema_of(document: Any) -> SchemaName:
    if isinstance(document, dict) and "entities" in document:
        return "entities"
    if isinstance(document, dict) and "acknowledgements" in document:
        return "acknowledgements"
    return "claims"


def _read_file(root: Path, path: Path, name: str, loaded: _Loaded,
               memo: DocumentMemo | None = None) -> None:
    try:
        data = read_bytes(root, path, MAX_BYTES)
    except ProblemError as error:
        loaded.problems.append(error.problem)
        loaded.complete = False
        return
    digest = memo_key("yaml", data) if memo is not None else ""
    known = _unpack(memo.get(digest)) if memo is not None else None
    if known is not None:
        try:  # the memo is data on disk: what it holds must still build, else parse afresh
            schema = _schema_of(known[0])
            getattr(loaded, schema).extend(_build(schema, name, *known, set()))
            return
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    try:
        document, locations = load_yaml(name, data)
    except ProblemError as error:
        loaded.problems.append(error.problem)
        loaded.complete = False
        return
    schema = _schema_of(document)
    problems = validate(schema, document, name, locations)
    if memo is not None and not problems:
        memo.put(digest, _pack(document, locations))
    loaded.problems.extend(problems)
    if problems and problems[-1].code == TOO_MANY:  # which items are sound is unknown
        loaded.complete = False
        return
    broken = {parts[1] for p in problems if len(parts := parse_path(p.json_path)) > 1}
    getattr(loaded, schema).extend(_build(schema, name, document, locations, broken))
    if schema == "claims" and isinstance(document, dict):
        claims = document.get("claims")
        loaded.dropped_claims.update(
            raw["id"] for index, raw in enumerate(claims if isinstance(claims, list) else [])
            if index in broken and isinstance(raw, dict) and isinstance(raw.get("id"), str))


def _build(schema: SchemaName, name: str, document: Any, locations: Locations,
           broken: set[Any]) -> list[tuple[Any, Where]]:
    """The objects of a file's items, each with where it was read; items with schema errors
    (`broken`, by index) are left out."""
    items = document.get(schema) if isinstance(document, dict) else None
    if not isinstance(items, list):
        return []
    build: dict[str, Callable[[dict[str, Any], Where], Any]] = {
        "entities": _entity, "claims": _claim, "acknowledgements": _acknowledgement}
    out = []
    for index, raw in enumerate(items):
        where = Where(name, locations, (schema, index))
        if index not in broken:
            out.append((build[schema](raw, where), where))
    return out


def _pack(document: Any, locations: Locations) -> list[Any]:
    """A valid document for the memo: the data, and [*path, line, column] of values and keys."""
    return [document, *([[*path, *at] for path, at in where.items()]
                        for where in (locations.values, locations.keys))]


def _unpack(packed: Any) -> tuple[Any, Locations] | None:
    """The document and its Locations, if `packed` has the shape `_pack` gives (the memo is
    data on disk: checked before use); else None, and the file is parsed again."""
    if not (isinstance(packed, list) and len(packed) == 3 and isinstance(packed[0], dict)
            and isinstance(packed[1], list) and isinstance(packed[2], list)):
        return None
    found: list[dict[PathKey, tuple[int, int]]] = []
    for entries in packed[1:]:  # checked a set at a time: a claim file has thousands of nodes
        if not all(isinstance(e, list) and len(e) >= 2 for e in entries) \
                or not {type(part) for e in entries for part in e} <= {str, int} \
                or not {type(e[-1]) for e in entries} | {type(e[-2]) for e in entries} <= {int}:
            return None
        found.append({tuple(e[:-2]): (e[-2], e[-1]) for e in entries})
    return packed[0], Locations(*found)


def _position(where: Where, *more: str | int) -> Position:
    return Position(where.file, *where.locations.at((*where.path, *more)))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _entity(raw: dict[str, Any], where: Where) -> Entity:
    fields: dict[str, Any] = {k: v for k, v in raw.items() if k not in (*_ENTITY_TUPLES, "cues")}
    tuples: dict[str, Any] = {k: tuple(raw.get(k, ())) for k in _ENTITY_TUPLES}
    cues = tuple(tuple(group) for group in raw.get("cues", ()))
    return Entity(**fields, **tuples, cues=cues, position=_position(where))


def _claim(raw: dict[str, Any], where: Where) -> Claim:
    return Claim(
        id=raw["id"], statement=raw["statement"], kind=raw["kind"],
        content=freeze({k: v for k, v in raw.items() if k not in COMMON_FIELDS}),
        severity=raw.get("severity", "high"), tags=tuple(raw.get("tags", ())),
        provenance=tuple(freeze(p) for p in raw.get("provenance", ())),
        examples=_examples(raw.get("examples", {}), where),
        valid_from=_date(raw.get("valid_from")), valid_until=_date(raw.get("valid_until")),
        position=_position(where))


def _examples(raw: dict[Any, list[Any]], where: Where) -> tuple[Example, ...]:
    """Examples in file order, each positioned at its own line."""
    out = []
    for expect, items in raw.items():
        for index, item in enumerate(items):
            text, published, miss = (item, None, "") if isinstance(item, str) else (
                item["text"], item.get("published"), item.get("known_miss", ""))
            position = _position(where, "examples", expect, index)
            out.append(Example(text, expect, _date(published), position,
                               known_miss=" ".join(miss.split())))
    return tuple(out)


def _acknowledgement(raw: dict[str, Any], where: Where) -> Acknowledgement:
    return Acknowledgement(claim=raw["claim"], article=raw["article"], reason=raw["reason"],
                           owner=raw.get("owner", ""), review_by=_date(raw.get("review_by")),
                           position=_position(where))
