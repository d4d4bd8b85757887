"""Contract tests need the official documents beside the project; without them they skip, saying why."""

from __future__ import annotations

import pytest

from tests.contract.openapi import OPENAPI_DIR, Contract, load_contract


@pytest.fixture(scope="session")
def contract() -> Contract:
    if not OPENAPI_DIR.is_dir():
        pytest.skip(
            f"the official OpenAPI documents are not at {OPENAPI_DIR} (../shared/servicetitan-openapi)"
        )
    return load_contract()
