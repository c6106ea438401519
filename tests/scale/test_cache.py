"""The verdict cache: a re-run judges exactly what changed, and a damaged cache is survived.

Each test runs a small synthetic project with the cache on, changes one input, runs again and
checks two things: which (article, claims) the engine judged, recorded by a spy on
Engine.judge_article, and that the result equals a run without any cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
from scale_projects import altered, garbage, make, run, truncated

from benchmarks.project import write_article, write_claims, write_entities
from verifier import engine
from verifier.engine import Engine
from verifier.execution import cache as cache_module
from verifier.execution import cachekeys
from verifier.execution.cache import MAX_PACKS, Stats
from verifier.execution.workers import Execution
from verifier.load.project import load_project
from verifier.model import Article, Claim, Entity
from verifier.store.files import FORMAT, read, read_blob, write_atomic, write_blob
from verifier.store.trust import secret

Calls = list[tuple[str, frozenset[str] | None]]


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> Calls:
    """(article path, claim ids judged or None for all) of every engine call, in order."""
    calls: Calls = []
    original = Engine.judge_article

    def spy(self: Engine, article: Article, only: frozenset[str] | None = None) -> object:
        calls.append((article.path, None if only is None else frozenset(only)))
        return original(self, article, only)

    monkeypatch.setattr(Engine, "judge_article", spy)
    return calls


@pytest.fixture
def examples_judged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Ids of the claims whose examples the engine judged, in order."""
    calls: list[str] = []
    original = engine.check_examples

    def spy(claim: Claim, *args: object) -> object:
        calls.append(claim.id)
        return original(claim, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "check_examples", spy)
    return calls


def cached(folder: Path) -> tuple[object, Stats]:
    execution = Execution(jobs=1, cache=folder / ".cache")
    return run(folder, execution), execution.stats


def uncached(folder: Path) -> object:
    return run(folder, Execution(jobs=1))


def paths(folder: Path) -> list[str]:
    return sorted(a.path for a in load_project(folder).articles)


def warm(folder: Path, calls: Calls) -> None:
    cached(folder)
    calls.clear()


def test_a_second_run_judges_nothing_and_gives_the_same_result(small: Path,
                                                                judged: Calls) -> None:
    first, stats = cached(small)
    assert stats == Stats(verified=12) and len(judged) == 12
    judged.clear()
    again, stats = cached(small)
    assert judged == [] and stats == Stats(reused=12)
    assert again == first == uncached(small)


def test_a_changed_claim_is_judged_again_on_every_article_and_nothing_else(
        small: Path, judged: Calls) -> None:
    claims = load_project(small).claims
    warm(small, judged)
    changed = [_amount(c, 55) if c.id == "value-3" else c for c in claims]
    write_claims(small, changed)
    result, stats = cached(small)
    assert judged == [(path, frozenset({"value-3"})) for path in paths(small)]
    assert stats == Stats(partial=12)
    assert result == uncached(small)


def test_a_new_claim_is_judged_alone_and_a_removed_one_judges_nothing(small: Path,
                                                                      judged: Calls) -> None:
    claims = load_project(small).claims
    write_claims(small, [c for c in claims if c.id != "spelling-2"])
    warm(small, judged)
    write_claims(small, claims)
    result, _ = cached(small)
    assert judged == [(path, frozenset({"spelling-2"})) for path in paths(small)]
    assert result == uncached(small)
    judged.clear()
    write_claims(small, [c for c in claims if c.id != "spelling-1"])
    result, stats = cached(small)
    assert judged == [] and stats == Stats(reused=12)
    assert result == uncached(small)


def test_a_claim_that_feeds_the_registry_verifies_everything_again(small: Path,
                                                                   judged: Calls) -> None:
    """An office claim names the office's holder for every check (registry.holders)."""
    claims = load_project(small).claims
    warm(small, judged)
    write_claims(small, [c for c in claims if c.id != "office-4"])
    result, stats = cached(small)
    assert judged == [(path, None) for path in paths(small)] and stats.verified == 12
    assert result == uncached(small)


def test_a_changed_alias_verifies_every_article_again(small: Path, judged: Calls) -> None:
    entities = load_project(small).entities
    warm(small, judged)
    write_entities(small, [_alias(e, "Republic of Moraru") if e.id == "c0" else e
                           for e in entities.values()])
    result, stats = cached(small)
    assert judged == [(path, None) for path in paths(small)]
    assert stats == Stats(verified=12)
    assert result == uncached(small)


def test_a_changed_article_is_verified_again_alone(small: Path, judged: Calls) -> None:
    article = load_project(small).articles[5]
    warm(small, judged)
    name = article.path.rsplit("/", 1)[-1]
    write_article(small, name, article.text + "Officials said the talks went on.\n", "edited")
    result, stats = cached(small)
    assert judged == [(article.path, None)]
    assert stats == Stats(reused=11, verified=1)
    assert result == uncached(small)


