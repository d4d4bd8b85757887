"""Seeding the cache's job-type mapping from a real sandbox over loopback: once, into an empty mapping
only, never from ServiceTitan, and a failure only logged."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from csr_console.api import PRODUCTION, Credentials, Environment, RetryPolicy, ServiceTitanClient
from csr_console.domain.job_type_mapping import MappingEntry
from csr_console.store import database
from csr_console.store.queries.job_type_mapping import mapping_entries, replace_mapping
from csr_console.sync.job_type_mapping_seed import SANDBOX_MAPPING_PATH, seed_job_type_mapping
from tests.conftest import RunningSandbox, credentials


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Engine]:
    engine = database.open_cache(tmp_path / "cache.db")
    yield engine
    engine.dispose()


def _seed(client: ServiceTitanClient, cache: Engine) -> int:
    async def run() -> int:
        async with client:
            return await seed_job_type_mapping(client, cache)

    return asyncio.run(run())


def _client(sandbox: RunningSandbox, paths: list[str] | None = None) -> ServiceTitanClient:
    async def record(request: httpx.Request) -> None:
        if paths is not None:
            paths.append(request.url.path)

    return ServiceTitanClient(
        credentials(sandbox),
        Environment.custom(sandbox.base_url, sandbox.token_url),
        event_hooks={"request": [record]},
    )


def _entries(cache: Engine) -> list[MappingEntry]:
    with cache.connect() as connection:
        return mapping_entries(connection)


def test_an_empty_mapping_is_seeded_with_the_sandboxs(sandbox: RunningSandbox, cache: Engine) -> None:
    served = httpx.Client(base_url=sandbox.base_url)
    token = served.post(
        "/connect/token",
        data={
            "grant_type": "client_credentials",
            "client_id": sandbox.client_id,
            "client_secret": sandbox.client_secret,
        },
    ).json()["access_token"]
    expected = served.get(SANDBOX_MAPPING_PATH, headers={"Authorization": f"Bearer {token}"}).json()["data"]
    served.close()

    assert _seed(_client(sandbox), cache) == len(expected) > 0
    stored = {(e.source, e.standard_job_type): e for e in _entries(cache)}
    assert len(stored) == len(expected)
    for item in expected:
        entry = stored[item["source"], item["standardJobType"]]
        assert list(entry.job_type_ids) == item["jobTypeIds"]
        assert list(entry.business_unit_ids) == item["businessUnitIds"]


def test_a_mapping_already_there_is_left_alone_and_nothing_fetched(
    sandbox: RunningSandbox, cache: Engine
) -> None:
    mine = [MappingEntry("Angi", "Mow the lawn", (1,), ())]
    with cache.begin() as connection:
        replace_mapping(connection, mine)
    paths: list[str] = []
    assert _seed(_client(sandbox, paths), cache) == 0
    assert paths == [] and _entries(cache) == mine


def test_nothing_is_fetched_from_servicetitan(cache: Engine) -> None:
    requests: list[httpx.Request] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(500)

    client = ServiceTitanClient(
        Credentials(1, "ak1.app", "cid.abc", "a-secret"),
        PRODUCTION,
        transport=httpx.MockTransport(refuse),
    )
    assert _seed(client, cache) == 0
    assert requests == [] and _entries(cache) == []


def test_an_unreachable_sandbox_is_logged_and_changes_nothing(
    sandbox: RunningSandbox, cache: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    gone = ServiceTitanClient(
        credentials(sandbox), Environment.custom(f"http://127.0.0.1:{port}"), retry=RetryPolicy(attempts=1)
    )
    with caplog.at_level(logging.WARNING, logger="csr_console.sync.job_type_mapping_seed"):
        assert _seed(gone, cache) == 0
    assert "the job-type mapping was not seeded" in caplog.text
    assert _entries(cache) == []


def test_a_provider_only_sandbox_login_is_refused_and_logged(
    sandbox: RunningSandbox, cache: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    provider = ServiceTitanClient(
        credentials(sandbox, sandbox.provider("Angi")),
        Environment.custom(sandbox.base_url, sandbox.token_url),
    )
    with caplog.at_level(logging.WARNING, logger="csr_console.sync.job_type_mapping_seed"):
        assert _seed(provider, cache) == 0
    assert "401" in caplog.text
    assert _entries(cache) == []
