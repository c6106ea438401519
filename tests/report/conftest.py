"""Fixtures of the report tests: the real run on the frozen seed corpus (tests/data/corpus, see
tests/frozen.py), and a hand-built Result (report_sample.py) with every corner the seeds may not
have."""

from __future__ import annotations

import shutil

import pytest
from report_run import ROOT, seed_run
from report_sample import sample

from verifier.model import Result


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
