"""What every feed shares: its context, the outcome of one step, and the page write.

A feed's `step()` asks the server once (one page; the contacts feed: one small batch of bookings),
stores what came back in one transaction together with its cursor, publishes the ids that changed once
that transaction committed, and says whether more is waiting.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Table

from csr_console.api.client import ServiceTitanClient
from csr_console.api.models.common import Rejected
from csr_console.gil import pause
from csr_console.store.rows import Row
from csr_console.store.upserts import upsert
from csr_console.sync.changes import ChangeHub
from csr_console.sync.feeds.cursors import CursorSlot
from csr_console.sync.feeds.quarantine import quarantine_rejected
from csr_console.sync.feeds.writes import CacheWriter

M = TypeVar("M")
T = TypeVar("T")
M_contra = TypeVar("M_contra", contravariant=True)


@dataclass(frozen=True)
class FeedContext:
    client: ServiceTitanClient
    writer: CacheWriter
    changes: ChangeHub
    #: Wall-clock UTC time: `received_at` of new rows, cursor bookkeeping.
    now: Callable[[], datetime]


class Step(Enum):
    MORE = "more"  # asked, and more is waiting: ask again at once
    CAUGHT_UP = "caught up"  # asked, and nothing more is waiting
    NOTHING_TO_ASK = "nothing to ask"  # sent no request (e.g. no booking waits for its contacts)


class Feed(ABC):
    """One source of changes with its row in `sync_cursor` (named `name`)."""

    def __init__(self, ctx: FeedContext, name: str) -> None:
        self.ctx = ctx
        self.name = name

    @abstractmethod
    async def step(self) -> Step: ...


def same_ids(changed: list[Any], rows: list[Row]) -> Iterable[object]:
    return changed


@dataclass(frozen=True)
class Sink(Generic[M_contra]):
    """Where a feed's records go: the table, the row of one record (given when it was received), and
    which ids of which change kind to publish for the primary keys the upsert changed. (A sink of
    bookings takes export bookings too.) `status`: the column whose value the feed wants back for each
    changed record (booking contacts are fetched for New bookings)."""

    table: Table
    row: Callable[[M_contra, datetime], Row]
    kind: str
    notify: Callable[[list[Any], list[Row]], Iterable[object]] = same_ids
    status: str | None = None


@dataclass(frozen=True)
class StoredPage:
    changed: list[Any]  # primary keys the upsert inserted or updated
    published: frozenset[object]  # what `Sink.notify` made of them
    statuses: dict[Any, Any]  # changed primary key -> its `Sink.status` value (empty without one)


#: Records released per statement when a stored page is let go (see `store_page`).
_RELEASE_CHUNK = 250


def _release(items: list[Any]) -> None:
    """Empty `items` a few records at a time: freeing a 5,000-booking page in one statement holds the
    interpreter 15-20 ms, and between two statements the GUI thread gets its turn."""
    while items:
        pause()
        del items[-_RELEASE_CHUNK:]


def _rows(sink: Sink[M], items: list[M], received_at: datetime) -> list[Row]:
    rows = []
    for item in items:
        pause()
        rows.append(sink.row(item, received_at))
    return rows


def store_page(
    connection: Connection,
    sink: Sink[M],
    slot: CursorSlot,
    items: list[M],
    rejected: Sequence[Rejected],
    cursor: str | None,
    now: Callable[[], datetime],
) -> StoredPage:
    """The page write: records, quarantined records and the cursor, in the caller's one transaction.

    It consumes `items` and keeps no row: the records and rows of a page are freed here, in the
    writer's thread, a few at a time, instead of all at once on the event loop's (the GUI's) thread
    when the caller lets go of them."""
    received_at = now()
    rows = _rows(sink, items, received_at)
    _release(items)
    changed = upsert(connection, sink.table, rows)
    quarantine_rejected(connection, slot.feed, rejected, received_at)
    slot.advance(connection, cursor, len(rows), received_at)
    statuses: dict[Any, Any] = {}
    if sink.status is not None:
        (key,) = sink.table.primary_key.columns.keys()
        wanted = set(changed)
        statuses = {row[key]: row[sink.status] for row in rows if row[key] in wanted}
    stored = StoredPage(changed, frozenset(sink.notify(changed, rows)), statuses)
    _release(rows)
    return stored


async def write_page(
    ctx: FeedContext,
    sink: Sink[M],
    slot: CursorSlot,
    items: list[M],
    rejected: Sequence[Rejected],
    cursor: str | None,
) -> StoredPage:
    """`store_page` (which empties `items`) in its own transaction off the loop, then the change
    notification after the commit."""
    stored = await ctx.writer.run(lambda c: store_page(c, sink, slot, items, rejected, cursor, ctx.now))
    ctx.changes.publish(sink.kind, stored.published)
    return stored


class Prefetch(Generic[T]):
    """The next request of a walk, sent while the current page is being written: the server prepares
    page n+1 while the cache stores page n. It is used only by a step that asks exactly the same thing
    (`key`); otherwise (the write failed, the cursor is elsewhere) it is cancelled and asked anew."""

    def __init__(self) -> None:
        self._task: asyncio.Task[T] | None = None
        self._key: object = None

    def start(self, key: object, fetch: Coroutine[Any, Any, T]) -> None:
        self.drop()
        self._key = key
        self._task = asyncio.ensure_future(fetch)
        # A walk that stops early never awaits it: its failure must not be logged as unretrieved.
        self._task.add_done_callback(_retrieve)

    async def take(self, key: object, fetch: Callable[[], Awaitable[T]]) -> T:
        task, self._task = self._task, None
        if task is not None and self._key == key:
            return await task
        if task is not None:
            task.cancel()
        return await fetch()

    def drop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None


def _retrieve(task: asyncio.Task[Any]) -> None:
    if not task.cancelled():
        task.exception()
