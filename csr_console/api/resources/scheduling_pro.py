"""Scheduling Pro v2: schedulers, their sessions and performance (ids are strings)."""

from __future__ import annotations

from datetime import datetime

from csr_console.api.models.common import format_utc
from csr_console.api.models.scheduling_pro import (
    Scheduler,
    SchedulerPerformance,
    SchedulerQuery,
    SchedulerSession,
    SchedulerSessionQuery,
)
from csr_console.api.resources.base import Collection, Resource, seg
from csr_console.api.transport import Transport


class Schedulers(Collection[Scheduler, SchedulerQuery]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "schedulingpro", "/schedulers", Scheduler, "scheduler")

    def sessions(self, scheduler_id: str) -> Collection[SchedulerSession, SchedulerSessionQuery]:
        path = f"/schedulers/{seg(scheduler_id)}/sessions"
        return Collection(self._transport, "schedulingpro", path, SchedulerSession, "scheduler session")

    async def performance(
        self, scheduler_id: str, session_created_on_or_after: datetime, session_created_before: datetime
    ) -> SchedulerPerformance:
        params = {
            "sessionCreatedOnOrAfter": format_utc(session_created_on_or_after),
            "sessionCreatedBefore": format_utc(session_created_before),
        }
        path = f"/schedulers/{seg(scheduler_id)}/performance"
        return await self._get(path, SchedulerPerformance, "scheduler performance", params)


class SchedulingPro(Resource):
    """`client.scheduling_pro`."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "schedulingpro")
        self.schedulers = Schedulers(transport)