@pytest.mark.parametrize("what", ["version", "source"])
def test_another_engine_verifies_every_article_again(small: Path, judged: Calls,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     what: str) -> None:
    warm(small, judged)
    if what == "version":
        monkeypatch.setattr(engine, "VERSION", engine.VERSION + "-next")
    else:
        monkeypatch.setattr(cachekeys, "source_digest", lambda: "edited engine source")
    result, stats = cached(small)
    assert judged == [(path, None) for path in paths(small)]
    assert stats == Stats(verified=12)
    assert result == uncached(small)


def engine_folder(folder: Path) -> Path:
    """The one engine folder of a project's cache (beside the memo and the keys)."""
    (found,) = [p for p in (folder / ".cache" / f"v{FORMAT}").iterdir()
                if p.name not in ("memo", "keys")]
    return found


def pack(folder: Path) -> Path:
    """The one pack a project's cache has after a run."""
    (found,) = engine_folder(folder).glob("pack-*.bin")
    return found


@pytest.mark.parametrize("damage", [truncated, garbage, altered])
def test_a_damaged_pack_is_ignored_and_replaced(small: Path, judged: Calls,
                                                damage: Callable[[Path], None]) -> None:
    warm(small, judged)
    damaged = pack(small)
    damage(damaged)
    result, stats = cached(small)
    assert judged == [(path, None) for path in paths(small)]
    assert stats == Stats(verified=12, corrupt=1)
    assert result == uncached(small)
    assert not damaged.exists()  # merged away
    judged.clear()
    _, stats = cached(small)
    assert judged == [] and stats == Stats(reused=12)


def _malformed(entries: dict[str, Any], key: str, other: str) -> None:
    entries[key] = [entries[key][0], [["value-1", "maybe"]]]  # a true checksum, data of no use


def _swapped(entries: dict[str, Any], key: str, other: str) -> None:
    assert entries[other][3], "the other article has supported verdicts"
    entries[key] = entries[other]  # another article's entry under this article's digest


@pytest.mark.parametrize("damage", [_malformed, _swapped])
def test_a_damaged_entry_is_ignored_and_rebuilt(
        small: Path, judged: Calls, damage: Callable[[dict[str, Any], str, str], None]) -> None:
    articles = load_project(small).articles
    warm(small, judged)
    path = pack(small)
    entries = msgspec.msgpack.decode(read_blob(path) or b"")
    damage(entries, *(a.key for a in articles[3:5]))
    write_blob(path, msgspec.msgpack.encode(entries))
    result, stats = cached(small)
    assert judged == [(articles[3].path, None)]
    assert stats == Stats(reused=11, verified=1, corrupt=1)
    assert result == uncached(small)
    judged.clear()
    cached(small)
    assert judged == []  # rebuilt: trusted again


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many claims' keys each run computed (runs that read them from the cache: none)."""
    counts: list[int] = []
    original = cachekeys.keys

    def spy(engine: Engine, *args: Any) -> cachekeys.Keys:
        counts.append(len(engine.claims))
        return original(engine, *args)

    monkeypatch.setattr(cachekeys, "keys", spy)
    monkeypatch.setattr(cache_module, "keys", spy)
    return counts


def keys_file(folder: Path) -> Path:
    (found,) = (folder / ".cache" / f"v{FORMAT}" / "keys").glob("*.json")
    return found


def test_keys_are_computed_once_per_set_of_claims(small: Path, keyed: list[int]) -> None:
    claims = load_project(small).claims
    cached(small)
    cached(small)
    assert keyed == [30]
    write_claims(small, [_amount(c, 55) if c.id == "value-3" else c for c in claims])
    result, stats = cached(small)
    assert keyed == [30, 30] and stats == Stats(partial=12)
    assert result == uncached(small)


def _other_claims(path: Path) -> None:  # a true checksum, the keys of other claims
    payload = read(path)
    payload["claims"] = {k + "x": v for k, v in payload["claims"].items()}
    write_atomic(path, payload)


def _not_maps(path: Path) -> None:  # a true checksum, values of the wrong types
    write_atomic(path, {"engine": "0" * 32, "claims": ["value-3"], "examples": None})


@pytest.mark.parametrize("damage", [truncated, garbage, altered, _other_claims, _not_maps])
def test_a_damaged_keys_file_is_ignored_and_rebuilt(
        small: Path, judged: Calls, keyed: list[int], damage: Callable[[Path], None]) -> None:
    warm(small, judged)
    damage(keys_file(small))
    result, stats = cached(small)
    assert keyed == [30, 30] and judged == []
    assert stats == Stats(reused=12, corrupt=1)
    assert result == uncached(small)
    cached(small)
    assert keyed == [30, 30]  # rebuilt: trusted again


