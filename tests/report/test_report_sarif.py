"""SARIF: one result per contradicted pair, at the article's file, line and column (checked
against the article file itself), a rule per claim, suppressions for acknowledged ones."""

from __future__ import annotations

import json
from typing import Any

from frozen import FROZEN as CORPUS

from verifier.model import Result
from verifier.report import render, view


def log(result: Result) -> dict[str, Any]:
    return json.loads(render("sarif", result))  # type: ignore[no-any-return]


def contradictions(result: Result) -> list[dict[str, Any]]:
    claims = {c.id for c in result.project.claims}
    return [r for r in log(result)["runs"][0]["results"] if r["ruleId"] in claims]


def test_header_and_one_rule_per_claim_with_its_statement(any_result: Result) -> None:
    doc = log(any_result)
    assert doc["version"] == "2.1.0" and doc["$schema"].startswith("https://")
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["name"] == "claim-verifier"
    rules = {r["id"]: r["shortDescription"]["text"] for r in driver["rules"]}
    for claim in any_result.project.claims:
        assert rules[claim.id] == claim.statement


def test_one_result_per_contradiction(any_result: Result) -> None:
    found = [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
             for r in contradictions(any_result)]
    assert found == [(v.claim, v.article) for v in view.contradictions(any_result)]
    assert found, "the fixtures have contradictions"


def test_levels_and_suppressions(any_result: Result) -> None:
    verdicts = {(v.claim, v.article): v for v in any_result.verdicts}
    for r in contradictions(any_result):
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        v = verdicts[(r["ruleId"], uri)]
        if v.acknowledged:
            assert r["level"] == "note"
            assert r["suppressions"][0]["status"] == "accepted"
            assert v.acknowledgement and r["suppressions"][0]["justification"] == \
                v.acknowledgement.reason
        else:
            assert r["level"] == "error" and "suppressions" not in r


def test_regions_point_at_the_matched_text_in_the_article_file(seed: Result) -> None:
    verdicts = {(v.claim, v.article): v for v in seed.verdicts}
    checked = 0
    for r in contradictions(seed):
        location = r["locations"][0]["physicalLocation"]
        uri, region = location["artifactLocation"]["uri"], location["region"]
        lines = (CORPUS / uri).read_text(encoding="utf-8").splitlines()
        first = view.against(verdicts[(r["ruleId"], uri)])[0]
        at = lines[region["startLine"] - 1][region["startColumn"] - 1:]
        assert at.startswith(first.spans[0].text.split()[0]), (uri, region, at[:40])
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"],
                                                             region["startColumn"])
        checked += 1
    assert checked >= 5


def test_stale_acknowledgements_and_problems_are_results_too(handmade: Result) -> None:
    results = log(handmade)["runs"][0]["results"]
    stale = [r for r in results if r["ruleId"] == "stale-acknowledgement"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in stale] == [7]
    problems = {r["ruleId"]: r["level"] for r in results if r["ruleId"].startswith("input/")}
    assert problems == {"input/schema": "error", "input/acknowledgement-review-due": "warning"}
