"""Contract tests need the official documents beside the project; without them they skip, saying why."""

from __future__ import annotations

import pytest

from tests.contract.openapi import Contract, load_contract


@pytest.fixture(scope="session")
def contract() -> Contract:
    return load_contract()
