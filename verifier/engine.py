"""Claims x articles -> verdicts. Each article is indexed once; every claim is checked on the index.

(Work in progress: the public signatures below are the contract other modules build on.)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from verifier.model import Article, Claim, Entity, Verdict


def verify(
    claims: Iterable[Claim], entities: Mapping[str, Entity], articles: Iterable[Article]
) -> tuple[Verdict, ...]:
    """Verdict for every (claim, article) pair, sorted by (article path, claim id); never prints.

    Acknowledgements are not applied here (see verifier.baseline).
    """
    raise NotImplementedError
