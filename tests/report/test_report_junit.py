"""JUnit XML: suites per article and per input file, counts that add up, evidence in failures;
and pytest's own --junitxml carries the evidence of a contradiction in the failure message."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from verifier.model import Result
from verifier.report import junit, render, view


def tree(result: Result) -> ET.Element:
    return ET.fromstring(render("junit", result))


def test_counts_add_up(any_result: Result) -> None:
    root = tree(any_result)
    suites = root.findall("testsuite")
    assert int(root.get("tests", "-1")) == sum(len(s.findall("testcase")) for s in suites)
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("failures", "-1")) == sum(c.find("failure") is not None
                                                      for c in cases)
        assert int(suite.get("skipped", "-1")) == sum(c.find("skipped") is not None
                                                     for c in cases)


def test_a_case_per_judged_pair_and_failures_for_open_contradictions(any_result: Result) -> None:
    root = tree(any_result)
    cases = {(c.get("classname"), c.get("name")): c for c in root.iter("testcase")}
    for v in any_result.verdicts:
        case = cases.get((v.article, v.claim))
        if v.verdict == "silent":
            assert case is None
            continue
        assert case is not None
        expected = "skipped" if v.acknowledged else "failure" if v.verdict == "contradicted" \
            else None
        assert [child.tag for child in case] == ([expected] if expected else [])


def test_failure_carries_claim_evidence_and_reason(handmade: Result) -> None:
    (failure,) = [f for f in tree(handmade).iter("failure") if f.get("type") == "contradiction"]
    assert "bridge-open" in failure.get("message", "")
    body = failure.text or ""
    assert "claim: The bridge is open." in body
    assert "seeds/b.txt:2:123: article says it <remains closed>" in body
    assert "<script>alert(1)</script>" in body  # escaped by the XML writer, read back intact


def test_control_characters_never_reach_the_xml() -> None:
    assert junit.clean("a\x00b\x1bc\td") == "a\ufffdb\ufffdc\td"


def test_stale_and_problems_fail_in_their_file_suite(handmade: Result) -> None:
    suite = next(s for s in tree(handmade).findall("testsuite")
                 if s.get("name") == "claims/acknowledgements.yaml")
    names = [c.get("name") for c in suite.findall("testcase")]
    assert names == ["acknowledgement-review-due:2:5", "stale:ferry-runs@seeds/c.txt"]
    assert suite.get("failures") == "1"  # the warning is not a failure


def test_silent_pairs_are_counted_in_properties(handmade: Result) -> None:
    suite = next(s for s in tree(handmade).findall("testsuite") if s.get("name") == "seeds/c.txt")
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["silent"] == "3" and suite.get("tests") == "0"
    assert set(props) == set(view.STATES)


def test_pytest_junitxml_carries_the_evidence(contradicted: pytest.Pytester) -> None:
    pytester = contradicted
    result = pytester.runpytest("--junitxml=junit.xml", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1, passed=result.parseoutcomes().get("passed", 0),
                           xfailed=result.parseoutcomes().get("xfailed", 0))
    (failure,) = ET.parse(pytester.path / "junit.xml").getroot().iter("failure")
    message = failure.get("message", "")
    assert "contradicts claim" in message and "claim: " in message
    assert ":" in message.split("claim: ", 1)[1] and "| " in message  # evidence line and text
