"""Issue 14, row 5: the work on one article grows linearly with its size, whatever its shape.

No timing: the work is counted (Python lines executed inside the verifier package while one
article is judged) on n and 2n repetitions of each hostile shape of benchmarks/hostile_sizes.py,
plus shapes that once reached a quadratic path. Linear work doubles; a scan of the whole article
per sentence shows as a ratio well above 2. Also the bounded evidence keeping and the lookups by
bisection against their former (linear-scan) definitions.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from collections.abc import Iterable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import verifier
from verifier.checks import KINDS
from verifier.engine import MAX_EVIDENCE, Engine
from verifier.engine import core as engine_module
from verifier.engine.index import ArticleIndex
from verifier.load.project import load_project
from verifier.model import Article, ArticleMeta, Evidence

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "hostile_sizes.py"


def _hostile_shapes() -> dict[str, str]:
    """The benchmark's shapes, read from the script itself so the two never drift apart."""
    spec = importlib.util.spec_from_file_location("hostile_sizes", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.UNIT)

PACKAGE = str(Path(verifier.__file__).resolve().parent)
SHAPES = {
    **_hostile_shapes(),
    # a subject pronoun after a sentence naming one person: finding that sentence scanned every
    # sentence of the article (work grew 2.3 times per doubling at 8 KB)
    "pronouns": "Takaichi spoke. She succeeded Kishida. ",
}
SIZE = 6_000


@pytest.fixture(scope="module")
def engine() -> Engine:
    project = load_project(CORPUS)
    assert not [p for p in project.problems if p.level == "error"], project.problems
    return Engine(project.claims, project.entities)


def _work(engine: Engine, text: str) -> int:
    """Lines of the verifier package executed while the article is indexed and judged."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if frame.f_code.co_filename.startswith(PACKAGE):
            count += 1
            return trace
        return None

    article = Article("seeds/hostile.txt", text, ArticleMeta())
    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        engine.judge_article(article)
    finally:
        sys.settrace(previous)
    return count


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_doubles_when_the_article_doubles(engine: Engine, shape: str) -> None:
    unit = SHAPES[shape]
    once = _work(engine, unit * (SIZE // len(unit)))
    twice = _work(engine, unit * (2 * (SIZE // len(unit))))
    assert once > 0
    assert twice / once <= 2.1, f"{shape}: {once:,} -> {twice:,} lines"


def _dedupe_by_sorting(evidence: Iterable[Evidence]) -> list[Evidence]:
    """The former definition of `engine._dedupe` (every evidence held, then sorted), the oracle."""
    seen: dict[tuple[str, int, int, str], Evidence] = {}
    for e in evidence:
        seen.setdefault((e.polarity, e.line, e.column, e.reason), e)
    kept: list[Evidence] = []
    for polarity in ("contradict", "support"):
        same = sorted((e for e in seen.values() if e.polarity == polarity),
                      key=lambda e: (e.line, e.column, e.reason))
        kept.extend(same[:MAX_EVIDENCE])
    return kept


@pytest.mark.parametrize("seed", range(40))
def test_bounded_evidence_keeping_matches_sorting_everything(seed: int) -> None:
    rng = random.Random(seed)
    stream = [Evidence(rng.choice(["contradict", "support"]), rng.randrange(1, 6),
                       rng.randrange(1, 6), rng.choice("ab"), f"text {i}")
              for i in range(rng.randrange(0, 80))]
    assert engine_module._dedupe(iter(stream)) == _dedupe_by_sorting(stream)


def test_evidence_keeping_holds_only_the_kept_items() -> None:
    """A page of names yields one evidence per name: never more than MAX_EVIDENCE are held."""
    least = engine_module._Least()
    largest = 0
    for i in range(10_000, 0, -1):  # worst order: every item displaces the largest held
        least.offer((i, 1, "r"), Evidence("support", i, 1, "t", "r"))
        largest = max(largest, len(least.items))
    assert largest == MAX_EVIDENCE
    assert [e.line for e in least.ordered()] == list(range(1, MAX_EVIDENCE + 1))


@pytest.mark.parametrize("seed", range(20))
def test_lookups_by_bisection_match_a_linear_scan(engine: Engine, seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["Trump met Takaichi, Abe and Ishiba", "in Tokyo;", "while Xi (in Busan) waited",
              "- and", "but", "Japan pledged $550 billion:", ".", "\n\n", " "]
    text = " ".join(rng.choice(pieces) for _ in range(rng.randrange(5, 60)))
    index = ArticleIndex(Article("seeds/x.txt", text, ArticleMeta()), engine.matcher)
    for sentence in index.sentences:
        for offset in range(sentence.start - 1, sentence.end + 1):
            linear = next(((s, e) for s, e in sentence.clauses if s <= offset < e),
                          (sentence.start, sentence.end))
            assert sentence.clause_of(offset) == linear
    starts = {s.start: s.index for s in index.sentences}
    for offset in range(len(text) + 1):
        assert index.starting_at(offset) == starts.get(offset)


def _unbarred(engine: Engine, index: ArticleIndex) -> list[tuple[str, str, tuple[Evidence, ...]]]:
    """Every candidate claim judged with all its evidence located, then kept as the engine
    keeps it: the oracle for evidence that the engine's bar stops from being located."""
    out = []
    for claim in engine.claims:
        if claim.id in engine.candidates(index):
            found = engine_module._dedupe(KINDS[claim.kind].check(claim, index, engine.context))
            verdict = engine_module.verdict_of(claim.id, index.article.path, found)
            out.append((claim.id, verdict.verdict, verdict.evidence))
    return out


@pytest.mark.parametrize("seed", range(30))
def test_evidence_past_the_bar_in_any_order(engine: Engine, seed: int) -> None:
    """Evidence offered in any order (checks make several passes): what the engine keeps with
    its bar is what it keeps when every evidence is located."""
    rng = random.Random(seed)
    text = "".join(rng.choice(["Takaichi spoke.", "Trump met Takaichi.", "Abe, Ishiba spoke.",
                               "\n", "\n\n", "  ", " \u201cQuote\u201d said Kishida. "])
                   for _ in range(rng.randrange(20, 120)))
    index = ArticleIndex(Article("seeds/x.txt", text, ArticleMeta()), engine.matcher)
    if not index.sentences:
        return
    # few places and several reasons: ties on the place of the worst evidence held are common
    places = index.sentences[:rng.randrange(1, 12)]
    plan = [(rng.choice(places), rng.choice(["contradict", "support"]), rng.choice("abcd"),
             rng.random() < 0.5) for _ in range(rng.randrange(0, 200))]

    def stream() -> Iterable[Evidence]:
        for sentence, polarity, reason, spanned in plan:
            spans = [(sentence.end - 1, sentence.end)] if spanned else []
            yield index.evidence(sentence, polarity, reason, spans)  # type: ignore[arg-type]

    barred = engine_module._dedupe(stream(), index)
    index.bar.clear()
    assert barred == engine_module._dedupe(stream())


def test_evidence_past_the_bar_on_the_seed_articles(engine: Engine) -> None:
    for path in sorted((CORPUS / "seeds").glob("*.txt")):
        article = Article(path.name, path.read_text(encoding="utf-8"), ArticleMeta())
        index = ArticleIndex(article, engine.matcher)
        barred = [(c.id, v.verdict, v.evidence) for c in engine.claims
                  if c.id in engine.candidates(index) for v in [engine.judge(c, index)]]
        assert barred == _unbarred(engine, ArticleIndex(article, engine.matcher)), path.name

