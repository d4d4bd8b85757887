"""Building blocks of the feed tests: an engine on a fresh cache, with what it published recorded."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, func, select

from csr_console.api import ServiceTitanClient
from csr_console.store import schema
from csr_console.store.database import open_cache
from csr_console.sync.changes import ChangeHub, ChangeSet
from csr_console.sync.connectivity import ConnectivityMonitor
from csr_console.sync.feeds import FeedEngine


@dataclass
class Harness:
    engine: FeedEngine
    db: Engine
    client: ServiceTitanClient
    monitor: ConnectivityMonitor
    changes: list[ChangeSet] = field(default_factory=list)

    def published(self, kind: str) -> set[object]:
        """Every id of `kind` published since the last `forget()`."""
        return {i for change in self.changes for i in change.of(kind)}

    def forget(self) -> None:
        self.changes.clear()

    def row(self, table: Table, **key: Any) -> dict[str, Any] | None:
        with self.db.connect() as connection:
            found = connection.execute(
                select(table).where(*(table.c[name] == value for name, value in key.items()))
            ).first()
        return None if found is None else dict(found._mapping)

    def count(self, table: Table, *where: Any) -> int:
        with self.db.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(table).where(*where)).scalar_one())

    def cursors(self) -> dict[str, dict[str, Any]]:
        with self.db.connect() as connection:
            rows = connection.execute(select(schema.sync_cursor)).all()
        return {row.feed: dict(row._mapping) for row in rows}


@asynccontextmanager
async def harness(client: ServiceTitanClient, cache: Path, **engine_options: Any) -> AsyncIterator[Harness]:
    db = open_cache(cache)
    hub = ChangeHub()
    monitor = ConnectivityMonitor()
    engine = FeedEngine(client, db, hub, monitor, **engine_options)
    found = Harness(engine, db, client, monitor)
    hub.subscribe(found.changes.append)
    try:
        yield found
    finally:
        db.dispose()


async def wait_for(condition: Any, *, guard_s: float = 60.0) -> None:
    """Wait until `condition()` holds; the guard only stops a broken test from hanging."""
    async with asyncio.timeout(guard_s):
        while not condition():
            await asyncio.sleep(0.05)
