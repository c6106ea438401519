"""The pytest plugin's ini options verifier_jobs and verifier_cache, on the real engine."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from scale_projects import make

from verifier import pytest_items
from verifier.execution import workers as parallel

pytest_plugins = ["pytester"]
FAST = ("-p", "no:hypothesispytest")


@pytest.fixture
def synthetic(pytester: pytest.Pytester) -> pytest.Pytester:
    make(pytester.path, parallel.MIN_PARALLEL + 2, 12, seed=4)  # writes pytest.ini too
    return pytester


def outcomes(pytester: pytest.Pytester, *options: str) -> dict[str, int]:
    result = pytester.runpytest(*FAST, *options)
    return result.parseoutcomes()


def test_worker_processes_give_the_same_items(synthetic: pytest.Pytester) -> None:
    alone = outcomes(synthetic, "-o", "verifier_jobs=1", "-o", "verifier_cache=false")
    # the planted contradictions are acknowledged in synthetic projects: xfailed
    assert alone.get("xfailed", 0) > 0 and alone.get("passed", 0) > 0 and "failed" not in alone
    assert outcomes(synthetic, "-o", "verifier_jobs=2", "-o", "verifier_cache=false") == alone


def test_the_cache_is_on_by_default_and_can_be_turned_off(synthetic: pytest.Pytester) -> None:
    cache = Path(synthetic.path, parallel.CACHE_FOLDER)
    first = outcomes(synthetic, "-o", "verifier_cache=false")
    assert not cache.exists()
    assert outcomes(synthetic) == first and cache.is_dir()
    assert outcomes(synthetic) == first  # from the cache


def test_a_bad_jobs_value_is_a_usage_error(synthetic: pytest.Pytester) -> None:
    result = synthetic.runpytest(*FAST, "-o", "verifier_jobs=many")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*verifier_jobs = 'many': expected a positive number or auto*"])


def test_summaries_failing_collects_only_articles_with_something_to_report(
        synthetic: pytest.Pytester) -> None:
    everything = synthetic.runpytest(*FAST, "--collect-only", "-q", "-o", "verifier_cache=false")
    failing = synthetic.runpytest(*FAST, "--collect-only", "-q", "-o", "verifier_cache=false",
                                  "-o", "verifier_summaries=failing")
    summaries = [line for line in everything.outlines if line.endswith("::summary")]
    kept = [line for line in failing.outlines if line.endswith("::summary")]
    assert len(summaries) == parallel.MIN_PARALLEL + 2  # auto: every article, in a small corpus
    contradicted = {line.split("::")[0] for line in failing.outlines
                    if line.startswith("seeds/") and not line.endswith("::summary")}
    assert contradicted and {line.split("::")[0] for line in kept} == contradicted
    assert outcomes(synthetic, "-o", "verifier_summaries=failing")["xfailed"] == outcomes(
        synthetic)["xfailed"]


def test_a_bad_summaries_value_is_a_usage_error(synthetic: pytest.Pytester) -> None:
    result = synthetic.runpytest(*FAST, "-o", "verifier_summaries=some")
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_many_claims_make_one_examples_item_per_claim(synthetic: pytest.Pytester,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    each = synthetic.runpytest(*FAST, "--collect-only", "-q", "-o", "verifier_cache=false")
    per_example = [line for line in each.outlines if line.startswith("claims/")]
    claims = {"::".join(line.split("::")[:2]) for line in per_example}
    assert len(per_example) > len(claims) > 1  # several examples per claim, one node each
    monkeypatch.setattr(pytest_items, "EXAMPLE_ITEMS_LIMIT", len(claims) - 1)
    grouped = synthetic.runpytest(*FAST, "--collect-only", "-q", "-o", "verifier_cache=false")
    assert {line for line in grouped.outlines if line.startswith("claims/")} == claims
    assert outcomes(synthetic, "-o", "verifier_cache=false")["passed"] == outcomes(
        synthetic)["passed"]


def test_a_grouped_claim_fails_with_each_mismatching_example(
        synthetic: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    path = synthetic.path / "claims" / "claims.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    claim = next(c for c in document["claims"] if c.get("examples", {}).get("supported"))
    claim["examples"]["supported"][0] = "Nothing about anyone here."
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    monkeypatch.setattr(pytest_items, "EXAMPLE_ITEMS_LIMIT", 0)
    result = synthetic.runpytest(*FAST, "-o", "verifier_cache=false")
    assert result.parseoutcomes()["failed"] == 1
    result.stdout.fnmatch_lines(["*example:  Nothing about anyone here.",
                                 f"FAILED claims/claims.yaml::{claim['id']} - *"])
