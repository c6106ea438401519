"""ClaimReview JSON-LD and GitHub workflow-command annotations."""

from __future__ import annotations

import json
from typing import Any

import pytest

from verifier.model import Result
from verifier.report import github, render, view


def graph(result: Result) -> list[dict[str, Any]]:
    doc = json.loads(render("claimreview", result))
    assert doc["@context"] == "https://schema.org"
    return doc["@graph"]  # type: ignore[no-any-return]


def test_a_true_review_per_claim_with_supporting_articles(any_result: Result) -> None:
    reviews = {r["@id"]: r for r in graph(any_result)}
    matrix = view.Matrix.of(any_result)
    for claim in matrix.claims:
        review = reviews[f"#claim-{claim.id}"]
        assert review["@type"] == "ClaimReview" and review["claimReviewed"] == claim.statement
        assert review["reviewRating"]["alternateName"] == "True"
        shown = [w["identifier"] for w in review["itemReviewed"]["appearance"]]
        assert shown == [v.article for v in matrix.row(claim.id) if v.verdict == "supported"]


def test_a_false_review_per_contradicting_article(any_result: Result) -> None:
    false = [r for r in graph(any_result) if r["reviewRating"]["alternateName"] == "False"]
    assert [(r["isBasedOn"]["@id"], r["itemReviewed"]["appearance"][0]["identifier"])
            for r in false] == [(f"#claim-{v.claim}", v.article) for v in
                                sorted(view.contradictions(any_result),
                                       key=lambda v: (v.claim, v.article))]
    for r in false:
        assert r["claimReviewed"] and r["reviewBody"].startswith("Contradicts the verified claim")


def test_article_metadata_becomes_a_creative_work(handmade: Result) -> None:
    works = {w["identifier"]: w for r in graph(handmade)
             for w in r["itemReviewed"]["appearance"]}
    assert works["seeds/a.txt"] == {"@type": "CreativeWork", "identifier": "seeds/a.txt",
                                    "headline": "Bridge opens", "url": "https://example.org/a",
                                    "publisher": {"@type": "Organization", "name": "Town Crier"},
                                    "datePublished": "2024-05-04"}


def test_annotations_one_per_contradicting_sentence(seed: Result) -> None:
    lines = render("github", seed).splitlines()
    expected = [(v.article, e.line, e.column) for v in view.contradictions(seed)
                for e in view.against(v)]
    found = [line for line in lines if "title=contradicts " in line]
    assert len(found) == len(expected)
    for line, (path, row, col) in zip(found, expected, strict=True):
        assert line.startswith(("::error file=", "::notice file="))
        assert f"file={path},line={row},col={col}," in line


def test_open_contradiction_is_an_error_acknowledged_a_notice(handmade: Result) -> None:
    lines = render("github", handmade).splitlines()
    assert lines[0].startswith("::error file=seeds/b.txt,line=2,col=123,title=contradicts "
                               "bridge-open::")
    assert lines[1].startswith("::notice file=seeds/b.txt,line=2,col=1,")
    assert any(line.startswith("::error file=claims/acknowledgements.yaml,line=7,col=5,")
               for line in lines)


@pytest.mark.parametrize(("message", "escaped"), [
    ("100% sure", "100%25 sure"), ("two\nlines\r", "two%0Alines%0D"),
    ("::error::x", "::error::x")])
def test_message_escaping(message: str, escaped: str) -> None:
    assert github.command("error", message) == f"::error::{escaped}"


def test_property_escaping_keeps_one_annotation_per_line() -> None:
    line = github.command("warning", "m", file="a,b:c.txt", line=3, col=0, title="x\ny")
    assert line == "::warning file=a%2Cb%3Ac.txt,line=3,title=x%0Ay::m"
    assert "\n" not in line
