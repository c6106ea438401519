"""verifier.load.project: whole projects, the frozen seed corpus and the cases in tests/data."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
from pathlib import Path

import pytest
from frozen import FROZEN

from verifier.load.project import load_project, validate_project
from verifier.load.source import MAX_BYTES
from verifier.model import Project

DATA = Path(__file__).resolve().parent / "data"
EXPECTED = re.compile(r"^(\S+:\d+:\d+: \[[\w-]+\])(?: (.*))?$")


def cases(kind: str) -> list[Path]:
    return sorted(p for p in (DATA / kind).iterdir() if p.is_dir())


def load_case(case: Path) -> Project:
    seeds = case / "seeds"
    return load_project(case, case / "claims", [seeds] if seeds.is_dir() else [])


def test_the_shipped_project_loads_without_a_single_problem() -> None:
    project = load_project(FROZEN)
    assert [str(p) for p in project.problems] == []
    assert len(project.claims) == sum(
        (FROZEN / "claims" / f).read_text(encoding="utf-8").count("\n  - id: ")
        for f in ("economy.yaml", "history.yaml", "people.yaml", "summit.yaml"))
    assert len(project.articles) == 5 and len(project.acknowledgements) == 5
    assert "claims/entities.yaml" in project.files and "seeds/003_e6b66d70c2f9b6b5.meta.yaml" \
        in project.files


def test_shipped_claims_carry_their_typed_content() -> None:
    project = load_project(FROZEN)
    claims = {c.id: c for c in project.claims}
    pm = claims["takaichi-prime-minister"]
    assert (pm.kind, pm.severity, pm.valid_from) == ("office", "critical", dt.date(2025, 10, 21))
    assert dict(pm.content) == {"holder": "sanae-takaichi", "office": "japan-prime-minister",
                                "status": "current", "also_holds": ("ldp-president",)}
    assert pm.position is not None and (pm.position.file, pm.position.line) == (
        "claims/people.yaml", 5)
    money = claims["investment-550bn"].content["value"]
    assert money == {"type": "money", "amount": 550000000000, "currency": "USD"}
    assert claims["abe-assassinated-2022"].content["date"] == "2022"
    dated = [e for e in claims["summit-date"].examples if e.published]
    assert dated[0].published == dt.date(2025, 10, 28) and dated[0].expect == "supported"
    assert {e.expect for e in claims["summit-date"].examples} == {
        "supported", "contradicted", "silent"}


def test_persons_keep_given_and_family_as_written_without_generated_aliases() -> None:
    entities = load_project(FROZEN).entities
    takaichi = entities["sanae-takaichi"]
    assert (takaichi.given, takaichi.family, takaichi.aliases) == ("Sanae", "Takaichi", ())
    assert entities["tokyo"].within == ("japan",)
    assert entities["minerals-framework-signing"].cues[0][0] == "mineral"


def test_claim_content_is_read_only_hashable_picklable_and_json_ready() -> None:
    claim = next(c for c in load_project(FROZEN).claims if c.kind == "value")
    with pytest.raises(TypeError):
        claim.content["subject"] = "china"  # type: ignore[index]
    with pytest.raises(TypeError):
        claim.content["value"].update(amount=3)
    assert pickle.loads(pickle.dumps(claim)) == claim
    assert hash(claim) == hash(pickle.loads(pickle.dumps(claim)))
    assert json.loads(json.dumps(claim.content))["subject"] == claim.content["subject"]


@pytest.mark.parametrize("case", cases("invalid"), ids=lambda p: p.name)
def test_invalid_case_reports_exactly_the_expected_problems(case: Path) -> None:
    expected = [EXPECTED.match(line) for line in (case / "expected.txt").read_text(
        encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    assert all(expected), "expected.txt lines look like 'file:line:col: [code] fragment'"
    problems = load_case(case).problems
    assert sorted(m.group(1) for m in expected if m) == sorted(
        f"{p.file}:{p.line}:{p.column}: [{p.code}]" for p in problems)
    for match in expected:
        assert match is not None
        if match.group(2):
            assert any(str(p).startswith(match.group(1)) and match.group(2) in p.message
                       for p in problems), match.group(0)


@pytest.mark.parametrize("case", cases("valid"), ids=lambda p: p.name)
def test_valid_case_loads_without_problems(case: Path) -> None:
    project = load_case(case)
    assert [str(p) for p in project.problems] == []
    assert project.claims or project.entities


def test_valid_yaml_forms_keep_yaml_1_1_booleans_as_text() -> None:
    project = load_case(DATA / "valid" / "yaml-forms")
    assert project.entities["norway"].aliases == ("NO", "Kingdom of Norway", "on", "yes", "Off")
    folded = next(c for c in project.claims if c.id == "norway-opened")
    assert folded.statement == "The lab opened a branch in Norway.\n"
    assert folded.position is not None and folded.position.file == "claims/more/folded.yaml"


def test_every_kind_loads_its_own_fields() -> None:
    project = load_case(DATA / "valid" / "every-kind")
    claims = {c.id: c for c in project.claims}
    assert claims["lab-budget"].content["value"]["amount"] == 1.5e6
    assert claims["lab-open-phrases"].content["scope"] == ("lab-opening", "london")
    assert claims["ada-director"].provenance[0]["note"] == "test fixture"
    ack = project.acknowledgements[0]
    assert (ack.review_by, ack.owner) == (dt.date(1900, 1, 1), "fixture-maintainers")
    crlf = next(a for a in project.articles if a.path == "seeds/002_crlf.txt")
    assert "\r\n" in crlf.text and crlf.meta.kind == "transcript"


def test_a_claim_with_a_schema_error_is_dropped_and_its_neighbours_load() -> None:
    project = load_case(DATA / "invalid" / "missing-required-field")
    assert project.claims == ()
    project = load_case(DATA / "invalid" / "wrong-type")
    assert project.claims == ()
    project = load_case(DATA / "invalid" / "bad-dates")
    assert [c.id for c in project.claims] == ["ada-director-window"]


def test_an_oversized_claim_file_is_a_problem_and_the_rest_loads(tmp_path: Path) -> None:
    (tmp_path / "claims").mkdir()
    big = tmp_path / "claims" / "big.yaml"
    big.write_bytes(b"claims: []\n" + b"# padding\n" * (MAX_BYTES // 10 + 1))
    (tmp_path / "claims" / "ok.yaml").write_text(
        "claims:\n  - id: a\n    statement: s\n    kind: phrases\n    support: [x]\n")
    project = load_project(tmp_path, article_paths=[])
    assert [(p.file, p.code) for p in project.problems] == [("claims/big.yaml", "too-large")]
    assert [c.id for c in project.claims] == ["a"]
    assert project.files == ("claims/big.yaml", "claims/ok.yaml")


def test_a_missing_claims_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    project = load_project(tmp_path, article_paths=[])
    assert [(p.file, p.code) for p in project.problems] == [("claims", "not-found")]


def test_validate_project_returns_every_problem_sorted() -> None:
    case = DATA / "invalid" / "conflicting-claims"
    problems = validate_project(case, case / "claims", [])
    assert problems == sorted(problems) and len(problems) == 3


def test_acknowledged_articles_outside_the_given_paths_still_exist(tmp_path: Path) -> None:
    case = DATA / "valid" / "every-kind"
    project = load_project(case, case / "claims", [case / "seeds" / "002_crlf.txt"])
    assert [str(p) for p in project.problems] == []
    assert [a.path for a in project.articles] == ["seeds/002_crlf.txt"]
