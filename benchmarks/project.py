"""Write a synthetic corpus (benchmarks/synth.py) to disk as a verifier project.

    ROOT/claims/entities.yaml   the registry
    ROOT/claims/claims.yaml     the claims, with provenance and examples
    ROOT/claims/acknowledgements.yaml  every planted contradiction, acknowledged: the steady
                                state of a maintained corpus, and a self-check (a planted one
                                the verifier misses is a stale acknowledgement: exit 1)
    ROOT/seeds/NNNNNN.txt       the articles, each with a .meta.yaml sidecar (title, published
                                date, kind, language, sha256)
    ROOT/pytest.ini             so plain `pytest` in ROOT runs the verifier plugin
    ROOT/planted.json           the (claim, article) pairs that must come out contradicted

A stamp file records the generator's arguments and source; an existing project with the same
stamp is reused, so repeated benchmark runs do not rewrite tens of thousands of files.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from benchmarks.synth import Corpus, build
from verifier.model import Claim, Entity

PUBLISHED = "2025-06-02"
PYTEST_INI = """[pytest]
verifier_claims = claims
verifier_articles = seeds
addopts = -p no:cacheprovider
"""


def stamp(n_articles: int, n_claims: int, seed: int) -> str:
    source = (Path(__file__).parent / "synth.py").read_bytes() + Path(__file__).read_bytes()
    return json.dumps({"articles": n_articles, "claims": n_claims, "seed": seed,
                       "source": hashlib.sha256(source).hexdigest()}, sort_keys=True)


def materialise(root: Path, n_articles: int, n_claims: int, seed: int) -> Path:
    """The project for these arguments under `root`, written unless already there."""
    folder = root / f"a{n_articles}-c{n_claims}-s{seed}"
    mark = folder / "stamp.json"
    wanted = stamp(n_articles, n_claims, seed)
    if mark.is_file() and mark.read_text() == wanted:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    write(folder, build(n_articles, n_claims, seed))
    mark.write_text(wanted)
    return folder


def write(folder: Path, corpus: Corpus) -> None:
    (folder / "seeds").mkdir(parents=True)
    write_entities(folder, corpus.entities.values())
    write_claims(folder, corpus.claims)
    for article in corpus.articles:
        write_article(folder, article.path.rsplit("/", 1)[-1], article.text, article.meta.title)
    (folder / "pytest.ini").write_text(PYTEST_INI, encoding="utf-8")
    planted = sorted([claim, f"seeds/{path.rsplit('/', 1)[-1]}"] for claim, path in corpus.planted)
    (folder / "planted.json").write_text(json.dumps(planted), encoding="utf-8")
    acks = [{"claim": claim, "article": path, "reason": "planted by benchmarks/synth.py"}
            for claim, path in planted]
    (folder / "claims" / "acknowledgements.yaml").write_text(
        _yaml({"acknowledgements": acks}), encoding="utf-8")


def write_entities(folder: Path, entities: Iterable[Entity]) -> None:
    (folder / "claims").mkdir(parents=True, exist_ok=True)
    data = {"entities": [_entity(e) for e in entities]}
    (folder / "claims" / "entities.yaml").write_text(_yaml(data), encoding="utf-8")


def write_claims(folder: Path, claims: Iterable[Claim]) -> None:
    (folder / "claims").mkdir(parents=True, exist_ok=True)
    data = {"claims": [_claim(c) for c in claims]}
    (folder / "claims" / "claims.yaml").write_text(_yaml(data), encoding="utf-8")


def write_article(folder: Path, name: str, text: str, title: str) -> Path:
    path = folder / "seeds" / name
    path.write_text(text, encoding="utf-8")
    meta = {"title": title, "published": PUBLISHED, "kind": "article", "language": "en",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    path.with_name(name.removesuffix(".txt") + ".meta.yaml").write_text(_yaml(meta),
                                                                       encoding="utf-8")
    return path


def _yaml(data: Any) -> str:
    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))


def _entity(e: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {"id": e.id, "type": e.type, "name": e.name}
    out.update({k: getattr(e, k) for k in ("given", "family", "jurisdiction") if getattr(e, k)})
    out.update({k: list(getattr(e, k)) for k in ("aliases", "titles", "within") if getattr(e, k)})
    return out


def _claim(c: Claim) -> dict[str, Any]:
    out: dict[str, Any] = {"id": c.id, "statement": c.statement, "kind": c.kind}
    out.update(_plain(dict(c.content)))
    out["provenance"] = [dict(p) for p in c.provenance]
    examples: dict[str, list[str]] = {}
    for example in c.examples:
        examples.setdefault(example.expect, []).append(example.text)
    if examples:
        out["examples"] = examples
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
