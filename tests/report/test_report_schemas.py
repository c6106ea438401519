"""The JSON report validates against schema/report.schema.json and the SARIF log against the
SARIF 2.1.0 structure (tests/report/sarif-subset.schema.json, written from the spec's field list);
both on the seed corpus and on the hand-built Result. Each schema also rejects a broken document."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from report_run import ROOT

from verifier.model import Result
from verifier.problems import FAILURE, Problem
from verifier.report import render
from verifier.report.json import VERSION

REPORT_SCHEMA = ROOT / "schema" / "report.schema.json"
SARIF_SCHEMA = Path(__file__).with_name("sarif-subset.schema.json")


def validator(path: Path) -> jsonschema.Draft202012Validator:
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def errors(path: Path, document: Any) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator(path).iter_errors(document)]


def test_report_schema_has_an_id_and_the_current_version() -> None:
    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"].endswith("/report.schema.json")
    assert schema["properties"]["version"] == {"const": VERSION,
                                               "description": "format version of this document"}


def test_json_report_is_valid(any_result: Result) -> None:
    assert errors(REPORT_SCHEMA, json.loads(render("json", any_result))) == []


@pytest.mark.parametrize(("path", "value"), [
    ("version", 99),
    ("results.0.verdict", "maybe"),
    ("results.0.evidence.0.line", 0),
    ("summary.exit_status", 7),
    ("claims.0.unexpected", True),
])
def test_json_schema_rejects_a_broken_report(handmade: Result, path: str, value: Any) -> None:
    document = json.loads(render("json", handmade))
    broken = copy.deepcopy(document)
    *parents, last = path.split(".")
    node: Any = broken
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    node[last] = value
    assert errors(REPORT_SCHEMA, broken)


def test_json_schema_rejects_a_missing_field(handmade: Result) -> None:
    document = json.loads(render("json", handmade))
    del document["results"][0]["evidence"]
    assert any("'evidence' is a required property" in e for e in errors(REPORT_SCHEMA, document))


def test_sarif_log_is_valid(any_result: Result) -> None:
    assert errors(SARIF_SCHEMA, json.loads(render("sarif", any_result))) == []


@pytest.mark.parametrize("breakage", ["version", "level", "region", "rules"])
def test_sarif_schema_rejects_a_broken_log(handmade: Result, breakage: str) -> None:
    log = json.loads(render("sarif", handmade))
    run = log["runs"][0]
    if breakage == "version":
        log["version"] = "2.0.0"
    elif breakage == "level":
        run["results"][0]["level"] = "fatal"
    elif breakage == "region":
        run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    else:
        del run["tool"]["driver"]["rules"]
    assert errors(SARIF_SCHEMA, log)


def test_an_article_the_verifier_failed_on_is_marked_in_both_documents(handmade: Result
                                                                        ) -> None:
    """JSON: `judged` false and a `not_judged` count; SARIF: an unsuccessful invocation with a
    notification. Both still valid."""
    path = sorted(a.path for a in handmade.project.articles)[0]
    failure = Problem(path, 1, 1, FAILURE, "the verifier failed on this article: IndexError")
    failed = dataclasses.replace(handmade, problems=(*handmade.problems, failure))
    for result, judged in ((handmade, True), (failed, False)):
        document = json.loads(render("json", result))
        assert errors(REPORT_SCHEMA, document) == []
        assert [a["judged"] for a in document["articles"] if a["path"] == path] == [judged]
        assert document["summary"]["not_judged"] == (not judged)
        log = json.loads(render("sarif", result))
        assert errors(SARIF_SCHEMA, log) == []
        [invocation] = log["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is judged
        notes = invocation.get("toolExecutionNotifications", [])
        assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for n in notes] == ([] if judged else [path])
