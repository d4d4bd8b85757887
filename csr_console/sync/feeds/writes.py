"""Cache transactions for the feeds: in a worker thread, so a page of thousands of rows never stalls the
event loop (the GUI's, under qasync), and all-or-nothing even when the awaiting task is cancelled."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, Engine

T = TypeVar("T")


class _Abandoned(Exception):
    """Raised inside a transaction whose caller was cancelled, to roll it back."""


class CacheWriter:
    """Runs `work(connection)` in one transaction (BEGIN IMMEDIATE: see store.database).

    With `offload` (the default) the transaction runs in a worker thread. If the awaiting task is
    cancelled meanwhile, the transaction is rolled back unless it already committed, and the
    cancellation waits for the thread: when `run` raises CancelledError nothing is half-written and
    nothing still writes. `offload=False` runs it on the calling thread (benchmarks compare the two).
    """

    def __init__(self, db: Engine, *, offload: bool = True) -> None:
        self.db = db
        self.offload = offload

    async def run(self, work: Callable[[Connection], T]) -> T:
        if not self.offload:
            return self._transaction(work, None)
        abandon = threading.Event()
        future = asyncio.ensure_future(asyncio.to_thread(self._transaction, work, abandon))
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            abandon.set()
            await asyncio.wait({future})
            if not future.cancelled():
                future.exception()  # retrieved: the rollback's _Abandoned is expected, not an error to log
            raise

    def _transaction(self, work: Callable[[Connection], T], abandon: threading.Event | None) -> T:
        with self.db.begin() as connection:
            result = work(connection)
            if abandon is not None and abandon.is_set():
                raise _Abandoned
            return result
