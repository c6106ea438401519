"""Fixtures of the report tests: the real run on the frozen seed corpus (tests/data/corpus, see
tests/frozen.py), and a hand-built Result (report_sample.py) with every corner the seeds may not
have."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest
from report_sample import sample

from verifier.execution import runner
from verifier.model import Result

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "tests") not in sys.path:  # tests/frozen.py
    sys.path.insert(0, str(ROOT / "tests"))
# The seed corpus as the goldens were made from it; the live claims/ and seeds/ are the gate's.
from frozen import FROZEN as CORPUS  # noqa: E402

# Acknowledgement review dates are judged against this day, so goldens do not age.
TODAY = dt.date(2025, 11, 1)


def seed_run() -> Result:
    """`verifier check` on the frozen seed corpus, through the real engine."""
    return runner.run(runner.load(CORPUS), today=TODAY)


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
