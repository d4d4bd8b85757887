"""Following an export feed: `from` = the saved continueFrom, includeRecentChanges=true.

Deleted and deactivated records come flagged `active: false` and are stored as such. A poll that finds
nothing costs one request and no write. During a catch-up the next batch is asked for while the current
one is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from pydantic import BaseModel

from csr_console.api.models.common import ExportBatch
from csr_console.api.resources.base import ExportFeed
from csr_console.sync.feeds.base import Feed, FeedContext, Prefetch, Sink, Step, StoredPage, write_page
from csr_console.sync.feeds.cursors import CursorSlot

M = TypeVar("M", bound=BaseModel)


class ExportPoller(Feed, Generic[M]):
    def __init__(
        self,
        ctx: FeedContext,
        name: str,
        source: ExportFeed[M],
        sink: Sink[M],
        *,
        on_stored: Callable[[StoredPage], None] | None = None,
    ) -> None:
        super().__init__(ctx, name)
        self._source = source
        self._sink = sink
        self._slot = CursorSlot(name)
        self._on_stored = on_stored
        self._cursor: str | None = None
        self._loaded = False
        self._ahead: Prefetch[ExportBatch[M]] = Prefetch()

    async def _fetch(self, cursor: str | None) -> ExportBatch[M]:
        return await self._source.fetch(cursor, include_recent_changes=True, strict=False)

    async def step(self) -> Step:
        if not self._loaded:
            self._cursor = await self.ctx.writer.run(self._slot.read)
            self._loaded = True
        cursor = self._cursor
        batch = await self._ahead.take(cursor, lambda: self._fetch(cursor))
        moved = batch.continue_from != cursor
        # A token that did not move would only bring the same answer again.
        more = batch.has_more and moved
        if more:
            self._ahead.start(batch.continue_from, self._fetch(batch.continue_from))
        if batch.items or batch.rejected or moved:
            try:
                stored = await write_page(
                    self.ctx, self._sink, self._slot, batch.items, batch.rejected, batch.continue_from
                )
            except BaseException:
                self._ahead.drop()
                raise
            self._cursor = batch.continue_from
            if self._on_stored is not None:
                self._on_stored(stored)
        return Step.MORE if more else Step.CAUGHT_UP
