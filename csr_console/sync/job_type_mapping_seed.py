"""Seeding the cache's job-type mapping from the sandbox a console runs against.

ServiceTitan has no API for its job-type mapping, so against a real tenant the mapping starts empty and
is filled in the settings. The sandbox (training mode, `--connect`, a custom-URL profile) offers a
realistic one at `GET /_sandbox/job-type-mapping` (a sandbox rule): it is fetched once, when the cache's
mapping is empty, so the CSR meets the prefill cases at once. A failure is logged and changes nothing.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
from sqlalchemy import Engine

from csr_console.api import INTEGRATION, PRODUCTION, ServiceTitanClient, ServiceTitanError
from csr_console.domain.job_type_mapping import MappingEntry
from csr_console.store.database import reader
from csr_console.store.queries.job_type_mapping import mapping_entries, replace_mapping

log = logging.getLogger(__name__)

SANDBOX_MAPPING_PATH = "/_sandbox/job-type-mapping"
_SERVICETITAN = frozenset({PRODUCTION.api_base, INTEGRATION.api_base})


def _entries(body: Any) -> list[MappingEntry]:
    """The answer's entries; ValueError, KeyError or TypeError when it is not the sandbox's shape."""
    return [
        MappingEntry(
            str(item["source"]),
            str(item["standardJobType"]),
            tuple(int(i) for i in item["jobTypeIds"]),
            tuple(int(i) for i in item["businessUnitIds"]),
        )
        for item in body["data"]
    ]


def _is_empty(db: Engine) -> bool:
    with reader(db).connect() as connection:
        return not mapping_entries(connection)


def _store_if_empty(db: Engine, entries: list[MappingEntry]) -> int:
    # Checked again in the writing transaction: the CSR may have saved a mapping during the fetch.
    with db.begin() as connection:
        if mapping_entries(connection):
            return 0
        replace_mapping(connection, entries)
    return len(entries)


async def seed_job_type_mapping(client: ServiceTitanClient, db: Engine) -> int:
    """Fetch the sandbox's mapping into an empty cache mapping; the number of entries stored (0 when
    the backend is ServiceTitan, the cache has a mapping already, or the fetch failed: logged)."""
    if client.environment.api_base in _SERVICETITAN or not await asyncio.to_thread(_is_empty, db):
        return 0
    url = client.environment.api_base + SANDBOX_MAPPING_PATH
    try:
        token = await client.transport.access_token()
        await client.limiter.acquire()
        response = await client.transport.http.get(
            url, headers={"Authorization": f"Bearer {token}", "ST-App-Key": client.credentials.app_key}
        )
        response.raise_for_status()
        entries = _entries(response.json())
        stored = await asyncio.to_thread(_store_if_empty, db, entries)
    except (ServiceTitanError, httpx.HTTPError, ValueError, KeyError, TypeError) as error:
        log.warning("the job-type mapping was not seeded from %s: %s", url, error)
        return 0
    log.info("job-type mapping seeded from the sandbox: %d entries", stored)
    return stored
