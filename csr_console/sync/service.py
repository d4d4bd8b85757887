"""SyncService: the feeds and the outbox of one connection, run together on one event loop.

This is the small interface the UI and the headless runner use (DESIGN.md): change notifications
(`changes`), connectivity (`connectivity`), the CSR's commands (`enqueue`, `set_active`,
`fetch_booking_contacts`), what only the server can answer (`arrival_windows`, `search_duplicates`,
`scheduler_performance`) and the two ways to run (`run_once`, `run`). Queries go straight to the cache
through `csr_console.store.queries`.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from uuid import UUID

from sqlalchemy import Engine

from csr_console.api import ServiceTitanClient, ServiceTitanError
from csr_console.api.models.crm import Note
from csr_console.api.models.scheduling_pro import SchedulerPerformance
from csr_console.domain.arrival_windows import ArrivalWindow
from csr_console.sync.changes import ChangeHub, ChangeSet
from csr_console.sync.connectivity import ConnectivityMonitor
from csr_console.sync.duplicate_search import search_duplicates, search_lead_duplicates
from csr_console.sync.feeds.engine import FeedEngine
from csr_console.sync.outbox import Action, OutboxRunner, enqueue
from csr_console.sync.outbox.backoff import Backoff
from csr_console.sync.scheduling import arrival_windows

#: The application GUID CSR Console tags its creates with (`externalData`). Tags are private to it.
APPLICATION_GUID = UUID("015e208a-27cf-4951-8a80-d9b248c27c0f")


class SyncService:
    def __init__(
        self,
        client: ServiceTitanClient,
        db: Engine,
        *,
        application_guid: UUID = APPLICATION_GUID,
        outbox_backoff: Backoff | None = None,
    ) -> None:
        self._db = db
        self._client = client
        self.changes = ChangeHub()
        self.connectivity = ConnectivityMonitor()
        self.feeds = FeedEngine(client, db, self.changes, self.connectivity)
        self.outbox = OutboxRunner(
            client,
            db,
            application_guid=application_guid,
            changes=self.changes,
            connectivity=self.connectivity,
            backoff=outbox_backoff,
        )
        # What an action changed on the server shows in the queue at once, and its neighbours soon.
        self.changes.subscribe(self._after_outbox_change)

    def _after_outbox_change(self, changes: ChangeSet) -> None:
        if changes.of("outbox"):
            self.feeds.poll_now()

    def enqueue(self, action: Action, actor: str, *, hold_s: float = 0) -> str:
        """Write a CSR's action to the outbox (visible at once as pending) and start on it, after
        `hold_s` seconds (the time the CSR has to undo it, by cancelling it)."""
        action_id = enqueue(self._db, action, actor=actor, changes=self.changes, hold_s=hold_s)
        self.outbox.wake()
        return action_id

    def set_active(self, active: bool) -> None:
        self.feeds.set_active(active)

    def set_queue_cadence(self, active_s: float, idle_s: float) -> None:
        self.feeds.set_queue_cadence(active_s, idle_s)

    async def fetch_booking_contacts(self, booking_id: int) -> bool:
        return await self.feeds.fetch_booking_contacts(booking_id)

    async def arrival_windows(
        self, business_unit_id: int, job_type_id: int, *, starts: datetime
    ) -> list[ArrivalWindow]:
        """The coming week's arrival windows for the job (dispatch capacity; needs the network)."""
        return await arrival_windows(self._client, business_unit_id, job_type_id, starts=starts)

    async def scheduler_performance(
        self, scheduler_id: str, start: datetime, end: datetime
    ) -> SchedulerPerformance:
        """A Scheduling Pro scheduler's rates and milestone counts over the sessions created in
        [start, end). The server computes them and the cache keeps none: needs the network."""
        return await self._client.scheduling_pro.schedulers.performance(scheduler_id, start, end)

    async def search_duplicates(self, booking_id: int) -> int:
        """Find on the server the customers the booking may be and store them in the cache, for
        `store.queries.duplicates` to rank; how many were found. Raises ServiceTitanError offline."""
        return await search_duplicates(
            self._client,
            self._db,
            booking_id,
            fetch_contacts=self.feeds.fetch_booking_contacts,
            changes=self.changes,
        )

    async def search_lead_duplicates(self, lead_id: int) -> int:
        """The same for a lead without a customer, by what was entered on it."""
        return await search_lead_duplicates(self._client, self._db, lead_id, changes=self.changes)

    async def lead_notes(self, lead_id: int) -> list[Note]:
        """A lead's notes, as the server has them now (the cache keeps none: needs the network)."""
        return [note async for note in self._client.crm.leads.notes(lead_id).items()]

    async def run_once(self) -> dict[str, ServiceTitanError]:
        """Bring the cache up to date once and carry out the actions due now (resuming unfinished ones).

        Answers the feeds the server refused, with their errors (the others went on); raises a
        TransportError when the server cannot be reached at all (the actions then stay queued)."""
        self.outbox.resume()
        refused = await self.feeds.sync_once()
        await self.outbox.run_due()
        return refused

    async def run(self, stop: asyncio.Event) -> None:
        """Sync and carry out actions until `stop` is set; unfinished actions resume on the next start."""
        self.outbox.resume()
        async with asyncio.TaskGroup() as group:  # one failing half stops the other
            group.create_task(self.feeds.run(stop), name="sync:feeds")
            group.create_task(self.outbox.run(stop), name="sync:outbox")
