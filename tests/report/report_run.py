"""What the report tests share besides fixtures: the frozen seed corpus (tests/data/corpus, see
tests/frozen.py) and its run through the real engine. A module of its own name, not conftest:
another test folder's conftest would shadow it when both folders run in one pytest call."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

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
