"""schema.org ClaimReview as JSON-LD: what the curated claims say and which articles agree.

For every claim, one ClaimReview rates the claim's statement True (it is curated ground truth,
reviewed in a pull request), with the supporting articles as the claim's `appearance`s. For every
contradicted (claim, article) pair, one more ClaimReview rates what the article says (the
contradicting sentence) False, with the reason as its `reviewBody` and the article as the
appearance. Articles are CreativeWorks with their headline, URL, outlet and published date when
the metadata has them. No dates of the run itself: the output is the same on every run.
"""

from __future__ import annotations

from typing import Any

from verifier.model import Article, Claim, Result, Verdict
from verifier.report import view
from verifier.report.jsontext import dumps

AUTHOR = {"@type": "Organization", "name": "claim-verifier"}
TRUE = {"@type": "Rating", "ratingValue": 5, "bestRating": 5, "worstRating": 1,
        "alternateName": "True"}
FALSE = {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
         "alternateName": "False"}


def render(result: Result) -> str:
    return dumps(document(result))


def document(result: Result) -> dict[str, Any]:
    matrix = view.Matrix.of(result)
    articles = view.articles_by_path(result)
    graph: list[dict[str, Any]] = []
    for claim in matrix.claims:
        row = matrix.row(claim.id)
        supporting = [articles[v.article] for v in row if v.verdict == "supported"]
        graph.append(claim_review(claim, supporting))
        graph += [contradiction_review(claim, v, articles[v.article])
                  for v in row if v.verdict == "contradicted"]
    return {"@context": "https://schema.org", "@graph": graph}


def claim_review(claim: Claim, supporting: list[Article]) -> dict[str, Any]:
    return {
        "@type": "ClaimReview",
        "@id": f"#claim-{claim.id}",
        "claimReviewed": claim.statement,
        "author": AUTHOR,
        "reviewRating": TRUE,
        "keywords": list(claim.tags),
        "itemReviewed": {"@type": "Claim", "appearance": [work(a) for a in supporting]},
    }


def contradiction_review(claim: Claim, v: Verdict, article: Article) -> dict[str, Any]:
    evidence = view.against(v)
    said = " ".join(e.text for e in evidence) or claim.statement
    body = "; ".join(e.reason for e in evidence)
    if v.acknowledgement:
        body += f" (known error, kept on purpose: {v.acknowledgement.reason})"
    return {
        "@type": "ClaimReview",
        "@id": f"#claim-{claim.id}--{article.path}",
        "claimReviewed": said,
        "author": AUTHOR,
        "reviewRating": FALSE,
        "reviewBody": f"Contradicts the verified claim \u201c{claim.statement}\u201d: {body}",
        "isBasedOn": {"@id": f"#claim-{claim.id}"},
        "itemReviewed": {"@type": "Claim", "appearance": [work(article)]},
    }


def work(article: Article) -> dict[str, Any]:
    meta = article.meta
    out: dict[str, Any] = {"@type": "CreativeWork", "identifier": article.path}
    if meta.title:
        out["headline"] = meta.title
    if meta.url:
        out["url"] = meta.url
    if meta.outlet:
        out["publisher"] = {"@type": "Organization", "name": meta.outlet}
    if meta.published:
        out["datePublished"] = meta.published.isoformat()
    return out
