"""Claims x articles -> verdicts. Each article is read and indexed once; every claim is then
checked only on the sentences that mention its entities, so cost grows with the corpus, not with
claims x text. Never prints.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from verifier.checks import KINDS
from verifier.checks.context import Context
from verifier.engine.index import ArticleIndex, Scanned
from verifier.engine.registry import build_registry
from verifier.model import (
    Article,
    ArticleMeta,
    Claim,
    Entity,
    Evidence,
    Example,
    ExampleText,
    Verdict,
)
from verifier.text.mentions import Matcher

# Enough evidence to judge by; the rest of a long article adds nothing a reader needs.
MAX_EVIDENCE = 8
# Raise when verdicts change for a reason the source does not show (a new data file, say):
# cached verdicts of another version are never reused (verifier.execution.cache also keys on
# the source).
VERSION = "1"


class Engine:
    """The compiled registry and claims, reusable across many articles (and worker processes)."""

    def __init__(self, claims: Iterable[Claim], entities: Mapping[str, Entity]) -> None:
        self.claims = tuple(sorted(claims, key=lambda c: c.id))
        self.registry = build_registry(entities, self.claims)
        self.matcher = Matcher(self.registry)
        self.context = Context.build(self.registry, self.claims)
        # target entity -> claims that need it: an article is checked only against claims whose
        # entities it mentions, so cost follows what articles say, not claims x articles
        self._always: list[Claim] = []
        self._by_target: dict[str, list[Claim]] = {}
        self._by_id: dict[str, list[Claim]] = {}  # judge_article visits candidates only
        for claim in self.claims:
            self._by_id.setdefault(claim.id, []).append(claim)
            targets = KINDS[claim.kind].targets(claim, self.context)
            if targets is None:
                self._always.append(claim)
            for target in sorted(targets or ()):
                self._by_target.setdefault(target, []).append(claim)

    def candidates(self, index: ArticleIndex) -> set[str]:
        return self._candidates_of(index.present())

    def _candidates_of(self, targets: Iterable[str]) -> set[str]:
        """The ids of the claims judged on an article that mentions these targets."""
        ids = {c.id for c in self._always}
        for target in targets:
            ids.update(c.id for c in self._by_target.get(target, ()))
        return ids

    def verify_article(self, article: Article) -> list[Verdict]:
        with collector_paused(), _naming(article):
            index = ArticleIndex(article, self.matcher)
            wanted = self.candidates(index)
            return [self.judge(claim, index) if claim.id in wanted
                    else Verdict(claim.id, article.path, "silent") for claim in self.claims]

    def judge_article(self, article: Article,
                      only: Collection[str] | None = None) -> list[Verdict]:
        """`verify_article` without the silent verdicts (a large run cannot hold one object per
        pair), in claim id order; `only`, when given, judges just those claim ids."""
        with collector_paused(), _naming(article):
            scanned = Scanned.of(article, self.matcher)
            if only is not None and not self._may_concern(scanned, only):
                return []  # no claim asked is a candidate: not worth splitting into sentences
            index = ArticleIndex(article, self.matcher, scanned)
            wanted = self.candidates(index)
            ids = sorted(wanted if only is None else wanted.intersection(only))
            judged = (self.judge(claim, index) for i in ids for claim in self._by_id[i])
            return [v for v in judged if v.verdict != "silent"]

    def _may_concern(self, scanned: Scanned, only: Collection[str]) -> bool:
        """Whether a claim of `only` may be a candidate of the article: `candidates` asks the
        same of the content sentences, whose mentions are a subset of all. One changed claim
        against a large corpus then splits only the articles that mention it into sentences."""
        return not self._candidates_of(scanned.targets()).isdisjoint(only)

    def judge(self, claim: Claim, index: ArticleIndex) -> Verdict:
        article = index.article
        if not _in_scope(claim, article.meta.published):
            return Verdict(claim.id, article.path, "silent")
        try:
            evidence = _dedupe(KINDS[claim.kind].check(claim, index, self.context), index)
        finally:
            index.bar.clear()
        return verdict_of(claim.id, article.path, evidence)


class JudgeError(RuntimeError):
    """A failure of the verifier itself on one article or claim example (a bug): `where` names
    it, `what` is the failure, so a user can find the file and report it. Both are strings, the
    exception's args: it crosses process boundaries."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(where, what)
        self.where, self.what = where, what

    def __str__(self) -> str:
        return f"{self.where}: {self.what} (a failure of the verifier on this article; please " \
               "report it with the file)"


