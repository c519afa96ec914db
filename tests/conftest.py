"""Shared fixtures: paths to the project's own small maps."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def pets_map() -> Path:
    return FIXTURES / "maps" / "pets.ttl"