def test_a_damaged_claim_set_means_full_verification(small: Path, judged: Calls) -> None:
    claims = load_project(small).claims
    warm(small, judged)
    (old,) = (engine_folder(small) / "claims").iterdir()
    old.write_text("{not json", encoding="utf-8")
    write_claims(small, [_amount(c, 55) if c.id == "value-3" else c for c in claims])
    result, stats = cached(small)
    assert judged == [(path, None) for path in paths(small)]
    assert stats == Stats(verified=12, corrupt=1)
    assert result == uncached(small)


def test_an_unwritable_cache_only_costs_time(small: Path, judged: Calls) -> None:
    (small / ".cache").write_text("a file where the cache folder should be", encoding="utf-8")
    result, stats = cached(small)
    assert result == uncached(small)
    assert stats.verified == 12 and stats.unwritable > 0 and stats.corrupt == 0


def test_packs_are_signed_msgpack_keyed_by_article_digest(small: Path) -> None:
    cached(small)
    head, _, body = pack(small).read_bytes().partition(b"\n")
    assert head == b"verifier cache %d" % FORMAT
    checksum, _, body = body.partition(b"\n")
    assert checksum.decode() == hmac.new(secret(), body, hashlib.sha256).hexdigest()
    keys = set(msgspec.msgpack.decode(body))
    assert {a.key for a in load_project(small).articles} <= keys


def test_runs_add_packs_until_they_are_merged(small: Path, judged: Calls) -> None:
    """Each run that judges something writes one pack; at MAX_PACKS they become one."""
    articles = load_project(small).articles
    warm(small, judged)
    folder = pack(small).parent
    for n in range(MAX_PACKS + 1):
        name = articles[n].path.rsplit("/", 1)[-1]
        write_article(small, name, articles[n].text + "Talks went on.\n", "edited")
        result, stats = cached(small)
        assert stats == Stats(reused=11, verified=1)
        assert len(list(folder.glob("pack-*.bin"))) == (n + 1) % MAX_PACKS + 1  # 2, 3 .. 8, 1, 2
    assert result == uncached(small)
    judged.clear()
    _, stats = cached(small)
    assert judged == [] and stats == Stats(reused=12)


def test_partial_verification_agrees_with_a_full_run_on_the_seed_corpus(tmp_path: Path,
                                                                        judged: Calls) -> None:
    """The seed corpus's claims have events, places, dates and acknowledgements: a changed amount
    is judged alone, verdicts change, and the result is the full run's."""
    root = Path(__file__).resolve().parents[1] / "data" / "corpus"  # frozen (tests/frozen.py)
    for part in ("claims", "seeds"):
        shutil.copytree(root / part, tmp_path / part)
    before, _ = cached(tmp_path)
    judged.clear()
    claims = tmp_path / "claims" / "economy.yaml"
    text = claims.read_text(encoding="utf-8")
    assert "amount: 550000000000" in text
    claims.write_text(text.replace("amount: 550000000000", "amount: 600000000000"),
                      encoding="utf-8")
    after, _ = cached(tmp_path)
    assert judged == [(path, frozenset({"investment-550bn"})) for path in paths(tmp_path)]
    assert after == uncached(tmp_path) and after.verdicts != before.verdicts  # type: ignore[attr-defined]


def _amount(claim: Claim, amount: int) -> Claim:
    content = {**claim.content, "value": {**claim.content["value"], "amount": amount}}
    return dataclasses.replace(claim, content=content, statement=f"{claim.statement} ({amount})")


def _alias(entity: Entity, alias: str) -> Entity:
    return dataclasses.replace(entity, aliases=(*entity.aliases, alias))


def test_write_helpers_round_trip(tmp_path: Path) -> None:
    corpus = make(tmp_path / "p", 2, 6)
    project = load_project(tmp_path / "p")
    assert sorted(c.id for c in project.claims) == sorted(c.id for c in corpus.claims)
    assert not [p for p in project.problems if p.level == "error"]


def test_claim_examples_are_judged_once_and_again_when_they_change(
        small: Path, examples_judged: list[str]) -> None:
    claims = load_project(small).claims
    first, stats = cached(small)
    assert sorted(examples_judged) == sorted(c.id for c in claims if c.examples)
    assert not [p for p in first.problems if p.code == "example-mismatch"]
    examples_judged.clear()
    again, stats = cached(small)
    assert examples_judged == [] and stats.examples == len(claims) and again == first
    edited = [dataclasses.replace(c, examples=(*c.examples[:1], dataclasses.replace(
        c.examples[1], text="Chancellor Nobody spoke first."))) if c.id == "office-2" else c
        for c in claims]
    write_claims(small, edited)
    result, _ = cached(small)
    assert examples_judged == ["office-2"]
    assert result == uncached(small)
    assert [p for p in result.problems if p.code == "example-mismatch"]  # now judged silent
