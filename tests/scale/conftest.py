"""Fixtures of the scale tests (helpers in scale_projects.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from scale_projects import make


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """12 articles x 30 claims."""
    make(tmp_path / "small", 12, 30)
    return tmp_path / "small"
