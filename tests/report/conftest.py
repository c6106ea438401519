"""Fixtures of the report tests: the real run on the shipped seed corpus, and a hand-built
Result (report_sample.py) with every corner the seeds may not have."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from report_sample import sample

from verifier import runner
from verifier.model import Result

ROOT = Path(__file__).resolve().parents[2]
# Acknowledgement review dates are judged against this day, so goldens do not age.
TODAY = dt.date(2025, 11, 1)


def seed_run() -> Result:
    """`verifier check` on the repository's own claims and seeds, through the real engine."""
    return runner.run(runner.load(ROOT), today=TODAY)


@pytest.fixture(scope="session")
def seed() -> Result:
    return seed_run()


@pytest.fixture(scope="session")
def handmade() -> Result:
    return sample()


@pytest.fixture(scope="session", params=["seed", "handmade"])
def any_result(request: pytest.FixtureRequest) -> Result:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


@pytest.fixture
def contradicted(pytester: pytest.Pytester) -> pytest.Pytester:
    """A pytester folder holding tests/data/projects/contradicted, with the plugin switched on."""
    shutil.copytree(ROOT / "tests" / "data" / "projects" / "contradicted", pytester.path,
                    dirs_exist_ok=True)
    pytester.makeini("[pytest]\nverifier_claims = claims\nverifier_articles = seeds\n")
    return pytester
