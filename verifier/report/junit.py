"""JUnit XML, for CI systems that read it: one test suite per article, one per input file.

Article suites hold one test case per judged (claim, article) pair: supported pairs pass,
unacknowledged contradictions fail (the message is the reason; the body is the whole evidence),
acknowledged ones are skipped with the acknowledgement's reason. Silent pairs are not test cases
(the suite's `silent` property counts them). An article the verifier itself failed on holds one
test case in error instead (and a `judged` property of false): its pairs read as silent, but
nothing was judged. Input errors and stale acknowledgements fail in a suite named after their
file. No timestamps: every `time` is 0.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from verifier.model import Acknowledgement, Claim, Result, Verdict
from verifier.problems import FAILURE, Problem
from verifier.report import view
from verifier.report.text import describe_contradiction

# Characters XML 1.0 cannot carry at all (article text may hold them); replaced by U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(result: Result) -> str:
    root = ET.Element("testsuites", name="claim-verifier")
    failed = set(view.not_judged(result))
    failures: dict[str, Problem] = {}  # the first failure of each article
    for p in sorted(result.problems):
        if p.code == FAILURE and p.file in failed:
            failures.setdefault(p.file, p)
    for article in sorted(result.project.articles, key=lambda a: a.path):
        _article_suite(root, result, article.path, failures.get(article.path))
    files: dict[str, list[ET.Element]] = {}
    for p in sorted(result.problems):
        if failures.get(p.file) is not p:
            files.setdefault(p.file or "project", []).append(_problem(p))
    for a in sorted(result.stale, key=lambda a: (a.article, a.claim)):
        files.setdefault(a.position.file if a.position else "project", []).append(_stale(a))
    for name, cases in sorted(files.items()):
        suite = _suite(root, name, cases)
        suite.extend(cases)
    _totals(root)
    ET.indent(root)
    # and once more over the whole document: a name or attribute holds untrusted text too
    return clean(ET.tostring(root, encoding="unicode", xml_declaration=True)) + "\n"


def _article_suite(root: ET.Element, result: Result, path: str, failure: Problem | None) -> None:
    claims = view.claims_by_id(result)
    verdicts = sorted((v for v in result.verdicts if v.article == path), key=lambda v: v.claim)
    cases = [_pair(v, claims) for v in verdicts if v.verdict != "silent"]
    if failure is not None:
        cases.append(_not_judged(failure))
    suite = _suite(root, path, cases)
    props = ET.SubElement(suite, "properties")
    if failure is not None:
        ET.SubElement(props, "property", name="judged", value="false")
    counts = Counter(view.state(v) for v in verdicts)
    counts["silent"] += result.unlisted_silent().get(path, 0)  # a sparse result leaves them out
    for name in view.STATES:
        ET.SubElement(props, "property", name=name, value=str(counts[name]))
    suite.extend(cases)


def _suite(root: ET.Element, name: str, cases: list[ET.Element]) -> ET.Element:
    failures = sum(c.find("failure") is not None for c in cases)
    errors = sum(c.find("error") is not None for c in cases)
    skipped = sum(c.find("skipped") is not None for c in cases)
    return ET.SubElement(root, "testsuite", name=name, tests=str(len(cases)),
                         failures=str(failures), errors=str(errors), skipped=str(skipped),
                         time="0")


def _case(classname: str, name: str) -> ET.Element:
    return ET.Element("testcase", classname=classname, name=name, time="0")


def _pair(v: Verdict, claims: dict[str, Claim]) -> ET.Element:
    case = _case(v.article, v.claim)
    if v.verdict != "contradicted":
        return case
    reasons = "; ".join(dict.fromkeys(e.reason for e in view.against(v)))
    if v.acknowledged and v.acknowledgement:
        ET.SubElement(case, "skipped", message=clean(f"acknowledged: {v.acknowledgement.reason}"))
        return case
    failure = ET.SubElement(case, "failure", type="contradiction",
                            message=clean(f"{v.article} contradicts {v.claim}: {reasons}"))
    failure.text = clean(describe_contradiction(v, claims.get(v.claim)))
    return case


def _problem(p: Problem) -> ET.Element:
    case = _case(p.file or "project", f"{p.code}:{p.line}:{p.column}")
    tag = "failure" if p.level == "error" else "system-out"
    element = ET.SubElement(case, tag)
    if tag == "failure":
        element.set("type", p.code)
        element.set("message", clean(p.message))
    element.text = clean(str(p))
    return case


def _not_judged(p: Problem) -> ET.Element:
    """JUnit's error (the test could not run), not a failure: no claim was judged."""
    case = _case(p.file, "not judged")
    error = ET.SubElement(case, "error", type=p.code, message=clean(p.message))
    error.text = clean(str(p))
    return case


def _stale(a: Acknowledgement) -> ET.Element:
    case = _case(a.position.file if a.position else "project", f"stale:{a.claim}@{a.article}")
    ET.SubElement(case, "failure", type="stale-acknowledgement",
                  message=clean(f"{a.article} no longer contradicts {a.claim}; delete the "
                                f"entry (reason was: {a.reason})"))
    return case


def _totals(root: ET.Element) -> None:
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in root.iter("testsuite"))))
    root.set("time", "0")
