"""The JSON report: documented shape, one result per pair, deterministic bytes, a golden copy.

Set VERIFIER_UPDATE_GOLDEN=1 to rewrite the golden file after an intended format change
(and bump verifier.report.json.VERSION if a field changed meaning or went away).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from fakes import phrase_examples, phrase_verify

from verifier.execution import runner
from verifier.model import Acknowledgement, Article, ArticleMeta, Claim, Position, Project, Result
from verifier.report import RENDERERS, render
from verifier.report.json import VERSION

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "projects" / "golden" / "report.json"
TOP = {"version", "claims", "articles", "results", "problems", "stale_acknowledgements",
       "unmentioned_claims", "disputed_claims", "summary"}
CLAIMS = (
    Claim("bridge", "The bridge is open.", "phrases",
          {"support": ["bridge opened"], "contradict": ["remains closed"]}, tags=("town",),
          position=Position("claims/t.yaml", 3, 5)),
    Claim("mayor", "The mayor is Dana.", "phrases", {"support": ["Mayor Dana"]},
          severity="low", position=Position("claims/t.yaml", 9, 5)),
    Claim("ferry", "The ferry runs.", "phrases", {"support": ["ferry runs"]}),
)
ARTICLES = (
    Article("seeds/1.txt", "Mayor Dana said the bridge opened.\n",
            ArticleMeta(title="Open", published=dt.date(2024, 5, 4))),
    Article("seeds/2.txt", "Bridge news.\nThe bridge opened, yet remains closed to trucks.\n"),
)
ACKS = (Acknowledgement("bridge", "seeds/2.txt", "old article", owner="desk",
                        position=Position("claims/acknowledgements.yaml", 2, 5)),
        Acknowledgement("mayor", "seeds/2.txt", "stale one",
                        position=Position("claims/acknowledgements.yaml", 6, 5)))


def result(claims: tuple[Claim, ...] = CLAIMS, articles: tuple[Article, ...] = ARTICLES) -> Result:
    project = Project(".", {}, claims, articles, ACKS)
    return runner.run(project, verify=phrase_verify, examples=phrase_examples,
                      today=dt.date(2025, 1, 1))


def doc() -> dict[str, Any]:
    return json.loads(render("json", result()))  # type: ignore[no-any-return]


def test_top_level_fields_and_version() -> None:
    d = doc()
    assert set(d) == TOP
    assert d["version"] == VERSION


def test_one_result_per_claim_article_pair_with_every_field() -> None:
    results = doc()["results"]
    assert len(results) == len(CLAIMS) * len(ARTICLES)
    assert len({(r["claim"], r["article"]) for r in results}) == len(results)
    for r in results:
        assert set(r) == {"claim", "article", "verdict", "acknowledged", "acknowledgement",
                          "hedged", "mixed", "evidence"}
        assert r["verdict"] in ("supported", "contradicted", "silent")
        for e in r["evidence"]:
            assert set(e) == {"line", "column", "text", "polarity", "reason", "spans", "hedged"}


def test_mixed_acknowledged_and_stale_are_reported() -> None:
    d = doc()
    (mixed,) = [r for r in d["results"] if r["mixed"]]
    assert (mixed["claim"], mixed["article"], mixed["verdict"]) == (
        "bridge", "seeds/2.txt", "contradicted")
    assert mixed["acknowledged"] and mixed["acknowledgement"]["reason"] == "old article"
    assert [(s["claim"], s["line"]) for s in d["stale_acknowledgements"]] == [("mayor", 6)]
    assert d["unmentioned_claims"] == ["ferry"]
    assert d["disputed_claims"] == [
        {"claim": "bridge", "contradicted": ["seeds/2.txt"], "supported": ["seeds/1.txt"]}]


def test_summary_counts_agree_with_results() -> None:
    d = doc()
    s, results = d["summary"], d["results"]
    for name in ("supported", "contradicted", "silent"):
        assert s[name] == sum(r["verdict"] == name for r in results)
    assert s["pairs"] == len(results) == s["claims"] * s["articles"]
    assert s["acknowledged"] == 1 and s["contradicted_unacknowledged"] == 0
    assert s["stale_acknowledgements"] == 1 and s["exit_status"] == runner.FAILED


def test_bytes_do_not_depend_on_input_order() -> None:
    once = render("json", result())
    again = render("json", result(CLAIMS[::-1], ARTICLES[::-1]))
    assert once == again == render("json", result())
    assert once.endswith("}\n") and "\r" not in once


def test_metadata_of_articles_and_claims() -> None:
    d = doc()
    assert d["articles"][0] == {"path": "seeds/1.txt", "judged": True, "metadata": {
        "title": "Open", "outlet": "", "url": "", "published": "2024-05-04", "retrieved": "",
        "kind": "article", "language": "en", "sha256": ""}}
    assert d["claims"][0] == {"id": "bridge", "file": "claims/t.yaml", "statement":
                              "The bridge is open.", "kind": "phrases", "severity": "high",
                              "tags": ["town"]}


def test_every_field_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z0-9_]+)`", readme))
    assert not keys(doc()) - documented


def keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys(v)}
    return set()


def test_matches_the_golden_report() -> None:
    text = render("json", result())
    if os.environ.get("VERIFIER_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), "rerun with VERIFIER_UPDATE_GOLDEN=1"


def test_a_renderer_added_to_the_registry_is_available_by_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(RENDERERS, "count", lambda r: f"{len(r.verdicts)}\n")
    assert render("count", result()) == "6\n"
    with pytest.raises(ValueError, match="unknown report format 'nope'"):
        render("nope", result())
