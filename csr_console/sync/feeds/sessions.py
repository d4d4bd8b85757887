"""Scheduling Pro sessions: one modifiedOnOrAfter list per scheduler the cache knows (the reference feed
brings the schedulers), walked one scheduler after another; the cursors share the row "sessions"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from csr_console.api.models.scheduling_pro import SchedulerSession, SchedulerSessionQuery
from csr_console.store import schema
from csr_console.store.rows import Row, scheduler_session_row
from csr_console.sync.feeds.base import Feed, FeedContext, Sink, Step
from csr_console.sync.feeds.cursors import CursorSlot
from csr_console.sync.feeds.modified import ModifiedListPoller

NAME = "sessions"


def _since(bound: datetime | None) -> SchedulerSessionQuery:
    # The sessions list takes no `sort`: walked page by page.
    return SchedulerSessionQuery(modified_on_or_after=bound)


def _scheduler_ids(connection: Connection) -> list[str]:
    return list(connection.execute(select(schema.scheduler.c.id).order_by(schema.scheduler.c.id)).scalars())


class SessionsFeed(Feed):
    def __init__(self, ctx: FeedContext) -> None:
        super().__init__(ctx, NAME)
        self._pollers: dict[str, ModifiedListPoller[SchedulerSession, SchedulerSessionQuery]] = {}
        self._round: list[str] = []  # schedulers still to ask in this poll

    async def step(self) -> Step:
        if not self._round:
            self._round = await self.ctx.writer.run(_scheduler_ids)
            if not self._round:
                return Step.NOTHING_TO_ASK
        scheduler_id = self._round[0]
        try:
            step = await self._poller(scheduler_id).step()
        except Exception:
            self._round.pop(0)  # one failing scheduler must not keep the others waiting
            raise
        if step is not Step.MORE:
            self._round.pop(0)
        return Step.MORE if self._round else Step.CAUGHT_UP

    def _poller(self, scheduler_id: str) -> ModifiedListPoller[SchedulerSession, SchedulerSessionQuery]:
        poller = self._pollers.get(scheduler_id)
        if poller is None:

            def row(model: SchedulerSession, _received_at: datetime) -> Row:
                return scheduler_session_row(model, scheduler_id)

            poller = self._pollers[scheduler_id] = ModifiedListPoller(
                self.ctx,
                NAME,
                self.ctx.client.scheduling_pro.schedulers.sessions(scheduler_id),
                _since,
                Sink(schema.scheduler_session, row, "session"),
                sortable=False,
                slot=CursorSlot(NAME, scheduler_id),
            )
        return poller