@contextmanager
def _naming(article: Article) -> Iterator[None]:
    try:
        yield
    except JudgeError:
        raise
    except Exception as error:
        raise JudgeError(article.path, f"{type(error).__name__}: {error}") from error


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """No cyclic garbage collection while one article is indexed and judged (or, from the
    execution layer, while many small acyclic objects are made): the index holds an object per
    sentence and mention, and every collection would walk them all again (40% of the time on
    a 5 MB page). Reference counting still frees everything. With `freeze`, what was made
    meanwhile is frozen before collection resumes, so the first collection after it does not
    walk every one of those objects either."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if freeze:
                gc.freeze()
            gc.enable()


def _in_scope(claim: Claim, published: dt.date | None) -> bool:
    """An article published outside the claim's validity window talks about another time."""
    if published is None:
        return True
    if claim.valid_from and published < claim.valid_from:
        return False
    return not (claim.valid_until and published > claim.valid_until)


def _dedupe(evidence: Iterable[Evidence], index: ArticleIndex | None = None) -> list[Evidence]:
    """Per polarity (contradictions first), the first evidence of each distinct place and
    reason, the MAX_EVIDENCE earliest in the text. Only those are ever held: a page of names
    yields one evidence per name. With the `index` that makes the evidence, its `bar` says,
    once MAX_EVIDENCE are held, past which offset a new one could not be kept (so it is not
    located at all)."""
    kept: list[Evidence] = []
    least = {"contradict": _Least(), "support": _Least()}
    for e in evidence:
        held = least.get(e.polarity)
        if held is not None and held.offer((e.line, e.column, e.reason), e) \
                and index is not None and held.worst is not None:
            index.bar[e.polarity] = index.original_at(held.worst[0], held.worst[1])
    for polarity in ("contradict", "support"):
        kept.extend(least[polarity].ordered())
    return kept


class _Least:
    """The MAX_EVIDENCE smallest distinct keys offered, each with the first item offered under
    it. A key once dropped never returns: MAX_EVIDENCE smaller ones are held by then."""

    def __init__(self) -> None:
        self.items: dict[tuple[int, int, str], Evidence] = {}
        self.worst: tuple[int, int, str] | None = None  # the largest key held, when full

    def offer(self, key: tuple[int, int, str], item: Evidence) -> bool:
        """Whether the item is held (else it is dropped)."""
        if key in self.items or (self.worst is not None and key > self.worst):
            return False
        if self.worst is not None:
            del self.items[self.worst]
        self.items[key] = item
        self.worst = max(self.items) if len(self.items) >= MAX_EVIDENCE else None
        return True

    def ordered(self) -> list[Evidence]:
        return [self.items[k] for k in sorted(self.items)]


def verdict_of(claim: str, article: str, evidence: Sequence[Evidence]) -> Verdict:
    polarities = {e.polarity for e in evidence}
    if "contradict" in polarities:
        name = "contradicted"
    elif "support" in polarities:
        name = "supported"
    else:
        name = "silent"
    supports = [e for e in evidence if e.polarity == "support"]
    hedged = name == "supported" and all(e.hedged for e in supports)
    return Verdict(claim, article, name, tuple(evidence), hedged=hedged)  # type: ignore[arg-type]


def verify(
    claims: Iterable[Claim], entities: Mapping[str, Entity], articles: Iterable[Article]
) -> tuple[Verdict, ...]:
    """Verdict for every (claim, article) pair, sorted by (article path, claim id); never prints.

    Acknowledgements are not applied here (see verifier.execution.baseline).
    """
    engine = Engine(claims, entities)
    verdicts = [v for a in sorted(articles, key=lambda a: a.path) for v in engine.verify_article(a)]
    return tuple(verdicts)


def example_article(claim: Claim, number: int, example: Example) -> Article:
    where = f"{claim.position.file}#" if claim.position else ""
    meta = ArticleMeta(title=f"example {number} of {claim.id}", published=example.published)
    return ExampleText(f"{where}{claim.id}/example-{example.expect}-{number}", example.text, meta)


def check_examples(claim: Claim, entities: Mapping[str, Entity],
                   engine: Engine | None = None) -> list[tuple[Example, Verdict]]:
    """The verifier's verdict on each of a claim's own examples, in order."""
    engine = engine or Engine([claim], entities)
    out = []
    for number, example in enumerate(claim.examples, start=1):
        article = example_article(claim, number, example)
        with _naming(article):
            out.append((example, engine.judge(claim, ArticleIndex(article, engine.matcher))))
    return out
