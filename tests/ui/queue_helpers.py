"""Helpers of the queue's UI tests: a SyncBridge over a cache (real data or hand-made rows), and
booking rows written into it with a change notification, as the sync engine would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from csr_console.api import Credentials, Environment, ServiceTitanClient
from csr_console.store import schema
from csr_console.store.database import open_cache
from csr_console.store.upserts import upsert
from csr_console.sync.service import SyncService
from csr_console.ui.bridge import SyncBridge
from tests.store.cache_rows import T0, booking

#: Nothing listens here: these bridges never reach a server (no loop runs the engine).
_NOWHERE = Environment.custom("http://127.0.0.1:9")


@contextmanager
def bridge_over(cache: Path) -> Iterator[SyncBridge]:
    db = open_cache(cache)
    client = ServiceTitanClient(Credentials(1, "app", "client", "secret"), _NOWHERE)
    bridge = SyncBridge(SyncService(client, db), db, actor="csr:test")
    try:
        yield bridge
    finally:
        bridge.reader.dispose()
        db.dispose()


def write_bookings(bridge: SyncBridge, *rows: dict[str, Any]) -> None:
    """Upsert booking rows (each newer than what is stored) and publish their ids."""
    with bridge.db.begin() as connection:
        changed = upsert(connection, schema.booking, list(rows))
    bridge.service.changes.publish("booking", changed)


def aged(booking_id: int, minutes: float, **fields: Any) -> dict[str, Any]:
    """A booking created `minutes` before T0."""
    return booking(booking_id, created_on=T0 - timedelta(minutes=minutes), **fields)


def later(row: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """The same booking as modified a second later (so the upsert takes it)."""
    modified: datetime = row["modified_on"] + timedelta(seconds=1)
    return {**row, **fields, "modified_on": modified}


def settle(qtbot: Any, model: Any) -> None:
    """Wait until a QueueModel has read and applied every change it was told of."""
    qtbot.waitUntil(lambda: not model.busy, timeout=10_000)


def write_and_settle(bridge: SyncBridge, qtbot: Any, model: Any, *rows: dict[str, Any]) -> None:
    """Write bookings as the engine does and wait until the model has applied them."""
    write_bookings(bridge, *rows)
    settle(qtbot, model)
