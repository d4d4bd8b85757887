"""A real cache file per test, opened (and migrated) as the console opens it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from csr_console.store import database


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Engine]:
    engine = database.open_cache(tmp_path / "cache.db")
    yield engine
    engine.dispose()
