"""Small stand-ins for the loader and the engine, for tests of the orchestration around them.

`phrase_verify` judges `kind: phrases` claims by plain substring search, line by line; the
real engine agrees with it on the fixture projects. `fake_load` reads a project folder with
PyYAML only: no schema, one Problem for a YAML syntax error or a claim without a statement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from verifier.model import (
    Acknowledgement,
    Article,
    ArticleMeta,
    Claim,
    Entity,
    Evidence,
    Example,
    Position,
    Project,
    Span,
    Verdict,
)
from verifier.problems import Problem


def judge(claim: Claim, path: str, text: str) -> Verdict:
    evidence, offset = [], 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        for polarity in ("contradict", "support"):
            for phrase in claim.content.get(polarity) or ():
                col = line.lower().find(phrase.lower())
                if col >= 0:
                    span = Span(offset + col, offset + col + len(phrase), number, col + 1,
                                line[col:col + len(phrase)])
                    evidence.append(Evidence(polarity, number, 1, line.strip(),
                                             f"article says '{phrase}'", (span,)))
        offset += len(line)
    kinds = {e.polarity for e in evidence}
    name = "contradicted" if "contradict" in kinds else "supported" if kinds else "silent"
    return Verdict(claim.id, path, name, tuple(evidence))  # type: ignore[arg-type]


def phrase_verify(claims: Sequence[Claim], entities: Mapping[str, Entity],
                  articles: Sequence[Article]) -> tuple[Verdict, ...]:
    return tuple(judge(c, a.path, a.text) for a in sorted(articles, key=lambda a: a.path)
                 for c in sorted(claims, key=lambda c: c.id))


def phrase_examples(claim: Claim, entities: Mapping[str, Entity]) -> list[tuple[Example, Verdict]]:
    return [(e, judge(claim, "example", e.text)) for e in claim.examples]


def fake_load(root: Path, claims_dir: Path | None = None,
              article_paths: Sequence[Path] | None = None, execution: object = None) -> Project:
    root = root.resolve()
    claims_dir = (claims_dir or root / "claims").resolve()
    claims: list[Claim] = []
    acks: list[Acknowledgement] = []
    problems: list[Problem] = []
    for path in sorted(claims_dir.glob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        try:
            node = yaml.compose(path.read_text(encoding="utf-8"))
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problems.append(Problem(rel, line, col, "yaml-syntax", str(error.problem)))
            continue
        for key, items in _top(node):
            for item in items:
                pos = Position(rel, item.start_mark.line + 1, item.start_mark.column + 1)
                raw = yaml.safe_load(yaml.serialize(item))
                if key == "acknowledgements":
                    acks.append(Acknowledgement(raw["claim"], raw["article"], raw["reason"],
                                                owner=raw.get("owner", ""),
                                                review_by=_date(raw.get("review_by")),
                                                position=pos))
                elif "statement" not in raw:
                    problems.append(Problem(rel, pos.line, pos.column, "schema",
                                            "'statement' is a required property", "$.claims[0]"))
                else:
                    claims.append(_claim(raw, pos))
    paths = article_paths or sorted((root / "seeds").rglob("*.txt"))  # as the real loader
    articles = [_article(root, Path(p).resolve()) for p in paths]
    return Project(str(root), {}, tuple(claims), tuple(articles), tuple(acks), tuple(problems))


def _top(node: Any) -> list[tuple[str, list[Any]]]:
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(k.value, list(v.value)) for k, v in node.value
            if k.value in ("claims", "acknowledgements") and isinstance(v, yaml.SequenceNode)]


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def _claim(raw: Mapping[str, Any], pos: Position) -> Claim:
    examples = tuple(Example(text, expect, position=pos)
                     for expect, texts in (raw.get("examples") or {}).items() for text in texts)
    content = {k: raw[k] for k in ("support", "contradict") if k in raw}
    return Claim(raw["id"], raw["statement"], raw["kind"], content,
                 severity=raw.get("severity", "high"), tags=tuple(raw.get("tags", ())),
                 examples=examples, position=pos)


def _article(root: Path, path: Path) -> Article:
    meta_path = path.with_suffix(".meta.yaml")
    raw = yaml.safe_load(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    meta = ArticleMeta(title=raw.get("title", ""), published=_date(raw.get("published")))
    return Article(path.relative_to(root).as_posix(), path.read_text(encoding="utf-8"), meta)
